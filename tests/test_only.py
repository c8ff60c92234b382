"""`--only failing|binding` narrows what every report lists; the summary and the verdict (and the
exit code) still count everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run

DISTRICTS = SAMPLES / "districts-2023.csv"


def all_results() -> list[dict[str, object]]:
    return json.loads(run("evaluate", DISTRICTS, "-f", "json").stdout)["results"]


@pytest.mark.parametrize(
    ("only", "keep"),
    [("failing", lambda r: r["status"] == "fail"), ("binding", lambda r: r["binding"] is True)],
)
def test_json_lists_only_what_was_asked_and_counts_everything(only: str, keep: object) -> None:
    everything = run("evaluate", DISTRICTS, "-f", "json")
    narrowed = run("evaluate", DISTRICTS, "-f", "json", "--only", only)
    assert narrowed.code == everything.code  # the verdict is the whole evaluation's
    whole, part = everything.json(), narrowed.json()
    assert part["summary"] == whole["summary"] and part["compliant"] == whole["compliant"]
    expected = [r for r in whole["results"] if keep(r)]  # type: ignore[operator]
    assert part["results"] == expected and 0 < len(expected) < len(whole["results"])


def test_the_results_file_holds_only_the_failing_results() -> None:
    import csv
    import io

    failing = [(r["unit"], r["year"], r["id"]) for r in all_results() if r["status"] == "fail"]
    text = run("evaluate", DISTRICTS, "-f", "csv", "--lang", "en", "--only", "failing").stdout
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(r["unit"], int(r["year"]), r["indicator"]) for r in rows] == failing
    assert {r["status"] for r in rows} == {"fail"}


@pytest.mark.parametrize("fmt", ["markdown", "html", "table"])
def test_shared_and_terminal_reports_are_narrowed_but_keep_the_verdict(fmt: str) -> None:
    whole = run("evaluate", DISTRICTS, "-f", fmt, "--lang", "en")
    part = run("evaluate", DISTRICTS, "-f", fmt, "--lang", "en", "--only", "failing")
    assert part.code == whole.code and len(part.stdout) < len(whole.stdout)
    assert "NOT COMPLIANT" in part.stdout


def test_only_takes_failing_or_binding() -> None:
    result = run("evaluate", DISTRICTS, "--only", "everything")
    assert result.code == 2


def blank_binding_figure(folder: Path) -> Path:
    """samples/2023.csv with binding indicator 1 left blank: missing, so not compliant."""
    text = (SAMPLES / "2023.csv").read_text(encoding="utf-8")
    row = "1,“三重一大”事项提交区委常委会审议率,100,"
    assert text.count(row) == 1
    (folder / "2023.csv").write_text(text.replace(row, row.replace(",100,", ",,")), "utf-8")
    return folder / "2023.csv"


@pytest.mark.parametrize("strict", [False, True])
def test_only_failing_lists_what_fails_and_whatever_blocks_compliance(
    tmp_path: Path, strict: bool
) -> None:
    """One rule (evaluate.models.KEEPS) for every format: a fail, or a result that makes the
    run non-compliant — a binding indicator missing or unknown in the latest year, and with
    --strict anything not passed there. A "not compliant" verdict is never left unexplained."""
    import csv
    import io

    figures = blank_binding_figure(tmp_path)
    flags = ["--strict"] if strict else []
    whole = run("evaluate", figures, "-f", "json", *flags).json()
    blocking = {"fail", "missing", "unknown"} | ({"behind"} if strict else set())
    expected = [
        (r["year"], r["id"])
        for r in whole["results"]
        if r["status"] == "fail" or (r["status"] in blocking and (strict or r["binding"]))
    ]
    assert (2023, "1") in expected and not whole["compliant"]
    part = run("evaluate", figures, "-f", "json", "--only", "failing", *flags)
    assert part.code == 1
    assert [(r["year"], r["id"]) for r in part.json()["results"]] == expected
    text = run("evaluate", figures, "-f", "csv", "--lang", "en", "--only", "failing", *flags)
    rows = list(csv.DictReader(io.StringIO(text.stdout.removeprefix("\ufeff"))))
    assert [(int(r["year"]), r["indicator"]) for r in rows] == expected
    for fmt in ("table", "markdown", "html"):
        shown = run("evaluate", figures, "-f", fmt, "--lang", "en", "--only", "failing", *flags)
        assert "no value submitted" in shown.stdout, fmt  # indicator 1, listed
        assert "other results need attention" not in shown.stdout
    if strict:  # a behind result blocks: listed; without --strict it is not
        assert any(r["status"] == "behind" for r in part.json()["results"])
    else:
        assert all(r["status"] != "behind" for r in part.json()["results"])


def test_the_city_view_keeps_the_indicators_the_listings_keep(tmp_path: Path) -> None:
    """The city view (one row per indicator, the latest year) keeps an indicator when the rule
    keeps a result of it: indicator 1, passed by every unit but one, which left it blank."""
    text = DISTRICTS.read_text(encoding="utf-8")
    assert text.count("\n黄浦区,2023,1,100,\n") == 1
    figures = tmp_path / "districts.csv"
    figures.write_text(text.replace("\n黄浦区,2023,1,100,\n", "\n黄浦区,2023,1,,\n"), "utf-8")
    for fmt, row in (("markdown", "\n| {} | "), ("table", "\n│ {}  │ ")):
        part = run("evaluate", figures, "-f", fmt, "--lang", "en", "--only", "failing").stdout
        city = part[part.index("Mean") :].split("\n\n")[0]
        assert row.format(1) in city and row.format(5) in city, (fmt, city)
        assert row.format(2) not in city, (fmt, city)  # passed by every unit

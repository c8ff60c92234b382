"""`--only failing|binding` narrows what every report lists; the summary and the verdict (and the
exit code) still count everything."""

from __future__ import annotations

import json

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

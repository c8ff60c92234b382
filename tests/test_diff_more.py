"""plancheck diff, beyond two files: two years of one file (--year A --year B), --unit, --sheet,
--plan, and the html format."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from plancheck.report import choices
from tests.conftest import SAMPLES, run

DISTRICTS = SAMPLES / "districts-2023.csv"


def diff_json(*args: object) -> tuple[int, dict[str, Any]]:
    result = run("diff", *map(str, args), "-f", "json", "--lang", "en")
    assert result.code in (0, 1), result.stderr
    return result.code, json.loads(result.stdout)


def rows_up_to(source: Path, target: Path, year: int) -> Path:
    """The rows of ``source`` of ``year`` and before, as a file of its own."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0]] + [r for r in rows[1:] if int(r[1]) <= year]
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(kept)
    return target


def comparable(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(r["unit"], r["id"], r["old"]["status"], r["old"]["value"], r["old"]["reason"],
             r["new"]["status"], r["new"]["value"], r["delta"], r["change"])
            for r in data["rows"]]  # fmt: skip


def test_two_years_of_one_file_are_two_evaluations_as_they_stood(tmp_path: Path) -> None:
    """The earlier year is judged as it was then: the same as a file cut after that year."""
    code, data = diff_json(DISTRICTS, "--year", "2022", "--year", "2023")
    assert (data["old"]["year"], data["new"]["year"]) == (2022, 2023)
    assert data["old"]["files"] == data["new"]["files"] == [str(DISTRICTS)]
    units = {r["unit"] for r in data["rows"]}  # four units reported 2022 too, twelve 2023 only
    assert len(units) == 16 and len(data["rows"]) == 16 * 23
    new = [r for r in data["rows"] if r["unit"] == "黄浦区"]
    assert {r["old"]["status"] for r in new} == {"missing"}
    assert {r["change"] for r in new if r["new"]["status"] == "fail"} == {"newly_failing"}
    earlier = rows_up_to(DISTRICTS, tmp_path / "up-to-2022.csv", 2022)
    code_files, by_files = diff_json(earlier, DISTRICTS)
    assert comparable(data) == comparable(by_files)
    assert data["summary"] == by_files["summary"]
    assert code == code_files == (1 if data["regressed"] else 0)
    assert sum(data["summary"].values()) == len(data["rows"])


def test_one_file_defaults_to_its_two_latest_years() -> None:
    _, default = diff_json(DISTRICTS)
    _, explicit = diff_json(DISTRICTS, "--year", "2022", "--year", "2023")
    assert default == explicit
    _, earlier = diff_json(DISTRICTS, "--year", "2021", "--year", "2022")
    assert (earlier["old"]["year"], earlier["new"]["year"]) == (2021, 2022)
    assert comparable(earlier) != comparable(explicit)


def test_unit_compares_one_unit_with_every_unit_as_peers() -> None:
    _, data = diff_json(DISTRICTS, "--year", "2022", "--year", "2023", "--unit", "徐汇区")
    assert {r["unit"] for r in data["rows"]} == {"徐汇区"}
    assert len(data["rows"]) == 23
    _, everyone = diff_json(DISTRICTS, "--year", "2022", "--year", "2023")
    mine = [row for row in comparable(everyone) if row[0] == "徐汇区"]
    assert comparable(data) == mine  # the peers (city averages, ranks) are the 16 units
    relative = next(r for r in data["rows"] if r["id"] == "5")  # 低于全市平均值
    assert "computed from 16 units" in relative["new"]["reason"]


def test_unit_not_in_the_file() -> None:
    result = run("diff", DISTRICTS, "--unit", "徐汇")
    assert result.code == 2
    assert result.stderr.startswith(
        "--unit 徐汇: not a unit of the submission; did you mean '徐汇区'?"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2023"], "{file}: --year 2023: one file needs two years to compare"),
        (["--year", "2019", "--year", "2023"], "{file}: --year 2019: the file holds no figures"),
        (["--year", "2023", "--year", "2023"], "--year 2023 is given twice"),
        (["--year", "2021", "--year", "2022", "--year", "2023"], "--year is given at most twice"),
        (["--year", "3000", "--year", "2023"], "--year 3000: not a year"),
    ],
)
def test_bad_years(args: list[str], message: str) -> None:
    result = run("diff", DISTRICTS, *args)
    assert result.code == 2
    assert result.stderr.startswith(message.format(file=DISTRICTS)), result.stderr
    assert result.stdout == ""


def test_a_baseline_year_is_not_compared(tmp_path: Path) -> None:
    both = tmp_path / "xuhui.csv"
    rows = ["unit,year,indicator,value", "徐汇区,2020,4,90", "徐汇区,2023,4,100"]
    both.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("diff", both, "--year", "2020", "--year", "2023")
    assert result.code == 2 and "before the plan period 2021–2025" in result.stderr


def test_a_file_of_one_year_needs_a_second_file() -> None:
    result = run("diff", SAMPLES / "2023.csv")
    assert result.code == 2
    assert result.stderr.startswith(f"{SAMPLES / '2023.csv'}: holds the year 2023 only")


def test_two_files_without_years_in_their_names(tmp_path: Path) -> None:
    old, new = tmp_path / "before.csv", tmp_path / "after.csv"
    old.write_text("indicator,value\n4,100\n13,100\n", encoding="utf-8")
    new.write_text("indicator,value\n4,100\n13,99\n", encoding="utf-8")
    assert run("diff", old, new).code == 2  # no year at all
    code, data = diff_json(old, new, "--year", "2023")  # the year of both
    assert code == 1 and data["old"]["year"] == data["new"]["year"] == 2023
    code, data = diff_json(old, new, "--year", "2022", "--year", "2023")  # the year of each
    assert (data["old"]["year"], data["new"]["year"]) == (2022, 2023)
    rows = {r["id"]: r["change"] for r in data["rows"]}
    assert rows["13"] == "newly_failing" and code == 1
    # Two files of one year (a corrected resubmission): the year of each, as --year once says.
    code, data = diff_json(old, new, "--year", "2023", "--year", "2023")
    assert code == 1 and data["old"]["year"] == data["new"]["year"] == 2023


def test_sheet_of_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["这张表不是数据"])
    sheet = book.create_sheet("数据")
    with DISTRICTS.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.reader(handle)):
            sheet.append(row if n == 0 else [row[0], int(row[1]), row[2], row[3], row[4]])
    path = tmp_path / "districts.xlsx"
    book.save(path)
    _, from_book = diff_json(path, "--sheet", "数据", "--unit", "徐汇区")
    _, from_csv = diff_json(DISTRICTS, "--unit", "徐汇区")
    assert comparable(from_book) == comparable(from_csv)
    result = run("diff", DISTRICTS, "--sheet", "数据")
    assert result.code == 2 and "only Excel workbooks (.xlsx) have sheets" in result.stderr


def test_plan_of_its_own(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    assert run("init", plan).code == 0
    code, data = diff_json(plan / "sample-2027.csv", "--plan", plan)
    assert (data["old"]["year"], data["new"]["year"]) == (2026, 2027)
    assert len(data["rows"]) == 7 and code == 0


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser


def test_html_format(tmp_path: Path) -> None:
    assert "html" in choices("diff") and "json" in choices("diff")
    out = tmp_path / "diff.html"
    result = run("diff", SAMPLES / "2022.csv", SAMPLES / "2023.csv", "-f", "html", "-o", out,
                 "--lang", "en")  # fmt: skip
    assert result.code == 1  # indicator 5 newly fails
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    parsed = parse(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert parsed.tags.count("tr") == 1 + 5 + 1 + 23  # the summary's and the changes' rows
    text = "".join(parsed.text)
    assert "REGRESSED: 1 newly failing" in text
    assert "newly failing" in text and "fixed" in text
    again = run("diff", SAMPLES / "2022.csv", SAMPLES / "2023.csv", "-f", "html", "--lang", "en")
    assert again.stdout == html  # deterministic


def test_html_escapes_file_names(tmp_path: Path) -> None:
    hostile = tmp_path / "<b onclick=x>&2023.csv"
    hostile.write_bytes((SAMPLES / "2023.csv").read_bytes())
    result = run("diff", SAMPLES / "2022.csv", hostile, "-f", "html")
    assert "<b onclick" not in result.stdout
    assert "&lt;b onclick=x&gt;&amp;2023.csv" in result.stdout


def test_html_in_chinese_with_several_units() -> None:
    result = run("diff", DISTRICTS, "-f", "html", "--lang", "zh")
    assert result.code in (0, 1)
    parsed = parse(result.stdout)
    text = "".join(parsed.text)
    assert "浦东新区" in text and "单位" in text
    assert parsed.tags.count("tr") == 1 + 5 + 1 + 16 * 23  # every unit of either side


def test_unit_on_one_side_only() -> None:
    """黄浦区 reported 2023 only: --unit compares it against a missing earlier side, as the
    unfocused diff does, and its summary is of that unit."""
    whole = json.loads(run("diff", DISTRICTS, "-f", "json").stdout)
    result = run("diff", DISTRICTS, "--unit", "黄浦区", "-f", "json")
    assert result.code == 1, result.stderr  # 3 of its indicators fail in 2023: newly failing
    focused = json.loads(result.stdout)
    expected = [r for r in whole["rows"] if r["unit"] == "黄浦区"]
    assert [(r["id"], r["new"], r["change"]) for r in focused["rows"]] == [
        (r["id"], r["new"], r["change"]) for r in expected
    ]
    assert {r["old"]["status"] for r in focused["rows"]} == {"missing"}
    assert focused["old"]["summary"]["missing"] == 23
    assert sum(focused["new"]["summary"].values()) == 23
    result = run("diff", SAMPLES / "2022.csv", DISTRICTS, "--unit", "黄浦区")
    assert result.code == 1 and result.stderr == ""
    assert "newly failing" in result.stdout


def test_three_files_are_refused() -> None:
    files = [SAMPLES / "2021.csv", SAMPLES / "2022.csv", SAMPLES / "2023.csv"]
    result = run("diff", *files)
    assert result.code == 2
    assert result.stderr == (
        "diff compares two files, or two years of one file (--year A --year B)\n"
    )


def test_two_years_given_later_first_are_refused() -> None:
    result = run("diff", DISTRICTS, "--year", "2023", "--year", "2022")
    assert result.code == 2
    assert result.stderr == (
        f"{DISTRICTS}: --year 2023 --year 2022: give the earlier year first "
        "(--year 2022 --year 2023)\n"
    )


def _one_sided_files(tmp_path: Path) -> tuple[Path, Path]:
    """长宁区 in the old file only, 黄浦区 in the new one only, 徐汇区 in both."""
    with DISTRICTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    for path, units, year in (
        (old, ("徐汇区", "长宁区"), "2022"),
        (new, ("徐汇区", "黄浦区"), "2023"),
    ):
        kept = [r for r in rows[1:] if r[0] in units and r[1] == year]
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([rows[0], *kept])
    return old, new


@pytest.mark.parametrize("unit", ["长宁区", "黄浦区"])
def test_a_unit_in_one_run_only_is_compared_as_the_unfocused_diff_compares_it(
    tmp_path: Path, unit: str
) -> None:
    """Every row of the focused diff is the unfocused diff's row of that unit: the side without
    it absent ("no figures of the unit on this side"), a unit gone worsened where it had a
    figure (a failing one too: not "improved" to missing)."""
    old, new = _one_sided_files(tmp_path)
    _, whole = diff_json(old, new)
    _, focused = diff_json(old, new, "--unit", unit)
    expected = [r for r in whole["rows"] if r["unit"] == unit]
    assert focused["rows"] == expected and len(expected) == 23
    assert focused["summary"] == {k: sum(r["change"] == k for r in expected)
                                  for k in focused["summary"]}  # fmt: skip
    if unit == "长宁区":  # gone: 5 and 8 failed before
        assert {r["change"] for r in focused["rows"]} == {"worsened"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_diff_of_a_unit_in_one_run_only_says_so(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_sided_files(tmp_path)
    monkeypatch.chdir(tmp_path)  # the files named as typed: old.csv, new.csv
    said = {
        ("长宁区", "en"): "长宁区 is only in the old run, old.csv (2022): new.csv (2023) has no "
        "figures of it, so each indicator is compared with none.",
        ("黄浦区", "en"): "黄浦区 is only in the new run, new.csv (2023): old.csv (2022) has no "
        "figures of it, so each indicator is compared with none.",
        (
            "长宁区",
            "zh",
        ): "长宁区只在之前的 old.csv（2022年）中：之后的 new.csv（2023年）没有该单位的数据，"
        "各项指标均与无数据比较。",
        (
            "黄浦区",
            "zh",
        ): "黄浦区只在之后的 new.csv（2023年）中：之前的 old.csv（2022年）没有该单位的数据，"
        "各项指标均与无数据比较。",
    }

    def shown(lang: str, *extra: str) -> str:
        result = run("diff", "old.csv", "new.csv", *extra, "-f", fmt, "--lang", lang)
        assert result.code in (0, 1), result.stderr
        return result.stdout

    def flat(text: str) -> str:  # the terminal wraps a long line at its width
        return "".join(text.split()) if fmt == "table" else text

    for (unit, lang), sentence in said.items():
        assert flat(sentence) in flat(shown(lang, "--unit", unit)), (unit, lang)
    for extra in (("--unit", "徐汇区"), ()):  # in both runs, or every unit: nothing to say
        assert "only in the" not in shown("en", *extra)

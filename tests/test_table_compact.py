"""The terminal report: compact for several units or years, ``--details`` for every result, and
the lean layout (report/grid.py) that lays it out as rich would.

The statuses in the matrix, the counts and the attention list are checked against the JSON
report of the same run (the stable contract), not against the renderer's own helpers.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.evaluate.engine import evaluate
from plancheck.plan.load import load_plan
from plancheck.report import Options, render
from plancheck.report.grid import Screen, cell_len
from plancheck.submission.read import read_submission
from tests.conftest import ROOT, SAMPLES, run

SYMBOL = {"pass": "✔", "fail": "✘", "behind": "◐", "missing": "∅", "unknown": "?"}
YEARS = [SAMPLES / f"{year}.csv" for year in (2020, 2021, 2022, 2023)]
DISTRICTS = SAMPLES / "districts-2023.csv"
SGR = re.compile(r"\x1b\[[0-9;]*m")


def latest(data: dict) -> list[dict]:
    return [r for r in data["results"] if r["year"] == data["year"]]


def matrix_rows(table: str, first: str) -> dict[str, list[str]]:
    """The matrix's rows: the first cell (a unit or a year) → its symbols."""
    lines = table.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(first + " "))
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        name, *symbols = line.split()
        rows[name] = symbols
    return rows


def test_sixteen_districts_fit_on_two_screens_and_the_matrix_is_the_json_statuses() -> None:
    table = run("evaluate", DISTRICTS).stdout
    assert len(table.splitlines()) < 130  # was ~4,000 lines
    data = run("evaluate", DISTRICTS, "-f", "json").json()
    rows = matrix_rows(table, "Unit")
    units = list(dict.fromkeys(r["unit"] for r in data["results"]))
    assert list(rows) == units  # one line per unit, in the submission's order
    for unit in units:
        expected = [SYMBOL[r["status"]] for r in latest(data) if r["unit"] == unit]
        assert rows[unit] == expected, unit
    header = next(line for line in table.splitlines() if line.startswith("Unit "))
    assert header.split()[1:] == [str(n) for n in range(1, 24)]  # indicator ids as columns


def test_the_attention_list_is_bounded_blocking_first_and_says_how_many_more() -> None:
    table = run("evaluate", DISTRICTS).stdout
    data = run("evaluate", DISTRICTS, "-f", "json").json()
    todo = [r for r in latest(data) if r["status"] != "pass"]
    lines = table.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("Needs attention 2023"))
    assert lines[at] == f"Needs attention 2023 (the first 12 of {len(todo)})"
    listed = [line for line in lines[at + 1 :] if line.startswith("  ") and "[" in line][:12]
    blocking = [r for r in todo if r["binding"] and r["status"] in ("fail", "missing", "unknown")]
    assert len(blocking) >= 11
    assert all("[binding]" in line for line in listed[: len(blocking[:12])])
    assert f"  … and {len(todo) - 12} more (--details lists every result)" in lines


def test_the_summary_counts_the_latest_year_and_details_lists_every_result() -> None:
    compact = run("evaluate", *YEARS).stdout
    assert "Summary 2023: ✔ pass 14 · ✘ FAIL 1 · ◐ behind 6 · ∅ missing 1 · ? unknown 1" in compact
    assert "Verdict: COMPLIANT" in compact
    rows = matrix_rows(compact, "Year")  # one unit: a line per judged year
    assert list(rows) == ["2021", "2022", "2023"]
    data = run("evaluate", *YEARS, "-f", "json").json()
    for year, symbols in rows.items():
        expected = [SYMBOL[r["status"]] for r in data["results"] if r["year"] == int(year)]
        assert symbols == expected
    details = run("evaluate", *YEARS, "--details").stdout
    assert "Summary 2021–2023: ✔ pass 36" in details
    assert details.count("│ 徐汇区 │ 2022 │") == 23  # every result of every year
    assert len(details.splitlines()) > 5 * len(compact.splitlines())


def test_one_unit_and_one_year_keeps_the_full_report() -> None:
    plain = run("evaluate", SAMPLES / "2023.csv").stdout
    assert run("evaluate", SAMPLES / "2023.csv", "--details").stdout == plain
    assert "Status by" not in plain  # no matrix for a single unit and year


def test_a_focused_unit_is_named_at_the_top_with_its_figure_and_place() -> None:
    for extra in ([], ["--details"]):
        table = run("evaluate", DISTRICTS, "--unit", "徐汇区", *extra).stdout
        assert table.splitlines()[2] == "Unit: 徐汇区 (one of 16 units submitted)"
    zh = run("evaluate", DISTRICTS, "--unit", "徐汇区", "--lang", "zh").stdout
    assert zh.splitlines()[2] == "单位：徐汇区（共16个单位报送）"
    table = run("evaluate", DISTRICTS, "--unit", "徐汇区").stdout
    # indicator 16 (lower is better): 徐汇区's 2.1 among the districts' figures of 2023
    figures = {
        line.split(",")[0]: float(line.split(",")[3])
        for line in DISTRICTS.read_text(encoding="utf-8").splitlines()[1:]
        if line.split(",")[1] == "2023" and line.split(",")[2] == "16"
    }
    place = 1 + sum(1 for v in figures.values() if v < figures["徐汇区"])
    row = next(line for line in table.splitlines() if line.startswith("│ 16 "))
    cells = [c.strip() for c in row.strip("│").split("│")]
    assert cells[-2:] == [f"{figures['徐汇区']:.1f}", str(place)]
    mean = sum(figures.values()) / len(figures)
    assert cells[3] == f"{mean:.2f}"  # the city mean, one decimal finer than its figures


def test_a_focused_unit_absent_in_a_year_has_no_row_for_it(tmp_path: Path) -> None:
    """长宁区 sent nothing for 2022: its report has no blank 2022 row in the matrix, nor a
    2022 row of zeros among the statuses per year (markdown, HTML, Word share that table)."""
    lines = [
        f"{unit},{year},1,100"
        for unit in ("徐汇区", "长宁区")
        for year in (2021, 2022, 2023)
        if (unit, year) != ("长宁区", 2022)
    ]
    source = tmp_path / "gap.csv"
    source.write_text("unit,year,indicator,value\n" + "\n".join(lines) + "\n", encoding="utf-8")
    table = run("evaluate", source, "--unit", "长宁区").stdout
    assert list(matrix_rows(table, "Year")) == ["2021", "2023"]
    markdown = run("evaluate", source, "--unit", "长宁区", "-f", "markdown").stdout
    years = [line.split(" | ")[0] for line in markdown.splitlines() if line.startswith("| 202")]
    assert years == ["| 2021", "| 2023"]  # the statuses per year (the tables' columns stay)
    whole = run("evaluate", source, "-f", "markdown").stdout
    assert "| 2022 | 1 | 0 | 0 | 22 | 0 | 23 |" in whole  # the file's own years stay


def test_every_figure_of_an_indicator_has_the_same_decimals_in_the_city_view() -> None:
    table = run("evaluate", DISTRICTS).stdout
    row = next(line for line in table.splitlines() if line.startswith("│ 13 "))
    mean, low, high = (c.strip() for c in row.strip("│").split("│")[3:6])
    # Not 99.93125 beside 100; the mean one decimal finer (messages.mean_decimals).
    assert (mean, low, high) == ("99.93", "98.9", "100.0")


def test_only_failing_and_only_binding_narrow_the_listings() -> None:
    data = run("evaluate", DISTRICTS, "-f", "json").json()
    failing = run("evaluate", DISTRICTS, "--only", "failing").stdout
    lines = failing.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("Needs attention"))
    listed = [line for line in lines[at + 1 : at + 13] if line.startswith("  ")]
    assert listed and all(line.startswith("  ✘ FAIL") for line in listed)
    ids = {r["id"] for r in latest(data) if r["status"] == "fail"}
    header = next(line for line in lines if line.startswith("Unit "))
    assert set(header.split()[1:]) == ids  # the matrix keeps the indicators someone fails
    binding = run("evaluate", DISTRICTS, "--only", "binding").stdout
    header = next(line for line in binding.splitlines() if line.startswith("Unit "))
    assert header.split()[1:] == sorted({r["id"] for r in latest(data) if r["binding"]}, key=int)
    # the summary and the verdict still count everything
    assert "Summary 2023: ✔ pass 183" in binding and "Summary 2023: ✔ pass 183" in failing
    details = run("evaluate", DISTRICTS, "--only", "failing", "--details").stdout
    assert "◐ behind" not in details.split("Rule-of-law index")[0]
    assert run("evaluate", DISTRICTS, "--only", "nothing").code == 2


def test_the_compact_report_in_colour_writes_only_its_own_colours() -> None:
    plan = load_plan(None)
    evaluation = evaluate(plan, read_submission([DISTRICTS], plan))
    coloured = render("table", "evaluation", evaluation, Options(color=True))
    assert isinstance(coloured, str)
    assert "\x1b[1;31m✘\x1b[0m" in coloured  # a failure in bold red
    assert SGR.sub("", coloured) == render("table", "evaluation", evaluation, Options())


def test_the_evaluation_table_does_not_import_riches_console() -> None:
    probe = (
        "import sys\nfrom plancheck.cli import app\n"
        "try:\n    app(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('rich')))"
    )
    done = subprocess.run([sys.executable, "-c", probe, "evaluate", str(SAMPLES / "2023.csv")],
                          capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    assert done.stdout.splitlines()[-1] == "[]"


# --- the lean layout against rich's --------------------------------------------------------
# The lean layout is held to rich's console as the other terminal reports use it
# (report/richwrap.py: rich's layout, its lines broken by linebreak.line_breaks, 禁则 in Chinese),
# and, for text with no Chinese in it, to rich's own console: English wraps as rich wraps it.

WORDS = st.text(alphabet="abcXYZ019中文指标率（），“”≥—%.-", min_size=1, max_size=14)
CELL = st.lists(WORDS, min_size=0, max_size=6).map(" ".join)
ENGLISH = st.text(alphabet="abcXYZ019(),“”≥—%.-…", min_size=1, max_size=14)


def rich_console(width: int, wrapping: bool) -> tuple[Any, io.StringIO]:
    from rich.console import Console

    from plancheck.report.richwrap import Console as Wrapping

    buffer = io.StringIO()
    console = (Wrapping if wrapping else Console)(
        file=buffer, width=width, color_system=None, markup=False, highlight=False,
        emoji=False, legacy_windows=False)  # fmt: skip
    return console, buffer


def rich_table(
    headers: list[str], rows: list[list[str]], title: str, width: int, wrapping: bool = True
) -> str:
    from rich.table import Table
    from rich.text import Text

    console, buffer = rich_console(width, wrapping)
    grid = Table(title=Text(title), title_justify="left")
    for h in headers:
        grid.add_column(h, overflow="fold")
    for row in rows:
        grid.add_row(*(Text(c) for c in row))
    console.print(grid)
    return buffer.getvalue()


def rich_print(text: str, width: int, wrapping: bool = True) -> str:
    from rich.text import Text

    console, buffer = rich_console(width, wrapping)
    console.print(Text(text))
    return buffer.getvalue()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    columns=st.integers(1, 7),
    data=st.data(),
    width=st.integers(30, 130),
    words=st.sampled_from([WORDS, ENGLISH]),
)
def test_the_lean_table_is_riches_table(
    columns: int, data: st.DataObject, width: int, words: st.SearchStrategy[str]
) -> None:
    cell = st.lists(words, min_size=0, max_size=6).map(" ".join)
    headers = data.draw(st.lists(words, min_size=columns, max_size=columns))
    rows = data.draw(st.lists(st.lists(cell, min_size=columns, max_size=columns), max_size=5))
    title = data.draw(cell)
    screen = Screen(width, color=False)
    screen.table(headers, [[[(c, "")] for c in row] for row in rows], title=[(title, "")])
    assert screen.text() == rich_table(headers, rows, title, width)
    if words is ENGLISH:
        assert screen.text() == rich_table(headers, rows, title, width, wrapping=False)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.lists(st.one_of(WORDS, ENGLISH, st.just("  "), st.just("\n")), max_size=40)
       .map("".join), width=st.integers(5, 120))  # fmt: skip
def test_the_lean_wrapping_is_riches(text: str, width: int) -> None:
    screen = Screen(width, color=False)
    screen.print(text)
    assert screen.text() == rich_print(text, width)
    if not re.search("[中文指标率（），]", text):  # English: exactly as rich wraps it
        assert screen.text() == rich_print(text, width, wrapping=False)


def test_cell_widths_count_chinese_as_two() -> None:
    assert cell_len("徐汇区") == 6 and cell_len("a（b）") == 6 and cell_len("“x”") == 3
    assert cell_len("e\u0301") == 1  # a combining accent takes no cell


def test_the_matrix_splits_into_blocks_when_the_indicators_do_not_fit(tmp_path: Path) -> None:
    plan = load_plan(None)
    evaluation = evaluate(plan, read_submission([DISTRICTS], plan))
    narrow = render("table", "evaluation", evaluation, Options(width=60))
    assert isinstance(narrow, str)
    headers = [line for line in narrow.splitlines() if line.startswith("Unit ")]
    assert len(headers) == 2
    ids = [i for line in headers for i in line.split()[1:]]
    assert ids == [str(n) for n in range(1, 24)]
    assert max(cell_len(line) for line in narrow.splitlines()) <= 60
    assert json.dumps(ids)  # every indicator once


def test_the_compact_report_keeps_the_tasks_needing_attention_and_details_every_task() -> None:
    progress = SAMPLES / "progress-2023.yaml"
    compact = run("evaluate", DISTRICTS, "--tasks", progress).stdout
    details = run("evaluate", DISTRICTS, "--tasks", progress, "--details").stdout
    for report in (compact, details):
        assert "✘ OVERDUE  19 严格落实诉讼制度改革各项任务" in report
        assert "Tasks: ✘ OVERDUE 2" in report
    assert "┃ Task " in details and "┃ Task " not in compact  # the tables per section
    assert len(compact.splitlines()) < 160


MIDTERM_EN = {"achieved_early": "achieved early", "ahead": "ahead of schedule",
              "on_track": "broadly on schedule", "lagging": "lagging"}  # fmt: skip
MIDTERM_ZH = {"achieved_early": "提前实现", "ahead": "快于预期", "on_track": "基本符合预期",
              "lagging": "滞后"}  # fmt: skip


def midterm_counts(line: str, words: dict[str, str]) -> dict[str, int]:
    """``… 提前实现 5 · 基本符合预期 10`` → {"achieved_early": 5, "on_track": 10}."""
    by_word = {word: key for key, word in words.items()}
    found = {}
    for part in re.split(r"[:：]", line, maxsplit=1)[1].split(" · "):
        word, count = part.strip().rsplit(" ", 1)
        found[by_word[word]] = int(count)
    return found


def test_the_terminal_counts_the_latest_years_midterm_classes_as_the_json_gives_them() -> None:
    for files, lang, words, heading in [
        ([SAMPLES / "2023.csv"], "en", MIDTERM_EN, "Mid-term review 2023"),
        ([*YEARS], "zh", MIDTERM_ZH, "2023年中期评估"),
        ([DISTRICTS], "en", MIDTERM_EN, "Mid-term review 2023"),
    ]:
        data = json.loads(run("evaluate", *files, "-f", "json").stdout)
        expected: dict[str, int] = {}
        for r in latest(data):
            if r["midterm"] is not None:
                expected[r["midterm"]] = expected.get(r["midterm"], 0) + 1
        assert expected, files  # the samples' mid-term year classes some results
        table = run("evaluate", *files, "--lang", lang).stdout
        # The line, wrapped as the terminal's width wraps it.
        found = re.findall(rf"^{heading}[:：].*?(?=\n\n)", table, re.M | re.S)
        assert len(found) == 1, table
        assert midterm_counts(" ".join(found[0].split()), words) == expected


def test_no_midterm_line_in_the_target_year(tmp_path: Path) -> None:
    text = (SAMPLES / "2023.csv").read_text(encoding="utf-8")
    (tmp_path / "2025.csv").write_text(text, encoding="utf-8")
    data = json.loads(run("evaluate", tmp_path / "2025.csv", "-f", "json").stdout)
    assert all(r["midterm"] is None for r in data["results"])
    assert "Mid-term review" not in run("evaluate", tmp_path / "2025.csv").stdout


def test_a_unit_with_a_line_break_or_tab_keeps_its_matrix_and_index_rows_on_one_line(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    indicators = indicators.replace("\n  unit: 徐汇区\n", "\n  unit: 徐汇区\n  other_units: true\n")
    (plan / "indicators.yaml").write_text(indicators, encoding="utf-8")
    (plan / "tasks.yaml").write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    lines = (SAMPLES / "2023.csv").read_text(encoding="utf-8").splitlines()[1:]
    submission = tmp_path / "2023.csv"
    with submission.open("w", encoding="utf-8", newline="") as out:
        out.write("unit,indicator,name,value,reference,rank,note\n")
        for unit in ("徐汇区", '"新\n区"', '"A\tB"'):
            out.writelines(f"{unit},{line}\n" for line in lines)
    table = run("evaluate", submission, "--plan", plan).stdout
    rows = matrix_rows(table, "Unit")
    assert {"徐汇区", "新\\x0a区", "A\\x09B"} <= set(rows)
    assert all(len(symbols) == 23 for symbols in rows.values())
    index = table.split("Rule-of-law index 2023\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(index) == 3 and all("(Scored" in line for line in index), index

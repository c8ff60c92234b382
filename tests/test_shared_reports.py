"""The content rules of a report to share (markdown, html; docx in tests/test_docx.py).

File names without their folders; no command-line advice (the terminal keeps it); one row per
indicator with its figures under their years, every figure of one indicator with the same
decimals; the latest year's counts beside the verdict; the focused unit named at the top; the
city view for several units; ``--only`` narrowing the listings; the office and the date.
"""

from __future__ import annotations

import csv
import re
import statistics
from pathlib import Path

import pytest

from plancheck import app
from plancheck.plan.load import load_plan
from plancheck.report.common import file_name, shared_target
from tests.conftest import ROOT, SAMPLES, run

YEARS = [SAMPLES / f"{year}.csv" for year in (2020, 2021, 2022, 2023)]
SHARED = ("markdown", "html")


def report(fmt: str, *args: str | Path) -> str:
    result = run("evaluate", *args, "-f", fmt)
    assert result.code in (0, 1), result.stderr
    return result.stdout


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("fmt", SHARED)
def test_file_names_without_their_folders(fmt: str) -> None:
    shown = report(fmt, *YEARS)  # absolute paths
    assert "2020.csv, 2021.csv, 2022.csv, 2023.csv" in shown
    assert str(SAMPLES) not in shown
    assert file_name("/home/me/data/2023.csv") == "2023.csv"


@pytest.mark.parametrize("fmt", SHARED)
def test_no_command_line_advice_in_a_shared_report(fmt: str) -> None:
    shown = report(fmt, SAMPLES / "2023.csv", "--lang", "zh")
    assert "--reference" not in shown and "使用 --" not in shown
    assert "未提供全市平均值，无法判断" in shown
    english = report(fmt, SAMPLES / "2023.csv", "--lang", "en")
    assert "--reference" not in english and "not judged: no city average was given" in english
    # the terminal, where the user can act on it, keeps the advice
    assert "--reference" in report("table", SAMPLES / "2023.csv", "--lang", "en")


KINDS_PLAN = ROOT / "tests" / "fixtures" / "plans" / "kinds" / "indicators.yaml"
YEARLY = ROOT / "tests" / "cases" / "kinds" / "yearly_goal_missing" / "data.csv"


def docx_text(*args: str | Path, tmp_path: Path) -> str:
    from docx import Document

    out = tmp_path / "report.docx"
    assert run("evaluate", *args, "-f", "docx", "-o", out).code in (0, 1)
    document = Document(str(out))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("fmt", [*SHARED, "docx"])
def test_a_year_without_its_goal_is_said_without_the_plan_key(fmt: str, tmp_path: Path) -> None:
    """A yearly target with no goal for 2023: a shared report says the fact (the plan gives
    none), not the plan file's key to add it to — in Chinese no English ``targets_by_year``."""
    args = (YEARLY, "--plan", KINDS_PLAN)
    for lang, said in (("zh", "规划逐年确定该指标目标，未给出 2023年目标，无法判断"),
                       ("en", "not judged: the plan sets this target year by year and gives "
                              "none for 2023")):  # fmt: skip
        shown = (docx_text(*args, "--lang", lang, tmp_path=tmp_path) if fmt == "docx"
                 else report(fmt, *args, "--lang", lang))  # fmt: skip
        assert said in shown and "targets_by_year" not in shown, (fmt, lang)
    assert "targets_by_year" in report("table", *args)  # the terminal's user can act on it


@pytest.mark.parametrize("fmt", ["table", *SHARED, "docx"])
def test_only_never_says_nothing_needs_attention_when_something_does(
    fmt: str, tmp_path: Path
) -> None:
    """--only failing, nothing failing or blocking, but results behind, missing or unknown of
    expected indicators: "needs attention" says how many it does not list, never "Nothing needs
    attention". What blocks (a binding indicator missing) is listed: it is failing's to list."""
    text = (SAMPLES / "2023.csv").read_text(encoding="utf-8")
    assert text.count("5,规范性文件审查纠错率,2.3,1.8,") == 1  # the one fail: made a pass
    figures = tmp_path / "2023.csv"
    figures.write_text(
        text.replace("5,规范性文件审查纠错率,2.3,1.8,", "5,规范性文件审查纠错率,1.2,1.8,")
    )
    args = (figures, "--only", "failing", "--lang", "zh")
    shown = (docx_text(*args, tmp_path=tmp_path) if fmt == "docx"
             else report(fmt, *args))  # fmt: skip
    assert re.search(r"所列范围内无需关注事项；另有 \d+ 项结果需关注，未列出。", shown)
    assert "无需关注事项。" not in shown.replace("所列范围内无需关注事项", "")
    args = (YEARLY, "--plan", KINDS_PLAN, "--only", "failing", "--lang", "zh")
    shown = (docx_text(*args, tmp_path=tmp_path) if fmt == "docx"
             else report(fmt, *args))  # fmt: skip
    assert "森林覆盖率" in shown and "未列出" not in shown  # binding, missing: listed


def test_one_row_per_indicator_with_its_figures_under_their_years() -> None:
    markdown = report("markdown", *YEARS, "--lang", "zh")
    assert (
        "| 序号 | 指标 | 属性 | 目标 | 2021年 | 2022年 | 2023年 | 2023年状态 | 中期评估 | 2023年说明 | 备注 |"
        in (markdown)
    )
    categories = markdown.split("## 依法执政")[1]
    rows = [line for line in categories.splitlines() if re.match(r"\| \d+ \| ", line)]
    ids = [row.split(" | ")[0].strip("| ") for row in rows]
    assert sorted(ids, key=int) == [str(n) for n in range(1, 24)]  # each once, not per year
    row = next(r for r in rows if r.startswith("| 15 |"))
    assert "| 81.0 | 81.5 | 82.0 |" in row  # one indicator, one number of decimals
    progress = next(line for line in markdown.splitlines() if "| 15 一审陪审率 |" in line)
    assert "| 80.0 | 81.0 | 81.5 | 82.0 | 83.4 | 90% | 严重滞后 | 滞后 |" in progress


def test_html_rows_per_indicator_and_latest_counts_beside_the_verdict() -> None:
    html = report("html", *YEARS, "--lang", "zh")
    assert html.count('<tr id="indicator-徐汇区-') == 23
    verdict = re.search(r'<p class="verdict[^>]*>(.*?)</p>', html, re.S)
    assert verdict is not None
    assert "（2023年度：达标 14、未达标 1、推进中 6、缺数 1、无法判断 1）" in text_of(
        verdict.group(1)
    )
    assert "2023年度，23项指标中，14项已达标" in html
    assert "中期评估" in html and "提前实现" in html


@pytest.mark.parametrize("fmt", SHARED)
def test_a_focused_unit_is_named_and_the_city_view_recomputes(fmt: str) -> None:
    source = SAMPLES / "districts-2023.csv"
    shown = report(fmt, source, "--unit", "徐汇区", "--lang", "zh")
    if fmt == "html":
        shown = text_of(shown.split("<body>")[1])
    head = shown[:800]
    assert "徐汇区（共16个单位报送）" in head
    assert "各指标全市情况（2023年）" in shown
    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if (r["indicator"], r["year"]) == ("19", "2023")]
    figures = [float(r["value"]) for r in rows]
    mean = f"{statistics.fmean(figures):.2f}"  # figures of one decimal: the mean one finer
    cells = [mean, f"{min(figures):.1f}", f"{max(figures):.1f}", str(len(figures))]
    if fmt == "markdown":
        assert f"| 19 | 常住人口每万人律师占有数 | {' | '.join(cells)} |" in shown
    else:
        assert re.search(r"19\s+常住人口每万人律师占有数\s+" + r"\s+".join(cells), shown)


@pytest.mark.parametrize("fmt", SHARED)
def test_a_span_of_years_takes_the_chinese_dash(fmt: str) -> None:
    shown = report(fmt, SAMPLES / "2023.csv", "--lang", "zh")
    assert "徐汇区全面依法治区第十四个五年规划，2021—2025" in shown and "2021–2025" not in shown
    english = report(fmt, SAMPLES / "2023.csv", "--lang", "en")
    assert "2021–2025" in english and "2021—2025" not in english


@pytest.mark.parametrize("fmt", SHARED)
def test_a_chinese_bracket_follows_the_text_without_a_space(fmt: str) -> None:
    shown = report(fmt, SAMPLES / "2023.csv", "--tasks", SAMPLES / "progress-2023.yaml",
                   "--lang", "zh")  # fmt: skip
    if fmt == "html":
        shown = re.sub(r"<[^>]+>", "", shown.split("<body>")[1])
    else:
        shown = shown.replace("**", "")
    assert "合规：约束性指标全部达标（2023年度：达标 14、" in shown
    assert " （" not in shown
    if fmt == "html":  # the as_of is on the task page
        shown = re.sub(r"<[^>]+>", "", run("tasks", "check", SAMPLES / "progress-2023.yaml",
                                           "-f", "html", "--lang", "zh").stdout)  # fmt: skip
    assert "2023年12月31日（报送文件所载）" in shown and " （" not in shown  # 截至
    assert "2023-12-31" not in shown.split("任务进展")[0]  # the document's date too: 2021年7月23日
    english = re.sub(r"<[^>]+>|\*\*", "", report(fmt, SAMPLES / "2023.csv", "--lang", "en"))
    assert "indicator is met (2023: pass 14, FAIL 1," in english  # an English one after a space


@pytest.mark.parametrize("fmt", SHARED)
def test_the_tasks_sentence_reads_as_prose(fmt: str) -> None:
    progress = SAMPLES / "progress-2023.yaml"
    english = report(fmt, SAMPLES / "2023.csv", "--tasks", progress, "--lang", "en")
    assert (
        "Tasks: 2 overdue, 1 inconsistent, 2 unreported, 2 not started, 43 in progress, 4 done, "
        "1 dropped; milestones: 2 overdue, 4 open, 6 done."
    ) in english
    chinese = report(fmt, SAMPLES / "2023.csv", "--tasks", progress, "--lang", "zh")
    assert "任务情况：逾期 2 项，报送不一致 1 项，" in chinese and "任务情况：任务" not in chinese


@pytest.mark.parametrize("fmt", SHARED)
def test_an_unclassed_midterm_cell_says_so_in_the_progress_table(fmt: str) -> None:
    shown = report(fmt, SAMPLES / "districts-2023.csv", "--unit", "徐汇区", "--lang", "zh")
    progress = shown[shown.index("年度进展") :]
    if fmt == "markdown":
        assert "| 14 一审案件服判息诉率 | 89 | 89 | 89 | 89 | 90% | 严重滞后 | — |" in progress
        assert "|  |" not in progress.split("\n\n## ")[0]
    else:
        progress = progress.split("</table>")[0]
        assert "<td>严重滞后</td><td>—</td>" in progress and "<td></td>" not in progress


def test_a_focused_unit_charts_its_own_index_over_the_years() -> None:
    source = SAMPLES / "districts-2023.csv"  # 16 units, 2021–2023 for some
    markdown = report("markdown", source, "--unit", "徐汇区", "--lang", "en")
    chart = markdown.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert '    x-axis ["2021", "2022", "2023"]' in chart.splitlines()
    assert "    line [97.2, 97.8, 98.4]" in chart.splitlines()  # 徐汇区's, as the HTML draws it
    html = report("html", source, "--unit", "徐汇区", "--lang", "en")
    assert "Rule-of-law index: 徐汇区" in html and "Rule-of-law index: 长宁区" not in html


def test_several_units_get_the_city_view_and_no_unit_line() -> None:
    markdown = report("markdown", SAMPLES / "districts-2023.csv", "--lang", "en")
    assert "## Each indicator across the units, 2023" in markdown
    assert "- **Unit**" not in markdown  # about every unit, not one
    assert (
        "| \\# | Indicator | Mean | Lowest | Highest | Units with a figure | Units not met |"
        in (markdown)
    )


def _text(report: object) -> str:
    """A report's text: markdown and html are written piece by piece (``stream_evaluation``)."""
    assert not isinstance(report, bytes)
    return report if isinstance(report, str) else "".join(report)  # type: ignore[call-overload]


@pytest.mark.parametrize("fmt", SHARED)
def test_only_failing_narrows_the_listings(fmt: str) -> None:
    request = app.EvaluateRequest(files=[SAMPLES / "2023.csv"], format=fmt, only="failing")
    shown = _text(app.evaluate(request).report)
    everything = _text(app.evaluate(app.EvaluateRequest([SAMPLES / "2023.csv"], fmt)).report)
    assert "Listings show only what fails and what keeps the run from compliance." in shown
    assert "Correction rate in the review of normative documents" in shown  # 5 fails
    assert "Legality review rate of major administrative decisions" in everything
    assert "Legality review rate of major administrative decisions" not in shown  # 4 passes
    assert "(2023: pass 14, FAIL 1, behind 6, missing 1, unknown 1)" in shown  # counts all


@pytest.mark.parametrize("fmt", SHARED)
def test_office_and_date(fmt: str) -> None:
    shown = report(fmt, SAMPLES / "2023.csv", "--lang", "zh")
    assert "中共上海市徐汇区委全面依法治区委员会办公室" in shown and "2023年12月31日" in shown
    given = report(fmt, SAMPLES / "2023.csv", "--lang", "zh", "--office", "区司法局",
                   "--date", "2024-01-31")  # fmt: skip
    assert "区司法局" in given and "2024年1月31日" in given
    assert "中共上海市徐汇区委" not in given


def test_targets_carry_their_unit_alike() -> None:
    plan = load_plan(None)
    by_id = {i.id: i for i in plan.indicators}
    assert shared_target(by_id["20"], "zh") == "50%以上"
    assert shared_target(by_id["4"], "zh") == "100%"
    assert shared_target(by_id["19"], "zh") == "12人/万人"
    assert shared_target(by_id["5"], "zh") == "低于全市平均值（%）"
    assert shared_target(by_id["23"], "zh") == "90"  # an index: no unit


@pytest.mark.parametrize("unit", ["徐汇区", "崇明区"])
def test_the_city_views_lowest_and_highest_keep_their_digits_with_unit(unit: str) -> None:
    """With --unit the report's figures are the unit's own; the other units' lowest and highest
    (98.9 beside the unit's 100) are never rounded onto the unit's decimals."""
    import json

    districts = SAMPLES / "districts-2023.csv"
    city = json.loads(report("json", districts, "--unit", unit))["city"]
    table = report("markdown", districts, "--unit", unit)
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 9 and cells[0] in {v["id"] for v in city}:
            rows[cells[0]] = cells
    assert len(rows) == len(city)
    for view in city:
        low, high = rows[view["id"]][3:5]
        assert (float(low), float(high)) == (view["low"], view["high"]), view["id"]


def test_binding_indicators_none_met_is_not_said_with_the_fail_status_word(tmp_path: Path) -> None:
    """Eight binding indicators without a figure: 未达标 is the fail status, and the year's table
    beside the sentence counts 0 of it — the summary says 未完成, as the verdict does."""
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value\n7,72\n", encoding="utf-8")
    shown = report("markdown", source, "--lang", "zh")
    assert "22项未报送数值。约束性指标8项，均未完成。" in shown
    assert "均未达标" not in shown


@pytest.mark.parametrize(
    ("document", "shown"),
    [
        (
            "  document: {stage: 送审稿, stage_en: draft, date: 2021-07-23}\n",
            "送审稿，2021年7月23日",
        ),
        ("  document: {date: 2021-07-23}\n", "2021年7月23日"),
        ("  document: {source: 会刊}\n", None),  # nor stage nor date: no line made up
        ("", None),
    ],
)
def test_the_heading_states_only_what_the_plan_says_of_its_text(
    tmp_path: Path, document: str, shown: str | None
) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    bundled = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    start = bundled.index("  document:")
    end = bundled.index("  unit: 徐汇区")
    (plan / "indicators.yaml").write_text(bundled[:start] + document + bundled[end:], "utf-8")
    markdown = report("markdown", SAMPLES / "2023.csv", "--plan", plan, "--lang", "zh")
    lines = [line for line in markdown.splitlines() if line.startswith("- **文本**")]
    assert lines == ([f"- **文本**：{shown}"] if shown else [])

"""The target column: the plan's words, with the unit said once, in the report's punctuation.

``target_cell`` (the terminal table, CSV, xlsx, junit, template) and ``shared_target`` (markdown,
HTML, docx) add the unit only when the plan's words do not say it, in brackets that are
full-width in Chinese; a bare number whose target is not the floor a bare number reads as (a
ceiling ``plan import`` drafts for 发案率's "3") carries the target's sign.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from plancheck.kinds.threshold import Threshold
from plancheck.plan.load import load_plan
from plancheck.plan.models import Indicator
from plancheck.report.common import shared_target, target_cell
from tests.conftest import SAMPLES, run

NATIONAL = SAMPLES / "plans" / "national-14th-fyp"


def indicator(text: str, unit: str | None, op: str = ">=", value: float = 1.0) -> Indicator:
    first = load_plan(None).indicators[0]
    target = Threshold(kind="threshold", op=op, value=value)  # type: ignore[arg-type]
    return replace(first, target_text=text, unit=unit, target=target)


@pytest.mark.parametrize(
    ("text", "unit", "en", "zh"),
    [
        ("0.2‰以下", "‰", "0.2‰以下", "0.2‰以下"),  # the words hold the unit: not said again
        ("96%左右", "%", "96%左右", "96%左右"),
        ("50以上", "%", "50以上 (%)", "50以上（%）"),
        ("＞5", "%", "＞5 (%)", "＞5（%）"),
        ("〔1〕", "岁", "〔1〕 (岁)", "〔1〕（岁）"),
        ("100", "%", "100%", "100%"),
        ("2", "次/年", "2 次/年", "2 次/年"),
        ("低于全市平均值", "%", "低于全市平均值", "低于全市平均值"),
        ("90", None, "90", "90"),
    ],
)
def test_the_unit_is_said_once(text: str, unit: str | None, en: str, zh: str) -> None:
    assert target_cell(indicator(text, unit), "en") == en
    assert target_cell(indicator(text, unit), "zh") == zh


def test_the_unit_is_said_once_in_the_shared_reports_too() -> None:
    assert shared_target(indicator("0.2‰以下", "‰", "<=", 0.2), "zh") == "0.2‰以下"
    assert shared_target(indicator("96%左右", "%"), "en") == "96%左右"


def test_a_bare_number_read_as_a_ceiling_shows_its_sign() -> None:
    """Issue: the template's target said 3% for a target read as <= 3."""
    ceiling = indicator("3", "%", "<=", 3.0)
    assert target_cell(ceiling, "en") == target_cell(ceiling, "zh") == "≤3%"
    assert shared_target(ceiling, "zh") == "≤3%"
    assert target_cell(indicator("3", "%", ">", 3.0), "zh") == ">3%"
    assert target_cell(indicator("3", "%", ">=", 3.0), "zh") == "3%"  # the floor it reads as
    assert target_cell(indicator("2", "次/年", "<", 2.0), "en") == "<2 次/年"


def test_the_template_and_the_table_show_a_ceiling_with_its_sign(tmp_path: Path) -> None:
    text = (SAMPLES.parent / "data" / "indicators.yaml").read_text(encoding="utf-8")
    # indicator 16 (案件改判发回率, lower is better): as plan import drafts a bare number there
    old = '    target_text: 低于全市平均值\n    target: {kind: relative, op: "<", reference: city_average}'
    assert text.count(old) == 3
    at = text.index(old, text.index('  - id: "16"'))
    text = text[:at] + text[at:].replace(
        old, '    target_text: "3"\n    target: {kind: threshold, op: "<=", value: 3}', 1
    )
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    template = run("template", "--plan", tmp_path).stdout
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(template.lstrip("\ufeff")))}
    assert rows["16"]["target"] == "≤3%"
    results = run("evaluate", SAMPLES / "2023.csv", "--plan", tmp_path, "-f", "csv").stdout
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(results.lstrip("\ufeff")))}
    assert rows["16"]["target"] == "≤3%"
    shared = run("evaluate", SAMPLES / "2023.csv", "--plan", tmp_path, "-f", "markdown").stdout
    assert "| ≤3% |" in shared


def test_the_chinese_target_column_has_full_width_brackets() -> None:
    """Issue: the zh target column said ＞5 (%), 〔1〕 (岁)."""
    result = run("indicators", "--plan", NATIONAL, "-f", "json", "--lang", "zh")
    assert result.code == 0
    table = run("evaluate", NATIONAL / "sample-2023.csv", "--plan", NATIONAL, "--details",
                "--lang", "zh").stdout  # fmt: skip
    assert "＜5.5（%）" in table and " (岁)" not in table and " (%)" not in table
    shown = run("evaluate", NATIONAL / "sample-2023.csv", "--plan", NATIONAL, "-f", "csv",
                "--lang", "zh").stdout  # fmt: skip
    assert "〔1〕（岁）" in shown and " (岁)" not in shown
    assert "〔1〕 (岁)" in run("evaluate", NATIONAL / "sample-2023.csv", "--plan", NATIONAL,
                             "-f", "csv", "--lang", "en").stdout  # fmt: skip


def test_a_levels_yearly_growth_is_said_in_percent_not_in_the_levels_unit() -> None:
    """6 under 年均增长（%） on 一般公共预算收入 (亿元) is a growth of 6% a year, not 6 亿元."""
    from plancheck.kinds.average_growth import AverageGrowth

    growth = AverageGrowth(kind="average_growth", op=">=", value=6, measure="level")
    level = replace(indicator("6", "亿元"), target=growth)
    assert target_cell(level, "en") == "6%"
    assert shared_target(level, "zh") == "6%"
    rate = replace(level, target=replace(growth, measure="percent"), unit="%")
    assert target_cell(rate, "en") == "6%"


@pytest.mark.parametrize(
    ("count", "met", "said"),
    [
        (3, 3, "All 3 binding indicators are met."),
        (3, 1, "Of the 3 binding indicators, 1 is met."),
        (3, 2, "Of the 3 binding indicators, 2 are met."),
        (3, 0, "None of the 3 binding indicators is met."),
        (1, 1, "The binding indicator is met."),
        (1, 0, "The binding indicator is not met."),
    ],
)
def test_the_summary_counts_binding_indicators_in_good_english(
    count: int, met: int, said: str
) -> None:
    from plancheck.report.common import _binding_key
    from plancheck.report.labels import label

    assert label(_binding_key(count, met), "en", count=count, met=met) == said


def test_the_summary_says_how_many_binding_indicators_are_met() -> None:
    shown = run("evaluate", SAMPLES / "2022.csv", "-f", "markdown", "--lang", "en").stdout
    assert "Of the 8 binding indicators, 7 are met." in shown

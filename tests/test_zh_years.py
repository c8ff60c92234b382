"""Years in the Chinese reports are written as Chinese writes them: ``2023年``, before a heading
(``2023年需关注``, ``2023年法治指数``, as 2023年中期评估 was) or in a note after a name
(``2022.csv（2022年）``); the English reports keep ``Needs attention 2023``, ``2022.csv (2022)``.
``plancheck check`` in Chinese says ``已读取 … 单位为徐汇区，年度为2023年``; the English line keeps
its ``ok`` (scripts grep it)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, run

YEARS = (SAMPLES / "2022.csv", SAMPLES / "2023.csv")


def test_terminal_headings_write_the_year_with_nian() -> None:
    result = run("evaluate", *YEARS, "--lang", "zh")
    assert result.code in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(" — 2022、2023年")
    for heading in ("2023年需关注", "2023年中期评估："):
        assert any(line.startswith(heading) for line in lines), heading
    assert any(line.startswith("2023年法治指数：徐汇区 ") for line in lines)
    assert any(line.startswith("2023年汇总：") for line in lines)
    assert "  2023年约束性：8/8 达标" in lines
    assert "（目标年为2025年）" in result.stdout.replace("\n", "")
    # no year left bare after a Chinese word: 需关注 2023, 汇总 2023, 目标年 2025
    assert not re.search(r"[\u4e00-\u9fff] 20\d\d(?![\d 年])", result.stdout), result.stdout


def test_english_headings_are_unchanged() -> None:
    out = run("evaluate", *YEARS, "--lang", "en").stdout
    assert "Needs attention 2023" in out and "Summary 2023: " in out
    assert "  binding 2023: " in out


def test_the_summary_of_several_years_names_their_span() -> None:
    out = run("evaluate", *YEARS, "--lang", "zh", "--details").stdout
    assert "2022—2023年汇总：" in out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_shared_reports_write_the_year_with_nian(fmt: str) -> None:
    out = run("evaluate", *YEARS, "-f", fmt, "--lang", "zh").stdout
    assert "2023年法治指数" in out and "法治指数 2023" not in out
    assert "— 2022、2023年" in out
    if fmt == "html":
        assert "各类别指标状态（2023年）" in out


def test_diff_names_each_side_with_its_year() -> None:
    out = run("diff", *YEARS, "--lang", "zh").stdout.replace("\n", "")
    assert f"从 {YEARS[0]}（2022年）到 {YEARS[1]}（2023年）的变化" in out, out
    english = run("diff", *YEARS, "--lang", "en").stdout.replace("\n", "")
    assert f"{YEARS[0]} (2022) to {YEARS[1]} (2023)" in english, english


def test_junit_case_names_and_title() -> None:
    result = run("evaluate", *YEARS, "-f", "junit", "--lang", "zh")
    root = ET.fromstring(result.stdout)
    assert " — 2022、2023年 — " in (root.get("name") or "")
    names = [c.get("name") or "" for c in root.iter("testcase")]
    assert any(n.endswith("（2022年）") for n in names)
    assert not any(re.search(r"（20\d\d）$", n) for n in names)


def test_check_line_in_chinese() -> None:
    result = run("check", SAMPLES / "2023.csv", SAMPLES / "2020.csv", "--lang", "zh")
    assert result.code == 0, result.stderr
    first, second, last = result.stdout.splitlines()
    assert (
        first
        == f"已读取 {SAMPLES / '2023.csv'}：22 个数值（1 个无数值），单位为徐汇区，年度为2023年"
    )
    assert second.endswith("，单位为徐汇区，年度为2020年")
    assert "，基期年度为2020年；未评估" in last
    english = run("check", SAMPLES / "2023.csv", "--lang", "en").stdout
    assert english.startswith(f"ok {SAMPLES / '2023.csv'}: 22 figures")


def test_a_sign_the_unit_does_not_take_names_the_unit_in_quotes(tmp_path: Path) -> None:
    figures = tmp_path / "xuhui-2023.csv"
    figures.write_text("indicator,value\n4,95‰\n", encoding="utf-8")
    result = run("evaluate", figures, "--lang", "zh")
    assert result.code == 2
    assert "但该指标的计量单位是“%”" in result.stderr, result.stderr
    figures.write_text("indicator,value\n23,95%\n", encoding="utf-8")  # 公众安全指数: no unit
    zh = run("evaluate", figures, "--lang", "zh").stderr
    assert "“95%”带有“%”，但该指标没有计量单位" in zh and "无单位" not in zh, zh
    en = run("evaluate", figures, "--lang", "en").stderr
    assert "'95%' has '%' but the indicator has no unit" in en, en


def test_why_a_target_is_not_understood_is_not_nested_in_brackets(tmp_path: Path) -> None:
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace('    target_text: "100"', '    target_text: "建立健全"', 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    err = run("plan", "validate", tmp_path, "--lang", "en").stderr
    said = "not understood: no known phrase form (see the README's table of phrase forms);"
    assert said in err, err
    assert "((" not in err and "))" not in err, err


def test_the_year_columns_of_a_shared_report_say_nian() -> None:
    """Beside 2023年状态 and 2025年预测, the columns of each year's figures are 2022年, 2023年."""
    out = run("evaluate", *YEARS, "-f", "markdown", "--lang", "zh").stdout
    assert "| 指标 | 2022年 | 2023年 | 2025年预测 |" in out
    assert "| 目标 | 2022年 | 2023年 | 2023年状态 |" in out
    english = run("evaluate", *YEARS, "-f", "markdown", "--lang", "en").stdout
    assert "| 2022 | 2023 | Projected 2025 |" in english


def test_an_overdue_milestone_says_its_deadline_then_how_late() -> None:
    """Not 已超过期限 2022年12月31日 365 天 (a date and a count run together) nor 2022 年："""
    out = run("tasks", "check", SAMPLES / "progress-2023.yaml", "--lang", "zh").stdout
    flat = out.replace("\n", "")
    assert "34.1 2022年：未完成，期限为2022年12月31日，已逾期 365 天" in flat, out
    assert "已超过期限" not in flat and " 年：" not in flat


def test_a_trend_says_what_the_projection_is() -> None:
    """预计 2025年为 74, not 预计 2025 年为 74 (a year apart from its 年) nor 预计 2025年 74 (a
    year and a figure run together)."""
    out = run("evaluate", *YEARS, "-f", "markdown", "--lang", "zh").stdout
    assert "趋势：进度正常，预计 2025年为 74" in out
    assert not re.search(r"预计 \d{4} 年|预计 \d{4}年 \d", out)


def test_the_html_chart_of_the_years_names_each_year_with_nian() -> None:
    out = run("evaluate", *YEARS, "-f", "html", "--lang", "zh").stdout
    assert "<title>2022年：达标 12</title>" in out and "<title>2022：" not in out
    english = run("evaluate", *YEARS, "-f", "html", "--lang", "en").stdout
    assert "<title>2022: pass 12</title>" in english

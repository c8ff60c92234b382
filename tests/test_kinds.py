"""Each kind of target on the figures that decide it: exact bounds, strict operators, compounding,
tolerances, ties and a missing other indicator — as data.

Every folder under tests/cases/kinds/ holds ``data.csv`` (judged against the plan of
tests/fixtures/plans/kinds/, which has one indicator of every kind) and ``expected.txt``: one
line per result to check, ``UNIT YEAR INDICATOR STATUS`` and, after ``|``, words its reason must
hold. Both array libraries (plain Python and numpy) must give these results — and the same
report, byte for byte. A case whose expected.txt is ``refused | words`` holds a figure that must
not be judged at all: reading it is an error (exit 2) whose message holds the words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.errors import UserError
from plancheck.evaluate.engine import evaluate
from plancheck.plan.load import load_plan
from plancheck.report import Options, render
from plancheck.submission.read import read_submission
from tests.conftest import CASES, FIXTURES, run

KINDS_PLAN = FIXTURES / "plans" / "kinds"
CASE_DIRS = sorted(p for p in (CASES / "kinds").iterdir() if p.is_dir())


def expected(case: Path) -> list[tuple[tuple[str, int, str], str, str]]:
    rows = []
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, words = line.partition("|")
        unit, year, ident, status = head.split()
        rows.append(((unit, int(year), ident), status, words.strip()))
    return rows


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_kind_case(case: Path) -> None:
    plan = load_plan(KINDS_PLAN, tasks=False)
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    refused = [line.partition("|")[2].strip() for line in lines if line.startswith("refused")]
    if refused:
        with pytest.raises(UserError) as error:
            read_submission([case / "data.csv"], plan)
        assert all(words in str(error.value) for words in refused), str(error.value)
        return
    submission = read_submission([case / "data.csv"], plan)
    reports = {}
    for backend in ("python", "numpy"):
        evaluation = evaluate(plan, submission, backend=backend)
        reports[backend] = render("json", "evaluation", evaluation, Options())
        results = {(r.unit, r.year, r.indicator.id): r for r in evaluation.results}
        for key, status, words in expected(case):
            result = results[key]
            reason = render_reason(result.reason)
            assert result.status.value == status, (backend, key, reason)
            assert words in reason, (backend, key, reason)
    assert reports["python"] == reports["numpy"]


def render_reason(reason: object) -> str:
    from plancheck.messages import render as render_text

    return render_text(reason, "en")  # type: ignore[arg-type]


def test_a_years_goal_written_with_ascii_operators_is_said_with_the_signs(tmp_path: Path) -> None:
    """targets_by_year {2021: ">= 6"}: the reason says ≥, as every other reason does."""
    plan = (KINDS_PLAN / "indicators.yaml").read_text(encoding="utf-8")
    assert plan.count('2021: "6%以上"') == 1
    (tmp_path / "indicators.yaml").write_text(
        plan.replace('2021: "6%以上"', '2021: ">= 6"'), "utf-8"
    )
    figures = tmp_path / "data.csv"
    figures.write_text("unit,year,indicator,value\n甲,2021,1,5.99\n", encoding="utf-8")
    for lang, said in (("en", "the 2021 goal is ≥ 6; "), ("zh", "2021年目标为 ≥ 6；")):
        result = run("evaluate", figures, "--plan", tmp_path, "-f", "json", "--lang", lang)
        reasons = [r["reason"] for r in result.json()["results"] if r["id"] == "1"]
        assert reasons and reasons[0].startswith(said), reasons


def test_a_figure_that_moved_away_from_its_target_is_said_so_in_both_languages(
    tmp_path: Path,
) -> None:
    """≥ 87.5 from a 2020 baseline of 87, 85.5 in 2023: never "已完成差距的 -300%" — it fell
    where it had to rise, with 60% of the time gone, and it is behind."""
    plan = (KINDS_PLAN / "indicators.yaml").read_text(encoding="utf-8")
    old = 'target: {kind: threshold, op: ">", value: 10}\n    timing: by_target_year\n'
    old += "    baseline: {year: 2020, value: 5}"
    assert plan.count(old) == 1
    new = 'target: {kind: threshold, op: ">=", value: 87.5}\n    timing: by_target_year\n'
    new += "    baseline: {year: 2020, value: 87}"
    (tmp_path / "indicators.yaml").write_text(plan.replace(old, new), "utf-8")
    figures = tmp_path / "data.csv"
    figures.write_text("unit,year,indicator,value\n甲,2023,25,85.5\n", encoding="utf-8")
    said = {
        "zh": "85.5 尚未达到 ≥ 87.5（目标年为2025年）；较 2020年基数 87 不升反降（差距扩大），"
        "时间已过 60%：落后于时序进度；",
        "en": "85.5 has not yet reached ≥ 87.5, due by 2025; fell from the 2020 baseline (87) "
        "instead of rising, away from the target, with 60% of the time gone: behind schedule; ",
    }
    for lang, words in said.items():
        result = run("evaluate", figures, "--plan", tmp_path, "-f", "json", "--lang", lang)
        [found] = [r for r in result.json()["results"] if r["id"] == "25"]
        assert found["status"] == "behind" and found["schedule"] == "off", found
        assert found["reason"].startswith(words), found["reason"]
        assert "-300%" not in found["reason"]


def test_chinese_reasons_say_a_span_of_years_as_the_period_is_written() -> None:
    """2021—2022年 (the dash and 年 of 《2021—2025年》), never 2021–2022 年: every span of a
    reason is ``year_span``'s, the years left blank and the years an average is taken over."""
    plan = load_plan(KINDS_PLAN, tasks=False)
    case = CASES / "kinds" / "average_growth_names_the_years_without_a_figure"
    evaluation = evaluate(plan, read_submission([case / "data.csv"], plan))
    from plancheck.messages import render as render_text

    said = {(r.year, r.indicator.id): render_text(r.reason, "zh") for r in evaluation.results}
    assert "（2022、2024年未报送）" in said[(2025, "4")], said[(2025, "4")]


def test_chinese_spans_of_blank_years_and_of_an_average(tmp_path: Path) -> None:
    plan = load_plan(KINDS_PLAN, tasks=False)
    data = tmp_path / "data.csv"
    data.write_text("year,indicator,value\n2021,4,8\n2022,4,8\n2025,4,8\n", encoding="utf-8")
    evaluation = evaluate(plan, read_submission([data], plan))
    from plancheck.messages import render as render_text

    said = {
        r.year: render_text(r.reason, "zh") for r in evaluation.results if r.indicator.id == "4"
    }
    assert said[2022].startswith("2021—2022年年均 8%，达到目标 > 7"), said[2022]
    assert "（2023—2024年未报送）" in said[2025], said[2025]
    english = {
        r.year: render_text(r.reason, "en") for r in evaluation.results if r.indicator.id == "4"
    }
    assert "over 2021–2022 meets" in english[2022] and "(none for 2023–2024)" in english[2025]
    assert "–" not in said[2022] + said[2025]


def _due_by_target_year(tmp_path: Path, old: str, baseline: str) -> Path:
    """The kinds plan with the indicator whose target line is ``old`` due by the target year,
    from ``baseline``."""
    plan = (KINDS_PLAN / "indicators.yaml").read_text(encoding="utf-8")
    old += "\n    timing: annual\n"
    assert plan.count(old) == 1
    new = old.replace("timing: annual", f"timing: by_target_year\n    baseline: {baseline}")
    (tmp_path / "indicators.yaml").write_text(plan.replace(old, new), "utf-8")
    return tmp_path


def test_a_relative_target_due_by_the_target_year_measures_no_gap_toward_the_average(
    tmp_path: Path,
) -> None:
    """高于全国平均水平 by 2025, 60 against a national average of 70 in 2022: the average is
    another figure, a new one each year, not a level on the way from the baseline — its reason
    names it and says it is not due yet, never "60 has not yet reached → 70" with a share of a
    gap from the 2020 figure toward that year's average (and no mid-term pace from it)."""
    plan = _due_by_target_year(
        tmp_path,
        '    target: {kind: relative, op: ">", reference: national_average}',
        "{year: 2020, value: 50}",
    )
    figures = tmp_path / "data.csv"
    figures.write_text(
        "unit,year,indicator,value,reference\n甲,2022,11,60,70\n乙,2022,11,75,70\n", "utf-8"
    )
    said = {
        "en": "60 is not > national average 70 (submitted); not due yet: the target is for 2025",
        "zh": "60 未满足 > 全国平均水平 70（报送值）；尚未到期（目标年为2025年）",
    }
    for lang, words in said.items():
        result = run("evaluate", figures, "--plan", plan, "-f", "json", "--lang", lang)
        found = {r["unit"]: r for r in result.json()["results"] if r["id"] == "11"}
        behind, met = found["甲"], found["乙"]
        assert behind["status"] == "behind" and behind["reason"] == words, behind
        assert behind["schedule"] is None and behind["midterm"] is None, behind
        assert met["status"] == "pass" and met["midterm"] == "achieved_early", met


def test_a_yearly_target_due_by_the_target_year_says_each_years_goal_as_its_own_kind(
    tmp_path: Path,
) -> None:
    """targets_by_year {2021: 6%以上, 2022: 5.5%左右} due by 2025, from 5 in 2020: not yet met,
    each year's reason says the year's goal and measures toward it as that goal's kind does —
    "≥ 6" and the share of the gap, a band's bounds — never "5.5 has not yet reached → 6"."""
    plan = _due_by_target_year(
        tmp_path,
        '    target: {kind: yearly, targets_by_year: {2021: "6%以上", 2022: "5.5%左右"}}',
        "{year: 2020, value: 5}",
    )
    figures = tmp_path / "data.csv"
    figures.write_text("unit,year,indicator,value\n甲,2021,1,5.5\n甲,2022,1,4\n", "utf-8")
    said = {
        "en": {
            2021: "the 2021 goal is 6%以上; 5.5 has not yet reached ≥ 6, due by 2025; 50% of the "
            "gap from the 2020 baseline (5) closed with 20% of the time gone: on schedule",
            2022: "the 2022 goal is 5.5%左右; 4 is not yet within 4.95–6.05, due by 2025; the "
            "2020 baseline (5) was already within the target: no gap to measure progress "
            "against time",
        },
        "zh": {
            2021: "2021年目标为 6%以上；5.5 尚未达到 ≥ 6（目标年为2025年）；较 2020年基数 5 "
            "已完成差距的 50%，时间已过 20%：符合时序进度",
        },
    }
    for lang, reasons in said.items():
        result = run("evaluate", figures, "--plan", plan, "-f", "json", "--lang", lang)
        found = {r["year"]: r for r in result.json()["results"] if r["id"] == "1"}
        for year, words in reasons.items():
            assert found[year]["status"] == "behind", found[year]
            assert found[year]["reason"] == words, found[year]["reason"]
        assert found[2021]["schedule"] == "on" and found[2021]["midterm"] == "ahead", found[2021]

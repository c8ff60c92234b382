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
    for lang, said in (("en", "the 2021 goal is ≥ 6; "), ("zh", "2021 年目标为 ≥ 6；")):
        result = run("evaluate", figures, "--plan", tmp_path, "-f", "json", "--lang", lang)
        reasons = [r["reason"] for r in result.json()["results"] if r["id"] == "1"]
        assert reasons and reasons[0].startswith(said), reasons

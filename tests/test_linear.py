"""No report or evaluation does work that grows faster than the results it writes.

Not a timing: the number of Python calls (``sys.setprofile``'s call events, which are the same
on every run and machine) made to evaluate and render a file of N units and of 4N units. Work
linear in the units is 4× the calls (less, with a fixed part); one loop over every unit inside a
loop over the units — the quadratic loop a new column can bring in — is nearer 16×. A loop that
runs inside one C call (``any(list)``) makes no call events: ``benchmarks/run.py`` is the guard
for those."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from plancheck.evaluate.engine import evaluate
from plancheck.plan.load import load_plan
from plancheck.plan.models import Plan
from plancheck.report import Options, choices, made, stream
from plancheck.submission.read import read_submission
from tests.conftest import SAMPLES
from tests.test_injection import admitting_other_units

ROOT = Path(__file__).resolve().parents[1]
SMALL, LARGE = 40, 160
GROWTH = 4.6  # LARGE / SMALL = 4: linear work stays under it, quadratic is far above
FORMATS_CHECKED = choices("evaluation")


def submission_of(units: int, folder: Path) -> Path:
    """``units`` districts with the sample districts' figures, each unit's a little apart."""
    with open(SAMPLES / "districts-2023.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["unit"] == "徐汇区"]
    path = folder / f"{units}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "year", "indicator", "value"])
        for u in range(units):
            for r in rows:
                # a share stays at most 100
                value = round(float(r["value"]) * (1 - u / 1000), 3) if r["value"] else ""
                out.writerow([f"区{u:04d}", r["year"], r["indicator"], value])
    return path


def calls(work: Callable[[], Any]) -> int:
    count = 0

    def counted(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(counted)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def rendered(fmt: str, path: Path, plan: Plan) -> Callable[[], Any]:
    """Reading, judging and rendering ``path`` (the plan is loaded before: its cost is fixed)."""

    def work() -> Any:
        evaluation = evaluate(plan, read_submission([path], plan), backend="python")
        report = made(stream(fmt, "evaluation", evaluation, Options()))
        return report if isinstance(report, str | bytes) else "".join(report)

    return work


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Plan]:
    folder = tmp_path_factory.mktemp("linear")
    bundled = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(admitting_other_units(bundled), encoding="utf-8")
    plan = load_plan(folder / "indicators.yaml")
    return submission_of(SMALL, folder), submission_of(LARGE, folder), plan


@pytest.mark.parametrize("fmt", FORMATS_CHECKED)
def test_work_grows_with_the_units_not_faster(fmt: str, files: tuple[Path, Path, Plan]) -> None:
    small, large, plan = files
    rendered(fmt, small, plan)()  # the first run's imports and memos are not the work measured
    ratio = calls(rendered(fmt, large, plan)) / calls(rendered(fmt, small, plan))
    assert ratio <= GROWTH, f"{fmt}: {ratio:.1f}× the calls for {LARGE // SMALL}× the units"


def test_the_guard_finds_a_quadratic_loop(files: tuple[Path, Path, Plan]) -> None:
    """The same measure of a report row that looks at every row of its table (the mistake a
    Mid-term column once made: "does any row have a class?" asked per row) fails."""
    small, large, plan = files

    def quadratic(path: Path) -> Callable[[], Any]:
        def work() -> Any:
            evaluation = evaluate(plan, read_submission([path], plan), backend="python")
            tables: dict[str, list[Any]] = {}
            for r in evaluation.results:
                tables.setdefault(r.indicator.id, []).append(r)
            return [
                [any(other.midterm for other in rows) for _ in rows] for rows in tables.values()
            ]

        return work

    assert calls(quadratic(large)) / calls(quadratic(small)) > GROWTH

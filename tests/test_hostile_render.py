"""The issue's hostile names and notes, rendered: every format parses as itself and shows them.

Each folder tests/cases/hostile/render_*/ holds a submission (2023.csv) and what the bundled plan
makes of it (statuses.json, or expected.txt: a unit it does not list is refused), both checked by
tests/test_hostile.py. Here each is evaluated, with the bundled plan admitting other units, in
every format and checked as in tests/test_injection.py: the markdown and HTML reports keep the structure of the
same submission with plain unit names and notes; every format shows each unit name and note
as text (control characters as ``\\xNN``); JSON keeps them exactly. The terminal table, in colour
too, writes no escape sequence but its own colours.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from plancheck.evaluate.engine import evaluate
from plancheck.plan.load import load_plan
from plancheck.report import Options, render
from plancheck.submission.read import read_submission
from tests.conftest import CASES, ROOT, run
from tests.test_injection import admitting_other_units, check_evaluation

RENDER = sorted((CASES / "hostile").glob("render_*"))
# rich's own colours: Select Graphic Rendition sequences, nothing else (no OSC 8 hyperlink)
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan, admitting units that its peer groups do not list."""
    folder = tmp_path_factory.mktemp("plan")
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    (folder / "tasks.yaml").write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    return folder


def typed(submission: Path) -> tuple[list[str], list[str]]:
    """The unit names and notes of a submission, each once, in the file's order."""
    with submission.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    units = list(dict.fromkeys(row["unit"] for row in rows if row.get("unit")))
    notes = list(dict.fromkeys(row["note"] for row in rows if row.get("note")))
    return units, notes


def plain_twin(submission: Path, folder: Path) -> Path:
    """The same submission with plain unit names and notes (徐汇区 stays: it is the plan's)."""
    units, notes = typed(submission)
    plain = {u: u if u == "徐汇区" else f"单位{n}" for n, u in enumerate(units)}
    plain |= {note: f"备注{n}" for n, note in enumerate(notes)}
    with submission.open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    twin = folder / "plain" / "2023.csv"
    twin.parent.mkdir()
    with twin.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([[plain.get(c, c) for c in row] for row in rows])
    return twin


def report(submission: Path, plan: Path, fmt: str) -> str:
    result = run("evaluate", submission, "--plan", plan, "-f", fmt, "--lang", "en")
    assert result.code in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("case", RENDER, ids=[p.name for p in RENDER])
def test_every_format_shows_the_hostile_text_as_text(
    case: Path, plan: Path, tmp_path: Path
) -> None:
    submission = tmp_path / "2023.csv"
    submission.write_bytes((case / "2023.csv").read_bytes())
    units, notes = typed(submission)
    hostile_units = [u for u in units if u != "徐汇区"]
    assert hostile_units or notes, "a render case needs a hostile unit name or note"

    data = json.loads(report(submission, plan, "json"))
    assert set(units) <= set(data.get("units", units))
    assert {r["note"] for r in data["results"] if r["note"]} == set(notes)  # exactly as typed

    twin = plain_twin(submission, tmp_path)
    plain = {fmt: report(twin, plan, fmt) for fmt in ("markdown", "html")}
    every = [*hostile_units, *notes]
    shown = {"table": hostile_units, "markdown": every, "html": every, "junit": every,
             "github": every}  # fmt: skip
    check_evaluation(lambda fmt: report(submission, plan, fmt), shown, plain)


@pytest.mark.parametrize("case", RENDER, ids=[p.name for p in RENDER])
def test_the_coloured_table_writes_only_its_own_colours(case: Path, plan: Path) -> None:
    loaded = load_plan(plan)
    evaluation = evaluate(loaded, read_submission([case / "2023.csv"], loaded))
    table = render("table", "evaluation", evaluation, Options(lang="en", color=True, width=100))
    assert SGR.search(table)  # in colour indeed
    assert "\x1b" not in SGR.sub("", table)


def test_a_closing_tag_in_a_unit_name_is_a_report_not_a_traceback(
    plan: Path, tmp_path: Path
) -> None:
    submission = tmp_path / "2023.csv"
    case = CASES / "hostile" / "render_rich_markup_in_unit"
    submission.write_bytes((case / "2023.csv").read_bytes())
    result = run("evaluate", submission, "--plan", plan)
    assert result.code == 1, result.stderr  # 徐汇区 and the other unit fail indicator 4
    assert (
        "Units not compliant: 徐汇区, [/b]长宁区 [link=https://evil.example]点此[/link] [red]红[/red]"
        in (result.stdout)
    )


def test_a_fence_in_a_unit_name_stays_inside_the_chart(plan: Path, tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    case = CASES / "hostile" / "render_unit_closes_mermaid_block"
    submission.write_bytes((case / "2023.csv").read_bytes())
    markdown = report(submission, plan, "markdown")
    chart = markdown.split("```mermaid\n", 1)[1].split("\n```\n", 1)[0].splitlines()
    assert len(chart) == 5 and markdown.count("```") == 2
    label = '"长宁区\\x0a#96;#96;#96;\\x0a#60;img src=x onerror=alert(1)#62;\\x0a#35; 标题\\x0a#96;#96;#96;mermaid"'
    assert chart[2] == f'    x-axis ["徐汇区", {label}]'

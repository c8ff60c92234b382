"""JUnit XML: valid against the schema CI servers read, one test case per indicator, mapped."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.evaluate.engine import evaluate
from plancheck.messages import fragment
from plancheck.plan.load import load_plan
from plancheck.report import Options, render
from plancheck.submission.read import read_submission
from tests.test_injection import admitting_other_units

xmlschema = pytest.importorskip("xmlschema")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = xmlschema.XMLSchema(ROOT / "tests" / "fixtures" / "junit" / "junit.xsd")


def junit(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["evaluate", *map(str, args), "-f", "junit"], catch_exceptions=False
    )
    return result.exit_code, result.stdout


def check(xml: str) -> ET.Element:
    """Valid against the schema, at most one outcome per case, and counts that add up."""
    SCHEMA.validate(xml)
    root = ET.fromstring(xml)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        kinds = []
        for case in cases:
            outcomes = [c.tag for c in case if c.tag in ("failure", "error", "skipped")]
            assert len(outcomes) <= 1
            kinds += outcomes
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == kinds.count("failure")
        assert int(suite.get("errors", "")) == kinds.count("error")
        assert int(suite.get("skipped", "")) == kinds.count("skipped")
        for key in totals:
            totals[key] += int(suite.get(key, ""))
    assert {key: int(root.get(key, "")) for key in totals} == totals
    return root


def outcomes(root: ET.Element) -> dict[str, tuple[str, str]]:
    """Indicator id → (outcome tag or "passed", message)."""
    found = {}
    for case in root.iter("testcase"):
        child = next((c for c in case if c.tag in ("failure", "error", "skipped")), None)
        key = case.get("name", "").split(" ")[0]
        found[key] = ("passed", "") if child is None else (child.tag, child.get("message", ""))
    return found


def test_every_indicator_is_a_case_grouped_by_category() -> None:
    code, xml = junit(SAMPLES / "2022.csv", "--lang", "en")
    assert code == 1
    root = check(xml)
    plan = load_plan(None)
    assert sorted(outcomes(root), key=int) == [i.id for i in plan.indicators]
    assert [s.get("name") for s in root.iter("testsuite")] == [c.name_en for c in plan.categories]
    found = outcomes(root)
    assert found["13"] == ("failure", "99.2 misses the target ≥ 100")  # binding, annual
    assert found["7"][0] == "skipped"  # behind: not due yet
    assert found["7"][1].startswith("56 has not yet reached ≥ 70, due by 2025")
    assert found["1"] == ("passed", "")
    assert "NOT COMPLIANT" in root.get("name", "")


def test_missing_and_unknown_binding_are_errors_expected_ones_skipped(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    # 4: binding, missing; 16: binding, relative target with no reference → unknown;
    # 5: expected, unknown; 23: expected (预期性), missing.
    submission.write_text("indicator,value\n1,100\n4,\n5,2.3\n16,2.1\n23,N/A\n", encoding="utf-8")
    code, xml = junit(submission)
    assert code == 1
    found = outcomes(check(xml))
    assert found["4"] == ("error", "no value submitted")
    assert found["16"][0] == "error" and found["16"][1].startswith("needs the city average")
    assert found["5"][0] == "skipped" and found["5"][1].startswith("needs the city average")
    assert found["23"] == ("skipped", "no value submitted")
    assert found["2"][0] == "error"  # no row at all is missing too


def test_strict_makes_behind_a_failure() -> None:
    code, xml = junit(SAMPLES / "2022.csv", "--strict")
    assert code == 1
    assert outcomes(check(xml))["7"][0] == "failure"


def test_several_units_and_years_get_their_own_suites(tmp_path: Path) -> None:
    submission = tmp_path / "two.csv"
    submission.write_text(
        "unit,year,indicator,value\n徐汇区,2022,1,100\n徐汇区,2023,1,90\n长宁区,2023,1,100\n",
        encoding="utf-8",
    )
    _, xml = junit(submission, "--lang", "zh")
    root = check(xml)
    names = [s.get("name") for s in root.iter("testsuite")]
    assert names[0] == "徐汇区 · 依法执政" and "长宁区 · 依法执政" in names
    first = next(root.iter("testcase"))
    assert first.get("name", "").endswith("（2022年）")  # full-width in Chinese
    assert first.get("classname") == "plancheck.徐汇区.依法执政"


def test_text_is_escaped_and_control_characters_shown(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    submission.write_text(
        'indicator,value,note\n1,90,"<b>&amp; ""quoted"" ]]> \x07bell"\n', encoding="utf-8"
    )
    _, xml = junit(submission)
    root = check(xml)
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("1 "))
    text = case.find("failure").text or ""  # type: ignore[union-attr]
    assert '<b>&amp; "quoted" ]]> \\x07bell' in text  # the bell is shown, not rung, not lost


def test_output_is_deterministic() -> None:
    assert junit(SAMPLES / "2023.csv") == junit(SAMPLES / "2023.csv")


class _WithTasks:
    """An evaluation carrying a tasks section, where ``Evaluation`` has no ``tasks`` field yet."""

    def __init__(self, evaluation: Any, tasks: Any) -> None:
        self._evaluation, self.tasks = evaluation, tasks

    def __getattr__(self, name: str) -> Any:
        return getattr(self._evaluation, name)


def with_tasks() -> Any:
    """The 2023 sample with a tasks section: one task, four findings (strict: all count)."""
    models = pytest.importorskip("plancheck.tasks.models")
    pytest.importorskip("plancheck.tasks.reasons")
    plan = load_plan(None)
    evaluation = evaluate(plan, read_submission([SAMPLES / "2023.csv"], plan))
    task = next(t for t in plan.tasks if t.milestones)
    milestone = task.milestones[0]
    status = models.FindingStatus

    def finding(state: Any, reason: Any, milestone: Any = milestone) -> Any:
        return models.Finding(
            check="deadline", status=state, task=task, reason=reason, milestone=milestone,
            due=dt.date(2022, 12, 31), late=True, file="progress.yaml", line=4,
        )  # fmt: skip

    findings = (
        finding(status.OVERDUE, (fragment("overdue", due="2022-12-31", days="30"),)),
        finding(status.DONE, (fragment("done"),)),
        finding(status.OPEN, (fragment("open", due="2025-12-31"),)),
        finding(status.UNREPORTED, (fragment("unreported"),), milestone=None),
    )
    check = models.TaskCheck(
        plan=plan, as_of=dt.date(2023, 12, 31), as_of_source="year", files=("progress.yaml",),
        results=(models.TaskResult(task=task, report=None, findings=findings),), strict=True,
    )  # fmt: skip
    if "tasks" in getattr(evaluation, "__dataclass_fields__", {}):
        return dataclasses.replace(evaluation, tasks=check), task
    return _WithTasks(evaluation, check), task


def test_tasks_section_gives_a_case_per_milestone() -> None:
    evaluation, task = with_tasks()
    root = check(render("junit", "evaluation", evaluation, Options(lang="en")))
    suite = list(root.iter("testsuite"))[-1]
    assert suite.get("name") == f"Tasks · {task.section}"
    tags = [next((c.tag for c in case if c.tag != "system-out"), "passed") for case in suite]
    assert tags == ["failure", "passed", "skipped", "error"]  # unreported (blocking): error
    assert "2022-12-31" in suite[0][0].get("message", "")


def test_without_a_tasks_section_there_is_no_tasks_suite() -> None:
    _, xml = junit(SAMPLES / "2023.csv")
    assert "Tasks" not in xml


def test_an_earlier_years_failure_is_skipped_the_latest_years_is_not(tmp_path: Path) -> None:
    """Compliance (the exit code) is the latest year's: an earlier failure is history."""
    submission = tmp_path / "years.csv"
    submission.write_text(
        "year,indicator,value\n2022,1,90\n2023,1,100\n2022,4,100\n2023,4,90\n", encoding="utf-8"
    )
    code, xml = junit(submission)
    assert code == 1
    kinds = {
        case.get("name", "").split(" ")[0] + case.get("name", "")[-6:]: next(
            (c.tag for c in case if c.tag in ("failure", "error", "skipped")), "passed"
        )
        for case in check(xml).iter("testcase")
    }
    assert kinds["1(2022)"] == "skipped" and kinds["1(2023)"] == "passed"
    assert kinds["4(2022)"] == "passed" and kinds["4(2023)"] == "failure"


def _as_elementtree_writes(xml: str) -> str:
    """The document parsed and written again by ElementTree (indented as ``ET.indent`` does):
    what the streamed writer must equal, character for character."""
    root = ET.fromstring(xml)
    for element in root.iter():  # the layout's whitespace, laid out again by ET.indent
        if len(element):
            element.text = None
        element.tail = None
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


HOSTILE = "<b>&amp; \"q\" 'a' ]]> \x07bell\ttab\r\nCRLF\rCR \ufffe \u202e end&"


@pytest.fixture(scope="module")
def any_units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan, admitting any unit."""
    folder = tmp_path_factory.mktemp("plan")
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    (folder / "tasks.yaml").write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    return folder


def test_the_streamed_document_is_what_elementtree_writes(tmp_path: Path, any_units: Path) -> None:
    """Markup, quotes, tabs, CR LF, a lone CR, controls and U+FFFE in notes, unit and file
    names: escaped as ElementTree escapes text and attributes, laid out as it indents."""
    submission = tmp_path / 'a&b "<c>".csv'
    rows = [
        ["unit", "year", "indicator", "value", "note"],
        ['甲 "<x>" & y', "2022", "1", "90", HOSTILE],
        ['甲 "<x>" & y', "2023", "1", "90", ""],
        ["乙\tz", "2023", "1", "100", "plain"],
        ["乙\tz", "2023", "4", "", "a\nb"],
    ]
    with submission.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    for lang in ("en", "zh"):
        _, xml = junit(submission, "--lang", lang, "--plan", any_units)
        check(xml)
        assert xml == _as_elementtree_writes(xml)
    cases = {
        c.get("classname", "") + c.get("name", ""): c for c in ET.fromstring(xml).iter("testcase")
    }
    hostile = next(c for key, c in cases.items() if "（2022年）" in key)  # the Chinese report
    text = hostile[0].text or ""
    assert "\\x07bell\ttab\nCRLF\\x0dCR \\ufffe " in text  # CR LF a line break, CR shown
    assert text.endswith('a&b "<c>".csv:2')


def test_cases_sharing_a_figure_keep_their_own_notes_and_lines(
    tmp_path: Path, any_units: Path
) -> None:
    """What results share (a figure, a reason, an indicator) is made once: what they do not
    (a note, a line) is still each one's own."""
    submission = tmp_path / "2023.csv"
    submission.write_text(
        "unit,indicator,value,note\n甲,1,90,first\n乙,1,90,\n丙,1,90,third\n", encoding="utf-8"
    )
    _, xml = junit(submission, "--plan", any_units)
    cases = check(xml).iter("testcase")
    bodies = [case[0].text or "" for case in cases if case.get("name", "").startswith("1 ")]
    notes = {b.rsplit(":", 1)[-1]: b.split("Note: ")[1].split("\n")[0] if "Note: " in b else None
             for b in bodies}  # fmt: skip
    assert notes == {"2": "first", "3": None, "4": "third"}  # each case its own line and note
    assert len({b.split("\n")[3] for b in bodies}) == 1  # one reason, the same words

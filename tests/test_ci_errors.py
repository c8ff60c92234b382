"""Input errors (exit 2) in the CI formats: ``-f github`` annotates each at its file, line and
column; ``-f junit`` writes a report with one failing ``input`` case per error. stderr still says
each in one line, and the other formats leave them to stderr alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run

ANNOTATION = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)")
MALFORMED = "indicator,value\n4,100\n5,abc\n99,1\n"


def annotations(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.fullmatch(line)
        assert match, line  # every line is one workflow command
        props = dict(p.split("=", 1) for p in match.group(2).split(",")) if match.group(2) else {}
        found.append((match.group(1), props, match.group(3)))
    return found


def prop(text: str) -> str:
    """A property value as GitHub's toolkit escapes it."""
    return text.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")


@pytest.fixture
def malformed(tmp_path: Path) -> Path:
    path = tmp_path / "2023.csv"
    path.write_text(MALFORMED, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["evaluate", "check"])
def test_github_annotates_each_input_error_at_its_line(command: str, malformed: Path) -> None:
    result = run(command, malformed, "-f", "github")
    assert result.code == 2
    found = annotations(result.stdout)
    assert [(level, props) for level, props, _ in found] == [
        ("error", {"file": prop(str(malformed)), "line": "3"}),
        ("error", {"file": prop(str(malformed)), "line": "4"}),
    ]
    assert found[0][2] == "value: 'abc' is not a number (indicator 5 规范性文件审查纠错率)"
    assert found[1][2].startswith("indicator: unknown indicator '99'")
    assert result.stderr.splitlines() == [  # stderr still says each, in one line
        f"{malformed}:3: value: 'abc' is not a number (indicator 5 规范性文件审查纠错率)",
        f"{malformed}:4: {found[1][2]}",
    ]


def test_github_gives_the_column_when_the_error_has_one(tmp_path: Path) -> None:
    path = tmp_path / "2023.csv"
    path.write_text("indicator,value,value\n4,100,100\n", encoding="utf-8")
    result = run("evaluate", path, "-f", "github")
    assert result.code == 2
    ((_, props, message),) = annotations(result.stdout)
    assert props == {"file": prop(str(path)), "line": "1", "col": "3"}
    assert message == "two 'value' columns in the header"
    assert result.stdout == f"::error file={prop(str(path))},line=1,col=3::{message}\n"


def test_github_escapes_file_names_and_messages(tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c%d"
    folder.mkdir()
    path = folder / "2023.csv"
    path.write_text("indicator,value\n50%,1\n", encoding="utf-8")
    result = run("evaluate", path, "-f", "github")
    assert result.code == 2
    ((_, props, message),) = annotations(result.stdout)
    assert props["file"] == prop(str(path)) and "%2C" in props["file"] and "%3A" in props["file"]
    assert "%25" in props["file"]
    assert "'50%25'" in message  # % in a message is %25: GitHub reads it back as %


def test_github_error_with_no_file(malformed: Path) -> None:
    result = run("evaluate", malformed, "-f", "github", "--year", "3000")
    assert result.code == 2
    assert result.stdout == "::error::--year 3000: not a year (1900–2100)\n"
    assert result.stderr == "--year 3000: not a year (1900–2100)\n"


def test_github_plan_errors_point_at_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "indicators.yaml").write_text("plan: [\n", encoding="utf-8")
    result = run("evaluate", SAMPLES / "2023.csv", "--plan", plan, "-f", "github")
    assert result.code == 2
    ((level, props, _),) = annotations(result.stdout)
    assert level == "error" and props["file"] == prop(str(plan / "indicators.yaml"))
    assert "line" in props


def test_tasks_check_github_annotates_a_bad_progress_file(tmp_path: Path) -> None:
    progress = tmp_path / "progress-2023.yaml"
    progress.write_text('as_of: 2023-12-31\ntasks:\n  "91": done\n', encoding="utf-8")
    result = run("tasks", "check", progress, "-f", "github")
    assert result.code == 2
    ((level, props, message),) = annotations(result.stdout)
    assert (level, props["file"], props["line"]) == ("error", prop(str(progress)), "3")
    assert message.startswith("unknown task '91'")
    assert result.stderr.startswith(f"{progress}:3:")


def junit_schema() -> object:
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(Path(__file__).parent / "fixtures" / "junit" / "junit.xsd")


@pytest.mark.parametrize("command", ["evaluate", "check"])
def test_junit_writes_a_failing_input_case_per_error(
    command: str, malformed: Path, tmp_path: Path
) -> None:
    schema = junit_schema()
    out = tmp_path / "junit.xml"
    result = run(command, malformed, "-f", "junit", "-o", out)
    assert result.code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2
    text = out.read_text(encoding="utf-8")
    schema.validate(text)  # type: ignore[attr-defined]
    root = ET.fromstring(text)
    cases = root.findall("./testsuite/testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("plancheck.input", "input")
    ] * 2
    failures = [c.find("failure") for c in cases]
    assert all(f is not None for f in failures)
    messages = [f.get("message") for f in failures if f is not None]
    assert messages == result.stderr.splitlines()  # the same line as stderr
    assert (root.get("tests"), root.get("failures")) == ("2", "2")


def test_junit_on_stdout_without_o(malformed: Path) -> None:
    result = run("evaluate", malformed, "-f", "junit")
    assert result.code == 2
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert result.stdout.count('<testcase classname="plancheck.input" name="input"') == 2


def test_junit_replaces_an_earlier_report(malformed: Path, tmp_path: Path) -> None:
    """A dashboard must not keep showing last run's green report after bad input."""
    out = tmp_path / "junit.xml"
    assert run("evaluate", SAMPLES / "2023.csv", "-f", "junit", "-o", out).code == 0
    assert run("evaluate", malformed, "-f", "junit", "-o", out).code == 2
    assert 'name="input"' in out.read_text(encoding="utf-8")


def test_junit_never_written_over_an_input(malformed: Path) -> None:
    before = malformed.read_bytes()
    result = run("evaluate", malformed, "-f", "junit", "-o", malformed)
    assert result.code == 2
    assert malformed.read_bytes() == before
    assert "refusing to write the report over an input file" in result.stderr


def test_tasks_check_junit_on_bad_input(tmp_path: Path) -> None:
    schema = junit_schema()
    progress = tmp_path / "progress-2023.yaml"
    progress.write_text('tasks:\n  "19": {status: finished}\n', encoding="utf-8")
    out = tmp_path / "junit.xml"
    result = run("tasks", "check", progress, "-f", "junit", "-o", out)
    assert result.code == 2
    schema.validate(out.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    (case,) = ET.fromstring(out.read_text(encoding="utf-8")).iter("testcase")
    assert case.get("name") == "input"


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_other_formats_leave_errors_to_stderr(fmt: str, malformed: Path) -> None:
    result = run("evaluate", malformed, "-f", fmt)
    assert result.code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2


def test_usage_errors_stay_on_stderr(malformed: Path) -> None:
    result = run("evaluate", malformed, "-f", "github", "--no-such-option")
    assert result.code == 2 and result.stdout == ""


def test_junit_when_the_plan_is_not_found(tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    missing = tmp_path / "no-such-plan"
    result = run("evaluate", SAMPLES / "2023.csv", "--plan", missing, "-f", "junit", "-o", out)
    assert result.code == 2
    assert result.stderr == f"{missing}: plan not found\n"
    (failure,) = ET.fromstring(out.read_text(encoding="utf-8")).iter("failure")
    assert failure.get("message") == f"{missing}: plan not found"

"""Hostile text (tests/test_injection.py's strategy and checks) through the formats added for CI:
tasks check in html, junit and github; diff in html; plancheck check in every format; and input
errors as annotations and junit cases, with hostile file names."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings

from tests.conftest import run
from tests.test_injection import (
    INJECTION_SETTINGS,
    PLAIN,
    Inputs,
    Texts,
    check_github,
    check_html,
    check_junit,
    check_table,
    texts,
    write_inputs,
)


def tasks_check(inputs: Inputs, fmt: str) -> str:
    result = run("tasks", "check", inputs.progress, "--plan", inputs.plan, "-f", fmt)
    assert result.code in (0, 1), (fmt, result.stderr)
    return result.stdout


def plain_html(fmt_subject: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), PLAIN)
        if fmt_subject == "taskcheck":
            return tasks_check(inputs, "html")
        return diff(inputs, "html")


def diff(inputs: Inputs, fmt: str) -> str:
    old = inputs.submission.with_name("old.csv")
    old.write_bytes(inputs.submission.read_bytes())
    result = run("diff", old, inputs.submission, "--plan", inputs.plan, "-f", fmt, "--year",
                 "2023", "--lang", "en")  # fmt: skip
    assert result.code == 0, result.stderr
    return result.stdout


def check(inputs: Inputs, fmt: str) -> str:
    result = run("check", inputs.submission, "--plan", inputs.plan, "-f", fmt, "--lang", "en")
    assert result.code == 0, result.stderr
    return result.stdout


@settings(INJECTION_SETTINGS, max_examples=5)
@given(t=texts)
def test_tasks_check_ci_formats_show_hostile_text_as_text(t: Texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), t)
        shown = [t.task, t.lead, t.task_note, t.evidence]
        check_html(tasks_check(inputs, "html"), shown, plain_html("taskcheck"))
        check_junit(tasks_check(inputs, "junit"), [])
        check_github(tasks_check(inputs, "github"), [])


@settings(INJECTION_SETTINGS, max_examples=5)
@given(t=texts)
def test_diff_html_and_check_show_hostile_text_as_text(t: Texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), t)
        shown = [t.unit, t.indicator_en, str(inputs.submission)]
        check_html(diff(inputs, "html"), shown, plain_html("diff"))
        where = [t.unit, str(inputs.submission)]
        check_table(check(inputs, "table"), where, one_line=True)
        check_github(check(inputs, "github"), [str(inputs.submission)])
        check_junit(check(inputs, "junit"), where)
        data = json.loads(check(inputs, "json"))
        assert data["files"][0]["file"] == str(inputs.submission)
        assert t.unit in data["files"][0]["units"]


@settings(INJECTION_SETTINGS, max_examples=5)
@given(t=texts)
def test_input_errors_with_hostile_file_names(t: Texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder) / f"{t.file}-2023.csv"
        bad.write_text("indicator,value\n4,abc\n", encoding="utf-8")
        for command in ("evaluate", "check"):
            github = run(command, bad, "-f", "github")
            assert github.code == 2
            check_github(github.stdout, [str(bad)])
            assert len(github.stdout.splitlines()) == 1
            junit = run(command, bad, "-f", "junit")
            assert junit.code == 2
            check_junit(junit.stdout, [str(bad)])

"""The terminal reports in a CI log: no line a user's text starts can be a workflow command.

A GitHub Actions runner reads every line of a job's output that starts with "::" (after white
space) as a workflow command (``::error::``, ``::add-mask::``, ``::stop-commands::``). The table
format is what a CI step prints by default (``plancheck evaluate`` in a job, the pre-commit hook),
so a unit, a title, a name, a lead department or a file name holding a line break must not
start a line with "::", and neither may a word that wrapping puts at a line's start.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plancheck.report.escape import terminal_lines
from tests.conftest import run
from tests.test_injection import Texts, write_inputs

# What the runner takes for a command: "::" at a line's start, after white space.
COMMAND = re.compile(r"^[\s\u180e\u200b\u2060\ufeff]*::", re.MULTILINE)
BREAK = "\n::error::injected"

HOSTILE = Texts(
    unit="长宁区" + BREAK,
    note="note" + BREAK,
    file="2023" + BREAK.replace("\n", "_"),  # a file name cannot hold "/", may hold the rest
    title="title" + BREAK,
    indicator="indicator" + BREAK,
    indicator_en="indicator en" + BREAK,
    category_en="category" + BREAK,
    task="task" + BREAK,
    lead="lead" + BREAK,
    task_note="task note" + BREAK,
    evidence="evidence" + BREAK,
)


def commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if COMMAND.match(line)]


@pytest.fixture
def inputs(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = write_inputs(tmp_path, HOSTILE)
    broken = tmp_path / "2023\n::error::file.csv"  # a file name with a line break
    broken.write_bytes(made.submission.read_bytes())
    return made, broken


@pytest.mark.parametrize("extra", [[], ["--details"], ["--unit", "徐汇区"], ["--lang", "zh"]])
def test_evaluate_table_starts_no_line_with_a_workflow_command(inputs, extra) -> None:  # type: ignore[no-untyped-def]
    made, broken = inputs
    result = run("evaluate", broken, "--plan", made.plan, "--tasks", made.progress, *extra)
    assert result.code in (0, 1), result.stderr
    assert "injected" in result.stdout
    assert commands(result.stdout) == []


def test_tasks_check_and_diff_tables_start_no_line_with_a_workflow_command(inputs) -> None:  # type: ignore[no-untyped-def]
    made, broken = inputs
    shown = [
        run("tasks", "check", made.progress, "--plan", made.plan),
        run("diff", made.submission, broken, "--plan", made.plan),
        run("indicators", "--plan", made.plan),
        run("tasks", "--plan", made.plan),
    ]
    for result in shown:
        assert result.code in (0, 1), result.stderr
        assert "injected" in result.stdout
        assert commands(result.stdout) == []


def test_a_word_wrapped_onto_a_line_start_is_no_command() -> None:
    text = "needs attention: a long reason\n::error::x\n  ::warning file=a::y\n\x1b[1m::notice::z"
    assert commands(terminal_lines(text)) == []
    assert terminal_lines(text).replace("\u200b", "") == text
    assert "\x1b[1m:\u200b:notice" in terminal_lines(text)  # a colour's code is no cover
    assert terminal_lines("ok: a::b\n") == "ok: a::b\n"

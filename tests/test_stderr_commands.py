"""No line on stderr is a GitHub Actions workflow command, whatever a file is called.

The runner takes a line for a command when it starts with "::" after its leading white space;
a relative file name such as ``::error title=pwned::x-2023.csv`` starts an error's line. Such a
line is shown starting with "./" (the same file): errors, warnings and notes alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.safetext import one_line
from tests.conftest import run

NAME = "::error title=pwned::x-2023.csv"


def only_line(stderr: str) -> str:
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    return stderr[:-1]


def is_command(line: str) -> bool:
    return line.lstrip().startswith("::")


@pytest.mark.parametrize("name", [NAME, " ::error::x-2023.csv", "\u3000::error::x-2023.csv",
                                  "::warning::x-2023.csv"])  # fmt: skip
def test_an_error_in_a_file_named_like_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text("indicator,value\n99,1\n", encoding="utf-8")
    result = run("evaluate", name)
    assert result.code == 2
    line = only_line(result.stderr)
    assert not is_command(line)
    assert line == f"./{name}:2: indicator: unknown indicator '99'"


def test_a_warning_in_a_file_named_like_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(NAME).write_text("indicator,value,colour\n4,100,red\n5,1.2,\n", encoding="utf-8")
    result = run("evaluate", NAME)
    assert result.stderr.splitlines() == [
        f"warning: {NAME}:1:3: column 'colour' is not used by plancheck: skipped"
    ]


def test_the_github_format_still_writes_its_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stdout of -f github is meant for the runner: its annotations stay commands."""
    monkeypatch.chdir(tmp_path)
    Path(NAME).write_text("indicator,value\n99,1\n", encoding="utf-8")
    result = run("evaluate", NAME, "-f", "github")
    assert result.code == 2
    assert result.stdout.startswith("::error file=")
    assert only_line(result.stderr).startswith(f"./{NAME}:2:")


def test_one_line_never_starts_a_command() -> None:
    assert one_line("::error::x") == "./::error::x"
    assert one_line("  ::set-output name=a::b") == "./  ::set-output name=a::b"
    assert one_line("\ufeff::error::x") == "./\ufeff::error::x"
    assert one_line("\n::error::x") == "\\x0a::error::x"  # escaped: already not a command
    assert one_line("a ::error::x") == "a ::error::x"
    assert one_line(":error::x") == ":error::x"
    assert one_line(one_line("::x")) == "./::x"  # said twice, changed once

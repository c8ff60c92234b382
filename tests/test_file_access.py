"""Paths the user may not look at or write: exit 2 and one line naming the file, never a crash.

A folder the user may not search makes ``os.stat`` of everything in it fail with EACCES, which
Python 3.11's ``Path.is_dir``/``is_file``/``exists`` raise. These tests make ``os.stat`` fail so
for the paths in one folder (``locked``), so they run as root too; ``test_as_a_user`` checks the
same with real permissions, as a user without root's override (setpriv) when run as root.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from plancheck.plan.load import bundled_plan_dir
from tests.conftest import FIXTURES, SAMPLES, run

SAMPLE = SAMPLES / "2023.csv"
PROGRESS = SAMPLES / "progress-2023.yaml"
DENIED = "permission denied"


def one_line(stderr: str) -> str:
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return stderr[:-1]


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose contents cannot be looked at (as with ``chmod 000``, for a user)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    inside = str(folder) + os.sep
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if not isinstance(path, int) and os.path.abspath(os.fsdecode(path)).startswith(inside):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return folder


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(bundled_plan_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__*"))
    return folder


# --- -o in a folder that cannot be searched -----------------------------------------------------


REPORT_COMMANDS = [
    ["evaluate", SAMPLE], ["indicators"], ["tasks"], ["tasks", "check", PROGRESS], ["template"],
    ["diff", SAMPLES / "2022.csv", SAMPLE], ["check", SAMPLE],
]  # fmt: skip


@pytest.mark.parametrize("command", REPORT_COMMANDS, ids=lambda c: " ".join(map(str, c[:2])))
def test_o_in_a_folder_that_cannot_be_searched(locked: Path, command: list[Any]) -> None:
    target = locked / ("x.csv" if command[0] == "template" else "x.md")  # a template's extension
    result = run(*command, "-o", target)
    assert result.code == 2
    assert one_line(result.stderr) == f"{target}: cannot write the report: {DENIED}"


def test_o_in_a_folder_that_cannot_be_searched_in_chinese(locked: Path) -> None:
    target = locked / "x.md"
    result = run("evaluate", SAMPLE, "-o", target, "--lang", "zh")
    assert result.code == 2
    assert one_line(result.stderr) == f"{target}: 无法写入报告：没有权限"


# --- inputs and the plan in a folder that cannot be searched -------------------------------------


@pytest.mark.parametrize(
    "option", [[], ["--tasks"], ["--reference"]], ids=["submission", "tasks", "reference"]
)
def test_an_input_that_cannot_be_looked_at(locked: Path, option: list[str]) -> None:
    name = locked / "2023.csv"
    args = ["evaluate", name] if not option else ["evaluate", SAMPLE, *option, name]
    result = run(*args)
    assert result.code == 2
    assert one_line(result.stderr) == f"{name}: cannot read file: {DENIED}"


PLAN_COMMANDS = {
    "evaluate": ["evaluate", SAMPLE],
    "check": ["check", SAMPLE],
    "indicators": ["indicators"],
    "tasks": ["tasks"],
    "tasks check": ["tasks", "check", PROGRESS],
    "template": ["template"],
    "diff": ["diff", SAMPLES / "2022.csv", SAMPLE],
}


@pytest.mark.parametrize("command", PLAN_COMMANDS)
def test_a_plan_folder_that_cannot_be_read(locked: Path, command: str) -> None:
    result = run(*PLAN_COMMANDS[command], "--plan", locked)
    assert result.code == 2
    assert one_line(result.stderr) == f"{locked / 'indicators.yaml'}: cannot read file: {DENIED}"


def test_plan_validate_of_a_folder_that_cannot_be_read(locked: Path) -> None:
    result = run("plan", "validate", locked)
    assert result.code == 2
    assert one_line(result.stderr) == f"{locked / 'indicators.yaml'}: cannot read file: {DENIED}"


@pytest.mark.parametrize("name", ["indicators.yaml", "sub"])
def test_a_plan_path_that_cannot_be_looked_at(locked: Path, name: str) -> None:
    result = run("evaluate", SAMPLE, "--plan", locked / name)
    assert result.code == 2
    assert one_line(result.stderr) == f"{locked / name}: cannot read file: {DENIED}"


def test_an_unreadable_file_says_permission_denied_in_lower_case(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same words whether looking at the file or opening it is refused."""
    indicators = plan / "indicators.yaml"
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if not isinstance(path, int) and os.fsdecode(path) == str(indicators):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    result = run("indicators", "--plan", indicators)
    assert result.code == 2
    assert one_line(result.stderr) == f"{indicators}: cannot read file: {DENIED}"


# --- plan import, init ---------------------------------------------------------------------------


def test_plan_import_from_a_folder_that_cannot_be_searched(locked: Path, tmp_path: Path) -> None:
    source = locked / "plan.txt"
    result = run("plan", "import", source, "-o", tmp_path / "draft")
    assert result.code == 2
    assert one_line(result.stderr) == f"{source}: cannot read file: {DENIED}"
    assert not (tmp_path / "draft").exists()


def test_plan_import_into_a_folder_that_cannot_be_searched(locked: Path) -> None:
    folder = locked / "draft"
    result = run("plan", "import", FIXTURES / "seed.txt", "-o", folder)
    assert result.code == 2
    assert one_line(result.stderr) == f"{folder}: cannot write the draft into this folder: {DENIED}"


def test_init_in_a_folder_that_cannot_be_searched(locked: Path) -> None:
    folder = locked / "myplan"
    result = run("init", folder)
    assert result.code == 2
    assert one_line(result.stderr) == f"{folder}: cannot make the folder: {DENIED}"


def test_init_of_a_folder_that_cannot_be_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "myplan"
    folder.mkdir()
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fsdecode(path) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("init", folder)
    assert result.code == 2
    assert one_line(result.stderr) == f"{folder}: cannot read the folder: {DENIED}"
    assert list(real_scandir(folder)) == []


# --- with real permissions -----------------------------------------------------------------------


def as_a_user() -> list[str]:
    """The command prefix that runs plancheck without root's permission to ignore modes."""
    if os.geteuid() != 0:
        return [sys.executable, "-m", "plancheck"]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be taken away")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, sys.executable, "-c", ""], check=False)
    if probe.returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return [*prefix, sys.executable, "-m", "plancheck"]


def test_as_a_user(tmp_path: Path, plan: Path) -> None:
    command = as_a_user()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    plan.chmod(0)
    try:
        cases = {
            f"{locked / 'x.md'}: cannot write the report: {DENIED}": [
                "evaluate", SAMPLE, "-o", locked / "x.md"],
            f"{plan / 'indicators.yaml'}: cannot read file: {DENIED}": [
                "evaluate", SAMPLE, "--plan", plan],
            f"{locked / 'sub'}: cannot make the folder: {DENIED}": ["init", locked / "sub"],
        }  # fmt: skip
        for expected, args in cases.items():
            done = subprocess.run([*command, *map(str, args)], capture_output=True, text=True,
                                  check=False, cwd=tmp_path, timeout=120)  # fmt: skip
            assert done.returncode == 2, done.stderr
            assert one_line(done.stderr) == expected
    finally:
        locked.chmod(0o755)
        plan.chmod(0o755)

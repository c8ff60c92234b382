"""``-o`` names a file the user may write: a read-only report is kept, an empty name is refused.

A rename replaces a file whatever its mode, so a write-protected report is refused before the
rename (``os.access``). As root every file is writable to ``os.access``: the in-process tests make
it say "no" for the target, ``test_a_read_only_report_as_a_user`` uses real permissions.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES, run
from tests.test_file_access import as_a_user, one_line

SAMPLE = SAMPLES / "2023.csv"
READ_ONLY = (
    "is read-only: not replacing it with the report; make it writable or give another file name"
)


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An earlier report, mode 444, that this user may not write (a .csv: a template's too)."""
    report = tmp_path / "report.csv"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o444)
    real_access = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and os.fsdecode(path) == str(report):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return report


@pytest.mark.parametrize(
    "command", [["evaluate", SAMPLE], ["indicators"], ["template", "--force"]], ids=lambda c: c[0]
)
def test_a_read_only_report_is_kept(read_only: Path, command: list[Any]) -> None:
    result = run(*command, "-o", read_only)
    assert result.code == 2
    assert one_line(result.stderr) == f"{read_only}: {READ_ONLY}"
    assert read_only.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in read_only.parent.iterdir()] == ["report.csv"]  # no temporary left


def test_a_read_only_report_in_chinese(read_only: Path) -> None:
    result = run("evaluate", SAMPLE, "-o", read_only, "--lang", "zh")
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{read_only}: 是只读文件：不会用报告替换它；请先使其可写，或换一个文件名"
    )


def test_a_read_only_report_through_a_link_is_kept(read_only: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.md"
    link.symlink_to(read_only)
    result = run("evaluate", SAMPLE, "-o", link)
    assert result.code == 2
    assert one_line(result.stderr) == f"{link}: {READ_ONLY}"
    assert read_only.read_text(encoding="utf-8") == "old\n"


def test_a_writable_report_is_still_replaced(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    result = run("evaluate", SAMPLE, "-f", "markdown", "-o", report)
    assert result.code == 0, result.stderr
    assert report.read_text(encoding="utf-8") != "old\n"
    assert report.stat().st_mode & 0o777 == 0o640


def test_a_read_only_report_as_a_user(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o444)
    done = subprocess.run([*as_a_user(), "evaluate", str(SAMPLE), "-o", str(report)],
                          capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert one_line(done.stderr) == f"{report}: {READ_ONLY}"
    assert report.read_text(encoding="utf-8") == "old\n"


# --- an empty name ------------------------------------------------------------------------------

EMPTY = "-o names no file (the name is empty): give the report a file name"


@pytest.mark.parametrize("form", [["-o", ""], ["--output="], ["--output", ""]])
@pytest.mark.parametrize("command", [["evaluate", SAMPLE], ["indicators"], ["template"]],
                         ids=lambda c: c[0])  # fmt: skip
def test_o_with_an_empty_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[Any], form: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*command, *form)
    assert result.code == 2
    assert one_line(result.stderr) == EMPTY
    assert list(tmp_path.iterdir()) == []


def test_o_with_an_empty_name_in_chinese() -> None:
    result = run("evaluate", SAMPLE, "-o", "", "--lang", "zh")
    assert result.code == 2
    assert one_line(result.stderr) == "-o 没有指定文件（文件名为空）：请为报告指定文件名"


def test_o_without_its_value_is_click_s_usage_error() -> None:
    result = run("evaluate", SAMPLE, "-o")
    assert result.code == 2
    assert "requires an argument" in one_line(result.stderr)


def test_o_naming_a_folder_is_refused_in_chinese_too(tmp_path: Path) -> None:
    """The check before the command runs finds -o whatever language its help is in."""
    target = f"{tmp_path / 'newdir'}/"
    result = run("evaluate", SAMPLE, "-o", target, "--lang", "zh")
    assert result.code == 2
    assert one_line(result.stderr) == f"{target}: 指向文件夹（以“/”结尾）：请为报告指定文件名"
    assert list(tmp_path.iterdir()) == []

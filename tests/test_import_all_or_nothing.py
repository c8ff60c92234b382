"""``plan import`` writes a draft that validates, or nothing: the output folder is then as it was.

The draft is written into a temporary folder inside the output folder and validated there; only
then does it replace anything, each file in one rename. A folder the run made is removed again.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, run
from tests.test_file_access import one_line

HEADER = "序号,指标,单位,指标目标,属性\n"
INVALID = HEADER + "4/5,ok,%,90,约束性\n5,ok2,%,90,约束性\n"  # an id no submission can name
VALID = HEADER + "4,ok,%,90,约束性\n5,ok2,%,90,约束性\n"


def tree(folder: Path) -> dict[str, bytes | None]:
    """Everything under ``folder``: files with their bytes, folders as None."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    source = tmp_path / "t.csv"
    source.write_text(INVALID, encoding="utf-8")
    return source


def errors_at(draft: Path) -> list[str]:
    """The first indicator's id."""
    return [
        f"{draft / 'indicators.yaml'}:27:5: id '4/5' is not a plain token: use letters, digits "
        "and '.', '-' or '_' (no spaces, '/', '\\' or control characters)",
    ]


def test_an_invalid_draft_writes_no_folder(invalid: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    result = run("plan", "import", invalid, "-o", draft, "--period", "2021-2025")
    assert result.code == 2
    assert result.stderr.splitlines() == errors_at(draft)  # named where they were to be written
    assert "Traceback" not in result.stderr
    assert not draft.exists()


def test_the_folders_made_are_removed_again(invalid: Path, tmp_path: Path) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    result = run("plan", "import", invalid, "-o", keep / "a" / "b", "--period", "2021-2025")
    assert result.code == 2
    assert list(keep.iterdir()) == []


def test_an_invalid_draft_leaves_an_empty_folder_empty(invalid: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    draft.mkdir()
    result = run("plan", "import", invalid, "-o", draft, "--period", "2021-2025")
    assert result.code == 2
    assert draft.is_dir() and list(draft.iterdir()) == []


def test_an_invalid_draft_replaces_nothing_even_with_force(invalid: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    seed = run("plan", "import", FIXTURES / "seed.txt", "-o", draft)
    assert seed.code == 0, seed.stderr
    (draft / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = tree(draft)
    result = run("plan", "import", invalid, "-o", draft, "--period", "2021-2025", "--force")
    assert result.code == 2
    assert result.stderr.splitlines() == errors_at(draft)
    assert tree(draft) == before  # the earlier plan, and no temporary folder left


def test_a_valid_draft_replaces_with_force_keeping_the_mode(tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    assert run("plan", "import", FIXTURES / "seed.txt", "-o", draft).code == 0
    (draft / "indicators.yaml").chmod(0o640)
    source = tmp_path / "g.csv"
    source.write_text(VALID, encoding="utf-8")
    result = run("plan", "import", source, "-o", draft, "--period", "2021-2025", "--force")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in draft.iterdir()) == ["indicators.yaml", "tasks.yaml"]
    assert "ok2" in (draft / "indicators.yaml").read_text(encoding="utf-8")
    assert (draft / "indicators.yaml").stat().st_mode & 0o777 == 0o640
    assert run("plan", "validate", draft).code == 0


def test_without_force_an_existing_file_is_kept(tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    draft.mkdir()
    (draft / "tasks.yaml").write_text("mine\n", encoding="utf-8")
    source = tmp_path / "g.csv"
    source.write_text(VALID, encoding="utf-8")
    result = run("plan", "import", source, "-o", draft, "--period", "2021-2025")
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{draft / 'tasks.yaml'}: tasks.yaml exists already; give --force to overwrite it"
    )
    assert tree(draft) == {"tasks.yaml": b"mine\n"}


def test_a_read_only_file_is_not_replaced_by_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "draft"
    assert run("plan", "import", FIXTURES / "seed.txt", "-o", draft).code == 0
    protected = draft / "tasks.yaml"
    real_access = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and os.fsdecode(path) == str(protected):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    before = tree(draft)
    source = tmp_path / "g.csv"
    source.write_text(VALID, encoding="utf-8")
    result = run("plan", "import", source, "-o", draft, "--period", "2021-2025", "--force")
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{protected}: is read-only: not replacing it with the file; make it writable or give "
        "another file name"
    )
    assert tree(draft) == before  # neither file replaced


def test_a_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft"
    draft.mkdir()
    real_mkdir = os.mkdir

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if os.path.dirname(os.fsdecode(path)) == str(draft):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    result = run("plan", "import", FIXTURES / "seed.txt", "-o", draft)
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{draft}: cannot write the draft into this folder: permission denied"
    )
    assert list(draft.iterdir()) == []


@pytest.mark.parametrize("given", [["-o", ""], ["--output", ""], ["--output="]])
def test_an_empty_folder_name_is_refused_not_read_as_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: list[str]
) -> None:
    source = tmp_path / "t.csv"
    source.write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path)
    result = run("plan", "import", source, *given)
    assert (result.code, result.stderr) == (2, (
        "-o names no folder (the name is empty): give the folder for the plan's files, e.g. -o plan\n"
    ))  # fmt: skip
    assert tree(tmp_path) == before  # Path('') is ".": nothing written into the current folder

"""Hostile inputs: each gives exit 2 and exactly the one-line message expected (or, for "no
figure" words, the right status) — never a traceback, and no file touched.

Each folder under tests/cases/hostile/ holds one submission file and either expected.txt (the
exact message; ``{file}`` stands for the submission's path) or statuses.json (indicator → status).
Inputs too big or too special to keep in git (a 10 MB line, a FIFO, a directory) are made here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import CASES, run

HOSTILE = sorted(p for p in (CASES / "hostile").iterdir() if p.is_dir())


def submission(case: Path) -> Path:
    return next(p for p in case.iterdir() if p.name not in ("expected.txt", "statuses.json"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("case", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_input(case: Path, tmp_path: Path) -> None:
    source = tmp_path / submission(case).name
    source.write_bytes(submission(case).read_bytes())
    before = snapshot(tmp_path)
    result = run("evaluate", source, "-f", "json")
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before  # nothing written, nothing changed
    expected = case / "expected.txt"
    if expected.exists():
        message = expected.read_text(encoding="utf-8").strip().replace("{file}", str(source))
        assert result.code == 2
        assert result.stderr == message + "\n"
    else:
        statuses = json.loads((case / "statuses.json").read_text(encoding="utf-8"))
        assert result.code in (0, 1), result.stderr
        got = result.statuses()
        assert {k: got[k] for k in statuses} == statuses


def test_ten_megabyte_line_gives_a_short_message(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value\n4," + "9" * 10_000_000 + "\n", encoding="utf-8")
    result = run("evaluate", source)
    assert result.code == 2 and len(result.stderr) < 300
    assert result.stderr.startswith(f"{source}:2: value: '9999")


def test_ten_megabyte_indicator_name(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value\n" + "指" * 5_000_000 + ",1\n", encoding="utf-8")
    result = run("evaluate", source)
    assert result.code == 2 and len(result.stderr) < 300 and "unknown indicator" in result.stderr


def test_a_cell_over_64_mib_is_refused_in_our_words_naming_its_column(tmp_path: Path) -> None:
    """README "Limits": one CSV cell up to 64 MiB. Past it, the csv module's raw "field larger
    than field limit (67108864)" was said, in English whatever the language, with no column."""
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value,note\n4,100," + "x" * (64 * 2**20 + 1) + "\n", "utf-8")
    result = run("evaluate", source)
    message = "note: the cell is larger than 64 MiB: a cell holds at most 67,108,864 characters"
    assert (result.code, result.stderr) == (2, f"{source}:2:3: {message}\n")


def test_directory_fifo_and_unreadable(tmp_path: Path) -> None:
    result = run("evaluate", tmp_path)
    assert result.code == 2 and result.stderr == f"{tmp_path}: is a directory, not a file\n"
    fifo = tmp_path / "2023.csv"
    os.mkfifo(fifo)
    result = run("evaluate", fifo)
    assert result.code == 2
    assert result.stderr == f"{fifo}: not a regular file (a pipe, socket or device)\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value\n4,100\n", encoding="utf-8")
    source.chmod(0)
    result = run("evaluate", source)
    assert result.code == 2 and "permission denied" in result.stderr


def test_every_excel_encoding_of_a_hostile_file_is_still_located(tmp_path: Path) -> None:
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        source = tmp_path / "2023.csv"
        source.write_bytes("indicator,value\n4,１００\n不存在,5\n".encode(encoding))
        result = run("evaluate", source)
        assert result.code == 2
        assert result.stderr == f"{source}:3: indicator: unknown indicator '不存在'\n", encoding

"""Without -f, a report's format is the one -o's extension names; a -f that disagrees with the
extension is refused (a JSON file named r.xlsx is a file nothing opens)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.report import FORMATS, chosen
from tests.conftest import SAMPLES, run


@pytest.mark.parametrize(
    ("name", "starts"),
    [("r.md", b"# "), ("r.HTML", b"<!DOCTYPE html>"), ("r.json", b"{"), ("r.xml", b"<?xml"),
     ("r.docx", b"PK"), ("r.xlsx", b"PK"), ("r.csv", b"\xef\xbb\xbf"), ("r.txt", "徐汇".encode()),
     ("report", "徐汇".encode())],
)  # fmt: skip
def test_the_extension_names_the_format(tmp_path: Path, name: str, starts: bytes) -> None:
    result = run("evaluate", SAMPLES / "2023.csv", "-o", tmp_path / name)
    assert result.code == 0, result.stderr
    assert (tmp_path / name).read_bytes().startswith(starts)


@pytest.mark.parametrize(
    ("args", "said"),
    [(["-f", "json", "-o", "r.xlsx"], "-f json disagrees with the extension '.xlsx', which is xlsx's"),
     (["-f", "docx", "-o", "r.txt"], "-f docx disagrees with the extension '.txt', which is table's"),
     (["-f", "csv", "-o", "r.DOCX"], "-f csv disagrees with the extension '.docx'")],
)  # fmt: skip
def test_a_format_the_extension_disagrees_with_is_refused(
    tmp_path: Path, args: list[str], said: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("r.") else a for a in args]
    result = run("evaluate", SAMPLES / "2023.csv", *args)
    assert result.code == 2
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_a_format_the_command_does_not_write_is_refused(tmp_path: Path) -> None:
    result = run("tasks", "check", SAMPLES / "progress-2023.yaml", "-o", tmp_path / "r.docx")
    assert result.code == 2
    assert "the extension '.docx' says docx, which this command does not write" in result.stderr


def test_a_text_format_goes_where_f_says_and_every_suffix_has_one_owner() -> None:
    assert chosen("evaluation", "github", "notes.txt") == "github"
    assert chosen("evaluation", "junit", "results.json") == "junit"
    assert chosen("evaluation", None, "-") == "table"
    assert chosen("check", None, "x.md") == "table"  # check writes no markdown: its table
    owned = [s for f in FORMATS.values() for s in f.suffixes]
    assert len(owned) == len(set(owned))

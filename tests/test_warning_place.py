"""A reading's warnings placed at their file (and line) in both languages: the Chinese ones
about a reference file say ``{file}：…`` with a full-width colon, which gave a ``::warning``
with no file; and ``check --reference`` said none of the reference file's warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.submission.summary import warning_place
from tests.conftest import run

EN = "its value column is not read: a reference file's figures are in its 'reference' column"
ZH = "其 value（数值）列不予读取：参照值文件的数值填在“reference”（参照值）列"


def test_warning_place_after_either_colon() -> None:
    files = ("ref.csv", "a/ref.csv")
    assert warning_place(f"a/ref.csv：{ZH}", files) == ("a/ref.csv", None, None, ZH)
    assert warning_place(f"ref.csv: {EN}", files) == ("ref.csv", None, None, EN)
    assert warning_place("ref.csv:1:3: x", files) == ("ref.csv", 1, 3, "x")
    assert warning_place("ref.csvx：y", files) == (None, None, None, "ref.csvx：y")


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value\n5,1.2\n", encoding="utf-8")
    reference = tmp_path / "ref-2023.csv"
    reference.write_text("指标,数值,参照值,口径\n5,1.0,1.8,x\n", encoding="utf-8")
    return source, reference


@pytest.mark.parametrize(("lang", "said"), [("en", EN), ("zh", ZH)])
@pytest.mark.parametrize("command", ["evaluate", "check"])
def test_reference_warnings_at_their_file(
    inputs: tuple[Path, Path], lang: str, said: str, command: str
) -> None:
    source, reference = inputs
    done = run(command, source, "--reference", reference, "-f", "github", "--lang", lang)
    assert done.code in (0, 1), done.stderr
    assert f"::warning file={reference}::{said}\n" in done.stdout
    assert f"::warning file={reference},line=1,col=4::" in done.stdout  # 口径: not used
    assert "::warning::" not in done.stdout


def test_check_says_the_reference_files_warnings(inputs: tuple[Path, Path]) -> None:
    source, reference = inputs
    done = run("check", source, "--reference", reference, "--lang", "zh")
    assert done.code == 0, done.stderr
    assert f"{reference}：{ZH}" in done.stdout
    listed = run("check", source, "--reference", reference, "-f", "json").json()["warnings"]
    assert f"{reference}: {EN}" in listed

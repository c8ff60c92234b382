"""YAML past PyYAML's limits is refused saying which limit: a key over 1,024 characters at the
key, nesting past 64 levels fast (libyaml finds it, never PyYAML's slow scanner)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from plancheck import i18n, yamlfile
from plancheck.errors import UserError
from tests.test_i18n import run


def refused(text: str) -> UserError:
    with pytest.raises(UserError) as caught:
        yamlfile.read_yaml(text, "x.yaml", numbers_as_text=True)
    return caught.value


@pytest.mark.parametrize(
    "text, where, length",
    [
        ('year: 2023\nvalues:\n  "' + "k" * 1100 + '": 100\n', (3, 3), 1102),
        ("year: 2023\nvalues:\n  " + "k" * 1100 + ": 100\n", (3, 3), 1100),
        ('values: {"a,b": 1, "' + "k" * 1100 + '": 100}\n', (1, 20), 1102),
        ("a:\n- " + "k" * 1030 + ": 1\n", (2, 3), 1030),
    ],
)
def test_a_key_over_1024_characters_is_named_at_the_key(
    text: str, where: tuple[int, int], length: int
) -> None:
    error = refused(text)
    assert (error.line, error.column) == where
    assert error.message.startswith(f"a key of {length:,} characters")
    assert "1,024" in error.message and "not allowed" not in error.message


def test_a_key_over_the_limit_is_said_in_chinese() -> None:
    previous = i18n.set_lang("zh")
    try:
        error = refused("k" * 1030 + ": 1\n")
    finally:
        i18n.set_lang(previous)
    assert error.message.startswith("键长 1,030 个字符：YAML 的键最多 1,024 个字符")


def test_a_key_of_1024_characters_is_read_and_a_long_value_with_a_colon_keeps_pyyamls_word() -> (
    None
):
    assert yamlfile.read_yaml("k" * 1024 + ": 1\n", "x.yaml").data == {"k" * 1024: 1}
    error = refused("a: " + "k" * 1030 + ": 1\n")  # the ": " in the value is what is wrong
    assert "mapping values are not allowed here" in error.message


DEEP = "year: 2023\nvalues: " + "[" * 10000 + "]" * 10000 + "\n"


@pytest.mark.parametrize(
    "text, where",
    [
        (DEEP, (2, 73)),
        ("year: 2023\nvalues: " + "{a: " * 10000 + "1" + "}" * 10000 + "\n", (2, 265)),
        ("[" * 3000 + "]" * 3000 + "\n", (1, 66)),
        (
            "values:\n"
            + "".join("  " * i + f"k{i}:\n" for i in range(300))
            + "  " * 300
            + "x: 1\n",
            (67, 131),
        ),
    ],
)
def test_deep_nesting_is_refused_without_pyyamls_own_scanner(
    text: str, where: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # PyYAML's pure-Python scanner takes seconds over brackets thousands deep: never used here.
    def slow(*_: object, **__: object) -> None:
        raise AssertionError("PyYAML's own scanner ran")

    monkeypatch.setattr(yaml.SafeLoader, "__init__", slow)
    monkeypatch.setattr(yamlfile._TEXT_NUMBER_LOADERS[0], "__init__", slow)
    for numbers_as_text in (True, False):
        with pytest.raises(UserError) as caught:
            yamlfile.read_yaml(text, "x.yaml", numbers_as_text=numbers_as_text)
        assert caught.value.message == "YAML nested too deeply (more than 64 levels)"
        assert (caught.value.line, caught.value.column) == where


def test_brackets_in_a_string_are_no_nesting() -> None:
    text = 'a: "' + "[" * 100 + '"\nb: [1, [2]]\n'
    assert yamlfile.read_yaml(text, "x.yaml").data == {"a": "[" * 100, "b": [1, [2]]}


# --- expat's problems with a part of a workbook or a document -------------------------------


def test_every_xml_problem_in_the_catalog_is_one_expat_says() -> None:
    from xml.parsers.expat import errors

    said = set(errors.messages.values())
    ours = {k: v for k, v in i18n.TEXTS["en"].items() if k.startswith("xml.problem.")}
    assert ours and set(ours.values()) <= said


def test_a_damaged_parts_xml_problem_is_said_in_chinese(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["indicator", "value"])
    book.save(tmp_path / "whole.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "whole.xlsx") as whole,
        zipfile.ZipFile(tmp_path / "cut.xlsx", "w") as cut,
    ):
        for name in whole.namelist():
            data = whole.read(name)
            cut.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    code, _, err = run("evaluate", tmp_path / "cut.xlsx", "--year", "2023", "--lang", "zh")
    assert code == 2
    assert "部件“xl/worksheets/sheet1.xml”不是 XML（记号没有结束，文件可能不完整，第 " in err, err
    code, _, err = run("evaluate", tmp_path / "cut.xlsx", "--year", "2023")
    assert "(unclosed token, line " in err, err

"""Numbers in YAML mean their decimal text, as a CSV cell's do.

YAML 1.1 (PyYAML) reads ``0100`` as 64, ``1:40`` as 100, ``0x10`` as 16, ``1_2`` as 12 and the key
``24.10`` as 24.1. Submissions and progress reports keep such scalars as the text typed, and the
readers take them as CSV cells; a plan refuses them, and ``.nan``/``.inf``, at their line and
column. Data-driven cases: tests/cases/hostile/yaml_* and tests/cases/tasks/milestone_*.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plancheck.errors import UserError
from plancheck.yamlfile import read_yaml
from tests.conftest import CASES, run

# --- the loader ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "typed", "as_text"),
    [
        ("0100", None, "0100"),  # typed: octal 64, refused in a plan
        ("1:40", None, "1:40"),  # base 60: 100
        ("0x10", None, "0x10"),
        ("0b11", None, "0b11"),
        ("24.10", 24.1, "24.10"),  # the same number, not the same milestone id
        ("100", 100, "100"),
        ("-1.5e+3", -1500.0, "-1.5e+3"),
        ("1_000", 1000, "1_000"),  # the decimal reading: accepted in a plan
        ("yes", True, "yes"),  # a boolean in a plan; the text typed in a submission
        ("2023-12-31", dt.date(2023, 12, 31), dt.date(2023, 12, 31)),
        ("~", None, None),
        ('"0100"', "0100", "0100"),
    ],
)
def test_plain_scalars(written: str, typed: object, as_text: object) -> None:
    text = f"a: {written}\n"
    assert read_yaml(text, "f.yaml", numbers_as_text=True).data == {"a": as_text}
    if typed is None and written not in ("~",):
        with pytest.raises(UserError, match=r"is read by YAML as .*: write the number in decimal"):
            read_yaml(text, "f.yaml")
    else:
        assert read_yaml(text, "f.yaml").data == {"a": typed}


def test_keys_stay_the_text_typed() -> None:
    doc = read_yaml("010: a\n24.10: b\n9: c\n", "f.yaml", numbers_as_text=True)
    assert doc.data == {"010": "a", "24.10": "b", "9": "c"}


@pytest.mark.parametrize("numbers_as_text", [False, True])
def test_a_null_or_boolean_key_is_the_text_typed(numbers_as_text: bool) -> None:
    doc = read_yaml("null: a\n~: b\nNo: c\n", "f.yaml", numbers_as_text=numbers_as_text)
    assert doc.data == {"null": "a", "~": "b", "No": "c"}


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "+.INF"])
def test_not_a_finite_number_is_located(written: str) -> None:
    with pytest.raises(UserError) as caught:
        read_yaml(f"plan:\n  value: {written}\n", "p.yaml")
    assert str(caught.value) == f"p.yaml:2:10: '{written}' is not a finite number"
    # a submission reads it as the text typed; its reader then says it is not a number
    assert read_yaml(f"v: {written}\n", "s.yaml", numbers_as_text=True).data == {"v": written}


@pytest.mark.parametrize("numbers_as_text", [False, True])
def test_a_surrogate_escape_is_refused(numbers_as_text: bool) -> None:
    with pytest.raises(UserError) as caught:
        read_yaml('a: ok\nb: "x\\udfff"\n', "f.yaml", numbers_as_text=numbers_as_text)
    assert str(caught.value) == (
        "f.yaml:2:4: '\\udfff' is half of a UTF-16 pair, not a character: write the character itself"
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_marks_count_lines_as_editors_do(separator: str) -> None:
    text = f'a: "x{separator}y"\nb: [1, 2\nc: 3\n'
    with pytest.raises(UserError) as caught:
        read_yaml(text, "f.yaml")
    assert caught.value.line == 3  # PyYAML counts the separator as a line end: 4
    doc = read_yaml(f'a: "x{separator}y"\nb: 1\n', "f.yaml")
    assert doc.where(("b",)) == (2, 1)


def test_explicitly_tagged_numbers_are_the_writers_choice() -> None:
    assert read_yaml('a: !!int "0100"\n', "f.yaml").data == {"a": 64}


@pytest.mark.parametrize(
    ("written", "takes"),
    [
        ('!!bool "100"', "a !!bool is true, false, yes, no, on or off"),
        ("!<tag:yaml.org,2002:bool> maybe", "a !!bool is true, false, yes, no, on or off"),
        ("!!timestamp abc", "a !!timestamp is a date such as 2023-12-31, or a date and time"),
        ("!!timestamp 2023-01-01 x", "a !!timestamp is a date"),
        ("!!null x", "a !!null is empty, ~ or null"),
        ('!!int ""', "a !!int is a number"),
        ('!!int "+"', "a !!int is a number"),
        ('!!float ""', "a !!float is a number"),
    ],
)
@pytest.mark.parametrize("numbers_as_text", [False, True])
@pytest.mark.parametrize("as_key", [False, True])
def test_a_tag_the_text_does_not_fit_is_located(
    written: str, takes: str, numbers_as_text: bool, as_key: bool
) -> None:
    """PyYAML's constructors take an explicitly tagged text as their type's without looking
    (a KeyError, AttributeError or IndexError): it is a located error, in a plan or a data file,
    as a value or as a key."""
    text = f"a: 1\n{written}: b\n" if as_key else f"a: 1\nb: {written}\n"
    with pytest.raises(UserError) as caught:
        read_yaml(text, "f.yaml", numbers_as_text=numbers_as_text)
    error = caught.value
    assert (error.line, error.column) == (2, 1 if as_key else 4)
    assert str(error.message).startswith("invalid value '") and takes in str(error.message)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("!!bool Yes", True),
        ("!!bool off", False),
        ("!!timestamp 2023-12-31", dt.date(2023, 12, 31)),
        ("!!null ~", None),
        ('!!null ""', None),
        ('!!int "-5"', -5),
        ('!!float "+.5"', 0.5),
    ],
)
def test_a_tag_the_text_fits_is_read(written: str, value: object) -> None:
    for numbers_as_text in (False, True):
        assert read_yaml(f"a: {written}\n", "f.yaml", numbers_as_text=numbers_as_text).data == {
            "a": value
        }


# --- submissions --------------------------------------------------------------------------------


def evaluate(tmp_path: Path, text: str) -> dict[str, object]:
    source = tmp_path / "2023.yaml"
    source.write_text(text, encoding="utf-8")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    return {r["id"]: r["value"] for r in result.json()["results"] if r["value"] is not None}


def test_values_are_read_as_csv_cells(tmp_path: Path) -> None:
    text = 'values:\n  "4": 0100\n  "19": 012.5\n  "20": "050"\n  "22": 0.10\n'
    assert evaluate(tmp_path, text) == {"4": 100, "19": 12.5, "20": 50, "22": 0.1}


def test_records_read_indicator_year_and_figures_as_csv_cells(tmp_path: Path) -> None:
    text = (
        "records:\n"
        "  - {year: 2023, indicator: 010, value: 0100}\n"
        "  - {year: 2023, indicator: 18, value: 095, rank: 03}\n"
    )
    assert evaluate(tmp_path, text) == {"10": 100, "18": 95}


def test_same_figures_in_csv_and_yaml(tmp_path: Path) -> None:
    csv = tmp_path / "2023.csv"
    csv.write_text("indicator,value\n04,0100\n019,011.40\n", encoding="utf-8")
    from_csv = run("evaluate", csv, "-f", "json").statuses()
    assert evaluate(tmp_path, "values:\n  04: 0100\n  019: 011.40\n") == {"4": 100, "19": 11.4}
    source = tmp_path / "2023.yaml"
    assert run("evaluate", source, "-f", "json").statuses() == from_csv


def test_a_base_60_rank_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "2023.yaml"
    source.write_text('values:\n  "4": 100\n  "18": {value: 95, rank: 1:3}\n', encoding="utf-8")
    result = run("evaluate", source, "-f", "json")
    assert result.code == 2
    assert result.stderr == f"{source}:3:21: rank: rank '1:3' is not a whole number from 1\n"


# --- plans --------------------------------------------------------------------------------------

PLAN = (CASES / "plans" / "wrong_type" / "indicators.yaml").read_text(encoding="utf-8")
VALID_PLAN = PLAN.replace("binding: maybe", "binding: true")


def plan_with(tmp_path: Path, target_value: str) -> Path:
    assert '{kind: threshold, op: ">=", value: 100}' in VALID_PLAN
    folder = tmp_path / "plan"
    folder.mkdir()
    text = VALID_PLAN.replace(
        '{kind: threshold, op: ">=", value: 100}',
        f'{{kind: threshold, op: ">=", value: {target_value}}}',
    )
    (folder / "indicators.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_valid_plan_is_valid(tmp_path: Path) -> None:
    assert run("plan", "validate", plan_with(tmp_path, "100")).code == 0


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (".nan", "'.nan' is not a finite number"),
        (".inf", "'.inf' is not a finite number"),
        ("0100", "'0100' is read by YAML as 64: write the number in decimal"),
        ("1:40", "'1:40' is read by YAML as 100: write the number in decimal"),
        ("0x64", "'0x64' is read by YAML as 100: write the number in decimal"),
    ],
)
def test_a_plan_number_yaml_would_misread_is_located(
    tmp_path: Path, written: str, message: str
) -> None:
    folder = plan_with(tmp_path, written)
    line = next(n for n, text in enumerate(VALID_PLAN.splitlines(), 1) if "value: 100}" in text)
    column = VALID_PLAN.splitlines()[line - 1].index("value: 100}") + len("value: ") + 1
    result = run("plan", "validate", folder)
    assert result.code == 2
    assert result.stderr.startswith(f"{folder / 'indicators.yaml'}:{line}:{column}: {message}")
    assert len(result.stderr.splitlines()) == 1

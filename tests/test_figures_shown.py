"""Figures in reports: as people write them, at their indicator's decimals, and never digits a
double holds but nobody typed (1e23 is not 99999999999999991611392), nor 0 for a figure that
is not zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.messages import number
from plancheck.report.common import fixed
from tests.conftest import run

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("value", "text"),
    [(100.0, "100"), (0.1, "0.1"), (1.23456, "1.2346"), (1e23, "1e+23"), (-1e23, "-1e+23"),
     (123456789012345.0, "123456789012345"), (1e15, "1000000000000000"), (1e16, "1e+16"), (1e-7, "1e-07")],
)  # fmt: skip
def test_number(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [(72.333, 2, "72.33"), (None, 2, "—"), (-0.0001, 2, "-0.0001"), (0.0, 2, "0"),
     (-0.0, 1, "0"), (1e23, 2, "1e+23"), (1e-7, 0, "1e-07"), (98.5, 0, "98")],
)  # fmt: skip
def test_fixed(value: float | None, places: int, text: str) -> None:
    assert fixed(value, places) == text


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv"])
def test_a_huge_and_a_tiny_figure_read_in_every_report_as_typed(fmt: str, tmp_path: Path) -> None:
    sample = (ROOT / "samples" / "2023.csv").read_text(encoding="utf-8")
    row = "2,区委理论学习中心组专题学法次数,3"
    assert row in sample
    for typed, shown in (("1e23", "1e+23"), ("1e-7", "1e-07")):
        path = tmp_path / "2023.csv"
        path.write_text(sample.replace(row, f"2,区委理论学习中心组专题学法次数,{typed}"), "utf-8")
        result = CliRunner().invoke(app, ["evaluate", str(path), "-f", fmt])
        assert result.exit_code in (0, 1), result.output
        assert shown in result.stdout
        assert "99999999999999991611392" not in result.stdout


def test_a_figure_beyond_a_bands_bound_is_never_shown_as_the_bound(tmp_path: Path) -> None:
    """6.0500001 fails 5.5 ± 0.55 and 95.0000001 fails 80–95: at the indicator's four decimals
    they would read 6.0500 and 95.0000, as the passing 6.05 and 95 do."""
    figures = tmp_path / "2022.csv"
    figures.write_text("unit,year,indicator,value\n甲,2022,7,6.05\n乙,2022,7,6.0500001\n"
                       "丙,2022,8,95\n丁,2022,8,95.0000001\n戊,2022,7,5.123456\n",
                       encoding="utf-8")  # fmt: skip
    plan = ROOT / "tests" / "fixtures" / "plans" / "kinds"
    shown = run("evaluate", figures, "--plan", plan, "--details").stdout
    assert "6.0500001%" in shown and "95.0000001%" in shown
    assert "6.0500%" in shown and "95.0000%" in shown  # the passing ones, at four decimals


@pytest.mark.parametrize(
    ("fraction", "said"),
    [
        (0.456, "46%"),
        (0.9998, "99.98%"),
        (1.0, "100%"),
        (0.0, "0%"),
        (0.004, "0.4%"),
        (1.2, "120%"),
        # Below none: never "-0%" (a figure at its baseline gives -0.0, a fall of nothing).
        (-0.0, "0%"),
        (-1e-15, "0%"),
        (-0.001, "-0.1%"),
        (-0.25, "-25%"),
    ],
)
def test_a_share_short_of_the_whole_is_never_said_as_100(fraction: float, said: str) -> None:
    """时序进度: "100% of the gap closed" of a target not reached would contradict itself."""
    from plancheck.messages import share

    assert share(fraction) == said

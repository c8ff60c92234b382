"""A progress report saved as CSV where the comma is the decimal mark (semicolons between its
cells, as European Excel saves one) reads its milestones' figures as a submission does
(``values.parse_number``): 98,5 is 98.5, and 1,234 — 1.234 or 1234? — is refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run

HEADER = "task;milestone;status;value\n"


def test_a_semicolon_progress_report_reads_a_decimal_comma(tmp_path: Path) -> None:
    source = tmp_path / "progress-2023.csv"
    source.write_text(HEADER + "10;10.1;in_progress;98,5\n", encoding="utf-8")
    done = run("tasks", "check", source, "-f", "json")
    assert done.code in (0, 1), done.stderr  # it was refused: '98,5' is not a number
    assert '"value": 98.5' in done.stdout


def test_a_figure_that_reads_two_ways_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "progress-2023.csv"
    source.write_text(HEADER + "A15;A15.1;in_progress;1,234\n", encoding="utf-8")
    refused = run("tasks", "check", source)
    assert refused.code == 2  # it was 1234 (out of range for a rate)
    assert refused.stderr.startswith(f"{source}:2:4: value: '1,234' reads two ways")
    zh = run("tasks", "check", source, "--lang", "zh")
    assert zh.code == 2 and "1,234" in zh.stderr and "A15.1" in zh.stderr


def test_a_comma_delimited_report_keeps_its_thousands_comma(tmp_path: Path) -> None:
    source = tmp_path / "progress-2023.csv"
    source.write_text('task,milestone,status,value\n10,10.1,in_progress,"1,234"\n', "utf-8")
    refused = run("tasks", "check", source)
    assert (refused.code, refused.stderr) == (
        2, f"{source}:2:4: value: 1234 % is out of range for milestone 10.1\n"
    )  # fmt: skip

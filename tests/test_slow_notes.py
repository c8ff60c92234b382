"""What is still slow at a national file's size says so once on stderr (issue 14): the terminal
table past 20,000 results, a YAML submission past 20,000 figures. The thresholds are lowered here
so that small files show the note; nothing is timed."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.cli import main
from tests.conftest import SAMPLES, run

DISTRICTS = SAMPLES / "districts-2023.csv"


def test_a_format_slow_at_this_size_says_so_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from plancheck import report

    table = report.FORMATS["table"]
    assert table.slow_above is not None
    assert report.FORMATS["json"].slow_above is None  # json is the same speed at every size
    assert report.FORMATS["docx"].slow_above is None  # its rows written as text: seconds
    assert report.FORMATS["xlsx"].slow_above is None  # likewise: about twice -f csv's time
    monkeypatch.setitem(report.FORMATS, "table", table._replace(slow_above=10))
    outcome = run("evaluate", DISTRICTS, "--details")
    notes = [line for line in outcome.stderr.splitlines() if line.startswith("note: -f table")]
    assert len(notes) == 1 and "results one by one" in notes[0]
    # The compact default lays out a matrix and a bounded list: not slow, no note.
    assert "note:" not in run("evaluate", DISTRICTS).stderr
    assert not [line for line in run("evaluate", DISTRICTS, "-f", "json").stderr.splitlines()
                if line.startswith("note:")]  # fmt: skip
    monkeypatch.setitem(report.FORMATS, "table", table._replace(slow_above=10**9))
    assert "note: -f table" not in run("evaluate", DISTRICTS, "--details").stderr


def test_a_large_yaml_submission_says_once_that_csv_is_faster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plancheck.submission import read

    path = tmp_path / "2023.yaml"
    path.write_text('values:\n  "1": 100\n  "2": 3\n  "3": 100\n', encoding="utf-8")
    assert "YAML" not in run("evaluate", path).stderr
    monkeypatch.setattr(read, "SLOW_YAML_RECORDS", 2)
    said = [line for line in run("evaluate", path).stderr.splitlines() if "from YAML" in line]
    assert len(said) == 1 and "3 figures read from YAML" in said[0]


def test_the_note_is_in_the_runs_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from plancheck import report

    monkeypatch.setitem(report.FORMATS, "table", report.FORMATS["table"]._replace(slow_above=10))
    said = run("evaluate", DISTRICTS, "--details", "--lang", "zh").stderr.splitlines()
    assert (
        [line for line in said if line.startswith("提示：-f table")]
        == [line for line in said if "-f markdown、html 或 json 几秒内即可写完" in line]
        != []
    )


def test_the_note_is_on_stderr_before_the_slow_report_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A slow format's note comes first, not after the work (docx, made slow here: it is the
    one that renders all at once, after reading everything)."""
    from plancheck import report
    from plancheck.report import docx

    docx_format = report.FORMATS["docx"]
    monkeypatch.setitem(report.FORMATS, "docx", docx_format._replace(slow_above=10))
    made = docx.render_evaluation
    said_before: list[str] = []

    def render(evaluation: object, options: object) -> bytes:
        said_before.append(capsys.readouterr().err)  # what stderr holds when the work starts
        return made(evaluation, options)  # type: ignore[arg-type]

    monkeypatch.setattr(docx, "render_evaluation", render)
    out = tmp_path / "r.docx"
    argv = ["plancheck", "evaluate", str(DISTRICTS), "-f", "docx", "-o", str(out)]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit):
        main()  # the installed command: stderr is the process's own
    assert len(said_before) == 1 and said_before[0].startswith("note: -f docx")
    assert out.read_bytes().startswith(b"PK")

"""A note is the words typed: kept as they are in the data (JSON, CSV), shown escaped where a
report must (a bidi control as \\u202e), never folded like a figure (NFKC would turn （） into ())."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from plancheck.cli import app

NOTE = "说明（待定）：数据来源于区统计局。a\u200db\u202ec\u3000d"


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def test_a_note_is_kept_as_typed_and_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "2023.csv"
    path.write_text(f"indicator,value,note\n4,100,  {NOTE}  \n", encoding="utf-8")
    code, out = run("evaluate", path, "-f", "json")
    assert code in (0, 1)
    notes = [r["note"] for r in json.loads(out)["results"] if r["note"]]
    assert notes == [NOTE]
    code, out = run("evaluate", path, "-f", "markdown")
    assert "说明（待定）：数据来源于区统计局。" in out
    assert "\u202e" not in out and "\\\\u202e" in out  # shown, not obeyed

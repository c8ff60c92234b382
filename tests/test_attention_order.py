"""One order of "needs attention" in every report (``report.common.attention``): what blocks
compliance first, then the worst status, binding before expected, the units', the indicators'.

The case that tells the orders apart: a binding indicator with no figure (missing, blocking)
beside an expected one that fails (worse, but not blocking).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run

# 1 is binding and left out: missing and blocking; 5 (expected) fails, 8 is unknown, 23 missing.
BLOCKING_FIRST = ["1", "5", "8", "23", "7", "11", "12", "15", "19", "22"]


@pytest.fixture(scope="module")
def without_one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = (SAMPLES / "2023.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path_factory.mktemp("attention") / "2023.csv"
    path.write_text("".join(r for r in rows if not r.startswith("1,")), encoding="utf-8")
    return path


def _listed(text: str, start: str, line: str, end: str) -> list[str]:
    section = (text.split(start, 1)[1] if start else text).split(end, 1)[0]
    return re.findall(line, section, flags=re.MULTILINE)


def test_the_terminal_lists_what_blocks_first_compact_and_detailed(without_one: Path) -> None:
    line = r"^  \S+ \S+  (\d+) "
    detailed = run("evaluate", without_one, "--lang", "en")
    assert detailed.code == 1
    assert _listed(detailed.stdout, "Needs attention", line, "\n\n") == BLOCKING_FIRST
    compact = run("evaluate", SAMPLES / "2022.csv", without_one, "--lang", "en")
    assert _listed(compact.stdout, "Needs attention 2023", line, "\n\n") == BLOCKING_FIRST


@pytest.mark.parametrize(
    ("fmt", "start", "line", "end"),
    [
        ("markdown", "## Needs attention", r"^- \*\*(\d+) ", "\n## "),
        ("html", '<ul class="attention">', r"<strong>(\d+) ", "</ul>"),
        ("github", "", r"^::\w+ file=[^,]+(?:,line=\d+)?,title=(\d+) ", "title=plancheck"),
    ],
)
def test_every_format_lists_in_the_terminals_order(
    without_one: Path, fmt: str, start: str, line: str, end: str
) -> None:
    for files in ([without_one], [SAMPLES / "2022.csv", without_one]):
        shown = run("evaluate", *files, "-f", fmt, "--lang", "en").stdout
        assert _listed(shown, start, line, end) == BLOCKING_FIRST, (fmt, files)


def test_under_strict_what_is_behind_blocks_too_and_the_worst_come_first(
    without_one: Path,
) -> None:
    """--strict: everything not a pass blocks, so the order is the statuses' alone."""
    shown = run("evaluate", without_one, "--strict", "-f", "markdown", "--lang", "en").stdout
    listed = _listed(shown, "## Needs attention", r"^- \*\*(\d+) ", "\n## ")
    assert listed == ["5", "8", "1", "23", "7", "11", "12", "15", "19", "22"]

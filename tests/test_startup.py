"""Start-up guard (#8): a command imports only what it uses. Checked by module, never by seconds.

Each case runs the command in a fresh interpreter and lists the modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = str(ROOT / "samples" / "2023.csv")
PROBE = """
import json, sys
from plancheck.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
# Used only by other commands, formats or large files: importing them would cost every run.
HEAVY = ("polars", "numpy", "python_calamine", "xlsxwriter", "docx")
ELSEWHERE = (
    "plancheck.tasks",
    "plancheck.evaluate.diff",
    "plancheck.submission.read_xlsx",
    "plancheck.plan.importers",
    "plancheck.plan.consistency",
    "plancheck.template",
    "plancheck.ooxml",
)


def loaded(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def under(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in prefixes or m.startswith(prefixes))


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_evaluate_imports_only_what_it_uses(fmt: str) -> None:
    modules = loaded("evaluate", SAMPLE, "-f", fmt)
    assert "plancheck.evaluate.engine" in modules  # the probe did run the command
    assert under(modules, HEAVY) == []  # one district: its arrays are plain Python lists
    assert under(modules, ELSEWHERE) == []
    if fmt == "json":
        assert under(modules, ("rich",)) == []


def test_help_imports_neither_pydantic_models_nor_rich() -> None:
    modules = loaded("--help")
    assert "plancheck.cli" in modules
    assert under(modules, ("rich", "pydantic.main", "plancheck.plan.models", *HEAVY)) == []

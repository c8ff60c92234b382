"""Golden files: each report format of the 2023 sample, byte for byte.

After an intended change of a report, regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = {
    "2023.table.txt": ["evaluate", "samples/2023.csv", "--lang", "en"],
    "2023.zh.table.txt": ["evaluate", "samples/2023.csv", "--lang", "zh"],
    "2023.md": ["evaluate", "samples/2023.csv", "-f", "markdown", "--lang", "en"],
    "2023.json": ["evaluate", "samples/2023.csv", "-f", "json", "--lang", "en"],
    "2020-2023.md": [
        "evaluate",
        "samples/2020.csv",
        "samples/2023.csv",
        "-f",
        "markdown",
        "--lang",
        "en",
    ],
    "indicators.md": ["indicators", "-f", "markdown", "--lang", "en"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # reports name files as given: keep the paths relative
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = run(*CASES[name])
    assert result.code in (0, 1), result.stderr
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_same_input_gives_identical_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for fmt in ("table", "markdown", "json"):
        first = run("evaluate", "samples/2023.csv", "-f", fmt).stdout
        assert run("evaluate", "samples/2023.csv", "-f", fmt).stdout == first

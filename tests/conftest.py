"""Shared helpers: run the CLI in-process and find the repo's samples and fixtures."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = Path(__file__).resolve().parent / "cases"


def kind_name(kind: type[Any]) -> str:
    """A kind's ``kind: Literal["…"]``: its name in the plan's YAML."""
    found = re.fullmatch(r"Literal\[['\"](\w+)['\"]\]", kind.__annotations__["kind"])
    assert found is not None, kind.__annotations__["kind"]
    return found.group(1)


class Run:
    """The outcome of one CLI call: exit code, stdout, stderr, and stdout parsed as JSON."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def json(self) -> Any:
        return json.loads(self.stdout)

    def statuses(self) -> dict[str, str]:
        return {r["id"]: r["status"] for r in self.json()["results"]}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Run:
    result = CliRunner().invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli() -> Any:
    return run


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Annotations name files from GITHUB_WORKSPACE when it is set (report/github.py): the tests
    expect the paths as given, wherever the suite runs."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)

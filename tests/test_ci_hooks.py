"""The pre-commit hook definition: valid YAML naming a real command and matching submissions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from typer.testing import CliRunner

from plancheck.cli import app

ROOT = Path(__file__).resolve().parents[1]


def hooks() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_hook_names_an_existing_entry_point() -> None:
    (hook,) = hooks()
    assert hook["id"] == "plancheck"
    assert hook["language"] == "python"
    command, subcommand = str(hook["entry"]).split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert command in scripts
    assert scripts[command] == "plancheck.cli:main"
    assert CliRunner().invoke(app, [subcommand, "--help"]).exit_code == 0


def test_hook_matches_yearly_submissions_only() -> None:
    (hook,) = hooks()
    files = re.compile(str(hook["files"]))
    for name in (
        "2023.csv",
        "submissions/2023.csv",
        "data/xuhui-2024.xlsx",
        "2025.yaml",
        "a/2022.yml",
    ):
        assert files.search(name), name
    excluded = re.compile(str(hook["exclude"]))
    for name in ("README.md", "indicators.yaml", "samples/make_districts.py", "notes.csv"):
        assert not files.search(name), name
    for name in ("progress-2023.yaml", "samples/progress-2023.csv", "任务进度2024.yaml"):
        assert files.search(name) and excluded.search(name), name  # a year, but not figures
    assert not excluded.search("submissions/2023.csv")


def test_hook_evaluates_the_samples_as_pre_commit_would() -> None:
    """pre-commit appends the matching file names to the entry."""
    (hook,) = hooks()
    files = re.compile(str(hook["files"]))
    samples = sorted(str(p) for p in (ROOT / "samples").iterdir() if files.search(p.name))
    assert any(s.endswith("2023.csv") for s in samples)
    good = [s for s in samples if Path(s).name in ("2021.csv", "2023.csv")]
    _, subcommand = str(hook["entry"]).split()
    assert CliRunner().invoke(app, [subcommand, *good]).exit_code == 0

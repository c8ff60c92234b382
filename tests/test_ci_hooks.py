"""The pre-commit hooks: valid YAML naming real commands and matching submissions.

``plancheck`` (the default) runs ``plancheck check``: a commit is refused only for malformed files
(exit 2), never for true figures that fail a target. ``plancheck-compliance`` runs ``plancheck
evaluate``: the gate, refused when a binding indicator is not met (exit 1).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from plancheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    found = {hook["id"]: hook for hook in data}
    assert len(found) == len(data)  # ids are unique
    return found


def run_hook(hook: dict[str, Any], files: list[Path], *args: str) -> Any:
    """As pre-commit runs it: the entry, the hook's args, then the matching staged file names."""
    _, subcommand = str(hook["entry"]).split()
    files_pattern, exclude = re.compile(str(hook["files"])), re.compile(str(hook["exclude"]))
    names = [
        str(f)
        for f in files
        if files_pattern.search(f.as_posix()) and not exclude.search(f.as_posix())
    ]
    assert names, "no file matches the hook"
    return CliRunner().invoke(app, [subcommand, *args, *names], catch_exceptions=False)


def test_the_hooks_name_existing_entry_points() -> None:
    found = hooks()
    assert set(found) == {"plancheck", "plancheck-compliance"}
    assert found["plancheck"]["entry"] == "plancheck check"  # the default: well-formed only
    assert found["plancheck-compliance"]["entry"] == "plancheck evaluate"  # the gate
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True  # all files in one run: a baseline year serves
        command, subcommand = str(hook["entry"]).split()
        assert scripts[command] == "plancheck.entry:main"
        assert CliRunner().invoke(app, [subcommand, "--help"]).exit_code == 0


def test_hooks_match_yearly_submissions_only() -> None:
    for hook in hooks().values():
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
        for name in ("progress-2023.yaml", "samples/progress-2023.csv", "任务进度2024.yaml",
                     "plan/sample-2027.csv"):  # fmt: skip
            assert files.search(name) and excluded.search(name), name  # a year, but not figures
        assert not excluded.search("submissions/2023.csv")


def test_default_hook_passes_true_figures_that_fail_a_target() -> None:
    """samples/2022.csv fails binding indicator 13: evaluate says 1, the default hook lets it in."""
    found = hooks()
    failing = [SAMPLES / "2022.csv"]
    gate = run_hook(found["plancheck-compliance"], failing)
    assert gate.exit_code == 1
    result = run_hook(found["plancheck"], failing)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"ok {SAMPLES / '2022.csv'}: 23 figures, unit 徐汇区, year 2022"
    )
    assert len(result.stdout.splitlines()) <= 3  # a few lines, not the evaluation


def test_default_hook_refuses_a_malformed_file_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "2023.csv"
    bad.write_text("indicator,value\n4,100\n5,abc\n", encoding="utf-8")
    for hook in hooks().values():
        result = run_hook(hook, [bad])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{bad}:3: value: 'abc' is not a number")


def test_hooks_run_on_the_samples_as_pre_commit_would() -> None:
    """pre-commit appends the matching file names to the entry; an earlier year is a baseline."""
    found = hooks()
    good = [SAMPLES / "2020.csv", SAMPLES / "2021.csv", SAMPLES / "2023.csv"]
    assert run_hook(found["plancheck-compliance"], good).exit_code == 0
    result = run_hook(found["plancheck"], good, "--plan", str(ROOT / "data"))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == [f"ok {f}" for f in good]
    assert "baseline year 2020" in lines[3]


def test_the_sample_init_writes_is_not_checked_beside_a_real_year(tmp_path: Path) -> None:
    """A repository with a plan made by ``plancheck init`` and its first real year committed
    beside the sample: the sample is no submission (its figures would be given twice)."""
    plan = tmp_path / "plan"
    assert CliRunner().invoke(app, ["init", str(plan)]).exit_code == 0
    (sample,) = plan.glob("sample-*.csv")
    real = tmp_path / f"{sample.stem.removeprefix('sample-')}.csv"
    real.write_bytes(sample.read_bytes())
    staged = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    for hook in hooks().values():
        assert re.search(str(hook["files"]), sample.as_posix())  # a year in its name, but…
        assert re.search(str(hook["exclude"]), sample.as_posix())  # …left out
        result = run_hook(hook, staged, "--plan", str(plan))
        assert result.exit_code == 0, result.stderr
        assert str(sample) not in result.stdout and str(real) in result.stdout


def test_the_readmes_ci_snippets_install_from_the_repository() -> None:
    """Every YAML snippet of the README's "In CI" section parses, and none installs plancheck by
    its bare name from a package index (it is not published there)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## In CI\n", 1)[1].split("\n## ", 1)[0]
    snippets = re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    assert len(snippets) >= 3  # GitHub Actions, GitLab CI, pre-commit
    bare = re.compile(r"pip install\s+['\"]?plancheck(\[[^\]]*\])?['\"]?\s*$", re.MULTILINE)
    for snippet in snippets:
        yaml.safe_load(snippet)
        assert not bare.search(snippet), snippet
    assert "git+https://github.com/OWNER/plancheck@" in section
    assert ".gitlab-ci.yml" in section


def test_hooks_match_names_regardless_of_case() -> None:
    """Excel on Windows saves 2023.CSV; an office may name its report Progress-2023.yaml."""
    for hook in hooks().values():
        files = re.compile(str(hook["files"]))
        excluded = re.compile(str(hook["exclude"]))
        for name in ("2023.CSV", "data/Xuhui-2024.XLSX", "2025.Yaml"):
            assert files.search(name) and not excluded.search(name), name
        for name in ("Progress-2023.yaml", "PROGRESS-2023.CSV", "plan/Sample-2027.csv"):
            assert files.search(name) and excluded.search(name), name

"""plancheck init: a new plan folder that validates and evaluates out of the box."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from plancheck.cli import app


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_init_makes_a_plan_that_validates_and_evaluates(tmp_path: Path) -> None:
    folder = tmp_path / "my-plan"
    result = run("init", folder)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["indicators.yaml", "plancheck-ci.yml", "sample-2027.csv", "tasks.yaml"]
    validated = run("plan", "validate", folder)
    assert validated.exit_code == 0, validated.stderr
    assert validated.stderr == ""  # every target text agrees with its target, no notes
    assert "valid plan, 7 indicators, 2 tasks" in validated.stdout

    evaluated = run("evaluate", folder / "sample-2027.csv", "--plan", folder, "-f", "json")
    assert evaluated.exit_code == 0, evaluated.stderr
    results = json.loads(evaluated.stdout)["results"]
    latest = {r["id"]: r["status"] for r in results if r["year"] == 2027}
    assert latest == {
        "1": "pass",  # 100 (binding)
        "2": "pass",  # 1.9 below the city average 2.4
        "3": "behind",  # 87 of 不低于90%, due by 2030
        "4": "behind",  # 88 of 85 + 5 points, due by 2030
        "5": "pass",  # 2.6‰ ≤ 3‰
        "6": "pass",  # rank 2 of 全市前三
        "7": "pass",  # 92.3 after 91.5: 持续提升
    }
    first = {r["id"]: r["status"] for r in results if r["year"] == 2026}
    assert first["7"] == "unknown"  # no year before to compare with: never a silent pass


def test_init_ci_snippet_runs_the_two_commands(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert run("init", folder).exit_code == 0
    ci = yaml.safe_load((folder / "plancheck-ci.yml").read_text(encoding="utf-8"))
    steps = [s.get("run") for s in ci["jobs"]["plancheck"]["steps"] if "run" in s]
    # No repository around it: the folder is taken to be at the top of the one it goes into.
    assert "plancheck plan validate p" in steps
    assert any(s.startswith("plancheck evaluate p/sample-2027.csv") for s in steps)


def test_the_workflow_names_the_folder_from_the_repositorys_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI runs the job at the root of the repository's checkout: the folder is named from there,
    never by an absolute path or a `..` that only this machine has."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    assert run("init", "../plans/2026").exit_code == 0
    assert run("init", repo / "规划 2").exit_code == 0
    monkeypatch.chdir(repo)  # where CI runs the steps
    for folder, where in ((repo / "plans" / "2026", "plans/2026"), (repo / "规划 2", "'规划 2'")):
        _, steps = workflow(folder)
        assert f"plancheck plan validate {where}" in steps, steps
        for step in steps[1:]:
            command, *args = shlex.split(step)
            assert command == "plancheck"
            ran = run(*args)
            assert ran.exit_code == 0, (step, ran.stderr)


def test_init_with_a_period(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert run("init", folder, "--period", "2021-2025").exit_code == 0
    plan = yaml.safe_load((folder / "indicators.yaml").read_text(encoding="utf-8"))["plan"]
    assert plan["period"] == {"start": 2021, "end": 2025}
    assert plan["baseline_year"] == 2020
    assert (folder / "sample-2022.csv").is_file()
    result = run("evaluate", folder / "sample-2022.csv", "--plan", folder)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("period", "line"),
    [
        ("2030-2026", "--period 2030-2026: the start year comes first: give 2026-2030"),
        ("2026-2300", "--period 2026-2300: expected two years from 1900 to 2099, e.g. 2021-2025"),
        ("abc", "--period abc: expected two years from 1900 to 2099, e.g. 2021-2025"),
        # an unset variable: was the default 2026-2030, silently
        ("", "--period '': expected two years from 1900 to 2099, e.g. 2021-2025"),
    ],
)
def test_a_period_that_cannot_be_is_said_why(tmp_path: Path, period: str, line: str) -> None:
    # Years given the wrong way round were told "expected two years", which they were.
    result = run("init", tmp_path / "p", "--period", period)
    assert (result.exit_code, result.stderr) == (2, line + "\n")
    assert not (tmp_path / "p").exists()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}: the folder is not empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    assert run("init", tmp_path).exit_code == 0
    assert (tmp_path / "indicators.yaml").is_file()


def test_init_refuses_a_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    result = run("init", path)
    assert result.exit_code == 2
    assert "exists and is not a folder" in result.stderr


def workflow(folder: Path) -> tuple[str, list[str]]:
    text = (folder / "plancheck-ci.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(text)["jobs"]["plancheck"]["steps"]
    return text, [str(s["run"]) for s in steps if "run" in s]


# `pip install plancheck`, `pip install 'plancheck[xlsx]'`: a name looked up on a package index.
FROM_AN_INDEX = re.compile(r"pip install\s+['\"]?plancheck(\[[^\]]*\])?['\"]?\s*$")


def test_init_workflow_installs_plancheck_from_its_repository(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert run("init", folder).exit_code == 0
    text, steps = workflow(folder)
    installs = [s for s in steps if s.startswith("pip install")]
    assert installs == ['pip install "plancheck @ git+https://github.com/OWNER/plancheck@REF"']
    assert not any(FROM_AN_INDEX.search(s) for s in steps)
    assert "OWNER" in text and "REF" in text  # placeholders the comments explain
    assert steps.index(installs[0]) < steps.index("plancheck plan validate p")
    assert "plancheck check p/sample-2027.csv --plan p -f github" in steps


@pytest.mark.parametrize(
    ("given", "installed"),
    [
        (
            "git+https://github.com/me/plancheck@v0.1.0",
            '"plancheck @ git+https://github.com/me/plancheck@v0.1.0"',
        ),
        (
            "plancheck @ git+https://gitlab.com/me/plancheck@0123abc",
            '"plancheck @ git+https://gitlab.com/me/plancheck@0123abc"',
        ),
        ("./tools/plancheck", '"./tools/plancheck"'),
        (
            "https://github.com/me/plancheck/archive/v0.1.0.tar.gz",
            '"plancheck @ https://github.com/me/plancheck/archive/v0.1.0.tar.gz"',
        ),
    ],
)
def test_init_install_option(tmp_path: Path, given: str, installed: str) -> None:
    folder = tmp_path / "p"
    result = run("init", folder, "--install", given)
    assert result.exit_code == 0, result.stderr
    _, steps = workflow(folder)
    assert f"pip install {installed}" in steps


@pytest.mark.parametrize(
    "given",
    [
        "plancheck",
        "plancheck[xlsx]",
        'x"; rm -rf /',
        "a\nb",
    ],
)
def test_init_install_refuses_an_index_name_or_what_the_shell_reads(
    tmp_path: Path, given: str
) -> None:
    folder = tmp_path / "p"
    result = run("init", folder, "--install", given)
    assert result.exit_code == 2
    assert result.stderr.startswith("--install ")
    assert not folder.exists()  # nothing written


def test_the_generated_workflow_runs_as_ci_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The steps after the install, run in order at the repository's root: each exits 0."""
    folder = tmp_path / "p"
    assert run("init", folder).exit_code == 0
    _, steps = workflow(folder)
    monkeypatch.chdir(tmp_path)
    for step in steps[1:]:
        command, *args = shlex.split(step)
        assert command == "plancheck"
        result = run(*args)
        assert result.exit_code == 0, (step, result.stderr)


def test_the_starter_plans_chinese_is_punctuated_full_width(tmp_path: Path) -> None:
    """Its own Chinese sentences (a title, a section, a task's text, a note): not the YAML's or
    the CSV's commas between fields."""
    assert run("init", tmp_path / "p").exit_code == 0
    plan = yaml.safe_load((tmp_path / "p" / "indicators.yaml").read_text(encoding="utf-8"))
    tasks = yaml.safe_load((tmp_path / "p" / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    sample = next((tmp_path / "p").glob("*.csv")).read_text(encoding="utf-8")
    texts = [plan["plan"]["title"], *(t[k] for t in tasks for k in ("section", "text", "title")),
             sample.splitlines()[1].rsplit(",", 1)[1]]  # fmt: skip
    half_width = re.compile(r"[\u4e00-\u9fff][(),;:]|[(),;:][\u4e00-\u9fff]")
    assert [t for t in texts if half_width.search(t)] == []
    assert plan["plan"]["title"] == "示例区法治建设规划（2026—2030年）"


def test_init_in_chinese_writes_its_files_comments_in_chinese(tmp_path: Path) -> None:
    """The values are the same in both languages; the comments are the run's language."""
    assert run("init", tmp_path / "en").exit_code == 0
    assert run("init", tmp_path / "zh", "--lang", "zh").exit_code == 0
    for name in ("indicators.yaml", "tasks.yaml", "plancheck-ci.yml"):
        chinese = (tmp_path / "zh" / name).read_text(encoding="utf-8")
        comments = [line for line in chinese.splitlines() if line.startswith("#") and line != "#"]
        assert comments and all(re.search(r"[\u4e00-\u9fff]", line) for line in comments)
    for name in ("indicators.yaml", "tasks.yaml"):
        english = (tmp_path / "en" / name).read_text(encoding="utf-8")
        chinese = (tmp_path / "zh" / name).read_text(encoding="utf-8")
        assert yaml.safe_load(english) == yaml.safe_load(chinese)
    assert run("plan", "validate", tmp_path / "zh").exit_code == 0


@pytest.mark.parametrize(
    ("command", "name"),
    [(["init"], "plan.yaml"), (["plan", "import", "TABLE"], "plan.yml"), (["init"], "x.JSON")],
)
def test_a_folder_named_like_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], name: str
) -> None:
    """`-o plan.yaml` would leave the plan at plan.yaml/indicators.yaml: refused, nothing made;
    a folder so named that is already there is used."""
    monkeypatch.chdir(tmp_path)
    table = tmp_path / "table.csv"
    table.write_text("类别,指标,2025年,属性\n法治,审查率（%）,100,约束性\n", encoding="utf-8")
    args = [str(table) if a == "TABLE" else a for a in command]
    args += ["-o", name] if "import" in command else [name]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{name}: a file name, but plancheck ")
    assert f"give a folder, such as {Path(name).stem}/" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]
    (tmp_path / name).mkdir()
    assert CliRunner().invoke(app, args).exit_code == 0


@pytest.mark.parametrize("name", ["my plan", "x: y", "a #b", "p'q", "p$HOME", "-plan", "规划"])
def test_the_workflow_runs_as_written_whatever_the_folders_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A space, a ': ', a '#', a quote or a '$' in the folder's name: the job is still valid
    YAML, and each step's shell words name the folder (the `next:` line's too)."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "--", name)
    assert result.exit_code == 0, result.stderr
    _, steps = workflow(Path(name))
    for step in steps[1:]:
        command, *args = shlex.split(step)
        assert command == "plancheck"
        ran = run(*args)
        assert ran.exit_code == 0, (step, ran.stderr)
    where = f"./{name}" if name.startswith("-") else name
    next_line = result.stdout.splitlines()[-1]
    assert shlex.split(next_line)[-3:] == [f"{where}/sample-2027.csv", "--plan", where]


def test_the_workflow_installs_a_spec_holding_a_colon_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    result = run("init", folder, "--install", "git+https://example.org/x/plancheck@v1: x")
    assert result.exit_code == 0, result.stderr
    _, steps = workflow(folder)
    assert 'pip install "plancheck @ git+https://example.org/x/plancheck@v1: x"' in steps


def test_what_init_prints_is_a_line_per_file_never_a_workflow_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line break in the folder's name is shown as \\x0a: a CI log is given no `::error`."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "q\n::error::y")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5  # four files written, then what to run next
    assert lines[0] == "wrote q\\x0a::error::y/indicators.yaml"
    assert not any(line.lstrip().startswith("::") for line in lines)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "plancheck init: Invalid value for 'folder': the name is empty, which names no "
         "folder: give the folder for the new plan, e.g. plancheck init my-plan (see 'plancheck "
         "init --help')"),
        ("zh", "plancheck init: “文件夹”的值无效：名称为空，没有给出文件夹：请给出新规划的文件夹，"
         "例如 plancheck init my-plan（参见 plancheck init --help）"),
    ],
)  # fmt: skip
def test_an_empty_folder_name_is_refused_not_read_as_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, line: str
) -> None:
    # `init ""` (an unset variable, `init "$DIR"`) wrote the plan into the current folder.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "", "--lang", lang], prog_name="plancheck")
    assert (result.exit_code, result.stderr, result.stdout) == (2, line + "\n", "")
    assert list(tmp_path.iterdir()) == []
    assert run("init", ".").exit_code == 0  # the current folder, named, is still a folder
    assert (tmp_path / "indicators.yaml").is_file()


def shell_words(line: str) -> list[bytes]:
    """The words bash reads in ``line``, as bytes (printf, not plancheck, is given them)."""
    done = subprocess.run(["bash", "-c", "printf '%s\\0' " + line], capture_output=True, check=True)
    return done.stdout.split(b"\0")[:-1]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash reads the next: line")
@pytest.mark.parametrize(
    ("name", "said"),
    [
        (os.fsdecode(b"caf\xe9"), "$'caf\\xe9'"),  # not UTF-8: surrogateescape's \udce9
        (os.fsdecode("规划".encode() + b"\xb9 x"), "$'规划\\xb9 x'"),
        ("a\nb\\c'd", "$'a\\x0ab\\\\c\\'d'"),  # a line break, a backslash, a quote
        ("bidi\u202ex", "$'bidi\\u202ex'"),
        ("my plan", "'my plan'"),
    ],
)
def test_the_next_line_names_the_folder_when_pasted_into_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, said: str
) -> None:
    """A name that is not UTF-8 was shown 'caf\\udce9' and a line break 'a\\x0ab': pasted,
    each named another folder. Such a name is quoted as $'…', its bytes as \\xNN."""
    monkeypatch.chdir(tmp_path)
    result = run("init", name)
    assert result.exit_code == 0, result.stderr
    next_line = result.stdout.splitlines()[-1]
    assert next_line == f"next: plancheck evaluate {said[:-1]}/sample-2027.csv' --plan {said}"
    words = shell_words(next_line.removeprefix("next: "))
    folder = os.fsencode(name)
    assert words == [b"plancheck", b"evaluate", folder + b"/sample-2027.csv", b"--plan", folder]
    steps = yaml.safe_load((tmp_path / name / "plancheck-ci.yml").read_bytes())["jobs"]
    runs = [s["run"] for s in steps["plancheck"]["steps"] if "run" in s]
    assert shell_words(runs[1].removeprefix("plancheck ")) == [b"plan", b"validate", folder]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash reads the next: line")
@pytest.mark.parametrize(
    ("name", "said"),
    [("my plan", "'my plan'"), (os.fsdecode(b"imp\xe9"), "$'imp\\xe9'"), ("-p", "./-p")],
)
def test_plan_imports_next_line_is_quoted_as_inits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, said: str
) -> None:
    # `next: plancheck plan validate my plan` named two folders, `-p` an option.
    monkeypatch.chdir(tmp_path)
    table = tmp_path / "t.csv"
    table.write_text("类别,指标,2025年,属性\n法治,审查率（%）,100,约束性\n", encoding="utf-8")
    result = run("plan", "import", table, "-o", name)
    assert result.exit_code == 0, result.stderr
    next_line = result.stdout.splitlines()[-1]
    assert next_line == f"next: plancheck plan validate {said}"
    folder = os.fsencode(name if not name.startswith("-") else "./" + name)
    assert shell_words(next_line.removeprefix("next: ")) == [b"plancheck", b"plan", b"validate",
                                                            folder]  # fmt: skip

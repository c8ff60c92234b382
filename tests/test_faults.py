"""Faults around a command: nothing lost, exit codes that tell the truth, one line on stderr.

- ``-o`` never writes over a file the command reads, whatever name reaches it;
- 0/1 only for a judgement; 2 for bad input, usage and a report that could not be written;
  3 for an internal error; 128 + the signal's number when a signal stops the command;
- no temporary file is left behind by a signal or a failed write, and ``init`` writes all or
  nothing;
- every message on stderr is one line, control characters shown escaped.

Tests that need a real process (closed or full standard output, signals, file-size limits) run
``python -m plancheck``; the others call the CLI in-process (tests/conftest.py).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from plancheck.plan.importers import starter
from plancheck.plan.load import bundled_plan_dir
from plancheck.textfile import split_lines
from tests.conftest import ROOT, SAMPLES, run

SAMPLE = SAMPLES / "2023.csv"
PROGRESS = SAMPLES / "progress-2023.yaml"


def plancheck(
    *args: str | Path,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
    stdout: object = subprocess.PIPE,
) -> subprocess.CompletedProcess[str]:
    """Run plancheck as a user does, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "plancheck", *map(str, args)],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
        timeout=120,
        check=False,
    )


def one_line(stderr: str) -> str:
    """The only line of ``stderr``, which must be exactly one line."""
    assert stderr.endswith("\n") and len(split_lines(stderr)) == 1, stderr
    assert "Traceback" not in stderr
    return stderr[:-1]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the bundled plan (indicators.yaml and tasks.yaml) in a folder of its own."""
    folder = tmp_path / "plan"
    shutil.copytree(bundled_plan_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__*"))
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- -o never writes over what the command reads ------------------------------------------------

COMMANDS_READING_THE_PLAN = {
    "evaluate": ["evaluate", SAMPLE],
    "indicators": ["indicators"],
    "tasks": ["tasks"],
    "tasks check": ["tasks", "check", PROGRESS],
    "diff": ["diff", SAMPLES / "2022.csv", SAMPLE],
}


@pytest.mark.parametrize("command", COMMANDS_READING_THE_PLAN)
@pytest.mark.parametrize("plan_file", ["indicators.yaml", "tasks.yaml"])
def test_o_never_replaces_a_file_of_the_plan(plan: Path, command: str, plan_file: str) -> None:
    before = snapshot(plan)
    target = plan / plan_file
    result = run(*COMMANDS_READING_THE_PLAN[command], "--plan", plan, "-o", target)
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{target}: refusing to write the report over an input file of this command: "
        "give another file name"
    )
    assert snapshot(plan) == before


@pytest.mark.parametrize("command", ["evaluate", "indicators", "diff"])
def test_o_never_makes_the_tasks_file_a_plan_does_not_have_yet(plan: Path, command: str) -> None:
    """A report written as the plan's missing tasks.yaml would be read as its tasks next time."""
    (plan / "tasks.yaml").unlink()
    before = snapshot(plan)
    target = plan / "tasks.yaml"
    result = run(*COMMANDS_READING_THE_PLAN[command], "--plan", plan, "-o", target)
    assert result.code == 2
    assert one_line(result.stderr).startswith(f"{target}: refusing to write the report over")
    assert snapshot(plan) == before and not target.exists()


def test_o_beside_the_plan_is_written(plan: Path) -> None:
    result = run("indicators", "--plan", plan, "-f", "json", "-o", plan / "indicators.json")
    assert result.code == 0 and (plan / "indicators.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("alias", ["symlink", "hardlink", "dotdot"])
def test_o_sees_through_other_names_of_an_input(plan: Path, tmp_path: Path, alias: str) -> None:
    original = plan / "indicators.yaml"
    if alias == "symlink":
        target = tmp_path / "link.yaml"
        target.symlink_to(original)
    elif alias == "hardlink":
        target = tmp_path / "hard.yaml"
        os.link(original, target)
    else:
        (plan / "sub").mkdir()
        target = plan / "sub" / ".." / "indicators.yaml"
    before = snapshot(plan)
    result = run("evaluate", SAMPLE, "--plan", plan, "-f", "json", "-o", target)
    assert result.code == 2
    assert one_line(result.stderr).startswith(f"{target}: refusing to write the report over")
    assert snapshot(plan) == before


def test_o_names_the_input_it_would_destroy(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    shutil.copy(SAMPLE, submission)
    link = tmp_path / "report.txt"
    link.symlink_to(submission)
    result = run("evaluate", submission, "-o", link)
    assert result.code == 2 and f"({submission})" in result.stderr
    assert submission.read_bytes() == SAMPLE.read_bytes()


@pytest.fixture
def bundled() -> Iterator[Path]:
    """The installed plan's indicators.yaml, restored should a test fail to protect it."""
    path = bundled_plan_dir() / "indicators.yaml"
    kept = path.read_bytes()
    yield path
    if path.read_bytes() != kept:
        path.write_bytes(kept)
        pytest.fail("the bundled plan was overwritten (and has been restored)")


@pytest.mark.parametrize("command", ["evaluate", "indicators", "diff"])
def test_o_never_replaces_the_bundled_plan(bundled: Path, command: str) -> None:
    result = run(*COMMANDS_READING_THE_PLAN[command], "-o", bundled)
    assert result.code == 2 and "refusing to write the report over" in result.stderr


def test_o_never_replaces_a_reference_or_progress_file(tmp_path: Path) -> None:
    reference = tmp_path / "reference-2023.csv"
    reference.write_text("indicator,reference\n5,1.8\n", encoding="utf-8")
    progress = tmp_path / "progress-2023.yaml"
    shutil.copy(PROGRESS, progress)
    for target in (reference, progress):
        before = target.read_bytes()
        args = ["evaluate", SAMPLE, "--reference", reference, "--tasks", progress, "-o", target]
        result = run(*args)
        assert result.code == 2 and "refusing to write the report over" in result.stderr
        assert target.read_bytes() == before


def test_each_command_protects_only_its_own_inputs(tmp_path: Path) -> None:
    """Files read by an earlier command in the same process are not this one's inputs."""
    submission = tmp_path / "2023.csv"
    shutil.copy(SAMPLE, submission)
    assert run("evaluate", submission).code == 0
    assert run("template", "-o", submission, "--force").code == 0


# --- -o: names that are not report files --------------------------------------------------------


@pytest.mark.parametrize("command", [["evaluate", SAMPLE], ["indicators"], ["template"]])
def test_o_ending_with_a_slash_names_a_folder(tmp_path: Path, command: list[str]) -> None:
    target = f"{tmp_path / 'newdir'}/"
    result = run(*command, "-o", target)
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{target}: names a folder (it ends with '/'): give the report a file name"
    )
    assert list(tmp_path.iterdir()) == []


def test_o_value_forms_are_all_seen(tmp_path: Path) -> None:
    folder = f"{tmp_path / 'out'}/"
    for form in (["-o", folder], [f"--output={folder}"], [f"-o{folder}"], ["--output", folder]):
        assert run("evaluate", SAMPLE, "-f", "json", *form).code == 2, form
    assert list(tmp_path.iterdir()) == []
    # "-o" as the value of another option is not -o: out/ is then a submission, not found
    result = run("evaluate", SAMPLE, "--unit", "-o", folder)
    assert one_line(result.stderr) == f"{tmp_path / 'out'}: file not found"


def test_o_an_existing_directory(tmp_path: Path) -> None:
    result = run("evaluate", SAMPLE, "-o", tmp_path)
    assert result.code == 2
    assert one_line(result.stderr) == f"{tmp_path}: is a directory: give the report a file name"


def test_plan_import_still_takes_a_folder_with_a_slash(tmp_path: Path) -> None:
    seed = ROOT / "tests" / "fixtures" / "seed.txt"
    result = run("plan", "import", seed, "-o", f"{tmp_path / 'myplan'}/")
    assert result.code == 0, result.stderr
    assert (tmp_path / "myplan" / "indicators.yaml").is_file()


def test_a_long_legal_report_name_is_written(tmp_path: Path) -> None:
    name = "r" * 248 + ".json"  # 253 characters; the temporary file beside it is short
    result = run("evaluate", SAMPLE, "-f", "json", "-o", tmp_path / name)
    assert result.code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


# --- exit codes ---------------------------------------------------------------------------------

BROKEN_RENDERER = """
import sys
import plancheck.report

def broken(*args, **kwargs):
    raise ZeroDivisionError("boom\\n::error::second line")

plancheck.report.render = broken
from plancheck.cli import main

main()
"""


def test_an_internal_error_is_one_line_and_exit_3() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BROKEN_RENDERER, "indicators"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PLANCHECK_DEBUG"},
        check=False,
    )
    assert done.returncode == 3
    assert one_line(done.stderr) == (
        "plancheck: internal error: ZeroDivisionError: boom\\x0a::error::second line — please "
        'report it at "Exit codes and safety" in the README (PLANCHECK_DEBUG=1 shows the traceback)'
    )
    assert done.stdout == ""


def test_plancheck_debug_shows_the_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BROKEN_RENDERER, "indicators"],
        capture_output=True,
        text=True,
        env={**os.environ, "PLANCHECK_DEBUG": "1"},
        check=False,
    )
    assert done.returncode == 3
    assert done.stderr.startswith("Traceback (most recent call last):")
    assert "in broken" in done.stderr
    assert split_lines(done.stderr)[-1].startswith("plancheck: internal error: ZeroDivisionError")


def test_an_internal_error_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import plancheck.report

    def broken(*args: object, **kwargs: object) -> str:
        raise KeyError("x")

    monkeypatch.setattr(plancheck.report, "render", broken)
    monkeypatch.delenv("PLANCHECK_DEBUG", raising=False)
    result = run("evaluate", SAMPLE)
    assert result.code == 3
    assert one_line(result.stderr).startswith("plancheck: internal error: KeyError: 'x' — ")


def test_closed_standard_output_is_exit_2() -> None:
    done = plancheck("indicators", preexec_fn=lambda: os.close(1), stdout=None)
    assert done.returncode == 2
    assert one_line(done.stderr) == "plancheck: cannot write to standard output: it is closed"


def test_closed_standard_output_does_not_matter_with_o(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = plancheck(
        "evaluate", SAMPLE, "-f", "json", "-o", report, preexec_fn=lambda: os.close(1), stdout=None
    )
    assert done.returncode == 0, done.stderr
    assert report.read_text(encoding="utf-8").startswith("{")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["evaluate", SAMPLE], ["tasks", "-f", "json"], ["plan", "schema"], ["--help"]]
)
def test_a_full_standard_output_is_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = plancheck(*args, stdout=full)
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "plancheck: cannot write to standard output: No space left on device"
    )


def test_a_reader_that_has_gone_is_exit_2() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "plancheck", "tasks", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before plancheck writes: its first write finds no reader
    stderr = child.stderr.read()
    assert child.wait(timeout=60) == 2
    assert one_line(stderr) == "plancheck: cannot write to standard output: Broken pipe"


def test_output_whose_encoding_cannot_hold_chinese() -> None:
    done = plancheck("evaluate", SAMPLE, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii() and "\\u5f90\\u6c47\\u533a" in done.stdout  # 徐汇区
    done = plancheck("evaluate", SAMPLE, "-f", "json", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0
    import json

    assert json.loads(done.stdout)["plan"]  # \\uNNNN is JSON's own escape


def test_a_file_name_that_is_not_utf8_reaches_the_report(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff2023.csv")  # a lone surrogate in Python's hands
    shutil.copy(SAMPLE, tmp_path / name)
    done = plancheck("evaluate", tmp_path / name)
    assert done.returncode == 0, done.stderr
    assert "\\udcff2023.csv" in done.stdout
    report = tmp_path / "report.md"
    done = plancheck("evaluate", tmp_path / name, "-f", "markdown", "-o", report)
    assert done.returncode == 0 and "\\udcff2023.csv" in report.read_text(encoding="utf-8")


def test_usage_errors_are_one_line() -> None:
    done = plancheck("evaluate", SAMPLE, "--format", "x\n::error::injected")
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert line.startswith("plancheck evaluate: Invalid value for '--format'")
    done = plancheck("evaluate")
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "plancheck evaluate: Missing argument 'FILE'. (see 'plancheck evaluate --help')"
    )
    done = plancheck("--no-such-option")
    assert done.returncode == 2 and one_line(done.stderr).startswith("plancheck: No such option")


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (["evaluate", SAMPLE, "--year"], {}, "plancheck evaluate: Option '--year' requires an "
         "argument. (see 'plancheck evaluate --help')"),
        (["evaluate", SAMPLE, "-f"], {}, "plancheck evaluate: Option '-f' requires an argument. "
         "(see 'plancheck evaluate --help')"),
        (["evaluate", SAMPLE, "--strict=yes"], {}, "plancheck evaluate: Option '--strict' does "
         "not take a value. (see 'plancheck evaluate --help')"),
        (["evaluate", SAMPLE, "--year", "--lang", "zh"], {}, "plancheck evaluate: 选项“--year”"
         "需要一个值（参见 plancheck evaluate --help）"),
        (["plan", "validate", "--lang"], {"LANG": "zh_CN.UTF-8", "LC_ALL": ""}, "plancheck plan "
         "validate: 选项“--lang”需要一个值（参见 plancheck plan validate --help）"),
        (["--version=3"], {}, "plancheck: Option '--version' does not take a value. (see "
         "'plancheck --help')"),
    ],
)  # fmt: skip
def test_a_usage_error_of_the_parser_names_its_command_and_its_help(
    args: list[str | Path], env: dict[str, str], line: str
) -> None:
    """A value missing or given to a flag was said as the program's, without the command or
    where its help is: it is said as every usage error is, in the run's language."""
    done = plancheck(*args, env=env)
    assert (done.returncode, done.stderr) == (2, line + "\n")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["diff", SAMPLES / "districts-2023.csv", "--unit", "徐汇区", "--unit", "长宁区"],
         "plancheck diff: Option '--unit' is given twice ('徐汇区', then '长宁区'): it takes one "
         "value; give it once (see 'plancheck diff --help')"),
        (["check", SAMPLE, "--year", "2022", "--year=2023"],
         "plancheck check: Option '--year' is given twice ('2022', then '2023'): it takes one "
         "value; give it once (see 'plancheck check --help')"),
        (["evaluate", SAMPLE, "--plan", "a", "--plan", "b", "--lang", "zh"],
         "plancheck evaluate: 选项“--plan”给出了两次（“a”，然后是“b”）：它只取一个值，请只给出一次"
         "（参见 plancheck evaluate --help）"),
    ],
)  # fmt: skip
def test_an_option_of_one_value_given_twice_is_refused(args: list[str | Path], line: str) -> None:
    """The parser kept the last value and dropped the first without a word: `diff --unit A
    --unit B` compared B alone, `check --reference a.csv --reference b.csv` read b.csv alone."""
    done = plancheck(*args)
    assert (done.returncode, done.stderr, done.stdout) == (2, line + "\n", "")


def test_an_option_given_twice_with_one_value_is_its_value() -> None:
    # Nothing is lost: a command line built from pieces may repeat an option as it stands.
    done = plancheck("check", SAMPLE, "-f", "json", "--format", "json")
    assert done.returncode == 0 and done.stdout.startswith("{"), done.stderr


def test_judgements_keep_exit_0_and_1() -> None:
    assert plancheck("evaluate", SAMPLE).returncode == 0
    assert plancheck("evaluate", SAMPLES / "2022.csv").returncode == 1
    assert plancheck("--help").returncode == 0
    done = plancheck()  # alone: the help, as a usage error
    assert done.returncode == 2 and "Usage: plancheck" in done.stderr


@pytest.mark.parametrize(
    ("environment", "coloured"),
    [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)],
)
def test_colour_only_on_a_terminal_that_shows_it(
    environment: dict[str, str], coloured: bool
) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
        child = subprocess.Popen(
            [sys.executable, "-m", "plancheck", "evaluate", SAMPLE],
            stdout=follower, env={**env, "TERM": "xterm", **environment},
        )  # fmt: skip
        os.close(follower)
        shown = b""
        while chunk := _read_pty(leader):  # read as it is written: a terminal holds little
            shown += chunk
    finally:
        os.close(leader)
    assert child.wait(timeout=60) == 0
    assert "徐汇区".encode() in shown
    assert (b"\x1b[" in shown) is coloured


def _read_pty(descriptor: int) -> bytes:
    try:
        return os.read(descriptor, 65536)
    except OSError:  # EIO: the terminal's other end is closed, all read
        return b""


# --- signals: nothing left behind ---------------------------------------------------------------

# The report is written and held open, before the rename: the moment a large report is in.
HELD_WRITE = """
import os, sys, time

def held(descriptor):
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    time.sleep(60)

os.fsync = held
from plancheck.cli import main

main()
"""


def _default_signals() -> None:
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)


def spawn_until(script: str, args: list[object], marker: str) -> subprocess.Popen[str]:
    """``python -c script args`` started, once it has said ``marker`` on stderr.

    The child gets the default handlers of the signals these tests send: a suite run under
    ``nohup`` would pass on an ignored SIGHUP, which plancheck rightly keeps ignoring."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_signals,
    )
    assert child.stderr is not None
    assert child.stderr.readline() == f"{marker}\n"
    return child


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_writing_leaves_nothing_behind(tmp_path: Path, name: str) -> None:
    report = tmp_path / "r.json"
    report.write_text("the earlier report", encoding="utf-8")
    child = spawn_until(HELD_WRITE, ["evaluate", SAMPLE, "-f", "json", "-o", report], "writing")
    assert child.stderr is not None
    assert len(list(tmp_path.iterdir())) == 2  # the report and its temporary file
    number = getattr(signal, name)
    child.send_signal(number)
    assert child.wait(timeout=60) == 128 + number
    assert one_line(child.stderr.read()) == f"plancheck: stopped by {name}"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    assert report.read_text(encoding="utf-8") == "the earlier report"


# The command as its console script runs it: the entry point pyproject.toml declares is imported,
# then called. "started" is said as soon as the entry point's signal handlers are in place, so
# that the signals below land in what the command does next — the CLI's imports first — not in
# this script (test_startup: the entry point's module imports nothing heavy before that).
AS_THE_SCRIPT = """
import sys
from {module} import {function} as main
from plancheck import entry

installed = entry.stop_on_signals
said = []

def announced():
    installed()
    if not said:  # process.run puts them in place again, for a direct call of the CLI
        said.append(True)
        sys.stderr.write("started\\n")
        sys.stderr.flush()

entry.stop_on_signals = announced
main()
"""


def test_ctrl_c_while_starting_is_one_line_and_exit_130() -> None:
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = scripts["scripts"]["plancheck"].split(":")
    script = AS_THE_SCRIPT.format(module=module, function=function)
    for delay in (0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.09, 0.11, 0.13, 0.15):
        child = spawn_until(script, ["evaluate", SAMPLE], "started")
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=60)
        assert "Traceback" not in stderr, (delay, stderr)
        if child.returncode != 130:  # only when the command was done before the signal came
            assert child.returncode in (0, -signal.SIGINT) and "COMPLIANT" in stdout, delay
            continue
        assert stderr == "plancheck: stopped by SIGINT\n", delay


# A signal inside __set_name__ (a class being made, as every import does): Python turns the stop
# into a RuntimeError raised from it.
SIGNAL_IN_SET_NAME = """
import signal, sys
import plancheck.report
from plancheck.entry import main


class Trap:
    def __set_name__(self, owner, name):
        signal.raise_signal(signal.SIGINT)
        self.name = name  # the handler runs here, inside __set_name__


def made(*args, **kwargs):
    class Made:
        trapped = Trap()


class Importing:  # asked for plancheck.cli as it is imported
    def find_spec(self, name, path=None, target=None):
        if name == "plancheck.cli":
            made()


if sys.argv[1] == "importing":
    sys.meta_path.insert(0, Importing())
else:
    plancheck.report.render = made
del sys.argv[1]
main()
"""


@pytest.mark.parametrize("when", ["importing", "running"])
def test_a_signal_python_turns_into_another_error_is_still_a_stop(when: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_IN_SET_NAME, when, "indicators"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (130, "plancheck: stopped by SIGINT\n")


# Native code that catches what a Python callback raised and keeps only its words, as
# pydantic-core's schema builder does (SchemaError: "Error building … Stopped: 2").
SIGNAL_IN_NATIVE_CODE = """
import signal
import plancheck.report
from plancheck.entry import main


def made(*args, **kwargs):
    try:
        signal.raise_signal(signal.SIGINT)
    except BaseException as caught:
        words = f"{type(caught).__name__}: {caught}"
    raise RuntimeError(f"SchemaError: {words}")  # no cause, no context: the words alone


plancheck.report.render = made
main()
"""


def test_a_signal_whose_stop_native_code_kept_only_in_words_is_still_a_stop() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_IN_NATIVE_CODE, "indicators"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (130, "plancheck: stopped by SIGINT\n")


def limit_file_size(limit: int) -> Callable[[], None]:
    """A child whose writes beyond ``limit`` bytes fail (EFBIG), as on a full disk."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_report_too_large_to_write_leaves_nothing(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("the earlier report", encoding="utf-8")
    done = plancheck(
        "evaluate", SAMPLE, "-f", "json", "-o", report, preexec_fn=limit_file_size(1000)
    )
    assert done.returncode == 2
    assert one_line(done.stderr) == f"{report}: cannot write the report: File too large"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert report.read_text(encoding="utf-8") == "the earlier report"


# --- init: all or nothing -----------------------------------------------------------------------


def starter_sizes(folder: Path) -> list[int]:
    """The sizes of the files init writes into ``folder``, in the order it writes them."""
    files = starter.starter_files(folder, starter.DEFAULT_PERIOD)
    return [len(text.encode("utf-8")) for _, text in files]


def test_init_that_cannot_write_its_last_file_leaves_nothing(tmp_path: Path) -> None:
    # The CI file names the folder four times: in a deep folder it is the largest, so a limit
    # between the others' sizes and its own lets three files be written and fails the fourth.
    folder = tmp_path.joinpath(*(letter * 200 for letter in "abcde"))
    sizes = starter_sizes(folder)
    assert sizes[3] > max(sizes[:3]) + 1
    done = plancheck("init", folder, preexec_fn=limit_file_size(max(sizes[:3]) + 1))
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert line.startswith(f"{folder / 'plancheck-ci.yml'}: cannot write the file: File too large")
    assert line.endswith("nothing is kept, run init again when it can be written")
    assert list(tmp_path.iterdir()) == []  # the folders it made are gone too
    again = plancheck("init", folder)
    assert again.returncode == 0, again.stderr
    assert len(list(folder.iterdir())) == 4


def test_init_into_an_empty_folder_that_fails_keeps_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    done = plancheck("init", folder, preexec_fn=limit_file_size(100))
    assert done.returncode == 2 and "File too large" in done.stderr
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_init_stopped_by_a_signal_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    child = spawn_until(HELD_WRITE, ["init", folder], "writing")
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


# --- stderr: exactly one line -------------------------------------------------------------------


def test_a_file_name_with_a_newline_and_escapes_is_one_line(tmp_path: Path) -> None:
    name = tmp_path / "2023\n::error::x\x1b[31m\u202e.csv"
    result = run("evaluate", name)
    assert result.code == 2
    assert one_line(result.stderr) == (
        f"{tmp_path}/2023\\x0a::error::x\\x1b[31m\\u202e.csv: file not found"
    )
    name.write_text("indicator,value\n4,abc\n", encoding="utf-8")
    result = run("evaluate", name)
    assert one_line(result.stderr).startswith(
        f"{tmp_path}/2023\\x0a::error::x\\x1b[31m\\u202e.csv:2:"
    )


def test_plan_validate_says_each_problem_on_its_own_line(tmp_path: Path) -> None:
    broken = (ROOT / "tests" / "cases" / "plans" / "wrong_type" / "indicators.yaml").read_text(
        encoding="utf-8"
    )
    assert broken.count("binding: true") == 1
    (tmp_path / "indicators.yaml").write_text(
        broken.replace("binding: true", "binding: perhaps"), encoding="utf-8"
    )
    result = run("plan", "validate", tmp_path)
    assert result.code == 2
    lines = split_lines(result.stderr)
    assert len(lines) == 2 and result.stderr.endswith("\n")
    assert all(line.startswith(f"{tmp_path / 'indicators.yaml'}:") for line in lines)
    assert all(".binding: Input should be a valid boolean" in line for line in lines)


def test_control_characters_in_a_cell_are_shown(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    cell = "\x1b[2J9\u2028\x85\x9b\x7f\u2068\u2066"
    source.write_text(f"indicator,value\n4,{cell}\n", encoding="utf-8")
    result = run("evaluate", source)
    assert result.code == 2
    shown = "\\x1b[2J9\\u2028\\x85\\x9b\\x7f\\u2068\\u2066"
    assert f"{source}:2: value: '{shown}' is not a number" in one_line(result.stderr)


# --- text files: line numbers as editors count them; DOS end of file ---------------------------


def test_a_progress_csv_names_the_line_an_editor_shows(tmp_path: Path) -> None:
    progress = tmp_path / "progress-2023.csv"
    progress.write_text(
        "task,status,note\n1,in_progress,a\u2028b\x0cc\x1dd\n2,no_such_status,\n",
        encoding="utf-8",
    )
    result = run("tasks", "check", progress)
    assert result.code == 2
    assert one_line(result.stderr).startswith(f"{progress}:3:")


def test_a_file_with_old_mac_line_ends_names_the_right_line(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_bytes(b"indicator,value\r4,100\r5,\x00\r")
    result = run("evaluate", source)
    assert one_line(result.stderr) == f"{source}:3: the file contains a NUL byte (binary data?)"


def test_a_dos_end_of_file_mark_is_ignored(tmp_path: Path) -> None:
    source = tmp_path / "2023.yaml"
    source.write_bytes(SAMPLES.joinpath("2023.yaml").read_bytes() + b"\x1a")
    result = run("evaluate", source, "-f", "json")
    assert result.code == 0, result.stderr
    progress = tmp_path / "progress-2023.yaml"
    progress.write_bytes(PROGRESS.read_bytes() + b"\x1a")
    assert run("tasks", "check", progress).code == 0


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", []),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("a\r\nb\rc\nd", ["a", "b", "c", "d"]),
        ("a\n\nb\n", ["a", "", "b"]),
        ("a\u2028b\x0cc\x85d\x1ce\n\rf", ["a\u2028b\x0cc\x85d\x1ce", "", "f"]),
        ("\r\n\r\n", ["", ""]),
    ],
)
def test_split_lines_ends_lines_where_editors_do(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines
    assert "".join(split_lines(text, keepends=True)) == text
    assert [line.rstrip("\r\n") for line in split_lines(text, keepends=True)] == lines


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-f", "foo"], "Invalid value for '--format' / '-f': 'foo' is not one of 'table', "),
        (["--lang", "fr"], "Invalid value for '--lang': 'fr' is not one of 'en', 'zh'."),
        (["--year", "abc"], "Invalid value for '--year' / '-y': not a whole number ("),
    ],
)
def test_english_usage_errors_have_no_validators_words(args: list[str], said: str) -> None:
    result = run("evaluate", SAMPLES / "2023.csv", *args, env={"LANG": "C"})
    assert result.code == 2
    assert said in result.stderr
    assert "Value error" not in result.stderr and "Input should be" not in result.stderr


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["--lang", "fr", "evaluate", SAMPLE], "evaluate"),
        (["--lang=fr", "evaluate", SAMPLE, "--", SAMPLE], "evaluate"),
        (["plan", "--lang", "fr", "validate"], "plan validate"),
        (["tasks", "--lang", "fr", "check", PROGRESS], "tasks check"),
    ],
)
def test_an_unknown_language_before_the_command_is_refused_as_a_value(
    args: list[str | Path], command: str
) -> None:
    result = run(*args, env={"LANG": "C"})
    assert result.code == 2
    program = result.stderr.split(" ")[0]  # in process, click's name for the program
    assert result.stderr == (  # not "No such option: --lang", where a group would read it
        f"{program} {command}: Invalid value for '--lang': 'fr' is not one of 'en', 'zh'. "
        f"(see '{program} {command} --help')\n"
    )


SIGNAL_IN_A_DEL = """
import signal, sys
from plancheck import entry

entry.stop_on_signals()


class Collected:
    def __del__(self):  # a signal that lands while Python runs a __del__ (an import's lock)
        signal.raise_signal(signal.SIGINT)


try:
    Collected()
    for _ in range(1000):
        pass
    print("went on")
except entry.Stopped as stop:
    print("stopped", stop.signum)
"""


def test_a_signal_in_a_del_stops_the_command_past_it() -> None:
    # Raised in the __del__, Stopped cannot propagate; given back to the hook, it must be raised
    # once the hook has returned — raising the signal again ran the handler inside the hook,
    # which printed a traceback and lost the signal (the command went on).
    done = subprocess.run([sys.executable, "-c", SIGNAL_IN_A_DEL], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.stdout == f"stopped {signal.SIGINT.value}\n", done.stderr
    assert done.stderr == ""

"""`plancheck tasks check` and `plancheck evaluate --tasks` through the CLI.

Each folder under tests/cases/tasks/ (except _plan) holds a progress report (progress.yaml or
progress.csv) and expected.yaml: the exit code, then task states, finding statuses (by subject:
"1.1", "2.1 (2022)" or a task id), reasons, blocking findings and findings that must be absent —
or, for bad input, text the one-line error must contain. The cases run against a small plan:
tests/cases/tasks/_plan/tasks.yaml beside the bundled indicators.yaml.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CASES, ROOT, SAMPLES, run

TASK_CASES = sorted(p for p in (CASES / "tasks").iterdir() if p.is_dir() and p.name[0] != "_")
SAMPLE = SAMPLES / "progress-2023.yaml"


@pytest.fixture(scope="module")
def test_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    shutil.copy(ROOT / "data" / "indicators.yaml", folder / "indicators.yaml")
    shutil.copy(CASES / "tasks" / "_plan" / "tasks.yaml", folder / "tasks.yaml")
    return folder


def _findings(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for task in data["tasks"]:
        for f in task["findings"]:
            subject = f["milestone"] or task["id"]
            if f["year"] is not None:
                subject += f" ({f['year']})"
            found[subject] = f
    return found


@pytest.mark.parametrize("case", TASK_CASES, ids=[p.name for p in TASK_CASES])
def test_case(case: Path, test_plan: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    progress = next(case.glob("progress.*"))
    args = ["tasks", "check", progress, "--plan", test_plan, "-f", "json", "--lang", "en"]
    result = run(*args, *expected.get("args", []))
    assert result.code == expected["exit"], result.stderr or result.stdout
    if expected["exit"] == 2:
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(str(progress))
        assert expected["stderr"] in result.stderr, result.stderr
        return
    data = result.json()
    states = {t["id"]: t["state"] for t in data["tasks"]}
    for task, state in expected.get("tasks", {}).items():
        assert states[task] == state, (task, states[task])
    findings = _findings(data)
    for subject, status in expected.get("findings", {}).items():
        assert findings[subject]["status"] == status, (subject, findings[subject])
        assert findings[subject]["reason"], subject  # every verdict has a reason
    for subject, reason in expected.get("reasons", {}).items():
        assert findings[subject]["reason"] == reason
    for subject in expected.get("absent", []):
        assert subject not in findings
    blocking = sorted(s for s, f in findings.items() if f["blocking"])
    if "blocking" in expected:
        assert blocking == sorted(expected["blocking"])
    assert data["compliant"] is (expected["exit"] == 0)


# --- the sample -------------------------------------------------------------------------------


def test_sample_covers_every_state() -> None:
    result = run("tasks", "check", SAMPLE, "-f", "json")
    assert result.code == 0, result.stderr  # overdue milestones are not binding
    data = result.json()
    assert all(count > 0 for count in data["summary"].values()), data["summary"]
    statuses = {f["status"] for t in data["tasks"] for f in t["findings"]}
    assert statuses == {"overdue", "open", "done", "unreported", "inconsistent", "dropped"}
    assert data["as_of"] == "2023-12-31" and data["as_of_source"] == "file"
    assert len(data["tasks"]) == 55


def test_sample_strict_is_not_compliant() -> None:
    result = run("tasks", "check", SAMPLE, "--strict", "-f", "json")
    assert result.code == 1
    blocking = {
        (t["id"], f["milestone"], f["year"])
        for t in result.json()["tasks"]
        for f in t["findings"]
        if f["blocking"]
    }
    assert blocking == {
        ("19", "19.1", None),
        ("34", "34.1", 2022),
        ("23", None, None),
        ("7", None, None),
        ("A20", None, None),
    }


def test_csv_sample_says_what_the_yaml_sample_says() -> None:
    def without_places(path: Path) -> Any:
        data = run("tasks", "check", path, "-f", "json").json()
        text = json.dumps(data["tasks"], ensure_ascii=False)
        data["tasks"] = json.loads(text.replace(path.name, "FILE"))
        for task in data["tasks"]:
            task["line"] = None
            for item in task["findings"] + task["milestones"]:
                item["line"] = None
        data["files"] = []
        return data

    assert without_places(SAMPLE) == without_places(SAMPLES / "progress-2023.csv")


def test_committee_report_groups_by_section_overdue_first_with_leads() -> None:
    result = run("tasks", "check", SAMPLE, "-f", "markdown", "--lang", "en")
    assert result.code == 0
    text = result.stdout
    attention = text.split("## Needs attention")[1].split("\n## ")[0]
    lines = [line for line in attention.splitlines() if line.startswith("- ")]
    assert [line.split("** ")[1].split(" ")[0] for line in lines] == ["19", "34", "23", "7", "A20"]
    assert "区法院" in lines[0] and "19.1: not done; the deadline 2022-12-31 passed" in lines[0]
    sections = [line for line in text.splitlines() if line.startswith("## Plan · ")]
    assert sections[0] == "## Plan · 三、主要任务 / (一)全面贯彻实施宪法,坚定维护宪法尊严和权威"
    fourth = text.split("## Plan · 三、主要任务 / (四)")[1].split("\n## ")[0]
    rows = [line.split(" | ")[0] for line in fourth.splitlines() if line.startswith("| ")][1:]
    assert rows[0] == "| 19" and rows[1] == "| 21"  # overdue first, then not started, in progress
    assert "| 区法院 (partners: 区司法局) |" in fourth


def test_table_report_and_chinese() -> None:
    table = run("tasks", "check", SAMPLE, "--lang", "en").stdout
    assert (
        "Needs attention" in table
        and "✘ OVERDUE  19 严格落实诉讼制度改革各项任务 — 区法院" in table
    )
    assert "Verdict: COMPLIANT: no binding milestone is overdue; 2 overdue, not binding" in table
    zh = run("tasks", "check", SAMPLE, "--lang", "zh").stdout
    assert "牵头单位" in zh and "✘ 逾期" in zh and "结论：合规：无约束性节点逾期" in zh


def test_same_input_gives_identical_output() -> None:
    for fmt in ("table", "json"):
        first = run("tasks", "check", SAMPLE, "-f", fmt).stdout
        assert run("tasks", "check", SAMPLE, "-f", fmt).stdout == first


def test_output_file_and_not_over_the_input(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert run("tasks", "check", SAMPLE, "-f", "markdown", "-o", out).code == 0
    assert out.read_text(encoding="utf-8").startswith("# 徐汇区全面依法治区第十四个五年规划")
    copy = tmp_path / "progress-2023.yaml"
    shutil.copy(SAMPLE, copy)
    result = run("tasks", "check", copy, "-o", copy)
    assert result.code == 2 and "over an input file" in result.stderr


def test_missing_file_and_bad_as_of(tmp_path: Path) -> None:
    result = run("tasks", "check", tmp_path / "none.yaml")
    assert result.code == 2 and "file not found" in result.stderr
    result = run("tasks", "check", SAMPLE, "--as-of", "2023-12-30")
    assert (
        result.code == 2 and "as_of 2023-12-31 disagrees with --as-of 2023-12-30" in result.stderr
    )
    result = run("tasks", "check", SAMPLE, "--as-of", "soon")
    assert result.code == 2 and "'soon' is not a date" in result.stderr


def _plan_without_tasks(tmp_path: Path, given: str) -> tuple[Path, Path]:
    """A plan folder with the bundled indicators.yaml and no tasks.yaml; the folder, and the
    plan as given (the folder or its indicators.yaml)."""
    folder = tmp_path / "plan"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "indicators.yaml", folder / "indicators.yaml")
    return folder, folder if given == "folder" else folder / "indicators.yaml"


@pytest.mark.parametrize(
    "command",
    [["tasks", "check", SAMPLE], ["evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLE]],
    ids=["tasks check", "evaluate --tasks"],
)
@pytest.mark.parametrize("given", ["folder", "indicators.yaml"])
def test_a_plan_without_tasks_yaml_says_so(
    tmp_path: Path, command: list[str | Path], given: str
) -> None:
    folder, plan = _plan_without_tasks(tmp_path, given)
    for lang, said in [
        ("en", "this plan folder has indicators.yaml but no tasks.yaml, so there are no tasks "
               "to check progress against: add a tasks.yaml beside indicators.yaml ('plancheck "
               "plan schema tasks' prints its fields, 'plancheck init NEW_FOLDER' writes an "
               "example)"),
        ("zh", "此规划文件夹有 indicators.yaml 但没有 tasks.yaml，无法对照任务检查进展：请在 "
               "indicators.yaml 旁添加 tasks.yaml（plancheck plan schema tasks 可输出其字段，"
               "plancheck init 新文件夹 可生成示例）"),
    ]:  # fmt: skip
        result = run(*command, "--plan", plan, "--lang", lang)
        assert result.code == 2
        assert result.stderr == f"{folder}: {said}\n"  # the folder, not 'unknown task'
    (folder / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    result = run(*command, "--plan", plan)
    assert result.code == 2
    assert result.stderr == (
        f"{folder / 'tasks.yaml'}: the plan's tasks.yaml lists no tasks, so there are none to "
        "check progress against\n"
    )


@pytest.mark.parametrize("given", ["folder", "indicators.yaml"])
def test_listing_a_plan_without_tasks_says_so(tmp_path: Path, given: str) -> None:
    """``plancheck tasks --plan P`` of a plan without tasks.yaml printed an empty table without
    a word. A plan without tasks is valid: its list is empty (exit 0), and a note says why."""
    folder, plan = _plan_without_tasks(tmp_path, given)
    for lang, said in [
        ("en", "note: this plan folder has no tasks.yaml, so it has no tasks to list: add a "
               "tasks.yaml beside indicators.yaml ('plancheck plan schema tasks' prints its "
               "fields)"),
        ("zh", "提示：此规划文件夹没有 tasks.yaml，因此没有任务可列出：请在 indicators.yaml 旁"
               "添加 tasks.yaml（plancheck plan schema tasks 可输出其字段）"),
    ]:  # fmt: skip
        result = run("tasks", "--plan", plan, "--lang", lang)
        assert (result.code, result.stderr) == (0, f"{folder}: {said}\n")
    listed = run("tasks", "--plan", plan, "-f", "json")
    assert (listed.code, listed.json()) == (0, [])
    (folder / "tasks.yaml").write_text("tasks: []\n", encoding="utf-8")
    result = run("tasks", "--plan", plan, "--lang", "en")
    assert result.code == 0
    assert result.stderr == (
        f"{folder / 'tasks.yaml'}: note: the plan's tasks.yaml lists no tasks, so there are none "
        "to list\n"
    )
    assert run("tasks").stderr == ""  # the bundled plan's tasks: nothing to say


@pytest.mark.parametrize(
    ("entry", "at", "english", "chinese"),
    [
        ('"10": {status: in_progress, milestones: {"10.1": [2021]}}', '"10.1"',
         "10.1: milestone 10.1 has a target: give its value, a number (86 or \"86%\") or a "
         "mapping (value: 86), not a list",
         "10.1：节点 10.1 有目标值：请填写其数值（如 86 或 \"86%\"）或映射（value: 86），而不是列表"),
        ('"19": {status: in_progress, milestones: {"19.1": {state: [done]}}}', "state",
         "state: milestone 19.1 has a deadline: give its state, done or not_done, or a mapping",
         "state：节点 19.1 有截止日期：请填写其状态（done 或 not_done）或映射"),
        ('"19": {status: in_progress, partners: 3}', "partners",
         "partners: give a list of texts ([\"区司法局\", \"区教育局\"]) or one text, "
         "not a number (3)",
         "partners：请填写文本列表（[\"区司法局\", \"区教育局\"]）或一项文本，而不是数字（3）"),
        ('"19": {status: in_progress, evidence: {a: 1}}', "evidence",
         "evidence: give a list of texts", "evidence：请填写文本列表"),
        ('"19": {status: in_progress, evidence: [[a]]}', "evidence",
         "not a list holding a list or a mapping", "而不是含有列表或映射的列表"),
        ('"19": {status: done, lead: {a: b}}', "lead", "lead: give a text, not a mapping",
         "lead：请填写文本，而不是映射"),
    ],
)  # fmt: skip
def test_a_wrong_shape_says_which_to_give(
    tmp_path: Path, entry: str, at: str, english: str, chinese: str
) -> None:
    """A list where a figure goes, a mapping or a number where texts go: one located line, not
    a Python repr, and not accepted (partners: 3 was shown as a partner named 3)."""
    progress = tmp_path / "progress.yaml"
    column = 3 + entry.index(at)  # the key's: the line is indented two spaces, columns from 1
    progress.write_text(f"as_of: 2023-12-31\ntasks:\n  {entry}\n", encoding="utf-8")
    for command, lang, message in (
        (("tasks", "check", progress), "en", english),
        (("evaluate", SAMPLES / "2023.csv", "--tasks", progress), "en", english),
        (("tasks", "check", progress), "zh", chinese),
    ):
        result = run(*command, "--lang", lang)
        assert result.code == 2, result.stdout
        assert result.stderr.startswith(f"{progress}:3:{column}: ") and message in result.stderr
        assert result.stderr.count("\n") == 1 and "['" not in result.stderr


def test_json_shape() -> None:
    data = run("tasks", "check", SAMPLE, "-f", "json").json()
    assert list(data) == ["plan", "as_of", "as_of_source", "files", "strict", "compliant",
                          "summary", "milestones", "tasks"]  # fmt: skip
    assert list(data["summary"]) == ["overdue", "inconsistent", "unreported", "not_started",
                                     "in_progress", "done", "dropped"]  # fmt: skip
    task = next(t for t in data["tasks"] if t["id"] == "34")
    assert list(task) == ["id", "document", "section", "title", "title_en", "indicators", "state",
                          "reason", "status", "lead", "partners", "evidence", "note", "file",
                          "line", "milestones", "findings"]  # fmt: skip
    assert task["state"] == "overdue" and task["lead"] == "区委依法治区办"
    assert task["milestones"][0]["years"] == [2021, 2023]
    missed = task["findings"][1]
    assert missed == {
        "check": "annual",
        "status": "overdue",
        "milestone": "34.1",
        "year": 2022,
        "due": "2022-12-31",
        "late": True,
        "binding": False,
        "blocking": False,
        "value": None,
        "reason": "2022: not done; the deadline 2022-12-31 passed 365 days ago",
        "file": str(SAMPLE),
        "line": 80,
    }
    unreported = next(t for t in data["tasks"] if t["id"] == "7")
    assert unreported["status"] is None and unreported["findings"][0]["check"] == "unreported"


# --- the tasks listing keeps working ----------------------------------------------------------


def test_tasks_without_subcommand_still_lists_the_plan() -> None:
    result = run("tasks", "--format", "json")
    assert result.code == 0
    listed = result.json()
    assert isinstance(listed, list) and len(listed) == 55 and listed[0]["id"] == "1"
    assert "加强制度保障" in run("tasks", "-f", "markdown").stdout
    assert "check" in run("tasks", "--help").stdout


# --- evaluate --tasks -------------------------------------------------------------------------


def test_evaluate_with_tasks_json() -> None:
    result = run("evaluate", SAMPLES / "2022.csv", "--tasks", SAMPLE, "-f", "json")
    assert result.code == 1  # indicator 13 (binding) fails in the 2022 sample
    data = result.json()
    assert data["tasks"]["summary"]["overdue"] == 2 and len(data["tasks"]["tasks"]) == 55
    by_id = {r["id"]: r for r in data["results"]}
    linked = {t["id"]: t["state"] for t in by_id["20"]["tasks"]}
    assert linked == {"24": "in_progress", "A15": "in_progress"}  # task link and milestone link
    assert {t["id"] for t in by_id["3"]["tasks"]} == {"6", "34"}


def test_evaluate_without_tasks_has_no_tasks_key() -> None:
    data = run("evaluate", SAMPLES / "2023.csv", "-f", "json").json()
    assert "tasks" not in data and all("tasks" not in r for r in data["results"])


def test_evaluate_with_tasks_table_and_markdown() -> None:
    table = run("evaluate", SAMPLES / "2022.csv", "--tasks", SAMPLE, "--lang", "en").stdout
    assert "→ tasks: 24 健全完善共建共治共享的社会治理格局 [◐ in progress, 区民政局]" in table
    assert "Tasks as of 2023-12-31" in table and "✘ OVERDUE  19" in table
    markdown = run(
        "evaluate", SAMPLES / "2022.csv", "--tasks", SAMPLE, "-f", "markdown", "--lang", "en"
    ).stdout
    assert "## Tasks as of 2023-12-31" in markdown and "### Needs attention" in markdown
    assert "  - tasks: 24 健全完善共建共治共享的社会治理格局" in markdown


def test_evaluate_exit_follows_tasks(test_plan: Path, tmp_path: Path) -> None:
    compliant = run("evaluate", SAMPLES / "2023.csv", "--plan", test_plan, "-f", "json")
    assert compliant.code == 0
    progress = tmp_path / "progress.yaml"
    progress.write_text(
        'as_of: 2023-12-31\ntasks:\n  "3": {status: in_progress, milestones: {"3.1": not_done}}\n',
        encoding="utf-8",
    )
    result = run("evaluate", SAMPLES / "2023.csv", "--plan", test_plan, "--tasks", progress)
    assert result.code == 1
    assert "NOT COMPLIANT: 1 binding milestone past its deadline, not done or not reported" in (
        result.stdout
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text('tasks:\n  "9": done\n', encoding="utf-8")
    result = run("evaluate", SAMPLES / "2023.csv", "--plan", test_plan, "--tasks", bad)
    assert result.code == 2 and result.stderr.startswith(f"{bad}:2:3: unknown task '9'")


def test_evaluate_tasks_as_of_defaults_to_the_evaluated_year(tmp_path: Path) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text('tasks:\n  "19": in_progress\n', encoding="utf-8")
    result = run("evaluate", SAMPLES / "2023.csv", "--tasks", progress, "-f", "json")
    assert result.json()["tasks"]["as_of"] == "2023-12-31"
    assert result.json()["tasks"]["as_of_source"] == "year"


def test_the_verdict_names_both_parts_when_both_fail() -> None:
    result = run("evaluate", ROOT / "samples" / "2023.csv", "--tasks",
                 ROOT / "samples" / "progress-2023.yaml", "--strict", "-f", "markdown")  # fmt: skip
    assert result.code == 1
    assert (  # a shared report names no option
        "**Verdict: NOT COMPLIANT: 9 indicators not passed (every indicator counted); "
        "5 task findings: overdue, inconsistent or unreported**"
    ) in result.stdout
    table = run("evaluate", ROOT / "samples" / "2023.csv", "--tasks",
                ROOT / "samples" / "progress-2023.yaml", "--strict").stdout  # fmt: skip
    assert "9 indicators not passed (--strict); 5 task findings" in table


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_task_list_in_chinese_dates_a_milestone_as_chinese_writes_a_date(fmt: str) -> None:
    result = run("tasks", "--lang", "zh", "-f", fmt)
    assert result.code == 0, result.stderr
    flat = "".join(line.strip("│ ") for line in result.stdout.splitlines())
    assert "（2022年12月31日）" in flat and "-12-31" not in result.stdout
    english = run("tasks", "--lang", "en", "-f", "markdown").stdout
    assert "(2022-12-31)" in english


# --- the group's options before 'check' ---------------------------------------------------------


def test_the_groups_options_before_check_are_the_checks(tmp_path: Path, test_plan: Path) -> None:
    """``plancheck tasks --plan P check PROGRESS`` checks against P (the group took --plan and
    the check ran on the bundled plan, saying nothing); -f and -o before 'check' are its too."""
    before = run("tasks", "--plan", test_plan, "-f", "json", "check", SAMPLE, "--lang", "en")
    after = run("tasks", "check", SAMPLE, "--plan", test_plan, "-f", "json", "--lang", "en")
    assert (before.code, before.stdout) == (after.code, after.stdout)
    bundled = run("tasks", "check", SAMPLE, "-f", "json", "--lang", "en")
    assert before.stdout != bundled.stdout
    report = tmp_path / "tasks.md"
    written = run("tasks", f"--output={report}", "check", SAMPLE)
    assert written.stdout == "" and report.read_text(encoding="utf-8").startswith("#")
    twice = run("tasks", "--plan", test_plan, "check", SAMPLE, "--plan", tmp_path, "--lang", "en")
    assert twice.code == 2 and "'--plan' is given twice" in twice.stderr
    assert run("tasks", "-f", "json").json()[0]["id"] == "1"  # no command: the group's own

"""`plancheck plan validate` on broken plans: every problem named with its file, line and column.

Each folder under tests/cases/plans/ holds a plan (indicators.yaml, maybe tasks.yaml) and
expected.txt: text that must appear in the message, from the file name on.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, FIXTURES, ROOT, run

PLAN_CASES = sorted(p for p in (CASES / "plans").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", PLAN_CASES, ids=[p.name for p in PLAN_CASES])
def test_broken_plan_is_located(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    result = run("plan", "validate", case)
    assert result.code == 2
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(str(case)), line  # every problem names its file


def test_valid_plans() -> None:
    result = run("plan", "validate")
    assert result.code == 0 and "23 indicators, 55 tasks" in result.stdout
    assert run("plan", "validate", ROOT / "data").code == 0
    assert run("plan", "validate", ROOT / "data" / "indicators.yaml").code == 0


def test_a_broken_plan_stops_evaluate_too(tmp_path: Path) -> None:
    result = run(
        "evaluate", ROOT / "samples" / "2023.csv", "--plan", CASES / "plans" / "unknown_key"
    )
    assert result.code == 2 and "unknown key 'weigth'" in result.stderr


def test_missing_plan(tmp_path: Path) -> None:
    result = run("plan", "validate", tmp_path / "none")
    assert result.code == 2 and "plan not found" in result.stderr
    result = run("plan", "validate", tmp_path)
    assert result.code == 2 and "no indicators.yaml" in result.stderr


def test_schema_describes_both_files() -> None:
    indicators = json.loads(run("plan", "schema").stdout)
    assert indicators["additionalProperties"] is False
    assert {"plan", "categories", "indicators"} <= set(indicators["properties"])
    tasks = json.loads(run("plan", "schema", "tasks").stdout)
    assert "tasks" in tasks["properties"]


def test_other_commands_say_a_broken_plan_in_one_line() -> None:
    """plan validate lists every problem; evaluate names the first and how many more."""
    case = CASES / "plans" / "peer_group_too_small"
    result = run("evaluate", ROOT / "samples" / "2023.csv", "--plan", case)
    assert result.code == 2
    assert result.stderr == (
        f"{case / 'indicators.yaml'}:19:48: a member is listed twice "
        f"(and 1 more: plancheck plan validate {case})\n"
    )


@pytest.mark.parametrize(("target", "code"), [
    ("{kind: around, value: 50, tolerance: 5}", 0),  # the band 左右 defaults to, said outright
    ("{kind: around, value: 50, tolerance: 3}", 0),  # the plan's own band: the text says none
    ("{kind: around, value: 50}", 0),
    ("{kind: around, value: 60, tolerance: 3}", 2),  # not the level the text says
])  # fmt: skip
def test_a_tolerance_on_an_around_target_is_the_plans_own_band(
    tmp_path: Path, target: str, code: int
) -> None:
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    old = '    target_text: 50以上\n    target: {kind: threshold, op: ">=", value: 50}\n'
    assert old in text
    new = f"    target_text: 50左右\n    target: {target}\n"
    (tmp_path / "indicators.yaml").write_text(text.replace(old, new), encoding="utf-8")
    result = run("plan", "validate", tmp_path / "indicators.yaml")
    assert result.code == code, result.stderr


def test_a_plan_without_indicators_is_refused_where_it_says_so() -> None:
    """No indicator: nothing to judge. Refused by plan validate (not "valid plan, 0 indicators")
    and by evaluate, at the indicators key, in both languages."""
    case = CASES / "plans" / "no_indicators"
    where = f"{case / 'indicators.yaml'}:22:1: indicators"
    result = run("plan", "validate", case)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{where}: the plan lists no indicator: a submission would have nothing to be judged "
        "against\n"
    )
    result = run("plan", "validate", case, "--lang", "zh")
    assert result.stderr == f"{where}：规划未列出任何指标：报送的数据无从评判\n"
    result = run("evaluate", ROOT / "samples" / "2023.csv", "--plan", case)
    assert result.code == 2 and result.stderr.startswith(f"{where}: the plan lists no indicator")
    schema = json.loads(run("plan", "schema").stdout)
    assert schema["properties"]["indicators"]["minItems"] == 1


def one_indicator_one_task(folder: Path) -> Path:
    """The test plan cut to its first indicator, with one task linking it."""
    text = (ROOT / "tests" / "fixtures" / "plans" / "ops" / "indicators.yaml").read_text("utf-8")
    head = text.partition('  - {id: "2"')[0]
    (folder / "indicators.yaml").write_text(head, encoding="utf-8")
    (folder / "tasks.yaml").write_text(
        'tasks:\n  - id: "1"\n    document: plan\n    section: 一、任务\n    title: 任务\n'
        '    text: 任务正文。\n    indicators: ["1"]\n',
        encoding="utf-8",
    )
    return folder


def test_a_count_of_one_is_said_in_the_singular(tmp_path: Path) -> None:
    """One plural rule in i18n.fill: English says "1 indicator, 1 task"; Chinese has none."""
    plan = one_indicator_one_task(tmp_path)
    result = run("plan", "validate", plan)
    assert result.code == 0 and result.stdout.endswith("valid plan, 1 indicator, 1 task\n")
    zh = run("plan", "validate", plan, "--lang", "zh")
    assert zh.stdout.endswith("规划有效，1 项指标，1 项任务\n")
    submission = tmp_path / "2023.csv"
    submission.write_text("indicator,value\n1,60\n", encoding="utf-8")
    report = run("evaluate", submission, "--plan", plan, "--year", "2023", "-f", "markdown")
    assert "In 2023, of 1 indicator, 1 met the target." in report.stdout
    assert "(1 of 1 indicator scored)" in report.stdout and "1 indicators" not in report.stdout


def test_the_plural_rule() -> None:
    from plancheck.i18n import fill

    said = fill("en", "size {size} but {count} members are listed", {"size": 1, "count": 1})
    assert said == "size 1 but 1 member is listed"  # the verb agrees; {size} counts nothing
    assert fill("en", "{n} binding indicators", {"n": "1"}) == "1 binding indicator"
    assert fill("en", "{n} binding indicators", {"n": 2}) == "2 binding indicators"
    assert fill("en", "{n} figures", {"n": "1,000"}) == "1,000 figures"
    assert fill("zh", "{n} 项指标", {"n": 1}) == "1 项指标"


def test_a_period_is_said_with_the_one_year_span_in_chinese() -> None:
    """i18n.year_span says every period: 2021—2025年 in Chinese, 2021–2025 in English."""
    case = CASES / "plans" / "milestone_due_outside_period"
    zh = run("plan", "validate", case, "--lang", "zh")
    assert zh.code == 2 and "截止日期 2040-12-31 不在规划期2021—2025年内" in zh.stderr
    assert "2021–2025" not in zh.stderr
    before = run("evaluate", ROOT / "samples" / "2020.csv", "--lang", "zh")
    assert before.code == 2 and "早于规划期2021—2025年；" in before.stderr, before.stderr


@pytest.mark.parametrize(
    ("text", "target", "baseline", "warned"),
    [
        ("增长10%", "{kind: change, measure: percent, amount: 10}", "0", True),
        ("下降10%", "{kind: change, measure: percent, amount: -10}", "-5", True),
        ("翻一番", "{kind: change, measure: factor, amount: 2}", "0", True),
        ("增长10%", "{kind: change, measure: percent, amount: 10}", "6.3", False),
        ("提高5个百分点", "{kind: change, measure: points, amount: 5}", "0", False),  # 0 + 5
    ],
)
def test_a_share_of_a_baseline_not_above_0_is_warned_at_the_baseline(
    tmp_path: Path, text: str, target: str, baseline: str, warned: bool
) -> None:
    """Kind.warnings (kinds/change.py): a % or factor change of a baseline ≤ 0 is judged
    unknown every year, so plan validate warns — at the baseline's line, exit 0."""
    plan = (FIXTURES / "plans" / "kinds" / "indicators.yaml").read_text(encoding="utf-8")
    old = "    target: {kind: change, measure: percent, amount: 10}\n"
    assert plan.count(old) == 1 and plan.count("baseline: {year: 2020, value: 6.3}") == 1
    plan = (
        plan.replace(old, f"    target: {target}\n")
        .replace("target_text: 增长10%\n", f"target_text: {text}\n")
        .replace(
            "baseline: {year: 2020, value: 6.3}", f"baseline: {{year: 2020, value: {baseline}}}"
        )
    )
    path = tmp_path / "indicators.yaml"
    path.write_text(plan, encoding="utf-8")
    line = next(n for n, text in enumerate(plan.splitlines(), 1) if f"value: {baseline}}}" in text)
    for lang, words in (("en", "warning: the change"), ("zh", "警告：变化目标")):
        result = run("plan", "validate", path, "--lang", lang)
        assert result.code == 0, result.stderr
        found = [w for w in result.stderr.splitlines() if words in w]
        if not warned:
            assert found == []
            continue
        assert len(found) == 1 and found[0].startswith(f"{path}:{line}:"), result.stderr
        assert ("unknown every year" if lang == "en" else "每年均无法判断") in found[0]


@pytest.mark.parametrize("command", [["plan", "validate", "{file}"],
                                     ["evaluate", "{sample}", "--plan", "{file}"]])  # fmt: skip
@pytest.mark.parametrize("name", ["2023.csv", "规划.docx", "plan.xlsx"])
def test_a_submission_or_a_document_given_as_the_plan_is_said_so(
    tmp_path: Path, command: list[str], name: str
) -> None:
    # A CSV given as the plan was read as YAML: "2023.csv:2:47: invalid YAML: mapping values
    # are not allowed here", which sent people looking for YAML in their figures.
    given = tmp_path / name
    given.write_bytes((ROOT / "samples" / "2023.csv").read_bytes())
    args = [a.format(file=given, sample=ROOT / "samples" / "2023.csv") for a in command]
    result = run(*args)
    suffix = given.suffix
    assert (result.code, result.stderr) == (
        2,
        f"{given}: a plan is its folder or its indicators.yaml, not a {suffix} file"
        " (plancheck plan import drafts a plan from its document)\n",
    )


@pytest.mark.parametrize("kind", ["folder", "link to nothing"])
def test_a_tasks_yaml_that_is_no_file_is_an_error(tmp_path: Path, kind: str) -> None:
    """A tasks.yaml that is a folder, or a link to a file that is gone, was a plan of no tasks:
    "valid plan, 23 indicators, 0 tasks", and 'tasks' an empty table."""
    plan = tmp_path / "plan"
    plan.mkdir()
    shutil.copy(ROOT / "data" / "indicators.yaml", plan / "indicators.yaml")
    if kind == "folder":
        (plan / "tasks.yaml").mkdir()
        said = "is a directory, not a file"
    else:
        (plan / "tasks.yaml").symlink_to(tmp_path / "gone.yaml")
        said = "file not found"
    for args in (["plan", "validate", plan], ["tasks", "--plan", plan]):
        result = run(*args, "--lang", "en")
        assert result.code == 2 and result.stdout == ""
        assert result.stderr == f"{plan / 'tasks.yaml'}: {said}\n"
    assert run("evaluate", ROOT / "samples" / "2023.csv", "--plan", plan).code in (0, 1)


def test_an_indicators_yaml_that_is_no_file_is_named(tmp_path: Path) -> None:
    """A folder named indicators.yaml, or a link to nothing, is said at that path, not as
    "no indicators.yaml in this plan folder" of a folder that shows one."""
    folder, link = tmp_path / "folder", tmp_path / "link"
    (folder / "indicators.yaml").mkdir(parents=True)
    link.mkdir()
    (link / "indicators.yaml").symlink_to(tmp_path / "gone.yaml")
    for plan, said in ((folder, "is a directory, not a file"), (link, "file not found")):
        result = run("plan", "validate", plan, "--lang", "en")
        assert (result.code, result.stderr) == (2, f"{plan / 'indicators.yaml'}: {said}\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("plan", "validate", empty, "--lang", "en").stderr == (
        f"{empty}: no indicators.yaml in this plan folder\n"
    )


@pytest.mark.parametrize(("target", "en", "zh"), [
    ("{kind: rnage, low: 90, high: 95}",
     "indicators[0].target: unknown kind 'rnage': the kinds are around, average_growth, change, "
     "cumulative, qualitative, range, rank, relative, threshold, todo, versus, yearly",
     "indicators[0].target：未知的目标类型（kind）“rnage”：可用的类型为“around”、"),
    ("{low: 90, high: 95}",
     "indicators[0].target: no kind given: write kind: one of around, average_growth,",
     "indicators[0].target：缺少目标类型：请写 kind:，取值为“around”、"),
    ('"90–95"',
     "indicators[0].target: expected a mapping of keys to values",
     "indicators[0].target：应为键值映射"),
    ("[90, 95]",
     "indicators[0].target: expected a mapping of keys to values",
     "indicators[0].target：应为键值映射"),
])  # fmt: skip
def test_a_misspelt_missing_or_unwritten_kind_is_said_in_both_languages(
    tmp_path: Path, target: str, en: str, zh: str
) -> None:
    """A hand-written target's kind misspelt, left out, or the target written as its text: said
    in the run's language with the kinds there are, never pydantic's 'Input tag … found using
    …' or 'Unable to extract tag using discriminator'."""
    text = (ROOT / "tests" / "fixtures" / "plans" / "ops" / "indicators.yaml").read_text("utf-8")
    head = text.partition('  - {id: "2"')[0]
    first = head.partition("  - {id:")[2]
    assert "target: {" in first, first
    start = head.index("target: {", head.index("  - {id:"))
    end = head.index("}", start) + 1
    (tmp_path / "indicators.yaml").write_text(
        head[:start] + "target: " + target + head[end:], encoding="utf-8"
    )
    result = run("plan", "validate", tmp_path)
    assert result.code == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert en in result.stderr, result.stderr
    result = run("plan", "validate", tmp_path, "--lang", "zh")
    assert result.code == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert zh in result.stderr and "Input" not in result.stderr, result.stderr


@pytest.mark.parametrize("unit", ["％", "﹪", " % "])
def test_a_rate_typed_with_a_full_width_percent_sign_is_a_rate(tmp_path: Path, unit: str) -> None:
    """unit: ％ (a Chinese input method's percent sign) is %: a rate is 0–100, so 150 is refused
    (it was judged as a figure of some other unit), and a figure typed 60% is read."""
    text = (ROOT / "tests" / "fixtures" / "plans" / "ops" / "indicators.yaml").read_text("utf-8")
    head = text.partition('  - {id: "2"')[0]
    assert head.count('unit: "%"') == 1
    (tmp_path / "indicators.yaml").write_text(
        head.replace('unit: "%"', f'unit: "{unit}"'), encoding="utf-8"
    )
    submission = tmp_path / "2023.csv"
    submission.write_text("indicator,value\n1,150\n", encoding="utf-8")
    result = run("evaluate", submission, "--plan", tmp_path, "--year", "2023")
    assert result.code == 2, result.stdout
    assert "above the highest valid value 100" in result.stderr, result.stderr
    submission.write_text("indicator,value\n1,60%\n", encoding="utf-8")
    result = run("evaluate", submission, "--plan", tmp_path, "--year", "2023", "-f", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["measure"] == "%"


@pytest.mark.parametrize(("year", "warned"), [(2020, False), (2018, True), (2019, True)])
def test_a_baseline_year_not_the_year_before_the_period_is_warned(
    tmp_path: Path, year: int, warned: bool
) -> None:
    """A plan copied from the last one keeps baseline_year 2020 beside a period of 2026–2030:
    progress would be measured from the wrong year's figures, so plan validate warns (exit 0)."""
    shutil.copytree(ROOT / "data", tmp_path / "plan")
    path = tmp_path / "plan" / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  baseline_year: 2020\n") == 1
    path.write_text(text.replace("  baseline_year: 2020\n", f"  baseline_year: {year}\n"), "utf-8")
    line = text.splitlines().index("  baseline_year: 2020") + 1
    for lang, words in (("en", "warning: baseline_year"), ("zh", "警告：基期年份")):
        result = run("plan", "validate", tmp_path / "plan", "--lang", lang)
        assert result.code == 0, result.stderr
        found = [w for w in result.stderr.splitlines() if words in w]
        if warned:
            assert len(found) == 1 and found[0].startswith(f"{path}:{line}:3: ")
            assert "2021" in found[0] and "2020" in found[0]
        else:
            assert found == []

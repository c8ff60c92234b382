"""A plan is validated strictly: a flag is YAML's true or false, a number a YAML number, a year
or a size a whole number, a date a date, and a name or a required text is not empty. pydantic's
lax mode read "no" and 0 as false (a binding indicator silently expected: another verdict),
"100" as 100 and "16" as 16; each is now one located line and exit 2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SAMPLES, run


def changed(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the bundled plan with the first ``old`` of ``file`` replaced by ``new``."""
    folder = tmp_path / "plan"
    shutil.copytree(ROOT / "data", folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


FIRST = '  - id: "1"\n    category: 依法执政\n    name: “三重一大”事项提交区委常委会审议率\n'
# indicators.yaml: (old, new, the line's start "LINE:COLUMN: field: message")
INDICATORS = {
    "binding yes": (
        "binding: true",
        'binding: "yes"',
        "77:5: indicators[0].binding: Input should be a valid boolean",
    ),
    "binding no": (
        "binding: true",
        'binding: "no"',
        "77:5: indicators[0].binding: Input should be a valid boolean",
    ),
    "binding 0": (
        "binding: true",
        "binding: 0",
        "77:5: indicators[0].binding: Input should be a valid boolean",
    ),
    "binding 1": (
        "binding: true",
        "binding: 1",
        "77:5: indicators[0].binding: Input should be a valid boolean",
    ),
    "other_units yes": (
        "  unit: 徐汇区\n",
        '  unit: 徐汇区\n  other_units: "yes"\n',
        "37:3: plan.other_units: Input should be a valid boolean",
    ),
    "quoted rank": (
        "best: 5}",
        'best: "5"}',
        "251:39: indicators[17].target.rank.best: Input should be a valid integer",
    ),
    "rank as a float": (
        "best: 5}",
        "best: 5.0}",
        "251:39: indicators[17].target.rank.best: Input should be a valid integer",
    ),
    "quoted target value": (
        "value: 100}",
        'value: "100"}',
        "80:41: indicators[0].target.threshold.value: Input should be a valid number",
    ),
    "a flag as a number": (
        "value: 100}",
        "value: true}",
        "80:41: indicators[0].target.threshold.value: Input should be a valid number",
    ),
    "quoted minimum": (
        "    minimum: 0\n",
        '    minimum: "0"\n',
        "92:5: indicators[1].minimum: Input should be a valid number",
    ),
    "quoted weight": (
        "    timing: annual\n",
        '    timing: annual\n    weight: "2"\n',
        "82:5: indicators[0].weight: Input should be a valid number",
    ),
    "quoted size": (
        "size: 16",
        'size: "16"',
        "62:5: peer_groups.city.size: Input should be a valid integer",
    ),
    "decimal size": (
        "size: 16",
        "size: 16.0",
        "62:5: peer_groups.city.size: Input should be a valid integer",
    ),
    "quoted year": (
        "start: 2021",
        'start: "2021"',
        "41:12: plan.period.start: Input should be a valid integer",
    ),
    "quoted target year": (
        "target_year: 2025",
        'target_year: "2025"',
        "43:3: plan.target_year: Input should be a valid integer",
    ),
    "a date as a number": (
        "date: 2021-07-23",
        "date: 0",
        "32:5: plan.document.date: Input should be a valid date",
    ),
    "a date as digits": (
        "date: 2021-07-23",
        'date: "1627000000"',
        "32:5: plan.document.date: Input should be a valid date",
    ),
    "empty indicator name": (
        FIRST,
        FIRST.replace("name: “三重一大”事项提交区委常委会审议率", 'name: ""'),
        "75:5: indicators[0].name: must not be empty or blank",
    ),
    "blank indicator name": (
        FIRST,
        FIRST.replace("name: “三重一大”事项提交区委常委会审议率", 'name: "\u3000 "'),
        "75:5: indicators[0].name: must not be empty or blank",
    ),
    "empty English name": (
        'name_en: Share of "three majors and one large" matters submitted to the District Party Standing Committee',
        'name_en: ""',
        "76:5: indicators[0].name_en: must not be empty or blank",
    ),
    "empty alias": (
        "    binding: true\n",
        '    aliases: [审议率, ""]\n    binding: true\n',
        "77:20: indicators[0].aliases[1]: must not be empty or blank",
    ),
    "empty category name": (
        "  - name: 依法执政\n",
        '  - name: ""\n',
        "49:5: categories[0].name: must not be empty or blank",
    ),
    "empty peer group member": (
        "[黄浦区, ",
        '["", ',
        "63:15: peer_groups.city.members[0]: must not be empty or blank",
    ),
    "empty plan title": (
        "  title: 徐汇区全面依法治区第十四个五年规划\n",
        '  title: ""\n',
        "25:3: plan.title: must not be empty or blank",
    ),
}


@pytest.mark.parametrize("case", list(INDICATORS), ids=list(INDICATORS))
def test_a_coerced_or_empty_field_of_indicators_yaml_is_refused(tmp_path: Path, case: str) -> None:
    old, new, expected = INDICATORS[case]
    folder = changed(tmp_path, "indicators.yaml", old, new)
    result = run("plan", "validate", folder)
    assert result.code == 2, result.stdout
    assert result.stderr.splitlines() == [f"{folder / 'indicators.yaml'}:{expected}"]


MILESTONE = "        due: 2025-12-31\n"
TASKS = {
    "binding yes": (
        MILESTONE,
        MILESTONE + '        binding: "yes"\n',
        "97:9: tasks[9].milestones[0].binding: Input should be a valid boolean",
    ),
    "binding 1": (
        MILESTONE,
        MILESTONE + "        binding: 1\n",
        "97:9: tasks[9].milestones[0].binding: Input should be a valid boolean",
    ),
    "a due date as a number": (
        MILESTONE,
        "        due: 20251231\n",
        "96:9: tasks[9].milestones[0].due: Input should be a valid date",
    ),
    "empty milestone text": (
        '        text: "到2025年实现全区90%以上的居民区可直接办理或代办政务服务事项"\n',
        '        text: ""\n',
        "94:9: tasks[9].milestones[0].text: must not be empty or blank",
    ),
    "empty task title": (
        '    title: "坚持把宪法作为根本活动准则"',
        '    title: " "',
        "20:5: tasks[0].title: must not be empty or blank",
    ),
}


@pytest.mark.parametrize("case", list(TASKS), ids=list(TASKS))
def test_a_coerced_or_empty_field_of_tasks_yaml_is_refused(tmp_path: Path, case: str) -> None:
    old, new, expected = TASKS[case]
    folder = changed(tmp_path, "tasks.yaml", old, new)
    result = run("plan", "validate", folder)
    assert result.code == 2, result.stdout
    assert result.stderr.splitlines() == [f"{folder / 'tasks.yaml'}:{expected}"]


def test_a_binding_indicator_written_no_is_no_verdict(tmp_path: Path) -> None:
    """Read as false, "no" made indicator 1 expected: a failing figure no longer blocked."""
    folder = changed(tmp_path, "indicators.yaml", "binding: true", 'binding: "no"')
    figures = tmp_path / "2023.csv"
    figures.write_text("indicator,value\n1,50\n", encoding="utf-8")
    assert run("evaluate", figures).code == 1  # the bundled plan: binding 1 fails
    result = run("evaluate", figures, "--plan", folder)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{folder / 'indicators.yaml'}:77:5: indicators[0].binding: ")


def test_the_blank_message_is_said_in_chinese(tmp_path: Path) -> None:
    folder = changed(tmp_path, "indicators.yaml", "  - name: 依法执政\n", '  - name: " "\n')
    result = run("plan", "validate", folder, "--lang", "zh")
    assert result.code == 2
    assert result.stderr == (
        f"{folder / 'indicators.yaml'}:49:5: categories[0].name：不能为空，也不能只有空格\n"
    )


def test_what_plans_legitimately_write_stays_valid(tmp_path: Path) -> None:
    """An integer where a decimal is asked, a date as YAML's or as ISO text (a plan written as
    JSON), an empty occasion (as `plan import` drafts it) and an empty target text."""
    folder = changed(tmp_path, "indicators.yaml", "date: 2021-07-23", 'date: "2021-07-23"')
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    occasion: .*$", '    occasion: ""', text, count=1)
    text = text.replace('target_text: "100"', 'target_text: ""', 1)
    (folder / "indicators.yaml").write_text(text, encoding="utf-8")
    result = run("plan", "validate", folder)
    assert result.code == 0, result.stderr


@pytest.mark.parametrize(
    "folder",
    [
        ROOT / "data",
        *sorted((SAMPLES / "plans").iterdir()),
        *sorted((FIXTURES / "plans").iterdir()),
    ],
    ids=lambda p: p.name,
)
def test_every_plan_of_the_repository_validates(folder: Path) -> None:
    result = run("plan", "validate", folder)
    assert result.code == 0, result.stderr


def test_the_schema_says_a_name_is_not_blank() -> None:
    import json

    schema = json.loads(run("plan", "schema").stdout)
    assert schema["$defs"]["Indicator"]["properties"]["name"]["pattern"] == r"\S"
    assert schema["$defs"]["Indicator"]["properties"]["binding"]["type"] == "boolean"

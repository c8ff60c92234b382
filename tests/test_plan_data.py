"""The bundled plan agrees with the seed document's indicator table, cell by cell."""

from __future__ import annotations

import re

from tests.conftest import FIXTURES, run

# The extraction lost parts of two units; the plan restores them.
RESTORED_UNITS = {"/": "次/年", "/万人": "人/万人"}
CATEGORY_PARTS = {"依法", "执政", "行政", "公正", "司法", "法治", "社会"}


def seed_table() -> list[dict[str, object]]:
    """The table "法治徐汇"建设主要指标 as the seed text flattens it: one cell per line."""
    text = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    block = text.split("指标目标", 1)[1].split("三、主要任务", 1)[0]
    cells = [line.strip() for line in block.splitlines() if line.strip()]
    rows, category, pending = [], "", []
    i = 0
    while i < len(cells):
        if cells[i] in CATEGORY_PARTS:
            pending.append(cells[i])
            if len(pending) == 2:
                category, pending = "".join(pending), []
            i += 1
            continue
        number, name, attribute = cells[i], cells[i + 1], cells[i + 2]
        unit = None
        if cells[i + 3] == "%" or cells[i + 3].startswith("/"):
            unit = RESTORED_UNITS.get(cells[i + 3], cells[i + 3])
            i += 1
        target = cells[i + 3]
        rows.append(
            {
                "id": number,
                "name": name,
                "category": category,
                "binding": attribute == "约束性",
                "unit": unit,
                "target_text": target,
            }
        )
        i += 4
    return rows


def test_indicators_agree_with_the_seed_table() -> None:
    expected = seed_table()
    assert len(expected) == 23
    listed = run("indicators", "--format", "json").json()
    fields = ("id", "name", "category", "binding", "unit", "target_text")
    assert [{k: i[k] for k in fields} for i in listed] == expected


def test_indicator_json_has_timing_and_machine_target() -> None:
    listed = {i["id"]: i for i in run("indicators", "--format", "json").json()}
    assert listed["20"]["target"] == {"kind": "threshold", "op": ">=", "value": 50.0}
    assert listed["5"]["target"]["kind"] == "relative" and listed["5"]["timing"] == "annual"
    assert listed["18"]["target"]["kind"] == "rank" and listed["18"]["timing"] == "annual"
    assert listed["19"]["timing"] == "by_target_year" and listed["2"]["timing"] == "annual"
    # The default timing rule: binding → annual; expected with a numeric level → by 2025.
    for item in listed.values():
        numeric = item["target"]["kind"] == "threshold"
        if item["binding"] or not numeric or item["unit"] == "次/年":
            assert item["timing"] == "annual", item["id"]
        else:
            assert item["timing"] == "by_target_year", item["id"]


def test_every_task_of_the_document_is_listed() -> None:
    tasks = run("tasks", "--format", "json").json()
    ids = [t["id"] for t in tasks]
    assert ids == [str(n) for n in range(1, 36)] + [f"A{n}" for n in range(1, 21)]
    text = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    for task in tasks:
        assert {"id", "section", "title", "milestones"} <= set(task)
        number = task["id"].removeprefix("A")
        plain_title = re.sub("[“”]", "", task["title"])
        assert f"{number}.{plain_title}" in text.replace("“", "").replace("”", ""), task["id"]


def test_issue_milestones_are_recorded() -> None:
    tasks = {t["id"]: t for t in run("tasks", "--format", "json").json()}
    assert tasks["10"]["milestones"][0]["due"] == "2025-12-31"
    assert tasks["10"]["milestones"][0]["target"]["value"] == 90
    assert tasks["19"]["milestones"][0]["due"] == "2022-12-31"
    assert tasks["25"]["milestones"][0]["due"] == "2022-12-31"
    assert tasks["34"]["milestones"][0]["recurring"] == "annual"
    assert tasks["A15"]["milestones"][0]["target"]["value"] == 13
    assert tasks["A16"]["milestones"][0]["target"]["value"] == 100
    assert set(tasks["24"]["indicators"]) == {"20", "21", "22"}


def test_plan_metadata_records_the_draft_status() -> None:
    from plancheck.plan.load import load_plan

    info = load_plan().info
    assert info.document.stage == "送审稿" and str(info.document.date) == "2021-07-23"
    assert (info.period.start, info.period.end, info.baseline_year, info.target_year) == (
        2021, 2025, 2020, 2025,
    )  # fmt: skip


# Which task text drives each indicator the tasks did not link before: (indicator, task, words
# of the task's own text that name what the indicator measures).
DRIVING_TEXT = [
    ("5", "29", "加强区人大常委会对行政规范性文件的备案审查"),
    ("9", "30", "稳步推进集中行政复议制度改革"),
    ("13", "19", "严格落实刑事案件速裁程序、简易程序"),
    ("14", "18", "完善审判监督管理机制和法律统一适用机制"),
    ("14", "22", "确保法律适用统一"),
    ("16", "18", "完善审判监督管理机制和法律统一适用机制"),
    ("16", "22", "以专业分工提升办案质量"),
    ("17", "19", "健全行政机关与检察机关、审判机关公益诉讼体制衔接机制"),
    ("17", "30", "检察意见书办理情况书面反馈制度"),
    ("19", "25", "加快落实律师、公证、司法鉴定等行业改革举措"),
    ("19", "A14", "加快律师梯队建设"),
]


def test_tasks_link_the_indicators_their_text_drives() -> None:
    tasks = {t["id"]: t for t in run("tasks", "--format", "json").json()}
    for indicator, task, words in DRIVING_TEXT:
        assert words in tasks[task]["text"], (task, words)
        assert indicator in tasks[task]["indicators"], (task, indicator)
    linked = {i for t in tasks.values() for i in t["indicators"]}
    linked |= {
        m["indicator"] for t in tasks.values() for m in t["milestones"] if m.get("indicator")
    }
    indicators = {i["id"] for i in run("indicators", "--format", "json").json()}
    # 15 一审陪审率 (people's assessors): no task of the document speaks of 陪审.
    assert indicators - linked == {"15"}
    assert "陪审" not in "".join(t["text"] for t in tasks.values())


def test_indicator_20_and_its_milestone_read_50_the_same_way() -> None:
    """The table says 50以上 (≥ 50), task 24 高于50% (> 50): one reading, named in both files."""
    indicator = {i["id"]: i for i in run("indicators", "--format", "json").json()}["20"]
    tasks = {t["id"]: t for t in run("tasks", "--format", "json").json()}
    milestone = next(m for m in tasks["24"]["milestones"] if m["indicator"] == "20")
    assert "高于50%" in milestone["text"] and indicator["target_text"] == "50以上"
    assert (
        milestone["target"] == indicator["target"] == {"kind": "threshold", "op": ">=", "value": 50}
    )
    choice = "# One reading in both files: the table's 50以上 (≥ 50) is the indicator"
    for name in ("indicators.yaml", "tasks.yaml"):
        assert choice in (FIXTURES.parents[1] / "data" / name).read_text(encoding="utf-8"), name

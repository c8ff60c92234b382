"""plancheck plan import: the seed's text gives the curated plan; another district's plan as
.docx and as text gives the same draft, which validates and evaluates as a careful officer would;
the national indicator table gives one draft in every layout people copy it in."""

from __future__ import annotations

import json
import re
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.plan.importers import import_plan

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
QUOTES = re.compile('[“”"‘’]')


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def unquoted(text: str) -> str:
    """Only what the extraction lost: quotation marks (and a space before one)."""
    return QUOTES.sub("", text).replace(" ", "")


def load(folder: Path, name: str) -> Any:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


# --- the seed --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed") / "plan"
    result = run("plan", "import", SEED, "-o", folder)
    assert result.exit_code == 0, result.stderr
    return folder


def test_seed_gives_the_curated_indicators(seed_import: Path) -> None:
    curated = load(ROOT / "data", "indicators.yaml")
    imported = load(seed_import, "indicators.yaml")
    assert len(imported["indicators"]) == 23
    fields = ("id", "category", "binding", "unit", "target_text", "target", "timing")
    for mine, theirs in zip(imported["indicators"], curated["indicators"], strict=True):
        assert unquoted(mine["name"]) == unquoted(theirs["name"])
        assert {f: mine.get(f) for f in fields} == {f: theirs.get(f) for f in fields}
    assert [c["name"] for c in imported["categories"]] == [c["name"] for c in curated["categories"]]
    assert imported["references"]["city_average"]["peers"] == "city"
    info, theirs_info = imported["plan"], curated["plan"]
    for key in ("title", "period", "baseline_year", "target_year", "unit"):
        assert info[key] == theirs_info[key], key
    assert info["document"]["stage"] == "送审稿"
    assert str(info["document"]["date"]) == "2021-07-23"


def test_seed_gives_all_55_tasks(seed_import: Path) -> None:
    curated = load(ROOT / "data", "tasks.yaml")["tasks"]
    imported = load(seed_import, "tasks.yaml")["tasks"]
    assert len(imported) == 55
    for mine, theirs in zip(imported, curated, strict=True):
        assert (mine["id"], mine["document"], mine["section"]) == (
            theirs["id"],
            theirs["document"],
            theirs["section"],
        )
        assert unquoted(mine["title"]) == unquoted(theirs["title"])
        assert unquoted(mine["text"]) == unquoted(theirs["text"])


def test_seed_draft_validates_and_lists_what_to_check(seed_import: Path) -> None:
    result = run("plan", "validate", seed_import)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("valid plan, 23 indicators, 55 tasks\n")
    draft = (seed_import / "indicators.yaml").read_text(encoding="utf-8")
    assert "# check: indicator 2: unit '/' read as '次/年'" in draft
    assert "# check: indicator 19: unit '/万人' read as '人/万人'" in draft
    assert "# TODO(plancheck import):" not in draft


def test_seed_import_says_what_it_read_as_a_convention(tmp_path: Path) -> None:
    result = run("plan", "import", SEED, "-o", tmp_path / "p")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "to do 0, to check 5:" in lines
    assert any("indicator 18: '全市前列' read as rank 5 or better" in line for line in lines)
    listed = [line for line in lines if ": check: " in line]
    draft = (tmp_path / "p" / "indicators.yaml").read_text(encoding="utf-8").splitlines()
    for line in listed:  # each points at the line after its comment in the file
        number = int(line.split(":")[1])
        assert draft[number - 2].lstrip().startswith("# check:"), line


def test_import_is_deterministic(tmp_path: Path) -> None:
    first, second = import_plan(SEED), import_plan(SEED)
    assert first.indicators == second.indicators and first.tasks == second.tasks


# --- another district: .docx and text ---------------------------------------------------------

TABLE = [
    ["类别", "序号", "指标名称", "属性", "单位", "指标目标"],
    ["法治政府", "1", "行政执法案卷评查合格率", "约束性", "%", "不低于95%"],
    ["法治政府", "2", "行政复议决定纠错率", "预期性", "%", "下降5个百分点"],
    ["法治社会", "3", "万人刑事案件发案率", "预期性", "", "≤3‰"],
    ["法治社会", "4", "公共法律服务满意度", "预期性", "%", "全市前三"],
    ["法治社会", "5", "群众法治获得感指数", "预期性", "分", "持续提升"],
    ["法治社会", "6", "法治政府建设示范创建", "预期性", "", "基本建成"],
]


def _paragraphs(text: str) -> tuple[list[str], list[str]]:
    """The fixture's paragraphs before and after its flattened table."""
    lines = [line for line in text.splitlines() if line.strip()]
    start = lines.index("类别")
    end = lines.index("二、主要任务")
    return lines[:start], lines[end:]


def make_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    before, after = _paragraphs((FIXTURES / "changning.txt").read_text(encoding="utf-8"))
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            if c != 0 or r == 0:
                table.cell(r, c).text = text
    # The category column merged down each group, as Word tables have it.
    table.cell(1, 0).merge(table.cell(2, 0)).text = "法治政府"
    table.cell(3, 0).merge(table.cell(6, 0)).text = "法治\n社会"
    for line in after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture
def district_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "长宁区法治建设规划.docx")


EXPECTED_TARGETS = {
    "1": {"kind": "threshold", "op": ">=", "value": 95},
    "2": {"kind": "change", "measure": "points", "amount": -5},
    "3": {"kind": "threshold", "op": "<=", "value": 3},
    "4": {"kind": "rank", "peers": "city", "best": 3},
    "5": {"kind": "qualitative", "direction": "increase"},
}


@pytest.mark.parametrize("kind", ["docx", "text"])
def test_another_district_imports_from_docx_and_text(
    kind: str, district_docx: Path, tmp_path: Path
) -> None:
    source = district_docx if kind == "docx" else FIXTURES / "changning.txt"
    folder = tmp_path / "plan"
    result = run("plan", "import", source, "-o", folder)
    assert result.exit_code == 0, result.stderr
    plan = load(folder, "indicators.yaml")
    indicators = {i["id"]: i for i in plan["indicators"]}
    assert {k: indicators[k]["target"] for k in EXPECTED_TARGETS} == EXPECTED_TARGETS
    assert [c["name"] for c in plan["categories"]] == ["法治政府", "法治社会"]
    assert indicators["1"]["binding"] is True and indicators["1"]["timing"] == "annual"
    assert indicators["2"]["timing"] == "by_target_year"
    assert indicators["3"]["unit"] == "‰"  # from the phrase: the table has no unit
    assert plan["plan"]["period"] == {"start": 2021, "end": 2025}
    assert plan["plan"]["unit"] == "长宁区"
    assert plan["plan"]["document"]["stage"] == "征求意见稿"
    # What it cannot read is a todo target (never judged), marked and listed, never guessed.
    assert indicators["6"]["target"] == {"kind": "todo", "text": "基本建成"}
    assert "to do 1, to check 2:" in result.stdout
    assert "TODO: indicator 6: target_text '基本建成' not understood" in result.stdout
    tasks = load(folder, "tasks.yaml")["tasks"]
    assert [(t["id"], t["section"], t["title"]) for t in tasks] == [
        ("1", "二、主要任务 / (一)建设法治政府", "推进严格规范公正文明执法"),
        ("2", "二、主要任务 / (一)建设法治政府", "加强行政复议工作"),
        ("3", "二、主要任务 / (二)建设法治社会", "深化公共法律服务"),
        ("4", "三、保障措施", "加强组织领导"),
    ]
    validated = run("plan", "validate", folder)
    assert validated.exit_code == 0
    assert "indicator 6: target_text '基本建成' not understood" in validated.stderr


def test_docx_and_text_give_the_same_indicators(district_docx: Path) -> None:
    from_docx = import_plan(district_docx).indicators
    from_text = import_plan(FIXTURES / "changning.txt").indicators
    strip = re.compile(r"^.*(?:source|id|plancheck plan import` from).*$", re.M)
    assert strip.sub("", from_docx) == strip.sub("", from_text)


SUBMISSION = """\
year,indicator,value,rank,note
2020,2,12,,
2022,5,86,,
2023,1,{first},,
2023,2,9,,
2023,3,2.6,,
2023,4,93,2,
2023,5,88,,
"""


@pytest.mark.parametrize(("first", "code", "status_1"), [("96", 0, "pass"), ("94.5", 1, "fail")])
def test_imported_plan_evaluates_as_an_officer_would(
    district_docx: Path, tmp_path: Path, first: str, code: int, status_1: str
) -> None:
    folder = tmp_path / "plan"
    assert run("plan", "import", district_docx, "-o", folder).exit_code == 0
    figures = tmp_path / "changning-2023.csv"
    figures.write_text(SUBMISSION.format(first=first), encoding="utf-8")
    result = run("evaluate", figures, "--plan", folder, "-f", "json")
    assert result.exit_code == code, result.stderr
    statuses = {
        r["id"]: r["status"] for r in json.loads(result.stdout)["results"] if r["year"] == 2023
    }
    assert statuses == {
        "1": status_1,  # 不低于95%, binding: judged every year
        "2": "behind",  # 下降5个百分点 from 12 is 7 by 2025; 9 in 2023 is not there yet
        "3": "pass",  # ≤3‰: 2.6
        "4": "pass",  # 全市前三: rank 2
        "5": "pass",  # 持续提升: 88 after 86
        "6": "missing",  # the placeholder is not judged without a figure
    }


# --- spreadsheets -----------------------------------------------------------------------------


def test_xlsx_with_merged_cells_and_a_baseline_column(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    path = tmp_path / "putuo.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("指标")
    sheet.merge_range(0, 0, 0, 6, "普陀区法治建设主要指标(2021—2025年)")
    header = ["类别", "序号", "指标名称", "属性", "单位", "2020年基数", "2025年目标"]
    sheet.write_row(1, 0, header)
    sheet.merge_range(2, 0, 3, 0, "法治政府")
    sheet.write_row(2, 1, ["1", "行政复议纠错率", "预期性", "%", 12, "下降5个百分点"])
    sheet.write_row(3, 1, ["2", "行政执法人员培训率", "约束性", "%", 100, 100])
    sheet.write_row(4, 0, ["法治社会", "3", "律师人数", "预期性", "/万人", 9.5, 12])
    workbook.close()
    folder = tmp_path / "plan"
    result = run("plan", "import", path, "-o", folder)
    assert result.exit_code == 0, result.stderr
    plan = load(folder, "indicators.yaml")
    rows = plan["indicators"]
    assert [(i["category"], i["name"]) for i in rows] == [
        ("法治政府", "行政复议纠错率"),
        ("法治政府", "行政执法人员培训率"),
        ("法治社会", "律师人数"),
    ]
    assert rows[0]["baseline"] == {"year": 2020, "value": 12}
    assert rows[0]["target"] == {"kind": "change", "measure": "points", "amount": -5}
    assert rows[1]["target"] == {"kind": "threshold", "op": ">=", "value": 100}
    # "/万人" is restored only where the name says 每万人; here it is marked instead.
    assert rows[2]["unit"] == "/万人"
    assert "unit '/万人' looks cut short" in result.stdout
    assert plan["plan"]["period"] == {"start": 2021, "end": 2025}
    assert load(folder, "tasks.yaml") == {"tasks": []}
    assert "a spreadsheet holds the indicator table only" in result.stdout
    assert run("plan", "validate", folder).exit_code == 0


def test_csv_needs_a_period_when_it_does_not_say(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(
        "序号,指标名称,属性,单位,指标目标\n1,调解成功率,预期性,%,95%以上\n2,普法覆盖率,约束性,%,全覆盖\n"
        "3,万人刑事案件发案率,预期性指标,‰,3\n",
        encoding="utf-8",
    )
    result = run("plan", "import", path, "-o", tmp_path / "p")
    assert result.exit_code == 2
    assert "give --period, e.g. --period 2021-2025" in result.stderr
    result = run("plan", "import", path, "-o", tmp_path / "p", "--period", "2026-2030")
    assert result.exit_code == 0, result.stderr
    plan = load(tmp_path / "p", "indicators.yaml")
    assert plan["plan"]["period"] == {"start": 2026, "end": 2030}
    assert plan["plan"]["baseline_year"] == 2025
    assert [i["target"] for i in plan["indicators"]] == [
        {"kind": "threshold", "op": ">=", "value": 95},
        {"kind": "threshold", "op": ">=", "value": 100},
        # A bare number on a rate where less is better is a ceiling, and it is said.
        {"kind": "threshold", "op": "<=", "value": 3},
    ]
    assert "indicator 3: the bare number '3' read as <= 3" in result.stdout
    assert "no category in the table" in result.stdout
    assert run("plan", "validate", tmp_path / "p").exit_code == 0


# --- refusals ---------------------------------------------------------------------------------


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    assert run("plan", "import", SEED, "-o", folder).exit_code == 0
    (folder / "indicators.yaml").write_text("# edited by hand\n", encoding="utf-8")
    result = run("plan", "import", SEED, "-o", folder)
    assert result.exit_code == 2
    assert "indicators.yaml exists already; give --force to overwrite it" in result.stderr
    assert (folder / "indicators.yaml").read_text(encoding="utf-8") == "# edited by hand\n"
    assert run("plan", "import", SEED, "-o", folder, "--force").exit_code == 0
    assert "edited by hand" not in (folder / "indicators.yaml").read_text(encoding="utf-8")


def test_a_missing_docx_package_says_reinstall_not_an_index(
    district_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    result = run("plan", "import", district_docx, "-o", tmp_path / "p")
    assert result.exit_code == 2
    assert "reading Word documents needs python-docx" in result.stderr
    assert "reinstall plancheck" in result.stderr and "pip install" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
        ("plan.pdf", b"%PDF-1.4", "unknown kind of file '.pdf'"),
        ("plan.docx", b"not a zip", "not a readable Word .docx file"),
        ("plan.txt", "一、总体要求\n到2025年,…\n".encode(), "no indicator table found"),
    ],
)
def test_bad_sources_are_located_errors(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    if name.endswith(".docx"):
        pytest.importorskip("docx")
    path = tmp_path / name
    path.write_bytes(content)
    result = run("plan", "import", path, "-o", tmp_path / "p")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: ")
    assert message in result.stderr
    assert not (tmp_path / "p").exists()


UNCLOSED = [
    # (name, the table; line 3 opens a quote it never closes)
    ("t.csv", "指标,2020年,2025年,属性\n1.国内生产总值增长（％）,2.3,—,预期性\n"
     '"2.全员劳动生产率增长（％）,2.5,—,预期性\n3.常住人口城镇化率（％）,60,65,预期性\n'),
    ("t.csv", "指标,2020年,2025年,属性\n1.国内生产总值增长（％）,2.3,—,预期性\n"
     '2.全员劳动生产率增长（％）,2.5,"—,预期性\n'),
    ("t.tsv", "指标\t2020年\t2025年\t属性\n1.国内生产总值增长（％）\t2.3\t—\t预期性\n"
     '"2.全员劳动生产率增长（％）\t2.5\t—\t预期性\n3.常住人口城镇化率（％）\t60\t65\t预期性\n'),
]  # fmt: skip


@pytest.mark.parametrize(("name", "table"), UNCLOSED, ids=["mid-table", "last-line", "tsv"])
def test_a_quote_never_closed_is_a_located_error(tmp_path: Path, name: str, table: str) -> None:
    """Not the rest of the table swallowed into one cell: the line the record starts on, in
    the words of the submission reader."""
    path = tmp_path / name
    path.write_text(table, encoding="utf-8")
    result = run("plan", "import", path, "-o", tmp_path / "p", "--period", "2021-2025")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:3: malformed CSV: a quoted cell is never closed (unexpected end of data)\n"
    )
    assert not (tmp_path / "p").exists()


ZHEJIANG = [
    "浙江省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
    ["指标", "2020年", "2025年", "年均/累计", "属性"],
    "一、经济发展",
    ["1.国内生产总值（GDP）增长（％）", "2.3", "—", "保持在合理区间、各年度视情提出", "预期性"],
    ["2.全员劳动生产率增长（％）", "2.5", "—", "高于GDP增长", "预期性"],
    "五、安全保障",
    ["19.粮食综合生产能力（亿吨）", "—", "＞6.5", "—", "约束性"],
    ["20.能源综合生产能力（亿吨标准煤）", "—", "＞46", "—", "约束性"],
    "注：①〔〕内为5年累计数。",
]
LAW = [
    "某区法治建设规划（2021—2025年）",
    "四、保障措施",
    "1.加强组织领导。各部门要落实责任。",
    "2.强化考核评估。2023年开展中期评估。",
    "附表",
    "主要指标",
    ["类别", "序号", "指标名称", "属性", "单位", "指标目标"],
    ["依法执政", "1", "学法次数", "约束性", "次/年", "2"],
    "注：指标目标为2025年目标值。",
]
SENT = [
    "某区法治建设规划（2021—2025年）",
    ["类别", "序号", "指标名称", "属性", "单位", "指标目标"],
    ["依法执政", "1", "学法次数", "约束性", "次/年", "2"],
    "四、保障措施",
    "1.加强组织领导。各部门要落实责任。",
    "2.强化考核评估。2023年开展中期评估。",
    "抄送：区人大常委会办公室，区政协办公室。",
    "某区人民政府办公室2021年7月23日印发",
]
TASKS_BESIDE_TABLES = [
    # (the document, as tabs or one cell per line, the indicators, the tasks: id and text)
    (ZHEJIANG, "tabs", 4, []),
    (ZHEJIANG, "cells", 4, []),
    (LAW, "tabs", 1, [("1", "各部门要落实责任。"), ("2", "2023年开展中期评估。")]),
    (SENT, "tabs", 1, [("1", "各部门要落实责任。"), ("2", "2023年开展中期评估。")]),
]


@pytest.mark.parametrize(("document", "layout", "count", "found"), TASKS_BESIDE_TABLES,
                         ids=["heading-rows-tabs", "heading-rows-cells", "table-after", "sent-to"])  # fmt: skip
def test_the_indicator_table_and_the_end_matter_are_no_tasks(
    tmp_path: Path, document: list[Any], layout: str, count: int, found: list[tuple[str, str]]
) -> None:
    """A heading row in the table (五、安全保障) is a category, not a task chapter; the table,
    附表 and 抄送 after the last task end it."""
    lines: list[str] = []
    for part in document:
        if isinstance(part, str):
            lines.append(part)
        elif layout == "tabs":
            lines.append("\t".join(part))
        else:
            lines.extend(part)
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    draft = import_plan(source, (2021, 2025))
    assert draft.counts == (count, len(found))
    tasks = yaml.safe_load(draft.tasks)["tasks"]
    assert [(t["id"], t["text"]) for t in tasks] == found
    if document is ZHEJIANG:
        plan = yaml.safe_load(draft.indicators)
        assert [c["name"] for c in plan["categories"]] == ["经济发展", "安全保障"]


def test_a_word_documents_end_matter_is_no_tasks_text(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in SENT[:1]:
        document.add_paragraph(text)
    header, row = SENT[1], SENT[2]
    table = document.add_table(rows=2, cols=len(header))
    for r, cells in enumerate((header, row)):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    for text in SENT[3:]:
        document.add_paragraph(text)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    draft = import_plan(path, (2021, 2025))
    tasks = yaml.safe_load(draft.tasks)["tasks"]
    assert [(t["id"], t["text"]) for t in tasks] == [("1", "各部门要落实责任。"),
                                                    ("2", "2023年开展中期评估。")]  # fmt: skip


def test_bad_period_option(tmp_path: Path) -> None:
    result = run("plan", "import", SEED, "-o", tmp_path / "p", "--period", "2025-2021")
    assert result.exit_code == 2
    assert result.stderr == "--period 2025-2021: the start year comes first: give 2021-2025\n"
    empty = run("plan", "import", SEED, "-o", tmp_path / "q", "--period", "")  # not the text's
    assert empty.exit_code == 2 and not (tmp_path / "q").exists()
    assert empty.stderr == "--period '': expected two years from 1900 to 2099, e.g. 2021-2025\n"


def test_text_with_a_baseline_column_and_chapters_named_第N章(tmp_path: Path) -> None:
    source = tmp_path / "minhang.txt"
    cells = (
        "闵行区法治建设规划(2021-2025年)\n主要指标\n类别\n序号\n指标名称\n属性\n单位\n2020年\n"
        "2025年目标\n法治\n政府\n1\n行政复议纠错率\n预期性\n%\n12\n下降5个百分点\n2\n执法培训率\n"
        "约束性\n%\n100\n法治\n社会\n３\n律师数\n预期性\n人\n800\n1000以上\n"
        "第三章 主要任务\n1.加强执法。全面推行。\n"
    )
    source.write_text(cells, encoding="utf-8")
    folder = tmp_path / "p"
    assert run("plan", "import", source, "-o", folder).exit_code == 0
    rows = load(folder, "indicators.yaml")["indicators"]
    assert [(r["id"], r["category"], r.get("baseline"), r["target"]) for r in rows] == [
        (
            "1",
            "法治政府",
            {"year": 2020, "value": 12},
            {"kind": "change", "measure": "points", "amount": -5},
        ),
        ("2", "法治政府", None, {"kind": "threshold", "op": ">=", "value": 100}),
        (
            "3",
            "法治社会",
            {"year": 2020, "value": 800},
            {"kind": "threshold", "op": ">=", "value": 1000},
        ),
    ]
    tasks = load(folder, "tasks.yaml")["tasks"]
    assert [(t["id"], t["section"], t["title"]) for t in tasks] == [
        ("1", "第三章 主要任务", "加强执法")
    ]


def test_docx_tasks_numbered_by_word_keep_their_numbers(tmp_path: Path) -> None:
    """Word's automatic numbering is not in the paragraph's text: the import draws it."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("徐汇区示例规划(2021—2025年)")
    table = document.add_table(rows=2, cols=4)
    for c, text in enumerate(["序号", "指标名称", "属性", "指标目标"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "调解成功率", "预期性", "95%以上"]):
        table.cell(1, c).text = text
    document.add_paragraph("三、主要任务")
    document.add_paragraph("加强执法。全面推行。", style="List Number")
    document.add_paragraph("加强复议。建成中心。", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    imported = import_plan(path)
    tasks = yaml.safe_load(imported.tasks)["tasks"]
    assert [(t["id"], t["title"], t["text"]) for t in tasks] == [
        ("1", "加强执法", "全面推行。"),
        ("2", "加强复议", "建成中心。"),
    ]


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_seed_draft_judges_the_samples_as_the_bundled_plan_does(
    seed_import: Path, year: int
) -> None:
    sample = ROOT / "samples" / f"{year}.csv"
    bundled = run("evaluate", sample, "-f", "json")
    imported = run("evaluate", sample, "--plan", seed_import, "-f", "json")
    assert imported.exit_code == bundled.exit_code

    def statuses(result: Any) -> list[tuple[str, str]]:
        return [(r["id"], r["status"]) for r in json.loads(result.stdout)["results"]]

    assert statuses(imported) == statuses(bundled)


@pytest.mark.parametrize(
    "opening",
    [
        "长宁区法治政府建设规划（2021—2025年）（征求意见稿）",  # full-width brackets
        "长宁区法治政府建设规划(2021-2025年)\n征求意见稿",  # the stage on a line of its own
        "长宁区法治政府建设规划（2021—2025年）\n（征求意见稿）",
    ],
)
def test_title_and_stage_in_full_width_or_on_their_own_line(tmp_path: Path, opening: str) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        f"{opening}\n\n一、主要指标\n类别\t序号\t指标名称\t属性\t单位\t指标目标\n"
        "法治\t1\t执法培训率\t约束性\t%\t100\n\n二、主要任务\n（一）加强执法\n1.加强执法。全面推行。\n",
        encoding="utf-8",
    )
    assert run("plan", "import", source, "-o", tmp_path / "p").exit_code == 0
    info = load(tmp_path / "p", "indicators.yaml")["plan"]
    assert info["title"] == opening.splitlines()[0].replace("（征求意见稿）", "")  # its years kept
    assert info["document"]["stage"] == "征求意见稿"
    assert info["period"] == {"start": 2021, "end": 2025}
    tasks = load(tmp_path / "p", "tasks.yaml")["tasks"]
    assert [(t["section"], t["title"]) for t in tasks] == [
        ("二、主要任务 / （一）加强执法", "加强执法")
    ]


TITLES = [
    # (the title line, the period, the unit drafted)
    ("北京市“十四五”生态环境保护规划", (2021, 2025), "北京市"),
    ("北京市十四五生态环境保护规划", (2021, 2025), "北京市"),
    ("某市十三五城市管理规划", (2016, 2020), ""),
    ("北京市十五五规划", (2026, 2030), "北京市"),
    ("浙江省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", (2021, 2025), "浙江省"),
    ("内蒙古自治区“十四五”生态环境保护规划", (2021, 2025), "内蒙古自治区"),
    ("广西壮族自治区南宁市青秀区“十四五”规划", (2021, 2025), "广西壮族自治区南宁市青秀区"),
    ("四川省凉山彝族自治州“十四五”规划", (2021, 2025), "四川省凉山彝族自治州"),
    ("上海市徐汇区法治建设规划（2021-2025年）", (2021, 2025), "上海市徐汇区"),
    ("徐汇区全面依法治区第十四个五年规划", (2021, 2025), "徐汇区"),
    ("浙江省全面依法治省规划（2021—2025年）", (2021, 2025), "浙江省"),
]


@pytest.mark.parametrize(("title", "period", "unit"), TITLES, ids=[t[0] for t in TITLES])
def test_the_title_gives_the_period_and_the_most_specific_unit(
    tmp_path: Path, title: str, period: tuple[int, int], unit: str
) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(f"{title}\n序号\t指标名称\t属性\t单位\t指标目标\n1\t森林覆盖率\t约束性\t%\t46\n",
                      encoding="utf-8")  # fmt: skip
    info = yaml.safe_load(import_plan(source).indicators)["plan"]
    assert info["title"] == title  # verbatim, its years with it
    assert (info["period"]["start"], info["period"]["end"]) == period
    assert info.get("unit", "") == unit


def test_a_baseline_equal_to_the_next_rows_number_stays_in_its_row(tmp_path: Path) -> None:
    """Row 1's baseline is 2 and row 2 starts with 2: one cell per line, that is ambiguous
    until the target after it is read."""
    source = tmp_path / "plan.txt"
    source.write_text(
        "徐汇区法治规划(2021-2025年)\n主要指标\n序号\n指标名称\n属性\n单位\n2020年基期值\n2025年目标\n"
        "1\n专题学法次数\n约束性\n次/年\n2\n不少于2次\n"
        "2\n述职率\n约束性\n%\n100\n100\n"
        "3\n培训次数\n预期性\n次/年\n3\n3\n4\n律师数\n预期性\n人/万人\n9.5\n12\n"
        "三、主要任务\n1.加强执法。全面推行。\n",
        encoding="utf-8",
    )
    assert run("plan", "import", source, "-o", tmp_path / "p").exit_code == 0
    rows = load(tmp_path / "p", "indicators.yaml")["indicators"]
    assert [
        (r["id"], r["name"], r["unit"], r["target_text"], r["baseline"]["value"]) for r in rows
    ] == [
        ("1", "专题学法次数", "次/年", "不少于2次", 2),
        ("2", "述职率", "%", "100", 100),
        ("3", "培训次数", "次/年", "3", 3),
        ("4", "律师数", "人/万人", "12", 9.5),
    ]


# --- the national table, in every layout people copy it in ------------------------------------

NATIONAL = FIXTURES / "national"
MAKE = runpy.run_path(str(NATIONAL / "make.py"))
EXPECTED = yaml.safe_load((NATIONAL / "expected.yaml").read_text(encoding="utf-8"))
COMPARED = ("id", "category", "name", "binding", "unit", "minimum", "target_text", "target")
COMPARED += ("timing", "baseline")
LAYOUTS = [*MAKE["LAYOUTS"], "table.docx", "table.xlsx"]


def national(layout: str, folder: Path) -> Path:
    """The national table in ``layout``: a committed text file, or a Word or Excel file built."""
    if layout.endswith(".docx"):
        pytest.importorskip("docx")
        return Path(MAKE["docx"](folder / layout))
    if layout.endswith(".xlsx"):
        pytest.importorskip("xlsxwriter")
        pytest.importorskip("python_calamine")
        return Path(MAKE["xlsx"](folder / layout))
    return NATIONAL / layout


def test_text_layouts_are_what_make_py_builds_from_the_table() -> None:
    for name, make in MAKE["LAYOUTS"].items():
        assert (NATIONAL / name).read_text(encoding="utf-8") == make(), name


@pytest.fixture(scope="module")
def national_drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("national")
    drafts = {}
    for layout in LAYOUTS:
        draft = folder / layout.replace(".", "-")
        result = run("plan", "import", national(layout, folder), "-o", draft)
        assert result.exit_code == 0, (layout, result.stderr)
        drafts[layout] = draft
    return drafts


@pytest.mark.parametrize("layout", LAYOUTS)
def test_national_table_gives_the_same_draft_in_every_layout(
    national_drafts: dict[str, Path], layout: str
) -> None:
    plan = load(national_drafts[layout], "indicators.yaml")
    drafted = [{f: i[f] for f in COMPARED if f in i} for i in plan["indicators"]]
    assert drafted == EXPECTED["indicators"]
    assert [c["name"] for c in plan["categories"]] == EXPECTED["categories"]
    assert {k: plan["plan"][k] for k in EXPECTED["plan"]} == EXPECTED["plan"]
    validated = run("plan", "validate", national_drafts[layout])
    assert validated.exit_code == 0, validated.stderr
    tasks = 3 if layout == "table.md" else 0  # the markdown page has tasks under its table
    assert validated.stdout.endswith(f" valid plan, 20 indicators, {tasks} tasks\n")


def test_national_notes_aliases_and_what_to_do(national_drafts: dict[str, Path]) -> None:
    folder = national_drafts["copied-tabs.txt"]
    plan = load(folder, "indicators.yaml")
    indicators = {i["id"]: i for i in plan["indicators"]}
    # The secondary clause after 、力争 is kept, not judged.
    assert indicators["4"]["notes"] == "力争投入强度高于“十三五”时期实际"
    # The notes under the table go to the indicators they name, and to the plan whole.
    assert indicators["2"]["notes"] == "注⑤：2020年全员劳动生产率增长2.5%为预计数"
    assert all(indicators[i]["notes"].startswith("注④：2020年地级及以上城市") for i in ("16", "17"))
    assert indicators["20"]["notes"].startswith("注③：能源综合生产能力指")
    assert "notes" not in indicators["19"]  # 粮食综合生产能力: no note names it
    assert plan["plan"]["notes"].startswith("注：①〔〕内为5年累计数。②带*的为2019年数据。")
    # The name as the table writes it (with its unit) is still accepted in a submission.
    assert indicators["1"]["aliases"] == ["国内生产总值（GDP）增长（％）"]
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    assert (
        "# TODO(plancheck import): indicator 1: '保持在合理区间、各年度视情提出': the plan sets "
        in text
    )
    assert (
        "# check: indicator 14: '〔13.5〕' read as a 5-year total (注①：〔〕内为5年累计数), a "
        in text
    )
    assert "# check: indicator 2: 'GDP增长' read as indicator 1 (国内生产总值（GDP）增长)" in text


def test_national_markdown_headings_do_not_hide_the_tasks(national_drafts: dict[str, Path]) -> None:
    tasks = load(national_drafts["table.md"], "tasks.yaml")["tasks"]
    assert [(t["id"], t["section"], t["title"]) for t in tasks] == [
        ("1", "三、主要任务 / （一）坚持创新驱动发展，全面塑造发展新优势", "强化国家战略科技力量"),
        ("2", "三、主要任务 / （一）坚持创新驱动发展，全面塑造发展新优势", "提升企业技术创新能力"),
        (
            "3",
            "三、主要任务 / （二）加快发展现代产业体系，巩固壮大实体经济根基",
            "深入实施制造强国战略",
        ),
    ]
    plan = load(national_drafts["table.md"], "indicators.yaml")["plan"]
    assert plan["title"] == "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"


NATIONAL_2021 = """\
year,indicator,value
2021,1,8.1
2021,2,8.7
2021,3,64.7
2021,4,14.2
2021,7,8.1
2021,8,5.1
2021,13,78.2
2021,14,2.7
2021,19,6.83
"""


def test_national_draft_judges_a_year_as_the_kinds_say(
    national_drafts: dict[str, Path], tmp_path: Path
) -> None:
    figures = tmp_path / "national-2021.csv"
    figures.write_text(NATIONAL_2021, encoding="utf-8")
    result = run("evaluate", figures, "--plan", national_drafts["table.docx"], "-f", "json")
    statuses = {r["id"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert {k: statuses[k] for k in ("1", "2", "3", "4", "7", "8", "13", "14", "19")} == {
        "1": "unknown",  # 各年度视情提出: the plan's goal for 2021 is not given yet, never a pass
        "2": "pass",  # 8.7 > GDP growth 8.1
        "3": "behind",  # 64.7 of 65 by 2025
        "4": "pass",  # 14.2 % a year on average > 7
        "7": "pass",  # 8.1 in step with 8.1
        "8": "pass",  # 5.1 < 5.5, every year
        "13": "behind",  # 78.2 − 77.3 (2019) = 0.9 of the 〔1〕 due by 2025
        "14": "behind",  # a fall of 2.7 % of the 〔13.5〕 due by 2025
        "19": "pass",  # 6.83 > 6.5: met already
    }
    assert result.exit_code == 1  # binding indicators without a figure are missing


# A table the importer cannot wholly read: a comparison with no indicator of the table, a target
# it does not know, no target at all, a change in the 年均/累计 column, marks no note explains.
ODD = """\
某市国民经济和社会发展第十四个五年规划纲要（2021—2025年）
类别\t指标\t2020年\t2025年\t年均/累计\t属性
经济\t1.居民收入增长（％）\t2.1\t—\t高于物价涨幅\t预期性
\t2.示范区创建（个）\t—\t基本建成\t—\t约束性
\t3.污水处理率（％）\t80\t—\t—\t约束性
\t4.服务业比重（％）\t55\t—\t提高2个百分点\t预期性
\t5.科普率（％）\t5*\t8①\t—\t预期性
"""


def test_what_the_importer_cannot_read_is_never_judged(tmp_path: Path) -> None:
    source = tmp_path / "odd.txt"
    source.write_text(ODD, encoding="utf-8")
    imported = import_plan(source)
    indicators = {i["id"]: i for i in yaml.safe_load(imported.indicators)["indicators"]}
    assert {k: i["target"] for k, i in indicators.items()} == {
        "1": {"kind": "todo", "text": "高于物价涨幅"},
        "2": {"kind": "todo", "text": "基本建成"},
        "3": {"kind": "todo", "text": "—"},
        "4": {"kind": "todo", "text": "提高2个百分点"},
        "5": {"kind": "threshold", "op": ">=", "value": 8},
    }
    todos = [f.message for f in imported.findings if f.kind == "TODO"]
    assert [m.split(":")[0] for m in todos if m.startswith("indicator")] == [
        "indicator 1", "indicator 2", "indicator 3", "indicator 4"
    ]  # fmt: skip
    checks = [f.message for f in imported.findings if f.kind == "check"]
    assert (
        "indicator 5: '8①' carries the mark '①', which no note under the table explains" in checks
    )
    assert indicators["5"]["target_text"] == "8"  # ① refers to a note: not part of the target
    assert indicators["5"]["baseline"] == {"year": 2020, "value": 5}
    # Every figure of a todo target is unknown, whatever it is.
    folder = tmp_path / "plan"
    from plancheck.plan.importers import write

    write(imported, folder, source)
    figures = tmp_path / "odd-2021.csv"
    figures.write_text("indicator,value\n1,9\n2,1\n3,99\n4,60\n5,9\n", encoding="utf-8")
    result = run("evaluate", figures, "--plan", folder, "-f", "json")
    statuses = {r["id"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert statuses == {"1": "unknown", "2": "unknown", "3": "unknown", "4": "unknown", "5": "pass"}
    assert result.exit_code == 1


def test_a_draft_with_todo_targets_validates(tmp_path: Path) -> None:
    source = tmp_path / "odd.txt"
    source.write_text(ODD, encoding="utf-8")
    result = run("plan", "import", source, "-o", tmp_path / "plan")
    assert result.exit_code == 0, result.stderr


def test_one_cell_per_line_without_its_empty_cells_is_a_located_error(tmp_path: Path) -> None:
    """With the dashes gone, the national table's rows cannot be told apart (is "＞6.5" the
    2025年 cell or the 年均/累计 one?): the import says where the table is and what it needs."""
    text = (NATIONAL / "cells.txt").read_text(encoding="utf-8")
    source = tmp_path / "gone.txt"
    source.write_text("".join(ln for ln in text.splitlines(True) if ln != "—\n"), encoding="utf-8")
    result = run("plan", "import", source, "-o", tmp_path / "plan")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{source}:3: an indicator table's header, one cell per line, but its rows cannot be "
        "read: give every cell a line of its own, with — in the empty ones (or copy the "
        "table's rows with their tabs)"
    ]
    assert not (tmp_path / "plan").exists()


@pytest.mark.parametrize(
    ("cell", "number", "name", "unit"),
    [
        ("1.国内生产总值（GDP）增长（％）", "1", "国内生产总值（GDP）增长", "%"),
        ("10.每千人口拥有执业（助理）医师数（人）", "10", "每千人口拥有执业（助理）医师数", "人"),
        ("20.能源综合生产能力（亿吨标准煤）", "20", "能源综合生产能力", "亿吨标准煤"),
        ("（三）律师人数(人/万人)", "3", "律师人数", "人/万人"),
        ("一、法治宣传覆盖率", "1", "法治宣传覆盖率", ""),
        ("每千人口拥有3岁以下婴幼儿托位数", "", "每千人口拥有3岁以下婴幼儿托位数", ""),
        ("一居一警(辅警)覆盖率", "", "一居一警(辅警)覆盖率", ""),
        ("社区矫正规范化建设（试行）", "", "社区矫正规范化建设（试行）", ""),
        ("1.5倍增长指数", "", "1.5倍增长指数", ""),
    ],
)
def test_a_names_number_and_unit(cell: str, number: str, name: str, unit: str) -> None:
    from plancheck.plan.importers.table import split_name

    assert split_name(cell)[:3] == (number, name, unit)


# --- the official mid-term classes, from every imported layout --------------------------------

REAL = ROOT / "tests" / "fixtures" / "national"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_national_draft_classes_the_real_figures_as_the_official_review(
    national_drafts: dict[str, Path], layout: str
) -> None:
    """The published 2021–2022 figures, judged by the draft `plan import` made of each layout:
    at least 15 of the 16 classed indicators agree with the official mid-term evaluation
    (December 2023), and nothing passes without a numeric basis (a `todo`, or a yearly target
    without that year's goal)."""
    import csv

    figures = [REAL / "figures-2020.csv", REAL / "figures-2021-2022.csv"]
    result = run("evaluate", *figures, "--plan", national_drafts[layout], "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    results = [r for r in json.loads(result.stdout)["results"] if r["year"] == 2022]
    with (REAL / "official-midterm.csv").open(encoding="utf-8") as handle:
        official = {row["indicator"]: row["class"] for row in csv.DictReader(handle)}
    classed = {r["id"]: r["midterm"] for r in results if r["midterm"] is not None}
    agree = [i for i, c in classed.items() if official[i] == c]
    assert len(classed) >= 16 and len(agree) >= len(classed) - 1, (classed, official)
    plan = load(national_drafts[layout], "indicators.yaml")
    unjudgeable = {
        ind["id"]
        for ind in plan["indicators"]
        if ind["target"]["kind"] == "todo"
        or (ind["target"]["kind"] == "yearly" and not ind["target"].get("targets_by_year"))
    }
    assert unjudgeable, "the draft should mark what it cannot judge"
    assert all(r["status"] != "pass" for r in results if r["id"] in unjudgeable)


def test_a_csv_row_is_named_by_the_line_it_starts_on(tmp_path: Path) -> None:
    """A cell copied from Word may hold a line break: the rows after it keep their lines."""
    source = tmp_path / "t.csv"
    source.write_text(
        "标题行\n序号,指标,单位,指标目标,属性\n"
        '1,"每万人\n律师数",人/万人,12,预期性\n,某某率,%,90,约束性\n',
        encoding="utf-8",
    )
    todos = [f.message for f in import_plan(source, (2021, 2025)).findings if f.kind == "TODO"]
    assert "indicator 2 (t.csv:5): no number in the table; numbered 2" in todos

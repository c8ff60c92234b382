"""``evaluate -f docx``: the committee's Word document, read back with python-docx.

Structure rather than bytes (tests/golden/ holds the text formats): the title, office and date,
the headings, the summary sentence, a table per category with one row per indicator and its
figures under their years, the progress table with the mid-term class, the city view, the
tasks section; A4, header rows repeated, Chinese fonts named; no folder of a file's path, no
command-line advice. And byte for byte the same document from the same input.
"""

from __future__ import annotations

import csv
import io
import statistics
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from plancheck.report import made
from plancheck.report.docx import column_widths
from plancheck.report.escape import xml
from tests.conftest import CASES, ROOT, SAMPLES, run
from tests.test_hostile_render import typed
from tests.test_injection import admitting_other_units

YEARS = [SAMPLES / f"{year}.csv" for year in (2020, 2021, 2022, 2023)]
CATEGORIES = ["依法执政", "依法行政", "公正司法", "法治社会"]


def docx(tmp_path: Path, *args: str | Path, name: str = "report.docx") -> tuple[int, Path]:
    out = tmp_path / name
    result = run("evaluate", *args, "-f", "docx", "-o", out)
    assert result.code in (0, 1), result.stderr
    return result.code, out


def texts(document: DocumentObject) -> list[str]:
    """Every paragraph's text, the tables' cells' too, in the document's order."""
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    return found


def headings(document: DocumentObject) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def table_after(document: DocumentObject, heading: str) -> list[list[str]]:
    """The rows of the first table after the heading ``heading``."""
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag == qn("w:p") and Paragraph(child, document).text == heading:
            seen = True
        elif seen and child.tag == qn("w:tbl"):
            table = Table(child, document)
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table after {heading!r}")


@pytest.fixture(scope="module")
def admitting_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan, admitting units that its peer groups do not list."""
    folder = tmp_path_factory.mktemp("plan")
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    (folder / "tasks.yaml").write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    return folder


@pytest.fixture(scope="module")
def five_years(tmp_path_factory: pytest.TempPathFactory) -> DocumentObject:
    """The 2020 baseline and 2021–2023 of the samples, in Chinese, given by absolute paths."""
    folder = tmp_path_factory.mktemp("docx")
    code, out = docx(folder, *YEARS, "--lang", "zh")
    assert code == 0
    return Document(str(out))


def test_title_office_and_date_come_first(five_years: DocumentObject) -> None:
    paragraphs = [p.text for p in five_years.paragraphs]
    assert five_years.paragraphs[0].style.name == "Title"
    assert paragraphs[0] == "徐汇区全面依法治区第十四个五年规划"
    assert paragraphs[1] == "规划指标评估报告（2021—2023年度）"
    assert paragraphs[2] == "中共上海市徐汇区委全面依法治区委员会办公室"  # the plan's office
    assert paragraphs[3] == "2023年12月31日"  # no --date: the end of the latest year judged
    assert "单位：徐汇区" in paragraphs
    # a span of years in Chinese takes the subtitle's dash, the plan's period too, and its 年
    assert "规划：徐汇区全面依法治区第十四个五年规划，2021—2025年" in paragraphs


@pytest.mark.parametrize(
    ("years", "zh", "en"),
    [
        (["2021", "2023"], "2021、2023", "2021 and 2023"),
        (["2020", "2021", "2023"], "2021、2023", "2021 and 2023"),  # 2020: a baseline, not judged
        (["2021", "2022", "2023"], "2021—2023", "2021–2023"),
        (["2022", "2023"], "2022—2023", "2022–2023"),
        (["2023"], "2023", "2023"),
    ],
)
def test_the_title_names_the_years_judged_as_given(
    tmp_path: Path, years: list[str], zh: str, en: str
) -> None:
    """2021 and 2023 alone were titled 2021—2023年度, a year that was not given among them."""
    files = [SAMPLES / f"{year}.csv" for year in years]
    _, out = docx(tmp_path, *files, "--lang", "zh")
    assert Document(str(out)).paragraphs[1].text == f"规划指标评估报告（{zh}年度）"
    _, out = docx(tmp_path, *files, "--lang", "en")
    assert Document(str(out)).paragraphs[2].text == f"Report on the plan's indicators, {en}"


@pytest.mark.parametrize(
    ("years", "zh", "en"),
    [
        ((2021, 2023, 2024), "2021、2023、2024", "2021, 2023 and 2024"),
        ((2021, 2023, 2024, 2025), "2021、2023—2025", "2021 and 2023–2025"),
    ],
)
def test_the_title_names_three_or_more_years_with_a_gap(
    tmp_path: Path, years: tuple[int, ...], zh: str, en: str
) -> None:
    """Two adjacent years among others are named each (2023 and 2024), three or more a span."""
    files = []
    for year in years:  # the 2023 sample's figures, each file of the year its name says
        files.append(tmp_path / f"{year}.csv")
        files[-1].write_bytes((SAMPLES / "2023.csv").read_bytes())
    _, out = docx(tmp_path, *files, "--lang", "zh")
    assert Document(str(out)).paragraphs[1].text == f"规划指标评估报告（{zh}年度）"
    _, out = docx(tmp_path, *files, "--lang", "en")
    assert Document(str(out)).paragraphs[2].text == f"Report on the plan's indicators, {en}"


def test_the_summary_names_the_years_it_counts_as_given() -> None:
    files = [SAMPLES / "2021.csv", SAMPLES / "2023.csv"]
    english = run("evaluate", *files, "--details", "--lang", "en").stdout
    assert "Summary 2021 and 2023:" in english and "2021–2023" not in english
    chinese = run("evaluate", *files, "--details", "--lang", "zh").stdout
    assert "2021、2023年汇总：" in chinese and "2021—2023年汇总" not in chinese


def test_the_sections_of_the_report(five_years: DocumentObject) -> None:
    found = headings(five_years)
    assert found[:4] == ["结论", "汇总", "需关注", "2023年法治指数"]
    assert found[4:] == ["年度进展", *CATEGORIES]


def test_the_summary_is_sentences_about_the_latest_year(five_years: DocumentObject) -> None:
    paragraphs = [p.text for p in five_years.paragraphs]
    summary = paragraphs[paragraphs.index("汇总") + 1]
    assert summary.startswith(
        "2023年度，23项指标中，14项已达标，1项未达标，6项尚未达到目标（须于2025年前达到），"
        "1项未报送数值，1项无法判断。约束性指标8项，全部达标。法治指数为93.4"
    )
    verdict = paragraphs[paragraphs.index("结论") + 1]
    # the latest year's counts beside the verdict, never a sum over the years
    assert (
        verdict
        == "合规：约束性指标全部达标（2023年度：达标 14、未达标 1、推进中 6、缺数 1、无法判断 1）"
    )
    per_year = table_after(five_years, "汇总")
    assert per_year[0] == ["年度", "达标", "未达标", "推进中", "缺数", "无法判断", "合计"]
    assert [row[0] for row in per_year[1:]] == ["2021", "2022", "2023"]
    assert per_year[3][1:] == ["14", "1", "6", "1", "1", "23"]


def test_one_row_per_indicator_with_its_figures_under_their_years(
    five_years: DocumentObject,
) -> None:
    rows = {}
    classed = False
    for category in CATEGORIES:
        table = table_after(five_years, category)
        assert table[0][:4] == ["序号", "指标", "属性", "目标"]
        assert table[0][4:7] == ["2021年", "2022年", "2023年"]
        assert table[0][7:] in (["2023年状态", "2023年说明", "备注"],
                                ["2023年状态", "中期评估", "2023年说明", "备注"])  # fmt: skip
        classed |= "中期评估" in table[0]
        rows |= {row[0]: row for row in table[1:]}
    assert classed  # the mid-term class of the latest year, where a category has one
    assert sorted(rows, key=int) == [str(n) for n in range(1, 24)]  # each indicator once
    # every figure of one indicator with the same decimals
    assert rows["15"][4:7] == ["81.0", "81.5", "82.0"]
    assert rows["13"][4:7] == ["100.0", "99.2", "100.0"]
    assert rows["22"][3] == "0.1%以上"  # the unit where the figure is, as in "100%"
    assert rows["23"][6] == "—"  # no figure in 2023
    assert rows["23"][-1] == "统计口径调整中 survey being revised"  # the note, as 备注


def test_the_progress_table_has_years_and_the_midterm_class(five_years: DocumentObject) -> None:
    table = table_after(five_years, "年度进展")
    assert table[0] == ["指标", "2020年", "2021年", "2022年", "2023年", "2025年预测", "目标", "趋势",
                        "中期评估"]  # fmt: skip
    by_name = {row[0]: row for row in table[1:]}
    assert by_name["15 一审陪审率"][1:5] == ["80.0", "81.0", "81.5", "82.0"]
    assert by_name["15 一审陪审率"][-1] == "滞后"
    assert by_name["10 重大执法决定法制审核制度执行率"][-1] == "提前实现"
    assert by_name["12 “一网通办”全程网上办理覆盖率"][-1] == "快于预期"
    assert by_name["7 行政诉讼行政机关负责人出庭率"][-1] == "基本符合预期"


def test_the_index_says_how_it_is_computed(five_years: DocumentObject) -> None:
    paragraphs = [p.text for p in five_years.paragraphs]
    explained = paragraphs[paragraphs.index("2023年法治指数") + 1]
    assert "未报送数值的指标计0分" in explained
    # The one unit's index, its categories' and coverage: no rank of one, the unit named above
    header, row = table_after(five_years, "2023年法治指数")
    assert header == ["指数", *CATEGORIES, "计分指标"]
    assert row == ["93.4", "100.0", "94.4", "98.2", "80.8", "21/23"]


def test_no_folder_and_no_command_line_advice(five_years: DocumentObject) -> None:
    every = "\n".join(texts(five_years))
    assert "报送文件：2020.csv、2021.csv、2022.csv、2023.csv" in every
    assert str(SAMPLES) not in every and "/" + SAMPLES.name + "/" not in every
    assert "--" not in every  # no option named: --reference, --strict
    assert "plancheck " not in every
    assert "未提供全市平均值，无法判断" in every  # the fact, without the advice


def test_a4_fonts_and_header_rows_repeated(five_years: DocumentObject) -> None:
    first, tables = five_years.sections[0], five_years.sections[-1]
    assert (round(first.page_width / Mm(1)), round(first.page_height / Mm(1))) == (210, 297)
    assert (round(tables.page_width / Mm(1)), round(tables.page_height / Mm(1))) == (297, 210)
    fonts = {
        name: five_years.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Normal", "Title", "Heading 1", "Heading 2")
    }
    assert fonts == {"Normal": "宋体", "Title": "黑体", "Heading 1": "黑体", "Heading 2": "黑体"}
    assert five_years.tables
    for table in five_years.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    _, first = docx(tmp_path, *YEARS, name="a.docx")
    _, second = docx(tmp_path, *YEARS, name="b.docx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2023-12-31T00:00:00Z" in core  # the report's date, not the clock's


def test_office_and_date_options(tmp_path: Path) -> None:
    _, out = docx(tmp_path, SAMPLES / "2023.csv", "--lang", "zh", "--office", "徐汇区司法局",
                  "--date", "2024-03-15")  # fmt: skip
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[2:4] == ["徐汇区司法局", "2024年3月15日"]
    _, out = docx(tmp_path, SAMPLES / "2023.csv", "--office", "", name="none.docx")
    assert "中共上海市徐汇区委全面依法治区委员会办公室" not in texts(Document(str(out)))
    bad = run("evaluate", SAMPLES / "2023.csv", "-f", "docx", "--date", "15.3.2024",
              "-o", tmp_path / "bad.docx")  # fmt: skip
    assert bad.code == 2
    assert bad.stderr.strip() == "--date 15.3.2024: not a date (YYYY-MM-DD)"
    assert not (tmp_path / "bad.docx").exists()


def test_english(tmp_path: Path) -> None:
    _, out = docx(tmp_path, SAMPLES / "2023.csv", "--lang", "en")
    document = Document(str(out))
    assert headings(document)[:3] == ["Verdict", "Summary", "Needs attention"]
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:3] == [
        "Xuhui District 14th Five-Year Plan for Comprehensively Governing the District by Law",
        "徐汇区全面依法治区第十四个五年规划",
        "Report on the plan's indicators, 2023",
    ]
    every = "\n".join(texts(document))
    assert "In 2023, of 23 indicators, 14 met the target" in every
    assert "Office of the Committee for Comprehensively Governing the District by Law" in every


def test_a_focused_unit_among_many_and_the_city_view(tmp_path: Path) -> None:
    source = SAMPLES / "districts-2023.csv"
    _, out = docx(tmp_path, source, "--unit", "徐汇区", "--lang", "zh")
    document = Document(str(out))
    assert "单位：徐汇区（共16个单位报送）" in [p.text for p in document.paragraphs]
    table = table_after(document, "各指标全市情况（2023年）")
    assert table[0] == ["序号", "指标", "平均值", "最低", "最高", "报送单位数", "未达标单位",
                        "徐汇区", "徐汇区排名"]  # fmt: skip
    assert len(table) == 1 + 23
    # recomputed from the file: indicator 7's mean, lowest, highest and Xuhui's place
    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["indicator"] == "7" and r["year"] == "2023"]
    figures = {r["unit"]: float(r["value"]) for r in rows}
    row = next(r for r in table[1:] if r[0] == "7")
    assert float(row[2]) == pytest.approx(statistics.fmean(figures.values()), abs=0.5)
    assert float(row[3]) == min(figures.values()) and float(row[4]) == max(figures.values())
    assert row[5] == str(len(figures))
    better = sum(1 for v in figures.values() if v > figures["徐汇区"])
    assert row[8] == str(better + 1)
    progress = {row[0]: row for row in table_after(document, "年度进展")}
    assert progress["14 一审案件服判息诉率"][-1] == "—"  # not classed: as the category tables say


def test_the_tasks_section(tmp_path: Path) -> None:
    _, out = docx(tmp_path, SAMPLES / "2023.csv", "--tasks", SAMPLES / "progress-2023.yaml",
                  "--lang", "zh")  # fmt: skip
    document = Document(str(out))
    found = headings(document)
    assert any(h.startswith("任务进展") for h in found)
    assert "进展报送文件：progress-2023.yaml" in [p.text for p in document.paragraphs]
    # dates as a Chinese document writes them, as the report's own date is
    assert "截至：2023年12月31日（报送文件所载）" in [p.text for p in document.paragraphs]
    assert "任务进展（截至2023年12月31日）" in found
    assert "2023-12-31" not in "\n".join(found + [p.text for p in document.paragraphs])
    assert "文本：送审稿，2021年7月23日" in [p.text for p in document.paragraphs]
    assert not [t for t in texts(document) if " （" in t]  # a Chinese bracket follows the text
    paragraphs = [p.text for p in document.paragraphs]
    summary = paragraphs[paragraphs.index("汇总") + 1]
    sentence = summary[summary.index("任务情况") :]
    assert sentence == (
        "任务情况：逾期 2 项，报送不一致 1 项，未报送 2 项，未启动 2 项，推进中 43 项，已完成 4 项，"
        "已终止 1 项；节点逾期 2 个，未到期 4 个，已完成 6 个。"
    )  # prose: no symbols, no middle dots, no label twice, no state of none


def test_only_failing_narrows_the_tables(tmp_path: Path) -> None:
    from plancheck import app

    request = app.EvaluateRequest(files=[SAMPLES / "2023.csv"], format="docx", only="failing")
    report = made(app.evaluate(request).report)
    assert isinstance(report, bytes)
    document = Document(io.BytesIO(report))
    ids = [row[0] for category in ("Law-based administration (依法行政)",)
           for row in table_after(document, category)[1:]]  # fmt: skip
    assert ids == ["5"]  # the one failing indicator; the others are left out
    assert "Law-based governance by the Party (依法执政)" not in headings(document)


@pytest.mark.parametrize("case", sorted((CASES / "hostile").glob("render_*")), ids=lambda p: p.name)
def test_hostile_names_and_notes_are_text(
    case: Path,
    admitting_plan: Path,
    tmp_path: Path,
) -> None:
    submission = tmp_path / "2023.csv"
    submission.write_bytes((case / "2023.csv").read_bytes())
    _, out = docx(tmp_path, submission, "--plan", admitting_plan, "--lang", "en")
    every = "\n".join(texts(Document(str(out))))
    units, notes = typed(submission)
    for text in [*units, *notes]:
        assert xml(text) in every


def test_columns_fill_the_line_and_keep_figures_whole() -> None:
    widths = column_widths([["序号", "指标", "2021"], ["1", "重大行政决策合法性审查率", "100.0"]],
                           170)  # fmt: skip
    assert sum(widths) == pytest.approx(170)
    assert widths[2] >= 5 * 2.3 + 4.4  # "100.0" on one line
    assert widths[1] > widths[2]  # the long text takes the rest


def test_the_terminal_is_refused_a_document(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "plancheck", "evaluate", str(SAMPLES / "2023.csv"), "-f", "docx"],
            stdout=follower, stderr=subprocess.PIPE, cwd=tmp_path, timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"give -o FILE" in done.stderr


# --- the rows and lists written as text, held to what python-docx writes -------------------------

HOSTILE = [
    "",
    "a & b < c > d \"q\" 'q'",
    " leading and trailing ",
    "tab\there",
    "one\ntwo\n\nfour\n",
    "\ttab first",
    "\u00a0nbsp\u00a0",
    "</w:t></w:r><w:r><w:t>injected",
    "bell\x07 cr\r\nlf \ufffe \u202e",
    "黄浦区 ✘ 未达标：2.9 未满足 < 全市平均值",
    "emoji \U0001f600",
]


def _oracle_rows(header: list[str], rows: list[list[str]], widths: list[float]) -> bytes:
    """The rows as python-docx's objects build them, cell by cell (how the report was made before
    it wrote them as text), from the table's XML after its grid."""
    from lxml import etree

    from plancheck.evaluate.models import Status
    from plancheck.report.docx import NBSP, STATUS_COLOUR
    from plancheck.report.labels import STATUS_SYMBOL, status_word

    document = Document()
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    statuses = {
        f"{STATUS_SYMBOL[s]} {status_word(s, lang)}": s for s in Status for lang in ("en", "zh")
    }
    for n, (values, row) in enumerate(zip([header, *rows], table.rows, strict=True)):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if n == 0:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = Mm(width)
            status = statuses.get(value) if n else None
            run = cell.paragraphs[0].add_run(
                xml(value if status is None else value.replace(" ", NBSP))
            )
            run.font.size = Pt(9)
            if n == 0:
                run.bold = True
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), "F2F2F2")
                cell._tc.get_or_add_tcPr().append(shading)
            elif status is not None:
                run.font.color.rgb = RGBColor(*STATUS_COLOUR[status])
    written = etree.tostring(table._tbl, encoding="UTF-8")
    return written[written.index(b"</w:tblGrid>") + len(b"</w:tblGrid>") : -len(b"</w:tbl>")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rows_written_as_text_are_what_python_docx_writes(lang: str) -> None:
    from plancheck.evaluate.models import Status
    from plancheck.report.docx import table_rows
    from plancheck.report.labels import STATUS_SYMBOL, status_word

    statuses = [f"{STATUS_SYMBOL[s]} {status_word(s, lang)}" for s in Status]
    header = ["ID", "指标 & <name>", " 2023 ", "tab\theader"]
    rows = [
        [str(n), text, statuses[n % len(statuses)], "12.5\n备注"] for n, text in enumerate(HOSTILE)
    ]
    rows.append(statuses[:4])  # a status in every column
    widths = [12.5, 60.25, 20.0, 33.3]
    twips = [str(Mm(w).twips) for w in widths]
    expected = _oracle_rows(header, rows, widths)
    assert table_rows(header, rows, twips) == expected
    assert (
        b"<w:tab/>" in expected and b"<w:br/>" in expected and b'xml:space="preserve"' in expected
    )
    assert b"&lt;/w:t&gt;" in expected and b"C62828" in expected  # escaped; a status coloured


def test_a_list_written_as_text_is_what_python_docx_writes() -> None:
    from plancheck.report.docx import _BOLD, _bullets, _colour, _deterministic

    items = [
        [("", text), (_BOLD, text + "!"), (_colour((0xC6, 0x28, 0x28)), " " + text)]
        for text in HOSTILE
    ]
    oracle = Document()
    for runs in items:
        paragraph = oracle.add_paragraph(style="List Bullet")
        paragraph.add_run(xml(runs[0][1]))
        paragraph.add_run(xml(runs[1][1])).bold = True
        paragraph.add_run(xml(runs[2][1])).font.color.rgb = RGBColor(0xC6, 0x28, 0x28)
    placed: list[bytes] = []
    written = Document()
    _bullets(written, placed, items)
    assert placed  # written as text, put in when saved: the same document, byte for byte
    assert _deterministic(written, placed) == _deterministic(oracle, [])
    expected = zipfile.ZipFile(io.BytesIO(_deterministic(oracle, []))).read("word/document.xml")
    assert b"<w:r/>" in expected and b"&lt;/w:t&gt;" in expected  # an empty run; escaped text

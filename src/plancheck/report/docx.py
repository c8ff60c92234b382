"""A Word document for the committee (``-f docx``): the shared report on A4, as an office files it.

Title (the plan's name), issuing office and date, the verdict beside the latest year's counts, a
summary paragraph of generated sentences, what needs attention, the index (with how it is
computed), the city view (several units), the progress table (years, trend, mid-term class), a
table per category (an indicator a row, its figures under their years, notes as 备注) and the
tasks section (``--tasks``). The content is the markdown and html reports' (``report.common``);
this module only lays it out.

Layout: A4, portrait up to the index, turned sideways for the tables of indicators; 宋体 (SimSun) for Chinese body text and 黑体 (SimHei) for headings, Times New
Roman for Latin; table header rows repeat on every page and rows do not break across pages;
page numbers in the footer.

Byte for byte the same for the same input: the core properties (author, dates, revision) are set
from the report's date, never the clock, and the zip entries carry a fixed date in a fixed order.
Every piece of text goes through ``escape.xml`` (control characters visible, nothing XML 1.0
forbids): a run's text is text, never markup.

Fast at a national file's size: python-docx makes the document, its paragraphs and each table's
grid, but the tables' rows and the lists of what needs attention (thousands of elements) are
written as text, the exact XML python-docx wrote for them, and put in place of a marker when
the zip is written (``_deterministic``); tests/test_docx.py holds the two to each other.

Small at a national file's size: it is given the results as they are made (``one_pass``: the
latest year's held, one category's for its table), a table's XML is made a row at a time and
held deflated (``Spool``), and word/document.xml is written into the zip a piece at a time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from plancheck.evaluate.models import Evaluation, Status
from plancheck.messages import date_text
from plancheck.report import Options
from plancheck.report.common import (
    category_table,
    city_table,
    city_year,
    file_names,
    heading_fields,
    index_explained,
    index_name,
    index_table,
    latest_counts,
    listed_attention,
    nothing_listed,
    office_text,
    report_date,
    shared_as_of,
    shared_progress_table,
    shared_reason,
    summary_sentences,
    verdict,
    with_year,
    year_table,
    years_named,
)
from plancheck.report.escape import xml
from plancheck.report.labels import STATUS_SYMBOL, aside, both, enumerated, label, status_word

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
STATUS_COLOUR = {
    Status.PASS: (0x2E, 0x7D, 0x32),
    Status.FAIL: (0xC6, 0x28, 0x28),
    Status.BEHIND: (0xB2, 0x6A, 0x00),
    Status.MISSING: (0x8E, 0x24, 0xAA),
    Status.UNKNOWN: (0x02, 0x77, 0xBD),
}
# A4 with the margins of a Chinese official document (GB/T 9704: 37 mm top, 28 mm left), a little
# narrower at the sides so that a table of five years fits.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 30, "bottom": 25, "left": 22, "right": 20}
NBSP = "\u00a0"  # a status's symbol and word stay on one line
_SYMBOLS = frozenset(STATUS_SYMBOL.values())
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say: no clock in the file


def render_evaluation(evaluation: Evaluation, options: Options) -> bytes:
    from docx import Document

    lang = options.lang
    info = evaluation.plan.info
    day = report_date(evaluation, options.date)
    doc = Document()
    placed: list[Spool] = []  # XML written as text: a table's rows, a list (see _deterministic)
    _layout(doc)
    _properties(doc, info.title, day, lang)

    doc.add_paragraph(xml(info.title if lang == "zh" else info.title_en), style="Title")
    if lang != "zh":
        _centred(doc, info.title)  # the plan's own name
    _centred(doc, label("report_for", lang, years=years_named(evaluation.years, lang)))
    office = office_text(evaluation, options.office, lang)
    if office:
        _centred(doc, office)
    _centred(doc, date_text(day, lang))

    colon = "：" if lang == "zh" else ": "
    for field, name, value in heading_fields(evaluation, options):
        if field in ("office", "date"):
            continue  # on the title page, above
        paragraph = doc.add_paragraph()
        paragraph.add_run(xml(name + colon)).bold = True
        paragraph.add_run(xml(value))

    doc.add_heading(xml(label("verdict", lang)), level=1)
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(xml(verdict(evaluation, lang, shared=True)))
    run.bold = True
    run.font.color.rgb = _rgb((0x1B, 0x5E, 0x20) if evaluation.compliant else (0xB7, 0x1C, 0x1C))
    paragraph.add_run(xml(aside(latest_counts(evaluation, lang), lang)))
    if len(evaluation.units) > 1 and evaluation.failing_units:
        doc.add_paragraph(
            xml(
                f"{label('failing_units', lang)}{colon}{enumerated(evaluation.failing_units, lang)}"
            )
        )

    doc.add_heading(xml(label("summary", lang)), level=1)
    doc.add_paragraph(xml(("" if lang == "zh" else " ").join(summary_sentences(evaluation, lang))))
    _table(doc, placed, *year_table(evaluation, lang))
    if evaluation.only is not None:
        doc.add_paragraph(xml(label(f"only_{evaluation.only}", lang)))

    doc.add_heading(xml(label("needs_attention", lang)), level=1)
    todo = listed_attention(evaluation)
    if not todo:
        doc.add_paragraph(xml(nothing_listed(evaluation, lang)))
    items = []
    for r in todo:
        name = r.indicator.name if lang == "zh" else r.indicator.name_en
        runs = [("", r.unit + " ")] if len(evaluation.units) > 1 else []
        runs += [(_BOLD, f"{r.indicator.id} {name}"),
                 (_colour(STATUS_COLOUR[r.status]),
                  f" {STATUS_SYMBOL[r.status]} {status_word(r.status, lang)}"),
                 ("", colon + shared_reason(r.reason, lang))]  # fmt: skip
        items.append(runs)
    _bullets(doc, placed, items)

    header, rows = index_table(evaluation, lang)
    if rows:
        heading = with_year(index_name(evaluation, lang), evaluation.latest_year, lang)
        doc.add_heading(xml(heading), level=1)
        doc.add_paragraph(xml(index_explained(evaluation, lang)))
        _table(doc, placed, header, rows)

    _landscape(doc)  # the tables of indicators: wide, on A4 turned
    header, rows = city_table(evaluation, lang)
    if rows:
        doc.add_heading(xml(label("city", lang, year=city_year(evaluation))), level=1)
        _table(doc, placed, header, rows)

    header, rows = shared_progress_table(evaluation, lang)
    if rows:
        doc.add_heading(xml(label("progress", lang)), level=1)
        _table(doc, placed, header, rows)

    for category in evaluation.plan.categories:
        header, rows = category_table(evaluation, category.name, lang)
        if not rows:
            continue
        title = category.name if lang == "zh" else both(category.name_en, category.name, "{} ({})")
        doc.add_heading(xml(title), level=1)
        _table(doc, placed, header, rows)

    _tasks(doc, placed, evaluation, lang)
    return _deterministic(doc, placed)


# --- the tasks section (evaluate --tasks) ---------------------------------------------------


def _tasks(doc: DocumentObject, placed: list[Spool], evaluation: Evaluation, lang: str) -> None:
    check = evaluation.tasks
    if check is None:
        return
    from plancheck.report import taskcheck as parts

    doc.add_heading(xml(label("tasks_title", lang, date=date_text(check.as_of, lang))), level=1)
    colon = "：" if lang == "zh" else ": "
    doc.add_paragraph(xml(f"{label('progress_file', lang)}{colon}{file_names(check.files, lang)}"))
    doc.add_paragraph(xml(f"{label('as_of', lang)}{colon}{shared_as_of(check, lang)}"))
    for line in parts.summary_text(check, lang):
        doc.add_paragraph(xml(line))
    doc.add_heading(xml(label("needs_attention", lang)), level=2)
    todo = parts.attention(check)
    if not todo:
        doc.add_paragraph(xml(label("nothing_overdue", lang)))
    _bullets(doc, placed, [[(_BOLD, parts.state_text(r.state.value, lang) + " "),
                            ("", parts.attention_text(r, lang, parts.title(r, lang)))]
                           for r in todo])  # fmt: skip
    header = [label(key, lang) for key in ("id", "task", "lead", "task_state", "details")]
    for document, section, results in check.sections():
        doc.add_heading(xml(parts.section_title(document, section, lang)), level=2)
        body = []
        for r in results:
            detail = "\n".join(
                parts.detail_line(status, text, lang) for status, text in parts.details(r, lang)
            )
            body.append([r.task.id, parts.title(r, lang), parts.lead(r, lang),
                         parts.state_text(r.state.value, lang), detail])  # fmt: skip
        _table(doc, placed, header, body)


# --- layout ---------------------------------------------------------------------------------


def _layout(doc: DocumentObject) -> None:
    """A4, the margins, the fonts of body and headings, page numbers in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    styles = doc.styles
    _font(styles["Normal"], BODY_FONT, Pt(10.5))  # 五号
    for name, size in (("Title", Pt(18)), ("Heading 1", Pt(14)), ("Heading 2", Pt(12))):
        style = styles[name]
        _font(style, HEADING_FONT, size)
        style.font.bold = name != "Title"
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_numbers(section.footer.paragraphs[0])


def _font(style: Any, east_asian: str, size: Any) -> None:
    """A style's fonts named outright: the Chinese font as w:eastAsia, the theme's fonts removed
    (Word prefers a theme font to a named one)."""
    from docx.oxml.ns import qn

    style.font.name = LATIN_FONT
    style.font.size = size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), LATIN_FONT)


def _page_numbers(paragraph: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _landscape(doc: DocumentObject) -> None:
    """A new page, and from it on A4 turned sideways (the margins turned with it)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])


def _centred(doc: DocumentObject, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_paragraph(xml(text)).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _rgb(colour: tuple[int, int, int]) -> Any:
    from docx.shared import RGBColor

    return RGBColor(*colour)


def _bullets(doc: DocumentObject, placed: list[Spool], items: list[list[tuple[str, str]]]) -> None:
    """A paragraph in the List Bullet style for each item, its runs (properties, text) written as
    text like a table's rows: python-docx looks a style up and finds a paragraph's place among
    all the body's, a national report's list took minutes."""
    if not items:
        return
    doc.element.body.insert_element_before(_marker(len(placed)), "w:sectPr")
    placed.append(Spool(_list_pieces(items)))


def _list_pieces(items: list[list[tuple[str, str]]]) -> Iterator[str]:
    for runs in items:
        out = ['<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>']
        for properties, text in runs:
            content = _run(xml(text))
            if properties:
                out.append(f"<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>")
            else:
                out.append(f"<w:r>{content}</w:r>" if content else "<w:r/>")
        out.append("</w:p>")
        yield "".join(out)


def _table(
    doc: DocumentObject, placed: list[Spool], header: list[str], rows: list[list[str]]
) -> None:
    """A grid table: the header row bold, shaded and repeated on every page, rows kept whole,
    columns as wide as their text asks (within the page), status cells in their colour.

    python-docx makes the table and its grid; the rows are written as text (``_row_pieces``) and
    put in place of a marker when the document is saved: an element per cell through
    python-docx's objects took milliseconds a row, hours and gigabytes for a national report."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=0, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    section = doc.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    assert page is not None and left is not None and right is not None  # set by _layout
    usable = (page - left - right) / Mm(1)
    widths = [Mm(w) for w in column_widths([header, *rows], usable)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: what LibreOffice lays out by
    twips = [column.get(qn("w:w")) for column in table._tbl.tblGrid.gridCol_lst]
    table._tbl.append(_marker(len(placed)))
    placed.append(Spool(_row_pieces(header, rows, twips)))


def _marker(n: int) -> Any:
    from docx.oxml.parser import parse_xml

    return parse_xml(f"<{MARKER}>{n}</{MARKER}>")


# Where XML written as text goes in word/document.xml: an element of no namespace, which no text
# can be (text is escaped: no "<" in it).
MARKER = "plancheck-xml"
_STATUSES: dict[str, Status] = {}
_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
_HEADER_ROW = '<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>'
_CELL = '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{}"/></w:tcPr><w:p><w:r><w:rPr>'
_HEADER_CELL = (
    '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{}"/>'
    '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr><w:p><w:r><w:rPr><w:b/>'
)
_SIZE = '<w:sz w:val="18"/></w:rPr>'  # 9 pt (小五), in half-points
_END = "</w:r></w:p></w:tc>"


_BOLD = "<w:b/>"


def _colour(colour: tuple[int, int, int]) -> str:
    return '<w:color w:val="{:02X}{:02X}{:02X}"/>'.format(*colour)


def table_rows(header: list[str], rows: list[list[str]], twips: list[str]) -> bytes:
    """The rows of a table as word/document.xml has them: the elements and attributes, in their
    order, that python-docx writes for ``add_run``, a 9 pt font, bold and shading in the header
    and a status's colour (tests/test_docx.py holds the two to each other)."""
    return "".join(_row_pieces(header, rows, twips)).encode()


_MEMO_MOST = 1 << 14  # distinct cells whose XML a table keeps made: a bound, whatever the cells


def _row_pieces(header: list[str], rows: list[list[str]], twips: list[str]) -> Iterator[str]:
    """``table_rows`` a row at a time; a cell's XML made once per distinct text (a national
    table repeats its names, targets, statuses and figures thousands of times)."""
    if not _STATUSES:
        _STATUSES.update(
            {
                f"{STATUS_SYMBOL[s]} {status_word(s, lang)}": s
                for s in Status
                for lang in ("en", "zh")
            }
        )
    colours = {text: _colour(STATUS_COLOUR[s]) for text, s in _STATUSES.items()}
    out = [_HEADER_ROW]
    out += [_HEADER_CELL.format(w) + _SIZE + _run(xml(value)) + _END
            for value, w in zip(header, twips, strict=True)]  # fmt: skip
    out.append("</w:tr>")
    yield "".join(out)
    plain = [_CELL.format(w) for w in twips]
    made: dict[str, str] = {}  # a cell's XML after its start, by its text
    for values in rows:
        out = [_ROW]
        for value, start in zip(values, plain, strict=True):
            content = made.get(value)
            if content is None:
                if len(made) >= _MEMO_MOST:
                    made.clear()
                colour = colours.get(value)
                if colour is None:
                    content = _SIZE + _run(xml(value)) + _END
                else:
                    content = colour + _SIZE + _run(xml(value.replace(" ", NBSP))) + _END
                made[value] = content
            out.append(start)
            out.append(content)
        out.append("</w:tr>")
        yield "".join(out)


def _run(text: str) -> str:
    """A run's content as python-docx writes ``run.text = text``: a tab a ``w:tab``, a line break
    a ``w:br``, the rest in ``w:t`` (``xml:space="preserve"`` when white space at either end
    would be lost), escaped as lxml escapes text."""
    if "\t" in text or "\n" in text or "\r" in text:
        pieces = []
        for n, line in enumerate(text.replace("\r", "\n").split("\n")):
            if n:
                pieces.append("<w:br/>")
            for m, part in enumerate(line.split("\t")):
                if m:
                    pieces.append("<w:tab/>")
                pieces.append(_text(part))
        return "".join(pieces)
    return _text(text)


def _text(text: str) -> str:
    if not text:
        return ""
    if "&" in text or "<" in text or ">" in text:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    else:
        escaped = text
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


# At 9 pt a digit or a Latin letter takes up to 2.3 mm (bold, in a wide fallback font) and a Chinese
# character twice that; a cell adds its margins (Table Grid: 1.9 mm a side).
HALF_MM, PADDING_MM = 2.3, 4.4


def column_widths(rows: list[list[str]], usable: float) -> list[float]:
    """Column widths in mm that fill the page's width: each column at least as wide as its
    longest unbreakable piece (a figure, a word; two Chinese characters), the rest of the line
    shared in proportion to how much more its longest cell would take."""
    # Each distinct cell measured once: a national table's columns repeat a few hundred texts.
    columns = [(column[0], set(column[1:])) for column in zip(*rows, strict=True)]
    least = [
        max(4, *(_least(cell) for cell in body)) * HALF_MM + PADDING_MM for _, body in columns
    ]  # a header wraps: at least four half-widths (a year, two characters)
    most = [
        max(least[n], min(60, max(_width(cell) for cell in (head, *body))) * HALF_MM + PADDING_MM)
        for n, (head, body) in enumerate(columns)
    ]
    if sum(least) >= usable:
        return [usable * w / sum(least) for w in least]
    wanted = [b - a for a, b in zip(least, most, strict=True)]
    spare = usable - sum(least)
    if sum(wanted) <= spare:  # everything fits on one line: widen in proportion
        return [usable * w / sum(most) for w in most]
    return [a + spare * w / sum(wanted) for a, w in zip(least, wanted, strict=True)]


def _width(text: str) -> int:
    """How wide a cell's longest line is, in half-widths (a Chinese character counts two)."""
    return max((sum(2 if _wide(ch) else 1 for ch in line) for line in text.split("\n")),
               default=0)  # fmt: skip


def _least(text: str) -> int:
    """The widest piece of a cell that a line cannot break: a word or a figure (at most 12
    half-widths: longer ones break anyway), or two Chinese characters; a status (``✔ 达标``)
    whole."""
    if text[:1] in _SYMBOLS and len(text) <= 8:
        return _width(text)
    pieces = [piece for piece in text.split() if piece] or [""]
    return max(4 if any(_wide(ch) for ch in piece) else min(12, len(piece)) for piece in pieces)


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


# --- the same bytes for the same input ------------------------------------------------------


def _properties(doc: DocumentObject, title: str, day: dt.date, lang: str) -> None:
    """Core properties from the report itself: its title, its date; never the clock."""
    at = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    core = doc.core_properties
    core.title = xml(title)
    core.subject = xml(label("report_title", lang))
    core.author = core.last_modified_by = "plancheck"
    core.created = core.modified = core.last_printed = at
    core.revision = 1
    core.language = "zh-CN" if lang == "zh" else "en"
    core.keywords = core.comments = core.category = ""


def _deterministic(doc: DocumentObject, placed: list[Spool]) -> bytes:
    """The document's zip with every entry dated ZIP_DATE, in the order python-docx wrote them,
    each piece written as text (a table's rows, a list) in place of its marker."""
    import re

    written = io.BytesIO()
    doc.save(written)
    out = io.BytesIO()
    marker = re.compile(f"<{MARKER}>([0-9]+)</{MARKER}>".encode())
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            data = source.read(entry.filename)
            if entry.filename != "word/document.xml":
                target.writestr(info, data)
                continue
            pieces = marker.split(data)  # text, a table's number, text, …
            spools = [placed[int(n)] for n in pieces[1::2]]
            # as writestr says it: ZIP64 past 2 GiB
            info.file_size = sum(map(len, pieces[0::2])) + sum(s.size for s in spools)
            with target.open(info, "w") as entry_out:
                for n, piece in enumerate(pieces):
                    if n % 2 == 0:
                        entry_out.write(piece)
                        continue
                    for unpacked in spools[n // 2]:
                        entry_out.write(unpacked)
    return out.getvalue()


class Spool:
    """XML written as text (a table's rows, a list), held deflated until the zip is written:
    a national report's tables are some 220 MB of XML and a few MB deflated, and held whole
    they were most of the 865 MiB the report took. Deflated fast (level 1): the zip's own
    deflating of word/document.xml is what makes the file's bytes, and it is unchanged."""

    __slots__ = ("_packed", "size")
    _BATCH = 1 << 16  # characters joined and deflated at a time

    def __init__(self, pieces: Iterable[str]) -> None:
        pack = zlib.compressobj(1)
        packed: list[bytes] = []
        batch: list[str] = []
        waiting = size = 0
        for piece in pieces:
            batch.append(piece)
            waiting += len(piece)
            if waiting >= self._BATCH:
                data = "".join(batch).encode()
                size += len(data)
                packed.append(pack.compress(data))
                batch, waiting = [], 0
        data = "".join(batch).encode()
        size += len(data)
        packed.append(pack.compress(data))
        packed.append(pack.flush())
        self.size = size  # bytes, unpacked
        self._packed = b"".join(packed)

    def __iter__(self) -> Iterator[bytes]:
        """The XML again, in pieces of at most 1 MiB."""
        unpack = zlib.decompressobj()
        pending = self._packed
        while pending:
            yield unpack.decompress(pending, 1 << 20)
            pending = unpack.unconsumed_tail
        rest = unpack.flush()
        if rest:
            yield rest

"""Office Open XML packages (.xlsx, .xlsm, .docx) opened within bounds, before any reader sees them.

A workbook or a Word document is a zip of XML parts. A few kilobytes of it can unpack to
gigabytes, or declare a sheet of 17 billion cells, and the readers (python-calamine,
python-docx) allocate what the file asks for. So a package is checked here first, from its zip
directory (how many parts, how large unpacked, how strongly compressed) and by unpacking every
part once with a bounded buffer (a part must hold exactly the bytes it declares, with its CRC).
A sheet is then scanned once, streaming, for its extent and for the cells a reader would give as
blanks (Excel errors, formulas never computed) and the cells formatted as percentages.

XML is parsed with expat (the standard library's, with its entity-expansion guards): an element
is known by its local name whatever its prefix (``<x:c>`` is a cell), as python-calamine does;
attributes may be quoted either way. A DTD is refused: OOXML never has one,
and entity declarations are how XML bombs are built. The scan is linear in the size of the part.

The limits are constants, documented in the README ("Limits").
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from xml.parsers import expat

from plancheck.errors import UserError
from plancheck.i18n import say, xml_problem
from plancheck.record import record
from plancheck.textfile import read_bytes

MAX_UNPACKED = 200 * 1024 * 1024  # bytes: all parts of a package together, unpacked
MAX_PARTS = 10_000  # zip members; Excel writes about ten, plus one per sheet, image or table
MAX_DIRECTORY = MAX_PARTS * 1024  # bytes of the zip's directory: 1 KiB an entry at most
MAX_XML_RATIO = 100  # unpacked : packed for an XML part over RATIO_FROM; real sheets are ~10
RATIO_FROM = 1024 * 1024
# Cells from A1 to a sheet's last filled cell, as the grid is read: 1,048,576 rows × 9 columns.
# A national file of a million rows and six columns passes; A1:XFD1048576 does not.
MAX_CELLS = 10_000_000
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # Excel's grid: A1:XFD1048576
# A Word document: python-docx holds every XML part as an lxml tree (~400 bytes an element) and
# reads text at ~70 µs a paragraph or run. A 200-page plan has ~100,000 elements and ~20,000
# paragraphs, runs and cells; at these bounds `plan import` takes ~10 s and ~0.5 GB at most.
MAX_DOCUMENT_ELEMENTS = 1_000_000  # in all XML parts together
MAX_DOCUMENT_PIECES = 100_000  # paragraphs, runs, hyperlinks and table cells of the body
MAX_TABLE_CELLS = 100_000  # the body's table cells with their column spans (gridSpan) spread
_CHUNK = 1 << 16
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


@record
class Kind:
    """What the package is, for messages: ``not a readable Excel workbook: …``."""

    readable: str  # "Excel workbook"
    noun: str  # "workbook"


WORKBOOK = Kind("Excel workbook", "workbook")
DOCUMENT = Kind("Word .docx file", "document")

# The English words of kinds and purposes, as the catalog has them in each language.
_WORDS = {
    "Excel workbook": "ooxml.excel_workbook",
    "workbook": "ooxml.workbook",
    "Word .docx file": "ooxml.word_file",
    "document": "ooxml.document",
    "a submission": "ooxml.a_submission",
    "a plan document": "ooxml.a_plan_document",
    "a plan's indicator table": "ooxml.a_plan_table",
}


def _word(english: str) -> str:
    """A kind's or purpose's word in the run's language."""
    key = _WORDS.get(english)
    return say(key) if key is not None else english


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_numbers() -> dict[str, int]:
    numbers: dict[str, int] = {}
    for col in range(EXCEL_COLUMNS):
        letters = column_letters(col)
        numbers[letters] = numbers[letters.lower()] = col
    return numbers


_COLUMNS = _column_numbers()  # A → 0 … XFD → 16383 (and a … xfd), so a cell name is one look-up


class Package:
    """A zip package whose directory and parts were checked (see ``open_package``)."""

    def __init__(self, path: Path, data: bytes, kind: Kind, archive: zipfile.ZipFile) -> None:
        self.path, self.data, self.kind, self.archive = path, data, kind, archive
        # Readers look parts up ignoring case and with '\' as '/' (python-calamine does).
        self.parts = {_normal(info.filename): info for info in archive.infolist()}
        # A workbook's large XML parts as checked (its sheets), for the scan of one not to
        # unpack it again; the scan takes them (``unpacked``).
        self._unpacked: dict[str, bytearray] = {}

    def unpacked(self, info: zipfile.ZipInfo) -> bytes | bytearray:
        """The part unpacked and checked, whole; the package keeps no other part's bytes after."""
        kept = self._unpacked.pop(info.filename, None)
        self._unpacked.clear()
        if kept is not None:
            return kept
        data = bytearray()
        for piece in self.chunks(info):
            data += piece
        return data

    def unreadable(self, reason: str) -> UserError:
        return UserError(say("ooxml.unreadable", readable=_word(self.kind.readable), reason=reason),
                         self.path)  # fmt: skip

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.parts.get(_normal(name))

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The part unpacked, in pieces of at most 64 KiB: never more than it declares."""
        data, start = self.data, self._data_start(info)
        end = start + info.compress_size
        if end > len(data):
            raise self.unreadable(say("ooxml.cut_short", part=info.filename))
        left, crc = info.file_size, 0
        if info.compress_type == _STORED:
            if info.compress_size != info.file_size:
                raise self._size_lie(info)
            for at in range(start, end, _CHUNK):
                piece = data[at : min(at + _CHUNK, end)]
                crc = zlib.crc32(piece, crc)
                yield piece
            left = 0
        else:
            inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            view = memoryview(data)
            for at in range(start, end, _CHUNK):
                pending: bytes | memoryview = view[at : min(at + _CHUNK, end)]
                while True:  # until this input is used up and zlib holds no more output
                    try:
                        piece = inflate.decompress(pending, _CHUNK)
                    except zlib.error as exc:
                        raise self.unreadable(
                            say("ooxml.damaged", part=info.filename, reason=_reason(exc))
                        ) from None
                    pending = inflate.unconsumed_tail
                    if len(piece) > left:
                        raise self._size_lie(info)
                    left -= len(piece)
                    crc = zlib.crc32(piece, crc)
                    if piece:
                        yield piece
                    if inflate.eof or not (pending or piece):
                        break
                if inflate.eof:
                    break
            if not inflate.eof:
                raise self.unreadable(say("ooxml.cut_short", part=info.filename))
        if left or crc != info.CRC:
            raise self.unreadable(say("ooxml.checksum", part=info.filename))

    def parse(
        self,
        info: zipfile.ZipInfo,
        start: Callable[[str, dict[str, str]], None],
        setup: Callable[[expat.XMLParserType], None] | None = None,
    ) -> None:
        """Stream the part through expat: ``start(local name, attributes)`` for each element."""
        parser = _xml_parser(self, info.filename)
        names: dict[str, str] = {}

        def started(name: str, attributes: dict[str, str]) -> None:
            local = names.get(name)
            if local is None:
                local = names[name] = _local(name)
            start(local, attributes)

        parser.StartElementHandler = started
        if setup is not None:
            setup(parser)
        _feed(self, info.filename, parser, self.chunks(info))

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        header = self.data[info.header_offset : info.header_offset + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise self.unreadable(say("ooxml.no_local_header", part=info.filename))
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        return info.header_offset + 30 + int(name_length) + int(extra_length)

    def _size_lie(self, info: zipfile.ZipInfo) -> UserError:
        return self.unreadable(
            say("ooxml.size_lie", part=info.filename, size=f"{info.file_size:,}")
        )


def open_package(path: Path, kind: Kind, purpose: str) -> Package:
    """The file as a checked package. ``purpose`` ends a refusal: ``…: not a submission``."""
    data = read_bytes(path)  # refuses directories, FIFOs and files over 512 MiB first
    refuse = say("ooxml.refuse", purpose=_word(purpose))
    noun = _word(kind.noun)
    if len(data) > MAX_UNPACKED:
        raise UserError(say("ooxml.too_big", noun=noun, size=f"{len(data):,}",
                            limit=f"{MAX_UNPACKED:,}", refuse=refuse), path)  # fmt: skip
    # Counted from the end record before zipfile reads the directory: a directory of millions
    # of entries would take gigabytes as ZipInfo objects.
    entries, directory = _directory_size(data)
    if entries > MAX_PARTS:
        raise UserError(say("ooxml.too_many_files", noun=noun, count=f"{entries:,}",
                            limit=f"{MAX_PARTS:,}", refuse=refuse), path)  # fmt: skip
    if directory > MAX_DIRECTORY:  # a count that lies: the directory's size does not
        raise UserError(say("ooxml.directory_too_big", noun=noun, size=f"{directory:,}",
                            limit=f"{MAX_DIRECTORY:,}", refuse=refuse), path)  # fmt: skip
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # a damaged directory: BadZipFile, NotImplementedError, Unicode…
        reason = _not_a_zip(data, path) or _reason(exc)
        raise UserError(say("ooxml.unreadable", readable=_word(kind.readable),
                            reason=reason), path) from None  # fmt: skip
    package = Package(path, data, kind, archive)
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise UserError(say("ooxml.too_many_files", noun=noun, count=f"{len(infos):,}",
                            limit=f"{MAX_PARTS:,}", refuse=refuse), path)  # fmt: skip
    if len(package.parts) < len(infos):
        twice = _first_repeated(infos)
        raise package.unreadable(say("ooxml.two_parts", name=twice))
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED:
        raise UserError(say("ooxml.unpacks_to", noun=noun, size=f"{unpacked:,}",
                            limit=f"{MAX_UNPACKED:,}", refuse=refuse), path)  # fmt: skip
    for info in infos:
        if info.flag_bits & 0x1:
            raise package.unreadable(say("ooxml.encrypted", part=info.filename))
        if info.compress_type not in (_STORED, _DEFLATED):
            raise package.unreadable(
                say("ooxml.compression", part=info.filename, method=info.compress_type)
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_XML_RATIO and _is_xml(info.filename):
            raise UserError(say("ooxml.ratio", noun=noun, part=info.filename, ratio=f"{ratio:,.0f}",
                                limit=MAX_XML_RATIO, refuse=refuse), path)  # fmt: skip
    for info in infos:  # every part unpacks to what it declares, within the bound above
        if not _is_xml(info.filename):
            for _ in package.chunks(info):
                pass
            continue
        # No XML part may declare a DTD, whether plancheck reads it or calamine does (its
        # shared strings): the text ``<!DOCTYPE`` can stand nowhere else in well-formed XML
        # but a comment or CDATA, so a part holding it is refused without parsing it.
        tail = b""
        keep = kind is WORKBOOK and info.file_size >= RATIO_FROM
        whole = bytearray()
        for piece in package.chunks(info):
            if _DOCTYPE in tail + piece[: len(_DOCTYPE)] or _DOCTYPE in piece:
                raise package.unreadable(say("ooxml.dtd", part=info.filename))
            tail = piece[-len(_DOCTYPE) :]
            if keep:
                whole += piece
        if keep:
            package._unpacked[info.filename] = whole
    return package


def _not_a_zip(data: bytes, path: Path) -> str | None:
    """What a file that is no zip at all is, when it can be told: empty, cut short (a zip's
    start without its end: a copy or download stopped), an old Office file, or text (a CSV
    renamed .xlsx) — said with what to do, rather than zipfile's "File is not a zip file"."""
    if not data:
        return say("ooxml.empty")
    if data.startswith(b"PK\x03\x04"):
        return say("ooxml.cut_short_file")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return say("ooxml.old_office", suffix=path.suffix)
    from plancheck.textfile import decode

    try:
        decode(data[:65536], path)
    except UserError:
        return None
    return say("ooxml.text", suffix=path.suffix)


def _directory_size(data: bytes) -> tuple[int, int]:
    """(entries, bytes) of the zip's central directory, from its end record (zip64 too);
    (0, 0) when there is none (zipfile then says the file is not a zip)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if at < 0 or len(data) - at < 22:
        return 0, 0
    entries, size = struct.unpack("<HL", data[at + 10 : at + 16])
    locator = at - 20  # the zip64 end record's locator, when there is one
    saturated = entries == 0xFFFF or size == 0xFFFFFFFF
    if saturated and locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        if data[record : record + 4] == b"PK\x06\x06" and record + 48 <= len(data):
            entries, size = struct.unpack("<QQ", data[record + 32 : record + 48])
    return entries, size


def _first_repeated(infos: list[zipfile.ZipInfo]) -> str:
    seen: set[str] = set()
    for info in infos:
        name = _normal(info.filename)
        if name in seen:
            return info.filename
        seen.add(name)
    return ""


def _normal(name: str) -> str:
    return name.replace("\\", "/").lower()


_DOCTYPE = b"<!DOCTYPE"


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _reason(exc: BaseException) -> str:
    from plancheck.i18n import zip_problem

    return zip_problem(" ".join(str(exc).split()) or type(exc).__name__)


# --- XML -----------------------------------------------------------------------------------------


def _xml_parser(package: Package, part: str) -> expat.XMLParserType:
    """An expat parser that refuses a DTD. Names arrive as written (``x:c``): no namespace
    processing, which is faster and, like python-calamine, leaves prefixes to ``_local``."""
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse_dtd(*_: object) -> None:
        raise package.unreadable(say("ooxml.dtd", part=part))

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    return parser


def _feed(
    package: Package,
    part: str,
    parser: expat.XMLParserType,
    chunks: Iterator[bytes] | Iterator[bytes | memoryview],
) -> None:
    try:
        for piece in chunks:
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        reason = xml_problem(expat.ErrorString(exc.code))
        where = say("ooxml.where", line=exc.lineno, column=exc.offset + 1)
        raise package.unreadable(say("ooxml.not_xml_at", part=part, reason=reason, where=where)
                                 ) from None  # fmt: skip
    except LookupError as exc:  # <?xml encoding="…"?> names no codec Python knows
        raise package.unreadable(say("ooxml.not_xml", part=part, reason=_reason(exc))) from None


def _local(name: str) -> str:
    """``x:c`` → ``c``: elements and attributes are known by their local names, whatever the
    prefix (python-calamine does the same)."""
    return name.rpartition(":")[2]


# --- workbook structure --------------------------------------------------------------------------

_WORKBOOK_PART = "xl/workbook.xml"  # where every writer puts it, and python-calamine reads it


@record
class Sheet:
    """A sheet as ``xl/workbook.xml`` lists it."""

    name: str
    part: zipfile.ZipInfo | None  # its XML; None when its relationship leads nowhere
    kind: str  # worksheet, chartsheet, dialogsheet…: the last word of the relationship type
    state: str  # visible, hidden or veryHidden

    @property
    def visible(self) -> bool:
        return self.state not in ("hidden", "veryHidden")


@record
class Workbook:
    """The sheets in their order, the tab Excel opens on, and the percentage cell styles."""

    package: Package
    sheets: tuple[Sheet, ...]
    active: int  # <workbookView activeTab>: an index into sheets
    percent_styles: frozenset[str]  # values of a cell's s= attribute formatted as a percentage
    # <calcPr fullCalcOnLoad="1">: the workbook asks Excel to compute every formula when it
    # opens — a program wrote it, and a formula's saved 0 is xlsxwriter's placeholder.
    stale_formulas: bool = False
    # <workbookPr date1904="1">: day 0 is 1 January 1904 (Excel for the Mac's old default), and
    # python-calamine gives the dates of such a workbook from it.
    date1904: bool = False


def read_workbook(package: Package) -> Workbook:
    relationships = _relationships(package, "_rels/.rels")
    office = next(
        (target for kind, target in relationships.values() if kind == "officeDocument"), None
    )
    if office is not None and _normal(_resolve("", office)) != _WORKBOOK_PART:
        raise package.unreadable(say("ooxml.other_workbook", office=office, part=_WORKBOOK_PART))
    info = package.find(_WORKBOOK_PART)
    if info is None:
        raise package.unreadable(say("ooxml.no_part", part=_WORKBOOK_PART))
    targets = _relationships(package, "xl/_rels/workbook.xml.rels")
    listed: list[tuple[str, str, str]] = []  # name, relationship id, state
    active = [0]
    views = [0]
    stale = [False]
    date1904 = [False]

    def start(local: str, attributes: dict[str, str]) -> None:
        if local == "calcPr":
            stale[0] = attributes.get("fullCalcOnLoad", "").strip().lower() in ("1", "true")
        elif local == "workbookPr":  # "1" or "true" as written, as python-calamine reads it
            date1904[0] = attributes.get("date1904") in ("1", "true")
        elif local == "sheet":
            rid = next((v for k, v in attributes.items() if k != "id" and _local(k) == "id"), "")
            listed.append((attributes.get("name", ""), rid, attributes.get("state", "visible")))
        elif local == "workbookView":
            views[0] += 1
            if views[0] == 1:  # the first view is the one Excel opens
                tab = attributes.get("activeTab", "0")
                active[0] = int(tab) if tab.isascii() and tab.isdigit() and len(tab) < 6 else 0

    package.parse(info, start)
    sheets = []
    for name, rid, state in listed:
        kind, target = targets.get(rid, ("", ""))
        part = package.find(_resolve("xl/", target)) if target else None
        sheets.append(Sheet(name, part, kind, state))
    return Workbook(package, tuple(sheets), active[0], _percent_styles(package), stale[0],
                    date1904[0])  # fmt: skip


def _relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (the last word of its type, its target), for internal targets."""
    info = package.find(part)
    found: dict[str, tuple[str, str]] = {}
    if info is None:
        return found

    def start(local: str, attributes: dict[str, str]) -> None:
        if local == "Relationship" and attributes.get("TargetMode") != "External":
            kind = attributes.get("Type", "").rpartition("/")[2]
            found[attributes.get("Id", "")] = (kind, attributes.get("Target", ""))

    package.parse(info, start)
    return found


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name: absolute (``/xl/…``) or relative to the folder."""
    return target[1:] if target.startswith("/") else folder + target


_PERCENT_FORMATS = frozenset({"9", "10"})  # Excel's built-in 0% and 0.00%


def _percent_styles(package: Package) -> frozenset[str]:
    """Indexes of ``cellXfs`` whose number format is a percentage (a cell's ``s`` refers to one)."""
    info = package.find("xl/styles.xml")
    if info is None:
        return frozenset()
    custom: dict[str, str] = {}
    formats: list[str] = []  # numFmtId of each cellXfs entry, in order
    depth = {"cellXfs": 0}

    def start(local: str, attributes: dict[str, str]) -> None:
        if local == "numFmt":
            custom[attributes.get("numFmtId", "")] = attributes.get("formatCode", "")
        elif local == "cellXfs":
            depth["cellXfs"] += 1
        elif local == "xf" and depth["cellXfs"]:
            formats.append(attributes.get("numFmtId", "0"))

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            depth["cellXfs"] -= 1

    def setup(parser: expat.XMLParserType) -> None:
        parser.EndElementHandler = end

    package.parse(info, start, setup)

    def percent(fmt: str) -> bool:
        return is_percent_format(custom[fmt]) if fmt in custom else fmt in _PERCENT_FORMATS

    return frozenset(str(index) for index, fmt in enumerate(formats) if percent(fmt))


def is_percent_format(code: str) -> bool:
    """A number format that shows its number times 100: a ``%`` outside quotes (``"%"``), escapes
    (``\\%``), spacing and fill (``_%``, ``*%``) and brackets (``[Red]``, ``[$-804]``)."""
    at, size = 0, len(code)
    while at < size:
        ch = code[at]
        if ch == '"':
            close = code.find('"', at + 1)
            at = size if close < 0 else close
        elif ch == "[":
            close = code.find("]", at + 1)
            at = size if close < 0 else close
        elif ch in "\\_*":
            at += 1  # the next character is shown or spaced, not a format symbol
        elif ch == "%":
            return True
        at += 1
    return False


# --- a Word document ----------------------------------------------------------------------------

_DOCUMENT_PIECES = frozenset({"p", "r", "hyperlink", "tc"})


def check_document(package: Package, purpose: str) -> None:
    """Refuse a document whose XML would take python-docx too long or too much memory: count
    the elements of every XML part, and the paragraphs, runs and table cells of the body."""
    office = next(
        (
            t
            for kind, t in _relationships(package, "_rels/.rels").values()
            if kind == "officeDocument"
        ),
        None,
    )
    body = package.find(_resolve("", office)) if office else None
    if body is None:
        raise package.unreadable(say("ooxml.no_main_part"))

    def refuse(what: str) -> UserError:
        return UserError(say("ooxml.document_over", what=what, purpose=_word(purpose)),
                         package.path)  # fmt: skip

    elements = pieces = cells = 0
    in_body = False

    def start(local: str, attributes: dict[str, str]) -> None:
        nonlocal elements, pieces, cells
        elements += 1
        if elements > MAX_DOCUMENT_ELEMENTS:
            raise refuse(say("ooxml.elements", count=f"{MAX_DOCUMENT_ELEMENTS:,}"))
        if not in_body:
            return
        if local in _DOCUMENT_PIECES:
            pieces += 1
            if pieces > MAX_DOCUMENT_PIECES:
                raise refuse(say("ooxml.pieces", count=f"{MAX_DOCUMENT_PIECES:,}"))
            if local == "tc":
                cells += 1
        elif local == "gridSpan":  # a cell over n columns is read as n cells
            span = next((v for k, v in attributes.items() if _local(k) == "val"), "1")
            if span.isascii() and span.isdigit():
                cells += max(int(span), 1) - 1 if len(span) <= 9 else MAX_TABLE_CELLS
        if cells > MAX_TABLE_CELLS:
            raise refuse(say("ooxml.table_cells", count=f"{MAX_TABLE_CELLS:,}"))

    for info in package.archive.infolist():
        if _is_xml(info.filename):
            in_body = info is body
            package.parse(info, start)


# --- a sheet's cells -----------------------------------------------------------------------------


@record(frozen=False)
class SheetScan:
    """What the streaming scan of a sheet found; rows from 1 (as in Excel), columns from 0."""

    rows: int = 0  # the last row and column of a cell
    columns: int = 0
    unreadable: dict[tuple[int, int], str] = field(default_factory=dict)  # → '#DIV/0!', '=B2*1'
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers formatted as 0.0%


def scan_sheet(workbook: Workbook, sheet: Sheet, purpose: str) -> SheetScan:
    """Scan the sheet's XML once: refuse a declared or real extent over MAX_CELLS (counted from
    A1, as the grid is read), and note error cells, formulas never computed and percent cells.

    Positions follow python-calamine: a cell's ``r`` names it; a cell without one follows the
    cell before it in its row, and a row without ``r`` follows the row before it. Every cell
    counts for the extent, filled or not (python-calamine keeps only the filled ones: a bound).

    A plain sheet, as programs and Excel write a national file, is settled from its bytes
    (``_plain_sheet``: expat without a Python call per element); any other is followed element
    by element (``_follow_sheet``), which alone refuses.
    """
    package = workbook.package
    if sheet.part is None:
        raise package.unreadable(
            say("ooxml.sheet_no_part", name=sheet.name, noun=_word(package.kind.noun))
        )
    try:
        data: bytes | bytearray | None = package.unpacked(sheet.part)
    except UserError:  # (open_package unpacked it already) followed below, to where it fails
        data = None
    if data is not None:
        settled = _plain_sheet(workbook, sheet.part.filename, data)
        if settled is not None:
            return settled
    pieces = package.chunks(sheet.part) if data is None else _pieces(data)
    return _follow_sheet(workbook, sheet, purpose, pieces)


def _follow_sheet(
    workbook: Workbook,
    sheet: Sheet,
    purpose: str,
    pieces: Iterator[bytes] | Iterator[bytes | memoryview],
) -> SheetScan:
    """``scan_sheet``'s scan, element by element: every rule, every error, in document order."""
    package, scan = workbook.package, SheetScan()
    assert sheet.part is not None
    part = sheet.part.filename
    percent_styles = workbook.percent_styles
    stale = workbook.stale_formulas
    parser = _xml_parser(package, part)
    names: dict[str, str] = {}
    # The scan's state lives in the closure's cells: this runs once per element, millions of
    # times for a national file, so it does as little as it can for a plain cell.
    in_data = False  # inside <sheetData>: python-calamine reads no cell elsewhere
    row = -1  # the current row (from 0) and the column of a next cell without r
    row_digits = ""  # the row's r="5" as written, when it is plain: its cells end with it
    next_col = 0
    cell_row = cell_col = 0  # the current cell
    is_error = is_percent = has_value = False
    watched = False  # a cell with an error or a formula, followed to its end
    formula = value = ""
    texts: list[str] = []
    max_rows = max_cols = 0  # the extent so far: rows and columns from A1

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal in_data, row, row_digits, next_col, cell_row, cell_col, is_error, is_percent
        nonlocal has_value, max_rows, max_cols
        local = names.get(name)
        if local is None:
            local = names[name] = _local(name)
        if local == "c":
            if not in_data:
                return
            if watched:
                close_cell()
            ref = attributes.get("r")
            if ref is None:
                cell_row, cell_col = max(row, 0), next_col
            elif row_digits and ref.endswith(row_digits) and ref[: -len(row_digits)] in _COLUMNS:
                cell_row, cell_col = row, _COLUMNS[ref[: -len(row_digits)]]  # C5 in row 5
            else:
                cell_row, cell_col = _position(ref, package, part)
            next_col = cell_col + 1
            if cell_row >= max_rows or next_col > max_cols:
                max_rows, max_cols = max(cell_row + 1, max_rows), max(next_col, max_cols)
                if max_rows * max_cols > MAX_CELLS:
                    raise too_large(max_rows, max_cols)
            kind = attributes.get("t")
            is_error, has_value = kind == "e", False
            is_percent = (
                bool(percent_styles)
                and (kind is None or kind == "n")
                and attributes.get("s") in percent_styles
            )
            if is_error:
                watch()
        elif local == "v":
            has_value = True
            if is_percent:
                scan.percent.add((cell_row + 1, cell_col))
            if watched:
                listen()
        elif local == "row":
            if in_data:
                ref = attributes.get("r")
                if ref is None:
                    row, row_digits = row + 1, ""
                else:
                    row = _row_number(ref, package, part) - 1
                    row_digits = ref if ref.isdigit() and ref[0] != "0" else ""
                next_col = 0
        elif local == "f":
            if in_data:
                if not watched:
                    watch()
                listen()
        elif local == "sheetData":
            in_data = True
            parser.EndElementHandler = outside
        elif local == "dimension":
            declared = attributes.get("ref", "")
            if not declared:
                return  # no extent declared: the cells say it
            end_row, end_col = _declared_end(declared, package, part)
            if (end_row + 1) * (end_col + 1) > MAX_CELLS:
                raise too_large(end_row + 1, end_col + 1)

    def too_large(rows: int, cols: int) -> UserError:
        end = f"{column_letters(cols - 1)}{rows}"
        return UserError(say("ooxml.sheet_too_large", name=sheet.name, end=end,
                             cells=f"{rows * cols:,}", limit=f"{MAX_CELLS:,}",
                             purpose=_word(purpose)), package.path)  # fmt: skip

    def outside(name: str) -> None:
        """Between watched cells only the end of ``<sheetData>`` matters: past it no element is a
        cell (an ``<xm:f>`` of a conditional format's or a list's extension is no formula)."""
        nonlocal in_data
        if name.endswith("sheetData") and _local(name) == "sheetData":
            in_data = False
            parser.EndElementHandler = None

    def watch() -> None:
        """Follow this cell to its end: its formula's and value's texts decide what it shows."""
        nonlocal watched, formula, value
        watched, formula, value = True, "", ""
        parser.EndElementHandler = end

    def listen() -> None:
        texts.clear()
        parser.CharacterDataHandler = texts.append

    def end(name: str) -> None:
        nonlocal formula, value
        local = names.get(name) or _local(name)
        if local == "f":
            formula = "".join(texts).strip() or "(shared formula)"
        elif local == "v":
            value = "".join(texts).strip()
        elif local == "c":
            close_cell()
            return
        parser.CharacterDataHandler = None

    def close_cell() -> None:
        nonlocal watched
        shown = ""
        if is_error:  # what Excel shows: the error saved, or (never computed) the formula
            shown = value if has_value and value else "=" + formula if formula else "#N/A"
        elif formula and (not has_value or (stale and value in ("", "0"))):
            shown = "=" + formula
        if shown:
            scan.unreadable[(cell_row + 1, cell_col)] = shown
        watched = False
        parser.EndElementHandler = outside if in_data else None
        parser.CharacterDataHandler = None

    parser.StartElementHandler = start
    _feed(package, part, parser, pieces)
    if watched:
        close_cell()
    scan.rows, scan.columns = max_rows, max_cols
    return scan


# --- a plain sheet, settled from its bytes ---------------------------------------------------

_END_OF_NAME = rb"[ \t\r\n/>]"  # what follows an element's name in a tag
_MOST_MAXIMA = 2_000  # larger columns or rows met past the first rows, before giving up


def _pieces(data: bytes | bytearray) -> Iterator[bytes | memoryview]:
    view = memoryview(data)
    for at in range(0, len(data), _CHUNK):
        yield view[at : at + _CHUNK]


def _plain_sheet(workbook: Workbook, part: str, data: bytes | bytearray) -> SheetScan | None:
    """What ``_follow_sheet`` would find in the sheet, when its bytes settle it without a Python
    call per element (a national file has millions: seconds); None when they do not. Never an
    error: every refusal is ``_follow_sheet``'s, in its order.

    Settled: a sheet expat parses (with no handler per element) in UTF-8, holding no comment,
    CDATA, DTD or processing instruction (so every ``<`` opens a tag) and no reference in an
    attribute (``&``: each holds what it shows); no formula (``f``), no ``t="e"``, no ``s`` of a percent style;
    from the first ``<sheetData`` on, no prefixed cell or row, every cell ``<c r="A1"`` and every
    row ``<row r="1"`` first (A–XFD, 1–999999), and each ``<dimension ref>`` plain. Then the scan
    notes no cell, raises nothing the dimensions do not, and its extent is the largest column and
    the largest row the cells name, each found by searching the bytes for a larger one.
    """
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data[start : start + 1] != b"<" or data[start + 1 : start + 2] in (b"", b"\0"):
        return None  # UTF-16 (or nothing): the bytes are not the characters
    # (A byte rare in sheets is looked for first: one pass at memchr's speed, not a pair's.)
    if (b"!" in data and b"<!" in data) or data.find(b"<?", start + 1) >= 0:
        return None
    if b"&" in data and _reference_in_attribute(data):
        return None
    for name in (rb"<f", rb":f"):
        if re.search(name + _END_OF_NAME, data):
            return None
    if (b'"e"' in data or (b"'" in data and b"'e'" in data)) and re.search(
        rb"[ \t\r\n]t[ \t\r\n]*=[ \t\r\n]*(?:\"e\"|'e')", data
    ):
        return None
    if workbook.percent_styles:
        styles = b"|".join(re.escape(style.encode()) for style in sorted(workbook.percent_styles))
        if re.search(rb"[ \t\r\n]s[ \t\r\n]*=[ \t\r\n]*(?:\"(?:%b)\"|'(?:%b)')" % (styles, styles),
                     data):  # fmt: skip
            return None
    if not _plain_dimensions(workbook.package, part, data):
        return None
    first = _first_start_tag(data, b"sheetData")
    if first is None:
        return None
    max_rows = max_cols = 0
    if first >= 0:  # cells count from the first <sheetData> to its end (python-calamine's too)
        if re.compile(rb":(?:c|row)" + _END_OF_NAME).search(data, first):
            return None
        closed = re.compile(rb"<sheetData[^>]*/>|</sheetData[ \t\r\n]*>").search(data, first)
        if closed is None or re.compile(rb"<(?:c|row)" + _END_OF_NAME).search(data, closed.end()):
            return None  # an element named as a cell past the cells: the scan says it is none
        if re.compile(rb'<row(?=[ \t\r\n/>])(?! r="[1-9][0-9]{0,5}")').search(data, first):
            return None
        extent = _cells_extent(data, first)
        if extent is None:
            return None
        max_rows, max_cols = extent
        if max_rows * max_cols > MAX_CELLS:
            return None
    parser = _xml_parser(workbook.package, part)
    encodings: list[str | None] = []
    parser.XmlDeclHandler = lambda _version, encoding, _standalone: encodings.append(encoding)
    try:
        _feed(workbook.package, part, parser, _pieces(data))
    except UserError:
        return None
    if encodings and encodings[0] is not None and encodings[0].lower() != "utf-8":
        return None
    return SheetScan(rows=max_rows, columns=max_cols)


def _reference_in_attribute(data: bytes | bytearray) -> bool:
    """Whether an attribute's value may hold a reference (``t="&#101;"`` is ``t="e"``): an ``&``
    after ``="`` (or ``='``) before the quote closes. A text's references (openpyxl writes 县 as
    ``&#21439;``) are no attribute's: the scan reads no text of a sheet settled."""
    if re.search(rb'=[ \t\r\n]*"[^"&]*&', data):
        return True
    return b"'" in data and re.search(rb"=[ \t\r\n]*'[^'&]*&", data) is not None


def _first_start_tag(data: bytes | bytearray, name: bytes) -> int | None:
    """Where the first ``<name`` tag starts; -1 when there is none, None when the bytes leave it
    open (a prefixed ``<x:name``, or the word too often in texts)."""
    at, seen = data.find(name), 0
    while at >= 0:
        if data[at + len(name) : at + len(name) + 1] in (b" ", b"\t", b"\r", b"\n", b"/", b">"):
            before = data[at - 1 : at]
            if before == b"<":
                return at - 1
            if before == b":":
                return None
        seen += 1
        if seen > 100:
            return None
        at = data.find(name, at + len(name))
    return -1


def _plain_dimensions(package: Package, part: str, data: bytes | bytearray) -> bool:
    """Every ``dimension`` tag is ``<dimension ref="A1:D9"/>`` within the bounds the scan holds
    it to (``_declared_end``), and the word stands nowhere else."""
    at, seen = data.find(b"dimension"), 0
    while at >= 0:
        seen += 1
        if seen > 100:
            return False
        if data[at + 9 : at + 10] in (b" ", b"\t", b"\r", b"\n", b"/", b">"):
            before = data[at - 2 : at]
            if before[-1:] == b"<":
                found = re.compile(rb'<dimension ref="([A-Za-z0-9:]*)"[ \t\r\n]*/?>').match(
                    data, at - 1
                )
                if found is None:
                    return False
                if found[1]:
                    try:
                        end_row, end_col = _declared_end(found[1].decode(), package, part)
                    except UserError:
                        return False
                    if (end_row + 1) * (end_col + 1) > MAX_CELLS:
                        return False
            elif before != b"</":
                return False
        at = data.find(b"dimension", at + 9)
    return True


def _cells_extent(data: bytes | bytearray, first: int) -> tuple[int, int] | None:
    """The largest row and column (from 1) the cells from ``first`` on name, when every one is
    ``<c r="A1"`` first (A–XFD, 1–999999); else None. One search for a cell that is not within
    the largest met so far, going on from each larger one it meets."""
    cell = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,5})"')
    # Those of the first rows and the last cell: mostly the largest already.
    met = cell.findall(data, first, first + _CHUNK)
    last = data.rfind(b'<c r="', first)
    if last >= 0 and (found := cell.match(data, last)) is not None:
        met.append((found[1], found[2]))
    if not met:
        return (0, 0) if last < 0 else None
    letters = max((m[0] for m in met), key=lambda name: _COLUMNS.get(name.decode(), EXCEL_COLUMNS))
    digits = max((m[1] for m in met), key=int)
    at = first
    for _ in range(_MOST_MAXIMA):
        if letters.decode() not in _COLUMNS:
            return None
        within = b'<c(?=[ \\t\\r\\n/>])(?! r="(?:%b)(?:%b)")' % (
            b"|".join(_at_most(letters, b"A", b"A", b"Z")),
            b"|".join(_at_most(digits, b"1", b"0", b"9")),
        )
        outside = re.compile(within).search(data, at)
        if outside is None:
            return int(digits), _COLUMNS[letters.decode()] + 1
        found = cell.match(data, outside.start())
        if found is None:
            return None
        if _COLUMNS.get(found[1].decode(), EXCEL_COLUMNS) > _COLUMNS[letters.decode()]:
            letters = found[1]
        if int(found[2]) > int(digits):
            digits = found[2]
        at = outside.start() + 1
    return None


def _at_most(value: bytes, first_low: bytes, low: bytes, high: bytes) -> list[bytes]:
    """Patterns of the runs of letters (or digits) that come no later than ``value``: shorter
    ones, and ones as long and no greater character by character (its first character at least
    ``first_low``, the others at least ``low``)."""
    size, choices = len(value), [value]
    if size > 1:
        choices.append(b"[%b-%b][%b-%b]{0,%d}" % (first_low, high, low, high, size - 2))
    for k in range(size):
        lowest = (first_low if k == 0 else low)[0]
        if value[k] > lowest:
            choices.append(
                value[:k]
                + b"[%c-%c]" % (lowest, value[k] - 1)
                + b"[%b-%b]" % (low, high) * (size - k - 1)
            )
    return choices


def _declared_end(declared: str, package: Package, part: str) -> tuple[int, int]:
    """The last cell of a ``<dimension ref>``: both ends within Excel's grid, as a cell's name
    must be (A1:XFE1 is no sheet's)."""
    first, _, last = declared.partition(":")
    _position(first, package, part)
    return _position(last or first, package, part)


def _position(ref: str, package: Package, part: str) -> tuple[int, int]:
    """``C5`` → (4, 2); a name outside Excel's grid A1:XFD1048576 is an error."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    digits = ref[len(letters) :]
    if col is None or not digits or len(digits) > 7 or not 0 < int(digits) <= EXCEL_ROWS:
        raise package.unreadable(say("ooxml.outside_grid", part=part, ref=ref[:20]))
    return int(digits) - 1, col


def _row_number(ref: str, package: Package, part: str) -> int:
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    if not (
        digits.isascii() and digits.isdigit() and len(digits) <= 7 and 0 < int(digits) <= EXCEL_ROWS
    ):
        raise package.unreadable(say("ooxml.row_outside_grid", part=part, ref=ref[:20]))

    return int(digits)

"""Read a user's file as text, whatever Excel or an editor saved it as.

Accepted: UTF-8 (with or without BOM), UTF-16 (with BOM, or LE/BE without one), UTF-32 with a
BOM, GB18030 (which covers GBK and GB2312). We try them in that fixed order rather than guess statistically: the set
is small and known, and a fixed order gives the same answer for the same bytes every time. UTF-16
without a BOM is told by its NULs: many on one side (ASCII text), or — mostly Chinese text, few
NULs — by bytes that are no UTF-8, hold a NUL (no GB18030 text does) and decode as UTF-16 into
lines of Chinese, ASCII and their punctuation. Big5 and Shift-JIS, which GB18030 would read
as garbled text, are refused (``_refuse_other_encoding``).
Anything that is not a readable regular file, or not text, is a located UserError.

Lines are counted as editors count them: a line ends at ``\n``, ``\r\n`` or ``\r``
(``split_lines``), never at the form feeds, U+2028 and other separators ``str.splitlines`` also
splits at, so a message never names a line the user cannot find.

Every file read here is remembered for the rest of the command (``files_read``): a report is
never written over one of them (``output.write_report``).
"""

from __future__ import annotations

import codecs
import errno
import functools
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from plancheck.errors import UserError, os_reason
from plancheck.i18n import say

MAX_BYTES = 512 * 1024 * 1024  # documented in the README ("Limits")
_DOS_END_OF_FILE = "\x1a"  # ^Z, which old DOS tools put after the last line

_files_read: list[Path] = []


def files_read() -> tuple[Path, ...]:
    """The files this command has read (or tried to read) through ``read_bytes``, in order."""
    return tuple(_files_read)


def forget_files_read() -> None:
    """Start a new command: the CLI calls it before each one (tests run many in one process)."""
    _files_read.clear()


# str.splitlines splits at these too; an editor shows them inside a line.
_NOT_LINE_ENDS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text.splitlines(keepends)``, but a line ends only at ``\n``, ``\r\n`` or ``\r``."""
    if not _NOT_LINE_ENDS.search(text):
        return text.splitlines(keepends)  # the same lines, at C speed
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def line_number(text: str, index: int) -> int:
    """The 1-based line (as ``split_lines`` counts) of the character at ``index``."""
    return (
        text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a UserError for a missing, special, unreadable or oversized file."""
    _files_read.append(path)
    must_be_file(path)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UserError(say("file.cannot_read", reason=os_reason(exc)), path) from None


def must_be_file(path: Path) -> None:
    """A UserError unless ``path`` is a regular file plancheck may read (not its contents)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(say("file.not_found"), path) from None
    except OSError as exc:
        raise UserError(say("file.cannot_read", reason=os_reason(exc)), path) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(say("file.is_directory"), path)
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or a device could block forever or never end.
        raise UserError(say("file.not_regular"), path)
    if info.st_size > MAX_BYTES:
        raise UserError(say("file.too_large", size=info.st_size, limit=MAX_BYTES), path)


# What pathlib's is_dir, is_file and exists take for "nothing there"; any other failure
# (a folder on the way that cannot be searched: EACCES) they raise.
_NOTHING_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def looked_up(path: Path, refused: Callable[[str], UserError]) -> os.stat_result | None:
    """What ``path`` is (``os.stat``, links followed), or None when nothing is there — as
    ``Path.is_dir`` and ``Path.exists`` see it, but a path that cannot be looked at (a folder on
    the way the user may not search) is the UserError ``refused(reason)``, never a crash."""
    try:
        return os.stat(path)
    except ValueError:  # a NUL in the name: no such file
        return None
    except OSError as exc:
        if exc.errno in _NOTHING_THERE:
            return None
        raise refused(os_reason(exc)) from None


def read_text(path: Path) -> str:
    """Decode a file to text (see the module docstring) and refuse binary or corrupted text."""
    return decode(read_bytes(path), path)


# Files people pick up by mistake: a workbook saved under another name, or an old .xls.
_NOT_TEXT = {b"PK\x03\x04": "file.zip", b"\xd0\xcf\x11\xe0": "file.xls", b"%PDF": "file.pdf"}


def decode(data: bytes, path: Path | str) -> str:
    for magic, what in _NOT_TEXT.items():
        if data.startswith(magic):
            if what == "file.zip" and Path(path).suffix.lower() in (".docx", ".docm"):
                what = "file.docx"  # a Word document renamed .xlsx is still no workbook
            raise UserError(say("file.not_text", what=say(what)), path, 1)
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16's: FF FE…
        text = _strict(data, "utf-32", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    elif utf16 := _utf16_without_bom(data):
        text = _strict(data, utf16, path)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if (chinese := _chinese_utf16(data)) is not None:
                text = chinese
            else:
                _refuse_truncated(data, exc, path)
                _refuse_mixed(data, exc, path)
                text = _gb18030(data, path)
    text = text.removesuffix(_DOS_END_OF_FILE)
    _refuse_control(text, path)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: its ASCII (digits, commas, line ends) puts NULs on one side only —
    the odd bytes in little-endian, the even ones in big-endian (whatever the first character:
    a Chinese header has no NUL in its first pair)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if max(even, odd) < 0.1 * half or max(even, odd) < 4 * min(even, odd):
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


# What a table's text is made of: ASCII, Latin-1's signs (° ×), general punctuation (“” — ‰),
# letterlike and number forms (℃ Ⅳ), circled numbers, CJK punctuation, ideographs, full-width
# forms. UTF-16 read in the wrong byte order, or GB18030 read as UTF-16, is mostly other scripts
# (Hangul, Yi, private use).
# Compiled when first needed (a class over the ideographs costs start-up more than a run reads).
_NOT_TABLE_TEXT = (
    "[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u218f\u2460-\u24ff"
    "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _chinese_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM whose text is mostly Chinese: its few ASCII characters (line ends,
    delimiters, digits) leave too few NULs for ``_utf16_without_bom``. Tried once UTF-8 has
    failed, and only on bytes with a NUL, which no GB18030 or UTF-8 text has: the text, when
    the bytes decode as UTF-16 in one byte order into lines of what tables are written in
    (``_NOT_TABLE_TEXT``: at most one character in 20 besides), else None."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)  # ASCII's NULs: odd in little-endian
    for encoding in ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        if ("\n" in text or "\r" in text) and len(
            _pattern(_NOT_TABLE_TEXT).findall(sample)
        ) * 20 <= len(sample):
            return text
    return None


def _strict(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of_byte(data, exc.start, encoding)
        raise UserError(say(_undecodable(path), byte=exc.start), path, line) from None


def _undecodable(path: Path | str) -> str:
    """What to advise for a file that does not decode: a YAML file (a plan, a submission, a
    progress report) is saved as UTF-8 by an editor; a table, from Excel as 'CSV UTF-8'."""
    yaml = str(path).lower().endswith((".yaml", ".yml"))
    return "file.undecodable_yaml" if yaml else "file.undecodable"


def _line_of_byte(data: bytes, offset: int, encoding: str) -> int:
    """The line of the byte at ``offset``: the bytes before it decode (the error is at it)."""
    head = data[:offset].decode(encoding, errors="replace")
    return line_number(head, len(head))


def _refuse_truncated(data: bytes, exc: UnicodeDecodeError, path: Path | str) -> None:
    """UTF-8 that stops inside its last character: the file was cut short."""
    if exc.end == len(data) and exc.reason == "unexpected end of data" and exc.start > 0:
        line = _line_of_byte(data, exc.start, "utf-8")
        raise UserError(say("file.truncated"), path, line)


def _refuse_mixed(data: bytes, exc: UnicodeDecodeError, path: Path | str) -> None:
    """Earlier lines are UTF-8 with Chinese text, a later one is not: two files were joined."""
    head = data[: exc.start]
    bad_line_start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    if any(byte >= 0x80 for byte in head[:bad_line_start]):
        line = _line_of_byte(data, exc.start, "utf-8")
        raise UserError(
            say("file.mixed_encodings"),
            path,
            line,
        )


def _gb18030(data: bytes, path: Path | str) -> str:
    """The text of a file that is no UTF-8, as GB18030 — unless a line before any that does
    not decode is UTF-8 (``_refuse_utf8_line``)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        _refuse_utf8_line(data, path, exc.start)
        raise UserError(
            say(_undecodable(path), byte=exc.start), path, _line_of_byte(data, exc.start, "gb18030")
        ) from None
    _refuse_utf8_line(data, path, len(data))
    _refuse_other_encoding(text, path)
    return text


# The characters of a GB18030 text besides ASCII, a sample of them: enough to tell its script.
_SAMPLE_CHARACTERS = 4096
# What Big5 or Shift-JIS bytes decode to as GB18030 but Chinese text written in GBK hardly ever
# holds: private use (GB18030's user-defined areas), GB2312's rows of kana, Greek, Cyrillic,
# pinyin and box drawing, half-width katakana, Hangul.
_FOREIGN = (
    "[\ue000-\uf8ff\u0370-\u04ff\u0100-\u02ff\u2500-\u257f\u3040-\u30ff\u3100-\u312f"
    "\uff61-\uff9f\uac00-\ud7af]"
)


def _refuse_other_encoding(text: str, path: Path | str) -> None:
    """A file in another East Asian encoding, Big5 (Taiwan, Hong Kong) or Shift-JIS, decodes
    as GB18030 too, since GB18030 takes almost any pair of bytes — into garbled text (示例數據
    in Big5 reads as ボㄒ计沮) that would be read as data. Chinese text in GBK is made of
    GB2312's characters, a traditional character (GBK's extension) among them here and there;
    read so, Big5 and Shift-JIS are mostly of what GB2312 has not or Chinese tables do not hold
    (``_FOREIGN``; Shift-JIS's kanji fall in GBK's extension). Refused when those are the more
    (at least three of them), at the line of the first."""
    native = foreign = 0
    first = -1
    for found in _pattern("[^\x00-\x7f]").finditer(text):
        char = found.group()
        code = char.encode("gb18030")
        if _pattern(_FOREIGN).match(char) or len(code) != 2 or code[1] < 0xA1 or code[0] < 0xA1:
            foreign += 1
            first = found.start() if first == -1 else first
        else:
            native += 1
        if native + foreign >= _SAMPLE_CHARACTERS:
            break
    if foreign >= 3 and foreign > native:
        raise UserError(say(_undecodable_other(path)), path, line_number(text, first))


def _undecodable_other(path: Path | str) -> str:
    """``_undecodable``'s advice, for a file in another encoding than those plancheck reads."""
    yaml = str(path).lower().endswith((".yaml", ".yml"))
    return "file.other_encoding_yaml" if yaml else "file.other_encoding"


# Bytes by what they may be in UTF-8 Chinese text: L the lead byte of its three (CJK
# ideographs, their punctuation, full-width forms, general punctuation), C a continuation byte,
# X any other byte above ASCII; line ends kept, the rest of ASCII as "a". A UTF-8 character of
# Chinese text is an LCC, found at C speed.
_UTF8_CLASSES = bytes(
    ord("L") if b in (0xE2, 0xE3, 0xEF) or 0xE4 <= b <= 0xE9
    else ord("C") if 0x80 <= b <= 0xBF
    else ord("X") if b >= 0x80
    else b if b in b"\r\n"
    else ord("a")
    for b in range(256)
)  # fmt: skip
_CJK = "[\u4e00-\u9fff]"
# What a UTF-8 line of Chinese text is written in (besides its ideographs): ASCII, general and
# CJK punctuation, full-width forms.
_NOT_UTF8_CHINESE = "[^\t\x20-\x7e\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"


def _refuse_utf8_line(data: bytes, path: Path | str, limit: int) -> None:
    """A file that is no UTF-8 (a GB18030 line comes first) with a later line that is UTF-8
    Chinese, starting before byte ``limit``: two exports joined, and the UTF-8 lines read as
    GB18030 would be garbled (说明 as 璇存槑) — refused at the first of them. A GB18030 line
    of Chinese is hardly ever UTF-8 as well: its characters' two bytes would have to fall into
    UTF-8's three-byte characters, all of them, line end to line end; and read so, the line
    would be of rarer characters than read as GB18030 (``_common``)."""
    classes = data.translate(_UTF8_CLASSES)
    ending = b"\n" if b"\n" in data else b"\r"  # a search for the other one would cross the file
    at = 0  # where the line after the last one looked at starts
    while (found := classes.find(b"LCC", at)) != -1:
        start = max(data.rfind(b"\n", at, found), data.rfind(b"\r", at, found), at - 1) + 1
        if start >= limit:
            return
        end = data.find(ending, found)
        end = len(data) if end == -1 else end
        if (cr := data.find(b"\r", found, end)) != -1:
            end = cr
        at = end + 1
        try:
            line = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if (
            _pattern(_CJK).search(line)
            and not _pattern(_NOT_UTF8_CHINESE).search(line)
            and _common(line) > _common(data[start:end].decode("gb18030", "replace"))
        ):
            ends_before = data.count(b"\n", 0, start) + data.count(b"\r", 0, start)
            number = ends_before - data.count(b"\r\n", 0, start) + 1  # as line_number counts
            raise UserError(say("file.mixed_encodings_gb"), path, number)


def _common(text: str) -> int:
    """How many of the characters are among the 3,755 most used (GB2312's first level): a line
    read in its own encoding has more of them than read in the other (说明, and as GB18030
    璇存槑)."""
    count = 0
    for char in _pattern(_CJK).findall(text):
        code = char.encode("gb18030")
        count += 0xB0 <= code[0] <= 0xD7 and code[1] >= 0xA1
    return count


def _refuse_control(text: str, path: Path | str) -> None:
    for bad, what in (("\x00", "file.nul"), ("\ufeff", "file.bom_inside")):
        where = text.find(bad)
        if where != -1:
            line = line_number(text, where)
            raise UserError(say("file.contains", what=say(what)), path, line)

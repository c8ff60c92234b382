"""The notes printed under an indicator table: what its marks and brackets mean.

"注：①〔〕内为5年累计数。②带*的为2019年数据。③能源综合生产能力指…之和。" says that a figure in 〔〕 is
a five-year total, that a figure marked * is of 2019, and something about one indicator.
``read`` splits the notes; a cell's mark (``*``, or a note's own number ``①``) is looked up in
them (``Footnotes.explaining``), and a note that names an indicator belongs to it (``naming``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from plancheck.kinds.phrasing import cn_number
from plancheck.plan.importers.table import MARKS
from plancheck.record import record

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEAD = re.compile(r"^[>*_\s]*(?:注|备注|说明)\s*[:\uff1a]\s*")
_NUMBERED = re.compile(
    r"(?:^|(?<=[。;；\s]))\s*(?:\(?(\d{1,2})[).、．]|[\uff08](\d{1,2})[\uff09])(?!\d)"
)
# 带*的 / 标*的 / 标注#号的 / 加△者: the mark the note explains.
_DEFINES = re.compile(
    r"(?:带|标有|标注|标|加|注有)\s*[“\"]?(?P<mark>[*＊#＃※△▲☆★]+)[”\"]?\s*(?:号|符号)?\s*(?:的|者)"
)
_YEAR = re.compile(r"为\s*(?P<year>(?:19|20)\d\d)\s*年(?:的)?(?:数据|数值|值|数)")
_TOTAL = re.compile(
    r"[〔\[【(\uff08]\s*[〕\]】)\uff09]\s*(?:内|中)?\s*(?:为|是)\s*"
    r"(?P<years>\d{1,2}|[一二三四五六七八九十]+)\s*年累计(?:数|值)?"
)


@record
class Note:
    label: str  # "①" or "1", as the table numbers it; "" when it does not
    text: str

    def __str__(self) -> str:
        return f"注{self.label}：{self.text}"


@record
class Footnotes:
    notes: tuple[Note, ...] = ()

    def explaining(self, mark: str) -> Note | None:
        """The note a cell's mark refers to: ``①`` is note ①, ``*`` the note "带*的…"."""
        for note in self.notes:
            if mark in CIRCLED and note.label == mark:
                return note
            found = _DEFINES.search(note.text)
            if found and _same_mark(found["mark"], mark):
                return note
        return None

    def year(self, mark: str) -> tuple[int, Note] | None:
        """The year a marked figure is of ("带*的为2019年数据" → 2019), and the note."""
        note = self.explaining(mark)
        if note is not None and (found := _YEAR.search(note.text)):
            return int(found["year"]), note
        return None

    def total(self) -> tuple[int, Note] | None:
        """When the notes say 〔〕 holds a total over years ("〔〕内为5年累计数"): how many, and the
        note."""
        for note in self.notes:
            if found := _TOTAL.search(note.text):
                years = cn_number(found["years"])
                if years:
                    return years, note
        return None

    def naming(self, names: Sequence[str]) -> dict[int, list[Note]]:
        """For each name (by position) the notes that name it; a note naming 行政复议法定审限内结案率
        is not about 法定审限内结案率 as well."""
        keys = [_key(name) for name in names]
        found: dict[int, list[Note]] = {}
        for note in self.notes:
            text = _key(note.text)
            named = [i for i, key in enumerate(keys) if len(key) >= 4 and key in text]
            for i in named:
                if not any(keys[i] != keys[j] and keys[i] in keys[j] for j in named):
                    found.setdefault(i, []).append(note)
        return found


def read(lines: Sequence[str]) -> Footnotes:
    """The notes of the lines under a table: "注：①…。②…。" or "注：" and "1.…" lines."""
    text = "".join(line.strip() for line in lines)
    text = _LEAD.sub("", text, count=1)
    if not text:
        return Footnotes()
    parts = re.split(f"([{CIRCLED}])", text)
    notes: list[tuple[str, str]] = []
    if len(parts) > 1:
        if parts[0].strip():
            notes.append(("", parts[0]))
        notes += [(parts[k], parts[k + 1]) for k in range(1, len(parts) - 1, 2)]
    else:
        numbers = list(_NUMBERED.finditer(text))
        if numbers and numbers[0].start() == 0:
            for n, found in enumerate(numbers):
                end = numbers[n + 1].start() if n + 1 < len(numbers) else len(text)
                notes.append((found[1] or found[2], text[found.end() : end]))
        else:
            notes.append(("", text))
    return Footnotes(
        tuple(Note(label, body.strip().rstrip("。;；")) for label, body in notes if body.strip())
    )


def split_marks(text: str) -> tuple[str, str]:
    """A cell's text and the marks at its end: "60.6*" → ("60.6", "*"); "65①" → ("65", "①")."""
    stripped = text.strip()
    plain = stripped.rstrip(MARKS).rstrip()
    return plain, stripped[len(plain) :].strip()


def _same_mark(a: str, b: str) -> bool:
    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


def _key(text: str) -> str:
    """A name as a note writes it: no spaces, brackets or quotation marks, half-width."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s()（）\[\]“”\"'、]", "", folded).casefold()

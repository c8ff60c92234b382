"""A lean terminal layout: styled lines, word wrapping and a boxed table, without rich's console.

Importing rich's console and table and laying a table out with them is most of what the terminal
report costs at start-up. This module lays out the same output with plain strings: the same word
wrapping (words folded when longer than a line; 禁则 in Chinese, ``linebreak.line_breaks``, as
the other terminal reports' rich console keeps it), the same column widths (rich's measuring and
collapsing of wrappable columns) and the same heavy-headed box, so that a report reads exactly as
it did. Widths are measured in terminal cells (``rich.cells``: a Chinese character takes two), and
colours are ANSI SGR codes for the few styles the reports use.

Cell widths follow wcwidth's rules with the standard library's Unicode tables: East Asian Wide and
Fullwidth characters take two cells, combining marks, format characters and Hangul medial and
final jamo none, everything else one (what rich.cells gives for the text reports carry, without
importing its tables at start-up).

A piece of text is ``(text, style)``; a line or a cell is a list of pieces. Text is taken as it
is: callers pass what users typed through ``safetext.visible_controls`` first (``table._shown``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from plancheck.linebreak import line_breaks

Piece = tuple[str, str]  # (text, style)
Pieces = list[Piece]

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
# SGR codes of the attributes and colours the reports use (rich's "standard" colour system).
_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_COLOURS = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
}
_NAMED = {"table.title": "italic", "table.header": "bold"}


def _char_cells(char: str) -> int:
    code = ord(char)
    if code < 0x300:
        return 0 if code < 32 or 0x7F <= code < 0xA0 else 1
    if 0x4E00 <= code <= 0x9FFF:  # CJK ideographs: most of what the reports print
        return 2
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:  # Hangul jamo joining a syllable
        return 0
    if unicodedata.category(char) in ("Mn", "Me", "Mc", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


@lru_cache(maxsize=4096)
def _wide_len(text: str) -> int:
    return sum(map(_char_cells, text))


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii() and text.isprintable():
        return len(text)
    return _wide_len(text) if len(text) < 512 else sum(map(_char_cells, text))


def chop_cells(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (a wide character is never split)."""
    lines: list[str] = []
    start = size = 0
    for n, char in enumerate(text):
        cells = _char_cells(char)
        if size + cells > width:  # (as rich: a wide character wider than the line after "")
            lines.append(text[start:n])
            start, size = n, 0
        size += cells
    if size or start < len(text):
        lines.append(text[start:])
    return lines


def set_cell_size(text: str, total: int) -> str:
    """``text`` cropped or padded with spaces to ``total`` cells (a wide character cut in half
    becomes a space)."""
    size = cell_len(text)
    if size <= total:
        return text + " " * (total - size)
    out = []
    used = 0
    for char in text:
        cells = _char_cells(char)
        if used + cells > total:
            break
        out.append(char)
        used += cells
    return "".join(out) + " " * (total - used)


def sgr(style: str) -> str:
    """The SGR parameters of a style such as ``bold red`` (attributes first, as rich writes)."""
    attributes: list[str] = []
    colour = ""
    for word in _NAMED.get(style, style).split():
        word = _NAMED.get(word, word)
        if word in _ATTRIBUTES:
            if _ATTRIBUTES[word] not in attributes:
                attributes.append(_ATTRIBUTES[word])
        elif word in _COLOURS:
            colour = _COLOURS[word]
    codes = sorted(attributes) + ([colour] if colour else [])
    return ";".join(codes)


def _divide(text: str, width: int) -> list[int]:
    """Where to break ``text`` to fit ``width`` cells: rich's breaks, obeying 禁则."""
    return line_breaks(text, width, _rich_breaks)


def _rich_breaks(text: str, width: int) -> list[int]:
    """Where rich breaks ``text`` to fit ``width`` cells: at spaces, a word too long folded
    (rich's ``divide_line``)."""
    breaks: list[int] = []
    if cell_len(text) <= width:
        return breaks
    measure = len if text.isascii() and text.isprintable() else cell_len
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        bare = word.rstrip()
        length = measure(bare)
        tail = len(word) - len(bare) if measure is len else cell_len(word) - length
        if width - offset >= length:
            offset += length + tail
        elif length > width:
            folded = chop_cells(word, width)
            for n, part in enumerate(folded):
                if start:
                    breaks.append(start)
                if n == len(folded) - 1:
                    offset = cell_len(part)
                else:
                    start += len(part)
        elif offset and start:
            breaks.append(start)
            offset = length + tail
    return breaks


def _expand_tabs(text: str, size: int = 8) -> str:
    out: list[str] = []
    position = 0
    for part in re.split(r"(?<=\t)", text):
        if part.endswith("\t"):
            part = part[:-1] + " "
            position += cell_len(part)
            if position % size:
                part += " " * (size - position % size)
                position += size - position % size
        else:
            position += cell_len(part)
        out.append(part)
    return "".join(out)


def _slice(pieces: Pieces, start: int, end: int) -> Pieces:
    """The pieces covering characters start…end of their joined text."""
    out: Pieces = []
    position = 0
    for text, style in pieces:
        stop = position + len(text)
        if stop > start and position < end:
            out.append((text[max(start - position, 0) : end - position], style))
        position = stop
    return out


def _fit(pieces: Pieces, width: int, pad: bool) -> Pieces:
    """Crop a line to ``width`` cells (padding it with spaces when ``pad``)."""
    plain = "".join(text for text, _ in pieces)
    size = cell_len(plain)
    if size > width:
        cropped = set_cell_size(plain, width)
        pieces = _slice(pieces, 0, len(cropped))
        if "".join(text for text, _ in pieces) != cropped:  # a wide character split: a space
            pieces = [*_slice(pieces, 0, len(cropped) - 1), (cropped[-1], pieces[-1][1])]
        size = cell_len(cropped)
    if pad and size < width:
        pieces = [*pieces, (" " * (width - size), "")]
    return pieces


def _wrap_text(plain: str, width: int, pad: bool) -> list[str]:
    """``wrap`` of one piece of text: the same lines, as strings."""
    lines: list[str] = []
    for part in plain.split("\n"):
        if "\t" in part:
            part = _expand_tabs(part)
        offsets = [0, *_divide(part, width), len(part)]
        for start, end in pairwise(offsets):
            chunk = part[start:end]
            excess = len(chunk) - width
            if excess > 0:  # whitespace beyond the width goes (counted in characters, as rich)
                trailing = _TRAILING_SPACE.search(chunk)
                if trailing is not None:
                    chunk = chunk[: len(chunk) - min(len(trailing.group(0)), excess)]
            size = cell_len(chunk)
            if size > width:
                chunk, size = set_cell_size(chunk, width), width
            if pad and size < width:
                chunk += " " * (width - size)
            lines.append(chunk)
    return lines


def wrap(pieces: Pieces, width: int, *, pad: bool = False) -> list[Pieces]:
    """Lines of at most ``width`` cells: split at line breaks, then wrapped at words."""
    plain = pieces[0][0] if len(pieces) == 1 else "".join(text for text, _ in pieces)
    if "\n" not in plain and "\t" not in plain:
        size = cell_len(plain)
        if size <= width:  # most lines and cells: as they are
            return [[*pieces, (" " * (width - size), "")] if pad and size < width else pieces]
    if len(pieces) == 1:  # one style: the lines as strings
        style = pieces[0][1]
        return [[(line, style)] for line in _wrap_text(plain, width, pad)]
    lines: list[Pieces] = []
    position = 0
    for part in plain.split("\n"):
        line = _slice(pieces, position, position + len(part))
        position += len(part) + 1
        if "\t" in part:
            line = [(_expand_tabs("".join(t for t, _ in line)), line[0][1] if line else "")]
            part = line[0][0]
        offsets = [0, *_divide(part, width), len(part)]
        for start, end in pairwise(offsets):
            chunk = _slice(line, start, end)
            excess = (end - start) - width
            if excess > 0:  # whitespace beyond the width goes (counted in characters, as rich)
                trailing = _TRAILING_SPACE.search(part[start:end])
                if trailing is not None:
                    chunk = _slice(chunk, 0, (end - start) - min(len(trailing.group(0)), excess))
            lines.append(_fit(chunk, width, pad))
    return lines


class Screen:
    """The report's lines, written as text (with SGR colours when ``color``)."""

    def __init__(self, width: int, color: bool) -> None:
        self.width = width
        self.color = color
        self._out: list[str] = []

    def _line(self, pieces: Pieces) -> str:
        if not self.color:
            return "".join(text for text, _ in pieces)
        out = []
        for text, style in pieces:
            codes = sgr(style) if style else ""
            out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
        return "".join(out)

    def print(self, *pieces: Piece | str, style: str = "") -> None:
        """One paragraph, wrapped at the width (an empty call: an empty line)."""
        line: Pieces = [(p, "") if isinstance(p, str) else p for p in pieces]
        if style:
            line = [(text, f"{style} {own}".strip()) for text, own in line]
        for wrapped in wrap(line, self.width):
            self._out.append(self._line(wrapped) + "\n")

    def raw(self, text: str) -> None:
        """Text laid out elsewhere (rich's console, for the rarer sections)."""
        self._out.append(text)

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Pieces]],
        title: Pieces | None = None,
    ) -> None:
        """A table in rich's heavy-headed box, its columns measured and wrapped as rich does."""
        body = [list(row) for row in rows]
        head: list[Pieces] = [[(h, "table.header")] for h in headers]
        columns = len(headers)
        extra = columns + 1  # the borders
        limit = self.width - extra
        cells = [[head[c], *(row[c] for row in body)] for c in range(columns)]
        ranges = [_measure(column, limit) for column in cells]
        widths = [maximum or 1 for maximum in ranges]
        if sum(widths) > limit:
            widths = _collapse(widths, limit)
            if sum(widths) > limit:
                widths = _reduce(sum(widths) - limit, [1] * columns, widths, widths)
            # measured again at the narrower widths: the greatest width clamped to each
            widths = [min(most, w) for most, w in zip(ranges, widths, strict=True)]
        total = sum(widths) + extra
        if title is not None and any(text for text, _ in title):  # rich skips an empty title
            for line in wrap(title, total, pad=True):
                self._out.append(self._line(line) + "\n")
        self._out.append("┏" + "┳".join("━" * w for w in widths) + "┓\n")
        self._rows([head], widths, "┃", bottom=True)
        self._out.append("┡" + "╇".join("━" * w for w in widths) + "┩\n")
        self._rows(body, widths, "│")
        self._out.append("└" + "┴".join("─" * w for w in widths) + "┘\n")

    def _rows(
        self, rows: list[list[Pieces]], widths: list[int], bar: str, bottom: bool = False
    ) -> None:
        """Each row's cells side by side, at the top of the row (the header's at its bottom)."""
        for row in rows:
            laid = [_cell(cell, w) for cell, w in zip(row, widths, strict=True)]
            height = max(len(lines) for lines in laid)
            for n in range(height):
                parts = []
                for lines, w in zip(laid, widths, strict=True):
                    at = n - (height - len(lines)) if bottom else n
                    parts.append(self._line(lines[at]) if 0 <= at < len(lines) else " " * w)
                self._out.append(bar + bar.join(parts) + bar + "\n")

    def text(self) -> str:
        return "".join(self._out)


def _cell(cell: Pieces, width: int) -> list[Pieces]:
    """A cell's lines: one space either side, the text wrapped and padded between."""
    inner = width - 2
    if inner < 1:
        return [[(" " * width, "")]]
    return [[(" ", ""), *line, (" ", "")] for line in wrap(cell, inner, pad=True)]


def _measure(column: list[Pieces], limit: int) -> int:
    """A column's greatest width with its padding: its longest line, clamped to ``limit`` (as
    rich measures a padded ``Text``; the least width, the longest word, is never used)."""
    if limit < 3:
        return max(limit, 0)
    most = 0
    for cell in column:
        plain = cell[0][0] if len(cell) == 1 else "".join(text for text, _ in cell)
        if "\n" in plain or "\r" in plain:
            lines = plain.splitlines()
            high = max(map(cell_len, lines)) if lines else 0
        else:
            high = cell_len(plain)
        high = min(high, limit - 2)
        most = max(most, high + 2 if high >= 1 else 2)
    return most


def _collapse(widths: list[int], limit: int) -> list[int]:
    """Narrow the widest columns first until the table fits (rich's ``_collapse_widths``)."""
    total = sum(widths)
    excess = total - limit
    while total and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not any(ratios) or not difference:
            break
        widths = _reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - limit
    return widths


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich's ``ratio_reduce``: take ``total`` off ``values`` in proportion to ``ratios``."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    remaining_ratio = sum(ratios)
    if not remaining_ratio:
        return values[:]
    remaining = total
    out: list[int] = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and remaining_ratio > 0:
            taken = min(most, round(ratio * remaining / remaining_ratio))
            out.append(value - taken)
            remaining -= taken
            remaining_ratio -= ratio
        else:
            out.append(value)
    return out

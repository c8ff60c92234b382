"""Turn what people type into a figure: ``95``, ``95%``, ``９５``, ``1,234.5``, ``12人/万人``.

``N/A``, ``—``, ``-``, ``无`` and an empty cell mean "no figure" (None), not an error.

The decimal point is a dot. A comma groups thousands (``1,234``, ``1,234.5``; never after a
leading 0: ``0,125`` is no figure) — but in a file delimited by semicolons, which is how Excel
saves CSV where the comma is the decimal mark, a comma in a figure without a dot is that
decimal mark (``98,5`` is 98.5, ``0,125`` is 0.125), and one that reads either way (``1,234``:
1.234, or 1234 with a thousands comma) is refused as ambiguous (``decimal_comma``).
"""

from __future__ import annotations

import math
import re
import unicodedata

from plancheck.i18n import say
from plancheck.safetext import LazyPattern

NO_FIGURE = frozenset(
    {"", "n/a", "na", "n.a.", "-", "--", "—", "——", "–", "/", "无", "暂无", "空", "null", "none"}
)
# ASCII digits only (full-width ones are folded to them first): float() would also read ١٠٠.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# Thousands: 1,234 and 12,345.6; never after a 0 (0,125 is a decimal comma, not 125).
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
# In a file whose decimal mark is the comma: 98,5 and 0,125; 1,234 reads as thousands too.
# Patterns of semicolon files only: compiled by ``re`` when first used, not by every start-up.
_DECIMAL_COMMA = r"(?a)[+-]?\d+,\d+"
_EITHER_WAY = r"(?a)[+-]?[1-9]\d{0,2},\d{3}"


class BadValue(ValueError):
    """The text is not a figure; the message says why, for the user."""


def shown(text: object, limit: int = 40) -> str:
    """A cell as quoted in a message: cut short, so a 10 MB cell gives a one-line message; an
    invisible character in it shown as its escape (``1\\u200b00``: why it is no number)."""
    text = str(text)
    text = text if len(text) <= limit else text[:limit] + "…"
    return text.translate(_INVISIBLE_SHOWN) if _INVISIBLE_ANY.search(text) else text


# Invisible format characters a copy and paste brings along: zero-width spaces and joiners,
# direction marks, embeddings, overrides and isolates, the soft hyphen, a stray BOM. Taken out
# by str.translate tables (compiling the same character class costs every run ~0.5 ms).
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" + (
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))  # fold(): taken out of names
_INVISIBLE_SHOWN = {ord(c): f"\\u{ord(c):04x}" for c in _INVISIBLE_CHARS}  # shown(): escaped
_INVISIBLE_ANY = LazyPattern(f"[{_INVISIBLE_CHARS}]")  # messages only


def fold(text: str) -> str:
    """Full-width digits and signs to ASCII (NFKC, footnote marks aside: ``compatible``),
    invisible characters and outer spaces removed."""
    return compatible(text).translate(_INVISIBLE).strip()


# Full-width forms (０-９, ％, －, ．, ，, the ideographic space) to ASCII: what a Chinese input
# method types; and the minus sign − (U+2212) a figure copied from a typeset PDF or Word's
# equations has. Not the rest of NFKC: a superscript, circled or parenthesised digit (1², 3①,
# ⑴) is a footnote mark, and read as a digit it would join the figure (1² as 12).
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x2212: 0x2D}
_DIGITS = "0123456789"


def compatible(text: str) -> str:
    """``text`` in NFKC — full-width forms, compatibility ideographs (⼀ for 一), ligatures as
    their plain characters — but for the one rule of figures: a digit is 0–9, half- or
    full-width, and what NFKC would make digits of besides (a superscript, circled or
    parenthesised digit, ², ④, ⑴, 𝟒, ½) is a footnote mark that stays as it is. Names and
    indicator keys are matched in this form: ``④`` is not indicator 4, as ``3①`` is no figure."""
    if text.isascii():
        return text  # NFKC leaves ASCII as it is
    folded = unicodedata.normalize("NFKC", text)
    if _digit_count(folded) == _digit_count(text.translate(_WIDE)):
        return folded  # no digit made: the usual case
    kept: list[str] = []
    start = 0
    for at, char in enumerate(text):
        if not char.isascii() and _digit_count(unicodedata.normalize("NFKC", char)) > (
            _digit_count(char.translate(_WIDE))
        ):
            kept += [unicodedata.normalize("NFKC", text[start:at]), char]
            start = at + 1
    return "".join(kept) + unicodedata.normalize("NFKC", text[start:])


def _digit_count(text: str) -> int:
    return sum(map(text.count, _DIGITS))


def is_number(text: str) -> bool:
    """Digits 0–9 only (full-width ones folded to them before): ``١٠٠``, ``④`` are no number."""
    return text.isascii() and text.isdecimal()


def fold_figure(text: str) -> str:
    """A figure's text with full-width forms as ASCII and invisible characters around it
    removed; inside it they stay, and it is no number (1, a right-to-left override, 23 shows
    as 132)."""
    return text.translate(_WIDE).strip().strip(_INVISIBLE_CHARS).strip()


_EXCEL_ERROR = LazyPattern(
    r"#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!)"
)


def parse_number(
    raw: object, unit: str | None = None, *, decimal_comma: bool = False
) -> float | None:
    """A finite number from a cell, or None for "no figure". Raises BadValue otherwise.

    A trailing unit is accepted when it is the indicator's own: ``95%`` for a rate, ``12人/万人``
    or ``12人`` for lawyers per 10,000 residents, ``2次`` for a count per year.
    ``decimal_comma``: the cell is from a file delimited by semicolons (module docstring).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise BadValue(say("value.not_number", text=shown(raw)))
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = fold_figure(str(raw))
        if fold(text).casefold() in NO_FIGURE:
            return None
        number = _to_float(_strip_unit(text, unit), str(raw).strip(), decimal_comma)
    if not math.isfinite(number):
        raise BadValue(say("value.not_finite", text=shown(raw)))
    return number


def _strip_unit(text: str, unit: str | None) -> str:
    suffixes: list[str] = []
    if unit:
        folded = fold_figure(unit)
        suffixes += [folded, folded.split("/")[0]]
    for suffix in sorted(filter(None, suffixes), key=len, reverse=True):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].strip()
    if text.endswith(("%", "‰")):
        sign = text[-1]
        if not unit:
            raise BadValue(say("value.wrong_sign_no_unit", text=shown(text), sign=sign))
        raise BadValue(say("value.wrong_sign", text=shown(text), sign=sign, unit=unit))
    return text


def unreadable(text: str, cell: str | None = None) -> str | None:
    """What is wrong with a cell that shows an Excel error (``#DIV/0!``) or a formula never
    computed (``=B2*1``): no figure, nor any text to take as it is; None for any other text."""
    if _EXCEL_ERROR.fullmatch(text):
        return say("value.excel_error", text=text)
    if text.startswith("="):
        return say("value.formula", text=shown(text) if cell is None else cell)
    return None


def _to_float(text: str, typed: str | None = None, decimal_comma: bool = False) -> float:
    """The number ``text`` says; a BadValue quoting the cell as ``typed`` (its unit too)."""
    cell = shown(typed if typed is not None else text)
    if decimal_comma and "," in text and "." not in text:
        if re.fullmatch(_EITHER_WAY, text):
            decimal, thousands = text.replace(",", "."), text.replace(",", "")
            raise BadValue(
                say("value.comma_either_way", text=cell, decimal=decimal, thousands=thousands)
            )
        if re.fullmatch(_DECIMAL_COMMA, text):
            text = text.replace(",", ".")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise BadValue(unreadable(text, cell) or say("value.not_number", text=cell))
    number = float(text)
    if not math.isfinite(number):  # 400 nines: beyond a double, no rounding would help
        raise BadValue(say("value.not_finite", text=cell))
    if number == 0 and any(c in "123456789" for c in text.partition("e")[0].partition("E")[0]):
        raise BadValue(say("value.underflow", text=cell))  # 1e-400: no double but 0
    if len(text) > 16 and not _exact(text, number):
        raise BadValue(say("value.too_many_digits", text=cell, number=repr(number)))
    return number


def _exact(text: str, number: float) -> bool:
    """Does ``number`` say what ``text`` says? 99.99999999999999999 read as a double is 100.0,
    which meets ≥ 100 although the text does not: such a figure is refused, not rounded."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text) == Decimal(repr(number))
    except InvalidOperation:
        return True


def parse_rank(raw: object) -> int | None:
    """A rank: a whole number from 1, written ``3``, ``第3名`` or ``３``; None when empty."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise BadValue(say("value.rank_not_whole", text=shown(raw)))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = fold_figure(str(raw))
    if fold(text).casefold() in NO_FIGURE:
        return None
    text = text.removeprefix("第").removesuffix("名").strip()
    if not is_number(text) or int(text) < 1:
        raise BadValue(say("value.rank_not_from_1", text=shown(raw)))
    return int(text)


def parse_year(raw: object) -> int | None:
    """A calendar year written ``2023``, ``2023年`` or ``２０２３``; None when empty."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = fold_figure(str(raw)).removesuffix("年").removesuffix("年度").strip()
    if not text:
        return None
    if not (is_number(text) and len(text) == 4 and 1900 <= int(text) <= 2100):
        raise BadValue(say("value.not_year", text=shown(raw)))

    return int(text)

"""Text made safe for one line of a terminal or a CI log.

A message on stderr is read by people and by CI, where a line starting ``::error`` is a GitHub
workflow command: no line ``one_line`` makes starts with "::". A file name or a cell holding a
line break, an ESC sequence or a bidi override must not become a second line, a colour or text
shown backwards; a lone surrogate cannot be written at all. Each such character is shown as its
Python escape instead:

>>> one_line("2023\\n::error::x.csv")
'2023\\\\x0a::error::x.csv'
>>> one_line("\\x1b[31mred\\u202e")
'\\\\x1b[31mred\\\\u202e'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any


class LazyPattern:
    """A regular expression compiled when first used: a pattern only an error message or one
    report format needs costs nothing to the runs that never use it (every compile at import
    is paid by every command's start-up)."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self.pattern.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)

    def findall(self, text: str) -> list[Any]:
        return self.pattern.findall(text)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.pattern.sub(replacement, text)


# C0, DEL, C1 (NEL among them); the Unicode line and paragraph separators; the bidi marks,
# embeddings, overrides and isolates that reorder what a reader sees ("Trojan Source"); lone
# surrogates, which no encoding can write. The one definition, for stderr and every report.
_CONTROL_RANGES = (
    (0x00, 0x1F), (0x7F, 0x9F), (0x061C, 0x061C), (0x200E, 0x200F), (0x2028, 0x2029),
    (0x202A, 0x202E), (0x2066, 0x2069), (0xD800, 0xDFFF),
)  # fmt: skip
_CONTROL_CLASS = "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _CONTROL_RANGES) + "]"
# Compiled when first used: each format compiles the class it needs (``controls_but``), and
# compiling it costs every run ~0.6 ms.
CONTROLS = LazyPattern(_CONTROL_CLASS)


def shown_escape(match: re.Match[str]) -> str:
    """A matched character as its Python escape: ``\\xNN`` below U+0100, else ``\\uNNNN``."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.lru_cache(maxsize=8)
def controls_but(keep: str) -> re.Pattern[str]:
    """The control characters but those in ``keep``."""
    if not keep:
        return CONTROLS.pattern
    return re.compile(f"(?![{re.escape(keep)}]){_CONTROL_CLASS}")


def visible_controls(text: str, keep: str = "\t\n") -> str:
    r"""Control characters written out, so that none of them acts on the screen or the page.

    C0, DEL and C1 as ``\xNN``; U+2028, U+2029, the bidi controls and lone surrogates as
    ``\uNNNN``. Characters in ``keep`` stay (tab and line feed by default: the report formats
    show them as space and line break); when the line feed stays and CR does not, a CR LF line
    break is a line feed.

    >>> visible_controls("a\x1b[31mred\r\n\u202eb")
    'a\\x1b[31mred\n\\u202eb'
    >>> visible_controls("one\ntwo", keep="")
    'one\\x0atwo'
    """
    if "\n" in keep and "\r" not in keep:
        text = text.replace("\r\n", "\n")
    return controls_but(keep).sub(shown_escape, text)


# A GitHub Actions runner takes a line for a workflow command when it starts with "::" once the
# leading white space is trimmed (.NET's TrimStart: Unicode white space; the zero-width
# characters too, to be safe).
_COMMAND_START = LazyPattern(r"[\s\u180e\u200b\u2060\ufeff]*::")


def one_line(text: str) -> str:
    """``text`` as exactly one line for a terminal or a CI log (see the module docstring), which
    is never a workflow command: a line that would start with "::" (a relative file name such as
    ``::error title=x::2023.csv`` first) starts with "./" instead, the same file's name.

    >>> one_line("::error title=x::2023.csv:2: unknown indicator")
    './::error title=x::2023.csv:2: unknown indicator'
    """
    line = visible_controls(text, keep="")
    return "./" + line if _COMMAND_START.match(line) else line


# What a spreadsheet may run as a formula at the start of a cell ("CSV injection"): a CSV the
# tool writes puts a ``'`` before such text, and its readers take that ``'`` off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """Text a spreadsheet would run as a formula, made text with a leading ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def as_typed(cell: str) -> str:
    """A text cell as it was typed before ``neutralised`` (a results file read back as a
    submission keeps its units and notes): ``'-暂无`` is ``-暂无``."""
    return cell[1:] if cell[:1] == "'" and cell[1:].startswith(FORMULA_START) else cell

"""Text made safe for one line of a terminal or a CI log.

A message on stderr is read by people and by CI, where a line starting ``::error`` is a GitHub
workflow command. A file name or a cell holding a line break, an ESC sequence or a bidi override
must not become a second line, a colour or text shown backwards; a lone surrogate cannot be
written at all. Each such character is shown as its Python escape instead:

>>> one_line("2023\\n::error::x.csv")
'2023\\\\x0a::error::x.csv'
>>> one_line("\\x1b[31mred\\u202e")
'\\\\x1b[31mred\\\\u202e'
"""

from __future__ import annotations

import re

# C0 (tab and line feed included), DEL, C1 (NEL among them), the Unicode line and paragraph
# separators, the bidi marks, embeddings, overrides and isolates, and lone surrogates.
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str) -> str:
    """Every control character of ``text`` as ``\\xNN`` or ``\\uNNNN``; the rest unchanged.

    >>> visible_controls("a\\tb\\u2028c")
    'a\\\\x09b\\\\u2028c'
    """
    return _CONTROLS.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` as exactly one line for a terminal or a CI log (see the module docstring)."""
    return visible_controls(text)

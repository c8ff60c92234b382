r"""What users typed, made text in every report format: one function per target.

Names, notes, unit names, titles, reasons and file names come from files anyone can write. The
renderers pass each piece of such text through the function of their target, never through an
ad-hoc ``replace``, and never put it into markup (rich markup, HTML, XML) unescaped:

    terminal          rich ``Text`` (no markup)            ``[/b]`` stays ``[/b]``
    terminal_lines    a terminal report, whole             no line is a workflow command
    markdown_inline   a heading, a list item, a bold run   ``# x`` stays text, not a heading
    markdown_cell     one cell of a markdown table         ``|`` cannot split the row
    mermaid_label     a quoted label in a Mermaid chart    a line break cannot close the block
    html              HTML text or an attribute value      ``<script>`` is shown
    xml               ElementTree text or an attribute     no character XML 1.0 forbids
    github_message    a workflow command's message         one line, ``%`` kept
    github_property   a workflow command's property        ``:`` and ``,`` kept too

Every one of them shows control characters with ``visible_controls``, the one place that says
which characters those are and how they look. JSON keeps the exact text: ``json_safe`` only
writes the control characters its encoder leaves raw as JSON's own ``\uNNNN`` escapes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from plancheck.safetext import LazyPattern, controls_but, shown_escape, visible_controls

if TYPE_CHECKING:  # rich is imported only by the table format, which builds the Text
    from rich.text import Text

# Besides the controls (safetext.CONTROLS), XML 1.0 forbids the non-characters U+FFFE, U+FFFF.
_NOT_XML = LazyPattern("[\ufffe\uffff]")


def terminal(text: str, style: str = "") -> Text:
    r"""Text for rich: never read as markup, control characters (ESC, CR…) visible.

    >>> terminal("[/b] [link=http://x]\x1b[31m").plain
    '[/b] [link=http://x]\\x1b[31m'
    """
    from rich.text import Text

    return Text(visible_controls(text), style=style)


# A GitHub Actions runner takes a line of the log for a workflow command when it starts with "::"
# once leading white space is trimmed (safetext's rule, and a colour's SGR code before it): a
# unit, a title or a file name holding a line break, or a word wrapped onto a line's start.
_COMMAND_LINE = LazyPattern(
    r"^((?:[^\S\n]|[\u180e\u200b\u2060\ufeff]|\x1b\[[0-9;]*m)*:)(?=:)", re.M
)


def terminal_lines(text: str) -> str:
    r"""A terminal report whose lines no CI log reads as a workflow command: a line that would
    start with "::" has a zero-width space between the two colons (it reads the same).

    >>> terminal_lines("Submission: a\n::error::x.csv\n  ::warning::y\nok: ::z\n")
    'Submission: a\n:\u200b:error::x.csv\n  :\u200b:warning::y\nok: ::z\n'
    """
    if "::" not in text:
        return text
    return _COMMAND_LINE.sub("\\1\u200b", text)


_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "~": "\\~",  # strikethrough
        "$": "\\$",  # GitHub's math
        "&": "&amp;",  # else "&amp;" in a note shows as "&"
        "<": "&lt;",
        ">": "&gt;",
        "\u200b": "&#8203;",  # from _LINKABLE: visible in the source, invisible on the page
    }
)
# GitHub finds @mentions, :emoji: shortcodes, bare URLs and e-mail addresses in the rendered text,
# where a backslash escape is gone: a zero-width space after "@" or ":" and before the dot of
# "www." keeps them text (as Dependabot does for mentions).
_LINKABLE = LazyPattern(r"(?<=[@:])(?=[A-Za-z0-9_+\-/])|(?<=www)(?=\.)", re.IGNORECASE)
# A list item's text is parsed as blocks: at its start "-", "+" or "1." would open a nested list.
_LIST_MARKER = LazyPattern(r"^(?:([-+])|(\d{1,9})([.)])(?=[ \t]|$))")


def _markdown_lines(text: str) -> list[str]:
    lines = visible_controls(text).split("\n")
    return [_LINKABLE.sub("\u200b", line.strip()).translate(_MARKDOWN) for line in lines]


@lru_cache(maxsize=1 << 16)  # a report repeats its names and targets on every row
def markdown_inline(text: str) -> str:
    r"""Markdown text that shows as typed: no heading, list, link, mention, emoji or HTML.

    Markdown's punctuation is backslash-escaped, ``<``, ``>`` and ``&`` are entities, line breaks
    are ``<br>`` (empty lines dropped), control characters visible.

    >>> markdown_inline("# *x* <b> @team :tada: http://a.b\n- [y]")
    '\\# \\*x\\* &lt;b&gt; @&#8203;team :&#8203;tada: http:&#8203;//a.b<br>- \\[y\\]'
    >>> markdown_inline("1. first")
    '1\\. first'
    """
    shown = "<br>".join(line for line in _markdown_lines(text) if line)
    return _LIST_MARKER.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", shown)


@lru_cache(maxsize=1 << 16)
def markdown_cell(text: str) -> str:
    r"""One cell of a GitHub-flavoured markdown table: ``markdown_inline``, and ``|`` escaped.

    >>> markdown_cell("a | b\nc")
    'a \\| b<br>c'
    >>> markdown_cell("")
    ' '
    """
    lines = [line.replace("|", "\\|") for line in _markdown_lines(text) if line]
    return "<br>".join(lines) or " "


# Mermaid's own escapes, "#NN;" (decimal code points): a quote, "#" itself, "%" (of "%%"
# comments and "%%{init}%%" directives), a backquote (a markdown label) and HTML's specials.
_MERMAID = str.maketrans({ch: f"#{ord(ch)};" for ch in '"#%`<>&'})


def mermaid_label(text: str) -> str:
    r"""A quoted label of a Mermaid chart: on one line, so it cannot close the fenced block.

    >>> mermaid_label('Unit "A"\n```')
    '"Unit #34;A#34;\\x0a#96;#96;#96;"'
    """
    return '"' + visible_controls(text, keep="").translate(_MERMAID) + '"'


@lru_cache(maxsize=1 << 16)
def xml(text: str) -> str:
    r"""Text ElementTree can write as XML 1.0 (it escapes ``<``, ``&`` and quotes itself):
    control characters visible, and U+FFFE and U+FFFF as ``\uNNNN``.

    >>> xml("bell\x07 \ufffe")
    'bell\\x07 \\ufffe'
    """
    return _NOT_XML.sub(shown_escape, visible_controls(text))


def html(text: object) -> str:
    r"""HTML text or a quoted attribute value: ``xml``, then ``&``, ``<``, ``>`` and quotes escaped.

    >>> html('<b title="x">\x1b')
    '&lt;b title=&quot;x&quot;&gt;\\x1b'
    """
    return _html(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 16)
def _html(text: str) -> str:
    import html as html_module  # here: the JSON and terminal reports never need it

    return html_module.escape(xml(text), quote=True)


def github_message(text: str) -> str:
    r"""A workflow command's message, escaped as GitHub's toolkit does (``%``, CR and LF), and
    other control characters visible (an ESC would colour the log).

    >>> github_message("50% done\r\nnext\x1b[31m")
    '50%25 done%0D%0Anext\\x1b[31m'
    """
    shown = visible_controls(text, keep="\r\n")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    r"""A workflow command's property value (``file=``, ``title=``): ``github_message``, and
    ``:`` and ``,`` escaped, which would end the value.

    >>> github_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return github_message(text).replace(":", "%3A").replace(",", "%2C")


def json_safe(encoded: str) -> str:
    r"""JSON as the encoder wrote it (``ensure_ascii=False``), with the control characters it leaves
    raw (DEL, C1, U+2028, bidi controls) as ``\uNNNN``: parsed, the very same strings; printed on
    a terminal, inert. They occur only inside strings, so the line breaks of the layout stay.

    >>> json_safe('{"note": "a\u009b31m\u202e"}\n')
    '{"note": "a\\u009b31m\\u202e"}\n'
    """
    return controls_but("\n").sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)

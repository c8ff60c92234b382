"""The command line's help in Chinese: the catalog's ``HELP`` laid over the click commands typer
built, and a help formatter that says 用法、选项、参数、命令 with full-width colons.

Applied in one place (``cli._Group.main``) when the run's language is Chinese; cli.py keeps its
English help where each option is declared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from itertools import pairwise
from typing import Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from plancheck.i18n import HELP, HELP_NAMES, HELP_TYPES_EN, help_text
from plancheck.linebreak import line_breaks
from plancheck.safetext import LazyPattern


def parameters(group: Any) -> Iterator[tuple[str, str | None, Any]]:
    """(command path, parameter key or None for the command itself, the click object) of every
    command, option and argument under ``group``; the key is an option's long name or an
    argument's name."""
    pending: list[tuple[str, Any]] = [("", group)]
    while pending:
        path, command = pending.pop(0)
        yield path, None, command
        for param in command.params:
            yield path, parameter_key(param), param
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            pending.append((f"{path} {name}".strip(), sub))


def parameter_key(param: Any) -> str:
    if param.param_type_name == "argument":
        return str(param.name)
    long = [opt for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--")]
    return str(long[0] if long else param.opts[0])


def _format_help(english: str) -> str | None:
    """--format's help in Chinese, built like the English one: "table: …; json: …"."""
    described = []
    for part in english.split("; "):
        name, _, _rest = part.partition(": ")
        found = HELP.get(f"format {name}")
        if found is None:
            return None
        described.append(f"{name}：{found}")
    return "；".join(described)


# A command's line in its group's list ends where its help's first clause does: at a Chinese
# 。；： or at an English ". ", "; " or ": " (click would cut "…; exit 0, 1…" after a word, "exit 0...").
_FIRST_CLAUSE = re.compile(r"[。；：]|[.;:](?:\s|$)")
_ASIDE = re.compile(r"\s*[（(][^（()）]*[）)]\s*")


def short(text: str, columns: int) -> str:
    """A command's line in its group's list: the help's first clause, within ``columns`` (a
    Chinese character takes two): if it is wider, up to its first ，, then without its bracketed
    asides (``indicators.yaml（或 tasks.yaml）`` is ``indicators.yaml``), and only then cut,
    between words when it has spaces, with an ellipsis."""
    first = _FIRST_CLAUSE.split(" ".join(text.split()), maxsplit=1)[0].strip()
    if width(first) > columns:
        first = first.split("，", 1)[0]
    if width(first) > columns:
        first = " ".join(_ASIDE.sub(" ", first).split())
    while width(first) > columns:
        cut = first[:-1].rsplit(" ", 1)[0] if " " in first[:-1] else first[:-2]
        first = cut.rstrip(" ,，、") + "…"
    return first


def _short(text: str) -> str:
    """A command's line in its group's list in Chinese: within 44 columns."""
    return short(text, 44)


def shorten(group: Any) -> None:
    """Give every command under ``group`` its line in its group's list in English: the first
    clause of its help (``Judge a submission's figures against the plan``), within 60 columns."""
    for _, key, command in parameters(group):
        if key is None and command.help:
            command.short_help = short(command.help, 60)


def translate(group: Any) -> None:
    """Put the Chinese help on every command, option and argument of ``group`` (click objects
    typer builds afresh for each run)."""
    for path, key, obj in parameters(group):
        if key is None:
            found = help_text(path)
            if found is not None:
                obj.help = found
                obj.short_help = _short(found)
            continue
        if obj.param_type_name == "argument" and f"{path} {key}" in HELP_NAMES:
            obj.metavar = HELP_NAMES[f"{path} {key}"]  # its name in the usage line and errors
        if key == "--format" and obj.help and help_text(path, key) is None:
            found = _format_help(obj.help)
        else:
            found = help_text(path, key)
        if found is not None:
            obj.help = found


_DEFAULT = re.compile(r"\s*\[default: ([^\]]*)\]")
_TYPE = re.compile("|".join(re.escape(name) for name in HELP_NAMES if name.startswith("<")))
_REQUIRED = re.compile(r"\s*\[required\]")
_NOTE_AFTER_STOP = re.compile(r"。((?:（[^（）]*）)+)$")
# A line may break before any Chinese character, and between words (linebreak.line_breaks then keeps
# what 禁则 forbids off a line's start and end: a closing mark, an opening one).
# Compiled when a help page is first wrapped: every Chinese run imports this module, and a
# character class this wide costs 15 M instructions to compile.
_TOKENS = LazyPattern(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\S")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (Chinese) characters two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _breaks(text: str, columns: int) -> list[int]:
    """Where lines of at most ``columns`` break ``text``: before the first character or word
    that does not fit (a word longer than a line keeps its own line)."""
    breaks: list[int] = []
    start = 0
    for found in _TOKENS.pattern.finditer(text):
        if found.start() > start and width(text[start : found.end()].rstrip()) > columns:
            breaks.append(found.start())
            start = found.start()
    return breaks


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns (a longer word keeps its line,
    and the marks around it), broken where 禁则 allows (``linebreak.line_breaks``)."""
    text = " ".join(text.split())
    offsets = [0, *line_breaks(text, columns, _breaks, hang=True), len(text)]
    return [text[start:end].rstrip() for start, end in pairwise(offsets)]


class ChineseHelpFormatter(HelpFormatter):
    """click's formatter with Chinese headings and full-width colons."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{HELP['Usage']}："
        for english in ("COMMAND [ARGS]...", "[OPTIONS]"):
            args = args.replace(english, HELP[english])
        super().write_usage(prog, args.replace("...", "…"), prefix)  # the ellipsis of <路径>…

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HELP.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for paragraph in text.split("\n\n"):
            if self.buffer and paragraph is not text:
                self.write("\n")
            lines = wrap(" ".join(paragraph.split()), max(self.width - len(indent), 20))
            self.write("".join(f"{indent}{line}\n" for line in lines))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list (options, commands), wrapped by the width characters take on
        a terminal: a Chinese character takes two columns."""
        rows = [(_TYPE.sub(lambda m: HELP_NAMES[m.group()], first), self._help(second))
                for first, second in rows]  # fmt: skip
        first_col = min(max((width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    @staticmethod
    def _help(text: str) -> str:
        if text.startswith("Show this message and exit."):
            text = HELP["--help"] + text.removeprefix("Show this message and exit.")
        text = _DEFAULT.sub(lambda m: f"（{HELP['default']}：{m.group(1)}）", text)
        text = _REQUIRED.sub(f"（{HELP['required']}）", text)
        return _NOTE_AFTER_STOP.sub(r"\1。", text)  # 文件（必填）。, not 文件。（必填）


_TYPE_EN = re.compile("|".join(re.escape(name) for name in HELP_TYPES_EN))


class EnglishHelpFormatter(HelpFormatter):
    """click's formatter, with ``<path>…`` for what typer shows as ``<list[Path]>``."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_TYPE_EN.sub(lambda m: HELP_TYPES_EN[m.group()], first), second)
                for first, second in rows]  # fmt: skip
        super().write_dl(rows, col_max, col_spacing)


@contextmanager
def _laid_out_by(formatter: type[HelpFormatter]) -> Iterator[None]:
    """Help written while this is active is laid out by ``formatter``."""
    previous = Context.formatter_class
    Context.formatter_class = formatter
    try:
        yield
    finally:
        Context.formatter_class = previous


def english_help(group: Any) -> AbstractContextManager[None]:
    """Help laid out by ``EnglishHelpFormatter``, each command's line in a list its first clause
    (``shorten``)."""
    shorten(group)
    return _laid_out_by(EnglishHelpFormatter)


def chinese_help() -> AbstractContextManager[None]:
    """Help laid out by ``ChineseHelpFormatter``."""
    return _laid_out_by(ChineseHelpFormatter)

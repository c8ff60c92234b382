"""The command line's help in Chinese: the catalog's ``HELP`` laid over the click commands typer
built, and a help formatter that says 用法、选项、参数、命令 with full-width colons.

Applied in one place (``cli._Group.main``) when the run's language is Chinese; cli.py keeps its
English help where each option is declared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from plancheck.i18n import HELP, help_text


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


def _short(text: str) -> str:
    """A command's line in its group's list: the help's first sentence."""
    first = re.split(r"(?<=[。；])", text, maxsplit=1)[0].rstrip("。；")
    return first if len(first) <= 40 else first[:39] + "…"


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
        if key == "--format" and obj.help and help_text(path, key) is None:
            found = _format_help(obj.help)
        else:
            found = help_text(path, key)
        if found is not None:
            obj.help = found


_DEFAULT = re.compile(r"\[default: ([^\]]*)\]")


class ChineseHelpFormatter(HelpFormatter):
    """click's formatter with Chinese headings and full-width colons."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{HELP['Usage']}："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HELP.get(heading, heading)}：\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, self._help(second)) for first, second in rows]
        super().write_dl(rows, col_max, col_spacing)

    @staticmethod
    def _help(text: str) -> str:
        if text.startswith("Show this message and exit."):
            text = HELP["--help"] + text.removeprefix("Show this message and exit.")
        text = _DEFAULT.sub(lambda m: f"（{HELP['default']}：{m.group(1)}）", text)
        return text.replace("[required]", f"（{HELP['required']}）")


@contextmanager
def chinese_help() -> Iterator[None]:
    """Help written while this is active is laid out by ``ChineseHelpFormatter``."""
    previous = Context.formatter_class
    Context.formatter_class = ChineseHelpFormatter
    try:
        yield
    finally:
        Context.formatter_class = previous

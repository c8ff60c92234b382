"""rich's console for the terminal reports it lays out (the plan's listings, the task checks, the
diff), its text wrapped by ``linebreak.line_breaks``: rich's own breaks, obeying 禁则 in Chinese.

Imported only when such a report is printed (it imports rich). Every piece of text the console
renders, a ``Text`` or a string, is wrapped by ``Wrapped.wrap``: rich's ``Text.wrap`` with its
breaks made by ``line_breaks`` over rich's ``divide_line``. Text with no Chinese in it breaks
exactly where rich breaks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich._wrap import divide_line
from rich.console import Console as RichConsole
from rich.containers import Lines
from rich.text import Text

from plancheck.linebreak import line_breaks

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import ConsoleOptions, JustifyMethod, OverflowMethod, RenderableType
    from rich.segment import Segment


def _folding(text: str, width: int) -> list[int]:
    return divide_line(text, width, fold=True)


class Wrapped(Text):
    """A rich ``Text`` whose lines break where ``linebreak.line_breaks`` says."""

    def wrap(
        self,
        console: RichConsole,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """rich's ``Text.wrap``, its breaks from ``line_breaks``."""
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        no_wrap = bool(no_wrap if no_wrap is not None else self.no_wrap) or overflow == "ignore"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            if no_wrap:
                if overflow == "ignore":
                    lines.append(line)
                    continue
                new_lines = Lines([line])
            else:
                plain = str(line)
                if wrap_overflow == "fold":
                    offsets = line_breaks(plain, width, _folding)
                else:
                    offsets = divide_line(plain, width, fold=False)
                new_lines = line.divide(offsets)
                for piece in new_lines:
                    piece.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in new_lines:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines


def wrapped(text: Text) -> Wrapped:
    """``text`` as a ``Wrapped`` (the same characters, styles and settings)."""
    if isinstance(text, Wrapped):
        return text
    out = Wrapped(
        text.plain,
        style=text.style,
        justify=text.justify,
        overflow=text.overflow,
        no_wrap=text.no_wrap,
        end=text.end,
        tab_size=text.tab_size,
    )
    out._spans[:] = text._spans
    return out


class Console(RichConsole):
    """rich's console, every text it renders wrapped as ``Wrapped``."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        if type(renderable) is Text:
            renderable = wrapped(renderable)
        return super().render(renderable, options)

    def render_str(self, text: str, **options: Any) -> Text:
        return wrapped(super().render_str(text, **options))

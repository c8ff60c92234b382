"""The one way to say "bad input": a located UserError, turned into exit code 2 by the CLI.

Findings in the data (a failed target) are not errors: they are results, and give exit 1.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """Input or usage the user must fix. Rendered as one line: ``file:line:column: message``."""

    def __init__(
        self,
        message: str,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column

    @property
    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        # One line, whatever the message holds: a report reader greps for it.
        flat = " ".join(self.message.split())
        return f"{self.location}: {flat}" if self.file is not None else flat


class UserErrors(UserError):
    """Several located problems found at once (``plan validate`` lists them all)."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(errors[0].message, errors[0].file, errors[0].line, errors[0].column)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

"""The one way to say "bad input": a located UserError, turned into exit code 2 by the CLI.

Findings in the data (a failed target) are not errors: they are results, and give exit 1.
"""

from __future__ import annotations

import functools
from pathlib import Path

from plancheck.safetext import LazyPattern, one_line

# In a message, a line break or a tab (inside a quoted cell, say) reads as a space; every other
# control character, and any in a file name, is shown escaped by one_line.
_SPACES = LazyPattern(r"[ \t\n\r\v\f]+")


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
        # One line, whatever the file name or the message holds: CI reads stderr line by line.
        message = _SPACES.sub(" ", self.message).strip()
        return one_line(f"{self.location}: {message}" if self.file is not None else message)


class UserErrors(UserError):
    """Several located problems found at once (``plan validate`` lists them all)."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(errors[0].message, errors[0].file, errors[0].line, errors[0].column)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)  # one line each


def os_reason(exc: OSError) -> str:
    """Why a call on a file failed, as messages say it: "permission denied" in the run's
    language (the same words whichever call was refused), else the system's own words."""
    from plancheck.i18n import say

    if isinstance(exc, PermissionError):
        return say("file.permission_denied")
    key = _errno_keys().get(exc.errno or 0)
    if key is not None:
        return say(key)
    return exc.strerror or str(exc)


@functools.cache
def _errno_keys() -> dict[int, str]:
    """The system's reasons a person meets, in the run's language; any other is the system's
    own words."""
    import errno

    keys = {"ENOSPC": "os.enospc", "EROFS": "os.erofs", "ENOENT": "os.enoent",
            "EISDIR": "os.eisdir", "ENOTDIR": "os.enotdir", "EPIPE": "os.epipe",
            "ENAMETOOLONG": "os.enametoolong", "ELOOP": "os.eloop", "EBUSY": "os.ebusy",
            "EIO": "os.eio", "EEXIST": "os.eexist", "EFBIG": "os.efbig", "EDQUOT": "os.edquot",
            "ENXIO": "os.enxio", "ETXTBSY": "os.etxtbsy"}  # fmt: skip
    return {getattr(errno, name): key for name, key in keys.items() if hasattr(errno, name)}


def missing_dependency(package: str, what: str, file: str | Path | None = None) -> UserError:
    """A package plancheck depends on is gone from this installation (Excel and Word support
    come with every install): say so without sending the user to a package index."""
    from plancheck.i18n import say

    doing = say(_DOING[what]) if what in _DOING else what
    return UserError(say("deps.missing", what=doing, package=package), file)


# What needs the package, as callers say it in English, and as the catalog says it.
_DOING = {
    "reading Word documents": "deps.reading_word",
    "reading Excel workbooks": "deps.reading_excel",
    "writing an Excel template": "deps.writing_template",
}

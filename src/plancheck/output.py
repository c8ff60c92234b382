"""Write a report so that nothing is lost: atomically, and never over an input file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from plancheck.errors import UserError


def write_report(text: str | bytes, path: Path, inputs: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename.

    A reader of ``path`` sees the old report or the new one, never half of one; on any error the
    temporary file is removed and an earlier report stays as it was.
    """
    data = text if isinstance(text, bytes) else text.encode("utf-8")  # bytes: an .xlsx
    write_report_chunks([data], path, inputs)


def _is_special(path: Path) -> bool:
    """A device or a pipe (/dev/null, /dev/stdout, a FIFO): there is nothing to rename over."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISBLK(mode)


def _write_through(chunks: Iterable[bytes | memoryview | str], path: Path) -> None:
    """Written to as it is: replacing /dev/null with a file, as a rename would, breaks the system."""
    try:
        with open(path, "wb") as out:
            for chunk in chunks:
                out.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    except OSError as exc:
        raise UserError(f"cannot write the report: {exc.strerror or exc}", path) from None


def write_report_chunks(
    chunks: Iterable[bytes | memoryview | str], path: Path, inputs: Iterable[Path] = ()
) -> None:
    """``write_report`` for a report made piece by piece (a large JSON report): each chunk is
    written as it comes, so the whole report never sits in memory; the same atomic rename."""
    target = path.resolve()
    for source in inputs:
        with contextlib.suppress(OSError):
            if source.exists() and target.exists() and os.path.samefile(source, target):
                raise UserError("refusing to write the report over an input file", path)
            if source.resolve() == target:
                raise UserError("refusing to write the report over an input file", path)
    if target.is_dir():
        raise UserError("the output is a directory; give a file name", path)
    if _is_special(path):
        _write_through(chunks, path)
        return
    folder = target.parent
    if not folder.is_dir():
        raise UserError("the output's folder does not exist", path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write the report: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UserError(f"cannot write the report: {exc.strerror or exc}", path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

"""Write a report so that nothing is lost: atomically, and never over a file the command reads.

A report goes to a temporary file beside its target, then replaces the target in one rename: a
reader of the target sees the old report or the new one, never half of one. The temporary file is
removed on any error, and by ``process`` when a signal stops the command
(``remove_temporaries``).

A report is never written over a file the command reads — its plan (the bundled one too), a
submission, a reference or progress file — whatever name reaches it: a symbolic or hard link or
``..`` (``refuse_inputs``).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from plancheck.errors import UserError, os_reason
from plancheck.i18n import say
from plancheck.textfile import files_read, looked_up

_temporaries: set[str] = set()  # the temporary files now being written


def gathered(pieces: Iterable[str]) -> Iterator[str]:
    """Pieces of text gathered into chunks of about a million characters, to write."""
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(chunk)
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk)


_CHUNK = 1 << 20


def encoded(data: str | bytes | Iterable[str]) -> Iterator[bytes]:
    """The bytes of a report: text as UTF-8 (a lone surrogate, from a file name say, cannot be:
    it is written as its escape), pieces of text a chunk at a time."""
    if isinstance(data, bytes):
        yield data
        return
    for text in [data] if isinstance(data, str) else gathered(data):
        yield text.encode("utf-8", "backslashreplace")


def write_report(
    data: str | bytes | Iterable[str],
    path: str | Path,
    protected: Iterable[Path] = (),
    *,
    what: str = "the report",
) -> None:
    """Write ``data`` (text is written as UTF-8; pieces of text as they come) to ``path``,
    atomically: the file appears whole or not at all.

    ``path`` as the user typed it: a str keeps a trailing "/" (``-o out/``), which Path drops.
    ``protected``: the files the command reads. Every file read through ``textfile`` is protected
    without being named here; name the others. ``what``: the thing written, as messages name it
    ("the report", "the file").
    """
    refuse_folder_name(path, what)
    target = Path(path)
    refuse_inputs(target, [*protected, *files_read()])
    payload = encoded(data)
    if _is_special(target):
        _write_through(payload, target, what)
        return
    resolved = check_target(target, what, path)
    folder = resolved.parent
    try:
        handle, temporary = _create_temporary(folder)
    except OSError as exc:
        raise UserError(say("output.cannot_write", what=_what(what), reason=os_reason(exc)),
                        path) from None  # fmt: skip
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in payload:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        give_mode(temporary, resolved)
        os.replace(temporary, resolved)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise UserError(say("output.cannot_write", what=_what(what),
                                reason=os_reason(exc)), path) from None  # fmt: skip
        raise
    finally:
        _temporaries.discard(temporary)


def check_target(target: Path, what: str = "the report", shown: str | Path | None = None) -> Path:
    """The resolved path a file may be written to (renamed over) as ``target``; a UserError,
    named ``shown`` (default: ``target``), when it may not: a folder, a folder that is not there
    or cannot be searched, an existing file the user may not write (read-only: a rename would
    replace it all the same)."""
    shown = target if shown is None else shown
    refused = _refused(shown, what)
    resolved = _resolved(target)
    found = looked_up(resolved, refused)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise UserError(say("output.is_directory", what=_what(what)), shown)
    folder = looked_up(resolved.parent, refused)
    if folder is None or not stat.S_ISDIR(folder.st_mode):
        raise UserError(say("output.no_folder"), shown)
    if found is not None and not os.access(resolved, os.W_OK):
        raise UserError(say("output.read_only", what=_what(what)), shown)
    return resolved


def refuse_unreachable(target: Path, what: str = "the report") -> None:
    """A UserError when ``target`` cannot even be looked at: a folder on the way the user may not
    search (for a command that asks whether the file exists before it writes it)."""
    looked_up(_resolved(target), _refused(target, what))


def _refused(shown: str | Path, what: str) -> Callable[[str], UserError]:
    def refused(reason: str) -> UserError:
        return UserError(say("output.cannot_write", what=_what(what), reason=reason), shown)

    return refused


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    """A UserError when ``target`` is one of ``inputs``: the same file (device and inode) when
    both exist, else the same resolved path."""
    target_id = _identity(target)
    for source in inputs:
        source_id = _identity(source)
        if target_id is not None and source_id is not None:
            same = target_id == source_id
        else:
            same = _resolved(target) == _resolved(source)
        if same:
            named = "" if str(source) == str(target) else say("output.named", source=source)
            raise UserError(say("output.over_input", named=named), target)


def remove_temporaries() -> None:
    """Remove every temporary file being written (a signal is stopping the command)."""
    for name in list(_temporaries):
        with contextlib.suppress(OSError):
            os.unlink(name)
        _temporaries.discard(name)


def refuse_folder_name(path: str | Path, what: str = "the report") -> None:
    """A UserError when the name is empty (``-o ''``) or ends with "/": a report goes into a
    file, not a folder."""
    name = str(path)
    if not name:
        raise UserError(say("output.empty_name", what=_what(what)))
    separators = tuple(s for s in (os.sep, os.altsep) if s)
    if name.endswith(separators) and name.strip("".join(separators)):
        raise UserError(say("output.folder_name", end=name[-1], what=_what(what)), name)


def _what(what: str) -> str:
    """What is written, in the run's language ("the report", "the file")."""
    return say("output.the_file") if what == "the file" else say("output.the_report")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    return info.st_dev, info.st_ino


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        return path.absolute()


def _is_special(path: Path) -> bool:
    """A device or a pipe (/dev/null, /dev/stdout, a FIFO): there is nothing to rename over."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISBLK(mode)


def _write_through(payload: Iterable[bytes], path: Path, what: str) -> None:
    """Written to as it is: replacing /dev/null with a file, as a rename would, breaks the system."""
    try:
        with open(path, "wb") as out:
            for chunk in payload:
                out.write(chunk)
    except OSError as exc:
        raise UserError(say("output.cannot_write", what=_what(what), reason=os_reason(exc)),
                        path) from None  # fmt: skip


def _create_temporary(folder: Path) -> tuple[int, str]:
    """A new, empty file in ``folder`` with a short name: any legal report name fits beside it."""
    while True:
        name = str(folder / f".plancheck-{os.urandom(4).hex()}.tmp")
        _temporaries.add(name)  # before it exists: a signal between the two still removes it
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), name
        except FileExistsError:
            _temporaries.discard(name)
        except BaseException:
            _temporaries.discard(name)
            raise


def give_mode(temporary: str, target: Path) -> None:
    """The mode the report would have had: the old report's, or a new file's under the umask."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)

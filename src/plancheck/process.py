"""The process around a command: an exit code that tells the truth, one line on stderr for each
problem, and nothing left behind.

Exit codes (the README's "Exit codes and safety"):

- 0 and 1 only for a judgement made (compliant or not, valid);
- 2 for bad input or usage, and for a report that could not be written (standard output closed,
  full or gone; a file that cannot be written);
- 3 for an internal error, a bug: one line naming it, the traceback only with
  ``PLANCHECK_DEBUG=1``;
- 128 + the signal's number when SIGINT (130), SIGTERM (143) or SIGHUP (129) stops the command,
  after the temporary file of a report being written is removed.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import typer

from plancheck.entry import Stopped, stop_on_signals, stop_within, stopped
from plancheck.errors import UserError, UserErrors
from plancheck.safetext import one_line

EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
DEBUG_VARIABLE = "PLANCHECK_DEBUG"
REPORT_BUGS_AT = '"Exit codes and safety" in the README'
# A failed write to stderr is ignored: there is nowhere left to say it.
_QUIET = contextlib.suppress(OSError, ValueError)


class OutputFailed(OSError):
    """Standard output cannot be written: it is closed, full, or its reader has gone."""


def run(command: Callable[[], object]) -> NoReturn:
    """Run ``command`` (the CLI; it returns its exit code or None) and exit with the code earned."""
    from plancheck import i18n

    code = EXIT_BAD_INPUT
    # What is said after the CLI returns (a signal, a failed flush) in the language of the run.
    previous = i18n.set_lang(i18n.from_arguments(sys.argv[1:], os.environ))
    try:
        stop_on_signals()  # again: installed by entry.py for the command, not for a direct call
        _guard_standard_output()
        code = _outcome(command)
        if not _flushed():
            code = max(code, EXIT_BAD_INPUT)  # a judgement no one received is not a judgement
    except Stopped as stop:
        code = stopped(stop)
    finally:
        i18n.set_lang(previous)
    sys.exit(code)


def _outcome(command: Callable[[], object]) -> int:
    try:
        result = command()
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            return exit_.code or 0
        say(str(exit_.code))
        return EXIT_BAD_INPUT
    except Exception as error:
        return report_error(error)
    return result if isinstance(result, int) else 0


def report_error(error: Exception) -> int:
    """Say ``error`` on stderr, a line for each problem, and return the exit code it gives."""
    if isinstance(error, UserError):
        for problem in error.errors if isinstance(error, UserErrors) else [error]:
            say(str(problem))  # plan validate: a line for each problem
        return EXIT_BAD_INPUT
    if isinstance(error, OutputFailed):
        from plancheck import i18n

        target = error.filename
        if target == "standard output":
            target = i18n.say("process.standard_output")
        from plancheck.errors import os_reason

        reason = (
            i18n.say("process.closed") if error.strerror == "it is closed" else os_reason(error)
        )
        say("plancheck: " + i18n.say("process.cannot_write", target=target, reason=reason))
        return EXIT_BAD_INPUT
    if isinstance(error, typer.Abort):
        from plancheck import i18n

        say("plancheck: " + i18n.say("process.aborted"))
        return EXIT_BAD_INPUT
    if isinstance(error, _CLICK_ERROR):  # click's usage errors
        return _usage_error(error)
    return internal_error(error)


def internal_error(error: BaseException) -> int:
    """A bug: one line asking for a report; the traceback too with PLANCHECK_DEBUG=1. An error
    a signal was turned into is not one: the stop is raised again (run() says it)."""
    stop = stop_within(error)
    if stop is not None:
        raise stop
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        import traceback

        with _QUIET:
            traceback.print_exception(error, file=sys.stderr)
    from plancheck import i18n

    say("plancheck: " + i18n.say("process.internal_error", kind=type(error).__name__, error=error,
                 address=REPORT_BUGS_AT, variable=DEBUG_VARIABLE))  # fmt: skip
    return EXIT_INTERNAL_ERROR


# click's ClickException, the base of its usage errors: typer exports BadParameter, not it (and
# older typer versions take it from click itself).
_CLICK_ERROR: type[Exception] = next(
    kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "ClickException"
)


def _usage_error(error: Exception) -> int:
    from plancheck import i18n

    code = getattr(error, "exit_code", EXIT_BAD_INPUT)
    message = i18n.usage(str(getattr(error, "format_message", error.__str__)()))
    if type(error).__name__ == "NoArgsIsHelpError":  # a command given alone: its help
        with _QUIET:
            if sys.stderr is not None:
                sys.stderr.write(message + "\n")
        return EXIT_BAD_INPUT
    context: Any = getattr(error, "ctx", None)
    # Without a context, click's parser found it in the program's own options (--version=3):
    # a command's is given its context by the CLI (cli._Group._in_command).
    path = "plancheck" if context is None else context.command_path
    say(i18n.say("usage.see_help", path=path, message=message))

    return code if code not in (0, 1) else EXIT_BAD_INPUT


def say(line: str) -> None:
    """Write one line on stderr, control characters escaped; a closed stderr says nothing."""
    if sys.stderr is None:
        return
    with _QUIET:
        sys.stderr.write(one_line(line) + "\n")
        sys.stderr.flush()


def write_stdout(data: str | bytes | Iterable[str]) -> None:
    """Write a report (text, bytes, or text piece by piece) to standard output; an OutputFailed
    when it cannot take it."""
    stream = sys.stdout
    if stream is None:
        raise OutputFailed(errno.EBADF, "it is closed", "standard output")
    try:
        if isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
        elif isinstance(data, str):
            stream.write(data)
        else:
            from plancheck.output import gathered

            for text in gathered(data):
                stream.write(text)
        stream.flush()
    except UnicodeEncodeError as exc:  # a stream run() did not guard (tests)
        character = exc.object[exc.start : exc.start + 1]
        raise OutputFailed(
            errno.EILSEQ, f"{character!r} cannot be written as {exc.encoding}", "standard output"
        ) from None
    except OutputFailed:
        raise
    except OSError as exc:
        raise OutputFailed(exc.errno, exc.strerror, "standard output") from None


# --- standard output ----------------------------------------------------------------------------


class _StandardOutput(io.FileIO):
    """File descriptor 1 whose failed writes raise OutputFailed, once: after the failure has been
    said, the rest is dropped, so that the interpreter's last flush cannot fail again."""

    failed = False

    def write(self, data: Any) -> int:
        if self.failed:
            return memoryview(data).nbytes
        try:
            written: int = super().write(data)
        except OSError as exc:
            self.failed = True
            raise OutputFailed(exc.errno, exc.strerror, "standard output") from None
        return written


class _ClosedOutput(io.RawIOBase):
    """Standard output when the command was started with it closed (``>&-``)."""

    failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.failed:
            return memoryview(data).nbytes
        self.failed = True
        raise OutputFailed(errno.EBADF, "it is closed", "standard output")


def _guard_standard_output() -> None:
    """Standard output whose failures are OutputFailed, and whose encoding never fails: what it
    cannot hold (Chinese on an ASCII terminal, a lone surrogate) is written as ``\\uNNNN``."""
    _fill_closed_descriptors()
    stream = sys.stdout
    raw: io.RawIOBase
    encoding, line_buffering = "utf-8", False
    if stream is None:
        raw = _ClosedOutput()
    else:
        try:
            descriptor = stream.fileno()
        except (OSError, ValueError):
            return  # not a file (an embedding program's stream): left as it is
        stream.flush()
        raw = _StandardOutput(descriptor, "wb", closefd=False)
        encoding, line_buffering = stream.encoding, bool(stream.line_buffering)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=encoding,
        errors="backslashreplace",
        line_buffering=line_buffering,
    )


def _fill_closed_descriptors() -> None:
    """Put /dev/null on a closed descriptor 0, 1 or 2: a file opened later would get its number
    and, for 1 or 2, receive what a library writes to it."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)


def _flushed() -> bool:
    """Flush standard output; False (and said) when what it held could not be written."""
    if sys.stdout is None:
        return True
    try:
        sys.stdout.flush()
    except OutputFailed as error:
        report_error(error)
        return False
    except (OSError, ValueError) as error:
        from plancheck import i18n

        target = i18n.say("process.standard_output")
        say("plancheck: " + i18n.say("process.cannot_write", target=target, reason=error))

        return False
    return True

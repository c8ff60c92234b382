"""The ``plancheck`` command's first module: the signals that stop a command are handled before
anything else is imported, then the CLI is.

Importing the CLI (typer, click, pydantic, the stages) is most of a short run. A Ctrl-C during it
is said as at any other moment: ``plancheck: stopped by SIGINT`` and exit 130, never a traceback
(process.py: exit codes). This module imports only ``signal`` beyond what the interpreter has
already loaded, so the handlers are in place at the first thing plancheck does; the CLI imports
``Stopped`` and the handlers from here (one definition).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

STOPPING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class Stopped(BaseException):
    """A signal asked the command to stop. A BaseException, so no ``except Exception`` keeps it:
    every ``finally`` on the way out runs (a half-written report's temporary file is removed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_on_signals() -> None:
    """Stop on SIGINT, SIGTERM and SIGHUP by raising ``Stopped``; an ignored one stays ignored."""
    for name in STOPPING_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:  # Windows has no SIGHUP
            continue
        if signal.getsignal(number) is signal.SIG_IGN:
            continue  # started under nohup, or in the background: it stays ignored
        signal.signal(number, _stop)
    global _passed_on
    if sys.unraisablehook is not _unraisable:
        _passed_on, sys.unraisablehook = sys.unraisablehook, _unraisable


_stopping = False
_raised: int | None = None  # the signal a Stopped was raised for, however it is caught after
_passed_on = sys.unraisablehook  # what _unraisable passes everything else on to


def _stop(signum: int, frame: FrameType | None) -> None:
    global _stopping
    if _stopping:
        return  # a second signal while stopping: the first one's clean-up is under way
    if _within_hook(frame):
        _raise_past_hook(signum)  # raised in the hook, it would be printed and lost
        return
    _stopping = True
    # Removed here, not only on the way out: nothing the command runs can keep them. Looked up,
    # not imported: a signal handler must not wait on an import lock.
    output = sys.modules.get("plancheck.output")
    if output is not None:
        output.remove_temporaries()
    global _raised
    _raised = signum
    raise Stopped(signum)


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """A signal that came while Python ran a weakref callback or a ``__del__`` (importing a
    module runs one as its lock is let go): ``Stopped`` raised there cannot propagate, and Python
    would print it as a traceback and go on. It is given back instead, to be raised at the next
    point that can raise it."""
    global _stopping
    if isinstance(unraisable.exc_value, Stopped):
        _stopping = False
        _raise_past_hook(unraisable.exc_value.signum)
        return
    _passed_on(unraisable)


def _within_hook(frame: FrameType | None) -> bool:
    """Is ``_unraisable`` (or what it calls) running?"""
    while frame is not None:
        if frame.f_code is _unraisable.__code__:
            return True
        frame = frame.f_back
    return False


def _raise_past_hook(signum: int) -> None:
    """``Stopped`` raised at the first Python event past the hook, by a profile function (an
    exception it raises propagates into the code that runs). Not by raising the signal again:
    Python runs its handler at once, still inside the hook."""
    ours = (_unraisable.__code__, _raise_past_hook.__code__)

    def deliver(frame: FrameType, event: str, arg: object) -> None:
        if frame.f_code in ours or _within_hook(frame):
            return
        sys.setprofile(None)
        _stop(signum, frame)

    sys.setprofile(deliver)


def stop_within(error: BaseException) -> Stopped | None:
    """The ``Stopped`` that ``error`` was raised from, if any: Python turns an exception raised
    inside some of its machinery into another (a ``RuntimeError`` from ``__set_name__`` while a
    class is made, as importing does), so a signal there reaches the command as that error."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        if isinstance(found, Stopped):
            return found
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    # Native code may keep only the words of a Stopped raised within it (pydantic-core's
    # SchemaError: "…Field `0`: Stopped: 2"): the signal raised it all the same.
    return None if _raised is None else Stopped(_raised)


def stopped(stop: Stopped) -> int:
    """Say on stderr which signal stopped the command, in the run's language; its exit code.
    Called once ``Stopped`` has unwound the command (and any import it was in)."""
    from plancheck import i18n

    lang = i18n.from_arguments(sys.argv[1:], os.environ)
    name = signal.Signals(stop.signum).name
    line = "plancheck: " + i18n.say_in(lang, "process.stopped", signal=name)
    if sys.stderr is not None:
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass  # a closed stderr: there is nowhere left to say it
    return 128 + stop.signum


def main() -> None:
    """The ``plancheck`` command (and ``python -m plancheck``)."""
    try:
        stop_on_signals()
        from plancheck.cli import main as command

        command()
    except KeyboardInterrupt:  # Ctrl-C while the handlers were being put in place: Python's own
        sys.exit(stopped(Stopped(signal.SIGINT)))
    except Stopped as stop:  # before the CLI's own handling began (while importing it)
        sys.exit(stopped(stop))
    except Exception as error:
        within = stop_within(error)
        if within is None:
            raise
        sys.exit(stopped(within))

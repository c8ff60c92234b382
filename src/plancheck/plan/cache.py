"""A cache of validated plans, keyed by the content of the plan's files.

Reading a plan means decoding its YAML and validating every model: most of what a district's
`evaluate` costs beyond the stack itself. The plan a user evaluates against rarely changes, so
the validated Plan is kept, pickled, under a key made of plancheck's version, Python's, the
files' bytes and the identity (size, modification time) of the modules that define a plan: any
change to a file, or to the code that reads it (a development checkout), is a new key. The folder is the user's cache folder
(``$PLANCHECK_CACHE``, else ``$XDG_CACHE_HOME/plancheck``, else ``~/.cache/plancheck``); it is
safe to delete at any time, and ``PLANCHECK_CACHE=off`` turns the cache off. Files are written
atomically and readable by their owner only; a cache that cannot be read or written is simply
not used.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plancheck.plan.models import Plan

_FORMAT = b"plancheck-plan-cache-2"  # 2: PlanInfo.office, office_en


def folder() -> Path | None:
    """Where cached plans live, or None when the cache is off."""
    setting = os.environ.get("PLANCHECK_CACHE")
    if setting is not None and setting.strip().lower() in ("", "0", "off", "no", "false"):
        return None
    if setting:
        return Path(setting)
    # A relative XDG_CACHE_HOME is ignored, as the XDG spec says (it would be a folder in the
    # current one: the repository of submissions); no home (a container's user without HOME
    # and without a passwd entry) is no cache, never a crash.
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # "Could not determine home directory"
            return None
        if not os.path.isabs(base):
            return None
    return Path(base) / "plancheck"


def _code_identity() -> str:
    """Size and modification time of the modules whose classes a cached plan holds: a checkout
    whose models or kinds changed since the plan was cached never unpickles a stale shape."""
    here = Path(__file__).resolve().parent
    modules = [here / "models.py", *sorted((here.parent / "kinds").glob("*.py"))]
    stamps = []
    for module in modules:
        with contextlib.suppress(OSError):
            stat = module.stat()
            stamps.append(f"{module.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ",".join(stamps)


def key(contents: list[bytes]) -> str:
    from plancheck import __version__

    try:  # CPython's own BLAKE2: no OpenSSL to load at start-up
        from _blake2 import blake2b
    except ImportError:  # another Python
        from hashlib import blake2b
    digest = blake2b(_FORMAT, digest_size=32)
    digest.update(f"{__version__} {sys.version} {_code_identity()}".encode())
    for content in contents:
        digest.update(len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.hexdigest()


def load(name: str) -> Plan | None:
    where = folder()
    if where is None:
        return None
    try:
        data = (where / f"{name}.pickle").read_bytes()
    except OSError:
        return None
    if not data.startswith(_FORMAT):
        return None
    try:
        plan = pickle.loads(data[len(_FORMAT) :])
    except Exception:  # an older or damaged entry: read the plan afresh
        return None
    from plancheck.plan.models import Plan

    return plan if isinstance(plan, Plan) else None


def store(name: str, plan: Plan) -> None:
    where = folder()
    if where is None:
        return
    import tempfile

    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".plan.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_FORMAT + pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, where / f"{name}.pickle")
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

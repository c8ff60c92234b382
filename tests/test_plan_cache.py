"""The cache of validated plans: a new key for any change to the plan's files or to the code
that reads them; never a stale plan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancheck.plan import cache
from plancheck.plan.load import load_plan
from tests.conftest import ROOT


def test_the_key_follows_the_files_bytes() -> None:
    assert cache.key([b"a: 1\n"]) == cache.key([b"a: 1\n"])
    assert cache.key([b"a: 1\n"]) != cache.key([b"a: 2\n"])
    assert cache.key([b"ab", b""]) != cache.key([b"a", b"b"])  # lengths are part of the key


def test_the_key_follows_the_code_that_defines_a_plan(tmp_path: Path) -> None:
    models = Path(cache.__file__).resolve().parent / "models.py"
    before = cache.key([b"x"])
    stat = models.stat()
    try:
        os.utime(models, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert cache.key([b"x"]) != before
    finally:
        os.utime(models, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.key([b"x"]) == before


def test_a_cached_plan_is_the_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_CACHE", str(tmp_path / "cache"))
    first = load_plan(ROOT / "data", tasks=False)
    assert any((tmp_path / "cache").iterdir())  # stored
    second = load_plan(ROOT / "data", tasks=False)  # read back
    assert second.indicators == first.indicators and second.info == first.info
    monkeypatch.setenv("PLANCHECK_CACHE", "off")
    assert load_plan(ROOT / "data", tasks=False).indicators == first.indicators


def test_no_home_is_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container's user with neither HOME nor a passwd entry: the plan is read afresh."""
    import pwd

    monkeypatch.delenv("PLANCHECK_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)

    def no_entry(uid: int) -> object:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert cache.folder() is None
    assert load_plan(ROOT / "data", tasks=False).indicators


@pytest.mark.parametrize("relative", ["~", ".cache", "cache/here"])
def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: str
) -> None:
    """As the XDG spec says: no cache folder made in the current folder (the repository)."""
    monkeypatch.delenv("PLANCHECK_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", relative)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert cache.folder() == tmp_path / "home" / ".cache" / "plancheck"
    load_plan(ROOT / "data", tasks=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]

"""Start-up guard (#8): a command imports only what it uses. Checked by module, never by seconds.

Each case runs the command in a fresh interpreter and lists the modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = str(ROOT / "samples" / "2023.csv")
PROBE = """
import json, sys
from plancheck.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
# Used only by other commands, formats or large files: importing them would cost every run.
HEAVY = ("polars", "numpy", "python_calamine", "xlsxwriter", "docx")
ELSEWHERE = (
    "plancheck.tasks",
    "plancheck.evaluate.diff",
    "plancheck.submission.read_xlsx",
    "plancheck.plan.importers",
    "plancheck.plan.consistency",
    "plancheck.template",
    "plancheck.ooxml",
)


def loaded(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def under(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in prefixes or m.startswith(prefixes))


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_evaluate_imports_only_what_it_uses(fmt: str) -> None:
    modules = loaded("evaluate", SAMPLE, "-f", fmt)
    assert "plancheck.evaluate.engine" in modules  # the probe did run the command
    assert under(modules, HEAVY) == []  # one district: its arrays are plain Python lists
    assert under(modules, ELSEWHERE) == []
    if fmt == "json":
        assert under(modules, ("rich",)) == []


def test_help_imports_neither_pydantic_models_nor_rich() -> None:
    modules = loaded("--help")
    assert "plancheck.cli" in modules
    assert under(modules, ("rich", "pydantic.main", "plancheck.plan.models", *HEAVY)) == []


ENTRY_PROBE = """
import json, sys
before = set(sys.modules)
from {module} import {function}
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_the_entry_point_is_imported_before_anything_heavy() -> None:
    # The console script imports the entry point, then calls it: a Ctrl-C during that import
    # would be a traceback, so it holds only the signal handlers (the CLI is imported by them
    # in place: test_faults.test_ctrl_c_while_starting_is_one_line_and_exit_130).
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = scripts["scripts"]["plancheck"].split(":")
    probe = ENTRY_PROBE.format(module=module, function=function)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    new = json.loads(done.stdout)
    assert [m for m in new if m.split(".")[0] != "plancheck"] == [
        m for m in new if m in sys.stdlib_module_names
    ]  # no third-party module (typer, click, pydantic, rich)
    assert [m for m in new if m.split(".")[0] == "plancheck"] == ["plancheck", "plancheck.entry"]
    main = (ROOT / "src" / "plancheck" / "__main__.py").read_text(encoding="utf-8")
    assert f"from {module} import {function}" in main  # python -m plancheck: the same start


MAIN_PROBE = """
import json, os, sys
from plancheck.cli import main
sys.argv = ["plancheck", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loader = sys.modules.get("pydantic.plugin._loader")
print(json.dumps([sorted(sys.modules), getattr(loader, "__file__", None)]))
"""


def main_loaded(env: dict[str, str], *args: str) -> tuple[set[str], str | None]:
    done = subprocess.run([sys.executable, "-c", MAIN_PROBE, *args], capture_output=True,
                          text=True, env=env)  # fmt: skip
    modules, loader_file = json.loads(done.stdout.splitlines()[-1])
    return set(modules), loader_file


def test_plugins_off_no_plugin_lookup_is_imported() -> None:
    # pydantic's plugin loader imports importlib.metadata (a sixth of a district's run) only to
    # find plugins plancheck has turned off.
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    modules, loader_file = main_loaded(env, "evaluate", SAMPLE, "-f", "json")
    assert "plancheck.evaluate.engine" in modules
    assert "pydantic.main" in modules  # pydantic did validate (the options)
    assert "importlib.metadata" not in modules
    assert loader_file is None  # the stand-in, not pydantic's module


def test_a_users_own_plugin_choice_keeps_pydantics_loader() -> None:
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some_plugin"}
    modules, loader_file = main_loaded(env, "evaluate", SAMPLE, "-f", "json")
    assert "plancheck.evaluate.engine" in modules
    assert loader_file is not None and loader_file.endswith("_loader.py")


def test_anything_else_asked_of_the_stand_in_is_pydantics_own() -> None:
    # A later pydantic may import more from its loader: it gets the real one, never an error.
    probe = """
import os, sys
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
from plancheck.cli import _no_plugin_loader
_no_plugin_loader()
from pydantic.plugin._loader import get_plugins
assert get_plugins() == ()
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
print(PYDANTIC_ENTRY_POINT_GROUP, sys.modules["pydantic.plugin._loader"].__file__)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    group, path = done.stdout.split()
    assert group == "pydantic" and path.endswith("_loader.py")

"""What every registered kind of target declares, checked over ``kinds.REGISTRY`` — so that a
kind added by docs/ARCHITECTURE.md's steps ("Adding a kind of target") is held to what the others
are without a test that names it: its texts are its own and said as declared, it is in the plan
of tests/fixtures/plans/kinds/, a case under tests/cases/kinds/ judges it, and the README says
how it is judged.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
import string
import sys
from pathlib import Path

import pytest

from plancheck.kinds import KINDS, Kind
from plancheck.messages import CATALOG
from plancheck.plan.load import load_plan
from tests.conftest import CASES, FIXTURES, ROOT, kind_name, run

IDS = [kind.__name__ for kind in KINDS]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def calls(kind: type[Kind], name: str) -> list[tuple[int, ast.Call]]:
    """The calls of ``name`` (``said``, ``fragment``) in the kind's module."""
    tree = ast.parse(Path(inspect.getfile(sys.modules[kind.__module__])).read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and name in (
            getattr(node.func, "id", None),
            getattr(node.func, "attr", None),
        ):
            found.append((node.lineno, node))
    return found


def test_no_two_kinds_declare_the_same_reason_key() -> None:
    """The kinds' ``messages`` are merged into one catalog: a key declared twice (a module copied
    and its keys kept) would silently give one kind the other's sentence."""
    owner: dict[str, str] = {key: "messages.CATALOG" for key in CATALOG["en"]}
    clashes = []
    for kind in KINDS:
        for key in kind.messages:
            if key in owner:
                clashes.append((kind.__name__, key, owner[key]))
            owner.setdefault(key, kind.__name__)
    assert clashes == []


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_text_a_kind_says_is_its_own_with_the_placeholders_it_fills(
    kind: type[Kind],
) -> None:
    """``self.said("key", …)`` names one of the kind's ``texts`` and fills exactly its
    placeholders (a typo is a KeyError in a user's run, not an error here); an f-string key
    (``describe_{measure}``) names at least one."""
    by_name = {k.__name__: k for k in KINDS}
    wrong = []
    for line, call in calls(kind, "said"):
        first = call.args[0] if call.args else None
        # self.said / cls.said, or another kind's (AverageGrowth.said): that kind's texts
        owner = by_name.get(getattr(getattr(call.func, "value", None), "id", ""), kind)
        names = {k.arg for k in call.keywords if k.arg is not None}
        spread = any(k.arg is None for k in call.keywords)  # **params: names not known here
        if isinstance(first, ast.Constant):
            text = owner.texts.get(first.value)
            if text is None or (
                not spread and (fields(text[0]), fields(text[1])) != (names, names)
            ):
                wrong.append((line, first.value, sorted(names)))
        elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
            prefix = str(first.values[0].value)
            if not any(key.startswith(prefix) for key in owner.texts):
                wrong.append((line, prefix + "…", sorted(names)))
    assert wrong == []


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_reason_a_kind_says_is_declared_with_the_placeholders_it_fills(
    kind: type[Kind],
) -> None:
    """``fragment("key", …)`` in a kind's module names a reason of the catalog (the kind's own or
    the shared ones of messages.py) and fills exactly its placeholders."""
    catalog = {**CATALOG["en"], **{k: en for k, (en, _) in kind.messages.items()}}
    tree = ast.parse(Path(inspect.getfile(sys.modules[kind.__module__])).read_text("utf-8"))
    wrong = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        # A key chosen at run time (key = "range_met" if row.met else "range_not_met"): the
        # catalog's keys written in the name's last assignment before the call.
        assigned = sorted(
            (node.lineno, node.targets[0].id, node.value)
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        )
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "fragment"):
                continue
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant):
                keys = {first.value}
            elif isinstance(first, ast.Name):
                values = [v for n, name, v in assigned if name == first.id and n < call.lineno]
                keys = {
                    c.value
                    for c in ast.walk(values[-1])
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                } if values else set()  # fmt: skip
            else:
                continue  # made some other way (f"describe_{…}"): not known here
            names = {k.arg for k in call.keywords if k.arg is not None}
            spread = any(k.arg is None for k in call.keywords)  # **params: not known here
            for key in keys:
                if key not in catalog or (not spread and fields(catalog[key]) != names):
                    wrong.append((call.lineno, key, sorted(names)))
    assert wrong == []


@functools.cache
def _named() -> tuple[set[str], set[str]]:
    """The strings the code of plancheck writes, but for a dict's keys (a catalog declaring a
    key does not say it), and the heads of its f-strings (f"describe_{self.measure}")."""
    named, heads = set(), set()
    for path in Path(inspect.getfile(Kind)).parents[1].rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        declared = {id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys}
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in declared:
                named.add(n.value)
            elif (
                isinstance(n, ast.JoinedStr) and n.values and isinstance(n.values[0], ast.Constant)
            ):
                heads.add(str(n.values[0].value))
    return named, {head for head in heads if re.fullmatch(r"\w+_", head)}


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_text_and_reason_a_kind_declares_is_said(kind: type[Kind]) -> None:
    """A declared key no code names is a sentence no one reads (or one renamed on one side)."""
    named, heads = _named()
    unsaid = [
        key
        for key in (*kind.texts, *kind.messages)
        if key not in named and not any(key.startswith(head) for head in heads)
    ]
    assert unsaid == []


def test_every_kind_is_in_the_kinds_plan_and_judged_by_a_case() -> None:
    """Step 3: an indicator of each kind in tests/fixtures/plans/kinds/, and a case folder
    under tests/cases/kinds/ that judges it (tests/test_kinds.py runs them on both backends)."""
    plan = load_plan(FIXTURES / "plans" / "kinds", tasks=False)
    kind_of = {i.id: type(i.target) for i in plan.indicators}
    assert set(KINDS) <= set(kind_of.values()), "a kind with no indicator in the kinds plan"
    judged = set()
    for case in (CASES / "kinds").iterdir():
        for line in (case / "expected.txt").read_text("utf-8").splitlines():
            if line.strip() and not line.startswith(("#", "refused")):
                judged.add(kind_of[line.split()[2]])
    assert [k.__name__ for k in KINDS if k not in judged] == []


def test_the_readme_says_how_each_kind_is_judged() -> None:
    """Step 4: a row per kind in "How each kind of target is judged", with its plan form."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## How each kind of target is judged", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[0]: cells[2]
        for line in section.splitlines()
        if line.startswith("| ") and len(cells := [c.strip() for c in line.split("|")[1:]]) > 3
    }
    missing = [
        kind_name(kind)
        for kind in KINDS
        if f"{{kind: {kind_name(kind)}" not in rows.get(kind_name(kind).replace("_", " "), "")
    ]
    assert missing == []


def test_the_kinds_plan_is_valid_and_each_text_reads_as_its_target() -> None:
    """plan validate reads every target_text of the kinds plan as its target: a new kind's text
    that an earlier kind in the registry reads (介于80至95之间 is a range) is an error, and only a
    todo target (a text not read) is noted."""
    plan = load_plan(FIXTURES / "plans" / "kinds", tasks=False)
    todo = {i.id for i in plan.indicators if kind_name(type(i.target)) == "todo"}
    result = run("plan", "validate", FIXTURES / "plans" / "kinds")
    assert result.code == 0, result.stderr
    noted = [re.search(r"indicator (\S+):", line) for line in result.stderr.splitlines()]
    assert {m.group(1) if m else "?" for m in noted} <= todo, result.stderr

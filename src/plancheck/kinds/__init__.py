"""The registry of the kinds of target: one module each, listed here once.

``KINDS`` is the order the phrase parser tries their phrases in (the more specific first: 5.5%左右
is an approximate level, not the threshold 5.5 with a unit "%左右"). ``Target`` is the plan
model's field type: any registered kind, told apart by ``kind``. Code outside the kinds sees a
target only through the methods of ``kinds.base.Kind``.

Both are built when first asked for: a district's ``evaluate`` unpickles its cached plan and
imports only the kinds that plan uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from plancheck.kinds.base import Kind

# module: class, in the order the phrase parser tries them
REGISTRY: tuple[tuple[str, str], ...] = (
    ("yearly", "Yearly"),
    ("around", "Around"),
    ("range", "Range"),
    ("average_growth", "AverageGrowth"),
    ("cumulative", "Cumulative"),
    ("threshold", "Threshold"),
    ("relative", "Relative"),
    ("versus", "Versus"),
    ("rank", "Rank"),
    ("change", "Change"),
    ("qualitative", "Qualitative"),
    ("todo", "Todo"),
)

if TYPE_CHECKING:
    KINDS: tuple[type[Kind], ...]
    Target = Kind


def _kinds() -> tuple[type[Kind], ...]:
    found = []
    for module, name in REGISTRY:
        kind = getattr(importlib.import_module(f"plancheck.kinds.{module}"), name)
        found.append(kind)
    return tuple(found)


def __getattr__(name: str) -> Any:
    if name == "KINDS":
        value: Any = _kinds()
    elif name == "Target":
        from typing import Annotated, Union

        from pydantic import Field

        value = Annotated[Union[_kinds()], Field(discriminator="kind")]  # noqa: UP007
    else:
        raise AttributeError(name)
    globals()[name] = value
    return value


def messages() -> dict[str, dict[str, str]]:
    """Every kind's reasons, by language: merged into the reason catalog."""
    catalog: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    for kind in _kinds():
        for key, (en, zh) in kind.messages.items():
            catalog["en"][key] = en
            catalog["zh"][key] = zh
    return catalog


def texts() -> dict[str, dict[str, str]]:
    """Every kind's texts outside the reports (its reading, plan import's checks), by language
    and ``Kind.key``: for the catalog tests."""
    catalog: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    for kind in _kinds():
        for key, (en, zh) in kind.texts.items():
            catalog["en"][f"{kind.__name__}.{key}"] = en
            catalog["zh"][f"{kind.__name__}.{key}"] = zh
    return catalog


__all__ = ["KINDS", "REGISTRY", "Kind", "Target", "messages", "texts"]

"""The registry of the kinds of target: one module each, listed here once.

``KINDS`` is the order the phrase parser tries their phrases in (the more specific first: 5.5%左右
is an approximate level, not the threshold 5.5 with a unit "%左右"). ``Target`` is the plan
model's field type: any registered kind, told apart by ``kind``. Code outside the kinds sees a
target only through the methods of ``kinds.base.Kind``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from plancheck.kinds.around import Around
from plancheck.kinds.average_growth import AverageGrowth
from plancheck.kinds.base import Kind
from plancheck.kinds.change import Change
from plancheck.kinds.cumulative import Cumulative
from plancheck.kinds.qualitative import Qualitative
from plancheck.kinds.range import Range
from plancheck.kinds.rank import Rank
from plancheck.kinds.relative import Relative
from plancheck.kinds.threshold import Threshold
from plancheck.kinds.todo import Todo
from plancheck.kinds.versus import Versus
from plancheck.kinds.yearly import Yearly

KINDS: tuple[type[Kind], ...] = (
    Yearly,
    Around,
    Range,
    AverageGrowth,
    Cumulative,
    Threshold,
    Relative,
    Versus,
    Rank,
    Change,
    Qualitative,
    Todo,
)

if TYPE_CHECKING:
    Target = Kind
else:
    Target = Annotated[Union[KINDS], Field(discriminator="kind")]  # noqa: UP007


def messages() -> dict[str, dict[str, str]]:
    """Every kind's reasons, by language: merged into the reason catalog."""
    catalog: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    for kind in KINDS:
        for key, (en, zh) in kind.messages.items():
            catalog["en"][key] = en
            catalog["zh"][key] = zh
    return catalog


__all__ = ["KINDS", "Kind", "Target", "messages"]

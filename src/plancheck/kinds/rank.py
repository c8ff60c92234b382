"""rank — a place among peers: 全市前列 is rank 5 or better among the city's districts.

In the plan: ``{kind: rank, peers: city, best: 5}``; ``peers`` is one of the plan's
``peer_groups``. The rank is the submitted ``rank``, else the unit's place among the submitted
units in the direction the indicator is good (ties share the better place: 1, 2, 2, 4).
Passing: rank 5 with ``best: 5`` — "rank 5 (submitted); the target is rank 5 or better among …".
Failing: rank 6. Unknown: no rank given or computable.
全市前列 is read as the top third of Shanghai's 16 districts (rank ≤ 5): a documented cut-off.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import (
    Facts,
    Judged,
    Kind,
    Row,
    Timing,
    met_where,
    model,
    peer_group_text,
    source,
)
from plancheck.kinds.phrasing import (
    CN,
    DEFAULT_PEERS,
    FRONT_RANK,
    LEAD,
    SCOPE,
    SCOPES,
    ParsedTarget,
    cn_number,
    form,
    not_understood,
)
from plancheck.kinds.relative import named
from plancheck.messages import Reason, fragment

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Rank(Kind):
    """A position among peers: pass when the unit's rank is ``best`` or better (1 is best)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "在比较组中的名次：单位的排名为 best 或更好时达标（1 为最好）。",
        "peers": "规划的 peer_groups 中某个比较组的键。",
        "best": "仍算达标的最差名次，如 16 个中的第 5 名。",
    }

    kind: Literal["rank"]
    peers: Annotated[str, Field(description="Key of a peer group in the plan's `peer_groups`.")]
    best: Annotated[
        int, Field(ge=1, strict=True, description="Worst rank that still passes, e.g. 5 of 16.")
    ]

    columns: ClassVar[tuple[str, ...]] = ("rank",)
    closes_gap: ClassVar[bool] = False  # Kind.closes_gap: no gap from a baseline
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "rank_met": (
            "rank {rank} ({source}); the target is rank {best} or better among {peers}",
            "排名第 {rank}（{source}）；目标为{peers}前 {best} 名",
        ),
        "rank_not_met": (
            "rank {rank} ({source}); the target is rank {best} or better among {peers}",
            "排名第 {rank}（{source}）；目标为{peers}前 {best} 名",
        ),
        "needs_rank": (
            "needs the rank among {peers}: add a 'rank' value or submit all units",
            "需要在{peers}中的排名：请填写 rank（排名）或报送全部单位",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("rank <= {best} among {peers}", "在 {peers} 中排名 <= {best}"),
        "front": (
            "'{text}' read as rank {best} or better; change `best` if your office uses another",
            "“{text}”读作排名第 {best} 或更前；如本单位另有口径，请修改 `best`",
        ),
        "no_peers": (
            "'{text}' names no peer group: read as among '{peers}'",
            "“{text}”未指明比较范围：读作在“{peers}”中比较",
        ),
    }

    def describe(self) -> str:
        return self.said("describe", best=self.best, peers=self.peers)

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def peers_used(self) -> str | None:
        return self.peers

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        rank = facts.rank()
        known = ~xp.isnan(facts.value) & ~xp.isnan(rank.value)
        met = met_where(xp, known, rank.value <= float(self.best))
        return Judged(met, xp.full(facts.size, float(self.best)), rank.shown("rank"))

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        peers = peer_group_text(plan, self.peers)
        rank = row.get("rank")
        if rank is None:
            return (fragment("needs_rank", peers=peers),)
        return (
            fragment(
                "rank_met" if row.met else "rank_not_met",
                rank=str(int(rank)),
                best=str(self.best),
                peers=peers,
                source=source(row, "rank"),
            ),
        )

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """Rank ``best`` or better scores 100, the last rank of the peer group 0."""
        xp = facts.xp
        rank = judged.shown["rank"]
        size = facts.plan.peer_groups[self.peers].size
        if size is None:  # no group size: the rank itself, or one past the cut-off, is last
            size_of = xp.maximum(rank, float(self.best + 1))
        else:
            size_of = xp.full(facts.size, float(size))
        span = xp.maximum(size_of - float(self.best), 1.0)
        fraction = (size_of - rank) / span
        scored = xp.minimum(xp.maximum(fraction, 0.0), 1.0) * 100.0
        scored = xp.where(rank <= float(self.best), 100.0, scored)
        return xp.where(xp.isnan(judged.met) | xp.isnan(rank), math.nan, scored)

    def input_problem(self, plan: Plan, field: str, figure: float) -> str | None:
        size = plan.peer_groups[self.peers].size
        if field == "rank" and size is not None and figure > size:
            return say("kind.rank_beyond", rank=f"{figure:g}", size=size)
        return None

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        group = plan.peer_groups.get(self.peers)
        if group is None:
            yield ("target", "peers"), say("kind.unknown_peers", peers=self.peers)
        elif group.size is not None and self.best > group.size:
            yield ("target", "best"), say("kind.rank_always_met", best=self.best, size=group.size)

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        if not isinstance(read, Rank):
            return False, ""
        same_peers = self.peers == read.peers or named(
            plan.peer_groups.get(self.peers), parsed.scope
        )
        same_best = parsed.default_best or self.best == read.best
        return same_peers and same_best, ""


def _front(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    scope = match.group("scope")
    target = Rank(kind="rank", peers=SCOPES[scope][0], best=FRONT_RANK)
    note = Rank.said("front", text=text, best=FRONT_RANK)
    return ParsedTarget(text, target, "rank: among the best", unit=unit, scope=scope,
                        default_best=True, notes=(note,))  # fmt: skip


def _rank(form_name: str):  # type: ignore[no-untyped-def]
    def build(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
        best = 1 if match.groupdict().get("first") else cn_number(match.group("n"))
        if best is None or best < 1:
            return not_understood(text, say("phrase.not_a_rank", text=match.group("n")))
        scope = match.group("scope")
        peers = SCOPES[scope][0] if scope else DEFAULT_PEERS
        notes = () if scope else (Rank.said("no_peers", text=text, peers=DEFAULT_PEERS),)
        target = Rank(kind="rank", peers=peers, best=best)
        return ParsedTarget(text, target, form_name, unit=unit, scope=scope, notes=notes)

    return build


Rank.phrases = (
    form(
        "rank: among the best",
        "全市前列",
        None,
        "rank 5 or better among the peer group city (前列/前茅/领先; change `best` if your office "
        "uses another cut-off)",
        rf"^{LEAD}{SCOPE}(?:排名|排位)?(?:前列|前茅|领先|领先水平|第一方阵)$",
        _front,
    ),
    form(
        "rank: top N",
        "全市前三",
        None,
        "rank 3 or better among city (前N, 前N名, 前N位; without 全市/全区… the peers are city)",
        rf"^{LEAD}{SCOPE}?(?:排名|排位)?前(?P<n>\d+|{CN})(?:名|位)?(?:以内)?$",
        _rank("rank: top N"),
    ),
    form(
        "rank: place N",
        "位居全市第一",
        None,
        "rank 1 among city (第N, 第N名, 首位; a place is read as that place or better)",
        rf"^{LEAD}{SCOPE}?(?:排名|排位)?(?:第(?P<n>\d+|{CN})(?:名|位)?|(?P<first>首位|首名|榜首))$",
        _rank("rank: place N"),
    ),
)

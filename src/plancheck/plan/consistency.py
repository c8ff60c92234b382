"""Does each indicator's machine ``target`` say what its ``target_text`` says?

``plan validate`` runs ``TargetTextCheck`` as an extra check of ``load_plan``: a target text the
phrase parser reads differently from the target written beside it is an error
(``indicator 20: target_text '50以上' reads as >= 50 but target says > 50``). A target text the
parser does not know is no error — a plan may encode what the parser cannot read — but it is
printed as a note, and so are readings that rest on a default (a bare number read as a floor).

``plancheck evaluate`` does not run this check: it judges the machine target, the one its reasons
print, and ``plan validate`` is the gate for a plan's files (run it in CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field

from plancheck.errors import UserError
from plancheck.i18n import say
from plancheck.kinds import Target
from plancheck.kinds.phrasing import ParsedTarget
from plancheck.plan.models import IndicatorsFile
from plancheck.plan.phrases import parse_target
from plancheck.record import record
from plancheck.yamlfile import MarkedYaml


@record(frozen=False)
class TargetTextCheck:
    """A ``load_plan`` check; ``notes`` collects the located notes it found on the way, and
    the warnings of each indicator's kind (``Kind.warnings``)."""

    notes: list[str] = field(default_factory=list)

    def __call__(self, indicators: IndicatorsFile, doc: MarkedYaml) -> Iterator[UserError]:
        info = indicators.plan
        if info.baseline_year < info.period.start - 1:  # 2020 for 2026–2030: a copied plan's
            self._note(doc, ("plan", "baseline_year"), say("check.baseline_far",
                       year=info.baseline_year, start=info.period.start,
                       expected=info.period.start - 1), "check.warning")  # fmt: skip
        for n, indicator in enumerate(indicators.indicators):
            for path, message in indicator.target.warnings(indicator, indicators):
                self._note(doc, ("indicators", n, *path), message, "check.warning")
            parsed = parse_target(indicator.target_text, indicator.unit)
            here = ("indicators", n, "target")
            label = say("check.label", id=indicator.id, text=indicator.target_text)
            if not parsed.understood:
                self._note(doc, ("indicators", n, "target_text"),
                           say("check.not_understood", label=label, reason=parsed.reason))  # fmt: skip
                continue
            verdict = disagreement(parsed, indicator.target, indicators)
            if verdict is None:
                continue
            message, is_error = verdict
            if is_error:
                yield doc.error(here, say("check.disagrees", label=label, message=message))
            else:
                self._note(doc, here, say("check.disagrees", label=label, message=message))

    def _note(
        self, doc: MarkedYaml, path: tuple[str | int, ...], message: str, key: str = "check.note"
    ) -> None:
        self.notes.append(say(key, where=doc.error(path, message).location, message=message))


def disagreement(
    parsed: ParsedTarget, declared: Target, plan: IndicatorsFile
) -> tuple[str, bool] | None:
    """None when they agree; else the message and whether it is an error (False: a note)."""
    read = parsed.target
    assert read is not None
    agree, note = declared.agrees(read, parsed, plan)
    if agree:
        return None
    both = say("check.reads_as", read=read.describe(), declared=declared.describe())
    return (say("check.with_note", both=both, note=note), False) if note else (both, True)

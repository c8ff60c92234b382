"""Where terminal text may break into lines: 禁则 (kinsoku), the rules of Chinese typesetting.

A line of Chinese may not start with a closing mark (、，。；：！？）」』】》〉…％ and the like) nor end
with an opening one (（「『【《〈“), a —— or …… is never split, nor a run of Western letters and
figures within Chinese text (2025, --reference, 2.3%). Every wrapper of terminal text breaks its
lines with ``line_breaks``: the lean layout of the evaluation report (``report/grid.py``), the
rich console of the other terminal reports (``report/richwrap.py``) and the Chinese help
(``help_zh.py``). It takes the wrapper's own breaks and moves each one 禁则 forbids back to the
nearest place it allows (推出, as a fixed-width terminal must: the characters after that place
are carried down to the next line, so no line grows wider than its column). Text with no
Chinese, Japanese or Korean character in it keeps the wrapper's breaks: English wraps as before.

Standard library only: the help imports it.
"""

from __future__ import annotations

from collections.abc import Callable

# 禁则 (kinsoku): what Chinese typesetting forbids at a line's start and end (CLREQ 3.1.7).
NO_LINE_START = frozenset("、，。．；：！？）］｝〕〉》」』】〗〙〟”’…‥％‰℃·・,.;:!?)]}%")
NO_LINE_END = frozenset("（［｛〔〈《「『【〖〘〝“‘([{")
_INSEPARABLE = frozenset("—…‥")  # —— and …… are never split across lines
# Chinese, Japanese and Korean text and the full-width forms: a line holding one is CJK text.
# Code point ranges compared, not a character class: re compiles a class this wide one code
# point at a time, 40 M instructions at every start (the start-up floor's 4 %).
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
               (0xFF00, 0xFFEF))  # fmt: skip
_FIRST_CJK = chr(_CJK_RANGES[0][0])


def _cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _apart(char: str) -> bool:
    """A character that is no part of a Western word or figure: CJK, or the general
    punctuation Chinese sets full width (“ ” ‘ ’ — …), a line may break beside it."""
    return _cjk(char) or "\u2010" <= char <= "\u206f"


def _has_cjk(text: str) -> bool:
    return max(text, default="") >= _FIRST_CJK and any(map(_cjk, text))


def _forbidden(text: str, start: int, at: int) -> bool:
    """Whether a line of CJK text ``text[start:at]`` may not end before ``text[at]``: the next
    line would start with a closing mark, this one end with an opening one, a —— or …… be split,
    or a run of Western letters and figures (2025, --reference, 2.3%) be cut."""
    before, after = text[at - 1], text[at]
    following = text[at:].lstrip()[:1] if after.isspace() else after
    last = text[start:at].rstrip()[-1:] if before.isspace() else before
    if not following or not last:  # only spaces on one side: no mark to keep or move
        return False
    if following in NO_LINE_START or last in NO_LINE_END:
        return True
    if before == after and after in _INSEPARABLE:
        return True
    return not (before.isspace() or after.isspace() or _apart(before) or _apart(after))


def line_breaks(
    text: str, width: int, divide: Callable[[str, int], list[int]], *, hang: bool = False
) -> list[int]:
    """Where to break one line of ``text`` into lines of at most ``width`` cells: ``divide``'s
    breaks (rich's word wrapping, the Chinese help's), each that 禁则 forbids in CJK text moved
    back to the nearest place it allows, the characters after it carried down to the next line
    (推出: no line grows wider, and ``divide`` lays out the rest again from there). A line with
    no such place keeps ``divide``'s break (no line is wider than ``width``), unless ``hang``
    (the help, whose lines a word wider than a line may overflow, as click's do) and the line
    holds a Western word or figure: then it goes on to the first place 禁则 allows, the marks
    kept with the word they belong to. Text
    with no CJK character keeps all of ``divide``'s breaks.

    Every wrapper of terminal text breaks its lines here: ``grid.wrap`` (the evaluation report),
    the rich console of the other terminal reports (``report/richwrap.py``), the Chinese help.
    """
    breaks = divide(text, width)
    if not breaks or not _has_cjk(text):
        return breaks
    out: list[int] = []
    start = n = 0
    while n < len(breaks):
        end = breaks[n]
        at = end
        if _forbidden(text, start, end):
            at -= 1
            while at > start and (text[at].isspace() or _forbidden(text, start, at)):
                at -= 1
        if at == start and hang:  # a word wider than a line keeps its marks on its line
            at = end + 1
            while at < len(text) and (text[at].isspace() or _forbidden(text, start, at)):
                at += 1
            if not any(char.isalnum() and not _cjk(char) for char in text[start:at]):
                at = end  # no word: only Chinese marks, broken where they must be
            elif at == len(text):
                break
        if at in (start, end):
            out.append(end)
            start, n = end, n + 1
        else:
            out.append(at)
            start, n = at, 0
            breaks = [at + b for b in divide(text[at:], width)]
    return out

"""``plancheck check``: a few lines saying what was read — one per file, then its warnings.

    ok samples/2023.csv: 22 figures (1 without a value), unit 徐汇区, year 2023
    well-formed: 1 file, 22 figures against 徐汇区全面依法治区第十四个五年规划 (not judged: plancheck evaluate)

The words of every format (the terminal's lines here, github annotations, a junit report) are
made here, and the table format re-exports its ``render_check``; the JSON's fields are
``report/json.py``'s. Text from the files (names, units) is shown with its control characters
visible (a tab stays a tab, and each format shows it its way): each line stays one line.
"""

from __future__ import annotations

import itertools

from plancheck.i18n import fill
from plancheck.messages import year_span
from plancheck.report import Options
from plancheck.safetext import visible_controls
from plancheck.submission.summary import CheckSummary, FileSummary

MAX_UNITS = 5  # units named on a file's line; the rest are counted

WORDS = {
    "en": {
        "figures": "{n} figures",
        "empty": " ({n} without a value)",
        "ok": "ok ",
        "unit": "unit {unit}",
        "units": "{n} units",
        "year": "year {years}",
        "years": "years {years}",
        "more": "and {n} more",
        "sheet": "sheet {sheet}",
        "history": "baseline year{s} {years}",
        "done": "well-formed: {files} files, {figures} figures, plan {plan}; not judged "
        "(plancheck evaluate judges them)",
        "colon": ": ",
        "done_split": "; not judged",
        "comma": ", ",
        "open": " (",
        "close": ")",
        "warning": "warning: ",
    },
    "zh": {
        "figures": "{n} 个数值",
        "empty": "（{n} 个无数值）",
        "ok": "已读取 ",
        "unit": "单位为{unit}",
        "units": "{n} 个单位",
        "year": "年度为{years}年",
        "years": "年度为{years}年",
        "more": "等 {n} 个",
        "sheet": "工作表“{sheet}”",
        "history": "基期年度为{years}年",
        "done": "格式无误：{files} 个文件，{figures} 个数值，规划“{plan}”；未评估（评估请用 "
        "plancheck evaluate）",
        "colon": "：",
        "done_split": "；未评估",
        "comma": "，",
        "open": "（",
        "close": "）",
        "warning": "警告：",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS["zh" if lang == "zh" else "en"]


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def file_line(summary: FileSummary, lang: str) -> str:
    """``ok 2023.csv: 22 figures (1 without a value), unit 徐汇区, year 2023``; in Chinese
    ``已读取 2023.csv：22 个数值（1 个无数值），单位为徐汇区，年度为2023年`` (the English line
    stays as it is: scripts look for its ``ok``)."""
    w = _words(lang)
    comma = w["comma"]
    parts = [fill(lang, w["figures"], {"n": f"{summary.figures:,}"})]
    if summary.empty:
        parts[0] += w["empty"].format(n=f"{summary.empty:,}")
    units = list(summary.units)
    shown = units[:MAX_UNITS]
    named = ("、" if lang == "zh" else ", ").join(shown)
    if len(units) > len(shown):
        named += (" " if lang != "zh" else "") + w["more"].format(n=len(units) - len(shown))
    if units == [""]:
        pass  # a unit without a name (a plan with no `unit`, a file with no unit column)
    elif len(units) == 1:
        parts.append(w["unit"].format(unit=named))
    else:
        parts.append(w["units"].format(n=len(units)) + w["open"] + named + w["close"])
    years = summary.years
    years_text = (
        year_span(years[0], years[-1], lang)
        if _consecutive(years) and len(years) > 2
        else (("、" if lang == "zh" else ", ").join(map(str, years)))
    )
    parts.append(w["year" if len(years) == 1 else "years"].format(years=years_text))
    if summary.sheet is not None:
        parts.append(w["sheet"].format(sheet=summary.sheet))
    return visible_controls(f"{w['ok']}{summary.file}{w['colon']}{comma.join(parts)}", keep="\t")


def _consecutive(years: tuple[int, ...]) -> bool:
    return all(b == a + 1 for a, b in itertools.pairwise(years))


def done_line(summary: CheckSummary, lang: str) -> str:
    """The last line: how many files and figures, and that nothing was judged."""
    w = _words(lang)
    text = fill(
        lang,
        w["done"],
        {
            "files": len(summary.files),
            "figures": f"{summary.figures:,}",
            "plan": summary.plan.info.id,
        },
    )
    if summary.history:
        years = ("、" if lang == "zh" else ", ").join(map(str, summary.history))
        history = w["history"].format(s=_plural(len(summary.history)), years=years)
        text = text.replace(w["done_split"], w["comma"] + history + w["done_split"], 1)
    return visible_controls(text, keep="\t")


def warned(warning: str, lang: str) -> str:
    """``warning: …``, ``警告：…``: a warning under the file it was found in."""
    return _words(lang)["warning"] + warning


def render_check(summary: CheckSummary, options: Options) -> str:
    """The terminal's lines: each file, its warnings under it, then the last line. A tab reads
    as a space, as in the table format; every other control character is shown."""
    lines: list[str] = []
    for file in summary.files:
        lines.append(file_line(file, options.lang))
        lines += [
            visible_controls(f"  {warned(w, options.lang)}", keep="\t") for w in file.warnings
        ]
    lines += [visible_controls(warned(w, options.lang), keep="\t") for w in summary.warnings]
    lines.append(done_line(summary, options.lang))
    return "\n".join(line.replace("\t", " ") for line in lines) + "\n"

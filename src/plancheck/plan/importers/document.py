"""What a plan document says besides its table: title, stage, date, period, unit and tasks.

Works on the document's paragraphs as lines of text (a Word file's paragraphs, a text file's
lines; markdown's heading marks and emphasis are read through). Tasks are the numbered items
("9.打造国际一流的法治化营商环境。全面对标…") of the chapters whose heading names tasks or measures
("三、主要任务", "## 四、保障措施"), with their sections ("(三)深入推进依法行政,深化法治政府建设");
an annex starts at a line "附件" and its tasks get ids "A1", "A2"… (a second annex "B1"…).
A national plan (中华人民共和国…) is for the unit 全国.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import field

from plancheck.i18n import say
from plancheck.kinds.phrasing import cn_number
from plancheck.record import record

CHAPTER = re.compile(
    r"^(?:(?P<no>[一二三四五六七八九十]+)\s*、|第[一二三四五六七八九十]+(?:章|部分))\s*(?P<title>\S.*)$"
)
SECTION = re.compile(r"^[(\uff08]\s*(?P<no>[一二三四五六七八九十]+)\s*[)\uff09]\s*(?P<title>\S.*)$")
TASK = re.compile(r"^(?P<no>\d{1,3})\s*[.．、]\s*(?P<body>[^\d\s].*)$")
ANNEX = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:\uff1a]?$")
ANNEX_LIST = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:\uff1a]")
TASK_CHAPTER = re.compile(r"任务|措施|保障|举措|重点工作|行动|工作重点")
# What follows a document's body: its annexed tables (附表), whom it is sent to (抄送：…), and
# the issuing office's line (…2021年7月23日印发). It ends the task before it.
END_MATTER = re.compile(
    r"^(?:附\s*表|抄\s*[送报]\s*[:\uff1a])|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$"
)
SIGNATURE = re.compile(
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^(?:[^,\uff0c。;\uff1b]{1,15})$"
)
TITLE_WORDS = re.compile(r"规划|方案|意见|计划|纲要|要点|目标")
_STAGES = r"(?P<stage>送审稿|征求意见稿|草案|讨论稿|修改稿|代拟稿|审议稿|试行|草稿)"
STAGE = re.compile(rf"[(\uff08]{_STAGES}[)\uff09]")
STAGE_LINE = re.compile(rf"^[(\uff08]?\s*{_STAGES}\s*[)\uff09]?$")  # on a line of its own
YEARS = re.compile(
    r"(?P<start>(?:19|20)\d\d)\s*年?\s*[—\-–~～至到－―]+\s*(?P<end>(?:19|20)\d\d)\s*年?"
)
FIVE_YEAR = re.compile(
    r"第([一二三四五六七八九十]+)个五年|[“\"]?([一二三四五六七八九十]+)五[”\"]?(?:时期|期间|规划)"
)
# In a title, 十四五 says the plan's five years wherever it stands (北京市“十四五”生态环境保护规划,
# 北京市十四五生态环境保护规划): 十一五 to 十九五.
TITLE_FIVE_YEAR = re.compile(r"[“\"]?(十[一二三四五六七八九])五(?![年届次个项条])")
BY_YEAR = re.compile(r"到\s*((?:19|20)\d\d)\s*年")
DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:-|年|/|\.)\s*(?P<m>\d{1,2})\s*(?:-|月|/|\.)\s*(?P<d>\d{1,2})\s*日?"
)
# One administrative division at the start of a title: a name and the word of its level
# (浙江省, 内蒙古自治区, 杭州市, 凉山彝族自治州, 萧山区, 雄安新区, 鄂温克族自治旗…).
DIVISION = re.compile(
    r"(?P<name>[^\W\d_]{2,8}?(?P<long>特别行政区|自治区|自治州|自治县|自治旗)"
    r"|[^\W\d_]{2,4}?(?P<short>新区|地区|省|市|区|县|旗|盟))"
)
# Its level: province (1), prefecture (2), county (3); a 市 is a prefecture's, or a county's
# under one.
_LEVELS = {"特别行政区": 1, "自治区": 1, "省": 1, "自治州": 2, "地区": 2, "盟": 2, "市": 2}
NATIONAL = ("中华人民共和国", "全国", "国家")  # a national plan: its unit is 全国


@record
class TaskItem:
    id: str
    document: str  # "plan" or "annex"
    section: str
    title: str
    text: str
    where: str


@record(frozen=False)
class Metadata:
    title: str = ""
    stage: str = ""
    date: dt.date | None = None
    period: tuple[int, int] | None = None
    period_from: str = ""  # set when the period is inferred (not in the title): to check
    unit: str = ""
    notes: list[str] = field(default_factory=list)


def five_year_period(number: int) -> tuple[int, int] | None:
    """The years of China's Nth five-year plan (3rd: 1966–1970 … 14th: 2021–2025)."""
    if number < 3:
        return None
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def metadata(lines: Sequence[str], where: Sequence[str]) -> Metadata:
    """Title, stage, date, period and unit from the document's opening and its text."""
    meta = Metadata()
    body = _main_body(lines)
    head = [(n, line.strip()) for n, line in enumerate(body[:40]) if line.strip()]
    for n, line in head:
        if _is_title(line):
            meta.title, meta.stage = _title(line)
            following = [text for m, text in head if n < m <= n + 3]
            if not meta.stage:  # a stage under the title: 征求意见稿, or (送审稿)
                lines_below = (STAGE_LINE.match(_plain(text)) for text in following)
                meta.stage = next((found["stage"] for found in lines_below if found), "")
            meta.period, _ = _period([line, *following])  # the title says it: no guess
            if meta.period is None and (found := TITLE_FIVE_YEAR.search(_plain(line))):
                number = cn_number(found.group(1))
                meta.period = five_year_period(number) if number else None
            break
    for _, line in head:
        found = DATE.search(line)
        if found and meta.date is None:
            with contextlib.suppress(ValueError):  # 2021-02-30 is no date
                meta.date = dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
    if meta.period is None:
        targets = [int(y) for line in body for y in BY_YEAR.findall(line)]
        if targets:
            year = max(set(targets), key=lambda y: (targets.count(y), -y))
            meta.period = (year - 4, year)
            meta.period_from = say("import.period_text", year=year)
    if meta.title.startswith(NATIONAL):
        meta.unit = "全国"
    elif meta.title:
        meta.unit = unit_of(meta.title)
    return meta


def unit_of(title: str) -> str:
    """The most specific unit the title starts with: each division below the one before it
    (浙江省, 内蒙古自治区, 上海市徐汇区, 广西壮族自治区南宁市青秀区); "" when none."""
    end, level = 0, 0
    while found := DIVISION.match(title, end):
        word = found["long"] or found["short"]
        here = _LEVELS.get(word, 3)
        if word == "市" and level >= 2:
            here = 3  # 嘉兴市海宁市: a county-level city
        if here <= level:
            break
        end, level = found.end(), here
    return title[:end]


def _main_body(lines: Sequence[str]) -> list[str]:
    for n, line in enumerate(lines):
        if ANNEX.match(line.strip()):
            return list(lines[:n])
    return list(lines)


def _plain(line: str) -> str:
    """Without markdown's heading marks and emphasis."""
    return re.sub(r"^#+\s*", "", line).replace("**", "").strip()


def _is_title(line: str) -> bool:
    line = _plain(line)
    return (
        bool(TITLE_WORDS.search(line))
        and len(line) <= 60
        and not line.startswith(("根据", "《", "附件", "日期", "为", "按照"))
        and not re.search(r"[。;;>›»]|首页|当前位置", line)  # a sentence, a breadcrumb
    )


def _title(line: str) -> tuple[str, str]:
    line = _plain(line)
    stage = ""
    if found := STAGE.search(line):
        stage = found["stage"]
        line = line.replace(found.group(0), "")
    return line.strip(), stage  # the official title, its years (（2021—2025年）) with it


def _period(lines: Sequence[str]) -> tuple[tuple[int, int] | None, str]:
    for line in lines:
        if "《" in line:
            continue  # another plan's name
        if found := YEARS.search(line):
            start, end = int(found["start"]), int(found["end"])
            if start <= end <= start + 15:
                return (start, end), say("import.period_title", text=found.group(0))
        if found := FIVE_YEAR.search(line):
            number = cn_number(found.group(1) or found.group(2))
            period = five_year_period(number) if number else None
            if period:
                return period, say("import.period_title", text=found.group(0))
    return None, ""


def tasks(
    lines: Sequence[str], where: Sequence[str], table: tuple[int, int] | None = None
) -> tuple[list[TaskItem], list[str]]:
    """The numbered tasks of the task chapters, and notes on what was odd. ``table``: the
    lines (from 0, both included) the indicator table takes — none of them is a chapter's
    heading or a task's text (a heading row "五、安全保障" there is a category)."""
    items: list[TaskItem] = []
    notes: list[str] = []
    prefix, document = "", "plan"
    annexes = 0
    chapter: str | None = None
    section = ""
    seen: set[str] = set()
    current: dict[str, str] | None = None
    extra: list[str] = []

    def close() -> None:
        nonlocal current, extra
        if current is not None:
            text = "\n".join([current["text"], *extra]).strip("\n")
            items.append(
                TaskItem(
                    current["id"],
                    current["document"],
                    current["section"],
                    current["title"],
                    text,
                    current["where"],
                )
            )
        current, extra = None, []

    for n, raw in enumerate(lines):
        line = _plain(raw)  # markdown's "## 三、主要任务" is a chapter heading too
        if not line:
            continue
        if table is not None and table[0] <= n <= table[1]:
            close()  # the table ends the task before it
            continue
        if END_MATTER.search(line):
            close()
            chapter = None
            continue
        if ANNEX.match(line):
            close()
            annexes += 1
            prefix, document = chr(ord("A") + annexes - 1), "annex"
            chapter, section = None, ""
            continue
        if ANNEX_LIST.match(line):
            close()
            chapter = None  # "附件:…" lists the annexes: the body has ended
            continue
        if found := CHAPTER.match(line):
            close()
            chapter = line if TASK_CHAPTER.search(found["title"]) else None
            section = ""
            continue
        if chapter is None:
            continue
        if SECTION.match(line):
            close()
            section = line
            continue
        if found := TASK.match(line):
            close()
            task_id = f"{prefix}{int(found['no'])}"
            if task_id in seen:
                renamed = f"{task_id}-{sum(1 for i in items if i.id.startswith(task_id + '-')) + 2}"
                notes.append(
                    say("import.task_repeats", where=where[n], id=task_id, renamed=renamed)
                )
                task_id = renamed
            seen.add(task_id)
            title, _, text = found["body"].partition("。")
            current = {
                "id": task_id,
                "document": document,
                "section": f"{chapter} / {section}" if section else chapter,
                "title": title.strip(),
                "text": text.strip(),
                "where": where[n],
            }
            continue
        if current is not None and not SIGNATURE.match(line):
            extra.append(line)
    close()
    return items, notes

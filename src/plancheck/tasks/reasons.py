"""Every sentence the task checks say, in English and Chinese.

A check records *what* it found as fragments (``plancheck.messages.Fragment``: a key and its
facts); reports render them in the reader's language. Keys not in this catalogue are looked up in
``plancheck.messages.catalog``, so a quantitative milestone's reason is worded exactly like an
indicator's ("86 misses the target ≥ 90").
"""

from __future__ import annotations

from plancheck import messages
from plancheck.messages import Reason, Text

CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "done": "done",
        "done_on": "done on {date}",
        "done_with_task": "done: the task is reported done",
        "done_late": "done on {date}, after the deadline {due}",
        "open": "not done yet; due {due}",
        "open_no_due": "not done yet; no deadline",
        "overdue": "not done; the deadline {due} passed {days} ago",
        "not_reported": "not reported",
        "no_figure": "no figure reported",
        "year_done": "{year}: done",
        "year_open": "{year}: not done yet; due {due}",
        "year_overdue": "{year}: not done; the deadline {due} passed {days} ago",
        "year_unreported": "{year}: no progress report; due {due}",
        "unreported": "no progress report for this task",
        "unreported_due": "no progress report; due {due}",
        "unreported_late": "no progress report; the deadline {due} passed {days} ago",
        "inconsistent": "reported done, but milestone {milestones} is not done",
        "inconsistent_many": "reported done, but milestones {milestones} are not done",
        "dropped": "dropped: {reason}",
        "reported": "reported {status}",
        "overdue_milestones": "overdue: {milestones}",
        "figure_decides": "reported {state}, but the figure decides",
        "cannot_judge": "a {kind} target cannot be judged from a progress report",
    },
    "zh": {
        "done": "已完成",
        "done_on": "已于 {date} 完成",
        "done_with_task": "已完成（任务报告为已完成）",
        "done_late": "已于 {date} 完成，晚于期限 {due}",
        "open": "尚未完成，期限为{due}",
        "open_no_due": "尚未完成，无期限",
        "overdue": "未完成，期限为{due}，已逾期 {days}",
        "not_reported": "未报送",
        "no_figure": "未报送数值",
        "year_done": "{year}年：已完成",
        "year_open": "{year}年：尚未完成，期限为{due}",
        "year_overdue": "{year}年：未完成，期限为{due}，已逾期 {days}",
        "year_unreported": "{year}年：未报送进展，期限为{due}",
        "unreported": "该任务未报送进展",
        "unreported_due": "未报送进展，期限为{due}",
        "unreported_late": "未报送进展，期限为{due}，已逾期 {days}",
        "inconsistent": "报送为已完成，但节点 {milestones} 未完成",
        "inconsistent_many": "报送为已完成，但节点 {milestones} 未完成",
        "dropped": "已终止：{reason}",
        "reported": "报送状态：{status}",
        "overdue_milestones": "逾期节点：{milestones}",
        "figure_decides": "报送为{state}，以数值为准",
        "cannot_judge": "{kind} 类目标无法依据进展报告判断",
    },
}


def render(reason: Reason, lang: str = "en") -> str:
    """A reason as one sentence in ``lang`` ("en" or "zh")."""
    parts = []
    for key, params in reason:
        template = CATALOG[lang].get(key) or messages.template(key, lang)
        values = {
            name: (value.zh if lang == "zh" else value.en) if isinstance(value, Text) else value
            for name, value in params
        }
        parts.append(template.format(**values))
    return ("；" if lang == "zh" else "; ").join(parts)

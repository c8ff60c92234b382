"""Words the reports print around the data, in English and Chinese."""

from __future__ import annotations

from plancheck.evaluate.models import Status

STATUS_WORD = {
    "en": {
        Status.PASS: "pass",
        Status.FAIL: "FAIL",
        Status.BEHIND: "behind",
        Status.MISSING: "missing",
        Status.UNKNOWN: "unknown",
    },
    "zh": {
        Status.PASS: "达标",
        Status.FAIL: "未达标",
        Status.BEHIND: "滞后",
        Status.MISSING: "缺数",
        Status.UNKNOWN: "无法判断",
    },
}
# Symbols keep the status readable without colour (NO_COLOR, pipes, print-outs).
STATUS_SYMBOL = {
    Status.PASS: "✔",
    Status.FAIL: "✘",
    Status.BEHIND: "◐",
    Status.MISSING: "∅",
    Status.UNKNOWN: "?",
}
STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.BEHIND: "yellow",
    Status.MISSING: "magenta",
    Status.UNKNOWN: "cyan",
}

LABELS = {
    "en": {
        "compliant": "COMPLIANT",
        "not_compliant": "NOT COMPLIANT",
        "verdict": "Verdict",
        "year": "Year",
        "years": "Years",
        "unit": "Unit",
        "units": "Units",
        "plan": "Plan",
        "document": "Document",
        "submission": "Submission",
        "summary": "Summary",
        "status": "Status",
        "count": "Count",
        "needs_attention": "Needs attention",
        "nothing_needs_attention": "Nothing needs attention.",
        "id": "#",
        "indicator": "Indicator",
        "binding": "Binding",
        "binding_yes": "binding",
        "binding_no": "expected",
        "target": "Target",
        "actual": "Actual",
        "reason": "Reason",
        "category": "Category",
        "measure": "Unit",
        "timing": "Timing",
        "annual": "every year",
        "by_target_year": "by {year}",
        "binding_blocking": "binding indicators not met",
        "strict_blocking": "indicators not passed (--strict)",
        "all_binding_met": "every binding indicator is met",
        "all_met_strict": "every indicator passes (--strict)",
        "failing_units": "Units not compliant",
        "note": "Note",
        "history": "Baseline years (not judged)",
        "section": "Section",
        "title": "Title",
        "milestones": "Milestones",
        "indicators_linked": "Indicators",
        "due": "Due",
        "every_year": "every year",
        "sample": "",
        # plancheck template
        "template_title": "Submission template: {title}",
        "template_fill": (
            "Fill in each value (and reference or rank where asked); leave it empty or write N/A "
            "when there is no figure. Then: plancheck evaluate THIS-FILE"
        ),
        "template_year": (
            "No year given: add 'year:' below, pass --year, or name the file like 2025.yaml."
        ),
        "template_sheet": "submission",
    },
    "zh": {
        "compliant": "合规",
        "not_compliant": "不合规",
        "verdict": "结论",
        "year": "年度",
        "years": "年度",
        "unit": "单位",
        "units": "单位",
        "plan": "规划",
        "document": "文本",
        "submission": "报送文件",
        "summary": "汇总",
        "status": "状态",
        "count": "数量",
        "needs_attention": "需关注",
        "nothing_needs_attention": "无需关注事项。",
        "id": "序号",
        "indicator": "指标",
        "binding": "属性",
        "binding_yes": "约束性",
        "binding_no": "预期性",
        "target": "目标",
        "actual": "实际值",
        "reason": "说明",
        "category": "类别",
        "measure": "计量单位",
        "timing": "考核方式",
        "annual": "每年",
        "by_target_year": "{year}年前",
        "binding_blocking": "项约束性指标未达标",
        "strict_blocking": "项指标未达标(--strict)",
        "all_binding_met": "约束性指标全部达标",
        "all_met_strict": "全部指标达标(--strict)",
        "failing_units": "不合规单位",
        "note": "备注",
        "history": "基数年度(不考核)",
        "section": "章节",
        "title": "标题",
        "milestones": "节点",
        "indicators_linked": "关联指标",
        "due": "期限",
        "every_year": "每年",
        "sample": "",
        # plancheck template
        "template_title": "报送模板:{title}",
        "template_fill": "请填写各项实际值(要求时另填参照值或排名);无数据请留空或填 N/A。填好后运行:plancheck evaluate 本文件",
        "template_year": "未指定年度:请在下方填写 year:、使用 --year,或将文件命名为 2025.yaml 这样的形式。",
        "template_sheet": "填报",
    },
}


def label(key: str, lang: str, **params: object) -> str:
    return LABELS[lang][key].format(**params)


def status_word(status: Status, lang: str) -> str:
    return STATUS_WORD[lang][status]

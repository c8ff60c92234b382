"""Reading progress reports (YAML and CSV): the as_of date, shorthands, Chinese names, and every
bad input as one located UserError."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plancheck.errors import UserError
from plancheck.plan.load import load_plan
from plancheck.plan.models import Plan
from plancheck.tasks.models import MilestoneReport, TaskStatus
from plancheck.tasks.read import parse_date, read_progress
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(None)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def error(path: Path, plan: Plan, **options: object) -> str:
    with pytest.raises(UserError) as caught:
        read_progress(path, plan, **options)  # type: ignore[arg-type]
    return str(caught.value)


# --- the samples ------------------------------------------------------------------------------


def test_yaml_sample(plan: Plan) -> None:
    progress = read_progress(SAMPLES / "progress-2023.yaml", plan)
    assert progress.as_of == dt.date(2023, 12, 31) and progress.as_of_source == "file"
    assert len(progress.reports) == 53
    nineteen = progress.report("19")
    assert nineteen is not None
    assert (nineteen.status, nineteen.lead, nineteen.partners) == (
        TaskStatus.IN_PROGRESS,
        "区法院",
        ("区司法局",),
    )
    assert nineteen.milestones[0] == MilestoneReport(
        id="19.1", done=False, file=str(SAMPLES / "progress-2023.yaml"), line=44
    )
    assert progress.report("10").milestones[0].value == 86  # type: ignore[union-attr]
    assert progress.report("34").milestones[0].years == (2021, 2023)  # type: ignore[union-attr]
    assert progress.report("A8").reason.startswith("并入")  # type: ignore[union-attr]
    assert progress.report("7") is None


def test_csv_sample_reads_the_same_reports(plan: Plan) -> None:
    def facts(path: Path) -> list[object]:
        progress = read_progress(path, plan)
        return [
            (r.task, r.status, r.lead, r.partners, r.reason, r.evidence, r.note,
             [(m.id, m.done, m.value, m.years, m.date, m.note) for m in r.milestones])
            for r in progress.reports
        ]  # fmt: skip

    assert facts(SAMPLES / "progress-2023.yaml") == facts(SAMPLES / "progress-2023.csv")


# --- as_of ------------------------------------------------------------------------------------


def test_as_of_order_file_option_year(plan: Plan, tmp_path: Path) -> None:
    stated = write(tmp_path, "a.yaml", 'as_of: 2023-06-30\ntasks:\n  "19": in_progress\n')
    assert read_progress(stated, plan).as_of == dt.date(2023, 6, 30)
    assert read_progress(stated, plan, as_of="2023-06-30").as_of_source == "file"
    assert error(stated, plan, as_of="2023-07-01") == (
        f"{stated}:1:1: as_of 2023-06-30 disagrees with --as-of 2023-07-01"
    )
    bare = write(tmp_path, "b.yaml", 'tasks:\n  "19": in_progress\n')
    chosen = read_progress(bare, plan, as_of="2023年9月30日")
    assert (chosen.as_of, chosen.as_of_source) == (dt.date(2023, 9, 30), "option")
    yearly = write(tmp_path, "c.yaml", 'year: 2022\ntasks:\n  "19": in_progress\n')
    chosen = read_progress(yearly, plan)
    assert (chosen.as_of, chosen.as_of_source) == (dt.date(2022, 12, 31), "year")
    named = write(tmp_path, "progress-2024.yaml", 'tasks:\n  "19": in_progress\n')
    assert read_progress(named, plan).as_of == dt.date(2024, 12, 31)
    assert read_progress(bare, plan, year=2023).as_of == dt.date(2023, 12, 31)  # evaluate --tasks


def test_no_as_of_at_all_is_an_error(plan: Plan, tmp_path: Path) -> None:
    bare = write(tmp_path, "b.yaml", 'tasks:\n  "19": in_progress\n')
    message = error(bare, plan)
    assert message.startswith(f"{bare}: cannot tell the date the report speaks for")
    assert "--as-of" in message
    assert "'as_of: 2023-12-31'" in message and "progress-2023.yaml" in message


def test_no_as_of_in_a_csv_is_hinted_in_the_csv_form(plan: Plan, tmp_path: Path) -> None:
    """A CSV gets the CSV form of the hint: an as_of column, not the YAML key 'as_of: …'."""
    bare = write(tmp_path, "b.csv", "task,status\n19,in_progress\n")
    message = error(bare, plan)
    assert message.startswith(f"{bare}: cannot tell the date the report speaks for")
    assert "an 'as_of' column with 2023-12-31" in message and "progress-2023.csv" in message
    assert "as_of:" not in message and ".yaml" not in message
    with_column = write(tmp_path, "c.csv", "task,status,as_of\n19,in_progress,2023-12-31\n")
    assert read_progress(with_column, plan).as_of == dt.date(2023, 12, 31)  # as the hint says


@pytest.mark.parametrize("text", ["2023-12-31", "2023/12/31", "2023.12.31", "2023年12月31日"])
def test_dates(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 12, 31)


# --- YAML -------------------------------------------------------------------------------------


def test_yaml_shorthands_and_chinese_names(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", (
        "as_of: 2023-12-31\n"
        "tasks:\n"
        '  "25": 已完成\n'
        '  a15: {状态: 推进中, 牵头单位: 团区委, 配合单位: "区民政局、区妇联", '
        'milestones: {"a15.1": "12.5%"}}\n'
        '  "34": {status: in progress, milestones: {"34.1": {完成年度: "2021、2022"}}}\n'
        '  "19": {status: not started, milestones: {"19.1": {state: false}}}\n'
    ))  # fmt: skip
    progress = read_progress(path, plan)
    assert progress.report("25").status is TaskStatus.DONE  # type: ignore[union-attr]
    a15 = progress.report("A15")
    assert a15 is not None and a15.partners == ("区民政局", "区妇联")
    assert a15.milestones[0].id == "A15.1" and a15.milestones[0].value == 12.5
    assert progress.report("34").milestones[0].years == (2021, 2022)  # type: ignore[union-attr]
    assert progress.report("19").milestones[0].done is False  # type: ignore[union-attr]


def test_quantitative_state_and_annual_year_mapping(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", (
        "as_of: 2023-12-31\n"
        "tasks:\n"
        '  "10": {status: done, milestones: {"10.1": done}}\n'
        '  "24": {status: in_progress, milestones: {"24.1": {value: 52, state: not_done}}}\n'
        '  "34": {status: in_progress, milestones: {"34.1": {years: {2021: done, 2022: 未完成, '
        "2023: 已完成}}}}\n"
    ))  # fmt: skip
    progress = read_progress(path, plan)
    ten = progress.report("10").milestones[0]  # type: ignore[union-attr]
    assert (ten.done, ten.value) == (True, None)
    assert progress.report("24").milestones[0].value == 52  # type: ignore[union-attr]
    assert progress.report("34").milestones[0].years == (2021, 2023)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "years",
    ["{2021: done, 2022: not_done, 2023: 已完成}", "{2021年: done, 2022年: 未完成, 2023年: done}"],
)
def test_a_yearly_duty_may_be_given_its_years_as_a_mapping(
    plan: Plan, tmp_path: Path, years: str
) -> None:
    """README: a milestone's entry may be just its years, ``{2021: done, 2022: not_done}`` —
    a mapping whose keys are all years is read as ``{years: {…}}``."""
    shorthand = write(
        tmp_path,
        "a.yaml",
        "as_of: 2023-12-31\ntasks:\n"
        f'  "34": {{status: in_progress, milestones: {{"34.1": {years}}}}}\n',
    )
    spelled = write(
        tmp_path,
        "b.yaml",
        "as_of: 2023-12-31\ntasks:\n"
        f'  "34": {{status: in_progress, milestones: {{"34.1": {{years: {years}}}}}}}\n',
    )
    given = read_progress(shorthand, plan).report("34").milestones[0]  # type: ignore[union-attr]
    full = read_progress(spelled, plan).report("34").milestones[0]  # type: ignore[union-attr]
    assert given.years == full.years == (2021, 2023)
    # A mapping with a key that is not a year is the milestone's fields, each key checked:
    mixed = write(tmp_path, "c.yaml", 'tasks:\n  "34": {status: done, milestones: '
                  '{"34.1": {2021: done, note: x}}}\n')  # fmt: skip
    assert "unknown key '2021'" in error(mixed, plan, as_of="2023-12-31")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('tasks:\n  "91": done\n', ":3:3: unknown task '91'; did you mean"),
        ('tasks:\n  加强全民普法: done\n', "did you mean '23' (加强全民普法工作)?"),
        ('tasks:\n  "19.1": done\n', ":3:3: '19.1' is a milestone of task 19, not a task"),
        ('tasks:\n  "19": {status: done, milestones: {"19.2": done}}\n',
         ":3:37: task 19 has no milestone '19.2' (its milestones: 19.1); did you mean '19.1'?"),
        ('tasks:\n  "25": {status: done, milestones: {"19.1": done}}\n',
         ":3:37: milestone 19.1 belongs to task 19, not to task 25"),
        ('tasks:\n  "1": {status: done, milestones: {"1.1": done}}\n',
         ":3:36: task 1 has no milestones in the plan (not '1.1')"),
        ('tasks:\n  "19": {status: dropped}\n',
         ":3:10: task 19 is dropped: say why in 'reason' (终止原因)"),
        ('tasks:\n  "19": {status: finished}\n', ":3:10: task 19: unknown status 'finished'"),
        ('tasks:\n  "19": {lead: 区法院}\n', ":3:3: task 19: no status"),
        ('tasks:\n  "19": {status: done, lede: x}\n', ":3:24: unknown key 'lede' (did you mean 'lead'?"),
        ('tasks:\n  "10": {status: done, milestones: {"10.1": {years: [2021]}}}\n',
         ":3:46: 'years': milestone 10.1 has a target: report its 'value'"),
        ('tasks:\n  "34": {status: done, milestones: {"34.1": {state: done}}}\n',
         "'state': milestone 34.1 is due every year: report the 'years' it was done"),
        ('tasks:\n  "19": {status: done, milestones: {"19.1": {value: 3}}}\n',
         "milestone 19.1 has a deadline: report its 'state' (done or not_done)"),
        ('tasks:\n  "34": {status: done, milestones: {"34.1": [2020]}}\n',
         "34.1: 2020 is outside the plan period 2021–2025"),
        ('tasks:\n  "34": {status: done, milestones: {"34.1": [2024]}}\n',
         "34.1: 2024 is after the report's as_of 2023-12-31"),
        ('tasks:\n  "25": {status: done, milestones: {"25.1": {state: done, date: 2024-01-01}}}\n',
         "done on 2024-01-01, after the report's as_of 2023-12-31"),
        ('tasks:\n  "25": {status: done, milestones: {"25.1": {state: not_done, date: 2023-01-01}}}\n',
         "'date' is when it was done: give state: done too"),
        ('tasks:\n  "10": {status: done, milestones: {"10.1": 101}}\n',
         "10.1: 101 % is out of range for milestone 10.1"),
        ('tasks:\n  "10": {status: done, milestones: {"10.1": "很多"}}\n', "'很多' is not a number"),
        ('tasks:\n  "19": {status: done, milestones: {"19.1": maybe}}\n', "'maybe' is not a state"),
        ("tasks: [19]\n", ":2:1: 'tasks' maps task ids to their reports"),
        ("tasks:\n", "no task is reported in the file"),
        ("when: 2023\ntasks: {}\n", ":2:1: unknown key 'when'"),
        ('as_of: 2023-02-30\ntasks:\n  "19": done\n', ":1:8: invalid value '2023-02-30'"),
        ('as_of: tomorrow\ntasks:\n  "19": done\n', ":1:1: as_of: 'tomorrow' is not a date"),
        ('tasks:\n  "34": {status: done, milestones: {"34.1": [2021, 2021]}}\n',
         "34.1: 2021 is given twice"),
        ('tasks:\n  "25": {status: done, milestones: {"25.1": {state: done, date: 2019-03-01}}}\n',
         "done on 2019-03-01, before the plan period 2021–2025"),
        ('as_of: 2023-12-31\nyear: 2022\ntasks:\n  "19": done\n',
         ":2:1: year 2022 disagrees with as_of 2023-12-31"),
    ],
)  # fmt: skip
def test_yaml_errors_are_located(plan: Plan, tmp_path: Path, text: str, message: str) -> None:
    header = "" if text.startswith("as_of") else "as_of: 2023-12-31\n"
    path = write(tmp_path, "p.yaml", header + text)
    found = error(path, plan)
    assert found.startswith(str(path)) and message in found, found
    assert "\n" not in found


# --- CSV --------------------------------------------------------------------------------------


def test_csv_chinese_headers_comments_and_merged_rows(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", (
        "# 示例\n\n"
        "任务编号;任务名称;节点;状态;牵头单位;完成情况;完成日期;备注;截至日期\n"
        "19;严格落实诉讼制度改革各项任务;19.1;推进中;区法院;已完成;2022-12-20;按期;2023-06-30\n"
        ";;25.1;;;否;;;\n"
        "25;;;已完成;区司法局;;;;2023-06-30\n"
    ), encoding="gb18030")  # fmt: skip
    progress = read_progress(path, plan)
    assert progress.as_of == dt.date(2023, 6, 30)
    nineteen = progress.report("19")
    assert nineteen is not None and nineteen.lead == "区法院" and nineteen.note == ""
    assert nineteen.milestones[0].done and nineteen.milestones[0].note == "按期"
    assert nineteen.milestones[0].date == dt.date(2022, 12, 20) and nineteen.line == 4
    twenty_five = progress.report("25")
    assert twenty_five is not None and twenty_five.status is TaskStatus.DONE
    assert twenty_five.milestones[0].done is False and twenty_five.line == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("task,status\n1,in_progress\nA21,done\n", ":3:1: unknown task 'A21'"),
        ("task,milestone,status,state\n19,,in_progress,\n19,19.1,,done\n19,19.1,,done\n",
         ":4:2: milestone 19.1 is given twice (also at line 3)"),
        ("task,status,lead\n19,in_progress,区法院\n19,,区司法局\n",
         ":3:3: lead: '区司法局' disagrees with '区法院' given for task 19 at line 2"),
        ("task,status,state\n19,in_progress,done\n",
         ":2:3: 'state' is about a milestone: fill in 'milestone' on this row"),
        ("task,milestone,status,stat\n19,,in_progress,\n", ":1:4: unknown column 'stat'"),
        ("foo,bar\n1,2\n", ":1: header not recognised"),
        ("task,status\n19,in_progress,extra\n", ":2:3: more cells than the header has columns"),
        ("task,,status\n19,x,in_progress\n", ":2:2: a value in a column without a header"),
        ("task;status\n19;in_progress\n25,done\n",
         ":3:1: mixed delimiters: this row is split by ',' but the header is not"),
        ("task\tstatus\n19;in_progress\n",
         ":2:1: mixed delimiters: this row is split by ';' but the header is not"),
        ("task,status,as_of\n19,in_progress,2023-12-31\n25,done,2023-06-30\n",
         ":3:3: as_of '2023-06-30' disagrees with '2023-12-31' at line 2"),
        ("task,status,status\n19,done,done\n", ":1:3: two 'status' columns"),
        ("status,lead\ndone,x\n", ":1: no 'task' (任务编号) or 'milestone' column"),
        ("task,status\n", "no task is reported in the file"),
        ("task,milestone,state\n19,19.1,done\n", ":2:1: task 19: no status"),
        ('task,status\n"19,done\n', "malformed CSV"),
    ],
)  # fmt: skip
def test_csv_errors_are_located(plan: Plan, tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "progress-2023.csv", text)
    found = error(path, plan)
    assert found.startswith(str(path)) and message in found, found


def test_other_file_types_are_refused(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "p.xls", "x")
    assert "give a .yaml, .csv or .xlsx file" in error(path, plan)


def _progress_book(path: Path, rows: list[list[object]]) -> Path:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("进展")
    day = book.add_format({"num_format": "yyyy/m/d"})
    percent = book.add_format({"num_format": "0%"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
            elif isinstance(value, float) and value < 1:
                sheet.write_number(r, c, value, percent)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def test_a_progress_workbook_is_read_like_its_csv(plan: Plan, tmp_path: Path) -> None:
    """An office keeps its progress report in Excel: a title row, Chinese headers, task ids
    typed as numbers, a done date and as_of as Excel date cells, a figure shown as 92%."""
    path = _progress_book(tmp_path / "进展.xlsx", [
        ["徐汇区2023年任务进展报送表"],
        ["任务编号", "节点", "状态", "完成情况", "完成日期", "完成值", "完成年度", "截至日期",
         "终止原因"],
        [19, "19.1", "推进中", "已完成", dt.date(2022, 6, 30), None, None, dt.date(2023, 12, 31)],
        [10, "10.1", "推进中", None, None, 0.92],
        [34, "34.1", "推进中", None, None, None, "2021、2023"],
        ["A8", None, "已终止", None, None, None, None, None, "并入区信用体系建设三年行动计划"],
    ])  # fmt: skip
    progress = read_progress(path, plan)
    assert progress.as_of == dt.date(2023, 12, 31) and progress.as_of_source == "file"
    nineteen = progress.report("19")
    assert nineteen is not None and nineteen.line == 3
    assert nineteen.milestones[0].done and nineteen.milestones[0].date == dt.date(2022, 6, 30)
    assert progress.report("10").milestones[0].value == 92  # type: ignore[union-attr]
    assert progress.report("34").milestones[0].years == (2021, 2023)  # type: ignore[union-attr]
    assert progress.report("A8").status is TaskStatus.DROPPED  # type: ignore[union-attr]


def test_a_progress_workbook_error_names_its_row_and_column(plan: Plan, tmp_path: Path) -> None:
    path = _progress_book(tmp_path / "progress-2023.xlsx", [
        ["任务编号", "状态"], ["19", "推进中"], ["91", "推进中"],
    ])  # fmt: skip
    assert error(path, plan).startswith(f"{path}:3:1: unknown task '91'")
    empty = _progress_book(tmp_path / "empty-2023.xlsx", [])
    assert "is empty" in error(empty, plan)


def test_csv_is_read_by_the_one_csv_reader(plan: Plan, tmp_path: Path) -> None:
    """Excel's ``sep=;`` line, CR line ends and a quoted note over two lines: the lines after
    it are counted as an editor counts them, as in a submission."""
    path = write(tmp_path, "progress-2023.csv", (
        "sep=;\r# 示例\r"
        'task;status;note\r19;in_progress;"两行\r备注"\r'
        "A21;done;\r"
    ))  # fmt: skip
    assert error(path, plan).startswith(f"{path}:6:1: unknown task 'A21'")
    path = write(tmp_path, "progress-2023.csv", 'task;status;note\n19;in_progress;"两行\n备注"\n')
    note = read_progress(path, plan).report("19")
    assert note is not None and note.note == "两行\n备注"


def test_a_csv_with_notes_only_is_empty(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "progress-2023.csv", "# 示例\n\n,,\n")
    assert error(path, plan) == (
        f"{path}: the file is empty: expected a header row and one row per task"
    )


def test_what_people_wrote_is_kept_as_typed(tmp_path: Path, plan: Plan) -> None:
    """A note, a reason, evidence and the departments are shown as typed: full-width （），：
    stay full-width in a Chinese report (they were folded to half-width)."""
    path = write(tmp_path, "progress.yaml", (
        "as_of: 2023-12-31\ntasks:\n"
        '  "19": {status: in_progress, lead: 区法院（立案庭）, partners: "区司法局，区检察院",\n'
        "         note: 二期尚未上线（虚构），待验收, evidence: [验收意见：已通过（虚构）],\n"
        '         milestones: {"19.1": {state: not_done, note: 系统联调中（虚构）}}}\n'
        "  A8: {status: dropped, reason: 并入三年行动计划，不再单列（虚构）}\n"
    ))  # fmt: skip
    progress = read_progress(path, plan)
    nineteen, dropped = progress.report("19"), progress.report("A8")
    assert nineteen is not None and dropped is not None
    assert nineteen.lead == "区法院（立案庭）" and nineteen.partners == ("区司法局", "区检察院")
    assert nineteen.note == "二期尚未上线（虚构），待验收"
    assert nineteen.evidence == ("验收意见：已通过（虚构）",)
    assert nineteen.milestones[0].note == "系统联调中（虚构）"
    assert dropped.reason == "并入三年行动计划，不再单列（虚构）"


def test_a_missing_file_or_a_folder_is_said_so_whatever_its_name(
    plan: Plan, tmp_path: Path
) -> None:
    # The extension was judged before the file was looked at: a missing `progress` or a folder
    # read "cannot read a 'progress' progress file", as if the name were the extension.
    assert error(tmp_path / "progress", plan) == f"{tmp_path / 'progress'}: file not found"
    assert error(tmp_path / "p.docx", plan) == f"{tmp_path / 'p.docx'}: file not found"
    (tmp_path / "reports").mkdir()
    assert (
        error(tmp_path / "reports", plan) == f"{tmp_path / 'reports'}: is a directory, not a file"
    )
    found = error(write(tmp_path, "progress", "as_of: 2023-12-31\n"), plan)
    assert found == (
        f"{tmp_path / 'progress'}: a progress file is read by its extension, and this one has"
        " none: name it .yaml, .csv or .xlsx"
    ), found


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('tasks:\n  "25": {status: done, milestones: {"25.1": {state: done, date: 2024-01-01}}}\n',
         "完成于2024年1月1日，晚于报告的截至日期（as_of）2023年12月31日"),
        ('tasks:\n  "34": {status: done, milestones: {"34.1": [2024]}}\n',
         "2024年晚于报告的截至日期（as_of）2023年12月31日"),
        ('tasks:\n  "25": {status: done, milestones: {"25.1": {state: done, date: 2019-03-01}}}\n',
         "完成日期2019年3月1日早于规划期2021—2025年"),
        ('year: 2022\ntasks:\n  "19": done\n',
         "年份（year）2022年与截至日期（as_of）2023年12月31日不一致"),
    ],
)  # fmt: skip
def test_dates_in_chinese_errors_are_written_as_chinese_does(
    plan: Plan, tmp_path: Path, text: str, message: str
) -> None:
    """They said 完成于 2024-01-01，晚于报告的 as_of 2023-12-31: an ISO date and a YAML key."""
    from plancheck import i18n

    path = write(tmp_path, "p.yaml", "as_of: 2023-12-31\n" + text)
    previous = i18n.set_lang("zh")
    try:
        found = error(path, plan)
    finally:
        i18n.set_lang(previous)
    assert message in found, found

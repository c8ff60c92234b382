"""Blank submissions to fill in: every indicator with its name, measure and target, value empty.

Each format is one pure function returning what ``plancheck evaluate`` reads back unchanged once
filled in: ``render_csv`` (str), ``render_yaml`` (str), ``render_xlsx`` (bytes). The columns are
those of the submission format (``submission/columns.py``): ``indicator``, ``value``, and
``reference``/``rank`` where a target needs them, are read; ``name``, ``measure``, ``target`` and
the like are for the person filling it in and ignored on input. With ``lang="zh"`` the headers are
the Chinese column names (序号, 实际值…), read the same way.

What the plan gives a template to show — names, units, target texts, the title — is shown as
every report shows it (``safetext.visible_controls``: an ESC or a bidi override as ``\\x1b``,
``\\u202e``): a template is printed, opened and passed around before it is read back, and those
cells are not read back. The cells that are read (the indicator's id, the unit's name, the year)
are plain by the plan's and ``--units``' rules, so they are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath

from plancheck.errors import UserError
from plancheck.i18n import say
from plancheck.plan.models import Indicator, Plan
from plancheck.record import record
from plancheck.report.common import target_cell
from plancheck.report.csv import neutralise  # what a spreadsheet may run, made text
from plancheck.report.labels import both, colon, label
from plancheck.safetext import visible_controls
from plancheck.submission.values import shown

FORMATS = ("csv", "yaml", "xlsx")
SUFFIXES = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx"}  # what -o may end in

# Column → header, per language; every header is a name submission/columns.py recognises.
HEADERS = {
    "en": {
        "unit": "unit", "year": "year", "indicator": "indicator", "name": "name",
        "name_en": "name_en", "measure": "measure", "target": "target", "value": "value",
        "reference": "reference", "rank": "rank", "note": "note",
    },
    "zh": {
        "unit": "单位名称", "year": "年度", "indicator": "序号", "name": "指标名称",
        "measure": "计量单位", "target": "指标目标", "value": "实际值", "reference": "参照值",
        "rank": "排名", "note": "备注",
    },
}  # fmt: skip
INPUT_COLUMNS = ("value", "reference", "rank", "note")  # what the person fills in


@record
class Template:
    """The blank table: its columns (keys of HEADERS) and one row per unit and indicator."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lang: str

    @property
    def header(self) -> list[str]:
        return [HEADERS[self.lang][c] for c in self.columns]


def needs_reference(indicator: Indicator) -> bool:
    return "reference" in indicator.target.columns


def needs_rank(indicator: Indicator) -> bool:
    return "rank" in indicator.target.columns


def build(
    plan: Plan, *, year: int | None = None, units: tuple[str, ...] = (), lang: str = "en"
) -> Template:
    check_units(plan, units)
    columns = ["unit"] if units else []
    columns += ["year"] if year is not None else []
    columns += ["indicator", "name"] + (["name_en"] if lang == "en" else [])
    columns += ["measure", "target", "value"]
    columns += ["reference"] if any(needs_reference(i) for i in plan.indicators) else []
    columns += ["rank"] if any(needs_rank(i) for i in plan.indicators) else []
    columns += ["note"]
    rows = []
    for unit in units or ("",):
        for i in plan.indicators:
            row = {"unit": unit, "year": "" if year is None else str(year), "indicator": i.id}
            shown = {"name": i.name, "name_en": i.name_en, "measure": i.unit or "",
                     "target": target_cell(i, lang)}  # fmt: skip
            row.update({column: visible_controls(text) for column, text in shown.items()})
            rows.append(row)
    return Template(tuple(columns), tuple(rows), lang)


def render_csv(
    plan: Plan, *, year: int | None = None, units: tuple[str, ...] = (), lang: str = "en"
) -> str:
    """UTF-8 with a BOM (so Excel shows the Chinese), CRLF lines, formulas neutralised."""
    template = build(plan, year=year, units=units, lang=lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in template.header])
    for row in template.rows:
        writer.writerow([neutralise(row.get(c, "")) for c in template.columns])
    return "\ufeff" + buffer.getvalue()


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as this exact string (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """One comment line: control characters shown, line breaks and runs of spaces one space."""
    return " ".join(visible_controls(text).split())


def render_yaml(
    plan: Plan,
    *,
    year: int | None = None,
    units: tuple[str, ...] = (),
    lang: str = "en",
    named: tuple[int, str] | None = None,
) -> str:
    """The ``values:`` form for one unit, the ``records:`` form for several; guidance as comments.
    ``named``: the year the output file's name gives, and that name (``2027.yaml``), when no
    ``year`` is: the file says its year already, and the hint says which."""
    template = build(plan, year=year, units=units, lang=lang)
    lines = [
        f"# {_comment(label('template_title', lang, title=plan.info.title))}",
        f"# {_comment(label('template_fill', lang))}",
    ]
    if year is None and named is not None:
        said = label("template_year_named", lang, year=named[0], name=named[1])
        lines.append(f"# {_comment(said)}")
        lines.append(f"# year: {named[0]}")
    elif year is None:
        example = plan.info.target_year  # a year of this plan, whatever plan it is
        lines.append(f"# {_comment(label('template_year', lang, year=example))}")
        lines.append(f"# year: {example}")
    else:
        lines.append(f"year: {year}")
    by_id = {i.id: i for i in plan.indicators}
    if len(units) <= 1:
        if units:
            lines.append(f"unit: {_scalar(units[0])}")
        lines.append("values:")
        for row in template.rows:
            indicator = by_id[row["indicator"]]
            fields = ", ".join(f"{f}: " for f in _fields(indicator))
            lines.append(f"  {_scalar(indicator.id)}: {{{fields}}}  # {_describe(row, lang)}")
    else:
        lines.append("records:")
        for row in template.rows:
            indicator = by_id[row["indicator"]]
            fields = ", ".join(f"{f}: " for f in _fields(indicator))
            lines.append(
                f"  - {{unit: {_scalar(row['unit'])}, indicator: {_scalar(indicator.id)}, "
                f"{fields}}}  # {_describe(row, lang)}"
            )
    return "\n".join(lines) + "\n"


def _fields(indicator: Indicator) -> list[str]:
    return (
        ["value"]
        + (["reference"] if needs_reference(indicator) else [])
        + (["rank"] if needs_rank(indicator) else [])
    )


def _describe(row: dict[str, str], lang: str) -> str:
    name = row["name"] if lang == "zh" else both(row["name"], row["name_en"], "{} ({})")
    return _comment(f"{name} — {label('target', lang)}{colon(lang)}{row['target']}")


def render_xlsx(
    plan: Plan, *, year: int | None = None, units: tuple[str, ...] = (), lang: str = "en"
) -> bytes:
    """One sheet (read first by ``evaluate``); the cells to fill are yellow and formatted as text,
    so that typing ``95%`` stays the text ``95%`` instead of becoming the number 0.95."""
    try:
        import xlsxwriter  # type: ignore[import-untyped]
    except ImportError:
        from plancheck.errors import missing_dependency

        raise missing_dependency("xlsxwriter", "writing an Excel template") from None
    import datetime as dt

    template = build(plan, year=year, units=units, lang=lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    # A fixed creation time: the same plan gives byte-identical workbooks.
    title = label("template_title", lang, title=visible_controls(plan.info.title, keep=""))
    book.set_properties({"title": title,
                         "created": dt.datetime(2000, 1, 1)})  # fmt: skip
    sheet = book.add_worksheet(label("template_sheet", lang))
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    info = book.add_format({"font_color": "#404040", "text_wrap": True, "valign": "top"})
    fill = book.add_format({"num_format": "@", "bg_color": "#FFF2CC", "border": 1})
    widths = {"unit": 10, "year": 6, "indicator": 6, "name": 36, "name_en": 40, "measure": 10,
              "target": 18, "value": 12, "reference": 12, "rank": 8, "note": 30}  # fmt: skip
    for col, column in enumerate(template.columns):
        fmt = fill if column in INPUT_COLUMNS else info
        sheet.set_column(col, col, widths[column], fmt)
        sheet.write_string(0, col, template.header[col], head)
    by_id = {i.id: i for i in plan.indicators}
    for r, row in enumerate(template.rows, start=1):
        indicator = by_id[row["indicator"]]
        for col, column in enumerate(template.columns):
            if column in INPUT_COLUMNS:
                wanted = column in ("value", "note") or column in _fields(indicator)
                sheet.write_blank(r, col, None, fill if wanted else info)
            else:
                sheet.write_string(r, col, row.get(column, ""), info)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def render(
    fmt: str,
    plan: Plan,
    *,
    year: int | None = None,
    units: tuple[str, ...] = (),
    lang: str = "en",
    named: tuple[int, str] | None = None,
) -> str | bytes:
    """The template in ``fmt``; ``named``: the year the output's name gives (``render_yaml``)."""
    if fmt == "xlsx":
        return render_xlsx(plan, year=year, units=units, lang=lang)
    if fmt == "yaml":
        return render_yaml(plan, year=year, units=units, lang=lang, named=named)
    return render_csv(plan, year=year, units=units, lang=lang)


def parse_units(text: str | None) -> tuple[str, ...]:
    """``徐汇区,长宁区`` (also with ``，`` or ``、``) → the unit names, in order, once each, folded
    as a submission's unit cells are read. ``--units`` given with no name in it is an error."""
    from plancheck.submission.values import fold

    if text is None:
        return ()
    for separator in ("，", "、"):
        text = text.replace(separator, ",")
    names = [fold(name) for name in text.split(",") if fold(name)]
    if not names:
        raise UserError(say("template.no_units"))
    return tuple(dict.fromkeys(names))


def check_units(plan: Plan, units: tuple[str, ...]) -> None:
    """The units of a template are those ``evaluate`` reads back: the plan's peer group members
    and its own unit, or any unit when the plan admits others (``other_units: true``) or lists
    no members — the submission reader's rule, with its message and the nearest unit. A name
    with a control character (an ESC sequence, a line break) is never a unit."""
    from plancheck.submission.values import shown

    for name in units:
        problem = plan.unit_problem(name)
        if problem is None and not name.isprintable():
            # Any unit, but not one whose name a spreadsheet or terminal would run.
            problem = say("template.unit_not_plain", name=shown(name))
        if problem is not None:
            raise UserError(say("cell", label="--units", message=problem))


def choose_format(fmt: str | None, output: str | None) -> str:
    """``--format`` if given, else the output file's extension, else csv. With ``-o FILE``, the
    extension must be one a template is written as (``.csv``, ``.yaml``/``.yml``, ``.xlsx``),
    and the format's: a CSV written into ``t.xlsx`` or ``t.docx`` is a file nothing opens, and
    ``evaluate`` refuses it. A name without an extension takes the format given (csv)."""
    suffix = PurePath(output).suffix if output else ""
    implied = SUFFIXES.get(suffix.lower()) if suffix else None
    if suffix and implied is None:
        raise UserError(say("template.suffix_unknown", suffix=shown(suffix)), output)
    if fmt is not None and implied is not None and implied != fmt:
        raise UserError(
            say("template.suffix_disagrees", fmt=fmt, suffix=shown(suffix), implied=implied),
            output,
        )
    return fmt or implied or "csv"

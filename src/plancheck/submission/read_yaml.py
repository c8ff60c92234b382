"""YAML submissions. Two shapes, documented in the README:

year: 2023            # optional when --year or the file name says it
unit: 徐汇区           # optional; the plan's own unit by default
values:               # indicator number or name → figure, or a mapping with more
  "1": 100
  规范性文件审查纠错率: {value: 1.2, reference: 1.8}
  "18": {value: 92, rank: 3, note: 第三方测评}

records:              # the long form: the same fields as the CSV columns
  - {unit: 徐汇区, year: 2023, indicator: "5", value: 1.2, reference: 1.8}

As in a CSV header, a record gives each field once (``value`` and ``数值`` both: an error at the
second key), but for the indicator's number and name (序号 and 指标), which must agree. A
record's own year beside the file's ``year:`` must be the same year (an error at the record's
key): a year that silently overrode the file's was most likely a slip. So is a record's own
unit beside the file's ``unit:`` (one unit once folded as every unit is: full-width forms,
outer spaces). A ``values:`` entry's mapping names its fields as a CSV header may
(``{数值: 90, 排名: 3}``: columns.FIELDS), each once.

A national file is read as it comes (``yamlfile.PlainEvents``): one record at a time, never
the whole file's data. Its errors are those of reading it whole: what is wrong with the YAML
itself (an anchor, a tag, broken syntax), wherever it is in the file, is said before a bad
record (``YamlRecords.check_rest``).

Figures and keys are read as the text typed, as a CSV cell is (``yamlfile``'s numbers_as_text):
``0100`` is 100 and the key ``010`` indicator 10, never YAML 1.1's octal 64 and 8.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from plancheck.errors import UserError
from plancheck.i18n import say
from plancheck.safetext import as_typed
from plancheck.submission import columns
from plancheck.submission.models import RawRecord
from plancheck.submission.values import BadValue, fold, parse_year, shown
from plancheck.yamlfile import MarkedYaml, NotPlain, plain_events, read_nodes, read_yaml

_TOP_KEYS = {"year", "unit", "values", "records"}
_ENTRY_FIELDS = ("value", "reference", "rank", "note")
_SPLIT = frozenset({"values", "records"})
Common = dict[str, tuple[object, str]]
Path = tuple[str | int, ...]


def read_yaml_submission(text: str, file: str) -> YamlRecords:
    return YamlRecords(text, file)


class YamlRecords:
    """The records of a YAML submission, read as they come.

    A file whose ``values:`` or ``records:`` is the last key of its top mapping (written by
    people and programs alike) is read one entry at a time; another (a ``year:`` after the
    records) is read whole first, as is one whose YAML is not plain (``NotPlain``: read node by
    node, which says what is wrong)."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self._rest: Iterator[Any] | None = None  # the file's entries not read yet

    def __iter__(self) -> Iterator[RawRecord]:
        try:
            yield from self._records()
        except UserError:
            self.check_rest()
            raise

    def check_rest(self) -> None:
        """Read the rest of the file for what is wrong with its YAML, said (raised) first: a
        bad record, or the cells that stopped the reading, are said after it, as when the file
        was read whole before any record."""
        rest, self._rest = self._rest, None
        if rest is None:
            return
        try:
            for _ in rest:
                pass
        except NotPlain:
            read_nodes(self.text, self.file, numbers_as_text=True)

    def _records(self) -> Iterator[RawRecord]:
        events = plain_events(self.text, _SPLIT)
        self._rest = entries = events.entries()
        yielded = 0
        try:
            first = next(entries, None)  # what precedes it is read: events.root, events.marks
            if first is None or events.last_at_top():
                top = MarkedYaml(events.root, self.file, events.marks)
                common = _head(top)
                _records_list(top)
                fields: dict[str, str] = {}
                if first is not None:
                    yield self._entry(top, first, common, fields)
                    yielded = 1
                for entry in entries:
                    yield self._entry(top, entry, common, fields)
                    yielded += 1
                return
        except NotPlain:
            self._rest = None
            # Node by node, which says what is wrong, or reads what YAML's rules allow (an
            # explicit !!int 5): the records not yielded yet.
            doc = read_nodes(self.text, self.file, numbers_as_text=True)
            yield from islice(_whole(doc), yielded, None)
            return
        self._rest = None
        yield from _whole(read_yaml(self.text, self.file, numbers_as_text=True))

    def _entry(
        self,
        top: MarkedYaml,
        entry: tuple[Path, Any, dict[Path, tuple[int, int]]],
        common: Common,
        fields: dict[str, str],
    ) -> RawRecord:
        path, data, marks = entry
        doc = _EntryDoc(top, marks)
        if path[0] == "values":
            return _value(doc, path, data, common)
        return _record(doc, path, data, common, fields)


class _EntryDoc:
    """One entry's marks beside the file's top-level ones, as a MarkedYaml of both is made
    only when a place is asked for (a problem's): a national file's every record has one."""

    __slots__ = ("_doc", "_top", "file", "marks")

    def __init__(self, top: MarkedYaml, marks: dict[Path, tuple[int, int]]) -> None:
        self.file = top.file
        self.marks = marks
        self._top = top
        self._doc: MarkedYaml | None = None

    def _whole(self) -> MarkedYaml:
        if self._doc is None:
            self._doc = MarkedYaml(None, self.file, {**self._top.marks, **self.marks})
        return self._doc

    def where(self, path: Path) -> tuple[int | None, int | None]:
        return self._whole().where(path)

    def error(self, path: Path, message: str) -> UserError:
        return self._whole().error(path, message)

    def two_keys(self, path: Path, field: str, first: str, second: str) -> UserError:
        return self._whole().two_keys(path, field, first, second)


Doc = MarkedYaml | _EntryDoc


def _head(doc: MarkedYaml) -> Common:
    """The file's top mapping checked, and the fields it gives every record (year, unit)."""
    data, file = doc.data, doc.file
    if not isinstance(data, dict):
        raise UserError(say("yaml.submission_mapping"), file, 1, 1)
    for key in data:
        if key not in _TOP_KEYS:
            raise doc.error((key,), say("yaml.unknown_top_key", key=shown(key)))
    if "values" not in data and "records" not in data:
        raise UserError(say("yaml.values_or_records"), file, 1, 1)
    common: Common = {
        field: (_scalar(doc, (field,), data[field], field), field)
        for field in ("year", "unit")
        if field in data
    }
    values = data.get("values")
    if values is not None and not isinstance(values, dict):
        raise doc.error(("values",), say("yaml.values_mapping"))
    return common


def _records_list(doc: MarkedYaml) -> list[object]:
    records = doc.data.get("records")
    if records is not None and not isinstance(records, list):
        raise doc.error(("records",), say("yaml.records_list"))
    return records or []


def _whole(doc: MarkedYaml) -> Iterator[RawRecord]:
    """The records of a file read whole."""
    common = _head(doc)
    for key, entry in (doc.data.get("values") or {}).items():
        yield _value(doc, ("values", key), entry, common)
    fields: dict[str, str] = {}
    for n, entry in enumerate(_records_list(doc)):
        yield _record(doc, ("records", n), entry, common, fields)


def _scalar(doc: Doc, path: Path, value: object, label: str) -> object:
    """A cell is one value: a list or mapping where a figure, unit or note goes is an error."""
    if isinstance(value, list | dict):
        kind = say("yaml.a_list") if isinstance(value, list) else say("yaml.a_mapping")
        raise doc.error(path, say("yaml.single_value", label=label, kind=kind))
    return value


def _where(
    doc: Doc, path: Path, keys: dict[str, str] | None, common: Common
) -> Callable[[str], tuple[int | None, int | None]]:
    """Where a field of the entry at ``path`` is: its own key's place (``keys``: field → the
    key it was given under, 数值 for value); else, for one the file gives once (its ``year:``,
    ``unit:``), that key's — one place, one error, never one per figure; else the entry's
    (a bare value's line, ``"4": 100``: its key and its value, ``keys`` None)."""

    def where(field: str) -> tuple[int | None, int | None]:
        if keys is not None and field in keys:
            return doc.where((*path, keys[field]))
        if field in common:
            return doc.where((field,))
        if keys is None:
            return doc.where(path)[0], None
        return doc.where((*path, field))

    return where


def _second(doc: Doc, path: Path, keys: dict[str, str], field: str, key: str) -> str:
    """The field a record's second key for ``field`` gives: as in a CSV header, a second
    indicator (序号 and 指标: the number and the name) is ``other_indicator``, which must name
    the same indicator; a third, or any other field given twice, is an error at its key."""
    if field == "indicator":
        if "other_indicator" not in keys:
            return "other_indicator"
        named = say("list").join((keys["indicator"], keys["other_indicator"], key))
        raise doc.error((*path, key), say("read.three_indicator_keys", keys=named))
    raise doc.two_keys(path, field, keys[field], key)


def _same_year(doc: Doc, path: Path, year: object, file_year: object) -> None:
    """A record's own year (at ``path``) and the file's ``year:`` both given: an error at the
    record's key when they are two years (``2023`` and ``2023年`` are one). A year that is no
    year is said where the rows are read, as any bad cell."""
    try:
        own, top = parse_year(year), parse_year(file_year)
    except BadValue:
        return
    if own is not None and top is not None and own != top:
        line, _ = doc.where(("year",))
        message = say("yaml.record_year_disagrees", year=own, file_year=top, line=line)
        raise doc.error(path, say("cell", label=str(path[-1]), message=message))


def _same_unit(doc: Doc, path: Path, unit: object, file_unit: object) -> None:
    """A record's own unit (at ``path``) and the file's ``unit:`` both given: an error at the
    record's key when they are two units once folded as every unit is (``徐汇区`` and
    ``徐汇区 `` are one); a blank one is none."""
    if unit is None or file_unit is None:
        return
    own, top = fold(as_typed(str(unit))), fold(as_typed(str(file_unit)))
    if own and top and own != top:
        line, _ = doc.where(("unit",))
        message = say("yaml.record_unit_disagrees", unit=shown(own), file_unit=shown(top),
                      line=line)  # fmt: skip
        raise doc.error(path, say("cell", label=str(path[-1]), message=message))


def _line(doc: Doc, path: Path) -> int:
    mark = doc.marks.get(path)  # a record's or an entry's own mark, as where() finds it first
    line, _ = mark if mark is not None else doc.where(path)
    return line or 1


def _value(doc: Doc, path: Path, entry: object, common: Common) -> RawRecord:
    """An entry of ``values:`` (``path``: ("values", its key)): a figure, or a mapping of the
    fields a figure may have, under the names a CSV header gives them (数值, 排名), each once."""
    cells = dict(common)
    cells["indicator"] = (path[-1], "values")
    keys: dict[str, str] | None = None
    if isinstance(entry, dict):
        keys = {}
        for key in entry:
            field = columns.field_of(str(key))
            if field not in _ENTRY_FIELDS:
                raise doc.error((*path, key), say("yaml.unknown_entry_key", key=key))
            if field in keys:
                raise doc.two_keys(path, field, keys[field], key)
            keys[field] = key
        for field, key in keys.items():
            cells[field] = (_scalar(doc, (*path, key), entry[key], key), key)
        cells.setdefault("value", (None, "value"))
    elif isinstance(entry, list):
        raise doc.error(path, say("yaml.entry_list", key=shown(path[-1])))
    else:
        cells["value"] = (entry, "value")
    return RawRecord(doc.file, _line(doc, path), cells, _where(doc, path, keys, common))


def _record(
    doc: Doc, path: Path, entry: object, common: Common, fields: dict[str, str]
) -> RawRecord:
    """An item of ``records:`` (``path``: ("records", n)); ``fields``: a key → its field, ""
    for a column only people read (the same few keys on every record: each looked up once)."""
    if not isinstance(entry, dict):
        raise doc.error(path, say("yaml.record_mapping"))
    cells = dict(common)
    keys: dict[str, str] = {}  # field → the key the record gives it under
    for key, value in entry.items():
        field = fields.get(key)
        if field is None:
            field = columns.field_of(str(key))
            if field is None:
                if not columns.is_informational(str(key)):
                    raise doc.error((*path, key), say("yaml.unknown_key", key=shown(key)))
                field = ""
            fields[key] = field
        if not field:
            continue
        if field in keys:  # a field given twice: refused, but for a number and a name
            field = _second(doc, path, keys, field, key)
        keys[field] = key
        if value.__class__ is list or value.__class__ is dict:
            _scalar(doc, (*path, key), value, key)
        cells[field] = (value, key)
        if field in common:
            if field == "year":
                _same_year(doc, (*path, key), value, common["year"][0])
            elif field == "unit":
                _same_unit(doc, (*path, key), value, common["unit"][0])
    if "indicator" not in cells:
        raise doc.error(path, say("yaml.record_no_indicator"))
    cells.setdefault("value", (None, "value"))
    return RawRecord(doc.file, _line(doc, path), cells, _where(doc, path, keys, common))

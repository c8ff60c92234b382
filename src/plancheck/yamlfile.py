"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives each node a start mark; we build plain Python data from the nodes and keep
a map from each value's path (``("indicators", 3, "target")``) to its 1-based line and column, so a
pydantic error or a bad value can be reported as ``file:line:column`` (lines as editors count
them, even where YAML also breaks lines at U+2028 or NEL). Only plain YAML is accepted: no Python
tags, no anchors/aliases (which also rules out alias bombs), no duplicate keys, bounded nesting,
no UTF-16 surrogates written as escapes, no text under an explicit tag it does not fit
(``!!bool 100``, ``!!timestamp abc``: a located error saying what the tag takes).

Numbers: YAML 1.1 reads ``0100`` as 64 (octal), ``1:40`` as 100 (base 60), ``0x10`` as 16 and
``24.10`` as 24.1. Files people fill in (submissions, progress reports) are read with
``numbers_as_text``: such scalars, and YAML 1.1's booleans (``yes``, ``off``), stay the text typed,
which the readers then take as a CSV cell (``0100`` is 100, ``24.10`` stays a milestone id,
``1:40`` is not a number, a figure ``yes`` is the text 'yes'). In a plan, numbers
are numbers, but one YAML would read otherwise than its decimal text, ``.nan`` or ``.inf`` is a
located error.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from plancheck.errors import UserError
from plancheck.i18n import say, yaml_problem
from plancheck.record import record
from plancheck.textfile import line_number, split_lines

MAX_DEPTH = 64
_TAG = "tag:yaml.org,2002:"
_PLAIN_SCALAR_TAGS = {
    f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_NUMBER_TAGS = (f"{_TAG}int", f"{_TAG}float")
_TYPED_AS_TEXT = (*_NUMBER_TAGS, f"{_TAG}bool")  # numbers_as_text: these stay the text typed
Path_ = tuple[str | int, ...]


@record
class MarkedYaml:
    """The data of one YAML document, and the line/column where each path starts.

    A large data file's marks are kept ``shallow``: only of paths that deep (a record's own),
    the deeper ones read again from the text the first time a deeper path is asked for (an
    error's): a national submission's every key would hold hundreds of megabytes."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    shallow: int | None = None  # marks kept of paths this deep at most; None: all of them
    deeper: Callable[[], dict[Path_, tuple[int, int]]] | None = None  # every mark, read again

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the deepest known prefix of ``path`` (pydantic adds union tags)."""
        marks = self.marks
        if self.shallow is not None and len(path) > self.shallow and self.deeper is not None:
            marks = self.deeper()
        best: tuple[int, int] | None = marks.get(())
        known: Path_ = ()
        for step in path:
            candidate = (*known, step)
            if candidate in marks:
                known = candidate
                best = marks[candidate]
        return best if best is not None else (None, None)

    def error(self, path: Path_, message: str) -> UserError:
        line, column = self.where(path)
        return UserError(message, self.file, line, column)

    def two_keys(self, path: Path_, field: str, first: str, second: str) -> UserError:
        """The mapping at ``path`` gives ``field`` under two keys (``value`` and ``数值``): an
        error at the second, as a second such column of a CSV header is."""
        message = say("read.two_keys", field=field, first=first, second=second)
        return self.error((*path, second), message)


def read_yaml(text: str, file: str | Path, *, numbers_as_text: bool = False) -> MarkedYaml:
    """Parse one YAML document from ``text``; raise a located UserError on anything unsafe.

    ``numbers_as_text``: plain scalars that YAML would read as numbers stay text (see above).
    """
    name = str(file)
    lines = _Lines(text)
    shallow = SHALLOW_DEPTH if len(text) > SHALLOW_FROM else None
    if numbers_as_text and (streamed := _read_events(text, lines, shallow)) is not None:
        if shallow is None:
            return MarkedYaml(streamed[0], name, streamed[1])
        return MarkedYaml(streamed[0], name, streamed[1], shallow, _every_mark(text, lines))
    return read_nodes(text, name, numbers_as_text=numbers_as_text)


def plain_events(text: str, split: frozenset[str]) -> PlainEvents:
    """A plain data file (numbers as text) read from its events, ``split`` keys' entries one by
    one (``PlainEvents``)."""
    return PlainEvents(text, _Lines(text), None, split)


def read_nodes(text: str, file: str, *, numbers_as_text: bool = False) -> MarkedYaml:
    """``read_yaml`` node by node: what says what is wrong with a document that is not plain
    (``NotPlain``), or reads it when YAML's rules allow it (an explicit ``!!int 5``)."""
    name = file
    loaders = _TEXT_NUMBER_LOADERS if numbers_as_text else _LOADERS
    lines = _Lines(text)
    shallow = loaders[1] is not None and _shallow(text)
    node = _compose_fast(text, loaders[1]) if shallow else None
    if not shallow and (deep := _deep_early(text, loaders[1])) is not None:
        raise UserError(say("yaml.too_deep", depth=MAX_DEPTH), name, *lines.position(deep))
    try:
        if node is None:
            node = yaml.compose(text, Loader=loaders[0])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.problem_mark is not None and (long := _long_key(text, exc.problem_mark.index)):
            message = say("yaml.key_too_long", length=long[1], limit=_KEY_LIMIT)
            raise UserError(message, name, *lines.at(text, long[0])) from None
        said = exc.problem or exc.context or "invalid YAML"
        if exc.context and said.startswith("but "):  # the end of the context's sentence
            said = f"{exc.context}, {said}"  # "expected a single document…, but found another…"
        problem = yaml_problem(said)
        if mark is None:
            raise UserError(say("yaml.invalid", problem=problem), name) from None
        raise UserError(say("yaml.invalid", problem=problem), name, *lines.position(mark)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (a control character)
        if isinstance(exc.character, int):
            problem = yaml_problem(f"unacceptable character #x{exc.character:04x}: {exc.reason}")
            where = lines.at(text, exc.position)
            raise UserError(say("yaml.invalid", problem=problem), name, *where) from None
        raise UserError(say("yaml.invalid", problem=exc), name) from None
    except yaml.YAMLError as exc:
        raise UserError(say("yaml.invalid", problem=exc), name) from None
    except RecursionError:
        deep = _first_too_deep(text, loaders)
        if deep is None:
            raise UserError(say("yaml.too_deep", depth=MAX_DEPTH), name) from None
        raise UserError(
            say("yaml.too_deep", depth=MAX_DEPTH), name, *lines.position(deep)
        ) from None
    if node is None:
        return MarkedYaml(None, name, {})
    if "&" in text and (anchor := _first_anchor(text, loaders)) is not None:
        # An anchor alone composes like plain YAML (only an alias is a second use): refused too.
        raise UserError(say("yaml.aliases"), name, *lines.position(anchor))
    builder = _Builder(name, lines)
    data = builder.build(node, (), 0)
    return MarkedYaml(data, name, builder.marks)


_KEY_LIMIT = 1024  # PyYAML and libyaml read a key of at most this many characters


def _long_key(text: str, colon: int) -> tuple[int, int] | None:
    """(index, length) of the key before the ``:`` at ``colon`` when it is longer than YAML
    reads a key: PyYAML then says "mapping values are not allowed here", which names no key.
    The key starts after the line's indentation and its ``- ``/``? `` indicators, or after the
    last ``{`` ``[`` ``,`` outside quotes (a flow mapping's)."""
    if text[colon : colon + 1] != ":" or colon <= _KEY_LIMIT:
        return None
    start = max(text.rfind("\n", 0, colon), text.rfind("\r", 0, colon)) + 1
    if colon - start <= _KEY_LIMIT:
        return None
    key = start
    while key < colon and (
        text[key] == " " or (text[key] in "-?" and text[key + 1 : key + 2] == " ")
    ):
        key += 1
    quote, valued = "", False  # valued: a ": " came after the key, so this is its value's
    for index in range(key, colon):
        char = text[index]
        if quote:
            quote = "" if char == quote and text[index - 1 : index] != "\\" else quote
        elif char in "'\"":
            quote = char
        elif char in "{[,":
            key, valued = index + 1, False
        elif char == ":" and text[index + 1 : index + 2] in (" ", "\t"):
            valued = True
    if valued:
        return None  # "a: b: c", a value with ": " unquoted: PyYAML's message says to quote it
    while key < colon and text[key] == " ":
        key += 1
    length = len(text[key:colon].rstrip(" "))
    return (key, length) if colon - key > _KEY_LIMIT else None


# A data file past this many characters keeps the marks of its records, not of their keys.
SHALLOW_FROM = 1 << 20
SHALLOW_DEPTH = 2  # ("records", n), ("values", key): what a record's line is read from


def _every_mark(text: str, lines: _Lines) -> Callable[[], dict[Path_, tuple[int, int]]]:
    """Every mark of a plain document, read again from its text once, when first asked for."""
    found: list[dict[Path_, tuple[int, int]]] = []

    def marks() -> dict[Path_, tuple[int, int]]:
        if not found:
            streamed = _read_events(text, lines)
            assert streamed is not None  # it read from events once already
            found.append(streamed[1])
        return found[0]

    return marks


def _without_number_resolvers(loader: type[Any]) -> type[Any]:
    """``loader`` with YAML 1.1's implicit int, float and bool types left out: such scalars are
    str (a figure ``yes`` is the text 'yes', never Python's True)."""
    resolvers = {
        first: [(tag, pattern) for tag, pattern in entries if tag not in _TYPED_AS_TEXT]
        for first, entries in loader.yaml_implicit_resolvers.items()
    }
    return type(f"TextNumbers{loader.__name__}", (loader,), {"yaml_implicit_resolvers": resolvers})


_C_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)
# (PyYAML's own loader, libyaml's or None): the pair read_yaml composes with.
_LOADERS: tuple[type[Any], type[Any] | None] = (yaml.SafeLoader, _C_LOADER)
_TEXT_NUMBER_LOADERS = (
    _without_number_resolvers(yaml.SafeLoader),
    _without_number_resolvers(_C_LOADER) if _C_LOADER is not None else None,
)


class _Lines:
    """Line and column of a YAML mark as editors count them.

    YAML also ends lines at NEL, U+2028 and U+2029; only when the text holds one are positions
    recounted from the mark's character index.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if any(separator in text for separator in ("\x85", "\u2028", "\u2029")):
            self.starts = [0]
            for line in split_lines(text, keepends=True):
                self.starts.append(self.starts[-1] + len(line))

    def position(self, mark: Any) -> tuple[int, int]:
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return line + 1, mark.index - self.starts[line] + 1

    def at(self, text: str, index: int) -> tuple[int, int]:
        """Line and column of the character at ``index`` of ``text`` (a reader's error has an
        index, not a mark)."""
        if self.starts is not None:
            line = bisect.bisect_right(self.starts, index) - 1
            return line + 1, index - self.starts[line] + 1
        start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
        return line_number(text, index), index - start + 1


_FLOW = re.compile(r"[\[\]{}]")


def _first_anchor(text: str, loaders: tuple[type[Any], type[Any] | None]) -> Any:
    """The start mark of the document's first anchor (``&name``), or None: read from its tokens
    (an ``&`` inside a string is no anchor) by libyaml's scanner, else by PyYAML's own — the one
    that composed the document when libyaml refuses it (an escape ``"\ud800"``, which PyYAML
    reads as a surrogate that is then refused in a located message)."""
    try:
        return _anchor_token(yaml.scan(text, Loader=loaders[1] or loaders[0]))
    except yaml.YAMLError:
        return _anchor_token(yaml.scan(text, Loader=loaders[0]))


def _anchor_token(tokens: Iterator[Any]) -> Any:
    for token in tokens:
        if isinstance(token, yaml.AnchorToken):
            return token.start_mark
    return None


def _compose_fast(text: str, loader: type[Any] | None) -> Any:
    """Compose with libyaml (10× faster than PyYAML's own composer) when it is safe to.

    libyaml composes nested nodes by recursion on the C stack, which a deeply nested document
    could overflow; it is used only when the nesting is provably shallow (short indentation bounds
    the block nesting, few brackets the flow nesting). On any problem the pure-Python composer runs
    again, so messages, marks and limits are exactly those of PyYAML. Returns None to mean "use
    PyYAML"; a document with no node composes to the same None either way.
    """
    if loader is None:
        return None
    try:
        return yaml.compose(text, Loader=loader)
    except Exception:
        return None


def _first_too_deep(text: str, loaders: tuple[type[Any], type[Any] | None]) -> Any:
    """The start mark of the first node nested deeper than MAX_DEPTH (a key is at its mapping's
    depth, as ``_Builder.build`` counts), or None. Read from events, which keep their own stack:
    PyYAML's composer recursed into the node until Python's limit, where no mark was left. libyaml
    refuses a flow collection 1000 deep before its first event; PyYAML's own parser then."""
    for loader in filter(None, (loaders[1], loaders[0])):
        open_: list[list[bool]] = []  # per open collection: [a mapping, its next node a key]
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.CollectionEndEvent):
                    open_.pop()
                    continue
                if not isinstance(event, yaml.NodeEvent):
                    continue
                key = bool(open_) and all(open_[-1])
                if open_ and open_[-1][0]:
                    open_[-1][1] = not open_[-1][1]
                if not key and len(open_) > MAX_DEPTH:
                    return event.start_mark
                if isinstance(event, yaml.CollectionStartEvent):
                    open_.append([isinstance(event, yaml.MappingStartEvent), True])
        except yaml.YAMLError:
            continue
    return None


def _deep_early(text: str, loader: type[Any] | None) -> Any:
    """The start mark of the first node nested deeper than MAX_DEPTH, found by libyaml in the
    text up to the first bracket MAX_DEPTH + 2 deep (counting every bracket), or in the whole
    text when no bracket is that deep (blocks nested by indentation), or None.

    PyYAML's own scanner takes seconds over brackets thousands deep (each token looks at every
    open level, and a bracket may start a key up to 1,024 characters on), and libyaml refuses
    1,000 before its first event; in the text up to the cut, neither happens. Text cut short
    reads as the whole does up to the cut (a key whose ``:`` lies beyond it is a level less
    deep, never more), so a node found too deep in it is too deep in the whole; a bracket in a
    string only moves the cut, and None leaves the document to PyYAML as before."""
    if loader is None:
        return None
    depth = 0
    for match in _FLOW.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH + 1:  # a top-level flow collection is a level less deep
            return _first_too_deep(text[: match.end()], (loader, None))  # libyaml alone
    return _first_too_deep(text, (loader, None))  # deep in blocks: libyaml's events stream


def _shallow(text: str) -> bool:
    """Block nesting needs indentation or a leading "- " per level; flow nesting a bracket."""
    prefixes = (len(line) - len(line.lstrip(" -")) for line in split_lines(text))
    if max(prefixes, default=0) > 400:
        return False
    depth = deepest = 0
    for match in _FLOW.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(depth, deepest)
    return deepest <= MAX_DEPTH


class NotPlain(Exception):
    """The document is not plain data (see ``_read_events``): read it node by node instead."""


def _read_events(
    text: str, lines: _Lines, shallow: int | None = None
) -> tuple[Any, dict[Path_, tuple[int, int]]] | None:
    """The data and marks of a plain document read from libyaml's events (``PlainEvents``), or
    None when it is not plain and must be read node by node (``shallow``: only the marks of
    paths that deep at most are kept)."""
    events = PlainEvents(text, lines, shallow)
    try:
        for _ in events.entries():
            pass  # nothing is split off: the whole document is events.root
    except NotPlain:
        return None
    return events.root, events.marks


class PlainEvents:
    """A plain document built from libyaml's events as they come: no node tree (a 20 MB
    submission is 3 million nodes, gigabytes), no recursion, and each distinct plain scalar
    resolved and constructed once.

    Only the plain data files people fill in (``numbers_as_text``) are read so, and only while
    nothing in them needs a rule: any anchor or alias, tag other than the plain ones, number
    tag, merge or duplicate key, complex key, nesting past MAX_DEPTH, surrogate escape, second
    document, line separator other than ``\\n``/``\\r``, or parser error raises NotPlain, and the
    document is to be composed and built node by node (``_Builder``), which says what is wrong.
    The data and marks are those ``_Builder`` gives: the same paths, lines and columns
    (``shallow``: only of paths that deep at most).

    ``split``: top-level keys whose entries (a list's items, a mapping's values) ``entries()``
    yields one by one as each is complete, with the marks of its own paths, instead of keeping
    them: ``root`` then holds that key's list or mapping empty, and a national submission is
    never held whole. ``root`` and ``marks`` (of every path outside such an entry) are built as
    the events come, so what precedes an entry is there when it is yielded.
    """

    def __init__(
        self,
        text: str,
        lines: _Lines,
        shallow: int | None = None,
        split: frozenset[str] = frozenset(),
    ) -> None:
        self.text = text
        self.lines = lines
        self.shallow = shallow
        self.split = split
        self.root: Any = None
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.block_root = False  # the root is a mapping in block style
        self.split_at: Any = None  # the start mark of the first key split

    def last_at_top(self) -> bool:
        """Is the first key split certainly the root's last (no key of the root, nor another
        document, follows it)? In a block mapping whose keys start at column 0, any later key
        starts a line at column 0 with something other than a list's ``- ``, a comment or
        blank; a document that may have one is to be read whole."""
        mark = self.split_at
        if not self.block_root or mark is None or mark.column != 0:
            return False
        return _TOP_LINE().search(self.text, mark.index) is None

    def entries(self) -> Iterator[tuple[Path_, Any, dict[Path_, tuple[int, int]]]]:
        """Each entry of a ``split`` key as it is complete: its path, its data, its marks."""
        try:
            yield from self._entries()
        except NotPlain:
            raise
        except Exception as exc:  # a parser error, a date that is no date…: node by node
            raise NotPlain from exc

    def _entries(self) -> Iterator[tuple[Path_, Any, dict[Path_, tuple[int, int]]]]:
        deepest = MAX_DEPTH + 1 if self.shallow is None else self.shallow
        loader = _TEXT_NUMBER_LOADERS[1]
        if loader is None or self.lines.starts is not None:
            raise NotPlain
        resolver = _TEXT_NUMBER_LOADERS[0]("")  # the same implicit resolvers, pure Python
        constructor = yaml.constructor.SafeConstructor()
        # An untagged scalar's value by its text, plain or quoted (all its resolving depends on).
        scalars: tuple[dict[str, Any], dict[str, Any]] = ({}, {})

        def scalar(event: Any) -> Any:
            if event.tag is None and (found := scalars[event.implicit[0]].get(event.value)):
                return found[0]
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag not in _PLAIN_SCALAR_TAGS or tag in _NUMBER_TAGS:
                raise NotPlain
            if _misfit(tag, event.value) is not None:
                raise NotPlain
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            value = constructor.construct_object(node, deep=True)
            if isinstance(value, str) and _SURROGATE.search(value):
                raise NotPlain
            if event.tag is None:
                memo = scalars[event.implicit[0]]
                if len(memo) > _SCALARS_KEPT:  # notes, every one its own: a bounded memo
                    memo.clear()
                memo[event.value] = (value,)
            return value

        marks = self.marks
        own: dict[Path_, tuple[int, int]] | None = None  # the marks of the entry being read
        Scalar, MappingStart, MappingEnd = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.MappingEndEvent,
        )
        SequenceStart, SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
        # Open collections, innermost last: [collection, its path, a mapping's pending key or
        # None, a sequence's next index, the keys of a split mapping (a split list: an empty
        # set; not split: None), is it a mapping]. Lines and columns are libyaml's, plus one:
        # no line separator but \n and \r (``_Lines``).
        open_: list[list[Any]] = []
        parent: list[Any] | None = None
        value: Any
        mark: Any
        split: set[str] | None
        documents = 0
        parser = loader(self.text)
        get_event = parser.get_event
        try:
            event: Any
            pending: Any = None  # an event the flat loop below read and left for this one
            while True:
                if pending is None:
                    event = get_event()
                    if event is None:
                        break
                else:
                    event, pending = pending, None
                kind = event.__class__
                if parent is None:  # the stream's and document's own events, the root
                    if kind is yaml.DocumentStartEvent:
                        documents += 1
                        if documents > 1:
                            raise NotPlain
                        continue
                    if kind in _FRAME_EVENTS:
                        continue
                    path: Path_ = ()
                elif parent[5]:
                    if parent[2] is None:  # a key, or the mapping's end
                        if kind is MappingEnd:
                            open_.pop()
                            done, parent = parent, open_[-1] if open_ else None
                            if own is not None and parent is not None and parent[4] is not None:
                                yield done[1], done[0], own
                                own = None
                            continue
                        if kind is not Scalar or event.anchor is not None:
                            raise NotPlain
                        found = (
                            scalars[event.implicit[0]].get(event.value)
                            if event.tag is None
                            else None
                        )
                        value = found[0] if found is not None else scalar(event)
                        key = value if value.__class__ is str else _key(value, event.value)
                        split = parent[4]
                        if key in parent[0] or (split is not None and key in split):
                            raise NotPlain
                        parent[2] = key
                        mark = event.start_mark
                        if own is not None:
                            own[(*parent[1], key)] = (mark.line + 1, mark.column + 1)
                        elif split is not None:  # a split mapping's key: its entry's
                            split.add(key)
                            own = {(*parent[1], key): (mark.line + 1, mark.column + 1)}
                        else:
                            keypath = (*parent[1], key)
                            if len(keypath) < deepest:
                                marks[keypath] = (mark.line + 1, mark.column + 1)
                            if len(keypath) == 1 and key in self.split and self.split_at is None:
                                self.split_at = mark
                        continue
                    path = (*parent[1], parent[2])
                else:
                    if kind is SequenceEnd:
                        open_.pop()
                        done, parent = parent, open_[-1] if open_ else None
                        if own is not None and parent is not None and parent[4] is not None:
                            yield done[1], done[0], own
                            own = None
                        continue
                    path = (*parent[1], parent[3])
                if event.anchor is not None or kind is yaml.AliasEvent or len(path) > MAX_DEPTH:
                    raise NotPlain
                entry = parent is not None and parent[4] is not None  # a split one's
                mark = event.start_mark
                if entry and own is None:  # a split list's item
                    own = {path: (mark.line + 1, mark.column + 1)}
                elif own is not None:
                    if path not in own:
                        own[path] = (mark.line + 1, mark.column + 1)
                elif len(path) <= deepest and path not in marks:
                    marks[path] = (mark.line + 1, mark.column + 1)
                if kind is Scalar:
                    found = (
                        scalars[event.implicit[0]].get(event.value) if event.tag is None else None
                    )
                    value = found[0] if found is not None else scalar(event)
                else:
                    split = None
                    if kind is MappingStart and event.tag in _MAP_TAGS:
                        value = {}
                        if parent is None:
                            self.block_root = not event.flow_style
                        elif len(path) == 1 and path[0] in self.split:
                            split = set()
                    elif kind is SequenceStart and event.tag in _SEQ_TAGS:
                        value = []
                        if parent is not None and len(path) == 1 and path[0] in self.split:
                            split = set()
                    else:
                        raise NotPlain
                    frame = [value, path, None, 0, split, kind is MappingStart]
                if parent is None:
                    self.root = value
                elif parent[5]:
                    if not entry:
                        parent[0][parent[2]] = value
                    parent[2] = None
                else:
                    if not entry:
                        parent[0].append(value)
                    parent[3] += 1
                if kind is Scalar:
                    if entry:  # complete as it comes
                        assert own is not None
                        yield path, value, own
                        own = None
                else:
                    open_.append(frame)
                    parent = frame
                    if own is not None and kind is MappingStart:
                        # An entry's flat mapping (a record): its plain keys and values read
                        # here, at a fraction of the loop's cost; anything else, and the
                        # mapping's end, goes round the loop.
                        while True:
                            event = get_event()
                            if event.__class__ is not Scalar or event.anchor is not None:
                                pending = event
                                break
                            found = (
                                scalars[event.implicit[0]].get(event.value)
                                if event.tag is None
                                else None
                            )
                            key = found[0] if found is not None else scalar(event)
                            if key.__class__ is not str:
                                key = _key(key, event.value)
                            if key in value:
                                raise NotPlain
                            mark = event.start_mark
                            keypath = (*path, key)
                            own[keypath] = (mark.line + 1, mark.column + 1)
                            event = get_event()
                            if event.__class__ is not Scalar or event.anchor is not None:
                                frame[2] = key
                                pending = event
                                break
                            if len(keypath) > MAX_DEPTH:
                                raise NotPlain
                            found = (
                                scalars[event.implicit[0]].get(event.value)
                                if event.tag is None
                                else None
                            )
                            value[key] = found[0] if found is not None else scalar(event)
        finally:
            parser.dispose()


_SCALARS_KEPT = 100_000


@cache
def _TOP_LINE() -> re.Pattern[str]:
    # A line starting at column 0 with what may be a key or a document marker: anything but a
    # blank, a comment or a list's "- ".
    return re.compile(r"[\r\n](?:[^ \r\n#-]|-(?![ \r\n]|\Z))")


_FRAME_EVENTS = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_MAP_TAGS = (None, "!", f"{_TAG}map")
_SEQ_TAGS = (None, "!", f"{_TAG}seq")


class _Builder:
    def __init__(self, file: str, lines: _Lines) -> None:
        self.file = file
        self.lines = lines
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> UserError:
        return UserError(message, self.file, *self.lines.position(node.start_mark))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, say("yaml.too_deep", depth=MAX_DEPTH))
        if id(node) in self.seen:
            raise self.fail(node, say("yaml.aliases"))
        self.seen.add(id(node))
        self.marks.setdefault(path, self.lines.position(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self.fail(node, say("yaml.tag", tag=node.tag))
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, say("yaml.key_not_plain"))
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, say("yaml.merge_keys"))
                key = _key(self.scalar(key_node), key_node.value)
                if key in result:
                    raise self.fail(key_node, say("yaml.duplicate_key", key=key))
                child = (*path, key)
                self.marks[child] = self.lines.position(key_node.start_mark)
                result[key] = self.build(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, say("yaml.tag", tag=node.tag))
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _PLAIN_SCALAR_TAGS:
            raise self.fail(node, say("yaml.tag", tag=node.tag))
        if (takes := _misfit(node.tag, node.value)) is not None:
            raise self.fail(node, say("yaml.invalid_value_of", value=_shown(node.value),
                                      problem=takes))  # fmt: skip
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.fail(node, say("yaml.invalid_value", problem=getattr(exc, "problem", exc))
                            ) from None  # fmt: skip
        except (ValueError, OverflowError) as exc:  # e.g. the date 2023-02-30
            # a date: said in the run's language, not in Python's words ("month must be in 1..12")
            problem = say("yaml.no_such_date") if node.tag.endswith(":timestamp") else exc
            raise self.fail(node, say("yaml.invalid_value_of", value=node.value, problem=problem)
                            ) from None  # fmt: skip
        if isinstance(value, str):
            if surrogate := _SURROGATE.search(value):
                escape = f"\\u{ord(surrogate.group()):04x}"
                raise self.fail(node, say("yaml.surrogate", escape=escape))
        elif node.tag in _NUMBER_TAGS:
            self.refuse_misread_number(node, value)
        return value

    def refuse_misread_number(self, node: yaml.Node, number: int | float) -> None:
        """A number must mean its decimal text: not NaN or infinite, not octal, hex or base 60."""
        # An integer beyond a double's range (400 digits) has no float: as good as infinite.
        if not (
            abs(number) <= sys.float_info.max if isinstance(number, int) else math.isfinite(number)
        ):
            raise self.fail(node, say("yaml.not_finite", value=_shown(node.value)))
        if not isinstance(node, yaml.ScalarNode) or node.style:  # plain: None, or "" (libyaml)
            return  # quoted under an explicit !!int or !!float: the writer asked for it
        text = node.value.replace("_", "")
        try:
            decimal: float | None = int(text) if isinstance(number, int) else float(text)
        except ValueError:
            decimal = None
        if decimal != number:
            raise self.fail(
                node, say("yaml.misread_number", value=node.value, number=f"{number:g}")
            )
        if len(text) > 15 and not _holds(text, number):
            raise self.fail(
                node, say("yaml.too_many_digits", value=_shown(text), number=repr(float(number)))
            )


_NULLS = ("", "~", "null", "Null", "NULL")


def _misfit(tag: str, text: str) -> str | None:
    """What ``tag`` takes, when ``text`` is none of it (``!!bool 100``, ``!!timestamp abc``,
    ``!!null x``, ``!!int ""``); None when it fits. A scalar without a tag was given the tag
    its text fits; one written with a tag is checked here, before PyYAML's constructor, which
    takes the text as its type's without looking (a KeyError, an AttributeError or an
    IndexError, never a message)."""
    if tag == _BOOL:
        fits = text.lower() in yaml.constructor.SafeConstructor.bool_values
    elif tag == _TIMESTAMP:
        fits = yaml.constructor.SafeConstructor.timestamp_regexp.match(text) is not None
    elif tag == _NULL:
        fits = text in _NULLS
    elif tag in _NUMBER_TAGS:  # what is left of the text after a sign must be something
        digits = text.replace("_", "")
        fits = digits[1:] != "" if digits[:1] in ("+", "-") else digits != ""
        if not fits:
            return say("yaml.takes_number", tag="!!" + tag.removeprefix(_TAG))
    else:
        return None
    return None if fits else say(_TAKES[tag])


_BOOL, _TIMESTAMP, _NULL = f"{_TAG}bool", f"{_TAG}timestamp", f"{_TAG}null"
_TAKES = {_BOOL: "yaml.takes_bool", _TIMESTAMP: "yaml.takes_timestamp", _NULL: "yaml.takes_null"}


def _shown(text: str) -> str:
    """A scalar's text in a message: its first 40 characters."""
    return text if len(text) <= 40 else text[:40] + "…"


def _key(value: Any, typed: str) -> str:
    """A mapping key as text: a key ``null`` or ``no`` is what was typed, not 'None' or 'False'."""
    return typed if value is None or value.__class__ is bool else str(value)


def _holds(text: str, number: int | float) -> bool:
    """Does the double ``number`` becomes say what ``text`` says (99.99999999999999999 is
    100.0, which meets a target of ≥ 100 that the text does not)?"""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text) == Decimal(repr(float(number)))
    except (InvalidOperation, OverflowError):
        return True


_SURROGATE = re.compile("[\ud800-\udfff]")

"""The fast path: a large CSV submission evaluated column by column, straight to the JSON report.

``plancheck evaluate big.csv -f json`` on hundreds of thousands of rows spends its time in
per-row Python objects. Above ``THRESHOLD`` data rows (env ``PLANCHECK_FAST_ROWS`` overrides it)
the CLI tries this path first: Polars reads and checks the file, numpy judges every unit, year
and indicator at once (thresholds, computed city averages and ranks, timing and 时序进度, trends,
the index, compliance), and the report is written in chunks, so memory stays flat.

It is the same evaluation, not an approximation: the JSON is byte for byte the Python path's.
Numbers are printed by evaluate/exact.py, which reproduces Python's own formatting and
``math.fsum`` and hands the rare rows it cannot prove back to the Python functions.

It declines (returns None, and the Python path runs) on anything it does not handle the same
way: not a single long-format CSV, quotes or unusual line breaks, change or qualitative targets,
``--unit``, and every input error — the Python path then reports the error with its location.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plancheck.errors import UserError
from plancheck.evaluate.progress import LAGGING, ON_TRACK, TOLERANCE
from plancheck.plan.models import Indicator, Plan, Rank, Relative, Threshold

THRESHOLD = 20_000  # data rows (newlines) above which the columnar path is tried
CHUNK = 40_000  # results per chunk of the report (memory: about 25 MB of text)
_BLOCK = 65_536  # results per block of the trend sums
_MALLOC_CONF = "background_thread:true,dirty_decay_ms:100,muzzy_decay_ms:0"
_LONG_FIELDS = {"unit", "year", "indicator", "value", "reference", "rank", "note"}
_ODD_BREAKS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8",
               b"\xe2\x80\xa9", b"\x00", b"\xef\xbb\xbf", b'"')  # fmt: skip
_NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
STATUSES = ("pass", "fail", "behind", "missing", "unknown")  # evaluate.models.Status order
PASS, FAIL, BEHIND, MISSING, UNKNOWN = range(5)


def threshold() -> int:
    """Rows from which a CSV takes the columnar path: PLANCHECK_FAST_ROWS, or THRESHOLD."""
    given = os.environ.get("PLANCHECK_FAST_ROWS")
    if given is None:
        return THRESHOLD
    try:
        rows = int(given)
    except ValueError:
        rows = -1
    if rows < 0:
        raise UserError(f"PLANCHECK_FAST_ROWS: expected a whole number of rows, got '{given}'")
    return rows


@dataclass(frozen=True)
class Report:
    chunks: Iterator[bytes | memoryview]  # the JSON report, in order
    compliant: bool


def evaluate_json(
    files: list[Path],
    plan: Plan,
    *,
    year: int | None,
    strict: bool,
    references: Callable[[], dict[tuple[int, str], float] | None],
    lang: str,
) -> Report | None:
    """The JSON report of a large submission, or None: let the Python path do it."""
    if len(files) != 1 or files[0].suffix.lower() not in (".csv", ".txt", ".tsv"):
        return None
    if not all(isinstance(i.target, Threshold | Relative | Rank) for i in plan.indicators):
        return None
    try:
        data = files[0].read_bytes() if files[0].is_file() else None
    except OSError:
        return None
    if data is None or data.count(b"\n") < threshold():
        return None
    # Polars' allocator (jemalloc) hands freed pages back to the system after 10 s by default,
    # so the memory of the read frame would still count when numpy allocates the results; back
    # within 100 ms by a background thread instead (a user's own setting wins).
    os.environ.setdefault("_RJEM_MALLOC_CONF", _MALLOC_CONF)
    try:
        import numpy  # noqa: F401
        import polars  # noqa: F401
    except ImportError:  # the engine is a dependency; a broken install falls back
        return None
    observed = _read(data, files[0], plan, year)
    if observed is None:
        return None
    del data
    official = references() or {}  # read after the submission, as the Python path does
    try:
        return _Evaluation(plan, observed, strict, official, lang, str(files[0])).report()
    except _Decline:
        return None


# --- reading ----------------------------------------------------------------------------------


@dataclass
class _Observed:
    units: list[str]  # unit names, by unit code
    unit: Any  # per row: unit code (int32)
    year: Any  # per row: year (int32)
    ind: Any  # per row: indicator position in the plan (int32)
    value: Any  # per row: float64, NaN for no figure
    reference: Any | None  # per row: float64, NaN for none; None: no column
    rank: Any | None  # per row: int64, 0 for none; None: no column
    note: Any | None  # per row: folded note (pl.Series of str or null); None: no column
    line: Any  # per row: line number (int64)


def _read(data: bytes, path: Path, plan: Plan, cli_year: int | None) -> _Observed | None:
    import numpy as np
    import polars as pl

    from plancheck.errors import UserError
    from plancheck.submission import read_csv
    from plancheck.submission.read import year_from_name
    from plancheck.submission.values import BadValue, fold, parse_number, parse_rank, parse_year
    from plancheck.textfile import _looks_utf16

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        return None
    if any(mark in data for mark in _ODD_BREAKS):
        return None
    end = data.find(b"\n")
    try:
        header_line = data[:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not header_line.strip(" \t,;|"):
        return None
    try:
        delimiter = read_csv._delimiter(header_line, plan, str(path), 1)
        header = [cell.strip() for cell in header_line.split(delimiter)]
        layout = read_csv._Layout(header, plan, str(path), 1, None)
    except UserError:
        return None
    fields = layout.fields
    if layout.indicators or layout.blank or not set(fields.values()) <= _LONG_FIELDS:
        return None
    if "value" not in fields.values():
        return None
    for indicator in plan.indicators:
        if indicator.unit and re.fullmatch(r"[0-9.eE+\-]+", fold(indicator.unit).split("/")[0]):
            return None  # a numeric-looking unit suffix: parse_number decides, row by row
    names = [f"c{n}" for n in range(len(header))]
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            skip_rows=1,
            separator=delimiter,
            quote_char=None,
            infer_schema=False,
            new_columns=names,
            schema_overrides=dict.fromkeys(names, pl.String),
        )
    except Exception:
        return None
    if frame.width != len(header):
        return None
    frame = frame.with_row_index("line", offset=2)
    cells = [pl.col(n) for n in names]
    blank = pl.all_horizontal([c.is_null() | (c.str.strip_chars() == "") for c in cells])
    frame = frame.filter(~blank)
    if frame.height == 0:
        return None
    if len(names) > 1:  # one cell on a row of a wider header: maybe another delimiter
        lone = pl.all_horizontal([c.is_null() for c in cells[1:]])
        others = "".join(re.escape(d) for d in read_csv.DELIMITERS if d != delimiter)
        if frame.filter(lone & pl.col(names[0]).str.contains(f"[{others}]")).height:
            return None
    column = {field: f"c{col}" for col, field in fields.items()}

    # Indicators: each distinct text once.
    texts, codes = _distinct(frame.get_column(column["indicator"]))
    position = {i.id: n for n, i in enumerate(plan.indicators)}
    mapped = []
    for text in texts:
        found = plan.find_indicator(fold(text)) if text and fold(text) else None
        if found is None:
            return None
        mapped.append(position[found.id])
    ind = np.asarray(mapped, dtype=np.int32)[codes]

    # Years: the column, else --year, else the file name.
    name_year = year_from_name(path)
    if "year" in column:
        texts, codes = _distinct(frame.get_column(column["year"]))
        years = []
        for text in texts:
            try:
                parsed = parse_year(text) if text is not None else None
            except BadValue:
                return None
            if parsed is not None and cli_year is not None and parsed != cli_year:
                return None
            parsed = parsed or cli_year or name_year
            if parsed is None:
                return None
            years.append(parsed)
        year = np.asarray(years, dtype=np.int32)[codes]
    else:
        fixed = cli_year or name_year
        if fixed is None:
            return None
        year = np.full(frame.height, fixed, dtype=np.int32)

    # Units: each distinct name once; empty is the plan's own unit.
    default_unit = plan.info.unit or ""
    if "unit" in column:
        texts, codes = _distinct(frame.get_column(column["unit"]))
        unnamed = [not (fold(t) if t is not None else "") for t in texts]
        if any(unnamed) and not all(unnamed):
            return None  # some rows name their unit, some do not: the Python path says where
        folded = [(fold(t) if t is not None else "") or default_unit for t in texts]
        names_of = list(dict.fromkeys(folded))
        code_of = {u: n for n, u in enumerate(names_of)}
        unit = np.asarray([code_of[u] for u in folded], dtype=np.int32)[codes]
    else:
        names_of = [default_unit]
        unit = np.zeros(frame.height, dtype=np.int32)

    units_of_ind = [i.unit for i in plan.indicators]
    value = _figures(frame.get_column(column["value"]), ind, plan, units_of_ind, parse_number)
    if value is None:
        return None
    reference = None
    if "reference" in column:
        reference = _figures(
            frame.get_column(column["reference"]), ind, plan, units_of_ind, parse_number
        )
        if reference is None:
            return None
    rank = None
    if "rank" in column:
        rank = _ranks(frame.get_column(column["rank"]), ind, plan, parse_rank)
        if rank is None:
            return None
    note = None
    if "note" in column:
        texts, codes = _distinct(frame.get_column(column["note"]))
        folded_notes = [fold(t) if t is not None else "" for t in texts]
        note = pl.Series(folded_notes, dtype=pl.String).gather(codes)
    return _Observed(
        units=names_of,
        unit=unit,
        year=year,
        ind=ind,
        value=value,
        reference=reference,
        rank=rank,
        note=note,
        line=frame.get_column("line").to_numpy().astype(np.int32),
    )


def _distinct(column: Any) -> tuple[list[Any], Any]:
    """The distinct texts of a column (null as None) and each row's code into them."""
    import polars as pl

    distinct = column.unique(maintain_order=True)
    table = pl.DataFrame({"v": distinct}).with_row_index("code")
    codes = (
        pl.DataFrame({"v": column})
        .join(table, on="v", how="left", nulls_equal=True, maintain_order="left")
        .get_column("code")
        .to_numpy()
    )
    return distinct.to_list(), codes.astype("int64")


def _figures(column: Any, ind: Any, plan: Plan, units: list[str | None], parse: Any) -> Any:
    """Values as parse_number reads them, within each indicator's bounds; None: an error."""
    import numpy as np
    import polars as pl

    simple = column.str.contains(_NUMBER).fill_null(False)
    numbers = column.cast(pl.Float64, strict=False)
    if (simple & numbers.is_null()).any():
        return None
    out = numbers.fill_null(float("nan")).to_numpy().copy()
    odd = (~simple & column.is_not_null()).to_numpy()
    for row in np.flatnonzero(odd).tolist():
        try:
            parsed = parse(column[row], units[ind[row]])
        except Exception:
            return None
        out[row] = float("nan") if parsed is None else parsed
    present = ~np.isnan(out)
    if not np.isfinite(out[present]).all():
        return None
    low = np.asarray([_bound(i, 0) for i in plan.indicators])[ind]
    high = np.asarray([_bound(i, 1) for i in plan.indicators])[ind]
    with np.errstate(invalid="ignore"):
        if (out < low).any() or (out > high).any():
            return None
    return out


def _bound(indicator: Indicator, side: int) -> float:
    bound = indicator.bounds[side]
    if bound is None:
        return -math.inf if side == 0 else math.inf
    return bound


def _ranks(column: Any, ind: Any, plan: Plan, parse: Any) -> Any:
    import numpy as np
    import polars as pl

    simple = column.str.contains(r"^[0-9]{1,9}$").fill_null(False)
    out = column.cast(pl.Int64, strict=False).fill_null(0).to_numpy().copy()
    out[~simple.to_numpy()] = 0
    odd = (~simple & column.is_not_null()).to_numpy()
    for row in np.flatnonzero(odd).tolist():
        try:
            parsed = parse(column[row])
        except Exception:
            return None
        out[row] = 0 if parsed is None else parsed
    if (simple.to_numpy() & (out < 1)).any():
        return None
    sizes = []
    for i in plan.indicators:
        size = plan.peer_groups[i.target.peers].size if isinstance(i.target, Rank) else None
        sizes.append(size if size is not None else np.iinfo(np.int64).max)
    if (out > np.asarray(sizes, dtype=np.int64)[ind]).any():
        return None
    return out


# --- evaluation -------------------------------------------------------------------------------


class _Evaluation:
    """Every result of the submission as columns over (unit, judged year, indicator)."""

    def __init__(
        self,
        plan: Plan,
        observed: _Observed,
        strict: bool,
        references: dict[tuple[int, str], float],
        lang: str,
        file: str,
    ) -> None:
        self.plan, self.o, self.strict, self.references = plan, observed, strict, references
        self.lang, self.file = lang, file
        self._texts: tuple[Any, Any] | None = None

    def report(self) -> Report | None:
        import numpy as np

        plan, o = self.plan, self.o
        start = plan.info.period.start
        all_years = sorted(set(np.unique(o.year).tolist()))
        judged = [y for y in all_years if y >= start]
        if not judged or all_years[-1] - all_years[0] > 200:
            return None
        self.judged, self.history = judged, [y for y in all_years if y < start]
        first = all_years[0]
        self.first_year = first
        span = all_years[-1] - first + 1
        n_units, n_ind = len(o.units), len(plan.indicators)
        # Units in the report's order: the plan's peer group members first, then by name.
        order = {m: n for g in plan.peer_groups.values() for n, m in enumerate(g.members)}
        display = sorted(
            range(n_units), key=lambda u: (order.get(o.units[u], len(order)), o.units[u])
        )
        place = np.empty(n_units, dtype=np.int64)
        place[np.asarray(display, dtype=np.int64)] = np.arange(n_units)
        self.unit_names = [o.units[u] for u in display]
        u = place[o.unit]
        y = o.year.astype(np.int64) - first
        key = (u * span + y) * n_ind + o.ind
        counts = np.bincount(key, minlength=n_units * span * n_ind)
        if counts.max() > 1:
            return None  # a figure given twice: the Python path says where
        if not (~np.isnan(o.value)).any():
            return None
        shape = (n_units, span, n_ind)
        self.shape = shape
        self.row = np.full(shape, -1, dtype=np.int32)
        self.row.reshape(-1)[key] = np.arange(len(key), dtype=np.int32)
        self.value = np.full(shape, np.nan)
        self.value.reshape(-1)[key] = o.value
        # Only the dense arrays are used from here on (and the rows' lines, references, ranks).
        del u, y, key, counts
        o.unit = o.year = o.ind = o.value = None
        return self._judge()

    # The results: each unit in the years it reported, and every unit in the latest year.
    def _judge(self) -> Report:
        import numpy as np

        from plancheck.evaluate.peers import mean

        plan, o = self.plan, self.o
        _, span, n_ind = self.shape
        jy = np.asarray([y - self.first_year for y in self.judged], dtype=np.int64)
        reported = np.asarray((self.row >= 0).any(axis=2))[:, jy]  # (units, judged years)
        reported[:, -1] = True
        pair_unit, pair_year = np.nonzero(reported)
        n = len(pair_unit) * n_ind
        self.n = n
        # Per result (narrow types: a million results keep about 30 such columns).
        ru = np.repeat(pair_unit.astype(np.int32), n_ind)
        ryi = np.repeat(jy[pair_year].astype(np.int32), n_ind)  # year offset into dense arrays
        ri = np.tile(np.arange(n_ind, dtype=np.int32), len(pair_unit))
        self.ru, self.ri, self.ryear = ru, ri, ryi + np.int32(self.first_year)
        row = self.row[ru, ryi, ri]
        del self.row
        value = self.value[ru, ryi, ri]
        self.obs_row = row
        has_value = ~np.isnan(value)
        self.rvalue = value

        # Facts: reference and rank, each with where it came from (0 none, 1 submitted, 2 file,
        # 3 computed).
        reference = np.full(n, np.nan)
        ref_source = np.zeros(n, dtype=np.int8)
        ref_count = np.zeros(n, dtype=np.int32)
        if o.reference is not None:
            submitted = np.where(row >= 0, o.reference[np.maximum(row, 0)], np.nan)
            given = ~np.isnan(submitted)
            reference[given] = submitted[given]
            ref_source[given] = 1
            del submitted, given
            o.reference = None
        # Per (year, indicator): the reference file's value, else the computed mean.
        table_ref = np.full((span, n_ind), np.nan)
        table_source = np.zeros((span, n_ind), dtype=np.int8)
        table_count = np.zeros((span, n_ind), dtype=np.int64)
        for i, indicator in enumerate(plan.indicators):
            for yo in range(span):
                official = self.references.get((self.first_year + yo, indicator.id))
                if official is not None:
                    table_ref[yo, i], table_source[yo, i] = official, 2
                elif isinstance(indicator.target, Relative):
                    column = self.value[:, yo, i]
                    present = column[~np.isnan(column)]
                    if len(present) >= 2:
                        table_ref[yo, i] = mean(present.tolist())
                        table_source[yo, i], table_count[yo, i] = 3, len(present)
        fill = ref_source == 0
        reference[fill] = table_ref[ryi[fill], ri[fill]]
        ref_source[fill] = table_source[ryi[fill], ri[fill]]
        ref_count[fill] = table_count[ryi[fill], ri[fill]]
        # Computed ranks among the units with a value (ties share the better rank).
        rank = np.zeros(n, dtype=np.int32)
        rank_source = np.zeros(n, dtype=np.int8)
        rank_count = np.zeros(n, dtype=np.int32)
        if o.rank is not None:
            submitted_rank = np.where(row >= 0, o.rank[np.maximum(row, 0)], 0)
            rank[:] = submitted_rank
            rank_source[submitted_rank > 0] = 1
            del submitted_rank
            o.rank = None
        ranked = [i for i, ind in enumerate(plan.indicators) if isinstance(ind.target, Rank)]
        if ranked:
            places = np.zeros(self.shape, dtype=np.int32)
            place_count = np.zeros((span, n_ind), dtype=np.int64)
            for i in ranked:
                higher = plan.indicators[i].direction == "higher"
                for yo in range(span):
                    column = self.value[:, yo, i]
                    present = ~np.isnan(column)
                    if present.sum() < 2:
                        continue
                    ordered = np.sort(column[present])
                    if higher:
                        got = len(ordered) - np.searchsorted(ordered, column, side="right") + 1
                    else:
                        got = np.searchsorted(ordered, column, side="left") + 1
                    places[:, yo, i] = np.where(present, got, 0)
                    place_count[yo, i] = len(ordered)
            computed = places[ru, ryi, ri]
            fill = (rank_source == 0) & (computed > 0)
            rank[fill] = computed[fill]
            rank_source[fill] = 3
            rank_count[fill] = place_count[ryi[fill], ri[fill]]
            del places, computed, fill
        self.reference, self.ref_source, self.ref_count = reference, ref_source, ref_count
        self.rank, self.rank_source, self.rank_count = rank, rank_source, rank_count

        # Judgements: every indicator's rows at once, per kind and operator.
        targets = [ind.target for ind in plan.indicators]
        kind = np.asarray([("threshold", "relative", "rank").index(t.kind) for t in targets])[ri]
        level = np.asarray([t.value if isinstance(t, Threshold) else np.nan for t in targets])
        best = np.asarray([t.best if isinstance(t, Rank) else 0 for t in targets])[ri]
        ops = [t.op if isinstance(t, Threshold | Relative) else "" for t in targets]
        op = np.asarray([_OPS.index(o) if o else -1 for o in ops])[ri]
        goal = np.where(kind == 0, level[ri], np.where(kind == 1, reference, np.nan))
        ranked_ok = (kind == 2) & (rank > 0)
        goal = np.where(ranked_ok, best.astype(np.float64), goal)
        met = np.zeros(n, dtype=bool)
        with np.errstate(invalid="ignore"):
            for code, name in enumerate(_OPS):
                where = op == code
                if where.any():
                    met[where] = _compare(name, value[where], goal[where])
        met = np.where(kind == 2, ranked_ok & (rank <= best), met & ~np.isnan(goal))
        known = np.where(kind == 2, ranked_ok, ~np.isnan(goal)) & has_value
        goal = np.where(has_value, goal, np.nan)
        met &= has_value
        by_target = np.asarray([ind.timing == "by_target_year" for ind in plan.indicators])[ri]
        status = np.full(n, MISSING, dtype=np.int8)
        target_year = plan.info.target_year
        status[has_value & ~known] = UNKNOWN
        status[has_value & known & met] = PASS
        failing = has_value & known & ~met
        behind = failing & by_target & (self.ryear < target_year)
        status[failing] = FAIL
        status[behind] = BEHIND
        missing = status == MISSING  # a missing figure is judged on nothing: no facts shown
        reference[missing], ref_source[missing] = np.nan, 0
        rank[missing], rank_source[missing] = 0, 0
        unused = kind != 1  # a reference or rank is shown only where the target uses it
        reference[unused], ref_source[unused] = np.nan, 0
        unused = kind != 2
        rank[unused], rank_source[unused] = 0, 0
        self.status, self.goal, self.met = status, goal, met
        del kind, level, best, op, ranked_ok, known, by_target, failing, behind, missing
        del row, value, has_value, ryi, ru, ri
        self._trends()
        return self._write()

    def _trends(self) -> None:
        """progress.trend for every result that has one, exactly as the Python path."""
        import numpy as np

        plan = self.plan
        n = self.n
        self.has_trend = np.zeros(n, dtype=bool)
        self.slope = np.zeros(n)
        self.projection = np.zeros(n)
        self.ratio = np.full(n, np.nan)
        self.verdict = np.zeros(n, dtype=np.int8)
        self.series_mask = np.zeros(n, dtype=np.int64)
        candidates = sorted(
            set(range(self.first_year, self.first_year + self.shape[1]))
            | {i.baseline.year for i in plan.indicators if i.baseline is not None}
        )
        if len(candidates) > 60:
            raise _Decline
        self.candidates = candidates
        threshold = np.asarray([isinstance(i.target, Threshold) for i in plan.indicators])
        wants = threshold[self.ri] & ~np.isnan(self.goal)
        rows = np.flatnonzero(wants)
        del wants
        for start in range(0, len(rows), _BLOCK):  # in blocks: the sums' columns stay small
            self._trend_block(rows[start : start + _BLOCK])

    def _series(self, rows: Any) -> tuple[list[Any], list[Any]]:
        """Each candidate year's figure (0.0 when not in the series) and whether it is in the
        series of ``rows``' trends: the unit's figures up to the judged year, and the plan's
        baseline where the unit gave none."""
        import numpy as np

        plan = self.plan
        ru, ri, ryear = self.ru[rows], self.ri[rows], self.ryear[rows]
        base_year_of = np.asarray(
            [i.baseline.year if i.baseline is not None else -1 for i in plan.indicators],
            dtype=np.int64,
        )[ri]
        base_value_of = np.asarray(
            [i.baseline.value if i.baseline is not None else np.nan for i in plan.indicators]
        )[ri]
        ys = []
        masks = []
        for x in self.candidates:
            offset = x - self.first_year
            if 0 <= offset < self.shape[1]:
                v = self.value[ru, offset, ri]
                take = (x <= ryear) & ~np.isnan(v)
            else:
                v = np.full(len(rows), np.nan)
                take = np.zeros(len(rows), dtype=bool)
            from_plan = (base_year_of == x) & ~take
            v = np.where(from_plan, base_value_of, v)
            take = take | from_plan
            ys.append(np.where(take, v, 0.0))
            masks.append(take)
        return ys, masks

    def _trend_block(self, rows: Any) -> None:
        import numpy as np

        from plancheck.evaluate import exact
        from plancheck.evaluate.progress import trend

        plan = self.plan
        target_year = plan.info.target_year
        candidates = self.candidates
        ri = self.ri[rows]
        ys, masks = self._series(rows)
        count = np.sum(masks, axis=0)
        enough = count >= 2
        bits = np.zeros(len(rows), dtype=np.int64)
        for k, take in enumerate(masks):
            bits |= take.astype(np.int64) << k
        # Year-only quantities per distinct set of years, by Python itself.
        mean_x = np.zeros(len(rows))
        sxx = np.zeros(len(rows))
        dx = [np.zeros(len(rows)) for _ in candidates]
        first_x = np.zeros(len(rows), dtype=np.int64)
        for pattern in np.unique(bits[enough]).tolist():
            xs = [x for k, x in enumerate(candidates) if pattern >> k & 1]
            mx = math.fsum(xs) / len(xs)
            where = bits == pattern
            mean_x[where] = mx
            sxx[where] = math.fsum((x - mx) ** 2 for x in xs)
            first_x[where] = xs[0]
            for k, x in enumerate(candidates):
                if pattern >> k & 1:
                    dx[k][where] = x - mx
        sum_y, risky = exact.fsum(ys)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_y = sum_y / np.maximum(count, 1)
            products = [np.where(masks[k], dx[k] * (ys[k] - mean_y), 0.0) for k in range(len(ys))]
            sxy, risky_xy = exact.fsum(products)
            del products, dx
            slope = np.where(sxx != 0, sxy / np.where(sxx != 0, sxx, 1.0), 0.0)
            intercept = mean_y - slope * mean_x
            projection = intercept + slope * float(target_year)
            first_value = np.zeros(len(rows))
            for k, x in enumerate(candidates):
                first_value = np.where(first_x == x, ys[k], first_value)
            later = target_year > first_x
            required = np.where(
                later,
                (self.goal[rows] - first_value) / np.where(later, target_year - first_x, 1),
                0.0,
            )
            higher = np.asarray([i.direction == "higher" for i in plan.indicators], dtype=bool)[ri]
            toward_required = np.where(higher, required, -required)
            has_ratio = toward_required > 0
            ratio = np.where(has_ratio, slope / np.where(has_ratio, required, 1.0), np.nan)
        toward = np.where(higher, slope, -slope)
        verdict = np.where(
            has_ratio,
            np.select(
                [ratio >= ON_TRACK - TOLERANCE, ratio >= LAGGING - TOLERANCE, ratio >= -TOLERANCE],
                [1, 2, 3],
                4,
            ),
            np.where(toward < 0, 4, 3),
        )
        verdict = np.where(self.met[rows], 0, verdict)
        # Rows the exact sums could not settle: Python's own trend().
        goals, met = self.goal[rows], self.met[rows]
        for k in np.flatnonzero(enough & (risky | risky_xy)).tolist():
            series = [(x, float(ys[j][k])) for j, x in enumerate(candidates) if masks[j][k]]
            exact_trend = trend(series, float(goals[k]), bool(higher[k]), bool(met[k]), target_year)
            assert exact_trend is not None
            slope[k], projection[k] = exact_trend.slope, exact_trend.projection
            ratio[k] = np.nan if exact_trend.ratio is None else exact_trend.ratio
            verdict[k] = _VERDICTS.index(exact_trend.verdict)
        keep = rows[enough]
        self.has_trend[keep] = True
        self.slope[keep] = slope[enough]
        self.projection[keep] = projection[enough]
        self.ratio[keep] = ratio[enough]
        self.verdict[keep] = verdict[enough]
        self.series_mask[keep] = bits[enough]

    def _schedule(self, sl: slice) -> _Schedule:
        """时序进度 of the behind results of ``sl`` (made chunk by chunk: six columns fewer to
        keep): gap share against time share, from the unit's submitted baseline-year value,
        else the plan's baseline."""
        import numpy as np

        plan = self.plan
        ru, ri = self.ru[sl], self.ri[sl]
        base_year = plan.info.baseline_year
        m = len(ru)
        base = np.full(m, np.nan)
        by = np.zeros(m, dtype=np.int32)
        offset = base_year - self.first_year
        if 0 <= offset < self.shape[1]:
            submitted = self.value[ru, offset, ri]
            have = ~np.isnan(submitted)
            base[have], by[have] = submitted[have], base_year
        for i, indicator in enumerate(plan.indicators):
            if indicator.baseline is None:
                continue
            where = (ri == i) & (by == 0)
            base[where] = indicator.baseline.value
            by[where] = indicator.baseline.year
        target_year = plan.info.target_year
        behind = self.status[sl] == BEHIND
        goal = self.goal[sl]
        higher = np.asarray([i.direction == "higher" for i in plan.indicators], dtype=bool)[ri]
        known = behind & ~np.isnan(base) & (by > 0) & (target_year > by)
        with np.errstate(invalid="ignore"):
            toward = np.where(higher, goal - base, base - goal) > 0
        measurable = known & toward
        with np.errstate(invalid="ignore", divide="ignore"):
            gap = (self.rvalue[sl] - base) / np.where(measurable, goal - base, 1.0)
            time = (self.ryear[sl] - by).astype(np.float64) / np.where(
                measurable, (target_year - by).astype(np.float64), 1.0
            )
        on = measurable & (gap >= time - TOLERANCE)
        return _Schedule(base, by, measurable, gap, time, on, known & ~toward)

    # --- the report ---------------------------------------------------------------------------

    def _write(self) -> Report:
        import numpy as np

        from plancheck.report.json import dumps, plan_data

        plan = self.plan
        status = self.status
        latest = self.judged[-1]
        binding = np.asarray([i.binding for i in plan.indicators], dtype=bool)[self.ri]
        in_latest = self.ryear == latest
        if self.strict:
            blocking = in_latest & (status != PASS)
        else:
            blocking = in_latest & binding & np.isin(status, (FAIL, MISSING, UNKNOWN))
        failing_units = np.unique(self.ru[blocking])
        failing = [self.unit_names[u] for u in failing_units.tolist()]
        compliant = not failing
        multi = len(self.unit_names) > 1
        summary = np.bincount(status, minlength=5)
        data: dict[str, Any] = {
            "plan": plan_data(plan),
            "year": latest,
            "years": list(self.judged),
            "files": [self.file],
            "strict": self.strict,
            "compliant": compliant,
            "summary": {s: int(summary[k]) for k, s in enumerate(STATUSES)},
            "results": [_MARK],
            "index": [_MARK],
        }
        if multi:
            per_unit = np.bincount(
                self.ru * 5 + status, minlength=len(self.unit_names) * 5
            ).reshape(-1, 5)
            data["units"] = {_MARK: 0}
            data["failing_units"] = failing
        text = dumps(data)
        marker = '["\\u0000"]'
        head, middle, tail = text.split(marker)
        if multi:
            units_mark = '{\n    "\\u0000": 0\n  }'
            assert units_mark in tail
            tail = tail.replace(units_mark, self._units(per_unit, set(failing_units.tolist())))
        index_lines = self._index()
        return Report(_ahead(self._chunks(head, middle, tail, multi, index_lines)), compliant)

    def _units(self, per_unit: Any, failing: set[int]) -> str:
        """The "units" object: each unit's compliance and summary, as report.json.dumps lays
        it out (checked byte for byte by the tests)."""
        from plancheck.report.json import COMPACT

        enc = COMPACT.encode
        items = []
        for u, name in enumerate(self.unit_names):
            counts = ",\n".join(
                f'        "{s}": {int(per_unit[u, k])}' for k, s in enumerate(STATUSES)
            )
            compliant = "false" if u in failing else "true"
            items.append(
                f'    {enc(name)}: {{\n      "compliant": {compliant},\n      "summary": {{\n'
                f"{counts}\n      }}\n    }}"
            )
        return "{\n" + ",\n".join(items) + "\n  }"

    def _chunks(
        self, head: str, middle: str, tail: str, multi: bool, index_lines: Any
    ) -> Iterator[bytes | memoryview]:
        yield head.encode() + b"[\n"
        for start in range(0, self.n, CHUNK):
            stop = min(start + CHUNK, self.n)
            yield _join(self._lines(start, stop, multi), last=stop == self.n)
        yield b"\n  ]" + middle.encode() + b"[\n"
        yield _join(index_lines, last=True)
        yield b"\n  ]" + tail.encode()

    def _lines(self, start: int, stop: int, multi: bool) -> Any:
        import numpy as np
        import polars as pl

        from plancheck.evaluate import exact
        from plancheck.report.json import COMPACT, figure, result_fields

        plan = self.plan
        sl = slice(start, stop)
        m = stop - start
        ri = self.ri[sl]
        status = self.status[sl]
        value = self.rvalue[sl]
        has_value = ~np.isnan(value)
        enc = COMPACT.encode

        def lit(text: str) -> Any:
            return pl.lit(text, dtype=pl.String)

        if self._texts is None:  # per indicator: the fixed part of each result; unit names
            consts = [enc(result_fields(indicator))[1:-1] for indicator in plan.indicators]
            self._texts = (
                pl.Series(consts, dtype=pl.String),
                pl.Series([enc(u) for u in self.unit_names], dtype=pl.String),
            )
        consts_of, units = self._texts
        const = consts_of.gather(ri)
        unit_text = units.gather(self.ru[sl])
        year_text = pl.Series(self.ryear[sl]).cast(pl.String)
        status_text = pl.Series([enc(s) for s in STATUSES], dtype=pl.String).gather(status)

        safe = np.where(has_value, value, 0.0)
        value_json, risky = exact.reprs(safe, whole_as_int=True)
        value_json = exact.patch(value_json, risky, safe, lambda v: enc(figure(v)))
        value_num = exact.numbers(safe)

        reference = self.reference[sl]
        has_ref = ~np.isnan(reference)
        ref_safe = np.where(has_ref, reference, 0.0)
        ref_json, risky = exact.reprs(ref_safe, whole_as_int=True)
        ref_json = exact.patch(ref_json, risky, ref_safe, lambda v: enc(figure(v)))
        ref_num = exact.numbers(ref_safe)

        rank = self.rank[sl]
        rank_text = pl.Series(rank).cast(pl.String)

        sch = self._schedule(sl)
        reason = self._reasons(sl, value_num, ref_num, rank_text, sch)

        schedule_code = np.where(sch.measurable, np.where(sch.on, 1, 2), 0)
        schedule = pl.Series(["null", '"on"', '"off"'], dtype=pl.String).gather(schedule_code)
        progress = self._progress(sl)

        if self.o.note is not None:
            rows = self.obs_row[sl]
            notes = self.o.note.gather(np.maximum(rows, 0))
            note_json = pl.select(
                pl.when(pl.Series(rows >= 0) & (notes != ""))
                .then(_json_strings(notes))
                .otherwise(lit("null"))
            ).to_series()
        else:
            note_json = pl.repeat("null", m, dtype=pl.String, eager=True)
        rows = self.obs_row[sl]
        file_json = pl.Series(["null", enc(self.file)], dtype=pl.String).gather(
            (rows >= 0).astype(np.int64)
        )
        line_text = pl.Series(np.where(rows >= 0, self.o.line[np.maximum(rows, 0)], 0)).cast(
            pl.String
        )

        frame = pl.DataFrame(
            {
                "unit": unit_text,
                "year": year_text,
                "const": const,
                "status": status_text,
                "value": value_json,
                "reason": reason,
                "ref": ref_json,
                "rank": rank_text,
                "schedule": schedule,
                "progress": progress,
                "note": note_json,
                "file": file_json,
                "line": line_text,
                "has_value": has_value,
                "has_ref": has_ref,
                "has_rank": rank > 0,
                "has_line": rows >= 0,
            }
        )

        def json_or_null(name: str) -> Any:
            return pl.when(pl.col(f"has_{name}")).then(pl.col(name)).otherwise(lit("null"))

        pieces = [lit('    {"unit": '), pl.col("unit"), lit(", ")] if multi else [lit("    {")]
        pieces += [
            lit('"year": '), pl.col("year"), lit(", "), pl.col("const"),
            lit(', "status": '), pl.col("status"),
            lit(', "value": '), json_or_null("value"),
            lit(', "reason": "'), pl.col("reason"),
            lit('", "reference": '), json_or_null("ref"),
            lit(', "rank": '), json_or_null("rank"),
            lit(', "schedule": '), pl.col("schedule"),
            lit(', "progress": '), pl.col("progress"),
            lit(', "note": '), pl.col("note"),
            lit(', "file": '), pl.col("file"),
            lit(', "line": '), json_or_null("line"), lit("}"),
        ]  # fmt: skip
        # Lazily: Polars' eager select joins strings with literals about 40 % slower.
        return frame.lazy().select(pl.concat_str(pieces)).collect().to_series()

    def _reasons(
        self, sl: slice, value_num: Any, ref_num: Any, rank_text: Any, sch: _Schedule
    ) -> Any:
        """The reason sentence of each result, JSON-escaped, in the report's language.

        Rows are grouped by the sentence they need (met, not met, behind…), and each group's
        sentences are built from its own columns only.
        """
        import numpy as np
        import polars as pl

        from plancheck.evaluate import exact
        from plancheck.evaluate.targets import SYMBOL
        from plancheck.messages import CATALOG, number, source_text

        plan, lang = self.plan, self.lang
        catalog = CATALOG[lang]
        sep = _escape("；" if lang == "zh" else "; ")
        status = self.status[sl]
        ri = self.ri[sl]
        m = len(status)
        target_year = str(plan.info.target_year)

        def raw(text: Any) -> str:
            return str(text.zh if lang == "zh" else text.en)

        def word(text: Any) -> str:
            return _escape(raw(text))

        def consts(i: int) -> dict[str, str]:
            """The parameters fixed by the indicator."""
            target = plan.indicators[i].target
            out = {"year": target_year}
            if isinstance(target, Threshold | Relative):
                out["op"] = SYMBOL[target.op]
            if isinstance(target, Threshold):
                out["goal"] = number(target.value)
            if isinstance(target, Relative):
                out["reference"] = raw(_reference_name(plan, target))
            if isinstance(target, Rank):
                out["peers"] = raw(_peers_name(plan, target))
                out["best"] = str(target.best)
            return out

        def sentence(key: str, rows: Any, variables: dict[str, Any], **fixed: str) -> Any:
            """``key``'s sentence for ``rows``: fixed parts per indicator, variables per row."""
            marks = {name: f"\x00{name}\x00" for name in variables}
            pieces_of = []
            for i in range(len(plan.indicators)):
                text = catalog[key].format_map(_Missing({**consts(i), **fixed, **marks}))
                pieces_of.append(re.split("\x00(\\w+)\x00", text))
            shape = pieces_of[0]
            parts: list[Any] = []
            indicator = ri[rows]
            for k, piece in enumerate(shape):
                if k % 2:
                    parts.append(variables[piece])
                else:
                    texts = [_escape(p[k]) for p in pieces_of]
                    if len(set(texts)) == 1:
                        parts.append(pl.lit(texts[0], dtype=pl.String))
                    else:
                        parts.append(pl.Series(texts, dtype=pl.String).gather(indicator))
            if all(isinstance(part, pl.Expr) for part in parts):
                text = "".join(_escape(p) for p in pieces_of[int(indicator[0])][::2])
                if len({"".join(p) for p in pieces_of}) > 1:
                    raise AssertionError("a varying sentence without variables")
                return pl.repeat(text, len(rows), dtype=pl.String, eager=True)
            return pl.select(pl.concat_str(parts)).to_series()

        def sources(code: Any, count: Any) -> Any:
            """How each reference or rank was obtained (1 submitted, 2 file, 3 computed)."""
            key = np.where(code == 3, count + 3, code)
            distinct, inverse = np.unique(key, return_inverse=True)
            texts = []
            for k in distinct.tolist():
                if k >= 3:
                    texts.append(word(source_text("source_computed", count=str(k - 3))))
                else:
                    texts.append(word(source_text("source_file" if k == 2 else "source_submitted")))
            return pl.Series(texts, dtype=pl.String).gather(inverse)

        out = pl.repeat("", m, dtype=pl.String, eager=True)
        kind = np.asarray([i.target.kind for i in plan.indicators])[ri]

        def put(rows: Any, texts: Any) -> None:
            nonlocal out
            if len(rows):
                out = out.scatter(rows, texts)

        rows = np.flatnonzero(status == MISSING)
        put(rows, pl.repeat(_escape(catalog["missing"]), len(rows), dtype=pl.String, eager=True))
        for k, needs in (("relative", "needs_reference"), ("rank", "needs_rank")):
            rows = np.flatnonzero((status == UNKNOWN) & (kind == k))
            if len(rows):
                put(rows, sentence(needs, rows, {}))
        for k in ("threshold", "relative", "rank"):
            for code, key in ((PASS, "met"), (FAIL, "not_met")):
                rows = np.flatnonzero((status == code) & (kind == k))
                if not len(rows):
                    continue
                glob = rows + sl.start
                if k == "threshold":
                    goal = self.goal[glob]
                    value_text, goal_text = _apart(
                        value_num.gather(rows), exact.numbers(goal), self.rvalue[glob], goal
                    )
                    put(rows, sentence(key, rows, {"value": value_text, "goal": goal_text}))
                elif k == "relative":
                    value_text, ref_text = _apart(
                        value_num.gather(rows),
                        ref_num.gather(rows),
                        self.rvalue[glob],
                        self.reference[glob],
                    )
                    variables = {
                        "value": value_text,
                        "ref_value": ref_text,
                        "source": sources(self.ref_source[glob], self.ref_count[glob]),
                    }
                    put(rows, sentence(f"relative_{key}", rows, variables))
                else:
                    variables = {
                        "rank": rank_text.gather(rows),
                        "source": sources(self.rank_source[glob], self.rank_count[glob]),
                    }
                    put(rows, sentence(f"rank_{key}", rows, variables))
        rows = np.flatnonzero(status == BEHIND)
        if len(rows):
            put(rows, self._behind(rows, sl.start, value_num, sentence, word, sep, sch))
        return out

    def _behind(
        self,
        rows: Any,
        start: int,
        value_num: Any,
        sentence: Any,
        word: Any,
        sep: str,
        sch: _Schedule,
    ) -> Any:
        """Not yet reached, with 时序进度 (or no baseline) and the trend when there is one."""
        import numpy as np
        import polars as pl

        from plancheck.evaluate import exact
        from plancheck.evaluate.targets import SYMBOL
        from plancheck.messages import TREND_WORDS

        plan = self.plan
        glob = rows + start
        goal = self.goal[glob]
        value_text, goal_text = _apart(
            value_num.gather(rows), exact.numbers(goal), self.rvalue[glob], goal
        )
        ops = [
            SYMBOL[i.target.op] if isinstance(i.target, Threshold) else "→" for i in plan.indicators
        ]
        not_yet = sentence(
            "not_yet",
            rows,
            {
                "value": value_text,
                "goal": goal_text,
                "op": pl.Series(ops, dtype=pl.String).gather(self.ri[glob]),
            },
        )
        measurable = sch.measurable[rows]
        has_trend = self.has_trend[glob]
        parts: list[Any] = [not_yet]
        schedule = pl.repeat(None, len(rows), dtype=pl.String, eager=True)
        where = np.flatnonzero(measurable)
        if len(where):
            here = rows[where]
            base = sch.baseline[here]
            gap, time = sch.gap[here], sch.time[here]
            gap_text, risky_gap = exact.percent(gap)
            time_text, risky_time = exact.percent(time)
            gap_texts, time_texts = _apart(
                exact.patch(gap_text, risky_gap, gap, _share),
                exact.patch(time_text, risky_time, time, _share),
                gap,
                time,
                shares=True,
            )
            variables = {
                "gap": gap_texts,
                "time": time_texts,
                "base_year": pl.Series(sch.baseline_year[here]).cast(pl.String),
                "baseline": exact.numbers(base),
            }
            on = sch.on[here]
            texts = pl.repeat("", len(where), dtype=pl.String, eager=True)
            for flag, key in ((True, "schedule_on"), (False, "schedule_off")):
                pick = np.flatnonzero(on == flag)
                if len(pick):
                    chosen = {k: v.gather(pick) for k, v in variables.items()}
                    texts = texts.scatter(pick, sentence(key, rows[where][pick], chosen))
            schedule = schedule.scatter(where, texts)
        past = sch.past[rows]
        no_baseline = np.flatnonzero(~measurable & ~past & ~has_trend)
        if len(no_baseline):
            schedule = schedule.scatter(no_baseline, sentence("no_baseline", rows[no_baseline], {}))
        where = np.flatnonzero(past & ~has_trend)
        if len(where):
            here = rows[where]
            base = sch.baseline[here]
            variables = {
                "base_year": pl.Series(sch.baseline_year[here]).cast(pl.String),
                "baseline": exact.numbers(base),
            }
            schedule = schedule.scatter(where, sentence("baseline_met", here, variables))
        parts.append(pl.when(schedule.is_not_null()).then(pl.lit(sep) + schedule))
        where = np.flatnonzero(has_trend)
        trend = pl.repeat(None, len(rows), dtype=pl.String, eager=True)
        if len(where):
            g = glob[where]
            projection = self.projection[g]
            verdicts = pl.Series([word(TREND_WORDS[v]) for v in _VERDICTS], dtype=pl.String)
            variables = {
                "verdict": verdicts.gather(self.verdict[g]),
                "projection": _apart(
                    exact.numbers(projection), exact.numbers(goal[where]), projection, goal[where]
                )[0],
            }
            texts = sentence("trend", rows[where], variables)
            trend = trend.scatter(where, pl.select(pl.lit(sep) + texts).to_series())
        parts.append(trend)
        return pl.select(pl.concat_str(parts, ignore_nulls=True)).to_series()

    def _progress(self, sl: slice) -> Any:
        """The "progress" object of each result (null without a trend)."""
        import numpy as np
        import polars as pl

        from plancheck.evaluate import exact
        from plancheck.report.json import COMPACT, figure

        has_trend = self.has_trend[sl]
        m = len(has_trend)
        out = pl.repeat("null", m, dtype=pl.String, eager=True)
        rows = np.flatnonzero(has_trend)
        if not len(rows):
            return out
        glob = rows + sl.start
        enc = COMPACT.encode

        def rounded(x: Any) -> Any:
            r, risky = exact.round_to(x, 6)
            text, risky2 = exact.reprs(r, whole_as_int=False)
            text = exact.patch(text, risky | risky2, x, lambda v: repr(round(v, 6)))
            return text

        slope = rounded(self.slope[glob])
        projection = rounded(self.projection[glob])
        ratio_raw = self.ratio[glob]
        has_ratio = ~np.isnan(ratio_raw)
        ratio = rounded(np.where(has_ratio, ratio_raw, 0.0))
        verdicts = pl.Series([enc(v) for v in _VERDICTS], dtype=pl.String).gather(
            self.verdict[glob]
        )
        # The series: {"year": value, ...} over the included years.
        # The series: {"year": value, ...} over the included years; a year left out is null
        # (its "year": prefix too), and concat_str skips nulls.
        all_ys, _ = self._series(glob)
        bits = self.series_mask[glob]
        first = np.ones(len(rows), dtype=bool)
        columns: dict[str, Any] = {"v": verdicts, "sl": slope, "pr": projection, "ra": ratio}
        series_cols: list[Any] = []
        for k, x in enumerate(self.candidates):
            take = (bits >> k & 1).astype(bool)
            ys = all_ys[k]
            text, risky = exact.reprs(ys, whole_as_int=True)
            text = exact.patch(text, risky, ys, lambda v: enc(figure(v)))
            code = np.where(take, np.where(first, 1, 2), 0)
            prefixes = pl.Series([None, f'"{x}": ', f', "{x}": '], dtype=pl.String)
            columns[f"p{k}"] = prefixes.gather(code)
            columns[f"t{k}"] = text
            columns[f"k{k}"] = take
            series_cols += [pl.col(f"p{k}"), pl.when(pl.col(f"k{k}")).then(pl.col(f"t{k}"))]
            first &= ~take
        columns["hr"] = has_ratio
        objects = pl.LazyFrame(columns).select(
            pl.concat_str(
                [
                    pl.lit('{"verdict": '), pl.col("v"), pl.lit(', "series": {'),
                    *series_cols,
                    pl.lit('}, "slope": '), pl.col("sl"),
                    pl.lit(', "projection": '), pl.col("pr"),
                    pl.lit(', "ratio": '),
                    pl.when(pl.col("hr")).then(pl.col("ra")).otherwise(pl.lit("null")),
                    pl.lit("}"),
                ],
                ignore_nulls=True,
            )
        ).collect().to_series()  # fmt: skip
        return out.scatter(rows, objects)

    def _index(self) -> Any:
        """The rule-of-law index of every unit and year, as the JSON lines of ``index``."""
        import numpy as np
        import polars as pl

        from plancheck.evaluate import exact
        from plancheck.report.json import COMPACT

        plan = self.plan
        n_ind = len(plan.indicators)
        status = self.status.reshape(-1, n_ind)
        value = self.rvalue.reshape(-1, n_ind)
        goal = self.goal.reshape(-1, n_ind)
        rank = self.rank.reshape(-1, n_ind)
        n_rows = status.shape[0]
        scores = np.full((n_rows, n_ind), np.nan)
        for i, indicator in enumerate(plan.indicators):
            judged = (status[:, i] != MISSING) & (status[:, i] != UNKNOWN) & ~np.isnan(value[:, i])
            target = indicator.target
            passed = status[:, i] == PASS
            if isinstance(target, Rank):
                r = rank[:, i]
                ok = judged & (r > 0)
                size_fixed = plan.peer_groups[target.peers].size
                size = np.full(n_rows, size_fixed) if size_fixed else np.maximum(r, target.best + 1)
                with np.errstate(invalid="ignore", divide="ignore"):
                    fraction = (size - r) / np.maximum(size - target.best, 1)
                s = np.where(r <= target.best, 100.0, _clamp(fraction))
                scores[ok, i] = s[ok]
                continue
            g = goal[:, i]
            ok = judged & ~np.isnan(g)
            higher = indicator.direction == "higher"
            floor = indicator.floor if indicator.floor is not None else None
            fl = (
                np.full(n_rows, floor)
                if floor is not None
                else (np.zeros(n_rows) if higher else 2 * g)
            )
            with np.errstate(invalid="ignore", divide="ignore"):
                fraction = (value[:, i] - fl) / np.where(fl == g, 1.0, g - fl)
            s = np.where(fl == g, np.where(passed, 100.0, 0.0), _clamp(fraction))
            scores[ok, i] = s[ok]
        scored = ~np.isnan(scores)
        weights = np.asarray([i.weight for i in plan.indicators])
        categories = []
        risky_rows = np.zeros(n_rows, dtype=bool)
        for category in plan.categories:
            members = [k for k, i in enumerate(plan.indicators) if i.category == category.name]
            if not members:
                categories.append((category, np.zeros(n_rows, dtype=bool), np.zeros(n_rows)))
                continue
            present = scored[:, members].any(axis=1)
            numer, risky = exact.fsum(
                [np.where(scored[:, k], scores[:, k] * weights[k], 0.0) for k in members]
            )
            denom = np.zeros(n_rows)
            pattern = np.zeros(n_rows, dtype=np.int64)
            for b, k in enumerate(members):
                pattern |= scored[:, k].astype(np.int64) << b
            for p in np.unique(pattern).tolist():
                ws = [float(weights[k]) for b, k in enumerate(members) if p >> b & 1]
                denom[pattern == p] = math.fsum(ws)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(denom != 0, numer / np.where(denom != 0, denom, 1.0), 0.0)
            risky_rows |= present & risky & (numer != 0)
            categories.append((category, present, mean))
        cat_weights = [c.weight for c, _, _ in categories]
        numer, risky = exact.fsum(
            [np.where(present, mean * c.weight, 0.0) for c, present, mean in categories]
        )
        pattern = np.zeros(n_rows, dtype=np.int64)
        for b, (_, present, _) in enumerate(categories):
            pattern |= present.astype(np.int64) << b
        denom = np.zeros(n_rows)
        for p in np.unique(pattern).tolist():
            denom[pattern == p] = math.fsum(w for b, w in enumerate(cat_weights) if p >> b & 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = np.where(denom != 0, numer / np.where(denom != 0, denom, 1.0), 0.0)
        risky_rows |= risky & (numer != 0)
        pair_unit = self.ru[::n_ind]
        pair_year = self.ryear[::n_ind]
        count = scored.sum(axis=1)
        for row in np.flatnonzero(risky_rows).tolist():
            score[row], cats = _index_row(plan, scores[row], scored[row])
            for category, present, mean in categories:
                if present[row]:
                    mean[row] = cats[category.name]
        # Ranked within each year: best score first, then by name; equal scores (to 9
        # decimals) share the better rank. A unit with nothing scored has no score nor rank.
        unscored = count == 0
        score = np.where(unscored, 0.0, score)
        name_order = np.argsort(np.argsort(np.asarray(self.unit_names, dtype=object)))
        order = np.lexsort((name_order[pair_unit], -score, unscored, pair_year))
        rounded9, risky9 = exact.round_to(score, 9)
        for row in np.flatnonzero(risky9).tolist():
            rounded9[row] = round(float(score[row]), 9)
        ranks = np.zeros(n_rows, dtype=np.int64)
        sorted_years = pair_year[order]
        sorted_rounded = rounded9[order]
        new_group = np.ones(len(order), dtype=bool)
        new_group[1:] = (sorted_years[1:] != sorted_years[:-1]) | (
            sorted_rounded[1:] != sorted_rounded[:-1]
        )
        year_start = np.ones(len(order), dtype=bool)
        year_start[1:] = sorted_years[1:] != sorted_years[:-1]
        position = np.arange(len(order))
        first_of_year = np.maximum.accumulate(np.where(year_start, position, 0))
        first_of_group = np.maximum.accumulate(np.where(new_group, position, 0))
        ranks[order] = first_of_group - first_of_year + 1

        def two(x: Any) -> Any:
            r, risky = exact.round_to(x, 2)
            text, risky2 = exact.reprs(r, whole_as_int=False)
            return exact.patch(text, risky | risky2, x, lambda v: repr(round(v, 2)))

        enc = COMPACT.encode
        units = pl.Series([enc(u) for u in self.unit_names], dtype=pl.String)
        parts = []
        first = np.ones(n_rows, dtype=bool)
        for category, present, mean in categories:
            text = two(np.where(present, mean, 0.0))
            piece = pl.select(
                pl.when(pl.Series(present))
                .then(
                    pl.when(pl.Series(first)).then(pl.lit("")).otherwise(pl.lit(", "))
                    + pl.lit(enc(category.name) + ": ")
                    + text
                )
                .otherwise(pl.lit(""))
            ).to_series()
            parts.append(piece)
            first &= ~present
        frame = pl.DataFrame(
            {
                "u": units.gather(pair_unit),
                "y": pl.Series(pair_year).cast(pl.String),
                "s": pl.select(
                    pl.when(pl.Series(unscored)).then(pl.lit("null")).otherwise(two(score))
                ).to_series(),
                "r": pl.select(
                    pl.when(pl.Series(unscored))
                    .then(pl.lit("null"))
                    .otherwise(pl.Series(ranks).cast(pl.String))
                ).to_series(),
                "n": pl.Series(count).cast(pl.String),
            }
            | {f"c{k}": p for k, p in enumerate(parts)}
        )
        lines = frame.select(
            pl.concat_str(
                [pl.lit('    {"unit": '), pl.col("u"), pl.lit(', "year": '), pl.col("y"),
                 pl.lit(', "score": '), pl.col("s"), pl.lit(', "rank": '), pl.col("r"),
                 pl.lit(', "categories": {')]
                + [pl.col(f"c{k}") for k in range(len(parts))]
                + [pl.lit('}, "scored": '), pl.col("n"), pl.lit(f', "total": {n_ind}}}')]
            )
        ).to_series()  # fmt: skip
        return lines.gather(order)


def _index_row(plan: Plan, scores: Any, scored: Any) -> tuple[float, dict[str, float]]:
    """One unit-year's index by index.py's own sums (rows the exact sums left open)."""
    from plancheck.evaluate.index import _weighted

    by_category: dict[str, list[tuple[float, float]]] = {}
    for k, indicator in enumerate(plan.indicators):
        if scored[k]:
            by_category.setdefault(indicator.category, []).append(
                (float(scores[k]), indicator.weight)
            )
    means: dict[str, float] = {}
    overall = []
    for category in plan.categories:
        pairs = by_category.get(category.name)
        if pairs:
            means[category.name] = _weighted(pairs)
            overall.append((means[category.name], category.weight))
    return _weighted(overall), means


@dataclass
class _Schedule:
    """时序进度 of one chunk's results (arrays over the chunk)."""

    baseline: Any
    baseline_year: Any
    measurable: Any
    gap: Any
    time: Any
    on: Any
    past: Any  # a baseline already at or past the target: no gap to measure


class _Decline(Exception):
    """Something only the Python path does the same way."""


_OPS = (">=", ">", "<=", "<", "==")
_VERDICTS = ("achieved", "on_track", "lagging", "seriously_lagging", "going_backwards")
_MARK = "\x00"


def _compare(op: str, a: Any, b: Any) -> Any:
    import numpy as np

    with np.errstate(invalid="ignore"):
        if op == ">=":
            return a >= b
        if op == ">":
            return a > b
        if op == "<=":
            return a <= b
        if op == "<":
            return a < b
        return a == b


def _clamp(fraction: Any) -> Any:
    import numpy as np

    low = np.where(fraction < 1.0, fraction, 1.0)
    return np.where(low > 0.0, low, 0.0) * 100.0


class _Missing(dict[str, str]):
    """format_map parameters: an unknown name stays a placeholder (never happens in CATALOG)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _share(x: float) -> str:
    from plancheck.messages import share

    return share(x)


def _reference_name(plan: Plan, target: Relative) -> Any:
    from plancheck.messages import Text

    ref = plan.references[target.reference]
    return Text(ref.name_en, ref.name)


def _peers_name(plan: Plan, target: Rank) -> Any:
    from plancheck.messages import Text

    group = plan.peer_groups[target.peers]
    return Text(group.name_en, group.name)


def _escape(text: str) -> str:
    from plancheck.report.json import COMPACT

    return str(COMPACT.encode(text))[1:-1]


def _apart(texts_a: Any, texts_b: Any, a: Any, b: Any, *, shares: bool = False) -> tuple[Any, Any]:
    """``messages.numbers_apart`` (``shares_apart`` for 时序进度's shares) for whole columns: the
    rows whose texts agree though their figures differ (rare) are redone by the Python function."""
    import numpy as np

    from plancheck.messages import numbers_apart, shares_apart

    differ = np.abs(a - b) > TOLERANCE if shares else a != b
    rows = np.flatnonzero((texts_a == texts_b).to_numpy() & differ)
    apart = shares_apart if shares else numbers_apart
    if len(rows):
        pairs = [apart(float(x), float(y)) for x, y in zip(a[rows], b[rows], strict=True)]
        texts_a = texts_a.scatter(rows, [p[0] for p in pairs])
        texts_b = texts_b.scatter(rows, [p[1] for p in pairs])
    return texts_a, texts_b


def _json_strings(texts: Any) -> Any:
    import polars as pl

    from plancheck.report.json import COMPACT

    distinct, codes = _distinct(texts)
    encoded = [COMPACT.encode(t) if t is not None else "null" for t in distinct]
    return pl.Series(encoded, dtype=pl.String).gather(codes)


def _join(lines: Any, *, last: bool) -> bytes:
    """The lines, each followed by ",\n" (but the last one of all), as UTF-8: one chunk of the
    report, its separator included (Polars' own bytes, never decoded to Python strings)."""
    parts = lines.cast(_binary()).to_list()
    if not last:
        parts.append(b"")
    return b",\n".join(parts)


def _binary() -> Any:
    import polars as pl

    return pl.Binary


def _ahead(chunks: Iterator[bytes | memoryview]) -> Iterator[bytes | memoryview]:
    """Make the next chunk while the last one is written (Polars and numpy release the GIL);
    never more than that one ahead, so two chunks at most are in memory."""
    import queue
    import threading

    ready: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
    slots = threading.Semaphore(2)  # the chunk being written and the one being made
    stop = threading.Event()

    def produce() -> None:
        try:
            slots.acquire()
            for chunk in chunks:
                ready.put((True, chunk))
                del chunk
                slots.acquire()
                if stop.is_set():
                    return
        except BaseException as error:  # handed to the consumer
            ready.put((False, error))
            return
        ready.put((False, None))

    threading.Thread(target=produce, daemon=True).start()
    try:
        while True:
            ok, item = ready.get()
            if not ok:
                if item is not None:
                    raise item
                return
            yield item
            item = None
            slots.release()
    finally:
        stop.set()
        slots.release()


import string as _string  # noqa: E402

_FORMATTER = _string.Formatter()

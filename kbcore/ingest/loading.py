"""Reading company exports as they really are: one table's file(s) into one canonical table.

One job: :func:`read_table`, the steps from a file to a canonical table, each reported in the
:class:`~kbcore.ingest.quality.QualityReport`: read the cells under the header row
(:func:`kbcore.ingest.raw.read_raw`), match the headers to canonical columns
(:func:`kbcore.ingest.headers.match_columns`), drop totals rows ("Итого", "Всего", "Total",
"ИТОГО:", "Итого по …") and empty rows, convert each column by its kind
(:mod:`kbcore.ingest.clean`), and drop the rows whose required value is empty or unreadable —
or refuse the file when too many values are unreadable (:data:`MAX_BAD_SHARE`).
:mod:`kbcore.ingest.dataset` puts the tables together. What a file may look like:

* file types: ``.csv`` ``.tsv`` ``.txt`` (also gzipped), ``.xlsx`` ``.xlsm`` ``.xls`` ``.xlsb``
  ``.ods`` (python-calamine; openpyxl for ``.xlsx`` when calamine is missing), ``.parquet``
  (:mod:`kbcore.ingest.files`);
* text encodings UTF-8, UTF-8 with BOM, UTF-16 (Excel "Unicode text") and cp1251, detected;
  separators ``,`` ``;`` tab and ``|``, detected by which one splits the first lines into the most
  consistent number of fields (:mod:`kbcore.ingest.raw`);
* title lines above the header (1C report exports put the report's name and parameters there):
  the header is the row among the first :data:`~kbcore.ingest.raw.HEADER_SCAN_ROWS` where the
  most cells are known headers (:data:`~kbcore.ingest.headers.DEFAULT_MAPPING_FILE` plus the
  user's mapping);
* numbers with a decimal comma, thousands separated by spaces, NBSP (U+00A0), narrow NBSP
  (U+202F), apostrophes, dots or commas, a trailing currency or unit ("руб.", "₽", "дн."),
  the Unicode minus and accounting parentheses. Everything is read as text and converted
  explicitly (pandas' own ``thousands=`` silently ignores NBSP), so that every value that does
  not convert is reported with its row number as the user sees it in the file;
* dates dd.mm.yyyy (day first; never swapped), dd.mm.yy, ISO yyyy-mm-dd, with a time after them,
  yyyymmdd, month names ("март 2024", "5 марта 2024 г."), Excel date cells and Excel serial
  numbers; 1C's empty date 01.01.0001 counts as empty;
* a totals row and empty rows: dropped and reported.

Nothing here ever writes a file: inputs are read-only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from kbcore.errors import KBDataError
from kbcore.i18n import t
from kbcore.ingest.clean import (
    PARSERS,
    WS,
    canonical_dtypes,
    cell_kinds,
    filled_pl,
    pad_tax_ids,
    parse_columns_pl,
    parse_dates,
    via_uniques,
)
from kbcore.ingest.headers import (
    IDENTIFIED,
    Mapping,
    check_required,
    column_kinds,
    default_mapping,
    match_columns,
    normalise_header,
)
from kbcore.ingest.quality import QualityReport
from kbcore.ingest.raw import RawTable, read_raw
from kbcore.schema import TABLES, C

__all__ = ["MAX_BAD_SHARE", "read_table"]

MAX_BAD_SHARE = 0.05
"""Above this share of unconvertible values a required or amount column is an error, not a warning."""

_TOTALS_RE = (f"(?i)^[{WS}]*(итого|итоги|итог|всего|total|totals|grand total|subtotal)"
              f"([{WS}]*[:.]|[{WS}]+(по|за|for)([{WS}]|$)|[{WS}]*$)")


def read_table(paths: list[str | Path] | str | Path, table: str, mapping: Mapping | None = None, *,
               dayfirst: bool = True, report: QualityReport | None = None) -> pd.DataFrame:
    """Read the file(s) of one canonical table, convert every column, report what happened.

    Steps, for each file: read the cells under the header row (:func:`read_raw`); match the
    headers (the user's mapping first, then the built-in headers, most preferred first); drop
    empty rows and totals rows; convert each column by its kind; drop rows whose required value
    is empty or unreadable. Several files of one table are concatenated.

    Errors (:class:`~kbcore.errors.KBDataError`): a required column missing; more than
    :data:`MAX_BAD_SHARE` of a required column's (or a sales amount column's) values
    unreadable; no rows left.

    Parameters
    ----------
    paths : the file, or files, of the table.
    table : canonical table name (``"sales"``, ``"clients"`` …).
    mapping : the user's :class:`Mapping` (None: built-in headers only).
    dayfirst : read ``05.03.2024`` as 5 March (True, the default) or as May 3 (False).
    report : receives the per-file findings (a new one when None).

    Returns
    -------
    DataFrame
        Canonical columns only (for ``sales`` also the client columns it carries), canonical
        dtypes, a fresh RangeIndex. ``client_id`` of a sales file is not resolved yet (see
        :func:`kbcore.ingest.dataset.load`).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    mapping = mapping or Mapping()
    report = report if report is not None else QualityReport()
    frames = [_read_one(Path(p), table, mapping, dayfirst, report) for p in paths]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:
        out = canonical_dtypes(out, table)
    return out


def _read_one(path: Path, table: str, mapping: Mapping, dayfirst: bool,
              report: QualityReport) -> pd.DataFrame:
    """One file of ``table`` as a canonical table (the steps of :func:`read_table`)."""
    raw = read_raw(path, table=table, mapping=mapping)
    fname = _name(raw.file)
    _report_file(raw, table, fname, report)

    columns = raw.columns
    chosen, unused_alt = match_columns(columns, raw.file, table, mapping)
    check_required(columns, raw.file, table, chosen)
    _report_columns(raw, table, fname, chosen, unused_alt, report)

    keep = _drop_totals_and_empty(raw, table, fname, chosen, report)
    sub_rows = raw.rows[keep]
    if raw.cells is not None:
        sub_raw = RawTable(None, sub_rows, raw.file, cells=raw.cells.filter(pl.Series(keep)),
                           plain=raw.plain_columns)
    else:
        sub_raw = RawTable(raw.data.loc[keep].reset_index(drop=True), sub_rows, raw.file)
    frame, drop = _convert(sub_raw, table, fname, chosen, dayfirst, report)
    if C.tax_id in frame.columns:
        padded, short = pad_tax_ids(frame[C.tax_id])
        if short.any():
            report.add("info", table, "quality.tax_id_padded", int(short.sum()), file=fname,
                       column=chosen[C.tax_id],
                       examples=frame[C.tax_id][short].drop_duplicates().head(5).tolist())
        frame[C.tax_id] = padded
    drop = _drop_missing_required(frame, drop, table, fname, chosen, sub_rows, report)
    frame = frame.loc[~drop].reset_index(drop=True)
    if frame.empty:
        raise KBDataError("load.no_rows", file=raw.file, table=table, read=len(raw))
    if C.discount not in frame.columns and C.list_revenue in frame.columns and C.revenue in frame.columns:
        frame[C.discount] = frame[C.list_revenue] - frame[C.revenue]
        report.add("info", table, "quality.discount_derived", file=fname)
    return canonical_dtypes(frame, table)


def _report_file(raw: RawTable, table: str, fname: str, report: QualityReport) -> None:
    """The file's rows read, where its header is, how it was decoded, and extra fields."""
    stats = report.stats(table)
    stats.files.append(fname)
    stats.rows_read += len(raw)
    if raw.header_row is not None:
        if raw.sheet is not None:
            report.add("info", table, "quality.file_read_sheet", file=fname, row=raw.header_row,
                       sheet=raw.sheet, title=raw.header_row - 1)
        else:
            report.add("info", table, "quality.file_read", file=fname, row=raw.header_row,
                       encoding=raw.encoding, sep={"\t": "TAB"}.get(raw.sep, f"'{raw.sep}'"),
                       title=raw.header_row - 1)
    if raw.extra_fields:
        report.add("warning", table, "quality.extra_fields", len(raw.extra_fields), file=fname,
                   examples=raw.extra_fields[:5])


def _report_columns(raw: RawTable, table: str, fname: str, chosen: dict[str, str],
                    unused_alt: list[str], report: QualityReport) -> None:
    """The columns used and ignored, and a revenue column whose header says it includes VAT."""
    report.add("info", table, "quality.columns_used", len(chosen), file=fname,
               columns=[f"{h} → {c}" for c, h in chosen.items()])
    ignored = [c for c in raw.columns if c not in chosen.values() and not c.startswith("#")]
    if ignored or unused_alt:
        report.add("info", table, "quality.columns_ignored", len(ignored), file=fname,
                   columns=ignored, alternatives=unused_alt or "—")
    vat = {normalise_header(h) for h in default_mapping().get("vat_included", [])}
    if C.revenue in chosen and normalise_header(chosen[C.revenue]) in vat:
        report.add("warning", table, "quality.revenue_vat", file=fname, column=chosen[C.revenue])


def _drop_totals_and_empty(raw: RawTable, table: str, fname: str, chosen: dict[str, str],
                           report: QualityReport) -> np.ndarray:
    """The rows to keep: neither a totals row nor empty in every used column (both reported)."""
    # totals rows: a text cell that says "Итого" / "Всего" / "Total" … (amount columns not searched)
    amounts = {h for c, h in chosen.items() if column_kinds(table)[c] in ("number", "int")}
    if raw.cells is not None:
        totals, empty, label = _totals_and_empty_pl(raw, chosen, amounts)
    else:
        totals, empty, label = _totals_and_empty_pd(raw, chosen, amounts)
    if totals.any():
        report.add("info", table, "quality.totals_dropped", int(totals.sum()), file=fname,
                   examples=_ex(raw, totals, label))
    if empty.any():
        report.add("info", table, "quality.empty_dropped", int(empty.sum()), file=fname)
    return ~totals & ~empty


def _totals_and_empty_pd(raw: RawTable, chosen: dict[str, str],
                         amounts: set[str]) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """(totals rows, empty rows, the totals label of each row) of cells in a pandas frame."""
    data = raw.data
    totals = pd.Series(False, index=data.index)
    label = pd.Series(pd.NA, index=data.index, dtype="string")
    for col in data.columns:
        s = data[col]
        if col in amounts or not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        txt = (s.where(cell_kinds(s) == "s") if s.dtype == object else s).astype("string")
        hit = via_uniques(_totals_in, txt)[1]
        if hit.any():
            totals |= hit
            label = label.fillna(txt.where(hit))
    # empty rows: every used cell empty
    filled = pd.Series(False, index=data.index)
    for col in dict.fromkeys(chosen.values()):
        s = data[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            filled |= _filled_text(s)
        else:
            filled |= s.notna()
    empty = ~filled & ~totals
    return totals.to_numpy(dtype=bool), empty.to_numpy(dtype=bool), label


def _totals_and_empty_pl(raw: RawTable, chosen: dict[str, str],
                         amounts: set[str]) -> tuple[np.ndarray, np.ndarray, list]:
    """:func:`_totals_and_empty_pd` of text cells in a Polars frame (plain columns in one select)."""
    searched = [c for c in raw.columns if c not in amounts]
    fast = [c for c in searched if c in raw.plain_columns]
    flags = raw.cells.select(pl.col(c).str.contains(_TOTALS_RE).fill_null(False).alias(f"t{i}")
                             for i, c in enumerate(fast))
    hit = {c: flags[f"t{i}"].to_numpy() for i, c in enumerate(fast)}
    for c in searched:
        if c not in hit:  # an odd column: the pandas way
            hit[c] = via_uniques(_totals_in, raw.text(c).astype("string"))[1].to_numpy(dtype=bool)
    hits = [hit[c] for c in searched]
    totals = np.logical_or.reduce(hits) if hits else np.zeros(len(raw), dtype=bool)
    # empty rows: every used cell empty; the rows a column fills are not looked at again
    open_rows = np.arange(len(raw))
    for col in dict.fromkeys(chosen.values()):
        if not len(open_rows):
            break
        cells = raw.cells[col] if len(open_rows) == len(raw) else raw.cells[col].gather(open_rows)
        if col in raw.plain_columns:
            filled = filled_pl(cells).to_numpy()
        else:  # an odd column: the pandas way
            filled = _filled_text(pd.Series(cells.to_arrow(), dtype="str"))
        open_rows = open_rows[~filled]
    empty = np.zeros(len(raw), dtype=bool)
    empty[open_rows] = True
    empty &= ~totals
    label: list = [None] * len(raw)
    for i in np.flatnonzero(totals)[:5]:  # the label of the examples: the first column's
        col = next(c for c, hit in zip(searched, hits, strict=True) if hit[i])
        label[i] = raw.cells[col][int(i)]
    return totals, empty, label


def _filled_text(s: pd.Series) -> np.ndarray:
    """Cells of a text column that hold something but whitespace (missing is not filled)."""
    return (s.notna() & (s.astype("string").str.strip() != "")).fillna(False).to_numpy(dtype=bool)


def _totals_in(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(s, mask of totals labels) — shaped like a parser for :func:`via_uniques`."""
    return s, s.str.match(_TOTALS_RE).fillna(False).astype(bool)


def _required(table: str, chosen: dict[str, str]) -> set[str]:
    """The required columns of ``table`` (the client code not, when a tax ID or name stands in)."""
    required = set(TABLES[table].required)
    if table in IDENTIFIED and C.client_id not in chosen:
        required.discard(C.client_id)
    return required


def _convert(sub_raw: RawTable, table: str, fname: str, chosen: dict[str, str], dayfirst: bool,
             report: QualityReport) -> tuple[pd.DataFrame, pd.Series]:
    """Each chosen column converted by its kind.

    And the rows to drop for an unreadable required value; unreadable values are reported (an error
    above :data:`MAX_BAD_SHARE`).
    """
    kinds = column_kinds(table)
    required = _required(table, chosen)
    out: dict[str, pd.Series] = {}
    index = pd.RangeIndex(len(sub_raw))
    drop = pd.Series(False, index=index)
    fast = {c: h for c, h in chosen.items() if h in sub_raw.plain_columns}
    parsed = _parse_plain(sub_raw, fast, kinds, dayfirst)
    for canonical, header in chosen.items():
        kind = kinds[canonical]
        if canonical in fast:
            src = sub_raw.cells[header]
            values, bad = parsed[canonical]
            bad = pd.Series(bad, index=index)
        else:
            src = sub_raw.text(header) if sub_raw.cells is not None else sub_raw.data[header]
            if kind == "date":
                values, bad = via_uniques(parse_dates, src, dayfirst=dayfirst)
            else:
                values, bad = via_uniques(PARSERS[kind], src)
        nonempty = int(values.notna().sum() + bad.sum())
        nbad = int(bad.sum())
        if nbad:
            share = nbad / max(nonempty, 1)
            strict = canonical in required or (table == "sales" and kind == "number")
            examples = _ex(sub_raw, bad, src)
            what = {"date": "@quality.kind.date", "bool": "@quality.kind.bool"}.get(
                kind, "@quality.kind.number")
            if strict and share > MAX_BAD_SHARE:
                key = "load.bad_dates" if kind == "date" else "load.bad_values"
                raise KBDataError(key, file=sub_raw.file, column=header, examples=examples,
                                  count=nbad, total=nonempty, canonical=canonical,
                                  kind_en=t(what[1:], "en"), kind_ru=t(what[1:], "ru"), kind_bg=t(what[1:], "bg"),
                                  share=f"{share:.0%}")
            if canonical in required:
                drop |= bad
                code = "quality.bad_dropped"
            else:
                code = "quality.bad_blanked"
            report.add("warning", table, code, nbad, file=fname, column=header, examples=examples,
                       kind=what, canonical=canonical)
        out[canonical] = values
    return pd.DataFrame(out, index=index), drop


def _parse_plain(sub_raw: RawTable, chosen: dict[str, str], kinds: dict[str, str],
                 dayfirst: bool) -> dict[str, tuple[pd.Series, np.ndarray]]:
    """Each chosen column of plain text cells converted by its fast parser.

    The common forms of every column are checked and converted in two Polars queries
    (:func:`~kbcore.ingest.clean.parse_columns_pl`), which use the machine's cores; a column
    that does not fit them goes to its own parser.
    """
    if not chosen:
        return {}
    # one column per canonical name (two of them may read the same header as different kinds)
    cells = sub_raw.cells.select(pl.col(header).alias(canonical) for canonical, header in chosen.items())
    return parse_columns_pl(cells, {canonical: kinds[canonical] for canonical in chosen},
                            dayfirst=dayfirst)


def _drop_missing_required(frame: pd.DataFrame, drop: pd.Series, table: str, fname: str,
                           chosen: dict[str, str], rows: np.ndarray,
                           report: QualityReport) -> pd.Series:
    """``drop`` plus the rows whose required value is empty (reported).

    A sales line's client is its code, else its tax ID, else its name: the row goes only when
    all three are empty.
    """
    checks = [(c, [c]) for c in TABLES[table].required if c in frame.columns]
    if table in IDENTIFIED:
        ident = [c for c in (C.client_id, C.tax_id, C.name) if c in frame.columns]
        checks = [(c, cols) for c, cols in checks if c != C.client_id] + [(C.client_id, ident)]
    for canonical, cols in checks:
        missing = pd.Series(np.logical_and.reduce([frame[c].isna().to_numpy() for c in cols]),
                            index=frame.index) & ~drop
        if missing.any():
            report.add("warning" if missing.mean() > 0.01 else "info", table,
                       "quality.missing_dropped", int(missing.sum()), file=fname,
                       column=" / ".join(chosen[c] for c in cols), canonical=canonical,
                       examples=[f"{r}: ''" for r in rows[missing.to_numpy()][:5]])
            drop |= missing
    return drop


def _name(path: str) -> str:
    return Path(path).name


def _ex(raw: RawTable, mask, values, limit: int = 5) -> list[str]:
    """Up to ``limit`` examples "row: 'value'" of the rows in ``mask``.

    ``mask`` and ``values`` are positional: pandas or Polars series, NumPy arrays or lists.
    """
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))[:limit]
    get = values.iloc.__getitem__ if isinstance(values, pd.Series) else values.__getitem__
    return [f"{raw.rows[i]}: '{get(int(i))}'" for i in idx]

"""Reading one company file's cells under its header row: text, Excel and Parquet.

One job: from bytes to cells, before any conversion. Text files (also gzipped) are decoded
(UTF-8, UTF-8 with BOM, UTF-16, cp1251, else the best guess) and split on the separator that
splits their first lines most consistently (tab, ``;``, ``,``, ``|``); Excel workbooks are read
with python-calamine (openpyxl for ``.xlsx`` when calamine is missing). Title lines above the
header (1C report exports put the report's name and parameters there) are skipped: the header
is the row among the first :data:`HEADER_SCAN_ROWS` where the most cells are known headers.
Every row keeps its number as the user sees it in the file. Nothing here writes a file.
"""

from __future__ import annotations

import csv
import gzip
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from charset_normalizer import from_bytes

from kbcore.errors import KBDataError
from kbcore.ingest.files import connect_duckdb, database_tables, file_kind, suffix
from kbcore.ingest.headers import Mapping, normalise_header, strip_units, table_headers

__all__ = ["HEADER_SCAN_ROWS", "RawTable", "read_raw"]

HEADER_SCAN_ROWS = 30
"""How many rows from the top are searched for the header row."""


@dataclass
class RawTable:
    """One file's cells under its header row, before conversion.

    ``data`` has the file's own headers as column names (made unique); its cells are text for
    CSV, and Python values for Excel/Parquet. ``rows`` holds each row's number as the user sees
    it (line in a text file, row in Excel, record in Parquet).
    """

    data: pd.DataFrame
    rows: np.ndarray
    file: str
    header_row: int | None = None
    encoding: str | None = None
    sep: str | None = None
    sheet: str | None = None
    extra_fields: list[str] = field(default_factory=list)


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), ("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1251"), "cp1251"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is not None:
        return str(best), best.encoding
    raise KBDataError("load.encoding", file=path)


def _split(lines: list[str], sep: str) -> list[list[str]]:
    return list(csv.reader(lines, delimiter=sep, quotechar='"'))


def _detect_sep(lines: list[str]) -> str:
    """The separator that splits the first lines into the most consistent number of fields.

    For each candidate the modal field count (>1) among the lines and the number of lines with
    that count are taken; the candidate with the most such lines wins, ties in the order tab,
    ``;``, ``,``, ``|`` (a decimal comma makes ``,`` inconsistent; ``;`` is 1C's and Excel's
    Russian default).
    """
    best, best_score = ",", (-1, 0)
    sample = [ln for ln in lines if ln.strip()][:60]
    for pref, sep in enumerate(("\t", ";", ",", "|")):
        counts = [len(r) for r in _split(sample, sep)]
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = (counts.count(mode), -pref)
        if score > best_score:
            best, best_score = sep, score
    return best


def _header_score(cells: list[Any], known: set[str]) -> int:
    seen = set()
    for c in cells:
        if c is None or (isinstance(c, float) and np.isnan(c)):
            continue
        n = normalise_header(c)
        if n in known or strip_units(n) in known:
            seen.add(n)
    return len(seen)


def _find_header(rows: list[list[Any]], known: set[str]) -> int | None:
    """Index of the header row: the row with the most known headers (the first of equals)."""
    scores = [_header_score(r, known) for r in rows[:HEADER_SCAN_ROWS]]
    if not scores or max(scores) == 0:
        return None
    return scores.index(max(scores))


def _unique_headers(cells: list[Any]) -> list[str]:
    out: list[str] = []
    for i, c in enumerate(cells):
        empty = c is None or (isinstance(c, float) and np.isnan(c)) or str(c).strip() == ""
        name = f"#{i + 1}" if empty else " ".join(str(c).split())
        base, k = name, 2
        while name in out:
            name, k = f"{base} ({k})", k + 1
        out.append(name)
    return out


def _no_header(path: Path, rows: list[list[Any]], table: str) -> KBDataError:
    shown = [" | ".join("" if v is None else str(v) for v in r)[:120] for r in rows[:5]]
    return KBDataError("load.no_header", file=path, table=table, n=HEADER_SCAN_ROWS,
                       examples=[f"{i + 1}: {s}" for i, s in enumerate(shown)])


def _read_csv(path: Path, known: set[str], table: str) -> RawTable:
    raw = gzip.open(path).read() if path.name.lower().endswith(".gz") else path.read_bytes()
    if not raw.strip():
        raise KBDataError("load.empty_file", file=path)
    text, encoding = _decode(raw, path)
    head_lines = text.splitlines(keepends=True)[: HEADER_SCAN_ROWS + 30]
    sep = "\t" if suffix(path).startswith(".tsv") else _detect_sep(head_lines)
    parsed = [_split([ln], sep)[0] if ln.strip() else [] for ln in head_lines[:HEADER_SCAN_ROWS]]
    h = _find_header(parsed, known)
    if h is None:
        raise _no_header(path, [p for p in parsed if p], table)
    offset = sum(len(ln) for ln in head_lines[:h])
    body = io.StringIO(text[offset:])
    header = _unique_headers(parsed[h])
    opts = dict(sep=sep, header=None, dtype=str, keep_default_na=False, na_values=[""],
                skip_blank_lines=False, quotechar='"', skiprows=1)
    extra: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            df = pd.read_csv(body, names=list(range(len(header))), index_col=False, **opts)
            ragged = any(issubclass(w.category, pd.errors.ParserWarning) for w in caught)
        except pd.errors.ParserError:
            ragged = True
    if ragged:
        # lines with more fields than the header: read every field, report the lines whose
        # extra fields hold something (a trailing separator alone is harmless)
        width = max(len(r) for r in csv.reader(io.StringIO(text[offset:]), delimiter=sep))
        df = pd.read_csv(io.StringIO(text[offset:]), names=list(range(width)), **opts)
        has_extra = df[list(range(len(header), width))].notna().any(axis=1).to_numpy()
        extra = [str(n) for n in (np.arange(len(df)) + h + 2)[has_extra]]
        header = header + [f"#{i + 1}" for i in range(len(header), width)]
    df.columns = header
    rows = np.arange(len(df)) + h + 2  # 1-based line numbers; the header is line h + 1
    return RawTable(df, rows, str(path), header_row=h + 1, encoding=encoding, sep=sep,
                    extra_fields=extra)


def _excel_engine(path: Path) -> str:
    """python-calamine when installed, else openpyxl for ``.xlsx``/``.xlsm`` (else an error).

    Imported here, not at the top: calamine is the optional fast engine, and the fallback is
    decided when a workbook is read (tests hide it to check the fallback).
    """
    try:
        import python_calamine  # noqa: F401

        return "calamine"
    except ImportError:
        if suffix(path) in (".xlsx", ".xlsm"):
            return "openpyxl"
        raise KBDataError("load.need_calamine", file=path) from None


def _read_excel(path: Path, known: set[str], table: str, sheet: str | int | None) -> RawTable:
    engine = _excel_engine(path)
    try:
        with pd.ExcelFile(path, engine=engine) as book:
            sheets = list(book.sheet_names)
            if sheet is None:
                sheet = sheets[0] if sheets else 0
            elif isinstance(sheet, int) and not 0 <= sheet < len(sheets):
                raise KBDataError("load.wrong_sheet", file=path, sheet=sheet, sheets=", ".join(sheets))
            elif isinstance(sheet, str) and sheet not in sheets:
                raise KBDataError("load.wrong_sheet", file=path, sheet=sheet, sheets=", ".join(sheets))
            df = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object)
    except KBDataError:
        raise
    except Exception as err:  # a corrupt or password-protected workbook
        raise KBDataError("load.unreadable", file=path, reason=f"{type(err).__name__}: {err}") from None
    if df.empty:
        raise KBDataError("load.empty_file", file=path)
    top = df.head(HEADER_SCAN_ROWS).astype(object).where(df.head(HEADER_SCAN_ROWS).notna(), None)
    rows = top.values.tolist()
    h = _find_header(rows, known)
    if h is None:
        raise _no_header(path, [r for r in rows if any(v is not None for v in r)], table)
    header = _unique_headers(rows[h])
    body = df.iloc[h + 1:].reset_index(drop=True)
    body.columns = header
    numbers = np.arange(len(body)) + h + 2  # Excel row numbers (the header is row h + 1)
    name = sheet if isinstance(sheet, str) else str(sheet)
    return RawTable(body, numbers, str(path), header_row=h + 1, sheet=name)


def _read_parquet(path: Path) -> RawTable:
    try:
        df = pd.read_parquet(path)
    except Exception as err:
        raise KBDataError("load.unreadable", file=path, reason=f"{type(err).__name__}: {err}") from None
    df = df.reset_index(drop=True)
    df.columns = _unique_headers(list(df.columns))
    return RawTable(df, np.arange(len(df)) + 1, str(path))


def _read_duckdb(path: Path, table: str) -> RawTable:
    """The database table that stands for ``table`` (see :func:`~kbcore.ingest.files.database_tables`)."""
    inner = database_tables(path).get(table)
    if inner is None:
        raise KBDataError("load.unreadable", file=path, reason=f"no table for '{table}'")
    with connect_duckdb(path) as con:
        try:
            df = con.execute(f'SELECT * FROM "{inner.replace(chr(34), chr(34) * 2)}"').df()
        except Exception as err:
            raise KBDataError("load.unreadable", file=path,
                              reason=f"{type(err).__name__}: {err}") from None
    df.columns = _unique_headers(list(df.columns))
    return RawTable(df, np.arange(len(df)) + 1, f"{path} [{inner}]")


def read_raw(path: str | Path, *, table: str = "sales", mapping: Mapping | None = None) -> RawTable:
    """Read one file's cells under its header row (no conversion).

    Parameters
    ----------
    path : path of a CSV/TSV/TXT (optionally .gz), Excel or Parquet file, a folder of Parquet
        parts, or a DuckDB database (its table that stands for ``table`` is read).
    table : the canonical table the file holds (decides which headers are known).
    mapping : the user's mapping (its headers are known too; its sheet is used).
    """
    path = Path(path)
    mapping = mapping or Mapping()
    if not path.exists():
        raise KBDataError("load.not_found", file=path)
    kind = file_kind(path)
    known = {h for hs in table_headers(table).values() for h in hs} | set(mapping.headers(table))
    try:
        if kind == "csv":
            return _read_csv(path, known, table)
        if kind == "excel":
            return _read_excel(path, known, table, mapping.sheet_for(table))
        if kind == "duckdb":
            return _read_duckdb(path, table)
        return _read_parquet(path)
    except KBDataError:
        raise
    except (OSError, ValueError, UnicodeError, csv.Error, EOFError) as err:
        raise KBDataError("load.unreadable", file=path, reason=f"{type(err).__name__}: {err}") from None

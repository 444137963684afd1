"""Reading one company file's cells under its header row: text, Excel and Parquet.

One job: from bytes to cells, before any conversion. Text files (also gzipped) are decoded
(UTF-8, UTF-8 with BOM, UTF-16, cp1251, else the best guess) and split on the separator that
splits their first lines most consistently (tab, ``;``, ``,``, ``|``); Excel workbooks are read
with python-calamine (openpyxl for ``.xlsx`` when calamine is missing). Title lines above the
header (1C report exports put the report's name and parameters there) are skipped: the header
is the row among the first :data:`HEADER_SCAN_ROWS` where the most cells are known headers.
Every row keeps its number as the user sees it in the file. Nothing here writes a file.

The body of a text file is read by Polars, every column as text, from the UTF-8 bytes of the
body (:attr:`RawTable.cells`); pandas' reader stays for the files Polars would read differently
(lines with more fields than the header, a lone carriage return as the line end).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
from charset_normalizer import from_bytes

from kbcore.errors import KBDataError
from kbcore.ingest.files import connect_duckdb, database_tables, file_kind, suffix
from kbcore.ingest.headers import Mapping, normalise_header, strip_units, table_headers

__all__ = ["HEADER_SCAN_ROWS", "RawTable", "read_raw"]

HEADER_SCAN_ROWS = 30
"""How many rows from the top are searched for the header row."""


class RawTable:
    """One file's cells under its header row, before conversion.

    ``data`` has the file's own headers as column names (made unique); its cells are text for
    CSV, and Python values for Excel/Parquet. ``rows`` holds each row's number as the user sees
    it (line in a text file, row in Excel, record in Parquet). A text file read by Polars also
    has ``cells``, the same cells as a Polars frame of text columns (``data`` is then made from
    it when first asked for).
    """

    def __init__(self, data: pd.DataFrame | None, rows: np.ndarray, file: str,
                 header_row: int | None = None, encoding: str | None = None, sep: str | None = None,
                 sheet: str | None = None, extra_fields: list[str] | None = None,
                 cells: pl.DataFrame | None = None, plain: bool | set[str] = False) -> None:
        if data is None and cells is None:
            raise ValueError("RawTable needs data or cells")
        self._data = data
        self.cells = cells
        self.rows = rows
        self.file = file
        self.header_row = header_row
        self.encoding = encoding
        self.sep = sep
        self.sheet = sheet
        self.extra_fields = list(extra_fields or [])
        columns = set() if cells is None else set(cells.columns)
        self.plain_columns = columns if plain is True else (columns & set(plain or ()))
        """The columns of ``cells`` that hold no control character and no whitespace but the
        usual (:data:`kbcore.ingest.clean.WS`): the Polars fast paths of the cleaning apply."""

    @property
    def plain(self) -> bool:
        """True when every column of ``cells`` is plain (see :attr:`plain_columns`)."""
        return self.cells is not None and self.plain_columns == set(self.cells.columns)

    def text(self, column: str) -> pd.Series:
        """A column of ``cells`` as pandas reads it: dtype ``str``, NaN for an empty cell."""
        return pd.Series(self.cells[column].to_arrow(), dtype="str")

    @property
    def data(self) -> pd.DataFrame:
        """The cells as a pandas frame (text columns of dtype ``str`` for a text file)."""
        if self._data is None:
            self._data = pd.DataFrame({c: self.text(c) for c in self.cells.columns})
        return self._data

    @property
    def columns(self) -> list[str]:
        """The file's headers (made unique)."""
        return list(self.cells.columns if self.cells is not None else self._data.columns)

    def __len__(self) -> int:
        return len(self.rows)


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        codecs.utf_8_decode(raw[:1 << 16], "strict", False)  # fails fast on another encoding
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
    if not raw[:1 << 16].strip() and not raw.strip():
        raise KBDataError("load.empty_file", file=path)
    text, encoding = _decode_head(raw, path)
    head_lines = _head_lines(raw if text is None else text, HEADER_SCAN_ROWS + 30)
    sep = "\t" if suffix(path).startswith(".tsv") else _detect_sep(head_lines)
    parsed = [_split([ln], sep)[0] if ln.strip() else [] for ln in head_lines[:HEADER_SCAN_ROWS]]
    h = _find_header(parsed, known)
    if h is None:
        raise _no_header(path, [p for p in parsed if p], table)
    offset = sum(len(ln) for ln in head_lines[:h])
    header = _unique_headers(parsed[h])
    read = _read_body_polars(text, raw, encoding, offset, sep, header, head_lines[h])
    if read is not None:
        cells, plain = read
        if not plain:  # something odd somewhere: which columns are plain
            plain = _plain_columns(cells)
        rows = np.arange(cells.height) + h + 2  # 1-based line numbers; the header is line h + 1
        return RawTable(None, rows, str(path), header_row=h + 1, encoding=encoding, sep=sep,
                        cells=cells, plain=plain)
    if text is None:
        text = raw.decode(encoding)
    df, header, extra = _read_body_pandas(text[offset:], sep, header, h)
    df.columns = header
    rows = np.arange(len(df)) + h + 2
    return RawTable(df, rows, str(path), header_row=h + 1, encoding=encoding, sep=sep,
                    extra_fields=extra)


_LONE_CR = re.compile(rb"\r(?!\n)")
"""A carriage return not followed by a line feed (found faster than CR and CRLF are counted)."""

_NOT_CONTROL = bytes(i for i in range(256) if not (i < 32 or i == 127))


def _decode_head(raw: bytes, path: Path) -> tuple[str | None, str]:
    """:func:`_decode`, but a cp1251 file is not decoded yet (None): only 0x98 is not cp1251.

    Its body is decoded by pieces while Polars reads the pieces before (:func:`_read_pieces`).
    """
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            codecs.utf_8_decode(raw[:1 << 16], "strict", False)
        except UnicodeDecodeError:  # not UTF-8: cp1251 when every byte is one
            if b"\x98" not in raw:
                return None, "cp1251"
    return _decode(raw, path)


def _head_lines(text: str | bytes, n: int) -> list[str]:
    """The first ``n`` lines of ``text`` (with their ends), as ``text.splitlines`` cuts them.

    ``text`` may be the bytes of a cp1251 file (one byte a character).
    """
    size = 1 << 16
    while True:
        part = text[:size]
        lines = (part.decode("cp1251") if isinstance(part, bytes) else part).splitlines(keepends=True)
        if size >= len(text) or len(lines) > n:
            return lines[:n]
        size *= 4


_ODD_RE = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u1680\u180e\u2000-\u2008\u200a-\u200f"
           "\u2028-\u202e\u205f-\u2064\u3000\ufeff]")
"""The characters that make text not plain (see :func:`_scan`)."""


def _plain_columns(cells: pl.DataFrame) -> set[str]:
    """The columns of ``cells`` holding none of the characters of :data:`_ODD_RE`."""
    odd = cells.select(pl.col(c).str.contains(_ODD_RE).any().alias(str(i))
                       for i, c in enumerate(cells.columns)).row(0)
    return {c for c, o in zip(cells.columns, odd, strict=True) if not o}


def _scan(body: bytes, single_byte: bool = False) -> tuple[bool, bool]:
    """(plain, lone CR) of a text body: UTF-8, or a single-byte encoding (cp1251) when told.

    Plain: no control character but tab and line ends, and no unusual whitespace (U+0085 and
    the other C1 controls, U+1680, U+180E, U+2000–U+200F but the thin space, U+2028–U+202E,
    U+205F–U+2064, U+3000, U+FEFF; cp1251 has none of them). The usual whitespace of exports
    (space, tab, NBSP, narrow NBSP, thin space) is plain. Engines disagree on what the unusual
    ones are (Python's ``str.strip``, Arrow's and Rust's trimming), so a file holding any is
    cleaned by the pandas parsers alone. Lone CR: a carriage return not followed by a line
    feed (old Mac line ends, which Polars does not take for line ends). A cp1251 file is
    scanned whole: its title lines count too, so that at worst the slower exact path is taken.
    """
    control = body.translate(None, _NOT_CONTROL)
    lone_cr = b"\r" in control and _LONE_CR.search(body) is not None
    plain = not control.translate(None, b"\t\r\n")
    if plain and not single_byte:
        b = np.frombuffer(body, dtype=np.uint8)
        n = len(b)
        hi = np.flatnonzero((b == 0xC2) | (b >= 0xE1))
        lead = b[hi]
        b1 = np.where(hi + 1 < n, b[np.minimum(hi + 1, n - 1)], 0)
        b2 = np.where(hi + 2 < n, b[np.minimum(hi + 2, n - 1)], 0)
        odd = (((lead == 0xC2) & (b1 >= 0x80) & (b1 <= 0x9F))
               | ((lead == 0xE2) & (b1 == 0x80) & (((b2 >= 0x80) & (b2 <= 0x8F) & (b2 != 0x89))
                                                   | ((b2 >= 0xA8) & (b2 <= 0xAE))))
               | ((lead == 0xE2) & (b1 == 0x81) & (b2 >= 0x9F) & (b2 <= 0xA4))
               | ((lead == 0xE1) & (b1 == 0x9A) & (b2 == 0x80))
               | ((lead == 0xE1) & (b1 == 0xA0) & (b2 == 0x8E))
               | ((lead == 0xE3) & (b1 == 0x80) & (b2 == 0x80))
               | ((lead == 0xEF) & (b1 == 0xBB) & (b2 == 0xBF)))
        plain = not odd.any()
    return plain, lone_cr


PIECE_BYTES = 4 << 20
"""A cp1251 body longer than twice this is decoded and read by pieces of about this size (4 MB:
reading a 100k-line export took 0.11 s with it, 0.18 s with 8 MB pieces, 0.13 s with 2 MB)."""


def _polars_body(body: bytes, sep: str, names: list[str]) -> pl.DataFrame:
    """Polars' cells of ``body`` (the header line, then lines), every column as text."""
    return pl.read_csv(body, separator=sep, has_header=False, quote_char='"',
                       schema={n: pl.String for n in names}, infer_schema=False,
                       truncate_ragged_lines=False, raise_if_empty=False)


def _read_pieces(raw: bytes, start: int, header_line: str, sep: str,
                 names: list[str]) -> pl.DataFrame | None:
    """The cells of a long cp1251 body without quotes, decoded and read by pieces side by side.

    Each piece (whole lines) is decoded and encoded as UTF-8 (Python, holding the GIL) while
    Polars reads the pieces before (without it). Each is read under the header line, so that
    Polars takes the file's width. None when the body is short, has quotes (a piece could end
    inside a quoted field) or the header line is not an ordinary line.
    """
    body_start = start + len(header_line)
    if (len(raw) - body_start < 2 * PIECE_BYTES or raw.find(b'"', start) >= 0 or '"' in header_line
            or not header_line.endswith("\n") or len(header_line.splitlines()) != 1):
        return None
    bounds, a = [], body_start
    while a < len(raw):
        b = raw.find(b"\n", a + PIECE_BYTES)
        b = len(raw) if b < 0 else b + 1
        bounds.append((a, b))
        a = b
    head = header_line.encode("utf-8")

    def read(ab: tuple[int, int]) -> pl.DataFrame:
        return _polars_body(head + raw[ab[0]:ab[1]].decode("cp1251").encode("utf-8"), sep,
                            names).slice(1)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return pl.concat(list(pool.map(read, bounds)), rechunk=False)


def _read_body_polars(text: str | None, raw: bytes, encoding: str, offset: int, sep: str,
                      header: list[str], header_line: str = "") -> tuple[pl.DataFrame, bool] | None:
    """The cells under the header line, read by Polars; None when pandas must read them.

    Polars reads like pandas (``skip_blank_lines=False``: a blank line is a row of empty cells,
    and so the row numbers are the line numbers) except for lines with more fields than the
    header (Polars refuses them; pandas reads every field and they are reported) and a lone
    carriage return as a line end (Polars knows only LF and CRLF): those files go to pandas.
    """
    if encoding == "cp1251":
        # one byte a character: the file's own bytes are scanned (title lines too), while Polars
        # reads (the scan holds the GIL only between the pieces' decoding, Polars not at all)
        with ThreadPoolExecutor(max_workers=1) as pool:
            scan = pool.submit(_scan, raw, True)
            cells = _read_polars(raw, b"", encoding, offset, sep, header, header_line)
            plain, lone_cr = scan.result()
        if lone_cr or cells is None:
            return None
        body = b""
    else:
        if encoding in ("utf-8", "utf-8-sig"):
            start = (3 if encoding == "utf-8-sig" else 0) + len(text[:offset].encode("utf-8"))
            body = raw[start:]
        else:
            body = text[offset:].encode("utf-8")
        plain, lone_cr = _scan(body)
        if lone_cr:
            return None
        cells = _read_polars(raw, body, encoding, offset, sep, header, header_line)
        if cells is None:
            return None
    # (a quote first: one byte is found ten times faster than two, and most exports have none)
    src, at = (body, 0) if body else (raw, offset)
    if src.find(b'"', at) >= 0 and src.find(b'""', at) >= 0:
        # a quoted empty field is empty, as pandas reads it
        cells = cells.with_columns(pl.all().replace("", None))
    return cells.rename(dict(zip(cells.columns, header, strict=True))), plain


def _read_polars(raw: bytes, body: bytes, encoding: str, offset: int, sep: str, header: list[str],
                 header_line: str) -> pl.DataFrame | None:
    """Polars' cells under the header line (columns ``c0``, ``c1`` …), or None where it cannot read them."""
    names = [f"c{i}" for i in range(len(header))]
    try:
        cells = (_read_pieces(raw, offset, header_line, sep, names) if encoding == "cp1251"
                 else None)
        if cells is None:
            if encoding == "cp1251":
                body = raw[offset:].decode("cp1251").encode("utf-8")
            cells = _polars_body(body, sep, names)
            if cells.height == 0:
                return None
            cells = cells.slice(1)  # the header line (so that Polars takes its width as the file's)
    except (pl.exceptions.ComputeError, pl.exceptions.SchemaError, pl.exceptions.NoDataError):
        return None
    return cells if cells.width == len(header) else None


def _read_body_pandas(body_text: str, sep: str, header: list[str],
                      h: int) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The cells under the header line read by pandas: (cells, headers, lines with extra fields)."""
    opts = dict(sep=sep, header=None, dtype=str, keep_default_na=False, na_values=[""],
                skip_blank_lines=False, quotechar='"', skiprows=1)
    extra: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            df = pd.read_csv(io.StringIO(body_text), names=list(range(len(header))), index_col=False,
                             **opts)
            ragged = any(issubclass(w.category, pd.errors.ParserWarning) for w in caught)
        except pd.errors.ParserError:
            ragged = True
    if ragged:
        # lines with more fields than the header: read every field, report the lines whose
        # extra fields hold something (a trailing separator alone is harmless)
        width = max(len(r) for r in csv.reader(io.StringIO(body_text), delimiter=sep))
        df = pd.read_csv(io.StringIO(body_text), names=list(range(width)), **opts)
        has_extra = df[list(range(len(header), width))].notna().any(axis=1).to_numpy()
        extra = [str(n) for n in (np.arange(len(df)) + h + 2)[has_extra]]
        header = header + [f"#{i + 1}" for i in range(len(header), width)]
    return df, header, extra


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

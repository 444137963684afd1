"""Reading company exports as they really are: 1C reports, Excel, CSV, Parquet.

This module turns one file into one canonical table (:func:`read_table`); :mod:`kbcore.ingest.dataset`
puts the tables together. What it copes with, without the user editing the file:

* file types: ``.csv`` ``.tsv`` ``.txt`` (also gzipped), ``.xlsx`` ``.xlsm`` ``.xls`` ``.xlsb``
  ``.ods`` (python-calamine; openpyxl for ``.xlsx`` when calamine is missing), ``.parquet``;
* text encodings UTF-8, UTF-8 with BOM, UTF-16 (Excel "Unicode text") and cp1251, detected;
  separators ``,`` ``;`` tab and ``|``, detected by which one splits the first lines into the most
  consistent number of fields;
* title lines above the header (1C report exports put the report's name and parameters there):
  the header is the row among the first :data:`HEADER_SCAN_ROWS` where the most cells are known
  headers (:data:`DEFAULT_MAPPING_FILE` plus the user's mapping);
* numbers with a decimal comma, thousands separated by spaces, NBSP (U+00A0), narrow NBSP
  (U+202F), apostrophes, dots or commas, a trailing currency or unit ("руб.", "₽", "дн."),
  the Unicode minus and accounting parentheses. Everything is read as text and converted here,
  explicitly (pandas' own ``thousands=`` silently ignores NBSP), so that every value that does
  not convert is reported with its row number as the user sees it in the file;
* dates dd.mm.yyyy (day first; never swapped), dd.mm.yy, ISO yyyy-mm-dd, with a time after them,
  yyyymmdd, month names ("март 2024", "5 марта 2024 г."), Excel date cells and Excel serial
  numbers; 1C's empty date 01.01.0001 counts as empty;
* a totals row ("Итого", "Всего", "Total", "ИТОГО:", "Итого по …") and empty rows: dropped and
  reported.

Nothing here ever writes a file: inputs are read-only.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import numbers
import re
import warnings
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from kbcore.errors import KBDataError
from kbcore.i18n import t
from kbcore.ingest.quality import QualityReport
from kbcore.schema import TABLES, C

__all__ = [
    "DEFAULT_MAPPING_FILE",
    "HEADER_SCAN_ROWS",
    "MAX_BAD_SHARE",
    "Mapping",
    "RawTable",
    "file_kind",
    "find_table_files",
    "normalise_header",
    "table_headers",
    "read_raw",
    "read_table",
    "parse_numbers",
    "parse_dates",
    "parse_bools",
    "parse_ids",
    "parse_text",
    "canonical_dtypes",
]

DEFAULT_MAPPING_FILE = Path(__file__).resolve().parent / "mappings" / "default.yaml"
"""The built-in headers (English and Russian 1C) and file names."""

HEADER_SCAN_ROWS = 30
"""How many rows from the top are searched for the header row."""

MAX_BAD_SHARE = 0.05
"""Above this share of unconvertible values a required or amount column is an error, not a warning."""

_EXT_KINDS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".csv.gz": "csv", ".tsv.gz": "csv", ".txt.gz": "csv",
    ".xlsx": "excel", ".xlsm": "excel", ".xls": "excel", ".xlsb": "excel", ".ods": "excel",
    ".parquet": "parquet", ".pq": "parquet",
}
_MAPPING_KEYS = ("files", "sheet", "columns", "dayfirst")
_IDENTIFIED = ("sales", "clients")
"""Tables whose client is identified by its code, else its tax ID, else its name."""
# Regular expressions below avoid \s, \d, \b and \u escapes so that pandas runs them in pyarrow (RE2)
# instead of falling back to Python's re row by row (10x slower on 150k lines).
_WS = " \t\r\n\x0b\x0c\xa0\u202f\u2009"  # real characters, not escapes, in the patterns
_TOTALS_RE = (f"(?i)^[{_WS}]*(итого|итоги|итог|всего|total|totals|grand total|subtotal)"
              f"([{_WS}]*[:.]|[{_WS}]+(по|за|for)([{_WS}]|$)|[{_WS}]*$)")


# ---------------------------------------------------------------------------------------------
# headers and the built-in mapping
# ---------------------------------------------------------------------------------------------

_UNIT_WORDS = {"руб", "rub", "rur", "р", "шт", "eur", "usd", "в", "рублях", "рубли", "руб коп"}


def normalise_header(text: Any) -> str:
    """A header reduced for comparison: lower case, ё → е, punctuation → space, spaces collapsed.

    >>> normalise_header("  Кол-во,  шт. ")
    'кол во шт'
    """
    s = str(text).replace("\xa0", " ").replace("\u202f", " ").lower().replace("ё", "е")
    s = re.sub(r"[^\w№%]+", " ", s).replace("_", " ")
    return " ".join(s.split())


def _strip_units(norm: str) -> str:
    """A normalised header without a trailing unit ("сумма руб" → "сумма")."""
    words = norm.split()
    while len(words) > 1 and words[-1] in _UNIT_WORDS:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def _default_mapping() -> dict:
    return yaml.safe_load(DEFAULT_MAPPING_FILE.read_text(encoding="utf-8"))


def _client_attributes() -> dict[str, str]:
    """Client columns that a sales file may carry (segment, city …) and the sales table lacks."""
    sales_cols = TABLES["sales"].columns
    return {c: k for c, k in TABLES["clients"].optional.items() if c not in sales_cols}


@cache
def table_headers(table: str) -> dict[str, tuple[str, ...]]:
    """The built-in headers of each column of ``table``, normalised, most preferred first.

    For ``sales`` the client columns a sales export may carry (segment, industry, city …) are
    included: they describe the clients derived from the sales lines.
    """
    data = _default_mapping()
    common = data.get("common", {})
    own = data.get("tables", {}).get(table, {})
    columns = dict(TABLES[table].columns)
    if table == "sales":
        columns.update(_client_attributes())
    out = {}
    for col in columns:
        raw = own.get(col, common.get(col, []))
        seen: list[str] = []
        for h in [col, *raw]:
            n = normalise_header(h)
            if n and n not in seen:
                seen.append(n)
        out[col] = tuple(seen)
    return out


def _column_kinds(table: str) -> dict[str, str]:
    kinds = dict(TABLES[table].columns)
    if table == "sales":
        kinds.update(_client_attributes())
    return kinds


# ---------------------------------------------------------------------------------------------
# the user's mapping file
# ---------------------------------------------------------------------------------------------

@dataclass
class Mapping:
    """A company's column mapping (YAML), validated.

    Format (every key optional)::

        files:            # folder input: table -> file name (or a list of files, concatenated)
          sales: "Продажи 2023-2025.xlsx"
        sheet: "Лист1"    # xlsx sheet (default: the first); or {table: sheet}
        columns:          # table -> {their header: canonical column, or null to ignore it}
          sales:
            "Дата реализации": date
            "Покупатель": name
            "ИНН покупателя": tax_id
        dayfirst: true    # 05.03.2024 is 5 March (the default)
    """

    files: dict[str, list[str]] = field(default_factory=dict)
    sheet: dict[str, str | int] = field(default_factory=dict)
    default_sheet: str | int | None = None
    columns: dict[str, dict[str, str | None]] = field(default_factory=dict)
    dayfirst: bool | None = None
    path: str | None = None

    @classmethod
    def load(cls, mapping: Mapping | dict | str | Path | None) -> Mapping:
        """A :class:`Mapping` from a YAML file path, a dict with the same keys, or None (empty)."""
        if mapping is None:
            return cls()
        if isinstance(mapping, Mapping):
            return mapping
        path = None
        if isinstance(mapping, str | Path):
            path = Path(mapping)
            if not path.is_file():
                raise KBDataError("load.not_found", file=path)
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as err:
                raise KBDataError("load.mapping_unreadable", file=path, reason=str(err)) from None
        else:
            data = mapping
        return cls.from_dict(data, path=None if path is None else str(path))

    @classmethod
    def from_dict(cls, data: Any, path: str | None = None) -> Mapping:
        """Validate a mapping given as a dict (see the class docstring for the format)."""
        where = path or "mapping"
        if not isinstance(data, dict):
            raise KBDataError("load.mapping_unreadable", file=where, reason="not a YAML mapping")
        unknown = [k for k in data if k not in _MAPPING_KEYS]
        if unknown:
            raise KBDataError("load.mapping_unknown_key", file=where, keys=", ".join(map(str, unknown)),
                              valid=", ".join(_MAPPING_KEYS))
        out = cls(path=path)
        for table, files in (data.get("files") or {}).items():
            cls._check_table(table, where)
            out.files[table] = [str(f) for f in (files if isinstance(files, list) else [files])]
        sheet = data.get("sheet")
        if isinstance(sheet, dict):
            for table, name in sheet.items():
                cls._check_table(table, where)
                out.sheet[table] = name
        elif sheet is not None:
            out.default_sheet = sheet
        columns = data.get("columns") or {}
        if not isinstance(columns, dict):
            raise KBDataError("load.mapping_unreadable", file=where, reason="'columns' must be a mapping")
        if columns and all(not isinstance(v, dict) for v in columns.values()):
            columns = {"sales": columns}  # a flat mapping is the sales table's
        for table, cols in columns.items():
            cls._check_table(table, where)
            kinds = _column_kinds(table)
            checked: dict[str, str | None] = {}
            for header, canonical in (cols or {}).items():
                if canonical is not None and canonical not in kinds:
                    raise KBDataError("load.mapping_unknown_column", file=where, column=str(header),
                                      canonical=str(canonical), table=table,
                                      valid=", ".join(kinds))
                checked[str(header)] = canonical
            out.columns[table] = checked
        if "dayfirst" in data and data["dayfirst"] is not None:
            if not isinstance(data["dayfirst"], bool):
                raise KBDataError("load.mapping_unreadable", file=where,
                                  reason="'dayfirst' must be true or false")
            out.dayfirst = data["dayfirst"]
        return out

    @staticmethod
    def _check_table(table: Any, where: str) -> None:
        if table not in TABLES:
            raise KBDataError("load.mapping_unknown_table", file=where, table=str(table),
                              valid=", ".join(TABLES))

    def sheet_for(self, table: str) -> str | int | None:
        """The sheet to read for ``table`` (None = the first)."""
        return self.sheet.get(table, self.default_sheet)

    def headers(self, table: str) -> dict[str, str | None]:
        """The user's headers of ``table``: ``{normalised header: canonical or None}``."""
        return {normalise_header(h): c for h, c in self.columns.get(table, {}).items()}


# ---------------------------------------------------------------------------------------------
# finding files
# ---------------------------------------------------------------------------------------------

def _suffix(path: Path) -> str:
    name = path.name.lower()
    for ext in sorted(_EXT_KINDS, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return path.suffix.lower()


def file_kind(path: str | Path) -> str:
    """``"csv"``, ``"excel"`` or ``"parquet"``; :class:`KBDataError` for any other file type."""
    path = Path(path)
    ext = _suffix(path)
    if ext not in _EXT_KINDS:
        raise KBDataError("load.unknown_type", file=path, ext=ext or "?",
                          valid=" ".join(sorted(_EXT_KINDS)))
    return _EXT_KINDS[ext]


def _stem(path: Path) -> str:
    return normalise_header(path.name[: len(path.name) - len(_suffix(path))])


def _table_of(stem: str) -> str | None:
    names = _default_mapping().get("files", {})
    for table in TABLES:  # exact names first, then a name followed by more words ("продажи 2024")
        if stem == table or stem in (normalise_header(a) for a in names.get(table, [])):
            return table
    for table in TABLES:
        for alias in [table, *names.get(table, [])]:
            a = normalise_header(alias)
            if stem.startswith(a + " "):
                return table
    return None


def find_table_files(folder: str | Path, mapping: Mapping | None = None
                     ) -> tuple[dict[str, list[Path]], list[str]]:
    """Which file of ``folder`` holds which table.

    A file is recognised by its name without extension: the canonical table name (``sales``,
    ``clients`` …) or a common Russian/English name (``Продажи``, ``Контрагенты``,
    ``Номенклатура`` …), alone or followed by more words (``Продажи 2024.xlsx``). Several files
    of one table (yearly exports) are concatenated; the same name with two extensions
    (``sales.csv`` and ``sales.xlsx``) is ambiguous and an error. The mapping's ``files`` entries
    name files explicitly and take precedence.

    Returns
    -------
    (dict, list)
        ``{table: [files]}`` and the names of the files that were not recognised.
    """
    folder = Path(folder)
    mapping = mapping or Mapping()
    found: dict[str, list[Path]] = {}
    named: set[Path] = set()
    for table, names in mapping.files.items():
        paths = []
        for name in names:
            p = Path(name) if Path(name).is_absolute() else folder / name
            if not p.is_file():
                present = sorted(f.name for f in folder.iterdir() if f.is_file())
                raise KBDataError("load.mapping_file_missing", file=p, table=table,
                                  examples=present[:5])
            paths.append(p)
            named.add(p.resolve())
        found[table] = paths
    ignored = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith((".", "~$")) or path.resolve() in named:
            continue
        if _suffix(path) not in _EXT_KINDS:
            if path.suffix.lower() not in {".json", ".yaml", ".yml", ".md"}:
                ignored.append(path.name)
            continue
        table = _table_of(_stem(path))
        if table is None or table in mapping.files:
            ignored.append(path.name)
            continue
        found.setdefault(table, []).append(path)
    for table, paths in found.items():
        stems = [_stem(p) for p in paths]
        dupes = sorted({p.name for p, s in zip(paths, stems, strict=True) if stems.count(s) > 1})
        if dupes:
            raise KBDataError("load.ambiguous_files", file=folder, table=table, examples=dupes)
    return found, ignored


# ---------------------------------------------------------------------------------------------
# raw reading: text, header row, row numbers
# ---------------------------------------------------------------------------------------------

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
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return str(best), best.encoding
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
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
        if n in known or _strip_units(n) in known:
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
    sep = "\t" if _suffix(path).startswith(".tsv") else _detect_sep(head_lines)
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
    try:
        import python_calamine  # noqa: F401

        return "calamine"
    except ImportError:
        if _suffix(path) in (".xlsx", ".xlsm"):
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


def read_raw(path: str | Path, *, table: str = "sales", mapping: Mapping | None = None) -> RawTable:
    """Read one file's cells under its header row (no conversion).

    Parameters
    ----------
    path : path of a CSV/TSV/TXT (optionally .gz), Excel or Parquet file.
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
        return _read_parquet(path)
    except KBDataError:
        raise
    except (OSError, ValueError, UnicodeError, csv.Error, EOFError) as err:
        raise KBDataError("load.unreadable", file=path, reason=f"{type(err).__name__}: {err}") from None


# ---------------------------------------------------------------------------------------------
# conversion of values (vectorised; every function returns the values and a mask of failures)
# ---------------------------------------------------------------------------------------------

def _cell_kind(value: Any) -> str:
    """"s" text, "n" number, "d" date/time, "" empty or anything else (for Excel's mixed cells)."""
    if isinstance(value, str):
        return "s"
    if isinstance(value, bool | np.bool_):
        return ""
    if isinstance(value, numbers.Number):
        return "" if value != value else "n"  # NaN is empty
    if isinstance(value, dt.date) and not pd.isna(value):
        return "d"
    return ""


def _cell_kinds(s: pd.Series) -> pd.Series:
    """The kind of each cell of an object column (see :func:`_cell_kind`)."""
    return s.map(_cell_kind).astype(object)


def _as_text(s: pd.Series) -> pd.Series:
    """Cells as stripped text with whitespace (incl. NBSP) collapsed; empty → NA."""
    if pd.api.types.is_float_dtype(s) and bool((s.dropna() == np.round(s.dropna())).all()):
        s = s.astype("Int64")  # codes stored as floats (7.0) read as "7"
    if s.dtype == object:
        is_num = _cell_kinds(s) == "n"
        if is_num.any():
            s = s.copy()
            nums = pd.to_numeric(s[is_num], errors="coerce")
            whole = nums == np.round(nums)
            s.loc[is_num] = np.where(whole, nums.round().astype("Int64").astype(str), nums.astype(str))
    out = s.astype("string").str.replace(f"[{_WS}]+", " ", regex=True).str.strip()
    return out.mask(out == "")


def parse_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text cells: stripped, inner whitespace collapsed, empty → NA. Never fails."""
    out = _as_text(s)
    return out, pd.Series(False, index=s.index)


def parse_ids(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Identifiers as text; numbers from Excel lose their ``.0``; leading zeros of text are kept."""
    return parse_text(s)


_UNITS_RE = f"(?i)[{_WS}]*(руб\\.?|р\\.|₽|rub|rur|eur|usd|\\$|€|шт\\.?|дн\\.?|дней|дня|день|days?|%)[{_WS}]*$"


def _decimal_rule(x: pd.Series) -> tuple[str | None, str]:
    """(thousands separator, decimal mark) of a column of cleaned numeric strings."""
    has_c, has_d = x.str.contains(",", regex=False), x.str.contains(".", regex=False)
    both = has_c & has_d
    if both.any():
        both_vals = x[both]
        dot_last = both_vals.str.rfind(".") > both_vals.str.rfind(",")
        return (",", ".") if dot_last.sum() >= (~dot_last).sum() else (".", ",")
    commas, dots = x[has_c], x[has_d]
    multi_c = commas.str.count(",").gt(1).any()
    multi_d = dots.str.count(r"\.").gt(1).any()
    c_group = len(commas) > 0 and commas.str.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+").all()
    d_group = len(dots) > 0 and dots.str.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+").all()
    if c_group and (multi_c or len(dots) > 0):
        return ",", "."
    if d_group and (multi_d or len(commas) > 0):
        return ".", ","
    return None, ","  # a lone comma is a decimal comma (and a lone dot a decimal point)


def parse_numbers(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from text as Russian and English exports write them, as float64.

    Removes spaces, NBSP (U+00A0), narrow NBSP (U+202F), thin spaces and apostrophes used as
    thousands separators and a trailing currency/unit ("руб.", "₽", "шт", "дн."); reads
    "(123,45)" and "−123" (Unicode minus) as negative. The decimal mark is decided per column:
    when some values carry both marks, the last one is the decimal mark; otherwise a comma is a
    decimal comma unless every comma value looks like thousands grouping ("1,234,567").

    Returns
    -------
    (Series, Series)
        float64 values (NaN where empty or not a number) and a boolean mask of the non-empty
        cells that did not convert.
    """
    if pd.api.types.is_bool_dtype(s):
        return s.astype("float64"), pd.Series(False, index=s.index)
    if pd.api.types.is_numeric_dtype(s):
        return s.astype("float64"), pd.Series(False, index=s.index)
    out = pd.Series(np.nan, index=s.index, dtype="float64")
    text = s
    if s.dtype == object:
        kinds = _cell_kinds(s)
        is_num = kinds == "n"
        out[is_num] = pd.to_numeric(s[is_num], errors="coerce").astype("float64")
        text = s.where(kinds == "s")
    x = text.astype("string")
    present = x.notna() & (x.str.strip() != "")
    x = x[present]
    if len(x):
        x = x.str.replace("\u2212", "-", regex=False).str.replace("\u2013", "-", regex=False)
        x = x.str.replace(_UNITS_RE, "", regex=True)
        x = x.str.replace(f"[{_WS}'’`]", "", regex=True)
        x = x.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
        thousands, decimal = _decimal_rule(x)
        if thousands:
            x = x.str.replace(thousands, "", regex=False)
        x = x.str.replace(",", ".", regex=False)
        x = x.where(x.str.fullmatch(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?"))
        out[x.index] = pd.to_numeric(x, errors="coerce").astype("float64")
    blank = s.astype("string").str.strip().eq("").fillna(False).astype(bool)
    return out, s.notna() & out.isna() & ~blank


_MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}


def _ymd(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": pd.to_numeric(year, errors="coerce"),
                          "month": pd.to_numeric(month, errors="coerce"),
                          "day": pd.to_numeric(day, errors="coerce")})
    ok = frame.notna().all(axis=1) & frame["year"].between(1678, 2261)
    out = pd.Series(pd.NaT, index=year.index, dtype="datetime64[ns]")
    if ok.any():
        out[ok] = pd.to_datetime(frame[ok].astype("int64"), errors="coerce").astype("datetime64[ns]")
    return out


def _dates_from_text(x: pd.Series, dayfirst: bool) -> tuple[pd.Series, pd.Series]:
    """Dates of non-empty text cells; also a mask of 1C's empty date (01.01.0001)."""
    x = x.str.strip()
    out = pd.Series(pd.NaT, index=x.index, dtype="datetime64[ns]")
    empty = x.str.match(r"^0?1\.0?1\.0{0,3}1( |$)")
    # dd.mm.yyyy, dd/mm/yy, yyyy-mm-dd, with anything (a time) after a space or "T"
    m = x.str.extract(r"^([0-9]{1,4})[./\-]([0-9]{1,2})[./\-]([0-9]{1,4})(?:[ T].*)?$")
    iso = m[0].str.len() == 4
    dmy = m[0].notna() & ~iso & m[2].str.len().isin([2, 4])
    if iso.any():
        out[iso] = _ymd(m.loc[iso, 0], m.loc[iso, 1], m.loc[iso, 2])
    if dmy.any():
        first, second, yy = m.loc[dmy, 0], m.loc[dmy, 1], m.loc[dmy, 2]
        year = pd.to_numeric(yy, errors="coerce")
        year = year.where(yy.str.len() == 4, year + np.where(year < 70, 2000, 1900))
        day, month = (first, second) if dayfirst else (second, first)
        out[dmy] = _ymd(year, month, day)
    rest = out.isna() & ~empty
    # yyyymmdd
    m8 = x[rest].str.extract(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
    ok8 = m8[0].notna()
    if ok8.any():
        out[ok8[ok8].index] = _ymd(m8.loc[ok8, 0], m8.loc[ok8, 1], m8.loc[ok8, 2])
    rest = out.isna() & ~empty
    # an Excel serial number written as text ("45356" or "45356.0")
    num = pd.to_numeric(x[rest].where(x[rest].str.fullmatch(r"[0-9]{5}(\.[0-9]+)?")), errors="coerce")
    serial = num.between(20000, 80000)
    if serial.any():
        out[serial[serial].index] = _serial(num[serial])
    rest = out.isna() & ~empty
    # month names: "март 2024", "Март 2024 г.", "5 марта 2024 г.", "05 Mar 2024", "March 2024"
    mm = x[rest].str.lower().str.extract(r"^(?:([0-9]{1,2}) +)?([a-zа-яё]{3,})\.?,? +([0-9]{4})")
    if mm[1].notna().any():
        month = mm[1].str[:3].map(_MONTHS)
        okm = month.notna() & mm[2].notna()
        if okm.any():
            out[okm[okm].index] = _ymd(mm.loc[okm, 2], month[okm], mm.loc[okm, 0].fillna("1"))
    return out, empty


def _serial(num: pd.Series) -> pd.Series:
    """Excel serial day numbers (1900 system) as dates."""
    days = np.floor(num.astype("float64"))
    return (pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")).astype("datetime64[ns]")


def parse_dates(s: pd.Series, *, dayfirst: bool = True) -> tuple[pd.Series, pd.Series]:
    """Dates from text, Excel cells or Excel serial numbers, as ``datetime64[ns]`` at midnight.

    Text: ``dd.mm.yyyy`` / ``dd/mm/yyyy`` / ``dd-mm-yyyy`` and two-digit years (< 70 → 20yy) —
    day first unless ``dayfirst=False`` (then month first), never guessed per value, so
    05.03.2024 is always 5 March; ISO ``yyyy-mm-dd`` (always year-month-day); a time after the
    date is ignored ("05.03.2024 0:00:00"); ``yyyymmdd``; month names in Russian or English
    ("март 2024" → 1 March 2024). Numbers 20000–80000 are Excel serial days. 1C's empty date
    01.01.0001 is empty, not an error.

    Returns
    -------
    (Series, Series)
        dates (NaT where empty or unreadable) and a mask of non-empty cells that did not convert.
    """
    if pd.api.types.is_datetime64_any_dtype(s):
        d = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        return d.dt.normalize().astype("datetime64[ns]"), pd.Series(False, index=s.index)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    empty_1c = pd.Series(False, index=s.index)
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        num = s.astype("float64")
        ok = num.between(20000, 80000)
        out[ok] = _serial(num[ok])
    else:
        text = s
        if s.dtype == object:
            kinds = _cell_kinds(s)
            is_dt = kinds == "d"
            if is_dt.any():
                out[is_dt] = pd.to_datetime(s[is_dt].astype(object), errors="coerce").astype(
                    "datetime64[ns]")
            is_num = kinds == "n"
            if is_num.any():
                num = pd.to_numeric(s[is_num], errors="coerce")
                ok = num.between(20000, 80000)
                out[ok[ok].index] = _serial(num[ok])
            text = s.where(kinds == "s")
        x = text.astype("string")
        present = x.notna() & (x.str.strip() != "")
        if present.any():
            parsed, empty = _dates_from_text(x[present], dayfirst)
            out[present] = parsed
            empty_1c[present] = empty
    out = out.dt.normalize()
    blank = s.astype("string").str.strip().eq("").fillna(False).astype(bool)
    bad = s.notna() & out.isna() & ~blank & ~empty_1c
    return out.astype("datetime64[ns]"), bad


_TRUE = {"1", "1.0", "true", "yes", "y", "да", "д", "истина", "x", "х", "+", "v", "✓", "ключевой"}
_FALSE = {"0", "0.0", "false", "no", "n", "нет", "н", "ложь", "-", "—"}


def parse_bools(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Yes/no cells ("да"/"нет", "yes"/"no", 1/0, true/false, "x") as pandas ``boolean``."""
    if pd.api.types.is_bool_dtype(s):
        return s.astype("boolean"), pd.Series(False, index=s.index)
    x = _as_text(s).str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[x.isin(_TRUE).fillna(False).astype(bool)] = True
    out[x.isin(_FALSE).fillna(False).astype(bool)] = False
    bad = x.notna() & out.isna()
    return out, bad.astype(bool)


def _via_uniques(func, s: pd.Series, **kwargs) -> tuple[pd.Series, pd.Series]:
    """``func(s)`` computed once per distinct value (dates, codes and names repeat a lot)."""
    if len(s) < 2000 or not (s.dtype == object or pd.api.types.is_string_dtype(s)):
        return func(s, **kwargs)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if len(uniques) > len(s) // 2:
        return func(s, **kwargs)
    distinct = pd.Series([*uniques, None], dtype=s.dtype)
    values, bad = func(distinct, **kwargs)
    take = np.where(codes < 0, len(uniques), codes)
    out = values.iloc[take].set_axis(s.index)
    return out, bad.iloc[take].set_axis(s.index).astype(bool)


_PARSERS = {"id": parse_ids, "text": parse_text, "number": parse_numbers, "int": parse_numbers,
            "bool": parse_bools}


def canonical_dtypes(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``df`` with the canonical dtype of each known column of ``table``, in the schema's order.

    Known columns come first in the order of :data:`kbcore.schema.TABLES` (required, then
    optional); other columns follow unchanged.

    id and text → ``string``; date → ``datetime64[ns]``; number → ``float64``; int → ``Int64``;
    bool → ``boolean``.
    """
    kinds = _column_kinds(table)
    target = {"id": "string", "text": "string", "date": "datetime64[ns]", "number": "float64",
              "int": "Int64", "bool": "boolean"}
    order = [c for c in kinds if c in df.columns] + [c for c in df.columns if c not in kinds]
    return df[order].astype({c: target[kinds[c]] for c in order if c in kinds})


# ---------------------------------------------------------------------------------------------
# one file -> one canonical table
# ---------------------------------------------------------------------------------------------

def _name(path: str) -> str:
    return Path(path).name


def _ex(raw: RawTable, mask: pd.Series, values: pd.Series, limit: int = 5) -> list[str]:
    idx = np.flatnonzero(mask.to_numpy(dtype=bool))[:limit]
    return [f"{raw.rows[i]}: '{values.iloc[i]}'" for i in idx]


def _match_columns(raw: RawTable, table: str, mapping: Mapping) -> tuple[dict[str, str], list[str]]:
    """``{canonical: file header}`` and the alternatives not used (as "header (→ column)")."""
    file_cols = list(raw.data.columns)
    norm: dict[str, list[str]] = {}
    for col in file_cols:
        n = normalise_header(col)
        for key in dict.fromkeys([n, _strip_units(n)]):
            norm.setdefault(key, []).append(col)
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for header, canonical in mapping.columns.get(table, {}).items():
        cols = norm.get(normalise_header(header), [])
        if not cols:
            raise KBDataError("load.mapping_header_missing", file=raw.file, column=header,
                              table=table, examples=[c for c in file_cols if not c.startswith("#")][:5],
                              found=", ".join(c for c in file_cols if not c.startswith("#")))
        used.add(cols[0])
        if canonical is not None:
            chosen[canonical] = cols[0]
    unused_alt: list[str] = []
    for canonical, headers in table_headers(table).items():
        candidates = [c for h in headers for c in norm.get(h, []) if c not in used]
        candidates = list(dict.fromkeys(candidates))
        if canonical in chosen or not candidates:
            continue
        chosen[canonical] = candidates[0]
        used.add(candidates[0])
        unused_alt += [f"{c} (→ {canonical})" for c in candidates[1:]]
    return chosen, unused_alt


def _missing_required(raw: RawTable, table: str, chosen: dict[str, str]) -> None:
    required = list(TABLES[table].required)
    if table in _IDENTIFIED and C.client_id not in chosen and (C.tax_id in chosen or C.name in chosen):
        required.remove(C.client_id)  # a tax ID or a client name column identifies the client
    missing = [c for c in required if c not in chosen]
    if missing:
        col = missing[0]
        found = [c for c in raw.data.columns if not c.startswith("#")]
        expected = [h for h in table_headers(table)[col][:8]]
        raise KBDataError("load.missing_column", file=raw.file, column=col, table=table,
                          missing=", ".join(missing), found=", ".join(found),
                          expected=", ".join(expected))


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
    raw = read_raw(path, table=table, mapping=mapping)
    fname = _name(raw.file)
    stats = report.stats(table)
    stats.files.append(fname)
    stats.rows_read += len(raw.data)
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

    chosen, unused_alt = _match_columns(raw, table, mapping)
    _missing_required(raw, table, chosen)
    report.add("info", table, "quality.columns_used", len(chosen), file=fname,
               columns=[f"{h} → {c}" for c, h in chosen.items()])
    ignored = [c for c in raw.data.columns if c not in chosen.values() and not c.startswith("#")]
    if ignored or unused_alt:
        report.add("info", table, "quality.columns_ignored", len(ignored), file=fname,
                   columns=ignored, alternatives=unused_alt or "—")
    vat = {normalise_header(h) for h in _default_mapping().get("vat_included", [])}
    if C.revenue in chosen and normalise_header(chosen[C.revenue]) in vat:
        report.add("warning", table, "quality.revenue_vat", file=fname, column=chosen[C.revenue])

    data = raw.data
    rows = raw.rows
    keep = pd.Series(True, index=data.index)

    # totals rows: a text cell that says "Итого" / "Всего" / "Total" … (amount columns not searched)
    totals = pd.Series(False, index=data.index)
    label = pd.Series(pd.NA, index=data.index, dtype="string")
    amounts = {h for c, h in chosen.items() if _column_kinds(table)[c] in ("number", "int")}
    for col in data.columns:
        s = data[col]
        if col in amounts or not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        txt = (s.where(_cell_kinds(s) == "s") if s.dtype == object else s).astype("string")
        hit = _via_uniques(_totals_in, txt)[1]
        if hit.any():
            totals |= hit
            label = label.fillna(txt.where(hit))
    # empty rows: every used cell empty
    filled = pd.Series(False, index=data.index)
    for col in dict.fromkeys(chosen.values()):
        s = data[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            filled |= (s.notna() & (s.astype("string").str.strip() != "")).fillna(False).astype(bool)
        else:
            filled |= s.notna()
    empty = ~filled & ~totals
    if totals.any():
        report.add("info", table, "quality.totals_dropped", int(totals.sum()), file=fname,
                   examples=_ex(raw, totals, label))
    if empty.any():
        report.add("info", table, "quality.empty_dropped", int(empty.sum()), file=fname)
    keep &= ~totals & ~empty

    kinds = _column_kinds(table)
    required = set(TABLES[table].required)
    if table in _IDENTIFIED and C.client_id not in chosen:
        required.discard(C.client_id)
    out: dict[str, pd.Series] = {}
    sub = data.loc[keep]
    sub_rows = rows[keep.to_numpy()]
    sub_raw = RawTable(sub.reset_index(drop=True), sub_rows, raw.file)
    drop = pd.Series(False, index=sub_raw.data.index)
    for canonical, header in chosen.items():
        kind = kinds[canonical]
        src = sub_raw.data[header]
        if kind == "date":
            values, bad = _via_uniques(parse_dates, src, dayfirst=dayfirst)
        else:
            values, bad = _via_uniques(_PARSERS[kind], src)
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
                raise KBDataError(key, file=raw.file, column=header, examples=examples,
                                  count=nbad, total=nonempty, canonical=canonical,
                                  kind_en=t(what[1:], "en"), kind_ru=t(what[1:], "ru"),
                                  share=f"{share:.0%}")
            if canonical in required:
                drop |= bad
                code = "quality.bad_dropped"
            else:
                code = "quality.bad_blanked"
            report.add("warning", table, code, nbad, file=fname, column=header, examples=examples,
                       kind=what, canonical=canonical)
        out[canonical] = values
    frame = pd.DataFrame(out, index=sub_raw.data.index)
    if C.tax_id in frame.columns:
        frame[C.tax_id] = _pad_tax_ids(frame[C.tax_id], report, table, fname, chosen[C.tax_id])

    # rows whose required value is empty (a sales line's client: its code, else tax ID, else name)
    checks = [(c, [c]) for c in TABLES[table].required if c in frame.columns]
    if table in _IDENTIFIED:
        ident = [c for c in (C.client_id, C.tax_id, C.name) if c in frame.columns]
        checks = [(c, cols) for c, cols in checks if c != C.client_id] + [(C.client_id, ident)]
    for canonical, cols in checks:
        missing = frame[cols].isna().all(axis=1) & ~drop
        if missing.any():
            report.add("warning" if missing.mean() > 0.01 else "info", table,
                       "quality.missing_dropped", int(missing.sum()), file=fname,
                       column=" / ".join(chosen[c] for c in cols), canonical=canonical,
                       examples=[f"{r}: ''" for r in sub_rows[missing.to_numpy()][:5]])
            drop |= missing
    frame = frame.loc[~drop].reset_index(drop=True)
    if frame.empty:
        raise KBDataError("load.no_rows", file=raw.file, table=table, read=len(raw.data))
    if C.discount not in frame.columns and C.list_revenue in frame.columns and C.revenue in frame.columns:
        frame[C.discount] = frame[C.list_revenue] - frame[C.revenue]
        report.add("info", table, "quality.discount_derived", file=fname)
    return canonical_dtypes(frame, table)


def _totals_in(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(s, mask of totals labels) — shaped like a parser for :func:`_via_uniques`."""
    return s, s.str.match(_TOTALS_RE).fillna(False).astype(bool)


def _pad_tax_ids(s: pd.Series, report: QualityReport, table: str, fname: str, header: str) -> pd.Series:
    """Restore the leading zero of tax IDs (ИНН) that a spreadsheet stored as numbers.

    A Russian ИНН has 10 (organisation) or 12 (person) digits; 9 or 11 digits can only be one
    whose leading zero was lost.
    """
    short = s.str.fullmatch(r"[0-9]{9}|[0-9]{11}").fillna(False).astype(bool)
    if short.any():
        report.add("info", table, "quality.tax_id_padded", int(short.sum()), file=fname, column=header,
                   examples=s[short].drop_duplicates().head(5).tolist())
        s = s.mask(short, "0" + s)
    return s

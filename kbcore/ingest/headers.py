"""Which column of a company's file is which canonical column: headers and the user's mapping.

One job: header mapping. The built-in headers of every canonical column (English and Russian
1C, :data:`DEFAULT_MAPPING_FILE`) compared as :func:`normalise_header` reduces them (a trailing
unit such as "руб" ignored); the company's own mapping file (:class:`Mapping`); and the match
of a file's headers to canonical columns (:func:`match_columns`, the user's mapping first,
then the built-in headers, most preferred first) with the check that every required column
was found (:func:`check_required`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from kbcore.errors import KBDataError
from kbcore.schema import TABLES, C
from kbcore.yamlfile import load_yaml

__all__ = [
    "DEFAULT_MAPPING_FILE",
    "Mapping",
    "check_required",
    "column_kinds",
    "match_columns",
    "normalise_header",
    "table_headers",
]

DEFAULT_MAPPING_FILE = Path(__file__).resolve().parent / "mappings" / "default.yaml"
"""The built-in headers (English and Russian 1C) and file names."""

IDENTIFIED = ("sales", "clients")
"""Tables whose client is identified by its code, else its tax ID, else its name."""

_MAPPING_KEYS = ("files", "sheet", "columns", "dayfirst")

_UNIT_WORDS = {"руб", "rub", "rur", "р", "шт", "eur", "usd", "в", "рублях", "рубли", "руб коп"}


def normalise_header(text: Any) -> str:
    """A header reduced for comparison: lower case, ё → е, punctuation → space, spaces collapsed.

    >>> normalise_header("  Кол-во,  шт. ")
    'кол во шт'
    """
    s = str(text).replace("\xa0", " ").replace("\u202f", " ").lower().replace("ё", "е")
    s = re.sub(r"[^\w№%]+", " ", s).replace("_", " ")
    return " ".join(s.split())


def strip_units(norm: str) -> str:
    """A normalised header without a trailing unit ("сумма руб" → "сумма")."""
    words = norm.split()
    while len(words) > 1 and words[-1] in _UNIT_WORDS:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def default_mapping() -> dict:
    """The built-in mapping file (:data:`DEFAULT_MAPPING_FILE`), read once."""
    return load_yaml(DEFAULT_MAPPING_FILE.read_text(encoding="utf-8"))


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
    data = default_mapping()
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


def column_kinds(table: str) -> dict[str, str]:
    """The kind (id, text, date, number, int, bool) of each column of ``table``.

    For ``sales`` also of the client columns a sales export may carry.
    """
    kinds = dict(TABLES[table].columns)
    if table == "sales":
        kinds.update(_client_attributes())
    return kinds


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
                data = load_yaml(path.read_text(encoding="utf-8-sig")) or {}
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
            kinds = column_kinds(table)
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


def match_columns(columns: list[str], file: str, table: str,
                  mapping: Mapping) -> tuple[dict[str, str], list[str]]:
    """Which of a file's ``columns`` (its headers) is which canonical column of ``table``.

    The user's mapping first (a header it names that the file lacks is an error), then the
    built-in headers, most preferred first; a header is used once.

    Returns
    -------
    (dict, list)
        ``{canonical: file header}`` and the alternatives not used (as "header (→ column)").
    """
    file_cols = list(columns)
    norm: dict[str, list[str]] = {}
    for col in file_cols:
        n = normalise_header(col)
        for key in dict.fromkeys([n, strip_units(n)]):
            norm.setdefault(key, []).append(col)
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for header, canonical in mapping.columns.get(table, {}).items():
        cols = norm.get(normalise_header(header), [])
        if not cols:
            raise KBDataError("load.mapping_header_missing", file=file, column=header,
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


def check_required(columns: list[str], file: str, table: str, chosen: dict[str, str]) -> None:
    """A :class:`KBDataError` naming the first required column of ``table`` not ``chosen``.

    In ``sales`` and ``clients`` a tax ID or a client name column stands in for the client code.
    """
    required = list(TABLES[table].required)
    if table in IDENTIFIED and C.client_id not in chosen and (C.tax_id in chosen or C.name in chosen):
        required.remove(C.client_id)  # a tax ID or a client name column identifies the client
    missing = [c for c in required if c not in chosen]
    if missing:
        col = missing[0]
        found = [c for c in columns if not c.startswith("#")]
        expected = [h for h in table_headers(table)[col][:8]]
        raise KBDataError("load.missing_column", file=file, column=col, table=table,
                          missing=", ".join(missing), found=", ".join(found),
                          expected=", ".join(expected))

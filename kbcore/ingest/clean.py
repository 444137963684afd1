"""Cleaning cell values into canonical values: numbers, dates, yes/no, identifiers and text.

One job: conversion, vectorised. Every ``parse_*`` function takes a column of cells (text from
CSV, Python values from Excel) and returns the converted values and a mask of the non-empty
cells that did not convert, so that each can be reported with its row. Numbers as Russian and
English exports write them (decimal comma, thousands separated by spaces, NBSP, narrow NBSP,
apostrophes, dots or commas, a trailing currency or unit, the Unicode minus, accounting
parentheses); dates day first (never swapped), ISO, ``yyyymmdd``, month names, Excel cells and
serial numbers, 1C's empty date 01.01.0001 as empty; identifiers as text with their leading
zeros (and tax IDs' lost zeros restored, :func:`pad_tax_ids`). :func:`canonical_dtypes` gives a
table its canonical dtypes.
"""

from __future__ import annotations

import datetime as dt
import numbers
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from kbcore.ids import eik_valid_array, inn10_valid_array
from kbcore.ingest.headers import column_kinds

__all__ = [
    "PARSERS",
    "canonical_dtypes",
    "pad_tax_ids",
    "parse_bools",
    "parse_dates",
    "parse_ids",
    "parse_numbers",
    "parse_text",
]

# Regular expressions below avoid \s, \d, \b and \u escapes so that pandas runs them in pyarrow (RE2)
# instead of falling back to Python's re row by row (10x slower on 150k lines).
WS = " \t\r\n\x0b\x0c\xa0\u202f\u2009"  # real characters, not escapes, in the patterns
"""Whitespace as exports write it (NBSP, narrow NBSP, thin space …), for character classes."""


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


def cell_kinds(s: pd.Series) -> pd.Series:
    """The kind of each cell of an object column (see :func:`_cell_kind`)."""
    return s.map(_cell_kind).astype(object)


def _as_text(s: pd.Series) -> pd.Series:
    """Cells as stripped text with whitespace (incl. NBSP) collapsed; empty → NA."""
    if pd.api.types.is_float_dtype(s) and bool((s.dropna() == np.round(s.dropna())).all()):
        s = s.astype("Int64")  # codes stored as floats (7.0) read as "7"
    if s.dtype == object:
        is_num = cell_kinds(s) == "n"
        if is_num.any():
            s = s.copy()
            nums = pd.to_numeric(s[is_num], errors="coerce")
            whole = nums == np.round(nums)
            s.loc[is_num] = np.where(whole, nums.round().astype("Int64").astype(str), nums.astype(str))
    out = s.astype("string").str.replace(f"[{WS}]+", " ", regex=True).str.strip()
    return out.mask(out == "")


def parse_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text cells: stripped, inner whitespace collapsed, empty → NA. Never fails."""
    out = _as_text(s)
    return out, pd.Series(False, index=s.index)


def parse_ids(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Identifiers as text; numbers from Excel lose their ``.0``; leading zeros of text are kept."""
    return parse_text(s)


_UNITS_RE = f"(?i)[{WS}]*(руб\\.?|р\\.|₽|rub|rur|eur|usd|\\$|€|шт\\.?|дн\\.?|дней|дня|день|days?|%)[{WS}]*$"


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
        kinds = cell_kinds(s)
        is_num = kinds == "n"
        out[is_num] = pd.to_numeric(s[is_num], errors="coerce").astype("float64")
        text = s.where(kinds == "s")
    x = text.astype("string")
    present = x.notna() & (x.str.strip() != "")
    x = x[present]
    if len(x):
        x = x.str.replace("\u2212", "-", regex=False).str.replace("\u2013", "-", regex=False)
        x = x.str.replace(_UNITS_RE, "", regex=True)
        x = x.str.replace(f"[{WS}'’`]", "", regex=True)
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
            kinds = cell_kinds(s)
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


def via_uniques(func, s: pd.Series, **kwargs) -> tuple[pd.Series, pd.Series]:
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


PARSERS = {"id": parse_ids, "text": parse_text, "number": parse_numbers, "int": parse_numbers,
            "bool": parse_bools}
"""The parser of each column kind but ``date`` (:func:`parse_dates` takes ``dayfirst``)."""


def canonical_dtypes(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``df`` with the canonical dtype of each known column of ``table``, in the schema's order.

    Known columns come first in the order of :data:`kbcore.schema.TABLES` (required, then
    optional); other columns follow unchanged.

    id and text → ``string``; date → ``datetime64[ns]``; number → ``float64``; int → ``Int64``;
    bool → ``boolean``.
    """
    kinds = column_kinds(table)
    target = {"id": "string", "text": "string", "date": "datetime64[ns]", "number": "float64",
              "int": "Int64", "bool": "boolean"}
    order = [c for c in kinds if c in df.columns] + [c for c in df.columns if c not in kinds]
    return df[order].astype({c: target[kinds[c]] for c in order if c in kinds})


def pad_tax_ids(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Restore the leading zero of tax IDs (ИНН) that a spreadsheet stored as numbers.

    A Russian ИНН has 10 (organisation) or 12 (person) digits; 11 digits can only be one whose
    leading zero was lost. 9 digits is either that or a Bulgarian ЕИК, which has 9 digits by law:
    the column decides — when more of its 9-digit codes carry a valid ЕИК check digit than carry a
    valid ИНН check digit once a zero is put in front (:mod:`kbcore.ids`), they are ЕИК and kept.

    Returns
    -------
    (Series, Series)
        The tax IDs (``s`` itself when none was short) and the mask of those padded.
    """
    nine = s.str.fullmatch(r"[0-9]{9}").fillna(False).astype(bool)
    if nine.any():
        codes = s[nine].astype(str).tolist()
        if eik_valid_array(codes).mean() > inn10_valid_array(["0" + c for c in codes]).mean():
            nine = pd.Series(False, index=s.index)  # Bulgarian ЕИК: nothing was lost
    short = nine | s.str.fullmatch(r"[0-9]{11}").fillna(False).astype(bool)
    if short.any():
        s = s.mask(short, "0" + s)
    return s, short


# ---------------------------------------------------------------------------------------------
# the fast paths: text columns read by Polars, cleaned as Polars expressions
# ---------------------------------------------------------------------------------------------
# Each gives exactly what its pandas parser above gives on the same cells (tests/test_clean_fast.py
# runs both over a corpus of cells). They apply to "plain" text (:attr:`RawTable.plain
# <kbcore.ingest.raw.RawTable.plain>`: no control character and no whitespace but space, tab,
# line ends, NBSP, narrow NBSP and thin space), where Rust's, RE2's and Python's regular
# expressions and trimming agree. Parsers of single cells (dates, yes/no) keep the pandas
# parser as the authority and run it once per distinct value.

_STRIP = " \t\r\n\xa0\u202f\u2009"
"""What pandas' ``str.strip`` removes from plain text (the plain characters of Unicode's Zs and
the ASCII spaces)."""

_NUMBER_RE = r"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$"
_C_GROUP_RE = r"^-?[0-9]{1,3}(,[0-9]{3})+$"
_D_GROUP_RE = r"^-?[0-9]{1,3}(\.[0-9]{3})+$"


def _use_uniques(s: pl.Series) -> bool:
    """Whether :func:`via_uniques` would parse the text column ``s`` once per distinct value."""
    return len(s) >= 2000 and s.drop_nulls().n_unique() <= len(s) // 2


def via_uniques_pl(func, s: pl.Series, *, keys: pl.Series | None = None,
                   **kwargs) -> tuple[pd.Series, np.ndarray]:
    """``func`` (a pandas parser of this module) applied to the Polars text column ``s``.

    Computed once per distinct value (of ``keys`` when given: a shorter text that parses the
    same as its cell), as :func:`via_uniques`; the parser sees a pandas ``str`` column like the
    one pandas' reader gives.
    """
    keys = s if keys is None else keys
    uniq = keys.drop_nulls().unique()
    distinct = pd.Series([*uniq.to_list(), None], dtype="str")
    values, bad = func(distinct, **kwargs)
    lookup = pl.DataFrame({"v": uniq, "i": pl.int_range(len(uniq), eager=True, dtype=pl.Int64)})
    take = (keys.to_frame("v").join(lookup, on="v", how="left", maintain_order="left")["i"]
            .fill_null(len(uniq)).to_numpy())
    out = values.iloc[take].reset_index(drop=True)
    return out, bad.to_numpy(dtype=bool)[take]


def to_pandas_text(s: pl.Series) -> pd.Series:
    """A Polars text column as a pandas ``string`` column (pd.NA for null)."""
    return pd.Series(s.to_arrow(), dtype="string")


_ODD_SPACES = [c for c in WS if c != " "] + ["  "]
"""What makes a text cell need :func:`parse_text`'s whitespace rule, but a space at either end."""


def parse_text_pl(s: pl.Series) -> tuple[pd.Series, np.ndarray]:
    """:func:`parse_text` of a plain Polars text column."""
    # one Aho-Corasick pass for the whitespace but a single space, and for a double space
    odd = (s.str.contains_any(_ODD_SPACES).any()
           or s.str.starts_with(" ").any() or s.str.ends_with(" ").any())
    if odd:  # whitespace to collapse or strip (else the cells stay as they are)
        s = s.str.replace_all(f"[{WS}]+", " ").str.strip_chars(" ")
    if (s == "").any():
        s = pl.select(pl.when(s == "").then(None).otherwise(s)).to_series()
    return to_pandas_text(s), np.zeros(len(s), dtype=bool)


def blank_pl(s: pl.Series | pl.Expr) -> pl.Series | pl.Expr:
    """Cells of a plain text column that are empty or only whitespace (null stays null)."""
    return s.str.contains(f"^[{_STRIP}]*$")


def filled_pl(s: pl.Series | pl.Expr) -> pl.Series | pl.Expr:
    """Cells of a plain text column that hold something but whitespace (null is False)."""
    return s.str.contains(f"[^{_STRIP}]").fill_null(False)


_SIMPLE_NUMBER_RE = "^-?[0-9][0-9 \xa0\u202f]*([,.][0-9]+)?$"
"""Cells that only lose their spaces (and NBSP, narrow NBSP) before the decimal rule."""


def _number_text_pl(s: pl.Series) -> pl.Series:
    """The cells of :func:`parse_numbers` after removing units, spaces and parentheses.

    Most cells are simple ("1 234,50", "-12"): they only lose their spaces; the others go
    through every step of :func:`parse_numbers`.
    """
    simple = s.str.contains(_SIMPLE_NUMBER_RE).fill_null(True)
    x = s.str.replace_many([" ", "\xa0", "\u202f"], ["", "", ""])
    if simple.all():
        return x
    idx = simple.not_().arg_true()
    r = s.gather(idx)
    r = r.str.replace_all("\u2212", "-", literal=True).str.replace_all("\u2013", "-", literal=True)
    r = r.str.replace_all(_UNITS_RE, "")
    r = r.str.replace_all(f"[{WS}'’`]", "")
    r = r.str.replace(r"^\((.*)\)$", "-${1}")
    return x.scatter(idx, r)


def _all_match(x: pl.Series, pattern: str) -> bool:
    """Every value of ``x`` matches ``pattern`` (a few values are tried first: most often one fails)."""
    if not x.head(100).str.contains(pattern).all():
        return False
    return bool(x.str.contains(pattern).all())


def _decimal_rule_pl(x: pl.Series, first) -> tuple[str | None, str]:
    """:func:`_decimal_rule` of a Polars column of cleaned numeric strings (no nulls).

    Only the count in the rule for values with both marks depends on repeated values:
    ``first()`` (called then) gives the mask of the values pandas looks at, or None for all.
    """
    has_c, has_d = x.str.contains(",", literal=True), x.str.contains(".", literal=True)
    both = has_c & has_d
    if both.any():
        mask = first()
        if mask is not None:
            both = both & mask
        dot_last = x.filter(both).str.contains(r"\.[^,]*$")
        return (",", ".") if dot_last.sum() >= (~dot_last).sum() else (".", ",")
    n_c, n_d = int(has_c.sum()), int(has_d.sum())
    if n_c and _all_match(x.filter(has_c), _C_GROUP_RE):
        commas = x.filter(has_c)
        if n_d or (commas.str.count_matches(",", literal=True) > 1).any():
            return ",", "."
    if n_d and _all_match(x.filter(has_d), _D_GROUP_RE):
        dots = x.filter(has_d)
        if n_c or (dots.str.count_matches(".", literal=True) > 1).any():
            return ".", ","
    return None, ","


def parse_numbers_pl(s: pl.Series) -> tuple[pd.Series, np.ndarray]:
    """:func:`parse_numbers` of a plain Polars text column (the same decimal rule, per column)."""
    if s.str.contains(_SIMPLE_NUMBER_RE).fill_null(True).all():
        return pd.Series(_simple_numbers_pl(s).to_numpy(), dtype="float64"), np.zeros(len(s), bool)
    present = ~blank_pl(s).fill_null(True)
    x = _number_text_pl(s).filter(present)

    def first() -> pl.Series | None:
        # values with both marks are counted once per distinct cell when via_uniques would
        # have parsed the column once per distinct value
        return s.filter(present).is_first_distinct() if _use_uniques(s) else None

    thousands, _ = _decimal_rule_pl(x, first)
    if thousands == ",":
        x = x.str.replace_all(",", "", literal=True)
    elif thousands == ".":  # in one pass: the dots go, then the commas become dots
        x = x.str.replace_many([".", ","], ["", "."])
    else:
        x = x.str.replace_all(",", ".", literal=True)
    values = x.to_frame("x").select(
        pl.when(pl.col("x").str.contains(_NUMBER_RE)).then(pl.col("x")).otherwise(None)
        .cast(pl.Float64, strict=False)).to_series()
    out = np.full(len(s), np.nan)
    keep = present.to_numpy()
    out[keep] = values.to_numpy()
    bad = keep & np.isnan(out)
    return pd.Series(out, dtype="float64"), bad


def _simple_numbers_pl(s: pl.Series) -> pl.Series:
    """Numbers of a column whose cells are all simple ("1 234,50", "-12", null), as Float64.

    A simple cell has at most one mark, so no cell has both; a comma or a dot is a thousands
    separator only when every cell with it looks like one group ("1,234") and a cell has the
    other mark (the rule of :func:`_decimal_rule`). Every simple cell converts.
    """
    spaces = [" ", "\xa0", "\u202f"]
    thousands = None
    has_d = _contains(s, ".")
    if has_d.any() and (has_c := s.str.contains(",", literal=True)).any():
        if _all_match(s.filter(has_c).str.replace_many(spaces, ["", "", ""]), _C_GROUP_RE):
            thousands = ","
        elif _all_match(s.filter(has_d).str.replace_many(spaces, ["", "", ""]), _D_GROUP_RE):
            thousands = "."
    if thousands == ",":
        x = pl.col("s").str.replace_many([*spaces, ","], ["", "", "", ""])
    elif thousands == ".":
        x = pl.col("s").str.replace_many([*spaces, ".", ","], ["", "", "", "", "."])
    else:
        x = pl.col("s").str.replace_many([*spaces, ","], ["", "", "", "."])
    # one query: Polars converts the chunks of the column side by side
    return s.to_frame("s").lazy().select(x.cast(pl.Float64)).collect().to_series()


def _contains(s: pl.Series, mark: str) -> pl.Series:
    """``s.str.contains(mark, literal=True)``, at once all False when no cell has the character.

    The common case (no dot in a column of decimal commas) is decided on the cells' bytes.
    """
    arr = s.to_arrow()
    data = arr.buffers()[2] if len(arr) and len(arr.buffers()) > 2 else None
    if data is None or (pa.types.is_large_string(arr.type) and mark.encode() not in data.to_pybytes()):
        return pl.repeat(False, len(s), eager=True)
    return s.str.contains(mark, literal=True)


_DATE_TIME_RE = "^[0-9]{1,4}[./\\-][0-9]{1,2}[./\\-][0-9]{1,4} [^\n]*$"


def parse_dates_pl(s: pl.Series, *, dayfirst: bool = True) -> tuple[pd.Series, np.ndarray]:
    """:func:`parse_dates` of a plain Polars text column, once per distinct date.

    A date followed by a time ("05.03.2024 14:20:00") parses as the date alone, so the time is
    cut off first and each distinct date is parsed once.
    """
    keys = s
    if s.str.contains(" ", literal=True).any():
        timed = s.str.contains(_DATE_TIME_RE).fill_null(False)
        keys = pl.select(pl.when(timed).then(s.str.split_exact(" ", 1).struct.field("field_0"))
                         .otherwise(s)).to_series()
    # the common form (05.03.2024) by Polars; every other cell once per distinct value by pandas
    day = keys.str.to_date("%d.%m.%Y" if dayfirst else "%m.%d.%Y", strict=False)
    fast = (keys.str.contains(_DMY_RE) & day.dt.year().is_between(1678, 2261)).fill_null(False)
    if not fast.any():
        return via_uniques_pl(parse_dates, s, keys=keys, dayfirst=dayfirst)
    out = pl.select(pl.when(fast).then(day)).to_series().cast(pl.Datetime("ns")).to_numpy()
    bad = np.zeros(len(s), dtype=bool)
    if not fast.all():
        rest = (~fast).arg_true()
        values, rest_bad = via_uniques_pl(parse_dates, s.gather(rest), keys=keys.gather(rest),
                                          dayfirst=dayfirst)
        rest = rest.to_numpy()
        out[rest] = values.to_numpy(dtype="datetime64[ns]")
        bad[rest] = rest_bad
    return pd.Series(out, dtype="datetime64[ns]"), bad


_DMY_RE = "^[0-9]{2}[.][0-9]{2}[.][0-9]{4}$"
"""The common form of a date in exports: two-digit day and month, four-digit year, with dots
(:func:`parse_dates_pl` converts these in Polars; :func:`parse_dates` gives the same)."""


def parse_bools_pl(s: pl.Series) -> tuple[pd.Series, np.ndarray]:
    """:func:`parse_bools` of a Polars text column, once per distinct value."""
    return via_uniques_pl(parse_bools, s)


PARSERS_PL = {"id": parse_text_pl, "text": parse_text_pl, "number": parse_numbers_pl,
              "int": parse_numbers_pl, "bool": parse_bools_pl}
"""The fast parser of each column kind but ``date`` (:func:`parse_dates_pl`)."""


def parse_columns_pl(cells: pl.DataFrame, kinds: dict[str, str], *,
                     dayfirst: bool = True) -> dict[str, tuple[pd.Series, np.ndarray]]:
    """Each column of ``cells`` (header → kind) by its fast parser, the common forms in two queries.

    Gives, column by column, exactly what :data:`PARSERS_PL` and :func:`parse_dates_pl` give.
    One query looks at every column at once: numbers whose cells are all simple ("1 234,50",
    "-12") with at most one of the two marks in the column, dates all in the common form
    (05.03.2024, no time), texts with no whitespace to collapse or strip. A second query
    converts those columns, Polars working on the columns and their chunks side by side
    (instead of one Polars call per check and column from Python). Every other column (and
    every yes/no column) goes to its own parser.
    """
    probes, conversions = [], {}
    fmt = "%d.%m.%Y" if dayfirst else "%m.%d.%Y"
    for i, (col, kind) in enumerate(kinds.items()):
        c = pl.col(col)
        if kind in ("number", "int"):
            probes += [c.str.contains(_SIMPLE_NUMBER_RE).fill_null(True).all().alias(f"{i}:simple"),
                       c.str.contains(".", literal=True).any().alias(f"{i}:dot"),
                       c.str.contains(",", literal=True).any().alias(f"{i}:comma")]
        elif kind == "date":
            common = (c.str.contains(_DMY_RE)
                      & c.str.to_date(fmt, strict=False).dt.year().is_between(1678, 2261))
            probes += [c.str.contains(" ", literal=True).any().alias(f"{i}:space"),
                       (common.fill_null(False) | c.is_null()).all().alias(f"{i}:common")]
        elif kind in ("id", "text"):
            probes.append((c.str.contains_any(_ODD_SPACES) | c.str.starts_with(" ")
                           | c.str.ends_with(" ")).any().alias(f"{i}:odd"))
    flags = cells.lazy().select(probes).collect().row(0, named=True) if probes else {}
    for i, (col, kind) in enumerate(kinds.items()):
        c = pl.col(col)
        if kind in ("number", "int") and flags[f"{i}:simple"] and not (
                flags[f"{i}:dot"] and flags[f"{i}:comma"]):
            # no thousands mark (see _simple_numbers_pl): spaces go, a comma is the decimal mark
            conversions[col] = c.str.replace_many([" ", "\xa0", "\u202f", ","], ["", "", "", "."]).cast(
                pl.Float64)
        elif kind == "date" and not flags[f"{i}:space"] and flags[f"{i}:common"]:
            conversions[col] = c.str.to_date(fmt, strict=False).cast(pl.Datetime("ns"))
        elif kind in ("id", "text") and not flags[f"{i}:odd"]:
            conversions[col] = pl.when(c == "").then(None).otherwise(c)
    out: dict[str, tuple[pd.Series, np.ndarray]] = {}
    if conversions:
        done = cells.lazy().select(expr.alias(col) for col, expr in conversions.items()).collect()
        for col in conversions:
            s, kind = done[col], kinds[col]
            if kind in ("id", "text"):
                values = to_pandas_text(s)
            elif kind == "date":
                values = pd.Series(s.to_numpy(), dtype="datetime64[ns]")
            else:
                values = pd.Series(s.to_numpy(), dtype="float64")
            out[col] = values, np.zeros(len(s), dtype=bool)
    rest = [col for col in kinds if col not in out]

    def one(col: str) -> tuple[pd.Series, np.ndarray]:
        src = cells[col]
        return parse_dates_pl(src, dayfirst=dayfirst) if kinds[col] == "date" else PARSERS_PL[kinds[col]](src)

    # the parsers spend their time in Polars, which releases the GIL: long columns side by side
    workers = min(len(rest), os.cpu_count() or 1)
    if workers > 1 and cells.height >= 10_000:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            out.update(zip(rest, pool.map(one, rest), strict=True))
    else:
        out.update((col, one(col)) for col in rest)
    return {col: out[col] for col in kinds}

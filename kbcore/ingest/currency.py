"""One currency for the whole dataset: amounts in a currency replaced by the euro are converted.

A company that changed its currency keeps its history in the old one: a Bulgarian ERP exports the
sales lines up to 31 December 2025 in leva (BGN) and from 1 January 2026 in euro, each line naming
its currency. Summing them as they are would mix two units. When a table has a ``currency`` column,
:func:`unify_currency` brings every amount to one reporting currency:

* the codes are read as ISO 4217 (``BGN``, ``EUR`` …) or as people write them (``лв.``, ``€``,
  ``евро``, ``руб.``);
* when the currencies found are the euro and currencies the euro replaced at an irrevocably fixed
  rate (:data:`FIXED_RATES`), every amount is converted to euro: ``amount_EUR = amount / rate``, the
  rate fixed by EU law (no market rate, no date); the money columns are the table's
  :attr:`kbcore.schema.Table.money`, and the ``currency`` of a converted row becomes ``EUR``;
* a replaced currency alone (a history wholly in leva) is converted too, the lev being no longer
  legal tender; another single currency (roubles) changes nothing; currencies without a fixed rate between them (euro and dollar):
  the data cannot be summed, and :class:`~kbcore.errors.KBDataError` says so;
* a row without a currency keeps its amounts: in ``targets`` it is a KPI that is not money, in
  another table it is taken to be in the reporting currency and counted in a warning.

The quality report says how many rows of each table were converted, from what, at what rate.
"""

from __future__ import annotations

import pandas as pd

from kbcore.errors import KBDataError
from kbcore.ingest.quality import QualityReport
from kbcore.schema import TABLES, C

__all__ = ["FIXED_RATES", "SYMBOLS", "normalise_codes", "unify_currency"]

FIXED_RATES: dict[str, tuple[float, str, str]] = {
    "BGN": (1.95583, "2026-01-01", "currency.source.BGN"),
    "HRK": (7.53450, "2023-01-01", "currency.source.HRK"),
}
"""Currencies the euro replaced: ``code: (units per euro, first day of the euro, catalogue id of
the legal source)``: BGN Council Regulation (EU) 2025/1407 of 8 July 2025, HRK Council Regulation
(EU) 2022/1208 of 12 July 2022, both amending Regulation (EC) No 2866/98."""

SYMBOLS: dict[str, str] = {
    "BGN": "BGN", "ЛВ": "BGN", "ЛВ.": "BGN", "ЛЕВА": "BGN", "ЛЕВ": "BGN",
    "EUR": "EUR", "€": "EUR", "ЕВРО": "EUR", "EURO": "EUR", "ЕUR": "EUR",
    "RUB": "RUB", "RUR": "RUB", "₽": "RUB", "РУБ": "RUB", "РУБ.": "RUB", "РУБЛЬ": "RUB",
    "HRK": "HRK", "KN": "HRK", "USD": "USD", "$": "USD",
}
"""How people write a currency in an export, upper-cased, to its ISO 4217 code."""

_ISO = frozenset({"BGN", "EUR", "RUB", "HRK", "USD", "GBP", "CHF", "PLN", "RON", "TRY", "CNY", "KZT",
                  "BYN", "UAH", "CZK", "HUF", "RSD", "MKD", "DKK", "SEK", "NOK", "JPY"})


def normalise_codes(values: pd.Series) -> tuple[pd.Series, list[str]]:
    """ISO codes of a ``currency`` column, and the values that are no currency.

    Blank cells stay missing. Returns the codes (string dtype) and up to five unknown values.
    """
    text = values.astype("string").str.strip().str.upper()
    text = text.where(text.str.len() > 0)
    codes = text.map(lambda v: v if pd.isna(v) else SYMBOLS.get(v, v if v in _ISO else None),
                     na_action="ignore").astype("string")
    unknown = text.notna() & codes.isna()
    return codes, sorted(set(values[unknown].astype(str)))[:5]


def unify_currency(tables: dict[str, pd.DataFrame | None],
                   report: QualityReport) -> tuple[dict[str, pd.DataFrame | None], str | None]:
    """Bring every table's amounts to one currency; return the tables and that currency.

    Parameters
    ----------
    tables : dict
        ``{table name: canonical DataFrame or None}``. Only tables with a ``currency`` column are
        looked at; they are never changed in place (converted tables are copies).
    report : QualityReport
        Receives one ``info`` per converted table and a ``warning`` per table whose rows miss a
        currency beside rows that have one.

    Returns
    -------
    (dict, str or None)
        The tables, amounts converted; the reporting currency (ISO code), or None when no table
        names a currency.

    Raises
    ------
    KBDataError
        A currency column holds a value that is no currency, or the data holds currencies that
        have no fixed rate between them.
    """
    codes: dict[str, pd.Series] = {}
    for name, df in tables.items():
        if df is None or C.currency not in df.columns:
            continue
        col, unknown = normalise_codes(df[C.currency])
        if unknown:
            raise KBDataError("currency.unknown", file=name, column=C.currency, examples=unknown)
        codes[name] = col
    found = sorted({c for col in codes.values() for c in col.dropna().unique()})
    if not found:
        return tables, None
    if all(c == "EUR" or c in FIXED_RATES for c in found):
        target = "EUR"  # a replaced currency is no longer legal tender: report in euro
    elif len(found) == 1:
        target = found[0]
    else:
        raise KBDataError("currency.mixed", examples=found, currencies=", ".join(found))
    out = dict(tables)
    for name, col in codes.items():
        df = out[name]
        money = [c for c in TABLES[name].money if c in df.columns]
        blank = int(col.isna().sum())
        if blank and name != "targets" and blank < len(col):
            report.add("warning", name, "currency.blank", blank, column=C.currency, currency=target)
        changed = (col.notna() & (col != target)).fillna(False).astype(bool)
        df = df.copy()
        for code in sorted(col[changed].unique()):
            rows = (col == code).fillna(False).to_numpy(dtype=bool)
            rate, since, source = FIXED_RATES[code]
            for m in money:
                df.loc[rows, m] = df.loc[rows, m] / rate
            report.add("info", name, "currency.converted", int(rows.sum()), currency_from=code,
                       currency=target, rate=float(rate), since=since, source="@" + source)
        df[C.currency] = col.where(~changed, target).astype("string")
        out[name] = df
    return out, target

"""Views of program 004, topic 2 (ABC by three measures): the results in a person's words.

The analysis (:mod:`kbcore.analyses.abc_three`) returns classes, combinations and strategy ids;
here they become the strategy table, the combination and client tables with translated headers
and locale-formatted money, units and percentages, the note on the measure used (value when
the data has no units), the 3 × 3 table of one sales class and the key figures
(:func:`abc_three_figures`). Every text comes from the catalogue (``abc_three.*``).
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.abc_three import ABC3_CLASSES, COMBINATIONS, STRATEGY, STRATEGY_RULES
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.figures import Figure, missing

__all__ = [
    "NEEDS_POTENTIAL",
    "NEEDS_WALLET",
    "NEEDS_UNITS",
    "strategy_label",
    "strategy_action",
    "combination_label",
    "strategy_rules",
    "strategies_in_order",
    "measure_note",
    "missing_notes",
    "summary_view",
    "clients_view",
    "class_table",
    "abc_three_figures",
    "class_summary_view",
    "measure_shift_view",
    "measure_shift_text",
    "class_unknown_note",
]

NEEDS_POTENTIAL = "clients.potential"
NEEDS_WALLET = "clients.wallet"
NEEDS_UNITS = "products.unit"
_VOLUME_NEEDS = ("sales.quantity", "products.unit", "clients.potential_units")
_NEED_KEYS = {
    "clients.potential": "need.potential",
    "clients.wallet": "abc_three.need.wallet",
    "sales.quantity": "abc_three.need.quantity",
    "products.unit": "abc_three.need.unit",
    "clients.potential_units": "abc_three.need.potential_units",
    "clients.wallet_units": "abc_three.need.wallet_units",
}


def _pct(value, lang: str, digits: int = 0) -> str:
    return fmt_pct(value, lang, digits)


def _amount(value, lang: str, attrs: dict, currency: str) -> str:
    """Money (value) or units (volume) of the measure used."""
    if attrs.get("measure_used") == "volume":
        number = fmt_number(value, lang)
        return number if number == "—" else f"{number}\xa0{attrs.get('unit')}"
    return fmt_money(value, lang, currency=currency)


def strategy_label(strategy, lang: str = "en") -> str:
    """The people's name of a strategy id (catalogue ``abc_three.strategy.<id>``); "—" for none."""
    if strategy is None or pd.isna(strategy):
        return "—"
    return t(f"abc_three.strategy.{strategy}", lang)


def strategy_action(strategy, lang: str = "en") -> str:
    """What to do under a strategy (catalogue ``abc_three.strategy.<id>.action``)."""
    if strategy is None or pd.isna(strategy):
        return "—"
    return t(f"abc_three.strategy.{strategy}.action", lang)


def combination_label(combination: str, lang: str = "en") -> str:
    """A combined class in words: "A-A-C" → "large client, large potential, small share"."""
    s, p, w = str(combination).split("-")
    return t("abc_three.combination", lang, sales=t(f"abc_three.sales.{s}", lang),
             potential=t(f"abc_three.potential.{p}", lang), share=t(f"abc_three.share.{w}", lang))


def _headers(keys, lang: str) -> list[str]:
    return [t(f"abc_three.col.{k}", lang) for k in keys]


def strategy_rules(lang: str = "en", strategies: dict[str, str] | None = None) -> pd.DataFrame:
    """The strategy of each of the 27 combinations, in words: combination, meaning, strategy, what to do.

    ``strategies`` default :data:`~kbcore.analyses.abc_three.STRATEGY` (its rules and reasoning:
    :data:`~kbcore.analyses.abc_three.STRATEGY_RULES`).
    """
    rules = STRATEGY if strategies is None else strategies
    rows = [(c, combination_label(c, lang), strategy_label(rules.get(c), lang),
             strategy_action(rules.get(c), lang)) for c in COMBINATIONS]
    return pd.DataFrame(rows, columns=_headers(("combination", "meaning", "strategy", "action"), lang))


def strategies_in_order() -> tuple[str, ...]:
    """The strategy ids in the order of the rule table (first appearance)."""
    return tuple(dict.fromkeys(rule[0] for rule in STRATEGY_RULES))


def _window_text(attrs: dict, lang: str) -> str:
    lo, hi = attrs.get("window", (None, None))
    return t("abc_three.window", lang, start=fmt_date(lo, lang), end=fmt_date(hi, lang))


def measure_note(result: pd.DataFrame, lang: str = "en") -> str:
    """One sentence: which measure the classes use, over which window, and why value when volume was asked.

    ``result`` is :func:`~kbcore.analyses.abc_three.client_measures` or anything carrying its
    ``attrs`` (:func:`~kbcore.analyses.abc_three.classify`, the summary).
    """
    a = result.attrs
    window = _window_text(a, lang)
    if a.get("measure_used") == "volume":
        return t("abc_three.note.volume", lang, unit=a.get("unit"), window=window)
    if a.get("measure") == "volume":
        need = [k for k in _VOLUME_NEEDS if k in a.get("missing", ())]
        units = a.get("units", ())
        if len(units) > 1:
            why = t("abc_three.note.mixed_units", lang, units=", ".join(map(str, units)))
        else:
            why = "; ".join(t(_NEED_KEYS[k], lang) for k in need)
        return t("abc_three.note.value_fallback", lang, why=why, window=window)
    return t("abc_three.note.value", lang, window=window)


def missing_notes(result: pd.DataFrame, lang: str = "en") -> list[str]:
    """One sentence per absent table or column the classes would use (``attrs["missing"]``).

    The potential: without it the potential and the share classes are unknown; the wallet:
    without it the share is taken of the potential; in volume, the sales lines without a quantity
    (counted 0); the clients whose share is above 100 %. Volume's own needs are in
    :func:`measure_note`.
    """
    a = result.attrs
    out = []
    used_pot = "clients.potential_units" if a.get("measure_used") == "volume" else "clients.potential"
    used_wal = "clients.wallet_units" if a.get("measure_used") == "volume" else "clients.wallet"
    missing_ids = a.get("missing", ())
    if used_pot in missing_ids:
        out.append(t("abc_three.note.no_potential", lang, what=t(_NEED_KEYS[used_pot], lang)))
    if used_wal in missing_ids:
        out.append(t("abc_three.note.no_wallet", lang, what=t(_NEED_KEYS[used_wal], lang)))
    no_qty = int(a.get("lines_without_quantity", 0) or 0)
    if no_qty:
        out.append(tn("abc_three.note.no_quantity", no_qty, lang))
    above = int(a.get("shares_above_one", 0) or 0)
    if above:
        out.append(tn("abc_three.note.above_one", above, lang))
    return out


def summary_view(summary: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                 skip_empty: bool = True) -> pd.DataFrame:
    """:func:`~kbcore.analyses.abc_three.combination_summary` for people.

    Text columns with translated headers: combination, meaning, strategy, clients, share of
    clients, revenue (money in ``currency``), share of revenue, sales, potential and untapped
    potential (money, or units in volume), share of the untapped potential. Combinations
    without clients are left out unless ``skip_empty`` is False.
    """
    a = summary.attrs
    rows = summary.loc[summary["clients"] > 0] if skip_empty else summary
    data = []
    for _, r in rows.iterrows():
        data.append((
            r["combination"], combination_label(r["combination"], lang), strategy_label(r["strategy"], lang),
            fmt_number(r["clients"], lang), _pct(r["client_share"], lang, 1),
            fmt_money(r["revenue"], lang, currency=currency), _pct(r["revenue_share"], lang, 1),
            _amount(r["sales"], lang, a, currency), _amount(r["potential"], lang, a, currency),
            _amount(r["untapped"], lang, a, currency), _pct(r["untapped_share"], lang, 1),
        ))
    keys = ("combination", "meaning", "strategy", "clients", "client_share", "revenue", "revenue_share",
            "sales", "potential", "untapped", "untapped_share")
    return pd.DataFrame(data, columns=_headers(keys, lang))


def clients_view(part: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                 max_rows: int | None = None) -> pd.DataFrame:
    """The clients of one combination (:func:`~kbcore.analyses.abc_three.combination_clients`) for people.

    Client, combination, strategy, revenue, sales, potential, wallet, share of wallet, what the
    share was taken of (wallet or potential, in words), untapped potential.
    """
    a = part.attrs
    rows = part.head(max_rows) if max_rows else part
    data = []
    for _, r in rows.iterrows():
        base = r["share_base"]
        base_text = "—" if base is pd.NA or pd.isna(base) else t(f"abc_three.base.{base}", lang)
        data.append((
            r["name"], r["combination"] if not pd.isna(r["combination"]) else "—",
            strategy_label(r["strategy"], lang),
            fmt_money(r["revenue"], lang, currency=currency), _amount(r["sales"], lang, a, currency),
            _amount(r["potential"], lang, a, currency), _amount(r["wallet"], lang, a, currency),
            _pct(r["share"], lang, 1), base_text, _amount(r["untapped"], lang, a, currency),
        ))
    keys = ("client", "combination", "strategy", "revenue", "sales", "potential", "wallet", "share",
            "share_base", "untapped")
    return pd.DataFrame(data, columns=_headers(keys, lang))


def class_table(summary: pd.DataFrame, sales_class: str = "A", lang: str = "en", *,
                value: str = "clients", currency: str = "EUR") -> pd.DataFrame:
    """The 3 × 3 table of one sales class: potential class (rows) × share class (columns).

    Each cell: the number of clients (``value="clients"``), or the untapped potential
    (``"untapped"``), or the revenue (``"revenue"``), formatted. Rows and columns are named in
    words ("large potential", "high share").
    """
    if sales_class not in ABC3_CLASSES:
        raise ValueError(f"sales_class must be one of A, B, C, not {sales_class!r}")
    if value not in ("clients", "untapped", "revenue"):
        raise ValueError(f"value must be clients, untapped or revenue, not {value!r}")
    part = summary.loc[summary["sales_class"] == sales_class].set_index(["potential_class", "share_class"])
    a = summary.attrs
    fmt = {
        "clients": lambda v: fmt_number(v, lang),
        "untapped": lambda v: _amount(v, lang, a, currency),
        "revenue": lambda v: fmt_money(v, lang, currency=currency),
    }[value]
    data = [[fmt(part.loc[(p, w), value]) for w in ABC3_CLASSES] for p in ABC3_CLASSES]
    return pd.DataFrame(
        data,
        index=pd.Index([f"{p} · {t(f'abc_three.potential.{p}', lang)}" for p in ABC3_CLASSES],
                       name=t("abc_three.col.potential_class", lang)),
        columns=[f"{w} · {t(f'abc_three.share.{w}', lang)}" for w in ABC3_CLASSES],
    )


def abc_three_figures(classes: pd.DataFrame, summary: pd.DataFrame, lang: str = "en", *,
                      currency: str = "EUR") -> list[Figure]:
    """Topic 2's key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    Rows: the measure used (and why value when volume was asked); the clients classed out of all;
    the untapped potential of all clients (missing without ``clients.potential``); the clients
    and untapped potential of "grow share" (large clients with room for our share) and of
    "develop"; the clients whose share was taken of a known wallet (missing without
    ``clients.wallet``).

    Parameters
    ----------
    classes, summary : DataFrame
        :func:`~kbcore.analyses.abc_three.classify` and its
        :func:`~kbcore.analyses.abc_three.combination_summary`.
    """
    a = classes.attrs
    volume = a.get("measure_used") == "volume"
    pot_need = "clients.potential_units" if volume else NEEDS_POTENTIAL
    wal_need = "clients.wallet_units" if volume else NEEDS_WALLET
    missing_ids = a.get("missing", ())
    fallback = a.get("measure") == "volume" and not volume
    kind = "volume" if volume else "fallback" if fallback else "value"
    rows = [Figure(t("abc_three.kf.measure", lang),
                   t(f"abc_three.kf.measure.{kind}", lang, unit=a.get("unit")),
                   NEEDS_UNITS if fallback else None)]
    n = len(classes)
    classed = n - int(a.get("unclassified", 0) or 0)
    if pot_need in missing_ids:
        rows.append(Figure(t("abc_three.kf.classed", lang), missing(_NEED_KEYS[pot_need], lang), pot_need))
        rows.append(Figure(t("abc_three.kf.untapped", lang), missing(_NEED_KEYS[pot_need], lang), pot_need))
    else:
        rows.append(Figure(t("abc_three.kf.classed", lang),
                           tn("abc_three.kf.classed_value", classed, lang, total=fmt_number(n, lang)),
                           None))
        rows.append(Figure(t("abc_three.kf.untapped", lang),
                           _amount(summary["untapped"].sum(), lang, a, currency), pot_need))
        for strategy in ("grow_share", "develop"):
            part = summary.loc[summary["strategy"] == strategy]
            share = part["untapped_share"].sum(min_count=1)
            rows.append(Figure(
                t(f"abc_three.kf.{strategy}", lang),
                tn("abc_three.kf.strategy_value", int(part["clients"].sum()), lang,
                   untapped=_amount(part["untapped"].sum(), lang, a, currency), share=_pct(share, lang)),
                pot_need))
    if wal_need in missing_ids:
        rows.append(Figure(t("abc_three.kf.wallet_known", lang), missing(_NEED_KEYS[wal_need], lang), wal_need))
    else:
        known = int((classes["share_base"] == "wallet").sum())
        rows.append(Figure(t("abc_three.kf.wallet_known", lang),
                           tn("abc_three.kf.wallet_known_value", known, lang, total=fmt_number(n, lang)),
                           wal_need))
    return rows


def class_summary_view(summary: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """:func:`~kbcore.analyses.abc_three.class_summary` for people: one row per class of one measure.

    Class (letter and words: "A · large client"), clients, share of clients, revenue (money in
    ``currency``), share of revenue, sales, potential and untapped potential (money, or units in
    volume); a potential unknown for the whole class reads "—".
    """
    a = summary.attrs
    kind = {"sales_class": "sales", "potential_class": "potential", "share_class": "share"}[a.get("by", "sales_class")]
    data = []
    for _, r in summary.iterrows():
        cls = r["class"]
        data.append((
            f"{cls} · {t(f'abc_three.{kind}.{cls}', lang)}",
            fmt_number(r["clients"], lang), _pct(r["client_share"], lang, 1),
            fmt_money(r["revenue"], lang, currency=currency), _pct(r["revenue_share"], lang, 1),
            _amount(r["sales"], lang, a, currency), _amount(r["potential"], lang, a, currency),
            _amount(r["untapped"], lang, a, currency),
        ))
    keys = (a.get("by", "sales_class"), "clients", "client_share", "revenue", "revenue_share", "sales",
            "potential", "untapped")
    return pd.DataFrame(data, columns=_headers(keys, lang))


def measure_shift_view(shift: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.abc_three.measure_shift` of one measure's classes (A, B, C) for people.

    Rows: the class in value; columns: in volume; each cell the number of clients. The
    classes are named in words ("A · high share").
    """
    kind = {"sales_class": "sales", "potential_class": "potential", "share_class": "share"}[
        shift.attrs.get("column", "share_class")]
    names = [f"{c} · {t(f'abc_three.{kind}.{c}', lang)}" for c in shift.index]
    first = shift.attrs.get("first") or "value"
    second = shift.attrs.get("second") or "volume"
    return pd.DataFrame(
        [[fmt_number(v, lang) for v in row] for row in shift.to_numpy()],
        index=pd.Index(names, name=t(f"abc_three.shift.rows.{first}", lang)),
        columns=pd.Index(names, name=t(f"abc_three.shift.columns.{second}", lang)),
    )


def measure_shift_text(shift: pd.DataFrame, lang: str = "en") -> str:
    """One sentence: of the clients compared, how many have another class (of the shift's measure) in volume."""
    a = shift.attrs
    return tn(f"abc_three.shift.text.{a.get('column', 'share_class')}", int(a.get("changed", 0)), lang,
              total=fmt_number(int(a.get("compared", 0)), lang))


def class_unknown_note(summary: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> str:
    """One sentence under a :func:`class_summary_view`: the clients left without a class of that measure.

    Empty when every client has one. The potential: no potential on the card; the share: no
    potential and no total purchases to divide by.
    """
    a = summary.attrs
    n = int(a.get("unknown", 0) or 0)
    if not n:
        return ""
    by = a.get("by", "sales_class")
    return tn(f"abc_three.unknown.{by}", n, lang,
              revenue=fmt_money(a.get("unknown_revenue", 0.0), lang, currency=currency))

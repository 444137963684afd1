"""Views of program 004, topic 1 (market potential): the three methods, the territories, the clients.

The analyses (:mod:`kbcore.analyses.market_potential`) return numbers, ids and tables; here they
become tables with the people's headers (catalogue ``market_potential.col.*``), formatted numbers
(money in the ``currency`` given — EUR for the Bulgarian company —, shares as percentages, units with
the product's unit), notes in sentences and the key figures. Display only: nothing is computed that a
reader would need to check.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from kbcore.analyses.market_potential import (
    METHODS,
    ChainResult,
)
from kbcore.analyses.money_zones import UNKNOWN
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, example, missing

__all__ = [
    "CURRENCY",
    "NEEDS",
    "header",
    "place_label",
    "method_label",
    "source_label",
    "build_up_table",
    "build_up_note",
    "chain_table",
    "chain_note",
    "index_table",
    "index_note",
    "methods_table",
    "methods_note",
    "shares_table",
    "shares_note",
    "clients_table",
    "clients_note",
    "needs_notes",
    "market_potential_figures",
]

CURRENCY = "EUR"
"""The default currency of program 004's money (the Bulgarian company reports in euro)."""

NEEDS = {
    "market": ("market", "market_potential.need.market"),
    "market.consumption_per_company": ("market.consumption_per_company",
                                       "market_potential.need.market_value"),
    "market.consumption_units_per_company": ("market.consumption_units_per_company",
                                             "market_potential.need.market_units"),
    "territories": ("territories", "market_potential.need.territories"),
    "clients": ("clients", "market_potential.need.clients"),
    "clients.region": ("clients.region", "market_potential.need.clients_region"),
    "clients.potential": ("clients.potential", "market_potential.need.potential"),
    "clients.potential_units": ("clients.potential_units", "market_potential.need.potential_units"),
    "sales.quantity": ("sales.quantity", "market_potential.need.quantity"),
    "products.unit": ("products.unit", "market_potential.need.unit"),
    "units_mixed": ("products.unit", "market_potential.need.units_mixed"),
    "targets": ("targets", "market_potential.need.targets"),
}
"""A missing-data id of the analyses → (what it names, the catalogue id of the sentence)."""

_UNIT_COLUMNS = {"potential_units", "client_potential_units", "consumption_units_per_company",
                 "our_units", "untapped_units"}


def header(column: str, lang: str = "en", unit: str = "") -> str:
    """The people's header of a column (``market_potential.col.<column>``), a unit column with its unit."""
    key = f"market_potential.col.{column}"
    text = t(key, lang) if key in catalogue() else str(column)
    return f"{text}, {unit}" if unit and column in _UNIT_COLUMNS else text


def place_label(value, lang: str = "en") -> str:
    """A territory or segment for people: itself, or "(not given)" for an unknown one."""
    return t("ret.unknown", lang) if value is None or value is pd.NA or value == UNKNOWN else str(value)


def method_label(method: str, lang: str = "en") -> str:
    """A method id of :data:`~kbcore.analyses.market_potential.METHODS` in words."""
    return t(f"market_potential.method.{method}", lang)


def source_label(source: str, lang: str = "en") -> str:
    """Where a client's potential comes from (``card``, ``market_cell``, ``none``) in words."""
    return t(f"market_potential.source.{source}", lang)


def _table(df: pd.DataFrame, lang: str, *, currency: str, unit: str = "",
           money: Iterable[str] = (), units: Iterable[str] = (), pct: Iterable[str] = (),
           ints: Iterable[str] = (), places: Iterable[str] = ()) -> pd.DataFrame:
    """``df`` as text: each column formatted by its kind, headers from the catalogue."""
    money, units, pct, ints, places = set(money), set(units), set(pct), set(ints), set(places)
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        values = df[col]
        if col in money:
            text = [fmt_money(v, lang, currency=currency) for v in values]
        elif col in units:
            text = [fmt_number(v, lang) for v in values]
        elif col in pct:
            text = [fmt_pct(v, lang, 1) for v in values]
        elif col in ints:
            text = [fmt_number(v, lang) for v in values]
        elif col in places:
            text = [place_label(v, lang) for v in values]
        elif pd.api.types.is_bool_dtype(values):
            text = [t("market_potential.yes", lang) if v else "" for v in values]
        else:
            text = ["—" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
                    else str(v) for v in values]
        out[header(col, lang, unit)] = pd.array(text, dtype="string")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- build-up
def build_up_table(build: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY,
                   unit: str = "") -> pd.DataFrame:
    """:func:`~kbcore.analyses.market_potential.build_up` for people: the market's and our cards' potential."""
    by = build.attrs.get("by", C.region)
    cols = [by, C.companies, "potential", "potential_units", "clients_known", "client_potential",
            "client_potential_units", "coverage"]
    return _table(build[cols], lang, currency=currency, unit=unit, places=[by],
                  money=["potential", "client_potential"],
                  units=["potential_units", "client_potential_units"],
                  ints=[C.companies, "clients_known"], pct=["coverage"])


def build_up_note(build: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY) -> str:
    """The build-up in one sentence: the national potential and how much of it our cards name."""
    if "market" in build.attrs.get("missing", []):
        return needs_notes(build, lang)
    total = build["potential"].sum(min_count=1)
    ours = build["client_potential"].sum(min_count=1)
    text = t("market_potential.build.note", lang, total=fmt_money(total, lang, currency=currency),
             ours=fmt_money(ours, lang, currency=currency),
             coverage=fmt_pct(ours / total if total and total > 0 and not math.isnan(ours) else math.nan,
                              lang, 1),
             clients=tn("market_potential.clients_count", int(build["clients_known"].sum()), lang))
    more = needs_notes(build, lang, skip=("market",))
    return f"{text} {more}".strip()


# --------------------------------------------------------------------------- chain ratio
def _factor(kind: str, value: float, lang: str, currency: str) -> str:
    if kind == "share":
        return fmt_pct(value, lang, 1)
    if kind == "price":
        return fmt_money(value, lang, currency=currency, digits=2)
    return fmt_number(value, lang, 0 if float(value).is_integer() else 2)


def chain_table(chain: ChainResult, lang: str = "en") -> pd.DataFrame:
    """The chain step by step: what each number is, its value, the running result and its source."""
    tpl = chain.template
    steps = (tpl.base, *tpl.steps)
    rows = []
    for step, (_, row) in zip(steps, chain.table.iterrows(), strict=True):
        factor = (fmt_number(step.value, lang) if step.kind == "base"
                  else "× " + _factor(step.kind, step.value, lang, tpl.currency))
        running = (fmt_money(row["value"], lang, currency=tpl.currency) if row["is_money"]
                   else fmt_number(row["value"], lang))
        rows.append((step.label.get(lang, step.label["en"]), factor,
                     f"{running} ({step.result.get(lang, step.result['en'])})",
                     step.source if isinstance(step.source, str) else step.source.get(lang, step.source["en"])))
    cols = [header(c, lang) for c in ("step", "factor", "value", C.source)]
    return pd.DataFrame(rows, columns=cols).astype("string")


def chain_note(chain: ChainResult, lang: str = "en") -> str:
    """The chain's market and result in one sentence; "illustrative example" when it is one."""
    tpl = chain.template
    text = t("market_potential.chain.note", lang, title=tpl.title.get(lang, tpl.title["en"]),
             units=fmt_number(chain.potential_units, lang),
             money=fmt_money(chain.potential, lang, currency=tpl.currency))
    if tpl.example:
        text += " " + t("market_potential.chain.example", lang)
    return text


# --------------------------------------------------------------------------- index
def index_table(index: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY,
                top: int | None = None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.market_potential.market_index` for people (the factors it weighed)."""
    used = list(index.attrs.get("weights_used", {}))
    cols = [C.region, *(f"{f}_share" for f in used), "index"]
    if index["potential"].notna().any():
        cols.append("potential")
    view = index.head(top) if top else index
    return _table(view[cols], lang, currency=currency, places=[C.region], money=["potential"],
                  pct=[c for c in cols if c.endswith("_share") or c == "index"])


def index_note(index: pd.DataFrame, lang: str = "en") -> str:
    """The index's formula with the weights used, and what is missing."""
    used = index.attrs.get("weights_used", {})
    if not used:
        return needs_notes(index, lang)
    parts = " + ".join(f"{fmt_pct(w, lang, 0)} · {t(f'market_potential.factor.{f}', lang)}"
                       for f, w in used.items())
    text = t("market_potential.index.note", lang, formula=parts)
    return f"{text} {needs_notes(index, lang)}".strip()


# --------------------------------------------------------------------------- methods side by side
def methods_table(comparison: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY,
                  unit: str = "", top: int | None = None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.market_potential.compare_methods` for people: a column per method."""
    known = [m for m in METHODS if comparison[m].notna().any()]
    view = (comparison.head(top) if top else comparison)[[C.region, *known, "spread", "spread_pct"]]
    value = comparison.attrs.get("measure", "value") == "value"
    out = _table(view, lang, currency=currency, places=[C.region],
                 money=[*known, "spread"] if value else [], units=[] if value else [*known, "spread"],
                 pct=["spread_pct"])
    return out.rename(columns={header(m, lang): method_label(m, lang) for m in known})


def methods_note(comparison: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY) -> str:
    """The national total of each method in one sentence, and the methods that have no data."""
    totals = comparison.attrs.get("totals", {})
    value = comparison.attrs.get("measure", "value") == "value"
    parts = [f"{method_label(m, lang)} — "
             + (fmt_money(v, lang, currency=currency) if value else fmt_number(v, lang))
             for m, v in totals.items() if v is not None and not math.isnan(v)]
    text = t("market_potential.methods.note", lang, totals="; ".join(parts)) if parts else ""
    frm = comparison.attrs.get("index_total_from")
    if frm in ("build_up", "chain_ratio") and "index" not in comparison.attrs.get("missing", []):
        text += " " + t("market_potential.methods.index_total", lang, method=method_label(frm, lang))
    lacking = [method_label(m, lang) for m in comparison.attrs.get("missing", [])]
    if lacking:
        text += " " + t("market_potential.methods.lacking", lang, methods=", ".join(lacking))
    return text.strip()


# --------------------------------------------------------------------------- territories
def shares_table(shares: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY,
                 unit: str = "", top: int | None = None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.market_potential.territory_shares` for people: share, gap, white spots."""
    cols = ["rank", C.region, "potential", "our_sales", "market_share", "target_share", "gap",
            "white_spot"]
    value = shares.attrs.get("measure", "value") == "value"
    money = ["potential", "our_sales", "gap"]
    return _table((shares.head(top) if top else shares)[cols], lang, currency=currency, unit=unit,
                  places=[C.region], ints=["rank"], pct=["market_share", "target_share"],
                  money=money if value else [], units=[] if value else money)


def shares_note(shares: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY) -> str:
    """The white-spot rule with its thresholds, how many were found, and the total gap."""
    a = shares.attrs
    if not len(shares):
        return needs_notes(shares, lang)
    value = a.get("measure", "value") == "value"
    fmt = (lambda v: fmt_money(v, lang, currency=currency)) if value else (lambda v: fmt_number(v, lang))
    target = (t("market_potential.shares.target_national", lang) if a.get("target") == "national"
              else t("market_potential.shares.target_given", lang))
    return t("market_potential.shares.note", lang, method=method_label(a["method"], lang),
             national=fmt_pct(a["national_share"], lang, 1),
             potential=fmt(a["potential_threshold"]), share=fmt_pct(a["share_threshold"], lang, 1),
             spots=tn("market_potential.white_spots_count", int(shares["white_spot"].sum()), lang),
             gap=fmt(shares["gap"].sum(min_count=1)), target=target)


# --------------------------------------------------------------------------- clients
def clients_table(clients: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY,
                  top: int | None = 15, units: bool = False) -> pd.DataFrame:
    """:func:`~kbcore.analyses.market_potential.client_potentials` for people, the largest untapped first.

    ``units=True`` shows the potential, our sales and the untapped part in units.
    """
    unit = clients.attrs.get("unit", "")
    if units:
        cols = ["rank", C.name, C.region, "potential_units", "potential_units_source", "our_units",
                "share_units", "untapped_units"]
    else:
        cols = ["rank", C.name, C.region, "potential", "potential_source", "our_sales", "share",
                "untapped"]
    view = (clients.head(top) if top else clients)[cols].copy()
    view[C.name] = view[C.name].fillna(clients[C.client_id])
    for col in ("potential_source", "potential_units_source"):
        if col in view.columns:
            view[col] = pd.array([source_label(s, lang) for s in view[col]], dtype="string")
    return _table(view, lang, currency=currency, unit=unit, places=[C.region], ints=["rank"],
                  money=["potential", "our_sales", "untapped"],
                  units=["potential_units", "our_units", "untapped_units"],
                  pct=["share", "share_units"])


def clients_note(clients: pd.DataFrame, lang: str = "en", *, currency: str = CURRENCY) -> str:
    """Where the clients' potentials come from, the sales window and the untapped total."""
    a = clients.attrs
    src = a.get("sources", {})
    text = t("market_potential.clients.note", lang,
             start=fmt_date(a.get("window_start"), lang), end=fmt_date(a.get("window_end"), lang),
             card=tn("market_potential.clients_count", src.get("card", 0), lang),
             cell=tn("market_potential.clients_count", src.get("market_cell", 0), lang),
             untapped=fmt_money(clients["untapped"].sum(min_count=1), lang, currency=currency))
    if src.get("none", 0):
        text += " " + tn("market_potential.clients.none", src["none"], lang)
    return text


# --------------------------------------------------------------------------- missing data
def needs_notes(result: pd.DataFrame, lang: str = "en", *, skip: Iterable[str] = ()) -> str:
    """One sentence per missing-data id of ``result.attrs["missing"]``: what would enable it."""
    skip = set(skip)
    ids = [m for m in result.attrs.get("missing", []) if m in NEEDS and m not in skip]
    return " ".join(t(NEEDS[m][1], lang) for m in ids)


# --------------------------------------------------------------------------- key figures
def _has(frame: pd.DataFrame | None, *ids: str) -> bool:
    return frame is not None and not set(ids) & set(frame.attrs.get("missing", []))


def market_potential_figures(build: pd.DataFrame, chain: ChainResult | None,
                             shares: pd.DataFrame, clients: pd.DataFrame, lang: str = "en", *,
                             currency: str = CURRENCY, unit: str = "") -> list[Figure]:
    """Topic 1's key figures; a figure whose data the company did not provide says so.

    The market's potential by the build-up (value, units), by the chain (an example when the template
    is one), the sum of our clients' potentials, our market share, the white spots, the gap to the
    target share and the clients' untapped potential. ``unit`` names the unit of the potential in
    units (the products' unit, e.g. "л").
    """
    money = lambda v: fmt_money(v, lang, currency=currency)  # noqa: E731
    rows = []
    market = _has(build, "market")
    need_m = missing("market_potential.need_short.market", lang)
    rows.append(Figure(t("market_potential.kf.build_up", lang),
                       money(build["potential"].sum(min_count=1)) if market
                       and build["potential"].notna().any() else need_m, None if market else "market"))
    units = market and build["potential_units"].notna().any()
    rows.append(Figure(t("market_potential.kf.build_up_units", lang),
                       (fmt_number(build["potential_units"].sum(), lang) + (f"\xa0{unit}" if unit else "")) if units
                       else missing("market_potential.need_short.market_units", lang),
                       None if units else "market.consumption_units_per_company"))
    if chain is not None:
        label = t("market_potential.kf.chain", lang)
        rows.append(Figure(example(label, lang) if chain.template.example else label,
                           fmt_money(chain.potential, lang, currency=chain.template.currency)))
    known = build["client_potential"].notna().any()
    rows.append(Figure(t("market_potential.kf.bottom_up", lang),
                       money(build["client_potential"].sum()) if known
                       else missing("market_potential.need_short.potential", lang),
                       None if known else "clients.potential"))
    has_shares = len(shares) > 0
    label_share = t("market_potential.kf.share", lang, method=method_label(
        shares.attrs.get("method", "build_up"), lang))
    rows.append(Figure(label_share, fmt_pct(shares.attrs["national_share"], lang, 1)
                       if has_shares else need_m, None if has_shares else "market"))
    rows.append(Figure(t("market_potential.kf.white_spots", lang),
                       fmt_number(int(shares["white_spot"].sum()), lang) if has_shares else need_m,
                       None if has_shares else "market"))
    rows.append(Figure(t("market_potential.kf.gap", lang),
                       money(shares["gap"].sum()) if has_shares else need_m,
                       None if has_shares else "market"))
    has_pot = clients["potential"].notna().any()
    rows.append(Figure(t("market_potential.kf.untapped", lang),
                       money(clients["untapped"].sum()) if has_pot
                       else missing("market_potential.need_short.potential", lang),
                       None if has_pot else "clients.potential"))
    return rows

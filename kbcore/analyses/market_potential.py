"""Program 004, topic 1 · Market potential: three methods, the territories, down to the client.

The market potential is what all buyers of a market could buy of the category in a year (Kotler &
Keller: "the maximum amount of sales that might be available to all the firms in an industry during
a given period"). The topic estimates it three ways, side by side, then compares it with our sales:

* **build-up** (B2B) — :func:`market_cells`, :func:`build_up`: per segment × territory cell of the
  market table, companies × consumption per company, in value and in units; next to it the
  **bottom-up** sum of our clients' own potentials (``clients.potential``) per territory;
* **chain-ratio** — :func:`chain_ratio`: a base number × a chain of shares and ratios, each a
  parameter with its source, read from an editable template (:func:`load_chain_template`,
  ``data/templates/kpi_chain_ratio.yaml``); split over the territories by :func:`chain_by_territory`;
* **index** — :func:`market_index`: a weighted multiple-factor index per territory, such as the
  Buying Power Index (BPI = 0.5 · income share + 0.3 · retail-sales share + 0.2 · population
  share), giving each territory's share of a national total;
* :func:`compare_methods` — the methods per territory and their spread;
* :func:`our_sales` and :func:`territory_shares` — our sales against the potential per territory:
  market share, white spots (a rule with parameters, :class:`WhiteSpotRule`), the revenue gap to a
  target share (:func:`market_share_targets` reads the targets table);
* :func:`client_potentials` — down to the client: each client's potential (its card, or its cell's
  consumption per company) against our sales to it, ranked by untapped potential per territory.

Everything returned is numbers, ids and tables; what the data did not allow is listed as ids in
``attrs["missing"]`` (``"market"``, ``"market.consumption_units_per_company"``, ``"territories"``,
``"territories.income"``, ``"clients"``, ``"clients.potential"``, ``"sales.quantity"``,
``"products.unit"``, ``"units_mixed"`` …), never as sentences.

Sources: P. Kotler, K. L. Keller, *Marketing Management*, 15th ed., Pearson 2016, ch. 4
("Estimating demand": total market potential, the chain-ratio method, area market potential by the
market-buildup and the multiple-factor index methods, the Buying Power Index of Sales & Marketing
Management's annual *Survey of Buying Power*); G. L. Lilien, P. Kotler, K. S. Moorthy, *Marketing
Models*, Prentice Hall 1992, ch. 6 (market potential); the white-spot rule and the gap to a target
share are our reading.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses._ids import text as _text
from kbcore.analyses._template import (
    read_template,
    template_error,
    template_keys,
    template_number,
    template_texts,
)
from kbcore.analyses._window import months_back
from kbcore.analyses.money_zones import ZoneRules, money_zones
from kbcore.analyses.units import client_quantity
from kbcore.facts import Facts, period_bounds
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "TEMPLATE",
    "METHODS",
    "MEASURES",
    "STEP_KINDS",
    "INDEX_FACTORS",
    "BPI_WEIGHTS",
    "CELL_COLUMNS",
    "BUILD_UP_COLUMNS",
    "CHAIN_COLUMNS",
    "INDEX_COLUMNS",
    "COMPARE_COLUMNS",
    "SALES_COLUMNS",
    "SHARE_COLUMNS",
    "CLIENT_COLUMNS",
    "ChainStep",
    "ChainTemplate",
    "ChainResult",
    "WhiteSpotRule",
    "market_cells",
    "build_up",
    "chain_template",
    "load_chain_template",
    "chain_ratio",
    "chain_by_territory",
    "market_index",
    "compare_methods",
    "our_sales",
    "market_share_targets",
    "territory_shares",
    "client_potentials",
    "focus_territory",
]

TEMPLATE = TEMPLATES_DIR / "kpi_chain_ratio.yaml"
"""The editable chain-ratio template (an illustrative example: lubricants in Bulgaria)."""
METHODS = ("build_up", "bottom_up", "chain_ratio", "index")
"""The estimates of :func:`compare_methods` (column names; catalogue ``market_potential.method.<id>``)."""
MEASURES = ("value", "units")
"""Potential in money (value) or in units of the product (units, e.g. litres)."""
STEP_KINDS = ("share", "ratio", "price")
"""A chain step is a share (0–1), a ratio (> 0: per unit of the running number) or the price (last)."""
INDEX_FACTORS = (C.income, C.retail_sales, C.population, C.businesses)
"""The factors of the territories table an index may weigh."""
BPI_WEIGHTS = {C.income: 0.5, C.retail_sales: 0.3, C.population: 0.2}
"""The Buying Power Index weights (Sales & Marketing Management's Survey of Buying Power)."""

CELL_COLUMNS = [C.segment, C.region, C.companies, C.consumption_per_company,
                C.consumption_units_per_company, "potential", "potential_units"]
BUILD_UP_COLUMNS = [C.companies, "potential", "potential_units", "clients", "clients_known",
                    "client_potential", "clients_known_units", "client_potential_units", "coverage",
                    "coverage_units"]
"""The columns of :func:`build_up` after the ``by`` column."""
CHAIN_COLUMNS = ["step", "kind", "factor", "value", "is_money", "source"]
INDEX_COLUMNS = [C.region, *(f"{f}_share" for f in INDEX_FACTORS), "index", "potential",
                 "potential_units"]
COMPARE_COLUMNS = [C.region, *METHODS, "methods", "low", "high", "spread", "spread_pct"]
SALES_COLUMNS = [C.client_id, C.name, C.segment, C.region, "revenue_year", "quantity_year"]
SHARE_COLUMNS = [C.region, "potential", "our_sales", "clients", "market_share", "target_share",
                 "target_sales", "gap", "high_potential", "low_share", "white_spot", "rank"]
CLIENT_COLUMNS = [C.client_id, C.name, C.segment, C.region, "potential", "potential_source",
                  "potential_units", "potential_units_source", "our_sales", "our_units", "share",
                  "share_units", "untapped", "untapped_units", "rank"]
POTENTIAL_SOURCES = ("card", "market_cell", "none")
"""Where a client's potential comes from in :func:`client_potentials`."""

_KIND = "chain_ratio"


def _missing(*ids: str) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))


def _num(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def _check_measure(measure: str) -> str:
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    return measure


def _check_months(months) -> int:
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"months must be a whole number ≥ 1, not {months!r}")
    return int(months)


# =========================================================================== build-up
def market_cells(market: pd.DataFrame | None) -> pd.DataFrame:
    """The market table's cells with their potential in value and in units (the build-up method).

    Per cell (segment s × territory r; rows repeated for one cell are added up)::

        potential       = companies × consumption_per_company          (money a year)
        potential_units = companies × consumption_units_per_company    (units a year, e.g. litres)

    and the cell's consumption per company = potential / companies (its weighted mean).

    Parameters
    ----------
    market : DataFrame or None
        ``segment, region, companies, consumption_per_company`` (optional
        ``consumption_units_per_company``).

    Returns
    -------
    DataFrame
        :data:`CELL_COLUMNS`, sorted by segment, region; a segment or region left empty reads
        ``"unknown"``. ``attrs["missing"]``: ``"market"`` (no table, or no ``segment`` /
        ``region`` / ``companies``), ``"market.consumption_per_company"``,
        ``"market.consumption_units_per_company"``; the columns they would fill are NaN.

    Source: Kotler & Keller, *Marketing Management* (2016), ch. 4, the market-buildup method
    ("identifying all the potential buyers in each market and estimating their potential purchases").
    """
    need = (C.segment, C.region, C.companies)
    if market is None or any(col not in market.columns for col in need):
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in CELL_COLUMNS})
        out = out.astype({C.segment: "string", C.region: "string"})
        out.attrs["missing"] = ["market"]
        return out
    companies = _num(market, C.companies)
    frame = pd.DataFrame({
        C.segment: _text(market[C.segment]), C.region: _text(market[C.region]),
        C.companies: companies,
        "potential": companies * _num(market, C.consumption_per_company),
        "potential_units": companies * _num(market, C.consumption_units_per_company),
    })
    g = frame.groupby([C.segment, C.region], sort=True)
    out = pd.DataFrame({
        C.companies: g[C.companies].sum(min_count=1),
        "potential": g["potential"].sum(min_count=1),
        "potential_units": g["potential_units"].sum(min_count=1),
    }).reset_index()
    out[C.consumption_per_company] = (out["potential"] / out[C.companies]).where(out[C.companies] > 0)
    out[C.consumption_units_per_company] = (out["potential_units"]
                                            / out[C.companies]).where(out[C.companies] > 0)
    out = out[CELL_COLUMNS].astype({C.segment: "string", C.region: "string"})
    out.attrs["missing"] = _missing(
        "" if C.consumption_per_company in market.columns else "market.consumption_per_company",
        "" if C.consumption_units_per_company in market.columns
        else "market.consumption_units_per_company")
    return out


def build_up(
    market: pd.DataFrame | None,
    clients: pd.DataFrame | None = None,
    *,
    by: str = C.region,
) -> pd.DataFrame:
    """The build-up potential per territory (or segment) beside the bottom-up sum of client potentials.

    Formulas (g = a territory, or a segment with ``by="segment"``)::

        potential(g)              = Σ over the cells of g of companies × consumption_per_company
        potential_units(g)        = Σ companies × consumption_units_per_company
        client_potential(g)       = Σ clients.potential of the clients of g that have one
        client_potential_units(g) = Σ clients.potential_units, likewise
        coverage(g)               = client_potential / potential   (how much of the market our
                                                                     client cards already name)

    Parameters
    ----------
    market : DataFrame or None
        The market table (:func:`market_cells`).
    clients : DataFrame, optional
        Client cards: ``region`` / ``segment``, ``potential``, ``potential_units``.
    by : {"region", "segment"}
        The level of the rows (default the territory).

    Returns
    -------
    DataFrame
        ``by`` then :data:`BUILD_UP_COLUMNS`, one row per group of the market or of the cards,
        sorted by potential descending (unknown last), then client potential, then the name.
        ``clients`` counts the cards, ``clients_known`` those with a potential (the sum is NaN
        when none has one). ``attrs``: ``missing`` (:func:`market_cells`' ids and ``"clients"``,
        ``"clients.<by>"``, ``"clients.potential"``, ``"clients.potential_units"``), ``by``.

    Source: Kotler & Keller (2016), ch. 4 — the market-buildup method; the sum of account
    potentials ("bottom-up") as in McDonald & Rogers, *Key Account Management* (1998).
    """
    if by not in (C.region, C.segment):
        raise ValueError(f"by must be 'region' or 'segment', not {by!r}")
    cells = market_cells(market)
    missing = list(cells.attrs["missing"])
    g = cells.groupby(by, sort=True)
    out = pd.DataFrame({
        C.companies: g[C.companies].sum(min_count=1),
        "potential": g["potential"].sum(min_count=1),
        "potential_units": g["potential_units"].sum(min_count=1),
    })
    has_cards = clients is not None and C.client_id in clients.columns
    if not has_cards:
        missing.append("clients")
        cards = pd.DataFrame({by: pd.Series(dtype="string")})
    else:
        cards = clients.drop_duplicates(C.client_id)
        if by not in cards.columns:
            missing.append(f"clients.{by}")
        for col in (C.potential, C.potential_units):
            if col not in cards.columns:
                missing.append(f"clients.{col}")
    group = _text(cards[by]) if by in cards.columns else pd.Series(UNKNOWN, index=cards.index,
                                                                      dtype="string")
    pot = _num(cards, C.potential).where(lambda s: s >= 0)
    pot_u = _num(cards, C.potential_units).where(lambda s: s >= 0)
    cg = pd.DataFrame({"g": group, "p": pot, "u": pot_u}).groupby("g", sort=True)
    ours = pd.DataFrame({
        "clients": cg.size(),
        "clients_known": cg["p"].count(),
        "client_potential": cg["p"].sum(min_count=1),
        "clients_known_units": cg["u"].count(),
        "client_potential_units": cg["u"].sum(min_count=1),
    })
    out = out.join(ours, how="outer")
    out.index.name = by
    for col in ("clients", "clients_known", "clients_known_units"):
        out[col] = out[col].fillna(0).astype("int64")
    out["coverage"] = (out["client_potential"] / out["potential"]).where(out["potential"] > 0)
    out["coverage_units"] = (out["client_potential_units"]
                             / out["potential_units"]).where(out["potential_units"] > 0)
    out = out.reset_index()
    out[by] = out[by].astype("string")
    out["_unknown"] = out[by] == UNKNOWN
    out = out.sort_values(["_unknown", "potential", "client_potential", by],
                          ascending=[True, False, False, True], na_position="last", kind="mergesort")
    out = out[[by, *BUILD_UP_COLUMNS]].reset_index(drop=True)
    for col in BUILD_UP_COLUMNS:
        if col not in ("clients", "clients_known", "clients_known_units"):
            out[col] = out[col].astype("float64")
    out.attrs.update(missing=_missing(*missing), by=by)
    return out


# =========================================================================== chain ratio
@dataclass(frozen=True)
class ChainStep:
    """One step of a chain: the base number, or a factor that multiplies the running number.

    Attributes
    ----------
    id : str
        The step's id (``"base"`` for the base number).
    kind : str
        ``"base"``, or one of :data:`STEP_KINDS`: ``share`` (0–1), ``ratio`` (> 0, per unit of the
        running number), ``price`` (money per unit: the running number becomes money; last).
    value : float
        The number (the base, or the factor).
    label : dict
        ``{en, ru, bg}``: what the number is ("share of cars serviced in workshops").
    result : dict
        ``{en, ru, bg}``: what the running number is after this step ("oil changes a year").
    source : str or dict
        Where the number comes from (a statistics office, an estimate, a trade body …): one text, or
        ``{en, ru, bg}``.
    """

    id: str
    kind: str
    value: float
    label: dict
    result: dict
    source: str


@dataclass(frozen=True)
class ChainTemplate:
    """A chain-ratio estimate as its template writes it (:func:`load_chain_template`).

    Attributes
    ----------
    title : dict
        ``{en, ru, bg}``: the market estimated.
    base : ChainStep
        The base number (kind ``"base"``).
    steps : tuple of ChainStep
        The factors in order; at most one ``price`` step, the last.
    example : bool
        True when the numbers are an illustrative example (views label the results "example").
    currency : str
        The ISO 4217 code of the price step's money (default ``"EUR"``).
    split_by : str
        The territories column that splits the national result over the territories
        (:func:`chain_by_territory`; default ``population``).
    file : str or None
        The file read (None for a template built from a dict).
    """

    title: dict
    base: ChainStep
    steps: tuple[ChainStep, ...]
    example: bool = True
    currency: str = "EUR"
    split_by: str = C.population
    file: str | None = None


_BASE_FORM = "{value: 3300000, label: {en: …, ru: …, bg: …}, result: {…}, source: …}"
_STEP_FORM = "{id: serviced, kind: share, value: 0.6, label: {en: …, ru: …, bg: …}, result: {…}, source: …}"
_STEP_KEYS = {"id", "kind", "value", "label", "result", "source"}
_EXAMPLES = {"id": "oil_changes", "kind": "share", "value": "0.6",
             "label": "{en: …, ru: …, bg: …}", "result": "{en: …, ru: …, bg: …}",
             "source": "\"National Statistical Institute, 2025\"", "title": "{en: …, ru: …, bg: …}",
             "base": _BASE_FORM, "steps": "[" + _STEP_FORM + "]"}


def _chain_step(raw, file, where: str, *, base: bool) -> ChainStep:
    allowed = _STEP_KEYS - {"id", "kind"} if base else _STEP_KEYS
    required = ("value", "label", "result", "source") if base else (
        "id", "kind", "value", "label", "result", "source")
    template_keys(_KIND, raw, allowed, file, where, (), _BASE_FORM if base else _STEP_FORM)
    for name in required:
        if raw.get(name) is None:
            template_error(_KIND, "missing_key", file, f"{where}.{name}",
                           form=f"{name}: {_EXAMPLES[name]}")
    if base:
        sid, kind = "base", "base"
    else:
        sid = str(raw["id"]).strip()
        if sid == "base" or not re.fullmatch(r"[a-z][a-z0-9_]*", sid):
            template_error(_KIND, "bad_id", file, f"{where}.id", id=sid, example="oil_changes")
        kind = raw["kind"]
        if kind not in STEP_KINDS:
            template_error(_KIND, "chain_step_kind", file, f"{where}.kind", value=kind,
                           allowed=", ".join(STEP_KINDS))
    key = f"{where}.value"
    if kind == "share":
        value = template_number(_KIND, raw["value"], file, key, low=0.0, high=1.0, example="0.6",
                                what="chain_share")
    else:
        value = template_number(_KIND, raw["value"], file, key, low=0.0, example="1.5",
                                what=f"chain_{kind}")
        if value <= 0:
            template_error(_KIND, "zero", file, key, what=f"chain_{kind}", example="1.5")
    source = raw["source"]
    if isinstance(source, Mapping):
        source = template_texts(_KIND, source, file, f"{where}.source")
    elif isinstance(source, str) and source.strip():
        source = " ".join(source.split())
    else:
        template_error(_KIND, "chain_source", file, f"{where}.source")
    return ChainStep(sid, kind, value, template_texts(_KIND, raw["label"], file, f"{where}.label"),
                     template_texts(_KIND, raw["result"], file, f"{where}.result"), source)


def chain_template(data, *, file=None) -> ChainTemplate:
    """Validate a chain-ratio template given as a dict (the parsed YAML).

    Form (every text in en, ru and bg; every number with its ``source``)::

        title: {en: …, ru: …, bg: …}
        example: true            # optional (default true): the numbers are an illustration
        currency: EUR            # optional: the money of the price step
        split_by: population     # optional: the territories column that splits the result
        base: {value: 3300000, label: {…}, result: {…}, source: "…" or {en: …, ru: …, bg: …}}
        steps:
          - {id: serviced, kind: share, value: 0.6, label: {…}, result: {…}, source: "…"}
          - {id: changes, kind: ratio, value: 1.2, …}
          - {id: price, kind: price, value: 6.5, …}   # optional, last

    Rules: ``base.value`` > 0; ``steps`` a non-empty list; ids unique, not ``base``; ``kind`` one
    of :data:`STEP_KINDS`; a share lies in 0–1, a ratio and a price are > 0; at most one price
    step, the last; ``split_by`` one of :data:`INDEX_FACTORS`.

    Raises
    ------
    TemplateError
        A :class:`~kbcore.errors.KBDataError` (and a ``ValueError``) ``template.<problem>`` naming
        the file, the key (``steps[2].value``), what is wrong and what to do.

    Source: Kotler & Keller (2016), ch. 4, the chain-ratio method; the template's form is ours.
    """
    template_keys(_KIND, data, {"title", "example", "currency", "split_by", "base", "steps"}, file,
                  None, (), "title: {en: …, ru: …, bg: …}", shape_key="title")
    for name in ("title", "base", "steps"):
        if data.get(name) is None:
            template_error(_KIND, "missing_key", file, name, form=f"{name}: {_EXAMPLES[name]}")
    title = template_texts(_KIND, data["title"], file, "title")
    example = data.get("example", True)
    if not isinstance(example, bool):
        template_error(_KIND, "wrong_shape", file, "example", form="example: true")
    currency = data.get("currency", "EUR")
    if not isinstance(currency, str) or len(currency.strip()) != 3 or not currency.strip().isalpha():
        template_error(_KIND, "wrong_shape", file, "currency", form="currency: EUR")
    split_by = data.get("split_by", C.population)
    if split_by not in INDEX_FACTORS:
        template_error(_KIND, "unknown_measure", file, "split_by", what="chain_split", value=split_by,
                       allowed=", ".join(INDEX_FACTORS))
    base = _chain_step(data["base"], file, "base", base=True)
    if base.value <= 0:
        template_error(_KIND, "zero", file, "base.value", what="chain_base", example="3300000")
    raw_steps = data["steps"]
    if not isinstance(raw_steps, list) or not raw_steps:
        template_error(_KIND, "empty", file, "steps", form=f"steps: [{_STEP_FORM}]")
    steps: list[ChainStep] = []
    for i, raw in enumerate(raw_steps):
        where = f"steps[{i}]"
        step = _chain_step(raw, file, where, base=False)
        if any(s.id == step.id for s in steps):
            template_error(_KIND, "duplicate_id", file, f"{where}.id", id=step.id)
        if step.kind == "price" and i != len(raw_steps) - 1:
            template_error(_KIND, "chain_price_last", file, f"{where}.kind")
        steps.append(step)
    return ChainTemplate(title=title, base=base, steps=tuple(steps), example=example,
                         currency=currency.strip().upper(), split_by=split_by,
                         file=None if file is None else str(file))


def load_chain_template(path=None) -> ChainTemplate:
    """Read and validate a chain-ratio template (YAML): the only function here that reads a file.

    Parameters
    ----------
    path : str or Path, optional
        Default: :data:`TEMPLATE` (``data/templates/kpi_chain_ratio.yaml``, the lubricants market
        of Bulgaria as an illustrative example).

    Returns
    -------
    ChainTemplate
        See :func:`chain_template` for the rules.

    Raises
    ------
    TemplateError
        The file is missing, is not YAML, or breaks a rule (the message names the key).
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return chain_template(data, file=path)


@dataclass(frozen=True)
class ChainResult:
    """The result of :func:`chain_ratio`.

    Attributes
    ----------
    table : DataFrame
        :data:`CHAIN_COLUMNS`, the base then one row per step: its kind, factor (NaN for the base),
        the running value after it, whether that value is money, and its source.
    potential : float
        The result in money (NaN when the chain has no price step).
    potential_units : float
        The running value before the price step (the whole chain without one): the market in units.
    template : ChainTemplate
    """

    table: pd.DataFrame
    potential: float
    potential_units: float
    template: ChainTemplate


def chain_ratio(template: ChainTemplate) -> ChainResult:
    """The chain-ratio estimate: a base number times a chain of shares and ratios.

    Formula::

        value_0 = base
        value_k = value_{k−1} × factor_k                    (k = 1 … n)
        potential_units = value before the price step (value_n without one)
        potential       = value_n when the last step is the price, else NaN

    e.g. registered cars × share serviced in workshops × oil changes a year × litres per change
    = litres a year; × price per litre = money a year.

    Parameters
    ----------
    template : ChainTemplate
        :func:`load_chain_template` or :func:`chain_template`.

    Returns
    -------
    ChainResult

    Source: P. Kotler, K. L. Keller, *Marketing Management*, 15th ed. (2016), ch. 4, "chain-ratio
    method": "multiplying a base number by several adjusting percentages" (their example: a new
    light beer's market = population × per-capita income × share spent on food × share on beverages
    × …).
    """
    def src(step):
        return step.source if isinstance(step.source, str) else step.source["en"]

    rows = [("base", "base", np.nan, template.base.value, False, src(template.base))]
    value = template.base.value
    units = math.nan
    money = False
    for step in template.steps:
        if step.kind == "price":
            units = value
            money = True
        value = value * step.value
        rows.append((step.id, step.kind, step.value, value, money, src(step)))
    table = pd.DataFrame(rows, columns=CHAIN_COLUMNS).astype(
        {"step": "string", "kind": "string", "source": "string", "factor": "float64",
         "value": "float64", "is_money": bool})
    if not money:
        units = value
    return ChainResult(table=table, potential=value if money else math.nan,
                       potential_units=float(units), template=template)


def _territory_frame(territories: pd.DataFrame | None) -> pd.DataFrame | None:
    if territories is None or C.region not in territories.columns or not len(territories):
        return None
    frame = pd.DataFrame({C.region: _text(territories[C.region])})
    for f in INDEX_FACTORS:
        frame[f] = _num(territories, f).where(lambda s: s >= 0)
    agg = {f: (f, lambda s: s.sum(min_count=len(s))) for f in INDEX_FACTORS}
    return frame.groupby(C.region, sort=True).agg(**agg)


def chain_by_territory(chain: ChainResult, territories: pd.DataFrame | None, *,
                       split_by: str | None = None) -> pd.DataFrame:
    """The national chain-ratio result split over the territories by one factor.

    Formula::

        share_r           = x_r / Σ_r x_r      (x = split_by of the territories table, e.g. population)
        potential_r       = share_r × chain.potential
        potential_units_r = share_r × chain.potential_units

    Parameters
    ----------
    chain : ChainResult
        :func:`chain_ratio`.
    territories : DataFrame or None
        ``region`` and the ``split_by`` column.
    split_by : str, optional
        One of :data:`INDEX_FACTORS`; default the template's ``split_by``.

    Returns
    -------
    DataFrame
        ``region, share, potential, potential_units`` sorted by region; empty with
        ``attrs["missing"] = ["territories"]`` (or ``["territories.<split_by>"]``) without the data.
        ``attrs["split_by"]``.

    Source: Kotler & Keller (2016), ch. 4 (a national estimate allocated to areas by an index).
    """
    split_by = chain.template.split_by if split_by is None else split_by
    if split_by not in INDEX_FACTORS:
        raise ValueError(f"split_by must be one of {', '.join(INDEX_FACTORS)}, not {split_by!r}")
    cols = [C.region, "share", "potential", "potential_units"]
    frame = _territory_frame(territories)
    missing = ("territories" if frame is None
               else f"territories.{split_by}" if split_by not in territories.columns
               or frame[split_by].notna().sum() == 0 else "")
    if missing:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in cols}).astype({C.region: "string"})
        out.attrs.update(missing=[missing], split_by=split_by)
        return out
    x = frame[split_by]
    share = x / x.sum()
    out = pd.DataFrame({C.region: frame.index.astype("string"), "share": share.to_numpy(),
                        "potential": (share * chain.potential).to_numpy(),
                        "potential_units": (share * chain.potential_units).to_numpy()})
    out.attrs.update(missing=[], split_by=split_by)
    return out


# =========================================================================== index
def _check_weights(weights) -> dict[str, float]:
    if not isinstance(weights, Mapping) or not weights:
        raise ValueError("weights must be a non-empty dict {factor: weight}, e.g. "
                         f"{BPI_WEIGHTS!r}")
    out = {}
    for key, w in weights.items():
        if key not in INDEX_FACTORS:
            raise ValueError(f"weights: {key!r} is not a factor; use {', '.join(INDEX_FACTORS)}")
        if isinstance(w, bool) or not isinstance(w, numbers.Real) or not math.isfinite(w) or w < 0:
            raise ValueError(f"weights[{key!r}] must be a number ≥ 0, not {w!r}")
        out[key] = float(w)
    if sum(out.values()) <= 0:
        raise ValueError("weights: at least one weight must be above 0")
    return out


def market_index(
    territories: pd.DataFrame | None,
    *,
    weights: Mapping[str, float] | None = None,
    total: float | None = None,
    total_units: float | None = None,
) -> pd.DataFrame:
    """A weighted multiple-factor index per territory (the Buying Power Index by default).

    Formula (r = a territory, f = a factor with weight w_f, over the factors the table has)::

        share_f(r) = x_f(r) / Σ_r x_f(r)
        index(r)   = Σ_f w_f · share_f(r) / Σ_f w_f
        BPI(r)     = 0.5 · income share + 0.3 · retail-sales share + 0.2 · population share
        potential(r)       = index(r) × total          (when a national total is given)
        potential_units(r) = index(r) × total_units

    With weights summing to 1 the indexes of the territories add up to 1: each is the territory's
    share of the national potential. For a B2B market a weight on ``businesses`` (the share of
    active companies) often fits better than population.

    Parameters
    ----------
    territories : DataFrame or None
        ``region`` and the factors: ``income``, ``retail_sales``, ``population``, ``businesses``.
    weights : dict, optional
        ``{factor: weight ≥ 0}`` over :data:`INDEX_FACTORS`; default :data:`BPI_WEIGHTS`. A factor
        the table lacks is left out and the others' weights renormalised (listed in
        ``attrs["missing"]``).
    total, total_units : float, optional
        The national potential to share out (in money / in units).

    Returns
    -------
    DataFrame
        :data:`INDEX_COLUMNS`, one row per territory, sorted by index descending then region; a
        territory with a weighted factor unknown has index NaN (counted in
        ``attrs["incomplete"]``). ``attrs``: ``missing`` (``"territories"``,
        ``"territories.<factor>"``), ``weights`` (as given), ``weights_used`` (renormalised over
        the factors present), ``incomplete``.

    Source: Kotler & Keller (2016), ch. 4, area market potential by the multiple-factor index
    method; the Buying Power Index of Sales & Marketing Management's *Survey of Buying Power*.
    """
    weights = _check_weights(BPI_WEIGHTS if weights is None else weights)
    frame = _territory_frame(territories)
    if frame is None:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in INDEX_COLUMNS})
        out = out.astype({C.region: "string"})
        out.attrs.update(missing=["territories"], weights=weights, weights_used={}, incomplete=0)
        return out
    present = {f: w for f, w in weights.items()
               if f in territories.columns and frame[f].notna().any() and frame[f].sum() > 0}
    missing = [f"territories.{f}" for f in weights if f not in present]
    out = pd.DataFrame(index=frame.index)
    for f in INDEX_FACTORS:
        col = frame[f]
        out[f"{f}_share"] = (col / col.sum()) if col.notna().any() and col.sum() > 0 else np.nan
    wsum = sum(present.values())
    used = {f: w / wsum for f, w in present.items()} if wsum > 0 else {}
    if used:
        index = sum(out[f"{f}_share"] * w for f, w in used.items())
    else:
        index = pd.Series(np.nan, index=out.index)
    out["index"] = index.astype("float64")
    out["potential"] = out["index"] * (np.nan if total is None else float(total))
    out["potential_units"] = out["index"] * (np.nan if total_units is None else float(total_units))
    out = out.rename_axis(C.region).reset_index()
    out[C.region] = out[C.region].astype("string")
    out = out.sort_values(["index", C.region], ascending=[False, True], na_position="last",
                          kind="mergesort").reset_index(drop=True)[INDEX_COLUMNS]
    out.attrs.update(missing=_missing(*missing), weights=weights, weights_used=used,
                     incomplete=int(out["index"].isna().sum()) if used else 0)
    return out


# =========================================================================== the methods side by side
def compare_methods(
    build: pd.DataFrame | None = None,
    chain: pd.DataFrame | None = None,
    index: pd.DataFrame | None = None,
    *,
    measure: str = "value",
    index_total: float | None = None,
) -> pd.DataFrame:
    """The potential of each territory by each method, side by side, with their spread.

    Per territory r (a method without data is NaN)::

        build_up(r)    = Σ companies × consumption per company        (:func:`build_up`, by region)
        bottom_up(r)   = Σ clients.potential                           (:func:`build_up`)
        chain_ratio(r) = chain total × share of r                      (:func:`chain_by_territory`)
        index(r)       = index(r) × national total                     (:func:`market_index`)
        national total = index_total, else Σ build_up, else the chain total
        low, high      = min and max of the methods known for r
        spread         = high − low;   spread_pct = spread / mean of the known methods

    Parameters
    ----------
    build : DataFrame, optional
        :func:`build_up` with ``by="region"``.
    chain : DataFrame, optional
        :func:`chain_by_territory`.
    index : DataFrame, optional
        :func:`market_index` (its ``index`` column; its own potential is not used).
    measure : {"value", "units"}
        Money (default) or units (``potential_units`` columns).
    index_total : float, optional
        The national potential the index shares out (default: see above).

    Returns
    -------
    DataFrame
        :data:`COMPARE_COLUMNS`, one row per territory named by any method, sorted by the mean of
        the known methods descending, then region; ``methods`` counts the known ones. ``attrs``:
        ``measure``, ``totals`` ({method: national sum}), ``index_total_from`` (``"given"``,
        ``"build_up"``, ``"chain_ratio"`` or None), ``missing`` (the methods without numbers),
        ``unassigned`` ({method: amount} of the ``"unknown"`` territory — clients without a region —,
        left out of the rows).

    Source: Kotler & Keller (2016), ch. 4 — several methods for the same market, compared; the
    spread as a measure of the estimates' agreement is our reading.
    """
    _check_measure(measure)
    pcol = "potential" if measure == "value" else "potential_units"
    ccol = "client_potential" if measure == "value" else "client_potential_units"
    series: dict[str, pd.Series] = {}

    def by_region(frame, column):
        if frame is None or not len(frame) or C.region not in frame.columns or column not in frame:
            return None
        s = frame.set_index(frame[C.region].astype("string"))[column].astype("float64")
        s = s.groupby(level=0).sum(min_count=1)
        return s if s.notna().any() else None

    if build is not None and build.attrs.get("by", C.region) == C.region:
        series["build_up"] = by_region(build, pcol)
        series["bottom_up"] = by_region(build, ccol)
    series["chain_ratio"] = by_region(chain, pcol)
    total, source = index_total, "given" if index_total is not None else None
    if total is None and series.get("build_up") is not None:
        total, source = float(series["build_up"].sum()), "build_up"
    if total is None and series.get("chain_ratio") is not None:
        total, source = float(series["chain_ratio"].sum()), "chain_ratio"
    idx = by_region(index, "index")
    series["index"] = idx * total if idx is not None and total is not None else None
    unassigned = {}
    for m, s in list(series.items()):
        if s is not None and UNKNOWN in s.index:
            if not math.isnan(s[UNKNOWN]):
                unassigned[m] = float(s[UNKNOWN])
            s = s.drop(UNKNOWN)
            series[m] = s if s.notna().any() else None
    regions = pd.Index([], dtype="string")
    for s in series.values():
        if s is not None:
            regions = regions.union(s.index)
    out = pd.DataFrame(index=regions)
    for m in METHODS:
        s = series.get(m)
        out[m] = s.reindex(regions).astype("float64") if s is not None else np.nan
    vals = out[list(METHODS)]
    out["methods"] = vals.notna().sum(axis=1).astype("int64")
    out["low"] = vals.min(axis=1)
    out["high"] = vals.max(axis=1)
    out["spread"] = out["high"] - out["low"]
    mean = vals.mean(axis=1)
    out["spread_pct"] = (out["spread"] / mean).where(mean > 0)
    out["_mean"] = mean
    out = out.rename_axis(C.region).reset_index()
    out[C.region] = out[C.region].astype("string")
    out = out.sort_values(["_mean", C.region], ascending=[False, True], na_position="last",
                          kind="mergesort").reset_index(drop=True)[COMPARE_COLUMNS]
    totals = {m: (float(out[m].sum()) if out[m].notna().any() else math.nan) for m in METHODS}
    out.attrs.update(measure=measure, totals=totals, index_total_from=source, unassigned=unassigned,
                     missing=[m for m in METHODS if series.get(m) is None])
    return out


# =========================================================================== our sales
def _window(facts: Facts, as_of, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    hi = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    return months_back(hi, months)


def _units(facts: Facts, products: pd.DataFrame | None, lo, hi) -> tuple[pd.Series | None, str, str]:
    """Quantity per client over [lo, hi], the unit, and why it is unknown ('' when known).

    The rule of :mod:`kbcore.analyses.units` (one unit, never litres plus kilograms).
    """
    lines = facts.sales
    if C.quantity not in lines.columns:
        return None, "", "sales.quantity"
    if C.product_id not in lines.columns:
        return None, "", "products.unit"
    per, found = client_quantity(lines, products, lo, hi)
    if per is None:
        return None, "", "units_mixed" if len(found["units"]) > 1 else "products.unit"
    return per, found["unit"] or "", ""


def our_sales(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    *,
    months: int = 12,
    as_of=None,
) -> pd.DataFrame:
    """Our sales per client over the last ``months`` months, a year's worth, in value and in units.

    Formulas (W = the last ``months`` months to as_of, :func:`~kbcore.analyses._window.months_back`)::

        revenue_year  = Σ revenue of the client in W × 12 / months     (block 6's money in hand)
        quantity_year = Σ quantity of the client in W × 12 / months    (only when every product
                                                                         sold in W has the same unit)

    Parameters
    ----------
    facts : Facts
        The company's sales facts (quantity is read from ``facts.sales``: the facts carry value only).
    clients : DataFrame, optional
        Cards: ``name``, ``segment``, ``region`` (clients without one are in ``"unknown"``).
    products : DataFrame, optional
        ``product_id, unit``: the unit of ``sales.quantity``.
    months : int
        The window (default 12). as_of: its last day (default ``facts.as_of``).

    Returns
    -------
    DataFrame
        :data:`SALES_COLUMNS`, one row per client of the cards or the sales, sorted by client_id.
        ``attrs``: ``window_start``, ``window_end``, ``months``, ``unit`` (e.g. ``"l"``; ``""``
        when unknown), ``missing`` (``"sales.quantity"``, ``"products.unit"`` — no unit for some
        product sold —, ``"units_mixed"`` — several units: never summed —, ``"clients"``,
        ``"clients.region"``).

    Source: block 6's money in hand (:func:`~kbcore.analyses.money_zones.money_zones`), annualised.
    """
    months = _check_months(months)
    lo, hi = _window(facts, as_of, months)
    zones = money_zones(facts, clients, None, as_of=hi,
                        rules=ZoneRules(window_days=int((hi - lo).days) + 1, impute_potential="none"))
    cl = zones.clients
    scale = 12.0 / months
    out = pd.DataFrame({
        C.client_id: cl[C.client_id].astype("string"), C.name: cl[C.name].astype("string"),
        C.segment: cl[C.segment].astype("string"), C.region: cl[C.region].astype("string"),
        "revenue_year": cl["money_in_hand"].astype("float64") * scale,
    })
    per, unit, why = _units(facts, products, lo, hi)
    out["quantity_year"] = (out[C.client_id].map(per).astype("float64").fillna(0.0) * scale
                            if per is not None else np.nan)
    has = clients is not None and C.client_id in clients.columns
    out.attrs.update(window_start=lo, window_end=hi, months=months, unit=unit,
                     missing=_missing(why, "" if has else "clients",
                                      "" if has and C.region in clients.columns else "clients.region"))
    return out


# =========================================================================== territories
@dataclass(frozen=True)
class WhiteSpotRule:
    """The rule of a white spot: a territory of high potential where our share is low (our reading).

    Attributes
    ----------
    potential_quantile : float
        High potential: at or above this quantile of the territories' potentials (default 0.75,
        the top quarter).
    share_factor : float
        Low share: below ``share_factor`` × our share of the whole market (default 0.5: less than
        half our national share).
    max_share : float or None
        When given, low share is below this absolute share instead (e.g. 0.05).
    """

    potential_quantile: float = 0.75
    share_factor: float = 0.5
    max_share: float | None = None

    def __post_init__(self) -> None:
        for name, value, high in (("potential_quantile", self.potential_quantile, 1.0),
                                  ("share_factor", self.share_factor, None)):
            if (isinstance(value, bool) or not isinstance(value, numbers.Real)
                    or not math.isfinite(value) or value < 0 or (high is not None and value > high)):
                raise ValueError(f"WhiteSpotRule.{name} must be a number ≥ 0"
                                 f"{' and ≤ 1' if high else ''}, not {value!r}")
        if self.max_share is not None and (isinstance(self.max_share, bool)
                                           or not isinstance(self.max_share, numbers.Real)
                                           or not 0 <= self.max_share <= 1):
            raise ValueError(f"WhiteSpotRule.max_share must be None or a share 0–1, not {self.max_share!r}")


def market_share_targets(targets: pd.DataFrame | None, *, period: str | None = None,
                         kpi: str = "market_share") -> pd.Series:
    """The target market share per territory from the targets table.

    The rows of ``kpi`` (default ``"market_share"``) set on a region and on no other dimension
    (manager, business line, class, client), of ``period`` (default: the latest period that has
    such rows). A target above 1 is read as a percentage (12 → 0.12).

    Returns
    -------
    Series
        Target share by region (name ``target_share``); empty with ``attrs["missing"]`` =
        ``["targets"]`` when there is no such row. ``attrs["period"]``.
    """
    empty = pd.Series(dtype="float64", name="target_share")
    empty.index = empty.index.astype("string")
    need = {C.period, C.kpi, C.target, C.region}
    if targets is None or not need <= set(targets.columns):
        empty.attrs.update(missing=["targets"], period=None)
        return empty
    rows = targets.loc[targets[C.kpi].astype("string").str.strip() == kpi]
    rows = rows.loc[rows[C.region].astype("string").str.strip().fillna("") != ""]
    for col in (C.manager, C.business_line, C.category, C.client_id):
        if col in rows.columns:
            rows = rows.loc[rows[col].astype("string").str.strip().fillna("") == ""]
    if not len(rows):
        empty.attrs.update(missing=["targets"], period=None)
        return empty
    periods = rows[C.period].astype("string").str.strip()
    period = str(period) if period is not None else str(periods.max())
    rows = rows.loc[periods == period]
    value = pd.to_numeric(rows[C.target], errors="coerce").astype("float64")
    value = value.where(value <= 1, value / 100.0)
    out = value.groupby(_text(rows[C.region])).mean().rename("target_share")
    out.index = out.index.astype("string")
    out.attrs.update(missing=[] if len(out) else ["targets"], period=period)
    return out


def territory_shares(
    potential: pd.DataFrame,
    sales: pd.DataFrame,
    *,
    method: str = "build_up",
    measure: str = "value",
    target_share=None,
    rule: WhiteSpotRule = WhiteSpotRule(),
) -> pd.DataFrame:
    """Our sales against the potential per territory: market share, white spots, gap to a target.

    Formulas (r = a territory with a potential by ``method``)::

        our_sales(r)    = Σ revenue_year (or quantity_year) of the clients of r   (:func:`our_sales`)
        market_share(r) = our_sales(r) / potential(r)
        national share  = Σ_r our_sales / Σ_r potential
        target_share(r) = the target given (a number, or per territory), else the national share
        target_sales(r) = target_share(r) × potential(r)
        gap(r)          = max(target_sales(r) − our_sales(r), 0)     (the revenue still to win)
        high_potential  = potential(r) ≥ the rule's quantile of the potentials
        low_share       = market_share(r) < share_factor × national share (or < max_share)
        white_spot      = high_potential and low_share
        rank            = by gap descending (then potential descending, region)

    Parameters
    ----------
    potential : DataFrame
        :func:`compare_methods` (one column per method), or any table with ``region`` and a
        ``potential`` column (then ``method`` is not used).
    sales : DataFrame
        :func:`our_sales`.
    method : str
        One of :data:`METHODS` (default the build-up).
    measure : {"value", "units"}
        Money (revenue_year) or units (quantity_year).
    target_share : float, dict or Series, optional
        The target market share, one for all or per territory (:func:`market_share_targets`); a
        territory without one gets NaN target and gap. Default: the national share.
    rule : WhiteSpotRule

    Returns
    -------
    DataFrame
        :data:`SHARE_COLUMNS`, sorted by rank. ``attrs``: ``method``, ``measure``,
        ``national_share``, ``potential_threshold`` (the high-potential line), ``share_threshold``
        (the low-share line), ``target`` (``"national"``, ``"given"``), ``sales_outside`` (our sales
        of clients in no territory with a potential), ``missing`` (``"potential"`` when the method
        has no numbers; the sales' missing ids when ``measure="units"`` is unknown).

    Source: market share against area potential, Kotler & Keller (2016), ch. 4; the white-spot rule
    and the gap to a target share are our reading.
    """
    _check_measure(measure)
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    given = potential.attrs.get("measure")
    if given is not None and given != measure:
        raise ValueError(f"the potential is in {given}, the shares are asked in {measure}: "
                         f"compare_methods(..., measure={measure!r}) first")
    col = method if method in potential.columns else "potential"
    empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in SHARE_COLUMNS}).astype(
        {C.region: "string", "clients": "int64", "high_potential": bool, "low_share": bool,
         "white_spot": bool, "rank": "int64"})
    scol = "revenue_year" if measure == "value" else "quantity_year"
    sales_missing = [m for m in sales.attrs.get("missing", [])
                     if measure == "units" and m in ("sales.quantity", "products.unit", "units_mixed")]
    pot = (potential.set_index(potential[C.region].astype("string"))[col].astype("float64")
           if col in potential.columns and C.region in potential.columns and len(potential)
           else pd.Series(dtype="float64"))
    pot = pot.groupby(level=0).sum(min_count=1).dropna()
    pot = pot.loc[pot > 0]
    if not len(pot) or sales_missing or sales[scol].isna().all():
        empty.attrs.update(method=method, measure=measure, national_share=math.nan,
                           potential_threshold=math.nan, share_threshold=math.nan, target=None,
                           sales_outside=math.nan,
                           missing=_missing("" if len(pot) else "potential", *sales_missing))
        return empty
    region = sales[C.region].astype("string")
    ours = sales[scol].astype("float64").groupby(region).sum()
    n = sales.groupby(region).size()
    out = pd.DataFrame({"potential": pot})
    out["our_sales"] = ours.reindex(out.index).fillna(0.0).astype("float64")
    out["clients"] = n.reindex(out.index).fillna(0).astype("int64")
    out["market_share"] = out["our_sales"] / out["potential"]
    national = float(out["our_sales"].sum() / out["potential"].sum())
    if target_share is None:
        out["target_share"], target = national, "national"
    elif isinstance(target_share, Mapping | pd.Series):
        ts = pd.Series(target_share, dtype="float64")
        ts.index = ts.index.astype("string").str.strip()
        out["target_share"], target = ts.reindex(out.index).to_numpy(), "given"
    else:
        out["target_share"], target = float(target_share), "given"
    out["target_sales"] = out["target_share"] * out["potential"]
    out["gap"] = (out["target_sales"] - out["our_sales"]).clip(lower=0)
    pthr = float(out["potential"].quantile(rule.potential_quantile))
    sthr = float(rule.max_share) if rule.max_share is not None else rule.share_factor * national
    out["high_potential"] = (out["potential"] >= pthr).astype(bool)
    out["low_share"] = (out["market_share"] < sthr).astype(bool)
    out["white_spot"] = (out["high_potential"] & out["low_share"]).astype(bool)
    out = out.rename_axis(C.region).reset_index()
    out[C.region] = out[C.region].astype("string")
    out = out.sort_values(["gap", "potential", C.region], ascending=[False, False, True],
                          na_position="last", kind="mergesort").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1, dtype="int64")
    outside = float(ours.loc[~ours.index.isin(out[C.region])].sum())
    out.attrs.update(method=method, measure=measure, national_share=national,
                     potential_threshold=pthr, share_threshold=sthr, target=target,
                     sales_outside=outside, missing=[])
    return out[SHARE_COLUMNS]


# =========================================================================== clients
def client_potentials(
    facts: Facts,
    clients: pd.DataFrame | None,
    market: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    *,
    region: str | None = None,
    months: int = 12,
    as_of=None,
    sales: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Down to the client: each client's potential against our sales, ranked by untapped potential.

    Formulas (per client i)::

        potential_i = clients.potential_i when known ("card"),
                      else the consumption per company of i's segment × region cell ("market_cell"),
                      else NaN ("none")
        potential_units_i  likewise from clients.potential_units / the cell's units per company
        our_sales_i = revenue_year_i, our_units_i = quantity_year_i           (:func:`our_sales`)
        share_i     = our_sales_i / potential_i
        untapped_i  = max(potential_i − our_sales_i, 0)       (untapped_units_i likewise)
        rank        = the place within the client's territory by untapped descending (unknown
                      last), then potential descending, then client_id

    Parameters
    ----------
    facts : Facts
    clients : DataFrame or None
        Cards: ``segment``, ``region``, ``potential``, ``potential_units``, ``name``.
    market : DataFrame, optional
        The market table: the fallback potential of a client without one.
    products : DataFrame, optional
        ``product_id, unit`` (for our sales in units).
    region : str, optional
        Keep the clients of this territory only.
    months, as_of
        The sales window (:func:`our_sales`).
    sales : DataFrame, optional
        :func:`our_sales` if already computed (then ``products``, ``months``, ``as_of`` are not used).

    Returns
    -------
    DataFrame
        :data:`CLIENT_COLUMNS`, sorted by untapped potential descending (unknown last), then
        potential descending, client_id; ``rank`` is the place within the client's territory. ``attrs``: ``missing`` (the sales' ids,
        ``"clients.potential"``, ``"clients.potential_units"``, ``"market"``), ``sources``
        ({source: clients} for value), ``sources_units``, ``window_start``, ``window_end``,
        ``unit``, ``region``.

    Source: account potential and headroom, McDonald & Rogers, *Key Account Management* (1998);
    the cell's consumption per company as the build-up's per-buyer estimate (Kotler & Keller 2016,
    ch. 4); the fallback order is our reading.
    """
    sales = our_sales(facts, clients, products, months=months, as_of=as_of) if sales is None else sales
    ids = sales[C.client_id].astype("string")
    card = None
    if clients is not None and C.client_id in clients.columns:
        card = clients.assign(**{C.client_id: clients[C.client_id].astype("string").str.strip()})
        card = card.drop_duplicates(C.client_id).set_index(C.client_id).reindex(ids)
    cells = market_cells(market).set_index([C.segment, C.region])
    keys = pd.MultiIndex.from_arrays([sales[C.segment].astype("string"),
                                      sales[C.region].astype("string")])
    out = sales[[C.client_id, C.name, C.segment, C.region]].copy().reset_index(drop=True)
    for col, cell_col, name in ((C.potential, C.consumption_per_company, "potential"),
                                (C.potential_units, C.consumption_units_per_company,
                                 "potential_units")):
        own = (pd.Series(_num(card.reset_index(), col).where(lambda s: s >= 0).to_numpy())
               if card is not None else pd.Series(np.nan, index=out.index))
        cell = pd.Series(cells[cell_col].reindex(keys).to_numpy(dtype="float64"))
        out[name] = own.where(own.notna(), cell).to_numpy(dtype="float64")
        out[f"{name}_source"] = pd.array(np.where(own.notna(), "card",
                                                  np.where(cell.notna(), "market_cell", "none")),
                                         dtype="string")
    out["our_sales"] = sales["revenue_year"].to_numpy(dtype="float64")
    out["our_units"] = sales["quantity_year"].to_numpy(dtype="float64")
    out["share"] = (out["our_sales"] / out["potential"]).where(out["potential"] > 0)
    out["share_units"] = (out["our_units"] / out["potential_units"]).where(out["potential_units"] > 0)
    out["untapped"] = (out["potential"] - out["our_sales"].clip(lower=0)).clip(lower=0)
    out["untapped_units"] = (out["potential_units"] - out["our_units"].clip(lower=0)).clip(lower=0)
    if region is not None:
        out = out.loc[out[C.region] == str(region).strip()]
    out = out.sort_values(["untapped", "potential", C.client_id],
                          ascending=[False, False, True], na_position="last", kind="mergesort")
    out["rank"] = (out.groupby(C.region, sort=False).cumcount() + 1).astype("int64")
    out = out.reset_index(drop=True)[CLIENT_COLUMNS]
    has = card is not None
    missing = list(sales.attrs.get("missing", []))
    missing += ["" if has and C.potential in clients.columns else "clients.potential",
                "" if has and C.potential_units in clients.columns else "clients.potential_units",
                *market_cells(market).attrs["missing"][:1]]
    counts = out["potential_source"].value_counts()
    counts_u = out["potential_units_source"].value_counts()
    out.attrs.update(
        missing=_missing(*missing),
        sources={s: int(counts.get(s, 0)) for s in POTENTIAL_SOURCES},
        sources_units={s: int(counts_u.get(s, 0)) for s in POTENTIAL_SOURCES},
        window_start=sales.attrs.get("window_start"), window_end=sales.attrs.get("window_end"),
        unit=sales.attrs.get("unit", ""), region=region)
    return out


def focus_territory(shares: pd.DataFrame, territory: str | None = None) -> str | None:
    """The territory to go down to the clients in: the one given, else the largest white spot.

    Rule (our reading)::

        territory given                  → that territory (stripped), whatever the table
        else, among the white spots      → the one with the largest headroom
                                           headroom(r) = potential(r) − our_sales(r)
                                           (ties: the first in the table's order)
        else (no white spot)             → the first territory of the table (the largest gap)
        else (no table: no potential)    → None

    Parameters
    ----------
    shares : DataFrame
        :func:`territory_shares`.
    territory : str, optional
        A territory chosen by the reader (e.g. a notebook parameter).

    Returns
    -------
    str or None

    Source: our reading (the white spot with the most of the market still to win is where a
    territory plan goes down to the clients first).
    """
    if territory is not None and str(territory).strip():
        return str(territory).strip()
    if shares is None or not len(shares):
        return None
    spots = shares.loc[shares["white_spot"].astype(bool)]
    if len(spots):
        headroom = (spots["potential"] - spots["our_sales"]).to_numpy(dtype="float64")
        return str(spots[C.region].iloc[int(np.nanargmax(headroom))])
    return str(shares[C.region].iloc[0])

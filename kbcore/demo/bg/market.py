"""The Bulgarian demo company's market, territories and targets.

One job: the tables that describe the company's world and its plans rather than its
transactions — :func:`market_table` (segment × oblast: businesses, consumption a year in EUR
and litres — the demo's invented study, scaled so that truth 1 holds), :func:`territories_table`
(the 28 oblasti's illustrative factors) and :func:`targets_table` (yearly KPI targets by
manager, business line, product class, oblast and key client, in BGN before 2026 and EUR from
2026).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    EUR_PER_LITRE,
    EURO_YEAR,
    FX,
    HOME,
    MARKET_SOURCE,
    NATIONAL_SHARE,
    OBLASTI,
    SEGMENTS,
    TARGET_GROWTH,
    TERRITORY_SOURCE,
)
from kbcore.schema import C

__all__ = ["market_table", "territories_table", "targets_table"]

# the segments' share of an oblast's market and a business's consumption a year (EUR)
_SEG_SHARE = {"autoservice": .24, "transport": .22, "agro": .15, "industrial": .21,
              "retail": .10, "construction": .08}
_CONSUMPTION = {"autoservice": 5.5e3, "transport": 22e3, "agro": 12e3, "industrial": 28e3,
                "retail": 18e3, "construction": 11e3}
_AGRO = {"Добрич", "Силистра", "Плевен", "Русе", "Разград", "Ямбол", "Враца", "Монтана",
         "Видин", "Шумен", "Търговище", "Пазарджик", "Стара Загора"}
_INDUSTRY = {"Стара Загора", "Софийска", "Пловдив", "Габрово", "Русе", "Варна", "Бургас",
             "Пазарджик", "Враца"}


def market_table(rng: np.random.Generator, region_revenue: dict[str, float]) -> pd.DataFrame:
    """The category's market by segment and oblast (EUR and litres a year).

    The market of oblast o = its weight (:data:`~kbcore.demo.bg.company.OBLASTI`) × total,
    total = our yearly revenue (EUR) / ``NATIONAL_SHARE``; an oblast other than the home ones
    gets at least our revenue there / (0.9 × the lower home share), so that Sofia (capital) and
    Plovdiv keep the highest shares. Split over the segments (more farming in the Danube plain
    and Dobrudzha, more industry in the industrial oblasti); companies = market / consumption
    per company.
    """
    names = [o[0] for o in OBLASTI]
    w = np.array([o[4] for o in OBLASTI])
    w = w / w.sum()
    rev = np.array([region_revenue.get(r, 0.0) for r in names])
    pot = w * rev.sum() / NATIONAL_SHARE
    home_share = min(rev[names.index(h)] / pot[names.index(h)] for h in HOME)
    other = ~np.isin(names, HOME)
    pot = np.where(other, np.maximum(pot, rev / (0.9 * home_share)), pot)
    rows = []
    for oi, name in enumerate(names):
        share = np.array([_SEG_SHARE[s.key] * (1.8 if s.key == "agro" and name in _AGRO else 1.0)
                          * (1.5 if s.key == "industrial" and name in _INDUSTRY else 1.0)
                          * (0.3 if s.key == "agro" and name == "София (столица)" else 1.0)
                          for s in SEGMENTS])
        share = share / share.sum()
        for si, s in enumerate(SEGMENTS):
            cell = pot[oi] * share[si]
            cons = _CONSUMPTION[s.key] * rng.uniform(0.85, 1.15)
            companies = max(3, int(round(cell / cons)))
            cons = round(cell / companies / 10) * 10
            units = round(cons / (EUR_PER_LITRE[s.key] * rng.uniform(0.93, 1.07)))
            rows.append((s.name, name, float(companies), float(cons), float(units), "EUR",
                         MARKET_SOURCE))
    return pd.DataFrame(rows, columns=[C.segment, C.region, C.companies,
                                       C.consumption_per_company,
                                       C.consumption_units_per_company, C.currency, C.source])


def territories_table(rng: np.random.Generator) -> pd.DataFrame:
    """The 28 oblasti: population, households' income and retail sales a year (EUR), businesses.

    Illustrative: shaped after the relative sizes of the oblasti, not official statistics.
    """
    rows = []
    for name, _cities, _code, pop_k, _w, _m, per_head, firms_k in OBLASTI:
        pop = int(round(pop_k * 1000 * rng.uniform(0.995, 1.005), -2))
        income = round(pop * per_head * rng.uniform(0.97, 1.03), -5)
        retail = round(pop * per_head * 0.42 * rng.uniform(0.9, 1.1), -5)
        rows.append((name, float(pop), income, retail,
                     float(round(firms_k * 1000 * rng.uniform(0.97, 1.03), -1)), "EUR",
                     TERRITORY_SOURCE))
    return pd.DataFrame(rows, columns=[C.region, C.population, C.income, C.retail_sales,
                                       C.businesses, C.currency, C.source])


def _currency(year: int) -> str:
    return "EUR" if year >= EURO_YEAR else "BGN"


def _money(value: float, from_year: int, to_year: int) -> float:
    """An amount of ``from_year``'s currency in ``to_year``'s (leva → euro at the changeover)."""
    if from_year < EURO_YEAR <= to_year:
        return value / FX
    return value


def targets_table(rng: np.random.Generator, years: list[int], facts: pd.DataFrame,
                  managers: pd.DataFrame, share_2025: pd.Series, key_clients: pd.DataFrame,
                  new_clients: pd.DataFrame) -> pd.DataFrame:
    """Yearly targets: the previous year's actual × :data:`TARGET_GROWTH` (rounded).

    Parameters
    ----------
    years : the target years (2021 … 2026).
    facts : one row per sales line with ``year``, ``manager``, ``business_line``, ``category``,
        ``is_target``, ``revenue`` (its own currency), ``quantity``.
    managers : ``name``, ``months`` per year (dict year → months worked).
    share_2025 : our market share by oblast in 2025 (fraction).
    key_clients : class-A key clients: ``client_id``, ``revenue_2024`` (BGN), ``revenue_2025``
        (BGN), ``share`` (share of wallet), ``classes_2024``, ``classes_2025``.
    new_clients : ``year``, ``manager``, ``n`` (first purchases).

    Money KPIs (``revenue``, ``target_products_revenue``) carry the currency of the period:
    BGN before 2026, EUR for 2026. The first year's targets are that year's actual × U(0.96,
    1.04) (no earlier year).
    """
    rows = []
    f = facts.assign(tp=np.where(facts["is_target"], facts[C.revenue], 0.0))
    first = years[0]

    def actual(y, by):
        g = f[f["year"] == y].groupby(by)[[C.revenue, C.quantity, "tp"]].sum() if by else \
            f[f["year"] == y][[C.revenue, C.quantity, "tp"]].sum().to_frame().T
        return g

    def base(y, by):
        if y == first:
            a = actual(y, by)
            return a * rng.uniform(0.96, 1.04, (len(a), 1)), 1
        return actual(y - 1, by), 0

    def add(period, kpi, value, currency="", **dims):
        rows.append({C.period: str(period), C.kpi: kpi, C.target: float(value),
                     C.currency: currency, **dims})

    for y in years:
        cur = _currency(y)
        # the company
        b, same = base(y, None)
        by_y = y if same else y - 1
        add(y, "revenue", round(_money(b[C.revenue].iat[0], by_y, y) * TARGET_GROWTH["revenue"], -4),
            cur)
        add(y, "quantity", round(b[C.quantity].iat[0] * TARGET_GROWTH["quantity"], -3))
        nc = new_clients[new_clients["year"] == (y if same else y - 1)]["n"].sum()
        add(y, "new_clients", max(10, int(np.ceil(nc * 1.1))))
        # managers (pro rata of the months they work in the year)
        b, _ = base(y, C.manager)
        for _, m in managers.iterrows():
            months = m["months"].get(y, 0)
            if months < 1 or m["name"] not in b.index:
                continue
            prev_months = m["months"].get(by_y, 0) if not same else months
            if prev_months < 1:
                continue
            scale = months / prev_months
            r = b.loc[m["name"]]
            add(y, "revenue", round(_money(r[C.revenue], by_y, y) * scale
                                    * TARGET_GROWTH["revenue"] * rng.uniform(0.98, 1.04), -3),
                cur, manager=m["name"])
            add(y, "quantity", round(r[C.quantity] * scale * TARGET_GROWTH["quantity"]
                                     * rng.uniform(0.98, 1.04), -2), manager=m["name"])
            mn = new_clients[(new_clients["year"] == by_y) & (new_clients["manager"] == m["name"])]
            add(y, "new_clients", max(2, int(np.ceil(mn["n"].sum() * scale * 1.1))),
                manager=m["name"])
        # business lines and product classes
        for dim in (C.business_line, C.category):
            b, _ = base(y, dim)
            for name, r in b.iterrows():
                add(y, "revenue", round(_money(r[C.revenue], by_y, y) * TARGET_GROWTH["revenue"], -3),
                    cur, **{dim: name})
                add(y, "quantity", round(r[C.quantity] * TARGET_GROWTH["quantity"], -2),
                    **{dim: name})
                if r["tp"] > 0:
                    add(y, "target_products_revenue",
                        round(_money(r["tp"], by_y, y) * TARGET_GROWTH["target_products_revenue"],
                              -3), cur, **{dim: name})
    # oblasti: market share (set from the 2025 market study for 2025 and 2026)
    for y in (2025, 2026):
        if y not in years:
            continue
        lift = 1.02 if y == 2025 else 1.08
        for region, s in share_2025.items():
            add(y, "market_share", round(float(s) * lift * rng.uniform(0.97, 1.03), 4),
                region=region)
    # class-A key clients: the key-account plans of 2025 and 2026
    for y in (2025, 2026):
        if y not in years:
            continue
        for _, k in key_clients.iterrows():
            rev = k["revenue_2024"] if y == 2025 else k["revenue_2025"] / FX
            add(y, "revenue", round(rev * 1.08, -2), _currency(y), client_id=k["client_id"])
            if not np.isnan(k["share"]):
                add(y, "share_of_wallet", round(min(0.95, k["share"] + 0.05), 2),
                    client_id=k["client_id"])
            classes = k["classes_2024"] if y == 2025 else k["classes_2025"]
            add(y, "assortment", float(min(11, classes + 1)), client_id=k["client_id"])
    out = pd.DataFrame(rows)
    for c in (C.manager, C.business_line, C.category, C.region, C.client_id):
        if c not in out:
            out[c] = None
    out[C.currency] = out[C.currency].replace("", None)
    return out

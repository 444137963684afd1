"""Block 5 · The region / segment passport (паспорт региона / сегмента).

One row per region (or segment): how many clients we have there and at which lifecycle stage,
what they buy and earn, how fast they grow, what they could buy, which share of it we have,
how many of the market's companies are already our clients (penetration), the largest clients
and the managers who cover it. The seminar uses the passport to decide where to develop the
base and who should do it.

Formulas (Y = the last full year, :func:`kbcore.analyses.planning.base_year`; facts by year;
"cell" = the region or segment)::

    clients         = clients with a purchase in the period (up to as_of)
    active_clients  = clients with a purchase in the last 365 days to as_of
    revenue, gross_margin = facts over the period up to as_of
    growth          = revenue_Y / revenue_{Y−1} − 1
    potential       = Σ clients.potential of the cell's active clients (known values)
    share           = revenue_12m / market volume, market volume = Σ companies ×
                      consumption_per_company of the cell (market table; NaN without it)
    share_of_wallet = Σ revenue_12m / Σ potential over the active clients with a known potential
    penetration     = active_clients / Σ companies of the cell (market table; NaN without it)

Source: seminar program block 5 («паспорт региона/сегмента»); share of wallet and
penetration as in McDonald & Rogers, *Key Account Management* (1998); our reading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.analyses._window import years
from kbcore.analyses.lifecycle import STAGES
from kbcore.analyses.planning import base_year
from kbcore.analyses.profile import UNKNOWN, client_features
from kbcore.analyses.wallet import wallet_share
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = ["PASSPORT_COLUMNS", "BY_VALUES", "passport", "passport_stages"]

BY_VALUES = (C.region, C.segment)
PASSPORT_COLUMNS = [
    "clients",
    "active_clients",
    C.revenue,
    "gross_margin",
    "gross_margin_pct",
    "revenue_12m",
    "growth",
    C.potential,
    "market_volume",
    "share",
    "share_of_wallet",
    C.companies,
    "penetration",
    "top_clients",
    "managers",
]


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def passport(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    by: str = C.region,
    market: pd.DataFrame | None = None,
    stages: pd.DataFrame | None = None,
    features: pd.DataFrame | None = None,
    as_of=None,
    top_n: int = 3,
) -> pd.DataFrame:
    """The passport of each region or segment (see the module's docstring for the formulas).

    Parameters
    ----------
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`, the analysed period).
    clients : DataFrame, optional
        segment / region / manager / potential / name. Without the ``by`` column every client
        is in the cell ``"unknown"``.
    by : {"region", "segment"}
        The cell.
    market : DataFrame, optional
        ``segment, region, companies, consumption_per_company``: summed over the other
        dimension for the cell.
    stages : DataFrame, optional
        Block 2's ``client_stages``: adds one column ``stage_<id>`` per stage (client counts).
    features : DataFrame, optional
        :func:`kbcore.analyses.profile.client_features` if already computed (on the same
        facts and ``as_of``).
    as_of : date-like, optional
        Default ``facts.as_of``.
    top_n : int
        How many largest clients (by revenue) to name (default 3).

    Returns
    -------
    DataFrame
        ``<by>, clients, active_clients, revenue, gross_margin, gross_margin_pct,
        revenue_12m, growth, potential, market_volume, share, share_of_wallet, companies,
        penetration,
        top_clients, managers`` [+ ``stage_<id>`` …], sorted by revenue descending then the
        cell; ``top_clients`` and ``managers`` are text ("name; name; …", managers by their
        number of active clients). ``attrs``: ``base_year``, ``as_of``, ``by``.

    Source: seminar program block 5 («паспорт региона/сегмента»).
    """
    if by not in BY_VALUES:
        raise ValueError(f"by must be one of {', '.join(BY_VALUES)}, not {by!r}")
    if top_n < 0:
        raise ValueError(f"top_n must be ≥ 0, not {top_n!r}")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    feats = features if features is not None else client_features(facts, clients, as_of=as_of)
    f = feats.copy()
    f[C.client_id] = _ids(f[C.client_id])
    if by not in f.columns:
        f[by] = UNKNOWN
    f[by] = f[by].astype("string").fillna(UNKNOWN)
    f["active"] = f["days_since_last"] < 365
    year = base_year(facts, as_of)
    yearly = years(facts, year - 1, year, end=as_of).copy()
    cell_of = f.set_index(C.client_id)[by]
    yearly["cell"] = yearly[C.client_id].map(cell_of).fillna(UNKNOWN)
    by_year = yearly.pivot_table(index="cell", columns="period", values=C.revenue,
                                 aggfunc="sum").reindex(columns=[year - 1, year])
    g = f.groupby(by, sort=True)
    out = pd.DataFrame(
        {
            "clients": g.size(),
            "active_clients": g["active"].sum(),
            C.revenue: g[C.revenue].sum(),
            "gross_margin": g["gross_margin"].sum(min_count=1),
            "revenue_12m": g["revenue_12m"].sum(),
        }
    )
    out["gross_margin_pct"] = (out["gross_margin"] / out[C.revenue]).where(out[C.revenue] > 0)
    prev = by_year[year - 1].reindex(out.index)
    cur = by_year[year].reindex(out.index).fillna(0.0)
    out["growth"] = (cur / prev - 1).where(prev > 0)
    act = f.loc[f["active"]]
    pot_known = act.loc[act[C.potential].notna()]
    pg = pot_known.groupby(by)
    out[C.potential] = pg[C.potential].sum().reindex(out.index)
    own_share = wallet_share(pg["revenue_12m"].sum(), pg[C.potential].sum())
    out["market_volume"] = np.nan
    out[C.companies] = np.nan
    if market is not None and by in market.columns and C.companies in market.columns:
        mk = pd.DataFrame({
            by: market[by].astype("string").str.strip(),
            C.companies: pd.to_numeric(market[C.companies], errors="coerce"),
            "cpc": (pd.to_numeric(market[C.consumption_per_company], errors="coerce")
                    if C.consumption_per_company in market.columns else np.nan),
        })
        mk["volume"] = mk[C.companies] * mk["cpc"]
        mg = mk.groupby(by)
        companies = mg[C.companies].sum(min_count=1)
        volume = mg["volume"].sum(min_count=1)
        for cell in companies.index:
            if cell not in out.index:
                out.loc[cell] = np.nan
                out.loc[cell, ["clients", "active_clients", C.revenue, "revenue_12m"]] = 0
        out[C.companies] = companies.reindex(out.index).astype("float64")
        out["market_volume"] = volume.reindex(out.index).astype("float64")
    out["share"] = (out["revenue_12m"] / out["market_volume"]).where(out["market_volume"] > 0)
    out["share_of_wallet"] = own_share.reindex(out.index).astype("float64")
    out["penetration"] = (out["active_clients"] / out[C.companies]).where(out[C.companies] > 0)
    # top clients and managers as text
    ranked = f.sort_values([by, C.revenue, C.client_id], ascending=[True, False, True],
                           kind="mergesort")
    tops = ranked.groupby(by).head(top_n).groupby(by)[C.name].agg(lambda s: "; ".join(s))
    out["top_clients"] = tops.reindex(out.index).fillna("").astype("string")
    if C.manager in f.columns:
        mm = act.loc[act[C.manager] != UNKNOWN].groupby([by, C.manager]).size().rename("n")
        mm = mm.reset_index().sort_values([by, "n", C.manager], ascending=[True, False, True],
                                          kind="mergesort")
        mm["text"] = mm[C.manager].astype(str) + " (" + mm["n"].astype(str) + ")"
        managers = mm.groupby(by)["text"].agg(lambda s: "; ".join(s))
        out["managers"] = managers.reindex(out.index).fillna("").astype("string")
    else:
        out["managers"] = pd.Series("", index=out.index, dtype="string")
    for col in ("clients", "active_clients"):
        out[col] = out[col].fillna(0).astype("int64")
    cols = list(PASSPORT_COLUMNS)
    if stages is not None and {C.client_id, "stage"} <= set(stages.columns):

        st = stages.assign(**{C.client_id: _ids(stages[C.client_id])})
        st = st.assign(cell=st[C.client_id].map(cell_of).fillna(UNKNOWN))
        counts = st.groupby(["cell", "stage"]).size().unstack(fill_value=0)
        for s in STAGES:
            col = f"stage_{s}"
            out[col] = (counts[s].reindex(out.index).fillna(0).astype("int64")
                        if s in counts.columns else 0)
            cols.append(col)
    out = out.rename_axis(by).reset_index()
    out[by] = out[by].astype("string")
    out = out.sort_values([C.revenue, by], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)[[by, *cols]]
    out.attrs.update(base_year=int(year), as_of=as_of, by=by)
    return out


def passport_stages(passport_table: pd.DataFrame) -> pd.DataFrame:
    """The ``stage_<id>`` columns of a passport as a long table: cell, stage, clients.

    Returns an empty frame when the passport has no stage columns.
    """
    by = passport_table.attrs.get("by", passport_table.columns[0])
    cols = [c for c in passport_table.columns if c.startswith("stage_")]
    if not cols:
        return pd.DataFrame({by: pd.Series(dtype="string"), "stage": pd.Series(dtype="string"),
                             "clients": pd.Series(dtype="int64")})
    long = passport_table[[by, *cols]].melt(id_vars=by, var_name="stage", value_name="clients")
    long["stage"] = long["stage"].str.removeprefix("stage_").astype("string")
    return long.reset_index(drop=True)

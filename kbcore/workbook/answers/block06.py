"""Expected answers of block 6's exercises (solutions/kb/06_managing_the_base.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company, so a change in an analysis changes the expected answer with it; nothing here is a
hard-coded number.
"""

from __future__ import annotations

from kbcore.analyses.ksf import ksf_scores, read_ksf
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.money_zones import money_zones
from kbcore.analyses.profitability import client_pnl
from kbcore.analyses.retention import new_clients, second_order_conversion
from kbcore.analyses.segmentation import (
    XYZ_THRESHOLDS_CLIENTS,
    abc,
    abc_xyz_matrix,
    last_full_months,
    pareto,
    rfm,
    xyz,
)
from kbcore.facts import Facts
from kbcore.workbook.checks import exercise


def _pnl(ds, **period):
    return client_pnl(Facts.of(ds), ds.clients, ds.interactions, **period)


def _window(ds):
    return last_full_months(ds.sales["date"].max(), 12)


@exercise("6.1", hint="ex.6.1.hint", kind="share", tol=1e-3)
def top20_revenue_share(ds):
    """Share of the five years' revenue brought by the top 20 % of clients."""
    return float(pareto(_pnl(ds), "revenue")["top_share"])

# Exercises 6.2–6.4 were proposed by the block-6b helper (KSF, money zones, first-order risk).
@exercise("6.2", hint="ex.6.2.hint", kind="text")
def leader_after_price_cut(ds):
    """Leader of the example KSF table when our price score is 4."""
    table = read_ksf()
    table.loc[table["factor"] == "Price", "us"] = 4
    return str(ksf_scores(table).totals["player"].iloc[0])


@exercise("6.3", hint="ex.6.3.hint", kind="number", tol=1e-6)
def money_on_table_active(ds):
    """Money on the table at the clients who bought in the last 365 days, RUB a year."""
    cl = money_zones(Facts.of(ds), ds.clients, ds.market).clients
    return float(cl.loc[cl["activity"] == "active", "money_on_table"].sum())


@exercise("6.4a", hint="ex.6.4a.hint", kind="share", tol=1e-3)
def one_order_share(ds):
    """Share of the followed new clients with exactly one order (demo README, truth 4)."""
    return float(second_order_conversion(new_clients(Facts.of(ds), ds.clients))["one_order_share"].iloc[0])


@exercise("6.4b", hint="ex.6.4b.hint", kind="text")
def worst_channel(ds):
    """The acquisition channel with the highest one-order share."""
    conv = second_order_conversion(new_clients(Facts.of(ds), ds.clients), by="acquisition_channel")
    return str(conv.sort_values(["one_order_share", "group_id"], ascending=[False, True])["group_id"].iloc[0])


@exercise("6.5", hint="ex.6.5.hint", kind="number", tol=0)
def a_clients_by_profit(ds):
    """Number of A clients when ABC is made on client profit (default cuts 80/95)."""
    return int((abc(_pnl(ds), measure="profit")["abc"] == "A").sum())


@exercise("6.6", hint="ex.6.6.hint", kind="number", tol=0)
def ax_clients(ds):
    """Number of AX clients: ABC by revenue and XYZ with the B2B bounds, both over the last 12 full months."""
    start, end = _window(ds)
    facts = Facts.of(ds)
    classes = abc(facts.clients(start, end))
    regularity = xyz(facts, start=start, end=end, thresholds=XYZ_THRESHOLDS_CLIENTS)
    matrix = abc_xyz_matrix(classes, regularity).set_index("cell")
    return int(matrix.loc["AX", "clients"])


@exercise("6.7", hint="ex.6.7.hint", kind="number", tol=0)
def champions(ds):
    """Number of RFM champions at the last sales date (default rules)."""
    return int((rfm(Facts.of(ds))["rfm_segment"] == "champions").sum())


@exercise("6.8", hint="ex.6.8.hint", kind="set")
def declining_a_clients(ds):
    """A clients of the last 12 months (by revenue) whose lifecycle stage is "declining"."""
    start, end = _window(ds)
    facts = Facts.of(ds)
    classes = abc(facts.clients(start, end))
    stages = client_stages(facts, ds.clients)
    merged = classes.merge(stages[["client_id", "stage"]], on="client_id")
    return sorted(merged.loc[(merged["abc"] == "A") & (merged["stage"] == "declining"), "client_id"])

"""Blocks 3, 4, 8, 9 · Evidence measures: what the company's data says next to a questionnaire answer.

A questionnaire statement (``data/templates/<id>.yaml``) may cite one measure id in its
``evidence`` key; the workbook then shows, next to the participant's own answer, the share the
data measures. Every measure is a share in [0, 1] where **higher is better**, with the counts
behind it::

    value = numerator / denominator        (NaN when the data cannot tell)

A measure that depends on data the company did not provide is **missing**: its value is NaN and
``missing`` names what would be needed, as ids (several joined by ","; the first is the one
that blocks the value)::

    needs.clients.<column>   the clients table has no such column, or no value in it
    needs.interactions       no CRM history
    needs.contacts           no contacts table;  needs.contacts.buying_role  no roles in it
    needs.market             no market table
    needs.key_account        no client is flagged key account
    needs.sales.cost         no cost of goods in the sales lines (no margin, no client profit)
    needs.new_clients        no client won in the window has been followed long enough

Definitions shared by the measures (the analysis date A = ``as_of``, default ``facts.as_of``):

* the **last 12 months** = :func:`kbcore.analyses._window.months_back` (A, 12);
* an **active** client bought (at least one order) in the last 12 months;
* the **clients** of the base = the clients table plus every client that bought up to A (as in
  :func:`kbcore.analyses.completeness.base_completeness`);
* the **key accounts** = the clients flagged ``key_account``
  (:func:`kbcore.analyses.key_accounts.key_account_ids`): a key account is the company's
  decision (McDonald, Millman & Rogers 1997), so without any flag the key-account measures are
  missing (``needs.key_account``) instead of guessed — except ``key_flag_exists``, which is 0;
* lifecycle stages: :func:`kbcore.analyses.lifecycle.client_stages` at A (default rules);
* client profit: block 1's :func:`kbcore.analyses.profitability.client_pnl` over the last 12
  months with the default cost-to-serve rates.

Nothing is re-derived: each measure calls the analysis of the block that owns the idea
(completeness, card, lifecycle, key accounts, DMU, retention, profitability). The measures
return numbers and ids, never sentences; their names and texts are in the catalogue.

Source: the measure list is the questionnaire contract of issue 11; each function names the
source of the idea it measures. The thresholds and windows are our reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from kbcore.analyses._window import months_back, span
from kbcore.analyses.card import card_fill
from kbcore.analyses.completeness import base_completeness
from kbcore.analyses.dmu import dmu_coverage
from kbcore.analyses.key_accounts import ka_flag_review, key_account_ids
from kbcore.analyses.lifecycle import DEFAULT_RULES, StageRules, client_stages
from kbcore.analyses.profile import client_features
from kbcore.analyses.profitability import DEFAULT_RATES, CostToServeRates, client_pnl
from kbcore.analyses.retention import new_clients, second_order_conversion
from kbcore.facts import Facts, between, period_bounds
from kbcore.schema import C

__all__ = [
    "Measure",
    "MEASURES",
    "MEASURE_COLUMNS",
    "CELL_COLUMNS",
    "CELL_STATUSES",
    "ACTIVE_MONTHS",
    "KEY_RECENT_DAYS",
    "MULTITHREAD_CONTACTS",
    "NEW_CLIENT_MONTHS",
    "measure",
    "segment_known",
    "card_completeness",
    "manager_assigned",
    "segment_cells_owned",
    "potential_known",
    "interactions_coverage",
    "key_interactions_recent",
    "key_flag_exists",
    "key_flag_current",
    "dmu_decision_maker",
    "dmu_multithreaded",
    "contacts_recorded",
    "second_order",
    "profitable_revenue",
    "market_known",
]

ACTIVE_MONTHS = 12
"""An active client bought in the last this many months."""
KEY_RECENT_DAYS = 90
"""``key_interactions_recent``: a CRM record in the last this many days."""
MULTITHREAD_CONTACTS = 3
"""``dmu_multithreaded``: at least this many known contacts."""
NEW_CLIENT_MONTHS = 36
"""``second_order``: clients won in the last this many months."""

MEASURE_COLUMNS = ["measure", "value", "numerator", "denominator", "missing"]
"""The columns of :func:`measure`."""

CELL_COLUMNS = [C.segment, C.region, "clients", "managers", C.revenue, "cell_status"]
"""The columns of the segment × region cells (:func:`kbcore.analyses.audit.assignment_cells`)."""
CELL_STATUSES = ("owned", "shared", "split", "orphan")
"""Cell statuses: one manager / 2 … split_at − 1 managers / split_at or more / no manager."""


@dataclass(frozen=True)
class Measure:
    """One evidence measure: ``value = numerator / denominator`` (NaN when missing).

    ``missing``: the ids of what the data lacks, joined by "," ("" when nothing is missing). For
    the 0/1 measures (``key_flag_exists``, ``market_known``) the numerator is the count behind
    the answer (flagged clients, market cells) and the denominator NaN.
    """

    value: float
    numerator: float
    denominator: float
    missing: str = ""


def _share(num, den, missing: str = "") -> Measure:
    num, den = float(num), float(den)
    value = num / den if den > 0 and not missing else np.nan
    return Measure(value=value, numerator=num, denominator=den, missing=missing)


def _none(missing: str, den=np.nan) -> Measure:
    return Measure(value=np.nan, numerator=np.nan, denominator=float(den), missing=missing)


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _filled(values: pd.Series) -> pd.Series:
    """Per row: a non-blank value (numbers: not NaN)."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.notna()
    text = values.astype("string").str.strip()
    return (text.notna() & (text != "")).fillna(False).astype(bool)


def _has(frame: pd.DataFrame | None, column: str | None = None) -> bool:
    """The table is present with rows (and the column has at least one non-blank value)."""
    if frame is None or not len(frame):
        return False
    if column is None:
        return True
    return column in frame.columns and bool(_filled(frame[column]).any())


def _needs(ds, *columns: str) -> str:
    """``needs.clients.<c>`` for each card column that is absent or empty, joined by ","."""
    return ",".join(f"needs.clients.{c}" for c in columns if not _has(ds.clients, c))


class _Context:
    """What several measures share, computed once (lazily) for one (dataset, facts, as_of).

    The audit (:mod:`kbcore.analyses.audit`) builds one and asks it for the measures too.
    """

    def __init__(self, ds, facts: Facts, as_of=None, *, rates: CostToServeRates | None = None,
                 rules: StageRules | None = None):
        self.ds = ds
        self.facts = facts
        self.at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
        self.lo, _ = months_back(self.at, ACTIVE_MONTHS)
        self.rates = DEFAULT_RATES if rates is None else rates
        self.rules = DEFAULT_RULES if rules is None else rules

    @cached_property
    def recent(self) -> pd.DataFrame:
        """Facts per client over the last 12 months, indexed by the stripped client_id."""
        f = self.facts.clients(*span(self.facts, self.lo, self.at))
        return f.set_index(_ids(f[C.client_id]).rename(C.client_id))

    @cached_property
    def active(self) -> pd.Index:
        """The clients with an order in the last 12 months (sorted string Index)."""
        r = self.recent
        return pd.Index(r.index[(r["orders"] > 0).to_numpy()], dtype="string").sort_values()

    @cached_property
    def revenue(self) -> float:
        """The revenue of the last 12 months (all clients)."""
        return float(self.recent[C.revenue].sum())

    def revenue_of(self, ids) -> float:
        """The last 12 months' revenue of the given clients."""
        return float(self.recent[C.revenue].reindex(pd.Index(ids, dtype="string")).fillna(0).sum())

    @cached_property
    def card(self) -> pd.DataFrame:
        """The client cards, one per stripped client_id (empty frame without a clients table)."""
        cl = self.ds.clients
        if cl is None or C.client_id not in cl.columns:
            return pd.DataFrame(index=pd.Index([], dtype="string", name=C.client_id))
        ids = _ids(cl[C.client_id])
        cl = cl.assign(**{C.client_id: ids}).loc[ids.notna() & (ids != "")]
        return cl.drop_duplicates(C.client_id).set_index(C.client_id)

    def card_column(self, column: str, ids) -> pd.Series:
        """Per client of ``ids``: the card's value is non-blank (False without the column)."""
        ids = pd.Index(ids, dtype="string")
        if column not in self.card.columns:
            return pd.Series(False, index=ids)
        return _filled(self.card[column]).reindex(ids, fill_value=False).astype(bool)

    @cached_property
    def key_ids(self) -> pd.Index:
        return key_account_ids(self.ds.clients)

    @cached_property
    def stages(self) -> pd.DataFrame:
        return client_stages(self.facts, self.ds.clients, as_of=self.at, rules=self.rules)

    @cached_property
    def pnl(self) -> pd.DataFrame:
        """Block 1's client P&L over the last 12 months (the rates given, default rates)."""
        return client_pnl(self.facts, self.ds.clients, self.ds.interactions, rates=self.rates,
                          start=self.lo, end=self.at)

    @cached_property
    def features(self) -> pd.DataFrame:
        """Block 5's client features at A, indexed by client_id."""
        f = client_features(self.facts, self.ds.clients, self.ds.products, as_of=self.at)
        return f.set_index(C.client_id)

    @cached_property
    def completeness(self) -> pd.DataFrame:
        """Block 2's components (segment, potential …) on the base's clients, by component."""
        return base_completeness(self.ds.clients, stages=self.stages,
                                 as_of=self.at).set_index("component")

    @cached_property
    def crm_last(self) -> pd.Series | None:
        """The last CRM record per client up to A (None without an interactions table)."""
        it = self.ds.interactions
        if it is None or not {C.client_id, C.date} <= set(it.columns):
            return None
        it = between(it, None, self.at)
        return it[C.date].groupby(_ids(it[C.client_id]).to_numpy()).max()

    def recorded_since(self, ids, start) -> pd.Series:
        """Per client of ``ids``: a CRM record dated in [start, A]."""
        ids = pd.Index(ids, dtype="string")
        last = self.crm_last.reindex(ids)
        return (last >= start).fillna(False).astype(bool)

    @cached_property
    def coverage(self) -> pd.DataFrame:
        """Block 10's DMU coverage of the flagged key accounts at A."""
        return dmu_coverage(self.ds.contacts, self.key_ids, as_of=self.at)


# --------------------------------------------------------------------------- cells
def _cells(ctx: _Context, split_at: int = 3) -> tuple[pd.DataFrame, str]:
    """The segment × region cells of the active clients and who serves them (see audit)."""
    if int(split_at) < 2:
        raise ValueError(f"split_at must be at least 2, not {split_at!r}")
    missing = _needs(ctx.ds, C.segment, C.region, C.manager)
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("clients", "managers") else
                                       "float64" if c == C.revenue else "string")
                          for c in CELL_COLUMNS})
    if missing.startswith(("needs.clients.segment", "needs.clients.region")):
        return empty, missing
    ids = ctx.active
    card = ctx.card.reindex(ids)
    frame = pd.DataFrame({
        C.segment: card[C.segment].astype("string").str.strip().replace("", pd.NA),
        C.region: card[C.region].astype("string").str.strip().replace("", pd.NA),
        C.manager: (card[C.manager].astype("string").str.strip().replace("", pd.NA)
                    if C.manager in card.columns else pd.Series(pd.NA, index=ids, dtype="string")),
        C.revenue: ctx.recent[C.revenue].reindex(ids).astype("float64"),
    }, index=ids)
    frame = frame.dropna(subset=[C.segment, C.region])
    if frame.empty:
        return empty, missing
    grouped = frame.groupby([C.segment, C.region], sort=True)
    out = pd.DataFrame({"clients": grouped.size(),
                        "managers": grouped[C.manager].nunique(),
                        C.revenue: grouped[C.revenue].sum()}).reset_index()
    m = out["managers"]
    out["cell_status"] = np.select([m == 0, m == 1, m >= int(split_at)],
                                   ["orphan", "owned", "split"], default="shared")
    for col in (C.segment, C.region, "cell_status"):
        out[col] = out[col].astype("string")
    out["clients"] = out["clients"].astype("int64")
    out["managers"] = out["managers"].astype("int64")
    out[C.revenue] = out[C.revenue].astype("float64")
    return out[CELL_COLUMNS], missing


# --------------------------------------------------------------------------- measures
def _component(ctx: _Context, component: str, column: str) -> Measure:
    missing = _needs(ctx.ds, column)
    row = ctx.completeness.loc[component]
    if missing:
        return _none(missing, row["clients"])
    return _share(row["clients_known"], row["clients"])


def _segment_known(ctx: _Context) -> Measure:
    return _component(ctx, "segment", C.segment)


def _potential_known(ctx: _Context) -> Measure:
    return _component(ctx, "potential", C.potential)


def _card_completeness(ctx: _Context) -> Measure:
    fill = card_fill(ctx.ds.clients, facts=ctx.facts, contacts=ctx.ds.contacts,
                     interactions=ctx.ds.interactions)
    return _share(fill["filled"].sum(), fill["clients"].sum())


def _manager_assigned(ctx: _Context) -> Measure:
    missing = _needs(ctx.ds, C.manager)
    if missing:
        return _none(missing, len(ctx.active))
    return _share(ctx.card_column(C.manager, ctx.active).sum(), len(ctx.active))


def _segment_cells_owned(ctx: _Context) -> Measure:
    cells, missing = _cells(ctx)
    if missing:
        return _none(missing, len(cells) if len(cells) else np.nan)
    return _share((cells["cell_status"] == "owned").sum(), len(cells))


def _interactions_coverage(ctx: _Context) -> Measure:
    if ctx.crm_last is None:
        return _none("needs.interactions", len(ctx.active))
    return _share(ctx.recorded_since(ctx.active, ctx.lo).sum(), len(ctx.active))


def _key_missing(ctx: _Context, table: str) -> str:
    needs = [] if len(ctx.key_ids) else ["needs.key_account"]
    if table == "interactions" and ctx.crm_last is None:
        needs.append("needs.interactions")
    if table == "contacts":
        ct = ctx.ds.contacts
        if ct is None or not {C.client_id, C.contact_id} <= set(ct.columns):
            needs.append("needs.contacts")
    return ",".join(needs)


def _key_interactions_recent(ctx: _Context) -> Measure:
    missing = _key_missing(ctx, "interactions")
    if missing:
        return _none(missing, len(ctx.key_ids) if len(ctx.key_ids) else np.nan)
    start = ctx.at - pd.Timedelta(days=KEY_RECENT_DAYS - 1)
    return _share(ctx.recorded_since(ctx.key_ids, start).sum(), len(ctx.key_ids))


def _key_flag_exists(ctx: _Context) -> Measure:
    n = len(ctx.key_ids)
    return Measure(value=1.0 if n else 0.0, numerator=float(n), denominator=np.nan)


def _key_flag_current(ctx: _Context) -> Measure:
    if not len(ctx.key_ids):
        return _none("needs.key_account")
    stale = ka_flag_review(None, ctx.stages, ctx.key_ids)
    return _share(len(ctx.key_ids) - len(stale), len(ctx.key_ids))


def _dmu(ctx: _Context, column: str) -> Measure:
    missing = _key_missing(ctx, "contacts")
    if missing:
        return _none(missing, len(ctx.key_ids) if len(ctx.key_ids) else np.nan)
    cov = ctx.coverage
    if column == "no_decider":
        if cov["no_decider"].isna().all():
            return _none("needs.contacts.buying_role", len(cov))
        return _share((~cov["no_decider"]).fillna(False).sum(), len(cov))
    return _share((cov["contacts"] >= MULTITHREAD_CONTACTS).sum(), len(cov))


def _dmu_decision_maker(ctx: _Context) -> Measure:
    return _dmu(ctx, "no_decider")


def _dmu_multithreaded(ctx: _Context) -> Measure:
    return _dmu(ctx, "contacts")


def _contacts_recorded(ctx: _Context) -> Measure:
    ct = ctx.ds.contacts
    if ct is None or C.client_id not in ct.columns:
        return _none("needs.contacts", len(ctx.active))
    with_contact = ctx.active.isin(_ids(ct[C.client_id]).dropna().unique())
    return _share(with_contact.sum(), len(ctx.active))


def _second_order(ctx: _Context) -> Measure:
    lo3, _ = months_back(ctx.at, NEW_CLIENT_MONTHS)
    first = ctx.facts.first_day()
    if first is not None and lo3 > first:
        # purchases before the window exist: a first order inside it is a won client
        new = new_clients(ctx.facts, ctx.ds.clients, start=lo3, as_of=ctx.at, lead_in_days=0)
    else:
        # the history starts inside the window: block 5's rule (first month + 90 days lead-in)
        new = new_clients(ctx.facts, ctx.ds.clients, as_of=ctx.at)
    conv = second_order_conversion(new)
    if conv.empty or int(conv["clients"].sum()) == 0:
        return _none("needs.new_clients", 0)
    return _share(conv["repeat_clients"].sum(), conv["clients"].sum())


def _profitable_revenue(ctx: _Context) -> Measure:
    pnl = ctx.pnl
    revenue = float(pnl[C.revenue].sum())
    if not len(pnl) or pnl["profit"].isna().all():
        return _none("needs.sales.cost", revenue)
    return _share(pnl.loc[pnl["profit"] > 0, C.revenue].sum(), revenue)


def _market_known(ctx: _Context) -> Measure:
    mk = ctx.ds.market
    ok = mk is not None and {C.segment, C.region} <= set(mk.columns) and len(mk) > 0
    return Measure(value=1.0 if ok else 0.0, numerator=float(len(mk)) if ok else 0.0,
                   denominator=np.nan)


_IMPL: dict[str, Callable[[_Context], Measure]] = {
    "segment_known": _segment_known,
    "card_completeness": _card_completeness,
    "manager_assigned": _manager_assigned,
    "segment_cells_owned": _segment_cells_owned,
    "potential_known": _potential_known,
    "interactions_coverage": _interactions_coverage,
    "key_interactions_recent": _key_interactions_recent,
    "key_flag_exists": _key_flag_exists,
    "key_flag_current": _key_flag_current,
    "dmu_decision_maker": _dmu_decision_maker,
    "dmu_multithreaded": _dmu_multithreaded,
    "contacts_recorded": _contacts_recorded,
    "second_order": _second_order,
    "profitable_revenue": _profitable_revenue,
    "market_known": _market_known,
}


# --------------------------------------------------------------------------- public API
def segment_known(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the base's clients whose card has a segment.

    ::

        value = clients with a non-blank segment / clients of the base (clients table ∪ buyers)

    Block 2's component ``segment`` (:func:`kbcore.analyses.completeness.base_completeness`).
    It answers "do we segment our clients?" (block 4, stage 1): a segment nobody wrote on the
    card is a segment nobody manages by. Missing (``needs.clients.segment``) when the clients
    have no segment at all. Source: seminar program blocks 2 and 4; our reading.
    """
    return _segment_known(_Context(ds, facts, as_of))


def card_completeness(ds, facts: Facts, *, as_of=None) -> Measure:
    """Mean share of the client card's fields that are filled.

    ::

        value = Σ_fields filled clients / Σ_fields clients
              = the mean over the fields of block 5's filled_share

    over block 5's card fields (:data:`kbcore.analyses.card.GAP_FIELDS`: name, tax ID,
    segment, region, manager, size, acquisition channel, phone, e-mail, address, decision
    maker, potential, and a contact / a CRM record when those tables exist), computed by
    :func:`kbcore.analyses.card.card_fill`; a field the company does not record is empty on
    every card. It answers "do we have the information we need about each client?" (block 4,
    stage 6). Source: seminar program block 5 (the client card); our reading.
    """
    return _card_completeness(_Context(ds, facts, as_of))


def manager_assigned(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of active clients with a manager on the card.

    ::

        value = active clients whose card names a manager / active clients

    Active = an order in the last 12 months. It answers "is every client someone's job?"
    (block 4, stage 2). Missing (``needs.clients.manager``) without a manager column.
    Source: seminar program block 4 (assignment of segments to salespeople); our reading.
    """
    return _manager_assigned(_Context(ds, facts, as_of))


def segment_cells_owned(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of segment × region cells (with active clients) served by exactly one manager.

    ::

        cell        = (segment, region) of the card, over the active clients that have both
        managers    = distinct card managers of the cell's active clients
        value       = cells with managers == 1 / cells

    A cell nobody serves (orphan) or that several managers share (split) has no owner who
    answers for it: the measure answers "are the segments assigned to salespeople?" (block 4,
    stage 2). Missing without segment or region (``needs.clients.segment`` /
    ``needs.clients.region``) or manager. The cells: :func:`kbcore.analyses.audit.assignment_cells`.
    Source: territory and segment assignment, e.g. A. A. Zoltners, P. Sinha, S. E. Lorimer,
    *Sales Force Design for Strategic Advantage*, 2004; our reading.
    """
    return _segment_cells_owned(_Context(ds, facts, as_of))


def potential_known(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the base's clients with an estimated potential (a positive number).

    ::

        value = clients with potential > 0 / clients of the base

    Block 2's component ``potential``. It answers "do we know how much each client could buy?"
    (blocks 3 and 8: the possibilities of the base). Missing (``needs.clients.potential``)
    without the column. Source: share of wallet after McDonald & Rogers, *Key Account
    Management*, 1998; our reading.
    """
    return _potential_known(_Context(ds, facts, as_of))


def interactions_coverage(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of active clients with at least one CRM record in the last 12 months.

    ::

        value = active clients with an interaction dated in months_back(A, 12) / active clients

    It answers "is the history of the relationship recorded?" (block 4, stage 5): a client
    bought this year, but nothing of what was said to it is written down. Missing
    (``needs.interactions``) without a CRM table. Source: seminar program block 4; our reading.
    """
    return _interactions_coverage(_Context(ds, facts, as_of))


def key_interactions_recent(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the flagged key accounts with a CRM record in the last 90 days.

    ::

        value = key accounts with an interaction dated in [A − 89 days, A] / key accounts

    A key account is managed individually and often (McDonald, Millman & Rogers 1997): a
    quarter without a recorded contact says the relationship is not managed (blocks 8, 9).
    Missing without a flag (``needs.key_account``) or without a CRM table
    (``needs.interactions``). Our reading.
    """
    return _key_interactions_recent(_Context(ds, facts, as_of))


def key_flag_exists(ds, facts: Facts, *, as_of=None) -> Measure:
    """1 when the company flags key accounts at all, else 0.

    ::

        value = 1 if |key_account_ids(clients)| > 0 else 0;  numerator = flagged clients

    It answers block 4's stage 7, "does the company have clients with a key / VIP status?":
    a status exists only where it is written down (McDonald, Millman & Rogers 1997: a key
    account is selected). Never missing: no flag answers the question (0).
    """
    return _key_flag_exists(_Context(ds, facts, as_of))


def key_flag_current(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the flagged key accounts still buying (not lost, not declining).

    ::

        value = (key accounts − stale flags) / key accounts
        stale = block 7's ka_flag_review: lifecycle stage lost or declining at A, or no purchase

    A flag on a client that stopped buying is a stale list, not a managed status (block 4,
    stage 7; block 8). Missing without a flag (``needs.key_account``). Source: lifecycle of
    block 2, flag review of block 7; our reading.
    """
    return _key_flag_current(_Context(ds, facts, as_of))


def dmu_decision_maker(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the flagged key accounts with a known decision maker among their contacts.

    ::

        value = key accounts with a contact whose buying role is the decider / key accounts

    Block 10's DMU coverage (:func:`kbcore.analyses.dmu.dmu_coverage`, ``no_decider``). A key
    account whose decider we do not know is sold to, not managed (Webster & Wind 1972).
    Missing: ``needs.key_account``, ``needs.contacts``, ``needs.contacts.buying_role``.
    """
    return _dmu_decision_maker(_Context(ds, facts, as_of))


def dmu_multithreaded(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the flagged key accounts with 3 or more known contacts.

    ::

        value = key accounts with contacts ≥ 3 / key accounts

    Block 10's DMU coverage (``contacts``). A relationship that hangs on one person leaves with
    that person (multi-threading, McDonald & Rogers 1998). Missing: ``needs.key_account``,
    ``needs.contacts``.
    """
    return _dmu_multithreaded(_Context(ds, facts, as_of))


def contacts_recorded(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of active clients with at least one contact person recorded.

    ::

        value = active clients with a row in contacts / active clients

    It answers "do we know whom we deal with at each client?" (block 4, stages 6 and 8;
    block 9). Missing (``needs.contacts``) without a contacts table. Our reading.
    """
    return _contacts_recorded(_Context(ds, facts, as_of))


def second_order(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the clients won in the last 3 years that ordered a second time.

    ::

        won    = block 5's new clients (kbcore.analyses.retention.new_clients) with a first
                 order in months_back(A, 36) — when the history starts inside that window, block
                 5's own start (first month + 90 days lead-in); followed ≥ 183 days
        value  = won clients with ≥ 2 orders / won clients   (second_order_conversion)

    A base grows by clients who come back; a one-order client is a sale, not a client
    (block 3, the possibilities of the base). Missing (``needs.new_clients``) when no won
    client has been followed long enough. Source: F. F. Reichheld, *The Loyalty Effect*, 1996;
    our reading.
    """
    return _second_order(_Context(ds, facts, as_of))


def profitable_revenue(ds, facts: Facts, *, as_of=None) -> Measure:
    """Share of the last 12 months' revenue from clients with a positive client profit.

    ::

        value = Σ revenue of clients with profit > 0 / Σ revenue
        profit = block 1's client_pnl over months_back(A, 12), default cost-to-serve rates

    Revenue earned at a loss is volume, not a base that pays (block 1, the whale curve; block
    3). Missing (``needs.sales.cost``) without a cost of goods. Source: R. S. Kaplan and
    V. G. Narayanan, "Measuring and managing customer profitability", 2001.
    """
    return _profitable_revenue(_Context(ds, facts, as_of))


def market_known(ds, facts: Facts, *, as_of=None) -> Measure:
    """1 when market data (segment × region) is available, else 0.

    ::

        value = 1 if the market table has rows with segment and region else 0;
        numerator = its cells

    Segmenting the markets (block 4, stage 1; block 8) needs to know the market, not only our
    clients (McDonald & Woodburn 2007). Never missing: its absence is the answer (0).
    """
    return _market_known(_Context(ds, facts, as_of))


MEASURES: dict[str, Callable[..., Measure]] = {
    "segment_known": segment_known,
    "card_completeness": card_completeness,
    "manager_assigned": manager_assigned,
    "segment_cells_owned": segment_cells_owned,
    "potential_known": potential_known,
    "interactions_coverage": interactions_coverage,
    "key_interactions_recent": key_interactions_recent,
    "key_flag_exists": key_flag_exists,
    "key_flag_current": key_flag_current,
    "dmu_decision_maker": dmu_decision_maker,
    "dmu_multithreaded": dmu_multithreaded,
    "contacts_recorded": contacts_recorded,
    "second_order": second_order,
    "profitable_revenue": profitable_revenue,
    "market_known": market_known,
}
"""Measure id → function ``(ds, facts, *, as_of=None) -> Measure`` (the contract's ids)."""


def _check(ids: Iterable[str]) -> list[str]:
    ids = [ids] if isinstance(ids, str) else list(ids)
    unknown = [i for i in ids if i not in MEASURES]
    if unknown:
        raise KeyError(f"unknown evidence measure {', '.join(map(repr, unknown))}; "
                       f"known: {', '.join(MEASURES)}")
    return ids


def _table(ctx: _Context, ids: list[str]) -> pd.DataFrame:
    rows = [(i, *(lambda m: (m.value, m.numerator, m.denominator, m.missing))(_IMPL[i](ctx)))
            for i in ids]
    out = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    out["measure"] = out["measure"].astype("string")
    out["missing"] = out["missing"].astype("string")
    for col in ("value", "numerator", "denominator"):
        out[col] = out[col].astype("float64")
    return out


def measure(ids, ds, facts: Facts, *, as_of=None) -> pd.DataFrame:
    """The evidence measures ``ids`` (one id or a list), computed on one shared context.

    Parameters
    ----------
    ids : str or iterable of str
        Measure ids (the keys of :data:`MEASURES`); an unknown id raises ``KeyError``.
    ds : Dataset
        The company's tables (:class:`kbcore.ingest.Dataset`).
    facts : Facts
        Its sales facts.
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``).

    Returns
    -------
    DataFrame
        :data:`MEASURE_COLUMNS`, one row per id in the order given: ``measure, value`` (share
        0..1, NaN when missing), ``numerator, denominator, missing`` (ids joined by ",", ""
        when none). Each row equals ``MEASURES[id](ds, facts, as_of=as_of)``; the tables
        shared by several measures (stages, P&L, features) are computed once.

    Source: see the module docstring and each measure's function.
    """
    return _table(_Context(ds, facts, as_of), _check(ids))

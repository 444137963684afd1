"""Block 4 · The audit of the customer base in 10 stages («Аудит КБ компании»).

The seminar's block 4 audits a company's customer base in ten stages (program text, block 4):
segmentation of the markets, assignment of the segments to salespeople, a profile for each
category of clients, its formalisation, the recorded history of the relationship, the
information about the clients, the key / VIP status, what we know about each client, "a base
or a list?", and the consequences for the business. The program names the stages, not how to
measure them; **the measures below are our reading**, each a share on the company's data
(:mod:`kbcore.analyses.evidence` where a questionnaire measure fits):

=====  ================  =====================================================================
stage  stage_id          measure (value, a share 0..1; higher is better except stage 10)
=====  ================  =====================================================================
1      segmentation      ``segment_known``: clients with a segment / clients of the base;
                         ``count`` = segments with at least one active client
2      assignment        ``segment_cells_owned``: segment × region cells of the active clients
                         served by exactly one manager (:func:`assignment_cells`)
3      profiles          ``profile_fields``: clients whose card has what a profile needs —
                         segment, size or potential, region — / clients of the base
4      profile_rules     ``profile_match``: active clients whose block-5 profile-match score
                         (:func:`kbcore.analyses.profile.profile_match`, profile of their
                         segment) ≥ ``profile_cut`` / active clients
5      history           ``interactions_coverage`` (by ABC class: :func:`history_by_class`)
6      information       ``card_completeness``
7      key_status        ``key_flag_current`` (``count`` = flagged clients; no flag → missing)
8      knowledge         ``client_knowledge``: active clients for whom segment, size or
                         potential, categories bought, margin and rhythm (≥ 3 orders) are all
                         known / active clients; the motives of their purchases are in no
                         export (``needs.self_assessment``, always listed)
9      base_or_list      share of stages 1–8 that are ok; ``outcome`` = ``base`` when at least
                         ``base_min_ok`` of them are ok and none is missing, else ``list``
10     consequences      ``revenue_at_risk``: (lost clients' revenue + stale key accounts'
                         revenue, :func:`audit_money`) / the last 12 months' revenue — lower
                         is better; the money is in ``numerator`` and ``money``
=====  ================  =====================================================================

Verdicts (``VERDICTS``; thresholds are parameters, our reading): ``ok`` when value ≥ ``ok_at``
(0.8), ``weak`` when ≥ ``weak_at`` (0.5), ``poor`` below, ``missing`` when the data cannot tell
(value NaN). Stage 9: ``ok`` for a base, ``weak`` for a list. Stage 10: ``ok`` when the share at
risk ≤ ``risk_ok`` (0.10), ``weak`` when ≤ ``risk_weak`` (0.25), ``poor`` above.

``missing`` names what would be needed (ids of :mod:`kbcore.analyses.evidence`, joined by ","):
it can be non-empty on a stage whose value is known (stage 8's self-assessment, stage 10
without key-account flags) — the verdict is ``missing`` only when the value is unknown.

``money`` is the money at stake of a stage where the data tells it (the ranking of
:func:`audit_actions`): the last 12 months' revenue of the active clients the stage finds
wanting (stages 1–5, 8), of the cells not owned (2), the stale key accounts' revenue (7), the
revenue at risk (10).

Source: seminar program block 4 (the ten stages, the verdict "base or list"); the measures and
thresholds are our reading; client profit after Kaplan & Narayanan (2001), lifecycle after
block 2, profile after block 5, key accounts after McDonald, Millman & Rogers (1997).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.analyses.evidence import (
    _IMPL,
    CELL_COLUMNS,
    _cells,
    _Context,
    _ids,
    _needs,
)
from kbcore.analyses.lifecycle import StageRules
from kbcore.analyses.lifecycle import _window as _stage_window
from kbcore.analyses.profile import UNKNOWN, client_profile, profile_match
from kbcore.analyses.profitability import CostToServeRates
from kbcore.analyses.segmentation import ABC_CLASSES, abc
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = [
    "STAGE_IDS",
    "VERDICTS",
    "AUDIT_COLUMNS",
    "MONEY_COLUMNS",
    "CONSEQUENCES",
    "HISTORY_COLUMNS",
    "ACTION_COLUMNS",
    "CELL_COLUMNS",
    "audit_stages",
    "assignment_cells",
    "history_by_class",
    "audit_money",
    "audit_actions",
]

STAGE_IDS = ("segmentation", "assignment", "profiles", "profile_rules", "history",
             "information", "key_status", "knowledge", "base_or_list", "consequences")
"""The ten stages of block 4, in order (stage = position + 1)."""
VERDICTS = ("ok", "weak", "poor", "missing")
"""Verdict ids of a stage (catalogue ``audit.verdict.<id>``)."""
OUTCOMES = ("base", "list")
CONSEQUENCES = ("lost_clients_revenue", "loss_making_clients", "stale_key_revenue")
"""The consequence ids of :func:`audit_money`, in order."""

AUDIT_COLUMNS = ["stage", "stage_id", "measure", "value", "verdict", "missing", "numerator",
                 "denominator", "count", "money", "outcome"]
MONEY_COLUMNS = ["consequence", "money", "clients", "window_start", "window_end", "missing"]
HISTORY_COLUMNS = ["abc", "clients", "with_record", "share", "median_days_since"]
ACTION_COLUMNS = ["rank", "stage", "stage_id", "action", "verdict", "money"]


def _verdict(value: float, ok_at: float, weak_at: float) -> str:
    if value is None or np.isnan(value):
        return "missing"
    return "ok" if value >= ok_at else "weak" if value >= weak_at else "poor"


def _context(ds, facts, as_of, rates, rules) -> _Context:
    if rates is not None and not isinstance(rates, CostToServeRates):
        raise ValueError("rates must be a CostToServeRates")
    if rules is not None and not isinstance(rules, StageRules):
        raise ValueError("rules must be a StageRules")
    return _Context(ds, facts, as_of, rates=rates, rules=rules)


def _base_ids(ctx: _Context) -> pd.Index:
    """The clients of the base: the clients table plus every client with a stage (a buyer)."""
    ids = pd.Index(ctx.card.index, dtype="string").union(
        pd.Index(_ids(ctx.stages[C.client_id]), dtype="string"))
    return ids[ids.notna() & (ids != "")]


def _wanting(ctx: _Context, ok: pd.Series) -> float:
    """The last 12 months' revenue of the active clients where ``ok`` is False."""
    return ctx.revenue_of(ok.index[~ok.to_numpy(dtype=bool)])


# --------------------------------------------------------------------------- detail tables
def assignment_cells(ds, facts: Facts, *, as_of=None, split_at: int = 3) -> pd.DataFrame:
    """Block 4, stage 2: the segment × region cells of the active clients and who serves them.

    ::

        cell        = (segment, region) from the card, over the active clients that have both
                      (an order in the last 12 months, months_back(A, 12))
        clients     = active clients in the cell
        managers    = distinct managers written on their cards
        revenue     = their revenue in the last 12 months
        cell_status = orphan (managers = 0) | owned (1) | shared (2 … split_at − 1)
                      | split (≥ split_at)

    Parameters
    ----------
    ds : Dataset
        The company's tables (clients: segment, region, manager).
    facts : Facts
        Its sales facts.
    as_of : date-like, optional
        The analysis date A (default ``facts.as_of``).
    split_at : int
        A cell with this many managers or more is split (default 3, our reading: two managers
        can be a seller and a stand-in; three serve one cell without an owner).

    Returns
    -------
    DataFrame
        :data:`CELL_COLUMNS`, sorted by segment and region. Empty without segment or region on
        the cards; ``attrs["missing"]`` the ids of what is absent (``needs.clients.segment``,
        ``needs.clients.region``, ``needs.clients.manager`` — without managers every cell is
        an orphan).

    Source: assignment of segments / territories to salespeople, A. A. Zoltners, P. Sinha,
    S. E. Lorimer, *Sales Force Design for Strategic Advantage*, 2004; our reading of block 4.
    """
    cells, missing = _cells(_Context(ds, facts, as_of), split_at)
    cells.attrs["missing"] = tuple(m for m in missing.split(",") if m)
    return cells


def history_by_class(ds, facts: Facts, *, as_of=None) -> pd.DataFrame:
    """Block 4, stage 5: the recorded relationship history by ABC class of the active clients.

    ::

        abc               = block 6's ABC class by the last 12 months' revenue (80 / 95 %)
        clients           = active clients of the class
        with_record       = those with a CRM record dated in months_back(A, 12)
        share             = with_record / clients
        median_days_since = median of A − the last CRM record up to A, over the class's clients
                            that have any record (NaN when none has)

    Returns
    -------
    DataFrame
        :data:`HISTORY_COLUMNS`, one row per class A, B, C (a class without clients has
        clients 0 and NaN shares). Without an interactions table ``with_record``, ``share``
        and ``median_days_since`` are unknown (NA / NaN) and ``attrs["missing"]`` is
        ``("needs.interactions",)``.

    Source: ABC after Dickie (1951), as in block 6; the history stage of block 4 (our reading:
    the A clients' history matters most).
    """
    ctx = _Context(ds, facts, as_of)
    active = ctx.recent.loc[ctx.active].drop(columns=C.client_id).reset_index()
    classes = abc(active).set_index(C.client_id)["abc"] if len(active) else pd.Series(
        dtype="string")
    frame = pd.DataFrame({"abc": classes.astype("string")})
    known = ctx.crm_last is not None
    if known:
        last = ctx.crm_last.reindex(frame.index)
        frame["with_record"] = (last >= ctx.lo).fillna(False).astype(bool)
        frame["days"] = (ctx.at - last).dt.days.astype("float64")
    else:
        frame["with_record"] = False
        frame["days"] = np.nan
    grouped = frame.groupby("abc", sort=True)
    out = pd.DataFrame({"clients": grouped.size(),
                        "with_record": grouped["with_record"].sum(),
                        "median_days_since": grouped["days"].median()})
    out = out.reindex(pd.Index(ABC_CLASSES, name="abc"))
    out["clients"] = out["clients"].fillna(0).astype("int64")
    out["with_record"] = out["with_record"].fillna(0).astype("Int64")
    out["share"] = (out["with_record"].astype("float64")
                    / out["clients"].where(out["clients"] > 0)).astype("float64")
    out["median_days_since"] = out["median_days_since"].astype("float64")
    if not known:
        out["with_record"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["share"] = np.nan
    out = out.reset_index()
    out["abc"] = out["abc"].astype("string")
    out = out[HISTORY_COLUMNS]
    out.attrs["missing"] = () if known else ("needs.interactions",)
    return out


def _money(ctx: _Context) -> tuple[pd.DataFrame, pd.Index, pd.Index]:
    """:func:`audit_money`'s table and the ids of the lost clients and stale key accounts."""
    st = ctx.stages.assign(**{C.client_id: _ids(ctx.stages[C.client_id])}).set_index(C.client_id)
    w_start, p_start, p_end = _stage_window(ctx.at, int(ctx.rules.window_months))
    lost = st.index[((st["stage"] == "lost") & (st["last_date"] >= p_start)).to_numpy(dtype=bool)]
    rows = [("lost_clients_revenue", float(st.loc[lost, "revenue_prev_window"].sum()), len(lost),
             p_start, p_end, "")]
    pnl = ctx.pnl
    if len(pnl) and pnl["profit"].notna().any():
        neg = pnl.loc[pnl["profit"] < 0, "profit"]
        rows.append(("loss_making_clients", float(-neg.sum()), len(neg), ctx.lo, ctx.at, ""))
    else:
        rows.append(("loss_making_clients", np.nan, np.nan, ctx.lo, ctx.at, "needs.sales.cost"))
    ka = ctx.key_ids
    if len(ka):
        stage = st["stage"].reindex(ka)
        stale = ka[stage.isin(["lost", "declining"]).to_numpy(dtype=bool)]
        rows.append(("stale_key_revenue", float(st.loc[stale, "revenue_prev_window"].sum()),
                     len(stale), p_start, p_end, ""))
    else:
        stale = pd.Index([], dtype="string")
        rows.append(("stale_key_revenue", np.nan, np.nan, p_start, p_end, "needs.key_account"))
    out = pd.DataFrame(rows, columns=MONEY_COLUMNS)
    out["consequence"] = out["consequence"].astype("string")
    out["money"] = out["money"].astype("float64")
    out["clients"] = out["clients"].astype("Int64")
    for col in ("window_start", "window_end"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    out["missing"] = out["missing"].astype("string")
    return out, lost, stale


def audit_money(ds, facts: Facts, *, as_of=None, rates: CostToServeRates | None = None,
                rules: StageRules | None = None) -> pd.DataFrame:
    """Block 4, stage 10: the consequences for the business, in the company's currency.

    One row per consequence (A = ``as_of``; the lifecycle's windows: the last 12 months
    W = [A − 12 months + 1 day, A] and the 12 months before it P)::

        lost_clients_revenue  clients whose lifecycle stage at A is "lost" (block 2,
                              client_stages with ``rules``) and whose last purchase falls in
                              P — i.e. lost during W with the default lost_days = 365;
                              money = Σ their revenue in P (revenue_prev_window): the yearly
                              business that left
        loss_making_clients   block 1's client P&L over W (client_pnl with ``rates``, default
                              cost-to-serve rates); money = −Σ profit of the clients with
                              profit < 0 (a positive amount: what they cost)
        stale_key_revenue     flagged key accounts whose stage at A is lost or declining;
                              money = Σ their revenue in P (the business that is slipping)

    Parameters
    ----------
    ds : Dataset
        The company's tables.
    facts : Facts
        Its sales facts.
    as_of : date-like, optional
        The analysis date A (default ``facts.as_of``).
    rates : CostToServeRates, optional
        Block 1's cost-to-serve rates (default ``DEFAULT_RATES``).
    rules : StageRules, optional
        The lifecycle rules (default ``DEFAULT_RULES``).

    Returns
    -------
    DataFrame
        :data:`MONEY_COLUMNS`: ``consequence`` (:data:`CONSEQUENCES`), ``money`` (≥ 0),
        ``clients``, ``window_start``, ``window_end`` (the window of the money), ``missing``
        (``needs.sales.cost`` without a cost of goods, ``needs.key_account`` without flags;
        money and clients are then unknown, never 0).

    Source: client profit after Kaplan & Narayanan (2001), as in block 1; lifecycle stages of
    block 2; stale key-account flags as in block 7; our reading of block 4's stage 10.
    """
    return _money(_context(ds, facts, as_of, rates, rules))[0]


# --------------------------------------------------------------------------- the stages
def _row(stage_id: str, measure: str, value, numerator, denominator, missing="", *,
         count=None, money=np.nan) -> dict:
    return {"stage": STAGE_IDS.index(stage_id) + 1, "stage_id": stage_id, "measure": measure,
            "value": float(value), "missing": missing, "numerator": float(numerator),
            "denominator": float(denominator), "count": count, "money": float(money)}


def _from_evidence(ctx: _Context, stage_id: str, measure: str, **kw) -> dict:
    m = _IMPL[measure](ctx)
    return _row(stage_id, measure, m.value, m.numerator, m.denominator, m.missing, **kw)


def _profile_fields(ctx: _Context) -> dict:
    ids = _base_ids(ctx)
    needs = [n for n in (_needs(ctx.ds, C.segment), _needs(ctx.ds, C.region)) if n]
    if not _needs(ctx.ds, C.size) or not _needs(ctx.ds, C.potential):
        size_ok = ctx.card_column(C.size, ids) | ctx.card_column(C.potential, ids)
    else:
        needs.append("needs.clients.size,needs.clients.potential")
        size_ok = pd.Series(False, index=ids)
    if needs:
        return _row("profiles", "profile_fields", np.nan, np.nan, len(ids), ",".join(needs))
    ok = ctx.card_column(C.segment, ids) & ctx.card_column(C.region, ids) & size_ok
    value = ok.sum() / len(ids) if len(ids) else np.nan
    return _row("profiles", "profile_fields", value, ok.sum(), len(ids),
                money=_wanting(ctx, ok.reindex(ctx.active, fill_value=False)))


def _profile_match(ctx: _Context, cut: float) -> dict:
    active = ctx.active
    missing = _needs(ctx.ds, C.segment)
    if missing or not len(active):
        return _row("profile_rules", "profile_match", np.nan, np.nan, len(active), missing)
    features = ctx.features.reset_index()
    match = profile_match(features, client_profile(features, ctx.pnl)).set_index(C.client_id)
    ok = (match["score"].reindex(active) >= cut).fillna(False).astype(bool)
    return _row("profile_rules", "profile_match", ok.sum() / len(active), ok.sum(), len(active),
                money=_wanting(ctx, ok))


def _knowledge(ctx: _Context) -> dict:
    active = ctx.active
    needs = [n for n in (_needs(ctx.ds, C.segment),) if n]
    if _needs(ctx.ds, C.size) and _needs(ctx.ds, C.potential):
        needs.append("needs.clients.size,needs.clients.potential")
    f = ctx.features.reindex(active)
    if not f["categories"].notna().any():
        needs.append("needs.products.category")
    if C.cost not in ctx.facts.sales.columns or not f["gross_margin"].notna().any():
        needs.append("needs.sales.cost")
    missing = ",".join([*needs, "needs.self_assessment"])
    if needs or not len(active):
        return _row("knowledge", "client_knowledge", np.nan, np.nan, len(active), missing)
    size = (f[C.size].astype("string") != UNKNOWN).fillna(False) | f[C.potential].notna()
    ok = ((f[C.segment].astype("string") != UNKNOWN).fillna(False) & size
          & f["categories"].notna() & f["gross_margin"].notna() & (f["orders"] >= 3))
    ok = ok.astype(bool)
    return _row("knowledge", "client_knowledge", ok.sum() / len(active), ok.sum(), len(active),
                missing, money=_wanting(ctx, ok))


def audit_stages(
    ds,
    facts: Facts,
    *,
    as_of=None,
    rates: CostToServeRates | None = None,
    rules: StageRules | None = None,
    ok_at: float = 0.8,
    weak_at: float = 0.5,
    base_min_ok: int = 6,
    profile_cut: float = 0.5,
    split_at: int = 3,
    risk_ok: float = 0.10,
    risk_weak: float = 0.25,
) -> pd.DataFrame:
    """The audit of the customer base in block 4's ten stages: one row per stage.

    What each stage measures, the verdicts and the money at stake: the module docstring (our
    reading of the seminar's block 4).

    Parameters
    ----------
    ds : Dataset
        The company's tables; a sales-only export works (stages that need a missing table
        get the verdict ``missing`` and say what they need).
    facts : Facts
        Its sales facts.
    as_of : date-like, optional
        The analysis date A (default ``facts.as_of``).
    rates : CostToServeRates, optional
        Block 1's cost-to-serve rates (default rates): client profit (stages 4, 10).
    rules : StageRules, optional
        The lifecycle rules (default rules): stages 7 and 10.
    ok_at, weak_at : float
        Verdict thresholds of stages 1–8: ok when value ≥ ok_at (0.8), weak when ≥ weak_at
        (0.5), poor below.
    base_min_ok : int
        Stage 9: a **base** when at least this many of stages 1–8 are ok (6) and none is
        missing; otherwise a **list**.
    profile_cut : float
        Stage 4: the smallest profile-match score that meets the profile (0.5: half the
        profile's traits).
    split_at : int
        Stage 2: a cell served by this many managers or more is split (3).
    risk_ok, risk_weak : float
        Stage 10: ok when the share of revenue at risk ≤ risk_ok (0.10), weak when ≤ risk_weak
        (0.25), poor above.

    Returns
    -------
    DataFrame
        :data:`AUDIT_COLUMNS`, stages 1..10 in order: ``stage, stage_id`` (:data:`STAGE_IDS`),
        ``measure`` (an evidence id or ``profile_fields``, ``profile_match``,
        ``client_knowledge``, ``stages_ok``, ``revenue_at_risk``), ``value`` (share, NaN when
        missing), ``verdict`` (:data:`VERDICTS`), ``missing`` (ids joined by ","),
        ``numerator, denominator`` (value = numerator / denominator), ``count`` (segments with
        active clients, cells, flagged key accounts, stages ok; else NA), ``money`` (money at
        stake, NaN where not told), ``outcome`` (stage 9: ``base`` / ``list``).

    Source: seminar program block 4; our reading (module docstring).
    """
    if not 0 <= weak_at <= ok_at <= 1:
        raise ValueError("need 0 ≤ weak_at ≤ ok_at ≤ 1")
    if not 0 <= risk_ok <= risk_weak <= 1:
        raise ValueError("need 0 ≤ risk_ok ≤ risk_weak ≤ 1")
    if not 1 <= int(base_min_ok) <= 8:
        raise ValueError("base_min_ok must be between 1 and 8")
    ctx = _context(ds, facts, as_of, rates, rules)
    active = ctx.active
    rows = []

    # 1 segmentation
    has_seg = not _needs(ds, C.segment)
    seg_ok = ctx.card_column(C.segment, active)
    segments = (ctx.card[C.segment].reindex(active).astype("string").str.strip()
                .replace("", pd.NA).nunique() if has_seg else None)
    rows.append(_from_evidence(ctx, "segmentation", "segment_known", count=segments,
                               money=_wanting(ctx, seg_ok) if has_seg else np.nan))
    # 2 assignment
    cells, cell_missing = _cells(ctx, split_at)
    row = _from_evidence(ctx, "assignment", "segment_cells_owned", count=len(cells) or None)
    if not cell_missing:
        row["value"] = float((cells["cell_status"] == "owned").mean()) if len(cells) else np.nan
        row["numerator"] = float((cells["cell_status"] == "owned").sum())
        row["denominator"] = float(len(cells))
        row["money"] = float(cells.loc[cells["cell_status"] != "owned", C.revenue].sum())
    rows.append(row)
    # 3 profiles, 4 formalised profile
    rows.append(_profile_fields(ctx))
    rows.append(_profile_match(ctx, float(profile_cut)))
    # 5 history
    crm_ok = ctx.recorded_since(active, ctx.lo) if ctx.crm_last is not None else None
    rows.append(_from_evidence(ctx, "history", "interactions_coverage",
                               money=_wanting(ctx, crm_ok) if crm_ok is not None else np.nan))
    # 6 information
    rows.append(_from_evidence(ctx, "information", "card_completeness"))
    # 7 key status
    money, lost, stale = _money(ctx)
    stale_money = money.set_index("consequence").loc["stale_key_revenue", "money"]
    rows.append(_from_evidence(ctx, "key_status", "key_flag_current", count=len(ctx.key_ids),
                               money=stale_money))
    # 8 knowledge
    rows.append(_knowledge(ctx))
    for r in rows:
        r["verdict"] = _verdict(r["value"], ok_at, weak_at)
    # 9 base or list
    verdicts = [r["verdict"] for r in rows]
    n_ok = verdicts.count("ok")
    base = n_ok >= int(base_min_ok) and "missing" not in verdicts
    row = _row("base_or_list", "stages_ok", n_ok / 8, n_ok, 8, count=n_ok)
    row["verdict"] = "ok" if base else "weak"
    row["outcome"] = "base" if base else "list"
    rows.append(row)
    # 10 consequences: lost clients + stale key accounts (each client counted once)
    at_risk = lost.union(stale)
    st = ctx.stages.assign(**{C.client_id: _ids(ctx.stages[C.client_id])}).set_index(C.client_id)
    risk = float(st["revenue_prev_window"].reindex(at_risk).fillna(0).sum())
    value = risk / ctx.revenue if ctx.revenue > 0 else np.nan
    row = _row("consequences", "revenue_at_risk", value, risk, ctx.revenue,
               "" if len(ctx.key_ids) else "needs.key_account", count=len(at_risk), money=risk)
    row["verdict"] = ("missing" if np.isnan(value) else "ok" if value <= risk_ok
                      else "weak" if value <= risk_weak else "poor")
    rows.append(row)

    out = pd.DataFrame(rows)
    out["outcome"] = out.get("outcome", pd.Series(pd.NA, index=out.index))
    out = out.reindex(columns=AUDIT_COLUMNS)
    out["stage"] = out["stage"].astype("int64")
    for col in ("stage_id", "measure", "verdict", "missing", "outcome"):
        out[col] = out[col].astype("string")
    out["missing"] = out["missing"].fillna("")
    out["count"] = pd.array([pd.NA if c is None or (isinstance(c, float) and np.isnan(c))
                             else int(c) for c in out["count"]], dtype="Int64")
    for col in ("value", "numerator", "denominator", "money"):
        out[col] = out[col].astype("float64")
    return out


_SEVERITY = {"missing": 0, "poor": 1, "weak": 2}


def audit_actions(stages: pd.DataFrame) -> pd.DataFrame:
    """The ranked action list of the audit: one row per stage whose verdict is not ok.

    Rule (our reading): the stages with a known money at stake come first, the largest money
    first; then the stages whose money is unknown. Ties (and the unknown-money group) are
    ordered by verdict — ``missing`` (the company cannot even measure it) before ``poor``
    before ``weak`` — then by stage order::

        key = (money unknown, −money, severity(verdict), stage)

    Parameters
    ----------
    stages : DataFrame
        :func:`audit_stages`.

    Returns
    -------
    DataFrame
        :data:`ACTION_COLUMNS`: ``rank`` (1 = do first), ``stage, stage_id``, ``action`` (the
        catalogue id ``audit.action.<stage_id>``), ``verdict``, ``money``. Empty when every
        stage is ok.

    Source: our reading of block 4 ("a list of the measures needed to build or optimise the
    base", ranked by what is at stake).
    """
    todo = stages.loc[stages["verdict"] != "ok"].copy()
    todo["_unknown"] = todo["money"].isna()
    todo["_money"] = -todo["money"].fillna(0.0)
    todo["_sev"] = todo["verdict"].map(_SEVERITY).fillna(3)
    todo = todo.sort_values(["_unknown", "_money", "_sev", "stage"], kind="mergesort")
    out = pd.DataFrame({
        "rank": np.arange(1, len(todo) + 1, dtype="int64"),
        "stage": todo["stage"].astype("int64").to_numpy(),
        "stage_id": todo["stage_id"].astype("string").to_numpy(),
        "action": pd.array(["audit.action." + s for s in todo["stage_id"].astype(str)],
                           dtype="string"),
        "verdict": todo["verdict"].astype("string").to_numpy(),
        "money": todo["money"].astype("float64").to_numpy(),
    })
    out["stage_id"] = out["stage_id"].astype("string")
    out["verdict"] = out["verdict"].astype("string")
    return out[ACTION_COLUMNS]

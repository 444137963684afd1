"""Back to the CRM: one line per client with every class, stage and next action.

The seminar's block 6 ends with «управление клиентской базой на принципах CRM»: an analysis
changes nothing until its result is in the system the managers open every morning.
:func:`crm_table` **assembles** the results a notebook has already computed — ABC and XYZ
classes, RFM segments, lifecycle stages — into that one table; it computes no class itself,
so the table says exactly what the notebook showed. It returns ids (segment, stage and action
ids); :func:`kbcore.views.crm.crm_texts` puts them in words and
:func:`kbcore.app.crm.write_crm` writes the files for the CRM's import.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from kbcore.analyses.dmu import GAPS, buy_class, dmu_actions, dmu_coverage, next_dmu_action
from kbcore.analyses.ka_portfolio import (
    PortfolioTemplate,
    load_portfolio_template,
    matrix_clients,
    portfolio_measures,
    portfolio_scores,
)
from kbcore.analyses.key_accounts import candidate_key_accounts, key_account_ids
from kbcore.analyses.lifecycle import STAGE_ACTIONS
from kbcore.analyses.segmentation import DEFAULT_RFM_RULES, RFMRules
from kbcore.analyses.segmentation import rfm as rfm_scores
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = ["CRM_COLUMNS", "KA_COLUMNS", "card_text", "crm_key_accounts", "crm_rfm", "crm_table",
           "key_account_columns"]

KA_COLUMNS = [C.key_account, "ka_strategy", "dmu_gaps", "dmu_next_action"]
"""The key-account columns of the CRM table (blocks 7 and 10), see :func:`key_account_columns`."""

CRM_COLUMNS = [
    C.client_id,
    C.name,
    C.manager,
    C.segment,
    "abc",
    "xyz",
    "rfm_segment",
    "stage",
    "next_action",
    *KA_COLUMNS,
    "revenue_12m",
    "last_purchase",
]
"""The columns of :func:`crm_table`, in their order (the CRM files' headers)."""

GAP_SEPARATOR = ","
"""Joins the gap ids of one account in ``dmu_gaps`` (ids never contain it)."""


def card_text(clients: pd.DataFrame | None, column: str, ids: pd.Series) -> pd.Series:
    """The cards' ``column`` for ``ids`` as text (NA when the table, column or card is absent)."""
    if clients is None or column not in clients.columns or C.client_id not in clients.columns:
        return pd.Series(pd.NA, index=ids.index, dtype="string")
    cards = clients.assign(**{C.client_id: clients[C.client_id].astype("string").str.strip()})
    cards = cards.drop_duplicates(C.client_id).set_index(C.client_id)[column].astype("string")
    return pd.Series(cards.reindex(ids.to_numpy()).to_numpy(), index=ids.index, dtype="string")


def _classes(table: pd.DataFrame | None, column: str) -> pd.DataFrame:
    """``client_id`` and ``column`` of a result (empty when the result is absent)."""
    if table is None or column not in table.columns:
        return pd.DataFrame({C.client_id: pd.Series(dtype="string"),
                             column: pd.Series(dtype="string")})
    out = table[[C.client_id, column]].copy()
    out[C.client_id] = out[C.client_id].astype("string")
    return out


def crm_rfm(facts: Facts, start, end, rules: RFMRules = DEFAULT_RFM_RULES) -> pd.DataFrame:
    """RFM over the window ``[start, end]`` that the CRM table's ABC and XYZ use.

    :func:`kbcore.analyses.segmentation.rfm` with ``as_of = end`` and ``window_days`` the days
    of the window (recency is counted from the window's last day; frequency and monetary are the
    purchase days and the net revenue inside it), so that the table's ABC class, RFM segment and
    revenue column speak of the same months. ``rules`` give the cut points; their
    ``window_days`` is replaced.
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if end < start:
        raise ValueError(f"the window ends ({end.date()}) before it starts ({start.date()})")
    days = int((end - start).days) + 1
    return rfm_scores(facts, as_of=end, rules=dataclasses.replace(rules, window_days=days))


def _id_frame(frame: pd.DataFrame | None, columns: dict[str, str]) -> pd.DataFrame:
    """``client_id`` and ``columns`` (source → target) of a result; empty when it is absent."""
    if frame is None or C.client_id not in frame.columns:
        return pd.DataFrame({C.client_id: pd.Series(dtype="string"),
                             **{new: pd.Series(dtype="string") for new in columns.values()}})
    out = pd.DataFrame({C.client_id: frame[C.client_id].astype("string").str.strip()})
    for old, new in columns.items():
        out[new] = (frame[old].astype("string") if old in frame.columns
                    else pd.Series(pd.NA, index=frame.index, dtype="string"))
    return out.drop_duplicates(C.client_id)


def key_account_columns(
    key_accounts,
    *,
    portfolio: pd.DataFrame | None = None,
    coverage: pd.DataFrame | None = None,
    next_action: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The key-account columns of the CRM table, assembled from block 7's and block 10's results.

    Parameters
    ----------
    key_accounts : iterable of ids
        Today's key accounts (:func:`kbcore.analyses.key_accounts.key_account_ids`); empty
        or None when the company flags none.
    portfolio : DataFrame, optional
        ``PortfolioResult.table`` of :func:`kbcore.analyses.ka_portfolio.portfolio_scores`
        (``client_id, quadrant``): every scored client gets its strategy, key account or not
        (an unflagged client in "invest for growth" is a candidate).
    coverage : DataFrame, optional
        :func:`kbcore.analyses.dmu.dmu_coverage` of the key accounts (the gap flags).
    next_action : DataFrame, optional
        :func:`kbcore.analyses.dmu.next_dmu_action` (``client_id, action``).

    Returns
    -------
    DataFrame
        ``client_id`` and :data:`KA_COLUMNS`, one row per client named by any input:

        - ``key_account``: True for the key accounts, False for the others (NA for all
          when ``key_accounts`` is None: the company keeps no flag);
        - ``ka_strategy``: the quadrant's strategy id (NA when not scored);
        - ``dmu_gaps``: the ids of the account's true gaps, in :data:`~kbcore.analyses.dmu.GAPS`
          order, joined by :data:`GAP_SEPARATOR`; ``""`` for a key account without a gap; NA
          when the coverage is unknown (no contacts table) or the client is not in it;
        - ``dmu_next_action``: the action id of rank 1 (NA without a gap or coverage).

    Notes
    -----
    An assembly, no computation: the CRM table repeats what blocks 7 and 10 showed.
    Source: the seminar's block 6 (the analysis goes back into the CRM) and the issue's
    key-account columns; our reading.
    """
    kas = None if key_accounts is None else pd.Index(
        [str(k).strip() for k in key_accounts], dtype="string").unique()
    parts = [
        _id_frame(portfolio, {"quadrant": "ka_strategy"}),
        _id_frame(next_action, {"action": "dmu_next_action"}),
    ]
    gaps = _id_frame(None, {"dmu_gaps": "dmu_gaps"})
    if coverage is not None and C.client_id in coverage.columns:
        flags = pd.DataFrame({g: coverage[g].astype("boolean") if g in coverage.columns
                              else pd.Series(pd.NA, index=coverage.index, dtype="boolean")
                              for g in GAPS})
        known = flags.notna().any(axis=1)
        words = pd.Series("", index=coverage.index, dtype="string")
        for g in GAPS:  # five gap columns; each step is vectorised over the accounts
            words = words + pd.Series(np.where(flags[g].fillna(False).to_numpy(bool),
                                               g + GAP_SEPARATOR, ""), index=coverage.index)
        words = words.str.rstrip(GAP_SEPARATOR)
        gaps = pd.DataFrame({C.client_id: coverage[C.client_id].astype("string").str.strip(),
                             "dmu_gaps": words.where(known)})
        gaps = gaps.drop_duplicates(C.client_id)
    ids = pd.concat([p[C.client_id] for p in (*parts, gaps)]
                    + ([pd.Series(kas, dtype="string")] if kas is not None else []),
                    ignore_index=True).dropna().unique()
    out = pd.DataFrame({C.client_id: pd.array(sorted(ids), dtype="string")})
    if kas is None:
        out[C.key_account] = pd.array([pd.NA] * len(out), dtype="boolean")
    else:
        out[C.key_account] = pd.array(out[C.client_id].isin(kas).to_numpy(), dtype="boolean")
    for part in (parts[0], gaps, parts[1]):
        out = out.merge(part, on=C.client_id, how="left")
    out = out[[C.client_id, *KA_COLUMNS]]
    out.attrs["flagged"] = kas is not None
    return out


def crm_key_accounts(
    facts: Facts,
    clients: pd.DataFrame | None,
    *,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    pnl: pd.DataFrame | None = None,
    template: PortfolioTemplate | None = None,
    manual: pd.DataFrame | None = None,
    stale_days: int = 180,
) -> pd.DataFrame:
    """:func:`key_account_columns` of a company, with blocks 7 and 10's defaults, at ``facts.as_of``.

    The chain the two blocks show step by step::

        key accounts = key_account_ids(clients)                              (block 7)
        on matrix    = matrix_clients(portfolio_measures(...), key accounts or, without a flag,
                       candidate_key_accounts(pnl))                          (blocks 7 and 8)
        strategy     = portfolio_scores(on matrix, template, manual)         (block 7, KAISM)
        coverage     = dmu_coverage(contacts, key accounts, stale_days)       (block 10)
        next action  = next_dmu_action(dmu_actions(coverage, buy_class(...)))  (block 10)

    ``template`` defaults to the shipped matrix template
    (:func:`~kbcore.analyses.ka_portfolio.load_portfolio_template`); ``manual`` are the trainer's
    scores of the manual criteria, as in block 7. Without sales the result is empty; without
    contacts the DMU columns are NA (not "no gap").
    """
    if not facts.has_sales:
        return key_account_columns(None)
    as_of = facts.as_of
    has_flag = clients is not None and C.key_account in clients.columns and \
        clients[C.key_account].notna().any()
    kas = key_account_ids(clients) if has_flag else None
    placed = kas if kas is not None and len(kas) else (
        candidate_key_accounts(pnl) if pnl is not None else None)
    measures = portfolio_measures(facts, clients, contacts=contacts, surveys=surveys, pnl=pnl, as_of=as_of)
    scores = portfolio_scores(matrix_clients(measures, placed),
                              template if template is not None else load_portfolio_template(), manual=manual)
    coverage = actions = None
    if kas is not None and len(kas) and contacts is not None and len(contacts):
        coverage = dmu_coverage(contacts, kas, as_of=as_of, stale_days=stale_days,
                                interactions=interactions)
        classes = buy_class(facts, kas, as_of=as_of, products=products)
        actions = next_dmu_action(dmu_actions(coverage, classes), coverage)
    return key_account_columns(kas, portfolio=scores.table, coverage=coverage, next_action=actions)


def crm_table(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    abc: pd.DataFrame | None,
    xyz: pd.DataFrame | None,
    rfm: pd.DataFrame,
    stages: pd.DataFrame | None,
    window: tuple | None = None,
    key_accounts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One line per client for the CRM, assembled from results already computed.

    Parameters
    ----------
    facts : Facts
        The facts the results were computed from (:class:`kbcore.facts.Facts`); its
        ``as_of`` dates the table when ``rfm`` does not.
    clients : DataFrame, optional
        Client cards: ``name``, ``manager``, ``segment`` (empty when absent; the ID stands for
        a missing name).
    abc : DataFrame or None
        :func:`kbcore.analyses.segmentation.abc` (``client_id``, ``abc``) — in block 6 over
        the last full months, like XYZ; None → the column is empty.
    xyz : DataFrame or None
        :func:`kbcore.analyses.segmentation.xyz` (``client_id``, ``xyz``); None → empty.
    rfm : DataFrame
        :func:`kbcore.analyses.segmentation.rfm`: its clients are the table's rows (every
        client that bought on or before its ``as_of``), its ``monetary`` and ``last_date``
        the last two columns.
    stages : DataFrame or None
        :func:`kbcore.analyses.lifecycle.client_stages` (``client_id``, ``stage``) at the
        same date; None → no stage.
    window : (start, end), optional
        The window the ABC, XYZ and ``rfm`` (:func:`crm_rfm`) were computed over, kept as
        ``attrs["window"]`` so that the files can name it; the revenue column is then the
        revenue of that window.
    key_accounts : DataFrame, optional
        :func:`key_account_columns` (blocks 7 and 10); None → the key-account columns are
        empty (NA).

    Returns
    -------
    DataFrame
        :data:`CRM_COLUMNS`: ``client_id, name, manager, segment`` (from the cards),
        ``abc``, ``xyz`` (NA when the client is not in that result, e.g. no purchase in the
        window), ``rfm_segment`` (segment id), ``stage`` (stage id; NA without one),
        ``next_action`` (catalogue id of the stage's action in
        :data:`kbcore.analyses.lifecycle.STAGE_ACTIONS`; NA without a stage),
        :data:`KA_COLUMNS` (``key_account``, ``ka_strategy``, ``dmu_gaps``,
        ``dmu_next_action`` of :func:`key_account_columns`; NA when not given),
        ``revenue_12m`` (RFM's ``monetary``: net revenue over the RFM window, rounded to
        kopecks), ``last_purchase`` (date). Sorted by revenue_12m descending, then
        client_id. ``attrs["as_of"]``: the RFM's day (else ``facts.as_of``).
    """
    at = rfm.attrs.get("as_of")
    if at is None and facts.has_sales:
        at = facts.as_of
    if rfm.empty:
        out = pd.DataFrame({c: pd.Series(dtype="string") for c in CRM_COLUMNS})
        out["revenue_12m"] = out["revenue_12m"].astype("float64")
        out["last_purchase"] = out["last_purchase"].astype("datetime64[ns]")
        out[C.key_account] = out[C.key_account].astype("boolean")
        out.attrs["as_of"] = at
        if window is not None:
            out.attrs["window"] = (pd.Timestamp(window[0]), pd.Timestamp(window[1]))
        return out
    frame = rfm[[C.client_id, "rfm_segment", "monetary", "last_date"]].copy()
    frame[C.client_id] = frame[C.client_id].astype("string")
    frame = (frame.merge(_classes(abc, "abc"), on=C.client_id, how="left")
             .merge(_classes(xyz, "xyz"), on=C.client_id, how="left")
             .merge(_classes(stages, "stage"), on=C.client_id, how="left"))
    ka = key_accounts if key_accounts is not None else key_account_columns(None)
    frame = frame.merge(ka[[C.client_id, *KA_COLUMNS]].astype({C.client_id: "string"}),
                        on=C.client_id, how="left")
    ids = frame[C.client_id]
    stage = frame["stage"].astype("string")
    known = stage.isin(list(STAGE_ACTIONS)).fillna(False).astype(bool)
    action = stage.map({s: todo[0] for s, todo in STAGE_ACTIONS.items()})
    out = pd.DataFrame(
        {
            C.client_id: ids,
            C.name: card_text(clients, C.name, ids).fillna(ids),
            C.manager: card_text(clients, C.manager, ids),
            C.segment: card_text(clients, C.segment, ids),
            "abc": frame["abc"].astype("string"),
            "xyz": frame["xyz"].astype("string"),
            "rfm_segment": frame["rfm_segment"].astype("string"),
            "stage": stage.where(known),
            "next_action": action.astype("string"),
            C.key_account: (frame[C.key_account].astype("boolean").fillna(False)
                            if ka.attrs.get("flagged") else frame[C.key_account].astype("boolean")),
            "ka_strategy": frame["ka_strategy"].astype("string"),
            "dmu_gaps": frame["dmu_gaps"].astype("string"),
            "dmu_next_action": frame["dmu_next_action"].astype("string"),
            "revenue_12m": frame["monetary"].astype("float64").round(2),
            "last_purchase": frame["last_date"].dt.normalize().astype("datetime64[ns]"),
        }
    )
    out = out.sort_values(["revenue_12m", C.client_id], ascending=[False, True], kind="mergesort")
    out = out[CRM_COLUMNS].reset_index(drop=True)
    out.attrs["as_of"] = at
    if window is not None:
        out.attrs["window"] = (pd.Timestamp(window[0]), pd.Timestamp(window[1]))
    return out

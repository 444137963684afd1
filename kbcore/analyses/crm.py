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

import pandas as pd

from kbcore.analyses.lifecycle import STAGE_ACTIONS
from kbcore.analyses.segmentation import DEFAULT_RFM_RULES, RFMRules
from kbcore.analyses.segmentation import rfm as rfm_scores
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = ["CRM_COLUMNS", "card_text", "crm_rfm", "crm_table"]

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
    "revenue_12m",
    "last_purchase",
]
"""The columns of :func:`crm_table`, in their order (the CRM files' headers)."""


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


def crm_table(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    abc: pd.DataFrame | None,
    xyz: pd.DataFrame | None,
    rfm: pd.DataFrame,
    stages: pd.DataFrame | None,
    window: tuple | None = None,
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

    Returns
    -------
    DataFrame
        :data:`CRM_COLUMNS`: ``client_id, name, manager, segment`` (from the cards),
        ``abc``, ``xyz`` (NA when the client is not in that result, e.g. no purchase in the
        window), ``rfm_segment`` (segment id), ``stage`` (stage id; NA without one),
        ``next_action`` (catalogue id of the stage's action in
        :data:`kbcore.analyses.lifecycle.STAGE_ACTIONS`; NA without a stage),
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
        out.attrs["as_of"] = at
        if window is not None:
            out.attrs["window"] = (pd.Timestamp(window[0]), pd.Timestamp(window[1]))
        return out
    frame = rfm[[C.client_id, "rfm_segment", "monetary", "last_date"]].copy()
    frame[C.client_id] = frame[C.client_id].astype("string")
    frame = (frame.merge(_classes(abc, "abc"), on=C.client_id, how="left")
             .merge(_classes(xyz, "xyz"), on=C.client_id, how="left")
             .merge(_classes(stages, "stage"), on=C.client_id, how="left"))
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

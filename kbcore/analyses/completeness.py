"""Block 2 · A list of clients or a customer base? The base's components, measured on the data.

The seminar (program block 2, «Что называют клиентской базой?»): a customer base («КБ») is not
a computer program and not a list of clients; it is the list *plus* what the company knows
about each client and does with that knowledge. The components that turn a list into a base,
as we read the program (blocks 2, 4 and 5: card, profile, segmentation, assignment to sellers,
lifecycle):

========================  ====================================================================
component                 a client counts as *known* when …
========================  ====================================================================
card («карточка»)         its card has a name, a tax ID (ИНН), a way to reach it (phone or
                          e-mail), an address and a decision maker (ЛПР: the card's field or a
                          contact whose buying role is decision_maker)
segment («сегмент»)       the segment is filled in
profile («профиль»)       both industry and size (the category of the client) are filled in
status («статус»)         the status is filled in
manager («ответственный») the client is assigned to a manager
interactions («история    at least one CRM record (call, visit, e-mail, meeting) in the
контактов»)               ``interaction_months`` before ``as_of``
stage («стадия ЖЦК»)      a lifecycle stage can be computed (the client has bought:
                          :func:`kbcore.analyses.lifecycle.client_stages`)
potential («потенциал»)   the estimated potential is a positive number
========================  ====================================================================

``known_share`` = clients known / all clients of the base (the clients table plus every client
that has a stage). A component is *ok* when ``known_share ≥ threshold``. The verdict
(:func:`base_verdict`): **base** when every component is ok, **list** when fewer than half are,
**partly** in between. Thresholds (0.8 by default): our reading, parameters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kbcore.analyses._window import months_back
from kbcore.analyses.lifecycle import STAGES
from kbcore.facts import between, period_bounds
from kbcore.schema import C

__all__ = [
    "COMPONENTS",
    "CARD_FIELDS",
    "COMPLETENESS_COLUMNS",
    "DEFAULT_THRESHOLD",
    "VERDICTS",
    "STATUS_EMPTY",
    "STATUS_NO_CARD",
    "NO_PURCHASE",
    "Verdict",
    "card_fields",
    "base_completeness",
    "base_verdict",
    "status_vs_stage",
]

COMPONENTS = (
    "card",
    "segment",
    "profile",
    "status",
    "manager",
    "interactions",
    "stage",
    "potential",
)
"""The components of a customer base, in display order (catalogue ``base.comp.<id>``)."""

CARD_FIELDS = (C.name, C.tax_id, C.phone, C.email, C.address, C.decision_maker)
"""The card fields measured by :func:`card_fields`."""

COMPLETENESS_COLUMNS = [
    "component",
    "known_share",
    "clients_known",
    "clients",
    "threshold",
    "ok",
    "available",
]

DEFAULT_THRESHOLD = 0.8
VERDICTS = ("base", "partly", "list")
"""Verdict ids (catalogue ``base.verdict.<id>``)."""

STATUS_EMPTY = "base.status.empty"
"""Row id of :func:`status_vs_stage` for cards whose status is empty."""
STATUS_NO_CARD = "base.status.no_card"
"""Row id of :func:`status_vs_stage` for clients with a stage but no card."""
NO_PURCHASE = "no_purchase"
"""Column id of :func:`status_vs_stage` for cards of clients that never bought."""


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _filled(frame: pd.DataFrame | None, column: str) -> pd.Series:
    """Per row of ``frame``: the column is present and holds a non-blank value."""
    if frame is None or column not in frame.columns:
        n = 0 if frame is None else len(frame)
        return pd.Series(np.zeros(n, dtype=bool), index=None if frame is None else frame.index)
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.notna().to_numpy(dtype=bool) & True
    text = values.astype("string").str.strip()
    return (text.notna() & (text != "")).fillna(False).astype(bool)


def _positions(ids: pd.Series, universe: pd.Index) -> np.ndarray:
    """The position of each id in the universe (−1: a missing id or one outside it)."""
    return universe.get_indexer(ids) if len(ids) else np.zeros(0, dtype=np.intp)


def _by_client(pos: np.ndarray, flags, universe: pd.Index) -> pd.Series:
    """Any True per client, on the universe (False where unknown).

    ``pos`` are the rows' positions in the universe (:func:`_positions`), computed once per id
    column and shared by all its flags.
    """
    out = np.zeros(len(universe), dtype=bool)
    if len(pos):
        out[pos[(pos >= 0) & np.asarray(flags, dtype=bool)]] = True
    return pd.Series(out, index=universe)


def _universe(clients: pd.DataFrame | None, stages: pd.DataFrame | None) -> pd.Index:
    parts = []
    if clients is not None and C.client_id in clients.columns:
        parts.append(_ids(clients[C.client_id]).dropna())
    if stages is not None and len(stages):
        parts.append(_ids(stages[C.client_id]).dropna())
    if not parts:
        return pd.Index([], dtype="string", name=C.client_id)
    ids = pd.concat(parts, ignore_index=True)
    ids = ids.loc[ids != ""]
    return pd.Index(sorted(ids.unique()), dtype="string", name=C.client_id)


def _decision_makers(contacts: pd.DataFrame | None, universe: pd.Index) -> pd.Series:
    if (
        contacts is None
        or C.client_id not in contacts.columns
        or C.buying_role not in contacts.columns
    ):
        return pd.Series(False, index=universe)
    role = contacts[C.buying_role].astype("string").str.strip().str.casefold()
    return _by_client(_positions(_ids(contacts[C.client_id]), universe),
                      (role == "decision_maker").fillna(False), universe)


def card_fields(
    clients: pd.DataFrame | None, contacts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How complete the client cards are, field by field.

    Parameters
    ----------
    clients : DataFrame or None
        Client cards (canonical columns; absent columns count as empty).
    contacts : DataFrame, optional
        People at the clients; a contact with ``buying_role`` "decision_maker" fills the
        card's decision maker.

    Returns
    -------
    DataFrame
        ``field, known_share, clients_known, clients, available``: one row per field of
        ``CARD_FIELDS`` and a last row ``complete`` (name, tax ID, phone or e-mail,
        address and decision maker all known). known_share = clients_known / clients (NaN
        with no clients). ``available`` says whether the data has the field at all.
    """
    universe = _universe(clients, None)
    rows = []
    known: dict[str, pd.Series] = {}
    ids = _ids(clients[C.client_id]) if clients is not None and len(universe) else pd.Series(
        dtype="string")
    pos = _positions(ids, universe)
    for field in CARD_FIELDS:
        has = clients is not None and field in clients.columns
        flags = _by_client(pos, _filled(clients, field), universe) if has else pd.Series(
            False, index=universe)
        if field == C.decision_maker:
            from_contacts = _decision_makers(contacts, universe)
            flags = flags | from_contacts
            has = has or bool(
                contacts is not None and C.buying_role in contacts.columns
            )
        known[field] = flags
        rows.append((field, flags, has))
    reach = known[C.phone] | known[C.email]
    complete = (
        known[C.name] & known[C.tax_id] & reach & known[C.address] & known[C.decision_maker]
    )
    rows.append(("complete", complete, all(r[2] for r in rows)))
    n = len(universe)
    out = pd.DataFrame(
        {
            "field": [r[0] for r in rows],
            "clients_known": [int(r[1].sum()) for r in rows],
            "clients": n,
            "available": [bool(r[2]) for r in rows],
        }
    )
    out["known_share"] = out["clients_known"] / n if n else np.nan
    out["field"] = out["field"].astype("string")
    return out[["field", "known_share", "clients_known", "clients", "available"]]


def base_completeness(
    clients: pd.DataFrame | None,
    interactions: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    stages: pd.DataFrame | None = None,
    *,
    as_of=None,
    interaction_months: int = 12,
    threshold: float = DEFAULT_THRESHOLD,
    thresholds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """For each component of a customer base, the share of clients for which it is known.

    Parameters
    ----------
    clients : DataFrame or None
        Client cards (a sales-only export has only client_id and name: most components are
        then unknown, which is the point).
    interactions : DataFrame, optional
        CRM records (date, client_id); None → the interaction history is unknown.
    contacts : DataFrame, optional
        People at the clients (fills the decision maker of the card).
    stages : DataFrame, optional
        :func:`kbcore.analyses.lifecycle.client_stages` at ``as_of``: the clients with a
        stage. None → nobody has one.
    as_of : date-like, optional
        Day of the measurement (interaction window end). Default: the stages' ``as_of``,
        else the last interaction date.
    interaction_months : int
        Window of the interaction history in months (12).
    threshold : float
        Minimal known share for a component to be ok (0.8), for every component …
    thresholds : mapping, optional
        … unless overridden here per component id, e.g. ``{"potential": 0.6}``.

    Returns
    -------
    DataFrame
        ``COMPLETENESS_COLUMNS``: component (one of ``COMPONENTS``, in that order),
        known_share = clients_known / clients, clients_known, clients, threshold,
        ok = known_share ≥ threshold, available (the data has the column/table at all).

    Formula and source: see the module docstring (seminar program block 2; our reading).
    """
    limits = {c: float(threshold) for c in COMPONENTS}
    for key, value in (thresholds or {}).items():
        if key not in limits:
            raise ValueError(f"unknown component {key!r}; components: {', '.join(COMPONENTS)}")
        limits[key] = float(value)
    for key, value in limits.items():
        if not (math.isfinite(value) and 0 <= value <= 1):
            raise ValueError(f"threshold of {key!r} must be a share between 0 and 1, not {value}")
    if int(interaction_months) < 1:
        raise ValueError("interaction_months must be at least 1")

    universe = _universe(clients, stages)
    ids = (
        _ids(clients[C.client_id])
        if clients is not None and C.client_id in clients.columns
        else pd.Series(dtype="string")
    )
    pos = _positions(ids, universe)

    def col(name: str) -> tuple[pd.Series, bool]:
        has = clients is not None and name in clients.columns
        if not has:
            return pd.Series(False, index=universe), False
        return _by_client(pos, _filled(clients, name), universe), True

    known: dict[str, tuple[pd.Series, bool]] = {}
    fields = card_fields(clients, contacts)
    complete_available = bool(fields.set_index("field").loc["complete", "available"])
    card_flags = {f: col(f)[0] for f in CARD_FIELDS}
    card_flags[C.decision_maker] = card_flags[C.decision_maker] | _decision_makers(
        contacts, universe)
    card = (
        card_flags[C.name]
        & card_flags[C.tax_id]
        & (card_flags[C.phone] | card_flags[C.email])
        & card_flags[C.address]
        & card_flags[C.decision_maker]
    )
    known["card"] = (card, complete_available)
    known["segment"] = col(C.segment)
    industry, has_industry = col(C.industry)
    size, has_size = col(C.size)
    known["profile"] = (industry & size, has_industry and has_size)
    known["status"] = col(C.status)
    known["manager"] = col(C.manager)

    # interaction history: a CRM record in the window before as_of
    at = None
    if as_of is not None:
        at = period_bounds(None, as_of)[1]
    elif stages is not None and len(stages) and "as_of" in stages.columns:
        at = pd.Timestamp(stages["as_of"].max())
    has_inter = (
        interactions is not None
        and C.client_id in interactions.columns
        and C.date in interactions.columns
    )
    if has_inter:
        if at is None and len(interactions):
            at = pd.Timestamp(interactions[C.date].max()).normalize()
        if at is None:
            recent = interactions.iloc[0:0]
        else:
            lo, _ = months_back(at, int(interaction_months))
            recent = between(interactions, lo, at)
        flags = _by_client(_positions(_ids(recent[C.client_id]), universe),
                           np.ones(len(recent), dtype=bool), universe)
        known["interactions"] = (flags, True)
    else:
        known["interactions"] = (pd.Series(False, index=universe), False)

    if stages is not None and len(stages):
        known["stage"] = (
            _by_client(_positions(_ids(stages[C.client_id]), universe),
                       np.ones(len(stages), dtype=bool), universe),
            True,
        )
    else:
        known["stage"] = (pd.Series(False, index=universe), stages is not None)

    if clients is not None and C.potential in clients.columns:
        pot = pd.to_numeric(clients[C.potential], errors="coerce")
        known["potential"] = (_by_client(pos, (pot > 0).fillna(False), universe), True)
    else:
        known["potential"] = (pd.Series(False, index=universe), False)

    n = len(universe)
    rows = []
    for comp in COMPONENTS:
        flags, available = known[comp]
        k = int(flags.sum())
        share = k / n if n else np.nan
        rows.append(
            {
                "component": comp,
                "known_share": share,
                "clients_known": k,
                "clients": n,
                "threshold": limits[comp],
                "ok": bool(n and share >= limits[comp]),
                "available": bool(available),
            }
        )
    out = pd.DataFrame(rows, columns=COMPLETENESS_COLUMNS)
    out["component"] = out["component"].astype("string")
    return out


@dataclass(frozen=True)
class Verdict:
    """The "list or base?" verdict.

    ``verdict`` in ``VERDICTS`` ("base", "partly", "list"), how many components are ok out of how
    many, and ``reasons``: the ids of the components that are not ok, in ``COMPONENTS`` order (their
    sentences are :func:`kbcore.views.completeness.verdict_reasons`).
    """

    verdict: str
    ok: int
    total: int
    reasons: tuple[str, ...]


def base_verdict(completeness: pd.DataFrame) -> Verdict:
    """List or base? The verdict from :func:`base_completeness`, with its reasons.

    Rule (our reading of seminar program block 2): **base** when every component is ok;
    **list** when fewer than half of them are ok (ok / total < 0.5); **partly** otherwise.
    The reasons are the components that are not ok (absent from the data, or known for too
    few clients: the ``available`` and ``known_share`` of their rows tell which).
    """
    total = len(completeness)
    ok = int(completeness["ok"].sum()) if total else 0
    if total and ok == total:
        verdict = "base"
    elif total == 0 or ok / total < 0.5:
        verdict = "list"
    else:
        verdict = "partly"
    reasons = tuple(str(row.component) for row in completeness.itertuples(index=False)
                    if not row.ok)
    return Verdict(verdict=verdict, ok=ok, total=total, reasons=reasons)


def status_vs_stage(clients: pd.DataFrame | None, stages: pd.DataFrame) -> pd.DataFrame:
    """The status written in the cards against the stage computed from purchases.

    A status is a component of the base only if it is true: a client marked active that has
    not bought for a year (stage *lost*) shows a stale status.

    Returns
    -------
    DataFrame of int
        Rows: the card's status values as written (sorted), then ``STATUS_EMPTY`` for an
        empty status and ``STATUS_NO_CARD`` for a client with a stage but no card; columns:
        ``STAGES`` and ``NO_PURCHASE`` (cards of clients with no purchase); cell = clients.
        Empty (no rows) when the clients have no status column. People's labels:
        :func:`kbcore.views.completeness.status_table`.
    """
    columns = [*STAGES, NO_PURCHASE]
    if clients is None or C.status not in clients.columns:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})
    cards = pd.DataFrame(
        {
            C.client_id: _ids(clients[C.client_id]),
            C.status: clients[C.status].astype("string").str.strip().replace("", pd.NA),
        }
    ).drop_duplicates(C.client_id)
    st = pd.DataFrame({C.client_id: _ids(stages[C.client_id]),
                       "stage": stages["stage"].astype("string")})
    merged = cards.merge(st, on=C.client_id, how="outer")
    has_card = merged[C.client_id].isin(cards[C.client_id])
    merged[C.status] = merged[C.status].fillna(STATUS_EMPTY).where(has_card, STATUS_NO_CARD)
    merged["stage"] = merged["stage"].fillna(NO_PURCHASE)
    table = pd.crosstab(merged[C.status], merged["stage"])
    table = table.reindex(columns=columns, fill_value=0).astype("int64")
    written = sorted(s for s in table.index if s not in (STATUS_EMPTY, STATUS_NO_CARD))
    tail = [s for s in (STATUS_EMPTY, STATUS_NO_CARD) if s in table.index]
    table = table.reindex(written + tail)
    table.columns.name = None
    table.index.name = C.status
    return table

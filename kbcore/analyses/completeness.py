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

from kbcore.analyses.lifecycle import STAGES, key_figures_lifecycle
from kbcore.facts import between, period_bounds
from kbcore.i18n import fmt_number, fmt_pct, t
from kbcore.schema import C

__all__ = [
    "COMPONENTS",
    "CARD_FIELDS",
    "COMPLETENESS_COLUMNS",
    "DEFAULT_THRESHOLD",
    "Verdict",
    "card_fields",
    "base_completeness",
    "base_verdict",
    "status_vs_stage",
    "key_figures_base",
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


def _by_client(ids: pd.Series, flags, universe: pd.Index) -> pd.Series:
    """Any True per client, reindexed to the universe (False where unknown)."""
    if len(ids) == 0:
        return pd.Series(False, index=universe)
    s = pd.Series(np.asarray(flags, dtype=bool), index=ids.to_numpy())
    return s.groupby(level=0).any().reindex(universe, fill_value=False)


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
    return _by_client(_ids(contacts[C.client_id]), (role == "decision_maker").fillna(False),
                      universe)


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
    for field in CARD_FIELDS:
        has = clients is not None and field in clients.columns
        flags = _by_client(ids, _filled(clients, field), universe) if has else pd.Series(
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

    def col(name: str) -> tuple[pd.Series, bool]:
        has = clients is not None and name in clients.columns
        if not has:
            return pd.Series(False, index=universe), False
        return _by_client(ids, _filled(clients, name), universe), True

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
            lo = at - pd.DateOffset(months=int(interaction_months)) + pd.Timedelta(days=1)
            recent = between(interactions, lo, at)
        flags = _by_client(_ids(recent[C.client_id]), np.ones(len(recent), dtype=bool), universe)
        known["interactions"] = (flags, True)
    else:
        known["interactions"] = (pd.Series(False, index=universe), False)

    if stages is not None and len(stages):
        known["stage"] = (
            _by_client(_ids(stages[C.client_id]), np.ones(len(stages), dtype=bool), universe),
            True,
        )
    else:
        known["stage"] = (pd.Series(False, index=universe), stages is not None)

    if clients is not None and C.potential in clients.columns:
        pot = pd.to_numeric(clients[C.potential], errors="coerce")
        known["potential"] = (_by_client(ids, (pot > 0).fillna(False), universe), True)
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
    """The "list or base?" verdict: ``verdict`` in {"base", "partly", "list"}, how many
    components are ok out of how many, the verdict's sentence and one reason per component
    that is not ok (texts in the language asked for)."""

    verdict: str
    ok: int
    total: int
    text: str
    reasons: tuple[str, ...]


def base_verdict(completeness: pd.DataFrame, lang: str = "en") -> Verdict:
    """List or base? The verdict from :func:`base_completeness`, with its reasons.

    Rule (our reading of seminar program block 2): **base** when every component is ok;
    **list** when fewer than half of them are ok (ok / total < 0.5); **partly** otherwise.
    The reasons name each component that is not ok with its known share and threshold, or
    say that the data lacks it altogether (``available`` False).
    """
    total = len(completeness)
    ok = int(completeness["ok"].sum()) if total else 0
    if total and ok == total:
        verdict = "base"
    elif total == 0 or ok / total < 0.5:
        verdict = "list"
    else:
        verdict = "partly"
    reasons = []
    for row in completeness.itertuples(index=False):
        if row.ok:
            continue
        name = t(f"base.comp.{row.component}", lang)
        if not row.available:
            reasons.append(t("base.reason.absent", lang, component=name,
                             how=t(f"base.how.{row.component}", lang)))
        else:
            reasons.append(
                t(
                    "base.reason.low",
                    lang,
                    component=name,
                    share=fmt_pct(row.known_share, lang),
                    missing=fmt_number(row.clients - row.clients_known, lang),
                    threshold=fmt_pct(row.threshold, lang),
                    how=t(f"base.how.{row.component}", lang),
                )
            )
    text = t(f"base.verdict.{verdict}", lang, ok=fmt_number(ok, lang), total=fmt_number(total, lang))
    return Verdict(verdict=verdict, ok=ok, total=total, text=text, reasons=tuple(reasons))


def status_vs_stage(
    clients: pd.DataFrame | None, stages: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """The status written in the cards against the stage computed from purchases.

    A status is a component of the base only if it is true: a client marked active that has
    not bought for a year (stage *lost*) shows a stale status.

    Returns
    -------
    DataFrame of int
        Rows: the card's status values as written (sorted), then "(empty)" for an empty
        status and "no card" for a client with a stage but no card; columns: the people's
        names of ``STAGES`` and "Never bought" (cards of clients with no purchase), all in
        ``lang``. Empty (no rows) when the clients have no status column.
    """

    columns = [t(f"stage.{s}", lang) for s in STAGES] + [t("base.no_purchase", lang)]
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
    empty, no_card = t("base.status.empty", lang), t("base.status.no_card", lang)
    has_card = merged[C.client_id].isin(cards[C.client_id])
    merged[C.status] = merged[C.status].fillna(empty).where(has_card, no_card)
    merged["stage"] = merged["stage"].fillna("no_purchase")
    table = pd.crosstab(merged[C.status], merged["stage"])
    table = table.reindex(columns=[*STAGES, "no_purchase"], fill_value=0).astype("int64")
    written = sorted(s for s in table.index if s not in (empty, no_card))
    tail = [s for s in (empty, no_card) if s in table.index]
    table = table.reindex(written + tail)
    table.columns = columns
    table.index.name = t("col.status", lang)
    return table


def key_figures_base(
    completeness: pd.DataFrame,
    verdict: Verdict,
    summary: pd.DataFrame | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The block's key figures in one small table (indicator, value), formatted for people.

    Parameters
    ----------
    completeness : DataFrame
        :func:`base_completeness`.
    verdict : Verdict
        :func:`base_verdict`.
    summary : DataFrame, optional
        :func:`kbcore.analyses.lifecycle.stage_summary` (stage counts over the years).
    lang : str
        Language.

    Returns
    -------
    DataFrame
        Two text columns headed by the catalogue's ``col.figure`` and ``col.value``: the
        verdict, the components ok, the weakest component, clients with a stage, key /
        declining / lost clients at the last date, and the lost clients' growth from the
        first to the last date. Rows whose input is missing are left out.
    """

    rows: list[tuple[str, str]] = [
        (t("kf.base_verdict", lang), t(f"base.verdict_short.{verdict.verdict}", lang)),
        (
            t("kf.base_ok", lang),
            t("kf.base_ok_value", lang, ok=fmt_number(verdict.ok, lang),
              total=fmt_number(verdict.total, lang)),
        ),
    ]
    if len(completeness) and completeness["known_share"].notna().any():
        weakest = completeness.sort_values(["known_share", "component"]).iloc[0]
        rows.append(
            (
                t("kf.base_weakest", lang),
                t("kf.base_weakest_value", lang,
                  component=t(f"base.comp.{weakest['component']}", lang),
                  share=fmt_pct(weakest["known_share"], lang)),
            )
        )
    if summary is not None and len(summary):
        rows.extend(key_figures_lifecycle(summary, lang))
        dates = sorted(summary["as_of"].unique())
        if len(dates) > 1:
            lost = summary.loc[summary["stage"] == "lost"].set_index("as_of")["clients"]
            first, last = pd.Timestamp(dates[0]), pd.Timestamp(dates[-1])
            rows.append(
                (
                    t("kf.lost_growth", lang, first=first.year, last=last.year),
                    t("kf.lost_growth_value", lang,
                      first=fmt_number(int(lost.loc[dates[0]]), lang),
                      last=fmt_number(int(lost.loc[dates[-1]]), lang)),
                )
            )
    return pd.DataFrame(rows, columns=[t("col.figure", lang), t("col.value", lang)])

"""Block 5 · The client card (карточка клиента): one page per client, from every table.

The seminar's block 5 calls the client card the first tool of a customer base: everything the
company knows about one client on one page, so that a new manager, a director or a colleague
covering a holiday sees who the client is, how it buys, who decides and what was said last.
:func:`client_card` gathers it as data (small tables, no HTML); :mod:`kbcore.views.card` renders it.

Card parts
----------
identity       name, ИНН, segment, industry, region, city, manager, size, acquisition channel,
               card created, key account, status, phone, e-mail, address, decision maker,
               payment terms (what the clients table has)
stage          the lifecycle stage (block 2, when ``stages`` is given)
years          revenue, gross margin, margin %, orders per calendar year (facts by year)
summary        revenue and margin in the last 12 months, orders per year, median days
               between orders, first and last order, days since, products and categories
               bought, potential and share of wallet (:func:`kbcore.analyses.profile.client_features`)
contacts       the buying centre (DMU) from ``contacts``
interactions   the last records of ``interactions``
goals          the client's goals and our tasks from block 5's worksheet (when ``goals`` is given)
gaps           which card fields are empty — the data the manager should collect next

Source: seminar program block 5 («карточка клиента»); share of wallet after M. McDonald and
B. Rogers, *Key Account Management*, Butterworth-Heinemann 1998.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kbcore.analyses._window import id_codes, span
from kbcore.analyses.profile import client_features
from kbcore.facts import Facts, between
from kbcore.schema import C

__all__ = [
    "IDENTITY_FIELDS",
    "GAP_FIELDS",
    "CONTACT_COLUMNS",
    "INTERACTION_COLUMNS",
    "GOAL_COLUMNS",
    "ClientCard",
    "client_card",
    "find_clients",
    "card_gaps",
    "card_fill",
]

IDENTITY_FIELDS = (
    C.name,
    C.tax_id,
    C.segment,
    C.industry,
    C.region,
    C.city,
    C.manager,
    C.size,
    C.acquisition_channel,
    C.created,
    C.key_account,
    C.status,
    C.phone,
    C.email,
    C.address,
    C.decision_maker,
    C.payment_terms_days,
)
"""The identity fields of a card, in display order (each shown when the clients table has it)."""

GAP_FIELDS = (
    C.name,
    C.tax_id,
    C.segment,
    C.region,
    C.manager,
    C.size,
    C.acquisition_channel,
    C.phone,
    C.email,
    C.address,
    C.decision_maker,
    C.potential,
    "contacts",
    "interactions",
)
"""Fields whose emptiness is a data gap of the card (``contacts``/``interactions``: none
recorded for the client)."""

CONTACT_COLUMNS = [C.name, C.position, C.buying_role, C.influence, C.attitude, C.level,
                   C.last_contact]
INTERACTION_COLUMNS = [C.date, C.manager, C.kind, C.outcome, C.note]
YEAR_COLUMNS = ["year", C.revenue, "gross_margin", "gross_margin_pct", "orders"]
GOAL_COLUMNS = ["goal", "task", "offer", "due", "owner"]
"""The columns of a card's goals and tasks (block 5's worksheet, :mod:`kbcore.ingest.worksheets`)."""


@dataclass(frozen=True)
class ClientCard:
    """One client's card as data (render with :func:`kbcore.views.card.card_html`).

    Attributes
    ----------
    client_id : str
    identity : Series
        Field → value for the fields of :data:`IDENTITY_FIELDS` the clients table has
        (missing values are ``<NA>``); ``name`` is always there (the ID when unknown).
    stage : str or None
        Lifecycle stage id (block 2) or None.
    years : DataFrame
        ``year, revenue, gross_margin, gross_margin_pct, orders`` per calendar year.
    summary : Series
        ``revenue_12m, gross_margin_12m, orders, orders_12m, orders_per_year,
        days_between_orders, first_date, last_date, days_since_last, products, categories,
        potential, share_of_wallet`` (see :func:`kbcore.analyses.profile.client_features`).
    contacts : DataFrame or None
        The DMU: ``name, position, buying_role, influence, attitude, level, last_contact``
        (the columns the table has); None when there is no contacts table.
    interactions : DataFrame or None
        The last ``last_n`` records, newest first; None when there is no interactions table.
    gaps : tuple of str
        The empty fields among :data:`GAP_FIELDS` (only fields whose table exists).
    as_of : Timestamp
    goals : DataFrame or None
        The client's rows of block 5's worksheet of goals and tasks (``goal, task, offer, due,
        owner``; :mod:`kbcore.ingest.worksheets`), None when no worksheet is given;
        ``goals.attrs["example"]`` is True when the worksheet is the packaged example.
    """

    client_id: str
    identity: pd.Series
    stage: str | None
    years: pd.DataFrame
    summary: pd.Series
    contacts: pd.DataFrame | None
    interactions: pd.DataFrame | None
    gaps: tuple[str, ...]
    as_of: pd.Timestamp
    goals: pd.DataFrame | None = None


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def find_clients(
    clients: pd.DataFrame | None,
    query: str,
    *,
    facts: Facts | None = None,
    limit: int = 50,
) -> pd.DataFrame:
    """Clients whose name, ИНН (tax_id) or client_id contains ``query`` (case-insensitive).

    The search list is the clients table plus the client IDs found only in the sales of
    ``facts`` (:class:`~kbcore.facts.Facts`, the clients of its period). An
    empty query returns the first ``limit`` clients. Matches by ID or tax ID that start with
    the query come first, then by name; ties by name then client_id.

    Returns
    -------
    DataFrame
        ``client_id, name, tax_id`` (at most ``limit`` rows).
    """
    frames = []
    if clients is not None and C.client_id in clients.columns:
        frame = pd.DataFrame({C.client_id: _ids(clients[C.client_id])})
        for col in (C.name, C.tax_id):
            frame[col] = (clients[col].astype("string") if col in clients.columns
                          else pd.Series(pd.NA, index=clients.index, dtype="string"))
        frames.append(frame)
    if facts is not None:
        extra = pd.DataFrame({C.client_id: _ids(facts.clients()[C.client_id]).drop_duplicates()})
        extra[C.name] = pd.Series(pd.NA, index=extra.index, dtype="string")
        extra[C.tax_id] = pd.Series(pd.NA, index=extra.index, dtype="string")
        frames.append(extra)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in (C.client_id, C.name, C.tax_id)})
    pool = pd.concat(frames, ignore_index=True).drop_duplicates(C.client_id, keep="first")
    pool[C.name] = pool[C.name].fillna(pool[C.client_id])
    q = (query or "").strip().casefold()
    if q:
        ids = pool[C.client_id].str.casefold()
        tax = pool[C.tax_id].fillna("").str.casefold()
        names = pool[C.name].str.casefold()
        hit_id = ids.str.contains(q, regex=False) | tax.str.contains(q, regex=False)
        hit_name = names.str.contains(q, regex=False)
        keep = (hit_id | hit_name).fillna(False)
        pool = pool.loc[keep].assign(
            _rank=np.where((ids.str.startswith(q) | tax.str.startswith(q))[keep], 0, 1)
        )
    else:
        pool = pool.assign(_rank=0)
    pool = pool.sort_values(["_rank", C.name, C.client_id], kind="mergesort")
    return pool.drop(columns="_rank").head(limit).reset_index(drop=True)


def client_card(
    facts: Facts,
    clients: pd.DataFrame | None,
    client_id: str,
    *,
    products: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    stages: pd.DataFrame | None = None,
    as_of=None,
    last_n: int = 5,
    goals: pd.DataFrame | None = None,
) -> ClientCard:
    """The card of one client.

    Identity, stage, yearly figures, how it buys, DMU, last contacts, data gaps.

    Parameters
    ----------
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`, all clients): the yearly
        figures and the summary come from its one reduction; the client's sales lines
        (``facts.sales``) only for the products bought and the manager of the last line.
    clients : DataFrame or None
        The clients table (identity fields, potential).
    client_id : str
        The client (compared after stripping spaces).
    products, contacts, interactions : DataFrame, optional
        The optional tables; a missing table leaves its part empty (None).
    stages : DataFrame, optional
        Block 2's ``client_stages`` (``client_id, stage``).
    as_of : date-like, optional
        The card's date (default ``facts.as_of``): sales and interactions after it are
        ignored; "last 12 months" ends on it.
    last_n : int
        How many of the latest interactions to show (default 5).
    goals : DataFrame, optional
        Block 5's worksheet of goals and tasks (``client_id, goal, task, offer, due, owner``,
        all clients); the card keeps the client's rows in the worksheet's order (none: an
        empty table). ``goals.attrs["example"]`` (the packaged example) is carried over.

    Raises
    ------
    KeyError
        When the client is neither in ``clients`` nor in the sales.

    Source: seminar program block 5 («карточка клиента»).
    """
    cid = str(client_id).strip()
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    upto = span(facts, None, as_of)
    known = facts.clients(*upto)
    bought = bool((_ids(known[C.client_id]) == cid).any())
    row = None
    if clients is not None and C.client_id in clients.columns:
        match = clients.loc[_ids(clients[C.client_id]) == cid]
        if len(match):
            row = match.iloc[0]
    if row is None and not bought:
        raise KeyError(f"client {cid!r} is neither in the clients table nor in the sales")

    identity = {}
    for col in IDENTITY_FIELDS:
        if row is not None and col in row.index:
            identity[col] = row[col]
    if _missing(identity.get(C.name)):
        identity[C.name] = cid
    if C.manager not in identity and C.manager in facts.sales.columns and bought:
        codes, ids = id_codes(facts.sales[C.client_id])
        pos = ids.get_indexer([cid])[0]
        lines = between(facts.sales.loc[(codes == pos) & (pos >= 0)], *upto)
        last = lines.loc[lines[C.manager].notna()].sort_values(C.date, kind="mergesort")
        if len(last):
            identity[C.manager] = last[C.manager].iloc[-1]
    identity = pd.Series(identity, dtype="object", name=cid)

    stage = None
    if stages is not None and {C.client_id, "stage"} <= set(stages.columns):
        st = stages.loc[_ids(stages[C.client_id]) == cid, "stage"]
        stage = str(st.iloc[0]) if len(st) else None

    if bought:
        yearly = facts.periods("year", *upto)
        yearly = yearly.loc[_ids(yearly[C.client_id]) == cid]
        years = pd.DataFrame(
            {
                "year": yearly["period"].astype("int64"),
                C.revenue: yearly[C.revenue],
                "gross_margin": yearly["gross_margin"],
                "gross_margin_pct": (yearly["gross_margin"] / yearly[C.revenue]).where(
                    yearly[C.revenue] > 0
                ),
                "orders": yearly["orders"].astype("int64"),
            }
        )
        client_row = clients.loc[_ids(clients[C.client_id]) == cid] if row is not None else None
        feats = client_features(facts, client_row, products, as_of=as_of,
                                client_ids=[cid]).iloc[0]
        summary = feats[
            ["revenue_12m", "gross_margin_12m", "orders", "orders_12m", "orders_per_year",
             "days_between_orders", "first_date", "last_date", "days_since_last", "products",
             "categories", C.potential, "share_of_wallet"]
        ]
    else:
        years = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("year", "orders") else "float64")
                              for c in YEAR_COLUMNS})
        pot = np.nan
        if row is not None and C.potential in row.index:
            pot = pd.to_numeric(pd.Series([row[C.potential]]), errors="coerce").iloc[0]
        summary = pd.Series(
            {"revenue_12m": 0.0, "gross_margin_12m": np.nan, "orders": 0, "orders_12m": 0,
             "orders_per_year": 0.0, "days_between_orders": np.nan, "first_date": pd.NaT,
             "last_date": pd.NaT, "days_since_last": np.nan, "products": np.nan,
             "categories": np.nan, C.potential: pot,
             "share_of_wallet": 0.0 if pot and pot > 0 else np.nan},
            dtype="object",
        )
    summary = summary.rename(cid)

    dmu = None
    if contacts is not None and C.client_id in contacts.columns:
        rows = contacts.loc[_ids(contacts[C.client_id]) == cid]
        cols = [c for c in CONTACT_COLUMNS if c in rows.columns]
        order = [c for c in (C.buying_role, C.name) if c in cols]
        dmu = rows[cols]
        if order:
            dmu = dmu.sort_values(order, kind="mergesort", na_position="last")
        dmu = dmu.reset_index(drop=True)

    last_records = None
    if interactions is not None and {C.client_id, C.date} <= set(interactions.columns):
        rows = interactions.loc[_ids(interactions[C.client_id]) == cid]
        rows = between(rows, None, as_of)
        cols = [c for c in INTERACTION_COLUMNS if c in rows.columns]
        sort_cols = [C.date] + [c for c in (C.kind,) if c in cols]
        last_records = (
            rows[cols].sort_values(sort_cols, ascending=False, kind="mergesort")
            .head(last_n).reset_index(drop=True)
        )

    own_goals = None
    if goals is not None and C.client_id in goals.columns:
        cols = [c for c in GOAL_COLUMNS if c in goals.columns]
        own_goals = goals.loc[_ids(goals[C.client_id]) == cid, cols].reset_index(drop=True)
        own_goals.attrs = {"example": bool(goals.attrs.get("example", False))}

    gaps = card_gaps(identity, summary, clients, dmu, last_records)
    return ClientCard(
        client_id=cid, identity=identity, stage=stage, years=years.reset_index(drop=True),
        summary=summary, contacts=dmu, interactions=last_records, gaps=gaps, as_of=as_of,
        goals=own_goals,
    )


def card_gaps(
    identity: pd.Series,
    summary: pd.Series,
    clients: pd.DataFrame | None,
    contacts: pd.DataFrame | None,
    interactions: pd.DataFrame | None,
) -> tuple[str, ...]:
    """The empty fields of a card, in :data:`GAP_FIELDS` order.

    A clients-table field is a gap when the table has the column and the client's value is
    empty, or when the table lacks the column altogether (the company does not record it);
    ``potential`` the same; ``contacts``/``interactions`` when the table exists and has no
    row for the client. The name is a gap when it had to be replaced by the ID. Optional
    tables that do not exist at all are not gaps of one card (the notebook says what it
    would need).
    """
    out = []
    cols = set(clients.columns) if clients is not None else set()
    for f in GAP_FIELDS:
        if f == "contacts":
            if contacts is not None and contacts.empty:
                out.append(f)
        elif f == "interactions":
            if interactions is not None and interactions.empty:
                out.append(f)
        elif f == C.potential:
            if _missing(summary.get(C.potential)):
                out.append(f)
        elif f == C.name:
            if C.name not in cols or _missing(identity.get(C.name)) or identity.get(C.name) == identity.name:
                out.append(f)
        elif f == C.manager:
            if _missing(identity.get(C.manager)):
                out.append(f)
        elif f not in cols or _missing(identity.get(f)):
            out.append(f)
    return tuple(out)


def card_fill(
    clients: pd.DataFrame | None,
    *,
    facts: Facts | None = None,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    fields: tuple[str, ...] = GAP_FIELDS,
) -> pd.DataFrame:
    """How complete the client cards are: for each card field, the share of clients that have it.

    The clients are those of the clients table plus those found only in the sales of
    ``facts`` (:class:`~kbcore.facts.Facts`, the clients of its period). A field
    the clients table does not have at all is 0 % filled ("not recorded"); ``contacts`` /
    ``interactions`` = share of clients with at least one row there (left out when the table
    does not exist)::

        filled = clients with a non-empty value;  filled_share = filled / clients

    Returns
    -------
    DataFrame
        ``field, filled, clients, filled_share, recorded`` (recorded = the company's data has
        the field at all), in ``fields`` order.

    Source: seminar program block 5 (a complete client card); our reading.
    """
    ids = pd.Series(dtype="string")
    cl = None
    if clients is not None and C.client_id in clients.columns:
        cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(C.client_id)
        ids = cl[C.client_id]
    if facts is not None:
        ids = pd.concat([ids, _ids(facts.clients()[C.client_id])]).drop_duplicates()
    ids = ids.dropna().reset_index(drop=True)
    n = len(ids)
    rows = []
    for f in fields:
        if f in ("contacts", "interactions"):
            table = contacts if f == "contacts" else interactions
            if table is None or C.client_id not in table.columns:
                continue
            filled = int(ids.isin(set(_ids(table[C.client_id]).dropna())).sum())
            recorded = True
        elif cl is not None and f in cl.columns:
            values = cl.set_index(C.client_id)[f].reindex(ids)
            empty = values.isna()
            if values.dtype == object or pd.api.types.is_string_dtype(values):
                empty |= values.astype("string").str.strip().fillna("").eq("")
            filled = int((~empty).sum())
            recorded = True
        else:
            filled, recorded = 0, False
        rows.append({"field": f, "filled": filled, "clients": n,
                     "filled_share": filled / n if n else np.nan, "recorded": recorded})
    out = pd.DataFrame(rows, columns=["field", "filled", "clients", "filled_share", "recorded"])
    out["field"] = out["field"].astype("string")
    return out

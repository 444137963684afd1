"""Block 2 · The customer lifecycle (CLF, «жизненный цикл клиента») computed from purchases.

The seminar (program block 2, «Базовая концепция жизненного цикла клиента «CLF»», and block 5,
«Алгоритм жизненного цикла клиента в КБ») places every client of the base at a stage of its
life with the company. The program names the idea, not the rules; the rules below are **our
reading**, written out so that anyone can check a client's stage by hand and change a
threshold (:class:`StageRules`).

Stages (``STAGES``, catalogue ``stage.<id>``)
---------------------------------------------
new («новый»)
    first purchase less than ``new_days`` days before ``as_of``.
developing («развивающийся»)
    buys, but not yet often enough to be regular: the rest of the clients that buy.
regular («постоянный»)
    at least ``regular_orders`` orders in the window (the last ``window_months`` months).
key («ключевой»)
    the ``key_account`` flag of the client card when the clients table has one (any flag
    set), otherwise the top ``key_top_share`` of the clients buying in the window, ranked by
    the window's revenue.
declining («угасающий / под риском»)
    the client's own rhythm is broken — no purchase for longer than
    ``max(at_risk_factor × usual interval, at_risk_min_days)`` days, where the usual interval is
    the mean gap between its purchase days (needs ``min_intervals`` gaps) — or the window's
    revenue fell below ``decline_ratio`` × the previous window's.
lost («потерянный»)
    no purchase for ``lost_days`` days or more.
won_back («возвращённый»)
    bought again after a gap of at least ``lost_days`` days, the return less than
    ``won_back_days`` days ago.

"prospect" (never bought) is not a stage: such clients have no row. A client gets exactly one
stage: the rules are tried in the order of ``PRECEDENCE`` — lost, won_back, new, declining,
key, regular, developing — and the first that holds wins. So a key client whose purchases
stall is *declining* (the alarm matters more than the label), a won-back client is
*won_back* even if it bought only once since its return.

Formulae (``as_of`` = A, all from purchases dated on or before A)
-----------------------------------------------------------------
::

    purchase days   = distinct dates of the client's orders up to A (facts.orders())
    window          = [A − window_months + 1 day, A]       (12 months → a calendar year at 31 Dec)
    previous window = the window_months before the window
    days_since_last = A − last purchase day
    usual_interval  = (last − first purchase day) / (purchase days − 1)
    orders_window   = orders in the window (distinct documents, as in kbcore.facts)
    revenue_window  = net revenue in the window (returns deducted, facts.clients(window))
    return_date     = the last purchase day that follows a gap ≥ lost_days

Source: seminar program block 2 (the CLF concept) and block 5 (the lifecycle algorithm); the
recency/frequency logic follows the RFM tradition (A. M. Hughes, *Strategic Database
Marketing*, 1994) and the "own rhythm" rule the buy-till-you-die idea that a client is
probably gone when its silence is long against its own purchase rate (D. C. Schmittlein,
D. G. Morrison, R. Colombo, "Counting your customers", *Management Science* 33(1), 1987).
Thresholds: our reading, parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from kbcore.analyses._window import span
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "STAGES",
    "PRECEDENCE",
    "STAGE_COLUMNS",
    "StageRules",
    "DEFAULT_RULES",
    "client_stages",
    "stage_history",
    "stage_counts",
    "stage_summary",
    "transition_matrix",
    "year_end_dates",
    "PROSPECT",
    "STAGE_ACTIONS",
    "ACTION_PRIORITY",
    "DUE_COLUMNS",
    "clients_due",
]

STAGES = ("new", "developing", "regular", "key", "declining", "lost", "won_back")
"""Stage ids in display order (catalogue ``stage.<id>``)."""

PRECEDENCE = ("lost", "won_back", "new", "declining", "key", "regular", "developing")
"""The order in which the rules are tried: the first rule that holds gives the stage."""

PROSPECT = "prospect"
"""Row label of the transition matrix for clients that had not bought yet (not a stage)."""

STAGE_COLUMNS = [
    C.client_id,
    "stage",
    "reason",
    "first_date",
    "last_date",
    "days_since_last",
    "purchase_days",
    "usual_interval",
    "orders_window",
    "revenue_window",
    "revenue_prev_window",
    "return_date",
    "is_key",
    "as_of",
]
"""Columns of :func:`client_stages`, in their order."""


@dataclass(frozen=True)
class StageRules:
    """The parameters of the stage rules (see the module docstring for the rules themselves).

    Attributes
    ----------
    window_months : int
        Length of the window for orders and revenue, in months (default 12: the last year).
    new_days : int
        A client is *new* while its first purchase is less than this many days old (180).
    lost_days : int
        A client is *lost* after this many days without a purchase (365); a gap this long
        before a purchase makes that purchase a *return* (win-back).
    won_back_days : int
        A client stays *won_back* for this many days after its return (180).
    at_risk_factor : float
        *declining* when the silence exceeds this multiple of the client's usual interval
        between purchase days (3.0: for purchases at random moments about 5 % of healthy
        clients cross it by chance).
    at_risk_min_days : int
        …and exceeds this many days in any case (90), so that a weekly buyer on holiday is
        not flagged.
    min_intervals : int
        The rhythm rule needs at least this many gaps, i.e. ``min_intervals + 1`` purchase
        days (2).
    decline_ratio : float
        *declining* when the window's revenue < ratio × the previous window's (0.7).
    regular_orders : int
        *regular* from this many orders in the window (4: about one a quarter).
    key_top_share : float
        Without a ``key_account`` flag: the top share of buying clients by window revenue
        that are *key* (0.03 = the largest 3 %).
    use_key_flag : bool
        Use the clients' ``key_account`` flag when present (True); False → always the revenue
        rule.
    """

    window_months: int = 12
    new_days: int = 180
    lost_days: int = 365
    won_back_days: int = 180
    at_risk_factor: float = 3.0
    at_risk_min_days: int = 90
    min_intervals: int = 2
    decline_ratio: float = 0.7
    regular_orders: int = 4
    key_top_share: float = 0.03
    use_key_flag: bool = True

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "use_key_flag":
                if not isinstance(value, (bool, np.bool_)):
                    raise ValueError(f"StageRules.use_key_flag must be True or False, not {value!r}")
                continue
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float, np.integer, np.floating))
                or not math.isfinite(value)
                or value < 0
            ):
                raise ValueError(f"StageRules.{f.name} must be a number ≥ 0, not {value!r}")
        if self.window_months < 1:
            raise ValueError("StageRules.window_months must be at least 1")
        if self.lost_days < 1:
            raise ValueError("StageRules.lost_days must be at least 1")
        if self.key_top_share > 1:
            raise ValueError("StageRules.key_top_share is a share between 0 and 1")
        if self.regular_orders < 1:
            raise ValueError("StageRules.regular_orders must be at least 1")


DEFAULT_RULES = StageRules()


# --------------------------------------------------------------------------- helpers
def _empty_stages() -> pd.DataFrame:
    out = pd.DataFrame({C.client_id: pd.Series(dtype="string")})
    for col in STAGE_COLUMNS[1:]:
        if col in ("stage", "reason"):
            out[col] = pd.Series(dtype="string")
        elif col in ("first_date", "last_date", "return_date", "as_of"):
            out[col] = pd.Series(dtype="datetime64[ns]")
        elif col in ("days_since_last", "purchase_days", "orders_window"):
            out[col] = pd.Series(dtype="int64")
        elif col == "is_key":
            out[col] = pd.Series(dtype="bool")
        else:
            out[col] = pd.Series(dtype="float64")
    return out


@dataclass(frozen=True)
class _History:
    """The purchases of the facts' period on integer client codes (taken once, any date).

    ``ids[code]`` is the client id; orders (``order_code``, ``order_date``) are the shipment
    documents; purchase days (``day_code``, ``day_date``, ``gap``) are the distinct (client,
    day) pairs sorted by client and day, ``gap`` the days since the client's previous purchase
    day (NaN for its first).
    """

    ids: pd.Index
    order_code: np.ndarray
    order_date: np.ndarray
    day_code: np.ndarray
    day_date: pd.Series
    gap: np.ndarray


def _history(orders: pd.DataFrame) -> _History:
    """Purchase days and orders of ``orders`` on integer codes (sorted ids: code order = id order)."""
    codes, ids = pd.factorize(orders[C.client_id], sort=True)
    codes = codes.astype(np.int64)
    dates = orders[C.date]
    ok = codes >= 0
    day_ns = dates.to_numpy(dtype="datetime64[ns]").view("int64")
    order = np.lexsort((day_ns[ok], codes[ok]))
    d_code, d_ns = codes[ok][order], day_ns[ok][order]
    first = np.r_[True, (d_code[1:] != d_code[:-1]) | (d_ns[1:] != d_ns[:-1])] if len(d_code) \
        else np.zeros(0, dtype=bool)
    d_code, d_ns = d_code[first], d_ns[first]
    day_date = dates.iloc[np.flatnonzero(ok)[order][first]].reset_index(drop=True)
    gap = np.full(len(d_code), np.nan)
    same = np.r_[False, d_code[1:] == d_code[:-1]] if len(d_code) else np.zeros(0, dtype=bool)
    delta = day_date - day_date.shift(1)
    gap[same] = delta.dt.days.to_numpy(dtype="float64")[same]
    return _History(
        ids=pd.Index(ids, dtype="string", name=C.client_id),
        order_code=codes[ok],
        order_date=dates.to_numpy()[ok],
        day_code=d_code,
        day_date=day_date,
        gap=gap,
    )


def _key_flags(clients: pd.DataFrame | None, rules: StageRules) -> pd.Series | None:
    """The clients' key_account flags by client_id, or None when the revenue rule applies."""
    if not rules.use_key_flag or clients is None or C.key_account not in clients.columns:
        return None
    flags = clients[C.key_account]
    if flags.isna().all():
        return None
    flags = flags.astype("boolean").fillna(False).astype(bool)
    if not flags.any():
        return None
    ids = clients[C.client_id].astype("string").str.strip()
    return pd.Series(flags.to_numpy(), index=ids.to_numpy()).groupby(level=0).any()


def _window(as_of: pd.Timestamp, months: int) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    """(window start, previous window start, previous window end)."""
    start = as_of - pd.DateOffset(months=months) + pd.Timedelta(days=1)
    prev_start = start - pd.DateOffset(months=months)
    return start, prev_start, start - pd.Timedelta(days=1)


def _stages_at(
    facts: Facts,
    history: _History,
    key_flags: pd.Series | None,
    as_of: pd.Timestamp,
    rules: StageRules,
) -> pd.DataFrame:
    """The stage table at ``as_of`` from the precomputed purchases (:func:`_history`).

    Also from the facts' revenue windows. The purchases may have any dates: only those up to
    ``as_of`` count.
    """
    past = (history.day_date <= as_of).to_numpy(dtype=bool)
    if not past.any():
        return _empty_stages()
    dates = history.day_date.loc[past]
    codes = history.day_code[past]
    grouped = dates.groupby(codes, sort=True)
    out = grouped.agg(["min", "max", "size"])
    out.columns = ["first_date", "last_date", "purchase_days"]
    back = history.gap[past] >= rules.lost_days
    returns = dates.loc[back].groupby(codes[back]).max()
    out["return_date"] = returns.reindex(out.index)
    present = out.index.to_numpy()

    w_start, p_start, p_end = _window(as_of, int(rules.window_months))
    in_window = (history.order_date >= w_start) & (history.order_date <= as_of)
    counts = np.bincount(history.order_code[in_window], minlength=len(history.ids))
    out["orders_window"] = counts[present].astype("int64")
    out.index = history.ids[present]
    now = facts.clients(*span(facts, w_start, as_of)).set_index(C.client_id)[C.revenue]
    before = facts.clients(*span(facts, p_start, p_end)).set_index(C.client_id)[C.revenue]
    out["revenue_window"] = now.reindex(out.index, fill_value=0.0).astype("float64")
    out["revenue_prev_window"] = before.reindex(out.index, fill_value=0.0).astype("float64")

    out["days_since_last"] = (as_of - out["last_date"]).dt.days.astype("int64")
    since_first = (as_of - out["first_date"]).dt.days
    spread = (out["last_date"] - out["first_date"]).dt.days.astype("float64")
    gaps = out["purchase_days"] - 1
    out["usual_interval"] = (spread / gaps).where(gaps > 0)

    # key: the card's flag, else the top share by the window's revenue
    if key_flags is not None:
        is_key = key_flags.reindex(out.index, fill_value=False).astype(bool)
        key_reason = "reason.key_flag"
    else:
        buying = out.loc[(out["orders_window"] > 0) & (out["revenue_window"] > 0)]
        n_key = math.ceil(rules.key_top_share * len(buying)) if rules.key_top_share > 0 else 0
        ranked = buying.reset_index().sort_values(
            ["revenue_window", C.client_id], ascending=[False, True]
        )
        top = set(ranked[C.client_id].head(n_key))
        is_key = pd.Series(out.index.isin(list(top)), index=out.index)
        key_reason = "reason.key_top"
    out["is_key"] = is_key.to_numpy()

    lost = out["days_since_last"] >= rules.lost_days
    won_back = out["return_date"].notna() & (
        (as_of - out["return_date"]).dt.days < rules.won_back_days
    )
    new = since_first < rules.new_days
    threshold = np.maximum(rules.at_risk_factor * out["usual_interval"], rules.at_risk_min_days)
    rhythm = (gaps >= max(rules.min_intervals, 1)) & (out["days_since_last"] > threshold)
    falling = (out["revenue_prev_window"] > 0) & (
        out["revenue_window"] < rules.decline_ratio * out["revenue_prev_window"]
    )
    key = out["is_key"]
    regular = out["orders_window"] >= rules.regular_orders

    conditions = [lost, won_back, new, rhythm, falling, key, regular]
    stages = ["lost", "won_back", "new", "declining", "declining", "key", "regular"]
    reasons = [
        "reason.lost",
        "reason.won_back",
        "reason.new",
        "reason.declining_rhythm",
        "reason.declining_revenue",
        key_reason,
        "reason.regular",
    ]
    masks = [c.fillna(False).to_numpy(dtype=bool) for c in conditions]
    out["stage"] = np.select(masks, stages, default="developing")
    out["reason"] = np.select(masks, reasons, default="reason.developing")
    out["as_of"] = as_of
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out["stage"] = out["stage"].astype("string")
    out["reason"] = out["reason"].astype("string")
    out["purchase_days"] = out["purchase_days"].astype("int64")
    out["orders_window"] = out["orders_window"].astype("int64")
    for col in ("first_date", "last_date", "return_date", "as_of"):
        out[col] = out[col].astype("datetime64[ns]")
    return out[STAGE_COLUMNS].sort_values(C.client_id).reset_index(drop=True)


def _purchases(facts: Facts) -> _History:
    """The period's orders and purchase days (every date; each snapshot keeps its past)."""
    return _history(facts.orders())


# --------------------------------------------------------------------------- public API
def client_stages(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    as_of=None,
    rules: StageRules = DEFAULT_RULES,
) -> pd.DataFrame:
    """The lifecycle stage of every client that bought on or before ``as_of``.

    Uses only the purchases dated on or before ``as_of`` (what was known that day). The rules
    and their precedence are in the module docstring; parameters in :class:`StageRules`.

    Parameters
    ----------
    facts : Facts
        The company's facts (:class:`kbcore.facts.Facts`). A stage needs the client's
        history: the purchases of the facts' whole period up to ``as_of`` count, so a period
        that starts late hides the older purchases.
    clients : DataFrame, optional
        Client cards; only ``key_account`` is used (the *key* rule). None → the revenue rule.
    as_of : date-like, optional
        The day of the snapshot (default: ``facts.as_of``).
    rules : StageRules
        Thresholds.

    Returns
    -------
    DataFrame
        ``STAGE_COLUMNS``: client_id, stage (one of ``STAGES``), reason (catalogue id of the
        rule that decided; its text is :func:`kbcore.views.lifecycle.reason_text`),
        first_date, last_date, days_since_last, purchase_days, usual_interval (NaN with one
        purchase day), orders_window, revenue_window, revenue_prev_window, return_date (NaT
        if never won back), is_key, as_of; one row per client, sorted by client_id. Clients
        whose only lines are returns have no row; no sales and no ``as_of`` → no rows.

    Source: seminar program blocks 2 and 5 (CLF); rules: our reading (module docstring).
    """
    if not isinstance(rules, StageRules):
        raise ValueError("rules must be a StageRules")
    if as_of is None and not facts.has_sales:
        return _empty_stages()
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    return _stages_at(facts, _purchases(facts), _key_flags(clients, rules), at, rules)


def stage_history(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    dates,
    rules: StageRules = DEFAULT_RULES,
) -> pd.DataFrame:
    """:func:`client_stages` at several dates, stacked: one row per client and date.

    The facts' orders are taken once; each date then uses only the purchases up to it (a
    loop over the dates, vectorised over clients).

    Parameters
    ----------
    dates : iterable of date-like
        Snapshot days, e.g. :func:`year_end_dates`.

    Returns
    -------
    DataFrame
        ``STAGE_COLUMNS`` (``as_of`` tells the date), sorted by as_of and client_id.
    """
    if not isinstance(rules, StageRules):
        raise ValueError("rules must be a StageRules")
    stamps = sorted({period_bounds(None, d)[1] for d in dates})
    if not stamps:
        return _empty_stages()
    history = _purchases(facts)
    flags = _key_flags(clients, rules)
    frames = [_stages_at(facts, history, flags, d, rules) for d in stamps]
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty_stages()
    return pd.concat(frames, ignore_index=True)


def year_end_dates(facts: Facts, *, start=None, end=None) -> list[pd.Timestamp]:
    """31 December of every year of the sales in [start, end].

    The last day instead for a year that ends earlier (a partial last year is shown as far as it
    goes).

    ``start`` and ``end`` default to the facts' period; a given ``end`` after the last sales
    day is the last date. Returns at most 20 dates (the last 20 years) — enough for a chart,
    cheap to compute.
    """
    lo, hi = period_bounds(facts.start if start is None else start,
                           facts.end if end is None else end)
    first, last = facts.first_day(lo, hi), facts.last_day(lo, hi)
    if first is None:
        return []
    if hi is not None:
        last = max(last, hi)
    out = []
    for year in range(first.year, last.year + 1):
        out.append(min(pd.Timestamp(year=year, month=12, day=31), last))
    return out[-20:]


def stage_counts(stages: pd.DataFrame) -> pd.DataFrame:
    """Clients and window revenue per stage of one :func:`client_stages` table.

    Returns
    -------
    DataFrame
        ``stage, clients, client_share, revenue_window, revenue_share``, one row per stage of
        ``STAGES`` in that order (zeros for empty stages). Shares are of the totals (NaN when
        the total is 0).
    """
    grouped = stages.groupby("stage", observed=True).agg(
        clients=(C.client_id, "size"), revenue_window=("revenue_window", "sum")
    )
    out = grouped.reindex(list(STAGES), fill_value=0)
    out["clients"] = out["clients"].astype("int64")
    out["revenue_window"] = out["revenue_window"].astype("float64")
    total_c = out["clients"].sum()
    total_r = out["revenue_window"].sum()
    out["client_share"] = out["clients"] / total_c if total_c else np.nan
    out["revenue_share"] = out["revenue_window"] / total_r if total_r else np.nan
    out = out.rename_axis("stage").reset_index()
    out["stage"] = out["stage"].astype("string")
    return out[["stage", "clients", "client_share", "revenue_window", "revenue_share"]]


def stage_summary(history: pd.DataFrame) -> pd.DataFrame:
    """Stage counts and revenue by stage at every date of a :func:`stage_history`.

    Returns
    -------
    DataFrame
        ``as_of, stage, clients, client_share, revenue_window, revenue_share``: one row per
        date × stage (all of ``STAGES``, zeros included), sorted by date then stage order.
        At 31 December with the default 12-month window, ``revenue_window`` summed over the
        stages is the calendar year's revenue.
    """
    cols = ["as_of", "stage", "clients", "client_share", "revenue_window", "revenue_share"]
    if history.empty:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
        out["as_of"] = out["as_of"].astype("datetime64[ns]")
        out["stage"] = out["stage"].astype("string")
        out["clients"] = out["clients"].astype("int64")
        return out
    frames = []
    for as_of, part in history.groupby("as_of", sort=True):
        counts = stage_counts(part)
        counts.insert(0, "as_of", as_of)
        frames.append(counts)
    out = pd.concat(frames, ignore_index=True)
    out["as_of"] = out["as_of"].astype("datetime64[ns]")
    return out[cols]


def transition_matrix(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """How many clients moved from each stage to each other between two snapshots.

    Parameters
    ----------
    before, after : DataFrame
        :func:`client_stages` at an earlier and a later date (``after`` must contain every
        client of ``before``, which holds when both come from the same sales).

    Returns
    -------
    DataFrame of int
        Rows: the stage at the earlier date, ``"prospect"`` first for clients that had not
        bought yet, then ``STAGES``; columns: ``STAGES`` at the later date. Cell = number of
        clients. Row sums = clients per stage before (+ newcomers); column sums = clients per
        stage after. ``attrs["from_date"]`` / ``attrs["to_date"]``: the snapshots' dates.
    """
    left = before.set_index(C.client_id)["stage"].astype("string")
    right = after.set_index(C.client_id)["stage"].astype("string")
    missing = left.index.difference(right.index)
    if len(missing):
        raise ValueError(
            f"{len(missing)} clients of the earlier snapshot are missing later "
            f"(e.g. {', '.join(map(str, missing[:3]))}): is 'after' really later?"
        )
    frm = left.reindex(right.index).fillna(PROSPECT)
    table = pd.crosstab(frm, right)
    rows = [PROSPECT, *STAGES]
    table = table.reindex(index=rows, columns=list(STAGES), fill_value=0).astype("int64")
    table.index.name = "from_stage"
    table.columns.name = "to_stage"
    for key, frame in (("from_date", before), ("to_date", after)):
        if "as_of" in frame.columns and len(frame):
            table.attrs[key] = pd.Timestamp(frame["as_of"].max())
    return table


# --------------------------------------------------------------------------- actions (block 6)
STAGE_ACTIONS = {
    "new": ("action.new", "owner.manager", 30),
    "developing": ("action.developing", "owner.manager", 90),
    "regular": ("action.regular", "owner.manager", 90),
    "key": ("action.key", "owner.key_account_manager", 30),
    "declining": ("action.declining", "owner.manager_head", 14),
    "lost": ("action.lost", "owner.telesales", 30),
    "won_back": ("action.won_back", "owner.manager", 30),
}
"""stage → (action id, owner role id, days within which the action is due); the ids are
catalogue entries, translated by :func:`kbcore.views.lifecycle.stage_actions`.

Our reading of the seminar's lifecycle algorithm (program block 5, «Алгоритм жизненного
цикла клиента в КБ», and block 6, «Алгоритм работы с клиентской базой»): every stage has one
standard action and one owner."""

ACTION_PRIORITY = ("declining", "key", "new", "won_back", "lost", "regular", "developing")
"""Order of urgency in :func:`clients_due`: risk first, then the clients that pay most."""

DUE_COLUMNS = [
    C.client_id,
    C.name,
    C.manager,
    "stage",
    "action",
    "owner",
    "reason",
    "revenue_window",
    "days_since_last",
    "priority",
    "first_date",
    "usual_interval",
    "orders_window",
    "revenue_prev_window",
    "return_date",
    "as_of",
]
"""Columns of :func:`clients_due`: ids and numbers (the text is
:func:`kbcore.views.lifecycle.due_table`)."""


def clients_due(
    stages: pd.DataFrame,
    clients: pd.DataFrame | None = None,
    *,
    include: tuple[str, ...] = ("new", "key", "declining", "lost", "won_back"),
    lost_within_days: int | None = 730,
) -> pd.DataFrame:
    """The clients due for their stage's action now: the lifecycle algorithm's work list.

    Parameters
    ----------
    stages : DataFrame
        :func:`client_stages` (the snapshot "now").
    clients : DataFrame, optional
        Client cards for ``name`` and ``manager`` (empty text when absent).
    include : tuple of stage ids
        Stages whose clients need an action now (default: all but *regular* and
        *developing*, whose action is the routine plan of the manager).
    lost_within_days : int or None
        Lost clients are worth a win-back call only while the loss is fresh: keep those
        silent for fewer than this many days (730 = two years); None keeps all.

    Returns
    -------
    DataFrame
        ``DUE_COLUMNS``: client_id, name, manager, stage (id), action and owner (catalogue
        ids of ``STAGE_ACTIONS``), reason (catalogue id), revenue_window, days_since_last,
        priority (1 = most urgent, by ``ACTION_PRIORITY``), then the stage table's numbers
        that the reason's text uses (first_date, usual_interval, orders_window,
        revenue_prev_window, return_date, as_of). Sorted by priority, then revenue_window
        descending, then client_id; lost clients are ranked by the revenue of the previous
        window when the window's revenue is nil. Texts: :func:`kbcore.views.lifecycle.due_table`.

    Source: seminar program blocks 5–6 (the lifecycle algorithm); the actions, owners and
    priorities are our reading of it.
    """
    unknown = set(include) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stages in include: {', '.join(sorted(unknown))}")
    due = stages.loc[stages["stage"].isin(list(include))].copy()
    if lost_within_days is not None:
        due = due.loc[~((due["stage"] == "lost") & (due["days_since_last"] >= lost_within_days))]
    names = pd.Series(dtype="string")
    managers = pd.Series(dtype="string")
    if clients is not None and C.client_id in clients.columns:
        cards = clients.assign(
            **{C.client_id: clients[C.client_id].astype("string").str.strip()}
        ).drop_duplicates(C.client_id).set_index(C.client_id)
        if C.name in cards.columns:
            names = cards[C.name].astype("string")
        if C.manager in cards.columns:
            managers = cards[C.manager].astype("string")
    ids = due[C.client_id].astype("string")
    order = {s: i + 1 for i, s in enumerate(ACTION_PRIORITY)}
    weight = due["revenue_window"].where(
        due["revenue_window"] > 0, due["revenue_prev_window"]
    )
    out = pd.DataFrame(
        {
            C.client_id: ids.to_numpy(),
            C.name: names.reindex(ids.to_numpy()).fillna("").to_numpy(),
            C.manager: managers.reindex(ids.to_numpy()).fillna("").to_numpy(),
            "stage": due["stage"].to_numpy(),
            "action": due["stage"].map({s: a[0] for s, a in STAGE_ACTIONS.items()}).to_numpy(),
            "owner": due["stage"].map({s: a[1] for s, a in STAGE_ACTIONS.items()}).to_numpy(),
            "reason": due["reason"].to_numpy(),
            "revenue_window": due["revenue_window"].to_numpy(dtype="float64"),
            "days_since_last": due["days_since_last"].to_numpy(dtype="int64"),
            "priority": due["stage"].map(order).to_numpy(),
            "first_date": due["first_date"].to_numpy(),
            "usual_interval": due["usual_interval"].to_numpy(dtype="float64"),
            "orders_window": due["orders_window"].to_numpy(dtype="int64"),
            "revenue_prev_window": due["revenue_prev_window"].to_numpy(dtype="float64"),
            "return_date": due["return_date"].to_numpy(),
            "as_of": due["as_of"].to_numpy(),
            "_weight": weight.to_numpy(dtype="float64"),
        }
    )
    out = out.sort_values(
        ["priority", "_weight", C.client_id], ascending=[True, False, True]
    ).drop(columns="_weight")
    for col in (C.client_id, C.name, C.manager, "stage", "action", "owner", "reason"):
        out[col] = out[col].astype("string")
    for col in ("first_date", "return_date", "as_of"):
        out[col] = out[col].astype("datetime64[ns]")
    out["priority"] = out["priority"].astype("int64")
    return out[DUE_COLUMNS].reset_index(drop=True)

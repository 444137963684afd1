"""Views of the customer lifecycle (block 2, used by blocks 5 and 6).

Stages, reasons, rules, actions and the work list in the people's words, and the lifecycle's key
figures.

Every function takes results of :mod:`kbcore.analyses.lifecycle` (ids and numbers) and
``lang`` and returns text from the catalogue (``stage.<id>``, ``reason.<id>``, ``rule.<id>``,
``action.<id>``, ``owner.<id>``); numbers are formatted by Babel.
"""

from __future__ import annotations

from string import Formatter

import numpy as np
import pandas as pd

from kbcore.analyses.crm import card_text
from kbcore.analyses.lifecycle import (
    DEFAULT_RULES,
    PRECEDENCE,
    STAGE_ACTIONS,
    STAGES,
    StageRules,
)
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure

__all__ = [
    "DUE_TEXT_COLUMNS",
    "stage_label",
    "stage_labels",
    "reason_text",
    "stage_rules_table",
    "stage_actions",
    "counts_table",
    "key_accounts_table",
    "KEY_ACCOUNT_COLUMNS",
    "due_table",
    "lifecycle_figures",
]

DUE_TEXT_COLUMNS = [
    C.client_id,
    C.name,
    C.manager,
    "stage",
    "action",
    "owner",
    "why",
    "revenue_window",
    "days_since_last",
    "priority",
]
"""Columns of :func:`due_table`, in their order."""

KEY_ACCOUNT_COLUMNS = [
    C.client_id,
    C.name,
    C.manager,
    "stage",
    "last_date",
    "days_since_last",
    "revenue_window",
    "revenue_prev_window",
]
"""Columns of :func:`key_accounts_table`, in their order."""


def stage_label(stage: str, lang: str = "en") -> str:
    """The people's name of a stage id (catalogue ``stage.<id>``; ``prospect`` included)."""
    return t(f"stage.{stage}", lang)


def stage_labels(stages, lang: str = "en") -> list[str]:
    """:func:`stage_label` of every id of ``stages`` (an iterable of stage ids)."""
    return [stage_label(s, lang) for s in stages]


def reason_text(stages: pd.DataFrame, lang: str = "en", *, window_months: int = 12) -> pd.Series:
    """Why each client has its stage, in words with its own numbers (index as ``stages``).

    E.g. "no purchase for 412 days", "нет покупок 412 дней"; the texts are catalogue entries
    ``reason.*`` (the ``reason`` column of :func:`kbcore.analyses.lifecycle.client_stages` or
    :func:`~kbcore.analyses.lifecycle.clients_due`), filled with the row's days, usual
    interval, orders and revenue. Each count comes with its noun agreeing with it
    (:func:`kbcore.i18n.tn`: ``lc.n.days``, ``lc.n.orders``, ``lc.n.months``).
    ``window_months`` is the window of the rules that made the table (for the wording only).
    """
    months = tn("lc.n.months", window_months, lang)
    phrases: dict = {}  # each distinct (noun, count) phrase, made once

    def phrase(key: str, value) -> str:
        if (key, value) not in phrases:
            phrases[key, value] = tn(key, value, lang)
        return phrases[key, value]

    def days(value) -> str:
        return "—" if pd.isna(value) else phrase("lc.n.days", int(value))

    fields: dict[str, set[str]] = {}  # the placeholders of each reason's text
    texts = []
    for row in stages.itertuples(index=False):
        key = str(row.reason)
        if key not in fields:
            fields[key] = {name for _, name, _, _ in Formatter().parse(t(key, lang)) if name}
        need = fields[key]
        values = {"months": months}  # only the numbers the reason's text shows are formatted
        if "days" in need:
            values["days"] = days(row.days_since_last)
        if "first" in need:
            values["first"] = days((row.as_of - row.first_date).days)
        if "interval" in need:
            interval = row.usual_interval
            # in whole days, rounded half to even as Babel rounds a number for display
            values["interval"] = days(round(float(interval))) if pd.notna(interval) else "—"
        if "orders" in need:
            values["orders"] = phrase("lc.n.orders", int(row.orders_window))
        if "ratio" in need:
            ratio = (
                row.revenue_window / row.revenue_prev_window
                if row.revenue_prev_window and row.revenue_prev_window > 0
                else np.nan
            )
            values["ratio"] = fmt_pct(ratio, lang) if pd.notna(ratio) else "—"
        if "revenue" in need:
            values["revenue"] = fmt_money(row.revenue_window, lang)
        if "back" in need:
            values["back"] = (days((row.as_of - row.return_date).days)
                              if pd.notna(row.return_date) else "—")
        texts.append(t(key, lang, **values))
    return pd.Series(texts, index=stages.index, dtype="string")


def stage_rules_table(rules: StageRules = DEFAULT_RULES, lang: str = "en") -> pd.DataFrame:
    """The stage rules in words with their current numbers, in the order they are tried.

    Returns
    -------
    DataFrame
        ``order, stage, rule``: one row per stage in ``PRECEDENCE`` order (1 = tried first),
        the stage's people's name and its rule (catalogue ``rule.<stage>``), so a manager can
        check any client's stage by hand. Every count comes with its noun agreeing with it
        (``lc.n.*``, :func:`kbcore.i18n.tn`): "Нет покупок 365 дней и более", "от 21 дня".
    """
    def days(key: str, n: int) -> str:
        return tn(key, n, lang)

    fields_ = {
        "window": tn("lc.n.months", rules.window_months, lang),
        "new_days_gen": days("lc.n.days_gen", rules.new_days),
        "lost_days": days("lc.n.days", rules.lost_days),
        "lost_days_gen": days("lc.n.days_gen", rules.lost_days),
        "won_back_days_gen": days("lc.n.days_gen", rules.won_back_days),
        "factor": tn("lc.n.times", rules.at_risk_factor, lang),
        "min_days_gen": days("lc.n.days_gen", rules.at_risk_min_days),
        "gaps": tn("lc.n.intervals", rules.min_intervals, lang),
        "ratio": fmt_pct(rules.decline_ratio, lang),
        "orders_gen": tn("lc.n.orders_gen", rules.regular_orders, lang),
        "top": fmt_pct(rules.key_top_share, lang),
    }
    rows = [
        {"order": i + 1, "stage": stage_label(s, lang), "rule": t(f"rule.{s}", lang, **fields_)}
        for i, s in enumerate(PRECEDENCE)
    ]
    out = pd.DataFrame(rows)
    return out.astype({"stage": "string", "rule": "string", "order": "int64"})


def stage_actions(lang: str = "en") -> pd.DataFrame:
    """The lifecycle algorithm as a table: stage → action, owner, due within (days).

    Returns
    -------
    DataFrame
        ``stage_id, stage, action, owner, due_days`` in ``STAGES`` order; texts in ``lang``
        (from :data:`kbcore.analyses.lifecycle.STAGE_ACTIONS`, the table of ids).
    """
    rows = []
    for stage in STAGES:
        action, owner, due = STAGE_ACTIONS[stage]
        rows.append(
            {
                "stage_id": stage,
                "stage": stage_label(stage, lang),
                "action": t(action, lang),
                "owner": t(owner, lang),
                "due_days": int(due),
            }
        )
    return pd.DataFrame(rows).astype(
        {"stage_id": "string", "stage": "string", "action": "string", "owner": "string"}
    )


def counts_table(counts: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of :func:`~kbcore.analyses.lifecycle.stage_counts` for people.

    Works on any table with a ``stage`` id column; its stages read as the people's names.
    """
    out = counts.assign(stage=pd.array(stage_labels(counts["stage"], lang), dtype="string"))
    out.attrs.update(counts.attrs)
    return out


def key_accounts_table(stages: pd.DataFrame, clients: pd.DataFrame | None = None,
                       lang: str = "en") -> pd.DataFrame:
    """The clients marked key accounts, with the stage their purchases give them, for people.

    Parameters
    ----------
    stages : DataFrame
        :func:`~kbcore.analyses.lifecycle.client_stages`; its ``is_key`` says which clients
        are key accounts (the cards' mark, or the largest clients when the cards have none).
    clients : DataFrame, optional
        Client cards, for the name and the manager (empty text when missing).
    lang : str
        Language of the stages' names.

    Returns
    -------
    DataFrame
        ``KEY_ACCOUNT_COLUMNS``: client_id, name, manager, stage (people's name), last_date,
        days_since_last, revenue_window, revenue_prev_window; one row per key account, in
        ``STAGES`` order (so the declining and lost ones come together after the key ones),
        then by revenue of the last 12 months (largest first) and client_id.
    """
    key = stages.loc[stages["is_key"].astype(bool)]
    order = {s: i for i, s in enumerate(STAGES)}
    key = key.assign(_order=key["stage"].map(order)).sort_values(
        ["_order", "revenue_window", C.client_id], ascending=[True, False, True])
    ids = key[C.client_id].astype("string")
    out = pd.DataFrame({C.client_id: pd.array(ids.to_numpy(), dtype="string")})
    for col in (C.name, C.manager):
        out[col] = pd.array(card_text(clients, col, ids).fillna("").to_numpy(), dtype="string")
    out["stage"] = pd.array(stage_labels(key["stage"], lang), dtype="string")
    for col in KEY_ACCOUNT_COLUMNS[4:]:
        out[col] = key[col].to_numpy()
    return out[KEY_ACCOUNT_COLUMNS]


def due_table(due: pd.DataFrame, lang: str = "en", *,
              rules: StageRules = DEFAULT_RULES) -> pd.DataFrame:
    """The work list of :func:`~kbcore.analyses.lifecycle.clients_due` in words.

    Returns
    -------
    DataFrame
        ``DUE_TEXT_COLUMNS``: client_id, name, manager, stage (people's name), action,
        owner, why (:func:`reason_text`), revenue_window, days_since_last, priority; rows
        and order as ``due``. ``rules`` (those that made the stages) is for the wording of
        the reasons only (their ``window_months``).
    """
    months = rules.window_months
    out = due.assign(
        stage=pd.array(stage_labels(due["stage"], lang), dtype="string"),
        action=pd.array(due["action"].map({a: t(a, lang) for a in due["action"].unique()}),
                        dtype="string"),
        owner=pd.array(due["owner"].map({o: t(o, lang) for o in due["owner"].unique()}),
                       dtype="string"),
        why=reason_text(due, lang, window_months=months),
    )
    return out[DUE_TEXT_COLUMNS]


def lifecycle_figures(summary: pd.DataFrame, lang: str = "en") -> list[Figure]:
    """Key-figure rows about the stages at the last date of a stage summary.

    The summary is :func:`~kbcore.analyses.lifecycle.stage_summary`; the rows: the clients with a
    stage, and the clients (share) and revenue share of the key, declining and lost stages
    ("Ключевые клиенты на 31.12.2025" · "17 клиентов (1 % базы) · 17 % выручки").

    The stages need only the sales lines (``needs`` None); an empty summary gives no rows.
    Used by :func:`kbcore.views.completeness.completeness_figures`.
    """
    if summary.empty:
        return []
    last = summary.loc[summary["as_of"] == summary["as_of"].max()].set_index("stage")
    date = fmt_date(summary["as_of"].max(), lang)
    rows = [Figure(t("kf.stage_clients", lang, date=date),
                   fmt_number(int(last["clients"].sum()), lang))]
    for stage in ("key", "declining", "lost"):
        clients = int(last.loc[stage, "clients"])
        rows.append(
            Figure(
                t("kf.stage_share", lang, group=t(f"kf.group.{stage}", lang), date=date),
                tn(
                    "kf.stage_share_value",
                    clients,
                    lang,
                    share=fmt_pct(last.loc[stage, "client_share"], lang),
                    revenue=fmt_pct(last.loc[stage, "revenue_share"], lang),
                ),
            )
        )
    return rows

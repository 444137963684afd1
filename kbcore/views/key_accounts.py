"""Views of block 7 (key accounts): the analyses' ids and numbers in people's words.

The analyses (:mod:`kbcore.analyses.key_accounts`, :mod:`kbcore.analyses.ka_portfolio`,
:mod:`kbcore.analyses.ka_advantage`) return ids; here they get their names from the catalogue
(``ka7.*``), tables get headers in words (``col.ka7.*``) and formatted numbers (each ``*_table``
returns a Styler whose ``.data`` is the frame). ``candidates=True`` means the company flags no
key account and the workbook works with candidates: every caption then says so. What the data
did not allow is written as missing, never as a value.
"""

from __future__ import annotations

import math

import pandas as pd
from IPython.display import Markdown

from kbcore.analyses.ka_portfolio import MANUAL, RANK
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.display import styled
from kbcore.views.figures import Figure, example, missing
from kbcore.views.lifecycle import stage_label

__all__ = [
    "who", "accounts_text", "who_text", "quadrant_label", "criterion_label", "axis_label",
    "contribution_table", "losing_table", "match_table", "review_table", "criteria_table",
    "manual_note", "quadrant_table", "matrix_accounts_table", "headroom_table", "headroom_text",
    "yearly_table", "NEED_POOLS", "need_text", "advantage_items_table", "advantage_accounts_table",
    "advantage_note", "item_label", "goal_label", "key_account_figures",
]

_SHARE_MEASURES = {"share_of_wallet", "margin_rate", "growth", "profit_margin", "revenue_share"}


def _known(key: str) -> bool:
    return key in catalogue()


def who(candidates: bool, lang: str = "en") -> str:
    """The group's name: "key accounts" or "candidate key accounts (top by client profit)"."""
    return t("ka7.group.candidates" if candidates else "ka7.group.flagged", lang)


def accounts_text(n: int, candidates: bool, lang: str = "en") -> str:
    """"26 key accounts" / "26 кандидатов в ключевые клиенты" (plural forms of the language)."""
    return tn("ka7.candidates_count" if candidates else "ka7.accounts_count", int(n), lang)


def who_text(ka, candidates: bool, lang: str = "en") -> str:
    """One paragraph: whom the block is about (flagged accounts, candidates, or nobody)."""
    if not len(ka):
        return t("ka7.who.none", lang)
    key = "ka7.who.candidates" if candidates else "ka7.who.flagged"
    return t(key, lang, accounts=accounts_text(len(ka), candidates, lang))


def quadrant_label(quadrant, lang: str = "en") -> str:
    """The strategy of a quadrant id in words (a trainer's own id is shown as written)."""
    if quadrant is None or (not isinstance(quadrant, str) and pd.isna(quadrant)) or quadrant == "":
        return t("ka7.quadrant.none", lang)
    key = f"ka7.quadrant.{quadrant}"
    return t(key, lang) if _known(key) else str(quadrant).replace("_", " ")


def criterion_label(criterion: str, lang: str = "en") -> str:
    """A matrix criterion's name in words (a trainer's own id is shown as written)."""
    key = f"ka7.crit.{criterion}"
    return t(key, lang) if _known(key) else str(criterion).replace("_", " ")


def axis_label(axis: str, lang: str = "en") -> str:
    """"Account attractiveness" / "Our strength in the account"."""
    return t(f"ka7.axis.{axis}", lang)


def _caption(styler, text: str):
    return styler.set_caption(text)


# --------------------------------------------------------------------------- 1. contribution
def contribution_table(contrib: pd.DataFrame, lang: str = "en", *, candidates: bool = False):
    """:func:`~kbcore.analyses.key_accounts.ka_contribution` as a table in words.

    Rows: revenue, gross margin, client profit; columns: the whole company, the key accounts,
    their share, their share of the clients. Unknown measures (no cost) read "unknown: needs the
    cost of goods" instead of a number.
    """
    unknown = t("ka7.contrib.unknown", lang)

    def money(v):
        return unknown if pd.isna(v) else fmt_money(v, lang)

    frame = pd.DataFrame({
        "ka7.measure": [t(f"ka7.measure.{m}", lang) for m in contrib["measure"]],
        "ka7.total": [money(v) for v in contrib["total"]],
        "ka7.ka_value": [money(v) for v in contrib["key_accounts"]],
        "ka7.ka_share": [unknown if pd.isna(v) else fmt_pct(v, lang, 1) for v in contrib["share"]],
        "ka7.client_share": [fmt_pct(v, lang, 1) for v in contrib["client_share"]],
    })
    first = contrib.iloc[0] if len(contrib) else None
    n = int(first["ka_clients"]) if first is not None else 0
    clients = int(first["clients"]) if first is not None else 0
    caption = t("ka7.contrib.caption", lang, who=who(candidates, lang),
                accounts=accounts_text(n, candidates, lang), clients=tn("ka7.of_clients", clients, lang))
    return _caption(styled(frame, lang, max_rows=None), caption)


def losing_table(losing: pd.DataFrame, lang: str = "en", *, candidates: bool = False):
    """:func:`~kbcore.analyses.key_accounts.losing_key_accounts` in words, or a sentence when none.

    The sentence (a displayable ``Markdown``) says that nobody loses money, or that it is unknown
    without the cost of goods.
    """
    if losing.empty:
        if "cost" in losing.attrs.get("missing", ()):
            return Markdown(t("ui.needs", lang, what=t("need.cost", lang), how=t("need.cost.how", lang)))
        return Markdown(t("ka7.losing.none_candidates" if candidates else "ka7.losing.none", lang))
    frame = losing.assign(reason=[t(f"ka7.loss.{r}", lang) for r in losing["reason"]])
    frame = frame.rename(columns={"reason": "ka7.loss_reason"})
    cols = [C.name, "ka7.loss_reason", C.revenue, "gross_margin", "cost_to_serve", "profit", "profit_margin"]
    caption = t("ka7.losing.caption", lang, accounts=tn("ka7.accounts_count", len(losing), lang),
                loss=fmt_money(losing.attrs.get("loss", losing["profit"].sum()), lang))
    return _caption(styled(frame[cols], lang, max_rows=15), caption)


# --------------------------------------------------------------------------- 2. profile and flags
def match_table(scores: pd.DataFrame, lang: str = "en", *, candidates: bool = False, top: int = 15):
    """The clients that fit the key-account profile best and are not in the group (score desc)."""
    rest = scores.loc[~scores["key_account"].astype(bool) & scores["score"].notna()].head(top)
    frame = rest[[C.name, "score", "matched", "traits", C.revenue]].rename(
        columns={C.revenue: "revenue"})
    return _caption(styled(frame, lang, pct=["score"], ints=["matched", "traits"], max_rows=top),
                    t("ka7.match.caption", lang, who=who(candidates, lang)))


def review_table(review: pd.DataFrame, names: pd.DataFrame | None, lang: str = "en", *, top: int = 20):
    """:func:`~kbcore.analyses.key_accounts.ka_flag_review` in words: client, what to review, evidence."""
    frame = review.copy()
    if names is not None and len(frame):
        lookup = names.drop_duplicates(C.client_id).set_index(C.client_id)[C.name]
        frame[C.name] = frame[C.client_id].map(lookup).fillna(frame[C.client_id])
    else:
        frame[C.name] = frame[C.client_id]
    frame["ka7.review"] = [t(f"ka7.review.{r}", lang) for r in frame["reason"]]
    frame["stage"] = [stage_label(s, lang) if isinstance(s, str) and s else "—" for s in frame["stage"]]
    stale = int(frame["reason"].astype(str).str.startswith("stale").sum())
    fit = int((frame["reason"] == "unflagged_fit").sum())
    cols = [C.name, "ka7.review", "stage", "days_since_last", "revenue_window", "revenue_prev_window", "score"]
    styler = styled(frame[cols], lang, pct=["score"], max_rows=top)
    return _caption(styler, t("ka7.review.caption", lang, stale=stale, fit=fit))


# --------------------------------------------------------------------------- 3. the matrix
def _value(v: float, measure: str, lang: str) -> str:
    return fmt_pct(v, lang) if measure in _SHARE_MEASURES else fmt_number(v, lang, 1 if v % 1 else 0)


def _scale_text(criterion, lang: str) -> str:
    if criterion.source == MANUAL:
        return t("ka7.scale.manual", lang)
    if criterion.scale == RANK:
        return t("ka7.scale.rank", lang)
    steps = criterion.scale
    return "; ".join(t("ka7.scale.step", lang, value=_value(a, criterion.source, lang), score=fmt_number(s, lang))
                     for a, s in zip(steps.at_least, steps.scores, strict=True))


def criteria_table(result, template, lang: str = "en"):
    """The matrix criteria: axis, weight share, what measures it, its 1–10 scale, clients scored.

    A criterion without data for anyone reads "— not scored: no data". The caption says the
    default template is our reading of McDonald, Millman & Rogers (1997) / McDonald & Woodburn
    (2007) and that the trainer can replace it.
    """
    crit = result.criteria.set_index("criterion")
    rows = []
    for c in template.criteria:
        scored = int(crit.loc[c.id, "scored"])
        rows.append({"ka7.criterion": criterion_label(c.id, lang), "ka7.axis": axis_label(c.axis, lang),
                     "ka7.weight_share": float(crit.loc[c.id, "weight_share"]),
                     "ka7.source": t(f"ka7.source.{c.source}", lang), "ka7.scale": _scale_text(c, lang),
                     "ka7.scored": fmt_number(scored, lang) if scored else t("ka7.not_scored", lang)})
    frame = pd.DataFrame(rows)
    default = template.file is None or str(template.file).replace("\\", "/").endswith(
        "data/templates/ka_portfolio.yaml")
    caption = t("ka7.criteria.caption_default" if default else "ka7.criteria.caption_own", lang)
    return _caption(styled(frame, lang, pct=["ka7.weight_share"], max_rows=None), caption)


def manual_note(result, template, lang: str = "en") -> str | None:
    """A sentence on criteria without data: manual ones not given, measured ones absent; None when all scored."""
    manual = [criterion_label(c.id, lang) for c in template.criteria
              if c.source == MANUAL and c.id in result.missing]
    nodata = [criterion_label(c.id, lang) for c in template.criteria
              if c.source != MANUAL and c.id in result.missing]
    parts = []
    if manual:
        parts.append(t("ka7.manual_missing", lang, criteria=", ".join(manual)))
    if nodata:
        parts.append(t("ka7.nodata_criteria", lang, criteria=", ".join(nodata)))
    return " ".join(parts) or None


def quadrant_table(summary: pd.DataFrame, lang: str = "en", *, candidates: bool = False):
    """:func:`~kbcore.analyses.ka_portfolio.quadrant_summary` in words."""
    frame = summary.assign(quadrant=[quadrant_label(q, lang) for q in summary["quadrant"]]).rename(
        columns={"quadrant": "ka7.quadrant", "clients": "ka7.clients", "key_accounts": "ka7.key_accounts",
                 "revenue_share": "ka7.revenue_share"})
    styler = styled(frame, lang, pct=["ka7.revenue_share"], ints=["ka7.clients", "ka7.key_accounts"],
                    max_rows=None)
    return _caption(styler, t("ka7.quadrants.caption", lang, who=who(candidates, lang)))


def matrix_accounts_table(result, names: pd.DataFrame | None, ka, lang: str = "en", *,
                          candidates: bool = False, top: int = 40):
    """The key accounts on the matrix: both axes, the weight share with data, the quadrant."""
    table = result.table.loc[result.table[C.client_id].isin(pd.Index(list(ka), dtype="string"))].copy()
    if names is not None:
        lookup = names.drop_duplicates(C.client_id).set_index(C.client_id)[C.name]
        table[C.name] = table[C.client_id].map(lookup).fillna(table[C.client_id])
    else:
        table[C.name] = table[C.client_id]
    table["quadrant"] = [quadrant_label(q, lang) for q in table["quadrant"]]
    frame = table[[C.name, "attractiveness", "attractiveness_coverage", "strength", "strength_coverage",
                   "quadrant"]].rename(columns={
                       "attractiveness": "ka7.attractiveness", "strength": "ka7.strength",
                       "attractiveness_coverage": "ka7.a_coverage", "strength_coverage": "ka7.s_coverage",
                       "quadrant": "ka7.quadrant"})
    styler = styled(frame, lang, pct=["ka7.a_coverage", "ka7.s_coverage"], max_rows=top)
    return _caption(styler, t("ka7.ka_matrix.caption", lang, who=who(candidates, lang)))


# --------------------------------------------------------------------------- 4. headroom and years
def headroom_table(headroom: pd.DataFrame, lang: str = "en", *, candidates: bool = False, top: int = 20):
    """:func:`~kbcore.analyses.key_accounts.ka_headroom` in words (unknown potential shown as "—")."""
    yes, no = t("card.yes", lang), t("card.no", lang)
    frame = headroom.assign(over_potential=[yes if v else no for v in headroom["over_potential"]]).rename(
        columns={"revenue_year": "ka7.revenue_year", "headroom": "ka7.headroom",
                 "headroom_margin": "ka7.headroom_margin", "over_potential": "ka7.over_potential"})
    cols = [C.name, C.potential, "ka7.revenue_year", "share_of_wallet", "ka7.headroom", "margin_rate",
            "ka7.headroom_margin", "ka7.over_potential"]
    styler = styled(frame[cols], lang, money=["ka7.revenue_year", "ka7.headroom", "ka7.headroom_margin"],
                    pct=["share_of_wallet", "margin_rate"], max_rows=top)
    end = headroom.attrs.get("window_end")
    caption = t("ka7.headroom.caption", lang, who=who(candidates, lang),
                end=fmt_date(end, lang))
    return _caption(styler, caption)


def headroom_text(headroom: pd.DataFrame, lang: str = "en") -> str:
    """One paragraph: the total headroom, its gross margin, and who is left out (never counted as 0)."""
    a = headroom.attrs
    return t("ka7.headroom.total", lang, headroom=fmt_money(a.get("headroom"), lang),
             margin=fmt_money(a.get("headroom_margin"), lang),
             unknown=tn("ui.count.clients", int(a.get("potential_unknown", 0)), lang),
             over=tn("ui.count.clients", int(a.get("over_potential", 0)), lang))


def yearly_table(totals: pd.DataFrame, lang: str = "en"):
    """:attr:`KaYearly.totals` in words: the key accounts against the company, year by year."""
    frame = totals.rename(columns={f: f"ka7.{f}" for f in (
        "months", "ka_clients", "revenue_ka", "gross_margin_ka", "margin_share", "margin_rate_ka",
        "margin_rate_all")} | {"revenue_share": "ka7.revenue_share_ka"})
    cols = ["year", "ka7.months", "ka7.ka_clients", "ka7.revenue_ka", "ka7.revenue_share_ka",
            "ka7.gross_margin_ka", "ka7.margin_share", "ka7.margin_rate_ka", "ka7.margin_rate_all"]
    return styled(frame[cols], lang, money=["ka7.revenue_ka", "ka7.gross_margin_ka"],
                  pct=["ka7.revenue_share_ka", "ka7.margin_share", "ka7.margin_rate_ka", "ka7.margin_rate_all"],
                  ints=["ka7.months", "ka7.ka_clients"], max_rows=None)


# --------------------------------------------------------------------------- 5. goals
NEED_POOLS = ("key_accounts", "candidates", "with_candidates")
"""Whose headroom the "how many" line adds up: today's key accounts (block 7), block 7's
candidates when the company flags none, today's key accounts with block 8's candidates (block 8)."""


def need_text(need, lang: str = "en", *, growth: float, year: int, base: float,
              pool: str = "key_accounts") -> str:
    """The paragraph under the "goal vs cumulative headroom" chart (blocks 7 and 8).

    The goal (+growth on the revenue of the last full ``year``, ``base``), the share of each
    headroom counted when it is below 100 %, how many accounts of the ``pool`` (one of
    :data:`NEED_POOLS`) reach it and how many key-account managers they take — or, when they do
    not reach it, what is missing and where the rest must come from. Block 8's pool (a company's
    number of key accounts) is also set against the usual 15–35.
    """
    if pool not in NEED_POOLS:
        raise ValueError(f"pool must be one of {', '.join(NEED_POOLS)}, not {pool!r}")
    parts = [t("ka7.need.goal_text", lang, growth=fmt_pct(growth, lang), year=year,
               base=fmt_money(base, lang), goal=fmt_money(need.goal, lang))]
    if need.capture < 1:
        parts.append(t("ka7.need.capture", lang, capture=fmt_pct(need.capture, lang, 0)))
    if need.accounts_needed is not None:
        parts.append(tn(f"ka7.need.reached.{pool}", need.accounts_needed, lang))
        if need.kams_needed is not None:
            parts.append(t("ka7.need.kams", lang, capacity=fmt_number(need.capacity_per_kam, lang, 0),
                           source=t(f"ka7.need.source.{need.capacity_source}", lang),
                           kams=tn("ka7.kams_count", need.kams_needed, lang)))
        else:
            parts.append(t("ka7.need.kams_unknown", lang))
        if pool == "with_candidates":
            parts.append(t("ka7.need.in_range" if need.within_range else "ka7.need.out_range", lang))
    elif need.candidates == 0:
        parts.append(t("ka7.need.no_headroom", lang))
    else:
        parts.append(t(f"ka7.need.not_reached.{pool}", lang, count=tn("ui.count.clients", need.candidates, lang),
                       total=fmt_money(need.headroom_total, lang),
                       rest=fmt_money(need.goal - need.headroom_total, lang)))
    return " ".join(parts)


# --------------------------------------------------------------------------- 6. advantage
def item_label(item, lang: str = "en") -> str:
    """The checklist item's own text in ``lang``."""
    return item.text.get(lang) or item.text["en"]


def goal_label(goal: str, lang: str = "en") -> str:
    """A company goal id in words."""
    return t(f"ka7.goal.{goal}", lang)


def _measure_words(measure: str, lang: str) -> str:
    for key in (f"ka7.adv.measure.{measure}", f"ka7.source.{measure}"):
        if _known(key):
            return t(key, lang)
    return measure


def _how(item, lang: str) -> str:
    if item.manual:
        return t("ka7.adv.manual", lang)
    t1, t2 = item.thresholds
    return t("ka7.adv.measured", lang, measure=_measure_words(item.measure, lang),
             t1=_value(t1, item.measure, lang), t2=_value(t2, item.measure, lang))


def advantage_items_table(result, template, lang: str = "en"):
    """The checklist: item, goal it serves, how it is scored, accounts scored, yes / partly / no.

    The caption says "(example)" while the checklist is the packaged example.
    """
    items = result.items.set_index("item")
    rows = [{"ka7.item": item_label(i, lang), "ka7.goal": goal_label(i.goal, lang), "ka7.how": _how(i, lang),
             "ka7.scored_accounts": int(items.loc[i.id, "scored"]), "ka7.yes": int(items.loc[i.id, "yes"]),
             "ka7.partly": int(items.loc[i.id, "partly"]), "ka7.no": int(items.loc[i.id, "no"])}
            for i in template.items]
    caption = t("ka7.adv.items_caption", lang)
    caption = example(caption, lang) if result.example else caption
    return _caption(styled(pd.DataFrame(rows), lang, ints=["ka7.scored_accounts", "ka7.yes", "ka7.partly", "ka7.no"],
                           max_rows=None), caption)


def advantage_accounts_table(result, names: pd.DataFrame | None, lang: str = "en", *, top: int = 30):
    """The advantage index of every key account (points of the items that could be scored)."""
    frame = result.scores.copy()
    if names is not None:
        lookup = names.drop_duplicates(C.client_id).set_index(C.client_id)[C.name]
        frame[C.name] = frame[C.client_id].map(lookup).fillna(frame[C.client_id])
    else:
        frame[C.name] = frame[C.client_id]
    frame = frame[[C.name, "index", "total", "max_total", "known"]].rename(columns={
        "index": "ka7.index", "total": "ka7.points", "max_total": "ka7.max_points", "known": "ka7.known"})
    caption = t("ka7.adv.accounts_caption", lang)
    caption = example(caption, lang) if result.example else caption
    return _caption(styled(frame, lang, pct=["ka7.index"], ints=["ka7.points", "ka7.max_points", "ka7.known"],
                           max_rows=top), caption)


def advantage_note(result, template, lang: str = "en") -> str | None:
    """The sentence on manual items without scores (missing, not zero); None when all are given."""
    absent = [item_label(i, lang) for i in template.items if i.manual and i.id in result.missing]
    return t("ka7.adv.manual_missing", lang, items="; ".join(absent)) if absent else None


# --------------------------------------------------------------------------- key figures
def key_account_figures(*, ka, candidates: bool, contrib, losing, review, quadrants, invest: tuple,
                        headroom, need, advantage, lang: str = "en") -> list[Figure]:
    """The key figures of block 7 (rows for :func:`~kbcore.views.figures.key_figures_table`).

    A figure that needs data the company did not give reads "— (no data: needs …)":
    the key-account flag (review), the client potential (headroom, accounts needed), the contacts
    history (managers needed); the advantage index says "(example)" while the checklist is.
    """
    rows = []
    label = t("ka7.kf.candidates" if candidates else "ka7.kf.accounts", lang)
    rows.append(Figure(label, accounts_text(len(ka), candidates, lang)))
    share = contrib.set_index("measure")["share"]
    rows.append(Figure(t("ka7.kf.share", lang), t("ka7.kf.share_value", lang, share=fmt_pct(share.get("revenue"), lang),
                                                   profit=fmt_pct(share.get("profit"), lang)),
                       "sales.cost" if pd.isna(share.get("profit")) else None))
    if "cost" in losing.attrs.get("missing", ()):
        rows.append(Figure(t("ka7.kf.losing", lang), missing("need.cost", lang), "sales.cost"))
    else:
        rows.append(Figure(t("ka7.kf.losing", lang), accounts_text(len(losing), candidates, lang)))
    if candidates or review is None:
        rows.append(Figure(t("ka7.kf.review", lang), missing("need.ka7.flag", lang), "clients.key_account"))
    else:
        stale = int(review["reason"].astype(str).str.startswith("stale").sum())
        fit = int((review["reason"] == "unflagged_fit").sum())
        rows.append(Figure(t("ka7.kf.review", lang), f"{fmt_number(stale, lang)} / {fmt_number(fit, lang)}",
                           "clients.key_account"))
    q = quadrants.set_index("quadrant")["key_accounts"]
    n_invest = int(sum(int(q.get(i, 0)) for i in invest))
    rows.append(Figure(t("ka7.kf.invest", lang), accounts_text(n_invest, candidates, lang)))
    if "potential" in headroom.attrs.get("missing", ()):
        rows.append(Figure(t("ka7.kf.headroom", lang), missing("need.potential", lang), "clients.potential"))
        rows.append(Figure(t("ka7.kf.needed", lang), missing("need.potential", lang), "clients.potential"))
    else:
        margin = headroom.attrs.get("headroom_margin")
        rows.append(Figure(t("ka7.kf.headroom", lang),
                           missing("need.cost", lang) if margin is None or math.isnan(margin)
                           else fmt_money(margin, lang), "clients.potential"))
        value = (t("ka7.kf.not_reached", lang) if need is None or need.accounts_needed is None
                 else accounts_text(need.accounts_needed, candidates, lang))
        rows.append(Figure(t("ka7.kf.needed", lang), value, "clients.potential"))
    if need is None or need.kams_needed is None:
        rows.append(Figure(t("ka7.kf.kams", lang), missing("need.ka7.capacity", lang), "interactions"))
    else:
        rows.append(Figure(t("ka7.kf.kams", lang), tn("ka7.kams_count", need.kams_needed, lang), "interactions"))
    mean = advantage.scores["index"].mean() if len(advantage.scores) else float("nan")
    label = t("ka7.kf.advantage", lang)
    rows.append(Figure(example(label, lang) if advantage.example else label,
                       fmt_pct(mean, lang) if not pd.isna(mean) else missing("need.ka7.flag", lang)))
    return rows

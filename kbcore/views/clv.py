"""Views of topic 4 (program 004): customer lifetime value in a person's words.

The analyses (:mod:`kbcore.analyses.clv`) return numbers and ids; here they become tables with
headers from the catalogue (``clv.col.*``), every number formatted for the language (money
through ``fmt_money`` with the company's currency, shares through ``fmt_pct``, counts through
``tn``), notes, and the topic's key figures. Every ``*_table`` returns a DataFrame of text (the
headers already translated), ready to show. A model that could not be fitted is written as
missing, with the reason from its :class:`~kbcore.errors.KBDataError`, never as an exception.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses.clv import MAP_ACTIONS, UNITS, ClvFits, homogeneous
from kbcore.i18n import fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, missing

__all__ = [
    "PARAM_KEYS",
    "ACTIONS",
    "action_label",
    "cell_label",
    "trend_label",
    "unit_label",
    "measure_note",
    "weights_table",
    "yearly_table",
    "top_clients_table",
    "client_value_text",
    "map_table",
    "map_clients_table",
    "fit_error_text",
    "fit_table",
    "clv_settings_text",
    "clv_table",
    "at_risk_table",
    "comparison_table",
    "comparison_text",
    "repeat_fit_table",
    "time_unit_note",
    "clv_figures",
    "at_risk_text",
]

PARAM_KEYS = {"bgnbd": ("r", "alpha", "a", "b"), "pareto_nbd": ("r", "alpha", "s", "beta"),
              "gamma_gamma": ("p", "q", "gamma")}
"""The parameters of each model, in the published order."""
ACTIONS = tuple(dict.fromkeys(MAP_ACTIONS.values()))
"""The map's action ids in the order of its cells."""


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    """A text frame whose headers are the catalogue texts of ``clv.col.<key>``."""
    return pd.DataFrame({t(f"clv.col.{k}", lang): pd.array([str(x) for x in v], dtype="string")
                         for k, v in columns.items()})


def _names(clients: pd.DataFrame | None) -> dict[str, str]:
    if clients is None or C.client_id not in clients.columns or C.name not in clients.columns:
        return {}
    names = clients[[C.client_id, C.name]].dropna()
    return dict(zip(names[C.client_id].astype(str).str.strip(), names[C.name].astype(str), strict=True))


def _client(cid, names: dict[str, str]) -> str:
    return names.get(str(cid), str(cid))


def _money(value, lang: str, currency: str, digits: int = 0) -> str:
    return fmt_money(value, lang, currency=currency, digits=digits)


def _num(value, lang: str, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return fmt_number(value, lang, digits)


# --------------------------------------------------------------------------- labels
def action_label(action, lang: str = "en") -> str:
    """The action of a map cell in words ("develop the relationship"), "—" when none."""
    if action is None or (not isinstance(action, str) and pd.isna(action)):
        return "—"
    return t(f"clv.action.{action}", lang)


def cell_label(value_level: str, potential_level: str, lang: str = "en") -> str:
    """A map cell in words: "high value, low potential"."""
    return t("clv.cell", lang, value=t(f"clv.level.value.{value_level}", lang),
             potential=t(f"clv.level.potential.{potential_level}", lang))


def trend_label(trend, lang: str = "en") -> str:
    """The trend (rising, falling, stable) in words ("↑ rising")."""
    if trend is None or (not isinstance(trend, str) and pd.isna(trend)):
        return "—"
    return t(f"clv.trend.{trend}", lang)


def unit_label(unit: str | None, lang: str = "en", n: float = 1) -> str:
    """A time unit in words agreeing with ``n`` ("week", "3 weeks"); "—" when unknown."""
    if unit is None:
        return "—"
    return tn(f"clv.unit.{unit}", n, lang)


# --------------------------------------------------------------------------- the seminar's method
def measure_note(yearly: pd.DataFrame, lang: str = "en") -> str:
    """What the yearly value is: profit, or revenue because the cost of goods is missing."""
    years = yearly.attrs.get("years") or []
    span = t("clv.note.years", lang, first=years[0], last=years[-1]) if years else ""
    if "needs.sales.cost" in yearly.attrs.get("missing", ()):
        return t("clv.note.revenue_not_profit", lang, span=span, what=t("needs.sales.cost", lang))
    if yearly.attrs.get("measure") == "revenue":
        return t("clv.note.revenue", lang, span=span)
    return t("clv.note.profit", lang, span=span)


def weights_table(weighted: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The recency weights used, one row per year (oldest first), as percentages."""
    w = weighted.attrs.get("weights", {})
    return _frame({"year": list(w), "weight": [fmt_pct(v, lang, 1) for v in w.values()]}, lang)


def yearly_table(yearly: pd.DataFrame, weighted: pd.DataFrame, lang: str = "en", *, clients=None,
                 currency: str = "EUR", top: int | None = 20) -> pd.DataFrame:
    """Each client's value by year (the seminar's table), with the weighted yearly value.

    Clients in the order of ``weighted`` (the most valuable first), the first ``top``.
    """
    years = list(weighted.attrs.get("weights", {})) or sorted(pd.unique(yearly["year"]).tolist())
    rows = weighted.head(top) if top else weighted
    wide = (yearly.pivot_table(index=C.client_id, columns="year", values="value", aggfunc="sum", observed=True)
            .reindex(index=rows[C.client_id].astype(str), columns=years))
    names = _names(clients)
    out = _frame({"client": [_client(c, names) for c in rows[C.client_id]]}, lang)
    for y in years:
        out[str(y)] = pd.array([_money(v, lang, currency) if pd.notna(v) else "—" for v in wide[y]], dtype="string")
    out[t("clv.col.weighted_value", lang)] = pd.array(
        [_money(v, lang, currency) for v in rows["weighted_value"]], dtype="string")
    return out


def top_clients_table(weighted: pd.DataFrame, trend: pd.DataFrame | None = None, lang: str = "en", *,
                      clients=None, currency: str = "EUR", top: int | None = 20) -> pd.DataFrame:
    """The most valuable clients: yearly value (mean), last year, weighted value, trend."""
    rows = weighted.head(top) if top else weighted
    names = _names(clients)
    trends = {} if trend is None else dict(zip(trend[C.client_id].astype(str), trend["trend"], strict=True))
    total = float(weighted["weighted_value"].clip(lower=0).sum())
    return _frame({
        "rank": [fmt_number(i + 1, lang) for i in range(len(rows))],
        "client": [_client(c, names) for c in rows[C.client_id]],
        "years_active": [fmt_number(v, lang) for v in rows["years_active"]],
        "mean_value": [_money(v, lang, currency) for v in rows["mean_value"]],
        "last_value": [_money(v, lang, currency) for v in rows["last_value"]],
        "weighted_value": [_money(v, lang, currency) for v in rows["weighted_value"]],
        "value_share": [fmt_pct(max(v, 0) / total, lang, 1) if total > 0 else "—" for v in rows["weighted_value"]],
        "trend": [trend_label(trends.get(str(c)), lang) for c in rows[C.client_id]],
    }, lang)


def client_value_text(weighted: pd.DataFrame, client_id, lang: str = "en", *, trend: pd.DataFrame | None = None,
                      clients=None, currency: str = "EUR") -> str:
    """"How much do we earn a year from this client" in one sentence."""
    row = weighted.loc[weighted[C.client_id].astype(str) == str(client_id)]
    name = _client(client_id, _names(clients))
    if not len(row):
        return t("clv.client.none", lang, client=name)
    r = row.iloc[0]
    key = "clv.client.revenue" if weighted.attrs.get("measure") == "revenue" else "clv.client.profit"
    text = t(key, lang, client=name, value=_money(r["weighted_value"], lang, currency),
             last=_money(r["last_value"], lang, currency), mean=_money(r["mean_value"], lang, currency),
             years=tn("clv.count.years", int(len(weighted.attrs.get("weights", {})) or 1), lang))
    if trend is not None:
        tr = trend.loc[trend[C.client_id].astype(str) == str(client_id), "trend"]
        if len(tr):
            text += " " + t("clv.client.trend", lang, trend=trend_label(tr.iloc[0], lang))
    return text


def map_table(cells: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """:func:`~kbcore.analyses.clv.map_cells` in words: cell, action, what it means, clients, money."""
    return _frame({
        "cell": [cell_label(v, p, lang) for v, p in zip(cells["value_level"], cells["potential_level"], strict=True)],
        "action": [action_label(a, lang) for a in cells["action"]],
        "meaning": [t(f"clv.action.{a}.how", lang) for a in cells["action"]],
        "clients": [tn("ui.count.clients", int(n), lang) for n in cells["clients"]],
        "weighted_value": [_money(v, lang, currency) for v in cells["weighted_value"]],
        "potential": [_money(v, lang, currency) for v in cells[C.potential]],
    }, lang)


def map_clients_table(value_map: pd.DataFrame, action: str | None = None, lang: str = "en", *, clients=None,
                      currency: str = "EUR", top: int | None = 20) -> pd.DataFrame:
    """The clients of one map action (all placed clients when None), the most valuable first."""
    m = value_map.loc[value_map["action"].notna()] if action is None else \
        value_map.loc[(value_map["action"] == action).fillna(False).to_numpy(dtype=bool)]
    m = m.sort_values("weighted_value", ascending=False, kind="mergesort")
    if top:
        m = m.head(top)
    names = _names(clients)
    return _frame({
        "client": [_client(c, names) for c in m[C.client_id]],
        "weighted_value": [_money(v, lang, currency) for v in m["weighted_value"]],
        "potential": [_money(v, lang, currency) for v in m[C.potential]],
        "action": [action_label(a, lang) for a in m["action"]],
    }, lang)


# --------------------------------------------------------------------------- the models
def fit_error_text(fits: ClvFits, model: str, lang: str = "en") -> str | None:
    """Why ``model`` (bgnbd, pareto_nbd, gamma_gamma) was not fitted, as a missing value; None if fitted."""
    err = fits.errors.get(model)
    if err is None:
        return None if getattr(fits, model) is not None else missing("clv.need.fit", lang)
    first = err.message(lang).splitlines()[0]
    return t("kf.missing", lang, mark="—", what=first)


def fit_table(fits: ClvFits, lang: str = "en") -> pd.DataFrame:
    """The fit summary: per model its parameters with their meaning, log-likelihood, clients, unit.

    One row per parameter, then rows for the log-likelihood, the clients, the repeat buyers
    and the time unit; a model not fitted has one row saying why.
    """
    model_col, what, value, meaning = [], [], [], []
    for name in ("bgnbd", "pareto_nbd", "gamma_gamma"):
        label = t(f"clv.model.{name}", lang)
        m = getattr(fits, name)
        if m is None:
            model_col.append(label)
            what.append("—")
            value.append(fit_error_text(fits, name, lang))
            meaning.append(t("clv.model.not_fitted", lang))
            continue
        unit = unit_label(fits.unit, lang)
        for k in PARAM_KEYS[name]:
            model_col.append(label)
            what.append(t(f"clv.param.{k}.symbol", lang))
            value.append(_num(m.params[k], lang, 3))
            meaning.append(t(f"clv.param.{name}.{k}", lang, unit=unit))
        model_col += [label] * 2
        what += [t("clv.col.loglik", lang), t("clv.col.clients", lang)]
        value += [_num(m.loglik, lang, 1), fmt_number(m.clients, lang)]
        meaning += [t("clv.param.loglik", lang), t("clv.param.clients_gg" if name == "gamma_gamma"
                                                    else "clv.param.clients", lang)]
        if name != "gamma_gamma":
            model_col += [label] * 2
            what += [t("clv.col.repeat_buyers", lang), t("clv.col.unit", lang)]
            value += [fmt_number(m.repeat_buyers, lang), unit]
            meaning += [t("clv.param.repeat_buyers", lang), t("clv.param.unit", lang)]
        for found in homogeneous(m):  # the data show no difference between clients in this
            model_col.append(label)
            what.append("⚠")
            value.append(_homogeneous_rate(m, found, lang))
            meaning.append(t(f"clv.homogeneous.{found}", lang, unit=unit))
    return _frame({"model": model_col, "parameter": what, "value": value, "param_meaning": meaning}, lang)


def _homogeneous_rate(model, found: str, lang: str) -> str:
    """The one rate a homogeneous part of the model still estimates (r/α, s/β, a/(a+b), γp/(q−1))."""
    p = model.params
    if found == "purchase":
        return _num(p["r"] / p["alpha"], lang, 3)
    if found == "dropout":
        return (_num(p["s"] / p["beta"], lang, 4) if "s" in p
                else fmt_pct(p["a"] / (p["a"] + p["b"]), lang, 1))
    return _num(p["gamma"] * p["p"] / (p["q"] - 1), lang, 2)


def clv_settings_text(table: pd.DataFrame, lang: str = "en") -> str:
    """The CLV's assumptions in words: horizon, discount rate and its period, margin, spend, model."""
    a = table.attrs
    horizon = unit_label(a.get("step"), lang, a.get("horizon", 0))
    rate = fmt_pct(a.get("discount_rate", math.nan), lang, 1)
    per = t(f"clv.per.{a.get('discount_period')}", lang)
    step_rate = fmt_pct(a.get("discount_per_step", math.nan), lang, 3)
    step = t(f"clv.per.{a.get('step')}", lang)
    spend = t(f"clv.spend.{a.get('spend', 'observed')}", lang)
    return t("clv.note.settings", lang, model=a.get("model") or "—", horizon=horizon, rate=rate, per=per,
             step_rate=step_rate, step=step, margin=fmt_pct(a.get("margin", 1.0), lang, 0), spend=spend,
             unit=unit_label(a.get("unit"), lang), period=unit_label(a.get("period"), lang))


def clv_table(table: pd.DataFrame, lang: str = "en", *, clients=None, currency: str = "EUR",
              top: int | None = 20) -> pd.DataFrame:
    """The clients by CLV (highest first): purchases so far, P(alive), expected purchases, spend, CLV."""
    rows = table.head(top) if top else table
    names = _names(clients)
    unit = table.attrs.get("unit")
    return _frame({
        "rank": [fmt_number(i + 1, lang) for i in range(len(rows))],
        "client": [_client(c, names) for c in rows[C.client_id]],
        "frequency": [fmt_number(v, lang) for v in rows["frequency"]],
        "age": [unit_label(unit, lang, round(float(v), 1)) for v in rows["T"]],
        "p_alive": [fmt_pct(v, lang, 0) for v in rows["p_alive"]],
        "expected_purchases": [_num(v, lang, 2) for v in rows["expected_purchases"]],
        "expected_spend": [_money(v, lang, currency, 2) for v in rows["expected_spend"]],
        "clv": [_money(v, lang, currency) for v in rows["clv"]],
    }, lang)


def at_risk_table(risky: pd.DataFrame, lang: str = "en", *, clients=None, currency: str = "EUR",
                  top: int | None = 20) -> pd.DataFrame:
    """The valuable clients the model believes gone: past value, P(alive), time since the last purchase."""
    rows = risky.head(top) if top else risky
    names = _names(clients)
    unit = risky.attrs.get("unit") or (risky["T"].attrs.get("unit") if "T" in risky else None)
    since = (rows["T"] - rows["recency"]).to_numpy(dtype="float64") if len(rows) else np.zeros(0)
    return _frame({
        "client": [_client(c, names) for c in rows[C.client_id]],
        "past_value": [_money(v, lang, currency) for v in rows["past_value"]],
        "frequency": [fmt_number(v, lang) for v in rows["frequency"]],
        "since_last": [unit_label(unit, lang, round(float(v), 1)) if unit else _num(v, lang, 1) for v in since],
        "p_alive": [fmt_pct(v, lang, 0) for v in rows["p_alive"]],
        "clv": [_money(v, lang, currency) for v in rows["clv"]],
    }, lang)


def at_risk_text(risky: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> str:
    """The at-risk clients in one sentence: how many, the value cut, the P(alive) cut, their value together."""
    a = risky.attrs
    top = fmt_pct(1.0 - float(a.get("value_quantile", 0.75)), lang, 0)
    cut = _money(a.get("value_cut", math.nan), lang, currency)
    p = fmt_pct(a.get("p_alive_below", 0.5), lang, 0)
    if not len(risky):
        return t("clv.risk.none", lang, top=top, cut=cut, p=p)
    key = "clv.risk.text_weighted" if a.get("value_source") == "weighted" else "clv.risk.text"
    return t(key, lang, clients=tn("ui.count.clients", len(risky), lang), top=top, cut=cut, p=p,
             value=_money(float(risky["past_value"].sum()), lang, currency))


def comparison_table(comparison: pd.DataFrame, lang: str = "en", *, fits: ClvFits | None = None) -> pd.DataFrame:
    """BG/NBD against Pareto/NBD: log-likelihood, expected purchases next period, mean P(alive)."""
    period = comparison.attrs.get("period")
    values = []
    for row in comparison.to_dict("records"):
        if not row["fitted"]:
            why = fit_error_text(fits, row["model"], lang) if fits is not None else missing("clv.need.fit", lang)
            values.append([why, "—", "—", "—"])
            continue
        values.append([_num(row["loglik"], lang, 1), _num(row["expected_purchases"], lang, 0),
                       fmt_pct(row["mean_p_alive"], lang, 0),
                       tn("ui.count.clients", int(row["alive_clients"]), lang) if pd.notna(row["alive_clients"])
                       else "—"])
    cols = list(zip(*values, strict=True)) if values else [[], [], [], []]
    return _frame({
        "model": [t(f"clv.model.{m}", lang) for m in comparison["model"]],
        "loglik": list(cols[0]),
        "expected_next": list(cols[1]),
        "mean_p_alive": list(cols[2]),
        "alive_clients": list(cols[3]),
    }, lang).rename(columns={t("clv.col.expected_next", lang):
                             t("clv.col.expected_next", lang) + " (" + (t(f"clv.per.{period}", lang)
                                                                       if period else "—") + ")"})


def comparison_text(comparison: pd.DataFrame, lang: str = "en") -> str:
    """Which model the data prefer, in one sentence (or why there is no comparison)."""
    fitted = comparison.loc[comparison["fitted"]]
    if len(fitted) < 2:
        return t("clv.compare.one", lang)
    best = comparison.attrs.get("best")
    other = [m for m in fitted["model"] if m != best][0]
    diff = float(fitted.set_index("model").loc[best, "loglik"] - fitted.set_index("model").loc[other, "loglik"])
    return t("clv.compare.text", lang, best=t(f"clv.model.{best}", lang), other=t(f"clv.model.{other}", lang),
             diff=_num(diff, lang, 1))


def repeat_fit_table(counts: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The fit check as a table: repeat purchases, actual and expected clients."""
    last = int(counts["frequency"].max()) if len(counts) else 0
    labels = [t("clv.or_more", lang, n=fmt_number(x, lang)) if x == last and counts.attrs.get("open_ended")
              else fmt_number(x, lang) for x in counts["frequency"]]
    return _frame({"repeat_purchases": labels,
                   "actual": [fmt_number(v, lang) for v in counts["actual"]],
                   "expected": [_num(v, lang, 1) for v in counts["expected"]]}, lang)


def time_unit_note(unit: str | None = None, lang: str = "en") -> str:
    """The time-unit trap in one sentence (and the unit of this analysis, when given)."""
    text = t("clv.note.time_unit", lang)
    if unit in UNITS:
        text += " " + t("clv.note.this_unit", lang, unit=unit_label(unit, lang))
    return text


# --------------------------------------------------------------------------- key figures
def clv_figures(weighted: pd.DataFrame | None = None, lang: str = "en", *, currency: str = "EUR",
                value_map: pd.DataFrame | None = None, fits: ClvFits | None = None,
                table: pd.DataFrame | None = None, risky: pd.DataFrame | None = None,
                top_share: float = 0.2, model=None) -> list[Figure]:
    """The topic's key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    The weighted yearly value of all clients and the share of its top ``top_share`` of
    clients, the clients to develop (value × potential map), the fitted model, the expected
    purchases of the next period and the total CLV, the clients at risk. A figure whose data
    is absent says what it needs (:func:`~kbcore.views.figures.missing`). ``model`` is the
    purchase model the CLV was computed with (default: ``fits.purchase_model()``).
    """
    rows: list[Figure] = []
    if weighted is not None:
        label = t("clv.kf.weighted_total", lang)
        if len(weighted):
            key = "clv.kf.weighted_total_revenue" if weighted.attrs.get("measure") == "revenue" else None
            rows.append(Figure(t(key, lang) if key else label, _money(weighted["weighted_value"].sum(), lang, currency),
                               "sales.cost" if key else None))
            v = weighted["weighted_value"].clip(lower=0)
            n = max(int(math.ceil(top_share * len(v))), 1)
            share = float(v.head(n).sum() / v.sum()) if v.sum() > 0 else math.nan
            rows.append(Figure(t("clv.kf.top_share", lang, pct=fmt_pct(top_share, lang, 0)), fmt_pct(share, lang, 0)))
        else:
            rows.append(Figure(label, missing("clv.need.sales", lang), "sales"))
    if value_map is not None:
        label = t("clv.kf.develop", lang)
        if "needs.clients.potential" in value_map.attrs.get("missing", ()):
            rows.append(Figure(label, missing("needs.clients.potential", lang), "clients.potential"))
        else:
            n = int((value_map["action"] == "develop").fillna(False).sum())
            rows.append(Figure(label, tn("ui.count.clients", n, lang), "clients.potential"))
    if fits is not None:
        label = t("clv.kf.model", lang)
        m = model if model is not None else fits.purchase_model()
        if m is None:
            rows.append(Figure(label, fit_error_text(fits, "bgnbd", lang), "sales.repeat"))
        else:
            rows.append(Figure(label, t("clv.kf.model_value", lang, model=m.name,
                                        clients=tn("ui.count.clients", int(m.clients), lang),
                                        repeat=fmt_number(m.repeat_buyers, lang)), "sales.repeat"))
    if table is not None:
        lab_e = t("clv.kf.expected", lang, period=t(f"clv.per.{table.attrs.get('period', 'Y')}", lang))
        lab_c = t("clv.kf.clv_total", lang)
        if len(table) and table["clv"].notna().any():
            rows.append(Figure(lab_e, _num(table["expected_purchases"].sum(), lang, 0), "sales.repeat"))
            rows.append(Figure(lab_c, _money(table["clv"].sum(), lang, currency), "sales.repeat"))
        else:
            why = missing("clv.need.fit", lang)
            rows += [Figure(lab_e, why, "sales.repeat"), Figure(lab_c, why, "sales.repeat")]
    if risky is not None:
        rows.append(Figure(t("clv.kf.at_risk", lang, p=fmt_pct(risky.attrs.get("p_alive_below", 0.5), lang, 0)),
                           tn("ui.count.clients", len(risky), lang) + (
                               ", " + _money(risky["past_value"].sum(), lang, currency) if len(risky) else ""),
                           "sales.repeat"))
    elif fits is not None and fits.purchase_model() is None:
        rows.append(Figure(t("clv.kf.at_risk", lang, p=fmt_pct(0.5, lang, 0)), missing("clv.need.fit", lang),
                           "sales.repeat"))
    return rows


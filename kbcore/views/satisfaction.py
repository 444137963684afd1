"""Views of topic 7 (program 004): customer satisfaction in a person's words.

The analysis (:mod:`kbcore.analyses.satisfaction`) returns numbers and ids; here they become
tables with headers from the catalogue (``satisfaction.*``), numbers formatted for the language
(NPS in points with a sign, shares through ``fmt_pct``, money through ``fmt_money`` with the
company's currency, counts through ``tn``), short notes and the topic's key figures. What the
data did not allow is written as missing, never as a number.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses.satisfaction import NonResponse, SampleSize, StatedRevealed, Timing
from kbcore.i18n import fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.figures import Figure, missing

__all__ = [
    "NEEDS",
    "need_key",
    "needs_text",
    "group_label",
    "fmt_nps",
    "fmt_interval",
    "p_text",
    "score_text",
    "by_table",
    "by_note",
    "after_text",
    "response_table",
    "response_text",
    "revenue_table",
    "stage_table",
    "churn_table",
    "nonresponse_text",
    "class_table",
    "separation_table",
    "stated_text",
    "sample_size_table",
    "sample_size_text",
    "active_only_table",
    "active_only_text",
    "scale_table",
    "scale_text",
    "scale_by_wave_table",
    "timing_table",
    "timing_text",
    "satisfaction_figures",
]

NEEDS = {
    "surveys": "satisfaction.need.surveys",
    "surveys.nps": "satisfaction.need.nps",
    "surveys.csat": "satisfaction.need.csat",
    "surveys.responded": "satisfaction.need.responded",
    "clients": "satisfaction.need.clients",
    "clients.segment": "satisfaction.need.segment",
    "clients.manager": "satisfaction.need.manager",
    "sales.after": "satisfaction.need.after",
    "sales": "satisfaction.need.sales",
}
"""The catalogue id (a ``need.*`` text) of each missing input id of the analyses."""


def need_key(missing_id: str) -> str:
    """The catalogue id that names a missing input (``"surveys.responded"`` → its ``need`` text)."""
    return NEEDS.get(missing_id, "satisfaction.need.surveys")


def needs_text(ids, lang: str = "en") -> str:
    """"— (no data: needs …)" for the first of ``ids`` (an analysis' ``missing``), or ""."""
    ids = [m for m in ids if m]
    return missing(need_key(ids[0]), lang) if ids else ""


def _na(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def fmt_nps(value, lang: str = "en", digits: int = 1) -> str:
    """NPS in points with its sign: "+4.3", "−12.0", "0.0" ("—" when unknown)."""
    if _na(value):
        return "—"
    text = fmt_number(abs(float(value)), lang, digits)
    if round(float(value), digits) > 0:
        return "+" + text
    if round(float(value), digits) < 0:
        return "\u2212" + text
    return text


def fmt_interval(low, high, lang: str = "en", *, kind: str = "nps") -> str:
    """An interval "−0.3 … +8.9" (``kind`` = nps, pct, number)."""
    if _na(low) or _na(high):
        return "—"
    if kind == "nps":
        a, b = fmt_nps(low, lang), fmt_nps(high, lang)
    elif kind == "pct":
        a, b = fmt_pct(low, lang, 1), fmt_pct(high, lang, 1)
    else:
        a, b = fmt_number(low, lang, 2), fmt_number(high, lang, 2)
    return t("satisfaction.interval", lang, low=a, high=b)


def p_text(p, lang: str = "en") -> str:
    """"p = 0.042", "p < 0.001", or "p = —"."""
    if _na(p):
        return "p = —"
    return "p < " + fmt_number(0.001, lang, 3) if p < 0.001 else "p = " + fmt_number(p, lang, 3)


def _answers(n, lang: str) -> str:
    return tn("satisfaction.count.answers", int(n), lang)


def _clients(n, lang: str) -> str:
    return tn("ui.count.clients", int(n), lang)


def _level(level, lang: str) -> str:
    return fmt_pct(float(level), lang, 0)


def group_label(kind: str, group, lang: str = "en") -> str:
    """A group id in words.

    ``kind``: ``nps_class`` (detractor …), ``trend`` (falling …), ``respondent`` (respondent,
    non_respondent), ``timing`` (within, later, none), ``population`` (all, active, inactive),
    ``stage`` (a lifecycle stage), ``band`` (days "7-14", "90+"), ``wave``, ``segment`` or
    ``manager`` (the name itself; ``unknown`` → "not recorded"), ``predictor`` (nps, trend, recency).
    """
    g = str(group)
    if kind in ("segment", "manager"):
        return t("satisfaction.unknown", lang) if g == UNKNOWN else g
    if kind == "wave":
        return t("satisfaction.wave", lang, wave=g)
    if kind == "stage":
        return t(f"stage.{g}", lang)
    if kind == "band":
        if g.endswith("+"):
            return tn("satisfaction.band.last", int(g[:-1]), lang)
        lo, hi = (int(x) for x in g.split("-"))
        return tn("satisfaction.band.range", hi, lang, lo=fmt_number(lo, lang))
    return t(f"satisfaction.{kind}.{g}", lang)


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    return pd.DataFrame({t(f"satisfaction.col.{k}", lang): pd.array(v, dtype="string") for k, v in columns.items()})


# --------------------------------------------------------------------------- scores
def score_text(nps: pd.Series, csat: pd.Series | None = None, lang: str = "en", *, level: float = 0.95,
               csat_scale=(1, 5), top_box: int = 2) -> str:
    """The NPS (and CSAT) in one or two sentences, with the interval and the number of answers."""
    if nps is None or not nps["n"]:
        text = missing("satisfaction.need.nps", lang)
    else:
        text = t("satisfaction.score.nps", lang, nps=fmt_nps(nps["nps"], lang), level=_level(level, lang),
                 interval=fmt_interval(nps["low"], nps["high"], lang), answers=_answers(nps["n"], lang),
                 promoters=fmt_pct(nps["p_promoters"], lang, 0), detractors=fmt_pct(nps["p_detractors"], lang, 0))
    if csat is not None and csat["n"]:
        lo, hi = csat_scale
        text += " " + t("satisfaction.score.csat", lang, mean=fmt_number(csat["mean"], lang, 2),
                        high=fmt_number(hi, lang), interval=fmt_interval(csat["low"], csat["high"], lang, kind="number"),
                        top=fmt_pct(csat["top_box"], lang, 0),
                        boxes=t("satisfaction.boxes", lang, low=fmt_number(hi - top_box + 1, lang),
                                high=fmt_number(hi, lang)))
    return text


def _verdict(row, alpha: float, lang: str) -> str:
    if row["small"]:
        return t("satisfaction.verdict.small", lang)
    if _na(row["p_holm"]):
        return "—"
    if row["p_holm"] < alpha:
        key = "higher" if row["diff_rest"] > 0 else "lower"
        return t(f"satisfaction.verdict.{key}", lang)
    return t("satisfaction.verdict.same", lang)


def by_table(table: pd.DataFrame, lang: str = "en", *, alpha: float = 0.05, top: int | None = None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.satisfaction.satisfaction_by` in words: one row per group."""
    kind = table.attrs.get("by", "segment")
    rows = table.head(top) if top else table
    return _frame({
        "group": [group_label(kind, g, lang) for g in rows["group"]],
        "answers": [fmt_number(n, lang) for n in rows["n"]],
        "nps": [fmt_nps(v, lang) for v in rows["nps"]],
        "interval": [fmt_interval(a, b, lang) for a, b in zip(rows["low"], rows["high"], strict=True)],
        "diff_rest": [fmt_nps(v, lang) for v in rows["diff_rest"]],
        "p_holm": [p_text(p, lang) for p in rows["p_holm"]],
        "csat": [fmt_number(v, lang, 2) if not _na(v) else "—" for v in rows["csat_mean"]],
        "top_box": [fmt_pct(v, lang, 0) for v in rows["top_box"]],
        "verdict": [_verdict(r, alpha, lang) for r in rows.to_dict("records")],
    }, lang)


def by_note(table: pd.DataFrame, lang: str = "en", *, alpha: float = 0.05) -> str:
    """How to read the groups: the overall NPS, the many-groups warning, and which groups differ."""
    missing_ids = [m for m in table.attrs.get("missing", []) if m in NEEDS]
    if not len(table):
        return needs_text(missing_ids or ["surveys.nps"], lang)
    k = len(table)
    overall = table.attrs.get("overall")
    text = ""
    if overall is not None and overall["n"]:
        text = t("satisfaction.by.overall", lang, nps=fmt_nps(overall["nps"], lang),
                 interval=fmt_interval(overall["low"], overall["high"], lang), answers=_answers(overall["n"], lang)) + " "
    text += tn("satisfaction.by.many", k, lang, chance=fmt_number(k * alpha, lang, 1))
    differ = table.loc[(table["p_holm"] < alpha) & ~table["small"]]
    kind = table.attrs.get("by", "segment")
    if len(differ):
        text += " " + t("satisfaction.by.differ", lang, groups=", ".join(group_label(kind, g, lang)
                                                                          for g in differ["group"]))
    else:
        text += " " + t("satisfaction.by.none_differ", lang)
    small = int(table["small"].sum())
    if small:
        text += " " + tn("satisfaction.by.small", small, lang, min_n=fmt_number(table.attrs.get("min_n", 30), lang))
    if kind == "manager" and "clients.manager" in missing_ids:
        text += " " + needs_text(["clients.manager"], lang)
    return text


# --------------------------------------------------------------------------- who answers
def after_text(waves, months: int = 12, lang: str = "en", *, missing=()) -> str:
    """Which waves the figures after the survey (churn, growth) stand on, or what they need.

    ``waves`` is :func:`~kbcore.analyses.satisfaction.complete_waves`; ``missing`` the answers'
    ``attrs["missing"]`` (no surveys at all is said as such, not as a too recent survey).
    """
    waves = [str(w) for w in waves]
    if "surveys" in missing:
        return needs_text(["surveys"], lang)
    if not waves:
        return needs_text(["sales.after"], lang)
    return tn("satisfaction.after.text", int(months), lang, waves=", ".join(waves))


def response_table(rates: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.satisfaction.response_rates` in words."""
    kind = rates.attrs.get("by", "wave")
    return _frame({
        "group": [group_label(kind, g, lang) for g in rates["group"]],
        "asked": [fmt_number(n, lang) for n in rates["asked"]],
        "responded": [fmt_number(n, lang) for n in rates["responded"]],
        "rate": [fmt_pct(v, lang, 0) for v in rates["rate"]],
        "interval": [fmt_interval(a, b, lang, kind="pct") for a, b in zip(rates["low"], rates["high"], strict=True)],
    }, lang)


def response_text(rates: pd.DataFrame, lang: str = "en") -> str:
    """The overall response rate in one sentence, or what it needs."""
    if rates.attrs.get("missing"):
        return needs_text(rates.attrs["missing"], lang)
    tot = rates.attrs["total"]
    return t("satisfaction.response.text", lang, rate=fmt_pct(tot["rate"], lang, 0),
             responded=fmt_number(tot["responded"], lang), asked=_clients(tot["asked"], lang),
             interval=fmt_interval(tot["low"], tot["high"], lang, kind="pct"))


def revenue_table(result: NonResponse, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """Respondents against non-respondents: revenue in the months before the survey."""
    r = result.revenue
    return _frame({
        "group": [group_label("respondent", g, lang) for g in r["group"]],
        "asked": [fmt_number(n, lang) for n in r["n"]],
        "median": [fmt_money(v, lang, currency=currency) for v in r["median"]],
        "mean": [fmt_money(v, lang, currency=currency) for v in r["mean"]],
        "buyers": [fmt_number(n, lang) for n in r["buyers"]],
    }, lang)


def stage_table(result: NonResponse, lang: str = "en") -> pd.DataFrame:
    """The lifecycle stages of respondents and non-respondents at the survey, as shares."""
    s = result.stages
    return _frame({
        "stage": [group_label("stage", g, lang) for g in s["stage"]],
        "respondent": [fmt_pct(v, lang, 0) for v in s["respondent_share"]],
        "non_respondent": [fmt_pct(v, lang, 0) for v in s["non_respondent_share"]],
    }, lang)


def churn_table(result: NonResponse | pd.DataFrame, lang: str = "en", *, kind: str = "respondent") -> pd.DataFrame:
    """Churn after the survey by group (respondents or a :class:`StatedRevealed` table), with intervals."""
    c = result.churn if isinstance(result, NonResponse) else result
    cols = {
        "group": [group_label(kind, g, lang) for g in c["group"]],
        "clients": [fmt_number(n, lang) for n in c["n"]],
        "churn": [fmt_pct(v, lang, 1) for v in c["rate"]],
        "interval": [fmt_interval(a, b, lang, kind="pct") for a, b in zip(c["low"], c["high"], strict=True)],
    }
    if "growth_median" in c.columns:
        cols["growth"] = [("+" if round(v - 1, 2) > 0 else "") + fmt_pct(v - 1, lang, 0) if not _na(v) else "—"
                          for v in c["growth_median"]]
    return _frame(cols, lang)


def nonresponse_text(result: NonResponse, lang: str = "en", *, currency: str = "EUR",
                     alpha: float = 0.05) -> str:
    """Who does not answer, in three sentences: revenue, stage, churn — each with its test."""
    if result.missing and result.missing[0] in ("surveys", "surveys.responded"):
        return needs_text(result.missing, lang)
    rev = result.revenue.set_index("group")
    rt = result.revenue_test
    parts = [t("satisfaction.nonresponse.revenue", lang,
               resp=fmt_money(rev.loc["respondent", "median"], lang, currency=currency),
               non=fmt_money(rev.loc["non_respondent", "median"], lang, currency=currency),
               ratio=fmt_number(rt["median_ratio"], lang, 1) if not _na(rt["median_ratio"]) else "—",
               p=p_text(rt["p_value"], lang))]
    st = result.stage_test
    if not _na(st["p_value"]):
        parts.append(t("satisfaction.nonresponse.stage", lang, p=p_text(st["p_value"], lang),
                       v=fmt_number(st["cramers_v"], lang, 2),
                       verdict=t("satisfaction.verdict.real" if st["p_value"] < alpha else
                                 "satisfaction.verdict.chance", lang)))
    ch = result.churn.set_index("group")
    ct = result.churn_test
    if ch["n"].min() > 0:
        parts.append(t("satisfaction.nonresponse.churn", lang, resp=fmt_pct(ch.loc["respondent", "rate"], lang, 1),
                       non=fmt_pct(ch.loc["non_respondent", "rate"], lang, 1),
                       diff=fmt_nps(100 * ct["diff"], lang), p=p_text(ct["p_value"], lang)))
        richer = not _na(rt["p_value"]) and rt["p_value"] < alpha and rev.loc["respondent", "median"] > rev.loc[
            "non_respondent", "median"]
        loyal = not _na(ct["p_value"]) and ct["p_value"] < alpha and ct["diff"] < 0
        if richer and loyal:
            parts.append(t("satisfaction.nonresponse.better", lang))
    else:
        parts.append(needs_text(["sales.after"], lang))
    return " ".join(parts)


# --------------------------------------------------------------------------- said vs done
def class_table(result: StatedRevealed, lang: str = "en", *, which: str = "nps") -> pd.DataFrame:
    """Churn and growth after the survey by NPS class (``which="nps"``) or by trend band (``"trend"``)."""
    if which == "nps":
        return churn_table(result.by_class, lang, kind="nps_class")
    return churn_table(result.by_trend, lang, kind="trend")


def separation_table(result: StatedRevealed, lang: str = "en") -> pd.DataFrame:
    """How well each predictor separates churn: AUC with its interval, the churn gap with its p."""
    s = result.separation
    return _frame({
        "predictor": [group_label("predictor", g, lang) for g in s["predictor"]],
        "auc": [fmt_number(v, lang, 2) if not _na(v) else "—" for v in s["auc"]],
        "interval": [fmt_interval(a, b, lang, kind="number") for a, b in zip(s["low"], s["high"], strict=True)],
        "gap": [fmt_nps(100 * v, lang) if not _na(v) else "—" for v in s["gap"]],
        "p": [p_text(p, lang) if not _na(g) else "—" for p, g in zip(s["p_value"], s["gap"], strict=True)],
    }, lang)


def stated_text(result: StatedRevealed, lang: str = "en") -> str:
    """Stated against revealed loyalty in two sentences."""
    if result.missing or not len(result.rows):
        return needs_text(list(result.missing) or ["sales.after"], lang)
    c = result.by_class.set_index("group")
    s = result.separation.set_index("predictor")
    advice = ""
    if not (_na(s.loc["nps", "auc"]) or _na(s.loc["trend", "low"])) and s.loc["trend", "low"] > s.loc["nps", "auc"]:
        advice = " " + t("satisfaction.stated.advice", lang)
    return t("satisfaction.stated.text", lang, clients=_clients(len(result.rows), lang),
             promoters=fmt_pct(c.loc["promoter", "rate"], lang, 1) if "promoter" in c.index else "—",
             detractors=fmt_pct(c.loc["detractor", "rate"], lang, 1) if "detractor" in c.index else "—",
             auc_nps=fmt_number(s.loc["nps", "auc"], lang, 2) if not _na(s.loc["nps", "auc"]) else "—",
             auc_trend=fmt_number(s.loc["trend", "auc"], lang, 2) if not _na(s.loc["trend", "auc"]) else "—") + advice


# --------------------------------------------------------------------------- measurement errors
def sample_size_table(result: SampleSize, lang: str = "en") -> pd.DataFrame:
    """The NPS margin against the number of answers: formula and random subsamples."""
    c = result.curve
    return _frame({
        "n": [fmt_number(n, lang) for n in c["n"]],
        "half_width": ["±" + fmt_number(v, lang, 1) if not _na(v) else "—" for v in c["half_width"]],
        "draws": [fmt_interval(a, b, lang) for a, b in zip(c["draw_low"], c["draw_high"], strict=True)],
        "outside": [fmt_pct(v, lang, 0) for v in c["outside"]],
    }, lang)


def sample_size_text(result: SampleSize, lang: str = "en") -> str:
    """The answers needed for ±margin, against the answers the company has."""
    if not result.full["n"]:
        return missing("satisfaction.need.nps", lang)
    return t("satisfaction.sample.text", lang, margin=fmt_number(result.margin, lang),
             needed=_answers(result.n_needed, lang), have=_answers(result.full["n"], lang),
             half=fmt_number(result.full["half_width"], lang, 1))


def active_only_table(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.satisfaction.active_only_effect` in words."""
    return _frame({
        "population": [t(f"satisfaction.population.{p}", lang, days=fmt_number(table.attrs.get("active_days", 90),
                                                                                lang)) for p in table["population"]],
        "asked": [fmt_number(n, lang) for n in table["asked"]],
        "rate": [fmt_pct(v, lang, 0) for v in table["rate"]],
        "nps": [fmt_nps(v, lang) for v in table["nps"]],
        "interval": [fmt_interval(a, b, lang) for a, b in zip(table["nps_low"], table["nps_high"], strict=True)],
        "churn": [fmt_pct(v, lang, 1) for v in table["churn"]],
    }, lang)


def active_only_text(table: pd.DataFrame, lang: str = "en") -> str:
    """What surveying only active buyers would change, in one sentence."""
    if not len(table) or not table.loc[0, "asked"]:
        return needs_text(table.attrs.get("missing") or ["surveys"], lang)
    return t("satisfaction.active.text", lang, days=fmt_number(table.attrs.get("active_days", 90), lang),
             nps_shift=fmt_nps(table.attrs["nps_shift"], lang),
             churn_all=fmt_pct(table.loc[0, "churn"], lang, 1), churn_active=fmt_pct(table.loc[1, "churn"], lang, 1))


def scale_table(effect: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The same answers on the old and on the new scale: mean and top box."""
    old = _sc(*effect.attrs["old_scale"], lang)
    new = _sc(*effect.attrs["new_scale"], lang)

    def val(measure, v):
        return fmt_pct(v, lang, 1) if measure == "top_box" else fmt_number(v, lang, 2)

    def shift(measure, v):
        return fmt_nps(100 * v, lang) + " " + t("satisfaction.pp", lang) if measure == "top_box" else fmt_nps(v, lang, 2)

    m = list(effect["measure"])
    return pd.DataFrame({
        t("satisfaction.col.measure", lang): pd.array([t(f"satisfaction.measure.{x}", lang) for x in m],
                                                      dtype="string"),
        t("satisfaction.col.old", lang, scale=old): pd.array([val(x, v) for x, v in zip(m, effect["old"], strict=True)],
                                                             dtype="string"),
        t("satisfaction.col.new", lang, scale=new): pd.array([val(x, v) for x, v in zip(m, effect["new"], strict=True)],
                                                             dtype="string"),
        t("satisfaction.col.shift", lang): pd.array([shift(x, v) for x, v in zip(m, effect["shift"], strict=True)],
                                                    dtype="string"),
    })


def _sc(lo, hi, lang) -> str:
    return t("satisfaction.scale", lang, low=fmt_number(lo, lang), high=fmt_number(hi, lang))


def scale_text(effect: pd.DataFrame, lang: str = "en") -> str:
    """Why a comparison across a change of scale is not valid, on the data's own numbers."""
    if not effect.attrs.get("n"):
        return missing("satisfaction.need.csat", lang)
    e = effect.set_index("measure")
    return t("satisfaction.scale.text", lang, old=_sc(*effect.attrs["old_scale"], lang),
             new=_sc(*effect.attrs["new_scale"], lang), mean_old=fmt_number(e.loc["mean", "old"], lang, 2),
             mean_new=fmt_number(e.loc["mean", "new"], lang, 2), top_old=fmt_pct(e.loc["top_box", "old"], lang, 0),
             top_new=fmt_pct(e.loc["top_box", "new"], lang, 0))


def scale_by_wave_table(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The scale each wave was answered on, and where it changed."""
    return _frame({
        "wave": [group_label("wave", w, lang) for w in table["wave"]],
        "answers": [fmt_number(n, lang) for n in table["n"]],
        "range": [fmt_interval(a, b, lang, kind="number").replace(",00", "").replace(".00", "")
                  for a, b in zip(table["min"], table["max"], strict=True)],
        "scale": [_sc(a, b, lang) if not _na(a) else "—" for a, b in zip(table["scale_low"], table["scale_high"],
                                                                          strict=True)],
        "changed": [t("satisfaction.changed.yes" if c else "satisfaction.changed.no", lang) for c in table["changed"]],
    }, lang)


def timing_table(result: Timing, lang: str = "en", *, bands: bool = False) -> pd.DataFrame:
    """NPS and CSAT by the days since the last delivery (two groups, or the bands)."""
    g = result.bands if bands else result.groups
    kind = "band" if bands else "timing"
    return _frame({
        "group": [group_label(kind, x, lang) if kind == "band" else
                  t(f"satisfaction.timing.{x}", lang, days=fmt_number(result.within_days, lang)) for x in g["group"]],
        "answers": [fmt_number(n, lang) for n in g["nps_n"]],
        "nps": [fmt_nps(v, lang) for v in g["nps"]],
        "interval": [fmt_interval(a, b, lang) for a, b in zip(g["low"], g["high"], strict=True)],
        "csat": [fmt_number(v, lang, 2) if not _na(v) else "—" for v in g["csat_mean"]],
    }, lang)


def timing_text(result: Timing, lang: str = "en", *, alpha: float = 0.05) -> str:
    """The timing effect in one sentence, with its test."""
    if result.missing:
        return needs_text(result.missing, lang)
    x = result.test
    if _na(x["diff"]):
        return t("satisfaction.timing.too_few", lang)
    real = not _na(x["p_value"]) and x["p_value"] < alpha
    text = t("satisfaction.timing.text", lang, days=fmt_number(result.within_days, lang), diff=fmt_nps(x["diff"], lang),
             p=p_text(x["p_value"], lang),
             verdict=t("satisfaction.verdict.real" if real else "satisfaction.verdict.chance", lang))
    return text + (" " + t("satisfaction.timing.advice", lang) if real and x["diff"] > 0 else "")


# --------------------------------------------------------------------------- key figures
def satisfaction_figures(nps: pd.Series | None, lang: str = "en", *, csat: pd.Series | None = None,
                         rates: pd.DataFrame | None = None, nonresponse: NonResponse | None = None,
                         stated: StatedRevealed | None = None, sample: SampleSize | None = None,
                         currency: str = "EUR") -> list[Figure]:
    """The topic's key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    NPS with its interval and answers; CSAT; the response rate; the respondents' median revenue
    against the non-respondents'; churn after the survey of promoters against detractors and the
    AUC of NPS against the trend's; the answers needed for ±5 points. A figure whose data is
    absent says what it needs.
    """
    rows = []
    label = t("satisfaction.kf.nps", lang)
    if nps is not None and nps["n"]:
        rows.append(Figure(label, fmt_nps(nps["nps"], lang) + " (" + fmt_interval(nps["low"], nps["high"], lang)
                           + "; " + _answers(nps["n"], lang) + ")", "surveys.nps"))
    else:
        rows.append(Figure(label, missing("satisfaction.need.nps", lang), "surveys.nps"))
    if csat is not None:
        label = t("satisfaction.kf.csat", lang)
        rows.append(Figure(label, fmt_number(csat["mean"], lang, 2) + " (" + fmt_pct(csat["top_box"], lang, 0) + ")"
                           if csat["n"] else missing("satisfaction.need.csat", lang), "surveys.csat"))
    if rates is not None:
        label = t("satisfaction.kf.response", lang)
        if rates.attrs.get("missing"):
            rows.append(Figure(label, missing(need_key(rates.attrs["missing"][0]), lang), "surveys.responded"))
        else:
            rows.append(Figure(label, fmt_pct(rates.attrs["total"]["rate"], lang, 0), "surveys.responded"))
    if nonresponse is not None:
        label = t("satisfaction.kf.nonresponse", lang)
        if nonresponse.missing and nonresponse.missing[0] in ("surveys", "surveys.responded"):
            rows.append(Figure(label, missing(need_key(nonresponse.missing[0]), lang), "surveys.responded"))
        else:
            r = nonresponse.revenue.set_index("group")["median"]
            rows.append(Figure(label, fmt_money(r["respondent"], lang, currency=currency) + " / "
                               + fmt_money(r["non_respondent"], lang, currency=currency), "surveys.responded"))
    if stated is not None:
        label = t("satisfaction.kf.stated", lang)
        if stated.missing or not len(stated.rows):
            what = (list(stated.missing) or ["sales.after"])[0]
            rows.append(Figure(label, missing(need_key(what), lang), what))
        else:
            c = stated.by_class.set_index("group")["rate"]
            rows.append(Figure(label, fmt_pct(c.get("promoter"), lang, 1) + " / "
                               + fmt_pct(c.get("detractor"), lang, 1), "surveys.nps"))
            s = stated.separation.set_index("predictor")["auc"]
            rows.append(Figure(t("satisfaction.kf.auc", lang), fmt_number(s["nps"], lang, 2) + " / "
                               + fmt_number(s["trend"], lang, 2) if not (_na(s["nps"]) or _na(s["trend"])) else "—",
                               "surveys.nps"))
    if sample is not None:
        label = t("satisfaction.kf.needed", lang, margin=fmt_number(sample.margin, lang))
        rows.append(Figure(label, _answers(sample.n_needed, lang) if sample.full["n"]
                           else missing("satisfaction.need.nps", lang), "surveys.nps"))
    return rows

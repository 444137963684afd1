"""Expected answers of program 004, topic 7's exercises (solutions/kpi/07_customer_satisfaction.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (``kpi…`` ids: :func:`kbcore.workbook.checks.demo_company`), so a change
in an analysis or in the demo data changes the expected answer with it; nothing here is a
hard-coded number. A choice's answer is the number of the option the data's answer is, in the
order the exercise lists them.

The exercises follow the topic's story: whether the waves' NPS differ beyond chance (kpi7.1),
the sales reps with too few answers (kpi7.2), how much more the respondents buy (kpi7.3), which
predictor separates churn best (kpi7.4), churn of the clients buying less at a stricter cut
(kpi7.5), the answers needed for ±10 points (kpi7.6) and, for the analyst, the share of
promoters among the clients who stopped buying (kpi7.7).
"""

from __future__ import annotations

from kbcore.analyses.satisfaction import (
    nonresponse_bias,
    pick_wave,
    sample_size_effect,
    satisfaction_by,
    stated_vs_revealed,
    survey_answers,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

WAVE_VERDICTS = ("differ", "same", "small")
"""The options of exercise kpi7.1, in the order its text lists them."""
PREDICTORS = ("nps", "trend", "recency")
"""The options of exercise kpi7.4, in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _answers(ds):
    return once(ds, "kpi7.answers", lambda: survey_answers(ds.surveys, ds.clients, as_of=_facts(ds).as_of))


def _stated(ds):
    return once(ds, "kpi7.stated", lambda: stated_vs_revealed(_facts(ds), _answers(ds), wave="all"))


@exercise("kpi7.1", hint="ex.kpi7.1.hint", kind="choice", options=len(WAVE_VERDICTS), style="read")
def wave_verdict(ds):
    """Whether any wave's NPS differs from the others after Holm's correction (option 1), none (2), too few (3)."""
    by_wave = satisfaction_by(_answers(ds), by="wave")
    if (by_wave["p_holm"] < 0.05).any():
        verdict = "differ"
    elif by_wave["small"].all():
        verdict = "small"
    else:
        verdict = "same"
    return option_number("kpi7.1", verdict, WAVE_VERDICTS)


@exercise("kpi7.2", hint="ex.kpi7.2.hint", kind="number", tol=0, style="read")
def reps_with_too_few_answers(ds):
    """Sales reps with fewer than 30 answers in the latest wave."""
    return int(satisfaction_by(_answers(ds), by="manager", wave="latest")["small"].sum())


@exercise("kpi7.3", hint="ex.kpi7.3.hint", kind="number", tol=0.02, style="read")
def respondents_buy_times_more(ds):
    """Median revenue in the 12 months before the survey: respondents / non-respondents (shown with one decimal)."""
    nr = nonresponse_bias(_facts(ds), _answers(ds), ds.clients, wave="all")
    return float(nr.revenue_test["median_ratio"])


@exercise("kpi7.4", hint="ex.kpi7.4.hint", kind="choice", options=len(PREDICTORS), style="read")
def best_churn_predictor(ds):
    """The predictor with the largest AUC for churn after the survey."""
    sep = _stated(ds).separation.dropna(subset=["auc"]).sort_values("auc", ascending=False)
    if len(sep) > 1 and round(sep["auc"].iloc[0], 2) == round(sep["auc"].iloc[1], 2):
        raise ValueError("exercise kpi7.4: two predictors separate churn as well; the options list one")
    return option_number("kpi7.4", sep["predictor"].iloc[0], PREDICTORS)


@exercise("kpi7.5", hint="ex.kpi7.5.hint", kind="share", tol=0.002, style="rerun")
def falling_churn_at_a_stricter_cut(ds):
    """Churn in the 12 months after of the respondents whose trend before was below −0.33."""
    res = stated_vs_revealed(_facts(ds), _answers(ds), wave="all", trend_cuts=(-0.33, 0.2))
    return float(res.by_trend.set_index("group").loc["falling", "rate"])


@exercise("kpi7.6", hint="ex.kpi7.6.hint", kind="number", tol=0, style="rerun")
def answers_for_ten_points(ds):
    """Answers needed for an NPS within ±10 points at the latest wave's class shares."""
    return int(sample_size_effect(pick_wave(_answers(ds), "latest")["nps"], margin=10).n_needed)


@exercise("kpi7.7", hint="ex.kpi7.7.hint", kind="share", tol=0.002, style="analyst")
def promoters_among_the_churned(ds):
    """Share of promoters among the respondents who stopped buying in the 12 months after the survey."""
    rows = _stated(ds).rows
    gone = rows.loc[rows["churned"].astype(bool)]
    return float((gone["nps_class"] == "promoter").mean()) if len(gone) else float("nan")

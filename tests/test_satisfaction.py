"""Topic 7 (program 004) · customer satisfaction: hand-computed cases, edge cases, views, charts, widget."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import kbcore  # noqa: E402
from kbcore.analyses import satisfaction as s  # noqa: E402
from kbcore.charts import satisfaction as ch  # noqa: E402
from kbcore.errors import KBDataError  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views import satisfaction as v  # noqa: E402
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402
from kbcore.widgets.satisfaction import nps_explorer  # noqa: E402

Z95 = 1.959963984540054


# --------------------------------------------------------------------------- a small company
def _sales() -> pd.DataFrame:
    rows = [  # date, client, revenue
        ("2023-06-30", "A", 50.0),    # one day before A's window before the survey: left out
        ("2023-07-01", "A", 100.0),   # first day of the window before (2024-06-30 − 12 months + 1 day)
        ("2024-06-30", "A", 20.0),    # the survey day itself counts as "before"
        ("2025-06-30", "A", 30.0),    # last day of the window after
        ("2023-01-01", "B", 40.0),    # B bought long ago and never again
        ("2024-03-01", "C", 200.0),
        ("2024-05-01", "C", 200.0),
        ("2024-09-01", "C", 100.0),
        ("2024-06-20", "D", 10.0),
        ("2025-12-31", "D", 10.0),    # D's purchase fixes as_of = 2025-12-31
        ("2025-01-10", "E", 60.0),
    ]
    return pd.DataFrame({C.date: pd.to_datetime([r[0] for r in rows]),
                         C.client_id: pd.array([r[1] for r in rows], dtype="string"),
                         C.revenue: [r[2] for r in rows]})


def _clients() -> pd.DataFrame:
    return pd.DataFrame({C.client_id: pd.array(list("ABCDE"), dtype="string"),
                         C.segment: pd.array(["Автосервизи", "Автосервизи", "Транспорт", "Транспорт", None],
                                             dtype="string"),
                         C.manager: pd.array(["Иван Петров", "Иван Петров", "Мария Иванова", "Мария Иванова",
                                              "Иван Петров"], dtype="string")})


def _surveys() -> pd.DataFrame:
    return pd.DataFrame({
        C.date: pd.to_datetime(["2024-06-30"] * 4 + ["2025-06-30"]),
        C.client_id: pd.array(list("ABCDE"), dtype="string"),
        C.csat: [5.0, np.nan, 4.0, 3.0, 2.0],
        C.nps: [10.0, np.nan, 9.0, 6.0, 8.0],
        C.responded: [True, False, True, True, True],
        C.wave: pd.array(["2024", "2024", "2024", "2024", "2025"], dtype="string"),
    })


@pytest.fixture()
def facts() -> Facts:
    return Facts(_sales())


@pytest.fixture()
def answers() -> pd.DataFrame:
    return s.survey_answers(_surveys(), _clients())


# --------------------------------------------------------------------------- scores
def test_nps_score_by_hand():
    # 4 promoters (10, 9, 9, 10), 2 passives (8, 7), 4 detractors (6, 0, 3, 5) of 10:
    # NPS = 100 × (0.4 − 0.4) = 0; Var = (0.4 + 0.4 − 0²) / 10 = 0.08; SE = 100 × √0.08 = 28.284
    r = s.nps_score([10, 9, 9, 8, 7, 6, 0, 3, 10, 5, np.nan])
    assert r["n"] == 10 and r["promoters"] == 4 and r["passives"] == 2 and r["detractors"] == 4
    assert r["nps"] == pytest.approx(0.0)
    assert r["se"] == pytest.approx(100 * math.sqrt(0.08))
    assert r["low"] == pytest.approx(-Z95 * 28.2842712, rel=1e-6)
    assert r["half_width"] == pytest.approx(Z95 * 28.2842712, rel=1e-6)
    # 3 promoters, 1 passive: NPS 75; Var = (0.75 − 0.75²) / 4 = 0.046875; the interval is cut at +100
    r = s.nps_score([10, 10, 10, 7])
    assert r["nps"] == pytest.approx(75.0)
    assert r["se"] == pytest.approx(100 * math.sqrt(0.046875))
    assert r["high"] == 100.0
    # a 90 % interval is narrower: z = 1.6449
    assert s.nps_score([10, 9, 9, 8, 7, 6, 0, 3, 10, 5], level=0.9)["half_width"] == pytest.approx(
        1.6448536 * 28.2842712, rel=1e-6)


def test_nps_score_empty_and_out_of_range():
    r = s.nps_score([])
    assert r["n"] == 0 and math.isnan(r["nps"]) and math.isnan(r["low"])
    assert s.nps_score([11, -1, 6.5])["n"] == 0   # not on the 0–10 scale, or between two classes


def test_nps_difference_by_hand():
    # a: NPS 75, Var 0.046875; b = (0, 0, 9, 8): p_P = .25, p_D = .5, NPS −25, Var = (.75 − .0625)/4 = .171875
    # ΔNPS = 100; SE = 100 √(0.046875 + 0.171875) = 46.771; z = 2.1381; p = 2(1 − Φ(z)) = 0.03251
    d = s.nps_difference([10, 10, 10, 7], [0, 0, 9, 8])
    assert d["diff"] == pytest.approx(100.0)
    assert d["se"] == pytest.approx(100 * math.sqrt(0.21875))
    assert d["z"] == pytest.approx(100 / 46.7707173, rel=1e-6)
    assert d["p_value"] == pytest.approx(0.03251, abs=1e-4)
    assert d["low"] == pytest.approx(100 - Z95 * 46.7707173, rel=1e-6)
    assert math.isnan(s.nps_difference([10], [])["diff"])


def test_wilson_interval_by_hand():
    # 8 of 10: centre = (0.8 + z²/20) / (1 + z²/10) = 0.71675; half = z/(1 + z²/10) √(0.016 + z²/400) = 0.22658
    lo, hi = s.wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)
    assert s.wilson_interval(0, 10)[0] == pytest.approx(0.0) and s.wilson_interval(10, 10)[1] == pytest.approx(1.0)
    assert all(math.isnan(x) for x in s.wilson_interval(0, 0))


def test_csat_score_by_hand():
    # (5, 4, 4, 3, 1): mean 3.4; sd = √(9.2 / 4) = 1.5166; t(4; .975) = 2.776445; half = 2.776445 × 1.5166 / √5
    c = s.csat_score([5, 4, 4, 3, 1, 7, np.nan])   # 7 is off the 1–5 scale
    assert c["n"] == 5 and c["mean"] == pytest.approx(3.4)
    assert c["sd"] == pytest.approx(math.sqrt(2.3))
    assert c["high"] - c["mean"] == pytest.approx(2.776445 * math.sqrt(2.3) / math.sqrt(5), rel=1e-5)
    assert c["top_box"] == pytest.approx(0.6)   # 5, 4, 4
    assert c["top_low"] == pytest.approx(s.wilson_interval(3, 5)[0])
    one = s.csat_score([4])
    assert one["mean"] == 4 and math.isnan(one["low"])
    with pytest.raises(KBDataError):
        s.csat_score([1], scale=(5, 1))


def test_holm_by_hand():
    # sorted .01, .03, .04 → 3×.01 = .03, 2×.03 = .06, 1×.04 = .04 → running max .03, .06, .06
    out = s.holm([0.01, 0.04, 0.03, np.nan])
    assert np.allclose(out[:3], [0.03, 0.06, 0.06]) and math.isnan(out[3])
    assert s.holm([]).size == 0


def test_n_for_margin_by_hand():
    # worst case p_P = p_D = ½: Var = 1 → n = z² × 10 000 / m²: 384.15 → 385 (±10), 1536.6 → 1537 (±5)
    assert s.n_for_margin(0.5, 0.5, margin=10) == 385
    assert s.n_for_margin(0.5, 0.5, margin=5) == 1537
    # p_P = .4, p_D = .2: Var = .6 − .04 = .56 → 3.8415 × .56 × 400 = 860.5 → 861
    assert s.n_for_margin(0.4, 0.2, margin=5) == 861
    with pytest.raises(KBDataError):
        s.n_for_margin(0.8, 0.5)
    with pytest.raises(KBDataError):
        s.n_for_margin(0.4, 0.2, margin=0)


def test_auc_by_hand():
    # perfect separation: every churner's risk above every stayer's
    assert s.auc([1, 2, 3, 4], [False, False, True, True])["auc"] == pytest.approx(1.0)
    # churners at 1 and 3, stayers at 2 and 4: of 4 pairs only (3 > 2) → 0.25
    a = s.auc([1, 2, 3, 4], [True, False, True, False])
    assert a["auc"] == pytest.approx(0.25) and a["n_churned"] == 2
    # ties count one half: all equal → 0.5
    assert s.auc([5, 5, 5], [True, False, False])["auc"] == pytest.approx(0.5)
    assert math.isnan(s.auc([1, 2], [False, False])["auc"])


def test_rescale_and_scale_change_by_hand():
    assert s.rescale(1) == 0 and s.rescale(3) == 5 and s.rescale(5) == 10
    assert np.allclose(s.rescale(np.array([0, 10]), (0, 10), (1, 5)), [1, 5])
    e = s.scale_change_effect([5, 4, 3]).set_index("measure")
    # mean 4 → (10 + 7.5 + 5)/3 = 7.5: an apparent +3.5; top box 2/3 (4 and 5) → 1/3 (only 10 ≥ 9)
    assert e.loc["mean", "old"] == 4 and e.loc["mean", "new"] == pytest.approx(7.5)
    assert e.loc["top_box", "old"] == pytest.approx(2 / 3) and e.loc["top_box", "new"] == pytest.approx(1 / 3)
    assert s.scale_change_effect([5]).attrs["valid"] is False


# --------------------------------------------------------------------------- the answers
def test_survey_answers_normalises(answers):
    assert list(answers.columns) == s.ANSWER_COLUMNS
    a = answers.set_index(C.client_id)
    assert a.loc["B", C.responded] == False  # noqa: E712
    assert a.loc["A", "nps_class"] == "promoter" and a.loc["D", "nps_class"] == "detractor"
    assert a.loc["E", "nps_class"] == "passive" and a.loc["E", C.segment] == s.UNKNOWN
    assert a.loc["C", C.manager] == "Мария Иванова"
    assert answers.attrs["missing"] == [] and answers.attrs["wave_from_year"] is False


def test_survey_answers_without_optional_columns():
    sv = _surveys().drop(columns=[C.responded, C.wave, C.csat]).iloc[[0, 2, 4]]
    a = s.survey_answers(sv)
    assert a[C.responded].all()
    assert a[C.wave].tolist() == ["2024", "2024", "2025"]          # the year of the date
    assert set(a.attrs["missing"]) == {"surveys.csat", "surveys.responded", "clients"}
    assert (a[C.segment] == s.UNKNOWN).all()
    # responded as text, and a non-respondent's stray answer is dropped
    sv = _surveys().assign(responded=["True", "false", "1", "0", None])
    a = s.survey_answers(sv).set_index(C.client_id)
    assert a[C.responded].tolist() == [True, False, True, False, True]
    assert math.isnan(a.loc["D", C.nps])
    empty = s.survey_answers(None)
    assert len(empty) == 0 and empty.attrs["missing"] == ["surveys"]


def test_pick_wave(answers):
    assert s.pick_wave(answers).attrs["wave"] == ["2025"]
    assert len(s.pick_wave(answers, "2024")) == 4
    assert len(s.pick_wave(answers, None)) == 5


def test_pick_wave_all_and_unknown_waves(facts, answers):
    # "all" is every wave, as None: it used to be read as a wave named "all" and keep no row
    everything = s.pick_wave(answers, "all")
    assert len(everything) == 5 and everything.attrs["wave"] == ["2024", "2025"]
    assert len(s.pick_wave(answers, ["2024", "2025"])) == 5 and len(s.pick_wave(answers, [])) == 0
    nr = s.nonresponse_bias(facts, answers, _clients(), wave="all")
    assert len(nr.rows) == 5 and nr.revenue.set_index("group").loc["respondent", "n"] == 4
    # a wave the surveys do not have is a mistake to be told, not an empty table
    for wrong in ("2023", ["2024", "2023"], 2023):
        with pytest.raises(KBDataError):
            s.pick_wave(answers, wrong)
    assert len(s.pick_wave(answers.iloc[:0], "2023")) == 0  # no surveys at all: nothing to check against


def test_complete_waves_by_hand(facts, answers):
    # as_of 2025-12-31; wave 2024 asked on 2024-06-30, wave 2025 on 2025-06-30
    assert s.complete_waves(facts, answers) == ["2024"]                # 2024-06-30 + 12 m = 2025-06-30 ≤ as_of
    assert s.complete_waves(facts, answers, months=6) == ["2024", "2025"]   # 2025-12-30 ≤ 2025-12-31
    assert s.complete_waves(facts, answers, months=18) == ["2024"]     # 2025-12-30; 2025: 2026-12-30 > as_of
    assert s.complete_waves(facts, answers, months=19) == []           # 2026-01-30 > as_of
    assert s.complete_waves(facts, answers, as_of="2025-06-29") == []  # one day short of a full year
    assert s.complete_waves(facts, answers.iloc[:0]) == []
    assert s.complete_waves(Facts(_sales().iloc[:0]), answers) == []   # no sales: nothing after is known
    # the same rule as each row's complete window
    rows = s.client_windows(facts, answers)
    assert sorted(rows.loc[rows["complete"], C.wave].unique()) == ["2024"]


def test_satisfaction_by_segment_by_hand(answers):
    t = s.satisfaction_by(answers, by="segment", wave="2024", min_n=2).set_index("group")
    # Автосервизи: A (10) answered, B did not → 1 answer, NPS +100; Транспорт: C 9, D 6 → NPS 0
    assert t.loc["Автосервизи", "n"] == 1 and t.loc["Автосервизи", "nps"] == 100
    assert t.loc["Транспорт", "n"] == 2 and t.loc["Транспорт", "nps"] == pytest.approx(0.0)
    assert t.loc["Транспорт", "diff_rest"] == pytest.approx(-100.0)
    assert t.loc["Автосервизи", "small"] and not t.loc["Транспорт", "small"]
    assert t.loc["Транспорт", "csat_mean"] == pytest.approx(3.5)
    assert t.index.tolist() == ["Транспорт", "Автосервизи"]          # the largest first
    res = s.satisfaction_by(answers, by="wave")
    assert res["group"].tolist() == ["2024", "2025"] and res["n"].tolist() == [3, 1]
    assert res.attrs["overall"]["n"] == 4
    with pytest.raises(KBDataError):
        s.satisfaction_by(answers, by="colour")
    with pytest.raises(KBDataError):
        s.satisfaction_by(answers, level=95)


def test_response_rates_by_hand(answers):
    r = s.response_rates(answers).set_index("group")
    assert r.loc["2024", "asked"] == 4 and r.loc["2024", "responded"] == 3
    assert r.loc["2024", "rate"] == pytest.approx(0.75)
    assert r.loc["2024", "low"] == pytest.approx(s.wilson_interval(3, 4)[0])
    no_flag = s.response_rates(s.survey_answers(_surveys().drop(columns=[C.responded])))
    assert no_flag["rate"].isna().all() and no_flag.attrs["missing"] == ["surveys.responded"]


def test_client_windows_by_hand(facts, answers):
    w = s.client_windows(facts, answers).set_index(C.client_id)
    # A, survey 2024-06-30: before = [2023-07-01, 2024-06-30] → 100 + 20; after = [2024-07-01, 2025-06-30] → 30
    assert w.loc["A", "revenue_before"] == 120 and w.loc["A", "revenue_after"] == 30
    assert w.loc["A", "churned"] == False and w.loc["A", "growth"] == pytest.approx(0.25)  # noqa: E712
    # trend: earlier half [2023-07-01, 2023-12-31] 100 over 184 days, later [2024-01-01, 2024-06-30] 20 over 182
    a, b = 100 / 184, 20 / 182
    assert w.loc["A", "trend"] == pytest.approx((b - a) / (a + b))
    assert w.loc["A", "days_since_purchase"] == 0
    # B: nothing in either window → churned; last purchase 2023-01-01, 546 days before
    assert not w.loc["B", "bought_before"] and w.loc["B", "churned"] == True  # noqa: E712
    assert w.loc["B", "days_since_purchase"] == 546 and math.isnan(w.loc["B", "trend"])
    # C: 400 before (both in the later half → trend +1), 100 after
    assert w.loc["C", "trend"] == pytest.approx(1.0) and w.loc["C", "revenue_after"] == 100
    # E, survey 2025-06-30: its window after ends 2026-06-30, after as_of 2025-12-31 → not complete
    assert not w.loc["E", "complete"] and pd.isna(w.loc["E", "churned"]) and math.isnan(w.loc["E", "growth"])
    # a shorter window: 6 months after A's survey holds nothing → churned
    w6 = s.client_windows(facts, answers, months=6).set_index(C.client_id)
    assert w6.loc["A", "churned"] == True  # noqa: E712
    with pytest.raises(KBDataError):
        s.client_windows(facts, answers, months=0)


def test_nonresponse_bias_by_hand(facts, answers):
    nr = s.nonresponse_bias(facts, answers, _clients(), wave="2024")
    rev = nr.revenue.set_index("group")
    # respondents A 120, C 400, D 10 → median 120; the non-respondent B: 0
    assert rev.loc["respondent", "median"] == 120 and rev.loc["non_respondent", "median"] == 0
    assert math.isnan(nr.revenue_test["median_ratio"])
    churn = nr.churn.set_index("group")
    # respondents: A bought, C bought, D did not (nothing in [2024-07-01, 2025-06-30]) → 1 of 3; B churned → 1 of 1
    assert churn.loc["respondent", "rate"] == pytest.approx(1 / 3) and churn.loc["non_respondent", "rate"] == 1
    assert nr.churn_test["diff"] == pytest.approx(1 / 3 - 1)
    assert nr.churn_test["fisher_p"] == pytest.approx(1.0)
    stages = nr.rows.set_index(C.client_id)["stage"]
    # A's purchase on the survey day follows 365 days of silence (2023-07-01 → 2024-06-30): won back
    assert stages["B"] == "lost" and stages["A"] == "won_back"
    assert nr.missing == ()
    none = s.nonresponse_bias(facts, s.survey_answers(_surveys().drop(columns=[C.responded])))
    assert none.missing == ("surveys.responded",)


def test_stated_vs_revealed_by_hand(facts, answers):
    r = s.stated_vs_revealed(facts, answers)
    # used: 2024 respondents who bought before, with a complete window: A (promoter, kept buying),
    # C (promoter, kept), D (detractor, stopped); E's window is not complete
    assert sorted(r.rows[C.client_id]) == ["A", "C", "D"]
    c = r.by_class.set_index("group")
    assert c.loc["promoter", "n"] == 2 and c.loc["promoter", "rate"] == 0
    assert c.loc["detractor", "rate"] == 1 and c.loc["passive", "n"] == 0
    sep = r.separation.set_index("predictor")
    assert sep.loc["nps", "auc"] == pytest.approx(1.0)   # the detractor churned, the promoters did not
    assert sep.loc["nps", "gap"] == pytest.approx(1.0)
    assert set(sep.index) == {"nps", "trend", "recency"}
    with pytest.raises(KBDataError):
        s.stated_vs_revealed(facts, answers, trend_cuts=(0.3, 0.1))


def test_sample_size_effect(answers):
    scores = [10] * 40 + [8] * 30 + [3] * 30
    r = s.sample_size_effect(scores, ns=(10, 50, 200), draws=200, seed=1)
    # p_P = .4, p_D = .3: Var = .7 − .01 = .69; half-width at n = 50 = 1.96 × 100 × √(.69/50)
    assert r.full["nps"] == pytest.approx(10.0)
    assert r.curve.set_index("n").loc[50, "half_width"] == pytest.approx(Z95 * 100 * math.sqrt(0.69 / 50))
    assert r.n_needed == s.n_for_margin(0.4, 0.3)
    assert math.isnan(r.curve.set_index("n").loc[200, "draw_low"])    # no subsample larger than the data
    assert r.curve.set_index("n").loc[10, "outside"] > r.curve.set_index("n").loc[50, "outside"]
    same = s.sample_size_effect(scores, ns=(10, 50), draws=200, seed=1)
    assert same.curve.equals(s.sample_size_effect(scores, ns=(10, 50), draws=200, seed=1).curve)
    assert s.sample_size_effect([]).n_needed == 0


def test_active_only_effect_by_hand(facts, answers):
    t = s.active_only_effect(facts, answers, active_days=30, wave="2024").set_index("population")
    # active (a purchase in the 30 days up to 2024-06-30): A (that day), D (2024-06-20); not B, C (2024-05-01)
    assert t.loc["active", "asked"] == 2 and t.loc["inactive", "asked"] == 2
    # NPS of all respondents (10, 9, 6): 100 × (2/3 − 1/3) = 33.3; of the active (10, 6): 0
    assert t.loc["all", "nps"] == pytest.approx(100 / 3) and t.loc["active", "nps"] == pytest.approx(0.0)
    # churn: all asked A no, B yes, C no, D yes → .5; active A no, D yes → .5
    assert t.loc["all", "churn"] == pytest.approx(0.5) and t.loc["active", "churn"] == pytest.approx(0.5)
    assert t.loc["all", "rate"] == pytest.approx(0.75)


def test_scale_by_wave_finds_a_changed_scale():
    sv = pd.DataFrame({C.date: pd.to_datetime(["2023-10-01"] * 3 + ["2024-10-01"] * 3),
                       C.client_id: list("ABCABC"), C.csat: [3, 4, 5, 7, 9, 10]})
    t = s.scale_by_wave(s.survey_answers(sv))
    assert t["scale_high"].tolist() == [5, 10] and t["changed"].tolist() == [False, True]
    assert t.attrs["changed"] == ["2024"]


def test_timing_effect_by_hand(facts, answers):
    tm = s.timing_effect(facts, answers, within_days=14)
    g = tm.groups.set_index("group")
    # days since the last purchase: A 0, C 60 (2024-05-01), D 10 (2024-06-20), E 171 (2025-01-10)
    assert g.loc["within", "nps_n"] == 2 and g.loc["later", "nps_n"] == 2
    # within: A 10, D 6 → NPS 0; later: C 9 (promoter), E 8 (passive) → NPS 50
    assert g.loc["within", "nps"] == pytest.approx(0) and g.loc["later", "nps"] == pytest.approx(50)
    assert tm.test["diff"] == pytest.approx(-50)
    b = tm.bands.set_index("group")
    assert b.loc["0-7", "n"] == 1 and b.loc["7-14", "n"] == 1 and b.loc["30-90", "n"] == 1 and b.loc["90+", "n"] == 1


def test_edge_cases_without_sales_or_surveys():
    empty = Facts(_sales().iloc[:0])
    a = s.survey_answers(_surveys(), _clients())
    w = s.client_windows(empty, a)
    assert (w["revenue_before"] == 0).all() and w["days_since_purchase"].isna().all()
    r = s.stated_vs_revealed(empty, s.survey_answers(None))
    assert len(r.rows) == 0 and "surveys" in r.missing
    assert len(s.satisfaction_by(s.survey_answers(None))) == 0
    tm = s.timing_effect(empty, a)
    assert "sales" in tm.missing


# --------------------------------------------------------------------------- views
_ALLOWED_LATIN = {"NPS", "CSAT", "AUC", "responded", "segment", "manager"}


def _latin_words(texts) -> set[str]:
    return {w for text in texts for w in re.findall(r"[A-Za-z_]{2,}", str(text))} - _ALLOWED_LATIN


def _all_texts(facts, answers, lang):
    by = s.satisfaction_by(answers, wave="2024", min_n=2)
    nr = s.nonresponse_bias(facts, answers, _clients(), wave="2024")
    sr = s.stated_vs_revealed(facts, answers)
    ss = s.sample_size_effect(answers[C.nps], ns=(2, 3), draws=20)
    ao = s.active_only_effect(facts, answers)
    sc = s.scale_change_effect(answers[C.csat])
    tm = s.timing_effect(facts, answers)
    rr = s.response_rates(answers)
    frames = [v.by_table(by, lang), v.response_table(rr, lang), v.revenue_table(nr, lang), v.stage_table(nr, lang),
              v.churn_table(nr, lang), v.class_table(sr, lang), v.class_table(sr, lang, which="trend"),
              v.separation_table(sr, lang), v.sample_size_table(ss, lang), v.active_only_table(ao, lang),
              v.scale_table(sc, lang), v.scale_by_wave_table(s.scale_by_wave(answers), lang),
              v.timing_table(tm, lang), v.timing_table(tm, lang, bands=True),
              key_figures_table(v.satisfaction_figures(s.nps_score(answers[C.nps]), lang,
                                                       csat=s.csat_score(answers[C.csat]), rates=rr,
                                                       nonresponse=nr, stated=sr, sample=ss), lang)]
    texts = [v.by_note(by, lang), v.score_text(s.nps_score(answers[C.nps]), s.csat_score(answers[C.csat]), lang),
             v.response_text(rr, lang), v.nonresponse_text(nr, lang), v.stated_text(sr, lang),
             v.sample_size_text(ss, lang), v.active_only_text(ao, lang), v.scale_text(sc, lang),
             v.timing_text(tm, lang)]
    for f in frames:
        texts += list(f.columns) + [x for col in f.columns for x in f[col]]
    return texts


def test_views_in_bulgarian_have_no_english_word(facts, answers):
    assert _latin_words(_all_texts(facts, answers, "bg")) == set()


def test_views_in_bulgarian_by_hand(facts, answers):
    text = v.score_text(s.nps_score([10, 10, 10, 7]), s.csat_score([5, 4, 4, 3, 1]), "bg")
    assert text.startswith("NPS +75,0 пункта (95% доверителен интервал +32,6 … +100,0; 4 отговора")
    assert "CSAT 3,40 от 5" in text and "доволни (4–5): 60%" in text
    nr = s.nonresponse_bias(facts, answers, _clients(), wave="2024")
    rev = v.revenue_table(nr, "bg", currency="EUR")
    assert rev.iloc[:, 2].tolist() == ["120\xa0€", "0\xa0€"]
    assert rev.iloc[:, 0].tolist() == ["отговорили", "неотговорили"]
    # 3 against 1 client: nothing is proven, so no verdict on "better clients" is written
    assert v.t("satisfaction.nonresponse.better", "bg") not in v.nonresponse_text(nr, "bg")
    assert v.fmt_nps(-12.34, "bg") == "−12,3" and v.fmt_nps(1234.5, "bg") == "+1\xa0234,5"
    assert v.group_label("band", "7-14", "bg") == "7–14 дни"
    assert v.group_label("segment", "unknown", "bg") == "(не е посочен)"
    ss = s.sample_size_effect([10] * 40 + [8] * 30 + [3] * 30, draws=10)
    assert "861" not in v.sample_size_text(ss, "bg")
    assert "100 отговора" in v.sample_size_text(ss, "bg")


def test_views_in_english_by_hand(facts, answers):
    by = s.satisfaction_by(answers, wave="2024", min_n=2)
    t = v.by_table(by, "en")
    assert t["NPS"].tolist() == ["0.0", "+100.0"]
    assert t["Verdict"].tolist()[1] == "too few answers to judge"
    assert "2 groups compared with the rest" in v.by_note(by, "en")
    rr = s.response_rates(answers)
    assert v.response_text(rr, "en").startswith("80% of the clients asked answered (4 of 5 clients")
    no_flag = s.response_rates(s.survey_answers(_surveys().drop(columns=[C.responded])))
    assert is_missing(v.response_text(no_flag, "en"))


def test_key_figures_say_what_is_missing(facts):
    a = s.survey_answers(_surveys().drop(columns=[C.responded, C.nps]))
    rows = v.satisfaction_figures(s.nps_score(a[C.nps]), "bg", rates=s.response_rates(a),
                                  nonresponse=s.nonresponse_bias(facts, a),
                                  stated=s.stated_vs_revealed(facts, a))
    assert all(is_missing(r.value) for r in rows)


# --------------------------------------------------------------------------- charts
def test_chart_nps_by_group_artists(answers):
    by = s.satisfaction_by(answers, wave="2024", min_n=2)
    ax = ch.plot_nps_by_group(by, lang="bg")
    pts = [c for c in ax.collections if c.get_gid() == "points"][0].get_offsets()
    # drawn bottom-up: the last group first
    assert np.allclose(np.asarray(pts)[:, 0], [100.0, 0.0])
    overall = [ln for ln in ax.lines if ln.get_gid() == "overall"][0]
    assert overall.get_xdata()[0] == pytest.approx(100 / 3)
    assert ax.get_title(loc="left") == v.t("satisfaction.chart.by.title.segment", "bg") or ax.get_title() == v.t(
        "satisfaction.chart.by.title.segment", "bg")
    plt.close("all")


def test_charts_nonresponse_stated_and_sample(facts, answers):
    nr = s.nonresponse_bias(facts, answers, _clients(), wave="2024")
    ax = ch.plot_nonresponse(nr, lang="en")
    assert [p.get_height() for p in ax.patches] == [120, 0]
    ax = ch.plot_nonresponse(nr, measure="churn", lang="en")
    assert [p.get_height() for p in ax.patches] == pytest.approx([1 / 3, 1.0])
    sr = s.stated_vs_revealed(facts, answers)
    ax = ch.plot_churn_by_class(sr, lang="bg")
    nps_bars = [p for p in ax.patches if p.get_gid() == "bars:nps"]
    assert [p.get_height() for p in nps_bars] == [1.0, 0.0, 0.0]
    ss = s.sample_size_effect([10] * 40 + [8] * 30 + [3] * 30, ns=(10, 50), draws=50)
    ax = ch.plot_margin_vs_n(ss, lang="bg")
    assert ax.get_xscale() == "log"
    have = [ln for ln in ax.lines if ln.get_gid() == "have"][0]
    assert have.get_xdata()[0] == 100
    plt.close("all")


def test_charts_on_empty_results_say_so(facts):
    a = s.survey_answers(_surveys().drop(columns=[C.responded]))
    empty = s.survey_answers(None)
    for ax in (ch.plot_nps_by_group(s.satisfaction_by(empty), lang="bg"),
               ch.plot_nonresponse(s.nonresponse_bias(facts, a), lang="bg"),
               ch.plot_churn_by_class(s.stated_vs_revealed(facts, empty), lang="bg"),
               ch.plot_margin_vs_n(s.sample_size_effect([]), lang="bg")):
        assert [x for x in ax.texts if x.get_gid() == "empty"]
    plt.close("all")


# --------------------------------------------------------------------------- widget
def test_nps_explorer(answers):
    box = nps_explorer(answers, wave="2024", min_n=2, lang="bg")
    assert box.current.attrs["by"] == "segment" and "Транспорт" in box.table.value
    box.cut.value = "manager"
    # 2024: Мария Иванова's clients C and D answered, of Иван Петров's only A → the larger group first
    assert box.current["group"].tolist() == ["Мария Иванова", "Иван Петров"]
    box.level.value = 0.8
    assert box.current.attrs["level"] == 0.8
    box.cut.value = "wave"
    assert box.current["group"].tolist() == ["2024", "2025"]
    plt.close("all")


# --------------------------------------------------------------------------- the demo companies
@pytest.fixture(scope="module")
def demo_bg():
    ds = kbcore.load(None, demo="bg")
    return ds, Facts.of(ds)


def test_on_the_bulgarian_demo_company(demo_bg):
    ds, facts = demo_bg
    a = s.survey_answers(ds.surveys, ds.clients)
    latest = s.pick_wave(a)
    nps = s.nps_score(latest[C.nps])
    assert nps["n"] > 100 and nps["low"] < nps["nps"] < nps["high"]
    by = s.satisfaction_by(a, by="manager")
    assert len(by) >= 5 and by["p_holm"].between(0, 1).all()
    sr = s.stated_vs_revealed(facts, a)
    assert len(sr.rows) > 300 and not sr.missing
    sep = sr.separation.set_index("predictor")
    assert 0.3 < sep.loc["nps", "auc"] < 0.7
    rows = key_figures_table(v.satisfaction_figures(nps, "bg", stated=sr), "bg")
    assert not is_missing(rows.iloc[0, 1])


def test_on_a_sales_only_export(demo_bg):
    ds, _facts = demo_bg
    facts = Facts(ds.sales[[C.date, C.client_id, C.revenue]])
    a = s.survey_answers(None)
    assert s.satisfaction_by(a).attrs["missing"] == ["surveys"]
    assert s.response_rates(a).attrs["missing"] == ["surveys"]
    assert s.nonresponse_bias(facts, a).missing == ("surveys",)
    assert "surveys" in s.stated_vs_revealed(facts, a).missing
    assert s.active_only_effect(facts, a).attrs["missing"] == ["surveys"]
    assert s.timing_effect(facts, a).groups["n"].sum() == 0
    rows = v.satisfaction_figures(s.nps_score(a[C.nps]), "bg", rates=s.response_rates(a),
                                  nonresponse=s.nonresponse_bias(facts, a), stated=s.stated_vs_revealed(facts, a),
                                  sample=s.sample_size_effect(a[C.nps]))
    assert all(is_missing(r.value) for r in rows)


def test_after_text_names_the_complete_waves():
    assert "2022, 2023, 2024" in v.after_text(["2022", "2023", "2024"], 12, "bg")
    assert "12" in v.after_text(["2022"], 12, "en")
    assert v.after_text([], 12, "bg") == v.needs_text(["sales.after"], "bg")
    assert v.after_text([], 12, "bg", missing=["surveys"]) == v.needs_text(["surveys"], "bg")

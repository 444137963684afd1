"""Topic 6 (program 004) · segmentation and its profit: hand-computed cases, edge cases, views, charts, widget."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402

from kbcore.analyses import segment_profit as sp  # noqa: E402
from kbcore.analyses.lifecycle import client_stages  # noqa: E402
from kbcore.analyses.profitability import CostToServeRates, client_pnl  # noqa: E402
from kbcore.analyses.segmentation import rfm  # noqa: E402
from kbcore.charts import segment_profit as ch  # noqa: E402
from kbcore.errors import KBDataError  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views import segment_profit as v  # noqa: E402
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402
from kbcore.widgets.segment_profit import segmentation_explorer  # noqa: E402

AS_OF = pd.Timestamp("2025-12-31")
RATES = CostToServeRates(per_order=10.0, per_delivery=0.0, per_visit=0.0, credit_rate=0.0)
S1, S2 = "Автосервизи", "Транспорт"


def _sales() -> pd.DataFrame:
    rows = [  # date, client, doc, revenue, cost
        ("2024-01-01", "A", "a0", 100.0, 50.0),   # the previous year (P = 2024)
        ("2024-05-01", "B", "b0", 300.0, 200.0),
        ("2024-06-01", "D", "d0", 200.0, 100.0),
        ("2025-02-01", "A", "a1", 100.0, 60.0),   # the window W = 2025
        ("2025-03-01", "A", "a2", 100.0, 60.0),
        ("2025-04-01", "B", "b1", 300.0, 200.0),
        ("2025-05-01", "C", "c1", 50.0, 40.0),
        ("2025-02-01", "D", "d1", 100.0, 50.0),
        ("2025-06-01", "D", "d2", 100.0, 50.0),
        ("2025-09-01", "D", "d3", 100.0, 50.0),
        ("2025-07-01", "E", "e1", 100.0, 90.0),
        ("2025-12-31", "F", "f1", 50.0, 25.0),
    ]
    return pd.DataFrame({
        C.date: pd.to_datetime([r[0] for r in rows]),
        C.client_id: pd.array([r[1] for r in rows], dtype="string"),
        C.doc_id: pd.array([r[2] for r in rows], dtype="string"),
        C.revenue: [r[3] for r in rows],
        C.cost: [r[4] for r in rows],
    })


def _clients() -> pd.DataFrame:
    return pd.DataFrame({
        C.client_id: pd.array(list("ABCDEF"), dtype="string"),
        C.name: pd.array(["Алфа ООД", "Бета ЕООД", "Вега АД", "Гама ООД", "Делта ЕООД", "Емона АД"], dtype="string"),
        C.segment: pd.array([S1, S1, S1, S2, S2, ""], dtype="string"),
        C.size: pd.array(["малък", "голям", "малък", "среден", "малък", "малък"], dtype="string"),
        C.manager: pd.array(["Иван", "Иван", "", "Мария", "Мария", None], dtype="string"),
    })


def _contacts() -> pd.DataFrame:
    return pd.DataFrame({C.client_id: pd.array(["F"], dtype="string"), C.contact_id: ["c1"]})


def _facts() -> Facts:
    return Facts(_sales(), as_of=AS_OF)


def _pnl() -> pd.DataFrame:
    return client_pnl(_facts(), _clients(), rates=RATES, start="2025-01-01", end=AS_OF)


def _template(**rules) -> sp.SegmentationTemplate:
    data = {"title": {"en": "T", "ru": "Т", "bg": "Т"},
            "rules": {"alpha": 0.05, "min_clients": 2, "max_segments": 8, "test_min_clients": 2, **rules},
            "criteria": [
                {"id": "measurable", "measure": "known_share", "threshold": 0.9, "weight": 1,
                 "label": {"en": "Measurable", "ru": "Измеримость", "bg": "Измеримост"}},
                {"id": "substantial", "measure": "smallest_revenue_share", "threshold": 0.5, "weight": 3,
                 "label": {"en": "Substantial", "ru": "Значимость", "bg": "Значимост"}},
            ]}
    return sp.segmentation_template(data)


@pytest.fixture()
def review() -> sp.SegmentationReview:
    return sp.review_segmentations(_facts(), _clients(), contacts=_contacts(), rates=RATES, template=_template(),
                                   candidates=("segment", "size", "industry", "needs", "abc", "revenue_band"),
                                   years=1)


def _labels(pairs: dict) -> pd.Series:
    return pd.Series(pd.array(list(pairs.values()), dtype="string"), index=list(pairs.keys()))


# --------------------------------------------------------------------------- formulas
def test_epsilon_squared_and_effect_labels():
    # ε² = H / (n − 1): 10 / 10 = 1; 3 / 31 ≈ 0.0968
    assert sp.epsilon_squared(10.0, 11) == pytest.approx(1.0)
    assert sp.epsilon_squared(3.0, 32) == pytest.approx(3 / 31)
    assert math.isnan(sp.epsilon_squared(np.nan, 10)) and math.isnan(sp.epsilon_squared(1.0, 1))
    assert [sp.effect_label(x) for x in (0.005, 0.03, 0.1, 0.2)] == ["none", "small", "medium", "large"]
    assert sp.effect_label(np.nan) is None


@pytest.mark.parametrize(("a", "b", "expected"), [
    # contingency (x,x)=2, (y,y)=1, (y,z)=1: index 1, Σrows 2, Σcols 1, expected 2·1/6 = 1/3,
    # max (2+1)/2 = 1.5 → (1 − 1/3) / (1.5 − 1/3) = 4/7
    (list("xxyy"), list("xxyz"), 4 / 7),
    # every cell 1: index 0, Σrows 2, Σcols 2, expected 4/6, max 2 → (0 − 2/3)/(2 − 2/3) = −0.5
    # (the example of scikit-learn's adjusted_rand_score documentation)
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
    (list("aabbc"), list("bbcca"), 1.0),    # the same partition under other names
    (list("aaaa"), list("aaaa"), 1.0),      # one group each: maximum = expected
])
def test_adjusted_rand_by_hand(a, b, expected):
    assert sp.adjusted_rand(a, b) == pytest.approx(expected)


def test_adjusted_rand_edge_cases():
    assert math.isnan(sp.adjusted_rand(["a"], ["b"]))
    assert sp.adjusted_rand(["a", "a", None, "b", "b"], ["x", "x", "y", "z", "z"]) == pytest.approx(1.0)


# --------------------------------------------------------------------------- candidates
def test_card_candidates_and_what_they_miss():
    seg = sp.segment_labels(_facts(), "segment", _clients())
    assert seg.dropna().to_dict() == {"A": S1, "B": S1, "C": S1, "D": S2, "E": S2}
    assert pd.isna(seg.loc["F"])  # an empty card value is no segment
    assert seg.attrs["missing"] == []
    assert sp.segment_labels(_facts(), "industry", _clients()).attrs["missing"] == ["clients.industry"]
    assert sp.segment_labels(_facts(), "region").attrs["missing"] == ["clients"]
    assert sp.segment_labels(_facts(), "needs", _clients()).attrs["missing"] == ["surveys.needs"]
    with pytest.raises(ValueError):
        sp.segment_labels(_facts(), "zodiac")


def test_needs_from_the_latest_survey_answer():
    surveys = pd.DataFrame({C.date: pd.to_datetime(["2024-01-01", "2025-06-01", "2026-03-01"]),
                            C.client_id: ["A", "A", "B"], "needs": ["цена", "сервиз", "цена"]})
    lab = sp.segment_labels(_facts(), "needs", surveys=surveys)
    # A's latest answer up to as_of is "сервиз"; B answered only after as_of
    assert lab.to_dict() == {"A": "сервиз"} and lab.attrs["missing"] == []


def test_internal_candidates_by_hand():
    f = _facts()
    # ABC on 2025: B 300, D 300, A 200, E 100, C 50, F 50 (total 1000; ties by id);
    # cum before: B 0 → A, D .3 → A, A .6 → A, E .8 → B, C .9 → B, F .95 → C
    assert sp.segment_labels(f, "abc").to_dict() == {"A": "A", "B": "A", "C": "B", "D": "A", "E": "B", "F": "C"}
    # revenue band: terciles of [50, 50, 100, 200, 300, 300] = 83.3 and 233.3
    band = sp.segment_labels(f, "revenue_band").to_dict()
    assert band == {"A": "mid", "B": "high", "C": "low", "D": "high", "E": "mid", "F": "low"}
    # RFM and stage are the existing analyses' own classes
    r = rfm(f)
    assert sp.segment_labels(f, "rfm").to_dict() == dict(zip(r[C.client_id], r["rfm_segment"], strict=True))
    s = client_stages(f, _clients())
    assert sp.segment_labels(f, "stage", _clients()).to_dict() == dict(zip(s[C.client_id], s["stage"], strict=True))


def test_candidate_labels_keeps_missing_candidates_listed():
    lab = sp.candidate_labels(_facts(), _clients(), candidates=("segment", "industry", "abc"))
    assert list(lab.columns) == [C.client_id, "segment", "abc"]
    assert lab.attrs["missing"] == {"industry": ["clients.industry"]}
    assert lab.set_index(C.client_id).loc["F", "segment"] == sp.UNKNOWN


# --------------------------------------------------------------------------- size and profit
def test_reachable_by_hand():
    r = sp.reachable(list("ABCDEF"), _clients(), _contacts())
    # A, B, D, E have a manager; C has neither; F has a contact person
    assert r.to_dict() == {"A": True, "B": True, "C": False, "D": True, "E": True, "F": True}
    assert r.attrs["basis"] == ["clients.manager", "contacts"]
    none = sp.reachable(["A"])
    assert none.isna().all() and none.attrs["missing"] == ["clients.manager"]


def test_segment_table_by_hand():
    pnl = _pnl()
    # profit = gross margin − 10 per order: A 80−20 = 60, B 100−10 = 90, C 10−10 = 0,
    # D 150−30 = 120, E 10−10 = 0, F 25−10 = 15
    labels = sp.segment_labels(_facts(), "segment", _clients())
    prev = pd.Series({"A": 100.0, "B": 300.0, "D": 200.0})
    table = sp.segment_table(pnl, labels, reach=sp.reachable(list("ABCDEF"), _clients(), _contacts()),
                             previous=prev)
    assert list(table["segment"]) == [S1, S2, sp.UNKNOWN]  # by revenue, unknown last
    s1, s2, unk = (table.iloc[i] for i in range(3))
    # S1 = A, B, C: revenue 550, margin 190, profit 150; totals 1000, 375, 285
    assert (s1["clients"], s1["revenue"], s1["gross_margin"], s1["profit"]) == (3, 550, 190, 150)
    assert s1["client_share"] == pytest.approx(0.5) and s1["revenue_share"] == pytest.approx(0.55)
    assert s1["profit_share"] == pytest.approx(150 / 285) and s1["margin_share"] == pytest.approx(190 / 375)
    assert s1["profit_margin"] == pytest.approx(150 / 550) and s1["margin_pct"] == pytest.approx(190 / 550)
    # medians: orders (2, 1, 1) → 1; average order (100, 300, 50) → 100; margin % (.4, 1/3, .2) → 1/3
    assert s1["median_orders"] == 1 and s1["median_avg_order"] == 100
    assert s1["median_margin_pct"] == pytest.approx(1 / 3)
    assert s1["reach_share"] == pytest.approx(2 / 3) and unk["reach_share"] == 1.0
    # growth: S1 550 / (100 + 300) − 1 = 0.375; S2 400 / 200 − 1 = 1; F had nothing before
    assert s1["growth"] == pytest.approx(0.375) and s2["growth"] == pytest.approx(1.0)
    assert math.isnan(unk["growth"])
    assert s2["median_orders"] == 2 and table.attrs["missing"] == []


def test_segment_table_without_cost():
    pnl = client_pnl(Facts(_sales().drop(columns=[C.cost]), as_of=AS_OF), rates=RATES, start="2025-01-01")
    table = sp.segment_table(pnl, sp.segment_labels(_facts(), "segment", _clients()))
    assert table["profit"].isna().all() and table.attrs["missing"] == ["sales.cost"]
    assert table["revenue"].sum() == pytest.approx(1000)


# --------------------------------------------------------------------------- differentiation
def test_kruskal_wallis_by_hand():
    labels = sp.segment_labels(_facts(), "segment", _clients())
    tests = sp.differentiation(_pnl(), labels, min_clients=2, measures=("orders",), candidate="segment")
    row = tests.iloc[0]
    # orders S1 = (2, 1, 1), S2 = (3, 1); pooled 1,1,1,2,3 → ranks 2,2,2,4,5;
    # R1 = 4+2+2 = 8, R2 = 5+2 = 7, N = 5: H = 12/30 · (64/3 + 49/2) − 18 = 1/3;
    # tie correction 1 − (3³ − 3)/(5³ − 5) = 0.8 → H = 0.41667; ε² = H / 4 = 0.10417
    assert row["h"] == pytest.approx(1 / 3 / 0.8)
    assert row["epsilon2"] == pytest.approx(1 / 3 / 0.8 / 4)
    assert row["p_value"] == pytest.approx(stats.chi2.sf(1 / 3 / 0.8, 1))
    assert (row["groups"], row["n"], row["df"]) == (2, 5, 1.0)
    assert row["effect"] == "medium" and not row["significant"] and not row["circular"]


def test_differentiation_edge_cases():
    labels = sp.segment_labels(_facts(), "segment", _clients())
    # groups below min_clients are left out: one group left, no test
    t3 = sp.differentiation(_pnl(), labels, min_clients=3)
    assert t3["h"].isna().all() and (t3["groups"] == 1).all()
    # every value equal: the test is undefined
    same = _labels({"A": "x", "B": "x", "C": "y", "D": "y", "E": "y", "F": "y"})
    pnl = _pnl().assign(orders=1)
    assert math.isnan(sp.differentiation(pnl, same, measures=("orders",), min_clients=1)["h"].iloc[0])
    # ABC is cut by revenue: its revenue difference is circular
    t = sp.differentiation(_pnl(), sp.segment_labels(_facts(), "abc"), min_clients=1, candidate="abc")
    assert t.set_index("measure")["circular"].to_dict() == {
        "revenue": True, "orders": False, "avg_order": False, "margin_pct": False}
    with pytest.raises(ValueError):
        sp.differentiation(_pnl(), labels, measures=("colour",))


# --------------------------------------------------------------------------- stability
def test_stability_by_hand():
    st = sp.stability(_facts(), candidates=("abc", "segment"), years=1)
    # snapshots 2024-12-31 and 2025-12-31 (the first sale, 2024-01-01, opens the 2024 window);
    # ABC 2024: B 300 → A, D 200 → A, A 100 → B; 2025: A, B, D all A (test_internal_candidates_by_hand)
    # clients in both: A, B, D; stayed B, D → 2/3; ARI of (B, A, A) vs (A, A, A) = (1 − 1)/(2 − 1) = 0
    assert len(st) == 1 and st["candidate"].iloc[0] == "abc"   # a card field has no history
    row = st.iloc[0]
    assert (row["from_date"], row["to_date"]) == (pd.Timestamp("2024-12-31"), AS_OF)
    assert (row["clients"], row["stayed"]) == (3, 2)
    assert row["stay_share"] == pytest.approx(2 / 3) and row["ari"] == pytest.approx(0.0)
    # a history shorter than a window: no pair at all
    assert sp.stability(Facts(_sales().iloc[3:], as_of=AS_OF), candidates=("abc",), years=1).empty


# --------------------------------------------------------------------------- the template and the scorecard
def test_default_template_is_kotlers_five():
    tpl = sp.load_segmentation_template()
    assert [k.id for k in tpl.criteria] == ["measurable", "substantial", "accessible", "differentiable", "actionable"]
    assert [k.measure for k in tpl.criteria] == ["known_share", "smallest_revenue_share", "reach_share",
                                                 "effect_size", "actionable"]
    assert tpl.ours and tpl.alpha == 0.05 and tpl.max_segments == 8
    assert all(set(k.label) == {"en", "ru", "bg"} for k in tpl.criteria)


@pytest.mark.parametrize(("change", "key"), [
    (lambda d: d["criteria"][0].update(threshold=1.5), "criteria[0].threshold"),
    (lambda d: d["criteria"][1].update(measure="colour"), "criteria[1].measure"),
    (lambda d: d["criteria"][1].update(id="measurable"), "criteria[1].id"),
    (lambda d: [k.update(weight=0) for k in d["criteria"]], "criteria"),
    (lambda d: d["rules"].update(max_segments=1), "rules.max_segments"),
    (lambda d: d["rules"].update(alpha=0.9), "rules.alpha"),
    (lambda d: d.pop("criteria"), "criteria"),
    (lambda d: d["criteria"][0]["label"].pop("bg"), "criteria[0].label"),
])
def test_bad_template_values_are_explained(change, key):
    data = {"title": {"en": "T", "ru": "Т", "bg": "Т"}, "rules": {"max_segments": 8},
            "criteria": [{"id": "measurable", "measure": "known_share", "threshold": 0.9,
                          "label": {"en": "M", "ru": "И", "bg": "И"}},
                         {"id": "substantial", "measure": "smallest_revenue_share", "threshold": 0.05,
                          "label": {"en": "S", "ru": "З", "bg": "З"}}]}
    change(data)
    with pytest.raises(KBDataError) as err:
        sp.segmentation_template(data, file="kpi_segmentation.yaml")
    text = err.value.message("bg")
    assert key in text and "Карта за оценка на ефективното сегментиране" in text


def test_missing_template_file_is_explained(tmp_path):
    with pytest.raises(KBDataError) as err:
        sp.load_segmentation_template(tmp_path / "none.yaml")
    assert "kpi_segmentation.yaml" in err.value.message("en")


def test_template_with_changes_only_the_bars_asked_and_validates():
    tpl = _template()
    strict = sp.template_with(tpl, {"substantial": 0.25}, min_clients=7)
    assert [k.threshold for k in strict.criteria] == [0.9, 0.25]   # measurable kept, substantial 0.5 → 0.25
    assert [k.weight for k in strict.criteria] == [1, 3] and strict.min_clients == 7
    assert strict.max_segments == tpl.max_segments and strict.criteria[1].label == tpl.criteria[1].label
    assert [k.threshold for k in tpl.criteria] == [0.9, 0.5]       # the original is untouched
    # smallest revenue share 0.2: score min(0.2 / 0.5, 1) = 0.4 at the old bar, min(0.2 / 0.25, 1) = 0.8 at the new;
    # total (1·1 + 3·0.4) / 4 = 0.55 → (1·1 + 3·0.8) / 4 = 0.85
    vals = {"known_share": 1.0, "smallest_revenue_share": 0.2}
    assert sp.scorecard({"x": vals}, tpl)[1]["score"].iloc[0] == pytest.approx(0.55)
    assert sp.scorecard({"x": vals}, strict)[1]["score"].iloc[0] == pytest.approx(0.85)
    with pytest.raises(KBDataError):
        sp.template_with(tpl, {"substantiality": 0.1})             # no such criterion
    with pytest.raises(KBDataError):
        sp.template_with(tpl, {"substantial": 1.5})                # a share above 1


def test_rescore_keeps_the_segments_and_moves_the_ranking(review):
    same = sp.rescore(review, review.template)
    pd.testing.assert_frame_equal(same.summary, review.summary)
    pd.testing.assert_frame_equal(same.scorecard, review.scorecard)
    assert same.tables is review.tables and same.best == review.best
    # a bar of 1.0 on the smallest segment's revenue share: every candidate with two or more segments now
    # scores min(v / 1, 1) = v < 1 on it, so no candidate meets every criterion any more
    strict = sp.rescore(review, sp.template_with(review.template, {"substantial": 1.0}))
    assert not (strict.summary["passed"] == strict.summary["criteria"]).any()
    sub = strict.scorecard.loc[strict.scorecard["criterion"] == "substantial"].set_index("candidate")
    base = review.scorecard.loc[review.scorecard["criterion"] == "substantial"].set_index("candidate")
    assert (sub["value"] == base["value"]).all() and (sub["threshold"] == 1.0).all()
    assert sub["score"].to_numpy() == pytest.approx(base["value"].clip(upper=1).to_numpy())


def test_criterion_values_and_scorecard_by_hand():
    labels = sp.segment_labels(_facts(), "segment", _clients())
    table = sp.segment_table(_pnl(), labels, reach=sp.reachable(list("ABCDEF"), _clients(), _contacts()))
    vals = sp.criterion_values(table, None, None, min_clients=2, max_segments=8)
    # known 5/6; smallest revenue share S2 400/1000; smallest client share 2/6; weakest reach S1 2/3;
    # actionable: 2 segments, each ≥ 2 clients
    assert vals["known_share"] == pytest.approx(5 / 6)
    assert vals["smallest_revenue_share"] == pytest.approx(0.4)
    assert vals["smallest_client_share"] == pytest.approx(1 / 3)
    assert vals["reach_share"] == pytest.approx(2 / 3)
    assert vals["actionable"] == 1.0 and math.isnan(vals["effect_size"]) and math.isnan(vals["stay_share"])
    assert sp.criterion_values(table, min_clients=3)["actionable"] == 0.0
    card, summary = sp.scorecard({"segment": vals}, _template())
    # scores (5/6)/0.9 = 0.9259 and 0.4/0.5 = 0.8; total (0.9259 · 1 + 0.8 · 3) / 4 = 0.8315
    assert card["score"].tolist() == pytest.approx([(5 / 6) / 0.9, 0.8])
    assert card["passed"].tolist() == [False, False]
    assert summary["score"].iloc[0] == pytest.approx(((5 / 6) / 0.9 + 2.4) / 4)
    # an unmeasurable criterion leaves the denominator; ties go to the larger effect size
    _c, s2 = sp.scorecard({"x": {"known_share": 1.0, "smallest_revenue_share": np.nan, "effect_size": 0.1},
                           "y": {"known_share": 1.0, "smallest_revenue_share": 0.6, "effect_size": 0.3}},
                          _template())
    assert s2["score"].tolist() == [1.0, 1.0] and s2["candidate"].tolist() == ["y", "x"]
    assert s2["criteria"].tolist() == [2, 1]


def test_effect_size_ignores_circular_and_insignificant_measures():
    tests = pd.DataFrame({"measure": ["revenue", "orders", "avg_order"], "p_value": [0.001, 0.01, 0.2],
                          "epsilon2": [0.9, 0.1, 0.5], "circular": [True, False, False]})
    table = pd.DataFrame({"segment": ["a", "b"], "clients": [10, 10], "client_share": [.5, .5],
                          "revenue_share": [.5, .5], "reach_share": [1.0, 1.0]})
    assert sp.criterion_values(table, tests)["effect_size"] == pytest.approx(0.1)
    assert sp.criterion_values(table, tests.assign(p_value=0.5))["effect_size"] == 0.0


# --------------------------------------------------------------------------- strategies
def test_strategies_by_hand():
    labels = sp.segment_labels(_facts(), "segment", _clients())
    table = sp.segment_table(_pnl(), labels, previous=pd.Series({"A": 100.0, "B": 300.0, "D": 200.0}))
    st = sp.segment_strategies(table)
    # reference margin 285/1000 = 0.285; company growth 1000/600 − 1 = 0.667
    # S1: margin 150/550 = 0.273 < ref, growth 0.375 < cut → serve efficiently
    # S2: margin 120/400 = 0.30 ≥ ref, growth 1.0 ≥ cut → invest
    assert st.attrs["margin_ref"] == pytest.approx(0.285) and st.attrs["growth_cut"] == pytest.approx(2 / 3)
    assert dict(zip(st["segment"], st["strategy"], strict=True)) == {S1: "serve_efficiently", S2: "invest"}
    assert dict(zip(sp.segment_strategies(table, growth_cut=0.0)["segment"],
                    sp.segment_strategies(table, growth_cut=0.0)["strategy"], strict=True))[S1] == "improve_margin"
    loss = table.copy()
    loss.loc[0, "profit"] = -5.0
    loss.loc[0, "profit_margin"] = -5 / 550
    # the loss-making segment is now second by profit
    assert sp.segment_strategies(loss, top=2)["strategy"].tolist() == ["invest", "restructure"]
    assert sp.segment_strategies(loss, top=1)["segment"].tolist() == [S2]
    no_cost = table.assign(profit=np.nan, profit_margin=np.nan)
    out = sp.segment_strategies(no_cost)
    assert out["strategy"].isna().all() and out.attrs["missing"] == ["sales.cost"]
    with pytest.raises(ValueError):
        sp.segment_strategies(table, top=0)


# --------------------------------------------------------------------------- the review
def test_review_by_hand(review):
    c = review.candidates.set_index("candidate")
    assert c.loc["industry", "missing"] == "clients.industry" and not c.loc["industry", "available"]
    assert c.loc["needs", "missing"] == "surveys.needs"
    assert c.loc["segment", "segments"] == 2 and c.loc["segment", "known_share"] == pytest.approx(5 / 6)
    assert set(review.tables) == {"segment", "size", "abc", "revenue_band"}
    assert review.window == (pd.Timestamp("2025-01-01"), AS_OF)
    assert len(review.pnl) == 6 and review.missing == ()
    assert set(review.stability["candidate"]) == {"abc", "revenue_band"}
    assert list(review.summary["rank"]) == [1, 2, 3, 4] and review.best == review.summary["candidate"].iloc[0]
    # the segment table in the review is the one by hand (its growth from 2024)
    seg = review.tables["segment"].set_index("segment")
    assert seg.loc[S1, "profit"] == pytest.approx(150) and seg.loc[S1, "growth"] == pytest.approx(0.375)


def test_sales_only_frame_says_what_it_needs():
    sales = _sales()[[C.date, C.client_id, C.revenue]]
    r = sp.review_segmentations(Facts(sales, as_of=AS_OF), template=_template(), rates=RATES, years=1)
    c = r.candidates.set_index("candidate")
    assert set(c.loc[~c["available"], "missing"]) == {"clients", "surveys.needs"}
    assert set(c.loc[c["available"]].index) == {"abc", "rfm", "stage", "revenue_band"}
    assert set(r.missing) == {"clients.manager", "sales.cost"}
    assert all(t["profit"].isna().all() for t in r.tables.values())
    st = sp.segment_strategies(r.tables[r.best])
    rows = v.segment_profit_figures(r, "bg", strategies=st)
    by = {row.label: row for row in rows}
    assert is_missing(by[v.t("segment_profit.kf.top_segment", "bg")].value)
    assert is_missing(by[v.t("segment_profit.kf.restructure", "bg")].value)
    assert not is_missing(by[v.t("segment_profit.kf.best", "bg")].value)
    assert v.t("segment_profit.note.no_cost", "en") in v.review_note(r, "en")


def test_empty_sales_and_one_client():
    empty = sp.review_segmentations(Facts(_sales().iloc[:0]), template=_template())
    assert empty.best is None and "sales" in empty.missing and empty.summary.empty
    assert not empty.candidates["available"].any()
    rows = v.segment_profit_figures(empty, "en")
    assert is_missing(rows[1].value)
    assert v.best_text(empty, "bg") == v.t("segment_profit.best.none", "bg")
    one = _sales().loc[lambda d: d[C.client_id] == "A"]
    r = sp.review_segmentations(Facts(one, as_of=AS_OF), _clients(), template=_template(), rates=RATES,
                                candidates=("segment", "abc"))
    assert r.tables["segment"]["clients"].tolist() == [1]
    assert r.tests["h"].isna().all()


# --------------------------------------------------------------------------- the demo companies
@pytest.fixture(scope="module")
def bg_review(demo_bg_dataset):
    ds = demo_bg_dataset
    return sp.review_segmentations(Facts.of(ds), ds.clients, surveys=ds.surveys, interactions=ds.interactions,
                                   contacts=ds.contacts, currency=ds.currency)


def test_bulgarian_demo_company(bg_review):
    r = bg_review
    c = r.candidates.set_index("candidate")
    assert c["available"].all()  # every candidate, the stated needs from the survey answers too
    known = r.scorecard.set_index(["candidate", "criterion"]).loc[("needs", "measurable"), "value"]
    assert 0.4 < known < 0.9  # the needs are known only for the clients who answered a survey
    assert r.missing == () and r.best is not None
    tests = r.tests.loc[~r.tests["circular"]]
    # the market segment differs clearly in behaviour; the territory does not
    seg = tests.loc[tests["candidate"] == "segment"]
    assert seg["significant"].all() and seg["epsilon2"].max() >= 0.06
    assert not tests.loc[tests["candidate"] == "region", "significant"].any()
    total = r.tables["segment"]["profit"].sum()
    assert total == pytest.approx(r.pnl["profit"].sum())
    assert set(r.stability["candidate"]) == {"abc", "rfm", "stage", "revenue_band"}
    assert r.stability["stay_share"].between(0, 1).all()


def test_russian_demo_company(demo_dataset):
    ds = demo_dataset
    r = sp.review_segmentations(Facts.of(ds), ds.clients, surveys=ds.surveys, interactions=ds.interactions,
                                contacts=ds.contacts, currency=ds.currency)
    assert r.best is not None and "needs" not in r.tables
    assert r.tables["segment"]["profit"].notna().all()
    rows = v.segment_profit_figures(r, "ru", currency="RUB", strategies=sp.segment_strategies(r.tables[r.best]))
    assert not any(is_missing(x.value) for x in rows)


# --------------------------------------------------------------------------- views
_ALLOWED_LATIN = {"ABC", "RFM", "industry", "segment", "size", "region", "needs", "cost", "manager", "contacts"}


def _latin_words(texts) -> set[str]:
    return {w for text in texts for w in re.findall(r"[A-Za-z_]{2,}", str(text))} - _ALLOWED_LATIN


def _all_texts(review, lang):
    st = sp.segment_strategies(review.tables["segment"])
    frames = [v.candidates_table(review, lang), v.scorecard_table(review, lang), v.criteria_table(review.template, lang),
              v.segments_table(review.tables["segment"], "segment", lang),
              v.segments_table(review.tables["revenue_band"], "revenue_band", lang),
              v.tests_table(review.tests, lang), v.stability_table(review, lang),
              v.strategies_table(st, "segment", lang),
              key_figures_table(v.segment_profit_figures(review, lang, strategies=st), lang)]
    texts = [v.review_note(review, lang), v.best_text(review, lang)]
    texts += [v.test_text(review.tests, c, lang) for c in review.tables]
    for f in frames:
        texts += list(f.columns) + [x for col in f.columns for x in f[col]]
    return texts


def test_views_in_bulgarian_have_no_english_word(review):
    assert _latin_words(_all_texts(review, "bg")) == set()


def test_views_in_bulgarian_by_hand(review):
    table = v.segments_table(review.tables["segment"], "segment", "bg")
    assert table[v.t("segment_profit.col.segment", "bg")].tolist() == [S1, S2, "(не е посочен)"]
    assert table[v.t("segment_profit.col.revenue", "bg")].tolist() == ["550\xa0€", "400\xa0€", "50\xa0€"]
    assert table[v.t("segment_profit.col.profit_share", "bg")].tolist()[0] == "52,6%"   # 150 / 285
    assert table[v.t("segment_profit.col.growth", "bg")].tolist() == ["37,5%", "100,0%", "—"]
    band = v.segments_table(review.tables["revenue_band"], "revenue_band", "bg")
    assert "Горна третина по оборот" in band.iloc[:, 0].tolist()
    note = v.review_note(review, "bg")
    assert "6 клиенти" in note and "1.01.2025" in note
    card = v.scorecard_table(review, "bg")
    assert list(card.columns[3:5]) == ["Измеримост", "Значимост"]
    seg_row = card.loc[card[v.t("segment_profit.col.candidate", "bg")] == "По пазарен сегмент"].iloc[0]
    assert seg_row["Измеримост"] == "✗ 83,3%" and seg_row["Значимост"] == "✗ 40,0%"
    assert seg_row[v.t("segment_profit.col.passed", "bg")] == "0 от 2"
    text = v.test_text(review.tests, "revenue_band", "bg")
    assert "Не се брои: оборот за година" in text


def test_views_in_english_by_hand(review):
    table = v.segments_table(review.tables["segment"], "segment", "en", currency="EUR")
    assert table["Revenue"].tolist() == ["€\xa0550", "€\xa0400", "€\xa050"]
    assert table["Client profit"].tolist() == ["€\xa0150", "€\xa0120", "€\xa015"]
    assert v.candidate_label("abc", "en") == "ABC by revenue"
    assert v.strategy_label("invest", "en") == "invest and grow"
    assert v.p_text(0.0004, "en") == "p < 0.001" and v.p_text(0.0421, "en") == "p = 0.042"
    tests = v.tests_table(review.tests, "en", candidate="abc")
    assert tests["Behaviour"].tolist()[0] == "revenue a year *"
    assert "clients.industry" in v.NEEDS


# --------------------------------------------------------------------------- charts
def test_scorecard_and_segment_charts(review):
    ax = ch.plot_scorecard(review, lang="bg")
    marks = [a.get_text() for a in ax.texts if a.get_gid() == "marks"]
    assert len(marks) == len(review.summary) * len(review.template.criteria)
    assert [im for im in ax.images if im.get_gid() == "cells"]
    ax = ch.plot_segments(review.tables["segment"], "segment", lang="bg")
    rev = [p for p in ax.patches if p.get_gid() == "revenue"]
    prof = [p for p in ax.patches if p.get_gid() == "profit"]
    assert [p.get_width() for p in rev] == [550, 400, 50] and [p.get_width() for p in prof] == [150, 120, 15]
    plt.close("all")


def test_behaviour_stability_and_strategy_charts(review):
    labels = review.labels.set_index(C.client_id)["segment"]
    beh = sp.segment_behaviour(review.pnl, labels)
    test = review.tests.loc[(review.tests["candidate"] == "segment") & (review.tests["measure"] == "orders")].iloc[0]
    ax = ch.plot_behaviour(beh, "segment", "orders", test=test, lang="bg")
    assert len([p for p in ax.patches if p.get_gid() == "boxes"]) == 2   # the unknown group is left out
    assert "H = 0,4" in ax.get_title(loc="left") or "H = 0,4" in ax.get_title()
    ax = ch.plot_stability(review.stability, lang="en")
    assert {ln.get_gid() for ln in ax.lines} >= {"line:abc", "line:revenue_band"}
    st = sp.segment_strategies(review.tables["segment"])
    ax = ch.plot_strategies(st, "segment", lang="bg")
    assert {c.get_gid() for c in ax.collections} == {"strategy:serve_efficiently", "strategy:invest"}
    # margins 16 %, 17.5 %, 19 % (within 5 points): ticks every half point need one decimal to stay distinct
    close = pd.DataFrame({"segment": ["a", "b", "c"], "clients": [5, 5, 5], C.revenue: [100.0, 80.0, 60.0],
                          "profit": [16.0, 14.0, 11.4], "profit_share": [0.39, 0.34, 0.27],
                          "profit_margin": [0.16, 0.175, 0.19], "growth": [0.02, 0.10, 0.30],
                          "strategy": pd.array(["serve_efficiently", "defend", "invest"], dtype="string")})
    close.attrs.update(margin_ref=0.17, growth_cut=0.1, missing=[])
    ax = ch.plot_strategies(close, "segment", lang="bg")
    ax.figure.canvas.draw()
    ticks = [x.get_text() for x in ax.get_xticklabels() if x.get_text()]
    assert len(ticks) == len(set(ticks)) and any("," in x for x in ticks)   # "16,5 %", not "16 %" twice
    plt.close("all")


def test_charts_on_empty_results_say_so():
    empty = sp.review_segmentations(Facts(_sales().iloc[:0]), template=_template())
    blank = sp.segment_table(_pnl().iloc[:0], pd.Series(dtype="string"))
    for ax in (ch.plot_scorecard(empty, lang="bg"), ch.plot_segments(blank, "segment", lang="bg"),
               ch.plot_stability(empty.stability, lang="bg"),
               ch.plot_strategies(sp.segment_strategies(blank), "segment", lang="bg"),
               ch.plot_behaviour(sp.segment_behaviour(_pnl().iloc[:0], pd.Series(dtype="string")), "segment",
                                 lang="bg")):
        assert [a for a in ax.texts if a.get_gid() == "empty"]
    plt.close("all")


# --------------------------------------------------------------------------- widget
def test_segmentation_widget(review):
    box = segmentation_explorer(review, candidate="segment", lang="bg")
    assert box.current is review.tables["segment"]
    assert "Автосервизи" in box.table.value and "550" in box.table.value
    box.candidate.value = "abc"
    assert box.current is review.tables["abc"]
    box.measure.value = "avg_order"
    assert v.candidate_label("abc", "bg") in box.summary.value
    assert [o[1] for o in box.candidate.options] == list(review.summary["candidate"])
    plt.close("all")

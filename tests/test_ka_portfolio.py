"""Blocks 7–8 · the key-account portfolio matrix («KAISM») and how many key accounts we need."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import ka_portfolio as kp
from kbcore.analyses.profitability import client_pnl
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.schema import C

AS_OF = "2025-12-31"


def _template(**over):
    """Attractiveness: a (potential, rank, 0.6) + b (growth, rank, 0.4); strength: s (share of wallet, steps)."""
    data = {
        "axes": {
            "attractiveness": {
                "a": {"weight": 0.6, "source": "potential", "scale": "rank"},
                "b": {"weight": 0.4, "source": "growth", "scale": "rank"},
            },
            "strength": {
                "s": {"weight": 1.0, "source": "share_of_wallet",
                      "scale": {"steps": [[0.1, 4], [0.3, 7], [0.5, 10]], "below": 1}},
            },
        },
    }
    data.update(over)
    return data


def _measures(**cols):
    base = {C.client_id: ["A", "B", "C", "D"],
            "potential": [100.0, 200.0, 300.0, 400.0],
            "growth": [0.5, 0.1, 0.1, -0.2],
            "share_of_wallet": [0.6, 0.05, 0.2, 0.3]}
    base.update(cols)
    return pd.DataFrame(base)


# --------------------------------------------------------------------------- scores by hand
def test_scores_by_hand():
    tpl = kp.portfolio_template(_template())
    res = kp.portfolio_scores(_measures(), tpl)
    t = res.table.set_index(C.client_id)
    # a = potential ranked: A 1, B 2, C 3, D 4 of n = 4 → pct 0, 1/3, 2/3, 1 → 1 + 9·pct = 1, 4, 7, 10
    assert t["a"].to_dict() == pytest.approx({"A": 1.0, "B": 4.0, "C": 7.0, "D": 10.0})
    # b = growth ranked: D (−0.2) rank 1; B, C (0.1) tie at ranks 2 and 3 → 2.5; A (0.5) rank 4
    #   pct = (r − 1)/3 → D 0, B 0.5, C 0.5, A 1 → scores 1, 5.5, 5.5, 10
    assert t["b"].to_dict() == pytest.approx({"A": 10.0, "B": 5.5, "C": 5.5, "D": 1.0})
    # attractiveness = 0.6·a + 0.4·b: A 0.6 + 4.0 = 4.6; B 2.4 + 2.2 = 4.6; C 4.2 + 2.2 = 6.4; D 6.0 + 0.4 = 6.4
    assert t["attractiveness"].to_dict() == pytest.approx({"A": 4.6, "B": 4.6, "C": 6.4, "D": 6.4})
    # s = steps: A 0.6 ≥ 0.5 → 10; B 0.05 < 0.1 → below = 1; C 0.2 ≥ 0.1 → 4; D 0.3 = the step 0.3 → 7
    assert t["s"].to_dict() == {"A": 10.0, "B": 1.0, "C": 4.0, "D": 7.0}
    assert t["strength"].to_dict() == {"A": 10.0, "B": 1.0, "C": 4.0, "D": 7.0}
    # cut lines 5/5: A low/high → maintain; B low/low; C high/low; D high/high
    assert t["quadrant"].to_dict() == {"A": "maintain", "B": "manage_for_cash",
                                       "C": "invest_selectively", "D": "invest_for_growth"}
    assert (t["attractiveness_coverage"] == 1.0).all() and (t["strength_coverage"] == 1.0).all()
    # sorted by attractiveness then strength, descending
    assert res.table[C.client_id].tolist() == ["D", "C", "A", "B"]
    cr = res.criteria.set_index("criterion")
    assert cr["weight_share"].to_dict() == pytest.approx({"a": 0.6, "b": 0.4, "s": 1.0})
    assert cr["scored"].tolist() == [4, 4, 4] and res.missing == []
    assert res.horizon_years == 3.0 and res.cut_lines == {"attractiveness": 5.0, "strength": 5.0}


def test_on_the_cut_line_counts_as_high():
    # steps give exact scores: attractiveness = strength = 7 exactly, cut lines at 7 → high/high
    tpl = kp.portfolio_template({
        "axes": {
            "attractiveness": {"v": {"weight": 1, "source": "potential",
                                     "scale": {"steps": [[10, 7], [20, 9]]}}},
            "strength": {"w": {"weight": 1, "source": "share_of_wallet",
                               "scale": {"steps": [[0.3, 7]]}}},
        },
        "cut_lines": {"attractiveness": 7.0, "strength": 7.0},
    })
    m = pd.DataFrame({C.client_id: ["on", "below"], "potential": [10.0, 9.99],
                      "share_of_wallet": [0.3, 0.29]})
    t = kp.portfolio_scores(m, tpl).table.set_index(C.client_id)
    assert t.loc["on", "attractiveness"] == 7.0 and t.loc["on", "strength"] == 7.0
    assert t.loc["on", "quadrant"] == "invest_for_growth"
    assert t.loc["below", "attractiveness"] == 1.0 and t.loc["below", "quadrant"] == "manage_for_cash"


def test_missing_criteria_are_renormalised():
    tpl = kp.portfolio_template(_template())
    m = pd.DataFrame({C.client_id: ["P", "Q", "R"], "potential": [10.0, 20.0, 30.0],
                      "growth": [0.1, np.nan, 0.3], "share_of_wallet": [np.nan] * 3})
    res = kp.portfolio_scores(m, tpl)
    t = res.table.set_index(C.client_id)
    # a: ranks 1, 2, 3 of 3 → 1, 5.5, 10; b among the 2 clients with growth: P 1, R 10
    # P = 0.6·1 + 0.4·1 = 1; Q = a alone (weights renormalised: 0.6/0.6) = 5.5; R = 10
    assert t["attractiveness"].to_dict() == pytest.approx({"P": 1.0, "Q": 5.5, "R": 10.0})
    assert t["attractiveness_coverage"].to_dict() == pytest.approx({"P": 1.0, "Q": 0.6, "R": 1.0})
    # no share of wallet for anyone: strength unknown, quadrant unknown, criterion listed
    assert t["strength"].isna().all() and t["quadrant"].isna().all()
    assert res.missing == ["s"]
    assert res.criteria.set_index("criterion").loc["s", "has_data"] == False  # noqa: E712
    # min_coverage 0.7: Q's attractiveness (coverage 0.6) is not scored
    t2 = kp.portfolio_scores(m, tpl, min_coverage=0.7).table.set_index(C.client_id)
    assert np.isnan(t2.loc["Q", "attractiveness"]) and t2.loc["R", "attractiveness"] == 10.0


def test_one_client_and_ties():
    tpl = kp.portfolio_template(_template())
    one = kp.portfolio_scores(_measures().iloc[[0]], tpl).table
    # one client with the measure: pct = 0.5 → 5.5 on both ranked criteria
    assert one.loc[0, "a"] == 5.5 and one.loc[0, "b"] == 5.5 and one.loc[0, "attractiveness"] == 5.5
    tie = kp.portfolio_scores(_measures(potential=[7.0] * 4), tpl).table
    # all tied: average rank 2.5 of 4 → pct 0.5 → 5.5 each
    assert (tie["a"] == 5.5).all()


def test_manual_scores():
    tpl = kp.portfolio_template({
        "axes": {
            "attractiveness": {"a": {"weight": 0.6, "source": "potential", "scale": "rank"},
                               "fit": {"weight": 0.4, "source": "manual"}},
            "strength": {"s": {"weight": 1, "source": "share_of_wallet",
                               "scale": {"steps": [[0.1, 4]]}}},
        },
    })
    manual = pd.DataFrame({C.client_id: [" A", "B", "X"], "criterion": ["fit", "fit", "fit"],
                           "score": [8, 2, 5]})
    t = kp.portfolio_scores(_measures(), tpl, manual=manual).table.set_index(C.client_id)
    # A: 0.6·1 + 0.4·8 = 3.8; B: 0.6·4 + 0.4·2 = 3.2; C, D without a manual score: a alone = 7, 10
    assert t["attractiveness"].to_dict() == pytest.approx({"A": 3.8, "B": 3.2, "C": 7.0, "D": 10.0})
    assert "X" not in t.index  # a manual score of a client not in the measures is ignored
    # no manual table at all: the criterion has no data and is listed
    assert kp.portfolio_scores(_measures(), tpl).missing == ["fit"]
    with pytest.raises(KBDataError) as err:
        kp.portfolio_scores(_measures(), tpl, manual=manual.assign(score=[11, 2, 5]))
    assert err.value.key == "template.scores_range" and err.value.examples == ["A · fit · 11"]
    assert err.value.message("ru").splitlines() == [
        "Ручные оценки для матрицы ключевых клиентов: некоторые оценки — не числа от 1 до 10.",
        "Столбец: score", "Примеры:", "  A · fit · 11",
        "Что сделать: Впишите для каждого клиента и критерия число от 1 до 10."]
    with pytest.raises(KBDataError) as err:
        kp.portfolio_scores(_measures(), tpl, manual=manual.assign(criterion=["a", "fit", "fit"]))
    assert err.value.key == "template.scores_unknown" and err.value.fields["values"] == "a"
    with pytest.raises(KBDataError) as err:
        kp.portfolio_scores(_measures(), tpl, manual=manual.assign(**{C.client_id: ["A", "A", "B"]}))
    assert err.value.key == "template.scores_twice" and len(err.value.examples) == 2
    with pytest.raises(KBDataError, match="no column score"):
        kp.portfolio_scores(_measures(), tpl, manual=manual.drop(columns="score"))


def test_weights_override():
    tpl = kp.portfolio_template(_template())
    t = kp.portfolio_scores(_measures(), tpl, weights={"a": 0, "b": 2}).table.set_index(C.client_id)
    # only b counts: attractiveness = b's score
    assert t["attractiveness"].to_dict() == pytest.approx({"A": 10.0, "B": 5.5, "C": 5.5, "D": 1.0})
    assert t.loc["A", "quadrant"] == "invest_for_growth"  # 10 / 10 now
    res = kp.portfolio_scores(_measures(), tpl, weights={"a": 1, "b": 1})
    # 0.5·a + 0.5·b: A (1 + 10)/2 = 5.5
    assert res.table.set_index(C.client_id).loc["A", "attractiveness"] == pytest.approx(5.5)
    assert res.criteria.set_index("criterion")["weight_share"].to_dict() == pytest.approx(
        {"a": 0.5, "b": 0.5, "s": 1.0})
    assert tpl.weights == {"a": 0.6, "b": 0.4, "s": 1.0}  # the template is unchanged
    with pytest.raises(ValueError, match="unknown criterion zz"):
        kp.portfolio_scores(_measures(), tpl, weights={"zz": 1})
    with pytest.raises(ValueError, match="all weights of the attractiveness axis are 0"):
        kp.portfolio_scores(_measures(), tpl, weights={"a": 0, "b": 0})
    with pytest.raises(ValueError, match="not a number"):
        kp.portfolio_scores(_measures(), tpl, weights={"a": "heavy"})


# --------------------------------------------------------------------------- the template
def test_default_template_reads_clean():
    tpl = kp.load_portfolio_template()
    assert kp.TEMPLATE.name == "ka_portfolio.yaml" and kp.TEMPLATE.is_file()
    assert tpl.horizon_years == 3.0
    assert tpl.cut_lines == {"attractiveness": 5.0, "strength": 5.0}
    assert tpl.quadrants == {"high_high": "invest_for_growth", "high_low": "invest_selectively",
                             "low_high": "maintain", "low_low": "manage_for_cash"}
    assert {c.axis for c in tpl.criteria} == set(kp.AXES)
    assert all(c.source in kp.MEASURES or c.source == kp.MANUAL for c in tpl.criteria)
    assert any(c.source == kp.MANUAL for c in tpl.criteria)
    assert tpl.file is not None


@pytest.mark.parametrize(
    ("change", "problem", "where"),
    [
        (lambda d: d["axes"]["attractiveness"]["a"].update(weight="abc"),
         "not_number", "axes.attractiveness.a.weight"),
        (lambda d: d["axes"]["attractiveness"]["a"].update(weight=-1),
         "negative", "axes.attractiveness.a.weight"),
        (lambda d: d["axes"]["attractiveness"]["a"].update(source="mood"), "unknown_measure",
         "axes.attractiveness.a.source"),
        (lambda d: d["axes"].update(strength={}), "empty", "axes.strength"),
        (lambda d: d["axes"].pop("strength"), "empty", "axes.strength"),
        (lambda d: d["axes"].update(luck={"x": {}}), "unknown_key", "axes"),
        (lambda d: d["axes"]["attractiveness"]["a"].update(scale="log"), "unknown_scale",
         "axes.attractiveness.a.scale"),
        (lambda d: d["axes"]["attractiveness"]["a"].pop("scale"), "missing_key",
         "axes.attractiveness.a.scale"),
        (lambda d: d["axes"]["strength"]["s"]["scale"].update(steps=[[0.3, 4], [0.1, 7]]),
         "not_ascending", "axes.strength.s.scale.steps"),
        (lambda d: d["axes"]["strength"]["s"]["scale"].update(steps=[[0.3, 12]]),
         "out_of_range", "axes.strength.s.scale.steps[0][1]"),
        (lambda d: d["axes"]["attractiveness"].update(b={"weight": 1, "source": "manual",
                                                          "scale": "rank"}),
         "manual_scale", "axes.attractiveness.b.scale"),
        (lambda d: d["axes"]["attractiveness"].update(a={"weight": 0, "source": "potential",
                                                          "scale": "rank"},
                                                      b={"weight": 0, "source": "growth",
                                                         "scale": "rank"}),
         "weights_zero", "axes.attractiveness"),
        (lambda d: d["axes"]["strength"].update(a={"weight": 1, "source": "csat", "scale": "rank"}),
         "duplicate_id", "axes.strength.a"),
        (lambda d: d["axes"]["strength"].update(quadrant={"weight": 1, "source": "csat",
                                                          "scale": "rank"}),
         "reserved_id", "axes.strength.quadrant"),
        (lambda d: d.update(cut_lines={"attractiveness": 11}), "out_of_range", "cut_lines.attractiveness"),
        (lambda d: d.update(quadrants={"high_high": "x"}), "wrong_shape", "quadrants"),
        (lambda d: d.update(quadrants={k: "same" for k in kp.QUADRANT_KEYS}), "quadrant_ids", "quadrants"),
        (lambda d: d.update(horizon_years=0), "zero", "horizon_years"),
        (lambda d: d.update(colour="red"), "unknown_key", None),
    ],
)
def test_template_validation_errors(change, problem, where):
    data = _template()
    change(data)
    with pytest.raises(KBDataError) as err:
        kp.portfolio_template(data, file="mine.yaml")
    assert isinstance(err.value, ValueError)  # callers catching ValueError still catch it
    assert (err.value.key, err.value.where, err.value.file) == (f"template.{problem}", where, "mine.yaml")
    ru = err.value.message("ru")
    assert ru.startswith("Шаблон матрицы ключевых клиентов: ") and "Что сделать: " in ru


def test_a_bad_weight_in_russian():
    """What a trainer in Ufa sees when a weight is typed with a decimal comma."""
    data = _template()
    data["axes"]["attractiveness"]["a"]["weight"] = "0,6"
    with pytest.raises(KBDataError) as err:
        kp.portfolio_template(data, file="ka_portfolio.yaml")
    assert err.value.message("ru").splitlines() == [
        "Шаблон матрицы ключевых клиентов: «0,6» — не число.",
        "Файл: ka_portfolio.yaml",
        "Ключ: axes.attractiveness.a.weight (вес критерия)",
        "Что сделать: Впишите просто число, например 0.25: дробную часть отделяйте точкой, без пробелов, "
        "единиц измерения и знака процента.",
    ]
    assert str(err.value).startswith("Key-account matrix template: “0,6” is not a number.")


def test_template_file_errors(tmp_path):
    with pytest.raises(KBDataError) as err:
        kp.load_portfolio_template(tmp_path / "nope.yaml")
    assert err.value.key == "template.not_found"
    assert "data/templates/ka_portfolio.yaml" in err.value.message("ru")  # where to start again
    bad = tmp_path / "bad.yaml"
    bad.write_text("axes: [unclosed\n", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        kp.load_portfolio_template(bad)
    assert err.value.key == "template.not_yaml" and err.value.file == str(bad)
    assert str(bad) in str(err.value)
    good = tmp_path / "mine.yaml"
    good.write_text(kp.TEMPLATE.read_text(encoding="utf-8").replace("weight: 0.35", "weight: 0.5", 1),
                    encoding="utf-8")
    assert kp.load_portfolio_template(good).weights["volume"] == 0.5


# --------------------------------------------------------------------------- measures by hand
def _sales(with_cost=True):
    rows = [
        # client X: 2023 (before W₀), W₀ = 2024, W = 2025
        ("2023-06-01", "X", 50.0, 30.0),
        ("2024-03-01", "X", 100.0, 60.0),
        ("2025-05-01", "X", 150.0, 90.0),
        ("2025-02-01", "Y", 200.0, 150.0),  # new in W
        ("2024-07-01", "Z", 80.0, 50.0),  # nothing in W
    ]
    df = pd.DataFrame(rows, columns=[C.date, C.client_id, C.revenue, C.cost])
    df[C.date] = pd.to_datetime(df[C.date])
    df[C.client_id] = df[C.client_id].astype("string")
    return df if with_cost else df.drop(columns=C.cost)


def test_measures_by_hand():
    clients = pd.DataFrame({C.client_id: ["X", "Y", "Z", "W"],
                            C.key_account: pd.array([True, False, False, pd.NA], dtype="boolean"),
                            C.potential: [600.0, np.nan, 400.0, 1000.0]})
    contacts = pd.DataFrame({C.client_id: ["X", "X", "X", "Y", "Z"],
                             C.contact_id: ["c1", "c2", "c3", "c4", "c5"],
                             C.buying_role: ["decision_maker", "buyer", " Buyer", "наблюдатель", "ЛВР / Пользователь"]})
    surveys = pd.DataFrame({C.date: pd.to_datetime(["2025-06-01", "2024-06-01", "2023-07-01",
                                                    "2025-01-01"]),
                            C.client_id: ["X", "X", "X", "Y"], C.csat: [4.0, 2.0, 1.0, 5.0],
                            C.nps: [9.0, 5.0, 0.0, np.nan]})
    pnl = pd.DataFrame({C.client_id: ["X"], "profit": [10.0], "profit_margin": [0.0667]})
    m = kp.portfolio_measures(Facts(_sales()), clients, contacts=contacts, surveys=surveys, pnl=pnl,
                              as_of=AS_OF).set_index(C.client_id)
    assert list(m.index) == ["W", "X", "Y", "Z"]  # the prospect W from the clients table is in
    # W = 2025, W₀ = 2024
    assert m["revenue_12m"].to_dict() == {"W": 0.0, "X": 150.0, "Y": 200.0, "Z": 0.0}
    # growth: X 150/100 − 1 = 0.5; Z 0/80 − 1 = −1; Y and W had nothing in W₀ → NaN
    assert m.loc["X", "growth"] == 0.5 and m.loc["Z", "growth"] == -1.0
    assert m[["growth"]].loc[["W", "Y"]].isna().all().all()
    # margin rate: X (150 − 90)/150 = 0.4; Y 50/200 = 0.25; no revenue in W → NaN
    assert m.loc["X", "margin_rate"] == pytest.approx(0.4) and m.loc["Y", "margin_rate"] == 0.25
    assert np.isnan(m.loc["Z", "margin_rate"])
    # share of wallet: X 150/600 = 0.25; Z, W 0; Y unknown potential → NaN; headroom = potential − revenue
    assert m.loc["X", "share_of_wallet"] == 0.25 and m.loc["W", "share_of_wallet"] == 0.0
    assert np.isnan(m.loc["Y", "share_of_wallet"]) and np.isnan(m.loc["Y", "headroom"])
    assert m["headroom"].drop("Y").to_dict() == {"W": 1000.0, "X": 450.0, "Z": 400.0}
    # tenure: 2023-06-01 → 2025-12-31 = 366 + 365 + 213 = 944 days; / 365.25
    assert m.loc["X", "tenure_years"] == pytest.approx(944 / 365.25)
    assert np.isnan(m.loc["W", "tenure_years"])
    # DMU: X 3 contacts, 2 roles ("buyer" twice, case and spaces ignored); Y 1 contact whose role
    # no table knows (not counted);
    # Z one contact holding two roles in one field (influencer and user, block 10's reading)
    assert m["dmu_contacts"].to_dict() == {"W": 0.0, "X": 3.0, "Y": 1.0, "Z": 1.0}
    assert m["dmu_roles"].to_dict() == {"W": 0.0, "X": 2.0, "Y": 0.0, "Z": 2.0}
    # surveys within 730 days (2024-01-02 … 2025-12-31): X csat (4 + 2)/2 = 3, nps (9 + 5)/2 = 7
    assert m.loc["X", "csat"] == 3.0 and m.loc["X", "nps"] == 7.0 and m.loc["Y", "csat"] == 5.0
    assert np.isnan(m.loc["Y", "nps"]) and np.isnan(m.loc["Z", "csat"])
    assert m.loc["X", "client_profit"] == 10.0 and np.isnan(m.loc["Y", "client_profit"])
    assert m[C.key_account].tolist()[1:3] == [True, False] and pd.isna(m.loc["W", C.key_account])
    assert m.attrs["missing"] == [] and m.attrs["absent"] == []


def test_measures_for_chosen_clients():
    m = kp.portfolio_measures(Facts(_sales()), as_of=AS_OF, client_ids=[" Z", "X", "nobody"])
    # the chosen ids only, sorted; an id without sales is a row of unknowns and zero revenue
    assert m[C.client_id].tolist() == ["X", "Z", "nobody"]
    assert m["revenue_12m"].tolist() == [150.0, 0.0, 0.0]
    assert np.isnan(m.loc[2, "tenure_years"]) and np.isnan(m.loc[2, "growth"])


def test_growth_needs_the_prior_window():
    sales = _sales().loc[lambda d: d[C.date] >= "2025-01-01"]
    m = kp.portfolio_measures(Facts(sales), as_of=AS_OF)
    assert m["growth"].isna().all()
    assert "prior_window" in m.attrs["absent"] and "growth" in m.attrs["missing"]


# --------------------------------------------------------------------------- sales only
def test_sales_only_path():
    facts = Facts(_sales(with_cost=False), as_of=AS_OF)
    m = kp.portfolio_measures(facts)  # as_of from the facts
    assert m[C.client_id].tolist() == ["X", "Y", "Z"]
    assert m.attrs["absent"] == ["clients", "sales.cost", "pnl", "contacts", "surveys"]
    for measure in ("potential", "headroom", "margin_rate", "share_of_wallet", "dmu_contacts",
                    "csat", "client_profit"):
        assert measure in m.attrs["missing"]
        assert m[measure].isna().all()  # unknown, never 0
    assert m[C.key_account].isna().all()
    res = kp.portfolio_scores(m, kp.load_portfolio_template())
    assert set(res.missing) == {"volume", "profitability", "strategic_fit", "share_of_wallet",
                                "dmu_coverage", "satisfaction"}
    assert res.absent == m.attrs["absent"]
    t = res.table.set_index(C.client_id)
    # growth (X 0.5, Z −1) still ranks; tenure still scores: the axes say what the sales allow
    assert t.loc["X", "growth"] == 10.0 and t.loc["Z", "growth"] == 1.0
    assert np.isnan(t.loc["Y", "attractiveness"]) and pd.isna(t.loc["Y", "quadrant"])
    assert t["strength_coverage"].dropna().le(0.15 + 1e-9).all()
    need = kp.key_accounts_needed(m, 1000.0)
    assert need.accounts_needed is None and need.candidates == 0 and need.unknown_headroom == 3
    assert need.missing == ["goal_not_reached", "capacity", "interactions"]
    assert need.curve.empty and list(need.curve.columns) == kp.CURVE_COLUMNS


# --------------------------------------------------------------------------- how many key accounts
_HEADROOM = pd.Series({"A": 100.0, "B": 50.0, "C": 30.0, "D": 20.0, "E": np.nan, "F": -10.0})


def test_key_accounts_needed_by_hand():
    need = kp.key_accounts_needed(_HEADROOM, 170.0, capacity_per_kam=2)
    # sorted A 100, B 50, C 30, D 20 → cumulative 100, 150, 180, 200: 180 ≥ 170 at the 3rd
    assert need.curve[C.client_id].tolist() == ["A", "B", "C", "D"]
    assert need.curve["cum_captured"].tolist() == [100.0, 150.0, 180.0, 200.0]
    assert need.curve["reaches_goal"].tolist() == [False, False, True, True]
    assert need.accounts_needed == 3 and need.candidates == 4 and need.unknown_headroom == 1
    assert need.headroom_total == 200.0
    # capacity 2 accounts per manager → ceil(3 / 2) = 2 managers
    assert need.capacity_source == "parameter" and need.kams_needed == 2
    assert need.within_range is False and need.ka_range == (15, 35) and need.missing == []
    # never reached: 200 < 500
    never = kp.key_accounts_needed(_HEADROOM, 500.0)
    assert never.accounts_needed is None and never.kams_needed is None and never.within_range is None
    assert never.missing == ["goal_not_reached", "capacity", "interactions"]
    # capture 0.5: cumulative 50, 75, 90, 100; goal 90 is reached exactly at the 3rd
    half = kp.key_accounts_needed(_HEADROOM, 90.0, capture=0.5)
    assert half.curve["cum_captured"].tolist() == [50.0, 75.0, 90.0, 100.0] and half.accounts_needed == 3
    # a frame works as well as a Series
    frame = _HEADROOM.rename_axis(C.client_id).rename("headroom").reset_index()
    assert kp.key_accounts_needed(frame, 170.0).accounts_needed == 3
    assert kp.key_accounts_needed(_HEADROOM, np.int64(170)).accounts_needed == 3  # numpy numbers
    with pytest.raises(ValueError, match="goal"):
        kp.key_accounts_needed(_HEADROOM, 0)
    with pytest.raises(ValueError, match="capture"):
        kp.key_accounts_needed(_HEADROOM, 10, capture=1.5)


def test_capacity_from_interactions():
    # in the year to 2025-12-31: key accounts A (6 interactions) and B (4), both by m1; C 10 by m2
    dates = ["2025-03-01"] * 20 + ["2024-12-31"]  # the last one is outside the 365-day window
    clients = ["A"] * 6 + ["B"] * 4 + ["C"] * 10 + ["A"]
    managers = ["m1"] * 10 + ["m2"] * 10 + ["m1"]
    inter = pd.DataFrame({C.date: pd.to_datetime(dates), C.client_id: clients, C.manager: managers})
    need = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=["A", "B"],
                                  capacity_per_kam=99, as_of=AS_OF)
    # per key account: (6 + 4) / 2 = 5 a year; per manager: 20 / 2 = 10 a year → 10 / 5 = 2 accounts
    assert need.ka_interactions_per_year == 5.0 and need.kam_interactions_per_year == 10.0
    assert need.capacity_per_kam == 2.0 and need.capacity_source == "interactions"
    assert need.kams_needed == 2  # ceil(3 / 2)
    assert need.curve[C.key_account].tolist() == [True, True, False, False]
    # no key accounts flagged: the parameter is used
    fallback = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=[],
                                      capacity_per_kam=3)
    assert fallback.capacity_source == "parameter" and fallback.kams_needed == 1
    nothing = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=[])
    assert nothing.capacity_per_kam is None and nothing.missing == ["capacity", "key_accounts"]
    no_manager = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter.drop(columns=C.manager),
                                        key_accounts=["A"])
    assert no_manager.missing == ["capacity", "interactions.manager"]


def test_capacity_counts_only_the_sellers_when_the_staff_is_known():
    # A has 6 records by m1 and 2 by the director d; B 4 by m1; C 10 by m2 (all in the window)
    clients = ["A"] * 6 + ["A"] * 2 + ["B"] * 4 + ["C"] * 10
    managers = ["m1"] * 6 + ["d"] * 2 + ["m1"] * 4 + ["m2"] * 10
    inter = pd.DataFrame({C.date: pd.to_datetime(["2025-03-01"] * 22), C.client_id: clients,
                          C.manager: managers})
    staff = pd.DataFrame({C.person: ["m1", "m2", "d"], C.role: ["manager", "Key_Account_Manager ", "director"]})
    need = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=["A", "B"], as_of=AS_OF,
                                  staff=staff)
    # per key account: (8 + 4) / 2 = 6 a year (the director's meetings are work the account takes);
    # per seller: m1 10, m2 10 → 10 a year (the director's 2 are not a seller's year) → 10 / 6 accounts
    assert need.ka_interactions_per_year == 6.0 and need.kam_interactions_per_year == 10.0
    assert need.capacity_per_kam == pytest.approx(10 / 6)
    # without the staff every person counts: 22 records / 3 people
    plain = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=["A", "B"], as_of=AS_OF)
    assert plain.kam_interactions_per_year == pytest.approx(22 / 3)
    # a 1C export writes positions in words and names with other spacing: the same sellers
    words = pd.DataFrame({C.person: [" M1", "m2", "D"],
                          C.role: ["Менеджер по продажам", "KAM", "Коммерческий директор"]})
    assert kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=["A", "B"], as_of=AS_OF,
                                  staff=words).kam_interactions_per_year == 10.0
    # a staff table without roles cannot tell: everybody counts, as without it
    no_roles = kp.key_accounts_needed(_HEADROOM, 170.0, interactions=inter, key_accounts=["A", "B"], as_of=AS_OF,
                                      staff=staff[[C.person]])
    assert no_roles.kam_interactions_per_year == plain.kam_interactions_per_year


# --------------------------------------------------------------------------- the demo company
def test_demo_smoke(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    pnl = client_pnl(facts, ds.clients, ds.interactions)
    m = kp.portfolio_measures(facts, ds.clients, contacts=ds.contacts, surveys=ds.surveys, pnl=pnl)
    known = set(ds.clients[C.client_id].astype("string").str.strip()) | set(
        ds.sales[C.client_id].astype("string").str.strip())
    assert m[C.client_id].is_unique and set(m[C.client_id]) <= known
    assert m.attrs["absent"] == []
    sow = m["share_of_wallet"].dropna()
    assert len(sow) and (sow >= 0).all()
    assert (m["revenue_12m"] >= 0).all() and (m["dmu_contacts"] >= 0).all()
    assert m["csat"].dropna().between(1, 5).all()
    tpl = kp.load_portfolio_template()
    res = kp.portfolio_scores(m, tpl)
    t = res.table
    assert len(t) == len(m)
    for c in tpl.criteria:
        assert t[c.id].dropna().between(1, 10).all()
    for axis in kp.AXES:
        assert t[axis].dropna().between(1, 10).all()
        assert t[f"{axis}_coverage"].between(0, 1).all()
    assert set(t["quadrant"].dropna()) <= set(tpl.quadrants.values())
    assert t["quadrant"].notna().sum() == (t["attractiveness"].notna() & t["strength"].notna()).sum()
    assert "strategic_fit" in res.missing  # nobody typed manual scores
    assert res.criteria.groupby("axis")["weight_share"].sum().to_numpy() == pytest.approx([1.0, 1.0])
    kas = m.loc[m[C.key_account].fillna(False).astype(bool), C.client_id]
    goal = 0.1 * float(m["revenue_12m"].sum())
    need = kp.key_accounts_needed(m, goal, interactions=ds.interactions, key_accounts=kas)
    cum = need.curve["cum_captured"].to_numpy()
    assert (np.diff(cum) >= 0).all() and (need.curve["headroom"] > 0).all()
    assert need.headroom_total == pytest.approx(cum[-1])
    if need.accounts_needed is not None:
        k = need.accounts_needed
        assert cum[k - 1] >= goal and (k == 1 or cum[k - 2] < goal)
    assert need.capacity_source == "interactions" and need.capacity_per_kam > 0
    assert need.kams_needed == math.ceil(need.accounts_needed / need.capacity_per_kam - 1e-9)


def test_matrix_clients_are_the_active_clients_and_the_key_accounts():
    from kbcore.analyses.ka_portfolio import matrix_clients

    m = pd.DataFrame({"client_id": pd.array(["a", "b", "c", "d"], dtype="string"),
                      "revenue_12m": [10.0, 0.0, -5.0, float("nan")]})
    assert matrix_clients(m)["client_id"].tolist() == ["a"]  # a return or nothing is not a purchase
    assert matrix_clients(m, [" b", "z"])["client_id"].tolist() == ["a", "b"]  # ids compared stripped

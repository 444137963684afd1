"""Topic 4 (program 004) · customer lifetime value: the reading helpers, views, charts and widgets.

The engine's published figures are in tests/test_clv.py; here: the helpers added for reading the
models (hand cases and identities), the views in bg and en, the charts on their artists, the
widgets, and the honest degradation on the Russian demo company and a sales-only frame.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore import clv  # noqa: E402
from kbcore.analyses.profitability import CostToServeRates  # noqa: E402
from kbcore.charts import clv as ch  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.views import clv as v  # noqa: E402
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402
from kbcore.widgets.clv import clv_explorer, value_explorer  # noqa: E402

CDNOW = Path(__file__).parent / "fixtures" / "cdnow"
ZERO = CostToServeRates(per_order=0, per_delivery=0, per_visit=0, credit_rate=0)
BG = clv.BGNBDModel({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, unit="W")
PN = clv.ParetoNBDModel({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}, unit="W")
GG = clv.GammaGammaModel({"p": 6.25, "q": 3.74, "gamma": 15.44})
# Latin words allowed in Bulgarian text: model names, symbols, the package named in the trap note
ALLOWED_LATIN = {"CLV", "BG", "NBD", "Pareto", "Gamma", "lifetimes", "r", "a", "b", "s", "p", "q", "unit"}


def _latin_words(texts) -> set[str]:
    words = set()
    for text in texts:
        words |= set(re.findall(r"[A-Za-z]+", str(text)))
    return words - ALLOWED_LATIN


def _all_text(frame: pd.DataFrame) -> list[str]:
    return list(frame.columns) + [str(x) for x in frame.to_numpy().ravel()]


@pytest.fixture(scope="module")
def cdnow():
    s = pd.read_csv(CDNOW / "cdnow_customers_summary.csv", dtype={"ID": "string"}).rename(columns={"ID": "client_id"})
    s.attrs["unit"] = "W"
    return s


@pytest.fixture(scope="module")
def small():
    """300 simulated BG/NBD clients (ids К000 … in Cyrillic: Bulgarian text has no Latin) of 10–52 weeks, a Gamma-Gamma spend, fitted (a small fitted model)."""
    T = np.random.default_rng(7).integers(10, 53, 300).astype(float)
    s = clv.simulate_bgnbd({"r": 0.5, "alpha": 4.0, "a": 0.8, "b": 2.5}, T, seed=11)
    s["monetary"] = clv.simulate_gamma_gamma({"p": 6.0, "q": 4.0, "gamma": 15.0}, s["frequency"], seed=12)
    s.insert(0, "client_id", pd.array([f"К{i:03d}" for i in range(len(s))], dtype="string"))
    s.attrs["unit"] = "W"
    fits = clv.fit_models(s)
    return s, fits


def _sales(cost=True):
    """A: 2022 revenue 100 cost 60, 2023 revenue 300 cost 100; B: 2023 revenue 50 cost 10;
    C: 2021 revenue 80 cost 20; the data end on 2023-12-31."""
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2021-06-01", "2022-05-01", "2023-05-01", "2023-12-31"]),
        "client_id": pd.array(["C", "A", "A", "B"], dtype="string"),
        "revenue": [80.0, 100.0, 300.0, 50.0],
        "cost": [20.0, 60.0, 100.0, 10.0],
    })
    return frame if cost else frame.drop(columns="cost")


CLIENTS = pd.DataFrame({"client_id": pd.array(["A", "B", "C"], dtype="string"),
                        "name": ["Алфа ООД", "Бета ЕООД", "Вега АД"],
                        "potential": [1000.0, 100.0, 900.0]})


# ---------------------------------------------------------------------------------------------
# The reading helpers of the engine
# ---------------------------------------------------------------------------------------------

def test_purchase_probabilities_by_hand():
    """BG/NBD r = α = a = b = 1, t = 1: P(0) = (α/(α+t))^r = 1/2;
    P(1) = B(1,2)/B(1,1) · Γ(2)/Γ(1) · (1/2)(1/2) + B(2,1)/B(1,1) · [1 − 1/2] = 1/8 + 1/4 = 0.375."""
    m = clv.BGNBDModel({"r": 1.0, "alpha": 1.0, "a": 1.0, "b": 1.0}, unit="W")
    p = clv.purchase_probabilities(m, 1.0, max_frequency=3)
    assert p.loc[0, 0] == pytest.approx(0.5) and p.loc[0, 1] == pytest.approx(0.375)
    assert p.iloc[0].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("model", [BG, PN, clv.ParetoNBDModel({"r": 0.5, "alpha": 5.0, "s": 0.6, "beta": 11.0})])
def test_purchase_probabilities_sum_to_one_and_have_the_model_mean(model):
    """Σ_x P(X(t)=x) = 1 and Σ_x x P(X(t)=x) = E[X(t)] (BG/NBD eq. 9; Pareto/NBD rβ/(α(s−1))[1 − (β/(β+t))^{s−1}])."""
    ts = np.array([1.0, 10.0, 39.0])
    p = clv.purchase_probabilities(model, ts, max_frequency=80).to_numpy()
    assert np.allclose(p.sum(axis=1), 1.0) and p[:, -1].max() < 1e-4
    mean = (p[:, :-1] * np.arange(80)).sum(axis=1)
    if isinstance(model, clv.BGNBDModel):
        exact = np.array([model.expected_purchases_new(t) for t in ts])
    else:
        r, a, s, b = (model.params[k] for k in ("r", "alpha", "s", "beta"))
        exact = r * b / (a * (s - 1)) * (1 - (b / (b + ts)) ** (s - 1))
    assert np.allclose(mean, exact, rtol=2e-3)


def test_purchase_probabilities_agree_with_simulation():
    sim = clv.simulate_pareto_nbd(PN.params, 39.0, n=100_000, seed=5)
    actual = np.bincount(np.minimum(sim["frequency"], 7), minlength=8) / len(sim)
    assert np.allclose(clv.purchase_probabilities(PN, 39.0).to_numpy()[0], actual, atol=0.005)


def test_expected_repeat_counts_on_cdnow(cdnow):
    """Fader, Hardie & Lee (2005), fig. 2: 1,411 clients without a repeat purchase, the model ≈ 1,408."""
    m = clv.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"], unit="W")
    c = clv.expected_repeat_counts(m, cdnow["frequency"], cdnow["T"])
    assert c["actual"].tolist() == [1411, 439, 214, 100, 62, 38, 29, 64]
    assert c["expected"].sum() == pytest.approx(2357)
    assert c.loc[0, "expected"] == pytest.approx(1411, rel=0.01)
    assert c.attrs["open_ended"] and c.attrs["model"] == "BG/NBD"


def test_p_alive_matrix():
    mat = clv.p_alive_matrix(BG, 38.86, max_frequency=4, points=5)
    assert mat.shape == (5, 5) and mat.loc[0, 0.0] == 1.0 and mat.loc[0].iloc[1:].isna().all()
    assert mat.loc[2].iloc[-1] == pytest.approx(BG.p_alive(2, 38.86, 38.86))
    assert mat.attrs["unit"] == "W"


def test_fit_models_keeps_the_error_of_a_model_that_cannot_be_fitted():
    s = pd.DataFrame({"client_id": ["A", "B", "C"], "frequency": [1, 0, 0], "recency": [2.0, 0, 0],
                      "T": [5.0, 5.0, 3.0], "monetary": [10.0, 0, 0]})
    s.attrs["unit"] = "W"
    fits = clv.fit_models(s)
    assert fits.bgnbd is None and fits.pareto_nbd is None and fits.gamma_gamma is None
    assert {e.key for e in fits.errors.values()} == {"clv.too_few_repeat"}
    assert fits.purchase_model() is None and fits.unit == "W"


def test_client_clv_agrees_with_the_engine(cdnow):
    """The customer x = 2, tₓ = 30.43, T = 38.86: the CLV of the table is customer_lifetime_value's."""
    one = pd.DataFrame({"client_id": ["X"], "frequency": [2], "recency": [30.43], "T": [38.86],
                        "monetary": [22.35]})
    tab = clv.client_clv(one, BG, GG, horizon=12, step="M", discount_rate=0.01, discount_period="M", margin=0.5)
    direct = clv.customer_lifetime_value(BG, 2, 30.43, 38.86, 22.35, spend_model=GG, horizon=12, step="M",
                                         discount_rate=0.01, discount_period="M", margin=0.5)
    assert tab.loc[0, "clv"] == pytest.approx(direct, rel=1e-12)
    assert tab.loc[0, "p_alive"] == pytest.approx(0.7266, abs=1e-4)
    assert tab.loc[0, "expected_purchases"] == pytest.approx(BG.expected_purchases(365.25 / 7, 2, 30.43, 38.86))
    assert tab.attrs["unit"] == "W" and tab.attrs["spend"] == "model" and tab.attrs["margin"] == 0.5
    observed = clv.client_clv(one, BG)  # no spend model: the observed mean
    assert observed.loc[0, "expected_spend"] == 22.35 and observed.attrs["spend"] == "observed"
    bad = clv.client_clv(one.assign(frequency=[0], recency=[0.0]),
                         BG, clv.GammaGammaModel({"p": 1.0, "q": 0.5, "gamma": 10.0}))
    assert np.isnan(bad.loc[0, "clv"])  # p·0 + q − 1 < 0: no spend, no CLV (never a negative one)


def test_at_risk_clients_by_hand():
    """Past values 400, 300, 200, 100 → the 75 % quantile is 325: only A (400) is high-value;
    A's P(alive) 0.2 < 0.5 → at risk. B has P 0.1 but a value below the cut."""
    tab = pd.DataFrame({"client_id": ["A", "B", "C", "D"], "frequency": [4, 3, 2, 1], "monetary": [100.0] * 4,
                        "recency": [1.0] * 4, "T": [9.0] * 4, "p_alive": [0.2, 0.1, 0.9, 0.9],
                        "clv": [1.0, 2.0, 3.0, 4.0]})
    r = clv.at_risk_clients(tab)
    assert r["client_id"].tolist() == ["A"] and r.attrs["value_cut"] == pytest.approx(325)
    assert r.attrs["value_source"] == "repeat_purchases"
    w = pd.DataFrame({"client_id": ["A", "B", "C", "D"], "weighted_value": [1.0, 50.0, 2.0, 3.0]})
    assert clv.at_risk_clients(tab, w)["client_id"].tolist() == ["B"]


def test_value_trend_by_hand():
    """Years 2021–2023. A 100, 200, 300: slope 100, mean 200 → +50 % a year, rising;
    B 0, 0, 600: slope 300, mean 200, rising; C 300, 200, 100 falling; D 200, 210, 200 stable (slope 0)."""
    y = pd.DataFrame({"client_id": ["A"] * 3 + ["B"] + ["C"] * 3 + ["D"] * 3,
                      "year": [2021, 2022, 2023, 2023, 2021, 2022, 2023, 2021, 2022, 2023],
                      "value": [100.0, 200, 300, 600, 300, 200, 100, 200, 210, 200]})
    y.attrs["years"] = [2021, 2022, 2023]
    tr = clv.value_trend(y).set_index("client_id")
    assert tr.loc["A", "slope"] == pytest.approx(100) and tr.loc["A", "rel_slope"] == pytest.approx(0.5)
    assert tr.loc["B", "slope"] == pytest.approx(300)
    assert tr["trend"].tolist() == ["rising", "rising", "falling", "stable"]


def test_map_cells_by_hand():
    values = pd.DataFrame({"client_id": ["A", "B", "C", "D", "E"],
                           "weighted_value": [400.0, 300.0, 200.0, 100.0, 250.0]})
    pot = pd.DataFrame({"client_id": ["A", "B", "C", "D", "E"], "potential": [1000.0, 100.0, 900.0, 50.0, np.nan]})
    cells = clv.map_cells(clv.value_potential_map(values, pot, value_cut=250, potential_cut=500))
    assert cells["action"].tolist() == ["develop", "retain", "invest", "reduce_cost"]
    assert cells["clients"].tolist() == [1, 1, 1, 1] and cells.attrs["unplaced"] == 1
    assert cells["weighted_value"].tolist() == [400, 300, 200, 100]


def test_model_comparison(small):
    s, fits = small
    comp = clv.model_comparison(fits, s)
    assert comp["model"].tolist() == ["bgnbd", "pareto_nbd"] and comp["fitted"].all()
    assert comp.attrs["best"] == comp.loc[comp["loglik"].idxmax(), "model"]
    e = fits.bgnbd.expected_purchases(365.25 / 7, s["frequency"], s["recency"], s["T"]).sum()
    assert comp.loc[0, "expected_purchases"] == pytest.approx(e)


# ---------------------------------------------------------------------------------------------
# Views in bg and en
# ---------------------------------------------------------------------------------------------

def test_seminar_views_in_bg_and_en():
    """Profit (rates 0): A 2022 40, 2023 200; B 2023 40; C 2021 60. Weights (1, 1, 2) over 2021–2023:
    A = (0 + 40 + 400)/4 = 110, B = 80/4 = 20, C = 60/4 = 15."""
    yearly = clv.client_yearly_value(Facts(_sales()), years=3, rates=ZERO)
    w = clv.weighted_client_value(yearly, weights=(1, 1, 2))
    tr = clv.value_trend(yearly)
    assert w.set_index("client_id")["weighted_value"].to_dict() == pytest.approx({"A": 110, "B": 20, "C": 15})
    bg = v.top_clients_table(w, tr, "bg", clients=CLIENTS)
    assert list(bg.columns)[:3] == ["№", "Клиент", "Години с покупки"]
    assert bg.iloc[0, 1] == "Алфа ООД" and bg.iloc[0, 5] == "110\xa0€" and bg.iloc[0, 7] == "↑ расте"
    en = v.top_clients_table(w, tr, "en", clients=CLIENTS)
    assert en.iloc[0, 5] == "€110.00" or en.iloc[0, 5].replace("\xa0", "") in ("€110", "EUR110")
    assert v.weights_table(w, "bg").iloc[:, 1].tolist() == ["25,0%", "25,0%", "50,0%"]
    wide = v.yearly_table(yearly, w, "bg", clients=CLIENTS)
    assert list(wide.columns) == ["Клиент", "2021", "2022", "2023", "Претеглена годишна стойност"]
    assert wide.iloc[0].tolist() == ["Алфа ООД", "—", "40\xa0€", "200\xa0€", "110\xa0€"]
    text = v.client_value_text(w, "A", "bg", trend=tr, clients=CLIENTS)
    assert "Алфа ООД" in text and "110\xa0€" in text and "3 години" in text
    assert "110" in v.client_value_text(w, "A", "en", clients=CLIENTS)
    assert v.measure_note(yearly, "bg").startswith("Годишната стойност е печалбата")
    vmap = clv.value_potential_map(w, CLIENTS)
    cells = v.map_table(clv.map_cells(vmap), "bg")
    assert cells.iloc[0, 0] == "стойност висока, потенциал висок" and cells.iloc[0, 3] == "1 клиент"
    for frame in (bg, wide, cells, v.map_clients_table(vmap, "develop", "bg", clients=CLIENTS)):
        assert not _latin_words(_all_text(frame)), _latin_words(_all_text(frame))
    assert not _latin_words([text, v.measure_note(yearly, "bg")])


def test_money_is_written_bulgarian_style():
    """Yearly values in whole euros; the value of one purchase with cents."""
    w = pd.DataFrame({"client_id": ["A"], "years_active": [5], "mean_value": [1234.5], "last_value": [1234.5],
                      "weighted_value": [1234.4]})
    w.attrs["weights"] = {2025: 1.0}
    assert v.top_clients_table(w, None, "bg").iloc[0, 5] == "1\xa0234\xa0€"
    tab = pd.DataFrame({"client_id": ["A"], "frequency": [3.0], "T": [10.0], "p_alive": [0.5],
                        "expected_purchases": [1.25], "expected_spend": [1234.5], "clv": [5000.0]})
    tab.attrs["unit"] = "W"
    row = v.clv_table(tab, "bg").iloc[0].tolist()
    assert row == ["1", "A", "3", "10 седмици", "50%", "1,25", "1\xa0234,50\xa0€", "5000\xa0€"] or \
        row[6] == "1\xa0234,50\xa0€"


def test_revenue_when_cost_is_missing_is_said():
    yearly = clv.client_yearly_value(Facts(_sales(cost=False)), years=3, rates=ZERO)
    note = v.measure_note(yearly, "bg")
    assert "оборотът, а не печалбата" in note and "себестойността" in note
    w = clv.weighted_client_value(yearly)
    assert "оборот" in v.client_value_text(w, "A", "bg")
    figs = v.clv_figures(w, "en")
    assert figs[0].label.startswith("Weighted yearly revenue") and figs[0].needs == "sales.cost"


def test_model_views_in_bg_and_en(small):
    s, fits = small
    tab = clv.client_clv(s, fits.bgnbd, fits.gamma_gamma, horizon=36, step="M", margin=0.25)
    risky = clv.at_risk_clients(tab, p_alive_below=0.6, value_quantile=0.5)
    comp = clv.model_comparison(fits, s)
    counts = clv.expected_repeat_counts(fits.bgnbd, s["frequency"], s["T"])
    for lang in ("bg", "en"):
        ft = v.fit_table(fits, lang)
        assert len(ft) == 8 + 8 + 5
        assert v.fit_table(fits, lang).iloc[0, 2] == v._num(fits.bgnbd.params["r"], lang, 3)
        settings = v.clv_settings_text(tab, lang)
        ct = v.clv_table(tab, lang, top=5)
        at = v.at_risk_table(risky, lang)
        cmp_ = v.comparison_table(comp, lang, fits=fits)
        rf = v.repeat_fit_table(counts, lang)
        kf = key_figures_table(v.clv_figures(None, lang, fits=fits, table=tab, risky=risky), lang)
        assert len(ct) == 5 and len(at) == min(len(risky), 20) and len(cmp_) == 2 and len(rf) == 8
        assert not any(is_missing(x) for x in kf.iloc[:, 1])
        if lang == "bg":
            assert "36 месеца" in settings and "10,0% на година" in settings and "25%" in settings
            assert "1 седмица" in settings
            assert rf.iloc[-1, 0] == "7 и повече"
            for frame in (ft, ct, at, cmp_, rf, kf):
                assert not _latin_words(_all_text(frame)), _latin_words(_all_text(frame))
            assert not _latin_words([settings, v.comparison_text(comp, lang), v.time_unit_note("W", lang)])
        else:
            assert "36 months" in settings and "10.0% a year" in settings and "0.797% a month" in settings
    assert "lifetimes" in v.time_unit_note(None, "en")


def test_a_model_that_cannot_be_fitted_is_shown_as_missing():
    s = pd.DataFrame({"client_id": ["A", "B"], "frequency": [1, 0], "recency": [2.0, 0], "T": [5.0, 5.0],
                      "monetary": [10.0, 0]})
    s.attrs["unit"] = "W"
    fits = clv.fit_models(s)
    for lang in ("bg", "en"):
        ft = v.fit_table(fits, lang)
        assert len(ft) == 3 and all(is_missing(x) for x in ft.iloc[:, 2])
        assert "1" in ft.iloc[0, 2] and ("10" in ft.iloc[0, 2])  # 1 repeat buyer, at least 10 needed
        comp = clv.model_comparison(fits, s)
        assert all(is_missing(x) for x in v.comparison_table(comp, lang, fits=fits).iloc[:, 1])
        kf = v.clv_figures(None, lang, fits=fits)
        assert all(is_missing(f.value) for f in kf)
    assert v.comparison_text(clv.model_comparison(fits, s), "bg").startswith("Построен е само един")


# ---------------------------------------------------------------------------------------------
# Charts on their artists
# ---------------------------------------------------------------------------------------------

def _gids(ax):
    return {a.get_gid() for a in ax.get_children() if a.get_gid()} | \
        {p.get_gid() for p in ax.patches if p.get_gid()}


def test_charts_draw_their_artists(small):
    s, fits = small
    yearly = clv.client_yearly_value(Facts(_sales()), years=3, rates=ZERO)
    w = clv.weighted_client_value(yearly)
    ax = ch.plot_yearly_values(yearly, w, clients=CLIENTS, lang="bg")
    assert {"client:A", "client:B", "client:C"} <= _gids(ax)
    assert list(ax.get_lines()[0].get_ydata()) == [0.0, 40.0, 200.0]
    vmap = clv.value_potential_map(w, CLIENTS)
    ax = ch.plot_value_map(vmap, lang="bg")
    assert {"value_cut", "potential_cut"} <= _gids(ax) and any(g.startswith("action:") for g in _gids(ax))
    ax = ch.plot_value_map(clv.value_potential_map(w), lang="en")
    assert "empty" in _gids(ax)
    ax = ch.plot_p_alive_matrix(clv.p_alive_matrix(fits.bgnbd, float(s["T"].max()), max_frequency=10), lang="bg")
    assert "matrix" in _gids(ax) and "седмици" in ax.get_xlabel()
    tab = clv.client_clv(s, fits.bgnbd, fits.gamma_gamma)
    ax = ch.plot_clv_distribution(tab, lang="bg")
    assert "bars" in _gids(ax) and "median" in _gids(ax) and ax.get_xscale() == "log"
    counts = clv.expected_repeat_counts(fits.bgnbd, s["frequency"], s["T"])
    ax = ch.plot_repeat_fit(counts, lang="bg")
    bars = [p for p in ax.patches if p.get_gid() == "actual"]
    assert [b.get_height() for b in bars] == counts["actual"].tolist()
    assert ax.get_xticklabels()[-1].get_text() == "7 и повече"
    plt.close("all")


# ---------------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------------

def test_widgets_build_and_recompute(small):
    yearly = clv.client_yearly_value(Facts(_sales()), years=3, rates=ZERO)
    box = value_explorer(yearly, CLIENTS, lang="bg")
    assert len(box.sliders) == 3 and box.current is not None
    box.sliders[0].value, box.sliders[1].value, box.sliders[2].value = 0.5, 0.5, 1.0  # = (1, 1, 2)
    assert box.current.set_index("client_id").loc["A", "weighted_value"] == pytest.approx(110)
    assert box.map["action"].notna().all()
    s, fits = small
    c = clv_explorer(s, fits.bgnbd, fits.gamma_gamma, lang="en", horizon=12)
    before = c.current["clv"].sum()
    c.rate.value = 0.25
    assert c.current["clv"].sum() < before and c.current.attrs["discount_rate"] == 0.25
    c.horizon.value = 24
    assert c.current.attrs["horizon"] == 24 and "24 months" in c.summary.value
    plt.close("all")


# ---------------------------------------------------------------------------------------------
# Degrading honestly: the Russian demo company, a sales-only frame
# ---------------------------------------------------------------------------------------------

def test_sales_only_frame_degrades_honestly():
    rng = np.random.default_rng(3)
    n = 400
    frame = pd.DataFrame({"date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1095, n), "D"),
                          "client_id": pd.array([f"C{i}" for i in rng.integers(0, 40, n)], dtype="string"),
                          "revenue": rng.gamma(2.0, 100.0, n)})
    facts = Facts(frame)
    yearly = clv.client_yearly_value(facts)
    assert yearly.attrs["measure"] == "revenue"
    w = clv.weighted_client_value(yearly)
    vmap = clv.value_potential_map(w, None)
    s = clv.clv_summary(facts, unit="W")
    fits = clv.fit_models(s)
    kf = v.clv_figures(w, "bg", value_map=vmap, fits=fits)
    needs = {f.needs: f.value for f in kf}
    assert is_missing(needs["clients.potential"]) and not is_missing(kf[0].value)
    assert "оборот" in v.measure_note(yearly, "bg")
    assert "empty" in _gids(ch.plot_value_map(vmap, lang="bg"))
    plt.close("all")


def test_russian_demo_company():
    import kbcore

    ds = kbcore.load(None)
    facts = Facts.of(ds)
    yearly = clv.client_yearly_value(facts, ds.clients)
    w = clv.weighted_client_value(yearly)
    vmap = clv.value_potential_map(w, ds.clients)
    s = clv.clv_summary(facts, unit="W")
    fits = clv.fit_models(s, models=("bgnbd", "gamma_gamma"))
    assert fits.bgnbd is not None
    tab = clv.client_clv(s, fits.bgnbd, fits.gamma_gamma)
    kf = v.clv_figures(w, "ru", currency="RUB", value_map=vmap, fits=fits, table=tab,
                       risky=clv.at_risk_clients(tab, w))
    assert not any(is_missing(f.value) for f in kf)
    assert "₽" in v.top_clients_table(w, clv.value_trend(yearly), "ru", clients=ds.clients, currency="RUB").iloc[0, 5]


def test_at_risk_text_by_hand():
    """The case of test_at_risk_clients_by_hand with the weighted values 1, 50, 2, 3: sorted 1, 2, 3, 50,
    the 75 % quantile at position 0.75·3 = 2.25 → 3 + 0.25·(50 − 3) = 14.75; B (50, P 0.1) is at risk."""
    tab = pd.DataFrame({"client_id": ["A", "B", "C", "D"], "frequency": [4, 3, 2, 1], "monetary": [100.0] * 4,
                        "recency": [1.0] * 4, "T": [9.0] * 4, "p_alive": [0.2, 0.1, 0.9, 0.9],
                        "clv": [1.0, 2.0, 3.0, 4.0]})
    w = pd.DataFrame({"client_id": ["A", "B", "C", "D"], "weighted_value": [1.0, 50.0, 2.0, 3.0]})
    risky = clv.at_risk_clients(tab, w)
    assert risky.attrs["value_cut"] == pytest.approx(14.75)
    bg = v.at_risk_text(risky, "bg", currency="EUR")
    assert "първите 25%" in bg and "под 50%" in bg and "1 клиент, общо 50\xa0€ годишно" in bg
    assert "(15\xa0€ и повече)" in bg and not _latin_words([bg])
    en = v.at_risk_text(risky, "en", currency="EUR")
    assert en.startswith("Clients among the top 25%") and en.endswith("1 client, together €\xa050 a year.")
    # the repeat purchases' value is not a yearly value; nobody at risk says so
    assert "a year" not in v.at_risk_text(clv.at_risk_clients(tab), "en")
    none = clv.at_risk_clients(tab, w, p_alive_below=0.05)
    assert len(none) == 0 and v.at_risk_text(none, "en").startswith("No client among the top 25%")


def test_chart_labels_do_not_run_into_each_other(small):
    """A value map with a negative value is drawn on a symlog x axis: inside its linear band only 0 is
    labelled; with many classes the fit check writes its open class on two lines."""
    s, fits = small
    values = pd.Series([-500.0, 50.0, 80.0, 2000.0, 30000.0], index=["A", "B", "C", "D", "E"])
    potential = pd.Series([100.0, 1000.0, 10.0, 5000.0, 200.0], index=["A", "B", "C", "D", "E"])
    ax = ch.plot_value_map(clv.value_potential_map(values, potential), lang="bg")
    assert ax.get_xscale() == "symlog"
    linthresh = ax.xaxis.get_transform().linthresh  # the median |value|: 500
    ax.figure.canvas.draw()
    labelled = {round(t.get_position()[0]): t.get_text() for t in ax.get_xticklabels() if t.get_text()}
    assert labelled and all(abs(v) >= 1.5 * linthresh or v == 0 for v in labelled)
    counts = clv.expected_repeat_counts(fits.bgnbd, s["frequency"], s["T"], max_frequency=12)
    ax = ch.plot_repeat_fit(counts, lang="bg")
    assert ax.get_xticklabels()[-1].get_text() == "12\nи повече" and ax.get_xticklabels()[-2].get_text() == "11"
    plt.close("all")


def test_purchase_probabilities_of_a_barely_identified_pareto_fit_do_not_overflow():
    """The Pareto/NBD fitted on the sales-only export (30 clients of 10–13 repeat purchases) has parameters
    of millions: α^r alone overflows a float. The probabilities come from logs, no OverflowError, and they
    agree with the same formula at moderate parameters (the published CDNOW model, P(X(t)=x) summing to 1)."""
    huge = clv.ParetoNBDModel({"r": 3956807.64, "alpha": 15852258.03, "s": 239582.54, "beta": 15854664.97},
                              unit="W")
    probs = clv.purchase_probabilities(huge, [43.3, 100.0, 155.7], max_frequency=20)
    assert probs.shape == (3, 21) and ((probs.fillna(0) >= 0) & (probs.fillna(0) <= 1)).all().all()
    counts = clv.expected_repeat_counts(huge, [10, 12, 13], [43.3, 100.0, 155.7], max_frequency=20)
    assert len(counts) == 21
    moderate = clv.purchase_probabilities(PN, [10.0, 39.0], max_frequency=40).to_numpy()
    assert moderate.sum(axis=1) == pytest.approx([1.0, 1.0], abs=1e-9) and (moderate[:, -1] < 1e-3).all()


def test_the_key_figures_name_the_model_the_clv_was_computed_with(small):
    _s, fits = small
    default = {f.label: f.value for f in v.clv_figures(fits=fits, lang="en")}
    chosen = {f.label: f.value for f in v.clv_figures(fits=fits, lang="en", model=fits.pareto_nbd)}
    label = next(iter(default))
    assert "BG/NBD" in default[label] and "Pareto/NBD" in chosen[label]


def test_the_yearly_lines_of_up_to_ten_clients_have_distinct_colours():
    yearly = pd.DataFrame({"client_id": pd.array([f"К{i}" for i in range(8) for _ in range(3)], dtype="string"),
                           "year": [2023, 2024, 2025] * 8, "revenue": 1.0, "profit": 1.0,
                           "value": [float(i + y) for i in range(8) for y in range(3)]})
    weighted = clv.weighted_client_value(yearly)
    ax = ch.plot_yearly_values(yearly, weighted, top=8, lang="bg")
    colours = [line.get_color() for line in ax.get_lines() if str(line.get_gid()).startswith("client:")]
    assert len(colours) == 8 and len(set(colours)) == 8
    plt.close("all")


def test_a_model_that_finds_no_difference_between_clients_says_so():
    """Pareto/NBD on a few similar clients sends r and α off together (the sales-only export gives
    r ≈ 4·10⁶, α ≈ 1.6·10⁷): only their ratio is an estimate, and the fit table says which one."""
    from kbcore.analyses.clv import (
        BGNBDModel,
        ClvFits,
        GammaGammaModel,
        ParetoNBDModel,
        homogeneous,
    )
    from kbcore.views.clv import fit_table

    flat = ParetoNBDModel({"r": 4e6, "alpha": 1.6e7, "s": 0.6, "beta": 11.0}, loglik=-50.0, unit="W",
                          clients=30, repeat_buyers=30)
    assert homogeneous(flat) == ["purchase"]
    # CDNOW's published fits differ between clients in everything
    assert homogeneous(ParetoNBDModel({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669})) == []
    assert homogeneous(BGNBDModel({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})) == []
    assert homogeneous(BGNBDModel({"r": 0.243, "alpha": 4.414, "a": 9e3, "b": 2e3})) == ["dropout"]
    assert homogeneous(GammaGammaModel({"p": 6.25, "q": 2e4, "gamma": 15.44})) == ["spend"]
    table = fit_table(ClvFits(bgnbd=None, pareto_nbd=flat, gamma_gamma=None, errors={}, unit="W"), "en")
    warned = table.loc[table.iloc[:, 1] == "⚠"]
    assert len(warned) == 1
    assert warned.iloc[0, 2] == "0.250"  # r/α = 4e6 / 1.6e7 purchases a week
    assert "no difference between the clients in how often they buy" in warned.iloc[0, 3]

"""Topic 4 (program 004) · customer lifetime value: published CDNOW figures, hand cases, units, errors.

The CDNOW sample (tests/fixtures/cdnow/, see its README): 2,357 customers, calibration weeks 1–39
(1997-01-01 … 1997-09-30). The published figures reproduced here:

- BG/NBD (Fader, Hardie & Lee 2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4;
  for the customer x = 2, tₓ = 30.43, T = 38.86: E[Y(39)] = 1.226 and P(alive) = 0.7266 (both
  BG/NBD figures; the Pareto/NBD gives 1.455 and 0.8691 for that customer).
- Pareto/NBD (Fader & Hardie 2005 note): r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
- Gamma-Gamma (Fader & Hardie 2013 note) on the 946 repeat buyers: p = 6.25, q = 3.74, γ = 15.44.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kbcore import clv
from kbcore.analyses.profitability import CostToServeRates
from kbcore.errors import KBDataError
from kbcore.facts import Facts

CDNOW = Path(__file__).parent / "fixtures" / "cdnow"
ZERO = CostToServeRates(per_order=0, per_delivery=0, per_visit=0, credit_rate=0)


@pytest.fixture(scope="module")
def cdnow():
    """The published summary (ID, frequency, recency, T; monetary = Hardie's zbar, rounded to cents)."""
    return pd.read_csv(CDNOW / "cdnow_customers_summary.csv", dtype={"ID": "string"})


@pytest.fixture(scope="module")
def cdnow_lines():
    """The raw transactions: customer id, sample id, date, CDs bought, dollar value."""
    lines = pd.read_csv(CDNOW / "CDNOW_sample.txt", sep=r"\s+", header=None,
                        names=["master_id", "client_id", "date", "cds", "revenue"],
                        dtype={"date": "string"})  # client_id 0001 … read as a number: "1"
    lines["date"] = pd.to_datetime(lines["date"], format="%Y%m%d")
    return lines


@pytest.fixture(scope="module")
def cdnow_summary(cdnow_lines):
    """frequency, recency, T, monetary from the raw lines, weeks, at the end of week 39."""
    return clv.clv_summary(cdnow_lines, unit="W", end="1997-09-30")


@pytest.fixture(scope="module")
def bgnbd(cdnow):
    return clv.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"], unit="W")


@pytest.fixture(scope="module")
def pareto(cdnow):
    return clv.fit_pareto_nbd(cdnow["frequency"], cdnow["recency"], cdnow["T"], unit="W")


# ---------------------------------------------------------------------------------------------
# The published CDNOW figures
# ---------------------------------------------------------------------------------------------

def test_bgnbd_reproduces_the_published_cdnow_fit(bgnbd):
    p = bgnbd.params
    assert (round(p["r"], 3), round(p["alpha"], 3), round(p["a"], 3), round(p["b"], 3)) == (
        0.243, 4.414, 0.793, 2.426)
    assert round(bgnbd.loglik, 1) == -9582.4
    assert bgnbd.unit == "W"
    assert bgnbd.clients == 2357 and bgnbd.repeat_buyers == 946


def test_bgnbd_customer_x2_expected_purchases_and_p_alive(bgnbd):
    """The issue's customer: 1.226 purchases in the next 39 weeks, P(alive) 0.7266 — both BG/NBD."""
    assert round(bgnbd.expected_purchases(39, 2, 30.43, 38.86), 3) == 1.226
    assert round(bgnbd.p_alive(2, 30.43, 38.86), 4) == 0.7266


def test_bgnbd_published_parameters_give_the_published_figures():
    """The same figures from the published parameters themselves (a model built from params)."""
    m = clv.BGNBDModel({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, unit="W")
    assert round(m.expected_purchases(39, 2, 30.43, 38.86), 3) == 1.226
    assert round(m.p_alive(2, 30.43, 38.86), 4) == 0.7266
    assert m.p_alive(0, 0, 38.86) == 1.0  # BG/NBD: no repeat purchase, no chance to have left


def test_pareto_nbd_reproduces_the_published_cdnow_fit(pareto, cdnow):
    p = pareto.params
    assert (round(p["r"], 3), round(p["alpha"], 3), round(p["s"], 3)) == (0.553, 10.578, 0.606)
    # β: the maximum of the likelihood is at 11.668 (profile likelihood: ln L(11.6679) =
    # −9594.97392983, ln L(11.669) = −9594.97392984 with r, α, s re-optimised; the surface is
    # flat to 1e-8 there). The published 11.669 is one unit of the last digit off, within what
    # a spreadsheet solver stops at; tolerance: 1.5 units of the last digit.
    assert p["beta"] == pytest.approx(11.669, abs=0.0015)
    assert round(p["beta"], 2) == 11.67
    assert round(pareto.loglik, 1) == -9595.0
    assert clv.ParetoNBDModel(p).loglik_of(cdnow["frequency"], cdnow["recency"], cdnow["T"]) == \
        pytest.approx(pareto.loglik, abs=1e-6)


def test_pareto_nbd_customer_x2(pareto):
    assert round(pareto.p_alive(2, 30.43, 38.86), 4) == 0.8691
    assert round(pareto.expected_purchases(39, 2, 30.43, 38.86), 3) == 1.455
    assert 0 < pareto.p_alive(0, 0, 38.86) < 1  # Pareto/NBD: a one-off buyer may have left


def test_gamma_gamma_reproduces_the_published_cdnow_fit(cdnow_summary):
    """On the 946 repeat buyers' exact average spend (from the raw lines).

    lifetimes' zbar column is rounded to cents; on it γ comes out 15.448 (lifetimes prints
    15.45), on the exact averages 15.444 as published.
    """
    g = clv.fit_gamma_gamma(cdnow_summary["frequency"], cdnow_summary["monetary"])
    p = g.params
    assert (round(p["p"], 2), round(p["q"], 2), round(p["gamma"], 2)) == (6.25, 3.74, 15.44)
    assert g.clients == 946


def test_gamma_gamma_expected_spend_by_hand():
    """(γ + m̄x)p/(px + q − 1) with p = 6, q = 4, γ = 15: x = 2, m̄ = 30 → (15 + 60)·6/15 = 30;
    x = 0 → the population mean γp/(q − 1) = 90/3 = 30; x = 1, m̄ = 60 → (15 + 60)·6/9 = 50."""
    g = clv.GammaGammaModel({"p": 6, "q": 4, "gamma": 15})
    assert np.allclose(g.expected_spend([2, 0, 1], [30, 0, 60]), [30, 30, 50])


# ---------------------------------------------------------------------------------------------
# From sales lines to frequency, recency, T, monetary
# ---------------------------------------------------------------------------------------------

def test_summary_of_the_raw_cdnow_lines_is_the_published_summary(cdnow, cdnow_summary):
    s = cdnow_summary.set_index("client_id").reindex(cdnow["ID"])
    assert len(cdnow_summary) == 2357
    assert (s["frequency"].to_numpy() == cdnow["frequency"].to_numpy()).all()
    assert np.allclose(s["recency"].round(2), cdnow["recency"], atol=1e-9)
    assert np.allclose(s["T"].round(2), cdnow["T"], atol=1e-9)
    # Hardie rounds half up (22.345 → 22.35): within half a cent
    assert np.allclose(s["monetary"], cdnow["monetary"], atol=0.005 + 1e-9)
    assert cdnow_summary.attrs["unit"] == "W" and cdnow_summary["T"].attrs["unit"] == "W"
    # the columns carry their unit into the fit
    fitted = clv.fit_bgnbd(cdnow_summary["frequency"], cdnow_summary["recency"], cdnow_summary["T"])
    assert fitted.unit == "W" and round(fitted.params["alpha"], 2) == 4.41


LINES = pd.DataFrame({
    "client_id": ["A", "A", "A", "A", "A", "B", "B"],
    "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-02-12", "2024-02-20",
                            "2024-02-05", "2024-03-10"]),
    "revenue": [100.0, 50.0, 30.0, 70.0, -20.0, 40.0, 999.0],
})
"""A: two lines on 1 Jan (one purchase day, 150), 15 Jan (30), 12 Feb (70), a return on 20 Feb;
B: 5 Feb (40), and 10 Mar after the end. End 2024-02-26.

A: frequency 2 (15 Jan, 12 Feb); recency 12 Feb − 1 Jan = 42 days = 6 weeks; T = 26 Feb − 1 Jan
= 56 days = 8 weeks; monetary (30 + 70) / 2 = 50. B: frequency 0, recency 0, T = 21 days = 3
weeks, monetary 0."""


def test_summary_by_hand_in_weeks_and_days():
    s = clv.clv_summary(LINES, unit="W", end="2024-02-26").set_index("client_id")
    assert s.loc["A"].tolist() == [2, 6.0, 8.0, 50.0]
    assert s.loc["B"].tolist() == [0, 0.0, 3.0, 0.0]
    d = clv.clv_summary(LINES, unit="D", end="2024-02-26").set_index("client_id")
    assert d.loc["A", "recency"] == 42 and d.loc["A", "T"] == 56 and d.loc["B", "T"] == 21
    assert d.attrs["unit"] == "D" and d.attrs["end"] == pd.Timestamp("2024-02-26")


def test_summary_from_facts_agrees_with_lines():
    facts = Facts(LINES.assign(client_id=LINES["client_id"].astype("string")))
    s = clv.clv_summary(facts, unit="W", end="2024-02-26").set_index("client_id")
    assert s.loc["A"].tolist() == [2, 6.0, 8.0, 50.0]
    assert s.loc["B"].tolist() == [0, 0.0, 3.0, 0.0]
    # default end: the analysis date (the last sales day, 10 March): B has its second purchase
    s = clv.clv_summary(facts, unit="D").set_index("client_id")
    assert s.loc["B"].tolist() == [1, 34.0, 34.0, 999.0]
    assert s.loc["A", "T"] == 69  # 1 Jan → 10 Mar 2024


def test_summary_by_month_groups_purchases_of_a_month():
    """freq="M": A's purchases fall in January (two days) and February → frequency 1."""
    s = clv.clv_summary(LINES, unit="D", end="2024-02-26", freq="M").set_index("client_id")
    assert s.loc["A", "frequency"] == 1 and s.loc["A", "recency"] == 31  # 1 Jan → 1 Feb
    assert s.loc["A", "monetary"] == 70.0


def test_summary_edge_cases():
    empty = clv.clv_summary(LINES.iloc[:0], unit="W")
    assert list(empty.columns) == clv.SUMMARY_COLUMNS and len(empty) == 0
    with pytest.raises(KBDataError) as err:
        clv.clv_summary(LINES.drop(columns="revenue"))
    assert err.value.key == "clv.missing_columns"
    with pytest.raises(KBDataError) as err:
        clv.clv_summary(LINES, unit="weeks")
    assert err.value.key == "clv.unit"


# ---------------------------------------------------------------------------------------------
# Recovery of known parameters
# ---------------------------------------------------------------------------------------------

def test_bgnbd_recovers_simulated_parameters():
    true = {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}
    T = np.random.default_rng(1).integers(1, 53, 5000).astype(float)  # cohorts of 1–52 weeks
    s = clv.simulate_bgnbd(true, T, seed=101)
    m = clv.fit_bgnbd(s["frequency"], s["recency"], s["T"], unit="W")
    rel = {k: m.params[k] / true[k] - 1 for k in true}
    assert abs(rel["r"]) < 0.15 and abs(rel["alpha"]) < 0.2, rel
    assert abs(rel["a"]) < 0.3 and abs(rel["b"]) < 0.3, rel
    # the maximum is a maximum: the true parameters are less likely on this sample
    assert m.loglik >= clv.BGNBDModel(true).loglik_of(s["frequency"], s["recency"], s["T"])


def test_pareto_nbd_and_gamma_gamma_recover_simulated_parameters():
    true = {"r": 0.55, "alpha": 10.5, "s": 0.6, "beta": 11.7}
    T = np.random.default_rng(2).integers(1, 53, 5000).astype(float)
    s = clv.simulate_pareto_nbd(true, T, seed=202)
    m = clv.fit_pareto_nbd(s["frequency"], s["recency"], s["T"], unit="W")
    assert m.params["r"] == pytest.approx(true["r"], rel=0.2)
    assert m.params["alpha"] == pytest.approx(true["alpha"], rel=0.25)
    assert m.loglik >= clv.ParetoNBDModel(true).loglik_of(s["frequency"], s["recency"], s["T"])
    spend = {"p": 6.0, "q": 4.0, "gamma": 15.0}
    x = np.random.default_rng(3).integers(0, 8, 5000)
    g = clv.fit_gamma_gamma(x, clv.simulate_gamma_gamma(spend, x, seed=303))
    assert g.params["p"] == pytest.approx(6.0, rel=0.15)
    assert g.params["gamma"] * g.params["p"] / (g.params["q"] - 1) == pytest.approx(30.0, rel=0.1)


def test_weights_equal_repeated_rows(cdnow):
    """Grouped input with weights gives the fit of the rows repeated (the fit groups them anyway)."""
    head = cdnow.head(400)
    grouped = head.groupby(["frequency", "recency", "T"], as_index=False).size()
    a = clv.fit_bgnbd(head["frequency"], head["recency"], head["T"])
    b = clv.fit_bgnbd(grouped["frequency"], grouped["recency"], grouped["T"], weights=grouped["size"])
    assert a.loglik == pytest.approx(b.loglik, abs=1e-6)
    assert all(a.params[k] == pytest.approx(b.params[k], rel=1e-4) for k in a.params)


# ---------------------------------------------------------------------------------------------
# CLV and its time units
# ---------------------------------------------------------------------------------------------

class _Steady:
    """A stand-in purchase model: 2 purchases a week, whatever the history (E[Y(t)] = rate · t)."""

    name = "steady"

    def __init__(self, unit="W", rate=2.0):
        self.unit, self.rate = unit, rate

    def expected_purchases(self, t, frequency, recency, T):
        return np.full(len(np.atleast_1d(frequency)), self.rate * t)


def test_discount_per_step_by_hand():
    assert clv.discount_per_step(0.10, "Y", "M") == pytest.approx(1.1 ** (1 / 12) - 1)  # 0.7974 %
    assert clv.discount_per_step(0.10, "Y", "Y") == pytest.approx(0.10)
    assert clv.discount_per_step(0.01, "M", "Y") == pytest.approx(1.01**12 - 1)


def test_clv_by_hand_in_weeks():
    """2 a week, spend 10, margin 0.5, 10 % a week, 2 weekly steps:
    (2/1.1 + 2/1.21) × 10 × 0.5 = (1.818182 + 1.652893) × 5 = 17.355372."""
    v = clv.customer_lifetime_value(_Steady(), [1], [1], [2], [10.0], horizon=2, step="W",
                                    discount_rate=0.10, discount_period="W", margin=0.5)
    assert v == pytest.approx(17.355372, abs=1e-6)


def test_clv_converts_a_weekly_model_to_monthly_steps_and_a_yearly_rate():
    """The trap of lifetimes' docs: a weekly model valued with months and a yearly rate.

    A month is 30.4375 / 7 = 4.348214 weeks → 8.696429 purchases a month; the monthly rate
    (1.1)^(1/12) − 1 = 0.0079741; 2 months: 8.696429 × (1/1.0079741 + 1/1.0079741²) × 10
    = 8.696429 × 1.976329 × 10 = 171.8701.
    """
    v = clv.customer_lifetime_value(_Steady("W"), [1], [1], [2], [10.0], horizon=2, step="M",
                                    discount_rate=0.10, discount_period="Y")
    per_month = 2 * 30.4375 / 7
    d = 1.1 ** (1 / 12) - 1
    assert v == pytest.approx(per_month * (1 / (1 + d) + 1 / (1 + d) ** 2) * 10, rel=1e-12)
    assert v == pytest.approx(171.8701, abs=1e-3)
    # the same rate stated per day: the same money
    daily = clv.customer_lifetime_value(_Steady("D", rate=2 / 7), [1], [1], [2], [10.0], horizon=2,
                                        step="M", discount_rate=0.10, discount_period="Y")
    assert daily == pytest.approx(v, rel=1e-12)


def test_the_same_model_fitted_in_days_and_in_weeks_gives_the_same_clv(cdnow):
    weeks = clv.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"], unit="W")
    days = clv.fit_bgnbd(cdnow["frequency"], cdnow["recency"] * 7, cdnow["T"] * 7, unit="D")
    assert days.params["alpha"] == pytest.approx(7 * weeks.params["alpha"], rel=1e-4)
    some = cdnow.head(50)
    kwargs = dict(horizon=12, step="M", discount_rate=0.10, discount_period="Y")
    in_weeks = clv.customer_lifetime_value(weeks, some["frequency"], some["recency"], some["T"],
                                           some["monetary"], **kwargs)
    in_days = clv.customer_lifetime_value(days, some["frequency"], some["recency"] * 7, some["T"] * 7,
                                          some["monetary"], **kwargs)
    assert np.allclose(in_weeks, in_days, rtol=1e-3)
    assert isinstance(in_weeks, pd.Series) and in_weeks.attrs["unit"] == "W"
    assert in_weeks.attrs["discount_per_step"] == pytest.approx(1.1 ** (1 / 12) - 1)
    # mistaking the unit (the weekly model read as daily) gives another, wrong, number
    wrong = clv.BGNBDModel(weeks.params, unit="D")
    assert not np.allclose(clv.customer_lifetime_value(wrong, some["frequency"], some["recency"], some["T"],
                                                       some["monetary"], **kwargs), in_weeks, rtol=0.1)


def test_the_lifetimes_documentation_trap(bgnbd, cdnow):
    """lifetimes' docs: customer 1 (x = 2, tₓ = 30.43, T = 38.86) of the weekly CDNOW model, Gamma-Gamma
    spend 24.6586, 12 months at 1 % a month → 140.10, because its loop steps 30 model units (weeks)
    per "month". With the units stated: 12 months of 30.4375 days = 4.348 weeks each → 36.30."""
    rep = cdnow.loc[cdnow["frequency"] > 0]
    gg = clv.fit_gamma_gamma(rep["frequency"], rep["monetary"])
    spend = gg.expected_spend(2, 22.35)
    assert round(spend, 4) == 24.6586  # lifetimes issue #180 quotes 24.658619
    cum = [bgnbd.expected_purchases(30 * i, 2, 30.43, 38.86) for i in range(13)]
    trap = sum((cum[i] - cum[i - 1]) * spend / 1.01**i for i in range(1, 13))
    assert round(trap, 2) == 140.10
    right = clv.customer_lifetime_value(bgnbd, 2, 30.43, 38.86, 22.35, spend_model=gg, horizon=12,
                                        step="M", discount_rate=0.01, discount_period="M")
    assert round(right, 2) == 36.30
    with pytest.raises(TypeError):
        clv.customer_lifetime_value(bgnbd, 2, 30.43, 38.86, spend_model=gg)


def test_clv_is_the_discounted_sum_of_expected_purchases(bgnbd):
    """One year in one yearly step, undiscounted, spend 1: CLV = E[Y(52.18 weeks)]."""
    v = clv.customer_lifetime_value(bgnbd, 2, 30.43, 38.86, horizon=1, step="Y", discount_rate=0.0)
    assert v == pytest.approx(bgnbd.expected_purchases(365.25 / 7, 2, 30.43, 38.86), rel=1e-12)
    gg = clv.GammaGammaModel({"p": 6.25, "q": 3.74, "gamma": 15.44})
    with_spend = clv.customer_lifetime_value(bgnbd, 2, 30.43, 38.86, 22.35, spend_model=gg, horizon=1,
                                             step="Y", discount_rate=0.0, margin=0.3)
    assert with_spend == pytest.approx(v * gg.expected_spend(2, 22.35) * 0.3, rel=1e-12)


def test_clv_needs_a_unit_and_a_sound_horizon(cdnow):
    m = clv.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])  # unit not stated
    assert m.unit is None
    with pytest.raises(KBDataError) as err:
        clv.customer_lifetime_value(m, 2, 30.43, 38.86)
    assert err.value.key == "clv.unit_missing"
    assert clv.customer_lifetime_value(m, 2, 30.43, 38.86, unit="W") > 0
    for bad in (0, 2.5):
        with pytest.raises(KBDataError) as err:
            clv.customer_lifetime_value(m, 2, 30.43, 38.86, unit="W", horizon=bad)
        assert err.value.key == "clv.horizon"
    with pytest.raises(KBDataError) as err:
        clv.customer_lifetime_value(m, 2, 30.43, 38.86, unit="W", discount_rate=-1)
    assert err.value.key == "clv.discount"


# ---------------------------------------------------------------------------------------------
# Errors: never a SciPy traceback
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("x", "tx", "T", "key"), [
    ([0] * 30, [0.0] * 30, [10.0] * 30, "clv.too_few_repeat"),             # nobody bought again
    ([1] * 9 + [0] * 30, [2.0] * 9 + [0.0] * 30, [10.0] * 39, "clv.too_few_repeat"),  # 9 < 10
    ([1, np.nan], [1.0, 0.0], [2.0, 2.0], "clv.not_finite"),
    ([1, 0], [1.0, 0.0], [2.0, np.inf], "clv.not_finite"),
    ([1, -1], [1.0, 0.0], [2.0, 2.0], "clv.negative"),
    ([1, 1.5], [1.0, 1.0], [2.0, 2.0], "clv.not_whole"),
    ([1, 1], [3.0, 1.0], [2.0, 2.0], "clv.recency_after_end"),
    ([0, 1], [1.0, 1.0], [2.0, 2.0], "clv.recency_without_repeat"),
    ([1, 1], [1.0], [2.0, 2.0], "clv.length"),
])
def test_bad_input_is_a_data_error(x, tx, T, key):
    for fit in (clv.fit_bgnbd, clv.fit_pareto_nbd):
        with pytest.raises(KBDataError) as err:
            fit(x, tx, T)
        assert err.value.key == key
        for lang in ("en", "ru", "bg"):
            text = err.value.message(lang)
            assert key not in text.splitlines()[0]  # a sentence from the catalogue, not the id


def test_a_fit_that_does_not_converge_is_a_data_error():
    """Everyone bought exactly twice, the second time at the end: the dropout rate runs off to 0."""
    x, tx, T = [1] * 30 + [0] * 30, [5.0] * 30 + [0.0] * 30, [5.0] * 60
    with pytest.raises(KBDataError) as err:
        clv.fit_pareto_nbd(x, tx, T)
    assert err.value.key == "clv.not_converged"
    assert "Pareto/NBD" in err.value.message("bg")


def test_gamma_gamma_errors():
    with pytest.raises(KBDataError) as err:
        clv.fit_gamma_gamma([1, 2, 0], [10.0, 0.0, 0.0])
    assert err.value.key == "clv.monetary_not_positive"
    with pytest.raises(KBDataError) as err:
        clv.fit_gamma_gamma([1] * 5 + [0] * 20, [10.0] * 5 + [0.0] * 20)
    assert err.value.key == "clv.too_few_repeat"
    with pytest.raises(KBDataError) as err:
        clv.fit_gamma_gamma([1, 2], [10.0])
    assert err.value.key == "clv.length"


def test_one_client_gives_numbers_many_give_series(bgnbd, cdnow):
    assert isinstance(bgnbd.p_alive(2, 30.43, 38.86), float)
    p = bgnbd.p_alive(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert isinstance(p, pd.Series) and len(p) == 2357 and ((p > 0) & (p <= 1)).all()
    e = bgnbd.expected_purchases(0, cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert (e == 0).all()


# ---------------------------------------------------------------------------------------------
# The seminar's method: weighted yearly value and the value × potential map
# ---------------------------------------------------------------------------------------------

YEARLY = pd.DataFrame({"client_id": ["A", "A", "A", "B"], "year": [2021, 2022, 2023, 2023],
                       "value": [100.0, 200.0, 300.0, 600.0]})
YEARLY.attrs["years"] = [2021, 2022, 2023]


def test_weighted_value_by_hand():
    """Default weights, 3 years: the newest three, 0.2, 0.25, 0.3 → 4/15, 5/15, 6/15.
    A: 100·4/15 + 200·5/15 + 300·6/15 = (400 + 1000 + 1800)/15 = 213.333;
    B: 600·6/15 = 240 (2021 and 2022 count 0). Plain means: A 200, B 200."""
    w = clv.weighted_client_value(YEARLY).set_index("client_id")
    assert w.loc["A", "weighted_value"] == pytest.approx(3200 / 15)
    assert w.loc["B", "weighted_value"] == pytest.approx(240.0)
    assert w.loc["A", "mean_value"] == pytest.approx(200) and w.loc["B", "mean_value"] == pytest.approx(200)
    assert w.loc["A", "years_active"] == 3 and w.loc["B", "years_active"] == 1
    assert w.loc["A", "last_value"] == 300
    assert list(w.index) == ["B", "A"]  # sorted by weighted value
    assert w.attrs["weights"] == pytest.approx({2021: 4 / 15, 2022: 5 / 15, 2023: 6 / 15})


def test_weighted_value_weights_and_since_first():
    """Equal weights (1, 1, 1) → the plain mean; since_first: B is weighed on 2023 alone → 600."""
    w = clv.weighted_client_value(YEARLY, weights=(1, 1, 1)).set_index("client_id")
    assert w.loc["A", "weighted_value"] == pytest.approx(200) and w.loc["B", "weighted_value"] == pytest.approx(200)
    s = clv.weighted_client_value(YEARLY, since_first=True).set_index("client_id")
    assert s.loc["B", "weighted_value"] == pytest.approx(600) and s.loc["B", "mean_value"] == pytest.approx(600)
    assert s.loc["A", "weighted_value"] == pytest.approx(3200 / 15)
    # two weights: only the newest two years, 2022 and 2023: A = 200·0.5 + 300·0.5 = 250
    two = clv.weighted_client_value(YEARLY, weights=(1, 1)).set_index("client_id")
    assert two.loc["A", "weighted_value"] == pytest.approx(250)
    for bad in ((0, 0), (-1, 2), ()):
        with pytest.raises(KBDataError) as err:
            clv.weighted_client_value(YEARLY, weights=bad)
        assert err.value.key == "clv.year_weights"


def _sales(cost=True):
    """A: 2022 revenue 100 cost 60, 2023 revenue 300 cost 100; B: 2023 revenue 50 cost 10;
    C: 2021 revenue 80 cost 20 (outside a 2-year window); the data end on 2023-12-31."""
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2021-06-01", "2022-05-01", "2023-05-01", "2023-12-31"]),
        "client_id": pd.array(["C", "A", "A", "B"], dtype="string"),
        "revenue": [80.0, 100.0, 300.0, 50.0],
        "cost": [20.0, 60.0, 100.0, 10.0],
    })
    return frame if cost else frame.drop(columns="cost")


def test_client_yearly_value_profit_and_revenue():
    """Cost-to-serve rates 0: profit = revenue − cost. years=2 up to 2023 (31 Dec is the last day):
    A 2022 40, 2023 200; B 2023 40. Weighted with (1, 3): A = 40·0.25 + 200·0.75 = 160, B = 30."""
    yearly = clv.client_yearly_value(Facts(_sales()), years=2, rates=ZERO)
    assert yearly.attrs["years"] == [2022, 2023] and yearly.attrs["measure"] == "profit"
    assert yearly.attrs["missing"] == ()
    assert yearly[["client_id", "year", "value"]].values.tolist() == [["A", 2022, 40.0], ["A", 2023, 200.0],
                                                                     ["B", 2023, 40.0]]
    w = clv.weighted_client_value(yearly, weights=(1, 3)).set_index("client_id")
    assert w.loc["A", "weighted_value"] == pytest.approx(160) and w.loc["B", "weighted_value"] == pytest.approx(30)
    # without a cost of goods: revenue, and the table says what profit would need
    rev = clv.client_yearly_value(Facts(_sales(cost=False)), years=2, rates=ZERO)
    assert rev.attrs["measure"] == "revenue" and rev.attrs["missing"] == ("needs.sales.cost",)
    assert rev["value"].tolist() == [100.0, 300.0, 50.0]
    forced = clv.client_yearly_value(Facts(_sales(cost=False)), years=2, measure="profit", rates=ZERO)
    assert forced.attrs["missing"] == ("needs.sales.cost",) and forced["value"].isna().all()
    # years before the first sales day are left out; a year not ended is not compared
    all_years = clv.client_yearly_value(Facts(_sales()), years=5, rates=ZERO)
    assert all_years.attrs["years"] == [2021, 2022, 2023]
    partial = clv.client_yearly_value(Facts(_sales(), as_of="2023-12-30"), years=2, rates=ZERO)
    assert partial.attrs["years"] == [2021, 2022]


def test_client_yearly_value_without_sales():
    empty = clv.client_yearly_value(Facts(_sales().iloc[:0]), rates=ZERO)
    assert list(empty.columns) == clv.YEARLY_VALUE_COLUMNS and len(empty) == 0
    assert len(clv.weighted_client_value(empty)) == 0


def test_value_potential_map_by_hand():
    """Values 400, 300, 200, 100 → median 250; potentials 1000, 100, 900, 50 → median 500.
    A high/high develop; B high/low retain; C low/high invest; D low/low reduce_cost; E no
    potential → no action."""
    values = pd.DataFrame({"client_id": ["A", "B", "C", "D", "E"],
                           "weighted_value": [400.0, 300.0, 200.0, 100.0, 250.0]})
    clients = pd.DataFrame({"client_id": ["A", "B", "C", "D", "E"],
                            "potential": [1000.0, 100.0, 900.0, 50.0, np.nan]})
    m = clv.value_potential_map(values.head(4), clients).set_index("client_id")
    assert m["action"].tolist() == ["develop", "retain", "invest", "reduce_cost"]
    assert m.attrs["value_cut"] == 250 and m.attrs["potential_cut"] == 500
    m = clv.value_potential_map(values, clients, value_cut=300, potential_cut=500).set_index("client_id")
    assert m["value_level"].tolist() == ["high", "high", "low", "low", "low"]
    assert m["action"].tolist()[:4] == ["develop", "retain", "invest", "reduce_cost"]
    assert pd.isna(m.loc["E", "action"]) and pd.isna(m.loc["E", "potential_level"])
    none = clv.value_potential_map(values, clients.drop(columns="potential"))
    assert none.attrs["missing"] == ("needs.clients.potential",) and none["action"].isna().all()
    assert none["value_level"].notna().all()
    with pytest.raises(KBDataError) as err:
        clv.value_potential_map(values, clients, value_cut="mean")
    assert err.value.key == "clv.map_cut"


# ---------------------------------------------------------------------------------------------
# The public import
# ---------------------------------------------------------------------------------------------

def test_import_kbcore_does_not_import_scipy_and_from_kbcore_import_clv_works():
    code = ("import sys, kbcore; assert 'scipy' not in sys.modules, 'scipy at import kbcore'; "
            "from kbcore import clv; assert callable(clv.fit_bgnbd) and callable(clv.fit_pareto_nbd) "
            "and callable(clv.fit_gamma_gamma)")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_the_facade_exports_the_module_public_names():
    from kbcore.analyses import clv as module

    assert set(clv.__all__) == set(module.__all__)
    assert all(getattr(clv, name) is getattr(module, name) for name in module.__all__)



def test_expected_spend_is_missing_where_it_does_not_exist():
    from kbcore.analyses.clv import GammaGammaModel

    model = GammaGammaModel(params={"p": 2.0, "q": 0.5, "gamma": 10.0})
    # x = 0: p·0 + 0.5 − 1 < 0 -> NaN; x = 1: 2 + 0.5 − 1 = 1.5 -> (10 + 30·1)·2 / 1.5 = 53.33
    out = np.asarray(model.expected_spend([0, 1], [0.0, 30.0]), dtype=float)
    assert np.isnan(out[0]) and out[1] == pytest.approx(80 / 1.5)


def test_profit_margin_by_hand():
    """Cost-to-serve rates 0, years 2022–2023: 2023 revenue A 300 + B 50 = 350, profit A 200 + B 40 = 240
    → 240 / 350 = 0.685714; 2022: A 40 / 100 = 0.4."""
    yearly = clv.client_yearly_value(Facts(_sales()), years=2, rates=ZERO)
    assert clv.profit_margin(yearly) == pytest.approx(240 / 350)
    assert clv.profit_margin(yearly, year=2022) == pytest.approx(0.4)
    # a year without sales, no cost of goods (revenue measure), an empty table: missing, never a number
    assert np.isnan(clv.profit_margin(yearly, year=2020))
    assert np.isnan(clv.profit_margin(clv.client_yearly_value(Facts(_sales(cost=False)), years=2, rates=ZERO)))
    assert np.isnan(clv.profit_margin(clv.client_yearly_value(Facts(_sales().iloc[:0]), rates=ZERO)))
    # the cost to serve lowers it: one order and one delivery of 10 each per client-year
    # 2023: A (300 − 100 − 20) + B (50 − 10 − 20) = 200 → 200 / 350
    costly = clv.client_yearly_value(Facts(_sales()), years=2,
                                     rates=CostToServeRates(per_order=10, per_delivery=10, per_visit=0,
                                                            credit_rate=0))
    assert clv.profit_margin(costly) == pytest.approx(200 / 350)

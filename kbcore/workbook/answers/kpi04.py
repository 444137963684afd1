"""Expected answers of topic 4's exercises (program 004; solutions/kpi/04_customer_lifetime_value.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (the ``kpi…`` ids are computed on it: :func:`kbcore.workbook.checks.demo_company`),
so a change in an analysis or in the demo data changes the expected answer with it; nothing here
is a hard-coded number. A choice's answer is the number of the option the data's answer is, in
the order the exercise lists them.

The exercises follow the topic's story: how much we earn a year from the most valuable client
(kpi4.1) and with equal weights (kpi4.2), the clients to develop on the value × potential map
(kpi4.3), the model the data prefer (kpi4.4), the valuable clients at risk (kpi4.5), the CLV at a
higher discount rate (kpi4.6) and, for the analyst, how concentrated the CLV is (kpi4.7).
"""

from __future__ import annotations

import math

from kbcore.analyses import clv
from kbcore.analyses.profitability import rates_for
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

DEFAULT_WEIGHTS = (0.1, 0.15, 0.2, 0.25, 0.3)
"""The workbook's weights of the years, oldest first."""
MODELS = ("bgnbd", "pareto_nbd")
"""The options of exercise kpi4.4, in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _yearly(ds):
    return once(ds, "kpi4.yearly", lambda: clv.client_yearly_value(
        _facts(ds), ds.clients, ds.interactions, years=5, rates=rates_for(ds.currency or "EUR")))


def _weighted(ds):
    return once(ds, "kpi4.weighted", lambda: clv.weighted_client_value(_yearly(ds), DEFAULT_WEIGHTS))


def _models(ds):
    """The weekly summary, the fitted models, and the better purchase model (as the workbook picks it)."""
    def make():
        summary = clv.clv_summary(_facts(ds), unit="W")
        fits = clv.fit_models(summary)
        comparison = clv.model_comparison(fits, summary)
        return summary, fits, comparison, fits.purchase_model(comparison.attrs["best"] or "bgnbd")
    return once(ds, "kpi4.models", make)


def _clv_table(ds, discount_rate: float):
    summary, fits, _comparison, model = _models(ds)
    return clv.client_clv(summary, model, fits.gamma_gamma, horizon=36, step="M", discount_rate=discount_rate,
                          margin=clv.profit_margin(_yearly(ds)))


@exercise("kpi4.1", hint="ex.kpi4.1.hint", kind="number", tol=0.001, style="read")
def first_weighted_value(ds):
    """The weighted yearly profit of the most valuable client (default weights), shown in whole euro."""
    return float(_weighted(ds)["weighted_value"].iloc[0])


@exercise("kpi4.2", hint="ex.kpi4.2.hint", kind="number", tol=0.001, style="rerun")
def first_value_equal_weights(ds):
    """The first client's weighted yearly value when the five years weigh the same (a plain mean)."""
    return float(clv.weighted_client_value(_yearly(ds), (0.2,) * 5)["weighted_value"].iloc[0])


@exercise("kpi4.3", hint="ex.kpi4.3.hint", kind="number", tol=0, style="read")
def clients_to_develop(ds):
    """Clients in the "develop" cell of the value × potential map (median cuts); NaN without potentials."""
    value_map = clv.value_potential_map(_weighted(ds), ds.clients)
    if value_map.attrs["missing"]:
        return float("nan")
    return int((value_map["action"] == "develop").fillna(False).sum())


@exercise("kpi4.4", hint="ex.kpi4.4.hint", kind="choice", options=len(MODELS), style="read")
def better_model(ds):
    """Option of the purchase model with the higher log-likelihood."""
    best = _models(ds)[2].attrs["best"]
    if best is None:
        raise ValueError("exercise kpi4.4: no purchase model could be fitted on the demo company")
    return option_number("kpi4.4", best, MODELS)


@exercise("kpi4.5", hint="ex.kpi4.5.hint", kind="number", tol=0, style="read")
def clients_at_risk(ds):
    """Clients in the top quarter by weighted yearly value with P(alive) below 50 %."""
    return int(len(clv.at_risk_clients(_clv_table(ds, 0.10), _weighted(ds), p_alive_below=0.5)))


@exercise("kpi4.6", hint="ex.kpi4.6.hint", kind="number", tol=0.001, style="rerun")
def first_clv_at_20_percent(ds):
    """The CLV of the first client when the future profit is discounted at 20 % a year (36 months)."""
    return float(_clv_table(ds, 0.20)["clv"].iloc[0])


@exercise("kpi4.7", hint="ex.kpi4.7.hint", kind="share", tol=0.002, style="analyst")
def top_tenth_clv_share(ds):
    """The share of the total CLV (10 % a year) of the first 10 % of the clients, rounded up."""
    table = _clv_table(ds, 0.10)
    top = math.ceil(0.10 * len(table))
    return float(table["clv"].head(top).sum() / table["clv"].sum())

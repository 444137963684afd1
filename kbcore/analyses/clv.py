"""Topic 4 (program 004) · Customer lifetime value: the weighted yearly value and the probabilistic models.

Two ways to value a client, both in this module.

**The seminar's method** (the seed text of program 004, topic 4): each client's profit (or
revenue, when the cost of goods is unknown) by calendar year over the last 3–5 years, combined
with recency weights (recent years weigh more; the weights are parameters) into a *weighted
yearly value* — how much we earn from the client a year — and a value × potential map with an
action per cell (:func:`client_yearly_value`, :func:`weighted_client_value`,
:func:`value_potential_map`).

**The "buy till you die" models**, for clients who buy when they like (no contract tells us
when they leave): BG/NBD and Pareto/NBD for the number of purchases and the probability that
the client is still "alive", Gamma-Gamma for the spend per purchase, fitted by maximum
likelihood, and the CLV as the discounted expected margin over a horizon
(:func:`fit_bgnbd`, :func:`fit_pareto_nbd`, :func:`fit_gamma_gamma`,
:func:`customer_lifetime_value`). The inputs per client follow the conventions of the
``lifetimes`` package (:func:`clv_summary`):

frequency
    the number of *repeat* purchase days (purchases after the first; several orders of one
    day are one purchase);
recency
    the client's *age at the last purchase*: last purchase − first purchase (NOT the days
    since the last purchase, which RFM calls recency);
T
    the client's age at the end of the observation: end − first purchase;
monetary
    the mean value of the repeat purchases (0 when frequency = 0).

**Time units are explicit.** recency and T are measured in a stated unit (``"D"`` day,
``"W"`` week = 7 days, ``"M"`` month = 365.25 / 12 days, ``"Q"`` quarter = 365.25 / 4 days,
``"Y"`` year = 365.25 days, :data:`UNITS`); a fitted model carries it (``.unit``) and its rate
parameters (α, β) are per that unit. :func:`customer_lifetime_value` takes the horizon in
steps of a stated length and the discount rate of a stated period, and converts both to the
model's unit. The known trap it avoids: ``lifetimes``' ``customer_lifetime_value`` steps
through its horizon in blocks of 30 *model units* (a month only for a model fitted in days);
its documentation applied it to the CDNOW model fitted in *weeks* with 12 "months" at 1 % a
month, so valued 360 weeks: 140.10 for customer 1, where 12 months of 30.4375 days give 36.30
(``tests/test_clv.py`` reproduces both; lifetimes issues #180, #215).

Errors: data that cannot identify a model (fewer than :data:`MIN_REPEAT_BUYERS` repeat
buyers), non-finite or negative values, a recency after T, an optimiser that does not
converge raise :class:`kbcore.errors.KBDataError` with a catalogue message (``clv.*``), never
a SciPy traceback.

Sources: P. S. Fader, B. G. S. Hardie and K. L. Lee, "'Counting your customers' the easy way:
an alternative to the Pareto/NBD model", *Marketing Science* 24(2), 2005, pp. 275–284
(BG/NBD); D. C. Schmittlein, D. G. Morrison and R. Colombo, "Counting your customers: who
are they and what will they do next?", *Management Science* 33(1), 1987, pp. 1–24, with the
likelihood of P. S. Fader and B. G. S. Hardie, "A note on deriving the Pareto/NBD model and
related expressions", 2005 (Pareto/NBD); P. S. Fader, B. G. S. Hardie and K. L. Lee, "RFM
and CLV: using iso-value curves for customer base analysis", *Journal of Marketing
Research* 42(4), 2005, pp. 415–430, and P. S. Fader and B. G. S. Hardie, "The Gamma-Gamma
model of monetary value", 2013 (Gamma-Gamma); C. Davidson-Pilon et al., ``lifetimes`` 0.11
(conventions of the summary, the CDNOW sample). The weighted yearly value and the map: the
seminar's method (program 004, topic 4), our reading, every weight and cut a parameter.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special

from kbcore.analyses._assess import ids
from kbcore.analyses.profitability import DEFAULT_RATES, VISIT_KINDS, CostToServeRates, client_pnl
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = [
    "UNITS",
    "MIN_REPEAT_BUYERS",
    "SUMMARY_COLUMNS",
    "DEFAULT_YEAR_WEIGHTS",
    "YEARLY_VALUE_COLUMNS",
    "WEIGHTED_VALUE_COLUMNS",
    "MAP_ACTIONS",
    "MAP_COLUMNS",
    "BGNBDModel",
    "ParetoNBDModel",
    "GammaGammaModel",
    "HOMOGENEOUS_SHAPE",
    "homogeneous",
    "clv_summary",
    "fit_bgnbd",
    "fit_pareto_nbd",
    "fit_gamma_gamma",
    "customer_lifetime_value",
    "discount_per_step",
    "simulate_bgnbd",
    "simulate_pareto_nbd",
    "simulate_gamma_gamma",
    "client_yearly_value",
    "weighted_client_value",
    "value_potential_map",
    # reading the models (views, charts, widgets of topic 4)
    "CLIENT_CLV_COLUMNS",
    "MAP_CELL_COLUMNS",
    "ClvFits",
    "purchase_probabilities",
    "expected_repeat_counts",
    "p_alive_matrix",
    "fit_models",
    "client_clv",
    "at_risk_clients",
    "model_comparison",
    "value_trend",
    "map_cells",
    # the notebook of topic 4
    "profit_margin",
]

UNITS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Q": 365.25 / 4, "Y": 365.25}
"""The time units, as their length in days (a month is 365.25 / 12 = 30.4375 days)."""

MIN_REPEAT_BUYERS = 10
"""Fewer repeat buyers than this and a model is not fitted (our rule: with a handful of repeat
buyers the dropout and the spend parameters are not identified)."""

SUMMARY_COLUMNS = [C.client_id, "frequency", "recency", "T", "monetary"]
"""The columns of :func:`clv_summary`. Read ``T`` as ``df["T"]`` (``df.T`` is the transpose)."""

DEFAULT_YEAR_WEIGHTS = (0.1, 0.15, 0.2, 0.25, 0.3)
"""Recency weights of the years, oldest → newest (they are normalised to a sum of 1)."""

YEARLY_VALUE_COLUMNS = [C.client_id, "year", C.revenue, "profit", "value"]
WEIGHTED_VALUE_COLUMNS = [C.client_id, "years_active", "mean_value", "last_value", "weighted_value"]

MAP_ACTIONS: dict[tuple[str, str], str] = {
    ("high", "high"): "develop",
    ("high", "low"): "retain",
    ("low", "high"): "invest",
    ("low", "low"): "reduce_cost",
}
"""The action id per (value level, potential level) cell of :func:`value_potential_map`
(our reading): a valuable client with room to grow is developed, a valuable one without room
retained, a small one with room is a candidate to invest in, a small one without room is served
at a lower cost."""

MAP_COLUMNS = [C.client_id, "weighted_value", C.potential, "value_level", "potential_level", "action"]

_MAX_LOG_PARAM = 20.0  # |log parameter| beyond this (a factor e^20 ≈ 5·10^8) is not an estimate


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------

def _unit(unit, *, required: bool = False) -> str | None:
    if unit is None and not required:
        return None
    if unit not in UNITS:
        raise KBDataError("clv.unit", unit=str(unit), units=", ".join(UNITS))
    return unit


def _array(values, name: str) -> np.ndarray:
    try:
        out = np.asarray(pd.to_numeric(pd.Series(np.ravel(np.asarray(values, dtype=object))),
                                       errors="coerce"), dtype="float64")
    except (TypeError, ValueError):
        raise KBDataError("clv.not_finite", column=name, count="?") from None
    bad = ~np.isfinite(out)
    if bad.any():
        raise KBDataError("clv.not_finite", column=name, count=int(bad.sum()))
    if (out < 0).any():
        raise KBDataError("clv.negative", column=name, count=int((out < 0).sum()),
                          examples=[f"{v:g}" for v in out[out < 0][:5]])
    return out


def _rfm(frequency, recency, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """frequency, recency and T as float arrays, checked (KBDataError on bad input)."""
    x, tx, t = _array(frequency, "frequency"), _array(recency, "recency"), _array(T, "T")
    if not (len(x) == len(tx) == len(t)):
        raise KBDataError("clv.length", lengths=f"{len(x)}, {len(tx)}, {len(t)}")
    if (x != np.round(x)).any():
        raise KBDataError("clv.not_whole", column="frequency", count=int((x != np.round(x)).sum()))
    late = tx > t * (1 + 1e-9) + 1e-9
    if late.any():
        raise KBDataError("clv.recency_after_end", column="recency", count=int(late.sum()),
                          examples=[f"recency {a:g} > T {b:g}" for a, b in zip(tx[late][:5], t[late][:5], strict=True)])
    lone = (x == 0) & (tx > 0)
    if lone.any():
        raise KBDataError("clv.recency_without_repeat", column="recency", count=int(lone.sum()))
    return x, tx, t


def _index_of(*values) -> pd.Index | None:
    for v in values:
        if isinstance(v, pd.Series):
            return v.index
    return None


def _unit_of(unit, *values) -> str | None:
    """The unit given, else the one the summary frame's columns carry (``attrs["unit"]``)."""
    if unit is not None:
        return _unit(unit)
    for v in values:
        found = getattr(v, "attrs", {}).get("unit")
        if found is not None:
            return _unit(found)
    return None


def _weights(weights, n: int) -> np.ndarray:
    if weights is None:
        return np.ones(n)
    w = _array(weights, "weights")
    if len(w) != n:
        raise KBDataError("clv.length", lengths=f"{n}, {len(w)}")
    return w


def _compress(columns: Sequence[np.ndarray], weights: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Identical rows once, with the sum of their weights (100k clients have far fewer distinct rows)."""
    stacked = np.column_stack(columns)
    keep = weights > 0
    rows, inverse = np.unique(stacked[keep], axis=0, return_inverse=True)
    w = np.bincount(np.ravel(inverse), weights=weights[keep], minlength=len(rows))
    return [rows[:, j] for j in range(rows.shape[1])], w


def _fit(nll, x0: np.ndarray, model: str) -> optimize.OptimizeResult:
    """Minimise ``nll`` over log-parameters: Nelder-Mead to the basin, BFGS to polish it.

    A result that is not finite, not converged, or whose parameters run off to 0 or ∞ (the data
    do not identify the model) raises KBDataError ``clv.not_converged``.
    """
    def safe(z):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if np.any(np.abs(z) > 2 * _MAX_LOG_PARAM):
                return 1e20
            value = nll(z)
        return value if np.isfinite(value) else 1e20

    calls = [0]

    def counted(z):
        calls[0] += 1
        return safe(z)

    first = optimize.minimize(counted, x0, method="BFGS", options={"gtol": 1e-6, "maxiter": 1000})
    if not (first.success and first.fun < 1e19):  # a rough start: Nelder-Mead to the basin
        first = optimize.minimize(counted, first.x if first.fun < 1e19 else x0, method="Nelder-Mead",
                                  options={"maxiter": 4000, "xatol": 1e-6, "fatol": 1e-10})
    # polish with central differences: the likelihood is flat near its top, forward differences
    # stop a few units of the 4th digit short of it (CDNOW's Pareto/NBD β)
    best = optimize.minimize(counted, first.x, method="BFGS", jac="3-point",
                             options={"gtol": 1e-9, "maxiter": 1000})
    if not best.fun <= first.fun:
        best = first
    best.calls = calls[0]
    reason = None
    if not np.isfinite(best.fun) or best.fun >= 1e19:
        reason = "the likelihood is not finite"
    elif np.any(np.abs(best.x) > _MAX_LOG_PARAM):
        reason = "a parameter runs off to 0 or infinity"
    elif not (first.success or best.success):
        reason = str(best.message)
    if reason is not None:
        raise KBDataError("clv.not_converged", model=model, reason=reason)
    return best


def _check_repeat(x: np.ndarray, w: np.ndarray, model: str, minimum: int) -> None:
    minimum = max(int(minimum), 1)
    repeat = float(w[x > 0].sum())
    if repeat < minimum:
        raise KBDataError("clv.too_few_repeat", model=model, repeat=f"{repeat:g}",
                          clients=f"{w.sum():g}", minimum=minimum)


def _as_output(values: np.ndarray, index: pd.Index | None, name: str):
    """A Series with the input's index, a float for one client, else the array."""
    values = np.asarray(values, dtype="float64")
    if index is not None and len(index) == values.size:
        return pd.Series(values, index=index, name=name)
    return float(values.ravel()[0]) if values.size == 1 else values


# --------------------------------------------------------------------------------------------
# BG/NBD
# --------------------------------------------------------------------------------------------

def _bgnbd_loglik(r, alpha, a, b, x, tx, T) -> np.ndarray:
    """The log-likelihood per client (Fader, Hardie & Lee 2005, eq. 6, in logs with log-sum-exp)."""
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = (special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b)
          - special.gammaln(a + b + x))
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx),
                      -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


@dataclass(frozen=True)
class BGNBDModel:
    """A BG/NBD model (fitted by :func:`fit_bgnbd`, or built from known parameters).

    Attributes
    ----------
    params : dict
        ``r, alpha, a, b``: purchase rates λ ~ Gamma(r, rate α) (α per ``unit``), dropout
        probability after each repeat purchase p ~ Beta(a, b).
    loglik : float
        The log-likelihood at ``params`` (NaN when built from parameters).
    unit : str or None
        The time unit of recency, T and α (:data:`UNITS`); None when not stated.
    clients, repeat_buyers : float
        The (weighted) number of clients and of repeat buyers it was fitted on.

    Source: Fader, Hardie & Lee (2005), "'Counting your customers' the easy way",
    Marketing Science 24(2).
    """

    params: dict
    loglik: float = math.nan
    unit: str | None = None
    clients: float = math.nan
    repeat_buyers: float = math.nan

    name = "BG/NBD"

    def _p(self):
        p = self.params
        return float(p["r"]), float(p["alpha"]), float(p["a"]), float(p["b"])

    def _denominator(self, x, tx, T):
        r, alpha, a, b = self._p()
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(x > 0, a / np.maximum(b + x - 1, 1e-300) * ((alpha + T) / (alpha + tx)) ** (r + x), 0.0)
        return 1.0 + term

    def p_alive(self, frequency, recency, T):
        """P(alive | x, tₓ, T) = 1 / (1 + δ_{x>0} · a / (b + x − 1) · ((α + T) / (α + tₓ))^{r+x}).

        Source: Fader, Hardie & Lee (2005), eq. (13). Returns a float for one client, an
        array (a Series with the input's index) for many.
        """
        x, tx, t = _rfm(frequency, recency, T)
        return _as_output(1.0 / self._denominator(x, tx, t), _index_of(frequency, recency, T), "p_alive")

    def expected_purchases(self, t, frequency, recency, T):
        """E[Y(t) | x, tₓ, T]: the expected purchases in the next ``t`` units (the model's unit).

        ::

            E = (a + b + x − 1) / (a − 1)
                × [1 − ((α + T) / (α + T + t))^{r+x} · ₂F₁(r + x, b + x; a + b + x − 1; t / (α + T + t))]
                / (1 + δ_{x>0} · a / (b + x − 1) · ((α + T) / (α + tₓ))^{r+x})

        Source: Fader, Hardie & Lee (2005), eq. (10).
        """
        r, alpha, a, b = self._p()
        x, tx, T_ = _rfm(frequency, recency, T)
        t = float(_array([t], "t")[0])
        z = t / (alpha + T_ + t)
        with np.errstate(all="ignore"):
            hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
            num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T_) / (alpha + T_ + t)) ** (r + x) * hyp)
        out = np.where(t > 0, num / self._denominator(x, tx, T_), 0.0)
        return _as_output(out, _index_of(frequency, recency, T), "expected_purchases")

    def expected_purchases_new(self, t):
        """E[X(t)] for a client just acquired: (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].

        Source: Fader, Hardie & Lee (2005), eq. (9).
        """
        r, alpha, a, b = self._p()
        t = _array(t, "t")
        out = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r
                                       * special.hyp2f1(r, b, a + b - 1, t / (alpha + t)))
        return out if out.size != 1 else float(out[0])

    def loglik_of(self, frequency, recency, T, weights=None) -> float:
        """The log-likelihood of the data at this model's parameters."""
        x, tx, t = _rfm(frequency, recency, T)
        return float((_bgnbd_loglik(*self._p(), x, tx, t) * _weights(weights, len(x))).sum())


def fit_bgnbd(frequency, recency, T, *, unit: str | None = None, weights=None,
              min_repeat_buyers: int = MIN_REPEAT_BUYERS) -> BGNBDModel:
    """Fit the BG/NBD model by maximum likelihood.

    Model (Fader, Hardie & Lee 2005): while alive a client buys as a Poisson process of rate
    λ ~ Gamma(r, α); after each repeat purchase it leaves with probability p ~ Beta(a, b).
    Likelihood of a client with x repeat purchases, the last at age tₓ, observed to age T::

        L = B(a, b + x) / B(a, b) · Γ(r + x) α^r / (Γ(r) (α + T)^{r+x})
            + δ_{x>0} · B(a + 1, b + x − 1) / B(a, b) · Γ(r + x) α^r / (Γ(r) (α + tₓ)^{r+x})

    maximised over (ln r, ln α, ln a, ln b) with :func:`scipy.optimize.minimize`
    (Nelder-Mead, then BFGS), identical (x, tₓ, T) rows counted once with their weight.

    Parameters
    ----------
    frequency, recency, T : array-like
        Per client: repeat purchases, age at the last purchase, age at the end
        (:func:`clv_summary`), in one time unit.
    unit : str, optional
        That unit (:data:`UNITS`); default: ``attrs["unit"]`` of the columns of
        :func:`clv_summary`, else None (then :func:`customer_lifetime_value` needs it).
    weights : array-like, optional
        Clients per row (for data already grouped); default 1 each.
    min_repeat_buyers : int
        Fewer repeat buyers (clients with frequency > 0) than this → KBDataError (our rule:
        default 10; all frequencies 0 is always refused).

    Returns
    -------
    BGNBDModel
        ``.params`` ``{r, alpha, a, b}``, ``.loglik``, ``.unit``.

    Raises
    ------
    KBDataError
        ``clv.*``: bad values, too few repeat buyers, no convergence.
    """
    x, tx, t = _rfm(frequency, recency, T)
    w = _weights(weights, len(x))
    _check_repeat(x, w, BGNBDModel.name, min_repeat_buyers)
    (x, tx, t), w = _compress((x, tx, t), w)
    total = w.sum()

    def nll(z):
        r, alpha, a, b = np.exp(z)
        return -float((_bgnbd_loglik(r, alpha, a, b, x, tx, t) * w).sum()) / total

    scale = max(float(np.mean(t)), 1e-9)
    res = _fit(nll, np.log([1.0, scale, 1.0, 1.0]), BGNBDModel.name)
    r, alpha, a, b = np.exp(res.x)
    return BGNBDModel(params={"r": float(r), "alpha": float(alpha), "a": float(a), "b": float(b)},
                      loglik=-float(res.fun) * total, unit=_unit_of(unit, frequency, recency, T),
                      clients=float(total), repeat_buyers=float(w[x > 0].sum()))


# --------------------------------------------------------------------------------------------
# Pareto/NBD
# --------------------------------------------------------------------------------------------

def _pareto_log_a0(r, alpha, s, beta, x, tx, T) -> np.ndarray:
    """The log of A₀ of Fader & Hardie (2005), eq. (22)–(23), by log-sum-exp of the two ₂F₁ terms."""
    if alpha >= beta:
        big, b2 = alpha, s + 1.0
    else:
        big, b2 = beta, r + x
    rsx = r + s + x
    diff = abs(alpha - beta)
    q1, q2 = big + tx, big + T
    with np.errstate(all="ignore"):
        lf1 = np.log(special.hyp2f1(rsx, b2, rsx + 1.0, diff / q1)) - rsx * np.log(q1)
        lf2 = np.log(special.hyp2f1(rsx, b2, rsx + 1.0, diff / q2)) - rsx * np.log(q2)
        # ln(e^lf1 − e^lf2), lf1 ≥ lf2 (tₓ ≤ T); −∞ when tₓ = T
        return lf1 + np.log(-np.expm1(lf2 - lf1))


def _pareto_loglik(r, alpha, s, beta, x, tx, T) -> np.ndarray:
    """The log-likelihood per client (Fader & Hardie 2005, eq. (19) with A₀ of eq. (22)–(23))."""
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    first = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    second = np.log(s) - np.log(r + s + x) + _pareto_log_a0(r, alpha, s, beta, x, tx, T)
    return a1 + np.logaddexp(first, second)


@dataclass(frozen=True)
class ParetoNBDModel:
    """A Pareto/NBD model (fitted by :func:`fit_pareto_nbd`, or built from known parameters).

    Attributes
    ----------
    params : dict
        ``r, alpha, s, beta``: purchase rates λ ~ Gamma(r, rate α), dropout rates
        μ ~ Gamma(s, rate β) (α and β per ``unit``).
    loglik, unit, clients, repeat_buyers
        As in :class:`BGNBDModel`.

    Source: Schmittlein, Morrison & Colombo (1987); Fader & Hardie (2005), "A note on
    deriving the Pareto/NBD model and related expressions".
    """

    params: dict
    loglik: float = math.nan
    unit: str | None = None
    clients: float = math.nan
    repeat_buyers: float = math.nan

    name = "Pareto/NBD"

    def _p(self):
        p = self.params
        return float(p["r"]), float(p["alpha"]), float(p["s"]), float(p["beta"])

    def _p_alive(self, x, tx, T):
        r, alpha, s, beta = self._p()
        with np.errstate(all="ignore"):
            log_a0 = _pareto_log_a0(r, alpha, s, beta, x, tx, T)
            log_ratio = (np.log(s) - np.log(r + s + x) + (r + x) * np.log(alpha + T)
                         + s * np.log(beta + T) + log_a0)
        return 1.0 / (1.0 + np.exp(log_ratio))

    def p_alive(self, frequency, recency, T):
        """P(alive | x, tₓ, T) = 1 / (1 + s / (r + s + x) · (α + T)^{r+x} (β + T)^s · A₀).

        Source: Fader & Hardie (2005), eq. (24).
        """
        x, tx, t = _rfm(frequency, recency, T)
        return _as_output(self._p_alive(x, tx, t), _index_of(frequency, recency, T), "p_alive")

    def expected_purchases(self, t, frequency, recency, T):
        """E[Y(t) | x, tₓ, T] = (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^{s−1}] · P(alive).

        At s = 1 the bracket over (s − 1) is its limit ln((β + T + t)/(β + T)).
        Source: Fader & Hardie (2005), eq. (25) (Schmittlein et al. 1987, eq. 22).
        """
        r, alpha, s, beta = self._p()
        x, tx, T_ = _rfm(frequency, recency, T)
        t = float(_array([t], "t")[0])
        log_k = np.log((beta + T_ + t) / (beta + T_))
        if abs(s - 1.0) < 1e-8:
            bracket = log_k
        else:
            bracket = -np.expm1(-(s - 1.0) * log_k) / (s - 1.0)
        out = (r + x) * (beta + T_) / (alpha + T_) * bracket * self._p_alive(x, tx, T_)
        return _as_output(out, _index_of(frequency, recency, T), "expected_purchases")

    def loglik_of(self, frequency, recency, T, weights=None) -> float:
        """The log-likelihood of the data at this model's parameters."""
        x, tx, t = _rfm(frequency, recency, T)
        return float((_pareto_loglik(*self._p(), x, tx, t) * _weights(weights, len(x))).sum())


def fit_pareto_nbd(frequency, recency, T, *, unit: str | None = None, weights=None,
                   min_repeat_buyers: int = MIN_REPEAT_BUYERS) -> ParetoNBDModel:
    """Fit the Pareto/NBD model by maximum likelihood.

    Model (Schmittlein, Morrison & Colombo 1987): while alive a client buys as a Poisson
    process of rate λ ~ Gamma(r, α); its lifetime is exponential of rate μ ~ Gamma(s, β).
    Likelihood (Fader & Hardie 2005, eq. 19)::

        L = Γ(r + x) α^r β^s / Γ(r) · [1 / ((α + T)^{r+x} (β + T)^s) + s / (r + s + x) · A₀]

        A₀ (α ≥ β) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+tₓ)) / (α+tₓ)^{r+s+x}
                     − ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+T)) / (α+T)^{r+s+x}
        A₀ (α < β) = the same with β for α and r + x for s + 1

    computed in logs (log-sum-exp) with :func:`scipy.special.hyp2f1`, maximised over the
    log-parameters as :func:`fit_bgnbd` does. Parameters, returns and errors as there.
    """
    x, tx, t = _rfm(frequency, recency, T)
    w = _weights(weights, len(x))
    _check_repeat(x, w, ParetoNBDModel.name, min_repeat_buyers)
    (x, tx, t), w = _compress((x, tx, t), w)
    total = w.sum()

    def nll(z):
        r, alpha, s, beta = np.exp(z)
        return -float((_pareto_loglik(r, alpha, s, beta, x, tx, t) * w).sum()) / total

    scale = max(float(np.mean(t)), 1e-9)
    res = _fit(nll, np.log([1.0, scale, 1.0, scale]), ParetoNBDModel.name)
    r, alpha, s, beta = np.exp(res.x)
    return ParetoNBDModel(params={"r": float(r), "alpha": float(alpha), "s": float(s), "beta": float(beta)},
                          loglik=-float(res.fun) * total, unit=_unit_of(unit, frequency, recency, T),
                          clients=float(total), repeat_buyers=float(w[x > 0].sum()))


# --------------------------------------------------------------------------------------------
# Gamma-Gamma
# --------------------------------------------------------------------------------------------

def _gg_loglik(p, q, gamma, x, m) -> np.ndarray:
    """The log-density of m̄ given x in the Gamma-Gamma model (Fader & Hardie 2013, eq. 4)."""
    return (special.gammaln(p * x + q) - special.gammaln(p * x) - special.gammaln(q)
            + q * np.log(gamma) + (p * x - 1) * np.log(m) + p * x * np.log(x)
            - (p * x + q) * np.log(gamma + m * x))


def _spend_inputs(frequency, monetary) -> tuple[np.ndarray, np.ndarray]:
    x, m = _array(frequency, "frequency"), _array(monetary, "monetary")
    if len(x) != len(m):
        raise KBDataError("clv.length", lengths=f"{len(x)}, {len(m)}")
    if (x != np.round(x)).any():
        raise KBDataError("clv.not_whole", column="frequency", count=int((x != np.round(x)).sum()))
    zero = (x > 0) & (m <= 0)
    if zero.any():
        raise KBDataError("clv.monetary_not_positive", column="monetary", count=int(zero.sum()))
    return x, m


@dataclass(frozen=True)
class GammaGammaModel:
    """A Gamma-Gamma spend model (fitted by :func:`fit_gamma_gamma`, or built from parameters).

    Attributes
    ----------
    params : dict
        ``p, q, gamma``: the value of a purchase z ~ Gamma(p, rate ν), the client's ν ~
        Gamma(q, rate γ); the mean spend of a client is p/ν, of the population γp/(q − 1).
    loglik : float
        Log-likelihood of the repeat buyers' average spends.
    clients : float
        The (weighted) number of repeat buyers it was fitted on.

    Source: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves", JMR 42(4);
    Fader & Hardie (2013), "The Gamma-Gamma model of monetary value".
    """

    params: dict
    loglik: float = math.nan
    clients: float = math.nan

    name = "Gamma-Gamma"

    def expected_spend(self, frequency, monetary):
        """E[M | p, q, γ, m̄, x] = (γ + m̄ x) p / (p x + q − 1).

        The conditional expected average value of a purchase: a weighted mean of the
        population's γp/(q − 1) and the client's own m̄ (weight px / (px + q − 1)); a client
        without repeat purchases gets the population mean. Source: Fader & Hardie (2013),
        eq. (5); Fader, Hardie & Lee (2005), eq. (5). Where px + q − 1 ≤ 0 (a fitted q below 1
        and a client with few purchases) the expectation does not exist: NaN, never a negative or
        infinite spend.
        """
        p, q, gamma = (float(self.params[k]) for k in ("p", "q", "gamma"))
        x, m = _spend_inputs(frequency, monetary)
        denominator = p * x + q - 1
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(denominator > 0, (gamma + m * x) * p / denominator, np.nan)
        return _as_output(out, _index_of(frequency, monetary), "expected_spend")


def fit_gamma_gamma(frequency, monetary, *, weights=None,
                    min_repeat_buyers: int = MIN_REPEAT_BUYERS) -> GammaGammaModel:
    """Fit the Gamma-Gamma spend model by maximum likelihood on the repeat buyers.

    With x repeat purchases of mean value m̄ (clients with x = 0 are left out)::

        f(m̄ | p, q, γ, x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q m̄^{px−1} x^{px} / (γ + m̄ x)^{px+q}

    maximised over (ln p, ln q, ln γ). It assumes the spend does not depend on the purchase
    frequency (check the correlation of frequency and monetary before trusting it).

    Parameters
    ----------
    frequency, monetary : array-like
        Per client: repeat purchases and the mean value of the repeat purchases
        (:func:`clv_summary`).
    weights, min_repeat_buyers
        As in :func:`fit_bgnbd`.

    Returns
    -------
    GammaGammaModel
        ``.params`` ``{p, q, gamma}``, ``.loglik``.

    Raises
    ------
    KBDataError
        ``clv.*``: bad values, a repeat buyer with a mean spend ≤ 0, too few repeat buyers,
        no convergence.
    """
    x, m = _spend_inputs(frequency, monetary)
    w = _weights(weights, len(x))
    repeat = x > 0
    if float(w[repeat].sum()) < max(int(min_repeat_buyers), 1):
        raise KBDataError("clv.too_few_repeat", model=GammaGammaModel.name,
                          repeat=f"{float(w[repeat].sum()):g}", clients=f"{w.sum():g}",
                          minimum=min_repeat_buyers)
    (x, m), w = _compress((x[repeat], m[repeat]), w[repeat])
    total = w.sum()

    def nll(z):
        p, q, gamma = np.exp(z)
        return -float((_gg_loglik(p, q, gamma, x, m) * w).sum()) / total

    res = _fit(nll, np.log([1.0, 1.0, max(float(np.average(m, weights=w)), 1e-9)]), GammaGammaModel.name)
    p, q, gamma = np.exp(res.x)
    return GammaGammaModel(params={"p": float(p), "q": float(q), "gamma": float(gamma)},
                           loglik=-float(res.fun) * total, clients=float(total))


# --------------------------------------------------------------------------------------------
# CLV
# --------------------------------------------------------------------------------------------

def discount_per_step(discount_rate: float, discount_period: str = "Y", step: str = "M") -> float:
    """The discount rate of one ``step`` from a rate per ``discount_period``.

    ``(1 + d)^(len(step) / len(period)) − 1``: 10 % a year is (1.1)^(1/12) − 1 = 0.7974 % a
    month (lengths of :data:`UNITS`).
    """
    d = float(discount_rate)
    if not math.isfinite(d) or d <= -1:
        raise KBDataError("clv.discount", rate=str(discount_rate))
    ratio = UNITS[_unit(step, required=True)] / UNITS[_unit(discount_period, required=True)]
    return (1.0 + d) ** ratio - 1.0


def customer_lifetime_value(model, frequency, recency, T, monetary=None, *, spend_model=None,
                            horizon: int = 12, step: str | None = None, discount_rate: float = 0.10,
                            discount_period: str = "Y", margin: float = 1.0, unit: str | None = None):
    """The CLV of each client: the discounted expected margin over a horizon.

    ::

        CLV = Σ_{i=1..H} [E(Y(i·Δ) | x, tₓ, T) − E(Y((i−1)·Δ) | x, tₓ, T)] × spend × margin / (1 + d_step)^i

    with Δ = one ``step`` in the model's unit (len(step) / len(unit), lengths of
    :data:`UNITS`), ``d_step`` = :func:`discount_per_step` (the rate of ``discount_period``
    converted to the step), ``spend`` = ``spend_model.expected_spend(frequency, monetary)``
    when a Gamma-Gamma model is given, else ``monetary`` as it is (or 1 when None: the CLV
    is then in purchases). Every time unit is converted explicitly: the same clients valued
    with a model fitted in days or in weeks give the same CLV (the trap of mixing a weekly
    model with a monthly discount, in ``lifetimes``' docs, cannot happen silently).

    Parameters
    ----------
    model : BGNBDModel or ParetoNBDModel
        The purchase model; its ``unit`` (or ``unit=``) must be known.
    frequency, recency, T : array-like
        Per client, in the model's unit.
    monetary : array-like, optional
        The mean value of the repeat purchases.
    spend_model : GammaGammaModel, optional
        The spend model.
    horizon : int
        H, the number of steps (default 12).
    step : str, optional
        The length of one step (:data:`UNITS`); default ``discount_period``.
    discount_rate : float
        d per ``discount_period`` (default 0.10).
    discount_period : str
        The period of ``discount_rate`` (default ``"Y"``, a year).
    margin : float
        The share of the spend that is margin (1 = value in revenue).
    unit : str, optional
        The model's unit when the model does not carry it.

    Returns
    -------
    ndarray or Series
        The CLV per client (a Series with the input's index when given Series), with
        ``attrs`` (Series) ``unit``, ``step``, ``horizon``, ``discount_per_step``.

    Source: Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4) (CLV from the purchase and
    spend models); Gupta, Lehmann & Stuart (2004) (discounting per period).
    """
    u = _unit(unit if unit is not None else getattr(model, "unit", None), required=False)
    if u is None:
        raise KBDataError("clv.unit_missing", model=getattr(model, "name", "?"), units=", ".join(UNITS))
    step = _unit(step if step is not None else discount_period, required=True)
    H = int(horizon)
    if H < 1 or H != horizon:
        raise KBDataError("clv.horizon", horizon=str(horizon))
    d_step = discount_per_step(discount_rate, discount_period, step)
    delta = UNITS[step] / UNITS[u]
    x, _, _ = _rfm(frequency, recency, T)
    if spend_model is not None:
        if monetary is None:
            raise TypeError("a spend model needs the clients' monetary values")
        spend = np.asarray(spend_model.expected_spend(frequency, monetary), dtype="float64")
    elif monetary is not None:
        spend = _array(monetary, "monetary")
        if len(spend) != len(x):
            raise KBDataError("clv.length", lengths=f"{len(x)}, {len(spend)}")
    else:
        spend = np.ones(len(x))
    total = np.zeros(len(x))
    before = np.zeros(len(x))
    for i in range(1, H + 1):
        cum = np.atleast_1d(np.asarray(model.expected_purchases(i * delta, frequency, recency, T), dtype="float64"))
        total += (cum - before) / (1.0 + d_step) ** i
        before = cum
    out = total * spend * float(margin)
    index = _index_of(frequency, recency, T, monetary)
    if index is not None:
        series = pd.Series(out, index=index, name="clv")
        series.attrs.update(unit=u, step=step, horizon=H, discount_per_step=d_step)
        return series
    return out if out.size != 1 else float(out[0])


# --------------------------------------------------------------------------------------------
# From sales to frequency, recency, T, monetary
# --------------------------------------------------------------------------------------------

_PERIOD_FLOOR = {"D": None, "W": "W-SUN", "M": "M"}


def clv_summary(source, *, unit: str = "W", end=None, freq: str = "D") -> pd.DataFrame:
    """frequency, recency, T and monetary per client, in a stated time unit, at an end date.

    lifetimes' conventions (``summary_data_from_transaction_data``): the purchases of a client
    are grouped per ``freq`` period (default a day: several orders of one day are one purchase);
    ::

        frequency = purchase periods − 1            (the repeat purchases)
        recency   = (last − first) / len(unit)       (the age at the last purchase)
        T         = (end − first) / len(unit)        (the age at the end)
        monetary  = mean value of the repeat purchase periods (0 when frequency = 0)

    with ``first`` and ``last`` the first and last purchase periods (their first day when
    ``freq`` is ``"W"``, weeks from Monday, or ``"M"``) and lengths in days from
    :data:`UNITS`. Returns are not purchases: from a :class:`~kbcore.facts.Facts` the orders
    (shipments only, :meth:`Facts.orders`) are used, from a frame of lines the rows with
    revenue < 0 are left out.

    Parameters
    ----------
    source : Facts or DataFrame
        The facts of the company (preferred: the notebook's context) or a frame with
        ``client_id``, ``date``, ``revenue`` (one row per line or order).
    unit : str
        The unit of recency and T (:data:`UNITS`; default ``"W"``).
    end : date-like, optional
        The end of the observation (its day included); purchases after it are ignored.
        Default: ``facts.as_of`` (a Facts), else the last purchase day.
    freq : {"D", "W", "M"}
        The period purchases are grouped by.

    Returns
    -------
    DataFrame
        :data:`SUMMARY_COLUMNS`, one row per client with a purchase up to ``end``, sorted by
        client_id; ``attrs``: ``unit``, ``end``, ``freq`` (each column carries ``unit`` too,
        so that the fit functions find it).

    Raises
    ------
    KBDataError
        ``clv.missing_columns`` for a frame without the columns; ``clv.unit`` for an unknown
        unit or freq.
    """
    u = _unit(unit, required=True)
    if freq not in _PERIOD_FLOOR:
        raise KBDataError("clv.unit", unit=str(freq), units=", ".join(_PERIOD_FLOOR))
    if isinstance(source, Facts):
        stop = pd.Timestamp(end).normalize() if end is not None else source.as_of
        lines = source.orders(end=stop)[[C.client_id, C.date, C.revenue]]
    else:
        need = [c for c in (C.client_id, C.date, C.revenue) if c not in getattr(source, "columns", ())]
        if need:
            raise KBDataError("clv.missing_columns", columns=", ".join(need))
        lines = pd.DataFrame({C.client_id: ids(source[C.client_id]),
                              C.date: pd.to_datetime(source[C.date]).dt.normalize(),
                              C.revenue: pd.to_numeric(source[C.revenue], errors="coerce")})
        lines = lines.loc[lines[C.client_id].notna() & lines[C.date].notna()
                          & ~(lines[C.revenue] < 0)]
        stop = pd.Timestamp(end).normalize() if end is not None else (
            lines[C.date].max() if len(lines) else None)
        if stop is not None:
            lines = lines.loc[lines[C.date] <= stop]
    if not len(lines):
        out = pd.DataFrame({c: pd.Series(dtype="string" if c == C.client_id else
                                         "int64" if c == "frequency" else "float64")
                            for c in SUMMARY_COLUMNS})
        out.attrs.update(unit=u, end=stop, freq=freq)
        return out
    days = pd.to_datetime(lines[C.date]).dt.normalize()
    if _PERIOD_FLOOR[freq] is not None:
        days = days.dt.to_period(_PERIOD_FLOOR[freq]).dt.start_time
        stop_day = None if stop is None else stop.to_period(_PERIOD_FLOOR[freq]).start_time
    else:
        stop_day = stop
    per = (pd.DataFrame({C.client_id: ids(lines[C.client_id]).to_numpy(), "day": days.to_numpy(),
                         C.revenue: pd.to_numeric(lines[C.revenue]).fillna(0.0).to_numpy()})
           .groupby([C.client_id, "day"], sort=True, observed=True)[C.revenue].sum().reset_index())
    g = per.groupby(C.client_id, sort=True, observed=True)
    first = g["day"].transform("min")
    repeat = per.loc[per["day"] > first]
    agg = g.agg(first=("day", "min"), last=("day", "max"), periods=("day", "size"))
    monetary = repeat.groupby(C.client_id, observed=True)[C.revenue].mean()
    length = UNITS[u]
    out = pd.DataFrame({
        C.client_id: agg.index.astype("string"),
        "frequency": (agg["periods"] - 1).to_numpy(dtype="int64"),
        "recency": ((agg["last"] - agg["first"]).dt.days / length).to_numpy(dtype="float64"),
        "T": ((stop_day - agg["first"]).dt.days / length).to_numpy(dtype="float64"),
        "monetary": monetary.reindex(agg.index).fillna(0.0).to_numpy(dtype="float64"),
    })
    out = out.reset_index(drop=True)
    out.attrs.update(unit=u, end=stop, freq=freq)
    return out


# --------------------------------------------------------------------------------------------
# Simulation (tests, the benchmark, exercises)
# --------------------------------------------------------------------------------------------

def _ages(T, n: int | None) -> np.ndarray:
    t = np.asarray(T, dtype="float64")
    return np.full(int(n), float(t)) if t.ndim == 0 else t


def simulate_bgnbd(params: Mapping, T, *, n: int | None = None, seed: int = 0) -> pd.DataFrame:
    """Clients drawn from a BG/NBD model: ``frequency, recency, T`` (exact, vectorised).

    Each client: λ ~ Gamma(r, rate α), p ~ Beta(a, b), K ~ Geometric(p) (the repeat purchase
    after which it leaves), N ~ Poisson(λT) (purchases it would make in (0, T] if it never
    left); x = min(K, N); given N the purchase times are N uniform order statistics of (0, T],
    so tₓ = T · Beta(x, N − x + 1) for x > 0.

    Parameters
    ----------
    params : mapping
        ``r, alpha, a, b``.
    T : float or array-like
        The clients' ages at the end (one number for all ``n`` clients, or one per client).
    n : int, optional
        The number of clients when ``T`` is one number.
    seed : int
        The random seed (the same seed gives the same clients).
    """
    rng = np.random.default_rng(seed)
    t = _ages(T, n)
    lam = rng.gamma(params["r"], 1.0 / params["alpha"], len(t))
    p = rng.beta(params["a"], params["b"], len(t))
    k = rng.geometric(np.clip(p, 1e-12, 1.0))
    big_n = rng.poisson(lam * t)
    x = np.minimum(k, big_n)
    tx = np.where(x > 0, t * rng.beta(np.maximum(x, 1), np.maximum(big_n - x + 1, 1)), 0.0)
    return pd.DataFrame({"frequency": x.astype("int64"), "recency": tx, "T": t})


def simulate_pareto_nbd(params: Mapping, T, *, n: int | None = None, seed: int = 0) -> pd.DataFrame:
    """Clients drawn from a Pareto/NBD model: ``frequency, recency, T``.

    λ ~ Gamma(r, rate α), μ ~ Gamma(s, rate β), lifetime τ ~ Exponential(μ); the client buys
    N ~ Poisson(λ·min(τ, T)) times, the last at min(τ, T) · Beta(N, 1).
    """
    rng = np.random.default_rng(seed)
    t = _ages(T, n)
    lam = rng.gamma(params["r"], 1.0 / params["alpha"], len(t))
    mu = rng.gamma(params["s"], 1.0 / params["beta"], len(t))
    alive = np.minimum(rng.exponential(1.0 / mu), t)
    x = rng.poisson(lam * alive)
    tx = np.where(x > 0, alive * rng.beta(np.maximum(x, 1), 1.0), 0.0)
    return pd.DataFrame({"frequency": x.astype("int64"), "recency": tx, "T": t})


def simulate_gamma_gamma(params: Mapping, frequency, *, seed: int = 0) -> np.ndarray:
    """The mean spend of ``frequency`` purchases per client under a Gamma-Gamma model.

    ν ~ Gamma(q, rate γ); the sum of x purchases ~ Gamma(px, rate ν); m̄ = sum / x (0 for x = 0).
    """
    rng = np.random.default_rng(seed)
    x = np.asarray(frequency, dtype="float64")
    nu = rng.gamma(params["q"], 1.0 / params["gamma"], len(x))
    total = rng.gamma(np.maximum(params["p"] * x, 1e-12), 1.0 / nu)
    return np.where(x > 0, total / np.maximum(x, 1), 0.0)


# --------------------------------------------------------------------------------------------
# The seminar's method: the weighted yearly value and the value × potential map
# --------------------------------------------------------------------------------------------

def client_yearly_value(facts: Facts, clients: pd.DataFrame | None = None,
                        interactions: pd.DataFrame | None = None, *, years: int = 5,
                        last_year: int | None = None, measure: str = "auto",
                        rates: CostToServeRates = DEFAULT_RATES,
                        visit_kinds: tuple[str, ...] = VISIT_KINDS) -> pd.DataFrame:
    """Each client's value per calendar year over the last ``years`` full years.

    ::

        profit(y) = the client P&L of year y (client_pnl: gross margin − cost to serve)
        value(y)  = profit(y)   when the sales carry a cost of goods (measure "auto" or "profit")
                  = revenue(y)  otherwise (measure "revenue", or "auto" without cost)

    Parameters
    ----------
    facts : Facts
        The company's facts.
    clients, interactions : DataFrame, optional
        For the client P&L (payment terms, visits), as in
        :func:`~kbcore.analyses.profitability.client_pnl`.
    years : int
        The number of years (3–5 in the seminar; default 5). Years before the first sales day
        are left out (``attrs["years"]`` lists the years kept).
    last_year : int, optional
        The newest year. Default: the year of ``facts.as_of`` if that day is 31 December,
        else the year before (only full years are compared).
    measure : {"auto", "profit", "revenue"}
        What ``value`` is.
    rates, visit_kinds
        The cost-to-serve model of the client P&L.

    Returns
    -------
    DataFrame
        :data:`YEARLY_VALUE_COLUMNS`: one row per client and year with sales in it;
        ``attrs``: ``years`` (oldest → newest), ``measure`` (``"profit"`` or ``"revenue"``),
        ``missing`` (``("needs.sales.cost",)`` when profit was wanted but the cost of goods
        is unknown: with ``measure="profit"`` the values are then NaN).

    Source: the seminar's method (program 004, topic 4); the client P&L after Kaplan &
    Narayanan (2001), see :mod:`kbcore.analyses.profitability`.
    """
    if measure not in ("auto", "profit", "revenue"):
        raise ValueError(f"measure must be 'auto', 'profit' or 'revenue', not {measure!r}")
    empty = pd.DataFrame({c: pd.Series(dtype="string" if c == C.client_id else "float64")
                          for c in YEARLY_VALUE_COLUMNS})
    if not facts.has_sales:
        empty.attrs.update(years=[], measure="revenue" if measure == "revenue" else "profit", missing=())
        return empty
    as_of = facts.as_of
    if last_year is None:
        last_year = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    first_day = facts.first_day()
    span_years = [y for y in range(int(last_year) - int(years) + 1, int(last_year) + 1)
                  if first_day is None or y >= first_day.year]
    has_cost = bool(facts.clients()[C.cost].notna().any())
    use = "revenue" if measure == "revenue" or (measure == "auto" and not has_cost) else "profit"
    frames = []
    for y in span_years:
        pnl = client_pnl(facts, clients, interactions, rates=rates, start=f"{y}-01-01",
                         end=f"{y}-12-31", visit_kinds=visit_kinds)
        if len(pnl):
            frames.append(pd.DataFrame({C.client_id: ids(pnl[C.client_id]).to_numpy(), "year": y,
                                        C.revenue: pnl[C.revenue].to_numpy(dtype="float64"),
                                        "profit": pnl["profit"].to_numpy(dtype="float64")}))
    out = pd.concat(frames, ignore_index=True) if frames else empty.drop(columns="value")
    out["value"] = out[use] if use == "revenue" else out["profit"]
    out = out[YEARLY_VALUE_COLUMNS].sort_values([C.client_id, "year"], kind="mergesort").reset_index(drop=True)
    out[C.client_id] = out[C.client_id].astype("string")
    out["year"] = out["year"].astype("int64")
    out.attrs.update(years=span_years, measure=use,
                     missing=("needs.sales.cost",) if not has_cost and measure != "revenue" else ())
    return out


def weighted_client_value(yearly: pd.DataFrame, weights: Sequence[float] = DEFAULT_YEAR_WEIGHTS, *,
                          years: Sequence[int] | None = None, since_first: bool = False) -> pd.DataFrame:
    """The weighted yearly value of each client: recent years weigh more.

    ::

        w_k = weights_k / Σ weights              (oldest → newest, k = 1..K)
        weighted_value = Σ_k w_k · value(year_k)  (a year without sales counts 0)

    With fewer years in the data than weights, the newest weights are kept and normalised
    again (3 years with the default weights: 0.2, 0.25, 0.3 → 0.2667, 0.3333, 0.4). With
    ``since_first`` the years before a client's first year with sales are left out of its
    sum and its weights normalised again (a new client is not counted 0 for years it did not
    exist); by default they count 0, as the seminar's table does.

    Parameters
    ----------
    yearly : DataFrame
        ``client_id, year, value`` (:func:`client_yearly_value`); ``attrs["years"]`` gives
        the years (else the years present).
    weights : sequence of float
        Recency weights oldest → newest (default 0.1, 0.15, 0.2, 0.25, 0.3), ≥ 0, not all 0.
    years : sequence of int, optional
        The years to weigh (default ``attrs["years"]``, else the distinct years of the table).
    since_first : bool
        See above.

    Returns
    -------
    DataFrame
        :data:`WEIGHTED_VALUE_COLUMNS`: ``years_active`` (years with sales among the weighed
        ones), ``mean_value`` (plain mean over the weighed years), ``last_value`` (the newest
        year), ``weighted_value``; sorted by weighted_value descending (ties by client_id).
        ``attrs``: ``weights`` ({year: normalised weight}), ``measure`` and ``missing``
        carried from ``yearly``.

    Source: the seminar's method (program 004, topic 4: "a weighted profit, recent years weigh
    more"), our reading; the weights are a trainer's parameter.
    """
    w = np.asarray([float(v) for v in weights], dtype="float64")
    if not len(w) or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise KBDataError("clv.year_weights", weights=", ".join(f"{v:g}" for v in w))
    if years is None:
        years = yearly.attrs.get("years") or sorted(pd.unique(yearly["year"]).tolist())
    years = sorted(int(y) for y in years)[-len(w):]
    w = w[len(w) - len(years):] if years else w[:0]
    w = w / w.sum() if len(w) else w
    wide = (yearly.loc[yearly["year"].isin(years)]
            .pivot_table(index=C.client_id, columns="year", values="value", aggfunc="sum", observed=True)
            .reindex(columns=years))
    present = wide.notna().to_numpy()
    values = wide.fillna(0.0).to_numpy(dtype="float64")
    if since_first and len(years):
        started = np.maximum.accumulate(present, axis=1)
        ww = np.where(started, w, 0.0)
        ww = ww / np.where(ww.sum(axis=1, keepdims=True) > 0, ww.sum(axis=1, keepdims=True), 1.0)
        counted = started.sum(axis=1)
    else:
        ww = np.broadcast_to(w, values.shape)
        counted = np.full(len(values), len(years))
    out = pd.DataFrame({
        C.client_id: wide.index.astype("string"),
        "years_active": present.sum(axis=1).astype("int64"),
        "mean_value": values.sum(axis=1) / np.maximum(counted, 1),
        "last_value": values[:, -1] if len(years) else np.zeros(len(values)),
        "weighted_value": (values * ww).sum(axis=1),
    })
    out = out.sort_values(["weighted_value", C.client_id], ascending=[False, True],
                          kind="mergesort").reset_index(drop=True)
    out.attrs.update(weights=dict(zip(years, w.tolist(), strict=True)), measure=yearly.attrs.get("measure"),
                     missing=tuple(yearly.attrs.get("missing", ())))
    return out


def _level(values: pd.Series, cut) -> tuple[pd.Series, float]:
    known = values.dropna()
    if isinstance(cut, str):
        if cut != "median":
            raise KBDataError("clv.map_cut", cut=cut)
        level = float(known.median()) if len(known) else math.nan
    else:
        level = float(cut)
    out = pd.Series(pd.NA, index=values.index, dtype="string")
    out[values.notna() & (values >= level)] = "high"
    out[values.notna() & (values < level)] = "low"
    return out, level


def value_potential_map(values, potential=None, *, value_cut="median", potential_cut="median",
                        actions: Mapping[tuple[str, str], str] = MAP_ACTIONS,
                        potential_column: str = C.potential) -> pd.DataFrame:
    """Clients on a value × potential grid, with the action of their cell.

    ::

        value_level     = "high" if weighted_value ≥ value_cut else "low"
        potential_level = "high" if potential ≥ potential_cut else "low"
        action          = actions[(value_level, potential_level)]   (MAP_ACTIONS by default)

    A cut is a number or ``"median"`` (the median over the clients that have the measure:
    half the clients on each side).

    Parameters
    ----------
    values : DataFrame or Series
        :func:`weighted_client_value` (``client_id, weighted_value``), or a Series of
        values indexed by client_id.
    potential : DataFrame or Series, optional
        The client list (``client_id`` and ``potential_column``: what the client could buy a
        year, in money) or a Series indexed by client_id. Missing, or without any value →
        levels and actions NA, ``attrs["missing"] = ("needs.clients.potential",)``.
    value_cut, potential_cut : float or "median"
        The cuts.
    actions : mapping
        Action id per (value level, potential level).
    potential_column : str
        The column of ``potential`` (default ``potential``).

    Returns
    -------
    DataFrame
        :data:`MAP_COLUMNS`, one row per client of ``values``, in its order; ``attrs``:
        ``value_cut``, ``potential_cut`` (the numbers used), ``missing``.

    Source: the seminar's method (program 004, topic 4: "the opportunities for future profit,
    how to manage the relationship"), our reading; cuts and actions are parameters.
    """
    if isinstance(values, pd.DataFrame):
        v = pd.Series(values["weighted_value"].to_numpy(dtype="float64"),
                      index=ids(values[C.client_id]).to_numpy())
    else:
        v = pd.Series(pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64"),
                      index=ids(pd.Series(values.index)).to_numpy())
    pot = None
    if isinstance(potential, pd.DataFrame):
        if {C.client_id, potential_column} <= set(potential.columns):
            pot = pd.Series(pd.to_numeric(potential[potential_column], errors="coerce").to_numpy(dtype="float64"),
                            index=ids(potential[C.client_id]).to_numpy())
    elif isinstance(potential, pd.Series):
        pot = pd.Series(pd.to_numeric(potential, errors="coerce").to_numpy(dtype="float64"),
                        index=ids(pd.Series(potential.index)).to_numpy())
    if pot is not None:
        pot = pot[~pot.index.duplicated()]
        pot = pot.reindex(v.index)
        if not pot.notna().any():
            pot = None
    value_level, vcut = _level(v, value_cut)
    out = pd.DataFrame({C.client_id: pd.array(v.index, dtype="string"), "weighted_value": v.to_numpy(),
                        C.potential: np.nan if pot is None else pot.to_numpy(),
                        "value_level": value_level.to_numpy(),
                        "potential_level": pd.array([pd.NA] * len(v), dtype="string"),
                        "action": pd.array([pd.NA] * len(v), dtype="string")})
    pcut = math.nan
    if pot is not None:
        plevel, pcut = _level(pot, potential_cut)
        out["potential_level"] = plevel.to_numpy()
        cells = list(zip(out["value_level"].astype(object), out["potential_level"].astype(object), strict=True))
        out["action"] = pd.array([actions.get(c) if pd.notna(c[0]) and pd.notna(c[1]) else pd.NA
                                  for c in cells], dtype="string")
    out.attrs.update(value_cut=vcut, potential_cut=pcut,
                     missing=() if pot is not None else ("needs.clients.potential",))
    return out[MAP_COLUMNS]



# --------------------------------------------------------------------------------------------
# Reading the models: fit check, P(alive) grid, CLV per client, at-risk clients, comparison
# (added for the topic's views, charts and widgets)
# --------------------------------------------------------------------------------------------

def _bgnbd_pmf(params: Mapping, t: np.ndarray, x: int) -> np.ndarray:
    """P(X(t) = x) for a new BG/NBD client (Fader, Hardie & Lee 2005, eq. 8), vectorised over t."""
    r, alpha, a, b = (float(params[k]) for k in ("r", "alpha", "a", "b"))
    t = np.asarray(t, dtype="float64")
    lq = np.log(alpha) - np.log(alpha + t)       # ln(α/(α+t))
    with np.errstate(divide="ignore"):
        lp = np.log(t) - np.log(alpha + t)       # ln(t/(α+t)); −∞ at t = 0
    lb = special.betaln(a, b)
    log_nb = special.gammaln(r + x) - special.gammaln(r) - special.gammaln(x + 1) + r * lq
    with np.errstate(invalid="ignore"):
        first = np.exp(special.betaln(a, b + x) - lb + log_nb + np.where(x > 0, x * lp, 0.0))
    if x == 0:
        return first
    tail = np.zeros_like(t)
    for j in range(x):
        with np.errstate(invalid="ignore"):
            tail += np.exp(special.gammaln(r + j) - special.gammaln(r) - special.gammaln(j + 1)
                           + r * lq + np.where(j > 0, j * lp, 0.0))
    return first + np.exp(special.betaln(a + 1, b + x - 1) - lb) * (1.0 - tail)


def _pareto_pmf(params: Mapping, t: np.ndarray, x: int) -> np.ndarray:
    """P(X(t) = x) for a new Pareto/NBD client (Fader & Hardie 2006 note), vectorised over t."""
    r, alpha, s, beta = (float(params[k]) for k in ("r", "alpha", "s", "beta"))
    t = np.asarray(t, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        lp = np.where(x > 0, x * (np.log(t) - np.log(alpha + t)), 0.0)
        first = np.exp(special.gammaln(r + x) - special.gammaln(r) - special.gammaln(x + 1)
                       + r * (np.log(alpha) - np.log(alpha + t)) + lp + s * (np.log(beta) - np.log(beta + t)))
    if alpha >= beta:
        big, b2 = alpha, s + 1.0
    else:
        big, b2 = beta, r + x
    c = r + s + x + 1.0
    diff = abs(alpha - beta)
    # α^r β^s B(r+x, s+1)/B(r, s) times each term, in logs: with the large parameters of a barely
    # identified fit, big^(r+s) alone overflows a float
    log_factor = r * np.log(alpha) + s * np.log(beta) + special.betaln(r + x, s + 1) - special.betaln(r, s)
    with np.errstate(over="ignore", invalid="ignore"):
        b1 = np.exp(log_factor - (r + s) * np.log(big)) * special.hyp2f1(r + s, b2, c, diff / big)
    total = np.zeros_like(t)
    for j in range(x + 1):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            log_tj = np.where(j > 0, j * np.log(t), 0.0)
            total += np.exp(log_factor + special.gammaln(r + s + j) - special.gammaln(r + s) - special.gammaln(j + 1)
                            + log_tj - (r + s + j) * np.log(big + t)) \
                * special.hyp2f1(r + s + j, b2, c, diff / (big + t))
    return first + (b1 - total)


def purchase_probabilities(model, t, max_frequency: int = 7) -> pd.DataFrame:
    """P(X(t) = x) for x = 0 … ``max_frequency`` − 1 and "``max_frequency`` or more", per age t.

    The probability that a client just acquired makes x repeat purchases in its first t units
    of time. BG/NBD (Fader, Hardie & Lee 2005, eq. 8)::

        P(X(t)=x) = B(a, b+x)/B(a, b) · Γ(r+x)/(Γ(r) x!) · (α/(α+t))^r (t/(α+t))^x
                    + δ_{x>0} · B(a+1, b+x−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<x} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j]

    Pareto/NBD (Fader & Hardie 2006, "Deriving an expression for P(X(t) = x) under the
    Pareto/NBD model")::

        P(X(t)=x) = Γ(r+x)/(Γ(r) x!) (α/(α+t))^r (t/(α+t))^x (β/(β+t))^s
                    + α^r β^s B(r+x, s+1)/B(r, s) · [B₁ − Σ_{j=0..x} Γ(r+s+j)/(Γ(r+s) j!) t^j B₂(j)]
        α ≥ β: B₁ = ₂F₁(r+s, s+1; r+s+x+1; (α−β)/α) / α^{r+s},
               B₂(j) = ₂F₁(r+s+j, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^{r+s+j}
        α < β: the same with β for α and r + x for s + 1.

    Parameters
    ----------
    model : BGNBDModel or ParetoNBDModel
    t : float or array-like
        Ages (in the model's unit).
    max_frequency : int
        The open last class: "this many repeat purchases or more" (1 − the sum of the others).

    Returns
    -------
    DataFrame
        One row per t, columns 0 … ``max_frequency`` (the last is the open class).
    """
    m = int(max_frequency)
    if m < 1:
        raise ValueError("max_frequency must be at least 1")
    ages = _array(np.atleast_1d(t), "T")
    pmf = _bgnbd_pmf if isinstance(model, BGNBDModel) else _pareto_pmf
    cols = {x: np.clip(pmf(model.params, ages, x), 0.0, 1.0) for x in range(m)}
    cols[m] = np.clip(1.0 - np.sum(list(cols.values()), axis=0), 0.0, 1.0)
    return pd.DataFrame(cols)


def expected_repeat_counts(model, frequency, T, *, max_frequency: int = 7, weights=None) -> pd.DataFrame:
    """The model's fit check: actual against expected clients by number of repeat purchases.

    ::

        actual(x)   = the clients with frequency = x    (x < max_frequency; the last class ≥)
        expected(x) = Σ_i P(X(T_i) = x)                  (:func:`purchase_probabilities`)

    over the calibration period (each client observed for its own T since its first purchase),
    the check of Fader, Hardie & Lee (2005), fig. 2 (lifetimes' ``plot_period_transactions``
    draws it by simulation; here it is exact).

    Parameters
    ----------
    model : BGNBDModel or ParetoNBDModel
        The fitted purchase model.
    frequency, T : array-like
        Per client, as the model was fitted (:func:`clv_summary`).
    max_frequency : int
        The open last class (default 7: "7 or more").
    weights : array-like, optional
        Clients per row.

    Returns
    -------
    DataFrame
        ``frequency`` (0 … max_frequency), ``actual``, ``expected``; ``attrs``: ``open_ended``
        (True: the last class is "or more"), ``model`` (the model's name).
    """
    x = _array(frequency, "frequency")
    t = _array(T, "T")
    if len(x) != len(t):
        raise KBDataError("clv.length", lengths=f"{len(x)}, {len(t)}")
    w = _weights(weights, len(x))
    m = int(max_frequency)
    classes = np.minimum(x, m).astype("int64")
    actual = np.bincount(classes, weights=w, minlength=m + 1)[: m + 1]
    expected = np.zeros(m + 1)
    if len(t):
        ages, inverse = np.unique(t, return_inverse=True)
        per_age = np.bincount(np.ravel(inverse), weights=w, minlength=len(ages))
        probs = purchase_probabilities(model, ages, m).to_numpy()
        expected = per_age @ probs
    out = pd.DataFrame({"frequency": np.arange(m + 1, dtype="int64"), "actual": actual, "expected": expected})
    out.attrs.update(open_ended=True, model=getattr(model, "name", None))
    return out


def p_alive_matrix(model, T: float, *, max_frequency: int | None = None, points: int = 40) -> pd.DataFrame:
    """P(alive) over a grid of frequency × recency for clients of age T (the classic heat map).

    ``p[x, tₓ] = model.p_alive(x, tₓ, T)`` for x = 0 … ``max_frequency`` and ``points`` ages at
    the last purchase from 0 to T (x = 0 has only tₓ = 0; the rest of its row is NaN).

    Parameters
    ----------
    model : BGNBDModel or ParetoNBDModel
    T : float
        The clients' age at the end (e.g. the longest T of the data), in the model's unit.
    max_frequency : int, optional
        The largest frequency shown (default 20).
    points : int
        The number of recency values.

    Returns
    -------
    DataFrame
        Index ``frequency``, columns the recency values (floats), values P(alive); ``attrs``:
        ``T``, ``unit``.

    Source: Fader, Hardie & Lee (2005), fig. 3 (P(alive) as a function of recency and
    frequency); lifetimes' ``plot_probability_alive_matrix``.
    """
    T = float(T)
    if not math.isfinite(T) or T <= 0:
        raise KBDataError("clv.not_finite", column="T", count=1)
    fmax = 20 if max_frequency is None else max(int(max_frequency), 1)
    rec = np.linspace(0.0, T, max(int(points), 2))
    grid = np.full((fmax + 1, len(rec)), np.nan)
    grid[0, 0] = float(model.p_alive(0, 0.0, T))
    xs = np.repeat(np.arange(1, fmax + 1), len(rec)).astype("float64")
    txs = np.tile(rec, fmax)
    grid[1:, :] = np.asarray(model.p_alive(xs, txs, np.full(len(xs), T)), dtype="float64").reshape(fmax, len(rec))
    out = pd.DataFrame(grid, index=pd.Index(np.arange(fmax + 1), name="frequency"), columns=rec)
    out.attrs.update(T=T, unit=getattr(model, "unit", None))
    return out


@dataclass(frozen=True)
class ClvFits:
    """The three models fitted on one summary, or the error that stopped each (:func:`fit_models`).

    Attributes
    ----------
    bgnbd, pareto_nbd, gamma_gamma : model or None
        None when the model could not be fitted (its error is in ``errors``).
    errors : dict
        ``{"bgnbd" | "pareto_nbd" | "gamma_gamma": KBDataError}``.
    unit : str or None
        The time unit of the summary.
    """

    bgnbd: BGNBDModel | None
    pareto_nbd: ParetoNBDModel | None
    gamma_gamma: GammaGammaModel | None
    errors: dict
    unit: str | None = None

    def purchase_model(self, prefer: str = "bgnbd"):
        """The preferred purchase model when fitted, else the other one (None when neither)."""
        first, second = (self.bgnbd, self.pareto_nbd) if prefer == "bgnbd" else (self.pareto_nbd, self.bgnbd)
        return first if first is not None else second


HOMOGENEOUS_SHAPE = 1e4
"""A gamma shape above this (a coefficient of variation of 1 %) says the clients do not differ."""


def homogeneous(model, *, limit: float = HOMOGENEOUS_SHAPE) -> list[str]:
    """What the fitted model found to be the same for every client: ``purchase``, ``dropout``, ``spend``.

    ::

        purchase  when r > limit                (BG/NBD, Pareto/NBD: λ ~ Gamma(r, α), CV = 1/√r)
        dropout   when s > limit (Pareto/NBD), a + b > limit (BG/NBD: p ~ Beta(a, b))
        spend     when q > limit (Gamma-Gamma: ν ~ Gamma(q, γ))

    A heterogeneity parameter that grows without bound is the likelihood's way of saying the data
    show no difference between clients: the gamma (or beta) mixing distribution collapses to one
    value and the model is the plain Poisson / exponential / gamma process with the ratio as its
    rate (r/α purchases per unit, s/β dropouts per unit, a/(a+b) dropout chance). The individual
    numbers (r, α) then mean nothing on their own; their ratio still does. Small samples of similar
    clients end there (a sales-only export of 30 regular buyers does).

    Source: the mixing distributions of Schmittlein, Morrison & Colombo (1987), Fader, Hardie & Lee
    (2005), Colombo & Jiang (1999); the limit is our rule.
    """
    p = getattr(model, "params", None) or {}
    found = []
    if "r" in p and float(p["r"]) > limit:
        found.append("purchase")
    if ("s" in p and float(p["s"]) > limit) or ("a" in p and float(p["a"]) + float(p["b"]) > limit):
        found.append("dropout")
    if "q" in p and float(p["q"]) > limit:
        found.append("spend")
    return found


def fit_models(summary: pd.DataFrame, *, models: Sequence[str] = ("bgnbd", "pareto_nbd", "gamma_gamma"),
               unit: str | None = None, min_repeat_buyers: int = MIN_REPEAT_BUYERS) -> ClvFits:
    """Fit BG/NBD, Pareto/NBD and Gamma-Gamma on a :func:`clv_summary`, keeping each model's error.

    A model that cannot be fitted (too few repeat buyers, no convergence, bad values: a
    :class:`~kbcore.errors.KBDataError`) is None in the result and its error is kept in
    ``errors`` for the views to say why; the others are still fitted.

    Parameters
    ----------
    summary : DataFrame
        :func:`clv_summary` (``frequency, recency, T, monetary``).
    models : sequence of str
        Which models to fit (default all three).
    unit : str, optional
        The time unit (default ``summary.attrs["unit"]``).
    min_repeat_buyers : int
        As in :func:`fit_bgnbd`.

    Returns
    -------
    ClvFits
    """
    u = _unit_of(unit, summary) if unit is not None or summary.attrs.get("unit") else None
    fitted: dict[str, object] = {"bgnbd": None, "pareto_nbd": None, "gamma_gamma": None}
    errors: dict[str, KBDataError] = {}
    calls = {
        "bgnbd": lambda: fit_bgnbd(summary["frequency"], summary["recency"], summary["T"], unit=u,
                                   min_repeat_buyers=min_repeat_buyers),
        "pareto_nbd": lambda: fit_pareto_nbd(summary["frequency"], summary["recency"], summary["T"], unit=u,
                                             min_repeat_buyers=min_repeat_buyers),
        "gamma_gamma": lambda: fit_gamma_gamma(summary["frequency"], summary["monetary"],
                                               min_repeat_buyers=min_repeat_buyers),
    }
    for name in models:
        try:
            fitted[name] = calls[name]()
        except KBDataError as err:
            errors[name] = err
    return ClvFits(fitted["bgnbd"], fitted["pareto_nbd"], fitted["gamma_gamma"], errors, u)


CLIENT_CLV_COLUMNS = [C.client_id, "frequency", "recency", "T", "monetary", "p_alive", "expected_purchases",
                      "expected_spend", "clv"]


def client_clv(summary: pd.DataFrame, model, spend_model=None, *, period: str = "Y", horizon: int = 12,
               step: str = "M", discount_rate: float = 0.10, discount_period: str = "Y",
               margin: float = 1.0) -> pd.DataFrame:
    """Per client: P(alive), the expected purchases in the next period, the expected spend and the CLV.

    ::

        p_alive            = model.p_alive(x, tₓ, T)
        expected_purchases = E[Y(len(period) / len(unit)) | x, tₓ, T]   (the next ``period``)
        expected_spend     = Gamma-Gamma E[M | x, m̄] (the observed m̄ without a spend model)
        clv                = :func:`customer_lifetime_value` (horizon × step, discounted, × margin)

    A spend that the Gamma-Gamma formula cannot give (p·x + q − 1 ≤ 0, possible when q < 1) is
    NaN, and so is that client's CLV.

    Parameters
    ----------
    summary : DataFrame
        :func:`clv_summary`.
    model : BGNBDModel or ParetoNBDModel
        The purchase model (its unit known).
    spend_model : GammaGammaModel, optional
        The spend model.
    period : str
        The length of the "next period" of the expected purchases (:data:`UNITS`, default a year).
    horizon, step, discount_rate, discount_period, margin
        As in :func:`customer_lifetime_value`.

    Returns
    -------
    DataFrame
        :data:`CLIENT_CLV_COLUMNS`, sorted by clv descending (ties by client_id); ``attrs``:
        ``model``, ``unit``, ``period``, ``horizon``, ``step``, ``discount_rate``,
        ``discount_period``, ``discount_per_step``, ``margin``, ``spend`` (``"model"`` or
        ``"observed"``).

    Source: Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4).
    """
    u = _unit(getattr(model, "unit", None))
    if u is None:
        raise KBDataError("clv.unit_missing", model=getattr(model, "name", "?"), units=", ".join(UNITS))
    period = _unit(period, required=True)
    x, tx, T = (summary[c].to_numpy(dtype="float64") for c in ("frequency", "recency", "T"))
    m = summary["monetary"].to_numpy(dtype="float64")
    d_step = discount_per_step(discount_rate, discount_period, step)
    out = pd.DataFrame({C.client_id: pd.array(summary[C.client_id], dtype="string"), "frequency": x,
                        "recency": tx, "T": T, "monetary": m})
    if len(out):
        out["p_alive"] = np.atleast_1d(np.asarray(model.p_alive(x, tx, T), dtype="float64"))
        out["expected_purchases"] = np.atleast_1d(np.asarray(
            model.expected_purchases(UNITS[period] / UNITS[u], x, tx, T), dtype="float64"))
        if spend_model is not None:
            p, q = float(spend_model.params["p"]), float(spend_model.params["q"])
            ok = p * x + q - 1 > 0
            spend = np.full(len(x), np.nan)
            if ok.any():
                spend[ok] = np.atleast_1d(np.asarray(spend_model.expected_spend(x[ok], m[ok]), dtype="float64"))
        else:
            spend = m
        out["expected_spend"] = spend
        per_purchase = np.atleast_1d(np.asarray(customer_lifetime_value(
            model, x, tx, T, horizon=horizon, step=step, discount_rate=discount_rate,
            discount_period=discount_period), dtype="float64"))
        out["clv"] = per_purchase * spend * float(margin)
    else:
        for c in ("p_alive", "expected_purchases", "expected_spend", "clv"):
            out[c] = pd.Series(dtype="float64")
    out = out.sort_values(["clv", C.client_id], ascending=[False, True], kind="mergesort",
                          na_position="last").reset_index(drop=True)
    out.attrs.update(model=getattr(model, "name", None), unit=u, period=period, horizon=int(horizon), step=step,
                     discount_rate=float(discount_rate), discount_period=discount_period,
                     discount_per_step=d_step, margin=float(margin),
                     spend="model" if spend_model is not None else "observed")
    return out[CLIENT_CLV_COLUMNS]


def at_risk_clients(table: pd.DataFrame, value=None, *, p_alive_below: float = 0.5,
                    value_quantile: float = 0.75) -> pd.DataFrame:
    """The clients with a high past value and a low probability of being alive.

    ::

        past value ≥ its ``value_quantile`` over the clients (default: the top quarter)
        and  P(alive) < ``p_alive_below``

    Parameters
    ----------
    table : DataFrame
        :func:`client_clv` (``client_id, p_alive`` …).
    value : DataFrame or Series, optional
        The past value: :func:`weighted_client_value` (``weighted_value``) or a Series by
        client_id; default the repeat purchases' value, frequency × monetary.
    p_alive_below, value_quantile : float
        The two thresholds.

    Returns
    -------
    DataFrame
        The rows of ``table`` with a ``past_value`` column, the largest past value first;
        ``attrs``: ``value_cut``, ``p_alive_below``, ``value_source`` (``"weighted"``,
        ``"given"`` or ``"repeat_purchases"``).

    Source: our reading of Fader, Hardie & Lee (2005): a valuable client the model believes
    gone is the one to call first.
    """
    t = table.copy()
    if isinstance(value, pd.DataFrame):
        v = pd.Series(value["weighted_value"].to_numpy(dtype="float64"), index=ids(value[C.client_id]).to_numpy())
        source = "weighted"
    elif isinstance(value, pd.Series):
        v = pd.Series(pd.to_numeric(value, errors="coerce").to_numpy(dtype="float64"),
                      index=ids(pd.Series(value.index)).to_numpy())
        source = "given"
    else:
        v = pd.Series((t["frequency"] * t["monetary"]).to_numpy(dtype="float64"),
                      index=ids(t[C.client_id]).to_numpy())
        source = "repeat_purchases"
    v = v[~v.index.duplicated()]
    t["past_value"] = v.reindex(ids(t[C.client_id]).to_numpy()).to_numpy()
    known = t["past_value"].dropna()
    cut = float(known.quantile(float(value_quantile))) if len(known) else math.nan
    risky = t.loc[(t["past_value"] >= cut) & (t["p_alive"] < float(p_alive_below))]
    risky = risky.sort_values(["past_value", C.client_id], ascending=[False, True], kind="mergesort")
    risky = risky.reset_index(drop=True)
    risky.attrs.update(unit=table.attrs.get("unit"), value_cut=cut, p_alive_below=float(p_alive_below), value_source=source,
                       value_quantile=float(value_quantile))
    return risky


def model_comparison(fits: ClvFits, summary: pd.DataFrame, *, period: str = "Y") -> pd.DataFrame:
    """BG/NBD against Pareto/NBD on the same clients.

    Per model: the log-likelihood (higher is better; both have 4 parameters, so this is also the
    AIC order), the expected purchases of all clients in the next ``period`` (Σ E[Y(t)]), the
    mean P(alive) and the clients it believes alive with P ≥ 0.5.

    Returns
    -------
    DataFrame
        ``model`` (``"bgnbd"``, ``"pareto_nbd"``), ``fitted`` (bool), ``loglik``, ``params``
        (4), ``expected_purchases``, ``mean_p_alive``, ``alive_clients``; a model not fitted
        has NaN figures. ``attrs``: ``period``, ``unit``, ``best`` (the higher likelihood, or None).
    """
    period = _unit(period, required=True)
    x, tx, T = (summary[c].to_numpy(dtype="float64") for c in ("frequency", "recency", "T"))
    rows = []
    for name in ("bgnbd", "pareto_nbd"):
        m = getattr(fits, name)
        if m is None or not len(x):
            rows.append({"model": name, "fitted": m is not None, "loglik": math.nan if m is None else m.loglik,
                         "params": 4, "expected_purchases": math.nan, "mean_p_alive": math.nan,
                         "alive_clients": math.nan})
            continue
        p = np.atleast_1d(np.asarray(m.p_alive(x, tx, T), dtype="float64"))
        e = np.atleast_1d(np.asarray(m.expected_purchases(UNITS[period] / UNITS[m.unit or "D"], x, tx, T),
                                     dtype="float64"))
        rows.append({"model": name, "fitted": True, "loglik": float(m.loglik), "params": 4,
                     "expected_purchases": float(e.sum()), "mean_p_alive": float(p.mean()),
                     "alive_clients": int((p >= 0.5).sum())})
    out = pd.DataFrame(rows)
    fitted = out.loc[out["fitted"] & out["loglik"].notna()]
    out.attrs.update(period=period, unit=fits.unit,
                     best=None if not len(fitted) else str(fitted.loc[fitted["loglik"].idxmax(), "model"]))
    return out


def value_trend(yearly: pd.DataFrame, *, years: Sequence[int] | None = None, tolerance: float = 0.05) -> pd.DataFrame:
    """Whether each client's yearly value is rising, falling or stable.

    ::

        slope      = the least-squares slope of value(year) over the years (a year without
                     sales counts 0, as in :func:`weighted_client_value`)
        rel_slope  = slope / |mean value|        (the change per year as a share of the mean)
        trend      = "rising" if rel_slope > tolerance, "falling" if < −tolerance, else "stable"

    A client with a mean of 0 takes the sign of its slope; one year alone is "stable".

    Parameters
    ----------
    yearly : DataFrame
        :func:`client_yearly_value`.
    years : sequence of int, optional
        Default ``attrs["years"]``, else the years present.
    tolerance : float
        The change per year (share of the mean) below which the value is "stable" (default 5 %).

    Returns
    -------
    DataFrame
        ``client_id, slope, rel_slope, trend``.

    Source: ordinary least squares (Gauss); the threshold is our rule.
    """
    if years is None:
        years = yearly.attrs.get("years") or sorted(pd.unique(yearly["year"]).tolist())
    years = sorted(int(y) for y in years)
    wide = (yearly.loc[yearly["year"].isin(years)]
            .pivot_table(index=C.client_id, columns="year", values="value", aggfunc="sum", observed=True)
            .reindex(columns=years).fillna(0.0))
    values = wide.to_numpy(dtype="float64")
    if len(years) >= 2 and len(values):
        yr = np.asarray(years, dtype="float64") - np.mean(years)
        slope = (values - values.mean(axis=1, keepdims=True)) @ yr / float((yr ** 2).sum())
    else:
        slope = np.zeros(len(values))
    mean = np.abs(values.mean(axis=1)) if len(values) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(mean > 0, slope / np.where(mean > 0, mean, 1.0), np.sign(slope) * np.inf)
    rel = np.where(slope == 0, 0.0, rel)
    trend = np.where(rel > tolerance, "rising", np.where(rel < -tolerance, "falling", "stable"))
    return pd.DataFrame({C.client_id: pd.array(wide.index.astype(str), dtype="string"), "slope": slope,
                         "rel_slope": rel, "trend": pd.array(trend, dtype="string")})


MAP_CELL_COLUMNS = ["value_level", "potential_level", "action", "clients", "weighted_value", C.potential]


def map_cells(value_map: pd.DataFrame, actions: Mapping[tuple[str, str], str] = MAP_ACTIONS) -> pd.DataFrame:
    """The four cells of :func:`value_potential_map`: clients, their weighted value and potential.

    Returns
    -------
    DataFrame
        :data:`MAP_CELL_COLUMNS`, one row per cell in the order of ``actions`` (cells without
        clients have 0); ``attrs``: ``unplaced`` (clients without a potential, no cell),
        ``missing`` carried from the map.
    """
    rows = []
    for (vl, pl), action in actions.items():
        m = (value_map["value_level"] == vl) & (value_map["potential_level"] == pl)
        m = m.fillna(False).to_numpy(dtype=bool)
        rows.append({"value_level": vl, "potential_level": pl, "action": action, "clients": int(m.sum()),
                     "weighted_value": float(value_map.loc[m, "weighted_value"].sum()),
                     C.potential: float(value_map.loc[m, C.potential].sum())})
    out = pd.DataFrame(rows, columns=MAP_CELL_COLUMNS)
    out.attrs.update(unplaced=int(value_map["action"].isna().sum()),
                     missing=tuple(value_map.attrs.get("missing", ())))
    return out


def profit_margin(yearly: pd.DataFrame, *, year: int | None = None) -> float:
    """The clients' profit per unit of revenue in one year: the margin that turns a CLV in revenue into profit.

    ::

        margin = Σ_clients profit(year) / Σ_clients revenue(year)

    with profit the client P&L of :func:`client_yearly_value` (gross margin − cost to serve).
    The spend models value purchases in revenue; :func:`client_clv` times this margin is the
    CLV in the same profit the seminar's weighted yearly value counts.

    Parameters
    ----------
    yearly : DataFrame
        :func:`client_yearly_value`.
    year : int, optional
        The year; default the newest of ``attrs["years"]`` (else of the table).

    Returns
    -------
    float
        The margin; NaN when the profit is unknown (``attrs["measure"]`` is ``"revenue"``: no
        cost of goods), the year has no sales or its revenue is not above 0.

    Source: the client P&L after Kaplan & Narayanan (2001), :mod:`kbcore.analyses.profitability`;
    our reading of the seminar's "how much we earn from the client".
    """
    if yearly.attrs.get("measure") == "revenue" or not len(yearly):
        return math.nan
    if year is None:
        years = yearly.attrs.get("years") or sorted(pd.unique(yearly["year"]).tolist())
        if not years:
            return math.nan
        year = max(int(y) for y in years)
    rows = yearly.loc[yearly["year"] == int(year)]
    revenue = float(rows[C.revenue].sum())
    profit = rows["profit"].to_numpy(dtype="float64")
    if revenue <= 0 or not len(profit) or not np.isfinite(profit).all():
        return math.nan
    return float(profit.sum()) / revenue

"""Program 004, topic 7 · Customer satisfaction (удовлетвореност на клиентите) without self-deception.

Satisfaction is a key indicator of a CRM only when it is measured honestly: with the uncertainty
of a sample, knowing who did not answer, and checked against what the clients later did. This
module computes each of these from the surveys table and the sales:

* :func:`survey_answers` — the surveys table made uniform: one row per client asked, ``responded``
  (no column: every row is an answer), ``wave`` (no column: the year of the date), the NPS class,
  the client's segment and manager;
* :func:`nps_score`, :func:`nps_difference`, :func:`csat_score`, :func:`wilson_interval` — NPS with
  its standard error from the multinomial variance, the z-test of two NPS, CSAT as a mean with a
  t-interval and as a top-box share with Wilson's interval;
* :func:`satisfaction_by` — NPS and CSAT by segment, manager or wave, each group tested against the
  rest (with Holm's correction for testing many groups);
* :func:`response_rates`, :func:`client_windows`, :func:`nonresponse_bias` — the response rate, and
  respondents against non-respondents on revenue before the wave, lifecycle stage and churn after;
* :func:`stated_vs_revealed`, :func:`auc` — NPS class against the next period's churn and growth,
  and how well it separates churn compared with the client's own purchase trend;
* the measurement errors, each demonstrated on the data: :func:`sample_size_effect` and
  :func:`n_for_margin` (too small samples), :func:`active_only_effect` (surveying only active
  buyers), :func:`rescale`, :func:`scale_change_effect`, :func:`scale_by_wave` (a changed scale),
  :func:`timing_effect` (answers right after a delivery).

Sources: F. F. Reichheld, "The one number you need to grow", *Harvard Business Review* (December
2003) for NPS; the variance of NPS as a difference of two multinomial proportions, e.g. B. Rocks,
"The Net Promoter Score margin of error" (2016) and J. Sauro & J. R. Lewis, *Quantifying the User
Experience* (2nd ed. 2016), ch. 5; E. B. Wilson, "Probable inference, the law of succession, and
statistical inference", *JASA* 22 (1927); S. Holm, "A simple sequentially rejective multiple test
procedure", *Scandinavian Journal of Statistics* 6 (1979); J. A. Hanley & B. J. McNeil, "The
meaning and use of the area under a ROC curve", *Radiology* 143 (1982); R. M. Groves, "Nonresponse
rates and nonresponse bias in household surveys", *Public Opinion Quarterly* 70(5) (2006) for
non-response; T. L. Keiningham, B. Cooil, T. W. Andreassen & L. Aksoy, "A longitudinal examination
of Net Promoter and firm revenue growth", *Journal of Marketing* 71(3) (2007) for NPS against later
behaviour; J. Dawes, "Do data characteristics change according to the number of scale points
used?", *International Journal of Market Research* 50(1) (2008) for a changed scale. The tests are
SciPy's (``scipy.stats``). Every threshold is a parameter; churn windows and bands are our reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._params import confidence_level
from kbcore.analyses.lifecycle import DEFAULT_RULES, PROSPECT, StageRules, stage_history
from kbcore.analyses.share_of_wallet import NPS_GROUPS
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = [
    "NPS_GROUPS",
    "NPS_CLASSES",
    "CSAT_SCALE",
    "CUTS",
    "ANSWER_COLUMNS",
    "WINDOW_COLUMNS",
    "NonResponse",
    "StatedRevealed",
    "SampleSize",
    "Timing",
    "survey_answers",
    "pick_wave",
    "complete_waves",
    "wilson_interval",
    "nps_score",
    "nps_difference",
    "csat_score",
    "holm",
    "satisfaction_by",
    "response_rates",
    "client_windows",
    "nonresponse_bias",
    "auc",
    "stated_vs_revealed",
    "n_for_margin",
    "sample_size_effect",
    "active_only_effect",
    "rescale",
    "scale_change_effect",
    "scale_by_wave",
    "timing_effect",
]

NPS_CLASSES = tuple(g[2] for g in NPS_GROUPS)
"""The NPS classes in order: detractor (0–6), passive (7–8), promoter (9–10)."""
CSAT_SCALE = (1, 5)
"""The default CSAT scale: 1 (very dissatisfied) … 5 (very satisfied)."""
CUTS = ("segment", "manager", "wave")
"""The cuts of :func:`satisfaction_by`."""
SCALES = ((1, 5), (1, 7), (0, 10), (1, 10))
"""The usual answer scales :func:`scale_by_wave` recognises."""

ANSWER_COLUMNS = [C.client_id, C.date, C.wave, C.responded, C.csat, C.nps, "nps_class", C.segment,
                  C.manager]
"""The columns of :func:`survey_answers`."""
WINDOW_COLUMNS = ["revenue_before", "revenue_after", "bought_before", "purchases_after", "complete",
                  "churned", "growth", "trend", "last_purchase", "days_since_purchase"]
"""The columns :func:`client_windows` adds."""

_SPAN = 10 ** 7
_OFFSET = 5 * 10 ** 6


# --------------------------------------------------------------------------- helpers
def _bad(name: str, value, expected: str):
    raise KBDataError("satisfaction.error.parameter", name=name, value=repr(value), expected=expected)


def _level(level) -> float:
    return confidence_level(level, _bad)


def _z(level: float) -> float:
    """The two-sided normal quantile of ``level`` (0.95 → 1.96)."""
    return float(stats.norm.ppf(0.5 + _level(level) / 2))


def _scale(scale, name: str) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in scale)
    except (TypeError, ValueError):
        _bad(name, scale, "two numbers, the lowest and the highest answer (1, 5)")
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        _bad(name, scale, "two numbers, the lowest and the highest answer (1, 5)")
    return lo, hi


def _positive_int(value, name: str, minimum: int = 1) -> int:
    try:
        v = int(value)
    except (TypeError, ValueError):
        _bad(name, value, f"a whole number, at least {minimum}")
    if v < minimum or v != float(value):
        _bad(name, value, f"a whole number, at least {minimum}")
    return v


def _numbers(values) -> np.ndarray:
    arr = np.asarray(pd.to_numeric(pd.Series(np.ravel(np.asarray(values, dtype=object))), errors="coerce"),
                     dtype="float64")
    return arr[~np.isnan(arr)]


def _classes(scores: pd.Series, groups=NPS_GROUPS) -> pd.Series:
    """The NPS class id of each score (NA outside every group's range)."""
    s = pd.to_numeric(scores, errors="coerce").astype("float64")
    out = pd.Series(pd.NA, index=s.index, dtype="object")
    for lo, hi, gid in groups:
        out = out.mask((s >= lo) & (s <= hi), gid)
    return out.astype("string")


def _days(values) -> np.ndarray:
    """Dates as whole days since 1970 (int64), shifted to stay positive in the keys."""
    d = pd.to_datetime(pd.Series(values)).to_numpy("datetime64[ns]").astype("datetime64[D]")
    return d.astype(np.int64) + _OFFSET


def _from_days(days: np.ndarray) -> pd.DatetimeIndex:
    return pd.DatetimeIndex((np.asarray(days, dtype=np.int64) - _OFFSET).astype("datetime64[D]")
                            .astype("datetime64[ns]"))


def _two_proportions(k1, n1, k2, n2, level) -> dict:
    """Two independent proportions: difference, its Wald CI, the pooled z-test and Fisher's exact test."""
    out = {"diff": np.nan, "low": np.nan, "high": np.nan, "z": np.nan, "p_value": np.nan, "fisher_p": np.nan}
    if n1 <= 0 or n2 <= 0:
        return out
    p1, p2 = k1 / n1, k2 / n2
    diff = p1 - p2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    z = _z(level)
    out.update(diff=diff, low=diff - z * se, high=diff + z * se)
    pool = (k1 + k2) / (n1 + n2)
    se0 = math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
    if se0 > 0:
        zz = diff / se0
        out.update(z=zz, p_value=float(2 * stats.norm.sf(abs(zz))))
    out["fisher_p"] = float(stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)
    return out


# --------------------------------------------------------------------------- the answers
def survey_answers(surveys: pd.DataFrame | None, clients: pd.DataFrame | None = None, *,
                   as_of=None, nps_groups=NPS_GROUPS) -> pd.DataFrame:
    """The surveys table made uniform: one row per client asked, with its wave, class and owner.

    ::

        responded = surveys.responded                       (True = answered, False = asked,
                    else: the row has an NPS or CSAT answer   no answer)
                    no column: True for every row           (every row is an answer)
        wave      = surveys.wave, else the year of the date  (text)
        nps_class = detractor (0–6) / passive (7–8) / promoter (9–10)   (Reichheld 2003)
        segment, manager = the client's, from the clients table (``unknown`` when not set)

    Answers of non-respondents are ignored (set to NaN): a client who did not answer has no score.

    Parameters
    ----------
    surveys : DataFrame or None
        The surveys table (``date, client_id`` and ``csat``, ``nps``, ``responded``, ``wave``).
    clients : DataFrame, optional
        The clients table (``segment``, ``manager``).
    as_of : date-like, optional
        Rows dated after it are left out (default: every row).
    nps_groups : sequence of (low, high, id)
        The NPS classes (default :data:`NPS_GROUPS`).

    Returns
    -------
    DataFrame
        :data:`ANSWER_COLUMNS`, sorted by date and client. ``attrs["missing"]`` names what is
        absent: ``"surveys"``, ``"surveys.nps"``, ``"surveys.csat"``, ``"surveys.responded"`` (the
        response rate cannot be measured), ``"clients"``, ``"clients.segment"``,
        ``"clients.manager"``; ``attrs["wave_from_year"]`` is True when the wave was derived.

    Source: Reichheld (2003) for the classes; the rest is the schema's rule.
    """
    missing: list[str] = []
    empty = pd.DataFrame({C.client_id: pd.Series([], dtype="string"),
                          C.date: pd.Series([], dtype="datetime64[ns]"),
                          C.wave: pd.Series([], dtype="string"), C.responded: pd.Series([], dtype="bool"),
                          C.csat: pd.Series([], dtype="float64"), C.nps: pd.Series([], dtype="float64"),
                          "nps_class": pd.Series([], dtype="string"),
                          C.segment: pd.Series([], dtype="string"), C.manager: pd.Series([], dtype="string")})
    if surveys is None or not len(surveys) or not {C.client_id, C.date} <= set(surveys.columns):
        empty.attrs.update(missing=["surveys"], wave_from_year=False)
        return empty
    sv = surveys.assign(**{C.client_id: _ids(surveys[C.client_id]),
                           C.date: pd.to_datetime(surveys[C.date], errors="coerce")})
    sv = sv.loc[sv[C.client_id].notna() & (sv[C.client_id] != "") & sv[C.date].notna()]
    if as_of is not None:
        sv = sv.loc[sv[C.date] <= pd.Timestamp(as_of)]
    out = pd.DataFrame({C.client_id: sv[C.client_id].astype("string").to_numpy(),
                        C.date: sv[C.date].to_numpy("datetime64[ns]")})
    for col in (C.csat, C.nps):
        if col in sv.columns:
            out[col] = pd.to_numeric(sv[col], errors="coerce").astype("float64").to_numpy()
        else:
            missing.append(f"surveys.{col}")
            out[col] = np.nan
    answered = out[[C.csat, C.nps]].notna().any(axis=1).to_numpy()
    if C.responded in sv.columns:
        raw = sv[C.responded]
        if not pd.api.types.is_bool_dtype(raw):
            raw = raw.astype("string").str.strip().str.lower().map(
                {"true": True, "1": True, "1.0": True, "yes": True, "false": False, "0": False, "0.0": False,
                 "no": False})
        flag = pd.Series([pd.NA if pd.isna(x) else bool(x) for x in raw], dtype="boolean")
        out[C.responded] = np.where(flag.isna().to_numpy(), answered, flag.fillna(False).to_numpy(bool))
    else:
        missing.append("surveys.responded")
        out[C.responded] = True
    out.loc[~out[C.responded], [C.csat, C.nps]] = np.nan
    derived = C.wave not in sv.columns
    if derived:
        out[C.wave] = out[C.date].dt.year.astype("string")
    else:
        w = sv[C.wave].astype("string").str.strip().replace("", pd.NA).to_numpy()
        out[C.wave] = pd.array(w, dtype="string").fillna(out[C.date].dt.year.astype("string"))
    out["nps_class"] = _classes(out[C.nps], nps_groups).to_numpy()
    cl = None
    if clients is not None and len(clients) and C.client_id in clients.columns:
        cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(C.client_id)
        cl = cl.set_index(C.client_id)
    else:
        missing.append("clients")
    for col in (C.segment, C.manager):
        if cl is not None and col in cl.columns:
            v = cl[col].astype("string").str.strip().replace("", pd.NA)
            out[col] = out[C.client_id].map(v).astype("string").fillna(UNKNOWN).to_numpy()
        else:
            if cl is not None:
                missing.append(f"clients.{col}")
            out[col] = pd.array([UNKNOWN] * len(out), dtype="string")
    out = out.sort_values([C.date, C.client_id], kind="mergesort").reset_index(drop=True)
    out[C.wave] = out[C.wave].astype("string")
    out[C.responded] = out[C.responded].astype(bool)
    out = out[ANSWER_COLUMNS]
    out.attrs.update(missing=missing, wave_from_year=derived)
    return out


def _wave_order(answers: pd.DataFrame) -> list[str]:
    """The waves from the earliest to the latest (by their first date)."""
    if not len(answers):
        return []
    first = answers.groupby(C.wave, sort=False)[C.date].min().sort_values(kind="mergesort")
    return [str(w) for w in first.index]


def pick_wave(answers: pd.DataFrame, wave="latest") -> pd.DataFrame:
    """The rows of one survey wave, or of several.

    ``wave`` = ``"latest"`` (the last wave with an answer, by its first date), a wave id, a list
    of wave ids, or None or ``"all"`` (every wave: a client asked in several waves is then counted
    once per wave). ``attrs["wave"]`` names the wave(s) kept. An empty list keeps no row.

    Raises
    ------
    KBDataError
        When ``answers`` has rows and a wave id asked for is none of its waves (a mistyped wave
        would otherwise give empty tables without a word).
    """
    if wave is None or (isinstance(wave, str) and wave == "all"):
        out = answers
        kept = _wave_order(answers)
    else:
        if isinstance(wave, str) and wave == "latest":
            answered = answers.loc[answers[C.responded] & answers[[C.nps, C.csat]].notna().any(axis=1)]
            order = _wave_order(answered if len(answered) else answers)
            kept = order[-1:]
        else:
            kept = [str(wave)] if isinstance(wave, (str, int)) else [str(w) for w in wave]
            known = set(answers[C.wave].astype("string").dropna()) if len(answers) else set()
            unknown = [w for w in kept if w not in known]
            if len(answers) and unknown:
                _bad("wave", wave, "'latest', 'all' or waves of the surveys: " + ", ".join(_wave_order(answers)))
        out = answers.loc[answers[C.wave].isin(kept)]
    out = out.copy()
    out.attrs.update(answers.attrs)
    out.attrs["wave"] = kept
    return out


def complete_waves(facts: Facts, answers: pd.DataFrame, *, months: int = 12, as_of=None) -> list[str]:
    """The waves with a full window after them: what their clients did next is known.

    ::

        a wave is complete when  (its last row's date) + months ≤ as_of
        (as_of default ``facts.as_of``; no sales: no wave is complete)

    Churn and growth after a survey (:func:`client_windows`' ``complete``) exist only for these
    waves; the functions that report them drop the other rows themselves, and this list says which
    waves are left (e.g. yearly October waves 2022–2025 with sales to June 2026: 2022–2024).

    Parameters
    ----------
    facts : Facts
    answers : DataFrame
        :func:`survey_answers`.
    months : int
        The window after the survey (default 12).
    as_of : date-like, optional
        The last day observed (default ``facts.as_of``).

    Returns
    -------
    list of str
        The complete waves, earliest first (empty without answers or sales).

    Source: our reading (the same rule as :func:`client_windows`' ``complete``, per wave).
    """
    months = _positive_int(months, "months")
    if not len(answers) or (as_of is None and not facts.has_sales):
        return []
    at = pd.Timestamp(as_of).normalize() if as_of is not None else facts.as_of
    last = answers.groupby(C.wave, sort=False)[C.date].max()
    return [w for w in _wave_order(answers) if pd.Timestamp(last[w]) + pd.DateOffset(months=months) <= at]


# --------------------------------------------------------------------------- scores
def wilson_interval(k, n, *, level: float = 0.95) -> tuple[float, float]:
    """Wilson's score interval of a proportion k / n.

    ::

        p̂ = k / n,  z = the two-sided normal quantile of ``level``
        centre = (p̂ + z²/2n) / (1 + z²/n)
        half   = z / (1 + z²/n) × √(p̂(1 − p̂)/n + z²/4n²)
        (low, high) = centre ∓ half                 (NaN, NaN) when n = 0

    Unlike p̂ ± z√(p̂(1−p̂)/n) it stays inside [0, 1] and is right for small n and p̂ near 0 or 1.

    Source: E. B. Wilson, "Probable inference, the law of succession, and statistical
    inference", *JASA* 22 (1927).
    """
    n = float(n)
    if n <= 0:
        return (np.nan, np.nan)
    p = float(k) / n
    z = _z(level)
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z / den * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def nps_score(scores, *, level: float = 0.95, nps_groups=NPS_GROUPS) -> pd.Series:
    """The Net Promoter Score of a set of 0–10 answers, with its standard error and interval.

    ::

        p_P = promoters / n,  p_D = detractors / n         (n = answers in a class)
        NPS = 100 × (p_P − p_D)                            in points, −100 … +100
        Var = (p_P + p_D − (p_P − p_D)²) / n               (of p_P − p_D: the multinomial
                                                            variance of a difference of two
                                                            shares of one sample)
        SE  = 100 × √Var
        (low, high) = NPS ∓ z × SE, within [−100, 100]     (normal approximation; z from level)

    The interval is only as good as the normal approximation: with fewer than about 30 answers
    read it as a rough range. ``half_width`` = z × SE, the "margin of error".

    Parameters
    ----------
    scores : array-like
        The answers 0–10 (NaN and answers outside every class are left out).
    level : float
        The confidence level (default 0.95).
    nps_groups : sequence of (low, high, id)
        The classes (default :data:`NPS_GROUPS`).

    Returns
    -------
    Series
        ``n, promoters, passives, detractors, p_promoters, p_passives, p_detractors, nps, se,
        low, high, half_width`` (NaN scores with n = 0).

    Source: Reichheld (2003); the variance as in Rocks (2016) and Sauro & Lewis (2016).
    """
    z = _z(level)
    cls = _classes(pd.Series(_numbers(scores)), nps_groups)
    counts = cls.value_counts()
    ids = [g[2] for g in nps_groups]
    k = {g: int(counts.get(g, 0)) for g in ids}
    n = sum(k.values())
    out = {"n": float(n), "promoters": float(k.get("promoter", 0)), "passives": float(k.get("passive", 0)),
           "detractors": float(k.get("detractor", 0))}
    if n == 0:
        out.update(p_promoters=np.nan, p_passives=np.nan, p_detractors=np.nan, nps=np.nan, se=np.nan,
                   low=np.nan, high=np.nan, half_width=np.nan)
        return pd.Series(out, dtype="float64")
    pp, pa, pd_ = out["promoters"] / n, out["passives"] / n, out["detractors"] / n
    var = max(pp + pd_ - (pp - pd_) ** 2, 0.0) / n
    score = 100 * (pp - pd_)
    se = 100 * math.sqrt(var)
    out.update(p_promoters=pp, p_passives=pa, p_detractors=pd_, nps=score, se=se,
               low=max(-100.0, score - z * se), high=min(100.0, score + z * se), half_width=z * se)
    return pd.Series(out, dtype="float64")


def _as_nps(x, level, nps_groups) -> pd.Series:
    if isinstance(x, pd.Series) and "p_promoters" in x.index:
        return x
    return nps_score(x, level=level, nps_groups=nps_groups)


def nps_difference(a, b, *, level: float = 0.95, nps_groups=NPS_GROUPS) -> pd.Series:
    """Is the NPS of two independent groups different? The z-test of ΔNPS.

    ::

        ΔNPS = NPS_a − NPS_b
        SE   = 100 × √(Var_a + Var_b) = √(SE_a² + SE_b²)         (Var as in :func:`nps_score`,
                                                                already divided by its n)
        z    = ΔNPS / SE,   p = 2 × (1 − Φ(|z|))                  (two-sided, normal)
        (low, high) = ΔNPS ∓ z_level × SE

    The two groups must be different clients (two segments, two waves of different samples);
    the same clients asked twice are not independent.

    Parameters
    ----------
    a, b : array-like of 0–10 answers, or :func:`nps_score` results
    level : float
        The confidence level of the difference's interval (default 0.95).

    Returns
    -------
    Series
        ``nps_a, nps_b, n_a, n_b, diff, se, z, p_value, low, high``.

    Source: Rocks (2016), "The Net Promoter Score margin of error"; Sauro & Lewis (2016), ch. 5.
    """
    sa, sb = _as_nps(a, level, nps_groups), _as_nps(b, level, nps_groups)
    out = {"nps_a": sa["nps"], "nps_b": sb["nps"], "n_a": sa["n"], "n_b": sb["n"], "diff": np.nan,
           "se": np.nan, "z": np.nan, "p_value": np.nan, "low": np.nan, "high": np.nan}
    if sa["n"] > 0 and sb["n"] > 0:
        diff = sa["nps"] - sb["nps"]
        se = math.hypot(sa["se"], sb["se"])
        zl = _z(level)
        out.update(diff=diff, se=se, low=diff - zl * se, high=diff + zl * se)
        if se > 0:
            zz = diff / se
            out.update(z=zz, p_value=float(2 * stats.norm.sf(abs(zz))))
    return pd.Series(out, dtype="float64")


def csat_score(scores, *, scale=CSAT_SCALE, top_box: int = 2, level: float = 0.95) -> pd.Series:
    """CSAT as a mean with its t-interval and as the top-box share with Wilson's interval.

    ::

        mean, sd = of the answers within the scale (others left out)
        (low, high) = mean ∓ t(n − 1) × sd / √n            (Student's t, two-sided)
        top box     = share of answers ≥ scale_max − top_box + 1   (top-2-box on 1–5: 4 and 5)
        (top_low, top_high) = Wilson's interval of the top box (:func:`wilson_interval`)

    Parameters
    ----------
    scores : array-like
        The answers.
    scale : (low, high)
        The answer scale (default 1–5).
    top_box : int
        How many of the highest answers count as satisfied (default 2).
    level : float
        The confidence level (default 0.95).

    Returns
    -------
    Series
        ``n, mean, sd, low, high, top_box, top_low, top_high`` (NaN with n = 0; the t-interval
        needs n ≥ 2).

    Source: Student's t-interval (scipy.stats.t); Wilson (1927) for the top-box share.
    """
    lo, hi = _scale(scale, "scale")
    top_box = _positive_int(top_box, "top_box")
    x = _numbers(scores)
    x = x[(x >= lo) & (x <= hi)]
    n = len(x)
    out = {"n": float(n), "mean": np.nan, "sd": np.nan, "low": np.nan, "high": np.nan, "top_box": np.nan,
           "top_low": np.nan, "top_high": np.nan}
    if n:
        out["mean"] = float(x.mean())
        k = int((x >= hi - top_box + 1).sum())
        out["top_box"] = k / n
        out["top_low"], out["top_high"] = wilson_interval(k, n, level=level)
    if n >= 2:
        sd = float(x.std(ddof=1))
        half = float(stats.t.ppf(0.5 + _level(level) / 2, n - 1)) * sd / math.sqrt(n)
        out.update(sd=sd, low=out["mean"] - half, high=out["mean"] + half)
    return pd.Series(out, dtype="float64")


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjustment of several p-values (NaN kept).

    ::

        sort the m p-values p(1) ≤ … ≤ p(m);  adj(i) = max_{j ≤ i} min(1, (m − j + 1) p(j))

    Testing many groups, some fall below 0.05 by chance (with 20 groups, about one); the
    adjusted p-value keeps the chance of any false alarm at the level.

    Source: S. Holm, "A simple sequentially rejective multiple test procedure", *Scandinavian
    Journal of Statistics* 6 (1979).
    """
    p = np.asarray(p_values, dtype="float64")
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if not m:
        return out
    idx = np.where(ok)[0]
    order = idx[np.argsort(p[idx], kind="mergesort")]
    adj = np.minimum(1.0, (m - np.arange(m)) * p[order])
    out[order] = np.maximum.accumulate(adj)
    return out


def satisfaction_by(answers: pd.DataFrame, *, by: str = "segment", wave="latest", level: float = 0.95,
                    min_n: int = 30, csat_scale=CSAT_SCALE, top_box: int = 2,
                    nps_groups=NPS_GROUPS) -> pd.DataFrame:
    """NPS and CSAT of each group (segment, manager or wave), each tested against the rest.

    ::

        per group g (answers of the chosen wave(s)):
          NPS_g with SE and interval                         (:func:`nps_score`)
          diff_rest = NPS_g − NPS_rest,  z, p_value          (:func:`nps_difference`, g vs all others)
          p_holm    = Holm's adjustment of the groups' p     (:func:`holm`)
          CSAT mean, its t-interval and top box              (:func:`csat_score`)
          csat_p    = Welch's t-test of CSAT_g vs the rest   (scipy.stats.ttest_ind, unequal variances)
          small     = n < min_n                              (read the interval as rough)

    A group "differs" only when its adjusted p is small: with many groups one of them looks
    different by chance. With ``by="wave"`` all waves are used and each wave is compared with the
    others (the same clients may answer in several waves: the test is then approximate).

    Parameters
    ----------
    answers : DataFrame
        :func:`survey_answers`.
    by : {"segment", "manager", "wave"}
        The cut.
    wave : "latest", wave id(s) or None
        The wave(s) used (:func:`pick_wave`); ignored for ``by="wave"``.
    level : float
        The confidence level (default 0.95).
    min_n : int
        Fewer answers than this mark the group as small (default 30).
    csat_scale, top_box
        As in :func:`csat_score`.

    Returns
    -------
    DataFrame
        ``group, n, promoters, passives, detractors, nps, se, low, high, diff_rest, z, p_value, p_holm,
        csat_n, csat_mean, csat_low, csat_high, top_box, csat_p, small`` — one row per group, the
        largest first (waves in time order). ``attrs``: ``overall`` (:func:`nps_score` of all),
        ``overall_csat``, ``by``, ``wave``, ``level``, ``missing`` (``"surveys.nps"``,
        ``"clients.segment"``, ``"clients.manager"`` …).

    Source: Reichheld (2003); Rocks (2016); Holm (1979); B. L. Welch, "The generalization of
    Student's problem when several different population variances are involved", *Biometrika*
    34 (1947).
    """
    if by not in CUTS:
        _bad("by", by, "'segment', 'manager' or 'wave'")
    _level(level)
    min_n = _positive_int(min_n, "min_n")
    missing = [m for m in answers.attrs.get("missing", [])
               if m in ("surveys", "surveys.nps", "surveys.csat", "clients", f"clients.{by}")]
    rows_all = pick_wave(answers, None if by == "wave" else wave)
    resp = rows_all.loc[rows_all[C.responded]]
    cols = ["group", "n", "promoters", "passives", "detractors", "nps", "se", "low", "high", "diff_rest", "z",
            "p_value", "p_holm", "csat_n", "csat_mean", "csat_low", "csat_high", "top_box", "csat_p", "small"]
    overall = nps_score(resp[C.nps], level=level, nps_groups=nps_groups)
    overall_csat = csat_score(resp[C.csat], scale=csat_scale, top_box=top_box, level=level)
    if by == "wave":
        names = [w for w in _wave_order(resp)]
    else:
        counts = resp.loc[resp[[C.nps, C.csat]].notna().any(axis=1), by].value_counts()
        names = sorted(counts.index, key=lambda g: (-int(counts[g]), str(g)))
    rows = []
    lo_c, hi_c = _scale(csat_scale, "csat_scale")
    for g in names:
        inside = (resp[by] == g).to_numpy(dtype=bool)
        s = nps_score(resp.loc[inside, C.nps], level=level, nps_groups=nps_groups)
        d = nps_difference(s, nps_score(resp.loc[~inside, C.nps], level=level, nps_groups=nps_groups),
                           level=level)
        c = csat_score(resp.loc[inside, C.csat], scale=csat_scale, top_box=top_box, level=level)
        xa = _numbers(resp.loc[inside, C.csat])
        xb = _numbers(resp.loc[~inside, C.csat])
        xa, xb = xa[(xa >= lo_c) & (xa <= hi_c)], xb[(xb >= lo_c) & (xb <= hi_c)]
        cp = np.nan
        if len(xa) >= 2 and len(xb) >= 2 and (np.ptp(xa) > 0 or np.ptp(xb) > 0):
            cp = float(stats.ttest_ind(xa, xb, equal_var=False).pvalue)
        rows.append({"group": str(g), "n": s["n"], "promoters": s["promoters"], "passives": s["passives"],
                     "detractors": s["detractors"], "nps": s["nps"], "se": s["se"], "low": s["low"],
                     "high": s["high"], "diff_rest": d["diff"], "z": d["z"], "p_value": d["p_value"],
                     "p_holm": np.nan, "csat_n": c["n"], "csat_mean": c["mean"], "csat_low": c["low"],
                     "csat_high": c["high"], "top_box": c["top_box"], "csat_p": cp,
                     "small": bool(s["n"] < min_n)})
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out["p_holm"] = holm(out["p_value"].to_numpy("float64"))
    for col in cols[1:-1]:
        out[col] = out[col].astype("float64")
    for col in ("n", "promoters", "passives", "detractors", "csat_n"):
        out[col] = out[col].astype("int64")
    out["group"] = out["group"].astype("string")
    out["small"] = out["small"].astype(bool)
    out.attrs.update(overall=overall, overall_csat=overall_csat, by=by, wave=rows_all.attrs.get("wave"),
                     level=float(level), min_n=min_n, missing=missing)
    return out


# --------------------------------------------------------------------------- who answers
def response_rates(answers: pd.DataFrame, *, by: str = "wave", level: float = 0.95) -> pd.DataFrame:
    """How many of the clients asked answered, per wave (or segment, manager), with Wilson's interval.

    ::

        asked     = rows (clients asked) of the group
        responded = rows with responded = True
        rate      = responded / asked,  (low, high) = Wilson's interval (:func:`wilson_interval`)

    Without a ``responded`` column every row is an answer and the rate cannot be known: ``rate``
    is NaN and ``attrs["missing"]`` = ``["surveys.responded"]``.

    Parameters
    ----------
    answers : DataFrame
        :func:`survey_answers`.
    by : {"wave", "segment", "manager"}
        The rows of the table (default the waves, in time order).
    level : float
        The confidence level (default 0.95).

    Returns
    -------
    DataFrame
        ``group, asked, responded, rate, low, high``; ``attrs["total"]`` the same for all rows.

    Source: the response rate (AAPOR, *Standard Definitions*, RR1: answers / eligible asked);
    Wilson (1927).
    """
    if by not in CUTS:
        _bad("by", by, "'wave', 'segment' or 'manager'")
    known = "surveys.responded" not in answers.attrs.get("missing", []) and "surveys" not in answers.attrs.get(
        "missing", [])
    names = _wave_order(answers) if by == "wave" else sorted(answers[by].dropna().unique(), key=str)
    rows = []

    def row(name, part):
        asked, k = len(part), int(part[C.responded].sum())
        lo, hi = wilson_interval(k, asked, level=level) if known else (np.nan, np.nan)
        return {"group": str(name), "asked": asked, "responded": k,
                "rate": k / asked if known and asked else np.nan, "low": lo, "high": hi}

    for name in names:
        rows.append(row(name, answers.loc[answers[by] == name]))
    out = pd.DataFrame(rows, columns=["group", "asked", "responded", "rate", "low", "high"])
    out["group"] = out["group"].astype("string")
    for col in ("asked", "responded"):
        out[col] = out[col].astype("int64")
    for col in ("rate", "low", "high"):
        out[col] = out[col].astype("float64")
    missing = [m for m in answers.attrs.get("missing", []) if m in ("surveys", "surveys.responded")]
    out.attrs.update(total=row("all", answers), missing=missing, by=by, level=float(level))
    return out


class _Windows:
    """The facts' documents keyed by (client, day) for sums over per-row windows (vectorised)."""

    def __init__(self, facts: Facts, as_of: pd.Timestamp):
        docs = facts.documents if facts.has_sales else pd.DataFrame(
            {C.client_id: pd.Series([], dtype="string"), C.date: pd.Series([], dtype="datetime64[ns]"),
             C.revenue: pd.Series([], dtype="float64"), "is_return": pd.Series([], dtype="bool")})
        docs = docs.loc[pd.to_datetime(docs[C.date]) <= as_of]
        ids = _ids(docs[C.client_id]).astype("string")
        self.index = pd.Index(ids.dropna().unique(), dtype="string")
        code = self.index.get_indexer(ids).astype(np.int64)
        key = code * _SPAN + _days(docs[C.date].to_numpy())
        order = np.argsort(key, kind="stable")
        self.key = key[order]
        self.cum = np.concatenate([[0.0], np.cumsum(docs[C.revenue].to_numpy("float64")[order])])
        buy = ~docs["is_return"].to_numpy(dtype=bool)[order]
        self.buy_key = self.key[buy]

    def codes(self, ids: pd.Series) -> np.ndarray:
        return self.index.get_indexer(pd.Index(ids.astype("string"))).astype(np.int64)

    def revenue(self, codes: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Σ net revenue of each client's documents dated in [lo, hi] (day numbers)."""
        i = np.searchsorted(self.key, codes * _SPAN + lo, side="left")
        j = np.searchsorted(self.key, codes * _SPAN + hi, side="right")
        return np.where(codes >= 0, self.cum[j] - self.cum[i], 0.0)

    def purchases(self, codes: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """How many purchase documents (not returns) each client has in [lo, hi]."""
        i = np.searchsorted(self.buy_key, codes * _SPAN + lo, side="left")
        j = np.searchsorted(self.buy_key, codes * _SPAN + hi, side="right")
        return np.where(codes >= 0, j - i, 0).astype(np.int64)

    def last_purchase(self, codes: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The day number of each client's last purchase on or before ``day`` (−1: none)."""
        if not len(self.buy_key):
            return np.full(len(codes), -1, dtype=np.int64)
        j = np.searchsorted(self.buy_key, codes * _SPAN + day, side="right") - 1
        jj = np.maximum(j, 0)
        found = self.buy_key[jj]
        same = (j >= 0) & (codes >= 0) & (found // _SPAN == codes)
        return np.where(same, found % _SPAN, -1)


def client_windows(facts: Facts, answers: pd.DataFrame, *, months: int = 12, as_of=None) -> pd.DataFrame:
    """What each client asked bought before its survey date and did after it.

    For each row (client, date d)::

        before        = [d + 1 day − months, d]              (the ``months`` up to the survey day)
        after         = [d + 1 day, d + months]
        revenue_before, revenue_after = Σ net revenue in each window (returns deducted)
        bought_before = a purchase (not a return) in before
        complete      = d + months ≤ as_of                   (the after window is fully observed)
        churned       = no purchase in after                 (NaN when not complete)
        growth        = revenue_after / revenue_before       (NaN when not complete or before ≤ 0)
        trend         = (r₂ − r₁) / (r₂ + r₁), r₁, r₂ = the revenue per day of the earlier
                        and the later half of before (−1 stopped, 0 flat, +1 started; NaN if
                        both 0) — the client's revealed trend before it answered
        last_purchase = the last purchase day on or before d; days_since_purchase = d − it

    Churn here is "no purchase in the window after the survey": the definition of the
    topic (a parameter: ``months``).

    Parameters
    ----------
    facts : Facts
        The sales facts (their documents: one reduction).
    answers : DataFrame
        :func:`survey_answers` (or any frame with ``client_id`` and ``date``).
    months : int
        The length of both windows (default 12).
    as_of : date-like, optional
        The last day observed (default ``facts.as_of``).

    Returns
    -------
    DataFrame
        ``answers`` with :data:`WINDOW_COLUMNS` added (same rows, same order).

    Source: our reading (churn as the absence of a purchase in a window, as in block 4's
    retention); the trend is a symmetric relative change.
    """
    months = _positive_int(months, "months")
    out = answers.copy()
    out.attrs.update(answers.attrs)
    if as_of is not None:
        at = pd.Timestamp(as_of).normalize()
    elif facts.has_sales:
        at = facts.as_of
    else:
        at = pd.Timestamp("1900-01-01")   # no sales: nothing after any survey is observed
    dates = pd.DatetimeIndex(pd.to_datetime(out[C.date]).to_numpy("datetime64[ns]"))
    w = _Windows(facts, at)
    codes = w.codes(out[C.client_id])
    d = _days(dates)
    lo_b = _days(dates + pd.Timedelta(days=1) - pd.DateOffset(months=months))
    hi_a = _days(dates + pd.DateOffset(months=months))
    mid = _days(dates + pd.Timedelta(days=1) - pd.DateOffset(months=months - months // 2)) - 1
    before = w.revenue(codes, lo_b, d)
    after = w.revenue(codes, d + 1, hi_a)
    complete = hi_a <= _days(pd.DatetimeIndex([at]))[0]
    n_after = w.purchases(codes, d + 1, hi_a)
    out["revenue_before"] = before
    out["revenue_after"] = np.where(complete, after, np.nan)
    out["bought_before"] = w.purchases(codes, lo_b, d) > 0
    out["purchases_after"] = np.where(complete, n_after, np.nan)
    out["complete"] = complete
    churned = pd.array(n_after == 0, dtype="boolean")
    churned[~complete] = pd.NA
    out["churned"] = churned
    with np.errstate(divide="ignore", invalid="ignore"):
        out["growth"] = np.where(complete & (before > 0), after / before, np.nan)
        r1 = np.clip(w.revenue(codes, lo_b, mid), 0, None)
        r2 = np.clip(w.revenue(codes, mid + 1, d), 0, None)
        m1 = (mid - lo_b + 1).astype("float64")
        m2 = (d - mid).astype("float64")
        a, b = r1 / np.where(m1 > 0, m1, np.nan), r2 / np.where(m2 > 0, m2, np.nan)
        out["trend"] = np.where((a + b) > 0, (b - a) / (a + b), np.nan)
    last = w.last_purchase(codes, d)
    out["last_purchase"] = pd.Series(_from_days(np.where(last >= 0, last, _OFFSET)), index=out.index).where(
        last >= 0)
    out["days_since_purchase"] = np.where(last >= 0, d - last, np.nan).astype("float64")
    out.attrs.update(months=months, as_of=at)
    return out


@dataclass(frozen=True)
class NonResponse:
    """Respondents against non-respondents.

    Attributes
    ----------
    rows : DataFrame
        :func:`client_windows` of the rows used, with ``stage`` (the lifecycle stage at the
        wave's start, ``prospect`` before any purchase).
    revenue : DataFrame
        ``group`` (respondent, non_respondent), ``n, median, mean, total, buyers`` — revenue in
        the months before the survey.
    revenue_test : Series
        ``u, p_value, median_ratio, mean_ratio`` (Mann–Whitney U, respondents vs non-respondents).
    stages : DataFrame
        ``stage``, ``respondent``, ``non_respondent`` (counts), ``respondent_share``,
        ``non_respondent_share`` (each column's shares).
    stage_test : Series
        ``chi2, dof, p_value, cramers_v`` (χ² test of independence of stage and response).
    churn : DataFrame
        ``group, n, churned, rate, low, high`` (rows with a complete window after).
    churn_test : Series
        ``diff`` (respondents − non-respondents), ``low, high, z, p_value, fisher_p``.
    missing : tuple of str
    """

    rows: pd.DataFrame
    revenue: pd.DataFrame
    revenue_test: pd.Series
    stages: pd.DataFrame
    stage_test: pd.Series
    churn: pd.DataFrame
    churn_test: pd.Series
    missing: tuple[str, ...] = field(default_factory=tuple)


_GROUPS = ("respondent", "non_respondent")


def _stage_at_waves(facts: Facts, rows: pd.DataFrame, clients, rules) -> pd.Series:
    """The lifecycle stage of each row's client at its wave's first date (``prospect`` before any purchase)."""
    if not len(rows) or not facts.has_sales:
        return pd.Series(PROSPECT, index=rows.index, dtype="string")
    starts = rows.groupby(C.wave)[C.date].transform("min")
    hist = stage_history(facts, clients, dates=sorted(starts.unique()), rules=rules)
    key = hist.set_index([C.client_id, "as_of"])["stage"]
    idx = pd.MultiIndex.from_arrays([rows[C.client_id].astype("string"), pd.DatetimeIndex(starts).normalize()])
    return pd.Series(key.reindex(idx).to_numpy(), index=rows.index, dtype="string").fillna(PROSPECT)


def nonresponse_bias(facts: Facts, answers: pd.DataFrame, clients: pd.DataFrame | None = None, *,
                     months: int = 12, wave=None, level: float = 0.95,
                     rules: StageRules = DEFAULT_RULES) -> NonResponse:
    """Who does not answer? Respondents against non-respondents on revenue, stage and later churn.

    ::

        revenue : revenue in the ``months`` before the survey (:func:`client_windows`); medians,
                  means and Mann–Whitney's U test (two-sided; revenue is skewed, so a rank test,
                  not a t-test); median_ratio = median(respondents) / median(non-respondents)
        stage   : lifecycle stage at the wave's first date (:func:`~kbcore.analyses.lifecycle.
                  stage_history`, block 2's rules); χ² test of independence (scipy.stats.
                  chi2_contingency) and Cramér's V = √(χ² / (n (min(r, c) − 1)))
        churn   : share with no purchase in the ``months`` after (complete windows only), with
                  Wilson's intervals; difference with its interval, the two-proportion z-test and
                  Fisher's exact test

    When the clients who answer buy more and churn less than those who do not, the survey
    describes the better clients: the NPS of all clients asked is lower than the respondents'.

    Parameters
    ----------
    facts : Facts
    answers : DataFrame
        :func:`survey_answers` (needs ``responded``).
    clients : DataFrame, optional
        The clients table (its ``key_account`` flag for the stages).
    months : int
        The windows before and after the survey (default 12).
    wave : wave id(s), "latest" or None
        The waves used (default every wave: a client asked in several waves counts once per wave).
    level : float
        The confidence level (default 0.95).
    rules : StageRules
        The lifecycle rules (block 2).

    Returns
    -------
    NonResponse
        ``missing`` = ``("surveys.responded",)`` when the table has no non-respondent to compare.

    Source: Groves (2006) on non-response bias; H. B. Mann & D. R. Whitney (1947); K. Pearson's χ²
    (1900); H. Cramér, *Mathematical Methods of Statistics* (1946); R. A. Fisher (1922).
    """
    _level(level)
    rows = client_windows(facts, pick_wave(answers, wave), months=months)
    missing = [m for m in answers.attrs.get("missing", []) if m in ("surveys", "surveys.responded")]
    if not missing and (rows[C.responded].all() or not rows[C.responded].any()):
        missing.append("surveys.responded")
    rows["stage"] = _stage_at_waves(facts, rows, clients, rules)
    group = np.where(rows[C.responded], "respondent", "non_respondent")
    rows["group"] = pd.array(group, dtype="string")

    rev_rows = []
    samples = {}
    for g in _GROUPS:
        x = rows.loc[rows["group"] == g, "revenue_before"].to_numpy("float64")
        samples[g] = x
        rev_rows.append({"group": g, "n": len(x), "median": float(np.median(x)) if len(x) else np.nan,
                         "mean": float(x.mean()) if len(x) else np.nan, "total": float(x.sum()),
                         "buyers": int((rows.loc[rows["group"] == g, "bought_before"]).sum())})
    revenue = pd.DataFrame(rev_rows)
    a, b = samples["respondent"], samples["non_respondent"]
    u = p = np.nan
    if len(a) and len(b) and np.ptp(np.concatenate([a, b])) > 0:
        res = stats.mannwhitneyu(a, b, alternative="two-sided")
        u, p = float(res.statistic), float(res.pvalue)
    med_a, med_b = revenue["median"].tolist()
    mean_a, mean_b = revenue["mean"].tolist()
    revenue_test = pd.Series({"u": u, "p_value": p,
                              "median_ratio": med_a / med_b if med_b and med_b > 0 else np.nan,
                              "mean_ratio": mean_a / mean_b if mean_b and mean_b > 0 else np.nan},
                             dtype="float64")

    tab = pd.crosstab(rows["stage"], rows["group"]).reindex(columns=list(_GROUPS), fill_value=0)
    order = [s for s in (PROSPECT, "new", "developing", "regular", "key", "declining", "lost", "won_back")
             if s in tab.index] + [s for s in tab.index if s not in (PROSPECT, "new", "developing", "regular",
                                                                   "key", "declining", "lost", "won_back")]
    tab = tab.reindex(order)
    stages_t = tab.reset_index().rename(columns={"index": "stage"})
    stages_t.columns.name = None
    for g in _GROUPS:
        tot = stages_t[g].sum()
        stages_t[f"{g}_share"] = stages_t[g] / tot if tot else np.nan
    chi2 = dof = pc = v = np.nan
    used = tab.loc[tab.sum(axis=1) > 0]
    if used.shape[0] >= 2 and (used.sum(axis=0) > 0).all():
        res = stats.chi2_contingency(used.to_numpy())
        chi2, pc, dof = float(res.statistic), float(res.pvalue), float(res.dof)
        n = used.to_numpy().sum()
        v = math.sqrt(chi2 / (n * (min(used.shape) - 1)))
    stage_test = pd.Series({"chi2": chi2, "dof": dof, "p_value": pc, "cramers_v": v}, dtype="float64")

    comp = rows.loc[rows["complete"]]
    ch_rows = []
    kn = {}
    for g in _GROUPS:
        part = comp.loc[comp["group"] == g, "churned"].astype(bool)
        k, n = int(part.sum()), len(part)
        kn[g] = (k, n)
        lo, hi = wilson_interval(k, n, level=level)
        ch_rows.append({"group": g, "n": n, "churned": k, "rate": k / n if n else np.nan, "low": lo, "high": hi})
    churn = pd.DataFrame(ch_rows)
    churn_test = pd.Series(_two_proportions(*kn["respondent"], *kn["non_respondent"], level), dtype="float64")
    if len(rows) and not len(comp):
        missing.append("sales.after")
    return NonResponse(rows, revenue, revenue_test, stages_t, stage_test, churn, churn_test,
                       tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- said vs done
def auc(risk, outcome, *, level: float = 0.95) -> pd.Series:
    """How well a score separates clients who churned from those who stayed: the area under the ROC curve.

    ::

        AUC = P(risk of a churner > risk of a stayer) + ½ P(equal)
            = U / (n₁ n₀)                        (Mann–Whitney U of churners' vs stayers' risk)
        SE² = [A(1−A) + (n₁−1)(Q₁−A²) + (n₀−1)(Q₂−A²)] / (n₁ n₀),  Q₁ = A/(2−A), Q₂ = 2A²/(1+A)
        (low, high) = AUC ∓ z × SE, within [0, 1]

    0.5 = no better than a coin, 1 = perfect. Give a score where high means "more likely to go"
    (for NPS pass −score).

    Parameters
    ----------
    risk : array-like
        The score (NaN pairs left out).
    outcome : array-like of bool
        True = churned.
    level : float
        The confidence level (default 0.95).

    Returns
    -------
    Series
        ``auc, se, low, high, n_churned, n_stayed``.

    Source: Hanley & McNeil (1982); Mann & Whitney (1947) via scipy.stats.mannwhitneyu.
    """
    r = np.asarray(pd.to_numeric(pd.Series(np.asarray(risk, dtype=object)), errors="coerce"), dtype="float64")
    y = pd.array(np.asarray(outcome, dtype=object), dtype="boolean")
    ok = ~np.isnan(r) & ~pd.isna(y)
    r, y = r[ok], np.asarray(y[ok], dtype=bool)
    n1, n0 = int(y.sum()), int((~y).sum())
    out = {"auc": np.nan, "se": np.nan, "low": np.nan, "high": np.nan, "n_churned": float(n1), "n_stayed": float(n0)}
    if n1 and n0:
        a = float(stats.mannwhitneyu(r[y], r[~y], alternative="two-sided").statistic) / (n1 * n0)
        q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
        se = math.sqrt(max(a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a), 0.0) / (n1 * n0))
        z = _z(level)
        out.update(auc=a, se=se, low=max(0.0, a - z * se), high=min(1.0, a + z * se))
    return pd.Series(out, dtype="float64")


@dataclass(frozen=True)
class StatedRevealed:
    """What clients said against what they did.

    Attributes
    ----------
    rows : DataFrame
        :func:`client_windows` of the respondents used (complete windows, bought before), with
        ``nps_class`` and ``trend_band``.
    by_class : DataFrame
        ``group`` (detractor, passive, promoter), ``n, churned, rate, low, high, growth_median,
        growth_mean`` (growth = revenue after / before).
    by_trend : DataFrame
        The same by the client's purchase trend before the survey (``falling``, ``flat``,
        ``rising``).
    separation : DataFrame
        One row per predictor (``nps``, ``trend``, ``recency``): ``n, auc, low, high``
        (:func:`auc`), ``gap`` (churn of the worst group − the best: detractors − promoters;
        falling − rising; NaN for recency), ``gap_low, gap_high, p_value``.
    missing : tuple of str
    """

    rows: pd.DataFrame
    by_class: pd.DataFrame
    by_trend: pd.DataFrame
    separation: pd.DataFrame
    missing: tuple[str, ...] = field(default_factory=tuple)


TREND_BANDS = ("falling", "flat", "rising")


def _churn_table(rows: pd.DataFrame, key: str, names, level) -> pd.DataFrame:
    out = []
    for g in names:
        part = rows.loc[rows[key] == g]
        ch = part["churned"].astype(bool)
        k, n = int(ch.sum()), len(part)
        lo, hi = wilson_interval(k, n, level=level)
        gr = part["growth"].dropna()
        out.append({"group": g, "n": n, "churned": k, "rate": k / n if n else np.nan, "low": lo, "high": hi,
                    "growth_median": float(gr.median()) if len(gr) else np.nan,
                    "growth_mean": float(gr.mean()) if len(gr) else np.nan})
    t = pd.DataFrame(out, columns=["group", "n", "churned", "rate", "low", "high", "growth_median", "growth_mean"])
    t["group"] = t["group"].astype("string")
    return t


def stated_vs_revealed(facts: Facts, answers: pd.DataFrame, *, months: int = 12, wave=None,
                       level: float = 0.95, trend_cuts=(-0.2, 0.2), buyers_only: bool = True,
                       nps_groups=NPS_GROUPS) -> StatedRevealed:
    """What clients say against what they later do: NPS class against the next period's churn and growth.

    ::

        rows      = respondents with an NPS answer and a complete window after (and, with
                    ``buyers_only``, a purchase in the window before: one cannot stop what one
                    did not do), every wave by default
        per NPS class : churn rate (no purchase in the ``months`` after) with Wilson's interval,
                    median and mean growth (revenue after / before)      (:func:`client_windows`)
        per trend band: the same by the revealed trend before the survey:
                    falling (trend < cut₁), flat, rising (trend ≥ cut₂)
        separation: AUC of −NPS, of −trend and of the days since the last purchase (recency)
                    for churn (:func:`auc`), and the churn gap detractors − promoters, falling −
                    rising (two-proportion z-test; none for recency)

    If the stated loyalty (the NPS class) separates churn much less than the revealed one (the
    client's own trend), the survey overstates loyalty: some "promoters" are polite, not loyal.

    Parameters
    ----------
    facts : Facts
    answers : DataFrame
        :func:`survey_answers`.
    months : int
        The windows before and after (default 12).
    wave : wave id(s), "latest" or None
        The waves used (default every wave with a complete window after).
    level : float
        The confidence level (default 0.95).
    trend_cuts : (float, float)
        The trend band cuts (default −0.2 and +0.2: the later half-year's monthly revenue about
        a third below or above the earlier's).
    buyers_only : bool
        Only clients who bought in the window before (default True).

    Returns
    -------
    StatedRevealed
        ``missing`` names ``"surveys.nps"`` or ``"sales.after"`` (no complete window after).

    Source: Reichheld (2003) claims NPS predicts growth; Keiningham et al. (2007) find it does
    not predict better than other measures; Hanley & McNeil (1982) for the AUC.
    """
    _level(level)
    try:
        c1, c2 = (float(c) for c in trend_cuts)
    except (TypeError, ValueError):
        _bad("trend_cuts", trend_cuts, "two increasing numbers between −1 and 1 (−0.2, 0.2)")
    if not -1 <= c1 < c2 <= 1:
        _bad("trend_cuts", trend_cuts, "two increasing numbers between −1 and 1 (−0.2, 0.2)")
    missing = [m for m in answers.attrs.get("missing", []) if m in ("surveys", "surveys.nps")]
    base = pick_wave(answers, wave)
    base = base.loc[base[C.responded] & base["nps_class"].notna()]
    rows = client_windows(facts, base, months=months)
    if len(base) and not rows["complete"].any():
        missing.append("sales.after")
    rows = rows.loc[rows["complete"]]
    if buyers_only:
        rows = rows.loc[rows["bought_before"]]
    tr = rows["trend"].to_numpy("float64")
    band = np.where(np.isnan(tr), None, np.where(tr < c1, "falling", np.where(tr >= c2, "rising", "flat")))
    rows = rows.assign(trend_band=pd.array(band, dtype="string"))
    by_class = _churn_table(rows, "nps_class", [g[2] for g in nps_groups], level)
    by_trend = _churn_table(rows, "trend_band", TREND_BANDS, level)
    churned = rows["churned"].astype(bool).to_numpy()
    sep = []
    for pred, risk, table, worst, best in (
            ("nps", -rows[C.nps].to_numpy("float64"), by_class, nps_groups[0][2], nps_groups[-1][2]),
            ("trend", -tr, by_trend, "falling", "rising"),
            ("recency", rows["days_since_purchase"].to_numpy("float64"), None, None, None)):
        a = auc(risk, churned, level=level)
        gap = {"diff": np.nan, "low": np.nan, "high": np.nan, "p_value": np.nan}
        if table is not None:
            t = table.set_index("group")
            gap = _two_proportions(int(t.loc[worst, "churned"]), int(t.loc[worst, "n"]),
                                   int(t.loc[best, "churned"]), int(t.loc[best, "n"]), level)
        sep.append({"predictor": pred, "n": len(rows), "auc": a["auc"], "low": a["low"], "high": a["high"],
                    "gap": gap["diff"], "gap_low": gap["low"], "gap_high": gap["high"], "p_value": gap["p_value"]})
    separation = pd.DataFrame(sep)
    separation["predictor"] = separation["predictor"].astype("string")
    rows.attrs.update(months=int(months), trend_cuts=(c1, c2))
    return StatedRevealed(rows.reset_index(drop=True), by_class, by_trend, separation,
                          tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- measurement errors
def n_for_margin(p_promoters: float, p_detractors: float, *, margin: float = 5.0, level: float = 0.95) -> int:
    """How many answers give an NPS within ±``margin`` points (at ``level``), for given class shares.

    ::

        n = ⌈ z² × (p_P + p_D − (p_P − p_D)²) × 100² / margin² ⌉

    The worst case (p_P = p_D = ½) needs z² × 10 000 / margin² ≈ 384 answers for ±10 points and
    ≈ 1 537 for ±5 at 95 %.

    Source: the variance of :func:`nps_score` solved for n; Rocks (2016).
    """
    m = float(margin)
    if not m > 0:
        _bad("margin", margin, "a number of NPS points above 0 (5 = ±5 points)")
    pp, pd_ = float(p_promoters), float(p_detractors)
    if not (0 <= pp <= 1 and 0 <= pd_ <= 1 and pp + pd_ <= 1):
        _bad("p_promoters, p_detractors", (p_promoters, p_detractors), "two shares between 0 and 1, summing to 1 or less")
    var = max(pp + pd_ - (pp - pd_) ** 2, 0.0)
    z = _z(level)
    return int(math.ceil(z * z * var * 10000 / (m * m) - 1e-9)) if var > 0 else 1


@dataclass(frozen=True)
class SampleSize:
    """Too small samples: the NPS's margin against the number of answers.

    Attributes
    ----------
    full : Series
        :func:`nps_score` of all the answers given.
    curve : DataFrame
        ``n, half_width`` (the formula at the data's class shares), ``draw_low, draw_high``
        (the 2.5th and 97.5th percentile of the NPS of random subsamples of n of these answers),
        ``outside`` (the share of subsamples whose NPS is more than ``margin`` from the full NPS).
    n_needed : int
        :func:`n_for_margin` at the data's shares (0 without answers).
    margin : float
    """

    full: pd.Series
    curve: pd.DataFrame
    n_needed: int
    margin: float


DEFAULT_NS = (10, 20, 30, 50, 100, 200, 400, 800, 1600)


def sample_size_effect(scores, *, ns=DEFAULT_NS, margin: float = 5.0, level: float = 0.95, draws: int = 400,
                       seed: int = 7, nps_groups=NPS_GROUPS) -> SampleSize:
    """Too small samples, shown on the data: the NPS of random subsamples of the same answers.

    ::

        half_width(n) = z × 100 × √((p_P + p_D − (p_P − p_D)²) / n)    at the data's shares
        draws         = ``draws`` random subsamples of n answers (without replacement, n < N),
                        their NPS; draw_low/high = 2.5th / 97.5th percentile,
                        outside = share with |NPS_sub − NPS_all| > margin
        n_needed      = :func:`n_for_margin`

    Each subsample is a survey the company could have run on fewer clients; their spread is what
    a change of a few points between two small waves means (nothing). The draws are reproducible
    (``seed``).

    Parameters
    ----------
    scores : array-like
        The 0–10 answers.
    ns : sequence of int
        The sample sizes shown.
    margin : float
        The margin in NPS points (default 5).
    level : float
        The confidence level (default 0.95).
    draws : int
        Subsamples per size (default 400).
    seed : int
        The random generator's seed (default 7).

    Returns
    -------
    SampleSize

    Source: the sampling distribution of NPS (Rocks 2016), by simulation (numpy's generator).
    """
    full = nps_score(scores, level=level, nps_groups=nps_groups)
    draws = _positive_int(draws, "draws")
    sizes = sorted({_positive_int(n, "ns") for n in ns})
    cls = _classes(pd.Series(_numbers(scores)), nps_groups).dropna()
    val = np.where(cls == nps_groups[-1][2], 100.0, np.where(cls == nps_groups[0][2], -100.0, 0.0))
    rng = np.random.default_rng(int(seed))
    z = _z(level)
    var = (full["p_promoters"] + full["p_detractors"] - (full["p_promoters"] - full["p_detractors"]) ** 2
           if full["n"] > 0 else np.nan)
    rows = []
    for n in sizes:
        hw = z * 100 * math.sqrt(var / n) if full["n"] > 0 else np.nan
        lo = hi = out = np.nan
        if 0 < n < len(val):
            subs = np.array([rng.choice(val, size=n, replace=False).mean() for _ in range(draws)])
            lo, hi = float(np.percentile(subs, 2.5)), float(np.percentile(subs, 97.5))
            out = float((np.abs(subs - full["nps"]) > float(margin) + 1e-9).mean())
        rows.append({"n": n, "half_width": hw, "draw_low": lo, "draw_high": hi, "outside": out})
    curve = pd.DataFrame(rows, columns=["n", "half_width", "draw_low", "draw_high", "outside"])
    curve["n"] = curve["n"].astype("int64")
    needed = n_for_margin(full["p_promoters"], full["p_detractors"], margin=margin, level=level) \
        if full["n"] > 0 else 0
    return SampleSize(full, curve, needed, float(margin))


def active_only_effect(facts: Facts, answers: pd.DataFrame, *, active_days: int = 90, months: int = 12,
                       wave=None, level: float = 0.95, nps_groups=NPS_GROUPS) -> pd.DataFrame:
    """Surveying only active buyers: NPS and churn on active buyers only against all clients asked.

    ::

        active     = a purchase in the ``active_days`` up to the survey day
        per population (all asked, active only, the others):
          asked, respondents, response rate
          NPS of the respondents, with its interval         (:func:`nps_score`)
          churn     = share of the asked with no purchase in the ``months`` after (complete
                      windows), with Wilson's interval
        attrs: nps_shift = NPS(active) − NPS(all),  churn_shift = churn(active) − churn(all)

    A survey sent only to clients who bought recently leaves out those already drifting away: its
    NPS is higher and its clients churn less than the base as a whole (a selection effect).

    Parameters
    ----------
    facts : Facts
    answers : DataFrame
        :func:`survey_answers`.
    active_days : int
        The days before the survey that make a client active (default 90).
    months : int
        The window after, for churn (default 12).
    wave : wave id(s), "latest" or None
        The waves used (default every wave).
    level : float
        The confidence level (default 0.95).

    Returns
    -------
    DataFrame
        ``population`` (all, active, inactive), ``asked, respondents, rate, nps, nps_low, nps_high,
        churn_n, churn, churn_low, churn_high``; ``attrs``: nps_shift, churn_shift, missing.

    Source: our reading of selection bias in surveys (Groves 2006: a frame that excludes part of
    the population biases every estimate).
    """
    active_days = _positive_int(active_days, "active_days")
    rows = client_windows(facts, pick_wave(answers, wave), months=months)
    rate_known = "surveys.responded" not in answers.attrs.get("missing", [])
    since = rows["days_since_purchase"].to_numpy("float64")
    active = ~np.isnan(since) & (since < active_days)
    out = []
    for pop, mask in (("all", np.ones(len(rows), dtype=bool)), ("active", active), ("inactive", ~active)):
        part = rows.loc[mask]
        resp = part.loc[part[C.responded]]
        s = nps_score(resp[C.nps], level=level, nps_groups=nps_groups)
        comp = part.loc[part["complete"]]
        k, n = int(comp["churned"].astype(bool).sum()), len(comp)
        lo, hi = wilson_interval(k, n, level=level)
        out.append({"population": pop, "asked": len(part), "respondents": len(resp),
                    "rate": len(resp) / len(part) if len(part) and rate_known else np.nan, "nps": s["nps"],
                    "nps_low": s["low"],
                    "nps_high": s["high"], "nps_n": s["n"], "churn_n": n, "churn": k / n if n else np.nan,
                    "churn_low": lo, "churn_high": hi})
    t = pd.DataFrame(out)
    t["population"] = t["population"].astype("string")
    missing = [m for m in answers.attrs.get("missing", []) if m in ("surveys", "surveys.nps", "surveys.responded")]
    t.attrs.update(nps_shift=float(t.loc[1, "nps"] - t.loc[0, "nps"]),
                   churn_shift=float(t.loc[1, "churn"] - t.loc[0, "churn"]), active_days=active_days,
                   missing=missing)
    return t


def rescale(values, from_scale=(1, 5), to_scale=(0, 10)):
    """Re-express answers of one scale on another, linearly.

    ::

        y = to_low + (x − from_low) × (to_high − to_low) / (from_high − from_low)

    1–5 → 0–10: 1 → 0, 2 → 2.5, 3 → 5, 4 → 7.5, 5 → 10. This makes the numbers comparable in
    arithmetic only: people do not use a 5-point and an 11-point scale the same way (Dawes 2008),
    so a trend across a change of scale is not a measured change.

    Returns
    -------
    float, array or Series (as given)

    Source: the linear transformation of scale points (Dawes 2008, who also shows its limits).
    """
    a, b = _scale(from_scale, "from_scale")
    c, d = _scale(to_scale, "to_scale")
    f = (d - c) / (b - a)
    if isinstance(values, pd.Series):
        return c + (pd.to_numeric(values, errors="coerce").astype("float64") - a) * f
    if np.ndim(values) == 0:
        return c + (float(values) - a) * f
    return c + (np.asarray(values, dtype="float64") - a) * f


def scale_change_effect(scores, *, old_scale=CSAT_SCALE, new_scale=(0, 10), top_box: int = 2) -> pd.DataFrame:
    """A changed scale, shown on the data: the same answers read naively on a new scale.

    The answers ``scores`` (on ``old_scale``) are re-expressed on ``new_scale`` (:func:`rescale`)
    as if the clients had answered the same on it; then::

        mean      : old mean; the new mean; naive shift = new − old (the "jump" a report would show)
        top box   : share of the top ``top_box`` answers on each scale (4–5 of 1–5 is 40 % of the
                    scale, 9–10 of 0–10 is 18 %): the same clients look less satisfied
        valid     : False — a comparison across a change of scale is not a measured change

    Parameters
    ----------
    scores : array-like
        Answers on ``old_scale``.
    old_scale, new_scale : (low, high)
        The two scales (default 1–5 and 0–10).
    top_box : int
        How many of the highest answers count as satisfied on each scale (default 2).

    Returns
    -------
    DataFrame
        ``measure`` (mean, top_box), ``old, new, shift``; ``attrs["valid"]`` = False,
        ``attrs["n"]`` the answers used, the scales.

    Source: Dawes (2008); the top-box measure as in the CSAT literature (e.g. Sauro & Lewis 2016).
    """
    lo, hi = _scale(old_scale, "old_scale")
    nlo, nhi = _scale(new_scale, "new_scale")
    top_box = _positive_int(top_box, "top_box")
    x = _numbers(scores)
    x = x[(x >= lo) & (x <= hi)]
    y = rescale(x, (lo, hi), (nlo, nhi))
    n = len(x)
    old_mean = float(x.mean()) if n else np.nan
    new_mean = float(y.mean()) if n else np.nan
    old_top = float((x >= hi - top_box + 1).mean()) if n else np.nan
    new_top = float((y >= nhi - top_box + 1 - 1e-9).mean()) if n else np.nan
    out = pd.DataFrame({"measure": pd.array(["mean", "top_box"], dtype="string"),
                        "old": [old_mean, old_top], "new": [new_mean, new_top]})
    out["shift"] = out["new"] - out["old"]
    out.attrs.update(valid=False, n=n, old_scale=(lo, hi), new_scale=(nlo, nhi), top_box=top_box)
    return out


def scale_by_wave(answers: pd.DataFrame, column: str = C.csat, *, scales=SCALES) -> pd.DataFrame:
    """Which scale each wave's answers are on, and whether it changed from the wave before.

    ::

        per wave: n, min, max, mean of the answers to ``column``
        scale   = the first of ``scales`` (low, high) with low ≤ min and max ≤ high
                  (1–5, 1–7, 0–10, 1–10 by default; NA when none fits)
        changed = the scale differs from the previous wave's

    A wave whose answers go above the previous wave's highest answer was asked on another
    scale (or another question): its scores cannot be compared with the earlier ones.

    Returns
    -------
    DataFrame
        ``wave, n, min, max, mean, scale_low, scale_high, changed``; ``attrs["changed"]`` the
        waves where the scale changed.

    Source: our reading (a wave is one question on one scale: the schema's rule).
    """
    if column not in (C.csat, C.nps):
        _bad("column", column, "'csat' or 'nps'")
    resp = answers.loc[answers[C.responded]]
    rows = []
    prev = None
    for w in _wave_order(resp):
        x = _numbers(resp.loc[resp[C.wave] == w, column])
        if not len(x):
            continue
        mn, mx = float(x.min()), float(x.max())
        fit = next(((float(a), float(b)) for a, b in scales if a <= mn and mx <= b), (np.nan, np.nan))
        changed = prev is not None and not (fit == prev or (np.isnan(fit[0]) and np.isnan(prev[0])))
        rows.append({"wave": w, "n": len(x), "min": mn, "max": mx, "mean": float(x.mean()),
                     "scale_low": fit[0], "scale_high": fit[1], "changed": bool(changed)})
        prev = fit
    out = pd.DataFrame(rows, columns=["wave", "n", "min", "max", "mean", "scale_low", "scale_high", "changed"])
    out["wave"] = out["wave"].astype("string")
    out["n"] = out["n"].astype("int64")
    out["changed"] = out["changed"].astype(bool)
    out.attrs["changed"] = [str(w) for w in out.loc[out["changed"], "wave"]]
    out.attrs["missing"] = [m for m in answers.attrs.get("missing", []) if m in ("surveys", f"surveys.{column}")]
    return out


@dataclass(frozen=True)
class Timing:
    """Timing: scores given soon after a delivery against later ones.

    Attributes
    ----------
    groups : DataFrame
        ``group`` (within, later, none), ``n, nps, low, high, csat_mean, csat_low, csat_high``.
    bands : DataFrame
        The same by bands of days since the last delivery (``band`` = "0-7", "7-14" …, "90+").
    test : Series
        NPS within − later: ``diff, se, z, p_value, low, high``; ``csat_diff, csat_p`` (Welch's t).
    within_days : int
    missing : tuple of str
    """

    groups: pd.DataFrame
    bands: pd.DataFrame
    test: pd.Series
    within_days: int
    missing: tuple[str, ...] = field(default_factory=tuple)


def _score_table(rows: pd.DataFrame, key: str, names, level, csat_scale, nps_groups) -> pd.DataFrame:
    out = []
    for g in names:
        part = rows.loc[rows[key] == g]
        s = nps_score(part[C.nps], level=level, nps_groups=nps_groups)
        c = csat_score(part[C.csat], scale=csat_scale, level=level)
        out.append({"group": g, "n": len(part), "nps_n": s["n"], "nps": s["nps"], "low": s["low"],
                    "high": s["high"], "csat_n": c["n"], "csat_mean": c["mean"], "csat_low": c["low"],
                    "csat_high": c["high"]})
    t = pd.DataFrame(out, columns=["group", "n", "nps_n", "nps", "low", "high", "csat_n", "csat_mean", "csat_low",
                                   "csat_high"])
    t["group"] = t["group"].astype("string")
    return t


def timing_effect(facts: Facts, answers: pd.DataFrame, *, within_days: int = 14, bands=(7, 14, 30, 90),
                  wave=None, level: float = 0.95, csat_scale=CSAT_SCALE,
                  nps_groups=NPS_GROUPS) -> Timing:
    """Timing: the scores of clients who answer right after a delivery against later ones.

    ::

        days = answer date − the client's last purchase on or before it  (:func:`client_windows`)
        within = days < within_days;  later = days ≥ within_days;  none = no purchase before
        per group and per band of days: NPS with its interval, CSAT mean with its t-interval
        test: ΔNPS within − later (:func:`nps_difference`); CSAT: Welch's t-test

    A survey sent with the delivery catches the moment's mood: the scores are higher than the
    clients' settled view, and a change of timing between waves moves the score without any
    change in service.

    Parameters
    ----------
    facts : Facts
    answers : DataFrame
        :func:`survey_answers`.
    within_days : int
        The days after a delivery that count as "right after" (default 14).
    bands : sequence of int
        The band edges in days (default 7, 14, 30, 90).
    wave : wave id(s), "latest" or None
        The waves used (default every wave).
    level : float
        The confidence level (default 0.95).
    csat_scale : (low, high)
        The CSAT scale (default 1–5).

    Returns
    -------
    Timing

    Source: our reading; the recency of the experience as a bias of satisfaction measures is
    discussed by e.g. Sauro & Lewis (2016); tests as in :func:`nps_difference` and Welch (1947).
    """
    within_days = _positive_int(within_days, "within_days")
    edges = sorted({_positive_int(b, "bands") for b in bands})
    base = pick_wave(answers, wave)
    base = base.loc[base[C.responded]]
    rows = client_windows(facts, base, months=1)
    days = rows["days_since_purchase"].to_numpy("float64")
    grp = np.where(np.isnan(days), "none", np.where(days < within_days, "within", "later"))
    rows = rows.assign(timing=pd.array(grp, dtype="string"))
    names = [f"{a}-{b}" for a, b in zip([0, *edges[:-1]], edges, strict=True)] + [f"{edges[-1]}+"]
    idx = np.searchsorted(np.asarray(edges, dtype="float64"), np.nan_to_num(days, nan=-1), side="right")
    band = np.where(np.isnan(days), None, np.asarray(names, dtype=object)[np.minimum(idx, len(names) - 1)])
    rows = rows.assign(band=pd.array(band, dtype="string"))
    groups = _score_table(rows, "timing", ("within", "later", "none"), level, csat_scale, nps_groups)
    band_t = _score_table(rows, "band", names, level, csat_scale, nps_groups)
    d = nps_difference(rows.loc[rows["timing"] == "within", C.nps], rows.loc[rows["timing"] == "later", C.nps],
                       level=level, nps_groups=nps_groups)
    test = d[["diff", "se", "z", "p_value", "low", "high"]].copy()
    lo_c, hi_c = _scale(csat_scale, "csat_scale")
    xa = _numbers(rows.loc[rows["timing"] == "within", C.csat])
    xb = _numbers(rows.loc[rows["timing"] == "later", C.csat])
    xa, xb = xa[(xa >= lo_c) & (xa <= hi_c)], xb[(xb >= lo_c) & (xb <= hi_c)]
    test["csat_diff"] = float(xa.mean() - xb.mean()) if len(xa) and len(xb) else np.nan
    test["csat_p"] = (float(stats.ttest_ind(xa, xb, equal_var=False).pvalue)
                      if len(xa) >= 2 and len(xb) >= 2 and (np.ptp(xa) > 0 or np.ptp(xb) > 0) else np.nan)
    missing = [m for m in answers.attrs.get("missing", []) if m in ("surveys", "surveys.nps")]
    if len(rows) and not facts.has_sales:
        missing.append("sales")
    return Timing(groups, band_t, test.astype("float64"), within_days, tuple(dict.fromkeys(missing)))

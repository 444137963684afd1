"""Block 4 · the audit report: the data's verdict of each stage beside the participant's own.

:func:`kbcore.analyses.audit.audit_stages` measures the ten stages on the company's data; the
questionnaire ``kb_audit`` (``data/templates/kb_audit.yaml``) has one section per stage with the
same id, and :func:`kbcore.analyses.assessment.assess` scores each section 0 … 1. This module puts
the two side by side — the one page the seminar promises ("a base or a list", what to do first)::

    score         = value, except stage 10: 1 − value (the share of revenue NOT at risk), so that
                    every stage reads "higher is better" on one axis
    self_score    = the kb_audit section score of the stage (NaN when no answer in it)
    self_verdict  = ok when self_score ≥ ok_at, weak when ≥ weak_at, poor below, missing when NaN
                    (the same thresholds as the data's verdicts of stages 1–8)
    agreement     = data_only   the data has a verdict, the participant did not answer
                    self_only   the data cannot tell (verdict missing): the self-assessment stands
                    agree       the two verdicts are the same
                    self_higher the participant rates the stage better than the data does
                    self_lower  the participant rates it worse
                    nothing     neither

The verdicts are ordered poor < weak < ok. Stage 9 ("base or list") has the data's verdicts ok
(a base) and weak (a list): a self-assessment of poor counts as weak there (both say "a list").

Source: seminar program block 4; the comparison of a self-assessment with the measured figure is
the engine's evidence rule (:mod:`kbcore.analyses.assessment`) applied to whole stages; our reading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.analyses.audit import STAGE_IDS

__all__ = ["AGREEMENTS", "REPORT_COLUMNS", "audit_report", "self_verdict"]

AGREEMENTS = ("agree", "self_higher", "self_lower", "self_only", "data_only", "nothing")
"""How the data's verdict and the self-assessment of a stage compare (catalogue ``audit.agree.<id>``)."""
REPORT_COLUMNS = ["stage", "stage_id", "measure", "value", "score", "verdict", "missing", "numerator",
                  "denominator", "count", "money", "outcome", "self_score", "self_verdict", "agreement"]
_RANK = {"poor": 0, "weak": 1, "ok": 2}


def self_verdict(score: float, ok_at: float = 0.8, weak_at: float = 0.5) -> str:
    """The verdict of a self-assessment score (0 … 1): ok, weak, poor, or missing when NaN."""
    if score is None or np.isnan(score):
        return "missing"
    return "ok" if score >= ok_at else "weak" if score >= weak_at else "poor"


def _agreement(stage_id: str, data: str, own: str) -> str:
    if data == "missing":
        return "nothing" if own == "missing" else "self_only"
    if own == "missing":
        return "data_only"
    a, b = _RANK[data], _RANK[own]
    if stage_id == "base_or_list":
        b = max(b, _RANK["weak"])
    return "agree" if a == b else "self_higher" if b > a else "self_lower"


def audit_report(stages: pd.DataFrame, section_scores: pd.DataFrame | None = None, *, ok_at: float = 0.8,
                 weak_at: float = 0.5) -> pd.DataFrame:
    """The audit report: each stage's measured figure and verdict beside the self-assessment.

    Parameters
    ----------
    stages : DataFrame
        :func:`kbcore.analyses.audit.audit_stages` (the ten stages in order).
    section_scores : DataFrame, optional
        ``AssessmentResult.sections`` of the questionnaire ``kb_audit`` (columns ``section``,
        ``score``); sections are matched to stages by id. None: no self-assessment.
    ok_at, weak_at : float
        The thresholds of the self-assessment's verdict (pass the audit's own).

    Returns
    -------
    DataFrame
        :data:`REPORT_COLUMNS`: the stages' columns plus ``score``, ``self_score``,
        ``self_verdict`` and ``agreement`` (module docstring), one row per stage in order.
    """
    if not 0 <= weak_at <= ok_at <= 1:
        raise ValueError("need 0 ≤ weak_at ≤ ok_at ≤ 1")
    if tuple(stages["stage_id"]) != STAGE_IDS:
        raise ValueError("stages must be audit_stages(...): the ten stages in order")
    out = stages.copy()
    risk = out["stage_id"] == "consequences"
    out["score"] = out["value"].where(~risk, 1.0 - out["value"]).astype("float64")
    if section_scores is not None and len(section_scores):
        scores = section_scores.set_index("section")["score"].astype("float64")
        out["self_score"] = out["stage_id"].map(scores).astype("float64")
    else:
        out["self_score"] = np.nan
    out["self_verdict"] = pd.array([self_verdict(s, ok_at, weak_at) for s in out["self_score"]], dtype="string")
    out["agreement"] = pd.array([_agreement(s, d, o) for s, d, o in
                                 zip(out["stage_id"], out["verdict"], out["self_verdict"], strict=True)],
                                dtype="string")
    return out[REPORT_COLUMNS].reset_index(drop=True)

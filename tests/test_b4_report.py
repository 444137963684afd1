"""Block 4 · the audit report beside the self-assessment (kbcore.analyses.audit_report), by hand.

The stages are those of the hand-made company of tests/_audit_data.py (worked out in
tests/test_audit.py); the section scores below are typed by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _audit_data import AS_OF, full, sales_only

from kbcore.analyses.audit import STAGE_IDS, audit_stages
from kbcore.analyses.audit_report import AGREEMENTS, REPORT_COLUMNS, audit_report, self_verdict
from kbcore.facts import Facts


@pytest.fixture(scope="module")
def stages():
    ds = full()
    return audit_stages(ds, Facts.of(ds, as_of=AS_OF))


def scores(**given) -> pd.DataFrame:
    return pd.DataFrame({"section": list(STAGE_IDS), "score": [given.get(s, np.nan) for s in STAGE_IDS]})


def test_self_verdict_thresholds():
    assert [self_verdict(v) for v in (0.8, 0.79, 0.5, 0.49, np.nan)] == ["ok", "weak", "weak", "poor", "missing"]
    assert self_verdict(0.6, ok_at=0.6, weak_at=0.3) == "ok"


def test_report_by_hand(stages):
    # data verdicts (tests/test_audit.py): segmentation ok, assignment weak, profiles poor, history weak,
    # key_status weak, base_or_list weak (a list), consequences poor
    own = scores(segmentation=0.9, assignment=0.9, profiles=0.2, history=0.3, key_status=np.nan,
                 base_or_list=0.1, consequences=0.85)
    out = audit_report(stages, own)
    assert list(out.columns) == REPORT_COLUMNS
    out = out.set_index("stage_id")
    expected = {"segmentation": ("ok", "agree"), "assignment": ("ok", "self_higher"),
                "profiles": ("poor", "agree"), "history": ("poor", "self_lower"),
                "key_status": ("missing", "data_only"),
                # poor counts as weak at stage 9: both say "a list"
                "base_or_list": ("poor", "agree"), "consequences": ("ok", "self_higher")}
    for sid, (verdict, agreement) in expected.items():
        assert (out.loc[sid, "self_verdict"], out.loc[sid, "agreement"]) == (verdict, agreement), sid
    assert set(out["agreement"]) <= set(AGREEMENTS)
    # stage 10 is drawn as the revenue NOT at risk: 1 − 500k / 650k
    assert out.loc["consequences", "score"] == pytest.approx(1 - 500 / 650)
    assert out.loc["segmentation", "score"] == pytest.approx(6 / 7)


def test_sales_only_leaves_the_stages_to_the_self_assessment():
    ds = sales_only()
    st = audit_stages(ds, Facts.of(ds, as_of=AS_OF))
    out = audit_report(st, scores(segmentation=0.7)).set_index("stage_id")
    assert out.loc["segmentation", "agreement"] == "self_only"
    assert out.loc["history", "agreement"] == "nothing"  # no data and no answer
    assert np.isnan(out.loc["segmentation", "score"])


def test_without_answers_and_bad_input(stages):
    out = audit_report(stages)
    assert out["self_score"].isna().all() and set(out["self_verdict"]) == {"missing"}
    assert set(out["agreement"]) == {"data_only"}
    with pytest.raises(ValueError):
        audit_report(stages.iloc[::-1])
    with pytest.raises(ValueError):
        audit_report(stages, ok_at=0.4, weak_at=0.5)

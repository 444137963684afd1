"""Evidence measures (kbcore.analyses.evidence) on the hand-made company of tests/_audit_data.py."""

from __future__ import annotations

import math

import numpy as np
import pytest
from _audit_data import AS_OF, full, sales_only

from kbcore.analyses._window import months_back
from kbcore.analyses.evidence import MEASURE_COLUMNS, MEASURES, Measure, measure
from kbcore.analyses.key_accounts import key_account_ids
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts

CONTRACT_IDS = {
    "segment_known", "card_completeness", "manager_assigned", "segment_cells_owned",
    "potential_known", "interactions_coverage", "key_interactions_recent", "key_flag_exists",
    "key_flag_current", "dmu_decision_maker", "dmu_multithreaded", "contacts_recorded",
    "second_order", "profitable_revenue", "market_known",
}

# id: (numerator, denominator), worked out by hand from the table in tests/_audit_data.py
EXPECTED = {
    # clients of the base A..G = 7; segment on A, B, C, E, F, G
    "segment_known": (6, 7),
    # 14 card fields × 7 clients = 98 cells; filled: name 7, segment 6, region 7, manager 6,
    # potential 4 (D's 0 is a value), contacts 3 (A, B, C), interactions 3 (A, B, G) = 36
    "card_completeness": (36, 98),
    # active A, B, D, G; manager on A, B, G
    "manager_assigned": (3, 4),
    # cells of the active clients: (Ind, North) A Ivan + B Petr = 2 managers (shared),
    # (Ret, South) G Ivan = owned; D has no segment
    "segment_cells_owned": (1, 2),
    # potential > 0: A 1000, C 500, F 100 (D's 0 is not an estimate)
    "potential_known": (3, 7),
    # a CRM record in 2025: A (Dec), G (Jan); B's is from 2024, D has none
    "interactions_coverage": (2, 4),
    # key A, C; a record since 2025-10-03: A's visit of 2025-12-01
    "key_interactions_recent": (1, 2),
    # key A (stage key) current; C lost
    "key_flag_current": (1, 2),
    # key A has a decision_maker, C only a buyer
    "dmu_decision_maker": (1, 2),
    # A three contacts, C one
    "dmu_multithreaded": (1, 2),
    # active A, B, D, G; contacts at A, B
    "contacts_recorded": (2, 4),
    # won since 2023-01-01 and followed ≥ 183 days: A (4 orders), C (1), D (1); B, G too recent
    "second_order": (1, 3),
    # 2025 revenue 650k; profit: A 120k − 3×4k − visit 6k = 102k, B 100k − 4k, G 50k − 4k,
    # D −30k − 4k < 0 → profitable revenue 300k + 200k + 100k = 600k
    "profitable_revenue": (600e3, 650e3),
}


@pytest.fixture(scope="module")
def data():
    ds = full()
    return ds, Facts.of(ds, as_of=AS_OF)


def test_registry_is_the_contract():
    assert set(MEASURES) == CONTRACT_IDS


@pytest.mark.parametrize("mid", sorted(EXPECTED))
def test_hand_computed(data, mid):
    ds, facts = data
    m = MEASURES[mid](ds, facts)
    num, den = EXPECTED[mid]
    assert isinstance(m, Measure)
    assert m.missing == ""
    assert m.numerator == pytest.approx(num) and m.denominator == pytest.approx(den)
    assert m.value == pytest.approx(num / den)


def test_zero_one_measures(data):
    ds, facts = data
    flag = MEASURES["key_flag_exists"](ds, facts)
    assert (flag.value, flag.numerator, flag.missing) == (1.0, 2.0, "")
    assert math.isnan(flag.denominator)
    assert MEASURES["market_known"](ds, facts).value == 1.0
    assert MEASURES["market_known"](ds, facts).numerator == 2


def test_profitable_revenue_is_block1_pnl(data):
    ds, facts = data
    lo, hi = months_back(facts.as_of, 12)
    pnl = client_pnl(facts, ds.clients, ds.interactions, start=lo, end=hi)
    m = MEASURES["profitable_revenue"](ds, facts)
    assert m.numerator == pytest.approx(pnl.loc[pnl["profit"] > 0, "revenue"].sum())


def test_measure_table_equals_functions(data):
    ds, facts = data
    out = measure(list(MEASURES), ds, facts)
    assert list(out.columns) == MEASURE_COLUMNS
    assert list(out["measure"]) == list(MEASURES)
    for row in out.itertuples(index=False):
        m = MEASURES[row.measure](ds, facts)
        assert (row.value == m.value) or (np.isnan(row.value) and np.isnan(m.value))
        assert row.missing == m.missing
    assert list(measure("segment_known", ds, facts)["measure"]) == ["segment_known"]


def test_unknown_id_raises_keyerror(data):
    ds, facts = data
    with pytest.raises(KeyError, match="segment_known"):
        measure(["segment_known", "no_such_measure"], ds, facts)


def test_as_of_moves_the_window(data):
    ds, facts = data
    # at 2024-12-31 the active clients are A (2024-06-01) and C (2024-03-01): both have a manager
    m = MEASURES["manager_assigned"](ds, facts, as_of="2024-12-31")
    assert (m.numerator, m.denominator) == (2, 2)


SALES_ONLY_MISSING = {
    "segment_known": "needs.clients.segment",
    "manager_assigned": "needs.clients.manager",
    "segment_cells_owned": "needs.clients.segment",
    "potential_known": "needs.clients.potential",
    "interactions_coverage": "needs.interactions",
    "key_interactions_recent": "needs.key_account",
    "key_flag_current": "needs.key_account",
    "dmu_decision_maker": "needs.key_account",
    "dmu_multithreaded": "needs.key_account",
    "contacts_recorded": "needs.contacts",
    "profitable_revenue": "needs.sales.cost",
}


def test_sales_only():
    ds = sales_only()
    facts = Facts.of(ds, as_of=AS_OF)
    out = measure(list(MEASURES), ds, facts).set_index("measure")
    for mid, need in SALES_ONLY_MISSING.items():
        assert np.isnan(out.loc[mid, "value"]), mid
        assert out.loc[mid, "missing"].split(",")[0] == need, mid
    # the 0/1 measures answer with 0, never missing
    assert out.loc["key_flag_exists", "value"] == 0 and out.loc["key_flag_exists", "missing"] == ""
    assert out.loc["market_known", "value"] == 0
    # what the sales allow is computed: second orders (same 1 of 3), the thin card (name only:
    # 6 of 12 fields × 6 clients = 72)
    assert out.loc["second_order", "value"] == pytest.approx(1 / 3)
    assert (out.loc["card_completeness", "numerator"], out.loc["card_completeness", "denominator"]) \
        == (6, 72)


def test_demo_invariants(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    out = measure(list(MEASURES), ds, facts).set_index("measure")
    known = out["value"].dropna()
    assert ((known >= 0) & (known <= 1)).all()
    assert (out["missing"] == "").all()  # the demo has every table
    share = out.drop(index=["key_flag_exists", "market_known"])
    assert np.allclose(share["value"], share["numerator"] / share["denominator"])
    assert out.loc["key_flag_exists", "numerator"] == len(key_account_ids(ds.clients))
    assert out.loc["dmu_decision_maker", "denominator"] == len(key_account_ids(ds.clients))

"""Block 4 · the audit of the customer base (kbcore.analyses.audit), hand-made company of
tests/_audit_data.py (every number below is worked out there by hand) and the demo."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _audit_data import AS_OF, full, sales_only

from kbcore.analyses._window import months_back
from kbcore.analyses.audit import (
    ACTION_COLUMNS,
    AUDIT_COLUMNS,
    CELL_COLUMNS,
    CONSEQUENCES,
    HISTORY_COLUMNS,
    MONEY_COLUMNS,
    STAGE_IDS,
    assignment_cells,
    audit_actions,
    audit_money,
    audit_stages,
    history_by_class,
)
from kbcore.analyses.key_accounts import key_account_ids
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.profile import client_features, client_profile, profile_match
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts


@pytest.fixture(scope="module")
def data():
    ds = full()
    return ds, Facts.of(ds, as_of=AS_OF)


@pytest.fixture(scope="module")
def stages(data):
    return audit_stages(*data).set_index("stage_id")


def test_shape(data):
    out = audit_stages(*data)
    assert list(out.columns) == AUDIT_COLUMNS
    assert list(out["stage"]) == list(range(1, 11))
    assert tuple(out["stage_id"]) == STAGE_IDS


# stage_id: (numerator, denominator, verdict, money at stake)
HAND = {
    # 6 of 7 clients with a segment (0.857 ≥ 0.8 → ok); active without one: D 50k
    "segmentation": (6, 7, "ok", 50e3),
    # cells (Ind, North) shared by Ivan and Petr, (Ret, South) owned → 1/2 weak; the
    # shared cell's revenue A 300k + B 200k
    "assignment": (1, 2, "weak", 500e3),
    # segment + region + potential: A, C, F of 7 → 0.43 poor; active wanting B, D, G = 350k
    "profiles": (3, 7, "poor", 350e3),
    # active with a 2025 CRM record: A, G → weak; wanting B 200k + D 50k
    "history": (2, 4, "weak", 250e3),
    # 36 filled cells of 98 (tests/test_evidence.py) → poor, no money
    "information": (36, 98, "poor", np.nan),
    # key A current, C lost → weak; money = C's 2024 revenue 500k
    "key_status": (1, 2, "weak", 500e3),
    # active A, B, D, G: only A has segment, potential, categories, margin and ≥ 3 orders
    "knowledge": (1, 4, "poor", 350e3),
    # at risk: C (lost, and a stale key account, counted once) 500k of 650k → 0.77 > 0.25 poor
    "consequences": (500e3, 650e3, "poor", 500e3),
}


@pytest.mark.parametrize("sid", sorted(HAND))
def test_stage_hand_computed(stages, sid):
    num, den, verdict, money = HAND[sid]
    row = stages.loc[sid]
    assert (row["numerator"], row["denominator"]) == (pytest.approx(num), pytest.approx(den))
    assert row["value"] == pytest.approx(num / den)
    assert row["verdict"] == verdict
    assert (np.isnan(row["money"]) and np.isnan(money)) or row["money"] == pytest.approx(money)


def test_counts_and_missing(stages):
    assert stages.loc["segmentation", "count"] == 2  # Ind (A, B) and Ret (G)
    assert stages.loc["assignment", "count"] == 2
    assert stages.loc["key_status", "count"] == 2
    assert stages.loc["knowledge", "missing"] == "needs.self_assessment"  # the motives
    assert (stages.drop(index="knowledge")["missing"] == "").all()


def test_profile_rules_is_block5_match(data, stages):
    ds, facts = data
    # stage 4 = the share of active clients whose block-5 match score is ≥ 0.5
    pnl = client_pnl(facts, ds.clients, ds.interactions, start="2025-01-01", end=AS_OF)
    feats = client_features(facts, ds.clients, ds.products, as_of=AS_OF)
    match = profile_match(feats, client_profile(feats, pnl)).set_index("client_id")["score"]
    active = ["A", "B", "D", "G"]
    assert stages.loc["profile_rules", "numerator"] == (match.reindex(active) >= 0.5).sum()
    assert stages.loc["profile_rules", "denominator"] == 4
    stricter = audit_stages(*data, profile_cut=1.0).set_index("stage_id")
    assert stricter.loc["profile_rules", "numerator"] == (match.reindex(active) >= 1.0).sum()


def test_base_or_list(data, stages):
    # only stage 1 is ok (stage 4 is 3 of 4 = weak) → list, value 1/8
    assert stages.loc["base_or_list", "outcome"] == "list"
    assert stages.loc["base_or_list", "value"] == pytest.approx(1 / 8)
    lenient = audit_stages(*data, ok_at=0.25, weak_at=0.1, base_min_ok=8).set_index("stage_id")
    # every stage 1–8 now ok (the lowest value is 0.25) → base
    assert (lenient.loc[list(STAGE_IDS[:8]), "verdict"] == "ok").all()
    assert lenient.loc["base_or_list", "outcome"] == "base"
    assert lenient.loc["base_or_list", "verdict"] == "ok"


def test_assignment_cells(data):
    cells = assignment_cells(*data)
    assert list(cells.columns) == CELL_COLUMNS
    got = {(r.segment, r.region): (r.clients, r.managers, r.revenue, r.cell_status)
           for r in cells.itertuples(index=False)}
    assert got == {("Ind", "North"): (2, 2, 500e3, "shared"),
                   ("Ret", "South"): (1, 1, 100e3, "owned")}
    split = assignment_cells(*data, split_at=2)
    assert list(split["cell_status"]) == ["split", "owned"]
    assert cells.attrs["missing"] == ()


def test_history_by_class(data):
    out = history_by_class(*data)
    assert list(out.columns) == HISTORY_COLUMNS
    out = out.set_index("abc")
    # 2025 revenue A 300k, B 200k, G 100k, D 50k of 650k: shares before 0, .46, .77 → A; D .92 → B
    assert out.loc["A", "clients"] == 3 and out.loc["A", "with_record"] == 2
    assert out.loc["A", "share"] == pytest.approx(2 / 3)
    # days since the last record: A 30, B 425 (2024-11-01), G 350 → median 350
    assert out.loc["A", "median_days_since"] == 350
    assert out.loc["B", "clients"] == 1 and out.loc["B", "share"] == 0
    assert np.isnan(out.loc["B", "median_days_since"])
    assert out.loc["C", "clients"] == 0 and np.isnan(out.loc["C", "share"])


def test_audit_money_hand(data):
    out = audit_money(*data)
    assert list(out.columns) == MONEY_COLUMNS
    assert tuple(out["consequence"]) == CONSEQUENCES
    out = out.set_index("consequence")
    # C lost, last purchase 2024-03-01 in the previous window 2024: its 2024 revenue 500k
    assert out.loc["lost_clients_revenue", ["money", "clients"]].tolist() == [500e3, 1]
    assert out.loc["lost_clients_revenue", "window_start"] == pd.Timestamp("2024-01-01")
    # D: gross margin 50k − 80k = −30k, minus one order and one delivery (1.5k + 2.5k) = −34k
    assert out.loc["loss_making_clients", ["money", "clients"]].tolist() == [34e3, 1]
    # key accounts A (key), C (lost): C's 2024 revenue
    assert out.loc["stale_key_revenue", ["money", "clients"]].tolist() == [500e3, 1]
    assert (out["missing"] == "").all()


def test_actions(stages):
    actions = audit_actions(stages.reset_index())
    assert list(actions.columns) == ACTION_COLUMNS
    # known money first, largest first (500k: stages 2, 7, 10 — ties: poor before weak, then
    # stage order), then 350k (3 poor, 8 poor), 250k (5), 100k or less (4), then unknown money
    order = list(actions["stage"])
    assert order[:3] == [10, 2, 7]
    assert order[3:5] == [3, 8]
    assert order[5] == 5
    assert set(order[-2:]) == {6, 9} and order[-2] == 6  # unknown money: poor 6 before weak 9
    assert actions["action"].iloc[0] == "audit.action.consequences"
    assert list(actions["rank"]) == list(range(1, len(actions) + 1))
    assert "segmentation" not in set(actions["stage_id"])  # ok stages have no action
    ok_only = stages.reset_index().assign(verdict="ok")
    assert audit_actions(ok_only).empty


def test_sales_only_path():
    ds = sales_only()
    facts = Facts.of(ds, as_of=AS_OF)
    st = audit_stages(ds, facts).set_index("stage_id")
    need = {"segmentation": "needs.clients.segment", "assignment": "needs.clients.segment",
            "profiles": "needs.clients.segment", "profile_rules": "needs.clients.segment",
            "history": "needs.interactions", "key_status": "needs.key_account",
            "knowledge": "needs.clients.segment"}
    for sid, first in need.items():
        assert st.loc[sid, "verdict"] == "missing", sid
        assert np.isnan(st.loc[sid, "value"]), sid
        assert st.loc[sid, "missing"].split(",")[0] == first, sid
    assert "needs.sales.cost" in st.loc["knowledge", "missing"]
    assert "needs.self_assessment" in st.loc["knowledge", "missing"]
    assert st.loc["key_status", "count"] == 0  # key_flag_exists = 0
    assert st.loc["base_or_list", "outcome"] == "list"
    # the lost clients are known from the sales alone; the key accounts are not
    assert st.loc["consequences", "numerator"] == 500e3
    assert st.loc["consequences", "missing"] == "needs.key_account"
    money = audit_money(ds, facts).set_index("consequence")
    assert np.isnan(money.loc["loss_making_clients", "money"])
    assert money.loc["loss_making_clients", "missing"] == "needs.sales.cost"
    assert np.isnan(money.loc["stale_key_revenue", "money"])
    assert pd.isna(money.loc["stale_key_revenue", "clients"])
    assert assignment_cells(ds, facts).empty
    hist = history_by_class(ds, facts)
    assert hist.attrs["missing"] == ("needs.interactions",) and hist["share"].isna().all()
    assert len(audit_actions(st.reset_index())) == 10  # no stage is ok


def test_bad_parameters(data):
    with pytest.raises(ValueError):
        audit_stages(*data, ok_at=0.4, weak_at=0.5)
    with pytest.raises(ValueError):
        audit_stages(*data, rates="default")
    with pytest.raises(ValueError):
        assignment_cells(*data, split_at=1)


# --------------------------------------------------------------------------- demo
@pytest.fixture(scope="module")
def demo(demo_dataset):
    facts = Facts.of(demo_dataset)
    return demo_dataset, facts


def test_demo_money_equals_block1_and_lifecycle(demo):
    ds, facts = demo
    money = audit_money(ds, facts).set_index("consequence")
    lo, hi = months_back(facts.as_of, 12)
    # block 1's / block 6's client P&L, called as the notebooks call it, over the last 12 months
    pnl = client_pnl(facts, ds.clients, ds.interactions, start=lo, end=hi)
    neg = pnl.loc[pnl["profit"] < 0, "profit"]
    assert money.loc["loss_making_clients", "money"] == pytest.approx(-neg.sum())
    assert money.loc["loss_making_clients", "clients"] == len(neg)
    # block 2 / block 6's lifecycle: lost clients whose last purchase is in the previous 12 months
    st = client_stages(facts, ds.clients)
    prev_lo = months_back(lo - pd.Timedelta(days=1), 12)[0]
    lost = st.loc[(st["stage"] == "lost") & (st["last_date"] >= prev_lo)]
    assert money.loc["lost_clients_revenue", "clients"] == len(lost) > 0
    assert money.loc["lost_clients_revenue", "money"] == pytest.approx(
        lost["revenue_prev_window"].sum())
    ka = key_account_ids(ds.clients)
    stale = st.loc[st["client_id"].isin(ka) & st["stage"].isin(["lost", "declining"])]
    assert money.loc["stale_key_revenue", "clients"] == len(stale)
    assert money.loc["stale_key_revenue", "money"] == pytest.approx(
        stale["revenue_prev_window"].sum())


def test_demo_invariants(demo):
    ds, facts = demo
    st = audit_stages(*demo)
    known = st["value"].dropna()
    assert ((known >= 0) & (known <= 1)).all()
    assert not (st["verdict"] == "missing").any()  # the demo has every table
    shares = st.loc[st["denominator"] > 0]
    assert np.allclose(shares["value"], shares["numerator"] / shares["denominator"])
    assert st.loc[8, "outcome"] in ("base", "list")
    cells = assignment_cells(*demo)
    assert set(cells["cell_status"]) <= {"owned", "shared", "split", "orphan"}
    assert st.loc[1, "count"] == len(cells)
    assert st.loc[1, "numerator"] == (cells["cell_status"] == "owned").sum()
    hist = history_by_class(*demo)
    lo, hi = months_back(facts.as_of, 12)
    recent = facts.clients(lo, hi)
    assert hist["clients"].sum() == (recent["orders"] > 0).sum()
    assert ((hist["share"] >= 0) & (hist["share"] <= 1)).all()
    actions = audit_actions(st)
    assert set(actions["stage"]) == set(st.loc[st["verdict"] != "ok", "stage"])

"""Block 10 · the accounts under review and the DMU sums (kbcore.analyses.dmu_review).

Hand-built sales and coverage; every expected number is worked out in a comment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.dmu import buy_class, dmu_coverage
from kbcore.analyses.dmu_review import (
    NO_CLASS,
    buy_class_summary,
    gap_summary,
    largest_account,
    level_summary,
    review_accounts,
)
from kbcore.facts import Facts
from kbcore.schema import C

AS_OF = pd.Timestamp("2025-06-30")


def facts() -> Facts:
    """Four clients. In the 12 months to 2025-06-30: A 500, B 300, C 100, D 0 (D bought in 2023)."""
    sales = pd.DataFrame({
        C.date: pd.to_datetime(["2025-01-10", "2025-02-10", "2025-03-10", "2023-05-01", "2024-03-01"]),
        C.client_id: ["A", "B", "C", "D", "A"],
        C.revenue: [500.0, 300.0, 100.0, 50.0, 400.0],
    })
    return Facts(sales)


def clients(flags=(True, False, False, True)) -> pd.DataFrame:
    return pd.DataFrame({C.client_id: ["A", "B", "C", "D"], C.name: ["Альфа", "Бета", None, "Дельта"],
                         C.key_account: list(flags)})


def test_flagged_key_accounts_are_reviewed_largest_first():
    rv = review_accounts(facts(), clients(), as_of=AS_OF)
    assert rv.attrs["rule"] == "flag" and rv.attrs["missing"] == []
    # A (500 in the window) before D (nothing in the window)
    assert list(rv[C.client_id]) == ["A", "D"]
    assert list(rv["revenue_12m"]) == [500.0, 0.0]
    assert list(rv["revenue_rank"]) == [1, 2]
    assert list(rv[C.name]) == ["Альфа", "Дельта"]


def test_without_flags_block_7s_candidates_are_under_review():
    # without a P&L the window's revenue ranks: A 500, B 300, C 100 (total 900); the first half
    # (450) is reached by A alone
    rv = review_accounts(facts(), clients(flags=(False,) * 4), as_of=AS_OF)
    assert rv.attrs["rule"] == "candidates"
    assert rv.attrs["missing"] == ["clients.key_account"]
    assert list(rv[C.client_id]) == ["A"]
    assert not rv["flagged"].any()
    # share 0.9 → 810: A + B = 800 < 810, so A, B, C; the cap keeps the first two
    assert list(review_accounts(facts(), None, share=0.9, as_of=AS_OF)[C.client_id]) == ["A", "B", "C"]
    bare = review_accounts(facts(), None, share=0.9, cap=2, as_of=AS_OF)
    assert list(bare[C.client_id]) == ["A", "B"] and bare[C.name].isna().all()
    # with block 1's P&L the client profit ranks (C earns most): the same rule as block 7
    pnl = pd.DataFrame({C.client_id: ["A", "B", "C"], "profit": [10.0, 20.0, 90.0]})
    assert list(review_accounts(facts(), None, pnl=pnl, as_of=AS_OF)[C.client_id]) == ["C"]


def _coverage() -> pd.DataFrame:
    """A: decider + buyer, B: one user (blocker), D: nobody."""
    contacts = pd.DataFrame({
        C.client_id: ["A", "A", "B"], C.contact_id: ["P1", "P2", "P3"],
        C.buying_role: ["ЛПР", "закупщик", "пользователь"],
        C.attitude: ["сторонник", "нейтральный", "противник"],
        C.level: ["директор", "специалист", None],
        C.last_contact: ["2025-06-01", "2025-06-20", "2025-01-01"],
    })
    return dmu_coverage(contacts, ["A", "B", "D"], as_of=AS_OF)


def test_gap_summary_counts_accounts_and_revenue_at_stake():
    review = pd.DataFrame({C.client_id: ["A", "B", "D"], "revenue_12m": [500.0, 300.0, 0.0]})
    gaps = gap_summary(_coverage(), review).set_index("gap")
    # no_contacts: D → 1 account, revenue 0 of 800
    assert gaps.loc["no_contacts", "accounts"] == 1 and gaps.loc["no_contacts", "revenue_12m"] == 0
    # no_decider: B and D → 2 of 3; revenue 300 / 800 = 0.375
    assert gaps.loc["no_decider", "accounts"] == 2
    assert gaps.loc["no_decider", "revenue_share"] == pytest.approx(0.375)
    assert gaps.loc["no_decider", "account_share"] == pytest.approx(2 / 3)
    # single_threaded: B; blocker_present: B
    assert gaps.loc["single_threaded", "revenue_12m"] == 300.0
    assert gaps.loc["blocker_present", "accounts"] == 1


def test_gap_summary_is_missing_not_zero_without_contacts():
    cov = dmu_coverage(None, ["A", "B"], as_of=AS_OF)
    review = pd.DataFrame({C.client_id: ["A", "B"], "revenue_12m": [1.0, 2.0]})
    gaps = gap_summary(cov, review)
    assert gaps["accounts"].isna().all() and gaps["revenue_12m"].isna().all()


def test_buy_class_summary_counts_short_accounts():
    cov = _coverage()
    classes = pd.DataFrame({C.client_id: ["A", "B", "D"],
                            "buy_class": ["straight_rebuy", "modified_rebuy", None]})
    s = buy_class_summary(cov, classes).set_index("buy_class")
    # straight rebuy (min 2 people, key roles buyer, user, gatekeeper): A has 2 people, no user
    assert s.loc["straight_rebuy", "accounts"] == 1
    assert s.loc["straight_rebuy", "short_of_people"] == 0
    assert s.loc["straight_rebuy", "missing_key_roles"] == 1
    # modified rebuy (min 3): B has 1 person → short
    assert s.loc["modified_rebuy", "short_of_people"] == 1
    assert s.loc[NO_CLASS, "accounts"] == 1 and pd.isna(s.loc[NO_CLASS, "short_of_people"])
    assert s.loc["new_task", "accounts"] == 0


def test_buy_class_summary_from_sales_alone():
    f = facts()
    cov = dmu_coverage(None, ["A", "B"], as_of=AS_OF)
    s = buy_class_summary(cov, buy_class(f, ["A", "B"], as_of=AS_OF)).set_index("buy_class")
    # A bought 400 in P and 500 in W (+25 %): straight rebuy; B first bought in W: new task
    assert s.loc["straight_rebuy", "accounts"] == 1 and s.loc["new_task", "accounts"] == 1
    assert s["short_of_people"].isna().all() and s["missing_key_roles"].isna().all()


def test_level_summary_and_largest_account():
    cov = _coverage()
    levels = level_summary(cov).set_index("level")
    assert levels.loc["director", "accounts"] == 1  # A
    assert levels.loc["unknown", "accounts"] == 1  # B: no level, no position
    assert levels.loc["no_contacts", "accounts"] == 1  # D
    assert levels["accounts"].sum() == 3
    review = pd.DataFrame({C.client_id: ["D", "B", "A"], "revenue_rank": [1, 2, 3]})
    assert largest_account(review, cov) == "B"  # D is larger but has nobody
    assert largest_account(review) == "D"
    assert largest_account(review.iloc[0:0]) is None
    assert np.isnan(level_summary(dmu_coverage(None, ["A"], as_of=AS_OF))["account_share"]).all()

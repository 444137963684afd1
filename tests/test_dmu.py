"""Block 10 · the DMU of each key account (kbcore.analyses.dmu).

Hand-built contacts and interactions; every expected number is worked out in a comment.
The analysis date is 2025-06-30 unless a test says otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.dmu import (
    ACTION_COLUMNS,
    ACTIONS,
    ATTITUDE_ALIASES,
    BUY_CLASS_COLUMNS,
    BUY_CLASS_DMU,
    BUY_CLASSES,
    COVERAGE_COLUMNS,
    GAPS,
    LEVEL_ALIASES,
    LEVEL_LADDER,
    LEVELS,
    MATRIX_COLUMNS,
    ROLE_ALIASES,
    ROLES,
    STAFF_ROLE_ALIASES,
    STAFF_ROLES,
    buy_class,
    canonical,
    contact_matrix,
    dmu_actions,
    dmu_coverage,
    next_dmu_action,
)
from kbcore.facts import Facts
from kbcore.schema import TABLES, C

AS_OF = pd.Timestamp("2025-06-30")
T = pd.Timestamp


def contacts() -> pd.DataFrame:
    """Seven people of four accounts (D, a key account, has nobody).

    A: a CEO decider met exactly 180 days ago (2025-01-01) and an influencer/user
    B: one user, a blocker (single-threaded, no decider)
    C: a decider met 181 days ago (2024-12-31) and a person with an unknown role and attitude
    E: a decider never met (no date) and a buyer met yesterday
    """
    return pd.DataFrame({
        C.client_id: ["A", "A", "B", "C", "C", "E", "E"],
        C.contact_id: ["P1", "P2", "P3", "P4", "P5", "P6", "P7"],
        C.name: ["Иванов Иван", "Пётр Петров", "Сидорова Анна", "John Smith", "Олег Орлов",
                 "Мария Котова", "Anna Smirnova"],
        C.position: ["Генеральный директор", "Главный технолог", "Кладовщик", "CEO",
                     "Начальник отдела снабжения", "Директор", "Менеджер по закупкам"],
        C.buying_role: ["ЛПР", "ЛВР / Пользователь", "Пользователь", "decision_maker",
                        "astrologer", "лпр", "buyer"],
        C.attitude: ["положительное", "neutral", "negative", "champion", "сомневается", None,
                     "positive"],
        C.level: ["Генеральный директор", "middle", "specialist", "top", None, "owner", None],
        C.owner: ["Ivanov", None, None, "Sidorov", "Sidorov", "Ivanov", None],
        C.last_contact: pd.to_datetime(["2025-01-01", "2025-06-01", "2025-05-01", "2024-12-31",
                                        None, None, "2025-06-29"]),
    })


KEYS = ["A", "B", "C", "D", "E"]


# --------------------------------------------------------------------------- vocabularies
def test_role_normalisation_ru_en_and_unknown():
    raw = pd.Series(["ЛПР", " лвр ", "decider", "Пользователь", "Decision_Maker",
                     "Лицо, принимающее решение", "ГЕЙТКИПЕР", "", None])
    got = canonical(raw, ROLE_ALIASES)
    assert got.tolist()[:7] == ["decider", "influencer", "decider", "user", "decider",
                                "decider", "unknown"]
    assert got.iloc[7:].isna().all()  # empty stays missing, not "unknown"
    assert set(ROLE_ALIASES.values()) == set(ROLES)


def test_attitude_and_level_normalisation():
    att = canonical(pd.Series(["Положительное", "negative", "нейтральное", "за нас",
                               "сомневается", "?"]), ATTITUDE_ALIASES)
    assert att.tolist()[:5] == ["champion", "blocker", "neutral", "champion", "unknown"]
    assert pd.isna(att.iloc[5])  # only punctuation: empty, not unknown
    lvl = canonical(pd.Series(["top", "Middle", "operational", "Собственник", "Ёлка"]),
                    LEVEL_ALIASES)
    assert lvl.tolist() == ["director", "head", "specialist", "owner", "unknown"]
    # the ladder: owner > director > head > specialist
    assert [LEVEL_LADDER[x] for x in LEVELS] == [1, 2, 3, 4]


# --------------------------------------------------------------------------- coverage
def test_coverage_hand_case():
    cov = dmu_coverage(contacts(), KEYS, as_of=AS_OF).set_index(C.client_id)
    assert list(cov.reset_index().columns) == COVERAGE_COLUMNS
    assert cov.index.tolist() == KEYS
    assert cov["contacts"].tolist() == [2, 1, 2, 0, 2]
    # roles: A decider + influencer + user (P2 holds two) = 3; B user = 1; C decider (P5's
    # "astrologer" is unknown) = 1; D none; E decider + buyer = 2
    assert cov["roles_covered"].tolist() == [3, 1, 1, 0, 2]
    assert cov.loc["A", ["has_decider", "has_influencer", "has_user"]].tolist() == [True] * 3
    assert not cov.loc["A", "has_buyer"] and not cov.loc["B", "has_decider"]
    # levels: A "Генеральный директор" → owner (4); B specialist (1); C top → director (3)
    # beats P5's position "Начальник отдела снабжения" → head (2); D none; E owner (4)
    assert cov["highest_level"].tolist()[:3] == ["owner", "specialist", "director"]
    assert pd.isna(cov.loc["D", "highest_level"]) and cov.loc["E", "highest_level"] == "owner"
    assert cov["highest_level_rank"].tolist()[:3] == [4.0, 1.0, 3.0]
    # attitudes: A 1 champion 1 neutral; B 1 blocker; C 1 champion + 1 unknown; E 1 champion
    # + 1 missing (counted as unknown)
    assert cov["champions"].tolist() == [1, 0, 1, 0, 1]
    assert cov["neutrals"].tolist() == [1, 0, 0, 0, 0]
    assert cov["blockers"].tolist() == [0, 1, 0, 0, 0]
    assert cov["attitude_unknown"].tolist() == [0, 0, 1, 0, 1]
    # freshness: A last 2025-06-01 = 29 days; B 2025-05-01 = 60; C 2024-12-31 = 181;
    # E 2025-06-29 = 1; decider A 2025-01-01 = 180 days, C 181, E no date
    assert cov["days_since_contact"].tolist()[:3] == [29.0, 60.0, 181.0]
    assert cov.loc["E", "days_since_contact"] == 1.0
    assert cov.loc["A", "days_since_decider"] == 180.0
    assert cov.loc["C", "days_since_decider"] == 181.0
    assert np.isnan(cov.loc["E", "days_since_decider"])
    # gaps
    gaps = cov[list(GAPS)].astype(bool)
    assert gaps.loc["A"].tolist() == [False] * 5  # exactly 180 days is not stale
    assert gaps.loc["B"].to_dict() == {"no_contacts": False, "no_decider": True,
                                      "decider_stale": False, "blocker_present": True,
                                      "single_threaded": True}
    assert gaps.loc["C", "decider_stale"] and gaps.loc["C"].sum() == 1  # 181 > 180
    assert gaps.loc["D", "no_contacts"] and gaps.loc["D", "no_decider"]
    assert not gaps.loc["D", "single_threaded"]  # zero people is not one thread
    assert gaps.loc["E", "decider_stale"] and gaps.loc["E"].sum() == 1  # decider never dated
    assert cov["gap_count"].tolist() == [0, 3, 1, 2, 1]
    assert cov.attrs["missing"] == []
    assert cov.attrs["unknown_values"] == {"buying_role": ["astrologer"],
                                           "attitude": ["сомневается"]}


def test_stale_boundary_moves_with_stale_days():
    # A's decider: 180 days; with stale_days=179 it is stale, with 180 it is not
    cov = dmu_coverage(contacts(), ["A"], as_of=AS_OF, stale_days=179)
    assert bool(cov["decider_stale"].iloc[0])
    cov = dmu_coverage(contacts(), ["A"], as_of=AS_OF, stale_days=180)
    assert not bool(cov["decider_stale"].iloc[0])


def test_coverage_default_accounts_and_clients_table_flag():
    # without key_accounts: the clients that have contacts (A, B, C, E)
    assert dmu_coverage(contacts(), as_of=AS_OF)[C.client_id].tolist() == ["A", "B", "C", "E"]
    # a clients table: only the rows flagged key_account
    clients = pd.DataFrame({C.client_id: ["A", "B", "D", "X"],
                            C.key_account: pd.array([True, False, True, None], dtype="boolean")})
    cov = dmu_coverage(contacts(), clients, as_of=AS_OF)
    assert cov[C.client_id].tolist() == ["A", "D"]


def test_contact_dates_after_as_of_are_not_known():
    # on 2025-05-15 P2 (2025-06-01) and P7 (2025-06-29) were not met yet
    cov = dmu_coverage(contacts(), ["A", "E"], as_of="2025-05-15").set_index(C.client_id)
    # A: only P1 2025-01-01 → 134 days (Jan 31−1=30 + 28 + 31 + 30 + 15 = 134)
    assert cov.loc["A", "days_since_contact"] == 134.0
    assert pd.isna(cov.loc["E", "last_contact"])


def test_coverage_missing_columns_give_na_flags_not_false():
    ct = contacts().drop(columns=[C.buying_role, C.last_contact, C.attitude])
    cov = dmu_coverage(ct, KEYS, as_of=AS_OF).set_index(C.client_id)
    assert cov["no_decider"].isna().loc[["A", "B", "C", "E"]].all()
    assert cov["decider_stale"].isna().all() and cov["blocker_present"].isna().all()
    assert cov["has_decider"].isna().all() and cov["roles_covered"].isna().all()
    # what the table does allow is still there
    assert cov["single_threaded"].astype(bool).tolist() == [False, True, False, False, False]
    assert bool(cov.loc["D", "no_contacts"])
    assert cov.attrs["missing"] == ["contacts.buying_role", "contacts.attitude",
                                    "contacts.last_contact"]
    # no action is invented from a missing flag
    acts = dmu_actions(cov.reset_index())
    assert set(acts["action"]) == {"find_second_contact", "map_dmu"}


def test_interactions_with_contact_id_refresh_the_last_contact():
    ct = contacts().drop(columns=[C.last_contact])
    it = pd.DataFrame({C.date: pd.to_datetime(["2025-06-10", "2025-07-10", "2025-06-20"]),
                       C.client_id: ["C", "C", "A"], C.contact_id: ["P4", "P4", "Иванов Иван"]})
    cov = dmu_coverage(ct, ["A", "C"], as_of=AS_OF, interactions=it).set_index(C.client_id)
    # P4 met 2025-06-10 = 20 days (2025-07-10 is after as_of): not stale
    assert cov.loc["C", "days_since_decider"] == 20.0
    assert not bool(cov.loc["C", "decider_stale"])
    # A's decider P1 is written by name: met 2025-06-20 = 10 days
    assert cov.loc["A", "days_since_decider"] == 10.0
    # P2 has no interaction and no last_contact column: A's latest contact is P1's
    assert cov.loc["A", "days_since_contact"] == 10.0


def test_one_client_one_contact():
    ct = contacts().iloc[[2]]  # B alone
    cov = dmu_coverage(ct, as_of=AS_OF)
    assert len(cov) == 1 and cov["gap_count"].iloc[0] == 3


# --------------------------------------------------------------------------- actions
def test_actions_ranked_default_order():
    cov = dmu_coverage(contacts(), KEYS, as_of=AS_OF)
    acts = dmu_actions(cov)
    assert list(acts.columns) == ACTION_COLUMNS
    got = list(zip(acts[C.client_id], acts["action"], acts["priority"], acts["rank"],
                   strict=True))
    # default order: map_dmu 1, meet_decider 2, refresh_decider 3, win_over_blocker 4,
    # find_second_contact 5; A has no gap; D has only map_dmu (no one to meet yet)
    assert got == [
        ("B", "meet_decider", 2, 1), ("B", "win_over_blocker", 4, 2),
        ("B", "find_second_contact", 5, 3),
        ("C", "refresh_decider", 3, 1),
        ("D", "map_dmu", 1, 1),
        ("E", "refresh_decider", 3, 1),
    ]
    ev = acts.set_index([C.client_id, "action"])["evidence"]
    assert ev[("C", "refresh_decider")] == 181.0  # days since the decider was met
    assert ev[("B", "win_over_blocker")] == 1.0  # one blocker
    assert ev[("D", "map_dmu")] == 0.0  # no contacts
    assert np.isnan(ev[("E", "refresh_decider")])  # never dated
    assert acts.set_index([C.client_id, "action"]).loc[("B", "meet_decider"), "gap"] == \
        "no_decider"


def test_actions_follow_the_buy_class():
    cov = dmu_coverage(contacts(), KEYS, as_of=AS_OF)
    bc = pd.Series({"B": "straight_rebuy", "C": "new_task"})
    acts = dmu_actions(cov, bc)
    b = acts.loc[acts[C.client_id] == "B"]
    # straight rebuy: map_dmu, find_second_contact, win_over_blocker, refresh_decider,
    # meet_decider → B's three actions are 2, 3, 5
    assert b["action"].tolist() == ["find_second_contact", "win_over_blocker", "meet_decider"]
    assert b["priority"].tolist() == [2, 3, 5]
    # new task: refresh_decider is 4th in its order
    assert acts.loc[acts[C.client_id] == "C", "priority"].tolist() == [4]
    assert acts.loc[acts[C.client_id] == "C", "buy_class"].iloc[0] == "new_task"
    for spec in BUY_CLASS_DMU.values():
        assert sorted(spec["action_order"]) == sorted(ACTIONS)
        assert set(spec["key_roles"]) <= set(ROLES)


def test_next_dmu_action():
    cov = dmu_coverage(contacts(), KEYS, as_of=AS_OF)
    nxt = next_dmu_action(dmu_actions(cov), cov)
    assert nxt[C.client_id].tolist() == KEYS
    assert nxt["action"].tolist()[1:] == ["meet_decider", "refresh_decider", "map_dmu",
                                          "refresh_decider"]
    assert pd.isna(nxt["action"].iloc[0])  # A has no gap
    assert len(next_dmu_action(dmu_actions(cov))) == 4  # without coverage: accounts with a gap


def test_ties_in_priority_keep_one_row_per_action():
    # two identical accounts: same actions, sorted by client then priority
    ct = pd.concat([contacts().iloc[[2]], contacts().iloc[[2]].assign(
        **{C.client_id: "B2", C.contact_id: "P3b"})])
    acts = dmu_actions(dmu_coverage(ct, as_of=AS_OF))
    assert acts.groupby(C.client_id)["rank"].apply(list).to_dict() == {"B": [1, 2, 3],
                                                                        "B2": [1, 2, 3]}


# --------------------------------------------------------------------------- contact matrix
def interactions() -> pd.DataFrame:
    rows = [
        # client, contact, manager, kind, date
        ("A", "P1", "Ivanov", "visit", "2025-04-15"),  # 76 days: a recent visit → 3
        ("A", "P1", "Ivanov", "call", "2024-06-30"),  # 365 days: outside the window
        ("A", "P2", "Ivanov", "call", "2025-01-10"),
        ("A", "P2", "Ivanov", "call", "2025-02-10"),
        ("A", "P2", "Ivanov", "call", "2025-03-10"),  # 3 calls → 2
        ("A", "P2", "Petrova", "email", "2025-05-05"),
        ("A", "P2", "Petrova", "email", "2025-05-06"),  # 2 → 1
        *[("B", "P3", "Petrova", "call", f"2025-0{m}-01") for m in range(1, 7)],  # 6 → 3
        ("B", "P99", "Petrova", "call", "2025-06-02"),  # not in contacts
        ("C", "P4", "Sidorov", "Встреча", "2025-03-01"),  # 121 days: not recent → 1
        ("E", "anna  smirnova", "Ivanov", "call", "2025-06-20"),  # by name → P7
        ("E", None, "Ivanov", "call", "2025-06-25"),  # no contact: client-level remainder
    ]
    return pd.DataFrame(rows, columns=[C.client_id, C.contact_id, C.manager, C.kind, C.date]
                        ).assign(**{C.date: lambda d: pd.to_datetime(d[C.date])})


def test_contact_matrix_hand_case():
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF)
    assert list(m.columns) == MATRIX_COLUMNS and m.attrs["level"] == "contact"
    assert m.attrs["missing"] == []
    key = m.set_index([C.client_id, C.contact_id, C.manager])
    assert key.loc[("A", "P1", "Ivanov"), ["interactions", "face_to_face", "strength"]
                   ].tolist() == [1, 1, 3]
    assert key.loc[("A", "P2", "Ivanov"), "strength"] == 2
    assert key.loc[("A", "P2", "Petrova"), "strength"] == 1
    assert key.loc[("A", "P2", "Petrova"), "last_date"] == T("2025-05-06")
    assert key.loc[("B", "P3", "Petrova"), ["interactions", "strength"]].tolist() == [6, 3]
    assert key.loc[("C", "P4", "Sidorov"), ["face_to_face", "strength"]].tolist() == [1, 1]
    assert key.loc[("E", "P7", "Ivanov"), "in_contacts"]  # resolved from the name
    assert not key.loc[("B", "P99", "Petrova"), "in_contacts"]
    # owners: P1 from contacts (Ivanov); P2 none in contacts → most interactions (Ivanov 3 >
    # Petrova 2); P3 → Petrova (the only one); P4 Sidorov
    assert key.loc[("A", "P2", "Petrova"), C.owner] == "Ivanov"
    assert not key.loc[("A", "P2", "Petrova"), "is_owner"]
    assert key.loc[("B", "P3", "Petrova"), C.owner] == "Petrova"
    # quiet contacts: P5 (owner Sidorov) and P6 (owner Ivanov), strength 0
    quiet = m.loc[m["interactions"] == 0]
    assert quiet[C.contact_id].tolist() == ["P5", "P6"]
    assert quiet[C.manager].tolist() == ["Sidorov", "Ivanov"]
    assert (quiet["strength"] == 0).all()
    # the remainder without contact: E × Ivanov, contact_id <NA>
    rest = m.loc[(m[C.client_id] == "E") & m[C.contact_id].isna()]
    assert rest["interactions"].tolist() == [1]
    # every interaction in the window is counted once: 17 rows − 1 outside = 16
    assert m["interactions"].sum() == 16


@pytest.mark.parametrize(("calls", "visit_age", "expected"), [
    (0, None, 0), (1, None, 1), (2, None, 1), (3, None, 2), (5, None, 2), (6, None, 3),
    (0, 89, 3),  # a visit 89 days ago → 3
    (0, 90, 1),  # 90 days is not "less than 90": the visit counts as one interaction
])
def test_strength_bins(calls, visit_age, expected):
    rows = [("A", "P1", "Ivanov", "call", AS_OF - pd.Timedelta(days=10 + i))
            for i in range(calls)]
    if visit_age is not None:
        rows.append(("A", "P1", "Ivanov", "visit", AS_OF - pd.Timedelta(days=visit_age)))
    it = pd.DataFrame(rows, columns=[C.client_id, C.contact_id, C.manager, C.kind, C.date])
    it[C.date] = pd.to_datetime(it[C.date])
    m = contact_matrix(contacts().iloc[[0]], it, as_of=AS_OF)
    assert m["strength"].tolist() == [expected]


def test_matrix_fallback_without_contact_id():
    it = interactions().drop(columns=[C.contact_id])
    m = contact_matrix(contacts(), it, as_of=AS_OF)
    assert m.attrs["level"] == "client"
    assert "interactions.contact_id" in m.attrs["missing"]
    assert m[C.contact_id].isna().all()
    key = m.set_index([C.client_id, C.manager])
    # A: Ivanov 1 + 3 = 4 in the window (the 2024-06-30 call is out) → 2, but the visit of
    # 2025-04-15 (76 days) makes it 3; Petrova 2 → 1
    assert key.loc[("A", "Ivanov"), ["interactions", "strength"]].tolist() == [4, 3]
    assert key.loc[("A", "Petrova"), "strength"] == 1
    assert key.loc[("A", "Petrova"), "interactions"] == 2
    assert key.loc[("A", "Petrova"), C.owner] == "Ivanov"  # most interactions with A
    # B: Petrova 6 + 1 = 7
    assert key.loc[("B", "Petrova"), "interactions"] == 7
    assert m["interactions"].sum() == 16  # 17 rows − 1 outside the window


# --------------------------------------------------------------------------- buy class
def hand_sales() -> pd.DataFrame:
    rows = [
        # date, client, product, category, revenue
        ("2023-01-01", "OLD", "p1", "catA", 10.0),  # the history starts 2023-01-01
        ("2025-03-01", "N", "p1", "catA", 100.0),  # first purchase in W → new_task
        ("2024-02-01", "S", "p1", "catA", 100.0),
        ("2025-02-01", "S", "p1", "catA", 120.0),  # +20 %, nothing new → straight
        ("2024-02-01", "M", "p1", "catA", 100.0),
        ("2025-02-01", "M", "p1", "catA", 60.0),
        ("2025-03-01", "M", "p2", "catB", 40.0),  # 40 / 100 = 0.4 new > 0.3 → modified
        ("2024-02-01", "T", "p1", "catA", 100.0),
        ("2025-02-01", "T", "p1", "catA", 70.0),
        ("2025-03-01", "T", "p2", "catB", 30.0),  # exactly 0.3 is not above → straight
        ("2024-02-01", "V", "p1", "catA", 100.0),
        ("2025-02-01", "V", "p1", "catA", 200.0),  # +100 % > 50 % → modified (volume)
        ("2024-05-01", "L", "p1", "catA", 100.0),  # nothing in W → <NA>
        ("2023-06-01", "R", "p1", "catA", 100.0),
        ("2025-06-01", "R", "p1", "catA", 100.0),  # back after a year without purchases
        ("2024-02-01", "P", "p1", "catA", 100.0),
        ("2025-02-01", "P", "p3", "catA", 100.0),  # another SKU of the same category
    ]
    df = pd.DataFrame(rows, columns=[C.date, C.client_id, C.product_id, C.category, C.revenue])
    df[C.date] = pd.to_datetime(df[C.date])
    return df


def test_buy_class_hand_history():
    facts = Facts(hand_sales())
    keys = ["L", "M", "N", "P", "R", "S", "T", "V", "Z"]
    bc = buy_class(facts, keys, as_of="2025-12-31").set_index(C.client_id)
    assert list(bc.reset_index().columns) == BUY_CLASS_COLUMNS
    assert bc.attrs["basis"] == "category" and bc.attrs["flags"] == []
    assert bc["buy_class"].astype(object).where(bc["buy_class"].notna(), None).to_dict() == {
        "L": None, "M": "modified_rebuy", "N": "new_task", "P": "straight_rebuy",
        "R": "modified_rebuy", "S": "straight_rebuy", "T": "straight_rebuy",
        "V": "modified_rebuy", "Z": None}
    assert bc["reason"].to_dict() == {
        "L": "no_purchase_12m", "M": "assortment", "N": "first_purchase_12m", "P": "stable",
        "R": "assortment", "S": "stable", "T": "stable", "V": "volume", "Z": "no_sales"}
    assert bc.loc["M", "new_assortment_share"] == pytest.approx(0.4)  # 40 / (60 + 40)
    assert bc.loc["S", "revenue_change"] == pytest.approx(0.2)  # 120 / 100 − 1
    assert bc.loc["V", "revenue_change"] == pytest.approx(1.0)  # 200 / 100 − 1
    assert bc.loc["R", "new_assortment_share"] == 1.0  # catA not bought in 2024
    assert np.isnan(bc.loc["R", "revenue_change"])  # nothing in 2024 to compare with
    assert bc.loc["L", "revenue_12m"] == 0.0 and bc.loc["L", "revenue_prev_12m"] == 100.0
    assert np.isnan(bc.loc["Z", "revenue_12m"])  # no sales: unknown, not 0
    # by product, P's new SKU is a new item: 100 / 100 = 1.0 → modified
    by_product = buy_class(facts, ["P"], as_of="2025-12-31", basis="product")
    assert by_product["buy_class"].iloc[0] == "modified_rebuy"
    assert by_product.attrs["basis"] == "product"


def test_buy_class_thresholds_are_parameters_and_short_history_is_flagged():
    facts = Facts(hand_sales())
    bc = buy_class(facts, ["M", "V"], as_of="2025-12-31", assortment_threshold=0.5,
                   volume_threshold=1.5)
    assert bc["buy_class"].tolist() == ["straight_rebuy", "straight_rebuy"]
    sales = hand_sales()
    short = Facts(sales.loc[sales[C.date] >= "2024-02-01"])  # after P's start 2024-01-01
    assert buy_class(short, ["S"], as_of="2025-12-31").attrs["flags"] == ["short_history"]
    with pytest.raises(ValueError):
        buy_class(facts, basis="sku")


def test_buy_class_dmu_table_is_ids():
    assert set(BUY_CLASS_DMU) == set(BUY_CLASSES)
    for spec in BUY_CLASS_DMU.values():
        assert spec["dmu_size"] in ("large", "medium", "small")
        assert isinstance(spec["min_contacts"], int)


# --------------------------------------------------------------------------- sales only
def test_sales_only_path_never_crashes():
    sales = hand_sales()[[C.date, C.client_id, C.revenue]]  # no product, no category
    facts = Facts(sales)
    bc = buy_class(facts, as_of="2025-12-31").set_index(C.client_id)
    assert bc.attrs["missing"] == ["sales.category", "sales.product_id"]
    assert bc.attrs["basis"] is None and bc["new_assortment_share"].isna().all()
    # without items the rules are volume and return: R came back → returned
    assert bc.loc["R", "reason"] == "returned" and bc.loc["M", "buy_class"] == "straight_rebuy"
    cov = dmu_coverage(None, ["M", "S"], as_of=AS_OF)
    assert cov[C.client_id].tolist() == ["M", "S"]
    assert cov.attrs["missing"] == ["contacts"]
    assert all(cov[g].isna().all() for g in GAPS)  # not known, not "no contacts"
    assert (cov["gap_count"] == 0).all()
    acts = dmu_actions(cov, bc.reset_index())
    assert acts.empty and list(acts.columns) == ACTION_COLUMNS
    assert acts.attrs["missing"] == ["contacts"]
    assert next_dmu_action(acts, cov)["action"].isna().all()
    assert dmu_coverage(None, as_of=AS_OF).empty
    m = contact_matrix(None, None, as_of=AS_OF)
    assert m.empty and list(m.columns) == MATRIX_COLUMNS
    assert m.attrs["missing"] == ["contacts", "interactions"]
    # contacts but no interactions: every contact, strength 0
    m = contact_matrix(contacts(), None, as_of=AS_OF)
    assert len(m) == 7 and (m["strength"] == 0).all()
    # interactions but no contacts: counted as given, nothing is "in contacts"
    m = contact_matrix(None, interactions(), as_of=AS_OF)
    assert m["interactions"].sum() == 16 and not m["in_contacts"].any()


def test_empty_contacts_table():
    empty = contacts().iloc[:0]
    cov = dmu_coverage(empty, ["A"], as_of=AS_OF)
    assert bool(cov["no_contacts"].iloc[0]) and cov["contacts"].iloc[0] == 0
    assert dmu_actions(cov)["action"].tolist() == ["map_dmu"]


# --------------------------------------------------------------------------- loading
def test_interactions_contact_header_is_recognised(tmp_path):
    from kbcore.ingest.dataset import load

    assert TABLES["interactions"].columns[C.contact_id] == "id"
    (tmp_path / "Продажи.csv").write_text(
        "Дата;Код клиента;Сумма\n01.03.2025;A;100\n", encoding="utf-8")
    (tmp_path / "Взаимодействия.csv").write_text(
        "Дата;Код клиента;Менеджер;Вид;Контактное лицо\n"
        "02.03.2025;A;Иванов;Визит;007\n", encoding="utf-8")
    ds = load(tmp_path)
    assert ds.interactions[C.contact_id].tolist() == ["007"]  # an id: leading zeros kept
    (tmp_path / "Взаимодействия.csv").write_text(
        "Date;Client ID;Contact ID\n2025-03-02;A;P1\n", encoding="utf-8")
    assert load(tmp_path).interactions[C.contact_id].tolist() == ["P1"]


# --------------------------------------------------------------------------- demo smoke
def test_demo_smoke(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    as_of = facts.as_of
    keys = set(ds.clients.loc[ds.clients[C.key_account].fillna(False).astype(bool),
                              C.client_id])
    cov = dmu_coverage(ds.contacts, ds.clients, as_of=as_of)
    assert set(cov[C.client_id]) == keys and len(cov) == len(keys) > 0
    assert cov.attrs["missing"] == [] and cov.attrs["unknown_values"] == {}  # demo vocab known
    assert cov["roles_covered"].between(0, len(ROLES)).all()
    assert cov["highest_level"].dropna().isin(LEVELS).all()
    assert (cov["days_since_contact"].dropna() >= 0).all()
    assert (cov["single_threaded"].astype(bool) == (cov["contacts"] == 1)).all()
    assert cov["single_threaded"].astype(bool).any()  # the demo's planted single threads
    n = ds.contacts.groupby(C.client_id).size()
    assert (cov.set_index(C.client_id)["contacts"] == n.reindex(sorted(keys)).fillna(0)).all()
    att = cov[["champions", "neutrals", "blockers", "attitude_unknown"]].sum(axis=1)
    assert (att == cov["contacts"]).all()

    m = contact_matrix(ds.contacts, ds.interactions, as_of=as_of)
    assert m.attrs["level"] == "contact"  # the demo's interactions name the contact met
    age = (as_of - ds.interactions[C.date]).dt.days
    assert m["interactions"].sum() == int(((age >= 0) & (age < 365)).sum())
    assert m["strength"].between(0, 3).all()
    assert set(m[C.client_id]) <= set(ds.clients[C.client_id])

    bc = buy_class(facts, ds.clients, products=ds.products)
    assert set(bc[C.client_id]) == keys
    assert bc["buy_class"].dropna().isin(BUY_CLASSES).all()
    assert bc["new_assortment_share"].dropna().between(0, 1).all()

    acts = dmu_actions(cov, bc)
    assert acts["action"].isin(ACTIONS).all()
    assert set(acts[C.client_id]) <= keys
    assert (acts.groupby(C.client_id)["rank"].min() == 1).all()
    assert len(acts) == int(cov["gap_count"].sum() - (cov["no_contacts"].astype(bool)
                                                      * (cov["gap_count"] - 1)).sum())
    nxt = next_dmu_action(acts, cov)
    assert len(nxt) == len(cov) and nxt[C.client_id].is_unique


def test_owner_ties_go_to_the_latest_then_by_name():
    # P2 has no owner in contacts; Ivanov and Petrova each met P2 twice
    def matrix(last_petrova: str) -> pd.DataFrame:
        it = pd.DataFrame({
            C.client_id: ["A"] * 4, C.contact_id: ["P2"] * 4,
            C.manager: ["Ivanov", "Ivanov", "Petrova", "Petrova"], C.kind: ["call"] * 4,
            C.date: pd.to_datetime(["2025-05-01", "2025-06-01", "2025-05-01", last_petrova])})
        return contact_matrix(contacts().iloc[[1]], it, as_of=AS_OF)

    # Petrova's last call 2025-06-10 is later than Ivanov's 2025-06-01 → Petrova
    assert set(matrix("2025-06-10")[C.owner]) == {"Petrova"}
    # same count, same last day → the first name: Ivanov
    assert set(matrix("2025-06-01")[C.owner]) == {"Ivanov"}


# --------------------------------------------------------------------------- our people's roles
def staff() -> pd.DataFrame:
    """Our people: Ivanov twice (the first row counts), Petrova, Kotov; Sidorov is missing."""
    return pd.DataFrame({
        C.person: ["Ivanov", "Petrova", " ivanov ", "Kotov", None],
        C.role: ["Менеджер по продажам", "key_account_manager", "director", "астролог",
                 "director"],
    })


def test_contact_matrix_without_staff_keeps_its_columns():
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF)
    assert list(m.columns) == MATRIX_COLUMNS and "our_role" not in m.columns


def test_contact_matrix_our_role_from_staff():
    plain = contact_matrix(contacts(), interactions(), as_of=AS_OF)
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF, staff=staff())
    # the same matrix, our_role added at the end
    assert list(m.columns) == [*MATRIX_COLUMNS, "our_role"]
    pd.testing.assert_frame_equal(m[MATRIX_COLUMNS], plain)

    def role(person):
        return set(m.loc[m[C.manager] == person, "our_role"].astype(object))

    # Ivanov: "Менеджер по продажам" → manager (his second row, "director", is not used);
    # Petrova: the id itself; Sidorov is not in the staff table → <NA>
    assert role("Ivanov") == {"manager"}
    assert role("Petrova") == {"key_account_manager"}
    assert m.loc[m[C.manager] == "Sidorov", "our_role"].isna().all()
    assert str(m["our_role"].dtype) == "string"
    assert m.attrs["missing"] == []
    assert m.attrs["unknown_values"] == {"staff.role": ["астролог"]}  # Kotov's role
    assert set(m["our_role"].dropna()) <= set(STAFF_ROLES)


def test_contact_matrix_staff_without_role_or_person():
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF,
                       staff=staff().drop(columns=[C.role]))
    assert m["our_role"].isna().all() and m.attrs["missing"] == ["staff.role"]
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF,
                       staff=pd.DataFrame({C.role: ["manager"]}))
    assert m["our_role"].isna().all() and m.attrs["missing"] == ["staff.person"]


def test_contact_matrix_staff_on_the_sales_only_path():
    # no contacts, no interactions: an empty matrix that still has the column
    m = contact_matrix(None, None, as_of=AS_OF, staff=staff())
    assert list(m.columns) == [*MATRIX_COLUMNS, "our_role"] and len(m) == 0
    assert m.attrs["missing"] == ["contacts", "interactions"]


def test_staff_role_aliases_cover_the_ids():
    for role in STAFF_ROLES:
        assert canonical(pd.Series([role]), STAFF_ROLE_ALIASES).iat[0] == role
    assert set(STAFF_ROLE_ALIASES.values()) == set(STAFF_ROLES)
    assert canonical(pd.Series(["Коммерческий директор", "КАМ", "Логист"]),
                     STAFF_ROLE_ALIASES).tolist() == ["director", "key_account_manager",
                                                      "specialist"]


def test_demo_contact_matrix_with_staff(demo_dataset):
    ds = demo_dataset
    m = contact_matrix(ds.contacts, ds.interactions, as_of=Facts.of(ds).as_of, staff=ds.staff)
    assert m.attrs["level"] == "contact" and m.attrs["unknown_values"] == {}
    # every one of our people in the interactions is in the staff table
    met = m[C.manager].notna()
    assert m.loc[met, "our_role"].notna().all()
    assert {"manager", "key_account_manager", "director", "specialist"} <= set(m["our_role"])

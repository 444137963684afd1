"""The demo company's key-account truths (blocks 7, 8 and 10), found through the notebooks' functions.

Each test finds one planted (or documented) truth of ``data/demo/README.md`` ("Key-account
truths") on the committed demo company (the ``demo_dataset`` fixture), through the same kbcore
functions the block 7 and block 10 notebooks use: ``key_account_ids``, ``client_pnl``,
``losing_key_accounts``, ``client_features``, ``ka_profile``, ``client_stages``,
``ka_flag_review``, ``dmu_coverage``, ``buy_class`` and ``contact_matrix(staff=...)``. The counts
are the documented ones; where a number only follows from how the company is drawn (not
planted), the test checks a range.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import kbcore
from kbcore.analyses.dmu import (
    MATRIX_COLUMNS,
    STAFF_ROLES,
    buy_class,
    contact_matrix,
    dmu_coverage,
    roles_of,
)
from kbcore.analyses.key_accounts import (
    ka_flag_review,
    ka_profile,
    key_account_ids,
    losing_key_accounts,
)
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.profile import client_features
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts
from kbcore.paths import DEMO_DIR
from kbcore.schema import C

# the planted single-threaded key accounts that lose volume in 2025 (kbcore.demo.accounts) and
# the one that was already falling as drawn (000208)
PLANTED_DROP = {"000177", "000443", "000445", "000467", "000648"}
FALLING_SINGLE = PLANTED_DROP | {"000208"}
LOST_KEY_ACCOUNTS = {"000038", "000155", "000241", "000295", "000503", "000639", "001460",
                     "001475"}
LOSING_KEY_ACCOUNTS = {"001455", "001460", "001463", "001475", "001479"}
NEW_ROLE_WORDINGS = {"Инициатор закупки", "Инициатор", "Утверждающий", "Согласующий"}


@pytest.fixture(scope="module")
def ds(demo_dataset):
    return demo_dataset


@pytest.fixture(scope="module")
def facts(ds):
    return Facts.of(ds)


@pytest.fixture(scope="module")
def ka(ds):
    return key_account_ids(ds.clients)


@pytest.fixture(scope="module")
def pnl(ds, facts):
    return client_pnl(facts, ds.clients, ds.interactions)


@pytest.fixture(scope="module")
def coverage(ds, facts, ka):
    return dmu_coverage(ds.contacts, ka, as_of=facts.as_of)


# --------------------------------------------------------------------------- block 7
def test_stale_flags_and_unflagged_fits(ds, facts, ka, pnl):
    # as the block 7 notebook does: profile of the profitable key accounts, stages at the end
    prof = ka_profile(client_features(facts, ds.clients, ds.products), pnl, ka)
    review = ka_flag_review(prof.scores, client_stages(facts, ds.clients), ka)
    assert review.attrs["missing"] == ()
    by = {reason: set(ids) for reason, ids in review.groupby("reason")[C.client_id]}
    # 8 flagged key accounts are lost (no purchase for a year): visible, as drawn
    assert by["stale_lost"] == LOST_KEY_ACCOUNTS
    # 6 are declining: exactly the single-threaded key accounts that still buy (5 planted)
    assert by["stale_declining"] == FALLING_SINGLE
    assert "stale_no_sales" not in by
    # unflagged clients that fit the profile (score ≥ 0.75 on ≥ 3 traits), none of them lost
    fit = review.loc[review["reason"] == "unflagged_fit"]
    assert 50 <= len(fit) <= 100  # 74 in the committed files
    assert not fit[C.client_id].isin(ka).any()
    assert (fit["score"] >= 0.75).all() and (fit["stage"] != "lost").all()
    assert (fit["score"] == 1.0).sum() >= 3  # a few match every trait


def test_losing_key_accounts(ka, pnl):
    losing = losing_key_accounts(pnl, ka)
    assert set(losing[C.client_id]) == LOSING_KEY_ACCOUNTS
    # all five are concession key accounts: positive gross margin eaten by the cost to serve
    assert (losing["reason"] == "negative_profit").all()
    assert (losing["gross_margin"] > 0).all() and (losing["profit"] < 0).all()
    # … won with concessions (truth 2: discount rate ≥ 15 %)
    rate = pnl.set_index(C.client_id)["discount_rate"]
    assert (rate.reindex(list(LOSING_KEY_ACCOUNTS)) >= 0.15).all()
    assert -10e6 < losing.attrs["loss"] < 0


# --------------------------------------------------------------------------- our people
def test_staff_table(ds):
    st = ds.staff
    assert st is not None and len(st) == 16 and st[C.person].is_unique
    roles = st[C.role].value_counts()
    assert roles.to_dict() == {"manager": 11, "specialist": 2, "key_account_manager": 1,
                               "director": 1, "head_of_sales": 1}
    assert set(st[C.role]) <= set(STAFF_ROLES)
    # the twelve sales managers are the sales table's managers; one left in mid-2023
    sellers = set(ds.sales[C.manager].dropna())
    assert len(sellers) == 12
    assert sellers == set(st.loc[st[C.role].isin(["manager", "key_account_manager"]), C.person])
    left = st.dropna(subset=[C.left])
    assert len(left) == 1 and left[C.left].iat[0].year == 2023 and left[C.left].iat[0].month in (6, 7)
    assert (ds.sales.loc[ds.sales[C.manager] == left[C.person].iat[0], C.date]
            <= left[C.left].iat[0]).all()
    assert (st[C.hired] < st[C.left].fillna(pd.Timestamp.max)).all()
    assert st[C.base_pay].between(50_000, 300_000).all()
    # everybody named as our person anywhere is on the staff
    people = set(st[C.person])
    assert set(ds.interactions[C.manager].dropna()) <= people
    assert set(ds.contacts[C.owner].dropna()) <= people
    assert set(ds.clients[C.manager].dropna()) <= people


def test_our_other_people_meet_the_key_accounts(ds, ka):
    it = ds.interactions
    role = it[C.manager].map(ds.staff.set_index(C.person)[C.role])
    others = it.loc[role.isin(["director", "head_of_sales", "specialist"])]
    assert len(others) > 500
    assert others[C.client_id].isin(ka).all()  # only with key accounts …
    assert set(others[C.kind]) <= {"meeting", "call", "email"}  # … and never a sales visit
    assert set(it.loc[(role == "director").fillna(False), C.kind]) == {"meeting"}
    assert others[C.contact_id].notna().all()  # they always know whom they met
    assert others[C.client_id].nunique() >= 20


# --------------------------------------------------------------------------- block 10
def test_initiators_and_approvers(ds, coverage):
    ct = ds.contacts
    new = ct.loc[ct[C.buying_role].isin(NEW_ROLE_WORDINGS)]
    assert len(new) == 54 and len(ct) == 1354
    roles = roles_of(new[C.buying_role])["role"]
    assert roles.value_counts().to_dict() == {"approver": 36, "initiator": 18}
    assert coverage.attrs["unknown_values"] == {}  # dmu knows the Russian wordings
    assert int(coverage["has_initiator"].sum()) == 11 and int(coverage["has_approver"].sum()) == 12
    # a single-threaded account got no second person
    per_client = ct.groupby(C.client_id).size()
    assert (per_client.reindex(new[C.client_id]) >= 3).all()
    assert not new[C.client_id].isin(coverage.loc[coverage["single_threaded"].astype(bool),
                                                  C.client_id]).any()


def test_interactions_name_the_contact(ds, facts, coverage):
    it, ct = ds.interactions, ds.contacts
    named = it.loc[it[C.contact_id].notna()]
    assert 0.5 <= len(named) / len(it) <= 0.65  # 57.7 %: records of clients with known people
    # every contact_id is a contact of the same client
    pairs = pd.MultiIndex.from_frame(ct[[C.client_id, C.contact_id]])
    assert pd.MultiIndex.from_frame(named[[C.client_id, C.contact_id]]).isin(pairs).all()
    # a record never names a person after the person's last contact date: the coverage is the
    # same with and without the interactions
    with_it = dmu_coverage(ct, coverage[C.client_id], as_of=facts.as_of, interactions=it)
    pd.testing.assert_series_equal(with_it["last_contact"], coverage["last_contact"])
    # face-to-face records name a person more often than calls
    share = it.assign(n=it[C.contact_id].notna()).groupby(C.kind)["n"].mean()
    assert share["meeting"] > share["call"] and share["visit"] > share["call"]


def test_single_threaded_key_accounts_lose_revenue(ds, facts, ka, coverage):
    bc = buy_class(facts, ka, products=ds.products).set_index(C.client_id)
    cov = coverage.set_index(C.client_id)
    buying = bc["revenue_12m"] > 0
    single = cov["single_threaded"].astype(bool).reindex(bc.index)
    assert int(single.sum()) == 8
    # every single-threaded key account that still buys lost more than 30 % (−51 … −71 %) …
    s_change = bc.loc[single & buying, "revenue_change"]
    assert set(s_change.index) == FALLING_SINGLE
    assert (s_change <= -0.45).all()
    # … the multi-threaded ones that still buy did not (−26 % … +80 %, median positive)
    m_change = bc.loc[~single & buying, "revenue_change"]
    assert len(m_change) == 12
    assert (m_change > -0.3).all() and m_change.median() > 0.1
    # and the other two single-threaded key accounts are lost
    assert set(bc.index[single & ~buying]) == {"000038", "000295"}
    # the drop shows in block 2's stages too
    stages = client_stages(facts, ds.clients).set_index(C.client_id)["stage"]
    assert (stages.reindex(list(FALLING_SINGLE)) == "declining").all()


def test_contact_matrix_with_our_roles(ds, facts, ka):
    m = contact_matrix(ds.contacts, ds.interactions, as_of=facts.as_of, staff=ds.staff)
    assert list(m.columns) == [*MATRIX_COLUMNS, "our_role"]
    assert m.attrs["level"] == "contact" and m.attrs["missing"] == []
    km = m.loc[m[C.client_id].isin(ka)]
    assert km.loc[km[C.manager].notna(), "our_role"].notna().all()
    mix = set(km["our_role"].dropna())
    assert {"manager", "key_account_manager", "director", "head_of_sales", "specialist"} <= mix
    # the counts add up to the interactions in the window
    age = (facts.as_of - ds.interactions[C.date]).dt.days
    assert m["interactions"].sum() == int(((age >= 0) & (age < 365)).sum())
    assert m["strength"].between(0, 3).all()


# --------------------------------------------------------------------------- files
def test_sales_only_folder_has_no_staff(tmp_path):
    shutil.copy(DEMO_DIR / "sales.csv.gz", tmp_path / "sales.csv.gz")
    ds = kbcore.load(tmp_path)
    assert ds.staff is None and ds.contacts is None and ds.quality.ok
    m = contact_matrix(ds.contacts, ds.interactions, as_of=ds.sales[C.date].max(),
                       staff=ds.staff)
    assert len(m) == 0 and m.attrs["missing"] == ["contacts", "interactions"]


def test_staff_file_is_canonical_and_loaded(ds):
    raw = pd.read_csv(DEMO_DIR / "staff.csv", dtype=str, keep_default_na=False)
    assert list(raw.columns) == ["person", "role", "team", "hired", "left", "base_pay"]
    assert raw["hired"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert (raw["left"] != "").sum() == 1
    assert ds.quality.stats("staff").rows_kept == len(raw) == 16

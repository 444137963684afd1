"""Block 9 · the time split per person from the CRM records, by hand and on the demo.

The hand company, as of 2024-12-31 (window = 2024); X is the one key account:

* ann (key_account_manager): 2 visits (one to X), 3 calls (one to X), 1 e-mail in 2024, and a
  visit in 2023 (outside the window). Hours: visits 2 × 120 min = 4 h, calls 3 × 10 min = 0.5 h,
  e-mail 5 min = 1/12 h → 4.58333 h; visits' share 4 / 4.58333 = 0.872727; key-account hours
  2 + 1/6 = 2.16667 → share 0.472727.
* bob (not in the staff table): a meeting with X (1.5 h) and a "fax" (no minutes: hours
  unknown) → person hours 1.5, key-account share 1.
"""

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import kam_time as K
from kbcore.ingest.dataset import Dataset


def _s(values):
    return pd.array(values, dtype="string")


def _sales():
    return pd.DataFrame({"date": pd.to_datetime(["2024-12-31"]), "client_id": _s(["X"]),
                         "revenue": [1.0]})


def _interactions():
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01",
                                "2024-06-01", "2024-07-01", "2023-07-01", "2024-08-01",
                                "2024-09-01"]),
        "client_id": _s(["X", "Y", "X", "Y", "Y", "Y", "X", "X", "Y"]),
        "manager": _s(["ann", "ann", "ann", "ann", "ann", "ann", "ann", "bob", "bob"]),
        "kind": _s(["visit", "Visit ", "call", "call", "call", "email", "visit", "meeting", "fax"]),
    })


def _dataset(**over):
    tables = dict(
        sales=_sales(),
        clients=pd.DataFrame({"client_id": _s(["X", "Y"]), "key_account": [True, False]}),
        interactions=_interactions(),
        staff=pd.DataFrame({"person": _s(["ann"]), "role": _s(["key_account_manager"])}),
    )
    tables.update(over)
    return Dataset(**tables)


def test_time_split_by_hand():
    t = K.time_split(_dataset()).set_index(["manager", "kind"])
    assert list(t.columns) == [c for c in K.TIME_COLUMNS if c not in ("manager", "kind")]
    assert t.loc[("ann", "visit"), "records"] == 2                 # the 2023 visit is out
    assert t.loc[("ann", "visit"), "hours"] == 4
    assert t.loc[("ann", "email"), "hours"] == pytest.approx(5 / 60)
    assert t.loc[("ann", "visit"), "person_hours"] == pytest.approx(4 + 0.5 + 5 / 60)
    assert t.loc[("ann", "visit"), "share"] == pytest.approx(4 / (4 + 0.5 + 5 / 60))
    assert t.loc[("ann", "call"), "ka_records"] == 1
    assert t.loc[("ann", "call"), "person_ka_share"] == pytest.approx((2 + 1 / 6) / (4 + 0.5 + 5 / 60))
    assert t.loc[("ann", "visit"), "role"] == "key_account_manager"
    assert pd.isna(t.loc[("bob", "meeting"), "role"])
    assert np.isnan(t.loc[("bob", "fax"), "hours"])
    assert t.loc[("bob", "meeting"), "person_hours"] == 1.5
    assert t.loc[("bob", "meeting"), "person_ka_share"] == 1.0
    shares = t.loc["ann", "share"].sum()
    assert shares == pytest.approx(1.0)
    assert "minutes" in t.attrs["missing"]


def test_minutes_are_a_parameter():
    t = K.time_split(_dataset(), minutes={"visit": 60, "call": 30, "email": 0, "meeting": 60,
                                          "fax": 1}).set_index(["manager", "kind"])
    # ann: 2 h visits + 1.5 h calls + 0 → 3.5 h
    assert t.loc[("ann", "visit"), "person_hours"] == pytest.approx(3.5)
    assert "minutes" not in t.attrs["missing"]


def test_missing_tables():
    only = Dataset(sales=_sales(), clients=pd.DataFrame({"client_id": _s(["X"])}))
    t = K.time_split(only)
    assert t.empty and t.attrs["missing"] == ("interactions",)
    no_kind = _dataset(interactions=_interactions().drop(columns=["kind"]))
    assert K.time_split(no_kind).attrs["missing"] == ("kind",)
    t = K.time_split(_dataset(staff=None, clients=pd.DataFrame({"client_id": _s(["X"])})))
    assert {"staff", "key_accounts"} <= set(t.attrs["missing"])
    assert t["person_ka_share"].isna().all() and t["role"].isna().all()
    assert t["hours"].notna().any()


def test_demo_invariants(demo_dataset):
    t = K.time_split(demo_dataset)
    assert t.attrs["missing"] == ()
    assert set(t["kind"]) <= set(K.MINUTES)
    per = t.groupby("manager")["share"].sum()
    assert np.allclose(per, 1.0)
    assert t["person_ka_share"].between(0, 1).all()
    # every person is ours, with a role; only the sellers visit (README: director, head of
    # sales and specialists meet, call and write)
    assert t["role"].notna().all()
    visits = t.loc[t["kind"] == "visit", "role"]
    assert set(visits) <= {"manager", "key_account_manager"}
    # README: our other people (director, head of sales, specialists) meet only key accounts
    first = t.groupby("manager")[["role", "person_ka_share"]].first()
    others = first.loc[~first["role"].isin(["manager", "key_account_manager"])]
    assert len(others) == 4 and (others["person_ka_share"] == 1).all()

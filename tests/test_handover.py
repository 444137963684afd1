"""Block 3 · a manager leaves: departures and the handover effect, by hand and on the demo.

The hand company: m_old leaves on 2023-06-30 (staff), m_new takes over; as of 2024-06-30.
Window before B = 2022-07-01 … 2023-06-30, after A = 2023-07-01 … 2024-06-30.

======  =====  ==========================  ===========================
client  seg.   in B                         in A
======  =====  ==========================  ===========================
H1      S1     m_old 2023-03-01, 100        m_new 2023-09-01, 120
H2      S1     m_old 2023-04-01, 100        —
K1      S1     m_other 2023-02-01, 100      m_other 2023-10-01, 50
K2      S2     m_other 2023-05-01, 10       —
======  =====  ==========================  ===========================

ABC in B (total 310; ties by id): H1 before 0 → A, H2 0.323 → A, K1 0.645 → A, K2 0.968 → C.
Cells: H1, H2, K1 = S1|A; K2 = S2|C. Handed over: H1, H2; comparable: K1 (K2's cell has no
handed-over client).
"""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import handover as H
from kbcore.facts import Facts
from kbcore.ingest.dataset import Dataset

AS_OF = "2024-06-30"


def _s(values):
    return pd.array(values, dtype="string")


def _sales(manager=True):
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2023-03-01", "2023-09-01", "2023-04-01", "2023-02-01",
                                "2023-10-01", "2023-05-01"]),
        "client_id": _s(["H1", "H1", "H2", "K1", "K1", "K2"]),
        "revenue": [100.0, 120.0, 100.0, 100.0, 50.0, 10.0],
        "manager": _s(["m_old", "m_new", "m_old", "m_other", "m_other", "m_other"]),
    })
    return frame if manager else frame.drop(columns=["manager"])


def _dataset(**over):
    tables = dict(
        sales=_sales(),
        clients=pd.DataFrame({"client_id": _s(["H1", "H2", "K1", "K2"]),
                              "segment": _s(["S1", "S1", "S1", "S2"]),
                              "manager": _s(["m_new", "m_new", "m_other", "m_other"])}),
        staff=pd.DataFrame({"person": _s(["m_old", "m_new", "m_other"]),
                            "left": pd.to_datetime(["2023-06-30", None, None])}),
        # H1: 3 records up to D (one with a note) and one after (does not count); H2: one record
        interactions=pd.DataFrame({
            "date": pd.to_datetime(["2023-01-10", "2023-02-10", "2023-06-30", "2023-08-01",
                                    "2023-03-15"]),
            "client_id": _s(["H1", "H1", "H1", "H1", "H2"]),
            "note": _s(["price talk", None, " ", "after", None]),
        }),
        contacts=pd.DataFrame({"client_id": _s(["H1", "H1"]), "contact_id": _s(["c1", "c2"])}),
    )
    tables.update(over)
    return Dataset(**tables)


@pytest.fixture
def facts():
    return Facts(_sales(), as_of=AS_OF)


def test_departures_from_staff(facts):
    d = H.manager_departures(_dataset(), facts)
    assert len(d) == 1
    row = d.iloc[0]
    assert row["manager"] == "m_old" and row["left"] == pd.Timestamp("2023-06-30")
    assert row["source"] == "staff"
    assert row["clients"] == 2 and row["handed_over"] == 1      # H1 bought from m_new, H2 not
    assert row["successor"] == "m_new"
    assert row["revenue_before"] == 200


def test_departures_from_sales_without_staff(facts):
    # m_old's last line 2023-04-01 < 2024-06-30 − 6 months and H1 bought from m_new later;
    # m_other (last 2023-10-01) and m_new (2023-09-01) are silent too, but nobody of theirs
    # bought from someone else afterwards: not departures
    d = H.manager_departures(_dataset(staff=None), facts)
    assert list(d["manager"]) == ["m_old"]
    assert d["left"].iat[0] == pd.Timestamp("2023-04-01") and d["source"].iat[0] == "sales"


def test_handover_effect_by_hand(facts):
    r = H.handover_effect(_dataset(), facts)
    assert r.manager == "m_old" and r.date == pd.Timestamp("2023-06-30")
    assert r.after_end == pd.Timestamp("2024-06-30") and r.missing == ()
    g = r.groups.set_index("group")
    # handed over: before 200, after 120 → ratio 0.6; 1 of 2 still buying
    assert g.loc["handed_over", "clients"] == 2
    assert g.loc["handed_over", "revenue_ratio"] == pytest.approx(0.6)
    assert g.loc["handed_over", "still_buying_share"] == 0.5
    assert g.loc["handed_over", "churn_share"] == 0.5
    # comparable: K1 only, 100 → 50, still buying
    assert g.loc["comparable", "clients"] == 1
    assert g.loc["comparable", "revenue_ratio"] == pytest.approx(0.5)
    assert g.loc["comparable", "still_buying_share"] == 1.0
    assert r.expected_still_buying == 1.0                    # cell S1|A: K1 still buys
    c = r.clients.set_index("client_id")
    assert "K2" not in c.index
    assert c.loc["H2", "stage_after"] == "lost"              # 456 days without a purchase
    # knowledge: H1 = 3 records + 1 note (the blank one does not count) + 2 contacts = 6;
    # H2 = 1 + 0 + 0 = 1; median 3.5 → H1 high, H2 low
    assert c.loc["H1", "knowledge"] == 6 and c.loc["H2", "knowledge"] == 1
    assert bool(c.loc["H1", "high_knowledge"]) and not bool(c.loc["H2", "high_knowledge"])
    assert np.isnan(c.loc["K1", "knowledge"])
    p = r.protection.set_index("knowledge")
    assert p.loc["high", "still_buying_share"] == 1.0 and p.loc["low", "still_buying_share"] == 0.0
    assert p.loc["high", "revenue_ratio"] == pytest.approx(1.2)
    st = r.stages.groupby("group")["at_date"].sum()
    assert st["handed_over"] == 2 and st["comparable"] == 1


def test_short_window_and_missing_knowledge():
    facts = Facts(_sales(), as_of="2024-01-31")
    r = H.handover_effect(_dataset(interactions=None, contacts=None), facts)
    assert r.after_end == pd.Timestamp("2024-01-31")
    assert {"window", "interactions", "contacts"} <= set(r.missing)
    assert r.protection.empty
    assert r.clients["knowledge"].isna().all()


def test_without_segments_matches_on_abc():
    ds = _dataset(clients=pd.DataFrame({"client_id": _s(["H1", "H2", "K1", "K2"])}))
    r = H.handover_effect(ds, Facts(_sales(), as_of=AS_OF))
    assert "segment" in r.missing
    assert r.groups.set_index("group").loc["comparable", "clients"] == 1   # K1 (A); K2 is C


def test_sales_only_without_manager():
    sales = _sales(manager=False)
    only = Dataset(sales=sales, clients=pd.DataFrame({"client_id": _s(["H1", "H2", "K1", "K2"])}))
    d = H.manager_departures(only, Facts(sales, as_of=AS_OF))
    assert d.empty and d.attrs["missing"] == ("manager",)
    r = H.handover_effect(only, Facts(sales, as_of=AS_OF))
    assert r.manager is None and set(r.missing) == {"manager", "departure"}


def test_demo_invariants(demo_dataset):
    facts = Facts.of(demo_dataset)
    d = H.manager_departures(demo_dataset, facts)
    # README: one sales manager left on 2023-06-29
    assert len(d) == 1 and d["left"].iat[0] == pd.Timestamp("2023-06-29")
    assert 0 < d["handed_over"].iat[0] <= d["clients"].iat[0]
    r = H.handover_effect(demo_dataset, facts)
    g = r.groups.set_index("group")
    assert g["still_buying_share"].between(0, 1).all()
    assert g.loc["handed_over", "clients"] == (r.clients["group"] == "handed_over").sum()
    assert r.stages.groupby("group")["at_date"].sum()["handed_over"] == g.loc["handed_over", "clients"]
    assert r.protection["clients"].sum() == g.loc["handed_over", "clients"]
    # the successor in the cards: the handed-over clients' current manager is not the leaver
    cards = demo_dataset.clients.set_index("client_id")["manager"]
    handed = r.clients.loc[r.clients["group"] == "handed_over", "client_id"]
    assert not (cards.reindex(handed) == r.manager).any()
    # no staff table: the sales alone find the same manager
    d2 = H.manager_departures(dataclasses.replace(demo_dataset, staff=None), facts)
    assert list(d2["manager"]) == list(d["manager"])

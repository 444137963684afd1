"""Block 3 · IDIC (identify, differentiate, interact, customise) on a hand-made company and the demo.

Every expected number is worked out by hand in the comments. The hand company, as of
2024-12-31 (window = calendar 2024):

=======  ========  ============  =========  =====  =======  ==========
client   revenue   discount      ABC        seg.   terms    categories
=======  ========  ============  =========  =====  =======  ==========
X        800       200 (0.2)     A (0 %)    S1     60       c1, c2
Y        150         0 (0.0)     B (80 %)   S1     30       c1
Z         50        10 (1/6)     C (95 %)   S2      0       c3
=======  ========  ============  =========  =====  =======  ==========

(ABC: cumulative share before the client 0, 0.80, 0.95 → A, B, C.)
"""

import math

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import idic as I
from kbcore.facts import Facts
from kbcore.ingest.dataset import Dataset

AS_OF = "2024-12-31"


def _s(values):
    return pd.array(values, dtype="string")


def _sales():
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-03-01", "2024-06-01", "2024-05-01", "2024-09-01"]),
        "client_id": _s(["X", "X", "Y", "Z"]),
        "product_id": _s(["p1", "p2", "p1", "p3"]),
        "revenue": [400.0, 400.0, 150.0, 50.0],
        "discount": [100.0, 100.0, 0.0, 10.0],
        "cost": [300.0, 300.0, 100.0, 40.0],
        "manager": _s(["m1", "m1", "m1", "m2"]),
    })


def _clients():
    return pd.DataFrame({
        "client_id": _s(["X", "Y", "Z"]),
        "name": _s(["Xeno", "Yota", "Zeta"]),
        "tax_id": _s(["0101", None, None]),
        "phone": _s(["+7", "+7", None]),
        "email": _s([None, None, None]),
        "address": _s(["a", "b", "c"]),
        "decision_maker": _s(["Ivanov", None, None]),
        "segment": _s(["S1", "S1", "S2"]),
        "payment_terms_days": [60.0, 30.0, 0.0],
    })


def _contacts():
    # Z's decision maker is among its contacts (not on its card)
    return pd.DataFrame({"client_id": _s(["Z"]), "contact_id": _s(["k1"]),
                         "buying_role": _s(["decision_maker"])})


def _interactions():
    # X: 2 visits + 4 calls in 2024 (last 2024-12-01) and a call in 2023 (outside the window);
    # Y: one call in 2023 only; Z: 2 calls in 2024 (last 2024-12-31)
    dates = ["2024-01-10", "2024-02-10", "2024-03-10", "2024-04-10", "2024-05-10", "2024-12-01",
             "2023-05-01", "2023-07-01", "2024-06-15", "2024-12-31"]
    return pd.DataFrame({
        "date": pd.to_datetime(dates),
        "client_id": _s(["X"] * 7 + ["Y", "Z", "Z"]),
        "kind": _s(["visit", "visit", "call", "call", "call", "call", "call", "call", "call",
                    "call"]),
        "manager": _s(["m1"] * 8 + ["m2", "m2"]),
    })


def _products():
    return pd.DataFrame({"product_id": _s(["p1", "p2", "p3"]), "category": _s(["c1", "c2", "c3"])})


@pytest.fixture
def ds():
    return Dataset(sales=_sales(), clients=_clients(), contacts=_contacts(),
                   interactions=_interactions(), products=_products())


@pytest.fixture
def facts():
    return Facts(_sales(), as_of=AS_OF)


def test_differentiation_by_hand(facts):
    d = I.differentiation_by_class(facts, _interactions(), as_of=AS_OF).set_index("abc")
    assert list(d.index) == ["A", "B", "C", "all"]
    assert d.loc["A", "clients"] == 1 and d.loc["all", "clients"] == 3
    assert d.loc["A", "discount_rate"] == pytest.approx(0.2)          # 200 / 1000
    assert d.loc["C", "discount_rate"] == pytest.approx(1 / 6)        # 10 / 60
    assert d.loc["all", "discount_rate"] == pytest.approx((0.2 + 0 + 1 / 6) / 3)
    assert d.loc["A", "records_per_year"] == 6                        # the 2023 call is out
    assert d.loc["B", "records_per_year"] == 0
    assert d.loc["C", "records_per_year"] == 2
    assert d.loc["A", "visits_per_year"] == 2
    assert d.loc["all", "records_per_year"] == pytest.approx(8 / 3)
    # contact ratio 6 / 2 = 3 → clip(ln 3 / ln 3) = 1; discount ratio 0.2 / (1/6) = 1.2 →
    # |ln 1.2| / ln 3 = 0.18232 / 1.09861 = 0.16596; score = (1 + 0.16596) / 2 = 0.58298
    assert d.attrs["contact_ratio"] == pytest.approx(3.0)
    assert d.attrs["discount_ratio"] == pytest.approx(1.2)
    assert d.attrs["score"] == pytest.approx((1 + math.log(1.2) / math.log(3)) / 2)
    assert d.attrs["missing"] == ()


def test_interaction_by_hand(facts):
    t = I.interaction_by_class(facts, _interactions(), as_of=AS_OF).set_index("abc")
    # X covered (last 2024-12-01: 30 days), Y not (last 2023-07-01: 366 + 183 = 549 days),
    # Z covered (last 2024-12-31: 0 days)
    assert t.loc["A", "coverage"] == 1.0 and t.loc["B", "coverage"] == 0.0
    assert t.loc["all", "covered"] == 2
    assert t.loc["B", "median_days_since"] == 549
    assert t.loc["all", "median_days_since"] == 30                    # median of 30, 549, 0
    assert t.loc["all", "revenue_covered_share"] == pytest.approx(0.85)  # (800 + 50) / 1000
    assert t.loc["all", "never"] == 0


def test_customisation_by_hand(facts):
    c = I.customisation_by_segment(facts, _clients(), _products(), as_of=AS_OF).set_index("segment")
    assert c.loc["S1", "clients"] == 2
    assert c.loc["S1", "categories_per_client"] == 1.5                 # X 2, Y 1
    assert c.loc["S1", "discount_rate"] == pytest.approx(0.1)          # (0.2 + 0) / 2
    assert c.loc["S1", "terms_mean"] == 45 and c.loc["S1", "terms_std"] == 15
    assert c.loc["S2", "terms_std"] == 0
    # cv: categories (1.5, 1) → 0.25 / 1.25 = 0.2; discount (0.1, 1/6) → 0.0333 / 0.1333 = 0.25;
    # terms (45, 0) → 22.5 / 22.5 = 1; parts 0.4, 0.5, 1 → score 0.63333
    assert c.attrs["cv"]["categories_per_client"] == pytest.approx(0.2)
    assert c.attrs["cv"]["discount_rate"] == pytest.approx(0.25)
    assert c.attrs["cv"]["terms_mean"] == pytest.approx(1.0)
    assert c.attrs["score"] == pytest.approx((0.4 + 0.5 + 1.0) / 3)


def test_idic_measures_by_hand(ds, facts):
    m = I.idic_measures(ds, facts, as_of=AS_OF).set_index("principle")
    assert list(m.index) == list(I.PRINCIPLES)
    # identify: name 1, tax 1/3, phone 2/3, e-mail 0, address 1, decision maker 2/3 (X card, Z
    # contact) → mean 3.6667 / 6 = 0.61111; complete: X only → 1/3
    assert m.loc["identify", "score"] == pytest.approx((1 + 1 / 3 + 2 / 3 + 0 + 1 + 2 / 3) / 6)
    assert m.loc["identify", "value_2"] == pytest.approx(1 / 3)
    assert m.loc["differentiate", "score"] == pytest.approx((1 + math.log(1.2) / math.log(3)) / 2)
    assert m.loc["interact", "score"] == pytest.approx(0.85)
    assert m.loc["customise", "score"] == pytest.approx((0.4 + 0.5 + 1.0) / 3)
    assert m.loc["customise", "value"] == 2
    assert m["missing"].isna().all() and m.attrs["missing"] == ()


def test_sales_only_export():
    sales = _sales().drop(columns=["cost"])
    only = Dataset(sales=sales, clients=pd.DataFrame({"client_id": _s(["X", "Y", "Z"]),
                                                      "name": _s(["a", "b", "c"])}))
    m = I.idic_measures(only, Facts(sales, as_of=AS_OF), as_of=AS_OF).set_index("principle")
    # identify from the name only: 1 of 6 fields
    assert m.loc["identify", "score"] == pytest.approx(1 / 6)
    # differentiate from discounts only: |ln 1.2| / ln 3
    assert m.loc["differentiate", "score"] == pytest.approx(math.log(1.2) / math.log(3))
    assert m.loc["differentiate", "missing"] == "interactions"
    assert np.isnan(m.loc["interact", "score"]) and m.loc["interact", "missing"] == "interactions"
    assert np.isnan(m.loc["customise", "score"])
    assert "segment" in m.loc["customise", "missing"].split(",")
    assert {"interactions", "segment"} <= set(m.attrs["missing"])


def test_no_discount_and_one_class():
    # one client only: class A, no C; no discount column → differentiate unknown
    sales = pd.DataFrame({"date": pd.to_datetime(["2024-05-01"]), "client_id": _s(["X"]),
                          "revenue": [100.0]})
    d = I.differentiation_by_class(Facts(sales), None)
    assert np.isnan(d.attrs["score"])
    assert set(d.attrs["missing"]) == {"interactions", "discount", "abc_classes"}


def test_demo_invariants(demo_dataset):
    facts = Facts.of(demo_dataset)
    m = I.idic_measures(demo_dataset, facts)
    assert list(m["principle"]) == list(I.PRINCIPLES)
    assert m["score"].between(0, 1).all()          # every principle measurable on the demo
    diff = I.differentiation_by_class(facts, demo_dataset.interactions).set_index("abc")
    assert diff.loc[["A", "B", "C"], "clients"].sum() == diff.loc["all", "clients"]
    # the demo visits its large clients more: A gets more contact than C
    assert diff.attrs["contact_ratio"] > 1
    inter = I.interaction_by_class(facts, demo_dataset.interactions)
    assert inter["coverage"].between(0, 1).all()
    cust = I.customisation_by_segment(facts, demo_dataset.clients, demo_dataset.products)
    segs = cust.loc[cust["segment"] != I.ALL]
    assert segs["clients"].sum() == cust.loc[cust["segment"] == I.ALL, "clients"].iat[0]
    assert segs["clients"].sum() + cust.attrs["unsegmented"] == diff.loc["all", "clients"]

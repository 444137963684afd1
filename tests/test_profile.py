"""Block 5 client profile (профиль клиента) on small hand-computed examples."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.profile import (  # noqa: E402
    ALL,
    FEATURE_COLUMNS,
    client_features,
    client_profile,
    market_matches,
    profile_match,
)
from kbcore.charts.creation import plot_profile  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.views.profile import profile_view  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error:Glyph")


def _ids(values):
    return pd.array(values, dtype="string")


@pytest.fixture
def tiny():
    """X: 2 orders (60 days apart) of P1 (cat A) and P2 (cat B), one return; Y: 1 order of P1."""
    sales = pd.DataFrame(
        {
            "client_id": _ids(["X", "X", "X", "Y"]),
            "date": pd.to_datetime(["2024-01-10", "2024-03-10", "2024-04-01", "2024-12-01"]),
            "doc_id": _ids(["D1", "D2", "R1", "D3"]),
            "product_id": _ids(["P1", "P2", "P2", "P1"]),
            "quantity": [1.0, 1.0, -1.0, 2.0],
            "revenue": [100.0, 50.0, -20.0, 200.0],
            "cost": [60.0, 30.0, -12.0, 150.0],
        }
    )
    clients = pd.DataFrame(
        {
            "client_id": _ids(["X", "Y"]),
            "name": _ids(["ООО «Икс»", "ИП Игрек"]),
            "segment": _ids(["S", None]),
            "potential": [260.0, np.nan],
        }
    )
    products = pd.DataFrame({"product_id": _ids(["P1", "P2"]), "category": _ids(["A", "B"])})
    return sales, clients, products


def test_client_features(tiny):
    sales, clients, products = tiny
    f = client_features(Facts(sales), clients, products, as_of="2024-12-31")
    assert list(f.columns) == FEATURE_COLUMNS
    x = f.set_index("client_id").loc["X"]
    assert x["revenue_12m"] == pytest.approx(130.0)
    assert x["orders"] == 2
    assert x["orders_per_year"] == pytest.approx(2.0)  # less than a year known → per 1 year
    assert x["days_between_orders"] == 60
    assert x["products"] == 2 and x["categories"] == 2
    assert x["share_of_wallet"] == pytest.approx(0.5)
    assert x["days_since_last"] == 296  # 2024-03-10 → 2024-12-31 (the return is no purchase)
    y = f.set_index("client_id").loc["Y"]
    assert y["segment"] == "unknown" and y["name"] == "ИП Игрек"
    assert math.isnan(y["days_between_orders"]) and y["products"] == 1
    assert math.isnan(y["share_of_wallet"])


def test_client_features_sales_only(tiny):
    sales, _, _ = tiny
    f = client_features(Facts(sales[["client_id", "date", "revenue"]]), None)
    assert (f["segment"] == "unknown").all()
    assert f["products"].isna().all()
    assert list(f["name"]) == ["X", "Y"]


@pytest.fixture
def ten():
    """10 clients of segment S, profit 10 … 1 (c0 best): the top 20 % is c0 and c1."""
    ids = [f"c{i}" for i in range(10)]
    features = pd.DataFrame(
        {
            "client_id": _ids(ids),
            "name": _ids(ids),
            "segment": _ids(["S"] * 10),
            "size": _ids(["L", "L", "L"] + ["S"] * 7),
            "region": _ids(["R1", "R2"] + ["R1"] * 8),
            "acquisition_channel": _ids(["unknown"] * 10),
            "revenue": [100.0] * 10,
            "products": [10.0, 20.0, 15.0] + [1.0] * 7,
            "categories": [np.nan] * 10,
            "orders_per_year": [np.nan] * 10,
            "days_between_orders": [5.0, 15.0, 10.0] + [30.0] * 7,
        }
    )
    pnl = pd.DataFrame({"client_id": _ids(ids), "profit": [10.0 - i for i in range(10)]})
    return features, pnl


def test_client_profile_rules(ten):
    features, pnl = ten
    prof = client_profile(features, pnl, top_share=0.2)
    assert prof.measure == "profit" and prof.by == "segment"
    members = prof.members.set_index("client_id")
    assert list(members.index[members["top"]]) == ["c0", "c1"]
    tab = prof.table.loc[prof.table["category"] == "S"].set_index("trait")
    assert tab.loc["size", "typical"] == "L"
    assert tab.loc["size", "top_match"] == 1.0
    assert tab.loc["size", "rest_match"] == pytest.approx(1 / 8)
    assert bool(tab.loc["size", "used"])
    assert tab.loc["region", "typical"] == "R1, R2"  # ties by value, until 60 % covered
    assert not bool(tab.loc["region", "used"])  # lift 1: tells nothing
    assert tab.loc["products", "bound"] == pytest.approx(12.5)  # q25 of 10 and 20
    assert tab.loc["days_between_orders", "bound"] == pytest.approx(12.5)  # q75 of 5 and 15
    assert "acquisition_channel" not in tab.index  # nothing known
    assert "categories" not in tab.index
    assert "segment" not in tab.index  # constant inside a segment
    assert "segment" in set(prof.table.loc[prof.table["category"] == ALL, "trait"])


def test_profile_match(ten):
    features, pnl = ten
    prof = client_profile(features, pnl, top_share=0.2)
    m = profile_match(features, prof).set_index("client_id")
    assert m.loc["c2", "score"] == pytest.approx(1.0)  # size, products, days all match
    assert m.loc["c3", "score"] == 0.0
    assert m.loc["c0", "score"] == pytest.approx(2 / 3)  # 10 products < 12.5
    assert m.loc["c0", "traits"] == 3
    weighted = profile_match(features, prof, weights={"size": 2.0}).set_index("client_id")
    assert weighted.loc["c0", "score"] == pytest.approx(3 / 4)
    with pytest.raises(ValueError):
        profile_match(features, prof, weights={"size": -1})


def test_profile_without_profit_uses_revenue(ten):
    features, _ = ten
    features = features.assign(revenue=[float(i) for i in range(10)])
    prof = client_profile(features, None)
    assert prof.measure == "revenue"
    assert "profile.note.revenue" in prof.notes
    assert set(prof.members.loc[prof.members["top"], "client_id"]) == {"c8", "c9"}


def test_client_profile_bad_parameters(ten):
    features, pnl = ten
    with pytest.raises(ValueError):
        client_profile(features, pnl, top_share=1.0)
    with pytest.raises(ValueError):
        client_profile(features, pnl, cover=0)


def test_market_matches(ten):
    features, pnl = ten
    prof = client_profile(features, pnl, top_share=0.2)
    market = pd.DataFrame(
        {
            "segment": ["S", "S", "T"],
            "region": ["R1", "R2", "R1"],
            "companies": [100.0, 10.0, 50.0],
            "consumption_per_company": [1.0, 2.0, np.nan],
        }
    )
    out = market_matches(market, features, prof)
    assert list(zip(out["segment"], out["region"], strict=True)) == [
        ("S", "R1"), ("S", "R2"), ("T", "R1")]
    first = out.iloc[0]
    assert first["our_clients"] == 9 and first["prospects"] == 91
    assert first["lift_region"] == pytest.approx(0.5 / 0.9)
    assert first["priority"] == pytest.approx(91 * 0.5 / 0.9)
    assert out.iloc[1]["fit"] == pytest.approx(5.0)
    assert out.iloc[1]["prospect_volume"] == pytest.approx(18.0)
    assert out.iloc[2]["fit"] == 0.0
    assert market_matches(None, features, prof).empty


def test_profile_view_and_chart(ten):
    features, pnl = ten
    prof = client_profile(features, pnl, top_share=0.2)
    view = profile_view(prof, "S", "ru")
    assert "Размер" in set(view["trait"])
    assert "≥ 12,5" in set(view["typical"])
    for lang in ("en", "ru"):
        ax = plot_profile(prof, category="S", lang=lang)
        bars = [p.get_width() for p in ax.patches]
        assert pytest.approx(1.0) in bars and pytest.approx(1 / 8) in bars
        plt.close(ax.figure)


def test_demo_profile(demo_dataset):
    from kbcore.analyses.profitability import client_pnl

    ds = demo_dataset
    facts = Facts.of(ds)
    f = client_features(facts, ds.clients, ds.products)
    prof = client_profile(f, client_pnl(facts, ds.clients, ds.interactions))
    m = profile_match(f, prof)
    # the best clients match their own profile better than the rest
    assert m.loc[m["top"], "score"].mean() > m.loc[~m["top"], "score"].mean() + 0.15
    overall = prof.table.loc[prof.table["category"] == ALL].set_index("trait")
    assert overall.loc["segment", "mode"] == "Промышленные предприятия"


def test_client_features_of_some_clients_are_their_rows_of_all(tiny):
    sales, clients, products = tiny
    facts = Facts(sales)
    full = client_features(facts, clients, products, as_of="2024-12-31")
    one = client_features(facts, clients, products, as_of="2024-12-31", client_ids=[" X "])
    pd.testing.assert_frame_equal(one, full.loc[full["client_id"] == "X"].reset_index(drop=True))
    assert one.attrs["as_of"] == pd.Timestamp("2024-12-31")


def test_client_features_as_of_defaults_to_the_facts_analysis_date(tiny):
    sales, clients, products = tiny
    f = client_features(Facts(sales, as_of="2024-06-30"), clients, products)
    assert list(f["client_id"]) == ["X"]  # Y bought in December, after the analysis date
    assert f.loc[0, "days_since_last"] == 112  # 2024-03-10 → 2024-06-30

"""Block 5 region / segment passport (паспорт региона / сегмента) and the block's key figures."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.passport import passport, passport_stages  # noqa: E402
from kbcore.charts.creation import (  # noqa: E402
    plot_manager_load,
    plot_passport,
    plot_plan_by_segment,
    plot_plan_vs_actual,
)
from kbcore.facts import Facts  # noqa: E402
from kbcore.views.creation import creation_figures  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error:Glyph")


def _ids(values):
    return pd.array(values, dtype="string")


@pytest.fixture
def data():
    """R1: X (active, 2023 100 / 2024 150) and Z (2023 only); R2: Y (2024 200)."""
    sales = pd.DataFrame(
        {
            "client_id": _ids(["X", "X", "Z", "Y"]),
            "date": pd.to_datetime(["2023-06-01", "2024-06-01", "2023-03-01", "2024-11-01"]),
            "revenue": [100.0, 150.0, 50.0, 200.0],
            "cost": [60.0, 100.0, 40.0, 150.0],
        }
    )
    clients = pd.DataFrame(
        {
            "client_id": _ids(["X", "Y", "Z"]),
            "name": _ids(["ООО «Икс»", "ООО «Игрек»", "ООО «Зет»"]),
            "region": _ids(["R1", "R2", "R1"]),
            "segment": _ids(["S", "T", "S"]),
            "manager": _ids(["M1", "M2", "M3"]),
            "potential": [260.0, None, 1000.0],
        }
    )
    market = pd.DataFrame(
        {
            "segment": ["S", "T", "S"],
            "region": ["R1", "R1", "R2"],
            "companies": [6.0, 4.0, 5.0],
            "consumption_per_company": [100.0, 100.0, 100.0],
        }
    )
    return sales, clients, market


def test_passport_by_region(data):
    sales, clients, market = data
    stages = pd.DataFrame({"client_id": _ids(["X", "Y", "Z"]),
                           "stage": ["regular", "new", "lost"]})
    p = passport(Facts(sales), clients, by="region", market=market, stages=stages, as_of="2024-12-31")
    r = p.set_index("region")
    assert list(p["region"]) == ["R1", "R2"]  # by revenue: 300, 200
    assert r.loc["R1", "clients"] == 2 and r.loc["R1", "active_clients"] == 1
    assert r.loc["R1", "gross_margin"] == pytest.approx(100.0)
    assert r.loc["R1", "revenue_12m"] == 150.0
    assert r.loc["R1", "growth"] == pytest.approx(0.0)  # 150 in 2024 vs 100 + 50 in 2023
    assert math.isnan(r.loc["R2", "growth"])
    assert r.loc["R1", "potential"] == 260.0  # Z is not active
    assert r.loc["R1", "share_of_wallet"] == pytest.approx(150 / 260)
    assert r.loc["R1", "companies"] == 10 and r.loc["R1", "market_volume"] == 1000.0
    assert r.loc["R1", "share"] == pytest.approx(0.15)
    assert r.loc["R1", "penetration"] == pytest.approx(0.1)
    assert r.loc["R2", "penetration"] == pytest.approx(0.2)
    assert r.loc["R1", "top_clients"] == "ООО «Икс»; ООО «Зет»"
    assert r.loc["R1", "managers"] == "M1 (1)"
    assert r.loc["R1", "stage_lost"] == 1 and r.loc["R2", "stage_new"] == 1
    long = passport_stages(p)
    assert long["clients"].sum() == 3


def test_passport_by_segment_and_sales_only(data):
    sales, clients, market = data
    p = passport(Facts(sales), clients, by="segment", market=market, as_of="2024-12-31").set_index("segment")
    assert p.loc["S", "companies"] == 11 and p.loc["T", "companies"] == 4
    only = passport(Facts(sales), None, by="region")
    assert list(only["region"]) == ["unknown"] and only["penetration"].isna().all()
    with pytest.raises(ValueError):
        passport(Facts(sales), clients, by="city")


def test_plot_passport(data):
    sales, clients, market = data
    p = passport(Facts(sales), clients, by="region", market=market, as_of="2024-12-31")
    for lang in ("en", "ru"):
        ax = plot_passport(p, lang=lang)
        assert sorted(b.get_width() for b in ax.patches) == [200.0, 300.0]
        texts = " ".join(x.get_text() for x in ax.texts)
        assert ("10" in texts) and ("20" in texts)
        plt.close(ax.figure)


def test_plan_charts():
    seg = pd.DataFrame({"segment": ["S", "unknown"], "revenue_base": [100.0, 50.0],
                        "baseline": [110.0, 50.0], "uplift": [20.0, 0.0],
                        "new_clients_plan": [5.0, 0.0], "plan": [135.0, 50.0],
                        "plan_growth": [0.35, 0.0]})
    seg.attrs.update(year=2026, base_year=2025)
    pva = pd.DataFrame({"manager": ["M1", "new_clients"], "plan": [100.0, 10.0],
                        "actual": [80.0, 30.0], "completion": [0.8, 3.0], "pace": [0.8, 3.0]})
    load = pd.DataFrame({"manager": ["M1", "M2"], "clients": [10, 30], "key_clients": [2, 0],
                         "plan": [100.0, 50.0]})
    for lang in ("en", "ru"):
        ax = plot_plan_by_segment(seg, lang=lang)
        widths = [p.get_width() for p in ax.patches]
        assert 110.0 in widths and 20.0 in widths and 5.0 in widths
        assert any(lbl.get_text() in ("(not given)", "(не указано)") for lbl in ax.get_yticklabels())
        plt.close(ax.figure)
        ax = plot_plan_vs_actual(pva, lang=lang)
        labels = [lbl.get_text() for lbl in ax.get_yticklabels()]
        assert labels[0] in ("New clients", "Новые клиенты")
        plt.close(ax.figure)
        ax = plot_manager_load(load, lang=lang)
        assert sorted(p.get_width() for p in ax.patches) == [0.0, 2.0, 8.0, 30.0]
        plt.close(ax.figure)


def test_creation_figures(demo_dataset):
    from kbcore.analyses.card import card_fill
    from kbcore.analyses.planning import Goals, plan_by_client
    from kbcore.analyses.profile import (
        client_features,
        client_profile,
        market_matches,
        profile_match,
    )
    from kbcore.views.figures import is_missing

    ds = demo_dataset
    facts = Facts.of(ds)
    f = client_features(facts, ds.clients, ds.products)
    prof = client_profile(f, None)
    plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.2, margin_rate=0.2))
    p = passport(facts, ds.clients, market=ds.market, features=f)
    for lang in ("en", "ru"):
        kf = creation_figures(fill=card_fill(ds.clients, facts=facts, contacts=ds.contacts),
                              profile=prof, matches=profile_match(f, prof),
                              market=market_matches(ds.market, f, prof), plan=plan,
                              passport_table=p, lang=lang)
        assert kf.shape == (8, 2)
        assert not any(is_missing(v) for v in kf.iloc[:, 1])
    empty = creation_figures(lang="ru")
    assert empty.empty and list(empty.columns) == ["Показатель", "Значение"]


def _sales_only_results():
    """A sales-only export: no clients, contacts, interactions, market, targets, products, and
    no cost. Base year 2024 (the last sale is on 20 December); revenue 2024 = 120 + 100."""
    from kbcore.analyses.card import card_fill
    from kbcore.analyses.planning import Goals, plan_by_client
    from kbcore.analyses.profile import (
        client_features,
        client_profile,
        market_matches,
        profile_match,
    )

    sales = pd.DataFrame(
        {
            "client_id": _ids(["A", "A", "A", "B", "B"]),
            "date": pd.to_datetime(["2023-03-01", "2024-03-01", "2024-12-20", "2023-05-01",
                                    "2024-05-01"]),
            "revenue": [100.0, 60.0, 60.0, 50.0, 100.0],
        }
    )
    facts = Facts(sales)
    features = client_features(facts)
    profile = client_profile(features, None)
    return {
        "fill": card_fill(None, facts=facts),
        "profile": profile,
        "matches": profile_match(features, profile),
        "market": market_matches(None, features, profile),
        "plan": plan_by_client(facts, None, goals=Goals(growth=0.5, margin_rate=0.2)),
        "passport_table": passport(facts, None),
    }


@pytest.mark.parametrize("flags", [{}, {"has_clients": False, "has_traits": False,
                                        "has_market": False, "has_cost": False}])
def test_creation_figures_on_sales_only(flags):
    from kbcore.i18n import fmt_money
    from kbcore.views.figures import is_missing

    results = _sales_only_results()
    for lang in ("en", "ru"):
        kf = creation_figures(**results, **flags, lang=lang)
        labels, values = list(kf.iloc[:, 0]), list(kf.iloc[:, 1])
        needs = kf.attrs["needs"]
        assert len(kf) == 8
        absent = {"clients", "clients.segment", "market", "sales.cost"}
        for label, value, need in zip(labels, values, needs, strict=True):
            assert is_missing(value) == (need in absent), (label, value, need)
        # card fill, typical best client, look-alikes, market cell, margin, penetration: missing
        assert needs == ["clients", "clients.segment", "clients.segment", "market", None, None,
                         "sales.cost", "market"]
        # the plan is our model's: goal = 1.5 × 220 = 330, +50.0 % over 2024
        assert fmt_money(330.0, lang) in values[4]
        assert ("50.0%" if lang == "en" else "50,0\xa0%") in values[4]
        assert ("our model" if lang == "en" else "по нашей модели") in labels[4]
        assert ("by revenue" if lang == "en" else "по выручке") in labels[1]  # no cost: no profit


def test_creation_figures_flags_take_data_away(demo_dataset):
    """A flag that says a table is absent makes its figures missing even when results exist."""
    from kbcore.analyses.card import card_fill
    from kbcore.analyses.planning import Goals, plan_by_client
    from kbcore.analyses.profile import client_features, client_profile, market_matches
    from kbcore.views.figures import is_missing

    ds = demo_dataset
    facts = Facts.of(ds)
    f = client_features(facts, ds.clients, ds.products)
    prof = client_profile(f, None)
    results = {"fill": card_fill(ds.clients, facts=facts), "profile": prof,
               "market": market_matches(ds.market, f, prof),
               "plan": plan_by_client(facts, ds.clients, goals=Goals(growth=0.2, margin_rate=0.2)),
               "passport_table": passport(facts, ds.clients, market=ds.market, features=f)}
    shown = creation_figures(**results)
    assert not any(is_missing(v) for v in shown.iloc[:, 1])
    hidden = creation_figures(**results, has_clients=False, has_traits=False, has_market=False,
                              has_cost=False)
    flags = [is_missing(v) for v in hidden.iloc[:, 1]]
    assert flags == [need is not None for need in hidden.attrs["needs"]]

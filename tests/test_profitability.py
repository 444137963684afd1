"""Block 1 analyses on small hand-computed examples."""

import math

import numpy as np
import pandas as pd
import pytest
from onec_export import write_export

import kbcore
from kbcore.analyses.profitability import (
    CONCESSION_COLUMNS,
    CURVE_COLUMNS,
    PNL_COLUMNS,
    YEARLY_COLUMNS,
    CostToServeRates,
    client_pnl,
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_growth,
    yearly_summary,
)
from kbcore.facts import Facts, reductions
from kbcore.i18n import t
from kbcore.views.figures import is_missing, missing
from kbcore.views.profitability import (
    concentration_table,
    concentration_text,
    profitability_figures,
)

NBSP = "\xa0"
RATES = CostToServeRates(per_order=1500, per_delivery=2500, per_visit=6000, credit_rate=0.16)


def _ids(values):
    return pd.array(values, dtype="string")


@pytest.fixture
def company():
    """Client X: two orders on one day, one visit, 30 days of credit; client Y: one order.

    sales
      X 2024-05-02 D1 revenue  6000 cost  4000 discount 1000
      X 2024-05-02 D2 revenue  4000 cost  2500 discount    0
      Y 2024-12-20 D7 revenue 20000 cost 12000 discount    0
    interactions (period = 2024-05-02 … 2024-12-20, the first and last sales dates)
      X 2024-05-10 "Visit"  counted (case-insensitive)
      X 2024-05-11 "call"   not a visit
      X 2025-01-15 "visit"  after the period: not counted
    clients: X has a name and 30 days of payment terms; Y is not in the table.
    """
    sales = pd.DataFrame(
        {
            "client_id": _ids(["X", "X", "Y"]),
            "date": pd.to_datetime(["2024-05-02", "2024-05-02", "2024-12-20"]),
            "doc_id": _ids(["D1", "D2", "D7"]),
            "revenue": [6000.0, 4000.0, 20000.0],
            "cost": [4000.0, 2500.0, 12000.0],
            "discount": [1000.0, 0.0, 0.0],
        }
    )
    clients = pd.DataFrame(
        {"client_id": _ids(["X"]), "name": _ids(["ООО «Икс»"]), "payment_terms_days": [30.0]}
    )
    interactions = pd.DataFrame(
        {
            "client_id": _ids(["X", "X", "X"]),
            "date": pd.to_datetime(["2024-05-10", "2024-05-11", "2025-01-15"]),
            "kind": _ids(["Visit", "call", "visit"]),
        }
    )
    return Facts(sales), clients, interactions


# --------------------------------------------------------------------------- client P&L
def test_client_pnl_by_hand(company):
    pnl = client_pnl(*company, rates=RATES)
    assert list(pnl.columns) == PNL_COLUMNS
    assert list(pnl["client_id"]) == ["Y", "X"]  # sorted by profit, best first
    x = pnl.set_index("client_id").loc["X"]
    assert x["name"] == "ООО «Икс»"
    assert (x["revenue"], x["cost"], x["gross_margin"]) == (10000.0, 6500.0, 3500.0)
    assert x["discount_rate"] == pytest.approx(1000 / 11000)  # discount / (revenue + discount)
    assert (x["orders"], x["deliveries"], x["visits"]) == (2, 1, 1)
    assert x["cts_orders"] == 3000.0  # 2 orders × 1500
    assert x["cts_deliveries"] == 2500.0  # 1 delivery × 2500 (same day)
    assert x["cts_visits"] == 6000.0  # 1 visit × 6000
    assert x["cts_credit"] == pytest.approx(131.51, abs=0.005)  # 10000 × 30/365 × 0.16
    assert x["cost_to_serve"] == pytest.approx(11631.51, abs=0.005)  # 3000 + 2500 + 6000 + 131.51
    assert x["profit"] == pytest.approx(-8131.51, abs=0.005)  # 3500 − 11631.51
    assert x["profit_margin"] == pytest.approx(-0.813151, abs=1e-6)  # −8131.51 / 10000
    y = pnl.set_index("client_id").loc["Y"]
    assert y["name"] == "Y"  # not in the clients table: the ID stands for the name
    assert y["cts_credit"] == 0.0  # no payment terms known
    assert y["profit"] == 4000.0  # 20000 − 12000 − 1500 − 2500


def test_rates_are_parameters(company):
    free_visits = client_pnl(*company, rates=CostToServeRates(per_visit=0)).set_index("client_id")
    assert free_visits.loc["X", "cts_visits"] == 0.0
    assert free_visits.loc["X", "profit"] == pytest.approx(-2131.51, abs=0.005)  # −8131.51 + 6000
    with pytest.raises(ValueError, match="per_order"):
        CostToServeRates(per_order=-1)


def test_client_pnl_period_restricts_sales_and_visits(company):
    pnl = client_pnl(*company, rates=RATES, start="2024-05-11", end="2025-12-31")
    assert list(pnl["client_id"]) == ["Y"]  # X bought only on 2024-05-02
    pnl = client_pnl(*company, rates=RATES, end="2025-01-31")
    # the visit of 2025-01-15 is now inside the period: 2 visits
    assert pnl.set_index("client_id").loc["X", "visits"] == 2


def test_client_pnl_without_optional_tables(company):
    facts, _clients, interactions = company
    pnl = client_pnl(facts, rates=RATES).set_index("client_id")
    assert pnl.loc["X", "visits"] == 0 and pnl.loc["X", "cts_credit"] == 0.0
    assert pnl.loc["X", "name"] == "X"
    no_kind = client_pnl(facts, None, interactions.drop(columns=["kind"]), rates=RATES)
    assert no_kind["visits"].sum() == 0
    no_cost = client_pnl(Facts(facts.sales.drop(columns=["cost"])), rates=RATES)
    assert no_cost["profit"].isna().all()  # profit unknown, cost to serve still computed
    assert no_cost.set_index("client_id").loc["X", "cost_to_serve"] == 5500.0  # 3000 + 2500


def test_client_pnl_on_no_sales_is_empty_with_columns(company):
    facts, clients, interactions = company
    pnl = client_pnl(Facts(facts.sales.iloc[0:0]), clients, interactions)
    assert pnl.empty and list(pnl.columns) == PNL_COLUMNS


# --------------------------------------------------------------------------- yearly
def test_yearly_summary_by_hand():
    sales = pd.DataFrame(
        {
            "client_id": _ids(["A", "A", "A", "B"]),
            "date": pd.to_datetime(["2024-01-10", "2024-01-10", "2025-02-01", "2024-06-15"]),
            "doc_id": _ids(["D1", "D2", "D1", "D9"]),
            "revenue": [1000.0, 400.0, 800.0, 400.0],
            "cost": [600.0, 270.0, 500.0, 250.0],
        }
    )
    yearly = yearly_summary(
        Facts(sales),
        rates=CostToServeRates(per_order=100, per_delivery=0, per_visit=0, credit_rate=0),
    )
    assert list(yearly.columns) == YEARLY_COLUMNS
    y24, y25 = yearly.iloc[0], yearly.iloc[1]
    assert (y24["year"], y24["clients"]) == (2024, 2)
    assert y24["revenue"] == 1800.0  # 1000 + 400 + 400
    assert y24["gross_margin"] == 680.0  # 1800 − (600 + 270 + 250)
    assert y24["cost_to_serve"] == 300.0  # 3 orders (A: D1, D2; B: D9) × 100
    assert y24["profit"] == 380.0  # 680 − 300
    assert y24["gross_margin_pct"] == pytest.approx(680 / 1800)
    assert y24["profit_pct"] == pytest.approx(380 / 1800)
    assert (y25["revenue"], y25["profit"], y25["clients"]) == (800.0, 200.0, 1)  # 800 − 500 − 100
    # the data run 2024-01-10 … 2025-02-01: 2024 is full, 2025 has two months
    assert list(yearly["months"]) == [12, 2]


def test_yearly_profit_adds_up_to_the_client_pnl(company):
    facts, clients, interactions = company
    yearly = yearly_summary(facts, clients, interactions, rates=RATES)
    pnl = client_pnl(facts, clients, interactions, rates=RATES)
    assert yearly["profit"].sum() == pytest.approx(pnl["profit"].sum())
    assert yearly["cost_to_serve"].sum() == pytest.approx(pnl["cost_to_serve"].sum())


def test_yearly_summary_empty():
    empty = pd.DataFrame({"client_id": _ids([]), "date": pd.to_datetime([]), "revenue": []})
    yearly = yearly_summary(Facts(empty))
    assert yearly.empty and list(yearly.columns) == YEARLY_COLUMNS


# --------------------------------------------------------------------------- whale curve
def _pnl(profits: dict[str, float], **extra) -> pd.DataFrame:
    frame = pd.DataFrame({"client_id": _ids(list(profits)), "profit": list(profits.values())})
    for col, values in extra.items():
        frame[col] = values
    return frame


def test_whale_curve_by_hand():
    # profits 300, 100, −50, −150 (given shuffled); total 200
    curve = whale_curve(_pnl({"c": -50.0, "a": 300.0, "d": -150.0, "b": 100.0}))
    assert list(curve.columns) == CURVE_COLUMNS
    assert list(curve["client_id"]) == ["a", "b", "c", "d"]
    assert list(curve["rank"]) == [1, 2, 3, 4]
    assert list(curve["cum_value"]) == [300.0, 400.0, 350.0, 200.0]
    assert list(curve["cum_share"]) == [1.5, 2.0, 1.75, 1.0]  # cum_value / 200
    assert list(curve["client_share"]) == [0.25, 0.5, 0.75, 1.0]
    s = whale_summary(curve)
    assert s["total"] == 200.0
    assert s["peak_share"] == 2.0  # 400 / 200: the two best clients earn twice the total
    assert (s["peak_clients"], s["peak_client_share"]) == (2, 0.5)
    assert s["top20_clients"] == 1  # ceil(0.2 × 4)
    assert s["top20_share"] == 1.5  # 300 / 200
    assert s["unprofitable_clients"] == 2
    assert s["unprofitable_loss"] == -200.0  # −50 − 150
    assert s["note"] is None


def test_whale_curve_ties_and_missing_values():
    curve = whale_curve(_pnl({"b": 10.0, "a": 10.0, "z": float("nan")}))
    assert list(curve["client_id"]) == ["a", "b"]  # ties by ID; unknown profit left out
    assert whale_summary(curve)["top20_clients"] == 1


def test_top20_count_is_not_fooled_by_floating_point():
    curve = whale_curve(_pnl({f"c{i:02d}": float(15 - i) for i in range(15)}))
    assert whale_summary(curve)["top20_clients"] == 3  # 0.2 × 15 = 3 exactly, not 4


def test_whale_curve_with_negative_total_has_no_shares():
    curve = whale_curve(_pnl({"a": -10.0, "b": -30.0}))
    assert curve["cum_share"].isna().all()  # NaN, never inf
    assert curve.attrs["note"] == "whale.note.nonpositive_total"
    s = whale_summary(curve)
    assert math.isnan(s["peak_share"]) and math.isnan(s["top20_share"])
    assert s["peak_value"] == -10.0 and s["peak_clients"] == 1
    assert s["unprofitable_loss"] == -40.0
    assert s["note"] == "whale.note.nonpositive_total"


def test_whale_curve_empty():
    curve = whale_curve(_pnl({}))
    assert curve.empty and list(curve.columns) == CURVE_COLUMNS
    s = whale_summary(curve)
    assert s["clients"] == 0 and s["unprofitable_clients"] == 0 and s["note"] == "whale.note.empty"


# --------------------------------------------------------------------------- concessions
def _concession_pnl() -> pd.DataFrame:
    """A: rate 25/125 = 0.20; B: 0; C: 15/115 ≈ 0.1304; D: no revenue (rate unknown)."""
    frame = _pnl(
        {"A": -5.0, "B": 60.0, "C": 20.0, "D": -3.0},
        revenue=[100.0, 300.0, 100.0, 0.0],
        discount=[25.0, 0.0, 15.0, 0.0],
        gross_margin=[10.0, 90.0, 30.0, 0.0],
    )
    frame["discount_rate"] = (frame["discount"] / (frame["revenue"] + frame["discount"])).where(
        frame["revenue"] + frame["discount"] > 0
    )
    return frame


def test_concession_clients_by_hand():
    out = concession_clients(_concession_pnl(), threshold=0.15)
    assert list(out.columns) == CONCESSION_COLUMNS
    assert list(out["group"]) == ["concession", "other"]
    con, other = out.iloc[0], out.iloc[1]
    # total revenue 500, total profit −5 + 60 + 20 − 3 = 72
    assert (con["clients"], con["revenue"], con["gross_margin"], con["profit"]) == (
        1,
        100.0,
        10.0,
        -5.0,
    )
    assert con["revenue_share"] == pytest.approx(0.2)  # 100 / 500
    assert con["profit_share"] == pytest.approx(-5 / 72)
    assert con["discount_rate"] == pytest.approx(0.2)  # 25 / 125
    assert (other["clients"], other["revenue"], other["profit"]) == (3, 400.0, 77.0)
    assert other["profit_share"] == pytest.approx(77 / 72)
    assert other["discount_rate"] == pytest.approx(15 / 415)  # (0 + 15 + 0) / (400 + 15)
    assert out.attrs["threshold"] == 0.15 and out.attrs["note"] is None


def test_concession_threshold_is_a_parameter():
    out = concession_clients(_concession_pnl(), threshold=0.13).set_index("group")
    assert out.loc["concession", "clients"] == 2  # C's 0.1304 now counts
    assert out.loc["concession", "discount_rate"] == pytest.approx(
        40 / 240
    )  # (25 + 15) / (200 + 40)


def test_concession_edge_cases():
    none = concession_clients(_concession_pnl(), threshold=0.5).set_index("group")
    assert none.loc["concession", "clients"] == 0
    assert none.loc["concession", "revenue"] == 0.0
    assert math.isnan(none.loc["concession", "discount_rate"])
    losing = _concession_pnl().assign(profit=[-5.0, -60.0, 1.0, 0.0])
    out = concession_clients(losing)
    assert out["profit_share"].isna().all()  # total profit −64: shares undefined, not inf
    assert out.attrs["note"] == "concession.note.nonpositive_total"
    empty = concession_clients(_concession_pnl().iloc[0:0])
    assert list(empty["group"]) == ["concession", "other"] and empty["clients"].sum() == 0
    with pytest.raises(ValueError, match="threshold"):
        concession_clients(_concession_pnl(), threshold=15)


# --------------------------------------------------------------------------- concentration
def _revenues(values) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "client_id": _ids([f"c{i}" for i in range(len(values))]),
            "revenue": [float(v) for v in values],
        }
    )


def test_concentration_by_hand():
    c = concentration(_revenues([50, 30, 20]))
    assert c["top1_share"] == pytest.approx(0.5)
    assert c["top10_share"] == pytest.approx(1.0)  # fewer than 10 clients: all of them
    assert c["top20pct_share"] == pytest.approx(0.5)  # ceil(0.2 × 3) = 1 client
    assert c["hhi"] == pytest.approx(0.38)  # 0.5² + 0.3² + 0.2² = 0.25 + 0.09 + 0.04
    assert c["effective_clients"] == pytest.approx(1 / 0.38)  # ≈ 2.63
    assert c["verdict"] == "high"


def test_concentration_verdicts():
    equal = concentration(_revenues([1] * 100))
    assert equal["hhi"] == pytest.approx(0.01)  # 100 × 0.01²
    assert equal["effective_clients"] == pytest.approx(100)
    assert equal["top20pct_share"] == pytest.approx(0.2)
    assert equal["verdict"] == "low"  # top-1 1 %, top-10 10 %, HHI 0.01
    # one client of 12 % and 88 of 1 %: HHI 0.0144 + 0.0088 = 0.0232, top-10 0.21
    one_big = concentration(_revenues([12] + [1] * 88))
    assert one_big["hhi"] == pytest.approx(0.0232)
    assert one_big["verdict"] == "moderate"  # top-1 ≥ 10 % (IFRS 8 §34)
    # ten clients of 6 % and forty of 1 %: top-10 60 %, HHI 0.036 + 0.004 = 0.04
    ten_big = concentration(_revenues([6] * 10 + [1] * 40))
    assert ten_big["top10_share"] == pytest.approx(0.6)
    assert ten_big["verdict"] == "high"
    # the thresholds are parameters
    assert concentration(_revenues([6] * 10 + [1] * 40), top10_high=0.7)["verdict"] == "low"


def test_concentration_clips_negative_revenue_and_handles_nothing():
    c = concentration(_revenues([60, 40, -10]))  # the −10 client (net returns) counts as 0
    assert c["hhi"] == pytest.approx(0.52)  # 0.6² + 0.4²
    nothing = concentration(_revenues([-5, 0]))
    assert nothing["verdict"] == "unknown" and math.isnan(nothing["hhi"])
    assert concentration(_revenues([]))["verdict"] == "unknown"


def test_concentration_texts():
    c = concentration(_revenues([1] * 100))
    assert "100" in concentration_text(c, "en")
    assert concentration_text(c, "ru").startswith("Зависимость низкая")
    table = concentration_table(c, "ru")
    assert list(table.columns) == ["Показатель", "Значение"]
    assert table.iloc[-1, 1] == "низкая"
    assert "0,010" in table.iloc[4, 1]  # HHI with three decimals


# --------------------------------------------------------------------------- key figures
def test_key_figures():
    yearly = pd.DataFrame(
        {
            "year": [2021, 2022],
            "clients": [2, 2],
            "revenue": [100.0, 150.0],
            "cost": [60.0, 90.0],
            "gross_margin": [40.0, 60.0],
            "gross_margin_pct": [0.4, 0.4],
            "cost_to_serve": [20.0, 40.0],
            "profit": [20.0, 20.0],
            "profit_pct": [0.2, 20 / 150],
            "months": [12, 12],
        }
    )
    curve = whale_curve(_pnl({"c": -50.0, "a": 300.0, "d": -150.0, "b": 100.0}))
    summary = whale_summary(curve)
    concession = concession_clients(_concession_pnl())
    conc = concentration(_revenues([50, 30, 20]))
    en = profitability_figures(yearly, summary, concession, conc, has_cost=True, has_discount=True,
                               lang="en")
    assert list(en.columns) == ["Key figure", "Value"]
    values = dict(zip(en["Key figure"], en["Value"], strict=True))
    assert values["Revenue growth 2021→2022"] == "+50%"  # 150 / 100 − 1
    assert values["Client profit growth 2021→2022"] == "0%"
    assert values["Profit earned by the top 20% of clients"] == "150%"
    assert values["Whale curve peak"] == "200% of profit from 2 clients (50%)"
    assert values["Unprofitable clients"] == "2 clients (50% of all), loss \u2212RUB\xa0200"
    assert len(en) == 8
    ru = profitability_figures(yearly, summary, concession, conc, has_cost=True, has_discount=True,
                               lang="ru")
    assert list(ru.columns) == ["Показатель", "Значение"]
    assert ru.iloc[0, 1] == f"+50{NBSP}%"
    ru_values = dict(zip(ru.iloc[:, 0], ru.iloc[:, 1], strict=True))
    assert ru_values["Пик «кривой кита»"] == f"200{NBSP}% прибыли — у 2 лучших клиентов (50{NBSP}% всех клиентов)"
    assert ru_values["Убыточные клиенты"] == (
        f"2 клиента (50{NBSP}% всех клиентов), убыток \u2212200{NBSP}₽"
    )
    assert ru_values[f"Клиенты с уступками (средняя скидка от 15{NBSP}%)"].startswith("1 клиент: ")
    assert ru.iloc[-1, 1].startswith("высокая")


def test_key_figures_with_undefined_shares():
    yearly = yearly_summary(
        Facts(pd.DataFrame({"client_id": _ids([]), "date": pd.to_datetime([]), "revenue": []}))
    )
    summary = whale_summary(whale_curve(_pnl({"a": -10.0})))
    table = profitability_figures(
        yearly,
        summary,
        concession_clients(_concession_pnl().iloc[0:0]),
        concentration(_revenues([])),
        has_cost=True,
        has_discount=True,
        lang="en",
    )
    assert "RUB" in dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))["Whale curve peak"]
    assert not table.iloc[:, 1].str.contains("nan|inf").any()


def test_yearly_growth_by_hand():
    yearly = pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2024],
            "revenue": [50.0, 100.0, 130.0, 40.0],
            "profit": [-20.0, 10.0, 30.0, 5.0],
            "months": [3, 12, 12, 2],  # 2021 and 2024 are partial: 2022 → 2023 is compared
        }
    )
    g = yearly_growth(yearly, "revenue")
    assert (g["first_year"], g["last_year"]) == (2022, 2023)
    assert g["growth"] == pytest.approx(0.3)  # 130 / 100 − 1
    all_full = yearly_growth(yearly.assign(months=12), "profit")  # 2021 → 2024
    assert (all_full["first"], all_full["last"]) == (-20.0, 5.0)
    assert math.isnan(all_full["growth"])  # the first year's profit is ≤ 0: growth undefined
    assert yearly_growth(yearly.iloc[:1], "revenue") is None  # one year: nothing to compare


def test_key_figures_show_undefined_growth_as_the_two_values():
    yearly = pd.DataFrame(
        {"year": [2021, 2022], "revenue": [100.0, 150.0], "profit": [-12.0, 53.0],
         "profit_pct": [-0.12, 53 / 150], "months": [12, 12]}
    )
    table = profitability_figures(yearly, whale_summary(whale_curve(_pnl({}))),
                                  concession_clients(_concession_pnl().iloc[0:0]),
                                  concentration(_revenues([])), has_cost=True, has_discount=True)
    values = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert values["Client profit growth 2021→2022"] == "\u2212RUB\xa012 → RUB\xa053"


# --------------------------------------------------------------------------- honest figures
def _sales_only_figures(tmp_path, *, with_cost: bool, lang: str = "en") -> pd.DataFrame:
    """Block 1's key figures as notebook 01 computes them, on a sales-only 1C export."""
    path = tmp_path / "sales.csv"
    write_export(path, with_cost=with_cost)  # 30 clients, 2022–2024; no discount column
    ds = kbcore.load(path)
    assert ds.interactions is None and not ds.has("sales", "discount")
    facts = Facts.of(ds)
    pnl = client_pnl(facts, ds.clients, ds.interactions)
    yearly = yearly_summary(facts, ds.clients, ds.interactions)
    summary = whale_summary(whale_curve(pnl))
    return profitability_figures(yearly, summary, concession_clients(pnl),
                                 concentration(pnl), has_cost=ds.has("sales", "cost"),
                                 has_discount=ds.has("sales", "discount"), lang=lang)


def test_key_figures_on_a_sales_only_export_say_what_is_missing(tmp_path):
    table = _sales_only_figures(tmp_path, with_cost=False)
    values = dict(zip(table["Key figure"], table["Value"], strict=True))
    needs = dict(zip(table["Key figure"], table.attrs["needs"], strict=True))
    cost_rows = ["Client profit growth 2022→2024", "Client profit, % of revenue, 2024",
                 "Profit earned by the top 20% of clients", "Whale curve peak",
                 "Unprofitable clients"]
    for label in cost_rows:  # figures of profit need the cost of goods: never a number
        assert values[label] == missing("need.cost", "en") and needs[label] == "sales.cost"
    concession = "Concession clients (discount ≥ 15%)"
    assert values[concession] == missing("need.discount", "en")  # not "0 clients: 0% …"
    assert needs[concession] == "sales.discount"
    # figures of revenue alone are still shown
    assert not is_missing(values["Revenue growth 2022→2024"])
    assert not is_missing(values["Dependence on the largest clients"])
    assert [is_missing(v) for v in table["Value"]].count(True) == 6
    ru = _sales_only_figures(tmp_path, with_cost=False, lang="ru")
    assert ru.iloc[:, 1].map(is_missing).sum() == 6
    assert missing("need.discount", "ru") in list(ru.iloc[:, 1])


def test_key_figures_with_cost_but_no_discount(tmp_path):
    table = _sales_only_figures(tmp_path, with_cost=True)
    values = dict(zip(table["Key figure"], table["Value"], strict=True))
    assert values["Concession clients (discount ≥ 15%)"] == missing("need.discount", "en")
    assert [label for label, v in values.items() if is_missing(v)] == [
        "Concession clients (discount ≥ 15%)"
    ]
    assert values["Client profit, % of revenue, 2024"].endswith("%")  # profit is known


def test_key_figures_with_discount_but_no_cost():
    yearly = pd.DataFrame(
        {"year": [2021, 2022], "revenue": [100.0, 150.0], "profit": [np.nan, np.nan],
         "profit_pct": [np.nan, np.nan], "months": [12, 12]}
    )
    table = profitability_figures(yearly, whale_summary(whale_curve(_pnl({}))),
                                  concession_clients(_concession_pnl()),
                                  concentration(_revenues([50, 30, 20])), has_cost=False,
                                  has_discount=True)
    values = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    # the concession figure compares revenue with profit: without cost it is missing too
    assert values["Concession clients (discount ≥ 15%)"] == missing("need.cost", "en")
    assert values["Revenue growth 2021→2022"] == "+50%"


# --------------------------------------------------------------------------- facts once
def test_block1_reduces_the_lines_once(company):
    facts, clients, interactions = company
    before = reductions()
    pnl = client_pnl(facts, clients, interactions, rates=RATES)
    yearly_summary(facts, clients, interactions, rates=RATES)
    client_pnl(facts, clients, interactions, rates=CostToServeRates(per_visit=0))
    client_pnl(facts, clients, interactions, start="2024-06-01")  # a window of the same facts
    assert reductions() - before == 1
    assert pnl.set_index("client_id").loc["X", "orders"] == 2


def test_client_pnl_window_stays_inside_the_facts_period(company):
    facts, clients, interactions = company
    period = Facts(facts.sales, end="2024-06-30")  # X only; its visit of 2024-05-10 counts
    pnl = client_pnl(period, clients, interactions, end="2025-12-31")
    assert list(pnl["client_id"]) == ["X"]
    assert pnl.loc[0, "visits"] == 1  # the 2025-01-15 visit is outside the facts' period


def test_cost_to_serve_explorer_reprices_the_same_facts(company):
    from kbcore.widgets import cost_to_serve_explorer

    facts, clients, interactions = company
    box = cost_to_serve_explorer(facts, clients, interactions, rates=RATES)
    before = reductions()
    box.sliders["per_visit"].value = 0.0
    pnl = box.current[0].set_index("client_id")
    assert pnl.loc["X", "profit"] == pytest.approx(-2131.51, abs=0.005)  # −8131.51 + 6000
    assert reductions() == before  # a slider re-prices the facts, it never reduces lines again
    assert "<b>1</b>" in box.summary.value  # one client (X) loses money
    no_cost = cost_to_serve_explorer(Facts(facts.sales.drop(columns=["cost"])), lang="ru")
    assert no_cost.summary.value == t("whale.note.empty", "ru")  # not "0 clients lose RUB 0"


def test_same_input_same_output(company):
    a = client_pnl(*company)
    b = client_pnl(*company)
    pd.testing.assert_frame_equal(a, b)
    assert np.array_equal(whale_curve(a)["cum_value"], whale_curve(b)["cum_value"])


def test_ids_built_at_run_time_are_in_the_catalogue():
    from kbcore.i18n import catalogue

    ids = [
        f"conc.{kind}.{v}"
        for kind in ("level", "verdict")
        for v in ("low", "moderate", "high", "unknown")
    ]
    ids += ["whale.note.nonpositive_total", "whale.note.empty", "concession.note.nonpositive_total"]
    assert [i for i in ids if i not in catalogue()] == []


def test_default_rates_follow_the_currency():
    from kbcore.analyses.profitability import DEFAULT_RATES, EUR_RATES, rates_for

    assert rates_for(None) is DEFAULT_RATES and rates_for("RUB") is DEFAULT_RATES
    assert rates_for("EUR") is EUR_RATES and EUR_RATES.per_order == 15.0
    with pytest.raises(ValueError, match="USD"):
        rates_for("USD")

"""Program 004, topic 3 · the sales drill-down, its targets and the price-volume-mix bridge."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import sales_drilldown as sd
from kbcore.charts.sales_drilldown import plot_bridge, plot_contributors, plot_targets
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.schema import C
from kbcore.views import sales_drilldown as vs
from kbcore.views.figures import is_missing

pytestmark = pytest.mark.filterwarnings("error:Glyph")

F = 181 / 365  # 1 January – 30 June 2025: 181 of 365 days


# --------------------------------------------------------------------------- the case
@pytest.fixture
def case():
    """Three products, three clients, two territories, 2024 and the first half of 2025.

    Products: P1 (line L1, class c1, target, litres), P2 (L1, c2, l), P3 (L2, c3, l).
    Clients: A (R1, wallet 1 000, potential 5 000), B (R1, potential 800), C (R2, neither).
    2024: A P1 10 l 90; B P2 10 l 200; C P3 2 l 60                       (R0 = 350)
    2025: A P1 10 l 100, A P2 5 l 100; B P1 20 l 180; C P3 4 l 120       (R1 = 500, to 30 June)
    Market: R1 10 companies × 100 (× 20 l); R2 5 × 100 (× 10 l) → 1 500, 250 l.
    """
    sales = pd.DataFrame({
        C.date: pd.to_datetime(["2024-02-01", "2024-03-01", "2024-04-01", "2025-02-01",
                                "2025-03-01", "2025-04-01", "2025-06-30"]),
        C.client_id: pd.array(["A", "B", "C", "A", "A", "B", "C"], dtype="string"),
        C.product_id: pd.array(["P1", "P2", "P3", "P1", "P2", "P1", "P3"], dtype="string"),
        C.quantity: [10.0, 10.0, 2.0, 10.0, 5.0, 20.0, 4.0],
        C.revenue: [90.0, 200.0, 60.0, 100.0, 100.0, 180.0, 120.0],
    })
    products = pd.DataFrame({
        C.product_id: pd.array(["P1", "P2", "P3"], dtype="string"),
        C.business_line: ["L1", "L1", "L2"], C.category: ["c1", "c2", "c3"],
        C.is_target: [True, False, False], C.unit: ["l", "l", "l"],
    })
    clients = pd.DataFrame({
        C.client_id: pd.array(["A", "B", "C"], dtype="string"),
        C.name: ["Алфа ООД", "Бета ЕООД", "Гама АД"], C.region: ["R1", "R1", "R2"],
        C.wallet: [1000.0, np.nan, np.nan], C.potential: [5000.0, 800.0, np.nan],
    })
    market = pd.DataFrame({
        C.segment: ["S", "S"], C.region: ["R1", "R2"], C.companies: [10.0, 5.0],
        C.consumption_per_company: [100.0, 100.0], C.consumption_units_per_company: [20.0, 10.0],
    })
    targets = pd.DataFrame({
        C.period: ["2025", "2025", "2025", "2025", "2025", "2025", "2024"],
        C.kpi: ["revenue", "revenue", "revenue", "market_share", "share_of_wallet", "revenue",
                "revenue"],
        C.target: [1200.0, 800.0, 600.0, 0.5, 0.3, 999.0, 1.0],
        C.manager: [None, None, None, None, None, "M", None],
        C.business_line: [None, "L1", "L1", None, None, None, None],
        C.category: [None, None, "c1", None, None, None, None],
        C.region: [None, None, None, "R1", None, None, None],
        C.client_id: [None, None, None, None, "A", None, None],
    })
    return Facts(sales), products, clients, market, targets


def drill(case, **kw):
    facts, products, clients, market, targets = case
    return sd.drilldown(facts, products, clients, market, targets, **kw)


# --------------------------------------------------------------------------- lines and the year
def test_annotate_lines_takes_line_class_target_unit_and_territory(case):
    facts, products, clients, *_ = case
    lines = sd.annotate_lines(facts, products, clients)
    assert lines.attrs["missing"] == []
    row = lines.iloc[4]  # 2025-03-01, A, P2
    assert (row[C.business_line], row[C.category], row[C.region], row[C.unit]) == ("L1", "c2", "R1", "l")
    assert not bool(row[C.is_target])


def test_annotate_lines_without_products_says_what_is_missing(case):
    facts, *_ = case
    lines = sd.annotate_lines(facts)
    assert set(lines.attrs["missing"]) == {"products.business_line", "products.category",
                                           "products.is_target", "products.unit", "clients.region"}
    assert (lines[C.business_line] == sd.UNKNOWN).all()
    assert lines[C.unit].isna().all()


def test_year_window_days_seasonal_none(case):
    facts, *_ = case
    w = sd.year_window(facts, 2025)
    assert (w["days"], w["days_in_year"], w["partial"]) == (181, 365, True)
    assert w["fraction"] == pytest.approx(F)
    assert sd.year_window(facts, 2025, pro_rata="none")["fraction"] == 1.0
    # the data starts in February 2024: last year's pace is unknown → days
    assert sd.year_window(facts, 2025, pro_rata="seasonal")["pro_rata"] == "days"
    # with 2024 whole (50 on 1 January, 100 on 1 December): up to 30 June 400 of 500 → 0.8
    more = pd.concat([facts.sales, pd.DataFrame({
        C.date: pd.to_datetime(["2024-01-01", "2024-12-01"]),
        C.client_id: pd.array(["A", "A"], dtype="string"), C.revenue: [50.0, 100.0]})])
    season = sd.year_window(Facts(more), 2025, pro_rata="seasonal")
    assert (season["pro_rata"], season["fraction"]) == ("seasonal", pytest.approx(0.8))
    # no year before 2024 in the data: "seasonal" falls back to days
    assert sd.year_window(facts, 2024, pro_rata="seasonal", as_of="2024-03-31")["pro_rata"] == "days"
    full = sd.year_window(facts, 2024)
    assert (full["partial"], full["fraction"]) == (False, 1.0)


# --------------------------------------------------------------------------- drill-down
def test_company_level_by_hand(case):
    d = drill(case, level="company")
    r = d.iloc[0]
    assert r["item"] == sd.COMPANY
    assert r["revenue"] == 500.0                     # 100 + 100 + 180 + 120
    assert r["quantity"] == 39.0 and r["unit"] == "l"  # 10 + 5 + 20 + 4
    assert r["target_products_revenue"] == 280.0     # P1: 100 + 180
    assert r["target_products_share"] == pytest.approx(0.56)
    assert (r["clients"], r["skus"]) == (3, 3)
    assert r["assortment"] == pytest.approx(4 / 3)   # A 2 classes, B 1, C 1
    assert r["market_potential"] == 1500.0           # 10 × 100 + 5 × 100
    assert r["market_share"] == pytest.approx(500 / (1500 * F))      # 0.6722
    assert r["market_share_units"] == pytest.approx(39 / (250 * F))
    assert r["wallet_base"] == 1800.0                # A's wallet 1 000 + B's potential 800
    assert r["wallet_clients"] == 2
    assert r["share_of_wallet"] == pytest.approx(380 / (1800 * F))   # A 200 + B 180
    assert r["revenue_target"] == 1200.0
    assert r["revenue_target_to_date"] == pytest.approx(1200 * F)    # 595.07
    assert d.attrs["targets"]["manager_rows"] == 1
    assert d.attrs["window"]["partial"]


def test_region_level_market_share_by_hand(case):
    d = drill(case, level=C.region).set_index("item")
    assert list(d.index) == ["R1", "R2"]
    assert d.loc["R1", "revenue"] == 380.0
    assert d.loc["R1", "market_share"] == pytest.approx(380 / (1000 * F))   # 0.7663
    assert d.loc["R2", "market_share"] == pytest.approx(120 / (500 * F))
    assert d.loc["R1", "market_share_target"] == 0.5
    assert d.loc["R1", "market_share_target_to_date"] == 0.5   # a share is not pro-rated
    assert np.isnan(d.loc["R2", "market_share_target"])


def test_business_line_and_class_levels_match_implied_targets(case):
    d = drill(case, level=C.business_line).set_index("item")
    assert d.loc["L1", "revenue"] == 380.0 and d.loc["L2", "revenue"] == 120.0
    assert d.loc["L1", "revenue_target"] == 800.0
    assert np.isnan(d["market_share"]).all()       # no market by product line
    assert np.isnan(d["share_of_wallet"]).all()
    # the class target row sets line and class; it counts under the line and on its own
    under = drill(case, level=C.category, path={C.business_line: "L1"}).set_index("item")
    assert under.loc["c1", "revenue_target"] == 600.0 and under.loc["c1", "revenue"] == 280.0
    alone = drill(case, level=C.category).set_index("item")
    assert alone.loc["c1", "revenue_target"] == 600.0


def test_client_level_class_a_first_and_share_of_wallet(case):
    d = drill(case, level=C.client_id, path={C.region: "R1"})
    # R1: A 200, B 180 → A is 52.6 % (before it 0 → A), B before it 52.6 % < 80 % → A
    assert list(d["item"]) == ["A", "B"]
    assert list(d["abc"]) == ["A", "A"]
    a = d.set_index("item").loc["A"]
    assert a["share_of_wallet"] == pytest.approx(200 / (1000 * F))
    assert a["share_of_wallet_target"] == 0.3
    assert np.isnan(a["market_share"])


def test_target_table_completion(case):
    long = sd.target_table(drill(case, level="company"))
    row = long.set_index(C.kpi).loc["revenue"]
    assert row["completion"] == pytest.approx(500 / (1200 * F))     # 0.8402
    assert row["deviation"] == pytest.approx(500 - 1200 * F)


def test_pro_rata_none_compares_with_the_whole_target(case):
    r = drill(case, level="company", pro_rata="none").iloc[0]
    assert r["revenue_target_to_date"] == 1200.0
    assert r["market_share"] == pytest.approx(500 / 1500)


def test_bad_targets_raise_kbdataerror(case):
    facts, products, clients, market, targets = case
    share = targets.copy()
    share.loc[3, C.target] = 25.0
    with pytest.raises(KBDataError) as err:
        sd.drilldown(facts, products, clients, market, share, level="company")
    assert "0.25" in err.value.message("en")
    dup = pd.concat([targets, targets.iloc[[1]].assign(**{C.target: 900.0})], ignore_index=True)
    with pytest.raises(KBDataError):
        sd.drilldown(facts, products, clients, market, dup, level="company")
    same = pd.concat([targets, targets.iloc[[1]]], ignore_index=True)  # the same row twice: fine
    assert sd.drilldown(facts, products, clients, market, same, level=C.business_line
                        ).set_index("item").loc["L1", "revenue_target"] == 800.0


def test_mixed_units_give_no_volume(case):
    facts, products, clients, market, targets = case
    mixed = products.assign(**{C.unit: ["l", "kg", "l"]})
    d = sd.drilldown(facts, mixed, clients, market, targets, level=C.category)
    d = d.set_index("item")
    assert d.loc["c1", "quantity"] == 30.0          # one unit within the class
    top = sd.drilldown(facts, mixed, clients, market, targets, level="company")
    assert np.isnan(top.loc[0, "quantity"]) and top.attrs["mixed_units"]


def test_empty_year_and_sales_only(case):
    facts, *_ = case
    empty = drill(case, level=C.region, year=2030)
    assert empty.empty
    only = Facts(facts.sales[[C.date, C.client_id, C.revenue]])
    d = sd.drilldown(only, level="company")
    assert d.loc[0, "revenue"] == 500.0 and np.isnan(d.loc[0, "quantity"])
    assert {"sales.product_id", "sales.quantity", "market", "targets",
            "clients.wallet"} <= set(d.attrs["missing"])
    assert np.isnan(d.loc[0, "market_share"]) and np.isnan(d.loc[0, "revenue_target"])


# --------------------------------------------------------------------------- price-volume-mix
def test_pvm_textbook_case_with_new_and_lost():
    """Period 0: A 10 × 10, B 10 × 20, C 5 (lost); period 1: A 20 × 11, B 5 × 20, D 2 (new).

    Continuing A, B: Q0 = 20, R0 = 300, P0 = 15, Q1 = 25.
    volume = (25 − 20) × 15 = 75
    mix    = (20 − 25 × 0.5) × 10 + (5 − 25 × 0.5) × 20 = 75 − 150 = −75
    price  = 20 × (11 − 10) + 5 × (20 − 20) = 20
    new = 40, lost = −50; total 360 − 350 = 10.
    """
    base = pd.DataFrame({"item": ["A", "B", "C"], "quantity": [10, 10, 5], "revenue": [100, 200, 50]})
    cur = pd.DataFrame({"item": ["A", "B", "D"], "quantity": [20, 5, 2], "revenue": [220, 100, 40]})
    r = sd.pvm(base, cur)
    assert (r["volume"], r["mix"], r["price"]) == pytest.approx((75, -75, 20))
    assert (r["new"], r["lost"], r["other"]) == pytest.approx((40, -50, 0))
    assert r["change"] == 10
    parts = r[["volume", "mix", "price", "new", "lost", "other"]].sum()
    assert parts == pytest.approx(r["revenue1"] - r["revenue0"])
    assert np.isnan(r["unsplit"])
    value = sd.pvm(base, cur, one_unit=False)
    assert np.isnan(value["volume"]) and value["unsplit"] == pytest.approx(20)   # 320 − 300


def test_variance_bridge_company_by_hand(case):
    """2024 → 2025 (the part of 2025 in the data), mix by product.

    Q0 = 22, R0 = 350, P0 = 350 / 22; Q1 = 39; Σ q1 p0 = 30 × 9 + 5 × 20 + 4 × 30 = 490
    volume = 17 × 350 / 22 = 270.45;  mix = (490 − 350) − 270.45 = −130.45;  price = 500 − 490 = 10
    """
    facts, products, clients, *_ = case
    b = sd.variance_bridge(facts, products, clients, period0=2024, period1=2025)
    r = b.iloc[0]
    assert r["item"] == sd.COMPANY and len(b) == 1
    assert r["volume"] == pytest.approx(17 * 350 / 22)
    assert r["mix"] == pytest.approx(140 - 17 * 350 / 22)
    assert r["price"] == pytest.approx(10)
    assert r[list(sd.EFFECTS)].sum() == pytest.approx(150)


def test_variance_bridge_per_item_sums_to_the_total(case):
    facts, products, clients, *_ = case
    b = sd.variance_bridge(facts, products, clients, period0=2024, period1=2025, level=C.business_line)
    assert list(b["item"]) == ["L1", "L2", "total"]
    for _, row in b.iterrows():
        assert row[list(sd.EFFECTS)].sum() == pytest.approx(row["change"])
    assert b.iloc[-1]["change"] == 150


def test_variance_bridge_value_only_without_units(case):
    facts, products, clients, *_ = case
    b = sd.variance_bridge(facts, products.drop(columns=C.unit), clients, period0=2024, period1=2025)
    r = b.iloc[0]
    assert np.isnan(r["volume"]) and r["unsplit"] == 150
    assert b.attrs["value_only"] == [sd.COMPANY]
    assert "products.unit" in b.attrs["missing"]
    claimed = sd.variance_bridge(facts, products.drop(columns=C.unit), clients, period0=2024,
                                 period1=2025, same_unit=True)
    assert claimed.iloc[0]["price"] == pytest.approx(10)


def test_variance_clients_by_hand_and_add_up(case):
    """A: volume 5 × P0 = 79.55, mix (190 − 90) − 79.55 = 20.45, price 200 − 190 = 10 (total 110);
    B: volume 10 × P0 = 159.09, mix (180 − 200) − 159.09 = −179.09 (total −20);
    C: volume 2 × P0 = 31.82, mix 60 − 31.82 = 28.18 (total 60)."""
    facts, products, clients, *_ = case
    v = sd.variance_clients(facts, products, clients, period0=2024, period1=2025).set_index(C.client_id)
    p0 = 350 / 22
    assert v.loc["A", "volume"] == pytest.approx(5 * p0)
    assert v.loc["A", "mix"] == pytest.approx(100 - 5 * p0)
    assert v.loc["A", "price"] == pytest.approx(10)
    assert v.loc["B", "mix"] == pytest.approx(-20 - 10 * p0)
    for _c, row in v.iterrows():
        assert row[list(sd.EFFECTS)].sum() == pytest.approx(row["change"])
    total = sd.variance_bridge(facts, products, clients, period0=2024, period1=2025).iloc[0]
    for e in ("volume", "mix", "price"):
        assert v[e].sum() == pytest.approx(total[e])
    assert list(v.index) == ["A", "C", "B"]   # by the size of the change


def test_top_contributors_follow_the_direction_of_the_total(case):
    facts, products, clients, *_ = case
    v = sd.variance_clients(facts, products, clients, period0=2024, period1=2025)
    up = sd.top_contributors(v, "change", 2)
    assert list(up[C.client_id]) == ["A", "C"]
    assert up["share_of_effect"].tolist() == pytest.approx([110 / 150, 60 / 150])
    down = sd.top_contributors(v, "mix")      # the mix fell: the largest fall first
    assert down.loc[0, C.client_id] == "B"
    with pytest.raises(ValueError):
        sd.top_contributors(v, "nothing")


def test_target_bridge_by_hand(case):
    """Classes of L1 against targets (pro rata off): c1 60 l for 600, c2 10 l for 200.

    Actual c1 30 l 280, c2 5 l 100. Q0 = 70, R0 = 800, P0 = 800 / 70; Q1 = 35.
    volume = −35 × 800 / 70 = −400; Σ q1 pb = 30 × 10 + 5 × 20 = 400 → mix = −400 + 400 = 0;
    price = 380 − 400 = −20.
    """
    facts, products, clients, market, targets = case
    extra = pd.DataFrame({C.period: ["2025"] * 3, C.kpi: ["quantity", "revenue", "quantity"],
                          C.target: [60.0, 200.0, 10.0], C.category: ["c1", "c2", "c2"]})
    d = sd.drilldown(facts, products, clients, market, pd.concat([targets, extra]),
                     level=C.category, path={C.business_line: "L1"}, pro_rata="none")
    r = sd.target_bridge(d)
    assert (r["revenue0"], r["revenue1"]) == (800, 380)
    assert (r["volume"], r["mix"], r["price"]) == pytest.approx((-400, 0, -20))
    assert r.attrs["items"] == ["c1", "c2"]


def test_period_parsing_and_pairs(case):
    facts, *_ = case
    (p0, p1) = sd.period_pair(facts)
    assert p1 == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-06-30"))
    assert p0 == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-30"))
    assert sd.period_pair(facts, "year") == ((pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31")),
                                             (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31")))
    assert sd._period("2025-Q2") == (pd.Timestamp("2025-04-01"), pd.Timestamp("2025-06-30"))
    with pytest.raises(ValueError):
        sd._period("soon")


# --------------------------------------------------------------------------- views
LATIN = re.compile(r"[A-Za-z]{2,}")


def test_views_in_bulgarian(case):
    facts, products, clients, market, targets = case
    d = drill(case, level="company")
    b = sd.variance_bridge(facts, products, clients, period0=2024, period1=2025)
    fig = vs.drilldown_figures(d, b, "bg")
    values = dict(zip(fig.iloc[:, 0], fig.iloc[:, 1], strict=False))
    assert values[next(k for k in values if k.startswith("Оборот,"))] == "500\xa0€"
    assert "39\xa0l" in values[next(k for k in values if k.startswith("Обем"))]
    assert not any(is_missing(v) for v in values.values())
    text = " ".join(list(values) + vs.drilldown_notes(d, "bg") + vs.bridge_notes(b, "bg")
                    + list(vs.drilldown_table(d, "bg").columns)
                    + list(vs.bridge_table(b, "bg").columns))
    assert not LATIN.findall(text.replace("ABC", "")), LATIN.findall(text)
    assert "49,6%" in " ".join(vs.drilldown_notes(d, "bg"))   # 181 / 365
    table = vs.drilldown_table(d, "bg")
    assert table.iloc[0, 0] == "Цялата компания"
    assert table["Пазарен дял"].iloc[0] == "67,2%"


def test_views_in_english_and_missing_figures(case):
    facts, *_ = case
    only = Facts(facts.sales[[C.date, C.client_id, C.revenue]])
    d = sd.drilldown(only, level="company")
    b = sd.variance_bridge(only, period0=2024, period1=2025)
    fig = vs.drilldown_figures(d, b, "en")
    needs = dict(zip(fig.iloc[:, 0], fig.attrs["needs"], strict=False))
    shown = dict(zip(fig.iloc[:, 0], fig.iloc[:, 1], strict=False))
    for label, need in needs.items():
        if need in ("products.unit", "products.is_target", "market", "clients.wallet", "targets"):
            assert is_missing(shown[label]), label
    notes = vs.drilldown_notes(d, "en") + vs.bridge_notes(b, "en")
    assert any("value only" in n for n in notes)
    assert any("not split" in n for n in notes)
    long = sd.target_table(drill(case, level=C.client_id))
    tv = vs.targets_view(long, "en", names=vs.client_names(case[2]))
    assert tv.iloc[0, 0] == "Алфа ООД" and tv.iloc[0, 1] == "Share in the client"


def test_contributors_table(case):
    facts, products, clients, *_ = case
    v = sd.variance_clients(facts, products, clients, period0=2024, period1=2025)
    table = vs.contributors_table(sd.top_contributors(v), "bg", names=vs.client_names(clients))
    assert table.iloc[0, 1] == "Алфа ООД" and table.iloc[0, 2] == "110\xa0€"


# --------------------------------------------------------------------------- charts
def test_plot_bridge_bars(case):
    facts, products, clients, *_ = case
    b = sd.variance_bridge(facts, products, clients, period0=2024, period1=2025)
    ax = plot_bridge(b, lang="bg")
    bars = {p.get_gid(): p for p in ax.patches}
    assert bars["start"].get_height() == pytest.approx(350)
    assert bars["effect_volume"].get_y() == pytest.approx(350)
    assert bars["effect_volume"].get_height() == pytest.approx(17 * 350 / 22)
    assert bars["effect_mix"].get_y() == pytest.approx(490)     # 620.45 − 130.45
    assert bars["effect_price"].get_height() == pytest.approx(10)
    assert bars["end"].get_height() == pytest.approx(500)
    assert "effect_new" not in bars
    assert ax.get_xticklabels()[1].get_text().startswith("Количество")
    plt.close("all")


def test_plot_targets_and_contributors(case):
    long = sd.target_table(drill(case, level=C.business_line))
    ax = plot_targets(long, kpi="revenue", lang="en")
    actual = [p for p in ax.patches if p.get_gid() == "actual"]
    target = [p for p in ax.patches if p.get_gid() == "target"]
    assert [p.get_width() for p in actual] == [380.0]
    assert [p.get_width() for p in target] == pytest.approx([800 * F])
    empty = plot_targets(long, kpi="assortment", lang="bg")
    assert not empty.axison
    facts, products, clients, *_ = case
    v = sd.variance_clients(facts, products, clients, period0=2024, period1=2025)
    ax = plot_contributors(sd.top_contributors(v), lang="bg")
    assert [round(p.get_width(), 6) for p in ax.patches if p.get_gid() == "client"] == [110, 60, -20]
    plt.close("all")


# --------------------------------------------------------------------------- widget
def test_widget_changes_level_and_pair(case):
    from kbcore.widgets.sales_drilldown import drilldown_explorer

    facts, products, clients, market, targets = case
    box = drilldown_explorer(facts, products, clients, market, targets, lang="bg")
    assert box.drill.attrs["level"] == C.business_line
    box.path[C.business_line].value = "L1"
    box.level.value = C.category
    assert list(box.drill["item"]) == ["c1", "c2"]
    box.pair.value = "target"
    assert "volume" in box.bridge.index
    box.pair.value = "year"
    assert box.top is not None
    plt.close("all")


# --------------------------------------------------------------------------- demo company
def test_russian_demo_degrades_honestly():
    import kbcore

    ds = kbcore.load(None)
    facts = Facts.of(ds)
    lines = sd.annotate_lines(facts, ds.products, ds.clients)
    assert "products.unit" in lines.attrs["missing"]
    for level in sd.LEVELS:
        d = sd.drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, level=level,
                         lines=lines)
        assert len(d) and d["quantity"].isna().all()
        assert d["revenue_target"].isna().all()     # its targets are the managers'
    b = sd.variance_bridge(facts, ds.products, ds.clients, level=C.category, lines=lines)
    assert b["volume"].isna().all() and b["unsplit"].notna().all()
    top = sd.drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, level="company",
                       lines=lines)
    fig = vs.drilldown_figures(top, b.tail(1), "bg", currency="RUB")
    shown = dict(zip(fig.attrs["needs"], fig.iloc[:, 1], strict=False))
    assert is_missing(shown["products.unit"]) and is_missing(shown["targets"])
    assert "market" not in shown and "clients.wallet" not in shown   # both known: shown as values
    values = dict(zip(fig.iloc[:, 0], fig.iloc[:, 1], strict=False))
    assert not is_missing(values["Пазарен дял"])


def test_every_label_the_views_build_is_in_the_catalogue():
    """The views build some ids from the data (levels, goals, parts, pro-rata rules, pairs)."""
    from kbcore.i18n import catalogue
    from kbcore.widgets.sales_drilldown import PAIRS

    ids = ([f"sales_drilldown.level.{x}" for x in sd.LEVELS]
           + [f"sales_drilldown.kpi.{x}" for x in sd.KPIS]
           + [f"sales_drilldown.effect.{x}" for x in ("change", *sd.EFFECTS)]
           + [f"sales_drilldown.note.partial.{x}" for x in sd.PRO_RATA]
           + [f"sales_drilldown.widget.pair.{x}" for x in PAIRS]
           + [f"sales_drilldown.col.{x}" for x in ("revenue", "quantity", "target_products_revenue",
                                                   "target_products_share", "clients", "assortment",
                                                   "assortment_skus", "market_share",
                                                   "share_of_wallet", "abc", "revenue0", "revenue1",
                                                   "change", "kpi", "actual", "target",
                                                   "target_to_date", "deviation", "completion")])
    for key in ids:
        assert {"en", "bg", "ru"} <= set(catalogue()[key]), key


# --------------------------------------------------------------------------- the goals year by year
def test_goals_by_year_is_the_company_row_of_each_year(case):
    facts, products, clients, market, targets = case
    g = sd.goals_by_year(facts, products, clients, market, targets)
    assert list(g["item"]) == ["2024", "2025"]
    assert g.attrs["level"] == "year" and g.attrs["partial"] == [2025]
    # 2024: 90 + 200 + 60 = 350, 10 + 10 + 2 = 22 l, target products (P1) 90 → 90 / 350
    # 2025: 100 + 100 + 180 + 120 = 500, 10 + 5 + 20 + 4 = 39 l, P1 100 + 180 = 280 → 0.56
    assert g["revenue"].tolist() == pytest.approx([350.0, 500.0])
    assert g["quantity"].tolist() == pytest.approx([22.0, 39.0])
    assert g["target_products_share"].tolist() == pytest.approx([90 / 350, 0.56])
    # the company's revenue targets: 1.0 in 2024 (whole year), 1 200 in 2025 × 181/365 to date
    assert g["revenue_target"].tolist() == pytest.approx([1.0, 1200.0])
    assert g["revenue_target_to_date"].tolist() == pytest.approx([1.0, 1200.0 * F])
    # the same numbers as the drill-down of each year
    d = drill(case, year=2024, level="company")
    assert g.iloc[0]["assortment"] == pytest.approx(d.iloc[0]["assortment"])


def test_goals_by_year_given_years_and_a_year_without_sales(case):
    facts, products, clients, market, targets = case
    g = sd.goals_by_year(facts, products, clients, market, targets, years=[2023, 2025])
    assert list(g["item"]) == ["2023", "2025"]
    assert g["revenue"].tolist() == pytest.approx([0.0, 500.0])
    assert np.isnan(g.iloc[0]["target_products_share"])
    empty = sd.goals_by_year(Facts(facts.sales.iloc[:0], as_of="2025-06-30"))
    assert len(empty) == 0 and "item" in empty.columns


def test_goals_by_year_view_heads_the_year(case):
    facts, products, clients, market, targets = case
    g = sd.goals_by_year(facts, products, clients, market, targets)
    table = vs.drilldown_table(g, "bg", currency="EUR")
    assert table.columns[0] == "Година" and list(table.iloc[:, 0]) == ["2024", "2025"]


def test_client_table_has_no_count_of_buying_clients(case):
    d = drill(case, year=2025, level="client_id")
    table = vs.drilldown_table(d, "en")
    assert "Buying clients" not in table.columns and "ABC class" in table.columns
    assert "Buying clients" in vs.drilldown_table(drill(case, year=2025, level="region"), "en").columns


def test_focus_item_is_the_item_whose_volume_fell_most():
    from kbcore.analyses.sales_drilldown import focus_item

    bridge = pd.DataFrame({"item": ["A", "B", "C", "total"], "volume": [5.0, -20.0, -20.0, -35.0],
                           "change": [9.0, 3.0, -1.0, 11.0]})
    assert focus_item(bridge) == "C"  # B and C lose 20 in volume; C's turnover fell, B's rose
    value_only = bridge.assign(volume=float("nan"))
    assert focus_item(value_only) == "C"  # without volume: the item whose turnover fell most
    assert focus_item(bridge.iloc[[3]]) is None  # the total alone: no item

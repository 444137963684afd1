"""Block 6 · the three money zones (kbcore.analyses.money_zones), its chart and widget."""

from __future__ import annotations

import importlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kbcore.charts.money_zones import plot_money_zones
from kbcore.facts import Facts
from kbcore.schema import C
from kbcore.views import money_zones as vz
from kbcore.views.figures import is_missing, key_figures_table

# the module, not the function of the same name that kbcore.analyses re-exports
mz = importlib.import_module("kbcore.analyses.money_zones")

pytestmark = pytest.mark.filterwarnings("error:Glyph")

AS_OF = pd.Timestamp("2024-12-31")


@pytest.fixture
def case():
    """Four clients in two cells and a third client cell with no market row.

    A: segment S, region R, potential 1 000, bought 300 in the window (and 999 long before);
    B: S/R, potential unknown, bought 100 → imputed by the S median (1 000 and 3 000 → 2 000);
    C: S/R, potential 3 000, last bought before the window → inactive;
    D: T/Q (no market cell), potential 500, bought 800 (more than its potential).
    Market: S/R 10 companies × 50; T/R 4 companies × 100 (no clients there).
    """
    sales = pd.DataFrame({
        C.client_id: pd.array(["A", "A", "B", "C", "D"], dtype="string"),
        C.date: pd.to_datetime(["2024-06-01", "2022-01-01", "2024-12-31", "2023-06-30",
                                "2024-03-01"]),
        C.revenue: [300.0, 999.0, 100.0, 700.0, 800.0],
    })
    clients = pd.DataFrame({
        C.client_id: pd.array(["A", "B", "C", "D"], dtype="string"),
        C.name: pd.array(["Alfa", "Beta", "Gamma", "Delta"], dtype="string"),
        C.segment: pd.array(["S", "S", "S", "T"], dtype="string"),
        C.region: pd.array(["R", "R", "R", "Q"], dtype="string"),
        C.potential: [1000.0, np.nan, 3000.0, 500.0],
    })
    market = pd.DataFrame({
        C.segment: pd.array(["S", "T"], dtype="string"),
        C.region: pd.array(["R", "R"], dtype="string"),
        C.companies: [10.0, 4.0],
        C.consumption_per_company: [50.0, 100.0],
    })
    return sales, clients, market


def test_zones_per_client_by_hand(case):
    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF)
    cl = z.clients.set_index(C.client_id)
    assert z.notes["window_start"] == pd.Timestamp("2024-01-02")  # 365 days incl. as_of (leap)
    assert cl["money_in_hand"].to_dict() == {"A": 300.0, "B": 100.0, "C": 0.0, "D": 800.0}
    assert cl["activity"].to_dict() == {"A": "active", "B": "active", "C": "inactive",
                                        "D": "active"}
    assert cl.loc["B", C.potential] == 2000.0 and cl.loc["B", "potential_imputed"]
    assert cl["money_on_table"].to_dict() == {"A": 700.0, "B": 1900.0, "C": 3000.0, "D": 0.0}
    assert cl.loc["A", "share_of_wallet"] == pytest.approx(0.3)
    assert z.notes["potential_missing"] == 1 and z.notes["potential_imputed"] == 1
    assert z.notes["clients_outside_market"] == 1  # D (T/Q)
    cells = z.market.set_index([C.segment, C.region])
    assert cells.loc[("S", "R"), "our_clients"] == 3 and cells.loc[("S", "R"), "prospects"] == 7
    assert cells.loc[("S", "R"), "money_in_market"] == 350.0
    assert cells.loc[("T", "R"), "money_in_market"] == 400.0


def test_zone_table_by_segment_and_region(case):
    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF)
    seg = mz.zone_table(z).set_index(C.segment)
    assert seg.loc["S", "money_in_hand"] == 400.0
    assert seg.loc["S", "money_on_table"] == 5600.0
    assert seg.loc["S", "money_in_market"] == 350.0
    assert seg.loc["S", "money_total"] == 6350.0
    assert seg.loc["T", "money_in_market"] == 400.0  # the T/R cell counts for T
    assert seg.loc["S", "clients"] == 3 and seg.loc["S", "active_clients"] == 2
    assert list(seg.index) == ["S", "T"]  # by money_total, descending
    both = mz.zone_table(z, by=(C.segment, C.region))
    tq = both.loc[(both[C.segment] == "T") & (both[C.region] == "Q")].iloc[0]
    assert np.isnan(tq["money_in_market"])  # no market cell: unknown, not 0
    assert tq["money_total"] == 800.0
    with pytest.raises(ValueError, match="by must be"):
        mz.zone_table(z, by="manager")


def test_next_rouble_ranks_by_weighted_money(case):
    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF)
    ranked = vz.next_rouble_table(mz.next_rouble(z, top=None), "en")
    # B: 1900 × 1.0; C: 3000 × 0.5 = 1500; A: 700 × 1.0; cells: 100 × 0.2 and 50 × 0.2
    assert ranked["label"].tolist() == ["Beta", "Gamma", "Alfa", "T · R", "S · R"]
    assert ranked["ease_score"].tolist() == [1900.0, 1500.0, 700.0, 20.0, 10.0]
    assert ranked["kind"].tolist() == ["active_client", "inactive_client", "active_client",
                                       "market_cell", "market_cell"]
    assert ranked["rank"].tolist() == [1, 2, 3, 4, 5]
    assert "segment median" in ranked.loc[0, "why"]
    assert ranked.loc[3, "why"].startswith("one more of 4 companies")
    heavy_market = mz.ZoneRules(weight_market=100.0)
    assert mz.next_rouble(z, rules=heavy_market, top=1)["kind"].iloc[0] == "market_cell"
    assert len(mz.next_rouble(z, top=2)) == 2


def test_unknown_potential_left_out_when_asked(case):
    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF,
                       rules=mz.ZoneRules(impute_potential="none"))
    cl = z.clients.set_index(C.client_id)
    assert np.isnan(cl.loc["B", "money_on_table"])
    assert z.notes["potential_left_out"] == 1 and z.notes["potential_imputed"] == 0
    assert mz.zone_table(z).set_index(C.segment).loc["S", "money_on_table"] == 3700.0


def test_missing_potential_and_market_are_unknown_not_a_crash(case):
    sales, _clients, _market = case
    z = mz.money_zones(Facts(sales), None, None, as_of=AS_OF)
    assert not z.notes["potential_known"] and not z.notes["market_known"]
    assert z.clients["money_on_table"].isna().all()
    table = mz.zone_table(z)
    assert table[C.segment].tolist() == [mz.UNKNOWN]
    assert table["money_in_hand"].iloc[0] == 1200.0
    assert np.isnan(table["money_in_market"].iloc[0])
    assert mz.next_rouble(z).empty
    kf = key_figures_table(vz.money_zones_figures(z, "ru"), "ru")
    assert len(kf) >= 3
    assert "не учтены" in vz.zones_note(z, "ru")


def test_rules_are_checked():
    with pytest.raises(ValueError, match="window_days"):
        mz.ZoneRules(window_days=0)
    with pytest.raises(ValueError, match="impute_potential"):
        mz.ZoneRules(impute_potential="mean")
    with pytest.raises(ValueError, match="weight_market"):
        mz.ZoneRules(weight_market=-1)


# --------------------------------------------------------------------------- demo company
@pytest.fixture(scope="module")
def demo_zones(demo_dataset):
    return mz.money_zones(Facts.of(demo_dataset), demo_dataset.clients, demo_dataset.market)


def test_demo_zones(demo_zones):
    z = demo_zones
    assert z.notes["window_start"] == pd.Timestamp("2025-01-01")
    # money in hand = revenue of 2025 (demo README, truth 1: 677.2 M)
    assert z.clients["money_in_hand"].sum() == pytest.approx(677.2e6, rel=1e-3)
    assert z.notes["potential_missing"] == 279  # 19 % of the cards (README)
    assert len(z.market) == 50
    table = mz.zone_table(z)
    assert table["money_in_market"].sum() > table["money_on_table"].sum() > table[
        "money_in_hand"].sum()
    ranked = mz.next_rouble(z, top=20)
    assert (ranked["ease_score"].diff().dropna() <= 0).all()


# --------------------------------------------------------------------------- chart
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plot_money_zones_stacks_the_zones(demo_zones, lang):
    table = mz.zone_table(demo_zones)
    ax = plot_money_zones(table, lang=lang)
    ax.figure.canvas.draw()
    for zone in mz.ZONES:
        bars = [p for p in ax.patches if p.get_gid() == zone]
        assert len(bars) == len(table)
        np.testing.assert_allclose(sorted(b.get_width() for b in bars),
                                   sorted(table[zone].fillna(0.0)))
    # stacked: each on-the-table bar starts where money in hand ends
    hand = {round(p.get_y(), 3): p.get_width() for p in ax.patches
            if p.get_gid() == "money_in_hand"}
    for p in ax.patches:
        if p.get_gid() == "money_on_table":
            assert p.get_x() == pytest.approx(hand[round(p.get_y(), 3)])
    assert len(ax.texts) == len(table)  # the money-in-hand label of each bar
    assert len(ax.get_legend().get_texts()) == 3
    plt.close(ax.figure)


def test_plot_money_zones_says_which_zones_are_unknown(case):
    sales, _c, _m = case
    z = mz.money_zones(Facts(sales), None, None, as_of=AS_OF)
    ax = plot_money_zones(mz.zone_table(z), lang="ru")
    ax.figure.canvas.draw()
    assert {p.get_gid() for p in ax.patches} == {"money_in_hand"}
    assert any(tx.get_gid() == "footnote" and "Деньги на столе" in tx.get_text()
               for tx in ax.texts)
    plt.close(ax.figure)


# --------------------------------------------------------------------------- widget
def test_zone_weights_explorer_reranks(case):
    from kbcore.widgets.retention import zone_weights_explorer

    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF)
    box = zone_weights_explorer(z, lang="en")
    assert box.current["label"].iloc[0] == "Beta"
    box.controls["weight_inactive"].value = 1.0
    assert box.current["label"].iloc[0] == "Gamma"


# --------------------------------------------------------------------------- honest key figures
def test_key_figures_on_a_sales_only_export(case):
    """No potential and no market table: the zones they need say so, money in hand is a value."""
    sales, _clients, _market = case
    z = mz.money_zones(Facts(sales), None, None, as_of=AS_OF)
    kf = key_figures_table(vz.money_zones_figures(z, "en"), "en")
    values = dict(zip(kf.iloc[:, 0], kf.iloc[:, 1], strict=True))
    assert values["Money in hand"] == "RUB\xa01,200"  # 300 + 100 + 800 (C is outside the window)
    for label in ("Money on the table", "Money in the market",
                  "Money in hand, share of the three zones", "Where the next rouble is easiest"):
        assert is_missing(values[label]), label
    assert "potential" in values["Money on the table"]
    assert "market" in values["Money in the market"]
    needs = dict(zip(kf.iloc[:, 0], kf.attrs["needs"], strict=True))
    assert needs["Money on the table"] == "clients.potential" and needs["Money in the market"] == "market"


def test_key_figures_with_every_table(case):
    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF)
    kf = key_figures_table(vz.money_zones_figures(z, "en"), "en")
    values = dict(zip(kf.iloc[:, 0], kf.iloc[:, 1], strict=True))
    assert not any(is_missing(v) for v in values.values())
    # by hand: in hand 1 200; on the table 700 + 1 900 + 3 000 = 5 600; market 350 + 400 = 750
    assert values["Money in hand, share of the three zones"] == "15.9%"  # 1 200 / 7 550 = 0.1589
    assert values["Where the next rouble is easiest"] == "Beta (RUB\xa01,900)"


def test_next_rouble_keeps_ids_and_numbers_and_words_only_the_rows_shown(case):
    sales, clients, market = case
    z = mz.money_zones(Facts(sales), clients, market, as_of=AS_OF)
    ranked = mz.next_rouble(z, top=None)
    assert "why" not in ranked.columns and "what" not in ranked.columns
    assert ranked["reason"].tolist() == ["zone.reason.active", "zone.reason.inactive",
                                         "zone.reason.active", "zone.reason.market",
                                         "zone.reason.market"]
    assert ranked.loc[0, "potential_imputed"] and ranked.loc[0, "potential"] == 2000.0
    assert ranked.loc[3, "prospects"] == 4 and ranked.loc[3, "money_in_market"] == 400.0
    shown = vz.next_rouble_table(ranked.head(2), "en")
    assert len(shown) == 2 and shown.loc[1, "why"].startswith("no purchase in the last year")

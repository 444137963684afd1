"""Program 004, topic 2 · ABC by three measures: hand-computed cases, edge cases, views, charts, widget.

The small company used throughout (analysis date 2025-12-31, the last sales day; default window
2025-01-01 … 2025-12-31, so the yearly factor is exactly 1):

client  lines in 2025 (revenue / litres)          potential  wallet | units: potential  wallet
c1      300/30 (03-10), 250/25 (08-05), −50/−5 (09-01)  1000   800  |            100      80
c2      300/40 (11-20)                                 2000    —   |            400      —
c3      150/15 (06-15)                                  200    —   |             20      —
c4       50/5  (12-31)                                  500   250  |             50      10
c5      none in 2025 (999/99 on 2024-05-05)            5000    —   |            500      —
c6       10/1  (02-01); no card                            —     —   |              —      —
"""

import re

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from kbcore.analyses import abc_three as A  # noqa: E402
from kbcore.charts.abc_three import plot_abc_grid, plot_class_heatmap  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views import abc_three as V  # noqa: E402
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _sales(with_units: bool = True) -> pd.DataFrame:
    rows = [
        ("2025-03-10", "c1", 300.0, "p1", 30.0),
        ("2025-08-05", "c1", 250.0, "p2", 25.0),
        ("2025-09-01", "c1", -50.0, "p1", -5.0),
        ("2025-11-20", "c2", 300.0, "p1", 40.0),
        ("2025-06-15", "c3", 150.0, "p2", 15.0),
        ("2025-12-31", "c4", 50.0, "p1", 5.0),
        ("2024-05-05", "c5", 999.0, "p1", 99.0),
        ("2025-02-01", "c6", 10.0, "p2", 1.0),
    ]
    out = pd.DataFrame(rows, columns=[C.date, C.client_id, C.revenue, C.product_id, C.quantity])
    out[C.date] = pd.to_datetime(out[C.date])
    out[C.client_id] = out[C.client_id].astype("string")
    out[C.product_id] = out[C.product_id].astype("string")
    if not with_units:
        out = out.drop(columns=[C.product_id, C.quantity])
    return out


def _clients() -> pd.DataFrame:
    return pd.DataFrame({
        C.client_id: pd.array(["c1", "c2", "c3", "c4", "c5"], dtype="string"),
        C.name: pd.array(["Алфа ООД", "Бета АД", "Гама ЕООД", "Делта ООД", "Епсилон АД"], dtype="string"),
        C.potential: [1000.0, 2000.0, 200.0, 500.0, 5000.0],
        C.wallet: [800.0, np.nan, np.nan, 250.0, np.nan],
        C.potential_units: [100.0, 400.0, 20.0, 50.0, 500.0],
        C.wallet_units: [80.0, np.nan, np.nan, 10.0, np.nan],
    })


def _products(units=("l", "l")) -> pd.DataFrame:
    return pd.DataFrame({C.product_id: pd.array(["p1", "p2"], dtype="string"), C.unit: list(units)})


@pytest.fixture
def facts():
    return Facts(_sales())


def _by_id(df):
    return df.set_index(C.client_id)


# --------------------------------------------------------------------------- rule table
def test_the_rule_table_covers_all_27_combinations_once():
    assert len(A.COMBINATIONS) == 27 and len(set(A.COMBINATIONS)) == 27
    assert set(A.STRATEGY) == set(A.COMBINATIONS)
    assert set(A.STRATEGY.values()) == set(A.STRATEGIES)
    # the brief's examples and a few rows read off the table by hand
    assert A.STRATEGY["A-A-A"] == "retain"
    assert A.STRATEGY["A-A-C"] == "grow_share"
    assert A.STRATEGY["C-A-C"] == "develop"
    assert A.STRATEGY["A-C-B"] == "verify_potential"
    assert A.STRATEGY["B-B-C"] == "expand"
    assert A.STRATEGY["C-B-A"] == "maintain"
    assert A.STRATEGY["C-C-C"] == "serve_efficiently"
    counts = pd.Series(A.STRATEGY).value_counts().to_dict()
    # verify 3, retain 4 (AB×AB×A), grow 4 + 2, develop 3, expand 4, maintain 3, serve 4 = 27
    assert counts == {"verify_potential": 3, "retain": 4, "grow_share": 6, "develop": 3, "expand": 4,
                      "maintain": 3, "serve_efficiently": 4}
    table = A.strategy_table()
    assert len(table) == 27 and table.loc[table["combination"] == "A-A-C", "strategy"].item() == "grow_share"
    assert A.strategy_table({"A-A-A": "x"})["strategy"].isna().sum() == 26


# --------------------------------------------------------------------------- measures
def test_client_measures_in_value_by_hand(facts):
    m = A.client_measures(facts, _clients(), _products())
    assert list(m.columns) == A.MEASURE_COLUMNS
    assert list(m[C.client_id]) == ["c1", "c2", "c3", "c4", "c5", "c6"]
    r = _by_id(m)
    # c1: 300 + 250 − 50 = 500 in 2025; wallet 800 known → share 500 / 800 = 0.625; untapped 1000 − 500
    assert r.loc["c1", "sales"] == 500.0 and r.loc["c1", "share"] == pytest.approx(0.625)
    assert r.loc["c1", "share_base"] == "wallet" and r.loc["c1", "untapped"] == 500.0
    # c2: no wallet → share of the potential: 300 / 2000 = 0.15; untapped 1700
    assert r.loc["c2", "share_base"] == "potential" and r.loc["c2", "share"] == pytest.approx(0.15)
    assert r.loc["c2", "untapped"] == 1700.0
    # c4: 50 / 250 = 0.2 exactly (a boundary for the share classes)
    assert r.loc["c4", "share"] == pytest.approx(0.2)
    # c5 bought only in 2024: 0 in the window, share 0 of 5000, all of it untapped
    assert r.loc["c5", "sales"] == 0.0 and r.loc["c5", "share"] == 0.0 and r.loc["c5", "untapped"] == 5000.0
    # c6 has no card: nothing to divide by
    assert pd.isna(r.loc["c6", "potential"]) and pd.isna(r.loc["c6", "share"]) and pd.isna(r.loc["c6", "share_base"])
    assert r.loc["c6", C.name] == "c6"
    assert m.attrs["measure_used"] == "value" and m.attrs["missing"] == ()
    assert m.attrs["window"] == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    assert m.attrs["annual_factor"] == 1.0


def test_client_measures_in_volume_by_hand(facts):
    m = A.client_measures(facts, _clients(), _products(), measure="volume")
    assert m.attrs["measure_used"] == "volume" and m.attrs["unit"] == "l" and m.attrs["missing"] == ()
    r = _by_id(m)
    # c1: 30 + 25 − 5 = 50 litres; wallet 80 l → 0.625; revenue stays money (500)
    assert r.loc["c1", "sales"] == 50.0 and r.loc["c1", C.revenue] == 500.0
    assert r.loc["c1", "share"] == pytest.approx(0.625)
    # c4: 5 / 10 = 0.5 of its wallet in litres (0.2 in money: the measures differ)
    assert r.loc["c4", "share"] == pytest.approx(0.5)
    # c2: 40 / 400 = 0.1 of the potential in litres; untapped 360 l
    assert r.loc["c2", "share"] == pytest.approx(0.1) and r.loc["c2", "untapped"] == 360.0
    assert m.attrs["lines_without_quantity"] == 0
    # a line without a quantity counts 0 litres and is counted: c2's 40 l are gone
    sales = _sales()
    sales.loc[3, C.quantity] = np.nan
    holes = A.client_measures(Facts(sales), _clients(), _products(), measure="volume")
    assert holes.attrs["lines_without_quantity"] == 1 and _by_id(holes).loc["c2", "sales"] == 0.0
    assert "1 ред от продажбите е без количество: брои се за 0." in V.missing_notes(holes, "bg")


def test_volume_without_units_says_so_and_uses_value(facts):
    mixed = A.client_measures(facts, _clients(), _products(("l", "kg")), measure="volume")
    assert mixed.attrs["measure_used"] == "value" and mixed.attrs["measure"] == "volume"
    assert "products.unit" in mixed.attrs["missing"] and mixed.attrs["units"] == ("kg", "l")
    assert _by_id(mixed).loc["c1", "sales"] == 500.0  # money, never 30 l + 25 kg
    no_unit = A.client_measures(facts, _clients(), _products().drop(columns=[C.unit]), measure="volume")
    assert no_unit.attrs["measure_used"] == "value" and "products.unit" in no_unit.attrs["missing"]
    no_pot_units = A.client_measures(facts, _clients().drop(columns=[C.potential_units]), _products(),
                                     measure="volume")
    assert no_pot_units.attrs["measure_used"] == "value"
    assert "clients.potential_units" in no_pot_units.attrs["missing"]
    no_qty = A.client_measures(Facts(_sales(with_units=False)), _clients(), _products(), measure="volume")
    assert no_qty.attrs["measure_used"] == "value" and "sales.quantity" in no_qty.attrs["missing"]
    # the same unit written in two cases is one unit
    assert A.sales_unit(_sales(), _products(("L", "l")))["unit"] == "L"
    # a product unknown to the products table: its litres cannot be vouched for
    unknown = A.sales_unit(_sales(), _products().iloc[:1])
    assert unknown["unit"] is None and unknown["unknown_lines"] == 3 and "products.unit" in unknown["missing"]


def test_a_shorter_window_is_annualised(facts):
    m = _by_id(A.client_measures(facts, _clients(), months=6))
    # window 2025-07-01 … 2025-12-31, factor 12 / 6 = 2: c1 = 250 − 50 = 200 → 400 a year → 400 / 800 = 0.5
    assert m.loc["c1", "sales"] == 200.0 and m.loc["c1", "share"] == pytest.approx(0.5)
    # c2: 300 → 600 a year → 600 / 2000 = 0.3; untapped 2000 − 600 = 1400
    assert m.loc["c2", "share"] == pytest.approx(0.3) and m.loc["c2", "untapped"] == 1400.0
    raw = _by_id(A.client_measures(facts, _clients(), months=6, annualise=False))
    assert raw.loc["c2", "share"] == pytest.approx(0.15)
    dates = A.client_measures(facts, _clients(), start="2025-07-01", end="2025-12-31")
    assert dates.attrs["annual_factor"] == pytest.approx(365 / 184)


# --------------------------------------------------------------------------- classes
def test_classes_in_value_by_hand(facts):
    cl = A.classify(A.client_measures(facts, _clients()))
    assert list(cl.columns) == A.CLASS_COLUMNS
    r = _by_id(cl)
    # sales 500, 300, 150, 50, 10, 0 of 1010: share before c3 = 800/1010 = 0.792 < 0.8 → A;
    # before c4 = 950/1010 = 0.941 → B; before c6 = 1000/1010 = 0.990 → C; c5 (0) → C
    assert r["sales_class"].to_dict() == {"c1": "A", "c2": "A", "c3": "A", "c4": "B", "c5": "C", "c6": "C"}
    assert r["sales_rank"].to_dict() == {"c1": 1, "c2": 2, "c3": 3, "c4": 4, "c5": 6, "c6": 5}
    # potential 5000, 2000, 1000, 500, 200 of 8700: before c1 = 7000/8700 = 0.805 → B;
    # before c4 = 8000/8700 = 0.920 → B; before c3 = 8500/8700 = 0.977 → C
    assert r["potential_class"].dropna().to_dict() == {"c1": "B", "c2": "A", "c3": "C", "c4": "B", "c5": "A"}
    # shares 0.625 A, 0.15 C, 0.75 A, 0.2 B (≥ 20 %), 0 C
    assert r["share_class"].dropna().to_dict() == {"c1": "A", "c2": "C", "c3": "A", "c4": "B", "c5": "C"}
    assert r["combination"].dropna().to_dict() == {
        "c1": "A-B-A", "c2": "A-A-C", "c3": "A-C-A", "c4": "B-B-B", "c5": "C-A-C"}
    assert r["strategy"].dropna().to_dict() == {
        "c1": "retain", "c2": "grow_share", "c3": "verify_potential", "c4": "expand", "c5": "develop"}
    assert pd.isna(r.loc["c6", "combination"]) and pd.isna(r.loc["c6", "strategy"])
    # sorted by combination (A-A-C before A-B-A …), the unclassified last
    assert list(cl[C.client_id]) == ["c2", "c1", "c3", "c4", "c5", "c6"]
    assert cl.attrs["unclassified"] == 1 and cl.attrs["share_thresholds"] == (0.5, 0.2)


def test_classes_in_volume_differ_from_value(facts):
    cl = _by_id(A.abc_three(facts, _clients(), _products(), measure="volume"))
    # litres 50, 40, 15, 5, 1, 0 of 111: before c3 = 90/111 = 0.811 → B; before c4 = 105/111 = 0.946 → B
    # potential l 500, 400, 100, 50, 20 of 1070: before c1 = 900/1070 = 0.841 → B, c4 0.935 → B, c3 0.981 → C
    # shares: c1 0.625 A, c2 0.1 C, c3 0.75 A, c4 0.5 A, c5 0 C
    assert cl["combination"].dropna().to_dict() == {
        "c1": "A-B-A", "c2": "A-A-C", "c3": "B-C-A", "c4": "B-B-A", "c5": "C-A-C"}
    assert cl.loc["c3", "strategy"] == "maintain" and cl.loc["c4", "strategy"] == "retain"


def test_potential_by_fixed_thresholds_and_other_share_thresholds(facts):
    m = A.client_measures(facts, _clients())
    cl = _by_id(A.classify(m, potential_method="thresholds", potential_thresholds=(1000, 300),
                           share_thresholds=(0.7, 0.6)))
    # ≥ 1000 → A: c1 (1000, the bound itself), c2, c5; ≥ 300 → B: c4 (500); c3 (200) → C
    assert cl["potential_class"].dropna().to_dict() == {"c1": "A", "c2": "A", "c3": "C", "c4": "B", "c5": "A"}
    # shares ≥ 0.7 → A: c3 (0.75); ≥ 0.6 → B: c1 (0.625); the rest C
    assert cl["share_class"].dropna().to_dict() == {"c1": "B", "c2": "C", "c3": "A", "c4": "C", "c5": "C"}
    with pytest.raises(ValueError, match="potential_thresholds"):
        A.classify(m, potential_method="thresholds")
    with pytest.raises(ValueError, match="share_thresholds"):
        A.classify(m, share_thresholds=(0.2, 0.5))
    with pytest.raises(ValueError, match="sales_cuts"):
        A.classify(m, sales_cuts=(0.95, 0.8))
    with pytest.raises(ValueError, match="measure"):
        A.client_measures(Facts(_sales()), measure="litres")


def test_summary_per_combination_by_hand(facts):
    cl = A.abc_three(facts, _clients())
    s = A.combination_summary(cl)
    assert list(s.columns) == A.SUMMARY_COLUMNS and list(s["combination"]) == list(A.COMBINATIONS)
    r = s.set_index("combination")
    # five clients classed; revenue 500 + 300 + 150 + 50 + 0 = 1000; untapped 500 + 1700 + 50 + 450 + 5000 = 7700
    assert r["clients"].sum() == 5
    assert r.loc["A-A-C", ["clients", "revenue", "potential", "untapped"]].tolist() == [1, 300.0, 2000.0, 1700.0]
    assert r.loc["A-A-C", "revenue_share"] == pytest.approx(0.3)
    assert r.loc["C-A-C", "untapped_share"] == pytest.approx(5000 / 7700)
    assert r.loc["A-A-A", "clients"] == 0 and r.loc["A-A-A", "strategy"] == "retain"
    assert s.attrs["unclassified"] == 1 and s.attrs["unclassified_revenue"] == 10.0


def test_clients_of_a_combination(facts):
    cl = A.abc_three(facts, _clients())
    part = A.combination_clients(cl, "a-a-c")
    assert list(part[C.client_id]) == ["c2"] and part.attrs["combination"] == "A-A-C"
    assert A.combination_clients(cl, "A-A-A").empty
    with pytest.raises(ValueError, match="combination"):
        A.combination_clients(cl, "A-A-D")


def test_class_summary_of_one_measure_by_hand(facts):
    cl = A.abc_three(facts, _clients())  # value: c1 A-B-A, c2 A-A-C, c3 A-C-A, c4 B-B-B, c5 C-A-C, c6 C-?-?
    sales = A.class_summary(cl, "sales_class").set_index("class")
    assert list(A.class_summary(cl).columns) == A.CLASS_SUMMARY_COLUMNS
    # A = c1, c2, c3: 3 of 6 clients, 500 + 300 + 150 = 950 of 1010; potential 1000 + 2000 + 200 = 3200,
    # untapped 500 + 1700 + (200 − 150) = 2250
    assert sales.loc["A", ["clients", "revenue", "potential", "untapped"]].tolist() == [3, 950.0, 3200.0, 2250.0]
    assert sales.loc["A", "client_share"] == 0.5 and sales.loc["A", "revenue_share"] == pytest.approx(950 / 1010)
    # C = c5 (0, potential 5000) and c6 (10, no card): the potential sums the known one only
    assert sales.loc["C", ["clients", "revenue", "potential", "untapped"]].tolist() == [2, 10.0, 5000.0, 5000.0]
    assert A.class_summary(cl).attrs["unknown"] == 0
    pot = A.class_summary(cl, "potential_class")
    # A = c2, c5; B = c1, c4; C = c3; c6 has no potential: unknown, its 10 left out of the shares
    assert pot["clients"].tolist() == [2, 2, 1] and pot.attrs["unknown"] == 1
    assert pot.attrs["unknown_revenue"] == 10.0 and pot["revenue_share"].tolist() == pytest.approx([0.3, 0.55, 0.15])
    share = A.class_summary(cl, "share_class")
    assert share["clients"].tolist() == [2, 1, 2]  # A: c1, c3; B: c4; C: c2, c5
    empty = A.class_summary(A.abc_three(Facts(_sales().iloc[:0])))
    assert empty["clients"].sum() == 0 and empty["client_share"].isna().all() and empty["potential"].isna().all()
    with pytest.raises(ValueError, match="by"):
        A.class_summary(cl, "strategy")


def test_measure_shift_value_against_volume_by_hand(facts):
    value = A.abc_three(facts, _clients(), _products())
    volume = A.abc_three(facts, _clients(), _products(), measure="volume")
    shift = A.measure_shift(value, volume)
    # share classes value → volume: c1 A→A, c2 C→C, c3 A→A, c4 B→A (0.2 → 0.5), c5 C→C; c6 unknown
    assert shift.loc["A", "A"] == 2 and shift.loc["B", "A"] == 1 and shift.loc["C", "C"] == 2
    assert shift.to_numpy().sum() == 5 and shift.attrs["changed"] == 1 and shift.attrs["compared"] == 5
    assert shift.attrs["first"] == "value" and shift.attrs["second"] == "volume"
    combos = A.measure_shift(value, volume, "combination")
    # c3 A-C-A → B-C-A and c4 B-B-B → B-B-A change; c1, c2, c5 keep theirs
    assert combos.shape == (27, 27) and combos.attrs["changed"] == 2 and combos.loc["B-B-B", "B-B-A"] == 1
    none = A.measure_shift(value.iloc[:0], volume)
    assert none.to_numpy().sum() == 0 and none.attrs["changed"] == 0
    bg = V.measure_shift_view(shift, "bg")
    assert bg.index.name == "Клас по стойност" and bg.columns.name == "Клас по количество"
    assert bg.iloc[1, 0] == "1"
    assert V.measure_shift_text(shift, "bg") == "1 от 5 клиенти има друг клас по дял в клиента по количество, отколкото по стойност."
    sales = A.measure_shift(value, volume, "sales_class")
    # sales classes: c3 A (value: 800 / 1010 before it) → B (litres: 90 / 111 before it); six clients compared
    assert sales.loc["A", "B"] == 1 and sales.attrs["changed"] == 1 and sales.attrs["compared"] == 6
    assert V.measure_shift_text(sales, "en") == "1 of 6 clients has another sales class in volume than in value."
    assert V.measure_shift_text(combos, "bg") == "2 от 5 клиенти имат друга комбинация по количество, отколкото по стойност."
    summary = A.class_summary(value, "potential_class")
    view = V.class_summary_view(summary, "bg", currency="EUR")
    assert view.columns[0] == "Клас по потенциал" and view.iloc[0, 0] == "A · голям потенциал"
    assert V.class_unknown_note(summary, "bg", currency="EUR").startswith("1 клиент няма пазарен потенциал")
    assert V.class_unknown_note(A.class_summary(value), "en") == ""
    assert _no_english(view.to_numpy().ravel()) == []


# --------------------------------------------------------------------------- edge cases
def test_sales_only_frame_degrades_honestly():
    sales = _sales(with_units=False)
    cl = A.abc_three(Facts(sales), measure="volume")
    assert cl.attrs["measure_used"] == "value"
    assert {"sales.quantity", "products.unit", "clients.potential_units", "clients.potential",
            "clients.wallet"} <= set(cl.attrs["missing"])
    # the sales classes exist; the potential and share classes cannot
    assert cl["sales_class"].notna().all() and cl["potential_class"].isna().all()
    assert cl["combination"].isna().all() and cl.attrs["unclassified"] == len(cl) == 5
    s = A.combination_summary(cl)
    assert s["clients"].sum() == 0 and s["client_share"].isna().all()


def test_empty_sales_and_one_client():
    empty = Facts(_sales().iloc[:0])
    m = A.client_measures(empty, _clients())
    assert len(m) == 5 and (m["sales"] == 0).all() and m.attrs["window"][1] is None
    nothing = A.abc_three(Facts(_sales().iloc[:0]))
    assert nothing.empty and list(nothing.columns) == A.CLASS_COLUMNS
    assert A.combination_summary(nothing)["clients"].sum() == 0
    one = A.abc_three(Facts(_sales().iloc[:1]), _clients().iloc[:1], include_non_buyers=False)
    # c1 alone: 300 of its 800 wallet = 0.375 → B; alone it is A in sales and potential
    assert one["combination"].tolist() == ["A-A-B"] and one["strategy"].tolist() == ["grow_share"]


def test_nan_potential_and_wallet_of_some_clients(facts):
    clients = _clients()
    clients.loc[0, C.potential] = np.nan  # c1: no potential, but a wallet
    clients.loc[1, C.wallet] = 0.0  # c2: a zero wallet is not a base
    r = _by_id(A.abc_three(facts, clients))
    assert pd.isna(r.loc["c1", "potential_class"]) and r.loc["c1", "share_class"] == "A"
    assert pd.isna(r.loc["c1", "combination"]) and pd.isna(r.loc["c1", "untapped"])
    assert r.loc["c2", "share_base"] == "potential"


# --------------------------------------------------------------------------- views
def _no_english(texts) -> list[str]:
    """Texts with a Latin word; "ABC" (the trade's own "ABC анализ") and class letters are not words."""
    return [x for x in texts if LATIN_WORD.search(str(x).replace("ABC", ""))]


def test_views_in_bulgarian_and_english(facts):
    cl = A.abc_three(facts, _clients())
    s = A.combination_summary(cl)
    bg = V.summary_view(s, "bg", currency="EUR")
    assert list(bg.columns)[:3] == ["Комбинация", "Какво означава", "Стратегия"]
    row = bg.loc[bg["Комбинация"] == "C-A-C"].iloc[0]
    assert row["Какво означава"] == "малък клиент, голям потенциал, нисък дял"
    assert row["Стратегия"] == "Развитие"
    assert row["Неизползван потенциал"] == "5\xa0000\xa0€"
    assert row["Дял от неизползвания потенциал"] == "64,9%"
    assert len(bg) == 5  # the empty combinations are left out
    cells = [*bg.columns, *bg.drop(columns=["Комбинация"]).to_numpy().ravel()]
    assert _no_english(cells) == []
    en = V.summary_view(s, "en", currency="EUR")
    assert en.loc[en["Combination"] == "A-A-C", "Untapped potential"].item() == "€\xa01,700"
    clients = V.clients_view(A.combination_clients(cl, "A-A-C"), "bg")
    assert clients.iloc[0].tolist() == ["Бета АД", "A-A-C", "Ръст на дела в клиента", "300\xa0€", "300\xa0€",
                                        "2\xa0000\xa0€", "—", "15,0%",
                                        "потенциала на клиента", "1\xa0700\xa0€"]
    table = V.class_table(s, "A", "bg")
    assert table.loc["A · голям потенциал", "C · нисък дял"] == "1"
    rules = V.strategy_rules("bg")
    assert len(rules) == 27 and _no_english(rules.drop(columns=["Комбинация"]).to_numpy().ravel()) == []


def test_measure_notes_say_which_measure_and_why(facts):
    vol = A.client_measures(facts, _clients(), _products(), measure="volume")
    assert V.measure_note(vol, "en") == "Over Jan 1, 2025 – Dec 31, 2025 the classes are made in volume (l)."
    mixed = A.client_measures(facts, _clients(), _products(("l", "kg")), measure="volume")
    note = V.measure_note(mixed, "bg")
    assert "kg, l" in note and "по стойност" in note
    only = A.client_measures(Facts(_sales(with_units=False)), measure="volume")
    en = V.measure_note(only, "en")
    assert "the quantity of each sales line" in en and "in value (money)" in en
    notes = V.missing_notes(only, "bg")
    assert len(notes) == 2 and _no_english(notes) == []


def test_key_figures_show_no_number_for_absent_data(facts):
    cl = A.abc_three(facts, _clients())
    rows = V.abc_three_figures(cl, A.combination_summary(cl), "bg", currency="EUR")
    values = {r.label: r.value for r in rows}
    assert values["Клиенти с трите класа"] == "5 от 6"
    assert values["Неизползван потенциал на всички клиенти"] == "7\xa0700\xa0€"
    assert values["„Ръст на дела в клиента“: клиенти и неизползваният им потенциал"] == \
        "1 клиент, 1\xa0700\xa0€ (22% от неизползвания потенциал)"
    assert values["Клиенти с известни общи покупки"] == "2 от 6"
    assert not any(is_missing(r.value) for r in rows)
    assert _no_english([*values, *values.values()]) == []
    bare = A.abc_three(Facts(_sales(with_units=False)), measure="volume")
    rows = V.abc_three_figures(bare, A.combination_summary(bare), "en")
    table = key_figures_table(rows, "en")
    needing = [r for r in rows if r.needs in ("clients.potential", "clients.wallet")]
    assert needing and all(is_missing(r.value) for r in needing)
    assert rows[0].value == "value (money): the data gives no volume" and rows[0].needs == "products.unit"
    assert len(table) == len(rows)


# --------------------------------------------------------------------------- charts
def test_grid_chart_draws_one_bubble_per_nonempty_combination(facts):
    s = A.combination_summary(A.abc_three(facts, _clients()))
    ax = plot_abc_grid(s, lang="bg")
    sizes = {c.get_gid(): c.get_sizes() for c in ax.collections if str(c.get_gid()).startswith("share_")}
    assert set(sizes) == {"share_A", "share_B", "share_C"}
    # 9 cells per share class; the non-empty ones: A: A-B-A, A-C-A; B: B-B-B; C: A-A-C, C-A-C
    assert [int((sizes[k] > 0).sum()) for k in ("share_A", "share_B", "share_C")] == [2, 1, 2]
    assert ax.get_xlabel() == "Клас по потенциал" and ax.get_title(loc="left").startswith("Клиенти")
    plt.close(ax.figure)
    empty = plot_abc_grid(A.combination_summary(A.abc_three(Facts(_sales(with_units=False)))), lang="en")
    assert any(t.get_gid() == "empty" for t in empty.texts)
    plt.close(empty.figure)


def test_heatmap_of_one_sales_class(facts):
    s = A.combination_summary(A.abc_three(facts, _clients()))
    ax = plot_class_heatmap(s, "A", lang="en")
    cells = {t.get_gid(): t.get_text() for t in ax.texts}
    assert cells["cell_AC"] == "1 client\nGrow our share"
    assert cells["cell_BA"].startswith("1 client") and cells["cell_AA"].startswith("0 clients")
    image = [im for im in ax.get_images() if im.get_gid() == "heatmap"][0]
    assert image.get_array()[0, 2] == 1.0  # potential A (row 0) × share C (column 2)
    plt.close(ax.figure)
    with pytest.raises(ValueError):
        plot_class_heatmap(s, "D")


# --------------------------------------------------------------------------- widget
def test_widget_recomputes_on_the_sliders_and_the_measure(facts):
    from kbcore.widgets.abc_three import abc_three_explorer

    box = abc_three_explorer(facts, _clients(), _products(), lang="bg")
    assert box.summary.set_index("combination").loc["A-A-C", "clients"] == 1
    assert "по стойност" in box.note.value
    box.sliders["share"].value = (0.1, 0.14)  # B from 10 %, A from 14 %: c2 (15 %) becomes A
    assert _by_id(box.current).loc["c2", "share_class"] == "A"
    box.measure.value = "volume"
    assert box.current.attrs["measure_used"] == "volume" and "(l)" in box.note.value
    box.combination.value = "C-A-C"
    box.sales_class.value = "C"
    plt.close("all")


# --------------------------------------------------------------------------- the Russian demo company
def test_on_the_russian_demo_company(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    cl = A.abc_three(facts, ds.clients, ds.products, measure="volume")
    # it has quantities but no unit per product and no potential in units, nor a wallet: value, said so
    assert cl.attrs["measure_used"] == "value"
    assert {"products.unit", "clients.potential_units", "clients.wallet"} <= set(cl.attrs["missing"])
    assert (cl["share_base"].dropna() == "potential").all()
    s = A.combination_summary(cl)
    assert s["clients"].sum() + s.attrs["unclassified"] == len(cl)
    rows = V.abc_three_figures(cl, s, "bg", currency="RUB")
    assert is_missing([r for r in rows if r.needs == "clients.wallet"][0].value)
    assert len(V.summary_view(s, "ru", currency="RUB")) > 0
    plt.close(plot_abc_grid(s, lang="ru").figure)

"""Block 6 segmentation: Pareto, ABC, XYZ, ABC×XYZ, RFM — hand cases, ties, demo figures, charts, widget."""

import math
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.segmentation import (
    ABC_XYZ_ACTIONS,
    RFM_GRID,
    RFM_SEGMENTS,
    XYZ_THRESHOLDS_CLIENTS,
    RFMRules,
    abc,
    abc_summary,
    abc_xyz_matrix,
    last_full_months,
    pareto,
    pareto_curves,
    pareto_table,
    rfm,
    rfm_summary,
    xyz,
    xyz_summary,
)
from kbcore.facts import Facts
from kbcore.views.figures import Figure, is_missing, key_figures_table
from kbcore.views.segmentation import abc_xyz_actions, rfm_rules, segmentation_figures


def _table(values, ids=None):
    ids = ids or [f"{i:03d}" for i in range(1, len(values) + 1)]
    return pd.DataFrame({"client_id": pd.array(ids, dtype="string"), "revenue": values, "profit": values})


def _sales(rows):
    """rows: (client_id, 'YYYY-MM-DD', revenue[, doc_id])."""
    frame = pd.DataFrame(
        [(r[0], r[1], r[2], r[3] if len(r) > 3 else f"D{i}") for i, r in enumerate(rows)],
        columns=["client_id", "date", "revenue", "doc_id"],
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["client_id"] = frame["client_id"].astype("string")
    frame["doc_id"] = frame["doc_id"].astype("string")
    return frame


# --------------------------------------------------------------------------- Pareto
def test_pareto_hand_case():
    # 10 clients: 50, 30, 5 × 2, 2.5 × 4 → total 100
    table = _table([50, 30, 5, 5, 2.5, 2.5, 2.5, 2.5, 0, 0])
    p = pareto(table, "revenue")
    assert p["clients"] == 10 and p["top_clients"] == 2
    assert p["top_share"] == pytest.approx(0.80)
    assert p["target_clients"] == 2 and p["target_client_share"] == pytest.approx(0.2)
    assert p["gap"] == pytest.approx(0.0)


def test_pareto_profit_can_exceed_one_and_nonpositive_total_is_a_note():
    table = _table([100, 50, -20, -30, -60])  # total 40
    p = pareto(table, "profit")
    assert p["top_share"] == pytest.approx(100 / 40)  # top 1 of 5
    assert p["target_clients"] == 1
    bad = pareto(_table([-1.0, -2.0]), "profit")
    assert math.isnan(bad["top_share"]) and bad["note"] == "pareto.note.nonpositive_total"


def test_pareto_table_and_curves():
    table = _table([50, 30, 20])
    tbl = pareto_table(table)
    assert list(tbl["measure"]) == ["revenue", "profit"]
    curves = pareto_curves(table)
    rev = curves.loc[curves["measure"] == "revenue"]
    assert rev["cum_share"].tolist() == pytest.approx([0.5, 0.8, 1.0])
    assert rev["client_share"].tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])


# --------------------------------------------------------------------------- ABC
def test_abc_exact_80_percent_boundary():
    out = abc(_table([50, 30, 20]))
    # the client that makes exactly 80 % is still A; the next one starts at 80 % → B
    assert out["abc"].tolist() == ["A", "A", "B"]
    out = abc(_table([40, 40, 10, 5, 5]))
    assert out["cum_share_before"].tolist() == pytest.approx([0, 0.4, 0.8, 0.9, 0.95])
    assert out["abc"].tolist() == ["A", "A", "B", "B", "C"]


def test_abc_cuts_are_parameters_and_validated():
    out = abc(_table([40, 40, 10, 5, 5]), cuts=(0.5, 0.85))
    assert out["abc"].tolist() == ["A", "A", "B", "C", "C"]
    for bad in [(0.95, 0.8), (0, 0.5), (0.8, 1.2), (0.8,)]:
        with pytest.raises(ValueError, match="cuts"):
            abc(_table([1, 2]), cuts=bad)


def test_abc_ties_by_client_id_and_negative_measures_are_c():
    table = _table([10, 10, 10, -5, 0], ids=["c", "a", "b", "d", "e"])
    out = abc(table, measure="profit")
    assert out["client_id"].tolist() == ["a", "b", "c", "e", "d"]
    assert out["abc"].tolist() == ["A", "A", "A", "C", "C"]  # before: 0, 1/3, 2/3 < 0.8
    # shuffled rows give the same result
    again = abc(table.sample(frac=1, random_state=3), measure="profit")
    pd.testing.assert_frame_equal(out, again)
    summary = abc_summary(out)
    assert summary["clients"].tolist() == [3, 0, 2]
    assert summary["value_share"].sum() == pytest.approx(1.0)


def test_abc_unknown_measure_is_left_out():
    table = _table([5.0, np.nan, 3.0])
    assert len(abc(table)) == 2


# --------------------------------------------------------------------------- XYZ
def test_xyz_population_cv_hand_case_with_zero_months():
    # client 1: Jan 100, Feb 0, Mar 200, Apr 100 → mean 100, σ = sqrt(5000) (ddof = 0)
    # client 2: first purchase in Mar: Mar 50, Apr 50 → cv 0 (months before it arrived do not count)
    sales = _sales([
        ("1", "2024-01-10", 100), ("1", "2024-03-05", 150), ("1", "2024-03-20", 50),
        ("1", "2024-04-02", 100), ("2", "2024-03-01", 50), ("2", "2024-04-30", 50),
    ])
    out = xyz(Facts(sales), start="2024-01-01", end="2024-04-30", min_periods=1).set_index("client_id")
    assert out.loc["1", "periods"] == 4 and out.loc["1", "active_periods"] == 3
    assert out.loc["1", "mean"] == pytest.approx(100)
    assert out.loc["1", "std"] == pytest.approx(math.sqrt(5000))
    assert out.loc["1", "cv"] == pytest.approx(np.std([100, 0, 200, 100]) / 100)
    assert out.loc["1", "xyz"] == "Z"
    assert out.loc["2", "periods"] == 2 and out.loc["2", "cv"] == pytest.approx(0.0)
    assert out.loc["2", "xyz"] == "X"
    # thresholds are parameters: with (0.5, 1.0) client 1 (cv 0.707) is Y
    wide = xyz(Facts(sales), start="2024-01-01", end="2024-04-30", min_periods=1, thresholds=(0.5, 1.0))
    assert wide.set_index("client_id").loc["1", "xyz"] == "Y"


def test_xyz_short_history_is_new_and_quarters_work():
    sales = _sales([("1", "2024-01-10", 100), ("1", "2024-06-10", 100), ("2", "2024-05-10", 10)])
    out = xyz(Facts(sales), start="2024-01-01", end="2024-06-30", min_periods=3).set_index("client_id")
    assert out.loc["1", "xyz"] in ("X", "Y", "Z") and out.loc["2", "xyz"] == "N"
    q = xyz(Facts(sales), start="2024-01-01", end="2024-06-30", freq="quarter", min_periods=1)
    assert q.set_index("client_id").loc["1", "periods"] == 2
    with pytest.raises(ValueError, match="thresholds"):
        xyz(Facts(sales), thresholds=(0.3, 0.1))


def test_xyz_cv_exactly_at_the_threshold_is_the_lower_class():
    # two months 0.9 and 1.1 → cv = 0.1 exactly → X
    sales = _sales([("1", "2024-01-10", 90), ("1", "2024-02-10", 110)])
    out = xyz(Facts(sales), start="2024-01-01", end="2024-02-29", min_periods=1)
    assert out["cv"].iloc[0] == pytest.approx(0.1) and out["xyz"].iloc[0] == "X"


def test_last_full_months():
    assert last_full_months("2025-12-31", 12) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    assert last_full_months("2025-12-15", 3) == (pd.Timestamp("2025-09-01"), pd.Timestamp("2025-11-30"))


# --------------------------------------------------------------------------- ABC × XYZ
def test_abc_xyz_matrix_has_every_cell_and_an_action():
    a = abc(_table([50, 30, 20], ids=["1", "2", "3"]))
    x = pd.DataFrame({"client_id": pd.array(["1", "2"], dtype="string"), "xyz": ["X", "Z"]})
    m = abc_xyz_matrix(a, x)
    assert len(m) == 12 and m["clients"].sum() == 3
    cells = m.set_index("cell")
    assert cells.loc["AX", "clients"] == 1 and cells.loc["AZ", "clients"] == 1
    assert cells.loc["BN", "clients"] == 1  # no XYZ class → N
    assert set(ABC_XYZ_ACTIONS) == set(m["cell"])
    actions = abc_xyz_actions("ru")
    assert len(actions) == 12 and actions["action"].str.len().min() > 10


# --------------------------------------------------------------------------- RFM
def test_rfm_grid_covers_every_cell_once():
    assert set(RFM_GRID) == {(r, f) for r in range(1, 6) for f in range(1, 6)}
    assert set(RFM_GRID.values()) == set(RFM_SEGMENTS)
    table = rfm_rules("ru")
    assert len(table) == len(RFM_SEGMENTS) and table.iloc[0, 0] == "Чемпионы"


def test_rfm_recency_frequency_monetary_hand_case():
    sales = _sales([
        ("a", "2025-12-31", 100, "D1"), ("a", "2025-12-31", 50, "D2"),  # two orders, one day
        ("a", "2025-06-01", 100), ("b", "2025-12-01", 10), ("c", "2023-05-01", 999),
    ])
    out = rfm(Facts(sales), as_of="2025-12-31").set_index("client_id")
    assert out.loc["a", "recency_days"] == 0 and out.loc["a", "frequency"] == 2
    assert out.loc["a", "monetary"] == pytest.approx(250)
    assert out.loc["b", "recency_days"] == 30 and out.loc["b", "r"] == 5
    assert out.loc["c", "frequency"] == 0 and out.loc["c", "monetary"] == 0
    assert out.loc["c", "rfm_segment"] == "lost"
    assert out.loc["a", "rfm_score"] == f"{out.loc['a', 'r']}{out.loc['a', 'f']}{out.loc['a', 'm']}"
    # sales after as_of are not used
    early = rfm(Facts(sales), as_of="2025-06-30").set_index("client_id")
    assert "b" not in early.index and early.loc["a", "recency_days"] == 29


def test_rfm_equal_values_get_equal_scores_whatever_the_row_order():
    rows = [(f"{i:03d}", "2025-12-20", 100 + (i % 3)) for i in range(60)]
    rows += [(f"{i:03d}", "2025-11-20", 100) for i in range(0, 60, 2)]
    sales = _sales(rows)
    a = rfm(Facts(sales), as_of="2025-12-31")
    b = rfm(Facts(sales.sample(frac=1, random_state=7)), as_of="2025-12-31")
    pd.testing.assert_frame_equal(a, b)
    assert a.groupby("frequency")["f"].nunique().eq(1).all()
    assert a.groupby("monetary")["m"].nunique().eq(1).all()
    assert a.groupby("recency_days")["r"].nunique().eq(1).all()


def test_rfm_rules_are_validated_and_fixed_money_cuts_work():
    with pytest.raises(ValueError):
        RFMRules(recency_days=(30, 20, 10, 5))
    with pytest.raises(ValueError):
        RFMRules(window_days=0)
    sales = _sales([("a", "2025-12-20", 5_000), ("b", "2025-12-20", 500_000)])
    out = rfm(Facts(sales), as_of="2025-12-31",
              rules=RFMRules(monetary=(10_000, 50_000, 100_000, 400_000))).set_index("client_id")
    assert out.loc["a", "m"] == 1 and out.loc["b", "m"] == 5


# --------------------------------------------------------------------------- demo company
@pytest.fixture(scope="module")
def demo(demo_dataset):
    from kbcore.analyses.profitability import client_pnl

    ds = demo_dataset
    facts = Facts.of(ds)
    pnl = client_pnl(facts, ds.clients, ds.interactions)
    start, end = last_full_months(facts.as_of, 12)
    window = facts.clients(start, end)
    return {
        "ds": ds,
        "facts": facts,
        "pnl": pnl,
        "abc": abc(window),
        "xyz": xyz(facts, start=start, end=end, thresholds=XYZ_THRESHOLDS_CLIENTS),
        "xyz_classic": xyz(facts, start=start, end=end),
        "rfm": rfm(facts),
    }


def test_demo_pareto_near_80_20_for_revenue_far_beyond_for_profit(demo):
    tbl = pareto_table(demo["pnl"]).set_index("measure")
    assert 0.70 <= tbl.loc["revenue", "top_share"] <= 0.85
    assert tbl.loc["profit", "top_share"] > 1.5  # block 1's whale: the top 20 % earn > 150 %
    assert tbl.loc["profit", "target_client_share"] < 0.05


def test_demo_abc_a_is_about_80_percent(demo):
    s = abc_summary(demo["abc"]).set_index("abc")
    assert 0.80 <= s.loc["A", "value_share"] < 0.82
    assert 0.15 <= s.loc["A", "client_share"] <= 0.35


def test_demo_xyz_classic_bounds_make_nearly_everybody_z_b2b_bounds_split(demo):
    classic = xyz_summary(demo["xyz_classic"]).set_index("xyz")
    # block 6: "with these bounds nearly every client is Z" (two tender clients sit at CV 0.249)
    classed = classic["clients"].sum() - classic["clients"].get("N", 0)
    assert classic.loc["X", "clients"] == 0 and classic.loc["Y", "clients"] <= 0.01 * classed
    b2b = xyz_summary(demo["xyz"]).set_index("xyz")
    assert b2b.loc["X", "clients"] > 20 and b2b.loc["Y", "clients"] > 100


def test_demo_champions_are_not_inflated(demo):
    r = demo["rfm"]
    s = rfm_summary(r).set_index("rfm_segment")
    assert s["clients"].sum() == len(r) == 1500
    assert s.loc["champions", "client_share"] < 0.20
    # champions really buy: recency ≤ 30 days and at least 12 purchase days in the year
    champs = r.loc[r["rfm_segment"] == "champions"]
    assert champs["recency_days"].max() <= 30 and champs["frequency"].min() >= 12
    # a row-order quintile split would have made a fifth of the clients F = 5 whatever their
    # frequency; here every client with the same frequency has the same F
    assert r.groupby("frequency")["f"].nunique().eq(1).all()


def test_demo_key_figures(demo):
    m = abc_xyz_matrix(demo["abc"], demo["xyz"])
    rows = segmentation_figures(pareto_table(demo["pnl"]), abc_summary(demo["abc"]), m,
                                rfm_summary(demo["rfm"]), lang="ru")
    kf = key_figures_table([*rows, Figure("x", "y")], "ru")
    assert list(kf.columns) == ["Показатель", "Значение"]
    assert len(kf) == 7 and kf.iloc[-1].tolist() == ["x", "y"]
    assert not any(is_missing(v) for v in kf.iloc[:, 1])  # the demo has a cost column


# --------------------------------------------------------------------------- charts and widget
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_charts_draw_without_missing_glyphs(demo, lang):
    from kbcore.charts.segmentation import plot_abc, plot_abc_xyz, plot_pareto, plot_rfm_segments

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_pareto(pareto_curves(demo["pnl"]), pareto_table(demo["pnl"]), lang=lang)
        lines = {ln.get_gid(): ln for ln in ax.get_lines()}
        assert {"pareto_revenue", "pareto_profit"} <= set(lines)
        assert lines["pareto_revenue"].get_ydata()[-1] == pytest.approx(1.0)
        ax.figure.canvas.draw()
        plt.close("all")

        summary = abc_summary(demo["abc"])
        ax = plot_abc(summary, lang=lang)
        heights = [p.get_height() for p in ax.patches if p.get_gid() == "value"]
        assert heights == pytest.approx(summary["value_share"].tolist())
        ax.figure.canvas.draw()
        plt.close("all")

        m = abc_xyz_matrix(demo["abc"], demo["xyz"])
        ax = plot_abc_xyz(m, lang=lang)
        texts = {tx.get_gid(): tx.get_text() for tx in ax.texts}
        ax_count = int(m.set_index("cell").loc["AX", "clients"])
        assert texts["cell_AX"].startswith(str(ax_count))
        ax.figure.canvas.draw()
        plt.close("all")

        s = rfm_summary(demo["rfm"])
        ax = plot_rfm_segments(s, lang=lang)
        widths = [p.get_width() for p in ax.patches]
        assert widths == pytest.approx(s["clients"].tolist())
        ax.figure.canvas.draw()
        plt.close("all")


def test_abc_widget_redraws_when_the_cuts_move(demo):
    from kbcore.widgets.segmentation import abc_explorer

    box = abc_explorer(demo["pnl"], lang="ru")
    before = box.current.set_index("abc").loc["A", "clients"]
    box.sliders["a"].value = 0.6
    after = box.current.set_index("abc").loc["A", "clients"]
    assert after < before
    box.measure.value = "profit"
    assert box.current.attrs["measure"] == "profit"
    box.sliders["a"].value = 0.95  # pushes B above A
    assert box.sliders["b"].value > box.sliders["a"].value
    plt.close("all")


# --------------------------------------------------------------------------- views and honest figures
def test_xyz_open_window_is_the_facts_first_and_last_day():
    sales = _sales([("1", "2024-01-10", 100), ("1", "2024-02-10", 100), ("1", "2024-03-10", 100)])
    closed = xyz(Facts(sales), start="2024-01-01", end="2024-03-31", min_periods=1)
    opened = xyz(Facts(sales), min_periods=1)
    pd.testing.assert_frame_equal(closed, opened)
    assert opened["cv"].iloc[0] == pytest.approx(0.0) and opened["xyz"].iloc[0] == "X"


def test_segmentation_figures_on_a_sales_only_export():
    """Without a cost column client profit is unknown: its Pareto row says so, never a number."""
    from kbcore.analyses.profitability import client_pnl

    sales = _sales([("a", "2025-12-20", 800), ("b", "2025-12-01", 150), ("c", "2025-11-01", 50)])
    facts = Facts(sales)
    pnl = client_pnl(facts)
    assert pnl["profit"].isna().all()
    pareto_tbl = pareto_table(pnl, ("revenue", "profit"))
    assert pareto_tbl["measure"].tolist() == ["revenue"]  # profit all unknown: left out
    classes = abc(pnl)
    rows = segmentation_figures(pareto_tbl, abc_summary(classes), None, rfm_summary(rfm(facts)),
                                has_cost=False, lang="en")
    kf = key_figures_table(rows, "en")
    by_label = dict(zip(kf.iloc[:, 0], kf.iloc[:, 1], strict=True))
    assert is_missing(by_label["Pareto for client profit"])
    assert "cost" in by_label["Pareto for client profit"]
    assert kf.attrs["needs"][1] == "sales.cost"
    # by hand: 3 clients, top 20 % = 1 client (800 of 1000 = 80 %); 80 % reached by 1 client
    assert by_label["Pareto for revenue"] == "the top 20% of clients bring 80%; 1 client (33% of clients) makes 80%"
    assert not is_missing(by_label["A clients by revenue"])
    # with a cost column the same call shows no missing row
    assert not any(is_missing(r.value) for r in segmentation_figures(
        pareto_tbl, abc_summary(classes), lang="en"))


def test_rfm_rules_and_actions_are_views():
    table = rfm_rules("en")
    assert table.iloc[0].tolist()[:3] == ["Champions", "5", "4–5"]
    actions = abc_xyz_actions("en").set_index("cell")
    assert set(actions.index) == set(ABC_XYZ_ACTIONS)

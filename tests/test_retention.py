"""Block 6 · risk after the first order (kbcore.analyses.retention), its charts and widget.

Small hand-computed cases for every function, the demo company's truth 4 (data/demo/README.md)
through the functions with their defaults, and the charts checked by their artists.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import retention as r
from kbcore.charts.retention import plot_conversion, plot_time_to_second
from kbcore.facts import Facts
from kbcore.schema import C
from kbcore.views import retention as vr
from kbcore.views.figures import is_missing, key_figures_table

pytestmark = pytest.mark.filterwarnings("error:Glyph")

AS_OF = pd.Timestamp("2024-12-31")


def _sales(rows):
    """rows: (client_id, doc_id, date, revenue, discount) → canonical sales lines."""
    df = pd.DataFrame(rows, columns=[C.client_id, C.doc_id, C.date, C.revenue, C.discount])
    df[C.date] = pd.to_datetime(df[C.date])
    df[C.client_id] = df[C.client_id].astype("string")
    df[C.doc_id] = df[C.doc_id].astype("string")
    df[C.list_revenue] = df[C.revenue] + df[C.discount]
    return df


def _days_before(n):
    return (AS_OF - pd.Timedelta(days=n)).strftime("%Y-%m-%d")


@pytest.fixture
def km_case():
    """Five new clients: A reorders after 10 days, C after 20; B, D, E have one order and
    are watched 15, 25 and 5 days (right-censored)."""
    sales = _sales([
        ("A", "1", "2024-06-01", 100.0, 0.0), ("A", "2", "2024-06-11", 100.0, 0.0),
        ("B", "3", _days_before(15), 100.0, 0.0),
        ("C", "4", "2024-05-01", 100.0, 0.0), ("C", "5", "2024-05-21", 100.0, 0.0),
        ("D", "6", _days_before(25), 100.0, 0.0),
        ("E", "7", _days_before(5), 100.0, 0.0),
        ("OLD", "8", "2024-01-01", 100.0, 0.0),  # card created before the period: not new
    ])
    clients = pd.DataFrame({
        C.client_id: pd.array(["A", "B", "C", "D", "E", "OLD"], dtype="string"),
        C.created: pd.to_datetime(["2024-05-30", "2024-12-01", "2024-04-20", "2024-12-01",
                                   "2024-12-20", "2019-01-01"]),
        C.acquisition_channel: pd.array(["web", "web", "call", "call", None, "web"],
                                        dtype="string"),
    })
    return r.new_clients(Facts(sales), clients, start="2024-01-01", as_of=AS_OF, min_follow_days=0)


# --------------------------------------------------------------------------- new clients
def test_new_clients_one_order_is_one_document_and_returns_do_not_count():
    sales = _sales([
        ("X", "1", "2024-02-01", 500.0, 100.0),
        ("X", "2", "2024-02-01", 300.0, 0.0),  # a second document the same day: 2 orders
        ("Y", "3", "2024-03-01", 1000.0, 0.0),
        ("Y", "R1", "2024-03-10", -200.0, 0.0),  # a return is not an order
        ("Z", "4", "2024-11-15", 50.0, 0.0),  # too recent to be followed (as_of − 46 days)
    ])
    clients = pd.DataFrame({C.client_id: pd.array(["X", "Y", "Z"], dtype="string"),
                            C.created: pd.to_datetime(["2024-01-15"] * 3)})
    new = r.new_clients(Facts(sales), clients, start="2024-01-01", as_of=AS_OF,
                        size_bands=[400.0], discount_edges=(0.05,))
    got = new.set_index(C.client_id)
    assert list(got.index) == ["X", "Y", "Z"]
    assert got.loc["X", "orders"] == 2 and got.loc["X", "repeat"]
    assert got.loc["X", "days_to_second"] == 0
    assert got.loc["Y", "orders"] == 1 and not got.loc["Y", "repeat"]
    assert np.isnan(got.loc["Y", "days_to_second"])
    # the first order (date, then doc_id): X's document "1" with 500 revenue and 100 discount
    assert got.loc["X", "first_revenue"] == 500.0
    assert got.loc["X", "first_discount_rate"] == pytest.approx(100 / 600)
    assert got.loc["X", "discount_band"] == 2 and got.loc["Y", "discount_band"] == 1
    assert got.loc["X", "size_band"] == 2 and got.loc["Z", "size_band"] == 1
    assert list(got["followed"]) == [True, True, False]
    assert got.loc["X", "days_observed"] == (AS_OF - pd.Timestamp("2024-02-01")).days
    assert got.loc["X", "cohort"] == 2024
    assert got.loc["X", C.acquisition_channel] == r.UNKNOWN  # no such column in the cards
    conv = r.second_order_conversion(new)
    assert conv.loc[0, "clients"] == 2 and conv.loc[0, "one_order_clients"] == 1
    assert conv.loc[0, "one_order_share"] == 0.5


def test_new_clients_without_card_dates_use_the_lead_in():
    sales = _sales([
        ("EARLY", "1", "2024-01-10", 100.0, 0.0), ("EARLY", "2", "2024-03-10", 100.0, 0.0),
        ("LATE", "3", "2024-05-01", 100.0, 0.0),
    ])
    new = r.new_clients(Facts(sales), None, as_of=AS_OF, lead_in_days=90)
    assert list(new[C.client_id]) == ["LATE"]
    assert new.attrs["rule"] == "first_order"
    assert new.attrs["start"] == pd.Timestamp("2024-01-01")  # first day of the first month
    assert vr.cohort_note(new, "ru")


def test_bad_parameters_are_refused():
    sales = _sales([("X", "1", "2024-02-01", 5.0, 0.0)])
    with pytest.raises(ValueError, match="min_follow_days"):
        r.new_clients(Facts(sales), min_follow_days=-1)
    new = r.new_clients(Facts(sales), None, lead_in_days=0)
    with pytest.raises(ValueError, match="by must be one of"):
        r.second_order_conversion(new, by="colour")
    with pytest.raises(ValueError, match="medium"):
        r.first_order_risk(new, high=0.3, medium=0.5)


# --------------------------------------------------------------------------- Kaplan–Meier
def test_kaplan_meier_matches_the_hand_computation(km_case):
    new = km_case
    assert sorted(new[C.client_id]) == ["A", "B", "C", "D", "E"]
    curve = r.time_to_second_order(new)
    # by hand: day 10 — 4 at risk (E left at day 5), 1 event → S = 3/4;
    #          day 20 — 2 at risk (C, D; B left at day 15), 1 event → S = 3/4 · 1/2 = 3/8
    assert r.survival_at(curve, 0) == 1.0
    assert r.survival_at(curve, 9) == 1.0
    assert r.survival_at(curve, 10) == pytest.approx(0.75)
    assert r.survival_at(curve, 19) == pytest.approx(0.75)
    assert r.survival_at(curve, 20) == pytest.approx(0.375)
    assert r.survival_at(curve, 100) == pytest.approx(0.375)
    np.testing.assert_allclose(r.survival_at(curve, [10, 20]), [0.75, 0.375])
    assert curve["days"].iloc[0] == 0 and curve["survival"].iloc[0] == 1.0
    np.testing.assert_allclose(curve["reordered"], 1 - curve["survival"])
    assert curve["events"].sum() == 2 and (curve["clients"] == 5).all()
    assert r.km_median(curve).iloc[0] == 20


def test_kaplan_meier_per_group_leaves_small_and_unknown_groups_out(km_case):
    curve = r.time_to_second_order(km_case, by=C.acquisition_channel, min_clients=2)
    assert set(curve["group_id"]) == {"call", "web"}  # E has no channel
    web = curve.loc[curve["group_id"] == "web"]
    # web: A reorders at 10, B censored at 15 → S(10) = 1/2
    assert r.survival_at(web, 10) == pytest.approx(0.5)
    assert r.time_to_second_order(km_case, by=C.acquisition_channel, min_clients=10).empty


def test_no_second_order_at_all_gives_a_flat_curve():
    sales = _sales([("A", "1", "2024-06-01", 1.0, 0.0), ("B", "2", "2024-07-01", 1.0, 0.0)])
    new = r.new_clients(Facts(sales), None, start="2024-01-01", as_of=AS_OF, lead_in_days=0)
    curve = r.time_to_second_order(new)
    assert (curve["survival"] == 1.0).all()
    assert np.isnan(r.km_median(curve).iloc[0])


# --------------------------------------------------------------------------- conversion
def test_conversion_by_group_by_hand(km_case):
    new = km_case.assign(followed=True)  # treat all five as followed
    conv = vr.conversion_table(r.second_order_conversion(new, by=C.acquisition_channel)).set_index(
        "group_id")
    assert conv.loc["web", "clients"] == 2 and conv.loc["web", "repeat_clients"] == 1
    assert conv.loc["call", "second_order_rate"] == 0.5
    assert conv.loc["web", "median_days_to_second"] == 10
    assert conv.loc["call", "median_days_to_second"] == 20
    assert conv.index[-1] == r.UNKNOWN  # the unknown group last
    assert conv.loc[r.UNKNOWN, "group"] == "(not given)"


def test_group_labels_of_bands():
    new = pd.DataFrame(columns=r.NEW_CLIENT_COLUMNS)
    new.attrs.update(size_edges=[1000.0, 5000.0], discount_edges=[0.05, 0.1])
    assert vr.group_label(new, "size_band", 1, "en") == "up to RUB\xa01,000"
    assert vr.group_label(new, "size_band", 2, "en") == "RUB\xa01,000 – RUB\xa05,000"
    assert vr.group_label(new, "size_band", 3, "ru").startswith("свыше 5")
    assert vr.group_label(new, "discount_band", 1, "en") == "below 5%"
    assert vr.group_label(new, "discount_band", 3, "en") == "10% and more"
    assert vr.group_label(new, "cohort", 2023, "en") == "2023"


# --------------------------------------------------------------------------- risk
def test_risk_rule_by_hand():
    # followed clients: channel "a" 4 clients, 1 repeat (reordered after 10 days);
    # channel "b" 4 clients, 3 repeats (after 10, 30, 50 days); one size band
    rows, k = [], 0
    for channel, repeats in (("a", [10]), ("b", [10, 30, 50])):
        for i in range(4):
            cid = f"{channel}{i}"
            rows.append((cid, f"d{k}", "2023-01-10", 100.0, 0.0))
            k += 1
            if i < len(repeats):
                date = (pd.Timestamp("2023-01-10") + pd.Timedelta(days=repeats[i]))
                rows.append((cid, f"d{k}", date.strftime("%Y-%m-%d"), 100.0, 0.0))
                k += 1
    # today's one-order clients: channel a, 20 days ago; channel b, 0 days ago
    rows += [("new_a", "n1", _days_before(20), 300.0, 0.0),
             ("new_b", "n2", _days_before(0), 200.0, 0.0)]
    sales = _sales(rows)
    ids = sorted({row[0] for row in rows})
    clients = pd.DataFrame({
        C.client_id: pd.array(ids, dtype="string"),
        C.created: pd.Timestamp("2023-01-01"),
        C.acquisition_channel: pd.array([i[0] if not i.startswith("new") else i[-1]
                                         for i in ids], dtype="string"),
    })
    new = r.new_clients(Facts(sales), clients, start="2023-01-01", as_of=AS_OF, size_bands=[1e9])
    risk = vr.risk_table(r.first_order_risk(new, recent_days=365, min_group=4), "en").set_index(
        C.client_id)
    assert list(risk.index) == ["new_a", "new_b"]
    # a client who waited longer than every repeat client is very likely lost, never certain:
    # W = (0 + 1) / (4 + 1)
    late = r.first_order_risk(new.assign(days_observed=new["days_observed"].where(
        new[C.client_id] != "new_a", 100)), recent_days=365, min_group=4).set_index(C.client_id)
    assert late.loc["new_a", "repeat_later_share"] == pytest.approx(0.2)
    assert late.loc["new_a", "risk"] == pytest.approx(0.625 / (0.625 + 0.375 * 0.2))
    assert late.loc["new_a", "risk"] < 1
    # overall one-order share (size band: all 8) = 4/8; p_channel a = 3/4, b = 1/4
    a, b = risk.loc["new_a"], risk.loc["new_b"]
    assert a["channel_one_order_share"] == 0.75 and b["channel_one_order_share"] == 0.25
    assert a["size_one_order_share"] == 0.5
    assert a["base_risk"] == pytest.approx(0.625) and b["base_risk"] == pytest.approx(0.375)
    # W(20): 2 of 4 repeat clients took longer than 20 days (30, 50) → (2 + 1) / (4 + 1)
    assert a["repeat_later_share"] == pytest.approx(0.6)
    assert a["risk"] == pytest.approx(0.625 / (0.625 + 0.375 * 0.6))
    # W(0): all 4 took longer → (4 + 1) / (4 + 1) = 1, the risk is the base risk
    assert b["repeat_later_share"] == 1.0 and b["risk"] == pytest.approx(0.375)
    assert a["risk_level"] == "high" and b["risk_level"] == "low"
    # median reorder time of 10, 10, 30, 50 days = 20: 20 days is not beyond it
    assert a["level"] == "high" and not a["overdue"]
    assert a["why"].endswith("20 days since the first order (the second order usually comes after 20 days)")
    assert risk["rank"].tolist() == [1, 2]


# --------------------------------------------------------------------------- demo truth 4
@pytest.fixture(scope="module")
def demo_new(demo_dataset):
    return r.new_clients(Facts.of(demo_dataset), demo_dataset.clients)


def test_demo_truth4_new_clients_and_one_order_share(demo_new):
    conv = r.second_order_conversion(demo_new)
    assert conv.loc[0, "clients"] == 738
    assert conv.loc[0, "one_order_clients"] == 236
    assert conv.loc[0, "one_order_share"] == pytest.approx(0.320, abs=5e-4)
    assert len(demo_new) == 812  # all new clients, including the most recent
    every = r.second_order_conversion(demo_new, followed_only=False)
    assert every.loc[0, "one_order_share"] == pytest.approx(0.323, abs=5e-4)


def test_demo_truth4_by_acquisition_channel(demo_new):
    conv = r.second_order_conversion(demo_new, by=C.acquisition_channel).set_index("group_id")
    expected = {"Маркетплейс": (84, 0.643), "Холодные звонки": (211, 0.365),
                "Сайт": (155, 0.361), "Выставка": (100, 0.230), "Тендер": (69, 0.145),
                "Рекомендация": (119, 0.134)}
    for channel, (clients, share) in expected.items():
        assert conv.loc[channel, "clients"] == clients, channel
        assert conv.loc[channel, "one_order_share"] == pytest.approx(share, abs=5e-4), channel
    assert conv.index[0] == "Маркетплейс"  # the weakest first


def test_demo_breakdowns_and_risk_list(demo_dataset, demo_new):
    for by in r.GROUPINGS:
        conv = vr.conversion_table(r.second_order_conversion(demo_new, by=by), "ru")
        assert conv["clients"].sum() == 738, by
    curve = r.time_to_second_order(demo_new, by=C.acquisition_channel)
    assert curve["group_id"].nunique() == 6
    overall = r.time_to_second_order(demo_new)
    assert 0.6 < overall["reordered"].iloc[-1] < 0.75
    risk = vr.risk_table(r.first_order_risk(demo_new), "ru")
    assert len(risk) > 0 and (risk["risk"].diff().dropna() <= 1e-12).all()
    assert set(risk["risk_level"]) <= set(r.RISK_LEVELS)
    kf = key_figures_table(vr.retention_figures(demo_new, risk, "en"), "en")
    assert "236 clients (32.0%)" in kf.iloc[:, 1].tolist()
    assert not any(is_missing(v) for v in kf.iloc[:, 1])


# --------------------------------------------------------------------------- charts
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plot_conversion_draws_shares_and_counts(demo_new, lang):
    conv = r.second_order_conversion(demo_new, by=C.acquisition_channel)
    ax = plot_conversion(conv, lang=lang)
    fig = ax.figure
    fig.canvas.draw()
    repeat = [p for p in ax.patches if p.get_gid() == "repeat"]
    one = [p for p in ax.patches if p.get_gid() == "one_order"]
    np.testing.assert_allclose([p.get_width() for p in repeat], conv["second_order_rate"])
    np.testing.assert_allclose([p.get_width() for p in one], conv["one_order_share"])
    texts = [tx.get_text() for tx in ax.texts]
    assert ("84 clients" if lang == "en" else "84 клиента") in texts  # 84: few in ru
    assert ("211 clients" if lang == "en" else "211 клиентов") in texts  # 211: many in ru
    assert any(tx.startswith("64") for tx in texts)
    assert ax.get_title(loc="left")
    plt.close(fig)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plot_time_to_second_draws_one_step_line_per_group(demo_new, lang):
    curve = r.time_to_second_order(demo_new, by=C.acquisition_channel)
    ax = plot_time_to_second(curve, lang=lang, max_days=200)
    fig = ax.figure
    fig.canvas.draw()
    lines = [ln for ln in ax.get_lines() if str(ln.get_gid()).startswith("km:")]
    assert len(lines) == 6
    market = next(ln for ln in lines if ln.get_gid() == "km:Маркетплейс")
    assert market.get_xdata()[-1] == 200
    assert 0.3 < market.get_ydata()[-1] < 0.4
    assert len(ax.get_legend().get_texts()) == 6
    plt.close(fig)


def test_plot_time_to_second_single_curve_is_labelled(km_case):
    ax = plot_time_to_second(r.time_to_second_order(km_case), lang="ru", max_days=30)
    assert any("62" in tx.get_text() for tx in ax.texts)  # 1 − 3/8 = 62.5 %
    plt.close(ax.figure)


# --------------------------------------------------------------------------- widget
def test_retention_explorer_redraws_on_a_new_grouping(demo_new):
    from kbcore.widgets.retention import retention_explorer

    box = retention_explorer(demo_new, lang="ru")
    assert box.current[0].attrs["by"] == C.acquisition_channel
    box.controls["by"].value = "size_band"
    assert box.current[0].attrs["by"] == "size_band"
    assert len(box.current[0]) == 4
    plt.close("all")


# --------------------------------------------------------------------------- views and honest figures
def test_results_hold_ids_and_the_views_name_them(km_case):
    conv = r.second_order_conversion(km_case.assign(followed=True))
    assert "group" not in conv.columns and conv["group_id"].tolist() == [r.ALL]
    assert vr.conversion_table(conv, "ru")["group"].tolist() == ["Все новые клиенты"]
    curve = r.time_to_second_order(km_case)
    assert set(curve["group_id"]) == {r.ALL}
    assert set(vr.curve_view(curve, "en")["group"]) == {"All new clients"}
    risk = r.first_order_risk(km_case, recent_days=365, min_group=1)
    assert "why" not in risk.columns and "level" not in risk.columns
    assert set(risk["reason"]) <= set(r.RISK_REASONS)
    assert risk["size_band"].notna().all()


def test_retention_figures_on_a_sales_only_export():
    """No client cards: new clients come from the first-order rule; the channel figures say
    they need the acquisition channel, never a number."""
    rows = []
    for i in range(30):
        day = pd.Timestamp("2024-05-01") + pd.Timedelta(days=i)
        rows.append((f"c{i:02d}", f"d{i}", day.strftime("%Y-%m-%d"), 100.0, 0.0))
        if i % 3 == 0:  # every third client orders again 10 days later
            rows.append((f"c{i:02d}", f"e{i}", (day + pd.Timedelta(days=10)).strftime("%Y-%m-%d"),
                         100.0, 0.0))
    rows.append(("old", "o1", "2024-01-02", 100.0, 0.0))  # the data begin: not a new client
    new = r.new_clients(Facts(_sales(rows)), None, as_of=AS_OF, lead_in_days=90)
    assert len(new) == 30 and new.attrs["known"] == ()
    kf = key_figures_table(vr.retention_figures(new, None, "en"), "en")
    values = dict(zip(kf.iloc[:, 0], kf.iloc[:, 1], strict=True))
    assert values["New clients who had six months to reorder"] == "30 clients"
    assert values["New clients with one order only"] == "20 clients (66.7%)"  # 20 of 30 by hand
    for label in ("Acquisition channel with the most one-order clients",
                  "Acquisition channel with the fewest one-order clients"):
        assert is_missing(values[label]) and "acquisition channel" in values[label]
    assert values["Median time to the second order (repeat clients)"] == "10 days"

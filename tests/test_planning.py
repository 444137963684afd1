"""Block 5 planning («управление будущим») on small hand-computed examples."""

import math

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.planning import (
    BASELINE_COLUMNS,
    LOAD_COLUMNS,
    NEW_CLIENTS,
    PLAN_COLUMNS,
    SEGMENT_PLAN_COLUMNS,
    Goals,
    base_year,
    client_baseline,
    manager_load,
    new_client_revenue,
    new_clients_won,
    plan_by_client,
    plan_by_segment,
    plan_vs_actual,
    targets_vs_actual,
)
from kbcore.facts import Facts


def _ids(values):
    return pd.array(values, dtype="string")


def _sales(rows):
    """rows: (client, date, revenue, cost)."""
    frame = pd.DataFrame(rows, columns=["client_id", "date", "revenue", "cost"])
    frame["client_id"] = frame["client_id"].astype("string")
    frame["date"] = pd.to_datetime(frame["date"])
    frame["doc_id"] = pd.array([f"D{i}" for i in range(len(frame))], dtype="string")
    return frame


@pytest.fixture
def sales():
    """Base year 2024 (data to 2024-12-31).

    (A and D also bought in 2021, so both their growths count)
    A  2022: 100, 2023: 100, 2024: 120 (cost 90)  growths 0.2 and 0 → trend 0.1 → baseline 132
    B  2023: 50 (first 2023-06-01), 2024: 200      first year partial → no growth → baseline 200
    C  2022: 100, 2023: 100 (last 2023-05-01)      no purchase for > 365 days → lost, baseline 0
    D  2022: 100, 2023: 200, 2024: 400             growths 1 and 1 → trend clipped to 0.3 → 520
    """
    return _sales(
        [
            ("A", "2021-06-01", 50.0, 35.0),
            ("A", "2022-03-01", 100.0, 70.0),
            ("A", "2023-03-01", 100.0, 70.0),
            ("A", "2024-12-01", 120.0, 90.0),
            ("B", "2023-06-01", 50.0, 40.0),
            ("B", "2024-11-15", 200.0, 150.0),
            ("C", "2022-02-01", 100.0, 80.0),
            ("C", "2023-05-01", 100.0, 80.0),
            ("D", "2021-06-01", 50.0, 45.0),
            ("D", "2022-01-10", 100.0, 90.0),
            ("D", "2023-01-10", 200.0, 180.0),
            ("D", "2024-12-20", 400.0, 360.0),
        ]
    )


@pytest.fixture
def clients():
    return pd.DataFrame(
        {
            "client_id": _ids(["A", "B", "C", "D"]),
            "name": _ids(["ООО «А»", "ИП Б", "АО <C>", "ООО «Д»"]),
            "segment": _ids(["S1", "S1", "S2", "S2"]),
            "manager": _ids(["M1", "M1", "M2", None]),
            "potential": [232.0, np.nan, 1000.0, 520.0],
            "key_account": pd.array([True, False, False, True], dtype="boolean"),
        }
    )


def test_base_year():
    s = _sales([("A", "2024-12-31", 1.0, 0.0)])
    assert base_year(Facts(s)) == 2024
    assert base_year(Facts(s), "2025-06-30") == 2024
    assert base_year(Facts(s), "2025-12-31") == 2025
    assert base_year(Facts(s, as_of="2025-06-30")) == 2024  # the analysis date of the facts


def test_client_baseline(sales):
    b = client_baseline(Facts(sales)).set_index("client_id")
    assert list(b.reset_index().columns) == BASELINE_COLUMNS
    assert b.attrs["base_year"] == 2024
    assert b.loc["A", "trend"] == pytest.approx(0.1)
    assert b.loc["A", "baseline"] == pytest.approx(132.0)
    assert b.loc["A", "margin_rate"] == pytest.approx(30 / 120)
    assert math.isnan(b.loc["B", "growth_last"])  # the first, partial year is no base
    assert b.loc["B", "trend"] == 0.0
    assert b.loc["B", "baseline"] == pytest.approx(200.0)
    assert bool(b.loc["C", "lost"]) and b.loc["C", "baseline"] == 0.0
    assert b.loc["D", "trend"] == pytest.approx(0.3)
    assert b.loc["D", "baseline"] == pytest.approx(520.0)
    assert not b["lost"][["A", "B", "D"]].any()


def test_client_baseline_uses_only_sales_up_to_as_of(sales):
    b = client_baseline(Facts(sales), as_of="2023-12-31").set_index("client_id")
    assert b.attrs["base_year"] == 2023
    assert b.loc["D", "revenue_base"] == 200.0  # the 2024 line is not seen
    assert b.loc["D", "trend"] == pytest.approx(0.3)
    assert b.loc["C", "days_since_last"] == 244  # 2023-05-01 → 2023-12-31
    # by default block 2's stages decide: lost only after 365 days without a purchase
    assert not bool(b.loc["C", "lost"]) and b.loc["C", "baseline"] == pytest.approx(100.0)
    # the simpler what-if rule: lost after 180 days
    short = client_baseline(Facts(sales), as_of="2023-12-31", lost_days=180).set_index("client_id")
    assert bool(short.loc["C", "lost"]) and short.loc["C", "baseline"] == 0.0


def test_client_baseline_default_stages_are_block2s(sales):
    from kbcore.analyses.lifecycle import client_stages

    default = client_baseline(Facts(sales))
    explicit = client_baseline(Facts(sales), stages=client_stages(Facts(sales)))
    pd.testing.assert_frame_equal(default, explicit)


def test_client_baseline_stages_decide_lost(sales):
    stages = pd.DataFrame({"client_id": _ids(["A", "C", "D"]), "stage": ["lost", "regular", "declining"]})
    b = client_baseline(Facts(sales), stages=stages).set_index("client_id")
    assert b.loc["D", "baseline"] == pytest.approx(520.0 * 0.8)
    assert b.loc["B", "baseline"] == pytest.approx(200.0)  # no stage given: unchanged
    assert bool(b.loc["A", "lost"]) and b.loc["A", "baseline"] == 0.0
    assert not bool(b.loc["C", "lost"])
    assert b.loc["C", "baseline"] == 0.0  # no revenue in 2024 anyway


def test_client_baseline_bad_parameters(sales):
    with pytest.raises(ValueError):
        client_baseline(Facts(sales), trend_clip=(0.3, -0.3))
    with pytest.raises(ValueError):
        client_baseline(Facts(sales), lost_days=-1)


def test_plan_by_client_potential_headroom(sales, clients):
    plan = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.5, margin_rate=0.3))
    assert list(plan.columns) == PLAN_COLUMNS
    a = plan.attrs
    assert a["year"] == 2025 and a["base_year"] == 2024
    assert a["revenue_base"] == pytest.approx(720.0)
    assert a["goal"] == pytest.approx(1080.0)
    assert a["baseline"] == pytest.approx(852.0)
    assert a["gap"] == pytest.approx(228.0)
    assert a["allocation"] == "potential"
    p = plan.set_index("client_id")
    # headroom: A 232 − 132 = 100; D 0; B unknown → 200 × median(100/132, 0/520); C lost → weight 0
    assert p.loc["A", "headroom"] == pytest.approx(100.0)
    assert p.loc["B", "headroom"] == pytest.approx(200 * 50 / 132)
    assert p.loc["C", "weight"] == 0.0
    total_weight = 100 + 200 * 50 / 132
    assert p.loc["A", "uplift"] == pytest.approx(228 * 100 / total_weight)
    assert p.loc["B", "uplift"] == pytest.approx(228 * (200 * 50 / 132) / total_weight)
    assert p.loc["D", "plan"] == pytest.approx(520.0)
    assert p["plan"].sum() == pytest.approx(1080.0)
    assert p.loc["A", "plan_growth"] == pytest.approx(p.loc["A", "plan"] / 120 - 1)
    assert bool(p.loc["A", "over_potential"])  # 261.7 > 232
    assert p.loc["A", "plan_margin"] == pytest.approx(p.loc["A", "plan"] * 0.25)
    assert p.loc["D", "manager"] == "unknown"  # no card manager, no manager in sales
    assert p.loc["C", "name"] == "АО <C>"
    assert a["margin_goal"] == pytest.approx(1080 * 0.3)
    # sorted by plan descending
    assert plan["plan"].is_monotonic_decreasing


def test_plan_by_client_without_clients_allocates_by_revenue(sales):
    plan = plan_by_client(Facts(sales), None, goals=Goals(growth=0.5)).set_index("client_id")
    assert plan.attrs["allocation"] == "revenue"
    assert plan.loc["A", "uplift"] == pytest.approx(228 * 132 / 852)
    assert plan.loc["D", "uplift"] == pytest.approx(228 * 520 / 852)
    assert plan.loc["C", "uplift"] == 0.0
    assert plan.loc["A", "name"] == "A"
    assert (plan["segment"] == "unknown").all()


def test_plan_by_client_goal_below_baseline_keeps_baseline(sales, clients):
    plan = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.0))
    assert plan.attrs["gap"] == pytest.approx(720 - 852)
    assert (plan["uplift"] == 0).all()
    assert plan["plan"].sum() == pytest.approx(852.0)


def test_plan_by_client_new_clients(sales, clients):
    plan = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.5, new_clients=4,
                                                       new_client_revenue=7.0))
    assert plan.attrs["new_plan"] == pytest.approx(28.0)
    assert plan.attrs["gap"] == pytest.approx(200.0)
    assert plan["plan"].sum() == pytest.approx(1052.0)
    assert plan.attrs["plan_total"] == pytest.approx(1080.0)


def test_plan_by_client_past_year_and_bad_year(sales, clients):
    plan = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.1), year=2024)
    assert plan.attrs["base_year"] == 2023
    assert plan.attrs["revenue_base"] == pytest.approx(100 + 50 + 100 + 200)
    with pytest.raises(ValueError):
        plan_by_client(Facts(sales), clients, year=2027)


def test_manager_from_sales_when_card_has_none(sales, clients):
    s = sales.assign(manager=pd.array(["X"] * len(sales), dtype="string"))
    plan = plan_by_client(Facts(s), clients, goals=Goals()).set_index("client_id")
    assert plan.loc["D", "manager"] == "X"
    assert plan.loc["A", "manager"] == "M1"


def test_goals_validation():
    with pytest.raises(ValueError):
        Goals(growth=-1.0)
    with pytest.raises(ValueError):
        Goals(new_clients=-1)
    with pytest.raises(ValueError):
        Goals(new_clients=1.5)
    with pytest.raises(ValueError):
        Goals(margin_rate=2.0)
    with pytest.raises(ValueError):
        Goals(new_client_revenue=-5.0)


def test_new_client_revenue():
    s = _sales(
        [
            ("X", "2022-01-05", 10.0, 5.0),
            ("N1", "2023-03-01", 100.0, 50.0),
            ("N1", "2024-02-28", 50.0, 25.0),  # within the first 365 days
            ("N1", "2024-03-01", 70.0, 35.0),  # after
            ("N2", "2023-06-01", 30.0, 15.0),
            ("N3", "2024-05-01", 999.0, 1.0),  # too recent: no full first year
            ("X", "2024-12-31", 10.0, 5.0),
        ]
    )
    r = new_client_revenue(Facts(s))
    assert r["clients"] == 2
    assert r["median"] == pytest.approx(90.0)
    assert r["mean"] == pytest.approx(90.0)


def test_new_client_revenue_none_when_data_too_short():
    s = _sales([("X", "2024-01-05", 10.0, 5.0), ("Y", "2024-06-01", 10.0, 5.0)])
    r = new_client_revenue(Facts(s))
    assert r["clients"] == 0 and math.isnan(r["median"])


def test_plan_by_segment(sales, clients):
    plan = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.5, new_clients=2,
                                                       new_client_revenue=10.0))
    seg = plan_by_segment(plan)
    assert list(seg.columns) == SEGMENT_PLAN_COLUMNS
    s = seg.set_index("segment")
    assert s.loc["S1", "clients"] == 2
    assert s.loc["S1", "revenue_base"] == pytest.approx(320.0)
    assert s.loc["S2", "baseline"] == pytest.approx(520.0)
    assert s.loc[NEW_CLIENTS, "new_clients_plan"] == pytest.approx(20.0)
    assert s["plan"].sum() == pytest.approx(plan.attrs["plan_total"])
    assert s["plan_share"].sum() == pytest.approx(1.0)


def test_plan_by_segment_splits_new_clients_by_recent_segments(sales, clients):
    plan = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.5, new_clients=2,
                                                       new_client_revenue=10.0))
    seg = plan_by_segment(plan, facts=Facts(sales), clients=clients).set_index("segment")
    # only B (S1) had its first purchase in the last two years
    assert seg.loc["S1", "new_clients_plan"] == pytest.approx(20.0)
    assert seg.loc["S1", "new_clients"] == pytest.approx(2.0)
    assert NEW_CLIENTS not in seg.index


def test_manager_load():
    plan = pd.DataFrame(
        {
            "client_id": _ids(["A", "B", "C", "D"]),
            "manager": _ids(["M1", "M1", "M2", None]),
            "key_account": [True, False, True, False],
            "lost": [False, False, True, False],
            "revenue_base": [100.0, 50.0, 0.0, 40.0],
            "baseline": [110.0, 50.0, 0.0, 40.0],
            "plan": [120.0, 60.0, 0.0, 50.0],
        }
    )
    stages = pd.DataFrame({"client_id": _ids(["D"]), "stage": ["key"]})
    load = manager_load(plan, stages)
    assert list(load.columns) == LOAD_COLUMNS
    m = load.set_index("manager")
    assert m.loc["M1", "clients"] == 2 and m.loc["M1", "key_clients"] == 1
    assert m.loc["M2", "clients"] == 0 and m.loc["M2", "lost_clients"] == 1
    assert m.loc["M2", "key_clients"] == 0  # a lost key client is not carried
    assert m.loc["unknown", "key_clients"] == 1  # key by stage
    assert m.loc["M1", "plan_growth"] == pytest.approx(180 / 150 - 1)
    assert m.loc["M1", "load_index"] == pytest.approx(2 / 1)
    assert m.loc["M1", "plan_share"] == pytest.approx(180 / 230)
    assert list(load["manager"]) == ["M1", "unknown", "M2"]


def _control_plan():
    plan = pd.DataFrame(
        {
            "client_id": _ids(["A", "B", "C"]),
            "manager": _ids(["M1", "M1", "M2"]),
            "segment": _ids(["S1", "S2", "S2"]),
            "plan": [100.0, 50.0, 80.0],
        }
    )
    plan.attrs.update(year=2024, new_plan=10.0)
    return plan


def test_plan_vs_actual_full_year():
    sales = _sales(
        [
            ("A", "2023-12-31", 999.0, 0.0),  # before the plan year
            ("A", "2024-03-01", 120.0, 0.0),
            ("C", "2024-12-31", 40.0, 0.0),
            ("E", "2024-07-01", 30.0, 0.0),  # not in the plan: a new client
        ]
    )
    out = plan_vs_actual(_control_plan(), Facts(sales))
    m = out.set_index("manager")
    assert m.loc["M1", "plan"] == 150.0 and m.loc["M1", "actual"] == 120.0
    assert m.loc["M1", "deviation"] == -30.0 and m.loc["M1", "completion"] == pytest.approx(0.8)
    assert m.loc["M2", "completion"] == pytest.approx(0.5)
    assert m.loc[NEW_CLIENTS, "plan"] == 10.0 and m.loc[NEW_CLIENTS, "actual"] == 30.0
    assert out["manager"].iloc[-1] == NEW_CLIENTS
    assert out.attrs["covered_days"] == 366
    assert m.loc["M1", "pace"] == pytest.approx(0.8)
    seg = plan_vs_actual(_control_plan(), Facts(sales), by="segment").set_index("segment")
    assert seg.loc["S2", "plan"] == 130.0 and seg.loc["S2", "actual"] == 40.0


def test_plan_vs_actual_partial_year_pace():
    sales = _sales([("A", "2024-06-30", 60.0, 0.0)])
    out = plan_vs_actual(_control_plan(), Facts(sales)).set_index("manager")
    assert out.attrs["covered_days"] == 182
    assert out.loc["M1", "expected"] == pytest.approx(150 * 182 / 366)
    assert out.loc["M1", "pace"] == pytest.approx(60 / (150 * 182 / 366))
    with pytest.raises(ValueError):
        plan_vs_actual(_control_plan(), Facts(sales), by="region")


def test_plan_vs_actual_table_shows_the_pace_only_while_the_period_runs():
    from kbcore.views.planning import plan_vs_actual_table

    full = plan_vs_actual(_control_plan(), Facts(_sales([("A", "2024-12-31", 120.0, 0.0),
                                                         ("E", "2024-07-01", 30.0, 0.0)])))
    shown = plan_vs_actual_table(full, "ru")
    assert list(shown.columns) == ["manager", "plan", "actual", "deviation", "completion"]
    assert shown["manager"].iloc[-1] == "Новые клиенты"
    assert list(shown["completion"]) == list(full["completion"])  # the numbers unchanged
    assert shown.attrs["covered_days"] == 366 and "expected" in full.columns  # the analysis untouched
    partial = plan_vs_actual(_control_plan(), Facts(_sales([("A", "2024-06-30", 60.0, 0.0)])))
    assert {"expected", "pace"} <= set(plan_vs_actual_table(partial, "en").columns)


def test_targets_vs_actual():
    sales = _sales(
        [
            ("A", "2023-05-01", 10.0, 5.0),
            ("A", "2024-05-01", 100.0, 60.0),
            ("B", "2024-06-01", 50.0, 20.0),  # first purchase in 2024: a new client
        ]
    )
    clients = pd.DataFrame({"client_id": _ids(["A", "B"]), "manager": _ids(["M1", "M1"])})
    targets = pd.DataFrame(
        {
            "period": ["2024", "2024", "2024", "2023"],
            "manager": ["M1", "M1", "M1", "M1"],
            "kpi": ["revenue", "margin", "new_clients", "revenue"],
            "target": [200.0, 50.0, 2.0, 1.0],
        }
    )
    out = targets_vs_actual(targets, Facts(sales), clients, year=2024).set_index("kpi")
    assert out.loc["revenue", "actual"] == 150.0 and out.loc["revenue", "completion"] == 0.75
    assert out.loc["margin", "actual"] == 70.0
    assert out.loc["new_clients", "actual"] == 1.0
    assert targets_vs_actual(None, Facts(sales), clients, year=2024).empty
    # a business line's target and a target without a manager are not the manager's
    more = pd.concat([targets.assign(business_line=pd.NA),
                      pd.DataFrame({"period": ["2024", "2024"], "manager": ["M1", None],
                                    "kpi": ["revenue", "revenue"], "target": [999.0, 888.0],
                                    "business_line": ["Industry", pd.NA]})], ignore_index=True)
    out = targets_vs_actual(more, Facts(sales), clients, year=2024).set_index("kpi")
    assert out.loc["revenue", "target"] == 200.0 and len(out) == 3


def test_demo_plan(demo_dataset):
    ds = demo_dataset
    plan = plan_by_client(Facts.of(ds), ds.clients, goals=Goals(growth=0.2, new_clients=120))
    assert plan.attrs["year"] == 2026
    assert plan.attrs["plan_total"] == pytest.approx(plan.attrs["goal"], rel=1e-9)
    assert plan["client_id"].is_unique
    assert (plan["plan"] >= plan["baseline"] - 1e-6).all()
    seg = plan_by_segment(plan, facts=Facts.of(ds), clients=ds.clients)
    assert seg["plan"].sum() == pytest.approx(plan.attrs["plan_total"])
    load = manager_load(plan)
    assert load["clients"].sum() == (~plan["lost"]).sum()


def test_plan_explorer_widget(sales, clients):
    import matplotlib

    matplotlib.use("Agg")
    from kbcore.widgets.plan import plan_explorer

    box = plan_explorer(Facts(sales), clients, goals=Goals(growth=0.5), lang="ru")
    assert box.plan.attrs["goal"] == pytest.approx(1080.0)
    box.sliders["growth"].value = 0.6
    assert box.plan.attrs["goal"] == pytest.approx(720 * 1.6)
    assert "План на 2025" in box.summary.value
    box.sliders["new_clients"].value = 10
    assert box.segments["new_clients"].sum() == pytest.approx(10.0)


def test_new_clients_won(sales):
    assert new_clients_won(Facts(sales), year=2023) == 1  # B
    assert new_clients_won(Facts(sales), year=2024) == 0
    assert new_clients_won(Facts(sales), year=2021) == 0  # the first year of data: unknown


def test_people_labels():
    from kbcore.views.labels import people_labels

    df = pd.DataFrame({"segment": ["unknown", "S"], "manager": ["new_clients", "M"],
                       "lost": [True, False]})
    out = people_labels(df, "ru")
    assert list(out["lost"]) == ["да", "нет"]
    assert list(out["segment"]) == ["(не указано)", "S"]
    assert list(out["manager"]) == ["Новые клиенты", "M"]


def test_plan_by_segment_is_plain_float_when_a_new_segment_has_no_base(sales, clients):
    """Odd data (tests/test_notebooks_odd_data.py): a segment with only a new client and no
    revenue in the base year had plan_growth = <NA> in a pyarrow column, which the
    notebook's formatter could not show (decimal.InvalidOperation)."""
    odd = pd.concat([sales, _sales([("E", "2023-07-01", 30.0, 20.0)])], ignore_index=True)
    cards = pd.concat([clients, pd.DataFrame({"client_id": _ids(["E"]), "segment": _ids(["S3"])})],
                      ignore_index=True)
    plan = plan_by_client(Facts(odd), cards, goals=Goals(growth=0.2, new_clients=2, new_client_revenue=10.0))
    seg = plan_by_segment(plan, facts=Facts(odd), clients=cards)
    numeric = seg.drop(columns=["segment", "clients"])
    assert all(str(d) == "float64" for d in numeric.dtypes), numeric.dtypes
    s3 = seg.set_index("segment").loc["S3"]
    assert s3["revenue_base"] == 0 and s3["new_clients"] > 0 and math.isnan(s3["plan_growth"])


# --------------------------------------------------------------------------- facts once
def test_planning_reduces_the_lines_once_and_sliders_never(sales, clients):
    """Facts once: baselines, plans, the check on the past and the goal sliders all re-read the
    one reduction of the facts."""
    import matplotlib

    matplotlib.use("Agg")
    from kbcore.facts import reductions
    from kbcore.widgets.plan import plan_explorer

    facts = Facts(sales)
    before = reductions()
    plan = plan_by_client(facts, clients, goals=Goals(growth=0.5, new_clients=1))
    plan_by_segment(plan, facts=facts, clients=clients)
    past = plan_by_client(facts, clients, goals=Goals(growth=0.1), year=2024)
    plan_vs_actual(past, facts)
    targets_vs_actual(None, facts, clients, year=2024)
    new_client_revenue(facts)
    new_clients_won(facts, year=2023)
    assert reductions() - before == 1
    box = plan_explorer(facts, clients, goals=Goals(growth=0.5))
    box.sliders["growth"].value = 0.6
    box.sliders["new_clients"].value = 10
    assert reductions() - before == 1


def test_plan_vs_actual_stops_at_the_facts_analysis_date():
    """Actual and the days covered both end at facts.as_of (what was known that day)."""
    sales = _sales([("A", "2024-03-01", 60.0, 0.0), ("A", "2024-09-01", 90.0, 0.0)])
    out = plan_vs_actual(_control_plan(), Facts(sales, as_of="2024-06-30")).set_index("manager")
    assert out.attrs["covered_days"] == 182
    assert out.loc["M1", "actual"] == 60.0  # the September sale is after the analysis date
    early = plan_vs_actual(_control_plan(), Facts(sales, as_of="2023-12-31"))
    assert early.attrs["covered_days"] == 0 and early["actual"].sum() == 0.0


def test_plan_as_of_defaults_to_the_facts_analysis_date(sales, clients):
    """Facts whose analysis date is mid-2024 plan 2024 from the data known then."""
    plan = plan_by_client(Facts(sales, as_of="2024-06-30"), clients, goals=Goals(growth=0.1))
    assert plan.attrs["year"] == 2024 and plan.attrs["base_year"] == 2023
    same = plan_by_client(Facts(sales), clients, goals=Goals(growth=0.1), year=2024)
    assert plan.attrs["plan_total"] == pytest.approx(same.attrs["plan_total"])

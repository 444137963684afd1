"""Program 004, topic 1 · market potential (kbcore.analyses|views|charts|widgets.market_potential)."""

from __future__ import annotations

import math
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.market_potential import (
    BPI_WEIGHTS,
    BUILD_UP_COLUMNS,
    CELL_COLUMNS,
    CLIENT_COLUMNS,
    COMPARE_COLUMNS,
    INDEX_COLUMNS,
    SALES_COLUMNS,
    SHARE_COLUMNS,
    TEMPLATE,
    WhiteSpotRule,
    build_up,
    chain_by_territory,
    chain_ratio,
    chain_template,
    client_potentials,
    compare_methods,
    focus_territory,
    load_chain_template,
    market_cells,
    market_index,
    market_share_targets,
    our_sales,
    territory_shares,
)
from kbcore.errors import KBDataError, TemplateError
from kbcore.facts import Facts
from kbcore.i18n import catalogue
from kbcore.schema import C

matplotlib.use("Agg")
NBSP = "\xa0"
SOF, VAR, PLO = "София", "Варна", "Пловдив"
GAR, FLT = "Автосервизи", "Автопаркове"


# --------------------------------------------------------------------------- the small company
def _market():
    """(Гаражи, София) 100 × 2000 = 200 000 (units 100 × 400 = 40 000);
    (Автопаркове, София) 10 × 10 000 = 100 000 (10 × 2000 = 20 000);
    (Гаражи, Варна) 40 × 1500 = 60 000 (40 × 300 = 12 000)."""
    return pd.DataFrame({
        C.segment: [GAR, FLT, GAR], C.region: [SOF, SOF, VAR], C.companies: [100, 10, 40],
        C.consumption_per_company: [2000.0, 10000.0, 1500.0],
        C.consumption_units_per_company: [400.0, 2000.0, 300.0]})


def _clients():
    return pd.DataFrame({
        C.client_id: ["A", "B", "C", "D"], C.name: ["Алфа", "Бета", "Гама", "Делта"],
        C.segment: [GAR, GAR, FLT, GAR], C.region: [SOF, VAR, SOF, None],
        C.potential: [3000.0, np.nan, 20000.0, 500.0],
        C.potential_units: [600.0, np.nan, np.nan, np.nan]})


def _territories():
    return pd.DataFrame({C.region: [SOF, VAR, PLO], C.population: [1.3e6, 0.4e6, 0.7e6],
                         C.income: [10.0, 3.0, 4.0], C.retail_sales: [5.0, 2.0, 3.0]})


def _sales():
    """In the year to 2025-12-31: A 1000 (200 l), B 500 (100 l), C 4000 (800 l), D 300 (60 l);
    an older line of A (2024) is outside the window."""
    df = pd.DataFrame({
        C.date: pd.to_datetime(["2025-03-01", "2025-06-01", "2025-09-01", "2025-05-01", "2024-05-01"]),
        C.client_id: ["A", "B", "C", "D", "A"], C.revenue: [1000.0, 500.0, 4000.0, 300.0, 999.0],
        C.product_id: ["p1", "p1", "p2", "p1", "p1"], C.quantity: [200.0, 100.0, 800.0, 60.0, 50.0]})
    return df


def _products(unit2="l"):
    return pd.DataFrame({C.product_id: ["p1", "p2"], C.unit: ["l", unit2]})


@pytest.fixture
def facts():
    return Facts(_sales(), as_of="2025-12-31")


def _small_chain():
    texts = {"en": "x", "ru": "х", "bg": "х"}
    return {"title": texts, "example": False, "currency": "EUR",
            "base": {"value": 1000, "label": texts, "result": texts, "source": "НСИ"},
            "steps": [{"id": "half", "kind": "share", "value": 0.5, "label": texts, "result": texts,
                       "source": "оценка"},
                      {"id": "two", "kind": "ratio", "value": 2, "label": texts, "result": texts,
                       "source": "оценка"},
                      {"id": "price", "kind": "price", "value": 3, "label": texts, "result": texts,
                       "source": "ценова листа"}]}


# =========================================================================== build-up
def test_market_cells_value_and_units():
    cells = market_cells(_market())
    assert list(cells.columns) == CELL_COLUMNS
    c = cells.set_index([C.segment, C.region])
    assert c.loc[(GAR, SOF), "potential"] == 200_000 and c.loc[(GAR, SOF), "potential_units"] == 40_000
    assert c.loc[(FLT, SOF), "potential"] == 100_000 and c.loc[(GAR, VAR), "potential_units"] == 12_000
    assert cells.attrs["missing"] == []


def test_market_cells_adds_a_repeated_cell_and_weighs_its_consumption():
    # two rows for one cell: 10 × 100 + 30 × 200 = 7000 over 40 companies → 175 a company
    m = pd.DataFrame({C.segment: ["s", "s"], C.region: ["r", "r"], C.companies: [10, 30],
                      C.consumption_per_company: [100.0, 200.0]})
    cells = market_cells(m)
    assert len(cells) == 1 and cells["potential"].iloc[0] == 7000
    assert cells[C.consumption_per_company].iloc[0] == pytest.approx(175.0)
    assert cells.attrs["missing"] == ["market.consumption_units_per_company"]
    assert math.isnan(cells["potential_units"].iloc[0])


def test_market_cells_without_a_market():
    assert market_cells(None).attrs["missing"] == ["market"] and market_cells(None).empty
    no_companies = pd.DataFrame({C.segment: ["s"], C.region: ["r"]})
    assert market_cells(no_companies).attrs["missing"] == ["market"]


def test_build_up_by_territory_beside_the_sum_of_client_potentials():
    out = build_up(_market(), _clients())
    assert list(out.columns) == [C.region, *BUILD_UP_COLUMNS]
    assert list(out[C.region]) == [SOF, VAR, "unknown"]  # by potential, unknown last
    sof = out.set_index(C.region).loc[SOF]
    # 200 000 + 100 000; units 40 000 + 20 000; companies 110
    assert (sof["potential"], sof["potential_units"], sof[C.companies]) == (300_000, 60_000, 110)
    # A 3000 + C 20 000 = 23 000 from 2 cards; units: A's 600 only
    assert (sof["client_potential"], sof["clients_known"]) == (23_000, 2)
    assert (sof["client_potential_units"], sof["clients_known_units"]) == (600, 1)
    assert sof["coverage"] == pytest.approx(23_000 / 300_000)
    assert sof["coverage_units"] == pytest.approx(600 / 60_000)
    var = out.set_index(C.region).loc[VAR]  # B has no potential: the sum is unknown, not 0
    assert var["clients"] == 1 and var["clients_known"] == 0 and math.isnan(var["client_potential"])
    unknown = out.set_index(C.region).loc["unknown"]  # D has no region
    assert unknown["client_potential"] == 500 and math.isnan(unknown["potential"])
    assert out.attrs["missing"] == []


def test_build_up_by_segment():
    out = build_up(_market(), _clients(), by=C.segment).set_index(C.segment)
    # Гаражи: 200 000 + 60 000; cards A 3000 + D 500
    assert out.loc[GAR, "potential"] == 260_000 and out.loc[GAR, "client_potential"] == 3500


def test_build_up_without_data_names_what_is_missing():
    out = build_up(None, None)
    assert out.empty and out.attrs["missing"] == ["market", "clients"]
    only_ids = build_up(_market(), _clients()[[C.client_id]])
    assert set(only_ids.attrs["missing"]) == {"clients.region", "clients.potential",
                                              "clients.potential_units"}
    assert only_ids["client_potential"].isna().all()
    with pytest.raises(ValueError, match="by must be"):
        build_up(_market(), by="manager")


# =========================================================================== chain ratio
def test_chain_ratio_by_hand():
    # 1000 × 0.5 = 500 × 2 = 1000 (units) × 3 = 3000 (money)
    res = chain_ratio(chain_template(_small_chain()))
    assert list(res.table["value"]) == [1000, 500, 1000, 3000]
    assert list(res.table["is_money"]) == [False, False, False, True]
    assert res.potential == 3000 and res.potential_units == 1000
    no_price = _small_chain()
    no_price["steps"] = no_price["steps"][:2]
    res = chain_ratio(chain_template(no_price))
    assert math.isnan(res.potential) and res.potential_units == 1000


def test_default_template_is_the_bulgarian_lubricants_example():
    tpl = load_chain_template()
    assert tpl.example and tpl.currency == "EUR" and tpl.file == str(TEMPLATE)
    assert [s.kind for s in tpl.steps][-1] == "price"
    assert all(s.source for s in (tpl.base, *tpl.steps))
    res = chain_ratio(tpl)
    # 3 100 000 cars × 0.75 in use × 0.6 in workshops × 1.0 change × 4.5 l = 6 277 500 l; × 6 € = 37 665 000 €
    assert res.potential_units == pytest.approx(6_277_500)
    assert res.potential == pytest.approx(37_665_000)


def _error(data, match_key=None):
    with pytest.raises(TemplateError) as info:
        chain_template(data, file="my_chain.yaml")
    err = info.value
    assert isinstance(err, KBDataError) and isinstance(err, ValueError)
    if match_key:
        assert err.where == match_key
    for lang in ("en", "ru", "bg"):
        text = err.message(lang)
        assert "my_chain.yaml" in text and not re.search(r"{[a-z_]+}", text)
    return err


@pytest.mark.parametrize(("change", "problem", "key"), [
    (lambda d: d["steps"][0].update(value=1.5), "out_of_range", "steps[0].value"),
    (lambda d: d["steps"][0].update(value="60%"), "not_number", "steps[0].value"),
    (lambda d: d["steps"][1].update(value=0), "zero", "steps[1].value"),
    (lambda d: d["steps"][1].update(value=-2), "negative", "steps[1].value"),
    (lambda d: d["steps"][1].update(kind="factor"), "chain_step_kind", "steps[1].kind"),
    (lambda d: d["steps"].insert(0, dict(d["steps"][2], id="p0")), "chain_price_last", "steps[0].kind"),
    (lambda d: d["steps"][2].update(id="half"), "duplicate_id", "steps[2].id"),
    (lambda d: d["steps"][2].update(id="Price 2"), "bad_id", "steps[2].id"),
    (lambda d: d["steps"][0].pop("source"), "missing_key", "steps[0].source"),
    (lambda d: d["steps"][0].update(source="  "), "chain_source", "steps[0].source"),
    (lambda d: d["steps"][0].update(label={"en": "x"}), "texts", "steps[0].label"),
    (lambda d: d["steps"][0].update(extra=1), "unknown_key", "steps[0]"),
    (lambda d: d.update(steps=[]), "empty", "steps"),
    (lambda d: d["base"].update(value=0), "zero", "base.value"),
    (lambda d: d.update(split_by="cars"), "unknown_measure", "split_by"),
    (lambda d: d.update(currency="euro"), "wrong_shape", "currency"),
    (lambda d: d.update(colour="red"), "unknown_key", None),
    (lambda d: d.pop("base"), "missing_key", "base"),
    (lambda d: d.update(example="yes"), "wrong_shape", "example"),
])
def test_a_wrong_template_is_refused_with_the_key_and_what_to_do(change, problem, key):
    data = _small_chain()
    change(data)
    err = _error(data, key)
    assert err.problem == problem
    assert f"template.{problem}.todo" in catalogue()


def test_template_files_not_found_or_not_yaml(tmp_path):
    with pytest.raises(TemplateError) as info:
        load_chain_template(tmp_path / "nope.yaml")
    assert info.value.problem == "not_found" and "kpi_chain_ratio.yaml" in info.value.message("bg")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_chain_template(bad)
    assert info.value.problem == "not_yaml"


def test_chain_split_over_territories_by_population():
    res = chain_ratio(chain_template(_small_chain()))
    out = chain_by_territory(res, _territories()).set_index(C.region)
    # population 1.3 / 2.4 of 3000 = 1625; units 1.3 / 2.4 × 1000
    assert out.loc[SOF, "potential"] == pytest.approx(1625.0)
    assert out.loc[SOF, "potential_units"] == pytest.approx(1000 * 1.3 / 2.4)
    assert out["share"].sum() == pytest.approx(1.0)
    by_income = chain_by_territory(res, _territories(), split_by=C.income).set_index(C.region)
    assert by_income.loc[VAR, "potential"] == pytest.approx(3000 * 3 / 17)
    assert chain_by_territory(res, None).attrs["missing"] == ["territories"]
    lacking = chain_by_territory(res, _territories(), split_by=C.businesses)
    assert lacking.empty and lacking.attrs["missing"] == ["territories.businesses"]


# =========================================================================== index
def test_buying_power_index_by_hand():
    out = market_index(_territories(), total=360_000)
    assert list(out.columns) == INDEX_COLUMNS and out.attrs["weights_used"] == BPI_WEIGHTS
    idx = out.set_index(C.region)["index"]
    # Sofia: 0.5 × 10/17 + 0.3 × 5/10 + 0.2 × 1.3/2.4 = 0.294118 + 0.15 + 0.108333 = 0.552451
    assert idx[SOF] == pytest.approx(0.5 * 10 / 17 + 0.3 * 0.5 + 0.2 * 1.3 / 2.4)
    # Varna: 0.5 × 3/17 + 0.3 × 0.2 + 0.2 × 0.4/2.4 = 0.181569
    assert idx[VAR] == pytest.approx(0.181569, abs=1e-6)
    assert idx.sum() == pytest.approx(1.0)
    assert list(out[C.region]) == [SOF, PLO, VAR]
    assert out.set_index(C.region).loc[SOF, "potential"] == pytest.approx(idx[SOF] * 360_000)


def test_index_with_a_missing_factor_renormalises_and_says_so():
    t = _territories().drop(columns=[C.retail_sales])
    out = market_index(t)
    assert out.attrs["missing"] == ["territories.retail_sales"]
    assert out.attrs["weights_used"] == pytest.approx({C.income: 0.5 / 0.7, C.population: 0.2 / 0.7})
    sof = out.set_index(C.region).loc[SOF, "index"]
    assert sof == pytest.approx((0.5 * 10 / 17 + 0.2 * 1.3 / 2.4) / 0.7)
    assert out["potential"].isna().all()  # no total given


def test_b2b_index_with_businesses_and_bad_weights():
    t = _territories().assign(**{C.businesses: [60, 20, 20]})
    out = market_index(t, weights={C.businesses: 1.0}).set_index(C.region)
    assert out.loc[SOF, "index"] == pytest.approx(0.6)
    with pytest.raises(ValueError, match="not a factor"):
        market_index(t, weights={"cars": 1})
    with pytest.raises(ValueError, match="above 0"):
        market_index(t, weights={C.income: 0})


def test_index_without_territories_and_with_an_incomplete_one():
    empty = market_index(None)
    assert empty.empty and empty.attrs["missing"] == ["territories"]
    t = _territories()
    t.loc[1, C.income] = np.nan
    out = market_index(t).set_index(C.region)
    assert math.isnan(out.loc[VAR, "index"]) and out.attrs["incomplete"] == 1


# =========================================================================== side by side
def test_compare_methods_by_hand():
    build = build_up(_market(), _clients())
    chain = chain_by_territory(chain_ratio(chain_template(_small_chain())), _territories())
    index = market_index(_territories())
    out = compare_methods(build, chain, index)
    assert list(out.columns) == COMPARE_COLUMNS
    sof = out.set_index(C.region).loc[SOF]
    bpi = 0.5 * 10 / 17 + 0.3 * 0.5 + 0.2 * 1.3 / 2.4
    # build-up 300 000, clients 23 000, chain 1625, index 0.552451 × 360 000 (the build-up's total)
    assert (sof["build_up"], sof["bottom_up"], sof["chain_ratio"]) == (300_000, 23_000, 1625)
    assert sof["index"] == pytest.approx(bpi * 360_000)
    assert (sof["low"], sof["high"], sof["spread"]) == (1625, 300_000, 298_375)
    mean = (300_000 + 23_000 + 1625 + bpi * 360_000) / 4
    assert sof["spread_pct"] == pytest.approx(298_375 / mean)
    assert sof["methods"] == 4
    plo = out.set_index(C.region).loc[PLO]  # not in the market table
    assert math.isnan(plo["build_up"]) and plo["methods"] == 2
    assert out.attrs["index_total_from"] == "build_up" and out.attrs["missing"] == []
    assert out.attrs["totals"]["build_up"] == 360_000
    assert list(out[C.region])[0] == SOF  # the largest mean first


def test_compare_methods_in_units_and_with_missing_methods():
    build = build_up(_market(), _clients())
    units = compare_methods(build, None, market_index(_territories()), measure="units")
    sof = units.set_index(C.region).loc[SOF]
    assert sof["build_up"] == 60_000 and sof["bottom_up"] == 600
    # the index shares out the build-up's 72 000 units
    assert units.attrs["missing"] == ["chain_ratio"]
    assert sof["index"] == pytest.approx((0.5 * 10 / 17 + 0.3 * 0.5 + 0.2 * 1.3 / 2.4) * 72_000)
    # client D has no region: its 500 is not a territory's, it is reported apart
    value = compare_methods(build)
    assert "unknown" not in set(value[C.region]) and value.attrs["unassigned"] == {"bottom_up": 500}
    chain = chain_by_territory(chain_ratio(chain_template(_small_chain())), _territories())
    only_chain = compare_methods(None, chain, market_index(_territories()))
    assert only_chain.attrs["index_total_from"] == "chain_ratio"
    assert only_chain["index"].sum() == pytest.approx(3000)
    given = compare_methods(None, None, market_index(_territories()), index_total=100.0)
    assert given["index"].sum() == pytest.approx(100.0) and given.attrs["index_total_from"] == "given"
    nothing = compare_methods()
    assert nothing.empty and nothing.attrs["missing"] == list(("build_up", "bottom_up", "chain_ratio",
                                                               "index"))


# =========================================================================== our sales
def test_our_sales_in_value_and_litres(facts):
    out = our_sales(facts, _clients(), _products())
    assert list(out.columns) == SALES_COLUMNS
    s = out.set_index(C.client_id)
    # the year 2025: A 1000 (the 2024 line is outside), 200 l
    assert (s.loc["A", "revenue_year"], s.loc["A", "quantity_year"]) == (1000, 200)
    assert s.loc["D", C.region] == "unknown"
    assert out.attrs["unit"] == "l" and out.attrs["missing"] == []
    assert out.attrs["window_start"] == pd.Timestamp("2025-01-01")


def test_our_sales_annualises_a_shorter_window(facts):
    # six months 2025-07-01 … 2025-12-31: only C's 4000 (800 l), × 12 / 6
    s = our_sales(facts, _clients(), _products(), months=6).set_index(C.client_id)
    assert s.loc["C", "revenue_year"] == 8000 and s.loc["C", "quantity_year"] == 1600
    assert s.loc["A", "revenue_year"] == 0


@pytest.mark.parametrize(("products", "why"), [
    (None, "products.unit"),
    (_products("kg"), "units_mixed"),
    (pd.DataFrame({C.product_id: ["p1"], C.unit: ["l"]}), "products.unit"),
])
def test_units_are_never_summed_when_unknown_or_mixed(facts, products, why):
    out = our_sales(facts, _clients(), products)
    assert out["quantity_year"].isna().all() and why in out.attrs["missing"]
    assert out["revenue_year"].sum() == 5800


def test_sales_only_export():
    lines = _sales()[[C.date, C.client_id, C.revenue]]
    f = Facts(lines, as_of="2025-12-31")
    out = our_sales(f)
    assert set(out.attrs["missing"]) == {"sales.quantity", "clients", "clients.region"}
    assert (out[C.region] == "unknown").all() and out["revenue_year"].sum() == 5800
    build = build_up(None, None)
    cmp = compare_methods(build, None, market_index(None))
    shares = territory_shares(cmp, out)
    assert shares.empty and shares.attrs["missing"] == ["potential"]
    cl = client_potentials(f, None, None, sales=out)
    assert cl["potential"].isna().all() and cl.attrs["sources"]["none"] == 4
    assert {"clients.potential", "market", "sales.quantity"} <= set(cl.attrs["missing"])


# =========================================================================== territories
def _shares(facts, measure="value", **kw):
    cmp = compare_methods(build_up(_market(), _clients()), None, market_index(_territories()),
                          measure=measure)
    return territory_shares(cmp, our_sales(facts, _clients(), _products()), measure=measure, **kw)


def test_territory_shares_by_hand(facts):
    out = _shares(facts)
    assert list(out.columns) == SHARE_COLUMNS
    s = out.set_index(C.region)
    # Sofia: A 1000 + C 4000 = 5000 of 300 000; Varna: 500 of 60 000
    assert s.loc[SOF, "our_sales"] == 5000 and s.loc[SOF, "market_share"] == pytest.approx(5000 / 300_000)
    national = 5500 / 360_000
    assert out.attrs["national_share"] == pytest.approx(national) and out.attrs["target"] == "national"
    # target = the national share: Varna 0.015278 × 60 000 = 916.67 − 500 = 416.67; Sofia 0
    assert s.loc[VAR, "gap"] == pytest.approx(national * 60_000 - 500) and s.loc[SOF, "gap"] == 0
    assert list(out[C.region]) == [VAR, SOF] and list(out["rank"]) == [1, 2]
    # high potential: ≥ the 0.75 quantile of (60 000, 300 000) = 240 000 → Sofia only
    assert out.attrs["potential_threshold"] == pytest.approx(240_000)
    assert out.attrs["share_threshold"] == pytest.approx(0.5 * national)
    assert not out["white_spot"].any()
    assert out.attrs["sales_outside"] == 300  # D has no region


def test_white_spot_rule_and_targets(facts):
    rule = WhiteSpotRule(potential_quantile=0.0, max_share=0.01)  # every territory high; share < 1 %
    out = _shares(facts, rule=rule).set_index(C.region)
    assert bool(out.loc[VAR, "white_spot"]) and not bool(out.loc[SOF, "white_spot"])
    given = _shares(facts, target_share=0.02).set_index(C.region)
    # 0.02 × 300 000 = 6000 − 5000 = 1000; 0.02 × 60 000 = 1200 − 500 = 700
    assert (given.loc[SOF, "gap"], given.loc[VAR, "gap"]) == (pytest.approx(1000), pytest.approx(700))
    partial = _shares(facts, target_share={SOF: 0.02}).set_index(C.region)
    assert math.isnan(partial.loc[VAR, "gap"]) and partial.loc[SOF, "gap"] == pytest.approx(1000)
    by_index = _shares(facts, method="index")
    assert set(by_index[C.region]) == {SOF, VAR, PLO}
    plo = by_index.set_index(C.region).loc[PLO]
    assert plo["our_sales"] == 0 and plo["market_share"] == 0
    units = _shares(facts, measure="units").set_index(C.region)
    # Sofia 200 + 800 = 1000 l of 60 000 l
    assert units.loc[SOF, "market_share"] == pytest.approx(1000 / 60_000)
    with pytest.raises(ValueError):
        WhiteSpotRule(potential_quantile=2)
    with pytest.raises(ValueError):
        _shares(facts, method="guess")
    cmp = compare_methods(build_up(_market(), _clients()))
    with pytest.raises(ValueError, match="compare_methods"):
        territory_shares(cmp, our_sales(facts, _clients(), _products()), measure="units")


def test_units_shares_say_what_is_missing(facts):
    cmp = compare_methods(build_up(_market(), _clients()), measure="units")
    out = territory_shares(cmp, our_sales(facts, _clients(), None), measure="units")
    assert out.empty and out.attrs["missing"] == ["products.unit"]


def test_market_share_targets():
    targets = pd.DataFrame({
        C.period: ["2025", "2026", "2026", "2026", "2026"],
        C.kpi: ["market_share", "market_share", "market_share", "market_share", "revenue"],
        C.target: [10.0, 12.0, 0.05, 0.3, 1000.0],
        C.region: [SOF, SOF, VAR, SOF, SOF],
        C.manager: [None, None, None, "Иванов", None]})
    out = market_share_targets(targets)
    # the latest period; 12 → 0.12 (a percentage); the manager's row and the revenue row left out
    assert out.to_dict() == {SOF: pytest.approx(0.12), VAR: pytest.approx(0.05)}
    assert out.attrs["period"] == "2026"
    assert market_share_targets(targets, period="2025").to_dict() == {SOF: pytest.approx(0.10)}
    assert market_share_targets(None).attrs["missing"] == ["targets"]
    assert market_share_targets(targets.iloc[4:]).empty


# =========================================================================== clients
def test_client_potentials_by_hand(facts):
    out = client_potentials(facts, _clients(), _market(), _products())
    assert list(out.columns) == CLIENT_COLUMNS
    c = out.set_index(C.client_id)
    # A: card 3000 − 1000 = 2000; C: card 20 000 − 4000 = 16 000; B: cell (Гаражи, Варна) 1500 − 500 = 1000
    assert (c.loc["A", "untapped"], c.loc["C", "untapped"], c.loc["B", "untapped"]) == (2000, 16000, 1000)
    assert c.loc["B", "potential_source"] == "market_cell" and c.loc["A", "potential_source"] == "card"
    assert c.loc["C", "share"] == pytest.approx(0.2)
    # units: A card 600 − 200 = 400; C cell (Автопаркове, София) 2000 − 800 = 1200; D none
    assert c.loc["A", "untapped_units"] == 400 and c.loc["C", "untapped_units"] == 1200
    assert c.loc["D", "potential_units_source"] == "none" and math.isnan(c.loc["D", "untapped_units"])
    # ranked within the territory: София C then A
    assert c.loc["C", "rank"] == 1 and c.loc["A", "rank"] == 2 and c.loc["B", "rank"] == 1
    assert out.attrs["sources"] == {"card": 3, "market_cell": 1, "none": 0}
    assert out.attrs["sources_units"] == {"card": 1, "market_cell": 2, "none": 1}
    one = client_potentials(facts, _clients(), _market(), _products(), region=SOF)
    assert list(one[C.client_id]) == ["C", "A"]


def test_one_client(facts):
    f = Facts(_sales().iloc[:1], as_of="2025-12-31")
    cl = _clients().iloc[:1]
    out = client_potentials(f, cl, None)
    assert len(out) == 1 and out["untapped"].iloc[0] == 2000 and "market" in out.attrs["missing"]


# =========================================================================== the Russian demo company
@pytest.fixture(scope="module")
def demo():
    import kbcore

    ds = kbcore.load(None)
    return ds, Facts.of(ds)


def test_on_the_russian_demo_company_it_degrades_honestly(demo):
    ds, f = demo
    build = build_up(ds.market, ds.clients)
    assert build["potential"].sum() > 0
    assert "market.consumption_units_per_company" in build.attrs["missing"]
    assert build["potential_units"].isna().all()
    index = market_index(ds.table("territories") if ds.has("territories", C.region) else None)
    assert index.attrs["missing"] == ["territories"]
    cmp = compare_methods(build, None, index)
    assert cmp.attrs["missing"] == ["chain_ratio", "index"]
    sales = our_sales(f, ds.clients, ds.products)
    assert sales["quantity_year"].isna().all()
    assert set(sales.attrs["missing"]) & {"sales.quantity", "products.unit"}
    shares = territory_shares(cmp, sales)
    assert len(shares) and shares["market_share"].between(0, 1).all()
    clients = client_potentials(f, ds.clients, ds.market, sales=sales)
    assert clients.attrs["sources"]["card"] > 0 and (clients["untapped"].dropna() >= 0).all()


# =========================================================================== views
from kbcore.views.figures import is_missing, key_figures_table  # noqa: E402
from kbcore.views.market_potential import (  # noqa: E402
    build_up_note,
    build_up_table,
    chain_note,
    chain_table,
    clients_note,
    clients_table,
    index_note,
    index_table,
    market_potential_figures,
    methods_note,
    methods_table,
    needs_notes,
    shares_note,
    shares_table,
)

LATIN = re.compile(r"[A-Za-z]{2,}")


def _all_views(facts, lang):
    build = build_up(_market(), _clients())
    chain = chain_ratio(load_chain_template())
    index = market_index(_territories())
    cmp = compare_methods(build, chain_by_territory(chain, _territories()), index)
    sales = our_sales(facts, _clients(), _products())
    shares = territory_shares(cmp, sales)
    clients = client_potentials(facts, _clients(), _market(), sales=sales)
    tables = [build_up_table(build, lang, unit="л"), chain_table(chain, lang), index_table(index, lang),
              methods_table(cmp, lang), shares_table(shares, lang), clients_table(clients, lang),
              clients_table(clients, lang, units=True),
              key_figures_table(market_potential_figures(build, chain, shares, clients, lang, unit="л"), lang)]
    notes = [build_up_note(build, lang), chain_note(chain, lang), index_note(index, lang),
             methods_note(cmp, lang), shares_note(shares, lang), clients_note(clients, lang)]
    return tables, notes


def _text(tables, notes) -> str:
    parts = list(notes)
    for tb in tables:
        parts += list(tb.columns) + [str(v) for v in tb.to_numpy().ravel()]
    return "\n".join(parts)


def test_views_in_bulgarian_have_no_english_word_and_bulgarian_numbers(facts):
    tables, notes = _all_views(facts, "bg")
    text = _text(tables, notes)
    assert LATIN.findall(text) == []
    build = tables[0]
    assert list(build.columns)[0] == "Област" and "Пазарен потенциал" in build.columns
    assert build.iloc[0]["Пазарен потенциал"] == f"300{NBSP}000{NBSP}€"
    assert build.iloc[0]["Пазарен потенциал в количество, л"] == f"60{NBSP}000"
    assert build.iloc[0]["Дял от пазара в нашите картони"] == "7,7%"
    assert "37" + NBSP + "665" + NBSP + "000" + NBSP + "€" in notes[1]
    assert "илюстративен пример" in notes[1]
    figures = tables[-1]
    assert "(пример)" in " ".join(figures.iloc[:, 0]) or "пример" in " ".join(figures.iloc[:, 0])


def test_views_in_english(facts):
    tables, notes = _all_views(facts, "en")
    assert tables[0].iloc[0]["Market potential"] == "€\xa0300,000"
    assert "Territory" in tables[4].columns and "White spot" in tables[4].columns
    assert "0 white spots" in notes[4]
    assert "3 clients" in notes[0]  # A, C (Sofia) and D (no region) have a potential
    assert tables[5].iloc[0]["Client"] == "Гама"  # the largest untapped first


def test_the_potential_in_units_names_its_unit(facts):
    tables, _ = _all_views(facts, "bg")
    figures = tables[-1]
    row = figures[figures.iloc[:, 0].str.contains("количество")].iloc[0]
    assert row.iloc[1].endswith("\xa0л")


def test_key_figures_say_what_is_missing(facts):
    sales = our_sales(Facts(_sales()[[C.date, C.client_id, C.revenue]], as_of="2025-12-31"))
    build = build_up(None, None)
    shares = territory_shares(compare_methods(build), sales)
    clients = client_potentials(facts, None, None, sales=sales)
    table = key_figures_table(market_potential_figures(build, None, shares, clients, "bg"), "bg")
    values = list(table.iloc[:, 1])
    assert all(is_missing(v) for v in values)
    assert table.attrs["needs"][0] == "market" and "clients.potential" in table.attrs["needs"]
    assert "таблица на пазара" in values[0]
    assert "market.csv" in needs_notes(build, "bg")


def test_every_topic_text_has_en_ru_bg():
    keys = [k for k in catalogue() if k.startswith("market_potential.") or k.endswith("chain_ratio")
            or k.startswith(("template.chain_", "template.what.chain_"))]
    assert len(keys) > 80
    lacking = [(k, lang) for k in keys for lang in ("en", "ru", "bg") if not catalogue()[k].get(lang)]
    assert lacking == []


# =========================================================================== charts
from kbcore.charts.market_potential import (  # noqa: E402
    plot_client_potential,
    plot_methods,
    plot_territory_shares,
)


def _bars(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid]


def test_chart_of_methods(facts):
    import matplotlib.pyplot as plt

    cmp = compare_methods(build_up(_market(), _clients()), None, market_index(_territories()))
    ax = plot_methods(cmp, lang="bg")
    build = _bars(ax, "method_build_up")
    assert len(build) == 3 and len(_bars(ax, "method_chain_ratio")) == 0
    assert sorted(b.get_width() for b in build) == [0, 60_000, 300_000]
    assert ax.get_title("left") == "Пазарен потенциал по области: методите един до друг"
    top = max(ax.get_yticklabels(), key=lambda lb: lb.get_position()[1])
    assert top.get_text() == SOF  # the largest on top
    plt.close("all")


def test_chart_of_shares_and_clients(facts):
    import matplotlib.pyplot as plt

    rule = WhiteSpotRule(potential_quantile=0.0, max_share=0.01)
    shares = _shares(facts, rule=rule)
    ax = plot_territory_shares(shares, lang="en")
    spots = [c for c in ax.collections if c.get_gid() == "white_spots"][0]
    assert spots.get_offsets().tolist() == [[60_000, pytest.approx(500 / 60_000)]]
    lines = {ln.get_gid() for ln in ax.lines}
    assert {"potential_line", "share_line"} <= lines
    clients = client_potentials(facts, _clients(), _market(), _products(), region=SOF)
    ax = plot_client_potential(clients, lang="bg")
    assert [b.get_width() for b in _bars(ax, "our_sales")] == [4000, 1000]
    assert [b.get_width() for b in _bars(ax, "untapped")] == [16000, 2000]
    assert [b.get_x() for b in _bars(ax, "untapped")] == [4000, 1000]
    plt.close("all")


# =========================================================================== widget
def test_widget_redraws_on_method_and_territory(facts):
    import matplotlib.pyplot as plt

    from kbcore.widgets.market_potential import ALL, market_potential_explorer

    build = build_up(_market(), _clients())
    cmp = compare_methods(build, None, market_index(_territories()))
    sales = our_sales(facts, _clients(), _products())
    box = market_potential_explorer(facts, _clients(), cmp, sales, market=_market(), lang="bg")
    assert box.territory.value == ALL and box.shares.attrs["method"] == "build_up"
    assert [v for _, v in box.method.options] == ["build_up", "bottom_up", "index"]
    box.method.value = "index"
    assert box.shares.attrs["method"] == "index" and len(box.shares) == 3
    box.territory.value = SOF
    assert list(box.clients[C.client_id]) == ["C", "A"]
    assert "Неусвоен потенциал" in box.summary.value
    plt.close("all")


# --------------------------------------------------------------------------- the territory to go down to
def test_focus_territory_by_hand():
    shares = pd.DataFrame({
        C.region: ["A", "B", "C", "D"],
        "potential": [100.0, 500.0, 400.0, 900.0],
        "our_sales": [90.0, 50.0, 10.0, 300.0],
        "white_spot": [False, True, True, False],
    })
    # white spots B and C: headroom B 500 − 50 = 450, C 400 − 10 = 390 → B (not D: no white spot)
    assert focus_territory(shares) == "B"
    # C's sales drop to 0 → headroom 400 < 450: still B; B's sales rise to 200 → 300 < 390: C
    assert focus_territory(shares.assign(our_sales=[90.0, 200.0, 10.0, 300.0])) == "C"
    # the reader's choice wins, stripped, even a territory outside the table
    assert focus_territory(shares, " D ") == "D" and focus_territory(shares, "Z") == "Z"
    # no white spot: the first row (territory_shares sorts by the gap)
    assert focus_territory(shares.assign(white_spot=False)) == "A"
    # no potential at all: nothing to go down to; an empty choice is no choice
    assert focus_territory(shares.iloc[:0]) is None and focus_territory(shares.iloc[:0], "  ") is None


def test_focus_territory_on_the_bulgarian_demo_is_varna(demo_bg_dataset):
    ds = demo_bg_dataset
    facts = Facts.of(ds)
    comparison = compare_methods(build_up(ds.market, ds.clients))
    shares = territory_shares(comparison, our_sales(facts, ds.clients, ds.products))
    # README truth 1: Варна and Бургас are the white spots; Варна has more of its market to win
    assert set(shares.loc[shares["white_spot"], C.region]) == {"Варна", "Бургас"}
    assert focus_territory(shares) == "Варна"

"""Topic 10 (program 004): the KPI tree, its registry, values, checks and the competency × KPI matrix."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kbcore.analyses import kpi_tree as K
from kbcore.analyses.assessment import (
    assess,
    empty_answers,
    example_answers,
    questionnaires,
    read_questionnaire,
)
from kbcore.charts import kpi_tree as CH
from kbcore.errors import KBDataError, TemplateError
from kbcore.facts import Facts
from kbcore.views import kpi_tree as V
from kbcore.views.figures import key_figures_table

TEXT = {"en": "x", "ru": "x", "bg": "x"}


# --------------------------------------------------------------------------- a small company
def _sales(cost: bool = True) -> pd.DataFrame:
    rows = [  # client, date, revenue, cost, doc
        ("a", "2024-03-01", 100, 60, "d1"), ("b", "2024-05-01", 50, 30, "d4"),
        ("a", "2025-02-01", 200, 150, "d2"), ("a", "2025-06-01", 100, 50, "d3"),
        ("c", "2025-03-01", 400, 250, "d5"), ("d", "2025-04-01", 10, 5, "d6"),
    ]
    df = pd.DataFrame(rows, columns=["client_id", "date", "revenue", "cost", "doc_id"])
    df["date"] = pd.to_datetime(df["date"])
    df["revenue"] = df["revenue"].astype(float)
    df["cost"] = df["cost"].astype(float)
    return df if cost else df[["date", "client_id", "revenue"]]


def _ds(sales, **tables):
    names = ("clients", "products", "market", "interactions", "surveys", "staff", "targets")
    return SimpleNamespace(sales=sales, **{n: tables.get(n) for n in names})


def _tree(**changes) -> K.KpiTree:
    data = {
        "year": 2025,
        "goals": [{"id": "grow", "perspective": "financial", "text": TEXT},
                  {"id": "keep", "perspective": "customer", "text": TEXT}],
        "kpis": [{"id": "rev", "formula": "revenue", "goals": ["grow"], "owner": "head_of_sales", "target": 1000},
                 {"id": "gm", "formula": "gross_margin_rate", "goals": ["grow"], "owner": "director", "target": 0.3},
                 {"id": "churn", "formula": "churn_rate", "goals": ["keep"], "owner": "manager", "target": 0.4,
                  "parent": "rev"}],
    }
    data.update(changes)
    return K.kpi_tree(data)


def _values(tree, sales=None, as_of="2025-12-31", **kw):
    sales = _sales() if sales is None else sales
    return K.kpi_values(tree, _ds(sales), Facts(sales, as_of=as_of), **kw).set_index("kpi")


# --------------------------------------------------------------------------- the registry, by hand
def test_registry_entries_on_a_hand_computed_year():
    # 2025: a 200 + 100, c 400, d 10 → revenue 710; cost 150 + 50 + 250 + 5 = 455 → margin 255
    # orders: a 2, c 1, d 1 = 4 → average order 710 / 4 = 177.5; active clients 3
    # 2024 buyers {a, b}, of them a bought in 2025 → retention 1/2, churn 1/2
    # new (first order in 2025): c, d → 2; ABC by revenue: c 400 (before 0 → A), a 300 (before 4/7 → A),
    # d 10 (before 700/710 ≥ 0.95 → C) → A share 2/3
    sales = _sales()
    d = K.KpiData(_ds(sales), Facts(sales, as_of="2025-12-31"), 2025)
    got = {fid: K.KPI_REGISTRY[fid].compute(d) for fid in
           ("revenue", "gross_margin", "gross_margin_rate", "average_order", "active_clients",
            "client_retention", "churn_rate", "new_clients", "a_class_share")}
    assert got == pytest.approx({"revenue": 710, "gross_margin": 255, "gross_margin_rate": 255 / 710,
                                 "average_order": 177.5, "active_clients": 3, "client_retention": 0.5,
                                 "churn_rate": 0.5, "new_clients": 2, "a_class_share": 2 / 3})


def test_registry_entries_that_need_other_tables():
    sales = _sales().assign(product_id=["p1", "p1", "p1", "p2", "p2", "p1"], quantity=[1.0] * 6)
    products = pd.DataFrame({"product_id": ["p1", "p2"], "is_target": [True, False], "category": ["x", "y"],
                             "unit": ["l", "l"]})
    clients = pd.DataFrame({"client_id": list("abcd"), "wallet": [1000.0, 100.0, 1000.0, 100.0]})
    interactions = pd.DataFrame({"client_id": ["a", "a", "c", "b"], "kind": ["visit", "visit", "visit", "visit"],
                                 "date": pd.to_datetime(["2025-01-05", "2025-05-05", "2025-03-05", "2025-02-05"])})
    surveys = pd.DataFrame({"client_id": ["a", "a", "c"], "csat": [2.0, 4.0, 5.0],
                            "date": pd.to_datetime(["2025-01-10", "2025-09-10", "2025-04-10"])})
    ds = _ds(sales, products=products, clients=clients, interactions=interactions, surveys=surveys)
    d = K.KpiData(ds, Facts(sales, as_of="2025-12-31"), 2025)
    r = {fid: K.KPI_REGISTRY[fid].compute(d) for fid in
         ("quantity", "target_products_revenue", "target_products_share", "assortment", "share_of_wallet",
          "visits_per_client", "csat")}
    # 2025 lines: a p1 200, a p2 100, c p2 400, d p1 10 → quantity 4; target (p1) 210 → share 210/710
    # assortment: a {x, y} 2, c {y} 1, d {x} 1 → 4/3
    # wallet: a 300/1000, c 400/1000, d 10/100 (b has no 2025 sale but a wallet: 0/100) → 710/2200
    # visits of buyers: a 2, c 1 (b's visit does not count: no 2025 sale) → 3 / 3 buyers = 1
    # csat: latest per client in 2025: a 4, c 5 → 4.5
    assert r == pytest.approx({"quantity": 4, "target_products_revenue": 210, "target_products_share": 210 / 710,
                               "assortment": 4 / 3, "share_of_wallet": 710 / 2200, "visits_per_client": 1.0,
                               "csat": 4.5})


def test_registry_nps_participation_and_share_at_quota_by_hand():
    sales = _sales().assign(manager=["m1", "m9", "m1", "m1", "m2", "m2"])
    surveys = pd.DataFrame({
        "client_id": ["a", "a", "c", "d", "b", "e"],
        "date": pd.to_datetime(["2025-01-10", "2025-09-10", "2025-04-10", "2025-05-10", "2025-06-10", "2024-10-01"]),
        "nps": [3.0, 10.0, 9.0, 5.0, None, 0.0], "responded": [True, True, True, True, False, True]})
    loyalty = pd.DataFrame({"client_id": ["a", "c", "b"],
                            "joined": pd.to_datetime(["2024-06-01", "2025-11-01", "2023-01-01"]),
                            "left": pd.to_datetime([None, "2025-12-15", None])})
    targets = pd.DataFrame({"period": ["2025", "2025", "2025", "2025"], "kpi": ["revenue"] * 4,
                            "manager": ["m1", "m2", "m3", None], "target": [250.0, 500.0, 100.0, 9999.0]})
    ds = _ds(sales, surveys=surveys, targets=targets)
    ds.loyalty = loyalty
    d = K.KpiData(ds, Facts(sales, as_of="2025-12-31"), 2025)
    r = {fid: K.KPI_REGISTRY[fid].compute(d) for fid in ("nps", "loyalty_participation", "share_at_quota")}
    # NPS: latest 2025 answer per respondent: a 10 (promoter), c 9 (promoter), d 5 (detractor); b did not
    # answer, e answered in 2024 → 100 × (2 − 1) / 3
    # participation: 2025 buyers a, c, d; members on 31 Dec: a (c left on 15 Dec; b bought nothing) → 1/3
    # at quota: m1 300 / 250 ✔, m2 410 / 500 ✘, m3 0 / 100 ✘ (the company's row has no manager) → 1/3
    assert r == pytest.approx({"nps": 100 / 3, "loyalty_participation": 1 / 3, "share_at_quota": 1 / 3})
    # a half year: targets × 181/365 → m1 300 / 124.0 ✔, m2 410 / 247.9 ✔, m3 0 ✘ → 2/3
    half = K.KpiData(ds, Facts(sales, as_of="2025-06-30"), 2025)
    assert K.KPI_REGISTRY["share_at_quota"].compute(half) == pytest.approx(2 / 3)
    # a manager's own scope: only m1 → 1/1
    mine = K.KpiData(ds, Facts(sales, as_of="2025-12-31"), 2025, people=["m1"])
    assert K.KPI_REGISTRY["share_at_quota"].compute(mine) == pytest.approx(1.0)
    # without the tables: the values say what they need
    v = K.kpi_values(K.kpi_tree({"goals": [{"id": "g", "perspective": "customer", "text": TEXT}],
                                 "kpis": [{"id": f, "formula": f, "goals": ["g"]}
                                          for f in ("nps", "loyalty_participation", "share_at_quota")]}),
                     _ds(_sales()), Facts(_sales(), as_of="2025-12-31"), period=2025).set_index("kpi")
    assert v["needs"].to_dict() == {"nps": "surveys.nps", "loyalty_participation": "loyalty",
                                    "share_at_quota": "sales.manager|clients.manager,targets.manager"}
    # a team nobody of the staff table is in: every KPI needs the staff table
    none = K.kpi_values(_tree(), _ds(_sales()), Facts(_sales(), as_of="2025-12-31"), scope=("team", "nobody"))
    assert (none["status"] == "needs_data").all() and none["needs"].str.contains("staff").all()


def test_registry_is_one_line_per_entry_and_every_entry_has_a_name_and_a_valid_unit():
    from kbcore.i18n import catalogue
    for fid, f in K.KPI_REGISTRY.items():
        assert f.id == fid and f.unit in K.UNITS and f.direction in K.DIRECTIONS
        assert f"kpi_tree.formula.{fid}" in catalogue()


# --------------------------------------------------------------------------- values
def test_values_status_attainment_and_lower_is_better():
    v = _values(_tree())
    assert v.loc["rev", "actual"] == pytest.approx(710)
    assert v.loc["rev", "attainment"] == pytest.approx(0.71) and v.loc["rev", "status"] == "not_met"
    # churn 0.5 against 0.4, lower is better: 0.4 / 0.5 = 0.8
    assert v.loc["churn", "direction"] == "lower"
    assert v.loc["churn", "attainment"] == pytest.approx(0.8) and v.loc["churn", "status"] == "not_met"
    assert v.loc["gm", "status"] == "met"  # 255/710 = 0.359 ≥ 0.3


def test_partial_year_compares_flows_with_the_target_pro_rata():
    # up to 30 June: 181 of 365 days; all of 2025's 710 is before → 710 / (1000 × 181/365) = 1.4318
    v = _values(_tree(), as_of="2025-06-30")
    assert v.loc["rev", "target_to_date"] == pytest.approx(1000 * 181 / 365)
    assert v.loc["rev", "attainment"] == pytest.approx(710 / (1000 * 181 / 365))
    assert v.loc["gm", "target_to_date"] == pytest.approx(0.3)  # a share is not pro-rated


def test_sales_only_frame_needs_cost_for_the_margin():
    v = _values(_tree(), sales=_sales(cost=False))
    assert v.loc["gm", "status"] == "needs_data" and v.loc["gm", "needs"] == "sales.cost"
    assert math.isnan(v.loc["gm", "actual"]) and v.loc["rev", "status"] == "not_met"


def test_no_target_manual_kpi_and_a_year_without_sales():
    tree = _tree(kpis=[{"id": "rev", "formula": "revenue", "goals": ["grow"], "owner": "x"},
                       {"id": "m", "formula": "manual", "goals": ["keep"], "owner": "x", "target": 0.8,
                        "unit": "share", "label": TEXT},
                       {"id": "m2", "formula": "manual", "goals": ["keep"], "owner": "x", "target": 0.8,
                        "unit": "share", "label": TEXT, "actual": 0.9}])
    v = _values(tree)
    assert v.loc["rev", "status"] == "no_target"
    assert v.loc["m", "status"] == "needs_data" and v.loc["m", "needs"] == "manual"
    assert v.loc["m2", "status"] == "met" and v.loc["m2", "attainment"] == pytest.approx(0.9 / 0.8)
    empty = _values(tree, period=2030)
    assert empty.loc["rev", "status"] == "needs_data" and empty.loc["rev", "needs"] == "sales.period"


def test_scope_uses_the_team_sales_and_its_part_of_the_cascade():
    sales = _sales().assign(manager=["ivan", "ivan", "ivan", "ivan", "maria", "maria"])
    staff = pd.DataFrame({"person": ["ivan", "maria"], "team": ["north", "south"], "role": ["manager"] * 2})
    tree = _tree(cascade=[{"kpi": "rev", "by": "team", "to": "south", "target": 500}])
    v = K.kpi_values(tree, _ds(sales, staff=staff), Facts(sales, as_of="2025-12-31"),
                     scope=("team", "south")).set_index("kpi")
    # maria in 2025: c 400 + d 10 = 410 against 500
    assert v.loc["rev", "actual"] == pytest.approx(410) and v.loc["rev", "target"] == 500
    assert v.loc["gm", "status"] == "no_target"
    assert K.with_target(tree, "rev", 2000).kpi("rev").target == 2000


# --------------------------------------------------------------------------- checks
def test_check_tree_finds_every_kind():
    tree = _tree(goals=[{"id": "grow", "perspective": "financial", "text": TEXT},
                        {"id": "keep", "perspective": "customer", "text": TEXT},
                        {"id": "lonely", "perspective": "customer", "text": TEXT}],
                 kpis=[{"id": "rev", "formula": "revenue", "goals": ["grow"], "owner": "x", "target": 1000},
                       {"id": "nobody", "formula": "active_clients", "goals": ["keep"], "target": 3},
                       {"id": "free", "formula": "new_clients", "goals": ["keep"], "owner": "x"},
                       {"id": "orphan", "formula": "csat", "owner": "x", "target": 4}],
                 cascade=[{"kpi": "rev", "by": "team", "to": "north", "target": 600},
                          {"kpi": "rev", "by": "team", "to": "ghost", "target": 300}])
    staff = pd.DataFrame({"person": ["ivan"], "team": ["north"]})
    f = K.check_tree(tree, staff=staff)
    got = set(zip(f["id"], f["kind"], strict=True))
    assert {("lonely", "goal_unmeasured"), ("orphan", "kpi_no_goal"), ("nobody", "kpi_no_owner"),
            ("free", "kpi_no_target"), ("internal", "perspective_empty"), ("learning", "perspective_empty"),
            ("rev", "cascade_dangling"), ("rev", "cascade_sum")} == got
    assert set(f.loc[f["kind"] == "perspective_empty", "severity"]) == {"warning"}
    # 600 + 300 = 900 against 1000 → −10 %
    assert f.loc[f["kind"] == "cascade_sum", "detail"].iloc[0] == "team:-0.1000"


def test_check_tree_cycle_and_dangling_parent_and_needs_data():
    tree = K.KpiTree(title=None, year=2025, goals=(K.Goal("g", "financial", TEXT),),
                     kpis=(K.Kpi("a", "revenue", ("g",), "x", 1.0, parent="b"),
                           K.Kpi("b", "revenue", ("g",), "x", 1.0, parent="a"),
                           K.Kpi("c", "gross_margin", ("g",), "x", 1.0, parent="zz")))
    f = K.check_tree(tree)
    assert {("a", "cycle"), ("b", "cycle"), ("c", "parent_dangling")} <= set(zip(f["id"], f["kind"], strict=True))
    assert tree.frame()["depth"].isna().all()
    v = _values(_tree(), sales=_sales(cost=False)).reset_index()
    f = K.check_tree(_tree(), v)
    assert f.loc[f["kind"] == "needs_data", ["id", "detail"]].values.tolist() == [["gm", "sales.cost"]]


def test_a_clean_tree_has_no_errors():
    f = K.check_tree(_tree(goals=[{"id": "grow", "perspective": p, "text": TEXT} for p in ["financial"]]
                           + [{"id": p, "perspective": p, "text": TEXT} for p in K.PERSPECTIVES[1:]],
                           kpis=[{"id": p, "formula": "revenue", "goals": [p], "owner": "x", "target": 1}
                                 for p in ["grow", *K.PERSPECTIVES[1:]]]))
    assert f.empty


# --------------------------------------------------------------------------- the template
def test_packaged_tree_loads_as_an_example_and_the_table_gives_the_same_tree():
    tree = K.load_kpi_tree()
    assert tree.example and tree.year == 2025 and {g.perspective for g in tree.goals} == set(K.PERSPECTIVES)
    table = K.load_kpi_tree(K.TABLE_TEMPLATE)
    assert table.kpis == tree.kpis and table.goals == tree.goals and table.cascade == tree.cascade
    f = K.check_tree(tree)
    # the three gaps the example leaves in on purpose (the practicum's checks find them)
    errors = f.loc[f["severity"] == "error", ["id", "kind"]].apply(tuple, axis=1).tolist()
    assert sorted(errors) == [("loyalty_participation", "kpi_no_owner"), ("nps", "kpi_no_target"),
                              ("on_time_delivery", "goal_unmeasured")]


@pytest.mark.parametrize(("change", "problem", "key"), [
    ({"formula": "ebitda"}, "kpi_tree_formula", "kpis.rev.formula"),
    ({"goals": ["nope"]}, "kpi_tree_unknown_goal", "kpis.rev.goals"),
    ({"target": "много"}, "not_number", "kpis.rev.target"),
    ({"direction": "up"}, "kpi_tree_choice", "kpis.rev.direction"),
    ({"parent": "later"}, "kpi_tree_unknown_kpi", "kpis.rev.parent"),
])
def test_bad_kpi_is_a_template_error_naming_the_key(change, problem, key):
    kpis = [{"id": "rev", "formula": "revenue", "goals": ["grow"], "owner": "x", "target": 1} | change]
    with pytest.raises(TemplateError) as err:
        _tree(kpis=kpis)
    assert err.value.problem == problem and err.value.where == key
    assert isinstance(err.value, KBDataError)
    assert err.value.message("bg") and err.value.message("ru")


def test_a_share_target_above_one_and_a_missing_file(tmp_path):
    with pytest.raises(TemplateError) as err:
        _tree(kpis=[{"id": "gm", "formula": "gross_margin_rate", "goals": ["grow"], "target": 30}])
    assert err.value.problem == "out_of_range"
    with pytest.raises(TemplateError) as err:
        K.load_kpi_tree(tmp_path / "none.yaml")
    assert err.value.problem == "not_found"
    with pytest.raises(TemplateError):
        _tree(cascade=[{"kpi": "ghost", "by": "team", "to": "x", "target": 1}])


# --------------------------------------------------------------------------- competencies
def test_questionnaire_loads_scores_and_is_found_for_program_kpi():
    assert "kpi_competencies" in questionnaires(program="kpi")
    q = read_questionnaire("kpi_competencies")
    assert q.program == "kpi" and q.block == 10 and q.ours and len(q.questions) == 10
    answers = empty_answers(q).assign(answer=3.0)
    r = assess(q, answers)
    assert r.overall == pytest.approx(0.5)  # (3 − 1) / (5 − 1)
    assert r.answered == 10
    assert set(r.gaps["question_id"]) == {x.id for x in q.questions if (x.target or 0) > 3}
    ids = {x.id for x in q.questions}
    assert {c for k in K.load_kpi_tree().kpis for c in k.competencies} <= ids


def test_competency_matrix_on_a_small_case():
    q = read_questionnaire("kpi_competencies")
    tree = _tree(kpis=[{"id": "rev", "formula": "revenue", "goals": ["grow"], "owner": "x", "target": 1,
                        "competencies": ["achievement", "impact_influence"]},
                       {"id": "gm", "formula": "gross_margin_rate", "goals": ["grow"], "owner": "x",
                        "target": 0.3, "competencies": ["impact_influence", "made_up"]}])
    self_ = empty_answers(q).assign(answer=3.0)
    boss = empty_answers(q).assign(answer=4.0)
    boss.loc[boss["question_id"] == "achievement", "answer"] = 2.0
    ck = K.competency_kpi(tree, q, self_, boss)
    c = ck.competencies.set_index("competency")
    assert c.loc["achievement", "gap"] == 1.0 and c.loc["impact_influence", "gap"] == -1.0
    assert c.loc["achievement", "below"] and not c.loc["impact_influence", "below"]  # 2 < 4; 4 ≥ 4
    assert c.loc["impact_influence", "kpis"] == "rev,gm"
    assert ck.matrix.loc["achievement", "rev"] == 2.0 and math.isnan(ck.matrix.loc["achievement", "gm"])
    k = ck.kpis.set_index("kpi")
    assert k.loc["rev", "weakest"] == "achievement" and k.loc["rev", "below"] == 1
    assert k.loc["gm", "unknown"] == "made_up"
    # the self-rating instead: 3 everywhere → ties broken by the questionnaire's order
    k = K.competency_kpi(tree, q, self_, boss, rating="self").kpis.set_index("kpi")
    assert k.loc["rev", "weakest"] == "achievement" and k.loc["rev", "weakest_rating"] == 3.0
    with pytest.raises(ValueError):
        K.competency_kpi(tree, q, self_, boss, rating="best")


# --------------------------------------------------------------------------- views and charts
_LATIN = re.compile(r"[A-Za-z]{2,}")


def test_views_bg_have_no_english_word_and_bulgarian_numbers():
    tree = K.load_kpi_tree()
    sales = _sales()
    v = K.kpi_values(tree, _ds(sales), Facts(sales, as_of="2025-12-31"))
    table = V.tree_table(tree, v, "bg", currency="EUR")
    text = " ".join(table.astype(str).to_numpy().ravel()) + " ".join(table.columns)
    # the column names a file needs (in brackets) are the file's headers, written as they must be typed
    assert not _LATIN.search(re.sub(r"\([^()]*\)", "", text)), _LATIN.findall(text)
    assert "710\u00a0€" in text and "10\u00a0200\u00a0000\u00a0€" in text
    f = K.check_tree(tree, v)
    words = " ".join(V.findings_text(tree, f, "bg"))
    assert not _LATIN.search(re.sub(r"\([^()]*\)", "", words)) and "файлът с пазара" in words
    en = V.tree_table(tree, v, "en", currency="EUR")
    assert "€710" in " ".join(en.iloc[:, 3].astype(str)).replace(" ", "").replace("\u00a0", "")
    kf = key_figures_table(V.kpi_tree_figures(tree, v, f, "bg"), "bg")
    assert kf.iloc[0, 0].endswith("(пример)")


def test_cascade_table_shows_each_part_and_its_share_of_the_target():
    tree = _tree(cascade=[{"kpi": "rev", "by": "team", "to": "Юг", "target": 250},
                          {"kpi": "rev", "by": "team", "to": "Север", "target": 750},
                          {"kpi": "gm", "by": "role", "to": "manager", "target": 0.3}])
    table = V.cascade_table(tree, "en", currency="EUR")
    assert len(table) == 3 and table.columns.tolist() == ["KPI", "Goes to", "Target", "Share of the target"]
    # 250 / 1000 = 25 %, 750 / 1000 = 75 %; a share KPI (margin rate) has no share of its target
    assert table["Share of the target"].tolist() == ["25%", "75%", ""]
    assert table["Goes to"].tolist() == ["team: Юг", "team: Север", "role: manager"]


def test_competency_views_and_charts():
    q = read_questionnaire("kpi_competencies")
    tree = K.load_kpi_tree()
    ck = K.competency_kpi(tree, q, example_answers(q, 1), example_answers(q, 2))
    for lang in ("bg", "en"):
        assert len(V.competency_table(q, ck, tree, lang)) == 10
        assert V.matrix_table(q, ck, tree, lang).shape[0] == ck.matrix.shape[0]
        assert len(V.weakest_table(q, ck, tree, lang)) == len(ck.kpis)
    bg = " ".join(V.weakest_table(q, ck, tree, "bg").astype(str).to_numpy().ravel())
    assert not _LATIN.search(re.sub(r"\([^()]*\)", "", bg))  # "(NPS)" is the trade's own name
    ax = CH.plot_competency_heatmap(ck, q, tree, lang="bg")
    assert len([x for x in ax.texts if x.get_gid() == "cell"]) == int(ck.matrix.notna().sum().sum())
    ax = CH.plot_self_manager(ck, q, lang="en")
    assert len([p for p in ax.patches if p.get_gid() == "self"]) == 10
    plt.close("all")


def test_tree_chart_colours_kpis_by_status():
    tree = _tree()
    v = _values(tree).reset_index()
    ax = CH.plot_tree(tree, v, lang="en")
    boxes = {x.get_gid(): x for x in ax.texts if str(x.get_gid()).startswith("kpi:")}
    assert set(boxes) == {"kpi:rev", "kpi:gm", "kpi:churn"}
    from matplotlib.colors import to_hex
    assert to_hex(boxes["kpi:gm"].get_bbox_patch().get_facecolor()) == CH.STATUS_COLORS["met"]
    assert to_hex(boxes["kpi:rev"].get_bbox_patch().get_facecolor()) == CH.STATUS_COLORS["not_met"]
    plt.close("all")


def test_widget_edits_a_target_and_the_status_changes():
    from kbcore.widgets.kpi_tree import tree_explorer
    sales = _sales()
    box = tree_explorer(_tree(), _ds(sales), Facts(sales, as_of="2025-12-31"), lang="en")
    assert box.current.set_index("kpi").loc["rev", "status"] == "not_met"
    box.kpi.value = "rev"
    box.target.value = 700.0
    assert box.current.set_index("kpi").loc["rev", "status"] == "met"
    plt.close("all")


# --------------------------------------------------------------------------- the demo companies
def test_on_the_bulgarian_demo_company(demo_bg_dataset):
    ds = demo_bg_dataset
    tree = K.load_kpi_tree()
    v = K.kpi_values(tree, ds, Facts.of(ds), period=2025).set_index("kpi")
    computed = v.loc[v["formula"] != "manual"]
    assert (computed["status"] != "needs_data").all()
    assert v.loc["profile_met", "needs"] == "manual"
    assert v.loc["revenue", "actual"] > 9e6 and 0 < v.loc["market_share", "actual"] < 1
    team = K.kpi_values(tree, ds, Facts.of(ds), period=2025, scope=("team", "Ключови клиенти")).set_index("kpi")
    assert 0 < team.loc["revenue", "actual"] < v.loc["revenue", "actual"]


def test_on_the_russian_demo_company_and_a_sales_only_export(demo_dataset):
    ds = demo_dataset
    tree = K.load_kpi_tree()
    v = K.kpi_values(tree, ds, Facts.of(ds))
    assert set(v["status"]) <= set(K.STATUSES) and (v["status"] != "needs_data").any()
    only = ds.sales[["date", "client_id", "revenue"]]
    v = K.kpi_values(tree, _ds(only), Facts(only)).set_index("kpi")
    assert v.loc["revenue", "status"] in ("met", "not_met")
    assert "market" in v.loc["market_share", "needs"] and "sales.cost" in v.loc["gross_margin_rate", "needs"]
    assert set(v.attrs["missing"]) >= {"sales.cost", "market", "manual"}


def test_a_kpi_whose_table_has_nothing_in_the_year_names_that_table():
    """NPS in a year without a survey wave needs survey answers in that year, not sales."""
    from kbcore.analyses.kpi_tree import KPI_REGISTRY, _period_need
    from kbcore.views.kpi_tree import need_text

    assert _period_need(KPI_REGISTRY["nps"]) == "surveys.period"
    assert _period_need(KPI_REGISTRY["loyalty_participation"]) == "loyalty.period"
    assert _period_need(KPI_REGISTRY["gross_margin"]) == "sales.period"  # its table is the sales
    assert _period_need(KPI_REGISTRY["revenue"]) == "sales.period"  # needs nothing beyond the sales
    assert _period_need(None) == "sales.period"
    assert need_text("surveys.period", "bg").startswith("отговори на проучвания в избраната година")

"""Block 8 · the relationship stage of each key account (kbcore.analyses.ka_relationship)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import ka_relationship as kr
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.schema import C

AS_OF = "2025-12-31"


def _template(**over):
    """exploratory (nothing) < basic (tenure ≥ 1, contacts ≥ 1) < cooperative (contacts ≥ 3, share ≥ 0.3)."""
    data = {"stages": [
        {"id": "exploratory", "requires": {}},
        {"id": "basic", "requires": {"tenure_years": 1, "dmu_contacts": 1}},
        {"id": "cooperative", "requires": {"dmu_contacts": 3, "share_of_wallet": 0.3}},
    ]}
    data.update(over)
    return kr.relationship_template(data)


def _measures(**cols):
    base = {C.client_id: ["A", "B", "C", "D"],
            "tenure_years": [5.0, 5.0, 0.5, 5.0],
            "dmu_contacts": [4.0, 1.0, 4.0, np.nan],
            "share_of_wallet": [0.5, 0.5, 0.9, 0.5]}
    base.update(cols)
    return pd.DataFrame(base)


# --------------------------------------------------------------------------- stages
def test_stages_hand_computed():
    res = kr.relationship_stages(_measures(), _template())
    t = res.table.set_index(C.client_id)
    # A: basic met (5 ≥ 1, 4 ≥ 1), cooperative met (4 ≥ 3, 0.5 ≥ 0.3) → cooperative, the top
    assert t.loc["A", "stage"] == "cooperative" and pd.isna(t.loc["A", "next_stage"])
    assert t.loc["A", "held_back_by"] == ()
    # B: basic met; cooperative needs 3 contacts, has 1 → basic, held back by dmu_contacts
    assert t.loc["B", "stage"] == "basic" and t.loc["B", "held_back_by"] == ("dmu_contacts",)
    # C: tenure 0.5 < 1 → exploratory, although it meets cooperative's requirements (a ladder)
    assert t.loc["C", "stage"] == "exploratory" and t.loc["C", "held_back_by"] == ("tenure_years",)
    # D: contacts unknown → not met, listed as missing
    assert t.loc["D", "stage"] == "exploratory" and t.loc["D", "missing"] == ("dmu_contacts",)
    assert t.loc["D", "held_back_by"] == ("dmu_contacts",)
    assert list(res.counts["total"]) == [2, 1, 1]
    assert (t["source"] == "estimated").all()
    # sorted by stage, highest first
    assert list(res.table[C.client_id]) == ["A", "B", "C", "D"]


def test_evidence_rows_are_the_next_stage_requirements():
    res = kr.relationship_stages(_measures(), _template())
    ev = res.evidence
    b = ev.loc[ev[C.client_id] == "B"]
    assert list(b["measure"]) == ["dmu_contacts", "share_of_wallet"]
    assert list(b["met"]) == [False, True] and set(b["next_stage"]) == {"cooperative"}
    d = ev.loc[ev[C.client_id] == "D"].set_index("measure")
    assert not d.loc["dmu_contacts", "known"] and not d.loc["dmu_contacts", "met"]
    assert "A" not in set(ev[C.client_id])  # at the top: nothing to reach


def test_manual_stage_wins_and_is_marked():
    manual = pd.DataFrame({C.client_id: ["B", "Z"], "stage": ["Cooperative", "basic"]})
    res = kr.relationship_stages(_measures(), _template(), manual=manual)
    t = res.table.set_index(C.client_id)
    assert t.loc["B", "stage"] == "cooperative" and t.loc["B", "source"] == "manual"
    assert t.loc["B", "estimated_stage"] == "basic"
    assert res.manual_ignored == ["Z"]
    assert list(res.counts["manual"]) == [0, 0, 1] and list(res.counts["total"]) == [2, 0, 2]
    with pytest.raises(KBDataError) as err:
        kr.relationship_stages(_measures(), _template(),
                               manual=pd.DataFrame({C.client_id: ["A"], "stage": ["friends"]}))
    assert err.value.key == "template.scores_unknown" and err.value.fields["values"] == "friends"
    assert err.value.message("ru").startswith("Стадии отношений, заданные вручную: «friends» — не из тех")
    with pytest.raises(KBDataError) as err:
        kr.relationship_stages(_measures(), _template(),
                               manual=pd.DataFrame({C.client_id: ["A", "A"], "stage": ["basic"] * 2}))
    assert err.value.key == "template.scores_twice" and err.value.examples == ["A · basic"] * 2


def test_one_account_and_no_accounts():
    one = kr.relationship_stages(_measures().head(1), _template())
    assert list(one.table["stage"]) == ["cooperative"]
    none = kr.relationship_stages(_measures().head(0), _template())
    assert none.table.empty and list(none.counts["total"]) == [0, 0, 0] and none.missing == []


# --------------------------------------------------------------------------- template
def test_default_template_loads():
    tpl = kr.load_relationship_template()
    assert tpl.ids == kr.STAGES_MW
    assert tpl.stages[0].requires == {}
    assert set(tpl.measures) <= set(kr.MEASURES)


@pytest.mark.parametrize("data, problem, where", [
    ({"stages": [{"id": "exploratory"}]}, "too_few", "stages"),
    ({"stages": "exploratory"}, "wrong_shape", "stages"),
    ({}, "missing_key", "stages"),
    ({"stages": [{"id": "exploratory"}, {"id": "friends"}]}, "unknown_stage", "stages[1].id"),
    ({"stages": [{"id": "exploratory"}, {"id": "exploratory"}]}, "duplicate_id", "stages[1].id"),
    ({"stages": [{"id": "exploratory", "requires": {"tenure_years": 1}}, {"id": "basic"}]}, "first_stage",
     "stages[0].requires"),
    ({"stages": [{"id": "exploratory"}, {"id": "basic", "requires": {"love": 1}}]}, "unknown_measure",
     "stages[1].requires"),
    ({"stages": [{"id": "exploratory"}, {"id": "basic", "requires": {"tenure_years": -1}}]}, "negative",
     "stages[1].requires.tenure_years"),
    ({"stages": [{"id": "exploratory"}, {"id": "basic", "requires": {"tenure_years": "x"}}]}, "not_number",
     "stages[1].requires.tenure_years"),
    ({"stages": [{"id": "pre_kam"}, {"id": "basic"}]}, "mixed_stages", "stages"),
    ({"stages": [], "extra": 1}, "unknown_key", None),
])
def test_template_errors_name_the_key(data, problem, where):
    with pytest.raises(KBDataError) as err:
        kr.relationship_template(data, file="x.yaml")
    assert isinstance(err.value, ValueError)
    assert (err.value.key, err.value.where, err.value.file) == (f"template.{problem}", where, "x.yaml")
    assert "Что сделать: " in err.value.message("ru")


def test_a_negative_requirement_in_russian():
    data = {"stages": [{"id": "exploratory"}, {"id": "basic", "requires": {"dmu_roles": -2}}]}
    with pytest.raises(KBDataError) as err:
        kr.relationship_template(data, file="ka_relationship.yaml")
    assert err.value.message("ru").splitlines() == [
        "Шаблон стадий отношений с ключевыми клиентами: -2 — отрицательное число.",
        "Файл: ka_relationship.yaml",
        "Ключ: stages[1].requires.dmu_roles (требование стадии)",
        "Что сделать: Впишите число не меньше 0."]


def test_template_file_errors(tmp_path):
    with pytest.raises(KBDataError) as err:
        kr.load_relationship_template(tmp_path / "none.yaml")
    assert err.value.key == "template.not_found"
    bad = tmp_path / "bad.yaml"
    bad.write_text("stages: [\n  - id", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        kr.load_relationship_template(bad)
    assert err.value.key == "template.not_yaml" and "data/templates/ka_relationship.yaml" in str(err.value)
    mmr = tmp_path / "mmr.yaml"
    mmr.write_text("stages:\n  - id: pre_kam\n  - id: early\n    requires: {tenure_years: 1}\n",
                   encoding="utf-8")
    assert kr.load_relationship_template(mmr).ids == ("pre_kam", "early")


# --------------------------------------------------------------------------- measures
def _facts():
    # K1 first bought 2023-01-01 (tenure (2025-12-31 − 2023-01-01) = 1095 days / 365.25 = 2.998),
    # 2025 revenue 300; K2 first bought 2025-07-01 (183 days → 0.501 years), revenue 100
    rows = [("2023-01-01", "K1", 50.0, "P1"), ("2025-02-01", "K1", 300.0, "P2"),
            ("2025-07-01", "K2", 100.0, "P1"), ("2025-08-01", "X", 10.0, "P1")]
    df = pd.DataFrame(rows, columns=[C.date, C.client_id, C.revenue, C.product_id])
    df[C.date] = pd.to_datetime(df[C.date])
    return Facts(df, as_of=AS_OF)


def _clients():
    return pd.DataFrame({C.client_id: ["K1", "K2", "X"], C.key_account: [True, True, False],
                         C.potential: [1000.0, np.nan, 50.0]})


def test_measures_hand_computed():
    products = pd.DataFrame({C.product_id: ["P1", "P2"], C.category: ["Bolts", "Paint"]})
    contacts = pd.DataFrame({C.client_id: ["K1", "K1"], C.contact_id: ["c1", "c2"],
                             C.buying_role: ["ЛПР", "закупщик / пользователь"],
                             C.level: ["director", "specialist"]})
    inter = pd.DataFrame({C.client_id: ["K1", "K1", "K1", "K2"],
                          C.date: pd.to_datetime(["2025-03-01", "2025-06-01", "2024-06-01", "2025-09-01"])})
    m = kr.relationship_measures(_facts(), _clients(), contacts=contacts, interactions=inter,
                                 products=products).set_index(C.client_id)
    assert list(m.index) == ["K1", "K2"]  # the flagged key accounts only
    assert m.loc["K1", "tenure_years"] == pytest.approx(1095 / 365.25)
    assert m.loc["K2", "tenure_years"] == pytest.approx(183 / 365.25)
    assert m.loc["K1", "categories"] == 2 and m.loc["K2", "categories"] == 1
    assert m.loc["K1", "share_of_wallet"] == pytest.approx(0.3)  # 300 / 1000
    assert math.isnan(m.loc["K2", "share_of_wallet"])  # potential unknown
    # K1: 2 people; roles decider, buyer, user = 3; highest level director = 3
    assert (m.loc["K1", "dmu_contacts"], m.loc["K1", "dmu_roles"], m.loc["K1", "contact_level"]) == (2, 3, 3)
    # K2: no contact → 0 people, 0 roles, level 0 (not unknown: we know nobody)
    assert (m.loc["K2", "dmu_contacts"], m.loc["K2", "dmu_roles"], m.loc["K2", "contact_level"]) == (0, 0, 0)
    # interactions in 2025: K1 2, K2 1 (a year of 365 days)
    assert (m.loc["K1", "interactions_per_year"], m.loc["K2", "interactions_per_year"]) == (2, 1)
    assert m.attrs["absent"] == []


def test_measures_sales_only():
    m = kr.relationship_measures(_facts(), None, ["K1"])
    assert m["tenure_years"].notna().all()
    for col in ("categories", "dmu_contacts", "dmu_roles", "contact_level", "interactions_per_year",
                "share_of_wallet"):
        assert m[col].isna().all(), col
    assert {"clients.potential", "contacts", "interactions", "categories"} <= set(m.attrs["absent"])
    res = kr.relationship_stages(m, kr.load_relationship_template())
    assert list(res.table["stage"]) == ["exploratory"]  # evidence missing → not met
    assert "dmu_contacts" in res.table["missing"].iloc[0]
    none = kr.ka_relationship(_facts(), None)  # no flag at all
    assert none.table.empty and "key_accounts" in none.absent


def test_demo_invariants(demo_dataset):
    ds = demo_dataset
    res = kr.ka_relationship(Facts.of(ds), ds.clients, contacts=ds.contacts,
                             interactions=ds.interactions, products=ds.products)
    kas = set(ds.clients.loc[ds.clients[C.key_account].fillna(False).astype(bool), C.client_id])
    assert set(res.table[C.client_id]) == kas
    assert res.counts["total"].sum() == len(kas)
    assert set(res.table["stage"]) <= set(kr.STAGES_MW)
    top = res.table["next_stage"].isna()
    assert (res.table.loc[~top, "held_back"] >= 1).all()  # below the top something holds it back
    assert res.table["stage_rank"].is_monotonic_decreasing

"""Program 004's client table for the CRM: each topic's part, the join, the words, the files."""

import csv

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kbcore.analyses.kpi_crm import (
    IDENTITY,
    KPI_CRM_PARTS,
    abc_part,
    first_rows,
    kpi_crm_table,
    market_part,
    sales_part,
    share_part,
    value_part,
)
from kbcore.app import runner
from kbcore.app.crm import KPI_CRM_BASENAME, update_kpi_crm
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views.kpi_crm import crm_note, kpi_crm_headers, kpi_crm_texts, topics_text

CARDS = pd.DataFrame({C.client_id: ["K1", "K2", "K3"], C.name: ["=HYPERLINK(\"x\")", "Бета ООД", "Гама АД"],
                      C.manager: ["Иван", "Мария", None], C.region: ["Варна", "София", "Бургас"]})


def _potentials():
    # untapped = max(potential − our sales, 0): K1 1000 − 400 = 600; K2 500 − 700 → 0; K3 no potential
    return pd.DataFrame({C.client_id: ["K1", "K2", "K3"], C.region: ["Варна", "София", None],
                         "potential": [1000.0, 500.0, np.nan], "untapped": [600.0, 0.0, np.nan]})


def test_market_part_takes_the_territory_flag_of_the_clients_region():
    shares = pd.DataFrame({C.region: ["Варна", "София"], "white_spot": [True, False]})
    part = market_part(_potentials(), shares)
    assert list(part.columns) == [C.client_id, *KPI_CRM_PARTS["kpi01"]]
    assert part["untapped_potential"].tolist()[:2] == [600.0, 0.0] and np.isnan(part["untapped_potential"][2])
    assert part["white_spot"].tolist()[:2] == [True, False] and pd.isna(part["white_spot"][2])  # no region
    no_shares = market_part(_potentials())
    assert no_shares["white_spot"].isna().all()  # without the territories' flags: unknown, not "no"


def test_abc_part_and_value_part_assemble_what_the_topics_computed():
    classes = pd.DataFrame({C.client_id: ["K2", "K1"], "combination": ["A-A-C", None],
                            "strategy": ["grow_share", None]})
    part = abc_part(classes)
    assert part[C.client_id].tolist() == ["K2", "K1"] and part["abc3"].tolist()[0] == "A-A-C"
    assert pd.isna(part["abc3_strategy"][1])
    value_map = pd.DataFrame({C.client_id: ["K1", "K2"], "weighted_value": [100.0, 20.0],
                              "action": ["develop", "reduce_cost"]})
    clv_table = pd.DataFrame({C.client_id: ["K1", "K3"], "p_alive": [0.9, 0.2], "clv": [350.0, 5.0]})
    trend = pd.DataFrame({C.client_id: ["K1", "K2"], "trend": ["falling", "stable"]})
    both = value_part(value_map, clv_table, trend).set_index(C.client_id)
    assert both.loc["K1", "value_trend"] == "falling" and pd.isna(both.loc["K3", "value_trend"])
    assert kpi_crm_texts(both.reset_index(), "bg").set_index(C.client_id).loc["K1", "value_trend"] == "↓ спада"
    assert both.loc["K1", "clv"] == 350.0 and both.loc["K3", "p_alive"] == 0.2  # K3: a model, no map
    assert pd.isna(both.loc["K2", "clv"]) and pd.isna(both.loc["K3", "weighted_value"])
    assert value_part(value_map, None)["clv"].isna().all()  # no model fitted: empty, not zero


def test_sales_part_completion_is_revenue_over_the_target_to_date():
    # K1: 900 / 1000 = 0.9; K2: target 0 → no completion; K3 only in the change table
    drill = pd.DataFrame({"item": ["K1", "K2"], "revenue": [900.0, 50.0],
                          "revenue_target_to_date": [1000.0, 0.0]})
    change = pd.DataFrame({C.client_id: ["K1", "K3"], "change": [-100.0, 40.0], "volume": [-150.0, 40.0],
                           "price": [50.0, 0.0]})
    part = sales_part(drill, change).set_index(C.client_id)
    assert part.loc["K1", "revenue_target_completion"] == pytest.approx(0.9)
    assert pd.isna(part.loc["K2", "revenue_target_completion"]) and pd.isna(part.loc["K2", "revenue_change"])
    assert part.loc["K3", "volume_effect"] == 40.0 and part.loc["K1", "price_effect"] == 50.0
    assert len(sales_part(None, None)) == 0


def test_share_part_takes_the_growth_plans_target_where_it_has_one():
    shares = pd.DataFrame({C.client_id: ["K1", "K2"], "share": [0.25, 0.6], "basis": ["wallet", "potential"]})
    plan = pd.DataFrame({C.client_id: ["K1"], "target": [0.4], "headroom": [150.0]})
    part = share_part(shares, plan).set_index(C.client_id)
    assert part.loc["K1", "share_headroom"] == 150.0 and pd.isna(part.loc["K2", "share_target"])


def test_the_table_joins_the_parts_in_the_topics_order_with_the_cards():
    parts = {"kpi05": share_part(pd.DataFrame({C.client_id: ["K3"], "share": [0.1], "basis": ["wallet"]})),
             "kpi02": abc_part(pd.DataFrame({C.client_id: ["K2", "K1"], "combination": ["A-A-C", "C-C-C"],
                                             "strategy": ["grow_share", "serve_efficiently"]}))}
    table = kpi_crm_table(parts, CARDS)
    assert list(table.columns) == [*IDENTITY, *KPI_CRM_PARTS["kpi02"], *KPI_CRM_PARTS["kpi05"]]
    assert table[C.client_id].tolist() == ["K1", "K2", "K3"]  # every client named by a part, sorted
    assert table.attrs["topics"] == ["kpi02", "kpi05"]
    assert table.set_index(C.client_id).loc["K2", C.name] == "Бета ООД"
    assert pd.isna(table.set_index(C.client_id).loc["K3", "abc3"])
    with pytest.raises(ValueError, match="kpi99"):
        kpi_crm_table({"kpi99": parts["kpi02"]})
    # the preview puts the large clients of large potential and small share first for topic 2
    assert first_rows(table, "kpi02", 3)[C.client_id].tolist() == ["K2", "K1", "K3"]  # A-A-C, C-C-C, none
    combos = pd.DataFrame({C.client_id: ["a", "b", "c", "d"], "abc3": ["A-A-A", "B-A-C", "A-A-C", "A-B-C"]})
    assert first_rows(combos, "kpi02", 4)["abc3"].tolist() == ["A-A-C", "A-A-A", "A-B-C", "B-A-C"]


def test_texts_put_the_ids_in_bulgarian_words():
    table = kpi_crm_table({"kpi01": market_part(_potentials(), pd.DataFrame(
        {C.region: ["Варна", "София"], "white_spot": [True, False]})),
        "kpi02": abc_part(pd.DataFrame({C.client_id: ["K1"], "combination": ["A-A-C"],
                                        "strategy": ["grow_share"]}))}, CARDS)
    words = kpi_crm_texts(table, "bg").set_index(C.client_id)
    assert words.loc["K1", "abc3_strategy"] == t("abc_three.strategy.grow_share", "bg") == "Ръст на дела в клиента"
    assert words.loc["K1", "white_spot"] == "да" and words.loc["K2", "white_spot"] == "не"
    assert words.loc["K3", "white_spot"] == ""  # unknown stays empty
    headers = kpi_crm_headers(table, "bg")
    assert headers["untapped_potential"] == "Неизползван потенциал годишно" and headers[C.client_id] != C.client_id
    assert topics_text(["kpi01", "kpi02"], "bg") == "тема 1 (пазарен потенциал) и тема 2 (ABC по три параметъра)"


def test_update_writes_the_table_topic_by_topic_and_leaves_out_parts_of_other_data(tmp_path):
    folder = tmp_path / "crm"
    shares = pd.DataFrame({C.region: ["Варна", "София"], "white_spot": [True, False]})
    first = update_kpi_crm(market_part(_potentials(), shares), folder, topic="kpi01", clients=CARDS,
                           source="export.csv", lang="bg")
    assert [f.name for f in first.files] == [f"{KPI_CRM_BASENAME}.csv", f"{KPI_CRM_BASENAME}.xlsx"]
    assert first.table.attrs["topics"] == ["kpi01"] and first.stale == []
    classes = pd.DataFrame({C.client_id: ["K1"], "combination": ["A-A-C"], "strategy": ["grow_share"]})
    second = update_kpi_crm(abc_part(classes), folder, topic="kpi02", clients=CARDS, source="export.csv",
                            lang="bg")
    assert second.table.attrs["topics"] == ["kpi01", "kpi02"]
    with (folder / f"{KPI_CRM_BASENAME}.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == [*IDENTITY, *KPI_CRM_PARTS["kpi01"], *KPI_CRM_PARTS["kpi02"]]  # canonical headers
    k1 = dict(zip(rows[0], rows[1], strict=True))
    assert k1[C.name] == "'=HYPERLINK(\"x\")"  # a formula in a client's name is neutralised
    assert k1["untapped_potential"] == "600,00" and k1["abc3_strategy"] == "Ръст на дела в клиента"
    sheet = openpyxl.load_workbook(folder / f"{KPI_CRM_BASENAME}.xlsx").active
    assert sheet.cell(1, 5).value == "Потенциал годишно" and sheet.cell(2, 2).data_type == "s"
    # a part of topic 2 computed on the demo company is left out of a table of the export, and named
    again = update_kpi_crm(abc_part(classes), folder, topic="kpi02", clients=CARDS, source=None, lang="en")
    assert again.table.attrs["topics"] == ["kpi02"] and again.stale == ["kpi01"]
    note = crm_note(again, "en")
    assert "topic 1 (market potential)" in note and "kpi_clients" not in note and str(tmp_path) not in note
    with pytest.raises(ValueError, match="kpi42"):
        update_kpi_crm(abc_part(classes), folder, topic="kpi42")


def test_the_run_expects_program_004s_table_and_clears_an_earlier_one(tmp_path):
    folder = tmp_path / "crm"
    files, error = runner.collect_crm(folder, [], "en", programs=["kpi"])
    assert files == [] and error == t("run.crm.not_run.kpi", "en")
    files, error = runner.collect_crm(folder, ["kpi/02_abc_analysis"], "en", programs=["kpi"])
    assert error.startswith("kpi/02_abc_analysis did not write it")
    folder.mkdir()
    for suffix in (".csv", ".xlsx"):
        (folder / f"{KPI_CRM_BASENAME}{suffix}").write_bytes(b"x")
    files, error = runner.collect_crm(folder, ["kpi/02_abc_analysis"], "en", programs=["kpi"])
    assert error is None and [f.name for f in files] == ["kpi_clients_for_crm.csv", "kpi_clients_for_crm.xlsx"]
    # both programs: each table is expected; the one missing is named
    files, error = runner.collect_crm(folder, ["kpi/02_abc_analysis"], "en", programs=["kb", "kpi"])
    assert len(files) == 2 and error == t("run.crm.not_run", "en")
    (folder / "parts").mkdir()
    (folder / "parts" / "kpi01.parquet").write_bytes(b"x")
    (folder / "clients_for_crm.csv").write_bytes(b"x")
    runner._clear_crm(folder, {"kpi"})
    assert not (folder / f"{KPI_CRM_BASENAME}.csv").exists() and not (folder / "parts" / "kpi01.parquet").exists()
    assert (folder / "clients_for_crm.csv").exists()  # program 000's table is not this run's to clear

"""The key-account columns of the CRM table: strategy of the matrix, DMU gaps, next DMU step."""

import pandas as pd

from kbcore.analyses.crm import KA_COLUMNS, crm_key_accounts, crm_table, key_account_columns
from kbcore.analyses.dmu import GAPS
from kbcore.app.crm import CRM_COLUMNS, crm_from_dataset
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.crm import crm_headers, crm_texts


def _ids(*values):
    return pd.array(list(values), dtype="string")


def _coverage():
    # K1: no decider and single-threaded; K2: every gap false; K3: flags not recorded (NA)
    flags = {g: [False, False, pd.NA] for g in GAPS}
    flags["no_decider"] = [True, False, pd.NA]
    flags["single_threaded"] = [True, False, pd.NA]
    return pd.DataFrame({"client_id": _ids("K1", "K2", "K3"),
                         **{g: pd.array(v, dtype="boolean") for g, v in flags.items()}})


def test_key_account_columns_by_hand():
    portfolio = pd.DataFrame({"client_id": _ids("K1", "C9", "K2"),
                              "quadrant": ["invest_for_growth", "maintain", pd.NA]})
    nxt = pd.DataFrame({"client_id": _ids("K1", "K2"), "action": ["meet_decider", pd.NA]})
    out = key_account_columns(["K1", "K2", "K3"], portfolio=portfolio, coverage=_coverage(),
                              next_action=nxt).set_index("client_id")
    assert list(out.columns) == KA_COLUMNS
    assert out.index.tolist() == ["C9", "K1", "K2", "K3"]  # every client named by an input, sorted
    assert out["key_account"].tolist() == [False, True, True, True]
    assert out.loc["K1", "ka_strategy"] == "invest_for_growth" and out.loc["C9", "ka_strategy"] == "maintain"
    assert pd.isna(out.loc["K2", "ka_strategy"])  # not scored stays unknown
    assert out.loc["K1", "dmu_gaps"] == "no_decider,single_threaded"  # in GAPS order
    assert out.loc["K2", "dmu_gaps"] == ""  # known: no gap
    assert pd.isna(out.loc["K3", "dmu_gaps"]) and pd.isna(out.loc["C9", "dmu_gaps"])  # unknown
    assert out.loc["K1", "dmu_next_action"] == "meet_decider" and pd.isna(out.loc["K2", "dmu_next_action"])


def test_without_a_key_account_flag_the_flag_is_unknown_not_false():
    portfolio = pd.DataFrame({"client_id": _ids("A", "B"), "quadrant": ["maintain", "manage_for_cash"]})
    out = key_account_columns(None, portfolio=portfolio)
    assert out["key_account"].isna().all() and out["dmu_gaps"].isna().all()
    assert out["ka_strategy"].tolist() == ["maintain", "manage_for_cash"]
    empty = key_account_columns(None)
    assert list(empty.columns) == ["client_id", *KA_COLUMNS] and empty.empty


def _facts():
    sales = pd.DataFrame({"client_id": _ids("K1", "C9", "C8"),
                          "date": pd.to_datetime(["2025-12-01", "2025-11-01", "2025-10-01"]),
                          "revenue": [10.0, 30.0, 20.0]})
    rfm = pd.DataFrame({"client_id": _ids("K1", "C9", "C8"), "rfm_segment": ["champions", "lost", "new"],
                        "monetary": [10.0, 30.0, 20.0],
                        "last_date": pd.to_datetime(["2025-12-01", "2025-11-01", "2025-10-01"])})
    return Facts(sales), rfm


def test_crm_table_carries_the_columns_and_words_them():
    facts, rfm = _facts()
    ka = key_account_columns(["K1"], coverage=_coverage().iloc[:1],
                             portfolio=pd.DataFrame({"client_id": _ids("K1"), "quadrant": ["invest_for_growth"]}),
                             next_action=pd.DataFrame({"client_id": _ids("K1"), "action": ["meet_decider"]}))
    table = crm_table(facts, None, abc=None, xyz=None, rfm=rfm, stages=None, key_accounts=ka)
    assert list(table.columns) == CRM_COLUMNS
    row = table.set_index("client_id")
    # a client the key-account result does not name is not a key account when the flag is known
    assert row["key_account"].tolist() == [False, False, True]
    words = crm_texts(table, "ru").set_index("client_id")
    assert words.loc["K1", "key_account"] == "да" and words.loc["C9", "key_account"] == "нет"
    assert words.loc["K1", "ka_strategy"] == "Инвестировать в рост"  # block 7's name of the quadrant
    assert words.loc["K1", "dmu_gaps"] == "; ".join(
        [t("dmu.gap.no_decider", "ru"), t("dmu.gap.single_threaded", "ru")])  # block 10's words
    assert "ЛПР" in words.loc["K1", "dmu_gaps"] and "ЛПР" in words.loc["K1", "dmu_next_action"]
    assert words.loc["K1", "dmu_next_action"] == t("dmu.action.meet_decider", "ru")
    assert words.loc["C9", "dmu_gaps"] == "" and words.loc["C9", "ka_strategy"] == ""
    heads = crm_headers(table, "ru")
    assert heads["dmu_gaps"] == "Пробелы в центре принятия решений" and "_" not in heads["ka_strategy"]


def test_a_trainers_own_strategy_id_is_written_as_it_is():
    facts, rfm = _facts()
    ka = key_account_columns(["K1"], portfolio=pd.DataFrame({"client_id": _ids("K1"), "quadrant": ["grow_fast"]}))
    table = crm_table(facts, None, abc=None, xyz=None, rfm=rfm, stages=None, key_accounts=ka)
    assert crm_texts(table, "ru").set_index("client_id").loc["K1", "ka_strategy"] == "grow fast"


def test_no_key_account_result_leaves_the_columns_empty():
    facts, rfm = _facts()
    table = crm_table(facts, None, abc=None, xyz=None, rfm=rfm, stages=None)
    assert table[KA_COLUMNS].isna().all().all()
    assert (crm_texts(table, "en")[KA_COLUMNS] == "").all().all()


def test_demo_company_key_accounts_in_the_crm_table(demo_dataset):
    facts = Facts.of(demo_dataset)
    ka = crm_key_accounts(facts, demo_dataset.clients, contacts=demo_dataset.contacts,
                          interactions=demo_dataset.interactions, surveys=demo_dataset.surveys,
                          products=demo_dataset.products)
    flagged = demo_dataset.clients.loc[demo_dataset.clients["key_account"].fillna(False).astype(bool),
                                       "client_id"].astype(str)
    kas = ka.loc[ka["key_account"].fillna(False).astype(bool)]
    assert set(kas["client_id"]) == set(flagged)
    # the DMU columns are known for the key accounts only; a key account without a gap has no action
    assert kas["dmu_gaps"].notna().all() and ka.loc[~ka["key_account"].astype(bool), "dmu_gaps"].isna().all()
    assert (kas["dmu_gaps"].eq("") == kas["dmu_next_action"].isna()).all()
    table = crm_from_dataset(demo_dataset, lang="ru")
    assert list(table.columns) == CRM_COLUMNS
    assert table["key_account"].eq("да").sum() == len(flagged)


def test_sales_only_company_has_no_key_account_answers():
    sales = pd.DataFrame({"client_id": _ids("A", "B"), "date": pd.to_datetime(["2025-01-05", "2025-02-07"]),
                          "revenue": [100.0, 50.0]})
    ka = crm_key_accounts(Facts(sales), None)
    assert ka["key_account"].isna().all() and ka["dmu_gaps"].isna().all()

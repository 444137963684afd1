"""Block 6's exercise views: the KSF what-if, the money by activity, the ABC summary headed by its measure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_ksf import _table

from kbcore.analyses import ksf
from kbcore.analyses.ksf import with_scores
from kbcore.analyses.money_zones import money_zones
from kbcore.analyses.segmentation import abc, abc_summary
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.schema import C
from kbcore.views.display import styled
from kbcore.views.money_zones import activity_table
from kbcore.views.segmentation import abc_view
from kbcore.workbook.answers import block06, option_number


def _ksf_table():
    return ksf.validate_ksf(_table())  # the three-factor table of tests/test_ksf.py


def test_with_scores_changes_one_factor_and_the_leader():
    table = _ksf_table()
    table.attrs["example"] = True
    before = ksf.ksf_scores(table).totals.set_index("player")["weighted_score"]
    assert before.idxmax() == "competitor_1"  # 0.5*5 + 0.3*4 + 0.2*2 = 4.1 against our 3.7
    after_table = with_scores(table, "Price", us=4)
    after = ksf.ksf_scores(after_table)
    assert after.totals.set_index("player")["weighted_score"].to_dict() == pytest.approx(
        {"us": 4.2, "competitor_1": 4.1, "competitor_2": 3.5})
    assert after.totals["player"].iloc[0] == "us"
    assert after.example  # a what-if on the example is still the example
    assert table.loc[table["factor"] == "Price", "us"].item() == 3.0  # the original is untouched
    # the Russian name of the factor works too, and several players at once
    both = with_scores(table, "Цена", us=5, competitor_2=1).set_index("factor")
    assert (both.loc["Price", "us"], both.loc["Price", "competitor_2"]) == (5.0, 1.0)


def test_with_scores_refuses_what_is_not_in_the_table():
    table = _ksf_table()
    with pytest.raises(KeyError, match="Discount"):
        with_scores(table, "Discount", us=4)
    with pytest.raises(KeyError, match="competitor_9"):
        with_scores(table, "Price", competitor_9=4)
    with pytest.raises(KBDataError):
        with_scores(table, "Price", us=7)  # outside the scale 1–5


@pytest.fixture
def zones():
    """A and B bought in the window (active), C did not; B's potential is unknown (imputed)."""
    sales = pd.DataFrame({
        C.client_id: pd.array(["A", "B", "C"], dtype="string"),
        C.date: pd.to_datetime(["2024-06-01", "2024-12-31", "2023-06-30"]),
        C.revenue: [300.0, 100.0, 700.0],
    })
    clients = pd.DataFrame({
        C.client_id: pd.array(["A", "B", "C"], dtype="string"),
        C.segment: pd.array(["S", "S", "S"], dtype="string"),
        C.region: pd.array(["R", "R", "R"], dtype="string"),
        C.potential: [1000.0, np.nan, 3000.0],
    })
    return money_zones(Facts(sales), clients, None, as_of=pd.Timestamp("2024-12-31"))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_activity_table_splits_the_money_by_activity(zones, lang):
    out = activity_table(zones, lang)
    assert list(out.columns) == ["activity", "clients", "money_in_hand", "money_on_table"]
    assert out["clients"].tolist() == [2, 1]
    assert out["money_in_hand"].tolist() == [400.0, 0.0]
    # A: 1 000 − 300; B: the median potential of S (2 000) − 100; C: 3 000 − 0
    assert out["money_on_table"].tolist() == [2600.0, 3000.0]
    assert ("Активные" if lang == "ru" else "Active") in out["activity"].iloc[0]
    assert "2024" in out["activity"].iloc[0] and "2024" in out["activity"].iloc[1]
    assert "Деньги на столе" in styled(out, "ru").to_html()


def test_activity_table_without_potential_says_unknown(zones):
    no_potential = money_zones(Facts(pd.DataFrame({
        C.client_id: pd.array(["A"], dtype="string"), C.date: pd.to_datetime(["2024-06-01"]),
        C.revenue: [300.0]})), None, None, as_of=pd.Timestamp("2024-12-31"))
    out = activity_table(no_potential)
    assert out["clients"].tolist() == [1, 0] and out["money_on_table"].isna().all()


def test_abc_view_heads_the_value_by_its_measure():
    pnl = pd.DataFrame({"client_id": ["a", "b", "c"], "revenue": [80.0, 15.0, 5.0],
                        "profit": [1.0, 8.0, 1.0]})
    by_profit = abc_view(abc_summary(abc(pnl, measure="profit")))
    assert "profit" in by_profit.columns and "value" not in by_profit.columns
    assert by_profit.attrs["measure"] == "profit"
    assert "Прибыль по клиенту" in styled(by_profit, "ru").to_html()


def test_a_choice_refuses_an_answer_that_is_not_an_option():
    assert option_number("6.5", "Выставка", block06.CHANNELS) == 3
    with pytest.raises(ValueError, match="none of the options"):
        option_number("6.5", "Радио", block06.CHANNELS)

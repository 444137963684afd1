"""Block 7 · views and catalogue of the key accounts: words, plural forms, missing shown as missing."""

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.ka_advantage import (
    advantage_scores,
    advantage_template,
    load_advantage_template,
)
from kbcore.analyses.ka_portfolio import load_portfolio_template, portfolio_scores
from kbcore.analyses.key_accounts import ka_contribution, losing_key_accounts
from kbcore.i18n import t, tn
from kbcore.views import key_accounts as kav
from kbcore.views.figures import is_missing

RU = {
    "ka7.accounts_count": {1: "1 ключевой клиент", 2: "2 ключевых клиента", 5: "5 ключевых клиентов",
                           11: "11 ключевых клиентов", 21: "21 ключевой клиент", 22: "22 ключевых клиента",
                           25: "25 ключевых клиентов", 111: "111 ключевых клиентов"},
    "ka7.candidates_count": {1: "1 кандидат в ключевые клиенты", 2: "2 кандидата в ключевые клиенты",
                             5: "5 кандидатов в ключевые клиенты", 11: "11 кандидатов в ключевые клиенты",
                             21: "21 кандидат в ключевые клиенты", 22: "22 кандидата в ключевые клиенты",
                             25: "25 кандидатов в ключевые клиенты", 111: "111 кандидатов в ключевые клиенты"},
    "ka7.kams_count": {1: "1 менеджер по работе с К.А.", 2: "2 менеджера по работе с К.А.",
                       5: "5 менеджеров по работе с К.А.", 11: "11 менеджеров по работе с К.А.",
                       21: "21 менеджер по работе с К.А.", 22: "22 менеджера по работе с К.А.",
                       25: "25 менеджеров по работе с К.А.", 111: "111 менеджеров по работе с К.А."},
}


@pytest.mark.parametrize("key", sorted(RU))
@pytest.mark.parametrize("n", [1, 2, 5, 11, 21, 22, 25, 111])
def test_russian_plural_forms(key, n):
    assert tn(key, n, "ru") == RU[key][n]


def test_matrix_unplaced_plurals_agree():
    assert tn("ka7.matrix.unplaced", 1, "ru").startswith("1 клиент не размещён")
    assert tn("ka7.matrix.unplaced", 22, "ru").startswith("22 клиента не размещены")
    assert tn("ka7.matrix.unplaced", 25, "ru").startswith("25 клиентов не размещены")
    assert tn("ka7.accounts_count", 1, "en") == "1 key account" and tn("ka7.accounts_count", 3, "en") == "3 key accounts"


def _pnl(cost=True):
    return pd.DataFrame({
        "client_id": ["a", "b", "c", "d"], "name": ["А", "Б", "В", "Г"],
        "revenue": [100.0, 50.0, 30.0, 20.0],
        "gross_margin": [20.0, -5.0, 6.0, 4.0] if cost else [np.nan] * 4,
        "cost_to_serve": [5.0, 1.0, 10.0, 1.0],
        "profit": [15.0, -6.0, -4.0, 3.0] if cost else [np.nan] * 4,
        "profit_margin": [0.15, -0.12, -0.13, 0.15] if cost else [np.nan] * 4,
    })


def _headers(styler):
    return [str(v) for v in styler.data.columns]


def test_contribution_table_reads_in_words_and_says_unknown_without_cost():
    table = kav.contribution_table(ka_contribution(_pnl(), ["a", "b"]), "ru")
    html = table.to_html()
    assert "Доля ключевых клиентов" in html and "Прибыль по клиенту" in html
    assert "ka7." not in html and "gross_margin" not in html
    assert "2 ключевых клиента из 4 клиентов" in html  # "из" takes the genitive: ka7.of_clients
    assert tn("ka7.of_clients", 21, "ru") == "21 клиента" and tn("ka7.of_clients", 1500, "ru") == "1\xa0500 клиентов"
    no_cost = kav.contribution_table(ka_contribution(_pnl(cost=False), ["a"]), "ru").to_html()
    assert no_cost.count(t("ka7.contrib.unknown", "ru")) == 6  # gross margin and profit: total, key accounts, share


def test_candidates_are_named_candidates():
    html = kav.contribution_table(ka_contribution(_pnl(), ["a"]), "ru", candidates=True).to_html()
    assert "кандидаты в ключевые клиенты" in html and "1 кандидат в ключевые клиенты" in html
    assert "кандидат" in kav.who_text(pd.Index(["a"]), True, "ru")


def test_losing_table_reasons_in_words():
    losing = losing_key_accounts(_pnl(), ["a", "b", "c"])
    html = kav.losing_table(losing, "ru").to_html()
    assert "Продажи ниже себестоимости" in html and "Стоимость обслуживания съедает валовую прибыль" in html
    assert "negative_profit" not in html and "Почему убыточен" in html
    assert kav.losing_table(losing_key_accounts(_pnl(), ["a"]), "ru").data == t("ka7.losing.none", "ru")
    assert "кандидат" in kav.losing_table(losing_key_accounts(_pnl(), ["a"]), "ru", candidates=True).data
    no_cost = losing_key_accounts(_pnl(cost=False), ["a"])
    assert t("need.cost", "ru") in kav.losing_table(no_cost, "ru").data


def _matrix():
    measures = pd.DataFrame({"client_id": ["a", "b", "c"], "key_account": [True, False, False],
                             **{m: [np.nan] * 3 for m in ("revenue_12m", "potential", "headroom", "growth",
                                                          "margin_rate", "client_profit", "profit_margin",
                                                          "share_of_wallet", "tenure_years", "dmu_contacts",
                                                          "dmu_roles", "csat", "nps")}})
    measures["revenue_12m"] = [10.0, 5.0, 1.0]
    measures["margin_rate"] = [0.2, 0.1, 0.3]
    measures["tenure_years"] = [6.0, 1.0, 2.0]
    tpl = load_portfolio_template()
    return measures, tpl, portfolio_scores(measures, tpl)


def test_criteria_table_shows_missing_criteria_as_not_scored_and_names_the_source():
    _measures, tpl, result = _matrix()
    styler = kav.criteria_table(result, tpl, "ru")
    frame = styler.data
    assert (frame["ka7.scored"] == t("ka7.not_scored", "ru")).sum() == len(result.missing) == 6
    assert "McDonald" in styler.caption and "тренер может заменить" in styler.caption
    assert "Стратегическое соответствие" in frame["ka7.criterion"].tolist()
    note = kav.manual_note(result, tpl, "ru")
    assert "Стратегическое соответствие" in note and "пропуск, а не ноль" in note


def test_quadrant_labels_and_unknown_ids():
    assert kav.quadrant_label("invest_for_growth", "ru") == "Инвестировать в рост"
    assert kav.quadrant_label(None, "ru") == t("ka7.quadrant.none", "ru")
    assert kav.quadrant_label("my_own", "ru") == "my own"


def test_advantage_tables_say_example_and_missing():
    tpl = load_advantage_template()
    measures = pd.DataFrame({"client_id": ["a", "b"], "revenue_12m": [90.0, 10.0], "tenure_years": [6.0, 1.0]})
    res = advantage_scores(tpl, ["a"], measures)
    items = kav.advantage_items_table(res, tpl, "ru")
    assert "(пример)" in items.caption
    assert "вручную" in " ".join(items.data["ka7.how"])
    assert "пропущены" in kav.advantage_note(res, tpl, "ru")
    own = advantage_template({"items": {"x": {"text": {"en": "X", "ru": "Икс", "bg": "Х"}, "goal": "growth",
                                              "measure": "tenure_years", "thresholds": [1, 2]}}})
    res_own = advantage_scores(own, ["a"], measures)
    assert "(пример)" not in kav.advantage_items_table(res_own, own, "ru").caption
    assert kav.advantage_note(res_own, own, "ru") is None


class _Need:
    def __init__(self, needed, kams):
        self.goal, self.accounts_needed, self.kams_needed = 100.0, needed, kams
        self.capacity_per_kam, self.candidates, self.headroom_total = 12.0, 4, 60.0
        self.capture, self.capacity_source, self.within_range = 1.0, "interactions", False


def test_key_figures_show_missing_data_as_missing():
    measures, tpl, result = _matrix()
    from kbcore.analyses.ka_portfolio import quadrant_summary
    quads = quadrant_summary(result.table, measures, result.quadrants)
    headroom = pd.DataFrame({"client_id": ["a"]})
    headroom.attrs.update(missing=("potential",), headroom=0.0, headroom_margin=np.nan)
    res = advantage_scores(load_advantage_template(), ["a"], measures)
    contrib = ka_contribution(_pnl(), ["a"])
    rows = kav.key_account_figures(ka=pd.Index(["a"]), candidates=True, contrib=contrib,
                                   losing=losing_key_accounts(_pnl(), ["a"]), review=None, quadrants=quads,
                                   invest=("invest_for_growth", "invest_selectively"), headroom=headroom,
                                   need=None, advantage=res, lang="ru")
    by_need = {r.needs: r for r in rows}
    assert is_missing(by_need["clients.potential"].value) and is_missing(by_need["interactions"].value)
    assert is_missing(by_need["clients.key_account"].value)
    assert rows[0].label == t("ka7.kf.candidates", "ru") and rows[0].value == "1 кандидат в ключевые клиенты"
    assert rows[-1].label.endswith("(пример)")
    headroom.attrs.update(missing=(), headroom_margin=1234.0)
    rows = kav.key_account_figures(ka=pd.Index(["a"]), candidates=False, contrib=contrib,
                                   losing=losing_key_accounts(_pnl(), ["a"]), review=pd.DataFrame({"reason": ["stale_lost"]}),
                                   quadrants=quads, invest=("invest_for_growth",), headroom=headroom,
                                   need=_Need(None, None), advantage=res, lang="ru")
    values = {r.label: r.value for r in rows}
    assert values[t("ka7.kf.needed", "ru")] == t("ka7.kf.not_reached", "ru")
    assert values[t("ka7.kf.review", "ru")] == "1 / 0"


def test_need_text_reached_and_not():
    reached = kav.need_text(_Need(3, 1), "ru", growth=0.15, year=2025, base=1000.0)
    assert "достаточно 3 нынешних ключевых клиентов" in reached and "1 менеджер по работе с К.А." in reached
    assert "по истории контактов" in reached and "15–35" not in reached  # block 7: today's accounts, no range
    missed = kav.need_text(_Need(None, None), "ru", growth=0.15, year=2025, base=1000.0)
    assert "меньше цели" in missed and "(4 клиента)" in missed and "блок 8" in missed
    assert "Недостающие 40" in missed  # goal 100 − headroom 60
    cands = kav.need_text(_Need(None, None), "en", growth=0.15, year=2025, base=1000.0, pool="candidates")
    assert cands.startswith("The growth goal: +15") and "The candidate key accounts" in cands
    with pytest.raises(ValueError, match="pool"):
        kav.need_text(_Need(3, 1), "en", growth=0.15, year=2025, base=1000.0, pool="everyone")


def test_need_text_on_a_computed_need():
    """Block 8's pool: capture, capacity from the parameter, the range; a pool without headroom says so."""
    from kbcore.analyses.ka_portfolio import key_accounts_needed
    pool = pd.DataFrame({"client_id": ["A", "B", "C"], "headroom": [60.0, 30.0, 20.0]})
    need = key_accounts_needed(pool, 40.0, capture=0.5, capacity_per_kam=2)  # 30 + 15 ≥ 40 → 2 accounts
    text = kav.need_text(need, "en", growth=0.05, year=2025, base=800.0, pool="with_candidates")
    assert "Counted: 50% of each account's headroom" in text and "It takes 2 accounts" in text
    assert "That takes 1 key-account manager: one of them can hold about 2 key accounts (as given in the parameters)" in text
    assert "outside the usual 15–35" in text
    no_kams = kav.need_text(key_accounts_needed(pool, 40.0), "en", growth=0.05, year=2025, base=800.0)
    assert "Counted" not in no_kams and "It takes 1 of today's key accounts" in no_kams
    assert "managers that takes is unknown" in no_kams
    empty = key_accounts_needed(pool.assign(headroom=np.nan), 40.0)
    assert "No account has a known headroom" in kav.need_text(empty, "en", growth=0.05, year=2025, base=800.0)


@pytest.mark.parametrize("pool", ["key_accounts", "candidates", "with_candidates"])
def test_need_reached_ru_plural_forms(pool):
    forms = {n: tn(f"ka7.need.reached.{pool}", n, "ru").replace(str(n), "#") for n in (1, 2, 5, 11, 21, 22, 25, 111)}
    assert forms[1] == forms[21] != forms[5]  # "достаточно 1 … клиента" (genitive singular)
    assert forms[2] == forms[22] == forms[5] == forms[11] == forms[25] == forms[111]  # genitive plural

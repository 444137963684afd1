"""Block 2's counts agree with their nouns (CLDR plural rules) in Russian and Bulgarian.

Every expected text below is written by hand: ru 1, 21 → one; 2–4, 22 → few; 5–20, 25, 111 →
many; bg 1 → one, anything else → other.
"""

import pandas as pd
import pytest

from kbcore.analyses import lifecycle as L
from kbcore.analyses.completeness import Verdict
from kbcore.i18n import tn
from kbcore.views import completeness as VC
from kbcore.views import lifecycle as V

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)


def _plain(text: str) -> str:
    """Babel's non-breaking and narrow spaces as plain ones, to compare with hand-written text."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")

RU = {
    "lc.n.days": ("1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня", "25 дней", "111 дней"),
    "lc.n.days_gen": ("1 дня", "2 дней", "5 дней", "11 дней", "21 дня", "22 дней", "25 дней",
                      "111 дней"),
    "lc.n.months": ("1 месяц", "2 месяца", "5 месяцев", "11 месяцев", "21 месяц", "22 месяца",
                    "25 месяцев", "111 месяцев"),
    "lc.n.orders": ("1 заказ", "2 заказа", "5 заказов", "11 заказов", "21 заказ", "22 заказа",
                    "25 заказов", "111 заказов"),
    "lc.n.orders_gen": ("1 заказа", "2 заказов", "5 заказов", "11 заказов", "21 заказа",
                        "22 заказов", "25 заказов", "111 заказов"),
    "lc.n.intervals": ("1 интервал", "2 интервала", "5 интервалов", "11 интервалов", "21 интервал",
                       "22 интервала", "25 интервалов", "111 интервалов"),
    "lc.n.times": ("в 1 раз", "в 2 раза", "в 5 раз", "в 11 раз", "в 21 раз", "в 22 раза",
                   "в 25 раз", "в 111 раз"),
    "ui.count.clients": ("1 клиент", "2 клиента", "5 клиентов", "11 клиентов", "21 клиент",
                     "22 клиента", "25 клиентов", "111 клиентов"),
    "lc.n.clients_gen": ("1 клиента", "2 клиентов", "5 клиентов", "11 клиентов", "21 клиента",
                         "22 клиентов", "25 клиентов", "111 клиентов"),
    "base.n.components_gen": ("1 компонента", "2 компонентов", "5 компонентов", "11 компонентов",
                              "21 компонента", "22 компонентов", "25 компонентов",
                              "111 компонентов"),
}

BG = {
    "lc.n.days": ("ден", "дни"),
    "lc.n.days_gen": ("ден", "дни"),
    "lc.n.months": ("месец", "месеца"),
    "lc.n.orders": ("поръчка", "поръчки"),
    "lc.n.orders_gen": ("поръчка", "поръчки"),
    "lc.n.intervals": ("интервал", "интервала"),
    "lc.n.times": ("път", "пъти"),
    "ui.count.clients": ("клиент", "клиенти"),
    "lc.n.clients_gen": ("клиент", "клиенти"),
    "base.n.components_gen": ("компонент", "компонента"),
}


@pytest.mark.parametrize("key", sorted(RU))
def test_russian_count_phrases(key):
    assert [tn(key, n, "ru") for n in COUNTS] == list(RU[key])


@pytest.mark.parametrize("key", sorted(BG))
def test_bulgarian_count_phrases(key):
    one, other = BG[key]
    assert [tn(key, n, "bg") for n in COUNTS] == [f"1 {one}"] + [f"{n} {other}" for n in COUNTS[1:]]


def test_russian_sentences_that_count():
    assert [tn("nb2.due", n, "ru") for n in (1, 2, 5, 21, 22, 111)] == [
        "Действие нужно сейчас по 1 клиенту.", "Действие нужно сейчас по 2 клиентам.",
        "Действие нужно сейчас по 5 клиентам.", "Действие нужно сейчас по 21 клиенту.",
        "Действие нужно сейчас по 22 клиентам.", "Действие нужно сейчас по 111 клиентам."]
    assert tn("nb2.now", 21, "ru", date="31.12.2025") == (
        "Стадии на 31.12.2025: 21 клиент хотя бы с одной покупкой.")
    assert _plain(tn("nb2.now", 1500, "ru", date="31.12.2025")) == (
        "Стадии на 31.12.2025: 1 500 клиентов хотя бы с одной покупкой.")
    assert tn("nb2.now", 22, "bg", date="31.12.2025") == (
        "Етапи към 31.12.2025: 22 клиенти с поне една покупка.")
    assert tn("widget.lc.lost_n", 533, "ru") == "<b>533</b> клиента потеряны"
    assert tn("widget.lc.lost_n", 11, "ru") == "<b>11</b> клиентов потеряны"
    assert tn("widget.lc.declining_n", 1, "ru") == "<b>1</b> клиент угасает или в зоне риска"
    assert tn("widget.lc.declining_n", 1, "bg") == "<b>1</b> клиент затихва или е в риск"


def _stages(reason, **values):
    """One row per count of COUNTS, every reason field set from ``values`` (a function of n)."""
    as_of = pd.Timestamp("2025-12-31")
    rows = []
    for n in COUNTS:
        row = {"reason": reason, "as_of": as_of, "days_since_last": 0, "first_date": as_of,
               "usual_interval": float("nan"), "orders_window": 0, "revenue_window": 0.0,
               "revenue_prev_window": 0.0, "return_date": pd.NaT}
        row.update({k: f(n) for k, f in values.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def test_reasons_agree_with_their_days_and_orders():
    lost = V.reason_text(_stages("reason.lost", days_since_last=lambda n: n), "ru")
    assert list(lost) == ["нет покупок 1 день", "нет покупок 2 дня", "нет покупок 5 дней",
                          "нет покупок 11 дней", "нет покупок 21 день", "нет покупок 22 дня",
                          "нет покупок 25 дней", "нет покупок 111 дней"]
    new = V.reason_text(_stages("reason.new", first_date=lambda n: pd.Timestamp("2025-12-31")
                                - pd.Timedelta(days=n)), "bg")
    assert list(new)[:3] == ["първа покупка преди 1 ден", "първа покупка преди 2 дни",
                             "първа покупка преди 5 дни"]
    regular = V.reason_text(_stages("reason.regular", orders_window=lambda n: n), "ru")
    assert list(regular) == [f"{o} за последние 12 месяцев" for o in RU["lc.n.orders"]]
    rhythm = V.reason_text(_stages("reason.declining_rhythm", days_since_last=lambda n: 3 * n,
                                   usual_interval=lambda n: n + 0.2), "ru")
    assert rhythm.iloc[0] == "нет покупок 3 дня, а обычно покупает раз в 1 день"
    assert rhythm.iloc[4] == "нет покупок 63 дня, а обычно покупает раз в 21 день"
    assert rhythm.iloc[7] == "нет покупок 333 дня, а обычно покупает раз в 111 дней"
    back = V.reason_text(_stages("reason.won_back", return_date=lambda n: pd.Timestamp("2025-12-31")
                                 - pd.Timedelta(days=n)), "ru", window_months=1)
    assert back.iloc[5] == "вернулся после долгого перерыва 22 дня назад"
    key = V.reason_text(_stages("reason.key_top", revenue_window=lambda n: 1000.0), "ru",
                        window_months=21)
    assert key.iloc[0].endswith("за последние 21 месяц")


def test_rules_agree_with_their_numbers():
    rules = L.StageRules(new_days=21, lost_days=22, won_back_days=21, at_risk_factor=5.0,
                         at_risk_min_days=111, min_intervals=21, regular_orders=22,
                         window_months=11)
    text = V.stage_rules_table(rules, "ru").set_index("order")["rule"]
    assert text[1] == "Нет покупок 22 дня и более."
    assert text[2] == "Снова купил после перерыва от 22 дней, и было это менее 21 дня назад."
    assert text[3] == "Первая покупка менее 21 дня назад."
    assert text[4].startswith("Пауза в покупках в 5 раз дольше обычного интервала между ними "
                              "(и более 111 дней; если у клиента уже есть хотя бы 21 интервал "
                              "между покупками), или выручка за последние 11 месяцев")
    assert text[6] == "Не менее 22 заказов за последние 11 месяцев."
    default = V.stage_rules_table(L.StageRules(), "ru").set_index("order")["rule"]
    assert default[1] == "Нет покупок 365 дней и более."
    assert default[6] == "Не менее 4 заказов за последние 12 месяцев."
    bg = V.stage_rules_table(L.StageRules(lost_days=1, regular_orders=1, window_months=1),
                             "bg").set_index("order")["rule"]
    assert bg[1] == "Без покупка 1 ден или повече."
    assert bg[6] == "Поне 1 поръчка за последните 1 месец."


def _completeness(missing: int):
    return pd.DataFrame({"component": ["card"], "known_share": [0.5], "clients_known": [200],
                         "clients": [200 + missing], "threshold": [0.8], "ok": [False],
                         "available": [True]})


@pytest.mark.parametrize(("missing", "ru", "bg"), [
    (1, "нет у 1 клиента", "липсва за 1 клиент"),
    (2, "нет у 2 клиентов", "липсва за 2 клиенти"),
    (21, "нет у 21 клиента", "липсва за 21 клиенти"),
    (111, "нет у 111 клиентов", "липсва за 111 клиенти"),
])
def test_verdict_reasons_agree_with_the_clients_missing(missing, ru, bg):
    verdict = Verdict("list", 0, 8, ("card",))
    assert ru in VC.verdict_reasons(verdict, _completeness(missing), "ru")[0]
    assert bg in VC.verdict_reasons(verdict, _completeness(missing), "bg")[0]


def test_verdict_agrees_with_its_total():
    assert VC.verdict_text(Verdict("list", 0, 21, ()), "ru") == (
        "Список клиентов, ещё не база: данных хватает лишь по 0 из 21 компонента.")
    assert VC.verdict_text(Verdict("base", 8, 8, ()), "ru") == (
        "Клиентская база: данных хватает по каждому из 8 компонентов.")
    assert VC.verdict_text(Verdict("base", 21, 21, ()), "ru") == (
        "Клиентская база: данных хватает по каждому из 21 компонента.")


def test_stage_figures_agree_with_their_clients():
    values = []
    for n in (1, 22, 25):
        summary = pd.DataFrame([
            {"as_of": pd.Timestamp("2025-12-31"), "stage": stage,
             "clients": n if stage == "key" else 0, "client_share": 0.5,
             "revenue_window": 0.0, "revenue_share": 0.25}
            for stage in L.STAGES])
        figures = V.lifecycle_figures(summary, "ru")
        assert _plain(figures[1].label) == "Ключевые клиенты на 31 дек. 2025 г."
        values.append(_plain(figures[1].value))
    assert values == ["1 клиент (50 % базы) · 25 % выручки", "22 клиента (50 % базы) · 25 % выручки",
                      "25 клиентов (50 % базы) · 25 % выручки"]

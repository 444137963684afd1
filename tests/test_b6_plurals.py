"""Block 6's counts agree with their nouns (CLDR plural rules) in Russian and Bulgarian.

Expected forms written by hand: ru 1, 21 → one ("клиент", "день"); 2, 22 → few ("клиента",
"дня"); 5, 11, 25, 111 → many ("клиентов", "дней"); bg 1 → one ("клиент", "ден"), any other →
other ("клиенти", "дни").
"""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from kbcore.charts.money_zones import plot_money_zones
from kbcore.charts.retention import plot_conversion
from kbcore.charts.segmentation import plot_abc, plot_rfm_segments
from kbcore.i18n import PLURAL_CATEGORIES, tn
from kbcore.paths import PACKAGE_DIR
from kbcore.views.money_zones import zones_note
from kbcore.views.retention import days_text
from kbcore.views.segmentation import clients_text, segmentation_figures

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
RU_CLIENTS = {1: "клиент", 2: "клиента", 5: "клиентов", 11: "клиентов", 21: "клиент", 22: "клиента",
              25: "клиентов", 111: "клиентов"}
RU_DAYS = {1: "день", 2: "дня", 5: "дней", 11: "дней", 21: "день", 22: "дня", 25: "дней", 111: "дней"}
RU_DAYS_GEN = {1: "дня", 2: "дней", 5: "дней", 11: "дней", 21: "дня", 22: "дней", 25: "дней", 111: "дней"}
# "нужен 21 клиент" but "нужно 22 клиента"; "приносит" for one client, "приносят" for more
RU_NEED = {1: "нужен", 2: "нужно", 5: "нужно", 11: "нужно", 21: "нужен", 22: "нужно", 25: "нужно",
           111: "нужно"}


def bg_clients(n):
    return "клиент" if n == 1 else "клиенти"


def bg_days(n):
    return "ден" if n == 1 else "дни"


LOCALE_FILES = ("block06.yaml", "block06_money.yaml", "exercises_block06.yaml")


@pytest.mark.parametrize("name", LOCALE_FILES)
def test_every_block6_entry_has_en_ru_bg(name):
    entries = yaml.safe_load((PACKAGE_DIR / "locale" / name).read_text(encoding="utf-8"))
    for key, texts in entries.items():
        assert set(texts) == {"en", "ru", "bg"}, key
        for lang, text in texts.items():
            if isinstance(text, dict):  # a counting entry: the language's own categories
                assert "other" in text and set(text) <= set(PLURAL_CATEGORIES), (key, lang)
                if lang == "ru":
                    assert {"one", "few", "many"} <= set(text), key
                else:
                    assert "one" in text, (key, lang)
            else:
                assert text.strip(), (key, lang)


@pytest.mark.parametrize("n", COUNTS)
def test_clients_and_days_agree(n):
    assert clients_text(n, "ru") == f"{n} {RU_CLIENTS[n]}"
    assert clients_text(n, "bg") == f"{n} {bg_clients(n)}"
    assert clients_text(n, "en") == f"{n} {'client' if n == 1 else 'clients'}"
    assert days_text(n, "ru") == f"{n} {RU_DAYS[n]}"
    assert days_text(n, "bg") == f"{n} {bg_days(n)}"
    assert tn("ret.n_days_gen", n, "ru") == f"{n} {RU_DAYS_GEN[n]}"
    for key in ("abc.n_clients", "ret.chart.n"):
        assert tn(key, n, "ru") == f"{n} {RU_CLIENTS[n]}"
        assert tn(key, n, "bg") == f"{n} {bg_clients(n)}"


@pytest.mark.parametrize("n", COUNTS)
def test_counting_sentences_agree(n):
    assert tn("kf.ret.one_order_value", n, "ru", share="5 %") == f"{n} {RU_CLIENTS[n]} (5 %)"
    assert tn("kf.ret.one_order_value", n, "bg", share="5 %") == f"{n} {bg_clients(n)} (5 %)"
    high = tn("kf.ret.high_risk", n, "ru")
    assert f" {n} {RU_DAYS[n]} " in high
    assert ("за последний" if RU_DAYS[n] == "день" else "за последние") in high
    assert f" {n} {bg_days(n)} " in tn("kf.ret.high_risk", n, "bg")
    missing = tn("kf.zone.potential_missing_value", n, "ru", imputed="3")
    assert missing.startswith(f"{n} {RU_CLIENTS[n]} (")
    # "у 21 клиента из 500", "у 22 клиентов из 500": genitive after "у"
    known = tn("zone.note.known", n, "ru", clients="500")
    assert known.endswith(f" у {n} {'клиента' if RU_CLIENTS[n] == 'клиент' else 'клиентов'} из 500")
    assert tn("zone.note.known", n, "bg", clients="500").endswith(f" {n} {bg_clients(n)} от 500")
    market = tn("zone.reason.market", n, "ru", companies="900", consumption="1 ₽", total="2 ₽")
    assert market.startswith(f"ещё одна из {n} {'компании' if RU_CLIENTS[n] == 'клиент' else 'компаний'},")
    title = tn("rfm.title", n, "ru")
    assert title.endswith(f" {n} {RU_DAYS[n]}")


def _frames(n):
    pareto_tbl = pd.DataFrame({"measure": ["revenue"], "top_share": [0.78], "target_clients": [n],
                               "target_client_share": [0.22]})
    pareto_tbl.attrs.update(top=0.2, target=0.8)
    abc_sum = pd.DataFrame({"abc": ["A", "B", "C"], "clients": [n, 3, 4],
                            "client_share": [0.2, 0.3, 0.5], "value_share": [0.8, 0.15, 0.05]})
    abc_sum.attrs["measure"] = "revenue"
    matrix = pd.DataFrame({"cell": ["AX", "AZ"], "abc": ["A", "A"], "xyz": ["X", "Z"],
                           "clients": [n, 1], "value_share": [0.3, 0.1]})
    matrix.attrs["measure"] = "revenue"
    rfm_sum = pd.DataFrame({"rfm_segment": ["champions", "at_risk", "cant_lose"],
                            "clients": [n, n, 0], "client_share": [0.1, 0.1, 0.0],
                            "monetary_share": [0.6, 0.1, 0.0]})
    return pareto_tbl, abc_sum, matrix, rfm_sum


@pytest.mark.parametrize("n", COUNTS)
def test_segmentation_figures_agree_in_ru_and_bg(n):
    rows = segmentation_figures(*_frames(n), lang="ru")
    values = [r.value for r in rows]
    word = RU_CLIENTS[n]
    assert values[0] == (f"лучшие 20\u00a0% клиентов приносят 78\u00a0%; для 80\u00a0% {RU_NEED[n]} "
                         f"{n} {word} (22\u00a0% всех клиентов)")
    verb = "приносит" if word == "клиент" else "приносят"
    assert values[1] == f"{n} {word} (20\u00a0% всех клиентов) {verb} 80\u00a0%"
    assert rows[1].label == "Клиенты группы A по выручке"
    assert values[2].startswith(f"{n} {word}, 30\u00a0% выручки;")
    assert values[3].startswith(f"{n} {word} (10\u00a0% всех клиентов)")
    assert values[4].startswith(f"{n} {word} (10\u00a0% всех клиентов)")  # at risk + can't lose
    bg = [r.value for r in segmentation_figures(*_frames(n), lang="bg")]
    assert f"{n} {bg_clients(n)} (22% от клиентите)" in bg[0]  # bg: no space before %
    assert ("за 80% е нужен" if n == 1 else "за 80% са нужни") in bg[0]
    assert bg[1].startswith(f"{n} {bg_clients(n)} (")
    assert bg[1].endswith("носи 80%" if n == 1 else "носят 80%")


def test_zones_note_counts_in_words():
    zones = SimpleNamespace(clients=pd.DataFrame(index=range(25)),
                            notes={"window_start": "2025-01-01", "window_end": "2025-12-31",
                                   "potential_known": True, "potential_missing": 4,
                                   "potential_imputed": 3, "potential_left_out": 1})
    text = zones_note(zones, "ru")
    assert "2025\u202fг.; оценка потенциала есть у 21 клиента из 25;" in text  # no ". ." after the date  # 21: one → "клиента"
    assert "для 3 взята медиана" in text and "1 не учтены" in text
    zones.notes["potential_missing"] = 3
    assert "у 22 клиентов из 25" in zones_note(zones, "ru")
    assert "за 22 клиенти от 25" in zones_note(zones, "bg")


def test_charts_write_counts_in_words():
    summary = pd.DataFrame({"abc": ["A", "B", "C"], "clients": [1, 22, 111],
                            "client_share": [0.01, 0.16, 0.83], "value_share": [0.5, 0.3, 0.2]})
    summary.attrs.update(measure="revenue", cuts=(0.8, 0.95))
    ax = plot_abc(summary, lang="ru")
    ticks = [tx.get_text() for tx in ax.get_xticklabels()]
    assert ticks == ["A\n1 клиент", "B\n22 клиента", "C\n111 клиентов"]
    assert ax.get_title(loc="left").startswith("ABC-анализ по выручке: клиенты и деньги\n")
    assert "накопленной выручки" in ax.get_title(loc="left")
    plt.close(ax.figure)
    rfm_sum = pd.DataFrame({"rfm_segment": ["champions", "lost"], "clients": [21, 5],
                            "monetary_share": [0.9, 0.0]})
    ax = plot_rfm_segments(rfm_sum, lang="ru", window_days=365)
    texts = [tx.get_text() for tx in ax.texts]
    assert any(tx.startswith("21 клиент · ") for tx in texts)
    assert any(tx.startswith("5 клиентов · ") for tx in texts)
    assert ax.get_title(loc="left") == "RFM-сегменты: клиенты и выручка за последние 365 дней"
    plt.close(ax.figure)


def test_money_zone_charts_have_distinct_titles():
    by_segment = pd.DataFrame({"segment": ["Опт", "Розница"], "money_in_hand": [10.0, 5.0],
                               "money_on_table": [20.0, 5.0], "money_in_market": [100.0, 50.0]})
    by_region = by_segment.rename(columns={"segment": "region"})
    titles = []
    for table, zones in ((by_segment, ("money_in_hand", "money_on_table", "money_in_market")),
                         (by_region, ("money_in_hand", "money_on_table"))):
        ax = plot_money_zones(table, lang="ru", zones=zones)
        titles.append(ax.get_title(loc="left"))
        plt.close(ax.figure)
    assert titles == ["Три зоны денег по сегментам", "Деньги в руках и на столе по регионам"]


def test_conversion_chart_title_names_its_grouping():
    conv = pd.DataFrame({"group_id": ["web"], "clients": [22], "second_order_rate": [0.5],
                         "one_order_share": [0.5]})
    conv.attrs["by"] = "acquisition_channel"
    ax = plot_conversion(conv, lang="ru")
    assert ax.get_title(loc="left") == "Сделали ли новые клиенты второй заказ?\nпо каналу привлечения"
    assert "22 клиента" in [tx.get_text() for tx in ax.texts]
    plt.close(ax.figure)

"""Block 3's views, charts and the handover guard: words, plural forms, missing shown as missing.

Expected values are written by hand from small frames built here (the forms of Russian counts:
1, 21 → one; 2, 22 → few; 5, 11, 25, 111 → many).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from kbcore.analyses.customer_equity import EQUITY_CLIENT_COLUMNS, CustomerEquity  # noqa: E402
from kbcore.analyses.handover import HandoverEffect  # noqa: E402
from kbcore.analyses.idic import IDIC_COLUMNS  # noqa: E402
from kbcore.charts.possibilities import plot_equity, plot_handover, plot_idic  # noqa: E402
from kbcore.i18n import PLURAL_CATEGORIES, tn  # noqa: E402
from kbcore.paths import PACKAGE_DIR  # noqa: E402
from kbcore.views.figures import is_missing  # noqa: E402
from kbcore.views.possibilities import (  # noqa: E402
    equity_summary,
    equity_table,
    handover_summary,
    handover_table,
    idic_compare,
    idic_summary,
    idic_table,
    largest_gap,
    need_text,
    possibilities_figures,
    weakest_principle,
)

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
RU_CLIENTS = {1: "клиент", 2: "клиента", 5: "клиентов", 11: "клиентов", 21: "клиент", 22: "клиента",
              25: "клиентов", 111: "клиентов"}
RU_YEARS = {1: "год", 2: "года", 5: "лет", 11: "лет", 21: "год", 22: "года", 25: "лет", 111: "лет"}
RU_SEGMENTS = {1: "сегмент", 2: "сегмента", 5: "сегментов", 11: "сегментов", 21: "сегмент", 22: "сегмента",
               25: "сегментов", 111: "сегментов"}


@pytest.mark.parametrize("name", ["block03.yaml", "exercises_block03.yaml"])
def test_every_block3_entry_has_en_ru_bg(name):
    path = PACKAGE_DIR / "locale" / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    for key, texts in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        assert set(texts) == {"en", "ru", "bg"}, key
        for lang, text in texts.items():
            if isinstance(text, dict):
                assert "other" in text and set(text) <= set(PLURAL_CATEGORIES), (key, lang)
                assert {"one", "few", "many"} <= set(text) if lang == "ru" else "one" in text, (key, lang)
            else:
                assert text.strip(), (key, lang)


@pytest.mark.parametrize("n", COUNTS)
def test_counts_agree_with_their_nouns(n):
    assert tn("b3.clients", n, "ru") == f"{n} {RU_CLIENTS[n]}"
    assert tn("b3.years", n, "ru") == f"{n} {RU_YEARS[n]}"
    assert tn("b3.segments", n, "ru") == f"{n} {RU_SEGMENTS[n]}"
    assert tn("b3.clients", n, "bg") == f"{n} {'клиент' if n == 1 else 'клиенти'}"
    assert tn("b3.years", n, "en") == f"{n} {'year' if n == 1 else 'years'}"


def _data(scores=(0.9, 0.7, 1.0, 0.6), missing=(pd.NA,) * 4):
    rows = [("identify", scores[0], "card_fill", scores[0], "complete_share", 0.5, missing[0]),
            ("differentiate", scores[1], "contact_ratio", 2.0 if scores[1] == scores[1] else np.nan,
             "discount_ratio", 1.5 if scores[1] == scores[1] else np.nan, missing[1]),
            ("interact", scores[2], "revenue_covered_share", scores[2], "median_days_since", 30.0, missing[2]),
            ("customise", scores[3], "segments", 4.0, "mean_cv", 0.3, missing[3])]
    return pd.DataFrame(rows, columns=IDIC_COLUMNS).astype({"missing": "string"})


class _Result:
    """The part of an AssessmentResult the comparison reads: the section scores."""

    def __init__(self, scores):
        self.sections = pd.DataFrame({"section": ["identify", "differentiate", "interact", "customise"],
                                      "score": scores})


def test_weakest_principle_and_largest_gap_by_hand():
    compare = idic_compare(_data(), _Result([0.5, 0.4, 0.4, 0.3]))
    # differences self − data: −0.4, −0.3, −0.6, −0.3
    assert compare["difference"].round(6).tolist() == [-0.4, -0.3, -0.6, -0.3]
    assert weakest_principle(compare) == "customise"
    assert largest_gap(compare) == "interact"
    text = idic_summary(compare, "ru", source="example")
    assert "Индивидуализация" in text and "Взаимодействие" in text and "(пример)" in text
    assert "работает лучше, чем о себе думает" in text  # self 40 % below the data's 100 %


def test_idic_table_in_words_and_missing_as_missing():
    data = _data(scores=(0.33, np.nan, np.nan, np.nan),
                 missing=(pd.NA, "interactions,discount", "interactions", "segment"))
    compare = idic_compare(data, _Result([0.5, 0.4, 0.4, 0.3]))
    table = idic_table(compare, data, "ru", source="example")
    assert list(table.columns) == ["Принцип", "Что измерено по данным", "Оценка по данным", "Самооценка (пример)",
                                   "Самооценка минус данные (пример)"]
    measured = table["Что измерено по данным"].tolist()
    assert measured[0].startswith("заполнено полей карточки: 33")
    assert measured[1].startswith("— (нет данных") and "история контактов с клиентами в CRM" in measured[1]
    assert "скидка по каждой строке продаж" in measured[1]
    assert table["Оценка по данным"].tolist()[1:] == ["—", "—", "—"]
    assert weakest_principle(compare) == "identify"


def _equity(missing=(), equity=(np.nan, 100.0, 80.0)):
    years = pd.DataFrame({"year": [2023, 2024, 2025],
                          "as_of": pd.to_datetime(["2023-12-31", "2024-12-31", "2025-12-31"]),
                          "clients": [10, 11, 12], "retention": [np.nan, 0.8, 0.75],
                          "multiplier": [np.nan, 2.0, 1.9], "annual_profit": [50.0, 60.0, 55.0],
                          "equity": list(equity), "equity_positive": [np.nan, 130.0, 120.0]})
    years["equity_change"] = years["equity"].diff()
    clients = pd.DataFrame({c: [] for c in EQUITY_CLIENT_COLUMNS}).astype({"clv": "float64"})
    clients = pd.concat([clients, pd.DataFrame({"client_id": ["A", "B", "C"], "clv": [90.0, -4.0, -6.0]})])
    return CustomerEquity(by_year=years, clients=clients, horizon_years=5, discount_rate=0.12, missing=missing)


def test_equity_summary_and_figures_by_hand():
    ce = _equity()
    text = equity_summary(ce, "en").replace("\xa0", " ")
    assert "RUB 80" in text and "fell by RUB 20" in text and "2 of 3 clients destroy value" in text
    assert "RUB 10 off" in text  # −4 − 6, said as a positive amount taken off
    table = equity_table(ce, "ru")
    assert "Стоимость клиентской базы" in table.columns
    assert table["Удержано клиентов прошлого года"].iloc[0] == "не измерено"


def test_no_cost_is_shown_as_missing_never_as_a_value():
    ce = _equity(missing=("cost",), equity=(np.nan, np.nan, np.nan))
    empty = HandoverEffect(manager=None, date=None, window_months=12, after_end=None, clients=pd.DataFrame(),
                           groups=pd.DataFrame(), stages=pd.DataFrame(), protection=pd.DataFrame(),
                           missing=("manager", "departure"))
    compare = idic_compare(_data(), _Result([0.5, 0.4, 0.4, 0.3]))

    class _Poss:
        overall = 0.44

    figures = possibilities_figures(_Poss(), compare, ce, empty, "ru", poss_source="example")
    by_needs = {f.needs: f for f in figures if f.needs}
    assert is_missing(by_needs["sales.cost"].value) and "себестоимость" in by_needs["sales.cost"].value
    assert is_missing(by_needs["sales.manager"].value) and "менеджер в каждой строке" in by_needs["sales.manager"].value
    assert "(пример)" in figures[0].label
    assert equity_table(ce, "ru")["Стоимость клиентской базы"].iloc[1].startswith("— (нет данных")
    assert "нужен менеджер в каждой строке продаж" in handover_summary(empty, "ru")


def _handover(mine_share, comp_share):
    groups = pd.DataFrame({"group": ["handed_over", "comparable"], "clients": [20, 200],
                           "revenue_before": [100.0, 1000.0], "revenue_after": [90.0, 1100.0],
                           "still_buying": [int(20 * mine_share), int(200 * comp_share)],
                           "revenue_ratio": [0.9, 1.1], "still_buying_share": [mine_share, comp_share],
                           "churn_share": [1 - mine_share, 1 - comp_share]})
    return HandoverEffect(manager="Иванов Пётр Сергеевич", date=pd.Timestamp("2023-06-30"), window_months=12,
                          after_end=pd.Timestamp("2024-06-30"), clients=pd.DataFrame(), groups=groups,
                          stages=pd.DataFrame(), protection=pd.DataFrame(), expected_still_buying=0.8)


@pytest.mark.parametrize(("mine", "comp", "words"), [(0.8, 0.82, "примерно одинаково"),
                                                      (0.9, 0.8, "больше, а не меньше"),
                                                      (0.6, 0.8, "лишь 60 %")])
def test_handover_summary_reads_as_a_comparison(mine, comp, words):
    text = handover_summary(_handover(mine, comp), "ru")
    assert "Иванов П." in text and "20 клиентов" in text and words in text.replace("\xa0", " ")
    assert "сравнение, а не доказательство причины" in text
    assert list(handover_table(_handover(mine, comp), "ru")["Группа"]) == ["Переданные клиенты",
                                                                          "Сопоставимые клиенты"]


def test_need_text_reads_the_evidence_ids():
    assert need_text("needs.clients.segment,needs.clients.region", "en") == (
        "the segment of each client on its card, the region of each client on its card")
    assert need_text("needs.something_new", "en") == "data the export does not hold"


def _title(ax):
    return ax.get_title("left") or ax.get_title()


def test_charts_have_their_titles_and_one_artist_per_item():
    compare = idic_compare(_data(scores=(0.9, np.nan, 1.0, 0.6), missing=(pd.NA, "interactions", pd.NA, pd.NA)),
                           _Result([0.5, 0.4, 0.4, 0.3]))
    ax = plot_idic(compare, lang="ru", example=True)
    assert len([p for p in ax.patches if p.get_gid() == "data"]) == 4
    assert len([p for p in ax.patches if p.get_gid() == "self"]) == 4
    assert "(пример)" in _title(ax) and "нет данных" in [x.get_text() for x in ax.texts]
    plt.close(ax.figure)

    ax = plot_equity(_equity(), lang="ru")
    assert len([p for p in ax.patches if p.get_gid() == "equity"]) == 3
    assert "не измерено" in [x.get_text() for x in ax.texts] and "актив" in _title(ax)
    plt.close(ax.figure)

    ax = plot_handover(_handover(0.9, 0.8), lang="ru")
    assert len([p for p in ax.patches if p.get_gid() == "handed_over"]) == 2
    assert len([p for p in ax.patches if p.get_gid() == "comparable"]) == 2
    assert "Иванов П." in _title(ax)
    plt.close(ax.figure)
    titles = {_title(plot_idic(compare, lang="en")), _title(plot_equity(_equity(), lang="en")),
              _title(plot_handover(_handover(0.9, 0.8), lang="en"))}
    assert len(titles) == 3
    plt.close("all")

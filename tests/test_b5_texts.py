"""Block 5's texts: every catalogue entry in en, ru and bg; counts agree with their nouns (CLDR
plural rules) in the card, the plan summary, the key figures and the passport chart; distinct
chart titles. Expectations written by hand."""

from pathlib import Path

import matplotlib

import kbcore

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.card import ClientCard  # noqa: E402
from kbcore.analyses.planning import Goals  # noqa: E402
from kbcore.charts.creation import plot_card_trend, plot_passport, plot_plan_vs_actual  # noqa: E402
from kbcore.i18n import tn  # noqa: E402
from kbcore.views.card import card_html  # noqa: E402
from kbcore.views.creation import creation_figures  # noqa: E402
from kbcore.views.planning import plan_summary_table, plan_summary_text  # noqa: E402
from kbcore.yamlfile import load_yaml  # noqa: E402

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
LOCALE = Path(kbcore.__file__).resolve().parent / "locale"


@pytest.mark.parametrize("name", ["block05.yaml", "exercises_block05.yaml"])
def test_every_entry_has_en_ru_bg(name):
    entries = load_yaml((LOCALE / name).read_text(encoding="utf-8"))
    for key, texts in entries.items():
        assert {"en", "ru", "bg"} <= set(texts), key
        forms = {lang: texts[lang] for lang in ("en", "ru", "bg")}
        counting = [lang for lang, text in forms.items() if isinstance(text, dict)]
        if counting:  # a counting entry counts in every language, with each language's categories
            assert counting == ["en", "ru", "bg"], key
            assert set(forms["ru"]) == {"one", "few", "many", "other"}, key
            assert set(forms["en"]) == set(forms["bg"]) == {"one", "other"}, key


DAYS = {
    "ru": ["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня", "25 дней", "111 дней"],
    "bg": ["1 ден", "2 дни", "5 дни", "11 дни", "21 дни", "22 дни", "25 дни", "111 дни"],
    "en": ["1 day", "2 days", "5 days", "11 days", "21 days", "22 days", "25 days", "111 days"],
}
ACTIVE = {
    "ru": ["1 активный клиент", "2 активных клиента", "5 активных клиентов", "11 активных клиентов",
           "21 активный клиент", "22 активных клиента", "25 активных клиентов",
           "111 активных клиентов"],
    "bg": ["1 активен клиент", "2 активни клиенти", "5 активни клиенти", "11 активни клиенти",
           "21 активни клиенти", "22 активни клиенти", "25 активни клиенти", "111 активни клиенти"],
}
NEW_FROM = {
    "ru": ["От 1 нового клиента", "От 2 новых клиентов", "От 5 новых клиентов",
           "От 11 новых клиентов", "От 21 нового клиента", "От 22 новых клиентов",
           "От 25 новых клиентов", "От 111 новых клиентов"],
    "bg": ["От 1 нов клиент", "От 2 нови клиенти", "От 5 нови клиенти", "От 11 нови клиенти",
           "От 21 нови клиенти", "От 22 нови клиенти", "От 25 нови клиенти",
           "От 111 нови клиенти"],
}
NEW_COUNT = {
    "ru": ["1 новый клиент", "2 новых клиента", "5 новых клиентов", "11 новых клиентов",
           "21 новый клиент", "22 новых клиента", "25 новых клиентов", "111 новых клиентов"],
    "bg": ["1 нов клиент", "2 нови клиенти", "5 нови клиенти", "11 нови клиенти",
           "21 нови клиенти", "22 нови клиенти", "25 нови клиенти", "111 нови клиенти"],
}
CLIENTS = {
    "ru": ["1 клиент", "2 клиента", "5 клиентов", "11 клиентов", "21 клиент", "22 клиента",
           "25 клиентов", "111 клиентов"],
    "bg": ["1 клиент", "2 клиенти", "5 клиенти", "11 клиенти", "21 клиенти", "22 клиенти",
           "25 клиенти", "111 клиенти"],
}
PROSPECTS_RU = ["1 компания пока не наш клиент", "2 компании пока не наши клиенты",
                "5 компаний пока не наши клиенты", "11 компаний пока не наши клиенты",
                "21 компания пока не наш клиент", "22 компании пока не наши клиенты",
                "25 компаний пока не наши клиенты", "111 компаний пока не наши клиенты"]


@pytest.mark.parametrize("lang", ["ru", "bg", "en"])
def test_days_agree_with_their_number(lang):
    assert [tn("card.days", n, lang) for n in COUNTS] == DAYS[lang]


@pytest.mark.parametrize("lang", ["ru", "bg"])
def test_counted_entries_agree_with_their_number(lang):
    assert [tn("passport.chart.active", n, lang) for n in COUNTS] == ACTIVE[lang]
    assert [tn("plan_summary.new_clients", n, lang) for n in COUNTS] == NEW_FROM[lang]
    assert [tn("plan.new_clients_count", n, lang) for n in COUNTS] == NEW_COUNT[lang]
    assert [tn("kf5.lookalikes_value", n, lang) for n in COUNTS] == CLIENTS[lang]


def test_market_value_agrees_with_the_prospects():
    got = [tn("kf5.market_value", n, "ru", segment="S", region="R") for n in COUNTS]
    assert got == [f"S · R ({text})" for text in PROSPECTS_RU]
    assert tn("kf5.market_value", 890.0, "ru", segment="S", region="R") == \
        "S · R (890 компаний пока не наши клиенты)"
    assert tn("kf5.market_value", 21, "bg", segment="S", region="R") == \
        "S · R (21 фирми, които още не са наши клиенти)"
    assert tn("kf5.market_value", 1, "bg", segment="S", region="R") == \
        "S · R (1 фирма, която още не е наш клиент)"


def _card(days_since_last, terms):
    identity = pd.Series({"name": "ООО «Альфа»", "payment_terms_days": terms})
    summary = {"last_date": pd.Timestamp("2025-12-31"), "days_since_last": days_since_last}
    return ClientCard(client_id="A", as_of=pd.Timestamp("2025-12-31"), identity=identity,
                      summary=summary, years=pd.DataFrame(), contacts=None, interactions=None,
                      gaps=[], stage=None)


@pytest.mark.parametrize(("n", "ago", "terms"), [
    (1, "(1 день назад)", "21 день"), (2, "(2 дня назад)", "22 дня"),
    (5, "(5 дней назад)", "25 дней"), (11, "(11 дней назад)", "111 дней"),
    (21, "(21 день назад)", "1 день"), (22, "(22 дня назад)", "2 дня"),
])
def test_card_days_in_russian(n, ago, terms):
    term_days = {1: 21, 2: 22, 5: 25, 11: 111, 21: 1, 22: 2}[n]
    html = card_html(_card(n, term_days), "ru")
    assert ago in html
    assert f"<td>{terms}</td>" in html
    assert "дн." not in html


def test_card_days_in_bulgarian_and_english():
    html = card_html(_card(1, 30), "bg")
    assert "(преди 1 ден)" in html and "<td>30 дни</td>" in html
    html = card_html(_card(25, 1), "en")
    assert "(25 days ago)" in html and "<td>1 day</td>" in html


def _plan(new_clients):
    plan = pd.DataFrame()
    plan.attrs.update(year=2026, base_year=2025, revenue_base=100.0, baseline=110.0, gap=5.0,
                      new_clients=new_clients, new_plan=7.0, plan_total=122.0, plan_margin=30.0,
                      margin_goal=24.4, goals=Goals(growth=0.2, margin_rate=0.2,
                                                    new_clients=new_clients))
    return plan


def test_plan_summary_counts_the_new_clients():
    figures = plan_summary_table(_plan(21), "ru")["figure"].tolist()
    assert figures == ["Выручка за 2025 год (базовый)", "База (собственный тренд)",
                       "Прирост сверх тренда (по цели)", "От 21 нового клиента",
                       "План на 2026 год (модельный расчёт)", "Валовая прибыль по плану",
                       "Цель по валовой прибыли"]
    assert plan_summary_table(_plan(22), "ru")["figure"].iloc[3] == "От 22 новых клиентов"
    assert plan_summary_table(_plan(1), "en")["figure"].iloc[3] == "From 1 new client"
    assert plan_summary_table(_plan(5), "bg")["figure"].iloc[3] == "От 5 нови клиенти"
    assert "+ 22 новых клиента:" in plan_summary_text(_plan(22), "ru")
    assert "+ 111 новых клиентов:" in plan_summary_text(_plan(111), "ru")
    assert "+ 1 нов клиент:" in plan_summary_text(_plan(1), "bg")


def test_key_figures_count_the_lookalikes_and_prospects():
    class Profile:
        table = pd.DataFrame({"category": ["all", "all"], "kind": ["category", "category"],
                              "trait": ["segment", "size"], "mode": ["Опт", "крупный"]})
        measure = "profit"
        top_share = 0.2

    matches = pd.DataFrame({"top": [False] * 22 + [True], "score": [0.8] * 23})
    market = pd.DataFrame({"segment": ["Опт"], "region": ["Урал"], "prospects": [21.0]})
    kf = creation_figures(profile=Profile(), matches=matches, market=market, lang="ru")
    values = kf.iloc[:, 1].tolist()
    assert values == ["Сегмент: Опт · Размер: крупный", "22 клиента",
                      "Опт · Урал (21 компания пока не наш клиент)"]


def test_plan_growth_figure_has_its_sign():
    plan = _plan(5)
    kf = creation_figures(plan=plan, lang="ru")
    assert kf.iloc[0, 1] == "122\xa0₽ (+22,0\xa0% к 2025 году)"


def _title(ax):
    """The chart's title wherever the style puts it (left or centre)."""
    return ax.get_title("left") or ax.get_title()


def test_passport_chart_counts_active_clients_and_names_its_cells():
    p = pd.DataFrame({"region": ["R1", "R2"], "revenue": [100.0, 50.0],
                      "penetration": [float("nan")] * 2, "active_clients": [21, 5]})
    p.attrs["by"] = "region"
    ax = plot_passport(p, lang="ru")
    texts = [x.get_text() for x in ax.texts]
    assert any(x.endswith("21 активный клиент") for x in texts)
    assert any(x.endswith("5 активных клиентов") for x in texts)
    assert _title(ax) == "Паспорт регионов"
    plt.close(ax.figure)
    seg = p.rename(columns={"region": "segment"})
    seg.attrs["by"] = "segment"
    ax = plot_passport(seg, lang="ru")
    assert _title(ax) == "Паспорт сегментов"
    plt.close(ax.figure)


def test_chart_titles_are_distinct():
    pva = pd.DataFrame({"segment": ["S"], "plan": [1.0], "actual": [1.0], "deviation": [0.0],
                        "completion": [1.0], "expected": [1.0], "pace": [1.0]})
    pva.attrs["start"] = pd.Timestamp("2025-01-01")
    by_manager = pva.rename(columns={"segment": "manager"})
    by_manager.attrs["start"] = pd.Timestamp("2026-01-01")
    titles = []
    for table in (pva, by_manager):
        ax = plot_plan_vs_actual(table, lang="ru")
        titles.append(_title(ax))
        plt.close(ax.figure)
    assert titles == ["План и факт за 2025 год по сегментам", "План и факт за 2026 год по менеджерам"]
    bare = pva.copy()
    bare.attrs.clear()
    ax = plot_plan_vs_actual(bare, lang="ru")
    assert _title(ax) == "План и факт"
    plt.close(ax.figure)
    years = pd.DataFrame({"year": [2024, 2025], "revenue": [1.0, 2.0], "gross_margin": [0.5, 0.6]})
    ax = plot_card_trend(years, client="ООО «Альфа»", lang="ru")
    assert _title(ax) == "ООО «Альфа»: выручка и валовая прибыль по годам"
    plt.close(ax.figure)
    ax = plot_card_trend(years, lang="ru")
    assert _title(ax) == "Выручка и валовая прибыль по годам"
    plt.close(ax.figure)

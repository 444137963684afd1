"""Block 1's counted texts agree with their numbers (CLDR plural rules) in ru, bg and en.

Every expected string below is written out by hand: ru 1, 21 -> one ("клиент"); 2-4, 22 -> few
("клиента"); 0, 5-20, 25, 111 -> many ("клиентов"); bg and en 1 -> one, anything else -> other.
"""

import matplotlib

matplotlib.use("Agg")

import math  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.profitability import (  # noqa: E402
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
)
from kbcore.charts.profitability import plot_concentration, plot_concession, plot_whale_curve  # noqa: E402
from kbcore.i18n import tn  # noqa: E402
from kbcore.views.profitability import (  # noqa: E402
    concentration_table,
    concentration_text,
    concession_table,
    equal_clients,
    whale_summary_text,
)
from kbcore.yamlfile import load_yaml  # noqa: E402

NBSP = "\xa0"
COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
LOCALE = Path(__file__).resolve().parents[1] / "kbcore" / "locale"
BLOCK_FILES = ("block01.yaml", "exercises_block01.yaml", "widgets.yaml")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _ids(values):
    return pd.array(values, dtype="string")


def _pnl(profits) -> pd.DataFrame:
    return pd.DataFrame({"client_id": _ids([f"c{i:03d}" for i in range(len(profits))]),
                         "profit": [float(p) for p in profits]})


# --------------------------------------------------------------------------- the catalogue
@pytest.mark.parametrize("name", BLOCK_FILES)
def test_every_entry_has_en_ru_and_bg(name):
    entries = load_yaml((LOCALE / name).read_text(encoding="utf-8"))
    for key, texts in entries.items():
        assert {"en", "ru", "bg"} <= set(texts), key
        if any(isinstance(v, dict) for v in texts.values()):  # a counting entry: forms per language
            assert set(texts["ru"]) == {"one", "few", "many", "other"}, key
            assert set(texts["bg"]) == {"one", "other"}, key
            assert set(texts["en"]) == {"one", "other"}, key


# --------------------------------------------------------------------------- the forms, by hand
def test_equal_clients_forms():
    ru = {1: "1 равный по размеру клиент", 2: "2 равных по размеру клиента",
          5: "5 равных по размеру клиентов", 11: "11 равных по размеру клиентов",
          21: "21 равный по размеру клиент", 22: "22 равных по размеру клиента",
          25: "25 равных по размеру клиентов", 111: "111 равных по размеру клиентов"}
    ru_gen = {1: "1 равного по размеру клиента", 2: "2 равных по размеру клиентов",
              5: "5 равных по размеру клиентов", 11: "11 равных по размеру клиентов",
              21: "21 равного по размеру клиента", 22: "22 равных по размеру клиентов",
              25: "25 равных по размеру клиентов", 111: "111 равных по размеру клиентов"}
    for n in COUNTS:
        assert equal_clients(n, "ru") == ru[n]
        assert equal_clients(n, "ru", case="gen") == ru_gen[n]
        bg = "1 еднакво голям клиент" if n == 1 else f"{n} еднакво големи клиенти"
        assert equal_clients(n, "bg") == bg
        en = "1 equal-sized client" if n == 1 else f"{n} equal-sized clients"
        assert equal_clients(n, "en") == en
    assert equal_clients(21.4, "ru") == "21 равный по размеру клиент"  # rounded to a whole client
    assert equal_clients(1.6, "ru") == "2 равных по размеру клиента"
    assert equal_clients(float("nan"), "ru") == "—"


def test_whale_tail_and_peak_forms():
    tail = {1: "1 убыточный клиент\nтеряет X", 2: "2 убыточных клиента\nтеряют X",
            5: "5 убыточных клиентов\nтеряют X", 11: "11 убыточных клиентов\nтеряют X",
            21: "21 убыточный клиент\nтеряет X", 22: "22 убыточных клиента\nтеряют X",
            25: "25 убыточных клиентов\nтеряют X", 111: "111 убыточных клиентов\nтеряют X"}
    for n in COUNTS:
        assert tn("whale.tail", n, "ru", loss="X") == tail[n]
        best = "лучшего клиента" if n in (1, 21) else "лучших клиентов"
        assert tn("whale.peak", n, "ru", peak="P", share="S") == f"Пик P\nу {n} {best} (S)"
        bg_tail = "1 нерентабилен клиент:\nзагуба X" if n == 1 else f"{n} нерентабилни клиенти:\nзагуба X"
        assert tn("whale.tail", n, "bg", loss="X") == bg_tail
        bg_best = "най-добър клиент" if n == 1 else "най-добри клиенти"
        assert tn("whale.peak", n, "bg", peak="P", share="S") == f"Връх P\nот {n} {bg_best} (S)"


def test_key_figure_forms():
    noun = {1: "клиент", 2: "клиента", 5: "клиентов", 11: "клиентов", 21: "клиент",
            22: "клиента", 25: "клиентов", 111: "клиентов"}
    for n in COUNTS:
        assert tn("kf.unprofitable_value", n, "ru", share="S", loss="L") == (
            f"{n} {noun[n]} (S всех клиентов), убыток L")
        assert tn("kf.concession_value", n, "ru", revenue="R", profit="P") == (
            f"{n} {noun[n]}: R выручки, P прибыли")
        assert tn("concession.detail", n, "ru", rate="D") == f"{n} {noun[n]} · средняя скидка D"
        best = "лучшего клиента" if n in (1, 21) else "лучших клиентов"
        assert tn("kf.peak_value", n, "ru", peak="P", share="S") == (
            f"P прибыли — у {n} {best} (S всех клиентов)")
        bg_noun = "клиент" if n == 1 else "клиенти"
        assert tn("kf.unprofitable_value", n, "bg", share="S", loss="L") == (
            f"{n} {bg_noun} (S от всички), загуба L")
        assert tn("kf.concession_value", n, "bg", revenue="R", profit="P") == (
            f"{n} {bg_noun}: R от оборота, P от печалбата")
        assert tn("concession.detail", n, "bg", rate="D") == f"{n} {bg_noun} · средна отстъпка D"
    assert tn("kf.unprofitable_value", 1, "en", share="S", loss="L") == "1 client (S of all), loss L"
    assert tn("kf.unprofitable_value", 2, "en", share="S", loss="L") == "2 clients (S of all), loss L"


def test_widget_summary_forms():
    verb = {1: "клиент убыточен", 2: "клиента убыточны", 5: "клиентов убыточны",
            11: "клиентов убыточны", 21: "клиент убыточен", 22: "клиента убыточны",
            25: "клиентов убыточны", 111: "клиентов убыточны"}
    for n in COUNTS:
        text = tn("widget.cts.summary", n, "ru", top="T", top20="A", peak="B", loss="L")
        assert text.endswith(f"<b>{n}</b> {verb[n]}, в сумме <b>L</b>.")
        bg = tn("widget.cts.summary", n, "bg", top="T", top20="A", peak="B", loss="L")
        assert bg.endswith(f"<b>{n}</b> клиент е на загуба, общо <b>L</b>." if n == 1
                           else f"<b>{n}</b> клиенти са на загуба, общо <b>L</b>.")


# --------------------------------------------------------------------------- through the views
@pytest.mark.parametrize("losers, expected", [
    (1, "<b>1</b> клиент убыточен"),
    (2, "<b>2</b> клиента убыточны"),
    (5, "<b>5</b> клиентов убыточны"),
])
def test_whale_summary_text_counts_the_unprofitable(losers, expected):
    summary = whale_summary(whale_curve(_pnl([1000.0] + [-1.0] * losers)))
    text = whale_summary_text(summary, "ru")
    assert expected in text
    assert text.startswith(f"Лучшие 20{NBSP}% клиентов приносят")


def test_concentration_text_says_the_effective_clients_in_words():
    # n equal clients: HHI = 1 / n, so the effective number of clients is n
    assert "как зависел бы от 21 равного по размеру клиента." in concentration_text(
        concentration(_revenues(21)), "ru")
    assert "от 22 равных по размеру клиентов." in concentration_text(
        concentration(_revenues(22)), "ru")
    assert "както би зависел от 25 еднакво големи клиенти." in concentration_text(
        concentration(_revenues(25)), "bg")
    assert "as it would on 100 equal-sized clients." in concentration_text(
        concentration(_revenues(100)), "en")


def _revenues(n: int) -> pd.DataFrame:
    return pd.DataFrame({"client_id": _ids([f"c{i}" for i in range(n)]), "revenue": [1.0] * n})


def test_concentration_table_rows_in_words():
    table = concentration_table(concentration(_revenues(100)), "ru")
    labels = list(table.iloc[:, 0])
    assert labels[0] == "Число клиентов"
    assert labels[3] == f"Доля крупнейших 20{NBSP}% клиентов в выручке"
    assert table.iloc[3, 1] == f"20,0{NBSP}%"  # 20 of 100 equal clients
    bg = concentration_table(concentration(_revenues(100)), "bg")
    assert bg.iloc[3, 0] == "Дял на най-големите 20% от клиентите в оборота"  # bg: no space before %


def test_concession_table_names_its_groups():
    pnl = pd.DataFrame({
        "client_id": _ids(["A", "B", "C"]),
        "revenue": [100.0, 300.0, 100.0],
        "discount": [25.0, 0.0, 0.0],
        "gross_margin": [10.0, 90.0, 30.0],
        "profit": [-5.0, 60.0, 20.0],
    })
    pnl["discount_rate"] = pnl["discount"] / (pnl["revenue"] + pnl["discount"])
    concession = concession_clients(pnl, threshold=0.15)
    ru = concession_table(concession, "ru")
    assert list(ru["group"]) == [f"Клиенты с уступками (средняя скидка от 15{NBSP}%)",
                                 "Остальные клиенты"]
    assert list(ru["clients"]) == [1, 2] and list(ru.columns) == list(concession.columns)
    assert list(concession["group"]) == ["concession", "other"]  # the analysis' table untouched
    en = concession_table(concession, "en")
    assert list(en["group"]) == ["Concession clients (average discount 15% or more)", "Other clients"]
    bg = concession_table(concession, "bg")
    assert bg["group"].iloc[1] == "Останалите клиенти"


# --------------------------------------------------------------------------- through the charts
def _texts(ax) -> list[str]:
    return [text.get_text() for text in ax.findobj(matplotlib.text.Text)]


def test_whale_chart_counts_agree():
    curve = whale_curve(_pnl([300.0, 100.0, -50.0, -150.0]))  # peak 200 % at 2 clients; 2 lose
    ax = plot_whale_curve(curve, whale_summary(curve), lang="ru")
    ax.figure.canvas.draw()
    peak = next(tx for tx in ax.texts if tx.get_gid() == "peak").get_text()
    assert peak == f"Пик 200{NBSP}%\nу 2 лучших клиентов (50{NBSP}%)"
    assert any(text.startswith("2 убыточных клиента\nтеряют ") for text in _texts(ax))
    one = whale_curve(_pnl([300.0, 100.0, 50.0, -150.0]))  # peak at 3 clients; 1 loses
    ax = plot_whale_curve(one, whale_summary(one), lang="ru")
    assert any(text.startswith("1 убыточный клиент\nтеряет ") for text in _texts(ax))
    peak = next(tx for tx in ax.texts if tx.get_gid() == "peak").get_text()
    assert peak.endswith(f"у 3 лучших клиентов (75{NBSP}%)")
    bg = plot_whale_curve(curve, whale_summary(curve), lang="bg")
    assert any(text.startswith("2 нерентабилни клиенти:\nзагуба ") for text in _texts(bg))


def test_concession_chart_counts_agree():
    pnl = _pnl([300.0, 100.0, -50.0, -150.0]).assign(
        revenue=[1000.0, 600.0, 300.0, 100.0], gross_margin=[350.0, 150.0, 0.0, -100.0],
        discount=[300.0, 0.0, 0.0, 0.0], discount_rate=[0.3, 0.0, 0.0, 0.0])
    ax = plot_concession(concession_clients(pnl, threshold=0.15), lang="ru")
    ticks = [tl.get_text() for tl in ax.get_xticklabels()]
    assert ticks[0] == (f"Клиенты с уступками\n(средняя скидка от 15{NBSP}%)\n"
                        f"1 клиент · средняя скидка 23,1{NBSP}%")  # 300 / (1000 + 300)
    assert ticks[1] == f"Остальные клиенты\n3 клиента · средняя скидка 0,0{NBSP}%"


def test_concentration_chart_box_counts_agree():
    revenues = _revenues(22)
    conc = concentration(revenues)
    ax = plot_concentration(whale_curve(revenues, measure="revenue"), conc, lang="ru")
    box = next(tx for tx in ax.texts if tx.get_gid() == "verdict").get_text()
    assert box.endswith("≈ 22 равных по размеру клиента")
    top = next(tx for tx in ax.texts if tx.get_gid() == "top20").get_text()
    assert top.startswith(f"Крупнейшие 20{NBSP}% клиентов:\n")
    assert math.isclose(conc["effective_clients"], 22)

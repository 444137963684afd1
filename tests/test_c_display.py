"""The loaded-data line and the 'this part needs …' note: counts agree, no code names."""

from types import SimpleNamespace

import pandas as pd
import pytest

from kbcore.views.display import loaded_summary, needs
from kbcore.views.figures import missing


def _dataset(clients: int, lines: int, source="demo"):
    ids = [f"C{i % clients}" for i in range(lines)]
    dates = pd.date_range("2024-01-01", periods=lines, freq="D")
    return SimpleNamespace(source=source, sales=pd.DataFrame({"client_id": ids, "date": dates}))


@pytest.mark.parametrize(("clients", "lines", "ru", "bg"), [
    (1, 1, "1 строка продаж, 1 клиент", "1 ред продажби, 1 клиент"),
    (2, 2, "2 строки продаж, 2 клиента", "2 реда продажби, 2 клиенти"),
    (5, 21, "21 строка продаж, 5 клиентов", "21 реда продажби, 5 клиенти"),
    (21, 25, "25 строк продаж, 21 клиент", "25 реда продажби, 21 клиенти"),
    (22, 111, "111 строк продаж, 22 клиента", "111 реда продажби, 22 клиенти"),
])
def test_loaded_summary_counts_agree(clients, lines, ru, bg):
    ds = _dataset(clients, lines)
    assert loaded_summary(ds, "ru").startswith(f"Загружено: демо-компания — {ru}, 1 янв. 2024")
    assert loaded_summary(ds, "bg").startswith(f"Заредено: демо фирмата — {bg}, ")
    assert loaded_summary(ds, "en").startswith("Loaded the demo company: ")


def test_loaded_summary_names_the_company_file():
    assert loaded_summary(_dataset(1, 2, "Продажи.csv"), "ru").startswith(
        "Загружено: Продажи.csv — 2 строки продаж, 1 клиент")


@pytest.mark.parametrize("lang", ["en", "ru", "bg"])
def test_needs_and_missing_figures_name_data_in_words(lang):
    for text in (needs("need.cost", "need.cost.how", lang), missing("need.discount", lang)):
        assert "«cost»" not in text and "«discount»" not in text and "ноутбук" not in text
    assert needs("need.cost", "need.cost.how", "ru") == (
        "Для этого раздела нужны данные: себестоимость каждой строки продаж (в 1С — "
        "«Себестоимость»). В ваших данных их нет. Чтобы увидеть раздел, выгрузите продажи "
        "вместе с себестоимостью, например отчёт 1С «Валовая прибыль»; остальные разделы "
        "рабочей тетради работают.")


def test_styled_money_in_the_named_currency():
    import pandas as pd

    from kbcore.views.display import styled

    df = pd.DataFrame({"revenue": [1234.5]})
    assert "€" in styled(df, "bg", currency="EUR").to_html()
    assert "₽" in styled(df, "ru").to_html()  # the default stays the rouble

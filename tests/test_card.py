"""Block 5 client card (карточка клиента): data, HTML rendering (escaped), search widget."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.card import card_fill, client_card, find_clients  # noqa: E402
from kbcore.charts.creation import plot_card_trend  # noqa: E402
from kbcore.facts import Facts  # noqa: E402
from kbcore.views.card import card_html, sparkline_svg  # noqa: E402
from kbcore.widgets.card import card_browser  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error:Glyph")

EVIL = "<script>alert('x')</script> & Co"


def _ids(values):
    return pd.array(values, dtype="string")


@pytest.fixture
def data():
    sales = pd.DataFrame(
        {
            "client_id": _ids(["A", "A", "A", "B"]),
            "date": pd.to_datetime(["2023-05-01", "2024-02-01", "2024-12-01", "2024-06-01"]),
            "doc_id": _ids(["D1", "D2", "D3", "D4"]),
            "product_id": _ids(["P1", "P2", "P1", "P1"]),
            "revenue": [100.0, 60.0, 40.0, 500.0],
            "cost": [70.0, 40.0, 30.0, 400.0],
            "manager": _ids(["M0", "M0", "M9", "M2"]),
        }
    )
    clients = pd.DataFrame(
        {
            "client_id": _ids(["A", "B", "C"]),
            "name": _ids([EVIL, "ООО «Бета»", "АО «Це»"]),
            "tax_id": _ids(["0212345678", None, "6600000000"]),
            "segment": _ids(["S1", "S2", None]),
            "manager": _ids(["M1", None, "M3"]),
            "phone": _ids(["+7 900", "", None]),
            "potential": [400.0, np.nan, 10.0],
            "key_account": pd.array([True, False, False], dtype="boolean"),
        }
    )
    contacts = pd.DataFrame(
        {
            "client_id": _ids(["A", "A"]),
            "contact_id": _ids(["K1", "K2"]),
            "name": _ids(["Иванов <b>", "Петрова"]),
            "buying_role": _ids(["decision_maker", "buyer"]),
        }
    )
    interactions = pd.DataFrame(
        {
            "client_id": _ids(["A", "A", "A", "B"]),
            "date": pd.to_datetime(["2024-01-05", "2024-11-20", "2025-03-01", "2024-06-02"]),
            "kind": _ids(["call", "visit", "call", "visit"]),
            "note": _ids(["<i>нота</i>", None, "future", None]),
        }
    )
    return sales, clients, contacts, interactions


def test_client_card(data):
    sales, clients, contacts, interactions = data
    stages = pd.DataFrame({"client_id": _ids(["A"]), "stage": ["regular"]})
    card = client_card(Facts(sales), clients, "A", contacts=contacts, interactions=interactions,
                       stages=stages, as_of="2024-12-31")
    assert card.identity["name"] == EVIL
    assert card.identity["manager"] == "M1"  # the card's manager, not the sales line's
    assert card.stage == "regular"
    years = card.years.set_index("year")
    assert years.loc[2024, "revenue"] == 100.0 and years.loc[2024, "gross_margin"] == 30.0
    assert years.loc[2023, "gross_margin_pct"] == pytest.approx(0.3)
    s = card.summary
    assert s["revenue_12m"] == 100.0
    assert s["share_of_wallet"] == pytest.approx(0.25)
    assert s["products"] == 2
    assert s["days_since_last"] == 30
    assert list(card.contacts["name"]) == ["Петрова", "Иванов <b>"]  # by role: buyer < decision_maker
    assert list(card.interactions["date"]) == list(pd.to_datetime(["2024-11-20", "2024-01-05"]))
    # the clients table has no email/address/… columns: all are gaps; the phone is filled
    assert "phone" not in card.gaps and "email" in card.gaps and "contacts" not in card.gaps


def test_client_card_gaps_and_fallbacks(data):
    sales, clients, contacts, interactions = data
    card = client_card(Facts(sales), clients, "B", contacts=contacts, interactions=interactions)
    assert card.identity["manager"] is pd.NA or pd.isna(card.identity["manager"])
    assert {"tax_id", "manager", "phone", "potential", "contacts"} <= set(card.gaps)
    assert "interactions" not in card.gaps
    # a client without purchases
    c = client_card(Facts(sales), clients, "C", as_of="2024-12-31")
    assert c.years.empty and c.summary["revenue_12m"] == 0.0
    assert c.summary["share_of_wallet"] == 0.0
    assert c.contacts is None and c.interactions is None
    # sales only: the name is the ID, the manager from the last sales line
    s = client_card(Facts(sales), None, "A")
    assert s.identity["name"] == "A" and s.identity["manager"] == "M9"
    assert "name" in s.gaps
    with pytest.raises(KeyError):
        client_card(Facts(sales), clients, "ZZZ")


def test_find_clients(data):
    sales, clients, _, _ = data
    assert list(find_clients(clients, "бета")["client_id"]) == ["B"]
    assert list(find_clients(clients, "0212")["client_id"]) == ["A"]  # ИНН with a leading zero
    assert list(find_clients(clients, "c")["client_id"])[0] == "C"  # the ID first
    extra = sales.assign(client_id=_ids(["A", "A", "A", "Q"]))
    assert "Q" in set(find_clients(clients, "", facts=Facts(extra))["client_id"])
    assert find_clients(None, "x").empty


def test_card_html_escapes_client_text(data):
    sales, clients, contacts, interactions = data
    card = client_card(Facts(sales), clients, "A", contacts=contacts, interactions=interactions,
                       as_of="2024-12-31")
    for lang in ("en", "ru"):
        page = card_html(card, lang)
        assert "<script>" not in page
        assert "&lt;script&gt;" in page
        assert "Иванов &lt;b&gt;" in page
        assert "&lt;i&gt;нота&lt;/i&gt;" in page
        assert "<svg" in page
    ru = card_html(card, "ru")
    assert "Ключевой клиент" in ru and "закупщик" in ru
    assert "<script>" not in ru


def test_sparkline_heights(data):
    years = pd.DataFrame({"year": [2023, 2024], "revenue": [100.0, 50.0],
                          "gross_margin": [30.0, np.nan]})
    svg = sparkline_svg(years, width=100, height=70)
    assert svg.count("<rect") == 2 and svg.count("<circle") == 1
    assert 'height="54.0"' in svg and 'height="27.0"' in svg  # 54 px plot area


def test_card_fill(data):
    sales, clients, contacts, interactions = data
    fill = card_fill(clients, facts=Facts(sales), contacts=contacts, interactions=interactions)
    f = fill.set_index("field")
    assert f.loc["tax_id", "filled"] == 2 and f.loc["tax_id", "clients"] == 3
    assert f.loc["phone", "filled"] == 1  # "" is empty
    assert f.loc["email", "filled_share"] == 0.0 and not f.loc["email", "recorded"]
    assert f.loc["contacts", "filled"] == 1
    assert f.loc["interactions", "filled_share"] == pytest.approx(2 / 3)
    no_tables = card_fill(clients).set_index("field")
    assert "contacts" not in no_tables.index


def test_plot_card_trend(data):
    sales, clients, _, _ = data
    card = client_card(Facts(sales), clients, "A")
    for lang in ("en", "ru"):
        ax = plot_card_trend(card.years, lang=lang)
        assert [p.get_height() for p in ax.patches] == [100.0, 100.0]
        line = [ln for ln in ax.get_lines() if ln.get_gid() == "gross_margin"][0]
        assert list(line.get_ydata()) == [30.0, 30.0]
        plt.close(ax.figure)
    ax = plot_card_trend(card.years.iloc[0:0])
    plt.close(ax.figure)


def test_card_browser_widget(data):
    sales, clients, contacts, interactions = data
    box = card_browser(Facts(sales), clients, contacts=contacts, interactions=interactions, lang="ru")
    assert box.select.value is not None
    box.search.value = "бета"
    assert [v for _, v in box.select.options] == ["B"]
    assert box.select.value == "B" and "ООО «Бета»" in box.output.value
    box.search.value = "0212"
    assert box.select.value == "A"
    assert "&lt;script&gt;" in box.output.value and "<script>" not in box.output.value
    box.search.value = "нет такого"
    assert box.select.options == () and box.output.value == ""
    assert box.info.value
    direct = card_browser(Facts(sales), clients, client_id="C")
    assert direct.select.value == "C" and direct.card.client_id == "C"


def test_demo_card(demo_dataset):
    ds = demo_dataset
    card = client_card(Facts.of(ds), ds.clients, "000038", products=ds.products,
                       contacts=ds.contacts, interactions=ds.interactions)
    assert card.identity["key_account"]
    assert len(card.contacts) == 1  # planted truth 5: a key client hangs on one person
    assert not math.isnan(card.summary["potential"])


def test_card_browser_reads_the_facts_never_the_lines_again(data):
    from kbcore.facts import reductions

    sales, clients, contacts, interactions = data
    facts = Facts(sales)
    before = reductions()
    box = card_browser(facts, clients, contacts=contacts, interactions=interactions)
    box.search.value = "бета"
    box.search.value = "0212"
    card_fill(clients, facts=facts)
    assert reductions() - before == 1

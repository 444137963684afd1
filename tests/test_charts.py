"""Block 1 charts and the kbcore style, tested by their artists under Agg (never pixels)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from kbcore.analyses.profitability import (  # noqa: E402
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
)
from kbcore.charts.profitability import (  # noqa: E402
    plot_concentration,
    plot_concession,
    plot_whale_curve,
    plot_yearly,
)
from kbcore.charts.style import (  # noqa: E402
    STYLE_PATH,
    fmt_money_short,
    fmt_number_short,
    money_formatter,
    pct_formatter,
    style,
    use_style,
)
from kbcore.i18n import t  # noqa: E402

# a missing glyph (Cyrillic, ₽) must fail here, not draw boxes on a projector
pytestmark = pytest.mark.filterwarnings("error:Glyph")

NBSP = "\xa0"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _render(ax):
    """Draw the figure (layout, tick labels, glyphs) without writing pixels anywhere."""
    ax.figure.canvas.draw()
    return ax


def _texts(ax) -> list[str]:
    """Every text of the axes, line breaks read as spaces (long notes are wrapped)."""
    return [text.get_text().replace("\n", " ") for text in ax.findobj(matplotlib.text.Text)]


def _yearly(months_last: int = 12) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "clients": [10, 12, 14],
            "revenue": [100e6, 140e6, 190e6],
            "cost": [75e6, 106e6, 146e6],
            "gross_margin": [25e6, 34e6, 44e6],
            "gross_margin_pct": [0.25, 0.243, 0.232],
            "cost_to_serve": [15e6, 24e6, 34e6],
            "profit": [10e6, 10e6, 10e6],
            "profit_pct": [0.1, 0.071, 0.053],
            "months": [12, 12, months_last],
        }
    )


def _pnl() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "client_id": pd.array(["a", "b", "c", "d"], dtype="string"),
            "revenue": [1000.0, 600.0, 300.0, 100.0],
            "discount": [300.0, 0.0, 10.0, 0.0],
            "gross_margin": [350.0, 150.0, 0.0, -100.0],
            "profit": [300.0, 100.0, -50.0, -150.0],
        }
    ).assign(discount_rate=lambda d: d["discount"] / (d["revenue"] + d["discount"]))


# --------------------------------------------------------------------------- style
def test_style_is_projector_readable():
    with style():
        assert list(plt.rcParams["figure.figsize"]) == [10.0, 5.5]
        assert plt.rcParams["font.size"] >= 12
        assert plt.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert STYLE_PATH.exists()
    use_style()
    assert plt.rcParams["axes.titlesize"] >= 14
    plt.rcdefaults()


def test_compact_money_and_percent_formatters():
    assert fmt_money_short(12_000_000, "ru") == f"12{NBSP}млн{NBSP}₽"
    assert fmt_money_short(1_234_567_890, "ru") == f"1,2{NBSP}млрд{NBSP}₽"
    assert fmt_money_short(12_000_000, "en") == f"RUB{NBSP}12M"
    assert fmt_money_short(-5_300_000, "en") == f"\u2212RUB{NBSP}5.3M"
    assert fmt_money_short(float("nan"), "en") == "—"
    assert money_formatter("ru")(250e6, 0) == f"250{NBSP}млн{NBSP}₽"
    assert pct_formatter("ru")(1.5, 0) == f"150{NBSP}%"
    assert pct_formatter("en")(-0.25, 0) == "\u221225%"


# --------------------------------------------------------------------------- yearly
def test_compact_formatters_in_bulgarian():
    """The currency is the caller's (the 004 program's own), the words and signs Bulgarian."""
    assert fmt_money_short(12_000_000, "bg", "EUR") == f"12{NBSP}млн.{NBSP}€"
    assert fmt_money_short(-5_300_000, "bg", "BGN") == f"\u22125,3{NBSP}млн.{NBSP}лв."
    assert fmt_number_short(12_300, "bg") == f"12,3{NBSP}хил."
    assert pct_formatter("bg")(-0.25, 0) == "\u221225%"
    assert fmt_money_short(None, "bg") == "—"


def test_plot_yearly_draws_the_data():
    yearly = _yearly()
    ax = _render(plot_yearly(yearly, lang="en"))
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [b.get_height() for b in bars] == list(yearly["revenue"])
    lines = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    assert list(lines["gross_margin"].get_ydata()) == list(yearly["gross_margin"])
    assert list(lines["profit"].get_ydata()) == list(yearly["profit"])
    assert [tl.get_text() for tl in ax.get_xticklabels()] == ["2023", "2024", "2025"]
    assert [tx.get_text() for tx in ax.get_legend().get_texts()] == [
        "Revenue",
        "Gross margin",
        "Client profit",
    ]
    assert "RUB\xa0190M" in _texts(ax)  # the last bar's value label


def test_plot_yearly_in_russian_with_a_partial_year():
    ax = _render(plot_yearly(_yearly(months_last=6), lang="ru"))
    assert ax.get_title("left") == t("yearly.title", "ru")
    assert [tl.get_text() for tl in ax.get_xticklabels()] == ["2023", "2024", "2025*"]
    assert "* неполный год: 2025 (6 мес.)" in _texts(ax)
    assert any(tl.get_text().endswith("млн\xa0₽") for tl in ax.get_yticklabels())
    assert t("col.revenue", "ru") in [tx.get_text() for tx in ax.get_legend().get_texts()]


def test_plot_yearly_without_cost_shows_revenue_and_a_note():
    yearly = _yearly().assign(gross_margin=np.nan, profit=np.nan, cost=np.nan)
    ax = _render(plot_yearly(yearly, lang="en"))
    assert not [line for line in ax.get_lines() if line.get_gid()]
    assert t("yearly.no_cost", "en") in _texts(ax)


# --------------------------------------------------------------------------- whale curve
def test_plot_whale_curve_marks_peak_100_line_and_tail():
    curve = whale_curve(_pnl())  # profits 300, 100, −50, −150: peak 200 % at 2 clients
    summary = whale_summary(curve)
    ax = _render(plot_whale_curve(curve, summary, lang="ru"))
    line = next(li for li in ax.get_lines() if li.get_gid() == "whale")
    assert list(line.get_xdata()) == [0.0, 0.25, 0.5, 0.75, 1.0]  # from the origin
    assert list(line.get_ydata()) == [0.0, 1.5, 2.0, 1.75, 1.0]
    marker = next(li for li in ax.get_lines() if li.get_gid() == "peak_marker")
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (0.5, 2.0)
    peak = next(tx for tx in ax.texts if tx.get_gid() == "peak")
    assert peak.get_text() == f"Пик 200{NBSP}%\nу 2 лучших клиентов (50{NBSP}%)"
    hundred = next(li for li in ax.get_lines() if li.get_gid() == "hundred")
    assert list(hundred.get_ydata()) == [1.0, 1.0]
    tail = next(p for p in ax.patches if p.get_gid() == "tail")
    assert tail.get_x() == pytest.approx(0.5)  # the 2 unprofitable of 4 clients
    assert f"2 убыточных клиента теряют 200{NBSP}₽" in _texts(ax)  # the count agrees: 2 … клиента
    assert ax.get_title("left") == t("whale.title", "ru")
    assert ax.get_xlabel() == t("whale.xlabel", "ru")


def test_plot_whale_curve_with_negative_total_is_drawn_in_money():
    pnl = _pnl().assign(profit=[10.0, -20.0, -30.0, -40.0])
    curve = whale_curve(pnl)
    ax = _render(plot_whale_curve(curve, whale_summary(curve), lang="en"))
    line = next(li for li in ax.get_lines() if li.get_gid() == "whale")
    assert list(line.get_ydata()) == [0.0, 10.0, -10.0, -40.0, -80.0]
    assert not [li for li in ax.get_lines() if li.get_gid() == "hundred"]
    assert t("whale.note.nonpositive_total", "en") in _texts(ax)


def test_plot_whale_curve_empty():
    curve = whale_curve(_pnl().iloc[0:0])
    ax = _render(plot_whale_curve(curve, whale_summary(curve), lang="ru"))
    assert t("whale.note.empty", "ru") in _texts(ax)


# --------------------------------------------------------------------------- concessions
def test_plot_concession_bars_equal_the_shares():
    concession = concession_clients(_pnl(), threshold=0.15)  # client a: 300 / 1300 ≈ 23 %
    ax = _render(plot_concession(concession, lang="ru"))
    heights = [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]
    expected = list(concession["revenue_share"]) + list(concession["profit_share"])
    assert heights == pytest.approx(expected)
    ticks = [tl.get_text() for tl in ax.get_xticklabels()]
    assert ticks[0] == (f"Клиенты с уступками\n(средняя скидка от 15{NBSP}%)\n"
                        f"1 клиент · средняя скидка 23,1{NBSP}%")
    assert ticks[1] == f"Остальные клиенты\n3 клиента · средняя скидка 1,0{NBSP}%"
    assert [tx.get_text() for tx in ax.get_legend().get_texts()] == ["Доля выручки", "Доля прибыли"]
    assert ax.get_title("left") == t("concession.title", "ru")


def test_plot_concession_without_profit_shares():
    losing = _pnl().assign(profit=[-1.0, -1.0, -1.0, -1.0])
    ax = _render(plot_concession(concession_clients(losing), lang="en"))
    assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == 2  # revenue only
    assert t("concession.note.nonpositive_total", "en") in _texts(ax)


# --------------------------------------------------------------------------- concentration
def test_plot_concentration_draws_the_revenue_curve_it_is_given():
    pnl = _pnl()  # revenues 1000, 600, 300, 100 of 2000
    conc = concentration(pnl)
    ax = _render(plot_concentration(whale_curve(pnl, measure="revenue"), conc, lang="en"))
    line = next(li for li in ax.get_lines() if li.get_gid() == "pareto")
    assert list(line.get_ydata()) == pytest.approx([0.0, 0.5, 0.8, 0.95, 1.0])
    same = plot_concentration(whale_curve(pnl, measure="revenue"), conc, lang="en")
    assert list(
        next(li for li in same.get_lines() if li.get_gid() == "pareto").get_ydata()
    ) == pytest.approx([0.0, 0.5, 0.8, 0.95, 1.0])
    marker = next(li for li in ax.get_lines() if li.get_gid() == "top20_marker")
    assert marker.get_ydata()[0] == pytest.approx(0.5)  # ceil(0.2 × 4) = 1 client: 1000 / 2000
    verdict = next(tx for tx in ax.texts if tx.get_gid() == "verdict").get_text()
    assert verdict.startswith("Dependence: high")  # top-1 50 %


def test_plot_concentration_in_russian_and_empty():
    pnl = _pnl()
    ax = _render(plot_concentration(whale_curve(pnl, measure="revenue"), concentration(pnl),
                                    lang="ru"))
    verdict = next(tx for tx in ax.texts if tx.get_gid() == "verdict").get_text()
    assert "Зависимость: высокая" in verdict and "HHI 0,365" in verdict  # .5² + .3² + .15² + .05²
    assert ax.get_title("left") == t("conc.title", "ru")
    assert any(tl.get_text() == f"20{NBSP}%" for tl in ax.get_xticklabels())
    empty = pnl.iloc[0:0]
    ax = _render(plot_concentration(whale_curve(empty, measure="revenue"), concentration(empty),
                                    lang="ru"))
    assert t("conc.verdict.unknown", "ru") in _texts(ax)


def test_charts_draw_into_a_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert plot_yearly(_yearly(), ax=axes[0]) is axes[0]
    curve = whale_curve(_pnl())
    assert plot_whale_curve(curve, whale_summary(curve), ax=axes[1]) is axes[1]
    fig.canvas.draw()

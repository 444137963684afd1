"""Block 8 · views and charts of the data side (kbcore.views.ka_sources, kbcore.charts.ka_sources)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.ka_relationship import relationship_stages, relationship_template  # noqa: E402
from kbcore.analyses.ka_sources import ka_candidates, ka_market_cells  # noqa: E402
from kbcore.charts.ka_sources import (  # noqa: E402
    plot_candidates,
    plot_market_cells,
    plot_relationship_stages,
)
from kbcore.facts import Facts  # noqa: E402
from kbcore.i18n import t, tn  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views import is_missing  # noqa: E402
from kbcore.views import ka_sources as v  # noqa: E402

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)


def _facts():
    rows = [("2025-03-01", "A", 100.0), ("2025-06-01", "B", 300.0), ("2025-09-01", "C", 50.0),
            ("2023-02-01", "D", 70.0)]
    df = pd.DataFrame(rows, columns=[C.date, C.client_id, C.revenue])
    df[C.date] = pd.to_datetime(df[C.date])
    return Facts(df, as_of="2025-12-31")


def _clients():
    return pd.DataFrame({C.client_id: ["A", "B", "C", "D"], C.name: ["Alfa", "Beta", "Gamma", "Delta"],
                         C.segment: ["Ind", "Ind", "Ret", "Ret"], C.region: ["N", "N", "N", "S"],
                         C.potential: [1000.0, 400.0, np.nan, 2000.0],
                         C.key_account: [True, False, False, False]})


def _market():
    return pd.DataFrame({C.segment: ["Ind", "Ret"], C.region: ["N", "E"], C.companies: [10, 3],
                         C.consumption_per_company: [500.0, 200.0]})


def _relationship():
    tpl = relationship_template({"stages": [
        {"id": "exploratory"}, {"id": "basic", "requires": {"dmu_contacts": 1}},
        {"id": "cooperative", "requires": {"dmu_contacts": 3, "share_of_wallet": 0.3}}]})
    m = pd.DataFrame({C.client_id: ["A", "B"], "dmu_contacts": [2.0, np.nan], "share_of_wallet": [0.5, 0.1]})
    return relationship_stages(m, tpl, manual=pd.DataFrame({C.client_id: ["B"], "stage": ["basic"]}))


# --------------------------------------------------------------------------- plural forms
@pytest.mark.parametrize("key", ["b8.cands.found", "b8.cands.unknown", "b8.cells.outside",
                                 "b8.rel.manual"])
def test_ru_plural_forms(key):
    forms = {n: tn(key, n, "ru") for n in COUNTS}
    # 1 and 21 share a form, 2 and 22 another, 5, 11, 25 and 111 a third
    strip = {n: s.replace(str(n), "#") for n, s in forms.items()}
    assert strip[1] == strip[21] and strip[2] == strip[22]
    assert strip[5] == strip[11] == strip[25] == strip[111]
    # "у 2 клиентов" and "у 5 клиентов" (genitive) agree; every other text has three forms
    assert len({strip[1], strip[2], strip[5]}) == (2 if key == "b8.cands.unknown" else 3)
    assert strip[1] != strip[5]


def test_ru_plural_words_by_hand():
    assert tn("b8.cands.found", 1, "ru") == "Найден 1 кандидат."
    assert tn("b8.cands.found", 22, "ru") == "Найдено 22 кандидата."
    assert tn("b8.cands.found", 111, "ru") == "Найдено 111 кандидатов."


# --------------------------------------------------------------------------- tables in words
def test_market_cells_view_headers_and_missing():
    cells = ka_market_cells(_facts(), _clients(), _market())
    view = v.market_cells_view(cells, "ru")
    heads = v.headers(view.columns, "ru")
    assert heads["market_share"] == "Наша доля рынка" and heads["white_spot"] == "Белое пятно"
    assert all("_" not in h for h in heads.values())
    assert set(view["white_spot"]) <= {"да", ""} and "да" in set(view["white_spot"])
    html = v.market_cells_table(cells, "ru").to_html()
    assert "Объём рынка в год" in html and "market_volume" not in html
    assert "—" in html  # the cells outside the market table have no market volume


def test_candidates_view_and_note():
    cands = ka_candidates(_facts(), _clients(), min_potential=300)
    view = v.candidates_view(cands, "en")
    assert list(view[C.name]) == ["Delta"] and "profile_score" not in view.columns
    note = v.candidates_note(cands, "en", given=True)
    assert "1 candidate found" in note and "1 client has no potential" in note
    assert v.candidates_note(ka_candidates(_facts(), None), "en") == ""  # no potential: nothing to say


def test_relationship_view_in_words():
    view = v.relationship_view(_relationship(), _clients(), "ru")
    row = view.set_index(C.name)
    assert row.loc["Alfa", "stage"] == "базовая"
    assert row.loc["Alfa", "held_back_by"] == "число знакомых нам людей: 2 (нужно 3)"
    assert row.loc["Beta", "stage"] == "базовая (задана вручную)"
    assert "нет данных" in row.loc["Beta", "held_back_by"] or row.loc["Beta", "missing"]
    assert row.loc["Alfa", "next_stage"] == "кооперативная"


def test_key_figures_missing_on_sales_only():
    facts = _facts()
    cells = ka_market_cells(facts, None, None)
    cands = ka_candidates(facts, None)
    rel = relationship_stages(pd.DataFrame({C.client_id: [], "dmu_contacts": []}),
                              relationship_template({"stages": [{"id": "exploratory"},
                                                                {"id": "basic", "requires": {"dmu_contacts": 1}}]}))
    figs = v.ka_sources_figures(cells, cands, rel, None, "en")
    by_label = {f.label: f for f in figs}
    for key in ("b8.kf.white_spots", "b8.kf.candidates", "b8.kf.stage_top", "b8.kf.accounts_needed"):
        fig = by_label[t(key, "en")]
        assert is_missing(fig.value) and fig.needs, key


def test_need_widget_uses_block_7s_chart_and_text():
    """Block 8's explorer draws block 7's chart and writes block 7's text for the wider pool."""
    from kbcore.widgets.ka_sources import ka_need_explorer
    pool = pd.DataFrame({C.client_id: ["A", "B", "C"], "headroom": [60.0, 30.0, 20.0]})
    box = ka_need_explorer(pool, 800.0, year=2025, growth=0.10, capture=1.0, lang="en", capacity_per_kam=2,
                           key_accounts=["A"])
    assert box.need.accounts_needed == 2 and box.need.kams_needed == 1  # 60 + 30 ≥ 80
    assert "It takes 2 accounts — today's key accounts and the candidates" in box.summary.value
    assert "revenue of 2025" in box.summary.value and "outside the usual 15–35" in box.summary.value
    box.sliders["capture"].value = 0.5  # 30 + 15 + 10 < 80: not reached
    assert box.need.accounts_needed is None
    assert "Counted: 50%" in box.summary.value and "less than the goal" in box.summary.value
    plt.close("all")


# --------------------------------------------------------------------------- charts
@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_market_cells_chart(lang):
    cells = ka_market_cells(_facts(), _clients(), _market())
    ax = plot_market_cells(cells, lang=lang)
    assert ax.get_title("left") == t("b8.chart.cells.title", lang)
    bars = [p for p in ax.patches if p.get_gid() == "market_volume"]
    ours = [p for p in ax.patches if p.get_gid() == "our_revenue"]
    assert len(bars) == len(ours) == len(cells)  # one bar per cell
    assert ax.get_xlabel() == t("b8.chart.cells.xlabel", lang)
    texts = [a.get_text() for a in ax.texts]
    assert t("b8.chart.cells.white", lang) in texts  # the white spot is named


def test_market_cells_chart_without_market():
    ax = plot_market_cells(ka_market_cells(_facts(), _clients(), None), lang="en")
    assert not [p for p in ax.patches if p.get_gid() == "market_volume"]
    assert any(a.get_gid() == "footnote" for a in ax.texts)


def test_candidates_chart_one_artist_per_group():
    cands = ka_candidates(_facts(), _clients(), min_potential=300)
    ax = plot_candidates(cands, lang="en")
    gids = {c.get_gid(): c for c in ax.collections}
    assert set(gids) == {"others", "candidates", "key_accounts"}
    assert len(gids["candidates"].get_offsets()) == 1 and len(gids["key_accounts"].get_offsets()) == 1
    assert ax.get_title("left") == t("b8.chart.cands.title", "en") and ax.get_xscale() == "log"
    empty = plot_candidates(ka_candidates(_facts(), None), lang="ru")
    assert any(a.get_gid() == "empty-note" for a in empty.texts)


def test_stages_chart():
    ax = plot_relationship_stages(_relationship(), lang="ru")
    est = [p for p in ax.patches if p.get_gid() == "estimated"]
    man = [p for p in ax.patches if p.get_gid() == "manual"]
    assert len(est) == len(man) == 3  # one bar per stage
    assert [p.get_width() for p in man] == [0, 1, 0]
    assert [tk.get_text() for tk in ax.get_yticklabels()] == ["исследовательская", "базовая", "кооперативная"]


def test_chart_titles_are_distinct():
    keys = ["b8.chart.cells.title", "b8.chart.cands.title", "b8.chart.stages.title", "ka7.need.title"]
    for lang in ("en", "ru", "bg"):
        assert len({t(k, lang) for k in keys}) == len(keys)

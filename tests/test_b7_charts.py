"""Block 7 · charts of the key accounts: titles, axes, one artist per group or item, candidates named."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.ka_advantage import advantage_scores, load_advantage_template  # noqa: E402
from kbcore.analyses.ka_portfolio import (  # noqa: E402
    key_accounts_needed,
    load_portfolio_template,
    portfolio_scores,
)
from kbcore.analyses.key_accounts import ka_on_whale_curve  # noqa: E402
from kbcore.analyses.profitability import whale_curve, whale_summary  # noqa: E402
from kbcore.charts.key_accounts import (  # noqa: E402
    plot_advantage,
    plot_ka_matrix,
    plot_ka_needed,
    plot_ka_whale,
    plot_ka_yearly,
)
from kbcore.i18n import t  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _gid(ax, gid):
    return [a for a in [*ax.collections, *ax.lines, *ax.patches, *ax.texts]
            if getattr(a, "get_gid", lambda: None)() == gid]


def _title(ax):
    return ax.get_title("left") or ax.get_title()


def _pnl():
    return pd.DataFrame({"client_id": list("abcdef"), "name": list("ABCDEF"),
                         "revenue": [100.0, 80, 60, 40, 20, 10], "profit": [30.0, 20, 10, 5, -2, -8]})


def test_whale_marks_each_key_account_once_and_counts_those_off_the_curve():
    pnl = _pnl()
    curve = whale_curve(pnl)
    ax = plot_ka_whale(curve, whale_summary(curve), ka_on_whale_curve(pnl, ["a", "e", "zz"]), lang="ru")
    assert _title(ax) == t("ka7.whale.title", "ru")
    dots = _gid(ax, "key_accounts")
    assert len(dots) == 1 and len(dots[0].get_offsets()) == 2
    notes = _gid(ax, "footnote")
    assert notes and "1 из них нет на кривой" in notes[0].get_text()
    ax2 = plot_ka_whale(curve, whale_summary(curve), ka_on_whale_curve(pnl, ["a"]), candidates=True, lang="ru")
    assert _title(ax2) == t("ka7.whale.title_candidates", "ru")


def _measures():
    m = pd.DataFrame({"client_id": list("abcd"), "key_account": [True, False, False, False]})
    for col in ("revenue_12m", "potential", "headroom", "growth", "margin_rate", "client_profit", "profit_margin",
                "share_of_wallet", "tenure_years", "dmu_contacts", "dmu_roles", "csat", "nps"):
        m[col] = np.nan
    m["revenue_12m"] = [50.0, 20.0, 5.0, 0.0]
    m["margin_rate"] = [0.3, 0.2, 0.1, np.nan]
    m["tenure_years"] = [6.0, 2.0, 0.5, np.nan]
    return m


def test_matrix_has_one_artist_per_group_four_quadrant_names_and_cut_lines():
    m = _measures()
    result = portfolio_scores(m, load_portfolio_template())
    ax = plot_ka_matrix(result, m, lang="ru")
    assert _title(ax) == t("ka7.matrix.title", "ru")
    assert ax.get_xlabel() == t("ka7.matrix.xlabel", "ru") and ax.get_ylabel() == t("ka7.matrix.ylabel", "ru")
    assert len(_gid(ax, "key_accounts")[0].get_offsets()) == 1
    assert len(_gid(ax, "others")[0].get_offsets()) == 2  # d has no data: not placed
    names = {a.get_text() for a in ax.texts if (a.get_gid() or "").startswith("quadrant_")}
    assert names == {"Инвестировать в рост", "Инвестировать выборочно", "Поддерживать позиции", "Обслуживать экономно"}
    assert _gid(ax, "cut_attractiveness") and _gid(ax, "cut_strength")
    assert "1 клиент не размещён" in _gid(ax, "footnote")[0].get_text()
    ax2 = plot_ka_matrix(result, m, key_accounts=["b", "c"], lang="en")
    assert len(_gid(ax2, "key_accounts")[0].get_offsets()) == 2


def test_yearly_bars_one_per_year_and_partial_year_starred():
    totals = pd.DataFrame({"year": [2024, 2025], "months": [12, 6], "ka_clients": [3, 3],
                           "revenue_ka": [100.0, 60.0], "revenue_all": [400.0, 200.0], "revenue_share": [0.25, 0.3],
                           "gross_margin_ka": [20.0, 10.0], "gross_margin_all": [80.0, 40.0],
                           "margin_share": [0.25, 0.25], "margin_rate_ka": [0.2, 0.17], "margin_rate_all": [0.2, 0.2]})
    ax = plot_ka_yearly(totals, lang="ru")
    assert _title(ax) == t("ka7.yearly.title", "ru")
    assert [tk.get_text() for tk in ax.get_xticklabels()] == ["2024", "2025*"]
    bars = [c for c in ax.containers if c.patches[0].get_gid() == "revenue"]
    assert sum(len(c) for c in ax.containers) == 4  # revenue and gross margin, two years
    assert any("25 % выручки" in a.get_text().replace("\xa0", " ") for a in ax.texts)
    no_cost = plot_ka_yearly(totals.assign(gross_margin_ka=np.nan), lang="ru")
    assert sum(len(c) for c in no_cost.containers) == 2
    assert any(a.get_text() == t("ka7.yearly.no_cost", "ru") for a in no_cost.texts)
    assert bars


def test_needed_curve_goal_and_range():
    head = pd.DataFrame({"client_id": list("abcd"), "headroom": [50.0, 30.0, 20.0, np.nan]})
    need = key_accounts_needed(head, 70.0, key_accounts=["b"])
    ax = plot_ka_needed(need, lang="ru")
    assert _title(ax) == t("ka7.need.title", "ru")
    assert _gid(ax, "curve") and _gid(ax, "goal") and _gid(ax, "range") and _gid(ax, "needed")
    assert len(_gid(ax, "key_accounts")[0].get_offsets()) == 1
    assert any("Хватит 2 клиентов" == a.get_text() for a in ax.texts)
    empty = key_accounts_needed(head.assign(headroom=np.nan), 70.0)
    ax2 = plot_ka_needed(empty, lang="ru")
    assert any(a.get_text() == t("ka7.need.empty", "ru") for a in ax2.texts)


def test_advantage_one_bar_per_item_and_level_and_example_in_title():
    tpl = load_advantage_template()
    m = pd.DataFrame({"client_id": ["a", "b"], "revenue_12m": [90.0, 10.0], "tenure_years": [6.0, 1.0]})
    res = advantage_scores(tpl, ["a", "b"], m)
    ax = plot_advantage(res, tpl, lang="ru")
    assert _title(ax).endswith("(пример)")
    levels = {c.patches[0].get_gid(): c for c in ax.containers}
    assert set(levels) == {"yes", "partly", "no", "missing"}
    assert all(len(c) == len(tpl.items) for c in levels.values())
    assert len(ax.get_yticklabels()) == len(tpl.items)


def test_matrix_explorer_redraws_with_new_weights_and_cut_lines():
    from kbcore.widgets.key_accounts import matrix_explorer

    m = _measures()
    box = matrix_explorer(m, load_portfolio_template(), key_accounts=["a"], lang="ru")
    first = box.current.table.set_index("client_id")["quadrant"].to_dict()
    assert "Ключевые клиенты по квадрантам" in box.summary.value
    box.cuts["attractiveness"].value = 10.0  # only a score of 10 (on the line) stays attractive
    table = box.current.table.set_index("client_id")
    low = table["attractiveness"] < 10
    assert set(table.loc[low, "quadrant"].dropna()) <= {"maintain", "manage_for_cash"}
    assert table["quadrant"].to_dict() != first
    box.weights["profitability"].value = 0.0
    assert box.current.criteria.set_index("criterion").loc["profitability", "weight"] == 0.0

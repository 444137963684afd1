"""Block 10 · views, charts and the widget of the DMU (kbcore.views.dmu, kbcore.charts.dmu, kbcore.widgets.dmu).

Counts agree with their nouns in Russian (1, 21 → one; 2, 22 → few; 5, 11, 25, 111 → many),
headers are in words, what the data cannot give reads as missing, every chart has its title and
one artist per item.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from kbcore.analyses.dmu import (  # noqa: E402
    GAPS,
    ROLES,
    contact_matrix,
    dmu_actions,
    dmu_coverage,
    next_dmu_action,
)
from kbcore.analyses.dmu_review import buy_class_summary, gap_summary  # noqa: E402
from kbcore.charts.dmu import (  # noqa: E402
    plot_attitudes,
    plot_contact_matrix,
    plot_decider_recency,
    plot_gaps,
    plot_role_coverage,
)
from kbcore.i18n import PLURAL_CATEGORIES, t, tn  # noqa: E402
from kbcore.paths import PACKAGE_DIR  # noqa: E402
from kbcore.schema import C  # noqa: E402
from kbcore.views.dmu import (  # noqa: E402
    accounts_note,
    actions_view,
    dmu_figures,
    dmu_labels,
    gaps_view,
    level_view,
    matrix_view,
    our_person_label,
    roles_view,
)
from kbcore.views.figures import is_missing  # noqa: E402

AS_OF = pd.Timestamp("2025-06-30")
COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
RU_ACCOUNTS = {1: "ключевой клиент", 2: "ключевых клиента", 5: "ключевых клиентов", 11: "ключевых клиентов",
               21: "ключевой клиент", 22: "ключевых клиента", 25: "ключевых клиентов", 111: "ключевых клиентов"}
RU_DAYS = {1: "день", 2: "дня", 5: "дней", 11: "дней", 21: "день", 22: "дня", 25: "дней", 111: "дней"}
RU_OPPONENTS = {1: "противник", 2: "противника", 5: "противников", 11: "противников", 21: "противник",
                22: "противника", 25: "противников", 111: "противников"}
RU_CLIENTS = {1: "клиент", 2: "клиента", 5: "клиентов", 11: "клиентов", 21: "клиент", 22: "клиента",
              25: "клиентов", 111: "клиентов"}


def contacts() -> pd.DataFrame:
    """A: decider (director, met 10 days ago) + buyer; B: one user, an opponent; D: nobody."""
    return pd.DataFrame({
        C.client_id: ["A", "A", "B"], C.contact_id: ["P1", "P2", "P3"],
        C.name: ["Иванов Иван Петрович", "Петрова Анна", "Сидоров Олег"],
        C.position: ["Директор", "Закупщик", "Кладовщик"],
        C.buying_role: ["ЛПР", "закупщик", "пользователь"],
        C.attitude: ["сторонник", "нейтральный", "противник"],
        C.last_contact: ["2025-06-20", "2025-06-25", "2024-01-01"],
    })


def review() -> pd.DataFrame:
    out = pd.DataFrame({C.client_id: ["A", "B", "D"], C.name: ["Альфа", "Бета", pd.NA],
                        C.manager: ["Орлов Пётр", "Орлов Пётр", pd.NA],
                        "revenue_12m": [500.0, 300.0, 0.0], "revenue_rank": [1, 2, 3], "flagged": True})
    out.attrs["rule"] = "flag"
    return out


def coverage(with_contacts: bool = True) -> pd.DataFrame:
    return dmu_coverage(contacts() if with_contacts else None, ["A", "B", "D"], as_of=AS_OF)


def interactions() -> pd.DataFrame:
    return pd.DataFrame({C.date: pd.to_datetime(["2025-06-01", "2025-06-10", "2025-05-01"]),
                         C.client_id: ["A", "A", "A"], C.contact_id: ["P1", "P1", "P2"],
                         C.manager: ["Орлов Пётр", "Орлов Пётр", "Смирнова Ольга"],
                         C.kind: ["visit", "call", "call"]})


# --------------------------------------------------------------------------- catalogue
def test_every_block10_entry_has_en_ru_bg():
    entries = yaml.safe_load((PACKAGE_DIR / "locale" / "block10.yaml").read_text(encoding="utf-8"))
    for key, texts in entries.items():
        assert set(texts) == {"en", "ru", "bg"}, key
        for lang, text in texts.items():
            if isinstance(text, dict):
                assert "other" in text and set(text) <= set(PLURAL_CATEGORIES), (key, lang)
                if lang == "ru":
                    assert {"one", "few", "many"} <= set(text), key


@pytest.mark.parametrize("n", COUNTS)
def test_russian_counts_agree(n):
    assert tn("dmu.count.accounts", n, "ru") == f"{n} {RU_ACCOUNTS[n]}"
    assert tn("dmu.chart.days", n, "ru") == f"{n} {RU_DAYS[n]}"
    assert tn("dmu.why.win_over_blocker", n, "ru") == f"{n} {RU_OPPONENTS[n]}"
    assert tn("dmu.decider.stale", n, "ru") == f"не общались {n} {RU_DAYS[n]}"
    assert tn("dmu.chart.gaps.label", n, "ru", share="5 %").startswith(f"{n} {RU_CLIENTS[n]} ·")
    assert f"{n} {RU_ACCOUNTS[n]}" in tn("dmu.note.flagged", n, "ru")
    bg = tn("dmu.count.accounts", n, "bg")
    assert bg == (f"{n} ключов клиент" if n == 1 else f"{n} ключови клиенти")


def test_the_fallback_is_named_as_such():
    rv = review()
    assert accounts_note(rv, "ru") == "В работе — 3 ключевых клиента, отмеченных в карточках клиентов."
    rv.attrs["rule"] = "candidates"
    note = accounts_note(rv, "ru")
    assert "на рассмотрении" in note and "3 кандидата из блока 7" in note


# --------------------------------------------------------------------------- tables
def test_roles_table_in_words_and_missing_without_roles():
    view = roles_view(coverage(), review(), "ru")
    labels = dmu_labels(view, "ru")
    assert labels["role_decider"] == "Принимающий решение (ЛПР)"
    assert labels["contacts"] == "Контактных лиц"
    assert all("_" not in v for v in labels.values())
    row = view.set_index("account")
    assert row.loc["Альфа", "role_decider"] == "✓" and row.loc["Бета", "role_decider"] == "✗"
    assert row.loc["D", "contacts"] == 0  # an account without a name shows its code
    bare = roles_view(coverage(False), review(), "ru")
    assert (bare["role_decider"] == "—").all() and bare["roles_covered"].isna().all()


def test_decider_status_words():
    view = level_view(coverage(), review(), "ru").set_index("account")
    assert view.loc["Альфа", "decider_status"] == "общались 10 дней назад"
    assert view.loc["Бета", "decider_status"] == "не известен"
    assert view.loc["D", "decider_status"] == "нет контактных лиц"
    assert (level_view(coverage(False), review(), "ru")["decider_status"] == "—").all()


def test_gaps_and_actions_views():
    cov = coverage()
    gaps = gap_summary(cov, review())
    view = gaps_view(gaps, "ru")
    assert list(view["gap"])[1] == "ЛПР не известен"
    assert list(view["action"])[1] == "Выйти на ЛПР и встретиться с ним"
    assert gaps_view(gap_summary(coverage(False), review()), "ru")["accounts"].isna().all()
    actions = actions_view(dmu_actions(cov), review(), "ru")
    b = actions.loc[actions["account"] == "Бета"]
    assert list(b["rank"]) == [1, 2, 3]
    assert "1 противник" in list(b["why"])


def test_key_figures_missing_without_contacts():
    for with_contacts in (True, False):
        cov = coverage(with_contacts)
        gaps = gap_summary(cov, review())
        buy = buy_class_summary(cov, pd.DataFrame({C.client_id: ["A"], "buy_class": ["straight_rebuy"]}))
        figs = dmu_figures(review(), cov, gaps, buy, next_dmu_action(dmu_actions(cov), cov), "ru")
        needs_contacts = [f for f in figs if f.needs and f.needs.startswith("contacts")]
        assert len(needs_contacts) == 5
        assert all(is_missing(f.value) != with_contacts for f in needs_contacts)
        assert not is_missing(figs[0].value) and figs[0].value == "3 ключевых клиента"
    assert figs[1].value.startswith("— (нет данных")


def test_matrix_view_person_by_person_and_our_role():
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF)
    view = matrix_view(m, contacts(), "A", "ru")
    assert "Иванов И., Директор — ЛПР" in list(view["their_person"])
    assert set(view["strength"]) <= {t(f"dmu.strength.{s}", "ru") for s in range(4)}
    with_role = matrix_view(m.assign(our_role="key_account_manager"), contacts(), "A", "ru")
    assert with_role["our_person"].str.contains("менеджер по ключевым клиентам").all()
    assert our_person_label(None, None, "ru") == "не указан"


# --------------------------------------------------------------------------- charts
def _gids(ax, prefix):
    return [a.get_gid() for a in ax.get_children() + list(ax.patches) + list(ax.texts)
            if (a.get_gid() or "").startswith(prefix)]


def test_role_chart_one_square_per_account_and_role():
    ax = plot_role_coverage(coverage(), review(), lang="ru")
    assert ax.get_title(loc="left") == t("dmu.chart.roles.title", "ru")
    assert len(set(_gids(ax, "cell_"))) == 3 * len(ROLES)
    top_down = sorted(ax.get_yticklabels(), key=lambda x: -x.get_position()[1])
    assert [x.get_text() for x in top_down] == ["Альфа", "Бета", "D"]  # largest on top
    plt.close("all")


def test_recency_and_attitude_charts():
    ax = plot_decider_recency(coverage(), review(), lang="ru")
    assert ax.get_title(loc="left") == t("dmu.chart.recency.title", "ru")
    assert set(_gids(ax, "bar_")) == {"bar_A"} and set(_gids(ax, "nobar_")) == {"nobar_B", "nobar_D"}
    ax = plot_attitudes(coverage(), review(), lang="ru")
    assert set(_gids(ax, "bar_")) == {"bar_A_champion", "bar_A_neutral", "bar_B_blocker"}
    titles = {plot_role_coverage(coverage(), review(), lang="ru").get_title(loc="left"), ax.get_title(loc="left"),
              plot_gaps(gap_summary(coverage(), review()), lang="ru").get_title(loc="left")}
    assert len(titles) == 3
    plt.close("all")


def test_gap_chart_no_data_is_not_a_bar():
    ax = plot_gaps(gap_summary(coverage(), review()), lang="ru")
    assert len(set(_gids(ax, "gap_"))) == len(GAPS)
    ax = plot_gaps(gap_summary(coverage(False), review()), lang="ru")
    assert _gids(ax, "gap_") == [] and len(set(_gids(ax, "nogap_"))) == len(GAPS)
    plt.close("all")


def test_contact_matrix_chart_cells():
    m = contact_matrix(contacts(), interactions(), as_of=AS_OF)
    ax = plot_contact_matrix(m, contacts(), "A", lang="ru", name="Альфа")
    assert ax.get_title(loc="left") == "Матрица контактов: Альфа"
    assert len(set(_gids(ax, "cell_"))) == 2 * 2  # P1, P2 × Орлов, Смирнова
    assert {x.get_text() for x in ax.get_xticklabels()} == {"Орлов П.", "Смирнова О."}
    plt.close("all")


def test_widget_redraws_the_chosen_account():
    from kbcore.widgets.dmu import contact_matrix_explorer

    m = contact_matrix(contacts(), interactions(), as_of=AS_OF)
    box = contact_matrix_explorer(m, contacts(), review(), lang="ru")
    assert box.current == "A"
    box.controls["account"].value = "B"
    assert box.current == "B"
    plt.close("all")


def test_buy_class_view_writes_a_median_of_people_as_people():
    from kbcore.views.dmu import buy_class_view

    summary = pd.DataFrame({"buy_class": ["new_task", "modified_rebuy", "straight_rebuy"], "accounts": [0, 2, 3],
                            "dmu_size": ["large", "medium", "small"],
                            "key_roles": [("decider",), ("buyer",), ("buyer",)], "min_contacts": [4, 3, 2],
                            "median_contacts": [float("nan"), 1.0, 2.5], "short_of_people": [0, 1, 0],
                            "missing_key_roles": [0, 1, 2]})
    view = buy_class_view(summary, "ru")
    assert view["median_contacts"].tolist() == ["—", "1", "2,5"]

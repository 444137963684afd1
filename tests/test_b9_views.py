"""Block 9 · views and charts of the key account manager (kbcore.views.kam, kbcore.charts.kam).

The hand company (as of 2024-12-31, window = 2024; X is the one key account): ann is the
key-account manager ("Менеджер по работе с ключевыми клиентами" in the staff table, an alias of
``key_account_manager``) with 2 visits (one to X), 3 calls (one to X) and 1 e-mail in 2024 —
4 h + 0.5 h + 5 min = 4.58 h, key accounts 2 h + 10 min = 2.17 h (47 %); bob is not in the
staff table and has a meeting with X (1.5 h).

The profile by hand: kam_profile's 17 competencies answered exactly at their target are 17
strengths; three of them one point lower are 3 weaknesses; two left blank are not answered.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kbcore.analyses.assessment import assess, empty_answers, read_questionnaire  # noqa: E402
from kbcore.analyses.kam_time import MINUTES, time_split  # noqa: E402
from kbcore.charts import kam as ch  # noqa: E402
from kbcore.i18n import t, tn  # noqa: E402
from kbcore.ingest.dataset import Dataset  # noqa: E402
from kbcore.views import is_missing, key_figures_table  # noqa: E402
from kbcore.views import kam as v  # noqa: E402

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
RU_COMPETENCY = {1: "компетенция", 2: "компетенции", 5: "компетенций", 11: "компетенций", 21: "компетенция",
                 22: "компетенции", 25: "компетенций", 111: "компетенций"}
SNAKE = r"\b[a-z]+_[a-z_]+\b"


def _s(values):
    return pd.array(values, dtype="string")


def _dataset(**over):
    tables = dict(
        sales=pd.DataFrame({"date": pd.to_datetime(["2024-12-31"]), "client_id": _s(["X"]), "revenue": [1.0]}),
        clients=pd.DataFrame({"client_id": _s(["X", "Y"]), "key_account": [True, False]}),
        interactions=pd.DataFrame({
            "date": pd.to_datetime(["2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01",
                                    "2024-07-01", "2024-08-01"]),
            "client_id": _s(["X", "Y", "X", "Y", "Y", "Y", "X"]),
            "manager": _s(["ann", "ann", "ann", "ann", "ann", "ann", "bob"]),
            "kind": _s(["visit", "visit", "call", "call", "call", "email", "meeting"])}),
        staff=pd.DataFrame({"person": _s(["ann"]), "role": _s(["Менеджер по работе с ключевыми клиентами"])}),
    )
    tables.update(over)
    return Dataset(**tables)


@pytest.fixture(scope="module")
def profile():
    return read_questionnaire("kam_profile")


def _profile_result(q, lower=(), blank=()):
    a = empty_answers(q)
    targets = {x.id: x.target for x in q.questions}
    a["answer"] = [np.nan if x in blank else targets[x] - (1 if x in lower else 0) for x in a["question_id"]]
    return assess(q, a)


# --------------------------------------------------------------------------- plural forms
@pytest.mark.parametrize("n", COUNTS)
def test_ru_counts_agree_with_their_noun(n):
    assert tn("b9.count.strengths", n, "ru").startswith(f"{n} {RU_COMPETENCY[n]} ")
    assert tn("b9.count.weaknesses", n, "ru").startswith(f"{n} {RU_COMPETENCY[n]} ")
    assert tn("b9.count.not_answered", n, "ru").endswith(f"{n} {RU_COMPETENCY[n]}.")


@pytest.mark.parametrize("n", COUNTS)
def test_bg_and_en_counts(n):
    assert tn("b9.count.strengths", n, "bg").startswith(f"{n} {'компетентност' if n == 1 else 'компетентности'} ")
    assert tn("b9.count.weaknesses", n, "en").startswith(f"{n:,} {'competency' if n == 1 else 'competencies'} ")


# --------------------------------------------------------------------------- the profile
def test_strengths_and_weaknesses_by_hand(profile):
    ids = [x.id for x in profile.questions]
    r = _profile_result(profile, lower=ids[:3], blank=ids[3:5])
    assert v.profile_counts(r) == {"strength": 12, "weakness": 3, "not_answered": 2}
    assert v.profile_counts(_profile_result(profile)) == {"strength": 17, "weakness": 0, "not_answered": 0}
    status = v.profile_status(r)
    assert list(status[:5]) == ["weakness"] * 3 + ["not_answered"] * 2


def test_profile_table_in_words(profile):
    ids = [x.id for x in profile.questions]
    r = _profile_result(profile, lower=ids[:1], blank=ids[1:2])
    table = v.profile_table(profile, r, "ru")
    assert list(table.columns) == ["Раздел", "Компетенция", "Ваш уровень", "Целевой уровень", "Вывод"]
    assert len(table) == len(ids)
    assert table.iloc[0]["Вывод"] == "слабая сторона: развивать"
    assert table.iloc[1]["Ваш уровень"] == "нет ответа"
    assert table.iloc[2]["Вывод"] == "сильная сторона"
    assert not table.astype(str).apply(lambda c: c.str.contains(SNAKE)).any().any()


def test_profile_html_says_example(profile):
    ids = [x.id for x in profile.questions]
    r = _profile_result(profile, lower=ids[:2])
    text = v.profile_html(r, "ru", source="example")
    assert "Пример ответов" in text and "15 компетенций на целевом уровне" in text and "2 компетенции ниже" in text
    assert "Пример" not in v.profile_html(r, "ru", source="saved")


def test_top_role():
    q = read_questionnaire("kam_roles")
    a = empty_answers(q)
    a["answer"] = 3.0
    a.loc[a["question_id"] == "role_negotiate_prepare", "time_share"] = 0.3
    a.loc[a["question_id"] == "role_negotiate_value", "time_share"] = 0.1
    a.loc[a["question_id"] == "role_strategy_plan", "time_share"] = 0.35
    assert v.top_role(assess(q, a)) == "negotiator"  # 40 % against 35 %
    assert v.top_role(assess(q, empty_answers(q))) is None


# --------------------------------------------------------------------------- the recorded time
def test_focus_people_by_staff_role():
    split = time_split(_dataset())
    assert v.focus_people(split) == (["ann"], "kam")
    no_kam = time_split(_dataset(staff=pd.DataFrame({"person": _s(["ann"]), "role": _s(["менеджер"])})))
    assert v.focus_people(no_kam) == (["ann", "bob"], "all")
    assert v.focus_people(time_split(_dataset(interactions=None))) == ([], "none")


def test_recorded_time_table_by_hand():
    split = time_split(_dataset())
    table = v.recorded_time_table(split, ["ann"], "en", working_hours=10.0)
    row = table.iloc[0]
    assert list(table.columns) == ["Person", "Position", "Visits, hours", "Calls, hours", "E-mails, hours",
                                   "All contacts, hours", "Share on key accounts", "Share of a working year"]
    assert row["Position"] == "key account manager"
    assert row["Visits, hours"] == "4" and row["All contacts, hours"] == "5"   # 4.58 h
    assert row["Share on key accounts"] == "47%"                              # 2.17 / 4.58
    assert row["Share of a working year"] == "46%"                            # 4.58 / 10


def test_recorded_time_html_states_assumptions_and_limits():
    split = time_split(_dataset())
    text = v.recorded_time_html(split, ["ann"], "kam", MINUTES, "ru", working_hours=4.0)
    assert "визит — 120 мин" in text and "допущения" in text and "CRM видит только" in text
    assert "превышает рабочий год (4 ч)" in text and "ann" in text
    assert "превышает" not in v.recorded_time_html(split, ["ann"], "kam", MINUTES, "ru")
    none = time_split(_dataset(interactions=None))
    text = v.recorded_time_html(none, [], "none", MINUTES, "ru")
    assert "история контактов с клиентами" in text and "interactions.csv" in text
    no_kind = time_split(_dataset(interactions=_dataset().interactions.drop(columns=["kind"])))
    assert "вид каждого контакта" in v.recorded_time_html(no_kind, [], "none", MINUTES, "ru")


def test_key_figures_honest_without_crm(profile):
    roles, states = read_questionnaire("kam_roles"), read_questionnaire("kam_states")
    r = _profile_result(profile)
    rr, rs = assess(roles, empty_answers(roles)), assess(states, empty_answers(states))
    split = time_split(_dataset(interactions=None))
    figures = v.kam_figures(profile, r, "example", roles, rr, "example", split, [], states, rs, "example",
                            lang="ru")
    table = key_figures_table(figures, "ru")
    by_needs = dict(zip(table.iloc[:, 0], table.attrs["needs"], strict=True))
    assert [n for n in by_needs.values() if n] == ["interactions", "interactions"]
    for label, value, need in zip(table.iloc[:, 0], table.iloc[:, 1], table.attrs["needs"], strict=True):
        if need == "interactions":
            assert is_missing(value), label
        else:
            assert label.endswith("(пример)"), label
    assert "заготовки" in table.iloc[-1, 0]
    with_crm = v.kam_figures(profile, r, "saved", roles, rr, "saved", time_split(_dataset()), ["ann"], states, rs,
                             "saved", _contribution(0.25, 0.5), lang="en")
    values = {f.label: f.value for f in with_crm}
    assert values[t("b9.kf.recorded_hours", "en")] == "5"
    assert values[t("b9.kf.ka_share", "en")] == "47%"
    assert values[t("b9.kf.strengths", "en")] == "17 strengths, 0 weaknesses"
    assert values[t("b9.kf.ka_revenue", "en")] == "25%"
    no_flags = v.kam_figures(profile, r, "saved", roles, rr, "saved", split, [], states, rs, "saved",
                             _contribution(np.nan, np.nan), lang="ru")
    revenue = next(f for f in no_flags if f.label == t("b9.kf.ka_revenue", "ru"))
    assert is_missing(revenue.value) and revenue.needs == "clients"


def _contribution(revenue, profit):
    return pd.DataFrame({"measure": ["revenue", "gross_margin", "profit"], "share": [revenue, np.nan, profit]})


def test_money_beside_time():
    split = time_split(_dataset())
    text = v.money_vs_time_html(_contribution(0.25, 0.5), split, ["ann"], "ru")
    assert "25\xa0% выручки и 50\xa0% прибыли" in text and "47\xa0%" in text
    assert "прибыли" not in v.money_vs_time_html(_contribution(0.25, np.nan), split, ["ann"], "ru")
    assert "история контактов в CRM" in v.money_vs_time_html(_contribution(0.25, 0.5), split, [], "ru")
    assert "Ключевой клиент" in v.money_vs_time_html(_contribution(np.nan, np.nan), split, ["ann"], "ru")
    assert v.ka_time_share(split, ["ann", "bob"]) == pytest.approx((2 + 1 / 6 + 1.5) / (4 + 0.5 + 5 / 60 + 1.5))


def test_evidence_without_data_names_the_data(profile):
    from kbcore.views.assessment import evidence_table
    measured = pd.DataFrame({"measure": ["dmu_decision_maker", "key_interactions_recent"], "value": [np.nan, np.nan],
                             "missing": ["needs.key_account,needs.contacts", "needs.interactions"]})
    r = assess(profile, empty_answers(profile), measured=measured)
    table = evidence_table(profile, r, "ru")
    measured_col = list(table["По данным"])
    assert measured_col[0].startswith("—") and "ключевой клиент" in measured_col[0]
    assert "история контактов" in measured_col[1]


# --------------------------------------------------------------------------- charts
def _gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def test_competency_chart_one_mark_per_item(profile):
    ids = [x.id for x in profile.questions]
    r = _profile_result(profile, lower=ids[:3], blank=ids[3:5])
    ax = ch.plot_competencies(profile, r, lang="ru", example=True)
    levels = sum(len(c.get_offsets()) for c in _gid(ax, "level"))
    targets = sum(len(c.get_offsets()) for c in _gid(ax, "target"))
    assert levels == targets == len(ids)
    assert len(_gid(ax, "shortfall")[0].get_segments()) == 3
    assert ax.get_title(loc="left").endswith("(пример)") and ax.get_xlabel()
    assert "слабая сторона: развивать" in [x.get_text() for x in ax.get_legend().get_texts()]
    plt.close("all")


def test_time_split_chart_panels():
    roles = read_questionnaire("kam_roles")
    a = empty_answers(roles)
    a["answer"], a["time_share"] = 3.0, 0.05
    split = time_split(_dataset())
    fig = ch.plot_time_split(roles, assess(roles, a), split, ["ann", "bob"], lang="en")
    left, right = fig.axes[:2]
    assert len([p for p in left.patches if p.get_gid() == "role"]) == len(roles.sections)
    kinds = [p for p in right.patches if p.get_gid() == "kind"]
    assert len(kinds) == 2 * 4                              # two people × visit, meeting, call, e-mail
    assert left.get_title(loc="left") != right.get_title(loc="left") != "" and right.get_xlabel()
    assert [x.get_text() for x in right.get_legend().get_texts()] == ["Visits", "Meetings", "Calls", "E-mails"]
    empty = ch.plot_time_split(roles, assess(roles, a), time_split(_dataset(interactions=None)), [], lang="ru")
    texts = [x.get_text() for x in empty.axes[1].texts]
    assert any("Истории CRM нет" in x for x in texts)
    plt.close("all")


def test_intro_names_no_path(profile):
    from kbcore.views.assessment import intro_html
    text = intro_html(profile, "ru")
    assert "data/templates" not in text and ".yaml" not in text and "тренер может заменить" in text
    assert profile.title["ru"] in text and "наше прочтение" in text

"""Block 8's assessment half: the three readiness questionnaires side by side, the 7S distances, the team chart.

The views (:mod:`kbcore.views.readiness`) and the chart (:mod:`kbcore.charts.readiness`) on answers
built by hand: scores and distances computed here from the scoring rules, example answers marked
"example" next to every score, the RACI findings in words, Russian plural forms.
"""

import re

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from kbcore.analyses.assessment import (  # noqa: E402
    assess,
    empty_answers,
    example_answers,
    group_view,
    read_questionnaire,
)
from kbcore.analyses.raci import check_raci, raci_table, read_raci  # noqa: E402
from kbcore.charts.readiness import (  # noqa: E402
    plot_group_readiness,
    plot_readiness,
)
from kbcore.i18n import t, tn  # noqa: E402
from kbcore.views.assessment import evidence_table, intro_html
from kbcore.views.readiness import (  # noqa: E402
    Assessed,
    raci_chart,
    raci_findings_table,
    raci_html,
    readiness_figures,
    readiness_html,
    readiness_table,
    target_gaps_table,
    weakest,
)

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
IDS = ("ka_readiness_ksf", "ka_sama", "ka_7s")


@pytest.fixture(scope="module")
def qs():
    return {i: read_questionnaire(i) for i in IDS}


def _answers(q, value, target=None):
    """Every question answered ``value`` (and ``target`` when the questionnaire asks for one)."""
    a = empty_answers(q)
    a["answer"] = float(value)
    if target is not None:
        a["target"] = float(target)
    return a


def _items(qs, values=(2, 4, 5), source="saved"):
    out = []
    for qid, v in zip(IDS, values, strict=True):
        q = qs[qid]
        out.append(Assessed(q, assess(q, _answers(q, v, v if q.ask_target else None)), source))
    return out


# ------------------------------------------------------------------ the three side by side
def test_the_weakest_is_the_lowest_overall_score(qs):
    items = _items(qs, (4, 2, 5))
    # a 1..5 scale: answer 2 everywhere is (2 - 1) / 4 = 25 %, 4 is 75 %, 5 is 100 %
    assert items[1].result.overall == pytest.approx(0.25)
    assert weakest(items) is items[1]
    html = readiness_html(items, "ru")
    assert qs["ka_sama"].title["ru"] in html and "25\u00a0%" in html
    assert "пример" not in html


def test_nothing_answered_is_said_and_not_scored(qs):
    items = [Assessed(q, assess(q, empty_answers(q)), "saved") for q in qs.values()]
    assert weakest(items) is None
    assert readiness_html(items, "en") == f"<p>{t('b8r.none_answered', 'en')}</p>"
    table = readiness_table(items, "en")
    assert (table[t("b8r.h.overall", "en")] == "—").all()
    assert (table[t("b8r.h.weakest", "en")] == "—").all()


def test_an_unanswered_questionnaire_is_named_and_left_out_of_the_verdict(qs):
    items = _items(qs, (4, 3, 5))
    q = qs["ka_7s"]
    items[2] = Assessed(q, assess(q, empty_answers(q)), "saved")
    html = readiness_html(items, "ru")
    assert f"«{q.title['ru']}»" in html
    assert weakest(items) is items[1]


def test_the_table_has_headers_in_words_and_the_weakest_section(qs):
    q = qs["ka_readiness_ksf"]
    a = _answers(q, 4)
    first = q.sections[2]
    a.loc[a["question_id"].isin(first.questions), "answer"] = 1.0
    items = [Assessed(q, assess(q, a), "saved")]
    for lang in ("en", "ru"):
        table = readiness_table(items, lang)
        assert not any(SNAKE.search(c) for c in table.columns)
        assert table.iloc[0][t("b8r.h.weakest", lang)].startswith(first.title[lang])
        assert table.iloc[0][t("assess.h.gaps", lang)] == len(first.questions)


def test_example_answers_say_example_next_to_every_score(qs):
    items = [Assessed(q, assess(q, example_answers(q)), "example") for q in qs.values()]
    table = readiness_table(items, "ru")
    for col in (t("b8r.h.overall", "ru"), t("b8r.h.weakest", "ru")):
        assert table[col].str.contains("(пример)", regex=False).all()
    html = readiness_html(items, "ru")
    assert html.count("(пример)") >= 2 and t("b8r.example_note", "ru") in html
    for f in readiness_figures(items, None, "ru"):
        assert "(пример)" in f.label
    saved = readiness_table(_items(qs), "ru")
    assert not saved[t("b8r.h.overall", "ru")].str.contains("пример").any()


def test_the_7s_distances_are_ranked_in_percentage_points(qs):
    q = qs["ka_7s"]
    a = _answers(q, 3, 3)
    s1, s2 = q.sections[0], q.sections[3]
    a.loc[a["question_id"].isin(s1.questions), "target"] = 4.0   # (4 - 3) / 4 = 25 points
    a.loc[a["question_id"].isin(s2.questions), "target"] = 5.0   # (5 - 3) / 4 = 50 points
    table = target_gaps_table(q, assess(q, a), "ru")
    assert list(table[t("assess.h.section", "ru")][:2]) == [s2.title["ru"], s1.title["ru"]]
    assert list(table[t("b8r.h.distance", "ru")][:3]) == ["50 п. п.", "25 п. п.", "0 п. п."]
    assert table[t("b8r.h.today", "ru")].iloc[0] == "50\u00a0%"


def test_sections_without_a_target_are_left_out_of_the_distances(qs):
    q = qs["ka_readiness_ksf"]   # asks no target
    assert target_gaps_table(q, assess(q, _answers(q, 3)), "en").empty


# ------------------------------------------------------------------ the team chart
@pytest.fixture(scope="module")
def raci():
    return read_raci()


def _broken(raci):
    """The example with every finding: no A, two A, no R, the KAM on everything, marketing idle."""
    chart = raci_table(raci).copy()
    chart["marketing"] = ""
    chart.loc["account_selection"] = ["I", "R", "", "C", "", "", ""]          # no A
    chart.loc["pricing"] = ["R", "A", "", "A", "", "", "I"]                  # two A
    chart.loc["claims"] = ["I", "A", "C", "", "C", "", "I"]                  # no R
    chart.loc[["contract", "order_fulfilment", "receivables", "profitability", "joint_projects"], "kam"] = "R"
    return chart


def test_the_chart_reads_in_words(raci):
    chart = raci_chart(raci, raci_table(raci), "ru")
    assert chart.columns[0] == t("b8r.h.activity", "ru")
    assert list(chart.columns[1:]) == [raci.labels["functions"][f]["ru"] for f in raci.functions]
    assert chart.iloc[0, 0] == raci.labels["activities"][raci.activities[0]]["ru"]


def test_every_finding_is_said_in_words_with_its_action(raci):
    findings = check_raci(_broken(raci))
    assert set(findings["finding"]) == {"no_accountable", "several_accountable", "no_responsible", "overloaded",
                                        "idle"}
    table = raci_findings_table(raci, findings, "ru")
    assert len(table) == len(findings)
    assert not any(SNAKE.search(str(v)) for v in table.to_numpy().ravel())
    row = table[table[t("b8r.h.finding", "ru")] == t("b8r.raci.finding.several_accountable", "ru")].iloc[0]
    assert row[t("b8r.h.where", "ru")] == raci.labels["activities"]["pricing"]["ru"]
    assert row[t("b8r.h.detail", "ru")] == "2 функции отвечают за результат: Отдел продаж, Финансы"
    kam = table[table[t("b8r.h.finding", "ru")] == t("b8r.raci.finding.overloaded", "ru")].iloc[0]
    n = int((_broken(raci)["kam"].str.contains("R") | _broken(raci)["kam"].str.contains("A")).sum())
    assert kam[t("b8r.h.detail", "ru")].startswith(f"R или A в {n} из 12 видов работ")
    html = raci_html(raci, findings, "ru")
    assert f"{tn('b8r.raci.count', len(findings), 'ru')} (пример)" in html


def test_the_example_chart_is_an_example_and_a_clean_chart_says_so(raci):
    findings = check_raci(raci_table(raci))
    html = raci_html(raci, findings, "en")
    assert t("b8r.raci.who.example", "en") in html and "70%" in html
    filled = raci_html(raci, findings, "en", filled=True)
    assert t("b8r.raci.who.file", "en") in filled and t("b8r.raci.who.example", "en") not in filled
    figures = readiness_figures([], findings, "ru")
    assert figures[-1].label.endswith("(пример)") and figures[-1].value == "0"
    assert not readiness_figures([], findings, "ru", raci_filled=True)[-1].label.endswith("(пример)")


def test_a_lower_overload_threshold_finds_the_key_account_manager(raci):
    findings = check_raci(raci_table(raci), overload_share=0.5)
    table = raci_findings_table(raci, findings, "en")
    assert list(table[t("b8r.h.where", "en")]) == [raci.labels["functions"]["kam"]["en"]]


@pytest.mark.parametrize("n, word", [(1, "замечание"), (2, "замечания"), (5, "замечаний"), (11, "замечаний"),
                                     (21, "замечание"), (22, "замечания"), (25, "замечаний"), (111, "замечаний")])
def test_russian_counts_of_findings(n, word):
    assert tn("b8r.raci.count", n, "ru") == f"{n} {word}"


@pytest.mark.parametrize("n, text", [(2, "2 функции отвечают"), (5, "5 функций отвечают"), (21, "21 функция отвечает"),
                                     (22, "22 функции отвечают"), (11, "11 функций отвечают")])
def test_russian_counts_of_accountable_functions(n, text):
    assert tn("b8r.raci.detail.several_accountable", n, "ru", functions="X").startswith(text)


# ------------------------------------------------------------------ the charts
def _gids(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid]


def test_the_readiness_chart_has_one_bar_per_answered_questionnaire(qs):
    items = _items(qs, (4, 2, 5))
    q = qs["ka_7s"]
    items[2] = Assessed(q, assess(q, empty_answers(q)), "saved")
    fig, ax = plt.subplots()
    plot_readiness(items, lang="ru", ax=ax)
    bars = _gids(ax, "score")
    assert len(bars) == 2
    assert [b.get_width() for b in bars] == pytest.approx([0.75, 0.25])
    assert len(_gids(ax, "band")) == sum(len(a.q.verdicts) for a in items)
    assert ax.get_title(loc="left") == t("b8r.chart.title", "ru")
    assert ax.get_xlabel() == t("b8r.chart.xlabel", "ru")
    assert [x.get_text() for x in ax.get_yticklabels()] == [t(f"b8r.short.{i}", "ru") for i in IDS]
    texts = [x.get_text() for x in ax.texts]
    assert t("assess.chart.no_answer", "ru") in texts
    plt.close(fig)


def test_the_readiness_chart_title_says_example(qs):
    items = [Assessed(q, assess(q, example_answers(q)), "example") for q in qs.values()]
    fig, ax = plt.subplots()
    plot_readiness(items, lang="en", ax=ax)
    assert ax.get_title(loc="left").endswith("(example)")
    low = weakest(items)
    weak_bar = _gids(ax, "score")[items.index(low)]
    assert weak_bar.get_width() == pytest.approx(low.result.overall)
    plt.close(fig)


def test_the_group_charts_of_the_three_questionnaires_have_distinct_titles(qs):
    titles = []
    for q in qs.values():
        fig, ax = plt.subplots()
        plot_group_readiness(q, group_view(q, [example_answers(q, i) for i in range(1, 6)]), lang="ru", ax=ax,
                             example=True)
        titles.append(ax.get_title(loc="left"))
        assert titles[-1].endswith("(пример)")
        plt.close(fig)
    assert len(set(titles)) == 3


# ------------------------------------------------------------------ evidence and introduction
def test_a_missing_measure_says_what_the_data_lacks_in_words(qs):
    q = qs["ka_readiness_ksf"]
    cited = [x.evidence for x in q.questions if x.evidence]
    measured = pd.DataFrame({"measure": cited, "value": [np.nan] * len(cited),
                             "missing": ["needs.key_account,needs.interactions"] + [""] * (len(cited) - 1)})
    table = evidence_table(q, assess(q, _answers(q, 3), measured=measured), "ru")
    col = table[t("assess.h.measured", "ru")]
    assert col.iloc[0] == "— (нет данных; требуется: отметка «ключевой клиент» в карточке; история контактов из CRM)"
    assert (col.iloc[1:] == "—").all()
    assert not any(SNAKE.search(str(v)) for v in table.to_numpy().ravel())


def test_a_measured_share_is_shown_beside_the_answer(qs):
    q = qs["ka_readiness_ksf"]
    first = next(x for x in q.questions if x.evidence)
    measured = pd.DataFrame({"measure": [first.evidence], "value": [0.41], "missing": [""]})
    table = evidence_table(q, assess(q, _answers(q, 5), measured=measured), "en")
    row = table[table[t("assess.h.question", "en")] == first.text["en"]].iloc[0]
    assert row[t("assess.h.measured", "en")] == "41%"
    # 5 against 1 + 0.41 * 4 = 2.64: more than one point apart
    assert row[t("assess.h.verdict", "en")] == t("assess.evidence.disagree", "en")


def test_the_introduction_names_no_file_path(qs):
    for q in qs.values():
        text = intro_html(q, "ru")
        assert "data/templates" not in text and ".yaml" not in text
        assert q.title["ru"] in text

"""Block 4 views and charts: the audit in words (headers, plurals, missing shown as missing, example
labelled) and its two charts; the money the same as blocks 1 and 2 give.

Hand-made company: tests/_audit_data.py (numbers worked out in tests/test_audit.py).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _audit_data import AS_OF, full, sales_only

from kbcore.analyses._window import months_back
from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.audit import (
    assignment_cells,
    audit_actions,
    audit_money,
    audit_stages,
    history_by_class,
)
from kbcore.analyses.audit_report import audit_report
from kbcore.analyses.evidence import measure
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.profitability import client_pnl
from kbcore.charts.audit import VERDICT_COLORS, plot_audit, plot_audit_money
from kbcore.facts import Facts
from kbcore.i18n import fmt_money, tn
from kbcore.views.assessment import evidence_table
from kbcore.views.audit import (
    actions_table,
    audit_figures,
    audit_html,
    audit_table,
    cells_summary,
    cells_table,
    history_table,
    money_table,
    needs_text,
    stage_figure,
)
from kbcore.views.figures import is_missing

COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)
RU_STAGES = {1: "этап", 2: "этапа", 5: "этапов", 11: "этапов", 21: "этап", 22: "этапа", 25: "этапов", 111: "этапов"}
RU_SEGMENTS = {1: "сегмент", 2: "сегмента", 5: "сегментов", 11: "сегментов", 21: "сегмент", 22: "сегмента",
               25: "сегментов", 111: "сегментов"}
RU_BY = {1: "этапу", 2: "этапам", 5: "этапам", 11: "этапам", 21: "этапу", 22: "этапам", 25: "этапам",
         111: "этапам"}


def title(ax) -> str:
    return ax.get_title("left") or ax.get_title()


def _run(ds):
    facts = Facts.of(ds, as_of=AS_OF)
    q = read_questionnaire("kb_audit")
    stages = audit_stages(ds, facts)
    result = assess(q, example_answers(q), measured=measure(
        sorted({x.evidence for x in q.questions if x.evidence}), ds, facts))
    return dict(ds=ds, facts=facts, q=q, stages=stages, money=audit_money(ds, facts),
                actions=audit_actions(stages), result=result, report=audit_report(stages, result.sections))


@pytest.fixture(scope="module")
def hand():
    return _run(full())


@pytest.fixture(scope="module")
def bare():
    return _run(sales_only())


@pytest.mark.parametrize("n", COUNTS)
def test_ru_plurals(n):
    assert tn("audit.n_stages", n, "ru") == f"{n} {RU_STAGES[n]}"
    assert tn("audit.n_segments", n, "ru").startswith(f"{n} {RU_SEGMENTS[n]} ")
    assert tn("audit.report.missing", n, "ru").startswith(f"По {n} {RU_BY[n]} ")
    assert tn("audit.n_stages", n, "bg") == f"{n} {'етап' if n == 1 else 'етапа'}"


def test_audit_table_in_words(hand):
    table = audit_table(hand["report"], "ru", source="example")
    assert list(table.columns) == ["Этап", "Что показывают данные", "Вывод по данным", "Самооценка (пример)",
                                   "Данные и самооценка"]
    assert len(table) == 10
    first = table.iloc[0]
    # 6 of 7 clients with a segment; 2 segments with active clients (Ind, Ret)
    assert first["Что показывают данные"] == "85,7\xa0% клиентов с указанным сегментом (6 из 7); 2 сегмента с активными клиентами"
    assert first["Вывод по данным"] == "в порядке"
    assert table.iloc[8]["Вывод по данным"] == "список клиентов"
    part = audit_table(hand["report"], "en", stages=["history", "information"])
    assert list(part.iloc[:, 0]) == ["5. Recorded relationship history", "6. Information about the clients"]
    assert "Self-assessment" in part.columns  # not an example: no mark


def test_missing_is_shown_as_missing(bare):
    table = audit_table(bare["report"], "ru").set_index("Этап")
    row = table.loc["1. Сегментирование рынков сбыта"]
    assert row["Что показывают данные"] == "— (нет данных; требуется: сегмент в карточке клиента)"
    assert row["Вывод по данным"] == "данные не позволяют судить — оценка участника"
    assert row["Данные и самооценка"] == "судить можно только по самооценке"
    # stage 10 is known from the sales alone, without the key accounts: it says what it leaves out
    st = bare["stages"].set_index("stage_id")
    text = stage_figure(st.loc["consequences"].to_dict() | {"stage_id": "consequences"}, "ru")
    assert "500\xa0000\xa0₽" in text and "не учтено: отметка «ключевой клиент» в карточке" in text
    assert needs_text("needs.clients.segment,needs.self_assessment", "en", self_assessment=False) == \
        "the segment on the client card"
    money = money_table(bare["money"], "ru").set_index("Последствие")
    assert money.loc["Выручка ключевых клиентов, которые уходят или сокращают закупки", "Сумма"].startswith("—")
    assert money.loc["Убыток от убыточных клиентов", "Сумма"] == \
        "— (нет данных; требуется: себестоимость в строках продаж)"
    figures = audit_figures(bare["report"], bare["money"], bare["actions"], "ru")
    by_need = {f.needs: f.value for f in figures if f.needs}
    assert is_missing(by_need["clients.key_account"]) and is_missing(by_need["sales.cost"])
    html = audit_html(bare["report"], bare["money"], bare["actions"], "ru")
    assert "По 7 этапам данные не позволяют судить" in html
    assert "со списком клиентов" in html


def test_evidence_table_names_what_is_missing(bare):
    table = evidence_table(bare["q"], bare["result"], "ru")
    measured = table["По данным"].tolist()
    assert "— (нет данных; требуется: история контактов из CRM)" in measured
    assert not any("needs." in str(v) for v in measured)


def test_report_html_and_figures_label_the_example(hand):
    html = audit_html(hand["report"], hand["money"], hand["actions"], "ru", q=hand["q"], result=hand["result"],
                      source="example")
    assert "Самооценка по аудиту (пример):" in html
    first = hand["actions"].iloc[0]
    assert f"Сделать в первую очередь: {10 if first['stage'] == 10 else first['stage']}." in html
    figures = audit_figures(hand["report"], hand["money"], hand["actions"], "en", q=hand["q"],
                            result=hand["result"], source="example")
    labels = [f.label for f in figures]
    assert "Self-assessment of the audit (example)" in labels
    assert dict((f.label, f.value) for f in figures)["Base or list (stage 9)"] == "a list of clients"


def test_actions_cells_history_tables(hand):
    actions = actions_table(hand["actions"], "ru")
    assert list(actions.columns) == ["Очерёдность", "Этап", "Вывод по данным", "Деньги под вопросом", "Что сделать"]
    assert actions.iloc[0]["Этап"] == "10. Последствия для бизнеса"  # 500k at stake, poor (tests/test_audit.py)
    assert all(a and not a.startswith("audit.") for a in actions["Что сделать"])
    cells = assignment_cells(hand["ds"], hand["facts"])
    assert cells_summary(cells, "ru").startswith("Ячеек с активными клиентами: 2; закреплены 1, общих 1,")
    shown = cells_table(cells, "ru")
    assert len(shown) == 1 and shown.iloc[0]["Кто ведёт ячейку"] == "два менеджера (общая)"
    hist = history_table(history_by_class(hand["ds"], hand["facts"]), "en")
    assert list(hist.columns)[:2] == ["ABC class", "Active clients"]


def test_history_without_crm_is_not_zero(bare):
    hist = history_table(history_by_class(bare["ds"], bare["facts"]), "ru")
    assert set(hist["Доля"]) == {"—"}


def test_money_equals_blocks_1_and_2(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    money = audit_money(ds, facts).set_index("consequence")
    lo, hi = months_back(facts.as_of, 12)
    pnl = client_pnl(facts, ds.clients, ds.interactions, start=lo, end=hi)  # block 1's client P&L
    loss = -pnl.loc[pnl["profit"] < 0, "profit"].sum()
    st = client_stages(facts, ds.clients)  # block 2's lifecycle
    prev_lo = months_back(lo - pd.Timedelta(days=1), 12)[0]
    lost = st.loc[(st["stage"] == "lost") & (st["last_date"] >= prev_lo), "revenue_prev_window"].sum()
    shown = money_table(money.reset_index(), "ru").set_index("Последствие")["Сумма"]
    assert shown["Убыток от убыточных клиентов"] == fmt_money(loss, "ru")
    assert shown["Выручка клиентов, потерянных за последний год"] == fmt_money(lost, "ru")


def test_plot_audit(hand, bare):
    ax = plot_audit(hand["report"], lang="ru", example=True)
    bars = [p for p in ax.patches if p.get_gid() == "stage"]
    assert len(bars) == 10
    assert title(ax) == "Аудит клиентской базы: данные и самооценка"
    assert ax.get_xlabel().startswith("Доля по данным")
    diamonds = [c for c in ax.collections if c.get_gid() == "self"]
    assert len(diamonds) == 1 and len(diamonds[0].get_offsets()) == 10
    assert "Самооценка (пример)" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close("all")
    ax = plot_audit(bare["report"], lang="en")
    bars = [p for p in ax.patches if p.get_gid() == "stage"]
    grey = [b for b, v in zip(bars, bare["report"]["verdict"], strict=True) if v == "missing"]
    assert len(grey) == 7
    assert all(np.allclose(b.get_facecolor()[:3], plt.matplotlib.colors.to_rgb(VERDICT_COLORS["missing"]))
               for b in grey)
    assert sum(t.get_text() == "no data" for t in ax.texts) == 7
    plt.close("all")
    no_self = audit_report(hand["stages"])
    ax = plot_audit(no_self, lang="en")
    assert not [c for c in ax.collections if c.get_gid() == "self"]
    plt.close("all")


def test_plot_audit_money(hand, bare):
    ax = plot_audit_money(hand["money"], lang="ru")
    assert len([p for p in ax.patches if p.get_gid() == "money"]) == 3
    assert title(ax) == "Последствия для бизнеса в деньгах"
    assert title(ax) != title(plot_audit(hand["report"], lang="ru"))
    plt.close("all")
    ax = plot_audit_money(bare["money"], lang="ru")
    assert sum(t.get_text() == "нет данных" for t in ax.texts) == 2
    plt.close("all")

"""Block 1's read-and-rerun exercises accept the value as the workbook shows it (and no neighbour).

A participant reads a figure off a table or a line of the block (formatted for people: whole
roubles with spaces, "182 %", "10,8 %") and types it. Each test here takes the figure from the
same view the exercise workbook shows, in Russian, turns it into what a participant would type,
and checks that :func:`kbcore.workbook.check` says it is right; and that the figure the row or
line next to it shows is not.
"""

from __future__ import annotations

import re

import pytest

from kbcore.analyses import (
    CostToServeRates,
    client_pnl,
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_summary,
)
from kbcore.facts import Facts
from kbcore.i18n import fmt_money, fmt_pct, t
from kbcore.views import concentration_table
from kbcore.views.profitability import TOP_SHARE, whale_summary_text
from kbcore.workbook import checks


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(checks.STRICT_ENV, raising=False)


@pytest.fixture(scope="module")
def block(demo_dataset):
    facts = Facts.of(demo_dataset)
    return demo_dataset, facts, client_pnl(facts, demo_dataset.clients, demo_dataset.interactions)


def typed(shown: str) -> float:
    """What a participant types for a shown figure: "−60 597 773 ₽" → -60597773, "10,8 %" → 10.8."""
    text = shown.replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ")
    number = re.search(r"-?\d[\d ]*(,\d+)?", text).group(0)
    return float(number.replace(" ", "").replace(",", "."))


def right(exercise_id: str, answer) -> bool:
    return checks.check(exercise_id, answer, lang="ru").status == "right"


def summary_figures(summary) -> list[str]:
    """The bold figures of the whale curve's line: top 20 %'s share, peak, unprofitable clients, loss."""
    return re.findall(r"<b>(.*?)</b>", whale_summary_text(summary, "ru"))


def test_revenue_of_2025_as_the_yearly_table_shows_it(block):
    ds, facts, _ = block
    yearly = yearly_summary(facts, ds.clients, ds.interactions).set_index("year")
    shown = typed(fmt_money(yearly.loc[2025, "revenue"], "ru"))
    assert right("1.1", shown)
    assert right("1.1", round(shown, -6))  # rounded to the million, as the text allows
    assert not right("1.1", typed(fmt_money(yearly.loc[2024, "revenue"], "ru")))


def test_the_whale_line_gives_the_unprofitable_clients_and_the_top_share(block):
    _, _, pnl = block
    top20, peak, losers, _loss = summary_figures(whale_summary(whale_curve(pnl)))
    assert right("1.3", int(typed(losers)))
    assert right("1.4", typed(top20)) and right("1.4", typed(top20) / 100)
    assert not right("1.4", typed(peak))  # the peak is the figure next to it


def test_free_visits_rerun_reads_off_the_same_line(block):
    ds, facts, pnl = block
    free = client_pnl(facts, ds.clients, ds.interactions, rates=CostToServeRates(per_visit=0))
    assert right("1.5", int(typed(summary_figures(whale_summary(whale_curve(free)))[2])))
    # not rerun: the line of the block's rates
    assert not right("1.5", int(typed(summary_figures(whale_summary(whale_curve(pnl)))[2])))


def test_lower_threshold_rerun_reads_the_concession_row(block):
    _, _, pnl = block
    shown = {th: concession_clients(pnl, threshold=th).set_index("group").loc["concession", "profit"]
             for th in (0.10, 0.15)}
    assert right("1.8", typed(fmt_money(shown[0.10], "ru")))
    assert not right("1.8", typed(fmt_money(shown[0.15], "ru")))  # not rerun
    assert not right("1.8", -typed(fmt_money(shown[0.10], "ru")))  # the minus sign forgotten


def test_top_ten_share_as_the_dependence_table_shows_it(block):
    _, _, pnl = block
    table = concentration_table(concentration(pnl, measure="revenue"), "ru").set_index(t("col.figure", "ru"))
    value = table[t("col.value", "ru")]
    shown = value[t("conc.row.top10_share", "ru")]
    assert right("1.9", typed(shown)) and right("1.9", typed(shown) / 100)
    assert not right("1.9", typed(value[t("conc.row.top1_share", "ru")]))
    assert not right("1.9", typed(value[t("conc.row.top20pct_share", "ru", top=fmt_pct(TOP_SHARE, "ru"))]))

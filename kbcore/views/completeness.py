"""Views of "list or base?" (block 2).

The components, the verdict with its reasons, the card fields and the status table in the people's
words, and the block's key figures.

Every function takes results of :mod:`kbcore.analyses.completeness` (ids and numbers) and
``lang`` and returns text from the catalogue (``base.comp.<id>``, ``base.verdict.<id>``,
``base.reason.*``, ``base.field.<id>``); numbers are formatted by Babel.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.completeness import (
    NO_PURCHASE,
    STATUS_EMPTY,
    STATUS_NO_CARD,
    Verdict,
)
from kbcore.i18n import fmt_number, fmt_pct, t, tn
from kbcore.views.display import styled
from kbcore.views.figures import Figure, key_figures_table, missing
from kbcore.views.lifecycle import lifecycle_figures, stage_label

__all__ = [
    "CARD_COMPONENTS",
    "component_label",
    "completeness_table",
    "COMPLETENESS_COLUMNS",
    "completeness_view",
    "verdict_text",
    "verdict_reasons",
    "card_fields_table",
    "status_table",
    "completeness_figures",
]

CARD_COMPONENTS = ("card", "segment", "profile", "status", "manager", "potential")
"""The components that live in the client cards (the clients table): without any of them
the company gave no cards, only the clients' names from the sales."""


def component_label(component: str, lang: str = "en") -> str:
    """The people's name of a component id (catalogue ``base.comp.<id>``)."""
    return t(f"base.comp.{component}", lang)


def completeness_table(completeness: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of :func:`~kbcore.analyses.completeness.base_completeness` for people.

    Its ``component`` reads as the people's name and ``ok`` as yes / no.
    """
    yes, no = t("base.ok.yes", lang), t("base.ok.no", lang)
    return completeness.assign(
        component=pd.array([component_label(c, lang) for c in completeness["component"]],
                           dtype="string"),
        ok=pd.array([yes if ok else no for ok in completeness["ok"]], dtype="string"),
    )


COMPLETENESS_COLUMNS = ["component", "known_share", "clients_known", "clients", "threshold", "ok"]
"""The columns of :func:`completeness_view`, in their order."""


def completeness_view(completeness: pd.DataFrame, lang: str = "en"):
    """The components of the base as the workbook shows them: a styled table.

    :func:`completeness_table`'s ``COMPLETENESS_COLUMNS`` (component, share of clients with
    data, clients with data, clients, the threshold, enough?), the shares as percentages with
    one decimal, every row shown.
    """
    view = completeness_table(completeness, lang)[COMPLETENESS_COLUMNS]
    return styled(view, lang, pct=["known_share", "threshold"], ints=["clients_known"], max_rows=None)


def verdict_text(verdict: Verdict, lang: str = "en") -> str:
    """The verdict's sentence (catalogue ``base.verdict.<id>``).

    E.g. "Partly a base: 6 of 8 components are known for enough clients.", "Отчасти база:
    данных хватает по 6 из 8 компонентов." (the total with its noun, ``base.n.components_gen``).
    """
    return t(f"base.verdict.{verdict.verdict}", lang, ok=fmt_number(verdict.ok, lang),
             total=tn("base.n.components_gen", verdict.total, lang))


def verdict_reasons(verdict: Verdict, completeness: pd.DataFrame,
                    lang: str = "en") -> tuple[str, ...]:
    """One sentence per component of ``verdict.reasons`` (those not ok), in that order.

    A component the data lacks altogether (``available`` False) says so; the others give
    their known share, the clients unknown (with their noun, ``lc.n.clients_gen``: "нет у 399
    клиентов") and the threshold; each ends with what to do (catalogue ``base.how.<id>``).
    """
    rows = completeness.set_index("component")
    out = []
    for comp in verdict.reasons:
        row = rows.loc[comp]
        name = component_label(comp, lang)
        how = t(f"base.how.{comp}", lang)
        if not row["available"]:
            out.append(t("base.reason.absent", lang, component=name, how=how))
        else:
            out.append(t("base.reason.low", lang, component=name,
                         share=fmt_pct(row["known_share"], lang),
                         missing=tn("lc.n.clients_gen",
                                    int(row["clients"] - row["clients_known"]), lang),
                         threshold=fmt_pct(row["threshold"], lang), how=how))
    return tuple(out)


def card_fields_table(fields: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of :func:`~kbcore.analyses.completeness.card_fields` for people.

    Its ``field`` reads as the people's name (catalogue ``base.field.<id>``).
    """
    return fields.assign(field=pd.array([t(f"base.field.{f}", lang) for f in fields["field"]],
                                        dtype="string"))


def status_table(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.completeness.status_vs_stage` with the people's labels.

    The stages' names and "Never bought" as columns, "(empty)" and "no card" for those rows, the
    index headed "Status in the card".
    """
    out = table.copy()
    out.columns = [t("base.no_purchase", lang) if c == NO_PURCHASE else stage_label(c, lang)
                   for c in table.columns]
    ids = {STATUS_EMPTY, STATUS_NO_CARD}
    out.index = pd.Index([t(s, lang) if s in ids else s for s in table.index],
                         name=t("col.status", lang))
    return out


def completeness_figures(
    completeness: pd.DataFrame,
    verdict: Verdict,
    summary: pd.DataFrame | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Block 2's key figures in one small table (:func:`kbcore.views.figures.key_figures_table`).

    Parameters
    ----------
    completeness : DataFrame
        :func:`kbcore.analyses.completeness.base_completeness`.
    verdict : Verdict
        :func:`kbcore.analyses.completeness.base_verdict`.
    summary : DataFrame, optional
        :func:`kbcore.analyses.lifecycle.stage_summary` (stage counts over the years).
    lang : str
        Language.

    Returns
    -------
    DataFrame
        Two text columns headed ``col.figure`` and ``col.value``: the verdict, the components
        ok, the weakest component among those the data has (needs the client cards: "— (no
        data …)" when the company gave none of the card components), then
        (:func:`kbcore.views.lifecycle.lifecycle_figures`) the clients with a stage and the
        key / declining / lost clients at the last date, and the lost clients from the first
        to the last date (when the summary has two dates or more).
    """
    rows = [
        Figure(t("kf.base_verdict", lang), t(f"base.verdict_short.{verdict.verdict}", lang)),
        Figure(t("kf.base_ok", lang),
               t("kf.base_ok_value", lang, ok=fmt_number(verdict.ok, lang),
                 total=fmt_number(verdict.total, lang))),
    ]
    known = completeness.loc[completeness["available"].astype(bool)
                             & completeness["known_share"].notna()]
    has_cards = known["component"].isin(CARD_COMPONENTS).any()
    if has_cards:
        weakest = known.sort_values(["known_share", "component"]).iloc[0]
        value = t("kf.base_weakest_value", lang,
                  component=component_label(weakest["component"], lang),
                  share=fmt_pct(weakest["known_share"], lang))
    else:
        value = missing("need.base.cards", lang)
    rows.append(Figure(t("kf.base_weakest", lang), value, "clients"))
    if summary is not None and len(summary):
        rows.extend(lifecycle_figures(summary, lang))
        dates = sorted(summary["as_of"].unique())
        if len(dates) > 1:
            lost = summary.loc[summary["stage"] == "lost"].set_index("as_of")["clients"]
            first, last = pd.Timestamp(dates[0]), pd.Timestamp(dates[-1])
            rows.append(
                Figure(
                    t("kf.lost_growth", lang, first=first.year, last=last.year),
                    t("kf.lost_growth_value", lang,
                      first=fmt_number(int(lost.loc[dates[0]]), lang),
                      last=fmt_number(int(lost.loc[dates[-1]]), lang)),
                )
            )
    return key_figures_table(rows, lang)

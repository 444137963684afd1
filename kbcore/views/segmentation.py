"""Views of block 6's segmentation (Pareto, ABC, XYZ, ABC×XYZ, RFM): its results in words.

The analyses (:mod:`kbcore.analyses.segmentation`) return numbers and ids (classes, cells,
segment ids, catalogue ids of actions); here they become the action table of the ABC×XYZ
matrix, the RFM rule table, translated tables and the key figures
(:func:`segmentation_figures`), through the catalogue.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.segmentation import ABC_XYZ_ACTIONS, RFM_GRID, RFM_SEGMENTS
from kbcore.i18n import catalogue, fmt_pct, t, tn
from kbcore.views.figures import Figure, missing
from kbcore.views.labels import measure_label

__all__ = [
    "NEEDS_COST",
    "abc_xyz_actions",
    "rfm_rules",
    "rfm_segment_label",
    "rfm_segment_labels",
    "pareto_view",
    "abc_view",
    "segments_view",
    "segmentation_figures",
    "measure_form",
    "clients_text",
]

NEEDS_COST = "sales.cost"
_PARETO_MEASURES = ("revenue", "profit", "gross_margin")


def _pct(value, lang: str, digits: int = 0) -> str:
    return fmt_pct(value, lang, digits).replace("-", "\u2212")


def measure_form(measure: str, form: str, lang: str = "en") -> str:
    """A measure's name as it reads inside a phrase (catalogue ``seg.measure.<m>.<form>``).

    ``form`` "gen" ("of revenue": ru "выручки") or "by" ("by revenue": ru "по выручке"). A measure without those entries reads as its plain name (:func:`~kbcore.views.labels.measure_label`).
    """
    key = f"seg.measure.{measure}.{form}"
    return t(key, lang) if key in catalogue() else measure_label(measure, lang)


def clients_text(n, lang: str = "en") -> str:
    """"323 clients" with the noun agreeing with the count (catalogue ``ui.count.clients``)."""
    return tn("ui.count.clients", n, lang)


def rfm_segment_label(segment: str, lang: str = "en") -> str:
    """The people's name of an RFM segment id (catalogue ``rfm.segment.<id>``)."""
    return t(f"rfm.segment.{segment}", lang)


def rfm_segment_labels(segments, lang: str = "en") -> list[str]:
    """:func:`rfm_segment_label` of every id of ``segments``."""
    return [rfm_segment_label(s, lang) for s in segments]


def abc_xyz_actions(lang: str = "en") -> pd.DataFrame:
    """The management action of every ABC×XYZ cell: ``cell, abc, xyz, action`` (12 rows).

    The texts of :data:`kbcore.analyses.segmentation.ABC_XYZ_ACTIONS` (catalogue
    ``abcxyz.action.<cell>``) in ``lang``.
    """
    rows = [(cell, cell[0], cell[1], t(key, lang)) for cell, key in ABC_XYZ_ACTIONS.items()]
    return pd.DataFrame(rows, columns=["cell", "abc", "xyz", "action"])


def _span(scores: list[int]) -> str:
    if len(scores) > 1 and scores == list(range(scores[0], scores[-1] + 1)):
        return f"{scores[0]}–{scores[-1]}"
    return ", ".join(str(s) for s in scores)


def rfm_rules(lang: str = "en") -> pd.DataFrame:
    """The R/F rule table of :func:`~kbcore.analyses.segmentation.rfm`, for people.

    ``segment, R, F, meaning, action`` (headers in ``lang``).

    ``R`` and ``F`` list the scores of the segment's cells of
    :data:`~kbcore.analyses.segmentation.RFM_GRID` ("4–5", "1"); every R×F cell has exactly
    one segment.
    """
    rows = []
    for seg in RFM_SEGMENTS:
        cells = [(r, f) for (r, f), s in RFM_GRID.items() if s == seg]
        rs = sorted({r for r, _ in cells})
        fs = sorted({f for _, f in cells})
        rows.append((rfm_segment_label(seg, lang), _span(rs), _span(fs),
                     t(f"rfm.meaning.{seg}", lang), t(f"rfm.action.{seg}", lang)))
    return pd.DataFrame(rows, columns=[t("col.rfm_segment", lang), "R", "F",
                                       t("seg.col.meaning", lang), t("seg.col.action", lang)])


def pareto_view(pareto_tbl: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of :func:`~kbcore.analyses.segmentation.pareto_table` for people.

    Its measures read as the people's names.
    """
    out = pareto_tbl.assign(measure=[measure_label(str(m), lang) for m in pareto_tbl["measure"]])
    out.attrs.update(pareto_tbl.attrs)
    return out


def abc_view(summary: pd.DataFrame) -> pd.DataFrame:
    """A copy of :func:`~kbcore.analyses.segmentation.abc_summary` with ``value`` named after its measure.

    The measure is ``attrs["measure"]`` (``revenue``, ``profit`` …), so the table's header says which money the classes were made on ("Client profit", not
    "Value") when it is shown with :func:`~kbcore.views.display.styled` (pass the measure as a
    ``money`` column when it is not a known money column).
    """
    measure = str(summary.attrs.get("measure", "value"))
    out = summary.rename(columns={"value": measure}) if measure not in summary.columns else summary.copy()
    out.attrs.update(summary.attrs)
    return out


def segments_view(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of a table whose ``rfm_segment`` ids read as the people's names.

    The table has an ``rfm_segment`` id column, e.g. :func:`~kbcore.analyses.segmentation.rfm` or
    :func:`~kbcore.analyses.segmentation.rfm_summary`.
    """
    out = table.assign(rfm_segment=pd.array(rfm_segment_labels(table["rfm_segment"], lang),
                                            dtype="string"))
    out.attrs.update(table.attrs)
    return out


def _pareto_label(measure: str, lang: str) -> str:
    if measure in _PARETO_MEASURES:
        return t(f"kf6.pareto.{measure}", lang)
    return t("kf6.pareto.other", lang, measure=measure)


def segmentation_figures(
    pareto_tbl: pd.DataFrame,
    abc_sum: pd.DataFrame,
    matrix: pd.DataFrame | None = None,
    rfm_sum: pd.DataFrame | None = None,
    *,
    has_cost: bool = True,
    lang: str = "en",
) -> list[Figure]:
    """Block 6's segmentation key figures.

    Formatted for people (rows for :func:`~kbcore.views.figures.key_figures_table`).

    Rows: for each measure of :func:`~kbcore.analyses.segmentation.pareto_table` "top 20 % of
    clients bring X % of the measure; Y clients (Z %) make 80 %" — and, without the cost of
    goods (``has_cost`` False), a Pareto row for client profit that says which data it needs;
    ABC: the A clients and their share of the measure; the AX cell (clients and share of the
    measure) when ``matrix`` is given; the champions and the clients at risk (at_risk +
    cant_lose) with their revenue share when ``rfm_sum`` is given. Figures whose inputs are
    empty are left out.

    Parameters
    ----------
    pareto_tbl, abc_sum, matrix, rfm_sum : DataFrame
        :func:`~kbcore.analyses.segmentation.pareto_table`,
        :func:`~kbcore.analyses.segmentation.abc_summary`,
        :func:`~kbcore.analyses.segmentation.abc_xyz_matrix`,
        :func:`~kbcore.analyses.segmentation.rfm_summary`.
    has_cost : bool
        Whether the sales have the cost of goods (``dataset.has("sales", "cost")``); without
        it client profit is unknown and its Pareto row shows ``need.cost``.
    lang : str
        Language of the labels and number formats.
    """
    rows: list[Figure] = []
    measures = [str(m) for m in pareto_tbl["measure"]]
    for _, row in pareto_tbl.iterrows():
        measure = str(row["measure"])
        needs = NEEDS_COST if measure in ("profit", "gross_margin") else None
        value = tn("kf6.pareto_value", row["target_clients"], lang,
                   top_clients=_pct(pareto_tbl.attrs.get("top", 0.2), lang),
                   target=_pct(pareto_tbl.attrs.get("target", 0.8), lang),
                   top=_pct(row["top_share"], lang),
                   share=_pct(row["target_client_share"], lang))
        rows.append(Figure(_pareto_label(measure, lang), value, needs))
    if not has_cost and "profit" not in measures:
        rows.append(Figure(_pareto_label("profit", lang), missing("need.cost", lang), NEEDS_COST))
    if len(abc_sum):
        a = abc_sum.set_index("abc").loc["A"]
        measure = abc_sum.attrs.get("measure", "revenue")
        rows.append(Figure(
            t("kf6.abc_a", lang, by=measure_form(measure, "by", lang)),
            tn("kf6.abc_a_value", a["clients"], lang,
               client_share=_pct(a["client_share"], lang), share=_pct(a["value_share"], lang)),
            NEEDS_COST if measure in ("profit", "gross_margin") else None,
        ))
    if matrix is not None and len(matrix):
        ax = matrix.set_index("cell").loc["AX"]
        z = matrix.loc[matrix["xyz"] == "Z"]
        measure = matrix.attrs.get("measure", "revenue")
        rows.append(Figure(
            t("kf6.ax", lang),
            tn("kf6.ax_value", ax["clients"], lang,
               share=_pct(ax["value_share"], lang), of=measure_form(measure, "gen", lang),
               z_share=_pct(float(z["value_share"].sum()), lang)),
        ))
    if rfm_sum is not None and int(rfm_sum["clients"].sum()):
        s = rfm_sum.set_index("rfm_segment")
        champ = s.loc["champions"]
        risk = s.loc[["at_risk", "cant_lose"]]
        rows.append(Figure(
            t("kf6.champions", lang),
            tn("kf6.segment_value", champ["clients"], lang,
               client_share=_pct(champ["client_share"], lang),
               share=_pct(champ["monetary_share"], lang)),
        ))
        rows.append(Figure(
            t("kf6.at_risk", lang),
            tn("kf6.segment_value", risk["clients"].sum(), lang,
               client_share=_pct(float(risk["client_share"].sum()), lang),
               share=_pct(float(risk["monetary_share"].sum()), lang)),
        ))
    return rows

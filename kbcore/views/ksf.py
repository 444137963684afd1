"""Views of the KSF/CSF comparison (block 6): players, factors, tables and key figures in words.

The analysis (:mod:`kbcore.analyses.ksf`) returns scores under the players' column names
(``us``, ``competitor_1`` …) and the factors as written; here they get their people's names.
A result computed from the template's example (``KsfScores.example``) is labelled "example"
(:func:`~kbcore.views.figures.example`) wherever it is shown: table captions, the chart's
title, every key figure — never as the company's own result.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.ksf import US, KsfScores
from kbcore.i18n import fmt_number, t
from kbcore.views.figures import Figure, example

__all__ = [
    "player_label",
    "factor_label",
    "labelled",
    "totals_table",
    "factors_table",
    "ksf_figures",
]


def player_label(player: str, lang: str = "en") -> str:
    """The people's name of a player column: "us" → "Us", "competitor_2" → "Competitor 2"."""
    if player == US:
        return t("ksf.us", lang)
    if player.startswith("competitor_") and player[len("competitor_"):].isdigit():
        return t("ksf.competitor", lang, n=player[len("competitor_"):])
    return player


def factor_label(row, lang: str = "en") -> str:
    """The factor's name in ``lang`` (``factor_ru`` in Russian when filled in)."""
    ru = row.get("factor_ru") if hasattr(row, "get") else None
    if lang == "ru" and ru is not None and not pd.isna(ru) and str(ru).strip():
        return str(ru)
    return str(row["factor"])


def labelled(scores: KsfScores, text: str, lang: str = "en") -> str:
    """``text`` marked "(example)" when ``scores`` come from the template's example.

    ``text`` is a title, a caption, a figure's label.
    """
    return example(text, lang) if scores.example else text


def totals_table(scores: KsfScores, lang: str = "en") -> pd.DataFrame:
    """The weighted score of every player.

    The players by their people's names (``player, weighted_score, rank, gap_to_us``). Its caption:
    ``labelled(scores, t("ksf.table.totals", lang), lang)``.
    """
    return scores.totals.assign(
        player=pd.array([player_label(p, lang) for p in scores.totals["player"]], dtype="string"))


def factors_table(scores: KsfScores, lang: str = "en") -> pd.DataFrame:
    """The factors with every player's score and our gap to the best competitor.

    Factors and players by their people's names (the players' columns renamed too). Its caption:
    ``labelled(scores, t("ksf.table.factors", lang), lang)``.
    """
    f = scores.factors
    out = f.assign(
        factor=pd.array([factor_label(row, lang) for _, row in f.iterrows()], dtype="string"),
        best_competitor=pd.array([player_label(p, lang) for p in f["best_competitor"]],
                                 dtype="string"),
    ).drop(columns="factor_ru")
    return out.rename(columns={p: player_label(p, lang) for p in scores.players})


def ksf_figures(scores: KsfScores, lang: str = "en") -> list[Figure]:
    """Key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    Our weighted score and rank, the leader, our largest weighted lag and our largest weighted lead.

    Every label says "(example)" when the scores come from the template's example
    (``scores.example``): they are then not a fact about the company.
    """
    tot = scores.totals.set_index("player")
    us = tot.loc[US]
    needs = "ksf"  # the KSF table: the company's own, or the template's example
    rows = [Figure(labelled(scores, t("kf.ksf.score", lang), lang),
                   t("kf.ksf.score_value", lang, score=fmt_number(us["weighted_score"], lang, 2),
                     rank=int(us["rank"]), players=len(tot)), needs)]
    leader = scores.totals.iloc[0]
    rows.append(Figure(labelled(scores, t("kf.ksf.leader", lang), lang),
                       f"{player_label(leader['player'], lang)} "
                       f"({fmt_number(leader['weighted_score'], lang, 2)})", needs))
    f = scores.factors
    lag = f.loc[f["weighted_gap"] < 0]
    if len(lag):
        row = lag.sort_values(["weighted_gap", "factor"]).iloc[0]
        rows.append(Figure(labelled(scores, t("kf.ksf.lag", lang), lang),
                           f"{factor_label(row, lang)} ({fmt_number(row['gap_to_best'], lang, 1)})",
                           needs))
    lead = f.loc[f["weighted_gap"] > 0]
    if len(lead):
        row = lead.sort_values(["weighted_gap", "factor"], ascending=[False, True]).iloc[0]
        rows.append(Figure(labelled(scores, t("kf.ksf.lead", lang), lang),
                           f"{factor_label(row, lang)} (+{fmt_number(row['gap_to_best'], lang, 1)})",
                           needs))
    return rows

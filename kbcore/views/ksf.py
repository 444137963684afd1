"""Views of the KSF/CSF comparison (block 6): players, factors, tables and key figures in words.

The analysis (:mod:`kbcore.analyses.ksf`) returns scores under the players' column names
(``us``, ``competitor_1`` …) and the factors as written; here they get their people's names.
A result computed from the template's example (``KsfScores.example``) is labelled "example"
(:func:`~kbcore.views.figures.example`) wherever it is shown: table captions, the chart's
title, every key figure — never as the company's own result.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.ksf import SCALE, US, KsfScores, validate_ksf
from kbcore.i18n import fmt_number, t
from kbcore.views.figures import Figure, example

__all__ = [
    "player_label",
    "factor_label",
    "labelled",
    "totals_table",
    "factors_table",
    "ksf_figures",
    "with_scores",
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


def with_scores(table: pd.DataFrame, factor: str, **scores: float) -> pd.DataFrame:
    """A copy of a KSF table with the scores of one factor changed: a what-if for the workbook.

    ``with_scores(ksf_table, "Price", us=4)`` — what if a new price list lifted our price score
    to 4? Pass the result to :func:`~kbcore.analyses.ksf.ksf_scores` and read who leads.

    Parameters
    ----------
    table : DataFrame
        A KSF table (:func:`~kbcore.analyses.ksf.read_ksf`).
    factor : str
        The factor as written in the table (column ``factor``) or its Russian name
        (``factor_ru``).
    **scores : float
        A player's column (``us``, ``competitor_1`` …) and its new score on ``factor``.

    Returns
    -------
    DataFrame
        The table validated again (scores within its scale,
        :func:`~kbcore.analyses.ksf.validate_ksf`) with the table's ``example``, ``note`` and
        ``weight_sum``: a what-if on the template's example still says "example".

    Raises
    ------
    KeyError
        For a factor or a player that is not in the table.
    """
    names = table["factor"].astype("string").str.strip()
    row = names == str(factor).strip()
    if "factor_ru" in table.columns:
        row |= table["factor_ru"].astype("string").str.strip() == str(factor).strip()
    row = row.fillna(False).to_numpy(dtype=bool)
    if not row.any():
        raise KeyError(f"factor {factor!r} is not in the KSF table; its factors: {', '.join(map(str, names))}")
    players = table.attrs.get("players") or [c for c in table.columns if c not in ("factor", "factor_ru",
                                                                                    "note", "weight")]
    unknown = [p for p in scores if p not in players]
    if unknown:
        raise KeyError(f"player(s) {', '.join(unknown)} not in the KSF table; its players: {', '.join(players)}")
    out = table.copy()
    for player, score in scores.items():
        out[player] = out[player].astype("float64")
        out.loc[row, player] = float(score)
    out = validate_ksf(out, scale=table.attrs.get("scale", SCALE))
    out.attrs.update({k: table.attrs[k] for k in ("example", "note", "weight_sum") if k in table.attrs})
    return out

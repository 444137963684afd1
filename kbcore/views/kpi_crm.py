"""View of program 004's CRM table: its ids in words, ready to write for the CRM's import.

:func:`kbcore.analyses.kpi_crm.kpi_crm_table` holds ids (the ABC-3 strategy, the value map's
action, the share's base) and flags; :func:`kpi_crm_texts` puts them in the people's words through
the catalogue. The column names stay the canonical ones, so an import mapping set up once keeps
working; :func:`kpi_crm_headers` gives the headers people read.
"""

from __future__ import annotations

import pandas as pd
from babel.lists import format_list

from kbcore.analyses.kpi_crm import KPI_CRM_PARTS, first_rows, kpi_crm_table
from kbcore.i18n import catalogue, t
from kbcore.views.display import header, styled

__all__ = ["MONEY", "PCT", "crm_note", "crm_preview", "kpi_crm_headers", "kpi_crm_texts", "topics_text"]

MONEY = ("potential", "untapped_potential", "revenue_change", "volume_effect", "price_effect",
         "weighted_value", "clv", "share_headroom")
"""The table's money columns."""
PCT = ("revenue_target_completion", "p_alive", "share_of_wallet", "share_target")
"""The table's shares (fractions: 0.25 is 25 %)."""

_WORDS = {"abc3_strategy": "abc_three.strategy", "value_trend": "clv.trend", "value_action": "clv.action",
          "share_basis": "share_of_wallet.basis"}
"""Columns of ids and the catalogue prefix of their words."""


def kpi_crm_headers(table: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """The table's columns in people's words: ``{column: header}`` (``col.*`` of the catalogue)."""
    return {str(c): header(str(c), lang) for c in table.columns}


def topics_text(topics, lang: str = "en") -> str:
    """The topics named as the language lists them ("topic 1 (market potential) and topic 2 (…)")."""
    names = [t(f"kpi_crm.topic.{topic}", lang) for topic in topics if topic in KPI_CRM_PARTS]
    return format_list(names, locale=lang) if names else ""


def _word(prefix: str, value: str, lang: str) -> str:
    key = f"{prefix}.{value}"
    return t(key, lang) if key in catalogue() else value  # a rule of the user's own keeps its id


def kpi_crm_texts(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The table in words: strategy, action and base by their names, the white-spot flag as yes / no.

    An unknown id keeps the id; a missing one is empty. Same rows, columns and order; ``attrs`` kept.
    """
    out = table.copy()
    for column, prefix in _WORDS.items():
        if column in out.columns:
            values = out[column].astype(object).where(out[column].notna(), None)
            out[column] = pd.array(["" if v is None or v == "" else _word(prefix, str(v), lang)
                                    for v in values], dtype="string")
    if "white_spot" in out.columns:
        flag = out["white_spot"].astype("boolean")
        out["white_spot"] = pd.array(["" if pd.isna(v) else t("kpi_crm.yes" if v else "kpi_crm.no", lang)
                                      for v in flag], dtype="string")
    out.attrs.update(table.attrs)
    return out


def crm_note(result, lang: str = "en") -> str:
    """What :func:`kbcore.app.crm.update_kpi_crm` did, in a sentence or two.

    No file names or paths: the sentence stands in reports a manager reads (the index links the files).
    """
    text = t("kpi_crm.written", lang, topics=topics_text(result.table.attrs.get("topics", []), lang))
    if result.stale:
        text += "\n" + t("kpi_crm.stale", lang, topics=topics_text(result.stale, lang))
    return text


def crm_preview(part: pd.DataFrame, topic: str, clients: pd.DataFrame | None = None, lang: str = "en", *,
                currency: str | None = None, max_rows: int = 10):
    """The topic's columns of the CRM table for its most telling clients, as a styled table."""
    table = kpi_crm_texts(first_rows(kpi_crm_table({topic: part}, clients), topic, max_rows), lang)
    return styled(table, lang, money=[c for c in MONEY if c in table.columns],
                  pct=[c for c in PCT if c in table.columns], max_rows=max_rows,
                  labels=kpi_crm_headers(table, lang), currency=currency)

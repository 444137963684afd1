"""View of the CRM table (block 6): its ids in words, ready to write for the CRM's import.

:func:`kbcore.analyses.crm.crm_table` holds ids (RFM segment, stage, the catalogue id of the
next action); :func:`crm_texts` puts them in the people's words through the catalogue. The
column names stay the canonical ones, so an import mapping set up once keeps working.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.crm import GAP_SEPARATOR
from kbcore.analyses.lifecycle import STAGE_ACTIONS
from kbcore.i18n import fmt_date, t
from kbcore.schema import C
from kbcore.views.display import header
from kbcore.views.key_accounts import quadrant_label

__all__ = ["crm_headers", "crm_texts"]


def crm_headers(table: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """The CRM table's columns in people's words: ``{column: header}``.

    The revenue's header names its window when the table has one (``attrs["window"]``: ABC, XYZ,
    RFM and the revenue over the same months, "Выручка за 01.12.2024 – 30.11.2025 (период ABC, XYZ
    и RFM)"), else the day it counts to (``attrs["as_of"]``). The same words on screen and in the
    Excel file.
    """
    names = {str(c): header(str(c), lang) for c in table.columns}
    if "revenue_12m" in names:
        window, as_of = table.attrs.get("window"), table.attrs.get("as_of")
        if window is not None:
            names["revenue_12m"] = t("crm.revenue_window", lang, start=fmt_date(window[0], lang),
                                     end=fmt_date(window[1], lang))
        elif as_of is not None:
            names["revenue_12m"] = t("crm.revenue_to", lang, revenue=names["revenue_12m"],
                                     date=fmt_date(as_of, lang))
    return names


def _words(values: pd.Series, key: str, lang: str, *, sep: str | None = None) -> pd.Series:
    """Ids in ``values`` as catalogue texts ``<key>.<id>`` ("" for NA); ``sep`` splits several ids."""
    out = []
    for value in values.astype(object).where(values.notna(), None):
        if value is None or value == "":
            out.append("")
        elif sep is None:
            out.append(t(f"{key}.{value}", lang))
        else:
            out.append("; ".join(t(f"{key}.{v}", lang) for v in str(value).split(sep)))
    return pd.Series(out, index=values.index, dtype="string")


def crm_texts(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The CRM table in words.

    RFM segments and stages by their people's names (a client without a stage reads "unknown"), the
    next action as its text (empty without a stage). The key-account columns: ``key_account`` as
    yes / no (empty when the company keeps no flag), the strategy of the matrix quadrant
    (block 7's :func:`~kbcore.views.key_accounts.quadrant_label`), the DMU gaps joined by "; " (``dmu.gap.<id>``; "none" for a key account
    without a gap, empty when unknown) and the next DMU action (``dmu.action.<id>``).

    Same rows, columns and order as ``table``; ``attrs`` kept.
    """
    stages = table["stage"].astype(object).where(table["stage"].notna(), None).tolist()
    actions = table["next_action"].astype(object).where(table["next_action"].notna(), None)
    out = table.assign(
        rfm_segment=pd.array([t(f"rfm.segment.{s}", lang) for s in table["rfm_segment"]],
                             dtype="string"),
        stage=pd.array([t(f"stage.{s}", lang) if s in STAGE_ACTIONS
                        else t("crm.stage.unknown", lang) for s in stages], dtype="string"),
        next_action=pd.array([t(a, lang) if a is not None else "" for a in actions],
                             dtype="string"),
    )
    if C.key_account in table.columns:
        flag = table[C.key_account].astype("boolean")
        out[C.key_account] = pd.Series(
            [("" if pd.isna(v) else t("crm.key_account.yes" if v else "crm.key_account.no", lang))
             for v in flag], index=table.index, dtype="string")
    if "ka_strategy" in table.columns:
        strategy = table["ka_strategy"].astype(object)
        out["ka_strategy"] = pd.Series([quadrant_label(v, lang) if isinstance(v, str) and v else ""
                                        for v in strategy], index=table.index, dtype="string")
    if "dmu_gaps" in table.columns:
        gaps = table["dmu_gaps"].astype("string")
        out["dmu_gaps"] = _words(gaps, "dmu.gap", lang, sep=GAP_SEPARATOR).mask(
            gaps.eq("").fillna(False), t("crm.dmu_gaps.none", lang))
    if "dmu_next_action" in table.columns:
        out["dmu_next_action"] = _words(table["dmu_next_action"], "dmu.action", lang)
    out.attrs.update(table.attrs)
    return out

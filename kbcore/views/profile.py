"""Views of the client profile (профиль клиента): its rules, traits and groups for people.

:mod:`kbcore.analyses.profile` returns numbers, trait ids and values from the data; here the
trait ids become their names (catalogue ``col.<trait>``), bounds become "≥ 6,4" in the
locale, and yes / no replaces True / False.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.profile import ALL, LOWER_IS_BETTER, ClientProfile
from kbcore.i18n import catalogue, fmt_number, t
from kbcore.views.labels import label

__all__ = ["profile_groups_table", "profile_view", "trait_label", "typical_text"]

VIEW_COLUMNS = ["trait", "top", "rest", "typical", "top_match", "rest_match", "lift", "used"]


def trait_label(trait: str, lang: str = "en") -> str:
    """The people's name of a trait id (catalogue ``col.<trait>``, else the id)."""
    key = f"col.{trait}"
    return t(key, lang) if key in catalogue() else str(trait)


def typical_text(kind: str, typical: str, bound: float, lang: str = "en", *, trait: str = "") -> str:
    """The typical value of a profile rule for people.

    The values, or "≥ 6,4" in the locale ("≤" for a trait where less is better, such as days between
    orders).
    """
    if kind != "number" or pd.isna(bound):
        return str(typical)
    sign = "≤" if trait in LOWER_IS_BETTER or str(typical).startswith("≤") else "≥"
    return f"{sign} {fmt_number(bound, lang, 1)}"


def profile_view(profile: ClientProfile, category: str = ALL, lang: str = "en") -> pd.DataFrame:
    """The profile of one category for people.

    ``trait, top, rest, typical, top_match, rest_match, lift, used`` with trait names from the
    catalogue and numbers formatted (medians with one decimal). Formatting only; the numbers are
    those of ``profile.table``.
    """
    table = profile.table
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in VIEW_COLUMNS})
    rows = table.loc[table["category"] == category].copy()

    def fmt(value, kind: str) -> str:
        if kind == "number":
            return fmt_number(value, lang, 1) if pd.notna(value) else "—"
        return str(value)

    rows["typical"] = [typical_text(k, ty, b, lang, trait=tr) for k, ty, b, tr in
                       zip(rows["kind"], rows["typical"], rows["bound"], rows["trait"], strict=True)]
    rows["trait"] = rows["trait"].map(lambda tr: trait_label(tr, lang))
    rows["top"] = [fmt(v, k) for v, k in zip(rows["top"], rows["kind"], strict=True)]
    rows["rest"] = [fmt(v, k) for v, k in zip(rows["rest"], rows["kind"], strict=True)]
    rows["used"] = rows["used"].map(lambda u: t("card.yes" if u else "card.no", lang))
    return rows[VIEW_COLUMNS].reset_index(drop=True)


def profile_groups_table(profile: ClientProfile, lang: str = "en") -> pd.DataFrame:
    """The profile's groups (:attr:`ClientProfile.groups`) for people.

    The category as its label, the measure columns named after the measure (``profit_top`` …) and
    left out when the measure is revenue (already shown as ``revenue_top``/``revenue_rest``).
    """
    groups = profile.groups.drop(columns="own_rules", errors="ignore")
    if groups.empty:
        return groups
    groups = groups.assign(category=[label(v, lang, 60) for v in groups["category"]])
    if profile.measure == "revenue":
        return groups.drop(columns=["measure_top", "measure_rest"])
    return groups.rename(columns={"measure_top": f"{profile.measure}_top",
                                  "measure_rest": f"{profile.measure}_rest"})

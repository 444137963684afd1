"""Block 9 · Equipping the key account manager: the profile, the roles' time and the recorded time, in words.

The questionnaires (``kam_profile``, ``kam_roles``, ``kam_states``) are scored by the assessment
engine (:func:`kbcore.analyses.assessment.assess`) and most of their views are the engine's
(:mod:`kbcore.views.assessment`). This module adds what block 9 says beyond them:

- the profile's **strengths** (an answered competency at or above its target level) and
  **weaknesses** (below it: the gaps, whose ranked actions are the development list);
- the **recorded time** of our people from the CRM (:func:`kbcore.analyses.kam_time.time_split`)
  for the key-account managers of the staff table (else for everyone who records contacts), with
  the minutes per contact stated as assumptions, and the share of a working year that the
  estimate makes;
- the block's key figures, labelled "example" where they come from example answers and shown as
  missing where the company has no CRM history.

Texts are in the catalogue (``b9.*``, ``kbcore/locale/block09.yaml``).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from kbcore.analyses.assessment import AssessmentResult, Questionnaire
from kbcore.analyses.dmu import STAFF_ROLE_ALIASES, UNKNOWN, canonical
from kbcore.analyses.kam_time import MINUTES
from kbcore.i18n import catalogue, fmt_date, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.assessment import answer_label, captioned
from kbcore.views.figures import Figure, missing

__all__ = [
    "STATUSES",
    "KAM_ROLE",
    "profile_status",
    "profile_counts",
    "profile_table",
    "profile_html",
    "top_role",
    "notes_html",
    "focus_people",
    "kind_order",
    "kind_label",
    "recorded_time_table",
    "recorded_time_html",
    "ka_time_share",
    "money_vs_time_html",
    "kam_figures",
]

STATUSES = ("strength", "weakness", "not_answered")
"""The verdict of a competency of the profile (catalogue ``b9.status.<id>``)."""

KAM_ROLE = "key_account_manager"
"""The staff role id of a key-account manager (:data:`kbcore.analyses.dmu.STAFF_ROLES`)."""


# --------------------------------------------------------------------------- the profile
def profile_status(result: AssessmentResult) -> pd.Series:
    """Per question (the order of ``result.questions``): ``strength``, ``weakness`` or ``not_answered``.

    A strength is an answered competency at or above its threshold (the profile's target level,
    else the template's ``gap_below``); a weakness is a gap (below it).
    """
    qs = result.questions
    status = np.where(qs["answer"].isna(), "not_answered", np.where(qs["gap"], "weakness", "strength"))
    return pd.Series(status, index=qs.index, name="status")


def profile_counts(result: AssessmentResult) -> dict[str, int]:
    """How many competencies are strengths, weaknesses and not answered."""
    counts = profile_status(result).value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def profile_table(q: Questionnaire, result: AssessmentResult, lang: str = "en") -> pd.DataFrame:
    """Every competency in the template's order: section, competency, your level, target, verdict."""
    qs = result.questions
    status = profile_status(result)
    return pd.DataFrame({
        t("assess.h.section", lang): [q.section(s).title[lang] for s in qs["section"]],
        t("b9.h.competency", lang): [q.question(x).text[lang] for x in qs["question_id"]],
        t("b9.h.level", lang): [answer_label(q, v, lang) for v in qs["answer"]],
        t("b9.h.target", lang): [answer_label(q, math.ceil(v - 1e-9), lang) for v in qs["threshold"]],
        t("b9.h.status", lang): [t(f"b9.status.{s}", lang) for s in status],
    })


def profile_html(result: AssessmentResult, lang: str = "en", *, source: str = "saved") -> str:
    """One paragraph: how many strengths and weaknesses, marked "(example)" for example answers."""
    n = profile_counts(result)
    text = t("b9.profile.summary", lang, strengths=tn("b9.count.strengths", n["strength"], lang),
             weaknesses=tn("b9.count.weaknesses", n["weakness"], lang))
    if n["not_answered"]:
        text += " " + tn("b9.count.not_answered", n["not_answered"], lang)
    if source == "example":
        text = f"<b>{t('b9.example_answers', lang)}</b> {text}"
    return f"<p>{text}</p>"


def top_role(result: AssessmentResult) -> str | None:
    """The section (role) that takes the largest share of working time by the answers (None without times)."""
    s = result.sections.dropna(subset=["time_share"])
    if s.empty or float(s["time_share"].max()) <= 0:
        return None
    return str(s.loc[s["time_share"].idxmax(), "section"])


def notes_html(notes: list[str], lang: str = "en", *, source: str = "saved") -> str:
    """The disagreements with the data as a list, headed "Example answers" for example answers ("" without any)."""
    if not notes:
        return ""
    head = f"<p><b>{t('b9.example_answers', lang)}</b></p>" if source == "example" else ""
    return head + "<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>"


# --------------------------------------------------------------------------- the recorded time
def focus_people(split: pd.DataFrame) -> tuple[list[str], str]:
    """Whose recorded time to set beside the roles: the key-account managers, else everyone.

    Returns the people (sorted) and which rule chose them: ``"kam"`` (the staff table names
    them key-account managers, any wording of :data:`~kbcore.analyses.dmu.STAFF_ROLE_ALIASES`),
    ``"all"`` (no one is: every person who records contacts) or ``"none"`` (no records).
    """
    if split is None or split.empty:
        return [], "none"
    people = split[[C.manager, C.role]].drop_duplicates(C.manager)
    roles = canonical(people[C.role].astype("string"), STAFF_ROLE_ALIASES)
    kam = people.loc[(roles == KAM_ROLE).fillna(False).to_numpy(), C.manager]
    if len(kam):
        return sorted(kam.astype(str)), "kam"
    return sorted(people[C.manager].astype(str)), "all"


def kind_order(kinds) -> list[str]:
    """The kinds of contact in a fixed order: visit, meeting, call, e-mail, then the others.

    The kinds of :data:`~kbcore.analyses.kam_time.MINUTES` first, the others alphabetically.
    """
    found = sorted({str(k) for k in pd.Series(kinds).dropna()})
    return [k for k in MINUTES if k in found] + [k for k in found if k not in MINUTES]


def kind_label(kind: str, lang: str = "en") -> str:
    """The people's name of a kind of contact (``b9.kind.<kind>``), else the kind as recorded."""
    key = f"b9.kind.{kind}"
    return t(key, lang) if key in catalogue() else str(kind)


def _kind_one(kind: str, lang: str) -> str:
    key = f"b9.kind_one.{kind}"
    return t(key, lang) if key in catalogue() else str(kind)


def _role_label(value, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    role = canonical(pd.Series([value], dtype="string"), STAFF_ROLE_ALIASES).iloc[0]
    key = f"dmu.our_role.{role}"
    return t(key, lang) if role != UNKNOWN and key in catalogue() else str(value)


def recorded_time_table(split: pd.DataFrame, people: list[str], lang: str = "en", *,
                        working_hours: float = 1760.0, months: int = 12) -> pd.DataFrame:
    """Per person: role, estimated hours by kind of contact, total, key accounts' share, share of a working year.

    The hours are :func:`~kbcore.analyses.kam_time.time_split`'s (records × assumed minutes);
    ``working_hours`` is a working year in hours (scaled to the window of ``months``). A kind
    without minutes shows "—"; without key-account flags the key accounts' columns are "—".
    """
    rows = split[split[C.manager].isin(people)]
    if rows.empty:
        return pd.DataFrame(columns=[t("b9.h.person", lang), t("b9.h.role", lang)])
    kinds = kind_order(rows[C.kind])
    hours = rows.pivot_table(index=C.manager, columns=C.kind, values="hours", aggfunc="sum", dropna=False)
    first = rows.drop_duplicates(C.manager).set_index(C.manager).loc[people]
    year = working_hours * months / 12.0
    out = pd.DataFrame({t("b9.h.person", lang): people,
                        t("b9.h.role", lang): [_role_label(r, lang) for r in first[C.role]]})
    for k in kinds:
        out[t("b9.h.hours_of", lang, kind=kind_label(k, lang))] = [
            fmt_number(v, lang, 0) if pd.notna(v) else "—" for v in hours.reindex(people)[k]]
    out[t("b9.h.hours", lang)] = [fmt_number(v, lang, 0) for v in first["person_hours"]]
    out[t("b9.h.ka_share", lang)] = [fmt_pct(v, lang) if pd.notna(v) else "—" for v in first["person_ka_share"]]
    out[t("b9.h.year_share", lang)] = [fmt_pct(v / year, lang) if year > 0 else "—" for v in first["person_hours"]]
    return out


def recorded_time_html(split: pd.DataFrame, people: list[str], rule: str, minutes: Mapping[str, float],
                       lang: str = "en", *, working_hours: float = 1760.0, months: int = 12) -> str:
    """What the recorded time is, whose it is, the minutes assumed — or what it would need (HTML)."""
    gaps = tuple(split.attrs.get("missing", ()))
    if rule == "none":
        what = "need.interactions" if "interactions" in gaps or not gaps else "b9.need.manager_kind"
        return "<p>" + t("ui.needs", lang, what=t(what, lang), how=t("need.interactions.how", lang)) + "</p>"
    lo, hi = split.attrs.get("window", (None, None))
    assumed = ", ".join(t("b9.minutes_of", lang, kind=_kind_one(k, lang), n=fmt_number(v, lang, 0))
                        for k, v in minutes.items())
    parts = [t(f"b9.time.who.{rule}", lang, people=html.escape(", ".join(people)))]
    window = (t("b9.time.window", lang, start=fmt_date(lo, lang), end=fmt_date(hi, lang))
              if lo is not None else t("b9.time.window_none", lang))
    parts.append(t("b9.time.minutes", lang, window=window, minutes=assumed))
    parts.append(t("b9.time.crm_only", lang))
    rows = split[split[C.manager].isin(people)].drop_duplicates(C.manager)
    year = working_hours * months / 12.0
    over = rows.loc[rows["person_hours"] > year, C.manager].astype(str).tolist()
    if over:
        parts.append(t("b9.time.over_year", lang, people=html.escape(", ".join(over)),
                       hours=fmt_number(year, lang, 0)))
    if "key_accounts" in gaps:
        parts.append(t("b9.time.no_flag", lang))
    return "<p>" + " ".join(parts) + "</p>"


def ka_time_share(split: pd.DataFrame, people: list[str]) -> float:
    """The key accounts' share of the people's recorded hours together (NaN without hours or flags)."""
    rows = split[split[C.manager].isin(people)].drop_duplicates(C.manager) if len(split) else split
    if rows is None or rows.empty or rows["person_ka_share"].isna().all():
        return math.nan
    hours = float(rows["person_hours"].sum())
    return float((rows["person_ka_share"] * rows["person_hours"]).sum() / hours) if hours > 0 else math.nan


def _share(contribution: pd.DataFrame, measure: str) -> float:
    row = contribution[contribution["measure"] == measure]
    return float(row["share"].iloc[0]) if len(row) and pd.notna(row["share"].iloc[0]) else math.nan


def money_vs_time_html(contribution: pd.DataFrame, split: pd.DataFrame, people: list[str], lang: str = "en") -> str:
    """Where the money is against where the time goes (HTML).

    The key accounts' share of revenue and client profit
    (:func:`~kbcore.analyses.key_accounts.ka_contribution`) beside their share of the recorded
    contact time. Without key-account flags: what it needs.
    """
    revenue = _share(contribution, "revenue")
    if math.isnan(revenue):
        return "<p>" + t("ui.needs", lang, what=t("need.ka7.flag", lang), how=t("need.ka7.flag.how", lang)) + "</p>"
    profit = _share(contribution, "profit")
    money = (t("b9.money.revenue_profit", lang, revenue=fmt_pct(revenue, lang), profit=fmt_pct(profit, lang))
             if not math.isnan(profit) else t("b9.money.revenue", lang, revenue=fmt_pct(revenue, lang)))
    time = ka_time_share(split, people)
    tail = (t("b9.money.time", lang, time=fmt_pct(time, lang)) if not math.isnan(time)
            else t("b9.money.no_time", lang))
    return f"<p><b>{money}</b> {tail}</p>"


# --------------------------------------------------------------------------- key figures
def kam_figures(q_profile: Questionnaire, profile: AssessmentResult, profile_source: str,
                q_roles: Questionnaire, roles: AssessmentResult, roles_source: str,
                split: pd.DataFrame, people: list[str], q_states: Questionnaire, states: AssessmentResult,
                states_source: str, contribution: pd.DataFrame | None = None, lang: str = "en") -> list[Figure]:
    """The block's key figures (the rows of :func:`kbcore.views.figures.key_figures_table`).

    The profile's score, strengths and weaknesses and first development step, the role that
    takes most time (each "(example)" for example answers), the recorded hours of the focus
    people and their key accounts' share (missing without a CRM history: needs
    ``interactions``), and the five states' score, marked as the trainer's placeholder.
    """
    def label(key, source, **kw):
        return captioned(t(key, lang, **kw), source, lang)

    n = profile_counts(profile)
    score = fmt_pct(profile.overall, lang) if not math.isnan(profile.overall) else t("assess.nothing_answered", lang)
    first = (q_profile.question(profile.gaps.iloc[0]["question_id"]).text[lang] if len(profile.gaps)
             else t("b9.kf.no_gaps", lang))
    role = top_role(roles)
    share = roles.sections.set_index("section")["time_share"]
    role_text = (f"{q_roles.section(role).title[lang]} — {fmt_pct(share[role], lang)}" if role
                 else t("b9.kf.no_time", lang))
    figures = [
        Figure(label("b9.kf.profile_score", profile_source), score),
        Figure(label("b9.kf.strengths", profile_source), t("b9.kf.strengths_value", lang,
                                                            strengths=fmt_number(n["strength"], lang),
                                                            weaknesses=fmt_number(n["weakness"], lang))),
        Figure(label("b9.kf.first_step", profile_source), first),
        Figure(label("b9.kf.top_role", roles_source), role_text),
    ]
    rows = split[split[C.manager].isin(people)].drop_duplicates(C.manager) if len(split) else split
    if rows is None or rows.empty:
        figures.append(Figure(t("b9.kf.recorded_hours", lang), missing("need.interactions", lang), "interactions"))
        figures.append(Figure(t("b9.kf.ka_share", lang), missing("need.interactions", lang), "interactions"))
    else:
        figures.append(Figure(t("b9.kf.recorded_hours", lang), fmt_number(rows["person_hours"].sum(), lang, 0),
                              "interactions"))
        ka = ka_time_share(split, people)
        figures.append(Figure(t("b9.kf.ka_share", lang),
                              fmt_pct(ka, lang) if not math.isnan(ka) else missing("need.ka7.flag", lang),
                              "interactions"))
    if contribution is not None:
        revenue = _share(contribution, "revenue")
        figures.append(Figure(t("b9.kf.ka_revenue", lang),
                              fmt_pct(revenue, lang) if not math.isnan(revenue) else missing("need.ka7.flag", lang),
                              "clients"))
    states_score = fmt_pct(states.overall, lang) if not math.isnan(states.overall) else t("assess.nothing_answered", lang)
    states_label = t("b9.kf.states_placeholder" if q_states.placeholder else "b9.kf.states", lang)
    figures.append(Figure(captioned(states_label, states_source, lang), states_score))
    return figures

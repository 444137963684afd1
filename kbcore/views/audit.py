"""Block 4 views: the audit of the customer base in ten stages, in words.

The numbers come from :mod:`kbcore.analyses.audit` (the stages, the cells, the history, the money,
the actions) and :mod:`kbcore.analyses.audit_report` (the data beside the self-assessment); every
word from the catalogue (``audit.*``, ``kbcore/locale/block04.yaml``). A stage the data cannot
judge says so and what it would need («данные не позволяют судить — оценка участника»); a
self-assessment from example answers says "example" in its header and its key figure.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from kbcore.analyses.assessment import AssessmentResult, Questionnaire
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.assessment import captioned
from kbcore.views.assessment import needs_text as engine_needs_text
from kbcore.views.figures import MISSING_MARK, Figure

__all__ = [
    "stage_title",
    "needs_text",
    "missing_text",
    "stage_figure",
    "audit_table",
    "audit_html",
    "cells_summary",
    "cells_table",
    "history_table",
    "money_table",
    "actions_table",
    "audit_figures",
]

_SELF_ONLY = "needs.self_assessment"


def _nan(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def stage_title(stage_id: str, lang: str = "en") -> str:
    """The stage's short title with its number: "1. Market segmentation"."""
    return t(f"audit.stage.{stage_id}", lang)


def needs_text(missing: str, lang: str = "en", *, self_assessment: bool = True) -> str:
    """The data a stage lacks, in words: ids joined by "," (``needs.clients.segment,…``) → a list.

    ``self_assessment=False`` leaves out ``needs.self_assessment`` (said elsewhere for stage 8).
    """
    ids = [m for m in dict.fromkeys(str(missing or "").split(",")) if m]
    if not self_assessment:
        ids = [m for m in ids if m != _SELF_ONLY]
    return engine_needs_text(",".join(ids), lang)


def missing_text(missing: str, lang: str = "en") -> str:
    """A value the data cannot give: "— (no data: needs the segment on the client card, …)"."""
    what = needs_text(missing, lang, self_assessment=False) or t(_SELF_ONLY, lang)
    return t("kf.missing", lang, mark=MISSING_MARK, what=what)


def stage_figure(row, lang: str = "en") -> str:
    """The measured figure of one stage (a row of ``audit_stages``) in words, or what it lacks."""
    sid = row["stage_id"]
    if sid != "base_or_list" and _nan(row["value"]):
        return missing_text(row["missing"], lang)
    num, den = fmt_number(row["numerator"], lang), fmt_number(row["denominator"], lang)
    share = fmt_pct(row["value"], lang, 1)
    if sid == "segmentation":
        count = row["count"]
        segments = tn("audit.n_segments", 0 if _nan(count) else int(count), lang)
        text = t("audit.fig.segmentation", lang, share=share, num=num, den=den, segments=segments)
    elif sid == "base_or_list":
        text = t("audit.fig.base_or_list", lang, stages=tn("audit.n_stages", int(row["numerator"]), lang),
                 outcome=t(f"audit.verdict.{row['outcome']}", lang))
    elif sid == "consequences":
        count = 0 if _nan(row["count"]) else int(row["count"])
        text = t("audit.fig.consequences", lang, share=share, money=fmt_money(row["money"], lang),
                 clients=tn("ui.count.clients", count, lang))
    else:
        text = t(f"audit.fig.{sid}", lang, share=share, num=num, den=den)
    rest = needs_text(row["missing"], lang, self_assessment=False)
    if rest:
        text = t("audit.fig.partial", lang, figure=text, what=rest)
    if _SELF_ONLY in str(row["missing"]):
        text = t("audit.fig.motives", lang, figure=text)
    return text


def _verdict_text(row, lang: str) -> str:
    if row["stage_id"] == "base_or_list":
        return t(f"audit.verdict.{row['outcome']}", lang)
    return t(f"audit.verdict.{row['verdict']}", lang)


def audit_table(report: pd.DataFrame, lang: str = "en", *, source: str = "saved",
                stages: list[str] | None = None) -> pd.DataFrame:
    """The audit report's table: stage, measured figure, the data's verdict, self-assessment, comparison.

    ``report`` is :func:`kbcore.analyses.audit_report.audit_report`; ``stages`` keeps some stage ids
    (a section of the notebook), None all ten. ``source`` is where the self-assessment came from
    (``"example"`` marks its header "(example)").
    """
    r = report if stages is None else report[report["stage_id"].isin(stages)]
    self_scores = [("—" if _nan(s) else f"{fmt_pct(s, lang)} — {t(f'audit.verdict.{v}', lang)}")
                   for s, v in zip(r["self_score"], r["self_verdict"], strict=True)]
    return pd.DataFrame({
        t("audit.h.stage", lang): [stage_title(s, lang) for s in r["stage_id"]],
        t("audit.h.data", lang): [stage_figure(row, lang) for _, row in r.iterrows()],
        t("audit.h.verdict", lang): [_verdict_text(row, lang) for _, row in r.iterrows()],
        captioned(t("audit.h.self", lang), source, lang): self_scores,
        t("audit.h.agreement", lang): [t(f"audit.agree.{a}", lang) for a in r["agreement"]],
    })


def audit_html(report: pd.DataFrame, money: pd.DataFrame, actions: pd.DataFrame, lang: str = "en", *,
               base_min_ok: int = 6, q: Questionnaire | None = None, result: AssessmentResult | None = None,
               source: str = "saved") -> str:
    """The verdict of the audit report (HTML).

    Base or list, the stages the data cannot judge, the money at stake, the first action and the
    self-assessment beside the data.
    """
    st = report.set_index("stage_id")
    n_ok = int(st.loc["base_or_list", "numerator"])
    outcome = st.loc["base_or_list", "outcome"]
    stages = tn("audit.n_stages", n_ok, lang)
    if outcome == "base":
        parts = [t("audit.report.base", lang, stages=stages)]
    else:
        parts = [t("audit.report.list", lang, stages=stages, need=tn("audit.n_stages", int(base_min_ok), lang))]
    n_missing = int((report["verdict"] == "missing").sum())
    if n_missing:
        parts.append(tn("audit.report.missing", n_missing, lang))
    risk = st.loc["consequences"]
    if not _nan(risk["value"]):
        parts.append(t("audit.report.risk", lang, money=fmt_money(risk["money"], lang),
                       share=fmt_pct(risk["value"], lang, 1)))
    loss = money.set_index("consequence").loc["loss_making_clients", "money"]
    if not _nan(loss):
        parts.append(t("audit.report.loss", lang, money=fmt_money(loss, lang)))
    if len(actions):
        first = actions.iloc[0]
        parts.append(t("audit.report.first", lang, stage=stage_title(first["stage_id"], lang),
                       action=t(first["action"], lang)))
    else:
        parts.append(t("audit.report.all_ok", lang))
    if q is not None and result is not None and not math.isnan(result.overall):
        label = next((v.label[lang] for v in q.verdicts if v.id == result.verdict), "")
        both = report["agreement"].isin(["agree", "self_higher", "self_lower"])
        parts.append(t("audit.report.self", lang, name=captioned(t("audit.kf.self", lang), source, lang),
                       score=fmt_pct(result.overall, lang), label=label,
                       agree=int((report["agreement"] == "agree").sum()), compared=int(both.sum())))
    head, *rest = parts
    return f"<p><b>{html.escape(head)}</b></p>\n" + "\n".join(f"<p>{html.escape(p)}</p>" for p in rest)


def cells_summary(cells: pd.DataFrame, lang: str = "en") -> str:
    """One sentence on stage 2's cells: how many owned, shared, split and orphan, and their revenue."""
    if cells.empty:
        return t("audit.cells.none", lang)
    n = cells["cell_status"].value_counts()
    wanting = cells.loc[cells["cell_status"] != "owned", "revenue"].sum()
    return t("audit.cells.summary", lang, total=fmt_number(len(cells), lang),
             **{k: fmt_number(int(n.get(k, 0)), lang) for k in ("owned", "shared", "split", "orphan")},
             revenue=fmt_money(wanting, lang))


def cells_table(cells: pd.DataFrame, lang: str = "en", *, top: int | None = 10) -> pd.DataFrame:
    """The cells not owned by one manager (orphan, shared, split), largest revenue first."""
    c = cells.loc[cells["cell_status"] != "owned"].sort_values(["revenue", "segment", "region"],
                                                               ascending=[False, True, True], kind="stable")
    if top is not None:
        c = c.head(top)
    return pd.DataFrame({
        t("audit.h.segment", lang): c["segment"].astype(str).to_numpy(),
        t("audit.h.region", lang): c["region"].astype(str).to_numpy(),
        t("audit.h.active", lang): [fmt_number(v, lang) for v in c["clients"]],
        t("audit.h.managers", lang): [fmt_number(v, lang) for v in c["managers"]],
        t("audit.h.revenue", lang): [fmt_money(v, lang) for v in c["revenue"]],
        t("audit.h.cell_status", lang): [t(f"audit.cell.{s}", lang) for s in c["cell_status"]],
    })


def history_table(history: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Stage 5 by ABC class: active clients, those with a CRM record, the share, days since the last."""
    gone = "—" if history.attrs.get("missing") else None  # the notebook says what is missing
    return pd.DataFrame({
        t("audit.h.abc", lang): history["abc"].astype(str).to_numpy(),
        t("audit.h.active", lang): [fmt_number(v, lang) for v in history["clients"]],
        t("audit.h.with_record", lang): [gone or ("—" if _nan(v) else fmt_number(v, lang))
                                          for v in history["with_record"]],
        t("audit.h.share", lang): [gone or ("—" if _nan(v) else fmt_pct(v, lang, 1)) for v in history["share"]],
        t("audit.h.days_since", lang): [gone or ("—" if _nan(v) else fmt_number(v, lang))
                                        for v in history["median_days_since"]],
    })


def money_table(money: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Stage 10's consequences: what, how much, how many clients, over which period, how counted."""
    return pd.DataFrame({
        t("audit.h.consequence", lang): [t(f"audit.money.{c}", lang) for c in money["consequence"]],
        t("audit.h.money", lang): [missing_text(m, lang) if _nan(v) else fmt_money(v, lang)
                                   for v, m in zip(money["money"], money["missing"], strict=True)],
        t("audit.h.clients", lang): ["—" if _nan(v) else fmt_number(v, lang) for v in money["clients"]],
        t("audit.h.period", lang): [f"{fmt_date(a, lang)} — {fmt_date(b, lang)}"
                                    for a, b in zip(money["window_start"], money["window_end"], strict=True)],
        t("audit.h.how", lang): [t(f"audit.money_how.{c}", lang) for c in money["consequence"]],
    })


def actions_table(actions: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The ranked action list: order, stage, the data's verdict, money at stake, what to do."""
    return pd.DataFrame({
        t("audit.h.rank", lang): actions["rank"].astype(int).to_numpy(),
        t("audit.h.stage", lang): [stage_title(s, lang) for s in actions["stage_id"]],
        t("audit.h.verdict", lang): [t(f"audit.verdict.{v}", lang) for v in actions["verdict"]],
        t("audit.h.at_stake", lang): ["—" if _nan(v) else fmt_money(v, lang) for v in actions["money"]],
        t("audit.h.action", lang): [t(a, lang) for a in actions["action"]],
    })


def _at_risk(risk, lang: str) -> str:
    if _nan(risk["value"]):
        return missing_text(risk["missing"], lang)
    text = f"{fmt_money(risk['money'], lang)} ({fmt_pct(risk['value'], lang, 1)})"
    rest = needs_text(risk["missing"], lang, self_assessment=False)
    return t("audit.fig.partial", lang, figure=text, what=rest) if rest else text


def audit_figures(report: pd.DataFrame, money: pd.DataFrame, actions: pd.DataFrame, lang: str = "en", *,
                  q: Questionnaire | None = None, result: AssessmentResult | None = None,
                  source: str = "saved") -> list[Figure]:
    """Key figures of block 4: base or list, stages in order, money at stake, the first action, self-score."""
    st = report.set_index("stage_id")
    n_ok = int(st.loc["base_or_list", "numerator"])
    risk = st.loc["consequences"]
    m = money.set_index("consequence")
    figures = [
        Figure(t("audit.kf.outcome", lang), t(f"audit.verdict.{st.loc['base_or_list', 'outcome']}", lang)),
        Figure(t("audit.kf.stages_ok", lang), t("audit.kf.stages_ok_value", lang,
                                                 stages=tn("audit.n_stages", n_ok, lang))),
        Figure(t("audit.kf.at_risk", lang), _at_risk(risk, lang)),
    ]
    for cid, key, needs in (("loss_making_clients", "audit.kf.loss", "sales.cost"),
                            ("stale_key_revenue", "audit.kf.stale", "clients.key_account")):
        v = m.loc[cid, "money"]
        figures.append(Figure(t(key, lang), missing_text(m.loc[cid, "missing"], lang) if _nan(v)
                              else fmt_money(v, lang), needs))
    figures.append(Figure(t("audit.kf.first", lang), stage_title(actions.iloc[0]["stage_id"], lang)
                          if len(actions) else t("audit.kf.none", lang)))
    if q is not None and result is not None:
        label = captioned(t("audit.kf.self", lang), source, lang)
        if math.isnan(result.overall):
            figures.append(Figure(label, t("assess.nothing_answered", lang)))
        else:
            verdict = next((v.label[lang] for v in q.verdicts if v.id == result.verdict), "")
            figures.append(Figure(label, f"{fmt_pct(result.overall, lang)} — {verdict}"))
    return figures

"""The questionnaire form: one section at a time, every answer saved the moment it changes.

The participant types a name, picks a section and answers on the questionnaire's scale (plus a
target, or the share of working time, when the questionnaire asks for them). Every change writes
the whole answer table to this sitting's file in the answers folder
(:class:`kbcore.ingest.answers.AnswerSession`: a new file for each sitting, earlier answers are
never overwritten). The notebook's next cells read the latest saved answers, so the result is the
same whether the answers came from this form, the spreadsheet form or a file.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from kbcore.analyses.assessment import Questionnaire, empty_answers
from kbcore.errors import KBDataError
from kbcore.i18n import t
from kbcore.ingest.answers import AnswerSession, participant_slug

__all__ = ["questionnaire_form"]


def _options(q: Questionnaire, lang: str) -> list[tuple[str, float | None]]:
    return [("—", None), *[(f"{p.value} — {p.label[lang]}", float(p.value)) for p in q.scale]]


def questionnaire_form(q: Questionnaire, *, folder, participant: str = "", lang: str = "en", date=None,
                       initial: pd.DataFrame | None = None) -> widgets.VBox:
    """The form of questionnaire ``q``; answers are saved to ``folder`` on every change.

    ``initial`` (canonical answers, e.g. the participant's latest saved ones) fills the form in;
    the first change still starts a new file. Exposed for tests and trainers: ``box.controls``
    (``{question_id: {"answer": Dropdown, "target": Dropdown, "time": BoundedIntText}}``),
    ``box.participant`` (Text), ``box.section`` (Dropdown), ``box.status`` (HTML),
    ``box.answers()`` (the canonical answers now) and ``box.session`` (the sitting's
    :class:`~kbcore.ingest.answers.AnswerSession`, None before the first save).
    """
    wide = widgets.Layout(width="auto")
    style = {"description_width": "initial"}
    name = widgets.Text(value=participant or "", description=t("assess.form.participant", lang), style=style,
                        placeholder=t("assess.form.participant_hint", lang))
    where = widgets.HTML(t("assess.form.folder", lang, folder=str(folder)))
    status = widgets.HTML(t("assess.form.no_name", lang) if not participant_slug(participant) else "")
    controls: dict[str, dict[str, widgets.Widget]] = {}
    pages: dict[str, widgets.VBox] = {}
    options = _options(q, lang)
    init = None if initial is None else initial.set_index("question_id")
    for s in q.sections:
        rows = []
        for qid in s.questions:
            question = q.question(qid)
            c = {"answer": widgets.Dropdown(options=options, value=None, description=t("assess.form.answer", lang),
                                            style=style, layout=widgets.Layout(width="420px"))}
            if q.ask_target:
                c["target"] = widgets.Dropdown(options=options, value=None,
                                               description=t("assess.form.target", lang), style=style,
                                               layout=widgets.Layout(width="420px"))
            if q.ask_time:
                c["time"] = widgets.BoundedIntText(value=0, min=0, max=100, step=5,
                                                   description=t("assess.form.time", lang), style=style,
                                                   layout=widgets.Layout(width="320px"))
            if init is not None and qid in init.index:
                row = init.loc[qid]
                if not pd.isna(row["answer"]):
                    c["answer"].value = float(row["answer"])
                if "target" in c and not pd.isna(row["target"]):
                    c["target"].value = float(row["target"])
                if "time" in c and not pd.isna(row["time_share"]):
                    c["time"].value = int(round(float(row["time_share"]) * 100))
            controls[qid] = c
            rows.append(widgets.HTML(f"<b>{question.text[lang]}</b>", layout=wide))
            rows.append(widgets.HBox(list(c.values())))
        pages[s.id] = widgets.VBox(rows)

    def section_options():
        answers = box_answers()
        done = answers.set_index("question_id")["answer"].notna()
        return [(f"{i}. {s.title[lang]} ({int(done[list(s.questions)].sum())}/{len(s.questions)})", s.id)
                for i, s in enumerate(q.sections, start=1)]

    def box_answers() -> pd.DataFrame:
        out = empty_answers(q)
        out["answer"] = [np.nan if controls[x]["answer"].value is None else controls[x]["answer"].value
                         for x in out["question_id"]]
        if q.ask_target:
            out["target"] = [np.nan if controls[x]["target"].value is None else controls[x]["target"].value
                             for x in out["question_id"]]
        if q.ask_time:
            out["time_share"] = [controls[x]["time"].value / 100 if controls[x]["time"].value else np.nan
                                 for x in out["question_id"]]
        return out

    section = widgets.Dropdown(options=section_options(), value=q.sections[0].id,
                               description=t("assess.form.section", lang), style=style,
                               layout=widgets.Layout(width="600px"))
    back = widgets.Button(description=t("assess.form.back", lang), icon="arrow-left")
    forward = widgets.Button(description=t("assess.form.next", lang), icon="arrow-right")
    page = widgets.Box([pages[q.sections[0].id]])
    order = [s.id for s in q.sections]

    def show(change=None):
        page.children = [pages[section.value]]

    def step(delta):
        i = order.index(section.value) + delta
        if 0 <= i < len(order):
            section.value = order[i]

    back.on_click(lambda _b: step(-1))
    forward.on_click(lambda _b: step(1))
    section.observe(show, names="value")

    def save(_change=None):
        who = name.value.strip()
        if not participant_slug(who):
            status.value = t("assess.form.no_name", lang)
            return
        answers = box_answers()
        if q.ask_time:
            total = float(np.nansum(answers["time_share"].to_numpy(dtype=float)))
            if total > 1.005:
                status.value = t("assess.form.time_over", lang, total=f"{total * 100:.0f}")
                return
        if box.session is None or box.session.participant != who:
            questions = {x.id: (q.section(x.section).title[lang], x.text[lang]) for x in q.questions}
            box.session = AnswerSession(folder, questionnaire=q.id, participant=who, date=date, questions=questions)
        try:
            path = box.session.save(answers)
        except (KBDataError, OSError) as exc:
            status.value = f"<span style='color:#c0392b'>{exc.message(lang) if isinstance(exc, KBDataError) else exc}</span>"
            return
        n = int(answers["answer"].notna().sum())
        status.value = t("assess.form.saved", lang, path=str(path), n=n, total=len(answers))
        current = section.value
        section.options = section_options()
        section.value = current

    for c in controls.values():
        for w in c.values():
            w.observe(save, names="value")
    name.observe(save, names="value")

    box = widgets.VBox([widgets.HTML(f"<h4>{q.title[lang]}</h4>"), name, where,
                        widgets.HBox([back, section, forward]), page, status])
    box.controls, box.participant, box.section, box.status = controls, name, section, status
    box.answers, box.session = box_answers, None
    return box


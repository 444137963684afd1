"""The trainer's view of a group's answers, as one HTML page: ``kbcore group FOLDER``.

The trainer collects the participants' answer files (the notebook's saved CSVs, the filled
spreadsheet forms) in one folder; the page shows, for every questionnaire that has answers there,
how many participants answered, the range of their overall scores, the questions where the group
agrees least (the discussion starters) as a chart and a table, and the section scores' spread —
anonymous: no name appears. Each participant's latest file counts (:func:`~kbcore.ingest.answers.latest_answers`).
A file that cannot be read stops the page with its clear error (the file and what to do).
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from kbcore.analyses.assessment import group_answers, group_view, questionnaires, read_questionnaire
from kbcore.charts.assessment import plot_group_answers
from kbcore.charts.style import style
from kbcore.i18n import fmt_pct, t
from kbcore.ingest.answers import latest_answers
from kbcore.views.assessment import group_html, group_table

__all__ = ["group_report"]

_CSS = """body{font-family:DejaVu Sans,Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;
vertical-align:top}th{background:#dce8f4}img{max-width:100%}h2{margin-top:2em}"""


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _sections(q, group, lang: str) -> pd.DataFrame:
    s = group.sections
    rows = []
    for sid in [x.id for x in q.sections] + ["overall"]:
        scores = s.loc[s["section"] == sid, "score"].dropna()
        title = q.section(sid).title[lang] if sid != "overall" else t("assess.overall", lang)
        rows.append({t("assess.h.section", lang): title,
                     t("assess.group.h.min", lang): fmt_pct(scores.min(), lang) if len(scores) else "—",
                     t("assess.h.median", lang): fmt_pct(scores.median(), lang) if len(scores) else "—",
                     t("assess.group.h.max", lang): fmt_pct(scores.max(), lang) if len(scores) else "—"})
    return pd.DataFrame(rows)


def group_report(folder, *, lang: str = "en", ids=None, out=None) -> tuple[Path, list[str]]:
    """Write the group page for the answer files in ``folder``; return its path and the questionnaires shown.

    ``ids`` limits it to some questionnaires (default: every packaged one with answers in the
    folder); ``out`` is the HTML file (default ``<folder>/group_<lang>.html``).
    """
    folder = Path(folder)
    ids = list(ids) if ids else [q for q in questionnaires() if latest_answers(folder, q)]
    parts = [f"<h1>{t('assess.group.page_title', lang)}</h1>",
             f"<p>{t('assess.group.page_folder', lang, folder=html.escape(str(folder)))}</p>"]
    if not ids:
        parts.append(f"<p>{t('assess.group.none', lang)}</p>")
    for qid in ids:
        q = read_questionnaire(qid)
        sets, is_example = group_answers(q, folder)
        if is_example:
            continue
        g = group_view(q, sets)
        parts.append(f"<h2>{html.escape(q.title[lang])}</h2>")
        parts.append(group_html(q, g, lang))
        with style():
            fig, ax = plt.subplots()
            plot_group_answers(q, g, lang=lang, ax=ax)
            parts.append(f'<img alt="" src="data:image/png;base64,{_png(fig)}">')
        parts.append(group_table(q, g, lang, top=None).to_html(index=False, escape=True))
        parts.append(f"<h3>{t('assess.group.sections', lang)}</h3>")
        parts.append(_sections(q, g, lang).to_html(index=False, escape=True))
    out = Path(out) if out else folder / f"group_{lang}.html"
    page = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{t('assess.group.page_title', lang)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>")
    out.write_text(page, encoding="utf-8")
    return out, ids

"""Block 5 · The worksheet of the key clients' goals and tasks, in words.

The worksheet (:mod:`kbcore.ingest.worksheets`) is a table the participant writes; here it gets
headers in people's words (``sa.ws.col.*``), the clients' names beside their codes, and a line
that says where it came from — the packaged example is labelled as an example everywhere.
"""

from __future__ import annotations

import html

import pandas as pd

from kbcore.i18n import fmt_date, t, tn
from kbcore.ingest.worksheets import Worksheet
from kbcore.views.figures import example

__all__ = ["goals_table", "worksheet_note", "goals_caption", "due_text"]


def due_text(value, lang: str = "en") -> str:
    """A due date as a date when it is one ("2026-03-31" → "31 Mar 2026"), else as typed ("IV кв. 2026")."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        day = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        if not pd.isna(day):
            return fmt_date(day, lang)
    return text


def goals_table(goals: pd.DataFrame, lang: str = "en", *, clients: pd.DataFrame | None = None,
                key_ids=None) -> pd.DataFrame:
    """The worksheet for people: client, goal, task for us, what we offer, due, owner.

    ``clients`` (``client_id``, ``name``) give the names (shown as "name (code)"); ``key_ids`` puts
    the key accounts first and marks them; otherwise the worksheet's order is kept.
    """
    names = pd.Series(dtype="string")
    if clients is not None and {"client_id", "name"} <= set(clients.columns):
        named = clients.dropna(subset=["name"])
        names = pd.Series(named["name"].astype(str).to_numpy(),
                          index=named["client_id"].astype(str).str.strip()).groupby(level=0).first()
    keys = {str(x).strip() for x in (key_ids if key_ids is not None else ())}
    ids = goals["client_id"].astype(str).str.strip()
    client = [f"{names.get(c, c)} ({c})" if c in names.index else c for c in ids]
    mark = t("sa.ws.key_mark", lang)
    client = [f"{x} · {mark}" if c in keys else x for x, c in zip(client, ids, strict=True)]
    out = pd.DataFrame({t("sa.ws.col.client", lang): client})
    for c in ("goal", "task", "offer", "due", "owner"):
        values = goals[c].fillna("").astype(str).str.strip() if c in goals.columns else pd.Series([""] * len(goals))
        out[t(f"sa.ws.col.{c}", lang)] = [(due_text(v, lang) if c == "due" else v) if v else "—" for v in values]
    if keys:
        order = sorted(range(len(out)), key=lambda i: (ids.iloc[i] not in keys, i))
        out = out.iloc[order].reset_index(drop=True)
    return out


def goals_caption(ws: Worksheet, lang: str = "en") -> str:
    """The table's caption: "Goals and tasks of the key clients", with "(example)" for the example."""
    text = t("sa.ws.caption", lang)
    return example(text, lang) if ws.example else text


def worksheet_note(ws: Worksheet, lang: str = "en", *, key_ids=None) -> str:
    """Where the worksheet came from and how many clients and key accounts it covers (HTML)."""
    goals = ws.table
    ids = set(goals["client_id"].astype(str).str.strip())
    if ws.source == "example":
        who = t("sa.ws.source.example", lang)
    elif ws.source == "file":
        who = t("sa.ws.source.file", lang, participant=html.escape(str(ws.about.get("participant") or "—")))
    else:
        date = ws.about.get("date")
        shown = fmt_date(pd.Timestamp(date), lang) if date else "—"
        who = t("sa.ws.source.saved", lang, participant=html.escape(str(ws.about.get("participant") or "—")),
                date=html.escape(shown))
    parts = [who, tn("sa.ws.rows", len(goals), lang, clients=len(ids))]
    if key_ids is not None:
        keys = {str(x).strip() for x in key_ids}
        if keys:
            parts.append(tn("sa.ws.key_covered", len(keys & ids), lang, total=len(keys)))
    return " ".join(parts)

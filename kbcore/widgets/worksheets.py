"""Block 5 widget: the worksheet of the key clients' goals and tasks, saved on every change.

The participant types a name, picks a client (the key accounts first), and adds rows — the
client's goal, our task, what we offer, by when, who answers for it — or picks a row to change
or delete it. Every change writes the whole worksheet to this sitting's file in the answers
folder (:class:`kbcore.ingest.worksheets.WorksheetSession`: a new file for each sitting, earlier
files are never overwritten). The notebook's next cells read the latest saved worksheet, so the
client card shows the same rows whether they came from this form or from a file.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from kbcore.errors import KBDataError
from kbcore.i18n import t
from kbcore.ingest.answers import participant_slug
from kbcore.ingest.worksheets import (
    WORKSHEET_COLUMNS,
    WorksheetSession,
    empty_worksheet,
    parse_worksheet,
)

__all__ = ["goals_worksheet"]

_FIELDS = ("goal", "task", "offer", "due", "owner")


def _client_options(clients: pd.DataFrame | None, key_ids, extra, lang: str) -> list[tuple[str, str]]:
    """(label, client id): the key accounts first, then every other client, by name."""
    if clients is not None and "client_id" in clients.columns:
        ids = clients["client_id"].astype(str).str.strip()
        names = (clients["name"].astype("string").fillna("") if "name" in clients.columns
                 else pd.Series([""] * len(clients), index=clients.index))
        table = pd.DataFrame({"client_id": ids.to_numpy(), "name": names.to_numpy()}).drop_duplicates("client_id")
    else:
        table = pd.DataFrame({"client_id": pd.Series(dtype=str), "name": pd.Series(dtype=str)})
    more = [c for c in dict.fromkeys(str(x).strip() for x in extra) if c and c not in set(table["client_id"])]
    if more:
        table = pd.concat([table, pd.DataFrame({"client_id": more, "name": [""] * len(more)})], ignore_index=True)
    keys = {str(x).strip() for x in (key_ids if key_ids is not None else ())}
    table["key"] = table["client_id"].isin(keys)
    table["name"] = table["name"].where(table["name"].str.strip() != "", table["client_id"])
    table = table.sort_values(["key", "name", "client_id"], ascending=[False, True, True], kind="stable")
    mark = t("sa.ws.key_mark", lang)
    return [(f"{r.name} · {r.client_id}" + (f" · {mark}" if r.key else ""), r.client_id)
            for r in table.itertuples(index=False)]


def goals_worksheet(clients: pd.DataFrame | None, *, folder, key_ids=None, participant: str = "", lang: str = "en",
                    initial: pd.DataFrame | None = None, date=None, client_id: str | None = None) -> widgets.VBox:
    """The worksheet form; the whole worksheet is saved to ``folder`` on every change.

    ``clients`` (``client_id``, ``name``) fill the client list, ``key_ids`` come first;
    ``initial`` (a canonical worksheet, e.g. the participant's latest saved one) fills the form
    in — the first change still starts a new file. Exposed for tests and trainers:
    ``box.participant`` (Text), ``box.client`` (Dropdown), ``box.rows`` (Select of the client's
    rows), ``box.fields`` (``{column: Text}``), ``box.add``, ``box.update``, ``box.delete``
    (Buttons), ``box.status`` (HTML), ``box.table()`` (the worksheet now) and ``box.session``.
    """
    style = {"description_width": "initial"}
    table = {"df": empty_worksheet() if initial is None else parse_worksheet(initial)}
    name = widgets.Text(value=participant or "", description=t("assess.form.participant", lang), style=style,
                        placeholder=t("assess.form.participant_hint", lang))
    where = widgets.HTML(t("assess.form.folder", lang, folder=str(folder)))
    options = _client_options(clients, key_ids, table["df"]["client_id"], lang)
    ids = [v for _, v in options]
    first = client_id if client_id in ids else (ids[0] if ids else None)
    client = widgets.Dropdown(options=options, value=first, description=t("sa.ws.form.client", lang), style=style,
                              layout=widgets.Layout(width="640px"))
    rows = widgets.Select(options=[], rows=5, description=t("sa.ws.form.rows", lang), style=style,
                          layout=widgets.Layout(width="640px"))
    fields = {c: (widgets.Textarea if c in ("goal", "task", "offer") else widgets.Text)(
        value="", description=t(f"sa.ws.col.{c}", lang), style=style, layout=widgets.Layout(width="640px"),
        placeholder=t(f"sa.ws.hint.{c}", lang)) for c in _FIELDS}
    add = widgets.Button(description=t("sa.ws.form.add", lang), icon="plus")
    update = widgets.Button(description=t("sa.ws.form.update", lang), icon="save")
    delete = widgets.Button(description=t("sa.ws.form.delete", lang), icon="trash")
    status = widgets.HTML(t("assess.form.no_name", lang) if not participant_slug(participant) else "")

    def client_rows() -> pd.DataFrame:
        df = table["df"]
        return df[df["client_id"] == (client.value or "")]

    def refresh_rows(select=None):
        own = client_rows()
        rows.options = [(f"{i + 1}. {r.goal}"[:90], int(idx)) for i, (idx, r) in enumerate(own.iterrows())]
        rows.value = select if select in own.index else None
        if rows.value is None:
            for c in _FIELDS:
                fields[c].value = ""

    def pick(_change=None):
        if rows.value is None:
            return
        row = table["df"].loc[rows.value]
        for c in _FIELDS:
            fields[c].value = "" if pd.isna(row[c]) else str(row[c])

    def typed() -> dict:
        return {"client_id": client.value or "", **{c: fields[c].value.strip() for c in _FIELDS}}

    def save() -> bool:
        who = name.value.strip()
        if not participant_slug(who):
            status.value = t("assess.form.no_name", lang)
            return False
        if box.session is None or box.session.participant != who:
            box.session = WorksheetSession(folder, participant=who, date=date)
        try:
            path = box.session.save(table["df"])
        except (KBDataError, OSError) as exc:
            status.value = f"<span style='color:#c0392b'>{exc.message(lang) if isinstance(exc, KBDataError) else exc}</span>"
            return False
        status.value = t("sa.ws.form.saved", lang, path=str(path), n=len(table["df"]))
        return True

    def on_add(_b=None):
        row = typed()
        if not client.value or not row["goal"]:
            status.value = t("sa.ws.form.need_goal", lang)
            return
        df = table["df"]
        table["df"] = pd.concat([df, pd.DataFrame([row], columns=list(WORKSHEET_COLUMNS))],
                                ignore_index=True).astype("string")
        refresh_rows(select=len(table["df"]) - 1)
        save()

    def on_update(_b=None):
        if rows.value is None:
            status.value = t("sa.ws.form.pick_row", lang)
            return
        row = typed()
        if not row["goal"]:
            status.value = t("sa.ws.form.need_goal", lang)
            return
        for c in _FIELDS:
            table["df"].loc[rows.value, c] = row[c]
        refresh_rows(select=rows.value)
        save()

    def on_delete(_b=None):
        if rows.value is None:
            status.value = t("sa.ws.form.pick_row", lang)
            return
        table["df"] = table["df"].drop(index=rows.value).reset_index(drop=True)
        refresh_rows()
        save()

    name.observe(lambda _c: save() if len(table["df"]) else None, names="value")
    client.observe(lambda _c: refresh_rows(), names="value")
    rows.observe(pick, names="value")
    add.on_click(on_add)
    update.on_click(on_update)
    delete.on_click(on_delete)

    box = widgets.VBox([widgets.HTML(f"<h4>{t('sa.ws.form.title', lang)}</h4>"), name, where, client, rows,
                        *fields.values(), widgets.HBox([add, update, delete]), status])
    box.participant, box.client, box.rows, box.fields, box.status = name, client, rows, fields, status
    box.add, box.update, box.delete = add, update, delete
    box.table, box.session = (lambda: table["df"].copy()), None
    refresh_rows()
    return box

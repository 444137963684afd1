"""Block 5 widget: the client-card browser (search by name, ИНН or ID, pick, see the card)."""

from __future__ import annotations

import ipywidgets as widgets

from kbcore.analyses.card import client_card, find_clients
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.card import card_html

__all__ = ["card_browser"]


def card_browser(facts: Facts, clients=None, *, products=None, contacts=None, interactions=None,
                 stages=None, as_of=None, lang: str = "en", client_id: str | None = None,
                 limit: int = 200) -> widgets.VBox:
    """A search box and a client list that show the selected client's card (HTML).

    ``facts`` is the notebook's :class:`~kbcore.facts.Facts`: choosing another client reads
    its (already reduced) facts, never the sales lines again.

    Typing in the search box filters the list (:func:`kbcore.analyses.card.find_clients`:
    name, ИНН or client ID, case-insensitive); choosing a client renders its card
    (:func:`kbcore.analyses.card.client_card` → :func:`kbcore.views.card.card_html`, all client
    text escaped). ``box.search`` (Text), ``box.select`` (Dropdown), ``box.output`` (HTML with
    the card) and ``box.card`` (the last :class:`ClientCard`) are exposed for tests and
    trainers.
    """
    style = {"description_width": "initial"}
    search = widgets.Text(value="", placeholder=t("widget.card.placeholder", lang),
                          description=t("widget.card.search", lang), style=style,
                          layout=widgets.Layout(width="480px"), continuous_update=False)
    select = widgets.Dropdown(options=[], description=t("widget.card.client", lang), style=style,
                              layout=widgets.Layout(width="480px"))
    info = widgets.HTML()
    output = widgets.HTML()

    def options(query: str):
        found = find_clients(clients, query, facts=facts, limit=limit)
        return [(f"{row.name} · {row.client_id}", str(row.client_id))
                for row in found.itertuples(index=False)]

    def show(_change=None):
        cid = select.value
        if not cid:
            output.value = ""
            box.card = None
            return
        card = client_card(facts, clients, cid, products=products, contacts=contacts,
                           interactions=interactions, stages=stages, as_of=as_of)
        box.card = card
        output.value = card_html(card, lang)

    def refilter(_change=None):
        opts = options(search.value)
        info.value = "" if opts else t("widget.card.none", lang)
        current = select.value
        select.options = opts
        ids = [v for _, v in opts]
        if current in ids:
            select.value = current
        elif ids:
            select.value = ids[0]
        show()

    box = widgets.VBox([search, select, info, output])
    box.search, box.select, box.output, box.info, box.card = search, select, output, info, None
    first = options("")
    select.options = first
    if first:
        select.value = first[0][1]
    if client_id is not None:
        found = options(str(client_id))
        ids = [v for _, v in found]
        if str(client_id) in ids:
            select.options = found
            select.value = str(client_id)
    select.observe(show, names="value")
    search.observe(refilter, names="value")
    show()
    return box

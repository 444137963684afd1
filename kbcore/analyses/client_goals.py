"""Block 5 · The key clients' goals and tasks: which clients the worksheet covers, key accounts first.

The worksheet itself is read and saved by :mod:`kbcore.ingest.worksheets`; the client card shows a
client's rows (:func:`kbcore.analyses.card.client_card` with ``goals=``). Here, ids only:

* :func:`worksheet_key_ids` — the key accounts to put first: the clients flagged ``key_account``
  (:func:`kbcore.analyses.key_accounts.key_account_ids`, the company's decision), else — when
  nobody is flagged — the clients block 2's lifecycle puts at the stage "key" (``is_key`` of
  :func:`kbcore.analyses.lifecycle.client_stages`: the largest clients by revenue);
* :func:`goal_clients` — the worksheet's clients that the company's data knows (in the clients
  table or in the sales), key accounts first, then in the worksheet's order. A worksheet written
  for another company (the packaged example on a company's own data) names clients the data does
  not know: they are left out here, so that no card is asked for a client that is not there.

Source: seminar program block 5 («Анализ целей и задач, стоящих перед клиентами компании»).
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses._window import span
from kbcore.analyses.key_accounts import key_account_ids
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = ["worksheet_key_ids", "goal_clients"]


def _ids(values) -> list[str]:
    return [str(x).strip() for x in values if not pd.isna(x) and str(x).strip()]


def worksheet_key_ids(clients: pd.DataFrame | None, stages: pd.DataFrame | None = None) -> list[str]:
    """The key accounts, sorted: flagged in the cards, else the lifecycle's stage "key" (``is_key``)."""
    flagged = _ids(key_account_ids(clients))
    if flagged:
        return sorted(set(flagged))
    if stages is not None and {C.client_id, "is_key"} <= set(stages.columns):
        return sorted(set(_ids(stages.loc[stages["is_key"].fillna(False).astype(bool), C.client_id])))
    return []


def goal_clients(goals: pd.DataFrame, facts: Facts, clients: pd.DataFrame | None = None,
                 key_ids=()) -> list[str]:
    """The worksheet's clients the data knows (clients table or sales up to ``facts.as_of``).

    Key accounts (``key_ids``) first, then the others, each in the worksheet's order; every
    client once.
    """
    wanted = list(dict.fromkeys(_ids(goals[C.client_id]))) if C.client_id in goals.columns else []
    known = set(_ids(facts.clients(*span(facts, None, facts.as_of))[C.client_id]))
    if clients is not None and C.client_id in clients.columns:
        known |= set(_ids(clients[C.client_id]))
    keys = set(_ids(key_ids))
    found = [c for c in wanted if c in known]
    return [c for c in found if c in keys] + [c for c in found if c not in keys]

"""Block 3 · The manager who left, within the analysed period.

:func:`kbcore.analyses.handover.handover_effect` compares the clients a leaving manager handed
over with comparable clients. When the analysed period starts after the year before the
departure (``start`` later than the day minus the window), the leaver has no client buying in
that window inside the period and there is nothing to compare. :func:`handover_in_period` says
so — an empty result with ``missing = ("period",)`` — instead of comparing empty groups.

Source: our reading of the seminar's block 3 (see :mod:`kbcore.analyses.handover`).
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.handover import HandoverEffect, handover_effect, manager_departures
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = ["handover_in_period"]


def handover_in_period(ds, facts: Facts, *, manager: str | None = None, window_months: int = 12,
                       as_of=None) -> HandoverEffect:
    """:func:`~kbcore.analyses.handover.handover_effect`, or an empty result when no departure has clients.

    Parameters are those of :func:`~kbcore.analyses.handover.handover_effect`. Rule: among the
    departures of :func:`~kbcore.analyses.handover.manager_departures` (only ``manager``'s when
    given), if there are some and none has a client with a sales line of the leaver in the
    ``window_months`` before the day (``clients == 0``: the period does not reach back that
    far), the result is empty with ``missing = ("period",)``; otherwise it is
    ``handover_effect(ds, facts, manager=manager, window_months=window_months, as_of=as_of)``.
    """
    deps = manager_departures(ds, facts, as_of=as_of, window_months=window_months)
    if manager is not None and not deps.empty:
        deps = deps.loc[deps[C.manager] == str(manager).strip()]
    if not deps.empty and not (deps["clients"] > 0).any():
        return HandoverEffect(manager=None, date=None, window_months=int(window_months), after_end=None,
                              clients=pd.DataFrame(), groups=pd.DataFrame(), stages=pd.DataFrame(),
                              protection=pd.DataFrame(), missing=("period",))
    return handover_effect(ds, facts, manager=manager, window_months=window_months, as_of=as_of)

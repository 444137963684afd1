"""Back to the CRM for program 004: each topic's columns of one client table.

Program 004 ("Key performance indicators") goes, in the seminar's words, "from managing the
territory as a whole to managing each client": every topic ends with something a manager should
see on the client's card — its untapped potential (topic 1), its ABC-3 combination and strategy
(topic 2), how it did against its target and why its turnover moved (topic 3), its value, the
action of its cell on the value × potential map, its probability of still buying and its CLV
(topic 4), our share of its purchases and how much of it can grow (topic 5).

Each topic's notebook builds **its part** from the results it has already shown (the functions
below assemble, they compute no class or measure of their own, so the table says exactly what the
notebook showed); :func:`kpi_crm_table` joins the parts into one row per client.
:func:`kbcore.views.kpi_crm.kpi_crm_texts` puts the ids in words and
:func:`kbcore.app.crm.update_kpi_crm` writes ``kpi_clients_for_crm.csv`` and ``.xlsx``.

Source: the seminar's program 004 (the step "from the territory to the individual client") and
block 6 of program 000 (an analysis changes nothing until it is in the CRM); our reading.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from kbcore.analyses.crm import card_text
from kbcore.schema import C

__all__ = ["IDENTITY", "KPI_CRM_ORDER", "KPI_CRM_PARTS", "abc_part", "first_rows", "kpi_crm_table",
           "market_part", "sales_part", "share_part", "value_part"]

IDENTITY = [C.client_id, C.name, C.manager, C.region]
"""The columns that name the client in the table (from the client cards)."""

KPI_CRM_PARTS: dict[str, list[str]] = {
    "kpi01": ["potential", "untapped_potential", "white_spot"],
    "kpi02": ["abc3", "abc3_strategy"],
    "kpi03": ["revenue_target_completion", "revenue_change", "volume_effect", "price_effect"],
    "kpi04": ["weighted_value", "value_trend", "value_action", "p_alive", "clv"],
    "kpi05": ["share_of_wallet", "share_basis", "share_target", "share_headroom"],
}
"""Each topic's columns, in the table's order (the CRM files' headers)."""

KPI_CRM_ORDER: dict[str, tuple[str, bool]] = {
    "kpi01": ("untapped_potential", False),
    "kpi02": ("abc3", True),
    "kpi03": ("revenue_change", True),
    "kpi04": ("clv", False),
    "kpi05": ("share_headroom", False),
}
"""The column (and ascending?) that puts each topic's most telling clients first in a preview:
the most untapped potential, the large clients of large potential and small share (A-A-C, then
A-A-B, A-A-A …), the largest falls, the highest CLV, the most to win."""

_TEXT = {"abc3", "abc3_strategy", "value_trend", "value_action", "share_basis"}
_BOOL = {"white_spot"}


def _ids(values) -> pd.Series:
    return pd.Series(values, dtype="string").str.strip()


def _part(topic: str, ids, **columns) -> pd.DataFrame:
    """The part of ``topic``: ``client_id`` and its columns typed (text, boolean, float)."""
    out = pd.DataFrame({C.client_id: _ids(ids).to_numpy()})
    for column in KPI_CRM_PARTS[topic]:
        values = columns.get(column)
        if values is None:
            values = [pd.NA] * len(out)
        values = pd.Series(np.asarray(values, dtype=object) if not isinstance(values, pd.Series)
                           else values.to_numpy(dtype=object))
        if column in _TEXT:
            out[column] = pd.array(values, dtype="string")
        elif column in _BOOL:
            out[column] = pd.array(values, dtype="boolean")
        else:
            out[column] = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
    out = out.loc[out[C.client_id].notna() & out[C.client_id].ne("")]
    out = out.drop_duplicates(C.client_id).reset_index(drop=True)
    out.attrs["topic"] = topic
    return out


def _column(frame: pd.DataFrame | None, column: str):
    if frame is None or column not in frame.columns:
        return None
    return frame[column]


def market_part(potentials: pd.DataFrame, shares: pd.DataFrame | None = None) -> pd.DataFrame:
    """Topic 1's part: the client's potential, what of it we do not sell, and its territory's flag.

    ::

        potential          = the client's yearly potential (card, else its market cell)
        untapped_potential = max(potential − our sales of the last 12 months, 0)
        white_spot         = the client's territory is a white spot (high potential, low share)

    Parameters
    ----------
    potentials : DataFrame
        :func:`kbcore.analyses.market_potential.client_potentials` over every client.
    shares : DataFrame, optional
        :func:`kbcore.analyses.market_potential.territory_shares` (``region, white_spot``);
        without it (or for a client in no territory of it) ``white_spot`` is NA.

    Returns
    -------
    DataFrame
        ``client_id`` and ``KPI_CRM_PARTS["kpi01"]``, one row per client.
    """
    regions = _column(potentials, C.region)
    spot = None
    if regions is not None and shares is not None and {C.region, "white_spot"} <= set(shares.columns):
        flags = dict(zip(shares[C.region].astype(str), shares["white_spot"].astype(bool), strict=True))
        spot = [flags.get(str(r), pd.NA) if pd.notna(r) else pd.NA for r in regions]
    return _part("kpi01", potentials[C.client_id], potential=_column(potentials, "potential"),
                 untapped_potential=_column(potentials, "untapped"), white_spot=spot)


def abc_part(classes: pd.DataFrame) -> pd.DataFrame:
    """Topic 2's part: the client's ABC-3 combination (sales-potential-share) and its strategy id.

    Parameters
    ----------
    classes : DataFrame
        :func:`kbcore.analyses.abc_three.abc_three` (``client_id, combination, strategy``).

    Returns
    -------
    DataFrame
        ``client_id, abc3, abc3_strategy`` (NA where a class is unknown).
    """
    return _part("kpi02", classes[C.client_id], abc3=_column(classes, "combination"),
                 abc3_strategy=_column(classes, "strategy"))


def sales_part(by_client: pd.DataFrame | None, contributions: pd.DataFrame | None) -> pd.DataFrame:
    """Topic 3's part: the client against its turnover target, and its change split into effects.

    ::

        revenue_target_completion = revenue / revenue target to date   (NA without a target > 0)
        revenue_change            = revenue of the year − revenue of the year before
        volume_effect, price_effect = the change's volume and price effects (price-volume-mix)

    Parameters
    ----------
    by_client : DataFrame, optional
        :func:`kbcore.analyses.sales_drilldown.drilldown` at ``level="client_id"`` (``item`` is the
        client; ``revenue``, ``revenue_target_to_date``).
    contributions : DataFrame, optional
        :func:`kbcore.analyses.sales_drilldown.variance_clients` of the whole company for the same
        two years (``client_id, change, volume, price``).

    Returns
    -------
    DataFrame
        ``client_id`` and ``KPI_CRM_PARTS["kpi03"]``, one row per client of either input.
    """
    frames = []
    if by_client is not None and len(by_client) and "item" in by_client.columns:
        target = _column(by_client, "revenue_target_to_date")
        completion = None
        if target is not None:
            t = pd.to_numeric(target, errors="coerce")
            completion = (pd.to_numeric(by_client["revenue"], errors="coerce") / t).where(t > 0)
        frames.append(pd.DataFrame({C.client_id: _ids(by_client["item"]).to_numpy(),
                                    "revenue_target_completion": (np.nan if completion is None
                                                                  else completion.to_numpy())}))
    if contributions is not None and len(contributions) and C.client_id in contributions.columns:
        frames.append(pd.DataFrame({
            C.client_id: _ids(contributions[C.client_id]).to_numpy(),
            "revenue_change": pd.to_numeric(contributions["change"], errors="coerce").to_numpy(),
            "volume_effect": pd.to_numeric(contributions["volume"], errors="coerce").to_numpy(),
            "price_effect": pd.to_numeric(contributions["price"], errors="coerce").to_numpy()}))
    if not frames:
        return _part("kpi03", [])
    merged = frames[0]
    for other in frames[1:]:
        merged = merged.merge(other, on=C.client_id, how="outer", sort=False)
    return _part("kpi03", merged[C.client_id], **{c: _column(merged, c) for c in KPI_CRM_PARTS["kpi03"]})


def value_part(value_map: pd.DataFrame, clv_table: pd.DataFrame | None = None,
               trend: pd.DataFrame | None = None) -> pd.DataFrame:
    """Topic 4's part: the weighted yearly value and its trend, the map cell's action, P(alive), CLV.

    The trend stands beside the model's numbers on purpose: BG/NBD counts purchases, not their size,
    so a client who still buys often but less and less keeps a high probability of being alive and
    a high CLV; its falling yearly value is what the manager must see next to them.

    Parameters
    ----------
    value_map : DataFrame
        :func:`kbcore.analyses.clv.value_potential_map` (``client_id, weighted_value, action``).
    clv_table : DataFrame, optional
        :func:`kbcore.analyses.clv.client_clv` (``client_id, p_alive, clv``); None when the
        models could not be fitted (the two columns are then NA).
    trend : DataFrame, optional
        :func:`kbcore.analyses.clv.value_trend` (``client_id, trend``: rising, falling, stable).

    Returns
    -------
    DataFrame
        ``client_id`` and ``KPI_CRM_PARTS["kpi04"]``, one row per client of any input.
    """
    merged = pd.DataFrame({C.client_id: _ids(value_map[C.client_id]).to_numpy(),
                           "weighted_value": _column(value_map, "weighted_value"),
                           "value_action": _column(value_map, "action")})
    if trend is not None and len(trend) and C.client_id in trend.columns:
        merged = merged.merge(pd.DataFrame({C.client_id: _ids(trend[C.client_id]).to_numpy(),
                                            "value_trend": _column(trend, "trend")}),
                              on=C.client_id, how="outer", sort=False)
    if clv_table is not None and len(clv_table) and C.client_id in clv_table.columns:
        models = pd.DataFrame({C.client_id: _ids(clv_table[C.client_id]).to_numpy(),
                               "p_alive": _column(clv_table, "p_alive"),
                               "clv": _column(clv_table, "clv")})
        merged = merged.merge(models, on=C.client_id, how="outer", sort=False)
    return _part("kpi04", merged[C.client_id], **{c: _column(merged, c) for c in KPI_CRM_PARTS["kpi04"]})


def share_part(shares: pd.DataFrame, plan: pd.DataFrame | None = None) -> pd.DataFrame:
    """Topic 5's part: our share of the client's purchases, its base, and the growth plan's target.

    ::

        share_of_wallet = our sales of the last months / the client's yearly purchases (or potential)
        share_headroom  = (target share − share) × base, where the growth plan gives one

    Parameters
    ----------
    shares : DataFrame
        :func:`kbcore.analyses.share_of_wallet.client_shares` (``client_id, share, basis``).
    plan : DataFrame, optional
        :func:`kbcore.analyses.share_of_wallet.growth_plan` (``client_id, target, headroom``).

    Returns
    -------
    DataFrame
        ``client_id, share_of_wallet, share_basis, share_target, share_headroom``.
    """
    merged = pd.DataFrame({C.client_id: _ids(shares[C.client_id]).to_numpy(),
                           "share_of_wallet": _column(shares, "share"),
                           "share_basis": _column(shares, "basis")})
    if plan is not None and len(plan) and C.client_id in plan.columns:
        growth = pd.DataFrame({C.client_id: _ids(plan[C.client_id]).to_numpy(),
                               "share_target": _column(plan, "target"),
                               "share_headroom": _column(plan, "headroom")})
        merged = merged.merge(growth, on=C.client_id, how="left", sort=False)
    return _part("kpi05", merged[C.client_id], **{c: _column(merged, c) for c in KPI_CRM_PARTS["kpi05"]})


def kpi_crm_table(parts: Mapping[str, pd.DataFrame], clients: pd.DataFrame | None = None) -> pd.DataFrame:
    """The parts joined into one row per client, in the topics' order.

    Parameters
    ----------
    parts : mapping of topic id → DataFrame
        Parts of :data:`KPI_CRM_PARTS`' topics (any subset): each ``client_id`` and its columns.
    clients : DataFrame, optional
        The client cards: name, manager and region of each client (NA without them).

    Returns
    -------
    DataFrame
        :data:`IDENTITY`, then the columns of each topic of :data:`KPI_CRM_PARTS` that has a part,
        one row per client named by any part, sorted by ``client_id``; ``attrs["topics"]`` lists
        the topics joined.

    Raises
    ------
    ValueError
        A part of an unknown topic, or without ``client_id``.
    """
    unknown = sorted(set(parts) - set(KPI_CRM_PARTS))
    if unknown:
        raise ValueError(f"unknown topic(s) {', '.join(unknown)}; known: {', '.join(KPI_CRM_PARTS)}")
    topics = [t for t in KPI_CRM_PARTS if t in parts]
    ids = pd.Series(dtype="string")
    for topic in topics:
        if C.client_id not in parts[topic].columns:
            raise ValueError(f"the part of {topic} has no client_id column")
        ids = pd.concat([ids, _ids(parts[topic][C.client_id])], ignore_index=True)
    ids = pd.Series(sorted(set(ids.dropna()) - {""}), dtype="string")
    out = pd.DataFrame({C.client_id: ids})
    for column in IDENTITY[1:]:
        out[column] = card_text(clients, column, out[C.client_id]).to_numpy()
    for topic in topics:
        part = parts[topic]
        columns = [c for c in KPI_CRM_PARTS[topic] if c in part.columns]
        keyed = part.assign(**{C.client_id: _ids(part[C.client_id])}).drop_duplicates(C.client_id)
        out = out.merge(keyed[[C.client_id, *columns]], on=C.client_id, how="left", sort=False)
        for column in KPI_CRM_PARTS[topic]:
            if column not in out.columns:
                out[column] = pd.NA
    out.attrs["topics"] = topics
    return out.reset_index(drop=True)


def first_rows(table: pd.DataFrame, topic: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` rows of ``table`` that tell most about ``topic`` (:data:`KPI_CRM_ORDER`; NA last).

    Topic 2's combinations ("sales-potential-share") are ordered by the sales and potential classes
    (A first) and then by the share class from C to A: a large client of large potential where our
    share is small leads.
    """
    column, ascending = KPI_CRM_ORDER[topic]
    if column not in table.columns:
        return table.head(n)
    key = table[column]
    if topic == "kpi02":
        text = key.astype("string")
        key = (text.str[:4] + text.str[4:].str.translate(str.maketrans("ABC", "CBA"))).where(text.notna())
    order = (pd.DataFrame({"_key": key.to_numpy(), "_id": table[C.client_id].to_numpy()}, index=table.index)
             .sort_values(["_key", "_id"], ascending=[ascending, True], na_position="last", kind="mergesort"))
    return table.loc[order.index].head(n)

"""Units of quantity: volume needs one unit; litres and kilograms are never summed.

The one rule of every analysis that adds up ``sales.quantity`` (market potential, ABC by three
measures, the sales drill-down, share of wallet):

* a line's unit is its product's ``products.unit`` (stripped text; unknown — NA — without a
  product id, a product not in the table or a product without a unit) — :func:`line_units`;
* only lines with a quantity (not empty, not 0) need a unit: the others add nothing;
* units are compared case-insensitively (``"L"`` and ``"l"`` are one unit) and reported as written;
* quantities are summed only when every line with a quantity has a known unit and there is one
  unit — :func:`sales_unit` (a set of lines), :func:`units_by` (per group of lines),
  :func:`client_quantity` (per client over a window).

Source: the seminar program 004, topics 1–3 and 5 ("volume in the products' unit of measure").
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses._ids import ids as _ids
from kbcore.facts import between
from kbcore.schema import C

__all__ = ["client_quantity", "line_units", "one_unit", "product_units", "sales_unit", "units_by"]


def product_units(products: pd.DataFrame | None) -> pd.Series | None:
    """``products.unit`` indexed by stripped ``product_id`` (first row of a duplicate id).

    Parameters
    ----------
    products : DataFrame, optional
        The products table (``product_id``, ``unit``).

    Returns
    -------
    Series or None
        The unit of each product as stripped text, NA where empty; None without the table, its
        ``product_id`` or its ``unit`` column.
    """
    if products is None or C.unit not in products.columns or C.product_id not in products.columns:
        return None
    units = products[C.unit].astype("string").str.strip()
    units = units.mask(units == "")
    table = pd.Series(units.to_numpy(), index=_ids(products[C.product_id]), dtype="string")
    return table[~table.index.duplicated()]


def line_units(lines: pd.DataFrame, products: pd.DataFrame | None) -> pd.Series:
    """The unit of each sales line: its product's ``products.unit``.

    Parameters
    ----------
    lines : DataFrame
        Sales lines with ``product_id``.
    products : DataFrame, optional
        The products table (``product_id``, ``unit``).

    Returns
    -------
    Series
        Indexed like ``lines``, pandas ``string``: the unit as written (stripped), NA when unknown
        (no ``sales.product_id``, no ``products.unit``, a product not in the table or without a
        unit).
    """
    table = product_units(products)
    if table is None or C.product_id not in lines.columns:
        return pd.Series(pd.NA, index=lines.index, dtype="string")
    return pd.Series(_ids(lines[C.product_id]).map(table).to_numpy(), index=lines.index, dtype="string")


def sales_unit(lines: pd.DataFrame, products: pd.DataFrame | None = None) -> dict:
    """The one unit of the quantities of ``lines``, or what prevents summing them.

    Parameters
    ----------
    lines : DataFrame
        Sales lines (``quantity``; ``product_id`` to find each line's unit).
    products : DataFrame, optional
        The products table with ``unit`` (the unit of ``sales.quantity`` of each product).

    Returns
    -------
    dict
        ``unit`` — the single unit (text as written, stripped) when every line with a quantity
        has a product whose unit is known and all those units are the same (compared
        case-insensitively), else None; ``units`` — the distinct units met (sorted);
        ``unknown_lines`` — lines with a quantity whose unit is unknown (no product_id, a
        product not in the table or without a unit); ``lines_without_quantity`` — lines whose
        quantity is empty (they count 0 in volume); ``missing`` — the ids of what is absent:
        ``"sales.quantity"`` (no quantity column, or no quantity at all), ``"products.unit"``
        (no products table or unit column, units unknown for some lines, or mixed units).
        Without ``product_id`` on the lines, the products' units stand for them only when the
        whole products table has one unit.

    Quantities in different units are never summed (a litre and a kilogram do not add up).
    """
    missing: list[str] = []
    has_qty = C.quantity in lines.columns and pd.to_numeric(lines[C.quantity], errors="coerce").notna().any()
    if not has_qty:
        missing.append("sales.quantity")
    table = product_units(products)
    if table is None:
        missing.append("products.unit")
        return {"unit": None, "units": (), "unknown_lines": 0, "lines_without_quantity": 0,
                "missing": tuple(missing)}
    qty = pd.to_numeric(lines[C.quantity], errors="coerce") if has_qty else pd.Series(dtype="float64")
    with_qty = qty.notna() & (qty != 0) if has_qty else pd.Series(dtype=bool)
    if C.product_id in lines.columns and has_qty:
        units = line_units(lines.loc[with_qty], products)
        unknown = int(units.isna().sum())
        met = sorted({str(u) for u in units.dropna()})
    else:
        met = sorted({str(u) for u in table.dropna()})
        unknown = 0 if len(met) == 1 and not table.isna().any() else int(with_qty.sum()) if has_qty else 0
    one = len({u.casefold() for u in met}) == 1 and unknown == 0
    if not one and "products.unit" not in missing:
        missing.append("products.unit")
    return {"unit": met[0] if one and has_qty else None, "units": tuple(met),
            "unknown_lines": unknown, "lines_without_quantity": int(qty.isna().sum()) if has_qty else 0,
            "missing": tuple(missing)}


def units_by(lines: pd.DataFrame, key: str, *, unit: str = C.unit,
             quantity: str = C.quantity) -> pd.DataFrame:
    """Per value of ``key``: whether its quantities share one known unit, and that unit.

    Parameters
    ----------
    lines : DataFrame
        Lines with ``key``, ``unit`` (each line's unit, NA unknown: :func:`line_units`) and
        ``quantity``.
    key : str
        The column that groups the lines (a business line, a territory, a client …).
    unit, quantity : str
        The columns of the unit and the quantity.

    Returns
    -------
    DataFrame
        Indexed by the values of ``key`` (in order of appearance): ``ok`` — every line with a
        quantity (not empty, not 0) has a known unit and the units are one (compared
        case-insensitively); ``unit`` — that unit as first written (NA when not ok or when the
        group has no quantity: such a group is ok, with nothing to add).
    """
    q = lines[quantity]
    used = q.notna() & (q != 0)
    part = lines.loc[used, [key, unit]]
    folded = part[unit].astype("string").str.casefold()
    keys = pd.Index(lines[key].unique())
    n_units = folded.groupby(part[key], sort=False).nunique().reindex(keys).fillna(0)
    n_unknown = part[unit].isna().groupby(part[key], sort=False).sum().reindex(keys).fillna(0)
    first = part.groupby(key, sort=False)[unit].first().reindex(keys)
    ok = (n_units <= 1) & (n_unknown == 0)
    found = first.where(ok & (n_units == 1))
    return pd.DataFrame({"ok": ok.astype(bool), "unit": found.astype("string")}, index=keys)


def one_unit(units: pd.Series, quantity: pd.Series) -> tuple[bool, str | None]:
    """(True, unit) when every line with a quantity has a known unit and there is one unit.

    The rule of :func:`units_by` for one set of lines; lines without any quantity give
    ``(True, None)`` (nothing to add, no unit to name).
    """
    frame = pd.DataFrame({"k": 0, C.unit: units.to_numpy(), C.quantity: quantity.to_numpy()})
    if frame.empty:
        return True, None
    row = units_by(frame, "k").iloc[0]
    return bool(row["ok"]), (None if pd.isna(row["unit"]) else str(row["unit"]))


def client_quantity(lines: pd.DataFrame, products: pd.DataFrame | None = None,
                    start=None, end=None) -> tuple[pd.Series | None, dict]:
    """Σ quantity per client over [start, end], only when the quantities share one unit.

    ::

        quantity(client) = Σ sales.quantity of its lines in [start, end]   (empty counts 0)

    Parameters
    ----------
    lines : DataFrame
        Sales lines (``date``, ``client_id``, ``quantity``, ``product_id``).
    products : DataFrame, optional
        The products table (``product_id``, ``unit``).
    start, end : date-like, optional
        The window, both days included (default: all lines).

    Returns
    -------
    (Series or None, dict)
        The quantity per client (indexed by stripped client_id; clients without a line are
        absent: 0) — None when the window's quantities cannot be summed — and
        :func:`sales_unit` of the window's lines. A window without lines (the quantity column
        and the products' units present) sums to nothing: an empty Series (everyone 0), while
        its :func:`sales_unit` names no unit.

    Source: the rule of this module (one unit, :func:`sales_unit`).
    """
    window = between(lines, start, end) if len(lines) else lines
    found = sales_unit(window, products)
    if C.quantity in window.columns and not len(window) and product_units(products) is not None:
        return pd.Series(dtype="float64", index=pd.Index([], dtype="string", name=C.client_id)), found
    if found["unit"] is None:
        return None, found
    qty = pd.to_numeric(window[C.quantity], errors="coerce").fillna(0.0)
    per = qty.groupby(_ids(window[C.client_id]).to_numpy()).sum().astype("float64")
    per.index = pd.Index(per.index, dtype="string", name=C.client_id)
    return per, found

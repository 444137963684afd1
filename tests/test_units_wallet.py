"""The shared rules: units of quantity (kbcore.analyses.units) and the share base (wallet)."""

import math

import numpy as np
import pandas as pd

from kbcore.analyses import units as U
from kbcore.analyses.wallet import share_base, wallet_share
from kbcore.schema import C


def _lines():
    return pd.DataFrame({
        C.date: pd.to_datetime(["2025-01-05", "2025-02-05", "2025-03-05", "2025-12-31"]),
        C.client_id: [" K1", "K1", "K2", "K2"],
        C.product_id: ["p1", "p2", "p1", "p3"],
        C.quantity: [10.0, 5.0, np.nan, 0.0],
    })


def test_line_units_and_one_unit_case_insensitive():
    products = pd.DataFrame({C.product_id: ["p1", "p2"], C.unit: [" l", "L"]})
    lines = _lines()
    units = U.line_units(lines, products)
    assert list(units.iloc[:3]) == ["l", "L", "l"] and pd.isna(units.iloc[3])  # p3 is not in the table
    # p3's line has quantity 0 and K2's p1 line none: only p1, p2 need a unit; "l" and "L" are one
    found = U.sales_unit(lines, products)
    assert found["unit"] == "L" and found["units"] == ("L", "l") and found["missing"] == ()
    assert found["lines_without_quantity"] == 1
    assert U.one_unit(units, lines[C.quantity]) == (True, "l")


def test_units_by_and_mixed_units():
    frame = pd.DataFrame({"g": ["a", "a", "b", "b", "c"], C.unit: ["l", "kg", "l", pd.NA, pd.NA],
                          C.quantity: [1.0, 2.0, 3.0, 4.0, np.nan]})
    by = U.units_by(frame, "g")
    assert list(by["ok"]) == [False, False, True]   # a: two units; b: an unknown unit; c: no quantity
    assert by["unit"].isna().all()
    assert U.one_unit(frame[C.unit], frame[C.quantity]) == (False, None)


def test_client_quantity_window_and_refusal():
    products = pd.DataFrame({C.product_id: ["p1", "p2", "p3"], C.unit: ["l", "l", "l"]})
    per, found = U.client_quantity(_lines(), products, "2025-01-01", "2025-06-30")
    assert found["unit"] == "l" and per["K1"] == 15.0 and per["K2"] == 0.0   # 10 + 5; NaN counts 0
    mixed = products.assign(**{C.unit: ["l", "kg", "l"]})
    per, found = U.client_quantity(_lines(), mixed)
    assert per is None and found["units"] == ("kg", "l") and "products.unit" in found["missing"]
    per, found = U.client_quantity(_lines(), products, "2030-01-01", "2030-12-31")
    assert per is not None and per.empty and found["unit"] is None   # an empty window: all 0
    per, found = U.client_quantity(_lines(), None)
    assert per is None and found["missing"] == ("products.unit",)


def test_share_base_wallet_then_potential():
    cards = pd.DataFrame({C.wallet: [100.0, 0.0, np.nan, "x"], C.potential: [50.0, 40.0, np.nan, 10]})
    base, basis = share_base(cards)
    assert list(base.iloc[:2]) == [100.0, 40.0] and math.isnan(base.iloc[2]) and base.iloc[3] == 10.0
    assert list(basis.fillna("-")) == ["wallet", "potential", "-", "potential"]
    base, basis = share_base(cards, ("potential",))
    assert base.iloc[0] == 50.0 and basis.iloc[0] == "potential"
    # absent columns are skipped; labels can differ from the columns
    units = pd.DataFrame({"wallet_units": [np.nan, 8.0]})
    base, basis = share_base(units, ("wallet_units", "potential_units"), names=("wallet", "potential"))
    assert math.isnan(base.iloc[0]) and basis.iloc[1] == "wallet"
    # 30 / 40 = 0.75; no base → NaN
    assert list(wallet_share(pd.Series([30.0, 5.0]), pd.Series([40.0, np.nan])).fillna(-1)) == [0.75, -1]

"""The Bulgarian demo company's catalogue and price lists, in leva and in euro.

One job: the products (:func:`product_table`: every grade of every class in one or more brands,
sold by the litre) and their prices on any day (:func:`pricing`): the 2025 price list is in
leva (BGN a litre); earlier years are it deflated by each business line's yearly increases
(:data:`~kbcore.demo.bg.company.LINE_INFLATION`); from the euro changeover (2026-01-01) the
price list is the 2025 one divided by 1.95583 and rounded to the cent — ``products.list_price``
and ``unit_cost`` are that euro price list.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    CATEGORIES,
    EURO_YEAR,
    FX,
    LINE_INFLATION,
    LINE_KEYS,
    LINES,
    OWN_BRAND,
    PACKS,
    PREMIUM_BRANDS,
    PREMIUM_LINE,
    PRODUCT_TEMPLATES,
)
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["product_table", "pricing", "line_levels"]


def product_table(rng: np.random.Generator) -> pd.DataFrame:
    """The catalogue: canonical columns and the generator's own.

    Plus ``cat`` (class index), ``line`` (business line index), ``price_bgn`` and ``cost_bgn``
    (the 2025 price list, BGN a litre) and ``premium`` (the VitoLub Synth Pro line).
    """
    rows = []
    for ci, (key, cat_name, line, margin) in enumerate(CATEGORIES):
        templates, brands, premium_grades = PRODUCT_TEMPLATES[key]
        li = LINE_KEYS.index(line)
        for template, grades, base in templates:
            for vi, grade in enumerate(grades):
                n_brands = 1 + int(rng.random() < 0.6) + int(rng.random() < 0.25)
                bw = np.array([0.45 if b == OWN_BRAND else 1.0 for b in brands])
                picks = sorted(rng.choice(len(brands), size=min(n_brands, len(brands)),
                                          replace=False, p=bw / bw.sum()))
                variants = [(brands[b], False) for b in picks]
                if grade in premium_grades:
                    variants.append((PREMIUM_LINE, True))
                for (brand, premium), (pack, pack_factor) in (
                        (v, pk) for v in variants for pk in _packs(rng, key)):
                    factor, adj = 1.0 + 0.08 * (vi % 3), 0.0
                    if premium:
                        factor, adj = factor * 1.35, 0.04
                    elif brand == OWN_BRAND:
                        factor, adj = factor * 0.9, 0.05
                    elif brand in PREMIUM_BRANDS:
                        factor, adj = factor * 1.15, -0.02
                    price = round(base * factor * pack_factor * rng.uniform(0.93, 1.07), 2)
                    m = min(0.6, max(0.08, margin + adj + rng.normal(0, 0.015)))
                    rows.append((ci, li, f"{template.format(v=grade)}, {brand}" + (f", {pack}" if pack else ""), cat_name,
                                 LINES[li][1], brand, premium or brand == OWN_BRAND, premium,
                                 price, round(price * (1 - m), 2)))
    df = pd.DataFrame(rows, columns=["cat", "line", C.name, C.category, C.business_line,
                                     C.brand, C.is_target, "premium", "price_bgn", "cost_bgn"])
    df[C.unit] = "л"
    df[C.list_price] = np.round(df["price_bgn"] / FX, 2)
    df[C.unit_cost] = np.round(df["cost_bgn"] / FX, 2)
    df.insert(0, C.product_id, [f"VL{i + 1:04d}" for i in range(len(df))])
    return df


def _packs(rng: np.random.Generator, key: str) -> list[tuple[str, float]]:
    """The packs a grade of a brand is sold in: the class's first pack, others by chance."""
    packs = PACKS[key]
    return [packs[0]] + [p for p in packs[1:] if rng.random() < 0.45]


def line_levels(cal: Timeline) -> np.ndarray:
    """Each business line's BGN price level of each year of the window (2025 = 1.0)."""
    out = np.ones((len(LINES), len(cal.year_list)))
    for li, key in enumerate(LINE_KEYS):
        for j, y in enumerate(cal.year_list):
            level = 1.0
            for k in range(int(y) + 1, EURO_YEAR):
                level /= 1.0 + LINE_INFLATION[key].get(k, 0.03)
            out[li, j] = level
    return out


def pricing(cal: Timeline, products: pd.DataFrame):
    """``price(day, prod) -> (price, unit_cost)``: the price list of the line's currency.

    Before 2026: round(price_bgn × level(line, year), 2) leva; from 2026: ``list_price`` euro.
    """
    levels = line_levels(cal)
    line = products["line"].to_numpy()
    p_bgn, c_bgn = products["price_bgn"].to_numpy(), products["cost_bgn"].to_numpy()
    p_eur, c_eur = products[C.list_price].to_numpy(), products[C.unit_cost].to_numpy()

    def price(day: np.ndarray, prod: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        year = cal.day_year[day]
        lvl = levels[line[prod], year - cal.start.year]
        euro = year >= EURO_YEAR
        p = np.where(euro, p_eur[prod], np.round(p_bgn[prod] * lvl, 2))
        c = np.where(euro, c_eur[prod], np.round(c_bgn[prod] * lvl, 2))
        return p, c

    return price

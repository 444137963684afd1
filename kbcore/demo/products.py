"""The demo company's product catalogue.

One job: the price list — every product of every category (name from the category's templates
and variants, one or two brands each), its 2025 list price and purchase cost (own brand
cheaper with a higher margin, premium brands dearer with a lower one).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.company import CATEGORIES, OWN_BRAND, PREMIUM_BRANDS, PRODUCT_TEMPLATES
from kbcore.schema import C


def product_table(rng: np.random.Generator) -> pd.DataFrame:
    """The product table (canonical columns plus ``cat``, the category's index)."""
    rows = []
    for ci, (key, cat_name, margin) in enumerate(CATEGORIES):
        templates, brands = PRODUCT_TEMPLATES[key]
        for template, variants, base in templates:
            for vi, variant in enumerate(variants):
                n_brands = 2 if rng.random() < 0.55 else 1
                picks = rng.choice(len(brands), size=n_brands, replace=False)
                for b in sorted(picks):
                    brand = brands[b]
                    factor, adj = 1.0, 0.0
                    if brand == OWN_BRAND:
                        factor, adj = 0.85, 0.06
                    elif brand in PREMIUM_BRANDS:
                        factor, adj = 1.25, -0.03
                    price = base * (1 + 0.35 * vi) * factor * rng.uniform(0.92, 1.08)
                    price = round(price) - 0.1 if price > 100 else round(price, 1)
                    m = min(0.6, max(0.05, margin + adj + rng.normal(0, 0.015)))
                    rows.append((ci, template.format(v=variant) + f", {brand}", cat_name, brand,
                                 brand == OWN_BRAND, round(price, 2), round(price * (1 - m), 2)))
    df = pd.DataFrame(rows, columns=["cat", C.name, C.category, C.brand, C.is_target,
                                     C.list_price, C.unit_cost])
    df.insert(0, C.product_id, [f"A{i + 1:05d}" for i in range(len(df))])
    return df

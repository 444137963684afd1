"""The shape of the demo company's tables: their columns, dtypes and coded text columns.

One job: what each generated table looks like — :data:`COLUMNS` (the canonical columns of each
table, in file order), :func:`canonical` (canonical dtypes in that order) and
:func:`coded_strings` (a text column built fast from integer codes). Nothing here draws a
random number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from kbcore.schema import TABLES, C

COLUMNS = {
    "sales": [C.date, C.doc_id, C.client_id, C.product_id, C.quantity, C.revenue, C.cost,
              C.discount, C.list_revenue, C.manager, C.channel],
    "clients": [C.client_id, C.name, C.tax_id, C.segment, C.industry, C.region, C.city,
                C.address, C.phone, C.email, C.decision_maker, C.manager, C.size,
                C.acquisition_channel, C.created, C.key_account, C.potential,
                C.payment_terms_days, C.status],
    "products": [C.product_id, C.name, C.category, C.brand, C.is_target, C.list_price,
                 C.unit_cost],
    "contacts": [C.contact_id, C.client_id, C.name, C.position, C.buying_role, C.influence,
                 C.attitude, C.level, C.owner, C.last_contact],
    "interactions": [C.date, C.client_id, C.manager, C.kind, C.outcome, C.note, C.contact_id],
    "surveys": [C.date, C.client_id, C.csat, C.nps],
    "loyalty": [C.client_id, C.joined, C.tier, C.points_earned, C.points_redeemed],
    "targets": [C.period, C.manager, C.kpi, C.target],
    "market": [C.segment, C.region, C.companies, C.consumption_per_company, C.source],
    "staff": [C.person, C.role, C.team, C.hired, C.left, C.base_pay],
}
"""The columns of each generated table, in file order (all canonical, see kbcore.schema)."""


def canonical(df: pd.DataFrame, table: str, columns: dict | None = None) -> pd.DataFrame:
    """Canonical dtypes, in the order of ``columns[table]`` (default :data:`COLUMNS`)."""
    kinds = TABLES[table].columns
    target = {"id": "string", "text": "string", "date": "datetime64[ns]", "number": "float64",
              "int": "Int64", "bool": "boolean"}
    cols = (COLUMNS if columns is None else columns)[table]
    changes = {}
    for c in cols:
        want = target[kinds[c]]
        if str(df[c].dtype) == want:
            continue
        if kinds[c] in ("id", "text"):
            changes[c] = df[c].astype("object").where(df[c].notna(), None).astype("string")
        else:
            changes[c] = df[c].astype(want)
    out = df[cols].assign(**changes) if changes else df[cols]
    return out.reset_index(drop=True)


def coded_strings(codes: np.ndarray, values) -> pd.Series:
    """A string column from integer codes into ``values`` (built as an Arrow dictionary: fast)."""
    arr = pa.DictionaryArray.from_arrays(pa.array(np.asarray(codes, dtype=np.int32)),
                                         pa.array(list(values), type=pa.string()))
    return pd.Series(pd.arrays.ArrowStringArray(arr.cast(pa.string()))).astype("string")

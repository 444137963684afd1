"""A small hand-made company shared by tests/test_evidence.py and tests/test_audit.py.

Analysis date A = 2025-12-31; the last 12 months W = 2025; the 12 months before P = 2024.

client  sales (date: revenue / cost)                          card: segment region manager potential key
A       2024-06-01, 2025-03-01, -06-01, -09-01: 100k / 60k each     Ind  North  Ivan  1000   yes
B       2025-11-01: 200k / 100k                                     Ind  North  Petr   —     no
C       2024-03-01: 500k / 300k                                     Ret  South  Ivan   500   yes
D       2025-02-01: 50k / 80k (sold below cost)                     —    North  —      0     no
E       2022-05-01: 300k / 100k                                     Ret  South  Ivan   —     no
F       (never bought)                                              Ind  North  Petr   100   no
G       2025-10-01: 100k / 50k                                      Ret  South  Ivan   —     no

Active (an order in W): A, B, D, G. Lifecycle at A: A key (flag), B new, C lost (last purchase
in P), D developing, E lost (long ago), G new.
Interactions: A visit 2025-12-01; B call 2024-11-01; G call 2025-01-15.
Contacts: A three (one decision_maker), B one (buyer), C one (buyer).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.ingest import Dataset
from kbcore.schema import C

AS_OF = "2025-12-31"


def sales(cost: bool = True) -> pd.DataFrame:
    rows = [("2024-06-01", "A", 100e3, 60e3), ("2025-03-01", "A", 100e3, 60e3),
            ("2025-06-01", "A", 100e3, 60e3), ("2025-09-01", "A", 100e3, 60e3),
            ("2025-11-01", "B", 200e3, 100e3), ("2024-03-01", "C", 500e3, 300e3),
            ("2025-02-01", "D", 50e3, 80e3), ("2022-05-01", "E", 300e3, 100e3),
            ("2025-10-01", "G", 100e3, 50e3)]
    df = pd.DataFrame(rows, columns=[C.date, C.client_id, C.revenue, C.cost])
    df[C.date] = pd.to_datetime(df[C.date])
    df[C.doc_id] = [f"d{i}" for i in range(len(df))]
    df[C.category] = "pipes"
    df[C.manager] = "Ivan"
    if not cost:
        df = df.drop(columns=[C.cost])
    return df


def clients() -> pd.DataFrame:
    return pd.DataFrame({
        C.client_id: list("ABCDEFG"),
        C.name: ["Alfa", "Beta", "Gamma", "Delta", "Eps", "Phi", "Gimel"],
        C.segment: ["Ind", "Ind", "Ret", None, "Ret", "Ind", "Ret"],
        C.region: ["North", "North", "South", "North", "South", "North", "South"],
        C.manager: ["Ivan", "Petr", "Ivan", None, "Ivan", "Petr", "Ivan"],
        C.potential: [1000.0, np.nan, 500.0, 0.0, np.nan, 100.0, np.nan],
        C.key_account: [True, False, True, False, False, False, False],
    })


def interactions() -> pd.DataFrame:
    return pd.DataFrame({C.date: pd.to_datetime(["2025-12-01", "2024-11-01", "2025-01-15"]),
                         C.client_id: ["A", "B", "G"], C.kind: ["visit", "call", "call"]})


def contacts() -> pd.DataFrame:
    return pd.DataFrame({C.client_id: ["A", "A", "A", "B", "C"],
                         C.contact_id: ["a1", "a2", "a3", "b1", "c1"],
                         C.buying_role: ["decision_maker", "buyer", "user", "buyer", "buyer"]})


def market() -> pd.DataFrame:
    return pd.DataFrame({C.segment: ["Ind", "Ret"], C.region: ["North", "South"],
                         C.companies: [10, 5]})


def full() -> Dataset:
    return Dataset(sales=sales(), clients=clients(), interactions=interactions(),
                   contacts=contacts(), market=market())


def sales_only() -> Dataset:
    """What a bare 1C sales export gives: lines (no cost) and clients derived from them."""
    s = sales(cost=False).drop(columns=[C.category])
    derived = pd.DataFrame({C.client_id: sorted(s[C.client_id].unique())})
    derived[C.name] = derived[C.client_id]
    return Dataset(sales=s, clients=derived)

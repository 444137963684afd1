"""The Bulgarian demo company's client cards and what the managers learnt about the clients.

One job: the clients table — :func:`clients_table` (legal name with its form, ЕИК, segment,
industry, oblast, city, address, phone, e-mail, decision maker, manager, size, channel, date
created, key-account flag, potential, payment terms, status, with the gaps real cards have) and
:func:`wallet_columns` (potential in litres, the wallet in EUR and litres, suppliers used and
our rank — known for the clients the managers researched, truth 5), plus :func:`supplier_ranks`
(how many suppliers a client uses and where we rank, from our share of its wallet).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.bg.company import (
    CHANNELS,
    EUR_PER_LITRE,
    OBLASTI,
    SEG_KEYS,
    SEGMENTS,
    SIZE_LIMITS,
    SIZES,
    STATUSES,
    WALLET_SHARE,
)
from kbcore.demo.bg.names import STREETS, BgNames, company_names, eik_codes, translit
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["clients_table", "wallet_columns", "supplier_ranks"]


def clients_table(rng: np.random.Generator, people: BgNames, cal: Timeline, plan: pd.DataFrame,
                  mgrs: pd.DataFrame, client_ids: np.ndarray, first_day: np.ndarray,
                  last_day: np.ndarray) -> pd.DataFrame:
    """The clients table (canonical columns but the wallet's, see :func:`wallet_columns`)."""
    n = len(plan)
    seg = plan["seg"].to_numpy()
    seg_key = np.array(SEG_KEYS)[seg]
    region = plan["region"].to_numpy()
    city, code = [], []
    for r in region:
        cities = OBLASTI[r][1]
        w = np.array([0.65] + [0.35 / max(1, len(cities) - 1)] * (len(cities) - 1))
        city.append(cities[int(rng.choice(len(cities), p=w / w.sum()))])
        code.append(OBLASTI[r][2])
    potential = plan["potential"].to_numpy()
    big = potential >= SIZE_LIMITS[1]
    names, roots, owners = company_names(rng, people, seg_key, city, big)
    eik = eik_codes(rng, n)
    street = np.asarray(STREETS, dtype=object)[rng.integers(0, len(STREETS), n)]
    house = rng.integers(1, 160, n)
    zone = (rng.random(n) < 0.25) & np.isin(seg_key, ["industrial", "transport", "construction"])
    address = [f"гр. {c}, {'Промишлена зона, ' if z else ''}ул. {s} {h}"
               for c, z, s, h in zip(city, zone, street, house, strict=True)]
    person = np.array([o != "" for o in owners])
    phones = []
    for i in range(n):
        if person[i] or rng.random() < 0.15:
            num = f"{int(rng.integers(0, 10**7)):07d}"
            phones.append(f"+359 8{int(rng.choice([7, 8, 9]))}{num[0]} {num[1:4]} {num[4:]}")
        else:
            digits = 7 if code[i] == "2" else 8 - len(code[i])
            num = f"{int(rng.integers(2 * 10 ** (digits - 1), 10**digits)):0{digits}d}"
            phones.append(f"+359 {code[i]} {num[:-4]} {num[-4:]}")
    emails = []
    for i in range(n):
        words = roots[i].replace("-", " ").split()
        slug = translit(words[0]) if len(words) == 1 else "".join(
            translit(w)[:4] for w in words[:2])
        if person[i]:
            emails.append(f"{slug}{int(rng.integers(1, 99))}@{['abv.bg', 'gmail.com'][int(rng.integers(2))]}")
        else:
            emails.append(f"{['office', 'info', 'zaiavki', 'snabdiavane'][int(rng.integers(4))]}@{slug}.bg")
    dm = [owners[i] if person[i] else people.full(bool(rng.random() < 0.3)) for i in range(n)]
    created = np.where(plan["kind"].to_numpy() == "existing", -rng.integers(60, 365 * 11, n),
                       plan["a"].to_numpy() - rng.integers(0, 45, n))
    created = np.minimum(created, first_day)
    current = np.where(plan["switch"].to_numpy() <= cal.n_days, plan["m2"], plan["m1"])
    status = np.where(last_day >= cal.n_days - 180, STATUSES[0], STATUSES[1])
    status = np.where((rng.random(n) < 0.06) & (status == STATUSES[1]), STATUSES[0], status)
    industry = [SEGMENTS[s].industries[int(rng.integers(len(SEGMENTS[s].industries)))]
                for s in seg]
    df = pd.DataFrame({
        C.client_id: client_ids,
        C.name: names,
        C.tax_id: eik,
        C.segment: np.array([s.name for s in SEGMENTS], dtype=object)[seg],
        C.industry: industry,
        C.region: [OBLASTI[r][0] for r in region],
        C.city: city,
        C.address: address,
        C.phone: phones,
        C.email: emails,
        C.decision_maker: dm,
        C.manager: mgrs["name"].to_numpy()[current],
        C.size: _sizes(potential),
        C.acquisition_channel: np.asarray(CHANNELS, dtype=object)[plan["chan"].to_numpy()],
        C.created: cal.dates(created),
        C.key_account: plan["key"].to_numpy(),
        C.potential: np.round(potential / 100) * 100,
        C.payment_terms_days: plan["terms"].to_numpy(dtype="float64"),
        C.status: status,
    })
    small = ~plan["key"].to_numpy() & (plan["group"].to_numpy() == "")
    for col, p, where in [(C.phone, 0.08, None), (C.email, 0.12, None),
                          (C.decision_maker, 0.30, None), (C.segment, 0.05, small),
                          (C.industry, 0.12, small), (C.address, 0.04, None),
                          (C.tax_id, 0.01, small),
                          (C.potential, 0.25, small & (potential < SIZE_LIMITS[0]))]:
        m = rng.random(n) < p
        if where is not None:
            m &= where
        df.loc[m, col] = None
    return df


def _sizes(potential: np.ndarray) -> np.ndarray:
    return np.where(potential >= SIZE_LIMITS[1], SIZES[2],
                    np.where(potential >= SIZE_LIMITS[0], SIZES[1], SIZES[0]))


def supplier_ranks(rng: np.random.Generator, share: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How many suppliers a client uses and our rank among them, from our share of its wallet.

    suppliers = 1 + Poisson(3 × (1 − share)) (at most 8; one only when share > 0.8, half the
    time); rank 1 with probability clip((share − 0.25) / 0.4, 0.02, 0.95), otherwise 2 +
    Binomial(suppliers − 2, (1 − share) / 2) — so rank 1 goes mostly with a share above 50 %.
    """
    s = np.asarray(share, dtype="float64")
    n = len(s)
    sup = 2 + rng.poisson(np.clip(3.0 * (1 - s), 0.2, 4.0), n)
    sup = np.where((s > 0.8) & (rng.random(n) < 0.5), 1, np.minimum(sup, 8))
    first = (rng.random(n) < np.clip((s - 0.25) / 0.4, 0.02, 0.95)) | (sup == 1)
    rank = np.where(first, 1, 2 + rng.binomial(np.maximum(sup - 2, 0), np.clip((1 - s) / 2, 0, 1)))
    return np.maximum(sup, rank).astype("float64"), rank.astype("float64")


def wallet_columns(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                   clients: pd.DataFrame, rev12: np.ndarray, qty12: np.ndarray,
                   member: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The clients table with potential_units, wallet, wallet_units, suppliers_used, our_rank.

    Researched clients (the key accounts, the large ones and others at random, about
    :data:`~kbcore.demo.bg.company.WALLET_SHARE` of all, among those that bought in the last
    12 months): our share of the wallet ``s = 0.23 + 0.03 × min(tenure, 15 years) + 0.10 ×
    loyalty member + N(0, 0.08)`` clipped to 0.04–0.95 (the planted A-A-C clients keep their
    12–22 %); ``wallet = last 12 months' revenue (EUR) / s``; the potential is at least the
    wallet × U(1.1, 1.5). In litres our share is ``s × √(market € a litre / the client's own € a
    litre)`` (the factor kept within 0.7–1.4, the share within 3–97 %; the market price of the
    client's segment, :data:`~kbcore.demo.bg.company.EUR_PER_LITRE`), so a client buying our premium
    oils gives us more of its euro than of its litres; the wallet and the potential in litres follow. Returns the table and the share of each
    client (NaN where not researched).
    """
    n = len(plan)
    group = plan["group"].to_numpy()
    key = plan["key"].to_numpy()
    pot = plan["potential"].to_numpy()
    active = rev12 > 0
    p = np.where(key | (pot >= SIZE_LIMITS[1]) | (group == "aac"), 1.0,
                 np.where(pot >= SIZE_LIMITS[0], 0.6, 0.25))
    known = active & (rng.random(n) < p * WALLET_SHARE / 0.3)
    known |= active & ((group == "aac") | key)
    created = clients[C.created].to_numpy()
    tenure = (cal.end.to_datetime64() - created) / np.timedelta64(1, "D") / 365.25
    s = 0.23 + 0.03 * np.minimum(tenure, 15) + 0.10 * member + rng.normal(0, 0.08, n)
    s = np.clip(s, 0.04, 0.95)
    s = np.where(group == "aac", plan["sow"].to_numpy(), s)
    share = np.where(known, s, np.nan)
    wallet = np.where(known, np.round(rev12 / s / 100) * 100, np.nan)
    seg_key = np.array(SEG_KEYS)[plan["seg"].to_numpy()]
    # our share in litres differs from our share in euro by how far the client's own price a litre
    # is from its segment's market price (square root: the client's other suppliers are partly
    # like us), so a client buying our premium oils gives us more of its euro than of its litres
    market_l = np.array([EUR_PER_LITRE[k] for k in seg_key])
    own_l = np.where(qty12 > 0, rev12 / np.where(qty12 > 0, qty12, 1), market_l)
    s_units = np.clip(s * np.clip(np.sqrt(market_l / own_l), 0.7, 1.4), 0.03, 0.97)
    per_l = np.where(known & (qty12 > 0), own_l * s_units / s, market_l)  # euro a litre of the wallet
    potential = clients[C.potential].to_numpy(dtype="float64", na_value=np.nan)
    floor = np.round(wallet * rng.uniform(1.1, 1.5, n) / 100) * 100
    potential = np.where(known & ~(potential >= floor), floor, potential)
    sup, rank = supplier_ranks(rng, np.where(known, s, 0.5))
    out = clients.assign(**{
        C.potential: potential,
        C.size: np.where(np.isnan(potential), clients[C.size].to_numpy(dtype=object),
                         _sizes(np.nan_to_num(potential))),
        C.potential_units: np.round(potential / per_l / 10) * 10,
        C.wallet: wallet,
        C.wallet_units: np.round(wallet / per_l / 10) * 10,
        C.suppliers_used: np.where(known, sup, np.nan),
        C.our_rank: np.where(known, rank, np.nan),
    })
    return out, share

"""The demo company's optional tables: interactions, contacts, surveys, loyalty, targets, market.

One job: the tables a company may or may not have beside its sales, clients and products —
the managers' interactions with clients (visits, calls, e-mails, meetings, win-back calls;
the visits also feed the calibration), the contacts of each client's buying centre (planted
truth 5: some key clients rely on one person), satisfaction surveys (CSAT, NPS), the loyalty
programme, the managers' yearly targets, and the market by segment and region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.company import (
    ATTITUDES,
    INFLUENCE,
    KINDS,
    LEVELS3,
    OUTCOMES,
    REGIONS,
    ROLE_LEVEL,
    SEGMENTS,
    SPEND_SCALE,
    TIERS,
)
from kbcore.demo.draws import choice
from kbcore.demo.names import Names
from kbcore.demo.profile import RU, Profile
from kbcore.demo.tables import coded_strings
from kbcore.demo.timeline import Timeline
from kbcore.schema import C


def interactions_table(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                       mgr_names: list, client_ids: np.ndarray, profile: Profile = RU):
    """The managers' interactions with the clients, and per row its client, day and kind.

    Returns
    -------
    (DataFrame, ndarray, ndarray, ndarray)
        The interactions table and, for each of its rows, the client's index, the day number
        and the index of the kind in :data:`~kbcore.demo.company.KINDS`.
    """
    nd = cal.n_days
    a, b = plan["a"].to_numpy(), plan["b"].to_numpy()
    one, conc = plan["one_time"].to_numpy(), plan["conc"].to_numpy()
    key = plan["key"].to_numpy()
    online = np.isin(plan["chan"].to_numpy(), [profile.channels.index(profile.website),
                                               profile.channels.index(profile.marketplace)])
    new = plan["new"].to_numpy()
    pre = np.where(new & ~online, 45, 0)
    lo = np.maximum(0, a - pre)
    hi = np.where(one, np.minimum(nd - 1, a + 60), b)
    span = (hi - lo + 1) / 365.0
    mult = np.array([0.8 + 0.8 * ((i * 7) % 5) / 4 for i in range(len(profile.managers))])
    mult[profile.kam] = 1.3
    m1 = plan["m1"].to_numpy()
    rates = {
        "visit": plan["visits"].to_numpy() * mult[m1] * np.where(one, 0.5, 1.0),
        "call": plan["calls"].to_numpy(),
        "email": np.where(conc, 12.0, 2.0),
        "meeting": np.where(conc | key, 4.0, np.where(plan["spend"].to_numpy() > profile.contact_sizes[0],
                                                          1.0, 0.1)),
    }
    parts_c, parts_d, parts_k = [], [], []
    for ki, kind in enumerate(KINDS):
        k = rng.poisson(rates[kind] * span)
        ci = np.repeat(np.arange(len(plan)), k)
        day = lo[ci] + np.floor(rng.random(len(ci)) * (hi - lo + 1)[ci]).astype(np.int64)
        parts_c.append(ci)
        parts_d.append(day)
        parts_k.append(np.full(len(ci), ki))
    # win-back calls after a client has gone quiet
    gone = np.flatnonzero((b < nd - 120) & ~one)
    k = 1 + rng.poisson(1.0, len(gone))
    ci = np.repeat(gone, k)
    day = b[ci] + 30 + rng.integers(0, 300, len(ci))
    keep = day < nd
    parts_c.append(ci[keep])
    parts_d.append(day[keep])
    parts_k.append(np.full(int(keep.sum()), KINDS.index("call")))

    ci = np.concatenate(parts_c)
    day = cal.snap(np.concatenate(parts_d))
    kind = np.concatenate(parts_k)
    winback = np.zeros(len(ci), dtype=bool)
    winback[len(ci) - int(keep.sum()):] = True
    o = np.lexsort((kind, ci, day))
    ci, day, kind, winback = ci[o], day[o], kind[o], winback[o]
    mgr = np.where(day < plan["switch"].to_numpy()[ci], m1[ci], plan["m2"].to_numpy()[ci])
    outcome = np.empty(len(ci), dtype=object)
    note = np.full(len(ci), None, dtype=object)
    for ki, kname in enumerate(KINDS):
        m = kind == ki
        values, probs = OUTCOMES[kname]
        outcome[m] = np.asarray(values, dtype=object)[choice(rng, probs, int(m.sum()))]
        texts = np.asarray(profile.notes[kname], dtype=object)
        has = m & (rng.random(len(ci)) < 0.3)
        note[has] = texts[rng.integers(0, len(texts), int(has.sum()))]
    outcome[winback] = np.where(rng.random(int(winback.sum())) < 0.5, "no_answer", "refusal")
    note[winback] = profile.notes.get("winback", "Клиент перестал заказывать: выясняем причину")
    df = pd.DataFrame({
        C.date: cal.dates(day),
        C.client_id: coded_strings(ci, client_ids),
        C.manager: coded_strings(mgr, mgr_names),
        C.kind: coded_strings(kind, KINDS),
        C.outcome: pd.array(outcome, dtype="string"),
        C.note: pd.array(note, dtype="string"),
    })
    return df, ci, day, kind


def contacts_table(rng: np.random.Generator, people: Names, cal: Timeline, plan: pd.DataFrame,
                   clients: pd.DataFrame, interactions_day: np.ndarray,
                   interactions_client: np.ndarray,
                   profile: Profile = RU) -> tuple[pd.DataFrame, np.ndarray]:
    """The contacts of each client's buying centre, and the number of contacts per client."""
    n = len(plan)
    spend = plan["spend"].to_numpy()
    key, conc = plan["key"].to_numpy(), plan["conc"].to_numpy()
    large, mid = profile.contact_sizes
    size = np.where(spend >= large, 2, np.where(spend >= mid, 1, 0))
    count = np.where(size == 2, rng.integers(3, 7, n),
                     np.where(size == 1, rng.integers(1, 4, n), rng.integers(0, 2, n)))
    count = np.where(conc, rng.integers(2, 6, n), count)
    count = np.where(key, rng.integers(3, 8, n), count)
    # planted: some key clients rely on one person only (truth 5)
    kidx = np.flatnonzero(key)
    single = kidx[rng.permutation(len(kidx))[: max(1, int(round(len(kidx) * 0.3)))]]
    count[single] = 1
    last_int = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_int, interactions_client, interactions_day)
    owner = clients[C.manager].to_numpy()
    rows = []
    cid = 0
    others = ["buyer", "influencer", "user", "gatekeeper", "influencer", "buyer"]
    for i in range(n):
        for j in range(int(count[i])):
            if j == 0:
                role = "decision_maker" if (key[i] or size[i] > 0 or rng.random() < 0.5) else "buyer"
            else:
                role = others[int(rng.integers(len(others)))]
            female = bool(rng.random() < (0.7 if role == "gatekeeper" else 0.3))
            name = people.full(female)
            pos_list = profile.positions[role]
            position = pos_list[int(rng.integers(len(pos_list)))]
            influence = LEVELS3[int(choice(rng, INFLUENCE[role], 1)[0])]
            attitude = ATTITUDES[int(choice(rng, [.45, .42, .13], 1)[0])]
            if last_int[i] >= 0:
                lc = max(0, int(last_int[i]) - int(rng.integers(0, 120)) * (j > 0))
            else:
                lc = -1
            cid += 1
            rows.append((clients[C.client_id].iat[i], f"P{cid:06d}", name, position, role,
                         influence, attitude, ROLE_LEVEL[role], owner[i], lc))
    df = pd.DataFrame(rows, columns=[C.client_id, C.contact_id, C.name, C.position,
                                     C.buying_role, C.influence, C.attitude, C.level, C.owner,
                                     "lc"])
    lc = df.pop("lc").to_numpy()
    dates = cal.dates(np.maximum(lc, 0))
    df[C.last_contact] = dates.where(lc >= 0)
    return df, count


def surveys_table(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                  sales_day: np.ndarray, sales_client: np.ndarray,
                  client_ids: np.ndarray) -> pd.DataFrame:
    """A yearly satisfaction survey (CSAT 1–5, NPS 0–10) of a quarter of the active clients."""
    rows_c, rows_d = [], []
    for y in cal.year_list:
        lo = int(np.searchsorted(cal.day_year, y))
        hi = int(np.searchsorted(cal.day_year, y, side="right")) - 1
        if hi - lo < 60:
            continue
        active = np.unique(sales_client[(sales_day >= lo) & (sales_day <= hi)])
        picked = active[rng.random(len(active)) < 0.25]
        day0 = max(lo, hi - 50)
        rows_c.append(picked)
        rows_d.append(day0 + rng.integers(0, max(1, hi - day0 - 14), len(picked)))
    ci = np.concatenate(rows_c) if rows_c else np.array([], dtype=np.int64)
    day = cal.snap(np.concatenate(rows_d)) if rows_d else np.array([], dtype=np.int64)
    mu = 4.1 - 0.6 * plan["conc"].to_numpy()[ci] + 0.2 * plan["key"].to_numpy()[ci]
    mu = mu - 0.3 * (plan["terms"].to_numpy()[ci] == 0)
    csat = np.clip(np.round(mu + rng.normal(0, 0.8, len(ci))), 1, 5)
    nps = np.clip(np.round(2 * csat - 0.5 + rng.normal(0, 1.3, len(ci))), 0, 10)
    o = np.lexsort((ci, day))
    df = pd.DataFrame({
        C.date: cal.dates(day[o]),
        C.client_id: pd.array(client_ids[ci[o]], dtype="string"),
        C.csat: csat[o].astype("float64"),
        C.nps: nps[o].astype("float64"),
    })
    return df


def loyalty_table(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                  sales: pd.DataFrame, sales_day: np.ndarray, sales_client: np.ndarray,
                  client_ids: np.ndarray, profile: Profile = RU,
                  join_prob=0.4) -> pd.DataFrame:
    """The loyalty programme (opened a quarter into the window): who joined, tier, points.

    With a profile: opened ``profile.loyalty_open`` into the window, for the segments
    ``profile.loyalty_segments``, one point per ``profile.loyalty_point`` of money bought since
    joining (``sales.revenue``), tiers from ``profile.loyalty_tiers`` (yearly purchases);
    ``join_prob`` is the probability that an eligible client joins (a number, or one per client).
    """
    n = len(plan)
    opened = cal.snap(np.array([int(profile.loyalty_open * cal.n_days)]))[0]
    seg_key = np.array([s.key for s in profile.segments])[plan["seg"].to_numpy()]
    ship = sales[C.revenue].to_numpy() > 0
    first = np.full(n, cal.n_days, dtype=np.int64)
    last = np.full(n, -1, dtype=np.int64)
    np.minimum.at(first, sales_client[ship], sales_day[ship])
    np.maximum.at(last, sales_client[ship], sales_day[ship])
    eligible = (np.isin(seg_key, list(profile.loyalty_segments))
                & ~plan["conc"].to_numpy() & (last >= opened))
    join = eligible & (rng.random(n) < join_prob)
    idx = np.flatnonzero(join)
    jday = np.maximum(first[idx], opened) + rng.exponential(60, len(idx)).astype(np.int64)
    ok = jday <= last[idx]
    idx, jday = idx[ok], cal.snap(jday[ok])
    joined_day = np.full(n, -1, dtype=np.int64)
    joined_day[idx] = jday
    after = (joined_day[sales_client] >= 0) & (sales_day >= joined_day[sales_client])
    rev = np.bincount(sales_client[after], weights=sales[C.revenue].to_numpy()[after],
                      minlength=n)[idx]
    earned = np.floor(np.maximum(rev, 0) / profile.loyalty_point)
    redeemed = np.floor(earned * rng.uniform(0, 0.8, len(idx)))
    years = np.maximum((cal.n_days - jday) / 365.0, 0.25)
    yearly = rev / years
    t1, t2, t3 = profile.loyalty_tiers
    tier = np.where(yearly >= t3, 3, np.where(yearly >= t2, 2, np.where(yearly >= t1, 1, 0)))
    o = np.argsort(idx, kind="stable")
    return pd.DataFrame({
        C.client_id: pd.array(client_ids[idx[o]], dtype="string"),
        C.joined: cal.dates(jday[o]),
        C.tier: pd.array(np.asarray(TIERS, dtype=object)[tier[o]], dtype="string"),
        C.points_earned: earned[o].astype("float64"),
        C.points_redeemed: redeemed[o].astype("float64"),
    })


def targets_table(rng: np.random.Generator, cal: Timeline, mgrs: pd.DataFrame,
                  sales: pd.DataFrame, sales_day: np.ndarray, sales_mgr: np.ndarray,
                  sales_client: np.ndarray, plan: pd.DataFrame) -> pd.DataFrame:
    """Each manager's yearly targets (revenue, margin, new clients) set from the year before."""
    year = cal.day_year[sales_day]
    rev = sales[C.revenue].to_numpy()
    gm = rev - sales[C.cost].to_numpy()
    nm, ny = len(mgrs), len(cal.year_list)
    yi = year - cal.start.year
    actual_rev = np.zeros((nm, ny))
    actual_gm = np.zeros((nm, ny))
    np.add.at(actual_rev, (sales_mgr, yi), rev)
    np.add.at(actual_gm, (sales_mgr, yi), gm)
    # new clients: first shipment of a client created in the window, by its manager
    ship = rev > 0
    n = len(plan)
    first = np.full(n, cal.n_days, dtype=np.int64)
    np.minimum.at(first, sales_client[ship], sales_day[ship])
    new = plan["new"].to_numpy() & (first < cal.n_days)
    fy = cal.day_year[np.minimum(first, cal.n_days - 1)] - cal.start.year
    fm = np.where(first < plan["switch"].to_numpy(), plan["m1"], plan["m2"])
    actual_new = np.zeros((nm, ny))
    np.add.at(actual_new, (fm[new], fy[new]), 1)
    rows = []
    for m in range(nm):
        hired, left = int(mgrs["hired"].iat[m]), int(mgrs["left"].iat[m])
        for j, y in enumerate(cal.year_list):
            lo = int(np.searchsorted(cal.day_year, y))
            hi = int(np.searchsorted(cal.day_year, y, side="right"))
            months = max(0.0, (min(hi, left) - max(lo, hired)) / 365 * 12)
            if months < 1:
                continue
            scale = months / 12
            if j == 0 or actual_rev[m, j - 1] <= 0:
                prev_rev = actual_rev[m, j] * rng.uniform(0.92, 1.02)
                prev_gm = actual_gm[m, j] * rng.uniform(0.95, 1.05)
                prev_new = actual_new[m, j]
                if prev_rev <= 0:
                    prev_rev = np.median(actual_rev[:, j][actual_rev[:, j] > 0]) * 0.5
                    prev_gm = prev_rev * 0.2
            else:
                prev_days = max(30, min(lo, left) - max(lo - 365, hired))
                full = 365 / prev_days
                prev_rev = actual_rev[m, j - 1] * full * rng.uniform(1.12, 1.22)
                prev_gm = actual_gm[m, j - 1] * full * rng.uniform(1.05, 1.12)
                prev_new = actual_new[m, j - 1] * full * 1.25
            rows.append((str(y), mgrs["name"].iat[m], "revenue",
                         round(prev_rev * scale / 1e5) * 1e5))
            rows.append((str(y), mgrs["name"].iat[m], "margin",
                         round(prev_gm * scale / 1e5) * 1e5))
            rows.append((str(y), mgrs["name"].iat[m], "new_clients",
                         float(max(3, int(np.ceil(prev_new * scale))))))
    return pd.DataFrame(rows, columns=[C.period, C.manager, C.kpi, C.target])


def market_table(rng: np.random.Generator, plan: pd.DataFrame) -> pd.DataFrame:
    """The market of each segment and region: companies, consumption per company, source."""
    rows = []
    seg = plan["seg"].to_numpy()
    region = plan["region"].to_numpy()
    sources = ["Росстат и ФНС (ОКВЭД), оценка отдела маркетинга 2025",
               "Оценка отдела продаж, 2025", "Отраслевой обзор, 2024"]
    for si, s in enumerate(SEGMENTS):
        for ri, r in enumerate(REGIONS):
            ours = int(((seg == si) & (region == ri)).sum())
            pen = rng.uniform(0.04, 0.15)
            companies = max(ours + 15, int(round(ours / pen)))
            if s.key == "installers":
                companies *= 3
            cons = s.potential * SPEND_SCALE * rng.uniform(0.75, 1.25)
            rows.append((s.name, r[0], float(companies), round(cons / 10_000) * 10_000,
                         sources[int(choice(rng, [.5, .35, .15], 1)[0])]))
    return pd.DataFrame(rows, columns=[C.segment, C.region, C.companies,
                                       C.consumption_per_company, C.source])

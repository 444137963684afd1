"""The demo company's key-account layer: our people, wider buying centres, who met whom.

One job: what blocks 7, 8 and 10 need beyond the base company —

* :func:`staff_table` — our employees: the twelve sales managers (one of them the key-account
  manager, :data:`~kbcore.demo.company.KAM`), the commercial director, the head of sales and two
  specialists (technical, logistics), with role ids, team, dates hired and left, base pay;
* :func:`extra_contacts` — initiators and approvers added to the buying centres of the key
  accounts and of some large clients (never to a client with one contact: single-threaded
  accounts stay single-threaded);
* :func:`planted_drop` / :func:`thin` — the single-threaded key accounts lose volume in the
  last year (their last 365 days' revenue is cut to 40–55 % of the 365 days before), applied to
  the drawn order lines *before* the calibration runs again, so that truth 1 still holds;
* :func:`staff_interactions` — meetings, calls and e-mails of the director, the head of sales,
  the key-account manager and the specialists with the key accounts (no visits: block 1's cost
  to serve counts the sales managers' visits only, so truths 1–3 keep their numbers);
* :func:`link_contacts` — the contact (``contact_id``) each CRM record names, for most records
  of clients with known people.

All randomness comes from a stream of its own (:func:`accounts_rng`, ``default_rng([seed,
ACCOUNTS_STREAM])``) and new people's names from ``Names(seed + ACCOUNTS_STREAM)``, so the base
company's draws (and its files) stay as they were; only ``sales.csv.gz`` changes where the
planted drop removes orders (and the last year's calibration with it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.company import (
    ACCOUNTS_STREAM,
    ATTITUDES,
    DROP_RATIO,
    DROP_START,
    KINDS,
    LEVELS3,
    LINK_ROLE_WEIGHTS,
    LINK_SHARE,
    NEW_ROLE_PROB,
    NEW_ROLES,
    OUTCOMES,
    STAFF_CONTACTS,
    STAFF_NOTES,
)
from kbcore.demo.draws import choice
from kbcore.demo.names import Names
from kbcore.demo.profile import RU, Profile
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["accounts_rng", "accounts_names", "staff_table", "extra_contacts", "planted_drop",
           "thin", "staff_interactions", "link_contacts"]


def accounts_rng(seed: int) -> np.random.Generator:
    """The key-account layer's own random stream."""
    return np.random.default_rng([int(seed), ACCOUNTS_STREAM])


def accounts_names(seed: int) -> Names:
    """The key-account layer's own person names (a Faker seeded apart from the base one)."""
    return Names(int(seed) + ACCOUNTS_STREAM)


def _years_before(cal: Timeline, years: np.ndarray) -> pd.Series:
    """Dates ``years`` before the window's first day (whole days)."""
    days = np.round(np.asarray(years, dtype="float64") * 365.25).astype(np.int64)
    base = np.datetime64(cal.start.date(), "D")
    return pd.Series((base - days.astype("timedelta64[D]")).astype("datetime64[ns]"))


def staff_table(rng: np.random.Generator, names: Names, cal: Timeline,
                mgrs: pd.DataFrame, profile: Profile = RU) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Our employees (canonical ``staff`` columns) and, per person, its key and working days.

    Returns
    -------
    (DataFrame, DataFrame)
        The staff table (``person, role, team, hired, left, base_pay``) and a helper frame
        ``key`` ("manager", "kam", "director", "head_of_sales", "technical", "logistics"),
        ``person``, ``from_day``, ``to_day`` (day numbers of the window it worked in).
    """
    nd = cal.n_days
    nm = len(mgrs)
    staff_list, staff_roles = profile.staff, profile.staff_roles
    keys = np.where(np.arange(nm) == profile.kam, "kam", "manager")
    tenure = rng.uniform(*profile.manager_tenure, nm)
    pay = np.round(rng.uniform(*profile.manager_pay, nm) / profile.pay_round) * profile.pay_round
    pay[profile.kam] = profile.kam_pay
    hired_day = mgrs["hired"].to_numpy(dtype=np.int64)
    left_day = mgrs["left"].to_numpy(dtype=np.int64)
    hired = _years_before(cal, tenure).where(hired_day <= 0, cal.dates(hired_day))
    left = cal.dates(np.minimum(left_day, nd - 1)).where(left_day < nd)
    taken = set(mgrs["name"])
    people = []
    for _key, _role, _team, female, _pay, _years in staff_list:
        name = names.full(female)
        while name in taken:
            name = names.full(female)
        taken.add(name)
        people.append(name)
    extra_hired = _years_before(cal, np.array([s[5] for s in staff_list]))
    staff = pd.DataFrame({
        C.person: [*mgrs["name"].tolist(), *people],
        C.role: [*(staff_roles[k][0] for k in keys), *(s[1] for s in staff_list)],
        C.team: [*(staff_roles[k][1] for k in keys), *(s[2] for s in staff_list)],
        C.hired: pd.concat([hired, extra_hired], ignore_index=True),
        C.left: pd.concat([left, pd.Series(pd.NaT, index=range(len(staff_list)),
                                           dtype="datetime64[ns]")], ignore_index=True),
        C.base_pay: np.concatenate([pay, [float(s[4]) for s in staff_list]]),
    })
    who = pd.DataFrame({
        "key": [*keys, *(s[0] for s in staff_list)],
        "person": staff[C.person],
        "from_day": np.concatenate([np.maximum(hired_day, 0), np.zeros(len(staff_list), np.int64)]),
        "to_day": np.concatenate([np.minimum(left_day, nd), np.full(len(staff_list), nd)]),
    })
    return staff, who


def extra_contacts(rng: np.random.Generator, names: Names, cal: Timeline, plan: pd.DataFrame,
                   clients: pd.DataFrame, contacts: pd.DataFrame, count: np.ndarray,
                   last_int: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The contacts with initiators and approvers added (new ids after the last one).

    A client with at least two contacts gets an initiator and an approver each with the
    probability of :data:`~kbcore.demo.company.NEW_ROLE_PROB` for its kind: a key account, a
    concession client, or another large client (yearly purchases ≥ 5 M RUB). The role is
    written as a Russian CRM writes it («Инициатор закупки», «Утверждающий» …).

    Returns
    -------
    (DataFrame, ndarray)
        The contacts table (the new rows last) and the role key of every row
        (``decision_maker`` … ``initiator``, ``approver``).
    """
    n = len(plan)
    key, conc = plan["key"].to_numpy(), plan["conc"].to_numpy()
    large = plan["spend"].to_numpy() >= 5e6
    kind = np.where(key, "key", np.where(conc, "concession", np.where(large, "large", "")))
    rows = []
    u = rng.random((n, 2))
    next_id = int(contacts[C.contact_id].str[1:].astype(int).max()) + 1 if len(contacts) else 1
    owner = clients[C.manager].to_numpy()
    for j in range(2):  # initiator, approver
        prob = np.array([NEW_ROLE_PROB[k][j] if k else 0.0 for k in kind])
        rows.append(np.flatnonzero((count >= 2) & (u[:, j] < prob)))
    pick = np.concatenate(rows)
    roles = np.repeat(np.array(["initiator", "approver"], dtype=object), [len(r) for r in rows])
    o = np.lexsort((roles, pick))
    pick, roles = pick[o], roles[o]
    new = []
    for i, role in zip(pick.tolist(), roles.tolist(), strict=True):
        wordings, positions, level, influence, women = NEW_ROLES[role]
        name = names.full(bool(rng.random() < women))
        lc = max(0, int(last_int[i]) - int(rng.integers(0, 120))) if last_int[i] >= 0 else -1
        new.append((f"P{next_id:06d}", clients[C.client_id].iat[i], name,
                    positions[int(rng.integers(len(positions)))],
                    wordings[int(rng.integers(len(wordings)))],
                    LEVELS3[int(choice(rng, influence, 1)[0])],
                    ATTITUDES[int(choice(rng, [.45, .42, .13], 1)[0])], level, owner[i], lc))
        next_id += 1
    add = pd.DataFrame(new, columns=[C.contact_id, C.client_id, C.name, C.position,
                                     C.buying_role, C.influence, C.attitude, C.level, C.owner,
                                     "lc"])
    lc = add.pop("lc").to_numpy(dtype=np.int64)
    add[C.last_contact] = cal.dates(np.maximum(lc, 0)).where(lc >= 0)
    out = pd.concat([contacts, add[contacts.columns]], ignore_index=True)
    role_key = np.concatenate([contacts[C.buying_role].to_numpy(dtype=object), roles])
    return out, role_key


def planted_drop(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame, lines: dict,
                 count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which order lines the single-threaded key accounts lose in the last year.

    With W the last 365 days of the window and P the 365 days before, rev = shipped revenue of
    the drawn lines (``lines`` priced by :func:`~kbcore.demo.sales.amounts`)::

        planted = key account, one contact, rev_P > 0, rev_W > 0 and rev_W > r × rev_P
                  with r ~ U(DROP_RATIO) drawn per client
        from day c = first day of W + U(DROP_START) days, the client's documents are dropped
        in a random order until rev_W ≤ r × rev_P; the client's last document is kept (it still
        buys: the block-2 stage is "declining", not "lost")

    Returns
    -------
    (ndarray, ndarray)
        A boolean mask of the lines to keep and the indices of the planted clients.
    """
    nd = cal.n_days
    n = len(plan)
    ratio = rng.uniform(*DROP_RATIO, n)
    start = nd - 365 + rng.integers(DROP_START[0], DROP_START[1] + 1, n)
    day, client, rev = lines["day"], lines["client"], lines["revenue"]
    in_w = day >= nd - 365
    in_p = (day >= nd - 730) & ~in_w
    rev_w = np.bincount(client[in_w], weights=rev[in_w], minlength=n)
    rev_p = np.bincount(client[in_p], weights=rev[in_p], minlength=n)
    single = plan["key"].to_numpy() & (count == 1)
    planted = np.flatnonzero(single & (rev_p > 0) & (rev_w > 0) & (rev_w > ratio * rev_p))
    keep = np.ones(len(day), dtype=bool)
    if not len(planted):
        return keep, planted
    need = rev_w - ratio * rev_p
    doc = lines["order"] * 2 + lines["sub"]
    last_doc = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_doc, client, np.where(day >= 0, doc, -1))  # docs grow with the day
    cand = np.isin(client, planted) & (day >= start[client]) & (doc != last_doc[client])
    idx = np.flatnonzero(cand)
    udoc, inv = np.unique(doc[idx], return_inverse=True)
    d_rev = np.bincount(inv, weights=rev[idx])
    d_client = np.zeros(len(udoc), dtype=np.int64)
    d_client[inv] = client[idx]
    o = np.lexsort((rng.random(len(udoc)), d_client))
    cum = np.cumsum(d_rev[o])
    first = np.searchsorted(d_client[o], d_client[o], side="left")
    before = cum - d_rev[o] - np.where(first > 0, cum[first - 1], 0.0)
    drop_doc = np.zeros(len(udoc), dtype=bool)
    drop_doc[o] = before < need[d_client[o]]
    keep[idx[drop_doc[inv]]] = False
    return keep, planted


def thin(lines: dict, picks: dict, keep: np.ndarray) -> tuple[dict, dict]:
    """The drawn lines without the dropped ones, and the returns that refer to kept lines."""
    new_index = np.cumsum(keep) - 1
    ok = keep[picks["line"]]
    kept_picks = {"line": new_index[picks["line"][ok]], "day": picks["day"][ok],
                  "share": picks["share"][ok]}
    return {k: v[keep] for k, v in lines.items()}, kept_picks


def staff_interactions(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame,
                       who: pd.DataFrame, inter_client: np.ndarray,
                       inter_day: np.ndarray) -> dict[str, np.ndarray]:
    """Meetings, calls and e-mails of our people beyond the managers with the key accounts.

    For each key account i and each person s of :data:`~kbcore.demo.company.STAFF_CONTACTS`
    (the key-account manager only for the key accounts another manager serves)::

        records ~ Poisson(rate_s × span / 365), days uniform in the span, snapped to working days
        span    = [max(first CRM record of i, s hired), min(last CRM record of i, s left)]

    so that no record falls after the client's last recorded contact (the contacts' last-contact
    dates stay the latest). Kinds, outcomes and notes by person.

    Returns
    -------
    dict of ndarray
        ``client`` (index), ``day``, ``kind`` (index into KINDS), ``person`` (name), ``by``
        (the person's key), ``outcome``, ``note``.
    """
    n = len(plan)
    first = np.full(n, cal.n_days, dtype=np.int64)
    last = np.full(n, -1, dtype=np.int64)
    np.minimum.at(first, inter_client, inter_day)
    np.maximum.at(last, inter_client, inter_day)
    key = plan["key"].to_numpy() & (last >= 0)
    kam = RU.kam
    own_kam = (plan["m1"].to_numpy() == kam) | (plan["m2"].to_numpy() == kam)
    parts = []
    for s_key, (rate, kinds, _roles) in STAFF_CONTACTS.items():  # five people, not clients
        row = who.loc[who["key"] == s_key].iloc[0]
        lo = np.maximum(first, int(row["from_day"]))
        hi = np.minimum(last, int(row["to_day"]) - 1)
        ok = key & (hi >= lo) & ~((s_key == "kam") & own_kam)
        k = np.where(ok, rng.poisson(rate * np.maximum(hi - lo + 1, 0) / 365.0), 0)
        ci = np.repeat(np.arange(n), k)
        day = lo[ci] + np.floor(rng.random(len(ci)) * (hi - lo + 1)[ci]).astype(np.int64)
        day = np.minimum(cal.snap(day), hi[ci])  # a working day, never after the last record
        names_k, probs = zip(*kinds.items(), strict=True)
        kind = np.array([KINDS.index(x) for x in names_k])[choice(rng, probs, len(ci))]
        outcome = np.empty(len(ci), dtype=object)
        for ki in np.unique(kind):
            m = kind == ki
            values, p = OUTCOMES[KINDS[ki]]
            outcome[m] = np.asarray(values, dtype=object)[choice(rng, p, int(m.sum()))]
        texts = np.asarray(STAFF_NOTES[s_key], dtype=object)
        note = np.where(rng.random(len(ci)) < 0.6,
                        texts[rng.integers(0, len(texts), len(ci))], None)
        parts.append({"client": ci, "day": day, "kind": kind,
                      "person": np.full(len(ci), row["person"], dtype=object),
                      "by": np.full(len(ci), s_key, dtype=object), "outcome": outcome,
                      "note": note})
    return {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}


def link_contacts(rng: np.random.Generator, cal: Timeline, client: np.ndarray, day: np.ndarray,
                  kind: np.ndarray, by: np.ndarray, contacts: pd.DataFrame, role_key: np.ndarray,
                  client_ids: np.ndarray) -> np.ndarray:
    """The contact each CRM record names (``contact_id``), or None.

    A record of a client with contacts names one of them with the probability
    :data:`~kbcore.demo.company.LINK_SHARE` of its kind (always for the records of our people
    beyond the managers). The person is drawn among the client's contacts whose last-contact
    date is on or after the record's day, weighted by the buying role
    (:data:`~kbcore.demo.company.LINK_ROLE_WEIGHTS` by kind; the preferred roles of our people
    beyond the managers, :data:`~kbcore.demo.company.STAFF_CONTACTS`, weigh ×10). The first
    contact of each client was last met on the client's last record, so every record of a
    client with contacts has a candidate; a contact's last-contact date stays the latest record
    naming it.

    Parameters
    ----------
    rng, cal : the layer's random stream and the calendar.
    client, day, kind, by : ndarray
        Per record: client index, day number, index into KINDS, and ``""`` for a manager's
        record or the person's key (``"director"`` …).
    contacts, role_key : the contacts table and each row's role key.
    client_ids : the clients' codes (client index → ``client_id``).
    """
    n = len(client)
    index = pd.Series(np.arange(len(client_ids)), index=pd.Index(client_ids, dtype=object))
    lc_day = (contacts[C.last_contact] - cal.start).dt.days.to_numpy(dtype="float64")
    ok = ~np.isnan(lc_day)
    cand = pd.DataFrame({
        "c": index.reindex(contacts[C.client_id].to_numpy(dtype=object)).to_numpy()[ok],
        "cid": contacts[C.contact_id].to_numpy(dtype=object)[ok],
        "lc": lc_day[ok].astype(np.int64),
        "role": role_key[ok]})
    rec = pd.DataFrame({"r": np.arange(n), "c": client, "d": day, "k": kind, "by": by})
    pairs = rec.merge(cand, on="c", how="inner")
    pairs = pairs.loc[pairs["lc"].to_numpy() >= pairs["d"].to_numpy()]
    weight = np.zeros(len(pairs))
    role = pairs["role"].to_numpy(dtype=object)
    k = pairs["k"].to_numpy()
    for ki, kname in enumerate(KINDS):  # four kinds × seven roles, not a loop over records
        for r, w in LINK_ROLE_WEIGHTS[kname].items():
            weight[(k == ki) & (role == r)] = w
    by_p = pairs["by"].to_numpy(dtype=object)
    for s_key, (_rate, _kinds, roles) in STAFF_CONTACTS.items():
        weight[(by_p == s_key) & np.isin(role, roles)] *= 10
    # weighted choice of one candidate per record: the smallest Exp(1) / weight (Efraimidis)
    score = rng.exponential(1.0, len(pairs)) / np.maximum(weight, 1e-9)
    pairs = pairs.assign(score=score).sort_values(["r", "score"], kind="mergesort")
    best = pairs.drop_duplicates("r")
    out = np.full(n, None, dtype=object)
    share = np.array([LINK_SHARE[k] for k in KINDS])[kind]
    named = (rng.random(n) < share) | (by != "")
    chosen = best["r"].to_numpy()
    use = named[chosen]
    out[chosen[use]] = best["cid"].to_numpy(dtype=object)[use]
    return out

"""The demo company's sales history: orders, their lines, money, returns and documents.

One job: the sales table. :func:`orders` draws when each client orders and for how much;
:func:`order_lines` splits each order into product lines with prices, costs, discount levels,
documents and sales channels; :func:`amounts` turns the lines into quantities and money for a
year's volume factor and extra discount (set by :mod:`kbcore.demo.calibration`);
:func:`pick_returns` and :func:`returns` make the return lines; :func:`sales_table` numbers the
documents and builds the canonical table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.draws import rowwise_choice
from kbcore.demo.profile import RU, Profile
from kbcore.demo.tables import coded_strings
from kbcore.demo.timeline import Timeline
from kbcore.schema import C


def draw_orders(rng: np.random.Generator, cal: Timeline,
                plan: pd.DataFrame) -> dict[str, np.ndarray]:
    """Every order of every client: its client, day and value at that year's prices (by day)."""
    nd = cal.n_days
    a, b = plan["a"].to_numpy(), plan["b"].to_numpy()
    g, freq = plan["g"].to_numpy(), plan["freq"].to_numpy()
    one, new = plan["one_time"].to_numpy(), plan["new"].to_numpy()
    span = (b - a + 1).astype("float64")
    maxmult = np.exp(np.maximum(g, 0) * span / 365)
    lam = np.where(one, 0.0, freq * span / 365 * maxmult)
    k = rng.poisson(lam)
    ci = np.repeat(np.arange(len(plan)), k)
    t = a[ci] + np.floor(rng.random(len(ci)) * span[ci]).astype(np.int64)
    el = (t - a[ci]) / 365.0
    ramp = np.where(new[ci], 1 - 0.5 * np.exp(-el * 365 / 150), 1.0)
    keep = rng.random(len(ci)) < ramp * np.exp(g[ci] * el) / maxmult[ci]
    ci, t = ci[keep], t[keep]
    # every new client's first order is on its acquisition day; the repeaters order a
    # second time within a few weeks; every existing client buys at least once
    first = np.flatnonzero(new)
    rep = np.flatnonzero(new & ~one)
    second = a[rep] + 10 + rng.exponential(35, len(rep)).astype(np.int64)
    ok = second <= nd - 1
    rep, second = rep[ok], second[ok]
    has = np.bincount(ci, minlength=len(plan)) > 0
    lonely = np.flatnonzero(~new & ~has)
    lonely_t = a[lonely] + np.floor(rng.random(len(lonely)) * span[lonely]).astype(np.int64)
    ci = np.concatenate([ci, first, rep, lonely])
    t = np.concatenate([t, a[first], second, lonely_t])
    t = cal.snap(t)
    # value of an order at that year's prices
    noise = np.exp(0.5 * rng.standard_normal(len(ci)) - 0.125)
    value = plan["spend"].to_numpy()[ci] / freq[ci] * cal.day_level[t] * noise
    order = np.lexsort((ci, t))
    return {"client": ci[order], "day": t[order], "value": value[order]}


def list_prices(cal: Timeline, day: np.ndarray, prod: np.ndarray, products: pd.DataFrame,
                profile: Profile = RU) -> tuple[np.ndarray, np.ndarray]:
    """The list price and unit cost of product ``prod`` on day ``day`` (rounded to the cent).

    The last year's price list (``products.list_price``, ``unit_cost``) times the day's price
    level (:attr:`Timeline.day_level`); costs squeezed by ``profile.cost_squeeze`` a year.
    """
    level = cal.day_level[day]
    price = np.round(products[C.list_price].to_numpy()[prod] * level, 2)
    squeeze = 1 - profile.cost_squeeze * (cal.end.year - cal.day_year[day])
    ucost = np.round(products[C.unit_cost].to_numpy()[prod] * level * squeeze, 2)
    return price, ucost


def discount_cap(price: np.ndarray, ucost: np.ndarray, floor) -> np.ndarray:
    """The highest discount rate (in 0.5 % steps) that keeps ``price`` ≥ ``floor`` × cost."""
    return np.maximum(np.floor((1 - floor * ucost / price) * 200) / 200, 0.0)


def draw_lines(rng: np.random.Generator, cal: Timeline, plan: pd.DataFrame, orders: dict,
               products: pd.DataFrame, profile: Profile = RU, *, mix=None,
               pricing=None) -> dict[str, np.ndarray]:
    """The lines of the orders.

    Product, target value, price, unit cost, discount level and cap, document, position and sales
    channel (quantities and money come from :func:`amounts`).

    ``mix`` (clients × categories, optional) replaces the segments' category mixes as each
    client's base mix; ``pricing(day, prod)`` (optional) replaces :func:`list_prices` and must
    return ``(price, unit_cost)`` per line.
    """
    oc, od, ov = orders["client"], orders["day"], orders["value"]
    n_orders = len(oc)
    lam = plan["lines"].to_numpy()[oc]
    n_lines = 1 + rng.poisson(np.maximum(lam - 1, 0))
    lo = np.repeat(np.arange(n_orders), n_lines)
    starts = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
    pos = np.arange(len(lo)) - starts[lo]
    w = rng.gamma(1.5, size=len(lo))
    share = w / np.bincount(lo, weights=w)[lo]
    target = ov[lo] * share
    client = oc[lo]

    # category of each line from the client's own mix, product by popularity
    seg = plan["seg"].to_numpy()
    if mix is None:
        base = np.array([s.mix for s in profile.segments])[seg]
        base[plan["conc"].to_numpy()] = profile.concession_mix
    else:
        base = np.asarray(mix, dtype="float64")
    mix = rng.gamma(np.maximum(base * 25, 1e-9)) * (base > 0)
    mix = mix / mix.sum(axis=1, keepdims=True)
    cat = rowwise_choice(rng, mix, client)
    pcat = products["cat"].to_numpy()
    prod = np.zeros(len(lo), dtype=np.int64)
    for k in range(profile.n_categories):
        members = np.flatnonzero(pcat == k)
        pop = 1.0 / np.arange(1, len(members) + 1) ** 0.8
        pop = pop[rng.permutation(len(members))]
        cum = np.cumsum(pop) / pop.sum()
        m = cat == k
        prod[m] = members[np.minimum(np.searchsorted(cum, rng.random(int(m.sum()))),
                                     len(members) - 1)]
    # an order lists each product once
    _, first = np.unique(lo * len(products) + prod, return_index=True)
    keep = np.zeros(len(lo), dtype=bool)
    keep[first] = True
    lo, target, client, prod = lo[keep], target[keep], client[keep], prod[keep]
    n_lines = np.bincount(lo, minlength=n_orders)
    starts = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
    pos = np.arange(len(lo)) - starts[lo]

    day = od[lo]
    if pricing is None:
        price, ucost = list_prices(cal, day, prod, products, profile)
    else:
        price, ucost = pricing(day, prod)
    # discount: the client's level, creeping up each year for ordinary clients
    # (concessions to hold volume); never below a 1 % margin over cost (tender prices of
    # concession clients may go a little below cost on some items)
    years_in = day / 365.0
    conc = plan["conc"].to_numpy()[client]
    creep = np.where(conc, 0.0, profile.discount_creep * years_in)
    d0 = plan["disc"].to_numpy()[client] + creep + rng.normal(0, 0.01, len(lo))
    floor = np.where(conc, profile.conc_floor, 1.01)
    cap = discount_cap(price, ucost, floor)

    # a few orders are shipped as two documents on the same day
    split = (n_lines >= 2) & (rng.random(n_orders) < 0.04)
    sub = (split[lo] & (pos >= n_lines[lo] // 2)).astype(np.int64)

    # sales channel of each order
    chan = plan["chan"].to_numpy()[oc]
    web, market = profile.channels.index(profile.website), profile.channels.index(profile.marketplace)
    p_web = np.where(chan == web, 0.6, 0.08)
    ch = np.where(rng.random(n_orders) < p_web, 1, 0)
    ch = np.where(chan == market,
                  np.where(rng.random(n_orders) < 0.9, 2, 0), ch)
    ch[plan["conc"].to_numpy()[oc]] = 0

    return {
        "order": lo, "sub": sub, "pos": pos, "day": day, "client": client, "product": prod,
        "target": target, "price": price, "ucost": ucost, "d0": d0, "cap": cap,
        "ordinary": ~conc, "channel": ch[lo],
    }


def amounts(cal: Timeline, lines: dict, volume: np.ndarray, extra: np.ndarray) -> dict:
    """Quantities and money of the lines for a yearly volume factor and extra discount.

    quantity = max(1, round(target × volume_year / price)); discount rate = d0 (+ extra_year
    for ordinary clients), rounded to 0.5 %, between 0 and the line's cap;
    list_revenue = quantity × price; revenue = list_revenue × (1 − rate);
    discount = list_revenue − revenue; cost = quantity × unit cost (all rounded to kopecks).
    """
    yi = cal.day_year[lines["day"]] - cal.start.year
    price = lines["price"]
    qty = np.maximum(1.0, np.round(lines["target"] * volume[yi] / price))
    d = lines["d0"] + np.where(lines["ordinary"], extra[yi], 0.0)
    d = np.minimum(np.clip(np.round(d * 200) / 200, 0, None), lines["cap"])
    list_rev = np.round(qty * price, 2)
    revenue = np.round(list_rev * (1 - d), 2)
    return {**lines, "quantity": qty, "list_revenue": list_rev, "revenue": revenue,
            "discount": np.round(list_rev - revenue, 2),
            "cost": np.round(qty * lines["ucost"], 2)}


def pick_returns(rng: np.random.Generator, cal: Timeline, lines: dict,
                 profile: Profile = RU) -> dict:
    """Which lines come back, when, and what share (a few days to weeks after shipment)."""
    pick = (rng.random(len(lines["day"])) < profile.return_share) & (lines["day"] < cal.last_work - 5)
    idx = np.flatnonzero(pick)
    doc = lines["order"][idx] * 2 + lines["sub"][idx]
    udoc, inv = np.unique(doc, return_inverse=True)
    delay = 3 + rng.integers(0, 38, len(udoc))
    day = cal.snap(lines["day"][idx] + delay[inv])
    share = rng.uniform(0.1, 1.0, len(idx))
    ok = day <= cal.last_work
    return {"line": idx[ok], "day": day[ok], "share": share[ok]}


def return_lines(lines: dict, picks: dict) -> dict:
    """Return lines (negative quantity and money) for the picked shipment lines."""
    r = {k: v[picks["line"]] for k, v in lines.items()}
    r["day"] = picks["day"]
    qty = r["quantity"]
    back = np.where(qty <= 1, 1.0, np.maximum(1.0, np.round(qty * picks["share"])))
    ratio = back / qty
    r["quantity"] = -back
    for c in ("revenue", "cost", "discount", "list_revenue"):
        r[c] = -np.round(r[c] * ratio, 2)
    return r


def _numbered(cal: Timeline, key: np.ndarray, day: np.ndarray, prefix: str, width: int):
    """Documents numbered within each year in date order: ("РН25-000123", …).

    Returns the document index of each row, the documents' texts and a sort key.
    """
    udoc, first, inv = np.unique(key, return_index=True, return_inverse=True)
    dday = day[first]
    order = np.lexsort((udoc, dday))
    rank = np.empty(len(udoc), dtype=np.int64)
    rank[order] = np.arange(len(udoc))
    dyear = cal.day_year[dday]
    # number within the year = rank − (first rank of that year) + 1
    year_first = np.searchsorted(dyear[order], dyear)
    num = rank - year_first + 1
    texts = [f"{prefix}{y % 100:02d}-{k:0{width}d}" for y, k in zip(dyear.tolist(), num.tolist(),
                                                                   strict=True)]
    return inv, texts, rank


def sales_table(cal: Timeline, plan: pd.DataFrame, lines: dict, returns: dict,
                products: pd.DataFrame, mgr_names: list, client_ids: np.ndarray,
                profile: Profile = RU):
    """Number the documents (yearly, in date order) and build the canonical sales table.

    Shipment documents are "РН<yy>-<nnnnnn>" (a document = an order, or half of one when it
    was shipped as two documents on one day); a return is one "ВЗ<yy>-<nnnnn>" document per
    original shipment document.

    Returns
    -------
    (DataFrame, ndarray, ndarray, ndarray)
        The sales table and, for each of its rows, the day number, the client's index and the
        manager's index.
    """
    ship_inv, ship_texts, ship_rank = _numbered(
        cal, lines["order"] * 2 + lines["sub"], lines["day"], profile.doc_prefixes[0], 6)
    codes = [ship_inv]
    keys = [ship_rank[ship_inv]]
    texts = list(ship_texts)
    if len(returns["day"]):
        ret_inv, ret_texts, ret_rank = _numbered(
            cal, returns["order"] * 2 + returns["sub"], returns["day"], profile.doc_prefixes[1], 5)
        codes.append(ret_inv + len(ship_texts))
        keys.append(ret_rank[ret_inv] + len(ship_texts))
        texts += ret_texts
    code = np.concatenate(codes)
    key = np.concatenate(keys)
    cols = ["day", "pos", "client", "product", "channel", "quantity", "revenue", "cost",
            "discount", "list_revenue"]
    both = {c: np.concatenate([lines[c], returns[c]]) for c in cols}
    o = np.lexsort((both["pos"], key, both["day"]))
    for c in cols:  # one column at a time: only one extra copy alive
        both[c] = both[c][o]
    code = code[o]
    d, client = both["day"], both["client"]
    mgr = np.where(d < plan["switch"].to_numpy()[client], plan["m1"].to_numpy()[client],
                   plan["m2"].to_numpy()[client])
    sales = pd.DataFrame({
        C.date: cal.dates(d),
        C.doc_id: coded_strings(code, texts),
        C.client_id: coded_strings(client, client_ids),
        C.product_id: coded_strings(both["product"], products[C.product_id]),
        C.quantity: both["quantity"].astype("float64"),
        C.revenue: both["revenue"].astype("float64"),
        C.cost: both["cost"].astype("float64"),
        C.discount: both["discount"].astype("float64"),
        C.list_revenue: both["list_revenue"].astype("float64"),
        C.manager: coded_strings(mgr, mgr_names),
        C.channel: coded_strings(both["channel"], profile.sales_channels),
    })
    return sales, d, client, mgr

r"""The Bulgarian demo company: putting it together from the shared machinery.

„Витоша Лубрикантс“ ЕООД (Sofia) distributes lubricants and technical fluids — motor,
transmission, heavy-duty, tractor, hydraulic, compressor, gear and metalworking oils,
antifreeze and AdBlue, all sold by the litre — to auto services, transport companies, farms,
plants, retailers and builders in the 28 oblasti of Bulgaria, from 2021-01-01 to 2026-06-30.
Sales are in leva (BGN) before the euro changeover on 2026-01-01 and in euro (EUR) from it
(1.95583 BGN = 1 EUR).

One job: :func:`generate` — the draws of every part of the company, in one fixed order, through
the shared machinery of :mod:`kbcore.demo` with the Bulgarian profile
(:data:`~kbcore.demo.bg.company.BG`): calendar, sales team, orders, lines, returns, documents,
CRM records, contacts, surveys, loyalty, staff; and the Bulgarian company's own parts: the client
plan (:mod:`~kbcore.demo.bg.plan`), the catalogue and price lists in two currencies
(:mod:`~kbcore.demo.bg.products`), the target-product mix, the volume path of each business line
(truth 3), the cards and wallets (:mod:`~kbcore.demo.bg.cards`), the market, territories and
targets (:mod:`~kbcore.demo.bg.market`). The planted truths are documented with their numbers in
``data/demo_bg/README.md`` and asserted by ``tests/test_demo_bg.py``.

Reproducibility: one ``numpy.random.default_rng(seed)`` and one ``Faker("bg_BG")`` seeded with
``seed_instance(seed)``; the staff and the contact of each CRM record from a second stream
(``default_rng([seed, 7])``, as the Russian company's key-account layer). Nothing depends on the
clock; the order of the draws is part of the output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.accounts import accounts_rng, link_contacts, staff_table
from kbcore.demo.bg.cards import clients_table, supplier_ranks, wallet_columns
from kbcore.demo.bg.company import (
    ACCOUNTS_STREAM,
    BG,
    CATEGORIES,
    DEFAULTS,
    EURO_DAY,
    EURO_YEAR,
    FX,
    INDUSTRY_CHANGE_2025,
    LINE_KEYS,
    LINES,
    OBLASTI,
    PREMIUM_LAUNCH,
    SEG_KEYS,
    TARGET_SWITCH,
    VOLUME_PATH,
)
from kbcore.demo.bg.market import market_table, targets_table, territories_table
from kbcore.demo.bg.names import BgNames
from kbcore.demo.bg.plan import client_plan
from kbcore.demo.bg.products import pricing, product_table
from kbcore.demo.bg.programme import loyalty_table, members, uplift
from kbcore.demo.bg.team import (
    quarterly_targets,
    scale_windfall,
    teams,
    windfall_client,
    windfall_orders,
)
from kbcore.demo.bg.waves import fade_orders, survey_needs, survey_waves
from kbcore.demo.clients import assign_managers, sales_team
from kbcore.demo.optional import contacts_table, interactions_table
from kbcore.demo.sales import (
    amounts,
    discount_cap,
    draw_lines,
    draw_orders,
    pick_returns,
    return_lines,
    sales_table,
)
from kbcore.demo.tables import canonical
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["generate"]

MONEY = ("revenue", "cost", "discount", "list_revenue")


def generate(*, clients: int = DEFAULTS["clients"], seed: int = DEFAULTS["seed"],
             start=DEFAULTS["start"], end=DEFAULTS["end"]) -> dict[str, pd.DataFrame]:
    """Generate the Bulgarian demo company: every canonical table, seeded and reproducible.

    Parameters
    ----------
    clients : int
        Number of clients (at least 100; 1 200 gives about 100 000 sales lines).
    seed : int
        Seed of ``numpy.random.default_rng`` and of Faker's ``seed_instance``.
    start, end : date-like
        The first and last day of the history (default 2021-01-01 … 2026-06-30); the planted
        truths are tuned for these (2024 against 2025, the euro from 2026).

    Returns
    -------
    dict of DataFrame
        ``sales, clients, products, contacts, interactions, surveys, loyalty, targets, market,
        territories, staff`` in canonical form; ``sales.attrs["kbcore_demo"]`` holds the
        generation parameters.
    """
    if clients < 100:
        raise ValueError(f"clients must be at least 100, not {clients}")
    rng = np.random.default_rng(seed)
    people = BgNames(seed)
    cal = Timeline(0, end, start=start, holidays_of=BG.holidays, inflation=BG.inflation,
                   default_inflation=BG.default_inflation,
                   fx={y: FX for y in range(1990, EURO_YEAR)})
    products = product_table(rng)
    price_of = pricing(cal, products)
    mgrs = sales_team(people, cal, BG)
    plan = assign_managers(rng, cal, client_plan(rng, cal, int(clients)), mgrs, BG)
    key = plan["key"].to_numpy()
    plan["m1"] = np.where(key, BG.kam, plan["m1"])
    plan["m2"] = np.where(key, BG.kam, plan["m2"])
    client_ids = np.array([f"К{i + 1:05d}" for i in range(len(plan))], dtype=object)
    plan = windfall_client(rng, cal, plan)  # truth 8: a one-off project in 2025
    joined, left = members(rng, cal, plan)  # truth 7: who joins the loyalty programme, when
    orders = draw_orders(rng, cal, plan)
    orders = fade_orders(rng, cal, plan, orders)  # truth 6: stopping clients buy less first
    orders, wf_order = windfall_orders(rng, cal, plan, orders)
    mix = np.array([s.mix for s in BG.segments])[plan["seg"].to_numpy()]
    lines = draw_lines(rng, cal, plan, orders, products, BG, mix=mix, pricing=price_of)
    wf = wf_order[lines["order"]]
    lines = _target_mix(rng, cal, lines, products, price_of, fixed=wf)
    picks = pick_returns(rng, cal, lines, BG)
    ok = ~wf[picks["line"]]  # the project's deliveries are not returned
    picks = {k: v[ok] for k, v in picks.items()}
    mgr_names = mgrs["name"].tolist()
    inter, i_client, i_day, i_kind = interactions_table(rng, cal, plan, mgr_names, client_ids, BG)
    lines, _member_line = uplift(lines, joined, left)  # truth 7: the programme's true effect
    lines, path = _volume_path(cal, plan, lines, products, extra=wf)
    lines = scale_windfall(cal, plan, lines, wf)
    ny = len(cal.year_list)
    lines = amounts(cal, lines, np.ones(ny), np.zeros(ny))
    returns = _returns_in_currency(cal, lines, picks)
    sales, s_day, s_client, s_mgr = sales_table(cal, plan, lines, returns, products, mgr_names,
                                                client_ids, BG)
    del lines, returns
    sales.insert(9, C.currency, pd.array(np.where(s_day >= (EURO_DAY - cal.start).days,
                                                  "EUR", "BGN"), dtype="string"))
    n = len(plan)
    ship = sales[C.quantity].to_numpy() > 0
    first_day = np.full(n, cal.n_days, dtype=np.int64)
    last_day = np.full(n, -1, dtype=np.int64)
    np.minimum.at(first_day, s_client[ship], s_day[ship])
    np.maximum.at(last_day, s_client[ship], s_day[ship])
    cards = clients_table(rng, people, cal, plan, mgrs, client_ids, first_day, last_day)
    contacts, _count = contacts_table(rng, people, cal, plan, cards, i_day, i_client, BG)

    # staff and the contact each CRM record names: a stream of their own
    krng = accounts_rng(seed)
    staff, _who = staff_table(krng, BgNames(seed + ACCOUNTS_STREAM), cal, mgrs, BG)
    staff = teams(staff, mgrs["name"].tolist())
    contact = link_contacts(krng, cal, i_client, i_day, i_kind, np.full(len(i_client), ""),
                            contacts, contacts[C.buying_role].to_numpy(dtype=object), client_ids)
    inter[C.contact_id] = pd.array(contact, dtype="string")

    eur = _in_euro(sales)
    surveys, sv_client = survey_waves(rng, cal, plan, s_day, s_client, eur, client_ids)
    loyalty = loyalty_table(rng, cal, joined, left, s_day, s_client, eur, client_ids)
    member = joined >= 0
    last12 = s_day > cal.n_days - 1 - 365
    rev12 = np.bincount(s_client[last12], weights=eur[last12], minlength=n)
    qty12 = np.bincount(s_client[last12], weights=sales[C.quantity].to_numpy()[last12],
                        minlength=n)
    cards, share = wallet_columns(rng, cal, plan, cards, rev12, qty12, member)
    surveys = _survey_ranks(rng, surveys, sv_client, cards, plan, share)
    surveys = survey_needs(seed, surveys, sv_client, plan, SEG_KEYS)  # topic 6: the needs-based split

    year = cal.day_year[s_day]
    region_names = np.array([OBLASTI[r][0] for r in plan["region"].to_numpy()], dtype=object)
    rev25 = pd.Series(eur[year == 2025]).groupby(region_names[s_client[year == 2025]]).sum()
    market = market_table(rng, rev25.to_dict())
    pot = (market[C.companies] * market[C.consumption_per_company]).groupby(
        market[C.region]).sum()
    territories = territories_table(rng)
    targets = _targets(rng, cal, sales, s_day, s_client, s_mgr, products, mgrs, plan, cards,
                       client_ids, share, rev25 / pot)
    targets = _with_quarters(rng, cal, targets, sales, s_day, s_client, products, mgrs, plan,
                             cards, orders["day"][wf_order])

    tables = {
        "sales": sales,
        "clients": cards,
        "products": products.drop(columns=["cat", "line", "premium", "price_bgn", "cost_bgn"]),
        "contacts": contacts,
        "interactions": inter,
        "surveys": surveys,
        "loyalty": loyalty,
        "targets": targets,
        "market": market,
        "territories": territories,
        "staff": staff,
    }
    tables = {k: canonical(v, k, BG.columns) for k, v in tables.items()}
    tables["sales"].attrs["kbcore_demo"] = {
        "company": BG.key, "clients": int(clients), "seed": int(seed),
        "start": str(cal.start.date()), "end": str(cal.end.date()), "fx_bgn_per_eur": FX,
        "volume_path": path,
    }
    return tables


def _target_mix(rng, cal: Timeline, lines: dict, products: pd.DataFrame, price_of,
                fixed: np.ndarray | None = None) -> dict:
    """Target products gain share (truth 3's mix).

    A line of a class that has target products moves to one of them with the probability
    :data:`TARGET_SWITCH` of its year; the premium line sells from :data:`PREMIUM_LAUNCH` only
    (earlier lines move to another product); moved lines are priced again. The ``fixed`` lines
    (truth 8's project deliveries) buy diesel-engine and hydraulic oils and no target product:
    another product drawn moves to the first non-target product of its class (or of the diesel
    oils).
    """
    prod, day = lines["product"].copy(), lines["day"]
    cat = products["cat"].to_numpy()
    is_t = products[C.is_target].to_numpy(dtype=bool)
    prem = products["premium"].to_numpy(dtype=bool)
    launch = (PREMIUM_LAUNCH - cal.start).days
    year = cal.day_year[day]
    p = np.array([TARGET_SWITCH.get(int(y), 0.2) for y in cal.year_list])[year - cal.start.year]
    u = rng.random(len(prod))
    pick = rng.random(len(prod))
    for k in range(len(CATEGORIES)):
        in_k = cat[prod] == k
        targets = np.flatnonzero((cat == k) & is_t)
        early = np.flatnonzero((cat == k) & is_t & ~prem)
        others = np.flatnonzero((cat == k) & ~is_t)
        if len(targets):
            m = in_k & ~is_t[prod] & (u < p)
            if fixed is not None:
                m &= ~fixed
            pool = np.where(day[m] >= launch, 1, 0)
            chosen_all = targets[np.minimum((pick[m] * len(targets)).astype(int), len(targets) - 1)]
            chosen_early = (early[np.minimum((pick[m] * len(early)).astype(int), len(early) - 1)]
                            if len(early) else others[0])
            prod[m] = np.where(pool == 1, chosen_all, chosen_early)
        pre = in_k & prem[prod] & (day < launch)
        if pre.any() and len(others):
            prod[pre] = others[np.minimum((pick[pre] * len(others)).astype(int), len(others) - 1)]
    if fixed is not None and fixed.any():  # the project buys diesel and hydraulic oils only
        project = [i for i, c in enumerate(CATEGORIES) if c[0] in ("hddo", "hydraulic")]
        for k in range(len(CATEGORIES)):
            into = k if k in project else project[0]
            others = np.flatnonzero((cat == into) & ~is_t)
            m = fixed & (cat[prod] == k) & (is_t[prod] | (k != into))
            if m.any() and len(others):
                prod[m] = others[0]
    # an order lists each product once: a move onto a product already in the order is undone
    # (again, until no undone move lands on another line's product)
    while True:
        key = lines["order"] * len(products) + prod
        order = np.lexsort((prod != lines["product"], key))  # unmoved lines first in each key
        dup = np.zeros(len(prod), dtype=bool)
        dup[order[1:]] = key[order[1:]] == key[order[:-1]]
        if not dup.any():
            break
        prod[dup] = lines["product"][dup]
    moved = prod != lines["product"]
    price, ucost = lines["price"].copy(), lines["ucost"].copy()
    price[moved], ucost[moved] = price_of(day[moved], prod[moved])
    cap = lines["cap"].copy()
    cap[moved] = discount_cap(price[moved], ucost[moved], 1.01)
    return {**lines, "product": prod, "price": price, "ucost": ucost, "cap": cap}


def _volume_path(cal: Timeline, plan: pd.DataFrame, lines: dict, products: pd.DataFrame,
                 extra: np.ndarray | None = None):
    """Each business line's litres on a planned path, and the planted losers' cut (truth 3).

    The order values of line L in year y are scaled by f = want / drawn, with drawn the litres a
    day of the clients who stay and want the first year's rate × Π (1 + :data:`VOLUME_PATH`).
    Then the planted losers' industrial lines from 2025 are cut so that the Industry line's
    litres change by :data:`INDUSTRY_CHANGE_2025` against 2024: the three smaller losers keep
    half, the factory (the largest) keeps r = (want − others − ½ small) / factory (0.05–1).
    The ``extra`` lines (truth 8's project) are left out of the drawn rate, so they come on top
    of the path. Returns the lines and the factors (recorded in the manifest).
    """
    line = products["line"].to_numpy()[lines["product"]]
    yi = cal.day_year[lines["day"]] - cal.start.year
    ny = len(cal.year_list)
    days = np.bincount(cal.day_year - cal.start.year, minlength=ny).astype("float64")
    loser = plan["group"].to_numpy()[lines["client"]] == "loser"
    out = loser if extra is None else loser | extra
    litres = lines["target"] / lines["price"]
    target = lines["target"].copy()
    factors = {}
    for li, key in enumerate(LINE_KEYS):
        m = line == li
        rate = np.bincount(yi[m & ~out], weights=litres[m & ~out], minlength=ny) / days
        want = rate[0] * np.cumprod([1.0] + [1 + VOLUME_PATH[key].get(int(y), 0.03)
                                             for y in cal.year_list[1:]])
        f = np.where(rate > 0, want / np.where(rate > 0, rate, 1), 1.0)
        target[m] *= f[yi[m]]
        factors[LINES[li][1]] = [round(float(x), 4) for x in f]
    ind = line == LINE_KEYS.index("industry")
    litres = target / lines["price"]
    y24, y25 = 2024 - cal.start.year, 2025 - cal.start.year
    total24 = litres[ind & (yi == y24)].sum()
    others25 = litres[ind & ~out & (yi == y25)].sum()
    client = lines["client"]
    losers = np.flatnonzero(plan["group"].to_numpy() == "loser")
    factory = losers[np.argmax(plan["potential"].to_numpy()[losers])]
    small25 = litres[ind & loser & (client != factory) & (yi == y25)].sum()
    fact25 = litres[ind & (client == factory) & (yi == y25)].sum()
    need = (1 + INDUSTRY_CHANGE_2025) * total24 - others25 - 0.5 * small25
    r_f = float(np.clip(need / fact25, 0.05, 1.0)) if fact25 > 0 else 1.0
    cut = ind & loser & (yi >= y25)
    target[cut] *= np.where(client[cut] == factory, r_f, 0.5)
    factors["losers"] = {"factory": round(r_f, 4), "others": 0.5}
    return {**lines, "target": target}, factors


def _returns_in_currency(cal: Timeline, lines: dict, picks: dict) -> dict:
    """Return lines; a return from 2026 of a shipment in leva is credited in euro (÷ 1.95583)."""
    r = return_lines(lines, picks)
    euro = cal.day_year[r["day"]] >= EURO_YEAR
    was_bgn = cal.day_year[lines["day"][picks["line"]]] < EURO_YEAR
    m = euro & was_bgn
    for c in ("revenue", "cost", "list_revenue"):
        r[c] = np.where(m, np.round(r[c] / FX, 2), r[c])
    r["discount"] = np.where(m, np.round(r["list_revenue"] - r["revenue"], 2), r["discount"])
    return r


def _in_euro(sales: pd.DataFrame) -> np.ndarray:
    """Each sales line's revenue in euro (leva ÷ 1.95583)."""
    rev = sales[C.revenue].to_numpy(dtype="float64")
    return np.where(sales[C.currency].to_numpy(dtype=object) == "BGN", rev / FX, rev)


def _survey_ranks(rng, surveys: pd.DataFrame, ci: np.ndarray, cards: pd.DataFrame,
                  plan: pd.DataFrame, share: np.ndarray) -> pd.DataFrame:
    """The respondents' suppliers used and our rank (empty for those who did not answer).

    The card's when the client was researched, otherwise drawn once per client from its planned
    share of wallet (:func:`~kbcore.demo.bg.cards.supplier_ranks`).
    """
    sup, rank = supplier_ranks(rng, np.clip(plan["sow"].to_numpy(), 0.02, 0.95))
    sup = np.where(np.isnan(share), sup, cards[C.suppliers_used].to_numpy(dtype="float64"))
    rank = np.where(np.isnan(share), rank, cards[C.our_rank].to_numpy(dtype="float64"))
    answered = surveys[C.responded].to_numpy(dtype=bool)
    return surveys.assign(**{C.suppliers_used: np.where(answered, sup[ci], np.nan),
                             C.our_rank: np.where(answered, rank[ci], np.nan)})


def _targets(rng, cal: Timeline, sales: pd.DataFrame, s_day, s_client, s_mgr,
             products: pd.DataFrame, mgrs: pd.DataFrame, plan: pd.DataFrame,
             cards: pd.DataFrame, client_ids: np.ndarray, share: np.ndarray,
             region_share: pd.Series) -> pd.DataFrame:
    """The targets table from the actuals (see :func:`kbcore.demo.bg.market.targets_table`)."""
    pidx = pd.Series(np.arange(len(products)), index=products[C.product_id].to_numpy())
    prod = pidx.reindex(sales[C.product_id].to_numpy(dtype=object)).to_numpy()
    year = cal.day_year[s_day]
    facts = pd.DataFrame({
        "year": year, C.manager: sales[C.manager].to_numpy(dtype=object),
        C.business_line: products[C.business_line].to_numpy()[prod],
        C.category: products[C.category].to_numpy()[prod],
        "is_target": products[C.is_target].to_numpy(dtype=bool)[prod],
        C.revenue: sales[C.revenue].to_numpy(), C.quantity: sales[C.quantity].to_numpy(),
    })
    months = []
    for m in mgrs.itertuples():
        per = {}
        for y in cal.year_list:
            lo = int(np.searchsorted(cal.day_year, y))
            hi = lo + 365
            # a manager still with us is employed to the year's end, not to the data's last day:
            # a yearly target covers the whole year, also the one the data ends in
            until = hi if m.left >= cal.n_days else min(hi, m.left)
            per[int(y)] = max(0.0, (until - max(lo, m.hired)) / 365 * 12)
        months.append(per)
    managers = pd.DataFrame({"name": mgrs["name"], "months": months})
    ship = sales[C.quantity].to_numpy() > 0
    n = len(plan)
    first = np.full(n, cal.n_days, dtype=np.int64)
    np.minimum.at(first, s_client[ship], s_day[ship])
    new = plan["new"].to_numpy() & (first < cal.n_days)
    fy = cal.day_year[np.minimum(first, cal.n_days - 1)]
    fm = np.where(first < plan["switch"].to_numpy(), plan["m1"], plan["m2"])
    new_clients = pd.DataFrame({"year": fy[new], "manager": mgrs["name"].to_numpy()[fm[new]]})
    new_clients = new_clients.groupby(["year", "manager"]).size().rename("n").reset_index()
    # class-A key clients: key accounts in the A class of 2025 revenue (80 % of it)
    rev = sales[C.revenue].to_numpy()
    r24 = np.bincount(s_client[year == 2024], weights=rev[year == 2024], minlength=n)
    r25 = np.bincount(s_client[year == 2025], weights=rev[year == 2025], minlength=n)
    order = np.argsort(-r25, kind="stable")
    cum = np.cumsum(r25[order]) / r25.sum()
    a_class = np.zeros(n, dtype=bool)
    a_class[order[cum - r25[order] / r25.sum() < 0.8]] = True
    ka = np.flatnonzero(plan["key"].to_numpy() & a_class & (r24 > 0))
    cat = products["cat"].to_numpy()[prod]

    def classes(y):
        m = (year == y) & ship
        pairs = np.unique(s_client[m] * 100 + cat[m])
        return np.bincount(pairs // 100, minlength=n)

    c24, c25 = classes(2024), classes(2025)
    key_clients = pd.DataFrame({"client_id": client_ids[ka], "revenue_2024": r24[ka],
                                "revenue_2025": r25[ka], "share": share[ka],
                                "classes_2024": c24[ka], "classes_2025": c25[ka]})
    return targets_table(rng, [int(y) for y in cal.year_list], facts, managers, region_share,
                         key_clients, new_clients)


def _with_quarters(rng, cal: Timeline, targets: pd.DataFrame, sales: pd.DataFrame, s_day,
                   s_client, products: pd.DataFrame, mgrs: pd.DataFrame, plan: pd.DataFrame,
                   cards: pd.DataFrame, wf_days: np.ndarray) -> pd.DataFrame:
    """The targets with each manager's quarterly targets of 2024–2025 (truth 8).

    The quarterly ``revenue`` and ``target_products_revenue`` targets of
    :func:`~kbcore.demo.bg.team.quarterly_targets`; a manager's yearly revenue target of 2024
    and 2025 becomes the sum of its quarters (the budget is the quarterly plan added up).
    """
    is_t = sales[C.product_id].map(products.set_index(C.product_id)[C.is_target]).to_numpy(bool)
    rev = sales[C.revenue].to_numpy()
    wf_client = np.flatnonzero(plan["group"].to_numpy() == "windfall")
    windfall = (np.isin(s_client, wf_client) & np.isin(s_day, wf_days)
                & (sales[C.quantity].to_numpy() > 0))
    facts = pd.DataFrame({"day": s_day, C.manager: sales[C.manager].to_numpy(dtype=object),
                          C.revenue: rev, "tp": np.where(is_t, rev, 0.0), "windfall": windfall})
    potential = cards.groupby(cards[C.manager].astype(object))[C.potential].sum()
    q = quarterly_targets(rng, cal, facts, mgrs, potential)
    if q.empty:
        return targets
    q = q.assign(year=q[C.period].str[:4])
    sums = q[q[C.kpi] == "revenue"].groupby([C.manager, "year"])[C.target].sum()
    t = targets.copy()
    for (name, year), value in sums.items():
        m = ((t[C.manager] == name) & (t[C.period] == year) & (t[C.kpi] == "revenue")).to_numpy(
            dtype=bool)
        t.loc[m, C.target] = float(value)
    q = q.drop(columns="year")
    for c in t.columns:
        if c not in q:
            q[c] = None
    return pd.concat([t, q[t.columns]], ignore_index=True)

r"""The demo company: a seeded, realistic training company for every block of the workbook.

ООО «Техснаб-Регион» (Yekaterinburg) is a B2B distributor of industrial and construction
consumables — fasteners, abrasives, tools, PPE, welding materials, construction chemicals,
paints, electrical goods, rolled metal and insulation — selling to installers and small
businesses, construction firms, industrial plants, wholesalers and retail chains in ten
Russian regions. :func:`generate` builds five years of its history as canonical tables
(:mod:`kbcore.schema`); :func:`kbcore.demo.files.write` stores them as the files of
``data/demo/``.

One job: putting the company together — the draws of every part of it
(:mod:`~kbcore.demo.products`, :mod:`~kbcore.demo.clients`, :mod:`~kbcore.demo.sales`,
:mod:`~kbcore.demo.calibration`, :mod:`~kbcore.demo.cards`, :mod:`~kbcore.demo.optional`), in
one fixed order from one random stream, then the key-account layer
(:mod:`~kbcore.demo.accounts`) from a stream of its own, into canonical tables.

The company is built so that the seminar's story can be found in its data (each planted
truth is documented with its measured numbers in ``data/demo/README.md`` and asserted by
``tests/test_demo.py``):

1. revenue grows every year while profit after cost to serve stays flat;
2. about fifty large clients won in tenders with deep discounts (≥ 15 %) bring a large share
   of revenue and a loss once cost to serve is counted;
3. the whale curve: the most profitable 20 % of clients earn well over 100 % of the profit;
4. about a third of new clients never order a second time, with clear differences by
   acquisition channel;
5. some key clients depend on a single contact person;
6. lost clients pile up year after year (block 2's stages);
7. key-account flags that need a review (lost or declining key accounts, unflagged clients
   that fit the profile); 8. key accounts that lose money; 9. our people beyond the managers
   (``staff``), initiators and approvers, the contact each CRM record names;
10. the single-threaded key accounts lose about half of their revenue in the last year (planted
    by :mod:`~kbcore.demo.accounts`).

Reproducibility: all randomness of the base company comes from one
``numpy.random.default_rng(seed)`` and, for person names only, one ``Faker("ru_RU")`` seeded
with ``seed_instance(seed)``; the key-account layer has its own ``default_rng([seed, 7])`` and
Faker (``seed + 7``), so adding it left the base draws as they were; nothing depends on the
clock. The same arguments give the same tables, and :func:`kbcore.demo.files.write`
gives the same bytes (fixed number formats, ``\n`` line ends, gzip with ``mtime=0``). The
order of the draws below is part of the output: changing it changes every file.

All names of companies and people are invented; any resemblance to real ones is coincidental.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.accounts import (
    accounts_names,
    accounts_rng,
    extra_contacts,
    link_contacts,
    planted_drop,
    staff_interactions,
    staff_table,
    thin,
)
from kbcore.demo.calibration import calibrate
from kbcore.demo.cards import clients_table
from kbcore.demo.clients import assign_managers, client_plan, sales_team
from kbcore.demo.company import KINDS
from kbcore.demo.names import Names
from kbcore.demo.optional import (
    contacts_table,
    interactions_table,
    loyalty_table,
    market_table,
    surveys_table,
    targets_table,
)
from kbcore.demo.products import product_table
from kbcore.demo.sales import (
    amounts,
    draw_lines,
    draw_orders,
    pick_returns,
    return_lines,
    sales_table,
)
from kbcore.demo.tables import canonical, coded_strings
from kbcore.demo.timeline import Timeline
from kbcore.schema import C

__all__ = ["generate"]


def generate(*, clients: int = 1500, years: int = 5, seed: int = 2024,
             end="2025-12-31") -> dict[str, pd.DataFrame]:
    """Generate the demo company: every canonical table, seeded and reproducible.

    Parameters
    ----------
    clients : int
        Number of clients (at least 20). 1 500 gives about 130 000 sales lines over 5 years;
        the number of lines grows in proportion (20 000 clients ≈ 1.7 million lines).
    years : int
        Years of history, ending on ``end`` (1–30).
    seed : int
        Seed of ``numpy.random.default_rng`` and of Faker's ``seed_instance``.
    end : date-like
        The last day of the history (default 2025-12-31).

    Returns
    -------
    dict of DataFrame
        ``sales, clients, products, contacts, interactions, surveys, loyalty, targets,
        market, staff`` in canonical form (:mod:`kbcore.schema` column names, id/text as ``string``,
        dates ``datetime64[ns]``, numbers ``float64``, flags ``boolean``). ``sales.attrs``
        holds the generation parameters under ``"kbcore_demo"``.

    Notes
    -----
    How the company is built (money in roubles without VAT):

    * clients: 45 % buy from us before the first day, 3.3 % are *concession clients* (large
      clients won in tenders at discounts of 20–26 %, 45–60 days to pay, frequent small
      deliveries, two or three visits a month), the rest are acquired over the years — more
      every year;
    * a client's yearly purchases = potential × share of wallet; its orders a year grow with
      size ** 0.35 and with a lognormal "service appetite" that also drives its visits (so
      small clients place small orders, and some large ones cost a lot to serve); order dates
      are a Poisson process thinned by a ramp-up after acquisition and the client's own trend;
    * each order has 1 + Poisson lines; categories follow the client's segment mix, products
      their popularity; prices follow the 2025 price list deflated by yearly inflation;
    * ordinary discounts creep up by 0.3 points a year; 2.5 % of shipped lines partly come
      back (returns: negative lines 3–40 days later);
    * a new client never orders again with a probability that depends on its acquisition
      channel (marketplace 56 %, website 45 %, cold calls 36 %, tender 30 %, exhibition
      27 %, referral 13 %);
    * the key-account layer (:mod:`kbcore.demo.accounts`): a staff table, initiators and
      approvers in the buying centres of key accounts and large clients, meetings, calls and
      e-mails of the director, the head of sales, the key-account manager and two specialists
      with the key accounts, a ``contact_id`` on most CRM records of clients with known
      people, and orders of the single-threaded key accounts dropped in the last year (before
      the calibration runs again);
    * calibration (truth 1, see :func:`kbcore.demo.calibration.calibrate`): each year's order
      volume and an extra discount of the ordinary clients are adjusted so that revenue grows
      by ``REVENUE_GROWTH`` a year while profit after cost to serve (block 1's default rates)
      stays at the first year's level ± ``PROFIT_WOBBLE``. For the default company the
      factors stay within 0.93–1.0 (volume) and ±1.2 points (discount); they are recorded in
      ``sales.attrs["kbcore_demo"]["calibration"]`` and in ``manifest.json``.

    The planted truths and their numbers are in ``data/demo/README.md``.
    """
    if clients < 20:
        raise ValueError(f"clients must be at least 20, not {clients}")
    if not 1 <= years <= 30:
        raise ValueError(f"years must be between 1 and 30, not {years}")
    rng = np.random.default_rng(seed)
    people = Names(seed)
    cal = Timeline(years, end)
    # The order of the calls below is the order of the draws: keep it.
    products = product_table(rng)
    mgrs = sales_team(people, cal)
    plan = assign_managers(rng, cal, client_plan(rng, cal, int(clients)), mgrs)
    client_ids = np.array([f"{i + 1:06d}" for i in range(len(plan))], dtype=object)
    orders = draw_orders(rng, cal, plan)
    base_lines = draw_lines(rng, cal, plan, orders, products)
    picks = pick_returns(rng, cal, base_lines)
    mgr_names = mgrs["name"].tolist()
    inter, i_client, i_day, i_kind = interactions_table(rng, cal, plan, mgr_names, client_ids)
    is_visit = i_kind == KINDS.index("visit")
    volume, extra = calibrate(cal, plan, base_lines, picks, i_client[is_visit], i_day[is_visit])
    lines = amounts(cal, base_lines, volume, extra)
    returns = return_lines(lines, picks)
    sales, s_day, s_client, s_mgr = sales_table(cal, plan, lines, returns, products, mgr_names,
                                                client_ids)
    del returns
    first_day, last_day = _first_and_last_shipment(sales, s_day, s_client, len(plan), cal.n_days)
    clients_df, _, _ = clients_table(rng, people, cal, plan, mgrs, client_ids, first_day, last_day)
    contacts, count = contacts_table(rng, people, cal, plan, clients_df, i_day, i_client)

    # the key-account layer (kbcore.demo.accounts), from a random stream of its own
    krng, knames = accounts_rng(seed), accounts_names(seed)
    staff, who = staff_table(krng, knames, cal, mgrs)
    last_int = np.full(len(plan), -1, dtype=np.int64)
    np.maximum.at(last_int, i_client, i_day)
    contacts, role_key = extra_contacts(krng, knames, cal, plan, clients_df, contacts, count,
                                        last_int)
    keep, _planted = planted_drop(krng, cal, plan, lines, count)
    del lines
    if not keep.all():
        # the single-threaded key accounts lose orders in the last year; the calibration runs
        # again on what is left (only the last year's factors change: each year is solved on
        # its own lines), so truth 1 keeps its path
        base_lines, picks = thin(base_lines, picks, keep)
        volume, extra = calibrate(cal, plan, base_lines, picks, i_client[is_visit],
                                  i_day[is_visit])
        lines = amounts(cal, base_lines, volume, extra)
        returns = return_lines(lines, picks)
        del sales
        sales, s_day, s_client, s_mgr = sales_table(cal, plan, lines, returns, products,
                                                    mgr_names, client_ids)
        del lines, returns
    del base_lines
    inter = _with_staff_and_contacts(krng, cal, plan, inter, i_client, i_day, i_kind, who,
                                     contacts, role_key, client_ids)
    surveys = surveys_table(rng, cal, plan, s_day, s_client, client_ids)
    loyalty = loyalty_table(rng, cal, plan, sales, s_day, s_client, client_ids)
    targets = targets_table(rng, cal, mgrs, sales, s_day, s_mgr, s_client, plan)
    market = market_table(rng, plan)
    products = products.drop(columns=["cat"])

    tables = {
        "sales": canonical(sales, "sales"),
        "clients": canonical(clients_df, "clients"),
        "products": canonical(products, "products"),
        "contacts": canonical(contacts, "contacts"),
        "interactions": canonical(inter, "interactions"),
        "surveys": canonical(surveys, "surveys"),
        "loyalty": canonical(loyalty, "loyalty"),
        "targets": canonical(targets, "targets"),
        "market": canonical(market, "market"),
        "staff": canonical(staff, "staff"),
    }
    tables["sales"].attrs["kbcore_demo"] = {
        "clients": int(clients), "years": int(years), "seed": int(seed),
        "end": str(cal.end.date()), "start": str(cal.start.date()),
        "calibration": {
            str(y): {"volume": round(float(v), 4), "extra_discount": round(float(e), 4)}
            for y, v, e in zip(cal.year_list, volume, extra, strict=True)
        },
    }
    return tables


def _with_staff_and_contacts(rng, cal: Timeline, plan: pd.DataFrame, inter: pd.DataFrame,
                             i_client: np.ndarray, i_day: np.ndarray, i_kind: np.ndarray,
                             who: pd.DataFrame, contacts: pd.DataFrame, role_key: np.ndarray,
                             client_ids: np.ndarray) -> pd.DataFrame:
    """The managers' interactions, our other people's records added, each with its contact."""
    add = staff_interactions(rng, cal, plan, who, i_client, i_day)
    nb = len(inter)
    client = np.concatenate([i_client, add["client"]])
    day = np.concatenate([i_day, add["day"]])
    kind = np.concatenate([i_kind, add["kind"]])
    by = np.concatenate([np.full(nb, "", dtype=object), add["by"]])
    o = np.lexsort((kind, client, day))  # stable: the managers' records keep their order
    contact = link_contacts(rng, cal, client[o], day[o], kind[o], by[o], contacts, role_key,
                            client_ids)

    def col(base: pd.Series, extra: np.ndarray) -> pd.Series:
        both = np.concatenate([base.astype(object).where(base.notna(), None).to_numpy(), extra])
        return pd.Series(pd.array(both[o], dtype="string"))

    return pd.DataFrame({
        C.date: cal.dates(day[o]),
        C.client_id: coded_strings(client[o], client_ids),
        C.manager: col(inter[C.manager], add["person"]),
        C.kind: coded_strings(kind[o], KINDS),
        C.outcome: col(inter[C.outcome], add["outcome"]),
        C.note: col(inter[C.note], add["note"]),
        C.contact_id: pd.Series(pd.array(contact, dtype="string")),
    })


def _first_and_last_shipment(sales: pd.DataFrame, day: np.ndarray, client: np.ndarray, n: int,
                             n_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Each client's first and last shipment day (``n_days`` and -1 when it never bought)."""
    ship = sales[C.revenue].to_numpy() > 0
    first_day = np.full(n, n_days, dtype=np.int64)
    last_day = np.full(n, -1, dtype=np.int64)
    np.minimum.at(first_day, client[ship], day[ship])
    np.maximum.at(last_day, client[ship], day[ship])
    return first_day, last_day

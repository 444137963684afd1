"""A demo company's profile: what the shared generator machinery needs to know about a company.

One job: the :class:`Profile` object that parameterises the shared parts of the generator
(:mod:`~kbcore.demo.timeline`, :mod:`~kbcore.demo.clients`, :mod:`~kbcore.demo.sales`,
:mod:`~kbcore.demo.optional`, :mod:`~kbcore.demo.accounts`, :mod:`~kbcore.demo.tables`,
:mod:`~kbcore.demo.files`), and :data:`RU`, the profile of the Russian company
(ООО «Техснаб-Регион», ``data/demo``) built from the constants of :mod:`kbcore.demo.company`.
Every shared function takes ``profile=RU`` by default, so the Russian company's files do not
depend on any other company existing; the Bulgarian company (:mod:`kbcore.demo.bg`) passes its
own profile. Nothing here draws a random number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kbcore.demo import company as ru

__all__ = ["Profile", "RU"]


@dataclass(frozen=True)
class Profile:
    """The company-specific constants of the shared generator machinery.

    Attributes
    ----------
    key, company : str
        The profile's id (``"ru"``, ``"bg"``) and the company's legal name (in the manifest).
    files, columns : dict
        File name of each table (:data:`kbcore.demo.files.FILES`) and the canonical columns of
        each table in file order (:data:`kbcore.demo.tables.COLUMNS`).
    holidays : callable
        ``holidays(year) -> list[Timestamp]``: the public holidays (non-working days).
    inflation, default_inflation
        Yearly price inflation by year (the last year's price list = 1.0).
    managers, kam, replacement
        The sales team (regions covered, hired and left as a share of the window, female?),
        the index of the key-account manager, and who takes over a leaving manager's clients.
    segments, concession_mix, n_categories
        The client segments (:class:`~kbcore.demo.company.Segment`), the category mix of the
        concession clients, and the number of product categories.
    channels, website, marketplace, sales_channels
        Acquisition channels, the names of the web and marketplace channels among them, and the
        sales channels an order comes through (web shop, marketplace: indices 1 and 2).
    doc_prefixes : (str, str)
        Prefixes of the shipment and the return documents.
    discount_creep, cost_squeeze, conc_floor, return_share : float
        Economics of the order lines (see :mod:`kbcore.demo.sales`).
    notes, positions : dict
        CRM notes by kind of interaction; positions of contacts by buying role.
    contact_sizes : (float, float)
        Yearly purchases from which a client has a large (3–6 contacts) or a mid-size (1–3)
        buying centre; the first is also where occasional meetings start.
    staff, staff_roles, manager_pay, kam_pay, pay_round, manager_tenure
        Our people beyond the sales managers, role and team of the managers, their pay
        (drawn in ``manager_pay``, rounded to ``pay_round``) and tenure before the window.
    loyalty_segments, loyalty_open, loyalty_point, loyalty_tiers
        Segment keys eligible for the loyalty programme, when it opens (share of the window),
        money per point, and the yearly purchases of the silver, gold and platinum tiers.
    """

    key: str
    company: str
    files: dict
    columns: dict
    holidays: Callable
    inflation: dict
    default_inflation: float
    managers: list
    kam: int
    replacement: dict
    segments: list
    concession_mix: tuple
    n_categories: int
    channels: list
    website: str
    marketplace: str
    sales_channels: list
    doc_prefixes: tuple = ("РН", "ВЗ")
    discount_creep: float = ru.DISCOUNT_CREEP
    cost_squeeze: float = ru.COST_SQUEEZE
    conc_floor: float = ru.CONC_FLOOR
    return_share: float = ru.RETURN_SHARE
    notes: dict = field(default_factory=lambda: ru.NOTES)
    positions: dict = field(default_factory=lambda: ru.POSITIONS)
    contact_sizes: tuple = (5e6, 1e6)
    staff: list = field(default_factory=lambda: ru.STAFF)
    staff_roles: dict = field(default_factory=lambda: ru.STAFF_ROLES)
    manager_pay: tuple = ru.MANAGER_PAY
    kam_pay: float = ru.KAM_PAY
    pay_round: float = 1000.0
    manager_tenure: tuple = ru.MANAGER_TENURE
    loyalty_segments: tuple = ("installers", "construction", "wholesale")
    loyalty_open: float = 0.25
    loyalty_point: float = 100.0
    loyalty_tiers: tuple = (3e5, 1e6, 3e6)


def _ru_profile() -> Profile:
    from kbcore.demo.files import FILES
    from kbcore.demo.tables import COLUMNS
    from kbcore.demo.timeline import holidays

    return Profile(
        key="ru", company=ru.COMPANY, files=FILES, columns=COLUMNS, holidays=holidays,
        inflation=ru.INFLATION, default_inflation=ru.DEFAULT_INFLATION,
        managers=ru.MANAGERS, kam=ru.KAM, replacement=ru.REPLACEMENT,
        segments=ru.SEGMENTS, concession_mix=ru.CONCESSION_MIX,
        n_categories=len(ru.CATEGORIES), channels=ru.CHANNELS, website=ru.WEBSITE,
        marketplace=ru.MARKETPLACE, sales_channels=ru.SALES_CHANNELS,
    )


RU = _ru_profile()
"""The Russian demo company's profile (``data/demo``): the defaults of every shared function."""

"""The demo company's client cards: the clients table.

One job: what a CRM or 1C knows about each client — legal name, tax ID, segment, industry,
region, city, address, phone, e-mail, decision maker, manager, size, acquisition channel, date
created, key-account flag, potential, payment terms and status — with the gaps real cards have
(never in the key or concession clients' finance fields). How the clients buy is
:mod:`kbcore.demo.clients`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.demo.company import CHANNELS, REGIONS, SEGMENTS
from kbcore.demo.draws import choice
from kbcore.demo.names import STREETS, Names, company_names, tax_ids, translit
from kbcore.demo.timeline import Timeline
from kbcore.schema import C


def clients_table(rng: np.random.Generator, people: Names, cal: Timeline, plan: pd.DataFrame,
                  mgrs: pd.DataFrame, client_ids: np.ndarray, first_day: np.ndarray,
                  last_day: np.ndarray) -> tuple[pd.DataFrame, list, list]:
    """The clients table (canonical columns) and, per client, the decision maker and the owner.

    Parameters
    ----------
    rng, people, cal : the random stream, the person names and the calendar.
    plan : the clients' economics with their managers (:mod:`kbcore.demo.clients`).
    mgrs : the sales team.
    client_ids : the clients' codes.
    first_day, last_day : each client's first and last shipment (day numbers; ``n_days`` and
        -1 when it never bought).
    """
    n = len(plan)
    seg = plan["seg"].to_numpy()
    seg_key = np.array([s.key for s in SEGMENTS])[seg]
    person = (seg_key == "installers") & (rng.random(n) < 0.55) & ~plan["key"].to_numpy()
    names, roots, owners = company_names(rng, people, plan, person)
    region = plan["region"].to_numpy()
    inn = tax_ids(rng, np.array([REGIONS[r][1] for r in region]), person)
    city, phone_code, address = _addresses(rng, region)
    phones = _phones(rng, person, phone_code)
    emails = _emails(rng, person, roots, region)

    # decision maker named on the card
    dm = [owners[i] if person[i] else people.full(bool(rng.random() < 0.25))
          for i in range(n)]

    created = np.where(plan["kind"].to_numpy() == "existing",
                       -rng.integers(60, 365 * 12, n),
                       plan["a"].to_numpy() - rng.integers(0, 45, n))
    created = np.minimum(created, first_day)
    potential = np.round(plan["potential"].to_numpy() / 10_000) * 10_000

    mgr_names = mgrs["name"].to_numpy()
    current = np.where(plan["switch"].to_numpy() <= cal.n_days, plan["m2"], plan["m1"])
    status = np.where(last_day >= cal.n_days - 180, "активный", "неактивный")
    stale = rng.random(n) < 0.06
    status = np.where(stale & (status == "неактивный"), "активный", status)
    size = np.where(plan["potential"] >= 8e6, "крупный",
                    np.where(plan["potential"] >= 1.5e6, "средний", "малый"))
    industry = [SEGMENTS[s].industries[int(rng.integers(len(SEGMENTS[s].industries)))]
                for s in seg]
    chan = np.asarray(CHANNELS, dtype=object)[plan["chan"].to_numpy()]
    key = plan["key"].to_numpy()

    df = pd.DataFrame({
        C.client_id: client_ids,
        C.name: names,
        C.tax_id: inn,
        C.segment: np.array([s.name for s in SEGMENTS], dtype=object)[seg],
        C.industry: industry,
        C.region: [REGIONS[r][0] for r in region],
        C.city: city,
        C.address: address,
        C.phone: phones,
        C.email: emails,
        C.decision_maker: dm,
        C.manager: mgr_names[current],
        C.size: size,
        C.acquisition_channel: chan,
        C.created: cal.dates(created),
        C.key_account: key,
        C.potential: potential,
        C.payment_terms_days: plan["terms"].to_numpy(dtype="float64"),
        C.status: status,
    })
    _blank_gaps(rng, df, plan, person)
    return df, dm, owners


def _addresses(rng: np.random.Generator, region: np.ndarray) -> tuple[list, list, list]:
    """Each client's city (by the region's city weights), phone code and street address."""
    n = len(region)
    city, phone_code = [], []
    for r in region:
        cities = REGIONS[r][2]
        j = int(choice(rng, [c[2] for c in cities], 1)[0])
        city.append(cities[j][0])
        phone_code.append(cities[j][1])
    street = np.asarray(STREETS, dtype=object)[rng.integers(0, len(STREETS), n)]
    house = rng.integers(1, 120, n)
    address = [f"г. {c}, ул. {s}, д. {h}" + (f", оф. {o}" if o else "")
               for c, s, h, o in zip(city, street, house,
                                     np.where(rng.random(n) < 0.5, rng.integers(1, 400, n), 0),
                                     strict=True)]
    return city, phone_code, address


def _phones(rng: np.random.Generator, person: np.ndarray, phone_code: list) -> list[str]:
    """A landline in the city's code, or a mobile (sole traders and one client in ten)."""
    phones = []
    for i in range(len(person)):
        digits = 10 - len(phone_code[i])
        if person[i] or rng.random() < 0.1:
            num = f"{int(rng.integers(0, 10**7)):07d}"
            phones.append(f"+7 ({900 + int(rng.integers(0, 99))}) {num[:3]}-{num[3:5]}-{num[5:]}")
        else:
            num = f"{int(rng.integers(2 * 10 ** (digits - 1), 10**digits)):0{digits}d}"
            phones.append(f"+7 ({phone_code[i]}) {num[:-4]}-{num[-4:-2]}-{num[-2:]}")
    return phones


def _emails(rng: np.random.Generator, person: np.ndarray, roots: list,
            region: np.ndarray) -> list[str]:
    """An office mailbox on the company's own domain, or a sole trader's personal address."""
    emails = []
    for i in range(len(person)):
        words = roots[i].split("-")[0].split()
        slug = (translit(words[0]) if len(words) == 1
                else "".join(translit(w)[0] for w in words) + f"-{REGIONS[region[i]][1]:02d}")
        if person[i]:
            emails.append(f"{slug}{int(rng.integers(1, 99))}@{['mail.ru', 'yandex.ru'][int(rng.integers(2))]}")
        else:
            box = ["info", "zakaz", "snab", "office"][int(rng.integers(4))]
            emails.append(f"{box}@{slug}.ru")
    return emails


def _blank_gaps(rng: np.random.Generator, df: pd.DataFrame, plan: pd.DataFrame,
                person: np.ndarray) -> None:
    """Realistic gaps in the cards.

    In place (never in the key or concession clients' finance fields).
    """
    n = len(plan)
    key = plan["key"].to_numpy()
    conc = plan["conc"].to_numpy()
    small = ~key & ~conc

    def blank(col, p, where=None):
        m = rng.random(n) < p
        if where is not None:
            m &= where
        df.loc[m, col] = None

    blank(C.phone, 0.12)
    blank(C.email, 0.20)
    blank(C.decision_maker, 0.35)
    blank(C.segment, 0.08, small)
    blank(C.industry, 0.15, small)
    blank(C.address, 0.05)
    blank(C.tax_id, 0.01, small & ~person)
    blank(C.potential, 0.30, small & (plan["potential"].to_numpy() < 3e6))
    blank(C.acquisition_channel, 0.15, plan["kind"].to_numpy() == "existing")

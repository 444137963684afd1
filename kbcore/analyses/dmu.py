"""Block 10 · The decision making unit (DMU, «закупочный центр») of each key account.

The seminar's block 10 («Работа с ключевыми клиентами») asks who decides on the cooperation
(the DMU), at which level we are in touch with it, which buying roles the client's people play
and how strong our contacts with each of them are (the contact matrix, «матрица контактов»).
This module is the data side of that block:

* :func:`dmu_coverage` — per account: which buying roles we know a person for, how many
  people, the highest level reached, attitudes, how fresh the contacts are, and gap ids;
* :func:`contact_matrix` — the client's people × our people: interactions, last date,
  strength and the owner of each relationship (with a staff table, our person's role:
  manager, key-account manager, head of sales, director, specialist);
* :func:`buy_class` — the buy class of each account read from its purchases (new task,
  modified rebuy, straight rebuy) and :data:`BUY_CLASS_DMU`, how the DMU differs per class;
* :func:`dmu_actions` / :func:`next_dmu_action` — the DMU actions per account, ranked.

Vocabularies
------------
Companies write roles, attitudes and levels in their own words ("ЛПР", "decision_maker",
"Пользователь", "положительное"). A value is normalised — lower case, ё → е, punctuation
dropped, "_", "-" and repeated spaces turned into one space — and looked up in
:data:`ROLE_ALIASES`, :data:`ATTITUDE_ALIASES` or :data:`LEVEL_ALIASES`; a non-empty value
that is not there becomes ``"unknown"`` (and is listed in the result's
``attrs["unknown_values"]`` so the table can be extended); an empty value stays missing.
A ``buying_role`` may hold several roles separated by ``/ , ; + |`` ("ЛПР / пользователь").

Honest figures
--------------
A flag that needs a column the company did not provide is missing (``<NA>``), never False:
without ``buying_role`` nobody can say the decider is missing. Every result carries
``attrs["missing"]``: ids of the tables/columns that were absent (``"contacts"``,
``"contacts.buying_role"``, ``"interactions.contact_id"`` …).

Source: the buying centre and its roles (user, influencer, buyer, decider, gatekeeper):
F. E. Webster, Y. Wind, "A general model for understanding organizational buying behavior",
*Journal of Marketing* 36(2), 1972; initiator and approver: T. V. Bonoma, "Major sales: who
really does the buying?", *Harvard Business Review* 60(3), 1982, and P. Kotler, *Marketing
Management*; buy classes: P. J. Robinson, C. W. Faris, Y. Wind, *Industrial Buying and Creative
Marketing*, Allyn & Bacon 1967; multi-threaded key-account relationships: M. McDonald,
B. Rogers, *Key Account Management*, Butterworth-Heinemann 1998. Thresholds, the level ladder,
the strength bins and the action order are our reading (the seminar's own model is unpublished).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.analyses._window import months_back
from kbcore.facts import Facts
from kbcore.schema import C

__all__ = [
    "ROLES",
    "ROLE_ALIASES",
    "ATTITUDES",
    "ATTITUDE_ALIASES",
    "LEVELS",
    "LEVEL_LADDER",
    "LEVEL_ALIASES",
    "POSITION_LEVEL_HINTS",
    "UNKNOWN",
    "GAPS",
    "COVERAGE_COLUMNS",
    "FACE_TO_FACE_KINDS",
    "MATRIX_COLUMNS",
    "STAFF_ROLES",
    "STAFF_ROLE_ALIASES",
    "BUY_CLASSES",
    "BUY_CLASS_COLUMNS",
    "BUY_CLASS_DMU",
    "ACTIONS",
    "GAP_ACTIONS",
    "ACTION_ORDER",
    "ACTION_COLUMNS",
    "canonical",
    "roles_of",
    "ROLE_SEPARATORS",
    "dmu_coverage",
    "contact_matrix",
    "buy_class",
    "dmu_actions",
    "next_dmu_action",
]

UNKNOWN = "unknown"
"""The canonical id of a non-empty value that no alias table knows."""

# --------------------------------------------------------------------------- vocabularies
ROLES = ("initiator", "user", "influencer", "buyer", "decider", "approver", "gatekeeper")
"""Buying-centre roles (catalogue ``dmu.role.<id>``): Webster & Wind 1972's five (user,
influencer, buyer, decider, gatekeeper) plus initiator and approver (Bonoma 1982; Kotler)."""

ROLE_ALIASES: dict[str, str] = {
    # decider
    "decider": "decider", "decision maker": "decider", "dm": "decider",
    "decision making": "decider", "лпр": "decider", "лицо принимающее решение": "decider",
    "принимающий решение": "decider", "принимает решение": "decider",
    "лицо принимающее решения": "decider",
    # influencer
    "influencer": "influencer", "specifier": "influencer", "advisor": "influencer",
    "adviser": "influencer", "expert": "influencer", "technical expert": "influencer",
    "лвр": "influencer", "лицо влияющее на решение": "influencer", "влияющий": "influencer",
    "влияет на решение": "influencer", "влиятель": "influencer", "эксперт": "influencer",
    "технический эксперт": "influencer", "советник": "influencer", "консультант": "influencer",
    # buyer
    "buyer": "buyer", "purchaser": "buyer", "procurement": "buyer", "purchasing": "buyer",
    "закупщик": "buyer", "покупатель": "buyer", "снабженец": "buyer", "снабжение": "buyer",
    "закупки": "buyer", "закупка": "buyer", "лоз": "buyer",
    "лицо осуществляющее закупку": "buyer",
    # user
    "user": "user", "end user": "user", "пользователь": "user",
    "конечный пользователь": "user", "потребитель": "user", "эксплуатант": "user",
    # gatekeeper
    "gatekeeper": "gatekeeper", "gate keeper": "gatekeeper", "secretary": "gatekeeper",
    "assistant": "gatekeeper", "привратник": "gatekeeper", "секретарь": "gatekeeper",
    "фильтр": "gatekeeper", "помощник": "gatekeeper", "ассистент": "gatekeeper",
    # initiator
    "initiator": "initiator", "инициатор": "initiator", "инициатор закупки": "initiator",
    "инициатор покупки": "initiator",
    # approver
    "approver": "approver", "утверждающий": "approver", "согласующий": "approver",
    "утверждает": "approver", "согласует": "approver", "лур": "approver",
    "лицо утверждающее решение": "approver",
}
"""Normalised raw ``buying_role`` value → role id (our table of ru/en CRM wordings; the demo
writes decision_maker, buyer, influencer, user, gatekeeper)."""

ATTITUDES = ("champion", "neutral", "blocker")
"""Attitude ids toward us (catalogue ``dmu.attitude.<id>``)."""

ATTITUDE_ALIASES: dict[str, str] = {
    "champion": "champion", "positive": "champion", "supporter": "champion",
    "sponsor": "champion", "advocate": "champion", "coach": "champion", "ally": "champion",
    "friendly": "champion", "сторонник": "champion", "союзник": "champion",
    "лояльный": "champion", "лоялен": "champion", "позитивное": "champion",
    "позитивный": "champion", "положительное": "champion", "положительный": "champion",
    "за нас": "champion", "друг": "champion", "чемпион": "champion",
    "neutral": "neutral", "indifferent": "neutral", "нейтральное": "neutral",
    "нейтральный": "neutral", "нейтрален": "neutral", "нейтрально": "neutral",
    "безразличное": "neutral",
    "blocker": "blocker", "negative": "blocker", "opponent": "blocker", "against": "blocker",
    "hostile": "blocker", "противник": "blocker", "против": "blocker",
    "негативное": "blocker", "негативный": "blocker", "отрицательное": "blocker",
    "отрицательный": "blocker", "блокирует": "blocker", "блокер": "blocker",
    "враждебный": "blocker",
}
"""Normalised raw ``attitude`` value → attitude id (the demo writes positive, neutral,
negative)."""

LEVELS = ("specialist", "head", "director", "owner")
"""Level ids, lowest first (catalogue ``dmu.level.<id>``)."""

LEVEL_LADDER: dict[str, int] = {"specialist": 1, "head": 2, "director": 3, "owner": 4}
"""The contact-level ladder (our reading): 4 owner / CEO (first person) > 3 director (top
management below the first person) > 2 head of department (middle management) > 1 specialist
(operational staff)."""

LEVEL_ALIASES: dict[str, str] = {
    "owner": "owner", "ceo": "owner", "founder": "owner", "president": "owner",
    "shareholder": "owner", "first person": "owner", "собственник": "owner",
    "владелец": "owner", "учредитель": "owner", "генеральный директор": "owner",
    "гендиректор": "owner", "ген директор": "owner", "президент": "owner",
    "первое лицо": "owner",
    "director": "director", "top": "director", "top management": "director",
    "c level": "director", "executive": "director", "vp": "director",
    "vice president": "director", "board": "director", "директор": "director",
    "топ": "director", "топ менеджмент": "director", "топ менеджер": "director",
    "высшее руководство": "director", "высший": "director", "руководство": "director",
    "head": "head", "head of department": "head", "middle": "head",
    "middle management": "head", "начальник отдела": "head", "руководитель отдела": "head",
    "руководитель": "head", "начальник": "head", "среднее звено": "head", "средний": "head",
    "среднее": "head", "заведующий": "head",
    "specialist": "specialist", "operational": "specialist", "staff": "specialist",
    "employee": "specialist", "junior": "specialist", "line": "specialist",
    "специалист": "specialist", "исполнитель": "specialist", "сотрудник": "specialist",
    "линейный": "specialist", "линейный персонал": "specialist",
    "оперативный": "specialist", "рядовой": "specialist",
}
"""Normalised raw ``level`` value → level id (the demo writes top, middle, operational: top
management is ``director`` — an owner or CEO must be named as such)."""

POSITION_LEVEL_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("owner", ("генеральный директор", "гендиректор", "владелец", "собственник", "учредитель",
               "президент", "ceo", "owner", "founder", "president", "managing director")),
    ("director", ("директор", "director", "вице", "chief", "главный инженер",
                  "главный бухгалтер")),
    ("head", ("начальник", "руководитель", "заведующий", "head", "главный")),
    ("specialist", ("специалист", "менеджер", "инженер", "мастер", "прораб", "кладовщик",
                    "секретарь", "помощник", "технолог", "механик", "энергетик", "бухгалтер",
                    "specialist", "engineer", "manager", "assistant", "clerk", "buyer")),
)
"""When ``level`` is empty or unknown, the level read from ``position``: the first group whose
word the normalised position contains (our reading; "Заместитель генерального директора" holds
"директор", not "генеральный директор", so it is a director)."""

GAPS = ("no_contacts", "no_decider", "decider_stale", "blocker_present", "single_threaded")
"""DMU gap ids (catalogue ``dmu.gap.<id>``), each a boolean column of :func:`dmu_coverage`."""

COVERAGE_COLUMNS = [
    C.client_id,
    "contacts",
    *[f"has_{r}" for r in ROLES],
    "roles_covered",
    "highest_level",
    "highest_level_rank",
    *[f"{a}s" for a in ATTITUDES],
    "attitude_unknown",
    "last_contact",
    "days_since_contact",
    "decider_last_contact",
    "days_since_decider",
    *GAPS,
    "gap_count",
]
"""Columns of :func:`dmu_coverage`, in their order."""

FACE_TO_FACE_KINDS = ("visit", "meeting", "визит", "встреча")
"""Values of ``interactions.kind`` (case-insensitive) that are a face-to-face meeting; the
block 1 cost-to-serve counts only ``visit`` (:data:`kbcore.analyses.profitability.VISIT_KINDS`),
for a relationship a meeting in our office counts too (our reading)."""

MATRIX_COLUMNS = [
    C.client_id,
    C.contact_id,
    C.manager,
    "interactions",
    "face_to_face",
    "last_date",
    "days_since_last",
    "last_face_to_face",
    "strength",
    C.owner,
    "is_owner",
    "in_contacts",
]
"""Columns of :func:`contact_matrix`, in their order (``our_role`` follows them when a staff
table is given)."""

STAFF_ROLES = ("manager", "key_account_manager", "head_of_sales", "director", "specialist")
"""Role ids of our people (``staff.role``; catalogue ``dmu.our_role.<id>`` when the block 10
notebook adds its text)."""

STAFF_ROLE_ALIASES: dict[str, str] = {
    # manager
    "manager": "manager", "sales manager": "manager", "account manager": "manager",
    "sales rep": "manager", "sales representative": "manager", "salesperson": "manager",
    "менеджер": "manager", "менеджер по продажам": "manager", "менеджер отдела продаж": "manager",
    "менеджер по работе с клиентами": "manager", "торговый представитель": "manager",
    "региональный менеджер": "manager", "менеджер по сбыту": "manager",
    # key-account manager
    "key account manager": "key_account_manager", "kam": "key_account_manager",
    "key accounts manager": "key_account_manager", "кам": "key_account_manager",
    "менеджер по работе с ключевыми клиентами": "key_account_manager",
    "менеджер по ключевым клиентам": "key_account_manager",
    "менеджер ключевых клиентов": "key_account_manager",
    "ключевой менеджер": "key_account_manager",
    # head of sales
    "head of sales": "head_of_sales", "head of sales department": "head_of_sales",
    "sales team lead": "head_of_sales", "руководитель отдела продаж": "head_of_sales",
    "начальник отдела продаж": "head_of_sales", "роп": "head_of_sales",
    "руководитель продаж": "head_of_sales",
    # director
    "director": "director", "commercial director": "director", "sales director": "director",
    "ceo": "director", "managing director": "director", "general manager": "director",
    "директор": "director", "коммерческий директор": "director",
    "директор по продажам": "director", "генеральный директор": "director",
    "исполнительный директор": "director",
    # specialist
    "specialist": "specialist", "technical specialist": "specialist", "engineer": "specialist",
    "sales engineer": "specialist", "logistics": "specialist", "logistician": "specialist",
    "специалист": "specialist", "технический специалист": "specialist",
    "инженер": "specialist", "сервисный инженер": "specialist", "технолог": "specialist",
    "логист": "specialist", "специалист по логистике": "specialist",
}
"""Normalised raw ``staff.role`` value → our role id (our table of ru/en job titles; the demo
writes the ids themselves)."""

BUY_CLASSES = ("new_task", "modified_rebuy", "straight_rebuy")
"""Buy-class ids (Robinson, Faris & Wind 1967; catalogue ``dmu.buy_class.<id>``)."""

BUY_CLASS_COLUMNS = [
    C.client_id,
    "buy_class",
    "reason",
    "first_date",
    "revenue_12m",
    "revenue_prev_12m",
    "revenue_change",
    "new_assortment_share",
]
"""Columns of :func:`buy_class`, in their order."""

ACTIONS = ("map_dmu", "meet_decider", "refresh_decider", "win_over_blocker",
           "find_second_contact")
"""DMU action ids (catalogue ``dmu.action.<id>``), in the default priority order."""

GAP_ACTIONS: dict[str, str] = {
    "no_contacts": "map_dmu",
    "no_decider": "meet_decider",
    "decider_stale": "refresh_decider",
    "blocker_present": "win_over_blocker",
    "single_threaded": "find_second_contact",
}
"""The action that closes each gap."""

BUY_CLASS_DMU: dict[str, dict[str, object]] = {
    "new_task": {
        "dmu_size": "large",
        "key_roles": ("decider", "influencer", "initiator", "user"),
        "min_contacts": 4,
        "action_order": ("map_dmu", "meet_decider", "win_over_blocker", "refresh_decider",
                         "find_second_contact"),
    },
    "modified_rebuy": {
        "dmu_size": "medium",
        "key_roles": ("decider", "buyer", "influencer", "user"),
        "min_contacts": 3,
        "action_order": ("map_dmu", "meet_decider", "refresh_decider", "win_over_blocker",
                         "find_second_contact"),
    },
    "straight_rebuy": {
        "dmu_size": "small",
        "key_roles": ("buyer", "user", "gatekeeper"),
        "min_contacts": 2,
        "action_order": ("map_dmu", "find_second_contact", "win_over_blocker",
                         "refresh_decider", "meet_decider"),
    },
}
"""How the DMU differs per buy class (ids only).

After Robinson, Faris & Wind 1967 (the buygrid: a new task involves the most people and the
longest search, a straight rebuy is a routine order by purchasing) and Webster & Wind 1972:
``dmu_size`` the relative size of the buying centre, ``key_roles`` the roles that matter most,
``min_contacts`` the people we should know at least, ``action_order`` the order of
:data:`ACTIONS` for :func:`dmu_actions` (in a straight rebuy the risk is a single thread and a
blocker who reopens the account to competitors; in new and modified buys it is the decider).
The numbers are our reading."""

ACTION_ORDER = ACTIONS
"""The action order when the buy class is not known."""

ACTION_COLUMNS = [C.client_id, "action", "priority", "rank", "gap", "evidence", "buy_class"]
"""Columns of :func:`dmu_actions`, in their order."""


# --------------------------------------------------------------------------- helpers
def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _norm(values: pd.Series) -> pd.Series:
    """Lower case, ё → е, punctuation dropped, "_", "-" and runs of spaces → one space."""
    s = values.astype("string").str.lower().str.replace("ё", "е", regex=False)
    s = s.str.replace(r"[.,:;!?()\[\]\"'«»“”]", " ", regex=True)
    s = s.str.replace(r"[\s_\-–—]+", " ", regex=True).str.strip()
    return s.mask(s == "")


def canonical(values: pd.Series, aliases: dict[str, str]) -> pd.Series:
    """The canonical id of each raw value through an alias table.

    ``value → aliases[normalise(value)]``, where normalise = lower case, ё → е, punctuation
    dropped, "_", "-" and repeated spaces → one space, trimmed. An empty or missing value
    stays ``<NA>``; a non-empty value the table lacks becomes :data:`UNKNOWN`.

    Parameters
    ----------
    values : Series
        Raw values (any dtype; compared as text).
    aliases : dict
        :data:`ROLE_ALIASES`, :data:`ATTITUDE_ALIASES`, :data:`LEVEL_ALIASES` or one's own.

    Returns
    -------
    Series
        string dtype, same index.

    Source: our reading.
    """
    norm = _norm(values)
    out = norm.map(aliases).astype("string")
    return out.mask(norm.notna() & out.isna(), UNKNOWN)


ROLE_SEPARATORS = r"[/,;+|]"
"""What separates several roles written in one field ("ЛВР / Пользователь")."""


def roles_of(values: pd.Series) -> pd.DataFrame:
    """Each raw buying-role field split into its roles, each through :data:`ROLE_ALIASES`.

    One row per (field, role): the index of ``values`` repeated, columns ``raw`` (the piece as
    written) and ``role`` (its canonical id; ``<NA>`` for an empty piece, :data:`UNKNOWN` for one
    the table lacks). Block 10's coverage and the portfolio matrix's role count both use it.

    Source: our reading (roles of Webster & Wind 1972, Bonoma 1982).
    """
    raw = values.astype("string").str.split(ROLE_SEPARATORS, regex=True).explode()
    return pd.DataFrame({"raw": raw.astype("string"), "role": canonical(raw, ROLE_ALIASES)})


def _unknown(raw: pd.Series, canon: pd.Series) -> list[str]:
    return sorted(set(raw.loc[(canon == UNKNOWN).fillna(False)].astype(str).str.strip()))


def _account_ids(key_accounts) -> pd.Index | None:
    """Key-account ids as a sorted string Index (None: not given)."""
    if key_accounts is None:
        return None
    if isinstance(key_accounts, pd.DataFrame):
        frame = key_accounts
        if C.key_account in frame.columns:
            flag = frame[C.key_account]
            if flag.dtype == object or pd.api.types.is_string_dtype(flag):
                flag = _norm(flag).isin(["1", "true", "да", "yes", "x", "y", "key"])
            frame = frame.loc[flag.fillna(False).astype(bool)]
        ids = _ids(frame[C.client_id]) if C.client_id in frame.columns else pd.Series(
            dtype="string")
    else:
        ids = _ids(pd.Series(list(key_accounts) if not isinstance(key_accounts, pd.Series)
                             else key_accounts.to_numpy(), dtype="object"))
    ids = ids.dropna()
    return pd.Index(sorted(set(ids[ids != ""])), dtype="string", name=C.client_id)


def _dates(series: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Dates as midnight timestamps; dates after ``as_of`` are not known that day → NaT."""
    d = pd.to_datetime(series, errors="coerce").dt.normalize()
    return d.mask(d > as_of)


def _days(dates: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    return (as_of - dates).dt.days.astype("float64")


def _levels(contacts: pd.DataFrame, unknown: dict) -> pd.Series:
    """Level id per contact: ``level`` through LEVEL_ALIASES, else read from ``position``."""
    level = pd.Series(pd.NA, index=contacts.index, dtype="string")
    if C.level in contacts.columns:
        level = canonical(contacts[C.level], LEVEL_ALIASES)
        unknown[C.level] = _unknown(contacts[C.level], level)
    if C.position in contacts.columns:
        pos = _norm(contacts[C.position]).fillna("")
        hint = pd.Series(pd.NA, index=contacts.index, dtype="string")
        for lvl, words in reversed(POSITION_LEVEL_HINTS):  # the first group wins: apply it last
            hit = pos.str.contains("|".join(words), regex=True)
            hint = hint.mask(hit, lvl)
        level = level.mask(level.isna() | (level == UNKNOWN), hint)
    return level.mask(level == UNKNOWN)


def _empty(columns: list[str], kinds: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=kinds.get(c, "float64")) for c in columns})


# --------------------------------------------------------------------------- coverage
def dmu_coverage(
    contacts: pd.DataFrame | None,
    key_accounts=None,
    *,
    as_of,
    stale_days: int = 180,
    interactions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How well we know each account's buying centre: roles, people, level, attitude, freshness.

    Per account (``a``), over its contacts ``p`` (rows of ``contacts``, one per contact_id)::

        contacts            = |{p}|
        has_<role>          = any p whose buying_role maps to <role>   (ROLES, ROLE_ALIASES)
        roles_covered       = number of the 7 roles with has_<role>
        highest_level_rank  = max LEVEL_LADDER[level(p)]   (1 specialist … 4 owner/CEO)
        champions / neutrals / blockers / attitude_unknown = counts of p by attitude
        last_contact        = max last contact date of p  (≤ as_of)
        decider_last_contact= max last contact date of the deciders
        days_since_*        = as_of − that date, in days

    Gap flags (:data:`GAPS`, nullable booleans)::

        no_contacts      contacts == 0                 (an account in key_accounts without rows)
        no_decider       contacts > 0 and no decider   (or no_contacts)
        single_threaded  contacts == 1
        decider_stale    a decider exists and days_since_decider > stale_days, or no contact
                         date is recorded for any decider; exactly stale_days is not stale
        blocker_present  blockers > 0

    A flag whose column is missing (``buying_role`` for no_decider, ``last_contact`` for
    decider_stale, ``attitude`` for blocker_present) is ``<NA>``; without a contacts table
    every flag is ``<NA>`` (no contacts *recorded* is not no contacts *known*).

    Parameters
    ----------
    contacts : DataFrame or None
        The contacts table (``client_id, contact_id`` and optionally ``buying_role, attitude,
        level, position, last_contact``).
    key_accounts : iterable of ids, Series or DataFrame, optional
        The accounts to report (default: every client that has a contact). A DataFrame gives
        its ``client_id`` column — only the rows flagged ``key_account`` when it has that
        column, so the clients table can be passed as it is. Accounts without contacts then
        appear with ``no_contacts``.
    as_of : date-like
        The analysis date: contact dates after it are ignored (not known that day).
    stale_days : int
        A decider not met for more than this many days is stale (default 180, half a year).
    interactions : DataFrame, optional
        With a ``contact_id`` column (a contact's id, or its name within the client, as in
        :func:`contact_matrix`), the latest interaction with a person (≤ as_of) also counts
        as a last contact.

    Returns
    -------
    DataFrame
        :data:`COVERAGE_COLUMNS`, one row per account, sorted by client_id.
        ``attrs["missing"]``: ids of absent tables/columns; ``attrs["unknown_values"]``:
        column → raw values mapped to "unknown"; ``attrs["stale_days"]``, ``attrs["as_of"]``.

    Source: buying-centre roles Webster & Wind 1972, Bonoma 1982; multi-threading McDonald &
    Rogers 1998; the level ladder, the staleness rule and the gap list are our reading.
    """
    as_of = pd.Timestamp(as_of).normalize()
    accounts = _account_ids(key_accounts)
    missing: list[str] = []
    unknown: dict[str, list[str]] = {}
    has_table = contacts is not None and {C.client_id, C.contact_id} <= set(contacts.columns)
    if not has_table:
        missing.append("contacts")
        ct = pd.DataFrame({C.client_id: pd.Series(dtype="string"),
                           C.contact_id: pd.Series(dtype="string")})
    else:
        ct = contacts.assign(**{C.client_id: _ids(contacts[C.client_id]),
                                C.contact_id: _ids(contacts[C.contact_id])})
        ct = ct.loc[ct[C.client_id].notna() & (ct[C.client_id] != "")]
        ct = ct.drop_duplicates([C.client_id, C.contact_id]).reset_index(drop=True)
        for col in (C.buying_role, C.attitude, C.level, C.last_contact):
            if col not in ct.columns:
                missing.append(f"contacts.{col}")
    if accounts is not None:
        ct = ct.loc[ct[C.client_id].isin(accounts)].reset_index(drop=True)
        index = accounts
    else:
        index = pd.Index(sorted(set(ct[C.client_id])), dtype="string", name=C.client_id)

    has_role = has_table and C.buying_role in ct.columns
    has_att = has_table and C.attitude in ct.columns
    # ------------------------------------------------------------- last contact per person
    last = (_dates(ct[C.last_contact], as_of) if has_table and C.last_contact in ct.columns
            else pd.Series(pd.NaT, index=ct.index, dtype="datetime64[ns]"))
    has_dates = has_table and C.last_contact in ct.columns
    if (has_table and interactions is not None
            and {C.client_id, C.contact_id, C.date} <= set(interactions.columns)):
        ids = _ids(interactions[C.client_id])
        mine = ids.isin(index).to_numpy(dtype=bool)  # only the accounts' records can date their people
        it = pd.DataFrame({C.client_id: ids[mine],
                           C.contact_id: _ids(interactions.loc[mine, C.contact_id]),
                           "d": _dates(interactions.loc[mine, C.date], as_of)})
        it[C.contact_id] = _contact_keys(it, ct)[0]  # an id, or the name of the person
        it = it.dropna()
        met = it.groupby([C.client_id, C.contact_id])["d"].max()
        keys = pd.MultiIndex.from_frame(ct[[C.client_id, C.contact_id]])
        last = pd.concat([last, pd.Series(met.reindex(keys).to_numpy(), index=ct.index)],
                         axis=1).max(axis=1)
        has_dates = True
    ct = ct.assign(_last=last)

    out = pd.DataFrame(index=index)
    cid = ct[C.client_id]
    n = cid.value_counts().reindex(index, fill_value=0).astype("int64")
    out["contacts"] = n
    # ------------------------------------------------------------- roles
    if has_role:
        roles = pd.DataFrame({C.client_id: cid, "_last": ct["_last"]}).join(roles_of(ct[C.buying_role]))
        unknown[C.buying_role] = _unknown(roles["raw"], roles["role"])
        cover = pd.crosstab(roles[C.client_id], roles["role"]) > 0
        cover = cover.reindex(index=index, columns=list(ROLES), fill_value=False)
        for r in ROLES:
            out[f"has_{r}"] = cover[r].astype("boolean")
        out["roles_covered"] = cover.sum(axis=1).astype("int64")
        deciders = roles.loc[roles["role"] == "decider"]
        decider_last = deciders.groupby(C.client_id)["_last"].max().reindex(index)
        has_decider = out["has_decider"].astype(bool)
    else:
        for r in ROLES:
            out[f"has_{r}"] = pd.Series(pd.NA, index=index, dtype="boolean")
        out["roles_covered"] = np.nan
        decider_last = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
        has_decider = pd.Series(False, index=index)
    # ------------------------------------------------------------- level
    level = _levels(ct, unknown) if has_table else pd.Series(dtype="string")
    rank = level.map(LEVEL_LADDER).astype("float64")
    top = rank.groupby(cid).max().reindex(index) if len(ct) else pd.Series(np.nan, index=index)
    out["highest_level"] = top.map({v: k for k, v in LEVEL_LADDER.items()}).astype("string")
    out["highest_level_rank"] = top.astype("float64")
    # ------------------------------------------------------------- attitudes
    if has_att:
        att = canonical(ct[C.attitude], ATTITUDE_ALIASES)
        unknown[C.attitude] = _unknown(ct[C.attitude], att)
        counts = pd.crosstab(cid, att.fillna(UNKNOWN)).reindex(
            index=index, columns=[*ATTITUDES, UNKNOWN], fill_value=0)
        for a in ATTITUDES:
            out[f"{a}s"] = counts[a].astype("int64")
        out["attitude_unknown"] = counts[UNKNOWN].astype("int64")
    else:
        for a in ATTITUDES:
            out[f"{a}s"] = np.nan
        out["attitude_unknown"] = np.nan
    # ------------------------------------------------------------- freshness
    out["last_contact"] = ct.groupby(cid)["_last"].max().reindex(index) if len(ct) else pd.NaT
    out["last_contact"] = out["last_contact"].astype("datetime64[ns]")
    out["days_since_contact"] = _days(out["last_contact"], as_of)
    out["decider_last_contact"] = decider_last.astype("datetime64[ns]")
    out["days_since_decider"] = _days(out["decider_last_contact"], as_of)
    # ------------------------------------------------------------- gaps
    na = pd.Series(pd.NA, index=index, dtype="boolean")
    if has_table:
        none = n == 0
        out["no_contacts"] = none.astype("boolean")
        out["no_decider"] = (none | ~has_decider).astype("boolean") if has_role else na
        stale = has_decider & (out["days_since_decider"].isna()
                               | (out["days_since_decider"] > stale_days))
        out["decider_stale"] = stale.astype("boolean") if has_role and has_dates else na
        out["blocker_present"] = (out["blockers"] > 0).astype("boolean") if has_att else na
        out["single_threaded"] = (n == 1).astype("boolean")
    else:
        for g in GAPS:
            out[g] = na
    out["gap_count"] = out[list(GAPS)].fillna(False).astype("int64").sum(axis=1)
    out = out.reset_index().rename(columns={"index": C.client_id})
    out[C.client_id] = out[C.client_id].astype("string")
    out = out[COVERAGE_COLUMNS].reset_index(drop=True)
    out.attrs.update(missing=missing, unknown_values={k: v for k, v in unknown.items() if v},
                     stale_days=stale_days, as_of=as_of)
    return out


# --------------------------------------------------------------------------- contact matrix
def _contact_keys(it: pd.DataFrame, ct: pd.DataFrame | None) -> tuple[pd.Series, pd.Series]:
    """Interactions' contact ids resolved against the contacts table: (contact_id, in_contacts).

    A value equal to a contact_id of the same client is that contact; otherwise a value equal
    (after normalising) to the name of exactly one contact of the client is that contact (a
    CRM export often writes the person's name); otherwise the value stays as it is.
    """
    raw = _ids(it[C.contact_id]).mask(lambda s: s == "")
    if ct is None or not len(ct):
        return raw, pd.Series(False, index=it.index)
    pairs = pd.MultiIndex.from_frame(ct[[C.client_id, C.contact_id]])
    keys = pd.MultiIndex.from_arrays([it[C.client_id], raw])
    by_id = pd.Series(keys.isin(pairs), index=it.index)
    resolved = raw.copy()
    if C.name in ct.columns:
        names = pd.DataFrame({C.client_id: ct[C.client_id], "n": _norm(ct[C.name]),
                              C.contact_id: ct[C.contact_id]}).dropna()
        names = names.drop_duplicates([C.client_id, "n"], keep=False)
        lookup = names.set_index([C.client_id, "n"])[C.contact_id]
        todo = ~by_id & raw.notna()  # only the values that are not a contact id are names to look up
        hit = pd.Series(pd.NA, index=it.index, dtype="string")
        if todo.any():
            found = lookup.reindex(pd.MultiIndex.from_arrays([it.loc[todo, C.client_id], _norm(raw[todo])]))
            hit[todo] = pd.array(found.to_numpy(), dtype="string")
        use = ~by_id & hit.notna()
        resolved = resolved.mask(use, hit)
        by_id = by_id | use
    return resolved, by_id


def contact_matrix(
    contacts: pd.DataFrame | None,
    interactions: pd.DataFrame | None,
    *,
    as_of,
    window_days: int = 365,
    strength_bins: tuple[int, int, int] = (1, 3, 6),
    visit_days: int = 90,
    face_to_face_kinds: tuple[str, ...] = FACE_TO_FACE_KINDS,
    staff: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The contact matrix: each of the client's people × each of our people who met them.

    Interactions dated in the window — the ``window_days`` days ending on ``as_of``
    (``0 ≤ as_of − date < window_days``) — are counted per (client, contact, our person =
    ``interactions.manager``)::

        interactions      = records in the window;  face_to_face = those of a face-to-face kind
        last_date         = the latest record;       days_since_last = as_of − last_date
        strength          = 3 if interactions ≥ 6 or a face-to-face record less than visit_days
                              days before as_of
                            2 if interactions ≥ 3;  1 if interactions ≥ 1;  0 otherwise
                            (the bins are ``strength_bins``)
        owner             = contacts.owner of the contact when filled, else our person with
                            the most interactions with the contact (then the latest, then by
                            name)

    A contact without any interaction in the window has one row: our person = its owner
    (or ``<NA>``), strength 0 — the people nobody meets stay visible. Records whose contact is
    empty have ``contact_id`` ``<NA>`` (the client-level remainder), so the counts add up to the
    interactions in the window.

    Fallback: without ``interactions.contact_id`` the matrix is client × our person
    (``contact_id`` is ``<NA>`` on every row, the owner is our person with the most
    interactions with the client); ``attrs["level"]`` is ``"client"`` instead of ``"contact"``
    and ``attrs["missing"]`` holds ``"interactions.contact_id"``.

    Parameters
    ----------
    contacts : DataFrame or None
        The contacts table (``client_id, contact_id``; ``owner``, ``name`` optional).
    interactions : DataFrame or None
        The interactions (``date, client_id``; ``manager``, ``kind``, ``contact_id`` optional).
        ``contact_id`` may hold a contact's id or its name (matched within the client).
    as_of : date-like
        The analysis date (the window's last day).
    window_days : int
        Length of the window in days (default 365).
    strength_bins : (int, int, int)
        The interaction counts from which the strength is 1, 2 and 3 (default 1, 3, 6).
    visit_days : int
        A face-to-face record less than this many days old makes the strength 3 (default 90).
    face_to_face_kinds : tuple of str
        ``interactions.kind`` values that are face to face (default :data:`FACE_TO_FACE_KINDS`).
    staff : DataFrame, optional
        Our employees (``person``, ``role``). When given, a column ``our_role`` is added after
        :data:`MATRIX_COLUMNS`::

            our_role = STAFF_ROLE_ALIASES[normalise(staff.role)] of the staff row whose
                       normalise(person) = normalise(manager)

        (normalise as in :func:`canonical`; the first row of a person counts). ``<NA>`` when
        our person is not in the staff table, has no role, or the row has no person; a role the
        table lacks is :data:`UNKNOWN` (listed in ``attrs["unknown_values"]["staff.role"]``).
        Without ``staff.person`` or ``staff.role`` every ``our_role`` is ``<NA>`` and
        ``attrs["missing"]`` holds ``"staff.person"`` / ``"staff.role"``. Without ``staff``
        (None, the default) the column is absent, so the columns stay :data:`MATRIX_COLUMNS`.

    Returns
    -------
    DataFrame
        :data:`MATRIX_COLUMNS` (+ ``our_role`` with ``staff``), sorted by client_id,
        contact_id, strength (strongest first), manager. ``attrs``: ``level`` ("contact" or
        "client"), ``missing``, ``as_of``, ``window_days``; with ``staff`` also
        ``unknown_values``.

    Source: the key-account contact matrix (McDonald & Rogers 1998, "bow-tie" vs "diamond"
    relationships); the strength bins, the owner rule and the role table of our people are our
    reading.
    """
    as_of = pd.Timestamp(as_of).normalize()
    lo1, lo2, lo3 = strength_bins
    missing: list[str] = []
    ct = None
    if contacts is not None and {C.client_id, C.contact_id} <= set(contacts.columns):
        ct = contacts.assign(**{C.client_id: _ids(contacts[C.client_id]),
                                C.contact_id: _ids(contacts[C.contact_id])})
        ct = ct.dropna(subset=[C.client_id, C.contact_id]).drop_duplicates(
            [C.client_id, C.contact_id]).reset_index(drop=True)
    else:
        missing.append("contacts")
    has_it = interactions is not None and {C.client_id, C.date} <= set(interactions.columns)
    if not has_it:
        missing.append("interactions")
    by_contact = has_it and C.contact_id in interactions.columns
    if has_it and not by_contact:
        missing.append("interactions.contact_id")
    if has_it and C.manager not in interactions.columns:
        missing.append("interactions.manager")
    level = "contact" if by_contact or not has_it else "client"

    if has_it:
        it = interactions.assign(**{C.client_id: _ids(interactions[C.client_id])})
        it = it.assign(_d=pd.to_datetime(it[C.date], errors="coerce").dt.normalize())
        age = (as_of - it["_d"]).dt.days
        it = it.loc[(age >= 0) & (age < window_days) & it[C.client_id].notna()]
        kinds = {k.casefold() for k in face_to_face_kinds}
        f2f = (it[C.kind].astype("string").str.strip().str.casefold().isin(kinds).fillna(False)
               if C.kind in it.columns else pd.Series(False, index=it.index))
        frame = pd.DataFrame({
            C.client_id: it[C.client_id],
            C.contact_id: pd.Series(pd.NA, index=it.index, dtype="string"),
            C.manager: (it[C.manager].astype("string").str.strip() if C.manager in it.columns
                        else pd.Series(pd.NA, index=it.index, dtype="string")),
            "_d": it["_d"],
            "_f": f2f.astype(bool),
        })
        frame["_fd"] = frame["_d"].where(frame["_f"])
        in_ct = pd.Series(False, index=it.index)
        if by_contact:
            frame[C.contact_id], in_ct = _contact_keys(it, ct)
        frame["_in"] = in_ct.astype(bool)
    else:
        frame = pd.DataFrame({C.client_id: pd.Series(dtype="string"),
                              C.contact_id: pd.Series(dtype="string"),
                              C.manager: pd.Series(dtype="string"),
                              "_d": pd.Series(dtype="datetime64[ns]"),
                              "_f": pd.Series(dtype=bool),
                              "_fd": pd.Series(dtype="datetime64[ns]"),
                              "_in": pd.Series(dtype=bool)})
    keys = [C.client_id, C.contact_id, C.manager]
    grid = frame.groupby(keys, dropna=False, sort=False).agg(
        interactions=("_d", "size"), face_to_face=("_f", "sum"), last_date=("_d", "max"),
        last_face_to_face=("_fd", "max"), in_contacts=("_in", "any")).reset_index()

    # owner: contacts.owner, else our person with the most interactions (per contact or client)
    unit = [C.client_id, C.contact_id] if level == "contact" else [C.client_id]
    best = grid.loc[grid[C.manager].notna()].sort_values(
        [*unit, "interactions", "last_date", C.manager],
        ascending=[True] * len(unit) + [False, False, True], kind="mergesort")
    best = best.drop_duplicates(unit)[[*unit, C.manager]].rename(columns={C.manager: "_top"})
    grid = grid.merge(best, on=unit, how="left")
    owner = grid["_top"].astype("string")
    if level == "contact" and ct is not None:
        ct_owner = (ct[C.owner].astype("string").str.strip().mask(lambda s: s == "")
                    if C.owner in ct.columns else pd.Series(pd.NA, index=ct.index, dtype="string"))
        lookup = pd.Series(ct_owner.to_numpy(),
                           index=pd.MultiIndex.from_frame(ct[[C.client_id, C.contact_id]]))
        known = lookup.reindex(pd.MultiIndex.from_frame(grid[[C.client_id, C.contact_id]]))
        owner = pd.Series(known.to_numpy(), index=grid.index, dtype="string").fillna(owner)
        # contacts nobody met in the window: one row, our person = the owner
        met = pd.MultiIndex.from_frame(grid[[C.client_id, C.contact_id]])
        alone = ~pd.MultiIndex.from_frame(ct[[C.client_id, C.contact_id]]).isin(met)
        quiet = pd.DataFrame({
            C.client_id: ct.loc[alone, C.client_id].astype("string"),
            C.contact_id: ct.loc[alone, C.contact_id].astype("string"),
            C.manager: ct_owner.loc[alone],
            "interactions": 0, "face_to_face": 0,
            "last_date": pd.Series(pd.NaT, index=ct.index[alone], dtype="datetime64[ns]"),
            "last_face_to_face": pd.Series(pd.NaT, index=ct.index[alone],
                                           dtype="datetime64[ns]"),
            "in_contacts": True,
        })
        grid = pd.concat([grid.assign(owner=owner), quiet.assign(owner=ct_owner.loc[alone])],
                         ignore_index=True)
    else:
        grid = grid.assign(owner=owner)
    n = grid["interactions"].astype("int64")
    days_f2f = (as_of - grid["last_face_to_face"]).dt.days
    recent = (days_f2f < visit_days).fillna(False).astype(bool)
    grid["strength"] = np.select([(n >= lo3) | recent, n >= lo2, n >= lo1], [3, 2, 1], 0)
    grid["interactions"] = n
    grid["face_to_face"] = grid["face_to_face"].astype("int64")
    grid["days_since_last"] = _days(grid["last_date"], as_of)
    for col in (C.client_id, C.contact_id, C.manager, C.owner):
        grid[col] = grid[col].astype("string")
    grid["is_owner"] = (grid[C.manager] == grid[C.owner]).astype("boolean")
    grid["in_contacts"] = grid["in_contacts"].astype(bool)
    grid = grid.sort_values([C.client_id, C.contact_id, "strength", C.manager],
                            ascending=[True, True, False, True], kind="mergesort",
                            na_position="last")
    out = grid[MATRIX_COLUMNS].reset_index(drop=True)
    extra = {}
    if staff is not None:
        out["our_role"], unknown = _our_roles(out[C.manager], staff, missing)
        extra["unknown_values"] = {"staff.role": unknown} if unknown else {}
    out.attrs.update(level=level, missing=missing, as_of=as_of, window_days=window_days, **extra)
    return out


def _our_roles(people: pd.Series, staff: pd.DataFrame, missing: list[str]
               ) -> tuple[pd.Series, list[str]]:
    """The role id of each of our people through the staff table (``<NA>`` when unknown)."""
    na = pd.Series(pd.NA, index=people.index, dtype="string")
    for col in (C.person, C.role):
        if col not in staff.columns:
            missing.append(f"staff.{col}")
    if C.person not in staff.columns or C.role not in staff.columns:
        return na, []
    role = canonical(staff[C.role], STAFF_ROLE_ALIASES)
    table = pd.DataFrame({"p": _norm(staff[C.person]), "r": role}).dropna(subset=["p"])
    lookup = table.drop_duplicates("p").set_index("p")["r"]
    out = pd.Series(lookup.reindex(_norm(people)).to_numpy(), index=people.index,
                    dtype="string")
    return out, _unknown(staff[C.role], role)


# --------------------------------------------------------------------------- buy class
def buy_class(
    facts: Facts,
    key_accounts=None,
    *,
    as_of=None,
    products: pd.DataFrame | None = None,
    basis: str = "category",
    assortment_threshold: float = 0.3,
    volume_threshold: float = 0.5,
    window_months: int = 12,
) -> pd.DataFrame:
    """The buy class of each account, read from its purchases (the buygrid's three classes).

    With A = as_of, the current window W = the ``window_months`` months ending on A and the
    previous window P = the ``window_months`` months before W (facts of purchases ≤ A)::

        revenue_12m, revenue_prev_12m = net revenue in W, in P
        revenue_change       = revenue_12m / revenue_prev_12m − 1      (NaN if P ≤ 0)
        new_assortment_share = Σ_i max(rev_W(i), 0) · [rev_P(i) ≤ 0] / Σ_i max(rev_W(i), 0)
                               over the items i (categories, or products with basis="product")

        new_task        first purchase (first shipment) in W
        modified_rebuy  new_assortment_share > assortment_threshold, or
                        |revenue_change| > volume_threshold, or nothing bought in P
        straight_rebuy  otherwise
        <NA>            no purchase in W ("no_purchase_12m") or no sale at all ("no_sales")

    ``reason`` says which rule decided (ids: first_purchase_12m, assortment, volume,
    returned, stable, no_purchase_12m, no_sales). The items are categories (``sales.category``,
    else ``products.category`` through ``product_id``: a distributor's clients change SKUs
    every year without changing what they buy); without a category the products, and without
    ``product_id`` either the assortment rule is skipped (``new_assortment_share`` NaN);
    ``attrs["missing"]`` names the absent columns, ``attrs["basis"]`` the item used ("category",
    "product" or None). When the sales do
    not reach back to the start of P, ``attrs["flags"]`` holds ``"short_history"``: a "new
    task" may then be an older client.

    Parameters
    ----------
    facts : Facts
        The company's sales facts; the period should cover both windows.
    key_accounts : iterable of ids, Series or DataFrame, optional
        The accounts (as in :func:`dmu_coverage`); default every client that bought by A.
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``).
    products : DataFrame, optional
        The products table, for the category of a product when the sales lines lack it.
    basis : {"category", "product"}
        The item of the assortment rule (default "category"; falls back to "product").
    assortment_threshold : float
        Share of W's revenue in items not bought in P above which the buy is modified (0.3).
    volume_threshold : float
        Relative revenue change above which the buy is modified (0.5 = ±50 %).
    window_months : int
        Length of each window in months (12).

    Returns
    -------
    DataFrame
        :data:`BUY_CLASS_COLUMNS`, one row per account, sorted by client_id;
        ``attrs["missing"]``, ``attrs["flags"]``, ``attrs["basis"]``, ``attrs["as_of"]``.

    Source: P. J. Robinson, C. W. Faris, Y. Wind, *Industrial Buying and Creative Marketing*,
    1967 (new task / modified rebuy / straight rebuy); measuring the class from the purchase
    history and the thresholds are our reading.
    """
    if basis not in ("product", "category"):
        raise ValueError(f"basis must be 'product' or 'category', not {basis!r}")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    cur_lo, _ = months_back(as_of, window_months)
    prev_lo, prev_hi = months_back(cur_lo - pd.Timedelta(days=1), window_months)
    missing: list[str] = []
    flags: list[str] = []

    upto = facts.clients(None, as_of)
    cur = facts.clients(cur_lo, as_of)
    prev = facts.clients(prev_lo, prev_hi)
    first_day = facts.first_day(None, as_of)
    if first_day is not None and first_day > prev_lo:
        flags.append("short_history")
    accounts = _account_ids(key_accounts)
    if accounts is None:
        accounts = pd.Index(sorted(set(_ids(upto[C.client_id]).dropna())), dtype="string",
                            name=C.client_id)

    def per(frame: pd.DataFrame, col: str) -> pd.Series:
        s = pd.Series(frame[col].to_numpy(), index=_ids(frame[C.client_id]))
        return s.groupby(level=0).first().reindex(accounts)

    out = pd.DataFrame(index=accounts)
    out["first_date"] = per(upto, "first_date").astype("datetime64[ns]")
    out["revenue_12m"] = per(cur, C.revenue).astype("float64")
    out["revenue_prev_12m"] = per(prev, C.revenue).astype("float64")
    bought_cur = per(cur, "orders").fillna(0) > 0
    known = per(upto, "orders").notna()
    out.loc[known, ["revenue_12m", "revenue_prev_12m"]] = out.loc[
        known, ["revenue_12m", "revenue_prev_12m"]].fillna(0.0)
    rp = out["revenue_prev_12m"]
    out["revenue_change"] = (out["revenue_12m"] / rp - 1).where(rp > 0)

    # assortment: revenue per (client, item) in each window
    lines = facts.sales
    item, used = None, None
    if basis == "category":
        if C.category in lines.columns:
            item, used = lines[C.category].astype("string").str.strip(), "category"
        elif (products is not None and C.product_id in lines.columns
              and {C.product_id, C.category} <= set(products.columns)):
            cat = products.assign(**{C.product_id: _ids(products[C.product_id])}) \
                .drop_duplicates(C.product_id).set_index(C.product_id)[C.category]
            item = _ids(lines[C.product_id]).map(cat).astype("string").str.strip()
            used = "category"
        else:
            missing.append("sales.category")
    if item is None:
        if C.product_id in lines.columns:
            item, used = _ids(lines[C.product_id]), "product"
        else:
            missing.append("sales.product_id")
    if item is not None:
        d = pd.to_datetime(lines[C.date]).dt.normalize()
        keep = (d >= prev_lo) & (d <= as_of) & item.notna()
        w = pd.DataFrame({C.client_id: _ids(lines.loc[keep, C.client_id]),
                          "i": item[keep], "cur": d[keep] >= cur_lo,
                          "r": pd.to_numeric(lines.loc[keep, C.revenue], errors="coerce")})
        rev = w.groupby([C.client_id, "i", "cur"])["r"].sum().unstack("cur")
        rev = rev.reindex(columns=[False, True]).fillna(0.0)
        now = rev[True].clip(lower=0)
        new = now.where(rev[False] <= 0, 0.0)
        total = now.groupby(level=0).sum()
        share = (new.groupby(level=0).sum() / total).where(total > 0)
        out["new_assortment_share"] = share.reindex(accounts).astype("float64")
    else:
        out["new_assortment_share"] = np.nan

    is_new = out["first_date"] >= cur_lo
    assort = (out["new_assortment_share"] > assortment_threshold).fillna(False)
    volume = (out["revenue_change"].abs() > volume_threshold).fillna(False)
    returned = (rp <= 0).fillna(False)
    reason = np.select(
        [~known, ~bought_cur, is_new, assort, volume, returned],
        ["no_sales", "no_purchase_12m", "first_purchase_12m", "assortment", "volume",
         "returned"], "stable")
    klass = np.select(
        [~known | ~bought_cur, is_new, assort | volume | returned],
        [None, "new_task", "modified_rebuy"], "straight_rebuy")
    out["reason"] = pd.array(reason, dtype="string")
    out["buy_class"] = pd.array(klass, dtype="string")
    out = out.reset_index().rename(columns={"index": C.client_id})
    out[C.client_id] = out[C.client_id].astype("string")
    out = out[BUY_CLASS_COLUMNS].reset_index(drop=True)
    out.attrs.update(missing=missing, flags=flags, as_of=as_of, basis=used)
    return out


# --------------------------------------------------------------------------- actions
def dmu_actions(coverage: pd.DataFrame, buy_class: pd.DataFrame | pd.Series | None = None
                ) -> pd.DataFrame:
    """The DMU actions of each account, ranked: one row per (account, action).

    Each true gap of :func:`dmu_coverage` gives its action (:data:`GAP_ACTIONS`):
    no_contacts → map_dmu (and nothing else: there is no one to meet yet), no_decider →
    meet_decider, decider_stale → refresh_decider, blocker_present → win_over_blocker,
    single_threaded → find_second_contact. A ``<NA>`` gap (data not recorded) gives no action::

        priority = position of the action in BUY_CLASS_DMU[buy class]["action_order"]
                   (ACTION_ORDER when the buy class is unknown), 1 = first
        rank     = 1, 2 … within the account by priority
        evidence = days since the decider was met (refresh_decider), blockers
                   (win_over_blocker), contacts (find_second_contact, map_dmu), else NaN

    Parameters
    ----------
    coverage : DataFrame
        :func:`dmu_coverage`'s result.
    buy_class : DataFrame or Series, optional
        :func:`buy_class`'s result (``client_id, buy_class``) or a Series client_id → class.

    Returns
    -------
    DataFrame
        :data:`ACTION_COLUMNS`, sorted by client_id then rank; ``attrs["missing"]`` carried
        over from the coverage.

    Source: our reading of block 10 (find every DMU member, reach the decider's level) with
    the buygrid's emphasis per buy class (Robinson, Faris & Wind 1967).
    """
    cov = coverage.assign(**{C.client_id: _ids(coverage[C.client_id])})
    if buy_class is None:
        klass = pd.Series(pd.NA, index=cov.index, dtype="string")
    else:
        if isinstance(buy_class, pd.DataFrame):
            bc = pd.Series(buy_class["buy_class"].to_numpy(),
                           index=_ids(buy_class[C.client_id]))
        else:
            bc = pd.Series(buy_class.to_numpy(), index=_ids(pd.Series(buy_class.index)))
        bc = bc.groupby(level=0).first()
        klass = pd.Series(bc.reindex(cov[C.client_id]).to_numpy(), index=cov.index,
                          dtype="string")
    parts = []
    none = cov["no_contacts"].fillna(False).astype(bool)
    evidence = {
        "no_contacts": cov["contacts"],
        "no_decider": pd.Series(np.nan, index=cov.index),
        "decider_stale": cov["days_since_decider"],
        "blocker_present": cov["blockers"],
        "single_threaded": cov["contacts"],
    }
    for gap, action in GAP_ACTIONS.items():  # five gaps, not a loop over clients
        hit = cov[gap].fillna(False).astype(bool)
        if gap != "no_contacts":
            hit &= ~none
        parts.append(pd.DataFrame({
            C.client_id: cov.loc[hit, C.client_id], "action": action, "gap": gap,
            "evidence": pd.to_numeric(evidence[gap][hit], errors="coerce").astype("float64"),
            "buy_class": klass[hit]}))
    out = pd.concat(parts, ignore_index=True)
    order = {(None, a): i + 1 for i, a in enumerate(ACTION_ORDER)}
    for k, spec in BUY_CLASS_DMU.items():
        order.update({(k, a): i + 1 for i, a in enumerate(spec["action_order"])})
    keys = pd.MultiIndex.from_arrays([out["buy_class"].astype(object).where(
        out["buy_class"].isin(list(BUY_CLASS_DMU)).fillna(False), None), out["action"]])
    prio = pd.Series(order).reindex(keys)
    out["priority"] = prio.to_numpy().astype("int64") if len(out) else pd.Series(dtype="int64")
    out = out.sort_values([C.client_id, "priority"], kind="mergesort")
    out["rank"] = out.groupby(C.client_id).cumcount().astype("int64") + 1
    for col in (C.client_id, "action", "gap", "buy_class"):
        out[col] = out[col].astype("string")
    out = out[ACTION_COLUMNS].reset_index(drop=True)
    out.attrs.update(missing=list(coverage.attrs.get("missing", [])))
    return out


def next_dmu_action(actions: pd.DataFrame, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """The first DMU action of each account (for the CRM table).

    ``next = the row with rank 1`` of :func:`dmu_actions`. With ``coverage`` every account of it
    appears; an account without a gap has ``action`` ``<NA>``.

    Returns
    -------
    DataFrame
        ``client_id, action, priority, gap, evidence``, sorted by client_id.

    Source: our reading.
    """
    cols = [C.client_id, "action", "priority", "gap", "evidence"]
    top = actions.loc[actions["rank"] == 1, cols]
    if coverage is not None:
        ids = pd.DataFrame({C.client_id: _ids(coverage[C.client_id])})
        top = ids.merge(top, on=C.client_id, how="left")
        top["priority"] = top["priority"].astype("Int64")
    return top.sort_values(C.client_id, kind="mergesort").reset_index(drop=True)


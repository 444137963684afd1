"""Block 10 views: the DMU (закупочный центр) of the key accounts in the people's words.

Each function takes results of :mod:`kbcore.analyses.dmu` and :mod:`kbcore.analyses.dmu_review`
and returns a table for :func:`dmu_table` (ids turned into words through the catalogue ids
``dmu.*``; headers ``dmu.col.<column>``, else the common ``col.<column>``). Nothing here
computes a figure a reader would check: counts, dates and gaps come from the analyses.
A value the data could not give stays missing ("—"), never a zero.
"""

from __future__ import annotations

import pandas as pd

from kbcore.analyses.dmu import ATTITUDES, BUY_CLASS_DMU, GAP_ACTIONS, ROLES, roles_of
from kbcore.analyses.dmu_review import NO_CLASS
from kbcore.i18n import catalogue, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.display import header, styled
from kbcore.views.figures import MISSING_MARK, Figure, missing
from kbcore.views.labels import short_person_name

__all__ = [
    "dmu_labels",
    "dmu_table",
    "account_labels",
    "accounts_note",
    "roles_view",
    "attitudes_total",
    "level_view",
    "level_counts_view",
    "buy_class_view",
    "buy_class_accounts_view",
    "person_labels",
    "our_person_label",
    "matrix_view",
    "matrix_note",
    "gaps_view",
    "single_threaded_view",
    "actions_view",
    "dmu_figures",
]

YES, NO = "✓", "✗"


# --------------------------------------------------------------------------- helpers
def dmu_labels(df: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """The header of every column of ``df``: ``dmu.col.<c>``, ``dmu.role.<r>``, else ``col.<c>``."""
    cat, out = catalogue(), {}
    for c in map(str, df.columns):
        if f"dmu.col.{c}" in cat:
            out[c] = t(f"dmu.col.{c}", lang)
        elif c.startswith("role_") and f"dmu.role.{c[5:]}" in cat:
            out[c] = t(f"dmu.role.{c[5:]}", lang)
        else:
            out[c] = header(c, lang)
    return out


def dmu_table(df: pd.DataFrame, lang: str = "en", **kw):
    """:func:`~kbcore.views.display.styled` with block 10's headers."""
    return styled(df, lang, labels=dmu_labels(df, lang), **kw)


def _word(prefix: str, values, lang: str) -> list[str]:
    cat = catalogue()
    return [t(f"{prefix}.{v}", lang) if not pd.isna(v) and f"{prefix}.{v}" in cat
            else (MISSING_MARK if pd.isna(v) else str(v)) for v in values]


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def account_labels(review: pd.DataFrame) -> pd.Series:
    """client_id → the account's name from the client card, else its id."""
    ids = _ids(review[C.client_id])
    names = review[C.name].astype("string") if C.name in review.columns else ids
    return pd.Series(names.fillna(ids).to_numpy(), index=ids.to_numpy(), dtype="string")


def _with_account(frame: pd.DataFrame, review: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (by client_id) with the account's name, manager, revenue and rank, largest first."""
    info = review[[C.client_id, C.manager, "revenue_12m", "revenue_rank"]].assign(
        account=account_labels(review).to_numpy(), **{C.client_id: _ids(review[C.client_id])})
    out = frame.assign(**{C.client_id: _ids(frame[C.client_id])}).merge(
        info, on=C.client_id, how="left")
    return out.sort_values(["revenue_rank", C.client_id], kind="mergesort", na_position="last")


def accounts_note(review: pd.DataFrame, lang: str = "en") -> str:
    """Which accounts the block reviews: the flagged key accounts, or block 7's candidates."""
    n = len(review)
    if review.attrs.get("rule") == "flag":
        return tn("dmu.note.flagged", n, lang)
    return tn("dmu.note.candidates", n, lang)


# --------------------------------------------------------------------------- 1. roles
def roles_view(coverage: pd.DataFrame, review: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Key accounts × buying roles: ✓ a person is known, ✗ nobody, — not recorded.

    Columns: account, revenue_12m, contacts, role_<id> for every role, roles_covered,
    champions, neutrals, blockers; the largest account first.
    """
    cov = _with_account(coverage, review)
    out = pd.DataFrame({"account": cov["account"].to_numpy(),
                        "revenue_12m": cov["revenue_12m"].to_numpy(dtype="float64")})
    out["contacts"] = cov["contacts"].to_numpy()
    for r in ROLES:
        flag = cov[f"has_{r}"].astype("boolean")
        out[f"role_{r}"] = pd.array([MISSING_MARK if pd.isna(v) else (YES if v else NO)
                                     for v in flag], dtype="string")
    for col in ("roles_covered", *[f"{a}s" for a in ATTITUDES]):
        out[col] = pd.array(cov[col].to_numpy(dtype="float64"), dtype="Float64").astype("Int64")
    return out.reset_index(drop=True)


def attitudes_total(coverage: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The people of all reviewed accounts by their attitude toward us (``attitude, people``)."""
    cols = [*[f"{a}s" for a in ATTITUDES], "attitude_unknown"]
    known = coverage[cols].notna().any()
    people = [int(coverage[c].sum()) if known[c] else pd.NA for c in cols]
    return pd.DataFrame({"attitude": _word("dmu.attitude", [*ATTITUDES, "unknown"], lang),
                         "people": pd.array(people, dtype="Int64")})


# --------------------------------------------------------------------------- 2. level
def _decider_status(row, stale_days: int, lang: str) -> str:
    if pd.isna(row["no_decider"]):
        return MISSING_MARK
    if row["no_contacts"] is True or row["contacts"] == 0:
        return t("dmu.decider.no_contacts", lang)
    if bool(row["no_decider"]):
        return t("dmu.decider.unknown", lang)
    days = row["days_since_decider"]
    if pd.isna(days):
        return t("dmu.decider.no_date", lang)
    if days == 0:
        return t("dmu.decider.today", lang)
    key = "dmu.decider.stale" if days > stale_days else "dmu.decider.recent"
    return tn(key, days, lang)


def level_view(coverage: pd.DataFrame, review: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Per account: our highest contact's level, the last contact and the decider's freshness."""
    cov = _with_account(coverage, review)
    stale = int(coverage.attrs.get("stale_days", 180))
    status = [_decider_status(r, stale, lang) for r in cov.to_dict("records")]
    out = pd.DataFrame({
        "account": cov["account"].to_numpy(),
        "contacts": pd.array(cov["contacts"].to_numpy(), dtype="Int64"),
        "highest_level": _word("dmu.level", cov["highest_level"], lang),
        "last_contact": cov["last_contact"].to_numpy(),
        "days_since_contact": pd.array(cov["days_since_contact"].to_numpy(), dtype="Float64"),
        "decider_status": status,
    })
    return out.reset_index(drop=True)


def level_counts_view(levels: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.dmu_review.level_summary` with the levels in words."""
    words = [t("dmu.level.no_contacts", lang) if v == "no_contacts" else w
             for v, w in zip(levels["level"], _word("dmu.level", levels["level"], lang), strict=True)]
    return levels.assign(level=words)


# --------------------------------------------------------------------------- 3. buy class
def buy_class_view(summary: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Per buy class: accounts, the DMU the class needs and how many accounts fall short."""
    roles = [", ".join(t(f"dmu.role.{r}", lang) for r in rs) if len(rs) else MISSING_MARK
             for rs in summary["key_roles"]]
    return pd.DataFrame({
        "buy_class": _word("dmu.buy_class", summary["buy_class"], lang),
        "accounts": summary["accounts"].array,
        "dmu_size": _word("dmu.size", summary["dmu_size"], lang),
        "key_roles": roles,
        "min_contacts": summary["min_contacts"].array,
        # a median of people: a whole number, or a half between two (never "1,00")
        "median_contacts": [MISSING_MARK if pd.isna(v) else fmt_number(v, lang, 0 if float(v).is_integer() else 1)
                            for v in summary["median_contacts"]],
        "short_of_people": summary["short_of_people"].array,
        "missing_key_roles": summary["missing_key_roles"].array,
    })


def buy_class_accounts_view(classes: pd.DataFrame, review: pd.DataFrame, lang: str = "en"
                            ) -> pd.DataFrame:
    """Per account: its buy class, why, and the purchases the class was read from."""
    bc = _with_account(classes.drop(columns=["revenue_12m"]), review)
    klass = bc["buy_class"].astype("string").fillna(NO_CLASS)
    return pd.DataFrame({
        "account": bc["account"].to_numpy(),
        "buy_class": _word("dmu.buy_class", klass, lang),
        "reason": _word("dmu.reason", bc["reason"], lang),
        "revenue_12m": bc["revenue_12m"].to_numpy(dtype="float64"),
        "revenue_prev_12m": bc["revenue_prev_12m"].to_numpy(dtype="float64"),
        "revenue_change": bc["revenue_change"].to_numpy(dtype="float64"),
        "new_assortment_share": bc["new_assortment_share"].to_numpy(dtype="float64"),
    }).reset_index(drop=True)


# --------------------------------------------------------------------------- 4. contact matrix
def person_labels(contacts: pd.DataFrame | None, lang: str = "en") -> pd.Series:
    """(client_id, contact_id) → "Surname I., position — roles" for the contact matrix."""
    if contacts is None or not {C.client_id, C.contact_id} <= set(contacts.columns):
        return pd.Series(dtype="string")
    ct = contacts.assign(**{C.client_id: _ids(contacts[C.client_id]),
                            C.contact_id: _ids(contacts[C.contact_id])})
    ct = ct.drop_duplicates([C.client_id, C.contact_id])
    names = (ct[C.name] if C.name in ct.columns else ct[C.contact_id]).astype("string")
    name = [short_person_name(n) or str(i) for n, i in zip(names.fillna(ct[C.contact_id]),
                                                          ct[C.contact_id], strict=True)]
    pos = (ct[C.position].astype("string") if C.position in ct.columns
           else pd.Series(pd.NA, index=ct.index, dtype="string"))
    roles = pd.Series("", index=ct.index, dtype="object")
    if C.buying_role in ct.columns:
        split = roles_of(ct[C.buying_role]).dropna(subset=["role"])
        split = split.loc[split["role"].isin(ROLES)]
        words = split["role"].map(lambda r: t(f"dmu.role_short.{r}", lang))
        roles = words.groupby(level=0).agg(", ".join).reindex(ct.index).fillna("")
    text = [n + (f", {p}" if not pd.isna(p) else "") + (f" — {r}" if r else "")
            for n, p, r in zip(name, pos, roles, strict=True)]
    index = pd.MultiIndex.from_frame(ct[[C.client_id, C.contact_id]])
    return pd.Series(text, index=index, dtype="string")


def our_person_label(name, role=None, lang: str = "en") -> str:
    """Our person as "Surname I." (and their role in our company when known)."""
    if name is None or pd.isna(name) or not str(name).strip():
        return t("dmu.matrix.nobody", lang)
    text = short_person_name(name)
    if role is not None and not pd.isna(role) and f"dmu.our_role.{role}" in catalogue():
        text += f" ({t(f'dmu.our_role.{role}', lang)})"
    elif role is not None and not pd.isna(role) and str(role).strip():
        text += f" ({role})"
    return text


def matrix_view(matrix: pd.DataFrame, contacts: pd.DataFrame | None, account: str,
                lang: str = "en") -> pd.DataFrame:
    """One account's rows of the contact matrix: their person, our person, how strong, who owns it.

    ``our_role`` is shown when :func:`~kbcore.analyses.dmu.contact_matrix` gives it.
    """
    rows = matrix.loc[_ids(matrix[C.client_id]) == str(account)]
    people = person_labels(contacts, lang)
    keys = pd.MultiIndex.from_arrays([_ids(rows[C.client_id]), _ids(rows[C.contact_id])])
    their = people.reindex(keys).to_numpy()
    their = [t("dmu.matrix.client_level", lang) if pd.isna(c) else
             (p if not pd.isna(p) else str(c)) for c, p in zip(rows[C.contact_id], their, strict=True)]
    role = rows["our_role"] if "our_role" in rows.columns else [None] * len(rows)
    out = pd.DataFrame({
        "their_person": their,
        "our_person": [our_person_label(m, r, lang) for m, r in zip(rows[C.manager], role,
                                                                     strict=True)],
        "interactions": rows["interactions"].to_numpy(),
        "face_to_face": rows["face_to_face"].to_numpy(),
        "last_date": rows["last_date"].to_numpy(),
        "strength": _word("dmu.strength", rows["strength"], lang),
        "relationship_owner": [our_person_label(o, None, lang) for o in rows[C.owner]],
    })
    return out.reset_index(drop=True)


def matrix_note(matrix: pd.DataFrame, lang: str = "en") -> str:
    """What the matrix rows are: people of the client, or the client as a whole (no contact_id)."""
    missing_ = matrix.attrs.get("missing", [])
    if "interactions" in missing_:
        return t("dmu.matrix.note.no_interactions", lang)
    if matrix.attrs.get("level") == "client":
        return t("dmu.matrix.note.client_level", lang)
    return tn("dmu.matrix.note.contact_level", matrix.attrs.get("window_days", 365), lang)


# --------------------------------------------------------------------------- 5. gaps
def gaps_view(gaps: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Per gap: its name, the accounts with it, the revenue at stake and the action that closes it."""
    return pd.DataFrame({
        "gap": _word("dmu.gap", gaps["gap"], lang),
        "accounts": gaps["accounts"].array,
        "account_share": gaps["account_share"].to_numpy(),
        "revenue_at_stake": gaps["revenue_12m"].to_numpy(),
        "revenue_share": gaps["revenue_share"].to_numpy(),
        "action": _word("dmu.action", gaps["gap"].map(GAP_ACTIONS), lang),
    })


def single_threaded_view(coverage: pd.DataFrame, review: pd.DataFrame, lang: str = "en"
                         ) -> pd.DataFrame:
    """The accounts that hang on one person: name, manager, revenue, level, last contact."""
    one = coverage.loc[coverage["single_threaded"].fillna(False).astype(bool)]
    cov = _with_account(one, review)
    return pd.DataFrame({
        "account": cov["account"].to_numpy(),
        C.manager: cov[C.manager].to_numpy(),
        "revenue_12m": cov["revenue_12m"].to_numpy(dtype="float64"),
        "highest_level": _word("dmu.level", cov["highest_level"], lang),
        "days_since_contact": pd.array(cov["days_since_contact"].to_numpy(), dtype="Float64"),
    }).reset_index(drop=True)


# --------------------------------------------------------------------------- 6. actions
def _evidence(action, value, lang: str) -> str:
    if pd.isna(value) or f"dmu.why.{action}" not in catalogue():
        return t("dmu.why.plain", lang) if action == "meet_decider" else MISSING_MARK
    return tn(f"dmu.why.{action}", value, lang)


def actions_view(actions: pd.DataFrame, review: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The ranked DMU actions of every account, the largest account first: the CRM work list."""
    act = _with_account(actions, review)
    klass = act["buy_class"].astype("string").fillna(NO_CLASS)
    return pd.DataFrame({
        "account": act["account"].to_numpy(),
        C.manager: act[C.manager].to_numpy(),
        "revenue_12m": act["revenue_12m"].to_numpy(dtype="float64"),
        "rank": act["rank"].to_numpy(),
        "action": _word("dmu.action", act["action"], lang),
        "why": [_evidence(a, v, lang) for a, v in zip(act["action"], act["evidence"], strict=True)],
        "buy_class": _word("dmu.buy_class", klass, lang),
    }).reset_index(drop=True)


# --------------------------------------------------------------------------- key figures
def dmu_figures(review: pd.DataFrame, coverage: pd.DataFrame, gaps: pd.DataFrame,
                buy: pd.DataFrame, next_actions: pd.DataFrame, lang: str = "en") -> list[Figure]:
    """Block 10's key figures; what needs contacts reads "— (no data …)" without them."""
    n = len(review)
    flagged = review.attrs.get("rule") == "flag"
    figures = [Figure(t("kf10.accounts" if flagged else "kf10.accounts_review", lang),
                      tn("dmu.count.accounts", n, lang) if flagged
                      else tn("dmu.count.review", n, lang))]
    g = gaps.set_index("gap")
    has_people = not pd.isna(g.loc["no_contacts", "accounts"])

    stale = fmt_number(coverage.attrs.get("stale_days", 180), lang)

    def gap_figure(gap: str, label: str, needs: str, what: str) -> Figure:
        value = g.loc[gap, "accounts"]
        label = t(label, lang, days=stale)
        if pd.isna(value):
            return Figure(label, missing(what, lang), needs)
        money = g.loc[gap, "revenue_share"]
        text = tn("dmu.count.of_accounts", int(value), lang, total=fmt_number(n, lang))
        if not pd.isna(money):
            text = t("kf10.with_revenue", lang, count=text, share=fmt_pct(money, lang))
        return Figure(label, text, needs)

    figures += [
        gap_figure("no_decider", "kf10.no_decider", "contacts.buying_role", "need.dmu.roles"),
        gap_figure("decider_stale", "kf10.decider_stale", "contacts.last_contact",
                   "need.dmu.last_contact"),
        gap_figure("single_threaded", "kf10.single_threaded", "contacts", "need.dmu.contacts"),
        gap_figure("blocker_present", "kf10.blocker", "contacts.attitude", "need.dmu.attitude"),
    ]
    counts = buy.set_index("buy_class")["accounts"]
    parts = [t("kf10.class_part", lang, n=fmt_number(int(counts.get(k, 0)), lang),
               what=t(f"dmu.buy_class.{k}", lang)) for k in (*BUY_CLASS_DMU, NO_CLASS)]
    figures.append(Figure(t("kf10.buy_classes", lang), " · ".join(parts)))
    todo = int(next_actions["action"].notna().sum()) if has_people else None
    figures.append(Figure(t("kf10.to_act", lang),
                          tn("dmu.count.of_accounts", todo, lang, total=fmt_number(n, lang))
                          if todo is not None else missing("need.dmu.contacts", lang), "contacts"))
    return figures

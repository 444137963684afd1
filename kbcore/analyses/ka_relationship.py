"""Block 8 · The relationship stage of each key account («Классификация уже имеющихся К.А.»).

Key-account relationships develop through stages (T. Millman, K. Wilson, "From key account
selling to key account management", *Journal of Marketing Practice: Applied Marketing Science*
1(1), 1995): **exploratory → basic → cooperative → interdependent → integrated** — in M.
McDonald, T. Millman, B. Rogers, "Key account management: theory, practice and challenges",
*Journal of Marketing Management* 13(8), 1997: pre-KAM → early → mid → partnership →
synergistic. The sources describe the stages in words; here a stage is **estimated** from the
data by an editable template (:data:`TEMPLATE`, ``data/templates/ka_relationship.yaml``): each
stage lists the minimum evidence (``measure ≥ at_least``) over the measures of
:data:`MEASURES`, and

* :func:`relationship_measures` — the measures per key account (NaN where the data is absent);
* :func:`relationship_stages` — the estimated stage (the highest stage of the ladder whose
  requirements are met together with those of every stage below), the evidence that holds the
  account back (the unmet requirements of the next stage), the measures that are missing, and
  the trainer's ``manual`` stages, which win and are marked ``source = "manual"``;
* :func:`ka_relationship` — both in one call.

The thresholds are **our reading** of the stage descriptions (the template says so and cites
the sources); the seminar's own classification is unpublished and the trainer replaces the
template. A requirement whose measure is missing (no contacts table, no potential …) is not
met, and the measure is listed in ``missing``: a stage is never raised by a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._template import read_template, template_error, template_number
from kbcore.analyses.dmu import dmu_coverage
from kbcore.analyses.key_accounts import key_account_ids
from kbcore.analyses.profile import client_features
from kbcore.facts import Facts, between
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "TEMPLATE",
    "STAGES_MW",
    "STAGES_MMR",
    "MEASURES",
    "MEASURE_COLUMNS",
    "STAGE_COLUMNS",
    "EVIDENCE_COLUMNS",
    "SOURCES",
    "Stage",
    "RelationshipTemplate",
    "RelationshipResult",
    "relationship_template",
    "load_relationship_template",
    "relationship_measures",
    "relationship_stages",
    "ka_relationship",
]

TEMPLATE = TEMPLATES_DIR / "ka_relationship.yaml"
"""The editable stage template (YAML, commented with its sources)."""
STAGES_MW = ("exploratory", "basic", "cooperative", "interdependent", "integrated")
"""Millman & Wilson (1995)'s stage ids (catalogue ``rel.stage.<id>``)."""
STAGES_MMR = ("pre_kam", "early", "mid", "partnership", "synergistic")
"""McDonald, Millman & Rogers (1997)'s names of the same ladder (catalogue ``rel.stage.<id>``)."""
MEASURES = ("tenure_years", "categories", "dmu_contacts", "dmu_roles", "contact_level",
            "interactions_per_year", "share_of_wallet")
"""The evidence a template may require (:func:`relationship_measures`)."""
MEASURE_COLUMNS = [C.client_id, *MEASURES]
"""The columns of :func:`relationship_measures`."""
SOURCES = ("estimated", "manual")
"""Where a stage comes from."""
STAGE_COLUMNS = [
    C.client_id, *MEASURES, "estimated_stage", "estimated_rank", "stage", "stage_rank", "source",
    "next_stage", "held_back", "held_back_by", "missing",
]
"""The columns of :attr:`RelationshipResult.table`."""
EVIDENCE_COLUMNS = [C.client_id, "next_stage", "measure", "value", "at_least", "met", "known"]
"""The columns of :attr:`RelationshipResult.evidence`."""


# =========================================================================== the template
@dataclass(frozen=True)
class Stage:
    """One stage of the ladder: its id and its requirements ``{measure: at_least}``."""

    id: str
    requires: dict


@dataclass(frozen=True)
class RelationshipTemplate:
    """The stage ladder as a template describes it (:func:`load_relationship_template`).

    Attributes
    ----------
    stages : tuple of Stage
        Lowest first; the first has no requirements.
    file : str or None
        The file it was read from (None when built from a dict).
    """

    stages: tuple[Stage, ...]
    file: str | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        """The stage ids, lowest first."""
        return tuple(s.id for s in self.stages)

    @property
    def measures(self) -> tuple[str, ...]:
        """The measures some stage requires, in :data:`MEASURES` order."""
        used = {m for s in self.stages for m in s.requires}
        return tuple(m for m in MEASURES if m in used)


_KIND = "relationship"
_STAGES_FORM = "stages: [{id: exploratory}, {id: basic, requires: {tenure_years: 1}}, …]"


def _fail(file, key, problem: str, **fields):
    template_error(_KIND, problem, file, key, **fields)


def _number(value, file, key: str) -> float:
    return template_number(_KIND, value, file, key, low=0.0, example="3", what="requirement")


def _keys(keys) -> str:
    return ", ".join(map(str, sorted(keys, key=str)))


def relationship_template(data, *, file=None) -> RelationshipTemplate:
    """Validate a template given as a dict (the parsed YAML) and build a :class:`RelationshipTemplate`.

    Rules: the top level holds ``stages`` only, a list of at least two stages, lowest first;
    each stage is ``{id: …, requires: {measure: at_least}}``; the ids are distinct and all from
    :data:`STAGES_MW` or all from :data:`STAGES_MMR`; the first stage requires nothing (every
    key account is at least there); a requirement names a measure of :data:`MEASURES` and a
    number ≥ 0.

    Raises
    ------
    TemplateError
        A :class:`~kbcore.errors.KBDataError` (and a ``ValueError``) ``template.<problem>``
        naming the file, the key (e.g. ``stages[2].requires.dmu_roles``), what is wrong and
        what to do, in en and ru.

    Source: Millman & Wilson (1995); McDonald, Millman & Rogers (1997); the template's form is
    our reading.
    """
    if not isinstance(data, dict):
        _fail(file, None, "wrong_shape", form=_STAGES_FORM)
    extra = set(data) - {"stages"}
    if extra:
        _fail(file, None, "unknown_key", keys=_keys(extra), allowed="stages")
    raw = data.get("stages")
    if raw is None:
        _fail(file, "stages", "missing_key", form=_STAGES_FORM)
    if not isinstance(raw, list):
        _fail(file, "stages", "wrong_shape", form=_STAGES_FORM)
    if len(raw) < 2:
        _fail(file, "stages", "too_few", low="2", n=len(raw), form=_STAGES_FORM)
    stages: list[Stage] = []
    for i, spec in enumerate(raw):
        where = f"stages[{i}]"
        if not isinstance(spec, dict) or "id" not in spec:
            _fail(file, where, "wrong_shape", form="{id: basic, requires: {tenure_years: 1}}")
        unknown = set(spec) - {"id", "requires"}
        if unknown:
            _fail(file, where, "unknown_key", keys=_keys(unknown), allowed="id, requires")
        sid = str(spec["id"]).strip()
        if sid not in STAGES_MW + STAGES_MMR:
            _fail(file, f"{where}.id", "unknown_stage", what="stage", value=sid, allowed=", ".join(STAGES_MW),
                  other=", ".join(STAGES_MMR))
        if any(s.id == sid for s in stages):
            _fail(file, f"{where}.id", "duplicate_id", id=sid)
        req = spec.get("requires") or {}
        if not isinstance(req, dict):
            _fail(file, f"{where}.requires", "wrong_shape", form="requires: {tenure_years: 1, dmu_roles: 2}")
        odd = [str(m) for m in req if m not in MEASURES]
        if odd:
            _fail(file, f"{where}.requires", "unknown_measure", value=", ".join(odd),
                  allowed=", ".join(MEASURES))
        if i == 0 and req:
            _fail(file, f"{where}.requires", "first_stage")
        stages.append(Stage(sid, {m: _number(v, file, f"{where}.requires.{m}") for m, v in req.items()}))
    ids = {s.id for s in stages}
    if not (ids <= set(STAGES_MW) or ids <= set(STAGES_MMR)):
        _fail(file, "stages", "mixed_stages", allowed=", ".join(STAGES_MW), other=", ".join(STAGES_MMR))
    return RelationshipTemplate(tuple(stages), None if file is None else str(file))


def load_relationship_template(path=None) -> RelationshipTemplate:
    """Read and validate a stage template (YAML): the only function here that reads a file.

    Parameters
    ----------
    path : str or Path, optional
        Default: the packaged template :data:`TEMPLATE` (``data/templates/ka_relationship.yaml``).

    Returns
    -------
    RelationshipTemplate
        See :func:`relationship_template` for the rules.

    Raises
    ------
    TemplateError
        The file is missing, is not YAML, or breaks a rule (the message names the key).
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return relationship_template(data, file=path)


# =========================================================================== the measures
def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _accounts(clients, key_accounts) -> pd.Index:
    if key_accounts is None:
        return key_account_ids(clients)
    ids = pd.Series([str(k).strip() for k in key_accounts], dtype="string")
    return pd.Index(sorted(set(ids[ids != ""])), dtype="string", name=C.client_id)


def relationship_measures(
    facts: Facts,
    clients: pd.DataFrame | None,
    key_accounts=None,
    *,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    as_of=None,
    window_days: int = 365,
) -> pd.DataFrame:
    """The evidence of the relationship stage, one row per key account (NaN where absent).

    With A = as_of and W = the ``window_days`` days ending on A::

        tenure_years          = (A − first purchase) / 365.25 days          (NaN: never bought)
        categories            = distinct product categories bought up to A  (block 5's
                                client_features; NaN without categories)
        share_of_wallet       = revenue in W / clients.potential            (NaN: potential
                                unknown or 0, or no purchase at all)
        dmu_contacts          = people of the account in ``contacts``       (block 10's
                                dmu_coverage; 0 when none, NaN without the table)
        dmu_roles             = buying-centre roles covered (NaN without contacts.buying_role)
        contact_level         = our highest contact's level, 1 specialist … 4 owner/CEO
                                (0 when the account has no contact; NaN when its contacts have
                                no level or position)
        interactions_per_year = interactions with the account in W / (window_days / 365)
                                (0 when none, NaN without the interactions table)

    Parameters
    ----------
    facts : Facts
        The company's sales facts.
    clients : DataFrame or None
        The client cards (``key_account``, ``potential``).
    key_accounts : iterable of str, optional
        The accounts (default: the clients flagged ``key_account``).
    contacts, interactions, products : DataFrame, optional
        Canonical tables.
    as_of : date-like, optional
        Default ``facts.as_of``.
    window_days : int
        The recent window (default 365 days).

    Returns
    -------
    DataFrame
        :data:`MEASURE_COLUMNS`, sorted by client_id. ``attrs["absent"]``: ids of the absent
        inputs (``"key_accounts"``, ``"clients.potential"``, ``"categories"``, ``"contacts"``,
        ``"contacts.buying_role"``, ``"contacts.level"``, ``"interactions"``);
        ``attrs["missing"]``: the measures unknown for every account; ``attrs["as_of"]``.

    Source: the evidence named in the stage descriptions of Millman & Wilson (1995) and
    McDonald, Millman & Rogers (1997) (relationship length, breadth of the business, the number
    and level of contacts, contact intensity, the supplier's share); buying-centre coverage
    after block 10 (:func:`~kbcore.analyses.dmu.dmu_coverage`); the measures are our reading.
    """
    if window_days <= 0:
        raise ValueError(f"window_days must be > 0, not {window_days!r}")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    ka = _accounts(clients, key_accounts)
    absent: list[str] = [] if len(ka) else ["key_accounts"]
    out = pd.DataFrame(index=pd.Index(ka, dtype="string", name=C.client_id))

    feats = client_features(facts, clients, products, as_of=as_of, window_days=window_days,
                            client_ids=list(ka)).set_index(C.client_id)
    first = pd.to_datetime(feats["first_date"]).reindex(out.index)
    out["tenure_years"] = ((as_of - first).dt.days / 365.25).astype("float64")
    out["categories"] = feats["categories"].reindex(out.index).astype("float64")
    if len(feats) and feats["categories"].isna().all():
        absent.append("categories")
    out["share_of_wallet"] = feats["share_of_wallet"].reindex(out.index).astype("float64")
    if clients is None or C.potential not in clients.columns:
        absent.append("clients.potential")

    cov = dmu_coverage(contacts, ka, as_of=as_of, interactions=interactions).set_index(C.client_id)
    gone = set(cov.attrs.get("missing", []))
    has_contacts = "contacts" not in gone
    n = cov["contacts"].reindex(out.index).astype("float64")
    out["dmu_contacts"] = n if has_contacts else np.nan
    out["dmu_roles"] = cov["roles_covered"].reindex(out.index).astype("float64") if has_contacts \
        else np.nan
    level = cov["highest_level_rank"].reindex(out.index).astype("float64")
    has_level = has_contacts and ("contacts.level" not in gone or C.position in contacts.columns)
    out["contact_level"] = level.mask((n == 0) & has_level, 0.0) if has_level else np.nan
    if not has_contacts:
        absent.append("contacts")
    else:
        if "contacts.buying_role" in gone:
            absent.append("contacts.buying_role")
        if not has_level:
            absent.append("contacts.level")

    if interactions is not None and {C.client_id, C.date} <= set(interactions.columns):
        rows = between(interactions, as_of - pd.Timedelta(days=window_days - 1), as_of)
        count = _ids(rows[C.client_id]).value_counts()
        out["interactions_per_year"] = (count.reindex(out.index).fillna(0).astype("float64")
                                        / (window_days / 365.0))
    else:
        out["interactions_per_year"] = np.nan
        absent.append("interactions")

    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    for m in MEASURES:
        out[m] = out[m].astype("float64")
    out = out[MEASURE_COLUMNS]
    out.attrs.update(absent=absent, missing=[m for m in MEASURES if len(out) and out[m].isna().all()],
                     as_of=as_of)
    return out


# =========================================================================== the stages
@dataclass
class RelationshipResult:
    """The result of :func:`relationship_stages`.

    Attributes
    ----------
    table : DataFrame
        :data:`STAGE_COLUMNS`, one row per key account, sorted by stage_rank descending then
        client_id: the measures, ``estimated_stage`` / ``estimated_rank`` (0 = the first
        stage), ``stage`` / ``stage_rank`` (the manual stage when given, else the estimate),
        ``source`` (:data:`SOURCES`), ``next_stage`` (NA at the top), ``held_back`` (how many
        requirements of the next stage after the *estimated* stage are unmet),
        ``held_back_by`` (their measure ids, a tuple), ``missing`` (the measures the template
        uses that are unknown for the account, a tuple).
    evidence : DataFrame
        :data:`EVIDENCE_COLUMNS`: each requirement of each account's next stage, with the
        account's value, the threshold, ``met`` and ``known``.
    counts : DataFrame
        ``stage, estimated, manual, total``: key accounts per stage (every stage of the
        template, lowest first; ``stage`` by the final stage, split by source).
    stages : tuple of str
        The template's stage ids, lowest first.
    missing : list of str
        Measures the template uses that are unknown for every account.
    absent : list of str
        The absent inputs (``measures.attrs["absent"]``).
    manual_ignored : list of str
        Client ids of manual rows that are not key accounts of the table (ignored).
    """

    table: pd.DataFrame
    evidence: pd.DataFrame
    counts: pd.DataFrame
    stages: tuple
    missing: list = field(default_factory=list)
    absent: list = field(default_factory=list)
    manual_ignored: list = field(default_factory=list)


_MANUAL = "relationship_manual"


def _manual(manual: pd.DataFrame | None, template: RelationshipTemplate) -> pd.Series:
    """The manual stages as a Series client_id → stage id (validated)."""
    if manual is None or not len(manual):
        return pd.Series(dtype="string")
    need = {C.client_id, "stage"}
    if not need <= set(manual.columns):
        template_error(_MANUAL, "scores_columns", missing=", ".join(sorted(need - set(manual.columns))),
                       need=f"{C.client_id}, stage")
    m = pd.DataFrame({C.client_id: _ids(manual[C.client_id]),
                      "stage": manual["stage"].astype("string").str.strip().str.lower()})
    wrong = sorted(set(m["stage"].dropna()) - set(template.ids))
    if wrong or m["stage"].isna().any() or (m["stage"] == "").any():
        template_error(_MANUAL, "scores_unknown", column="stage", values=", ".join(wrong) or "—",
                       allowed=", ".join(template.ids))
    twice = m[C.client_id].duplicated(keep=False)
    if twice.any():
        template_error(_MANUAL, "scores_twice", column=C.client_id,
                       examples=[f"{c} · {s}" for c, s in
                                 zip(m.loc[twice, C.client_id], m.loc[twice, "stage"], strict=True)])
    return pd.Series(m["stage"].to_numpy(), index=pd.Index(m[C.client_id], dtype="string"),
                     dtype="string")


def relationship_stages(
    measures: pd.DataFrame,
    template: RelationshipTemplate,
    *,
    manual: pd.DataFrame | None = None,
) -> RelationshipResult:
    """The relationship stage of each key account: estimated from the evidence, or set by hand.

    With the template's stages s_0 < s_1 < … < s_K and their requirements R_k = {m: t}::

        met_k(a)        = ∀ (m, t) ∈ R_k: value_m(a) ≥ t         (a missing value is not met)
        estimated(a)    = s_j, j = max{k : met_0(a) ∧ … ∧ met_k(a)}   (met_0 is always true)
        next_stage(a)   = s_{j+1}                                (none at the top)
        held_back_by(a) = {m ∈ R_{j+1} : not value_m(a) ≥ t}
        missing(a)      = {m used by the template : value_m(a) unknown}
        stage(a)        = manual(a) when the trainer gave one (source "manual"), else estimated(a)

    Parameters
    ----------
    measures : DataFrame
        :func:`relationship_measures` (``client_id`` and the measures the template names).
    template : RelationshipTemplate
        :func:`load_relationship_template`.
    manual : DataFrame, optional
        The trainer's stages: ``client_id, stage`` (a stage id of the template), one row per
        account. Rows of other clients are ignored and listed in ``manual_ignored``.

    Returns
    -------
    RelationshipResult

    Source: the stage ladder of Millman & Wilson (1995) and McDonald, Millman & Rogers (1997);
    the rule "the highest stage whose evidence, and that of every stage below, is met" and the
    thresholds are our reading.
    """
    used = template.measures
    lacking = sorted(set(used) - set(measures.columns))
    if lacking:
        raise ValueError(f"measures: column(s) {', '.join(lacking)} missing. What to do: pass "
                         "relationship_measures(...) as it is.")
    ids = _ids(measures[C.client_id]).reset_index(drop=True)
    n, k = len(ids), len(template.stages)
    values = {m: pd.to_numeric(measures[m], errors="coerce").to_numpy("float64") for m in used}
    met = np.ones((k, n), dtype=bool)
    for i, stage in enumerate(template.stages):  # a handful of stages, not clients
        for m, at_least in stage.requires.items():
            met[i] &= np.nan_to_num(values[m], nan=-np.inf) >= at_least
    reached = np.logical_and.accumulate(met, axis=0)
    rank = reached.sum(axis=0) - 1
    stage_ids = np.array(template.ids, dtype=object)

    # the evidence: each requirement of each account's next stage
    nxt = rank + 1
    parts = []
    for i, stage in enumerate(template.stages[1:], start=1):
        rows = np.flatnonzero(nxt == i)
        for m, at_least in stage.requires.items():
            v = values[m][rows]
            parts.append(pd.DataFrame({
                C.client_id: ids.to_numpy()[rows], "next_stage": stage.id, "measure": m,
                "value": v, "at_least": at_least, "met": np.nan_to_num(v, nan=-np.inf) >= at_least,
                "known": ~np.isnan(v)}))
    evidence = (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        {c: pd.Series(dtype="float64") for c in EVIDENCE_COLUMNS}))
    for col in (C.client_id, "next_stage", "measure"):
        evidence[col] = evidence[col].astype("string")
    for col in ("met", "known"):
        evidence[col] = evidence[col].astype(bool)
    order = {m: j for j, m in enumerate(MEASURES)}
    evidence = evidence.assign(_o=evidence["measure"].map(order)).sort_values(
        [C.client_id, "_o"], kind="mergesort").drop(columns="_o").reset_index(drop=True)
    evidence = evidence[EVIDENCE_COLUMNS]
    unmet = evidence.loc[~evidence["met"]]
    held = unmet["measure"].astype(object).groupby(unmet[C.client_id], sort=False).agg(tuple)

    table = measures[[C.client_id, *[m for m in MEASURES if m in measures.columns]]].copy()
    table = table.reindex(columns=MEASURE_COLUMNS).reset_index(drop=True)
    table[C.client_id] = ids.astype("string")
    table["estimated_stage"] = pd.array(stage_ids[rank], dtype="string")
    table["estimated_rank"] = rank.astype("int64")
    hand = _manual(manual, template)
    ignored = sorted(set(hand.index) - set(ids))
    by_hand = pd.Series(hand.reindex(ids).to_numpy(), index=table.index, dtype="string")
    table["stage"] = by_hand.fillna(table["estimated_stage"])
    pos = {s: j for j, s in enumerate(template.ids)}
    table["stage_rank"] = table["stage"].map(pos).astype("int64")
    table["source"] = pd.array(np.where(by_hand.notna(), "manual", "estimated"), dtype="string")
    table["next_stage"] = pd.array(np.where(nxt < k, stage_ids[np.minimum(nxt, k - 1)], None),
                                   dtype="string")
    hb = held.reindex(ids)
    table["held_back_by"] = pd.Series([v if isinstance(v, tuple) else () for v in hb.to_numpy()],
                                      index=table.index, dtype=object)
    table["held_back"] = table["held_back_by"].str.len().astype("int64")
    known = pd.DataFrame({m: np.isnan(values[m]) for m in used}, index=table.index)
    lost = known.melt(ignore_index=False).query("value").reset_index()
    lost_by = lost["variable"].astype(object).groupby(lost["index"], sort=False).agg(tuple)
    lost_by = lost_by.reindex(table.index)
    table["missing"] = pd.Series([v if isinstance(v, tuple) else () for v in lost_by.to_numpy()],
                                 index=table.index, dtype=object)
    table = table.sort_values(["stage_rank", C.client_id], ascending=[False, True],
                              kind="mergesort").reset_index(drop=True)[STAGE_COLUMNS]

    grid = pd.crosstab(pd.Categorical(table["stage"].astype(str), categories=list(template.ids)),
                       pd.Categorical(table["source"].astype(str), categories=list(SOURCES)),
                       dropna=False)
    counts = pd.DataFrame({"stage": pd.array(template.ids, dtype="string"),
                           "estimated": grid["estimated"].to_numpy().astype("int64"),
                           "manual": grid["manual"].to_numpy().astype("int64")})
    counts["total"] = counts["estimated"] + counts["manual"]
    return RelationshipResult(
        table=table, evidence=evidence, counts=counts, stages=template.ids,
        missing=[m for m in used if n and np.isnan(values[m]).all()],
        absent=list(measures.attrs.get("absent", [])), manual_ignored=ignored)


def ka_relationship(
    facts: Facts,
    clients: pd.DataFrame | None,
    key_accounts=None,
    *,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    template: RelationshipTemplate | None = None,
    manual: pd.DataFrame | None = None,
    as_of=None,
    window_days: int = 365,
) -> RelationshipResult:
    """The relationship stage of every key account: :func:`relationship_measures` then :func:`relationship_stages`.

    ``template`` None reads the default template (:data:`TEMPLATE`). The other parameters are
    those of the two functions.

    Source: Millman & Wilson (1995); McDonald, Millman & Rogers (1997); our reading for the
    thresholds (see :data:`TEMPLATE`).
    """
    template = load_relationship_template() if template is None else template
    measures = relationship_measures(facts, clients, key_accounts, contacts=contacts,
                                     interactions=interactions, products=products, as_of=as_of,
                                     window_days=window_days)
    return relationship_stages(measures, template, manual=manual)

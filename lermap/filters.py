"""A frozen filter spec and the pure functions that apply it.

Filters combine with AND across dimensions and OR within one. Role matching counts an
organization's primary and secondary groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd
from rapidfuzz import fuzz

from lermap import schema
from lermap.dataset import Dataset, normalise_text

# Fuzzy matches below this score (0-100) are not counted as hits.
FUZZY_THRESHOLD = 85
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FilterSpec:
    """What the visitor asked to see. Empty means 'no filter' on that dimension."""

    roles: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    q: str = ""
    org: str = ""

    @classmethod
    def of(
        cls,
        roles: Iterable[str] = (),
        areas: Iterable[str] = (),
        states: Iterable[str] = (),
        q: str = "",
        org: str = "",
    ) -> FilterSpec:
        return cls(frozenset(roles), frozenset(areas), frozenset(states), q.strip(), org.strip())

    def without(self, dimension: str) -> FilterSpec:
        """The same spec with one dimension cleared (for facet counts)."""
        empty = "" if dimension == "q" else frozenset()
        return replace(self, **{dimension: empty})

    @property
    def is_empty(self) -> bool:
        return not (self.roles or self.areas or self.states or self.q)

    def describe(self) -> str:
        """Plain-language summary, e.g. for export provenance."""
        parts = []
        if self.roles:
            parts.append("stakeholder group: " + ", ".join(sorted(schema.group_label(r) for r in self.roles)))
        if self.areas:
            parts.append("action area: " + ", ".join(sorted(schema.area_label(a) for a in self.areas)))
        if self.states:
            parts.append("state: " + ", ".join(sorted(self.states)))
        if self.q:
            parts.append(f'search: "{self.q}"')
        return "; ".join(parts) if parts else "no filter (all organizations)"

    def query_params(self) -> dict[str, list[str] | str]:
        """The URL query parameters that reproduce this view."""
        params: dict[str, list[str] | str] = {}
        for field, name in (("roles", "role"), ("areas", "area"), ("states", "state")):
            values = sorted(getattr(self, field))
            if values:
                params[name] = values
        if self.q:
            params["q"] = self.q
        if self.org:
            params["org"] = self.org
        return params


def split_known(values: Iterable[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split URL values into the known ones (in order, deduplicated) and the unknown ones."""
    allowed_set = set(allowed)
    known, unknown = [], []
    for value in values:
        target = known if value in allowed_set else unknown
        if value not in target:
            target.append(value)
    return known, unknown


def search_mask(search_text: pd.Series, query: str) -> pd.Series:
    """Organizations whose name, description or tags contain every word of the query.

    Case- and accent-insensitive; a word with no exact hit may match a close spelling
    (a typo) through rapidfuzz.
    """
    words = _WORD.findall(normalise_text(query))
    mask = pd.Series(True, index=search_text.index)
    for word in words:
        hit = search_text.str.contains(word, regex=False)
        if len(word) >= 4:
            misses = search_text[~hit & mask]
            if len(misses):
                scores = misses.map(lambda text, w=word: fuzz.partial_ratio(w, text))
                hit = hit | (scores >= FUZZY_THRESHOLD).reindex(search_text.index, fill_value=False)
        mask &= hit
    return mask


def mask(ds: Dataset, spec: FilterSpec, matrices: Mapping[str, pd.DataFrame] | None = None) -> pd.Series:
    """Boolean Series over ds.organizations: True where the organization passes the filter."""
    orgs = ds.organizations
    result = pd.Series(True, index=orgs.index)
    groups = matrices["groups"] if matrices else None
    areas = matrices["areas"] if matrices else None
    if spec.roles:
        groups = ds.group_matrix if groups is None else groups
        result &= groups[[r for r in spec.roles if r in groups.columns]].any(axis=1)
    if spec.areas:
        areas = ds.area_matrix if areas is None else areas
        result &= areas[[a for a in spec.areas if a in areas.columns]].any(axis=1)
    if spec.states:
        result &= orgs["hq_state"].isin(spec.states)
    if spec.q:
        result &= search_mask(orgs["search_text"], spec.q)
    return result


def apply(ds: Dataset, spec: FilterSpec) -> pd.DataFrame:
    """The organizations that pass the filter."""
    return ds.organizations[mask(ds, spec)]


def relationships_within(ds: Dataset, org_ids: Iterable[str]) -> pd.DataFrame:
    """Relationships with at least one endpoint among `org_ids`."""
    ids = set(org_ids)
    rels = ds.relationships
    if len(ids) == len(ds.organizations):
        return rels
    # Plain set look-ups: much faster than Series.isin on Arrow-backed strings for 10,000s of ids.
    keep = [source in ids or target in ids for source, target in zip(rels["source_id"], rels["target_id"], strict=True)]
    return rels[keep]


def facet_counts(ds: Dataset, spec: FilterSpec) -> dict[str, dict[str, int]]:
    """For each dimension, how many organizations each option would match under the *other* filters."""
    matrices = {"groups": ds.group_matrix, "areas": ds.area_matrix}
    counts: dict[str, dict[str, int]] = {}
    roles_base = mask(ds, spec.without("roles"), matrices)
    counts["roles"] = {g: int((matrices["groups"][g] & roles_base).sum()) for g in schema.STAKEHOLDER_GROUPS}
    areas_base = mask(ds, spec.without("areas"), matrices)
    counts["areas"] = {a: int((matrices["areas"][a] & areas_base).sum()) for a in schema.ACTION_AREAS}
    states_base = mask(ds, spec.without("states"), matrices)
    states = ds.organizations.loc[states_base, "hq_state"]
    by_state = states[states != ""].value_counts()
    counts["states"] = {s: int(by_state.get(s, 0)) for s in schema.US_STATES}
    return counts

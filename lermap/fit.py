""" "Where do you fit?": recommendations, complementary groups, gaps and collaboration opportunities.

Every recommendation these functions return carries a `reason`: a plain-language string that
says why it was made ("shares 3 action areas (…); both in Colorado"). No row is ever returned
without one.

The two tables below are the project's own framing, not the map's: the map names the groups and
their roles, and lermap reads from those roles which groups most need each other.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from lermap import counts, schema

# Which groups each group most benefits from meeting, most useful first. Read from the map's
# journey: employers need credentials to read, the tools that carry them and the HR systems
# that accept them; issuers need tools, standards and the employers who value what they issue;
# and so on. Complementarity between two groups holds when either lists the other.
COMPLEMENTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "learners-earners": ("career-navigators", "credentialing-organizations", "employers"),
        "employers": ("credentialing-organizations", "ler-technology-providers", "hr-systems", "career-navigators"),
        "credentialing-organizations": (
            "employers", "ler-technology-providers", "data-standards-organizations", "career-navigators",
        ),
        "ler-technology-providers": (
            "credentialing-organizations", "employers", "hr-systems", "data-standards-organizations",
        ),
        "hr-systems": ("employers", "ler-technology-providers", "data-standards-organizations"),
        "career-navigators": ("learners-earners", "employers", "credentialing-organizations", "supporting-systems"),
        "data-standards-organizations": (
            "ler-technology-providers", "hr-systems", "credentialing-organizations", "governance",
        ),
        "governance": ("funders", "credentialing-organizations", "employers", "career-navigators"),
        "funders": ("supporting-systems", "governance", "credentialing-organizations", "career-navigators"),
        "supporting-systems": ("funders", "career-navigators", "governance", "learners-earners"),
    }
)  # fmt: skip


@dataclass(frozen=True)
class Trait:
    """A statement a visitor can tick to describe their organization, and the group it points to."""

    id: str
    statement: str
    group: str


# "Describe your organization": each statement paraphrases one group's definition in the map.
# The first ticked statement (in this order) gives the suggested group.
TRAITS: tuple[Trait, ...] = (
    Trait("hire", "We hire people and pay for work", "employers"),
    Trait("issue", "We teach, train or award credentials", "credentialing-organizations"),
    Trait("build", "We build tools that issue, store, share or verify digital records", "ler-technology-providers"),
    Trait("hr-software", "We make or run HR, recruiting or applicant-tracking software", "hr-systems"),
    Trait("advise", "We guide people to jobs, training or careers", "career-navigators"),
    Trait("standards", "We write technical specifications or data standards", "data-standards-organizations"),
    Trait("policy", "We set policy, regulate or accredit", "governance"),
    Trait("fund", "We fund or sponsor this work", "funders"),
    Trait("research", "We research, advocate or connect organizations", "supporting-systems"),
    Trait("self", "I am a learner or worker with my own records", "learners-earners"),
)
TRAITS_BY_ID: Mapping[str, Trait] = MappingProxyType({t.id: t for t in TRAITS})

# Resource categories of the map that speak to each group ("General Information About LERs"
# speaks to everyone and is added for all).
RESOURCE_CATEGORIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "learners-earners": ("On Learning and Advocacy",),
        "employers": ("On Employment, Workforce and Governance",),
        "credentialing-organizations": ("On Learning and Advocacy",),
        "ler-technology-providers": ("On Technology, Data Standards, and Solutions",),
        "hr-systems": ("On Employment, Workforce and Governance", "On Technology, Data Standards, and Solutions"),
        "career-navigators": ("On Employment, Workforce and Governance", "On Learning and Advocacy"),
        "data-standards-organizations": ("On Technology, Data Standards, and Solutions",),
        "governance": ("On Employment, Workforce and Governance",),
        "funders": ("On Learning and Advocacy",),
        "supporting-systems": ("On Learning and Advocacy",),
    }
)
GENERAL_CATEGORY = "General Information About LERs"

# Groups whose members work directly with people rather than with systems: the equity lens of
# the gaps page looks at them first. The map names both; the choice to single them out is ours.
PEOPLE_FACING: tuple[str, ...] = ("learners-earners", "career-navigators")

RECOMMENDATION_COLUMNS = ["id", "name", "group", "state", "reason"]


@dataclass(frozen=True)
class Visitor:
    """Who is asking: a stakeholder group, the action areas they care about, and optionally a state."""

    group: str
    areas: tuple[str, ...] = ()
    state: str = ""


def group_from_traits(trait_ids: Iterable[str]) -> str | None:
    """The group suggested by the ticked traits: the first ticked one in TRAITS order, else None."""
    ticked = set(trait_ids)
    return next((t.group for t in TRAITS if t.id in ticked), None)


def complementary(group_a: str, group_b: str) -> bool:
    """Whether two different groups complement each other (either lists the other)."""
    return group_a != group_b and (group_b in COMPLEMENTS.get(group_a, ()) or group_a in COMPLEMENTS.get(group_b, ()))


def areas_phrase(shared: Iterable[str], *, named: bool = False) -> str:
    """'shares 2 action areas', or with `named` 'shares 2 action areas (Promoting Adoption, …)'."""
    shared = [a for a in schema.ACTION_AREAS if a in set(shared)]
    if not shared:
        return ""
    if len(shared) == len(schema.ACTION_AREAS):
        return f"shares all {len(shared)} action areas"
    noun = "action area" if len(shared) == 1 else "action areas"
    names = f" ({', '.join(schema.area_label(a) for a in shared)})" if named else ""
    return f"shares {len(shared)} {noun}{names}"


def state_phrase(state: str) -> str:
    """'both in Colorado'."""
    return f"both in {schema.US_STATES.get(state, state)}"


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _shared(orgs: pd.DataFrame, areas: Iterable[str]) -> pd.Series:
    wanted = set(areas)
    return orgs["action_areas"].map(lambda own: tuple(a for a in schema.ACTION_AREAS if a in wanted and a in own))


def similar_organizations(orgs: pd.DataFrame, visitor: Visitor, limit: int = 8) -> pd.DataFrame:
    """Organizations most like the visitor: same group, sharing their areas, same state first.

    Candidates are in the visitor's group (primary or secondary) and, when the visitor chose
    areas, active in at least one of them. Ranked by same state, then shared areas, then
    whether the group is their primary one, then name.
    """
    members = orgs[orgs["groups"].map(lambda groups: visitor.group in groups)]
    shared = _shared(members, visitor.areas)
    if visitor.areas:
        members, shared = members[shared.map(bool)], shared[shared.map(bool)]
    if members.empty:
        return pd.DataFrame(columns=RECOMMENDATION_COLUMNS)
    frame = pd.DataFrame(
        {
            "id": members.index,
            "name": members["name"].to_numpy(),
            "group": members["primary_group"].map(schema.group_label).to_numpy(),
            "state": members["hq_state"].to_numpy(),
            "_same_state": (members["hq_state"] == visitor.state).to_numpy() & bool(visitor.state),
            "_shared": shared.map(len).to_numpy(),
            "_primary": (members["primary_group"] == visitor.group).to_numpy(),
            "_areas": shared.to_numpy(),
        }
    )
    label = schema.group_label(visitor.group)
    frame["reason"] = [
        _join(
            f"also {label}" + ("" if primary else " (a secondary group)"),
            areas_phrase(areas),
            state_phrase(visitor.state) if same else "",
        )
        for primary, areas, same in zip(frame["_primary"], frame["_areas"], frame["_same_state"], strict=True)
    ]
    frame["_name"] = frame["name"].str.casefold()
    frame = frame.sort_values(["_same_state", "_shared", "_primary", "_name"], ascending=[False, False, False, True])
    return frame[RECOMMENDATION_COLUMNS].head(limit).reset_index(drop=True)


def organizations_to_meet(orgs: pd.DataFrame, visitor: Visitor, limit: int = 8) -> pd.DataFrame:
    """Organizations the visitor would most benefit from meeting: complementary groups in their areas.

    Candidates belong to a group in COMPLEMENTS[visitor.group] (any of their groups), not to the
    visitor's own group (those are 'most like you'), and share at least one of the visitor's
    areas when areas were chosen. Each counts under its most useful complementary group. The
    list takes turns across those groups, so an employer sees credentialing organizations,
    technology providers and HR systems side by side; within a group, more shared areas first,
    then the same state, then name.
    """
    wanted = COMPLEMENTS.get(visitor.group, ())
    if not wanted:
        return pd.DataFrame(columns=RECOMMENDATION_COLUMNS)
    rank = {g: i for i, g in enumerate(wanted)}
    candidates = orgs[orgs["groups"].map(lambda gs: visitor.group not in gs and any(g in rank for g in gs))]
    shared = _shared(candidates, visitor.areas)
    if visitor.areas:
        candidates, shared = candidates[shared.map(bool)], shared[shared.map(bool)]
    if candidates.empty:
        return pd.DataFrame(columns=RECOMMENDATION_COLUMNS)
    best = candidates["groups"].map(lambda gs: min((g for g in gs if g in rank), key=rank.__getitem__))
    frame = pd.DataFrame(
        {
            "id": candidates.index,
            "name": candidates["name"].to_numpy(),
            "group": best.map(schema.group_label).to_numpy(),
            "state": candidates["hq_state"].to_numpy(),
            "_rank": best.map(rank).to_numpy(),
            "_shared": shared.map(len).to_numpy(),
            "_areas": shared.to_numpy(),
            "_same_state": (candidates["hq_state"] == visitor.state).to_numpy() & bool(visitor.state),
            "_name": candidates["name"].str.casefold().to_numpy(),
        }
    )
    you = schema.group_label(visitor.group)
    frame["reason"] = [
        _join(f"{group} complement {you}", areas_phrase(areas), state_phrase(visitor.state) if same else "")
        for group, areas, same in zip(frame["group"], frame["_areas"], frame["_same_state"], strict=True)
    ]
    frame = frame.sort_values(["_shared", "_same_state", "_name"], ascending=[False, False, True])
    frame["_turn"] = frame.groupby("_rank").cumcount()
    frame = frame.sort_values(["_turn", "_rank"], kind="stable")
    return frame[RECOMMENDATION_COLUMNS].head(limit).reset_index(drop=True)


def relevant_resources(resources: pd.DataFrame, orgs: pd.DataFrame, visitor: Visitor, limit: int = 6) -> pd.DataFrame:
    """Map resources for the visitor, each with its reason.

    `resources` is guide.resource_table's frame (with `author_ids`). First those written by an
    organization of the visitor's group, then those in a category that speaks to the group
    (RESOURCE_CATEGORIES), then general ones; map order within each.
    """
    groups = orgs["groups"]
    label = schema.group_label(visitor.group)
    categories = RESOURCE_CATEGORIES.get(visitor.group, ())
    rows = []
    for position, resource in enumerate(resources.itertuples(index=False)):
        fellows = [a for a in resource.author_ids if a in groups.index and visitor.group in groups[a]]
        if fellows:
            names = ", ".join(str(orgs.at[a, "name"]) for a in fellows[:2])
            rows.append((0, position, resource, f"by {names}, also {label}"))
        elif resource.category in categories:
            rows.append(
                (1, position, resource, f"the map's reading {resource.category[0].lower()}{resource.category[1:]}")
            )
        elif resource.category == GENERAL_CATEGORY:
            rows.append((2, position, resource, "the map's general information about LERs"))
    rows.sort(key=lambda row: row[:2])
    columns = ["id", "title", "author", "url", "reason"]
    return pd.DataFrame(
        [(r.id, r.title, r.author, r.url, reason) for _tier, _pos, r, reason in rows[:limit]], columns=columns
    )


# --- Gaps -----------------------------------------------------------------------------------


def thinnest_cells(orgs: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The group x action area cells with the fewest organizations, ranked (1 = thinnest)."""
    matrix = counts.coverage(orgs)
    cells = matrix.stack().rename("Organizations").reset_index()
    cells.columns = ["Stakeholder group", "Action area", "Organizations"]
    group_order = {schema.group_label(g): i for i, g in enumerate(schema.STAKEHOLDER_GROUPS)}
    area_order = {schema.area_label(a): i for i, a in enumerate(schema.ACTION_AREAS)}
    cells = cells.assign(
        _g=cells["Stakeholder group"].map(group_order), _a=cells["Action area"].map(area_order)
    ).sort_values(["Organizations", "_g", "_a"])
    cells = cells.drop(columns=["_g", "_a"]).head(top).reset_index(drop=True)
    cells.insert(0, "Rank", range(1, len(cells) + 1))
    return cells


def representation(orgs: pd.DataFrame) -> pd.DataFrame:
    """Per group: organizations, share of all, the areas where it is thinnest; least represented first."""
    matrix = counts.coverage(orgs)
    by_group = counts.by_group(orgs).set_index("group_id")
    total = max(len(orgs), 1)
    rows = []
    for group_id, group in schema.STAKEHOLDER_GROUPS.items():
        cells = matrix.loc[group.label]
        low = cells.min()
        thinnest = [f"{area} ({n})" for area, n in cells.items() if n == low]
        rows.append(
            {
                "group_id": group_id,
                "Stakeholder group": group.label,
                "Organizations": int(by_group.at[group_id, "Organizations"]),
                "Share": round(100 * by_group.at[group_id, "Organizations"] / total, 1),
                "Thinnest action areas": ", ".join(thinnest),
                "Works directly with people": group_id in PEOPLE_FACING,
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["Organizations", "Stakeholder group"]).reset_index(drop=True)


# --- Collaboration opportunities ------------------------------------------------------------

_AREA_BITS = {area: 1 << i for i, area in enumerate(schema.ACTION_AREAS)}
_POPCOUNT = np.array([bin(i).count("1") for i in range(1 << len(_AREA_BITS))], dtype=np.int8)
# Cells of one block of the pair score matrix: bounds memory whatever the group sizes.
_BLOCK_CELLS = 2_000_000
OPPORTUNITY_COLUMNS = [
    "id_a", "name_a", "group_a", "id_b", "name_b", "group_b", "shared_areas", "same_state", "reason",
]  # fmt: skip


def complementary_group_pairs() -> list[tuple[str, str]]:
    """Every unordered pair of complementary groups, in schema order."""
    groups = list(schema.STAKEHOLDER_GROUPS)
    return [(a, b) for i, a in enumerate(groups) for b in groups[i + 1 :] if complementary(a, b)]


def _area_mask(areas: tuple[str, ...]) -> int:
    return sum(_AREA_BITS.get(a, 0) for a in set(areas))


def _top_indices(scores: np.ndarray, k: int) -> np.ndarray:
    """Flat indices of the k highest non-negative scores; ties keep row-major order (deterministic)."""
    valid = scores[scores >= 0]
    if valid.size <= k:
        return np.flatnonzero(scores >= 0)
    tally = np.bincount(valid)
    above = 0
    for threshold in range(len(tally) - 1, -1, -1):
        if above + tally[threshold] >= k:
            break
        above += tally[threshold]
    higher = np.flatnonzero(scores > threshold)
    equal = np.flatnonzero(scores == threshold)[: k - len(higher)]
    return np.sort(np.concatenate([higher, equal]))


def opportunities(
    orgs: pd.DataFrame, relationships: pd.DataFrame, focus: Iterable[str] | None = None, limit: int = 100
) -> pd.DataFrame:
    """Pairs of organizations that should meet, best first, each with its reason.

    A pair qualifies when the two primary groups are complementary (COMPLEMENTS), the two share
    at least one action area, and no relationship links them in either direction. Score: 2 per
    shared area, plus 1 when both are headquartered in the same state; ties by names. With
    `focus` (ids, e.g. the organizations passing the shared filters) at least one of the two
    must be in it.

    Fast at 10,000 organizations: action areas are 4-bit masks, so each pair of groups is one
    vectorised numpy block (shared areas = popcount of the AND), cut into blocks of at most
    2 million cells; only the `limit` best of each block are kept before the final sort.
    """
    focus_set = None if focus is None else set(focus)
    names = orgs["name"].astype(str)
    order = names.str.casefold().sort_values(kind="stable").index
    ordered = orgs.loc[order]
    related: dict[str, set[str]] = {}
    for source, target in zip(relationships["source_id"], relationships["target_id"], strict=True):
        related.setdefault(source, set()).add(target)
        related.setdefault(target, set()).add(source)
    found = []
    for pair_rank, (group_a, group_b) in enumerate(complementary_group_pairs()):
        side_a = ordered[ordered["primary_group"] == group_a]
        side_b = ordered[ordered["primary_group"] == group_b]
        if side_a.empty or side_b.empty:
            continue
        masks_a = np.array([_area_mask(a) for a in side_a["action_areas"]], dtype=np.int8)
        masks_b = np.array([_area_mask(a) for a in side_b["action_areas"]], dtype=np.int8)
        states_a, states_b = side_a["hq_state"].to_numpy(dtype=object), side_b["hq_state"].to_numpy(dtype=object)
        focus_a = np.array([i in focus_set for i in side_a.index]) if focus_set is not None else None
        focus_b = np.array([i in focus_set for i in side_b.index]) if focus_set is not None else None
        ids_a, ids_b = list(side_a.index), list(side_b.index)
        position_b = {org_id: j for j, org_id in enumerate(ids_b)}
        rows_per_block = max(1, _BLOCK_CELLS // len(ids_b))
        for start in range(0, len(ids_a), rows_per_block):
            stop = min(start + rows_per_block, len(ids_a))
            shared = _POPCOUNT[masks_a[start:stop, None] & masks_b[None, :]]
            same = (states_a[start:stop, None] == states_b[None, :]) & (states_a[start:stop, None] != "")
            scores = (2 * shared + same).astype(np.int16)
            scores[shared == 0] = -1
            if focus_a is not None:
                scores[~(focus_a[start:stop, None] | focus_b[None, :])] = -1
            for i in range(start, stop):
                for other in related.get(ids_a[i], ()):
                    if other in position_b:
                        scores[i - start, position_b[other]] = -1
            for flat in _top_indices(scores, limit):
                i, j = divmod(int(flat), len(ids_b))
                found.append((int(scores[i, j]), pair_rank, start + i, j, ids_a[start + i], ids_b[j], group_a, group_b))
    columns = ["score", "pair_rank", "i", "j", "id_a", "id_b", "group_a", "group_b"]
    if not found:
        return pd.DataFrame(columns=OPPORTUNITY_COLUMNS)
    frame = pd.DataFrame(found, columns=columns).sort_values(
        ["score", "pair_rank", "i", "j"], ascending=[False, True, True, True]
    )
    frame = frame.head(limit)
    return _describe_pairs(frame, orgs)


def _describe_pairs(frame: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for pair in frame.itertuples(index=False):
        areas_a, areas_b = orgs.at[pair.id_a, "action_areas"], orgs.at[pair.id_b, "action_areas"]
        shared = [a for a in schema.ACTION_AREAS if a in areas_a and a in areas_b]
        state_a, state_b = orgs.at[pair.id_a, "hq_state"], orgs.at[pair.id_b, "hq_state"]
        same = bool(state_a) and state_a == state_b
        label_a, label_b = schema.group_label(pair.group_a), schema.group_label(pair.group_b)
        rows.append(
            {
                "id_a": pair.id_a,
                "name_a": orgs.at[pair.id_a, "name"],
                "group_a": label_a,
                "id_b": pair.id_b,
                "name_b": orgs.at[pair.id_b, "name"],
                "group_b": label_b,
                "shared_areas": len(shared),
                "same_state": same,
                "reason": _join(
                    f"{label_a} and {label_b} complement each other",
                    areas_phrase(shared, named=True),
                    state_phrase(state_a) if same else "",
                    "no known relationship",
                ),
            }
        )
    return pd.DataFrame(rows, columns=OPPORTUNITY_COLUMNS)


# --- Export ---------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of a frame with every text cell (and header) neutralised against formula injection."""
    safe = frame.map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")

"""Lookups in the map content (Dataset.content) for the stakeholder guide, action areas and resources.

All functions are pure: they take the content tables or the organizations frame and return
small values or frames with readable labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lermap import counts, schema
from lermap.dataset import normalise_text

# An action area with this many organizations of a group or fewer counts as "few" for that group.
FEW_IN_AREA = counts.THIN_CELL


@dataclass(frozen=True)
class ValueCase:
    """One business or social value case of a group, as the map states it."""

    kind: str
    title: str
    description: str


@dataclass(frozen=True)
class GroupProfile:
    """What the map says about one stakeholder group."""

    id: str
    name: str
    definition: str
    examples: str
    quote_text: str = ""
    quote_attribution: str = ""
    roles: dict[str, list[str]] = field(default_factory=dict)  # stage id -> roles, in map order
    actions: dict[str, list[str]] = field(default_factory=dict)  # area id -> actions, in map order
    value_cases: tuple[ValueCase, ...] = ()

    @property
    def has_quote(self) -> bool:
        return bool(self.quote_text.strip())


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _ordered(frame: pd.DataFrame, key: str, order: object, value: str) -> dict[str, list[str]]:
    frame = frame.sort_values("position")
    return {k: [_text(v) for v in frame.loc[frame[key] == k, value]] for k in order if (frame[key] == k).any()}  # type: ignore[union-attr]


def group_profile(content: dict[str, pd.DataFrame], group_id: str) -> GroupProfile | None:
    """The map's profile of a group, or None when the id is not a stakeholder group."""
    if group_id not in schema.STAKEHOLDER_GROUPS:
        return None
    groups = content["stakeholder_groups"]
    rows = groups[groups["id"] == group_id]
    row = rows.iloc[0] if not rows.empty else pd.Series(dtype=object)
    roles = content["group_stage_roles"]
    actions = content["group_area_actions"]
    cases = content["value_cases"]
    cases = cases[cases["group_id"] == group_id].sort_values(["kind", "position"])
    return GroupProfile(
        id=group_id,
        name=_text(row.get("name")) or schema.group_label(group_id),
        definition=_text(row.get("definition")) or schema.STAKEHOLDER_GROUPS[group_id].help,
        examples=_text(row.get("examples")),
        quote_text=_text(row.get("quote_text")),
        quote_attribution=_text(row.get("quote_attribution")),
        roles=_ordered(roles[roles["group_id"] == group_id], "stage_id", schema.JOURNEY_STAGES, "role"),
        actions=_ordered(actions[actions["group_id"] == group_id], "area_id", schema.ACTION_AREAS, "action"),
        value_cases=tuple(
            ValueCase(_text(c.kind), _text(c.title), _text(c.description)) for c in cases.itertuples(index=False)
        ),
    )


def roles_matrix(content: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Groups x journey stages: how many roles the map gives each group at each stage."""
    roles = content["group_stage_roles"]
    table = pd.crosstab(roles["group_id"], roles["stage_id"]) if len(roles) else pd.DataFrame()
    table = table.reindex(index=list(schema.STAKEHOLDER_GROUPS), columns=list(schema.JOURNEY_STAGES), fill_value=0)
    table = table.fillna(0).astype(int)
    table.index = pd.Index([schema.group_label(g) for g in table.index], name="Stakeholder group")
    table.columns = [schema.JOURNEY_STAGES[s].label for s in table.columns]
    return table


def area_description(content: dict[str, pd.DataFrame], area_id: str) -> str:
    """The map's description of an action area (the schema's help text if the content lacks it)."""
    areas = content["action_areas"]
    rows = areas[areas["id"] == area_id]
    text = _text(rows.iloc[0]["description"]) if not rows.empty else ""
    return text or schema.ACTION_AREAS[area_id].help


def area_actions(content: dict[str, pd.DataFrame], area_id: str) -> dict[str, list[str]]:
    """Group id -> the group's actions in one action area, in schema order of the groups."""
    actions = content["group_area_actions"]
    return _ordered(actions[actions["area_id"] == area_id], "group_id", schema.STAKEHOLDER_GROUPS, "action")


def group_organizations(orgs: pd.DataFrame, group_id: str) -> pd.DataFrame:
    """The organizations in a group (primary or secondary), primary members first, then by name."""
    members = orgs[orgs["groups"].map(lambda groups: group_id in groups)]
    order = sorted(
        members.index, key=lambda i: (members.at[i, "primary_group"] != group_id, members.at[i, "name"].casefold())
    )
    return members.loc[order]


def area_organizations(orgs: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The organizations active in an action area."""
    return orgs[orgs["action_areas"].map(lambda areas: area_id in areas)]


def sparse_groups(by_group: pd.DataFrame, limit: int = FEW_IN_AREA) -> pd.DataFrame:
    """Rows of a counts.by_group table with `limit` organizations or fewer, fewest first."""
    few = by_group[by_group["Organizations"] <= limit]
    return few.sort_values(["Organizations", "Stakeholder group"])


def resource_table(content: dict[str, pd.DataFrame], orgs: pd.DataFrame) -> pd.DataFrame:
    """Resources with the ids of their authoring organizations that are in the dataset."""
    resources = content["resources"].copy()
    authors = content["resource_authors"]
    authors = authors[authors["organization_id"].isin(orgs.index)]
    by_resource = authors.groupby("resource_id")["organization_id"].agg(tuple)
    resources["author_ids"] = resources["id"].map(by_resource).map(lambda v: v if isinstance(v, tuple) else ())
    return resources


def search_resources(
    resources: pd.DataFrame, query: str = "", categories: frozenset[str] | set[str] = frozenset()
) -> pd.DataFrame:
    """Resources in any of `categories` (all when empty) whose title, author or category has every word."""
    result = resources
    if categories:
        result = result[result["category"].isin(categories)]
    words = normalise_text(query).split()
    if words:
        haystack = (result["title"] + " " + result["author"] + " " + result["category"]).map(normalise_text)
        for word in words:
            result = result[haystack[result.index].str.contains(word, regex=False)]
    return result

"""Counts behind the charts: pure functions from frames to small tables with readable labels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lermap import schema

# A group x area cell with this many organizations or fewer is "thin".
THIN_CELL = 2


def kpis(orgs: pd.DataFrame, rels: pd.DataFrame) -> dict[str, int]:
    """Headline numbers for a set of organizations and the relationships among them."""
    groups = {g for gs in orgs["groups"] for g in gs}
    areas = {a for areas in orgs["action_areas"] for a in areas}
    states = set(orgs["hq_state"]) - {""}
    return {
        "organizations": len(orgs),
        "stakeholder_groups": len(groups),
        "action_areas": len(areas),
        "relationships": len(rels),
        "states": len(states),
    }


def _exploded_counts(column: pd.Series) -> pd.Series:
    values = column.explode()
    return values[values.notna()].value_counts()


def indicators(column: pd.Series, ids: object) -> pd.DataFrame:
    """One boolean column per id: whether each row's tuple holds it."""
    keys = list(ids)  # type: ignore[call-overload]
    position = {key: i for i, key in enumerate(keys)}
    matrix = np.zeros((len(column), len(keys)), dtype=bool)
    for row, values in enumerate(column):
        for value in values:
            if value in position:
                matrix[row, position[value]] = True
    return pd.DataFrame(matrix, index=column.index, columns=keys)


def by_group(orgs: pd.DataFrame) -> pd.DataFrame:
    """Per stakeholder group: organizations with it as primary group, as a secondary one, and in all."""
    primary = orgs["primary_group"].value_counts()
    secondary = _exploded_counts(orgs["secondary_groups"])
    total = _exploded_counts(orgs["groups"])
    return pd.DataFrame(
        [
            {
                "group_id": group.id,
                "Stakeholder group": group.label,
                "Primary": int(primary.get(group.id, 0)),
                "Secondary": int(secondary.get(group.id, 0)),
                "Organizations": int(total.get(group.id, 0)),
            }
            for group in schema.STAKEHOLDER_GROUPS.values()
        ]
    )


def by_area(orgs: pd.DataFrame) -> pd.DataFrame:
    """Per action area: how many organizations are active in it."""
    counts = _exploded_counts(orgs["action_areas"])
    return pd.DataFrame(
        [
            {"area_id": area.id, "Action area": area.label, "Organizations": int(counts.get(area.id, 0))}
            for area in schema.ACTION_AREAS.values()
        ]
    )


def coverage(orgs: pd.DataFrame) -> pd.DataFrame:
    """Group x action area counts: rows are group labels, columns area labels."""
    groups = indicators(orgs["groups"], schema.STAKEHOLDER_GROUPS)
    areas = indicators(orgs["action_areas"], schema.ACTION_AREAS)
    matrix = groups.astype(int).T @ areas.astype(int)
    matrix.index = pd.Index([schema.group_label(g) for g in matrix.index], name="Stakeholder group")
    matrix.columns = [schema.area_label(a) for a in matrix.columns]
    return matrix.astype(int)


def thin_cells(matrix: pd.DataFrame, limit: int = THIN_CELL) -> pd.DataFrame:
    """The group x area cells with `limit` organizations or fewer, thinnest first."""
    cells = matrix.stack().rename("Organizations").reset_index()
    cells.columns = ["Stakeholder group", "Action area", "Organizations"]
    return cells[cells["Organizations"] <= limit].sort_values(["Organizations", "Stakeholder group"])


def by_state(orgs: pd.DataFrame) -> pd.DataFrame:
    """Organizations per U.S. headquarters state (states with at least one)."""
    states = orgs.loc[orgs["hq_state"] != "", "hq_state"].value_counts()
    frame = states.rename_axis("state").reset_index(name="Organizations")
    frame["State"] = frame["state"].map(schema.US_STATES)
    return frame[["state", "State", "Organizations"]].sort_values(["Organizations", "state"], ascending=[False, True])


def by_relation(rels: pd.DataFrame) -> pd.DataFrame:
    """Relationships per relation type, labelled."""
    counts = rels["relation"].value_counts()
    rows = [
        {"relation": rel.id, "Relation": rel.label, "Relationships": int(counts.get(rel.id, 0))}
        for rel in schema.RELATIONS.values()
    ]
    return pd.DataFrame(rows).sort_values("Relationships", ascending=False)


def most_connected(orgs: pd.DataFrame, rels: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The organizations of `orgs` with the most relationships (either direction) in `rels`."""
    ids = set(orgs.index)
    ends = pd.Series([end for pair in zip(rels["source_id"], rels["target_id"], strict=True) for end in pair])
    degree = ends[[end in ids for end in ends]].value_counts()
    frame = degree.rename_axis("id").reset_index(name="Relationships").head(top)
    frame["Organization"] = frame["id"].map(orgs["name"])
    frame["Stakeholder group"] = frame["id"].map(orgs["primary_group"]).map(schema.group_label)
    return frame[["id", "Organization", "Stakeholder group", "Relationships"]]

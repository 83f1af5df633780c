"""The organization directory and profiles: tables with readable labels, relationships, similar organizations."""

from __future__ import annotations

import html

import pandas as pd

from lermap import schema
from lermap.contrast import readable_text_colour
from lermap.dataset import Dataset


def status_line(shown: int, total: int) -> str:
    """The directory's status line; its wording is part of the public contract."""
    return f"Showing {shown} of {total} organizations"


def _labels(ids: tuple[str, ...], label) -> str:
    return ", ".join(label(i) for i in ids)


def table(orgs: pd.DataFrame) -> pd.DataFrame:
    """Organizations as a table of names and labels (no raw ids), for st.dataframe and exports."""
    return pd.DataFrame(
        {
            "Organization": orgs["name"],
            "Stakeholder group": orgs["primary_group"].map(schema.group_label),
            "Other groups": orgs["secondary_groups"].map(lambda ids: _labels(ids, schema.group_label)),
            "Action areas": orgs["action_areas"].map(lambda ids: _labels(ids, schema.area_label)),
            "State": orgs["hq_state"],
            "Country": orgs["country"],
            "Website": orgs["website"].replace("", None),
            "Description": orgs["description"],
            "Source": orgs["source_url"],
        },
        index=orgs.index,
    )


def export_frame(orgs: pd.DataFrame) -> pd.DataFrame:
    """Organizations in the dataset's own column layout (ids, ';'-lists), for CSV/Excel/JSON export."""
    frame = orgs.copy()
    for column in ("secondary_groups", "action_areas", "tags"):
        frame[column] = frame[column].map(";".join)
    columns = [c for c in schema.ORGANIZATIONS.column_names if c in frame.columns]
    return frame[columns].reset_index(drop=True)


def relationships_of(ds: Dataset, org_id: str) -> pd.DataFrame:
    """Every relationship of an organization, in both directions, phrased from its side."""
    rels = ds.relationships
    rows = []
    for rel in rels[(rels["source_id"] == org_id) | (rels["target_id"] == org_id)].itertuples(index=False):
        outgoing = rel.source_id == org_id
        other = rel.target_id if outgoing else rel.source_id
        label = schema.relation_label(rel.relation)
        if not outgoing and rel.relation not in schema.SYMMETRIC_RELATIONS:
            label = f"{label} (from the other side)"
        rows.append(
            {
                "Direction": "outgoing" if outgoing else "incoming",
                "Relation": label,
                "Organization": ds.org_name(other),
                "other_id": other,
                "Notes": rel.notes,
                "Source": rel.source_url,
            }
        )
    columns = ["Direction", "Relation", "Organization", "other_id", "Notes", "Source"]
    return pd.DataFrame(rows, columns=columns)


def similar(ds: Dataset, org_id: str, top: int = 5) -> pd.DataFrame:
    """Organizations sharing the most action areas and groups with `org_id`, with the reason for each."""
    orgs = ds.organizations
    if org_id not in orgs.index:
        return pd.DataFrame(columns=["id", "Organization", "Reason", "score"])
    me = orgs.loc[org_id]
    my_areas, my_groups = set(me["action_areas"]), set(me["groups"])
    shared_areas = orgs["action_areas"].map(lambda areas: len(my_areas & set(areas)))
    shared_groups = orgs["groups"].map(lambda groups: len(my_groups & set(groups)))
    same_state = (orgs["hq_state"] == me["hq_state"]) & (me["hq_state"] != "")
    score = shared_areas * 2 + shared_groups * 3 + same_state.astype(int)
    candidates = pd.DataFrame(
        {"score": score, "areas": shared_areas, "groups": shared_groups, "state": same_state, "name": orgs["name"]}
    )
    candidates = candidates.drop(index=org_id)
    candidates = candidates[(candidates["areas"] > 0) & (candidates["groups"] > 0)]
    candidates = candidates.sort_values(["score", "name"], ascending=[False, True]).head(top)

    def reason(row: pd.Series, other: str) -> str:
        parts = []
        groups = sorted(my_groups & set(orgs.at[other, "groups"]), key=list(schema.STAKEHOLDER_GROUPS).index)
        parts.append("both " + " and ".join(schema.group_label(g) for g in groups))
        areas = sorted(my_areas & set(orgs.at[other, "action_areas"]), key=list(schema.ACTION_AREAS).index)
        parts.append(f"shares {len(areas)} action area{'s' if len(areas) != 1 else ''} ("
                     + ", ".join(schema.area_label(a) for a in areas) + ")")  # fmt: skip
        if row["state"]:
            parts.append(f"both in {schema.US_STATES.get(me['hq_state'], me['hq_state'])}")
        return "; ".join(parts)

    return pd.DataFrame(
        {
            "id": candidates.index,
            "Organization": candidates["name"].values,
            "Reason": [reason(row, other) for other, row in candidates.iterrows()],
            "score": candidates["score"].values,
        }
    )


# Black or white, whichever reads better on a badge's colour (WCAG contrast).
text_colour = readable_text_colour


def group_badge(group_id: str) -> str:
    """An escaped HTML badge for a stakeholder group, in the group's colour."""
    choice = schema.STAKEHOLDER_GROUPS.get(group_id)
    colour = choice.colour if choice else "#666666"
    label = html.escape(choice.label if choice else group_id)
    return (
        f'<span style="background:{colour};color:{text_colour(colour)};border-radius:0.6rem;'
        f'padding:0.1rem 0.55rem;font-size:0.85rem;white-space:nowrap;display:inline-block;margin:0 0.2rem 0.2rem 0">'
        f"{label}</span>"
    )

"""Stakeholder guide: what the map says about each group, and its organizations in the dataset (?group=ID)."""

from __future__ import annotations

import streamlit as st

from lermap import charts, guide, schema, ui
from lermap.glossary import escape_markdown, link_terms

ds, spec = ui.context()
terms = ds.content["glossary"]
groups = list(schema.STAKEHOLDER_GROUPS)

st.title("Stakeholder guide")
st.markdown("The ten stakeholder groups of the LER Ecosystem Map: who they are, what they do at each stage, and why.")
unknown = ui.unknown_url_value("group", groups)
group_id = st.selectbox(
    "Stakeholder group",
    options=groups,
    index=None,
    key="group",
    bind="query-params",
    placeholder="Choose a group",
    help=" ".join(f"**{c.id}**: {c.label}." for c in schema.STAKEHOLDER_GROUPS.values()),
)
if unknown:
    st.warning(
        f"Unknown stakeholder group '{ui.md(unknown)}' in the link; choose one of the ten groups.",
        icon=":material/warning:",
    )

profile = guide.group_profile(ds.content, group_id) if group_id else None
if profile:
    st.header(profile.name, anchor=False)
    st.markdown(link_terms(profile.definition, terms))
    st.markdown("**Examples:** " + escape_markdown(profile.examples))
    if profile.has_quote:
        st.markdown("> " + escape_markdown(profile.quote_text))
        st.caption("— " + escape_markdown(profile.quote_attribution))

    left, right = st.columns(2)
    with left:
        st.subheader("Role at each journey stage", anchor=False)
        for stage_id, roles in profile.roles.items():
            st.markdown(f"**{schema.JOURNEY_STAGES[stage_id].label}**")
            st.markdown("\n".join("- " + link_terms(role, terms) for role in roles))
    with right:
        st.subheader("Actions per key action area", anchor=False)
        for area_id, actions in profile.actions.items():
            st.markdown(f"**[{schema.area_label(area_id)}](/action-areas?area={area_id})**")
            st.markdown("\n".join("- " + link_terms(action, terms) for action in actions))

    st.subheader("Value cases", anchor=False)
    columns = dict(zip(("business", "social"), st.columns(2), strict=True))
    for kind, column in columns.items():
        column.markdown(f"**{kind.title()} case**")
        for case in (c for c in profile.value_cases if c.kind == kind):
            column.markdown(f"- **{escape_markdown(case.title)}**: {link_terms(case.description, terms)}")

    members = guide.group_organizations(ds.organizations, group_id)
    primary = int((members["primary_group"] == group_id).sum())
    st.subheader(f"{len(members)} organizations in the dataset", anchor=False)
    st.markdown(
        f"{primary} have it as their primary group, {len(members) - primary} as a secondary one. "
        f"[See them in the network](/network?role={group_id}) · "
        f"[List them in the directory](/organizations?role={group_id})"
    )
    if not members.empty:
        table = members.assign(
            Profile="/organizations?org=" + members["id"],
            Group=members["primary_group"].map(schema.group_label),
            State=members["hq_state"].map(lambda s: schema.US_STATES.get(s, "")),
        )[["name", "Group", "State", "Profile"]].rename(columns={"name": "Organization"})
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=min(36 * len(table) + 40, 360),
            column_config={"Profile": st.column_config.LinkColumn("Profile", display_text="Open profile")},
        )
else:
    st.info(
        "Choose a stakeholder group above, or read the matrix below to see who does what.",
        icon=":material/arrow_upward:",
    )

st.subheader("Who does what: roles per journey stage", anchor=False)
matrix = guide.roles_matrix(ds.content)
ui.chart(
    charts.roles_matrix,
    matrix,
    matrix.reset_index(),
    title="All groups × journey stages",
    caption="How many roles the map gives each group at each stage; darker means more. "
    "Choose a group above to read them.",
    key="chart_roles_matrix",
)

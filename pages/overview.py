"""Overview: headline numbers and charts of the filtered organizations."""

from __future__ import annotations

import streamlit as st

from lermap import charts, counts, filters, ui

ds, spec = ui.context()
orgs = filters.apply(ds, spec)
rels = filters.relationships_within(ds, orgs.index)

st.title("The LER ecosystem at a glance")
st.markdown(
    "Who develops, issues, uses and adopts **Learning and Employment Records**: "
    f"{len(ds.organizations)} real organizations from the {ds.source}, each with the page its facts come from."
)
if not spec.is_empty:
    st.info(f"Filtered by {ui.md(spec.describe())}. Showing {len(orgs)} of {len(ds.organizations)} organizations.")

kpi = counts.kpis(orgs, rels)
columns = st.columns(5)
columns[0].metric("Organizations", kpi["organizations"], help="Organizations that match the filters")
columns[1].metric("Stakeholder groups", kpi["stakeholder_groups"], help="Groups with at least one organization")
columns[2].metric("Action areas", kpi["action_areas"], help="Key action areas with at least one organization")
columns[3].metric("Relationships", kpi["relationships"], help="Sourced relationships touching these organizations")
columns[4].metric("States", kpi["states"], help="U.S. states where these organizations are headquartered")

if orgs.empty:
    st.warning("No organization matches these filters. Use **Clear filters** in the sidebar to see them all.")
    st.stop()

left, right = st.columns(2)
with left:
    table = counts.by_group(orgs)
    top = table.sort_values("Organizations", ascending=False).iloc[0]
    ui.chart(
        charts.by_group,
        table,
        table.drop(columns="group_id"),
        title="Organizations by stakeholder group",
        caption=f"{top['Stakeholder group']} is the largest group here with {top['Organizations']} organizations. "
        "An organization counts in its primary group and in each secondary group.",
        key="chart_by_group",
    )
with right:
    table = counts.by_area(orgs)
    top = table.sort_values("Organizations", ascending=False).iloc[0]
    low = table.sort_values("Organizations").iloc[0]
    ui.chart(
        charts.by_area,
        table,
        table.drop(columns="area_id"),
        title="Organizations by key action area",
        caption=f"{top['Action area']} has the most organizations ({top['Organizations']}); "
        f"{low['Action area']} the fewest ({low['Organizations']}).",
        key="chart_by_area",
    )

matrix = counts.coverage(orgs)
thin = counts.thin_cells(matrix)
ui.chart(
    charts.coverage_heatmap,
    matrix,
    matrix.reset_index(),
    title="Coverage: stakeholder groups × action areas",
    caption=f"{len(thin)} of {matrix.size} cells have {counts.THIN_CELL} organizations or fewer (marked ⚠): "
    "that is where the ecosystem needs more actors.",
    key="chart_coverage",
)

left, right = st.columns(2)
with left:
    table = counts.by_state(orgs)
    located = int(table["Organizations"].sum())
    ui.chart(
        charts.state_map,
        table,
        table.drop(columns="state"),
        title="Where they are headquartered",
        caption=f"{located} of {len(orgs)} organizations have a U.S. headquarters state in their source; "
        f"they are spread over {len(table)} state{'' if len(table) == 1 else 's'}.",
        key="chart_states",
    )
with right:
    table = counts.by_relation(rels)
    ui.chart(
        charts.by_relation,
        table,
        table.drop(columns="relation"),
        title="Relationships by type",
        caption=f"{len(rels)} sourced relationships touch these organizations; "
        f"the most common kind is '{table.iloc[0]['Relation'].lower()}'.",
        key="chart_relations",
    )

table = counts.most_connected(orgs, rels)
if not table.empty:
    ui.chart(
        charts.most_connected,
        table,
        table.drop(columns="id"),
        title="Most connected organizations",
        caption=f"{table.iloc[0]['Organization']} has the most known relationships ({table.iloc[0]['Relationships']}).",
        key="chart_connected",
    )

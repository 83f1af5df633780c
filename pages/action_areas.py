"""The four key action areas (?area=ID): description, every group's actions, organizations by group."""

from __future__ import annotations

import streamlit as st

from lermap import charts, counts, filters, guide, schema, ui
from lermap.glossary import link_terms

ds, spec = ui.context()
terms = ds.content["glossary"]
areas = list(schema.ACTION_AREAS)


def _choose() -> None:
    # The page's choice is the shared area filter, so ?area=ID and the sidebar stay one thing.
    choice = st.session_state.get("area_choice")
    st.session_state["area"] = [choice] if choice else []


st.title("The four key action areas")
current = next(iter(spec.areas)) if len(spec.areas) == 1 else None
st.session_state["area_choice"] = current
st.segmented_control("Action area", options=areas, format_func=schema.area_label, key="area_choice", on_change=_choose)
for value in ui.ignored_url_values("area"):
    st.warning(
        f"Unknown action area '{ui.md(value)}' in the link; choose one of the four areas.", icon=":material/warning:"
    )

if current is None:
    if len(spec.areas) > 1:
        st.info(
            "The sidebar filter holds several action areas; choose one above to read about it.",
            icon=":material/arrow_upward:",
        )
    orgs = filters.apply(ds, spec.without("areas"))
    table = counts.by_area(orgs).set_index("area_id")
    for column, area_id in zip(st.columns(2) * 2, areas, strict=True):
        with column.container(border=True):
            st.markdown(f"#### {schema.area_label(area_id)}")
            st.markdown(link_terms(guide.area_description(ds.content, area_id), terms))
            st.caption(f"{table.at[area_id, 'Organizations']} organizations active in it")
    st.stop()

st.header(schema.area_label(current), anchor=False)
st.markdown(link_terms(guide.area_description(ds.content, current), terms))
orgs = guide.area_organizations(filters.apply(ds, spec), current)
others = spec.without("areas")
if not others.is_empty:
    st.info(f"Organizations also filtered by {ui.md(others.describe())}.")

left, right = st.columns([3, 2])
with left:
    st.subheader("What each group does here", anchor=False)
    for group_id, actions in guide.area_actions(ds.content, current).items():
        st.markdown(f"**[{schema.group_label(group_id)}](/stakeholders?group={group_id})**")
        st.markdown("\n".join("- " + link_terms(action, terms) for action in actions))
with right:
    table = counts.by_group(orgs)
    top = table.sort_values("Organizations", ascending=False).iloc[0]
    ui.chart(
        charts.by_group,
        table,
        table.drop(columns="group_id"),
        title=f"{len(orgs)} organizations active here, by group",
        caption=f"{top['Stakeholder group']} has the most ({top['Organizations']}). "
        "An organization counts in its primary group and in each secondary group.",
        key="chart_area_groups",
    )
    few = guide.sparse_groups(table)
    st.subheader("Groups with few or no organizations here", anchor=False)
    if few.empty:
        st.markdown(f"Every group has more than {guide.FEW_IN_AREA} organizations in this area.")
    else:
        st.markdown(
            "\n".join(
                f"- [{row['Stakeholder group']}](/stakeholders?group={row['group_id']}): {row['Organizations']}"
                for _, row in few.iterrows()
            )
        )
        st.caption(f"Groups with {guide.FEW_IN_AREA} organizations or fewer: where the area needs more actors.")

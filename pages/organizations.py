"""Organization directory: status line, sortable table or cards, profiles (?org=ID) and exports."""

from __future__ import annotations

import streamlit as st

from lermap import directory, filters, schema, ui

ds, spec = ui.context()
orgs = filters.apply(ds, spec)
org_id = ui.selected_org(ds)

st.title("Organizations")
if org_id:
    org = ds.organizations.loc[org_id]
    with st.container(border=True, key="profile"):
        head, close = st.columns([5, 1], vertical_alignment="center")
        head.header(org["name"], anchor=False)
        close.button("Close", on_click=ui.select_org, args=("",), icon=":material/close:", help="Close this profile")
        st.html("".join(directory.group_badge(g) for g in org["groups"]))
        st.markdown("**Action areas:** " + (", ".join(schema.area_label(a) for a in org["action_areas"]) or "none"))
        st.markdown(ui.md(org["description"]))
        facts = [f"**Website:** {ui.link(org['website'])}" if org["website"] else "**Website:** not given"]
        place = ", ".join(p for p in (schema.US_STATES.get(org["hq_state"], ""), org["country"]) if p)
        facts.append(f"**Headquarters:** {place or 'not given in the source'}")
        facts.append(f"**Source of these facts:** {ui.link(org['source_url'])} ({org['provenance']})")
        if org["notes"]:
            facts.append(f"**Notes:** {ui.md(org['notes'])}")
        st.markdown("  \n".join(facts))
        st.page_link(
            "pages/network.py",
            label="See its neighbourhood in the network",
            icon=":material/hub:",
            query_params={"org": org_id},
        )
        relations = directory.relationships_of(ds, org_id)
        st.subheader(f"Relationships ({len(relations)})", anchor=False)
        if relations.empty:
            st.caption("No sourced relationship is known for this organization yet.")
        else:
            st.dataframe(
                relations.drop(columns="other_id"),
                hide_index=True,
                width="stretch",
                column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
            )
        similar = directory.similar(ds, org_id)
        st.subheader("Similar organizations", anchor=False)
        for row in similar.itertuples():
            st.button(
                f"{row.Organization}",
                key=f"similar_{row.id}",
                on_click=ui.select_org,
                args=(row.id,),
                help=row.Reason,
                type="tertiary",
            )
            st.caption(row.Reason)

st.markdown(f"**{directory.status_line(len(orgs), len(ds.organizations))}**")
if orgs.empty:
    st.info("No organization matches these filters. Use **Clear filters** in the sidebar to see them all.")
view = st.segmented_control("View", ["Table", "Cards"], default="Table", key="view", bind="query-params")
if view == "Cards":
    ui.org_cards(orgs)
else:
    event = st.dataframe(
        directory.table(orgs),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="directory_table",
        column_config={
            "Website": st.column_config.LinkColumn("Website", display_text=r"https?://(?:www\.)?([^/]+)"),
            "Source": st.column_config.LinkColumn("Source", display_text="source"),
            "Description": st.column_config.TextColumn("Description", width="large"),
        },
    )
    st.caption("Click a row's checkbox to open its profile; click a column header to sort.")
    rows = event.selection.rows if event else []
    picked = orgs.index[rows[0]] if rows and rows[0] < len(orgs) else ""
    if picked != st.session_state.get("_picked_row", ""):
        st.session_state["_picked_row"] = picked
        if picked:
            ui.select_org(picked)
            st.rerun()

st.subheader("Download", anchor=False)
ui.export_buttons(ds, spec, orgs, filters.relationships_within(ds, orgs.index))

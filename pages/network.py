"""Network: organizations and their sourced relationships, at fixed positions, with focus and metrics."""

from __future__ import annotations

import streamlit as st

from lermap import network, ui

ds, spec = ui.context()
full, positions, table = ui.network_model(ds)
names = ds.organizations["name"].to_dict()

st.title("Who is connected to whom")
st.markdown(
    "Each dot is an organization, coloured by its stakeholder group; each line is a sourced relationship. "
    "Positions are fixed, so filtering and focusing never move the map. Hover a dot for details; "
    "scroll to zoom, drag to pan."
)


def _focus_changed() -> None:
    ui.select_org(st.session_state["network_focus"] or "")


# The focus lives in the URL's `org` parameter (ids, shared with the Organizations page); a widget
# bound to the URL would store the display name there instead, so it is synced by hand.
if st.session_state.get("network_focus") != (ui.selected_org(ds) or None):
    st.session_state["network_focus"] = ui.selected_org(ds) or None
focus_col, hops_col, mode_col, size_col, hubs_col = st.columns([3, 1.3, 1.2, 1.4, 1.8])
focus = focus_col.selectbox(
    "Focus on an organization",
    options=list(ds.organizations.index),
    format_func=lambda org_id: names.get(org_id, org_id),
    index=None,
    key="network_focus",
    on_change=_focus_changed,
    placeholder="Type a name…",
    help="Shows the organization and its neighbourhood; the link keeps the focus (?org=ID).",
)
# The view's settings are in the link too (?hops=2&mode=Fade&size=Betweenness&hubs=Groups), so a
# shared or toured view opens as it was set; these widgets write their labels there.
hops = hops_col.select_slider("Hops", options=list(range(1, network.MAX_HOPS + 1)), value=1, disabled=not focus,
                              key="hops", bind="query-params",
                              help="How many relationships away from the focus to show.")  # fmt: skip
mode = mode_col.radio("Outside the filter", list(network.DISPLAY_MODES), format_func=network.DISPLAY_MODES.get,
                      key="mode", bind="query-params",
                      help="Hide organizations the filters or focus leave out, or show them faded.")  # fmt: skip
size_by = size_col.radio("Size by", list(network.SIZE_MEASURES), format_func=network.SIZE_MEASURES.get,
                         key="size", bind="query-params",
                         help="Degree: number of relationships. Betweenness: how often it lies on "
                         "the shortest path between two others (a broker).")  # fmt: skip
hubs = hubs_col.pills("Cluster around", network.HUB_KINDS, selection_mode="multi", format_func=str.title,
                      key="hubs", bind="query-params",
                      help="A hub node per stakeholder group or action area, linked to its organizations.")  # fmt: skip

view = network.View(spec=spec, mode=mode or "hide", focus=focus or "", hops=hops, hubs=tuple(hubs), size_by=size_by)
# The embed links vis-network from the app's own static folder (cached by the browser); the
# standalone download below inlines it.
current, page = network.render(ds, full, positions, table, view, assets_url=ui.static_url("vis-network/"))
relationships = sum(1 for *_e, kind in current.graph.edges(data="kind") if kind == "relationship")
what = f"around **{ui.md(names[focus])}** ({hops} hop{'s' * (hops > 1)})" if focus else ""
if not spec.is_empty:
    what += f" matching {ui.md(spec.describe())}"
st.markdown(
    f"Showing **{len(current.shown)}** of {len(ds.organizations)} organizations {what} "
    f"and {relationships} relationships{' (the rest faded)' if mode == 'fade' else ''}."
)
if not current.shown:
    st.warning("No organization matches. Use **Clear filters** in the sidebar or pick another focus.")

st.iframe(page, height=network.HEIGHT_PX + 80)
st.caption(
    "Layout: Fruchterman-Reingold, computed once for the whole dataset with each organization drawn "
    "towards its stakeholder group. Sizes and the table are measured on the whole network."
)

st.subheader("Connectors and centrality", anchor=False)
shown_table = network.display_table(table, current.shown)
connectors = shown_table[shown_table["Connector"]]
st.markdown(
    f"**{len(connectors)}** connector(s) link organizations of two or more other stakeholder groups"
    + (f", led by {', '.join(ui.md(n) for n in connectors['Organization'].head(5))}." if len(connectors) else ".")
)
styled = shown_table.style.apply(
    lambda row: ["background-color: #fff3c4" if row["Connector"] else "" for _ in row], axis=1
) if len(shown_table) <= 2000 else shown_table  # fmt: skip
st.dataframe(styled, hide_index=True, width="stretch", height=320,
             column_config={"Betweenness": st.column_config.NumberColumn(format="%.4f")})  # fmt: skip

alone = [n for n in network.isolated(full) if n in current.shown]
with st.expander(f"{len(alone)} organization(s) shown without a known relationship"):
    st.markdown(", ".join(ui.md(names[n]) for n in alone) or "None: every organization shown has a relationship.")

exported = current.graph.subgraph(n for n in current.graph if n not in current.faded)
st.markdown("**Download this view**")
gexf, graphml, standalone = st.columns(3)
gexf.download_button("GEXF (Gephi)", lambda: network.to_gexf(exported, positions), "lermap-network.gexf",
                     mime="application/xml", icon=":material/download:", on_click="ignore")  # fmt: skip
graphml.download_button("GraphML", lambda: network.to_graphml(exported, positions), "lermap-network.graphml",
                        mime="application/xml", icon=":material/download:", on_click="ignore")  # fmt: skip
standalone.download_button("Standalone HTML", lambda: network.render(ds, full, positions, table, view)[1],
                           "lermap-network.html", mime="text/html", icon=":material/download:", on_click="ignore",
                           help="The same map, offline in any browser.")  # fmt: skip

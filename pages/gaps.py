"""Gaps & opportunities: thin coverage, an equity lens, and pairs of organizations that should meet."""

from __future__ import annotations

import streamlit as st

from lermap import charts, counts, filters, fit, guide, schema, ui

ds, spec = ui.context()
orgs = filters.apply(ds, spec)

st.title("Gaps & opportunities")
st.markdown(
    "Where the ecosystem is thin, who is least represented, and which organizations could start a conversation."
)
if not spec.is_empty:
    st.info(f"Filtered by {ui.md(spec.describe())}: {len(orgs)} of {len(ds.organizations)} organizations.")

matrix = counts.coverage(orgs)
ui.chart(
    charts.coverage_heatmap,
    matrix,
    matrix.reset_index(),
    title="Organizations per group and action area",
    caption=f"Cells with {counts.THIN_CELL} organizations or fewer are marked ⚠.",
    key="chart_gaps_coverage",
)
left, right = st.columns(2)
with left:
    roles = guide.roles_matrix(ds.content)
    ui.chart(
        charts.roles_matrix,
        roles,
        roles.reset_index(),
        title="Roles the map gives each group per stage",
        caption="From the map's content: a group with roles at a stage but few organizations is a gap to fill.",
        key="chart_gaps_roles",
    )
with right:
    st.markdown("#### Thinnest cells")
    st.dataframe(fit.thinnest_cells(orgs, top=10), hide_index=True, width="stretch")
    st.download_button(
        "Coverage, all cells ranked (CSV)",
        fit.export_csv(fit.thinnest_cells(orgs, top=len(schema.STAKEHOLDER_GROUPS) * len(schema.ACTION_AREAS))),
        "lermap-coverage.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
    )

st.subheader("Equity lens: who is least represented", anchor=False)
represented = fit.representation(orgs)
people = represented[represented["Works directly with people"]]
st.markdown(
    "Of the map's groups, these work directly with people (lermap's lens): "
    + "; ".join(
        f"**{r['Stakeholder group']}** {r['Organizations']} organizations ({r['Share']}%), thinnest in "
        f"{r['Thinnest action areas']}"
        for _, r in people.iterrows()
    )
    + "."
)
st.dataframe(represented.drop(columns="group_id"), hide_index=True, width="stretch",
             column_config={"Share": st.column_config.NumberColumn("Share (%)", format="%.1f")})  # fmt: skip

st.subheader("Collaboration opportunities", anchor=False)
pairs = fit.opportunities(ds.organizations, ds.relationships, focus=None if spec.is_empty else orgs.index, limit=100)
st.markdown(
    f"{len(pairs)} pairs of organizations from complementary groups that share action areas and have no known "
    "relationship, best first" + ("" if spec.is_empty else " (at least one of each pair matches the filters)") + "."
)
st.caption("Score: 2 per shared action area, plus 1 when both are headquartered in the same state.")
with st.expander("Which groups complement each other (lermap's table)"):
    st.markdown(
        "\n".join(
            f"- **{schema.group_label(g)}** → {', '.join(schema.group_label(o) for o in others)}"
            for g, others in fit.COMPLEMENTS.items()
        )
    )
shown = pairs.rename(columns={"name_a": "Organization", "group_a": "Group", "name_b": "Could meet",
                              "group_b": "Their group", "reason": "Why"})  # fmt: skip
st.dataframe(shown[["Organization", "Group", "Could meet", "Their group", "Why"]], hide_index=True,
             width="stretch", height=400)  # fmt: skip
st.download_button(
    "Opportunities (CSV)",
    fit.export_csv(pairs),
    "lermap-opportunities.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
)

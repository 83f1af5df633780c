""" "Where do you fit?": a guided path for a visitor (?group=ID&areas=ID&home_state=XX), on one screen."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from lermap import fit, guide, schema, ui
from lermap.glossary import escape_markdown, link, link_terms, org_link

ds, spec = ui.context()
terms = ds.content["glossary"]
groups, areas, states = list(schema.STAKEHOLDER_GROUPS), list(schema.ACTION_AREAS), list(schema.US_STATES)


def _use_traits() -> None:
    suggested = fit.group_from_traits(t.id for t in fit.TRAITS if st.session_state.get(f"trait_{t.id}"))
    if suggested:
        st.session_state["group"] = suggested


st.title("Where do you fit?")
unknown = ui.unknown_url_value("group", groups)
columns = st.columns([3, 4, 2])
group_id = columns[0].selectbox(
    "Your stakeholder group", groups, index=None, key="group", bind="query-params", placeholder="Choose a group"
)
chosen_areas = columns[1].multiselect(
    "Action areas you care about", areas, key="areas", bind="query-params", placeholder="Any action area"
)
home_state = columns[2].selectbox(
    "Your state (optional)", states, index=None, key="home_state", bind="query-params", placeholder="Any"
)
if unknown:
    st.warning(f"Unknown stakeholder group {unknown!r} in the link; choose your group above.", icon="⚠️")
with st.expander("Not sure of your group? Describe your organization", expanded=group_id is None):
    for trait in fit.TRAITS:
        st.checkbox(trait.statement, key=f"trait_{trait.id}")
    st.button("Suggest my group", on_click=_use_traits, icon=":material/lightbulb:")
    st.caption("Each statement paraphrases one group's definition in the map; the first one ticked decides.")
if group_id is None:
    st.stop()

visitor = fit.Visitor(group_id, tuple(chosen_areas), home_state or "")
profile = guide.group_profile(ds.content, group_id)
label = schema.group_label(group_id)
where = f" in {schema.US_STATES[home_state]}" if home_state else ""
focus = ", ".join(schema.area_label(a) for a in chosen_areas) or "all action areas"
st.subheader(f"{label}{where}, working on {focus}", anchor=False)

left, middle, right = st.columns(3)
with left:
    st.markdown(f"**What {escape_markdown(label)} do at each stage**")
    st.markdown(
        "\n".join(
            f"- **{schema.JOURNEY_STAGES[s].label}**: {link_terms(roles[0], terms)}"
            for s, roles in profile.roles.items()
        )
    )
    st.markdown(f"[Full guide for {escape_markdown(label)}](/stakeholders?group={group_id})")
with middle:
    st.markdown("**Your value proposition**")
    st.markdown("\n".join(f"- *{c.kind.title()}*: {escape_markdown(c.title)}" for c in profile.value_cases))
    st.markdown("**Relevant resources**")
    resources = fit.relevant_resources(guide.resource_table(ds.content, ds.organizations), ds.organizations, visitor, 4)
    st.markdown(
        "\n".join(f"- {link(r.title, r.url)}  \n  :small[{escape_markdown(r.reason)}]" for r in resources.itertuples())
    )
with right:
    similar = fit.similar_organizations(ds.organizations, visitor, limit=5)
    st.markdown("**Most like you**")
    for row in similar.itertuples():
        st.markdown(f"{org_link(row.id, row.name)}  \n:small[{escape_markdown(row.reason)}]")
    if similar.empty:
        st.caption("No organization in the dataset shares your group and areas yet.")

meet = fit.organizations_to_meet(ds.organizations, visitor, limit=6)
st.markdown("**Organizations you would most benefit from meeting**")
if meet.empty:
    st.caption("No organization of a complementary group is active in your areas yet.")
for column, row in zip(st.columns(3) * 2, meet.itertuples(), strict=False):
    column.markdown(
        f"{org_link(row.id, row.name)} · {escape_markdown(row.group)}  \n:small[{escape_markdown(row.reason)}]"
    )

params = {"group": group_id, "areas": list(chosen_areas), **({"home_state": home_state} if home_state else {})}
base = (st.context.url or "").rstrip("/") or "/fit"
st.markdown("**Share this view**")
st.code(f"{base}?{urlencode(params, doseq=True)}", language=None)

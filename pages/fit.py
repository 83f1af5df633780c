""" "Where do you fit?": a guided path for a visitor (?group=ID&areas=ID&home_state=XX), on one screen."""

from __future__ import annotations

from textwrap import shorten as _shorten
from urllib.parse import urlencode

import streamlit as st

from lermap import fit, guide, schema, ui
from lermap.glossary import escape_markdown, link, link_terms, org_link

ds, spec = ui.context()
terms = ds.content["glossary"]
groups, areas, states = list(schema.STAKEHOLDER_GROUPS), list(schema.ACTION_AREAS), list(schema.US_STATES)


def shorten(text: str) -> str:
    """The map's text cut at a word to two short lines; the full text is in the stakeholder guide."""
    return _shorten(text, width=70, placeholder=" …")


def _use_traits() -> None:
    suggested = fit.group_from_traits(t.id for t in fit.TRAITS if st.session_state.get(f"trait_{t.id}"))
    if suggested:
        st.session_state["group"] = suggested


# A facilitator screen-shares this page at 1280x720: less empty space above the title.
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
    ".st-key-fit_result p,.st-key-fit_result li{font-size:0.85rem;line-height:1.3;margin-bottom:0.1rem}</style>"
)
st.title("Where do you fit?")
unknown = ui.unknown_url_value("group", groups)
if unknown:
    st.warning(
        f"Unknown stakeholder group '{ui.md(unknown)}' in the link; choose your group below.", icon=":material/warning:"
    )
answers = "Your answers" if st.session_state.get("group") or st.query_params.get("group") else "Tell us who you are"
with st.expander(answers, expanded=not (st.session_state.get("group") or st.query_params.get("group"))):
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
    st.markdown("**Not sure of your group? Describe your organization**")
    for trait in fit.TRAITS:
        st.checkbox(trait.statement, key=f"trait_{trait.id}")
    st.button("Suggest my group", on_click=_use_traits, icon=":material/lightbulb:")
    st.caption("Each statement paraphrases one group's definition in the map; the first one ticked decides.")
if group_id is None:
    st.info(
        "Choose your stakeholder group above, or describe your organization to find it.", icon=":material/arrow_upward:"
    )
    st.stop()

visitor = fit.Visitor(group_id, tuple(chosen_areas), home_state or "")
profile = guide.group_profile(ds.content, group_id)
label = schema.group_label(group_id)
where = f" in {schema.US_STATES[home_state]}" if home_state else ""
focus = ", ".join(schema.area_label(a) for a in chosen_areas) or "all action areas"
params = {"group": group_id, "areas": list(chosen_areas), **({"home_state": home_state} if home_state else {})}
base = (st.context.url or "").rstrip("/") or "/fit"
st.markdown(f"#### {escape_markdown(label)}{where} · {focus}")
st.code(f"{base}?{urlencode(params, doseq=True)}", language=None, wrap_lines=True)
st.caption("Share this view: copy the link above (the button on its right copies it).")


def _items(lines: list[str]) -> None:
    st.markdown("\n".join(f"- {line}" for line in lines) or "None yet in the dataset.")


result = st.container(key="fit_result")
top = result.columns(3)
with top[0]:
    st.markdown(f"**What [{escape_markdown(label)}](/stakeholders?group={group_id}) do at each stage**")
    _items(
        [
            f"**{schema.JOURNEY_STAGES[s].label}**: {link_terms(shorten(roles[0]), terms)}"
            for s, roles in profile.roles.items()
        ]
    )
with top[1]:
    st.markdown("**Your value proposition**")
    _items(
        [
            f"*{kind.title()}*: " + " · ".join(escape_markdown(c.title) for c in profile.value_cases if c.kind == kind)
            for kind in ("business", "social")
        ]
    )
with top[2]:
    st.markdown("**Relevant resources**")
    resources = fit.relevant_resources(guide.resource_table(ds.content, ds.organizations), ds.organizations, visitor, 3)
    _items([f"{link(r.title, r.url)}: {escape_markdown(r.reason)}" for r in resources.itertuples()])

bottom = result.columns(2)
with bottom[0]:
    st.markdown("**Organizations most like you**")
    similar = fit.similar_organizations(ds.organizations, visitor, limit=4)
    _items([f"{org_link(r.id, r.name)}: {escape_markdown(r.reason)}" for r in similar.itertuples()])
with bottom[1]:
    st.markdown("**Organizations to meet**")
    meet = fit.organizations_to_meet(ds.organizations, visitor, limit=4)
    _items([f"{org_link(r.id, r.name)}: {escape_markdown(r.reason)}" for r in meet.itertuples()])

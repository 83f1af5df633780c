"""Suggest a change: a new organization, a correction, or a relationship, checked then moderated."""

from __future__ import annotations

import streamlit as st

from lermap import contributions, schema, ui

LIMITS = contributions.FIELD_LIMITS
LIMIT = contributions.DEFAULT_FIELD_LIMIT


def organization_form(key: str, current: dict[str, str], *, correction: bool) -> tuple[dict[str, str], str] | None:
    """The organization fields, prefilled from `current`; returns (row, submitter) when submitted."""
    with st.form(key, clear_on_submit=not correction):
        left, right = st.columns(2)
        row = {
            "id": current.get("id", "")
            if correction
            else left.text_input("Id (kebab-case, e.g. my-organization)", max_chars=LIMITS["id"]),
            "name": right.text_input("Name", current.get("name", ""), max_chars=LIMITS["name"]),
        }
        groups = list(schema.STAKEHOLDER_GROUPS)
        primary = current.get("primary_group", "")
        row["primary_group"] = left.selectbox(
            "Primary stakeholder group", groups, index=groups.index(primary) if primary in groups else None,
            format_func=schema.group_label,
        ) or ""  # fmt: skip
        row["secondary_groups"] = ";".join(
            right.multiselect(
                "Other stakeholder groups", groups, [g for g in current.get("secondary_groups", "").split(";") if g],
                format_func=schema.group_label,
            )
        )  # fmt: skip
        row["action_areas"] = ";".join(
            st.multiselect(
                "Key action areas", list(schema.ACTION_AREAS),
                [a for a in current.get("action_areas", "").split(";") if a], format_func=schema.area_label,
            )
        )  # fmt: skip
        row["description"] = st.text_area(
            "Description (one sentence, your own words)",
            current.get("description", ""),
            max_chars=LIMITS["description"],
        )
        left, right = st.columns(2)
        row["website"] = left.text_input("Website (http or https)", current.get("website", ""), max_chars=500)
        row["source_url"] = right.text_input(
            "Source: the page these facts come from", current.get("source_url", ""), max_chars=500
        )
        states = ["", *schema.US_STATES]
        state = current.get("hq_state", "")
        row["hq_state"] = left.selectbox(
            "Headquarters state", states, index=states.index(state) if state in states else 0,
            format_func=lambda s: schema.US_STATES.get(s, "(none or outside the U.S.)"),
        )  # fmt: skip
        row["country"] = right.text_input("Country (two letters, e.g. US)", current.get("country", ""), max_chars=2)
        row["tags"] = left.text_input("Tags (kebab-case, ';'-separated)", current.get("tags", ""), max_chars=300)
        row["notes"] = right.text_input("Notes for the moderator", current.get("notes", ""), max_chars=LIMIT)
        submitter = st.text_input("Your name or email (optional)", max_chars=contributions.SUBMITTER_LIMIT)
        if st.form_submit_button("Send the suggestion", type="primary"):
            return contributions.clean_row(schema.ORGANIZATIONS, row), submitter
    return None


if ui.read_only():
    st.error("This map is read-only: suggestions are switched off.")
    st.stop()

result = ui.shared_result()
ds = result.dataset
known = set(ds.organizations.index) if ds is not None else set()

st.title("Suggest a change")
st.markdown(
    "Add an organization, correct one, or record a relationship between two. Every suggestion is checked "
    "like the dataset and then read by a moderator; once approved it appears in the map for everyone, "
    "marked as **contributed**. Please cite a public page for every fact."
)
new_tab, correction_tab, relationship_tab = st.tabs(["A new organization", "A correction", "A relationship"])

with new_tab:
    sent = organization_form("suggest_organization", {}, correction=False)
    if sent:
        row, submitter = sent
        problems = contributions.check_organization(row, known, correction=False)
        ui.submit_contribution("organization", row["id"], row, problems, submitter)

with correction_tab:
    if ds is None or ds.organizations.empty:
        st.info("There is no organization to correct yet.")
    else:
        org_id = st.selectbox("Organization", list(ds.organizations.index), format_func=ds.org_name, index=None)
        if org_id:
            current = contributions.record_of(ds.organizations.loc[org_id], schema.ORGANIZATIONS)
            sent = organization_form(f"correct_{org_id}", current, correction=True)
            if sent:
                row, submitter = sent
                problems = contributions.check_organization(row, known, correction=True)
                ui.submit_contribution("correction", org_id, row, problems, submitter)

with relationship_tab:
    ids = sorted(known, key=lambda i: ds.org_name(i).casefold()) if ds is not None else []
    with st.form("suggest_relationship", clear_on_submit=True):
        left, middle, right = st.columns(3)
        row = {
            "source_id": left.selectbox("From", ids, index=None, format_func=ds.org_name if ds else str) or "",
            "relation": middle.selectbox(
                "Relation", list(schema.RELATIONS), index=None, format_func=schema.relation_label
            ) or "",
            "target_id": right.selectbox("To", ids, index=None, format_func=ds.org_name if ds else str) or "",
            "source_url": st.text_input("Source: the page that states it", max_chars=500),
            "notes": st.text_input("Context (optional)", max_chars=LIMITS["notes"]),
        }  # fmt: skip
        submitter = st.text_input("Your name or email (optional)", max_chars=contributions.SUBMITTER_LIMIT)
        if st.form_submit_button("Send the suggestion", type="primary"):
            row = contributions.clean_row(schema.RELATIONSHIPS, row)
            problems = contributions.check_relationship(row, known)
            ui.submit_contribution("relationship", contributions.relationship_key(row), row, problems, submitter)

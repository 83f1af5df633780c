"""lermap: entry point. Page config, navigation and the shared sidebar filters; no data logic."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lermap import ui

st.set_page_config(
    page_title="lermap: the LER ecosystem map",
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
    menu_items={"About": "lermap: an open, data-backed map of the Learning and Employment Records ecosystem."},
)

PAGES = {
    "Explore": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("pages/organizations.py", title="Organizations", icon=":material/apartment:", url_path="organizations"),
        st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
    ],
    "Where you fit": [
        st.Page("pages/stakeholders.py", title="Stakeholder guide", icon=":material/groups:", url_path="stakeholders"),
        st.Page("pages/action_areas.py", title="Action areas", icon=":material/flag:", url_path="action-areas"),
        st.Page("pages/fit.py", title="Where do you fit?", icon=":material/explore:", url_path="fit"),
        st.Page("pages/gaps.py", title="Gaps & opportunities", icon=":material/insights:", url_path="gaps"),
        st.Page("pages/resources.py", title="Resources & glossary", icon=":material/menu_book:", url_path="resources"),
    ],
}

# Bring your own data (this session only), and, unless read-only, suggest changes and moderate them.
PAGES["Contribute"] = [st.Page("pages/data.py", title="Your data", icon=":material/upload_file:", url_path="data")]
if not ui.read_only():
    PAGES["Contribute"].append(
        st.Page("pages/contribute.py", title="Suggest a change", icon=":material/edit_note:", url_path="contribute")
    )
    if ui.admin_password():
        PAGES["Contribute"].append(
            st.Page("pages/admin.py", title="Moderation", icon=":material/gavel:", url_path="admin")
        )

PAGES["Workshop"] = [st.Page("pages/tours.py", title="Guided tours", icon=":material/tour:", url_path="tours")]

navigation = st.navigation(PAGES, position="hidden" if ui.presenting() else "sidebar")
dataset = ui.dataset()
ui.theme_fixes()
ui.embed_mode()
ui.presentation_controls()
ui.tour_bar(dataset)
ui.set_context(dataset, ui.filter_sidebar(dataset))
navigation.run()

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
    ],
}

navigation = st.navigation(PAGES)
dataset = ui.dataset()
ui.set_context(dataset, ui.filter_sidebar(dataset))
navigation.run()

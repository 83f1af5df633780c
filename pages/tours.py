"""Tours: short guided walks through the map for workshops, each step with its own shareable link."""

from __future__ import annotations

import streamlit as st

from lermap import ui

ds, spec = ui.context()
tours = ui.tours(ds)

st.title("Guided tours")
st.markdown(
    "Each tour is a few steps through the map: a page, its filters and a talking point to read out. "
    "Step through with **Back** and **Next** (or the **←** and **→** keys); every step has its own link. "
    "Turn on **presentation mode** first for large type and no sidebar when you screen-share."
)
problems = ui.tour_problems(ds)
if problems:
    st.error("Some tour files have problems and are left out:")
    ui.show_problems(problems)
if not tours:
    st.info("No tour is defined: add YAML files to the tours/ folder of the data directory.")

for tour in tours.values():
    with st.container(border=True):
        st.subheader(tour.title, anchor=False)
        st.markdown(ui.md(tour.summary))
        for number, step in enumerate(tour.steps, start=1):
            st.markdown(f"{number}. [{ui.md(step.title)}]({tour.url(number - 1)})")
        start, present = st.columns(2)
        start.button(
            "Start tour",
            key=f"start_{tour.id}",
            on_click=ui.start_tour,
            args=(tour, False),
            icon=":material/play_arrow:",
            type="primary",
        )
        present.button(
            "Start presenting",
            key=f"present_{tour.id}",
            on_click=ui.start_tour,
            args=(tour, True),
            icon=":material/slideshow:",
        )

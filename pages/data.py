"""Your data: download a template, upload organizations (and relationships), read the report, explore."""

from __future__ import annotations

import streamlit as st

from lermap import schema, templates, ui, upload

MB = schema.MAX_UPLOAD_BYTES // (1024 * 1024)

st.title("Bring your own data")
st.markdown(
    "Explore your own list of organizations (from a survey or a workshop, say) in every page of the map. "
    "The upload stays in **this browser session only**: nothing is written to the server's data "
    "and no other visitor sees it."
)
current = st.session_state.get(ui.UPLOADED_DATASET_KEY)
if current is not None and current.dataset is not None:
    st.success(
        f"Every page now shows your {ui.md(current.dataset.source)}: "
        f"{len(current.dataset.organizations)} organizations, {len(current.dataset.relationships)} relationships.",
        icon=":material/check_circle:",
    )
    st.button("Back to the bundled data", on_click=ui.use_upload, args=(None,), icon=":material/undo:")

st.subheader("1. Start from a template")
st.markdown(
    "One row per organization; ids are kebab-case (`my-org`); lists are separated by `;`. "
    "The Excel template has the allowed values on its second sheet and the relationships on its third."
)
left, middle, right = st.columns(3)
left.download_button(
    "Excel template (.xlsx)",
    templates.xlsx_template(),
    "lermap-template.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
middle.download_button(
    "organizations.csv", templates.csv_template(schema.ORGANIZATIONS), "organizations.csv", "text/csv",
    icon=":material/download:", on_click="ignore",
)  # fmt: skip
right.download_button(
    "relationships.csv", templates.csv_template(schema.RELATIONSHIPS), "relationships.csv", "text/csv",
    icon=":material/download:", on_click="ignore",
)  # fmt: skip
with st.expander("Columns and allowed values"):
    st.dataframe(
        templates.column_guide(), column_config={"0": "file", "1": "column", "2": "required", "3": "meaning"},
        hide_index=True, width="stretch",
    )  # fmt: skip
    st.dataframe(
        templates.allowed_values(), column_config={"0": "column", "1": "allowed value", "2": "label", "3": "meaning"},
        hide_index=True, width="stretch",
    )  # fmt: skip

st.subheader("2. Upload and check")
st.caption(
    f"CSV (UTF-8) or Excel .xlsx, up to {MB} MB and {schema.MAX_UPLOAD_ROWS:,} rows per file. "
    "Column names are matched whatever their case. Formulas and HTML are refused: enter plain values."
)
orgs_file = st.file_uploader("Organizations (CSV or .xlsx)", type=["csv", "xlsx"], key="upload_organizations")
rels_file = st.file_uploader(
    "Relationships (optional; not needed if your workbook has a 'relationships' sheet)",
    type=["csv", "xlsx"],
    key="upload_relationships",
)
if orgs_file is None:
    st.info("Upload an organizations file to see its validation report.", icon=":material/upload_file:")
    st.stop()

files = [upload.UploadedFile(f.name, f.getvalue()) for f in (orgs_file, rels_file) if f is not None]
cache_key = tuple((f.name, len(f.data), hash(f.data)) for f in files)
if st.session_state.get("_upload_report_key") != cache_key:
    with st.spinner("Checking your file…"):
        report = upload.check_upload(files[0], files[1] if len(files) > 1 else None, ui.content_tables())
    st.session_state["_upload_report_key"], st.session_state["_upload_report"] = cache_key, report
report = st.session_state["_upload_report"]

st.subheader("3. Validation report")
columns = st.columns(4)
columns[0].metric("Rows read", report.counts.get("rows", 0))
columns[1].metric("Rows left out", report.counts.get("left_out", 0))
columns[2].metric("Organizations", report.counts.get("organizations", 0))
columns[3].metric("Relationships", report.counts.get("relationships", 0))
if report.problems:
    st.warning(
        f"{len(report.problems)} problem(s), as `file:row:column: message` (row 1 is the header). "
        "Rows with a problem are left out; fix them and upload again.",
        icon=":material/warning:",
    )
    ui.show_problems(report.problems, limit=200)
    st.download_button(
        "Download the report (.txt)", "\n".join(str(p) for p in report.problems) + "\n", "lermap-report.txt",
        "text/plain", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
else:
    st.success("No problems found.", icon=":material/check_circle:")
if len(report.rows):
    only_bad = st.toggle("Only rows with problems", value=bool(report.problems))
    rows = report.rows[report.rows["status"] != "ok"] if only_bad else report.rows
    st.dataframe(rows, hide_index=True, width="stretch")

if report.usable:
    st.button(
        "Explore this data in every page",
        type="primary",
        on_click=ui.use_upload,
        args=(report.result,),
        icon=":material/travel_explore:",
    )
else:
    st.error("Nothing to explore: no organization row could be used. Fix the problems above and upload again.")

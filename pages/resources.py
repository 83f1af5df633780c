"""Resources & glossary: the map's resources, searchable, and its glossary (?term=ID)."""

from __future__ import annotations

import streamlit as st

from lermap import guide, schema, ui
from lermap.glossary import escape_markdown, find_term, link, link_terms, org_link

ds, spec = ui.context()
terms = ds.content["glossary"].sort_values("term", key=lambda s: s.str.casefold())

st.title("Resources & glossary")
unknown = ui.unknown_url_value("term", list(terms["id"]))
resources_tab, glossary_tab = st.tabs(
    ["Resources", "Glossary"],
    default="Glossary" if st.query_params.get("term") or st.session_state.get("term") else None,
)

with glossary_tab:
    term_id = st.selectbox(
        "Look up a term",
        list(terms["id"]),
        index=None,
        key="term",
        bind="query-params",
        format_func=lambda i: i,
        placeholder="Choose a term (its id goes in the link)",
    )
    if unknown:
        st.warning(
            f"Unknown glossary term '{ui.md(unknown)}' in the link; choose one below.", icon=":material/warning:"
        )
    chosen = find_term(terms, term_id) if term_id else None
    if chosen is not None:
        with st.container(border=True):
            st.markdown(f"### {escape_markdown(chosen['term'])}")
            st.markdown(escape_markdown(chosen["definition"]))
    for row in terms.itertuples():
        st.markdown(f"**{escape_markdown(row.term)}**: {link_terms(row.definition, terms[terms['id'] != row.id])}")

with resources_tab:
    table = guide.resource_table(ds.content, ds.organizations)
    left, right = st.columns([3, 2])
    query = left.text_input("Search resources", key="resource_q", placeholder="Title, author or category")
    categories = right.multiselect("Category", list(schema.RESOURCE_CATEGORIES), key="resource_category",
                                   placeholder="All categories")  # fmt: skip
    found = guide.search_resources(table, query, set(categories))
    st.caption(f"{len(found)} of {len(table)} resources listed by the map.")
    for category in schema.RESOURCE_CATEGORIES:
        in_category = found[found["category"] == category]
        if in_category.empty:
            continue
        st.markdown(f"#### {escape_markdown(category)}")
        lines = []
        for row in in_category.itertuples():
            authors = ", ".join(org_link(a, ds.org_name(a)) for a in row.author_ids)
            by = f" — {escape_markdown(row.author)}" if row.author else ""
            lines.append(f"- {link(row.title, row.url)}{by}" + (f"  \n  In the map: {authors}" if authors else ""))
        st.markdown("\n".join(lines))

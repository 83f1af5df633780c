"""Glossary helpers: safe markdown from data text, and links from terms to the glossary.

`link_terms` is how "terms used elsewhere in the app link to the glossary": a page passes any
text from the map content and gets markdown back in which each glossary term (first mention
only, whole words, case-insensitive) links to `/resources?term=ID`.
"""

from __future__ import annotations

import re

import pandas as pd

from lermap import schema

GLOSSARY_PAGE = "resources"
_ID = re.compile(schema.ID_PATTERN)
# Every ASCII character CommonMark lets a backslash escape and that Streamlit's markdown might
# act on: emphasis, links, headings, lists, tables, code, HTML and LaTeX ($).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!$<>|~:])")
# Parenthesised abbreviations in terms such as "Comprehensive Learner Record (CLR)" also match
# without them, so "Comprehensive Learner Record" in a text links too.
_ABBREVIATION = re.compile(r"\s*\([^)]*\)\s*$")


def escape_markdown(text: object) -> str:
    """Text from data, rendered literally by st.markdown (no links, emphasis, HTML or LaTeX)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def term_url(term_id: str) -> str:
    """The glossary deep link of a term id; refuses ids that are not kebab-case."""
    if not _ID.fullmatch(term_id):
        raise ValueError(f"not a valid term id: {term_id!r}")
    return f"/{GLOSSARY_PAGE}?term={term_id}"


def term_patterns(terms: pd.DataFrame) -> list[tuple[str, str]]:
    """(term id, phrase) pairs to look for, longest phrase first so longer terms win."""
    pairs = []
    for term_id, term in zip(terms["id"], terms["term"], strict=True):
        if not _ID.fullmatch(str(term_id)):
            continue  # never build a link from an id that is not a valid id
        for phrase in {str(term).strip(), _ABBREVIATION.sub("", str(term)).strip()}:
            if len(phrase) >= 3:
                pairs.append((str(term_id), phrase))
    return sorted(pairs, key=lambda pair: (-len(pair[1]), pair[0]))


def link_terms(text: object, terms: pd.DataFrame) -> str:
    """Markdown of `text` (escaped) with the first mention of each glossary term linked.

    `terms` has the glossary's `id` and `term` columns. Matching is case-insensitive on whole
    words; plurals ending in "s" match too ("credentials" -> Credential). Mentions never
    overlap: a longer term takes its span before a shorter one inside it is considered.
    """
    raw = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    taken: list[tuple[int, int, str]] = []  # (start, end, term id)
    linked: set[str] = set()
    for term_id, phrase in term_patterns(terms):
        if term_id in linked:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(phrase)}s?(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(raw):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, term_id))
                linked.add(term_id)
                break
    parts, cursor = [], 0
    for start, end, term_id in sorted(taken):
        parts.append(escape_markdown(raw[cursor:start]))
        parts.append(f"[{escape_markdown(raw[start:end])}]({term_url(term_id)})")
        cursor = end
    parts.append(escape_markdown(raw[cursor:]))
    return "".join(parts)


def find_term(terms: pd.DataFrame, term_id: str) -> pd.Series | None:
    """The glossary row of a term id, or None when the id is unknown."""
    rows = terms[terms["id"] == term_id]
    return None if rows.empty else rows.iloc[0]


_HTTP = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def link(label: object, url: str) -> str:
    """A markdown link with an escaped label; just the label when the URL is not plain http(s)."""
    text = escape_markdown(label)
    url = str(url or "").strip()
    if not _HTTP.fullmatch(url):
        return text
    return f"[{text}]({url.replace('(', '%28').replace(')', '%29')})"


def org_link(org_id: str, name: object) -> str:
    """A markdown link to an organization's profile page; just the name when the id is not valid."""
    if not _ID.fullmatch(str(org_id)):
        return escape_markdown(name)
    return f"[{escape_markdown(name)}](/organizations?org={org_id})"

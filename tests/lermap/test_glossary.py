"""Glossary links and markdown escaping."""

from __future__ import annotations

import pandas as pd
import pytest

from lermap import glossary

TERMS = pd.DataFrame(
    {
        "id": ["credential", "verifiable-credential", "comprehensive-learner-record-clr", "bad id](javascript:x)"],
        "term": ["Credential", "Verifiable Credential", "Comprehensive Learner Record (CLR)", "Wallet"],
    }
)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Nothing here", "Nothing here"),
        ("A credential.", "A [credential](/resources?term=credential)\\."),
        ("Issue credentials", "Issue [credentials](/resources?term=credential)"),
        # the longer term wins its span; the shorter one links at its own next mention
        (
            "A verifiable credential is a credential",
            "A [verifiable credential](/resources?term=verifiable-credential) is a "
            "[credential](/resources?term=credential)",
        ),
        ("Credential, credential", "[Credential](/resources?term=credential), credential"),  # first mention only
        (
            "a Comprehensive Learner Record",
            "a [Comprehensive Learner Record](/resources?term=comprehensive-learner-record-clr)",
        ),
        ("credentialing", "credentialing"),  # whole words only
        ("a wallet", "a wallet"),  # a term whose id is not a valid id never becomes a link
        ("[x](javascript:alert(1)) $5", "\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\$5"),
    ],
)
def test_link_terms(text: str, markdown: str) -> None:
    assert glossary.link_terms(text, TERMS) == markdown


@pytest.mark.parametrize("bad", ["", "A", "x)(y", "a b", "../x"])
def test_term_url_refuses_invalid_ids(bad: str) -> None:
    with pytest.raises(ValueError):
        glossary.term_url(bad)


def test_find_term() -> None:
    assert glossary.find_term(TERMS, "credential")["term"] == "Credential"
    assert glossary.find_term(TERMS, "nope") is None


@pytest.mark.parametrize(
    ("label", "url", "markdown"),
    [
        ("Report", "https://example.org/a(b)", "[Report](https://example.org/a%28b%29)"),
        ("Report", "javascript:alert(1)", "Report"),
        ("Report", "", "Report"),
        ("[x]", "https://example.org", "[\\[x\\]](https://example.org)"),
    ],
)
def test_link(label: str, url: str, markdown: str) -> None:
    assert glossary.link(label, url) == markdown


@pytest.mark.parametrize(("org_id", "markdown"), [("shrm", "[SHRM](/organizations?org=shrm)"), ("x)(y", "SHRM")])
def test_org_link(org_id: str, markdown: str) -> None:
    assert glossary.org_link(org_id, "SHRM") == markdown

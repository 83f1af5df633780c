"""AppTest of the guided flow and the deep links of the Where-you-fit pages, on the tiny fixture."""

from __future__ import annotations

import pytest

from tests.app.conftest import run_page


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_fit_from_the_url_shows_recommendations_with_reasons() -> None:
    at = run_page("fit", query={"group": "funders", "areas": "gathering", "home_state": "MA"})
    assert not at.exception
    text = markdown_text(at)
    # Supporting Systems complement Funders; JFF and Opportunity@Work work on Gathering Data on Impact.
    assert (
        "[Jobs for the Future \\(JFF\\)](/organizations?org=jobs-for-the-future): Supporting Systems complement Funders; shares 1 action area"
        in text
    )
    assert "[Opportunity@Work](/organizations?org=opportunity-at-work)" in text
    assert "[Walmart Foundation](/organizations?org=walmart-foundation): also Funders; shares 1 action area" in text
    assert any("/fit?group=funders&areas=gathering&home_state=MA" in c.value for c in at.code)  # shareable link


def test_fit_guided_by_widgets() -> None:
    at = run_page("fit")
    assert not at.exception
    assert any("Choose your stakeholder group" in i.value for i in at.info)
    at.selectbox(key="group").select("data-standards-organizations").run()
    at.multiselect(key="areas").select("supporting").run()
    at.selectbox(key="home_state").select("MA").run()
    assert not at.exception
    text = markdown_text(at)
    # W3C and 1EdTech are Data Standards organizations in Supporting; DCC is in Massachusetts too.
    assert (
        "[World Wide Web Consortium \\(W3C\\)](/organizations?org=w3c): also Data Standards Organizations; shares 1 action area"
        in text
    )
    assert (
        "also Data Standards Organizations \\(a secondary group\\); shares 1 action area; both in Massachusetts" in text
    )


@pytest.mark.parametrize(("traits", "group"), [(["hire"], "employers"), (["fund", "self"], "funders")])
def test_describe_your_organization_suggests_a_group(traits: list[str], group: str) -> None:
    at = run_page("fit")
    for trait in traits:
        at.checkbox(key=f"trait_{trait}").check()
    at.button[0].click().run()
    assert not at.exception
    assert at.selectbox(key="group").value == group


@pytest.mark.parametrize(
    ("page", "query", "expected"),
    [
        ("fit", {"group": "employer"}, "Unknown stakeholder group 'employer'"),
        ("stakeholders", {"group": "nope"}, "Unknown stakeholder group 'nope'"),
        ("action_areas", {"area": "zzz"}, "Unknown action area 'zzz'"),
        ("resources", {"term": "no-such-term"}, "Unknown glossary term 'no-such-term'"),
    ],
)
def test_unknown_deep_links_show_a_notice(page: str, query: dict, expected: str) -> None:
    at = run_page(page, query=query)
    assert not at.exception
    assert any(expected in w.value.replace("\\", "") for w in at.warning)  # without Markdown escapes


def test_stakeholder_guide_deep_link() -> None:
    at = run_page("stakeholders", query={"group": "hr-systems"})
    assert not at.exception
    text = markdown_text(at)
    assert "Applications and tools designed and sold to organizations" in text
    assert "[See them in the network](/network?role=hr-systems)" in text
    assert not any(m.value.startswith("> ") for m in at.markdown)  # HR Systems has no quote in the map


def test_stakeholder_guide_lists_group_organizations() -> None:
    at = run_page("stakeholders", query={"group": "governance"})
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["Organization"]) == {
        "Colorado Workforce Development Council (CWDC)",
        "National Governors Association (NGA)",
    }
    assert set(table["Profile"]) == {
        "/organizations?org=colorado-workforce-development-council",
        "/organizations?org=national-governors-association",
    }
    assert any(m.value.startswith("> ") for m in at.markdown)  # Governance has a quote


def test_action_area_deep_link() -> None:
    at = run_page("action_areas", query={"area": "gathering"})
    assert not at.exception
    assert "Gathering Data on Impact" in [h.value for h in at.header]
    text = markdown_text(at)
    assert "[Learners & Earners](/stakeholders?group=learners-earners): 0" in text


def test_glossary_deep_link_and_links_from_other_pages() -> None:
    at = run_page("resources", query={"term": "badge"})
    assert not at.exception
    assert any(m.value == "### Badge" for m in at.markdown)
    guide = run_page("stakeholders", query={"group": "learners-earners"})
    assert "(/resources?term=" in markdown_text(guide)


def test_gaps_page_lists_opportunities_with_reasons() -> None:
    at = run_page("gaps")
    assert not at.exception
    pairs = at.dataframe[-1].value
    assert len(pairs) > 0
    assert pairs["Why"].str.endswith("no known relationship").all()
    assert len(at.get("download_button")) == 2

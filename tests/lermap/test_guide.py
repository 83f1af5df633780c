"""Map-content lookups on the tiny fixture."""

from __future__ import annotations

import pytest

from lermap import counts, guide, schema
from lermap.dataset import load_dataset
from tests.conftest import TINY


@pytest.fixture(scope="module")
def tiny():
    return load_dataset(TINY).dataset


def test_group_profile_reads_the_map(tiny) -> None:
    profile = guide.group_profile(tiny.content, "career-navigators")
    assert profile.name == "Career Navigators"
    assert profile.definition.startswith("Individuals or organizations that provide guidance")
    assert list(profile.roles) == [s for s in schema.JOURNEY_STAGES if s in profile.roles]
    assert profile.roles["adopting"][0].startswith("Provide information and support to learners")
    assert (
        profile.actions["supporting"][0]
        == "Contribute a workforce development perspective to pilots and implementations"
    )
    assert {c.kind for c in profile.value_cases} == {"business", "social"}
    assert profile.has_quote


@pytest.mark.parametrize(("group_id", "has_quote"), [("hr-systems", False), ("employers", True)])
def test_group_profile_quote(tiny, group_id: str, has_quote: bool) -> None:
    assert guide.group_profile(tiny.content, group_id).has_quote is has_quote


@pytest.mark.parametrize("unknown", ["", "employer", "../x"])
def test_group_profile_unknown(tiny, unknown: str) -> None:
    assert guide.group_profile(tiny.content, unknown) is None


def test_roles_matrix_counts_roles(tiny) -> None:
    matrix = guide.roles_matrix(tiny.content)
    assert list(matrix.columns) == ["Developing", "Issuing", "Using", "Adopting"]
    assert len(matrix) == 10
    roles = tiny.content["group_stage_roles"]
    assert matrix.loc["Career Navigators", "Adopting"] == len(
        roles[(roles["group_id"] == "career-navigators") & (roles["stage_id"] == "adopting")]
    )
    assert matrix.to_numpy().sum() == len(roles)


def test_area_lookups(tiny) -> None:
    assert guide.area_description(tiny.content, "promoting").startswith("Identify the advantages of using LERs")
    actions = guide.area_actions(tiny.content, "supporting")
    assert list(actions) == [g for g in schema.STAKEHOLDER_GROUPS if g in actions]
    assert "career-navigators" in actions
    in_area = guide.area_organizations(tiny.organizations, "gathering")
    assert set(in_area.index) == {"1edtech", "jobs-for-the-future", "opportunity-at-work", "walmart-foundation"}


def test_group_organizations_primary_first(tiny) -> None:
    members = guide.group_organizations(tiny.organizations, "supporting-systems")
    assert list(members.index[:3]) == ["jobs-for-the-future", "opportunity-at-work", "shrm"]
    assert set(members.index[3:]) == {
        "credential-engine",
        "digital-credentials-consortium",
        "national-governors-association",
    }


def test_sparse_groups(tiny) -> None:
    table = counts.by_group(guide.area_organizations(tiny.organizations, "gathering"))
    few = guide.sparse_groups(table)
    assert "Learners & Earners" in set(few["Stakeholder group"])
    assert list(few["Organizations"]) == sorted(few["Organizations"])
    assert (few["Organizations"] <= guide.FEW_IN_AREA).all()


@pytest.mark.parametrize(
    ("query", "categories", "expected_count"),
    [
        ("", set(), 28),
        ("paper ceiling", set(), 2),  # "Breaking the Paper Ceiling" and "Tear the Paper Ceiling"
        ("SHRM", set(), None),
        ("", {"On Learning and Advocacy"}, None),
        ("zzzz-nothing", set(), 0),
    ],
)
def test_search_resources(tiny, query: str, categories: set[str], expected_count: int | None) -> None:
    table = guide.resource_table(tiny.content, tiny.organizations)
    found = guide.search_resources(table, query, categories)
    if expected_count is not None:
        assert len(found) == expected_count
    if categories:
        assert set(found["category"]) == categories
    if query == "SHRM":
        assert "breaking-the-paper-ceiling-skills-and-credentials-not-degree" in set(found["id"])


def test_resource_table_links_authors_in_dataset(tiny) -> None:
    table = guide.resource_table(tiny.content, tiny.organizations).set_index("id")
    assert table.at["breaking-the-paper-ceiling-skills-and-credentials-not-degree", "author_ids"] == ("shrm",)

"""Recommendations, reasons, gap ranking and opportunity ranking, with known answers."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from lermap import fit, guide, schema, synth
from lermap.dataset import load_dataset, to_organizations, to_relationships
from tests.conftest import TINY


def orgs_frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """(id, primary_group, secondary_groups, action_areas, hq_state) -> a typed organizations frame."""
    return to_organizations(
        pd.DataFrame(
            [
                {"id": i, "name": i.title(), "primary_group": p, "secondary_groups": s, "action_areas": a,
                 "description": "", "tags": "", "website": "", "hq_state": st, "country": "US",
                 "source_url": "https://example.org", "notes": ""}
                for i, p, s, a, st in rows
            ]
        )
    )  # fmt: skip


def rels_frame(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    return to_relationships(
        pd.DataFrame([{"source_id": a, "target_id": b, "relation": "partner_of", "source_url": ""} for a, b in pairs])
    )


SMALL = orgs_frame(
    [
        ("acme", "employers", "", "promoting;building;gathering", "CO"),
        ("bolt", "employers", "", "promoting;building", "TX"),
        ("core", "employers", "", "supporting", "CO"),
        ("dash", "hr-systems", "employers", "promoting", ""),
        ("edu", "credentialing-organizations", "", "promoting;building", "CO"),
        ("tech", "ler-technology-providers", "", "building", "TX"),
        ("fund", "funders", "", "promoting;building", "CO"),
    ]
)


@pytest.fixture(scope="module")
def tiny():
    return load_dataset(TINY).dataset


def test_complements_name_only_known_groups_and_cover_every_group() -> None:
    assert set(fit.COMPLEMENTS) == set(schema.STAKEHOLDER_GROUPS)
    for group, others in fit.COMPLEMENTS.items():
        assert others and group not in others
        assert set(others) <= set(schema.STAKEHOLDER_GROUPS)
    assert {t.group for t in fit.TRAITS} == set(schema.STAKEHOLDER_GROUPS)
    assert set(fit.RESOURCE_CATEGORIES) == set(schema.STAKEHOLDER_GROUPS)


@pytest.mark.parametrize(
    ("traits", "group"),
    [
        ([], None),
        (["hire"], "employers"),
        (["fund", "hire"], "employers"),  # TRAITS order decides, not the order ticked
        (["self"], "learners-earners"),
        (["unknown"], None),
    ],
)
def test_group_from_traits(traits: list[str], group: str | None) -> None:
    assert fit.group_from_traits(traits) == group


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("employers", "hr-systems", True),
        ("hr-systems", "employers", True),
        ("funders", "career-navigators", True),  # listed one way only
        ("employers", "employers", False),
        ("employers", "funders", False),
    ],
)
def test_complementary(a: str, b: str, expected: bool) -> None:
    assert fit.complementary(a, b) is expected


@pytest.mark.parametrize(
    ("shared", "phrase"),
    [
        ([], ""),
        (["gathering"], "shares 1 action area"),
        (["building", "promoting"], "shares 2 action areas"),
        (list(schema.ACTION_AREAS), "shares all 4 action areas"),
    ],
)
def test_areas_phrase(shared: list[str], phrase: str) -> None:
    assert fit.areas_phrase(shared) == phrase


def test_areas_phrase_named() -> None:
    assert fit.areas_phrase(["building", "promoting"], named=True) == (
        "shares 2 action areas (Promoting Adoption, Building Employer Demand)"
    )


@pytest.mark.parametrize(
    ("visitor", "expected"),
    [
        (
            fit.Visitor("employers", ("promoting", "building"), "CO"),
            [
                ("acme", "also Employers; shares 2 action areas; both in Colorado"),
                ("bolt", "also Employers; shares 2 action areas"),
                ("dash", "also Employers (a secondary group); shares 1 action area"),
            ],
        ),
        (
            fit.Visitor("employers", ("supporting",), "TX"),
            [("core", "also Employers; shares 1 action area")],
        ),
        (
            fit.Visitor("employers", (), "CO"),  # no areas: the whole group, same state first
            [("acme", "also Employers; both in Colorado"), ("core", "also Employers; both in Colorado"),
             ("bolt", "also Employers"), ("dash", "also Employers (a secondary group)")],
        ),
        (fit.Visitor("learners-earners", ("promoting",)), []),
    ],
)  # fmt: skip
def test_similar_organizations(visitor: fit.Visitor, expected: list[tuple[str, str]]) -> None:
    result = fit.similar_organizations(SMALL, visitor)
    assert list(zip(result["id"], result["reason"], strict=True)) == expected


def test_organizations_to_meet_takes_turns_across_complementary_groups() -> None:
    result = fit.organizations_to_meet(SMALL, fit.Visitor("employers", ("promoting", "building"), "CO"))
    assert list(result["id"]) == ["edu", "tech"]  # credentialing first, then technology; dash is an employer
    assert list(result["reason"]) == [
        "Credentialing Organizations complement Employers; shares 2 action areas; both in Colorado",
        "LER Technology Providers complement Employers; shares 1 action area",
    ]


def test_organizations_to_meet_for_funders_on_tiny(tiny) -> None:
    result = fit.organizations_to_meet(tiny.organizations, fit.Visitor("funders", ("gathering",)))
    # Supporting Systems in Gathering Data on Impact: JFF and Opportunity@Work (1EdTech is Data Standards).
    assert set(result["id"]) == {"jobs-for-the-future", "opportunity-at-work"}
    assert all(r.startswith("Supporting Systems complement Funders; shares 1 action area") for r in result["reason"])


def test_every_recommendation_has_a_reason(tiny) -> None:
    resources = guide.resource_table(tiny.content, tiny.organizations)
    for group in schema.STAKEHOLDER_GROUPS:
        visitor = fit.Visitor(group, ("promoting", "supporting"), "CO")
        for frame in (
            fit.similar_organizations(tiny.organizations, visitor),
            fit.organizations_to_meet(tiny.organizations, visitor),
            fit.relevant_resources(resources, tiny.organizations, visitor),
        ):
            assert frame["reason"].map(lambda r: isinstance(r, str) and len(r) > 5).all()


def test_relevant_resources_put_fellow_authors_first(tiny) -> None:
    resources = guide.resource_table(tiny.content, tiny.organizations)
    result = fit.relevant_resources(resources, tiny.organizations, fit.Visitor("data-standards-organizations"))
    first = result.iloc[0]
    assert first["reason"].startswith("by ")
    assert first["reason"].endswith(", also Data Standards Organizations")
    assert "the map's reading on Technology, Data Standards, and Solutions" in set(result["reason"])
    tiers = [0 if r.startswith("by ") else 1 if r.startswith("the map's reading") else 2 for r in result["reason"]]
    assert tiers == sorted(tiers)


def test_thinnest_cells_ranked(tiny) -> None:
    cells = fit.thinnest_cells(tiny.organizations, top=5)
    assert list(cells["Rank"]) == [1, 2, 3, 4, 5]
    assert list(cells["Organizations"]) == sorted(cells["Organizations"])
    # Learners & Earners has no organization in the tiny fixture: its cells come first, in area order.
    assert list(cells["Stakeholder group"][:4]) == ["Learners & Earners"] * 4
    assert list(cells["Action area"][:4]) == [a.label for a in schema.ACTION_AREAS.values()]


def test_representation_least_first(tiny) -> None:
    table = fit.representation(tiny.organizations)
    assert list(table["Organizations"]) == sorted(table["Organizations"])
    rows = table.set_index("group_id")
    assert rows.at["supporting-systems", "Organizations"] == 6
    assert rows.at["learners-earners", "Works directly with people"]
    assert rows.at["funders", "Thinnest action areas"] == "Promoting Adoption (1), Building Employer Demand (1), " \
        "Gathering Data on Impact (1), Supporting Degree and Skills Based Systems (1)"  # fmt: skip


def test_opportunities_ranked_with_reasons() -> None:
    pairs = fit.opportunities(SMALL, rels_frame([("fund", "core")]))
    got = list(zip(pairs["id_a"], pairs["id_b"], pairs["shared_areas"], pairs["same_state"], strict=True))
    assert got == [
        ("acme", "edu", 2, True),  # score 2*2+1; employers x credentialing comes first in schema order
        ("edu", "fund", 2, True),
        ("bolt", "edu", 2, False),
        ("bolt", "tech", 1, True),
        ("acme", "tech", 1, False),
        ("acme", "dash", 1, False),
        ("bolt", "dash", 1, False),
        ("edu", "tech", 1, False),
    ]  # core shares no area with anyone; dash and tech share none
    assert pairs.iloc[0]["reason"] == (
        "Employers and Credentialing Organizations complement each other; shares 2 action areas "
        "(Promoting Adoption, Building Employer Demand); both in Colorado; no known relationship"
    )
    assert pairs.iloc[3]["reason"] == (
        "Employers and LER Technology Providers complement each other; shares 1 action area "
        "(Building Employer Demand); both in Texas; no known relationship"
    )


def test_opportunities_known_relationship_is_left_out() -> None:
    both = fit.opportunities(SMALL, rels_frame([]))
    assert ("acme", "edu") in set(zip(both["id_a"], both["id_b"], strict=True))
    without = fit.opportunities(SMALL, rels_frame([("edu", "acme")]))
    assert ("acme", "edu") not in set(zip(without["id_a"], without["id_b"], strict=True))


@pytest.mark.parametrize(("focus", "must_touch"), [(["tech"], "tech"), (["fund"], "fund")])
def test_opportunities_focus(focus: list[str], must_touch: str) -> None:
    pairs = fit.opportunities(SMALL, rels_frame([]), focus=focus)
    assert len(pairs) > 0
    assert all(must_touch in (a, b) for a, b in zip(pairs["id_a"], pairs["id_b"], strict=True))


def test_opportunities_on_tiny_skip_related_pairs(tiny) -> None:
    pairs = fit.opportunities(tiny.organizations, tiny.relationships)
    related = {frozenset(p) for p in zip(tiny.relationships["source_id"], tiny.relationships["target_id"], strict=True)}
    assert len(pairs) > 0
    assert not any(frozenset(p) in related for p in zip(pairs["id_a"], pairs["id_b"], strict=True))
    scores = 2 * pairs["shared_areas"] + pairs["same_state"].astype(int)
    assert list(scores) == sorted(scores, reverse=True)


def test_opportunities_fast_at_10000_organizations() -> None:
    rows = synth.organizations(10_000)
    orgs = to_organizations(pd.DataFrame(rows))
    rels = to_relationships(pd.DataFrame(synth.relationships(rows)))
    started = time.perf_counter()
    pairs = fit.opportunities(orgs, rels, limit=100)
    elapsed = time.perf_counter() - started
    assert len(pairs) == 100
    assert elapsed < 10, f"{elapsed:.1f} s"


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-x", "'-x"), ("@sum", "'@sum"), ("plain", "plain"), ("a=b", "a=b")],
)
def test_export_csv_neutralises_formulas(cell: str, written: str) -> None:
    data = fit.export_csv(pd.DataFrame({"reason": [cell], "n": [3]})).decode()
    assert data.splitlines()[1] == f"{written},3"

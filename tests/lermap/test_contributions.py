"""Contributions: the checks on a suggested row, abuse limits, merging approved ones, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lermap import contributions, store, templates
from lermap.cli import main
from lermap.dataset import load_dataset
from tests.conftest import TINY

TINY_IDS = set(load_dataset(TINY).dataset.organizations.index)
NEW_ORG = dict(templates.EXAMPLE_ORGANIZATIONS[0], notes="")
REL = {"source_id": "1edtech", "target_id": "credential-engine", "relation": "uses_standard",
       "source_url": "https://example.org/x", "notes": ""}  # fmt: skip


def messages(problems) -> list[str]:
    return [f"{p.column}: {p.message}" for p in problems]


def test_a_valid_new_organization_passes() -> None:
    assert contributions.check_organization(NEW_ORG, TINY_IDS, correction=False) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"primary_group": "employer"}, "primary_group: unknown stakeholder group 'employer' (did you mean 'employers'?)"),
        ({"website": "javascript:alert(1)"}, "website: malformed URL 'javascript:alert(1)' (only http:// and https:// links are accepted)"),
        ({"source_url": "ftp://x.example/"}, "source_url: malformed URL 'ftp://x.example/' (only http:// and https:// links are accepted)"),
        ({"name": "<img src=x onerror=alert(1)>"}, "name: looks like HTML markup: only plain text is accepted"),
        ({"description": "=1+1"}, "description: starts with '=': spreadsheet formulas are not accepted, enter the value itself"),
        ({"description": "x" * 1001}, "description: 1001 characters, over the 1000 limit"),
        ({"id": "1edtech"}, "id: '1edtech' is already in the map: suggest a correction instead"),
        ({"name": ""}, "name: empty name"),
    ],
)  # fmt: skip
def test_a_bad_new_organization_gets_its_message(change: dict, expected: str) -> None:
    problems = contributions.check_organization({**NEW_ORG, **change}, TINY_IDS, correction=False)
    assert expected in messages(problems)


def test_a_correction_needs_an_existing_id() -> None:
    problems = contributions.check_organization(NEW_ORG, TINY_IDS, correction=True)
    assert "id: no organization 'example-college' to correct" in messages(problems)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, None),
        ({"target_id": "1edtech"}, "target_id: an organization cannot relate to itself"),
        ({"target_id": "nobody"}, "target_id: unknown organization 'nobody'"),
        ({"relation": "likes"}, "relation: unknown relation 'likes'"),
    ],
)
def test_relationship_checks(change: dict, expected: str | None) -> None:
    problems = messages(contributions.check_relationship({**REL, **change}, TINY_IDS))
    assert problems == [] if expected is None else expected in problems


def test_rate_limit_per_window() -> None:
    assert not contributions.rate_limited([0, 1, 2, 3], now=10)
    assert contributions.rate_limited([0, 1, 2, 3, 4], now=10)
    assert not contributions.rate_limited([0, 1, 2, 3, 4], now=10 + contributions.RATE_WINDOW)


def submission(number: int, kind: str, payload: dict) -> store.Submission:
    target = contributions.relationship_key(payload) if kind == "relationship" else payload["id"]
    return store.Submission(number, kind, target, payload, store.APPROVED, "", "2026-01-01T00:00:00+00:00")


def test_merge_adds_corrects_and_marks_contributed() -> None:
    from lermap.load import read_directory

    raw = read_directory(TINY)
    corrected = dict(raw["organizations"].frame.loc[2], name="1EdTech (corrected)")
    approved = [
        submission(1, "organization", NEW_ORG),
        submission(2, "correction", corrected),
        submission(3, "relationship", REL),
    ]
    merged = contributions.merge_approved(raw, approved)
    assert raw["organizations"].frame.loc[2, "name"] != "1EdTech (corrected)"  # inputs untouched
    from lermap.dataset import build

    ds = build(merged).dataset
    assert ds.organizations.at["example-college", "provenance"] == "contributed"
    assert ds.organizations.at["1edtech", "name"] == "1EdTech (corrected)"
    assert ds.organizations.at["1edtech", "provenance"] == "contributed"
    assert ds.organizations.at["credential-engine", "provenance"] == "curated"
    assert len(ds.organizations) == 11
    rels = ds.relationships
    assert ((rels["source_id"] == "1edtech") & (rels["relation"] == "uses_standard")).any()


def test_diff_puts_changed_fields_first() -> None:
    frame = contributions.diff({"id": "a", "name": "Old"}, {"id": "a", "name": "New"})
    assert frame.iloc[0].to_dict() == {"field": "name", "changed": True, "current": "Old", "proposed": "New"}


def test_export_approved_writes_the_csvs(tmp_path: Path, monkeypatch) -> None:
    url = store.sqlite_url(tmp_path)
    engine = store.make_engine(url)
    number = store.submit(engine, "organization", NEW_ORG["id"], NEW_ORG)
    store.submit(engine, "organization", "rejected-org", {**NEW_ORG, "id": "rejected-org"})
    store.decide(engine, number, approve=True, actor="admin")
    engine.dispose()
    out = tmp_path / "out"
    assert main(["export-approved", "--out", str(out), "--data", str(TINY), "--database", url]) == 0
    with (out / "organizations.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert len(rows) == 11 and "rejected-org" not in rows
    assert rows["example-college"]["provenance"] == "contributed"
    assert rows["1edtech"]["provenance"] == ""
    result = load_dataset(_with_content(out))
    assert result.problems == []


def _with_content(out: Path) -> Path:
    for path in TINY.iterdir():
        if not (out / path.name).exists():
            (out / path.name).write_bytes(path.read_bytes())
    return out

from __future__ import annotations

from pathlib import Path

import pytest

from lermap import schema
from lermap.dataset import load_dataset
from lermap.load import parse_bytes
from tests.conftest import BAD, overlay

# One bad dataset per validation rule, and the exact line it must produce.
CASES = [
    ("unknown_group", "organizations.csv:4:primary_group: unknown stakeholder group 'employer' (did you mean 'employers'?)"),
    ("unknown_area", "organizations.csv:5:action_areas: unknown action area 'gatherin' (did you mean 'gathering'?)"),
    ("duplicate_id", "organizations.csv:12:id: duplicate id '1edtech' (first at row 2)"),
    ("dangling_relationship", "relationships.csv:3:target_id: unknown organization '1edtec' (did you mean '1edtech'?)"),
    ("missing_column", "organizations.csv:1:primary_group: missing required column 'primary_group'"),
    ("empty_name", "organizations.csv:3:name: empty name"),
    ("malformed_url", "organizations.csv:6:website: malformed URL 'javascript:alert(1)' (only http:// and https:// links are accepted)"),
    ("bad_id", "organizations.csv:7:id: 'Jobs For The Future' is not a kebab-case id (lowercase letters, digits and single hyphens)"),
    ("unknown_state", "organizations.csv:8:hq_state: unknown U.S. state code 'XX'"),
    ("unknown_relation", "relationships.csv:2:relation: unknown relation 'friends_with' (did you mean 'authored_with'?)"),
    ("self_relationship", "relationships.csv:4:target_id: an organization cannot relate to itself"),
    ("wrong_encoding", "organizations.csv:4: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ("empty_file", "organizations.csv: file is empty"),
    ("binary_file", "organizations.csv: not a text file (binary content)"),
]  # fmt: skip


def test_every_bad_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(case for case, _ in CASES)


@pytest.mark.parametrize(("case", "expected"), CASES, ids=[c for c, _ in CASES])
def test_bad_fixture_gives_its_precise_message(tmp_path: Path, case: str, expected: str) -> None:
    result = load_dataset(overlay(tmp_path, case))
    assert expected in [str(p) for p in result.problems]


def test_tiny_dataset_is_valid(tiny_dir: Path) -> None:
    result = load_dataset(tiny_dir)
    assert result.problems == []
    assert result.dataset is not None
    assert len(result.dataset.organizations) == 10


def test_bad_rows_are_left_out_and_the_rest_kept(tmp_path: Path) -> None:
    result = load_dataset(overlay(tmp_path, "unknown_group"))
    assert result.dataset is not None
    assert len(result.dataset.organizations) == 9
    # the relationship touching the left-out organization is reported, not silently dropped
    assert any("left out" in p.message for p in result.problems)


def test_file_over_the_size_bound(tiny_dir: Path) -> None:
    path = tiny_dir / "organizations.csv"
    with path.open("r+b") as fh:
        fh.truncate(schema.MAX_FILE_BYTES + 1)
    result = load_dataset(tiny_dir)
    assert "organizations.csv: file is over the 20 MB limit" in [str(p) for p in result.problems]
    assert result.dataset is None


def test_missing_file(tiny_dir: Path) -> None:
    (tiny_dir / "relationships.csv").unlink()
    assert "relationships.csv: file not found" in [str(p) for p in load_dataset(tiny_dir).problems]


def test_missing_directory(tmp_path: Path) -> None:
    result = load_dataset(tmp_path / "nope")
    assert result.dataset is None
    assert "data directory not found" in str(result.problems[0])


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ID,Name,primary_group", "missing required column 'action_areas'"),
        ("id,name,primary_group,secondary_groups,action_area", "unknown column 'action_area', ignored (did you mean 'action_areas'?)"),
    ],
)  # fmt: skip
def test_column_names_match_case_insensitively_with_suggestions(header: str, expected: str) -> None:
    raw = parse_bytes(f"{header}\n".encode(), "organizations.csv", schema.ORGANIZATIONS)
    messages = [p.message for p in raw.problems]
    assert expected in messages
    assert not any("'ID'" in m or "'Name'" in m for m in messages)


def test_bundled_dataset_is_valid_and_large_enough(bundled_dir: Path) -> None:
    result = load_dataset(bundled_dir)
    assert result.problems == []
    orgs = result.dataset.organizations
    assert len(orgs) >= 300
    assert set(orgs["primary_group"]) == set(schema.STAKEHOLDER_GROUPS)
    assert (orgs["source_url"].str.startswith("http")).all()
    assert orgs["description"].str.len().gt(0).all()

from __future__ import annotations

import pandas as pd
import pytest

from lermap.dataset import load_dataset
from lermap.filters import FilterSpec, apply, facet_counts, mask, search_mask, split_known
from tests.conftest import TINY


@pytest.fixture(scope="module")
def ds():
    return load_dataset(TINY).dataset


# Tiny dataset: 10 real organizations. Expected ids are read off tests/data/tiny/organizations.csv.
CASES = [
    ("no filter", FilterSpec(), 10),
    ("one role", FilterSpec.of(roles=["data-standards-organizations"]), None),
    ("role OR role", FilterSpec.of(roles=["data-standards-organizations", "funders"]), None),
    ("secondary group counts", FilterSpec.of(roles=["career-navigators"]), None),
    ("area", FilterSpec.of(areas=["gathering"]), None),
    ("role AND area", FilterSpec.of(roles=["governance"], areas=["building"]), None),
    ("state", FilterSpec.of(states=["MA"]), None),
    ("search, accents and case", FilterSpec.of(q="WÂLMART"), 1),
    ("search typo", FilterSpec.of(q="credental engine"), 1),
    ("search nothing", FilterSpec.of(q="zzzzqqq"), 0),
]


def expected_count(ds, spec: FilterSpec) -> int:
    """The count computed straight from the rows, independently of lermap.filters."""
    count = 0
    for _, org in ds.organizations.iterrows():
        if spec.roles and not set(org["groups"]) & spec.roles:
            continue
        if spec.areas and not set(org["action_areas"]) & spec.areas:
            continue
        if spec.states and org["hq_state"] not in spec.states:
            continue
        count += 1
    return count


@pytest.mark.parametrize(("name", "spec", "count"), CASES, ids=[c[0] for c in CASES])
def test_filter_counts(ds, name: str, spec: FilterSpec, count: int | None) -> None:
    result = apply(ds, spec)
    if count is None:
        count = expected_count(ds, spec)
        assert count > 0, "case must select something to be meaningful"
    assert len(result) == count


def test_secondary_groups_count_for_roles(ds) -> None:
    jff = ds.organizations.loc["jobs-for-the-future"]
    assert jff["primary_group"] != "career-navigators" and "career-navigators" in jff["groups"]
    assert "jobs-for-the-future" in apply(ds, FilterSpec.of(roles=["career-navigators"])).index


def test_facet_counts_use_the_other_filters_only(ds) -> None:
    spec = FilterSpec.of(roles=["governance"], areas=["building"])
    counts = facet_counts(ds, spec)
    # role counts ignore the role filter but apply the area filter
    assert counts["roles"]["governance"] == len(apply(ds, FilterSpec.of(roles=["governance"], areas=["building"])))
    assert counts["roles"]["funders"] == len(apply(ds, FilterSpec.of(roles=["funders"], areas=["building"])))
    assert counts["areas"]["promoting"] == len(apply(ds, FilterSpec.of(roles=["governance"], areas=["promoting"])))


@pytest.mark.parametrize(
    ("values", "known", "unknown"),
    [(["employers", "nope", "employers"], ["employers"], ["nope"]), ([], [], []), (["x"], [], ["x"])],
)
def test_split_known(values, known, unknown) -> None:
    assert split_known(values, ["employers", "funders"]) == (known, unknown)


def test_search_mask_requires_every_word() -> None:
    texts = pd.Series(["open badges standard", "open data", "badges only"])
    assert search_mask(texts, "open badges").tolist() == [True, False, False]


def test_spec_round_trips_to_query_params() -> None:
    spec = FilterSpec.of(roles=["funders", "employers"], areas=["gathering"], q="wallet", org="w3c")
    assert spec.query_params() == {"role": ["employers", "funders"], "area": ["gathering"], "q": "wallet", "org": "w3c"}
    assert FilterSpec().describe() == "no filter (all organizations)"


def test_mask_is_a_boolean_series_over_all_organizations(ds) -> None:
    result = mask(ds, FilterSpec.of(areas=["supporting"]))
    assert result.dtype == bool and result.index.equals(ds.organizations.index)

"""Benchmarks of the explore path: filter + every Overview figure + the directory table."""

from __future__ import annotations

import tempfile
from pathlib import Path

from lermap import BUNDLED_DATA_DIR, charts, counts, filters, synth
from lermap.bench import benchmark, timed
from lermap.dataset import Dataset, load_dataset
from lermap.filters import FilterSpec

TARGETS_MS = {"real": 100, "synthetic_10000": 500}
SPEC = FilterSpec.of(roles=["employers", "credentialing-organizations"], areas=["gathering", "building"])


def explore_once(ds: Dataset, spec: FilterSpec) -> None:
    """What one Overview + directory rerun computes on the server."""
    orgs = filters.apply(ds, spec)
    rels = filters.relationships_within(ds, orgs.index)
    filters.facet_counts(ds, spec)
    counts.kpis(orgs, rels)
    charts.by_group(counts.by_group(orgs))
    charts.by_area(counts.by_area(orgs))
    charts.coverage_heatmap(counts.coverage(orgs))
    charts.state_map(counts.by_state(orgs))
    charts.by_relation(counts.by_relation(rels))
    charts.most_connected(counts.most_connected(orgs, rels))
    from lermap import directory

    directory.table(orgs)


@benchmark("explore")
def explore(options: dict) -> dict:
    repeat = 3 if options.get("quick") else 7
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {"real": BUNDLED_DATA_DIR, "synthetic_10000": synth.write(10_000, Path(tmp) / "s")}
        for name, directory in sizes.items():
            ds = load_dataset(directory).dataset
            for label, spec in (
                ("no_filter", FilterSpec()),
                ("filtered", SPEC),
                ("search", FilterSpec.of(q="credental")),
            ):
                figures = timed(lambda ds=ds, spec=spec: explore_once(ds, spec), repeat)
                figures["target_ms"] = TARGETS_MS[name]
                figures["meets_target"] = figures["median_ms"] < TARGETS_MS[name]
                results[f"{name}/{label}"] = figures
    return results

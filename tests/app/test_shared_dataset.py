"""The dataset is one object shared by every session; no page may change it."""

from __future__ import annotations

import pandas as pd
import pytest

from lermap import ui
from lermap.load import fingerprint
from tests.app.conftest import run_page
from tests.conftest import ROOT, TINY

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "admin")
# Pages again with a filter or a focus, which take other paths through the shared frames.
VIEWS = [(page, {}) for page in PAGES] + [
    ("overview", {"role": "employers", "area": "building"}),
    ("organizations", {"org": "w3c", "q": "credential"}),
    ("network", {"org": "w3c", "role": "data-standards-organizations"}),
    ("fit", {"group": "employers", "areas": "building"}),
]


def _shared():
    return ui._load(str(TINY), fingerprint(TINY), ui.approval_stamp())


def _graph_digest(graph) -> tuple:
    return (
        sorted((node, repr(sorted(data.items()))) for node, data in graph.nodes(data=True)),
        sorted((*sorted((u, v)), repr(sorted(data.items()))) for u, v, data in graph.edges(data=True)),
    )


def _digest(frame: pd.DataFrame) -> tuple:
    return (tuple(frame.columns), tuple(frame.index), int(pd.util.hash_pandas_object(frame.astype(str)).sum()))


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LERMAP_STORE_DIR", str(tmp_path / "store"))


def test_every_page_leaves_the_shared_dataset_unchanged(store_dir) -> None:
    assert not run_page("overview").exception
    result = _shared()
    ds = result.dataset
    frames = {"organizations": ds.organizations, "relationships": ds.relationships, **ds.content}
    before = {name: _digest(frame) for name, frame in frames.items()}
    model = ui.network_model(ds)
    graph, positions, metrics = model
    model_before = (_graph_digest(graph), dict(positions), _digest(metrics))
    for page, query in VIEWS:
        at = run_page(page, query=query)
        assert not at.exception, (page, query, [e.value for e in at.exception])
    assert _shared() is result, "sessions must share one dataset object, not copies"
    after = {name: _digest(frame) for name, frame in frames.items()}
    changed = [name for name in frames if after[name] != before[name]]
    assert not changed, f"a page changed the shared dataset: {changed}"
    assert ui.network_model(ds) is model, "sessions must share one network model"
    assert (_graph_digest(graph), dict(positions), _digest(metrics)) == model_before, "a page changed the network model"

"""The network map: graph building, layout, metrics, escaping, self-contained HTML, exports."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from lermap import filters, network, schema
from lermap.dataset import load_dataset
from lermap.filters import FilterSpec
from tests.conftest import ROOT, TESTS, TINY

XSS = TESTS / "data" / "xss"
PAYLOAD_ORG = "credential-engine"


@pytest.fixture(scope="module")
def tiny():
    return load_dataset(TINY).dataset


@pytest.fixture(scope="module")
def xss():
    return load_dataset(XSS).dataset


@pytest.fixture(scope="module")
def tiny_full(tiny):
    return network.build(tiny, hubs=network.HUB_KINDS)


def test_build_counts_nodes_and_merges_parallel_relations(tiny) -> None:
    graph = network.build(tiny)
    assert graph.number_of_nodes() == len(tiny.organizations) == 10
    pairs = {
        frozenset((s, t)) for s, t in zip(tiny.relationships["source_id"], tiny.relationships["target_id"], strict=True)
    }
    assert graph.number_of_edges() == len(pairs)
    assert graph.edges["digital-credentials-consortium", "1edtech"]["relations"].split(";") == [
        "authored_with",
        "uses_standard",
    ]


def test_build_node_attributes_come_from_the_schema(tiny) -> None:
    graph = network.build(tiny)
    node = graph.nodes["1edtech"]
    assert node["kind"] == "organization"
    assert node["group"] == "data-standards-organizations"
    assert node["colour"] == schema.STAKEHOLDER_GROUPS["data-standards-organizations"].colour
    assert node["areas"] == "promoting;gathering;supporting"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (FilterSpec.of(roles=["funders"]), {"walmart-foundation"}),
        (FilterSpec.of(q="credential engine"), {"credential-engine"}),
        (FilterSpec.of(roles=["employers"], areas=["promoting"]), set()),
    ],
)
def test_build_applies_the_shared_filters(tiny, spec, expected) -> None:
    shown = set(network.build(tiny, spec))
    assert shown >= expected
    assert shown == set(filters.apply(tiny, spec).index)


def test_hubs_link_organizations_to_their_group_and_areas(tiny_full, tiny) -> None:
    hubs = {n for n, kind in tiny_full.nodes(data="kind") if kind != "organization"}
    assert hubs == {network.hub_id("group", g) for g in schema.STAKEHOLDER_GROUPS} | {
        network.hub_id("area", a) for a in schema.ACTION_AREAS
    }
    assert tiny_full.has_edge("1edtech", "group:data-standards-organizations")
    assert tiny_full.has_edge("1edtech", "area:gathering")
    assert not tiny_full.has_edge("1edtech", "area:building")


def test_layout_is_deterministic_and_covers_every_node(tiny_full) -> None:
    first, second = network.layout(tiny_full), network.layout(tiny_full)
    assert first == second
    assert set(first) == set(tiny_full)
    assert len(set(first.values())) == len(first), "two nodes share a position"


@pytest.mark.parametrize(
    "view",
    [
        network.View(spec=FilterSpec.of(roles=["governance"])),
        network.View(spec=FilterSpec.of(areas=["building"]), mode="fade"),
        network.View(focus="jobs-for-the-future", hops=1),
        network.View(hubs=("groups",)),
    ],
)
def test_positions_do_not_move_when_filtering_or_focusing(tiny, tiny_full, view) -> None:
    positions = network.layout(tiny_full)
    _scene, page = network.render(tiny, tiny_full, positions, network.metrics(tiny_full), view)
    drawn = {n["id"]: (n["x"], n["y"]) for n in _nodes(page)}
    assert drawn
    assert all(positions[node] == xy for node, xy in drawn.items())


def test_scene_hides_or_fades_what_the_filter_leaves_out(tiny, tiny_full) -> None:
    spec = FilterSpec.of(roles=["governance"])
    hidden = network.scene(tiny, tiny_full, network.View(spec=spec))
    faded = network.scene(tiny, tiny_full, network.View(spec=spec, mode="fade"))
    assert (
        set(hidden.graph)
        == hidden.shown
        == {"colorado-workforce-development-council", "national-governors-association"}
    )
    assert set(faded.graph) == set(tiny.organizations.index)
    assert faded.faded == set(tiny.organizations.index) - hidden.shown


@pytest.mark.parametrize(("hops", "expected"), [(1, 3), (2, 8)])
def test_focus_keeps_the_neighbourhood_within_hops(tiny, tiny_full, hops, expected) -> None:
    current = network.scene(tiny, tiny_full, network.View(focus="w3c", hops=hops))
    assert "w3c" in current.shown
    assert current.shown == network.neighbourhood(tiny_full, "w3c", hops)
    assert len(current.shown) == expected


def test_metrics_match_networkx_and_communities_are_reproducible(tiny_full) -> None:
    table = network.metrics(tiny_full)
    orgs = nx.Graph(network.organizations_only(tiny_full))
    expected = nx.betweenness_centrality(orgs)
    assert table["betweenness"].to_dict() == pytest.approx(expected, abs=1e-6)
    assert table["degree"].to_dict() == dict(orgs.degree())
    assert table["community"].tolist() == network.metrics(tiny_full)["community"].tolist()
    assert table.loc["jobs-for-the-future", "connector"]
    assert set(network.isolated(tiny_full)) == set(table.index[table["degree"] == 0])


def _nodes(page: str) -> list[dict]:
    import json

    found = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.DOTALL)
    assert found, "no node data in the page"
    return json.loads(found.group(1))


def test_payload_in_names_and_descriptions_is_escaped(xss) -> None:
    full = network.build(xss, hubs=network.HUB_KINDS)
    _scene, page = network.render(xss, full, network.layout(full), network.metrics(full), network.View())
    node = next(n for n in _nodes(page) if n["id"] == PAYLOAD_ORG)
    assert "<img" not in node["label"] and "&lt;img src=x on" in node["label"]
    assert "<script>" not in node["title"] and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in node["title"]
    assert 'href="javascript:' not in page
    # Nowhere in the page does the payload appear as markup, only inside JSON as escaped text.
    assert "<script>window.__xss" not in page
    assert 'onerror="window.__xss' not in page


def test_html_is_self_contained(tiny, tiny_full) -> None:
    _scene, page = network.render(
        tiny, tiny_full, network.layout(tiny_full), network.metrics(tiny_full), network.View()
    )
    foreign = re.findall(r"""(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", page, re.IGNORECASE)
    assert foreign == []
    assert "bootstrap" not in page.lower()
    assert "new vis.Network" in page and '"enabled": false' in page  # vis-network inlined, physics off


def test_embedded_html_links_vis_network_from_the_apps_own_host(tiny, tiny_full) -> None:
    args = (tiny, tiny_full, network.layout(tiny_full), network.metrics(tiny_full), network.View())
    _scene, standalone = network.render(*args)
    _scene, embedded = network.render(*args, assets_url="/base/app/static/vis-network/")
    assert '<script src="/base/app/static/vis-network/vis-network.min.js"></script>' in embedded
    assert '<link rel="stylesheet" href="/base/app/static/vis-network/vis-network.css">' in embedded
    library = "A dynamic, browser-based visualization library"  # the header of vis-network.min.js
    assert library in standalone and library not in embedded
    assert "cdnjs" not in embedded and not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", embedded)
    assert len(embedded) < len(standalone) - 600_000
    # The same nodes, edges and options either way.
    assert _nodes(embedded) == _nodes(standalone)


def test_static_vis_network_is_the_copy_pyvis_ships() -> None:
    """static/vis-network/ must match the installed pyvis, or the embed would draw with another version."""
    shipped = network.pyvis_vis_network_dir()
    for name in network.VIS_NETWORK_FILES:
        ours = (ROOT / "static" / "vis-network" / name).read_bytes()
        assert ours == (shipped / name).read_bytes(), f"static/vis-network/{name} differs from pyvis's copy"


def test_default_pyvis_would_load_from_a_cdn_without_our_stripping(tiny_full) -> None:
    """The check above can fail: pyvis's own template pulls Bootstrap from another host."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node("a")
    assert re.search(r"""(?:src|href)\s*=\s*["']https://""", net.generate_html())
    assert "bootstrap" not in network.default_pyvis_html(tiny_full).lower()


def test_exports_carry_names_groups_and_positions(tiny_full) -> None:
    positions = network.layout(tiny_full)
    gexf = ET.fromstring(network.to_gexf(tiny_full, positions))
    assert len([e for e in gexf.iter() if e.tag.endswith("}node")]) == tiny_full.number_of_nodes()
    graphml = nx.read_graphml(__import__("io").BytesIO(network.to_graphml(tiny_full, positions)))
    assert graphml.nodes["1edtech"]["group"] == "data-standards-organizations"
    assert graphml.nodes["1edtech"]["x"] == positions["1edtech"][0]
    assert graphml.number_of_edges() == tiny_full.number_of_edges()


def test_graph_html_command_writes_the_standalone_download(tiny, tiny_full, tmp_path) -> None:
    from lermap.cli import main

    out = tmp_path / "map.html"
    args = ["graph-html", "--data", str(TINY), "--role", "data-standards-organizations", "--focus", "w3c"]
    assert main([*args, "--hops", "2", "--out", str(out)]) == 0
    view = network.View(spec=FilterSpec.of(roles=["data-standards-organizations"]), focus="w3c", hops=2)
    _scene, page = network.render(tiny, tiny_full, network.layout(tiny_full), network.metrics(tiny_full), view)
    assert out.read_text(encoding="utf-8") == page


def test_graph_html_command_refuses_unknown_ids(tmp_path, capsys) -> None:
    from lermap.cli import main

    assert main(["graph-html", "--data", str(TINY), "--focus", "no-such-org", "--out", str(tmp_path / "x.html")]) == 1
    assert "no-such-org" in capsys.readouterr().err

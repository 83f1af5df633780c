"""The network map: organizations as nodes, sourced relationships as edges.

Pure functions, no Streamlit: `build` makes the networkx graph, `layout` computes fixed
positions once per dataset, `metrics` the centrality table, `to_html` the standalone pyvis page
the app embeds and `python -m lermap graph-html` writes, and `to_gexf` / `to_graphml` the exports.

Why the layout is computed here and not in the browser: vis-network's physics took tens of
seconds to settle 1,000 nodes on a laptop-class machine, and it moves every node again whenever
the graph changes. Positions computed once and sent with physics off draw in well under a second
and keep every node where it was while filters and focus change.
"""

from __future__ import annotations

import html
import io
import json
import math
import random
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from lermap import filters, schema
from lermap.dataset import Dataset
from lermap.filters import FilterSpec

Positions = dict[str, tuple[float, float]]

SEED = 7
HUB_KINDS = ("groups", "areas")
SIZE_MEASURES = {"degree": "Degree", "betweenness": "Betweenness"}
DISPLAY_MODES = {"hide": "Hide", "fade": "Fade"}
MAX_HOPS = 3
FADED_OPACITY = 0.12
LABEL_CHARS = 32
HEIGHT_PX = 680

# Attraction of an organization to its hubs in the layout. The group hub pulls harder, so that
# colours gather; the area hubs only nudge. Both are always in the layout graph, so showing or
# hiding hubs never moves an organization.
GROUP_HUB_WEIGHT = 1.0
AREA_HUB_WEIGHT = 0.15
# Room per node (a square of this side), in vis-network pixels at zoom 1.
SPACING_PX = 60


def hub_id(kind: str, key: str) -> str:
    """Node id of a group or area hub; the ':' keeps it apart from kebab-case organization ids."""
    return f"{kind}:{key}"


def _clip(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build(ds: Dataset, spec: FilterSpec | None = None, *, hubs: Collection[str] = ()) -> nx.Graph:
    """Organizations that pass `spec` (all when None) as nodes, their relationships as edges.

    Several relations between the same two organizations become one edge whose `relations`
    lists them. `hubs` may hold "groups" and/or "areas": one hub node per stakeholder group or
    action area, linked to its organizations by edges of kind "hub".
    """
    orgs = ds.organizations if spec is None else filters.apply(ds, spec)
    graph = nx.Graph()
    for org_id, org in orgs.iterrows():
        graph.add_node(
            org_id,
            kind="organization",
            name=str(org["name"]),
            group=str(org["primary_group"]),
            groups=";".join(org["groups"]),
            areas=";".join(org["action_areas"]),
            description=str(org["description"]),
            website=str(org["website"]),
            colour=schema.STAKEHOLDER_GROUPS[org["primary_group"]].colour,
        )
    rels = ds.relationships
    rels = rels[rels["source_id"].isin(graph) & rels["target_id"].isin(graph)]
    for source, target, relation in zip(rels["source_id"], rels["target_id"], rels["relation"], strict=True):
        if source == target:
            continue
        if graph.has_edge(source, target):
            known = graph.edges[source, target]["relations"].split(";")
            if relation not in known:
                graph.edges[source, target]["relations"] = ";".join([*known, relation])
        else:
            graph.add_edge(source, target, kind="relationship", relations=relation, weight=1.0)
    if "groups" in hubs:
        _add_hubs(
            graph, orgs["primary_group"].map(lambda g: (g,)), schema.STAKEHOLDER_GROUPS, "group", GROUP_HUB_WEIGHT
        )
    if "areas" in hubs:
        _add_hubs(graph, orgs["action_areas"], schema.ACTION_AREAS, "area", AREA_HUB_WEIGHT)
    return graph


def _add_hubs(
    graph: nx.Graph, members: pd.Series, choices: Mapping[str, schema.Choice], kind: str, weight: float
) -> None:
    for choice in choices.values():
        graph.add_node(hub_id(kind, choice.id), kind=kind, name=choice.label, description=choice.help,
                       colour=choice.colour, group="", groups="", areas="", website="")  # fmt: skip
    for org_id, keys in members.items():
        for key in keys:
            if key in choices:
                graph.add_edge(org_id, hub_id(kind, key), kind="hub", relations="", weight=weight)


def organizations_only(graph: nx.Graph) -> nx.Graph:
    """The subgraph of organization nodes and relationship edges (no hubs)."""
    return graph.subgraph(n for n, kind in graph.nodes(data="kind") if kind == "organization")


def layout(graph: nx.Graph, *, seed: int = SEED) -> Positions:
    """Fixed 2-D positions for every node, deterministic for a given graph and seed.

    Fruchterman-Reingold in igraph (C, with a grid for large graphs: a few seconds at 10,000
    nodes, where networkx's takes minutes). Each organization starts beside its stakeholder
    group's place on a circle, which both speeds convergence and keeps colours together. Lay out
    the full graph with all hubs (build(ds, hubs=HUB_KINDS)) so every view can reuse it.
    """
    import igraph

    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    rng = np.random.default_rng(seed)
    # Start at a scale of about sqrt(n): igraph's grid assumes unit-ish spacing, and a start
    # squeezed into a small square made the 10,000-node layout ten times slower.
    radius = math.sqrt(n) * 1.2
    anchors = {
        g: (radius * math.cos(2 * math.pi * i / len(schema.STAKEHOLDER_GROUPS)),
            radius * math.sin(2 * math.pi * i / len(schema.STAKEHOLDER_GROUPS)))
        for i, g in enumerate(schema.STAKEHOLDER_GROUPS)
    }  # fmt: skip
    start = rng.uniform(-radius, radius, size=(n, 2))
    for node, i in index.items():
        data = graph.nodes[node]
        key = data.get("group") or (node.split(":", 1)[1] if data.get("kind") == "group" else "")
        if key in anchors:
            spread = 0 if data.get("kind") == "group" else radius * 0.35
            start[i] = np.add(anchors[key], rng.uniform(-spread, spread, size=2) if spread else 0)
    # Area hubs are left out of the force layout: nearly every organization is in two or three
    # areas, so their pull crushed the map into one ball. They are placed afterwards.
    laid = [(u, v, w) for u, v, w in graph.edges(data="weight", default=1.0)
            if graph.nodes[u]["kind"] != "area" and graph.nodes[v]["kind"] != "area"]  # fmt: skip
    edges = [(index[u], index[v]) for u, v, _w in laid]
    ig_graph = igraph.Graph(n=n, edges=edges)
    # igraph draws its random numbers from Python's `random` module by default, which other code
    # also consumes: give it a generator of its own, seeded, for a reproducible layout.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = ig_graph.layout_fruchterman_reingold(
            seed=start.tolist(),
            weights=[float(w) for _u, _v, w in laid] or None,
            niter=500 if n <= 2000 else 300,
            grid=n > 1000,
        ).coords
    finally:
        igraph.set_random_number_generator(random)
    points = np.asarray(coords, dtype=float)
    points -= np.median(points, axis=0)
    # Give each node about SPACING_PX x SPACING_PX of room (outliers excluded), so that labels of
    # neighbours have space at the zoom where they are drawn.
    low, high = np.percentile(points, [2, 98], axis=0)
    extent = math.sqrt(max(float(np.prod(high - low)), 1e-9))
    points *= SPACING_PX * math.sqrt(n) / extent
    positions = {node: (round(float(points[i, 0]), 1), round(float(points[i, 1]), 1)) for node, i in index.items()}
    _place_area_hubs(graph, positions)
    return positions


def _place_area_hubs(graph: nx.Graph, positions: Positions) -> None:
    """Each area hub at the centre of its organizations, set a little apart so hubs do not overlap."""
    areas = [n for n, kind in graph.nodes(data="kind") if kind == "area"]
    for k, hub in enumerate(sorted(areas)):
        members = [positions[m] for m in graph.neighbors(hub) if m in positions]
        cx, cy = np.mean(members, axis=0) if members else (0.0, 0.0)
        angle = math.pi / 4 + k * 2 * math.pi / max(len(areas), 1)
        offset = SPACING_PX * 3
        positions[hub] = (
            round(float(cx) + offset * math.cos(angle), 1),
            round(float(cy) + offset * math.sin(angle), 1),
        )


def metrics(graph: nx.Graph, *, seed: int = SEED) -> pd.DataFrame:
    """Per organization: degree, betweenness, Louvain community and the groups it bridges.

    Measured on organizations and relationships only (hubs would make every organization a
    neighbour of every other). Betweenness is exact (igraph, normalised as networkx does);
    communities are networkx Louvain with a fixed seed, so the numbers are reproducible.
    A "connector" reaches organizations of at least two stakeholder groups other than its own.
    """
    import igraph

    orgs = organizations_only(graph)
    nodes = sorted(orgs.nodes)
    columns = ["id", "name", "group", "degree", "betweenness", "community", "groups_reached", "connector"]
    if not nodes:
        return pd.DataFrame(columns=columns).set_index("id", drop=False).rename_axis(None)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    ig_graph = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in orgs.edges])
    raw = ig_graph.betweenness(directed=False)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    communities = nx.community.louvain_communities(orgs, seed=seed)
    # Number communities by size (largest first), ties by their first id: stable labels.
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community_of = {node: k + 1 for k, members in enumerate(ordered) for node in members}
    rows = []
    for node in nodes:
        group = orgs.nodes[node]["group"]
        reached = {orgs.nodes[other]["group"] for other in orgs.neighbors(node)} - {group}
        rows.append(
            {
                "id": node,
                "name": orgs.nodes[node]["name"],
                "group": group,
                "degree": orgs.degree(node),
                "betweenness": round(raw[index[node]] * scale, 6),
                "community": community_of[node] if orgs.degree(node) else 0,
                "groups_reached": len(reached),
                "connector": len(reached) >= 2,
            }
        )
    return pd.DataFrame(rows, columns=columns).set_index("id", drop=False).rename_axis(None)


def isolated(graph: nx.Graph) -> list[str]:
    """Organizations without any relationship, by name."""
    orgs = organizations_only(graph)
    return sorted((n for n in orgs if orgs.degree(n) == 0), key=lambda n: orgs.nodes[n]["name"].casefold())


def neighbourhood(graph: nx.Graph, org_id: str, hops: int) -> set[str]:
    """The organization and every organization within `hops` relationships of it."""
    orgs = organizations_only(graph)
    if org_id not in orgs:
        return set()
    return set(nx.single_source_shortest_path_length(orgs, org_id, cutoff=max(1, min(hops, MAX_HOPS))))


@dataclass(frozen=True)
class View:
    """What the visitor asked the map to show. The defaults show every organization."""

    spec: FilterSpec = field(default_factory=FilterSpec)
    mode: str = "hide"  # hide | fade: what happens to organizations outside the filter or focus
    focus: str = ""
    hops: int = 1
    hubs: tuple[str, ...] = ()
    size_by: str = "degree"


@dataclass(frozen=True)
class Scene:
    """The graph to draw and which of its nodes are faded."""

    graph: nx.Graph
    faded: frozenset[str]
    shown: frozenset[str]  # organizations that pass the filter and the focus


def scene(ds: Dataset, full: nx.Graph, view: View) -> Scene:
    """Apply the filter, the focus and the hub choice to the full graph (built with all hubs)."""
    shown = set(filters.apply(ds, view.spec).index) if not view.spec.is_empty else set(organizations_only(full))
    if view.focus in full:
        shown &= neighbourhood(full, view.focus, view.hops)
        shown.add(view.focus)  # the focused organization stays visible even if the filter excludes it
    hub_kinds = {kind.rstrip("s") for kind in view.hubs}
    keep = [
        n
        for n, kind in full.nodes(data="kind")
        if (kind == "organization" and (n in shown or view.mode == "fade")) or kind in hub_kinds
    ]
    graph = full.subgraph(keep)
    faded = frozenset(n for n in keep if graph.nodes[n]["kind"] == "organization" and n not in shown)
    return Scene(graph, faded, frozenset(shown))


def _tooltip(data: Mapping, measure: Mapping | None) -> str:
    """Tooltip markup: every piece of data is escaped here; only our own tags remain."""
    e = html.escape
    lines = [f"<b>{e(data['name'])}</b>"]
    if data["kind"] == "organization":
        groups = ", ".join(schema.group_label(g) for g in data["groups"].split(";") if g)
        areas = ", ".join(schema.area_label(a) for a in data["areas"].split(";") if a)
        lines.append(f"Stakeholder group: {e(groups)}")
        if areas:
            lines.append(f"Action areas: {e(areas)}")
        if measure is not None:
            lines.append(
                f"Relationships: {int(measure['degree'])} · betweenness {float(measure['betweenness']):.3f}"
                + (" · connector" if measure["connector"] else "")
            )
        lines.append(f"<span style='color:#444'>{e(_clip(data['description'], 240))}</span>")
        if re.match(r"^https?://", data.get("website", ""), re.IGNORECASE):
            lines.append(e(data["website"]))  # as text: a link in a tooltip cannot be clicked anyway
    else:
        lines.append(e(("Stakeholder group" if data["kind"] == "group" else "Action area") + " hub"))
        lines.append(e(data["description"]))
    return "<div style='max-width:320px;white-space:normal'>" + "<br>".join(lines) + "</div>"


def _size_values(graph: nx.Graph, table: pd.DataFrame | None, size_by: str) -> dict[str, float]:
    if table is not None and size_by in table.columns and len(table):
        column = table[size_by].astype(float).to_dict()
        top = max(column.values()) or 1.0
        return {n: column.get(n, 0.0) / top for n in graph}
    degrees = dict(graph.degree())
    top = max(degrees.values(), default=1) or 1
    return {n: degrees[n] / top for n in graph}


def _vis_nodes(graph: nx.Graph, positions: Positions, scene_faded: Collection[str],
               table: pd.DataFrame | None, size_by: str, focus: str) -> list[dict]:  # fmt: skip
    values = _size_values(graph, table, size_by)
    # Plain dicts: a pandas row lookup per node cost a second at 1,000 nodes.
    measures = table.to_dict("index") if table is not None else {}
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        kind = data["kind"]
        faded = node in scene_faded
        measure = measures.get(node)
        item = {
            "id": node,
            # Labels and tooltips are HTML-escaped before pyvis sees them (pyvis does not escape,
            # and its popup path sets titles with innerHTML); the page script turns labels back
            # into plain canvas text and tooltips into elements built from this escaped markup.
            "label": html.escape(_clip(data["name"])),
            "title": "" if faded else _tooltip(data, measure),
            "x": x,
            "y": y,
            "color": {"background": data["colour"], "border": "#222222",
                      "highlight": {"background": data["colour"], "border": "#000000"}},
            "borderWidth": 1,
            "physics": False,
        }  # fmt: skip
        if kind == "organization":
            item["shape"] = "dot"
            item["value"] = 1 + 99 * math.sqrt(values.get(node, 0.0))
        else:
            item["shape"] = "diamond" if kind == "group" else "square"
            item["value"] = 120
            item["font"] = {"size": 22, "bold": True, "color": "#111111"}
        if faded:
            item["opacity"] = FADED_OPACITY
            item["label"] = ""
        if node == focus:
            item["borderWidth"] = 5
            item["color"]["border"] = "#000000"
            item["font"] = {"size": 22, "color": "#000000", "strokeWidth": 4, "strokeColor": "#ffffff"}
        nodes.append(item)
    return nodes


def _vis_edges(graph: nx.Graph, faded: Collection[str]) -> list[dict]:
    edges = []
    for u, v, data in graph.edges(data=True):
        dim = u in faded or v in faded
        if data["kind"] == "hub":
            edges.append({"from": u, "to": v, "color": {"color": "#cccccc", "opacity": 0.05 if dim else 0.35},
                          "width": 0.5, "dashes": True})  # fmt: skip
            continue
        relations = [schema.relation_label(r) for r in data["relations"].split(";") if r]
        edges.append(
            {
                "from": u,
                "to": v,
                "title": "" if dim else html.escape("; ".join(relations)),
                "color": {"color": "#777777", "opacity": 0.08 if dim else 0.6},
                "width": 1 + 0.5 * (len(relations) - 1),
            }
        )
    return edges


# vis-network options. Physics off: positions come from `layout`. improvedLayout off: it would
# run a Kamada-Kawai pass in the browser. Labels scale with the node and are not drawn below a
# readable size, so a zoomed-out map of 1,000 organizations shows only the largest names.
VIS_OPTIONS: dict = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "edges": {"smooth": False, "selectionWidth": 2},
    "nodes": {
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"min": 6, "max": 36, "label": {"enabled": True, "min": 11, "max": 24, "drawThreshold": 9}},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True, "navigationButtons": False,
                    "keyboard": {"enabled": True, "bindToWindow": False}},
}  # fmt: skip

_FOREIGN = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def _legend(graph: nx.Graph) -> str:
    present = {data.get("group") for _n, data in graph.nodes(data=True)}
    items = [
        f"<span class='lg'><i style='background:{c.colour}'></i>{html.escape(c.label)}</span>"
        for c in schema.STAKEHOLDER_GROUPS.values()
        if c.id in present
    ]
    kinds = {kind for _n, kind in graph.nodes(data="kind")}
    if "group" in kinds:
        items.append("<span class='lg'><b class='hub'>◆</b>stakeholder group hub</span>")
    if "area" in kinds:
        items.append("<span class='lg'><b class='hub'>■</b>action area hub</span>")
    return "<div id='legend' aria-label='Legend'><b>Colour: stakeholder group.</b> " + "".join(items) + "</div>"


_STYLE = """
body { margin: 0; font-family: system-ui, sans-serif; background: #ffffff; }
#mynetwork { float: none !important; border: 1px solid #dddddd !important; }
#legend { padding: 2px 4px 6px; font-size: 13px; line-height: 1.7; color: #222222; }
#legend .lg { display: inline-block; margin-right: 10px; white-space: nowrap; }
#legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px;
            border: 1px solid #222222; vertical-align: -1px; }
#legend .hub { margin-right: 4px; }
div.vis-tooltip { font-family: system-ui, sans-serif; font-size: 13px; padding: 6px 8px; }
"""

# Runs after pyvis's drawGraph(): labels arrived escaped, so decode them to plain text with an
# inert DOMParser document (no scripts, no image loads) for the canvas; tooltips are our own
# markup around escaped data, turned into elements because vis-network shows strings as text.
# `window.lermapDrawn` marks the first frame for the tests and the benchmark.
_SCRIPT = """
<script>
(function () {
  var parser = new DOMParser();
  function text(s) {
    // Only escaped text holds '&': skip the parser for the rest (most labels at 10,000 nodes).
    return s && s.indexOf("&") >= 0 ? parser.parseFromString(s, "text/html").documentElement.textContent : s;
  }
  function element(s) {
    if (!s) { return undefined; }
    var box = document.createElement("div");
    box.innerHTML = s;
    return box.firstChild;
  }
  nodes.update(nodes.get().map(function (n) { return {id: n.id, label: text(n.label), title: element(n.title)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, title: text(e.title) || undefined}; }));
  network.once("afterDrawing", function () { window.lermapDrawn = performance.now(); });
  network.redraw();
})();
</script>
"""


def to_html(
    graph: nx.Graph,
    positions: Positions,
    *,
    faded: Collection[str] = (),
    table: pd.DataFrame | None = None,
    size_by: str = "degree",
    focus: str = "",
    height_px: int = HEIGHT_PX,
    assets_url: str | None = None,
) -> str:
    """An HTML page drawing `graph` at `positions` with pyvis, making no request to another host.

    With `assets_url` None the page stands alone: pyvis's template inlines vis-network (0.7 MB).
    With `assets_url` (the app's static folder, e.g. "/app/static/vis-network/") the page links
    vis-network's script and style there instead, so the app sends a few kB per view and the
    browser compiles vis-network once and then takes it from its cache. The Bootstrap tags the
    template loads from a CDN are removed (nothing here uses them), and the result is checked to
    carry no src/href to another host.
    """
    from pyvis.network import Network

    resources = "in_line" if assets_url is None else "remote"
    net = Network(height=f"{height_px}px", width="100%", cdn_resources=resources)
    # Filled directly: pyvis's add_node/add_edge scan every existing item, quadratic at 10,000.
    net.nodes = _vis_nodes(graph, positions, faded, table, size_by, focus)
    net.edges = _vis_edges(graph, faded)
    net.options = VIS_OPTIONS
    template = net.templateEnv.get_template(net.path)
    page = template.render(
        height=net.height, width=net.width, nodes=net.nodes, edges=net.edges, heading="",
        options=json.dumps(VIS_OPTIONS), physics_enabled=False, use_DOT=False, dot_lang="",
        widget=False, bgcolor="#ffffff", conf=False,
        # Never pyvis's link-popup (it sets titles with innerHTML) nor its select/filter menus
        # (they hang inside Streamlit): the app's own widgets do that.
        tooltip_link=False, neighborhood_highlight=False, select_menu=False, filter_menu=False,
        notebook=False, cdn_resources=resources,
    )  # fmt: skip
    if assets_url is not None:
        page = _link_vis_assets(page, assets_url)
    page = _strip_foreign(page)
    page = page.replace("</head>", f"<style>{_STYLE}</style><title>lermap network</title></head>", 1)
    page = page.replace('<div class="card" style="width: 100%">', _legend(graph) + '<div style="width:100%">', 1)
    return page.replace("</body>", _SCRIPT + "</body>", 1)


# vis-network as pyvis ships it; static/vis-network/ holds the same two files (a test compares them).
VIS_NETWORK_FILES = ("vis-network.min.js", "vis-network.css")
_CDN_VIS = re.compile(
    r"<(?:link|script)[^>]*(?:href|src)=\"https://cdnjs\.cloudflare\.com/ajax/libs/vis-network/[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)


def pyvis_vis_network_dir():
    """The folder of the installed pyvis package that holds vis-network's files."""
    from importlib.resources import files

    return files("pyvis") / "lib" / "vis-9.1.2"


def _link_vis_assets(page: str, assets_url: str) -> str:
    """pyvis's "remote" template with its CDN tags for vis-network replaced by links to `assets_url`."""
    base = html.escape(assets_url.rstrip("/") + "/", quote=True)
    tags = f'<link rel="stylesheet" href="{base}vis-network.css"><script src="{base}vis-network.min.js"></script>'
    page, found = _CDN_VIS.subn("", page)
    if found != 2:  # a pyvis template that no longer links vis-network from the CDN this expects
        raise RuntimeError(f"expected pyvis's two vis-network CDN tags, found {found}")
    return page.replace("</head>", tags + "</head>", 1)


def _strip_foreign(page: str) -> str:
    # pyvis's template loads Bootstrap from a CDN even with cdn_resources="in_line" (pyvis #229),
    # and prints an empty heading twice.
    page = re.sub(r"<link[^>]*bootstrap[^>]*/?>", "", page, flags=re.IGNORECASE | re.DOTALL)
    page = re.sub(r"<script[^>]*bootstrap[^>]*>\s*</script>", "", page, flags=re.IGNORECASE | re.DOTALL)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    found = _FOREIGN.search(page)
    if found:  # a newer pyvis template added another remote resource: fail loudly, not silently
        raise RuntimeError(f"network HTML would load from another host: {page[found.start() : found.start() + 120]}")
    return page


def render(
    ds: Dataset,
    full: nx.Graph,
    positions: Positions,
    table: pd.DataFrame,
    view: View,
    *,
    assets_url: str | None = None,
) -> tuple[Scene, str]:
    """The scene for `view` and its HTML: standalone (graph-html, the download) or, with
    `assets_url`, linking vis-network from the app's static folder (the page's embed)."""
    current = scene(ds, full, view)
    page = to_html(
        current.graph, positions, faded=current.faded, table=table, size_by=view.size_by, focus=view.focus,
        assets_url=assets_url,
    )  # fmt: skip
    return current, page


def _export_graph(graph: nx.Graph, positions: Positions | None) -> nx.Graph:
    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if isinstance(v, str | int | float | bool)}
        attrs["label"] = data.get("name", node)
        if positions and node in positions:
            attrs["x"], attrs["y"] = positions[node]
        out.add_node(node, **attrs)
    for u, v, data in graph.edges(data=True):
        out.add_edge(u, v, **{k: val for k, val in data.items() if isinstance(val, str | int | float | bool)})
    return out


def to_gexf(graph: nx.Graph, positions: Positions | None = None) -> bytes:
    """The graph as GEXF (Gephi), with names, groups, areas and the layout's positions."""
    buffer = io.BytesIO()
    nx.write_gexf(_export_graph(graph, positions), buffer)
    return buffer.getvalue()


def to_graphml(graph: nx.Graph, positions: Positions | None = None) -> bytes:
    """The graph as GraphML (yEd, Cytoscape, igraph), with the same attributes."""
    buffer = io.BytesIO()
    nx.write_graphml(_export_graph(graph, positions), buffer)
    return buffer.getvalue()


def default_pyvis_html(graph: nx.Graph) -> str:
    """The same graph as pyvis draws it by default (physics on), for the benchmark only."""
    from pyvis.network import Network

    net = Network(height=f"{HEIGHT_PX}px", width="100%", cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=html.escape(data["name"]), color=data["colour"])
    net.add_edges(list(graph.edges))
    page = _strip_foreign(net.generate_html())
    # Drawn = pyvis hides its loading bar: the browser has finished stabilising the physics.
    hook = '<script>network.once("stabilizationIterationsDone", function () { window.lermapDrawn = 1; });</script>'
    return page.replace("</body>", hook + "</body>", 1)


def ids_in(graph: nx.Graph, kind: str = "organization") -> Iterable[str]:
    """Node ids of one kind."""
    return (n for n, k in graph.nodes(data="kind") if k == kind)


def display_table(table: pd.DataFrame, ids: Collection[str]) -> pd.DataFrame:
    """The metrics of the given organizations with human column names, most central first."""
    rows = table[table.index.isin(set(ids))].copy()
    rows["group"] = rows["group"].map(schema.group_label)
    rows = rows.sort_values(["betweenness", "degree", "name"], ascending=[False, False, True])
    return rows.drop(columns="id").rename(
        columns={
            "name": "Organization",
            "group": "Stakeholder group",
            "degree": "Relationships",
            "betweenness": "Betweenness",
            "community": "Community",
            "groups_reached": "Other groups reached",
            "connector": "Connector",
        }
    )

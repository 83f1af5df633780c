"""Command line of lermap: `python -m lermap COMMAND`.

Commands register themselves in COMMANDS (a registry, not an if-chain); each takes parsed args
and returns an exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def command(name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None]):
    """Register a sub-command."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = (help_text, configure, run)
        return run

    return register


def _validate_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", help="data directory (default: $LERMAP_DATA_DIR or the bundled data/)")


@command("validate", "check a data directory; one line per problem as file:row:column: message", _validate_args)
def run_validate(args: argparse.Namespace) -> int:
    from lermap.dataset import data_dir, load_dataset
    from lermap.tours import load_tours

    folder = Path(args.directory) if args.directory else data_dir()
    result = load_dataset(folder)
    problems = list(result.problems)
    tours: dict = {}
    if result.dataset is not None:  # tours name organizations: checked against the loaded ones
        tours, tour_problems = load_tours(folder, set(result.dataset.organizations.index))
        problems += tour_problems
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    assert result.dataset is not None
    ds = result.dataset
    groups = ds.organizations["primary_group"].nunique()
    print(
        f"ok: {len(ds.organizations)} organizations, {len(ds.relationships)} relationships, "
        f"{groups} stakeholder groups, {len(ds.content['resources'])} resources, "
        f"{len(ds.content['glossary'])} glossary terms, {len(tours)} tours"
    )
    return 0


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("src", type=Path, help="folder holding the map's YAML files")
    parser.add_argument("--out", type=Path, default=Path("data"), help="where to write the CSV files")


@command("import-v2", "convert the LER Ecosystem Map v2 YAML content into the dataset's CSV files", _import_args)
def run_import(args: argparse.Namespace) -> int:
    from lermap import import_v2

    try:
        rows = import_v2.convert(args.src, args.out / "organizations.csv")
    except import_v2.MapContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path, count in import_v2.write(rows, args.out):
        print(f"wrote {path} ({count} rows)")
    return 0


def _synth_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--orgs", type=int, default=1000, help="number of organizations")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="directory to write")


@command("synth", "write a valid synthetic dataset (for benchmarks) of N organizations", _synth_args)
def run_synth(args: argparse.Namespace) -> int:
    from lermap import synth

    out = synth.write(args.orgs, args.out, args.seed)
    print(f"wrote a synthetic dataset of {args.orgs} organizations to {out}")
    return 0


def _bench_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", action="append", help="run only these benchmarks (repeatable)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")


@command("bench", "run the performance benchmarks and print JSON figures", _bench_args)
def run_bench(args: argparse.Namespace) -> int:
    import json

    from lermap import bench

    bench.load_all()
    options = {"quick": args.quick}
    names = args.only or list(bench.BENCHMARKS)
    results = {name: bench.BENCHMARKS[name](options) for name in names}
    print(json.dumps(results, indent=2))
    return 0


def _export_approved_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, required=True, help="where to write organizations.csv and relationships.csv"
    )
    parser.add_argument("--data", type=Path, help="data directory to start from (default: $LERMAP_DATA_DIR or data/)")
    parser.add_argument("--database", help="store URL (default: $LERMAP_DATABASE_URL or the local SQLite store)")


@command("export-approved", "write approved contributions into the dataset's CSV files", _export_approved_args)
def run_export_approved(args: argparse.Namespace) -> int:
    from lermap import contributions, store
    from lermap.dataset import data_dir

    engine = store.make_engine(args.database)
    approved = store.approved(engine)
    engine.dispose()
    try:
        written = contributions.export_approved(args.data or data_dir(), approved, args.out)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path, rows in written:
        print(f"wrote {path} ({rows} rows)")
    print(f"{len(approved)} approved contribution(s) merged")
    return 0


def _loadtest_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sessions", type=int, default=5, help="browser sessions (target: 25)")
    parser.add_argument(
        "--ramp",
        type=float,
        default=0,
        metavar="SECONDS",
        help="start the sessions evenly over this many seconds (default 0: all at once)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        metavar="SECONDS",
        help="seconds each participant stays on a page before the next (default 0)",
    )
    parser.add_argument(
        "--navigation",
        choices=("links", "app"),
        default="links",
        help="links: open every page from its URL; app: the first from its URL, "
        "then through the sidebar (default links)",
    )
    parser.add_argument(
        "--client",
        choices=("browser", "protocol"),
        default="browser",
        help="browser: headless Chromium, timed until drawn; protocol: the app's websocket "
        "protocol without a browser, timed until the script finishes (the server alone)",
    )
    parser.add_argument("--url", help="a running server on loopback (default: start one on the bundled data)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds one visit may take before it is an error")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for the whole run")


@command("loadtest", "open N headless browser sessions on one server; print p50/p95 and memory as JSON", _loadtest_args)
def run_loadtest(args: argparse.Namespace) -> int:
    import json

    from lermap import loadtest

    try:
        scenario = loadtest.Scenario(args.sessions, args.ramp, args.think, args.navigation, args.client)
        figures = loadtest.run_load(scenario, args.url, timeout_s=args.timeout, time_limit_s=args.time_limit)
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(figures, indent=2))
    return 0


def _graph_html_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, help="data directory (default: $LERMAP_DATA_DIR or the bundled data/)")
    parser.add_argument("--role", action="append", default=[], help="stakeholder group id (repeatable)")
    parser.add_argument("--area", action="append", default=[], help="action area id (repeatable)")
    parser.add_argument("--state", action="append", default=[], help="headquarters state code (repeatable)")
    parser.add_argument("--q", default="", help="search text")
    parser.add_argument("--focus", default="", metavar="ORG", help="organization id to focus on")
    parser.add_argument("--hops", type=int, default=1, choices=(1, 2, 3), help="depth of the focus")
    parser.add_argument("--fade", action="store_true", help="fade organizations outside the view instead of hiding")
    parser.add_argument("--hubs", action="append", default=[], choices=("groups", "areas"), help="add hub nodes")
    parser.add_argument("--size-by", default="degree", choices=("degree", "betweenness"))
    parser.add_argument("--out", type=Path, required=True, help="HTML file to write")


@command("graph-html", "write the network map as standalone HTML, as the Network page's download", _graph_html_args)
def run_graph_html(args: argparse.Namespace) -> int:
    from lermap import filters, network, schema
    from lermap.dataset import load_dataset

    result = load_dataset(args.data)
    if result.dataset is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return 1
    ds = result.dataset
    known = {*schema.STAKEHOLDER_GROUPS, *schema.ACTION_AREAS, *ds.organizations.index}
    unknown = [value for value in (*args.role, *args.area, args.focus) if value and value not in known]
    if unknown:
        print(f"error: unknown id(s): {', '.join(unknown)}", file=sys.stderr)
        return 1
    spec = filters.FilterSpec.of(args.role, args.area, args.state, args.q)
    full = network.build(ds, hubs=network.HUB_KINDS)
    view = network.View(spec=spec, mode="fade" if args.fade else "hide", focus=args.focus, hops=args.hops,
                        hubs=tuple(args.hubs), size_by=args.size_by)  # fmt: skip
    current, page = network.render(ds, full, network.layout(full), network.metrics(full), view)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out}: {len(current.shown)} of {len(ds.organizations)} organizations")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lermap", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, configure, _run) in sorted(COMMANDS.items()):
        configure(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    return COMMANDS[args.command][2](args)

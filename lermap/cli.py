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
    from lermap.dataset import load_dataset

    result = load_dataset(args.directory)
    if result.problems:
        for problem in result.problems:
            print(problem)
        print(f"{len(result.problems)} problem(s) found", file=sys.stderr)
        return 1
    assert result.dataset is not None
    ds = result.dataset
    groups = ds.organizations["primary_group"].nunique()
    print(
        f"ok: {len(ds.organizations)} organizations, {len(ds.relationships)} relationships, "
        f"{groups} stakeholder groups, {len(ds.content['resources'])} resources, "
        f"{len(ds.content['glossary'])} glossary terms"
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lermap", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, configure, _run) in sorted(COMMANDS.items()):
        configure(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    return COMMANDS[args.command][2](args)

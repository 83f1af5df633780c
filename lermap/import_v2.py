"""Import the published LER Ecosystem Map (v2, CC0) YAML content into the dataset's CSV files."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from typing import Any

import yaml

from lermap import schema

SOURCE_FILES = {
    "stakeholders": "stakeholders-list.yml",
    "actions": "action-items-content.yml",
    "resources": "resources-list.yml",
    "glossary": "glossary-list.yml",
}


class MapContentError(Exception):
    """A source file is missing or does not have the expected shape."""


_PARAGRAPH_BREAK = re.compile(r"\s*</p>\s*<p>\s*", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t]+")


def clean_text(value: Any) -> str:
    """Decode HTML entities, turn paragraph breaks into blank lines, strip tags and extra spaces."""
    if value is None:
        return ""
    text = str(value)
    text = _PARAGRAPH_BREAK.sub("\n\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def slugify(text: str) -> str:
    """Kebab-case id from a title."""
    ascii_text = text.lower().replace("&", " and ").replace("@", "-at-")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _read_yaml(src: Path, key: str) -> Any:
    path = src / SOURCE_FILES[key]
    if not path.is_file():
        raise MapContentError(f"{path}: missing file (expected the map's {SOURCE_FILES[key]})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise MapContentError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise MapContentError(f"{path}{where}: malformed YAML: {getattr(exc, 'problem', exc)}") from exc
    top = {"stakeholders": "stakeholders", "actions": "actions", "resources": "resources", "glossary": "terms"}[key]
    if not isinstance(data, dict) or not isinstance(data.get(top), list):
        raise MapContentError(f"{path}: expected a top-level '{top}:' list")
    return path, data[top]


def _as_list(value: Any) -> list[Any]:
    """A YAML list, or a lone string the map wrote where a one-item list was meant."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _require(path: Path, item: Any, field: str, where: str) -> Any:
    if not isinstance(item, dict) or item.get(field) in (None, ""):
        raise MapContentError(f"{path}: {where}: missing '{field}'")
    return item[field]


def convert(src: Path, organizations_csv: Path | None = None) -> dict[str, list[dict[str, str]]]:
    """Read the four YAML files of the map and return rows for each content table.

    With `organizations_csv`, resource authors are linked to the organizations named there.
    """
    src = Path(src)
    if not src.is_dir():
        raise MapContentError(f"{src}: not a directory")
    rows: dict[str, list[dict[str, str]]] = {t.name: [] for t in schema.CONTENT_TABLES}
    organizations_csv = Path(organizations_csv) if organizations_csv else None

    path, actions = _read_yaml(src, "actions")
    for i, action in enumerate(actions, start=1):
        area_id = clean_text(_require(path, action, "name", f"action {i}"))
        if area_id not in schema.ACTION_AREAS:
            raise MapContentError(f"{path}: action {i}: unknown action area '{area_id}'")
        rows["action_areas"].append(
            {
                "id": area_id,
                "title": clean_text(_require(path, action, "title", f"action {i}")),
                "description": clean_text(action.get("description")),
            }
        )

    path, stakeholders = _read_yaml(src, "stakeholders")
    stages: dict[str, dict[str, str]] = {}
    for i, group in enumerate(stakeholders, start=1):
        group_id = clean_text(_require(path, group, "url", f"stakeholder {i}"))
        if group_id not in schema.STAKEHOLDER_GROUPS:
            raise MapContentError(f"{path}: stakeholder {i}: unknown group id '{group_id}'")
        rows["stakeholder_groups"].append(
            {
                "id": group_id,
                "name": clean_text(_require(path, group, "name", f"stakeholder {i}")),
                "definition": clean_text(group.get("definition")),
                "examples": clean_text(group.get("examples")),
                "quote_text": clean_text(group.get("quote-text")),
                "quote_attribution": clean_text(group.get("quote-description")),
                "icon_alt": clean_text(group.get("icon-alt")),
            }
        )
        for section in group.get("sections") or []:
            stage_id = clean_text(_require(path, section, "title", f"{group_id} section")).lower()
            if stage_id not in schema.JOURNEY_STAGES:
                raise MapContentError(f"{path}: {group_id}: unknown journey stage '{stage_id}'")
            stages.setdefault(
                stage_id,
                {
                    "id": stage_id,
                    "title": stage_id.capitalize(),
                    "subheader": clean_text(section.get("subheader")),
                },
            )
            for pos, bullet in enumerate(_as_list(section.get("bullets")), start=1):
                rows["group_stage_roles"].append(
                    {"group_id": group_id, "stage_id": stage_id, "position": str(pos), "role": clean_text(bullet)}
                )
        for area in group.get("action-areas") or []:
            area_id = clean_text(_require(path, area, "title", f"{group_id} action area"))
            if area_id not in schema.ACTION_AREAS:
                raise MapContentError(f"{path}: {group_id}: unknown action area '{area_id}'")
            for pos, bullet in enumerate(_as_list(area.get("bullets")), start=1):
                rows["group_area_actions"].append(
                    {"group_id": group_id, "area_id": area_id, "position": str(pos), "action": clean_text(bullet)}
                )
        for kind in ("business", "social"):
            for pos, case in enumerate(group.get(f"{kind}-case") or [], start=1):
                rows["value_cases"].append(
                    {
                        "group_id": group_id,
                        "kind": kind,
                        "position": str(pos),
                        "title": clean_text(_require(path, case, "title", f"{group_id} {kind} case")),
                        "description": clean_text(case.get("description")),
                    }
                )
    rows["journey_stages"] = [stages[s] for s in schema.JOURNEY_STAGES if s in stages]

    path, categories = _read_yaml(src, "resources")
    seen: set[str] = set()
    for category in categories:
        name = clean_text(_require(path, category, "name", "resource category"))
        for site in category.get("sites") or []:
            title = clean_text(_require(path, site, "title", f"resource in '{name}'"))
            resource_id = slugify(title)[:60].rstrip("-")
            # The map lists a few titles twice; keep each once, the first time it appears.
            if resource_id in seen:
                continue
            seen.add(resource_id)
            rows["resources"].append(
                {
                    "id": resource_id,
                    "category": name,
                    "title": title,
                    "author": clean_text(site.get("author")),
                    "url": clean_text(site.get("url")),
                }
            )

    path, terms = _read_yaml(src, "glossary")
    for i, term in enumerate(terms, start=1):
        text = clean_text(_require(path, term, "term", f"term {i}"))
        rows["glossary"].append({"id": slugify(text), "term": text, "definition": clean_text(term.get("definition"))})

    if organizations_csv is not None and organizations_csv.is_file():
        rows["resource_authors"] = link_authors(rows["resources"], organizations_csv)

    # Deterministic order: by key columns, so re-running the import gives the same bytes.
    for table in schema.CONTENT_TABLES:
        if table.name in ("journey_stages", "stakeholder_groups", "action_areas"):
            order = list(getattr(schema, table.name.upper()))
            rows[table.name].sort(key=lambda r: order.index(r["id"]))
        else:
            rows[table.name].sort(key=lambda r: tuple(_sort_key(r[k]) for k in table.key))
    return rows


# Author names in the map that differ from the organization's name in the dataset.
AUTHOR_ALIASES = {
    "competency-based education network": "c-ben",
    "national fund of workforce solutions": "national-fund-for-workforce-solutions",
    "the t3 innovation network": "t3-innovation-network",
    "georgia tech center for 21st century universities": "georgia-tech",
    "aspen institute": "aspen-institute-upskill-america",
    "shrm": "shrm",
}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", _PARENTHESIS.sub("", name)).strip().casefold()


def link_authors(resources: list[dict[str, str]], organizations_csv: Path) -> list[dict[str, str]]:
    """Rows of resource_authors: each resource's authors that are organizations of the dataset."""
    with organizations_csv.open(encoding="utf-8", newline="") as fh:
        orgs = list(csv.DictReader(fh))
    by_name = {_name_key(o["name"]): o["id"] for o in orgs}
    ids = {o["id"] for o in orgs}
    links = []
    for resource in resources:
        names = re.split(r",\s*(?:and\s+)?|\s+and\s+", resource["author"])
        for name in filter(None, (n.strip() for n in names)):
            key = _name_key(name)
            org_id = AUTHOR_ALIASES.get(key) or by_name.get(key) or by_name.get(key.removeprefix("the "))
            if org_id in ids:
                links.append({"resource_id": resource["id"], "organization_id": org_id})
    unique = {(r["resource_id"], r["organization_id"]): r for r in links}
    return [unique[k] for k in sorted(unique)]


def _sort_key(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (0, value)


def write(rows: dict[str, list[dict[str, str]]], out: Path) -> list[tuple[Path, int]]:
    """Write each content table as CSV into `out`; return the paths written with their row counts."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in schema.CONTENT_TABLES:
        path = out / table.filename
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=table.column_names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows[table.name])
        written.append((path, len(rows[table.name])))
    return written

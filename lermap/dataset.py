"""The validated model the app uses: typed organizations, relationships and map content."""

from __future__ import annotations

import os
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from lermap import BUNDLED_DATA_DIR, schema
from lermap.load import RawTable, read_directory
from lermap.problems import Problem
from lermap.validate import split_list, validate_tables

DATA_DIR_ENV = "LERMAP_DATA_DIR"


def data_dir() -> Path:
    """The data directory: $LERMAP_DATA_DIR, or the bundled data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or BUNDLED_DATA_DIR)


def normalise_text(text: str) -> str:
    """Case- and accent-insensitive form of a text, for search."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Dataset:
    """Everything the pages show, validated and typed.

    organizations: indexed by id; list columns (secondary_groups, action_areas, groups, tags)
    hold tuples; `groups` is the primary group followed by the secondary ones.
    """

    organizations: pd.DataFrame
    relationships: pd.DataFrame
    content: dict[str, pd.DataFrame]
    source: str = "bundled data"
    problems: tuple[Problem, ...] = field(default=())
    # Names this object (not its contents) in caches of results derived from it.
    token: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False, repr=False)

    @cached_property
    def group_matrix(self) -> pd.DataFrame:
        """Organizations x stakeholder groups, True where the organization is in the group."""
        from lermap.counts import indicators

        return indicators(self.organizations["groups"], schema.STAKEHOLDER_GROUPS)

    @cached_property
    def area_matrix(self) -> pd.DataFrame:
        """Organizations x action areas, True where the organization is active in the area."""
        from lermap.counts import indicators

        return indicators(self.organizations["action_areas"], schema.ACTION_AREAS)

    def org_name(self, org_id: str) -> str:
        """The organization's name, or its id if unknown."""
        try:
            return str(self.organizations.at[org_id, "name"])
        except KeyError:
            return org_id


@dataclass
class LoadResult:
    """A dataset (or None when it cannot be built at all) and every problem found."""

    dataset: Dataset | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _bad_rows(problems: list[Problem], filename: str) -> set[int]:
    return {p.row for p in problems if p.file == filename and p.row > 1}


def build(raw: dict[str, RawTable], source: str = "bundled data") -> LoadResult:
    """Validate raw tables and build the Dataset, leaving out (and reporting) rows with problems."""
    problems = validate_tables(raw)
    organizations_raw = raw["organizations"]
    if organizations_raw.frame is None:
        return LoadResult(None, problems)

    orgs = organizations_raw.frame.drop(index=list(_bad_rows(problems, organizations_raw.filename)), errors="ignore")
    orgs = orgs.drop_duplicates("id")
    organizations = to_organizations(orgs)

    rels_raw = raw["relationships"]
    if rels_raw.frame is not None:
        rels = rels_raw.frame.drop(index=list(_bad_rows(problems, rels_raw.filename)), errors="ignore")
        known = rels["source_id"].isin(organizations.index) & rels["target_id"].isin(organizations.index)
        for row in rels.index[~known]:
            problems.append(
                Problem(rels_raw.filename, int(row), "", "left out: an endpoint's organization row has a problem")
            )
        relationships = to_relationships(rels[known])
    else:
        relationships = to_relationships(pd.DataFrame(columns=schema.RELATIONSHIPS.column_names))

    content = {}
    for table in schema.CONTENT_TABLES:
        table_raw = raw.get(table.name)
        frame = table_raw.frame if table_raw is not None and table_raw.frame is not None else None
        if frame is None:
            frame = pd.DataFrame(columns=table.column_names)
        else:
            frame = frame.drop(index=list(_bad_rows(problems, table_raw.filename)), errors="ignore")
        if "position" in frame.columns:
            frame = frame.assign(position=pd.to_numeric(frame["position"], errors="coerce").fillna(0).astype(int))
        content[table.name] = frame.reset_index(drop=True)

    problems = sorted(set(problems), key=lambda p: (p.file, p.row, p.column, p.message))
    return LoadResult(Dataset(organizations, relationships, content, source, tuple(problems)), problems)


def to_organizations(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed organizations frame from validated string rows."""
    orgs = frame.copy()
    orgs["provenance"] = orgs.get("provenance", pd.Series("", index=orgs.index)).replace("", "curated")
    for column in ("secondary_groups", "action_areas", "tags"):
        orgs[column] = orgs[column].map(lambda v: tuple(split_list(v)))
    orgs["groups"] = [
        (primary, *[g for g in secondary if g != primary])
        for primary, secondary in zip(orgs["primary_group"], orgs["secondary_groups"], strict=True)
    ]
    orgs["search_text"] = (
        orgs["name"] + " " + orgs["description"] + " " + orgs["tags"].map(" ".join) + " " + orgs["id"]
    ).map(normalise_text)
    orgs = orgs.set_index("id", drop=False).rename_axis(None)
    return orgs.sort_values("name", key=lambda s: s.str.casefold())


def to_relationships(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed relationships frame."""
    rels = frame.reset_index(drop=True).copy()
    for column in schema.RELATIONSHIPS.column_names:
        if column not in rels.columns:
            rels[column] = ""
    return rels[schema.RELATIONSHIPS.column_names]


def load_dataset(directory: Path | str | None = None) -> LoadResult:
    """Read, validate and build the dataset in `directory` (default: the data directory)."""
    directory = Path(directory) if directory is not None else data_dir()
    if not directory.is_dir():
        return LoadResult(None, [Problem(str(directory), 0, "", "data directory not found")])
    source = (
        "bundled data" if directory.resolve() == BUNDLED_DATA_DIR.resolve() else f"data directory '{directory.name}'"
    )
    return build(read_directory(directory), source)

"""Contributions: checking a submitted row, abuse limits, and merging approved ones into the map.

Pure functions over rows, raw tables and store.Submission values; the store itself is in
lermap/store.py and the Streamlit glue in lermap/ui.py.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from lermap import BUNDLED_DATA_DIR, schema
from lermap.dataset import LoadResult, build
from lermap.load import RawTable, read_directory
from lermap.problems import Problem
from lermap.store import Submission
from lermap.validate import check_table

CONTRIBUTED = "contributed"
FORM_FILE = "submission"

# Longest accepted text per column; anything not listed gets DEFAULT_FIELD_LIMIT.
FIELD_LIMITS: Mapping[str, int] = {
    "id": 80,
    "name": 200,
    "description": 1000,
    "notes": 1000,
    "tags": 300,
    "website": 500,
    "source_url": 500,
    "source_id": 80,
    "target_id": 80,
}
DEFAULT_FIELD_LIMIT = 300
SUBMITTER_LIMIT = 200
# Per browser session: at most RATE_LIMIT submissions in any RATE_WINDOW seconds.
RATE_LIMIT = 5
RATE_WINDOW = 600

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def cell_problems(frame: pd.DataFrame, table: schema.Table, filename: str) -> list[Problem]:
    """Text that must not be accepted from visitors: over-long cells, HTML markup, formulas."""
    problems: list[Problem] = []
    for column in table.column_names:
        if column not in frame.columns:
            continue
        limit = FIELD_LIMITS.get(column, DEFAULT_FIELD_LIMIT)
        for row, value in frame[column].items():
            if not value:
                continue
            if len(value) > limit:
                problems.append(Problem(filename, int(row), column, f"{len(value)} characters, over the {limit} limit"))
            if value.startswith(_FORMULA_START):
                problems.append(
                    Problem(
                        filename,
                        int(row),
                        column,
                        f"starts with '{value[0]!s}': spreadsheet formulas are not accepted, enter the value itself",
                    )
                )
            if _HTML.search(value):
                problems.append(
                    Problem(filename, int(row), column, "looks like HTML markup: only plain text is accepted")
                )
    return problems


def one_row(table: schema.Table, row: Mapping[str, str], filename: str = FORM_FILE) -> RawTable:
    """A one-row RawTable (spreadsheet row 2) of stripped strings, for the dataset's checks."""
    cells = {c: str(row.get(c) or "").strip() for c in table.column_names}
    frame = pd.DataFrame([cells], columns=table.column_names, dtype=str, index=pd.RangeIndex(2, 3))
    return RawTable(table, filename, frame)


def check_organization(row: Mapping[str, str], existing_ids: Iterable[str], *, correction: bool) -> list[Problem]:
    """Problems of a suggested new organization (id must be new) or correction (id must exist)."""
    raw = one_row(schema.ORGANIZATIONS, row)
    problems = check_table(raw) + cell_problems(raw.frame, schema.ORGANIZATIONS, FORM_FILE)
    org_id = raw.frame.at[2, "id"]
    known = set(existing_ids)
    if correction and org_id not in known:
        problems.append(Problem(FORM_FILE, 2, "id", f"no organization '{org_id}' to correct"))
    if not correction and org_id in known:
        problems.append(Problem(FORM_FILE, 2, "id", f"'{org_id}' is already in the map: suggest a correction instead"))
    return sorted(set(problems))


def check_relationship(row: Mapping[str, str], existing_ids: Iterable[str]) -> list[Problem]:
    """Problems of a suggested relationship: the dataset's checks, both ends known, not a loop."""
    raw = one_row(schema.RELATIONSHIPS, row)
    problems = check_table(raw) + cell_problems(raw.frame, schema.RELATIONSHIPS, FORM_FILE)
    known = set(existing_ids)
    for column in ("source_id", "target_id"):
        value = raw.frame.at[2, column]
        if value and value not in known:
            problems.append(Problem(FORM_FILE, 2, column, f"unknown organization '{value}'"))
    if raw.frame.at[2, "source_id"] and raw.frame.at[2, "source_id"] == raw.frame.at[2, "target_id"]:
        problems.append(Problem(FORM_FILE, 2, "target_id", "an organization cannot relate to itself"))
    return sorted(set(problems))


def relationship_key(row: Mapping[str, str]) -> str:
    """The store's target for a relationship: 'source_id|target_id|relation'."""
    return "|".join(str(row.get(c, "")) for c in schema.RELATIONSHIPS.key)


def clean_row(table: schema.Table, row: Mapping[str, str]) -> dict[str, str]:
    """Only the table's columns, as stripped strings (what the store keeps)."""
    return {c: str(row.get(c) or "").strip() for c in table.column_names}


def rate_limited(times: Iterable[float], now: float, limit: int = RATE_LIMIT, window: float = RATE_WINDOW) -> bool:
    """True when `limit` submissions were already made in the last `window` seconds."""
    return sum(1 for t in times if now - t < window) >= limit


def diff(before: Mapping[str, str] | None, after: Mapping[str, str]) -> pd.DataFrame:
    """Field-by-field comparison of the current record and the proposed one (changed fields first)."""
    before = before or {}
    rows = [
        {"field": column, "current": str(before.get(column, "")), "proposed": str(value)}
        for column, value in after.items()
        if column != "provenance"
    ]
    frame = pd.DataFrame(rows, columns=["field", "current", "proposed"])
    frame.insert(1, "changed", frame["current"] != frame["proposed"])
    return frame.sort_values("changed", ascending=False, kind="stable").reset_index(drop=True)


def current_record(raw: RawTable | pd.DataFrame, submission: Submission) -> dict[str, str] | None:
    """The record a submission would change, from the organizations or relationships frame."""
    frame = raw.frame if isinstance(raw, RawTable) else raw
    if frame is None:
        return None
    if submission.kind == "relationship":
        source, target, relation = ([*submission.target.split("|"), "", "", ""])[:3]
        match = frame[(frame["source_id"] == source) & (frame["target_id"] == target) & (frame["relation"] == relation)]
    else:
        match = frame[frame["id"] == submission.target]
    if match.empty:
        return None
    table = schema.RELATIONSHIPS if submission.kind == "relationship" else schema.ORGANIZATIONS
    return record_of(match.iloc[0], table)


def record_of(row: pd.Series, table: schema.Table) -> dict[str, str]:
    """A typed dataset row back as the table's cells (lists as ';'-separated text)."""
    return {
        c: schema.LIST_SEPARATOR.join(row[c]) if isinstance(row[c], tuple) else str(row[c])
        for c in table.column_names
        if c in row.index
    }


def _upsert(raw: RawTable, row: dict[str, str], key: tuple[str, ...]) -> RawTable:
    frame = raw.frame if raw.frame is not None else pd.DataFrame(columns=raw.table.column_names, dtype=str)
    row = {c: row.get(c, "") for c in frame.columns}
    mask = pd.Series(True, index=frame.index)
    for column in key:
        mask &= frame[column] == row[column]
    if mask.any():
        frame = frame.copy()
        frame.loc[mask, list(row)] = list(row.values())
    else:
        next_row = int(frame.index.max()) + 1 if len(frame) else 2
        frame = pd.concat([frame, pd.DataFrame([row], index=[next_row], dtype=str)])
    return RawTable(raw.table, raw.filename, frame, raw.problems)


def merge_approved(raw: dict[str, RawTable], approved: Iterable[Submission]) -> dict[str, RawTable]:
    """The raw tables with approved contributions applied in order, marked 'contributed'.

    New organizations are appended, corrections replace the row with the same id, relationships
    are appended (or replace the one with the same source, target and relation). Returns new
    RawTables; the inputs are not changed.
    """
    merged = dict(raw)
    for submission in approved:
        if submission.kind == "relationship":
            table, key = "relationships", schema.RELATIONSHIPS.key
        else:
            table, key = "organizations", schema.ORGANIZATIONS.key
        if merged.get(table) is None or (merged[table].frame is None and table == "organizations"):
            continue  # an unreadable organizations file: nothing to merge into
        row = clean_row(merged[table].table, submission.payload)
        if table == "organizations":
            row["provenance"] = CONTRIBUTED
        merged[table] = _upsert(merged[table], row, key)
    return merged


def load_with_contributions(directory: Path, approved: Iterable[Submission]) -> LoadResult:
    """Read the data directory, merge approved contributions and build the dataset."""
    bundled = directory.resolve() == BUNDLED_DATA_DIR.resolve()
    source = "bundled data" if bundled else f"data directory '{directory.name}'"
    return build(merge_approved(read_directory(directory), list(approved)), source)


def write_table(raw: RawTable, path: Path) -> int:
    """Write a raw table as CSV with the schema's columns; returns the number of rows."""
    frame = raw.frame if raw.frame is not None else pd.DataFrame(columns=raw.table.column_names)
    columns = [c for c in raw.table.column_names if c in frame.columns]
    if "provenance" in columns and not frame["provenance"].astype(bool).any():
        columns.remove("provenance")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(frame[columns].itertuples(index=False, name=None))
    return len(frame)


def export_approved(directory: Path, approved: Iterable[Submission], out: Path) -> list[tuple[Path, int]]:
    """Write organizations.csv and relationships.csv of `directory` with approved contributions merged."""
    raw = read_directory(directory)
    if raw["organizations"].frame is None:
        raise ValueError("; ".join(str(p) for p in raw["organizations"].problems) or "organizations unreadable")
    merged = merge_approved(raw, list(approved))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in (schema.ORGANIZATIONS, schema.RELATIONSHIPS):
        path = out / table.filename
        written.append((path, write_table(merged[table.name], path)))
    return written

"""Checking an uploaded organizations (and relationships) file and building a dataset from it.

The uploaded tables are read with load.parse_bytes, checked like the data directory, plus the
limits of an upload (size, rows) and what must not come from visitors (HTML, formulas, very
long cells). The map content (stakeholder groups, action areas, ...) comes from the data directory.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field

import pandas as pd

from lermap import schema
from lermap.contributions import cell_problems
from lermap.dataset import LoadResult, build
from lermap.load import EXCEL_SUFFIXES, RawTable, parse_bytes
from lermap.problems import Problem


@dataclass(frozen=True)
class UploadedFile:
    """The name and bytes of an uploaded file."""

    name: str
    data: bytes


@dataclass
class UploadReport:
    """What became of an upload: every problem, a per-row table and, if it could be built, a result."""

    problems: list[Problem]
    rows: pd.DataFrame
    result: LoadResult | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        """True when there is a dataset with at least one organization to explore."""
        ds = self.result.dataset if self.result else None
        return ds is not None and len(ds.organizations) > 0


def _is_excel(name: str) -> bool:
    return name.lower().endswith(EXCEL_SUFFIXES)


def _sheet_names(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # an unreadable workbook is reported by parse_bytes
        return []
    names = list(workbook.sheetnames)
    workbook.close()
    return names


def formula_problems(data: bytes, filename: str, table: schema.Table) -> list[Problem]:
    """Formula cells of a workbook: their value is computed, not stated, so they are refused."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        return []
    sheet = workbook[table.name] if table.name in workbook.sheetnames else workbook.worksheets[0]
    known = {c.lower(): c for c in table.column_names}
    problems: list[Problem] = []
    header: list[str] | None = None
    row_number = 1
    for values in sheet.iter_rows(values_only=True):
        cells = ["" if v is None else str(v) for v in values]
        if not any(c.strip() for c in cells):
            continue  # parse_bytes skips blank rows too, so the numbering stays the same
        if header is None:
            header = [known.get(c.strip().lower(), "") for c in cells]
            continue
        row_number += 1
        for column, value in zip(header, cells, strict=False):
            if value.startswith("="):
                problems.append(
                    Problem(
                        filename,
                        row_number,
                        column,
                        f"formula '{value if len(value) <= 40 else value[:39] + '…'}' is not accepted, enter its value",
                    )
                )
    workbook.close()
    return problems


def read_upload(upload: UploadedFile, table: schema.Table, label: str = "") -> tuple[RawTable, list[Problem]]:
    """Parse one uploaded table; returns it and the problems parse_bytes does not look for.

    `label` names the table in messages when it is not the file's name (a sheet of a workbook).
    """
    name = label or upload.name
    size_limit = schema.MAX_UPLOAD_BYTES // (1024 * 1024)
    if len(upload.data) > schema.MAX_UPLOAD_BYTES:
        problem = Problem(name, 0, "", f"file is over the {size_limit} MB upload limit")
        return RawTable(table, name, None, [problem]), []
    raw = parse_bytes(upload.data, upload.name, table)
    if label:
        raw = RawTable(table, name, raw.frame, [dataclasses.replace(p, file=name) for p in raw.problems])
    if raw.frame is None:
        return raw, []
    if len(raw.frame) > schema.MAX_UPLOAD_ROWS:
        problem = Problem(
            name,
            0,
            "",
            f"{len(raw.frame):,} rows, over the {schema.MAX_UPLOAD_ROWS:,}-row limit: split the file or trim it",
        )
        return RawTable(table, name, None, [problem]), []  # its row problems would only bury this
    extra = cell_problems(raw.frame, table, name)
    if _is_excel(upload.name):
        extra += formula_problems(upload.data, name, table)
    return raw, extra


def _row_table(raw: RawTable, problems: list[Problem]) -> pd.DataFrame:
    columns = ["file", "row", "record", "status", "problems"]
    if raw.frame is None:
        return pd.DataFrame(columns=columns)
    by_row: dict[int, list[str]] = {}
    for problem in problems:
        if problem.file == raw.filename and problem.row > 1:
            by_row.setdefault(problem.row, []).append(f"{problem.column}: {problem.message}".lstrip(": "))
    frame = raw.frame
    if raw.table is schema.RELATIONSHIPS:
        record = frame["source_id"] + " → " + frame["target_id"] + " (" + frame["relation"] + ")"
    else:
        record = frame["id"] + ": " + frame["name"]
    rows = [int(row) for row in frame.index]
    return pd.DataFrame(
        {
            "file": raw.filename,
            "row": rows,
            "record": record.tolist(),
            "status": ["left out" if row in by_row else "ok" for row in rows],
            "problems": ["; ".join(by_row.get(row, [])) for row in rows],
        },
        columns=columns,
    )


def _endpoint_left_out(problems: list[Problem], rels_file: str, dropped_ids: set[str]) -> list[Problem]:
    """Say 'left out' rather than 'unknown' for links to an organization row left out above."""
    out = []
    for problem in problems:
        if problem.file == rels_file and any(
            problem.message.startswith(f"unknown organization '{i}'") for i in dropped_ids
        ):
            problem = dataclasses.replace(problem, message="left out: an endpoint's organization row has a problem")
        out.append(problem)
    return out


def check_upload(
    organizations: UploadedFile, relationships: UploadedFile | None, content: dict[str, RawTable]
) -> UploadReport:
    """Read, check and build an uploaded dataset on top of the map content tables in `content`."""
    orgs_raw, extra = read_upload(organizations, schema.ORGANIZATIONS)
    label = ""
    if relationships is None and _is_excel(organizations.name) and "relationships" in _sheet_names(organizations.data):
        # One workbook with both sheets, as the Excel template has.
        relationships, label = organizations, f"{organizations.name}[relationships]"
    if relationships is not None:
        rels_raw, rels_extra = read_upload(relationships, schema.RELATIONSHIPS, label)
        extra += rels_extra
    else:
        rels_raw = RawTable(schema.RELATIONSHIPS, "relationships", None)

    # Rows with upload-only problems are left out, as the dataset's own checks leave out theirs.
    every_row = {raw.table.name: raw for raw in (orgs_raw, rels_raw)}
    for name, raw in every_row.items():
        bad = {p.row for p in extra if p.file == raw.filename and p.row > 1}
        if raw.frame is not None and bad:
            every_row[name] = dataclasses.replace(raw)  # keeps the full frame for the report
            raw.frame = raw.frame.drop(index=list(bad), errors="ignore")

    tables = {name: table for name, table in content.items() if name in schema.TABLES_BY_NAME}
    tables["organizations"] = orgs_raw
    tables["relationships"] = rels_raw
    authors = tables.get("resource_authors")
    if authors is not None and authors.frame is not None and orgs_raw.frame is not None:
        # Authorship links to bundled organizations do not apply to someone else's list.
        keep = authors.frame["organization_id"].isin(set(orgs_raw.frame["id"]))
        tables["resource_authors"] = dataclasses.replace(authors, frame=authors.frame[keep])

    result = build(tables, f"upload '{organizations.name}'")
    full_orgs = every_row["organizations"].frame
    dropped = set() if full_orgs is None or orgs_raw.frame is None else set(full_orgs["id"]) - set(orgs_raw.frame["id"])
    found = _endpoint_left_out(result.problems, rels_raw.filename, dropped)
    problems = sorted(set(found) | set(extra), key=lambda p: (p.file, p.row, p.column, p.message))
    if result.dataset is not None:
        result = LoadResult(dataclasses.replace(result.dataset, problems=tuple(problems)), problems)
    else:
        result = LoadResult(None, problems)

    # The per-row table lists every row as read, including those left out for upload problems.
    rows = pd.concat(
        [
            _row_table(every_row["organizations"], problems),
            _row_table(every_row["relationships"], problems),
        ],
        ignore_index=True,
    )
    counts = {
        "rows": len(rows),
        "left_out": int((rows["status"] == "left out").sum()) if len(rows) else 0,
        "organizations": len(result.dataset.organizations) if result.dataset is not None else 0,
        "relationships": len(result.dataset.relationships) if result.dataset is not None else 0,
    }
    return UploadReport(problems, rows, result, counts)

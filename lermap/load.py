"""Files -> raw DataFrames of strings, with problems for anything that cannot be read."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lermap import schema
from lermap.problems import Problem, did_you_mean

EXCEL_SUFFIXES = (".xlsx",)


@dataclass
class RawTable:
    """A table as read: every cell a stripped string; index = spreadsheet row number."""

    table: schema.Table
    filename: str
    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)


def _empty_frame(table: schema.Table) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in table.column_names})


def parse_bytes(data: bytes, filename: str, table: schema.Table) -> RawTable:
    """Parse the bytes of a CSV or .xlsx file into a RawTable of strings."""
    if len(data) > schema.MAX_FILE_BYTES:
        limit = schema.MAX_FILE_BYTES // (1024 * 1024)
        return RawTable(table, filename, None, [Problem(filename, 0, "", f"file is over the {limit} MB limit")])
    if not data.strip():
        return RawTable(table, filename, None, [Problem(filename, 0, "", "file is empty")])
    if filename.lower().endswith(EXCEL_SUFFIXES):
        return _parse_excel(data, filename, table)
    if b"\x00" in data[:8192]:
        return RawTable(table, filename, None, [Problem(filename, 0, "", "not a text file (binary content)")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return RawTable(
            table,
            filename,
            None,
            [Problem(filename, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")],
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return RawTable(table, filename, None, [Problem(filename, 0, "", f"malformed CSV: {exc}")])
    return _from_rows(rows, filename, table)


def _parse_excel(data: bytes, filename: str, table: schema.Table) -> RawTable:
    from openpyxl import load_workbook  # imported lazily: only uploads need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        return RawTable(table, filename, None, [Problem(filename, 0, "", f"not a readable .xlsx workbook ({exc})")])
    sheet = workbook[table.name] if table.name in workbook.sheetnames else workbook.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _from_rows(rows, filename, table)


def _from_rows(rows: list[list[str]], filename: str, table: schema.Table) -> RawTable:
    rows = [r for r in rows if any(cell.strip() for cell in r)] if rows else rows
    if not rows:
        return RawTable(table, filename, None, [Problem(filename, 0, "", "file is empty")])
    header, body = rows[0], rows[1:]
    problems: list[Problem] = []
    known = {name.lower(): name for name in table.column_names}
    columns: list[str] = []
    for position, raw_name in enumerate(header, start=1):
        name = raw_name.strip().lstrip("\ufeff")
        canonical = known.get(name.lower())
        if canonical is None and name:
            problems.append(
                Problem(
                    filename,
                    1,
                    name,
                    f"unknown column '{name}', ignored{did_you_mean(name, table.column_names)}",
                )
            )
        columns.append(canonical or f"__ignored_{position}")
    missing = [c for c in table.required_columns if c not in columns]
    for name in missing:
        problems.append(Problem(filename, 1, name, f"missing required column '{name}'"))
    if missing:
        return RawTable(table, filename, None, problems)
    width = len(columns)
    cells = [(r + [""] * width)[:width] for r in body]
    for offset, row in enumerate(body):
        if len(row) > width and any(c.strip() for c in row[width:]):
            problems.append(Problem(filename, offset + 2, "", f"{len(row)} cells but the header has {width}"))
    frame = pd.DataFrame(cells, columns=columns, dtype=str)
    frame = frame[[c for c in table.column_names if c in frame.columns]]
    for column in table.column_names:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.apply(lambda s: s.str.strip())
    # Spreadsheet row numbers: the header is row 1, so data starts at row 2.
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return RawTable(table, filename, frame, problems)


def read_table(directory: Path, table: schema.Table) -> RawTable:
    """Read one table of the dataset from `directory` (CSV, or .xlsx of the same stem)."""
    directory = Path(directory)
    path = directory / table.filename
    if not path.exists():
        xlsx = path.with_suffix(".xlsx")
        if xlsx.exists():
            path = xlsx
        elif table.optional_file:
            return RawTable(table, table.filename, _empty_frame(table))
        else:
            return RawTable(table, table.filename, None, [Problem(table.filename, 0, "", "file not found")])
    size = path.stat().st_size
    if size > schema.MAX_FILE_BYTES:
        limit = schema.MAX_FILE_BYTES // (1024 * 1024)
        return RawTable(table, path.name, None, [Problem(path.name, 0, "", f"file is over the {limit} MB limit")])
    return parse_bytes(path.read_bytes(), path.name, table)


def read_directory(directory: Path) -> dict[str, RawTable]:
    """Read every table of the dataset from `directory`."""
    return {table.name: read_table(directory, table) for table in schema.TABLES}


def fingerprint(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """File names, sizes and modification times: a cache key that changes when a file does."""
    directory = Path(directory)
    entries = []
    for table in schema.TABLES:
        for path in (directory / table.filename, (directory / table.filename).with_suffix(".xlsx")):
            if path.exists():
                stat = path.stat()
                entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)

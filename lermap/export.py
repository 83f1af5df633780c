"""Exports of filtered data as CSV, Excel and JSON, neutralised against formula injection and
carrying their provenance (data source, filter, date)."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell (and column name) neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def provenance(source: str, filter_description: str, rows: int, what: str = "organizations") -> dict[str, str]:
    """Where an export comes from, as name -> value."""
    return {
        "dataset": "lermap: the Learning and Employment Records ecosystem map",
        "data source": source,
        "filter": filter_description,
        "rows": f"{rows} {what}",
        "exported on": date.today().isoformat(),
        "licence": "organization and relationship facts cite their source_url; map content CC0 1.0",
    }


def to_csv(frame: pd.DataFrame, meta: dict[str, str]) -> bytes:
    """CSV with '# name: value' provenance lines before the header."""
    header = "".join(f"# {k}: {v}\n" for k, v in meta.items())
    return (header + neutralise_frame(frame).to_csv(index=False, lineterminator="\n")).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, meta: dict[str, str], sheet: str = "organizations") -> bytes:
    """An Excel workbook: the data on one sheet, the provenance on a 'provenance' sheet."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
        pd.DataFrame({"field": list(meta), "value": [neutralise(v) for v in meta.values()]}).to_excel(
            writer, sheet_name="provenance", index=False
        )
    return buffer.getvalue()


def to_json(frame: pd.DataFrame, meta: dict[str, str]) -> bytes:
    """JSON: {"provenance": {...}, "organizations": [...]}. JSON is not run as formulas: no neutralising."""
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    return json.dumps({"provenance": meta, "organizations": records}, ensure_ascii=False, indent=2).encode("utf-8")

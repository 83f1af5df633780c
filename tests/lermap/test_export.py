from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from lermap import export

PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "safe", "a=b"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("plain", "plain"),
     ("a=1", "a=1"), (3, 3), (None, None)],
)  # fmt: skip
def test_neutralise(value, expected) -> None:
    assert export.neutralise(value) == expected


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"name": PAYLOADS, "n": range(len(PAYLOADS))})


META = {"data source": "test", "filter": "role: =evil"}


def test_csv_has_provenance_and_no_live_formula(frame) -> None:
    text = export.to_csv(frame, META).decode()
    lines = text.splitlines()
    assert lines[0] == "# data source: test"
    body = pd.read_csv(io.StringIO(text), comment="#")
    assert not any(str(v).startswith(("=", "+", "-", "@", "\t")) for v in body["name"])
    assert "safe" in set(body["name"])


def test_xlsx_has_provenance_sheet_and_no_live_formula(frame) -> None:
    workbook = load_workbook(io.BytesIO(export.to_xlsx(frame, META)))
    assert workbook.sheetnames == ["organizations", "provenance"]
    values = [row[0] for row in workbook["organizations"].iter_rows(min_row=2, values_only=True)]
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in values)
    provenance = dict(workbook["provenance"].iter_rows(min_row=2, values_only=True))
    assert provenance["filter"] == "role: =evil"
    assert all(cell.data_type != "f" for row in workbook["organizations"].iter_rows() for cell in row)


def test_json_carries_provenance(frame) -> None:
    data = json.loads(export.to_json(frame, META))
    assert data["provenance"] == META
    assert data["organizations"][0]["name"] == PAYLOADS[0]

"""Uploads: one bad file per rule (tests/data/bad_uploads/), the limits, templates and workbooks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from lermap import schema, templates, upload
from lermap.load import read_table
from tests.conftest import TESTS, TINY

BAD_UPLOADS = TESTS / "data" / "bad_uploads"

# One bad upload per rule, and the exact line it must produce (as `python -m lermap validate`).
CASES = [
    ("unknown_group.csv", "unknown_group.csv:2:primary_group: unknown stakeholder group 'data-standard-organizations' (did you mean 'data-standards-organizations'?)"),
    ("unknown_area.csv", "unknown_area.csv:2:action_areas: unknown action area 'promotin' (did you mean 'promoting'?)"),
    ("duplicate_id.csv", "duplicate_id.csv:3:id: duplicate id '1edtech' (first at row 2)"),
    ("missing_column.csv", "missing_column.csv:1:primary_group: missing required column 'primary_group'"),
    ("near_miss_column.csv", "near_miss_column.csv:1:action_area: unknown column 'action_area', ignored (did you mean 'action_areas'?)"),
    ("empty_name.csv", "empty_name.csv:2:name: empty name"),
    ("malformed_url.csv", "malformed_url.csv:2:website: malformed URL 'ftp://www.1edtech.org/' (only http:// and https:// links are accepted)"),
    ("bad_id.csv", "bad_id.csv:2:id: '1EdTech Consortium' is not a kebab-case id (lowercase letters, digits and single hyphens)"),
    ("unknown_state.csv", "unknown_state.csv:2:hq_state: unknown U.S. state code 'XX'"),
    ("formula_cell.csv", "formula_cell.csv:2:description: starts with '=': spreadsheet formulas are not accepted, enter the value itself"),
    ("html_payload.csv", "html_payload.csv:2:name: looks like HTML markup: only plain text is accepted"),
    ("empty.csv", "empty.csv: file is empty"),
    ("binary.csv", "binary.csv: not a text file (binary content)"),
    ("wrong_encoding.csv", "wrong_encoding.csv:2: not UTF-8 text (byte 0xfc); save the file as UTF-8"),
    ("relationships_bad.csv", "relationships_bad.csv:2:target_id: an organization cannot relate to itself"),
    ("relationships_bad.csv", "relationships_bad.csv:3:relation: unknown relation 'friends_with' (did you mean 'authored_with'?)"),
    ("relationships_bad.csv", "relationships_bad.csv:3:target_id: unknown organization 'nobody'"),
]  # fmt: skip


@pytest.fixture(scope="module")
def content() -> dict:
    return {table.name: read_table(TINY, table) for table in schema.CONTENT_TABLES}


def check(content: dict, name: str, data: bytes, relationships: upload.UploadedFile | None = None):
    return upload.check_upload(upload.UploadedFile(name, data), relationships, content)


def check_fixture(content: dict, name: str):
    data = (BAD_UPLOADS / name).read_bytes()
    if name.startswith("relationships"):
        orgs = upload.UploadedFile("organizations.csv", (TINY / "organizations.csv").read_bytes())
        return upload.check_upload(orgs, upload.UploadedFile(name, data), content)
    return check(content, name, data)


def test_every_bad_upload_has_a_case() -> None:
    assert sorted(p.name for p in BAD_UPLOADS.iterdir()) == sorted({name for name, _ in CASES})


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_bad_upload_gives_its_precise_message(content: dict, name: str, expected: str) -> None:
    report = check_fixture(content, name)
    assert expected in [str(p) for p in report.problems]


@pytest.mark.parametrize("name", ["formula_cell.csv", "html_payload.csv", "unknown_group.csv"])
def test_rows_with_problems_are_left_out_and_listed(content: dict, name: str) -> None:
    report = check_fixture(content, name)
    assert report.counts["left_out"] == 1
    row = report.rows[report.rows["row"] == 2].iloc[0]
    assert row["status"] == "left out" and row["problems"]
    assert report.result is not None and "1edtech" not in report.result.dataset.organizations.index


def test_fifty_thousand_rows_are_refused_with_the_limit(content: dict) -> None:
    header = ",".join(schema.ORGANIZATIONS.required_columns)
    rows = [f"o{n},x,funders,,,d,,,,http://a.example" for n in range(50_000)]
    data = ("\n".join([header, *rows]) + "\n").encode()
    assert len(data) < schema.MAX_UPLOAD_BYTES  # the row limit, not the size limit, must speak
    report = check(content, "big.csv", data)
    assert [str(p) for p in report.problems] == [
        "big.csv: 50,000 rows, over the 20,000-row limit: split the file or trim it"
    ]
    assert not report.usable


def test_oversized_file_is_refused_before_parsing(content: dict) -> None:
    report = check(content, "huge.csv", b"id\n" + b"x" * schema.MAX_UPLOAD_BYTES)
    assert [str(p) for p in report.problems] == ["huge.csv: file is over the 5 MB upload limit"]


def test_tiny_dataset_uploads_cleanly(content: dict) -> None:
    rels = upload.UploadedFile("relationships.csv", (TINY / "relationships.csv").read_bytes())
    report = check(content, "organizations.csv", (TINY / "organizations.csv").read_bytes(), rels)
    assert report.problems == []
    assert report.usable and report.counts["organizations"] == 10
    assert report.result.dataset.source == "upload 'organizations.csv'"


def test_column_names_match_whatever_their_case(content: dict) -> None:
    text = (TINY / "organizations.csv").read_text()
    header, rest = text.split("\n", 1)
    report = check(content, "shouting.csv", (header.upper() + "\n" + rest).encode())
    assert report.problems == [] and report.counts["organizations"] == 10


def test_csv_templates_validate_as_they_are(content: dict) -> None:
    rels = upload.UploadedFile("relationships.csv", templates.csv_template(schema.RELATIONSHIPS))
    report = check(content, "organizations.csv", templates.csv_template(schema.ORGANIZATIONS), rels)
    assert report.problems == []
    assert (report.counts["organizations"], report.counts["relationships"]) == (2, 1)


def test_excel_template_has_allowed_values_on_the_second_sheet_and_validates(content: dict) -> None:
    data = templates.xlsx_template()
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["organizations", templates.ALLOWED_VALUES_SHEET, "relationships"]
    values = {(row[0], row[1]) for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert {("primary_group", g) for g in schema.STAKEHOLDER_GROUPS} <= values
    assert {("relation", r) for r in schema.RELATIONS} <= values
    report = check(content, "lermap-template.xlsx", data)  # relationships come from the third sheet
    assert report.problems == []
    assert (report.counts["organizations"], report.counts["relationships"]) == (2, 1)


def test_excel_formula_cells_are_refused(content: dict, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    columns = [c for c in schema.ORGANIZATIONS.column_names if c != "provenance"]
    sheet.append(columns)
    row = dict(templates.EXAMPLE_ORGANIZATIONS[0], name='=CONCAT("Example ", "College")')
    sheet.append([row.get(c, "") for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = check(content, "formulas.xlsx", buffer.getvalue())
    assert 'formulas.xlsx:2:name: formula \'=CONCAT("Example ", "College")\' is not accepted, enter its value' in [
        str(p) for p in report.problems
    ]
    assert not report.usable


def test_corrupt_workbook_gets_a_message(content: dict) -> None:
    report = check(content, "broken.xlsx", b"PK\x03\x04 not really a workbook")
    assert report.problems[0].message.startswith("not a readable .xlsx workbook")

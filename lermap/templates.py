"""Templates for bringing your own data: CSV files and an Excel workbook, built from lermap.schema."""

from __future__ import annotations

import csv
import io

from lermap import schema

# Two example organizations and one relationship between them: the templates validate as they are.
EXAMPLE_ORGANIZATIONS: tuple[dict[str, str], ...] = (
    {
        "id": "example-college",
        "name": "Example Community College",
        "primary_group": "credentialing-organizations",
        "secondary_groups": "employers",
        "action_areas": "promoting;supporting",
        "description": "Issues digital diplomas and skills badges to its graduates.",
        "tags": "digital-credentials",
        "website": "https://www.example.edu/",
        "hq_state": "OH",
        "country": "US",
        "source_url": "https://www.example.edu/about",
        "notes": "Replace these example rows with your own.",
    },
    {
        "id": "example-wallet",
        "name": "Example Wallet Co.",
        "primary_group": "ler-technology-providers",
        "secondary_groups": "",
        "action_areas": "building",
        "description": "Builds a wallet where learners keep and share their records.",
        "tags": "wallet",
        "website": "https://www.example.com/",
        "hq_state": "",
        "country": "US",
        "source_url": "https://www.example.com/press",
        "notes": "",
    },
)
EXAMPLE_RELATIONSHIPS: tuple[dict[str, str], ...] = (
    {
        "source_id": "example-college",
        "target_id": "example-wallet",
        "relation": "partner_of",
        "source_url": "https://www.example.edu/news/wallet-pilot",
        "notes": "Pilot of a learner wallet.",
    },
)
ALLOWED_VALUES_SHEET = "allowed values"


def _template_columns(table: schema.Table) -> list[str]:
    # 'provenance' is set by the app, not by people filling in a template.
    return [c for c in table.column_names if c != "provenance"]


def _examples(table: schema.Table) -> tuple[dict[str, str], ...]:
    return EXAMPLE_ORGANIZATIONS if table is schema.ORGANIZATIONS else EXAMPLE_RELATIONSHIPS


def csv_template(table: schema.Table) -> bytes:
    """A UTF-8 CSV with the table's header and the example rows."""
    columns = _template_columns(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in _examples(table):
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue().encode("utf-8")


def allowed_values() -> list[tuple[str, str, str, str]]:
    """(column, allowed value, label, meaning) for every column with a closed list of values."""
    rows = []
    for table in (schema.ORGANIZATIONS, schema.RELATIONSHIPS):
        for column in table.columns:
            if column.choices:
                rows += [(column.name, c.id, c.label, c.help) for c in column.choices.values()]
            elif column.kind == "state":
                rows += [
                    (column.name, code, name, "U.S. state or territory") for code, name in schema.US_STATES.items()
                ]
    return rows


def column_guide() -> list[tuple[str, str, str, str]]:
    """(file, column, required?, meaning) for every column of the templates."""
    rows = []
    for table in (schema.ORGANIZATIONS, schema.RELATIONSHIPS):
        for name in _template_columns(table):
            column = table.column(name)
            need = "must be filled" if column.nonempty else ("column required" if column.required else "optional")
            rows.append((table.filename, name, need, column.description))
    return rows


def xlsx_template() -> bytes:
    """An Excel workbook: 'organizations', the allowed values on the second sheet, 'relationships'."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    organizations = workbook.active
    organizations.title = schema.ORGANIZATIONS.name
    allowed = workbook.create_sheet(ALLOWED_VALUES_SHEET)
    relationships = workbook.create_sheet(schema.RELATIONSHIPS.name)

    allowed.append(["column", "allowed value", "label", "meaning"])
    for row in allowed_values():
        allowed.append(list(row))
    allowed.append([])
    allowed.append(["Lists such as secondary_groups, action_areas and tags are separated by ';'."])

    first_row: dict[str, tuple[int, int]] = {}
    for number, (column, *_rest) in enumerate(allowed_values(), start=2):
        start, _end = first_row.get(column, (number, number))
        first_row[column] = (start, number)

    for sheet, table in ((organizations, schema.ORGANIZATIONS), (relationships, schema.RELATIONSHIPS)):
        columns = _template_columns(table)
        sheet.append(columns)
        for row in _examples(table):
            sheet.append([row.get(c, "") for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for position, name in enumerate(columns):
            letter = sheet.cell(row=1, column=position + 1).column_letter
            sheet.column_dimensions[letter].width = max(14, min(40, len(name) + 4))
            column = table.column(name)
            if name in first_row and column.kind in ("choice", "state"):
                start, end = first_row[name]
                check = DataValidation(
                    type="list",
                    formula1=f"='{ALLOWED_VALUES_SHEET}'!$B${start}:$B${end}",
                    allow_blank=not column.nonempty,
                    showErrorMessage=True,
                    errorTitle=f"Unknown {name}",
                    error="Pick a value from the 'allowed values' sheet.",
                )
                sheet.add_data_validation(check)
                check.add(f"{letter}2:{letter}{schema.MAX_UPLOAD_ROWS + 1}")
    for cell in allowed[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (18, 32, 36, 70), strict=True):
        allowed.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Validation: pandera schemas built from lermap.schema, plus referential checks.

Every problem names its file, row and column, and says what to do in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from lermap import schema
from lermap.load import RawTable
from lermap.problems import Problem, did_you_mean

_URL = re.compile(r"^https?://[^\s/$.?#][^\s<>\"']*$", re.IGNORECASE)


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell into its stripped, non-empty items."""
    return [item.strip() for item in str(value).split(schema.LIST_SEPARATOR) if item.strip()]


def _noun(column: schema.Column) -> str:
    if column.choices is schema.STAKEHOLDER_GROUPS:
        return "stakeholder group"
    if column.choices is schema.ACTION_AREAS:
        return "action area"
    if column.choices is schema.JOURNEY_STAGES:
        return "journey stage"
    if column.choices is schema.RELATIONS:
        return "relation"
    return "value"


# Each check: a vectorised test over a column of strings, and the message for one failing cell.
CheckSpec = tuple[Callable[[pd.Series], pd.Series], Callable[[str], str]]


def _checks_for(column: schema.Column) -> list[CheckSpec]:
    checks: list[CheckSpec] = []
    filled = lambda s: s != ""
    if column.nonempty:
        checks.append((filled, lambda v: f"empty {column.name.replace('_', ' ')}"))
    if column.kind == "id":
        checks.append(
            (
                lambda s: ~filled(s) | s.str.fullmatch(schema.ID_PATTERN),
                lambda v: f"'{v}' is not a kebab-case id (lowercase letters, digits and single hyphens)",
            )
        )
    elif column.kind == "choice":
        allowed = list(column.choices or {})
        checks.append(
            (
                lambda s: ~filled(s) | s.isin(allowed),
                lambda v: f"unknown {_noun(column)} '{v}'{did_you_mean(v, allowed)}",
            )
        )
    elif column.kind == "ids":
        allowed = list(column.choices or {})

        def bad_items(value: str) -> list[str]:
            return [item for item in split_list(value) if item not in allowed]

        checks.append(
            (
                lambda s: s.map(lambda v: not bad_items(v)).astype(bool),
                lambda v: "; ".join(
                    f"unknown {_noun(column)} '{item}'{did_you_mean(item, allowed)}" for item in bad_items(v)
                ),
            )
        )
    elif column.kind == "tags":
        checks.append(
            (
                lambda s: s.map(lambda v: all(re.fullmatch(schema.TAG_PATTERN, t) for t in split_list(v))).astype(bool),
                lambda v: f"tags must be kebab-case and ';'-separated, got '{v}'",
            )
        )
    elif column.kind == "url":
        checks.append(
            (
                lambda s: ~filled(s) | s.str.match(_URL),
                lambda v: f"malformed URL '{v}' (only http:// and https:// links are accepted)",
            )
        )
    elif column.kind == "state":
        states = list(schema.US_STATES)
        checks.append(
            (
                lambda s: ~filled(s) | s.isin(states),
                lambda v: f"unknown U.S. state code '{v}'{did_you_mean(v, states)}",
            )
        )
    elif column.kind == "country":
        checks.append(
            (
                lambda s: ~filled(s) | s.str.fullmatch(schema.COUNTRY_PATTERN),
                lambda v: f"'{v}' is not a two-letter country code",
            )
        )
    elif column.kind == "int":
        checks.append((lambda s: s.str.fullmatch(r"\d+"), lambda v: f"'{v}' is not a whole number"))
    return checks


def pandera_schema(table: schema.Table) -> tuple[pa.DataFrameSchema, dict[str, Callable[[str], str]]]:
    """A pandera schema for a table, and the message maker for each named check."""
    columns = {}
    messages: dict[str, Callable[[str], str]] = {}
    for column in table.columns:
        checks = []
        for number, (test, message) in enumerate(_checks_for(column)):
            name = f"{column.name}#{number}"
            messages[name] = message
            checks.append(pa.Check(test, name=name, error=name))
        columns[column.name] = pa.Column(str, checks=checks, nullable=False, required=column.required)
    return pa.DataFrameSchema(columns, strict=False, coerce=False), messages


def check_table(raw: RawTable) -> list[Problem]:
    """Row-level problems of one table that has been read."""
    if raw.frame is None:
        return []
    frame = raw.frame
    problems: list[Problem] = []
    table_schema, messages = pandera_schema(raw.table)
    try:
        table_schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        for case in cases.itertuples(index=False):
            check = str(case.check)
            if check not in messages or pd.isna(case.index):
                continue
            problems.append(
                Problem(raw.filename, int(case.index), str(case.column), messages[check](str(case.failure_case)))
            )
    for column in raw.table.columns:
        if column.unique:
            problems += _duplicates(raw, [column.name])
    if raw.table.key and not any(c.unique for c in raw.table.columns):
        problems += _duplicates(raw, list(raw.table.key))
    return problems


def _duplicates(raw: RawTable, key: list[str]) -> list[Problem]:
    frame = raw.frame
    assert frame is not None
    keyed = frame[key].apply(tuple, axis=1) if len(key) > 1 else frame[key[0]]
    keyed = keyed[frame[key].ne("").all(axis=1)]
    first_row: dict[object, int] = {}
    problems = []
    for row, value in keyed.items():
        if value in first_row:
            shown = value if isinstance(value, str) else " / ".join(value)
            what = "id" if key == ["id"] else " + ".join(key)
            problems.append(
                Problem(
                    raw.filename,
                    int(row),
                    key[-1] if len(key) > 1 else key[0],
                    f"duplicate {what} '{shown}' (first at row {first_row[value]})",
                )
            )
        else:
            first_row[value] = int(row)
    return problems


def check_references(raw: dict[str, RawTable]) -> list[Problem]:
    """Every column that names an organization (or a resource) must name one of the dataset."""
    known: dict[str, set[str]] = {}
    for kind, table in (("org", "organizations"), ("resource", "resources")):
        found = raw.get(table)
        if found is not None and found.frame is not None:
            known[kind] = set(found.frame["id"])
    problems = []
    for table in raw.values():
        if table.frame is None:
            continue
        for column in table.table.columns:
            kind = "resource" if column.name == "resource_id" else column.kind
            if kind not in known:
                continue
            what = "organization" if kind == "org" else "resource"
            for row, value in table.frame[column.name].items():
                if value and value not in known[kind]:
                    problems.append(
                        Problem(
                            table.filename,
                            int(row),
                            column.name,
                            f"unknown {what} '{value}'{did_you_mean(value, known[kind])}",
                        )
                    )
    relationships = raw.get("relationships")
    if relationships is not None and relationships.frame is not None:
        frame = relationships.frame
        for row in frame.index[(frame["source_id"] != "") & (frame["source_id"] == frame["target_id"])]:
            problems.append(
                Problem(relationships.filename, int(row), "target_id", "an organization cannot relate to itself")
            )
    return problems


def check_content(raw: dict[str, RawTable]) -> list[Problem]:
    """The map content must name every stakeholder group, action area and journey stage once."""
    problems = []
    for table, ids in (
        (schema.STAKEHOLDER_GROUPS_TABLE, schema.STAKEHOLDER_GROUPS),
        (schema.ACTION_AREAS_TABLE, schema.ACTION_AREAS),
        (schema.JOURNEY_STAGES_TABLE, schema.JOURNEY_STAGES),
    ):
        found = raw.get(table.name)
        if found is None or found.frame is None:
            continue
        for missing in [i for i in ids if i not in set(found.frame["id"])]:
            problems.append(Problem(found.filename, 0, "id", f"no row for '{missing}'"))
    return problems


def validate_tables(raw: dict[str, RawTable]) -> list[Problem]:
    """All problems of a dataset that has been read: reading, rows, references, content."""
    problems: list[Problem] = []
    for table in raw.values():
        problems += table.problems
        problems += check_table(table)
    problems += check_references(raw)
    problems += check_content(raw)
    return sorted(set(problems), key=lambda p: (p.file, p.row, p.column, p.message))

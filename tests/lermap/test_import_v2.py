from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from lermap import BUNDLED_DATA_DIR, import_v2, schema
from lermap.cli import main
from tests.conftest import ROOT

SRC = ROOT.parent / "shared" / "reference" / "ler-map-v2"
needs_src = pytest.mark.skipif(not SRC.is_dir(), reason=f"map source not found at {SRC}")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Address data policy&colon; integrity", "Address data policy: integrity"),
        ("Records&#x3b; The 7 Principles", "Records; The 7 Principles"),
        ("first.</p><p>Second", "first.\n\nSecond"),
        ("  spaced   out  ", "spaced out"),
        (None, ""),
    ],
)
def test_clean_text_decodes_entities_and_paragraphs(raw: str | None, clean: str) -> None:
    assert import_v2.clean_text(raw) == clean


def _write_minimal(src: Path) -> None:
    (src / "action-items-content.yml").write_text(
        "actions:\n"
        + "".join(f"  - name: {a}\n    title: {a.title()}\n    description: d\n" for a in schema.ACTION_AREAS)
    )
    (src / "stakeholders-list.yml").write_text(
        "stakeholders:\n  - name: Funders\n    url: funders\n    definition: d\n    examples: e\n"
        "    action-areas:\n      - title: gathering\n        bullets: A lone string&colon; one bullet\n"
        "    sections:\n      - title: Developing\n        subheader: s\n        bullets:\n          - one\n          - two\n"
    )
    (src / "resources-list.yml").write_text(
        "resources:\n  - name: Cat\n    sites:\n      - title: T\n        author: A\n"
    )
    (src / "glossary-list.yml").write_text("terms:\n  - term: Badge\n    definition: A badge.\n")


def test_convert_minimal_source(tmp_path: Path) -> None:
    _write_minimal(tmp_path)
    rows = import_v2.convert(tmp_path)
    assert [r["id"] for r in rows["action_areas"]] == list(schema.ACTION_AREAS)
    assert rows["group_area_actions"] == [
        {"group_id": "funders", "area_id": "gathering", "position": "1", "action": "A lone string: one bullet"}
    ]
    assert [r["role"] for r in rows["group_stage_roles"]] == ["one", "two"]
    assert rows["glossary"] == [{"id": "badge", "term": "Badge", "definition": "A badge."}]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda src: (src / "glossary-list.yml").unlink(), "missing file"),
        (lambda src: (src / "glossary-list.yml").write_text("terms: [unclosed"), "malformed YAML"),
        (lambda src: (src / "glossary-list.yml").write_text("words: []"), "expected a top-level 'terms:' list"),
        (lambda src: (src / "stakeholders-list.yml").write_text("stakeholders:\n  - name: X\n    url: nope\n"),
         "unknown group id 'nope'"),
    ],
)  # fmt: skip
def test_clear_error_on_missing_or_malformed_file(tmp_path: Path, damage, message: str) -> None:
    _write_minimal(tmp_path)
    damage(tmp_path)
    with pytest.raises(import_v2.MapContentError, match=message):
        import_v2.convert(tmp_path)


def test_cli_reports_errors_without_traceback(tmp_path: Path, capsys) -> None:
    assert main(["import-v2", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 1
    assert "not a directory" in capsys.readouterr().err


@needs_src
def test_import_is_deterministic_and_matches_the_bundled_data(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        out.mkdir()
        (out / "organizations.csv").write_bytes((BUNDLED_DATA_DIR / "organizations.csv").read_bytes())
        assert main(["import-v2", str(SRC), "--out", str(out)]) == 0
    for table in schema.CONTENT_TABLES:
        assert filecmp.cmp(first / table.filename, second / table.filename, shallow=False), table.filename
        assert filecmp.cmp(first / table.filename, BUNDLED_DATA_DIR / table.filename, shallow=False), table.filename


@needs_src
def test_real_map_content(tmp_path: Path) -> None:
    rows = import_v2.convert(SRC)
    assert len(rows["stakeholder_groups"]) == 10
    assert {r["stage_id"] for r in rows["group_stage_roles"]} == set(schema.JOURNEY_STAGES)
    text = " ".join(v for table in rows.values() for row in table for v in row.values())
    for entity in ("&colon;", "&#x3b;", "</p>", "<p>"):
        assert entity not in text

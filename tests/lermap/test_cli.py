from __future__ import annotations

from pathlib import Path

from lermap.cli import main
from tests.conftest import overlay


def test_validate_ok_prints_summary(tiny_dir: Path, capsys) -> None:
    assert main(["validate", str(tiny_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 10 organizations, 12 relationships, 5 stakeholder groups")


def test_validate_bad_prints_one_line_per_problem(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(overlay(tmp_path, "unknown_group"))]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "organizations.csv:4:primary_group: unknown stakeholder group 'employer' (did you mean 'employers'?)"
    )


def test_validate_uses_the_environment_directory(tiny_dir: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LERMAP_DATA_DIR", str(tiny_dir))
    assert main(["validate"]) == 0
    assert "10 organizations" in capsys.readouterr().out

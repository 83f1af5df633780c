from __future__ import annotations

from pathlib import Path

from lermap import BUNDLED_DATA_DIR
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


def test_validate_reports_tour_problems_with_their_place(tiny_dir: Path, tmp_path: Path, capsys) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(tiny_dir, data)
    (data / "tours").mkdir()
    (data / "tours" / "t.yaml").write_text(
        "id: t\ntitle: T\nsteps:\n  - page: network\n    params: {org: nope, mode: fade}\n"
        "    title: S\n    talking_point: Say it.\n",
        encoding="utf-8",
    )
    assert main(["validate", str(data)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "tours/t.yaml:1:org: unknown organization 'nope'" in lines
    assert "tours/t.yaml:1:mode: 'fade' is not one of 'Hide', 'Fade'" in lines


def test_validate_counts_the_bundled_tours(capsys) -> None:
    shipped = len(list((BUNDLED_DATA_DIR / "tours").glob("*.yaml")))
    assert main(["validate", str(BUNDLED_DATA_DIR)]) == 0
    assert shipped >= 5 and capsys.readouterr().out.rstrip().endswith(f", {shipped} tours")


def test_validate_uses_the_environment_directory(tiny_dir: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LERMAP_DATA_DIR", str(tiny_dir))
    assert main(["validate"]) == 0
    assert "10 organizations" in capsys.readouterr().out

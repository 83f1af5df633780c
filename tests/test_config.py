"""Hosting files: Streamlit's security settings, the Dockerfile, compose.yaml and the deploy files."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from tests.conftest import ROOT


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, with continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("server", "enableXsrfProtection", True),
        ("server", "enableCORS", True),
        ("server", "headless", True),
        ("browser", "gatherUsageStats", False),
        ("runner", "postScriptGC", False),  # a full collection after every run cost ~40% of server CPU
    ],
)
def test_streamlit_config_keeps_the_safe_and_tuned_settings(section: str, key: str, expected: bool) -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config[section][key] is expected


def test_dockerfile_runs_as_a_non_root_user() -> None:
    instructions = dockerfile_instructions()
    users = [args.strip() for name, args in instructions if name == "USER"]
    assert users, "the Dockerfile never switches away from root"
    assert users[-1].split(":")[0] not in ("root", "0")
    last_user = max(i for i, (name, _args) in enumerate(instructions) if name == "USER")
    cmd = next(i for i, (name, _args) in enumerate(instructions) if name == "CMD")
    assert last_user < cmd


def test_dockerfile_base_install_and_command() -> None:
    instructions = dockerfile_instructions()
    # The base is python:3.11-slim unless a build argument names another (docs/deploy.md).
    assert instructions[:2] == [("ARG", "PYTHON_IMAGE=python:3.11-slim"), ("FROM", "${PYTHON_IMAGE}")]
    assert any(name == "RUN" and re.search(r"pip install \.(\s|$)", args) for name, args in instructions)
    cmd = next(args for name, args in instructions if name == "CMD")
    assert re.search(r'"streamlit",\s*"run",\s*"app.py"', cmd)
    for setting in ("--server.headless=true", "--server.port=8501", "--browser.gatherUsageStats=false"):
        assert setting in cmd


def test_dockerfile_health_check_asks_streamlit() -> None:
    checks = [args for name, args in dockerfile_instructions() if name == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "http://localhost:8501/_stcore/health" in checks[0]
    assert "curl" not in checks[0]  # not in the slim image


def test_compose_runs_lermap_after_a_healthy_postgres(compose: dict) -> None:
    services = compose["services"]
    assert set(services) >= {"lermap", "postgres"}
    assert services["postgres"]["image"] == "postgres:16"
    assert "healthcheck" in services["postgres"]
    assert services["lermap"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    url = services["lermap"]["environment"]["LERMAP_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@postgres:5432/" in url


def test_compose_keeps_the_database_in_a_named_volume_and_no_password_in_the_file(compose: dict) -> None:
    volume = compose["services"]["postgres"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert "ports" not in compose["services"]["postgres"]


def test_compose_offers_read_only_as_a_commented_option() -> None:
    assert re.search(r'^\s*#\s*LERMAP_READ_ONLY:\s*"1"', (ROOT / "compose.yaml").read_text(), re.MULTILINE)


def test_requirements_txt_installs_the_project_and_pins_nothing() -> None:
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert [line for line in lines if line and not line.startswith("#")] == ["-e ."]


def test_secrets_example_holds_placeholders_for_every_documented_key() -> None:
    secrets = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text())
    assert "change-me" in secrets["admin_password"]
    assert "change-me" in secrets["connections"]["contributions"]["url"]


def test_secrets_stay_out_of_git_and_the_image() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    docker_ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ".streamlit/secrets.toml" in ignored and ".env" in ignored
    assert ".streamlit/secrets.toml" in docker_ignored and ".env" in docker_ignored


def _docker_ignores(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore `patterns` leave `path` (relative, /-separated) out of the build context."""
    from fnmatch import fnmatchcase

    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]  # a matched folder drops its files
    for pattern in patterns:
        if pattern.startswith("**/"):
            tail = pattern[3:]
            if any(fnmatchcase(part, tail) for part in parts) or fnmatchcase(parts[-1], tail):
                return True
        elif any(fnmatchcase(prefix, pattern.rstrip("/")) for prefix in prefixes):
            return True
    return False


def test_the_image_keeps_every_file_the_app_reads_at_run_time() -> None:
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    patterns = [p for p in patterns if p and not p.startswith("#")]
    assert not any(p.startswith("!") for p in patterns), "exceptions would need a fuller matcher here"
    # The matcher itself: what the file means to leave out, it does.
    assert _docker_ignores("tests/test_config.py", patterns) and _docker_ignores("lermap/__pycache__/x.pyc", patterns)
    needed = ["app.py", "pyproject.toml", ".streamlit/config.toml"] + [
        path.relative_to(ROOT).as_posix()
        for folder in ("lermap", "pages", "data", "static")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert any(path.startswith("static/vis-network/") for path in needed)
    left_out = [path for path in needed if _docker_ignores(path, patterns)]
    assert not left_out, f".dockerignore leaves files the app needs out of the image: {left_out[:5]}"

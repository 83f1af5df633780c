"""The Docker image and the compose stack, built and run for real, then visited in a browser.

Needs a Docker engine and compose (the `docker compose` plugin or `docker-compose`). Without them
the tests skip with a loud reason, unless LERMAP_REQUIRE_DOCKER=1, where that is a failure.

The base images default to the ones the files name (python:3.11-slim, postgres:16). Where Docker
Hub is out of reach, LERMAP_DOCKER_PYTHON_IMAGE and LERMAP_DOCKER_POSTGRES_IMAGE name local
stand-ins (CI builds them with .ci/docker-images).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from lermap import serve, templates
from tests.conftest import ROOT
from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.docker]

PYTHON_IMAGE = os.environ.get("LERMAP_DOCKER_PYTHON_IMAGE", "python:3.11-slim")
POSTGRES_IMAGE = os.environ.get("LERMAP_DOCKER_POSTGRES_IMAGE")  # None: compose.yaml's own image


def _unavailable(reason: str) -> None:
    message = f"NO DOCKER: {reason}; the image and compose tests cannot run"
    if os.environ.get("LERMAP_REQUIRE_DOCKER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def run(*command: str, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    """Run a command; on failure the test fails with its output."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def _compose_command() -> list[str] | None:
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


@pytest.fixture(scope="module")
def image() -> Iterator[str]:
    """The image `docker build .` makes, under a tag of this test run's own."""
    if shutil.which("docker") is None:
        _unavailable("no docker command")
    if subprocess.run(["docker", "info"], capture_output=True).returncode != 0:
        _unavailable("no Docker engine answers")
    tag = f"lermap-test:{secrets.token_hex(4)}"
    run("docker", "build", "--quiet", "--build-arg", f"PYTHON_IMAGE={PYTHON_IMAGE}", "-t", tag, ".", timeout=900)
    yield tag
    subprocess.run(["docker", "rmi", "-f", tag], capture_output=True)


def wait_healthy(container: str, timeout: float = 180) -> None:
    """Wait for the image's own HEALTHCHECK (Streamlit's /_stcore/health) to pass."""
    deadline = time.monotonic() + timeout
    status = ""
    while time.monotonic() < deadline:
        status = run("docker", "inspect", "--format", "{{.State.Status}} {{.State.Health.Status}}", container).strip()
        if status == "running healthy":
            return
        if not status.startswith(("running", "created")) or status.endswith("unhealthy"):
            break
        time.sleep(1)
    logs = subprocess.run(["docker", "logs", "--tail", "40", container], capture_output=True, text=True)
    pytest.fail(f"container {container} is '{status}', not healthy:\n{logs.stdout}\n{logs.stderr}")


def sidebar_pages(page) -> list[str]:
    """The page names in the sidebar navigation (each link's last line; the first is its icon)."""
    return [text.splitlines()[-1] for text in page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()]


def test_the_image_runs_unprivileged_and_cannot_change_its_code(image: str) -> None:
    assert run("docker", "image", "inspect", "--format", "{{.Config.User}}", image).strip() == "lermap"
    script = (
        "id -u; touch /app/app.py 2>/dev/null && echo code-writable || echo code-read-only; "
        "touch /var/lib/lermap/probe && echo store-writable"
    )
    assert run("docker", "run", "--rm", image, "sh", "-c", script).split() == [
        "10001",
        "code-read-only",
        "store-writable",
    ]
    # Only what the app reads goes into the image: no tests, no secrets, no git history.
    listing = run("docker", "run", "--rm", image, "ls", "-A", "/app").split()
    assert {"app.py", "pages", "lermap", "data", "static", ".streamlit"} <= set(listing)
    assert not {"tests", ".git", ".env", "docs"} & set(listing)


def test_a_read_only_container_turns_healthy_and_serves_the_map(image: str, visit) -> None:
    port = serve.free_port()
    name = f"lermap-test-{secrets.token_hex(4)}"
    run("docker", "run", "-d", "--name", name, "-p", f"127.0.0.1:{port}:8501", "-e", "LERMAP_READ_ONLY=1",
        "--health-interval", "2s", "--health-start-period", "60s", image)  # fmt: skip
    try:
        wait_healthy(name)
        page = visit.page
        page.goto(f"http://127.0.0.1:{port}/?role=employers")
        wait_for_app(page, timeout=90_000)
        assert_no_exception(page)
        assert page.get_by_role("heading", level=1).first.inner_text() == "The LER ecosystem at a glance"
        page.get_by_text("Filtered by stakeholder group: Employers").wait_for()
        pages = sidebar_pages(page)
        assert "Organizations" in pages and "Network" in pages
        assert "Suggest a change" not in pages and "Moderation" not in pages
        assert visit.external == []
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True)


def test_compose_keeps_a_suggestion_in_its_postgres(image: str, visit, tmp_path: Path) -> None:
    compose = _compose_command()
    if compose is None:
        _unavailable("neither `docker compose` nor `docker-compose`")
    override: dict = {
        "services": {"lermap": {"image": image, "healthcheck": {"interval": "2s", "start_period": "60s"}}}
    }
    if POSTGRES_IMAGE:
        override["services"]["postgres"] = {"image": POSTGRES_IMAGE}
    (tmp_path / "override.yaml").write_text(yaml.safe_dump(override))
    port = serve.free_port()
    env = {**os.environ, "POSTGRES_PASSWORD": secrets.token_urlsafe(16), "LERMAP_PORT": str(port)}
    project = [
        *compose,
        "-p",
        f"lermaptest{secrets.token_hex(4)}",
        "-f",
        "compose.yaml",
        "-f",
        str(tmp_path / "override.yaml"),
    ]
    try:
        run(*project, "up", "-d", "--no-build", env=env, timeout=300)
        wait_healthy(run(*project, "ps", "-q", "lermap", env=env).strip())
        page = visit.page
        page.goto(f"http://127.0.0.1:{port}/contribute")
        wait_for_app(page, timeout=90_000)
        example = templates.EXAMPLE_ORGANIZATIONS[0]
        page.get_by_label("Id (kebab-case").fill(example["id"])
        page.get_by_label("Name", exact=True).fill(example["name"])
        page.get_by_label("Description (one sentence").fill(example["description"])
        page.get_by_label("Website (http or https)").fill(example["website"])
        page.get_by_label("Source: the page these facts come from").first.fill(example["source_url"])
        page.get_by_label("Country (two letters").fill(example["country"])
        page.get_by_label("Primary stakeholder group").click()
        page.get_by_role("option", name="Credentialing Organizations").click()
        page.get_by_role("button", name="Send the suggestion").first.click()
        page.get_by_text("is waiting for a moderator").wait_for(timeout=30_000)
        assert_no_exception(page)
        stored = run(*project, "exec", "-T", "postgres", "psql", "-U", "lermap", "-d", "lermap", "-tA",
                     "-c", "SELECT kind, target, status FROM submissions", env=env)  # fmt: skip
        assert stored.split() == [f"organization|{example['id']}|pending"]
        assert visit.external == []
    finally:
        subprocess.run([*project, "down", "-v", "--remove-orphans"], capture_output=True, env=env, cwd=ROOT)

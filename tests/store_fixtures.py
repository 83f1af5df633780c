"""Store fixtures: a throwaway PostgreSQL cluster, and an engine on SQLite or PostgreSQL.

The cluster is made with the server binaries under /usr/lib/postgresql/*/bin (Debian's
postgresql package) in a fresh directory, on a free loopback port, and removed afterwards.
initdb refuses to run as root, so as root the cluster belongs to the 'postgres' OS user.
Without binaries or that user the PostgreSQL tests skip with the reason, unless
LERMAP_REQUIRE_POSTGRES=1, where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from lermap import store
from lermap.serve import free_port


def _unavailable(reason: str) -> None:
    message = f"NO POSTGRESQL SERVER: {reason}; the PostgreSQL store tests cannot run"
    if os.environ.get("LERMAP_REQUIRE_POSTGRES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test session."""
    if os.environ.get("LERMAP_TEST_POSTGRES_URL"):  # an existing server, e.g. a CI service
        yield os.environ["LERMAP_TEST_POSTGRES_URL"]
        return
    bin_dir = _server_bin()
    if bin_dir is None:
        _unavailable("no initdb under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no 'postgres' user to own the cluster")
        prefix = ["runuser", "-u", "postgres", "--"]
    # Under /tmp itself: pytest's own tmp dirs are private to the current user.
    root = Path(tempfile.mkdtemp(prefix="lermap-pg-"))
    data, log = root / "data", root / "server.log"
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    port = free_port()
    try:
        subprocess.run(
            [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
            check=True, capture_output=True, text=True, timeout=90,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        if log.exists():
            detail += log.read_text(errors="replace")
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"could not start a throwaway cluster ({exc}) {detail.strip()[-500:]}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True, timeout=60,
        )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def _fresh_postgres_database(url: str, name: str) -> str:
    import sqlalchemy as sa

    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path) -> str:
    """A fresh, empty store URL: a SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return store.sqlite_url(tmp_path)
    server = request.getfixturevalue("postgres_url")
    name = "lermap_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name.lower())[:50]
    return _fresh_postgres_database(server, name)


@pytest.fixture
def store_engine(store_url: str):
    """A migrated engine on a fresh store."""
    engine = store.make_engine(store_url)
    yield engine
    engine.dispose()

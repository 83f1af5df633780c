"""The contributions store against real databases: SQLite and a throwaway PostgreSQL server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
import sqlalchemy as sa

from lermap import store
from tests.conftest import ROOT

ORG = {"id": "example-org", "name": "Example", "primary_group": "funders"}


def test_migration_creates_the_schema_and_is_idempotent(store_engine) -> None:
    assert store.migrate(store_engine) == store.SCHEMA_VERSION
    assert store.migrate(store_engine) == store.SCHEMA_VERSION
    tables = set(sa.inspect(store_engine).get_table_names())
    assert {"schema_version", "submissions", "audit"} <= tables
    with store_engine.connect() as connection:
        versions = connection.execute(sa.select(store.schema_version.c.version)).scalars().all()
    assert versions == list(range(1, store.SCHEMA_VERSION + 1))


def test_submit_approve_reject_keeps_everything_and_audits(store_engine) -> None:
    first = store.submit(store_engine, "organization", "example-org", ORG, submitter="ada")
    second = store.submit(store_engine, "correction", "1edtech", {**ORG, "id": "1edtech"})
    assert [s.id for s in store.list_submissions(store_engine, store.PENDING)] == [first, second]
    assert store.latest_approval(store_engine) == 0

    done = store.decide(store_engine, first, approve=True, actor="admin", note="checked the source")
    assert done.status == store.APPROVED and done.decision_note == "checked the source"
    store.decide(store_engine, second, approve=False, actor="admin", note="no source", before={"id": "1edtech"})
    with pytest.raises(store.StoreError, match="already approved"):
        store.decide(store_engine, first, approve=False, actor="admin")

    assert store.count(store_engine) == 2  # nothing deleted, only marked
    assert [s.id for s in store.approved(store_engine)] == [first]
    log = store.audit_log(store_engine)
    assert [row["action"] for row in log] == ["rejected", "approved", "submitted", "submitted"]
    assert json.loads(log[0]["before"]) == {"id": "1edtech"} and json.loads(log[0]["after"])["id"] == "1edtech"
    assert store.latest_approval(store_engine) == log[1]["id"]


def test_unknown_kind_is_refused(store_engine) -> None:
    with pytest.raises(store.StoreError):
        store.submit(store_engine, "deletion", "x", {})


def test_twenty_threads_store_500_submissions_exactly_once(store_engine) -> None:
    errors: list[BaseException] = []

    def worker(thread: int) -> None:
        try:
            for number in range(25):
                key = f"t{thread}-n{number}"
                store.submit(store_engine, "organization", key, {**ORG, "id": key}, session=f"s{thread}")
        except BaseException as exc:  # reported below, a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = store.list_submissions(store_engine)
    assert len(stored) == 500
    targets = Counter(s.target for s in stored)
    assert len(targets) == 500 and set(targets.values()) == {1}
    assert all(s.payload["id"] == s.target for s in stored)
    audited = Counter(row["submission_id"] for row in store.audit_log(store_engine, limit=10_000))
    assert len(audited) == 500 and set(audited.values()) == {1}


# The child writes batches of BATCH submissions, each batch one transaction, and prints
# the batch number after each commit; it is killed with SIGKILL while writing.
BATCH = 10
CHILD = """
import sys
from lermap import store
engine = store.make_engine(sys.argv[1])
size = int(sys.argv[2])
batch = 0
while True:
    keys = [f"b{batch}-r{row}" for row in range(size)]
    store.submit_many(engine, [("organization", k, {"id": k, "note": "x" * 2000}) for k in keys])
    print(batch, flush=True)
    batch += 1
"""


def test_sigkill_mid_batch_leaves_a_consistent_database(store_url) -> None:
    store.make_engine(store_url).dispose()  # migrate before the child starts
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url, str(BATCH)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    committed: list[int] = []
    assert child.stdout is not None
    deadline = time.monotonic() + 60
    while len(committed) < 15 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    time.sleep(0.01)  # most likely in the middle of the next batch now
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert len(committed) >= 15, "the child did not commit enough batches"

    engine = store.make_engine(store_url)
    try:
        stored = store.list_submissions(engine)
        per_batch = Counter(s.target.split("-")[0] for s in stored)
        for batch in committed:  # every committed batch is fully readable
            assert per_batch[f"b{batch}"] == BATCH
        assert set(per_batch.values()) == {BATCH}  # no partial batch
        assert all(s.payload == {"id": s.target, "note": "x" * 2000} for s in stored)  # no partial row
        audited = Counter(row["submission_id"] for row in store.audit_log(engine, limit=100_000))
        assert set(audited) == {s.id for s in stored}
        store.submit(engine, "organization", "after-crash", ORG)  # still writable
    finally:
        engine.dispose()


def test_sqlite_store_uses_wal_and_lives_in_the_store_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(store.DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(store.STORE_DIR_ENV, str(tmp_path / "appdata"))
    assert store.store_url() == f"sqlite:///{tmp_path / 'appdata' / store.SQLITE_FILENAME}"
    engine = store.make_engine()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
    assert (tmp_path / "appdata" / store.SQLITE_FILENAME).exists()


def test_default_store_dir_is_outside_the_package(monkeypatch) -> None:
    monkeypatch.delenv(store.STORE_DIR_ENV, raising=False)
    assert ROOT not in store.store_dir().parents


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_postgres_urls_use_psycopg3(url: str, expected: str) -> None:
    assert store.normalise_url(url) == expected

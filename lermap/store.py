"""The contributions store: submissions, their moderation, and an audit trail, in SQL.

A plain SQLAlchemy library: the app reaches the engine through `st.connection("contributions")`
(see lermap/ui.py), the CLI and the tests through `make_engine`. The embedded default is a
SQLite file in a writable app-data directory (WAL mode); a hosted deployment points it at
PostgreSQL. Nothing is ever deleted: submissions are marked approved or rejected, and every
action leaves a row in `audit`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

STORE_DIR_ENV = "LERMAP_STORE_DIR"
DATABASE_URL_ENV = "LERMAP_DATABASE_URL"
SQLITE_FILENAME = "contributions.sqlite"

KINDS = ("organization", "correction", "relationship")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),
    # The organization id, or 'source_id|target_id|relation' for a relationship.
    sa.Column("target", sa.String(400), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),  # JSON object: column -> string
    sa.Column("status", sa.String(20), nullable=False, default=PENDING, index=True),
    sa.Column("submitter", sa.String(200), nullable=False, default=""),
    sa.Column("session_id", sa.String(80), nullable=False, default=""),
    sa.Column("submitted_at", sa.String(40), nullable=False),
    sa.Column("decided_at", sa.String(40), nullable=True),
    sa.Column("decided_by", sa.String(200), nullable=True),
    sa.Column("decision_note", sa.Text, nullable=True),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),  # submitted | approved | rejected
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False),
    sa.Column("before", sa.Text, nullable=True),  # JSON of the current record, when there is one
    sa.Column("after", sa.Text, nullable=True),  # JSON of the proposed record
    sa.Column("note", sa.Text, nullable=False, default=""),
)


def _migration_1(connection: Connection) -> None:
    for table in (submissions, audit):
        table.create(connection, checkfirst=True)


# Ordered migrations: MIGRATIONS[n - 1] brings the schema to version n. Append, never edit.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migration_1,)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """A store operation that cannot be done (shown to the user, not a traceback)."""


@dataclass(frozen=True)
class Submission:
    """One stored submission."""

    id: int
    kind: str
    target: str
    payload: dict[str, str]
    status: str
    submitter: str
    submitted_at: str
    decided_at: str | None = None
    decided_by: str | None = None
    decision_note: str | None = None


def now() -> str:
    """The current UTC time as an ISO 8601 string (sortable, same in every database)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def user_data_dir() -> Path:
    """The platform's per-user application-data directory for lermap (never inside the package)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "lermap"


def store_dir() -> Path:
    """Where the embedded SQLite store lives: $LERMAP_STORE_DIR or the user data directory."""
    return Path(os.environ.get(STORE_DIR_ENV) or user_data_dir())


def sqlite_url(directory: Path | None = None) -> str:
    """The SQLAlchemy URL of the embedded SQLite store."""
    return f"sqlite:///{(directory or store_dir()) / SQLITE_FILENAME}"


def store_url() -> str:
    """The store's URL from the environment: $LERMAP_DATABASE_URL, else the embedded SQLite file."""
    return os.environ.get(DATABASE_URL_ENV) or sqlite_url()


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres URLs (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def engine_options(url: str) -> dict:
    """create_engine keyword arguments suited to the database behind `url`."""
    if url.startswith("sqlite"):
        # Several Streamlit sessions (threads) share the engine; SQLite waits on a lock for 30 s.
        return {"connect_args": {"check_same_thread": False, "timeout": 30}}
    return {"pool_pre_ping": True}


def configure(engine: Engine) -> Engine:
    """Set per-connection options: for SQLite, WAL journal, foreign keys and a busy timeout."""
    if engine.dialect.name == "sqlite" and not getattr(engine, "_lermap_configured", False):

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        engine._lermap_configured = True  # type: ignore[attr-defined]
    return engine


def make_engine(url: str | None = None) -> Engine:
    """An engine on `url` (default: store_url()), configured and migrated."""
    url = normalise_url(url or store_url())
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = configure(sa.create_engine(url, **engine_options(url)))
    migrate(engine)
    return engine


def current_version(connection: Connection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    if not sa.inspect(connection).has_table("schema_version"):
        return 0
    return connection.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Create or upgrade the schema to SCHEMA_VERSION; returns the version. Safe to call often."""
    with engine.begin() as connection:
        schema_version.create(connection, checkfirst=True)
    for version in range(1, SCHEMA_VERSION + 1):
        try:
            with engine.begin() as connection:
                if current_version(connection) >= version:
                    continue
                MIGRATIONS[version - 1](connection)
                connection.execute(sa.insert(schema_version).values(version=version, applied_at=now()))
        except (sa.exc.IntegrityError, sa.exc.ProgrammingError):
            # Another process migrated at the same moment; its version row stands.
            with engine.connect() as connection:
                if current_version(connection) < version:
                    raise
    with engine.connect() as connection:
        return current_version(connection)


def _dump(record: dict[str, str] | None) -> str | None:
    return None if record is None else json.dumps(record, ensure_ascii=False, sort_keys=True)


def _insert(
    connection: Connection, kind: str, target: str, payload: dict[str, str], submitter: str, session: str
) -> int:
    if kind not in KINDS:
        raise StoreError(f"unknown kind of submission '{kind}'")
    stamp = now()
    result = connection.execute(
        sa.insert(submissions).values(
            kind=kind,
            target=target,
            payload=_dump(payload),
            status=PENDING,
            submitter=submitter,
            session_id=session,
            submitted_at=stamp,
        )
    )
    submission_id = int(result.inserted_primary_key[0])
    connection.execute(
        sa.insert(audit).values(
            at=stamp,
            actor=submitter or "anonymous",
            action="submitted",
            submission_id=submission_id,
            before=None,
            after=_dump(payload),
            note="",
        )
    )
    return submission_id


def submit(
    engine: Engine, kind: str, target: str, payload: dict[str, str], *, submitter: str = "", session: str = ""
) -> int:
    """Store one pending submission (and its audit row) in one transaction; returns its id."""
    with engine.begin() as connection:
        return _insert(connection, kind, target, payload, submitter, session)


def submit_many(
    engine: Engine, items: Iterable[tuple[str, str, dict[str, str]]], *, submitter: str = "", session: str = ""
) -> list[int]:
    """Store several (kind, target, payload) submissions atomically: all of them or none."""
    with engine.begin() as connection:
        return [_insert(connection, kind, target, payload, submitter, session) for kind, target, payload in items]


def _submission(row: sa.Row) -> Submission:
    return Submission(
        id=row.id,
        kind=row.kind,
        target=row.target,
        payload=json.loads(row.payload),
        status=row.status,
        submitter=row.submitter,
        submitted_at=row.submitted_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        decision_note=row.decision_note,
    )


def list_submissions(engine: Engine, status: str | None = None) -> list[Submission]:
    """Submissions in the order they arrived, optionally only those with `status`."""
    query = sa.select(submissions).order_by(submissions.c.id)
    if status is not None:
        query = query.where(submissions.c.status == status)
    with engine.connect() as connection:
        return [_submission(row) for row in connection.execute(query)]


def approved(engine: Engine) -> list[Submission]:
    """Approved submissions, in order of approval (so a later correction wins)."""
    query = (
        sa.select(submissions)
        .where(submissions.c.status == APPROVED)
        .order_by(submissions.c.decided_at, submissions.c.id)
    )
    with engine.connect() as connection:
        return [_submission(row) for row in connection.execute(query)]


def get(engine: Engine, submission_id: int) -> Submission:
    """One submission by id."""
    with engine.connect() as connection:
        row = connection.execute(sa.select(submissions).where(submissions.c.id == submission_id)).first()
    if row is None:
        raise StoreError(f"no submission #{submission_id}")
    return _submission(row)


def decide(
    engine: Engine,
    submission_id: int,
    *,
    approve: bool,
    actor: str,
    note: str = "",
    before: dict[str, str] | None = None,
) -> Submission:
    """Approve or reject a pending submission, with an audit row holding before and after."""
    status = APPROVED if approve else REJECTED
    stamp = now()
    with engine.begin() as connection:
        row = connection.execute(sa.select(submissions).where(submissions.c.id == submission_id)).first()
        if row is None:
            raise StoreError(f"no submission #{submission_id}")
        # The status condition makes a double decision (two admins at once) a no-op for the second.
        updated = connection.execute(
            sa.update(submissions)
            .where(submissions.c.id == submission_id, submissions.c.status == PENDING)
            .values(status=status, decided_at=stamp, decided_by=actor, decision_note=note)
        )
        if updated.rowcount != 1:
            raise StoreError(f"submission #{submission_id} was already {row.status}")
        connection.execute(
            sa.insert(audit).values(
                at=stamp,
                actor=actor,
                action=status,
                submission_id=submission_id,
                before=_dump(before),
                after=row.payload,
                note=note,
            )
        )
    return get(engine, submission_id)


def audit_log(engine: Engine, limit: int = 200) -> list[dict]:
    """The latest audit rows, newest first."""
    query = sa.select(audit).order_by(audit.c.id.desc()).limit(limit)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def latest_approval(engine: Engine) -> int:
    """The id of the latest approval in the audit table (0 if none): a cache key for the map."""
    query = sa.select(sa.func.max(audit.c.id)).where(audit.c.action == APPROVED)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def count(engine: Engine, status: str | None = None) -> int:
    """How many submissions there are (with `status`, if given)."""
    query = sa.select(sa.func.count()).select_from(submissions)
    if status is not None:
        query = query.where(submissions.c.status == status)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)

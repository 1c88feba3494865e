"""The tables, and the schema made or brought up to date when a store opens.

``schema_version`` holds one row: the version of the tables below. ``migrate`` runs in one
transaction that only one process at a time can hold (PostgreSQL: an advisory lock; SQLite:
``BEGIN IMMEDIATE``), so replicas starting together neither race nor half-migrate: it creates
what is missing, then applies each step in ``STEPS`` after the version found. A database made
by a newer version of this code is refused, never changed.

- ``classes``: one per class: join ``code``, SHA-256 of the teacher's secret, what its next
  round asks (``asked``, JSON: question id, the view's settings, answer form, a number's
  range), created and expiry times (seconds since 1970, UTC).
- ``rounds``: a class's rounds, numbered 1, 2, ...: what the round asks (its question id, and
  ``asked`` as above) and its state
  (open -> closed -> revealed) with the times it changed.
- ``answers``: one per (round, session): the session's anonymous id, the canonical answer text
  (and its number for a number question), when it was last given and how often it changed.
- ``rate``: per (class, session) a fixed 10-second window and the answers in it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    CheckConstraint, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint, select, text,
)
from sqlalchemy.engine import Connection

from class_store.errors import StoreUnavailable

SCHEMA_VERSION = 1
ADVISORY_LOCK = 7_225_025  # PostgreSQL: the one lock every replica takes to migrate (issue 25)

metadata = MetaData()

schema_version = Table(
    "gd_schema_version", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)

classes = Table(
    "gd_classes", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("asked", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
)

rounds = Table(
    "gd_rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("class_id", Integer, ForeignKey("gd_classes.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("question_id", String(80), nullable=False),
    Column("asked", Text, nullable=False),
    Column("state", String(10), nullable=False),
    Column("opened_at", Float, nullable=False),
    Column("closed_at", Float),
    Column("revealed_at", Float),
    UniqueConstraint("class_id", "number", name="gd_rounds_class_number"),
    CheckConstraint("state IN ('open', 'closed', 'revealed')", name="gd_rounds_state"),
)

answers = Table(
    "gd_answers", metadata,
    Column("round_id", Integer, ForeignKey("gd_rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", String(64), primary_key=True),
    Column("class_id", Integer, ForeignKey("gd_classes.id", ondelete="CASCADE"), nullable=False),
    Column("value", String(400), nullable=False),
    Column("number", Float),
    Column("answered_at", Float, nullable=False),
    Column("first_at", Float, nullable=False),
    Column("changes", Integer, nullable=False),
    Index("gd_answers_class", "class_id"),
)

rate = Table(
    "gd_rate", metadata,
    Column("class_id", Integer, ForeignKey("gd_classes.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", String(64), primary_key=True),
    Column("window_start", Float, nullable=False),
    Column("hits", Integer, nullable=False),
)

# Version n-1 -> n, for n = 2, 3, ...: add the step here and raise SCHEMA_VERSION.
STEPS: dict[int, Callable[[Connection], None]] = {}


def migrate(conn: Connection, target: int = SCHEMA_VERSION, steps: dict[int, Callable[[Connection], None]] | None = None) -> int:
    """Create or bring the schema to ``target`` inside the caller's transaction; return the
    version found before (0 for an empty database). StoreUnavailable for a newer database."""
    steps = STEPS if steps is None else steps
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
    schema_version.create(conn, checkfirst=True)
    found = conn.execute(select(schema_version.c.version).where(schema_version.c.id == 1)).scalar()
    if found is None:
        metadata.create_all(conn, checkfirst=True)  # the current tables, in one go
        conn.execute(schema_version.insert().values(id=1, version=target))
        return 0
    if found > target:
        raise StoreUnavailable(
            f"The class database was made by a newer version of this app (schema {found}; this one knows {target}). Update the app."
        )
    for version in range(found + 1, target + 1):
        steps[version](conn)
    if found != target:
        conn.execute(schema_version.update().where(schema_version.c.id == 1).values(version=target))
    return int(found)

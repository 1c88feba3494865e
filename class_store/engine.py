"""Where the classes are kept, and a database engine set up for several replicas at once.

``GD_DATABASE_URL`` names the database (``postgresql+psycopg://user:password@host:5432/db``
for several machines). Without it, a SQLite file ``classes.sqlite3`` in ``GD_DATA_DIR``
(default: ``var/`` in the app's folder), made with its folder, both readable by their owner only.

SQLite, shared by the replicas of one machine: WAL journal (readers never wait for a writer),
``synchronous=NORMAL`` (a committed answer survives any replica's death; only a power cut may
lose the last moment), a busy timeout (a writer waits for another instead of failing), and every
writing transaction opened with ``BEGIN IMMEDIATE`` (it takes the write lock first, so two
replicas never both read, then both fail to write). PostgreSQL: a pre-pinged pool, a connect
timeout and lock and statement timeouts, so a stuck database is an error, never a frozen page.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from class_store.errors import StoreUnavailable

DATABASE_URL = "GD_DATABASE_URL"
DATA_DIR = "GD_DATA_DIR"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "var"
SQLITE_FILE = "classes.sqlite3"
BUSY_TIMEOUT_S = 10.0  # SQLite: how long a writer waits for another replica's write
LOCK_TIMEOUT_MS = 5000  # PostgreSQL: how long a statement waits for a lock
STATEMENT_TIMEOUT_MS = 10000
READ_ONLY = "gd_read_only"  # execution option: a SQLite transaction that only reads (plain BEGIN)


def database_url(environ: dict[str, str] | None = None) -> str:
    """The database this process uses: ``GD_DATABASE_URL``, else the SQLite file in the data folder."""
    env = os.environ if environ is None else environ
    given = env.get(DATABASE_URL, "").strip()
    if given:
        return given
    folder = Path(env.get(DATA_DIR, "").strip() or DEFAULT_DIR)
    return str(URL.create("sqlite", database=str((folder / SQLITE_FILE).resolve())))


def shown_url(url: str) -> str:
    """The URL with its password hidden, for a log or a message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def make_engine(url: str) -> Engine:
    """An engine for ``url``, set up as this module's docstring says; StoreUnavailable for a
    URL that is neither SQLite nor PostgreSQL or that cannot be read."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(f"{DATABASE_URL} is not a database URL; write it as postgresql+psycopg://user:password@host:5432/name.") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite(parsed)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername != "postgresql+psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver installed
        return create_engine(
            parsed, pool_size=10, max_overflow=10, pool_pre_ping=True, pool_recycle=1800,  # 10 kept: a rush does not pay a login per answer
            connect_args={"connect_timeout": 5, "options": f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS}"},
        )
    raise StoreUnavailable(f"The class store works with SQLite or PostgreSQL, not {parsed.get_backend_name()}.")


def _sqlite(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(url.database, os.O_CREAT | os.O_RDWR, 0o600))  # the owner's only (SQLite gives its -wal, -shm files the same)
        except OSError as error:
            raise StoreUnavailable(f"The class database cannot be opened: its folder {folder} cannot be made ({error.strerror}). Set GD_DATA_DIR to a folder the app may write.") from None
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # the driver opens no transaction: "begin" below does
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        _wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine


def _wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to the WAL journal (kept in the file, so later connections find it set).

    While another connection makes the same switch, SQLite answers "database is locked" at
    once, without waiting on the busy timeout; replicas starting together on a new file do
    that. So the switch is tried again, 5 ms, 10 ms, ... up to 100 ms apart, for as long as
    the busy timeout, before the error is let through."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(2 * pause, 0.1)

"""A real PostgreSQL server for the tests: Debian's `postgresql` package, started in a temporary
folder on 127.0.0.1 at a free port and stopped by the test that started it.

``initdb`` makes a cluster in a new folder (its own superuser ``gd`` with a random password,
SCRAM authentication), ``pg_ctl`` starts it listening on 127.0.0.1 only, with its unix socket in
that folder, and stops it (``-m fast``) at the end; the folder is then deleted. PostgreSQL
refuses to run as root: as root, the server runs as the ``postgres`` user Debian's package makes
(through ``runuser``), and the folder is given to that user. Durability is off (``fsync=off``):
a test's database is thrown away.

    with PostgresServer.start() as server:
        url = server.empty_database()   # postgresql+psycopg://gd:...@127.0.0.1:PORT/gd_tests, no tables
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

START_WITHIN_S = 60


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder (/usr/lib/postgresql/<version>/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    bin: Path
    folder: Path
    port: int
    password: str
    as_user: list[str]
    databases: int = field(default=0)

    @classmethod
    def start(cls) -> PostgresServer:
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise FileNotFoundError("no PostgreSQL found in /usr/lib/postgresql (apt-get install postgresql)")
        folder = Path(tempfile.mkdtemp(prefix="gd-pg-"))
        as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(folder, user.pw_uid, user.pw_gid)
            as_user = ["runuser", "-u", "postgres", "--"]
        password = secrets.token_urlsafe(16)
        server = cls(bin_dir, folder, _free_port(), password, as_user)
        try:
            server._init_and_run()
        except BaseException:
            server.stop()
            raise
        return server

    def _run(self, *argv: str, **options: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.as_user, *argv], check=True, capture_output=True, text=True, timeout=START_WITHIN_S, **options)  # type: ignore[call-overload]

    def _init_and_run(self) -> None:
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n")
        if self.as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        pwfile.chmod(0o600)
        data = self.folder / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "gd", f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-sync", "--locale=C")
        pwfile.unlink()
        self._pg_ctl("start")

    def _pg_ctl(self, action: str) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        data = self.folder / "data"
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-o", options, "-m", "fast", "-w", "-t", str(START_WITHIN_S), action)
        except subprocess.CalledProcessError as error:
            raise RuntimeError(f"PostgreSQL did not {action}: {error.stderr}\n{self.log()[-2000:]}") from None

    def restart(self) -> None:
        """Stop the server (its connections cut) and start it again on the same port and data."""
        self._pg_ctl("restart")

    def log(self) -> str:
        path = self.folder / "log"
        return path.read_text(errors="replace") if path.exists() else ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://gd:{self.password}@127.0.0.1:{self.port}/{database}"

    def _execute(self, database: str, *statements: str) -> None:
        import psycopg  # noqa: PLC0415 - only the PostgreSQL tests need it

        with psycopg.connect(host="127.0.0.1", port=self.port, user="gd", password=self.password, dbname=database, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A new database on the server; its URL. (Each copies template1, some 7 MB of files:
        ``empty_database`` is the cheap way to a clean slate.)"""
        self.databases += 1
        name = f"gd_{self.databases}"
        self._execute("postgres", f"CREATE DATABASE {name}")
        return self.url(name)

    def empty_database(self) -> str:
        """The URL of the database ``gd_tests``, emptied: its public schema dropped and made
        anew, every table gone (whoever used it before must have closed its connections)."""
        if not self.__dict__.get("_tests_made"):
            self._execute("postgres", "CREATE DATABASE gd_tests")
            self.__dict__["_tests_made"] = True
        self._execute("gd_tests", "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
        return self.url("gd_tests")

    def stop(self) -> None:
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


if __name__ == "__main__":
    t0 = time.monotonic()
    with PostgresServer.start() as server:
        print("started in", round(time.monotonic() - t0, 2), "s:", server.url().replace(server.password, "***"))
        print(server.new_database().replace(server.password, "***"))
    print("stopped; total", round(time.monotonic() - t0, 2), "s")

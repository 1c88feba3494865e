"""One command for a lecture hall: N `streamlit run` replicas behind HAProxy, sticky sessions.

    python deploy/serve.py --replicas 2 --port 8500

Starts N replicas of streamlit_app.py on 127.0.0.1 at ports port+1 .. port+N (only the proxy
faces the class), all with one cookie secret; waits until each answers /_stcore/health; then
runs haproxy in the foreground on --address:--port with deploy/haproxy.cfg filled in. Ctrl-C or
SIGTERM stops them all together, and so does any one of them exiting. Arguments after ``--``
go to every ``streamlit run`` (e.g. ``-- --server.disconnectedSessionTTL 60``).

The cookie secret is STREAMLIT_SERVER_COOKIE_SECRET if set, else a new one per launch; it is
handed to the replicas in their environment, not on a command line every local user can read.

The class store (class_store/, issue 25): ``--database-url`` or GD_DATABASE_URL, else the SQLite
file in GD_DATA_DIR (default var/). serve.py opens it once before the replicas start (creating or
migrating its schema, and saying so if it cannot), then hands every replica the same
GD_DATABASE_URL in its environment, so all of them share one store.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg")
READY_WITHIN_SECONDS = 90
STOP_WITHIN_SECONDS = 15


class Stop(Exception):
    """SIGTERM or SIGHUP arrived: stop everything, as Ctrl-C does."""


def _raise_stop(_signum: int, _frame: object) -> None:
    raise Stop()


def haproxy_path() -> str | None:
    """Debian puts haproxy in /usr/sbin, which is not on every user's PATH."""
    found = shutil.which("haproxy")
    if found is None and os.access("/usr/sbin/haproxy", os.X_OK):
        found = "/usr/sbin/haproxy"
    return found


def render_config(bind: str, replica_ports: list[int]) -> str:
    """deploy/haproxy.cfg with the proxy's address:port and one server line per replica.

    >>> print(render_config("127.0.0.1:8500", [8501, 8502]).splitlines()[-1])
        server r2 127.0.0.1:8502 cookie r2
    """
    servers = "\n".join(
        f"    server r{k} 127.0.0.1:{port} cookie r{k}" for k, port in enumerate(replica_ports, start=1)
    )
    return string.Template(TEMPLATE.read_text()).substitute(bind=bind, servers=servers)


def _die_with_parent() -> None:
    # Runs in each child before exec: if serve.py itself is killed outright (SIGKILL, so its
    # own clean-up never runs), Linux sends the child SIGTERM instead of leaving it running.
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM))
    except (OSError, AttributeError):  # not Linux: the process group below still applies
        pass


class ProcessGroup:
    """Child processes in one process group of their own, stopped together within a bound."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, argv: list[str], **popen: object) -> subprocess.Popen[bytes]:
        # The first child leads a new group; the others join it. Not serve.py's own group, so
        # that stopping them never signals the shell or test that started serve.py.
        group = self.children[0][1].pid if self.children else 0
        proc = subprocess.Popen(  # type: ignore[call-overload]
            argv, stdin=subprocess.DEVNULL, process_group=group, preexec_fn=_die_with_parent, **popen,  # noqa: PLW1509 - no threads here
        )
        self.children.append((name, proc))
        return proc

    def exited(self) -> list[tuple[str, int]]:
        return [(name, proc.returncode) for name, proc in self.children if proc.poll() is not None]

    def stop(self) -> None:
        if not self.children:
            return
        group = self.children[0][1].pid
        self._signal(group, signal.SIGTERM)
        deadline = time.monotonic() + STOP_WITHIN_SECONDS
        for _, proc in self.children:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        if any(proc.poll() is None for _, proc in self.children):
            self._signal(group, signal.SIGKILL)
            for _, proc in self.children:
                proc.wait(timeout=5)

    @staticmethod
    def _signal(group: int, signum: int) -> None:
        try:
            os.killpg(group, signum)
        except ProcessLookupError:  # every member has exited already
            pass


def answers_health(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_ready(group: ProcessGroup, urls: dict[str, str]) -> None:
    """Wait until every url answers its health check; fail if a child exits or time runs out."""
    waiting = dict(urls)
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while waiting:
        if group.exited():
            name, code = group.exited()[0]
            raise SystemExit(f"serve.py: {name} exited with code {code} before it was ready (port in use?)")
        if time.monotonic() > deadline:
            raise SystemExit(f"serve.py: {', '.join(waiting)} not ready within {READY_WITHIN_SECONDS} s")
        waiting = {name: url for name, url in waiting.items() if not answers_health(url)}
        if waiting:
            time.sleep(0.3)


def http_url(host: str, port: int) -> str:
    # What to connect to for a bind address: a wildcard bind is reached on loopback.
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def class_database(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The class store's URL every replica gets: ``given``, else GD_DATABASE_URL, else the SQLite
    file as an absolute path; opened once here (schema made or migrated) so that a wrong URL or
    a database that is down stops serve.py with the store's message, before any replica starts."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from class_store import ClassStoreError, database_url, open_store  # noqa: PLC0415 - deploy/ is run as a script

    url = given or database_url(dict(os.environ if environ is None else environ))
    try:
        open_store(url).close()
    except ClassStoreError as error:
        raise SystemExit(f"serve.py: {error}") from None
    return url


def replica_environment(environ: Mapping[str, str], database: str | None) -> dict[str, str]:
    """Every replica's environment: serve.py's own, one cookie secret, and the one class store."""
    env = {**environ, "STREAMLIT_SERVER_COOKIE_SECRET": environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)}
    env["GD_DATABASE_URL"] = class_database(database, env)
    return env


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="Streamlit processes (default: one per core)")
    parser.add_argument("--port", type=int, default=8500, help="the port the class connects to (HAProxy)")
    parser.add_argument("--address", default="127.0.0.1", help="HAProxy's bind address (0.0.0.0 for the network)")
    parser.add_argument("--replica-port", type=int, help="first replica's port (default: --port + 1); the others follow")
    parser.add_argument("--database-url", help="the class store's database (default: GD_DATABASE_URL, else var/classes.sqlite3)")
    parser.add_argument("--print-config", action="store_true", help="print the HAProxy config and exit")
    parser.add_argument("streamlit_args", nargs="*", help="after --: extra `streamlit run` arguments for every replica")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    first = args.replica_port or args.port + 1
    replica_ports = list(range(first, first + args.replicas))
    bind = f"[{args.address}]:{args.port}" if ":" in args.address else f"{args.address}:{args.port}"
    config = render_config(bind, replica_ports)
    if args.print_config:
        print(config)
        return 0
    haproxy = haproxy_path()
    if haproxy is None:
        raise SystemExit("serve.py: haproxy not found (Debian: apt-get install haproxy)")

    env = replica_environment(os.environ, args.database_url)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_stop)
    group = ProcessGroup()
    code = 0
    with tempfile.TemporaryDirectory(prefix="gd-haproxy-") as tmp:
        config_path = Path(tmp) / "haproxy.cfg"
        config_path.write_text(config)
        try:
            for k, port in enumerate(replica_ports, start=1):
                group.start(
                    f"replica r{k}",
                    [
                        sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
                        "--server.headless", "true", "--server.address", "127.0.0.1",
                        "--server.port", str(port), *args.streamlit_args,
                    ],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                )
            wait_until_ready(group, {f"replica r{k}": http_url("127.0.0.1", port) for k, port in enumerate(replica_ports, 1)})
            # -db: stay in the foreground, as a child of serve.py, logging to its stdout.
            group.start("haproxy", [haproxy, "-db", "-f", str(config_path)])
            url = http_url(args.address, args.port)
            wait_until_ready(group, {"haproxy": url})
            replicas = ", ".join(f"127.0.0.1:{port}" for port in replica_ports)
            print(f"Serving {url} : Streamlit on {replicas} behind HAProxy. Ctrl-C stops them all.", flush=True)
            while not group.exited():
                time.sleep(0.5)
            name, exit_code = group.exited()[0]
            print(f"serve.py: {name} exited with code {exit_code}; stopping the others", file=sys.stderr, flush=True)
            code = 1
        except (KeyboardInterrupt, Stop):
            pass
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(signum, signal.SIG_IGN)  # the stop below is bounded; let it finish
            group.stop()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

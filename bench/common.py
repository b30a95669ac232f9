"""Shared helpers for bench/run.py and bench/resilience.py: gunicorn, wrk, HTTP on loopback."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
HOST = "127.0.0.1"


class BenchError(Exception):
    """A precondition failed; the message says what to do."""


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        raise BenchError(
            "wrk is not installed. Install it with: apt-get install -y wrk "
            "(Debian/Ubuntu; on macOS: brew install wrk), then run this script again."
        )
    return wrk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def bench_env(**extra: str) -> dict[str, str]:
    """Production settings on plain HTTP over loopback, with a fresh secret key."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        DEBUG="false",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn with the project's gunicorn.conf.py, on loopback, in its own process group."""
    handle = log.open("ab")
    proc = subprocess.Popen(
        [
            GUNICORN,
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{port}",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
            "ontmoeting.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"gunicorn exited with {proc.returncode}; see {log}")
        try:
            if http_get(port, "/healthz", timeout=2)[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    stop_process(proc)
    raise BenchError(f"gunicorn did not answer /healthz within 90 s; see {log}")


def stop_process(proc: subprocess.Popen | None, timeout: float = 25) -> None:
    """Stop a process we started (and its process group, which only it created)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


def http_get(port: int, path: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": HOST, "Connection": "close"})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        return float("nan")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str) -> dict:
    result: dict = {"latency_ms": {}}
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.M):
        result["latency_ms"][f"p{pct}"] = round(_ms(value), 3)
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["requests_per_s"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result["requests"] = int(match.group(1))
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx_3xx"] = int(match.group(1)) if match else 0
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True))
        if match
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    )
    if match := re.search(r"^STATUS (.*)$", output, re.M):
        result["status_counts"] = {
            k: int(v) for k, v in (item.split("=") for item in match.group(1).split())
        }
    return result


def wrk_command(
    url: str, duration: float, connections: int, threads: int = 2, script: Path | None = None
) -> list[str]:
    command = [
        require_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, int(duration))}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        f"Host: {HOST}",
        # As every browser sends it: public answers are kept gzipped as well.
        "-H",
        "Accept-Encoding: gzip, deflate, br",
    ]
    if script:
        command += ["-s", str(script)]
    return [*command, url]


def run_wrk(url: str, duration: float, connections: int, **kwargs) -> dict:
    command = wrk_command(url, duration, connections, **kwargs)
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    if result.returncode:
        raise BenchError(f"wrk failed: {result.stderr.strip() or result.stdout.strip()}")
    parsed = parse_wrk(result.stdout)
    parsed["raw"] = result.stdout
    return parsed


# A wrk script that spreads requests over several paths and counts the status codes.
MIX_LUA = """
local paths = {%s}
local counter = 0
counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, k .. "=" .. v) end
  io.write("STATUS " .. table.concat(parts, " ") .. "\\n")
end
"""


def write_mix_script(paths: list[str], directory: Path) -> Path:
    script = directory / "mix.lua"
    script.write_text(MIX_LUA % ", ".join(f'"{p}"' for p in paths))
    return script


# --- A small cookie-keeping HTTP client (for the admin writer in bench/resilience.py) -------

CSRF_FIELD_RE = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


def csrf_token_from_form(html: bytes) -> str | None:
    """The ``csrfmiddlewaretoken`` of the first form in a page, as a browser would send it."""
    match = CSRF_FIELD_RE.search(html.decode("utf-8", "replace"))
    return match.group(1) if match else None


def http_request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request on a fresh loopback connection; the headers come back as a list (so that
    repeated ones such as Set-Cookie are all there), names in lower case."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={"Host": HOST, "Connection": "close", **(headers or {})},
        )
        response = conn.getresponse()
        return (
            response.status,
            [(k.lower(), v) for k, v in response.getheaders()],
            response.read(),
        )
    finally:
        conn.close()


class CookieSession:
    """Just enough of a browser for a Django form on loopback: it keeps cookies (ignoring the
    ``Secure`` flag, since the bench serves plain HTTP) and posts url-encoded forms."""

    def __init__(self, port: int, timeout: float = 10):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}

    def _remember(self, headers: list[tuple[str, str]]) -> None:
        from http.cookies import SimpleCookie

        for name, value in headers:
            if name != "set-cookie":
                continue
            jar = SimpleCookie()
            jar.load(value)
            for key, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        from urllib.parse import urlencode

        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, header_list, content = http_request(
            self.port, method, path, body=body, headers=headers, timeout=self.timeout
        )
        self._remember(header_list)
        return status, dict(header_list), content

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        return self.request("POST", path, form)

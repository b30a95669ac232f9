"""The database outage under load: wrk keeps loading the pages, a probe asks them one at a
time, PostgreSQL is stopped and started again; how visitors were answered and how soon the
pages were back."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

from bench.common import HOST, http_get, parse_wrk, stop_process, wrk_command
from bench.resilience_checks.postgres import Postgres

RECOVERY_TARGET_S = 5.0


class Probe(threading.Thread):
    """Asks the pages one at a time and records (time, path, status, friendly 503, traceback)."""

    def __init__(self, port: int, paths: list[str], interval: float = 0.1):
        super().__init__(daemon=True)
        self.port, self.paths, self.interval = port, paths, interval
        self.records: list[dict] = []
        self.stop_event = threading.Event()

    def run(self) -> None:
        i = 0
        while not self.stop_event.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            at = time.monotonic()
            try:
                status, headers, body = http_get(self.port, path, timeout=10)
                text = body.decode("utf-8", "replace")
                self.records.append(
                    {
                        "t": at,
                        "path": path,
                        "status": status,
                        "friendly_503": status == 503
                        and "retry-after" in headers
                        and "text/html" in headers.get("content-type", ""),
                        "traceback": "Traceback" in text,
                    }
                )
            except OSError as exc:
                self.records.append({"t": at, "path": path, "status": None, "error": repr(exc)})
            self.stop_event.wait(self.interval)


def ok(record: dict) -> bool:
    return record["status"] is not None and 200 <= record["status"] < 400


def outage_run(
    port: int, pg: Postgres, paths: list[str], script: Path, args, marks: dict | None = None
) -> dict:
    """The outage under load; ``marks`` (if given) gets the moments the database stopped and
    came back (time.monotonic), for the admin writer's records."""
    load_seconds = args.settle_seconds * 2 + args.outage_seconds + RECOVERY_TARGET_S + 15
    wrk = subprocess.Popen(
        wrk_command(f"http://{HOST}:{port}/", load_seconds, args.outage_connections, script=script),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    probe = Probe(port, paths)
    try:
        probe.start()
        time.sleep(args.settle_seconds)
        t_stop = time.monotonic()
        pg.stop()
        t_down = time.monotonic()
        time.sleep(args.outage_seconds)
        t_restart = time.monotonic()
        pg.start()
        t_up = time.monotonic()
        if marks is not None:
            marks.update(t_stop=t_stop, t_down=t_down, t_restart=t_restart, t_up=t_up)
        time.sleep(RECOVERY_TARGET_S + args.settle_seconds + 10)
        probe.stop_event.set()
        probe.join(15)
        wrk_out, _ = wrk.communicate(timeout=load_seconds + 60)
    finally:
        probe.stop_event.set()
        stop_process(wrk)
    during = [r for r in probe.records if t_down + 0.5 <= r["t"] <= t_restart]
    after = [r for r in probe.records if r["t"] >= t_up]
    bad_after = [r for r in after if not ok(r)]
    recovered_at = max((r["t"] for r in bad_after), default=t_up)
    later = [r for r in after if r["t"] > recovered_at]
    recovered = bool(later) and all(ok(r) for r in later)
    recovery_s = round(max(0.0, recovered_at - t_up), 2) if recovered else None

    def statuses(records):
        counts: dict[str, int] = {}
        for r in records:
            key = str(r["status"]) if r["status"] is not None else "connection error"
            counts[key] = counts.get(key, 0) + 1
        return counts

    unfriendly = [
        r for r in during if (not ok(r) and not r.get("friendly_503")) or r.get("traceback")
    ]
    return {
        "outage_seconds": round(t_restart - t_down, 2),
        "stop_took_s": round(t_down - t_stop, 2),
        "start_took_s": round(t_up - t_restart, 2),
        "probe_statuses_before": statuses([r for r in probe.records if r["t"] < t_stop]),
        "probe_statuses_during": statuses(during),
        "probe_statuses_after": statuses(after),
        "unfriendly_during": unfriendly[:10],
        "friendly_503_during": all(r.get("friendly_503") or ok(r) for r in during)
        and any(r.get("friendly_503") for r in during)
        and not any(r.get("traceback") for r in probe.records),
        "recovery_s": recovery_s,
        "recovered_within_target": recovery_s is not None and recovery_s <= RECOVERY_TARGET_S,
        "wrk": parse_wrk(wrk_out or ""),
    }

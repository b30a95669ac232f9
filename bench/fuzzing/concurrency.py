"""Requests at the same moment, on one gunicorn worker with threads and nothing cached, where
code that is not thread-safe breaks."""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import free_port, start_gunicorn, stop_process
from bench.fuzzing.gunicorn_log import tracebacks
from bench.fuzzing.sending import REQUEST_TIMEOUT, Runner, raw_get

# Answers made from the code and the data alone: the same bytes for everyone at any moment.
# (Pages say "open now" and "today", and are compared on their status.)
SAME_BYTES = {"api:docs", "api:schema"}


def burst(port: int, urls: dict[str, dict], size: int, threads: int) -> tuple[dict, list[dict]]:
    """Each URL without a query string, ``size`` times, ``threads`` requests released together
    (a barrier): per URL the statuses and how many different bodies came back; failures."""
    results, failures = {}, []
    size = -(-size // threads) * threads  # whole rounds: no request waits for a partner
    for name in sorted(urls):
        url = urls[name]
        barrier = threading.Barrier(threads)

        def one(_index, path=url["path"], barrier=barrier):
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=REQUEST_TIMEOUT)
            try:
                status, _headers, body = raw_get(port, path, REQUEST_TIMEOUT)
                return status, body, None
            except (OSError, http.client.HTTPException) as exc:
                return None, b"", repr(exc)

        with ThreadPoolExecutor(max_workers=threads) as pool:
            answers = list(pool.map(one, range(size)))
        statuses: dict[str, int] = {}
        for status, _body, _error in answers:
            key = str(status) if status is not None else "no answer"
            statuses[key] = statuses.get(key, 0) + 1
        bodies = {body for status, body, _error in answers if status == url["baseline_status"]}
        results[name] = {"statuses": statuses, "distinct_bodies": len(bodies)}
        problems = []
        if set(statuses) != {str(url["baseline_status"])}:
            problems.append(f"statuses {statuses}, alone {url['baseline_status']}")
        if name in SAME_BYTES and len(bodies) > 1:
            problems.append(f"{len(bodies)} different bodies")
        if problems:
            errors = sorted({error for _s, _b, error in answers if error})
            failures.append(
                {"url": name, "path": url["path"], "problems": problems, "errors": errors[:5]}
            )
    return results, failures


def threaded_phase(env: dict[str, str], urls: dict[str, dict], plan, args, tmp: Path) -> dict:
    """The URLs at the same moment, on one gunicorn worker with threads, nothing cached."""
    threaded_env = {
        **env,
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": str(args.gunicorn_threads),
        "CACHE_PUBLIC_ANSWERS": "false",
    }
    log = tmp / "gunicorn-threaded.log"
    port = free_port()
    proc = None
    print(
        f"At the same moment: 1 worker × {args.gunicorn_threads} threads, {args.burst} requests "
        f"per URL ({args.burst_threads} at once), then {args.threaded_count} query strings …",
        flush=True,
    )
    try:
        proc = start_gunicorn(threaded_env, port, log)
        started = time.monotonic()
        bursts, burst_failures = burst(port, urls, args.burst, args.burst_threads)
        runner = Runner(
            port,
            urls,
            plan[: args.threaded_count],
            args.burst_threads,
            time.monotonic() + args.max_seconds,
        )
        runner.run()
        seconds = round(time.monotonic() - started, 1)
    finally:
        stop_process(proc)
    statuses: dict[str, int] = {}
    for counts in runner.results.values():
        for key, n in counts.items():
            statuses[key] = statuses.get(key, 0) + n
    return {
        "config": {
            "workers": 1,
            "threads": args.gunicorn_threads,
            "burst": args.burst,
            "burst_threads": args.burst_threads,
            "threaded_count": args.threaded_count,
            "cache_public_answers": False,
        },
        "seconds": seconds,
        "bursts": bursts,
        "burst_failures": burst_failures,
        "sent": runner.sent,
        "statuses": dict(sorted(statuses.items())),
        "failures": runner.failures,
        "log_errors": tracebacks(log),
    }


def threaded_failures(threaded: dict) -> int:
    return len(threaded["burst_failures"]) + len(threaded["failures"])

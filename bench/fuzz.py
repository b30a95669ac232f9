"""Fuzz: random and hostile query strings over every public URL, through gunicorn.

    .venv/bin/python bench/fuzz.py [--count 10000] [--seed 2026] [--threads 8] [--max-seconds 600]
        [--gunicorn-threads 8] [--burst 32] [--burst-threads 8] [--threaded-count 1000]

Serves the portal with gunicorn and production settings on loopback, against the database
the settings select (``DATABASE_URL``, or the embedded server's ``EMBEDDED_POSTGRES_DB``,
by default the demo database ``ontmoeting`` that ``make run`` fills). The public URLs come
from the URLconf (in-process, with real slugs from the database); a URL that sends an
anonymous visitor to the login page is not public and is left out. Then it sends --count
query strings, made by a seeded generator, spread over those URLs by several threads:

- the filters' own parameter names (read from the FilterSets) and others the pages and the
  API read, with hostile values: very long, NUL and control characters, broken percent
  escapes, unicode (also lone surrogates and raw UTF-8 bytes), SQL- and HTML-ish text,
  huge and negative numbers, impossible dates and times, empty and whitespace; mixed with
  valid values, so that a bad value also meets the code paths behind a good one;
- repeated keys, array syntax (``kind[]=``, ``q[0]=``), keys without ``=``, odd separators;
- fully random bytes, percent-encoded, and raw printable garbage;
- line breaks and other control characters inside values (a search "a\\nb" once broke the
  feeds' names), and the ends of the dates the portal accepts (ontmoeting/dates.py).

While it runs, the database holds rows on both ends of that range, added for the run and
removed afterwards (``--no-range-rows`` leaves the database alone): at the busiest place, a
one-off on 31 December 2099 23:00–00:00, a daily rule from 1 January 2000 to then with its
first and last dates cancelled, exceptions on both ends, and a title on two lines as saved
before the forms refused it. Their pages and feeds are fuzzed with the rest.

Then the same URLs are asked *at the same moment*, against a second gunicorn with one worker
of --gunicorn-threads threads and nothing cached (CACHE_PUBLIC_ANSWERS=false), where code
that is not thread-safe breaks (drf-spectacular's schema generator did, tfranzel/drf-
spectacular#1123): each URL --burst times without a query string, --burst-threads requests
released together, which must all answer as the URL did alone (the API docs and schema with
the same bytes); then the first --threaded-count of the query strings above, by as many
threads.

Every answer with status 5xx, and every request the server did not answer (a worker that
died or timed out), is a failure: the report lists its URL, status and the start of the
body, and the tracebacks gunicorn's log holds. Writes bench/reports/fuzz.json and fuzz.md and
exits with 1 when there was a failure. Not part of the test suite (tests/ontmoeting/
test_fuzz_pages.py is its small, in-process counterpart). Loopback only; bounded by
--max-seconds (no new request after that).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BenchError, bench_env, free_port, manage, start_gunicorn, stop_process
from bench.fuzzing.concurrency import threaded_failures, threaded_phase
from bench.fuzzing.gunicorn_log import tracebacks
from bench.fuzzing.queries import QueryMaker, make_plan
from bench.fuzzing.range_rows import add_range_rows, range_urls, remove_range_rows
from bench.fuzzing.report import write_markdown
from bench.fuzzing.sending import Runner, baseline
from bench.fuzzing.targets import candidate_urls, filter_keys, pick_objects, real_values

OUT_DIR = Path(__file__).resolve().parent / "reports"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--max-seconds", type=float, default=600, help="no new request after this many seconds"
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", 0)))
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--no-range-rows",
        action="store_true",
        help="do not add rows on both ends of the date range for the run",
    )
    parser.add_argument(
        "--gunicorn-threads", type=int, default=8, help="threads of the one worker, second part"
    )
    parser.add_argument("--burst", type=int, default=32, help="requests per URL at once")
    parser.add_argument("--burst-threads", type=int, default=8, help="requests released together")
    parser.add_argument(
        "--threaded-count", type=int, default=1000, help="query strings sent to the threaded server"
    )
    args = parser.parse_args()

    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    env = bench_env(GUNICORN_WORKERS=str(workers))
    print("collectstatic …", flush=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, connections

    database = connection.settings_dict["NAME"]
    left_behind = remove_range_rows()
    if left_behind:
        print(f"removed {left_behind} activities a killed run left behind", flush=True)
    objects = pick_objects()
    urls, skipped = candidate_urls(objects)
    keys, values = filter_keys(), real_values()
    range_slugs = [] if args.no_range_rows else add_range_rows(objects["place"])
    urls.update(range_urls(range_slugs))
    connections.close_all()

    report: dict = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "config": {
            "count": args.count,
            "seed": args.seed,
            "threads": args.threads,
            "workers": workers,
            "max_seconds": args.max_seconds,
            "database": database,
        },
        "objects": objects,
        "range_rows": range_slugs,
        "skipped": skipped,
    }
    port = free_port()
    proc = None
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        log = Path(tmp) / "gunicorn.log"
        try:
            proc = start_gunicorn(env, port, log)
            baseline_failures: list[dict] = []
            report["not_public"] = baseline(port, urls, baseline_failures)
            report["urls"] = urls
            print(
                f"{len(urls)} public URLs ({len(report['not_public'])} need a login, "
                f"{len(skipped)} could not be filled); making {args.count} query strings …",
                flush=True,
            )
            plan = make_plan(urls, QueryMaker(args.seed, keys, values), args.count)
            runner = Runner(port, urls, plan, args.threads, time.monotonic() + args.max_seconds)
            runner.failures.extend(baseline_failures)
            report["seconds"] = round(runner.run(), 1)
            stop_process(proc)
            # Before the range rows go: their pages are among the URLs asked at once.
            report["threaded"] = threaded_phase(env, urls, plan, args, Path(tmp))
        finally:
            stop_process(proc)
            if range_slugs:
                remove_range_rows()
                connections.close_all()
        report["log_errors"] = tracebacks(log)
    statuses: dict[str, int] = {}
    for counts in runner.results.values():
        for key, n in counts.items():
            statuses[key] = statuses.get(key, 0) + n
    report.update(
        sent=runner.sent,
        statuses=dict(sorted(statuses.items())),
        per_url=runner.results,
        answered_by_gunicorn=runner.by_gunicorn,
        answered_by_gunicorn_examples=runner.gunicorn_examples,
        failures=runner.failures,
        slow=runner.slow,
        type_changes=runner.type_changes[:50],
    )
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "fuzz.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    write_markdown(report, args.out_dir / "fuzz.md")
    print(
        f"\n{runner.sent} requests in {report['seconds']} s: {report['statuses']}; "
        f"{len(runner.failures)} failures (5xx or no answer)"
    )
    if runner.sent < args.count:
        print(f"  stopped after --max-seconds {args.max_seconds}: {runner.sent} of {args.count}")
    for failure in runner.failures[:10]:
        print(f"  {failure['status'] or failure['error']}: {failure['target'][:200]}")
    threaded = report["threaded"]
    print(
        f"At the same moment: {threaded_failures(threaded)} failures "
        f"({len(threaded['bursts'])} URLs in bursts, {threaded['sent']} query strings: "
        f"{threaded['statuses']})"
    )
    for failure in threaded["burst_failures"][:10]:
        print(f"  {failure['url']}: {'; '.join(failure['problems'])}")
    print(f"Reports: {args.out_dir / 'fuzz.md'}, {args.out_dir / 'fuzz.json'}")
    return 1 if runner.failures or threaded_failures(threaded) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        sys.exit(f"fuzz: {exc}")

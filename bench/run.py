"""Benchmark: gunicorn with production settings on loopback, loaded with wrk.

    EMBEDDED_POSTGRES_DB=ontmoeting_bench .venv/bin/python bench/run.py [--duration 10]

Compares each page's throughput to a bare Django view served by the same gunicorn in the
same run, counts the queries per page in-process, measures the GeoJSON response time and the
home page's gzipped transfer size, and writes bench/reports/report.json and report.md.
Not part of the test suite. Loopback only; every wrk run is bounded by --duration.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    HOST,
    BenchError,
    bench_env,
    free_port,
    http_get,
    manage,
    require_wrk,
    run_wrk,
    start_gunicorn,
    stop_process,
)
from bench.lighthouse import LighthouseUnavailable, lighthouse_scores
from bench.run_report import write_markdown
from bench.targets import evaluate

OUT_DIR = Path(__file__).resolve().parent / "reports"


def pick_urls() -> dict[str, str]:
    """The pages to load, chosen from the data in the database (in-process, Django set up)."""
    from django.db.models import Count

    from locaties.models import Location

    place = (
        Location.objects.published()
        .annotate(n=Count("activities"))
        .order_by("-n", "pk")
        .only("slug")
        .first()
    )
    if place is None:
        raise BenchError("No published place in the database: load data first (see README).")
    return {
        "bare": "/bench/bare",
        "home": "/",
        "place": f"/locaties/{place.slug}/",
        "agenda": "/activiteiten/",
        "agenda_search": "/activiteiten/?q=koffie&day=1&part=morning",
        "agenda_words": "/activiteiten/?q=koffie",
        "subscribe": "/activiteiten/abonneren/?q=koffie&day=1&part=morning",
        "geojson": "/locaties/kaart.geojson",
    }


def count_queries(urls: dict[str, str]) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    counts = {}
    for name, url in urls.items():
        runs = []
        for _ in range(2):  # cold (first in this process) and warm
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            runs.append(len(ctx.captured_queries))
        counts[name] = {"status": response.status_code, "cold": runs[0], "warm": runs[1]}
    return counts


def data_size() -> dict[str, int]:
    from activiteiten.models import Activity
    from locaties.models import Location

    return {"places": Location.objects.count(), "activities": Activity.objects.count()}


ASSET_RE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
STATIC_RE = re.compile(r"""["'(](/static/[^"'()\s]+)""")
CSS_URL_RE = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def home_transfer(port: int) -> dict:
    """HTML + CSS + JS + icons the home page references, each gzipped (level 6).

    Every same-site asset named in the HTML (src/href and any /static/ path, e.g. in data
    attributes), in the CSS (url(...)) and /static/ paths named in the JS; map tiles are
    external and not counted. An upper bound: Leaflet's CSS names images only some maps use.
    """
    status, _, html = http_get(port, "/")
    if status != 200:
        raise BenchError(f"Home page answered {status}")
    text = html.decode("utf-8", "replace")
    found: dict[str, None] = {}
    for match in ASSET_RE.findall(text) + STATIC_RE.findall(text):
        asset = match.startswith("/static/") or re.search(
            r"\.(css|js|png|svg|ico|webp|woff2?)$", match
        )
        if asset and match.startswith("/") and not match.startswith("//"):
            found.setdefault(match.split("#")[0])
    items = [{"url": "/", "bytes": len(html), "gzip": len(gzip.compress(html, 6))}]
    seen = {"/"}
    queue = list(found)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        status, _, body = http_get(port, url)
        if status != 200:
            items.append({"url": url, "status": status, "bytes": 0, "gzip": 0})
            continue
        items.append({"url": url, "bytes": len(body), "gzip": len(gzip.compress(body, 6))})
        path = url.split("?")[0]
        if path.endswith(".css"):
            for ref in CSS_URL_RE.findall(body.decode("utf-8", "replace")):
                if not ref.startswith(("data:", "http:", "https:", "//")):
                    queue.append(urljoin(path, ref).split("#")[0].split("?")[0])
        elif path.endswith(".js"):
            queue.extend(STATIC_RE.findall(body.decode("utf-8", "replace")))
    return {
        "total_gzip_bytes": sum(i["gzip"] for i in items),
        "total_bytes": sum(i["bytes"] for i in items),
        "items": items,
    }


def sequential_p50(port: int, url: str, n: int = 30) -> float:
    """Median response time of one client asking one request at a time (ms)."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        http_get(port, url)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def load_pass(env: dict[str, str], urls: dict[str, str], args, log: Path, *, extras: bool) -> dict:
    """Start gunicorn, time one request per URL, then load each URL with wrk.

    With ``extras``, also the GeoJSON p50, the home page's transfer size and Lighthouse.
    """
    port = free_port()
    result: dict = {}
    proc = None
    try:
        proc = start_gunicorn(env, port, log)
        base = f"http://{HOST}:{port}"
        single, statuses, sizes = {}, {}, {}
        for name, url in urls.items():
            start = time.perf_counter()
            status, _headers, body = http_get(port, url, timeout=180)
            single[name] = round(time.perf_counter() - start, 3)
            statuses[name] = status
            sizes[name] = {"bytes": len(body), "gzip": len(gzip.compress(body, 6))}
            if name in ("bare", "home") and status != 200:
                raise BenchError(f"{name} ({url}) answered {status}, not 200")
        result["single_request_s"] = single
        result["single_request_status"] = statuses
        result["answer_size"] = sizes
        result["load"] = {}
        for name, url in urls.items():
            if single[name] > args.max_page_seconds or statuses[name] != 200:
                # Loading it would only queue requests for minutes and spoil the next runs.
                result["load"][name] = {
                    "skipped": f"one request took {single[name]:.1f} s and answered "
                    f"{statuses[name]} (limit --max-page-seconds {args.max_page_seconds})",
                    "requests_per_s": 0.0,
                    "latency_ms": {"p50": round(single[name] * 1000), "p99": None},
                    "non_2xx_3xx": 0,
                    "socket_errors": {},
                }
                print(f"{name:14} skipped: {result['load'][name]['skipped']}", flush=True)
                continue
            # Warm up every worker's cache (each computes the page once, all at the same time).
            warm_up = max(2.0, 3 * single[name])
            run_wrk(base + url, warm_up, args.connections, threads=args.threads)
            measured = run_wrk(base + url, args.duration, args.connections, threads=args.threads)
            measured.pop("raw")
            result["load"][name] = measured
            print(
                f"{name:14} {measured.get('requests_per_s', 0):8.0f} req/s  "
                f"p50 {measured['latency_ms'].get('p50')} ms  "
                f"p99 {measured['latency_ms'].get('p99')} ms",
                flush=True,
            )
        if extras:
            result["geojson_p50_ms"] = sequential_p50(port, urls["geojson"])
            result["home_transfer"] = home_transfer(port)
            result["lighthouse"] = lighthouse(base, urls, args)
    except BenchError:
        if log.exists():
            sys.stderr.write(log.read_text(errors="replace")[-3000:])
        raise
    finally:
        stop_process(proc)
    return result


def lighthouse(base: str, urls: dict[str, str], args) -> dict:
    if args.no_lighthouse:
        return {"skipped": "--no-lighthouse"}
    print("lighthouse (3 runs of about 15 s a page) …", flush=True)
    try:
        return lighthouse_scores(
            base,
            {name: urls[name] for name in ("home", "place", "agenda")},
            install=args.install_lighthouse,
        )
    except LighthouseUnavailable as exc:
        return {"skipped": str(exc)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", 0)))
    parser.add_argument(
        "--max-page-seconds",
        type=float,
        default=3.0,
        help="pages slower than this for one request are not load-tested (reported as missed)",
    )
    parser.add_argument(
        "--no-uncached",
        action="store_true",
        help="skip the second pass with the page cache switched off",
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse scores")
    parser.add_argument(
        "--install-lighthouse",
        action="store_true",
        help="npm install lighthouse@12 into var/lighthouse when it is missing",
    )
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--sizes",
        help="e.g. 35,500,5000,20000: time every page at each number of places (10 activities "
        "a place), each in a database of its own, instead of the load test (bench/growth.py)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="requests per page with --sizes")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds over the sizes with --sizes (in turn)"
    )
    args = parser.parse_args()
    if args.sizes:
        from bench.growth import run as growth

        sizes = sorted({int(size) for size in args.sizes.split(",")})
        env = bench_env()
        print("collectstatic …", flush=True)
        manage(env, "collectstatic", "--noinput", "-v0")
        growth(sizes, repeat=args.repeat, rounds=args.rounds)
        return 0

    require_wrk()
    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    env = bench_env(GUNICORN_WORKERS=str(workers))
    print("collectstatic …", flush=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    urls = pick_urls()
    report: dict = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "config": {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "workers": workers,
            "database": os.environ.get("EMBEDDED_POSTGRES_DB") or "(DATABASE_URL)",
        },
        "data": data_size(),
        "urls": urls,
    }
    print(f"data: {report['data']}; counting queries …", flush=True)
    report["queries"] = count_queries(urls)
    from django.db import connections

    connections.close_all()

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        print("\nAs deployed (public pages cached for anonymous visitors):", flush=True)
        report.update(load_pass(env, urls, args, Path(tmp) / "cached.log", extras=True))
        if not args.no_uncached:
            print("\nEvery request computed (CACHE_PUBLIC_ANSWERS=false):", flush=True)
            uncached_env = {**env, "CACHE_PUBLIC_ANSWERS": "false"}
            report["uncached"] = load_pass(
                uncached_env, urls, args, Path(tmp) / "uncached.log", extras=False
            )
    report["targets"] = evaluate(report)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    write_markdown(report, args.out_dir / "report.md")
    missed = [r for r in report["targets"] if not r["met"]]
    print(f"\n{len(report['targets']) - len(missed)} of {len(report['targets'])} targets met.")
    for result in missed:
        print(f"  missed: {result['target']}: {result['value']} (by {result['miss_by']})")
    print(f"Reports: {args.out_dir / 'report.md'}, {args.out_dir / 'report.json'}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        sys.exit(f"bench: {exc}")

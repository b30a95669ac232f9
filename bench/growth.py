"""Growth: the same pages at several data sizes, each size in a database of its own.

    .venv/bin/python bench/run.py --sizes 35,500,5000,20000

For each size N, the database ``ontmoeting_bench_N`` (embedded PostgreSQL) gets N places and
10×N activities from ``make_synthetic_data`` (kept between runs: a database that already
holds them is reused), then, in ``--rounds`` rounds over the sizes, one process per size
asks each page in-process (Django's test client, production settings, page cache off), once
to warm up and then ``--repeat`` times; it reports the median of the rounds' medians. Prints, per page, the time at each size and the ratio of the largest
size's time to the smallest's; writes bench/reports/growth.json and growth.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import PYTHON, BenchError, bench_env  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / "reports"


def database_for(size: int) -> str:
    return f"ontmoeting_bench_{size}"


def prepare(size: int, env: dict[str, str]) -> dict:
    """Migrate and fill the size's database (once); returns how long that took."""
    env = {**env, "EMBEDDED_POSTGRES_DB": database_for(size)}
    started = time.monotonic()
    for args in (
        ["migrate", "--no-input", "-v0"],
        ["make_synthetic_data", "--places", str(size), "--activities", str(10 * size)],
    ):
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if result.returncode and "already holds synthetic data" not in result.stderr:
            raise BenchError(f"{' '.join(args)} for {size}: {result.stdout}{result.stderr}")
    # Fresh bulk loads have no planner statistics yet.
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from django.db import connection; connection.cursor().execute('ANALYZE')"],
        cwd=ROOT, env=env, capture_output=True, check=True,
    )  # fmt: skip
    return {"prepare_s": round(time.monotonic() - started, 1)}


def measure(size: int, env: dict[str, str], repeat: int) -> dict:
    env = {**env, "EMBEDDED_POSTGRES_DB": database_for(size), "CACHE_PUBLIC_ANSWERS": "false"}
    result = subprocess.run(
        [PYTHON, str(Path(__file__)), "--measure", str(repeat)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise BenchError(f"measuring {size}: {result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def pages() -> dict[str, str]:
    import datetime

    from django.utils import timezone

    from bench.run import pick_urls

    urls = pick_urls()
    urls.pop("bare")
    place = urls["place"].strip("/").split("/")[-1]
    today = timezone.localdate()
    week = f"start={today}&end={today + datetime.timedelta(days=6)}"
    urls["cluster"] = "/clusters/synth-cluster-1/"
    urls["map popup"] = f"/locaties/{place}/kaart.json"
    urls["api places"] = "/api/v1/places/"
    urls["api places.geojson"] = "/api/v1/places.geojson"
    urls["api activities"] = "/api/v1/activities/"
    urls["api activities by day"] = "/api/v1/activities/?day=1&part=morning"
    urls["api occurrences"] = f"/api/v1/occurrences/?{week}"
    return urls


def measure_here(repeat: int) -> dict:
    """In this process (the size's database in the environment): median ms per page."""
    import gzip

    import django

    django.setup()
    from django.test import Client

    from bench.run import data_size

    client = Client(HTTP_HOST="127.0.0.1")
    found = {"data": data_size(), "pages": {}}
    for name, url in pages().items():
        response = client.get(url)  # warm up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        found["pages"][name] = {
            "url": url,
            "status": response.status_code,
            "ms": round(statistics.median(times), 1),
            "bytes": len(response.content),
            "gzip": len(gzip.compress(response.content, 6)),
        }
        if response.status_code != 200:
            # Timing an error page would say nothing about the page.
            raise SystemExit(f"{url} answered {response.status_code}, not 200")
    return found


def run(sizes: list[int], repeat: int = 5, rounds: int = 3) -> dict:
    env = bench_env()
    report: dict = {"sizes": sizes, "repeat": repeat, "rounds": rounds, "by_size": {}}
    for size in sizes:
        print(f"size {size}: preparing {database_for(size)} …", flush=True)
        report["by_size"][str(size)] = prepare(size, env)
    # Round by round over the sizes, not size after size: on a shared machine the load
    # drifts, and so each size is measured under the same drift.
    found: dict[str, list[dict]] = {str(size): [] for size in sizes}
    for number in range(1, rounds + 1):
        for size in sizes:
            print(f"round {number}/{rounds}, size {size}: measuring …", flush=True)
            found[str(size)].append(measure(size, env, repeat))
    for size, measured in found.items():
        report["by_size"][size].update(combine(measured))
    write(report)
    return report


def combine(rounds: list[dict]) -> dict:
    """One measurement from several rounds: per page the median of the rounds' medians."""
    pages = {}
    for name, page in rounds[0]["pages"].items():
        times = [measured["pages"][name]["ms"] for measured in rounds]
        pages[name] = {**page, "ms": round(statistics.median(times), 1), "rounds_ms": times}
    return {"data": rounds[0]["data"], "pages": pages}


def table(report: dict) -> list[str]:
    sizes = [str(s) for s in report["sizes"]]
    first = report["by_size"][sizes[0]]["pages"]
    head = " | ".join(f"{int(report['by_size'][s]['data']['places'])} places ms" for s in sizes)
    lines = [
        f"| page | {head} | largest ÷ smallest | size at largest (gzipped) |",
        "|---|" + "---:|" * (len(sizes) + 2),
    ]
    for name in first:
        times = [report["by_size"][s]["pages"][name]["ms"] for s in sizes]
        last = report["by_size"][sizes[-1]]["pages"][name]
        ratio = times[-1] / times[0] if times[0] else float("inf")
        lines.append(
            f"| {name} `{last['url']}` | "
            + " | ".join(f"{t:.1f}" for t in times)
            + f" | {ratio:.1f}× | {last['bytes'] / 1024:.0f} KB ({last['gzip'] / 1024:.1f} KB) |"
        )
    return lines


def write(report: dict) -> None:
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "growth.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    sizes = report["sizes"]
    data = ", ".join(
        f"{report['by_size'][str(s)]['data']['places']} places / "
        f"{report['by_size'][str(s)]['data']['activities']} activities"
        for s in sizes
    )
    lines = [
        "# Growth",
        "",
        f"Each size in its own database ({data}); in-process, production settings, page "
        f"cache off; per page the median of {report['rounds']} rounds (the sizes in turn), "
        f"each the median of {report['repeat']} requests after one to warm up. A shared, "
        "noisy machine: compare the ratios, not the milliseconds.",
        "",
        *table(report),
    ]
    (OUT_DIR / "growth.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[4:]))


if __name__ == "__main__" and "--measure" in sys.argv:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    print(json.dumps(measure_here(int(sys.argv[sys.argv.index("--measure") + 1]))))

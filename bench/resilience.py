"""Resilience: sustained load, and a database outage in the middle of a load run.

    .venv/bin/python bench/resilience.py [--load-seconds 20] [--connections 64]

Starts its own PostgreSQL 15 (Debian's binaries, as the postgres user) on a temporary data
folder and a free loopback port, migrates the project into it and fills it with a small
synthetic data set, serves it with gunicorn (production settings), then

1. loads a mix of pages with wrk (64 connections; --load-seconds, 60 for the full check)
   and reports every non-2xx/3xx response and socket error;
2. keeps wrk running while a probe asks the pages one at a time, stops PostgreSQL for
   --outage-seconds (10), starts it again, and reports whether every answer during the
   outage was the friendly 503 page (Retry-After, no traceback) and how long after the
   database was back the pages answered normally again (target ≤ 5 s);
3. all through 1 and 2, has a staff member write in the admin: a superuser made for the run
   logs in once at /beheer/ (before the load, so django-axes never sees a failed login and
   the session outlives the outage) and adds an organisation with a unique name every
   --write-interval seconds, with the CSRF token read from the add form. A write counts as
   acknowledged only when Django answered it with its success redirect (302 to the
   organisation list); the 503s during the outage are not. Afterwards every acknowledged
   name must be in the database exactly once (target: 0 missing).

Writes bench/reports/resilience.json and resilience.md, prints the targets met and missed, and
exits with 1 when one was missed. Everything it started is stopped in a ``finally`` block.
"""

from __future__ import annotations

import argparse
import datetime
import json
import secrets
import sys
import tempfile
from pathlib import Path

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
    write_mix_script,
)
from bench.resilience_checks.admin_writes import (
    AdminWriter,
    check_writes,
    create_writer_user,
    stored_names,
)
from bench.resilience_checks.outage import outage_run
from bench.resilience_checks.postgres import Postgres
from bench.resilience_checks.report import evaluate, write_markdown

OUT_DIR = Path(__file__).resolve().parent / "reports"
DB_NAME = "ontmoeting_bench_resilience"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--load-seconds", type=float, default=20, help="60 for the full check")
    parser.add_argument("--outage-seconds", type=float, default=10)
    parser.add_argument(
        "--outage-connections",
        type=int,
        default=8,
        help="wrk connections during the outage run (few, so the probe is not starved)",
    )
    parser.add_argument("--settle-seconds", type=float, default=3)
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--activities", type=int, default=1500)
    parser.add_argument(
        "--write-interval",
        type=float,
        default=0.15,
        help="seconds between the admin writer's writes (each waits for its answer)",
    )
    parser.add_argument("--skip-outage", action="store_true")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    require_wrk()

    report: dict = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "data": f"synthetic: {args.places} places, {args.activities} activities",
    }
    gunicorn = None
    pg = None
    writer = None
    with tempfile.TemporaryDirectory(prefix="resilience-") as tmp:
        tmp_path = Path(tmp)
        try:
            pg = Postgres(tmp_path, free_port())
            print("initdb and start PostgreSQL 15 …", flush=True)
            pg.init()
            pg.start()
            url = pg.create_database(DB_NAME)
            env = bench_env(DATABASE_URL=url, CONN_MAX_AGE="60")
            print("migrate, synthetic data, collectstatic …", flush=True)
            manage(env, "migrate", "--noinput", "-v0")
            manage(
                env,
                "make_synthetic_data",
                "--places",
                str(args.places),
                "--activities",
                str(args.activities),
                "--places-per-cluster",
                "10",
            )
            manage(env, "collectstatic", "--noinput", "-v0")
            password = create_writer_user(env)
            port = free_port()
            gunicorn = start_gunicorn(env, port, tmp_path / "gunicorn.log")
            paths = [
                "/",
                "/locaties/synth-plek-1/",
                "/activiteiten/",
                "/activiteiten/?q=koffie&day=1",
                "/locaties/kaart.geojson",
                "/clusters/",
                "/activiteiten/synth-activiteit-1/",
            ]
            for path in paths:
                status = http_get(port, path, timeout=60)[0]
                if status != 200:
                    raise BenchError(f"{path} answered {status} before any fault")
            report["paths"] = paths
            script = write_mix_script(paths, tmp_path)
            prefix = f"bench-write-{secrets.token_hex(4)}"
            writer = AdminWriter(port, password, prefix, args.write_interval)
            writer.login()
            writer.start()
            print(
                f"admin writer: logged in, adding an organisation every {args.write_interval} s",
                flush=True,
            )
            marks: dict = {}
            print(f"load: {args.connections} connections for {args.load_seconds} s …", flush=True)
            load = run_wrk(
                f"http://{HOST}:{port}/", args.load_seconds, args.connections, script=script
            )
            load.pop("raw")
            report["load"] = load
            print(
                f"  {load.get('status_counts')} socket errors {load['socket_errors']}", flush=True
            )
            if not args.skip_outage:
                print(f"outage: PostgreSQL stopped for {args.outage_seconds} s …", flush=True)
                # The probe asks the quick pages; wrk keeps loading the whole mix.
                probe_paths = [p for p in paths if "activiteiten/" not in p or "synth" in p]
                probe_paths = [p for p in probe_paths if not p.endswith(".geojson")]
                report["outage"] = outage_run(port, pg, probe_paths, script, args, marks)
                print(
                    f"  during: {report['outage']['probe_statuses_during']}; "
                    f"recovery {report['outage']['recovery_s']} s",
                    flush=True,
                )
            writer.finish()
            if not pg.running():
                raise BenchError("PostgreSQL is not running after the outage; see its log")
            report["admin_writes"] = check_writes(
                writer.writes, stored_names(url, prefix), marks or None
            )
            writes = report["admin_writes"]
            print(
                f"  admin writes: {writes['attempted']} attempted, {writes['acknowledged']} "
                f"acknowledged, {writes['failed_during_outage']} failed during the outage, "
                f"{writes['failed_outside_outage']} failed outside it, "
                f"{writes['missing_afterwards']} missing afterwards",
                flush=True,
            )
        except BenchError:
            log = tmp_path / "gunicorn.log"
            if log.exists():
                sys.stderr.write(log.read_text(errors="replace")[-3000:])
            raise
        finally:
            if writer is not None:
                writer.finish()
            stop_process(gunicorn)
            if pg is not None and pg.data.exists():
                pg.stop()
    report["targets"] = evaluate(report)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "resilience.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    write_markdown(report, args.out_dir / "resilience.md")
    missed = [t for t in report["targets"] if not t["met"]]
    print(f"\n{len(report['targets']) - len(missed)} of {len(report['targets'])} targets met.")
    for target in missed:
        print(f"  missed: {target['target']}: {target['value']}")
    print(f"Reports: {args.out_dir / 'resilience.md'}, {args.out_dir / 'resilience.json'}")
    return 1 if missed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        sys.exit(f"resilience: {exc}")

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
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    HOST,
    BenchError,
    CookieSession,
    bench_env,
    csrf_token_from_form,
    free_port,
    http_get,
    manage,
    parse_wrk,
    require_wrk,
    run_wrk,
    start_gunicorn,
    stop_process,
    write_mix_script,
    wrk_command,
)

OUT_DIR = Path(__file__).resolve().parent / "reports"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_NAME = "ontmoeting_bench_resilience"
RECOVERY_TARGET_S = 5.0
WRITER_USERNAME = "bench-writer"
ADD_PATH = "/beheer/locaties/organisation/add/"
# Django's answers to a saved add form: the list ("Save") or the new object ("Save and continue").
ACKNOWLEDGED_RE = re.compile(r"^/beheer/locaties/organisation/(\d+/change/)?(\?.*)?$")


class Postgres:
    """A throw-away PostgreSQL server run as the postgres user (initdb refuses root)."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.log = directory / "postgres.log"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode:
            raise BenchError(f"{' '.join(command)} failed: {result.stderr or result.stdout}")
        return result

    def init(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise BenchError(
                f"No PostgreSQL binaries in {PG_BIN}: apt-get install -y postgresql-15 "
                "(or set PG_BIN to a folder with initdb and pg_ctl)."
            )
        self.directory.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(
            PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses={HOST} -k {self.directory}"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def running(self) -> bool:
        return self._run(PG_BIN / "pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def create_database(self, name: str) -> str:
        self._run(PG_BIN / "createdb", "-h", HOST, "-p", self.port, "-U", "postgres", name)
        return f"postgres://postgres@{HOST}:{self.port}/{name}"


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


class AdminWriter(threading.Thread):
    """A staff member adding organisations in the admin at a steady pace, through gunicorn.

    Logs in once (``login``, before the thread starts) and keeps that session: the session
    lives in the database and survives the outage, and django-axes only counts failed logins,
    so the writer can never lock itself out. Each write is recorded with when it was sent and
    answered, and whether Django acknowledged it (302 to the list or the new object).
    """

    def __init__(self, port: int, password: str, prefix: str, interval: float):
        super().__init__(daemon=True)
        self.password, self.prefix, self.interval = password, prefix, interval
        self.session = CookieSession(port, timeout=30)
        self.token: str | None = None
        self.writes: list[dict] = []
        self.stop_event = threading.Event()

    def login(self) -> None:
        status, _, body = self.session.get("/beheer/login/?next=/beheer/")
        token = csrf_token_from_form(body)
        if status != 200 or not token:
            raise BenchError(f"The admin login page answered {status} without a form")
        status, headers, _ = self.session.post(
            "/beheer/login/?next=/beheer/",
            {
                "csrfmiddlewaretoken": token,
                "username": WRITER_USERNAME,
                "password": self.password,
                "next": "/beheer/",
            },
        )
        if status != 302 or headers.get("location") != "/beheer/":
            raise BenchError(f"Logging in to the admin failed (status {status})")
        # Logging in rotates the CSRF token: read the new one from the form the writer uses.
        status, _, body = self.session.get(ADD_PATH)
        self.token = csrf_token_from_form(body)
        if status != 200 or not self.token:
            raise BenchError(f"The organisation add form answered {status} without a form")

    def write(self, number: int) -> dict:
        name = f"{self.prefix}-{number:05d}"
        record = {"name": name, "sent": time.monotonic()}
        try:
            status, headers, body = self.session.post(
                ADD_PATH,
                {
                    "csrfmiddlewaretoken": self.token,
                    "name": name,
                    "slug": name,
                    "kind": "other",
                    "description": "Written by bench/resilience.py during a database outage test.",
                    "email": "",
                    "phone": "",
                    "website": "",
                    "_save": "Opslaan",
                },
            )
            location = headers.get("location", "")
            record.update(
                status=status,
                location=location,
                acknowledged=status == 302 and bool(ACKNOWLEDGED_RE.match(location)),
            )
            if status >= 500:
                record["friendly_503"] = status == 503 and "retry-after" in headers
                record["traceback"] = b"Traceback" in body
        except OSError as exc:
            record.update(status=None, acknowledged=False, error=repr(exc))
        record["answered"] = time.monotonic()
        return record

    def run(self) -> None:
        number = 0
        while not self.stop_event.is_set():
            number += 1
            started = time.monotonic()
            self.writes.append(self.write(number))
            self.stop_event.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def finish(self) -> None:
        self.stop_event.set()
        self.join(60)


def create_writer_user(env: dict[str, str]) -> str:
    """A superuser for the writer, with a fresh password (the database is thrown away)."""
    password = secrets.token_urlsafe(24)
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": password},
        "createsuperuser",
        "--noinput",
        "--username",
        WRITER_USERNAME,
        "--email",
        "bench-writer@example.invalid",
    )
    return password


def stored_names(url: str, prefix: str) -> dict[str, int]:
    """How often each organisation name starting with ``prefix`` is in the database."""
    import psycopg

    with psycopg.connect(url, connect_timeout=10) as conn:
        rows = conn.execute(
            "SELECT name, count(*) FROM locaties_organisation WHERE name LIKE %s GROUP BY name",
            [prefix + "-%"],
        ).fetchall()
    return dict(rows)


def check_writes(writes: list[dict], stored: dict[str, int], marks: dict | None) -> dict:
    """Compare what the admin acknowledged with what the database holds afterwards.

    ``marks`` are the outage's moments (monotonic); a write that failed while the database
    was stopped, or in the recovery time after it, is expected and not counted against.
    """
    acknowledged = [w for w in writes if w["acknowledged"]]
    failed = [w for w in writes if not w["acknowledged"]]
    if marks:
        window = (marks["t_stop"], marks["t_up"] + RECOVERY_TARGET_S)
    else:
        window = (float("inf"), float("inf"))

    def in_outage(w):
        return w["sent"] <= window[1] and w["answered"] >= window[0]

    def phase(w):
        if not marks or w["answered"] < marks["t_stop"]:
            return "before"
        return "during" if w["sent"] <= marks["t_up"] else "after"

    missing = [w["name"] for w in acknowledged if stored.get(w["name"], 0) == 0]
    duplicated = sorted(name for name, count in stored.items() if count > 1)
    unacknowledged_present = [w["name"] for w in failed if stored.get(w["name"], 0) > 0]
    failed_outside = [w for w in failed if not in_outage(w)]
    answers: dict[str, int] = {}
    for w in writes:
        key = str(w["status"]) if w["status"] is not None else "connection error"
        answers[key] = answers.get(key, 0) + 1
    acknowledged_by_phase = {"before": 0, "during": 0, "after": 0}
    for w in acknowledged:
        acknowledged_by_phase[phase(w)] += 1
    first_after = min(
        (w["answered"] for w in acknowledged if marks and w["sent"] > marks["t_up"]), default=None
    )
    return {
        "attempted": len(writes),
        "acknowledged": len(acknowledged),
        "acknowledged_by_phase": acknowledged_by_phase,
        "failed": len(failed),
        "failed_during_outage": len(failed) - len(failed_outside),
        "failed_outside_outage": len(failed_outside),
        "failed_outside_examples": [
            {k: w.get(k) for k in ("name", "status", "location", "error")}
            for w in failed_outside[:10]
        ],
        "answers": answers,
        "tracebacks": sum(1 for w in writes if w.get("traceback")),
        "stored_afterwards": sum(stored.values()),
        "missing_afterwards": len(missing),
        "missing_names": missing[:20],
        "duplicated": len(duplicated),
        "duplicated_names": duplicated[:20],
        # Saved although the answer was lost (e.g. the connection broke after the commit):
        # allowed, the writer was not told it was saved.
        "present_unacknowledged": len(unacknowledged_present),
        "first_acknowledged_after_restart_s": round(first_after - marks["t_up"], 2)
        if first_after is not None
        else None,
    }


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


def write_markdown(report: dict, path: Path) -> None:
    load, outage = report.get("load"), report.get("outage")
    lines = ["# Resilience report", "", f"{report['started']} · {report['data']}", ""]
    if load:
        errors = load["non_2xx_3xx"] + sum(load["socket_errors"].values())
        lines += [
            f"## Load: {report['config']['connections']} connections, "
            f"{report['config']['load_seconds']} s, mix of {len(report['paths'])} pages",
            "",
            f"- {load.get('requests')} requests, {load.get('requests_per_s')} req/s, "
            f"p50 {load['latency_ms'].get('p50')} ms, p99 {load['latency_ms'].get('p99')} ms",
            f"- statuses: {load.get('status_counts')}",
            f"- non-2xx/3xx: {load['non_2xx_3xx']}; socket errors: {load['socket_errors']}",
            f"- **{'met' if errors == 0 else 'missed'}**: 0 errors (found {errors})",
            "",
        ]
    if outage:
        lines += [
            f"## Database outage ({outage['outage_seconds']} s, PostgreSQL stopped under load of "
            f"{report['config']['outage_connections']} connections)",
            "",
            f"- probe answers before: {outage['probe_statuses_before']}",
            f"- during the outage: {outage['probe_statuses_during']}",
            f"- after the database was back: {outage['probe_statuses_after']}",
            f"- **{'met' if outage['friendly_503_during'] else 'missed'}**: visitors get the "
            "friendly 503 page (Retry-After, HTML, no traceback) during the outage",
            f"- **{'met' if outage['recovered_within_target'] else 'missed'}**: pages answer "
            f"normally within {RECOVERY_TARGET_S:.0f} s of the database being back "
            f"(took {outage['recovery_s']} s)",
            f"- wrk over the whole run: {outage['wrk'].get('status_counts')}, socket errors "
            f"{outage['wrk'].get('socket_errors')}",
            "",
        ]
    writes = report.get("admin_writes")
    if writes:
        met = writes_target_met(writes, outage_ran=bool(outage))
        lines += [
            f"## Admin writes (one staff member adding an organisation every "
            f"{report['config']['write_interval']} s, through the load and the outage)",
            "",
            f"- attempted: {writes['attempted']}; acknowledged (302 to the list): "
            f"{writes['acknowledged']} ({writes['acknowledged_by_phase']['before']} before the "
            f"outage, {writes['acknowledged_by_phase']['during']} during, "
            f"{writes['acknowledged_by_phase']['after']} after)",
            f"- failed during the outage (expected, not acknowledged): "
            f"{writes['failed_during_outage']}; failed outside it: "
            f"{writes['failed_outside_outage']}",
            f"- answers: {writes['answers']}; tracebacks: {writes['tracebacks']}",
            f"- first write acknowledged {writes['first_acknowledged_after_restart_s']} s after "
            "the database was back",
            f"- in the database afterwards: {writes['stored_afterwards']}; saved although not "
            f"acknowledged (answer lost): {writes['present_unacknowledged']}",
            f"- **{'met' if met else 'missed'}**: every acknowledged write is present afterwards, "
            f"exactly once (missing {writes['missing_afterwards']}, duplicated "
            f"{writes['duplicated']})",
            "",
        ]
    if report.get("targets"):
        lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
        for target in report["targets"]:
            verdict = "met" if target["met"] else "**missed**"
            lines.append(f"| {target['target']} | {target['value']} | {verdict} |")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def writes_target_met(writes: dict, outage_ran: bool) -> bool:
    """0 missing and 0 duplicated, and the check checked something: writes were acknowledged
    (and, with an outage, acknowledged again after it)."""
    checked = writes["acknowledged"] > 0 and (
        not outage_ran or writes["acknowledged_by_phase"]["after"] > 0
    )
    return checked and writes["missing_afterwards"] == 0 and writes["duplicated"] == 0


def evaluate(report: dict) -> list[dict]:
    """The issue's targets, each with what was measured."""
    targets = []
    load, outage, writes = report.get("load"), report.get("outage"), report.get("admin_writes")
    if load:
        errors = load["non_2xx_3xx"] + sum(load["socket_errors"].values())
        targets.append(
            {
                "target": f"load ({report['config']['connections']} connections): 0 errors",
                "value": f"{errors} errors in {load.get('requests')} requests",
                "met": errors == 0,
            }
        )
    if outage:
        targets.append(
            {
                "target": "database stopped: visitors get the friendly 503 page, no traceback",
                "value": f"probe answers during the outage: {outage['probe_statuses_during']}",
                "met": outage["friendly_503_during"],
            }
        )
        targets.append(
            {
                "target": f"service back within {RECOVERY_TARGET_S:.0f} s of the database",
                "value": f"{outage['recovery_s']} s",
                "met": outage["recovered_within_target"],
            }
        )
    if writes:
        targets.append(
            {
                "target": "every acknowledged admin write is present afterwards (exactly once)",
                "value": f"{writes['acknowledged']} acknowledged of {writes['attempted']}, "
                f"{writes['missing_afterwards']} missing, {writes['duplicated']} duplicated",
                "met": writes_target_met(writes, outage_ran=bool(outage)),
            }
        )
    return targets


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

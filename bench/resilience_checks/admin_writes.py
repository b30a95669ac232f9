"""A staff member writing in the admin through the load and the outage, and the check that
every write Django acknowledged is in the database afterwards, exactly once."""

from __future__ import annotations

import re
import secrets
import threading
import time

from bench.common import BenchError, CookieSession, csrf_token_from_form, manage
from bench.resilience_checks.outage import RECOVERY_TARGET_S

WRITER_USERNAME = "bench-writer"
ADD_PATH = "/beheer/locaties/organisation/add/"
# Django's answers to a saved add form: the list ("Save") or the new object ("Save and continue").
ACKNOWLEDGED_RE = re.compile(r"^/beheer/locaties/organisation/(\d+/change/)?(\?.*)?$")


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


def writes_target_met(writes: dict, outage_ran: bool) -> bool:
    """0 missing and 0 duplicated, and the check checked something: writes were acknowledged
    (and, with an outage, acknowledged again after it)."""
    checked = writes["acknowledged"] > 0 and (
        not outage_ran or writes["acknowledged_by_phase"]["after"] > 0
    )
    return checked and writes["missing_afterwards"] == 0 and writes["duplicated"] == 0

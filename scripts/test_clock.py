"""Run the test suite (all but the browser tests) at other moments, under libfaketime.

Every test that reads the clock must freeze it or derive its expectation from it; this
proves it by running the whole process — Python and the embedded PostgreSQL it starts —
at moments where a careless test or date computation breaks: the turn of the year, the
nights the clocks change, an afternoon, a Sunday evening after closing, a leap day.

What is tested there is the clock, not the input space: the property tests try a quarter
of their examples, and the tests of a large input space (marked ``input_space``) a sixth
of their cases, a different sixth at each moment. make test runs them all.

Each moment gets an embedded server of its own (started under the fake clock, so
PostgreSQL's now() is fake too) in var/clock/<name>/; with DATABASE_URL set, that server
is used instead and only Python's clock is fake. Moments run side by side, as many at once
as there are CPUs. Logs: var/clock/<name>.log. Exit status 1 when any moment failed.

    .venv/bin/python scripts/test_clock.py [--only NAME ...] [-- extra pytest arguments]
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam(*args, fold: int = 0) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM, fold=fold)


# Local Amsterdam times; libfaketime is given the instant in UTC.
MOMENTS = {
    "new-years-eve": amsterdam(2026, 12, 31, 23, 59, 30),
    "before-summer-time": amsterdam(2027, 3, 28, 1, 59),  # 02:00 becomes 03:00
    "repeated-hour": amsterdam(2027, 10, 31, 2, 30, fold=1),  # the second 02:30
    "tuesday-afternoon": amsterdam(2026, 12, 1, 13, 30),
    "sunday-after-closing": amsterdam(2027, 6, 13, 20, 30),
    "leap-day": amsterdam(2028, 2, 29, 12, 0),
}


def faketime_spec(moment: datetime.datetime) -> str:
    utc = moment.astimezone(datetime.UTC)
    return f"@{utc:%Y-%m-%d %H:%M:%S}"


def command(name: str, moment: datetime.datetime, extra: list[str]) -> tuple[list[str], dict]:
    env = {
        **os.environ,
        # faketime reads the spec in the process's zone; the product uses its own setting.
        "TZ": "UTC",
        # Child processes (the embedded PostgreSQL) go on from the parent's fake clock,
        # instead of each starting again at the moment.
        "FAKETIME_DONT_RESET": "1",
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.test",
        "PYTHONDONTWRITEBYTECODE": "1",
        # The property tests try a quarter of their examples at each moment (all of them
        # in make test): six runs of the whole input space would not fit CI's time.
        "TEST_EXAMPLES_SCALE": "0.25",
        # Tests of a large input space run a sixth of their cases here, each moment another
        # sixth (tests/conftest.py): all six moments together run every case.
        "TEST_CLOCK_SHARE": f"{list(MOMENTS).index(name)}/{len(MOMENTS)}",
    }
    if not os.environ.get("DATABASE_URL"):
        env["EMBEDDED_POSTGRES_DIR"] = str(ROOT / "var" / "clock" / name)
    pytest = [
        sys.executable,
        "-m",
        "pytest",
        "--ds=ontmoeting.settings.test",
        # The moments run side by side and would overwrite each other's last-failed list
        # in .pytest_cache, which is the developer's own runs' (--lf).
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser",
        "-q",
        *extra,
    ]
    return ["faketime", "-f", faketime_spec(moment), *pytest], env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(MOMENTS), help="run these moments")
    # As many as there are CPUs: on two, three at once took 1,250 s for the six, two 1,100 s.
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to pytest")
    args = parser.parse_args()
    if not shutil.which("faketime"):
        print("make test-clock needs libfaketime: apt-get install faketime", file=sys.stderr)
        return 1
    names = args.only or list(MOMENTS)
    logs = ROOT / "var" / "clock"
    logs.mkdir(parents=True, exist_ok=True)

    waiting = list(names)
    running: dict[str, tuple[subprocess.Popen, float]] = {}
    results: dict[str, tuple[int, float]] = {}
    while waiting or running:
        while waiting and len(running) < max(args.jobs, 1):
            name = waiting.pop(0)
            cmd, env = command(name, MOMENTS[name], args.pytest_args)
            print(
                f"[{name}] {MOMENTS[name]:%a %d %b %Y %H:%M:%S %Z} ({faketime_spec(MOMENTS[name])} UTC)"
            )
            with open(logs / f"{name}.log", "w") as log:
                process = subprocess.Popen(
                    cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
                )
            running[name] = (process, time.monotonic())
        time.sleep(1)
        for name, (process, started) in list(running.items()):
            if process.poll() is not None:
                results[name] = (process.returncode, time.monotonic() - started)
                del running[name]
                summary = (logs / f"{name}.log").read_text(errors="replace").strip().splitlines()
                print(f"[{name}] {summary[-1] if summary else '(no output)'}")

    failed = [name for name, (code, _) in results.items() if code != 0]
    for name in failed:
        print(f"\n===== {name}: failures (full log: var/clock/{name}.log) =====")
        lines = (logs / f"{name}.log").read_text(errors="replace").splitlines()
        print("\n".join(line for line in lines if line.startswith(("FAILED", "ERROR"))))
    print(
        "\nmake test-clock: "
        + ("all moments passed" if not failed else f"failed at {', '.join(failed)}")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The errors in gunicorn's log: Django's tracebacks and gunicorn's worker timeouts."""

from __future__ import annotations

import re
from pathlib import Path

LOG_START = re.compile(r"^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d|\[\d{4}-\d\d-\d\d )")


def tracebacks(log: Path) -> list[dict]:
    """The distinct error entries in the log (Django's "Internal Server Error" with its
    traceback, gunicorn's worker timeouts), each with how often it occurred."""
    if not log.exists():
        return []
    entries: list[list[str]] = []
    for line in log.read_text(errors="replace").splitlines():
        if LOG_START.match(line) or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    seen: dict[str, dict] = {}
    for entry in entries:
        text = "\n".join(entry)
        if not any(w in text for w in ("Traceback", "ERROR", "CRITICAL", "TIMEOUT")):
            continue
        if "Booting worker" in text or "Listening at" in text:
            continue
        head = re.sub(r"^\S+ \S+ ", "", entry[0])  # without the time stamp
        last = entry[-1].strip()
        key = f"{head} | {last}"
        if key in seen:
            seen[key]["count"] += 1
        else:
            seen[key] = {"count": 1, "text": text[-6000:]}
    return list(seen.values())

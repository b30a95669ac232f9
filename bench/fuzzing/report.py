"""The fuzz report in Markdown (bench/reports/fuzz.md)."""

from __future__ import annotations

from pathlib import Path

from bench.fuzzing.concurrency import threaded_failures
from bench.fuzzing.sending import SLOW_S


def write_markdown(report: dict, path: Path) -> None:
    failures = report["failures"]
    lines = [
        "# Fuzz report: hostile query strings over the public URLs",
        "",
        f"{report['started']} · database {report['config']['database']} · seed "
        f"{report['config']['seed']} · {report['sent']} of {report['config']['count']} "
        f"requests in {report['seconds']} s ({report['config']['threads']} threads, gunicorn "
        "with production settings)",
        "",
        f"**{'met' if not failures else 'missed'}**: 0 responses with status 5xx and 0 "
        f"requests without an answer (found {len(failures)})",
        "",
        f"- statuses: {report['statuses']}",
        "- rows on both ends of the date range during the run: "
        + (", ".join(f"`{slug}`" for slug in report["range_rows"]) or "none (--no-range-rows)"),
        f"- answered by gunicorn itself, before Django (e.g. request line over 4094 bytes): "
        f"{report['answered_by_gunicorn']}",
        f"- slower than {SLOW_S:.0f} s: {len(report['slow'])}; a 200 with another content type "
        f"than without a query: {len(report['type_changes'])}",
        "",
        "| URL | path | requests | statuses |",
        "|---|---|---:|---|",
    ]
    for name, url in sorted(report["urls"].items()):
        counts = report["per_url"].get(name, {})
        lines.append(
            f"| {name} | `{url['path']}` | {sum(counts.values())} | "
            + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            + " |"
        )
    if report["not_public"] or report["skipped"]:
        lines += ["", "Left out:", ""]
        for item in report["not_public"]:
            lines.append(f"- {item['name']} `{item['path']}`: login required")
        for item in report["skipped"]:
            lines.append(f"- {item['name']} `{item['route']}`: {item['reason']}")
    if failures:
        lines += ["", "## Failures", ""]
        for failure in failures[:50]:
            lines += [
                f"- **{failure['status'] or failure['error']}** {failure['url']} "
                f"({failure['target_length']} characters, {failure['seconds']} s):",
                "",
                "  ```",
                f"  {failure['target'][:600]}",
                "  ```",
                "",
            ]
    if report["log_errors"]:
        lines += ["", "## Errors in gunicorn's log", ""]
        for entry in report["log_errors"][:20]:
            lines += [f"{entry['count']}×:", "", "```", entry["text"][-3000:], "```", ""]
    threaded = report.get("threaded")
    if threaded:
        config = threaded["config"]
        lines += [
            "",
            "## Requests at the same moment",
            "",
            f"gunicorn with 1 worker × {config['threads']} threads, nothing cached; each URL "
            f"{config['burst']} times without a query string, {config['burst_threads']} at once; "
            f"then {threaded['sent']} of the query strings above by {config['burst_threads']} "
            f"threads; {threaded['seconds']} s.",
            "",
            f"**{'met' if not threaded_failures(threaded) else 'missed'}**: every URL answers "
            "as it does alone (the API docs and schema the same bytes), no 5xx, no request "
            f"without an answer (found {threaded_failures(threaded)})",
            "",
            f"- query strings: statuses {threaded['statuses']}",
            "",
            "| URL | statuses at once | different bodies |",
            "|---|---|---:|",
        ]
        for name, result in sorted(threaded["bursts"].items()):
            lines.append(
                f"| {name} | "
                + ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items()))
                + f" | {result['distinct_bodies']} |"
            )
        for failure in threaded["burst_failures"]:
            lines.append(
                f"- **{failure['url']}** `{failure['path']}`: {'; '.join(failure['problems'])}"
            )
        for failure in threaded["failures"][:20]:
            lines.append(
                f"- **{failure['status'] or failure['error']}** {failure['url']}: `{failure['target'][:300]}`"
            )
        for entry in threaded["log_errors"][:10]:
            lines += ["", f"{entry['count']}×:", "", "```", entry["text"][-3000:], "```"]
    if report["slow"]:
        lines += ["", f"## Slower than {SLOW_S:.0f} s", ""]
        for item in sorted(report["slow"], key=lambda s: -s["seconds"])[:10]:
            lines.append(f"- {item['seconds']} s {item['url']}: `{item['target'][:200]}`")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

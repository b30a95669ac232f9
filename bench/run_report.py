"""The load benchmark's report in Markdown (bench/reports/report.md)."""

from __future__ import annotations

import os
from pathlib import Path

from bench.targets import TARGET_UNCACHED_RATIO


def write_markdown(report: dict, path: Path) -> None:
    lines = [
        "# Benchmark report",
        "",
        f"{report['started']} · {report['data']['places']} places, "
        f"{report['data']['activities']} activities · wrk {report['config']['connections']} "
        f"connections, {report['config']['duration_s']} s per URL · gunicorn "
        f"{report['config']['workers']} workers on {os.cpu_count()} CPUs (shared, noisy machine: "
        "compare ratios, not absolute numbers). wrk sends `Accept-Encoding: gzip` as browsers "
        "do; public pages are served from the page cache as deployed (see the README).",
        "",
        "| page | URL | req/s | ratio to bare | p50 ms | p99 ms | errors | queries (cold/warm) |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    bare = report["load"]["bare"]["requests_per_s"]
    for name, load in report["load"].items():
        q = report["queries"].get(name, {})
        errors = load["non_2xx_3xx"] + sum(load["socket_errors"].values())
        if "skipped" in load:
            errors = "skipped"
        lines.append(
            f"| {name} | `{report['urls'][name]}` | {load['requests_per_s']:.0f} | "
            f"{share(load, bare)} | {load['latency_ms'].get('p50')} | "
            f"{load['latency_ms'].get('p99')} | {errors} | {q.get('cold')}/{q.get('warm')} |"
        )
    lines += [
        "",
        "One request each (first in the run, cold caches): "
        + ", ".join(f"{k} {v:.2f} s" for k, v in report["single_request_s"].items())
        + ".",
        "",
        f"GeoJSON p50, one client: {report['geojson_p50_ms']} ms. Home transfer: "
        f"{report['home_transfer']['total_gzip_bytes'] / 1024:.1f} KB gzipped "
        f"({report['home_transfer']['total_bytes'] / 1024:.1f} KB raw, "
        f"{len(report['home_transfer']['items'])} files).",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for result in report["targets"]:
        verdict = "met" if result["met"] else f"**missed** by {result['miss_by']}"
        if result.get("why"):
            verdict += f": {result['why']}"
        lines.append(f"| {result['target']} | {result['value']} | {verdict} |")
    lines += uncached_lines(report) + lighthouse_lines(report.get("lighthouse", {}))
    lines += ["", "## Home page files", "", "| file | bytes | gzipped |", "|---|---:|---:|"]
    for item in report["home_transfer"]["items"]:
        lines.append(f"| `{item['url']}` | {item['bytes']} | {item['gzip']} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def share(load: dict, bare: float) -> str:
    # The bare view itself may have been skipped (too slow once on a busy machine).
    return f"{load['requests_per_s'] / bare:.0%}" if bare else "—"


def uncached_lines(report: dict) -> list[str]:
    uncached = report.get("uncached")
    if not uncached:
        return []
    bare = uncached["load"]["bare"]["requests_per_s"]
    lines = [
        "",
        "## Every request computed (page cache off)",
        "",
        "What the first visitor after a change (or after a page's minute is up) waits for; "
        f"each page's target is {TARGET_UNCACHED_RATIO:.0%} of the bare view's throughput.",
        "",
        "| page | one request s | req/s | ratio to bare | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, load in uncached["load"].items():
        lines.append(
            f"| {name} | {uncached['single_request_s'][name]:.2f} | "
            f"{load['requests_per_s']:.0f} | {share(load, bare)} | "
            f"{load['latency_ms'].get('p50')} | {load['latency_ms'].get('p99')} |"
        )
    return lines


def lighthouse_lines(scores: dict) -> list[str]:
    lines = ["", "## Lighthouse (mobile, simulated throttling; other hosts blocked)", ""]
    if "skipped" in scores:
        return [*lines, f"Skipped: {scores['skipped']}"]
    lines += [
        "| page | performance | accessibility | best practices | SEO | LCP ms | TBT ms | CLS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failing: dict[tuple[str, str], list[str]] = {}
    for name, result in scores.items():
        if result.get("performance") is None:
            lines.append(f"| {name} | error: {result.get('error')} | | | | | | |")
            continue
        lines.append(
            f"| {name} | {result['performance']} | {result['accessibility']} | "
            f"{result['best-practices']} | {result['seo']} | {result['lcp_ms']} | "
            f"{result['tbt_ms']} | {result['cls']} |"
        )
        for audit in result.get("failing", []):
            failing.setdefault((audit["id"], audit["title"]), []).append(name)
    for (audit_id, title), pages in failing.items():
        lines.append(f"- failing `{audit_id}`: {title} ({', '.join(pages)})")
    return lines

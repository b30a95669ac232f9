"""The targets, each with what was measured, and the report in Markdown
(bench/reports/resilience.md)."""

from __future__ import annotations

from pathlib import Path

from bench.resilience_checks.admin_writes import writes_target_met
from bench.resilience_checks.outage import RECOVERY_TARGET_S


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

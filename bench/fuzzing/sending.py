"""Sending the query strings: raw GETs on loopback by several threads, and each URL's answer
without a query string to compare with."""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time

from bench.common import HOST

REQUEST_TIMEOUT = 60  # longer than gunicorn's worker timeout (30 s): a killed worker shows
SLOW_S = 5.0
SNIPPET = 300


def raw_get(port: int, target: str, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """GET with the request target sent as it is (Latin-1, so raw bytes above 0x7F pass);
    http.client itself would refuse them."""
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(
            b"GET "
            + target.encode("latin-1")
            + f" HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
        )
        response = http.client.HTTPResponse(sock, method="GET")
        response.begin()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def content_family(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


class Runner:
    def __init__(self, port: int, urls: dict[str, dict], plan, threads: int, deadline: float):
        self.port, self.urls, self.plan, self.threads = port, urls, plan, threads
        self.deadline = deadline
        self.lock = threading.Lock()
        self.next_index = 0
        self.results: dict[str, dict[str, int]] = {name: {} for name in urls}
        self.failures: list[dict] = []
        self.slow: list[dict] = []
        self.by_gunicorn = 0
        self.gunicorn_examples: list[dict] = []
        self.type_changes: list[dict] = []
        self.sent = 0

    def take(self):
        with self.lock:
            if self.next_index >= len(self.plan) or time.monotonic() > self.deadline:
                return None
            item = self.plan[self.next_index]
            self.next_index += 1
            return item

    def work(self) -> None:
        while (item := self.take()) is not None:
            name, query = item
            url = self.urls[name]
            target = f"{url['path']}?{query}"
            started = time.perf_counter()
            status, headers, body, error = None, {}, b"", None
            try:
                status, headers, body = raw_get(self.port, target, REQUEST_TIMEOUT)
            except (OSError, http.client.HTTPException) as exc:
                error = repr(exc)
            took = time.perf_counter() - started
            key = str(status) if status is not None else "no answer"
            with self.lock:
                self.sent += 1
                counts = self.results[name]
                counts[key] = counts.get(key, 0) + 1
                if status is not None and "x-content-type-options" not in headers:
                    # Rejected before Django (request line too long, invalid characters).
                    self.by_gunicorn += 1
                    if len(self.gunicorn_examples) < 20:
                        self.gunicorn_examples.append(
                            {
                                "status": status,
                                "target": target[:300],
                                "target_length": len(target),
                                "raw_non_ascii": bool(re.search(r"[^\x21-\x7e]", target)),
                                "snippet": body[:200].decode("utf-8", "replace"),
                            }
                        )
                if status is None or status >= 500:
                    self.failures.append(
                        {
                            "url": name,
                            "target": target[:2000],
                            "target_length": len(target),
                            "status": status,
                            "error": error,
                            "seconds": round(took, 3),
                            "snippet": body[:SNIPPET].decode("utf-8", "replace"),
                        }
                    )
                elif (
                    status == 200
                    and url.get("content_type")
                    and content_family(headers.get("content-type", "")) != url["content_type"]
                ):
                    self.type_changes.append(
                        {
                            "url": name,
                            "target": target[:500],
                            "content_type": headers.get("content-type"),
                        }
                    )
                if took >= SLOW_S:
                    self.slow.append(
                        {"url": name, "target": target[:500], "seconds": round(took, 2)}
                    )

    def run(self) -> float:
        started = time.monotonic()
        threads = [threading.Thread(target=self.work, daemon=True) for _ in range(self.threads)]
        for thread in threads:
            thread.start()
        last = 0
        while any(t.is_alive() for t in threads):
            time.sleep(1)
            if self.sent - last >= 1000:
                last = self.sent - self.sent % 1000
                print(
                    f"  {self.sent} sent, {len(self.failures)} failures, "
                    f"{time.monotonic() - started:.0f} s",
                    flush=True,
                )
        return time.monotonic() - started


def baseline(port: int, urls: dict[str, dict], failures: list[dict]) -> list[dict]:
    """Each URL once without a query: its status and content type. Those that send an
    anonymous visitor to the login page are not public: they are dropped from ``urls``.
    A 5xx here is a failure too (added to ``failures``)."""
    not_public = []
    for name in sorted(urls):
        url = urls[name]
        status, headers, _ = raw_get(port, url["path"], REQUEST_TIMEOUT)
        url["baseline_status"] = status
        location = headers.get("location", "")
        if status in (301, 302) and "/login/" in location:
            not_public.append({"name": name, "path": url["path"], "redirects_to": location})
            del urls[name]
            continue
        if status == 200:
            url["content_type"] = content_family(headers.get("content-type", ""))
        if status >= 500:
            failures.append(
                {
                    "url": name,
                    "target": url["path"],
                    "target_length": len(url["path"]),
                    "status": status,
                    "error": "without any query string",
                    "seconds": None,
                    "snippet": "",
                }
            )
    return not_public

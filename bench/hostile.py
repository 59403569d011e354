"""Slow clients and amplification, against the Procfile's gunicorn on loopback (printed by
`make load`, or alone: ``python -m bench.hostile``).

- **Slow clients**: HOSTILE_SLOW sockets trickling headers and as many trickling a POST body,
  a byte every 0.2 s for HOSTILE_SECONDS, while one client asks for ``/api/projects``: the
  latency of its answers (a thread held by a slow client would show here as seconds).
- **Amplification**: the server's CPU time (every gunicorn process, from /proc) for requests
  that cost much before the caps: a 1 MB search of 500,000 words in the map callback, a
  0.9 MB "country" in the detail panel's callback, 40 made-up fingerprints of the biggest
  Dash bundle, 2,000 invented HTTP methods (then the size and time of a /metrics scrape).

Everything goes to 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard import REPO_ROOT

SLOW = int(os.environ.get("HOSTILE_SLOW", "8"))
SECONDS = float(os.environ.get("HOSTILE_SECONDS", "10"))


def server_cpu(session: int) -> float:
    """CPU seconds (user + system) of every process of the server's session."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # the session ID, after state, ppid, pgrp
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def request(url: str, data: bytes | None = None, method: str | None = None) -> int:
    headers = {"Content-Type": "application/json", "Accept-Encoding": "br"}
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=data, headers=headers, method=method), timeout=120
        ) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def trickle(port: int, head: bytes, stop: threading.Event) -> None:
    """Sends ``head``, then a byte every 0.2 s until stopped or refused; reconnects."""
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(head)
                while not stop.wait(0.2):
                    sock.send(b"a")
        except OSError:
            stop.wait(0.1)


def slow_clients(base: str) -> dict[str, Any]:
    port = int(base.rsplit(":", 1)[1])
    heads = [b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "] * SLOW + [
        b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
    ] * SLOW
    stop = threading.Event()
    clients = [threading.Thread(target=trickle, args=(port, h, stop)) for h in heads]
    for client in clients:
        client.start()
    times: list[float] = []
    failures = 0
    try:
        time.sleep(0.5)
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                request(f"{base}/api/projects?country=VNM")
                times.append(time.monotonic() - started)
            except OSError:
                failures += 1
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=10)
    return {
        "slow_sockets": len(heads),
        "answers": len(times),
        "failures": failures,
        "p50_ms": statistics.median(times) * 1000 if times else None,
        "max_ms": max(times) * 1000 if times else None,
    }


def _callback_body(base: str, output_part: str, values: dict[str, Any]) -> bytes:
    from tests.servers import callback_payload

    body = callback_payload(base, output_part)
    for item in body["inputs"]:
        if item["id"] in values:
            item["value"] = values[item["id"]]
    return json.dumps(body).encode()


def amplification(base: str, session: int) -> list[dict[str, Any]]:
    """The server's CPU for each hostile request (or batch), and what it answered."""
    page = urllib.request.urlopen(f"{base}/", timeout=30).read().decode()
    bundle = max(
        (part.split('"')[0] for part in page.split('src="')[1:] if "component-suites" in part),
        key=lambda url: "plotly" in url or "dash_core_components" in url,
    )
    fingerprint = bundle.rsplit("/", 1)[1].split(".")[1]
    search = _callback_body(base, "project-map.figure", {"filter-search": "a " * 500_000})
    detail = _callback_body(
        base, "detail-body", {"country-select": "X" * 900_000, "selected-place": {"province": "x"}}
    )
    cases: list[tuple[str, Callable[[], list[int]]]] = [
        ("map callback, 1 MB search", lambda: [request(f"{base}/_dash-update-component", search)]),
        (
            "detail callback, 0.9 MB country",
            lambda: [request(f"{base}/_dash-update-component", detail)],
        ),
        (
            "40 made-up bundle fingerprints",
            lambda: [
                request(base + bundle.replace(fingerprint, f"v9_9_{n}m{n}")) for n in range(40)
            ],
        ),
        (
            "2,000 invented methods",
            lambda: [request(f"{base}/healthz", method=f"M{n}") for n in range(2000)],
        ),
    ]
    results = []
    for name, run in cases:
        before = server_cpu(session)
        statuses = run()
        results.append(
            {
                "case": name,
                "server_cpu_s": server_cpu(session) - before,
                "statuses": sorted(set(statuses)),
            }
        )
    started = time.monotonic()
    scrape = urllib.request.urlopen(f"{base}/metrics", timeout=30).read()
    results.append(
        {
            "case": "/metrics scrape after them",
            "bytes": len(scrape),
            "seconds": time.monotonic() - started,
            "series": sum(1 for line in scrape.splitlines() if line and not line.startswith(b"#")),
        }
    )
    return results


def report(base: str, session: int) -> dict[str, Any]:
    slow = slow_clients(base)
    print(
        f"slow clients: {slow['slow_sockets']} sockets trickling headers and bodies for "
        f"{SECONDS:.0f} s; a normal request answered {slow['answers']} times, p50 "
        f"{slow['p50_ms'] or 0:.0f} ms, max {slow['max_ms'] or 0:.0f} ms, "
        f"{slow['failures']} failures"
    )
    amplified = amplification(base, session)
    for row in amplified:
        if "server_cpu_s" in row:
            print(f"  {row['case']:36} server CPU {row['server_cpu_s']:6.2f} s, {row['statuses']}")
        else:
            print(
                f"  {row['case']:36} {row['bytes'] / 1000:.1f} kB, {row['series']} series, "
                f"{row['seconds'] * 1000:.0f} ms"
            )
    return {"slow_clients": slow, "amplification": amplified}


def main() -> int:
    from .run import CACHE_DIR, OURS, served

    (CACHE_DIR / "logs").mkdir(parents=True, exist_ok=True)
    env = {"WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2")}
    with served(OURS, REPO_ROOT / "geodata", env) as server:
        found = report(server.base, server.process.pid)
    (CACHE_DIR / "hostile.json").write_text(json.dumps(found, indent=1))
    slow = found["slow_clients"]
    ok = slow["failures"] == 0 and slow["max_ms"] is not None and slow["max_ms"] < 5000
    print("PASS  slow clients held no thread" if ok else "FAIL  slow clients delayed requests")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""`make load`: a bounded load test on loopback against the Procfile's gunicorn.

wrk (Debian's package; C, so that the load generator does not take the CPU the server is
measured on, as a Python client would on two cores) holds LOAD_CONNECTIONS keep-alive
connections (default 300) for LOAD_SECONDS per phase (default 20) in three phases:

1. the page: ``/``, ``/_dash-layout`` and ``/_dash-dependencies`` in turn (what a visit asks
   of the server besides static bundles, which browsers cache for a year);
2. ``/api/projects?country=VNM`` and ``?field=water``, in turn;
3. the filter callback: ``POST /_dash-update-component`` with the payload the real page sent
   (captured in headless Chromium), with eight different filters in turn.

Then the slow-client run and the amplification figures of ``bench/hostile.py``.

Everything goes to 127.0.0.1 only, and stops by itself. Prints requests/s, p50/p95/p99 and
the errors (socket errors, timeouts, and any status other than 2xx/3xx) per phase, and PASS
only when there are none. ``LOAD_GEODATA``: a geodata directory (default: the real data).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from dashboard import REPO_ROOT

from .hostile import report
from .run import CACHE_DIR, OURS, filter_changes, map_payload, page_load, served, with_filter

CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "300"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "20"))
THREADS = 2
TIMEOUT_S = 30  # a request still unanswered after this counts as an error
SLOW_CLIENT_BOUND_MS = 5000  # a normal request among slow clients: answered within this

SCRIPT = r"""
local requests = {}
local index = 0
local headers = {["Accept-Encoding"] = "gzip, deflate, br, zstd",
                 ["Content-Type"] = "application/json"}

function init(args)
  local listing = io.open(args[1]):read("*a")
  for method, path, body_file in listing:gmatch("(%S+) (%S+) (%S+)\n") do
    local body = nil
    if body_file ~= "-" then body = io.open(body_file):read("*a") end
    table.insert(requests, wrk.format(method, path, headers, body))
  end
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def phase(
    name: str, base: str, requests: list[tuple[str, str, bytes | None]], work: Path
) -> dict[str, Any]:
    """One wrk run over the given (method, path, body) requests, taken in turn."""
    lines = []
    for number, (method, path, body) in enumerate(requests):
        body_file = "-"
        if body is not None:
            body_file = str(work / f"{name}-{number}.json")
            Path(body_file).write_bytes(body)
        lines.append(f"{method} {path} {body_file}\n")
    listing = work / f"{name}.txt"
    listing.write_text("".join(lines))
    script = work / "load.lua"
    script.write_text(SCRIPT)
    command = [
        shutil.which("wrk") or "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        f"--timeout={TIMEOUT_S}s",
        "-s",
        str(script),
        base,
        "--",
        str(listing),
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=SECONDS + 120
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    errors = sum(result[key] for key in ("connect", "read", "write", "status", "timeout"))
    return {
        "name": name,
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "requests": result["requests"],
        "p50_ms": result["p50"] / 1000,
        "p95_ms": result["p95"] / 1000,
        "p99_ms": result["p99"] / 1000,
        "max_ms": result["max"] / 1000,
        "errors": errors,
        "error_kinds": {k: result[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    if not shutil.which("wrk"):
        print("wrk is not installed: `make load` installs Debian's package")
        return 2
    geodata = Path(os.environ.get("LOAD_GEODATA", REPO_ROOT / "geodata")).resolve()
    (CACHE_DIR / "logs").mkdir(parents=True, exist_ok=True)
    # The Procfile's defaults: WEB_CONCURRENCY workers (2) of GUNICORN_THREADS threads (4).
    env = {"WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2")}
    results = []
    with served(OURS, geodata, env) as server, tempfile.TemporaryDirectory() as tmp:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            payload = map_payload(page_load(browser, server, OURS).callback_payloads, OURS)
            browser.close()
        bodies = [with_filter(payload, OURS, f, w) for f, w in filter_changes(8)]
        phases = {
            "page": [("GET", p, None) for p in ("/", "/_dash-layout", "/_dash-dependencies")],
            "api": [
                ("GET", "/api/projects?country=VNM", None),
                ("GET", "/api/projects?field=water", None),
            ],
            "callback": [("POST", "/_dash-update-component", body) for body in bodies],
        }
        print(
            f"load: {CONNECTIONS} connections, {SECONDS} s per phase, wrk on 127.0.0.1; "
            f"gunicorn {env['WEB_CONCURRENCY']} workers, data {geodata}"
        )
        for name, requests in phases.items():
            results.append(phase(name, server.base, requests, Path(tmp)))
        hostile = report(server.base, server.process.pid)  # slow clients, amplification
    header = ("phase", "req/s", "requests", "p50", "p95", "p99", "errors")
    print("{:10} {:>8} {:>9} {:>9} {:>9} {:>9} {:>7}".format(*header))
    for r in results:
        print(
            f"{r['name']:10} {r['rps']:8.0f} {r['requests']:9d} {r['p50_ms']:7.0f}ms "
            f"{r['p95_ms']:7.0f}ms {r['p99_ms']:7.0f}ms {r['errors']:7d}"
        )
    (CACHE_DIR / "load.json").write_text(json.dumps({"phases": results, **hostile}, indent=1))
    failed = [r for r in results if r["errors"]]
    slow = hostile["slow_clients"]
    if slow["failures"] or (slow["max_ms"] or SLOW_CLIENT_BOUND_MS) >= SLOW_CLIENT_BOUND_MS:
        print(f"FAIL  slow clients delayed a normal request: {slow}")
        return 1
    for r in failed:
        print(f"FAIL  {r['name']}: errors {r['error_kinds']}")
    print("PASS  zero errors" if not failed else "FAIL  errors under load")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

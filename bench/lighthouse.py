"""`make bench` (second part): Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4× CPU),
with Debian's Chromium, on the pages the public opens first; median of three runs each,
side by side in one run with the naive Dash recipe (``bench/baseline.py``) and a floor: a
static page of the same provinces and sites as inline SVG (what a browser can do at best).

All three are served on loopback (the app and the baseline by gunicorn as the Procfile
serves them, over the default dataset); Chromium resolves no other host. Results are also
written to ``.cache/bench/lighthouse.json``. Exit status 1 when a target fails.

Environment: ``LIGHTHOUSE_RUNS`` (default 3), ``LIGHTHOUSE_PAGES`` (comma-separated names of
``PAGES`` to run, default all).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard import REPO_ROOT
from dashboard.data.boundaries import LAYER_IMPLEMENTED, load_admin1
from dashboard.figures.preview import _Projection
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

from .generate import CACHE_DIR
from .run import BASELINE, COUNTRY, OURS, full_resolution_geojson, served

VERSION = "12.2.3"  # pinned: 13.x needs Node 22
LIGHTHOUSE = REPO_ROOT / ".cache" / f"lighthouse-{VERSION}" / "node_modules" / ".bin" / "lighthouse"
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
FLAGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
GEODATA = REPO_ROOT / "geodata"

# (name, which server, path, targets: performance at least, LCP at most in ms)
PAGES: list[tuple[str, str, str, float | None, float | None]] = [
    ("map VNM", "app", f"/?country={COUNTRY}", 0.80, 2500),
    ("project page", "app", "/project/VN03", 0.90, 2500),
    ("embed", "app", f"/embed?country={COUNTRY}", 0.90, 2500),
    ("world", "app", "/?view=world", 0.80, 2500),
    ("map VNM, ja", "app", f"/?country={COUNTRY}&lang=ja", 0.80, 2500),
    ("naive recipe", "baseline", "/", None, None),
    ("static SVG floor", "floor", "/", None, None),
]
CLS_TARGET = 0.05
HEADER = "page                perf      LCP     TBT    CLS      TTI     bytes   SEO  a11y"


@dataclass(frozen=True)
class Run:
    performance: float
    seo: float
    accessibility: float
    lcp_ms: float
    tbt_ms: float
    cls: float
    tti_ms: float
    bytes: float
    failed: tuple[str, ...] = ()  # the SEO and accessibility audits that failed


def _failed(report: dict[str, Any]) -> tuple[str, ...]:
    refs = [
        ref["id"]
        for category in ("seo", "accessibility")
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight")
    ]
    return tuple(a for a in refs if report["audits"][a].get("score") not in (None, 1, 1.0))


def lighthouse(url: str) -> Run:
    """One Lighthouse run (mobile: its default form factor and simulated throttling)."""
    flags = " ".join(FLAGS)
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--only-categories=performance,accessibility,seo",
            f"--chrome-flags={flags}",
            "--max-wait-for-load=90000",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(done.stdout)
    audits, categories = report["audits"], report["categories"]

    def value(audit: str) -> float:
        return float(audits[audit].get("numericValue") or 0.0)

    return Run(
        performance=float(categories["performance"]["score"] or 0.0),
        seo=float(categories["seo"]["score"] or 0.0),
        accessibility=float(categories["accessibility"]["score"] or 0.0),
        lcp_ms=value("largest-contentful-paint"),
        tbt_ms=value("total-blocking-time"),
        cls=value("cumulative-layout-shift"),
        tti_ms=value("interactive"),
        bytes=value("total-byte-weight"),
        failed=_failed(report),
    )


def median_run(runs: list[Run]) -> Run:
    """Each figure's median over the runs (Lighthouse's own advice for variance)."""
    numbers = [name for name in Run.__dataclass_fields__ if name != "failed"]
    failed = tuple(sorted({audit for run in runs for audit in run.failed}))
    return Run(
        **{name: statistics.median(getattr(r, name) for r in runs) for name in numbers},
        failed=failed,
    )


def floor_page(directory: Path) -> None:
    """The same provinces and sites as a static page with an inline SVG: no script at all."""
    provinces = load_admin1(GEODATA / "boundaries", COUNTRY, LAYER_IMPLEMENTED)
    west, south, east, north = provinces.total_bounds
    project = _Projection((west, south, east, north), (0, 0, 360, 560))
    paths = []
    for geometry in provinces.geometry.simplify(0.01):
        parts = getattr(geometry, "geoms", [geometry])
        rings = [
            "M"
            + "L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*c[:2]) for c in p.exterior.coords))
            for p in parts
        ]
        paths.append(f'<path d="{"".join(rings)}Z" fill="#deebf7" stroke="#8a9aa8"/>')
    records = json.loads((GEODATA / "projects.json").read_text(encoding="utf-8"))["projects"]
    dots = [
        '<circle cx="{:.1f}" cy="{:.1f}" r="5" fill="#88CCEE" stroke="#333"/>'.format(
            *project(loc["lon"], loc["lat"])
        )
        for record in records
        for loc in record["locations"]
        if loc["country"] == COUNTRY and loc.get("precision", 9) <= 2  # IATI: exact or near
    ]
    (directory / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Floor: a static map</title>"
        '<meta name="description" content="A static SVG map: the floor of the benchmark.">'
        "</head><body><main><h1>Projects in Viet Nam</h1>"
        f'<svg viewBox="0 0 360 560" width="100%" role="img" aria-label="Map">{"".join(paths)}'
        f"{''.join(dots)}</svg></main></body></html>",
        encoding="utf-8",
    )
    (directory / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def floor_server() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        floor_page(Path(folder))
        handler = functools.partial(_QuietHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


def _row(name: str, run: Run) -> str:
    return (
        f"{name:<18} {run.performance:>5.2f} {run.lcp_ms / 1000:>6.1f} s"
        f" {run.tbt_ms / 1000:>5.1f} s {run.cls:>6.3f} {run.tti_ms / 1000:>6.1f} s"
        f" {run.bytes / 1e6:>6.2f} MB"
        f" {run.seo:>5.2f} {run.accessibility:>5.2f}"
        + (f"  failed: {', '.join(run.failed)}" if run.failed else "")
    )


def checks_of(
    name: str, run: Run, performance: float | None, lcp: float | None
) -> list[tuple[str, bool]]:
    if performance is None or lcp is None:
        return []
    return [
        (
            f"{name}: performance {run.performance:.2f} ≥ {performance:.2f}",
            run.performance >= performance,
        ),
        (f"{name}: LCP {run.lcp_ms / 1000:.1f} s ≤ {lcp / 1000:.1f} s", run.lcp_ms <= lcp),
        (f"{name}: CLS {run.cls:.3f} ≤ {CLS_TARGET}", run.cls <= CLS_TARGET),
        (f"{name}: SEO {run.seo:.2f} = 1.00", run.seo >= 1.0),
        (f"{name}: accessibility {run.accessibility:.2f} = 1.00", run.accessibility >= 1.0),
    ]


def main() -> int:
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: `make bench` installs lighthouse@{VERSION}")
        return 2
    (CACHE_DIR / "logs").mkdir(parents=True, exist_ok=True)
    wanted = set(filter(None, os.environ.get("LIGHTHOUSE_PAGES", "").split(",")))
    pages = [page for page in PAGES if not wanted or page[0] in wanted]
    env = {"BENCH_FULL_GEOJSON": str(full_resolution_geojson()), "JPP_DEFAULT_COUNTRY": COUNTRY}
    started = time.monotonic()
    results: dict[str, Any] = {}
    checks: list[tuple[str, bool]] = []
    with (
        served(OURS, GEODATA, env) as app,
        served(BASELINE, GEODATA, env) as baseline,
        floor_server() as floor,
    ):
        bases = {"app": app.base, "baseline": baseline.base, "floor": floor}
        print(f"Lighthouse {VERSION}, mobile, median of {RUNS}")
        print(HEADER)
        for name, server, path, performance, lcp in pages:
            url = bases[server] + path
            lighthouse(url)  # a first visit warms the server's caches, not measured
            run = median_run([lighthouse(url) for _ in range(RUNS)])
            results[name] = {"url": path, **run.__dict__}
            print(_row(name, run), flush=True)
            checks += checks_of(name, run, performance, lcp)
    (CACHE_DIR / "lighthouse.json").write_text(json.dumps(results, indent=1))
    print(f"\n== Lighthouse targets (took {time.monotonic() - started:,.0f} s) ==")
    for name, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

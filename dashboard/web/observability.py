"""Operations: a request ID, one JSON access-log line per request, and /metrics.

Under gunicorn (the Procfile) the access log is written by ``JsonAccessLogger``, after the
body was sent, so its duration and byte count are what the client got. Metrics are counted
by a WSGI middleware around the whole Flask app once the answer is ready, labelled with the
Flask route template, and exposed in Prometheus' text format; across gunicorn's worker
processes they are summed through prometheus_client's multiprocess mode
(``PROMETHEUS_MULTIPROC_DIR``, set up by ``dashboard/gunicorn_conf.py``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from dash import Dash
from flask import Flask, request
from gunicorn.glogging import Logger
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from ..settings import Settings

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID = "jpp.request_id"  # WSGI environ keys, read by the access logger
ROUTE = "jpp.route"
UNMATCHED = "<unmatched>"  # no route: one label, not one per URL someone tried
# Label values come from fixed sets, so that requests cannot add series: an HTTP method
# outside this set is counted as "other" (20,000 invented methods made 20,535 series).
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"})
OTHER = "other"
# A proxy's request ID is kept when it looks like one, so that logs can be joined.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

disable_created_metrics()  # the *_created series only double what a scraper needs

# One set of metrics per process, however many apps a test builds; registered in a private
# registry so that creating an app twice never registers a metric twice.
_PROCESS_REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "jpp_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
    registry=_PROCESS_REGISTRY,
)
LATENCY = Histogram(
    "jpp_http_request_duration_seconds",
    "Time from receiving a request to its answer being ready to send, by route template.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=_PROCESS_REGISTRY,
)


def request_id(environ: dict[str, Any]) -> str:
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    return incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex


class MetricsMiddleware:
    """Gives each request an ID (answered in X-Request-ID) and counts and times it."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        rid = environ[REQUEST_ID] = request_id(environ)
        status: list[str] = []

        def start(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [code.split(" ", 1)[0]]
            headers.append((REQUEST_ID_HEADER, rid))
            return start_response(code, headers, exc_info)

        def record() -> None:
            route = environ.get(ROUTE, UNMATCHED)
            method = environ.get("REQUEST_METHOD", "")
            method = method if method in METHODS else OTHER
            code = status[0] if status else "500"
            code = code if len(code) == 3 and code.isdigit() else OTHER
            REQUESTS.labels(route, method, code).inc()
            LATENCY.labels(route).observe(time.perf_counter() - started)

        # Counted once the answer is ready, before its body is sent: a client that has read
        # the answer and then scrapes /metrics (from any worker) finds it counted.
        try:
            return self.app(environ, start)
        finally:
            record()


# Control characters (a newline from a path's %0a) written as escapes: a request cannot
# start a log line of its own.
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F]} | {
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def escape_controls(text: str) -> str:
    return text.translate(_CONTROL)


class OneLineMessages(logging.Filter):
    """Escapes control characters in a record's message (``Exception on /a%0aforged``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = escape_controls(message)
        if escaped != message:
            record.msg, record.args = escaped, None
        return True


class JsonAccessLogger(Logger):
    """gunicorn's logger, with one JSON object per line in place of the Apache access format."""

    def access(self, resp: Any, req: Any, environ: dict, request_time: timedelta) -> None:
        if not self.access_log_enabled:
            return
        status = getattr(resp, "status", None) or getattr(resp, "status_code", "")
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "request_id": environ.get(REQUEST_ID),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "route": environ.get(ROUTE),
            "status": int(str(status).split(" ", 1)[0] or 0),
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "bytes": getattr(resp, "sent", None),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "referer": environ.get("HTTP_REFERER"),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:  # a log line must never break a request
            self.exception("could not write the access log")


class DataCollector:
    """Gauges read at scrape time from the data the answering worker serves."""

    def __init__(self, app: Flask, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def collect(self) -> Iterator[Metric]:
        repository = self.app.extensions.get("jpp_repository")
        if repository is not None:
            yield GaugeMetricFamily(
                "jpp_projects_loaded",
                "Projects in the data this worker serves.",
                value=len(repository.store),
            )
        path = self.settings.projects_file
        if path.exists():
            yield GaugeMetricFamily(
                "jpp_data_file_mtime_seconds",
                "Last modification of the projects file (Unix time).",
                value=path.stat().st_mtime,
            )


class _ProcessMetrics:
    def collect(self) -> Iterator[Metric]:
        return iter(_PROCESS_REGISTRY.collect())


def metrics_text(app: Flask, settings: Settings) -> bytes:
    """Every worker's counts (multiprocess mode) or this process's, and the data gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_ProcessMetrics())
    registry.register(DataCollector(app, settings))
    return generate_latest(registry)


def install(app: Dash, settings: Settings) -> None:
    server: Flask = app.server

    @server.before_request
    def remember_route() -> None:
        """The route template (``/api/projects``), for metrics and the access log."""
        rule = request.url_rule
        request.environ[ROUTE] = rule.rule if rule is not None else UNMATCHED

    one_line = OneLineMessages()
    # Flask's "Exception on <path> [<method>]" and the callback guard's lines name what a
    # request sent. (A filter acts on the logger a record is logged to, not its children.)
    for logger in (server.logger, logging.getLogger("dashboard.security")):
        if not any(isinstance(f, OneLineMessages) for f in logger.filters):
            logger.addFilter(one_line)
    server.wsgi_app = MetricsMiddleware(server.wsgi_app)  # type: ignore[method-assign]

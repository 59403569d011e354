"""gunicorn settings from the environment: HOST and PORT, as the Procfile and `make run` use."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # gunicorn ships no types: its classes name what the hooks are given
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gunicorn's gthread, reading each request whole in its event loop before a thread gets it:
# clients that trickle headers or a body hold no thread (dashboard/web/worker.py; README,
# "Security and operations"). It assumes plain HTTP (TLS ends at the platform's router).
worker_class = "dashboard.web.worker.BufferingThreadWorker"
timeout = 60
preload_app = True
accesslog = "-"
# One JSON object per request on stdout (dashboard/web/observability.py).
logger_class = "dashboard.web.observability.JsonAccessLogger"
# Request limits before the app: the request line (method, path and query) and headers.
# The line's limit is gunicorn's largest, above the app's own 4,096-byte limit on the query
# string, so that a long query is refused by the app, as JSON that names the limit.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
reload = False  # never the development reloader in production

# /metrics sums the counts of every worker through files in this directory (prometheus_client
# multiprocess mode). It must be set before the app, and so prometheus_client, is imported.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or ""
_own_metrics_dir = not _metrics_dir
if _own_metrics_dir:
    _metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="jpp-metrics-")
else:  # counts start at zero: drop what a previous run left in the operator's directory
    Path(_metrics_dir).mkdir(parents=True, exist_ok=True)
    for _stale in Path(_metrics_dir).glob("*.db"):
        _stale.unlink(missing_ok=True)


def child_exit(server: Arbiter, worker: Worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Arbiter) -> None:
    if _own_metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)

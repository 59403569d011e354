"""What operators and their load balancers ask: /healthz and /metrics; and each process
that serves requests (each gunicorn worker, not the master) starts polling the data."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from prometheus_client import CONTENT_TYPE_LATEST

from ..data.repository import Repository
from ..settings import Settings
from .observability import metrics_text


def create_ops_blueprint(repository: Repository, settings: Settings) -> Blueprint:
    ops = Blueprint("ops", __name__)
    ops.before_app_request(repository.start_polling)

    @ops.get("/healthz")
    def healthz() -> Response:
        """200 also when "degraded": every instance loses the same database at once, and a
        load balancer that took them all out would stop serving the data they still have."""
        health = repository.health()
        store = repository.store
        return jsonify(
            **health,
            data_version=store.version,
            data_date=store.data_date.isoformat() if store.data_date else None,
        )

    @ops.get("/metrics")
    def metrics() -> Response:
        return Response(metrics_text(current_app, settings), content_type=CONTENT_TYPE_LATEST)

    return ops

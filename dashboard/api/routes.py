"""Flask routes of the API; they parse, call the shared filter code and serialise."""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ..data.filters import select
from ..data.repository import Repository
from . import serialize
from .params import ParameterError, parse_filter


def _bad_request(error: ParameterError) -> tuple[Response, int]:
    return jsonify(error={"parameter": error.parameter, "message": error.message}), 400


def create_blueprint(repository: Repository) -> Blueprint:
    api = Blueprint("api", __name__)

    def filtered(render: Callable) -> Callable[[], object]:
        def view() -> object:
            try:
                spec = parse_filter(
                    request.args.to_dict(flat=False), repository.boundaries.provinces
                )
            except ParameterError as error:
                return _bad_request(error)
            store = repository.store
            return render(store, select(store, spec))

        view.__name__ = render.__name__
        return view

    @api.get("/api/projects")
    @filtered
    def projects(store, selection):  # type: ignore[no-untyped-def]
        items = serialize.records(store, selection, repository.boundaries)
        return jsonify(count=len(items), projects=items)

    @api.get("/api/projects.geojson")
    @filtered
    def projects_geojson(store, selection):  # type: ignore[no-untyped-def]
        body = json.dumps(
            serialize.feature_collection(store, selection, repository.boundaries),
            ensure_ascii=False,
        )
        return Response(body, mimetype="application/geo+json")

    @api.get("/api/projects.csv")
    @filtered
    def projects_csv(store, selection):  # type: ignore[no-untyped-def]
        body = serialize.csv_text(store, selection, repository.boundaries)
        return Response(
            body.encode("utf-8"),
            mimetype="text/csv",
            headers={
                "Content-Disposition": 'attachment; filename="jpp-projects.csv"',
                "Content-Type": "text/csv; charset=utf-8",
            },
        )

    @api.route("/api/<path:unknown>")
    def not_found(unknown: str) -> tuple[Response, int]:
        message = f"no such endpoint: /api/{unknown}"
        return jsonify(error={"parameter": None, "message": message}), 404

    @api.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok", projects=len(repository.store))

    @api.app_errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        if request.path.startswith("/api/"):
            return jsonify(error={"parameter": None, "message": error.description}), error.code
        return error

    return api

"""Flask routes of the API; they parse, call the shared filter code and serialise."""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ..data.exchange.writers import FORMATS, export_bytes
from ..data.repository import Repository
from ..data.summaries import selected_projects
from . import serialize
from .cache import AnswerCache
from .params import ParameterError, parse_filter


def _bad_request(error: ParameterError) -> tuple[Response, int]:
    return jsonify(error={"parameter": error.parameter, "message": error.message}), 400


def create_blueprint(repository: Repository, cache: AnswerCache | None = None) -> Blueprint:
    """``cache``: answers shared through Redis (``cache.py``); none by default."""
    api = Blueprint("api", __name__)
    cache = cache or AnswerCache(None)
    # Each process that serves requests (each gunicorn worker) polls the data source.
    api.before_app_request(repository.start_polling)

    def filtered(render: Callable) -> Callable[[], object]:
        def view() -> object:
            try:
                spec = parse_filter(
                    request.args.to_dict(flat=False), repository.boundaries.provinces
                )
            except ParameterError as error:
                return _bad_request(error)
            if not cache.enabled:
                return render(*repository.select(spec))
            current, version = repository.current()
            key = cache.key(render.__name__, version, spec)
            hit = cache.get(key)
            if hit is not None:
                headers, body = hit
                response = Response(body, headers=headers)
                response.headers["X-Cache"] = "hit"
                return response
            store, selection = repository.select(spec)
            response = render(store, selection)
            if response.status_code == 200 and store is current:
                cache.set(key, dict(response.headers), response.get_data())
            response.headers["X-Cache"] = "miss"
            return response

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

    def export(fmt: str) -> Callable:
        """The filtered projects as a project list staff can open, correct and import."""

        def render(store, selection):  # type: ignore[no-untyped-def]
            names = {code: p.name_en for code, p in repository.boundaries.provinces.items()}
            body = export_bytes(fmt, selected_projects(store, selection), names)
            mimetype, extension = FORMATS[fmt]
            response = Response(body, mimetype=mimetype.split(";")[0])
            response.headers["Content-Type"] = mimetype
            response.headers["Content-Disposition"] = (
                f'attachment; filename="jpp-projects.{extension}"'
            )
            return response

        render.__name__ = f"export_{fmt}"
        return filtered(render)

    api.add_url_rule("/api/projects.csv", "projects_csv", export("csv"))
    api.add_url_rule("/export/projects.csv", "export_csv", export("csv"))
    api.add_url_rule("/export/projects.xlsx", "export_xlsx", export("xlsx"))
    api.add_url_rule("/export/projects.geojson", "export_geojson", export("geojson"))

    @api.route("/api/<path:unknown>")
    def not_found(unknown: str) -> tuple[Response, int]:
        message = f"no such endpoint: /api/{unknown}"
        return jsonify(error={"parameter": None, "message": message}), 404

    @api.get("/healthz")
    def healthz() -> Response:
        """200 also when "degraded": every instance loses the same database at once, and a
        load balancer that took them all out would stop serving the data they still have."""
        return jsonify(repository.health())

    @api.app_errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        if request.path.startswith("/api/"):
            return jsonify(error={"parameter": None, "message": error.description}), error.code
        return error

    return api

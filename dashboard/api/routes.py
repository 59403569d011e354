"""Flask routes of the API; they parse, call the shared filter code and serialise."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache as cache_forever
from typing import Any

from flask import Blueprint, Response, g, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from ..data.exchange.writers import FORMATS, export_bytes
from ..data.filter_query import ANSWER_PARAMETERS, ParameterError, parse_filter
from ..data.filters import Selection
from ..data.loading import ProjectStore
from ..data.repository import Repository
from ..data.summaries import selected_projects
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from . import openapi, serialize
from .cache import AnswerCache

# The most projects one export request may hold, per format: an Excel file costs ~0.45 ms
# of CPU per project (20,000 took 10-12 s), CSV and GeoJSON ~0.04 and ~0.08 ms. Every "as of"
# date is a new answer, so no cache bounds what a request costs: these do. More answers 400
# with the count and how to narrow the filter.
MAX_EXPORT_PROJECTS = {"xlsx": 2_000, "csv": 20_000, "geojson": 20_000}

# What a filtered endpoint makes of the selection its query asks for.
Render = Callable[[ProjectStore, Selection], Response]


@cache_forever
def _openapi() -> dict[str, Any]:
    return openapi.spec()


def _bad_request(error: ParameterError) -> tuple[Response, int]:
    return jsonify(error={"parameter": error.parameter, "message": error.message}), 400


def _too_many(fmt: str, count: int, most: int) -> Response:
    csv = MAX_EXPORT_PROJECTS["csv"]
    instead = f", or export as CSV (up to {csv:,})" if fmt != "csv" and count <= csv else ""
    message = (
        f"this filter selects {count:,} projects; one {fmt} export holds at most {most:,}: "
        f"narrow it (country, province, field, start years){instead}"
    )
    response = jsonify(error={"parameter": None, "message": message})
    response.status_code = 400
    return response


def data_headers(response: Response, store: ProjectStore) -> Response:
    """Every answer names its data: CSV and Excel have nowhere else to say it."""
    response.headers["X-Data-Version"] = store.version
    if store.data_date:
        response.headers["X-Data-Date"] = store.data_date.isoformat()
    return response


def _language(args: dict[str, list[str]]) -> str:
    """``lang`` for the texts of JSON answers (``data.statement``): en, ja or vi."""
    values = args.get("lang") or [DEFAULT_LANGUAGE]
    if len(values) > 1 or values[0] not in LANGUAGES:
        raise ParameterError("lang", f"use one of {', '.join(LANGUAGES)}")
    return values[0]


def create_blueprint(repository: Repository, cache: AnswerCache | None = None) -> Blueprint:
    """``cache``: answers shared through Redis (``cache.py``); none by default."""
    api = Blueprint("api", __name__)
    cache = cache or AnswerCache(None)

    def filtered(render: Render) -> Callable[[], ResponseReturnValue]:
        def view() -> ResponseReturnValue:
            args = request.args.to_dict(flat=False)
            try:
                spec = parse_filter(
                    args, repository.boundaries.provinces, other_parameters=ANSWER_PARAMETERS
                )
                g.jpp_lang = _language(args)
            except ParameterError as error:
                return _bad_request(error)
            g.jpp_as_of = spec.as_of or date.today()
            if not cache.enabled:
                store, selection = repository.select(spec)
                return data_headers(render(store, selection), store)
            current, version = repository.current()
            key = cache.key(f"{render.__name__}/{g.jpp_lang}", version, spec)
            hit = cache.get(key)
            if hit is not None:
                headers, body = hit
                response = Response(body, headers=headers)
                response.headers["X-Cache"] = "hit"
                return data_headers(response, current)
            store, selection = repository.select(spec)
            response = render(store, selection)
            if response.status_code == 200 and store is current:
                cache.set(key, dict(response.headers), response.get_data())
            response.headers["X-Cache"] = "miss"
            return data_headers(response, store)

        view.__name__ = render.__name__
        return view

    @api.get("/api/projects")
    @filtered
    def projects(store: ProjectStore, selection: Selection) -> Response:
        items = serialize.records(store, selection, repository.boundaries)
        return jsonify(
            count=len(items),
            as_of=g.jpp_as_of.isoformat(),
            data=serialize.data_block(store, g.jpp_lang),
            labels=serialize.labels(g.jpp_lang),
            projects=items,
        )

    @api.get("/api/projects.geojson")
    @filtered
    def projects_geojson(store: ProjectStore, selection: Selection) -> Response:
        collection = serialize.feature_collection(store, selection, repository.boundaries)
        # Foreign members of the FeatureCollection (RFC 7946, section 6.1): GeoJSON readers
        # keep the features and leave these be.
        collection["as_of"] = g.jpp_as_of.isoformat()
        collection["data"] = serialize.data_block(store, g.jpp_lang)
        collection["labels"] = serialize.labels(g.jpp_lang)
        body = json.dumps(collection, ensure_ascii=False)
        return Response(body, mimetype="application/geo+json")

    def export(fmt: str) -> Callable[[], ResponseReturnValue]:
        """The filtered projects as a project list staff can open, correct and import."""

        def render(store: ProjectStore, selection: Selection) -> Response:
            most = MAX_EXPORT_PROJECTS[fmt]
            if selection.count > most:
                return _too_many(fmt, selection.count, most)
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

    @api.get("/api/openapi.json")
    def openapi_json() -> Response:
        """The API's OpenAPI description (openapi.py)."""
        return jsonify(_openapi())

    @api.app_errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        if request.path.startswith("/api/"):
            message = {"parameter": None, "message": error.description}
            return jsonify(error=message), error.code or 500
        return error

    return api

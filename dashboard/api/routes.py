"""Flask routes of the API; they parse, call the shared filter code and serialise."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache as cache_forever
from functools import partial
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
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from . import openapi, serialize
from .cache import AnswerCache
from .exports import LAYERS, VIEWS, ExportRequest, export_file_name, export_options
from .iati import iati_render

# The most projects one export request may hold, per format: an Excel file costs ~0.45 ms
# of CPU per project (20,000 took 10-12 s), CSV and GeoJSON ~0.04 and ~0.08 ms; with the
# sheet of sites, the derived columns and the statement (2026-12-06, 2,000 projects): Excel
# 0.72 ms (0.49 before on the same machine), CSV 0.07 (0.06), GeoJSON 0.14 (0.10). Every "as of"
# date is a new answer, so no cache bounds what a request costs: these do. More answers 400
# with the count and how to narrow the filter.
MAX_EXPORT_PROJECTS = {"xlsx": 2_000, "csv": 20_000, "geojson": 20_000}

# What a filtered endpoint makes of the selection its query asks for.
Render = Callable[[ProjectStore, Selection], Response]
# Read by the downloads besides the filter and ``lang``: the page's overview (the file's name
# and statement) and its province layer (Viet Nam's 2025 provinces in a column of their own).
EXPORT_PARAMETERS = frozenset({"view", "layer"})


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


def _choice(args: dict[str, list[str]], name: str, choices: Collection[str]) -> str | None:
    values = args.get(name) or []
    if len(values) > 1 or (values and values[0] not in choices):
        raise ParameterError(name, f"use one of {', '.join(choices)}")
    return values[0] if values else None


def _language(args: dict[str, list[str]]) -> str:
    """``lang`` for the texts of JSON answers (``data.statement``) and the downloads' headers
    and statement: en, ja or vi."""
    return _choice(args, "lang", LANGUAGES) or DEFAULT_LANGUAGE


def _export_view(args: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """``view`` (world, japan) and ``layer`` (implemented, current) of a download."""
    return _choice(args, "view", VIEWS), _choice(args, "layer", LAYERS)


def create_blueprint(repository: Repository, cache: AnswerCache | None = None) -> Blueprint:
    """``cache``: answers shared through Redis (``cache.py``); none by default."""
    api = Blueprint("api", __name__)
    cache = cache or AnswerCache(None)

    def filtered(
        render: Render, extra: frozenset[str] = frozenset()
    ) -> Callable[[], ResponseReturnValue]:
        def view() -> ResponseReturnValue:
            args = request.args.to_dict(flat=False)
            try:
                spec = parse_filter(
                    args,
                    repository.boundaries.all_units,
                    other_parameters=ANSWER_PARAMETERS | extra,
                )
                g.jpp_lang = _language(args)
                g.jpp_view, g.jpp_layer = _export_view(args) if extra else (None, None)
            except ParameterError as error:
                return _bad_request(error)
            g.jpp_spec = spec
            g.jpp_as_of = spec.as_of or date.today()
            if not cache.enabled:
                store, selection = repository.select(spec)
                return data_headers(render(store, selection), store)
            current, version = repository.current()
            answer = f"{render.__name__}/{g.jpp_lang}/{g.jpp_view}/{g.jpp_layer}"
            key = cache.key(answer, version, spec)
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

    # The page's own parameters (view, layer) are read here too, so a page's query pasted on
    # the API answers: they name a download and add its columns, the records are the same.
    page_query = partial(filtered, extra=EXPORT_PARAMETERS)

    @api.get("/api/projects")
    @page_query
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
    @page_query
    def projects_geojson(store: ProjectStore, selection: Selection) -> Response:
        collection = serialize.feature_collection(store, selection, repository.boundaries)
        # Foreign members of the FeatureCollection (RFC 7946, section 6.1): GeoJSON readers
        # keep the features and leave these be.
        collection["as_of"] = g.jpp_as_of.isoformat()
        collection["data"] = serialize.data_block(store, g.jpp_lang)
        collection["labels"] = serialize.labels(g.jpp_lang)
        body = json.dumps(collection, ensure_ascii=False)
        return Response(body, mimetype="application/geo+json")

    def export(fmt: str, plain: bool = False) -> Callable[[], ResponseReturnValue]:
        """The filtered projects as a project list staff can open, correct and import, in
        the page's language, with the page's view and layer. ``plain``: the API's CSV, a
        table from its first line for programs (no statement above it)."""

        def render(store: ProjectStore, selection: Selection) -> Response:
            most = MAX_EXPORT_PROJECTS[fmt]
            if selection.count > most:
                return _too_many(fmt, selection.count, most)
            boundaries = repository.boundaries
            names = {code: p.name_en for code, p in boundaries.provinces.items()}
            wanted = ExportRequest(fmt, g.jpp_lang, g.jpp_view, g.jpp_layer)
            made_at = datetime.now(UTC).replace(microsecond=0)
            spec = g.jpp_spec
            options = export_options(
                store, selection, spec, wanted, boundaries, translator(g.jpp_lang), made_at
            )
            if plain:
                options = replace(options, statement=())
            body = export_bytes(fmt, selected_projects(store, selection), names, options)
            mimetype, extension = FORMATS[fmt]
            response = Response(body, mimetype=mimetype.split(";")[0])
            response.headers["Content-Type"] = mimetype
            name = export_file_name(extension, spec, g.jpp_view, options.as_of or g.jpp_as_of)
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
            return response

        render.__name__ = f"export_{fmt}" + ("_plain" if plain else "")
        return filtered(render, EXPORT_PARAMETERS)

    api.add_url_rule("/api/projects.csv", "projects_csv", export("csv", plain=True))
    api.add_url_rule("/export/projects.csv", "export_csv", export("csv"))
    api.add_url_rule("/export/projects.xlsx", "export_xlsx", export("xlsx"))
    api.add_url_rule("/export/projects.geojson", "export_geojson", export("geojson"))
    # The selection as an IATI 2.03 activity file (api/iati.py, data/exchange/iati/).
    api.add_url_rule("/api/projects.iati.xml", "projects_iati", page_query(iati_render(repository)))

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

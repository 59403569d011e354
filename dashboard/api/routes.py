"""Flask routes of the API; they parse, call the shared filter code and serialise."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache as cache_forever
from functools import partial
from typing import Any

import numpy as np
from flask import Blueprint, Response, g, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date, parse_date

from ..data.exchange.writers import FORMATS, export_bytes, to_sites_csv
from ..data.filter_query import (
    ANSWER_PARAMETERS,
    ParameterError,
    parse_filter,
    read_as_of,
    to_query,
)
from ..data.filters import ProjectFilter, Selection, statuses_as_of
from ..data.loading import ProjectStore
from ..data.repository import BoundaryIndex, Repository
from ..data.summaries import selected_projects
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from . import conditional, listing, openapi, serialize
from .cache import AnswerCache
from .cors import ANY, cors_headers, preflight_headers
from .exports import (
    FILE_PREFIX,
    LAYERS,
    SITES_PREFIX,
    VIEWS,
    ExportRequest,
    export_file_name,
    export_options,
    unit_names,
)
from .iati import iati_render
from .vocabularies import vocabularies

# The most projects one export request may hold, per format: an Excel file costs ~0.45 ms
# of CPU per project (20,000 took 10-12 s), CSV and GeoJSON ~0.04 and ~0.08 ms; with the
# sheet of sites, the derived columns and the statement (2026-12-06, 2,000 projects): Excel
# 0.72 ms (0.49 before on the same machine), CSV 0.07 (0.06), GeoJSON 0.14 (0.10). Every "as of"
# date is a new answer, so no cache bounds what a request costs: these do. More answers 400
# with the count and how to narrow the filter.
MAX_EXPORT_PROJECTS = {"xlsx": 2_000, "csv": 20_000, "geojson": 20_000}

# Answers made as the client reads them (a generator), never whole in memory: the full
# selection as NDJSON, the answer to use for all of a country's projects at once.
STREAMED = frozenset({"projects_ndjson"})
# What a filtered endpoint makes of the selection its query asks for.
Render = Callable[[ProjectStore, Selection], Response]
# Read by the downloads besides the filter and ``lang``: the page's overview (the file's name
# and statement) and its province layer (Viet Nam's 2025 provinces in a column of their own).
EXPORT_PARAMETERS = frozenset({"view", "layer"})
# The list answers (JSON, GeoJSON) also read their page, their records' fields and order.
LIST_PARAMETERS = EXPORT_PARAMETERS | listing.LISTING_PARAMETERS
# What one project's answer reads (``view`` and ``layer`` checked, so that a page's query
# answers: the record is the same).
PROJECT_PARAMETERS = frozenset({"lang", "fields", "as_of"}) | EXPORT_PARAMETERS
MAX_PROJECT_ID = 40


@dataclass(frozen=True)
class Listing:
    """A list answer's page, record fields and order, as the query asked."""

    page: listing.Page
    fields: tuple[str, ...] | None
    sort: tuple[listing.SortKey, ...]

    @classmethod
    def read(cls, args: dict[str, list[str]]) -> Listing:
        return cls(listing.read_page(args), listing.read_fields(args), listing.read_sort(args))


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


def _known_parameters(args: dict[str, list[str]], known: frozenset[str]) -> None:
    unknown = sorted(set(args) - known)
    if unknown:
        message = f"unknown parameter; use one of {', '.join(sorted(known))}"
        raise ParameterError(unknown[0], message)


def _as_of(args: dict[str, list[str]]) -> date | None:
    values = args.get("as_of") or []
    if len(values) > 1:
        raise ParameterError("as_of", "give it once")
    try:
        reading = read_as_of(values[0] if values else None)
    except ValueError as error:
        raise ParameterError("as_of", str(error)) from None
    return reading.day if reading else None


def _export_view(args: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """``view`` (world, japan) and ``layer`` (implemented, current) of a download."""
    return _choice(args, "view", VIEWS), _choice(args, "layer", LAYERS)


def _validators(store: ProjectStore, key: tuple[str, ...], follows_today: bool) -> dict[str, str]:
    """ETag, Last-Modified and Cache-Control of an answer (``conditional.py``)."""
    headers = {
        "ETag": f'W/"{conditional.etag(store.version, request.path, key)}"',
        "Cache-Control": conditional.CACHE_CONTROL,
    }
    modified = conditional.last_modified(store.data_date, date.today() if follows_today else None)
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)
    return headers


def _unchanged(headers: dict[str, str]) -> bool:
    """Whether the client's copy (If-None-Match, If-Modified-Since) is still this answer."""
    if_none_match = request.headers.get("If-None-Match")
    tags = [tag.strip() for tag in if_none_match.split(",")] if if_none_match else None
    tag = headers["ETag"].removeprefix("W/").strip('"')
    modified = parse_date(headers.get("Last-Modified"))
    return conditional.not_modified(tag, modified, tags, request.if_modified_since)


def _answer_or_304(
    store: ProjectStore, key: tuple[str, ...], follows_today: bool, make: Callable[[], Response]
) -> Response:
    """304 when the client has this answer; otherwise ``make()`` with its validators."""
    headers = _validators(store, key, follows_today)
    if _unchanged(headers):
        unchanged = Response(status=304, headers=headers)
        # No body, so no type: a type would make other hooks vary it as a page (by
        # Accept-Language) where the 200 does not; its Vary is the 200's.
        del unchanged.headers["Content-Type"]
        return data_headers(unchanged, store)
    response = make()
    if response.status_code == 200:
        response.headers.update(headers)
    return data_headers(response, store)


def _install_http_rules(api: Blueprint, repository: Repository, origins: tuple[str, ...]) -> None:
    """CORS on every /api/ answer, the preflight answered, the data named in every answer
    (errors too)."""

    @api.before_app_request
    def preflight() -> ResponseReturnValue | None:
        if request.method != "OPTIONS" or not request.path.startswith("/api/"):
            return None
        origin = request.headers.get("Origin")
        response = Response(status=204, headers=preflight_headers(origins, origin))
        response.headers.pop("Content-Type", None)  # no body: neither the map's HTML nor any
        return response

    @api.after_app_request
    def cross_origin(response: Response) -> Response:
        if not request.path.startswith("/api/") or request.method == "OPTIONS":
            return response
        if "X-Data-Version" not in response.headers:
            data_headers(response, repository.store)
        for name, value in cors_headers(origins, request.headers.get("Origin")).items():
            if name == "Vary":
                response.vary.add(value)
            else:
                response.headers[name] = value
        return response


def create_blueprint(
    repository: Repository,
    cache: AnswerCache | None = None,
    origins: tuple[str, ...] = (ANY,),
    public_url: str | None = None,
) -> Blueprint:
    """``cache``: answers shared through Redis (``cache.py``); none by default. ``origins``:
    the sites whose scripts may read the API (``cors.py``). ``public_url``: the site's public
    root (``JPP_PUBLIC_URL``) that ``next`` links start with; the request's by default."""
    api = Blueprint("api", __name__)
    cache = cache or AnswerCache(None)
    _install_http_rules(api, repository, origins)
    # /api/vocabularies per language, worked out once per boundary index (three at most).
    vocabulary_answers: dict[str, tuple[BoundaryIndex, dict[str, Any]]] = {}

    def compute(render: Render, spec: ProjectFilter, answer: str) -> Response:
        if not cache.enabled or render.__name__ in STREAMED:  # a stream is not kept whole
            store, selection = repository.select(spec)
            return render(store, selection)
        current, version = repository.current()
        key = cache.key(answer, version, spec)
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
                    named=repository.boundaries.units_named,
                )
                g.jpp_lang = _language(args)
                g.jpp_view, g.jpp_layer = _export_view(args) if extra else (None, None)
                g.jpp_listing = Listing.read(args) if "limit" in extra else None
            except ParameterError as error:
                return _bad_request(error)
            g.jpp_spec = spec
            g.jpp_as_of = spec.as_of or date.today()
            answer = f"{render.__name__}/{g.jpp_lang}/{g.jpp_view}/{g.jpp_layer}/{g.jpp_listing}"
            store = repository.store
            if not request.path.startswith("/api/"):  # a download: made now, not validated
                return data_headers(compute(render, spec, answer), store)
            key = (answer, to_query(replace(spec, as_of=g.jpp_as_of)))
            return _answer_or_304(
                store, key, spec.as_of is None, lambda: compute(render, spec, answer)
            )

        view.__name__ = render.__name__
        return view

    def list_page(store: ProjectStore, selection: Selection) -> tuple[list[int], dict[str, Any]]:
        """The rows of the page asked for, and what the answer says of its place."""
        wanted: Listing = g.jpp_listing
        t = translator(g.jpp_lang)
        ordered = listing.ordered_rows(store, selection, wanted.sort, t)
        rows = [int(row) for row in wanted.page.rows(ordered)]
        after = listing.next_query(request.args.items(multi=True), wanted.page, len(ordered))
        place = {
            "total": len(ordered),
            "limit": wanted.page.limit,
            "offset": wanted.page.offset,
            "next": listing.absolute_url(public_url or request.url_root, request.path, after)
            if after
            else None,
        }
        return rows, place

    def with_link(response: Response, place: dict[str, Any]) -> Response:
        if place["next"]:
            response.headers["Link"] = f'<{place["next"]}>; rel="next"'
        return response

    @api.get("/api/projects")
    @partial(filtered, extra=LIST_PARAMETERS)
    def projects(store: ProjectStore, selection: Selection) -> Response:
        rows, place = list_page(store, selection)
        t = translator(g.jpp_lang)
        items = serialize.records(store, selection, rows, repository.boundaries, t)
        fields = g.jpp_listing.fields
        return with_link(
            jsonify(
                count=len(items),
                **place,
                as_of=g.jpp_as_of.isoformat(),
                data=serialize.data_block(store, g.jpp_lang),
                labels=serialize.labels(g.jpp_lang),
                projects=[listing.cut(item, fields) for item in items],
            ),
            place,
        )

    @api.get("/api/projects.ndjson")
    @partial(filtered, extra=EXPORT_PARAMETERS)
    def projects_ndjson(store: ProjectStore, selection: Selection) -> Response:
        """Every selected project, un-paged, one record a line, streamed (``STREAMED``)."""
        rows = np.flatnonzero(selection.mask)
        lines = serialize.record_lines(
            store,
            selection.statuses.to_numpy(),
            rows,
            repository.boundaries,
            translator(g.jpp_lang),
        )
        response = Response(lines, mimetype="application/x-ndjson")
        response.headers["X-Total-Count"] = str(len(rows))
        return response

    @api.get("/api/projects.geojson")
    @partial(filtered, extra=LIST_PARAMETERS)
    def projects_geojson(store: ProjectStore, selection: Selection) -> Response:
        rows, place = list_page(store, selection)
        t = translator(g.jpp_lang)
        collection = serialize.feature_collection(store, selection, rows, repository.boundaries, t)
        for feature in collection["features"]:
            feature["properties"] = listing.cut_properties(
                feature["properties"], g.jpp_listing.fields
            )
        # Foreign members of the FeatureCollection (RFC 7946, section 6.1): GeoJSON readers
        # keep the features and leave these be. The page counts projects, not features.
        collection.update(place)
        collection["as_of"] = g.jpp_as_of.isoformat()
        collection["data"] = serialize.data_block(store, g.jpp_lang)
        collection["labels"] = serialize.labels(g.jpp_lang)
        body = json.dumps(collection, ensure_ascii=False)
        return with_link(Response(body, mimetype="application/geo+json"), place)

    @api.get("/api/projects/<project_id>")
    def project(project_id: str) -> ResponseReturnValue:
        """One project: the same record as in the list, on the ``as_of`` date."""
        args = request.args.to_dict(flat=False)
        try:
            _known_parameters(args, PROJECT_PARAMETERS)
            _export_view(args)
            lang = _language(args)
            fields = listing.read_fields(args)
            as_of = _as_of(args)
        except ParameterError as error:
            return _bad_request(error)
        store = repository.store
        row = store.row(project_id) if len(project_id) <= MAX_PROJECT_ID else None
        if row is None:
            message = f"no project with the ID '{project_id[:MAX_PROJECT_ID]}'"
            return jsonify(error={"parameter": None, "message": message}), 404
        day = as_of or date.today()

        def make() -> Response:
            status = str(statuses_as_of(store, day).iloc[row])
            t = translator(lang)
            record = serialize.project_record(store.projects[row], status, repository.boundaries, t)
            return jsonify(
                as_of=day.isoformat(),
                data=serialize.data_block(store, lang),
                labels=serialize.labels(lang),
                project=listing.cut(record, fields),
            )

        key = (lang, str(fields), day.isoformat())
        return _answer_or_304(store, key, as_of is None, make)

    @api.get("/api/vocabularies")
    def vocabularies_json() -> ResponseReturnValue:
        """Every key the records and filters use, with its codes and words, and each
        country's boundary layers and units."""
        args = request.args.to_dict(flat=False)
        try:
            _known_parameters(args, ANSWER_PARAMETERS)
            lang = _language(args)
        except ParameterError as error:
            return _bad_request(error)
        store = repository.store

        def make() -> Response:
            boundaries = repository.boundaries
            if vocabulary_answers.get(lang, (None,))[0] is not boundaries:
                vocabulary_answers[lang] = (boundaries, vocabularies(boundaries, lang))
            answer = vocabulary_answers[lang][1]
            return jsonify(data=serialize.data_block(store, lang), **answer)

        return _answer_or_304(store, (lang,), False, make)

    # The page's own parameters (view, layer) are read here too, so a page's query pasted on
    # the API answers: they name a download and add its columns, the records are the same.
    def export(
        fmt: str, plain: bool = False, sites: bool = False
    ) -> Callable[[], ResponseReturnValue]:
        """The filtered projects as a project list staff can open, correct and import, in
        the page's language, with the page's view and layer. ``plain``: the API's CSV, a
        table from its first line for programs (no statement above it). ``sites``: the
        CSV's companion, one row per site with its point as numbers."""

        def render(store: ProjectStore, selection: Selection) -> Response:
            most = MAX_EXPORT_PROJECTS[fmt]
            if selection.count > most:
                return _too_many(fmt, selection.count, most)
            boundaries = repository.boundaries
            names = unit_names(boundaries, translator(g.jpp_lang))  # any layer, in its lang
            wanted = ExportRequest(fmt, g.jpp_lang, g.jpp_view, g.jpp_layer)
            made_at = datetime.now(UTC).replace(microsecond=0)
            spec = g.jpp_spec
            options = export_options(
                store, selection, spec, wanted, boundaries, translator(g.jpp_lang), made_at
            )
            if plain:
                options = replace(options, statement=())
            write = to_sites_csv if sites else partial(export_bytes, fmt)
            body = write(selected_projects(store, selection), names, options)
            mimetype, extension = FORMATS[fmt]
            response = Response(body, mimetype=mimetype.split(";")[0])
            response.headers["Content-Type"] = mimetype
            day = options.as_of or g.jpp_as_of
            prefix = SITES_PREFIX if sites else FILE_PREFIX
            name = export_file_name(extension, spec, g.jpp_view, day, prefix)
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
            return response

        render.__name__ = (
            f"export_{fmt}" + ("_plain" if plain else "") + ("_sites" if sites else "")
        )
        return filtered(render, EXPORT_PARAMETERS)

    api.add_url_rule("/api/projects.csv", "projects_csv", export("csv", plain=True))
    api.add_url_rule("/export/projects.csv", "export_csv", export("csv"))
    api.add_url_rule("/export/projects.xlsx", "export_xlsx", export("xlsx"))
    api.add_url_rule("/export/projects.geojson", "export_geojson", export("geojson"))
    api.add_url_rule("/export/sites.csv", "export_sites_csv", export("csv", sites=True))
    # The selection as an IATI 2.03 activity file (api/iati.py, data/exchange/iati/).
    api.add_url_rule(
        "/api/projects.iati.xml",
        "projects_iati",
        filtered(iati_render(repository), EXPORT_PARAMETERS),
    )

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

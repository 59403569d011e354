"""The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json.

Built from ``params.py`` and the vocabularies, so that a parameter or a value added there is
described here at once; tests/test_api_fuzz.py fuzzes the API from this description.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..data import vocab
from ..data.exchange.writers import FORMATS
from ..data.filter_query import (
    INTEGER_PARAMETERS,
    MAX_PARTNER_KEY,
    MAX_QUERY_CHARS,
    PARTNER_KEY,
    UNKNOWN_PARAMETERS,
    VOCABULARY_FACETS,
)
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from . import listing
from .conditional import CACHE_CONTROL
from .cors import ALLOWED_METHODS

_DESCRIPTIONS = {
    "country": "Partner country, ISO 3166-1 alpha-3 (case-insensitive).",
    "field": "Field of cooperation.",
    "partner_type": "Type of the Japanese partner.",
    "scheme": "JPP scheme.",
    "status": "Status on the `as_of` date (derived from the dates).",
    "province": (
        "First-level unit, ISO 3166-2 (e.g. VN-26), as the projects were placed; or, in Viet"
        " Nam, one of the 34 provinces in force since 1 July 2025 (VN-2025- and its two-digit"
        " official code, e.g. VN-2025-46, Huế), which selects the projects of the provinces"
        " it was formed from (VN-2025-48, Da Nang, those of VN-27 and VN-DN). Also a unit"
        " at another level: one above the drawn units selects the projects of all it holds"
        " (LK-6, North Western Province: LK-61 and LK-62; PH-07; MW-C); in Nepal a province"
        " since 2015 (NP-P3) selects the projects placed on it and on the zones it overlaps,"
        " and a zone those of the provinces over it; ID-PS and Indonesia's other provinces of"
        " 2022 select those of the unit they were split from. Or a unit's name, at any level"
        " and in English, Japanese or the local language, read as staff lists are (Bagmati"
        " Province, バグマティ州, Central Visayas, Region VII, NCR; a district of Nepal, Kaski"
        " District, as the province it is in today); a name of several units (Bagmati: the"
        " zone and the province) or of none answers 400 with the units that fit or the"
        " closest names."
    ),
    "partner": (
        "A Japanese partner organisation by its key (a record's partners[].org, e.g."
        " yokohama-waterworks): every project of that organisation, however its sources spell"
        " it. A key no project carries selects nothing."
    ),
    "budget_min": "Lowest total budget, in yen.",
    "budget_max": "Highest total budget, in yen.",
    "duration_min": "Shortest duration, in months.",
    "duration_max": "Longest duration, in months.",
    "start_from": "Earliest start year.",
    "start_to": "Latest start year.",
    "as_of": (
        "The date statuses are derived for (default: today): a day (2024-06-30), a month"
        " (2024-06: its last day) or a Japanese fiscal year, 1 April to 31 March (FY2024,"
        " 2024年度 or 令和6年度: 31 March 2025, its last day). The answer's `as_of` is the day."
    ),
    "q": "Free text over titles, partner names and places (case- and accent-insensitive).",
}


AS_OF_SCHEMA = {
    "type": "string",
    "maxLength": 32,
    "pattern": (
        r"^(\d{4}[-/]\d{1,2}([-/]\d{1,2})?|[Ff][Yy] ?\d{4}|\d{4}年度|\d{4}年\d{1,2}月(\d{1,2}日)?"
        r"|(平成|令和|H|R)(\d{1,2}|元)年度)$"
    ),
    "examples": ["2024-06-30", "2024-06", "FY2024", "2024年度"],
}


_WORDS = {"type": "object", "additionalProperties": {"type": "string"}}
LABELS_SCHEMA = {
    "type": "object",
    "description": (
        "The words for the keys the records carry, in `lang` (as the page says them):"
        " `status`, `field`, `partner_type`, `scheme` and `country`, each a map from key to word."
    ),
    "required": ["lang", "status", "field", "partner_type", "scheme", "country"],
    "properties": {
        "lang": {"type": "string", "enum": list(LANGUAGES)},
        "status": _WORDS,
        "field": _WORDS,
        "partner_type": _WORDS,
        "scheme": _WORDS,
        "country": _WORDS,
    },
}


def _list_parameter(name: str, items: dict[str, Any]) -> dict[str, Any]:
    """Repeat it (``field=water&field=health``) or list values with commas: OR within it."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": _DESCRIPTIONS[name] + " Repeat or comma-separate: any of them.",
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": items},
    }


def _single(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def parameters() -> list[dict[str, Any]]:
    """Every filter parameter ``parse_filter`` reads (a test checks that none is missing)."""
    result = [
        _list_parameter(facet, {"type": "string", "enum": list(allowed)})
        for facet, allowed in VOCABULARY_FACETS.items()
    ]
    result.append(_list_parameter("province", {"type": "string", "minLength": 1}))
    result.append(
        _list_parameter(
            "partner", {"type": "string", "pattern": PARTNER_KEY, "maxLength": MAX_PARTNER_KEY}
        )
    )
    result += [
        _single(name, {"type": "integer", "minimum": 0}, _DESCRIPTIONS[name])
        for name in INTEGER_PARAMETERS
    ]
    result += [
        _single(
            name,
            {"type": "string", "enum": ["include", "exclude"], "default": "include"},
            f"Keep projects whose {name.removeprefix('unknown_')} is not stated.",
        )
        for name in UNKNOWN_PARAMETERS
    ]
    result.append(_single("as_of", AS_OF_SCHEMA, _DESCRIPTIONS["as_of"]))
    result.append(
        _single("q", {"type": "string", "maxLength": MAX_QUERY_CHARS}, _DESCRIPTIONS["q"])
    )
    result.append(
        _single(
            "lang",
            {"type": "string", "enum": list(LANGUAGES), "default": DEFAULT_LANGUAGE},
            "Language of the words in JSON and GeoJSON answers (`data.statement` and `labels`:"
            " the words for `status`, `fields` and the other keys, as the page says them), and "
            "of a download's headers, statuses and statement of what it holds.",
        )
    )
    return result


def export_parameters() -> list[dict[str, Any]]:
    """What the downloads read besides the filter and ``lang`` (``routes.EXPORT_PARAMETERS``)."""
    return [
        _single(
            "view",
            {"type": "string", "enum": ["world", "japan"]},
            "The page's overview the download is made from: names the file "
            "(`jpp-projects-world-…`) and its statement; the projects are the filter's (JSON and "
            "GeoJSON take it so that a page's query answers, and are the same with or without).",
        ),
        _single(
            "layer",
            {"type": "string", "enum": ["implemented", "current"], "default": "implemented"},
            "`current`: a download adds a column of the provinces in force since 1 July 2025 "
            "(Viet Nam's 34) each site is in, beside the provinces the project was implemented "
            "in (JSON and GeoJSON answers are the same with or without).",
        ),
    ]


def listing_parameters() -> list[dict[str, Any]]:
    """A list answer's page, record fields and order (``listing.py``)."""
    return [
        _single(
            "limit",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": listing.MAX_LIMIT,
                "default": listing.DEFAULT_LIMIT,
            },
            f"Projects on one page (default {listing.DEFAULT_LIMIT}, at most "
            f"{listing.MAX_LIMIT}). Follow `next` for the next page.",
        ),
        _single(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": listing.MAX_OFFSET, "default": 0},
            "How many of the selected projects (in the answer's order) come before this page.",
        ),
        {
            **_single(
                "fields",
                {"type": "array", "items": {"type": "string", "enum": list(listing.RECORD_FIELDS)}},
                "The record keys each project carries (`id` always), comma-separated or "
                "repeated; all of them when absent. JSON answers only name them "
                "(GeoJSON features keep their properties).",
            ),
            "style": "form",
            "explode": False,
        },
        {
            **_single(
                "sort",
                {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": [
                            *listing.SORT_COLUMNS,
                            *(f"-{column}" for column in listing.SORT_COLUMNS),
                        ],
                    },
                },
                "The order, by the table's columns, the first first: `sort=-budget,title`"
                " (`-`: descending). What a record does not state (budget, start, status) comes"
                " last either way; ties in the order of the ID. Absent: the dataset's order.",
            ),
            "style": "form",
            "explode": False,
        },
    ]


_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
# What the data is (``serialize.data_block``): in every JSON and GeoJSON answer.
_DATA = {
    "type": "object",
    "required": ["version", "date", "coverage", "programme", "statement"],
    "properties": {
        "version": {
            "type": "string",
            "description": "A digest of the records: the same data gives the same version.",
        },
        "date": {
            **_DATE_OR_NULL,
            "description": "When the data was curated or last imported; null if not stated.",
        },
        "coverage": {
            "type": "object",
            "required": ["projects", "countries", "viet_nam_projects"],
            "description": "Counted from the whole dataset, whatever the filter.",
            "properties": {
                "projects": {"type": "integer", "minimum": 0},
                "countries": {"type": "integer", "minimum": 0},
                "viet_nam_projects": {"type": "integer", "minimum": 0},
            },
        },
        "programme": {
            "type": "object",
            "description": "JICA's figures for the whole programme, not counts of this data.",
            "properties": {
                "countries_about": {"type": "integer"},
                "viet_nam_projects": {"type": "integer"},
                "viet_nam_period": {"type": "string"},
                "source": {"type": "string"},
            },
        },
        "statement": {
            "type": "object",
            "required": ["lang", "date", "coverage"],
            "description": "The data's date and the coverage line as the page shows them.",
            "properties": {
                "lang": {"type": "string", "enum": list(LANGUAGES)},
                "date": {"type": "string"},
                "coverage": {"type": "string"},
            },
        },
    },
}
_DATA_HEADERS = {
    "X-Data-Version": {
        "description": "The data's version (as `data.version`).",
        "schema": {"type": "string"},
    },
    "X-Data-Date": {
        "description": "The data's date, YYYY-MM-DD (absent when not stated).",
        "schema": {"type": "string", "format": "date"},
    },
}


_CACHING_HEADERS = {
    "ETag": {
        "description": "A weak validator from the data's version and the normalised query; "
        "send it back as If-None-Match for a 304.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "The data's date (or today, when the statuses follow today: no "
        "`as_of`); If-Modified-Since is answered 304 from it.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {"schema": {"type": "string", "const": CACHE_CONTROL}},
    "Access-Control-Allow-Origin": {
        "description": "`*`, or the request's Origin when JPP_API_ORIGINS lists it.",
        "schema": {"type": "string"},
    },
}
_COUNT = {"type": "string", "pattern": "^[0-9]+$"}  # a header's whole number
_LINK_HEADER = {
    "Link": {
        "description": "The next page, as `next`: "
        '`<https://…/api/projects?…&offset=…>; rel="next"`; absent on the last page.',
        "schema": {"type": "string"},
    }
}
_TOTAL_COUNT_HEADER = {
    "X-Total-Count": {
        "description": "How many records (lines) the stream holds.",
        "required": True,
        "schema": _COUNT,
    }
}
_IATI_HEADERS = {
    "X-IATI-Activities": {
        "description": "How many projects the file holds as activities.",
        "required": True,
        "schema": _COUNT,
    },
    "X-IATI-Left-Out": {
        "description": "How many projects of the selection are left out (no date, or no "
        "stated status on the as-of date); a comment at the file's top names them.",
        "required": True,
        "schema": _COUNT,
    },
}
_NOT_MODIFIED = {
    "description": "The client's copy (If-None-Match, If-Modified-Since) is still the answer.",
    "headers": {"ETag": _CACHING_HEADERS["ETag"]},
}
_PREFLIGHT = {
    "summary": "CORS preflight: what a script on another site may ask.",
    "responses": {
        "204": {
            "description": f"No body. Access-Control-Allow-Methods: {ALLOWED_METHODS}; "
            "Access-Control-Allow-Origin as on every API answer.",
        }
    },
}


_NULLABLE_STRING = {"type": ["string", "null"]}
_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["parameter", "message"],
            "properties": {
                "parameter": _NULLABLE_STRING,
                "message": {"type": "string"},
            },
        }
    },
}
_PROJECT = {
    "type": "object",
    "description": "Every key of the record, or those `fields` names (and `id`).",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "title_en": _NULLABLE_STRING,
        "title_ja": _NULLABLE_STRING,
        "countries": {"type": "array", "items": {"type": "string"}},
        "fields": {
            "type": "array",
            "items": {"type": "string", "enum": list(vocab.keys(vocab.FIELDS))},
        },
        "scheme": {"type": ["string", "null"]},
        "status": {"type": "string", "enum": list(vocab.keys(vocab.STATUSES))},
        "budget_yen": {"type": ["integer", "null"]},
        "partners": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "type": _NULLABLE_STRING},
            },
        },
        "locations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["country", "precision"],
                "properties": {
                    "country": {"type": "string"},
                    "admin1": _NULLABLE_STRING,
                    "admin1_name": _NULLABLE_STRING,
                    "admin1_name_lang": {
                        "enum": [*LANGUAGES, None],
                        "description": "The language of `admin1_name`: `en` where English "
                        "stands in (Vietnamese outside Viet Nam).",
                    },
                    "region_name": {
                        "type": ["string", "null"],
                        "description": "The wider unit the location is part of (`region`), "
                        "in the answer's language where a name in it is known.",
                    },
                    "counts_in": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "The units the location counts in, in every layer of "
                        "its country, its own first (Nepal: its zone and the province that "
                        "holds its district or point).",
                    },
                    "counts_in_exact": {
                        "type": "boolean",
                        "description": "false: only its own unit is known, and it counts in "
                        "every unit of the other layer that overlaps it (it is in one of "
                        "them, not in each).",
                    },
                    "lat": {"type": ["number", "null"]},
                    "lon": {"type": ["number", "null"]},
                    "precision": {"type": "integer"},
                },
            },
        },
        "sources": {"type": "array", "items": {"type": "string"}},
    },
}
_FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "Point"},
                                    "coordinates": {
                                        "type": "array",
                                        "items": {"type": "number"},
                                        "minItems": 2,
                                        "maxItems": 2,
                                    },
                                },
                            },
                        ]
                    },
                    "properties": {
                        "type": "object",
                        "required": ["id"],
                        "properties": {"id": {"type": "string"}},
                    },
                },
            },
        },
    },
}


def _feature_collection(identifier: str) -> dict[str, Any]:
    """Points as GeoJSON; the API's properties and a project list's name the ID ``id``."""
    schema = json.loads(json.dumps(_FEATURE_COLLECTION))
    properties = schema["properties"]["features"]["items"]["properties"]["properties"]
    properties["required"] = [identifier]
    properties["properties"] = {identifier: {"type": "string"}}
    return schema


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _filtered(
    summary: str,
    media_type: str,
    schema: dict[str, Any],
    download: bool = False,
    listed: bool = False,
    api: bool = True,
) -> dict[str, Any]:
    """``download``: a project list. Every answer reads the page's ``view`` and ``layer``
    too, so that a page's query pasted on the API answers. ``listed``: paged, with
    ``fields`` and ``sort``. ``api``: under /api/, validated (ETag, 304) and open to other
    sites (CORS); the downloads are made anew each time."""
    described = [*parameters(), *export_parameters(), *(listing_parameters() if listed else [])]
    names = [p["name"] for p in described]
    operation: dict[str, Any] = {
        "get": {
            "summary": summary,
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in names],
            "responses": {
                "200": {
                    "description": summary,
                    "headers": {**_DATA_HEADERS, **(_CACHING_HEADERS if api else {})},
                    "content": {media_type: {"schema": schema}},
                },
                "400": _error_response(
                    "A parameter or a value is not known (names which), or an export would "
                    "hold more projects than one request may export (says how many)."
                ),
                "414": {
                    **_error_response(
                        "The query string is longer than 4,096 bytes (JSON, from the app), or "
                        "the request line is longer than 8,190 bytes (an HTML page from the "
                        "server, before the app)."
                    ),
                    "content": {
                        **_error_response("")["content"],
                        "text/html": {"schema": {"type": "string"}},
                    },
                },
            },
        }
    }
    if listed:
        operation["get"]["responses"]["200"]["headers"].update(_LINK_HEADER)
    if api:
        operation["get"]["responses"]["304"] = _NOT_MODIFIED
        operation["options"] = _PREFLIGHT
    return operation


_PAGE: dict[str, Any] = {
    "total": {"type": "integer", "minimum": 0, "description": "Projects the filter selects."},
    "limit": {"type": "integer", "minimum": 1, "maximum": listing.MAX_LIMIT},
    "offset": {"type": "integer", "minimum": 0},
    "next": {
        "type": ["string", "null"],
        "description": "The next page, an absolute URL (after JPP_PUBLIC_URL, else the "
        "address the request came to) with the same query and the next `offset`; null on "
        'the last page. Also a `Link: <...>; rel="next"` header.',
    },
}


def _answer(summary: str, schema: dict[str, Any], missing: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "responses": {
            "200": {
                "description": summary,
                "headers": {**_DATA_HEADERS, **_CACHING_HEADERS},
                "content": {"application/json": {"schema": schema}},
            },
            "304": _NOT_MODIFIED,
            "400": _error_response("A parameter or a value is not known (names which)."),
            "404": _error_response(missing),
        },
    }


def _one_project() -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": ["as_of", "data", "labels", "project"],
        "properties": {
            "as_of": {"type": "string", "format": "date"},
            "data": {"$ref": "#/components/schemas/Data"},
            "labels": LABELS_SCHEMA,
            "project": {"$ref": "#/components/schemas/Project"},
        },
    }
    get = _answer(
        "One project: the record the list gives, its status on `as_of`.",
        schema,
        "No project has this ID.",
    )
    identifier = {
        "name": "project_id",
        "in": "path",
        "required": True,
        "description": "The project's ID (a record's `id`, e.g. VN03).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    }
    names = ("lang", "fields", "as_of", "view", "layer")  # a page's query answers too
    get["parameters"] = [{"$ref": f"#/components/parameters/{name}"} for name in names]
    return {"parameters": [identifier], "get": get, "options": _PREFLIGHT}


_TERM: dict[str, Any] = {
    "type": "object",
    "required": ["key", "label", "labels"],
    "properties": {
        "key": {"type": "string"},
        "label": {"type": "string", "description": "In `lang`."},
        "labels": {"type": "object", "description": "In en, ja and vi.", **_WORDS},
    },
}
_UNIT = {
    "type": "object",
    "required": ["code", "name", "names"],
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string", "description": "In `lang` (English where none is known)."},
        "name_lang": {
            "enum": list(LANGUAGES),
            "description": "The language `name` is in: `en` where English stands in.",
        },
        "names": {
            "type": "object",
            "description": "en, ja, vi: the English name where none is known in a language "
            "(listed in `names_in_english`); null only where no name is known at all.",
            "additionalProperties": _NULLABLE_STRING,
        },
        "names_in_english": {
            "type": "array",
            "items": {"enum": list(LANGUAGES)},
            "description": "The languages of `names` whose name is the English one, standing "
            "in (e.g. `vi` outside Viet Nam).",
        },
        "formed_from": {
            "type": "array",
            "items": {"type": "string"},
            "description": "`current` layers formed from whole units (Viet Nam's 34): the "
            "implemented units this one was formed from.",
        },
        "overlaps": {
            "type": "array",
            "items": {"type": "string"},
            "description": "`current` layers that cut across the implemented units (Nepal's "
            "provinces and zones): the implemented units this one overlaps.",
        },
        "units": {
            "type": "array",
            "items": {"type": "string"},
            "description": "`wider_units`: the drawn units this unit stands for.",
        },
    },
}


def _vocabularies() -> dict[str, Any]:
    def terms(extra: dict[str, Any]) -> dict[str, Any]:
        item = {**_TERM, "properties": {**_TERM["properties"], **extra}}
        return {"type": "array", "items": item}

    codes = {"type": "array", "items": {"type": "string"}}
    dac = {
        "type": "array",
        "description": "OECD DAC codes: vocabulary 1, 5-digit purpose codes; 2, 3-digit "
        "categories (IATI SectorVocabulary).",
        "items": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "vocabulary": {"enum": ["1", "2"]}},
        },
    }
    layer = {
        "type": "object",
        "required": ["layer", "file", "units"],
        "properties": {
            "layer": {"enum": ["implemented", "current"]},
            "level": {"type": "string", "description": "What its units are: province, zone, …"},
            "valid_from": {**_NULLABLE_STRING, "description": "Its first day, if known."},
            "valid_until": {**_NULLABLE_STRING, "description": "Its last day, if it ended."},
            "relation": {
                "enum": ["formed_from", "overlaps", None],
                "description": "How its units stand to the implemented layer's.",
            },
            "file": {"type": "string", "description": "The boundary file, a path of this site."},
            "units": {"type": "array", "items": _UNIT},
        },
    }
    country = {
        "type": "object",
        "required": ["code", "name", "names", "layers"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "names": _WORDS,
            "layers": {"type": "array", "items": layer},
            "wider_units": {
                "type": "array",
                "items": _UNIT,
                "description": "Units staff may name above the drawn ones (ISO 3166-2's "
                "regions and provinces), each with the drawn units it stands for.",
            },
        },
    }
    schema = {
        "type": "object",
        "required": ["lang", "data", "fields", "partner_types", "schemes", "statuses", "countries"],
        "properties": {
            "lang": {"enum": list(LANGUAGES)},
            "data": {"$ref": "#/components/schemas/Data"},
            "fields": terms({"dac": dac}),
            "partner_types": terms({"iati_organisation_type": codes}),
            "schemes": terms({}),
            "statuses": terms({"iati_activity_status": codes}),
            "countries": {"type": "array", "items": country},
        },
    }
    get = _answer(
        "The keys records and filters use, with their IATI and DAC codes and their words, and "
        "each country's boundary layers with their units.",
        schema,
        "Not used.",
    )
    get["parameters"] = [{"$ref": "#/components/parameters/lang"}]
    return {"get": get, "options": _PREFLIGHT}


def spec() -> dict[str, Any]:
    """The whole description, as a JSON-ready dict."""
    project_list = {
        "type": "object",
        "required": [*_PAGE, "count", "as_of", "data", "projects"],
        "properties": {
            **_PAGE,
            "count": {
                "type": "integer",
                "minimum": 0,
                "description": "Projects in this answer (`total`: in the selection).",
            },
            "as_of": {
                "type": "string",
                "format": "date",
                "description": "The date each project's `status` is derived for.",
            },
            "data": {"$ref": "#/components/schemas/Data"},
            "labels": LABELS_SCHEMA,
            "projects": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}},
        },
    }
    geojson = {
        "allOf": [
            {"$ref": "#/components/schemas/FeatureCollection"},
            {
                "type": "object",
                "required": [*_PAGE, "as_of", "data"],
                "properties": {
                    **_PAGE,
                    "as_of": {"type": "string", "format": "date"},
                    "data": {"$ref": "#/components/schemas/Data"},
                    "labels": LABELS_SCHEMA,
                },
            },
        ]
    }
    export_geojson = {"$ref": "#/components/schemas/ProjectListFeatureCollection"}
    binary = {"type": "string"}
    paths = {
        "/api/projects": _filtered(
            "One page of the filtered projects.", "application/json", project_list, listed=True
        ),
        "/api/projects.geojson": _filtered(
            "The locations of one page of the filtered projects, as points.",
            "application/geo+json",
            geojson,
            listed=True,
        ),
        "/api/projects/{project_id}": _one_project(),
        "/api/vocabularies": _vocabularies(),
        "/api/projects.ndjson": _filtered(
            "Every filtered project, not paged: newline-delimited JSON, one record (as in "
            "`/api/projects`) a line, streamed; `X-Total-Count` says how many.",
            "application/x-ndjson",
            {"type": "string"},
        ),
        "/api/projects.csv": _filtered(
            "The filtered projects as a project list (CSV, UTF-8 with BOM), its header on the "
            "first line.",
            "text/csv",
            binary,
            download=True,
        ),
    }
    for fmt, (media_type, extension) in FORMATS.items():
        paths[f"/export/projects.{extension}"] = _filtered(
            f"The filtered projects as a project list to open, correct and import ({fmt}), "
            "headers in `lang`, named after what it holds (Content-Disposition) and saying "
            "the filters, the as-of date, the data's date and when it was made (CSV: rows "
            "above the table; Excel: a sheet; GeoJSON: the `export` member).",
            media_type.split(";")[0],
            export_geojson if fmt == "geojson" else binary,
            download=True,
            api=False,
        )
    paths["/export/sites.csv"] = _filtered(
        "The filtered projects' sites, one row per site (the project's ID, titles, country, "
        "province, place, longitude and latitude as numbers, precision): the project CSV's "
        "companion, with the same statement above the table and headers in `lang`.",
        "text/csv",
        binary,
        download=True,
        api=False,
    )
    paths["/api/projects.iati.xml"] = iati = _filtered(
        "The filtered projects as an IATI 2.03 activity file (identifiers "
        "`XM-DAC-701-8-JPP-<id>`; see the README's IATI section). A project whose record "
        "gives no date, or whose status on the as-of date is not stated, is left out (IATI "
        "requires both): `X-IATI-Left-Out` counts them and a comment names them.",
        "application/xml",
        binary,
        download=True,
    )
    iati["get"]["responses"]["200"]["headers"].update(_IATI_HEADERS)
    paths["/api/projects.ndjson"]["get"]["responses"]["200"]["headers"].update(_TOTAL_COUNT_HEADER)
    iati["get"]["responses"]["404"] = _error_response(
        "No project of the selection can be an IATI activity (a file needs one)."
    )
    paths["/healthz"] = {
        "get": {
            "summary": "Health check: the number of projects loaded, the data's version and date.",
            "responses": {
                "200": {
                    "description": "The app serves data.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["status", "data_version", "data_date"],
                                "properties": {
                                    "status": {"type": "string"},
                                    "projects": {"type": "integer", "minimum": 0},
                                    "data_version": {"type": "string"},
                                    "data_date": _DATE_OR_NULL,
                                },
                            }
                        }
                    },
                }
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "JPP Map API",
            "version": __version__,
            "description": (
                "JICA Partnership Program projects, filtered with the map's own filter code. "
                "Facets combine with AND; values within a facet with OR."
            ),
        },
        "paths": paths,
        "components": {
            "parameters": {
                p["name"]: p for p in (*parameters(), *export_parameters(), *listing_parameters())
            },
            "schemas": {
                "Error": _ERROR,
                "Data": _DATA,
                "Project": _PROJECT,
                "FeatureCollection": _feature_collection("id"),
                "ProjectListFeatureCollection": _feature_collection("id"),
            },
        },
    }

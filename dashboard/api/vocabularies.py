"""``GET /api/vocabularies``: every key a record or a filter uses, with its codes in IATI and
the OECD DAC and its words in ``lang``; and each country's boundary layers with their units.

One function per part, so that a new layer (``country_layers``) or a new vocabulary is one
change here and in the OpenAPI description (``openapi.VOCABULARIES``).
"""

from __future__ import annotations

from typing import Any

from ..data import vocab
from ..data.repository import BoundaryIndex, Province
from ..i18n import LANGUAGES, Translator, translator

# Where the map's boundary files are served (ui/boundary_layers.py draws the same files; a
# test keeps the two in step).
BOUNDARIES_PATH = "/geodata/boundaries"
IMPLEMENTED, CURRENT = "implemented", "current"


def _dac(codes: tuple[str, ...]) -> list[dict[str, str]]:
    """DAC codes with their IATI SectorVocabulary: 5 digits, a purpose code (1); 3 digits,
    a sector category (2)."""
    return [{"code": code, "vocabulary": "1" if len(code) == 5 else "2"} for code in codes]


def _words(vocabulary: tuple[vocab.Term, ...], key: str) -> dict[str, str]:
    return {lang: translator(lang).term(vocabulary, key) for lang in LANGUAGES}


def _terms(vocabulary: tuple[vocab.Term, ...], t: Translator) -> list[dict[str, Any]]:
    return [
        {
            "key": term.key,
            "label": t.term(vocabulary, term.key),
            "labels": _words(vocabulary, term.key),
        }
        for term in vocabulary
    ]


def _unit(province: Province, t: Translator, formed_from: tuple[str, ...] | None) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "code": province.code,
        "name": t.province(province),
        "names": {
            "en": province.name_en or None,
            "ja": province.name_ja or None,
            "vi": province.name_local or None if province.iso_a3 == "VNM" else None,
        },
    }
    if formed_from is not None:
        unit["formed_from"] = list(formed_from)
    return unit


def country_layers(boundaries: BoundaryIndex, iso3: str, t: Translator) -> list[dict[str, Any]]:
    """The layers a country's map can draw (``layer=`` of the page and the downloads): the
    units projects were placed on, and those in force today where they differ."""
    layers = []
    implemented = boundaries.provinces_of(iso3)
    if implemented:
        layers.append(
            {
                "layer": IMPLEMENTED,
                "file": f"{BOUNDARIES_PATH}/admin1/{iso3}.geojson",
                "units": [_unit(p, t, None) for p in implemented],
            }
        )
    if boundaries.has_current_layer(iso3):
        layers.append(
            {
                "layer": CURRENT,
                "file": f"{BOUNDARIES_PATH}/admin1/{iso3}-2025.geojson",
                "units": [
                    _unit(p, t, boundaries.formed_from.get(p.code, ()))
                    for p in boundaries.current_of(iso3)
                ],
            }
        )
    return layers


def vocabularies(boundaries: BoundaryIndex, lang: str) -> dict[str, Any]:
    """The whole answer but the data block, in ``lang``."""
    t = translator(lang)
    fields = _terms(vocab.FIELDS, t)
    for entry, term in zip(fields, vocab.FIELDS, strict=True):
        entry["dac"] = _dac(term.codes)
    partner_types = _terms(vocab.PARTNER_TYPES, t)
    for entry, term in zip(partner_types, vocab.PARTNER_TYPES, strict=True):
        entry["iati_organisation_type"] = list(term.codes)
    statuses = _terms(vocab.STATUSES, t)
    for entry, term in zip(statuses, vocab.STATUSES, strict=True):
        entry["iati_activity_status"] = list(term.codes)
    countries = [
        {
            "code": term.key,
            "name": t.country(term.key),
            "names": _words(vocab.COUNTRIES, term.key),
            "layers": country_layers(boundaries, term.key, t),
        }
        for term in vocab.COUNTRIES
    ]
    return {
        "lang": t.lang,
        "fields": fields,
        "partner_types": partner_types,
        "schemes": _terms(vocab.SCHEMES, t),
        "statuses": statuses,
        "countries": countries,
    }

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


def unit_names(province: Province) -> tuple[dict[str, str | None], list[str]]:
    """A unit's name in each language, and the languages whose name is its English one
    standing in: no Vietnamese name is known outside Viet Nam (the boundary files have the
    local name there only), nor a Japanese one for some units. Never empty: English stands
    in, marked; null only where no name at all is known ("not stated")."""
    own = {
        "en": province.name_en or None,
        "ja": province.name_ja or None,
        "vi": (province.name_local or None) if province.iso_a3 == "VNM" else None,
    }
    english = own["en"]
    stand_in = [lang for lang, name in own.items() if name is None and english]
    return {lang: name or english for lang, name in own.items()}, stand_in


def name_lang(province: Province, lang: str) -> str:
    """The language a unit's name in ``lang`` is in: ``en`` where English stands in."""
    return "en" if lang in unit_names(province)[1] else lang


def _unit(province: Province, t: Translator, related: dict[str, list[str]]) -> dict[str, Any]:
    names, in_english = unit_names(province)
    return {
        "code": province.code,
        "name": t.province(province),
        "name_lang": name_lang(province, t.lang),
        "names": names,
        "names_in_english": in_english,
        **related,
    }


def _related(boundaries: BoundaryIndex, code: str) -> dict[str, list[str]]:
    """How a unit of a later layer stands to the drawn units (data/place_levels.py)."""
    if code in boundaries.formed_from:
        return {"formed_from": list(boundaries.formed_from[code])}
    if code in boundaries.overlaps:
        return {"overlaps": list(boundaries.overlaps[code])}
    return {}


def country_layers(boundaries: BoundaryIndex, iso3: str, t: Translator) -> list[dict[str, Any]]:
    """The layers a country's map can draw (``layer=`` of the page and the downloads), from
    the one model of layers (``BoundaryIndex.country_layers``): the units projects were
    placed on, and those in force today where they differ, each with its level, its period
    and how its units relate to the drawn ones."""
    return [
        {
            "layer": layer.key,
            "level": layer.level,
            "valid_from": layer.valid_from.isoformat() if layer.valid_from else None,
            "valid_until": layer.valid_until.isoformat() if layer.valid_until else None,
            "relation": layer.relation,
            "file": f"{BOUNDARIES_PATH}/{layer.file}",
            "units": [
                _unit(p, t, _related(boundaries, p.code) if layer.relation else {}) for p in units
            ],
        }
        for layer, units in boundaries.country_layers(iso3)
        if units
    ]


def wider_units(boundaries: BoundaryIndex, iso3: str, t: Translator) -> list[dict[str, Any]]:
    """The units staff may name above the drawn ones (ISO 3166-2's regions and provinces,
    units no offline source draws), each with the drawn units it stands for."""
    return [
        _unit(p, t, {"units": list(boundaries.groups[p.code])}) for p in boundaries.groups_of(iso3)
    ]


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
            "wider_units": wider_units(boundaries, term.key, t),
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

"""The Japanese partner organisations: one stable key each, with every name the sources use.

Sources spell one organisation many ways ("Yokohama Waterworks Bureau", "Yokohama City
Waterworks Bureau", 横浜市水道局). ``geodata/curation/organisations.csv`` gives each one a key,
its English and Japanese names, and the variants; ``partners.csv`` names the key per project.
"Other projects of the same partners", the view from Japan and search then work by key, and a
staff list that writes any known spelling is attached to the same organisation.

``name_ja_basis`` says where a Japanese name comes from: ``source`` (a source read for the
research table gives it) or ``translated`` (the curators wrote the organisation's official
Japanese name, e.g. 横浜市 for Yokohama City; the page marks it as a translation).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import Partner

COLUMNS = ("key", "name_en", "name_ja", "name_ja_basis", "variants", "note")
BASES = ("source", "translated")
VARIANT_SEPARATOR = " | "
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Cells are short names; a longer cell is a mistake (or a hostile file), not a name.
MAX_NAME_LENGTH = 200
MAX_VARIANTS = 20


class OrganisationTableError(ValueError):
    """A bad row: the message names the file, the row and the field."""


@dataclass(frozen=True)
class Organisation:
    key: str
    name_en: str | None
    name_ja: str | None
    name_ja_basis: str | None = None
    variants: tuple[str, ...] = ()
    note: str = ""

    @property
    def name(self) -> str:
        """The name a record carries: English where there is one (the research table's
        language), else Japanese."""
        return self.name_en or self.name_ja or self.key

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling, canonical ones first: what search and matching look at."""
        return tuple(dict.fromkeys(n for n in (self.name_en, self.name_ja, *self.variants) if n))


def fold_name(name: str) -> str:
    """Width, case and spacing folded: 'ＮＰＯ　TICO' and 'npo tico' are one spelling."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def read_organisations(path: Path) -> dict[str, Organisation]:
    """Key -> organisation. A missing file is no registry (an operator's own data)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise OrganisationTableError(f"{path}: the header must be {','.join(COLUMNS)}")
        organisations: dict[str, Organisation] = {}
        for line, row in enumerate(reader, start=2):
            organisation = _organisation(path, line, row)
            if organisation.key in organisations:
                raise OrganisationTableError(
                    f"{path}, row {line}, key: {organisation.key!r} is listed twice"
                )
            organisations[organisation.key] = organisation
    _check_spellings_unique(path, organisations.values())
    return organisations


def _organisation(path: Path, line: int, row: Mapping[str, str | None]) -> Organisation:
    def cell(field: str) -> str:
        value = (row.get(field) or "").strip()
        if len(value) > MAX_NAME_LENGTH * (MAX_VARIANTS if field in {"variants", "note"} else 1):
            raise OrganisationTableError(f"{path}, row {line}, {field}: too long")
        return value

    key, basis = cell("key"), cell("name_ja_basis")
    if not _KEY.fullmatch(key):
        raise OrganisationTableError(
            f"{path}, row {line}, key: {key!r} is not a key (lower-case words joined by '-')"
        )
    name_en, name_ja = cell("name_en") or None, cell("name_ja") or None
    if not (name_en or name_ja):
        raise OrganisationTableError(f"{path}, row {line}, name_en: no name in any language")
    if name_ja and basis not in BASES:
        raise OrganisationTableError(
            f"{path}, row {line}, name_ja_basis: {basis!r} is not one of {', '.join(BASES)}"
        )
    if not name_ja and basis:
        raise OrganisationTableError(f"{path}, row {line}, name_ja_basis: no name_ja to qualify")
    variants = tuple(v.strip() for v in cell("variants").split(VARIANT_SEPARATOR) if v.strip())
    if len(variants) > MAX_VARIANTS:
        raise OrganisationTableError(f"{path}, row {line}, variants: more than {MAX_VARIANTS}")
    return Organisation(key, name_en, name_ja, basis or None, variants, cell("note"))


def _check_spellings_unique(path: Path, organisations: Iterable[Organisation]) -> None:
    """A spelling that named two organisations would attach partners at random."""
    owner: dict[str, str] = {}
    for organisation in organisations:
        for name in organisation.names:
            folded = fold_name(name)
            if owner.setdefault(folded, organisation.key) != organisation.key:
                raise OrganisationTableError(
                    f"{path}: {name!r} names both {owner[folded]} and {organisation.key}"
                )


@dataclass(frozen=True)
class OrganisationIndex:
    """Finds an organisation by any of its spellings."""

    by_key: Mapping[str, Organisation]
    # Every spelling of every organisation, folded (``fold_name``): set by __post_init__.
    _by_name: dict[str, Organisation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {
            fold_name(name): organisation
            for organisation in self.by_key.values()
            for name in organisation.names
        }
        object.__setattr__(self, "_by_name", index)

    def resolve(self, name: str | None) -> Organisation | None:
        if not name:
            return None
        return self._by_name.get(fold_name(name))


def attach(partner: Partner, organisation: Organisation) -> Partner:
    """The partner as the organisation: its names, key and other spellings."""
    return _attached(replace(partner, name=organisation.name, name_ja=None), organisation)


def attach_known(partners: Iterable[Partner], index: OrganisationIndex) -> tuple[Partner, ...]:
    """A staff list's partners, each attached to the organisation it spells, if any. The
    list's wording stays (it is what staff wrote); a missing Japanese name is filled."""
    attached = []
    for partner in partners:
        found = None
        if not partner.org:
            found = index.resolve(partner.name) or index.resolve(partner.name_ja)
        attached.append(_attached(partner, found) if found else partner)
    return tuple(attached)


def _attached(partner: Partner, organisation: Organisation) -> Partner:
    name_ja = partner.name_ja or organisation.name_ja
    own = {partner.name, name_ja}
    return replace(
        partner,
        name_ja=name_ja,
        name_ja_translated=name_ja == organisation.name_ja
        and organisation.name_ja_basis == "translated",
        org=organisation.key,
        aliases=tuple(name for name in organisation.names if name not in own),
    )

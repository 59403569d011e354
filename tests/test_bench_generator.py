"""The benchmark datasets (bench/generate.py): marked generated, reproducible, loadable."""

import json

from bench.generate import (
    BOUNDARIES,
    GENERATOR_VERSION,
    ID_PREFIX,
    SOURCE,
    TITLE_PREFIX,
    boundary_countries,
    generate,
    write_dataset,
)
from dashboard.data.filters import ProjectFilter
from dashboard.data.repository import BoundaryIndex, Repository
from dashboard.data.validation import check_project


def test_every_record_says_it_is_generated():
    projects = generate(40, seed=7)
    assert [p.id for p in projects[:3]] == [f"{ID_PREFIX}000001", "GEN-000002", "GEN-000003"]
    for project in projects:
        assert project.title_en.startswith(TITLE_PREFIX)
        assert project.title_ja is None or project.title_ja.startswith("【生成データ】")
        assert project.sources == (SOURCE,)
        assert all(p.name.startswith("Generated partner ") for p in project.partners)
        assert all(location.note == "generated" for location in project.locations)


def test_the_same_seed_gives_the_same_records():
    first = [p.to_json() for p in generate(40, seed=7)]
    assert first == [p.to_json() for p in generate(40, seed=7)]
    assert first != [p.to_json() for p in generate(40, seed=8)]


def test_records_meet_the_programme_rules_and_cover_every_partner_country():
    projects = generate(200, seed=7)
    assert [f for p in projects for f in check_project(p) if f.severity == "error"] == []
    countries = boundary_countries(BOUNDARIES)
    assert len(countries) == 28
    assert {p.countries[0] for p in projects} == set(countries)
    provinces = BoundaryIndex.read(BOUNDARIES).all_units  # any layer's: Nepal's provinces too
    for project in projects:
        for location in project.locations:
            if location.admin1:  # a province of the project's own country
                assert provinces[location.admin1].iso_a3 == location.country


def test_written_beside_the_boundaries_and_served_unchanged_by_the_app(tmp_path):
    geodata = write_dataset(120, seed=7, out_dir=tmp_path / "120")
    document = json.loads((geodata / "projects.json").read_text(encoding="utf-8"))
    assert document["generated"].startswith("GENERATED for benchmarks")
    assert document["generator"] == {"version": GENERATOR_VERSION, "size": 120, "seed": 7}
    repository = Repository(geodata / "projects.json", geodata / "boundaries")
    assert len(repository.store) == 120
    assert repository.store.project("GEN-000120").id == "GEN-000120"
    _, selection = repository.select(ProjectFilter(country=("VNM",)))
    assert 0 < selection.count < 120
    # Written once: asking again for the same size and seed keeps the file.
    before = (geodata / "projects.json").stat().st_mtime_ns
    assert write_dataset(120, seed=7, out_dir=tmp_path / "120") == geodata
    assert (geodata / "projects.json").stat().st_mtime_ns == before

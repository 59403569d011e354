"""Property tests: whatever the rows hold, nothing crashes, no row vanishes, no failed import
changes the stored data. Rows are generated (TEST data), never real projects."""

from __future__ import annotations

import csv
import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import REPO_ROOT
from dashboard.data.exchange.importer import check_file, import_file, read_dataset
from dashboard.data.exchange.readers import UnreadableFile
from dashboard.data.files import write_atomically
from dashboard.data.parsing import normalise_text

GEODATA = REPO_ROOT / "geodata"
HEADERS = [
    "id",
    "title_en",
    "country",
    "provinces",
    "fields",
    "budget",
    "start",
    "end",
    "lon",
    "lat",
]
TODAY = date(2026, 11, 22)

plausible = {
    "id": st.sampled_from(["T1", "T2", "T3", "", "T1 "]),
    "title_en": st.sampled_from(["TEST project", "", "TEST 水"]),
    "country": st.sampled_from(["VNM", "Viet Nam", "ラオス", "Atlantis", "", "VNM; LAO"]),
    "provinces": st.sampled_from(["Hà Nội", "Thua Thien Hue; Da Nang", "Vientiane", "", "全国"]),
    "fields": st.sampled_from(["water", "Health; education", "fishing", ""]),
    "budget": st.sampled_from(["45,000,000", "45百万円", "0", "-5", "abc", "", "150,000,000"]),
    "start": st.sampled_from(["2016-02", "H26", "FY2014", "2019-13", "", "いつか"]),
    "end": st.sampled_from(["2019-02", "R3", "2010", "", "~2026 (4 yrs 8 months)"]),
    "lon": st.sampled_from(["", "105.85", "abc", "200"]),
    "lat": st.sampled_from(["", "21.03", "-91"]),
}
cell = st.one_of(st.text(max_size=20), st.just(""))
row = st.fixed_dictionaries({key: st.one_of(plausible[key], cell) for key in HEADERS})


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.lists(row, max_size=6))
def test_every_row_is_stored_or_reported(tmp_path_factory, places, rows):
    path = write_rows(tmp_path_factory.mktemp("rows") / "list.csv", rows)
    try:
        outcome = check_file(path, places, TODAY)
    except UnreadableFile:
        return  # e.g. no known header survives: the file is refused whole, with its reason
    reported = {p.row for p in outcome.problems if p.severity == "error"}
    accepted = {r.number for r, _ in outcome.accepted}
    rejected = {r.number for r in outcome.rejected}
    assert accepted.isdisjoint(rejected)
    assert rejected <= reported
    assert len(accepted) + len(rejected) == len(outcome.table.rows)


@SETTINGS
@given(st.lists(row, min_size=1, max_size=5), st.booleans())
def test_a_failed_import_changes_nothing(tmp_path_factory, places, rows, partial):
    geodata = tmp_path_factory.mktemp("geodata")
    shutil.copy(GEODATA / "projects.json", geodata / "projects.json")
    before = (geodata / "projects.json").read_bytes()
    path = write_rows(geodata / "list.csv", rows)
    try:
        outcome = import_file(path, geodata, places, partial=partial, today=TODAY)
    except UnreadableFile:
        assert (geodata / "projects.json").read_bytes() == before
        return
    if outcome.has_errors and not partial:
        assert (geodata / "projects.json").read_bytes() == before
    elif outcome.accepted:
        stored, _ = read_dataset(geodata / "projects.json")
        assert [p.id for p in stored] == [p.id for _, p in outcome.accepted]
    else:
        assert (geodata / "projects.json").read_bytes() == before


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx", ".geojson"]))
def test_corrupted_files_are_refused_with_a_reason(tmp_path_factory, places, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"list{suffix}"
    path.write_bytes(data)
    try:
        check_file(path, places, TODAY)
    except UnreadableFile as error:
        assert error.reason


def test_a_crash_while_writing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "projects.json"
    target.write_text('{"projects": []}', encoding="utf-8")

    def crash(*_args):
        raise KeyboardInterrupt  # a kill between writing aside and swapping

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, '{"projects": [1, 2, 3]}')
    assert target.read_text(encoding="utf-8") == '{"projects": []}'
    assert [p.name for p in tmp_path.iterdir()] == ["projects.json"]  # no temporary left


@SETTINGS
@given(st.lists(row, max_size=6))
def test_every_geojson_feature_is_stored_or_reported(tmp_path_factory, places, rows):
    """Features of one project (its sites) become one record; none vanishes unreported."""
    import json

    features = [
        {
            "type": "Feature",
            "geometry": None,
            "properties": {key: value for key, value in item.items() if key not in ("lon", "lat")},
        }
        for item in rows
    ]
    path = tmp_path_factory.mktemp("geo") / "list.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    try:
        outcome = check_file(path, places, TODAY)
    except UnreadableFile:
        return
    stored_ids = {project.id for _, project in outcome.accepted}
    errors = [p for p in outcome.problems if p.severity == "error"]
    reported = {p.row for p in errors}
    reported_ids = {p.project_id for p in errors}  # a project's sites share its report
    for feature in outcome.table.rows:
        written = (feature.cells.get("id") or "").strip()
        stored = normalise_text(written)  # an ID is stored as NFKC text
        assert feature.number in reported or written in reported_ids or stored in stored_ids

"""The running app picks up a new dataset file without a restart, whole or not at all."""

import json
import os
import shutil

from dashboard import REPO_ROOT
from dashboard.data.files import write_atomically
from dashboard.data.repository import Repository
from tests.factories import DATASET_SIZE, VIET_NAM_SIZE, default_dataset_size


def test_a_replaced_dataset_is_picked_up(tmp_path):
    geodata = tmp_path / "geodata"
    shutil.copytree(REPO_ROOT / "geodata" / "boundaries", geodata / "boundaries")
    projects_file = geodata / "projects.json"
    document = json.loads((REPO_ROOT / "geodata" / "projects.json").read_text(encoding="utf-8"))
    projects_file.write_text(json.dumps(document), encoding="utf-8")
    repository = Repository(projects_file, geodata / "boundaries")
    first = repository.store
    assert len(first) == DATASET_SIZE
    assert repository.store is first  # unchanged file: the same store, no re-read

    smaller = {**document, "projects": document["projects"][:10]}
    write_atomically(projects_file, json.dumps(smaller))
    stat = projects_file.stat()
    os.utime(projects_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert len(repository.store) == 10
    assert len(first) == DATASET_SIZE  # a request still holding the old store sees it whole


def test_one_selection_per_filter_and_store():
    from dashboard.data.filters import ProjectFilter

    repository = Repository(
        REPO_ROOT / "geodata" / "projects.json", REPO_ROOT / "geodata" / "boundaries"
    )
    store, first = repository.select(ProjectFilter(country=("VNM",)))
    again_store, again = repository.select(ProjectFilter(country=("VNM",)))
    assert (again_store, again) == (store, first) and again is first  # computed once
    assert first.count == VIET_NAM_SIZE
    assert repository.select(ProjectFilter(country=("LAO",)))[1].count == default_dataset_size(
        "LAO"
    )

"""Merging an IATI file over the dataset field by field (``data/exchange/iati/merge.py``):
what the file does not carry, or carries as a lossy rendering of what is stored, keeps the
stored value; what it states otherwise is taken. Records here are GENERATED (factories) or
the default data's own, exported and merged back on a copy in tmp."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date

from bench.generate import write_dataset
from dashboard import REPO_ROOT
from dashboard.cli import main as cli
from dashboard.data.exchange.iati.merge import echo, merge_iati, reconcile
from dashboard.data.model import Budget, Partner
from tests.factories import fake_project

TODAY = date(2026, 12, 6)


def _stored():
    """A GENERATED record with what IATI does not carry: wording, notes, marks, a register."""
    project = fake_project(
        "GEN-M1", start="FY2014", end="2017-03", budget=60_000_000, budget_kind="approximate",
        title="[GENERATED] merge test",
        partners=(
            Partner("GENERATED NGO A", type="ngo", type_stated=True, role="proposer",
                    note="sole proposer (generated note)"),
            Partner("GENERATED NGO B", type="ngo", type_stated=True, role="implementer",
                    role_stated=True, note="generated note B"),
        ),
        sources=("https://example.invalid/generated", "A generated register export (2022)"),
    )  # fmt: skip
    start = replace(project.start, text="2014 (H26)")
    budget = Budget(60_000_000, "approximate", "~60,000,000 (generated wording)")
    return replace(
        project, start=start, budget=budget, notes="generated note",
        not_stated_by_source=("title_en(tr)",), original={"generated": "research row"},
        last_updated="2026-01-02",
    )  # fmt: skip


def test_a_records_echo_is_its_lossy_rendering(places):
    stored = _stored()
    rendered = echo(stored, places, TODAY, date.max)
    assert rendered is not None
    assert rendered.start.label == "FY2014" and rendered.start.text == "FY2014"
    assert rendered.budget == Budget(60_000_000, "estimate", "JPY 60,000,000 (IATI budget)")
    assert rendered.sources == ("https://example.invalid/generated",)
    assert rendered.notes == "" and rendered.partners[0].note == ""
    assert rendered.partners[0].role == "implementer" and rendered.partners[0].role_stated


def test_the_echo_merged_back_is_the_stored_record_itself(places):
    stored = _stored()
    incoming = echo(stored, places, TODAY, date.max)
    assert reconcile(stored, incoming, [incoming], TODAY) is stored


def test_what_the_file_states_otherwise_is_taken_the_rest_kept(places):
    stored = _stored()
    rendered = echo(stored, places, TODAY, date.max)
    changed = replace(
        rendered,
        title_en="[GENERATED] a new title",
        budget=Budget(70_000_000, "contract", "JPY 70,000,000 (IATI budget)"),
        partners=(rendered.partners[0], replace(rendered.partners[1], name="GENERATED NGO C")),
    )
    merged = reconcile(stored, changed, [rendered], TODAY)
    assert merged.title_en == "[GENERATED] a new title"
    assert merged.budget.yen == 70_000_000 and merged.budget.kind == "contract"
    assert merged.start == stored.start  # its wording "2014 (H26)" kept
    assert merged.notes == "generated note"
    assert merged.not_stated_by_source == stored.not_stated_by_source
    assert merged.sources == stored.sources  # the register export kept
    assert merged.partners[0] == stored.partners[0]  # unchanged partner: note, unstated role
    assert merged.partners[1].name == "GENERATED NGO C"
    assert merged.last_updated == TODAY.isoformat()  # the file did not say when it changed


def test_a_day_date_read_as_planned_is_the_same_date(places):
    stored = fake_project("GEN-M2", start="2026-01-15", end="2027-03-31", title="[GENERATED] x")
    as_exported_long_ago = echo(stored, places, TODAY, date.min)  # both dates "planned"
    assert as_exported_long_ago.start.qualifier == "planned"
    assert merge_iati([stored], [as_exported_long_ago], places, TODAY) == [stored]


def test_a_record_the_file_adds_is_taken_whole(places):
    new = fake_project("GEN-M3", start="2020-04", end="2022-03", title="[GENERATED] new")
    assert merge_iati([_stored()], [new], places, TODAY) == [new]


def _dataset(geodata):
    return (geodata / "projects.json").read_bytes()


def test_exporting_the_default_data_and_merging_it_back_changes_no_byte(tmp_path, geodata, capsys):
    exported = tmp_path / "ours.xml"
    assert cli(["--geodata", str(geodata), "export", "--format", "iati", "-o", str(exported)]) == 0
    before = _dataset(geodata)
    capsys.readouterr()
    assert cli(["--geodata", str(geodata), "import", str(exported), "--merge"]) == 0
    assert _dataset(geodata) == before
    assert "updated: 0" in capsys.readouterr().out


def test_a_changed_budget_in_our_own_file_updates_that_field_only(tmp_path, geodata):
    exported = tmp_path / "ours.xml"
    assert cli(["--geodata", str(geodata), "export", "--format", "iati", "-o", str(exported)]) == 0
    before = {p["id"]: p for p in json.loads(_dataset(geodata))["projects"]}
    text = exported.read_text(encoding="utf-8")
    # The first activity with a budget: its amount raised by one yen.
    pattern = (
        r"<iati-identifier>XM-DAC-701-8-JPP-(\w+)</iati-identifier>"
        r"(?:(?!</iati-activity>).)*?<value [^>]*>(\d+)</value>"
    )
    found = re.search(pattern, text, re.S)
    assert found
    project_id, amount = found.group(1), int(found.group(2))
    start, end = found.span(2)
    exported.write_text(text[:start] + str(amount + 1) + text[end:], encoding="utf-8")
    assert cli(["--geodata", str(geodata), "import", str(exported), "--merge"]) == 0
    after = {p["id"]: p for p in json.loads(_dataset(geodata))["projects"]}
    assert after[project_id]["budget"]["yen"] == amount + 1
    for key in ("partners", "locations", "notes", "sources", "start", "end", "title_en"):
        assert after[project_id][key] == before[project_id][key], key
    assert [after[i] for i in after if i != project_id] == [
        before[i] for i in before if i != project_id
    ]


def test_generated_data_of_every_country_merges_back_unchanged(tmp_path, capsys):
    """GENERATED records (bench/generate.py) in all the partner countries, Nepal's provinces
    included: the export, merged back, changes no byte."""
    geodata = write_dataset(400, seed=3, out_dir=tmp_path / "generated")
    (geodata / "curation").mkdir()
    shutil.copy(REPO_ROOT / "geodata" / "curation" / "organisations.csv", geodata / "curation")
    exported = tmp_path / "generated.xml"
    assert cli(["--geodata", str(geodata), "export", "--format", "iati", "-o", str(exported)]) == 0
    before = _dataset(geodata)
    capsys.readouterr()
    assert cli(["--geodata", str(geodata), "import", str(exported), "--merge"]) == 0
    assert "updated: 0" in capsys.readouterr().out
    assert _dataset(geodata) == before

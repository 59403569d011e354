"""Reading IATI: an activity file from any publisher (a hand-made, generated fixture) or our
own export becomes project records, what does not map is reported (file, activity, field),
and a hostile or oversized file costs a bounded amount and is refused with a reason."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import REPO_ROOT
from dashboard.cli import main as cli
from dashboard.data.exchange import limits
from dashboard.data.exchange.iati import reader
from dashboard.data.exchange.importer import check_file
from dashboard.data.exchange.readers import TooLarge, UnreadableFile

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "iati-other-publisher.xml"
ONE = "GB-CHC-999999-TEST-1"
ACTIVITY = """<iati-activity xml:lang="en" default-currency="JPY">
  <iati-identifier>{id}</iati-identifier>
  <reporting-org ref="GB-CHC-999999" type="21"><narrative>TEST</narrative></reporting-org>
  <title><narrative>{title}</narrative></title>
  <description><narrative>GENERATED TEST</narrative></description>
  <participating-org role="4"><narrative>TEST NGO</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2020-04-01"/>
  <recipient-country code="VN"/>{extra}
</iati-activity>"""


def iati(tmp_path: Path, *activities: str, name: str = "test.xml", head: str = "") -> Path:
    """A GENERATED IATI file of the given activities."""
    path = tmp_path / name
    body = "".join(activities)
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>{head}'
        f'<iati-activities version="2.03">{body}</iati-activities>',
        encoding="utf-8",
    )
    return path


def activity(number: int = 1, title: str = "GENERATED TEST", extra: str = "") -> str:
    return ACTIVITY.format(id=f"GB-CHC-999999-T{number}", title=title, extra=extra)


@pytest.fixture(scope="module")
def outcome(places):
    return check_file(FIXTURE, places)


def test_another_publishers_activities_become_records(outcome):
    records = {project.id: project for _, project in outcome.accepted}
    assert set(records) == {ONE, "GB-CHC-999999-TEST-3"}
    one = records[ONE]
    assert one.title_en == "GENERATED TEST: clean water for schools"
    assert one.title_local is None  # French is not Viet Nam's language
    assert one.countries == ("VNM",)
    assert [(loc.admin1, loc.precision, loc.place) for loc in one.locations] == [
        ("VN-26", 2, "TEST school"),
        ("VN-HN", 4, "Hanoi"),
    ]
    assert (one.locations[0].lon, one.locations[0].lat) == (107.58, 16.46)
    assert [(p.name, p.name_ja, p.type, p.role) for p in one.partners] == [
        ("TEST University", "テスト大学", "university", "proposer"),
        ("TEST Local NGO, Huế branch", None, "ngo", "implementer"),
        ("TEST Multilateral", None, None, "implementer"),
    ]
    assert one.fields == ("water", "education")
    assert (one.start.label, one.end.label) == ("2019-04-01", "FY2021")
    assert (one.budget.yen, one.budget.kind) == (22_000_000, "contract")
    assert one.sources == ("https://example.invalid/test-1",)
    assert one.last_updated == "2026-11-30"


def test_a_cancelled_activity_with_only_a_planned_start_and_no_site(outcome):
    three = dict((p.id, p) for _, p in outcome.accepted)["GB-CHC-999999-TEST-3"]
    assert three.status_set == "cancelled"
    assert (three.start.label, three.end) == ("2027-01-01 (planned)", None)
    assert [(loc.country, loc.admin1, loc.precision) for loc in three.locations] == [
        ("LAO", None, 6)
    ]
    assert three.budget is None  # in dollars: the map keeps yen only
    assert (three.title_en, three.title_ja) == (None, "テスト事業（生成）")


def test_what_does_not_map_is_reported_with_file_activity_and_field(outcome):
    texts = [problem.text() for problem in outcome.problems]
    (error,) = [p for p in outcome.problems if p.severity == "error"]
    assert (error.row, error.project_id, error.column) == (
        2,
        "GB-CHC-999999-TEST-2",
        "recipient-country/@code",
    )
    assert "the map has no provinces for KEN" in error.message
    assert error.text().startswith(
        "error: iati-other-publisher.xml, activity 2 ('GB-CHC-999999-TEST-2'), "
        "column 'recipient-country/@code'"
    )
    expected = [
        ("location", "Atlantis"),
        ("participating-org/narrative", "TEST Donor"),
        ("participating-org/narrative", "TEST Charity"),
        ("participating-org/@type", "40"),
        ("sector/@code", "99810 (vocabulary 1)"),
        ("title/narrative (other language)", "TEST : de l'eau propre pour les écoles"),
    ]
    found = {(p.column, p.value) for p in outcome.problems if p.project_id == ONE}
    assert set(expected) <= found
    assert any("'transaction': not read (in 1 activity)" in text for text in texts)
    assert any("50000 USD" in text and "yen only" in text for text in texts)


def test_the_command_line_imports_it_and_writes_the_rejected_activity_aside(
    tmp_path, geodata, capsys
):
    source = tmp_path / "other.xml"
    source.write_bytes(FIXTURE.read_bytes())
    base = ["--geodata", str(geodata), "import", str(source), "--merge", "--format", "json"]
    assert cli(base) == 1  # an error and no --partial: nothing stored
    assert json.loads(capsys.readouterr().out)["projects_stored"] == 0
    assert cli([*base, "--partial"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["added"], report["rejected"]) == (2, 1)
    stored = json.loads((geodata / "projects.json").read_text(encoding="utf-8"))
    ids = [project["id"] for project in stored["projects"]]
    assert ids[-2:] == [ONE, "GB-CHC-999999-TEST-3"]
    rejects = (tmp_path / "other.rejects.csv").read_text(encoding="utf-8-sig")
    assert "GB-CHC-999999-TEST-2" in rejects and "KEN" in rejects


def test_our_own_export_imports_back_whole(tmp_path, geodata, capsys):
    exported = tmp_path / "ours.xml"
    assert cli(["--geodata", str(geodata), "export", "--format", "iati", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert cli(["--geodata", str(geodata), "import", str(exported), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rejected"] == 0
    stored = json.loads((geodata / "projects.json").read_text(encoding="utf-8"))
    activities = exported.read_text(encoding="utf-8").count("<iati-activity ")
    assert len(stored["projects"]) == report["projects_stored"] == activities
    assert all(not p["id"].startswith("XM-DAC") for p in stored["projects"])


def test_an_iati_file_is_known_by_its_root_whatever_its_name(tmp_path, places):
    path = iati(tmp_path, activity(), name="activities.download")
    assert reader.is_iati(path)
    ((_, project),) = check_file(path, places).accepted
    assert (project.id, project.title_en) == ("GB-CHC-999999-T1", "GENERATED TEST")
    assert [(loc.country, loc.precision) for loc in project.locations] == [("VNM", 6)]


# -- hostile and oversized files ------------------------------------------------------------


def refused(path: Path, places) -> str:
    with pytest.raises(UnreadableFile) as caught:
        check_file(path, places)
    return caught.value.reason


def test_entities_and_dtds_are_refused_before_parsing(tmp_path, places):
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
        '&lol;&lol;&lol;&lol;">]>'
    )
    path = iati(tmp_path, activity(title="&lol2;"), head=laughs)
    assert "declares a DTD or entities" in refused(path, places)
    xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    path = iati(tmp_path, activity(title="&e;"), head=xxe)
    assert "declares a DTD or entities" in refused(path, places)


def test_the_parser_itself_expands_no_entity(tmp_path, monkeypatch):
    """Were the declaration check gone, lxml (resolve_entities=False, no_network) still
    reads neither a file nor an expansion."""
    monkeypatch.setattr(reader, "_DECLARATIONS", reader.re.compile(rb"(?!)"))
    xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    path = iati(tmp_path, activity(title="T&e;"), head=xxe)
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    for _, element in reader._activities(path, path.read_bytes()):
        title = reader._text(element.find("title/narrative"))
        assert title == "T" or (hostname and hostname not in title)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<projects><project/></projects>", "whose root is <projects>"),
        ("<iati-activities version='2.03'><iati-activity>", "not well-formed XML"),
        ("<iati-activities version='1.05'><iati-activity/></iati-activities>", "IATI 1.05"),
        ("<iati-activities version='2.03'></iati-activities>", "holds no iati-activity"),
        ("   ", "the file is empty"),
    ],
)
def test_files_that_are_not_iati_2_activities_are_refused(tmp_path, places, text, reason):
    path = tmp_path / "file.xml"
    path.write_text(text, encoding="utf-8")
    assert reason in refused(path, places)


def test_the_caps_bound_what_a_file_costs(tmp_path, places, monkeypatch):
    three = iati(tmp_path, activity(1), activity(2), activity(3))
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    with pytest.raises(TooLarge, match="more than 2 activities"):
        check_file(three, places)
    monkeypatch.setattr(limits, "MAX_ROWS", 50_000)
    monkeypatch.setattr(reader, "MAX_ELEMENTS", 20)
    with pytest.raises(TooLarge, match="more than 20 XML elements"):
        check_file(three, places)
    monkeypatch.setattr(reader, "MAX_ELEMENTS", 2_000_000)
    deep = iati(tmp_path, activity(extra="<a>" * 40 + "</a>" * 40), name="deep.xml")
    with pytest.raises(TooLarge, match="nests deeper than 32"):
        check_file(deep, places)
    long_title = iati(tmp_path, activity(title="T" * 600), name="long.xml")
    with pytest.raises(TooLarge, match="activity 1, column 'title/narrative \\(en\\)'"):
        check_file(long_title, places)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    with pytest.raises(TooLarge, match="above the limit of 100 bytes"):
        check_file(three, places)


def test_sniffing_never_waits_on_a_pipe(tmp_path, places):
    import os

    pipe = tmp_path / "list.txt"
    os.mkfifo(pipe)
    assert reader.is_iati(pipe) is False  # returns at once: nothing is read from a pipe
    assert "not a regular file" in refused(pipe, places)


VALUE = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["NaN", "Infinity", "-1", "1e400", "sNaN", "1e-400", "0", "2020-13-45",
                     "16.4 107.6", "x y", "VN-26", "VN", "ZZ", "99999", "4", "", " ", "&amp;",
                     "43060", "2"]),
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(VALUE, min_size=12, max_size=12))  # fmt: skip
def test_any_values_in_an_activity_are_read_or_reported_never_a_crash(tmp_path, places, values):
    """GENERATED activities with arbitrary codes, dates, points and amounts."""
    v = [escape(value, {'"': "&quot;"}) for value in values]
    extra = (
        f'<activity-date type="{v[0]}" iso-date="{v[1]}"><narrative>{v[2]}</narrative>'
        f'</activity-date><recipient-country code="{v[3]}"/>'
        f'<location ref="{v[4]}"><name><narrative>{v[5]}</narrative></name>'
        f'<point srsName="x"><pos>{v[6]}</pos></point><feature-designation code="{v[7]}"/>'
        f'</location><sector vocabulary="{v[8]}" code="{v[9]}"/>'
        f'<budget status="{v[10]}"><period-start iso-date="2020-01-01"/>'
        f'<period-end iso-date="2020-12-31"/><value value-date="2020-01-01">{v[11]}</value>'
        "</budget>"
    )
    path = iati(tmp_path, activity(extra=extra), name="any.xml")
    try:
        outcome = check_file(path, places)
    except UnreadableFile as error:
        assert error.reason
        return
    assert len(outcome.accepted) + len(outcome.rejected) == 1
    for problem in outcome.problems:
        assert problem.text()


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "Infinity", "-Infinity", "1e400", "ten"])
def test_an_amount_that_is_no_number_is_reported_not_stored(tmp_path, places, amount):
    extra = (
        '<budget><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>'
        f'<value value-date="2020-01-01">{amount}</value></budget>'
    )
    outcome = check_file(iati(tmp_path, activity(extra=extra)), places)
    ((_, project),) = outcome.accepted
    assert project.budget is None
    assert any(p.column == "budget/value" and "not an amount" in p.message
               for p in outcome.problems)  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from([b'<?xml version="1.0" encoding="bogus"?><iati-activities/>',
                     b'<?xml version="1.0" encoding="UTF-16"?><iati-activities/>',
                     b"\xff\xfe<\x00i\x00",
                     b"<iati-activities version='2.03'><iati-activity/></iati-activities>",
                     b"<iati-activities><iati-activity><iati-activity/></iati-activity>"
                     b"</iati-activities>"]),
))  # fmt: skip
def test_any_bytes_named_xml_are_read_or_refused_with_a_reason(tmp_path, places, data):
    path = tmp_path / "random.xml"
    path.write_bytes(data)
    try:
        check_file(path, places)
    except UnreadableFile as error:
        assert error.reason


def test_a_merge_of_our_export_keeps_what_iati_does_not_carry(tmp_path, geodata, capsys):
    exported = tmp_path / "ours.xml"
    assert cli(["--geodata", str(geodata), "export", "--format", "iati", "-o", str(exported)]) == 0
    before = {p["id"]: p for p in json.loads((geodata / "projects.json").read_text())["projects"]}
    assert cli(["--geodata", str(geodata), "import", str(exported), "--merge"]) == 0
    after = {p["id"]: p for p in json.loads((geodata / "projects.json").read_text())["projects"]}
    assert set(after) == set(before)
    for key in ("scheme", "notes", "not_stated_by_source", "status_observed", "observed_status"):
        assert [p[key] for p in after.values()] == [before[i][key] for i in after], key
    assert [p["title_en"] for p in after.values()] == [before[i]["title_en"] for i in after]

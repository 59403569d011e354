"""Nepal's counts (issue 14's review, item 1): a site whose district or own point is known
counts in the one unit of the other layer that holds it; only a site known at its zone's (or
province's) level alone counts in every unit of the other layer that overlaps its own, and is
marked as not exact. The same rule for the map's counts, the filter, the side panel and the
project page. Small generated records; exact expected units."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import REPO_ROOT
from dashboard.data import place_levels as levels
from dashboard.data.filters import ProjectFilter, select
from dashboard.data.loading import build_store
from dashboard.data.model import Location
from dashboard.data.repository import BoundaryIndex
from dashboard.data.summaries import projects_at, province_counts
from tests.factories import fake_project

BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"
ZONES = {"NP-BA", "NP-JA", "NP-KO", "NP-ME", "NP-NA", "NP-SA", "NP-GA", "NP-DH", "NP-LU"}
PROVINCES = {f"NP-P{n}" for n in range(1, 8)}


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(BOUNDARIES)


def site(admin1: str, place: str | None = None, precision: int = 4, lon=85.3, lat=27.7):
    return Location(
        country="NPL", admin1=admin1, precision=precision, lon=lon, lat=lat, place=place
    )


def nepal_store(boundaries: BoundaryIndex, *projects):
    return build_store(list(projects), {"generated": "test fixture"}, None, boundaries.placement)


@pytest.mark.parametrize(
    ("admin1", "place", "units", "exact"),
    [
        ("NP-BA", "Kavre (Devitar)", ("NP-BA", "NP-P3"), True),
        ("NP-BA", "Sindhupalchok (Kubhinde)", ("NP-BA", "NP-P3"), True),
        ("NP-NA", "Makwanpur (Bajrabarahi)", ("NP-NA", "NP-P3"), True),
        ("NP-SA", "Okhaldhunga District", ("NP-SA", "NP-P1"), True),
        ("NP-SA", "Siraha District", ("NP-SA", "NP-P2"), True),
        ("NP-GA", "Kaski District, Nirmal Pokhari village", ("NP-GA", "NP-P4"), True),
        ("NP-P4", "Kaski District: Machhapuchhre, Annapurna", ("NP-P4", "NP-GA"), True),
        ("NP-P4", "Nawalpur", ("NP-P4", "NP-LU"), True),  # the half of a divided district
        # Known at its unit's level alone: every unit of the other layer over it, not exact.
        ("NP-SA", None, ("NP-SA", "NP-P1", "NP-P2"), False),
        ("NP-P3", "", ("NP-P3", "NP-BA", "NP-JA", "NP-NA"), False),
        ("NP-LU", "Nawalparasi", ("NP-LU", "NP-P4", "NP-P5"), False),  # divided in 2015
        # A district that is not in the site's own unit is not trusted.
        ("NP-SA", "Kaski District", ("NP-SA", "NP-P1", "NP-P2"), False),
        # Two districts named: which one is not said.
        ("NP-SA", "Okhaldhunga and Siraha", ("NP-SA", "NP-P1", "NP-P2"), False),
        # Other countries: the unit itself.
        ("VN-26", "Huế", ("VN-26",), True),
    ],
)
def test_a_site_counts_where_its_district_is(admin1, place, units, exact, boundaries) -> None:
    assert levels.placement(admin1, place, boundaries.overlaps) == levels.Placement(units, exact)


def test_a_sites_own_point_says_which_province(boundaries: BoundaryIndex) -> None:
    # Pokhara (GeoNames 1282898), on Gandaki Zone: in Gandaki Province.
    pokhara = boundaries.placement("NP-GA", "Pokhara", 2, 83.96851, 28.26689)
    assert pokhara == levels.Placement(("NP-GA", "NP-P4"))
    # Lahan (Siraha District), on Sagarmatha Zone: in Madhesh, not Koshi.
    lahan = boundaries.placement("NP-SA", "Lahan", 2, 86.48, 26.72)
    assert lahan == levels.Placement(("NP-SA", "NP-P2"))
    # The same point at precision 4 is a unit's representative point: it says nothing.
    assert not boundaries.placement("NP-SA", None, 4, 86.48, 26.72).exact


def test_the_provinces_count_a_zones_site_in_its_districts_province_only(
    boundaries: BoundaryIndex,
) -> None:
    store = nepal_store(
        boundaries,
        # As the default dataset has NP02 and NP03: sites on zones, their districts named.
        fake_project("T-KAVRE", locations=(site("NP-BA", "Kavre"), site("NP-NA", "Makwanpur"))),
        fake_project("T-OKHAL", locations=(site("NP-SA", "Okhaldhunga District"),)),
        fake_project("T-ZONE", locations=(site("NP-SA"),)),  # the zone alone
        fake_project("T-P3", locations=(site("NP-P3", "Dhading District"),)),
    )
    chosen = select(store, ProjectFilter())
    provinces = province_counts(
        store, chosen, "NPL", boundaries.regroup_into("NPL", "current"), PROVINCES
    )
    # Madhesh has only the site known at Sagarmatha Zone's level (in Koshi or Madhesh).
    assert provinces.to_dict() == {"NP-P1": 2, "NP-P2": 1, "NP-P3": 2}
    zones = province_counts(
        store, chosen, "NPL", boundaries.regroup_into("NPL", "implemented"), ZONES
    )
    assert zones.to_dict() == {"NP-BA": 2, "NP-NA": 1, "NP-SA": 2}


def test_the_filter_and_the_panel_keep_the_same_projects(boundaries: BoundaryIndex) -> None:
    store = nepal_store(
        boundaries,
        fake_project("T-KAVRE", locations=(site("NP-BA", "Kavre"),)),
        fake_project("T-OKHAL", locations=(site("NP-SA", "Okhaldhunga District"),)),
        fake_project("T-ZONE", locations=(site("NP-SA"),)),
        fake_project("T-VN"),
    )

    def kept(*codes: str) -> list[str]:
        spec = ProjectFilter(province=boundaries.implemented_codes(codes))
        return sorted(store.projects[row].id for row in select(store, spec).mask.nonzero()[0])

    def panel(code: str) -> list[str]:
        rows = projects_at(
            store, select(store, ProjectFilter()), provinces=boundaries.implemented_codes((code,))
        )
        return sorted(store.projects[row].id for row in rows)

    assert kept("NP-P2") == panel("NP-P2") == ["T-ZONE"]
    assert kept("NP-P1") == panel("NP-P1") == ["T-OKHAL", "T-ZONE"]
    assert kept("NP-P3") == panel("NP-P3") == ["T-KAVRE"]
    assert kept("NP-SA") == panel("NP-SA") == ["T-OKHAL", "T-ZONE"]
    assert kept("NP-JA") == panel("NP-JA") == []


def test_a_project_page_draws_the_province_of_its_district(boundaries: BoundaryIndex) -> None:
    from dashboard.ui.boundary_layers import layer_of, units_of

    project = fake_project(
        "T-OKHAL", start="2022-02", locations=(site("NP-SA", "Okhaldhunga District"),)
    )
    assert units_of(boundaries, project, layer_of(boundaries, "NPL", "current")) == ["NP-P1"]
    assert units_of(boundaries, project, layer_of(boundaries, "NPL", "implemented")) == ["NP-SA"]
    vague = fake_project("T-ZONE", locations=(site("NP-SA"),))
    provinces = units_of(boundaries, vague, layer_of(boundaries, "NPL", "current"))
    assert provinces == ["NP-P1", "NP-P2"]


def test_the_card_names_the_other_layers_unit_and_says_when_only_the_zone_is_known(
    boundaries: BoundaryIndex,
) -> None:
    from dashboard.i18n import translator
    from dashboard.ui.detail_panel.layout import other_layer

    en, ja = translator("en"), translator("ja")
    okhaldhunga = site("NP-SA", "Okhaldhunga District")
    assert other_layer(boundaries, okhaldhunga, en) == " (since 20 September 2015: Koshi Province)"
    assert other_layer(boundaries, okhaldhunga, ja) == "（2015年9月20日以降はコシ州）"
    assert other_layer(boundaries, site("NP-SA"), en) == (
        " (since 20 September 2015: Koshi Province or Madhesh Province; only its zone is known)"
    )
    assert other_layer(boundaries, site("NP-P3", "Kavre District"), en) == (
        " (until 2015: Bagmati Zone)"
    )
    vietnam = Location(country="VNM", admin1="VN-26", precision=4, lon=107.5, lat=16.4)
    assert other_layer(boundaries, vietnam, en) == ""


def test_the_api_says_where_a_site_counts_and_whether_it_is_sure(boundaries: BoundaryIndex):
    from dashboard.api.serialize import counted_in

    assert counted_in(boundaries, site("NP-SA", "Okhaldhunga District")) == {
        "counts_in": ["NP-SA", "NP-P1"],
        "counts_in_exact": True,
    }
    assert counted_in(boundaries, site("NP-SA")) == {
        "counts_in": ["NP-SA", "NP-P1", "NP-P2"],
        "counts_in_exact": False,
    }


def test_nepals_recent_projects_are_on_the_provinces_of_their_time() -> None:
    """NP05 (2023) and NP06 (2022): on the province their sources' district is in (an
    inference, marked so in the note; the sources name Pokhara, Kaski and Kavre), not on
    the zones abolished in 2015; the district stays named, so the zone is known too."""
    from dashboard.data.loading import load_store

    store = load_store(REPO_ROOT / "geodata" / "projects.json")
    boundaries = BoundaryIndex.read(BOUNDARIES)
    np05, np06 = store.project("NP05"), store.project("NP06")
    assert [loc.admin1 for loc in np05.locations] == ["NP-P4", "NP-P4"]
    assert [loc.admin1 for loc in np06.locations] == ["NP-P3"]
    for location in (*np05.locations, *np06.locations):
        assert "inferred, not stated by the sources" in location.note
        where = boundaries.placement(
            location.admin1, location.place, location.precision, location.lon, location.lat
        )
        assert where.exact and len(where.units) == 2
    assert boundaries.placement("NP-P3", np06.locations[0].place, 4, 0, 0).units[1] == "NP-BA"
    # The projects before 2015 stay on the zones of their time.
    assert [loc.admin1 for loc in store.project("NP03").locations] == ["NP-SA"]


# -- the layer a map opens on, and a choice carried across layers (items 3 and 4) ----------


def test_nepals_map_opens_on_its_provinces_and_the_zones_stay_a_choice(
    boundaries: BoundaryIndex,
) -> None:
    from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED, layer_of_link
    from dashboard.ui.view_state import default_view, view_from_query, view_query

    today = date(2026, 12, 6)
    assert levels.default_layer("NPL") == CURRENT
    assert levels.default_layer("VNM") == IMPLEMENTED  # the 63 its projects ran on
    assert levels.default_layer("LKA") == levels.default_layer("KHM,LAO") == IMPLEMENTED
    assert default_view("NPL", today).layer == CURRENT
    assert layer_of_link(boundaries, [], (), "NPL") == CURRENT
    assert layer_of_link(boundaries, ["implemented"], (), "NPL") == IMPLEMENTED
    assert layer_of_link(boundaries, [], ("NP-JA",), "NPL") == IMPLEMENTED  # a zone chosen
    assert layer_of_link(boundaries, [], ("NP-P3",), "VNM") == CURRENT
    assert layer_of_link(boundaries, [], (), "VNM") == IMPLEMENTED
    # The link says the layer only when it is not the country's own.
    opened = view_from_query("?country=NPL", today, boundaries, "VNM")
    assert opened is not None and opened.layer == CURRENT
    zones = replace(opened, layer=IMPLEMENTED)
    query = view_query(zones, today, "en")
    assert "layer=implemented" in query
    assert view_from_query(query, today, boundaries, "VNM") == zones
    assert "layer" not in view_query(opened, today, "en")


def test_choosing_nepal_opens_its_provinces_whatever_the_layer_before(boundaries):
    from dashboard.ui import ids
    from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED
    from dashboard.ui.filter_panel.transitions import Surroundings, next_view
    from dashboard.ui.view_state import default_view

    today = date(2026, 12, 6)
    around = Surroundings(today, "en", boundaries, "VNM", frozenset())
    viet_nam = default_view("VNM", today)
    step = next_view(ids.COUNTRY, replace(viet_nam, country="NPL"), around)
    assert step.state is not None and step.state.layer == CURRENT
    back = next_view(ids.COUNTRY, replace(step.state, country="VNM"), around)
    assert back.state is not None and back.state.layer == IMPLEMENTED


def test_bagmati_province_on_the_zones_and_back_is_bagmati_province(boundaries) -> None:
    from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED, carried_into, drawn_units_of

    on_zones = carried_into(boundaries, ["NP-P3"], IMPLEMENTED)
    assert on_zones == ["NP-P3"]  # not its 3 zones, which would come back with Madhesh
    assert drawn_units_of(boundaries, on_zones, IMPLEMENTED) == ["NP-BA", "NP-JA", "NP-NA"]
    assert carried_into(boundaries, on_zones, CURRENT) == ["NP-P3"]
    # Sudurpashchim is its two zones, and they are it: carried whole.
    assert carried_into(boundaries, ["NP-P7"], IMPLEMENTED) == ["NP-MA", "NP-SE"]
    assert carried_into(boundaries, ["NP-MA", "NP-SE"], CURRENT) == ["NP-P7"]
    assert carried_into(boundaries, ["NP-MA"], CURRENT) == ["NP-MA"]
    assert carried_into(boundaries, ["LK-6"], CURRENT) == ["LK-6"]


def _layer_units(boundaries: BoundaryIndex) -> dict[str, list[str]]:
    return {
        "NPL-implemented": sorted(p.code for p in boundaries.provinces_of("NPL")),
        "NPL-current": sorted(p.code for p in boundaries.current_of("NPL")),
        "VNM-implemented": sorted(p.code for p in boundaries.provinces_of("VNM")),
        "VNM-current": sorted(p.code for p in boundaries.current_of("VNM")),
    }


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_choice_carried_to_the_other_layer_and_back_is_the_same_choice(
    boundaries: BoundaryIndex, data
) -> None:
    from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED, carried_into

    units = _layer_units(boundaries)
    key = data.draw(st.sampled_from(sorted(units)))
    chosen = data.draw(st.lists(st.sampled_from(units[key]), unique=True, max_size=8))
    here, there = (CURRENT, IMPLEMENTED) if key.endswith("current") else (IMPLEMENTED, CURRENT)
    carried = carried_into(boundaries, chosen, there)
    assert sorted(carried_into(boundaries, carried, here)) == sorted(chosen)
    # Carried twice to the same layer: no change (a link read again).
    assert carried_into(boundaries, carried, there) == carried
    # The same projects: the units drawn for the choice are the same both ways.
    from dashboard.ui.boundary_layers import drawn_units_of

    assert sorted(drawn_units_of(boundaries, carried, there)) == sorted(
        drawn_units_of(boundaries, chosen, there)
    )


# -- search by the name of a wider unit or of the other layer's (item 5) --------------------


def test_search_finds_a_site_by_the_units_it_counts_in(boundaries: BoundaryIndex) -> None:
    store = build_store(
        [
            fake_project("T-KAVRE", locations=(site("NP-BA", "Kavre (Devitar)"),)),
            fake_project("T-OKHAL", locations=(site("NP-SA", "Okhaldhunga District"),)),
            fake_project(
                "T-CEBU",
                locations=(Location(country="PHL", admin1="PH-CEB", precision=4, lon=124, lat=10),),
            ),
        ],
        {"generated": "test fixture"},
        boundaries.search_names,
        boundaries.placement,
    )

    def found(q: str) -> list[str]:
        return sorted(
            store.projects[r].id for r in select(store, ProjectFilter(q=q)).mask.nonzero()[0]
        )

    assert found("Bagmati Province") == ["T-KAVRE"]  # placed on Bagmati Zone, in Kavre
    assert found("バグマティ州") == ["T-KAVRE"]
    assert found("Koshi Province") == ["T-OKHAL"]
    assert found("Madhesh") == []
    assert found("Central Visayas") == ["T-CEBU"]  # the region over Cebu
    assert found("中部ビサヤ地方") == ["T-CEBU"]


# -- downloads: the column of the units in force today, for Nepal (item 9) ------------------


def test_a_download_of_nepals_provinces_fills_and_names_that_column(boundaries) -> None:
    from datetime import datetime

    from dashboard.api.exports import ExportRequest, export_options
    from dashboard.data.exchange.writers import export_columns, export_row
    from dashboard.i18n import translator

    store = nepal_store(
        boundaries,
        fake_project("T-OKHAL", locations=(site("NP-SA", "Okhaldhunga District"),)),
        fake_project("T-ZONE", locations=(site("NP-SA"),)),
    )
    spec = ProjectFilter(country=("NPL",))
    chosen = select(store, spec)
    made = datetime(2026, 12, 6, 12, 0)
    request = ExportRequest("csv", layer="current")
    options = export_options(store, chosen, spec, request, boundaries, translator("en"), made)
    assert "provinces_2025" in [column.key for column in export_columns(options)]
    assert options.headers["provinces_2025"] == "Provinces (since 2015)"
    names = {p.code: p.name_en for p in boundaries.provinces_of("NPL")}
    okhal, zone = (export_row(p, names, options)["provinces_2025"] for p in store.projects)
    assert okhal == "Koshi Province (NP-P1)"
    assert zone == "Koshi Province (NP-P1) or Madhesh Province (NP-P2)"
    ja = export_options(store, chosen, spec, request, boundaries, translator("ja"), made)
    assert ja.headers["provinces_2025"] == "対象地域（2015年以降の州）"
    # Viet Nam's column keeps its name and its units.
    vn = ProjectFilter(country=("VNM",))
    viet_nam = export_options(store, chosen, vn, request, boundaries, translator("en"), made)
    assert viet_nam.headers["provinces_2025"] == "Provinces (2025)"
    hue = export_row(fake_project("T-VN"), {}, viet_nam)["provinces_2025"]
    assert hue.endswith("(VN-2025-46)")


def test_a_site_on_a_province_of_2015_is_named_in_the_list_and_the_downloads(boundaries):
    from dashboard.i18n import translator
    from dashboard.ui.first_view.rules import place_text

    project = fake_project("T-P4", locations=(site("NP-P4", "Pokhara"),))
    assert place_text(project, boundaries, translator("ja"), False) == "ガンダキ州"


def test_the_api_download_names_a_province_of_2015(boundaries):
    from dashboard.app import create_app
    from dashboard.settings import Settings

    client = create_app(Settings()).server.test_client()
    text = client.get("/api/projects.csv?country=NPL").get_data(as_text=True)
    assert "Gandaki Province (NP-P4)" in text  # the sites of NP05, on the province of 2023

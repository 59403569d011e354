"""Rules behind the fixes of the review of issue 14's work (D1-D13): the layer in the link,
period warnings, inferred provinces, names at every level, Nepal's words. Records are
generated (tests/factories.py) or built here; never the real dataset's counts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import REPO_ROOT
from dashboard.data.places import PlaceIndex
from dashboard.data.repository import BoundaryIndex
from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED, carried_into
from dashboard.ui.filter_panel.controls import default_values
from dashboard.ui.filter_panel.transitions import Surroundings, next_view
from dashboard.ui.ids import BOUNDARY_LAYER
from dashboard.ui.view_state import ViewState, view_from_query, view_query

BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"
TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(BOUNDARIES)


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return PlaceIndex.load(BOUNDARIES)


# -- D1: the link names the layer shown, against the country's own default ------------------

CHOICES = {
    "NPL": [[], ["NP-P3"], ["NP-BA"], ["NP-P7"], ["NP-P1", "NP-P2"]],
    "VNM": [[], ["VN-26"], ["VN-2025-46"], ["VN-25", "VN-26"]],
}


@settings(max_examples=120, deadline=None)
@given(
    country=st.sampled_from(["NPL", "VNM"]),
    layer=st.sampled_from([IMPLEMENTED, CURRENT]),
    pick=st.integers(0, 4),
    lang=st.sampled_from(["en", "ja", "vi"]),
)
def test_a_layer_reads_back_from_its_link_in_nepal_and_viet_nam(
    boundaries, country, layer, pick, lang
):
    choices = CHOICES[country]
    chosen = carried_into(boundaries, choices[pick % len(choices)], layer)
    state = ViewState(country, layer, {**default_values(TODAY), "provinces": chosen})
    query = view_query(state, TODAY, lang)
    # With nothing chosen, the layer is in the link exactly when it is not the one the
    # country's map opens on; a zone chosen on the provinces' map names it too.
    opens_on = CURRENT if country == "NPL" else IMPLEMENTED
    if not chosen:
        assert (f"layer={layer}" in query) == (layer != opens_on)
    assert view_from_query(query, TODAY, boundaries, "VNM") == state


def test_a_zone_chosen_on_nepal_s_provinces_keeps_the_provinces_in_the_link(boundaries):
    state = ViewState("NPL", CURRENT, {**default_values(TODAY), "provinces": ["NP-BA"]})
    query = view_query(state, TODAY, "en")
    assert "layer=current" in query
    opened = view_from_query(query, TODAY, boundaries, "VNM")
    assert opened is not None and opened.layer == CURRENT


@pytest.mark.parametrize("chosen", [[], ["NP-P3"]])
def test_switching_nepal_s_layer_writes_it_in_the_link_each_time(boundaries, chosen):
    around = Surroundings(TODAY, "en", boundaries, "VNM", frozenset())
    state = ViewState("NPL", CURRENT, {**default_values(TODAY), "provinces": chosen})
    for layer, wanted in ((IMPLEMENTED, True), (CURRENT, False), (IMPLEMENTED, True)):
        state = ViewState("NPL", layer, state.controls)
        step = next_view(BOUNDARY_LAYER, state, around)
        assert step.search is not None
        assert ("layer=implemented" in step.search) == wanted, (layer, step.search)
        assert "layer=current" not in step.search
        opened = view_from_query(step.search, TODAY, boundaries, "VNM")
        assert opened is not None and opened.layer == layer
        assert opened.controls["provinces"] == chosen


# -- D2: Viet Nam's 63 fit any time; only a 2025 unit before July 2025 warns -----------------


def _vn_project(code: str, start: str, end: str):
    from dashboard.data.model import Location
    from tests.factories import fake_project

    site = Location(country="VNM", admin1=code, precision=4, lon=107.58, lat=16.46)
    return fake_project("T-VN", start=start, end=end, locations=(site,))


@pytest.mark.parametrize(
    ("code", "start", "end", "warned"),
    [
        ("VN-26", "2025-08", "2028-03", False),  # a site on the 63 fits after the reform
        ("VN-26", "2019-04", "2021-03", False),
        ("VN-2025-46", "2025-08", "2028-03", False),
        ("VN-2025-46", "2019-04", "2021-03", True),  # the 34 before they existed
        ("VN-2025-46", "2024-04", "2026-03", False),  # it ran into the 34's time
        ("NP-BA", "2022-02", "2025-02", True),  # Nepal's zones do not outlive 2015
    ],
)
def test_period_warnings_for_viet_nam_s_two_layers(code, start, end, warned):
    from dashboard.data.validation import check_project

    found = [f for f in check_project(_vn_project(code, start, end)) if f.field == "locations"]
    assert bool(found) == warned, found


def _import(tmp_path, places, rows: list[tuple[str, str, str]]):
    from dashboard.data.exchange.importer import check_file

    header = "案件番号,案件名,対象国,対象地域,提案団体名,分野,事業費（千円）,実施期間,出典\n"
    lines = [
        f'{pid},TEST {pid},ベトナム,"{where}",TEST,,,{period},https://example.invalid/{pid}'
        for pid, where, period in rows
    ]
    path = tmp_path / "list.csv"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return check_file(path, places, TODAY)


@pytest.mark.parametrize("where", ["Huế", "VN-2025-46", "Thừa Thiên Huế", "VN-26", "VN-2025-48"])
def test_a_viet_nam_project_after_july_2025_imports_without_a_period_warning(
    tmp_path, places, where
):
    outcome = _import(tmp_path, places, [("T-1", where, "2025年8月～2028年3月")])
    assert len(outcome.accepted) == 1
    assert [p.message for p in outcome.problems if "one of the" in p.message] == []


def test_a_2025_unit_for_a_project_that_ended_before_july_2025_warns_once(tmp_path, places):
    outcome = _import(tmp_path, places, [("T-1", "VN-2025-48", "2019年4月～2021年3月")])
    warned = [p for p in outcome.problems if "one of the" in p.message]
    assert len(warned) == 1 and "VN-2025-48" in warned[0].message
    assert (warned[0].severity, warned[0].column) == ("warning", "対象地域")


# -- D3: a unit the curators inferred is marked on the card, the project page, the first view


INFERRED_NOTE = (
    "admin-1 = the province of the project's time (2023), inferred, not stated by the "
    "sources: GENERATED; district named, point is the province's (precision 4)"
)


def test_a_unit_inferred_is_read_from_the_curators_note():
    from dashboard.data.place_levels import unit_inferred

    assert unit_inferred(INFERRED_NOTE)
    assert not unit_inferred("province named; HueWACO is the counterpart")
    assert not unit_inferred("partner inferred in research row; admin-1 = stated")
    assert not unit_inferred("")
    assert not unit_inferred(None)


def _inferred_np_project(note: str = INFERRED_NOTE):
    from dashboard.data.model import Location
    from tests.factories import fake_project

    site = Location(
        country="NPL", admin1="NP-P4", precision=4, lon=84.0, lat=28.3,
        place="Kaski District", note=note,
    )  # fmt: skip
    return fake_project("T-NP", start="2023-01", end="2025-06", locations=(site,))


def _text(component) -> str:
    from dashboard.ui.first_view.markup import to_html

    return to_html(component)


@pytest.mark.parametrize(
    ("lang", "mark"), [("en", " (inferred)"), ("ja", "（推定）"), ("vi", " (suy đoán)")]
)
def test_the_card_and_the_first_view_mark_an_inferred_province(boundaries, lang, mark):
    from dashboard.i18n import translator
    from dashboard.ui.detail_panel.layout import _locations
    from dashboard.ui.first_view.rules import place_text

    t = translator(lang)
    province = t.province(boundaries.all_units["NP-P4"])
    card = _text(_locations(_inferred_np_project(), boundaries, t)[0])
    assert f"{province}{mark}" in card
    assert place_text(_inferred_np_project(), boundaries, t, False) == f"{province}{mark}"
    stated = _inferred_np_project("district named")
    assert mark not in _text(_locations(stated, boundaries, t)[0])
    assert place_text(stated, boundaries, t, False) == province


# -- D7, D8: the Philippines' NCR is one of its regions; Nepali names find Nepal's provinces --


def test_ncr_is_among_the_philippines_wider_units(boundaries):
    wider = {unit["code"]: unit for unit in boundaries.country_places("PHL")["wider"]}
    assert wider["PH-00"]["units"] == ["PH-00"]
    assert "PH-07" in wider  # the regions above the provinces stay
    assert [u["code"] for u in boundaries.country_places("LKA")["wider"]][:1] == ["LK-1"]


@pytest.mark.parametrize(
    ("code", "typed"),
    [
        ("PH-00", "NCR"),
        ("PH-00", "National Capital Region"),
        ("NP-P3", "बागमती"),
        ("NP-P4", "गण्डकी प्रदेश"),
        ("NP-P4", "गण्डकी"),
        ("NP-P7", "सुदूरपश्चिम प्रदेश"),
    ],
)
def test_the_province_chooser_takes_the_names_the_import_takes(boundaries, places, code, typed):
    from dashboard.i18n import translator
    from dashboard.ui.filter_panel.controls import province_choices

    (choice,) = province_choices([boundaries.all_units[code]], translator("en"))
    assert typed.casefold() in choice["search"].casefold()
    iso3 = "PHL" if code.startswith("PH") else "NPL"
    found = places.resolve(iso3, typed)
    assert found is not None and found.codes == (code,)


# -- D13: a site known only by its zone names its level ---------------------------------------


@pytest.mark.parametrize(
    ("lang", "zone", "province"), [("en", "zone", "province"), ("ja", "県", "省・州"),
                                   ("vi", "khu", "cấp tỉnh")]
)  # fmt: skip
def test_a_site_known_by_its_zone_says_zone(lang, zone, province):
    from dashboard.i18n import translator
    from dashboard.ui.detail_panel.layout import precision_label

    t = translator(lang)
    assert precision_label(4, t, "NP-BA") == zone
    assert precision_label(4, t, "NP-P3") == province
    assert precision_label(4, t, "VN-26") == province
    assert precision_label(4, t) == province
    assert precision_label(2, t, "NP-BA") == t("near exact (city or site)")


# -- D5: the first view of Nepal names Nepal's layers and draws the zones when asked ---------


@pytest.fixture(scope="module")
def client():
    from dashboard.app import create_app
    from dashboard.settings import Settings

    return create_app(Settings()).server.test_client()


def _first_view(client, query: str) -> str:
    """The page's HTML before the app's own layout (Dash's config, which the app redraws)."""
    html = client.get("/" + query).get_data(as_text=True)
    return html.split('<script id="_dash-config"')[0]


@pytest.mark.parametrize(
    ("query", "drawn"),
    [("?country=NPL&lang=en", "NP-P3"), ("?country=NPL&layer=implemented&lang=en", "NP-BA")],
)
def test_nepal_s_first_view_uses_nepal_s_layer_words(client, query, drawn):
    html = _first_view(client, query)
    assert "zones until 2015 (14)" in html
    assert "provinces since 20 September 2015 (7)" in html
    assert "as implemented (63)" not in html and "since 1 July 2025 (34)" not in html
    assert f'data-code="{drawn}"' in html
    areas = 14 if drawn == "NP-BA" else 7
    assert html.count('<path data-code="NP-') == areas


def test_viet_nam_s_first_view_keeps_its_words(client):
    html = _first_view(client, "?country=VNM&lang=en")
    assert "as implemented (63)" in html and "since 1 July 2025 (34)" in html


# -- D6: a province with no country opens the province's country ------------------------------


@pytest.mark.parametrize(
    ("query", "country", "layer"),
    [
        ("?province=LK-6", "LKA", IMPLEMENTED),
        ("?province=NP-P3", "NPL", CURRENT),
        ("?province=NP-BA", "NPL", IMPLEMENTED),
        ("?province=VN-2025-46", "VNM", IMPLEMENTED),
        ("?province=LK-6,NP-P3", "LKA,NPL", CURRENT),  # both outlines (no layer drawn)
        ("?country=VNM&province=LK-6", "VNM", IMPLEMENTED),  # the country asked for wins
        ("?province=XX-1", "LAO", IMPLEMENTED),  # unknown: dropped, the default country
    ],
)
def test_a_province_with_no_country_opens_its_country(boundaries, query, country, layer):
    view = view_from_query(query, TODAY, boundaries, "LAO")
    assert view is not None and (view.country, view.layer) == (country, layer)
    if country in ("LKA", "NPL"):
        code = query.split("=")[1]
        assert view.controls["provinces"] == [code]


# -- D10: downloads name units as the page does in the download's language ---------------------


@pytest.mark.parametrize(
    ("lang", "zone", "province"),
    [("ja", "バグマティ県", "バグマティ州"), ("en", "Bagmati Zone", "Bagmati Province")],
)
def test_downloads_name_nepal_s_units_in_their_language(boundaries, lang, zone, province):
    from dashboard.api.exports import current_units, unit_names
    from dashboard.data.model import Location
    from dashboard.i18n import translator

    t = translator(lang)
    names = unit_names(boundaries, t)
    assert (names["NP-BA"], names["NP-P3"]) == (zone, province)
    of = current_units(boundaries, t)
    # Known only by its zone (no district, no point of its own): one of two provinces.
    janakpur = Location(country="NPL", admin1="NP-JA", precision=4, lon=86.0, lat=27.0)
    either = of(janakpur)
    assert f"{province} (NP-P3)" in either and t(" or ") in either
    hue = Location(country="VNM", admin1="VN-26", precision=4, lon=107.58, lat=16.46)
    assert of(hue) == f"{t.province(boundaries.all_units['VN-2025-46'])} (VN-2025-46)"


# -- D9: the API's province= takes a unit's name at any level ----------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bagmati Province", "NP-P3"),
        ("バグマティ州", "NP-P3"),
        ("गण्डकी प्रदेश", "NP-P4"),
        ("Central Visayas", "PH-07"),
        ("Region VII", "PH-07"),
        ("NCR", "PH-00"),
        ("North Western Province", "LK-6"),
        ("Kaski District", "NP-P4"),  # a district: the province it is in today
        ("NP-P3", "NP-P3"),
    ],
)
def test_a_unit_s_name_reads_as_its_code(boundaries, name, code):
    from dashboard.data.filter_query import parse_filter

    spec = parse_filter({"province": [name]}, boundaries.all_units, named=boundaries.units_named)
    assert spec.province == (code,)


def test_a_name_of_two_units_or_of_none_is_refused_with_what_fits(boundaries):
    from dashboard.data.filter_query import ParameterError, parse_filter

    with pytest.raises(ParameterError) as two:
        parse_filter({"province": ["Bagmati"]}, boundaries.all_units, named=boundaries.units_named)
    assert two.value.parameter == "province" and "NP-BA" in str(two.value)
    assert "NP-P3" in str(two.value)
    with pytest.raises(ParameterError) as none:
        parse_filter(
            {"province": ["Bagmatti Provnce"]}, boundaries.all_units, named=boundaries.units_named
        )
    assert "did you mean" in str(none.value) and "NP-" in str(none.value)
    # Without a reader of names (the page's links, the CLI) codes only, as before.
    with pytest.raises(ParameterError):
        parse_filter({"province": ["Bagmati Province"]}, boundaries.all_units)


def test_the_api_answers_a_name_as_it_answers_the_code(client):
    by_code = client.get("/api/projects?province=NP-P3&limit=1").get_json()
    by_name = client.get("/api/projects?province=Bagmati%20Province&limit=1").get_json()
    assert by_name["total"] == by_code["total"]
    bad = client.get("/api/projects?province=Bagmatti%20Provnce")
    assert bad.status_code == 400
    error = bad.get_json()["error"]
    assert error["parameter"] == "province" and "did you mean" in error["message"]


# -- D4: Nepal's map fits left of the colour bar at 1280 px and at 360 px ----------------------


@pytest.mark.parametrize(("width", "height"), [(620, 496), (336, 360), (900, 540)])
def test_nepal_fits_clear_of_the_colour_bar(boundaries, width, height):
    import math

    from dashboard.figures.map import COLOUR_BAR_PX, FIT_PADDING_PX, fit_view

    west, south, east, north = boundaries.bounds["NPL"]
    centre, zoom = fit_view((west, south, east, north), width, height, right_px=COLOUR_BAR_PX)
    world = 512 * 2**zoom  # px
    # plotly narrows the map by the bar; the box and its padding fit in what is left.
    room = width - min(COLOUR_BAR_PX, width // 4)
    box = (east - west) / 360 * world
    assert box + 2 * FIT_PADDING_PX <= room * 1.004  # zoom is rounded to 2 decimals
    assert math.isclose(centre["lon"], (west + east) / 2, abs_tol=1e-4)


def test_the_country_map_leaves_the_colour_bar_its_room(boundaries):
    import pandas as pd

    from dashboard.figures.map import COLOUR_BAR_PX, MapView, fit_view, map_figure

    view = MapView(
        geojson_url="/geodata/boundaries/admin1/NPL-2015.geojson",
        bounds=boundaries.bounds["NPL"],
        province_codes=["NP-P3"],
        province_names=["Bagmati Province"],
        revision="NPL",
        size_px=(620, 496),
    )
    points = pd.DataFrame(columns=["project_id", "lon", "lat", "field", "title", "partners"])
    figure = map_figure(view, pd.Series({"NP-P3": 1}), points)
    zoom = figure["layout"]["map"]["zoom"]
    assert zoom == fit_view(view.bounds, 620, 496, right_px=COLOUR_BAR_PX)[1]
    assert zoom < fit_view(view.bounds, 620, 496)[1]

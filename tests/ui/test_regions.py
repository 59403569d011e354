"""The regions' rules on generated records: what the map says under it, which projects the
side panel lists, how the list sorts and pages, and the links that keep the view."""

from __future__ import annotations

import pytest

from dashboard.data.filters import ProjectFilter
from dashboard.figures.palette import count_scale
from dashboard.i18n import translator
from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED, layer_of, map_file
from dashboard.ui.detail_panel.selection import place_detail
from dashboard.ui.filter_panel.controls import (
    JAPAN,
    WORLD,
    controls_from_filter,
    default_values,
    filter_from_controls,
)
from dashboard.ui.map_panel.views import country_map, drawn_map, japan_map, map_size
from dashboard.ui.project_table.paging import next_sort, sort_states, valid_sort, wanted_page
from dashboard.ui.shell.links import view_links
from dashboard.ui.summary_panel.rules import export_links, summary_text

from .conftest import TODAY

EN = translator("en")
SIZE = (600, 540)


def select(context, **spec):
    return context.repository.select(ProjectFilter(as_of=TODAY, **spec))


def ids_of(store, rows):
    return [store.projects[row].id for row in rows]


def test_the_budget_slider_is_in_millions_of_yen_both_ways():
    controls = {"country": "VNM", **default_values(TODAY), "budget": [10, 60]}
    spec = filter_from_controls(controls, today=TODAY)
    assert (spec.budget_min, spec.budget_max) == (10_000_000, 60_000_000)
    assert controls_from_filter(spec, TODAY)["budget"] == [10, 60]


def test_a_country_map_says_how_many_projects_state_no_site(context):
    store, selection = select(context, country=("VNM",))
    shown = country_map(context, store, selection, "VNM", IMPLEMENTED, EN, SIZE)
    assert shown.unplaced.startswith("1 project here states no site or province")
    store, selection = select(context, country=("LAO",))
    assert country_map(context, store, selection, "LAO", IMPLEMENTED, EN, SIZE).unplaced == ""


def test_the_view_from_japan_says_how_many_have_no_partner_with_a_home(context):
    store, selection = select(context)
    shown = japan_map(context, store, selection, EN, SIZE)
    assert shown.unplaced.startswith("3 projects here have no partner whose home is known")
    assert shown.boundary_note.startswith("Boundaries: Natural Earth")


def test_more_projects_is_a_darker_province(context):
    store, selection = select(context, country=("VNM",))
    provinces = country_map(context, store, selection, "VNM", IMPLEMENTED, EN, SIZE).figure["data"][
        0
    ]
    scale = provinces["colorscale"]
    assert not provinces.get("reversescale")

    def lightness(colour: str) -> int:
        return sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    assert scale == count_scale(max(provinces["z"]))
    assert [stop for stop, _ in scale] == sorted(stop for stop, _ in scale)
    lights = [lightness(colour) for _, colour in scale]
    assert lights == sorted(lights, reverse=True)  # 0 projects lightest, the most darkest


def test_each_view_draws_its_own_boundaries(context, boundaries):
    assert map_file(boundaries, WORLD, None).endswith("/world.geojson")  # the lighter copy
    assert map_file(boundaries, JAPAN, None).endswith("/admin1/JPN.geojson")
    assert map_file(boundaries, "VNM", CURRENT).endswith("/admin1/VNM-2025.geojson")
    assert map_file(boundaries, "LAO", CURRENT).endswith("/admin1/LAO.geojson")  # no reform
    current = layer_of(boundaries, "VNM", CURRENT)
    assert (current.name, len(current.units), current.regroup["VN-26"]) == (
        CURRENT,
        34,
        "VN-2025-46",
    )
    store, selection = select(context)
    world = drawn_map(context, store, selection, WORLD, None, EN, SIZE)
    assert world.hint == "Click a country to open its map."


def test_a_merged_province_lists_the_projects_of_its_former_ones(context, boundaries):
    store, selection = select(context, country=("VNM",))
    merged = next(c for c, olds in boundaries.formed_from.items() if "VN-26" in olds)
    detail = place_detail(context, store, selection, {"province": merged}, "VNM", EN)
    assert detail is not None and ids_of(store, detail.rows) == ["T-HUE"]
    detail = place_detail(context, store, selection, {"province": "VN-26"}, "VNM", EN)
    assert ids_of(store, detail.rows) == ["T-HUE"]


def test_a_linked_project_comes_first_even_outside_the_filters(context):
    store, selection = select(context, country=("VNM",), field=("health",))
    place = {"point": [107.58, 16.46], "project": "T-HUE"}
    detail = place_detail(context, store, selection, place, "VNM", EN)
    assert detail is not None and ids_of(store, detail.rows) == ["T-HUE"]
    assert detail.linked_outside
    assert place_detail(context, store, selection, {"project": "NOPE"}, "VNM", EN) is None


def test_the_list_sorts_the_other_way_round_on_a_second_click():
    first = next_sort(None, "budget")
    assert first == {"column": "budget", "descending": False}
    assert next_sort(first, "budget") == {"column": "budget", "descending": True}
    assert next_sort(next_sort(first, "budget"), "budget")["descending"] is False
    assert next_sort(first, "title") == {"column": "title", "descending": False}
    assert next_sort(first, "<script>") == {"column": "id", "descending": False}
    assert sort_states("budget", True) == ["none", "none", "none", "none", "descending", "none"]
    assert valid_sort({"column": "nonsense"}) == {"column": "id", "descending": False}


def test_a_pager_click_moves_from_the_page_shown():
    shown = {"page": 2, "next": 1, "previous": 0}
    assert wanted_page(True, shown, {"next": 3, "previous": 0}) == 4  # two quick clicks
    assert wanted_page(True, shown, {"next": 1, "previous": 1}) == 1
    assert wanted_page(False, shown, {"next": 3, "previous": 0}) == 1  # a filter: page 1
    assert wanted_page(True, "junk", {"next": 1, "previous": 0}) == 2


def test_the_summary_and_downloads_say_what_is_shown(context):
    store, selection = select(context, country=("VNM",))
    from dashboard.data.summaries import summarise

    text = summary_text(summarise(store, selection), EN)
    assert (text.count, text.noun, text.empty) == ("3", "projects", False)
    spec = ProjectFilter(country=("VNM",), field=("water",))
    links = export_links(spec, lambda path: "/prefix" + path)
    assert links[0] == "/prefix/export/projects.csv?country=VNM&field=water&lang=en"
    assert [link.split("?")[0].rsplit(".", 1)[1] for link in links] == ["csv", "xlsx", "geojson"]
    # The page's language, its overview and its 2025 layer go with every download.
    links = export_links(spec, lambda path: path, "ja", None, "current")
    assert links[1] == "/export/projects.xlsx?country=VNM&field=water&layer=current&lang=ja"
    world = export_links(ProjectFilter(), lambda path: path, "vi", "world", "implemented")
    assert world[2] == "/export/projects.geojson?view=world&lang=vi"
    japan = export_links(ProjectFilter(field=("health",)), lambda path: path, "ja", "japan")
    assert japan[0] == "/export/projects.csv?field=health&view=japan&lang=ja"


def test_links_keep_the_view():
    links = view_links(
        "/project/VN03",
        "?country=VNM&field=water&lang=en",
        "ja",
        ["en", "ja", "vi"],
        lambda path: path,
        ("VNM", "VN03"),
    )
    assert links.in_language == [
        "/project/VN03?country=VNM&field=water&lang=en",
        "/project/VN03?country=VNM&field=water&lang=ja",
        "/project/VN03?country=VNM&field=water&lang=vi",
    ]
    assert links.full_view == "/?country=VNM&field=water&lang=ja"
    assert links.back_to_map == "/?country=VNM&project=VN03&lang=ja"


@pytest.mark.parametrize(
    ("measured", "size"),
    [([800, 500], (800, 500)), ([5, 5], (600, 540)), ("800x500", (600, 540)), (None, (600, 540))],
)
def test_the_map_is_fitted_to_the_size_the_browser_measured(measured, size):
    assert map_size(measured) == size


def test_a_status_no_source_observed_is_marked_on_the_card(context):
    """The status is worked out from the dates; where the research marked it inferred, the
    card says so, as it does for every other inferred value."""
    from dataclasses import replace

    from dashboard.ui.detail_panel.layout import project_card

    store = context.repository.store
    project = replace(store.project("T-HUE"), not_stated_by_source=("status",))
    card = str(project_card(project, "ongoing", context.boundaries, TODAY.isoformat(), EN))
    plain = str(
        project_card(store.project("T-HUE"), "ongoing", context.boundaries, "2026-12-06", EN)
    )
    assert "inferred" in card.split("Status")[1].split("Partners")[0]
    assert "inferred" not in plain.split("Status")[1].split("Partners")[0]


def test_no_match_is_said_once(context):
    from dashboard.data.summaries import summarise

    store, selection = select(context, country=("VNM",), q="no project is called this")
    text = summary_text(summarise(store, selection), EN)
    assert (text.count, text.budget, text.empty) == ("0", "", True)


def test_a_range_filter_says_how_many_it_keeps_that_state_no_value(context):
    """'Health, budget ¥50–100M' said '29 projects' when none of them stated a budget."""
    from dashboard.ui.summary_panel.rules import range_counts, status_left_out, unknown_note

    spec = ProjectFilter(country=("VNM",), as_of=TODAY, budget_min=50_000_000)
    store, selection = context.repository.select(spec)
    counts = range_counts(store, selection, spec)
    assert [(c.facet, c.stated, c.unstated) for c in counts] == [("budget", 0, 3)]
    assert unknown_note(counts, 0, EN) == ["0 state a budget of ¥50,000,000–…; 3 more state none"]
    dropped = ProjectFilter(
        country=("VNM",), as_of=TODAY, budget_min=50_000_000, keep_unknown_budget=False
    )
    store, selection = context.repository.select(dropped)
    assert unknown_note(range_counts(store, selection, dropped), 0, EN) == [
        "0 state a budget of ¥50,000,000–…"
    ]
    assert unknown_note([], 0, EN) == []  # no range set: nothing to say
    # Ticking "ongoing" leaves out T-VNM, whose status nothing settles.
    ongoing = ProjectFilter(country=("VNM",), as_of=TODAY, status=("ongoing",))
    left_out = status_left_out(ongoing, context.repository.select)
    assert left_out == 1
    assert unknown_note([], left_out, EN) == ["1 project whose status is not stated is left out"]
    assert (
        status_left_out(replace_status(ongoing, ("ongoing", "unknown")), context.repository.select)
        == 0
    )


def replace_status(spec, statuses):
    from dataclasses import replace

    return replace(spec, status=statuses)


def test_a_project_page_says_its_title_once_and_links_not_to_itself(context):
    from dashboard.ui.project_page.layout import project_page

    store = context.repository.store
    project = store.project("T-HUE")
    page = str(project_page(project, "ongoing", context.boundaries, "2026-12-06", [], EN))
    assert page.count("GENERATED TEST PROJECT T-HUE") == 1
    assert "/project/T-HUE" not in page


def test_the_view_from_japan_names_home_cities_in_the_pages_language(context):
    store, selection = select(context)
    hovers = {
        lang: " ".join(
            " ".join(trace.get("hovertext") or [])
            for trace in japan_map(context, store, selection, translator(lang), SIZE).figure["data"]
        )
        for lang in ("en", "ja", "vi")
    }
    assert "<b>横浜市</b>" in hovers["ja"] and "Yokohama" not in hovers["ja"]
    assert "<b>Yokohama</b>" in hovers["en"] and "<b>Yokohama</b>" in hovers["vi"]


def test_the_page_arrives_with_the_layer_choice_the_urls_map_has(context):
    """Built into the page as its callback will say it, so the map does not jump down or up
    when it does (Lighthouse measured a 0.26 layout shift on the world overview)."""
    from dashboard.ui.shell.page import layer_choice_shown

    assert layer_choice_shown(context, "VNM", "") is True  # the default map: Viet Nam's
    assert layer_choice_shown(context, "VNM", "?view=world") is False
    assert layer_choice_shown(context, "VNM", "?view=japan&lang=ja") is False
    assert layer_choice_shown(context, "VNM", "?country=KHM,LAO") is False
    assert layer_choice_shown(context, "LAO", "?country=VNM&layer=current") is True

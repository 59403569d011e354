"""Issue 12's review, the small gaps: words left in English on ja/vi pages, one way of writing
a day per language, an empty result said once, the side panel named after what is open, and
the skip link's target (fast: no browser)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dashboard import REPO_ROOT
from dashboard.i18n import translator
from dashboard.i18n.provenance import data_date_text
from dashboard.ui import ids
from dashboard.ui.detail_panel.layout import detail_offcanvas
from dashboard.ui.filter_panel.controls import as_of_examples, as_of_note
from dashboard.ui.map_panel.layout import map_panel
from dashboard.ui.page_words import CANVAS_NAME, CLOSE_LABEL, canvas_words, close_words

ASSETS = REPO_ROOT / "assets"
PLOTLY = ASSETS / "vendor" / "plotly-map-4.1.1-offline.min.js"
# The mode bar's buttons on our maps (plotly's map subplot, and its PNG download).
MAP_BUTTONS = ("Zoom in", "Zoom out", "Reset view", "Download plot as a PNG")


def _locale_block(lang: str) -> str:
    text = (ASSETS / "plotly-locales.js").read_text(encoding="utf-8")
    match = re.search(r'name: "' + lang + r'",\s*dictionary: \{(.*?)\}', text, re.S)
    assert match, lang
    return match.group(1)


def _find(component, component_id):
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_every_button_of_the_maps_mode_bar_is_in_the_pages_language(lang):
    bundle = PLOTLY.read_text(encoding="utf-8")
    dictionary = _locale_block(lang)
    for title in MAP_BUTTONS:
        assert f'"{title}")' in bundle, f"plotly no longer says {title!r}: the key moved"
        assert f'"{title}":' in dictionary, (lang, title)


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_the_panels_close_button_and_the_map_canvas_are_named_in_the_pages_language(lang):
    t = translator(lang)
    assert close_words(t)[CLOSE_LABEL] not in ("", "Close")
    assert canvas_words(t)[CANVAS_NAME] not in ("", "Map", "Map of the projects")
    body = _find(detail_offcanvas(t), ids.DETAIL_BODY)
    assert body.to_plotly_json()["props"].get(CLOSE_LABEL) == t("Close")
    frames = [
        part
        for part in map_panel(t, True, None)
        if part is not None and part.to_plotly_json()["props"].get(CANVAS_NAME)
    ]
    assert frames and _find(frames[0], ids.MAP) is not None
    script = (ASSETS / "page-words.js").read_text(encoding="utf-8")
    assert CLOSE_LABEL in script and CANVAS_NAME in script


@pytest.mark.parametrize(
    ("lang", "examples"),
    [
        ("en", "2024-06-30, 2024-06, FY2024 or 2024年度"),
        ("ja", "2024-06-30、2024-06、FY2024、または2024年度"),
        ("vi", "2024-06-30, 2024-06, FY2024 hoặc 2024年度"),
    ],
)
def test_the_as_of_examples_are_listed_in_the_pages_language(lang, examples):
    t = translator(lang)
    assert as_of_examples(t) == examples
    assert examples in as_of_note("2024", t)  # a bare year: not read
    if lang != "en":
        assert " or " not in as_of_note("2024", t)


@pytest.mark.parametrize(
    ("lang", "day"),
    [("en", "31 Mar 2025"), ("ja", "2025年3月31日"), ("vi", "31 thg 3, 2025")],
)
def test_a_day_is_written_one_way_in_each_language(lang, day):
    t = translator(lang)
    assert t.day(date(2025, 3, 31)) == day
    assert day in as_of_note("FY2024", t)
    assert day in data_date_text(date(2025, 3, 31), t)


@pytest.mark.parametrize(
    ("lang", "search", "said"),
    [
        ("en", "?as_of=FY2024", "Statuses on 31 Mar 2025, the last day of FY2024"),
        ("ja", "?as_of=2024年度", "2025年3月31日"),
        ("vi", "?as_of=2024-06", "30 thg 6, 2024"),
    ],
)
def test_the_first_view_says_which_day_a_month_or_a_fiscal_year_was_read_as(
    context, lang, search, said
):
    import html

    from dashboard.ui.first_view import page as first_view_page
    from dashboard.ui.view_state import view_from_query

    state = view_from_query(search, context.today(), context.boundaries, "VNM")
    view = first_view_page.first_view(context, "/", search, state, lang)
    assert view is not None
    t = translator(lang)
    line = re.search(r'<p class="small mb-1 first-view-said">(.*?)</p>', view)
    assert line, "the first view says no filter"
    assert said in html.unescape(line.group(1))
    assert as_of_note(search.split("=", 1)[1], t) in html.unescape(line.group(1))


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_an_empty_result_is_said_once_by_the_empty_state_not_under_the_filters(lang):
    from dashboard.ui.summary_panel.rules import sheet_text

    t = translator(lang)
    empty = sheet_text(66, 0, t)
    assert empty.count == t.plural(
        "{total} → {count} project", "{total} → {count} projects", 0, total=t.number(66)
    )
    assert t("No project matches these filters.") not in empty.count
    assert empty.button == t("Back to the map")


@pytest.mark.parametrize(
    ("lang", "name"),
    [("en", "Huế: 6 projects"), ("ja", "Huế：6件"), ("vi", "Huế: 6 dự án")],
)
def test_the_side_panel_is_named_after_what_is_open(lang, name):
    from dashboard.ui.detail_panel.selection import panel_name

    t = translator(lang)
    assert panel_name("Huế", 6, t) == name
    assert panel_name("", 0, t) == t("Projects here")  # nothing open yet
    assert panel_name("Okinawa", 1, t, homes=True) != panel_name("Okinawa", 1, t)


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_a_province_a_stack_and_a_prefecture_name_the_panel(context, lang):
    from dashboard.data.filters import ProjectFilter
    from dashboard.ui.detail_panel.callbacks import detail_children
    from dashboard.ui.detail_panel.selection import panel_name

    t = translator(lang)
    hue = context.boundaries.provinces["VN-26"]
    _, _, name = detail_children(context, ProjectFilter(), {"province": "VN-26"}, "VNM", lang)
    assert name == panel_name(t.province(hue), 1, t)
    _, _, name = detail_children(context, ProjectFilter(), {"point": [107.58, 16.46]}, "VNM", lang)
    assert name == panel_name(t.province(hue), 1, t)  # a site with no place name: its province
    kanagawa = context.boundaries.provinces["JP-14"]
    _, _, name = detail_children(context, ProjectFilter(), {"province": "JP-14"}, "JAPAN", lang)
    assert name == panel_name(t.province(kanagawa), 1, t, homes=True)


def test_the_panels_callback_writes_its_name(context):
    from dash import Dash

    from dashboard.ui.detail_panel import callbacks

    app = Dash(__name__)
    callbacks.register(app, context)
    outputs = " ".join(str(key) for key in app.callback_map)
    assert f"{ids.DETAIL_TITLE}.children" in outputs and f"{ids.DETAIL_BODY}.children" in outputs


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_skip_to_the_map_lands_on_a_region_that_takes_the_focus(lang):
    from dashboard.ui.shell.layout import Arrival, build_layout

    t = translator(lang)
    arrival = Arrival([{"label": "Viet Nam", "value": "VNM"}], "VNM", today=date(2026, 12, 6))
    parts = list(_walk(build_layout(arrival, t)))
    links = [p for p in parts if getattr(p, "children", None) == t("Skip to the map")]
    assert len(links) == 1
    target = links[0].href.removeprefix("#")
    regions = [p for p in parts if getattr(p, "id", None) == target]
    assert len(regions) == 1
    # tabindex=-1: focusable by the link (the focus leaves <body>), not a Tab stop.
    assert regions[0].tabIndex == -1
    assert any(getattr(p, "id", None) == ids.MAP for p in _walk(regions[0]))


def test_the_map_areas_trace_name_is_seen_by_no_visitor():
    """The area trace keeps a plain key ("Provinces", on the world map too): no legend, and
    its hover ends in an empty <extra>, so its name is never shown (else it would need to be
    translated, and "Countries" on the world map)."""
    import pandas as pd

    from dashboard.figures.map import map_figure

    class View:  # what map_figure reads of a MapView
        geojson_url = "/boundaries/x.geojson"
        feature_key = "properties.code"
        province_codes = ("A",)
        province_names = ("A",)
        labels = ()
        bounds = (100.0, 10.0, 110.0, 20.0)
        size_px = (600, 400)
        tile_url = None
        tile_attribution = None
        revision = "r"

    figure = map_figure(View(), pd.Series({"A": 1}), pd.DataFrame(), translator("ja"))
    area = figure["data"][0]
    assert figure["layout"]["showlegend"] is False and area["showlegend"] is False
    assert area["hovertemplate"].endswith("<extra></extra>")

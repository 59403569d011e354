"""User journeys in real headless Chromium against the app served as in the Procfile."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard.ui import ids

from .axe import axe_script, serious_violations
from .conftest import free_port, wait_until_up
from .factories import DATASET_SIZE as ALL
from .factories import VIET_NAM_SIZE as VIET_NAM
from .map_page import click_area, click_site, hover_text, map_state, wait_map, wait_painted

pytestmark = pytest.mark.browser

PLOT = f"#{ids.MAP} .js-plotly-plot"


def every(query: str) -> str:
    """The query with the API's largest page: every project of the tests' selections."""
    return f"{query}{'&' if query else '?'}limit=1000"


def api(live_server: str, query: str) -> dict:
    with urllib.request.urlopen(f"{live_server}/api/projects{every(query)}") as response:
        return json.load(response)


def api_points(live_server: str, query: str, country: str = "VNM") -> int:
    """Markers the map should draw: one per project and stated point, regions excepted."""
    with urllib.request.urlopen(f"{live_server}/api/projects.geojson{every(query)}") as response:
        features = json.load(response)["features"]
    return len(
        {
            (f["properties"]["id"], *f["geometry"]["coordinates"])
            for f in features
            if f["geometry"]
            and f["properties"]["country"] == country
            and not f["properties"]["region"]
        }
    )


def wait_for_count(page, expected: int) -> None:
    page.wait_for_selector(f"#{ids.RESULT_COUNT}:text-is('{expected}')", timeout=20_000)


def tick(page, group: str, label: str) -> None:
    page.locator(f"#{group}").get_by_label(label, exact=True).check()


def choose_country(page, label: str) -> None:
    """The country selector (which takes several) set to this one country alone: tick it,
    then untick the others (two steps, each a view of its own). Done again if a click was
    lost (the selector can re-render under the pointer while a view arrives)."""
    for _attempt in range(3):
        _choose_country_once(page, label)
        for _wait in range(20):
            if chosen_countries(page) == [label]:
                return
            page.wait_for_timeout(250)


def _choose_country_once(page, label: str) -> None:
    page.locator(f"#{ids.COUNTRY}").click()
    box = page.locator(f".dash-dropdown-wrapper:has(#{ids.COUNTRY})")
    box.locator(".dash-dropdown-search").fill(label)
    option = box.locator("label[role=option]").filter(has_text=label).first
    if option.get_attribute("aria-selected") != "true":
        option.click()
    box.locator(".dash-dropdown-search").fill("")
    others = box.locator("label[role=option][aria-selected=true]").filter(has_not_text=label)
    for _other in range(40):
        if not others.count():
            break
        others.first.click()
    page.keyboard.press("Escape")


def chosen_countries(page) -> list[str]:
    """What the country selector shows: its chosen countries (or overview)."""
    items = page.locator(f"#{ids.COUNTRY} .dash-dropdown-value-item")
    return [item.inner_text() for item in items.all()]


def ticked(page, group: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#{group} input:checked",
        "inputs => inputs.map(i => document.querySelector(`label[for='${i.id}']`).textContent)",
    )


def wait_for_search(page, search: str, timeout: int = 20_000) -> None:
    """The URL's query after a history push (no page load happens)."""
    page.wait_for_function("(q) => window.location.search === q", arg=search, timeout=timeout)


def assert_only_loopback(page) -> None:
    outside = [
        url
        for url in page.requested_urls
        if urlsplit(url).scheme not in {"blob", "data"} and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert outside == []


def open_page(page, live_server: str) -> None:
    page.goto(live_server + "/")
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    wait_painted(page)


def test_page_shows_provinces_and_project_markers(page, live_server):
    with page.expect_response(
        lambda r: r.url.endswith("/geodata/boundaries/admin1/VNM.geojson")
    ) as geo:
        open_page(page, live_server)
    assert geo.value.status == 200
    assert page.title() == "JICA Partnership Program project map"
    assert page.inner_text(f"#{ids.RESULT_COUNT}") == str(VIET_NAM)
    state = map_state(page)
    assert state["provinces"] == 63
    assert state["projects"] == api_points(live_server, "?country=VNM")
    assert state["shaded"] > 0 and state["canvas"]
    assert page.console_errors == []
    drawn = page.evaluate(
        "(s) => document.querySelector(s)._fullLayout.map._subplot.map"
        ".queryRenderedFeatures().length",
        PLOT,
    )
    assert drawn > 63  # the province polygons and the markers are on the canvas
    assert_only_loopback(page)


def test_field_filter_changes_count_and_map(page, live_server):
    open_page(page, live_server)
    before = map_state(page)
    tick(page, ids.FIELD, "Water supply & sanitation")
    expected = api(live_server, "?country=VNM&field=water")["count"]
    assert expected == 15
    wait_for_count(page, expected)
    after = wait_map(
        page,
        "(st, n) => st.projects === n",
        api_points(live_server, "?country=VNM&field=water"),
    )
    assert after["projects"] < before["projects"]
    assert after["shaded"] < before["shaded"]
    assert_only_loopback(page)


def test_search_finds_the_yokohama_projects(page, live_server):
    open_page(page, live_server)
    page.fill(f"#{ids.SEARCH}", "Yokohama")
    page.press(f"#{ids.SEARCH}", "Enter")
    wait_for_count(page, 5)
    assert [p["id"] for p in api(live_server, "?country=VNM&q=Yokohama")["projects"]] == [
        "VN01",
        "VN02",
        "VN03",
        "VN04",
        "VN13",
    ]


def test_no_match_says_so_and_resets_in_one_click(page, live_server):
    open_page(page, live_server)
    page.fill(f"#{ids.SEARCH}", "no project is called this")
    page.press(f"#{ids.SEARCH}", "Enter")
    wait_for_count(page, 0)
    alert = page.locator(f"#{ids.EMPTY_STATE}")
    alert.wait_for(state="visible")
    assert "No project matches these filters." in alert.inner_text()
    assert page.inner_text(f"#{ids.BUDGET_TOTAL}") == ""  # said once, not "¥0 in stated …"
    page.click(f"#{ids.RESET_EMPTY}")
    wait_for_count(page, VIET_NAM)
    assert page.input_value(f"#{ids.SEARCH}") == ""


def test_clicking_a_marker_opens_the_projects_there_with_sources(page, live_server):
    open_page(page, live_server)
    # VN01, the Yokohama–Hue water project, sits at the point of Thừa Thiên Huế (VN-26).
    site = next(
        loc
        for loc in api(live_server, "?q=VN01")["projects"][0]["locations"]
        if loc["admin1"] == "VN-26"
    )
    # The pointer on it shows its hover label; a real click there opens it.
    assert hover_text(page, site=(site["lon"], site["lat"])).strip()
    click_site(page, site["lon"], site["lat"])
    card = page.locator(".project-card", has_text="VN01")
    card.wait_for(timeout=20_000)
    links = card.locator("a.source-link")
    assert links.first.get_attribute("href") == (
        "https://www.city.yokohama.lg.jp/kurashi/sumai-kurashi/suido-gesui/suido/torikumi/koken/"
        "fue-project.html"
    )
    assert "Yokohama Waterworks Bureau" in card.inner_text()
    assert "not stated" in card.inner_text()  # VN01's budget is unknown
    assert_only_loopback(page)


def test_clicking_a_province_lists_its_projects(page, live_server):
    open_page(page, live_server)
    # A real click inside the province's polygon, off the project markers drawn in it.
    panel = page.locator(f"#{ids.DETAIL}")
    heading = panel.get_by_text("Thừa Thiên Huế: 6 projects with these filters")
    click_area(page, "VN-26")
    heading.wait_for(timeout=20_000)
    expected = [p["id"] for p in api(live_server, "?country=VNM&province=VN-26")["projects"]]
    shown = panel.locator(".project-card tr:has(th:text-is('ID')) td").all_inner_texts()
    assert shown == expected == ["VN01", "VN02", "VN45", "VN46", "VN57", "VN66"]


def test_download_the_filtered_csv_from_the_page(page, live_server):
    open_page(page, live_server)
    page.fill(f"#{ids.SEARCH}", "Yokohama")
    page.press(f"#{ids.SEARCH}", "Enter")
    wait_for_count(page, 5)
    page.wait_for_function(
        "(s) => document.querySelector(s).href.includes('q=Yokohama')", arg=f"#{ids.EXPORT_CSV}"
    )
    with page.expect_download() as download:
        page.click(f"#{ids.EXPORT_CSV}")
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    # Below what the file holds (the view, the filters, the dates) and an empty row.
    rows = list(csv.DictReader(io.StringIO(text.split("\r\n\r\n", 1)[1])))
    expected = api(live_server, "?country=VNM&q=Yokohama")["projects"]
    assert [row["ID"] for row in rows] == [p["id"] for p in expected]
    assert [row["Title (English)"] for row in rows] == [p["title_en"] for p in expected]
    assert_only_loopback(page)


def test_moving_the_as_of_date_answers_what_was_running(page, live_server):
    open_page(page, live_server)
    page.locator(f"#{ids.STATUS}").get_by_label("Ongoing", exact=True).check()
    wait_for_count(page, len(api(live_server, "?country=VNM&status=ongoing")["projects"]))
    page.fill(f"#{ids.AS_OF}", "2020-04-01")
    page.locator(f"#{ids.AS_OF}").blur()
    expected = api(live_server, "?country=VNM&status=ongoing&as_of=2020-04-01")["projects"]
    assert [p["id"] for p in expected] == ["VN04", "VN33", "VN48", "VN65"]
    wait_for_count(page, 4)


def test_changing_country_redraws_the_map(page, live_server):
    open_page(page, live_server)
    choose_country(page, "Lao PDR")
    wait_for_count(page, len(api(live_server, "?country=LAO")["projects"]))
    state = wait_map(page, "(st) => st.codes.includes('LA-VT')")
    assert state["provinces"] == 17
    assert state["projects"] == api_points(live_server, "?country=LAO", country="LAO")


def test_reset_restores_every_control(page, live_server):
    open_page(page, live_server)
    tick(page, ids.FIELD, "Education")
    keep_budget = "Keep projects whose budget is not stated"  # beside the budget's slider
    page.locator(f"#{ids.KEEP_BUDGET}").get_by_label(keep_budget, exact=True).uncheck()
    page.fill(f"#{ids.SEARCH}", "school")
    page.press(f"#{ids.SEARCH}", "Enter")
    page.wait_for_function(
        f"(s) => document.querySelector(s).textContent !== '{VIET_NAM}'", arg=f"#{ids.RESULT_COUNT}"
    )
    page.click(f"#{ids.RESET}")
    wait_for_count(page, VIET_NAM)
    assert page.input_value(f"#{ids.SEARCH}") == ""
    assert page.locator(f"#{ids.KEEP_BUDGET}").get_by_label(keep_budget, exact=True).is_checked()
    assert ticked(page, ids.FIELD) == []


def test_viet_nam_provinces_before_and_since_july_2025(page, live_server):
    open_page(page, live_server)
    with page.expect_response(lambda r: r.url.endswith("/admin1/VNM-2025.geojson")) as geo:
        page.locator(f"#{ids.BOUNDARY_LAYER}").get_by_label("since 1 July 2025 (34)").check()
    assert geo.value.status == 200
    assert wait_map(page, "(st) => st.codes.length === 34")["provinces"] == 34
    assert page.inner_text(f"#{ids.RESULT_COUNT}") == str(VIET_NAM)  # the same projects, regrouped
    note = page.locator(f"#{ids.BOUNDARY_NOTE}")
    assert "the 34 provinces in force since 1 July 2025" in note.inner_text()
    choose_country(page, "Lao PDR")
    page.locator(f"#{ids.BOUNDARY_LAYER_BOX}").wait_for(state="hidden")
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.includes('were implemented')",
        arg=f"#{ids.BOUNDARY_NOTE}",
    )


def test_a_link_restores_the_view_and_back_steps_through_it(page, live_server):
    page.goto(f"{live_server}/?country=LAO&field=agriculture")
    expected = api(live_server, "?country=LAO&field=agriculture")["count"]
    wait_for_count(page, expected)
    assert ticked(page, ids.FIELD) == ["Agriculture & rural development"]
    choose_country(page, "Viet Nam")  # Laos and Viet Nam, then Viet Nam alone
    wait_for_count(page, api(live_server, "?country=VNM&field=agriculture")["count"])
    wait_for_search(page, "?country=VNM&field=agriculture&lang=en")
    page.go_back()
    wait_for_search(page, "?country=LAO&country=VNM&field=agriculture&lang=en")
    wait_for_count(page, api(live_server, "?country=LAO,VNM&field=agriculture")["count"])
    page.go_back()
    # The language the page chose joined the address on arrival, so a copy keeps it.
    wait_for_search(page, "?country=LAO&field=agriculture&lang=en")
    wait_for_count(page, expected)
    assert chosen_countries(page) == ["Lao PDR"]


HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host page (test)</title></head>
<body>
<h1>A page of another site</h1>
<iframe id="jpp-map" src="{src}" title="JICA Partnership Program projects"
        style="width:100%;height:150px;border:0"></iframe>
<script>
  window.heights = [];
  window.addEventListener("message", function (event) {{
    if (event.origin !== "{origin}" || !event.data || event.data.type !== "jpp-map:height") return;
    window.heights.push(event.data.height);
    document.getElementById("jpp-map").style.height = event.data.height + "px";
  }});
</script>
</body></html>
"""


@pytest.fixture
def host_site(tmp_path, live_server):
    """Another origin (another port) whose page embeds the map, as the JICA website would."""
    (tmp_path / "host.html").write_text(
        HOST_PAGE.format(src=f"{live_server}/embed?country=VNM&field=water", origin=live_server),
        encoding="utf-8",
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/host.html", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("width", [700, 360])
def test_embedded_on_another_site_without_chrome_and_sized_to_its_content(
    page_factory, host_site, width
):
    """With the README's snippet, the frame's height settles on the content, stays there
    without interaction, and shrinks when the content does."""
    page = page_factory(width=width, height=640)
    page.goto(f"{host_site}/host.html")
    frame = page.frame_locator("#jpp-map")
    frame.locator(f"#{ids.RESULT_COUNT}:text-is('15')").wait_for(timeout=30_000)
    assert not frame.locator(".site-header").is_visible()
    assert not frame.locator(f"#{ids.SCHEME}").is_visible()  # compact: search and field only
    assert frame.locator(f"#{ids.SEARCH}").is_visible()
    link = frame.locator(f"#{ids.FULL_VIEW_LINK}")
    assert link.get_attribute("href") == "/?country=VNM&field=water&lang=en"
    page.wait_for_function("window.heights.length > 0 && window.heights.at(-1) > 400")
    page.wait_for_timeout(1500)  # the map and the summary have drawn
    settled = page.evaluate("window.heights.length")
    page.wait_for_timeout(2500)
    heights = page.evaluate("window.heights")
    assert len(heights) == settled, f"the height kept changing: {heights}"
    height = page.evaluate("document.getElementById('jpp-map').getBoundingClientRect().height")
    assert height == heights[-1] < 2600
    # Opening the list grows the content; closing it gives the height back.
    frame.locator(".project-list summary").click()
    page.wait_for_function(f"window.heights.at(-1) > {height}")
    frame.locator(".project-list summary").click()
    page.wait_for_function(f"window.heights.at(-1) === {height}", timeout=10_000)


def test_every_project_has_its_own_page(page, live_server):
    page.goto(f"{live_server}/project/VN03")
    heading = page.locator(f"#{ids.PROJECT_BODY} h1")
    heading.wait_for(timeout=20_000)
    assert heading.inner_text().startswith(
        "Capacity development for sewerage business management in Hanoi (Phase 1)"
    )
    body = page.locator(f"#{ids.PROJECT_BODY}")
    assert "Yokohama City" in body.inner_text()
    sources = body.locator("a.source-link")
    assert sources.first.get_attribute("href") == (
        "https://www.jica.go.jp/partner/kusanone/tokubetsu/vie_11.html"
    )
    assert body.locator(".other-projects a").get_attribute("href") == "/project/VN13?lang=en"
    page.wait_for_function(
        """(s) => { const gd = document.querySelector(s);
            return gd && gd._fullData && gd._fullData[0].z.reduce((a, b) => a + b, 0) === 1; }""",
        arg=f"#{ids.PROJECT_MAP} .js-plotly-plot",
    )
    assert not page.locator(f"#{ids.MAP_VIEW}").is_visible()
    page.click(".other-projects a")
    page.wait_for_url("**/project/VN13?lang=en")
    page.locator(f"#{ids.PROJECT_BODY} h1").wait_for()


def test_world_overview_opens_a_country(page, live_server):
    page.goto(f"{live_server}/?view=world")
    wait_for_count(page, ALL)
    state = wait_map(page, "(st) => st.codes.length > 200")
    counts = dict(zip(state["codes"], state["counts"], strict=True))
    assert (counts["VNM"], counts["PHL"], counts["MYS"]) == (VIET_NAM, 12, 4)
    assert sum(1 for value in counts.values() if value) == 28
    # The outlines are drawn, not just described: MapLibre renders the country polygons.
    page.wait_for_function(
        "(s) => document.querySelector(s)._fullLayout.map._subplot.map"
        ".queryRenderedFeatures().length > 100",
        arg=PLOT,
        timeout=30_000,
    )
    # A real click on Viet Nam's outline opens Viet Nam's map.
    click_area(page, "VNM")
    wait_for_search(page, "?country=VNM&lang=en")
    wait_for_count(page, VIET_NAM)


def test_the_table_lists_what_the_map_shows_and_sorts_by_keyboard(page, live_server):
    open_page(page, live_server)
    table = page.locator(f"#{ids.PROJECT_TABLE} table")
    assert table.locator("tbody tr").count() == 0  # filled when first opened, not before
    page.click(".project-list summary")
    page.wait_for_function("() => document.querySelectorAll('#project-table tbody tr').length")
    first_ids = table.locator("tbody tr td:first-child").all_inner_texts()
    assert first_ids == [p["id"] for p in api(live_server, "?country=VNM")["projects"]]
    assert not page.locator(f"#{ids.TABLE_PAGER}").is_visible()  # one page
    # Keyboard only: focus the Budget header button and press Enter, twice.
    budget = table.locator("th button", has_text="Budget")
    budget.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('th[aria-sort=ascending]')?.textContent.startsWith('Budget')"
    )
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('th[aria-sort=descending]')?.textContent.startsWith('Budget')"
    )
    top = table.locator("tbody tr").first.locator("td").first.inner_text()
    by_budget = sorted(
        (p for p in api(live_server, "?country=VNM")["projects"] if p["budget_yen"]),
        key=lambda p: -p["budget_yen"],
    )
    assert top == by_budget[0]["id"]
    tick(page, ids.FIELD, "Water supply & sanitation")
    page.wait_for_function(
        "() => document.querySelectorAll('#project-table tbody tr').length === 15"
    )


def test_the_map_draws_with_the_map_only_plotly_bundle(page, live_server):
    """plotly.js's map bundle has every trace the figures use: the full bundle is never
    fetched, and the Japan view (choropleth and circles) draws too."""
    from dashboard.web import plotly_bundle

    open_page(page, live_server)  # waits until the map is drawn
    # The page preloads its boundaries; the map then takes them from the browser's cache.
    fetched = [url for url in page.requested_urls if url.endswith("/admin1/VNM.geojson")]
    assert len(fetched) == 1
    registered = set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
    assert registered == plotly_bundle.TRACES
    # plotly.js draws the map's base (the areas' names); the page's own layers the rest.
    used = set(page.evaluate(f"document.querySelector('{PLOT}')._fullData.map(t => t.type)"))
    assert used == {"scattermap"} <= registered
    page.goto(f"{live_server}/?view=japan")
    wait_for_count(page, ALL)
    state = wait_map(page, "(st) => st.codes.length === 47")
    assert state["shaded"] > 0 and state["projects"] > 0
    scripts = [url for url in page.requested_urls if url.endswith(".js") or ".js?" in url]
    assert any(plotly_bundle.FILENAME in url for url in scripts)
    assert not any("plotly.min.js" in url for url in scripts)
    assert page.console_errors == []


def test_what_would_reach_outside_stays_on_this_site(page, live_server):
    """Text labels (glyphs), icons and named styles (CARTO, OpenStreetMap) would make the
    published plotly.js fetch from other hosts; the vendored one asks this site instead
    (which answers 404, so those maps fail to draw: the page never asks for them)."""
    open_page(page, live_server)
    calls = [
        """(gd) => Plotly.addTraces(gd, [
            {type: 'scattermap', mode: 'text', text: ['Huế'], lon: [107.6], lat: [16.4]},
            {type: 'scattermap', mode: 'markers', marker: {symbol: 'airport'},
             lon: [105.8], lat: [21.0]}])""",
        "(gd) => Plotly.relayout(gd, {'map.style': 'carto-positron'})",
        "(gd) => Plotly.relayout(gd, {'map.style': 'open-street-map'})",
    ]
    for call in calls:
        page.evaluate(
            # A failed style never settles the promise: wait three seconds at the most.
            f"(s) => Promise.race([Promise.resolve(({call})(document.querySelector(s)))"
            ".catch(() => null), new Promise((done) => setTimeout(done, 3000))])",
            PLOT,
        )
    wanted = {"fonts.openmaptiles.org", "cdn.jsdelivr.net", "basemaps.cartocdn.com"}
    for _wait in range(40):  # the browser asks as it draws: up to 10 s
        asked = {urlsplit(u).path.split("/")[2] for u in page.requested_urls if "/offline/" in u}
        if wanted <= asked:
            break
        page.wait_for_timeout(250)
    assert wanted <= asked
    assert_only_loopback(page)


def test_a_first_visit_waits_for_four_callbacks_only(page, live_server):
    """The page arrives as its callbacks would make it for the default country: a first
    visit asks only for the map and its summary, the URL's view, the route and the links."""
    outputs: list[str] = []
    answers: list[str] = []

    def record(request) -> None:
        if request.method == "POST" and "_dash-update-component" in request.url:
            outputs.append(json.loads(request.post_data)["output"])

    page.on("request", record)
    page.on(
        "response",
        lambda r: answers.append(r.text()) if "_dash-update-component" in r.url else None,
    )
    open_page(page, live_server)
    page.wait_for_load_state("networkidle")
    assert len(outputs) == 4, outputs
    assert any("project-map.figure" in output for output in outputs)
    assert not any(
        name in output
        for output in outputs
        for name in ("table-body", "detail-body", "field-legend")
    ), outputs
    # The URL's owner (which sets the province choices with the view) sends none.
    assert not any(f'"{ids.PROVINCE}"' in answer for answer in answers)
    # ...and the province filter already lists Viet Nam's provinces.
    page.locator(f"#{ids.PROVINCE}").click()
    page.keyboard.type("Thừa Thiên")
    page.locator("label[role=option]").filter(has_text="Thừa Thiên Huế").wait_for()


def province_pairs(live_server: str, query: str, country: str) -> int:
    """What the map's shading sums to: each project counted once in each of its provinces."""
    projects = api(live_server, query)["projects"]
    return len(
        {
            (p["id"], loc["admin1"])
            for p in projects
            for loc in p["locations"]
            if loc["country"] == country and loc["admin1"]
        }
    )


def test_a_filter_change_patches_the_drawn_map_and_a_quick_country_change_does_not_mix(
    page, live_server
):
    open_page(page, live_server)

    def map_answer(response) -> bool:
        return "_dash-update-component" in response.url and "project-map.figure" in (
            response.request.post_data or ""
        )

    with page.expect_response(map_answer) as answer:
        tick(page, ids.FIELD, "Water supply & sanitation")
    # Counts and markers only: no figure for plotly.js, and the paint of the map drawn
    # without its base (the areas' file and every site's point, given once per map).
    sent = json.loads(answer.value.text())["response"]
    assert ids.MAP not in sent
    assert "base" not in sent[ids.MAP_PAINT]["data"]
    wait_for_count(page, 15)
    state = wait_map(
        page,
        "(st, n) => st.shaded === n",
        province_pairs(live_server, "?country=VNM&field=water", "VNM"),
    )
    assert state["provinces"] == 63
    # Another country and, before its map arrives, another filter: Laos's map, not a mix.
    choose_country(page, "Lao PDR")
    tick(page, ids.FIELD, "Agriculture & rural development")
    query = "?country=LAO&field=water&field=agriculture"
    wait_for_count(page, api(live_server, query)["count"])
    wait_map(
        page,
        "(st, n) => st.codes.every(c => c.startsWith('LA-')) && st.shaded === n",
        province_pairs(live_server, query, "LAO"),
    )


def test_the_table_pages_through_more_projects_than_fit_on_one(page, live_server):
    """The world view lists every project: 100 on the first page, the rest on the second."""
    assert 100 < ALL <= 200
    page.goto(f"{live_server}/?view=world")
    wait_for_count(page, ALL)
    page.click(".project-list summary")
    rows = "#project-table tbody tr"
    page.wait_for_function(f"() => document.querySelectorAll('{rows}').length === 100")
    position = page.locator(f"#{ids.TABLE_POSITION}")
    assert position.inner_text() == f"Rows 1–100 of {ALL} (page 1 of 2)"
    assert position.get_attribute("role") == "status"  # said to screen readers
    previous, following = page.locator(f"#{ids.TABLE_PREVIOUS}"), page.locator(f"#{ids.TABLE_NEXT}")
    assert previous.get_attribute("aria-disabled") == "true"
    assert following.get_attribute("aria-disabled") == "false"
    everything = sorted(p["id"] for p in api(live_server, "")["projects"])
    first_page = page.locator(f"{rows} td:first-child").all_inner_texts()
    assert first_page == everything[:100]
    following.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('{rows}').length === {ALL - 100}")
    assert page.locator(f"{rows} td:first-child").all_inner_texts() == everything[100:]
    assert position.inner_text() == f"Rows 101–{ALL} of {ALL} (page 2 of 2)"
    assert following.get_attribute("aria-disabled") == "true"
    assert previous.get_attribute("aria-disabled") == "false"
    # The keyboard stays on the button just pressed, though it now leads nowhere.
    assert page.evaluate("document.activeElement.id") == ids.TABLE_NEXT
    page.keyboard.press("Enter")  # at the last page: stays there
    page.wait_for_timeout(300)
    assert position.inner_text() == f"Rows 101–{ALL} of {ALL} (page 2 of 2)"
    # Closed and opened again, the list keeps its page.
    page.click(".project-list summary")
    page.click(".project-list summary")
    page.wait_for_timeout(500)
    assert position.inner_text() == f"Rows 101–{ALL} of {ALL} (page 2 of 2)"
    # A new sort starts again at the first page, sorted the other way round.
    page.locator("#project-table th button", has_text="ID").click()
    page.wait_for_function(f"() => document.querySelectorAll('{rows}').length === 100")
    assert page.locator(f"{rows} td:first-child").first.inner_text() == everything[-1]
    assert position.inner_text() == f"Rows 1–100 of {ALL} (page 1 of 2)"
    # A filter too: 15 water projects fit on one page, and the pager goes.
    choose_country(page, "Viet Nam")
    tick(page, ids.FIELD, "Water supply & sanitation")
    page.wait_for_function(f"() => document.querySelectorAll('{rows}').length === 15")
    page.locator(f"#{ids.TABLE_PAGER}").wait_for(state="hidden")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?view=world",
        "/?view=japan&lang=ja",
        "/project/VN03?lang=vi",
        "/embed?country=VNM&field=water&lang=ja",
        "/?country=VNM&at=VN-26&lang=vi",  # with the side panel open
    ],
)
def test_no_serious_accessibility_violation(page_factory, live_server, path):
    """axe-core (WCAG 2.1 A/AA rules) finds nothing serious or critical on each page.

    The page's Content-Security-Policy rightly refuses inline scripts; the test's own
    injection of axe is let through (Playwright's bypass_csp), nothing of the app's."""
    axe_script()  # fails at once when axe-core is missing
    page = page_factory(bypass_csp=True)
    page.goto(live_server + path)
    page.wait_for_function(
        "() => document.querySelector('#summary-count')?.textContent || "
        "document.querySelector('#project-body h1')"
    )
    if "at=" in path:
        page.locator(f"#{ids.DETAIL_BODY} .detail-heading").wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    violations = serious_violations(page)
    assert violations == []


def test_the_first_tab_offers_to_skip_to_the_map_and_the_list(page, live_server):
    open_page(page, live_server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the map"
    assert page.locator("a:has-text('Skip to the map')").is_visible()  # seen when focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "Skip to the list of the projects"
    )
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{ids.TABLE_OPENER}'")

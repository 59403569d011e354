"""Rules of project pages and of the embed (no browser): which country a project's header
shows, where "Back to the map" leads (``back=``, hostile values included), where the header's
country leads from a project's page, and the embed generator's code."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.context import AppContext
from dashboard.data.repository import Repository
from dashboard.i18n import LANGUAGES, translator
from dashboard.settings import Settings
from dashboard.ui.embed_builder.code import (
    FIXED,
    MAX_HEIGHT,
    MIN_SIZE,
    EmbedChoice,
    choice_from_args,
    embed_code,
    embed_query,
    embed_src,
    origin_of,
    public_base,
)
from dashboard.ui.filter_panel.controls import JAPAN, WORLD
from dashboard.ui.filter_panel.transitions import Surroundings, next_view
from dashboard.ui.project_page.rules import (
    controls_source,
    header_country_change,
    page_country,
    project_country,
)
from dashboard.ui.shell.links import (
    carried_back,
    map_of_country,
    map_query_back,
    view_links,
)
from dashboard.ui.shell.page import arrival, is_embed
from dashboard.ui.view_state import default_view

from .conftest import BOUNDARIES, TODAY


def back(value, boundaries, lang="ja"):
    return map_query_back(value, TODAY, boundaries, "VNM", lang)


def same_site(path: str) -> bool:
    parts = urlsplit(path)
    return not parts.scheme and not parts.netloc and path.startswith("/?")


# --- Back to the map -------------------------------------------------------------------


def test_a_project_link_from_the_map_leads_back_to_that_map(boundaries):
    left = "country=LAO&field=water&status=ongoing&at=LA-VT&lang=vi"
    assert back(left, boundaries) == "country=LAO&field=water&status=ongoing&at=LA-VT&lang=ja"
    assert back("?view=japan&at=JP-14", boundaries) == "view=japan&at=JP-14&lang=ja"
    assert back("country=VNM&layer=current&project=VN03", boundaries) == (
        "country=VNM&layer=current&project=VN03&lang=ja"
    )
    assert back("", boundaries) == "country=VNM&lang=ja"  # the default map, as it was left


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example/",
        "https://evil.example/?country=LAO",
        "javascript:alert(1)",
        "/\\evil.example",
        "%2F%2Fevil.example",
        "back=country%3DLAO",  # no nesting
        "country=LAO%0d%0aLocation:%20https://evil.example",
        "lang=xx&country=XXX&field=<script>",
        "\x00\x1b[2J",
    ],
)
def test_a_hostile_back_leads_to_this_sites_map_only(hostile, boundaries):
    query = back(hostile, boundaries)
    links = view_links("/project/KH01", "", "ja", ["ja"], lambda p: p, ("KHM", "KH01"), query)
    assert same_site(links.back_to_map)
    assert "evil" not in links.back_to_map and "<" not in links.back_to_map
    assert set(parse_qs(urlsplit(links.back_to_map).query)) <= {
        "country",
        "view",
        "field",
        "q",
        "lang",
    }


def test_a_back_too_long_to_be_the_maps_is_not_read(boundaries):
    assert back("country=LAO&q=" + "a" * 5000, boundaries) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_whatever_back_carries_the_way_back_is_this_sites_map(boundaries, text):
    query = back(text, boundaries)
    links = view_links("/project/KH01", "", "en", [], lambda p: "/jpp" + p, ("KHM", "KH01"), query)
    assert links.back_to_map.startswith("/jpp/?")
    assert not urlsplit(links.back_to_map).netloc


def test_back_is_read_from_the_project_pages_query():
    assert carried_back("?lang=ja&back=country%3DKHM%26field%3Dwater") == "country=KHM&field=water"
    assert carried_back("?back=&lang=ja") == ""  # the default map
    assert carried_back("?lang=ja") is None  # from a search engine: the project's own map
    assert carried_back(None) is None


def test_from_a_search_engine_the_way_back_is_the_projects_country_with_it_selected():
    links = view_links("/project/KH01", "?lang=ja", "ja", ["en"], lambda p: p, ("KHM", "KH01"))
    assert links.back_to_map == "/?country=KHM&project=KH01&lang=ja"
    # The languages keep back=; the full map does not carry it.
    carried = view_links(
        "/project/KH01", "?back=country%3DLAO&lang=ja", "ja", ["en"], lambda p: p, None, "x=1"
    )
    assert carried.in_language == ["/project/KH01?back=country%3DLAO&lang=en"]
    assert carried.back_to_map == "/?x=1"


# --- A project's header ----------------------------------------------------------------


@pytest.fixture(scope="module")
def real_context() -> AppContext:
    """The real dataset: every project page's header is checked, whatever the data holds."""
    settings_ = Settings()
    repository = Repository(settings_.projects_file, BOUNDARIES)
    return AppContext(repository, settings_, today=lambda: TODAY)


def test_every_project_page_shows_its_own_country_in_every_language(real_context):
    store, boundaries = real_context.repository.store, real_context.boundaries
    checked = 0
    for project in store.projects:
        own = project_country(project, boundaries)
        if own is None:
            continue
        path = f"/project/{project.id}"
        assert page_country(path, store, boundaries) == own
        # The controls read no country from the page's query: its header stays the project's.
        search, default = controls_source(path, "?country=LAO&lang=ja", store, boundaries, "VNM")
        assert (search, default) == ("", own)
        for lang in LANGUAGES:
            t = translator(lang)
            shown = arrival(real_context, t, path)
            assert shown.default_country == own
            label = next(o["label"] for o in shown.country_options if o["value"] == own)
            assert label == t.country(own)
        checked += 1
    assert checked == sum(1 for p in store.projects if project_country(p, boundaries))


def test_a_project_pages_header_stays_its_country_as_the_page_settles(boundaries, context):
    store = context.repository.store
    search, default = controls_source("/project/T-LAO", "?country=VNM", store, boundaries, "VNM")
    around = Surroundings(TODAY, "en", boundaries, default, frozenset())
    state = default_view("LAO", TODAY)
    assert next_view(None, state, around, search=search).state is None  # nothing changes
    assert controls_source("/", "?country=LAO", store, boundaries, "VNM") == ("?country=LAO", "VNM")


def test_another_country_in_a_project_pages_header_opens_its_map(context, boundaries):
    store = context.repository.store
    assert header_country_change("/project/T-LAO", "KHM", store, boundaries) == "KHM"
    assert header_country_change("/project/T-LAO", WORLD, store, boundaries) == WORLD
    assert header_country_change("/project/T-LAO", "LAO", store, boundaries) is None
    assert header_country_change("/project/T-LAO", "XXX", store, boundaries) is None
    # The selector takes several: adding a country to the project's opens the map of both.
    assert header_country_change("/project/T-LAO", ["LAO"], store, boundaries) is None
    assert header_country_change("/project/T-LAO", ["LAO", "KHM"], store, boundaries) == ("LAO,KHM")
    assert header_country_change("/project/T-LAO", ["LAO", "XXX"], store, boundaries) is None
    assert map_of_country("LAO,KHM", TODAY, "ja", lambda p: p) == (
        "/?country=LAO&country=KHM&lang=ja"
    )
    assert header_country_change("/", "KHM", store, boundaries) is None  # the map's own
    assert map_of_country("KHM", TODAY, "ja", lambda p: p) == "/?country=KHM&lang=ja"
    assert map_of_country(JAPAN, TODAY, "vi", lambda p: p) == "/?view=japan&lang=vi"


def test_the_embed_is_known_by_its_path():
    assert is_embed("/embed") and is_embed("/embed/") and is_embed("/jpp/embed")
    assert not is_embed("/embed/new") and not is_embed("/") and not is_embed("/project/x")


def test_the_embed_lays_out_its_map_first(context):
    from dashboard.ui.shell.layout import build_layout

    t = translator("en")
    embedded = str(build_layout(arrival(context, t, "/embed"), t))
    full = str(build_layout(arrival(context, t, "/"), t))
    assert embedded.index("id='project-map'") < embedded.index("id='filter-search'")
    assert full.index("id='filter-search'") < full.index("id='project-map'")


# --- The embed generator ---------------------------------------------------------------

COUNTRIES = {"VNM", "KHM", "LAO"}


def test_the_generator_keeps_only_known_choices():
    args = {
        "country": ["XXX"],
        "field": ["water", "<script>", "water"],
        "status": ["ongoing", "nope"],
        "map_lang": ["xx"],
        "size": ["huge"],
        "width": ["-5"],
        "height": ["999999999"],
    }
    choice = choice_from_args(args, COUNTRIES, "VNM", "ja")
    assert choice == EmbedChoice("VNM", ("water",), ("ongoing",), "en", "responsive", 700, 700)
    sized = choice_from_args(
        {"size": [FIXED], "width": ["10"], "height": ["5000"]}, COUNTRIES, "VNM"
    )
    assert (sized.size, sized.width, sized.height) == (FIXED, MIN_SIZE, MAX_HEIGHT)
    assert choice_from_args({}, COUNTRIES, "VNM", "vi").lang == "vi"  # the page's language
    assert choice_from_args({"country": [WORLD]}, COUNTRIES, "VNM").country == WORLD


def test_the_embedded_maps_address_is_the_maps_own_query_under_the_public_base():
    choice = EmbedChoice("KHM", ("water", "health"), ("ongoing",), "ja")
    assert embed_query(choice) == "country=KHM&field=water&field=health&status=ongoing&lang=ja"
    assert embed_src(choice, "https://jpp.example.org/maps") == (
        "https://jpp.example.org/maps/embed?country=KHM&field=water&field=health"
        "&status=ongoing&lang=ja"
    )
    assert embed_query(EmbedChoice(JAPAN, lang="vi")) == "view=japan&lang=vi"
    assert embed_query(EmbedChoice(WORLD)) == "view=world&lang=en"


def test_the_code_is_the_readmes_snippet_escaped():
    choice = EmbedChoice("KHM", ("water",), lang="ja")
    code = embed_code(choice, "https://JPP.example.org:443/", 'JPP "map" <b>')
    assert 'src="https://jpp.example.org/embed?country=KHM&amp;field=water&amp;lang=ja"' in code
    assert 'title="JPP &quot;map&quot; &lt;b&gt;"' in code
    assert 'if (event.origin !== "https://jpp.example.org") return;' in code
    assert 'document.getElementById("jpp-map").style.height' in code
    assert "width:100%" in code
    fixed = embed_code(EmbedChoice("KHM", size=FIXED, width=640, height=480), "http://a.b", "t")
    assert "<script>" not in fixed and "width:640px;height:480px" in fixed


@pytest.mark.parametrize(
    "base",
    [
        "javascript:alert(1)",
        '//evil.example/"+alert(1)+"',
        'https://evil.example"+alert(1)+"/',
        "https://user:pass@jpp.example.org/",
        "https://jpp.example.org/?x=1",
        "https://jpp.example.org/a/../b/",
        "https://jpp.example.org/<script>/",
        "ftp://jpp.example.org/",
    ],
)
def test_a_base_url_that_is_not_a_sites_address_is_refused(base):
    with pytest.raises(ValueError):
        public_base(base)


def test_the_origin_is_as_browsers_give_it():
    assert origin_of("https://JPP.example.org:443/x") == "https://jpp.example.org"
    assert origin_of("http://127.0.0.1:8050/") == "http://127.0.0.1:8050"


def test_the_generator_page_in_each_language(real_context):
    from dashboard.app import create_app

    client = create_app(Settings(public_url="https://jpp.example.org/map/")).server.test_client()
    for lang in LANGUAGES:
        t = translator(lang)
        answer = client.get(f"/embed/new?lang={lang}&country=KHM&field=x<y&map_lang=vi")
        assert answer.status_code == 200
        page = answer.get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        assert re.search(r"<h1[^>]*>" + re.escape(t("Embed the map on your site")), page)
        assert "https://jpp.example.org/map/embed?country=KHM&amp;amp;lang=vi" in page
        assert "x<y" not in page
    plain = create_app(Settings()).server.test_client()  # the code names the request's host
    assert "src=&quot;http://localhost/embed?" in plain.get("/embed/new").get_data(as_text=True)
    assert plain.get("/embed/new", headers={"Host": 'evil"><x'}).status_code == 400

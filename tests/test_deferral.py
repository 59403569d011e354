"""Less work before the first interaction (issue 13): every script of a page is deferred and
runs after the HTML has painted, plotly.js is fetched by the map when it mounts (not before
React runs), and the server-rendered pages besides the map say what they are to crawlers."""

from __future__ import annotations

import re

import pytest

from dashboard.app import create_app
from dashboard.settings import Settings
from dashboard.ui.shell.scripts import (
    PLOTLY_META,
    deferred_scripts,
    plan_scripts,
    plotly_meta,
)

from .test_findable import head_of

DASH_SCRIPTS = "\n".join(
    f'<script src="{src}"></script>'
    for src in [
        "/_dash-component-suites/dash/deps/react@18.v4.min.js",
        "/assets/clientside.js?m=1",
        "/assets/dash-start.js?m=2",
        "/assets/embed-facade.js?m=3",
        "/assets/vendor/plotly-map-4.1.1-offline.min.js?m=4",
        "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v4.min.js",
        "/_dash-component-suites/dash/dcc/dash_core_components.v4.js",
        "/_dash-component-suites/dash/dash_table/bundle.v7.js",
    ]
)
SCRIPT_SRC = re.compile(r"<script\b([^>]*)>")


def sources(html: str) -> list[str]:
    return re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)


def test_every_script_is_deferred_in_dashs_order_and_the_app_starts_last():
    plan = plan_scripts(DASH_SCRIPTS)
    assert plan is not None
    html = deferred_scripts(plan)
    assert sources(html) == [
        "/_dash-component-suites/dash/deps/react@18.v4.min.js",
        "/assets/clientside.js?m=1",
        "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v4.min.js",
        "/_dash-component-suites/dash/dcc/dash_core_components.v4.js",
        "/assets/dash-start.js?m=2",  # new DashRenderer(), after every bundle
    ]
    assert all(" defer" in attrs for attrs in SCRIPT_SRC.findall(html))
    # Dash checks a page for its renderer script's id: the start script carries it.
    assert '<script defer id="_dash-renderer" src="/assets/dash-start.js?m=2">' in html


def test_plotly_is_not_a_page_script_but_named_for_the_map_to_fetch():
    plan = plan_scripts(DASH_SCRIPTS)
    assert plan is not None
    assert plan.plotly == "/assets/vendor/plotly-map-4.1.1-offline.min.js?m=4"
    assert "plotly" not in deferred_scripts(plan)
    assert plotly_meta(plan) == (
        f'<meta name="{PLOTLY_META}" content="/assets/vendor/plotly-map-4.1.1-offline.min.js?m=4">'
    )
    assert plan.facade == "/assets/embed-facade.js?m=3"  # the embed's loader only
    assert "embed-facade" not in deferred_scripts(plan)


def test_dash_tables_loader_is_not_loaded_the_app_has_no_datatable():
    plan = plan_scripts(DASH_SCRIPTS)
    assert plan is not None and not any("dash_table" in src for src in plan.app)
    app = create_app(Settings())
    with app.server.test_request_context("/"):
        layout = app.layout() if callable(app.layout) else app.layout
    stack, namespaces = [layout], set()
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(node, "_namespace"):
            namespaces.add(node._namespace)
            stack.append(getattr(node, "children", None))
    assert "dash_table" not in namespaces and "dash_html_components" in namespaces


def test_scripts_dash_writes_inline_are_left_as_dash_wrote_them():
    """An inline script would run before deferred ones: no plan, Dash's tags stay."""
    assert plan_scripts(DASH_SCRIPTS + "<script>window.x = 1;</script>") is None
    assert plan_scripts('<script src="/a.js" type="module"></script>') is None


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.mark.parametrize("path", ["/?country=VNM", "/project/VN03", "/?view=world&lang=ja"])
def test_a_page_defers_every_script_and_has_no_inline_one(client, path):
    page = client.get(path).get_data(as_text=True)
    tags = SCRIPT_SRC.findall(page.split("<![endif]-->", 1)[1])  # past Dash's IE comment
    executable = [attrs for attrs in tags if 'type="application/json"' not in attrs]
    assert executable and all(" defer" in attrs and "src=" in attrs for attrs in executable)
    # The scripts, in the order they run; the loader that runs them (assets/app-wake.js, after
    # them in the page: they wait in its <template>) is checked in tests/test_tbt.py.
    srcs = [s for s in sources(page) if not s.startswith("/assets/app-wake.js")]
    assert srcs[-1].startswith("/assets/dash-start.js")
    assert srcs.index(next(s for s in srcs if "dash_renderer" in s)) < len(srcs) - 1
    assert not any("plotly-map" in s or "plotly.min.js" in s for s in srcs)
    assert f'<meta name="{PLOTLY_META}" content="/assets/vendor/plotly-map-' in page
    assert "new DashRenderer" not in page


@pytest.mark.parametrize(
    ("path", "lang", "words"),
    [
        ("/about", "en", "how to report an error"),
        ("/about", "ja", "誤りの報告"),
        ("/about", "vi", "cách báo lỗi"),
        ("/embed/new", "en", "copy the code"),
        ("/embed/new", "ja", "コードをコピー"),
        ("/embed/new", "vi", "sao chép mã"),
    ],
)
def test_the_about_page_and_the_generator_say_what_they_are(client, path, lang, words):
    head = head_of(client, f"{path}?lang={lang}")
    assert words in head.metas["description"]
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"http://localhost{path}?lang={lang}"]
    alternates = {link["hreflang"] for link in head.links if link.get("rel") == "alternate"}
    assert alternates == {"en", "ja", "vi", "x-default"}
    assert "robots" not in head.metas


def test_the_generators_canonical_is_one_page_whatever_the_choice(client):
    head = head_of(client, "/embed/new?country=KHM&size=fixed&width=500&lang=en")
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == ["http://localhost/embed/new?lang=en"]


def test_the_world_draws_a_lighter_copy_of_the_same_outlines():
    """world.geojson: every country of countries.geojson, with its id, as a valid coverage,
    simplified for world scale to half the bytes (the world's first load stays ≤ 1.2 MB)."""
    import gzip

    import shapely

    from dashboard.data import boundaries as b

    world = b.load_countries(b.DEFAULT_BOUNDARIES_DIR)  # the detailed outlines
    light = b.pyogrio.read_dataframe(b.DEFAULT_BOUNDARIES_DIR / "world.geojson")
    assert list(light["adm0_a3"]) == list(world["adm0_a3"])
    assert shapely.is_valid(light.geometry.values).all()
    assert not shapely.is_empty(light.geometry.values).any()
    assert shapely.coverage_is_valid(light.geometry.values)
    sizes = [
        len(gzip.compress((b.DEFAULT_BOUNDARIES_DIR / name).read_bytes()))
        for name in ("world.geojson", "countries.geojson")
    ]
    assert sizes[0] < sizes[1] * 0.6
    for code in ("VNM", "JPN", "BRA", "WSM"):
        left = world.set_index("adm0_a3").geometry[code]
        right = light.set_index("adm0_a3").geometry[code]
        assert shapely.hausdorff_distance(left, right) < 1.0, code  # degrees

"""Less work before the first interaction (issue 13): a page over its first view carries the
app's scripts inert, with a loader that runs them at once with a mouse and at the first
touch on a touch-only device; what a phone would fetch early for the app (scripts, the
boundary file) is preloaded only where it runs at once."""

from __future__ import annotations

import re

import pytest

from dashboard.app import create_app
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui.shell.facade import (
    FACADE_ID,
    NOT_TOUCH_ONLY,
    TOUCH_ONLY,
    WAKE_ID,
    preload_links,
    wake_html,
)
from dashboard.ui.shell.scripts import PLOTLY_BUNDLE, plan_scripts

LIVE_SCRIPT = re.compile(r'<script[^>]*\bsrc="([^"]+)"')


def live_scripts(html: str) -> list[str]:
    """The scripts a page runs as it arrives (not those inert in a <template>)."""
    outside = re.sub(r"<template\b.*?</template>", "", html, flags=re.S)
    return [src.split("?")[0] for src in LIVE_SCRIPT.findall(outside)]


def inert_scripts(html: str, template_id: str) -> list[str]:
    body = html.split(f'<template id="{template_id}"', 1)[1].split("</template>", 1)[0]
    return re.findall(r'src="([^"]+)"', body)


def test_the_touch_only_query_and_its_opposite():
    assert TOUCH_ONLY == "(hover: none) and (pointer: coarse)"
    assert f"not all and {TOUCH_ONLY}" == NOT_TOUCH_ONLY


def test_wake_html_keeps_the_scripts_inert_and_names_the_loader():
    html = wake_html('<script defer src="/a.js"></script>', "/assets/app-wake.js")
    assert live_scripts(html) == ["/assets/app-wake.js"]
    assert inert_scripts(html, WAKE_ID) == ["/a.js"]
    assert f'data-touch-only="{TOUCH_ONLY}"' in html


def test_preloads_are_for_devices_that_run_the_scripts_at_once():
    links = preload_links(("/a.js", "/b.js?m=1&x=2")).splitlines()
    assert links == [
        f'<link rel="preload" as="script" href="/a.js" media="{NOT_TOUCH_ONLY}">',
        f'<link rel="preload" as="script" href="/b.js?m=1&amp;x=2" media="{NOT_TOUCH_ONLY}">',
    ]
    assert preload_links(()) == ""


def test_the_plan_keeps_the_wake_loader_apart_from_the_apps_scripts():
    tags = "".join(
        f'<script src="{src}"></script>'
        for src in ("/r.js", "/assets/app-wake.js?m=1", "/assets/dash-start.js?m=1")
    )
    plan = plan_scripts(tags)
    assert plan is not None
    assert plan.wake == "/assets/app-wake.js?m=1"
    assert plan.app == ("/r.js",) and plan.start == "/assets/dash-start.js?m=1"


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.mark.parametrize(
    "path",
    [
        "/?country=VNM",
        "/?country=VNM&lang=ja",
        "/?country=VNM&lang=vi",
        "/?view=world",
        "/?view=japan",
        "/project/VN03",
    ],
)
def test_a_page_over_its_first_view_runs_only_its_loader(client, path):
    html = client.get(path).get_data(as_text=True)
    assert 'id="first-view"' in html
    assert live_scripts(html) == ["/assets/app-wake.js"]
    inert = inert_scripts(html, WAKE_ID)
    assert any("dash_renderer" in src for src in inert)
    assert inert[-1].startswith("/assets/dash-start.js")  # the app starts last
    assert not any(PLOTLY_BUNDLE.search(src) for src in inert)  # the map fetches it
    # Each is preloaded, for a device with a mouse only.
    for src in inert:
        assert f'href="{src.replace("&", "&amp;")}" media="{NOT_TOUCH_ONLY}"' in html


@pytest.mark.parametrize("path", ["/?country=VNM", "/?view=world", "/embed?country=VNM"])
def test_a_phone_fetches_no_boundary_file_before_the_app(client, path):
    html = client.get(path).get_data(as_text=True)
    preloads = re.findall(r'<link rel="preload" href="[^"]*/geodata/[^"]*"[^>]*>', html)
    assert preloads and all(f'media="{NOT_TOUCH_ONLY}"' in link for link in preloads)


def test_the_embed_waits_for_a_touch_on_a_phone(client):
    html = client.get("/embed?country=VNM").get_data(as_text=True)
    box = re.search(rf'<div id="{FACADE_ID}"[^>]*>', html)
    assert box and f'data-touch-only="{TOUCH_ONLY}"' in box.group(0)
    assert live_scripts(html) == ["/assets/embed.js", "/assets/embed-facade.js"]  # no Dash
    assert WAKE_ID not in html


@pytest.mark.parametrize(
    ("path", "lang"),
    [("/?country=VNM&lang=ja", "ja"), ("/project/VN03?lang=vi", "vi"), ("/?view=japan", "en")],
)
def test_a_first_view_carries_its_loading_words_empty_until_a_tap(client, path, lang):
    """The words a phone shows after its first tap (assets/app-wake.js fills the status),
    in the page's language; empty as the page arrives, so nothing is said to a reader."""
    html = client.get(path).get_data(as_text=True)
    said = translator(lang)("Loading the interactive map…")
    status = re.search(r'<p class="first-view-waking[^"]*"[^>]*>([^<]*)</p>', html)
    assert status and status.group(1) == ""
    assert 'role="status"' in status.group(0)
    assert f'data-loading="{said}"' in status.group(0)

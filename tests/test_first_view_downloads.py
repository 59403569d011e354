"""The first view's downloads are the app's, in its order and words: the app takes the first
view's place without moving anything (on a phone the buttons wrap onto lines: a button the
first view lacked was a 35 px step of the embed's frame, found by a review), and a reader
without JavaScript has every download the app offers."""

from __future__ import annotations

import re

import pytest

from dashboard.app import create_app
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui.summary_panel.layout import downloads


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


def app_buttons(lang: str) -> list[str]:
    """The labels of the app's download buttons (its layout, not the page)."""
    found = []

    def walk(component):
        if getattr(component, "href", None) and str(component.href).startswith("/export/"):
            found.append(str(component.children))
        for child in getattr(component, "children", None) or []:
            if not isinstance(child, str):
                walk(child)

    walk(downloads(translator(lang)))
    return found


@pytest.mark.parametrize(
    "path", ["/?country=VNM&lang=ja", "/?view=world&lang=vi", "/?country=KHM,LAO", "/embed"]
)
def test_the_first_view_offers_the_apps_downloads_in_its_order(client, path):
    lang = re.search(r"lang=(\w+)", path)
    html = client.get(path).get_data(as_text=True)
    first_view = html.split('id="first-view"', 1)[1]
    links = re.findall(
        r'<a class="btn btn-outline-primary btn-sm[^"]*" href="(/export/[^"]+)"', first_view
    )
    labels = re.findall(
        r'<a class="btn btn-outline-primary btn-sm[^"]*" href="/export/[^"]+"[^>]*>([^<]+)</a>',
        first_view,
    )
    assert labels[:4] == app_buttons(lang.group(1) if lang else "en")
    assert [link.split("?")[0] for link in links[:4]] == [
        "/export/projects.csv",
        "/export/projects.xlsx",
        "/export/projects.geojson",
        "/export/sites.csv",
    ]

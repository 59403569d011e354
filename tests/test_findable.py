"""What search engines and link previews read: robots.txt, the sitemap, each page's canonical
address, language alternates, description and Open Graph tags, the preview pictures, and a
404 for any path that is not a page."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from PIL import Image
from shapely.geometry import box

from dashboard.app import create_app
from dashboard.figures.preview import HEIGHT, WIDTH, Preview, fitted_lines, preview_png
from dashboard.settings import Settings, public_url
from dashboard.ui.findable.rules import (
    Page,
    alternates,
    head_tags,
    is_page_path,
    robots_txt,
    sitemap_pages,
    sitemap_xml,
)

BASE = "https://map.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
PREVIEW_MAX_BYTES = 150_000


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", True),
        ("/embed", True),
        ("/embed/", True),
        ("/project/VN03", True),
        ("/project/VN03/", True),
        ("/robots.txt.bak", False),
        ("/wp-admin", False),
        ("/favicon.ico", False),  # not a page: its own route answers it
        ("/project/", False),
        ("/project/VN03/edit", False),
        ("/embedded", False),
    ],
)
def test_only_the_maps_and_project_pages_are_pages(path, page):
    assert is_page_path(path) is page


def test_a_page_names_its_canonical_address_and_its_three_languages():
    page = Page("/project/VN03", (), 'A "quoted" <title>', "Words & more", "/preview/x.png")
    tags = head_tags(BASE, page, "ja")
    assert '<link rel="canonical" href="https://map.example.org/project/VN03?lang=ja">' in tags
    assert dict(alternates(BASE, page)) == {
        "en": f"{BASE}project/VN03?lang=en",
        "ja": f"{BASE}project/VN03?lang=ja",
        "vi": f"{BASE}project/VN03?lang=vi",
        "x-default": f"{BASE}project/VN03",
    }
    assert 'content="A &quot;quoted&quot; &lt;title&gt;"' in tags  # escaped, never raw
    assert 'property="og:image" content="https://map.example.org/preview/x.png?lang=ja"' in tags
    assert 'content="ja_JP"' in tags and 'content="summary_large_image"' in tags
    assert "noindex" not in tags
    negotiated = head_tags(BASE, page, "en", negotiated=True)  # the x-default: itself
    assert '<link rel="canonical" href="https://map.example.org/project/VN03">' in negotiated
    embed = Page("/", (("country", "VNM"),), "t", "d", "/i.png", indexable=False)
    assert '<meta name="robots" content="noindex">' in head_tags(BASE, embed, "en")
    assert f'href="{BASE}?country=VNM&amp;lang=en"' in head_tags(BASE, embed, "en")


def test_robots_lets_pages_be_crawled_and_points_at_the_sitemap():
    text = robots_txt(BASE)
    assert "Allow: /\n" in text and "Disallow: /api/\n" in text
    assert text.endswith("Sitemap: https://map.example.org/sitemap.xml\n")


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates():
    pages = sitemap_pages(["LAO", "KHM"], ["T2", "T1"])
    root = ET.fromstring(sitemap_xml(BASE, pages, "2026-12-06"))
    urls = root.findall(f"{SITEMAP}url")
    locs = [url.findtext(f"{SITEMAP}loc") for url in urls]
    assert len(locs) == 3 * len(pages) == len(set(locs))  # en, ja, vi of each page
    assert f"{BASE}project/T1?lang=vi" in locs and f"{BASE}?country=KHM&lang=ja" in locs
    assert f"{BASE}?view=world&lang=en" in locs and f"{BASE}about?lang=en" in locs
    first = urls[0]
    assert first.findtext(f"{SITEMAP}lastmod") == "2026-12-06"
    hreflangs = [link.get("hreflang") for link in first.findall(f"{XHTML}link")]
    assert hreflangs == ["en", "ja", "vi", "x-default"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://map.example.org", "https://map.example.org/"),
        ("http://127.0.0.1:8050/jpp/", "http://127.0.0.1:8050/jpp/"),
        ("", None),
        ("javascript:alert(1)", None),
        ("https://x.org/?a=1", None),
        ('https://x.org/"><script>', None),
        ("map.example.org", None),
    ],
)
def test_the_public_address_setting_takes_only_an_http_address(value, expected):
    assert public_url(value) == expected


def test_a_title_fits_two_lines_and_is_cut_with_an_ellipsis():
    def fits(line: str) -> bool:
        return len(line) <= 10

    assert fitted_lines("one two three four", fits) == ["one two", "three four"]
    assert fitted_lines("one two three four five six", fits) == ["one two", "three…"]
    assert fitted_lines("ハノイ市における下水道事業運営に関する能力開発計画", fits) == [
        "ハノイ市における下水",
        "道事業運営に関する…",
    ]


def test_a_preview_is_a_small_png_of_the_size_previews_show():
    preview = Preview(
        shapes=[(box(100, 10, 101, 11), "#6baed6"), (box(101, 10, 102, 12), "#f4f6f8")],
        points=[(100.5, 10.5, "#88CCEE")],
        bounds=(100.0, 10.0, 102.0, 12.0),
        title="A generated test title, not a project",
        subtitle="Nowhere · 2020 – 2022",
    )
    png = preview_png(preview)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) == (1200, 630)
    assert len(png) <= PREVIEW_MAX_BYTES


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.metas: dict[str, str] = {}
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.metas[key] = values.get("content", "")
        if tag == "link":
            self.links.append(values)


def head_of(client, path: str) -> _Head:
    response = client.get(path)
    assert response.status_code == 200, path
    head = _Head()
    head.feed(response.get_data(as_text=True))
    return head


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "A JICA Partnership Program project by Yokohama"),
        ("ja", "横浜"),
        ("vi", "Yokohama"),
    ],
)
def test_a_project_page_describes_the_project_in_its_language(client, lang, words):
    head = head_of(client, f"/project/VN03?lang={lang}")
    description = head.metas["description"]
    assert words in description and description == head.metas["og:description"]
    assert head.metas["og:type"] == "article"
    assert head.metas["og:url"] == f"http://localhost/project/VN03?lang={lang}"
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"http://localhost/project/VN03?lang={lang}"]
    hreflangs = {link["hreflang"] for link in head.links if link.get("rel") == "alternate"}
    assert hreflangs == {"en", "ja", "vi", "x-default"}
    image = client.get(head.metas["og:image"].removeprefix("http://localhost"))
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert len(image.data) <= PREVIEW_MAX_BYTES
    assert Image.open(io.BytesIO(image.data)).size == (1200, 630)


def test_a_map_pages_canonical_address_is_its_country_whatever_the_filters(client):
    head = head_of(client, "/?country=KHM&field=water&lang=vi")
    assert head.metas["og:url"] == "http://localhost/?country=KHM&lang=vi"
    assert "Campuchia" in head.metas["og:title"]
    assert head.metas["og:image"].startswith("http://localhost/preview/map/KHM.png")
    world = head_of(client, "/?view=world&lang=ja")
    assert world.metas["og:url"] == "http://localhost/?view=world&lang=ja"
    assert "robots" not in world.metas
    embed = head_of(client, "/embed?country=VNM")
    # The embed repeats the map: its canonical is the map's page, with no noindex beside it
    # (which would contradict the canonical, and fails Lighthouse's SEO audit).
    assert "robots" not in embed.metas
    assert embed.metas["og:url"] == "http://localhost/?country=VNM"
    negotiated = head_of(client, "/project/VN03")
    assert negotiated.metas["og:url"] == "http://localhost/project/VN03"


@pytest.mark.parametrize("key", ["world", "japan", "VNM", "KHM"])
def test_every_maps_preview_is_a_small_png(client, key):
    response = client.get(f"/preview/map/{key}.png?lang=ja")
    assert response.status_code == 200 and len(response.data) <= PREVIEW_MAX_BYTES
    assert Image.open(io.BytesIO(response.data)).size == (1200, 630)
    assert "max-age" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/preview/map/XXX.png", "/preview/project/NOPE.png", "/preview/other/VNM.png"]
)
def test_a_preview_of_nothing_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_robots_and_the_sitemap_are_real_files_listing_every_project(client):
    robots = client.get("/robots.txt")
    assert robots.mimetype == "text/plain" and "Sitemap: http://localhost/sitemap.xml" in (
        robots.get_data(as_text=True)
    )
    sitemap = client.get("/sitemap.xml")
    assert sitemap.mimetype == "application/xml"
    locs = [
        url.findtext(f"{SITEMAP}loc")
        for url in ET.fromstring(sitemap.data).findall(f"{SITEMAP}url")
    ]
    store = client.application.extensions["jpp_repository"].store
    for project in store.projects:
        assert f"http://localhost/project/{project.id}?lang=ja" in locs


@pytest.mark.parametrize("path", ["/wp-admin", "/xmlrpc.php", "/index.php", "/project/VN03/x"])
def test_an_unknown_path_is_a_404_page_not_the_map(client, path):
    response = client.get(path, headers={"Accept-Language": "ja"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "ページが見つかりません" in body and 'href="/?lang=ja"' in body
    assert not re.search(r"_dash-renderer|dash_renderer", body)


@pytest.mark.parametrize(
    "path", ["/", "/embed", "/project/VN03", "/about", "/api/projects", "/favicon.ico"]
)
def test_the_pages_still_answer(client, path):
    assert client.get(path).status_code == 200


def test_a_several_country_maps_preview_names_them_and_counts_their_projects(client):
    head = head_of(client, "/?country=KHM,LAO&lang=en")
    store = client.application.extensions["jpp_repository"].store
    both = {p.id for p in store.projects if {"KHM", "LAO"} & set(p.countries)}
    assert head.metas["og:title"].startswith("Cambodia, Lao PDR — ")
    assert head.metas["og:description"].startswith(f"{len(both)} JICA Partnership Program")
    assert head.metas["og:url"] == "http://localhost/?country=KHM%2CLAO&lang=en"
    ja = head_of(client, "/?country=KHM,LAO&lang=ja")
    assert ja.metas["og:title"].startswith("カンボジア、ラオス — ")

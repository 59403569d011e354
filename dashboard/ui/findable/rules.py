"""Addresses and words for crawlers and link previews (pure: no Flask, no Dash).

Every page exists in three languages at its own address (``lang=``); the address without
``lang`` negotiates, so it is the ``x-default`` alternate. A map's canonical address is its
country (filters make variants of one page, not pages); a project's is its own page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from ...i18n import LANGUAGES

EMBED_PATH = "/embed"
MAP_PATHS = ("/", EMBED_PATH)  # the map's own paths; /project/<id> is a project's page
PROJECT_PAGE = re.compile(r"/project/[^/]+/?")
OG_LOCALES = {"en": "en_GB", "ja": "ja_JP", "vi": "vi_VN"}
PREVIEW_SIZE = (1200, 630)  # what Facebook, LINE and X show large
SITEMAP_MAX_URLS = 50_000  # the sitemap protocol's own cap per file
# A preview of several countries draws at most this many (more: the world's picture), so
# that its key stays short and the pictures' cache holds few large ones.
PREVIEW_MAX_COUNTRIES = 8
SEVERAL_KEY = "+"  # /preview/map/KHM+LAO.png


def several_image_key(countries: Sequence[str]) -> str:
    """The preview picture's key of a map of several countries: their codes, sorted and
    joined ("KHM+LAO", whatever order the link named them in, so one picture per set);
    "world" for more than ``PREVIEW_MAX_COUNTRIES``."""
    codes = sorted(set(countries))
    if len(codes) > PREVIEW_MAX_COUNTRIES:
        return "world"
    return SEVERAL_KEY.join(codes)


def several_of_key(key: str) -> tuple[str, ...] | None:
    """The countries a preview key names (two to ``PREVIEW_MAX_COUNTRIES`` ISO codes, in
    the order ``several_image_key`` writes them); None for any other key."""
    codes = tuple(key.split(SEVERAL_KEY))
    if not 2 <= len(codes) <= PREVIEW_MAX_COUNTRIES:
        return None
    if any(not (len(c) == 3 and c.isascii() and c.isalpha() and c.isupper()) for c in codes):
        return None
    return codes if key == several_image_key(codes) else None


def is_page_path(path: str) -> bool:
    """Whether the map's catch-all route should answer ``path`` with a page: the map, the
    embed and a project's page; anything else (``/robots.txt`` typos, ``/wp-admin``) is 404."""
    trimmed = path.rstrip("/") or "/"
    return trimmed in MAP_PATHS or PROJECT_PAGE.fullmatch(path) is not None


def page_address(base: str, path: str, params: Sequence[tuple[str, str]] = ()) -> str:
    """An absolute address of this site: ``base`` is its public root, ending in ``/``."""
    query = urlencode(list(params))
    return f"{base.rstrip('/')}{path}" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Page:
    """One page as crawlers see it: where it is and what it says about itself."""

    path: str  # "/" or "/project/VN03"
    params: tuple[tuple[str, str], ...]  # what identifies it besides the language
    title: str
    description: str
    image: str  # the preview image's path on this site
    kind: str = "website"  # Open Graph type: a project's page is an "article"
    indexable: bool = True  # the embed repeats the map: not indexed


def alternates(base: str, page: Page) -> list[tuple[str, str]]:
    """(hreflang, address) for each language and the negotiated ``x-default``."""
    languages = [
        (lang, page_address(base, page.path, [*page.params, ("lang", lang)])) for lang in LANGUAGES
    ]
    return [*languages, ("x-default", page_address(base, page.path, page.params))]


def head_tags(base: str, page: Page, lang: str, *, negotiated: bool = False) -> str:
    """The tags a page's head carries for crawlers and link previews, escaped. Each language
    version is its own canonical page; so is the address that negotiates (``negotiated``:
    no ``lang`` in it), the ``x-default``: pointing it at one language would tell search
    engines that the other languages' alternates are not pages."""
    language = [] if negotiated else [("lang", lang)]
    canonical = page_address(base, page.path, [*page.params, *language])
    image = page_address(base, page.image, [("lang", lang)])
    width, height = PREVIEW_SIZE
    metas = [
        ("property", "og:type", page.kind),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", canonical),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(width)),
        ("property", "og:image:height", str(height)),
        ("property", "og:image:alt", page.title),
        ("property", "og:locale", OG_LOCALES.get(lang, OG_LOCALES["en"])),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", page.description),
        ("name", "twitter:image", image),
    ]
    if not page.indexable:
        metas.append(("name", "robots", "noindex"))
    tags = [f'<link rel="canonical" href="{escape(canonical)}">']
    tags += [
        f'<link rel="alternate" hreflang="{hreflang}" href="{escape(href)}">'
        for hreflang, href in alternates(base, page)
    ]
    tags += [f'<meta {attr}="{name}" content="{escape(value)}">' for attr, name, value in metas]
    return "\n".join(tags)


def robots_txt(base: str) -> str:
    """Pages are crawled; the API, the downloads and Dash's own requests are not (each is
    a page's data, not a page)."""
    return (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /api/\n"
        "Disallow: /export/\n"
        "Disallow: /_dash-\n"
        f"Sitemap: {page_address(base, '/sitemap.xml')}\n"
    )


def sitemap_pages(countries: Iterable[str], project_ids: Iterable[str]) -> list[Page]:
    """The pages worth finding: the world overview, the view from Japan, each country's map,
    the About page and every project's page (titles and images are not in a sitemap)."""

    def page(path: str, *params: tuple[str, str]) -> Page:
        return Page(path=path, params=params, title="", description="", image="")

    return [
        page("/", ("view", "world")),
        page("/", ("view", "japan")),
        *(page("/", ("country", code)) for code in sorted(countries)),
        page("/about"),
        *(page(f"/project/{project_id}") for project_id in sorted(project_ids)),
    ]


def sitemap_xml(base: str, pages: Sequence[Page], lastmod: str | None) -> str:
    """A sitemap with each page's language versions as alternates (Google's hreflang form):
    one ``<url>`` per language version, each listing all of them."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    count = 0
    for page in pages:
        links = alternates(base, page)
        for hreflang, address in links:
            if hreflang == "x-default" or count >= SITEMAP_MAX_URLS:
                continue
            count += 1
            lines.append(f"<url><loc>{escape(address)}</loc>")
            if lastmod:
                lines.append(f"<lastmod>{escape(lastmod)}</lastmod>")
            lines += [
                f'<xhtml:link rel="alternate" hreflang="{h}" href="{escape(a)}"/>' for h, a in links
            ]
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"

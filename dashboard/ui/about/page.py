"""The About page (/about): where the facts come from, what the page's words mean, the
licences, and how to report an error.

Plain HTML from the server, no script at all (the CSP allows none inline, and the page
needs none): it loads fast, prints, and reads the same in any browser. Every text is a
gettext message, escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode

from babel.dates import format_skeleton

from ...data.provenance import (
    JICA_VIET_NAM_FIRST_YEAR,
    JICA_VIET_NAM_PROJECTS,
    JICA_VIET_NAM_UNTIL,
    PROGRAMME_COUNTRIES,
    Coverage,
)
from ...i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from ...i18n.provenance import coverage_text, data_date_text

ABOUT_PATH = "/about"


@dataclass(frozen=True)
class AboutData:
    """What the page says of the data being served."""

    day: date | None
    version: str
    coverage: Coverage


def feedback_text(feedback_url: str | None, t: Translator) -> str:
    """HTML: the operator's address when set (``JPP_FEEDBACK_URL``); otherwise whom to ask."""
    if feedback_url:
        shown = feedback_url.removeprefix("mailto:")
        link = f'<a href="{escape(feedback_url)}" id="feedback-link">{escape(shown)}</a>'
        ask = t(
            "Found a wrong or missing fact? Please tell us, with the project’s ID (for example "
            "VN03) and the source that says otherwise:"
        )
        return f"<p>{escape(ask)} {link}</p>"
    return (
        '<p id="feedback-none">'
        + escape(
            t(
                "This site has no address for reports. Please tell whoever runs this site (the "
                "organisation that gave you the link or embeds the map), with the project’s ID "
                "and the source that says otherwise. A project’s own facts can be confirmed by "
                "JICA’s domestic centre that handles the JICA Partnership Program for the "
                "partner’s region."
            )
        )
        + "</p>"
    )


def _switcher(t: Translator) -> str:
    links = []
    for lang in LANGUAGES:
        current = ' aria-current="page"' if lang == t.lang else ""
        active = " active" if lang == t.lang else ""
        href = f"{ABOUT_PATH}?{urlencode({'lang': lang})}"
        links.append(
            f'<a class="language-link{active}" href="{href}" lang="{lang}" hreflang="{lang}"'
            f"{current}>{escape(LANGUAGE_NAMES[lang])}</a>"
        )
    return (
        f'<nav class="language-switcher small" aria-label="{escape(t("Language"))}">'
        + "".join(links)
        + "</nav>"
    )


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _where_facts_come_from(t: Translator) -> tuple[str, str]:
    return (
        t("Where the facts come from"),
        _list(
            [
                t(
                    "Every project on this map is a real JICA Partnership Program project, "
                    "read by researchers from public sources: JICA’s project pages and "
                    "reports, the partners’ own pages and publications, and news reports."
                ),
                t(
                    "Each project’s page lists the sources of its facts and keeps the "
                    "wording a source used for its dates and budget."
                ),
                t(
                    "Places are the provinces and towns the sources name. A project whose "
                    "sources name no place in its country is counted, but not drawn."
                ),
                t(
                    "The data’s date is when the dataset was last curated or imported. "
                    "The status of each project is worked out for the “as of” date of "
                    "the map, today unless you change it."
                ),
            ]
        ),
    )


def _what_the_words_mean(t: Translator) -> tuple[str, str]:
    return (
        t("What “not stated” and “inferred” mean"),
        _list(
            [
                t(
                    "“Not stated”: no source that was read states this value. It is left "
                    "empty rather than guessed; the filters keep such projects unless you "
                    "untick them."
                ),
                t(
                    "“Inferred”: the researchers worked the value out from other facts "
                    "(for example a partner’s type from its name, or an English title they "
                    "translated) instead of reading it in a source. Each project’s page "
                    "marks every such value."
                ),
                t(
                    "Status: ongoing, completed or planned follows from the project’s "
                    "dates and the “as of” date; when neither the dates nor a source "
                    "settle it, the status is “not stated”. On the map, a project ongoing "
                    "on that date is a large circle with a dark ring; the others are "
                    "smaller and paler."
                ),
            ]
        ),
    )


def _licences(t: Translator) -> tuple[str, str]:
    return (
        t("Licences"),
        _list(
            [
                t(
                    "The facts (titles, partners, places, dates, budgets) are public "
                    "information. Each source’s own text and documents stay under its "
                    "publisher’s terms: they are linked, not copied."
                ),
                t("Boundaries: Natural Earth, public domain, simplified for the web."),
                t("Points of cities and towns: GeoNames, CC BY 4.0."),
                t("This site’s software: MIT licence."),
            ]
        ),
    )


def _completeness(data: AboutData, t: Translator) -> tuple[str, str]:
    until = format_skeleton("yMMMM", JICA_VIET_NAM_UNTIL, locale=t.locale)
    programme = t(
        "The programme’s figures are JICA’s, not counts of this map: JICA describes the "
        "programme as running in about {programme} developing countries, and JICA’s Viet Nam "
        "office reports {reported} JPP projects in Viet Nam from {first} to {until} (its "
        "“Map of On-going Projects”). The map holds the projects the research has found so "
        "far: a project missing here may well exist.",
        programme=t.number(PROGRAMME_COUNTRIES),
        reported=t.number(JICA_VIET_NAM_PROJECTS),
        first=str(JICA_VIET_NAM_FIRST_YEAR),
        until=until,
    )
    coverage = escape(coverage_text(data.coverage, t))
    return t("How complete the map is"), f"<p>{coverage}</p><p>{escape(programme)}</p>"


def _embedding(t: Translator) -> tuple[str, str]:
    """For web teams: the generator of the code that embeds the map in their pages."""
    text = t(
        "Web teams can show this map on their own pages, with the country, fields, language "
        "and size they choose: {link} gives the code to paste, with a preview."
    )
    link = f'<a href="/embed/new?{urlencode({"lang": t.lang})}" id="embed-builder-link">'
    link += f"{escape(t('Embed the map on your site'))}</a>"
    return t("Embedding the map"), "<p>" + escape(text).replace("{link}", link) + "</p>"


def about_page(
    data: AboutData,
    t: Translator,
    *,
    feedback_url: str | None,
    stylesheets: list[str],
    head: str = "",
) -> str:
    """The whole page, in the visitor's language (``head``: its tags for crawlers)."""
    esc = escape
    site = t("JICA Partnership Program project map")
    title = t("About the data")
    links = "".join(f'<link rel="stylesheet" href="{esc(href)}">' for href in stylesheets)
    sections = [
        _where_facts_come_from(t),
        _what_the_words_mean(t),
        _completeness(data, t),
        _licences(t),
        _embedding(t),
        (t("Report an error"), feedback_text(feedback_url, t)),
    ]
    body = "".join(
        f'<section class="mb-4"><h2 class="h4">{esc(heading)}</h2>{content}</section>'
        for heading, content in sections
    )
    back = t("← Back to the map")
    version = t("Data version: {version}", version=data.version)
    api = t(
        "The same data, with its date and version, comes from the API: {link} (JSON; also CSV "
        "and GeoJSON).",
        link="\x00",
    )
    api_html = esc(api).replace("\x00", '<a href="/api/projects">/api/projects</a>')
    return f"""<!DOCTYPE html>
<html lang="{esc(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} — {esc(site)}</title>
{head}
{links}
</head>
<body>
<header class="navbar navbar-dark bg-primary mb-3 site-header">
<div class="container-fluid d-flex flex-wrap justify-content-between gap-2">
<p class="h5 mb-0 text-white site-title">{esc(t("JICA Partnership Program projects"))}</p>
{_switcher(t)}
</div>
</header>
<main class="container mb-5 about-page">
<a class="small d-inline-block mb-2" href="/?{urlencode({"lang": t.lang})}">{esc(back)}</a>
<h1 class="h2">{esc(title)}</h1>
<p class="lead" id="about-data-date">{esc(data_date_text(data.day, t))}</p>
<p class="small text-muted">{esc(version)}<br>{api_html}</p>
{body}
</main>
</body>
</html>
"""

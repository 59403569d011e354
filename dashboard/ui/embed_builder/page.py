"""The embed generator (/embed/new): the web team chooses what the embedded map shows, its
language and size, and gets the code to paste (``code.py``), with a preview of it.

Plain HTML from the server, like the About page: a form sent by GET, so that it works
without script and its address says the choice; one script file (assets/embed-builder.js)
adds the copy button and sizes the preview. Every text is a gettext message, escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from ...data import vocab
from ...i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from .code import (
    BUILDER_PATH,
    FIXED,
    MAX_HEIGHT,
    MAX_WIDTH,
    MIN_SIZE,
    RESPONSIVE,
    EmbedChoice,
)


@dataclass(frozen=True)
class BuilderPage:
    """What the page shows besides the choice: the country options (value, label), the
    code, the preview's address on this site, and the files it loads."""

    countries: list[tuple[str, str]]
    code: str
    preview_src: str
    stylesheets: list[str]
    script: str
    map_href: str
    head: str = ""  # its tags for crawlers: description, canonical, alternates


def _switcher(t: Translator, query: list[tuple[str, str]]) -> str:
    """The page in each language, keeping the choice."""
    links = []
    for lang in LANGUAGES:
        current = ' aria-current="page"' if lang == t.lang else ""
        active = " active" if lang == t.lang else ""
        href = f"{BUILDER_PATH}?{urlencode([*query, ('lang', lang)])}"
        links.append(
            f'<a class="language-link{active}" href="{escape(href)}" lang="{lang}" '
            f'hreflang="{lang}"{current}>{escape(LANGUAGE_NAMES[lang])}</a>'
        )
    label = escape(t("Language"))
    return f'<nav class="language-switcher small" aria-label="{label}">{"".join(links)}</nav>'


def _ticks(
    name: str, legend: str, terms: tuple[vocab.Term, ...], ticked: tuple[str, ...], t: Translator
) -> str:
    boxes = "".join(
        f'<div class="form-check"><input class="form-check-input" type="checkbox" '
        f'name="{name}" value="{escape(term.key)}" id="embed-{name}-{escape(term.key)}"'
        f"{' checked' if term.key in ticked else ''}>"
        f'<label class="form-check-label" for="embed-{name}-{escape(term.key)}">'
        f"{escape(t.term(terms, term.key))}</label></div>"
        for term in terms
    )
    all_of_them = t("None ticked: all of them.")
    return (
        f'<fieldset class="mb-3"><legend class="fw-semibold">{escape(legend)}</legend>'
        f'<p class="small text-muted mb-1">{escape(all_of_them)}</p>'
        f'<div class="choices-scroll">{boxes}</div></fieldset>'
    )


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
        f"{escape(text)}</option>"
        for value, text in options
    )
    return (
        f'<div class="mb-3"><label class="form-label fw-semibold" for="embed-{name}">'
        f'{escape(label)}</label><select class="form-select" name="{name}" '
        f'id="embed-{name}">{items}</select></div>'
    )


def _size(choice: EmbedChoice, t: Translator) -> str:
    def radio(value: str, text: str) -> str:
        checked = " checked" if choice.size == value else ""
        return (
            f'<div class="form-check"><input class="form-check-input" type="radio" name="size" '
            f'value="{value}" id="embed-size-{value}"{checked}><label class="form-check-label" '
            f'for="embed-size-{value}">{escape(text)}</label></div>'
        )

    def number(name: str, text: str, value: int, largest: int) -> str:
        return (
            f'<div class="col-6"><label class="form-label small" for="embed-{name}">'
            f'{escape(text)}</label><input class="form-control form-control-sm" type="number" '
            f'name="{name}" id="embed-{name}" min="{MIN_SIZE}" max="{largest}" step="1" '
            f'value="{value}"></div>'
        )

    size = t("Size")
    return (
        f'<fieldset class="mb-3"><legend class="fw-semibold">{escape(size)}</legend>'
        + radio(
            RESPONSIVE, t("The page's full width; the height follows the map (needs the script)")
        )
        + radio(FIXED, t("A fixed size, in pixels"))
        + '<div class="row g-2 mt-1">'
        + number("width", t("Width (fixed size only)"), choice.width, MAX_WIDTH)
        + number(
            "height",
            t("Height (the first height when it follows the map)"),
            choice.height,
            MAX_HEIGHT,
        )
        + "</div></fieldset>"
    )


def _form(choice: EmbedChoice, page: BuilderPage, t: Translator) -> str:
    languages = [(lang, LANGUAGE_NAMES[lang]) for lang in LANGUAGES]
    show = t("Show the code and the preview")
    return (
        f'<form method="get" action="{BUILDER_PATH}" id="embed-form">'
        f'<input type="hidden" name="lang" value="{escape(t.lang)}">'
        + _select("country", t("Country"), page.countries, choice.country)
        + _ticks("field", t("Fields"), vocab.FIELDS, choice.fields, t)
        + _ticks("status", t("Status"), vocab.STATUSES, choice.statuses, t)
        + _select("map_lang", t("Language of the map"), languages, choice.lang)
        + _size(choice, t)
        + '<button type="submit" class="btn btn-primary">'
        + f"{escape(show)}</button>"
        + "</form>"
    )


def _result(choice: EmbedChoice, page: BuilderPage, t: Translator) -> str:
    if choice.size == FIXED:
        style = f"width:{choice.width}px;max-width:100%;height:{choice.height}px;border:0"
    else:
        style = f"width:100%;height:{choice.height}px;border:0"
    paste = t(
        "Paste it into your page where the map should appear. The map opens as you chose; "
        "visitors can still filter it, and its links open this site in a new tab."
    )
    copied, failed = t("Copied."), t("Could not copy: select the code and copy it.")
    copy_text, preview_title = t("Copy the code"), t("Preview of the embedded map")
    headings = [t("The code to paste"), t("HTML code"), t("Preview")]
    to_paste, html_code, preview_heading = (escape(text) for text in headings)
    copy = (
        f'<button type="button" class="btn btn-outline-primary btn-sm" id="embed-copy" '
        f'data-copied="{escape(copied)}" data-failed="{escape(failed)}" hidden>'
        f"{escape(copy_text)}</button>"
    )
    code = (
        '<textarea class="form-control font-monospace small" id="embed-code" rows="12" '
        f'readonly spellcheck="false">{escape(page.code)}</textarea>'
    )
    preview = (
        f'<iframe id="embed-preview" src="{escape(page.preview_src)}" '
        f'title="{escape(preview_title)}" style="{style}" '
        f'data-follow="{"no" if choice.size == FIXED else "yes"}"></iframe>'
    )
    return f"""<section class="mb-4">
<h2 class="h4">{to_paste}</h2>
<p class="small">{escape(paste)}</p>
<label class="form-label small" for="embed-code">{html_code}</label>
{code}
<div class="d-flex align-items-center gap-2 mt-2">{copy}
<span class="small" id="embed-copy-status" role="status"></span>
</div>
</section>
<section>
<h2 class="h4">{preview_heading}</h2>
{preview}
</section>"""


def builder_page(choice: EmbedChoice, page: BuilderPage, t: Translator) -> str:
    """The whole page, in the visitor's language (the map's may differ)."""
    site = t("JICA Partnership Program project map")
    title = t("Embed the map on your site")
    links = "".join(f'<link rel="stylesheet" href="{escape(href)}">' for href in page.stylesheets)
    query = _choice_query(choice)
    back, projects = t("← Back to the map"), t("JICA Partnership Program projects")
    intro = t(
        "Choose what the map shows, its language and its size: the code below changes with "
        "your choice. Paste it into your page; nothing else is needed."
    )
    return f"""<!DOCTYPE html>
<html lang="{escape(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — {escape(site)}</title>
{page.head}
{links}
</head>
<body>
<header class="navbar navbar-dark bg-primary mb-3 site-header">
<div class="container-fluid d-flex flex-wrap justify-content-between gap-2">
<p class="h5 mb-0 text-white site-title">{escape(projects)}</p>
{_switcher(t, query)}
</div>
</header>
<main class="container-fluid mb-5 embed-builder">
<a class="small d-inline-block mb-2" href="{escape(page.map_href)}">{escape(back)}</a>
<h1 class="h2">{escape(title)}</h1>
<p>{escape(intro)}</p>
<div class="row g-4">
<div class="col-lg-4">{_form(choice, page, t)}</div>
<div class="col-lg-8">{_result(choice, page, t)}</div>
</div>
</main>
<script src="{escape(page.script)}"></script>
</body>
</html>
"""


def _choice_query(choice: EmbedChoice) -> list[tuple[str, str]]:
    """The form's fields for a choice (the language switcher keeps it)."""
    query = [("country", choice.country)]
    query += [("field", key) for key in choice.fields]
    query += [("status", key) for key in choice.statuses]
    query += [("map_lang", choice.lang), ("size", choice.size)]
    return [*query, ("width", str(choice.width)), ("height", str(choice.height))]

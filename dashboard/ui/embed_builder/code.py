"""The embed generator's rules (pure): what the web team chose, read from the form's query
(only known values), the embedded map's address, and the HTML to paste on their page.

The code is the README's snippet ("Embedding"): an iframe whose address is the site's public
base URL plus ``embed?…``, and, when the frame is to follow its content, the script that
sets its height from the map's messages, checking that they come from the map's origin.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode, urlsplit

from ...data import vocab
from ...data.filter_query import to_query
from ...data.filters import ProjectFilter
from ...i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..filter_panel.controls import JAPAN, WORLD
from ..view_state import VIEW_NAMES

BUILDER_PATH = "/embed/new"
FRAME_ID = "jpp-map"  # the snippet's iframe; its script finds the frame by it
RESPONSIVE, FIXED = "responsive", "fixed"
MIN_SIZE, MAX_WIDTH, MAX_HEIGHT = 200, 2000, 3000  # pixels, for a fixed size
DEFAULT_WIDTH, DEFAULT_HEIGHT = 700, 700  # a fixed frame's, and a responsive one's first
FIELD_KEYS = tuple(term.key for term in vocab.FIELDS)
STATUS_KEYS = tuple(term.key for term in vocab.STATUSES)
# An origin as the snippet's script compares it: a scheme, a host name or address, a port.
ORIGIN = re.compile(r"https?://([a-z0-9.\-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?")


@dataclass(frozen=True)
class EmbedChoice:
    """What the embedded map shows: a country (or ``WORLD``/``JAPAN``), the fields and
    statuses it keeps (none: all), its language, and the frame's size."""

    country: str
    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    lang: str = DEFAULT_LANGUAGE
    size: str = RESPONSIVE
    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT


def _size(values: Sequence[str] | None, default: int, largest: int) -> int:
    """A whole number of pixels within the limits; the default when it is none."""
    text = (values or [""])[0].strip()
    if not text.isdigit() or len(text) > 5:
        return default
    return min(max(int(text), MIN_SIZE), largest)


def _known(values: Sequence[str] | None, known: Sequence[str]) -> tuple[str, ...]:
    """The known values, in the vocabulary's order, each once."""
    given = set(values or ())
    return tuple(key for key in known if key in given)


def choice_from_args(
    args: Mapping[str, Sequence[str]],
    countries: Collection[str],
    default_country: str,
    default_lang: str = DEFAULT_LANGUAGE,
) -> EmbedChoice:
    """The form's query as a choice: anything unknown is left out (a country the map does
    not have is the default one; a language, the page's). ``map_lang`` is the embedded
    map's language (``lang`` is the generator page's own)."""
    country = (args.get("country") or [default_country])[0]
    if country not in countries and country not in (WORLD, JAPAN):
        country = default_country
    lang = (args.get("map_lang") or [default_lang])[0]
    return EmbedChoice(
        country=country,
        fields=_known(args.get("field"), FIELD_KEYS),
        statuses=_known(args.get("status"), STATUS_KEYS),
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
        size=FIXED if (args.get("size") or [""])[0] == FIXED else RESPONSIVE,
        width=_size(args.get("width"), DEFAULT_WIDTH, MAX_WIDTH),
        height=_size(args.get("height"), DEFAULT_HEIGHT, MAX_HEIGHT),
    )


def public_base(base_url: str) -> str:
    """The site's public base URL as the code names it: ``scheme://host[:port]/path/``.
    Refused (ValueError) unless it is http(s) with a plain host and no query or fragment."""
    return origin_of(base_url) + _base_path(base_url)


def origin_of(base_url: str) -> str:
    """The origin as browsers give it in a message's ``event.origin``: lower case, without
    the scheme's default port."""
    parts = urlsplit(base_url.strip())
    netloc = parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}.get(parts.scheme.lower(), "")
    if default_port and netloc.endswith(default_port):
        netloc = netloc.removesuffix(default_port)
    origin = f"{parts.scheme.lower()}://{netloc}"
    if not ORIGIN.fullmatch(origin) or parts.query or parts.fragment:
        raise ValueError(f"not a public base URL: {base_url[:200]!r}")
    return origin


def _base_path(base_url: str) -> str:
    path = urlsplit(base_url.strip()).path or "/"
    path = path if path.endswith("/") else path + "/"
    if not re.fullmatch(r"/[A-Za-z0-9._~\-/]*", path) or "//" in path or "/../" in path:
        raise ValueError(f"not a public base URL: {base_url[:200]!r}")
    return path


def embed_query(choice: EmbedChoice) -> str:
    """The embedded view's query: the map's own parameters (as its links write them)."""
    overview = choice.country in (WORLD, JAPAN)
    spec = ProjectFilter(
        country=() if overview else (choice.country,),
        field=choice.fields,
        status=choice.statuses,
    )
    view = [("view", VIEW_NAMES[choice.country])] if overview else []
    parts = [urlencode(view), to_query(spec), urlencode([("lang", choice.lang)])]
    return "&".join(part for part in parts if part)


def embed_src(choice: EmbedChoice, base_url: str) -> str:
    """The iframe's address: the public base URL's ``embed`` page with the choice."""
    return f"{public_base(base_url)}embed?{embed_query(choice)}"


def embed_code(choice: EmbedChoice, base_url: str, title: str) -> str:
    """The HTML to paste: the iframe, and for a frame that follows its content the script
    that sizes it (the README's snippet). Every value is escaped for where it goes."""
    base = public_base(base_url)
    src = escape(f"{base}embed?{embed_query(choice)}", quote=True)
    if choice.size == FIXED:
        style = f"width:{choice.width}px;height:{choice.height}px;border:0"
    else:
        style = f"width:100%;height:{choice.height}px;border:0"
    frame = (
        f'<iframe id="{FRAME_ID}" src="{src}"\n'
        f'        title="{escape(title, quote=True)}" loading="lazy"\n'
        f'        style="{style}"></iframe>'
    )
    if choice.size == FIXED:
        return frame + "\n"
    origin = json.dumps(origin_of(base))
    return f"""{frame}
<script>
  window.addEventListener("message", function (event) {{
    if (event.origin !== {origin}) return;   // the map's own origin
    if (event.data && event.data.type === "jpp-map:height") {{
      document.getElementById("{FRAME_ID}").style.height = event.data.height + "px";
    }}
  }});
</script>
"""

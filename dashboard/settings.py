"""Settings from environment variables, with defaults that are safe to run anywhere."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import REPO_ROOT
from .api.cors import read_origins
from .data.exchange.iati.codes import Publisher, publisher

log = logging.getLogger(__name__)
MAILTO = re.compile(r"mailto:[^@\s/?#]+@[^@\s/?#]+\.[^@\s/?#]+(\?[^\s]*)?")


def feedback_url(value: str | None) -> str | None:
    """JPP_FEEDBACK_URL as the About page may link it: a ``mailto:`` address or an
    ``https://`` page. Anything else (``javascript:``, plain http, a bare address, a typo)
    is ignored with a warning: the page then says whom to ask instead of linking it."""
    value = (value or "").strip()
    if not value:
        return None
    if MAILTO.fullmatch(value):
        return value
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname and not re.search(r"\s", value):
        return value
    log.warning("JPP_FEEDBACK_URL ignored: not a mailto: or https:// address (%r)", value[:80])
    return None


def public_url(value: str | None) -> str | None:
    """JPP_PUBLIC_URL as links may use it: an http(s) address with a host, ending in "/";
    anything else is ignored with a warning (the request's own address is used)."""
    value = (value or "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    plain = not (parts.query or parts.fragment or re.search(r"[\s\"'<>]", value))
    if parts.scheme in ("http", "https") and parts.hostname and plain:
        return value if value.endswith("/") else value + "/"
    log.warning("JPP_PUBLIC_URL ignored: not an http(s) address (%r)", value[:80])
    return None


class InvalidSetting(ValueError):
    """A setting whose wrong value must stop the app (and the command line) from starting."""


def iati_publisher(ref: str | None, name: str | None, kind: str | None) -> Publisher:
    """JPP_IATI_PUBLISHER (an IATI organisation identifier), JPP_IATI_PUBLISHER_NAME and
    JPP_IATI_PUBLISHER_TYPE (an OrganisationType code): who reports the IATI file; JICA
    (XM-DAC-701-8, type 10) when unset. A value that is no identifier, or another publisher
    without its type, raises :class:`InvalidSetting`: the operator meant another publisher,
    and publishing in JICA's name instead would be wrong."""
    try:
        return publisher(ref, name, kind)
    except ValueError as error:
        raise InvalidSetting(
            f"JPP_IATI_PUBLISHER: {error}; correct it, or unset JPP_IATI_PUBLISHER, "
            "JPP_IATI_PUBLISHER_NAME and JPP_IATI_PUBLISHER_TYPE to publish as JICA"
        ) from None


@dataclass(frozen=True)
class Settings:
    geodata_dir: Path = REPO_ROOT / "geodata"
    assets_dir: Path = REPO_ROOT / "assets"
    default_country: str = "VNM"
    # An operator may draw a basemap from their own tile server; the default draws none,
    # so that nothing is fetched from outside the machine.
    tile_url: str | None = None
    tile_attribution: str = ""
    # Sites allowed to embed the map in an iframe (CSP frame-ancestors); "*" allows any.
    frame_ancestors: tuple[str, ...] = ("*",)
    # The PostGIS database holding the dataset (DATABASE_URL); unset, geodata/projects.json.
    # It may carry a password: kept out of repr and logs.
    database_url: str | None = field(default=None, repr=False)
    # How often each worker asks the database whether there is new data (JPP_DB_POLL_SECONDS).
    db_poll_seconds: float = 5.0
    # A Redis shared by all instances for API answers (REDIS_URL); unset, nothing is cached
    # beyond each worker's own memory. May carry a password: kept out of repr.
    redis_url: str | None = field(default=None, repr=False)
    # Flask's secret key (JPP_SECRET_KEY); unset, each process draws a random one (see
    # dashboard/web/security.py for why that is safe here). Kept out of repr and logs.
    secret_key: str | None = field(default=None, repr=False)
    # Where visitors report an error in the data (JPP_FEEDBACK_URL): mailto: or https:// only.
    feedback_url: str | None = None
    # Who reports the IATI activity file (/api/projects.iati.xml): its identifier prefixes
    # every activity's (JPP_IATI_PUBLISHER, _NAME, _TYPE; default JICA, XM-DAC-701-8).
    iati_publisher: Publisher = field(default_factory=Publisher)
    # The site's public address (JPP_PUBLIC_URL, e.g. https://map.example.org/), for the
    # canonical links, the sitemap and the preview pictures; unset, the address each request
    # came to (right unless a proxy rewrites the host).
    public_url: str | None = None
    # The sites whose scripts may read the API from a browser (JPP_API_ORIGINS, comma-separated
    # origins, e.g. https://example.org); unset, any ("*"): the API is public and read-only.
    api_origins: tuple[str, ...] = ("*",)

    @property
    def projects_file(self) -> Path:
        return self.geodata_dir / "projects.json"

    @property
    def boundaries_dir(self) -> Path:
        return self.geodata_dir / "boundaries"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            geodata_dir=Path(env.get("JPP_GEODATA_DIR", str(REPO_ROOT / "geodata"))),
            default_country=env.get("JPP_DEFAULT_COUNTRY", "VNM").upper(),
            tile_url=env.get("JPP_TILE_URL") or None,
            tile_attribution=env.get("JPP_TILE_ATTRIBUTION", ""),
            frame_ancestors=tuple(env.get("JPP_FRAME_ANCESTORS", "*").split()) or ("*",),
            database_url=env.get("DATABASE_URL") or None,
            db_poll_seconds=float(env.get("JPP_DB_POLL_SECONDS", "5")),
            redis_url=env.get("REDIS_URL") or None,
            secret_key=env.get("JPP_SECRET_KEY") or None,
            feedback_url=feedback_url(env.get("JPP_FEEDBACK_URL")),
            iati_publisher=iati_publisher(
                env.get("JPP_IATI_PUBLISHER"),
                env.get("JPP_IATI_PUBLISHER_NAME"),
                env.get("JPP_IATI_PUBLISHER_TYPE"),
            ),
            public_url=public_url(env.get("JPP_PUBLIC_URL")),
            api_origins=read_origins(env.get("JPP_API_ORIGINS")),
        )

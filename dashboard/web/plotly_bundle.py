"""The plotly.js the page loads: the map-only partial bundle, not the full one.

Every figure here is a ``choroplethmap`` or a ``scattermap`` (MapLibre); plotly.js publishes a
partial bundle with exactly the map traces, ``dist/plotly-map.min.js`` (2.96 MB against 4.82 MB
for the full bundle; 0.66 MB against 1.11 MB with brotli). It is vendored in
``assets/vendor/``, so Dash loads it with the page and ``dcc.Graph`` finds ``window.Plotly``
already defined and never asks for the full bundle. The version is the one plotly.py ships
(a test fails when they part); ``jpp-map vendor-plotly`` (``make plotly-bundle``) fetches it
from the npm registry when plotly.py is upgraded, and checks the file against the pin below.
"""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

from ..npm import NpmUnavailableError, packed

VERSION = "4.1.1"
FILENAME = f"plotly-map-{VERSION}.min.js"
SHA256 = "51784469c5a68bff7ed452bc74a18a9eaca3141b78d017cce84e2e229806ac75"
PACKAGE = f"plotly.js@{VERSION}"
MEMBER = "package/dist/plotly-map.min.js"
# The trace types the bundle registers (lib/index-map.js), beside plotly's core "scatter".
TRACES = frozenset({"scatter", "scattermap", "choroplethmap", "densitymap"})


class BundleError(RuntimeError):
    """The bundle could not be fetched, or is not the pinned file."""


def vendored_path(assets_dir: Path) -> Path:
    return assets_dir / "vendor" / FILENAME


def check(data: bytes, source: str) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        raise BundleError(f"{source}: sha256 {digest}, expected {SHA256} ({PACKAGE})")


def vendor(assets_dir: Path, cache_dir: Path) -> Path:
    """Fetch the pinned npm package (once; npm checks the registry's integrity hash), check
    the bundle against the pin, and write it into ``assets/vendor/``."""
    try:
        tarball = packed(PACKAGE, f"plotly.js-{VERSION}.tgz", cache_dir)
    except NpmUnavailableError as error:
        raise BundleError(str(error)) from error
    with tarfile.open(tarball, mode="r:gz") as tar:
        try:
            handle = tar.extractfile(MEMBER)
        except KeyError:
            handle = None
        if handle is None:
            raise BundleError(f"{tarball} has no {MEMBER}")
        data = handle.read()
    check(data, f"{tarball}:{MEMBER}")
    target = vendored_path(assets_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    return target

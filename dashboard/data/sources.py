"""Where the dataset is kept: a JSON file (the default) or a PostGIS database.

Both give the same records, read and written by the same code (``Project.from_json`` and
``to_json``), so loading, validation, filters and imports do not care which one is in use.
A source answers three things: a cheap version to poll, the whole dataset, and a way to
replace it all at once (an import). It raises ``SourceUnavailable`` when it cannot answer,
so that the app can keep serving the data it has (see ``Repository``).
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .model import Project, parse_projects, projects_of

DATASET_NAME = "projects.json"
LOCK_NAME = ".projects.lock"


class SourceUnavailable(Exception):
    """The source cannot be read now. ``reason`` is safe to show publicly (no host names)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Snapshot:
    """The whole dataset as of one version."""

    version: Hashable
    projects: list[Project]
    meta: dict[str, Any]


@dataclass
class Replacement:
    """An import in progress: the current data (read only if asked for: replacing a dataset
    that cannot be read must still work), and what the import sets in its place."""

    read: Callable[[], tuple[list[Project], dict[str, Any]]]
    projects: list[Project] | None = None  # None: nothing to store
    new_meta: dict[str, Any] = field(default_factory=dict)
    _current: tuple[list[Project], dict[str, Any]] | None = None

    @property
    def current(self) -> list[Project]:
        if self._current is None:
            self._current = self.read()
        return self._current[0]

    @property
    def meta(self) -> dict[str, Any]:
        self.current  # noqa: B018  (reads both)
        assert self._current is not None
        return self._current[1]

    def store(self, projects: list[Project], meta: dict[str, Any]) -> None:
        self.projects, self.new_meta = list(projects), meta


class DataSource(Protocol):
    @property
    def kind(self) -> str:
        """ "file" or "postgis", for messages and /healthz."""
        ...

    @property
    def check_inline(self) -> bool:
        """True when version() is cheap enough to call on every request (a stat);
        otherwise the repository polls it from a background thread."""
        ...

    def version(self) -> Hashable: ...

    def load(self) -> Snapshot: ...

    def replacing(self) -> AbstractContextManager[Replacement]:
        """Yield the current data; on a clean exit store ``Replacement.projects`` whole,
        on an exception store nothing. One replacement at a time."""
        ...


@contextmanager
def exclusive_lock(directory: Path) -> Iterator[None]:
    """One import at a time per dataset folder."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / LOCK_NAME).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def parse_dataset(text: str) -> tuple[list[Project], dict[str, Any]]:
    document = parse_projects(text)
    projects = projects_of(document.pop("projects"))
    return projects, document


def read_dataset(path: Path) -> tuple[list[Project], dict[str, Any]]:
    """The projects and the metadata of a dataset file; none when there is no file yet."""
    if not path.exists():
        return [], {}
    return parse_dataset(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class FileSource:
    """geodata/projects.json, replaced atomically by imports (see ``files.write_atomically``)."""

    path: Path
    kind: str = "file"
    check_inline: bool = True

    def version(self) -> tuple[int, int]:
        try:
            stat = self.path.stat()
        except OSError as error:
            raise SourceUnavailable("the dataset file cannot be read", str(error)) from error
        return stat.st_mtime_ns, stat.st_size

    def load(self) -> Snapshot:
        try:
            version = self.version()
            projects, meta = parse_dataset(self.path.read_text(encoding="utf-8"))
        except Exception as error:  # a hand edit can break anything: JSON, shape, nesting
            detail = repr(error)[:500]
            raise SourceUnavailable("the dataset file cannot be read", detail) from error
        return Snapshot(version, projects, meta)

    @contextmanager
    def replacing(self) -> Iterator[Replacement]:
        from .curation import dataset_json
        from .files import write_atomically

        with exclusive_lock(self.path.parent):
            replacement = Replacement(lambda: read_dataset(self.path))
            yield replacement
            if replacement.projects is not None:
                write_atomically(
                    self.path, dataset_json(replacement.projects, replacement.new_meta)
                )

"""What every region of the page is given: the only thing a feature receives.

A frozen bundle of the app's parts, made once by ``create_app``: the data (``repository``),
the settings, the partners' homes, the clock that says what "today" is (tests pass a fixed
day), and the app's relative-path function (the site may be served under a prefix).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .data.homes import Home
from .data.repository import BoundaryIndex, Repository
from .settings import Settings


def _same_path(path: str) -> str:
    return path


@dataclass(frozen=True)
class AppContext:
    repository: Repository
    settings: Settings
    homes: Mapping[str, Home] = field(default_factory=dict)
    today: Callable[[], date] = date.today
    relative_path: Callable[[str], str] = _same_path

    @property
    def boundaries(self) -> BoundaryIndex:
        return self.repository.boundaries

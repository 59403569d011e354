"""Problems found in a project list, in words a member of staff understands.

Every problem names the file, the row as the spreadsheet numbers it, the column as its header
reads in the file, the value found and what was expected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    row: int | None  # None: about the whole file
    column: str | None  # the header as written in the file
    value: str | None
    message: str
    project_id: str | None = None

    def text(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        found = f" (found '{self.value}')" if self.value not in (None, "") else ""
        return f"{self.severity}: {where}: {self.message}{found}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


def as_text(problems: Iterable[Problem]) -> str:
    return "\n".join(problem.text() for problem in problems)


def as_json(problems: Iterable[Problem], **summary: object) -> str:
    items = [asdict(problem) for problem in problems]
    return json.dumps({**summary, "problems": items}, ensure_ascii=False, indent=1)

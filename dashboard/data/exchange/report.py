"""Problems found in a project list, in words a member of staff understands.

Every problem names the file, the row as the spreadsheet numbers it, the column as its header
reads in the file, the value found and what was expected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# What a terminal may act on rather than show, or shows misleadingly: C0 and C1 control
# characters (ESC starts the sequences that clear a screen or move the cursor; a new line would
# make a cell look like a line of the report), DEL, the bidirectional overrides and isolates
# (which reorder what is shown), lone surrogates (which cannot be printed at all) and
# U+FFFE/U+FFFF. Each is shown as its escape, e.g. \x1b or \u202e.
_BEYOND_ASCII = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
UNPRINTABLE = re.compile(f"[\x00-\x1f{_BEYOND_ASCII}]")
_JSON_UNPRINTABLE = re.compile(f"[{_BEYOND_ASCII}]")  # json.dumps escapes the rest
SHOWN_CHARS = 200  # a value longer than this is shown shortened, with its length


def printable(text: str) -> str:
    """The text with every character of :data:`UNPRINTABLE` escaped (\\ is left as it is)."""
    return UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """A value as the report shows it: escaped, and shortened when long."""
    if len(text) > SHOWN_CHARS:
        text = f"{text[: SHOWN_CHARS - 1]}… ({len(text):,} characters)"
    return printable(text)


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    row: int | None  # None: about the whole file
    column: str | None  # the header as written in the file
    value: str | None
    message: str
    project_id: str | None = None
    unit: str = "row"  # what ``row`` counts: a sheet's row, or an IATI file's activity

    def text(self) -> str:
        where = shown(self.file)
        if self.row is not None:
            where += f", {self.unit} {self.row}"
            if self.unit == "activity" and self.project_id:
                where += f" ('{shown(self.project_id)}')"
        if self.column:
            where += f", column '{shown(self.column)}'"
        found = f" (found '{shown(self.value)}')" if self.value else ""
        return f"{self.severity}: {where}: {printable(self.message)}{found}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


def as_text(problems: Iterable[Problem]) -> str:
    return "\n".join(problem.text() for problem in problems)


def as_json(problems: Iterable[Problem], **summary: object) -> str:
    """JSON escapes C0 control characters itself; the other characters of
    :data:`UNPRINTABLE` are written as JSON escapes too, so the report is safe to print and
    reads back to the same values."""
    items = [asdict(problem) for problem in problems]
    return json_printable({**summary, "problems": items})


def json_printable(document: object, indent: int | None = 1) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    return _JSON_UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)

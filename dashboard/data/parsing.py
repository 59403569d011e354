"""Read the free text of project lists into typed values, keeping what the text said.

Every parser returns ``None`` for "not stated" and raises ``ValueError`` with a message a member
of staff understands when the text says something it cannot read: a value is never guessed.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from .model import Budget, BudgetKind, FuzzyDate

NOT_STATED = frozenset({"", "-", "—", "n/a", "na", "none", "unknown", "不明", "未定"})
_NOT_STATED_PREFIXES = ("(not in excerpt", "(not stated", "(not labelled", "(listed among")

# Japanese eras: first Gregorian year of each (year 1 of the era).
_ERAS = {"H": 1989, "平成": 1989, "R": 2019, "令和": 2019, "S": 1926, "昭和": 1926}
_QUALIFIERS = {"likely": "likely", "planned": "planned", "expected": "planned", "予定": "planned"}


def normalise_text(text: str | None) -> str:
    """Full-width digits and letters to ASCII, unified spaces and tildes."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return text.replace("〜", "~").replace("～", "~").strip()


def is_not_stated(text: str | None) -> bool:
    cleaned = normalise_text(text)
    return cleaned.casefold() in NOT_STATED or cleaned.casefold().startswith(_NOT_STATED_PREFIXES)


def era_year(era: str, year: int | str) -> int:
    """平成26 / H26 -> 2014; 令和3 / R3 -> 2021; 令和元 -> 2019."""
    number = 1 if year == "元" else int(year)
    return _ERAS[era] + number - 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fiscal_year(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


_ERA_FY = re.compile(r"^(平成|令和|昭和|[HRS])\s*(\d{1,2}|元)\s*(年度)?")
# 平成28年2月, H28年2月1日: a month or a day of a calendar year, not a fiscal year.
_ERA_MONTH = re.compile(
    r"^(平成|令和|昭和|[HRS])\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?"
)
_SLASH_DAY = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_FY = re.compile(r"^FY\s*(\d{4})", re.IGNORECASE)
_YEAR_FY_JA = re.compile(r"^(\d{4})\s*年度")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})(?![\d-])")
_JA_MONTH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_YEAR = re.compile(r"^(\d{4})(?!\d)")
_YEAR_WITH_ERA = re.compile(r"^(\d{4})\s*\((平成|令和|昭和|[HRS])\s*(\d{1,2})(?:年度?)?\)")


def parse_fuzzy_date(text: str | None) -> FuzzyDate | None:
    """FY2003, H26, 平成26年度, 2014 (H26), 2013-12, 2016年2月, 2008-08-13, ~2019 (3 years)."""
    raw = "" if text is None else str(text).strip()
    if is_not_stated(raw):
        return None
    value = normalise_text(raw)
    qualifier = None
    if value.startswith("~") or value.startswith("約"):
        qualifier = "approximate"
        value = value.lstrip("~約 ")
    if value.casefold().startswith(("before", "after", "by ")):
        raise ValueError(f"'{raw}' is a bound, not a date")
    paren = re.search(r"\(([^)]*)\)", value)
    if paren and qualifier is None:
        # "(planned)", "(3 years, planned)", "(planned; to H31)": any part of the note.
        for part in re.split(r"[,;]", paren.group(1)):
            for word, meaning in _QUALIFIERS.items():
                if qualifier is None and part.strip().casefold().startswith(word):
                    qualifier = meaning
    if "予定" in value and qualifier is None:
        qualifier = "planned"

    if match := _ERA_MONTH.match(value):
        year = era_year(match.group(1), match.group(2))
        month = int(match.group(3))
        if match.group(4):
            day = _checked_date(raw, year, month, int(match.group(4)))
            return FuzzyDate(day, day, "day", qualifier, raw)
        first = _checked_date(raw, year, month, 1)
        return FuzzyDate(first, _month_end(year, month), "month", qualifier, raw)
    if match := _SLASH_DAY.match(value):
        day = _checked_date(raw, *map(int, match.groups()))
        return FuzzyDate(day, day, "day", qualifier, raw)
    if match := _FY.match(value):
        start, end = _fiscal_year(int(match.group(1)))
        return FuzzyDate(start, end, "fiscal_year", qualifier, raw)
    if match := _ERA_FY.match(value):
        year = era_year(match.group(1), match.group(2))
        start, end = _fiscal_year(year)
        return FuzzyDate(start, end, "fiscal_year", qualifier, raw)
    if match := _YEAR_FY_JA.match(value):
        start, end = _fiscal_year(int(match.group(1)))
        return FuzzyDate(start, end, "fiscal_year", qualifier, raw)
    if match := _ISO_DAY.match(value):
        day = _checked_date(raw, *map(int, match.groups()))
        return FuzzyDate(day, day, "day", qualifier, raw)
    if match := _JA_MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            day = _checked_date(raw, year, month, int(match.group(3)))
            return FuzzyDate(day, day, "day", qualifier, raw)
        first = _checked_date(raw, year, month, 1)
        return FuzzyDate(first, _month_end(year, month), "month", qualifier, raw)
    if match := _ISO_MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        first = _checked_date(raw, year, month, 1)
        return FuzzyDate(first, _month_end(year, month), "month", qualifier, raw)
    if era_note := _YEAR_WITH_ERA.match(value):
        year = int(era_note.group(1))
        if era_year(era_note.group(2), int(era_note.group(3))) == year:
            # '2014 (H26)': a 和暦 year in a JICA source counts the fiscal year (H26 = FY2014).
            start, end = _fiscal_year(year)
            return FuzzyDate(start, end, "fiscal_year", qualifier, raw)
    if match := _YEAR.match(value):
        year = int(match.group(1))
        if not 1950 <= year <= 2100:
            raise ValueError(f"'{raw}': year {year} is out of range")
        return FuzzyDate(date(year, 1, 1), date(year, 12, 31), "year", qualifier, raw)
    raise ValueError(f"'{raw}' is not a date (expected e.g. 2016-02, FY2014, H26 or 2016年2月)")


def _checked_date(raw: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"'{raw}' is not a real date ({error})") from None


_DURATION = re.compile(
    r"\(\s*(?:(\d+)\s*(?:yrs?|years?))?\s*(?:(\d+)\s*months?)?\s*\)", re.IGNORECASE
)


def duration_hint_months(text: str | None) -> int | None:
    """'~2026 (4 yrs 8 months)' -> 56: a length stated beside an approximate end."""
    match = _DURATION.search(normalise_text(text))
    if not match or not (match.group(1) or match.group(2)):
        return None
    return int(match.group(1) or 0) * 12 + int(match.group(2) or 0)


def end_from_duration(start: FuzzyDate, months: int, text: str) -> FuzzyDate:
    """The approximate last month of a project that ran ``months`` from ``start``."""
    index = start.earliest.year * 12 + start.earliest.month - 1 + months - 1
    year, month = divmod(index, 12)
    first = date(year, month + 1, 1)
    return FuzzyDate(first, _month_end(year, month + 1), "month", "approximate", text)


def end_with_stated_length(start: FuzzyDate | None, end: FuzzyDate | None) -> FuzzyDate | None:
    """An approximate end with its length stated ('~2026 (4 yrs 8 months)') read from the start."""
    months = duration_hint_months(end.text) if end else None
    if start and end and months and end.qualifier == "approximate":
        return end_from_duration(start, months, end.text)
    return end


_RANGE_SEPARATORS = re.compile(r"\s*(?:~|–|—|〜|から|to)\s*")


def parse_period(text: str | None) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    """'2016年2月～2019年2月' or 'FY2014-FY2016' -> (start, end)."""
    raw = normalise_text(text)
    if is_not_stated(raw):
        return None, None
    parts = _RANGE_SEPARATORS.split(raw, maxsplit=1)
    if len(parts) != 2:
        # A hyphen between two whole dates: '2016年2月-2019年2月', '2016/2-2019/2',
        # '2016-02 - 2019-02' (a hyphen inside '2016-02' is not a separator).
        hyphen = re.match(
            r"^(.+?[月日度/\d])\s*(?:\s-\s|(?<=[月日度])-|(?<=/\d)-|(?<=/\d\d)-)\s*(.+)$", raw
        )
        if hyphen:
            parts = [hyphen.group(1), hyphen.group(2)]
    if len(parts) != 2:
        fy_range = re.match(r"^(FY\d{4})\s*-\s*(FY\d{4})$", raw, re.IGNORECASE)
        if not fy_range:
            raise ValueError(f"'{raw}' is not a period (expected e.g. 2016年2月～2019年2月)")
        parts = [fy_range.group(1), fy_range.group(2)]
    return parse_fuzzy_date(parts[0]), parse_fuzzy_date(parts[1])


_AMOUNT = re.compile(
    r"([-▲△−])?\s*(\d[\d,]*(?:\.\d+)?)\s*(億円|億|百万円|百万|万円|万|千円|千|円|M\b|million)?",
    re.IGNORECASE,
)
_UNIT = {
    "億円": 100_000_000,
    "億": 100_000_000,
    "百万円": 1_000_000,
    "百万": 1_000_000,
    "万円": 10_000,
    "万": 10_000,
    "千円": 1_000,
    "千": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
}


def parse_budget(text: str | None) -> Budget | None:
    """'57,113,000 (estimate)', '~38,000,000', '<= 60,000,000', '18,431千円' -> yen and kind."""
    raw = "" if text is None else str(text).strip()
    if is_not_stated(raw):
        return None
    value = normalise_text(raw)
    lowered = value.casefold()
    if re.search(r"\byr\s*\d", lowered) or value.count(";") > 1:
        raise ValueError(f"'{raw}' lists several amounts; state the total")
    match = _AMOUNT.search(value)
    if not match:
        raise ValueError(
            f"'{raw}' is not an amount in yen (expected e.g. 18,431,000 or 18,431千円)"
        )
    number = float(match.group(2).replace(",", ""))
    unit = (match.group(3) or "").casefold()
    yen = round(number * _UNIT.get(unit, 1))
    if match.group(1):
        raise ValueError(f"'{raw}': the budget must be positive")
    kind: BudgetKind = "stated"
    if lowered.startswith(("<=", "≤", "under", "up to", "max")):
        kind = "upper_bound"
    elif lowered.startswith(("~", "約")) or "approx" in lowered or "currency" in lowered:
        kind = "approximate"
    elif re.search(r"year-?\s*1|fy\d{4} actual|初年度", lowered):
        kind = "partial"
    elif "contract" in lowered or "契約" in value:
        kind = "contract"
    elif "estimate" in lowered or "planned" in lowered or "概算" in value:
        kind = "estimate"
    if yen <= 0:
        raise ValueError(f"'{raw}': the budget must be positive")
    return Budget(yen=yen, kind=kind, text=raw)


_SCHEME_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("regional revitalization", "regional_revitalization"),
    ("活性", "regional_revitalization"),
    ("local government type", "local_government"),
    ("地域提案", "local_government"),
    ("partner type", "partner"),
    ("パートナー", "partner"),
    ("support type", "support"),
    ("支援型", "support"),
)


def parse_scheme(text: str | None) -> str | None:
    """The JPP scheme key named in the text, or None when it names none."""
    value = normalise_text(text)
    if is_not_stated(value):
        return None
    lowered = value.casefold()
    if lowered.startswith("follow-up") or "not a new" in lowered:
        return None
    for keyword, key in _SCHEME_KEYWORDS:
        if keyword in lowered:
            return key
    raise ValueError(
        f"'{value}' is not a JPP scheme (Partner, Support, Local Government, "
        "Regional Revitalization)"
    )


# Sector words -> field keys (reference README vocabulary, OECD DAC groups).
_FIELD_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("water environment", "environment"),
    ("water", "water"),
    ("sewerage", "water"),
    ("drainage", "water"),
    ("sanitation", "water"),
    ("wash", "water"),
    ("nrw", "water"),
    ("disaster", "disaster"),
    ("drr", "disaster"),
    ("flood", "disaster"),
    ("landslide", "disaster"),
    ("mine action", "governance"),
    ("agri", "agriculture"),
    ("irrigation", "agriculture"),
    ("rural", "agriculture"),
    ("livestock", "agriculture"),
    ("mushroom", "agriculture"),
    ("home garden", "agriculture"),
    ("food processing", "agriculture"),
    ("agro-processing", "agriculture"),
    ("community development", "agriculture"),
    ("life improvement", "agriculture"),
    ("health", "health"),
    ("medical", "health"),
    ("nutrition", "health"),
    ("dental", "health"),
    ("eye care", "health"),
    ("tb", "health"),
    ("hiv", "health"),
    ("phc", "health"),
    ("maternal", "health"),
    ("rehabilitation", "health"),
    ("infectious", "health"),
    ("solid waste", "environment"),
    ("3r", "environment"),
    ("environment", "environment"),
    ("forestry", "environment"),
    ("energy", "environment"),
    ("biogas", "environment"),
    ("vocational", "industry"),
    ("ict", "industry"),
    ("hrd", "industry"),
    ("handicraft", "industry"),
    ("craft", "industry"),
    ("industry", "industry"),
    ("local economic", "industry"),
    ("otop", "industry"),
    ("livelihood", "industry"),
    ("local products", "industry"),
    ("marketing", "industry"),
    ("cooperative", "industry"),
    ("education", "education"),
    ("literacy", "education"),
    ("mathematics", "education"),
    ("training", "education"),
    ("welfare", "social_welfare"),
    ("disability", "social_welfare"),
    ("elderly", "social_welfare"),
    ("child", "social_welfare"),
    ("gender", "social_welfare"),
    ("tourism", "tourism_culture"),
    ("heritage", "tourism_culture"),
    ("culture", "tourism_culture"),
    ("museum", "tourism_culture"),
    ("governance", "governance"),
    ("public administration", "governance"),
    ("peace", "governance"),
    ("conflict", "governance"),
    ("radio", "governance"),
)


def parse_fields(text: str | None) -> tuple[str, ...]:
    """'Sewerage / environmental education' -> ('water', 'education'), in the text's order."""
    value = normalise_text(text).casefold()
    if is_not_stated(value):
        return ()
    found: list[str] = []
    for part in re.split(r"[/;,()]", value):
        part = part.strip()
        for keyword, key in _FIELD_KEYWORDS:
            if re.search(rf"(?<![a-z]){re.escape(keyword)}", part):
                if key not in found:
                    found.append(key)
                break
    if not found:
        raise ValueError(f"'{text}' names no known field")
    return tuple(found)


_OBSERVED = re.compile(
    r"^(completed|ongoing|adopted|cancelled|suspended)\b"
    r"(?:.*?\b(?:at|by|as of)\s+(\d{4}(?:-\d{2}){0,2}))?",
    re.IGNORECASE,
)


def parse_observed_status(text: str | None) -> tuple[str, date | None] | None:
    """'Ongoing at 2019-01 (mid-term report)' -> ('ongoing', 2019-01-31)."""
    value = normalise_text(text)
    if is_not_stated(value):
        return None
    match = _OBSERVED.match(value)
    if not match:
        raise ValueError(f"'{value}' is not a status")
    status = match.group(1).casefold()
    when = None
    if match.group(2):
        observed = parse_fuzzy_date(match.group(2))
        when = observed.latest if observed else None
    return status, when

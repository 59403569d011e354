"""The visitor's language: interface strings, vocabularies, numbers, money, dates and names.

Interface strings are gettext messages whose id is the English text; the Japanese and
Vietnamese catalogs are plain ``.po`` files under ``locales/`` that translators can edit with
any PO editor (``make messages`` re-extracts them). Numbers, yen and dates follow CLDR
through Babel, so that ¥49,900,000 reads "￥49,900,000" in Japanese and "49.900.000 ¥" in
Vietnamese without hand-written rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from ..data import vocab
from ..data.model import FuzzyDate, Partner, Project

if TYPE_CHECKING:  # the repository reads the boundaries: no need to import it here
    from ..data.repository import Province

LANGUAGES = ("en", "ja", "vi")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).parent / "locales"
# Each language's name in itself, for the switcher: a reader finds their own language.
LANGUAGE_NAMES = {"en": "English", "ja": "日本語", "vi": "Tiếng Việt"}


def negotiate(requested: str | None, accept_language: str | None) -> str:
    """The URL's ``lang`` first (a shared link shows what its sender saw), then the browser's
    preference, then English."""
    wanted = _primary(requested or "")
    if wanted in LANGUAGES:
        return wanted
    # In the browser's order of preference, by primary subtag: "ja-JP, en;q=0.9" is Japanese
    # (werkzeug's best_match would prefer the exact "en").
    for tag, _quality in parse_accept_header(accept_language or "", LanguageAccept):
        if _primary(tag) in LANGUAGES:
            return _primary(tag)
    return DEFAULT_LANGUAGE


def _primary(tag: str) -> str:
    """'ja' of 'ja-JP' or 'ja_JP'; nothing of 'javascript'."""
    return tag.strip().lower().replace("_", "-").split("-")[0]


def is_japanese(text: str) -> bool:
    """Kana or kanji anywhere: the text is (at least partly) Japanese."""
    return any(
        "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" or "\uff66" <= char <= "\uff9f"
        for char in text
    )


@dataclass(frozen=True)
class Shown:
    """A name or title as shown: its text, the language it is in, and whether that language
    stands in for the visitor's (so the page marks it, and screen readers switch voice)."""

    text: str
    lang: str
    stands_in: bool
    translated: bool = False  # written by the curators, not read in a source


def _catalog(lang: str) -> NullTranslations:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


class Translator:
    """Everything language-dependent that the page shows, for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.locale = Locale.parse(self.lang)
        # English dates day first ("6 Dec 2026"): the British order, which readers in Japan
        # and Viet Nam (day-month or year-month-day) cannot misread as "12/6".
        self.date_locale = Locale.parse("en_GB") if self.lang == "en" else self.locale
        self._catalog = _catalog(self.lang)
        self._dates: dict[FuzzyDate, str] = {}  # CLDR formatting is slow; dates repeat

    # Messages --------------------------------------------------------------------------

    def __call__(self, message: str, **values: object) -> str:
        text = self._catalog.gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values: object) -> str:
        """``{count}`` is filled in, formatted for the language."""
        text = self._catalog.ngettext(singular, plural, count)
        return text.format(count=self.number(count), **values)

    # Numbers, money, dates ---------------------------------------------------------------

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.locale)

    def yen(self, value: int) -> str:
        return format_currency(value, "JPY", locale=self.locale)

    def day(self, value: date) -> str:
        """One way per language, wherever a day is written (the "as of" note, a card's
        status, the data's date, the downloads): 6 Dec 2026, 2026年12月6日, 6 thg 12, 2026."""
        return format_skeleton("yMMMd", value, locale=self.date_locale)

    def any_of(self, items: list[str] | tuple[str, ...]) -> str:
        """'a, b or c' in the page's language (CLDR's list patterns): "2024-06, FY2024 or
        2024年度", "2024-06、FY2024、または2024年度", "2024-06, FY2024 hoặc 2024年度"."""
        return format_list(list(items), style="or", locale=self.date_locale)

    def fuzzy_date(self, value: FuzzyDate | None) -> str:
        """As precise as the source: FY2019, Apr 2019, 2019年度, tháng 4 năm 2019."""
        if value is None:
            return self.not_stated
        if value not in self._dates:
            self._dates[value] = self._format_fuzzy_date(value)
        return self._dates[value]

    def _format_fuzzy_date(self, value: FuzzyDate) -> str:
        start = value.earliest
        if value.precision == "fiscal_year":
            shown = self("FY{year}", year=start.year)
        elif value.precision == "year":
            shown = format_skeleton("y", start, locale=self.date_locale)
        elif value.precision == "month":
            shown = format_skeleton("yMMM", start, locale=self.date_locale)
        else:
            shown = self.day(start)
        if value.qualifier == "approximate":
            return self("about {date}", date=shown)
        if value.qualifier == "likely":
            return self("{date} (likely)", date=shown)
        if value.qualifier == "planned":
            return self("{date} (planned)", date=shown)
        return shown

    def period(self, project: Project) -> str:
        return f"{self.fuzzy_date(project.start)} – {self.fuzzy_date(project.end)}"

    @property
    def not_stated(self) -> str:
        return self("not stated")

    # Vocabularies and names -----------------------------------------------------------

    def term(self, vocabulary: tuple[vocab.Term, ...], key: str | None) -> str:
        """A vocabulary label in this language (the catalogs translate its English label);
        an unknown key is shown as it is."""
        if not key:
            return ""
        try:
            term = vocab.term(vocabulary, key)
        except KeyError:
            return key
        return self._catalog.gettext(term.label_en)

    def country(self, code: str) -> str:
        return self.term(vocab.COUNTRIES, code)

    def province(self, province: Province) -> str:
        """Japanese names where Natural Earth has them; Vietnamese names for Viet Nam's
        provinces in Vietnamese; English otherwise (Latin script for every reader)."""
        name_en = province.name_en
        if self.lang == "ja":
            return province.name_ja or name_en
        if self.lang == "vi" and province.iso_a3 == "VNM":
            return province.name_local or name_en
        return name_en

    def pick(self, texts: dict[str, str | None]) -> Shown | None:
        """The visitor's language if known; otherwise English, then Japanese, marked."""
        if texts.get(self.lang):
            return Shown(str(texts[self.lang]), self.lang, False)
        for lang in ("en", "ja", "vi"):
            if texts.get(lang):
                return Shown(str(texts[lang]), lang, True)
        return None

    def title(self, project: Project) -> Shown:
        shown = self.pick({"en": project.title_en, "ja": project.title_ja})
        return shown or Shown(project.id, self.lang, False)

    def partner_name(self, partner: Partner) -> Shown | None:
        """The research table's name is usually English, but some are written in Japanese."""
        if partner.name and is_japanese(partner.name):
            shown = self.pick({"ja": partner.name_ja or partner.name})
        else:
            shown = self.pick({"en": partner.name, "ja": partner.name_ja})
        if shown and shown.lang == "ja" and partner.name_ja_translated:
            return replace(shown, translated=True)
        return shown

    def language_name(self, lang: str) -> str:
        """'in English', '英語', 'tiếng Anh': the mark beside a stand-in title."""
        return {
            "en": self("in English"),
            "ja": self("in Japanese"),
            "vi": self("in Vietnamese"),
        }[lang]


def translator(lang: object) -> Translator:
    """The translator of a language; the default one for anything else (a forged request's
    "language" never becomes a cache key, nor costs a catalog's compilation)."""
    return _translator(lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE)


@lru_cache(maxsize=len(LANGUAGES))
def _translator(lang: str) -> Translator:
    return Translator(lang)

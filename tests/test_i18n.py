"""English, Japanese and Vietnamese: negotiation, catalogs, formats, names, and the page."""

from __future__ import annotations

import json
import re
import string
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from dash.development.base_component import Component

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.data import vocab
from dashboard.data.loading import load_store
from dashboard.data.model import FuzzyDate
from dashboard.data.repository import BoundaryIndex
from dashboard.i18n import LANGUAGES, LOCALES_DIR, negotiate, translator
from dashboard.settings import Settings
from dashboard.ui import ids
from dashboard.ui.detail_panel.layout import project_card
from dashboard.ui.shell.layout import Arrival, build_layout

# As `make messages` has them: t("…"), t.plural(…), and a vocabulary Term's English label.
KEYWORDS = {"t": None, "self": None, "plural": (1, 2), "Term": (2,), "Column": (2,)}
VOCABULARIES = {
    "FIELDS": vocab.FIELDS,
    "PARTNER_TYPES": vocab.PARTNER_TYPES,
    "SCHEMES": vocab.SCHEMES,
    "STATUSES": vocab.STATUSES,
    "PARTNER_ROLES": vocab.PARTNER_ROLES,
    "COUNTRIES": vocab.COUNTRIES,
}


def extracted_messages() -> set[str | tuple[str, str]]:
    """Every interface string in the code, found as `make messages` finds it."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        REPO_ROOT / "dashboard",
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        return read_po(po_file, locale=lang)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(
    ("requested", "accept", "expected"),
    [
        ("ja", "vi-VN,vi;q=0.9", "ja"),  # the URL wins over the browser
        ("VI", None, "vi"),
        (None, "vi-VN,vi;q=0.9,en;q=0.8", "vi"),
        (None, "fr-FR,fr;q=0.9,ja;q=0.5", "ja"),  # the first language we have
        (None, "fr-FR", "en"),
        ("xx", "ja-JP", "ja"),  # an unknown lang= falls back to the browser
        (None, "ja-JP,en;q=0.9", "ja"),  # the first preference, by its primary subtag
        (None, "vi_VN", "vi"),
        ("javascript", None, "en"),  # not a language we have, though it starts with "ja"
        (None, None, "en"),
    ],
)
def test_language_from_the_url_then_the_browser(requested, accept, expected):
    assert negotiate(requested, accept) == expected


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_every_interface_string_is_translated_with_the_same_placeholders(lang):
    messages = extracted_messages()
    translations = catalog(lang)
    assert len(messages) > 90
    missing, wrong = [], []
    for message in messages:
        entry = translations.get(message if isinstance(message, str) else message[0])
        texts = entry.string if entry else None
        if isinstance(texts, str):
            texts = (texts,)
        if not entry or not all(texts):
            missing.append(message)
            continue
        source = message if isinstance(message, str) else message[0]
        wanted = fields(source) | ({"count"} if isinstance(message, tuple) else set())
        if any(fields(text) - wanted or (fields(source) - fields(text)) for text in texts):
            wrong.append(message)
    assert missing == []
    assert wrong == []


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_catalogs_hold_no_stale_messages(lang):
    """A message no longer in the code is removed (`make messages`), not left to rot."""
    in_code = {m if isinstance(m, str) else m[0] for m in extracted_messages()}
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
    assert in_catalog - in_code == set()


def test_every_vocabulary_label_is_extracted_for_the_catalogs():
    """The English labels are messages like the interface's, so the tests above check that
    each has both translations with the same placeholders."""
    labels = {term.label_en for terms in VOCABULARIES.values() for term in terms}
    assert len(labels) > 50
    assert labels - extracted_messages() == set()


@pytest.mark.parametrize("lang", ["ja", "vi"])
@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_a_vocabulary_label_as_shown_is_read_back_as_its_term(lang, name):
    """Staff copy labels from the page into their spreadsheets: every label shown in
    Japanese or Vietnamese is one of the term's names that reading knows."""
    t = translator(lang)
    for term in VOCABULARIES[name]:
        shown = t.term(VOCABULARIES[name], term.key)
        assert shown != term.label_en or lang == "vi" or name == "COUNTRIES", term.key
        assert shown in {term.label_en, *term.names}, (term.key, shown)


@pytest.mark.parametrize(
    ("lang", "yen", "count", "day", "month", "fiscal", "approximate"),
    [
        ("en", "¥49,900,000", "1,234", "1 Apr 2019", "Apr 2019", "FY2003", "about Dec 2013"),
        ("ja", "￥49,900,000", "1,234", "2019年4月1日", "2019年4月", "2003年度", "2013年12月頃"),
        (
            "vi",
            "49.900.000\xa0¥",
            "1.234",
            "1 thg 4, 2019",
            "thg 4 2019",
            "năm tài khóa 2003",
            "khoảng thg 12 2013",
        ),
    ],
)
def test_numbers_money_and_dates_in_each_language(
    lang, yen, count, day, month, fiscal, approximate
):
    t = translator(lang)
    assert t.yen(49_900_000) == yen
    assert t.number(1234) == count
    assert t.day(date(2019, 4, 1)) == day
    assert t.fuzzy_date(FuzzyDate(date(2019, 4, 1), date(2019, 4, 30), "month")) == month
    assert t.fuzzy_date(FuzzyDate(date(2003, 4, 1), date(2004, 3, 31), "fiscal_year")) == fiscal
    december = FuzzyDate(date(2013, 12, 1), date(2013, 12, 31), "month", "approximate")
    assert t.fuzzy_date(december) == approximate


def test_plurals_follow_each_language():
    assert translator("en").plural("project", "projects", 1) == "project"
    assert translator("en").plural("project", "projects", 2) == "projects"
    assert translator("ja").plural("project", "projects", 2) == "件"
    assert translator("vi").plural("project", "projects", 1) == "dự án"


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(REPO_ROOT / "geodata" / "boundaries")


@pytest.fixture(scope="module")
def store(boundaries):  # type: ignore[no-untyped-def]
    return load_store(REPO_ROOT / "geodata" / "projects.json", boundaries.search_names)


def test_titles_and_names_in_the_visitors_language_marked_when_another_stands_in(store):
    tokyo = store.project("VN09")
    ja, vi, en = translator("ja"), translator("vi"), translator("en")
    assert ja.title(tokyo).text == "東京水道の事業運営ノウハウ(管路技術・配水技術)の移転"
    assert not ja.title(tokyo).stands_in
    assert vi.title(tokyo).text.startswith("Transfer of Tokyo Waterworks")
    assert (vi.title(tokyo).lang, vi.title(tokyo).stands_in) == ("en", True)
    assert en.title(tokyo).stands_in is False
    hue = store.project("VN01")  # no Japanese title is known: English stands in
    assert (ja.title(hue).lang, ja.title(hue).stands_in) == ("en", True)
    yokohama = store.project("VN01").partners[0]
    assert ja.partner_name(yokohama).text == "横浜市水道局"
    assert en.partner_name(yokohama).text == "Yokohama Waterworks Bureau"
    # A partner the sources name only in Japanese: that name, marked, in English too.
    okinawa = next(p for p in store.project("LA06").partners if p.name.startswith("沖縄"))
    shown = en.partner_name(okinawa)
    assert (shown.text, shown.lang, shown.stands_in) == (
        "沖縄・ラオス口唇口蓋裂患者支援センター",
        "ja",
        True,
    )
    assert ja.partner_name(okinawa).stands_in is False


def test_province_names_japanese_vietnamese_or_english(boundaries):
    hue = next(p for p in boundaries.provinces_of("VNM") if p.name_en.startswith("Thừa Thiên"))
    assert translator("vi").province(hue) == hue.name_local
    assert translator("ja").province(hue) == hue.name_ja
    bangkok = next(p for p in boundaries.provinces_of("THA") if "Bangkok" in p.name_en)
    assert translator("vi").province(bangkok) == bangkok.name_en  # Latin script, not Thai


def texts(component: object) -> list[str]:
    """Every string a layout shows: children, labels, placeholders, titles."""
    found: list[str] = []
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        for item in component:
            found += texts(item)
        return found
    if isinstance(component, dict):
        return [v for k, v in component.items() if k == "label" and isinstance(v, str)]
    if isinstance(component, Component):
        for name in ("children", "options", "placeholder", "title", "label"):
            value = getattr(component, name, None)
            if value is not None:
                found += texts(value)
    return found


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_the_page_has_no_english_left_in_japanese_or_vietnamese(lang):
    t = translator(lang)
    english = {m for m in extracted_messages() if isinstance(m, str)}
    translated = {m for m in english if t(m) != m}
    layout = build_layout(Arrival([{"label": t.country("VNM"), "value": "VNM"}], "VNM"), t)
    shown = texts(layout)
    assert t("JICA Partnership Program projects") in shown
    assert t.term(vocab.FIELDS, "water") in shown
    assert sorted(set(shown) & translated) == []


def test_a_project_card_in_japanese(store, boundaries):
    t = translator("ja")
    project = store.project("PH10")
    card = texts(project_card(project, "completed", boundaries, "2026-11-22", t))
    assert (
        "沖縄県南城市モデルを活用したビクトリアス市アグリビジネス/アグリエコツーリズム強化プロジェクト"
        in card
    )
    assert "終了（2026年11月22日時点）" in card
    assert "2014年10月 – 2017年3月" in card
    assert "状況" in card and "日本側団体" in card


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    return create_app(Settings()).server.test_client()


def test_the_page_language_from_the_url_then_accept_language(client):
    # A map's tab is titled by the site (the view changes without a reload); its preview
    # (og:title) names the country.
    page = client.get("/?lang=vi").get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert "<title>Bản đồ dự án Chương trình Hợp tác Kỹ thuật Cơ sở JICA</title>" in page
    assert 'property="og:title" content="Việt Nam — Bản đồ dự án' in page
    page = client.get("/", headers={"Accept-Language": "ja,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ja">' in page
    assert "<title>JICA草の根技術協力事業マップ</title>" in page
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_a_project_page_is_titled_by_its_project_in_the_visitors_language(client):
    page = client.get("/project/VN09?lang=ja")
    assert page.status_code == 200
    assert (
        "<title>東京水道の事業運営ノウハウ(管路技術・配水技術)の移転 — JICA草の根技術協力事業マップ"
        "</title>" in page.get_data(as_text=True)
    )
    assert page.vary.as_set() >= {"accept-language"}


def test_an_unknown_project_is_404_with_the_page(client):
    page = client.get("/project/NO-SUCH-ID")
    assert page.status_code == 404
    assert '<div id="react-entry-point">' in page.get_data(as_text=True)
    assert "<title>JICA Partnership Program project map</title>" in page.get_data(as_text=True)


def test_the_description_is_in_the_pages_language(client):
    page = client.get("/?lang=vi").get_data(as_text=True)
    assert "Map of JICA Partnership Program" not in page
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description and "dự án Hợp tác Kỹ thuật Cấp cơ sở của JICA tại Việt Nam" in (
        description.group(1)
    )
    unknown = client.get("/project/NO-SUCH-ID?lang=vi").get_data(as_text=True)
    assert (
        translator("vi")("Map of JICA Partnership Program (JPP) grassroots cooperation projects")
        in unknown
    )


def test_layouts_vary_by_language_and_referrer(client):
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=ja"})
    assert layout.vary.as_set() >= {"accept-language", "referer"}


def stored_language(layout: object) -> str | None:
    """The language the layout was built in (its page-language store)."""
    if isinstance(layout, dict):
        props = layout.get("props", {})
        if props.get("id") == ids.LANGUAGE:
            return props["data"]
        return next(filter(None, map(stored_language, props.values())), None)
    if isinstance(layout, list):
        return next(filter(None, map(stored_language, layout)), None)
    return None


def test_the_layout_request_follows_the_pages_own_url(client):
    """Dash fetches the layout separately; the page's URL comes as the referrer."""
    response = client.get(
        "/_dash-layout", headers={"Referer": "http://localhost/embed?lang=vi&field=water"}
    )
    assert stored_language(response.json) == "vi"
    shown = json.dumps(response.json, ensure_ascii=False)
    assert "Dự án Chương trình Hợp tác Kỹ thuật Cơ sở JICA" in shown
    # Behind a proxy the Host the app sees is not the browser's: the referrer still counts.
    proxied = client.get(
        "/_dash-layout",
        headers={"Referer": "https://jpp-map.example.org/?lang=vi", "Accept-Language": "ja"},
    )
    assert stored_language(proxied.json) == "vi"
    # A page URL without lang= leaves it to the browser's preference.
    unstated = client.get(
        "/_dash-layout",
        headers={"Referer": "http://localhost/?country=LAO", "Accept-Language": "ja"},
    )
    assert stored_language(unstated.json) == "ja"
    # Only the layout reads the referrer: a page is in the language of its own URL.
    page = client.get("/", headers={"Referer": "http://localhost/?lang=vi"})
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_catalog_files_are_where_the_translators_expect_them():
    for lang in LANGUAGES[1:]:
        path = Path(LOCALES_DIR, lang, "LC_MESSAGES", "messages.po")
        assert path.is_file()
        assert f'"Language: {lang}\\n"' in path.read_text(encoding="utf-8")

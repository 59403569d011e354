"""The documented columns of a project list, and how the headers staff write map onto them.

Staff keep project lists in Japanese or English, typed by hand, so a header is recognised
whatever its case, surrounding spaces, full-width or half-width form (NFKC), spaces, ``_``, ``-``
or ``.`` inside, a required-field mark (``*``, ``※``, ``(必須)``) and a trailing unit
(``事業費（千円）``, ``Budget (JPY)``, ``budget_yen``). The unit is not thrown away: it is read
by :func:`header_unit`, because ``18,431`` under ``事業費（千円）`` is 18,431,000 yen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")  # kana and kanji


@dataclass(frozen=True)
class Column:
    """One column: ``header`` is written on export, ``aliases`` are also accepted on import."""

    key: str
    header: str
    aliases: tuple[str, ...]
    description: str

    @property
    def aliases_ja(self) -> tuple[str, ...]:
        """The Japanese headers accepted (for the template documentation)."""
        return tuple(alias for alias in self.aliases if _JAPANESE.search(alias))


# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("id", "ID",
           ("id", "project id", "project no", "project number", "案件番号", "案件ID", "案件No",
            "案件コード", "整理番号", "管理番号", "mã dự án",
            "mã"),
           "A short identifier of the project, unique in the list (e.g. VN12)."),
    Column("title_en", "Title (English)",
           ("title_en", "title", "english title", "title in english", "project title",
            "project name", "project title (english)", "案件名（英語）", "英文案件名",
            "案件名（英文）", "英語案件名", "英文名", "tên dự án (tiếng anh)"),
           "The project's title in English."),
    Column("title_ja", "Title (Japanese)",
           ("title_ja", "japanese title", "title in japanese", "project title (japanese)",
            "案件名", "案件名（日本語）", "和文案件名", "日本語案件名", "事業名", "プロジェクト名",
            "tên dự án (tiếng nhật)"),
           "The project's title in Japanese (案件名)."),
    Column("title_local", "Title (local language)",
           ("title_local", "local title", "title in local language", "title (local)",
            "案件名（現地語）", "現地語案件名", "現地語名", "tên dự án (tiếng địa phương)"),
           "The project's title in the language of the country, if it has one."),
    Column("country", "Country",
           ("country", "countries", "country name", "対象国", "対象国名", "国", "国名",
            "国・地域", "相手国", "実施国", "quốc gia"),
           "The country, by name (English, Japanese or local) or ISO code; several "
           "separated by ';'."),
    Column("provinces", "Provinces",
           ("provinces", "province", "admin1", "target province", "target provinces",
            "target area", "対象地域", "対象州", "対象省", "対象県", "省", "州", "実施地域",
            "tỉnh",
            "省・州", "tỉnh/thành phố"),
           "The first-level units (province, state, region) the project works in, by name or "
           "ISO 3166-2 code; several separated by ';' or '、'; 'country-wide' when only the "
           "country is known."),
    Column("places", "Places",
           ("places", "place", "site", "sites", "location", "locations", "city", "town",
            "実施場所", "実施サイト", "サイト", "対象サイト", "場所", "地名", "対象都市", "都市",
            "địa điểm"),
           "Cities, towns or sites named by the source, in the same order as the provinces."),
    Column("lon", "Longitude",
           ("lon", "lng", "long", "longitude", "x", "経度", "kinh độ"),
           "Longitude of each site in decimal degrees (WGS 84), in the order of the provinces."),
    Column("lat", "Latitude",
           ("lat", "latitude", "y", "緯度", "vĩ độ"),
           "Latitude of each site in decimal degrees (WGS 84), in the order of the provinces."),
    Column("precision", "Location precision",
           ("precision", "location precision", "geographic precision", "位置精度", "精度",
           "độ chính xác vị trí"),
           "IATI geographical precision of each site: 2 a city or site, 3 a district, "
           "4 a province, 6 the country."),
    Column("proposer", "Proposing organisation",
           ("proposer", "proposing organisation", "proposing organization", "proposing body",
            "提案団体", "提案団体名", "団体名", "提案者", "tổ chức đề xuất"),
           "The Japanese organisation that proposed the project (提案団体)."),
    Column("implementer", "Implementing organisation",
           ("implementer", "implementing organisation", "implementing organization",
            "実施団体", "実施団体名", "tổ chức thực hiện"),
           "The Japanese organisation that implements it (実施団体), if not the proposer."),
    Column("partners", "Partners",
           ("partners", "partner", "partner organisations", "partner organizations",
            "japanese partners", "協力団体", "連携団体", "共同実施団体", "パートナー", "đối tác",
            "日本側団体"),
           "Every Japanese partner organisation, separated by ';' (their Japanese names, types "
           "and roles go in the next three columns, in the same order)."),
    Column("partner_names_ja", "Partner names (Japanese)",
           ("partner_names_ja", "partner names (japanese)", "partners (japanese)",
            "団体名（日本語）", "パートナー名（日本語）", "協力団体名（日本語）",
            "tên đối tác (tiếng nhật)"),
           "The partners' names in Japanese, separated by ';', in the order of Partners."),
    Column("partner_types", "Partner types",
           ("partner_types", "partner type", "organisation type", "organization type",
            "団体種別", "団体の種類", "団体区分", "団体種類", "loại đối tác"),
           "Type of each partner: NGO, university, local government, public corporation or "
           "private company (or in Japanese, e.g. 大学・研究機関), separated by ';'."),
    Column("partner_roles", "Partner roles",
           ("partner_roles", "partner role", "role", "roles", "役割", "団体の役割",
           "vai trò đối tác"),
           "Role of each partner: proposer, implementer or cooperating (提案団体, 実施団体, "
           "協力団体), separated by ';'."),
    Column("scheme", "Scheme",
           ("scheme", "jpp scheme", "jpp type", "type of jpp", "形態", "事業形態", "スキーム",
            "事業区分", "協力形態", "案件種別", "hình thức",
            "loại hình"),
           "The JPP scheme: Partner, Support, Local Government or Regional Revitalization "
           "(草の根パートナー型, 草の根協力支援型, 地域提案型, 地域活性化特別枠)."),
    Column("fields", "Fields",
           ("fields", "field", "sector", "sectors", "分野", "協力分野", "課題分野", "セクター",
           "lĩnh vực"),
           "The fields of cooperation, e.g. water, health, education; several separated by ';'."),
    Column("period", "Period",
           ("period", "project period", "implementation period", "cooperation period",
            "実施期間", "協力期間", "事業期間", "期間", "thời gian thực hiện",
            "thời gian"),
           "Start and end in one cell, e.g. 2016年2月～2019年2月 or FY2014-FY2016 "
           "(instead of Start and End)."),
    Column("start", "Start",
           ("start", "start date", "starting date", "開始", "開始日", "開始時期", "開始年月",
            "開始年月日", "開始年度", "協力開始", "事業開始", "bắt đầu"),
           "When the project started, as precisely as known: 2016-02-01, 2016-02, 2016年2月, "
           "FY2014, 平成26年度, H26."),
    Column("end", "End",
           ("end", "end date", "ending date", "終了", "終了日", "終了時期",
            "終了年月", "終了年月日", "終了年度", "終了予定", "協力終了", "事業終了", "kết thúc"),
           "When the project ended or is to end, as precisely as known (like Start)."),
    Column("budget", "Budget (JPY)",
           ("budget", "amount", "cost", "project cost", "total budget", "contract amount",
            "事業費", "概算事業費", "契約金額", "契約額", "金額", "予算", "総事業費", "事業規模",
            "事業予算", "ngân sách"),
           "The project's budget in yen, e.g. 57,113,000; a unit in the header or the cell "
           "counts (事業費（千円）, 18,431千円, 45百万円)."),
    Column("budget_kind", "Budget kind",
           ("budget_kind", "budget kind", "budget type", "kind of budget", "金額の種類",
            "金額種別", "事業費の種類", "事業費種別", "loại ngân sách"),
           "What the amount is: contract, estimate, stated, approximate, partial (one year "
           "only) or upper_bound."),
    Column("budget_text", "Budget (source's wording)",
           ("budget_text", "budget wording", "budget as stated", "budget (as stated)",
            "事業費（原文）", "事業費の原文", "ngân sách (nguyên văn)"),
           "The budget as the source words it (e.g. 約5,000万円); kept beside the amount, "
           "which Budget (JPY) gives as a number."),
    Column("status", "Status",
           ("status", "project status", "状況", "状態", "進捗", "進捗状況", "実施状況",
            "案件状況", "ステータス", "tình trạng"),
           "Only needed for cancelled or suspended projects (中止, 中断); otherwise the status "
           "comes from the dates."),
    Column("sources", "Sources",
           ("sources", "source", "url", "urls", "link", "links", "reference", "references",
            "出典", "情報源", "出典URL", "参照", "参照URL", "参考資料", "リンク", "nguồn"),
           "Where the facts come from: URLs or document names, separated by ';'."),
    Column("notes", "Notes",
           ("notes", "note", "remarks", "comment", "comments", "memo", "備考", "メモ", "注記",
            "コメント", "特記事項", "ghi chú"),
           "Anything worth knowing that has no column of its own."),
    Column("last_updated", "Last updated",
           ("last_updated", "last updated", "updated", "updated on", "date updated",
            "更新日", "最終更新", "最終更新日", "更新日時", "cập nhật lần cuối"),
           "When this row was last checked, e.g. 2024-05-31."),
    Column("not_stated", "Not stated by the source",
           ("not_stated", "not stated by the source", "inferred", "推定項目", "không do nguồn nêu"),
           "Columns whose value was inferred or translated, not stated by the source "
           "(e.g. title_en(tr); sector), separated by ';'."),
    Column("budget_note", "Budget note",
           ("budget_note", "budget note", "事業費備考", "ghi chú ngân sách"),
           "How the budget figure was read, when it needed explaining."),
    Column("geonameids", "GeoNames IDs",
           ("geonameids", "geonameid", "geonames id", "地名ID", "mã geonames"),
           "GeoNames IDs of the named places, one per site, separated by ';'."),
    Column("regions", "Regions",
           ("regions", "region", "広域", "vùng"),
           "The wider area a site's province stands for (e.g. Region III), one per site."),
    Column("location_notes", "Location notes",
           ("location_notes", "location notes", "場所備考", "ghi chú địa điểm"),
           "How each site was read, one line per site."),
    Column("partner_notes", "Partner notes",
           ("partner_notes", "partner notes", "団体備考", "ghi chú đối tác"),
           "How each partner was read, one line per partner."),
)
# What exports add that no record stores: worked out for the export (the status on its "as of"
# date, the 2025 provinces of Viet Nam's current layer). Known to the reader, so that an
# export imports back without a warning, but never read into a record.
DERIVED_COLUMNS: tuple[Column, ...] = (
    Column("status_as_of", "Status on the as-of date",
           ("status_as_of", "status on the as-of date", "derived status", "基準日の状況",
            "tình trạng vào ngày tham chiếu"),
           "Planned, ongoing, completed (or not stated) on the date of the As of column, "
           "worked out from the dates as the map does; not read back."),
    Column("as_of", "As of",
           ("as_of", "as-of date", "基準日", "ngày tham chiếu"),
           "The date the status was worked out for; not read back."),
    Column("provinces_2025", "Provinces (2025)",
           ("provinces_2025", "provinces 2025", "current provinces", "対象地域（2025年）",
            "tỉnh (2025)"),
           "The provinces in force since 1 July 2025 that each site is in (Viet Nam); "
           "not read back: the sites are read from Provinces."),
)
# fmt: on

COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
DERIVED_KEYS = frozenset(column.key for column in DERIVED_COLUMNS)
EXPORT_COLUMN_BY_KEY: dict[str, Column] = {
    column.key: column for column in (*COLUMNS, *DERIVED_COLUMNS)
}

# A unit is a multiplier and a currency, in either order: 千円, thousand yen, JPY '000, ¥ million.
_MULTIPLIERS: dict[str, int] = {
    "": 1,
    "千": 1_000,
    "万": 10_000,
    "百万": 1_000_000,
    "億": 100_000_000,
    "thousand": 1_000,
    "thousands": 1_000,
    "1000": 1_000,
    "000": 1_000,
    "'000": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
}
_CURRENCIES = ("円", "yen", "jpy", "¥")
_UNIT_PREFIX = re.compile(r"^(?:単位|unit|in)[:\s]*")
_TRAILING_BRACKET = re.compile(r"^(.*?)\s*[(\[【]([^()\[\]【】]*)[)\]】]$")
_TRAILING_TOKEN = re.compile(r"^(.*?)[\s_]+(\S+)$")
_REQUIRED_MARKS = re.compile(r"^[*※]+|[*※]+$|[(\[【](?:必須|任意|required|optional)[)\]】]")
_IGNORED_CHARACTERS = re.compile(r"[\s_\-.:]+")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _unit_multiplier(text: str) -> int | None:
    """'千円' -> 1000, 'JPY' -> 1, 'thousand yen' -> 1000; None when the text is no unit."""
    unit = _UNIT_PREFIX.sub("", _nfkc(text)).replace(",", "").replace(" ", "")
    for currency in _CURRENCIES:
        for rest in (unit.removeprefix(currency), unit.removesuffix(currency)):
            if rest != unit and rest in _MULTIPLIERS:
                return _MULTIPLIERS[rest]
    return None


def _without_marks(header: str) -> str:
    return _REQUIRED_MARKS.sub("", _nfkc(header)).strip()


def _split_unit(header: str) -> tuple[str, int] | None:
    """('事業費', 1000) for '事業費（千円）', ('budget', 1) for 'budget_yen'; None if no unit."""
    text = _without_marks(header)
    for pattern in (_TRAILING_BRACKET, _TRAILING_TOKEN):
        match = pattern.match(text)
        if match and match.group(1):
            multiplier = _unit_multiplier(match.group(2))
            if multiplier is not None:
                return match.group(1), multiplier
    return None


def header_key(header: str) -> str:
    """The comparable form of a header: '案件名（英語）' and '案件名(英語)' are the same."""
    return _IGNORED_CHARACTERS.sub("", _without_marks(header))


def _alias_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in (*COLUMNS, *DERIVED_COLUMNS):
        for alias in (column.key, column.header, *column.aliases):
            key = header_key(alias)
            if index.setdefault(key, column) is not column:
                raise ValueError(
                    f"header {alias!r} is claimed by {index[key].key} and {column.key}"
                )
    return index


_BY_ALIAS = _alias_index()


def column_for(header: str) -> Column | None:
    """The column a header names, or None: the caller then warns that the column is ignored."""
    if not isinstance(header, str):
        return None
    found = _BY_ALIAS.get(header_key(header))
    if found is None and (split := _split_unit(header)) is not None:
        found = _BY_ALIAS.get(header_key(split[0]))
    return found


def header_unit(header: str) -> int | None:
    """The multiplier a header states: '事業費（千円）' -> 1000, 'Budget (JPY)' -> 1, 'Budget' ->
    None. None means the header states no unit (amounts are then read as yen or as the cell
    says)."""
    split = _split_unit(header) if isinstance(header, str) else None
    return split[1] if split else None

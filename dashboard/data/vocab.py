"""Controlled vocabularies, aligned with IATI and the OECD DAC.

Keys are stable identifiers used in data files, URLs and the API; labels are for people.
Every vocabulary is a tuple of ``Term`` so that order (for legends and filters) is explicit.

A term's English label is a gettext message: ``make messages`` extracts the second argument
of every ``Term(...)`` call, and its Japanese and Vietnamese translations live in the
catalogs (``dashboard/i18n/locales``), where a translator edits them with a PO editor.
``Translator.term`` shows them. Reading is apart from showing: ``names`` are the other
spellings that staff spreadsheets and the research table use (the Japanese and Vietnamese
labels among them), fixed here so that a reworded translation never stops an old
spreadsheet being read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    label_en: str  # shown; the msgid of its translations (keep it the second argument)
    names: tuple[str, ...] = ()  # other spellings read in spreadsheets: Japanese, Vietnamese
    codes: tuple[str, ...] = ()  # DAC purpose codes, IATI codes, …


FIELDS: tuple[Term, ...] = (
    Term(
        "water",
        "Water supply & sanitation",
        names=("水・衛生", "Cấp nước & vệ sinh"),
        codes=("140",),
    ),
    Term(
        "disaster",
        "Disaster risk reduction",
        names=("防災", "Giảm nhẹ rủi ro thiên tai"),
        codes=("740", "43060"),
    ),
    Term(
        "agriculture",
        "Agriculture & rural development",
        names=("農業・農村開発", "Nông nghiệp & phát triển nông thôn"),
        codes=("311", "313", "43040"),
    ),
    Term(
        "health",
        "Health & medical care",
        names=("保健・医療", "Y tế"),
        codes=("121", "122", "123", "130"),
    ),
    Term(
        "environment",
        "Environmental management & waste",
        names=("環境管理・廃棄物", "Quản lý môi trường & chất thải"),
        codes=("410", "14050"),
    ),
    Term(
        "industry",
        "Industrial & vocational human resources",
        names=("産業・職業人材育成", "Phát triển nhân lực công nghiệp & nghề"),
        codes=("321", "250", "11330"),
    ),
    Term("education", "Education", names=("教育", "Giáo dục"), codes=("111", "112", "113", "114")),
    Term(
        "social_welfare",
        "Social welfare: disability, elderly and child care",
        names=("社会福祉（障害・高齢者・児童）", "Phúc lợi xã hội"),
        codes=("160",),
    ),
    Term(
        "tourism_culture",
        "Tourism & cultural heritage",
        names=("観光・文化遺産", "Du lịch & di sản văn hóa"),
        codes=("332", "16061"),
    ),
    Term(
        "governance",
        "Governance & peacebuilding",
        names=("ガバナンス・平和構築", "Quản trị & xây dựng hòa bình"),
        codes=("151", "152"),
    ),
)

PARTNER_TYPES: tuple[Term, ...] = (
    Term("ngo", "NGO / CSO", names=("NGO・市民団体", "Tổ chức phi chính phủ"), codes=("21", "22")),
    Term(
        "university",
        "University or research institute",
        names=("大学・研究機関", "Đại học, viện nghiên cứu"),
        codes=("80",),
    ),
    Term(
        "local_government",
        "Local government",
        names=("地方自治体", "Chính quyền địa phương"),
        codes=("11",),
    ),
    Term(
        "public_corporation",
        "Public-interest corporation or foundation",
        names=("公益法人・財団", "Pháp nhân công ích, quỹ"),
        codes=("15", "60"),
    ),
    Term(
        "private", "Private company", names=("民間企業", "Doanh nghiệp tư nhân"), codes=("70", "71")
    ),
)

# Budget and duration caps per scheme; caps changed over time, so exceeding one is a warning.
SCHEMES: tuple[Term, ...] = (
    Term("partner", "Partner Type", names=("草の根パートナー型", "Loại hình Đối tác")),
    Term("support", "Support Type", names=("草の根協力支援型", "Loại hình Hỗ trợ")),
    Term(
        "local_government",
        "Local Government Type",
        names=("地域提案型", "Loại hình Địa phương đề xuất"),
    ),
    Term(
        "regional_revitalization",
        "Regional Revitalization",
        names=("地域活性化特別枠", "Khung đặc biệt Thúc đẩy kinh tế địa phương"),
    ),
)

SCHEME_BUDGET_CAP_YEN: dict[str, int] = {
    "partner": 100_000_000,
    "support": 10_000_000,
    "local_government": 30_000_000,
    "regional_revitalization": 60_000_000,
}
SCHEME_DURATION_CAP_YEARS: dict[str, int] = {
    "partner": 5,
    "support": 3,
    "local_government": 3,
    "regional_revitalization": 3,
}
PROGRAMME_BUDGET_CAP_YEN = 100_000_000
PROGRAMME_DURATION_CAP_YEARS = 5

# IATI ActivityStatus; "unknown" is ours: the dates do not tell.
STATUSES: tuple[Term, ...] = (
    Term("planned", "Planned", names=("実施予定", "Dự kiến"), codes=("1",)),
    Term("ongoing", "Ongoing", names=("実施中", "Đang thực hiện"), codes=("2",)),
    Term("completed", "Completed", names=("終了", "Đã hoàn thành"), codes=("3", "4")),
    Term("cancelled", "Cancelled", names=("中止", "Đã hủy"), codes=("5",)),
    Term("suspended", "Suspended", names=("中断", "Tạm dừng"), codes=("6",)),
    Term("unknown", "Not stated", names=("記載なし", "Không nêu")),
)
EXPLICIT_STATUSES = frozenset({"cancelled", "suspended"})

PARTNER_ROLES: tuple[Term, ...] = (
    Term("proposer", "Proposing organisation", names=("提案団体", "Tổ chức đề xuất")),
    Term("implementer", "Implementing organisation", names=("実施団体", "Tổ chức thực hiện")),
    Term("cooperating", "Cooperating organisation", names=("協力団体", "Tổ chức hợp tác")),
)

# IATI GeographicalPrecision codes used here.
PRECISIONS: dict[int, str] = {
    1: "exact",
    2: "near exact (city or site)",
    3: "district",
    4: "province",
    6: "country-wide",
}

# Countries with projects: research-table name -> ISO 3166-1 alpha-3, names.
COUNTRIES: tuple[Term, ...] = (
    Term(
        "VNM",
        "Viet Nam",
        names=("ベトナム", "Việt Nam"),
        codes=("Viet Nam", "Vietnam", "ヴェトナム"),
    ),
    Term("PHL", "Philippines", names=("フィリピン",), codes=("Philippines",)),
    Term(
        "LAO",
        "Lao PDR",
        names=("ラオス", "Lào"),
        codes=("Lao PDR", "Laos", "Lao People's Democratic Republic", "ラオス人民民主共和国"),
    ),
    Term("KHM", "Cambodia", names=("カンボジア", "Campuchia"), codes=("Cambodia",)),
    Term("IDN", "Indonesia", names=("インドネシア",), codes=("Indonesia",)),
    Term("THA", "Thailand", names=("タイ", "Thái Lan"), codes=("Thailand",)),
    Term("MYS", "Malaysia", names=("マレーシア",), codes=("Malaysia",)),
    Term(
        "TLS",
        "Timor-Leste",
        names=("東ティモール", "Đông Timor"),
        codes=("Timor-Leste", "East Timor", "東チモール", "ティモール・レステ"),
    ),
    Term("MNG", "Mongolia", names=("モンゴル", "Mông Cổ"), codes=("Mongolia",)),
    Term("CHN", "China", names=("中国", "Trung Quốc"), codes=("China",)),
    Term("NPL", "Nepal", names=("ネパール",), codes=("Nepal",)),
    Term("BTN", "Bhutan", names=("ブータン",), codes=("Bhutan",)),
    Term("IND", "India", names=("インド", "Ấn Độ"), codes=("India",)),
    Term("BGD", "Bangladesh", names=("バングラデシュ",), codes=("Bangladesh",)),
    Term("LKA", "Sri Lanka", names=("スリランカ",), codes=("Sri Lanka",)),
    Term("WSM", "Samoa", names=("サモア",), codes=("Samoa",)),
    Term("FJI", "Fiji", names=("フィジー",), codes=("Fiji",)),
    Term("VUT", "Vanuatu", names=("バヌアツ",), codes=("Vanuatu",)),
    Term("ZMB", "Zambia", names=("ザンビア",), codes=("Zambia",)),
    Term("MWI", "Malawi", names=("マラウイ",), codes=("Malawi",)),
    Term("MOZ", "Mozambique", names=("モザンビーク",), codes=("Mozambique",)),
    Term("ZAF", "South Africa", names=("南アフリカ", "Nam Phi"), codes=("South Africa",)),
    Term("HND", "Honduras", names=("ホンジュラス",), codes=("Honduras",)),
    Term("SLV", "El Salvador", names=("エルサルバドル",), codes=("El Salvador",)),
    Term("PRY", "Paraguay", names=("パラグアイ",), codes=("Paraguay",)),
    Term("BOL", "Bolivia", names=("ボリビア",), codes=("Bolivia", "ボリビア多民族国")),
    Term("BRA", "Brazil", names=("ブラジル", "Brasil"), codes=("Brazil", "Brasil")),
    Term("MEX", "Mexico", names=("メキシコ",), codes=("Mexico", "México")),
)

# The vocabularies by the name a download's words go under (``exchange.convert.Labels``).
VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "fields": FIELDS,
    "partner_types": PARTNER_TYPES,
    "schemes": SCHEMES,
    "statuses": STATUSES,
    "partner_roles": PARTNER_ROLES,
    "countries": COUNTRIES,
}


def keys(vocabulary: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.key for term in vocabulary)


def term(vocabulary: tuple[Term, ...], key: str) -> Term:
    for candidate in vocabulary:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def country_code(name: str) -> str:
    """ISO alpha-3 for a country name as the research table writes it."""
    wanted = name.strip().casefold()
    for country in COUNTRIES:
        if wanted in {alias.casefold() for alias in country.codes} | {country.key.casefold()}:
            return country.key
    raise KeyError(name)

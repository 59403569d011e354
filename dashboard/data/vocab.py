"""Controlled vocabularies, aligned with IATI and the OECD DAC.

Keys are stable identifiers used in data files, URLs and the API; labels are for people.
Every vocabulary is a tuple of ``Term`` so that order (for legends and filters) is explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    key: str
    label_en: str
    label_ja: str
    label_vi: str = ""
    codes: tuple[str, ...] = field(default=())  # DAC purpose codes, IATI codes, …


FIELDS: tuple[Term, ...] = (
    Term("water", "Water supply & sanitation", "水・衛生", "Cấp nước & vệ sinh", ("140",)),
    Term(
        "disaster", "Disaster risk reduction", "防災", "Giảm nhẹ rủi ro thiên tai", ("740", "43060")
    ),
    Term(
        "agriculture",
        "Agriculture & rural development",
        "農業・農村開発",
        "Nông nghiệp & phát triển nông thôn",
        ("311", "313", "43040"),
    ),
    Term("health", "Health & medical care", "保健・医療", "Y tế", ("121", "122", "123", "130")),
    Term(
        "environment",
        "Environmental management & waste",
        "環境管理・廃棄物",
        "Quản lý môi trường & chất thải",
        ("410", "14050"),
    ),
    Term(
        "industry",
        "Industrial & vocational human resources",
        "産業・職業人材育成",
        "Phát triển nhân lực công nghiệp & nghề",
        ("321", "250", "11330"),
    ),
    Term("education", "Education", "教育", "Giáo dục", ("111", "112", "113", "114")),
    Term(
        "social_welfare",
        "Social welfare: disability, elderly and child care",
        "社会福祉（障害・高齢者・児童）",
        "Phúc lợi xã hội",
        ("160",),
    ),
    Term(
        "tourism_culture",
        "Tourism & cultural heritage",
        "観光・文化遺産",
        "Du lịch & di sản văn hóa",
        ("332", "16061"),
    ),
    Term(
        "governance",
        "Governance & peacebuilding",
        "ガバナンス・平和構築",
        "Quản trị & xây dựng hòa bình",
        ("151", "152"),
    ),
)

PARTNER_TYPES: tuple[Term, ...] = (
    Term("ngo", "NGO / CSO", "NGO・市民団体", "Tổ chức phi chính phủ", ("21", "22")),
    Term(
        "university",
        "University or research institute",
        "大学・研究機関",
        "Đại học, viện nghiên cứu",
        ("80",),
    ),
    Term("local_government", "Local government", "地方自治体", "Chính quyền địa phương", ("11",)),
    Term(
        "public_corporation",
        "Public-interest corporation or foundation",
        "公益法人・財団",
        "Pháp nhân công ích, quỹ",
        ("15", "60"),
    ),
    Term("private", "Private company", "民間企業", "Doanh nghiệp tư nhân", ("70", "71")),
)

# Budget and duration caps per scheme; caps changed over time, so exceeding one is a warning.
SCHEMES: tuple[Term, ...] = (
    Term("partner", "Partner Type", "草の根パートナー型", "Loại hình Đối tác"),
    Term("support", "Support Type", "草の根協力支援型", "Loại hình Hỗ trợ"),
    Term("local_government", "Local Government Type", "地域提案型", "Loại hình Địa phương đề xuất"),
    Term(
        "regional_revitalization",
        "Regional Revitalization",
        "地域活性化特別枠",
        "Khung đặc biệt Thúc đẩy kinh tế địa phương",
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
    Term("planned", "Planned", "実施予定", "Dự kiến", ("1",)),
    Term("ongoing", "Ongoing", "実施中", "Đang thực hiện", ("2",)),
    Term("completed", "Completed", "終了", "Đã hoàn thành", ("3", "4")),
    Term("cancelled", "Cancelled", "中止", "Đã hủy", ("5",)),
    Term("suspended", "Suspended", "中断", "Tạm dừng", ("6",)),
    Term("unknown", "Not stated", "記載なし", "Không nêu"),
)
EXPLICIT_STATUSES = frozenset({"cancelled", "suspended"})

PARTNER_ROLES: tuple[Term, ...] = (
    Term("proposer", "Proposing organisation", "提案団体", "Tổ chức đề xuất"),
    Term("implementer", "Implementing organisation", "実施団体", "Tổ chức thực hiện"),
    Term("cooperating", "Cooperating organisation", "協力団体", "Tổ chức hợp tác"),
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
    Term("VNM", "Viet Nam", "ベトナム", "Việt Nam", ("Viet Nam", "Vietnam", "ヴェトナム")),
    Term("PHL", "Philippines", "フィリピン", "Philippines", ("Philippines",)),
    Term(
        "LAO",
        "Lao PDR",
        "ラオス",
        "Lào",
        ("Lao PDR", "Laos", "Lao People's Democratic Republic", "ラオス人民民主共和国"),
    ),
    Term("KHM", "Cambodia", "カンボジア", "Campuchia", ("Cambodia",)),
    Term("IDN", "Indonesia", "インドネシア", "Indonesia", ("Indonesia",)),
    Term("THA", "Thailand", "タイ", "Thái Lan", ("Thailand",)),
    Term("MYS", "Malaysia", "マレーシア", "Malaysia", ("Malaysia",)),
    Term(
        "TLS",
        "Timor-Leste",
        "東ティモール",
        "Đông Timor",
        ("Timor-Leste", "East Timor", "東チモール", "ティモール・レステ"),
    ),
    Term("MNG", "Mongolia", "モンゴル", "Mông Cổ", ("Mongolia",)),
    Term("CHN", "China", "中国", "Trung Quốc", ("China",)),
    Term("NPL", "Nepal", "ネパール", "Nepal", ("Nepal",)),
    Term("BTN", "Bhutan", "ブータン", "Bhutan", ("Bhutan",)),
    Term("IND", "India", "インド", "Ấn Độ", ("India",)),
    Term("BGD", "Bangladesh", "バングラデシュ", "Bangladesh", ("Bangladesh",)),
    Term("LKA", "Sri Lanka", "スリランカ", "Sri Lanka", ("Sri Lanka",)),
    Term("WSM", "Samoa", "サモア", "Samoa", ("Samoa",)),
    Term("FJI", "Fiji", "フィジー", "Fiji", ("Fiji",)),
    Term("VUT", "Vanuatu", "バヌアツ", "Vanuatu", ("Vanuatu",)),
    Term("ZMB", "Zambia", "ザンビア", "Zambia", ("Zambia",)),
    Term("MWI", "Malawi", "マラウイ", "Malawi", ("Malawi",)),
    Term("MOZ", "Mozambique", "モザンビーク", "Mozambique", ("Mozambique",)),
    Term("ZAF", "South Africa", "南アフリカ", "Nam Phi", ("South Africa",)),
    Term("HND", "Honduras", "ホンジュラス", "Honduras", ("Honduras",)),
    Term("SLV", "El Salvador", "エルサルバドル", "El Salvador", ("El Salvador",)),
    Term("PRY", "Paraguay", "パラグアイ", "Paraguay", ("Paraguay",)),
    Term("BOL", "Bolivia", "ボリビア", "Bolivia", ("Bolivia", "ボリビア多民族国")),
    Term("BRA", "Brazil", "ブラジル", "Brasil", ("Brazil", "Brasil")),
    Term("MEX", "Mexico", "メキシコ", "Mexico", ("Mexico", "México")),
)


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

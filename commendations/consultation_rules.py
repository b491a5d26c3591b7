"""Which awards the law requires to be shown to the public for comment before they are
considered, for how many working days, and from which text (issue #16, part 5).

Every row is data with its source: the article and clause, the decree's validity (Nghị định
98/2023/NĐ-CP until 30/6/2025, Nghị định 152/2025/NĐ-CP from 1/7/2025) and a public page where
the article is quoted or applied. ``article_checked`` is False where the article was read only
as applied to a neighbouring award (the page is named), not in the decree's own text: the
administrator checks it against the original (Django admin) before relying on it.

Rows are created once by code and date (``consultation_rules_load``, called by the data
migration); an administrator's edits are kept.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND98 = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
ND152 = "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
ND98_FROM, ND98_UNTIL = datetime.date(2024, 1, 1), datetime.date(2025, 6, 30)
ND152_FROM = datetime.date(2025, 7, 1)

# The public pages read (12/2026) that quote or apply the articles; each names its original.
MOIT_2024 = "https://vietnam.vn/?p=1196536"  # Bộ Công Thương, 26/11/2024 (moit.gov.vn)
QDND_2025 = ("https://thongtin.vietnam.vn/xin-y-kien-xet-phong-tang-danh-hieu-anh-hung-luc-luong-"
             "vu-trang-nhan-dan")  # Báo Quân đội nhân dân, 8/2025 (qdnd.vn)
MOHA_2025 = ("https://societynewstech.com/bonoivu/tin-tuc-hoat-dong/lay-y-kien-nhan-dan-doi-voi-"
             "ca-nhan-de-nghi-tang-danh-hieu-anh-hung-lao-dong-thoi-ky-doi-moi.html")  # Bộ Nội vụ

ND98_46_2 = (f"Khoản 2 Điều 46 {ND98} (hướng dẫn khoản 5 Điều 84 {LAW}): người có thẩm quyền đề "
             "nghị xét tặng huân chương, danh hiệu vinh dự nhà nước công khai danh sách cá nhân, "
             "tập thể trên phương tiện truyền thông của bộ, ban, ngành, tỉnh ít nhất 10 ngày làm "
             "việc trước khi họp Hội đồng Thi đua – Khen thưởng.")
ND98_46_2_CSTD = (ND98_46_2 + " Danh hiệu “Chiến sĩ thi đua toàn quốc” được Bộ Công Thương "
                  "công khai cùng danh sách (11/2024); khoản 2 chỉ nêu huân chương và danh hiệu "
                  "vinh dự nhà nước: cần đối chiếu văn bản gốc.")
ND152_44_2 = (f"Khoản 2 Điều 44 {ND152}: công khai danh sách đề nghị để lấy ý kiến của tổ chức, "
              "cá nhân trong 10 ngày làm việc (áp dụng cho danh hiệu Anh hùng Lực lượng vũ trang "
              f"nhân dân, 8/2025); Bộ Nội vụ lấy ý kiến nhân dân 10 ngày làm việc theo khoản 3 "
              f"Điều 60 {ND152}.")
ND152_44_2_OTHER = (ND152_44_2 + " Việc áp dụng cho hình thức này chưa đối chiếu với văn bản "
                    "gốc.")
ND98_46_1 = (f"Khoản 1 Điều 46 {ND98}: Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương) đăng "
             "tải để lấy ý kiến nhân dân trong 10 ngày làm việc đối với cá nhân, tập thể đề nghị "
             "tặng danh hiệu Anh hùng.")


@dataclass(frozen=True)
class RuleEntry:
    award_code: str
    award_name: str
    days: int  # working days
    valid_from: datetime.date
    valid_until: datetime.date | None
    source: str
    source_url: str
    article_checked: bool


HUAN_CHUONG = (
    ("huan_chuong_doc_lap_hang_nhat", "Huân chương Độc lập hạng Nhất"),
    ("huan_chuong_doc_lap_hang_nhi", "Huân chương Độc lập hạng Nhì"),
    ("huan_chuong_doc_lap_hang_ba", "Huân chương Độc lập hạng Ba"),
    ("huan_chuong_lao_dong_hang_nhat", "Huân chương Lao động hạng Nhất"),
    ("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì"),
    ("huan_chuong_lao_dong_hang_ba", "Huân chương Lao động hạng Ba"),
)
ANH_HUNG = (
    ("anh_hung_lao_dong", "Anh hùng Lao động"),
    ("anh_hung_llvtnd", "Anh hùng Lực lượng vũ trang nhân dân"),
)
CSTD_TOAN_QUOC = ("chien_si_thi_dua_toan_quoc", "Chiến sĩ thi đua toàn quốc")


def _entries() -> tuple[RuleEntry, ...]:
    rows = []
    for code, name in HUAN_CHUONG:
        rows.append(RuleEntry(code, name, 10, ND98_FROM, ND98_UNTIL, ND98_46_2, MOIT_2024, True))
        rows.append(RuleEntry(code, name, 10, ND152_FROM, None, ND152_44_2_OTHER, QDND_2025,
                              False))
    for code, name in ANH_HUNG:
        rows.append(RuleEntry(code, name, 10, ND98_FROM, ND98_UNTIL, ND98_46_2 + " " + ND98_46_1,
                              MOHA_2025, True))
        checked = code == "anh_hung_llvtnd"
        rows.append(RuleEntry(code, name, 10, ND152_FROM, None,
                              ND152_44_2 if checked else ND152_44_2_OTHER, QDND_2025, checked))
    code, name = CSTD_TOAN_QUOC
    rows.append(RuleEntry(code, name, 10, ND98_FROM, ND98_UNTIL, ND98_46_2_CSTD, MOIT_2024, False))
    rows.append(RuleEntry(code, name, 10, ND152_FROM, None, ND152_44_2_OTHER, QDND_2025, False))
    return tuple(rows)


RULES: tuple[RuleEntry, ...] = _entries()


def consultation_rules_load(*, rule_model=None) -> list[str]:
    """Create the shipped rows that are missing (by award code and start date); existing rows
    are left as they are. ``rule_model`` is the historical model in a migration."""
    if rule_model is None:
        from commendations.models import ConsultationRule as rule_model
    have = set(rule_model.objects.values_list("award_code", "valid_from"))
    created = []
    for entry in RULES:
        if (entry.award_code, entry.valid_from) in have:
            continue
        rule_model.objects.create(
            award_code=entry.award_code, award_name=entry.award_name, days=entry.days,
            valid_from=entry.valid_from, valid_until=entry.valid_until, source=entry.source,
            source_url=entry.source_url, article_checked=entry.article_checked)
        created.append(f"{entry.award_code}@{entry.valid_from.isoformat()}")
    return created


def working_days(first: datetime.date, last: datetime.date) -> int:
    """Monday to Friday from ``first`` to ``last``, both counted (as the ministries count "10
    ngày làm việc kể từ ngày ..."). Public holidays are not known here and not subtracted: a
    period over Tết or 2/9 must be made longer by the secretariat (the form says so)."""
    if last < first:
        return 0
    days = (last - first).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if (first + datetime.timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count

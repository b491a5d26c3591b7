"""The national award catalogue that ships with the app: the titles (danh hiệu thi đua) and
forms of award (hình thức khen thưởng) a cluster of provincial departments deals with, each
with its level, whom it goes to, who confers it and its legal source.

Applied by the data migration ``commendations.0004_national_catalogue`` (and by the demo):
entries are created when their ``code`` is missing and never updated afterwards, so an
administrator's edits to a shipped entry (its name, rule, order, "đang dùng") are kept. An entry
whose name an administrator already gave to another code is skipped (names are unique).

Article numbers: ``article_checked`` says whether the article of Luật Thi đua, khen thưởng số
06/2022/QH15 was confirmed against a published reading of the law (a ministry answer or a
legal commentary quoting it); an unchecked number says so in the entry's legal basis. The
implementing decrees are cited without article numbers: Nghị định 152/2025/NĐ-CP for years from
1/7/2025 and Nghị định 98/2023/NĐ-CP before (the criteria articles of each are not confirmed).
The voting thresholds and their sources live in ``commendations.tally.default_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREES = ("quy định chi tiết: Nghị định 152/2025/NĐ-CP (từ 01/7/2025), Nghị định "
           "98/2023/NĐ-CP (trước 01/7/2025)")


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    category: str  # AwardForm.Category
    level: str  # AwardForm.Level
    recipient: str  # AwardForm.Recipient
    conferred_by: str
    article: int  # of Luật Thi đua, khen thưởng 2022
    article_checked: bool
    checked_against: str = ""
    default_rule: str = ""  # a key of tally.default_rules(), or "" (the secretariat enters one)

    @property
    def legal_basis(self) -> str:
        article = f"Điều {self.article} {LAW}"
        if not self.article_checked:
            article += " (số điều chưa đối chiếu với văn bản gốc)"
        return f"{article}; {DECREES}."


GOVERNMENT, MINISTRY, BASE, STATE = "chinh_phu", "bo_tinh", "co_so", "nha_nuoc"
TITLE, FORM = "danh_hieu", "hinh_thuc"
COLLECTIVE, INDIVIDUAL = "tap_the", "ca_nhan"
PM, MINISTER = "Thủ tướng Chính phủ", "Bộ trưởng Bộ Nội vụ"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh, thành phố"
HEAD = "Người đứng đầu cơ quan, đơn vị theo thẩm quyền"
PRESIDENT = "Chủ tịch nước"
LAWNET_25 = ("https://lawnet.vn/en/laws/tap-the-phai-dat-duoc-nhung-tieu-chuan-dieu-kien-nao-de-"
             "duoc-xet-tang-danh-hieu-co-thi-dua-cac-cap-22767.html")
LAODONG_73 = ("https://news.laodong.vn/thoi-su/dieu-kien-de-cong-chuc-cap-tinh-nhan-bang-khen-cua-"
              "thu-tuong-1453321.ldo")
LAODONG_44 = ("https://news.laodong.vn/thoi-su/bo-noi-vu-noi-ve-tieu-chuan-xet-huan-chuong-lao-"
              "dong-hang-ba-1467558.ldo")
LAODONG_21 = ("https://ja.laodong.vn/xa-hoi/1-ca-nhan-o-bac-ninh-duoc-tang-danh-hieu-chien-si-"
              "thi-dua-toan-quoc-1585761.ldo")

# The first six are the demo's entries (same codes and order, so its rules keep working).
CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry("co_chinh_phu", "Cờ thi đua của Chính phủ", TITLE, GOVERNMENT, COLLECTIVE,
                   PM, 25, True, LAWNET_25, default_rule="co_chinh_phu"),
    CatalogueEntry("co_bo_noi_vu", "Cờ thi đua của Bộ Nội vụ", TITLE, MINISTRY, COLLECTIVE,
                   MINISTER, 26, False, default_rule="co_bo_nganh_tinh"),
    CatalogueEntry("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", FORM, GOVERNMENT,
                   COLLECTIVE, PM, 73, True, LAODONG_73, default_rule="bang_khen"),
    CatalogueEntry("bang_khen_bo_truong", "Bằng khen của Bộ trưởng Bộ Nội vụ", FORM, MINISTRY,
                   COLLECTIVE, MINISTER, 74, False, default_rule="bang_khen"),
    CatalogueEntry("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", TITLE, BASE,
                   COLLECTIVE, HEAD, 27, False, default_rule="bang_khen"),
    CatalogueEntry("chien_si_thi_dua", "Chiến sĩ thi đua cấp bộ", TITLE, MINISTRY, INDIVIDUAL,
                   MINISTER, 22, False, default_rule="chien_si_thi_dua"),
    # Further entries: no default rule (the cluster does not vote on them by default).
    CatalogueEntry("co_uy_ban_tinh", "Cờ thi đua của Ủy ban nhân dân cấp tỉnh", TITLE, MINISTRY,
                   COLLECTIVE, PROVINCE_CHAIR, 26, False),
    CatalogueEntry("bang_khen_chu_tich_tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
                   FORM, MINISTRY, COLLECTIVE, PROVINCE_CHAIR, 74, False),
    CatalogueEntry("chien_si_thi_dua_toan_quoc", "Chiến sĩ thi đua toàn quốc", TITLE, GOVERNMENT,
                   INDIVIDUAL, PM, 21, True, LAODONG_21),
    CatalogueEntry("chien_si_thi_dua_tinh", "Chiến sĩ thi đua cấp tỉnh", TITLE, MINISTRY,
                   INDIVIDUAL, PROVINCE_CHAIR, 22, False),
    CatalogueEntry("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", TITLE, BASE, INDIVIDUAL,
                   HEAD, 23, False),
    CatalogueEntry("lao_dong_tien_tien", "Lao động tiên tiến", TITLE, BASE, INDIVIDUAL, HEAD, 24,
                   False),
    CatalogueEntry("giay_khen", "Giấy khen", FORM, BASE, INDIVIDUAL, HEAD, 75, False),
    CatalogueEntry("huan_chuong_lao_dong_hang_nhat", "Huân chương Lao động hạng Nhất", FORM,
                   STATE, COLLECTIVE, PRESIDENT, 42, False),
    CatalogueEntry("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì", FORM, STATE,
                   COLLECTIVE, PRESIDENT, 43, False),
    CatalogueEntry("huan_chuong_lao_dong_hang_ba", "Huân chương Lao động hạng Ba", FORM, STATE,
                   COLLECTIVE, PRESIDENT, 44, True, LAODONG_44),
    CatalogueEntry("huan_chuong_doc_lap_hang_nhat", "Huân chương Độc lập hạng Nhất", FORM, STATE,
                   COLLECTIVE, PRESIDENT, 36, False),
    CatalogueEntry("huan_chuong_doc_lap_hang_nhi", "Huân chương Độc lập hạng Nhì", FORM, STATE,
                   COLLECTIVE, PRESIDENT, 37, False),
    CatalogueEntry("huan_chuong_doc_lap_hang_ba", "Huân chương Độc lập hạng Ba", FORM, STATE,
                   COLLECTIVE, PRESIDENT, 38, False),
)


def catalogue_load(*, award_model=None) -> list[str]:
    """Create the shipped entries that are missing (by code); existing rows are left as they
    are. Returns the codes created. ``award_model`` is the migration's historical model."""
    if award_model is None:
        from commendations.models import AwardForm as award_model
    have_codes = set(award_model.objects.values_list("code", flat=True))
    have_names = set(award_model.objects.values_list("name", flat=True))
    created = []
    for order, entry in enumerate(CATALOGUE, start=1):
        if entry.code in have_codes or entry.name in have_names:
            continue
        award_model.objects.create(
            code=entry.code, name=entry.name, category=entry.category, level=entry.level,
            recipient=entry.recipient, conferred_by=entry.conferred_by,
            legal_basis=entry.legal_basis, default_rule=entry.default_rule, order=order,
            is_active=True, is_illustrative=False)
        created.append(entry.code)
    return created

"""Standards and history conditions of the national award forms that ship with the app, each
with its source and the years of achievement it applies to (issue #16, part 3).

Two regimes: achievements up to 2023 fall under Luật Thi đua, khen thưởng 2003 (sửa đổi 2005,
2013) with Nghị định 91/2017/NĐ-CP; from 2024 under Luật Thi đua, khen thưởng số 06/2022/QH15
(in force 01/01/2024) with Nghị định 98/2023/NĐ-CP, replaced from 01/7/2025 by Nghị định
152/2025/NĐ-CP. Where the article or clause was confirmed against a published reading (a
ministry's answer, a legal commentary quoting it), the source names it plainly; otherwise the
source says "chưa đối chiếu văn bản gốc", and the secretariat checks it before relying on it.

Applied by the data migration ``commendations.0009_eligibility_standards`` and by the demo:
rows are created for an award that has none yet (standards and conditions separately), never
updated afterwards, so the secretariat's and administrators' edits are kept."""

from __future__ import annotations

from dataclasses import dataclass, field

LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
DECREE_91 = "Nghị định 91/2017/NĐ-CP"
DECREES_NEW = ("quy định chi tiết tại Nghị định 98/2023/NĐ-CP (đến 30/6/2025), Nghị định "
               "152/2025/NĐ-CP (từ 01/7/2025)")
UNCHECKED = " (số điều, khoản chưa đối chiếu văn bản gốc)"
LAWNET_25 = ("https://lawnet.vn/en/laws/tap-the-phai-dat-duoc-nhung-tieu-chuan-dieu-kien-nao-de-"
             "duoc-xet-tang-danh-hieu-co-thi-dua-cac-cap-22767.html")
TDKT_TOAAN_25 = "http://tdkt.toaan.gov.vn/portal/page/portal/tdkt/Gioithieu/67987125"
THUKYLUAT_91_11 = ("https://nganhangphapluat.thukyluat.vn/tu-van-phap-luat/bo-may-hanh-chinh/"
                   "danh-hieu-%E2%80%9Cco-thi-dua-cua-chinh-phu%E2%80%9D-co-xet-tang-cho-ca-nhan-"
                   "khong-347814")
BTDKT_65_23 = "http://banthiduakhenthuongtw.gov.vn/traloi/6ca1f7e08dae494f8b0b95f2e9d12906"
LAODONG_73 = ("https://news.laodong.vn/thoi-su/dieu-kien-de-cong-chuc-cap-tinh-nhan-bang-khen-cua-"
              "thu-tuong-1453321.ldo")
LAODONG_44 = ("https://news.laodong.vn/thoi-su/bo-noi-vu-noi-ve-tieu-chuan-xet-huan-chuong-lao-"
              "dong-hang-ba-1467558.ldo")


@dataclass(frozen=True)
class Standard:
    text: str
    source: str
    mandatory: bool = True
    valid_from: int | None = None
    valid_to: int | None = None


@dataclass(frozen=True)
class Condition:
    kind: str  # eligibility.Kind
    years: int
    awards: tuple[str, ...]  # codes of the catalogue
    text: str
    source: str
    mandatory: bool = True
    include_current: bool = False
    valid_from: int | None = None
    valid_to: int | None = None


@dataclass(frozen=True)
class Entry:
    award: str  # code of the catalogue
    standards: tuple[Standard, ...] = ()
    conditions: tuple[Condition, ...] = field(default_factory=tuple)


BK_BO_TINH = ("bang_khen_bo_truong", "bang_khen_chu_tich_tinh")

STANDARDS: tuple[Entry, ...] = (
    Entry("co_chinh_phu", standards=(
        Standard("Là tập thể tiêu biểu xuất sắc dẫn đầu trong số các tập thể đạt tiêu chuẩn Cờ "
                 "thi đua cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương.",
                 f"Khoản 1 Điều 11 {DECREE_91}; Điều 25 {LAW_2003}. {THUKYLUAT_91_11}",
                 valid_to=2023),
        Standard("Có thành tích, hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được "
                 "giao trong năm; là tập thể tiêu biểu xuất sắc trong toàn quốc.",
                 f"Khoản 1 Điều 25 {LAW_2003}. {TDKT_TOAAN_25}", valid_to=2023),
        Standard("Nội bộ đoàn kết, đi đầu trong việc thực hành tiết kiệm, chống lãng phí, "
                 "chống tham nhũng và các tệ nạn xã hội khác.",
                 f"Khoản 3 Điều 25 {LAW_2003}. {TDKT_TOAAN_25}", valid_to=2023),
        Standard("Là tập thể tiêu biểu xuất sắc trong số các tập thể dẫn đầu các cụm, khối thi "
                 "đua do bộ, ban, ngành, tỉnh tổ chức.",
                 f"Khoản 1 Điều 25 {LAW_2022}; {DECREES_NEW}. {LAWNET_25}", valid_from=2024),
        Standard("Có thành tích xuất sắc, hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ "
                 "được giao trong năm.",
                 f"Điểm a khoản 1 Điều 25 {LAW_2022}. {LAWNET_25}", valid_from=2024),
        Standard("Nội bộ đoàn kết; tổ chức đảng, đoàn thể trong sạch, vững mạnh; đi đầu trong "
                 "thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng, tiêu cực và các "
                 "tệ nạn xã hội khác.",
                 f"Điểm b khoản 1 Điều 25 {LAW_2022}. {LAWNET_25}", valid_from=2024),
    )),
    Entry("bang_khen_thu_tuong", standards=(
        Standard("Gương mẫu chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà "
                 "nước; nội bộ đoàn kết.",
                 f"Điều 73 {LAW_2022}; {DECREES_NEW}. {LAODONG_73}"),
        Standard("Có thành tích xuất sắc được bình xét trong các phong trào thi đua do Chủ tịch "
                 "nước, Thủ tướng Chính phủ phát động.",
                 f"Điều 73 {LAW_2022}{UNCHECKED}", mandatory=False, valid_from=2024),
        Standard("05 năm tiếp theo (kể từ Bằng khen cấp bộ, ban, ngành, tỉnh) liên tục hoàn "
                 "thành xuất sắc nhiệm vụ.",
                 f"Điều 73 {LAW_2022}; {DECREES_NEW}. {LAODONG_73}", mandatory=False),
    ), conditions=(
        Condition("min_years_since", 5, BK_BO_TINH,
                  "Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh, 05 năm tiếp theo liên tục "
                  "hoàn thành xuất sắc nhiệm vụ.",
                  f"{DECREE_91}, điều về Bằng khen của Thủ tướng Chính phủ{UNCHECKED}; lời "
                  f"văn như điểm c khoản 1 Điều 23 Nghị định 65/2014/NĐ-CP (với cá nhân). "
                  f"{BTDKT_65_23}", mandatory=False, valid_to=2023),
        Condition("min_years_since", 5, BK_BO_TINH,
                  "Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh, 05 năm tiếp theo liên tục "
                  "hoàn thành xuất sắc nhiệm vụ.",
                  f"Điều 73 {LAW_2022}; {DECREES_NEW}. {LAODONG_73}", mandatory=False,
                  valid_from=2024),
    )),
    Entry("chien_si_thi_dua", standards=(
        Standard("Có sáng kiến (hoặc đề tài, đề án) được áp dụng, có phạm vi ảnh hưởng trong "
                 "bộ, ban, ngành, tỉnh.",
                 f"Điều 22 {LAW_2022}{UNCHECKED}"),
    ), conditions=(
        Condition("title_each_year", 3, ("chien_si_thi_dua_co_so",),
                  "Có thành tích tiêu biểu xuất sắc trong số những cá nhân có ba lần liên tục "
                  "đạt danh hiệu Chiến sĩ thi đua cơ sở.",
                  f"Điều 22 {LAW_2003}{UNCHECKED}", include_current=True, valid_to=2023),
        Condition("title_each_year", 3, ("chien_si_thi_dua_co_so",),
                  "Có thành tích tiêu biểu xuất sắc trong số những cá nhân có 03 lần liên tục "
                  "đạt danh hiệu Chiến sĩ thi đua cơ sở.",
                  f"Điều 22 {LAW_2022}{UNCHECKED}; {DECREES_NEW}", include_current=True,
                  valid_from=2024),
    )),
    Entry("huan_chuong_lao_dong_hang_ba", standards=(
        Standard("05 năm tiếp theo (kể từ Bằng khen của Thủ tướng Chính phủ) liên tục hoàn "
                 "thành xuất sắc nhiệm vụ, trong thời gian đó có 01 lần được tặng Cờ thi đua "
                 "của Chính phủ hoặc Cờ thi đua cấp bộ, ban, ngành, tỉnh.",
                 f"Điều 44 {LAW_2022}{UNCHECKED}. {LAODONG_44}", valid_from=2024),
    ), conditions=(
        Condition("min_years_since", 5, ("bang_khen_thu_tuong",),
                  "Đã được tặng Bằng khen của Thủ tướng Chính phủ, 05 năm tiếp theo liên tục "
                  "hoàn thành xuất sắc nhiệm vụ.",
                  f"Điều 44 {LAW_2022}{UNCHECKED}. {LAODONG_44}", valid_from=2024),
    )),
    Entry("tap_the_lao_dong_xuat_sac", standards=(
        Standard("Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ, thực hiện tốt các nghĩa vụ "
                 "đối với Nhà nước.",
                 f"Điều 27 {LAW_2022}{UNCHECKED}"),
        Standard("Có 100% cá nhân hoàn thành nhiệm vụ, trong đó có ít nhất 70% cá nhân đạt danh "
                 "hiệu Lao động tiên tiến.",
                 f"Điều 27 {LAW_2022}{UNCHECKED}"),
        Standard("Nội bộ đoàn kết, gương mẫu chấp hành chủ trương, chính sách của Đảng, pháp "
                 "luật của Nhà nước.",
                 f"Điều 27 {LAW_2022}{UNCHECKED}"),
    )),
)


def standards_load(*, award_model=None, standard_model=None, condition_model=None
                   ) -> list[str]:
    """Create the shipped standards and conditions of the awards that have none (by code;
    an award missing from the catalogue is skipped). Returns the codes given rows. The
    ``*_model`` arguments are a migration's historical models."""
    if award_model is None:
        from commendations.models import AwardCondition as condition_model
        from commendations.models import AwardForm as award_model
        from commendations.models import AwardStandard as standard_model
    awards = {a.code: a for a in award_model.objects.all()}
    with_standards = set(standard_model.objects.values_list("award_id", flat=True))
    with_conditions = set(condition_model.objects.values_list("award_id", flat=True))
    created = []
    for entry in STANDARDS:
        award = awards.get(entry.award)
        if award is None:
            continue
        touched = False
        if award.pk not in with_standards:
            for order, s in enumerate(entry.standards, start=1):
                standard_model.objects.create(
                    award=award, text=s.text, source=s.source, mandatory=s.mandatory,
                    valid_from_year=s.valid_from, valid_to_year=s.valid_to, order=order)
                touched = True
        if award.pk not in with_conditions:
            for order, c in enumerate(entry.conditions, start=1):
                row = condition_model.objects.create(
                    award=award, kind=c.kind, years=c.years, text=c.text, source=c.source,
                    mandatory=c.mandatory, include_current=c.include_current,
                    valid_from_year=c.valid_from, valid_to_year=c.valid_to, order=order)
                row.required_awards.set([awards[code] for code in c.awards if code in awards])
                touched = True
        if touched:
            created.append(entry.award)
    return created

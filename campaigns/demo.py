"""Demo data of the campaigns app: the seed article's legal bases, the 2022 campaign and the
conference of 24/6/2022 in Huế (real facts, quoted from the article), and an illustrative
criteria tree, labelled as such. Loaded by ``manage.py load_demo`` after ``cluster``;
idempotent: what exists already is left alone.

Notes on the sources:
- The article's opening speech calls 1237/BNV-VP a "Kế hoạch"; its first paragraph (and the
  ministry) call it a Công văn, which the summary below uses.
- The article gives the day and place of the conference, not the hour: 08:00 is assumed.
- Milestones other than the conference of 24/6/2022 are illustrative.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from campaigns import services
from campaigns.models import Campaign, Conference, Criterion, LegalDocument, Milestone
from cluster.demo import NORTH_CENTRAL_SLUG
from cluster.models import Cluster, Province, Unit

D = datetime.date
MOTTO_2022 = "Đoàn kết, kỷ cương, gương mẫu, đổi mới, hiệu quả"
CONFERENCE_2022_TITLE = ("Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm và ký "
                         "kết giao ước thi đua năm 2022")

DOCUMENTS = [
    # (key, kind, number, date, issuing body or None for the cluster, subject)
    ("cv1237", LegalDocument.Kind.OFFICIAL_LETTER, "1237/BNV-VP", D(2022, 3, 31), "Bộ Nội vụ",
     "về việc phát động phong trào thi đua và hướng dẫn khen thưởng năm 2022"),
    ("kh612", LegalDocument.Kind.PLAN, "612/KH-CTĐ", D(2022, 6, 16), None,
     "về Tổ chức phong trào thi đua và công tác thi đua khen thưởng năm 2022"),
    ("ct34", LegalDocument.Kind.DIRECTIVE, "34-CT/TW", D(2014, 4, 7), "Bộ Chính trị",
     "về tiếp tục đổi mới công tác thi đua, khen thưởng"),
    ("ct19", LegalDocument.Kind.DIRECTIVE, "19/CT-TTg", D(2021, 7, 16), "Thủ tướng Chính phủ",
     "về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội "
     "hàng năm"),
]

OPENING_SUMMARY = (
    "Quán triệt các nội dung của Chỉ thị số 34-CT/TW của Bộ Chính trị về tiếp tục đổi mới "
    "công tác thi đua khen thưởng; Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ "
    "về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng "
    "năm và Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ về việc phát động phong trào "
    "thi đua và hướng dẫn khen thưởng năm 2022 với tiêu đề “Đoàn kết, kỷ cương, gương mẫu, "
    "đổi mới, hiệu quả”."
)
# Quoted from the article, one item a line.
ACHIEVEMENTS = [
    "Trong 6 tháng đầu năm 2022, Sở Nội vụ các tỉnh Bắc Trung Bộ đã hoàn thành tốt các nhiệm "
    "vụ tham mưu, giúp UBND quản lý Nhà nước về: Tổ chức bộ máy, biên chế; chính quyền địa "
    "phương; công tác hội; cán bộ, công chức, viên chức; cải cách hành chính; công tác thanh "
    "niên; thi đua khen thưởng; văn thư lưu trữ và tín ngưỡng, tôn giáo.",
    "Công tác thi đua, khen thưởng trong Cụm từng bước được đổi mới, thiết thực, hiệu quả và "
    "ngày càng đi vào nề nếp, thực chất.",
    "Lấy hiệu quả trong việc thực hiện công tác chuyên môn làm thước đo cho công tác thi đua, "
    "khen thưởng.",
    "Qua đó phát hiện, tôn vinh và lan tỏa những điển hình tiên tiến, tạo nên phong trào thi "
    "đua rộng khắp trong ngành Nội vụ của tỉnh, của Cụm.",
]
SHORTCOMINGS = [
    "Việc triển khai thực hiện phong trào thi đua chưa nêu rõ kết quả nổi bật, cách làm hay để "
    "phổ biến cho các đơn vị trong cụm học tập kinh nghiệm;",
    "Phong trào thi đua tuy đã được phát động nhưng hiệu quả của một số phong trào chưa cao, "
    "chưa thực sự tạo động lực, tác động mạnh mẽ đến việc thực hiện nhiệm vụ chính trị của cơ "
    "quan, đơn vị;",
    "Công tác đào tạo, bồi dưỡng, phát hiện và nhân rộng điển hình tiên tiến chưa đáp ứng yêu "
    "cầu theo tinh thần Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị.",
    "Công tác tuyên truyền các điển hình tiên tiến, gương người tốt việc tốt chưa được thường "
    "xuyên, liên tục nên chưa tạo được động lực, sức lan tỏa lớn trong công tác thi đua khen "
    "thưởng ở cơ quan, đơn vị.",
]
SOLUTIONS = [
    "Các đồng chí đã đánh giá một cách thẳng thắn, khách quan những nội dung đã làm được và chỉ "
    "ra những mặt còn hạn chế, thiếu sót, những khó khăn, vướng mắc, đồng thời đưa ra các giải "
    "pháp để triển khai thực hiện phong trào thi đua cho năm 2022 và những năm tiếp theo đạt "
    "hiệu quả cao, góp phần hoàn thành xuất sắc nhiệm vụ của ngành Nội vụ nói riêng và sự phát "
    "triển kinh tế -xã hội của địa phương nói chung.",
]
CONCLUSIONS = [
    "Kết thúc Hội nghị, đại diện lãnh đạo Sở Nội vụ 6 tỉnh Bắc Trung Bộ đã thống nhất nội dung "
    "và ký kết giao ước thi đua năm 2022.",
]
AGENDA = [
    "Phát biểu khai mạc, đánh giá kết quả phong trào thi đua 6 tháng đầu năm 2022 của Cụm",
    "Ý kiến phát biểu của các đồng chí lãnh đạo Sở Nội vụ các tỉnh trong Cụm",
    "Ký kết giao ước thi đua năm 2022",
]
# The article's order of the six provinces.
DELEGATE_UNITS = ["Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"]
DELEGATE_TITLES = ["Lãnh đạo Sở", "Chánh Văn phòng",
                   "Công chức tham mưu công tác thi đua - khen thưởng"]

# (code, parent code, name, max points, kind, parameters) — illustrative.
CRITERIA_2022 = [
    ("I", None, "Thực hiện nhiệm vụ chuyên môn được giao", "60", "", {}),
    ("1.1", "I", "Tham mưu tổ chức bộ máy, biên chế đúng quy định", "10", "dinh_tinh", {}),
    ("1.2", "I", "Cải cách hành chính: tỷ lệ hồ sơ giải quyết đúng hạn (%)", "15",
     "dinh_luong", {"target": "95"}),
    ("1.3", "I", "Cán bộ, công chức, viên chức", "20", "", {}),
    ("1.3.1", "1.3", "Tuyển dụng, sử dụng, quản lý công chức đúng quy định", "10",
     "dinh_tinh", {}),
    ("1.3.2", "1.3", "Số lớp bồi dưỡng cán bộ, công chức đã tổ chức", "10", "theo_lan",
     {"points_each": "2"}),
    ("1.4", "I", "Văn thư, lưu trữ; tín ngưỡng, tôn giáo", "15", "dinh_tinh", {}),
    ("II", None, "Công tác thi đua, khen thưởng", "40", "", {}),
    ("2.1", "II", "Ban hành kế hoạch, phát động phong trào thi đua kịp thời", "10",
     "dinh_tinh", {}),
    ("2.2", "II", "Phát hiện, nhân rộng điển hình tiên tiến (số điển hình được biểu dương)",
     "15", "theo_lan", {"points_each": "2.5"}),
    ("2.3", "II", "Tuyên truyền điển hình tiên tiến, gương người tốt việc tốt thường xuyên",
     "15", "dinh_tinh", {}),
    ("III", None, "Điểm thưởng, điểm trừ", None, "", {}),
    ("3.1", "III", "Cách làm hay, sáng kiến được Cụm ghi nhận", None, "thuong_tru",
     {"points_each": "2", "lower_bound": "0", "upper_bound": "5"}),
    ("3.2", "III", "Chậm gửi báo cáo theo yêu cầu của Cụm (mỗi lần)", None, "thuong_tru",
     {"points_each": "-1", "lower_bound": "-5", "upper_bound": "0"}),
]


def _documents(cluster: Cluster) -> dict[str, LegalDocument]:
    result = {}
    for key, kind, number, day, body, subject in DOCUMENTS:
        existing = LegalDocument.objects.filter(cluster=cluster, number_symbol=number,
                                                issued_on=day).first()
        result[key] = existing or services.document_register(
            cluster=cluster, kind=kind, number_symbol=number, issued_on=day,
            issuing_body=body or cluster.name, subject=subject, acting_user=None,
        )
    return result


def _campaign(cluster: Cluster, documents: dict[str, LegalDocument]) -> Campaign:
    existing = Campaign.objects.filter(cluster=cluster, year=2022,
                                       kind=Campaign.Kind.REGULAR).first()
    if existing:
        return existing
    K = Milestone.Kind
    campaign = services.campaign_create(
        cluster=cluster, year=2022, kind=Campaign.Kind.REGULAR,
        name="Phong trào thi đua năm 2022 của Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ",
        motto=MOTTO_2022,
        content="Thi đua hoàn thành tốt các nhiệm vụ tham mưu, giúp UBND tỉnh quản lý nhà nước "
                "về: tổ chức bộ máy, biên chế; chính quyền địa phương; công tác hội; cán bộ, "
                "công chức, viên chức; cải cách hành chính; công tác thanh niên; thi đua, khen "
                "thưởng; văn thư, lưu trữ; tín ngưỡng, tôn giáo.",
        starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31),
        plan_document=documents["kh612"],
        legal_bases=[documents[k] for k in ("ct34", "ct19", "cv1237")],
        milestones={K.PLEDGE_SIGNING: D(2022, 6, 24), K.MIDYEAR_CONFERENCE: D(2022, 6, 24)},
        acting_user=None,
    )
    for milestone in campaign.milestones.all():  # held on 24/6/2022 (the article)
        services.milestone_set_done(milestone=milestone, done_on=milestone.due_on,
                                    acting_user=None)
    illustrative = [
        (K.MIDYEAR_DEADLINE, D(2022, 6, 15)), (K.YEAREND_DEADLINE, D(2022, 11, 30)),
        (K.YEAREND_CONFERENCE, D(2022, 12, 20)), (K.VOTING, D(2022, 12, 20)),
        (K.DOSSIER_DEADLINE, D(2023, 1, 15)),
    ]
    for kind, day in illustrative:
        Milestone(campaign=campaign, kind=kind, due_on=day, done_on=day, is_illustrative=True,
                  note="Minh họa: bài viết không nêu mốc này.").save()
    return campaign


def _conference(cluster: Cluster, documents: dict[str, LegalDocument]) -> Conference:
    existing = Conference.objects.filter(cluster=cluster, year=2022,
                                         title=CONFERENCE_2022_TITLE).first()
    if existing:
        return existing
    hue_province = Province.objects.get(name="Thừa Thiên Huế", kind=Province.Kind.PROVINCE)
    starts_at = timezone.make_aware(datetime.datetime(2022, 6, 24, 8, 0))
    conference = services.conference_create(
        cluster=cluster, year=2022, kind=Conference.Kind.MIDYEAR, signs_pledge=True,
        title=CONFERENCE_2022_TITLE, starts_at=starts_at, locality="thành phố Huế",
        province=hue_province, agenda="\n".join(AGENDA),
        opening_speaker="đồng chí Ngô Quang Chiến",
        opening_speaker_title="Tỉnh ủy viên, Giám đốc Sở Nội vụ tỉnh Quảng Trị (Cụm trưởng "
                              "năm 2022)",
        opening_summary=OPENING_SUMMARY, achievements="\n".join(ACHIEVEMENTS),
        shortcomings="\n".join(SHORTCOMINGS), solutions="\n".join(SOLUTIONS),
        conclusions="\n".join(CONCLUSIONS),
        documents=[documents[k] for k in ("cv1237", "kh612", "ct34", "ct19")],
        acting_user=None,
    )
    units = {u.short_name: u for u in Unit.objects.filter(short_name__in=DELEGATE_UNITS)}
    for short_name in DELEGATE_UNITS:
        for title in DELEGATE_TITLES:
            name = ""
            if short_name == "Quảng Trị" and title == "Lãnh đạo Sở":
                name, title = "Ngô Quang Chiến", "Tỉnh ủy viên, Giám đốc Sở Nội vụ"
            services.delegate_add(conference=conference, full_name=name, job_title=title,
                                  unit=units[short_name], acting_user=None)
    return services.conference_set_published(conference=conference, published=True,
                                             acting_user=None)


def _criteria(cluster: Cluster) -> int:
    if Criterion.objects.filter(cluster=cluster, year=2022).exists():
        return 0
    by_code: dict[str, Criterion] = {}
    for code, parent, name, max_points, kind, params in CRITERIA_2022:
        by_code[code] = services.criterion_save(
            cluster=cluster, year=2022, parent=by_code.get(parent), code=code, name=name,
            max_points=Decimal(max_points) if max_points else None, kind=kind,
            evidence_required=kind in ("dinh_luong", "theo_lan"),
            is_illustrative=True, acting_user=None,
            **{k: Decimal(v) for k, v in params.items()},
        )
    return len(by_code)


@transaction.atomic
def load(stdout=None) -> None:
    cluster = Cluster.objects.get(slug=NORTH_CENTRAL_SLUG)
    documents = _documents(cluster)
    _campaign(cluster, documents)
    _conference(cluster, documents)
    created = _criteria(cluster)
    if stdout:
        stdout.write("  campaigns: %d văn bản, phong trào và hội nghị năm 2022, %d tiêu chí mới"
                     % (LegalDocument.objects.filter(cluster=cluster).count(), created))

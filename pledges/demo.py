"""Demo data of pledges: the 2022 pledge of the North Central cluster.

From the seed article (real): at the conference of 24/6/2022 in Huế the leaders of the six
Home Affairs departments agreed the content of the 2022 pledge and signed it. The article
gives no text, so the commitments below are illustrative and labelled as such; they are drawn
from what the article says the cluster works on and lacks. Only Quảng Trị's signer (Ngô Quang
Chiến) is named in the article; the other signers are the demo leader accounts (illustrative).

Loaded by ``manage.py load_demo`` after ``campaigns``; idempotent (an existing pledge is left
as it is: once locked, nothing may change it).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from campaigns.models import Conference
from campaigns.selectors import campaign_for, conference_list
from cluster.demo import NORTH_CENTRAL, NORTH_CENTRAL_SLUG
from cluster.models import Cluster, User
from pledges import services
from pledges.models import Pledge, PledgeStatus

YEAR = 2022
SIGNED_ON = datetime.date(2022, 6, 24)

PREAMBLE = (
    "Thực hiện Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ về việc phát động phong "
    "trào thi đua và hướng dẫn khen thưởng năm 2022; Kế hoạch số 612/KH-CTĐ ngày 16/6/2022 "
    "của Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ về tổ chức phong trào thi đua và công tác "
    "thi đua, khen thưởng năm 2022, Sở Nội vụ các tỉnh Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Bình, "
    "Quảng Trị và Thừa Thiên Huế thống nhất ký kết giao ước thi đua năm 2022 với chủ đề "
    "“Đoàn kết, kỷ cương, gương mẫu, đổi mới, hiệu quả” và các nội dung sau:"
)

# Illustrative: the seed gives no text of the commitments.
COMMITMENTS = [
    "Tổ chức thực hiện sâu rộng phong trào thi đua năm 2022 với chủ đề “Đoàn kết, kỷ cương, "
    "gương mẫu, đổi mới, hiệu quả”, gắn với nhiệm vụ chính trị của từng đơn vị.",
    "Hoàn thành tốt nhiệm vụ tham mưu quản lý nhà nước về tổ chức bộ máy, biên chế; chính "
    "quyền địa phương; công tác hội; cán bộ, công chức, viên chức; cải cách hành chính; công "
    "tác thanh niên; thi đua, khen thưởng; văn thư, lưu trữ; tín ngưỡng, tôn giáo.",
    "Phát hiện, bồi dưỡng, tôn vinh và nhân rộng điển hình tiên tiến, cách làm hay theo tinh "
    "thần Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị; giới thiệu kết quả nổi bật để "
    "các đơn vị trong Cụm học tập kinh nghiệm.",
    "Tuyên truyền thường xuyên, liên tục các điển hình tiên tiến, gương người tốt, việc tốt "
    "trong ngành Nội vụ.",
    "Thực hiện nghiêm chế độ thông tin, báo cáo; gửi báo cáo sơ kết, tổng kết và bảng tự chấm "
    "điểm đúng thời hạn theo Kế hoạch của Cụm.",
    "Bình xét, đề nghị khen thưởng công khai, dân chủ, đúng đối tượng, tiêu chuẩn và quy định.",
]


def _signing_conference(cluster: Cluster) -> Conference | None:
    conferences = conference_list(
        cluster=cluster, year=YEAR, kind=Conference.Kind.PLEDGE_SIGNING
    )
    return next((c for c in conferences if c.starts_at.date() == SIGNED_ON), None) or (
        conferences[0] if conferences else None
    )


@transaction.atomic
def load(stdout=None) -> None:
    cluster = Cluster.objects.get(slug=NORTH_CENTRAL_SLUG)
    if Pledge.objects.filter(cluster=cluster, year=YEAR).exists():
        if stdout:
            stdout.write("  pledges: giao ước năm 2022 đã có, giữ nguyên")
        return
    secretary = User.objects.get(username="canbo.quangtri")  # chair unit's staff in 2022
    conference = _signing_conference(cluster)
    pledge = services.pledge_create(
        cluster=cluster, year=YEAR, title="Giao ước thi đua năm 2022", preamble=PREAMBLE,
        campaign=campaign_for(cluster=cluster, year=YEAR), conference=conference,
        acting_user=secretary,
    )
    for text in COMMITMENTS:
        services.commitment_add(
            pledge=pledge, text=text, acting_user=secretary, is_illustrative=True
        )
    services.pledge_transition(
        pledge=pledge, to_status=PledgeStatus.OPEN, acting_user=secretary,
        note="Mở ký kết tại Hội nghị sơ kết 6 tháng đầu năm 2022.",
    )
    place = conference.title if conference else "Hội nghị sơ kết 6 tháng đầu năm 2022 tại Huế"
    for key, _name, _order in NORTH_CENTRAL:
        leader = User.objects.select_related("unit").get(username=f"lanhdao.{key}")
        services.pledge_record_paper_signature(
            pledge=pledge, unit=leader.unit, signer=leader, signer_name=leader.full_name,
            signer_title=leader.job_title, signed_on=SIGNED_ON, acting_user=secretary,
            note=f"Ký trực tiếp tại {place}, ngày 24/6/2022.",
            is_illustrative=key != "quangtri",
        )
    services.pledge_transition(
        pledge=pledge, to_status=PledgeStatus.LOCKED, acting_user=secretary,
        note="Sáu đơn vị đã ký tại hội nghị ngày 24/6/2022.",
    )
    if stdout:
        stdout.write("  pledges: giao ước thi đua năm 2022, 6 đơn vị đã ký, đã khóa")

"""Demo of the public consultation (issue #16, part 5): the 2022 nominees that passed the vote
were shown to the public in January 2023, before their dossiers were decided (the decisions
are dated March and May 2023), with two comments: one published, one not (with its note).
Illustrative: the catalogue's demo awards need no consultation by law, so the page says the
cluster published them of its own accord."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cluster.models import Cluster, User
from commendations import services
from commendations.models import Consultation, Dossier

TITLE = "Lấy ý kiến nhân dân về đề nghị khen thưởng năm 2022 (minh họa)"


def _at(day: datetime.date, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load(*, cluster: Cluster, secretary: User | None) -> Consultation | None:
    if Consultation.objects.filter(cluster=cluster, year=2022, title=TITLE).exists():
        return None
    nominations = [d.nomination for d in Dossier.objects.filter(
        nomination__session__cluster=cluster, nomination__session__year=2022,
        nomination__session__is_illustrative=True).select_related(
        "nomination__award", "nomination__unit").order_by("nomination__order")]
    if not nominations:
        return None
    consultation = services.consultation_publish(
        cluster=cluster, year=2022, title=TITLE, nominations=nominations,
        opens_at=_at(datetime.date(2023, 1, 4)), closes_at=_at(datetime.date(2023, 1, 18)),
        acting_user=None, is_illustrative=True)
    if secretary is not None:
        Consultation.objects.filter(pk=consultation.pk).update(published_by=secretary)
    first = nominations[0]
    kept = services.comment_submit(
        consultation=consultation, nomination=first, ip=None, author_name="Trần Văn Minh Họa",
        contact="0900 000 000 (giả định)", now=_at(datetime.date(2023, 1, 9), 9),
        is_illustrative=True,
        text=f"Tôi đồng ý với đề nghị khen thưởng {first.candidate_name}: đơn vị giải quyết "
             "thủ tục hành chính đúng hẹn (minh họa).")
    dismissed = services.comment_submit(
        consultation=consultation, ip=None, now=_at(datetime.date(2023, 1, 12), 15),
        is_illustrative=True,
        text="Đề nghị xem lại việc khen thưởng (không nêu cụ thể đơn vị, cá nhân nào; minh "
             "họa).")
    services.comment_moderate(comment=kept, publish=True, note="Ý kiến ủng hộ, tiếp nhận.",
                              acting_user=secretary, now=_at(datetime.date(2023, 1, 19), 9))
    services.comment_moderate(
        comment=dismissed, publish=False, acting_user=secretary,
        now=_at(datetime.date(2023, 1, 19), 10),
        note="Ý kiến không nêu nội dung cụ thể, không có căn cứ để xem xét; không công khai.")
    return consultation

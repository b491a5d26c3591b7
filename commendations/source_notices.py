"""National data that waits for an administrator (issue #16), told through
``notifications.scheduler``: the public-consultation rules seeded without their article
checked against the decree's text (``ConsultationRule.article_checked``). Only administrators
correct national data, so only they are told; once per set of unchecked rules, so a rule
added or checked later tells again with the new list.

A provider reads; ``run_scheduler`` writes the notices."""

from __future__ import annotations

import datetime
import hashlib

from django.urls import reverse

from commendations.models import ConsultationRule
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.scheduler import Notice


def unchecked_source_notices(now: datetime.datetime):
    rules = list(ConsultationRule.objects.filter(article_checked=False)
                 .order_by("award_code", "valid_from"))
    if not rules:
        return
    fingerprint = hashlib.sha256(",".join(str(r.pk) for r in rules).encode()).hexdigest()[:16]
    lines = [f"- {rule}" for rule in rules[:20]]
    if len(rules) > 20:
        lines.append(f"- và {len(rules) - 20} quy định khác")
    yield Notice(
        kind=Kind.SOURCES_TO_CHECK, key=f"consultation-rules-unchecked:{fingerprint}",
        recipients=tuple(notification_selectors.administrators()),
        title=f"{len(rules)} quy định về lấy ý kiến công khai chưa được đối chiếu với văn bản gốc",
        body=("Số ngày lấy ý kiến và điều khoản của các quy định sau chưa được đối chiếu với "
              "văn bản gốc. Đối chiếu, sửa nếu cần, rồi đánh dấu “đã đối chiếu”:\n"
              + "\n".join(lines)),
        url=reverse("admin:commendations_consultationrule_changelist")
        + "?article_checked__exact=0")

"""Reads of the public consultation (issue #16, part 5); query-count tested
(tests/commendations/test_consultation.py). Kept beside ``selectors.py`` in its own module;
only this app reads it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from cluster.models import Cluster, ClusterYear, SecretariatGrant, User
from commendations.models import (
    CommentStatus,
    Consultation,
    ConsultationRule,
    Nomination,
    PublicComment,
)

__all__ = [
    "DossierConsultation", "comment_get", "comment_list", "consultation_get",
    "consultation_list", "consultation_nominees", "consultation_public_get",
    "consultation_secretariat", "dossier_consultations", "rules_in_force", "year_nominations",
]


def rules_in_force(*, award_codes, day: datetime.date) -> dict[str, ConsultationRule]:
    """The rule of each award code in force on ``day`` (the latest start wins): one query."""
    rules = (ConsultationRule.objects.filter(award_code__in=list(award_codes), valid_from__lte=day)
             .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
             .order_by("award_code", "valid_from"))
    return {rule.award_code: rule for rule in rules}


def year_nominations(*, cluster: Cluster, year: int):
    """Every nomination of the cluster-year's sessions, with what its label needs."""
    return (Nomination.objects.filter(session__cluster=cluster, session__year=year)
            .select_related("award", "unit", "session")
            .order_by("session__created_at", "award__order", "order", "pk"))


def consultation_list(*, cluster: Cluster, year: int) -> list[Consultation]:
    """With ``nominee_count``, ``pending_count`` and ``comment_count``: one query."""
    return list(Consultation.objects.filter(cluster=cluster, year=year).annotate(
        nominee_count=Count("nominations", distinct=True),
        comment_count=Count("comments", distinct=True),
        pending_count=Count("comments", filter=Q(comments__status=CommentStatus.PENDING),
                            distinct=True)))


def consultation_get(*, cluster: Cluster, year: int, pk: int) -> Consultation | None:
    return (Consultation.objects.filter(cluster=cluster, year=year, pk=pk)
            .select_related("published_by", "cluster").first())


def consultation_public_get(*, token) -> Consultation | None:
    return Consultation.objects.filter(token=token).select_related("cluster").first()


def consultation_nominees(*, consultation: Consultation) -> list[Nomination]:
    return list(consultation.nominations.select_related("award", "unit")
                .order_by("award__order", "award__name", "order", "pk"))


def comment_list(*, consultation: Consultation, public: bool = False) -> list[PublicComment]:
    """Every comment (the secretariat's page) or only the published ones (the public page),
    oldest first, with their nomination and who handled them: one query."""
    comments = consultation.comments.select_related(
        "nomination__unit", "nomination__award", "moderated_by")
    if public:
        comments = comments.filter(status=CommentStatus.PUBLISHED)
    return list(comments)


def comment_get(*, consultation: Consultation, pk: int) -> PublicComment | None:
    return consultation.comments.filter(pk=pk).first()


@dataclass
class DossierConsultation:
    consultation: Consultation
    comments: list[PublicComment] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return sum(1 for c in self.comments if c.status == CommentStatus.PENDING)


def dossier_consultations(*, nomination: Nomination) -> list[DossierConsultation]:
    """The consultations that showed ``nomination`` to the public, each with the comments on
    it or on the whole list (not those about another nominee): two queries."""
    comments = (PublicComment.objects.filter(Q(nomination=nomination) | Q(nomination__isnull=True))
                .select_related("moderated_by").order_by("submitted_at", "pk"))
    consultations = (Consultation.objects.filter(nominations=nomination)
                     .prefetch_related(Prefetch("comments", queryset=comments,
                                                to_attr="dossier_comments"))
                     .order_by("opens_at", "pk"))
    return [DossierConsultation(c, c.dossier_comments) for c in consultations]


def consultation_secretariat(*, cluster: Cluster, year: int) -> list[User]:
    """Who is told of a new comment: the acting chair unit's officers and leaders for the
    year (the chair of that year, or of the latest earlier one) and the users granted the
    secretariat for it."""
    chair_id = (ClusterYear.objects.filter(cluster=cluster, year__lte=year)
                .order_by("-year").values_list("chair_id", flat=True).first())
    granted = SecretariatGrant.objects.filter(cluster=cluster).filter(
        Q(year=year) | Q(year__isnull=True)).values("user_id")
    staff = Q(pk__in=granted)
    if chair_id:
        staff |= Q(unit_id=chair_id, role__in=[User.Role.OFFICER, User.Role.LEADER])
    return list(User.objects.filter(staff, is_active=True).order_by("pk"))

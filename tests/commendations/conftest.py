"""Data shared by the page tests of commendations: the demo (2022: a closed, illustrative
session with its tally, dossiers and two decisions), plus a 2023 session in preparation and a
2024 session open for voting. canbo.quangtri holds a secretariat grant for every year."""

import datetime
import io

import pytest
from django.utils import timezone

from campaigns.models import Conference
from cluster.models import SecretariatGrant
from commendations import services
from commendations.models import (
    AwardForm,
    AwardRule,
    DocumentKind,
    Dossier,
    DossierStatus,
    GrantedAward,
    SessionStatus,
    VotingSession,
)
from tests.campaigns.factories import ConferenceFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tai-lieu.pdf"):
    file = io.BytesIO(PDF)
    file.name, file.size = name, len(PDF)
    return file


def _conference(cluster, year):
    return ConferenceFactory(cluster=cluster, year=year, kind=Conference.Kind.YEAREND,
                             title=f"Hội nghị tổng kết năm {year}",
                             starts_at=timezone.make_aware(datetime.datetime(year, 12, 20, 8)))


@pytest.fixture
def years(north_central, users, units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secretary = users["canbo.quangtri"]
    SecretariatGrant.objects.create(user=secretary, cluster=north_central, year=None)
    awards = {a.code: a for a in AwardForm.objects.all()}
    s22 = VotingSession.objects.get(cluster=north_central, year=2022)
    decided = Dossier.objects.get(nomination__session=s22, nomination__unit=units["quangtri"])
    draft = Dossier.objects.get(nomination__session=s22, nomination__unit=units["thanhhoa"])
    services.dossier_document_add(dossier=draft, kind=DocumentKind.SUBMISSION,
                                  title="Tờ trình số 05/TTr-CTĐ", uploaded_file=pdf(),
                                  acting_user=secretary)
    with_file = Dossier.objects.get(nomination__session=s22, nomination__unit=units["hue"])
    for kind in DocumentKind.values:
        services.dossier_document_add(dossier=with_file, kind=kind, text="Nội dung",
                                      acting_user=secretary)
    services.dossier_transition(dossier=with_file, to_status=DossierStatus.SENT,
                                acting_user=secretary)
    # The cluster's superior (the demo's "captren") receives it and records the decision.
    superior = users["captren"]
    services.dossier_transition(dossier=with_file, to_status=DossierStatus.RECEIVED,
                                acting_user=superior)
    services.decision_record(dossier=with_file, number="99/QĐ-BNV",
                             issued_on=datetime.date(2023, 2, 1),
                             issuing_body="Bộ trưởng Bộ Nội vụ", signer="Bộ trưởng Bộ Nội vụ",
                             uploaded_file=pdf("qd.pdf"), acting_user=superior)

    services.award_rules_create_for_year(cluster=north_central, year=2023,
                                         acting_user=secretary)
    s23 = services.session_create(cluster=north_central, year=2023,
                                  conference=_conference(north_central, 2023),
                                  title="Bình xét năm 2023", acting_user=secretary)
    n23 = services.nomination_add(session=s23, award=awards["co_bo_noi_vu"],
                                  unit=units["nghean"], summary="Thành tích năm 2023",
                                  acting_user=secretary)
    services.award_rules_create_for_year(cluster=north_central, year=2024,
                                         copy_from_year=2023, acting_user=secretary)
    s24 = services.session_create(cluster=north_central, year=2024,
                                  conference=_conference(north_central, 2024),
                                  title="Bình xét năm 2024", acting_user=secretary)
    n24 = services.nomination_add(session=s24, award=awards["co_bo_noi_vu"],
                                  unit=units["hatinh"], summary="Thành tích năm 2024",
                                  acting_user=secretary)
    services.session_transition(session=s24, to_status=SessionStatus.OPEN, present_count=6,
                                acting_user=secretary)
    return {
        "s22": s22.pk, "n22": s22.nominations.first().pk,
        "r22": AwardRule.objects.filter(cluster=north_central, year=2022).first().pk,
        "r23": AwardRule.objects.filter(cluster=north_central, year=2023).first().pk,
        "d22": decided.pk, "d22open": draft.pk, "d22file": with_file.pk,
        "doc": draft.documents.get().pk,
        "s23": s23.pk, "n23": n23.pk, "s24": s24.pk, "n24": n24.pk,
        "quangtri": units["quangtri"].pk, "gialai": units["gialai"].pk,
        "granted": GrantedAward.objects.count(),
    }

"""Two accounts of the superior record the decision of one dossier at the same moment, on
PostgreSQL through the live server: the dossier's row lock lets one through; the other is told
the dossier is decided already. One decision, one award."""

import pytest

from cluster.models import SuperiorBody, User
from commendations import services
from commendations.models import (
    AwardDecision,
    DocumentKind,
    Dossier,
    DossierEvent,
    DossierStatus,
    GrantedAward,
)
from tests.concurrency import demo_with_standing_secretariat, post_in_parallel, session_for

pytestmark = pytest.mark.concurrency

SLUG = "snv-bac-trung-bo"


@pytest.fixture
def demo(live_server, transactional_db):
    return demo_with_standing_secretariat(SLUG)


def test_two_superiors_recording_a_decision_at_once_give_one_decision(live_server, demo):
    cluster, secretary = demo
    first = User.objects.get(username="captren")
    second = User.objects.create_user(username="captren.2", password="x",
                                      role=User.Role.SUPERIOR,
                                      superior_body=SuperiorBody.objects.get(clusters=cluster))
    dossier = Dossier.objects.filter(nomination__session__cluster=cluster,
                                     nomination__session__year=2022,
                                     status=DossierStatus.DRAFT).first()
    for kind in DocumentKind.values:
        services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                      acting_user=secretary)
    services.dossier_transition(dossier=dossier, to_status=DossierStatus.SENT,
                                acting_user=secretary)
    services.dossier_transition(dossier=dossier, to_status=DossierStatus.RECEIVED,
                                acting_user=first)
    decisions = AwardDecision.objects.count()
    path = f"/cum/{SLUG}/2022/khen-thuong/ho-so/{dossier.pk}/quyet-dinh/"
    data = {"number": "55/QĐ-BNV", "issued_on": "2023-02-15",
            "issuing_body": "Bộ trưởng Bộ Nội vụ", "signer": "Bộ trưởng Bộ Nội vụ"}
    responses = post_in_parallel(live_server.url, [
        (session_for(user), path, data) for user in (first, second)])
    assert all(r.status in (200, 302) for r in responses), [r.status for r in responses]
    assert GrantedAward.objects.filter(nomination=dossier.nomination).count() == 1
    assert AwardDecision.objects.count() == decisions + 1
    assert DossierEvent.objects.filter(dossier=dossier,
                                       to_status=DossierStatus.DECIDED).count() == 1
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DECIDED

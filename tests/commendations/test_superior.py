"""The upper level acts (issue #16): the superior's account receives a dossier, returns it with
a reason per item, the secretariat fixes the items and sends it again, the superior forwards it
and records the decision (with its signer); the secretariat records on paper only where the
superior does not act in the app. Whom each move concerns is told."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster.models import SuperiorBody, User
from commendations import services
from commendations.models import (
    DocumentKind,
    Dossier,
    DossierReturnItem,
    DossierStatus,
    GrantedAward,
    Person,
)
from commendations.services import CommendationError, CommendationNotAllowed
from notifications.kinds import Kind
from notifications.models import Notification
from tests.commendations.factories import cast, close, vote_setup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = DossierStatus
DAY = datetime.date(2023, 2, 1)


def _superior(cluster, *, username="captren.test", on_paper=False) -> User:
    body, _ = SuperiorBody.objects.get_or_create(
        name=f"Cơ quan cấp trên {cluster.pk}",
        defaults={"short_name": "Cấp trên", "records_on_paper": on_paper})
    body.clusters.add(cluster)
    return User.objects.create_user(username=username, password="x", role=User.Role.SUPERIOR,
                                    superior_body=body, full_name="Chuyên viên cấp trên")


def _sent(units: int = 2, *, nominate=None):
    """A closed session whose dossiers are complete and sent by the secretariat."""
    setup = vote_setup(units=units, nominate=nominate, open_with_present=units)
    for index in range(units):
        cast(setup, index)
    close(setup)
    for dossier in Dossier.objects.filter(nomination__session=setup.session):
        for kind in DocumentKind.values:
            services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                          acting_user=setup.secretary)
    return setup


def _send_all(setup):
    for dossier in Dossier.objects.filter(nomination__session=setup.session):
        services.dossier_transition(dossier=dossier, to_status=S.SENT,
                                    acting_user=setup.secretary)


def _told(kind, key_part=""):
    return set(Notification.objects.filter(kind=kind, key__contains=key_part)
               .values_list("recipient__username", flat=True))


def test_a_return_per_item_then_a_fix_a_resend_a_forward_and_a_decision(client, settings,
                                                                         tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = _sent(2, nominate=[("cstd", 0, {})])
    superior = _superior(setup.cluster)
    dossier = Dossier.objects.get()
    person = Person.objects.create(full_name="Cá nhân 0")
    dossier.nomination.__class__.objects.filter(pk=dossier.nomination_id).update(person=person)
    _send_all(setup)
    assert _told(Kind.DOSSIER_SENT) == {superior.username}

    # The secretariat may not record a decision: the superior acts in the app.
    with pytest.raises(CommendationNotAllowed):
        services.decision_record(dossier=dossier, number="1/QĐ-BNV", issued_on=DAY,
                                 issuing_body="Bộ Nội vụ", acting_user=setup.secretary)
    # Nor may the superior before receiving it.
    with pytest.raises(CommendationNotAllowed):
        services.decision_record(dossier=Dossier.objects.get(), number="1/QĐ-BNV",
                                 issued_on=DAY, issuing_body="Bộ Nội vụ", acting_user=superior)

    services.dossier_transition(dossier=dossier, to_status=S.RECEIVED, acting_user=superior)
    submission = dossier.documents.get(kind=DocumentKind.SUBMISSION)
    with pytest.raises(CommendationError, match="ít nhất một"):
        services.dossier_return(dossier=dossier, items=[(submission.pk, "  ")],
                                acting_user=superior)
    with pytest.raises(CommendationError, match="không thuộc hồ sơ"):
        services.dossier_return(dossier=dossier, items=[(999999, "Sai")], acting_user=superior)

    # The superior returns it through its page: a reason for the tờ trình, one for the whole.
    client.force_login(superior)
    base = f"/cum/{setup.cluster.slug}/2022/khen-thuong/ho-so/{dossier.pk}/"
    page = client.get(base + "trang-thai/tra-lai/").content.decode()
    assert f'name="doc_{submission.pk}"' in page and "data-confirm" in page
    response = client.post(base + "trang-thai/tra-lai/", {
        f"doc_{submission.pk}": "Tờ trình ghi sai năm thành tích.",
        "general": "<b>Thiếu</b> chữ ký của lãnh đạo cụm."})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.RETURNED
    items = list(DossierReturnItem.objects.filter(dossier=dossier).order_by("pk"))
    assert [(i.document_id, i.reason) for i in items] == [
        (submission.pk, "Tờ trình ghi sai năm thành tích."),
        (None, "<b>Thiếu</b> chữ ký của lãnh đạo cụm.")]
    unit = dossier.nomination.unit
    staff = {setup.leaders[unit.pk].username, setup.officers[unit.pk].username}
    assert _told(Kind.DOSSIER_RETURNED) == {setup.secretary.username} | staff
    notice = Notification.objects.filter(kind=Kind.DOSSIER_RETURNED).first()
    assert "Tờ trình đề nghị khen thưởng: Tờ trình ghi sai năm" in notice.body

    # The secretariat sees each reason, unfixed, escaped; fixes the tờ trình; sends it again.
    client.force_login(setup.secretary)
    html = client.get(base).content.decode()
    assert html.count('data-testid="return-item"') == 2
    assert html.count('data-fixed="0"') == 2
    assert "&lt;b&gt;Thiếu&lt;/b&gt;" in html
    services.dossier_document_add(dossier=dossier, kind=DocumentKind.SUBMISSION,
                                  text="Tờ trình đã sửa năm thành tích",
                                  acting_user=setup.secretary)
    html = client.get(base).content.decode()
    assert html.count('data-fixed="1"') == 2  # a document added after the return
    response = client.post(base + "trang-thai/gui/", {"note": "Đã sửa theo ý kiến"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.SENT
    assert Notification.objects.filter(kind=Kind.DOSSIER_SENT).count() == 2

    # The superior receives it again, forwards it, and records the Prime Minister's decision;
    # the ministry's observer, who follows every cluster's awards, is told of the decision.
    observer = UserFactory(username="theodoi", role=User.Role.OBSERVER, unit=None)
    services.dossier_transition(dossier=dossier, to_status=S.RECEIVED, acting_user=superior)
    services.dossier_transition(dossier=dossier, to_status=S.FORWARDED, acting_user=superior,
                                note="Tờ trình số 5/TTr-BNV")
    client.force_login(superior)
    response = client.post(base + "quyet-dinh/", {
        "number": "77/QĐ-TTg", "issued_on": "2023-03-01", "issuing_body": "Thủ tướng Chính phủ",
        "signer": "Thủ tướng Chính phủ"}, follow=True)
    assert "khen thưởng được ghi vào lịch sử" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.DECIDED
    granted = GrantedAward.objects.get()
    assert granted.decision.signer == "Thủ tướng Chính phủ"
    assert granted.person_id == person.pk
    assert granted.decision.recorded_by == superior
    assert _told(Kind.DECISION_RECORDED) == {setup.secretary.username, observer.username} | staff
    assert list(dossier.events.values_list("from_status", "to_status")) == [
        (S.DRAFT, S.SENT), (S.SENT, S.RECEIVED), (S.RECEIVED, S.RETURNED),
        (S.RETURNED, S.SENT), (S.SENT, S.RECEIVED), (S.RECEIVED, S.FORWARDED),
        (S.FORWARDED, S.DECIDED)]
    # The unit's honours page shows it, with the signer on the dossier's page.
    client.force_login(setup.officers[unit.pk])
    assert "Số 77/QĐ-TTg" in client.get(f"/don-vi/{unit.pk}/khen-thuong/").content.decode()
    assert "Người ký" in client.get(base).content.decode()


@pytest.mark.parametrize("how", ["no-account", "inactive-account", "body-on-paper"])
def test_the_secretariat_records_a_paper_decision_only_where_the_superior_is_not_in_the_app(
        how):
    setup = _sent(2, nominate=[("co_bo", 0, {})])
    if how != "no-account":
        superior = _superior(setup.cluster, on_paper=how == "body-on-paper")
        if how == "inactive-account":
            User.objects.filter(pk=superior.pk).update(is_active=False)
    _send_all(setup)
    dossier = Dossier.objects.get()
    assert _told(Kind.DOSSIER_SENT) == set()  # nobody in the app to tell
    services.dossier_transition(dossier=dossier, to_status=S.RETURNED, note="Bổ sung số liệu",
                                acting_user=setup.secretary)
    assert DossierReturnItem.objects.get().reason == "Bổ sung số liệu"
    services.dossier_transition(dossier=dossier, to_status=S.SENT,
                                acting_user=setup.secretary)
    granted = services.decision_record(dossier=dossier, number="3/QĐ-BNV", issued_on=DAY,
                                       issuing_body="Bộ trưởng Bộ Nội vụ", signer="Bộ trưởng",
                                       acting_user=setup.secretary)
    assert granted.decision.recorded_by == setup.secretary
    dossier.refresh_from_db()
    assert dossier.status == S.DECIDED


def test_the_superior_decides_in_the_app_and_the_paper_way_is_closed():
    setup = _sent(2, nominate=[("co_bo", 0, {})])
    superior = _superior(setup.cluster)
    _send_all(setup)
    dossier = Dossier.objects.get()
    for target in (S.RETURNED, S.DECIDED):
        refusal = services.dossier_transition_refusal(dossier=dossier, to_status=target,
                                                      user=setup.secretary)
        assert refusal and "cấp trên" in refusal.lower()
    services.dossier_transition(dossier=dossier, to_status=S.RECEIVED, acting_user=superior)
    granted = services.decision_record(dossier=dossier, number="4/QĐ-BNV", issued_on=DAY,
                                       issuing_body="Bộ trưởng Bộ Nội vụ",
                                       signer="Bộ trưởng Bộ Nội vụ", acting_user=superior)
    assert granted.decision.recorded_by == superior
    with pytest.raises(CommendationError):  # once only
        services.decision_record(dossier=dossier, number="4/QĐ-BNV", issued_on=DAY,
                                 issuing_body="Bộ trưởng Bộ Nội vụ", acting_user=superior)
    assert GrantedAward.objects.count() == 1


def test_the_inbox_lists_the_overseen_dossiers_by_state_in_as_many_queries_at_two_sizes(client):
    counts = []
    for units in (3, 12):
        setup = _sent(units)
        superior = _superior(setup.cluster, username=f"captren.{units}")
        _send_all(setup)
        first = Dossier.objects.filter(nomination__session=setup.session).first()
        services.dossier_transition(dossier=first, to_status=S.RECEIVED, acting_user=superior)
        client.force_login(superior)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/cap-tren/ho-so/")
        html = response.content.decode()
        assert response.status_code == 200
        sent = Dossier.objects.filter(nomination__session=setup.session).count()
        assert html.count('data-testid="inbox-dossier"') == sent
        assert 'data-status="da_tiep_nhan"' in html
        counts.append(len(queries.captured_queries))
        Dossier.objects.filter(nomination__session__cluster=setup.cluster).update(
            status=S.DRAFT)  # the next size's superior sees only its own cluster anyway
    assert counts[0] == counts[1]

"""Dates around the vote (issue #13, point 6): the vote minutes' issue form pre-fills a date
the issue accepts, and no decision is dated before the vote."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from commendations import services
from commendations.models import DocumentKind, Dossier, DossierStatus
from reports.models import IssuedDocument
from tests.commendations.factories import cast, close, vote_setup

pytestmark = pytest.mark.django_db


def _voted_before_the_conference_date(settings, tmp_path, *, days_ahead=10):
    """A vote closed today at a conference entered with a date ``days_ahead`` from today
    (the cluster's planned date, as a new cluster enters it): the issue's case."""
    settings.MEDIA_ROOT = tmp_path
    year = timezone.localdate().year
    setup = vote_setup(units=3, year=year, nominate=[("co_bo", 0, {})], open_with_present=3)
    setup.conference.starts_at = timezone.now() + datetime.timedelta(days=days_ahead)
    setup.conference.save()
    for index in range(3):
        cast(setup, index)
    close(setup)
    return setup


def test_the_vote_minutes_form_prefills_a_date_its_issue_accepts(settings, tmp_path):
    setup = _voted_before_the_conference_date(settings, tmp_path)
    client = Client()
    client.force_login(setup.secretary)
    base = f"/cum/{setup.cluster.slug}/{setup.year}/van-ban/"
    page = client.get(base).content.decode()
    field = re.search(rf'id="issued-bien-ban{setup.session.pk}" name="issued_on" '
                      r'value="([0-9-]*)"', page)
    assert field is not None
    prefilled = datetime.date.fromisoformat(field.group(1))
    assert prefilled == timezone.localdate()  # the day of the vote, not the conference's
    response = client.post(f"{base}binh-xet/{setup.session.pk}/bien-ban/ban-hanh/",
                           {"issued_on": prefilled.isoformat()}, follow=True)
    assert "không được sau ngày hôm nay" not in response.content.decode()
    issued = IssuedDocument.objects.get(kind="bb_binh_xet", number__isnull=False)
    assert issued.issued_on == prefilled


def test_the_vote_day_is_the_conference_day_when_the_count_is_entered_later(settings,
                                                                             tmp_path):
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})], open_with_present=3)
    for index in range(3):
        cast(setup, index)
    session = close(setup)
    assert session.vote_day == datetime.date(2022, 12, 20)


def _sent(setup) -> Dossier:
    dossier = Dossier.objects.get(nomination__session=setup.session)
    for kind in DocumentKind.values:
        services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                      acting_user=setup.secretary)
    services.dossier_transition(dossier=dossier, to_status=DossierStatus.SENT,
                                acting_user=setup.secretary)
    return dossier


def test_a_decision_dated_before_the_vote_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})], open_with_present=3)
    for index in range(3):
        cast(setup, index)
    close(setup)
    dossier = _sent(setup)
    with pytest.raises(services.CommendationError) as error:
        services.decision_record(dossier=dossier, number="12/QĐ-BNV",
                                 issued_on=datetime.date(2022, 12, 19),
                                 issuing_body="Bộ Nội vụ", acting_user=setup.secretary)
    assert error.value.message_dict["issued_on"] == [
        "Quyết định không thể ban hành trước ngày bỏ phiếu bình xét (20/12/2022): hãy kiểm tra "
        "lại ngày ban hành."]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SENT
    granted = services.decision_record(dossier=dossier, number="12/QĐ-BNV",
                                       issued_on=datetime.date(2022, 12, 20),
                                       issuing_body="Bộ Nội vụ", acting_user=setup.secretary)
    assert granted.decision.issued_on == datetime.date(2022, 12, 20)


def test_the_decision_page_shows_the_refusal_on_the_date(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})], open_with_present=3)
    for index in range(3):
        cast(setup, index)
    close(setup)
    dossier = _sent(setup)
    client = Client()
    client.force_login(setup.secretary)
    form = client.get(f"/cum/{setup.cluster.slug}/2022/khen-thuong/ho-so/{dossier.pk}/"
                      "quyet-dinh/").content.decode()
    assert "Không trước ngày bỏ phiếu bình xét (20/12/2022) và không sau ngày hôm nay." in form
    assert 'min="2022-12-20"' in form
    response = client.post(
        f"/cum/{setup.cluster.slug}/2022/khen-thuong/ho-so/{dossier.pk}/quyet-dinh/",
        {"number": "12/QĐ-BNV", "issued_on": "2022-06-01", "issuing_body": "Bộ Nội vụ"})
    assert response.status_code == 200
    assert "trước ngày bỏ phiếu bình xét (20/12/2022)" in response.content.decode()
    assert not dossier.nomination.__class__.objects.filter(granted__isnull=False).exists()

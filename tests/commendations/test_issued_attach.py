"""A tờ trình (or the minutes of the vote) just issued is offered to the session's dossiers
and attached as issued, without downloading and uploading it again (issue #13, point 6)."""

import pytest
from django.test import Client

from cluster.models import User
from commendations import selectors, services
from commendations.models import DocumentKind, Dossier
from reports.models import DocumentFile, IssuedDocument
from tests.commendations.factories import cast, close, vote_setup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})], open_with_present=3)
    for index in range(3):
        cast(setup, index)
    close(setup)
    setup.dossier = Dossier.objects.get(nomination__session=setup.session)
    return setup


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _issue_submission(setup, client) -> IssuedDocument:
    response = client.post(f"/cum/{setup.cluster.slug}/2022/van-ban/binh-xet/"
                           f"{setup.session.pk}/to-trinh/ban-hanh/", {"issued_on": "2022-12-21"})
    assert response.status_code == 302
    return IssuedDocument.objects.get(kind="to_trinh", number__isnull=False)


def test_the_issued_submission_is_offered_and_attached_as_issued(voted):
    client = _client(voted.secretary)
    page = f"/cum/{voted.cluster.slug}/2022/khen-thuong/ho-so/{voted.dossier.pk}/"
    assert 'data-testid="issued-offer"' not in client.get(page).content.decode()
    issued = _issue_submission(voted, client)
    html = client.get(page).content.decode()
    assert html.count('data-testid="issued-offer"') == 1
    assert f"Đính kèm bản đã ban hành số {issued.number_symbol} ngày 21/12/2022" in html
    response = client.post(f"{page}da-ban-hanh/{issued.verification_code}/", follow=True)
    assert "Đã đính kèm Tờ trình đề nghị khen thưởng số" in response.content.decode()
    document = voted.dossier.documents.get()
    assert document.kind == DocumentKind.SUBMISSION
    assert document.title == (f"Tờ trình đề nghị khen thưởng số {issued.number_symbol} ngày "
                              f"21/12/2022 (mã xác thực {issued.verification_code})")
    pdf = DocumentFile.objects.get(document=issued, format="pdf")
    with document.file.open("rb") as mine, pdf.file.open("rb") as theirs:
        assert mine.read() == theirs.read()
    assert document.mime == "application/pdf" and document.original_name.endswith(".pdf")
    assert selectors.dossier_missing(dossier=voted.dossier) == [
        "Biên bản họp bình xét và kết quả bỏ phiếu", "Báo cáo thành tích"]
    assert 'data-testid="issued-offer"' not in client.get(page).content.decode()
    with pytest.raises(services.CommendationError, match="Hồ sơ đã có Tờ trình"):
        services.dossier_document_attach_issued(dossier=voted.dossier,
                                                code=issued.verification_code,
                                                acting_user=voted.secretary)
    download = client.get(f"{page}tai-lieu/{document.pk}/tai-ve/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    download.close()


def test_an_unknown_code_is_refused_in_vietnamese(voted):
    with pytest.raises(services.CommendationError,
                       match="Không tìm thấy văn bản đã ban hành này của phiên bình xét"):
        services.dossier_document_attach_issued(dossier=voted.dossier, code="KHONGCO123",
                                                acting_user=voted.secretary)


def test_only_the_secretariat_attaches(voted):
    secretary = _client(voted.secretary)
    issued = _issue_submission(voted, secretary)
    url = (f"/cum/{voted.cluster.slug}/2022/khen-thuong/ho-so/{voted.dossier.pk}/da-ban-hanh/"
           f"{issued.verification_code}/")
    outsider = UserFactory(unit=vote_setup(units=2, year=2022, nominate=[]).members[0],
                           role=User.Role.LEADER)
    chair = voted.cluster.years.get(year=2022).chair_id
    others = [unit for unit in voted.members if unit.pk != chair]
    for user in (voted.leaders[others[0].pk], voted.officers[others[1].pk], outsider):
        assert _client(user).post(url).status_code == 404
    assert Client().post(url).status_code == 302  # to the login page
    assert not voted.dossier.documents.exists()


def test_the_issued_minutes_are_offered_on_the_minutes_row(voted):
    client = _client(voted.secretary)
    _issue_submission(voted, client)
    client.post(f"/cum/{voted.cluster.slug}/2022/van-ban/binh-xet/{voted.session.pk}/"
                "bien-ban/ban-hanh/", {"issued_on": "2022-12-20"})
    minutes = IssuedDocument.objects.get(kind="bb_binh_xet", number__isnull=False)
    items = {item.kind: item for item in selectors.dossier_checklist(dossier=voted.dossier)}
    assert [o.code for o in items[DocumentKind.MINUTES].offers] == [minutes.verification_code]
    assert len(items[DocumentKind.SUBMISSION].offers) == 1
    assert items[DocumentKind.ACHIEVEMENTS].offers == []
    document = services.dossier_document_attach_issued(
        dossier=voted.dossier, code=minutes.verification_code, acting_user=voted.secretary)
    assert document.kind == DocumentKind.MINUTES
    assert document.title.startswith("Biên bản họp bình xét và kết quả bỏ phiếu số ")

"""Dossiers of the passed proposals: the checklist, one transition function with its log, the
decision that grants the award, and the honours history through mergers."""

import datetime
import io

import pytest

from cluster.models import Unit
from commendations import selectors, services
from commendations.models import (
    AwardDecision,
    DocumentKind,
    Dossier,
    DossierEvent,
    DossierStatus,
    GrantedAward,
)
from tests.commendations.factories import cast, close, vote_setup

pytestmark = pytest.mark.django_db
S = DossierStatus
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def dossier(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})], open_with_present=3)
    for index in range(3):
        cast(setup, index)
    close(setup)
    found = Dossier.objects.get()
    found.setup = setup
    return found


def upload(name="to-trinh.pdf", content=PDF):
    file = io.BytesIO(content)
    file.name, file.size = name, len(content)
    return file


def test_the_checklist_says_what_is_missing_and_sending_waits_for_it(dossier):
    secretary = dossier.setup.secretary
    assert selectors.dossier_missing(dossier=dossier) == [
        "Tờ trình đề nghị khen thưởng", "Biên bản họp bình xét và kết quả bỏ phiếu",
        "Báo cáo thành tích"]
    with pytest.raises(services.CommendationError, match="Hồ sơ còn thiếu: Tờ trình"):
        services.dossier_transition(dossier=dossier, to_status=S.SENT, acting_user=secretary)
    services.dossier_document_add(dossier=dossier, kind=DocumentKind.SUBMISSION,
                                  title="Tờ trình số 05/TTr-CTĐ", uploaded_file=upload(),
                                  acting_user=secretary)
    minutes = services.dossier_minutes_draft(dossier=dossier, acting_user=secretary)
    assert "3/3 phiếu đồng ý" in minutes.text
    assert "Tỷ lệ đồng ý: từ 80% trên tổng số thành viên" in minutes.text
    assert "98/2023" not in minutes.text  # a vote of 2022 cites no text issued later
    assert selectors.dossier_missing(dossier=dossier) == ["Báo cáo thành tích"]
    with pytest.raises(services.CommendationError, match="tải tệp lên hoặc soạn"):
        services.dossier_document_add(dossier=dossier, kind=DocumentKind.ACHIEVEMENTS,
                                      acting_user=secretary)
    services.dossier_document_add(dossier=dossier, kind=DocumentKind.ACHIEVEMENTS,
                                  text="Báo cáo thành tích năm 2022", acting_user=secretary)
    services.dossier_transition(dossier=dossier, to_status=S.SENT, acting_user=secretary,
                                note="Gửi Bộ Nội vụ")
    with pytest.raises(services.CommendationError, match="chỉ bổ sung tài liệu"):
        services.dossier_document_add(dossier=dossier, kind=DocumentKind.ACHIEVEMENTS,
                                      text="Thêm", acting_user=secretary)
    services.dossier_transition(dossier=dossier, to_status=S.RETURNED, acting_user=secretary,
                                note="Bổ sung số liệu")
    services.dossier_document_add(dossier=dossier, kind=DocumentKind.ACHIEVEMENTS,
                                  text="Báo cáo đã bổ sung", acting_user=secretary)
    services.dossier_transition(dossier=dossier, to_status=S.SENT, acting_user=secretary)
    assert list(DossierEvent.objects.values_list("from_status", "to_status", "note")) == [
        (S.DRAFT, S.SENT, "Gửi Bộ Nội vụ"), (S.SENT, S.RETURNED, "Bổ sung số liệu"),
        (S.RETURNED, S.SENT, "")]
    with pytest.raises(services.CommendationError, match="khi nhập quyết định"):
        services.dossier_transition(dossier=dossier, to_status=S.DECIDED,
                                    acting_user=secretary)
    with pytest.raises(services.CommendationError, match="Không thể chuyển hồ sơ"):
        services.dossier_transition(dossier=dossier, to_status=S.DRAFT, acting_user=secretary)


def test_uploads_are_checked_from_their_content(dossier):
    with pytest.raises(services.CommendationError, match="không khớp"):
        services.dossier_document_add(dossier=dossier, kind=DocumentKind.SUBMISSION,
                                      uploaded_file=upload("to-trinh.pdf", b"<html>x</html>"),
                                      acting_user=None)
    assert not dossier.documents.exists()


def _ready(dossier):
    for kind in DocumentKind.values:
        services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                      acting_user=None)
    services.dossier_transition(dossier=dossier, to_status=S.SENT, acting_user=None)


def test_the_decision_grants_the_award_and_closes_the_dossier(dossier):
    with pytest.raises(services.CommendationError, match="hồ sơ đã gửi cấp trên"):
        services.decision_record(dossier=dossier, number="12/QĐ-BNV",
                                 issued_on=datetime.date(2023, 3, 1), issuing_body="Bộ Nội vụ",
                                 acting_user=None)
    _ready(dossier)
    with pytest.raises(services.CommendationError) as error:
        services.decision_record(dossier=dossier, number=" ", issued_on=None,
                                 issuing_body="", acting_user=None)
    assert set(error.value.message_dict) == {"number", "issued_on", "issuing_body"}
    granted = services.decision_record(
        dossier=dossier, number="12/QĐ-BNV", issued_on=datetime.date(2023, 3, 1),
        issuing_body="Bộ trưởng Bộ Nội vụ", uploaded_file=upload("qd.pdf"),
        acting_user=dossier.setup.secretary)
    dossier.refresh_from_db()
    assert dossier.status == S.DECIDED
    assert (granted.unit, granted.year, granted.award) == (
        dossier.nomination.unit, 2022, dossier.nomination.award)
    decision = AwardDecision.objects.get()
    assert decision.file.name.startswith("decisions/") and decision.original_name == "qd.pdf"
    assert DossierEvent.objects.filter(to_status=S.DECIDED).get().note.startswith(
        "Quyết định số 12/QĐ-BNV ngày 1/3/2023")
    with pytest.raises(services.CommendationError, match="chỉ bổ sung tài liệu"):
        services.dossier_document_add(dossier=dossier, kind=DocumentKind.ACHIEVEMENTS,
                                      text="Thêm", acting_user=None)


def test_one_decision_grants_several_awards(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {}), ("co_bo", 1, {})],
                       open_with_present=3)
    for index in range(3):
        cast(setup, index)
    close(setup)
    for dossier in Dossier.objects.all():
        _ready(dossier)
        services.decision_record(dossier=dossier, number="30/QĐ-BNV",
                                 issued_on=datetime.date(2023, 4, 1),
                                 issuing_body="Bộ trưởng Bộ Nội vụ", acting_user=None)
    assert AwardDecision.objects.count() == 1
    assert GrantedAward.objects.count() == 2


def test_honours_history_includes_units_that_merged_into_it(dossier):
    _ready(dossier)
    services.decision_record(dossier=dossier, number="12/QĐ-BNV",
                             issued_on=datetime.date(2023, 3, 1),
                             issuing_body="Bộ trưởng Bộ Nội vụ", acting_user=None)
    merged = dossier.nomination.unit
    successor = dossier.setup.members[1]
    Unit.objects.filter(pk=merged.pk).update(successor=successor)
    honours = selectors.unit_honours(unit=successor)
    assert [u.pk for u in honours.predecessors] == [merged.pk]
    assert [(y.year, [g.unit_id for g in y.awards]) for y in honours.years] == [
        (2022, [merged.pk])]
    assert selectors.unit_honours(unit=successor, cluster_ids=[]).years == []
    assert selectors.unit_honours(unit=dossier.setup.members[2]).years == []

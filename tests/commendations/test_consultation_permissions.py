"""Every public-consultation URL for every role (issue #16, part 5). The secretariat's pages
are 404 outside its scope; the public page answers everyone, signed in or not."""

import pytest

from commendations.demo_consultation import TITLE
from commendations.models import Consultation, PublicComment
from tests.commendations.test_permissions import (
    HL,
    K22,
    K23,
    MANAGE,
    NOWHERE,
    OTHER_MANAGE,
    POST_ONLY,
    ROLES,
    matrix_failures,
)

pytestmark = pytest.mark.django_db

C22 = K22 + "lay-y-kien/"
PUBLIC = [200] * len(ROLES)
GONE = [404] * len(ROLES)
MATRIX = {
    C22: (MANAGE, TITLE),
    C22 + "tao/": (MANAGE, "Công khai danh sách để lấy ý kiến nhân dân năm 2022"),
    C22 + "{c22}/": (MANAGE, "Ý kiến không nêu nội dung cụ thể"),
    C22 + "{c22}/y-kien/{cm22}/xu-ly/": (POST_ONLY, None),
    C22 + "999999/": (NOWHERE, None),
    K23 + "lay-y-kien/{c22}/": (NOWHERE, None),  # a consultation of another year
    HL + "lay-y-kien/": (OTHER_MANAGE, "Chưa có đợt lấy ý kiến nào trong năm 2022."),
    "/lay-y-kien/{token}/": (PUBLIC, "đã hết thời gian nhận ý kiến"),
    "/lay-y-kien/00000000-0000-0000-0000-000000000000/": (GONE, None),
}


@pytest.fixture
def consult(years):
    consultation = Consultation.objects.get(title=TITLE)
    comment = PublicComment.objects.filter(consultation=consultation).first()
    return {**years, "c22": consultation.pk, "cm22": comment.pk, "token": consultation.token}


@pytest.mark.parametrize("role", ROLES)
def test_consultation_permission_matrix(client, users, consult, role):
    failures = matrix_failures(client, users, role, MATRIX, consult, redirect_prefix=None)
    assert not failures, f"{role}: " + "; ".join(failures)


def test_the_public_page_never_shows_pending_or_dismissed_comments_nor_contacts(client, consult):
    html = client.get("/lay-y-kien/{token}/".format(**consult)).content.decode()
    assert "Tôi đồng ý với đề nghị khen thưởng" in html  # published
    assert "không nêu cụ thể đơn vị" not in html  # dismissed
    assert "0900 000 000" not in html  # a contact is never public
    assert "Ngày sinh" not in html


@pytest.mark.parametrize("role", ["canbo.nghean", "lanhdao.nghean", "bonoivu", "canbo.gialai"])
def test_moderation_posts_outside_the_secretariat_are_404_and_change_nothing(
        client, users, consult, role):
    comment = PublicComment.objects.get(pk=consult["cm22"])
    PublicComment.objects.filter(pk=comment.pk).update(status="cho_xu_ly")
    client.force_login(users[role])
    url = (C22 + "{c22}/y-kien/{cm22}/xu-ly/").format(**consult)
    assert client.post(url, {"decision": "cong-khai"}).status_code == 404
    assert PublicComment.objects.get(pk=comment.pk).status == "cho_xu_ly"

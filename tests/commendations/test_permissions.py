"""Every commendations URL for every role: the status each must get and what the page must
show. Outside a user's scope the answer is 404, never 403."""

import pytest
from django.urls import Resolver404, resolve

from commendations.models import Ballot, Nomination, SealedBallot, SessionEvent, VotingSession

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "canbo.nghean",  # officer of a member unit
    "lanhdao.nghean",  # leader of a member unit
    "canbo.quangtri",  # secretariat
    "bonoivu",  # observer (ministry)
    "admin",
    "canbo.gialai",  # a user of the other cluster (its secretariat in 2022)
    "captren",  # the superior body's account (oversees the North Central cluster only)
]
P = "/cum/snv-bac-trung-bo/"
K22 = P + "2022/khen-thuong/"
K23 = P + "2023/khen-thuong/"
K24 = P + "2024/khen-thuong/"
K25 = P + "2025/khen-thuong/"
HL = "/cum/snv-tay-nguyen-minh-hoa/2022/khen-thuong/"
VIEW = [302, 200, 200, 200, 200, 200, 404, 200]
MANAGE = [302, 404, 404, 200, 404, 200, 404, 404]
BACK = [302, 404, 404, 302, 404, 302, 404, 404]  # the state does not allow it: sent back
POST_ONLY = [302, 404, 404, 405, 404, 405, 404, 404]
VOTE = [302, 404, 200, 404, 404, 404, 404, 404]
NOWHERE = [302, 404, 404, 404, 404, 404, 404, 404]
UNROUTED = [404] * 8  # a year the URL converter refuses: no page, so no login either
OTHER_VIEW = [302, 404, 404, 404, 200, 200, 200, 404]
OTHER_MANAGE = [302, 404, 404, 404, 404, 200, 200, 404]
# A dossier's answer (a return, a decision): the superior, or the secretariat on paper.
ANSWER = [302, 404, 404, 200, 404, 200, 404, 200]
ANSWER_BACK = [302, 404, 404, 302, 404, 302, 404, 302]
SUPERIOR = [302, 404, 404, 404, 404, 200, 404, 200]  # the superior's moves and inbox (and admins)

S22, S23, S24 = K22 + "phien/{s22}/", K23 + "phien/{s23}/", K24 + "phien/{s24}/"
MATRIX = {
    K22: (VIEW, "Bình xét khen thưởng năm 2022 (minh họa)"),
    K22 + "quy-tac/": (VIEW, "không quá 20% số tập thể được suy tôn dẫn đầu"),
    K22 + "khen-thuong-da-co/nhap/": (MANAGE, "Nhập khen thưởng đã có của đơn vị, cá nhân"),
    K22 + "khen-thuong-da-co/mau.xlsx": (MANAGE, "xl/worksheets/sheet1.xml"),
    HL + "khen-thuong-da-co/nhap/": (OTHER_MANAGE, "Nhập khen thưởng đã có"),
    K22 + "quy-tac/lap/": (BACK, None),
    K22 + "quy-tac/them/": (BACK, None),
    K22 + "quy-tac/{r22}/sua/": (BACK, None),
    K22 + "phien/tao/": (MANAGE, "Tạo phiên bình xét năm 2022"),
    S22: (VIEW, "Quy tắc đã áp dụng (kèm nguồn)"),
    S22 + "ket-qua.csv": (VIEW, "Đạt tỷ lệ (5/6 phiếu đồng ý (83,33%) trên tổng số thành viên) "
                                "nhưng xếp thứ 2, ngoài chỉ tiêu 1."),
    S22 + "bo-phieu/": (VOTE, "Sở Nội vụ tỉnh Nghệ An đã bỏ phiếu."),
    S22 + "ghi-nhan-phieu/": (BACK, None),
    S22 + "de-nghi/them/": (BACK, None),
    S22 + "de-nghi/{n22}/sua/": (BACK, None),
    S22 + "de-nghi/{n22}/xoa/": (BACK, None),
    S22 + "trang-thai/ket-thuc/": (MANAGE, "Phiên bình xét đã kết thúc, không thể thay đổi."),
    S22 + "trang-thai/khac/": (NOWHERE, None),
    K22 + "ho-so/{d22}/": (VIEW, "0000/QĐ-TTg"),
    K22 + "ho-so/{d22}/tai-lieu/to-trinh/them/": (BACK, None),
    K22 + "ho-so/{d22open}/tai-lieu/to-trinh/them/": (MANAGE, "soạn nội dung ngay tại đây"),
    K22 + "ho-so/{d22open}/tai-lieu/khac/them/": (NOWHERE, None),
    K22 + "ho-so/{d22open}/tai-lieu/{doc}/tai-ve/": (VIEW, "%PDF-1.4"),
    K22 + "ho-so/{d22}/tai-lieu/{doc}/tai-ve/": (NOWHERE, None),  # another dossier's file
    K22 + "ho-so/{d22open}/bien-ban/": (POST_ONLY, None),
    K22 + "ho-so/{d22open}/da-ban-hanh/KHONGCO123/": (POST_ONLY, None),
    K22 + "ho-so/{d22}/bien-ban/": (BACK, None),
    K22 + "ho-so/{d22open}/trang-thai/gui/": (MANAGE, "Hồ sơ còn thiếu: Biên bản họp"),
    K22 + "ho-so/{d22}/trang-thai/tra-lai/": (ANSWER, "Không thể chuyển hồ sơ"),
    K22 + "ho-so/{d22}/trang-thai/khac/": (NOWHERE, None),
    K22 + "ho-so/{d22}/quyet-dinh/": (ANSWER_BACK, None),
    K22 + "ho-so/{d22open}/quyet-dinh/": (ANSWER_BACK, None),
    K22 + "ho-so/{d22file}/quyet-dinh/tai-ve/": (VIEW, "%PDF-1.4"),
    K22 + "ho-so/{d22}/quyet-dinh/tai-ve/": (NOWHERE, None),  # the demo's has no file
    K22 + "ho-so/999999/": (NOWHERE, None),
    # 2023: a session in preparation
    K23 + "quy-tac/lap/": (MANAGE, "Lập quy tắc bình xét năm 2023"),
    K23 + "quy-tac/them/": (MANAGE, "Thêm quy tắc bình xét năm 2023"),
    K23 + "quy-tac/{r23}/sua/": (MANAGE, "Sửa quy tắc bình xét"),
    K23 + "quy-tac/{r22}/sua/": (NOWHERE, None),  # a rule of another year
    S23: (VIEW, "Đang chuẩn bị"),
    S23 + "de-nghi/them/": (MANAGE, "Thêm đề nghị khen thưởng"),
    S23 + "de-nghi/{n23}/sua/": (MANAGE, "Sửa đề nghị"),
    S23 + "de-nghi/{n23}/xoa/": (MANAGE, "Xóa đề nghị"),
    S23 + "de-nghi/{n22}/sua/": (NOWHERE, None),  # a nomination of another session
    S23 + "trang-thai/mo-bo-phieu/": (MANAGE, "Sau khi mở bỏ phiếu"),
    S23 + "bo-phieu/": (VOTE, "Phiên bình xét chưa mở bỏ phiếu."),
    S23 + "ghi-nhan-phieu/": (BACK, None),
    S23 + "ket-qua.csv": (NOWHERE, None),
    K23 + "phien/{s22}/": (NOWHERE, None),  # a session of another year
    # 2024: voting
    S24: (VIEW, "Đã bỏ phiếu 0/6 đơn vị"),
    S24 + "bo-phieu/": (VOTE, "Xem lại phiếu"),
    S24 + "ghi-nhan-phieu/": (MANAGE, "Đơn vị chưa bỏ phiếu"),
    S24 + "trang-thai/ket-thuc/": (MANAGE, "hệ thống kiểm phiếu theo quy tắc của năm"),
    S24 + "trang-thai/tra-ve-chuan-bi/": (MANAGE, "Trả về chuẩn bị"),
    S24 + "ket-qua.csv": (NOWHERE, None),
    P + "99999/khen-thuong/": (UNROUTED, None),
    K22 + "phien/999999/": (NOWHERE, None),
    # the other cluster
    HL: (OTHER_VIEW, "Chưa có phiên bình xét nào trong năm 2022."),
    HL + "phien/tao/": (OTHER_MANAGE, "Tạo phiên bình xét năm 2022"),
    # honours history
    "/don-vi/{quangtri}/khen-thuong/": (VIEW, "Bằng khen của Bộ trưởng Bộ Nội vụ"),
    "/don-vi/{gialai}/khen-thuong/": (OTHER_VIEW, "Chưa có khen thưởng nào được ghi nhận."),
    "/don-vi/999999/khen-thuong/": (NOWHERE, None),
}


def _content(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")  # an .xlsx is bytes


def matrix_failures(client, users, role: str, matrix: dict, ids: dict, *,
                    redirect_prefix: str | None = "/cum/snv-") -> list[str]:
    """Every URL of ``matrix`` (its ``{placeholders}`` filled from ``ids``) as ``role``: the
    status expected for that role, anonymous visitors sent to the login page, a refused state
    sent back inside the cluster (``redirect_prefix``), the not-found page for 404 and the
    page's text for 200. Shared by every ``test_*permissions`` module of this folder."""
    index, failures = ROLES.index(role), []
    for pattern, (statuses, text) in matrix.items():
        url, expected = pattern.format(**ids), statuses[index]
        client.logout()  # a fresh session: no message left over from the previous redirect
        if role != "anonymous":
            client.force_login(users[role])
        response = client.get(url)
        html = _content(response)
        if response.status_code != expected:
            failures.append(f"{url}: {response.status_code} instead of {expected}")
        elif expected == 302 and role == "anonymous":
            if not response["Location"].startswith("/tai-khoan/dang-nhap/?next="):
                failures.append(f"{url}: not sent to the login page")
        elif expected == 302 and redirect_prefix and not response["Location"].startswith(
                redirect_prefix):
            failures.append(f"{url}: redirected to {response['Location']}")
        elif expected == 404 and "Không tìm thấy trang" not in html:
            failures.append(f"{url}: 404 without the not-found page")
        elif expected == 200 and text not in html:
            failures.append(f"{url}: page without “{text}”")
    return failures


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, users, years, role):
    """One role, every URL (the data is built once per role, not once per URL)."""
    failures = matrix_failures(client, users, role, MATRIX, years)
    assert not failures, f"{role}: " + "; ".join(failures)


class _AnyId(dict):
    def __missing__(self, key):
        return 1


def _all_matrices():
    """This module's MATRIX and those of the other ``test_*permissions`` modules beside it
    (one per feature: proposals, look-up ...), which share this file's roles."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("test_") and info.name.endswith("permissions"):
            module = importlib.import_module(f"tests.commendations.{info.name}")
            yield from getattr(module, "MATRIX", {})


def test_the_matrix_covers_every_commendations_url():
    from commendations.urls import urlpatterns, year_patterns

    covered = set()
    for url in _all_matrices():
        try:
            covered.add(resolve(url.format_map(_AnyId())).url_name)
        except Resolver404:  # a year outside the converter's range: no page at all
            continue
    assert covered == {pattern.name for pattern in [*urlpatterns, *year_patterns]}


def test_a_state_redirect_says_why(client, users, years):
    client.force_login(users["canbo.quangtri"])
    html = client.get(K22 + "phien/{s22}/ghi-nhan-phieu/".format(**years),
                      follow=True).content.decode()
    assert "Phiên bình xét đã kết thúc, không nhận thêm phiếu." in html
    html = client.get(K22 + "quy-tac/lap/", follow=True).content.decode()
    assert "Đã mở bỏ phiếu bình xét năm 2022" in html


POSTS = [
    (S24 + "bo-phieu/", {"n{n24}": "dong-y"}),
    (S24 + "ghi-nhan-phieu/", {"unit": "{gialai}", "kind": "ban_giay", "n{n24}": "dong-y"}),
    (S24 + "trang-thai/ket-thuc/", {"present_count": "6"}),
    (S23 + "trang-thai/mo-bo-phieu/", {"present_count": "6"}),
    (S23 + "de-nghi/them/", {"summary": "Chen ngang"}),
    (S23 + "de-nghi/{n23}/xoa/", {}),
    (K25 + "phien/tao/", {"title": "Chen ngang"}),
    (K23 + "quy-tac/{r23}/sua/", {"threshold_percent": "10", "base": "all_members"}),
]


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_posts_outside_ones_role_are_404_and_change_nothing(client, users, years, url, data):
    def snapshot():
        return (list(VotingSession.objects.values_list("pk", "status")),
                list(Nomination.objects.values_list("pk", "summary")),
                Ballot.objects.count(), SealedBallot.objects.count(),
                SessionEvent.objects.count())

    url = url.format(**years)
    data = {key.format(**years): value.format(**years) for key, value in data.items()}
    before = snapshot()
    roles = ("canbo.nghean", "bonoivu", "canbo.gialai")
    if "bo-phieu" not in url:
        roles += ("lanhdao.nghean",)
    for role in roles:
        client.force_login(users[role])
        response = client.post(url, data)
        assert response.status_code == 404, role
        assert snapshot() == before, role
    client.logout()
    assert client.post(url, data)["Location"].startswith("/tai-khoan/dang-nhap/")
    assert snapshot() == before


def test_the_secretariat_and_admins_cannot_vote_for_a_unit_online(client, users, years):
    url = (S24 + "bo-phieu/").format(**years)
    for role in ("canbo.quangtri", "admin", "lanhdao.quangtri"):
        client.force_login(users[role])
        expected = 200 if role == "lanhdao.quangtri" else 404
        assert client.get(url).status_code == expected, role

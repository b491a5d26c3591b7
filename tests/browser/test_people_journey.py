"""Accounts without an engineer (issue #13, point 4): the secretariat adds a person, who opens
the invitation's link from the e-mail, sets a password and signs in; later, having forgotten
it, uses "Quên mật khẩu?". The e-mails are read from Django's test outbox (the locmem backend;
the task runs in the live server's thread after the commit)."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import login

EMAIL = "tran.thi.hoa@example.gov.vn"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/tai-khoan/\S+/)", message.body).group(1)


def _set_password(page, password: str) -> None:
    page.locator("input[name=new_password1]").fill(password)
    page.locator("input[name=new_password2]").fill(password)
    page.get_by_role("button", name="Đặt mật khẩu").click()
    expect(page.get_by_test_id("password-set")).to_contain_text("Đã đặt mật khẩu")


def test_secretariat_adds_a_person_who_sets_a_password_and_signs_in(new_page):
    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.get_by_test_id("people-link").click()
    expect(secretary.get_by_role("heading", name="Người dùng")).to_be_visible()
    secretary.get_by_role("link", name="Thêm người dùng").click()
    secretary.get_by_label("Họ và tên").fill("Trần Thị Hoa")
    secretary.get_by_label("Thư điện tử (cũng là tên đăng nhập)").fill(EMAIL)
    secretary.get_by_label("Đơn vị").select_option(label="Sở Nội vụ tỉnh Nghệ An")
    secretary.get_by_label("Vai trò").select_option(label="Công chức đơn vị")
    secretary.get_by_label("Chức vụ").fill("Chuyên viên")
    secretary.get_by_role("button", name="Thêm và gửi lời mời").click()
    expect(secretary.get_by_text(f"Đã thêm Trần Thị Hoa và gửi lời mời đặt mật khẩu tới "
                                 f"{EMAIL}.")).to_be_visible()
    row = secretary.locator(f'[data-username="{EMAIL}"]')
    expect(row.get_by_test_id("status")).to_have_text("Chưa đặt mật khẩu")

    assert [m.to for m in mail.outbox] == [[EMAIL]]
    hoa = new_page()
    hoa.goto(_link(mail.outbox[0]))
    expect(hoa.get_by_role("heading")).to_contain_text("Chào mừng đồng chí")
    _set_password(hoa, "Hoa-sen-Nghe-An-2026")
    hoa.get_by_role("link", name="Đăng nhập").click()
    login(hoa, EMAIL, "Hoa-sen-Nghe-An-2026")
    expect(hoa.get_by_role("heading", name="Xin chào, Trần Thị Hoa")).to_be_visible()
    expect(hoa.get_by_test_id("my-role")).to_contain_text("Sở Nội vụ tỉnh Nghệ An")

    # The link worked once.
    again = new_page()
    again.goto(_link(mail.outbox[0]))
    expect(again.get_by_test_id("invalid-link")).to_be_visible()
    secretary.reload()
    expect(row.get_by_test_id("status")).to_have_text("Đang hoạt động")

    # Forgotten: "Quên mật khẩu?" on the login page, the same answer for any address.
    forgot = new_page()
    forgot.goto("/tai-khoan/dang-nhap/")
    forgot.get_by_role("link", name="Quên mật khẩu?").click()
    forgot.get_by_label("Thư điện tử").fill("khong-co-ai@example.gov.vn")
    forgot.get_by_role("button", name="Gửi liên kết đặt mật khẩu").click()
    unknown = forgot.get_by_test_id("reset-sent").inner_text()
    assert len(mail.outbox) == 1
    forgot.goto("/tai-khoan/quen-mat-khau/")
    forgot.get_by_label("Thư điện tử").fill(EMAIL)
    forgot.get_by_role("button", name="Gửi liên kết đặt mật khẩu").click()
    assert forgot.get_by_test_id("reset-sent").inner_text() == unknown
    assert len(mail.outbox) == 2
    forgot.goto(_link(mail.outbox[1]))
    _set_password(forgot, "Sen-hong-Nghe-An-2027")
    login(forgot, EMAIL, "Sen-hong-Nghe-An-2027")
    expect(forgot.get_by_role("heading", name="Xin chào, Trần Thị Hoa")).to_be_visible()

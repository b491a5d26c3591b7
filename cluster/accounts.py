"""The links that let a person set their own password (issue #13, point 4): the invitation of
a new account and the reset of a forgotten password, and the e-mails that carry them.

Both links are Django's ``uidb64/token`` pair, checked by Django's ``PasswordResetConfirmView``
(``cluster.account_views``). A token hashes the account's password, last sign-in, e-mail and
whether it is active, so it works once: setting the password, signing in, changing the e-mail
or deactivating the account voids it. It expires after ``INVITATION_TIMEOUT`` (an invitation)
or ``PASSWORD_RESET_TIMEOUT`` (a reset). The two kinds have their own salt: a reset link does
not open the invitation page, nor the other way round.

The e-mails are plain text built here, from the person's name and the app's own words; the
subject is one line. They are sent by ``cluster.tasks.send_account_email``, never in the
request, and the token is made there, so no link is stored in the tasks' table.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

INVITATION = "invitation"
RESET = "reset"


class _Tokens(PasswordResetTokenGenerator):
    timeout_setting = "PASSWORD_RESET_TIMEOUT"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{int(user.is_active)}"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
                   for secret in [self.secret, *self.secret_fallbacks]):
            return False
        return self._num_seconds(self._now()) - ts <= getattr(settings, self.timeout_setting)


class InvitationTokens(_Tokens):
    key_salt = "cluster.accounts.InvitationTokens"
    timeout_setting = "INVITATION_TIMEOUT"


class ResetTokens(_Tokens):
    key_salt = "cluster.accounts.ResetTokens"


invitation_tokens = InvitationTokens()
reset_tokens = ResetTokens()
TOKENS = {INVITATION: invitation_tokens, RESET: reset_tokens}
URL_NAMES = {INVITATION: "invitation_confirm", RESET: "password_reset_confirm"}


def account_link(user, *, kind: str, base_url: str) -> str:
    """The absolute link of ``kind`` for ``user``, valid from now."""
    path = reverse(URL_NAMES[kind], kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": TOKENS[kind].make_token(user)})
    return base_url.rstrip("/") + path


def _days(seconds: int) -> str:
    if seconds % 86400 == 0:
        return f"{seconds // 86400} ngày"
    return f"{max(1, seconds // 3600)} giờ"


def account_email(user, *, kind: str, base_url: str, inviter: str = "") -> tuple[str, str]:
    """The subject and plain-text body of the e-mail of ``kind`` to ``user``."""
    link = account_link(user, kind=kind, base_url=base_url)
    login = base_url.rstrip("/") + reverse("login")
    name = user.full_name or user.get_username()
    if kind == INVITATION:
        unit = f" của {user.unit}" if user.unit_id else ""
        by = f" {inviter}" if inviter else ""
        subject = "Mời tham gia phần mềm thi đua, khen thưởng"
        body = (
            f"Kính gửi {name},\n\n"
            f"Đồng chí{by} đã tạo cho đồng chí một tài khoản{unit} trong phần mềm thi đua, khen "
            "thưởng của Cụm thi đua.\n\n"
            f"Tên đăng nhập: {user.get_username()}\n\n"
            "Để bắt đầu, vui lòng mở liên kết dưới đây và tự đặt mật khẩu của mình "
            f"(liên kết dùng được một lần, trong {_days(settings.INVITATION_TIMEOUT)}):\n\n"
            f"{link}\n\n"
            f"Sau đó, đăng nhập tại {login}\n\n"
            "Nếu liên kết đã hết hạn, hãy dùng “Quên mật khẩu?” trên trang đăng nhập hoặc đề "
            "nghị người quản lý tài khoản gửi lại lời mời.\n"
        )
    else:
        subject = "Đặt lại mật khẩu phần mềm thi đua, khen thưởng"
        body = (
            f"Kính gửi {name},\n\n"
            "Có yêu cầu đặt lại mật khẩu cho tài khoản dùng địa chỉ thư điện tử này.\n\n"
            f"Tên đăng nhập: {user.get_username()}\n\n"
            "Để đặt mật khẩu mới, vui lòng mở liên kết dưới đây (dùng được một lần, trong "
            f"{_days(settings.PASSWORD_RESET_TIMEOUT)}):\n\n"
            f"{link}\n\n"
            "Nếu đồng chí không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại không đổi.\n"
        )
    return " ".join(subject.split()), body

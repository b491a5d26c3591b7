"""Setting one's own password from a link (issue #13, point 4): "Quên mật khẩu?" on the login
page (Django's password reset views) and the invitation of a new account (Django's confirm
view with the invitation's tokens). Their e-mails leave the request through a task
(``cluster.people_forms.PasswordResetForm``, ``cluster.services.person_create``)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from cluster.accounts import invitation_tokens, reset_tokens
from cluster.people_forms import PasswordResetForm


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    token_generator = reset_tokens
    template_name = "registration/password_reset_confirm.html"


class InvitationConfirmView(auth_views.PasswordResetConfirmView):
    token_generator = invitation_tokens
    template_name = "registration/invitation_confirm.html"
    success_url = reverse_lazy("invitation_complete")


class InvitationCompleteView(auth_views.PasswordResetCompleteView):
    # The same page as after a reset: the password is set, sign in.
    template_name = "registration/password_reset_complete.html"

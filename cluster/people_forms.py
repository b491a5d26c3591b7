"""Forms of the people's accounts (issue #13, point 4): a person of a member unit, and the
"forgotten password" request, whose e-mail leaves the request through a task."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from cluster.forms import UnitChoiceField
from cluster.models import Unit, User
from cluster.services import account_email_send_later

ROLE_CHOICES = [(User.Role.OFFICER.value, User.Role.OFFICER.label),
                (User.Role.LEADER.value, User.Role.LEADER.label)]


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, error_messages={
        "required": _("Vui lòng nhập họ và tên.")})
    email = forms.EmailField(label=_("Thư điện tử (cũng là tên đăng nhập)"), max_length=150,
                             error_messages={"required": _("Vui lòng nhập thư điện tử."),
                                             "invalid": _("Địa chỉ thư điện tử không hợp lệ.")})
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                           error_messages={"required": _("Vui lòng chọn đơn vị."),
                                           "invalid_choice": _(
                                               "Đồng chí không quản lý người dùng của đơn vị "
                                               "đã chọn.")})
    role = forms.ChoiceField(label=_("Vai trò"), choices=ROLE_CHOICES, error_messages={
        "required": _("Vui lòng chọn vai trò."),
        "invalid_choice": _("Vai trò chỉ có thể là công chức đơn vị hoặc lãnh đạo đơn vị.")})
    job_title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)

    def __init__(self, *args, units: list[Unit], submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["unit"].choices = [("", "---------")] + [(u.pk, u.name) for u in units]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit))


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, with two changes: an account that has never set its password (invited,
    or created by an import) may ask for a link too, and the e-mail is sent by a task after
    the commit, not in the request. Whether the address is known, the page answers the same."""

    email = forms.EmailField(
        label=_("Thư điện tử"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={"required": _("Vui lòng nhập thư điện tử."),
                        "invalid": _("Địa chỉ thư điện tử không hợp lệ.")})

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    def save(self, *, request=None, use_https=False, domain_override=None, **kwargs):
        email = self.cleaned_data["email"]
        host = domain_override or (request.get_host() if request else "localhost")
        base_url = f"{'https' if use_https else 'http'}://{host}"
        for user in self.get_users(email):
            account_email_send_later(user=user, kind="reset", base_url=base_url)

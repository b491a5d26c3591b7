"""Admin of keys, images and trust roots: every upload goes through ``signatures.services``
(checks, encryption); the stored secrets are never shown."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import SealImage, SignatureImage, SigningKey, TrustRoot


class SigningKeyForm(forms.ModelForm):
    pkcs12_file = forms.FileField(label=_("Tệp khóa PKCS#12 (.p12, .pfx)"))
    password = forms.CharField(label=_("Mật khẩu của tệp khóa"), required=False,
                               widget=forms.PasswordInput)

    class Meta:
        model = SigningKey
        fields = ["unit", "user"]

    def clean(self):
        data = super().clean()
        upload = data.get("pkcs12_file")
        if upload is None or self.errors:
            return data
        try:
            self.installed = services.signing_key_install(
                pkcs12_data=upload.read(), password=data.get("password") or "",
                unit=data.get("unit"), user=data.get("user"), acting_user=self.acting_user)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return data


@admin.register(SigningKey)
class SigningKeyAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "holder", "unit", "user", "not_after", "is_active"]
    list_filter = ["holder", "is_active"]
    readonly_fields = ["holder", "unit", "user", "subject", "issuer", "serial", "not_before",
                       "not_after", "fingerprint", "created_by", "created_at"]
    fields = readonly_fields + ["is_active"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            form = SigningKeyForm
            form.acting_user = request.user
            kwargs["form"] = form
            kwargs["fields"] = ["unit", "user", "pkcs12_file", "password"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return self.fields if obj else ["unit", "user", "pkcs12_file", "password"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def save_form(self, request, form, change):
        return form.installed if not change else super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        if change:  # only "đang dùng"; a new key was written by the service in clean()
            super().save_model(request, obj, form, change)


class ImageForm(forms.ModelForm):
    image = forms.FileField(label=_("Ảnh PNG nền trong suốt"))

    def clean(self):
        data = super().clean()
        upload = data.get("image")
        if upload is not None:
            data["png"] = upload.read()
        return data


class SignatureImageForm(ImageForm):
    class Meta:
        model = SignatureImage
        fields = ["user"]

    def clean(self):
        data = super().clean()
        if "png" in data and data.get("user") is not None:
            try:
                self.saved = services.signature_image_set(user=data["user"], png=data["png"],
                                                          acting_user=self.acting_user)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return data


class SealImageForm(ImageForm):
    class Meta:
        model = SealImage
        fields = ["unit", "width_mm"]

    def clean(self):
        data = super().clean()
        if "png" in data and data.get("unit") is not None:
            try:
                self.saved = services.seal_image_set(
                    unit=data["unit"], png=data["png"], width_mm=data.get("width_mm") or 36,
                    acting_user=self.acting_user)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return data


class _ImageAdmin(SimpleHistoryAdmin):
    form_class: type[ImageForm]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = self.form_class
        form.acting_user = request.user
        kwargs["form"] = form
        return super().get_form(request, obj, change=change, **kwargs)

    def save_form(self, request, form, change):
        return form.saved

    def save_model(self, request, obj, form, change):
        pass  # written by the service in the form's clean()


@admin.register(SignatureImage)
class SignatureImageAdmin(_ImageAdmin):
    form_class = SignatureImageForm
    list_display = ["user", "updated_at"]
    fields = ["user", "image"]


@admin.register(SealImage)
class SealImageAdmin(_ImageAdmin):
    form_class = SealImageForm
    list_display = ["unit", "width_mm", "updated_at"]
    fields = ["unit", "width_mm", "image"]


class TrustRootForm(forms.ModelForm):
    certificate_file = forms.FileField(label=_("Chứng thư CA (PEM hoặc DER)"))

    class Meta:
        model = TrustRoot
        fields = ["name", "is_test"]

    def clean(self):
        data = super().clean()
        upload = data.get("certificate_file")
        if upload is not None and not self.errors:
            try:
                self.saved = services.trust_root_add(
                    certificate=upload.read(), name=data.get("name") or "",
                    is_test=bool(data.get("is_test")), acting_user=self.acting_user)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return data


@admin.register(TrustRoot)
class TrustRootAdmin(SimpleHistoryAdmin):
    list_display = ["name", "subject", "not_after", "is_test", "is_active"]
    readonly_fields = ["subject", "fingerprint", "not_after", "created_by", "created_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            form = TrustRootForm
            form.acting_user = request.user
            kwargs["form"] = form
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "is_test", "certificate_file"]
        return ["name", "is_active", "is_test", *self.readonly_fields]

    def save_form(self, request, form, change):
        return form.saved if not change else super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)



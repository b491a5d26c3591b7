"""Text from users (issue #10): normalised once (NFC, no bidi overrides or other invisible
format characters, line breaks kept) and bounded, through forms, services and the admin; and
one spreadsheet guard for every export."""

from __future__ import annotations

import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from cluster import services
from cluster.fields import UserTextFormField, normalise_stored_text
from cluster.forms import ClusterYearRolesForm
from cluster.models import ClusterYear, Province, Unit
from cluster.text import (
    NOTE_MAX,
    SECTION_MAX,
    clean_user_text,
    is_formula_like,
    spreadsheet_safe,
)

NFD_NAME = unicodedata.normalize("NFD", "Sở Nội vụ tỉnh Nghệ An")
NFC_NAME = "Sở Nội vụ tỉnh Nghệ An"
RLO, PDF_MARK = "\u202e", "\u202c"  # right-to-left override, pop directional formatting
TOO_LONG = "Nội dung dài quá giới hạn: tối đa 2.000 ký tự (hiện có 2.001)."


def nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


# --- clean_user_text --------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [
    (NFD_NAME, NFC_NAME),
    (f"Số tiền: {RLO}000.001{PDF_MARK} đồng", "Số tiền: 000.001 đồng"),
    ("a\u2066b\u2067c\u2068d\u2069e\u200ef\u200fg", "abcdefg"),  # isolates, LRM, RLM
    ("Nghệ\u200b An\u200c\u200d\u2060\ufeff", "Nghệ An"),  # zero-width, word joiner, BOM
    ("dòng 1\r\ndòng 2\rdòng 3\u2028dòng 4", "dòng 1\ndòng 2\ndòng 3\ndòng 4"),
    ("cột\tcột\n\n", "cột\tcột\n\n"),  # tabs and blank lines kept, nothing trimmed
    ("a\x00b\x07c\x1bd\x7fe", "abcde"),  # NUL, bell, escape, delete
    ("Plain ASCII, kept as is.", "Plain ASCII, kept as is."),
])
def test_clean_user_text(typed, stored):
    assert clean_user_text(typed) == stored


@given(st.text())
def test_clean_user_text_is_idempotent_nfc_and_leaves_no_invisible_character(text):
    cleaned = clean_user_text(text)
    assert clean_user_text(cleaned) == cleaned
    assert nfc(cleaned)
    assert not any(unicodedata.category(c) in {"Cc", "Cf", "Cs"} for c in cleaned
                   if c not in "\n\t")


# --- the form field ---------------------------------------------------------------------------


class NoteForm(forms.Form):
    note = UserTextFormField(max_length=NOTE_MAX, required=False)


def test_form_field_cleans_before_counting_and_says_too_long_in_vietnamese():
    """A browser sends line breaks as \\r\\n: 1,000 lines of "x" fit in 2,000 characters."""
    form = NoteForm({"note": "x\r\n" * 999 + "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "x\n" * 999 + "x"
    form = NoteForm({"note": NFD_NAME + RLO})
    assert form.is_valid() and form.cleaned_data["note"] == NFC_NAME
    form = NoteForm({"note": "ệ" * 2001})
    assert not form.is_valid()
    assert form.errors["note"] == [TOO_LONG]
    assert 'maxlength="2000"' in str(form["note"])


def test_only_invisible_characters_is_empty():
    form = NoteForm({"note": f" {RLO}\u200b "})
    assert form.is_valid() and form.cleaned_data["note"] == ""


# --- models: full_clean, save, services, admin -------------------------------------------------


def test_text_field_length_is_checked_by_full_clean_not_only_by_forms():
    """Reproduces: a TextField's max_length was checked by forms only, so a service calling
    full_clean stored 2,000,000 characters."""
    year = ClusterYear(note="x" * 2001)
    with pytest.raises(ValidationError) as refused:
        year.clean_fields(exclude={f.name for f in ClusterYear._meta.fields} - {"note"})
    assert refused.value.message_dict == {"note": [TOO_LONG]}


def test_char_field_says_too_long_in_vietnamese():
    unit = Unit(name="x" * 256)
    with pytest.raises(ValidationError) as refused:
        unit.clean_fields(exclude={f.name for f in Unit._meta.fields} - {"name"})
    assert refused.value.message_dict == {
        "name": ["Nội dung dài quá giới hạn: tối đa 255 ký tự (hiện có 256)."]}



def test_service_stores_nfc_without_bidi_controls(cluster_of_two, admin_user):
    cluster, (a, b) = cluster_of_two
    year = services.cluster_year_set_roles(
        cluster=cluster, year=2024, chair=a, vice_chair=b, acting_user=admin_user,
        note=f"{NFD_NAME}\r\nBiên bản số {RLO}000.001{PDF_MARK}")
    expected = f"{NFC_NAME}\nBiên bản số 000.001"
    assert year.note == expected
    year.refresh_from_db()
    assert year.note == expected


def test_service_refuses_too_long_and_keeps_what_was_saved(cluster_of_two, admin_user):
    cluster, (a, b) = cluster_of_two
    services.cluster_year_set_roles(cluster=cluster, year=2024, chair=a, vice_chair=b,
                                    acting_user=admin_user, note="Biên bản hội nghị")
    with pytest.raises(ValidationError) as refused:
        services.cluster_year_set_roles(cluster=cluster, year=2024, chair=b, vice_chair=a,
                                        acting_user=admin_user, note="x" * 2001)
    assert refused.value.message_dict["note"] == [TOO_LONG]
    year = ClusterYear.objects.get(cluster=cluster, year=2024)
    assert (year.note, year.chair) == ("Biên bản hội nghị", a)


def test_plain_save_and_update_and_lookups_normalise_too(db):
    province = Province.objects.create(name=NFD_NAME + RLO)
    assert province.name == NFC_NAME  # pre_save writes back the cleaned value
    assert Province.objects.get(pk=province.pk).name == NFC_NAME
    Province.objects.filter(pk=province.pk).update(name="Huế\u200b")
    assert Province.objects.get(pk=province.pk).name == "Huế"
    assert Province.objects.get(name=unicodedata.normalize("NFD", "Huế"),
                                kind=Province.Kind.PROVINCE) == province


def test_the_form_of_the_page_refuses_too_long_and_stores_nfc(cluster_of_two):
    cluster, (a, b) = cluster_of_two
    form = ClusterYearRolesForm({"chair": a.pk, "vice_chair": b.pk, "note": "ệ" * 2001},
                                members=[a, b])
    assert not form.is_valid() and form.errors["note"] == [TOO_LONG]
    form = ClusterYearRolesForm({"chair": a.pk, "vice_chair": b.pk, "note": NFD_NAME + RLO},
                                members=[a, b])
    assert form.is_valid() and form.cleaned_data["note"] == NFC_NAME


def test_admin_stores_nfc_and_refuses_too_long(admin_client, db):
    """The admin's forms come from the model fields: the same cleaning and limits."""
    before = Province.objects.count()  # the registry's provinces
    response = admin_client.post("/quan-tri/cluster/province/add/", {
        "name": NFD_NAME + RLO, "kind": "tinh", "valid_from": "", "valid_to": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Province.objects.get(name=NFC_NAME).name == NFC_NAME
    response = admin_client.post("/quan-tri/cluster/province/add/", {
        "name": "ệ" * 101, "kind": "tinh"})
    assert response.status_code == 200
    assert "Nội dung dài quá giới hạn: tối đa 100 ký tự (hiện có 101)." in (
        response.content.decode())
    assert Province.objects.count() == before + 1


def test_the_migration_step_cleans_what_was_stored_before(cluster_of_two):
    """Rows stored before the fields cleaned anything are cleaned by the migrations."""
    cluster, (a, b) = cluster_of_two
    nfc = "Sở Nội vụ thử nghiệm"  # a name the registry (which ships every Sở Nội vụ) has not
    nfd = unicodedata.normalize("NFD", nfc)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cluster_unit SET name = %s, short_name = %s WHERE id = %s",
                       [nfd + RLO, "A\u200b", a.pk])
    assert Unit.objects.values_list("name", flat=True).get(pk=a.pk) == nfd + RLO
    from django.apps import apps
    normalise_stored_text("cluster")(apps, connection.schema_editor())
    assert Unit.objects.values_list("name", "short_name").get(pk=a.pk) == (nfc, "A")


def test_limits_are_the_constants_every_app_uses():
    from commendations.models import Nomination
    from pledges.models import Commitment
    from results.models import GoodPractice
    assert GoodPractice._meta.get_field("description").max_length == SECTION_MAX
    assert Commitment._meta.get_field("text").max_length == 5_000
    assert Nomination._meta.get_field("summary").max_length == 5_000


# --- spreadsheets -----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"http://x\",\"bấm\")", "'=HYPERLINK(\"http://x\",\"bấm\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("  =1", "'  =1"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("95,50", "95,50"),
    (12, 12),
    (None, None),
])
def test_spreadsheet_safe(value, safe):
    assert spreadsheet_safe(value) == safe
    assert not isinstance(value, str) or is_formula_like(value) == (safe != value)

"""Characters the document fonts cannot print (issue #15): refused at input with a message that
names them, through the fields every app uses (forms, services, the admin); what was stored
before prints as a visible "□" (tests/reports/test_docx_layout.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from fontTools.ttLib import TTFont

from cluster import services
from cluster.fields import UserCharField, UserTextField, UserTextFormField
from cluster.forms import ClusterYearRolesForm
from cluster.models import ClusterYear, Province, Unit
from cluster.printable import (
    PRINTABLE_RANGES,
    REPLACEMENT,
    PrintableTextValidator,
    replace_unprintable,
    unprintable_characters,
)

FONTS = Path(settings.BASE_DIR) / "reports" / "static" / "reports" / "fonts"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")
VIETNAMESE = (
    "Aa Ăă Ââ Bb Cc Dd Đđ Ee Êê Gg Hh Ii Kk Ll Mm Nn Oo Ôô Ơơ Pp Qq Rr Ss Tt Uu Ưư Vv Xx Yy "
    "à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ề ế ể ễ ệ ì í ỉ ĩ ị ò ó ỏ õ ọ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ "
    "ù ú ủ ũ ụ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ ẠẶẬẸỆỊỌỘỢỤỰỴ “Đoàn kết” ‘x’ – — … • № ≤ ≥ ° % € → ½"
)
SMILE = "Hoàn thành xuất sắc 😀"
ONE = "Ký tự “😀” không in được trong văn bản hành chính; vui lòng bỏ hoặc thay bằng chữ."


def code_points(ranges) -> set[int]:
    return {code for first, last in ranges for code in range(first, last + 1)}


# --- the set of printable characters -------------------------------------------------------------


def test_the_ranges_are_the_cmap_of_the_shipped_fonts():
    """The written-out ranges and the fonts agree: every listed character has a glyph in all
    four faces, and no character all four faces have is missing from the list."""
    maps = []
    for face in FACES:
        with TTFont(FONTS / f"LiberationSerif-{face}.ttf") as font:
            maps.append(set(font.getBestCmap()))
    in_every_face = set.intersection(*maps)
    assert code_points(PRINTABLE_RANGES) == in_every_face
    assert all(first <= last for first, last in PRINTABLE_RANGES)
    assert all(a[1] + 1 < b[0] for a, b in zip(PRINTABLE_RANGES, PRINTABLE_RANGES[1:],
                                                 strict=False))  # sorted, not touching
    assert ord(REPLACEMENT) in in_every_face  # the "□" prints


def test_vietnamese_and_the_usual_punctuation_print():
    assert unprintable_characters(VIETNAMESE + "\n\tdòng hai") == []
    assert replace_unprintable(VIETNAMESE) == VIETNAMESE


@pytest.mark.parametrize(("text", "found", "printed"), [
    (SMILE, ["😀"], "Hoàn thành xuất sắc □"),
    ("Đạt ✓ và ✓", ["✓"], "Đạt □ và □"),
    ("Tim ❤️ xanh", ["❤"], "Tim □ xanh"),  # the emoji's variation selector goes with it
    ("Khen 👍🏽!", ["👍"], "Khen □!"),  # and a skin-tone modifier
    ("Chữ Hán 中文", ["中", "文"], "Chữ Hán □□"),
    ("©️ 2022", ["\ufe0f"], "©□ 2022"),  # a variation selector on a printable character
])
def test_unprintable_characters_named_and_replaced_visibly(text, found, printed):
    assert unprintable_characters(text) == found
    assert replace_unprintable(text) == printed


def test_replacement_keeps_what_a_renderer_adds_on_purpose():
    assert replace_unprintable("Hà\u2060Tĩnh 😀", keep="\u2060") == "Hà\u2060Tĩnh □"
    assert replace_unprintable("Hà\u2060Tĩnh") == "Hà□Tĩnh"


# --- the validator and its message ---------------------------------------------------------------


def messages(text: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        PrintableTextValidator()(text)
    return refused.value.messages


def test_the_message_names_the_character():
    assert messages(SMILE) == [ONE]
    assert messages("😀 ✓ 😀") == [
        "Các ký tự “😀”, “✓” không in được trong văn bản hành chính; vui lòng bỏ hoặc thay "
        "bằng chữ."]
    # What would be invisible between quotes is named by its code point.
    assert messages("©\ufe0f") == [
        "Ký tự U+FE0F không in được trong văn bản hành chính; vui lòng bỏ hoặc thay bằng chữ."]
    assert messages("😀😁😂🤣😃😄😅") == [
        "Các ký tự “😀”, “😁”, “😂”, “🤣”, “😃”, … không in được trong văn bản hành chính; "
        "vui lòng bỏ hoặc thay bằng chữ."]


def test_printable_text_passes():
    PrintableTextValidator()(VIETNAMESE)
    PrintableTextValidator()(None)
    PrintableTextValidator()("")


def test_every_user_text_field_refuses_and_no_migration_records_it():
    fields = [Unit._meta.get_field("name"), ClusterYear._meta.get_field("note")]
    assert isinstance(fields[0], UserCharField) and isinstance(fields[1], UserTextField)
    for field in fields:
        assert any(isinstance(v, PrintableTextValidator) for v in field.validators)
        assert "validators" not in field.deconstruct()[3]
    assert any(isinstance(v, PrintableTextValidator)
               for v in UserTextFormField(max_length=10).validators)


@pytest.mark.django_db
def test_no_migration_is_missing():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_full_clean_refuses_with_the_message():
    unit = Unit(name="Sở Nội vụ 😀")
    with pytest.raises(ValidationError) as refused:
        unit.clean_fields(exclude={f.name for f in Unit._meta.fields} - {"name"})
    assert refused.value.message_dict == {"name": [
        "Ký tự “😀” không in được trong văn bản hành chính; vui lòng bỏ hoặc thay bằng chữ."]}


# --- nothing saved on refusal: a service, a page's form, the admin -------------------------------



def test_service_refuses_and_keeps_what_was_saved(cluster_of_two, admin_user):
    cluster, (a, b) = cluster_of_two
    services.cluster_year_set_roles(cluster=cluster, year=2024, chair=a, vice_chair=b,
                                    acting_user=admin_user, note="Biên bản hội nghị")
    history = ClusterYear.history.count()
    with pytest.raises(ValidationError) as refused:
        services.cluster_year_set_roles(cluster=cluster, year=2024, chair=b, vice_chair=a,
                                        acting_user=admin_user, note=f"Biên bản {SMILE}")
    assert refused.value.message_dict["note"] == [ONE]
    year = ClusterYear.objects.get(cluster=cluster, year=2024)
    assert (year.note, year.chair) == ("Biên bản hội nghị", a)
    assert ClusterYear.history.count() == history


def test_the_form_of_the_page_refuses(cluster_of_two):
    cluster, (a, b) = cluster_of_two
    form = ClusterYearRolesForm({"chair": a.pk, "vice_chair": b.pk, "note": SMILE},
                                members=[a, b])
    assert not form.is_valid() and form.errors["note"] == [ONE]


def test_admin_refuses_and_saves_nothing(admin_client, db):
    before = Province.objects.count()
    response = admin_client.post("/quan-tri/cluster/province/add/", {
        "name": "Tỉnh 😀", "kind": "tinh", "valid_from": "", "valid_to": ""})
    assert response.status_code == 200
    assert "Ký tự “😀” không in được trong văn bản hành chính" in response.content.decode()
    assert Province.objects.count() == before

"""The small parts every document shares: the place of the date line over time, the signer's
position, the fingerprint, the verification code."""

import datetime
from decimal import Decimal

import pytest

from cluster.models import Province
from reports import services
from reports.kinds.common import (
    canonical_json,
    fingerprint,
    place_on,
    points_text,
    position_of,
)
from tests.factories import ProvinceFactory

D = datetime.date


@pytest.mark.django_db
def test_place_is_the_official_name_of_the_day():
    quang_tri = ProvinceFactory(name="Quảng Trị")
    quang_binh = ProvinceFactory(name="Quảng Bình", valid_to=D(2025, 6, 30), successor=quang_tri)
    city = ProvinceFactory(name="Huế", kind=Province.Kind.CITY, valid_from=D(2025, 1, 1))
    old_hue = ProvinceFactory(name="Thừa Thiên Huế", valid_to=D(2024, 12, 31), successor=city)
    assert place_on(quang_binh, D(2025, 6, 30)) == "Quảng Bình"
    assert place_on(quang_binh, D(2025, 7, 1)) == "Quảng Trị"
    assert place_on(old_hue, D(2022, 6, 24)) == "Thừa Thiên Huế"
    assert place_on(old_hue, D(2025, 2, 5)) == "Huế"
    assert place_on(quang_tri, D(2030, 1, 1)) == "Quảng Trị"


@pytest.mark.parametrize("title,position", [
    ("Tỉnh ủy viên, Giám đốc Sở Nội vụ", "Giám đốc"),
    ("Phó Giám đốc", "Phó Giám đốc"),
    ("Phó giám đốc Sở", "Phó Giám đốc"),
    ("Chánh Văn phòng", "Chánh Văn phòng"),
    ("", "Giám đốc"),
])
def test_position_of_the_signer(title, position):
    assert position_of(title) == position


def test_fingerprint_is_canonical_and_refuses_what_is_not_json():
    assert fingerprint({"a": 1, "b": [1, "ạ"]}) == fingerprint({"b": [1, "ạ"], "a": 1})
    assert fingerprint({"a": "92.5"}) != fingerprint({"a": "92.50"})
    assert canonical_json({"b": "ữ", "a": None}) == '{"a":null,"b":"ữ"}'.encode()
    with pytest.raises(TypeError):
        canonical_json({"points": Decimal("1.5")})
    assert points_text(Decimal("92.50")) == "92.5" and points_text(Decimal("60.00")) == "60"


@pytest.mark.django_db
def test_verification_codes_are_short_and_unambiguous():
    codes = {services.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10 and not set(code) & set("01OI")
        assert set(code) <= set(services.CODE_ALPHABET)
    assert services.normalise_code(" ab2c-d3ef 4g ") == "AB2CD3EF4G"

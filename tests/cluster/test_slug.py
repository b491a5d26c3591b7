"""One Vietnamese-aware slug function for every slug, in the app and in admin (issue #13):
"đ" is "d", never "dj", and no Vietnamese letter is dropped."""

import pytest
from django.contrib import admin

from cluster.models import Cluster
from cluster.text import vietnamese_slug

LONG_NAME = "Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long"


@pytest.mark.parametrize(("text", "slug"), [
    (LONG_NAME, "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long"),
    ("Khối thi đua ĐẶC BIỆT — Ưu tiên; Ơn nghĩa", "khoi-thi-dua-dac-biet-uu-tien-on-nghia"),
    ("  Hội nghị sơ kết 6 tháng (2022)!  ", "hoi-nghi-so-ket-6-thang-2022"),
    ("Đắk Lắk", "dak-lak"),
    ("", ""),
])
def test_vietnamese_slug(text, slug):
    assert vietnamese_slug(text) == slug


def test_vietnamese_slug_cuts_at_a_word_within_the_length():
    assert vietnamese_slug(LONG_NAME, max_length=20) == "cum-thi-dua-cac-so"
    assert vietnamese_slug("đ" * 30, max_length=10) == "d" * 10


@pytest.mark.django_db
def test_admin_fills_a_blank_slug_from_the_name_and_numbers_a_taken_one(admin_client):
    assert not admin.site._registry[Cluster].prepopulated_fields  # its JavaScript wrote "dj"
    assert admin_client.get("/quan-tri/cluster/cluster/add/").status_code == 200
    data = {"name": LONG_NAME, "slug": "", "kind": "cum", "series_code": "CTĐ",
            "superior_body": "Bộ Nội vụ", "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0"}
    response = admin_client.post("/quan-tri/cluster/cluster/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Cluster.objects.get(name=LONG_NAME).slug == (
        "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long")
    response = admin_client.post("/quan-tri/cluster/cluster/add/",
                                 {**data, "name": LONG_NAME + " (khối)"})
    assert response.status_code == 302
    assert Cluster.objects.get(name=LONG_NAME + " (khối)").slug == (
        "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long-khoi")


@pytest.mark.django_db
def test_a_blank_slug_taken_by_another_cluster_gets_a_number():
    Cluster.objects.create(name="Cụm A", slug="cum-thi-dua")
    cluster = Cluster(name="Cụm thi đua")
    cluster.clean()
    assert cluster.slug == "cum-thi-dua-2"
    kept = Cluster(name="Cụm thi đua", slug="ten-rieng")
    kept.clean()
    assert kept.slug == "ten-rieng"

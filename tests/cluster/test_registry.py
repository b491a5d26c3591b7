"""The country's registry that ships with the app (``cluster/registry``), as its data migration
leaves it: 63 provinces and cities on any day before 1/7/2025, 34 from it, Huế a city from
1/1/2025, every successor chain ending in a province valid today, and one Sở Nội vụ per
province with the same dates and links. The migration's own function is run (idempotent), so
the outcome does not depend on which test flushed the database before."""

import datetime
import io
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from cluster.models import Province, Unit
from cluster.registry import province_rows, unchecked_rows

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def registry():
    import_module("cluster.migrations.0003_registry").load(django_apps, None)


def test_the_data_file_has_63_before_and_34_after_with_a_source_on_every_row():
    rows = province_rows()
    assert len(rows) == 64  # 63 + thành phố Huế, which replaced Thừa Thiên Huế on 1/1/2025
    assert all(row.source for row in rows)
    assert all(row.checked_against.startswith("https://") for row in rows)
    merged = [row for row in rows if row.valid_to == D(2025, 6, 30)]
    assert len(merged) == 29 and all(row.successor for row in merged)
    assert {row.successor for row in merged} >= {"Quảng Trị", "Vĩnh Long", "Hồ Chí Minh"}
    assert {row.name for row in unchecked_rows()} >= {"Kon Tum", "Quảng Nam"}


def test_counts_before_and_after_the_reorganisation(registry):
    assert Province.objects.valid_on(D(2024, 12, 31)).count() == 63
    assert Province.objects.valid_on(D(2025, 6, 30)).count() == 63
    after = Province.objects.valid_on(D(2025, 7, 1))
    assert after.count() == 34
    assert after.filter(kind=Province.Kind.CITY).count() == 6
    assert after.filter(kind=Province.Kind.PROVINCE).count() == 28
    assert Unit.objects.valid_on(D(2025, 6, 30)).count() == 63
    assert Unit.objects.valid_on(D(2025, 7, 1)).count() == 34


def test_hue_becomes_a_city_on_1_january_2025(registry):
    city = Province.objects.get(name="Huế", kind=Province.Kind.CITY)
    old = Province.objects.get(name="Thừa Thiên Huế", kind=Province.Kind.PROVINCE)
    assert (city.valid_from, city.valid_to) == (D(2025, 1, 1), None)
    assert (old.valid_to, old.successor) == (D(2024, 12, 31), city)
    unit = Unit.objects.get(name="Sở Nội vụ tỉnh Thừa Thiên Huế")
    assert unit.successor == Unit.objects.get(name="Sở Nội vụ thành phố Huế")


def test_every_successor_chain_ends_in_a_province_valid_today(registry):
    today = datetime.date.today()
    valid_today = set(Province.objects.valid_on(today).values_list("pk", flat=True))
    successor = dict(Province.objects.values_list("pk", "successor_id"))
    for pk in successor:
        seen = {pk}
        while successor[pk] is not None:
            pk = successor[pk]
            assert pk not in seen
            seen.add(pk)
        assert pk in valid_today


def test_a_merged_province_s_department_succeeds_to_the_continuing_one(registry):
    quang_binh = Unit.objects.select_related("province", "successor").get(
        name="Sở Nội vụ tỉnh Quảng Bình")
    assert quang_binh.valid_to == D(2025, 6, 30)
    assert quang_binh.successor.name == "Sở Nội vụ tỉnh Quảng Trị"
    assert quang_binh.province.successor == quang_binh.successor.province
    ba_ria = Unit.objects.get(name="Sở Nội vụ tỉnh Bà Rịa - Vũng Tàu")
    assert ba_ria.successor.name == "Sở Nội vụ thành phố Hồ Chí Minh"
    for unit in Unit.objects.select_related("province"):
        assert (unit.valid_from, unit.valid_to, unit.short_name) == (
            unit.province.valid_from, unit.province.valid_to, unit.province.name)


def test_loading_again_changes_nothing_and_restores_edited_rows(registry):
    counts = (Province.objects.count(), Unit.objects.count())
    Province.objects.filter(name="Quảng Bình").update(valid_to=None, successor=None)
    out = io.StringIO()
    call_command("load_registry", stdout=out)
    assert "Đã nạp 64 tỉnh, thành phố và 64 Sở Nội vụ." in out.getvalue()
    assert (Province.objects.count(), Unit.objects.count()) == counts
    quang_binh = Province.objects.get(name="Quảng Bình")
    assert (quang_binh.valid_to, quang_binh.successor.name) == (D(2025, 6, 30), "Quảng Trị")


def test_the_demo_reuses_the_registry_rows(registry):
    from cluster import demo

    before = (Province.objects.count(), Unit.objects.count())
    demo.load()
    assert (Province.objects.count(), Unit.objects.count()) == before

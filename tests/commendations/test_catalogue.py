"""The national award catalogue that ships with the app (``commendations.national_catalogue``,
applied by the data migration ``commendations.0004``), and the bình xét set-up from an empty
catalogue and from the shipped one (issue #13: a false "đã có quy tắc cho mọi hình thức")."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from commendations import services
from commendations.models import AwardForm, AwardRule
from commendations.national_catalogue import CATALOGUE, catalogue_load
from tests.factories import cluster_with_members

pytestmark = pytest.mark.django_db
DEMO_CODES = {"co_chinh_phu", "co_bo_noi_vu", "bang_khen_thu_tuong", "bang_khen_bo_truong",
              "tap_the_lao_dong_xuat_sac", "chien_si_thi_dua"}
REQUIRED = DEMO_CODES | {
    "chien_si_thi_dua_toan_quoc", "chien_si_thi_dua_tinh", "chien_si_thi_dua_co_so",
    "lao_dong_tien_tien", "giay_khen", "co_uy_ban_tinh", "bang_khen_chu_tich_tinh",
    "huan_chuong_lao_dong_hang_nhat", "huan_chuong_lao_dong_hang_nhi",
    "huan_chuong_lao_dong_hang_ba", "huan_chuong_doc_lap_hang_nhat",
    "huan_chuong_doc_lap_hang_nhi", "huan_chuong_doc_lap_hang_ba"}


@pytest.fixture
def empty_catalogue():
    AwardForm.objects.all().delete()


@pytest.fixture
def shipped(empty_catalogue):
    import_module("commendations.migrations.0004_national_catalogue").load(django_apps, None)


def test_the_migration_ships_every_code_with_its_legal_basis(shipped):
    awards = {a.code: a for a in AwardForm.objects.all()}
    assert set(awards) == REQUIRED == {entry.code for entry in CATALOGUE}
    for award in awards.values():
        assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in award.legal_basis
        assert "152/2025/NĐ-CP (từ 01/7/2025)" in award.legal_basis
        assert "98/2023/NĐ-CP (trước 01/7/2025)" in award.legal_basis
        assert award.is_active and not award.is_illustrative
    assert awards["co_chinh_phu"].legal_basis.startswith("Điều 25 Luật")
    assert "chưa đối chiếu" not in awards["co_chinh_phu"].legal_basis
    assert "chưa đối chiếu" in awards["giay_khen"].legal_basis
    assert {c for c, a in awards.items() if a.default_rule} == DEMO_CODES


def test_applying_it_again_keeps_an_administrator_s_edits(shipped):
    AwardForm.objects.filter(code="giay_khen").update(name="Giấy khen của Giám đốc Sở",
                                                      is_active=False)
    AwardForm.objects.filter(code="lao_dong_tien_tien").delete()
    assert catalogue_load() == ["lao_dong_tien_tien"]
    edited = AwardForm.objects.get(code="giay_khen")
    assert (edited.name, edited.is_active) == ("Giấy khen của Giám đốc Sở", False)
    assert AwardForm.objects.count() == len(CATALOGUE)


def test_a_name_an_administrator_gave_to_another_code_is_not_duplicated(empty_catalogue):
    AwardForm.objects.create(code="ldtt", name="Lao động tiên tiến", category="danh_hieu",
                             level="co_so", recipient="ca_nhan", conferred_by="Giám đốc Sở")
    created = catalogue_load()
    assert "lao_dong_tien_tien" not in created and len(created) == len(CATALOGUE) - 1
    assert AwardForm.objects.filter(name="Lao động tiên tiến").count() == 1


def test_setting_up_the_year_from_an_empty_catalogue_says_the_catalogue_is_empty(
        empty_catalogue):
    cluster = cluster_with_members(units=3, first_year=2026)
    with pytest.raises(services.CommendationError) as refused:
        services.award_rules_create_for_year(cluster=cluster, year=2026, acting_user=None)
    assert "Chưa có hình thức khen thưởng nào trong danh mục" in str(refused.value)
    assert "đã có quy tắc" not in str(refused.value)
    assert not AwardRule.objects.exists()


def test_a_catalogue_without_default_rules_says_so(empty_catalogue):
    catalogue_load()
    AwardForm.objects.update(default_rule="")
    cluster = cluster_with_members(units=3, first_year=2026)
    with pytest.raises(services.CommendationError) as refused:
        services.award_rules_create_for_year(cluster=cluster, year=2026, acting_user=None)
    assert "có quy tắc mặc định" in str(refused.value)


def test_setting_up_the_year_from_the_shipped_catalogue_creates_its_rules(shipped):
    cluster = cluster_with_members(units=3, first_year=2026)
    created = services.award_rules_create_for_year(cluster=cluster, year=2026, acting_user=None)
    assert {rule.award.code for rule in created} == DEMO_CODES
    government = AwardRule.objects.get(cluster=cluster, year=2026, award__code="co_chinh_phu")
    assert government.threshold_percent == 80 and government.quota_percent == 20
    with pytest.raises(services.CommendationError) as again:
        services.award_rules_create_for_year(cluster=cluster, year=2026, acting_user=None)
    assert "Năm 2026 đã có quy tắc cho mọi hình thức" in str(again.value)

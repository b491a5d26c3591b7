"""Conferences: the place of the day, co-hosts, delegates, the record, the public bulletin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import demo, selectors, services
from campaigns.models import Conference, Delegate
from cluster.models import Province

pytestmark = pytest.mark.django_db


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def conference(north_central):
    return selectors.conference_list(cluster=north_central, year=2022)[0]


def create(cluster, **kwargs):
    defaults = dict(cluster=cluster, year=2022, kind=Conference.Kind.YEAREND,
                    title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022",
                    starts_at=at(2022, 12, 20, 8, 0),
                    province=Province.objects.get(name="Nghệ An"), acting_user=None)
    return services.conference_create(**{**defaults, **kwargs})


def test_demo_conference_matches_the_article(conference, units):
    assert conference.place_name == "thành phố Huế, tỉnh Thừa Thiên Huế"
    assert conference.kind == Conference.Kind.MIDYEAR and conference.signs_pledge
    assert [(h.unit, h.role) for h in selectors.conference_hosts(conference=conference)] == [
        (units["quangtri"], "Cụm trưởng"), (units["hue"], "Cụm phó")]
    delegates = selectors.delegate_list(conference=conference)
    assert len(delegates) == 18
    assert {d.unit for d in delegates} == {units[k] for k in (
        "thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue")}
    assert conference.opening_speaker == "đồng chí Ngô Quang Chiến"
    assert conference.opening_speaker_title == (
        "Tỉnh ủy viên, Giám đốc Sở Nội vụ tỉnh Quảng Trị (Cụm trưởng năm 2022)")
    assert conference.shortcoming_items == demo.SHORTCOMINGS
    assert conference.achievement_items == demo.ACHIEVEMENTS
    assert conference.shortcoming_items[2] == (
        "Công tác đào tạo, bồi dưỡng, phát hiện và nhân rộng điển hình tiên tiến chưa đáp ứng "
        "yêu cầu theo tinh thần Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị.")
    assert conference.is_published


def test_conference_list_by_kind_includes_combined_pledge_signing(north_central, conference):
    assert selectors.conference_list(cluster=north_central, year=2022,
                                     kind=Conference.Kind.PLEDGE_SIGNING) == [conference]
    assert selectors.conference_list(cluster=north_central, year=2022,
                                     kind=Conference.Kind.YEAREND) == []
    assert selectors.conference_list(cluster=north_central, year=2023) == []


def test_default_hosts_are_the_chair_and_vice_chair(north_central, units):
    created = create(north_central)
    assert set(created.hosts.all()) == {units["quangtri"], units["hue"]}
    assert created.slug.endswith("-20-12-2022")


def test_place_must_be_in_force_on_the_day(north_central):
    old_hue = Province.objects.get(name="Thừa Thiên Huế")
    with pytest.raises(ValidationError) as error:
        create(north_central, year=2025, starts_at=at(2025, 6, 24, 8, 0), province=old_hue,
               hosts=[])
    assert error.value.message_dict["province"] == [
        "Ngày 24/6/2025, tỉnh Thừa Thiên Huế không còn (hoặc chưa) là đơn vị hành chính có "
        "hiệu lực; tên chính thức khi đó là thành phố Huế."]
    city = Province.objects.get(name="Huế")
    with pytest.raises(ValidationError, match="không còn \\(hoặc chưa\\)"):
        create(north_central, province=city)  # the city did not exist in 2022
    assert not Conference.objects.filter(year=2025).exists()
    created = create(north_central, year=2025, starts_at=at(2025, 6, 24, 8, 0), province=city,
                     locality="thành phố Huế")
    assert created.place_name == "thành phố Huế"
    assert list(created.hosts.all()) == []  # no chair confirmed for 2025 in the demo


@pytest.mark.parametrize("kwargs, field", [
    ({"title": " "}, "title"),
    ({"starts_at": at(2024, 1, 10, 8, 0)}, "starts_at"),
])
def test_bad_conference_is_refused_and_nothing_saved(north_central, kwargs, field):
    before = Conference.objects.count()
    with pytest.raises(ValidationError) as error:
        create(north_central, **kwargs)
    assert field in error.value.message_dict
    assert Conference.objects.count() == before


def test_year_end_conference_may_be_held_early_next_year(north_central):
    assert create(north_central, starts_at=at(2023, 1, 12, 8, 0)).year == 2022


def test_hosts_must_be_members_that_year(north_central, units):
    with pytest.raises(ValidationError, match="Sở Nội vụ tỉnh Gia Lai"):
        create(north_central, hosts=[units["gialai"], units["nghean"]])


def test_delegates(conference, units):
    with pytest.raises(ValidationError) as error:
        services.delegate_add(conference=conference, job_title="", acting_user=None)
    assert set(error.value.message_dict) == {"job_title", "unit"}
    with pytest.raises(ValidationError, match="không phải là thành viên"):
        services.delegate_add(conference=conference, job_title="Phó Giám đốc",
                              unit=units["gialai"], acting_user=None)
    guest = services.delegate_add(conference=conference, full_name="Nguyễn Văn A",
                                  job_title="Chuyên viên", unit_name="Bộ Nội vụ",
                                  acting_user=None)
    assert guest.organisation == "Bộ Nội vụ" and guest.order == 19
    services.delegate_remove(delegate=guest, acting_user=None)
    assert not Delegate.objects.filter(pk=guest.pk).exists()


def test_bulletin_is_public_only_once_published(client, users, conference):
    url = f"/cong-khai/ban-tin/{conference.slug}/"
    html = client.get(url).content.decode()
    assert "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm" in html
    assert "thành phố Huế, tỉnh Thừa Thiên Huế" in html
    assert ("Sở Nội vụ tỉnh Quảng Trị (đơn vị Cụm trưởng năm 2022) và Sở Nội vụ tỉnh Thừa "
            "Thiên Huế (đơn vị Cụm phó năm 2022) đồng chủ trì.") in html
    assert "campaigns/bulletin.css" in html and "<script>" not in html
    services.conference_set_published(conference=conference, published=False,
                                      acting_user=None)
    assert client.get(url).status_code == 404
    client.force_login(users["lanhdao.nghean"])
    assert client.get(url).status_code == 404
    client.force_login(users["canbo.quangtri"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert client.get("/cong-khai/ban-tin/khong-co/").status_code == 404


def test_publish_view_records_who_and_when(client, users, conference):
    services.conference_set_published(conference=conference, published=False,
                                      acting_user=None)
    client.force_login(users["canbo.quangtri"])
    url = f"/cum/snv-bac-trung-bo/2022/hoi-nghi/{conference.pk}/cong-bo/"
    response = client.post(url, {"cong-bo": "1"}, follow=True)
    assert "Đã công bố bản tin" in response.content.decode()
    conference.refresh_from_db()
    assert conference.published_by == users["canbo.quangtri"]
    assert conference.history.latest().history_user == users["canbo.quangtri"]


def test_conference_form_keeps_input_and_explains_the_place(client, users, north_central):
    """A province in force in the year, but no longer on the day of the conference."""
    client.force_login(users["canbo.quangtri"])
    merged = Province.objects.create(name="Sáp Nhập", valid_to=datetime.date(2022, 6, 30),
                                     successor=Province.objects.get(name="Nghệ An"))
    response = client.post("/cum/snv-bac-trung-bo/2022/hoi-nghi/moi/", {
        "kind": "tong_ket", "title": "Hội nghị tổng kết năm 2022",
        "starts_at": "2022-12-20T08:00", "province": merged.pk, "locality": "Vinh",
    })
    html = response.content.decode()
    assert (f"{merged.official_name} không còn (hoặc chưa) là đơn vị hành chính có hiệu lực"
            in html)
    assert 'value="Hội nghị tổng kết năm 2022"' in html
    assert not Conference.objects.filter(title="Hội nghị tổng kết năm 2022").exists()


def province_choices(year, province_id=None) -> set[str]:
    from campaigns.forms import ConferenceForm
    from campaigns.models import LegalDocument
    from cluster.models import Unit

    form = ConferenceForm(members=Unit.objects.none(), documents=LegalDocument.objects.none(),
                          year=year, province_id=province_id)
    return {province.name for province in form.fields["province"].queryset}


def test_conference_form_lists_the_provinces_in_force_in_the_year_or_the_next(north_central):
    """A conference of 2022 meets in 2022 or (year-end) early 2023: Thừa Thiên Huế, not the
    city of Huế (from 2025); one of 2026 after the mergers: Huế and Quảng Trị, not Quảng Bình
    (until 30/6/2025) nor Thừa Thiên Huế (until 2024)."""
    in_2022, in_2025 = province_choices(2022), province_choices(2025)
    in_2026 = province_choices(2026)
    assert {"Nghệ An", "Thừa Thiên Huế", "Quảng Bình"} <= in_2022 and "Huế" not in in_2022
    assert {"Huế", "Quảng Bình", "Quảng Trị"} <= in_2025 and "Thừa Thiên Huế" not in in_2025
    assert {"Huế", "Quảng Trị", "Nghệ An"} <= in_2026
    assert not {"Quảng Bình", "Thừa Thiên Huế"} & in_2026
    assert len(in_2026) < Province.objects.count()


def test_conference_form_keeps_the_province_a_conference_already_has(client, users,
                                                                      conference):
    """Editing a conference whose place is no longer in force for its year keeps it listed
    and selected (the service then explains what was the official name on the day)."""
    old = Province.objects.create(name="Đã Giải Thể", valid_to=datetime.date(2020, 12, 31))
    Conference.objects.filter(pk=conference.pk).update(province=old)
    assert "Đã Giải Thể" not in province_choices(2022)
    assert "Đã Giải Thể" in province_choices(2022, province_id=old.pk)
    client.force_login(users["canbo.quangtri"])
    html = client.get(f"/cum/snv-bac-trung-bo/2022/hoi-nghi/{conference.pk}/sua/"
                      ).content.decode()
    assert f'<option value="{old.pk}" selected>' in html

"""The person registry and the honours look-up (issue #16): names found without diacritics and
by the beginning of words, a person who moved shows the honours of both units, the migration's
backfill, merging two records of one person, bad input, the printable list, the number of
queries whatever the number of honours."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster.models import Cluster, SecretariatGrant, SuperiorBody, User
from commendations import selectors, services
from commendations.models import (
    DocumentKind,
    Dossier,
    DossierStatus,
    GrantedAward,
    Nomination,
    PastHonour,
    Person,
    Posting,
    Proposal,
)
from commendations.registry_backfill import backfill_people
from commendations.selectors import LookupFilters
from tests.commendations.factories import catalogue
from tests.factories import UserFactory, cluster_with_members

pytestmark = pytest.mark.django_db
LOOKUP = "/cum/snv-bac-trung-bo/tra-cuu/"


@pytest.fixture
def secretary(users, north_central):
    SecretariatGrant.objects.create(user=users["canbo.quangtri"], cluster=north_central,
                                    year=None)
    return users["canbo.quangtri"]


@pytest.fixture
def named(north_central, units, secretary):
    """Three people of the cluster with past honours imported for them."""
    award = selectors.lookup_awards()[0]
    rows = [("Nguyễn Thị Hà", "hatinh", 2019), ("Nguyễn Thị Hạnh", "nghean", 2020),
            ("Đặng Văn Đức", "thanhhoa", 2021)]
    for name, key, year in rows:
        services.past_honour_save(cluster=north_central, year=2022, unit=units[key],
                                  award=award, honour_year=year, person_name=name,
                                  acting_user=secretary)
    return award


def _names(cluster, query, **filters):
    page = selectors.honour_search(cluster=cluster, filters=LookupFilters(query=query,
                                                                          **filters))
    return sorted(r.person_name or r.unit.name for r in page.object_list)


def test_a_name_typed_without_diacritics_finds_the_person(north_central, named):
    assert _names(north_central, "nguyen thi ha") == ["Nguyễn Thị Hà", "Nguyễn Thị Hạnh"]
    assert _names(north_central, "NGUYEN THI HANH") == ["Nguyễn Thị Hạnh"]
    assert _names(north_central, "Nguyễn Thị Hà") == ["Nguyễn Thị Hà", "Nguyễn Thị Hạnh"]
    assert _names(north_central, "dang van duc") == ["Đặng Văn Đức"]  # đ is d
    assert _names(north_central, "đức") == ["Đặng Văn Đức"]


def test_each_word_must_begin_a_word_of_the_name(north_central, named):
    assert _names(north_central, "ng th ha") == ["Nguyễn Thị Hà", "Nguyễn Thị Hạnh"]
    assert _names(north_central, "hanh nguyen") == ["Nguyễn Thị Hạnh"]
    assert _names(north_central, "guyen") == []
    assert _names(north_central, "anh") == []


def test_a_collective_is_found_by_its_units_name(north_central, named):
    names = _names(north_central, "quang tri")
    assert names and set(names) == {"Sở Nội vụ tỉnh Quảng Trị"}  # its flag, not its people
    assert _names(north_central, "quang tri", kind="ca-nhan") == []


def test_the_filters_narrow_the_list(north_central, named, units):
    assert _names(north_central, "", year_from=2020, year_to=2020, kind="ca-nhan") == [
        "Nguyễn Thị Hạnh", "Nguyễn Thị Minh Họa", "Trần Văn Minh Họa"]  # and the demo's mover
    assert _names(north_central, "nguyen thi ha", unit_id=units["hatinh"].pk) == [
        "Nguyễn Thị Hà"]
    assert _names(north_central, "nguyen", award_id=named.pk + 10_000) == []


def test_the_page_finds_without_diacritics_and_escapes_names(client, users, north_central,
                                                             units, secretary, named):
    services.past_honour_save(cluster=north_central, year=2022, unit=units["hue"], award=named,
                              honour_year=2018, person_name="Lê Thị <b>Hà</b>",
                              acting_user=secretary)
    client.force_login(users["lanhdao.nghean"])
    html = client.get(LOOKUP, {"q": "le thi"}).content.decode()
    assert "Lê Thị &lt;b&gt;Hà&lt;/b&gt;" in html and "<b>Hà" not in html
    assert "Tìm thấy 1 khen thưởng." in html


def test_a_person_who_moved_shows_the_honours_of_both_units(client, users, units, demo_data):
    """The demo's illustrative person worked at Quảng Bình, then Quảng Trị."""
    person = Person.objects.get(full_name="Trần Văn Minh Họa")
    assert [p.unit for p in person.postings.order_by("since")] == [units["quangbinh"],
                                                                   units["quangtri"]]
    honours = selectors.person_honours(person=person, cluster_ids=Cluster.objects.values_list(
        "pk", flat=True))
    assert {h.unit for h in honours} == {units["quangbinh"], units["quangtri"]}
    client.force_login(users["canbo.nghean"])
    html = client.get(f"/cum/snv-bac-trung-bo/ca-nhan/{person.pk}/").content.decode()
    assert html.count('data-testid="lookup-row"') == 3
    assert "Sở Nội vụ tỉnh Quảng Bình" in html and "Sở Nội vụ tỉnh Quảng Trị" in html
    assert "Phó Trưởng phòng Thi đua, khen thưởng" in html
    # the look-up without diacritics finds all three, in both units
    html = client.get(LOOKUP, {"q": "tran van minh hoa"}).content.decode()
    assert html.count('data-testid="lookup-row"') == 3


def test_the_demos_individual_nomination_is_linked_to_a_person(demo_data):
    nomination = Nomination.objects.exclude(person_name="").get()
    assert nomination.person.full_name == nomination.person_name == "Nguyễn Thị Minh Họa"
    # the same person, not a second one: the registry's honour of 2019 and the two of the
    # eligibility demo (2020, 2022)
    assert nomination.person.past_honours.count() == 3
    assert not PastHonour.objects.filter(person__isnull=True).exclude(person_name="").exists()


# --- find or create, and the services that use it -----------------------------------------------


def test_a_person_is_found_by_folded_name_and_birth_date_across_units(units, secretary):
    born = datetime.date(1980, 5, 1)
    first = services.person_find_or_create(full_name="Nguyễn Văn  An", date_of_birth=born,
                                           unit=units["hatinh"], acting_user=secretary)
    again = services.person_find_or_create(full_name="nguyen van an", date_of_birth=born,
                                           unit=units["nghean"], position="Chánh Văn phòng",
                                           acting_user=secretary)
    assert again == first and first.full_name == "Nguyễn Văn An"
    assert [p.unit for p in first.postings.order_by("pk")] == [units["hatinh"], units["nghean"]]
    old, new = first.postings.order_by("pk")
    assert old.until == new.since == datetime.date.today()
    other = services.person_find_or_create(full_name="Nguyễn Văn An",
                                           date_of_birth=datetime.date(1990, 1, 1),
                                           unit=units["hatinh"], acting_user=secretary)
    assert other != first  # same name, another birth date: another person


def test_without_a_birth_date_a_person_is_found_within_the_unit(units, secretary):
    first = services.person_find_or_create(full_name="Lê Văn Bình", unit=units["hatinh"],
                                           acting_user=secretary)
    assert services.person_find_or_create(full_name="LE VAN BINH", unit=units["hatinh"],
                                          acting_user=secretary) == first
    elsewhere = services.person_find_or_create(full_name="Lê Văn Bình", unit=units["hue"],
                                               acting_user=secretary)
    assert elsewhere != first
    dated = services.person_find_or_create(full_name="Lê Văn Bình", unit=units["hatinh"],
                                           date_of_birth=datetime.date(1975, 2, 3),
                                           acting_user=secretary)
    assert dated == first  # the undated record of the unit takes the date
    first.refresh_from_db()
    assert first.date_of_birth == datetime.date(1975, 2, 3)
    assert first.history.first().history_user == secretary


def test_an_imported_honour_of_a_former_unit_adds_no_posting(demo_data, units, north_central):
    person = Person.objects.get(full_name="Trần Văn Minh Họa")
    award = selectors.lookup_awards()[0]
    honour = services.past_honour_save(cluster=north_central, year=2022,
                                       unit=units["quangbinh"], award=award, honour_year=2019,
                                       person_name="Trần Văn Minh Họa", acting_user=None)
    assert honour.person == person
    assert person.postings.count() == 2


def test_nominations_link_people_and_a_decision_copies_the_person(demo_data, units, secretary):
    SuperiorBody.objects.update(records_on_paper=True)  # the secretariat records the decision
    nomination = Nomination.objects.exclude(person_name="").get()
    dossier = Dossier.objects.filter(nomination=nomination).first()
    if dossier is None:  # the demo's individual did not pass the vote: a dossier of its own
        dossier = Dossier.objects.create(nomination=nomination, status=DossierStatus.DRAFT)
    for kind in DocumentKind.values:
        services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                      acting_user=secretary)
    services.dossier_transition(dossier=dossier, to_status=DossierStatus.SENT,
                                acting_user=secretary)
    granted = services.decision_record(dossier=dossier, number="12/QĐ-BNV",
                                       issued_on=datetime.date(2023, 2, 1),
                                       issuing_body="Bộ trưởng Bộ Nội vụ", acting_user=secretary)
    assert granted.person == nomination.person is not None
    assert GrantedAward.objects.get(pk=granted.pk).person_id == nomination.person_id


# --- the migration's backfill -------------------------------------------------------------------


def test_the_backfill_gives_each_name_of_a_unit_one_person(north_central, units, demo_data):
    award = selectors.lookup_awards()[0]
    Nomination.objects.update(person=None)
    GrantedAward.objects.update(person=None)
    Proposal.objects.update(person=None)
    PastHonour.objects.update(person=None)
    Posting.objects.all().delete()
    Person.objects.all().delete()
    made = [PastHonour.objects.create(cluster=north_central, unit=units[key], award=award,
                                      year=year, person_name=name)
            for name, key, year in [("Phạm Thị Lan", "hatinh", 2019),
                                    ("pham  thi LAN", "hatinh", 2020),
                                    ("Phạm Thị Lan", "hue", 2020)]]
    # Lan of Hà Tĩnh, Lan of Huế, the demo's Nguyễn Thị Minh Họa, and its Trần Văn Minh Họa
    # twice: without a date of birth, one person per name and unit
    assert backfill_people(apps) == 5
    for row in made:
        row.refresh_from_db()
    assert made[0].person == made[1].person != made[2].person
    assert made[0].person.search_name == "pham thi lan"
    assert made[0].person.postings.get().unit == units["hatinh"]
    nomination = Nomination.objects.exclude(person_name="").get()
    assert nomination.person.gender == "nu" and nomination.person.is_illustrative
    assert not PastHonour.objects.filter(person__isnull=True).exclude(person_name="").exists()
    assert backfill_people(apps) == 0  # run twice, nothing new


# --- merging two records of one person ------------------------------------------------------------


def test_the_secretariat_merges_two_records_of_one_person(client, units, secretary,
                                                         north_central, named):
    keep = PastHonour.objects.get(person_name="Nguyễn Thị Hà").person
    award = selectors.lookup_awards()[1]
    twice = services.past_honour_save(cluster=north_central, year=2022, unit=units["nghean"],
                                      award=award, honour_year=2021,
                                      person_name="Nguyễn Thị Hà", acting_user=secretary)
    duplicate = twice.person
    duplicate.date_of_birth = datetime.date(1988, 8, 8)
    duplicate.save()
    assert duplicate != keep
    client.force_login(secretary)
    html = client.get(f"/cum/snv-bac-trung-bo/ca-nhan/{keep.pk}/").content.decode()
    assert 'data-testid="merge-button"' in html and "data-confirm" in html
    response = client.post(f"/cum/snv-bac-trung-bo/ca-nhan/{keep.pk}/gop/",
                           {"duplicate": duplicate.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    keep.refresh_from_db()
    assert keep.date_of_birth == datetime.date(1988, 8, 8)
    assert set(keep.past_honours.values_list("year", flat=True)) == {2019, 2021}
    assert {p.unit for p in keep.postings.all()} == {units["hatinh"], units["nghean"]}
    twice.refresh_from_db()
    moved = twice.history.first()
    assert moved.history_user == secretary and "Gộp cá nhân trùng" in moved.history_change_reason
    deleted = Person.history.filter(id=duplicate.pk, history_type="-").get()
    assert deleted.history_user == secretary
    # sent again: nothing left to merge, said in Vietnamese
    html = client.post(f"/cum/snv-bac-trung-bo/ca-nhan/{keep.pk}/gop/",
                       {"duplicate": duplicate.pk}, follow=True).content.decode()
    assert "không còn (có thể đã được gộp)" in html


def test_a_merge_is_refused_when_the_records_differ_or_the_user_may_not(units, secretary,
                                                                        users, north_central):
    one = services.person_find_or_create(full_name="Võ Văn Tâm", unit=units["hue"],
                                         date_of_birth=datetime.date(1970, 1, 1),
                                         acting_user=secretary)
    two = services.person_find_or_create(full_name="Võ Văn Tâm", unit=units["hue"],
                                         date_of_birth=datetime.date(1971, 1, 1),
                                         acting_user=secretary)
    with pytest.raises(services.CommendationError, match="ngày sinh khác nhau"):
        services.person_merge(keep=one, duplicate=two, cluster=north_central,
                              acting_user=secretary)
    two.date_of_birth = None
    two.save()
    for role in ("lanhdao.nghean", "bonoivu", "canbo.gialai"):
        with pytest.raises(services.CommendationNotAllowed):
            services.person_merge(keep=one, duplicate=two, cluster=north_central,
                                  acting_user=users[role])
    with pytest.raises(services.CommendationNotAllowed):
        services.person_merge(keep=one, duplicate=two, acting_user=users["canbo.quangtri"])
    assert Person.objects.filter(pk=two.pk).exists()
    services.person_merge(keep=one, duplicate=two, acting_user=users["admin"])
    assert not Person.objects.filter(pk=two.pk).exists()


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "message"), [
    ({"year_from": "abcd"}, "Năm phải là số có bốn chữ số, từ 1945 đến 2200."),
    ({"year_to": "99999"}, "Năm phải là số có bốn chữ số, từ 1945 đến 2200."),
    ({"year_from": "2023", "year_to": "2020"}, "“Đến năm” phải từ “Từ năm” trở về sau."),
    ({"award": "xyz"}, "Lựa chọn không hợp lệ."),
    ({"unit": "999999"}, "Lựa chọn không hợp lệ."),
    ({"kind": "ai-do"}, "Lựa chọn không hợp lệ."),
    ({"q": "a" * 101}, "Tên tìm kiếm dài quá 100 ký tự."),
])
def test_bad_input_is_said_in_vietnamese_and_the_rest_still_searched(client, users, params,
                                                                     message, demo_data):
    client.force_login(users["lanhdao.nghean"])
    for url in (LOOKUP, LOOKUP + "in/"):
        response = client.get(url, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html, url
        assert 'data-testid="lookup-row"' in html  # the other conditions still apply


def test_a_bad_page_number_shows_a_page(client, users, demo_data):
    client.force_login(users["lanhdao.nghean"])
    for page in ("abc", "-1", "99999", "1e9"):
        assert client.get(LOOKUP, {"page": page}).status_code == 200


def test_the_print_view_lists_the_filters_and_every_match(client, users, demo_data):
    client.force_login(users["bonoivu"])
    html = client.get(LOOKUP + "in/", {"q": "minh hoa", "kind": "ca-nhan"}).content.decode()
    assert "KẾT QUẢ TRA CỨU KHEN THƯỞNG" in html
    assert "Họ tên cá nhân hoặc tên tập thể: minh hoa" in html and "Đối tượng: Cá nhân" in html
    assert html.count('data-testid="lookup-row"') == 6  # the mover's three, Nguyễn Thị's three
    assert "commendations/lookup.css" in html


# --- the number of queries does not grow with the number of honours -------------------------------


def _build(count: int):
    cluster = cluster_with_members(units=5)
    members = list(cluster.memberships.select_related("unit"))
    awards = catalogue()
    officer = UserFactory(unit=members[0].unit, role=User.Role.OFFICER)
    person = None
    for index in range(count):
        individual = index % 2 == 0
        unit = members[0 if individual else index % 5].unit
        honour = services.past_honour_save(
            cluster=cluster, year=2022, unit=unit,
            award=awards["cstd"] if individual else awards["co_bo"],
            honour_year=2000 + index, acting_user=None,
            person_name=f"Nguyễn Văn Mười {count}" if individual else "")
        person = person or honour.person
    return cluster, officer, person


def test_query_counts_do_not_grow_with_the_number_of_honours(client):
    counts = []
    for size in (5, 50):
        cluster, officer, person = _build(size)
        client.force_login(officer)
        base = f"/cum/{cluster.slug}/"
        measured = []
        for url, params in [(base + "tra-cuu/", {}), (base + "tra-cuu/", {"q": "nguyen muoi"}),
                            (base + "tra-cuu/in/", {}), (base + f"ca-nhan/{person.pk}/", {})]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
            assert response.status_code == 200
            measured.append(len(queries.captured_queries))
        html = client.get(base + f"ca-nhan/{person.pk}/").content.decode()
        assert html.count('data-testid="lookup-row"') == (size + 1) // 2
        counts.append(measured)
    assert counts[0] == counts[1]


# --- admin ---------------------------------------------------------------------------------------


def test_admin_shows_a_persons_honours_and_merges_two_records(admin_client, units, demo_data,
                                                              north_central):
    mover = Person.objects.get(full_name="Trần Văn Minh Họa")
    html = admin_client.get(f"/quan-tri/commendations/person/{mover.pk}/change/").content.decode()
    assert "Khen thưởng đã có (nhập từ Excel)" in html and "0000/QĐ-BNV" in html
    twin = services.person_find_or_create(full_name="Trần Văn Minh Họa", unit=units["hue"],
                                          acting_user=None)
    response = admin_client.post("/quan-tri/commendations/person/", {
        "action": "merge_two", "_selected_action": [mover.pk, twin.pk]}, follow=True)
    assert "Đã gộp vào" in response.content.decode()
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert mover.postings.count() == 3


def test_a_posting_is_added_by_the_secretariat_and_ends_the_one_before(units, users, secretary,
                                                                       north_central):
    person = services.person_find_or_create(full_name="Hồ Văn Nam", unit=units["hue"],
                                            acting_user=secretary)
    for role in ("canbo.nghean", "bonoivu", "canbo.gialai"):
        with pytest.raises(services.CommendationNotAllowed):
            services.person_posting_add(person=person, unit=units["nghean"],
                                        cluster=north_central, acting_user=users[role])
    services.person_posting_add(person=person, unit=units["nghean"], cluster=north_central,
                                position="Phó Giám đốc", since=datetime.date(2024, 1, 1),
                                acting_user=secretary)
    before = person.postings.get(unit=units["hue"])
    assert before.until == datetime.date(2024, 1, 1)
    assert before.history.first().history_user == secretary
    assert selectors.person_current_unit_id(person) == units["nghean"].pk

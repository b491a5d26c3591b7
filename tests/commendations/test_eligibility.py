"""Standards and eligibility (issue #16, part 3): the pure evaluation at its edges (exactly N
years, one short, a gap, the M-year boundaries), the history it reads (a person who moved, a
merged unit), the years a condition applies, the declarations and the seeded national data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster.models import Unit
from commendations import selectors, services
from commendations.eligibility import Condition, Kind, applies, evaluate
from commendations.models import (
    AwardCondition,
    AwardForm,
    AwardStandard,
    DossierStatus,
    Nomination,
    PastHonour,
    Person,
    StandardDeclaration,
)
from commendations.national_standards import STANDARDS
from commendations.services import CommendationError, CommendationNotAllowed
from tests.commendations.factories import AwardFormFactory, vote_setup
from tests.factories import UserFactory

BK = {"bk": "Bằng khen cấp bộ"}
CSTD = {"cstdcs": "Chiến sĩ thi đua cơ sở"}


def each_year(n, include_current=False):
    return Condition(Kind.TITLE_EACH_YEAR, n, CSTD, include_current=include_current)


# --- pure ----------------------------------------------------------------------------------------


def test_exactly_n_consecutive_previous_years_is_met():
    verdict = evaluate(each_year(3), [(2021, "cstdcs"), (2022, "cstdcs"), (2023, "cstdcs")], 2024)
    assert verdict.met
    assert verdict.explanation == ("Đã được tặng Chiến sĩ thi đua cơ sở năm 2021, 2022, 2023 "
                                   "(3 năm liên tục).")


def test_one_year_short_names_the_missing_year():
    verdict = evaluate(each_year(3), [(2022, "cstdcs"), (2023, "cstdcs")], 2024)
    assert not verdict.met
    assert verdict.years_missing == (2021,)
    assert verdict.explanation.startswith("Thiếu năm 2021:")
    assert "đã có năm 2022, 2023" in verdict.explanation


def test_a_gap_year_is_not_consecutive():
    history = [(2019, "cstdcs"), (2020, "cstdcs"), (2022, "cstdcs"), (2023, "cstdcs")]
    verdict = evaluate(Condition(Kind.TITLE_EACH_YEAR, 5, CSTD), history, 2024)
    assert not verdict.met
    assert verdict.years_missing == (2021,)
    assert "Thiếu năm 2021" in verdict.explanation


def test_other_awards_and_later_years_do_not_count():
    history = [(2021, "khac"), (2022, "cstdcs"), (2023, "cstdcs"), (2025, "cstdcs")]
    verdict = evaluate(each_year(3), history, 2024)
    assert not verdict.met and verdict.years_missing == (2021,)
    assert evaluate(each_year(1), [], 2024).explanation.endswith("chưa có năm nào.")


def test_include_current_counts_the_nomination_year():
    history = [(2022, "cstdcs"), (2023, "cstdcs"), (2024, "cstdcs")]
    assert evaluate(each_year(3, include_current=True), history, 2024).met
    assert not evaluate(each_year(3), history, 2024).met


def test_any_listed_award_fills_a_year():
    condition = Condition(Kind.TITLE_EACH_YEAR, 2, {"a": "Cờ A", "b": "Cờ B"})
    verdict = evaluate(condition, [(2022, "a"), (2023, "b")], 2024)
    assert verdict.met
    assert verdict.explanation == "Đã được tặng Cờ A, Cờ B năm 2022, 2023 (2 năm liên tục)."


def test_none_within_boundary_is_exactly_m_years():
    condition = Condition(Kind.NONE_WITHIN, 5, BK)
    exactly = evaluate(condition, [(2019, "bk")], 2024)
    assert exactly.met
    assert exactly.explanation == "Lần gần nhất được tặng Bằng khen cấp bộ năm 2019, đã đủ 5 năm."
    one_less = evaluate(condition, [(2020, "bk")], 2024)
    assert not one_less.met
    assert one_less.explanation == ("Đã được tặng Bằng khen cấp bộ năm 2020, chưa đủ 5 năm (đề "
                                    "nghị lại từ năm 2025).")
    assert evaluate(condition, [], 2024).met
    assert not evaluate(condition, [(2024, "bk")], 2024).met  # the same year too


def test_min_years_since_boundary_and_the_latest_award():
    condition = Condition(Kind.MIN_YEARS_SINCE, 5, BK)
    assert evaluate(condition, [(2019, "bk")], 2024).met
    short = evaluate(condition, [(2015, "bk"), (2020, "bk")], 2024)
    assert not short.met
    assert short.explanation == ("Được tặng Bằng khen cấp bộ năm 2020, đến năm 2024 mới 4 năm, "
                                 "cần đủ 5 năm (từ năm 2025).")
    none = evaluate(condition, [], 2024)
    assert not none.met
    assert none.explanation == "Chưa có Bằng khen cấp bộ trong lịch sử khen thưởng."


def test_valid_years_bounds_are_included():
    assert applies(None, None, 1990)
    assert applies(2024, None, 2024) and not applies(2024, None, 2023)
    assert applies(None, 2023, 2023) and not applies(None, 2023, 2024)


# --- the checklist from the database -------------------------------------------------------------

@pytest.fixture
def setup(db):
    return vote_setup(units=3, nominate=[("co_bo", 0, {}), ("cstd", 1, {})])


@pytest.fixture
def title(db):
    return AwardFormFactory(code="t_ttldxs", name="Tập thể lao động xuất sắc (thử)")


def _condition(award, required, *, years=2, kind=Kind.TITLE_EACH_YEAR, **extra):
    condition = AwardCondition.objects.create(award=award, kind=kind, years=years,
                                              source="Điều thử", **extra)
    condition.required_awards.set(required)
    return condition


def _past(setup, unit, award, year, **extra):
    return PastHonour.objects.create(cluster=setup.cluster, unit=unit, award=award, year=year,
                                     **extra)


def _items(nomination):
    checklist = selectors.eligibility_checklist(nomination=Nomination.objects.select_related(
        "session", "award", "unit").get(pk=nomination.pk))
    return checklist, [(i.status, i.explanation) for i in checklist.items]


@pytest.mark.django_db
def test_a_merged_units_predecessors_honours_count(setup, title):
    unit = setup.members[0]
    old = Unit.objects.create(name="Sở Nội vụ tỉnh Cũ", short_name="Cũ",
                              province=unit.province, successor=unit)
    _condition(setup.awards["co_bo"], [title])
    _past(setup, old, title, 2020)
    checklist, items = _items(setup.nominations[0])
    assert items == [("not_met", "Thiếu năm 2021: cần Tập thể lao động xuất sắc (thử) mỗi năm "
                                 "từ 2020 đến 2021 (2 năm liên tục); đã có năm 2020.")]
    _past(setup, unit, title, 2021)
    checklist, items = _items(setup.nominations[0])
    assert items[0][0] == "proven"
    assert "Sở Nội vụ tỉnh Cũ" in checklist.history_note
    # An individual's honour in the unit is not the collective's.
    _past(setup, unit, title, 2019, person_name="Nguyễn Văn A")
    assert (2019, "t_ttldxs") not in _items(setup.nominations[0])[0].history


@pytest.mark.django_db
def test_a_person_who_changed_unit_is_followed_through_the_registry(setup):
    cstd, base = setup.awards["cstd"], AwardFormFactory(
        code="t_cstdcs", name="Chiến sĩ thi đua cơ sở (thử)",
        recipient=AwardForm.Recipient.INDIVIDUAL)
    _condition(cstd, [base], years=3, include_current=True)
    person = Person.objects.create(full_name="Cá nhân 1")
    nomination = setup.nominations[1]
    Nomination.objects.filter(pk=nomination.pk).update(person=person)
    old_unit = setup.members[2]
    for year in (2020, 2021):  # recorded under the unit they worked in then
        _past(setup, old_unit, base, year, person_name="Cá nhân 1", person=person)
    _past(setup, setup.members[1], base, 2022, person_name="Cá nhân 1", person=person)
    checklist, items = _items(nomination)
    assert items == [("proven", "Đã được tặng Chiến sĩ thi đua cơ sở (thử) năm 2020, 2021, 2022 "
                                "(3 năm liên tục).")]
    assert "mọi đơn vị" in checklist.history_note


@pytest.mark.django_db
def test_without_the_registry_an_individual_is_matched_by_name_in_the_unit(setup):
    cstd = setup.awards["cstd"]
    base = AwardFormFactory(code="t_cstdcs2", recipient=AwardForm.Recipient.INDIVIDUAL)
    _condition(cstd, [base], years=1)
    _past(setup, setup.members[2], base, 2021, person_name="Cá nhân 1")  # another unit
    assert _items(setup.nominations[1])[1][0][0] == "not_met"
    _past(setup, setup.members[1], base, 2021, person_name="CÁ NHÂN 1")
    assert _items(setup.nominations[1])[1][0][0] == "proven"


@pytest.mark.django_db
def test_conditions_switch_with_their_valid_years(setup, title):
    award = setup.awards["co_bo"]
    _condition(award, [title], years=1, valid_to_year=2022)
    _condition(award, [title], years=3, valid_from_year=2023)
    _past(setup, setup.members[0], title, 2021)
    _checklist, items = _items(setup.nominations[0])  # 2022
    assert items == [("proven", "Đã được tặng Tập thể lao động xuất sắc (thử) năm 2021 (1 năm "
                                "liên tục).")]
    setup.session.year = 2023
    setup.session.save(update_fields=["year"])
    _checklist, items = _items(setup.nominations[0])
    assert [s for s, _e in items] == ["not_met"]
    assert items[0][1].startswith("Thiếu năm 2020, 2022:")


@pytest.mark.django_db
def test_declarations_by_the_unit_and_the_secretariat(setup):
    award = setup.awards["co_bo"]
    must = AwardStandard.objects.create(award=award, text="Hoàn thành xuất sắc", source="Điều x")
    either = AwardStandard.objects.create(award=award, text="Sáng kiến", source="Điều y",
                                          mandatory=False, order=2)
    other = AwardStandard.objects.create(award=award, text="Đến 2020", source="Điều z",
                                         valid_to_year=2020)
    nomination = setup.nominations[0]
    unit = nomination.unit
    _checklist, items = _items(nomination)
    assert [s for s, _e in items] == ["undeclared", "undeclared"]  # 'other' does not apply
    services.standard_declare(nomination=nomination, standard=must, declared=True,
                              note="QĐ 12/QĐ-SNV", acting_user=setup.officers[unit.pk])
    services.standard_declare(nomination=nomination, standard=either, declared=False,
                              acting_user=setup.secretary)
    checklist, items = _items(nomination)
    assert items == [("declared", "QĐ 12/QĐ-SNV"), ("declared_no", "")]
    assert not checklist.complete and len(checklist.missing) == 1
    # A second save changes the answer, never adds a row.
    services.standard_declare(nomination=nomination, standard=either, declared=True,
                              acting_user=setup.leaders[unit.pk])
    assert StandardDeclaration.objects.filter(nomination=nomination).count() == 2
    assert _items(nomination)[0].complete
    with pytest.raises(CommendationNotAllowed):
        services.standard_declare(nomination=nomination, standard=must, declared=False,
                                  acting_user=setup.leaders[next(
                                      u.pk for u in setup.members
                                      if u.pk not in (unit.pk, setup.secretary.unit_id))])
    with pytest.raises(CommendationError, match="không áp dụng"):
        services.standard_declare(nomination=nomination, standard=other, declared=True,
                                  acting_user=setup.secretary)
    assert StandardDeclaration.objects.get(standard=must).declared is True


@pytest.mark.django_db
def test_an_alternative_met_makes_the_others_optional(setup, title):
    award = setup.awards["co_bo"]
    _condition(award, [title], years=1, mandatory=False)
    AwardStandard.objects.create(award=award, text="Khác", source="x", mandatory=False)
    _past(setup, setup.members[0], title, 2021)
    checklist, items = _items(setup.nominations[0])
    assert [s for s, _e in items] == ["proven", "optional"]
    assert checklist.complete


@pytest.mark.django_db
def test_no_declaration_once_the_dossier_went_up(setup):
    from commendations.models import Dossier

    award = setup.awards["co_bo"]
    standard = AwardStandard.objects.create(award=award, text="T", source="x")
    nomination = setup.nominations[0]
    Dossier.objects.create(nomination=nomination, status=DossierStatus.SENT)
    nomination = Nomination.objects.select_related("session").get(pk=nomination.pk)
    with pytest.raises(CommendationError, match="Đã gửi|đang ở trạng thái"):
        services.standard_declare(nomination=nomination, standard=standard, declared=True,
                                  acting_user=setup.secretary)
    assert not StandardDeclaration.objects.exists()


@pytest.mark.django_db
def test_administrators_keep_standards_and_conditions_and_no_secretariat_may(setup, title):
    """Standards are national data shared by every cluster: one cluster's secretariat may not
    change them for the others."""
    award = setup.awards["co_bo"]
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    with pytest.raises(CommendationNotAllowed):
        services.award_standard_save(cluster=setup.cluster, year=2022, award=award, text="X",
                                     source="Y", acting_user=setup.secretary)
    with pytest.raises(CommendationNotAllowed):
        services.award_condition_save(cluster=setup.cluster, year=2022, award=award,
                                      kind="none_within", years=5, source="Y",
                                      acting_user=setup.secretary)
    standard = services.award_standard_save(
        cluster=setup.cluster, year=2022, award=award, text="Mới", source="Điều 1",
        valid_from_year=2024, acting_user=admin)
    assert standard.updated_by == admin and standard.history.count() == 1
    with pytest.raises(CommendationError):
        services.award_standard_save(cluster=setup.cluster, year=2022, award=award, text="X",
                                     source="Y", valid_from_year=2024, valid_to_year=2023,
                                     acting_user=admin)
    not_chair = next(u for u in setup.members if u.pk != setup.secretary.unit_id)
    with pytest.raises(CommendationNotAllowed):
        services.award_standard_save(cluster=setup.cluster, year=2022, award=award, text="X",
                                     source="Y", acting_user=setup.leaders[not_chair.pk])
    condition = services.award_condition_save(
        cluster=setup.cluster, year=2022, award=award, kind="none_within", years=5,
        source="Điều 2", acting_user=admin)
    assert list(condition.required_awards.all()) == []
    assert condition.to_rule().award_names == {award.code: award.name}  # the award itself
    with pytest.raises(CommendationError, match="ít nhất một"):
        services.award_condition_save(cluster=setup.cluster, year=2022, award=award,
                                      kind="title_each_year", years=2, source="x",
                                      acting_user=admin)


# --- query counts ---------------------------------------------------------------------------------


def _count_checklist_queries(units: int) -> int:
    setup = vote_setup(units=units)
    title = AwardFormFactory(code=f"t_q{units}")
    award = setup.awards["co_bo"]
    _condition(award, [title], years=2)
    AwardStandard.objects.create(award=award, text="T", source="x")
    for unit in setup.members:
        _past(setup, unit, title, 2021)
        Unit.objects.create(name=f"Cũ {unit.pk}", short_name="Cũ", province=unit.province,
                            successor=unit)
    nominations = list(Nomination.objects.filter(session=setup.session).select_related(
        "session", "award", "unit"))
    with CaptureQueriesContext(connection) as queries:
        checklists = selectors.eligibility_checklists(nominations=nominations)
    assert len(checklists) == units
    assert all(c.items[0].status == "not_met" for c in checklists.values())
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_checklists_take_the_same_queries_for_6_and_40_nominations():
    assert _count_checklist_queries(6) == _count_checklist_queries(40)


@pytest.mark.django_db
def test_the_session_page_queries_do_not_grow_with_checklists(client):
    counts = []
    for units in (4, 16):
        setup = vote_setup(units=units)
        AwardStandard.objects.create(award=setup.awards["co_bo"], text="T", source="x")
        client.force_login(setup.secretary)
        url = f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/"
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count('data-testid="nomination-eligibility"') == units
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


# --- seeded national data ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_national_standards_are_seeded_with_sources_and_years():
    codes = {e.award for e in STANDARDS}
    assert set(AwardStandard.objects.values_list("award__code", flat=True)) <= codes
    assert AwardStandard.objects.filter(award__code="co_chinh_phu").for_year(2023).count() == 3
    assert AwardStandard.objects.filter(award__code="co_chinh_phu").for_year(2024).count() == 3
    cstd = AwardCondition.objects.filter(award__code="chien_si_thi_dua")
    assert {(c.valid_from_year, c.valid_to_year) for c in cstd} == {(None, 2023), (2024, None)}
    assert all(c.source for c in AwardCondition.objects.all())
    assert all(c.source for c in AwardStandard.objects.all())
    assert "Điều 25" in AwardStandard.objects.filter(award__code="co_chinh_phu").first().source
    bk = AwardCondition.objects.filter(award__code="bang_khen_thu_tuong").for_year(2024).get()
    assert set(bk.required_awards.values_list("code", flat=True)) == {
        "bang_khen_bo_truong", "bang_khen_chu_tich_tinh"}


@pytest.mark.django_db
def test_the_demo_checklists_show_proven_declared_and_missing(demo_data):
    statuses = set()
    nominations = list(Nomination.objects.filter(session__year=2022, is_illustrative=True)
                       .select_related("session", "award", "unit"))
    for checklist in selectors.eligibility_checklists(nominations=nominations).values():
        statuses |= {i.status for i in checklist.items}
    assert {"proven", "declared", "not_met", "undeclared", "declared_no"} <= statuses
    minh_hoa = next(n for n in nominations if n.person_name)
    items = selectors.eligibility_checklist(nomination=minh_hoa).items
    assert items[0].explanation.startswith("Thiếu năm 2021")

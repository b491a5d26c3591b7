"""The criteria tree: validation on save, the tree page's problems, copy from last year."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns import scoring, selectors, services
from campaigns.models import Criterion
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db
K = Criterion.Kind


def save(cluster, year=2023, **fields):
    fields.setdefault("name", f"Tiêu chí {fields.get('code')}")
    return services.criterion_save(cluster=cluster, year=year, acting_user=None, **fields)


@pytest.fixture
def tree():
    """I (20) > 1.1 qualitative 10, 1.2 group (10) > 1.2.1 per occurrence 10; II bonus."""
    cluster = ClusterFactory()
    top = save(cluster, code="I", max_points=Decimal(20))
    save(cluster, code="1.1", parent=top, max_points=Decimal(10), kind=K.QUALITATIVE)
    group = save(cluster, code="1.2", parent=top, max_points=Decimal(10))
    save(cluster, code="1.2.1", parent=group, max_points=Decimal(10), kind=K.PER_OCCURRENCE,
         points_each=Decimal(2))
    bonus = save(cluster, code="II", name="Điểm thưởng")
    save(cluster, code="2.1", parent=bonus, kind=K.BONUS_PENALTY, points_each=Decimal(1),
         lower_bound=Decimal(0), upper_bound=Decimal(3))
    return cluster


def test_tree_is_in_natural_code_order_with_depths(tree):
    save(tree, code="1.10", parent=Criterion.objects.get(code="I", cluster=tree),
         max_points=Decimal(0), kind=K.QUALITATIVE)
    result = selectors.criteria_tree(cluster=tree, year=2023)
    assert [(r.code, r.depth) for r in result.rows] == [
        ("I", 0), ("1.1", 1), ("1.2", 1), ("1.2.1", 2), ("1.10", 1), ("II", 0), ("2.1", 1)]
    assert result.problems == []
    assert result.total_max == Decimal(20)


def test_tree_computes_with_scoring(tree):
    root = selectors.criteria_tree(cluster=tree, year=2023).root
    points = scoring.tree_points(root, {"1.1": True, "1.2.1": 3, "2.1": 5})
    assert points["1.2.1"] == Decimal("6.00")
    assert points["I"] == Decimal("16.00")  # parent = sum of children
    assert points["2.1"] == Decimal("3.00")  # bonus capped at its upper bound
    assert points["0"] == Decimal("19.00")


def test_max_points_that_do_not_add_up_are_reported_on_the_page(tree, client, users):
    top = Criterion.objects.get(cluster=tree, code="I")
    services.criterion_save(cluster=tree, year=2023, criterion=top, max_points=Decimal(25),
                            acting_user=None)
    problems = selectors.criteria_tree(cluster=tree, year=2023).problems
    assert problems == ["Tiêu chí I (Tiêu chí I): tổng điểm tối đa của các tiêu chí con là 20, "
                        "khác điểm tối đa của tiêu chí (25)."]
    client.force_login(users["admin"])
    html = client.get(f"/cum/{tree.slug}/2023/tieu-chi/").content.decode()
    assert 'data-testid="problems"' in html and problems[0] in html


@pytest.mark.parametrize("fields, field, fragment", [
    ({"code": "A.1"}, "code", "không đúng định dạng"),
    ({"code": "1.1"}, "code", "Mã tiêu chí 1.1 đã có trong bảng tiêu chí năm 2023"),
    ({"code": "3.1", "kind": K.QUANTITATIVE, "max_points": Decimal(5)}, "kind",
     "cần có chỉ tiêu"),
    ({"code": "3.1", "kind": K.QUANTITATIVE, "max_points": Decimal(5), "target": Decimal(0)},
     "kind", "Chỉ tiêu phải lớn hơn 0"),
    ({"code": "3.1", "kind": K.QUANTITATIVE, "max_points": Decimal(5), "target": Decimal(9),
      "leader_bonus_share": Decimal("0.1"), "over_target_bonus_share": Decimal("0.2")},
     "kind", "không được lớn hơn tỷ lệ thưởng dẫn đầu"),
    ({"code": "3.1", "kind": K.QUALITATIVE}, "kind", "cần có điểm tối đa"),
    ({"code": "3.1", "kind": K.PER_OCCURRENCE, "max_points": Decimal(5),
      "points_each": Decimal(1), "cap": Decimal(6)}, "kind", "không được vượt quá điểm tối đa"),
    ({"code": "3.1", "kind": K.BONUS_PENALTY, "points_each": Decimal(-1),
      "lower_bound": Decimal(0), "upper_bound": Decimal(-5)}, "kind",
     "Cận dưới (0) không được lớn hơn cận trên (-5)"),
])
def test_bad_criterion_is_refused_in_vietnamese_and_nothing_saved(tree, fields, field,
                                                                   fragment):
    before = Criterion.objects.count()
    with pytest.raises(ValidationError) as error:
        save(tree, **fields)
    assert fragment in " ".join(error.value.message_dict[field])
    assert Criterion.objects.count() == before


def test_parent_link_that_makes_a_loop_is_refused(tree):
    top = Criterion.objects.get(cluster=tree, code="I")
    deep = Criterion.objects.get(cluster=tree, code="1.2")
    with pytest.raises(ValidationError) as error:
        services.criterion_save(cluster=tree, year=2023, criterion=top, parent=deep,
                                acting_user=None)
    assert "vòng lặp (I → 1.2 → I)" in error.value.message_dict["parent"][0]
    top.refresh_from_db()
    assert top.parent is None


def test_leaf_cannot_be_a_parent_and_a_parent_cannot_become_a_leaf(tree):
    leaf = Criterion.objects.get(cluster=tree, code="1.1")
    with pytest.raises(ValidationError, match="không thể có tiêu chí con"):
        save(tree, code="1.1.1", parent=leaf, kind=K.QUALITATIVE, max_points=Decimal(1))
    group = Criterion.objects.get(cluster=tree, code="1.2")
    with pytest.raises(ValidationError, match="đã có tiêu chí con"):
        services.criterion_save(cluster=tree, year=2023, criterion=group, kind=K.QUALITATIVE,
                                acting_user=None)


def test_parent_of_another_year_is_refused(tree):
    other_year = save(tree, year=2024, code="I")
    with pytest.raises(ValidationError, match="cùng năm"):
        save(tree, code="3", parent=other_year)


def test_parameters_that_do_not_belong_to_the_kind_are_cleared(tree):
    criterion = save(tree, code="3", kind=K.QUALITATIVE, max_points=Decimal(2),
                     target=Decimal(50), points_each=Decimal(1))
    assert criterion.target is None and criterion.points_each is None


def test_delete_refuses_a_criterion_with_children(tree):
    with pytest.raises(ValidationError, match="còn tiêu chí con"):
        services.criterion_delete(criterion=Criterion.objects.get(cluster=tree, code="1.2"),
                                  acting_user=None)
    services.criterion_delete(criterion=Criterion.objects.get(cluster=tree, code="1.2.1"),
                              acting_user=None)
    assert not Criterion.objects.filter(cluster=tree, code="1.2.1").exists()


def test_copy_whole_tree_from_previous_year(tree):
    copies = services.criteria_copy_from_year(cluster=tree, from_year=2023, to_year=2024,
                                              acting_user=None)
    assert len(copies) == 6
    old = selectors.criteria_tree(cluster=tree, year=2023)
    new = selectors.criteria_tree(cluster=tree, year=2024)
    shape = [(r.code, r.depth, r.kind, r.max_points, r.points_each) for r in old.rows]
    assert [(r.code, r.depth, r.kind, r.max_points, r.points_each) for r in new.rows] == shape
    assert all(r.parent is None or r.parent.year == 2024 for r in new.rows)
    assert Criterion.objects.filter(cluster=tree, year=2023).count() == 6  # source untouched


def test_copy_is_refused_into_a_year_that_has_criteria_or_from_an_empty_year(tree):
    save(tree, year=2024, code="I")
    with pytest.raises(ValidationError, match="đã có tiêu chí"):
        services.criteria_copy_from_year(cluster=tree, from_year=2023, to_year=2024,
                                         acting_user=None)
    with pytest.raises(ValidationError, match="chưa có tiêu chí để sao chép"):
        services.criteria_copy_from_year(cluster=tree, from_year=2019, to_year=2020,
                                         acting_user=None)
    assert Criterion.objects.filter(cluster=tree, year=2024).count() == 1


def test_demo_tree_2022_is_illustrative_and_consistent(north_central):
    result = selectors.criteria_tree(cluster=north_central, year=2022)
    assert result.problems == []
    assert result.total_max == Decimal(100)
    assert all(r.is_illustrative for r in result.rows)


def test_tree_page_in_natural_order_with_the_illustrative_note(client, users, north_central):
    client.force_login(users["lanhdao.nghean"])
    html = client.get("/cum/snv-bac-trung-bo/2022/tieu-chi/").content.decode()
    assert "Bảng tiêu chí này là dữ liệu minh họa" in html
    assert html.index('data-code="1.2"') < html.index('data-code="1.3.1"') < html.index(
        'data-code="II"')
    assert "Sửa" not in html  # readers do not edit


def test_copy_button_copies_last_years_tree(client, users, north_central):
    client.force_login(users["admin"])
    url = "/cum/snv-bac-trung-bo/2023/tieu-chi/"
    html = client.get(url).content.decode()
    assert "Sao chép 14 tiêu chí từ năm 2022" in html
    response = client.post(url + "sao-chep/", follow=True)
    assert "Đã sao chép 14 tiêu chí từ năm 2022." in response.content.decode()
    assert Criterion.objects.filter(cluster=north_central, year=2023).count() == 14
    response = client.post(url + "sao-chep/", follow=True)
    assert "Bảng tiêu chí năm 2023 đã có tiêu chí" in response.content.decode()
    assert Criterion.objects.filter(cluster=north_central, year=2023).count() == 14


def test_edit_form_offers_the_groups_of_its_own_cluster_year_read_once(client, users,
                                                                       north_central,
                                                                       highlands):
    """The parent select of a criterion: the groups of its cluster and year, in code order,
    not itself, nor a group of another year or cluster; and they are read from the database
    once (the page used to read them twice)."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    groups = Criterion.objects.filter(cluster=north_central, year=2022, kind=K.GROUP)
    edited = groups.filter(parent__isnull=False).first() or groups.first()
    save(north_central, year=2023, code="IX", name="Nhóm năm sau")
    save(highlands, year=2022, code="IX", name="Nhóm cụm khác")
    client.force_login(users["canbo.quangtri"])
    url = f"/cum/snv-bac-trung-bo/2022/tieu-chi/{edited.pk}/sua/"
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    select = re.search(r'<select name="parent".*?</select>', html, re.S).group(0)
    offered = [int(pk) for pk in re.findall(r'<option value="(\d+)"', select)]
    expected = sorted((g for g in groups if g.pk != edited.pk), key=lambda c: c.sort_key)
    assert offered == [g.pk for g in expected] and offered
    assert "Nhóm năm sau" not in select and "Nhóm cụm khác" not in select
    reads = [q["sql"] for q in queries.captured_queries
             if 'FROM "campaigns_criterion"' in q["sql"] and '"kind" = ' in q["sql"]]
    assert len(reads) == 1, reads

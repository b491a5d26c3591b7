"""The good-practice library (điển hình tiên tiến, cách làm hay): the services and their
refusals, search and filters, the pages of every role, query counts, the dashboard panel."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from results.models import GoodPractice, ReportingPeriod, StateArea
from results.selectors import practices as selectors
from results.services import practices as services
from results.services.results import areas_ensure

pytestmark = pytest.mark.django_db

Y = "/cum/snv-bac-trung-bo/2022/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="Quyết định khen thưởng.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root) -> list:
    """The practices' files (the demo's report evidence lives beside them)."""
    return [p for p in (root / "good-practices").rglob("*") if p.is_file()]


def area(cluster, name, year=2022) -> StateArea:
    areas_ensure(cluster=cluster, year=year)
    return StateArea.objects.get(cluster=cluster, year=year, name=name)


def add(cluster, unit, user, title="Một cửa liên thông hồ sơ khen thưởng", year=2022, **extra):
    fields = {"description": "Tiếp nhận và trả kết quả hồ sơ khen thưởng qua một cửa.", **extra}
    return services.good_practice_create(cluster=cluster, year=year, unit=unit, title=title,
                                         acting_user=user, **fields)


# --- services ---------------------------------------------------------------------------------


def test_officer_adds_a_practice_of_their_unit_with_evidence(north_central, units, users,
                                                             media):
    practice = add(north_central, units["nghean"], users["canbo.nghean"],
                   area=area(north_central, "Thi đua, khen thưởng"),
                   results="Rút ngắn thời gian từ 20 xuống 10 ngày.", evidence=pdf())
    practice.refresh_from_db()
    assert practice.unit == units["nghean"] and practice.year == 2022
    assert practice.area.name == "Thi đua, khen thưởng"
    assert practice.created_by == users["canbo.nghean"]
    assert practice.evidence_name == "Quyết định khen thưởng.pdf"
    assert practice.evidence.name.startswith("good-practices/evidence/")
    assert "Quy" not in practice.evidence.name  # stored under a generated name
    assert practice.history.first().history_user == users["canbo.nghean"]
    assert len(stored_files(media)) == 1


@pytest.mark.parametrize("changes, field, message", [
    ({"title": "  "}, "title", "Vui lòng nhập tên điển hình, cách làm hay."),
    ({"title": "x" * 301}, "title", "Tên quá dài (301 ký tự); tối đa 300 ký tự."),
    ({"description": ""}, "description", "Vui lòng mô tả cách làm"),
    ({"unit": "gialai"}, "unit", "Sở Nội vụ tỉnh Gia Lai không phải là thành viên của cụm năm "
                                 "2022."),
    ({"unit": "hatinh"}, "unit", "Chỉ được nhập cách làm hay của đơn vị mình."),
    ({"unit": None}, "unit", "Vui lòng chọn đơn vị."),
    ({"source": "bao_chi"}, "source", "Nguồn không hợp lệ."),
    ({"evidence": "html"}, "evidence", "Không chấp nhận tệp HTML, SVG hoặc mã lệnh."),
    ({"evidence": "exe"}, "evidence", "Nội dung tệp không khớp với phần mở rộng “.pdf”"),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(
        changes, field, message, north_central, units, users, media):
    fields = {"unit": units["nghean"], "title": "Cách làm hay", "description": "Mô tả"}
    for key, value in changes.items():
        if key == "unit":
            value = units[value] if value else None
        if value == "html":
            value = SimpleUploadedFile("a.html", b"<html><script>alert(1)</script></html>")
        if value == "exe":
            value = SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 200)
        fields[key] = value
    before = GoodPractice.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.good_practice_create(cluster=north_central, year=2022,
                                      acting_user=users["canbo.nghean"], **fields)
    assert any(message in text for text in refused.value.message_dict[field]), \
        refused.value.message_dict
    assert GoodPractice.objects.count() == before
    assert stored_files(media) == []


def test_observer_and_outsider_cannot_add(north_central, units, users):
    for username in ("bonoivu", "canbo.gialai"):
        with pytest.raises(ValidationError, match="không có quyền thêm"):
            add(north_central, units["nghean"], users[username])


def test_secretariat_adds_for_any_member_unit(north_central, units, users):
    practice = add(north_central, units["hatinh"], users["canbo.quangtri"])
    assert practice.unit == units["hatinh"]


def test_area_of_last_year_is_matched_to_the_practice_year(north_central, units, users):
    areas_ensure(cluster=north_central, year=2022)
    assert not StateArea.objects.filter(cluster=north_central, year=2031).exists()
    choices = selectors.practice_area_choices(cluster=north_central, year=2031)
    assert {a.year for a in choices} == {max(StateArea.objects.filter(
        cluster=north_central, year__lt=2031).values_list("year", flat=True))}
    chosen = choices.get(name="Văn thư, lưu trữ")
    practice = add(north_central, units["nghean"], users["canbo.quangtri"], year=2031,
                   area=chosen)
    assert (practice.area.year, practice.area.name) == (2031, "Văn thư, lưu trữ")


def test_update_replaces_and_removes_the_evidence_after_commit(
        north_central, units, users, media, django_capture_on_commit_callbacks):
    practice = add(north_central, units["nghean"], users["canbo.nghean"], evidence=pdf("a.pdf"))
    first = practice.evidence.name
    fields = {"unit": units["nghean"], "title": "Tên mới", "description": "Mô tả mới"}
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.good_practice_update(practice=practice,
                                                 acting_user=users["lanhdao.nghean"],
                                                 evidence=pdf("b.pdf"), **fields)
    assert practice.title == "Tên mới" and practice.evidence_name == "b.pdf"
    assert [p.name for p in stored_files(media)] == [practice.evidence.name.rsplit("/")[-1]]
    assert practice.evidence.name != first
    with pytest.raises(ValidationError, match="không làm cả hai"):
        services.good_practice_update(practice=practice, acting_user=users["canbo.nghean"],
                                      evidence=pdf("c.pdf"), remove_evidence=True, **fields)
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.good_practice_update(practice=practice,
                                                 acting_user=users["canbo.nghean"],
                                                 remove_evidence=True, **fields)
    assert not practice.evidence and practice.evidence_name == ""
    assert stored_files(media) == []


def test_only_own_unit_or_secretariat_may_update(north_central, units, users):
    practice = add(north_central, units["hatinh"], users["canbo.hatinh"])
    fields = {"unit": units["hatinh"], "title": "Sửa", "description": "Sửa"}
    for username in ("canbo.nghean", "lanhdao.nghean", "bonoivu", "canbo.gialai"):
        with pytest.raises(ValidationError, match="không có quyền sửa"):
            services.good_practice_update(practice=practice, acting_user=users[username],
                                          **fields)
    with pytest.raises(ValidationError) as refused:  # and not moved to another unit
        services.good_practice_update(practice=practice, acting_user=users["canbo.hatinh"],
                                      **{**fields, "unit": units["nghean"]})
    assert refused.value.message_dict == {"unit": ["Chỉ được nhập cách làm hay của đơn vị "
                                                   "mình."]}
    services.good_practice_update(practice=practice, acting_user=users["canbo.quangtri"],
                                  **fields)
    practice.refresh_from_db()
    assert practice.title == "Sửa"


# --- search and filters -----------------------------------------------------------------------


def test_fold_removes_case_and_diacritics():
    assert selectors.fold("Điển hình TIÊN TIẾN") == "dien hinh tien tien"
    assert selectors.fold("Ưu tiên cải cách") == "uu tien cai cach"


@pytest.fixture
def library(north_central, units, users):
    areas_ensure(cluster=north_central, year=2023)
    made = {
        "mot-cua": add(north_central, units["nghean"], users["canbo.nghean"],
                       title="Một cửa điện tử hồ sơ khen thưởng",
                       area=area(north_central, "Thi đua, khen thưởng")),
        "luu-tru": add(north_central, units["hatinh"], users["canbo.hatinh"],
                       title="Số hóa tài liệu lưu trữ lịch sử",
                       description="Quét và đánh chỉ mục 12.000 hồ sơ.",
                       area=area(north_central, "Văn thư, lưu trữ")),
        "nam-2023": add(north_central, units["hatinh"], users["canbo.quangtri"], year=2023,
                       title="Tuyên dương gương người tốt việc tốt hằng tháng",
                       description="Bản tin nội bộ mỗi tháng một gương điển hình.",
                       area=area(north_central, "Thi đua, khen thưởng", 2023)),
        "ma": add(north_central, units["thanhhoa"], users["canbo.thanhhoa"],
                  title="Mã định danh hồ sơ công chức", description="Mỗi hồ sơ một mã."),
    }
    return {key: p.pk for key, p in made.items()}


def search(cluster, **filters) -> list[int]:
    return selectors.practice_search_ids(cluster=cluster,
                                        filters=selectors.PracticeFilters(**filters))


@pytest.mark.parametrize("query, found", [
    ("khen thưởng", {"mot-cua", "nam-2023"}),  # a title, and both areas
    ("KHEN THUONG", {"mot-cua", "nam-2023"}),  # title of one; area of the other
    ("so hoa luu tru", {"luu-tru"}),
    ("12.000", {"luu-tru"}),
    ("Hà Tĩnh", {"luu-tru", "nam-2023"}),  # the unit's name
    ("danh", {"ma", "luu-tru"}),  # "định danh", "đánh chỉ mục"
    ("đánh", {"luu-tru"}),  # typed with diacritics: exactly these
    ("người tốt tháng", {"nam-2023"}),
    ("không có từ này", set()),
])
def test_search_across_years_ignores_case_and_unwritten_diacritics(query, found, library,
                                                                   north_central):
    got = set(search(north_central, query=query))
    ours = set(library.values())
    assert got & ours == {library[k] for k in found}


def test_filters_by_year_unit_and_area(library, north_central, units):
    ours = set(library.values())
    assert set(search(north_central, year=2023)) & ours == {library["nam-2023"]}
    assert set(search(north_central, year=2022, unit_id=units["hatinh"].pk)) & ours == {
        library["luu-tru"]}
    assert set(search(north_central, area_name="Thi đua, khen thưởng")) & ours == {
        library["mot-cua"], library["nam-2023"]}
    newest_first = [pk for pk in search(north_central) if pk in ours]
    assert newest_first == [library["nam-2023"], library["ma"], library["luu-tru"],
                            library["mot-cua"]]


def test_list_page_searches_and_filters(client, users, library, north_central, units):
    client.force_login(users["lanhdao.nghean"])
    html = client.get(Y + "dien-hinh/", {"q": "so hoa", "nam": "tat-ca"}).content.decode()
    assert "Số hóa tài liệu lưu trữ lịch sử" in html
    assert "Một cửa điện tử hồ sơ khen thưởng" not in html
    html = client.get(Y + "dien-hinh/", {"nam": "2023",
                                         "don-vi": units["hatinh"].pk}).content.decode()
    assert "Tuyên dương gương người tốt việc tốt hằng tháng" in html
    assert "Số hóa tài liệu lưu trữ lịch sử" not in html
    assert '<option value="2023" selected>' in html
    html = client.get(Y + "dien-hinh/", {"q": "không có từ này"}).content.decode()
    assert "Không tìm thấy cách làm hay phù hợp." in html
    # Malformed filters are ignored, not errors.
    assert client.get(Y + "dien-hinh/", {"don-vi": "x", "nam": "abc", "trang": "-1"}
                      ).status_code == 200


@pytest.mark.parametrize("query, found", [
    ("Nghe An", {"mot-cua"}),
    ("Nghệ An", {"mot-cua"}),
    ("điện tử", {"mot-cua"}),
    ("DIEN TU", {"mot-cua", "nam-2023"}),  # without diacritics "điển hình" and "tuyên" too
])
def test_pages_and_printed_documents_find_the_same_practices(query, found, client, users,
                                                             library, north_central):
    """One search: what the library page finds is what a printed document lists
    (``practice_list``), typed with diacritics or without."""
    client.force_login(users["lanhdao.nghean"])
    html = client.get(Y + "dien-hinh/", {"q": query, "nam": "tat-ca"}).content.decode()
    on_page = {pk for pk in library.values() if f"/dien-hinh/{pk}/" in html}
    in_documents = {p.pk for p in selectors.practice_list(
        cluster=north_central, filters=selectors.PracticeFilters(query=query))}
    assert on_page == in_documents & set(library.values()) == {library[k] for k in found}


def test_the_printed_summary_lists_the_pages_practices_of_its_year(library, north_central):
    from reports.kinds.scores import score_part
    from reports.kinds.summary import facts_of
    from results.selectors import ranking
    from tests.results.factories_results import ReportingPeriodFactory

    period = (ReportingPeriod.objects.filter(cluster=north_central, year=2022).first()
              or ReportingPeriodFactory(cluster=north_central, year=2022))
    # what the report may say of the practices (its section on commendation work counts them
    # and quotes a few as examples)
    rows = ranking(period=period)
    # dated today: a practice entered after the report's date is not yet known to it
    facts = facts_of(period, day=timezone.localdate(), rows=rows,
                     scores=score_part(period, rows=rows, by_criterion=False))
    printed = [p["title"] for p in facts["practices"]]
    page = selectors.practice_page(cluster=north_central,
                                   filters=selectors.PracticeFilters(year=2022), per_page=500)
    assert printed == [p.title for p in page.object_list]
    assert "Một cửa điện tử hồ sơ khen thưởng" in printed
    assert "Tuyên dương gương người tốt việc tốt hằng tháng" not in printed  # 2023's


def test_list_page_pages_through_many(client, users, north_central, units):
    for i in range(selectors.PAGE_SIZE + 3):
        add(north_central, units["nghean"], users["canbo.nghean"], title=f"Sáng kiến số {i}")
    client.force_login(users["canbo.nghean"])
    first = client.get(Y + "dien-hinh/", {"q": "sáng kiến"}).content.decode()
    assert first.count('data-testid="practice"') == selectors.PAGE_SIZE
    second = client.get(Y + "dien-hinh/", {"q": "sáng kiến", "trang": 2}).content.decode()
    assert second.count('data-testid="practice"') == 3
    assert "q=s%C3%A1ng+ki%E1%BA%BFn&amp;trang=1" in second


# --- pages × roles ----------------------------------------------------------------------------

ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "admin",
         "canbo.gialai"]
LOGIN = "login"
READ = {"anonymous": LOGIN, "canbo.nghean": 200, "lanhdao.nghean": 200, "canbo.quangtri": 200,
        "bonoivu": 200, "admin": 200, "canbo.gialai": 404}
ADD = {**READ, "bonoivu": 404}  # member units' staff, the secretariat, admins
OTHER_UNIT = {**ADD, "canbo.nghean": 404, "lanhdao.nghean": 404}
NOWHERE = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN}


def posted(expected):
    return {role: 302 if answer == 200 else answer for role, answer in expected.items()}


@dataclass
class Case:
    name: str
    path: str
    expected: dict
    text: str = ""
    method: str = "get"
    data: dict | None = None


FORM = {"title": "Cách làm hay mới", "description": "Mô tả", "source": "bao_cao"}
CASES = [
    Case("list", Y + "dien-hinh/", READ, "Một cửa liên thông hồ sơ khen thưởng"),
    Case("list-search", Y + "dien-hinh/?q=lien+thong&nam=tat-ca", READ,
         "Một cửa liên thông hồ sơ khen thưởng"),
    Case("create", Y + "dien-hinh/moi/", ADD, "Thêm cách làm hay, điển hình tiên tiến năm 2022"),
    Case("create-post", Y + "dien-hinh/moi/", posted(ADD), method="post",
         data={**FORM, "unit": "{nghean_unit}"}),
    Case("detail", Y + "dien-hinh/{nghean}/", READ, "Tiếp nhận và trả kết quả hồ sơ"),
    Case("update-own", Y + "dien-hinh/{nghean}/sua/", ADD, "Sửa cách làm hay"),
    Case("update-own-post", Y + "dien-hinh/{nghean}/sua/", posted(ADD), method="post",
         data={**FORM, "unit": "{nghean_unit}"}),
    Case("update-other", Y + "dien-hinh/{hatinh}/sua/", OTHER_UNIT, "Sửa cách làm hay"),
    Case("update-other-post", Y + "dien-hinh/{hatinh}/sua/", posted(OTHER_UNIT), method="post",
         data={**FORM, "unit": "{hatinh_unit}"}),
    Case("evidence", Y + "dien-hinh/{nghean}/minh-chung/", READ),
    Case("no-evidence", Y + "dien-hinh/{hatinh}/minh-chung/", NOWHERE),
    Case("foreign", Y + "dien-hinh/{foreign}/", NOWHERE),
    Case("other-year", "/cum/snv-bac-trung-bo/2023/dien-hinh/{nghean}/", NOWHERE),
    Case("create-2023", "/cum/snv-bac-trung-bo/2023/dien-hinh/moi/", ADD,
         "năm 2023"),
]


@pytest.fixture
def objects(north_central, highlands, units, users):
    foreign = services.good_practice_create(
        cluster=highlands, year=2022, unit=units["gialai"], title="Của cụm khác",
        description="Không hiện ở cụm Bắc Trung Bộ.", acting_user=None)
    return {
        "nghean": add(north_central, units["nghean"], users["canbo.nghean"],
                      evidence=pdf()).pk,
        "hatinh": add(north_central, units["hatinh"], users["canbo.hatinh"],
                      title="Của Hà Tĩnh").pk,
        "foreign": foreign.pk,
        "nghean_unit": units["nghean"].pk,
        "hatinh_unit": units["hatinh"].pk,
    }


def answer(response):
    if response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(case, objects, users):
    path = case.path.format(**objects)
    data = {k: str(v).format(**objects) for k, v in (case.data or {}).items()}
    got, missing = {}, []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        with transaction.atomic():
            response = getattr(client, case.method)(path, data)
            transaction.set_rollback(True)
        got[role] = answer(response)
        if response.streaming:
            body = b"".join(response.streaming_content)
            assert body == PDF
            assert response["Content-Type"] == "application/pdf"
            assert "attachment; filename=\"Quyet dinh khen thuong.pdf\"" in \
                response["Content-Disposition"]
        elif response.status_code == 200 and case.text:
            if case.text not in response.content.decode():
                missing.append(role)
        if response.status_code == 404:
            assert "Không tìm thấy trang" in response.content.decode()
    assert got == case.expected
    assert missing == [], f"{case.text!r} missing for {missing}"


def test_officer_cannot_post_for_another_unit(client, users, units, north_central):
    """The unit field is fixed for a unit's staff: a forged value is ignored."""
    client.force_login(users["canbo.nghean"])
    response = client.post(Y + "dien-hinh/moi/", {**FORM, "unit": units["hatinh"].pk})
    practice = GoodPractice.objects.get(title="Cách làm hay mới")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/dien-hinh/{practice.pk}/")
    assert practice.unit == units["nghean"]


def test_form_shows_the_service_refusal_and_keeps_what_was_typed(client, users, units):
    client.force_login(users["canbo.quangtri"])
    response = client.post(Y + "dien-hinh/moi/", {
        **FORM, "description": "   ", "unit": units["hatinh"].pk,
        "evidence": SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không chấp nhận tệp HTML, SVG hoặc mã lệnh." in html
    assert 'value="Cách làm hay mới"' in html
    assert not GoodPractice.objects.filter(title="Cách làm hay mới").exists()
    response = client.post(Y + "dien-hinh/moi/", {**FORM, "description": "   ",
                                                  "unit": units["hatinh"].pk})
    assert "Vui lòng mô tả cách làm" in response.content.decode()


def test_detail_shows_edit_only_to_those_who_may(client, users, objects):
    path = Y + f"dien-hinh/{objects['hatinh']}/"
    for username, can in [("canbo.hatinh", True), ("canbo.quangtri", True),
                          ("canbo.nghean", False), ("bonoivu", False)]:
        client.force_login(users[username])
        html = client.get(path).content.decode()
        assert (f"dien-hinh/{objects['hatinh']}/sua/" in html) is can, username


# --- dashboard and queries --------------------------------------------------------------------


def test_dashboard_shows_the_newest_with_search_and_add(client, users, north_central, units):
    for i in range(7):
        add(north_central, units["nghean"], users["canbo.nghean"], title=f"Cách làm số {i}")
    client.force_login(users["lanhdao.nghean"])
    html = client.get("/", {"nam": 2022}, follow=True).content.decode()
    panel = html[html.index('data-testid="practices-panel"'):]
    assert panel.count('data-testid="panel-practice"') == 5
    assert "Cách làm số 6" in panel and "Cách làm số 1" not in panel
    assert 'href="/cum/snv-bac-trung-bo/2022/dien-hinh/moi/"' in panel
    assert 'action="/cum/snv-bac-trung-bo/2022/dien-hinh/"' in panel
    client.force_login(users["bonoivu"])
    html = client.get("/", {"cum": "snv-bac-trung-bo", "nam": 2022}, follow=True).content.decode()
    panel = html[html.index('data-testid="practices-panel"'):]
    assert "dien-hinh/moi/" not in panel and "Cách làm số 6" in panel


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def grow(cluster, units, users, n):
    keys = ["nghean", "hatinh", "thanhhoa"]
    for i in range(n):
        key = keys[i % 3]
        add(cluster, units[key], users[f"canbo.{key}"], title=f"Cách làm {i}",
            area=area(cluster, "Cải cách hành chính"), evidence=pdf() if i % 2 else None)


@pytest.mark.parametrize("path", [Y + "dien-hinh/", Y + "dien-hinh/?q=cach+lam&nam=tat-ca",
                                  Y])
@pytest.mark.parametrize("username", ["canbo.quangtri", "lanhdao.nghean"])
def test_query_count_does_not_grow_with_rows(path, username, client, users, units,
                                             north_central):
    client.force_login(users[username])
    grow(north_central, units, users, 2)
    few = count_queries(client, path)
    grow(north_central, units, users, 12)
    many = count_queries(client, path)
    assert many == few, f"{path}: {few} queries with few rows, {many} with many"


def test_admin_lists_practices_and_keeps_evidence_out_of_its_form(admin_client, objects):
    html = admin_client.get("/quan-tri/results/goodpractice/", {"q": "Hà Tĩnh"}
                            ).content.decode()
    assert "Của Hà Tĩnh" in html
    html = admin_client.get(f"/quan-tri/results/goodpractice/{objects['nghean']}/change/"
                            ).content.decode()
    # The admin never takes an upload that skipped the content check.
    assert 'name="title"' in html and 'name="evidence"' not in html


def test_words_typed_must_begin_words_of_the_text(library, north_central):
    ours = set(library.values())
    assert set(search(north_central, query="hoa")) & ours == {library["luu-tru"], library["ma"]}
    assert set(search(north_central, query="oa")) & ours == set()


def test_an_over_long_description_is_refused_in_vietnamese_and_the_saved_one_kept(
        client, north_central, units, users):
    """Reproduces issue #10: a description of 2,000,000 characters was accepted."""
    practice = add(north_central, units["nghean"], users["canbo.nghean"])
    client.force_login(users["canbo.nghean"])
    response = client.post(Y + f"dien-hinh/{practice.pk}/sua/", {
        **FORM, "unit": units["nghean"].pk, "description": "x" * 2_000_000})
    assert response.status_code == 200
    assert ("Nội dung dài quá giới hạn: tối đa 20.000 ký tự (hiện có 2.000.000)."
            in response.content.decode())
    practice.refresh_from_db()
    assert practice.description == "Tiếp nhận và trả kết quả hồ sơ khen thưởng qua một cửa."
    assert practice.title == "Một cửa liên thông hồ sơ khen thưởng"
    with pytest.raises(ValidationError) as refused:  # a service refuses it too
        services.good_practice_update(practice=practice, unit=units["nghean"],
                                      title=practice.title, description="x" * 20_001,
                                      acting_user=users["canbo.nghean"])
    assert "tối đa 20.000 ký tự (hiện có 20.001)" in str(refused.value)

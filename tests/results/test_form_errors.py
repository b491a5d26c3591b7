"""A failed save of a report or a review (issue #14): the summary at the top ("Chưa lưu được:
N lỗi", each error a link to its field), the fields marked invalid and described by their
errors' real ids, the files chosen named to be chosen again, and every control of the score
table labelled with its criterion's code."""

import html
import re

import pytest
from django.test import Client

from results.models import EvidenceFile, UnitReport
from tests.results.factories_results import pdf
from tests.results.results_fixtures import *  # noqa: F401,F403  (fixtures)
from tests.results.results_fixtures import report_path, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def summary(text: str) -> str:
    match = re.search(r'<div class="alert alert-danger" role="alert" tabindex="-1" '
                      r'id="tom-tat-loi".*?</ul></div>', text, re.S)
    assert match, "no error summary"
    return match.group(0)


def ids_on(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text))


def control(text: str, name: str) -> str:
    match = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', text)
    assert match, name
    return match.group(0)


def test_a_failed_save_says_so_at_the_top_and_links_each_error_to_its_field(
        period, tree, units, users):
    officer = client_for(users["canbo.nghean"])
    nghean = units["nghean"]
    bad, note = f"score_{tree['1.2'].pk}", f"note_{tree['1.2'].pk}"
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", "highlights": "Giữ lại", bad: "-5", note: "Thuyết minh giữ lại",
        f"score_{tree['2.2'].pk}": "hai"})
    assert response.status_code == 200
    text = response.content.decode()
    box = summary(text)
    # The summary comes before the first field of the form.
    assert text.index('id="tom-tat-loi"') < text.index('name="highlights"')
    assert "Chưa lưu được: 2 lỗi" in html.unescape(box)
    assert f'href="#id_{bad}"' in box and f'href="#id_score_{tree["2.2"].pk}"' in box
    assert "Kết quả thực hiện (1.2)" in html.unescape(box)
    # The invalid field says so and is described by its error, whose id is on the page.
    tag = control(text, bad)
    assert 'aria-invalid="true"' in tag
    described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    assert described and set(described) <= ids_on(text)
    error = re.search(rf'<div id="{described[0]}"[^>]*>(.*?)</div>', text).group(1)
    assert "0" in html.unescape(error)
    # A valid field is neither invalid nor described by an id that is not there.
    assert 'aria-invalid' not in control(text, note)
    for tag in re.findall(r'<(?:input|textarea|select)[^>]*>', text):
        for ref in re.findall(r'aria-describedby="([^"]+)"', tag):
            assert set(ref.split()) <= ids_on(text), tag
    # Nothing typed is lost; nothing is saved.
    assert "Thuyết minh giữ lại</textarea>" in text and "Giữ lại</textarea>" in text
    assert not UnitReport.objects.filter(period=period).exists()


def test_a_file_chosen_before_a_failed_save_is_named_to_be_chosen_again(
        period, tree, units, users):
    officer = client_for(users["canbo.nghean"])
    nghean = units["nghean"]
    file_field = f"file_{tree['2.2'].pk}"
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", f"score_{tree['1.2'].pk}": "abc",
        file_field: pdf("Quyết định <khen> 15.pdf"), "general_file": pdf("Báo cáo chung.pdf")})
    assert response.status_code == 200
    text = response.content.decode()
    box = html.unescape(summary(text))
    assert "Chưa lưu được: 3 lỗi" in box
    assert ("Tệp “Quyết định <khen> 15.pdf” chưa được tải lên vì biểu mẫu chưa lưu được; "
            "vui lòng chọn lại tệp này trước khi lưu.") in box
    assert "Tệp “Báo cáo chung.pdf” chưa được tải lên" in box
    assert "<khen>" not in text  # the user's file name is escaped
    assert 'aria-invalid="true"' in control(text, file_field)
    assert f'href="#id_{file_field}"' in summary(text)
    assert not EvidenceFile.objects.filter(report__period=period).exists()
    # Chosen again with the number corrected, it is saved.
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", f"score_{tree['1.2'].pk}": "5", file_field: pdf("QĐ 15.pdf")})
    assert response.status_code == 302
    assert EvidenceFile.objects.filter(report__period=period).get().original_name == "QĐ 15.pdf"


def test_a_good_save_shows_no_summary(period, tree, units, users):
    officer = client_for(users["canbo.nghean"])
    response = officer.get(report_path(units["nghean"], "sua/"))
    text = response.content.decode()
    assert 'id="tom-tat-loi"' not in text and "aria-invalid" not in text
    assert "cluster/forms.js" in text and "results/report-form.css" in text


def test_each_control_of_the_score_table_names_its_criterion(period, tree, units, users):
    officer = client_for(users["canbo.nghean"])
    text = html.unescape(officer.get(report_path(units["nghean"], "sua/")).content.decode())
    pk = tree["2.2"].pk
    for name, label in ((f"note_{pk}", "Thuyết minh"), (f"file_{pk}", "Tệp minh chứng")):
        assert re.search(rf'<label for="id_{name}" class="form-label"><span '
                         rf'class="visually-hidden">Tiêu chí 2.2 — </span>{label}</label>', text)
    assert text.count('<span class="visually-hidden">Tiêu chí ') == 2 * len(
        re.findall(r'name="note_\d+"', text))
    assert "Số lần (2.2)" in text


def test_the_review_names_each_criterion_shows_the_report_first_and_keeps_nothing_silent(
        period, tree, units, users):
    nghean = units["nghean"]
    submitted(period, nghean, users["canbo.nghean"], users["lanhdao.nghean"],
              fields={"highlights": "Văn bản của đơn vị"},
              scores={tree["2.2"].pk: {"count": 4}})
    secretary = client_for(users["canbo.quangtri"])
    path = report_path(nghean, "tham-dinh/")
    text = html.unescape(secretary.get(path).content.decode())
    pk = tree["2.2"].pk
    for name, label in ((f"adjust_{pk}", "Điểm thẩm định"), (f"comment_{pk}", "Ý kiến thẩm định"),
                        (f"file_{pk}", "Tệp thẩm định")):
        assert re.search(rf'<label for="id_{name}" class="form-label"><span '
                         rf'class="visually-hidden">Tiêu chí 2.2 — </span>{label}</label>', text)
    # The unit's text comes before the button that saves the review.
    assert text.index("Văn bản của đơn vị") < text.index("Lưu kết quả thẩm định")
    # A refused review: summary, invalid comment, the chosen file named.
    response = secretary.post(path, {f"adjust_{pk}": "5",
                                     f"file_{pk}": pdf("Biên bản thẩm định.pdf")})
    assert response.status_code == 200
    text = response.content.decode()
    box = html.unescape(summary(text))
    assert "Chưa lưu được: 2 lỗi" in box
    assert "Tiêu chí 2.2 — Ý kiến thẩm định: Tiêu chí 2.2: vui lòng ghi ý kiến" in box
    assert "Tệp “Biên bản thẩm định.pdf” chưa được tải lên" in box
    assert 'aria-invalid="true"' in control(text, f"comment_{pk}")
    assert not EvidenceFile.objects.filter(report__period=period).exists()


@pytest.mark.parametrize("who", ["canbo.hatinh", "lanhdao.hatinh"])
def test_outside_the_unit_the_form_is_not_found(period, tree, units, users, who):
    client = client_for(users[who])
    response = client.post(report_path(units["nghean"], "sua/"), {"version": "0"})
    assert response.status_code == 404


def test_a_refused_explanation_says_so_at_the_top_and_keeps_the_text(period, tree, units, users):
    """The explanation page has the same summary and labels as the edit and review pages: a
    file that is not evidence is refused, named in the summary under its criterion, and the
    explanation typed beside it comes back filled in."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from results.models import ReportingPeriod
    from tests.results.results_fixtures import set_phase

    nghean = units["nghean"]
    submitted(period, nghean, users["canbo.nghean"], users["lanhdao.nghean"],
              scores={tree["2.2"].pk: {"count": 4}})
    pk = tree["2.2"].pk
    secretary = client_for(users["canbo.quangtri"])
    assert secretary.post(report_path(nghean, "tham-dinh/"), {
        f"adjust_{pk}": "5", f"comment_{pk}": "Chỉ 2 điển hình có QĐ"}).status_code == 302
    set_phase(period, ReportingPeriod.Phase.EXPLAINING, users["canbo.quangtri"])
    officer = client_for(users["canbo.nghean"])
    path = report_path(nghean, "giai-trinh/")
    text = html.unescape(officer.get(path).content.decode())
    assert re.search(rf'<label for="id_explain_{pk}" class="form-label"><span '
                     r'class="visually-hidden">Tiêu chí 2.2 — </span>Giải trình</label>', text)
    response = officer.post(path, {
        f"explain_{pk}": "Bổ sung QĐ số 15 <b>và</b> 16",
        f"file_{pk}": SimpleUploadedFile("chương trình.exe", b"MZ\x90\x00 not evidence",
                                         content_type="application/octet-stream")})
    assert response.status_code == 200
    text = response.content.decode()
    box = html.unescape(summary(text))
    assert "Chưa lưu được" in box and "Tiêu chí 2.2 — Tệp giải trình" in box
    assert 'aria-invalid="true"' in control(text, f"file_{pk}")
    assert "Bổ sung QĐ số 15 &lt;b&gt;và&lt;/b&gt; 16" in text  # kept, and inert
    assert UnitReport.objects.get(unit=nghean, period=period).state != "da_giai_trinh"

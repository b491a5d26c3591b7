"""Demo data of unit results (issue #4): the six departments' mid-year 2022 reports and a few
good practices. ILLUSTRATIVE throughout (``is_illustrative``): the seed article says what the
half-year was like, not what each department reported. What it says is kept:

- every department completed its advisory tasks in the nine state-management areas;
- shortcomings: reports did not name outstanding results or good practices for peers to learn
  from; some campaigns were not effective; training, discovering and replicating advanced
  examples fell short of Chỉ thị 34-CT/TW; propaganda of good examples was not regular.

The reports are made through the services, by the demo people, in the order the workflow
allows: the period opens for submissions, five units submit (Hà Tĩnh two days late, Quảng
Bình only saves a draft), the chair (Quảng Trị's officer) reviews three, two units explain,
one explanation is reviewed again. The period is left in the explanation phase, not
finalised, so every screen has something to act on.

The services stamp each step with the clock; so that lateness, the log and the history carry
2022's dates, each step runs with Django's clock set to its moment in the story
(``_story_clock``). Only this loader does that, in its own single-threaded command.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from campaigns.models import Criterion
from cluster.demo import NORTH_CENTRAL_SLUG
from cluster.models import Cluster, Unit, User
from results import demo_review
from results.models import EvidenceFile, GoodPractice, ReportingPeriod, StateArea, UnitReport
from results.services import practices as practice_services
from results.services import results as services

State = UnitReport.State
Phase = ReportingPeriod.Phase
DEADLINE = datetime.datetime(2022, 6, 15, 17, 0)  # Asia/Ho_Chi_Minh
SEED_SHORTCOMINGS = (
    "Việc triển khai phong trào thi đua chưa nêu rõ kết quả nổi bật, cách làm hay để phổ biến "
    "cho các đơn vị trong Cụm học tập kinh nghiệm. Hiệu quả của một số phong trào chưa cao, "
    "chưa thực sự tạo động lực cho việc thực hiện nhiệm vụ chính trị của cơ quan. Công tác "
    "đào tạo, bồi dưỡng, phát hiện và nhân rộng điển hình tiên tiến chưa đáp ứng yêu cầu theo "
    "tinh thần Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị; tuyên truyền các điển hình "
    "tiên tiến, gương người tốt việc tốt chưa thường xuyên, liên tục."
)
AREA_TEXT = {
    "Tổ chức bộ máy, biên chế": "Tham mưu UBND tỉnh sắp xếp tổ chức bộ máy các cơ quan chuyên "
        "môn; thẩm định {a} đề án vị trí việc làm; giao biên chế năm 2022 đúng quy định.",
    "Chính quyền địa phương": "Hướng dẫn kiện toàn chức danh lãnh đạo UBND cấp huyện, xã; "
        "thẩm định hồ sơ sắp xếp {b} thôn, tổ dân phố.",
    "Công tác hội": "Thẩm định, trình phê duyệt điều lệ {b} hội; hướng dẫn đại hội nhiệm kỳ "
        "của các hội có tính chất đặc thù.",
    "Cán bộ, công chức, viên chức": "Tổ chức {c} lớp bồi dưỡng cán bộ, công chức; thẩm định "
        "hồ sơ tuyển dụng, nâng ngạch đúng quy định.",
    "Cải cách hành chính": "Tỷ lệ hồ sơ thủ tục hành chính của Sở giải quyết đúng hạn đạt "
        "{d}%; triển khai Kế hoạch cải cách hành chính năm 2022 của tỉnh.",
    "Công tác thanh niên": "Tham mưu triển khai Chiến lược phát triển thanh niên giai đoạn "
        "2021 - 2030 của tỉnh; tổng kết thực hiện Luật Thanh niên.",
    "Thi đua, khen thưởng": "Tham mưu phát động phong trào thi đua năm 2022 với chủ đề “Đoàn "
        "kết, kỷ cương, gương mẫu, đổi mới, hiệu quả”; thẩm định hồ sơ khen thưởng đúng thời "
        "hạn. Việc phát hiện, nhân rộng điển hình tiên tiến còn hạn chế.",
    "Văn thư, lưu trữ": "Hướng dẫn, kiểm tra công tác văn thư, lưu trữ; tiếp nhận {a} mét "
        "giá tài liệu vào Lưu trữ lịch sử tỉnh.",
    "Tín ngưỡng, tôn giáo": "Nắm tình hình hoạt động tín ngưỡng, tôn giáo; giải quyết thủ tục "
        "hành chính về tôn giáo đúng quy định, không để phát sinh điểm nóng.",
}
# key: (figures a, b, c, classes 1.3.2, actual 1.2, examples 2.2, 2.3 achieved, bonus 3.1)
UNITS = {
    "thanhhoa": (18, 42, 6, 4, "97.5", 3, False, 1),
    "nghean": (21, 57, 7, 5, "96.2", 2, False, 1),
    "hatinh": (12, 31, 4, 3, "93.8", 2, True, 1),
    "quangbinh": (9, 18, 3, 2, "", 0, False, 0),
    "quangtri": (11, 26, 5, 4, "98.1", 3, True, 0),
    "hue": (14, 35, 5, 3, "95.0", 4, False, 1),
}
HIGHLIGHTS = {
    "nghean": "Số hóa quy trình xét, đề nghị khen thưởng: hồ sơ nhận và trả qua phần mềm một "
              "cửa, thời gian giải quyết giảm từ 20 xuống 12 ngày làm việc.",
    "hatinh": "Mở chuyên mục “Gương sáng ngành Nội vụ” trên trang thông tin điện tử của Sở, "
              "mỗi tháng giới thiệu một điển hình.",
    "quangtri": "Giao ban trực tuyến hằng tháng về cải cách hành chính với các huyện, thị xã.",
    "hue": "Khảo sát sự hài lòng của người dân về thủ tục hành chính bằng mã QR tại bộ phận "
           "một cửa.",
}
GENERIC_HIGHLIGHT = ("Hoàn thành tốt các nhiệm vụ tham mưu, giúp UBND tỉnh quản lý nhà nước "
                     "trong các lĩnh vực được giao.")
SUBMITTED_AT = {  # local time; Hà Tĩnh after the deadline of 15/6 17:00
    "thanhhoa": (6, 13, 9, 30), "hue": (6, 14, 15, 0), "quangtri": (6, 14, 16, 10),
    "nghean": (6, 15, 10, 5), "hatinh": (6, 17, 8, 45),
}
PRACTICES = [
    # (unit, area, title, description, results, source)
    ("nghean", "Thi đua, khen thưởng",
     "Số hóa quy trình xét, đề nghị khen thưởng qua phần mềm một cửa",
     "Hồ sơ đề nghị khen thưởng của các đơn vị được tiếp nhận, thẩm định và trả kết quả "
     "trên phần mềm một cửa điện tử của tỉnh; Hội đồng Thi đua - Khen thưởng cho ý kiến "
     "trực tuyến, không phải chờ họp.",
     "Thời gian giải quyết hồ sơ giảm từ 20 xuống 12 ngày làm việc.", "bao_cao"),
    ("hatinh", "Thi đua, khen thưởng",
     "Chuyên mục “Gương sáng ngành Nội vụ” trên trang thông tin điện tử",
     "Mỗi tháng giới thiệu một tập thể hoặc cá nhân tiêu biểu của ngành Nội vụ tỉnh, kèm "
     "bài viết, ảnh và quyết định khen thưởng, để tuyên truyền điển hình tiên tiến thường "
     "xuyên, liên tục.",
     "Sáu bài trong 6 tháng đầu năm; được Báo Hà Tĩnh đăng lại hai bài.", "bao_cao"),
    ("quangtri", "Cải cách hành chính",
     "Giao ban trực tuyến hằng tháng về cải cách hành chính với cấp huyện",
     "Sở Nội vụ chủ trì giao ban trực tuyến với phòng Nội vụ các huyện, thị xã vào tuần đầu "
     "mỗi tháng, rà soát hồ sơ quá hạn và vướng mắc để xử lý ngay.",
     "Tỷ lệ hồ sơ giải quyết đúng hạn của Sở đạt 98,1%.", "bao_cao"),
    ("hue", "Cải cách hành chính",
     "Khảo sát sự hài lòng của người dân bằng mã QR tại bộ phận một cửa",
     "Người dân quét mã QR tại quầy để đánh giá thái độ phục vụ và thời gian giải quyết thủ "
     "tục; kết quả tổng hợp hằng tuần gửi lãnh đạo Sở.",
     "", "hoi_nghi"),
    ("thanhhoa", "Văn thư, lưu trữ",
     "Số hóa tài liệu lưu trữ lịch sử, phục vụ tra cứu trực tuyến",
     "Chỉnh lý, số hóa và lập cơ sở dữ liệu tài liệu lưu trữ lịch sử của tỉnh để cơ quan, "
     "người dân tra cứu trực tuyến.",
     "", "hoi_nghi"),
    ("quangbinh", "Thi đua, khen thưởng",
     "Tập huấn nghiệp vụ thi đua, khen thưởng cho công chức cấp xã",
     "Tổ chức tập huấn theo cụm xã về quy trình, hồ sơ khen thưởng và cách phát hiện, bồi "
     "dưỡng điển hình tiên tiến ở cơ sở, theo tinh thần Chỉ thị số 34-CT/TW.",
     "", "hoi_nghi"),
]


def _moment(month, day, hour=9, minute=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2022, month, day, hour, minute))


@contextmanager
def _story_clock(moment: datetime.datetime):
    """Run the services as of ``moment`` (see the module's docstring)."""
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def _pdf(title: str) -> bytes:
    """A one-page PDF that says what it stands for (illustrative evidence)."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 60 780 Td (MINH HOA - " + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def _file(name: str, ascii_title: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(ascii_title), content_type="application/pdf")


def _inputs(key: str, criteria: dict[str, Criterion]) -> dict[int, dict]:
    a, b, c, classes, actual, examples, propaganda, bonus = UNITS[key]
    if key == "quangbinh":  # a draft, half filled in
        return {criteria["1.1"].pk: {"achieved": True},
                criteria["1.3.2"].pk: {"count": classes, "note": "Đang tổng hợp."}}
    return {
        criteria["1.1"].pk: {"achieved": True},
        criteria["1.2"].pk: {"actual": actual, "note": "Số liệu trên hệ thống một cửa."},
        criteria["1.3.1"].pk: {"achieved": True},
        criteria["1.3.2"].pk: {"count": classes},
        criteria["1.4"].pk: {"achieved": True},
        criteria["2.1"].pk: {"achieved": True},
        criteria["2.2"].pk: {"count": examples},
        criteria["2.3"].pk: {"achieved": propaganda,
                             "note": "" if propaganda else "Chưa thường xuyên."},
        criteria["3.1"].pk: {"count": bonus},
        criteria["3.2"].pk: {"count": 0},
    }


EVIDENCE = [  # criteria whose points need a file (evidence_required), and the file
    ("1.2", "Báo cáo tỷ lệ hồ sơ đúng hạn 6 tháng đầu năm 2022.pdf", "Ty le ho so dung han"),
    ("1.3.2", "Quyết định mở các lớp bồi dưỡng.pdf", "Quyet dinh mo lop boi duong"),
    ("2.2", "Quyết định khen thưởng điển hình tiên tiến.pdf", "Quyet dinh khen thuong"),
]


def _write(report, key, officer, criteria, areas):
    a, b, c, _classes, actual, *_ = UNITS[key]
    figures = {"a": a, "b": b, "c": c, "d": (actual or "—").replace(".", ",")}
    draft = key == "quangbinh"
    narratives = {area.pk: AREA_TEXT.get(area.name, "").format(**figures)
                  for area in areas if not draft or area.order < 4}
    fields = {
        "key_figures": f"Tham mưu UBND tỉnh ban hành {a} văn bản quản lý nhà nước; tổ chức "
                       f"{c} lớp bồi dưỡng; thẩm định {b} hồ sơ khen thưởng.",
        "highlights": HIGHLIGHTS.get(key, GENERIC_HIGHLIGHT),
        "shortcomings": SEED_SHORTCOMINGS,
        "proposals": "" if draft else "Đề nghị Cụm tổ chức trao đổi kinh nghiệm về phát "
                                      "hiện, nhân rộng điển hình tiên tiến giữa các Sở.",
    }
    report = services.report_save(report=report, expected_version=report.version,
                                  acting_user=officer, fields=fields, narratives=narratives,
                                  scores=_inputs(key, criteria))
    if not draft:  # every unit that submits entered these three, so they need their files
        for code, name, title in EVIDENCE:
            services.evidence_add(report=report, uploaded_file=_file(name, title),
                                  acting_user=officer, criterion=criteria[code])
    return report


def _reports(period, units, people, criteria, areas) -> dict[str, UnitReport]:
    reports = {}
    for key in UNITS:
        officer, leader = people[f"canbo.{key}"], people[f"lanhdao.{key}"]
        saved = SUBMITTED_AT.get(key, (6, 10, 14, 0))
        with _story_clock(_moment(saved[0], saved[1] - 1, 15)):
            report = services.report_get_or_create(period=period, unit=units[key],
                                                   acting_user=officer)
            report = _write(report, key, officer, criteria, areas)
        if key in SUBMITTED_AT:
            with _story_clock(_moment(*saved)):
                report = services.report_transition(report=report, to_state=State.SUBMITTED,
                                                    acting_user=leader)
        reports[key] = report
    return reports


def _review(period, reports, people, criteria):
    chair = people["canbo.quangtri"]
    with _story_clock(_moment(6, 18, 9)):
        services.report_review(report=reports["thanhhoa"], adjustments={}, acting_user=chair,
                               note="Báo cáo đầy đủ, đúng mẫu.")
    with _story_clock(_moment(6, 18, 14)):
        services.report_review(
            report=reports["hue"], acting_user=chair, adjustments={criteria["2.2"].pk: (
                "5", "Chỉ 2 trong 4 điển hình có quyết định khen thưởng kèm theo.")})
    with _story_clock(_moment(6, 20, 10)):
        services.report_review(
            report=reports["nghean"], acting_user=chair, adjustments={criteria["1.3.2"].pk: (
                "8", "Một lớp do Trường Chính trị tỉnh chủ trì, không tính cho Sở.")})
    with _story_clock(_moment(6, 21, 8)):
        services.period_set_phase(period=period, phase=Phase.EXPLAINING, acting_user=chair)
    with _story_clock(_moment(6, 21, 16)):
        services.evidence_add(
            report=reports["hue"], acting_user=people["canbo.hue"], criterion=criteria["2.2"],
            uploaded_file=_file("Quyết định khen thưởng bổ sung.pdf", "Quyet dinh bo sung"),
            stage=EvidenceFile.Stage.EXPLANATION)
        services.report_explain(
            report=reports["hue"], acting_user=people["canbo.hue"],
            explanations={criteria["2.2"].pk: "Bổ sung quyết định khen thưởng của điển hình "
                                              "thứ ba; điển hình thứ tư đang chờ quyết định."})
    with _story_clock(_moment(6, 22, 9)):
        services.report_explain(
            report=reports["nghean"], acting_user=people["canbo.nghean"],
            explanations={criteria["1.3.2"].pk: "Lớp ngày 12/5/2022 do Sở chủ trì, Trường "
                                                "Chính trị tỉnh chỉ phối hợp tổ chức."})
    with _story_clock(_moment(6, 22, 15)):
        services.report_review(
            report=reports["hue"], acting_user=chair, adjustments={criteria["2.2"].pk: (
                "7.5", "Chấp nhận điển hình thứ ba theo quyết định bổ sung.")})


def _practices(cluster, units, people, reports):
    areas = {a.name: a for a in StateArea.objects.filter(cluster=cluster, year=2022)}
    for day, (key, area, title, description, results, source) in enumerate(PRACTICES):
        if GoodPractice.objects.filter(cluster=cluster, title=title).exists():
            continue
        report = reports.get(key)
        with _story_clock(_moment(6, 24 + day // 2, 10 + day)):
            practice_services.good_practice_create(
                cluster=cluster, year=2022, unit=units[key], area=areas[area], title=title,
                description=description, results=results, source=source,
                report=report if source == "bao_cao" else None,
                acting_user=people[f"canbo.{key}"], is_illustrative=True)


def load_cluster(cluster: Cluster) -> str:
    """Idempotent: the period and its reports are made once; practices by title."""
    units = {key: Unit.objects.get(pk=User.objects.get(username=f"canbo.{key}").unit_id)
             for key in UNITS}
    people = {u.username: u for u in User.objects.filter(
        username__in=[f"{role}.{key}" for key in UNITS for role in ("canbo", "lanhdao")])}
    period = ReportingPeriod.objects.filter(cluster=cluster, year=2022,
                                            kind=ReportingPeriod.Kind.MID_YEAR).first()
    reports = {}
    if period is None:
        chair = people["canbo.quangtri"]
        with _story_clock(_moment(5, 20, 8)):
            period = services.period_create(
                cluster=cluster, year=2022, kind=ReportingPeriod.Kind.MID_YEAR,
                deadline=timezone.make_aware(DEADLINE), acting_user=chair)
            period = services.period_set_phase(period=period, phase=Phase.SUBMITTING,
                                               acting_user=chair)
        criteria = {c.code: c for c in Criterion.objects.filter(cluster=cluster, year=2022)}
        areas = list(StateArea.objects.filter(cluster=cluster, year=2022).order_by("order"))
        reports = _reports(period, units, people, criteria, areas)
        with _story_clock(_moment(6, 16, 8)):
            period = services.period_set_phase(period=period, phase=Phase.VERIFYING,
                                               acting_user=chair)
        _review(period, {k: UnitReport.objects.get(pk=r.pk) for k, r in reports.items()},
                people, criteria)
        # Issue #17: Thừa Thiên Huế (vice-chair) reviews the chair's own report.
        demo_review.load_review(period=period, units=units, people=people, criteria=criteria,
                                story_clock=_story_clock, moment=_moment)
        UnitReport.objects.filter(period=period).update(is_illustrative=True)
        period.refresh_from_db()
    else:
        reports = {r.unit_id: r for r in period.reports.all()}
        reports = {key: reports.get(unit.pk) for key, unit in units.items()}
    _practices(cluster, units, people, reports)
    from results.demo_scoring import load_scoring  # issue #17: targets, applicability, bands

    scoring_summary = load_scoring(cluster, period)
    return (f"{period}: {period.reports.count()} báo cáo minh họa, giai đoạn "
            f"“{period.get_phase_display()}”; "
            f"{GoodPractice.objects.filter(cluster=cluster).count()} cách làm hay; "
            f"{scoring_summary}")


@transaction.atomic
def load(stdout=None) -> None:
    """Found by ``load_demo`` through the app registry, after ``campaigns.demo`` (whose
    criteria the reports score against)."""
    summary = load_cluster(Cluster.objects.get(slug=NORTH_CENTRAL_SLUG))
    if stdout:
        stdout.write(f"  results: {summary}")

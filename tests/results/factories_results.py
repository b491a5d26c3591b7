"""Factories and builders for unit results (issue #4): periods, a criteria tree with every
kind of leaf, reports in any state. Independent of the demo's own reports: the tests work in
2023 (the demo cluster's 2022 chair, Quảng Trị, acts as its secretariat until 2023's chair is
confirmed), or in clusters of their own."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from campaigns.models import Criterion
from results.models import AreaNarrative, CriterionScore, ReportingPeriod, StateArea, UnitReport
from results.services import results as services
from tests.factories import ClusterFactory, UnitFactory

YEAR = 2023
Kind = Criterion.Kind
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
       b"\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def pdf(name: str = "minh-chung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class ReportingPeriodFactory(DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    cluster = factory.SubFactory(ClusterFactory)
    year = YEAR
    kind = ReportingPeriod.Kind.MID_YEAR
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    phase = ReportingPeriod.Phase.SUBMITTING


class UnitReportFactory(DjangoModelFactory):
    class Meta:
        model = UnitReport

    period = factory.SubFactory(ReportingPeriodFactory)
    unit = factory.SubFactory(UnitFactory)


# (code, parent, name, max points, kind, parameters, evidence required)
TREE = [
    ("I", None, "Thực hiện nhiệm vụ chuyên môn", "60", Kind.GROUP, {}, False),
    ("1.1", "I", "Tham mưu tổ chức bộ máy đúng quy định", "10", Kind.QUALITATIVE, {}, False),
    ("1.2", "I", "Tỷ lệ hồ sơ giải quyết đúng hạn (%)", "15", Kind.QUANTITATIVE,
     {"target": "95"}, True),
    ("1.3", "I", "Cán bộ, công chức, viên chức", "20", Kind.GROUP, {}, False),
    ("1.3.1", "1.3", "Tuyển dụng đúng quy định", "10", Kind.QUALITATIVE, {}, False),
    ("1.3.2", "1.3", "Số lớp bồi dưỡng đã tổ chức", "10", Kind.PER_OCCURRENCE,
     {"points_each": "2"}, True),
    ("1.4", "I", "Văn thư, lưu trữ", "15", Kind.QUALITATIVE, {}, False),
    ("II", None, "Công tác thi đua, khen thưởng", "40", Kind.GROUP, {}, False),
    ("2.1", "II", "Phát động phong trào kịp thời", "10", Kind.QUALITATIVE, {}, False),
    ("2.2", "II", "Số điển hình được biểu dương", "15", Kind.PER_OCCURRENCE,
     {"points_each": "2.5"}, False),
    ("2.3", "II", "Tuyên truyền điển hình thường xuyên", "15", Kind.QUALITATIVE, {}, False),
    ("III", None, "Điểm thưởng, điểm trừ", None, Kind.GROUP, {}, False),
    ("3.1", "III", "Sáng kiến được Cụm ghi nhận", None, Kind.BONUS_PENALTY,
     {"points_each": "2", "lower_bound": "0", "upper_bound": "5"}, False),
    ("3.2", "III", "Chậm gửi báo cáo (mỗi lần)", None, Kind.BONUS_PENALTY,
     {"points_each": "-1", "lower_bound": "-5", "upper_bound": "0"}, False),
]


def build_tree(cluster, year: int = YEAR, *, extra: int = 0) -> dict[str, Criterion]:
    """The tree above (every kind of leaf), plus ``extra`` qualitative leaves under a group
    IV for the "large tree" of the query-count tests. Returns the criteria by code."""
    by_code: dict[str, Criterion] = {}
    rows = list(TREE)
    if extra:
        rows.append(("IV", None, "Nhiệm vụ khác", str(extra), Kind.GROUP, {}, False))
        rows += [(f"4.{i + 1}", "IV", f"Nhiệm vụ khác số {i + 1}", "1", Kind.QUALITATIVE, {},
                  i % 3 == 0) for i in range(extra)]
    for code, parent, name, max_points, kind, params, evidence in rows:
        by_code[code] = Criterion.objects.create(
            cluster=cluster, year=year, parent=by_code.get(parent), code=code, name=name,
            max_points=Decimal(max_points) if max_points else None, kind=kind,
            evidence_required=evidence, **{k: Decimal(v) for k, v in params.items()})
    return by_code


def ensure_areas(cluster, year: int = YEAR) -> list[StateArea]:
    return services.areas_ensure(cluster=cluster, year=year)


def bulk_report(period, unit, *, state=UnitReport.State.SUBMITTED, criteria=(),
                submitted=True, version: int = 2) -> UnitReport:
    """A report made directly in the database (for data volume): every leaf answered, a
    narrative per area, files for none."""
    now = timezone.now()
    report = UnitReport.objects.create(
        period=period, unit=unit, state=state, version=version,
        submitted_at=now if submitted else None, key_figures="Số liệu", highlights="Nổi bật")
    areas = StateArea.objects.filter(cluster=period.cluster, year=period.year)
    AreaNarrative.objects.bulk_create([AreaNarrative(report=report, area=a, text=a.name)
                                       for a in areas])
    rows = []
    for i, criterion in enumerate(c for c in criteria if c.kind != Kind.GROUP):
        row = CriterionScore(report=report, criterion=criterion, note=f"Ghi chú {i}")
        if criterion.kind == Kind.QUANTITATIVE:
            row.actual = Decimal(90 + unit.pk % 10)
        elif criterion.kind == Kind.QUALITATIVE:
            row.achieved = bool((unit.pk + i) % 2)
        else:
            row.count = (unit.pk + i) % 3
        if i % 4 == 0:
            row.adjusted_points = Decimal(1)
            row.review_comment = "Điều chỉnh"
        rows.append(row)
    CriterionScore.objects.bulk_create(rows)
    return report


class World:
    """A cluster of its own with ``units`` members in 2023 (the first is the chair), an
    officer and a leader per unit, the criteria tree, the areas, and an open period."""

    def __init__(self, *, units: int = 3, phase=ReportingPeriod.Phase.SUBMITTING, extra: int = 0,
                 deadline=None):
        from cluster.models import User
        from tests.factories import UserFactory, cluster_with_members

        self.cluster = cluster_with_members(units=units, first_year=YEAR)
        self.units = [m.unit for m in self.cluster.memberships.order_by("rotation_order")]
        self.officers = [UserFactory(unit=u, role=User.Role.OFFICER) for u in self.units]
        self.leaders = [UserFactory(unit=u, role=User.Role.LEADER) for u in self.units]
        self.secretary = self.officers[0]
        self.criteria = build_tree(self.cluster, extra=extra)
        ensure_areas(self.cluster)
        self.period = ReportingPeriodFactory(
            cluster=self.cluster, phase=phase,
            **({"deadline": deadline} if deadline is not None else {}))

    def c(self, code: str) -> Criterion:
        return self.criteria[code]

    def report(self, i: int = 1) -> UnitReport:
        return services.report_get_or_create(period=self.period, unit=self.units[i],
                                             acting_user=self.officers[i])

    def save(self, i: int = 1, *, version=None, user=None, **kwargs) -> UnitReport:
        report = self.report(i)
        kwargs.setdefault("fields", {"highlights": f"Đơn vị {i}"})
        return services.report_save(
            report=report, expected_version=report.version if version is None else version,
            acting_user=user or self.officers[i], **kwargs)

    def scores(self, **by_code) -> dict[int, dict]:
        """``scores(**{"1.2": {"actual": 95}})`` keyed by criterion id."""
        return {self.c(code).pk: raw for code, raw in by_code.items()}

    def evidence(self, i: int, code: str | None = None):
        return services.evidence_add(report=self.report(i), uploaded_file=pdf(),
                                     acting_user=self.officers[i],
                                     criterion=self.c(code) if code else None)

    def submit(self, i: int = 1, **kwargs) -> UnitReport:
        return services.report_transition(report=self.report(i),
                                          to_state=UnitReport.State.SUBMITTED,
                                          acting_user=self.leaders[i], **kwargs)

    def phase(self, phase) -> None:
        order = services.PHASE_ORDER
        self.period.refresh_from_db()
        while self.period.phase != phase:
            step = 1 if order.index(phase) > order.index(self.period.phase) else -1
            self.period = services.period_set_phase(
                period=self.period, phase=order[order.index(self.period.phase) + step],
                acting_user=self.secretary)

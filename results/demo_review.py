"""Demo of reviewer independence (issue #17): in 2022 Quảng Trị chairs the cluster and
Thừa Thiên Huế is the vice-chair, so Quảng Trị's own mid-year report is reviewed by Huế's
officer, never by the secretariat (Quảng Trị's officer). The year names Nghệ An as the
alternate reviewer, for a report neither the secretariat nor the vice-chair may review.
ILLUSTRATIVE like the rest of the 2022 results: the seed article says nothing of who reviewed
whom. Called once by ``results.demo.load_cluster``, inside its story clock."""

from __future__ import annotations

from results.models import ReviewSetting, UnitReport
from results.services import results as services
from results.services import reviewers as reviewer_services


def load_review(*, period, units, people, criteria, story_clock, moment) -> None:
    """Name the year's alternate, then Huế's officer adjusts one criterion of Quảng Trị's
    report by criterion and completes its review."""
    secretary, hue = people["canbo.quangtri"], people["canbo.hue"]
    if not ReviewSetting.objects.filter(cluster=period.cluster, year=period.year).exists():
        with story_clock(moment(6, 16, 9)):
            reviewer_services.review_setting_set(
                cluster=period.cluster, year=period.year, alternate_unit=units["nghean"],
                acting_user=secretary,
                note="Thẩm định thay khi cả thư ký cụm và Cụm phó đều không được thẩm định.")
    report = UnitReport.objects.get(period=period, unit=units["quangtri"])
    if report.state != UnitReport.State.SUBMITTED:
        return
    with story_clock(moment(6, 21, 10)):
        report = reviewer_services.report_adjust(
            report=report, acting_user=hue, expected_version=report.version,
            adjustments={criteria["1.3.2"].pk: (
                "6", "Một trong bốn lớp do Trường Chính trị tỉnh chủ trì, Sở chỉ phối hợp: "
                     "không tính cho Sở.")})
    with story_clock(moment(6, 21, 11)):
        services.report_review(
            report=report, acting_user=hue, adjustments={}, expected_version=report.version,
            note="Báo cáo của đơn vị Cụm trưởng do Cụm phó (Sở Nội vụ tỉnh Thừa Thiên Huế) "
                 "thẩm định.")

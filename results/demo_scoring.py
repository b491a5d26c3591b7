"""Demo data of issue #17 (ILLUSTRATIVE): in the 2022 mid-year period, two departments have
their own target for criterion 1.2 (hồ sơ đúng hạn), one criterion does not apply to Huế,
and the year has four bands (Xuất sắc / Tốt / Khá / Trung bình) on points.

Set by the chair's secretariat through the services, after the reports (``results.demo``);
idempotent: nothing is added twice.
"""

from __future__ import annotations

from campaigns.models import Criterion
from cluster.models import Cluster, Unit, User
from results.models import Basis, NotApplicable, ReportingPeriod, ScoreBand, UnitTarget
from results.services import scoring

TARGETS = {  # unit key: (target of 1.2, why)
    "hatinh": ("92", "Khối lượng hồ sơ tăng mạnh sau khi tiếp nhận thêm thủ tục từ cấp "
                     "huyện; chỉ tiêu giao theo Kế hoạch cải cách hành chính năm 2022 của "
                     "UBND tỉnh Hà Tĩnh (minh họa)."),
    "thanhhoa": ("97", "Chỉ tiêu cao hơn theo Kế hoạch cải cách hành chính năm 2022 của UBND "
                       "tỉnh Thanh Hóa (minh họa)."),
}
NOT_APPLICABLE = ("hue", "2.3", "Năm 2022 UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì "
                                "tuyên truyền điển hình tiên tiến; Sở Nội vụ chỉ phối hợp "
                                "(minh họa).")
BANDS = [("Xuất sắc", "90"), ("Tốt", "80"), ("Khá", "70"), ("Trung bình", "50")]


def load_scoring(cluster: Cluster, period: ReportingPeriod) -> str:
    chair = User.objects.get(username="canbo.quangtri")
    units = {key: Unit.objects.get(pk=User.objects.get(username=f"canbo.{key}").unit_id)
             for key in (*TARGETS, NOT_APPLICABLE[0])}
    criteria = {c.code: c for c in Criterion.objects.filter(cluster=cluster, year=period.year)}
    if period.phase == ReportingPeriod.Phase.FINAL:
        return "kỳ đã chốt"
    if not UnitTarget.objects.filter(period=period).exists():
        scoring.targets_save(period=period, acting_user=chair, values={
            (units[key].pk, criteria["1.2"].pk): (target, note)
            for key, (target, note) in TARGETS.items()})
    key, code, reason = NOT_APPLICABLE
    if not NotApplicable.objects.filter(period=period).exists():
        scoring.not_applicable_add(period=period, unit=units[key], criterion=criteria[code],
                                   reason=reason, acting_user=chair)
    if not ScoreBand.objects.filter(cluster=cluster, year=period.year).exists():
        scoring.year_rules_save(cluster=cluster, year=period.year, ranking_basis=Basis.POINTS,
                                band_basis=Basis.POINTS, bands=BANDS, acting_user=chair)
    return (f"{UnitTarget.objects.filter(period=period).count()} chỉ tiêu riêng, "
            f"{NotApplicable.objects.filter(period=period).count()} tiêu chí không áp dụng, "
            f"{len(BANDS)} mức xếp loại")

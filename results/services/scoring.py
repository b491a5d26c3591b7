"""Issue #17's scoring rules, set by the secretariat (``campaigns.manage_year``): each unit's
own target of a quantitative criterion, criteria not applicable to a unit, the year's ranking
rule and its classification bands.

Targets and applicability belong to a period and are refused once it is final (its stored
points never move); every change recomputes the period's stored points at once, under the
period's lock. The year's rule and bands may change at any time: a finalised period keeps the
rule and each report's band it was finalised with (``period_finalise``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.models import Criterion
from cluster import selectors as cluster_selectors
from cluster.history import delete_with_history, save_with_history
from cluster.models import Cluster, Unit, User
from cluster.permissions import require
from cluster.rules import YearScope
from results.models import (
    Basis,
    NotApplicable,
    ReportingPeriod,
    ScoreBand,
    UnitTarget,
    YearScoring,
)
from results.services.results import MAX_ACTUAL, _parse_number, _plain, period_recompute

MANAGE = "campaigns.manage_year"
MANAGE_TEXT = "Chỉ Cụm trưởng (thư ký cụm) mới được thay đổi cách chấm điểm."
MAX_BAND = Decimal("999999.99")
ZERO_TARGET = ("chỉ tiêu phải lớn hơn 0 (chỉ tiêu bằng 0 không chấm được điểm); để trống để "
               "dùng chỉ tiêu chung của tiêu chí.")


def _locked_period(period: ReportingPeriod, acting_user: User | None) -> ReportingPeriod:
    """The period, locked, after checking the permission and that it is not final."""
    period = (ReportingPeriod.objects.select_for_update(of=("self",)).select_related("cluster")
              .get(pk=period.pk))
    require(acting_user, MANAGE, YearScope(period.cluster, period.year), message=MANAGE_TEXT)
    if period.phase == ReportingPeriod.Phase.FINAL:
        raise ValidationError("Kỳ báo cáo đã chốt kết quả: chỉ tiêu và tiêu chí áp dụng của "
                              "kỳ được giữ nguyên, không thể thay đổi.", code="final")
    return period


def parse_target(value) -> Decimal | None:
    """A target typed in the grid ("1.250,5" is not accepted; "96,25" is): None when blank.
    Raises ValueError with the Vietnamese problem."""
    if value in (None, ""):
        return None
    number = _parse_number(value)
    if number is None:
        raise ValueError("chỉ tiêu phải là một số.")
    if number <= 0:
        raise ValueError(ZERO_TARGET)
    if number > MAX_ACTUAL:
        raise ValueError("chỉ tiêu quá lớn.")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError("chỉ tiêu có nhiều nhất 2 chữ số thập phân.")
    return number


@transaction.atomic
def targets_save(*, period: ReportingPeriod, values: dict[tuple[int, int], tuple],
                 acting_user: User | None) -> int:
    """Save the grid: ``{(unit_id, criterion_id): (target typed or "", note)}``. A blank
    target goes back to the criterion's own; a target of zero or less is refused (the
    formula divides by it). Nothing is saved unless every cell is valid; errors are keyed
    ``target_<unit>_<criterion>``. Returns how many cells changed."""
    period = _locked_period(period, acting_user)
    members = {u.pk for u in cluster_selectors.cluster_member_units(cluster=period.cluster,
                                                                    year=period.year)}
    criteria = {c.pk: c for c in Criterion.objects.filter(
        cluster_id=period.cluster_id, year=period.year, kind=Criterion.Kind.QUANTITATIVE)}
    existing = {(t.unit_id, t.criterion_id): t
                for t in UnitTarget.objects.filter(period=period)}
    errors: dict[str, str] = {}
    parsed: dict[tuple[int, int], tuple[Decimal | None, str]] = {}
    for (unit_id, criterion_id), (raw, note) in values.items():
        key = f"target_{unit_id}_{criterion_id}"
        criterion = criteria.get(int(criterion_id))
        if int(unit_id) not in members or criterion is None:
            errors[key] = "Đơn vị hoặc tiêu chí không thuộc bảng chỉ tiêu của kỳ báo cáo."
            continue
        try:
            parsed[(int(unit_id), criterion.pk)] = (parse_target(raw),
                                                    str(note or "").strip())
        except ValueError as problem:
            errors[key] = f"Tiêu chí {criterion.code}: {problem}"
    if errors:
        raise ValidationError(errors)
    changed = 0
    for (unit_id, criterion_id), (target, note) in parsed.items():
        row = existing.get((unit_id, criterion_id))
        if target is None:
            if row is not None:
                delete_with_history(row, acting_user=acting_user)
                changed += 1
            continue
        if row is not None and (row.target, row.note) == (target, note):
            continue
        row = row or UnitTarget(period=period, unit_id=unit_id, criterion_id=criterion_id)
        row.target, row.note, row.set_by = target, note, acting_user
        save_with_history(row, acting_user=acting_user)
        changed += 1
    if changed:
        period_recompute(period=period)
    return changed


@transaction.atomic
def not_applicable_add(*, period: ReportingPeriod, unit: Unit, criterion: Criterion,
                       reason: str, acting_user: User | None) -> NotApplicable:
    """Mark ``criterion`` (a leaf, or a group and everything under it) not applicable to
    ``unit`` for the period, with the reason the unit will read on its report."""
    period = _locked_period(period, acting_user)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Vui lòng ghi lý do tiêu chí không áp dụng cho đơn vị."
    if criterion.cluster_id != period.cluster_id or criterion.year != period.year:
        errors["criterion"] = "Tiêu chí không thuộc bảng tiêu chí của kỳ báo cáo."
    members = {u.pk for u in cluster_selectors.cluster_member_units(cluster=period.cluster,
                                                                    year=period.year)}
    if unit.pk not in members:
        errors["unit"] = f"{unit} không phải là thành viên của cụm năm {period.year}."
    if NotApplicable.objects.filter(period=period, unit=unit, criterion=criterion).exists():
        errors["criterion"] = (f"Tiêu chí {criterion.code} đã được xác định không áp dụng "
                               f"cho {unit.short_name}.")
    if errors:
        raise ValidationError(errors)
    mark = NotApplicable(period=period, unit=unit, criterion=criterion, reason=reason,
                         set_by=acting_user)
    save_with_history(mark, acting_user=acting_user)
    period_recompute(period=period)
    return mark


@transaction.atomic
def not_applicable_remove(*, mark: NotApplicable, acting_user: User | None) -> None:
    """The criterion applies to the unit again."""
    _locked_period(mark.period, acting_user)
    period = mark.period
    delete_with_history(mark, acting_user=acting_user)
    period_recompute(period=ReportingPeriod.objects.select_related("cluster").get(
        pk=period.pk))


@transaction.atomic
def year_rules_save(*, cluster: Cluster, year: int, ranking_basis: str, band_basis: str,
                    bands: list[tuple[str, object]], acting_user: User | None) -> YearScoring:
    """The year's ranking rule and its bands ``[(name, lower bound typed)]`` (blank rows are
    ignored; the list replaces the year's bands). Lower bounds are inclusive; on a
    percentage basis they are between 0 and 100. Nothing is saved unless all is valid."""
    require(acting_user, MANAGE, YearScope(cluster, year), message=MANAGE_TEXT)
    errors: dict[str, str] = {}
    if ranking_basis not in Basis.values:
        errors["ranking_basis"] = "Cách xếp hạng không hợp lệ."
    if band_basis not in Basis.values:
        errors["band_basis"] = "Cách xếp loại không hợp lệ."
    clean: list[tuple[str, Decimal]] = []
    names, bounds = set(), set()
    for index, (name, raw) in enumerate(bands):
        name = (name or "").strip()
        if not name and raw in (None, ""):
            continue
        key = f"band_{index}"
        bound = _parse_number(raw) if raw not in (None, "") else None
        if not name:
            errors[key] = "Vui lòng nhập tên mức xếp loại."
        elif bound is None:
            errors[key] = f"Mức “{name}”: điểm sàn phải là một số."
        elif bound < 0 or bound > MAX_BAND or bound != bound.quantize(Decimal("0.01")):
            errors[key] = (f"Mức “{name}”: điểm sàn phải là số không âm, nhiều nhất 2 chữ số "
                           "thập phân.")
        elif band_basis == Basis.PERCENT and bound > 100:
            errors[key] = f"Mức “{name}”: tỷ lệ không được vượt quá 100%."
        elif name.casefold() in names:
            errors[key] = f"Mức “{name}” bị trùng tên."
        elif bound in bounds:
            errors[key] = f"Mức “{name}”: đã có mức khác cùng điểm sàn {_plain(bound)}."
        else:
            names.add(name.casefold())
            bounds.add(bound)
            clean.append((name, bound))
    if errors:
        raise ValidationError(errors)
    rule = (YearScoring.objects.select_for_update().filter(cluster=cluster, year=year).first()
            or YearScoring(cluster=cluster, year=year))
    if rule.pk is None or (rule.ranking_basis, rule.band_basis) != (ranking_basis, band_basis):
        rule.ranking_basis, rule.band_basis = ranking_basis, band_basis
        save_with_history(rule, acting_user=acting_user)
    # A band whose name or bound changed is replaced (deleted first, so that two bands can
    # swap bounds without meeting the unique constraint); the history keeps both rows.
    wanted = set(clean)
    kept = set()
    for band in ScoreBand.objects.filter(cluster=cluster, year=year):
        if (band.name, band.lower_bound) in wanted:
            kept.add((band.name, band.lower_bound))
        else:
            delete_with_history(band, acting_user=acting_user)
    for name, bound in clean:
        if (name, bound) not in kept:
            save_with_history(ScoreBand(cluster=cluster, year=year, name=name,
                                        lower_bound=bound), acting_user=acting_user)
    return rule


__all__ = ["not_applicable_add", "not_applicable_remove", "parse_target", "targets_save",
           "year_rules_save"]

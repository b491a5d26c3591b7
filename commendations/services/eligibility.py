"""Writes of standards and eligibility (issue #16, part 3): the secretariat keeps the standards
and history conditions of an award (``award_standard_save``, ``award_condition_save``); a
unit's staff (or the secretariat) declare, per nomination, whether each standard is met
(``standard_declare``). The standards are the national catalogue's, shared by every cluster:
their years of validity (``valid_from_year``, ``valid_to_year``) say which achievements they
apply to, so a change for a new year is a new row, not an edit of last year's."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cluster.models import Cluster, User
from cluster.rules import UnitScope, YearScope
from commendations.models import (
    AwardCondition,
    AwardForm,
    AwardStandard,
    Nomination,
    StandardDeclaration,
)
from commendations.services._common import CommendationError, require, save

DECLARE = "commendations.declare_standards"


def _years(obj, valid_from_year, valid_to_year) -> None:
    if valid_from_year and valid_to_year and valid_to_year < valid_from_year:
        raise CommendationError({"valid_to_year": "Năm kết thúc phải từ năm bắt đầu trở đi."})
    obj.valid_from_year, obj.valid_to_year = valid_from_year, valid_to_year


@transaction.atomic
def award_standard_save(*, cluster: Cluster, year: int, award: AwardForm, text: str,
                        source: str, mandatory: bool = True,
                        valid_from_year: int | None = None, valid_to_year: int | None = None,
                        order: int = 0, acting_user: User | None,
                        standard: AwardStandard | None = None) -> AwardStandard:
    """Create (or change) a standard of ``award``, by the secretariat of ``cluster``-``year``."""
    require(acting_user, "commendations.edit_standards", YearScope(cluster, year))
    if not (text or "").strip():
        raise CommendationError({"text": "Hãy nhập nội dung tiêu chuẩn."})
    if not (source or "").strip():
        raise CommendationError({"source": "Hãy ghi nguồn (văn bản, điều, khoản)."})
    creating = standard is None
    if creating:
        standard = AwardStandard(award=award)
    elif standard.award_id != award.pk:
        raise CommendationError("Tiêu chuẩn không thuộc hình thức, danh hiệu này.")
    standard.text, standard.source, standard.mandatory, standard.order = (
        text, source, mandatory, order)
    _years(standard, valid_from_year, valid_to_year)
    standard.updated_by = acting_user
    save(standard, acting_user=acting_user,
         reason="Thêm tiêu chuẩn khen thưởng" if creating else "Sửa tiêu chuẩn khen thưởng")
    return standard


@transaction.atomic
def award_condition_save(*, cluster: Cluster, year: int, award: AwardForm, kind: str,
                         years: int, source: str, required_awards=(), text: str = "",
                         mandatory: bool = True, include_current: bool = False,
                         valid_from_year: int | None = None, valid_to_year: int | None = None,
                         order: int = 0, acting_user: User | None,
                         condition: AwardCondition | None = None) -> AwardCondition:
    """Create (or change) a history condition of ``award``, by the secretariat."""
    require(acting_user, "commendations.edit_standards", YearScope(cluster, year))
    if kind not in {k.value for k in AwardCondition.Kind}:
        raise CommendationError({"kind": "Loại điều kiện không hợp lệ."})
    if not years or not 1 <= years <= 50:
        raise CommendationError({"years": "Số năm phải từ 1 đến 50."})
    if not (source or "").strip():
        raise CommendationError({"source": "Hãy ghi nguồn (văn bản, điều, khoản)."})
    required = list(required_awards)
    if kind != AwardCondition.Kind.NONE_WITHIN and not required:
        raise CommendationError({"required_awards": "Hãy chọn ít nhất một hình thức, danh "
                                                    "hiệu trong lịch sử khen thưởng."})
    creating = condition is None
    if creating:
        condition = AwardCondition(award=award)
    elif condition.award_id != award.pk:
        raise CommendationError("Điều kiện không thuộc hình thức, danh hiệu này.")
    condition.kind, condition.years, condition.source, condition.text = kind, years, source, text
    condition.mandatory, condition.include_current, condition.order = (
        mandatory, include_current, order)
    _years(condition, valid_from_year, valid_to_year)
    condition.updated_by = acting_user
    save(condition, acting_user=acting_user,
         reason="Thêm điều kiện khen thưởng" if creating else "Sửa điều kiện khen thưởng")
    condition.required_awards.set(required)
    return condition


def declaration_refusal(nomination: Nomination) -> str | None:
    """Why the standards of ``nomination`` cannot be declared now, or None: once its dossier
    has gone up (or been decided), or once a vote it did not pass has closed."""
    dossier = getattr(nomination, "dossier", None)
    if dossier is not None:
        if not dossier.is_editable:
            return (f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”: chỉ khai báo "
                    "tiêu chuẩn khi hồ sơ đang lập hoặc bị trả lại.")
        return None
    if nomination.session.is_closed:
        return "Phiên bình xét đã kết thúc và đề nghị không có hồ sơ: không cần khai báo."
    return None


@transaction.atomic
def standard_declare(*, nomination: Nomination, standard: AwardStandard, declared: bool,
                     note: str = "", acting_user: User | None,
                     is_illustrative: bool = False) -> StandardDeclaration:
    """Record (or change) whether ``nomination`` meets ``standard``, by its unit's staff or
    the secretariat; saving the same answer twice changes nothing but its time."""
    session = nomination.session
    require(acting_user, DECLARE, UnitScope(session.cluster, session.year, nomination.unit_id))
    # One writer at a time per nomination: two quick saves leave one declaration.
    nomination = Nomination.objects.select_for_update().select_related("session").get(
        pk=nomination.pk)
    refusal = declaration_refusal(nomination)
    if refusal:
        raise CommendationError(refusal)
    if standard.award_id != nomination.award_id or not standard.applies_in(
            nomination.session.year):
        raise CommendationError("Tiêu chuẩn không áp dụng cho đề nghị này.")
    declaration = StandardDeclaration.objects.filter(nomination=nomination,
                                                     standard=standard).first()
    if declaration is None:
        declaration = StandardDeclaration(nomination=nomination, standard=standard,
                                          is_illustrative=is_illustrative)
    declaration.declared, declaration.note = declared, note
    declaration.declared_by, declaration.declared_at = acting_user, timezone.now()
    save(declaration, acting_user=acting_user, reason="Khai báo tiêu chuẩn khen thưởng")
    return declaration


__all__ = ["award_condition_save", "award_standard_save", "declaration_refusal",
           "standard_declare"]

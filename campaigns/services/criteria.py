"""The criteria tree of a cluster-year: edit one criterion, delete one, copy a whole year."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns import scoring
from campaigns.models import Criterion
from cluster.history import delete_with_history, save_with_history
from cluster.models import Cluster, User
from cluster.permissions import require
from cluster.rules import YearScope

PARAMETERS = ("target", "leader_bonus_share", "over_target_bonus_share", "points_each", "cap",
              "lower_bound", "upper_bound")
#: The parameters each kind reads; the others are cleared so stored rows stay unambiguous.
KIND_PARAMETERS = {
    Criterion.Kind.GROUP: (),
    Criterion.Kind.QUANTITATIVE: ("target", "leader_bonus_share", "over_target_bonus_share"),
    Criterion.Kind.QUALITATIVE: (),
    Criterion.Kind.PER_OCCURRENCE: ("points_each", "cap"),
    Criterion.Kind.BONUS_PENALTY: ("points_each", "lower_bound", "upper_bound"),
}
FIELDS = ("parent", "code", "name", "max_points", "guidance", "evidence_required", "kind",
          *PARAMETERS, "is_illustrative")


def _lock_year(cluster: Cluster) -> None:
    Cluster.objects.select_for_update().get(pk=cluster.pk)


def _validate(criterion: Criterion) -> None:
    criterion.code = (criterion.code or "").strip().rstrip(".")
    try:
        scoring.parse_code(criterion.code)
    except scoring.ScoringInputError as error:
        raise ValidationError({"code": str(error)}) from None
    duplicate = Criterion.objects.filter(
        cluster_id=criterion.cluster_id, year=criterion.year, code=criterion.code
    ).exclude(pk=criterion.pk)
    if duplicate.exists():
        raise ValidationError(
            {"code": f"Mã tiêu chí {criterion.code} đã có trong bảng tiêu chí năm "
                     f"{criterion.year}."}
        )
    parent = criterion.parent
    if parent is not None:
        if (parent.cluster_id, parent.year) != (criterion.cluster_id, criterion.year):
            raise ValidationError({"parent": "Tiêu chí cha phải thuộc bảng tiêu chí cùng năm."})
        if parent.kind != Criterion.Kind.GROUP:
            raise ValidationError(
                {"parent": f"Tiêu chí {parent.code} đang có cách tính điểm riêng (tiêu chí "
                           "lá) nên không thể có tiêu chí con; hãy đổi thành nhóm tiêu chí."}
            )
        if criterion.pk:
            edges = dict(
                Criterion.objects.filter(cluster_id=criterion.cluster_id, year=criterion.year)
                .values_list("pk", "parent_id")
            )
            edges[criterion.pk] = parent.pk
            cycle = scoring.detect_cycle(
                {str(k): (str(v) if v else None) for k, v in edges.items()}
            )
            if cycle:
                codes = dict(
                    Criterion.objects.filter(pk__in=[int(pk) for pk in cycle])
                    .values_list("pk", "code")
                )
                path = " → ".join(codes[int(pk)] for pk in cycle)
                raise ValidationError(
                    {"parent": f"Không thể chọn tiêu chí cha này: quan hệ cha – con sẽ tạo "
                               f"thành vòng lặp ({path})."}
                )
    if criterion.kind != Criterion.Kind.GROUP and criterion.pk and criterion.children.exists():
        raise ValidationError(
            {"kind": "Tiêu chí đã có tiêu chí con nên là nhóm tiêu chí (điểm bằng tổng điểm "
                     "các tiêu chí con), không có cách tính điểm riêng."}
        )
    for name in PARAMETERS:
        if name not in KIND_PARAMETERS[criterion.kind]:
            setattr(criterion, name, None)
    try:
        criterion.to_rule()
    except scoring.ScoringRuleError as error:
        raise ValidationError({"kind": str(error)}) from None


@transaction.atomic
def criterion_save(
    *,
    cluster: Cluster,
    year: int,
    criterion: Criterion | None = None,
    acting_user: User | None,
    **fields,
) -> Criterion:
    """Create (``criterion=None``) or change a criterion. Refuses, in Vietnamese and saving
    nothing: a malformed code, a duplicate code, a parent of another year or one that is a
    leaf, a parent link that makes a loop, parameters that do not fit the kind."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, year))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"criterion_save: unknown fields {sorted(unknown)}")
    _lock_year(cluster)
    if criterion is None:
        criterion = Criterion(cluster=cluster, year=year)
    else:
        criterion = Criterion.objects.select_for_update().get(
            pk=criterion.pk, cluster=cluster, year=year
        )
    for name, value in fields.items():
        setattr(criterion, name, value.strip() if isinstance(value, str) else value)
    criterion.kind = criterion.kind or Criterion.Kind.GROUP
    _validate(criterion)
    save_with_history(criterion, acting_user=acting_user, reason="Sửa tiêu chí")
    _recompute_open_periods(cluster, year)
    return criterion


#: Called with ``(cluster, year)`` inside the transaction that changed the year's criteria tree.
#: ``results`` registers the recomputation of the stored points of its open periods here
#: (``results.services.results.periods_recompute_open``, from ``ResultsConfig.ready``), so
#: ``campaigns`` does not import the app above it.
_criteria_changed: list[Callable[[Cluster, int], None]] = []


def on_criteria_changed(receiver: Callable[[Cluster, int], None]) -> None:
    if receiver not in _criteria_changed:
        _criteria_changed.append(receiver)


def _recompute_open_periods(cluster: Cluster, year: int) -> None:
    """The stored points of every report in the year's periods that are not final follow the
    changed tree at once (a final period keeps the points it was finalised with)."""
    for receiver in _criteria_changed:
        receiver(cluster, year)


@transaction.atomic
def criterion_delete(*, criterion: Criterion, acting_user: User | None) -> None:
    require(acting_user, "campaigns.manage_year", YearScope(criterion.cluster, criterion.year))
    if criterion.children.exists():
        raise ValidationError(
            f"Tiêu chí {criterion.code} còn tiêu chí con; hãy xóa hoặc chuyển các tiêu chí con "
            "trước."
        )
    if criterion.scores.exists():
        raise ValidationError(
            f"Tiêu chí {criterion.code} đã được các đơn vị chấm điểm trong báo cáo; không thể "
            "xóa."
        )
    delete_with_history(criterion, acting_user=acting_user)
    _recompute_open_periods(criterion.cluster, criterion.year)


@transaction.atomic
def criteria_copy_from_year(
    *, cluster: Cluster, from_year: int, to_year: int, acting_user: User | None
) -> list[Criterion]:
    """Copy the whole criteria tree of ``from_year`` into ``to_year`` in one action (parent
    links, kinds and parameters kept). Refused when ``to_year`` already has criteria."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, to_year))
    _lock_year(cluster)
    if from_year == to_year:
        raise ValidationError("Năm nguồn và năm đích phải khác nhau.")
    if Criterion.objects.filter(cluster=cluster, year=to_year).exists():
        raise ValidationError(
            f"Bảng tiêu chí năm {to_year} đã có tiêu chí; chỉ sao chép vào năm chưa có tiêu chí."
        )
    source = list(Criterion.objects.filter(cluster=cluster, year=from_year))
    if not source:
        raise ValidationError(f"Năm {from_year} chưa có tiêu chí để sao chép.")
    children: dict[int | None, list[Criterion]] = {}
    for row in source:
        children.setdefault(row.parent_id, []).append(row)
    copies: dict[int, Criterion] = {}
    reason = f"Sao chép từ bảng tiêu chí năm {from_year}"

    def copy(row: Criterion, parent: Criterion | None) -> None:
        new = Criterion(
            cluster=cluster, year=to_year, parent=parent,
            **{name: getattr(row, name) for name in FIELDS if name != "parent"},
        )
        save_with_history(new, acting_user=acting_user, reason=reason)
        copies[row.pk] = new
        for child in sorted(children.get(row.pk, []), key=lambda r: r.sort_key):
            copy(child, new)

    for top in sorted(children.get(None, []), key=lambda r: r.sort_key):
        copy(top, None)
    if len(copies) != len(source):
        raise ValidationError(
            f"Bảng tiêu chí năm {from_year} có quan hệ cha – con vòng lặp; hãy sửa trước khi "
            "sao chép."
        )
    return list(copies.values())

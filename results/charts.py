"""The charts of results (issue #17, point 6), built with ``cluster.charts`` from plain data,
so the pages (from the selectors) and the documents (from their frozen snapshot) draw the
same pictures: the period's points by unit, the progress of the reports, the points by
top-level criterion group per unit, and a unit's points and rank across the years."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from cluster.charts import Chart, Series, format_number
from results.models import ReportingPeriod


def _listing(names: Sequence[str], values: Sequence) -> str:
    pairs = zip(names, values, strict=False)
    return "; ".join(f"{name}: {format_number(value)}" for name, value in pairs)


def points_by_unit(*, key: str, title: str, units: Sequence[str], values: Sequence,
                   serif: bool = False, width: int = 640) -> Chart:
    """One bar per unit, in the order given (the ranking's)."""
    return Chart(
        "bar", title,
        _("Biểu đồ cột ngang, mỗi đơn vị một cột, theo thứ tự xếp hạng. %(list)s.")
        % {"list": _listing(units, values)} if units else _("Chưa có số liệu."),
        tuple(units), (Series(_("Điểm sau thẩm định"), tuple(values)),),
        value_label=_("Điểm"), serif=serif, key=key, width=width)


def progress_chart(*, key: str, title: str, summary: Sequence[tuple[str, str, int]]) -> Chart:
    """How many reports are in each state (``progress_summary``'s rows)."""
    labels = [str(label) for _key, label, _count in summary]
    counts = [count for _key, _label, count in summary]
    return Chart(
        "bar", title,
        _("Số đơn vị theo tình trạng báo cáo. %(list)s.") % {"list": _listing(labels, counts)}
        if labels else _("Chưa có số liệu."),
        tuple(labels), (Series(_("Số đơn vị"), tuple(counts)),),
        value_label=_("Số đơn vị"), integer=True, key=key)


def groups_by_unit(*, key: str, title: str, units: Sequence[str], groups: Sequence[str],
                   values: Sequence[Sequence], serif: bool = False, width: int = 640) -> Chart:
    """A bar per unit, stacked by top-level criterion group. ``values[u][g]``: unit ``u``'s
    points in group ``g``."""
    series = tuple(Series(group, tuple(row[g] if g < len(row) else None for row in values))
                   for g, group in enumerate(groups))
    return Chart(
        "stacked", title,
        _("Biểu đồ cột chồng, mỗi đơn vị một cột gồm điểm của từng nhóm tiêu chí: %(groups)s.")
        % {"groups": "; ".join(groups)} if groups else _("Chưa có số liệu."),
        tuple(units), series, value_label=_("Điểm"), serif=serif, key=key, width=width)


def period_name(year: int, kind: str) -> str:
    """"6 tháng\n2022", "Cả năm\n2022": a chart's label on two lines (a table's on one)."""
    return (_("6 tháng\n%(year)s") if kind == ReportingPeriod.Kind.MID_YEAR
            else _("Cả năm\n%(year)s")) % {"year": year}


def unit_history_charts(history, *, key: str = "lich-su") -> tuple[Chart, Chart]:
    """A unit's points, and its rank, across the finalised periods (``unit_results_history``):
    a line for the unit and one for each unit that merged into it. A point's band, when the
    history carries one, prints beside its value."""
    categories = tuple(
        period_name(year, kind) + (_(" (tạm)") if (year, kind) in history.provisional else "")
        for year, kind in history.periods)
    points, ranks = [], []
    for unit in history.units:
        found = [history.point(unit.pk, period) for period in history.periods]
        if not any(found):
            continue
        bands = tuple(p.band if p is not None else None for p in found)
        points.append(Series(unit.short_name, tuple(
            p.final_total if p is not None else None for p in found), bands))
        ranks.append(Series(unit.short_name, tuple(
            p.rank if p is not None else None for p in found)))
    name = history.unit.short_name
    points_chart = Chart(
        "line", _("Điểm thi đua của %(unit)s qua các kỳ") % {"unit": name},
        _("Biểu đồ đường: điểm sau thẩm định của đơn vị ở mỗi kỳ%(merged)s.%(provisional)s")
        % {"merged": _(", kể cả các đơn vị tiền thân") if len(points) > 1 else "",
           "provisional": _(" Kỳ ghi “tạm” chưa chốt kết quả: điểm còn có thể thay đổi sau "
                            "giải trình.") if history.provisional else ""},
        categories, tuple(points), value_label=_("Điểm"), key=f"{key}-diem")
    rank_chart = Chart(
        "line", _("Thứ hạng của %(unit)s qua các kỳ") % {"unit": name},
        _("Biểu đồ đường: thứ hạng của đơn vị trong cụm ở mỗi kỳ (hạng 1 ở trên)."),
        categories, tuple(ranks), value_label=_("Hạng"), invert=True, integer=True,
        key=f"{key}-hang")
    return points_chart, rank_chart


__all__ = ["groups_by_unit", "period_name", "points_by_unit", "progress_chart",
           "unit_history_charts"]

"""Who reviews a report, for the report's page (issue #17): ``{% nguoi_tham_dinh as box %}``
gives the designated reviewer, the recusals, who reviewed last and what the user may do."""

from __future__ import annotations

from django import template

from results.selectors import reviewers

register = template.Library()


@register.simple_tag(takes_context=True)
def nguoi_tham_dinh(context):
    report, period = context.get("report"), context.get("period")
    if report is None or period is None or report.submitted_at is None:
        return None
    user = context["request"].user
    chosen = reviewers.assignment(period=period, unit_id=report.unit_id, report_id=report.pk)
    detail = context.get("detail")
    reviewed = reviewers.report_reviewed_by(
        report=report, events=getattr(detail, "events", None))
    reviewer = reviewers.may_review(user, period=period, unit_id=report.unit_id,
                                    report_id=report.pk)
    return {
        "assignment": chosen, "reviewed": reviewed, "is_reviewer": reviewer,
        "can_recuse": reviewer and report.state not in ("chot",) and period.phase != "chot",
    }

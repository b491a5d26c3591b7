"""The cluster's mid-year (sơ kết 6 tháng) and year-end (tổng kết năm) report, as real cluster
reports are laid out: I. results (direction and organisation; results by area, with the
cluster-wide figures added up from the units' key figures; commendation work; scores and
ranking), II. overall assessment (strengths; shortcomings and their causes), III. directions
and tasks for the next period, IV. proposals.

The snapshot gathers the facts as they stood on the document's date: the units' texts as
their history had them at the end of that day (django-simple-history), the conference only
once it has started, good practices entered and awards decided by then. The synthesis
(``synthesis``) writes each editable section from them; a section the secretariat edited
(``reports.models.SummarySection``) prints as edited instead, and is frozen with the
snapshot when the report is issued."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation

from campaigns.models import Conference
from campaigns.selectors import campaign_for, citation, conference_list
from cluster.text import body_date, vi_sorted
from commendations.selectors import granted_award_counts, session_list
from reports.document import (
    BulletList,
    Cell,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    format_value,
)
from reports.models import SummarySection
from results.charts import groups_by_unit, points_by_unit
from results.models import AreaNarrative, ReportingPeriod, StateArea, UnitReport
from results.selectors import PracticeFilters, group_totals, practice_list, ranking

from . import synthesis
from .common import (
    Stamp,
    archive,
    chair_part,
    chair_signature,
    cluster_part,
    excerpt,
    issuer,
    ministry_recipient,
    points,
    points_text,
    quote_limit,
)
from .scores import period_label, rule_notes, score_part, score_table

CONFERENCE_KIND = {
    ReportingPeriod.Kind.MID_YEAR: Conference.Kind.MIDYEAR,
    ReportingPeriod.Kind.YEAR_END: Conference.Kind.YEAREND,
}
TEXT_FIELDS = ("key_figures", "highlights", "shortcomings", "proposals")
CONFERENCE_LISTS = ("achievements", "shortcomings", "solutions", "conclusions")


def subject_of(period_kind: str, year: int) -> str:
    if period_kind == ReportingPeriod.Kind.MID_YEAR:
        return f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}"
    return f"Tổng kết công tác thi đua, khen thưởng năm {year}"


def next_period(period_kind: str, year: int) -> str:
    if period_kind == ReportingPeriod.Kind.MID_YEAR:
        return f"6 tháng cuối năm {year}"
    return f"năm {year + 1}"


def section_title(key: str, period_kind: str, year: int) -> str:
    if key == SummarySection.Key.DIRECTIONS:
        return f"Phương hướng, nhiệm vụ {next_period(period_kind, year)}"
    return str(SummarySection.Key(key).label)


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1),
                                                         datetime.time.min))


def _latest(history_rows) -> dict[int, object]:
    """The newest history row of each record among ``history_rows`` (ordered newest first
    per id), deleted records left out."""
    latest: dict[int, object] = {}
    for row in history_rows:
        latest.setdefault(row.id, row)
    return {pk: row for pk, row in latest.items() if row.history_type != "-"}


def _reports_as_of(reports: list[UnitReport], day: datetime.date) -> dict[int, object]:
    """The units' reports as their history had them at the end of ``day``: the reports
    submitted by then (a report sent back to its unit, or not yet sent, is not used)."""
    end = _end_of(day)
    rows = (UnitReport.history.filter(id__in=[r.pk for r in reports], history_date__lt=end)
            .only("id", "history_type", "state", *TEXT_FIELDS)
            .order_by("id", "-history_date", "-history_id"))
    return {pk: row for pk, row in _latest(rows).items()
            if row.state not in (UnitReport.State.DRAFT, UnitReport.State.RETURNED)}


def _narratives_as_of(report_ids: list[int], day: datetime.date) -> list:
    rows = (AreaNarrative.history.filter(report_id__in=report_ids,
                                         history_date__lt=_end_of(day))
            .only("id", "history_type", "report_id", "area_id", "text")
            .order_by("id", "-history_date", "-history_id"))
    return [row for row in _latest(rows).values() if row.text.strip()]


def _conference_part(period: ReportingPeriod, day: datetime.date) -> dict | None:
    """The period's conference, once it has started on or before ``day``: a report dated
    before the conference cannot quote its conclusions."""
    held = [c for c in conference_list(cluster=period.cluster, year=period.year,
                                       kind=CONFERENCE_KIND[period.kind])
            if timezone.localtime(c.starts_at).date() <= day]
    if not held:
        return None
    conference = held[-1]
    return {
        "title": conference.title,
        "day": body_date(timezone.localtime(conference.starts_at).date()),
        "place": conference.place_name,
        "achievements": conference.achievement_items,
        "shortcomings": conference.shortcoming_items,
        "solutions": conference.solution_items,
        "conclusions": conference.conclusion_items,
    }


def _campaign_part(period: ReportingPeriod, day: datetime.date) -> dict | None:
    campaign = campaign_for(cluster=period.cluster, year=period.year)
    if campaign is None:
        return None
    plan = campaign.plan_document
    cited = plan is not None and plan.issued_on <= day
    return {"name": campaign.name, "motto": campaign.motto,
            "plan": citation(plan) if cited else ""}


def facts_of(period: ReportingPeriod, *, day: datetime.date, scores: dict,
             rows: list) -> dict:
    """What the report may say, as it stood on ``day``, as plain data for ``synthesis``."""
    cluster, year = period.cluster, period.year
    reports = vi_sorted((row.report for row in rows), key=lambda r: r.unit.short_name)
    as_of = _reports_as_of(reports, day)
    reports = [r for r in reports if r.pk in as_of]
    units = {r.pk: {"short": r.unit.short_name, "name": r.unit.name} for r in reports}
    order = {r.pk: index for index, r in enumerate(reports)}

    areas: dict[int, dict] = {area.pk: {"name": area.name, "order": (area.order, area.pk),
                                        "entries": []}
                              for area in StateArea.objects.filter(cluster=cluster, year=year)}
    for row in sorted(_narratives_as_of(list(units), day), key=lambda n: order[n.report_id]):
        if row.area_id in areas:
            areas[row.area_id]["entries"].append({"unit": units[row.report_id],
                                                  "text": row.text.strip()})

    def texts(field: str) -> list[dict]:
        return [{"unit": units[r.pk], "text": getattr(as_of[r.pk], field).strip()}
                for r in reports if getattr(as_of[r.pk], field).strip()]

    practices = [
        {"title": p.title, "unit": p.unit.short_name, "area": p.area.name if p.area else "",
         "description": p.description.strip(), "results": p.results.strip()}
        for p in practice_list(cluster=cluster, filters=PracticeFilters(year=year))
        if timezone.localtime(p.created_at).date() <= day
    ]
    sessions = [s for s in session_list(cluster=cluster, year=year)
                if s.closed_at and timezone.localtime(s.closed_at).date() <= day]
    awards = granted_award_counts(cluster=cluster, since=datetime.date(year, 1, 1), until=day)
    key_figures = texts("key_figures")
    figures = synthesis.figures(key_figures)
    return {
        "year": year,
        "mid": period.kind == ReportingPeriod.Kind.MID_YEAR,
        "label": period_label(period.kind, year),
        "campaign": _campaign_part(period, day),
        "deadline": body_date(timezone.localtime(period.deadline).date()),
        "members": len(scores["ranking"]) + len(scores["missing"]),
        "reported": [row["unit"] for row in scores["ranking"]],
        "late": [row["unit"] for row in scores["ranking"] if row["late"]],
        "missing": [row["unit"] for row in scores["missing"]],
        "conference": _conference_part(period, day),
        "areas": [{"name": a["name"], "entries": a["entries"]}
                  for a in sorted(areas.values(), key=lambda a: a["order"]) if a["entries"]],
        "key_figures": key_figures,
        "figures": figures,
        "figures_units": len(key_figures),
        "highlights": texts("highlights"),
        "shortcomings": texts("shortcomings"),
        "proposals": texts("proposals"),
        "practices": practices,
        "awards": [{"award": name, "count": count} for name, count in awards],
        "sessions": [f"{s.title}, ngày {body_date(timezone.localtime(s.closed_at).date())}"
                     for s in sessions],
    }


def _abridge(facts: dict) -> int | None:
    """Cut the units' texts the sections quote so that together they stay within
    ``common.QUOTE_BUDGET``: one unit's 2,000,000-character text must not make the cluster's
    report hundreds of pages long, nor its rendering outlast the server's timeout. Returns
    the longest quote when something was cut."""
    places: list[tuple[object, object]] = []
    for area in facts["areas"]:
        places += [(entry, "text") for entry in area["entries"]]
    for field in ("highlights", "shortcomings", "proposals"):
        places += [(entry, "text") for entry in facts[field]]
    for practice in facts["practices"][:synthesis.EXAMPLES]:
        places += [(practice, "description"), (practice, "results")]
    if facts["conference"]:
        for field in CONFERENCE_LISTS:
            items = facts["conference"][field]
            places += [(items, index) for index in range(len(items))]
    limit = quote_limit([container[key] for container, key in places])
    if limit is not None:
        for container, key in places:
            container[key] = excerpt(container[key], limit)
    return limit


def _composition(period: ReportingPeriod, *, day: datetime.date):
    """The scores, the facts of ``day`` (quotes abridged), how far they were abridged, and
    the text of each section composed from them."""
    rows = ranking(period=period)
    # The report prints totals and ranks; the score table document has the criteria.
    scores = score_part(period, rows=rows, by_criterion=False)
    facts = facts_of(period, day=day, scores=scores, rows=rows)
    abridged = _abridge(facts)
    return scores, facts, abridged, synthesis.compose(facts), rows


def composed_sections(period: ReportingPeriod, *, day: datetime.date) -> dict[str, str]:
    """The text of each section as the app composes it from the data of ``day`` (what a
    section starts from, and goes back to when reset)."""
    return _composition(period, day=day)[3]


def snapshot_summary(period: ReportingPeriod, *, day: datetime.date) -> dict:
    """Everything the report prints, as plain data: the section texts (as edited, else as
    composed from the data of ``day``), the cluster-wide figures and the scores."""
    cluster, year = period.cluster, period.year
    scores, facts, abridged, sections, rows = _composition(period, day=day)
    edited = {row.key: row.text for row in SummarySection.objects.filter(period=period)}
    sections.update(edited)
    snapshot = {
        "cluster": cluster_part(cluster),
        "chair": chair_part(cluster, year, day),
        "year": year,
        "period": period.kind,
        "today_year": day.year,
        "campaign": facts["campaign"],
        "figures": facts["figures"],
        "scores": scores,
        "sections": sections,
        "edited": sorted(edited),
        "charts": chart_part(period, rows),
    }
    if abridged is not None:
        snapshot["abridged"] = abridged
    return snapshot


#: The charts' drawing width in a document: the text's width is about 450 pt, so a 12-unit
#: label prints at about 11 pt.
CHART_WIDTH = 500


def chart_part(period: ReportingPeriod, rows: list) -> dict:
    """What the report's charts draw (issue #17, point 6), frozen with the snapshot so an
    issued report draws them again as issued: each ranked unit's final points, and its
    points per top-level criterion group."""
    split = group_totals(period=period)
    return {
        "units": [row.unit.short_name for row in rows],
        "totals": [points_text(row.final_total) for row in rows],
        "groups": [f"{g.code}. {g.name}" if g.code else g.name for g in split.groups],
        "by_group": [[points_text(split.totals.get(row.report.pk, {}).get(g.pk, Decimal(0)))
                      for g in split.groups] for row in rows],
    }


def chart_figures(part: dict, label: str) -> list[Figure]:
    """The report's charts from the snapshot's ``charts``, in the document's font and words."""
    with translation.override("vi"):
        totals = [points(value) for value in part["totals"]]
        figures = [Figure(points_by_unit(
            key="bieu-do-1", title=f"Điểm thi đua của các đơn vị {label}",
            units=part["units"], values=totals, serif=True, width=CHART_WIDTH),
            caption=f"Biểu đồ 1. Điểm thi đua của các đơn vị {label}")]
        if part["groups"]:
            figures.append(Figure(groups_by_unit(
                key="bieu-do-2", title=f"Điểm thi đua theo nhóm tiêu chí {label}",
                units=part["units"], groups=part["groups"],
                values=[[points(v) for v in row] for row in part["by_group"]], serif=True,
                width=CHART_WIDTH),
                caption=f"Biểu đồ 2. Điểm thi đua của các đơn vị theo nhóm tiêu chí {label}"))
    return figures


def figures_table(figures: list[dict], caption: str) -> Table:
    rows = tuple((Cell(index, align="center"), Cell(row["label"]), Cell(row["total"]),
                  Cell(row["units"], align="center"))
                 for index, row in enumerate(figures, start=1))
    return Table(header_rows=((Cell("TT"), Cell("Nội dung"), Cell("Toàn Cụm"),
                               Cell("Số đơn vị báo cáo")),),
                 rows=rows, column_widths=(1, 8, 2.2, 2.2), caption=caption)


def section_blocks(text: str) -> list:
    """The edited text as document blocks: paragraphs and lists, the text as typed."""
    blocks: list = []
    for kind, content in synthesis.text_blocks(text):
        blocks.append(Paragraph(content) if kind == "paragraph" else BulletList(content))
    return blocks


def build_summary(snapshot: dict, stamp: Stamp) -> Document:
    year, kind = snapshot["year"], snapshot["period"]
    label = period_label(kind, year)
    cluster_name = snapshot["cluster"]["name"]
    sections = snapshot["sections"]
    body: list = []

    def section(key: str, *, level: int = 2, title: str | None = None) -> None:
        heading = title or section_title(key, kind, year)
        body.append(Heading(heading.upper() if level == 1 else heading, level=level))
        body.extend(section_blocks(sections.get(key, "")))

    campaign = snapshot["campaign"]
    opening = f"Thực hiện {campaign['plan']}, " if campaign and campaign["plan"] else ""
    body.append(Paragraph(f"{opening}{cluster_name} báo cáo kết quả công tác thi đua, khen "
                          f"thưởng {label} như sau:"))

    body.append(Heading(f"Kết quả công tác thi đua, khen thưởng {label}".upper()))
    section(SummarySection.Key.DIRECTION)
    section(SummarySection.Key.AREAS)
    if snapshot["figures"]:
        body.append(figures_table(snapshot["figures"],
                                  f"Một số số liệu chủ yếu của các đơn vị trong Cụm {label}"))
    section(SummarySection.Key.COMMENDATION)
    body.append(Heading("Kết quả chấm điểm, xếp hạng", level=2))
    body.append(score_table(snapshot["scores"], full=False,
                            caption=f"Kết quả chấm điểm thi đua {label}"))
    if snapshot.get("charts") and snapshot["charts"]["units"]:  # none before issue #17
        body.extend(chart_figures(snapshot["charts"], label))
    body.extend(rule_notes(snapshot["scores"]))  # issue #17: the year's rule and bands

    body.append(Heading("Đánh giá chung".upper()))
    section(SummarySection.Key.STRENGTHS)
    section(SummarySection.Key.SHORTCOMINGS)
    section(SummarySection.Key.DIRECTIONS, level=1)
    section(SummarySection.Key.PROPOSALS, level=1)

    if snapshot.get("abridged"):
        limit = format_value(snapshot["abridged"])  # 1.538, as Vietnamese writes
        body.append(Paragraph(
            f"Ghi chú: nội dung trích từ báo cáo của các đơn vị được rút gọn còn tối đa {limit} "
            "ký tự mỗi ý (chỗ lược bớt đánh dấu […]); toàn văn xem trong báo cáo của từng "
            "đơn vị."))
    subject = subject_of(kind, year)
    body.append(Paragraph(f"Trên đây là báo cáo {subject[:1].lower()}{subject[1:]} của "
                          f"{cluster_name}./."))
    scores = snapshot["scores"]
    units = vi_sorted(row["unit"] for row in (*scores["ranking"], *scores["missing"])
                      if row["unit"] != snapshot["chair"]["unit"])
    return Document(
        issuer=issuer(snapshot), kind="Báo cáo", subject=subject,
        symbol=f"BC-{snapshot['cluster']['series_code']}", number=stamp.number,
        place=snapshot["chair"]["place"], date=stamp.date, body=body,
        signatures=(chair_signature(snapshot),),
        recipients=(ministry_recipient(snapshot), *units), archive=archive(snapshot),
        verification_code=stamp.code, qr_payload=stamp.verify_url,
    )

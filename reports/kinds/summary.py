"""The cluster's mid-year (sơ kết 6 tháng) and year-end (tổng kết năm) report, compiled from
every member unit's report of the period, the scores and ranking, the year's good practices
and the record of the review conference."""

from __future__ import annotations

import datetime

from django.utils import timezone

from campaigns.models import Conference
from campaigns.selectors import campaign_for, citation, conference_list
from cluster.text import vi_sorted
from reports.document import BulletList, Document, Heading, Paragraph
from results.models import AreaNarrative, ReportingPeriod
from results.selectors import PracticeFilters, practice_list, ranking

from .common import (
    Stamp,
    archive,
    chair_part,
    chair_signature,
    cluster_part,
    excerpt,
    issuer,
    ministry_recipient,
    quote_limit,
)
from .scores import period_label, score_part, score_table

CONFERENCE_KIND = {
    ReportingPeriod.Kind.MID_YEAR: Conference.Kind.MIDYEAR,
    ReportingPeriod.Kind.YEAR_END: Conference.Kind.YEAREND,
}


def subject_of(period_kind: str, year: int) -> str:
    if period_kind == ReportingPeriod.Kind.MID_YEAR:
        return f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}"
    return f"Tổng kết công tác thi đua, khen thưởng năm {year}"


def _conference_part(period: ReportingPeriod) -> dict | None:
    conferences = conference_list(cluster=period.cluster, year=period.year,
                                  kind=CONFERENCE_KIND[period.kind])
    if not conferences:
        return None
    conference = conferences[-1]
    return {
        "title": conference.title,
        "day": timezone.localtime(conference.starts_at).strftime("%d/%m/%Y"),
        "place": conference.place_name,
        "achievements": conference.achievement_items,
        "shortcomings": conference.shortcoming_items,
        "solutions": conference.solution_items,
        "conclusions": conference.conclusion_items,
    }


def snapshot_summary(period: ReportingPeriod, *, day: datetime.date) -> dict:
    """Everything the report prints, as plain data. Units whose report is still a draft are
    listed as not having reported; their texts are not used."""
    cluster, year = period.cluster, period.year
    rows = ranking(period=period)
    # The report prints totals and ranks; the score table document has the criteria.
    scores = score_part(period, rows=rows, by_criterion=False)
    reports = vi_sorted((row.report for row in rows), key=lambda r: r.unit.short_name)
    by_pk = {r.pk: (position, r) for position, r in enumerate(reports)}

    areas: dict[int, dict] = {}
    narratives = AreaNarrative.objects.filter(report__in=reports).exclude(text="").select_related(
        "area")
    for narrative in sorted(narratives, key=lambda n: (n.area.order, n.area.pk,
                                                       by_pk[n.report_id][0])):
        area = areas.setdefault(narrative.area_id, {"name": narrative.area.name, "entries": []})
        unit = by_pk[narrative.report_id][1].unit
        area["entries"].append({"unit": unit.short_name, "text": narrative.text.strip()})

    def texts(field: str) -> list[dict]:
        return [{"unit": r.unit.short_name, "text": getattr(r, field).strip()}
                for r in reports if getattr(r, field).strip()]

    campaign = campaign_for(cluster=cluster, year=year)
    plan = campaign.plan_document if campaign else None
    return _abridge({
        "cluster": cluster_part(cluster),
        "chair": chair_part(cluster, year, day),
        "year": year,
        "period": period.kind,
        "today_year": day.year,
        "deadline": timezone.localtime(period.deadline).strftime("%d/%m/%Y"),
        "campaign": {"name": campaign.name, "motto": campaign.motto,
                     "plan": citation(plan) if plan else ""} if campaign else None,
        "areas": list(areas.values()),
        "key_figures": texts("key_figures"),
        "highlights": texts("highlights"),
        "shortcomings": texts("shortcomings"),
        "proposals": texts("proposals"),
        "practices": [
            {"title": p.title, "unit": p.unit.short_name, "area": p.area.name if p.area else "",
             "description": p.description.strip(), "results": p.results.strip()}
            for p in practice_list(cluster=cluster, filters=PracticeFilters(year=year))
        ],
        "scores": scores,
        "conference": _conference_part(period),
    })


CONFERENCE_LISTS = ("achievements", "shortcomings", "solutions", "conclusions")


def _abridge(snapshot: dict) -> dict:
    """Cut the quoted texts so that together they stay within ``common.QUOTE_BUDGET``: one
    unit's 2,000,000-character description must not make the cluster's report hundreds of
    pages long, nor its rendering outlast the server's timeout. The snapshot gets
    ``abridged`` (the longest quote) only when something was cut, so the fingerprints of
    shorter data do not change."""
    places: list[tuple[object, object]] = []  # (container, key) of every quoted text
    for area in snapshot["areas"]:
        places += [(entry, "text") for entry in area["entries"]]
    for field in ("key_figures", "highlights", "shortcomings", "proposals"):
        places += [(entry, "text") for entry in snapshot[field]]
    for practice in snapshot["practices"]:
        places += [(practice, "description"), (practice, "results")]
    if snapshot["conference"]:
        for field in CONFERENCE_LISTS:
            items = snapshot["conference"][field]
            places += [(items, index) for index in range(len(items))]
    limit = quote_limit([container[key] for container, key in places])
    if limit is not None:
        for container, key in places:
            container[key] = excerpt(container[key], limit)
        snapshot["abridged"] = limit
    return snapshot


def _unit_items(entries: list[dict]) -> BulletList:
    return BulletList([f"{entry['unit']}: {entry['text']}" for entry in entries])


def build_summary(snapshot: dict, stamp: Stamp) -> Document:
    year, kind = snapshot["year"], snapshot["period"]
    label = period_label(kind, year)
    mid = kind == ReportingPeriod.Kind.MID_YEAR
    cluster_name = snapshot["cluster"]["name"]
    scores = snapshot["scores"]
    body: list = []

    campaign = snapshot["campaign"]
    opening = f"Thực hiện {campaign['plan']}, " if campaign and campaign["plan"] else ""
    body.append(Paragraph(f"{opening}{cluster_name} báo cáo kết quả công tác thi đua, khen "
                          f"thưởng {label} như sau:"))

    body.append(Heading(f"Kết quả thực hiện phong trào thi đua {label}".upper()))
    body.append(Heading("Công tác chỉ đạo, tổ chức phong trào thi đua", level=2))
    if campaign:
        motto = f" với chủ đề “{campaign['motto']}”" if campaign["motto"] else ""
        body.append(Paragraph(f"Các đơn vị thành viên tổ chức thực hiện {campaign['name']}"
                              f"{motto}."))
    members = len(scores["ranking"]) + len(scores["missing"])
    late = [row["unit"] for row in scores["ranking"] if row["late"]]
    sentence = (f"Hạn gửi báo cáo: {snapshot['deadline']}. Đã có {len(scores['ranking'])}/"
                f"{members} đơn vị gửi báo cáo")
    sentence += f" ({len(late)} đơn vị gửi muộn: {', '.join(late)})." if late else "."
    body.append(Paragraph(sentence))
    if scores["missing"]:
        body.append(Paragraph("Đơn vị chưa gửi báo cáo: "
                              + "; ".join(row["unit"] for row in scores["missing"]) + "."))
    if snapshot["key_figures"]:
        body.append(Paragraph("Một số số liệu chủ yếu của các đơn vị:"))
        body.append(_unit_items(snapshot["key_figures"]))

    body.append(Heading("Kết quả thực hiện nhiệm vụ trên các lĩnh vực", level=2))
    if snapshot["areas"]:
        for area in snapshot["areas"]:
            body.append(Heading(area["name"], level=3))
            body.append(_unit_items(area["entries"]))
    else:
        body.append(Paragraph("Chưa có đơn vị nào báo cáo kết quả theo lĩnh vực."))

    body.append(Heading("Kết quả nổi bật, cách làm hay, điển hình tiên tiến", level=2))
    if snapshot["highlights"]:
        body.append(_unit_items(snapshot["highlights"]))
    if snapshot["practices"]:
        body.append(Paragraph(f"Các điển hình tiên tiến, cách làm hay năm {year} của các đơn "
                              "vị trong Cụm:"))
        body.append(BulletList([
            f"“{p['title']}” ({p['unit']}" + (f", lĩnh vực {p['area']}" if p["area"] else "")
            + f"): {p['description']}" + (f" Kết quả: {p['results']}" if p["results"] else "")
            for p in snapshot["practices"]
        ]))
    if not snapshot["highlights"] and not snapshot["practices"]:
        body.append(Paragraph("Chưa có kết quả nổi bật, cách làm hay được ghi nhận."))

    body.append(Heading("Kết quả chấm điểm, xếp hạng", level=2))
    body.append(score_table(scores, full=False,
                            caption=f"Kết quả chấm điểm thi đua {label}"))

    body.append(Heading("Tồn tại, hạn chế".upper()))
    if snapshot["shortcomings"]:
        body.append(_unit_items(snapshot["shortcomings"]))
    else:
        body.append(Paragraph("Các đơn vị chưa nêu tồn tại, hạn chế."))

    conference = snapshot["conference"]
    if conference:
        body.append(Heading(("Hội nghị sơ kết 6 tháng đầu năm" if mid
                             else "Hội nghị tổng kết năm").upper()))
        body.append(Paragraph(f"Ngày {conference['day']}, tại {conference['place']}, "
                              f"{cluster_name} tổ chức {conference['title'][:1].lower()}"
                              f"{conference['title'][1:]}."))
        for title, key in (("Kết quả đạt được", "achievements"),
                           ("Tồn tại, hạn chế", "shortcomings"), ("Giải pháp", "solutions"),
                           ("Kết luận", "conclusions")):
            if conference[key]:
                body.append(Heading(title, level=2))
                body.append(BulletList(conference[key]))

    body.append(Heading("Đề xuất, kiến nghị".upper()))
    if snapshot["proposals"]:
        body.append(_unit_items(snapshot["proposals"]))
    else:
        body.append(Paragraph("Không có đề xuất, kiến nghị."))

    if snapshot.get("abridged"):
        limit = f"{snapshot['abridged']:,}".replace(",", ".")  # 1.538, as Vietnamese writes
        body.append(Paragraph(
            f"Ghi chú: nội dung trích từ báo cáo của các đơn vị được rút gọn còn tối đa {limit} "
            "ký tự mỗi ý (chỗ lược bớt đánh dấu […]); toàn văn xem trong báo cáo của từng "
            "đơn vị."))
    subject = subject_of(kind, year)
    body.append(Paragraph(f"Trên đây là báo cáo {subject[:1].lower()}{subject[1:]} của "
                          f"{cluster_name}./."))
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


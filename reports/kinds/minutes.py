"""The minutes of a conference (biên bản hội nghị), from ``campaigns.selectors``: time and
place, who chaired and attended, the agenda, the opening speech and the record (achievements,
shortcomings, solutions, conclusions). Dated the day of the conference, in its place."""

from __future__ import annotations

import datetime

from django.utils import timezone

from campaigns.models import Conference
from campaigns.selectors import conference_hosts, delegate_list
from cluster.text import body_time
from reports.document import BulletList, Document, Heading, Paragraph, Signature

from .common import (
    Stamp,
    archive,
    chair_part,
    chair_signature,
    cluster_part,
    conference_place,
    issuer,
    lines,
    secretary_signature,
)


def snapshot_minutes(conference: Conference, *, day: datetime.date) -> dict:
    start = timezone.localtime(conference.starts_at)
    groups: dict[str, list[str]] = {}
    for delegate in delegate_list(conference=conference):
        who = (f"đồng chí {delegate.full_name}, {delegate.job_title}" if delegate.full_name
               else delegate.job_title)
        groups.setdefault(delegate.organisation, []).append(who)
    return {
        "cluster": cluster_part(conference.cluster),
        "chair": chair_part(conference.cluster, conference.year, start.date()),
        "year": conference.year,
        "title": conference.title,
        "kind": conference.get_kind_display(),
        "start": body_time(start),
        "date": start.date().isoformat(),
        "place": conference_place(conference),
        "venue": ", ".join(part for part in (conference.venue, conference.place_name) if part),
        "hosts": [f"{line.unit.name} ({line.role})" if line.role else line.unit.name
                  for line in conference_hosts(conference=conference)],
        "delegates": [{"organisation": name, "people": people}
                      for name, people in groups.items()],
        "agenda": conference.agenda_items,
        "opening": {"speaker": conference.opening_speaker,
                    "title": conference.opening_speaker_title,
                    "summary": lines(conference.opening_summary)},
        "achievements": conference.achievement_items,
        "shortcomings": conference.shortcoming_items,
        "solutions": conference.solution_items,
        "conclusions": conference.conclusion_items,
        "secretary": conference.secretary_name,
        "today_year": day.year,
    }


def build_minutes(snapshot: dict, stamp: Stamp) -> Document:
    body: list = [
        Paragraph(f"Thời gian: {snapshot['start']}."),
        Paragraph(f"Địa điểm: {snapshot['venue']}."),
    ]
    if snapshot["hosts"]:
        body.append(Paragraph("Đơn vị chủ trì: " + "; ".join(snapshot["hosts"]) + "."))
    body.append(Heading("Thành phần tham dự".upper()))
    if snapshot["delegates"]:
        body.append(BulletList([f"{group['organisation']}: {'; '.join(group['people'])}"
                                for group in snapshot["delegates"]]))
    else:
        body.append(Paragraph("Đại diện lãnh đạo và công chức các đơn vị thành viên."))
    body.append(Heading("Nội dung hội nghị".upper()))
    if snapshot["agenda"]:
        body.append(Heading("Chương trình", level=2))
        body.append(BulletList(snapshot["agenda"]))
    opening = snapshot["opening"]
    if opening["speaker"] or opening["summary"]:
        body.append(Heading("Phát biểu khai mạc", level=2))
        speaker = ", ".join(part for part in (opening["speaker"], opening["title"]) if part)
        if speaker:
            body.append(Paragraph(f"{speaker[:1].upper()}{speaker[1:]} phát biểu khai mạc "
                                  "hội nghị."))
        body += [Paragraph(line) for line in opening["summary"]]
    for title, key in (("Kết quả đạt được", "achievements"), ("Tồn tại, hạn chế", "shortcomings"),
                       ("Giải pháp", "solutions")):
        if snapshot[key]:
            body.append(Heading(title, level=2))
            body.append(BulletList(snapshot[key]))
    body.append(Heading("Kết luận của hội nghị".upper()))
    body.append(BulletList(snapshot["conclusions"]) if snapshot["conclusions"]
                else Paragraph("Hội nghị thống nhất các nội dung trên."))
    body.append(Paragraph("Biên bản được lập và thông qua tại hội nghị./."))
    chair = chair_signature(snapshot)
    return Document(
        issuer=issuer(snapshot), kind="Biên bản",
        subject=snapshot["title"], symbol=f"BB-{snapshot['cluster']['series_code']}",
        number=stamp.number, place=snapshot["place"],
        date=stamp.date or datetime.date.fromisoformat(snapshot["date"]), body=body,
        signatures=(secretary_signature(snapshot.get("secretary", "")),
                    Signature(authority=("Chủ trì", *chair.authority[2:]), name=chair.name)),
        signature_columns=2, recipients=("Các đơn vị thành viên",), archive=archive(snapshot),
        verification_code=stamp.code, qr_payload=stamp.verify_url,
    )

"""The documents of a closed bình xét, from ``commendations.selectors``: the minutes of the
deliberation with the results of the secret ballot (biên bản họp bình xét và kết quả bỏ phiếu)
and the submission to the superior (tờ trình đề nghị khen thưởng). Both go into the award
dossiers, as Word and PDF.

Nothing here can print how a unit voted: the selectors give who voted (and how: online, on
paper, in writing) and the fixed totals per nomination, never a choice."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cluster.text import body_date, body_time
from commendations import legal_texts
from commendations.models import BallotKind, VotingSession
from commendations.selectors import ballot_board, tally_list
from reports.document import (
    BulletList,
    Cell,
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
    format_value,
)
from reports.models import DocumentKind, IssuedDocument

from .common import (
    Stamp,
    archive,
    chair_part,
    chair_signature,
    cluster_part,
    conference_place,
    from_iso,
    iso,
    issuer,
    points,
    points_text,
    secretary_signature,
)

#: How a unit voted, as the minutes say it (the page's labels speak of the app).
HOW = {BallotKind.ONLINE: "bỏ phiếu điện tử", BallotKind.PAPER: "bỏ phiếu giấy",
       BallotKind.WRITTEN: "bỏ phiếu bằng văn bản (vắng mặt)"}


def _awards(session: VotingSession) -> list[dict]:
    awards = []
    for award_tally in tally_list(session=session):
        award = award_tally.award
        awards.append({
            "award": award.name, "conferred_by": award.conferred_by,
            "legal_basis": award.legal_basis,
            "rules": award_tally.applied_rule_lines,
            "base": award_tally.base_count, "quorum_met": award_tally.quorum_met,
            "quorum": award_tally.quorum_explanation, "quota": award_tally.quota_cap,
            "ordering": award_tally.ordering_explanation, "ties": award_tally.ties_explanation,
            "results": [{
                "candidate": r.nomination.candidate_name, "unit": r.nomination.unit.name,
                "summary": r.nomination.summary, "agree": r.agree, "disagree": r.disagree,
                "percent": points_text(r.percent), "passed": r.passed, "reason": r.reason,
                "score": points_text(r.score), "rank": r.rank,
            } for r in award_tally.results.all()],
        })
    return awards


def snapshot_vote(session: VotingSession, *, day: datetime.date) -> dict:
    """The session, who voted and how, and the fixed tally of every award. Only a closed
    session has a tally; the views refuse the others."""
    conference = session.conference
    start = timezone.localtime(conference.starts_at)
    board = ballot_board(session=session)
    snapshot = {
        "cluster": cluster_part(session.cluster),
        "chair": chair_part(session.cluster, session.year, start.date()),
        "year": session.year,
        "session": session.title,
        "conference": conference.title,
        "start": body_time(start),
        "date": iso(start.date()),
        "closed": iso(timezone.localdate(session.closed_at)) if session.closed_at else None,
        "place": conference_place(conference),
        "venue": ", ".join(p for p in (conference.venue, conference.place_name) if p),
        "members": board.member_count,
        "present": session.present_count,
        "voted": [{"unit": row.unit.name,
                   "how": HOW.get(row.ballot.kind, row.ballot.get_kind_display())}
                  for row in board.rows if row.ballot],
        "absent": [unit.name for unit in board.missing],
        "awards": _awards(session),
        "secretary": session.secretary_name or conference.secretary_name,
        "today_year": day.year,
    }
    if session.totals_withheld:  # only then, so the snapshots of other sessions keep their hash
        snapshot["withheld"] = {"required": session.required_ballots}
    return snapshot


def _result_table(award: dict) -> Table:
    header = ("TT", "Tập thể, cá nhân được đề nghị", "Đồng ý", "Không đồng ý",
              "Tỷ lệ đồng ý (%)", "Kết quả")
    rows = [(Cell(index, align="center"), r["candidate"], r["agree"], r["disagree"],
             Cell(points(r["percent"])),
             Cell("Đề nghị" if r["passed"] else "Không đề nghị", align="center",
                  bold=r["passed"]))
            for index, r in enumerate(award["results"], start=1)]
    return Table(header_rows=(header,), rows=rows, column_widths=(1, 7, 2, 2.4, 2.4, 2.8),
                 caption=f"Kết quả bỏ phiếu: {award['award']}")


def build_vote(snapshot: dict, stamp: Stamp) -> Document:
    body: list = [
        Paragraph(f"Thời gian: {snapshot['start']}."),
        Paragraph(f"Địa điểm: {snapshot['venue']}, tại {snapshot['conference']}."),
        Heading("Thành phần".upper()),
        Paragraph(f"Số thành viên của Cụm: {snapshot['members']}; có mặt: "
                  f"{snapshot['present'] if snapshot['present'] is not None else '—'}; "
                  f"số phiếu thu về: {len(snapshot['voted'])}."),
        BulletList([f"{v['unit']}: {v['how'].lower()}" for v in snapshot["voted"]]),
    ]
    if snapshot["absent"]:
        body.append(Paragraph("Đơn vị không bỏ phiếu: " + "; ".join(snapshot["absent"]) + "."))
    body.append(Heading("Nội dung bình xét".upper()))
    held = from_iso(snapshot["date"])
    body.append(Paragraph(
        f"Hội nghị tiến hành bình xét, bỏ phiếu kín ({snapshot['session']}) theo "
        f"{'; '.join(legal_texts.framework_on(held))} và các quy tắc bình xét Cụm đã thống "
        "nhất nêu dưới đây. Việc kiểm phiếu bảo đảm bí mật: không xác định được lựa chọn của "
        "từng đơn vị."))
    if "withheld" in snapshot:
        body.append(Paragraph(
            f"Số phiếu thu về ({len(snapshot['voted'])}) ít hơn số phiếu tối thiểu "
            f"({snapshot['withheld']['required']}) để công bố kết quả bình xét theo quy định "
            "của Cụm; kết quả kiểm phiếu không được công bố và Hội nghị không đề nghị khen "
            "thưởng tại phiên bình xét này."))
    for award in snapshot["awards"]:
        body.append(Heading(award["award"], level=2))
        body.append(Paragraph("Quy tắc áp dụng:", italic=True))
        body.append(BulletList(award["rules"]))
        body.append(_result_table(award))
        for line in (award["quorum"], award["ordering"], award["ties"]):
            if line:
                body.append(Paragraph(line))
    body.append(Heading("Kết luận".upper()))
    passed = [f"{award['award']}: " + "; ".join(r["candidate"] for r in award["results"]
                                                 if r["passed"])
              for award in snapshot["awards"] if any(r["passed"] for r in award["results"])]
    body.append(Paragraph("Hội nghị thống nhất đề nghị khen thưởng:" if passed
                          else "Không có tập thể, cá nhân nào đủ điều kiện đề nghị."))
    if passed:
        body.append(BulletList(passed))
    body.append(Paragraph("Biên bản được lập và thông qua tại hội nghị./."))
    chair = chair_signature(snapshot)
    return Document(
        issuer=issuer(snapshot), kind="Biên bản",
        subject=f"Họp bình xét, đề nghị khen thưởng năm {snapshot['year']}",
        symbol=f"BB-{snapshot['cluster']['series_code']}", number=stamp.number,
        place=snapshot["place"], date=stamp.date or from_iso(snapshot["date"]), body=body,
        signatures=(secretary_signature(snapshot.get("secretary", "")),
                    Signature(authority=("Chủ trì", *chair.authority[2:]), name=chair.name)),
        signature_columns=2, recipients=("Các đơn vị thành viên",), archive=archive(snapshot),
        verification_code=stamp.code, qr_payload=stamp.verify_url,
    )


def snapshot_submission(session: VotingSession, *, day: datetime.date) -> dict:
    """What the tờ trình proposes: the nominations the vote passed, by award, with their
    votes and the unit's standing of the year; the minutes it rests on once issued."""
    vote = snapshot_vote(session, day=day)
    minutes = (IssuedDocument.objects.filter(kind=DocumentKind.VOTE_MINUTES,
                                             object_ref=f"votingsession:{session.pk}",
                                             number__isnull=False)
               .order_by("-issued_at", "-pk").first())
    return {
        **{key: vote[key] for key in ("cluster", "year", "session", "conference", "date",
                                      "members", "awards", "today_year")},
        "chair": chair_part(session.cluster, session.year, day),
        "minutes": ({"number": minutes.number_symbol, "date": iso(minutes.issued_on)}
                    if minutes else None),
    }


def submission_bases(awards: list[dict], day: datetime.date) -> list[str]:
    """What the tờ trình cites, chosen for its own date (issue #15): the law on emulation and
    commendation and its detailing texts in force that day, then any other basis an award of
    the catalogue gives (a cluster's own regulation). A basis naming one of the national texts
    the app knows (the shipped catalogue names today's) gives way to the texts of the day."""
    bases = list(legal_texts.framework_on(day))
    for award in awards:
        basis = (award["legal_basis"] or "").strip().rstrip(".;")
        if (not basis or legal_texts.cited_texts(basis) or basis in bases):
            continue
        bases.append(basis)
    return bases


def build_submission(snapshot: dict, stamp: Stamp) -> Document:
    year = snapshot["year"]
    cluster_name = snapshot["cluster"]["name"]
    minutes = snapshot["minutes"]
    record = (f"Biên bản số {minutes['number']} ngày {body_date(from_iso(minutes['date']))}"
              if minutes else "Biên bản")
    held = from_iso(snapshot["date"])
    body: list = [Paragraph(f"Căn cứ {basis};")
                  for basis in submission_bases(snapshot["awards"], stamp.date or held)]
    body.append(Paragraph(f"Căn cứ {record} họp bình xét, đề nghị khen thưởng năm {year} tại "
                          f"{snapshot['conference']} ngày {body_date(held)};"))
    body.append(Paragraph(f"{cluster_name} kính đề nghị {snapshot['cluster']['superior_body']} "
                          "xem xét, khen thưởng hoặc trình cấp có thẩm quyền khen thưởng cho "
                          "các tập thể, cá nhân sau:"))
    total = 0
    for award in snapshot["awards"]:
        passed = [r for r in award["results"] if r["passed"]]
        if not passed:
            continue
        total += len(passed)
        body.append(Heading(f"{award['award']} (thẩm quyền: {award['conferred_by']})",
                            level=2))
        for result in passed:
            standing = (f"; điểm thi đua {format_value(points(result['score']))}, xếp thứ "
                        f"{result['rank']}" if result["score"] is not None else "")
            body.append(Paragraph(
                f"{result['candidate']}: {result['agree']}/{award['base']} phiếu đồng ý "
                f"({format_value(points(result['percent']))}%){standing}. {result['summary']}"))
    if not total:
        body.append(Paragraph("Không có tập thể, cá nhân nào đủ điều kiện đề nghị."))
    body.append(Paragraph(f"(Tổng số: {total} tập thể, cá nhân; có hồ sơ kèm theo.)",
                          italic=True))
    body.append(Paragraph(f"{cluster_name} kính trình {snapshot['cluster']['superior_body']} "
                          "xem xét, quyết định./."))
    return Document(
        issuer=issuer(snapshot), kind="Tờ trình",
        subject=f"Về việc đề nghị khen thưởng năm {year}",
        symbol=f"TTr-{snapshot['cluster']['series_code']}", number=stamp.number,
        place=snapshot["chair"]["place"], date=stamp.date,
        addressees=(snapshot["cluster"]["superior_body"],), body=body,
        signatures=(chair_signature(snapshot),),
        recipients=("Như trên", "Các đơn vị thành viên"),
        archive=archive(snapshot), verification_code=stamp.code, qr_payload=stamp.verify_url,
    )

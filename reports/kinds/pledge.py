"""The emulation pledge (giao ước thi đua) with a signature block for every member unit, from
``pledges.selectors``. Not numbered in the cluster's series: it is an agreement signed by all
members, dated the day it was signed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pledges.models import Pledge
from pledges.selectors import pledge_commitment_list, pledge_signature_board
from reports.document import Document, Paragraph, Signature, signing_lines

from .common import (
    Stamp,
    archive,
    chair_part,
    cluster_part,
    conference_place,
    from_iso,
    iso,
    issuer,
    ministry_recipient,
    numbered_items,
    position_of,
)


def snapshot_pledge(pledge: Pledge, *, day: datetime.date) -> dict:
    """The text and every member's signature (or an empty block for who has not signed).
    The date is the signing conference's, else the last signature's; the place that of the
    conference, else the chair's province."""
    board = pledge_signature_board(pledge=pledge)
    blocks = []
    for row in board.rows:
        signature = row.signature
        blocks.append({
            "unit": row.unit.name,
            "signer": signature.signer_name if signature else "",
            "position": position_of(signature.signer_title) if signature else "",
            "signed_on": iso(signature.signed_on) if signature else None,
        })
    conference = pledge.conference
    signed_days = [from_iso(b["signed_on"]) for b in blocks if b["signed_on"]]
    if conference is not None:
        date = timezone.localtime(conference.starts_at).date()
        place = conference_place(conference)
    else:
        date = max(signed_days) if board.complete and signed_days else None
        place = ""
    chair = chair_part(pledge.cluster, pledge.year, date or day)
    return {
        "cluster": cluster_part(pledge.cluster),
        "chair": chair,
        "year": pledge.year,
        "title": pledge.title,
        "preamble": pledge.preamble,
        "commitments": [c.text for c in pledge_commitment_list(pledge=pledge)],
        "status": pledge.get_status_display(),
        "complete": board.complete,
        "conference": conference.title if conference else "",
        "place": place or chair["place"],
        "date": iso(date),
        "today_year": day.year,
        "signatures": blocks,
    }


def _subject(title: str, year: int) -> str:
    """"Giao ước thi đua năm 2022" prints as GIAO ƯỚC THI ĐUA / Năm 2022."""
    prefix = "giao ước thi đua"
    rest = title[len(prefix):].strip() if title.casefold().startswith(prefix) else title
    rest = rest or f"năm {year}"
    return rest[:1].upper() + rest[1:]


def build_pledge(snapshot: dict, stamp: Stamp) -> Document:
    body = [Paragraph(line) for line in snapshot["preamble"].splitlines() if line.strip()]
    body += [Paragraph(item) for item in numbered_items(snapshot["commitments"])]
    where = f" tại {snapshot['conference']}" if snapshot["conference"] else ""
    body.append(Paragraph(f"Giao ước này được các đơn vị thành viên thống nhất ký kết{where}; "
                          "mỗi đơn vị giữ một bản để thực hiện./."))
    signatures = [
        Signature(authority=(block["unit"], *signing_lines(block["position"] or "Giám đốc")),
                  name=block["signer"], note="" if block["signer"] else "(chưa ký)")
        for block in snapshot["signatures"]
    ]
    return Document(
        issuer=issuer(snapshot), kind="Giao ước thi đua",
        subject=_subject(snapshot["title"], snapshot["year"]),
        symbol=f"GƯ-{snapshot['cluster']['series_code']}", numbered=False,
        place=snapshot["place"], date=stamp.date or from_iso(snapshot["date"]), body=body,
        signatures=signatures, signature_columns=3,
        recipients=(ministry_recipient(snapshot),), archive=archive(snapshot),
        verification_code=stamp.code, qr_payload=stamp.verify_url,
    )

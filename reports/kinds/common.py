"""What every document kind shares: the fingerprint of a snapshot, the place of the date line,
the cluster's chair and its signer, the masthead and the "Nơi nhận" list.

A snapshot is plain JSON data (str, int, bool, None, lists, dicts; decimals and dates as
strings), so that it can be stored, hashed and rendered again later without the live rows.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cluster.models import Cluster, ClusterYear, Province, Unit, User
from cluster.selectors import unit_staff_list
from reports.document import IssuingBody, Signature, signing_lines

# Part of every fingerprint: bump it when a builder or template changes what a document
# prints from the same data, so that cached files are rendered again.
LAYOUT_VERSION = 3


@dataclass(frozen=True)
class Stamp:
    """What a rendering adds to the snapshot: the number and date once issued (None for a
    draft), the verification code and the address of the public verification page."""

    number: int | None
    date: datetime.date | None
    code: str
    verify_url: str


def canonical_json(snapshot: dict) -> bytes:
    """One byte string per data: keys sorted, no spaces, UTF-8. Raises TypeError on anything
    that is not plain JSON (a Decimal or a model left in by mistake)."""
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def fingerprint(snapshot: dict) -> str:
    """The data hash: SHA-256 of the canonical JSON, with the layout version."""
    return hashlib.sha256(canonical_json({"layout": LAYOUT_VERSION, "data": snapshot})).hexdigest()


def points_text(value: Decimal | int | None) -> str | None:
    """92.50 -> "92.5", 60.00 -> "60": points as exact text in a snapshot."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def points(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def from_iso(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def lines(text: str) -> list[str]:
    """A text area's non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- quotes of the units' texts in a compiled document ------------------------------------------

#: The characters of the units' free text a compiled report (sơ kết, tổng kết) quotes in all.
#: WeasyPrint lays out about 3,000 characters a page, at some 0.1 s a page on a busy 2-core
#: machine (docs/performance.md): 40,000 characters keep the report near 15 pages and its
#: rendering within a few seconds, whatever length the units' fields allow.
QUOTE_BUDGET = 40_000
#: No quote is cut shorter than this, however many entries share the budget.
QUOTE_FLOOR = 300
#: Nor is any one quote longer than this (a page and a half), however much budget is left.
QUOTE_MAX = 5_000
ABRIDGED = " […]"


def quote_limit(texts: list[str], *, budget: int | None = None,
                floor: int = QUOTE_FLOOR) -> int | None:
    """The longest a quote may be so that ``texts`` together stay within ``budget``
    (``QUOTE_BUDGET``): short texts are quoted whole and leave their unused share to the long
    ones (max-min fair), and none is longer than ``QUOTE_MAX``. None when everything fits."""
    budget = QUOTE_BUDGET if budget is None else budget
    lengths = sorted(len(text) for text in texts)
    remaining, count = budget, len(lengths)
    for length in lengths:
        share = remaining // count
        if length > share:
            return min(max(share, floor), QUOTE_MAX)
        remaining -= length
        count -= 1
    return QUOTE_MAX if lengths and lengths[-1] > QUOTE_MAX else None


def excerpt(text: str, limit: int | None) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, marked " […]"."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit - len(ABRIDGED)]
    space = cut.rfind(" ")
    if space > len(cut) * 4 // 5:
        cut = cut[:space]
    return cut.rstrip() + ABRIDGED


# --- the place of the date line ---------------------------------------------------------------


def province_on(province: Province, day: datetime.date) -> Province:
    """The province as it was on ``day``: after its end of validity, its successor (Quảng Bình
    became part of Quảng Trị on 1/7/2025)."""
    seen = {province.pk}
    while province.valid_to and day > province.valid_to and province.successor_id:
        if province.successor_id in seen:
            break
        province = Province.objects.get(pk=province.successor_id)
        seen.add(province.pk)
    return province


def place_on(province: Province, day: datetime.date) -> str:
    """The place name of the date line on ``day``: "Quảng Trị", "Huế"."""
    return province_on(province, day).place_name


PLACE_PREFIXES = ("thành phố ", "thị xã ", "thị trấn ", "huyện ", "quận ")


def conference_place(conference) -> str:
    """The place of the date line of what is signed at a conference: the locality where it
    was held without its administrative prefix ("thành phố Huế" -> "Huế"), else the province
    of that day."""
    locality = conference.locality.strip()
    for prefix in PLACE_PREFIXES:
        if locality.casefold().startswith(prefix):
            locality = locality[len(prefix):].strip()
            break
    if locality:
        return locality[:1].upper() + locality[1:]
    return place_on(conference.province, timezone.localtime(conference.starts_at).date())


# --- the chair and its signer -----------------------------------------------------------------


def chair_unit(cluster: Cluster, year: int) -> Unit | None:
    """The chair unit that works for ``year``: that year's chair, or, until it is confirmed,
    the chair of the latest earlier year (as the secretariat is computed)."""
    row = (ClusterYear.objects.filter(cluster=cluster, year__lte=year)
           .select_related("chair__province").order_by("-year").first())
    return row.chair if row else None


def position_of(job_title: str) -> str:
    """The position a leader signs with: "Giám đốc", "Phó Giám đốc", "Q. Giám đốc" (an acting
    head), else the last part of the job title ("Tỉnh ủy viên, Giám đốc Sở Nội vụ" ->
    "Giám đốc"). A deputy's position prints after "KT." (``reports.document.signing_lines``)."""
    lowered = (job_title or "").casefold()
    if "phó giám đốc" in lowered:
        return "Phó Giám đốc"
    if "quyền giám đốc" in lowered or lowered.startswith("q. giám đốc"):
        return "Q. Giám đốc"
    if "giám đốc" in lowered:
        return "Giám đốc"
    parts = [part.strip() for part in (job_title or "").split(",") if part.strip()]
    return parts[-1] if parts else "Giám đốc"


def unit_leader(unit: Unit) -> User | None:
    """The unit's head among its leader accounts: a Giám đốc before a Phó Giám đốc."""
    leaders = [u for u in unit_staff_list(unit=unit) if u.role == User.Role.LEADER]
    leaders.sort(key=lambda u: position_of(u.job_title) != "Giám đốc")
    return leaders[0] if leaders else None


def cluster_part(cluster: Cluster) -> dict:
    return {
        "name": cluster.name,
        "block": cluster.kind == Cluster.Kind.BLOCK,
        "series_code": cluster.series_code,
        "superior_body": cluster.superior_body,
    }


def chair_part(cluster: Cluster, year: int, day: datetime.date) -> dict:
    """The chair unit, its signer and the place of the date line on ``day``."""
    unit = chair_unit(cluster, year)
    if unit is None:
        return {"unit": "", "signer": "", "position": "Giám đốc", "place": ""}
    leader = unit_leader(unit)
    return {
        "unit": unit.name,
        "signer": leader.full_name if leader else "",
        "position": position_of(leader.job_title) if leader else "Giám đốc",
        "place": place_on(unit.province, day),
    }


# --- masthead, signature, recipients ----------------------------------------------------------


def issuer(snapshot: dict) -> IssuingBody:
    return IssuingBody(name=(snapshot["cluster"]["name"],))


def chair_signature(snapshot: dict) -> Signature:
    """TM. CỤM THI ĐUA / CỤM TRƯỞNG / GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ / the leader's name;
    a deputy signs "KT. GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ / PHÓ GIÁM ĐỐC"."""
    cluster, chair = snapshot["cluster"], snapshot["chair"]
    body, head = ("Khối thi đua", "Khối trưởng") if cluster["block"] else ("Cụm thi đua",
                                                                          "Cụm trưởng")
    authority = [f"TM. {body}", head]
    if chair["unit"]:
        authority += signing_lines(chair["position"], chair["unit"])
    return Signature(authority=tuple(authority), name=chair["signer"])


#: The name line of a secretary whose name was not entered: a dotted line to write it by hand.
HAND_WRITTEN_NAME = "……………………………"


def secretary_signature(name: str) -> Signature:
    """THƯ KÝ and the secretary's name, or a dotted line for a hand-written one."""
    return Signature(authority=("Thư ký",), name=(name or "").strip() or HAND_WRITTEN_NAME)


def ministry_recipient(snapshot: dict) -> str:
    superior = snapshot["cluster"]["superior_body"]
    return f"{superior} (Vụ Thi đua, Khen thưởng)" if superior == "Bộ Nội vụ" else superior


def archive(snapshot: dict) -> str:
    return f"VT, {snapshot['cluster']['series_code']}"


def numbered_items(items: list[str]) -> list[str]:
    return [f"{index}. {item}" for index, item in enumerate(items, start=1)]

"""The synthesis of a cluster's report (sơ kết, tổng kết) from its units' reports: what the
secretariat would write from them, not a paste of them.

* ``merge`` reads the units' texts as sentences: one said by several units (the same, or
  nearly: the unit's own name and the spelling aside, the same figures) is written once for
  all of them, "… (các đơn vị: Huế, Nghệ An)"; what a single unit said is a unit specific,
  which the report quotes as an example, a few to a topic.
* ``figures`` adds up the units' key figures ("tổ chức 12 lớp bồi dưỡng; thẩm định 40 hồ sơ")
  clause by clause into cluster-wide totals, for the table of the report.
* ``compose`` writes the text of each editable section from the facts of the snapshot, in the
  format the secretariat edits (``text_blocks``): paragraphs separated by blank lines, lines
  starting "- " as list items.

Pure Python on plain data: the snapshot (``summary.snapshot_summary``) gathers the facts as of
the document's date, so nothing here reads the database or the clock.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from reports.document import format_value

#: Unit specifics quoted as examples per topic (an area, the strengths ...).
EXAMPLES = 3
#: Two sentences this alike (``difflib`` ratio, the units' names taken out) are one.
ALIKE = 0.9

_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+(?=[A-ZĐÀ-Ỹ“\"(])")
_NUMBER = re.compile(r"(?<![\d/.,-])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/%]|,\d|\.\d)")
_SPACES = re.compile(r"\s+")
#: Any number in a sentence (counts, rates "93,8%", dates "7/4/2014", codes "34-CT/TW").
_ANY_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*%?")
#: A whole count as Vietnamese writes it: "12", "1.200".
_WHOLE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")


# --- the text format ------------------------------------------------------------------------


def text_blocks(text: str) -> list[tuple[str, object]]:
    """The edited text as blocks: ("paragraph", str) and ("bullets", [str, ...]). Blank lines
    separate paragraphs; a line starting "- " (or "– ", "• ") is a list item; other lines run
    on into their paragraph. Nothing is markup: the text prints as typed."""
    blocks: list[tuple[str, object]] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph():
        if paragraph:
            blocks.append(("paragraph", " ".join(paragraph)))
            paragraph.clear()

    def flush_items():
        if items:
            blocks.append(("bullets", list(items)))
            items.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            flush_paragraph()
            flush_items()
        elif line[:2] in ("- ", "– ", "• ") or line in ("-", "–", "•"):
            flush_paragraph()
            item = line[2:].strip()
            if item:
                items.append(item)
        else:
            flush_items()
            paragraph.append(line)
    flush_paragraph()
    flush_items()
    return blocks


# --- sentences ------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """A unit's text as sentences: by line (a leading "- " dropped), then at a full stop
    followed by a capital."""
    found = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-–•+* ").strip()
        for part in _SENTENCE_END.split(line):
            part = part.strip().rstrip(";").strip()
            if part:
                found.append(part if part[-1] in ".!?…" else part + ".")
    return found


def _fold(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def unit_names(unit: dict) -> list[str]:
    """The ways a text names its unit, longest first: "Sở Nội vụ tỉnh Nghệ An", "Sở Nội vụ
    Nghệ An", "Sở Nghệ An", "Nghệ An"."""
    short, name = unit["short"], unit["name"]
    names = {name, f"Sở Nội vụ tỉnh {short}", f"Sở Nội vụ thành phố {short}",
             f"Sở Nội vụ {short}", f"Sở {short}", f"đơn vị {short}", short}
    return sorted((n for n in names if n), key=len, reverse=True)


def _without_names(sentence: str, unit: dict, token: str) -> str:
    out = sentence
    for name in unit_names(unit):
        out = re.sub(re.escape(name), token, out, flags=re.IGNORECASE)
    return out


def _generic(sentence: str, unit: dict) -> str:
    """The sentence said of all the units that said it: its unit's name becomes "các đơn
    vị" ("Hạn chế của Sở Nội vụ Huế." -> "Hạn chế của các đơn vị.")."""
    out = _without_names(sentence, unit, "\x00")
    out = re.sub(r"(\x00\s*)+", "\x00", out)
    if out.startswith("\x00"):
        out = "Các đơn vị" + out[1:]
    out = out.replace("\x00", "các đơn vị")
    return out[:1].upper() + out[1:]


def _decimal(token: str) -> float | None:
    """"93,8%" -> 93.8; None for what is not a rate or a decimal ("7/4/2014")."""
    body = token.removesuffix("%")
    if "/" in body or body.count(",") > 1:
        return None
    try:
        return float(body.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def _summed(sentence: str, tokens: list[list[str]]) -> str | None:
    """``sentence`` said of several units whose numbers differ: a whole count becomes their
    sum ("thẩm định 12 đề án" and "thẩm định 21 đề án" -> "thẩm định 33 đề án"), a rate the
    range ("đạt 93,8%" and "đạt 98,1%" -> "đạt từ 93,8% đến 98,1%"); None when a differing
    number is a date, a year or a code."""
    totals: list[str | None] = []
    for column in zip(*tokens, strict=True):
        if len(set(column)) == 1:
            totals.append(None)
        elif all(_WHOLE.fullmatch(token) and not 1900 <= _amount(token) <= 2100
                 for token in column):
            totals.append(format_value(sum(_amount(token) for token in column)))
        elif (all(_decimal(token) is not None for token in column)
              and len({token.endswith("%") for token in column}) == 1):
            ordered = sorted(column, key=_decimal)
            totals.append(f"từ {ordered[0]} đến {ordered[-1]}")
        else:
            return None
    parts = iter(totals)
    return _ANY_NUMBER.sub(lambda m: next(parts) or m.group(0), sentence)


def merge(entries: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """The units' texts (``{"unit": {...}, "text": str}`` in the units' order) as common
    sentences, each once with the units that said it (``{"text", "units", "summed"}``, the
    sentence said of them all; ``summed`` when the units' counts were added up), and unit
    specifics (``{"unit", "text", "named"}``, as the unit wrote it).

    Sentences are alike when they read the same once the unit's own name and the numbers are
    taken out (or nearly: ``ALIKE``). Alike sentences with the same numbers are one; with
    other whole counts, one with the counts added up; with other rates or dates, each stays
    its unit's."""
    groups: list[dict] = []  # {"template", "size", "texts": [(unit, sentence, tokens)]}
    for entry in entries:
        unit = entry["unit"]
        for sentence in sentences(entry["text"]):
            key = _fold(_without_names(sentence, unit, "§"))
            tokens = _ANY_NUMBER.findall(key)
            template = _ANY_NUMBER.sub("#", key)
            for group in groups:
                if group["size"] != len(tokens):
                    continue
                if group["template"] == template or difflib.SequenceMatcher(
                        None, group["template"], template, autojunk=False).ratio() >= ALIKE:
                    if all(u["short"] != unit["short"] for u, _, _ in group["texts"]):
                        group["texts"].append((unit, sentence, tokens))
                        break
            else:
                groups.append({"template": template, "size": len(tokens),
                               "texts": [(unit, sentence, tokens)]})
    common, specific = [], []
    for group in groups:
        texts = group["texts"]
        unit, sentence, _tokens = texts[0]
        units = [u["short"] for u, _, _ in texts]
        if len(texts) > 1:
            generic = _generic(sentence, unit)
            if all(t == texts[0][2] for _, _, t in texts):
                common.append({"text": generic, "units": units, "summed": False})
                continue
            summed = _summed(generic, [t for _, _, t in texts])
            if summed is not None:
                common.append({"text": summed, "units": units, "summed": any(
                    len(set(column)) > 1 and all(_WHOLE.fullmatch(t) for t in column)
                    for column in zip(*(t for _, _, t in texts), strict=True))})
                continue
        for unit, sentence, _tokens in texts:
            named = _without_names(sentence, unit, "\x00") != sentence
            specific.append({"unit": unit["short"], "text": sentence, "named": named})
    return common, specific


def _said_by(item: dict) -> str:
    """"Hạn chế của các đơn vị (các đơn vị: Huế, Nghệ An)."."""
    text = item["text"].rstrip()
    end = text[-1] if text and text[-1] in ".!?…" else "."
    body = text[:-1] if text and text[-1] in ".!?…" else text
    said = "tổng số của các đơn vị" if item.get("summed") else "các đơn vị"
    return f"{body} ({said}: {', '.join(item['units'])}){end}"


def _examples(specific: list[dict], limit: int = EXAMPLES) -> list[dict]:
    """A few unit specifics, those with figures first, at most one per unit while others are
    left."""
    ranked = sorted(enumerate(specific),
                    key=lambda pair: (not _NUMBER.search(pair[1]["text"]), pair[0]))
    chosen: list[dict] = []
    for _, item in ranked:
        if len(chosen) >= limit:
            break
        if any(c["unit"] == item["unit"] for c in chosen) and len(
                {i["unit"] for i in specific}) > len(chosen):
            continue
        chosen.append(item)
    if len(chosen) < limit:  # every unit has one already: fill up in order
        chosen += [i for _, i in ranked if i not in chosen][:limit - len(chosen)]
    return chosen


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _example_sentence(examples: list[dict], lead: str = "Tiêu biểu như") -> str:
    """"Tiêu biểu như: Sở Nội vụ Nghệ An tổ chức …; Huế: thẩm định …": the unit's name put
    before a text that does not say it."""
    parts = [e["text"].rstrip(".") if e["named"] else f"{e['unit']}: {e['text'].rstrip('.')}"
             for e in examples]
    return f"{lead}: " + "; ".join(parts) + "."


# --- figures --------------------------------------------------------------------------------


def _clauses(text: str) -> list[str]:
    out = []
    for sentence in sentences(text):
        out += [c.strip().rstrip(".").strip() for c in re.split(r";", sentence) if c.strip()]
    return out


def _amount(token: str) -> int:
    return int(token.replace(".", ""))


def figures(entries: Iterable[dict]) -> list[dict]:
    """The units' key figures added up clause by clause: "tổ chức 12 lớp bồi dưỡng" of one
    unit and "tổ chức 8 lớp bồi dưỡng" of another make "Tổ chức lớp bồi dưỡng: 20 (2 đơn
    vị)". Only clauses with one whole number count; rates and percentages ("tỷ lệ 98%"),
    years and document numbers are not added. ``[{"label", "total", "units"}]`` in the order
    first met."""
    rows: dict[str, dict] = {}
    for entry in entries:
        for clause in _clauses(entry["text"]):
            folded = _fold(clause)
            if "%" in clause or "tỷ lệ" in folded or "tỉ lệ" in folded:
                continue
            numbers = _NUMBER.findall(clause)
            if len(numbers) != 1:
                continue
            amount = _amount(numbers[0])
            if 1900 <= amount <= 2100 and "năm" in folded:
                continue
            label = _SPACES.sub(" ", _NUMBER.sub("", clause, count=1)).strip(" ,:")
            if not label:
                continue
            label = label[:1].upper() + label[1:]
            row = rows.setdefault(_fold(label), {"label": label, "total": 0, "units": 0})
            row["total"] += amount
            row["units"] += 1
    return list(rows.values())


# --- composing the sections -----------------------------------------------------------------


def _lines(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part and part.strip())


def _topic(entries: list[dict]) -> list[str]:
    """The list items of one topic: the common sentences with the units that said them, then
    a few unit specifics as examples."""
    common, specific = merge(entries)
    items = [_said_by(item) for item in common]
    examples = _examples(specific)
    if examples:
        items.append(_example_sentence(examples))
    return items


#: A conference's item this alike to what the units said already is not said again.
REPEATED = 0.7


def _not_said(items: list[str], said: list[str]) -> list[str]:
    """``items`` (a conference's) less those that repeat one of ``said``."""
    folded = [_fold(_ANY_NUMBER.sub("#", text)) for text in said]
    out = []
    for item in items:
        key = _fold(_ANY_NUMBER.sub("#", item))
        if any(difflib.SequenceMatcher(None, key, other, autojunk=False).ratio() >= REPEATED
               for other in folded):
            continue
        out.append(item)
        folded.append(key)
    return out


def compose_direction(facts: dict) -> str:
    label, campaign = facts["label"], facts["campaign"]
    first = ""
    if campaign:
        basis = f"Thực hiện {campaign['plan']}, c" if campaign["plan"] else "C"
        motto = f" với chủ đề “{campaign['motto']}”" if campaign["motto"] else ""
        first = (f"{basis}ác đơn vị thành viên đã quán triệt, triển khai {campaign['name']}"
                 f"{motto}; xây dựng kế hoạch, phát động các phong trào thi đua gắn với nhiệm "
                 "vụ chính trị của từng đơn vị.")
    reported = facts["reported"]
    second = (f"Cụm trưởng đề nghị các đơn vị gửi báo cáo kết quả công tác thi đua, khen "
              f"thưởng {label} trước ngày {facts['deadline']}. Đã có {len(reported)}/"
              f"{facts['members']} đơn vị gửi báo cáo")
    if facts["late"]:
        second += f" ({len(facts['late'])} đơn vị gửi muộn: {', '.join(facts['late'])})"
    second += "."
    if facts["missing"]:
        second += " Đơn vị chưa gửi báo cáo: " + "; ".join(facts["missing"]) + "."
    conference = facts["conference"]
    third = ""
    if conference:
        title = conference["title"]
        # what the conference concluded is a fact of the conference, told with it; its
        # solutions are the directions of section III
        third = " ".join([f"Ngày {conference['day']}, tại {conference['place']}, Cụm đã tổ "
                          f"chức {title[:1].lower()}{title[1:]}.", *conference["conclusions"]])
    return _join(first, second, third)


def compose_areas(facts: dict) -> str:
    parts = []
    if facts["figures"]:
        parts.append(f"Tổng hợp số liệu chủ yếu do {facts['figures_units']} đơn vị báo cáo, "
                     "kết quả toàn Cụm như sau: " + "; ".join(
                         f"{_lower_first(row['label'])}: {format_value(row['total'])}"
                         for row in facts["figures"][:6]) + " (chi tiết tại bảng dưới đây).")
    items = []
    for area in facts["areas"]:
        topic = _topic(area["entries"])
        if topic:
            items.append(f"{area['name']}: " + " ".join(topic))
    if items:
        parts.append("Kết quả trên các lĩnh vực công tác:")
        parts.append(_lines(items))
    elif not facts["figures"]:
        parts.append("Các đơn vị chưa báo cáo kết quả theo lĩnh vực.")
    return _join(*parts)


def compose_commendation(facts: dict) -> str:
    label, parts = facts["label"], []
    practices = facts["practices"]
    if practices:
        parts.append(f"Các đơn vị trong Cụm đã phát hiện, bồi dưỡng, nhân rộng "
                     f"{len(practices)} điển hình tiên tiến, cách làm hay; tiêu biểu như:")
        parts.append(_lines(
            f"“{p['title']}” ({p['unit']}" + (f", lĩnh vực {p['area']}" if p["area"] else "")
            + f"): {p['description']}" + (f" Kết quả: {p['results']}" if p["results"] else "")
            for p in practices[:EXAMPLES]))
    awards = facts["awards"]
    if awards:
        total = sum(row["count"] for row in awards)
        parts.append(f"Trong kỳ, các tập thể, cá nhân thuộc các đơn vị trong Cụm được cấp trên "
                     f"khen thưởng {format_value(total)} lượt, gồm:")
        parts.append(_lines(f"{row['award']}: {format_value(row['count'])}" for row in awards))
    else:
        parts.append(f"Công tác khen thưởng {label} được các đơn vị thực hiện theo kế hoạch; "
                     "chưa có quyết định khen thưởng của cấp trên trong kỳ.")
    if facts["sessions"]:
        parts.append("Cụm đã tổ chức bình xét, suy tôn các danh hiệu thi đua, hình thức khen "
                     "thưởng theo quy định (" + "; ".join(facts["sessions"]) + ").")
    return _join(*parts)


def compose_strengths(facts: dict) -> str:
    lead = (f"Công tác thi đua, khen thưởng {facts['label']} của các đơn vị trong Cụm được quan "
            "tâm chỉ đạo, triển khai kịp thời; các phong trào thi đua bám sát nhiệm vụ chính "
            "trị, góp phần hoàn thành các nhiệm vụ được giao.") if facts["reported"] else ""
    items = _topic(facts["highlights"])
    conference = facts["conference"]
    if conference:
        items += _not_said(conference["achievements"], items)
    return _join(lead, _lines(items))


CAUSE_WORDS = ("nguyên nhân", " do ", "bởi ")


def compose_shortcomings(facts: dict) -> str:
    common, specific = merge(facts["shortcomings"])
    items = [_said_by(item) for item in common]
    examples = _examples(specific)
    if examples:
        items.append(_example_sentence(examples, "Ở một số đơn vị"))
    conference = facts["conference"]
    if conference:
        items += _not_said(conference["shortcomings"], items)
    if not items:
        return "Các đơn vị chưa nêu tồn tại, hạn chế."
    said = [s for entry in facts["shortcomings"] for s in sentences(entry["text"])]
    causes = [s for s in said if any(w in f" {_fold(s)} " for w in CAUSE_WORDS)]
    cause = ("Nguyên nhân: " + " ".join(dict.fromkeys(causes)) if causes else
             "Nguyên nhân chủ yếu là việc tổ chức thực hiện ở một số đơn vị chưa thường "
             "xuyên; công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến chưa được "
             "quan tâm đúng mức; việc trao đổi thông tin giữa các đơn vị trong Cụm có lúc "
             "chưa kịp thời.")
    return _join("Bên cạnh những kết quả đạt được, công tác thi đua, khen thưởng "
                 f"{facts['label']} còn một số hạn chế:", _lines(items), cause)


def compose_directions(facts: dict) -> str:
    year, mid, campaign = facts["year"], facts["mid"], facts["campaign"]
    items = []
    if campaign:
        items.append(f"Tiếp tục tổ chức thực hiện {campaign['name']}"
                     + (f" với chủ đề “{campaign['motto']}”" if campaign["motto"] else "")
                     + "; đổi mới nội dung, hình thức tổ chức các phong trào thi đua, gắn với "
                     "nhiệm vụ chính trị của từng đơn vị.")
    else:
        items.append("Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua, "
                     "gắn với nhiệm vụ chính trị của từng đơn vị.")
    items.append("Các đơn vị tập trung khắc phục những hạn chế nêu trên; chú trọng phát hiện, "
                 "bồi dưỡng, nhân rộng điển hình tiên tiến, cách làm hay.")
    conference = facts["conference"]
    if conference:
        items += conference["solutions"]
    if mid:
        items.append(f"Chuẩn bị các điều kiện tổ chức tổng kết công tác thi đua, khen thưởng "
                     f"năm {year}; chấm điểm, bình xét, đề nghị khen thưởng bảo đảm công khai, "
                     "dân chủ, đúng quy định.")
    else:
        items.append(f"Tổ chức ký kết giao ước thi đua năm {year + 1}; xây dựng bảng tiêu chí "
                     f"chấm điểm thi đua năm {year + 1} sát với nhiệm vụ của các đơn vị.")
    return _lines(items)


def compose_proposals(facts: dict) -> str:
    items = _topic(facts["proposals"])
    return _lines(items) if items else "Không có đề xuất, kiến nghị."


#: The sections the secretariat edits (``reports.models.SummarySection.Key``), in the order
#: the report prints them, each with what composes it.
COMPOSERS = {
    "chi-dao": compose_direction, "linh-vuc": compose_areas,
    "khen-thuong": compose_commendation, "uu-diem": compose_strengths,
    "han-che": compose_shortcomings, "phuong-huong": compose_directions,
    "kien-nghi": compose_proposals,
}


def compose(facts: dict) -> dict[str, str]:
    """The text of every section, composed from the facts."""
    return {key: composer(facts) for key, composer in COMPOSERS.items()}

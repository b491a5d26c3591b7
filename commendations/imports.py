"""Past honours of units and their people from Excel (issue #13, point 5), for the
eligibility checks that read a unit's history.

One row per honour: the unit (a member of the cluster in any year, or a unit that merged into
one, by its name in the registry with or without diacritics, or its short name), the person
(empty for the unit itself), the award (its name or code in the catalogue, with or without
diacritics), the year of the achievement, and the decision (number, date, issuing body) if
known. ``honours_preview`` checks every row in memory with a fixed number of queries and
saves nothing; ``honours_import`` saves a valid file in one transaction through
``services.past_honour_save``.

Matching: a row is the honour of the same unit, person, award and year recorded by this
cluster; a row equal to it is not saved, so the same file imported twice changes nothing.
An honour the app already holds from a decision recorded for a dossier (``GrantedAward``) is
shown as such and not recorded twice. An import never deletes.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cluster.models import Cluster, Membership, Unit, User
from cluster.rules import YearScope
from cluster.spreadsheets import (
    CellError,
    Column,
    Preview,
    RowError,
    RowReader,
    normalize_header,
    read_table,
    to_int,
    to_text,
    write_table,
)
from commendations.models import AwardForm, GrantedAward, PastHonour
from commendations.services import past_honour_save
from commendations.services._common import require

FIRST_YEAR = 1945

COLUMNS = (
    Column("unit", "Đơn vị", "Tên chính thức của đơn vị như trong danh mục (ví dụ: Sở Nội vụ "
           "tỉnh Nghệ An), có dấu hoặc không dấu, hoặc tên ngắn nếu không trùng; đơn vị thành "
           "viên của cụm hoặc đơn vị đã hợp nhất vào một thành viên.", required=True,
           aliases=("Tên đơn vị", "Tập thể", "Cơ quan", "Đơn vị công tác"), width=38),
    Column("person", "Cá nhân", "Họ và tên người được khen; để trống nếu khen thưởng tặng "
           "cho tập thể đơn vị.", aliases=("Họ và tên", "Họ tên", "Tên cá nhân"), width=26),
    Column("award", "Hình thức khen thưởng", "Tên hình thức, danh hiệu như trong danh mục khen "
           "thưởng (ví dụ: Cờ thi đua của Chính phủ, Bằng khen của Bộ trưởng Bộ Nội vụ), có "
           "dấu hoặc không dấu, hoặc mã của nó.", required=True,
           aliases=("Hình thức, danh hiệu", "Danh hiệu", "Hình thức", "Danh hiệu thi đua",
                    "Khen thưởng"), width=38),
    Column("year", "Năm", "Năm thành tích được khen, ví dụ 2023.", required=True,
           aliases=("Năm thành tích", "Năm khen thưởng"), width=8),
    Column("decision_number", "Số quyết định", "Ví dụ: 123/QĐ-TTg.",
           aliases=("Số QĐ", "Quyết định số", "Số, ký hiệu quyết định"), width=18),
    Column("decision_date", "Ngày quyết định", "Ngày ký quyết định: ô ngày tháng của Excel "
           "hoặc chữ dạng ngày/tháng/năm, ví dụ 15/01/2024.",
           aliases=("Ngày QĐ", "Ngày ban hành", "Ngày ký"), width=16),
    Column("issuing_body", "Cơ quan ban hành", "Ví dụ: Thủ tướng Chính phủ, Bộ trưởng Bộ Nội "
           "vụ.", aliases=("Cấp khen", "Cơ quan quyết định", "Người ký"), width=26),
    Column("note", "Ghi chú", "", aliases=("Ghi chu",), width=24),
)
_HEADERS = {c.key: c.header for c in COLUMNS}
_DATE_TEXT = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def to_date(value: Any) -> datetime.date | None:
    """A date cell, a date typed as text ("15/01/2024", "15-1-2024", "15.01.2024",
    "2024-01-15") or an Excel serial number, or a CellError in Vietnamese."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80_000 and float(value).is_integer():
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise CellError(f"“{value}” không phải ngày tháng (ví dụ đúng: 15/01/2024).")
    text = to_text(value)
    found = _DATE_TEXT.fullmatch(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise CellError(f"“{text}” không phải ngày tháng (ví dụ đúng: 15/01/2024).")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"Ngày “{text}” không có thật (ngày/tháng/năm).") from None


@dataclass
class HonourRow:
    number: int
    unit: Unit | None = None
    person_name: str = ""
    award: AwardForm | None = None
    honour_year: int | None = None
    decision_number: str = ""
    decision_date: datetime.date | None = None
    issuing_body: str = ""
    note: str = ""
    honour: PastHonour | None = None
    status: str = ""  # "new", "changed", "same", "granted" (held from a recorded decision)
    errors: list[RowError] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.unit.pk if self.unit else None, normalize_header(self.person_name),
                self.award.pk if self.award else None, self.honour_year)

    @property
    def fields(self) -> tuple:
        return (self.decision_number, self.decision_date, self.issuing_body, self.note)


@dataclass
class HonoursPreview(Preview):
    rows: list[HonourRow] = field(default_factory=list)


class _Units:
    """The units a row may name: the cluster's members of any year and every unit that merged
    into one of them, by normalised name and short name. One query per generation of
    mergers, whatever the number of rows."""

    def __init__(self, cluster: Cluster) -> None:
        ids = set(Membership.objects.filter(cluster=cluster).values_list("unit_id", flat=True))
        units = list(Unit.objects.filter(pk__in=ids))
        frontier = ids
        while frontier:
            level = [u for u in Unit.objects.filter(successor_id__in=frontier)
                     if u.pk not in ids]
            ids.update(u.pk for u in level)
            units.extend(level)
            frontier = {u.pk for u in level}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in units:
            self.by_name.setdefault(normalize_header(unit.name), []).append(unit)
            if normalize_header(unit.short_name) != normalize_header(unit.name):
                self.by_name.setdefault(normalize_header(unit.short_name), []).append(unit)

    def find(self, text: str) -> Unit:
        found = {u.pk: u for u in self.by_name.get(normalize_header(text), [])}
        if not found:
            raise CellError(f"“{text}” không phải đơn vị thành viên của cụm (hay đơn vị đã hợp "
                            "nhất vào một thành viên); hãy ghi đúng tên chính thức, ví dụ: Sở "
                            "Nội vụ tỉnh Nghệ An.")
        if len(found) > 1:
            raise CellError(f"Có nhiều đơn vị tên “{text}”; hãy ghi tên chính thức đầy đủ.")
        return next(iter(found.values()))


def _award_key(text: str) -> str:
    """An award's name without diacritics, case or punctuation, keeping a "(…)" part: two
    forms may differ only there."""
    return normalize_header(re.sub(r"[()]", " ", text))


class _Awards:
    """The catalogue by name and code, compared without diacritics or case; one query."""

    def __init__(self) -> None:
        self.by_name: dict[str, dict[int, AwardForm]] = {}
        for award in AwardForm.objects.all():
            for key in {_award_key(award.name), _award_key(award.code)}:
                self.by_name.setdefault(key, {})[award.pk] = award

    def find(self, text: str) -> AwardForm:
        found = self.by_name.get(_award_key(text), {})
        if not found:
            raise CellError(f"Không có hình thức khen thưởng “{text}” trong danh mục; hãy ghi "
                            "đúng tên như trong danh mục khen thưởng (trang quản trị thêm được "
                            "hình thức mới).")
        if len(found) > 1:
            raise CellError(f"Có nhiều hình thức khen thưởng ứng với “{text}”; hãy ghi đúng "
                            "tên đầy đủ, có dấu.")
        return next(iter(found.values()))


def _model_field(name: str, value: str) -> str:
    return PastHonour._meta.get_field(name).clean(value, None)


def honours_preview(*, cluster: Cluster, year: int, data: bytes) -> HonoursPreview:
    """What importing ``data`` would do, with every error; saves nothing. Raises
    ValidationError when the file itself cannot be read."""
    table = read_table(data, columns=COLUMNS)
    preview = HonoursPreview(errors=list(table.errors))
    units, awards = _Units(cluster), _Awards()
    rows: list[HonourRow] = []
    for sheet_row in table.rows:
        values = sheet_row.values
        row = HonourRow(sheet_row.number)

        reader = RowReader(row, values, _HEADERS)
        fail, cell = reader.fail, reader.cell

        unit_text = cell("unit", to_text)
        if unit_text:
            row.unit = cell("unit", lambda v: units.find(to_text(v)))
        elif unit_text == "":
            fail("unit", "Thiếu tên đơn vị.")
        award_text = cell("award", to_text)
        if award_text:
            row.award = cell("award", lambda v: awards.find(to_text(v)))
        elif award_text == "":
            fail("award", "Thiếu hình thức khen thưởng.")
        row.honour_year = cell("year", to_int)
        if row.honour_year is None and not any(e.column == _HEADERS["year"] for e in row.errors):
            fail("year", "Thiếu năm thành tích.")
        elif row.honour_year is not None and not FIRST_YEAR <= row.honour_year <= year:
            fail("year", f"Năm {row.honour_year} không hợp lệ: năm thành tích phải từ "
                         f"{FIRST_YEAR} đến {year}.")
            row.honour_year = None
        row.person_name = cell("person", lambda v: _model_field("person_name", to_text(v))) or ""
        row.decision_number = cell("decision_number",
                                   lambda v: _model_field("decision_number", to_text(v))) or ""
        row.decision_date = cell("decision_date", to_date)
        row.issuing_body = cell("issuing_body",
                                lambda v: _model_field("issuing_body", to_text(v))) or ""
        row.note = cell("note", lambda v: _model_field("note", to_text(v))) or ""
        if row.award is not None:
            if row.award.is_collective and row.person_name:
                fail("person", f"“{row.award.name}” tặng cho tập thể; hãy để trống cột cá "
                               "nhân hoặc chọn hình thức dành cho cá nhân.")
            elif not row.award.is_collective and not row.person_name:
                fail("person", f"“{row.award.name}” tặng cho cá nhân; hãy ghi họ và tên.")
        if row.unit is not None and row.honour_year and not row.unit.is_valid_in_year(
                row.honour_year):
            fail("unit", f"{row.unit.name} không có hiệu lực trong năm {row.honour_year}.")
        if row.decision_date and row.honour_year and row.decision_date.year < row.honour_year:
            fail("decision_date", f"Ngày quyết định {row.decision_date:%d/%m/%Y} trước năm "
                                  f"thành tích {row.honour_year}.")
        if row.decision_date and row.decision_date > datetime.date.today():
            fail("decision_date", "Ngày quyết định không được sau ngày hôm nay.")
        rows.append(row)
    keyed = [r for r in rows if not r.errors]
    unit_ids = {r.unit.pk for r in keyed}
    stored = {(h.unit_id, normalize_header(h.person_name), h.award_id, h.year): h
              for h in PastHonour.objects.filter(cluster=cluster, unit_id__in=unit_ids)}
    granted = {(g.unit_id, normalize_header(g.person_name), g.award_id, g.year)
               for g in GrantedAward.objects.filter(unit_id__in=unit_ids)}
    first_row: dict[tuple, int] = {}
    for row in rows:
        if not row.errors:
            if row.key in first_row:
                row.errors.append(RowError(row.number, _HEADERS["award"],
                                           f"Trùng với dòng {first_row[row.key]} (cùng đơn vị, "
                                           "cá nhân, hình thức và năm)."))
            else:
                first_row[row.key] = row.number
                row.honour = stored.get(row.key)
                if row.key in granted:
                    row.status = "granted"
                elif row.honour is None:
                    row.status = "new"
                else:
                    honour = row.honour
                    same = (honour.decision_number, honour.decision_date, honour.issuing_body,
                            honour.note) == row.fields
                    row.status = "same" if same else "changed"
        preview.errors.extend(row.errors)
    preview.rows = rows
    preview.errors.sort(key=lambda e: e.row)
    return preview


@transaction.atomic
def honours_import(*, cluster: Cluster, year: int, data: bytes,
                   acting_user: User | None) -> HonoursPreview:
    """Save a valid file in one transaction (new and changed rows only). Raises
    ValidationError (nothing saved) when the file has any error, checked again here."""
    require(acting_user, "commendations.manage_year", YearScope(cluster, year))
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    preview = honours_preview(cluster=cluster, year=year, data=data)
    if not preview.is_valid:
        raise ValidationError([
            (f"Dòng {e.row}, cột “{e.column}”: " if e.row else "") + e.message
            for e in preview.errors])
    for row in preview.rows:
        if row.status in ("new", "changed"):
            past_honour_save(cluster=cluster, year=year, unit=row.unit, award=row.award,
                             honour_year=row.honour_year, person_name=row.person_name,
                             decision_number=row.decision_number,
                             decision_date=row.decision_date, issuing_body=row.issuing_body,
                             note=row.note, honour=row.honour, acting_user=acting_user)
    return preview


def honours_workbook(*, cluster: Cluster, year: int) -> bytes:
    """The template: its columns, two example rows, and the catalogue's awards in the guide."""
    example = (Membership.objects.filter(cluster=cluster).select_related("unit")
               .order_by("rotation_order", "pk").first())
    unit = example.unit.name if example else "Sở Nội vụ tỉnh Nghệ An"
    rows = [
        [unit, "", "Cờ thi đua của Chính phủ", year - 1, "123/QĐ-TTg", "15/01/" + str(year),
         "Thủ tướng Chính phủ", ""],
        [unit, "Nguyễn Văn A", "Chiến sĩ thi đua toàn quốc", year - 1, "", "", "", ""],
    ]
    awards = [(a.name, f"mã {a.code}; {a.get_recipient_display().lower()}")
              for a in AwardForm.objects.filter(is_active=True).order_by("order", "name")]
    return write_table(
        title=f"KHEN THƯỞNG ĐÃ CÓ CỦA ĐƠN VỊ VÀ CÁ NHÂN — {cluster.name}",
        note=("Mỗi khen thưởng một dòng: đơn vị, cá nhân (để trống nếu tặng cho tập thể), hình "
              "thức khen thưởng, năm thành tích, quyết định nếu có. Xóa hai dòng ví dụ trước "
              "khi nhập. Danh mục hình thức khen thưởng ở trang “Hướng dẫn”."),
        columns=COLUMNS, rows=rows, guidance=awards, sheet_title="Khen thưởng")

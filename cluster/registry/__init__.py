"""The country's registry that ships with the app: the provinces and centrally-governed cities
before and after the 2025 reorganisation, with their validity dates and successor links, and one
"Sở Nội vụ <official name>" unit per province (the departments most clusters are made of).

The data is ``provinces_2025.csv`` beside this module, one row per province, reviewable on its
own: ``name``, ``kind`` (``tinh`` or ``thanh_pho``), ``valid_from``/``valid_to`` (ISO dates,
empty = open), ``successor`` (the name of the province it merged into), ``source`` (the
resolution), ``checked`` (``co`` when a report of the adopted resolution confirms the row,
``chua`` when only the plans before it — Nghị quyết 60-NQ/TW, Quyết định 759/QĐ-TTg — were found)
and ``checked_against`` (where it was checked).

A merged province keeps the row of the province whose name continues (Quảng Trị stays Quảng
Trị); every other one ends on 30/6/2025 (Nghị quyết 202/2025/QH15, in force 12/6/2025, the new
provinces operating from 1/7/2025) with that row as successor. Thừa Thiên Huế ends on 31/12/2024
and thành phố Huế starts on 1/1/2025 (Nghị quyết 175/2024/QH15). A unit carries the same dates
and successor links as its province.

``load_registry`` is applied by the data migration ``cluster.0003_registry`` and by
``manage.py load_registry``; it is idempotent (``update_or_create`` by (name, kind) for provinces
and by name for units) and takes the model classes so the migration can pass its historical ones.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

REGISTRY_FILE = Path(__file__).with_name("provinces_2025.csv")
KINDS = {"tinh": "tỉnh", "thanh_pho": "thành phố"}  # as Province.official_name writes them


@dataclass(frozen=True)
class ProvinceRow:
    name: str
    kind: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str
    source: str
    checked: bool
    checked_against: str

    @property
    def official_name(self) -> str:
        return f"{KINDS[self.kind]} {self.name}"

    @property
    def unit_name(self) -> str:
        return f"Sở Nội vụ {self.official_name}"


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def province_rows(path: Path = REGISTRY_FILE) -> list[ProvinceRow]:
    """The registry file's rows, checked: known kinds, unique names, successors that exist."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [ProvinceRow(name=r["name"].strip(), kind=r["kind"].strip(),
                            valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"]),
                            successor=r["successor"].strip(), source=r["source"].strip(),
                            checked=r["checked"].strip() == "co",
                            checked_against=r["checked_against"].strip())
                for r in csv.DictReader(handle)]
    names = [row.name for row in rows]
    if len(names) != len(set(names)):
        raise ValueError(f"{path.name}: a province name appears twice")
    for row in rows:
        if row.kind not in KINDS:
            raise ValueError(f"{path.name}: {row.name}: unknown kind {row.kind!r}")
        if row.successor and row.successor not in names:
            raise ValueError(f"{path.name}: {row.name}: unknown successor {row.successor!r}")
    return rows


def load_registry(*, province_model=None, unit_model=None) -> tuple[int, int]:
    """Create or update every province of the registry and its Sở Nội vụ, then their successor
    links. Returns (provinces, units) written. Rows not in the file are left as they are."""
    if province_model is None or unit_model is None:
        from cluster.models import Province, Unit

        province_model, unit_model = province_model or Province, unit_model or Unit
    rows = province_rows()
    provinces, units = {}, {}
    for row in rows:  # first without successors, which may come later in the file
        provinces[row.name], _ = province_model.objects.update_or_create(
            name=row.name, kind=row.kind,
            defaults={"valid_from": row.valid_from, "valid_to": row.valid_to})
        units[row.name], _ = unit_model.objects.update_or_create(
            name=row.unit_name,
            defaults={"province": provinces[row.name], "short_name": row.name,
                      "valid_from": row.valid_from, "valid_to": row.valid_to})
    for row in rows:
        for objects in (provinces, units):
            obj = objects[row.name]
            successor = objects[row.successor] if row.successor else None
            if obj.successor_id != (successor.pk if successor else None):
                obj.successor = successor
                obj.save(update_fields=["successor"])
    return len(provinces), len(units)


def unchecked_rows() -> list[ProvinceRow]:
    """Rows whose merger was confirmed only by the plans before the resolution."""
    return [row for row in province_rows() if not row.checked]

"""Demo data of the cluster registry: the seed article's cluster in 2022 (real facts), the 2025
mergers (real law), and illustrative data, labelled as such, where the seed says nothing.

Loaded by ``manage.py load_demo``; idempotent."""

from __future__ import annotations

import datetime

from django.db import transaction

from cluster import services
from cluster.models import (
    Cluster,
    ClusterYear,
    Membership,
    Province,
    SuperiorBody,
    Unit,
    User,
)

DEMO_PASSWORD = "thidua-demo"
SUPERIOR_BODY_NAME = "Ban Thi đua – Khen thưởng Trung ương, Bộ Nội vụ"
NORTH_CENTRAL_SLUG = "snv-bac-trung-bo"
HIGHLANDS_SLUG = "snv-tay-nguyen-minh-hoa"

# (key, province name, rotation order) — rotation order is illustrative.
NORTH_CENTRAL = [
    ("quangtri", "Quảng Trị", 1),
    ("hue", "Thừa Thiên Huế", 2),
    ("thanhhoa", "Thanh Hóa", 3),
    ("nghean", "Nghệ An", 4),
    ("hatinh", "Hà Tĩnh", 5),
    ("quangbinh", "Quảng Bình", 6),
]
HIGHLANDS = [
    ("gialai", "Gia Lai", 1),
    ("daklak", "Đắk Lắk", 2),
    ("kontum", "Kon Tum", 3),
    ("daknong", "Đắk Nông", 4),
    ("lamdong", "Lâm Đồng", 5),
]

D = datetime.date


def _province(name, kind=Province.Kind.PROVINCE, **fields) -> Province:
    province, _ = Province.objects.update_or_create(name=name, kind=kind, defaults=fields)
    return province


def _unit(province: Province, **fields) -> Unit:
    name = f"Sở Nội vụ {province.official_name}"
    unit, _ = Unit.objects.update_or_create(
        name=name, defaults={"province": province, "short_name": province.name, **fields}
    )
    return unit


def _membership(cluster, unit, from_year, to_year=None, order=0, illustrative=False):
    membership, _ = Membership.objects.update_or_create(
        cluster=cluster,
        unit=unit,
        from_year=from_year,
        defaults={"to_year": to_year, "rotation_order": order, "is_illustrative": illustrative},
    )
    membership.full_clean()
    return membership


def _user(username, *, full_name, unit=None, role="", job_title="", **flags) -> User:
    user, created = User.objects.update_or_create(
        username=username,
        defaults={"full_name": full_name, "unit": unit, "role": role, "job_title": job_title,
                  **flags},
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(stdout=None) -> None:
    # Provinces, with the 2025 changes (Nghị quyết 202/2025/QH15; Nghị quyết 175/2024/QH15).
    city_hue = _province("Huế", Province.Kind.CITY, valid_from=D(2025, 1, 1))
    quang_tri = _province("Quảng Trị")
    provinces = {
        "thanhhoa": _province("Thanh Hóa"),
        "nghean": _province("Nghệ An"),
        "hatinh": _province("Hà Tĩnh"),
        "quangbinh": _province("Quảng Bình", valid_to=D(2025, 6, 30), successor=quang_tri),
        "quangtri": quang_tri,
        "hue": _province("Thừa Thiên Huế", valid_to=D(2024, 12, 31), successor=city_hue),
    }
    unit_hue_city = _unit(city_hue, valid_from=D(2025, 1, 1), short_name="Huế")
    units = {key: _unit(provinces[key]) for key in ("thanhhoa", "nghean", "hatinh", "quangtri")}
    units["quangbinh"] = _unit(
        provinces["quangbinh"], valid_to=D(2025, 6, 30), successor=units["quangtri"]
    )
    units["hue"] = _unit(provinces["hue"], valid_to=D(2024, 12, 31), successor=unit_hue_city)

    cluster, _ = Cluster.objects.update_or_create(
        slug=NORTH_CENTRAL_SLUG,
        defaults={
            "name": "Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ",
            "kind": Cluster.Kind.CLUSTER,
            "series_code": "CTĐ",
            "superior_body": "Bộ Nội vụ",
            "is_illustrative": False,
        },
    )
    for key, _name, order in NORTH_CENTRAL:
        ends = {"hue": 2024, "quangbinh": 2024}.get(key)
        _membership(cluster, units[key], 2022, ends, order)
    # Illustrative: the city department of Huế carries the seat of Thừa Thiên Huế from 2025.
    _membership(cluster, unit_hue_city, 2025, None, 2, illustrative=True)

    if not ClusterYear.objects.filter(cluster=cluster, year=2022).exists():
        services.cluster_year_set_roles(
            cluster=cluster, year=2022, chair=units["quangtri"], vice_chair=units["hue"],
            acting_user=None,
            note="Theo bài viết về Hội nghị sơ kết 6 tháng đầu năm 2022 (Huế, 24/6/2022).",
        )

    # A second, illustrative cluster of another region, to show isolation between clusters.
    highlands, _ = Cluster.objects.update_or_create(
        slug=HIGHLANDS_SLUG,
        defaults={
            "name": "Cụm Thi đua Sở Nội vụ các tỉnh Tây Nguyên (minh họa)",
            "kind": Cluster.Kind.CLUSTER,
            "series_code": "CTĐTN",
            "superior_body": "Bộ Nội vụ",
            "is_illustrative": True,
        },
    )
    highland_units = {}
    for key, name, order in HIGHLANDS:
        highland_units[key] = _unit(_province(name))
        _membership(highlands, highland_units[key], 2022, 2024, order, illustrative=True)
    if not ClusterYear.objects.filter(cluster=highlands, year=2022).exists():
        services.cluster_year_set_roles(
            cluster=highlands, year=2022, chair=highland_units["gialai"],
            vice_chair=highland_units["daklak"], acting_user=None, is_illustrative=True,
        )

    # Demo people: one officer and one leader per North Central unit.
    _user("admin", full_name="Quản trị viên", is_staff=True, is_superuser=True)
    _user("bonoivu", full_name="Vụ Thi đua, Khen thưởng (Bộ Nội vụ)", role=User.Role.OBSERVER,
          job_title="Chuyên viên")
    for key, name, _order in NORTH_CENTRAL:
        unit = units[key]
        _user(f"canbo.{key}", full_name=f"Công chức TĐKT Sở Nội vụ {name}", unit=unit,
              role=User.Role.OFFICER, job_title="Công chức tham mưu thi đua, khen thưởng")
        leader_name, title = f"Lãnh đạo Sở Nội vụ {name}", "Phó Giám đốc"
        if key == "quangtri":
            leader_name, title = "Ngô Quang Chiến", "Tỉnh ủy viên, Giám đốc Sở Nội vụ"
        _user(f"lanhdao.{key}", full_name=leader_name, unit=unit, role=User.Role.LEADER,
              job_title=title)
    _user("canbo.gialai", full_name="Công chức TĐKT Sở Nội vụ Gia Lai (minh họa)",
          unit=highland_units["gialai"], role=User.Role.OFFICER)
    # The body that receives the North Central cluster's award dossiers (issue #16), with one
    # account: it oversees that cluster only, not the Highlands one. Since 2025 the Ban Thi
    # đua – Khen thưởng Trung ương is part of Bộ Nội vụ.
    body, _ = SuperiorBody.objects.update_or_create(
        name=SUPERIOR_BODY_NAME,
        defaults={"short_name": "Ban TĐKT Trung ương", "records_on_paper": False,
                  "is_illustrative": True})
    body.clusters.set([cluster])
    _user("captren", full_name="Chuyên viên Ban Thi đua – Khen thưởng Trung ương (minh họa)",
          role=User.Role.SUPERIOR, superior_body=body, job_title="Chuyên viên")
    if stdout:
        stdout.write("  cluster: 2 cụm, %d đơn vị, %d người dùng" % (
            Unit.objects.count(), User.objects.count()))


DEMO_LOGINS = [
    ("admin", "Quản trị hệ thống (Django admin)"),
    ("canbo.quangtri", "Thư ký cụm 2022 (công chức đơn vị Cụm trưởng Quảng Trị)"),
    ("lanhdao.quangtri", "Lãnh đạo đơn vị Cụm trưởng: đồng chí Ngô Quang Chiến"),
    ("canbo.nghean", "Công chức Sở Nội vụ Nghệ An"),
    ("lanhdao.nghean", "Lãnh đạo Sở Nội vụ Nghệ An"),
    ("bonoivu", "Theo dõi, chỉ đọc (Bộ Nội vụ)"),
    ("captren", "Cấp trên của cụm Bắc Trung Bộ: tiếp nhận, trả lại, chuyển hồ sơ, ghi nhận "
                "quyết định"),
    ("canbo.gialai", "Công chức của cụm minh họa Tây Nguyên"),
]

"""Shared builders of the proposal tests (issue #16)."""

import datetime
import io

from commendations import services
from commendations.models import AwardForm

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="bao-cao.pdf"):
    file = io.BytesIO(PDF)
    file.name, file.size = name, len(PDF)
    return file


def award(code):
    return AwardForm.objects.get(code=code)


PERSON = {"person_name": "Lê Thị Thu Hà", "person_gender": "nu",
          "person_date_of_birth": D(1985, 3, 14), "person_position": "Phó Trưởng phòng",
          "person_workplace": "Phòng Thi đua, khen thưởng"}
REPORT = {"summary": "Hoàn thành xuất sắc nhiệm vụ năm 2023.",
          "section_1": "Sinh năm 1985, công tác tại Sở từ năm 2010.",
          "section_2": "Chủ trì số hóa hồ sơ khen thưởng của tỉnh.",
          "section_3": "Chiến sĩ thi đua cơ sở năm 2021, 2022."}


def draft(cluster, unit, user, *, year=2023, code="chien_si_thi_dua", **fields):
    """A draft proposal: an individual one (Chiến sĩ thi đua cấp bộ) unless told otherwise."""
    values = {**(PERSON if not award(code).is_collective else {}), **REPORT, **fields}
    return services.proposal_create(cluster=cluster, year=year, unit=unit, award=award(code),
                                    acting_user=user, **values)

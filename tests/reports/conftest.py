"""Sample documents: the cluster's mid-year report of 2022 (the seed article's conference)."""

import datetime

import pytest

from reports.document import (
    BulletList,
    Cell,
    Document,
    Heading,
    IssuingBody,
    Paragraph,
    Signature,
    Table,
)

CLUSTER = IssuingBody(name=("Cụm thi đua Sở Nội vụ", "các tỉnh Bắc Trung Bộ"))
HOSTILE = "<script>alert(1)</script>"
HOSTILE_BOLD = "<b>x</b>"

UNIT_SCORES = [
    ("Sở Nội vụ tỉnh Thanh Hóa", 95.5, 4.0),
    ("Sở Nội vụ tỉnh Nghệ An", 96.0, 3.5),
    ("Sở Nội vụ tỉnh Hà Tĩnh", 94.25, 2.0),
    ("Sở Nội vụ tỉnh Quảng Bình", 93.0, 1.5),
    ("Sở Nội vụ tỉnh Quảng Trị", 97.0, 5.0),
    ("Sở Nội vụ tỉnh Thừa Thiên Huế", 96.5, 4.5),
]

AREAS = (
    "tổ chức bộ máy, biên chế",
    "chính quyền địa phương",
    "công tác hội",
    "cán bộ, công chức, viên chức",
    "cải cách hành chính",
    "công tác thanh niên",
    "thi đua, khen thưởng",
    "văn thư, lưu trữ",
    "tín ngưỡng, tôn giáo",
)

LONG = (
    "Quán triệt các nội dung của Chỉ thị số 34-CT/TW của Bộ Chính trị về tiếp tục đổi mới công "
    "tác thi đua, khen thưởng; Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về "
    "việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hằng năm và "
    "Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ về việc phát động phong trào thi đua "
    "và hướng dẫn khen thưởng năm 2022 với chủ đề “Đoàn kết, kỷ cương, gương mẫu, đổi mới, hiệu "
    "quả”, Sở Nội vụ các tỉnh trong Cụm đã hoàn thành tốt các nhiệm vụ tham mưu, giúp Ủy ban "
    "nhân dân tỉnh quản lý nhà nước trên các lĩnh vực được giao."
)


def score_table(*, landscape: bool = False) -> Table:
    header = (
        (Cell("TT", rowspan=2), Cell("Đơn vị", rowspan=2), Cell("Điểm", colspan=3)),
        ("Tự chấm", "Thưởng", "Tổng"),
    )
    rows = [
        (index, name, score, bonus, Cell(score + bonus, bold=True))
        for index, (name, score, bonus) in enumerate(UNIT_SCORES, start=1)
    ]
    return Table(
        header_rows=header,
        rows=rows,
        column_widths=(1, 6, 2, 2, 2),
        caption="Bảng tổng hợp điểm tự chấm 6 tháng đầu năm 2022",
        landscape=landscape,
    )


def mid_year_report(**overrides) -> Document:
    body = [
        Heading("KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA 6 THÁNG ĐẦU NĂM 2022"),
        Heading("Công tác chỉ đạo, điều hành", level=2),
        Paragraph(LONG),
        Paragraph(
            "Công tác thi đua, khen thưởng trong Cụm từng bước được đổi mới, thiết thực, hiệu "
            "quả và ngày càng đi vào nề nếp, thực chất. Lấy hiệu quả trong việc thực hiện công "
            "tác chuyên môn làm thước đo cho công tác thi đua, khen thưởng. Ý kiến một đơn vị "
            f"gửi kèm: {HOSTILE} và {HOSTILE_BOLD}."
        ),
        Heading("Kết quả trên các lĩnh vực", level=2),
        BulletList([f"Lĩnh vực {area}: hoàn thành kế hoạch đề ra" for area in AREAS]),
        Heading("Kết quả tự chấm điểm", level=2),
        score_table(),
        Heading("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        Paragraph(
            "Việc triển khai thực hiện phong trào thi đua chưa nêu rõ kết quả nổi bật, cách làm "
            "hay để phổ biến cho các đơn vị trong Cụm học tập kinh nghiệm; phong trào thi đua "
            "tuy đã được phát động nhưng hiệu quả của một số phong trào chưa cao, chưa thực sự "
            "tạo động lực, tác động mạnh mẽ đến việc thực hiện nhiệm vụ chính trị của cơ quan, "
            "đơn vị."
        )
        ,
        Paragraph(
            "Công tác tuyên truyền các điển hình tiên tiến, gương người tốt, việc tốt chưa được "
            "thường xuyên, liên tục nên chưa tạo được động lực, sức lan tỏa lớn trong công tác "
            "thi đua, khen thưởng ở cơ quan, đơn vị."
        ),
        Heading("PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022"),
        Heading("Tiếp tục đổi mới nội dung, hình thức thi đua", level=2),
        Heading("Đối với các đơn vị thành viên", level=3),
        Paragraph(LONG),
        Heading("Đối với đơn vị Cụm trưởng", level=3),
        Paragraph(LONG),
        Paragraph(
            "Trên đây là báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022 của "
            "Cụm thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ./."
        ),
    ]
    fields = dict(
        issuer=CLUSTER,
        kind="Báo cáo",
        subject="Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",
        symbol="BC-CTĐ",
        number=5,
        place="Huế",
        date=datetime.date(2022, 6, 24),
        body=body,
        signatures=[
            Signature(
                authority=(
                    "TM. Cụm thi đua",
                    "Cụm trưởng",
                    "Giám đốc Sở Nội vụ tỉnh Quảng Trị",
                ),
                name="Ngô Quang Chiến",
            )
        ],
        recipients=(
            "Vụ Thi đua - Khen thưởng, Bộ Nội vụ (để b/c)",
            "- Ban Thi đua - Khen thưởng Trung ương;",
            "Sở Nội vụ các tỉnh trong Cụm",
        ),
        archive="VT, CTĐ",
    )
    fields.update(overrides)
    return Document(**fields)


@pytest.fixture
def report() -> Document:
    return mid_year_report()


# --- the documents of a cluster-year, from real data (test_documents_*) ----------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def mid_year(demo_data, media):
    """This year's mid-year period of the demo cluster, with four reports submitted, the
    mid-year conference and a good practice (tests/reports/data.py)."""
    from .data import build_mid_year

    return build_mid_year()

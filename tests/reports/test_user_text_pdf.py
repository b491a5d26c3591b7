"""Official PDFs print what users meant (issue #10): a right-to-left override typed into a
pledge made "000.001" print as "100.000", and decomposed Vietnamese (NFD) left a text layer
that search and copy missed. Text is cleaned when it is saved, so the PDF reads back right."""

from __future__ import annotations

import io
import unicodedata

import pypdf
import pytest

from pledges.models import Pledge

pytestmark = pytest.mark.django_db

RLO, POP = "\u202e", "\u202c"
BASIS = "Căn cứ Kế hoạch số 612/KH-CTĐ của Cụm thi đua về tổ chức Hội nghị sơ kết"


def test_pledge_pdf_reads_back_composed_and_in_typed_order(client, north_central, users,
                                                           settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pledge = Pledge.objects.get(cluster=north_central, year=2022)
    pledge.preamble = (unicodedata.normalize("NFD", BASIS) + "\r\n"
                       f"Mức thưởng tối thiểu {RLO}000.001{POP} đồng cho mỗi đơn vị.")
    pledge.save()
    client.force_login(users["canbo.quangtri"])

    response = client.get(f"/cum/{north_central.slug}/2022/van-ban/giao-uoc/pdf/")

    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    text = " ".join(" ".join(page.extract_text() for page in
                             pypdf.PdfReader(io.BytesIO(data)).pages).split())
    assert BASIS in text  # composed: found by search and copy as typed
    assert "Mức thưởng tối thiểu 000.001 đồng cho mỗi đơn vị." in text
    assert "100.000" not in text and RLO not in text

"""A test CA, its certificates and a rendered report to sign (tests/signatures)."""

import io

import pytest
from PIL import Image, ImageDraw

from signatures.testca import make_test_ca

PASSWORD = "mat-khau-dung"


@pytest.fixture(scope="session")
def ca():
    return make_test_ca()


@pytest.fixture(scope="session")
def person_p12(ca):
    return ca.issue(common_name="Ngô Quang Chiến", organisation="Sở Nội vụ tỉnh Quảng Trị",
                    password=PASSWORD)


@pytest.fixture(scope="session")
def body_p12(ca):
    return ca.issue(common_name="Sở Nội vụ tỉnh Quảng Trị",
                    organisation="Sở Nội vụ tỉnh Quảng Trị", password=PASSWORD)


def png(size=(300, 120), mode="RGBA", colour=(0, 0, 0, 255)) -> bytes:
    img = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    ImageDraw.Draw(img).line([(10, size[1] - 10), (size[0] - 10, 10)], fill=colour, width=6)
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def report_pdf():
    """The sample mid-year report (tests/reports/conftest.py), rendered by WeasyPrint."""
    from reports.pdf import render_pdf
    from tests.reports.conftest import mid_year_report

    return render_pdf(mid_year_report()).pdf

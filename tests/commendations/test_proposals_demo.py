"""The demo's proposals of 2023 (issue #16): several units, one returned and corrected, a
draft only its own unit sees."""

import pytest

from commendations.models import Proposal, ProposalStatus

pytestmark = pytest.mark.django_db
D = "/cum/snv-bac-trung-bo/2023/khen-thuong/de-xuat/"


def test_the_demo_proposals_of_2023(north_central, units, users, client):
    demo = Proposal.objects.filter(cluster=north_central, year=2023, is_illustrative=True)
    assert {(p.unit.name, p.status) for p in demo} == {
        (units["nghean"].name, ProposalStatus.SENT), (units["hatinh"].name, ProposalStatus.SENT),
        (units["hue"].name, ProposalStatus.SENT), (units["thanhhoa"].name, ProposalStatus.DRAFT)}
    corrected = demo.get(unit=units["nghean"])
    assert [e.action for e in corrected.events.order_by("created_at", "pk")] == [
        "Soạn đề nghị", "Gửi đề nghị", "Trả lại đề nghị", "Sửa đề nghị", "Gửi lại đề nghị"]
    assert corrected.person.full_name == "Phan Minh Đức"
    client.force_login(users["canbo.quangtri"])
    html = client.get(D).content.decode()
    assert "Phan Minh Đức" in html and units["thanhhoa"].short_name not in html
    client.force_login(users["canbo.nghean"])
    html = client.get(D + f"{corrected.pk}/").content.decode()
    assert "Báo cáo thành tích chưa có phần III" in html  # the return's reason, in the log
    assert "Đề nghị khen thưởng bị trả lại" in html  # and in the officer's notices

"""The superior's pages (issue #16, "the upper level acts"), for every role of
``test_permissions.ROLES``: the inbox and the superior's moves of a dossier. A superior sees
only the clusters its body oversees: another body's account gets 404 everywhere else."""

import pytest

from cluster.models import Cluster, SuperiorBody, User
from tests.commendations.test_permissions import (
    ANSWER,
    K22,
    NOWHERE,
    ROLES,
    SUPERIOR,
    VIEW,
    matrix_failures,
)

pytestmark = pytest.mark.django_db

D = K22 + "ho-so/"
MATRIX = {
    "/cap-tren/ho-so/": (SUPERIOR, "Hồ sơ khen thưởng gửi cấp trên"),
    D + "{d22sent}/trang-thai/tiep-nhan/": (SUPERIOR, "Tiếp nhận hồ sơ"),
    D + "{d22}/trang-thai/tiep-nhan/": (SUPERIOR, "Không thể chuyển hồ sơ"),
    D + "{d22sent}/trang-thai/chuyen/": (SUPERIOR, "Không thể chuyển hồ sơ"),
    D + "{d22sent}/trang-thai/tra-lai/": (ANSWER, "Trả lại hồ sơ"),
    D + "{d22sent}/": (VIEW, "Đã gửi cấp trên"),
    D + "999999/trang-thai/tiep-nhan/": (NOWHERE, None),
}


@pytest.fixture
def sent_years(years, users):
    """``years``, with the draft dossier completed and sent: it waits for the superior."""
    from commendations import services
    from commendations.models import DocumentKind, Dossier, DossierStatus

    dossier = Dossier.objects.get(pk=years["d22open"])
    for kind in DocumentKind.values:
        services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                      acting_user=users["canbo.quangtri"])
    services.dossier_transition(dossier=dossier, to_status=DossierStatus.SENT,
                                acting_user=users["canbo.quangtri"])
    return {**years, "d22sent": dossier.pk}


@pytest.mark.parametrize("role", ROLES)
def test_superior_matrix(client, users, sent_years, role):
    failures = matrix_failures(client, users, role, MATRIX, sent_years, redirect_prefix=None)
    assert not failures, f"{role}: " + "; ".join(failures)


@pytest.fixture
def other_superior(highlands):
    """The account of a body that oversees the Highlands cluster only."""
    body = SuperiorBody.objects.create(name="Cơ quan cấp trên cụm Tây Nguyên (thử)",
                                       short_name="Cấp trên TN")
    body.clusters.set([highlands])
    return User.objects.create_user(username="captren.taynguyen", password="x",
                                    role=User.Role.SUPERIOR, superior_body=body)


def test_a_superior_of_another_cluster_gets_404_on_every_page_of_this_one(
        client, sent_years, other_superior):
    years = sent_years
    from tests.commendations.test_permissions import MATRIX as COMMENDATIONS

    client.force_login(other_superior)
    seen = {}
    for pattern in [*COMMENDATIONS, *MATRIX]:
        if "tay-nguyen" in pattern or pattern.startswith(("/don-vi/{gialai}", "/cap-tren/")):
            continue
        url = pattern.format(**years)
        seen[url] = client.get(url).status_code
    assert seen and set(seen.values()) == {404}, {u: s for u, s in seen.items() if s != 404}
    # Its own cluster opens; its inbox lists none of the North Central dossiers.
    assert client.get("/cum/snv-tay-nguyen-minh-hoa/2022/khen-thuong/").status_code == 200
    inbox = client.get("/cap-tren/ho-so/").content.decode()
    assert "Cơ quan cấp trên cụm Tây Nguyên (thử)" in inbox
    assert 'data-testid="inbox-dossier"' not in inbox
    assert {c.slug for c in Cluster.objects.filter(superior_bodies__accounts=other_superior)} == {
        "snv-tay-nguyen-minh-hoa"}


def test_a_superior_account_needs_its_body(db):
    from django.core.exceptions import ValidationError

    user = User(username="khongco", role=User.Role.SUPERIOR)
    with pytest.raises(ValidationError, match="phải thuộc một cơ quan cấp trên"):
        user.full_clean()

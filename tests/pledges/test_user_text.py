"""A commitment's text as users meant it (issue #10): composed (NFC), without bidirectional
overrides, line breaks kept; and no longer than cluster.text.PARAGRAPH_MAX, or refused in
Vietnamese with the saved text kept."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from pledges import services
from pledges.forms import CommitmentForm
from tests.pledges.factories import pledge_setup

pytestmark = pytest.mark.django_db

TEXT = "Thực hiện tốt công tác cải cách hành chính;\nPhấn đấu 100% hồ sơ trực tuyến"


def test_commitment_is_stored_composed_and_an_over_long_one_refused():
    setup = pledge_setup(units=2, commitments=0)
    typed = unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n")
    typed = typed.replace("100%", "\u202e100%\u202c")
    commitment = services.commitment_add(pledge=setup.pledge, text=typed,
                                         acting_user=setup.secretary)
    commitment.refresh_from_db()
    assert commitment.text == TEXT

    with pytest.raises(ValidationError) as refused:
        services.commitment_update(commitment=commitment, text="x" * 5001,
                                   acting_user=setup.secretary)
    assert refused.value.message_dict["text"] == [
        "Nội dung dài quá giới hạn: tối đa 5.000 ký tự (hiện có 5.001)."]
    commitment.refresh_from_db()
    assert commitment.text == TEXT

    form = CommitmentForm({"text": "ệ" * 5001})
    assert not form.is_valid()
    assert form.errors["text"] == [
        "Nội dung dài quá giới hạn: tối đa 5.000 ký tự (hiện có 5.001)."]

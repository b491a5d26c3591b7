"""``cluster.history``: the one save every app's services use."""

import pytest
from django.core.exceptions import ValidationError

from cluster.history import delete_with_history, save_with_history
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


class AppError(ValidationError):
    pass


def test_save_records_who_and_why():
    unit, officer = UnitFactory(), UserFactory()
    unit.short_name = "Nghệ An (mới)"
    save_with_history(unit, acting_user=officer, reason="Đổi tên ngắn")
    last = unit.history.first()
    assert (last.short_name, last.history_user, last.history_change_reason) == (
        "Nghệ An (mới)", officer, "Đổi tên ngắn")


def test_save_validates_first_and_can_refuse_with_the_apps_error():
    unit = UnitFactory()
    before = unit.history.count()
    unit.short_name = ""
    with pytest.raises(ValidationError) as plain:
        save_with_history(unit, acting_user=None)
    assert type(plain.value) is ValidationError
    with pytest.raises(AppError) as refused:
        save_with_history(unit, acting_user=None, error=AppError)
    assert "short_name" in refused.value.message_dict
    assert unit.history.count() == before  # nothing saved


def test_delete_records_who():
    unit, officer = UnitFactory(), UserFactory()
    pk = unit.pk
    delete_with_history(unit, acting_user=officer)
    last = type(unit).history.filter(id=pk).first()
    assert (last.history_type, last.history_user) == ("-", officer)

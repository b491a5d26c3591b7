"""Honours received before (or outside) the app's bình xét, recorded by the secretariat: one
write, ``past_honour_save``, which the Excel import (``commendations.imports``) calls per row."""

from __future__ import annotations

import datetime

from django.db import transaction

from cluster.models import Cluster, Unit, User
from commendations.models import AwardForm, PastHonour
from commendations.services._common import require_manage, save
from commendations.services.people import person_find_or_create


@transaction.atomic
def past_honour_save(*, cluster: Cluster, year: int, unit: Unit, award: AwardForm,
                     honour_year: int, acting_user: User | None, person_name: str = "",
                     decision_number: str = "", decision_date: datetime.date | None = None,
                     issuing_body: str = "", note: str = "",
                     honour: PastHonour | None = None) -> PastHonour:
    """Create ``honour`` (or bring it up to date) for the cluster whose secretariat of
    ``year`` records it; the history keeps the acting user. A person's honour is linked to
    the person registry (``person_find_or_create``: the name within the unit)."""
    require_manage(acting_user, cluster=cluster, year=year)
    if honour is None:
        honour = PastHonour(cluster=cluster, unit=unit, person_name=person_name, award=award,
                            year=honour_year, recorded_by=acting_user)
    honour.decision_number, honour.decision_date = decision_number, decision_date
    honour.issuing_body, honour.note = issuing_body, note
    if honour.person_name and honour.person_id is None:
        honour.person = person_find_or_create(full_name=honour.person_name, unit=honour.unit,
                                              acting_user=acting_user, is_current=False)
    save(honour, acting_user=acting_user,
         reason="Nhập khen thưởng đã có từ Excel" if honour.pk is None else
         "Sửa khen thưởng đã có (nhập từ Excel)")
    return honour


__all__ = ["past_honour_save"]

"""The person registry filled in from the names already typed (issue #16), for the data
migration ``0009_registry_people_backfill`` and its test.

Every nomination, granted award and imported past honour with a person's name and no person
gets one: a person per (folded name, unit), posted to that unit, since nothing better (a date
of birth) is known. A granted award takes its nomination's person. It works on the models
the migration hands it (``apps.get_model``), so it sets ``search_name`` itself (the historical
models have no ``Person.save``) and writes no history rows."""

from __future__ import annotations

from cluster.text import fold


def folded(name: str) -> str:
    """As ``services.folded_name``: lower case, no diacritics, one space between words."""
    return " ".join(fold(name).split())[:150]


def backfill_people(apps, schema_editor=None) -> int:
    """Link every row with a person's name to a person; returns how many people were made."""
    Person = apps.get_model("commendations", "Person")
    Posting = apps.get_model("commendations", "Posting")
    Nomination = apps.get_model("commendations", "Nomination")
    GrantedAward = apps.get_model("commendations", "GrantedAward")
    PastHonour = apps.get_model("commendations", "PastHonour")

    people: dict[tuple[str, int], object] = {}
    for posting in Posting.objects.select_related("person").order_by("pk"):
        people.setdefault((posting.person.search_name, posting.unit_id), posting.person)
    made = 0

    def person_for(name: str, unit_id: int, *, gender: str = "", position: str = "",
                   illustrative: bool = False):
        nonlocal made
        clean = " ".join(name.split())
        key = (folded(clean), unit_id)
        if key not in people:
            person = Person.objects.create(full_name=clean, search_name=key[0],
                                           gender=gender or "", is_illustrative=illustrative)
            Posting.objects.create(person=person, unit_id=unit_id, position=position or "")
            people[key] = person
            made += 1
        return people[key]

    for nomination in Nomination.objects.filter(person__isnull=True).exclude(
            person_name="").order_by("pk"):
        nomination.person = person_for(nomination.person_name, nomination.unit_id,
                                       gender=nomination.person_gender,
                                       position=nomination.person_title,
                                       illustrative=nomination.is_illustrative)
        nomination.save(update_fields=["person"])
    for granted in GrantedAward.objects.filter(person__isnull=True).exclude(
            person_name="").select_related("nomination").order_by("pk"):
        granted.person_id = granted.nomination.person_id or person_for(
            granted.person_name, granted.unit_id, illustrative=granted.is_illustrative).pk
        granted.save(update_fields=["person"])
    for honour in PastHonour.objects.filter(person__isnull=True).exclude(
            person_name="").order_by("pk"):
        honour.person = person_for(honour.person_name, honour.unit_id)
        honour.save(update_fields=["person"])
    return made

"""The English translation: the language switch, and a catalogue that is complete and consistent.

The UI's source language is Vietnamese; locale/en/LC_MESSAGES/django.po holds the English and
django.mo, compiled from it, is committed so that machines without GNU gettext serve it too.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
NORTH_CENTRAL = "/cum/snv-bac-trung-bo/"


@pytest.fixture(autouse=True)
def _restore_language():
    """A request in English leaves English active in this thread: give the next test Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- a tiny .po parser ------------------------------------------------------------------------

def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), flags, line.

    Enough for the files `makemessages` writes: comments, flags, multi-line strings, plural forms;
    obsolete entries (#~) are skipped."""
    entries: list[dict] = []
    entry: dict | None = None
    field = None

    def new(line_no):
        return {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {},
                "flags": set(), "line": line_no}

    def close():
        nonlocal entry, field
        if entry is not None and entry["msgid"] is not None:
            entry["msgstr"] = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
            entries.append(entry)
        entry, field = None, None

    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and entry["msgid"] is not None and field is not None:
                close()
            if entry is None:
                entry = new(no)
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if match:
            keyword, index, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if entry is None:
                entry = new(no)
            elif (keyword in ("msgctxt", "msgid") and entry["msgid"] is not None
                  and field != "msgctxt"):
                close()
                entry = new(no)
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = value
            else:
                field = keyword
                entry[keyword] = value
            continue
        assert line.startswith('"') and field is not None, f"{path.name}:{no}: cannot parse {raw!r}"
        value = ast.literal_eval(line)
        if isinstance(field, tuple):
            entry["msgstr"][field[1]] += value
        else:
            entry[field] += value
    close()
    return entries


def messages() -> list[dict]:
    """The entries other than the header."""
    return [e for e in parse_po(PO) if e["msgid"] != ""]


def where(entry: dict) -> str:
    return f"django.po:{entry['line']}: {entry['msgid'][:70]!r}"


# --- the language switch ----------------------------------------------------------------------

def switch_to(client, language: str, next_url: str = "/"):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response.url == next_url
    return response


def test_home_page_in_english_after_switching(client, users):
    client.force_login(users["canbo.nghean"])
    assert '<html lang="vi">' in client.get("/").content.decode()  # Vietnamese by default

    switch_to(client, "en")
    html = client.get("/").content.decode()

    assert '<html lang="en">' in html
    assert "Hello, " in html
    assert "Unit officer" in html  # the user's role
    assert "Cluster chair" in html and "Vice-chair" in html
    assert re.search(r"Members in \d{4}: \d+ units?", html)
    members = re.search(r'<table[^>]*data-testid="members".*?</table>', html, re.S).group(0)
    for header in ("<th>Unit</th>", "<th>Province or city</th>", "<th>Role</th>", "Member since"):
        assert header in members
    for vietnamese in ("Xin chào", "Cụm trưởng", "Cụm phó", "Thành viên từ", "Vai trò"):
        assert vietnamese not in html
    # Data stays as entered.
    assert "Sở Nội vụ tỉnh Nghệ An" in html

    switch_to(client, "vi")
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html and "Xin chào" in html and "Cụm trưởng" in html


def test_cluster_page_in_english(client, users):
    client.force_login(users["canbo.nghean"])
    page = f"{NORTH_CENTRAL}?nam=2025"
    switch_to(client, "en", page)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()

    assert '<html lang="en">' in html
    assert re.search(r"Members in 2025: \d+ units", html)
    note = re.search(r'data-testid="illustrative-note">(.*?)</div>', html, re.S).group(1)
    assert ("Some of the data for 2025 is <strong>illustrative data</strong> "
            "(not taken from real documents) to demonstrate the features.") in note
    assert "Cluster chair" in html and "Vice-chair" in html
    for vietnamese in ("Thành viên năm", "dữ liệu minh họa", "Cụm trưởng"):
        assert vietnamese not in html


# --- the catalogue ----------------------------------------------------------------------------

def test_po_file_is_complete_and_has_no_fuzzy_entries():
    entries = parse_po(PO)
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1
    assert "fuzzy" not in header[0]["flags"], "the header is still fuzzy"
    assert "Language: en" in header[0]["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0]["msgstr"][0]

    entries = messages()
    assert len(entries) > 100
    untranslated = [where(e) for e in entries if not e["msgstr"] or not all(e["msgstr"])]
    assert not untranslated, f"{len(untranslated)} untranslated:\n" + "\n".join(untranslated)
    fuzzy = [where(e) for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"{len(fuzzy)} fuzzy:\n" + "\n".join(fuzzy)
    plurals = [e for e in entries if e["msgid_plural"] is not None]
    assert all(len(e["msgstr"]) == 2 for e in plurals), [where(e) for e in plurals]


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{\s*[\w.]+\s*\}\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def test_translations_keep_placeholders_and_markup():
    problems = []
    for entry in messages():
        sources = [entry["msgid"]] + ([entry["msgid_plural"]] if entry["msgid_plural"] else [])
        wanted = set().union(*(set(PLACEHOLDER.findall(s)) for s in sources))
        for translated in entry["msgstr"]:
            found = set(PLACEHOLDER.findall(translated))
            if found != wanted:
                problems.append(f"{where(entry)}: {sorted(wanted)} -> {sorted(found)}")
            if sorted(TAG.findall(entry["msgid"])) != sorted(TAG.findall(translated)):
                problems.append(f"{where(entry)}: HTML tags differ in {translated!r}")
    assert not problems, "\n".join(problems)


def test_committed_mo_matches_the_po():
    """django.mo is compiled from the current django.po (run `compilemessages` after editing)."""
    assert MO.exists(), "compile locale/en/LC_MESSAGES/django.po into django.mo"
    with MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    stale = []
    for entry in messages():
        key = (entry["msgid"] if entry["msgctxt"] is None
               else f"{entry['msgctxt']}\x04{entry['msgid']}")
        if entry["msgid_plural"] is None:
            if catalog.get(key) != entry["msgstr"][0]:
                stale.append(where(entry))
        elif [catalog.get((key, i)) for i in range(len(entry["msgstr"]))] != entry["msgstr"]:
            stale.append(where(entry))
    assert not stale, (f"{len(stale)} entries differ between django.po and django.mo:\n"
                       + "\n".join(stale))


# --- no sentence half in each language (issue #13: "Báo cáo full year 2026") -----------------

# Fragments that only a phrase glued from a translated and an untranslated part produces, or a
# label the code kept in Vietnamese.
MIXED = ("Báo cáo first", "Báo cáo full", "Báo cáo 6 tháng", "Báo cáo cả năm",
         "Cụm trưởng unit", "Cụm phó unit", "Directive số", "Official letter số", "Plan số",
         ">Cụm trưởng<", ">Cụm phó<", "Đang soạn", "Quá hạn, chưa nộp", ">Đã nộp",
         ">Đã thẩm định", ">Đã giải trình", "Chưa bắt đầu", "Không nộp", "Soạn báo cáo",
         "Xem và nộp báo cáo", "Nhập từ Excel", "Xuất Excel")


def test_pages_in_english_do_not_mix_in_vietnamese_phrases(client, users, north_central, units):
    from campaigns import selectors as campaign_selectors

    conference = campaign_selectors.conference_list(cluster=north_central, year=2022)[0]
    campaign = campaign_selectors.campaign_for(cluster=north_central, year=2022)
    year = f"{NORTH_CENTRAL}2022/"
    pages = ["/", f"{year}ket-qua/", f"{year}ket-qua/6-thang/", f"{year}phong-trao/",
             f"{year}phong-trao/{campaign.pk}/",
             f"{year}hoi-nghi/{conference.pk}/", f"{year}tieu-chi/",
             f"/cong-khai/ban-tin/{conference.slug}/", f"/don-vi/{units['quangtri'].pk}/"]
    for username in ("canbo.quangtri", "canbo.nghean"):
        client.force_login(users[username])
        switch_to(client, "en")
        for page in pages:
            response = client.get(page, follow=True)
            assert response.status_code == 200, page
            html = response.content.decode()
            assert '<html lang="en">' in html or "/cong-khai/" in page, page
            mixed = [fragment for fragment in MIXED if fragment in html]
            assert not mixed, f"{username} {page}: {mixed}"
    html = client.get(f"{year}ket-qua/").content.decode()
    assert "Report for the first six months of 2022" in html
    html = client.get(f"{year}hoi-nghi/{conference.pk}/").content.decode()
    assert "Sở Nội vụ tỉnh Quảng Trị (Cluster chair unit for 2022)" in html


def test_the_same_pages_in_vietnamese_keep_their_words(client, users, north_central):
    from campaigns import selectors as campaign_selectors

    campaign = campaign_selectors.campaign_for(cluster=north_central, year=2022)
    client.force_login(users["canbo.quangtri"])
    html = client.get(f"{NORTH_CENTRAL}2022/ket-qua/").content.decode()
    assert "Báo cáo 6 tháng đầu năm 2022" in html
    page = f"{NORTH_CENTRAL}2022/phong-trao/{campaign.pk}/"
    citation = "Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị"
    assert citation in client.get(page).content.decode()
    switch_to(client, "en", page)
    assert citation in client.get(page).content.decode()  # a document's name, as issued


def test_documents_stay_vietnamese_when_made_from_an_english_page(north_central):
    """Labels are now translated (the board's statuses): a document made while the page is in
    English is the same Vietnamese document, with the same fingerprint."""
    from reports import services as report_services
    from reports.kinds import SPECS
    from reports.models import DocumentKind
    from results.models import ReportingPeriod

    period = ReportingPeriod.objects.get(cluster=north_central, year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)

    def draft():
        return report_services.document_draft_file(
            spec=SPECS[DocumentKind.SCORES], target=period, cluster=north_central, year=2022,
            file_format="xlsx", acting_user=None, verify_url=lambda code: f"/xac-minh/{code}/")

    with translation.override("en"):
        english = draft()
    text = str(english.document.snapshot)
    assert "Sở Nội vụ tỉnh Quảng Bình" in text  # did not report: listed with its status
    assert "Not submitted" not in text and "Being drafted" not in text
    assert "Submitted" not in text and "Overdue" not in text
    with translation.override("vi"):
        vietnamese = draft()
    assert vietnamese.document.pk == english.document.pk and not vietnamese.rendered


@pytest.mark.django_db
def test_award_rules_read_in_vietnamese_on_an_english_page(demo_data):
    """The rules of an award are administrative text (the vote's minutes print them): their
    choices' labels stay Vietnamese on an English page instead of mixing the two."""
    from commendations.models import AwardRule
    from commendations.selectors import quota_meaning, rule_lines

    rule = AwardRule.objects.exclude(quota_percent=None).first()
    with translation.override("vi"):
        expected = [line.value for line in rule_lines(rule)], quota_meaning(rule)
    with translation.override("en"):
        got = [line.value for line in rule_lines(rule)], quota_meaning(rule)
    assert got == expected

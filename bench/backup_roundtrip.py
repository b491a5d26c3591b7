"""The two Django-side steps of bench/backup_roundtrip.sh (docs/deployment.md, "Sao lưu và
khôi phục").

    python bench/backup_roundtrip.py issue               # issue and render documents
    python bench/backup_roundtrip.py manifest OUT.json   # what must survive a restore

``issue`` gives every reporting period of the demo its report a number and renders every
format of every document the demo can print (the period reports, the score table and ranking,
the pledge, each conference's minutes, each closed bình xét's minutes and tờ trình), so the
backup holds numbered documents, drafts and their files; the first issued document gets an
official copy (the scanned, signed PDF a văn thư attaches).

``manifest`` checks, on the database and MEDIA_ROOT it is pointed at, that every issued
document still verifies: the SHA-256 of its snapshot's canonical JSON is its stored
fingerprint, and every stored file's bytes have their stored SHA-256 and pass the public
verification check, and so does every official copy; that every uploaded file (evidence,
legal documents) is present; and
writes, for every table of the project's models (history tables included), its row count and
a SHA-256 of all its rows, plus the totals a reader would compare by eye (reports' points,
signatures, ballots, tallies; the tables' digests already cover every value). Two
manifests are equal exactly when the restore lost nothing.
Exit status 1 when a document or a file does not verify.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.utils import timezone

OUR_APPS = ["cluster", "campaigns", "results", "pledges", "commendations", "reports", "auth",
            "axes"]
VERIFY_URL = "https://thidua.example.gov.vn/xac-minh/{}/"


def verify_url(code: str) -> str:
    return VERIFY_URL.format(code)


def issue() -> None:
    from campaigns.models import Conference
    from cluster.models import User
    from commendations.models import VotingSession
    from pledges.models import Pledge
    from reports import services
    from reports.kinds import SPECS
    from reports.models import DocumentKind
    from results.models import ReportingPeriod

    admin = User.objects.filter(is_superuser=True).first()
    today = timezone.localdate()
    summary_kinds = {ReportingPeriod.Kind.MID_YEAR: DocumentKind.MIDYEAR_REPORT,
                     ReportingPeriod.Kind.YEAR_END: DocumentKind.YEAREND_REPORT}
    targets: list[tuple[str, object]] = []
    for period in ReportingPeriod.objects.select_related("cluster"):
        targets += [(summary_kinds[period.kind], period), (DocumentKind.SCORES, period),
                    (DocumentKind.RANKING, period)]
    targets += [(DocumentKind.PLEDGE, p) for p in Pledge.objects.select_related("cluster")]
    targets += [(DocumentKind.MINUTES, c) for c in Conference.objects.select_related("cluster")]
    for session in VotingSession.objects.all():
        if session.is_closed:
            targets += [(DocumentKind.VOTE_MINUTES, session), (DocumentKind.SUBMISSION, session)]

    issued = drafts = files = skipped = 0
    first_issued = None
    for kind, target in targets:
        spec, cluster, year = SPECS[kind], target.cluster, target.year
        try:
            if spec.issuable and year <= today.year:
                document = services.document_issue(
                    spec=spec, target=target, cluster=cluster, year=year, issued_on=today,
                    acting_user=admin, verify_url=verify_url).document
                issued += 1
                first_issued = first_issued or document
                for file_format in spec.formats:
                    services.document_file(document=document, file_format=file_format,
                                           verify_url=verify_url)
                    files += 1
            else:
                for file_format in spec.formats:
                    services.document_draft_file(spec=spec, target=target, cluster=cluster,
                                                 year=year, file_format=file_format,
                                                 acting_user=admin, verify_url=verify_url)
                    files += 1
                drafts += 1
        except ValidationError as error:  # e.g. nothing to print yet for this target
            skipped += 1
            print(f"  bỏ qua {kind} {target}: {'; '.join(error.messages)}")
    official = _attach_official_copy(first_issued, admin) if first_issued else 0
    print(f"Đã cấp số {issued} văn bản, {drafts} bản dự thảo, {files} tệp, {official} bản "
          f"chính thức; bỏ qua {skipped}.")


def _attach_official_copy(document, admin) -> int:
    """Stand in for the scanned, signed copy a văn thư attaches to an issued number: the PDF
    rendered at issue with a trailing PDF comment, so its bytes (and SHA-256) differ."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports import services
    from reports.models import FileFormat

    rendered = document.files.get(format=FileFormat.PDF)
    with rendered.file.open("rb") as handle:
        content = handle.read() + b"\n% ban chinh thuc\n"
    upload = SimpleUploadedFile("ban-chinh-thuc.pdf", content, content_type="application/pdf")
    services.official_file_attach(document=document, uploaded_file=upload, acting_user=admin,
                                  note="Bản quét sau khi ký, đóng dấu")
    return 1


def _table_digest(model) -> dict:
    fields = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    count = 0
    for row in model._base_manager.order_by("pk").values_list(*fields).iterator():
        digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
        digest.update(b"\n")
        count += 1
    return {"rows": count, "sha256": digest.hexdigest()}


def _totals() -> dict:
    from django.db.models import Count, Sum

    from commendations.models import AwardTally, Ballot, TallyResult
    from pledges.models import Signature
    from reports.models import DocumentFile, IssuedDocument
    from results.models import CriterionScore, UnitReport

    def text(value):
        return None if value is None else str(value)

    reports = UnitReport.objects.aggregate(n=Count("pk"), self_total=Sum("self_total"),
                                           final_total=Sum("final_total"))
    scores = CriterionScore.objects.aggregate(n=Count("pk"), self_points=Sum("self_points"),
                                              adjusted=Sum("adjusted_points"))
    return {
        "unit_reports": {k: text(v) for k, v in reports.items()},
        "unit_reports_by_state": dict(
            UnitReport.objects.values_list("state").annotate(n=Count("pk")).order_by("state")),
        "criterion_scores": {k: text(v) for k, v in scores.items()},
        "pledge_signatures": Signature.objects.count(),
        "ballots": Ballot.objects.count(),
        "award_tallies": AwardTally.objects.count(),
        "tally_results": TallyResult.objects.count(),
        "issued_documents": IssuedDocument.objects.filter(number__isnull=False).count(),
        "draft_documents": IssuedDocument.objects.filter(number__isnull=True).count(),
        "document_files": DocumentFile.objects.count(),
    }


def _check_documents() -> tuple[list[str], int]:
    from reports.kinds import fingerprint
    from reports.models import DocumentFile, IssuedDocument, OfficialFile
    from reports.services import verification_check

    problems, checked = [], 0
    for document in IssuedDocument.objects.all():
        if fingerprint(document.snapshot) != document.data_hash:
            problems.append(f"{document.verification_code}: dấu vân tay dữ liệu khác")
    for row in DocumentFile.objects.select_related("document"):
        checked += 1
        path = Path(row.file.path)
        if not path.exists():
            problems.append(f"{row}: thiếu tệp {path}")
            continue
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() != row.sha256 or len(content) != row.size:
            problems.append(f"{row}: SHA-256 của tệp khác với bản ghi")
            continue
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            upload.size = len(content)
            if not verification_check(document=row.document, uploaded_file=upload).matches:
                problems.append(f"{row}: trang xác minh không nhận tệp")
    # The official copies (scanned after signing) are the documents of record: their bytes
    # must come back as they were, and the verification page must still know them.
    for row in OfficialFile.objects.select_related("document"):
        checked += 1
        if not row.file.storage.exists(row.file.name):
            problems.append(f"{row}: thiếu bản chính thức {row.file.name}")
            continue
        with row.file.open("rb") as handle:
            content = handle.read()
        if hashlib.sha256(content).hexdigest() != row.sha256 or len(content) != row.size:
            problems.append(f"{row}: SHA-256 của bản chính thức khác với bản ghi")
            continue
        with row.file.open("rb") as handle:
            upload = File(handle, name=Path(row.file.name).name)
            upload.size = len(content)
            check = verification_check(document=row.document, uploaded_file=upload)
            if check.official is None or check.official.pk != row.pk:
                problems.append(f"{row}: trang xác minh không nhận bản chính thức")
    return problems, checked


def _check_uploads() -> tuple[list[str], int]:
    """Every FileField value of every model of ours points at a file that exists."""
    problems, checked = [], 0
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            for name in model._base_manager.exclude(**{field.attname: ""}).values_list(
                    field.attname, flat=True):
                checked += 1
                if not field.storage.exists(name):
                    problems.append(f"{model._meta.label}.{field.name}: thiếu tệp {name}")
    return problems, checked


def manifest(out: Path) -> int:
    doc_problems, doc_files = _check_documents()
    upload_problems, uploads = _check_uploads()
    tables = {model._meta.db_table: _table_digest(model)
              for model in sorted(apps.get_models(), key=lambda m: m._meta.db_table)
              if model._meta.app_label in OUR_APPS}
    result = {"totals": _totals(), "tables": tables,
              "document_files_verified": doc_files - len(doc_problems),
              "uploaded_files_present": uploads - len(upload_problems)}
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True))
    totals = result["totals"]
    reports = totals["unit_reports"]
    print(f"{len(tables)} bảng, {sum(t['rows'] for t in tables.values())} dòng; "
          f"{totals['issued_documents']} văn bản đã cấp số, {totals['draft_documents']} dự thảo, "
          f"{doc_files} tệp văn bản khớp SHA-256; {uploads} tệp do bản ghi trỏ tới; "
          f"{reports['n']} báo cáo đơn vị (tổng tự chấm {reports['self_total']}, sau thẩm "
          f"định {reports['final_total']}); {totals['pledge_signatures']} chữ ký giao ước; "
          f"{totals['ballots']} phiếu bầu; {totals['tally_results']} kết quả kiểm phiếu.")
    for problem in doc_problems + upload_problems:
        print("  LỖI:", problem)
    return 1 if doc_problems or upload_problems else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["issue"]:
        issue()
    elif sys.argv[1:2] == ["manifest"] and len(sys.argv) == 3:
        sys.exit(manifest(Path(sys.argv[2])))
    else:
        sys.exit(__doc__)

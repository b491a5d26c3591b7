"""The score table of a reporting period (bảng tổng hợp điểm) and the ranking, from
``results.selectors.results``: the snapshot, the official document (landscape when the
criteria groups make the table wide) and the Excel workbooks."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from campaigns.models import Criterion
from campaigns.selectors import criteria_tree
from reports.document import Cell, Document, Paragraph, Table
from reports.xlsx import Column, Sheet
from results.models import CriterionScore, ReportingPeriod
from results.selectors import (
    period_points,
    period_reviewed_by,
    progress_board,
    ranking,
    ranking_rule,
    unit_rules,
)

from .common import (
    Stamp,
    archive,
    chair_part,
    chair_signature,
    cluster_part,
    from_iso,
    iso,
    issuer,
    points,
    points_text,
)

PORTRAIT_COLUMNS = 7  # more columns than this turn the score table to landscape


def period_label(period_kind: str, year: int) -> str:
    """"6 tháng đầu năm 2022" or "năm 2022"."""
    if period_kind == ReportingPeriod.Kind.MID_YEAR:
        return f"6 tháng đầu năm {year}"
    return f"năm {year}"


def _input_text(score: dict, kind: str) -> str:
    if kind == Criterion.Kind.QUANTITATIVE:
        return points_text(score["actual"]) or ""
    if kind == Criterion.Kind.QUALITATIVE:
        return {True: "Đạt", False: "Không đạt"}.get(score["achieved"], "")
    return "" if score["count"] is None else str(score["count"])


def _target_text(leaf: Criterion, own) -> str:
    """The target that applied to a quantitative criterion: the unit's own, or the
    criterion's (issue #17)."""
    if leaf.kind != Criterion.Kind.QUANTITATIVE:
        return ""
    if own is not None:
        return f"{points_text(own)} (riêng của đơn vị)"
    return points_text(leaf.target) or ""


def _targets_note(period: ReportingPeriod) -> list[str]:
    """"1.2 — Sở Nội vụ tỉnh Nghệ An: 80 (chung: 95)" for each unit's own target."""
    from results.models import UnitTarget

    rows = sorted(UnitTarget.objects.filter(period=period).select_related("unit", "criterion"),
                  key=lambda t: (t.criterion.sort_key, t.unit.name))
    return [f"{t.criterion.code} — {t.unit.name}: {points_text(t.target)} (chỉ tiêu chung: "
            f"{points_text(t.criterion.target)})" for t in rows]


def _criteria_part(period: ReportingPeriod, rows: list) -> tuple[list, dict, list]:
    """The top-level groups, each ranked report's subtotal per group (final points: the
    chair's adjustment where there is one), and each leaf's entry: what the unit typed and
    the chair's review."""
    tree = criteria_tree(cluster=period.cluster, year=period.year)
    by_pk = {row.pk: row for row in tree.rows}
    top: dict[int, int] = {}
    for row in tree.rows:  # parents come before their children
        top[row.pk] = top.get(row.parent_id, row.pk) if row.parent_id in by_pk else row.pk
    groups = [row for row in tree.rows if row.depth == 0]
    leaves = [row for row in tree.rows if row.kind != Criterion.Kind.GROUP]
    rules = unit_rules(period=period)  # issue #17: targets, not applicable
    own = period_points(period=period, unit_rules=rules)
    entries: dict[int, dict[int, dict]] = {}
    for score in CriterionScore.objects.filter(report__period=period).values(
            "report_id", "criterion_id", "actual", "achieved", "count", "note",
            "adjusted_points", "review_comment", "explanation"):
        entries.setdefault(score["report_id"], {})[score["criterion_id"]] = score
    subtotals, detail = {}, []
    for row in rows:
        report_entries = entries.get(row.report.pk, {})
        self_points = own.get(row.report.pk, {})
        subtotal = dict.fromkeys((g.pk for g in groups), Decimal(0))
        unit_id = row.unit.pk
        for leaf in leaves:
            entry = report_entries.get(leaf.pk)
            excluded = rules.excluded.get(unit_id, {}).get(leaf.pk)
            mine = self_points.get(leaf.pk, Decimal(0))
            adjusted = entry["adjusted_points"] if entry and excluded is None else None
            subtotal[top[leaf.pk]] += mine if adjusted is None else adjusted
            if entry is not None:
                target = rules.target(unit_id, leaf.pk)
                detail.append({
                    "unit": row.unit.name, "code": leaf.code, "criterion": leaf.name,
                    "input": _input_text(entry, leaf.kind), "self": points_text(mine),
                    "adjusted": points_text(adjusted), "note": entry["note"],
                    "review": entry["review_comment"], "explanation": entry["explanation"],
                    # Issue #17: which target applied, and why a criterion did not apply.
                    "target": _target_text(leaf, target),
                    "not_applicable": excluded or "",
                })
        subtotals[row.report.pk] = [points_text(subtotal[g.pk]) for g in groups]
    group_part = [{"code": g.code, "name": g.name, "max": points_text(g.max_points)}
                  for g in groups]
    return group_part, subtotals, detail


def score_part(period: ReportingPeriod, *, rows: list | None = None,
               by_criterion: bool = True) -> dict:
    """Every submitted report's totals as ``ranking`` computes them (``rows``, when the
    caller has them already), the members without a submitted report, and with
    ``by_criterion`` the subtotal of each top-level criterion and each leaf's entry."""
    rows = ranking(period=period) if rows is None else rows
    groups, subtotals, detail = _criteria_part(period, rows) if by_criterion else ([], {}, [])
    ranked = []
    reviewed = period_reviewed_by(period=period)  # issue #17: who reviewed each report
    for row in rows:
        submitted = row.report.submitted_at
        ranked.append({
            "rank": row.rank, "unit": row.unit.name,
            "groups": subtotals.get(row.report.pk, []),
            "self_total": points_text(row.self_total),
            "final_total": points_text(row.final_total),
            "submitted_at": timezone.localtime(submitted).strftime("%d/%m/%Y %H:%M")
            if submitted else "",
            "late": row.report.is_late, "state": row.report.get_state_display(),
            "reviewed_by": reviewed[row.report.pk].text if row.report.pk in reviewed else "",
            "band": row.band,
            "percentage": points_text(row.percentage),
        })
    ranked_units = {row.unit.pk for row in rows}
    missing = [{"unit": line.unit.name, "status": str(line.label)}
               for line in progress_board(period=period) if line.unit.pk not in ranked_units]
    return {"groups": groups, "ranking": ranked, "missing": missing, "detail": detail,
            "rule": getattr(rows, "rule", "") or ranking_rule(period=period),
            "targets": _targets_note(period) if by_criterion else []}


def snapshot_scores(period: ReportingPeriod, *, day: datetime.date) -> dict:
    """The score table's data. A finalised period is dated the day it was finalised; an open
    one is printed undated."""
    finalised = (timezone.localdate(period.finalised_at)
                 if period.phase == ReportingPeriod.Phase.FINAL and period.finalised_at
                 else None)
    return {
        "cluster": cluster_part(period.cluster),
        "chair": chair_part(period.cluster, period.year, finalised or day),
        "year": period.year,
        "period": period.kind,
        "label": period_label(period.kind, period.year),
        "final": period.phase == ReportingPeriod.Phase.FINAL,
        "date": iso(finalised),
        "today_year": day.year,
        "scores": score_part(period),
    }


# --- the official document ----------------------------------------------------------------------


def score_table(scores: dict, *, full: bool, caption: str = "") -> Table:
    """Units by rank, then those without a submitted report. ``full`` adds a column per
    top-level criterion (and turns the page when the table gets wide)."""
    groups = scores["groups"] if full else []
    banded = _banded(scores)
    header = [Cell("TT"), Cell("Đơn vị")]
    header += [Cell(f"{g['code']}\n({g['max']})" if g["max"] else g["code"]) for g in groups]
    header += [Cell("Tự chấm"), Cell("Sau thẩm định"), Cell("Xếp hạng")]
    header += [Cell("Xếp loại")] if banded else []
    rows = []
    for index, row in enumerate(scores["ranking"], start=1):
        rows.append((
            Cell(index, align="center"), Cell(row["unit"]),
            *(Cell(points(value)) for value in row["groups"][:len(groups)]),
            Cell(points(row["self_total"])), Cell(points(row["final_total"]), bold=True),
            Cell(row["rank"], align="center"),
            *((Cell(row.get("band", ""), align="center"),) if banded else ()),
        ))
    offset = len(scores["ranking"])
    for index, row in enumerate(scores["missing"], start=offset + 1):
        rows.append((Cell(index, align="center"), Cell(row["unit"]),
                     Cell(f"Chưa có kết quả ({row['status'].lower()})", align="center",
                          colspan=len(header) - 2)))
    widths = (1, 6.5 - (1.6 if banded else 0), *([1.6] * len(groups)), 2, 2.2, 1.6,
              *((1.6,) if banded else ()))
    return Table(header_rows=(tuple(header),), rows=tuple(rows), column_widths=widths,
                 caption=caption, landscape=full and len(header) > PORTRAIT_COLUMNS)


def _banded(scores: dict) -> bool:
    """Whether the rows carry a band (issue #17; a document issued before has none)."""
    return any(row.get("band") for row in scores["ranking"])


def rule_notes(scores: dict) -> list[Paragraph]:
    """The year's ranking rule and bands, and each unit's own target (issue #17): notes
    under the score table. Empty for a document issued before."""
    notes = []
    if scores.get("rule"):
        notes.append(Paragraph("Cách xếp hạng: " + scores["rule"], italic=True))
    if scores.get("targets"):
        notes.append(Paragraph("Chỉ tiêu riêng của đơn vị (các đơn vị khác áp dụng chỉ tiêu "
                               "chung của tiêu chí): " + "; ".join(scores["targets"]) + ".",
                               italic=True))
    return notes


def legend(scores: dict) -> Paragraph | None:
    parts = [f"{g['code']}: {g['name']}" + (f" (tối đa {g['max']} điểm)" if g["max"] else "")
             for g in scores["groups"]]
    return Paragraph("Ghi chú: " + "; ".join(parts) + ".", italic=True) if parts else None


def reviewed_by_note(scores: dict) -> Paragraph | None:
    """Who reviewed each report (issue #17: nobody reviews their own unit's report). Older
    snapshots have no ``reviewed_by``: nothing is said."""
    parts = [f"{row['unit']}: {row['reviewed_by']}" for row in scores["ranking"]
             if row.get("reviewed_by")]
    return Paragraph("Đơn vị, người thẩm định: " + "; ".join(parts) + ".", italic=True) \
        if parts else None


def document_date(snapshot: dict, stamp: Stamp) -> datetime.date | None:
    return stamp.date or from_iso(snapshot.get("date"))


def build_scores(snapshot: dict, stamp: Stamp) -> Document:
    scores = snapshot["scores"]
    body = [score_table(scores, full=True)]
    note = legend(scores)
    if note:
        body.append(note)
    reviewers_note = reviewed_by_note(scores)
    if reviewers_note:
        body.append(reviewers_note)
    body.extend(rule_notes(scores))
    if not snapshot["final"]:
        body.append(Paragraph("Kết quả chưa chốt: điểm có thể thay đổi sau thẩm định, giải "
                              "trình.", italic=True))
    return Document(
        issuer=issuer(snapshot), kind="Bảng tổng hợp",
        subject=f"Kết quả chấm điểm thi đua {snapshot['label']}",
        symbol=f"BC-{snapshot['cluster']['series_code']}", numbered=False,
        place=snapshot["chair"]["place"], date=document_date(snapshot, stamp), body=body,
        signatures=(chair_signature(snapshot),),
        recipients=("Các đơn vị thành viên",), archive=archive(snapshot),
        verification_code=stamp.code, qr_payload=stamp.verify_url,
    )


# --- Excel ----------------------------------------------------------------------------------------


def _titles(snapshot: dict, heading: str, stamp: Stamp) -> tuple[str, ...]:
    return (snapshot["cluster"]["name"].upper(), heading,
            f"Mã xác thực: {stamp.code} ({stamp.verify_url})")


def sheets_scores(snapshot: dict, stamp: Stamp) -> list[Sheet]:
    scores = snapshot["scores"]
    groups = scores["groups"]
    banded = _banded(scores)
    columns = (
        Column("TT", 5), Column("Đơn vị", 36),
        *(Column(f"{g['code']}. {g['name']}", 14, "0.00") for g in groups),
        Column("Tự chấm", 11, "0.00"), Column("Sau thẩm định", 12, "0.00"),
        Column("Xếp hạng", 9), Column("Ghi chú", 24),
        *((Column("Xếp loại", 14),) if banded else ()),
    )
    rows = [
        (index, row["unit"], *(points(v) for v in row["groups"]), points(row["self_total"]),
         points(row["final_total"]), row["rank"], "Nộp muộn" if row["late"] else "",
         *((row.get("band", ""),) if banded else ()))
        for index, row in enumerate(scores["ranking"], start=1)
    ]
    offset = len(rows)
    rows += [(index, row["unit"], *([None] * (len(groups) + 3)), row["status"],
              *(("",) if banded else ()))
             for index, row in enumerate(scores["missing"], start=offset + 1)]
    summary = Sheet(
        name="Tổng hợp", columns=columns, rows=rows, freeze_columns=2,
        title_lines=_titles(snapshot, "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA "
                            + snapshot["label"].upper(), stamp),
    )
    detail = Sheet(
        name="Chi tiết",
        columns=(Column("Đơn vị", 30), Column("Mã", 8), Column("Tiêu chí", 40),
                 Column("Kết quả", 10), Column("Tự chấm", 10, "0.00"),
                 Column("Thẩm định", 10, "0.00"), Column("Thuyết minh của đơn vị", 36),
                 Column("Ý kiến thẩm định", 30), Column("Giải trình", 30),
                 Column("Chỉ tiêu áp dụng", 16), Column("Không áp dụng (lý do)", 30)),
        rows=[(d["unit"], d["code"], d["criterion"], d["input"], points(d["self"]),
               points(d["adjusted"]), d["note"], d["review"], d["explanation"],
               d.get("target", ""), d.get("not_applicable", ""))
              for d in scores["detail"]],
        freeze_columns=3,
    )
    return [summary, detail]


def sheets_ranking(snapshot: dict, stamp: Stamp) -> list[Sheet]:
    scores = snapshot["scores"]
    rows = [(row["rank"], row["unit"], points(row["self_total"]), points(row["final_total"]),
             row["state"], row["submitted_at"], "Có" if row["late"] else "",
             points(row.get("percentage")), row.get("band", ""))
            for row in scores["ranking"]]
    rows += [(None, row["unit"], None, None, row["status"], "", "", None, "")
             for row in scores["missing"]]
    return [Sheet(
        name="Xếp hạng",
        columns=(Column("Hạng", 7), Column("Đơn vị", 36), Column("Tự chấm", 11, "0.00"),
                 Column("Sau thẩm định", 13, "0.00"), Column("Trạng thái", 20),
                 Column("Thời điểm nộp", 17), Column("Nộp muộn", 10),
                 Column("Tỷ lệ (%)", 10, "0.00"), Column("Xếp loại", 14)),
        rows=rows, freeze_columns=2,
        title_lines=_titles(snapshot, "KẾT QUẢ XẾP HẠNG THI ĐUA " + snapshot["label"].upper(),
                            stamp),
    )]

"""Reads of the results app: ``results`` (periods, board, points, ranking) and
``practices`` (the good-practice library: search, filters). Views, the dashboard panels and
the apps above (commendations, reports) read through this package
(``from results import selectors``), never through the modules inside."""

from results.selectors.charts import (
    GroupTotals,
    HistoryPoint,
    ResultsHistory,
    group_totals,
    unit_results_history,
)
from results.selectors.practices import (
    FilterChoices,
    PracticeFilters,
    fold,
    practice_area_choices,
    practice_count,
    practice_filter_choices,
    practice_get,
    practice_latest,
    practice_list,
    practice_page,
    practice_search_ids,
)
from results.selectors.results import (
    DEADLINE_MILESTONES,
    REVIEWED_STATES,
    ProgressRow,
    RankRow,
    ReportDetail,
    ScoreLine,
    ScoreTable,
    checklist_conditions,
    period_deadline_dates,
    period_get,
    period_list,
    period_points,
    period_totals,
    progress_board,
    progress_summary,
    quantitative_leaders,
    ranking,
    ranking_rule,
    report_detail,
    report_for_unit,
    report_points,
    report_totals,
    score_lines,
    state_areas,
)
from results.selectors.reviewers import period_reviewed_by
from results.selectors.scoring import UnitRules, unit_rules

__all__ = [
    "DEADLINE_MILESTONES", "REVIEWED_STATES", "FilterChoices", "PracticeFilters", "ProgressRow",
    "RankRow", "ReportDetail", "ScoreLine", "ScoreTable", "checklist_conditions", "fold",
    "period_deadline_dates", "period_get", "period_list", "period_points", "period_totals",
    "practice_area_choices", "practice_count", "practice_filter_choices", "practice_get",
    "practice_latest", "practice_list", "practice_page", "practice_search_ids",
    "progress_board", "progress_summary", "quantitative_leaders", "ranking", "report_detail",
    "report_for_unit", "report_points", "report_totals", "score_lines", "state_areas",
    # charts (issue #17, point 6)
    "GroupTotals", "HistoryPoint", "ResultsHistory", "group_totals", "unit_results_history",
    "progress_board", "progress_summary", "quantitative_leaders", "ranking", "ranking_rule",
    "report_detail", "UnitRules", "unit_rules", "report_for_unit", "report_points",
    "report_totals", "score_lines", "state_areas",
]
__all__ += ["period_reviewed_by"]

"""The year's page (sessions, dossiers, the rules in force) and the rules of deliberation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cluster.selectors import cluster_member_units
from commendations import selectors, services
from commendations.forms import RuleForm, RulesCreateForm
from commendations.models import AwardRule
from commendations.views.base import ManageMixin, ServiceFormView, YearMixin, year_url


class OverviewView(YearMixin, TemplateView):
    template_name = "commendations/overview.html"
    section = "overview"

    def get_context_data(self, **kwargs):
        rules = selectors.rule_list(cluster=self.cluster, year=self.year)
        return super().get_context_data(
            sessions=selectors.session_list(cluster=self.cluster, year=self.year),
            dossiers=selectors.dossier_list(cluster=self.cluster, year=self.year),
            rule_count=len(rules),
            **kwargs,
        )


class RulesView(YearMixin, TemplateView):
    """Every award's rule of the year in words, each with its source."""

    template_name = "commendations/rules.html"
    section = "rules"

    def get_context_data(self, **kwargs):
        rules = selectors.rule_list(cluster=self.cluster, year=self.year)
        with_rule = {r.award_id for r in rules}
        return super().get_context_data(
            rules=rules,
            citation_warnings=selectors.rule_citation_warnings(cluster=self.cluster,
                                                               year=self.year, rules=rules),
            locked=services.rules_locked_reason(cluster=self.cluster, year=self.year),
            awards_without_rule=[a for a in selectors.award_list() if a.pk not in with_rule],
            **kwargs,
        )


class RulesManageMixin(ManageMixin):
    section = "rules"

    def warn_quota(self, rules) -> None:
        """A rule whose quota can round to 0 seats is saved with a warning that says so."""
        members = len(cluster_member_units(cluster=self.cluster, year=self.year))
        for rule in rules:
            warning = selectors.quota_warning(rule, members=members)
            if warning:
                messages.warning(self.request, warning)

    def back_url(self) -> str:
        return year_url(self.cluster, self.year, "rules")

    def state_refusal(self):
        return services.rules_locked_reason(cluster=self.cluster, year=self.year)


class RulesCreateView(RulesManageMixin, ServiceFormView):
    """Create the year's rules from the software's defaults or an earlier year's."""

    form_class = RulesCreateForm

    def get_title(self):
        return _("Lập quy tắc bình xét năm %(year)s") % {"year": self.year}

    def get_intro(self):
        return _("Quy tắc mặc định: từ 80% phiếu đồng ý trên tổng số thành viên với Cờ thi "
                 "đua, 90% với Chiến sĩ thi đua (Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP, được "
                 "thay thế bởi Nghị định 152/2025/NĐ-CP từ 01/7/2025 — chưa xác nhận các mức "
                 "này được giữ nguyên); chỉ tiêu Cờ thi đua của Chính phủ không quá 20% số tập "
                 "thể được suy tôn dẫn đầu. Thư ký cụm sửa được từng quy tắc trước khi mở bỏ "
                 "phiếu.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "years": selectors.rule_years(cluster=self.cluster, before=self.year)}

    def perform(self, form):
        source = form.cleaned_data["source"]
        rules = services.award_rules_create_for_year(
            cluster=self.cluster, year=self.year, acting_user=self.request.user,
            copy_from_year=None if source == "mac-dinh" else int(source))
        self.warn_quota(rules)
        return rules

    def get_success_message(self):
        return _("Đã lập %(count)s quy tắc bình xét năm %(year)s.") % {
            "count": len(self.result), "year": self.year}


class RuleCreateView(RulesManageMixin, ServiceFormView):
    """A rule for an award that has none this year (no default in the catalogue)."""

    form_class = RuleForm

    def get_title(self):
        return _("Thêm quy tắc bình xét năm %(year)s") % {"year": self.year}

    def awards(self):
        have = set(AwardRule.objects.filter(cluster=self.cluster, year=self.year)
                   .values_list("award_id", flat=True))
        return [a for a in selectors.award_list() if a.pk not in have]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "awards": self.awards()}

    def perform(self, form):
        fields = dict(form.cleaned_data)
        award = fields.pop("award")
        rule = services.award_rule_save(cluster=self.cluster, year=self.year, award=award,
                                        acting_user=self.request.user, **fields)
        self.warn_quota([rule])
        return rule

    def get_success_message(self):
        return _("Đã lưu quy tắc bình xét của “%(award)s”.") % {"award": self.result.award}


class RuleUpdateView(RulesManageMixin, ServiceFormView):
    form_class = RuleForm

    def load_objects(self):
        self.rule = selectors.rule_get(cluster=self.cluster, year=self.year, pk=self.kwargs["pk"])
        if self.rule is None:
            raise Http404("Không tìm thấy trang.")

    def get_title(self):
        return _("Sửa quy tắc bình xét: %(award)s (%(year)s)") % {
            "award": self.rule.award, "year": self.year}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.rule}

    def perform(self, form):
        rule = services.award_rule_save(cluster=self.cluster, year=self.year,
                                        award=self.rule.award, rule=self.rule,
                                        acting_user=self.request.user, **form.cleaned_data)
        self.warn_quota([rule])
        return rule

    def get_success_message(self):
        return _("Đã lưu quy tắc bình xét của “%(award)s”.") % {"award": self.rule.award}

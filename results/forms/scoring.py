"""Forms of issue #17's scoring rules: the grid of units' own targets (one form, a field per
cell named as the service's error keys ``target_<unit>_<criterion>``), a criterion not
applicable to a unit, and the year's ranking rule with its bands (``band_<i>``/``bound_<i>``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.text import NOTE_MAX
from results.models import Basis


class TargetGridForm(forms.Form):
    """A target and its note per unit × quantitative criterion; blank = the criterion's."""

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        for row in grid.rows:
            for cell in row.cells:
                key = f"{row.unit.pk}_{cell['criterion'].pk}"
                self.fields[f"target_{key}"] = forms.CharField(
                    label=_("Chỉ tiêu"), required=False, max_length=20,
                    initial="" if cell["target"] is None else str(cell["target"]).replace(
                        ".", ","))
                self.fields[f"note_{key}"] = forms.CharField(
                    label=_("Căn cứ"), required=False, max_length=NOTE_MAX,
                    initial=cell["note"])

    def values(self) -> dict[tuple[int, int], tuple[str, str]]:
        return {(row.unit.pk, cell["criterion"].pk): (
            self.cleaned_data.get(f"target_{row.unit.pk}_{cell['criterion'].pk}", ""),
            self.cleaned_data.get(f"note_{row.unit.pk}_{cell['criterion'].pk}", ""))
            for row in self.grid.rows for cell in row.cells}

    def table(self):
        """Rows of (unit, [(criterion, target field, note field)])."""
        rows = []
        for row in self.grid.rows:
            cells = []
            for cell in row.cells:
                key = f"{row.unit.pk}_{cell['criterion'].pk}"
                cells.append((cell["criterion"], self[f"target_{key}"], self[f"note_{key}"]))
            rows.append((row.unit, cells))
        return rows


class NotApplicableForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    criterion = forms.TypedChoiceField(label=_("Tiêu chí hoặc nhóm tiêu chí"), coerce=int)
    reason = UserTextFormField(label=_("Lý do (đơn vị sẽ thấy trong báo cáo của mình)"),
                               max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("— chọn đơn vị —"))] + [
            (u.pk, u.short_name) for u in units]
        self.fields["criterion"].choices = [("", _("— chọn tiêu chí —"))] + [
            (c.pk, f"{c.code}. {c.name}") for c in criteria]


BAND_ROWS = 6


class YearRulesForm(forms.Form):
    ranking_basis = forms.ChoiceField(label=_("Xếp hạng theo"), choices=Basis.choices,
                                      widget=forms.RadioSelect)
    band_basis = forms.ChoiceField(label=_("Điểm sàn của các mức xếp loại tính theo"),
                                   choices=Basis.choices, widget=forms.RadioSelect)

    def __init__(self, *args, rows: int = BAND_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for index in range(rows):
            self.fields[f"band_{index}"] = forms.CharField(
                label=_("Tên mức xếp loại"), required=False, max_length=60)
            self.fields[f"bound_{index}"] = forms.CharField(
                label=_("Từ (bao gồm)"), required=False, max_length=12)

    def bands(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data.get(f"band_{i}", ""), self.cleaned_data.get(f"bound_{i}", ""))
                for i in range(self.rows)]

    def band_rows(self):
        return [(self[f"band_{i}"], self[f"bound_{i}"]) for i in range(self.rows)]

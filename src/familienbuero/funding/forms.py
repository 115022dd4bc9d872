"""Forms of the funding pages. Amounts are typed as text and parsed by ``money.parse_amount`` so that
German notation works and anything odd is refused with a clear message (never via float)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.funding.models import BudgetLine, FundingSource, Project
from familienbuero.funding.money import parse_amount

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AmountField(forms.CharField):
    """An amount in euros, e.g. ``1.234,56``; cleaned to a Decimal in cents."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", _("In euros, e.g. 1.234,56"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return parse_amount(value)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    office = forms.ModelChoiceField(label=_("Office"), queryset=None, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError(_("The end lies before the start."))
        return data


class LineForm(forms.Form):
    name = forms.CharField(label=_("Budget line"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=BudgetLine.Kind.choices)
    planned_amount = AmountField(label=_("Planned amount (per year for a yearly line)"))
    years = forms.IntegerField(
        label=_("Years"), min_value=1, max_value=50, initial=1, help_text=_("1 for a one-off line.")
    )


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    funder = forms.CharField(label=_("Funder"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=FundingSource.Kind.choices)
    rate = AmountField(
        label=_("Rate (%)"), required=False, help_text=_("For a grant paying a share, e.g. 60.")
    )
    fixed_amount = AmountField(label=_("Fixed amount"), required=False)
    eligible_lines = ModelMultipleChoiceField(
        label=_("Eligible lines"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    required_own_contribution = AmountField(label=_("Required own contribution"), required=False)
    starts_on = forms.DateField(label=_("Funding period from"), widget=DATE)
    ends_on = forms.DateField(label=_("Funding period until"), widget=DATE)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eligible_lines"].queryset = BudgetLine.objects.filter(project=project)

    def clean_rate(self) -> Decimal | None:
        rate = self.cleaned_data.get("rate")
        if rate is not None and not Decimal("0") < rate <= Decimal("100"):
            raise ValidationError(_("The rate lies between 0 and 100 percent."))
        return rate

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError(_("The end lies before the start."))
        return data


class DeadlineForm(forms.Form):
    label = forms.CharField(label=_("What is due"), max_length=200, initial=_("Use-of-funds statement"))
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class ExpenseForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None)
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    amount = AmountField(label=_("Amount"))
    voucher_reference = forms.CharField(label=_("Voucher reference"), max_length=80)
    source = forms.ModelChoiceField(
        label=_("Paid from"),
        queryset=None,
        required=False,
        empty_label=_("not assigned"),
        help_text=_("Optional: the funding source the expense is charged to."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = BudgetLine.objects.filter(project=project)
        self.fields["source"].queryset = FundingSource.objects.filter(project=project)

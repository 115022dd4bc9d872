"""Staff: create or edit a holiday programme and its priority groups (drawn in their order).

The groups are a small formset (one row per group plus three empty rows): a row's number sets the
order, an emptied name removes the group. The rules that need the database (courses of the office,
groups that already have wish lists, a programme already drawn) live in ``services_programme``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.events.models import Event

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseChoiceField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Event) -> str:
        start = obj.starts_at.astimezone().strftime("%d.%m.%Y") if obj.starts_at else "–"
        return f"{obj} ({start}, {obj.office.name})"


class ProgrammeForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=None)
    name = forms.CharField(label=_("Name of the programme"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    wish_opens = forms.DateTimeField(label=_("Wishes from"), widget=DATETIME_WIDGET)
    wish_closes = forms.DateTimeField(
        label=_("Wishes until"),
        widget=DATETIME_WIDGET,
        help_text=_("The draw can be started once the wish phase is over."),
    )
    draw_planned_on = forms.DateField(
        label=_("Draw planned on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Shown to families: when they learn the result."),
    )
    max_wishes = forms.IntegerField(label=_("Wishes per child"), min_value=1, max_value=10, initial=3)
    max_courses_per_child = forms.IntegerField(
        label=_("Courses per child at most"), min_value=1, max_value=10, initial=1
    )
    courses = CourseChoiceField(
        label=_("Courses of the programme"),
        queryset=None,
        required=False,
        help_text=_("Events of the chosen office that are not part of another programme."),
    )

    def __init__(self, *args: object, offices: object, courses: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["courses"].queryset = courses


class PriorityClassForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=1, max_value=50, required=False)
    label = forms.CharField(label=_("Group"), max_length=200, required=False)


PriorityClassFormSet = forms.formset_factory(PriorityClassForm, extra=3, max_num=20, absolute_max=30)

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from familienbuero.participation.images import MAX_UPLOAD_BYTES
from familienbuero.participation.models import IDEA_MAX_LENGTH, Option, Round

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VoteForm(forms.Form):
    options = forms.ModelMultipleChoiceField(
        label=_("Your dots"), queryset=Option.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    code = forms.CharField(label=_("Your code from the card"), max_length=20, required=False)

    def __init__(self, *args: Any, round_: Round, with_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options"].queryset = Option.objects.filter(round=round_)
        self.fields["options"].error_messages["required"] = _("Choose at least one thing.")
        self.fields["options"].error_messages["invalid_choice"] = _("Please choose from the list.")
        if with_code:
            self.fields["code"].required = True
            self.fields["code"].error_messages["required"] = _("Please type the code from your card.")
            self.fields["code"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})
        else:
            del self.fields["code"]


class IdeaForm(forms.Form):
    text = forms.CharField(
        label=_("Your idea"),
        max_length=IDEA_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write no name. Write no phone number."),
        error_messages={"required": _("Please write your idea.")},
    )


class RoundForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=200)
    easy_text = forms.CharField(
        label=_("Explanation in easy language"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Short sentences. One idea per sentence. It is read aloud well."),
    )
    age_min = forms.IntegerField(label=_("From age"), min_value=0, max_value=27, initial=6)
    age_max = forms.IntegerField(label=_("To age"), min_value=0, max_value=27, initial=14)
    opens_on = forms.DateField(label=_("Voting opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Voting closes on"), widget=DATE)
    allow_ideas = forms.BooleanField(
        label=_("Children may write their own ideas"), required=False, initial=True
    )
    requires_code = forms.BooleanField(
        label=_("Voting only with a paper code"),
        required=False,
        help_text=_("Codes are printed and handed out, e.g. at school: one code, one ballot."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            raise ValidationError(_("The end lies before the start."))
        if (
            data.get("age_min") is not None
            and data.get("age_max") is not None
            and data["age_max"] < data["age_min"]
        ):
            raise ValidationError(_("The upper age lies below the lower age."))
        return data


class OptionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    description = forms.CharField(label=_("Short description"), max_length=200, required=False)
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB. It is made smaller and its metadata removed."),
    )
    image_alt = forms.CharField(label=_("What the picture shows"), max_length=150, required=False)

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image is not None and image.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The picture is too large (at most 5 MB)."))
        return image


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", _("Show")),
            ("vote", _("Show and put to the vote")),
            ("reject", _("Do not show")),
        ]
    )
    text = forms.CharField(label=_("Text (you may remove names)"), max_length=IDEA_MAX_LENGTH, required=False)


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=500, initial=30)


class ResultForm(forms.Form):
    result_text = forms.CharField(
        label=_("What will be done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Short sentences children understand."),
    )

    def __init__(self, *args: Any, options: list, ideas: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for option in options:
            self.fields[f"option_{option.pk}"] = forms.CharField(
                label=_("What became of “%(title)s”") % {"title": option.title},
                max_length=300,
                required=False,
                initial=option.outcome,
            )
        for idea in ideas:
            self.fields[f"idea_{idea.pk}"] = forms.CharField(
                label=_("What became of the idea “%(text)s”") % {"text": idea.text[:60]},
                max_length=300,
                required=False,
                initial=idea.outcome,
            )

    def outcomes(self, prefix: str) -> dict[int, str]:
        return {
            int(name.removeprefix(prefix)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }

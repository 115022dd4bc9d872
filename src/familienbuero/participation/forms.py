from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.participation.images import MAX_UPLOAD_BYTES
from familienbuero.participation.models import IDEA_MAX_LENGTH, TEXT_LANGUAGES, Option, Round

#: The languages besides German that staff may enter texts in (optional; German is shown where empty).
OTHER_LANGUAGES = tuple(code for code in TEXT_LANGUAGES if code != "de")
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _in_language(label: Any, language: str) -> Any:
    return format_lazy("{} ({})", label, LANGUAGE_NAMES[language])


def _language_field(base: forms.Field, label: Any, language: str, initial: str = "") -> forms.Field:
    field = copy.deepcopy(base)
    field.required = False
    field.label = _in_language(label, language)
    field.help_text = ""
    field.initial = initial
    field.widget.attrs.update(
        {"lang": language, "dir": "rtl" if language in settings.LANGUAGES_BIDI else "ltr"}
    )
    return field


class TranslatedTextsMixin:
    """For each German text field named in ``translated``, an optional field per other language
    (``question_en``, ``question_ar`` …) with the language marked on the input (``lang``, ``dir``)."""

    translated: tuple[str, ...] = ()
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_language_fields(self, texts: dict[str, dict[str, str]] | None = None) -> None:
        texts = texts or {}
        labels = {name: self.fields[name].label for name in self.translated}
        for name in self.translated:
            self.fields[name].label = _in_language(labels[name], "de")
        for language in OTHER_LANGUAGES:
            for name in self.translated:
                initial = texts.get(language, {}).get(name, "")
                self.fields[f"{name}_{language}"] = _language_field(
                    self.fields[name], labels[name], language, initial
                )

    def translations(self) -> dict[str, dict[str, str]]:
        return {
            language: {name: self.cleaned_data.get(f"{name}_{language}") or "" for name in self.translated}
            for language in OTHER_LANGUAGES
        }

    def german(self) -> dict[str, Any]:
        """The cleaned data without the other languages' fields."""
        suffixes = tuple(f"_{language}" for language in OTHER_LANGUAGES)
        return {name: value for name, value in self.cleaned_data.items() if not name.endswith(suffixes)}


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VoteForm(forms.Form):
    options = ModelMultipleChoiceField(
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


class RoundForm(TranslatedTextsMixin, forms.Form):
    """Staff: a round. German texts are required; English, Turkish, Arabic, Ukrainian are optional."""

    translated = ("question", "easy_text")
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

    def __init__(self, *args: Any, texts: dict[str, dict[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_language_fields(texts)

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


class OptionForm(TranslatedTextsMixin, forms.Form):
    """Staff: an option. German texts are required (the picture's text when there is a picture)."""

    translated = ("title", "description", "image_alt")

    title = forms.CharField(label=_("Title"), max_length=80)
    description = forms.CharField(label=_("Short description"), max_length=200, required=False)
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB. It is made smaller and its metadata removed."),
    )
    image_alt = forms.CharField(label=_("What the picture shows"), max_length=150, required=False)

    def __init__(self, *args: Any, texts: dict[str, dict[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_language_fields(texts)

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
    """What will be done (German required, other languages optional) and what became of each option
    (per language) and of each shown idea (once: the ideas stay as the children wrote them)."""

    result_text = forms.CharField(
        label=_("What will be done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Short sentences children understand."),
    )

    def __init__(
        self,
        *args: Any,
        options: list[Option],
        ideas: list,
        texts: dict[str, dict[str, str]] | None = None,
        option_texts: dict[int, dict[str, dict[str, str]]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        texts = texts or {}
        option_texts = option_texts or {}
        label = self.fields["result_text"].label
        self.fields["result_text"].label = _in_language(label, "de")
        self.fields["result_text"].initial = texts.get("de", {}).get("result_text", "")
        for language in OTHER_LANGUAGES:
            self.fields[f"result_text_{language}"] = _language_field(
                self.fields["result_text"], label, language, texts.get(language, {}).get("result_text", "")
            )
        for option in options:
            stored = option_texts.get(option.pk, {})
            base = forms.CharField(
                label=_("What became of “%(title)s”") % {"title": option.text_in("title", "de")},
                max_length=300,
                required=False,
                initial=stored.get("de", {}).get("outcome", ""),
            )
            self.fields[f"option_{option.pk}"] = base
            for language in OTHER_LANGUAGES:
                self.fields[f"option_{option.pk}_{language}"] = _language_field(
                    base, base.label, language, stored.get(language, {}).get("outcome", "")
                )
            base.label = _in_language(base.label, "de")
        for idea in ideas:
            self.fields[f"idea_{idea.pk}"] = forms.CharField(
                label=_("What became of the idea “%(text)s”") % {"text": idea.text[:60]},
                max_length=300,
                required=False,
                initial=idea.outcome,
            )

    def result_translations(self) -> dict[str, str]:
        return {
            language: self.cleaned_data.get(f"result_text_{language}") or "" for language in OTHER_LANGUAGES
        }

    def outcomes(self, prefix: str) -> dict[int, str]:
        """German outcome per option (``option_``) or the outcome per idea (``idea_``)."""
        return {
            int(name.removeprefix(prefix)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and name.removeprefix(prefix).isdigit()
        }

    def outcome_translations(self) -> dict[int, dict[str, str]]:
        result: dict[int, dict[str, str]] = {}
        for name, value in self.cleaned_data.items():
            parts = name.split("_")
            if (
                len(parts) == 3
                and parts[0] == "option"
                and parts[1].isdigit()
                and parts[2] in OTHER_LANGUAGES
            ):
                result.setdefault(int(parts[1]), {})[parts[2]] = value or ""
        return result

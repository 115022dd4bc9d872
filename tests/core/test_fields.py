"""A multiple choice of objects refuses numbers no key can have with a form error (SQLite could not even
bind them: a hostile post must never become a server error)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from familienbuero.core.fields import ModelMultipleChoiceField
from familienbuero.directory.models import TaxonomyTerm


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999", "9223372036854775808"])
def test_numbers_beyond_any_key_are_an_invalid_choice(value):
    field = ModelMultipleChoiceField(queryset=TaxonomyTerm.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([value])
    assert refused.value.code == "invalid_choice"


@pytest.mark.django_db
def test_real_keys_are_still_chosen():
    term = TaxonomyTerm.objects.order_by("pk").first()
    field = ModelMultipleChoiceField(queryset=TaxonomyTerm.objects.all())
    assert list(field.clean([str(term.pk)])) == [term]
    with pytest.raises(ValidationError):
        field.clean(["9223372036854775807"])  # in range, but no such object


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "⁵", "①", "٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣"])
def test_other_digits_are_an_invalid_choice_not_a_crash(value):
    """Superscripts and circled numbers are digits that no number parser reads; Arabic-Indic digits are
    read (and this many are beyond any key)."""
    field = ModelMultipleChoiceField(queryset=TaxonomyTerm.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([value])
    assert refused.value.code in ("invalid_choice", "invalid_pk_value")

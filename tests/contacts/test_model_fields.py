"""The contact record is anonymous by construction: this test fails as soon as someone adds a field that
could hold free text or personal data (a name, an address, a birth date, an email address …)."""

from __future__ import annotations

from django.db import models

from familienbuero.contacts.models import ContactRecord

#: Every field the record may have, with its kind. Adding a field means adding it here – and this list is
#: the place where a reviewer asks "can this identify a person?".
ALLOWED = {
    "id": models.BigAutoField,
    "municipality": models.ForeignKey,
    "office": models.ForeignKey,
    "contact_at": models.DateTimeField,
    "place": models.CharField,
    "location": models.ForeignKey,
    "room": models.ForeignKey,
    "channel": models.CharField,
    "duration": models.CharField,
    "target_group": models.CharField,
    "age_band": models.CharField,
    "persons": models.PositiveSmallIntegerField,
    "district": models.ForeignKey,
    "topics": models.ManyToManyField,
    "language": models.CharField,
    "interpreter": models.CharField,
    "referral_made": models.BooleanField,
    "referred_service": models.ForeignKey,
    "referral": models.ForeignKey,
    "follow_up_needed": models.BooleanField,
    "source": models.CharField,
    "created_by": models.ForeignKey,
    "created_at": models.DateTimeField,
    "updated_at": models.DateTimeField,
}
#: Targets of the foreign keys: rows without personal data of families (``created_by`` is staff, for the
#: seven-day correction rule; ``referral`` is ``SET_NULL`` and nothing of it is copied).
ALLOWED_TARGETS = {
    "tenancy.municipality",
    "tenancy.office",
    "tenancy.location",
    "tenancy.room",
    "tenancy.district",
    "directory.taxonomyterm",
    "directory.service",
    "referrals.referral",
    "accounts.user",
}
FREE_TEXT = (
    models.TextField,
    models.EmailField,
    models.URLField,
    models.SlugField,
    models.JSONField,
    models.BinaryField,
    models.GenericIPAddressField,
    models.FileField,
    models.UUIDField,
)
PERSONAL_WORDS = (
    "name",
    "address",
    "street",
    "birth",
    "email",
    "phone",
    "postcode",
    "zip",
    "note",
    "comment",
)


def own_fields():
    return [f for f in ContactRecord._meta.get_fields() if not f.auto_created or f.primary_key]


def test_the_record_has_exactly_the_allowed_fields():
    assert {f.name: type(f) for f in own_fields()} == ALLOWED


def test_no_free_text_field():
    for field in own_fields():
        assert not isinstance(field, FREE_TEXT), f"{field.name}: free text or identifier"
        if isinstance(field, models.CharField):
            assert field.choices, f"{field.name}: a CharField without choices can hold any text"
            assert all(len(value) <= field.max_length for value, _label in field.flatchoices)


def test_no_date_field_that_could_hold_a_birth_date():
    for field in own_fields():
        if isinstance(field, models.DateField):  # DateTimeField is a DateField too
            assert field.name in {"contact_at", "created_at", "updated_at"}, field.name


def test_no_field_named_like_personal_data():
    for field in own_fields():
        assert not any(word in field.name for word in PERSONAL_WORDS), field.name


def test_relations_point_only_to_rows_without_family_data():
    for field in own_fields():
        if field.is_relation:
            assert field.related_model._meta.label_lower in ALLOWED_TARGETS, field.name
    referral = ContactRecord._meta.get_field("referral")
    assert referral.remote_field.on_delete is models.SET_NULL


def test_the_check_sees_a_new_free_text_field():
    """The checks above really fail for the fields they are meant to catch."""
    bad = [models.CharField(name="anliegen", max_length=200), models.TextField(name="notes")]
    for field in bad:
        caught = isinstance(field, FREE_TEXT) or (isinstance(field, models.CharField) and not field.choices)
        assert caught
    assert any(word in "person_name" for word in PERSONAL_WORDS)

"""The retention period of registrations is the municipality's period of the processing register
(privacy app, ``RetentionOverride`` with key "events"), no longer a field of each event.

Forwards: a municipality whose events (not yet erased) mostly had another period than the default 30
days gets that period as its own (within the register's limits 1–365); then the field goes.
Backwards: the field comes back and every event gets its municipality's period; the overrides go.
"""

from collections import Counter

from django.db import migrations

DEFAULT = 30
KEY = "events"


def to_register(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    RetentionOverride = apps.get_model("privacy", "RetentionOverride")
    per_municipality: dict[int, Counter] = {}
    rows = Event.objects.filter(personal_data_erased_at__isnull=True).values_list(
        "municipality_id", "retention_days"
    )
    for municipality_id, days in rows:
        per_municipality.setdefault(municipality_id, Counter())[days] += 1
    for municipality_id, counts in per_municipality.items():
        # the most frequent period; on a tie the shorter one
        days = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
        days = min(max(days, 1), 365)
        if (
            days != DEFAULT
            and not RetentionOverride.objects.filter(municipality_id=municipality_id, key=KEY).exists()
        ):
            RetentionOverride.objects.create(municipality_id=municipality_id, key=KEY, retention_days=days)


def to_events(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    RetentionOverride = apps.get_model("privacy", "RetentionOverride")
    for override in RetentionOverride.objects.filter(key=KEY):
        Event.objects.filter(municipality_id=override.municipality_id).update(
            retention_days=min(max(override.retention_days, 1), 365)
        )
    RetentionOverride.objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("privacy", "0002_referral_consents_into_registry"),
    ]

    operations = [
        migrations.RunPython(to_register, to_events),
        migrations.RemoveField(model_name="event", name="retention_days"),
    ]

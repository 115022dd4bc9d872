"""No double booking, enforced by PostgreSQL: two active bookings of the same room, or of the same
counsellor, cannot have overlapping time ranges. SQLite has no exclusion constraints; there the booking
service writes under ``BEGIN IMMEDIATE`` (see ``appointments/services.py``)."""

from django.db import migrations

CONSTRAINTS = {
    "booking_room_no_overlap": "room_id WITH =",
    "booking_counsellor_no_overlap": "counsellor_id WITH =",
}


def _create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # btree_gist is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, column in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE appointments_booking ADD CONSTRAINT {name} "  # noqa: S608 - constants only
            f"EXCLUDE USING gist ({column}, tstzrange(starts_at, ends_at, '[)') WITH &&) "
            "WHERE (status <> 'cancelled')"
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE appointments_booking DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_consultation_hours_bookings_walk_ins")]

    operations = [migrations.RunPython(_create, _drop, elidable=False)]

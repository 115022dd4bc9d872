"""Search index: every term's endings are now indexed as parts (``search/text.py`` ``parts``), so that a
word is found inside compounds by one index lookup – SQLite: marked tokens in the FTS5 columns;
PostgreSQL: a table of its own (in the documents they would more than double what every search reads).
Rebuilds the (derived) index of an existing installation with the models as they are at this migration;
an empty database has nothing to rebuild. The old code ignores the parts: going back drops only the
PostgreSQL table. (On PostgreSQL the parts moved into the document table with ``0008``, which rebuilds
there; this migration's rebuild runs on SQLite only, as today's code writes PostgreSQL's new columns.)
"""

from django.db import migrations

BATCH = 500

POSTGRES = [
    "CREATE TABLE IF NOT EXISTS directory_search_part "
    "(service_id bigint PRIMARY KEY, title_parts tsvector NOT NULL, parts tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS directory_search_part_title ON directory_search_part USING gin (title_parts)",
    "CREATE INDEX IF NOT EXISTS directory_search_part_all ON directory_search_part USING gin (parts)",
]


def create_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def drop_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS directory_search_part")


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        rebuild_index(apps, schema_editor, generation="parts")


def rebuild_index(apps, schema_editor, *, generation: str) -> None:
    """Rebuilds the whole index with today's code and marks every municipality's facet table as stale
    (shared with ``0008``)."""
    from familienbuero.directory.search.backends import PostgresBackend, SQLiteBackend
    from familienbuero.directory.search.documents import build_document

    Service = apps.get_model("directory", "Service")
    Municipality = apps.get_model("tenancy", "Municipality")
    if not Service.objects.exists():
        return
    connection = schema_editor.connection
    engine = PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
    public = Service.objects.filter(is_published=True).exclude(status="defunct").order_by("pk")
    ids = list(public.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        engine.clear(cursor)
        for start in range(0, len(ids), BATCH):
            batch = (
                Service.objects.filter(pk__in=ids[start : start + BATCH])
                .select_related("organization")
                .prefetch_related("translations", "terms__translations")
            )
            engine.write(cursor, [build_document(service) for service in batch])
        engine.optimize(cursor)
        for municipality_id in Municipality.objects.values_list("pk", flat=True):
            cursor.execute(
                "INSERT INTO directory_search_state (municipality_id, generation) VALUES (%s, %s) "
                "ON CONFLICT (municipality_id) DO UPDATE SET generation = excluded.generation",
                [municipality_id, generation],
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_search_state"), ("tenancy", "0004_district_centre")]

    operations = [
        migrations.RunPython(create_tables, drop_tables, elidable=False),
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False),
    ]

"""Search index on PostgreSQL: the parts of compounds move from their own table into the document
table (``parts``, GIN-indexed), and a small ``title`` column holds the name's lexemes with their marked
parts. A word or a part is then one bitmap index scan each, which the planner combines without reading
any document; whether a match is in the name, and its rank there, is decided on ``title`` alone.
``parts`` is only ever read through its index: it is the first to leave the row (``EXTERNAL``) when a
row grows too large, ``title`` the last (``MAIN``).

The (derived) index is rebuilt by ``0009``, whose table today's code writes too (this migration rebuilt
it until then); SQLite keeps its index as it is. Going back restores the part table from the new
columns.
"""

import importlib

from django.db import migrations

FORWARD = [
    "ALTER TABLE directory_search_document "
    "ADD COLUMN IF NOT EXISTS parts tsvector NOT NULL DEFAULT ''::tsvector, "
    "ADD COLUMN IF NOT EXISTS title tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE directory_search_document "
    "ALTER COLUMN parts SET STORAGE EXTERNAL, ALTER COLUMN title SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS directory_search_document_parts ON directory_search_document USING gin (parts)",
    "DROP TABLE IF EXISTS directory_search_part",
]

BACKWARD = [
    *importlib.import_module("familienbuero.directory.migrations.0007_search_index_parts").POSTGRES,
    # The title's parts carry the mark (U+01C2) that the part table's entries do not.
    "INSERT INTO directory_search_part (service_id, title_parts, parts) "
    "SELECT service_id, array_to_tsvector(ARRAY(SELECT substr(l, 2) FROM unnest(tsvector_to_array(title)) l "
    "WHERE left(l, 1) = U&'\\01C2')), parts FROM directory_search_document ON CONFLICT DO NOTHING",
    "DROP INDEX IF EXISTS directory_search_document_parts",
    "ALTER TABLE directory_search_document DROP COLUMN IF EXISTS parts, DROP COLUMN IF EXISTS title",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_search_index_parts")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

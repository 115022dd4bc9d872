"""Search index on PostgreSQL: the match table ``directory_search_match`` – the document table's columns
again, but with document and parts out of line (TOAST) and the name in the row, GIN-indexed on all
three. Finding the matches of a broad word reads one row per match; here a row is about 400 bytes
instead of 1,400 (see ``directory/search/backends.py``). ``title`` stays in the row (``MAIN``; only a
name far longer than any real one would leave it).

Rebuilds the (derived) index with today's code, which writes both tables (``0008``'s rebuild runs no
more for that reason). SQLite has no such table; nothing to do there. Going back drops the table.
"""

import importlib

from django.db import migrations

FORWARD = [
    # toast_tuple_target 128 (the least): document and parts always leave the row.
    "CREATE TABLE IF NOT EXISTS directory_search_match (service_id bigint PRIMARY KEY, "
    "document tsvector NOT NULL, parts tsvector NOT NULL, title tsvector NOT NULL) "
    "WITH (toast_tuple_target = 128)",
    "ALTER TABLE directory_search_match ALTER COLUMN document SET STORAGE EXTERNAL, "
    "ALTER COLUMN parts SET STORAGE EXTERNAL, ALTER COLUMN title SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS directory_search_match_document ON directory_search_match "
    "USING gin (document)",
    "CREATE INDEX IF NOT EXISTS directory_search_match_parts ON directory_search_match USING gin (parts)",
    "CREATE INDEX IF NOT EXISTS directory_search_match_title ON directory_search_match USING gin (title)",
]
BACKWARD = ["DROP TABLE IF EXISTS directory_search_match"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)
    previous = importlib.import_module("familienbuero.directory.migrations.0007_search_index_parts")
    previous.rebuild_index(apps, schema_editor, generation="match-table")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_search_title_and_parts")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

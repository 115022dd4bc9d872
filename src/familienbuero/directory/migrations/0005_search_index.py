"""Search infrastructure (no model changes): the full-text index of services and its vocabulary.

SQLite: FTS5 table of stems + FTS5 trigram table over the vocabulary (typos, word parts).
PostgreSQL: tsvector table with a GIN index + vocabulary with pg_trgm (GIN) and prefix indexes.
The tables hold only derived data: ``manage.py rebuild_search_index`` fills them.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE directory_search_fts USING fts5("
    "title, body, extra, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TABLE directory_search_vocab (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE directory_search_vocab_trigram USING fts5("
    "term, content = 'directory_search_vocab', content_rowid = 'id', tokenize = 'trigram')",
    "CREATE TRIGGER directory_search_vocab_ai AFTER INSERT ON directory_search_vocab BEGIN "
    "INSERT INTO directory_search_vocab_trigram (rowid, term) VALUES (new.id, new.term); END",
    "CREATE TRIGGER directory_search_vocab_ad AFTER DELETE ON directory_search_vocab BEGIN "
    "INSERT INTO directory_search_vocab_trigram (directory_search_vocab_trigram, rowid, term) "
    "VALUES ('delete', old.id, old.term); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS directory_search_vocab_ad",
    "DROP TRIGGER IF EXISTS directory_search_vocab_ai",
    "DROP TABLE IF EXISTS directory_search_vocab_trigram",
    "DROP TABLE IF EXISTS directory_search_vocab",
    "DROP TABLE IF EXISTS directory_search_fts",
]
POSTGRES = [
    # pg_trgm is a trusted extension: the database owner may create it without superuser rights.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE IF NOT EXISTS directory_search_document (service_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS directory_search_document_gin ON directory_search_document USING gin (document)",
    "CREATE TABLE IF NOT EXISTS directory_search_vocab (term text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS directory_search_vocab_trgm ON directory_search_vocab USING gin (term gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_search_vocab_prefix ON directory_search_vocab (term text_pattern_ops)",
]
POSTGRES_REVERSE = [
    "DROP TABLE IF EXISTS directory_search_vocab",
    "DROP TABLE IF EXISTS directory_search_document",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_seed_vocabulary")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
            elidable=False,
        )
    ]

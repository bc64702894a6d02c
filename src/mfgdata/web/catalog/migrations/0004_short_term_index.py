"""The index for one- and two-character terms (FTS5 over `grams` on SQLite, GIN tsvector on PostgreSQL)."""

from django.db import migrations


def create_index(apps, schema_editor):
    from mfgdata.web.catalog.search_backends import short_index_sql

    with schema_editor.connection.cursor() as cursor:
        for statement in short_index_sql():
            cursor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statement = {
        "sqlite": "DROP TABLE IF EXISTS catalog_fts_short",
        "postgresql": "DROP INDEX IF EXISTS catalog_grams_fts",
    }
    with schema_editor.connection.cursor() as cursor:
        if vendor in statement:
            cursor.execute(statement[vendor])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_search_grams")]
    operations = [migrations.RunPython(create_index, drop_index)]

"""The full-text index: SQLite FTS5 trigram table, or pg_trgm GIN index on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    from mfgdata.web.catalog.search_backends import create_index_sql

    with schema_editor.connection.cursor() as cursor:
        for statement in create_index_sql():
            cursor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statement = {"sqlite": "DROP TABLE IF EXISTS catalog_fts", "postgresql": "DROP INDEX IF EXISTS catalog_text_trgm"}
    with schema_editor.connection.cursor() as cursor:
        if vendor in statement:
            cursor.execute(statement[vendor])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]

"""The search index's change token (facet counts are cached under it) and, on PostgreSQL, the short-term
tsvector stored once per document instead of computed for every row a search reads."""

from django.db import migrations, models


def store_short_term_vector(apps, schema_editor):
    from mfgdata.web.catalog.search_backends import stored_short_vector_sql

    with schema_editor.connection.cursor() as cursor:
        for statement in stored_short_vector_sql(schema_editor.connection.vendor):
            cursor.execute(statement)


def drop_short_term_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("ALTER TABLE catalog_searchdocument DROP COLUMN IF EXISTS grams_tsv")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS catalog_grams_fts ON catalog_searchdocument "
                "USING gin (to_tsvector('simple', grams))"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_short_term_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(store_short_term_vector, drop_short_term_vector),
    ]

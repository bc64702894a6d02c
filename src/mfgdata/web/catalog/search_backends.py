"""Full-text search that finds partial Korean words, on SQLite and on PostgreSQL.

SQLite: an FTS5 table with the trigram tokenizer (`catalog_fts`, rowid = SearchDocument id) answers terms of
three or more characters. Trigram cannot index one- or two-character terms (도금, 압출, 금), so those take a
second path: every document also stores `grams`, each 1- and 2-character piece of its words as a token, indexed
by a second FTS5 table (`catalog_fts_short`, unicode61 tokens) — a short term is then one token lookup.
PostgreSQL: a `pg_trgm` GIN index answers `ILIKE` for terms of three or more characters, and the stored
tsvector `grams_tsv` (GIN-indexed) the short ones. Every term must match (AND).
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from mfgdata.web.catalog.models import SearchDocument

FTS_TABLE = "catalog_fts"
SHORT_TABLE = "catalog_fts_short"
_MIN_TRIGRAM = 3
_WORD = re.compile(r"\w+")


def short_grams(text: str) -> str:
    """Each distinct 1- and 2-character piece of every word, space-separated (`도금액` → `도 금 액 도금 금액`)."""
    grams: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        for size in (1, 2):
            for start in range(len(word) - size + 1):
                grams[word[start : start + size]] = None
    return " ".join(grams)


def query_terms(query: str) -> list[str]:
    """Whitespace-separated terms, stripped of FTS syntax characters, at most eight."""
    cleaned = re.sub(r"[\"'*():^{}\[\]]", " ", query or "")
    return [t for t in cleaned.split() if t][:8]


def text_index_sql() -> list[str]:
    """The index for terms of three or more characters (migration 0002)."""
    if connection.vendor == "sqlite":
        return [f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, tokenize='trigram')"]
    if connection.vendor == "postgresql":
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX IF NOT EXISTS catalog_text_trgm ON catalog_searchdocument USING gin (text gin_trgm_ops)",
        ]
    return []


def short_index_sql() -> list[str]:
    """The index for one- and two-character terms over `grams` (migration 0004)."""
    if connection.vendor == "sqlite":
        return [f"CREATE VIRTUAL TABLE IF NOT EXISTS {SHORT_TABLE} USING fts5(grams, tokenize='unicode61')"]
    if connection.vendor == "postgresql":
        return [
            "CREATE INDEX IF NOT EXISTS catalog_grams_fts ON catalog_searchdocument "
            "USING gin (to_tsvector('simple', grams))"
        ]
    return []


def stored_short_vector_sql(vendor: str) -> list[str]:
    """PostgreSQL: `grams` as a stored tsvector with its GIN index (migration 0005), replacing the expression
    index, so a short term that most products contain is checked without re-parsing every document's grams."""
    if vendor != "postgresql":
        return []
    return [
        "DROP INDEX IF EXISTS catalog_grams_fts",
        "ALTER TABLE catalog_searchdocument ADD COLUMN IF NOT EXISTS grams_tsv tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', grams)) STORED",
        "CREATE INDEX IF NOT EXISTS catalog_grams_tsv ON catalog_searchdocument USING gin (grams_tsv)",
    ]


def index_document(document: SearchDocument) -> None:
    """Mirror one document into the SQLite FTS table (PostgreSQL indexes the column itself)."""
    if connection.vendor != "sqlite":
        return
    unindex_document(document.pk)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (%s, %s)", [document.pk, document.text])
        cursor.execute(f"INSERT INTO {SHORT_TABLE}(rowid, grams) VALUES (%s, %s)", [document.pk, document.grams])


def unindex_document(document_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])
            cursor.execute(f"DELETE FROM {SHORT_TABLE} WHERE rowid = %s", [document_id])


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _sqlite_subquery(terms: list[str]) -> RawSQL:
    """One SQL statement intersecting the trigram matches (long terms) and the gram matches (short terms)."""
    parts, params = [], []
    long_terms = [t for t in terms if len(t) >= _MIN_TRIGRAM]
    if long_terms:
        parts.append(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s")
        params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
    short_terms = [t.lower() for t in terms if len(t) < _MIN_TRIGRAM]
    if short_terms:
        parts.append(f"SELECT rowid FROM {SHORT_TABLE} WHERE {SHORT_TABLE} MATCH %s")
        params.append(" AND ".join(_fts_phrase(t) for t in short_terms))
    return RawSQL(" INTERSECT ".join(parts), params)


def search(documents: QuerySet[SearchDocument], query: str) -> QuerySet[SearchDocument]:
    """The documents matching every term of `query` (all of them when it is empty)."""
    terms = query_terms(query)
    if not terms:
        return documents
    if connection.vendor == "sqlite":
        return documents.filter(pk__in=_sqlite_subquery(terms))
    return documents.filter(_postgres_condition(terms))


def _postgres_condition(terms: list[str]) -> Q:
    """Trigram `ILIKE` per long term and one tsquery over `grams` for all the short ones, on the row itself.

    A condition on the row over the stored vector: the former `pk IN (SELECT … to_tsvector(grams) …)` made
    PostgreSQL parse every candidate row's grams again (4 s at 20,000 products for a term all of them have).
    """
    condition = Q()
    for term in terms:
        if len(term) >= _MIN_TRIGRAM:
            condition &= Q(text__icontains=term)
    short_terms = [t.lower() for t in terms if len(t) < _MIN_TRIGRAM]
    if short_terms:
        condition &= Q(
            RawSQL(
                "grams_tsv @@ plainto_tsquery('simple', %s)",
                [" ".join(short_terms)],
                output_field=BooleanField(),
            )
        )
    return condition

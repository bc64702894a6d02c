"""Full-text search that finds partial Korean words, on SQLite and on PostgreSQL.

SQLite: an FTS5 table with the trigram tokenizer (`catalog_fts`, rowid = SearchDocument id) answers terms of
three or more characters; trigram cannot index one- or two-character terms (도금, 압출), so those take the
second path, a `LIKE` over the documents. PostgreSQL: `pg_trgm` GIN index for `ILIKE` on any term plus the
full-text `simple` configuration for whole words. Every term must match (AND).
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from mfgdata.web.catalog.models import SearchDocument

FTS_TABLE = "catalog_fts"
_MIN_TRIGRAM = 3


def query_terms(query: str) -> list[str]:
    """Whitespace-separated terms, stripped of FTS syntax characters, at most eight."""
    cleaned = re.sub(r"[\"'*():^{}\[\]]", " ", query or "")
    return [t for t in cleaned.split() if t][:8]


def create_index_sql() -> list[str]:
    if connection.vendor == "sqlite":
        return [f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, tokenize='trigram')"]
    if connection.vendor == "postgresql":
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX IF NOT EXISTS catalog_text_trgm ON catalog_searchdocument USING gin (text gin_trgm_ops)",
        ]
    return []


def index_document(document: SearchDocument) -> None:
    """Mirror one document into the SQLite FTS table (PostgreSQL indexes the column itself)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])
        cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (%s, %s)", [document.pk, document.text.lower()])


def unindex_document(document_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sqlite_match_ids(terms: list[str]) -> list[int] | None:
    long_terms = [t.lower() for t in terms if len(t) >= _MIN_TRIGRAM]
    if not long_terms:
        return None
    expression = " AND ".join('"' + t.replace('"', "") + '"' for t in long_terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])
        return [row[0] for row in cursor.fetchall()]


def search(documents: QuerySet[SearchDocument], query: str) -> QuerySet[SearchDocument]:
    """The documents matching every term of `query` (all of them when it is empty)."""
    terms = query_terms(query)
    if not terms:
        return documents
    if connection.vendor == "sqlite":
        ids = _sqlite_match_ids(terms)
        if ids is not None:
            documents = documents.filter(pk__in=ids)
        for term in (t for t in terms if len(t) < _MIN_TRIGRAM):
            documents = documents.filter(text__icontains=term)
        return documents
    condition = Q()
    for term in terms:
        condition &= Q(text__icontains=term)
    return documents.filter(condition)

"""The search document of each listed product: its searchable text and the values the facets count."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    listing = models.OneToOneField("listings.Listing", on_delete=models.CASCADE, related_name="search_document")
    text = models.TextField()
    grams = models.TextField(blank=True, help_text="every 1- and 2-character piece of each word, for short queries")
    category = models.CharField(max_length=40, db_index=True)
    process = models.CharField(max_length=40, blank=True, db_index=True)
    licence = models.CharField(max_length=60, blank=True)
    grade = models.CharField(max_length=5, blank=True)
    data_type = models.CharField(max_length=20, blank=True)
    data_format = models.CharField(max_length=20, blank=True)
    equipment = models.CharField(max_length=300, blank=True)
    price_krw = models.BigIntegerField(null=True, db_index=True)
    period_start_year = models.PositiveSmallIntegerField(null=True)
    listed_at = models.DateTimeField(null=True, db_index=True)


class SearchIndexState(models.Model):
    """One row whose token changes, in the same transaction, whenever any search document changes.

    Facet counts are cached under it (`selectors._facets_cached`): a new token makes every cached count unreachable,
    so a cached count is never stale. A random token rather than a counter, so a rolled-back change can never
    bring an old token back with different documents behind it.
    """

    token = models.CharField(max_length=32)

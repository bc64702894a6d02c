"""The search document of each listed product: its searchable text and the values the facets count."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    listing = models.OneToOneField("listings.Listing", on_delete=models.CASCADE, related_name="search_document")
    text = models.TextField()
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

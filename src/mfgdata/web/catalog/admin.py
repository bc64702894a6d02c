from django.contrib import admin

from mfgdata.web.catalog.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    list_display = ("listing", "category", "process", "grade", "price_krw")

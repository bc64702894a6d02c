from django.contrib import admin

from mfgdata.web.listings.models import Listing, PackageUpload


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("title_ko", "seller", "status", "registered_as", "listed_at")
    list_filter = ("status", "category", "programme_funded")
    search_fields = ("title_ko", "title_en", "slug")


@admin.register(PackageUpload)
class PackageUploadAdmin(admin.ModelAdmin):
    list_display = ("listing", "filename", "state", "total_bytes", "created_at")
    exclude = ("contents",)

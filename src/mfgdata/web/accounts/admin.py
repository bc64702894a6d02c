from django.contrib import admin

from mfgdata.web.accounts.models import Membership, Organisation, RoleGrant, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "is_staff", "is_active")
    search_fields = ("email", "name")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "business_number", "size_class", "verification")
    list_filter = ("verification", "size_class", "is_manufacturer", "is_processor")
    search_fields = ("name", "business_number")


admin.site.register(Membership)
admin.site.register(RoleGrant)

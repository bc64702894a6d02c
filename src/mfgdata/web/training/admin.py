from django.contrib import admin

from mfgdata.web.training.models import ChecklistItem, TrainingCompletion, TrainingContent


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem


@admin.register(TrainingContent)
class TrainingContentAdmin(admin.ModelAdmin):
    inlines = [ChecklistInline]
    list_display = ("version", "published_at")


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(admin.ModelAdmin):
    list_display = ("organisation", "user", "content", "signed_at", "ip_address")
    exclude = ("signature_png",)

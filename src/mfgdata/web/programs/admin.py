"""The registers the agency and the operator keep (sanctions, the external consulting register), editable;
agreements, budget adjustments and claims only viewable: they change through `agreement_services` and
`claim_services`, which check the notice's rules and write the audit events."""

from django.contrib import admin

from mfgdata.web.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from mfgdata.web.programs.models import (
    Agreement,
    BudgetAdjustment,
    Claim,
    ClaimLine,
    ConsultingRecord,
    SanctionEntry,
)

admin.site.register(SanctionEntry)
admin.site.register(ConsultingRecord)


class BudgetAdjustmentInline(ReadOnlyInline):
    model = BudgetAdjustment
    fields = ("adjusted_at", "previous_krw", "government_krw", "reason", "adjusted_by")
    readonly_fields = fields


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = (
        "organisation",
        "call",
        "status",
        "starts_on",
        "ends_on",
        "government_krw",
        "cash_krw",
        "in_kind_krw",
    )
    list_filter = ("status", "call")
    search_fields = ("organisation__name", "organisation__business_number")
    inlines = (BudgetAdjustmentInline,)


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "previous_krw", "government_krw", "adjusted_by", "adjusted_at")


class ClaimLineInline(ReadOnlyInline):
    model = ClaimLine
    fields = ("order", "document", "price_krw", "subsidy_krw", "active")
    readonly_fields = fields


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ("pk", "organisation", "agreement", "status", "subsidy_krw", "price_krw", "submitted_at")
    list_filter = ("status",)
    search_fields = ("organisation__name",)
    inlines = (ClaimLineInline,)


@admin.register(ClaimLine)
class ClaimLineAdmin(ReadOnlyAdmin):
    list_display = ("claim", "order", "price_krw", "subsidy_krw", "active")
    list_filter = ("active",)

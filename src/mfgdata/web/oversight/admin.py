"""사후관리 records, viewable in the admin only: each is written by a service in `oversight.services` or
`oversight.integrity_services` that checks who may write it and records the audit event."""

from django.contrib import admin

from mfgdata.web.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from mfgdata.web.oversight.models import (
    Completion,
    ConsortiumShare,
    ConsultingMeeting,
    Inspection,
    InspectionFile,
    IntegrityFlag,
    LabourEvidence,
    Measure,
    OrganisationContact,
    ProjectListing,
)


@admin.register(ProjectListing)
class ProjectListingAdmin(ReadOnlyAdmin):
    list_display = ("application", "listing", "linked_by", "linked_at")


@admin.register(ConsultingMeeting)
class ConsultingMeetingAdmin(ReadOnlyAdmin):
    list_display = ("application", "topic", "held_on", "recorded_by")
    list_filter = ("topic",)


@admin.register(Completion)
class CompletionAdmin(ReadOnlyAdmin):
    list_display = ("application", "obligation_id", "person_name", "completed_on")


@admin.register(LabourEvidence)
class LabourEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("application", "person_name", "month", "person_months", "monthly_pay_krw")


class InspectionFileInline(ReadOnlyInline):
    model = InspectionFile
    fields = ("file",)
    readonly_fields = fields


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("application", "kind", "inspected_on", "outcome", "inspector")
    list_filter = ("kind", "outcome")
    inlines = (InspectionFileInline,)


@admin.register(ConsortiumShare)
class ConsortiumShareAdmin(ReadOnlyAdmin):
    list_display = ("application", "manufacturer_share_percent", "recorded_by", "recorded_at")


@admin.register(OrganisationContact)
class OrganisationContactAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "phone", "bank_account", "updated_at")
    search_fields = ("organisation__name",)


class MeasureInline(ReadOnlyInline):
    model = Measure
    fields = ("kind", "organisation", "amount_krw", "claim", "filed_on", "reference", "note", "decided_by")
    readonly_fields = fields


@admin.register(IntegrityFlag)
class IntegrityFlagAdmin(ReadOnlyAdmin):
    list_display = ("programme_id", "kind", "status", "detected_at", "decided_by")
    list_filter = ("programme_id", "kind", "status")
    inlines = (MeasureInline,)


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ("flag", "organisation", "kind", "amount_krw", "claim", "filed_on")
    list_filter = ("kind",)

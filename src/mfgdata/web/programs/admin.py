"""The registers the agency and the operator keep: sanctions and the external consulting register."""

from django.contrib import admin

from mfgdata.web.programs.models import ConsultingRecord, SanctionEntry

admin.site.register(SanctionEntry)
admin.site.register(ConsultingRecord)

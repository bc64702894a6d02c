from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mfgdata.web.programs"
    label = "programs"
    verbose_name = "지원사업"

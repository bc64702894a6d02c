from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "mfgdata.web.oversight"
    label = "oversight"
    verbose_name = "사후관리"
    default_auto_field = "django.db.models.BigAutoField"

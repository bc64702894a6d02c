from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mfgdata.web.core"
    label = "core"
    verbose_name = "공통 (core)"

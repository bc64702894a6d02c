from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mfgdata.web.api"
    label = "api"
    verbose_name = "Open API"

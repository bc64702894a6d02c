from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "mfgdata.web.catalog"
    label = "catalog"
    verbose_name = "MARKET PLACE (catalog)"

from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "mfgdata.web.listings"
    label = "listings"
    verbose_name = "상품등록 (listings)"

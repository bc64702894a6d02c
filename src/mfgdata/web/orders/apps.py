from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "mfgdata.web.orders"
    label = "orders"
    verbose_name = "주문 (orders)"

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "mfgdata.web.payments"
    label = "payments"
    verbose_name = "결제 (payments)"

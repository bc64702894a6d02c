from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "mfgdata.web.review"
    label = "review"
    verbose_name = "요건검토 (review)"

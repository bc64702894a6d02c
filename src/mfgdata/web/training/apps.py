from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "mfgdata.web.training"
    label = "training"
    verbose_name = "기본교육 (training)"

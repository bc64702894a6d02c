from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mfgdata.web.accounts"
    label = "accounts"
    verbose_name = "회원·기관 (accounts)"

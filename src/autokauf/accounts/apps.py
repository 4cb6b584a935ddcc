from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "autokauf.accounts"
    label = "accounts"

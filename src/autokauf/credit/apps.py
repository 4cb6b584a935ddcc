from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "autokauf.credit"
    label = "credit"

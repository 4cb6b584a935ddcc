from django.apps import AppConfig


class FinancingConfig(AppConfig):
    name = "autokauf.financing"
    label = "financing"

from django.apps import AppConfig


class DealersConfig(AppConfig):
    name = "autokauf.dealers"
    label = "dealers"

from django.apps import AppConfig


class InsuranceConfig(AppConfig):
    name = "autokauf.insurance"
    label = "insurance"

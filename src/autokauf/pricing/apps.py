from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "autokauf.pricing"
    label = "pricing"

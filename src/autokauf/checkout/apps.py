from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "autokauf.checkout"
    label = "checkout"

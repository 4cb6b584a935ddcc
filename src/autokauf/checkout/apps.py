from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "autokauf.checkout"
    label = "checkout"

    def ready(self) -> None:
        from .consumers import register

        register()

from django.apps import AppConfig


class FlashSalesConfig(AppConfig):
    name = "autokauf.flash_sales"
    label = "flash_sales"
    verbose_name = "Flash sales"

    def ready(self) -> None:
        from .consumers import register

        register()

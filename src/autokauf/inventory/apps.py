from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "autokauf.inventory"
    label = "inventory"
    verbose_name = "Stock"

from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "autokauf.storefront"
    label = "storefront"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "autokauf.core"
    label = "core"

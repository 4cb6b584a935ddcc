from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "autokauf.core"
    label = "core"

    def ready(self) -> None:
        from .connection_checks import connect

        connect()

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "autokauf.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import token_cache

        token_cache.connect()

from django.apps import AppConfig


class FinancingConfig(AppConfig):
    name = "autokauf.financing"
    label = "financing"

    def ready(self) -> None:
        from . import revision  # noqa: F401  (connects the revision bumps)

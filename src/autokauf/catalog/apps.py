from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "autokauf.catalog"
    label = "catalog"
    verbose_name = "Catalogue"

    def ready(self) -> None:
        from . import revision  # noqa: F401  (connects cache invalidation)

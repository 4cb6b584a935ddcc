from typing import Any

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "autokauf.inventory"
    label = "inventory"
    verbose_name = "Stock"

    def ready(self) -> None:
        from autokauf import financing
        from autokauf.core import outbox

        outbox.register(financing.RATES_CHANGED, "inventory-monthly-rates", _rates_changed)


def _rates_changed(payload: dict[str, Any]) -> None:
    """The lenders' rate sheets changed: every car's "from x € a month" rate is taken afresh."""
    from .services import recompute_monthly_rates

    recompute_monthly_rates()

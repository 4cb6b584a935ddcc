"""The JSON API: one NinjaAPI, one router per domain, problem+json for every error."""

from __future__ import annotations

from ninja import NinjaAPI

from autokauf.core import problem

api = NinjaAPI(
    title="Autokauf API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    description="Catalogue, configurator and quotes. Errors are RFC 9457 problem details.",
)
problem.install(api)


def _add_routers() -> None:
    from autokauf.accounts.api import router as accounts_router
    from autokauf.catalog.api import router as catalog_router
    from autokauf.checkout.api import router as checkout_router
    from autokauf.configurator.api import configurations_router, quotes_router
    from autokauf.credit.api import router as credit_router
    from autokauf.financing.api import router as financing_router
    from autokauf.flash_sales.api import router as drops_router
    from autokauf.insurance.api import router as insurance_router
    from autokauf.inventory.api import router as vehicles_router
    from autokauf.payments.api import router as payments_router

    api.add_router("/v1/catalog", catalog_router)
    api.add_router("/v1/configurations", configurations_router)
    api.add_router("/v1/quotes", quotes_router)
    api.add_router("/v1/vehicles", vehicles_router)
    api.add_router("/v1/financing", financing_router)
    api.add_router("/v1/accounts", accounts_router)
    api.add_router("/v1/payments", payments_router)
    api.add_router("/v1/credit", credit_router)
    api.add_router("/v1/insurance", insurance_router)
    api.add_router("/v1/drops", drops_router)
    api.add_router("/v1", checkout_router)


_add_routers()

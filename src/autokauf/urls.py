from django.contrib import admin
from django.urls import include, path

from autokauf.api import api
from autokauf.core import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    path("api/", api.urls),
    path("backoffice/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("autokauf.accounts.urls")),
    path("sandbox-psp/", include("autokauf.payments.urls")),
    path("checkout/", include("autokauf.checkout.urls")),
    path("drops/", include("autokauf.flash_sales.urls")),
    path("", include("autokauf.storefront.urls")),
]

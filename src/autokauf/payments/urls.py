"""The sandbox provider's hosted payment pages (included at /sandbox-psp/)."""

from django.urls import path

from .adapters.sandbox import views

app_name = "sandbox_psp"

urlpatterns = [
    path("pay/<str:charge_id>/", views.hosted_page, name="pay"),
]

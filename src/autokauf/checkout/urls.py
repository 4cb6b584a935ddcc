"""The buyer's reservation, checkout and order pages (included at /checkout/)."""

from django.urls import path

from . import views

app_name = "checkout"

urlpatterns = [
    path("reserve/<str:vin>/", views.reserve, name="reserve"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<uuid:order_id>/", views.order_page, name="order"),
    path("orders/<uuid:order_id>/cancel/", views.cancel, name="cancel"),
    path(
        "orders/<uuid:order_id>/<str:kind>.pdf",
        views.order_document,
        name="document",
    ),
    path("<uuid:hold_id>/", views.checkout_page, name="checkout"),
    path("<uuid:hold_id>/release/", views.release, name="release"),
]

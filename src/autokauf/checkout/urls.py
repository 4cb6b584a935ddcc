"""The buyer's reservation, checkout and order pages (included at /checkout/)."""

from django.urls import path

from . import purchase_views, views

app_name = "checkout"

urlpatterns = [
    path("reserve/<str:vin>/", views.reserve, name="reserve"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<uuid:order_id>/", views.order_page, name="order"),
    path("orders/<uuid:order_id>/cancel/", views.cancel, name="cancel"),
    path("orders/<uuid:order_id>/withdraw/", views.withdraw, name="withdraw"),
    path("orders/<uuid:order_id>/payment/", views.pay_again, name="pay-again"),
    path("orders/<uuid:order_id>/credit/", purchase_views.credit_page, name="credit"),
    path(
        "orders/<uuid:order_id>/credit/<uuid:application_id>/review/",
        purchase_views.credit_review,
        name="credit-review",
    ),
    path("orders/<uuid:order_id>/insurance/", purchase_views.insurance_page, name="insurance"),
    path(
        "orders/<uuid:order_id>/<str:kind>.pdf",
        views.order_document,
        name="document",
    ),
    path("<uuid:hold_id>/", views.checkout_page, name="checkout"),
    path(
        "configuration/<str:code>/",
        views.configuration_checkout_page,
        name="configuration",
    ),
    path("<uuid:hold_id>/release/", views.release, name="release"),
]

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "autokauf.payments"
    label = "payments"

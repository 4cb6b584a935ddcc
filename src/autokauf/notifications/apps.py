from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "autokauf.notifications"
    label = "notifications"

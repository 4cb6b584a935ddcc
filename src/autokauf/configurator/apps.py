from django.apps import AppConfig


class ConfiguratorConfig(AppConfig):
    name = "autokauf.configurator"
    label = "configurator"

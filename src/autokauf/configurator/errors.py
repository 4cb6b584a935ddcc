from autokauf.core.errors import DomainError, NotFound


class InvalidConfiguration(DomainError):
    """The options break the model's rules; `extra` carries the conflicts and a resolution."""

    code = "invalid-configuration"
    title = "Invalid configuration"
    status = 422


class UnknownConfiguration(NotFound):
    code = "unknown-configuration"
    title = "Unknown configuration"

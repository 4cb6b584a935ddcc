from autokauf.core.errors import NotFound


class UnknownModel(NotFound):
    code = "unknown-model"
    title = "Unknown model"


class UnknownTrim(NotFound):
    code = "unknown-trim"
    title = "Unknown trim"

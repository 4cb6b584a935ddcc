from __future__ import annotations

from dataclasses import asdict, dataclass

from autokauf.core.errors import DomainError, NotFound


class UnknownModel(NotFound):
    code = "unknown-model"
    title = "Unknown model"


class UnknownTrim(NotFound):
    code = "unknown-trim"
    title = "Unknown trim"


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One thing wrong in a catalogue file, and where: "brands[0].models[1].options[14].price"."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class CatalogueFileInvalid(DomainError):
    """The catalogue file has problems; nothing was written. `problems` lists every one."""

    code = "catalogue-file-invalid"
    title = "The catalogue file is invalid"
    status = 422

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        detail = f"{count} {noun} in the catalogue file; nothing was imported."
        super().__init__(detail, extra={"problems": [asdict(p) for p in problems]})

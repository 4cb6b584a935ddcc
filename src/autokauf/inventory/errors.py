from __future__ import annotations

from dataclasses import asdict, dataclass

from autokauf.core.errors import DomainError, NotFound


class IllegalStatusMove(DomainError):
    code = "illegal-status-move"
    title = "This status move is not allowed"
    status = 422


class StatusChanged(DomainError):
    """Another move changed the vehicle's status first."""

    code = "status-changed"
    title = "The vehicle's status changed meanwhile"
    status = 409


class InvalidVin(DomainError):
    code = "invalid-vin"
    title = "Invalid VIN"
    status = 422


class UnknownVehicle(NotFound):
    code = "unknown-vehicle"
    title = "Unknown vehicle"


class InvalidCursor(DomainError):
    code = "invalid-cursor"
    title = "Invalid cursor"
    status = 422


class InvalidSearch(DomainError):
    code = "invalid-search"
    title = "Invalid search"
    status = 422


class UnknownPostcode(DomainError):
    code = "unknown-postcode"
    title = "Unknown postcode"
    status = 422


class InvalidVehicle(DomainError):
    code = "invalid-vehicle"
    title = "Invalid vehicle"
    status = 422


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One thing wrong in a stock file: its line (the header is line 1), column and reason."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


class StockFileInvalid(DomainError):
    """The stock file has bad rows; nothing was imported. `problems` lists every one."""

    code = "stock-file-invalid"
    title = "The stock file is invalid"
    status = 422

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        lines = len({p.line for p in problems})
        detail = (
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
            f"{lines} line{'s' if lines != 1 else ''} of the stock file; nothing was imported."
        )
        super().__init__(detail, extra={"problems": [asdict(p) for p in problems[:1000]]})

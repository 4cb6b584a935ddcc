"""Import a stock CSV file (docs/domains/inventory.md): all rows or, on any bad row, none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from autokauf.inventory import StockFileInvalid, import_stock_csv


class Command(BaseCommand):
    help = "Import cars from a stock CSV file; every bad row is reported and nothing is imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = import_stock_csv(file, actor=f"import_stock {file.name}")
        except StockFileInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(invalid.detail) from None
        self.stdout.write(f"{report.created} vehicles imported.")

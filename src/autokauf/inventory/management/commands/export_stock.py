"""Export stock as a CSV file that import_stock reads back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from autokauf.inventory import STATUS_WORDS, export_stock_csv
from autokauf.inventory.models import Vehicle


class Command(BaseCommand):
    help = "Write the stock (optionally only some statuses) as a stock CSV file or to stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--status", action="append", choices=sorted(STATUS_WORDS), default=[])

    def handle(self, *args: Any, file: Path | None, status: list[str], **options: Any) -> None:
        vehicles = Vehicle.objects.select_related("location").order_by("id")
        if status:
            vehicles = vehicles.filter(status__in=status)
        text = export_stock_csv(vehicles.iterator(chunk_size=2000))
        if file is None:
            self.stdout.write(text, ending="")
        else:
            file.write_text(text, encoding="utf-8")
            self.stdout.write(f"{text.count(chr(10)) - 1} vehicles written to {file}.")

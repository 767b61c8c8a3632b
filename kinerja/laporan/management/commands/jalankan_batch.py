"""``manage.py jalankan_batch [--terus]``: the worker process for batch ZIP jobs (issue #5 pt 6)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kinerja.laporan.batch import jalankan_tertunda


class Command(BaseCommand):
    help = "Jalankan pekerjaan unduhan massal (ZIP) yang menunggu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--terus", action="store_true", help="terus berjalan, memeriksa tiap 2 detik")

    def handle(self, *args: Any, terus: bool, **options: Any) -> None:
        while True:
            n = jalankan_tertunda()
            if n:
                self.stdout.write(f"{n} pekerjaan selesai dijalankan.")
            if not terus:
                return
            time.sleep(2)

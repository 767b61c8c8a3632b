"""``manage.py import_pegawai FILE [--dry-run] [--instansi KODE]``: the web import from the shell."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from kinerja.organisasi import imports
from kinerja.organisasi.models import Instansi


class Command(BaseCommand):
    help = "Impor pegawai dari berkas CSV atau XLSX berformat SIASN (lihat docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("berkas CSV atau XLSX"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("hanya periksa, tidak menyimpan apa pun")
        )
        parser.add_argument(
            "--instansi", metavar="KODE", help=_("kode instansi (wajib bila ada lebih dari satu)")
        )

    def handle(self, *args: Any, file: str, dry_run: bool, instansi: str | None, **options: Any) -> None:
        target = self._instansi(instansi)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Berkas %(f)s tidak ditemukan.") % {"f": file})
        quiet = options["verbosity"] == 0 or not sys.stderr.isatty()
        try:
            with path.open("rb") as fh, tqdm(desc=_("Membaca"), unit=" baris", disable=quiet) as bar:
                parsed = imports.import_parse(fileobj=fh, filename=path.name, progress=bar.update)
            for kolom in parsed.kolom_diabaikan:
                self.stderr.write(
                    self.style.WARNING(_("Kolom '%(k)s' tidak dikenal dan diabaikan.") % {"k": kolom})
                )
            plan = imports.import_check(instansi=target, rows=parsed.rows)
            self._report_errors(plan)
            if dry_run:
                self.stdout.write(
                    _("Uji coba %(i)s: %(b)d baru, %(u)d berubah, %(t)d tetap. Tidak ada yang disimpan.")
                    % {"i": target.kode, "b": len(plan.baru), "u": len(plan.berubah), "t": plan.tetap}
                )
                return
            total = len(plan.baru) + len(plan.berubah)
            with tqdm(desc=_("Menyimpan"), total=total, unit=" pegawai", disable=quiet) as bar:
                result = imports.import_apply(
                    instansi=target, rows=parsed.rows, actor=None, progress=bar.update
                )
        except imports.ImportDitolak as exc:
            self._report_errors(exc.plan)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Impor %(i)s selesai: %(b)d baru, %(u)d berubah, %(t)d tetap, %(a)d akun dibuat.")
                % {
                    "i": target.kode,
                    "b": result.baru,
                    "u": result.berubah,
                    "t": result.tetap,
                    "a": result.akun_dibuat,
                }
            )
        )

    def _instansi(self, kode: str | None) -> Instansi:
        if kode:
            found = Instansi.objects.filter(kode=kode).first()
            if found is None:
                raise CommandError(_("Instansi dengan kode %(k)s tidak ada.") % {"k": kode})
            return found
        all_instansi = list(Instansi.objects.order_by("kode")[:2])
        if len(all_instansi) != 1:
            codes = ", ".join(Instansi.objects.order_by("kode").values_list("kode", flat=True)) or "-"
            raise CommandError(
                _("Pilih instansi dengan --instansi KODE (tersedia: %(k)s).") % {"k": codes}
                if all_instansi
                else _("Belum ada instansi; buat instansi dahulu.")
            )
        return all_instansi[0]

    def _report_errors(self, plan: imports.ImportPlan) -> None:
        if not plan.errors:
            return
        for e in plan.errors:
            self.stdout.write(
                _("Baris %(b)d: NIP %(n)s — %(p)s (kolom %(k)s)")
                % {"b": e.baris, "n": e.nip or "-", "p": e.pesan, "k": e.kolom}
            )
        raise CommandError(
            _("%(n)d baris bermasalah (%(e)d kesalahan). Tidak ada yang disimpan.")
            % {"n": plan.baris_salah, "e": len(plan.errors)}
        )

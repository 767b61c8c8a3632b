"""``manage.py seed_demo [--if-empty] [--json] [--logins]``: the demo instansi (issue #2 point 8).

No option: build "Pemerintah Kota Contoh" or bring it back in line with kinerja/organisasi/demo.py.
--if-empty: build only when the database has no instansi at all (``make run`` uses this).
--json:     print only the personas as JSON (building the demo first when it is missing).
--logins:   print the demo logins as a table; never builds anything.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from kinerja.organisasi import demo
from kinerja.organisasi.models import Instansi

URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Buat instansi demo Pemerintah Kota Contoh beserta pegawai dan akunnya (hanya untuk demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help=_("hanya bila belum ada instansi sama sekali")
        )
        parser.add_argument("--json", action="store_true", help=_("cetak persona demo sebagai JSON saja"))
        parser.add_argument("--logins", action="store_true", help=_("cetak tabel akun demo"))

    def handle(self, *args: Any, if_empty: bool, json: bool, logins: bool, **options: Any) -> None:
        if if_empty:
            if Instansi.objects.exists():
                # With --json, stdout carries only the JSON list.
                (self.stderr if json else self.stdout).write(
                    _("Sudah ada data instansi; seed_demo dilewati.")
                )
            else:
                self._build(quiet=json)
        elif json:
            if not demo.demo_exists():
                self._build(quiet=True)
        elif not logins:
            self._build(quiet=False)

        if json:
            self._print_json()
        if logins:
            self._print_logins()

    def _build(self, *, quiet: bool) -> None:
        # The command is an entry point, like a view: it may call the app above organisasi.
        from kinerja.penilaian.demo import seed_penilaian_demo
        from kinerja.skp.demo import seed_skp_demo

        result = demo.seed_demo()
        skp_baru = seed_skp_demo()
        seed_penilaian_demo()
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Instansi demo %(nama)s siap: %(unit)d unit kerja, %(pegawai)d pegawai "
                    "(baru: %(ub)d unit, %(jb)d jabatan, %(pb)d pegawai, %(akun)d akun, %(skp)d SKP)."
                )
                % {
                    "nama": result.instansi.nama,
                    "unit": result.jumlah_unit,
                    "pegawai": result.jumlah_pegawai,
                    "ub": result.unit_baru,
                    "jb": result.jabatan_baru,
                    "pb": result.pegawai_baru,
                    "akun": result.user_baru,
                    "skp": skp_baru,
                }
            )
        )

    def _print_json(self) -> None:
        data = [persona.as_dict() for persona in demo.personas()]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _print_logins(self) -> None:
        if not demo.demo_exists():
            self.stdout.write(
                _("Instansi demo belum ada; jalankan `python manage.py seed_demo` untuk membuatnya.")
            )
            return
        header = (_("Peran"), _("NIP"), _("Nama"), _("Kata sandi"))
        rows = [header] + [(p.role, p.nip, p.nama, p.password) for p in demo.personas()]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        self.stdout.write(_("Akun demo %(nama)s:") % {"nama": demo.INSTANSI["nama"]})
        for line in lines:
            self.stdout.write(line.rstrip())
        self.stdout.write(
            _(
                "Buka %(url)s dan masuk dengan NIP dan kata sandi di atas "
                "(semua %(n)d pegawai demo memakai kata sandi yang sama, kecuali yang sudah menggantinya)."
            )
            % {"url": URL, "n": len(demo.ORANG)}
        )

"""``manage.py seed_scale --pegawai N``: a realistic instansi of N pegawai for load tests (issue #6)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kinerja.penilaian.enums import JenisPeriode
from kinerja.skala import builder


class Command(BaseCommand):
    help = (
        "Bangun instansi berskala besar (unit lima tingkat, pegawai, akun, SKP, penilaian) untuk uji beban. "
        "Menolak berjalan bila instansi dengan kode yang sama sudah ada, kecuali dengan --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pegawai", type=int, required=True, help="jumlah pegawai (minimal 50)")
        parser.add_argument("--seed", type=int, default=2026, help="benih acak: seed sama, data sama")
        parser.add_argument("--tahun", type=int, default=None, help="tahun SKP (bawaan: tahun ini)")
        parser.add_argument("--password", default=builder.DEMO_PASSWORD, help="kata sandi semua akun")
        parser.add_argument("--kode", default="SKALA", help="kode instansi (bawaan SKALA)")
        parser.add_argument("--nama", default="Pemerintah Provinsi Skala Nusantara", help="nama instansi")
        parser.add_argument(
            "--frekuensi",
            default=JenisPeriode.TRIWULAN,
            choices=[JenisPeriode.BULANAN, JenisPeriode.TRIWULAN, JenisPeriode.SEMESTER],
            help="frekuensi penilaian periodik instansi",
        )
        parser.add_argument(
            "--replace", action="store_true", help="hapus dulu instansi berkode sama beserta seluruh datanya"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0

        def bar(desc: str, total: int) -> builder.Bar:
            progress: builder.Bar = tqdm(
                desc=f"{desc:<16}",
                total=total,
                unit=" baris",
                file=sys.stderr,
                disable=quiet,
                unit_scale=True,
                leave=True,
            )
            return progress

        opsi = builder.Opsi(
            pegawai=options["pegawai"],
            seed=options["seed"],
            tahun=options["tahun"],
            password=options["password"],
            kode=options["kode"],
            nama=options["nama"],
            frekuensi=options["frekuensi"],
            replace=options["replace"],
        )
        try:
            hasil = builder.seed_scale(opsi, progress=bar)
        except (builder.SudahAda, ValueError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Instansi {opsi.kode} (id {hasil.instansi_id}) selesai: {hasil.ringkasan()}")

"""Query budgets of the list pages and API lists (issue #6 point 4).

Each test measures one GET with 10 rows, adds 90 more rows, measures again, and asserts that both
counts equal the pinned number: a list must not issue a query per row (N+1). A warm-up GET comes
first so that per-process caches do not count towards the first measurement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.api.tests.conftest import API, bearer
from kinerja.core.testing.factories import PegawaiFactory, UnitKerjaFactory, UserFactory
from kinerja.core.testing.personas import Personas
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.models import Pegawai
from kinerja.skp import services as skp_services
from kinerja.skp.models import RencanaHasilKerja

pytestmark = pytest.mark.django_db


def _queries(get: Callable[[], object]) -> int:
    """Number of queries of one request; the response must be 200."""
    with CaptureQueriesContext(connection) as ctx:
        response = get()
    assert response.status_code == 200, response
    return len(ctx.captured_queries)


def _budget(get: Callable[[], object], add_rows: Callable[[int], None]) -> tuple[int, int]:
    """(queries with 10 rows, queries with 100 rows); ``add_rows(n)`` adds n rows."""
    add_rows(10)
    get()  # warm-up
    n10 = _queries(get)
    add_rows(90)
    n100 = _queries(get)
    return n10, n100


def _bawahan_of(personas: Personas, penilai: User) -> Callable[[int], None]:
    """Adds n pelaksana in the Seksi; penilai_rebuild makes ``penilai`` (Kepala Seksi) their penilai."""
    assert penilai.pegawai is not None
    jabatan = personas.p("pegawai").jabatan

    def add(n: int) -> None:
        for _ in range(n):
            PegawaiFactory(instansi=personas.instansi, jabatan=jabatan, unit_kerja=personas.seksi)
        organisasi_services.penilai_rebuild(instansi=personas.instansi)

    return add


def _rhk_kasi(personas: Personas) -> list[RencanaHasilKerja]:
    """The RHK of an approved SKP of the Kepala Seksi (kadis <- kabid <- kasi), which a pelaksana's
    RHK must intervene before it can be submitted."""
    kadis = make_skp(personas.kepala_dinas, rhk=1)
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=list(kadis.rhk.all()))
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    return list(kasi.rhk.all())


# --- organisasi ---------------------------------------------------------------------------------


def test_pegawai_list(client, personas: Personas) -> None:
    client.force_login(personas.admin)
    url = reverse("organisasi:pegawai_list")
    counts = _budget(lambda: client.get(url), _bawahan_of(personas, personas.pejabat_penilai))
    # session, user(+pegawai), ...; paginated by 25, so rows beyond one page cost nothing.
    assert counts == (PEGAWAI_LIST, PEGAWAI_LIST)


def test_unit_tree(client, personas: Personas) -> None:
    client.force_login(personas.admin)
    url = reverse("organisasi:unit_tree")

    def add(n: int) -> None:
        for _ in range(n):
            UnitKerjaFactory(instansi=personas.instansi, parent=personas.seksi)

    counts = _budget(lambda: client.get(url), add)
    assert counts == (UNIT_TREE, UNIT_TREE)


# --- skp ----------------------------------------------------------------------------------------


def test_skp_list(client, personas: Personas) -> None:
    client.force_login(personas.pegawai)
    url = reverse("skp:list")
    years = iter(range(TAHUN, TAHUN - 200, -1))

    def add(n: int) -> None:
        for _ in range(n):
            y = next(years)
            make_skp(personas.pegawai, awal=dt.date(y, 1, 1), akhir=dt.date(y, 12, 31))

    counts = _budget(lambda: client.get(url), add)
    assert counts == (SKP_LIST, SKP_LIST)


def test_skp_riwayat(client, personas: Personas) -> None:
    client.force_login(personas.pegawai)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=_rhk_kasi(personas))
    url = reverse("skp:riwayat", args=[skp.pk])

    def add(n: int) -> None:
        for _ in range(n // 2):  # two history rows per round
            skp_services.skp_ajukan(skp=skp, actor=personas.pegawai)
            skp_services.skp_batal_ajukan(skp=skp, actor=personas.pegawai)

    counts = _budget(lambda: client.get(url), add)
    assert counts == (SKP_RIWAYAT, SKP_RIWAYAT)


def test_skp_inbox(client, personas: Personas) -> None:
    client.force_login(personas.pejabat_penilai)
    url = reverse("skp:inbox")
    jabatan = personas.p("pegawai").jabatan
    rhk_kasi = _rhk_kasi(personas)

    def add(n: int) -> None:
        users = [
            UserFactory(
                pegawai=PegawaiFactory(instansi=personas.instansi, jabatan=jabatan, unit_kerja=personas.seksi)
            )
            for _ in range(n)
        ]
        organisasi_services.penilai_rebuild(instansi=personas.instansi)
        for i, user in enumerate(users):
            user.pegawai.refresh_from_db()
            if i % 2:  # half of them with an SKP, half of those submitted
                skp = make_skp(user, rhk=1, rhk_atasan=rhk_kasi)
                if i % 4 == 1:
                    skp_services.skp_ajukan(skp=skp, actor=user)

    counts = _budget(lambda: client.get(url, {"tahun": TAHUN}), add)
    assert counts == (SKP_INBOX, SKP_INBOX)


# --- API ----------------------------------------------------------------------------------------


def test_api_pegawai_bawahan(client, personas: Personas) -> None:
    headers = bearer(personas.pejabat_penilai)
    url = f"{API}/pegawai/{personas.p('pejabat_penilai').nip}/bawahan"
    counts = _budget(
        lambda: client.get(url, headers=headers), _bawahan_of(personas, personas.pejabat_penilai)
    )
    assert Pegawai.objects.filter(pejabat_penilai=personas.p("pejabat_penilai")).count() == 103
    assert counts == (API_BAWAHAN, API_BAWAHAN)


def test_api_skp_daftar(client, personas: Personas) -> None:
    headers = bearer(personas.pejabat_penilai)
    nip = personas.p("pegawai").nip
    years = iter(range(TAHUN, TAHUN - 200, -1))

    def add(n: int) -> None:
        for _ in range(n):
            y = next(years)
            make_skp(personas.pegawai, awal=dt.date(y, 1, 1), akhir=dt.date(y, 12, 31))

    def get():
        return client.get(f"{API}/skp", {"pegawai": nip}, headers=headers)

    counts = _budget(get, add)
    assert len(get().json()) == 100
    assert counts == (API_SKP, API_SKP)


# Pinned budgets. Pages: 1 session + 1 user (with pegawai) come first; API: 1 token (with user).
PEGAWAI_LIST = 5  # session, user, COUNT(pegawai) for the paginator, units of the filter, one page
UNIT_TREE = 4  # session, user, every unit (pimpinan jabatan, pegawai count), the pimpinan holders
SKP_LIST = 3  # session, user, the SKP of the pegawai (with jabatan/unit joined)
SKP_RIWAYAT = 4  # session, user, the SKP (with pegawai), its history rows
SKP_INBOX = 3  # session, user, the bawahan with their latest SKP of the year as subqueries
API_BAWAHAN = 4  # token, the pegawai of {nip}, COUNT(bawahan) for the paginator, one page
API_SKP = 3  # token, the pegawai of ?pegawai=NIP, their SKP (not paginated)

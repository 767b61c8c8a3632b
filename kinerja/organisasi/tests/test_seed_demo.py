"""``manage.py seed_demo``: the demo instansi Pemerintah Kota Contoh (issue #2 point 8)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from kinerja.accounts.models import Role, User
from kinerja.core.testing.factories import InstansiFactory
from kinerja.organisasi import demo, rules
from kinerja.organisasi.enums import JenisJabatan, JenjangJF, StatusKepegawaian
from kinerja.organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja

ROLES = {"admin", "kepala_dinas", "kepala_bidang", "kepala_seksi", "fungsional", "pelaksana"}


def run(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Instansi, UnitKerja, Jabatan, Pegawai, User)]


@pytest.fixture
def seeded(db):
    return demo.seed_demo()


def by_role(result):
    return {p.role: Pegawai.objects.get(nip=p.nip) for p in result.personas}


def test_instansi_and_tree_at_least_four_levels_deep(seeded):
    instansi = Instansi.objects.get(kode="PEMKOT-CONTOH")
    assert (instansi.nama, instansi.tempat) == ("Pemerintah Kota Contoh", "Kota Contoh")
    dinas = UnitKerja.objects.get(instansi=instansi, nama="Dinas Komunikasi dan Informatika")
    deepest = UnitKerja.objects.filter(instansi=instansi).order_by("-kedalaman").first()
    chain = [*deepest.ancestor_ids, deepest.pk]
    assert dinas.pk in chain
    assert len(chain) >= 4
    assert len(chain[chain.index(dinas.pk) :]) >= 3  # dinas -> bidang -> seksi
    for unit in UnitKerja.objects.filter(instansi=instansi):
        assert unit.pimpinan_jabatan is not None
        parent_path = unit.parent.path if unit.parent else "/"
        assert unit.path == f"{parent_path}{unit.pk}/"
        assert Pegawai.objects.filter(unit_kerja=unit, jabatan=unit.pimpinan_jabatan).count() == 1


def test_at_least_forty_pegawai_each_with_a_valid_nip_and_an_account(seeded):
    pegawai = list(Pegawai.objects.filter(instansi=seeded.instansi))
    assert 50 <= len(pegawai) <= 60
    assert seeded.jumlah_pegawai == len(pegawai)
    for p in pegawai:
        info = rules.validate_nip(p.nip)
        tmt_tahun = info.tmt_tahun
        assert tmt_tahun >= info.tanggal_lahir.year + 18, p.nip
        assert (info.tmt_bulan is None) == (p.status_kepegawaian == StatusKepegawaian.PPPK), p.nip
        assert rules.golongan_error(p.status_kepegawaian, p.golongan) is None, p.nip
        assert p.email.endswith("@kotacontoh.example")
        p.full_clean()
        user = User.objects.get(username=p.nip)
        assert user.pegawai_id == p.pk
    assert sum(p.status_kepegawaian == StatusKepegawaian.PPPK for p in pegawai) >= 3
    assert {p.gelar_depan for p in pegawai} >= {"Dr.", "Ir."}


def test_nip_sex_digit_matches_the_table():
    nips = [demo.nip(urut, orang) for urut, orang in enumerate(demo.ORANG, start=1)]
    assert len(set(nips)) == len(nips)
    for nip, orang in zip(nips, demo.ORANG, strict=True):
        assert rules.validate_nip(nip).jenis_kelamin == orang.jk
        assert dt.date(int(orang.lahir[:4]), int(orang.lahir[4:6]), int(orang.lahir[6:]))


def test_every_required_jabatan_kind_is_held(seeded):
    held = Jabatan.objects.filter(instansi=seeded.instansi, pegawai__isnull=False).distinct()

    def names(**kw):
        return {j.nama for j in held.filter(**kw)}

    assert "Kepala Dinas Komunikasi dan Informatika" in names(jenis=JenisJabatan.JPT_PRATAMA)
    admin = names(jenis=JenisJabatan.ADMINISTRATOR)
    assert any(n.startswith("Sekretaris") for n in admin)
    assert any(n.startswith("Kepala Bidang") for n in admin)
    pengawas = names(jenis=JenisJabatan.PENGAWAS)
    assert any(n.startswith("Kepala Seksi") for n in pengawas)
    assert any(n.startswith("Kepala Subbagian") for n in pengawas)
    for jenjang in (JenjangJF.AHLI_PERTAMA, JenjangJF.AHLI_MUDA, JenjangJF.TERAMPIL):
        assert names(jenis=JenisJabatan.FUNGSIONAL, jenjang=jenjang)
    assert names(jenis=JenisJabatan.PELAKSANA) >= {
        "Pengadministrasi Perkantoran",
        "Pengelola Data",
        "Operator Layanan Operasional",
    }


def test_persona_chain(seeded):
    p = by_role(seeded)
    assert {x.role for x in seeded.personas} == ROLES
    assert p["kepala_dinas"].jabatan.jenis == JenisJabatan.JPT_PRATAMA
    assert p["kepala_bidang"].jabatan.jenis == JenisJabatan.ADMINISTRATOR
    assert p["kepala_seksi"].jabatan.jenis == JenisJabatan.PENGAWAS
    assert p["fungsional"].jabatan.jenis == JenisJabatan.FUNGSIONAL
    assert p["pelaksana"].jabatan.jenis == JenisJabatan.PELAKSANA
    for staff in ("fungsional", "pelaksana"):
        assert p[staff].pejabat_penilai == p["kepala_seksi"]
        assert p[staff].atasan_pejabat_penilai == p["kepala_bidang"]
    assert p["kepala_seksi"].pejabat_penilai == p["kepala_bidang"]
    assert p["kepala_bidang"].pejabat_penilai == p["kepala_dinas"]
    assert p["kepala_dinas"].pejabat_penilai.jabatan.nama == "Sekretaris Daerah"
    admin_user = User.objects.get(username=p["admin"].nip)
    assert admin_user.role == Role.ADMIN_INSTANSI
    assert admin_user.instansi_id == seeded.instansi.pk
    others = User.objects.filter(pegawai__instansi=seeded.instansi).exclude(pk=admin_user.pk)
    assert set(others.values_list("role", flat=True)) == {Role.PEGAWAI}


def test_json_prints_only_the_personas(db):
    data = json.loads(run("--json"))  # builds the demo first
    assert {d["role"] for d in data} == ROLES
    assert len(data) == 6
    for d in data:
        assert set(d) == {"role", "nip", "nama", "password"}
        assert d["password"] == demo.DEMO_PASSWORD
        assert Pegawai.objects.get(nip=d["nip"]).nama_lengkap == d["nama"]


def test_a_persona_can_log_in(seeded, client):
    persona = next(p for p in seeded.personas if p.role == "pelaksana")
    response = client.post("/akun/masuk/", {"username": persona.nip, "password": persona.password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username=persona.nip).pk)


def test_second_run_changes_nothing_and_keeps_a_changed_password(seeded):
    before = counts()
    user = User.objects.get(username=seeded.personas[1].nip)
    user.set_password("kata-sandi-baru-123")
    user.save()
    out = run()
    assert "0 pegawai, 0 akun" in out
    assert counts() == before
    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-123")
    assert not user.check_password(demo.DEMO_PASSWORD)


def test_rerun_repairs_a_changed_pegawai(seeded):
    pelaksana = Pegawai.objects.get(nip=seeded.personas[-1].nip)
    Pegawai.objects.filter(pk=pelaksana.pk).update(nama="Salah", golongan="IV/e")
    demo.seed_demo()
    pelaksana.refresh_from_db()
    assert (pelaksana.nama, pelaksana.golongan) == ("Dimas Aditya Nugroho", "II/c")


def test_if_empty_builds_on_an_empty_database(db):
    out = run("--if-empty")
    assert "Pemerintah Kota Contoh" in out
    assert Pegawai.objects.count() >= 40


def test_if_empty_skips_when_an_instansi_exists(db):
    InstansiFactory(kode="KAB-LAIN")
    out = run("--if-empty")
    assert "dilewati" in out
    assert not Instansi.objects.filter(kode="PEMKOT-CONTOH").exists()
    assert Pegawai.objects.count() == 0


def test_logins_lists_the_persona_nips(seeded):
    out = run("--logins")
    for persona in seeded.personas:
        assert persona.nip in out
        assert persona.role in out
    assert demo.DEMO_PASSWORD in out
    assert "http://127.0.0.1:8000/" in out


def test_logins_never_builds(db):
    out = run("--logins")
    assert "belum ada" in out
    assert not Instansi.objects.exists()

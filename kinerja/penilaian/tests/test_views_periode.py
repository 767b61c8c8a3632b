"""The evaluation pages of one SKP and one period: access, every write through the pages (htmx and
plain POST), refusals (400/403/404/409), escaping, and the query count of the period page.

The clock is frozen on 2 April 2026 by the package conftest (inside the filling window of
Triwulan I); tests that need a locked period move it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.core.testing.skp import make_approved
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating
from kinerja.penilaian.models import (
    BuktiDukung,
    Keberatan,
    Pembinaan,
    PustakaUmpanBalik,
    Realisasi,
    UmpanBalik,
)
from kinerja.penilaian.tests.conftest import nilai, periode, segarkan, skp_bawahan
from kinerja.skp.enums import CoreValue

HTMX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def url(name, *args):
    return reverse(f"penilaian:{name}", args=args)


@pytest.fixture
def tw1(skp_pegawai):
    return periode(skp_pegawai)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- access --------------------------------------------------------------------------------------


def test_owner_penilai_and_atasan_penilai_see_the_pages_a_peer_and_another_instansi_get_404(
    client, personas, skp_pegawai, tw1
):
    for name in ("pegawai", "pejabat_penilai", "atasan"):
        client.force_login(getattr(personas, name))
        assert client.get(url("periode", tw1.pk)).status_code == 200, name
        assert client.get(url("skp_periode", skp_pegawai.pk)).status_code == 200, name
    for name in ("rekan", "orang_lain"):
        client.force_login(getattr(personas, name))
        assert client.get(url("periode", tw1.pk)).status_code == 404, name
        assert client.get(url("skp_periode", skp_pegawai.pk)).status_code == 404, name
        response = client.post(url("realisasi", tw1.pk, 1), {"realisasi": "x"})
        assert response.status_code == 404, name


def test_skp_page_lists_the_periods_with_their_names_and_the_lock_badge(client, personas, skp_pegawai, jam):
    client.force_login(personas.pegawai)
    html = client.get(url("skp_periode", skp_pegawai.pk)).content.decode()
    for label in ("Triwulan I", "Triwulan II", "Triwulan IV", "Akhir"):
        assert label in html
    assert "terkunci" not in html  # 2 April: Triwulan I is still open
    jam.set(dt.date(2026, 4, 10))
    html = client.get(url("skp_periode", skp_pegawai.pk)).content.decode()
    assert html.count("bi-lock") == 1  # only Triwulan I is past its deadline


def test_saya_goes_to_my_approved_skp_or_explains_there_is_none(client, personas, skp_pegawai):
    client.force_login(personas.pegawai)
    response = client.get(url("saya"))
    assert response.status_code == 302 and response["Location"] == url("skp_periode", skp_pegawai.pk)
    client.force_login(personas.orang_lain)
    response = client.get(url("saya"))
    assert response.status_code == 200 and "belum memiliki SKP yang disetujui" in response.content.decode()


def test_skp_detail_shows_the_penilaian_button_when_approved(client, personas, skp_pegawai):
    client.force_login(personas.pegawai)
    html = client.get(reverse("skp:detail", args=[skp_pegawai.pk])).content.decode()
    assert url("skp_periode", skp_pegawai.pk) in html


# --- the pegawai ---------------------------------------------------------------------------------


def test_owner_saves_realisasi_inline_and_it_is_shown_escaped(client, personas, skp_pegawai, tw1):
    indikator = skp_pegawai.rhk.first().indikator.first()
    client.force_login(personas.pegawai)
    response = client.post(
        url("realisasi", tw1.pk, indikator.pk),
        {"realisasi": "<script>alert(1)</script> 3 dokumen", "sumber_data": "Aplikasi SIPD"},
        **HTMX,
    )
    html = response.content.decode()
    # htmx gets back only this indikator's form, saved (the hot path: no RHK block, no riwayat).
    assert response.status_code == 200 and html.lstrip().startswith(f'<form id="f-real-{indikator.pk}"')
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 3 dokumen" in html and "<script>alert(1)" not in html
    assert "Tersimpan." in html and "disimpan " in html and 'value="Aplikasi SIPD"' in html
    assert f'id="rhk-{indikator.rhk_id}"' not in html and "hx-swap-oob" not in html
    real = Realisasi.objects.get(periode=tw1, indikator=indikator)
    assert real.sumber_data == "Aplikasi SIPD"

    client.force_login(personas.pejabat_penilai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Aplikasi SIPD" in html


def test_realisasi_without_js_redirects_back_with_a_message(client, personas, skp_pegawai, tw1):
    indikator = skp_pegawai.rhk.first().indikator.first()
    client.force_login(personas.pegawai)
    response = client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": "12 laporan"})
    assert response.status_code == 302
    assert response["Location"] == url("periode", tw1.pk) + f"#f-real-{indikator.pk}"
    assert "Realisasi disimpan." in client.get(response["Location"]).content.decode()


def test_empty_realisasi_is_refused_in_indonesian(client, personas, skp_pegawai, tw1):
    indikator = skp_pegawai.rhk.first().indikator.first()
    client.force_login(personas.pegawai)
    response = client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": " "}, **HTMX)
    assert response.status_code == 400 and "Realisasi wajib diisi." in response.content.decode()


def test_realisasi_on_an_indikator_of_another_skp_is_refused_and_nothing_is_written(
    client, personas, skp_pegawai, skp_rekan, tw1
):
    indikator = skp_rekan.rhk.first().indikator.first()
    client.force_login(personas.pegawai)
    response = client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": "x"}, **HTMX)
    assert response.status_code == 400
    assert "bukan bagian dari SKP periode ini" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_saving_a_realisasi_costs_the_same_queries_for_a_small_and_a_large_skp(
    client, personas, rantai, django_assert_num_queries
):
    kecil = skp_bawahan(personas.pegawai, personas, rantai, rhk=1)
    besar = skp_bawahan(personas.rekan, personas, rantai, rhk=10, indikator=3)
    for skp, user in ((kecil, personas.pegawai), (besar, personas.rekan)):
        p = periode(skp)
        indikator = skp.rhk.last().indikator.last()
        client.force_login(user)
        # 1 session, 2 user; 3 the owner's period; in the service's atomic block (a savepoint pair
        # inside the test's transaction): 4-5 savepoint, 6 the period locked with the indikator
        # check, 7 the upsert.
        with django_assert_num_queries(7) as ctx:
            response = client.post(url("realisasi", p.pk, indikator.pk), {"realisasi": "x"}, **HTMX)
        assert response.status_code == 200, response.content
        # The owner's period without the visibility subquery (the hierarchy table is not read).
        assert not any("rantaiatasan" in q["sql"] for q in ctx.captured_queries)
        assert Realisasi.objects.get(periode=p, indikator=indikator).realisasi == "x"


def test_only_the_owner_may_post_realisasi(client, personas, skp_pegawai, tw1):
    indikator = skp_pegawai.rhk.first().indikator.first()
    client.force_login(personas.pejabat_penilai)
    assert client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": "x"}).status_code == 403
    assert not Realisasi.objects.exists()


def test_a_period_past_its_deadline_is_locked_409_and_the_page_says_why(
    client, personas, skp_pegawai, tw1, jam
):
    indikator = skp_pegawai.rhk.first().indikator.first()
    jam.set(dt.date(2026, 4, 10))
    client.force_login(personas.pegawai)
    response = client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": "x"}, **HTMX)
    assert response.status_code == 409 and "sudah terkunci" in response.content.decode()
    response = client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": "x"})
    assert response.status_code == 409
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "Batas pengisian (05-04-2026) sudah lewat" in html
    assert f'id="f-real-{indikator.pk}"' not in html

    services.buka_kunci(
        actor=personas.admin,
        tahun=2026,
        jenis=JenisPeriode.TRIWULAN,
        nomor=1,
        sampai=dt.date(2026, 4, 20),
        alasan="Gangguan jaringan",
        pegawai=personas.p("pegawai"),
    )
    response = client.post(url("realisasi", tw1.pk, indikator.pk), {"realisasi": "x"}, **HTMX)
    assert response.status_code == 200


def test_a_javascript_link_is_refused_with_the_indonesian_message(client, personas, skp_pegawai, tw1):
    rhk = skp_pegawai.rhk.first()
    client.force_login(personas.pegawai)
    response = client.post(
        url("bukti_tautan", tw1.pk),
        {"rhk_id": rhk.pk, "nama": "Laporan", "url": "javascript:alert(1)"},
        HTTP_HX_TRIGGER=f"f-tautan-{rhk.pk}",
        **HTMX,
    )
    assert response.status_code == 400
    assert "Tautan harus diawali http:// atau https://." in response.content.decode()
    assert response["HX-Retarget"] == f"#f-tautan-{rhk.pk} .form-errors"
    assert not BuktiDukung.objects.exists()


def test_a_link_opens_in_a_new_tab_without_opener_and_can_be_deleted(client, personas, skp_pegawai, tw1):
    rhk = skp_pegawai.rhk.first()
    client.force_login(personas.pegawai)
    response = client.post(
        url("bukti_tautan", tw1.pk),
        {"rhk_id": rhk.pk, "nama": "Notulen", "url": "https://drive.example.go.id/notulen"},
        **HTMX,
    )
    html = response.content.decode()
    assert 'href="https://drive.example.go.id/notulen" target="_blank" rel="noopener noreferrer"' in html
    bukti = BuktiDukung.objects.get()
    assert 'hx-confirm="Hapus bukti dukung ini?"' in html
    assert client.post(url("bukti_hapus", bukti.pk), **HTMX).status_code == 200
    assert not BuktiDukung.objects.exists()


def test_a_pdf_upload_is_kept_and_downloaded_as_an_attachment_only_by_who_may_see_it(
    client, personas, skp_pegawai, tw1
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rhk = skp_pegawai.rhk.first()
    client.force_login(personas.pegawai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "Paling besar 10 MB" in html and "PDF" in html and 'enctype="multipart/form-data"' in html
    upload = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url("bukti_berkas", tw1.pk), {"rhk_id": rhk.pk, "nama": "", "berkas": upload}, **HTMX
    )
    assert response.status_code == 200
    bukti = BuktiDukung.objects.get()
    assert bukti.content_type == "application/pdf" and bukti.nama == "laporan.pdf"
    assert url("bukti_unduh", bukti.pk) in response.content.decode()

    client.force_login(personas.pejabat_penilai)
    response = client.get(url("bukti_unduh", bukti.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    client.force_login(personas.orang_lain)
    assert client.get(url("bukti_unduh", bukti.pk)).status_code == 404


def test_an_html_upload_is_refused(client, personas, skp_pegawai, tw1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rhk = skp_pegawai.rhk.first()
    client.force_login(personas.pegawai)
    upload = SimpleUploadedFile(
        "x.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post(url("bukti_berkas", tw1.pk), {"rhk_id": rhk.pk, "berkas": upload}, **HTMX)
    assert response.status_code == 400 and "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not BuktiDukung.objects.exists()


def test_owner_adds_a_rencana_aksi(client, personas, skp_pegawai, tw1):
    rhk = skp_pegawai.rhk.first()
    client.force_login(personas.pegawai)
    response = client.post(
        url("rencana_aksi", tw1.pk), {"rhk_id": rhk.pk, "uraian": "Menyusun draf", "target": "1 draf"}, **HTMX
    )
    assert response.status_code == 200 and "Menyusun draf" in response.content.decode()


# --- the pejabat penilai -------------------------------------------------------------------------


def test_penilai_gives_feedback_with_an_emoji_and_the_owner_sees_it_at_once(
    client, personas, skp_pegawai, tw1
):
    rhk = skp_pegawai.rhk.first()
    PustakaUmpanBalik.objects.create(instansi=personas.instansi, kalimat="Pertahankan kualitas laporan.")
    client.force_login(personas.pejabat_penilai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "Pertahankan kualitas laporan." in html and 'value="👍"' in html
    response = client.post(
        url("umpan_balik", tw1.pk), {"rhk_id": rhk.pk, "isi": "Rapi", "emoji": "👍"}, **HTMX
    )
    assert response.status_code == 200 and "👍 Rapi" in response.content.decode()
    response = client.post(
        url("umpan_balik", tw1.pk), {"core_value": CoreValue.AKUNTABEL, "isi": "Tepat waktu"}, **HTMX
    )
    assert response.status_code == 200 and 'id="perilaku"' in response.content.decode()
    assert UmpanBalik.objects.count() == 2

    client.force_login(personas.pegawai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "👍 Rapi" in html and "Tepat waktu" in html
    assert 'id="f-ub-' not in html  # the owner reads feedback, does not write it


def test_only_the_penilai_may_give_feedback_or_rate(client, personas, skp_pegawai, tw1):
    rhk = skp_pegawai.rhk.first()
    for name in ("pegawai", "atasan"):
        client.force_login(getattr(personas, name))
        assert client.post(url("umpan_balik", tw1.pk), {"rhk_id": rhk.pk, "isi": "x"}).status_code == 403
        response = client.post(
            url("penilaian", tw1.pk),
            {
                "rating_hasil_kerja": Rating.DI_ATAS_EKSPEKTASI,
                "rating_perilaku_kerja": Rating.DI_ATAS_EKSPEKTASI,
            },
        )
        assert response.status_code == 403, name
    assert segarkan(tw1).predikat == ""


def test_rating_shows_the_predikat_and_after_tetapkan_rating_again_is_409(client, personas, skp_pegawai, tw1):
    client.force_login(personas.pejabat_penilai)
    ratings = {
        "rating_hasil_kerja": Rating.DI_ATAS_EKSPEKTASI,
        "rating_perilaku_kerja": Rating.DI_ATAS_EKSPEKTASI,
    }
    response = client.post(url("penilaian", tw1.pk), {**ratings, "deskripsi": "Melampaui target"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="penilaian"' in html and "Sangat Baik" in html
    assert 'id="periode-status" hx-swap-oob="true"' in html
    assert segarkan(tw1).predikat == PredikatPegawai.SANGAT_BAIK

    response = client.post(url("tetapkan", tw1.pk), **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == url("periode", tw1.pk) + "#penilaian"
    assert segarkan(tw1).status == "DITETAPKAN"
    response = client.post(url("penilaian", tw1.pk), ratings, **HTMX)
    assert response.status_code == 409 and "sudah ditetapkan" in response.content.decode()


def test_a_distribution_breach_asks_for_a_reason_then_finalises(client, personas, skp_pegawai, tw1):
    # BAIK needs at least one Butuh Perbaikan/Kurang in the unit (domain.md §0.2): a lone Baik breaks it.
    services.predikat_organisasi_set(
        unit=personas.seksi,
        actor=personas.admin,
        tahun=2026,
        jenis=JenisPeriode.TRIWULAN,
        nomor=1,
        predikat=PredikatOrganisasi.BAIK,
    )
    client.force_login(personas.pejabat_penilai)
    nilai(tw1, personas.pejabat_penilai)
    response = client.post(url("tetapkan", tw1.pk), **HTMX)
    html = response.content.decode()
    assert response.status_code == 400 and "tidak sesuai pola distribusi" in html
    assert 'name="alasan_distribusi"' in html and "required" in html
    response = client.post(url("tetapkan", tw1.pk), {"alasan_distribusi": "Unit hanya satu pegawai."})
    assert response.status_code == 302
    assert segarkan(tw1).alasan_distribusi == "Unit hanya satu pegawai."
    assert "Unit hanya satu pegawai." in client.get(url("periode", tw1.pk)).content.decode()


def test_the_akhir_period_shows_the_periodic_predikat_and_the_suggestion(client, personas, skp_pegawai):
    nilai(
        periode(skp_pegawai), personas.pejabat_penilai, Rating.DI_ATAS_EKSPEKTASI, Rating.DI_ATAS_EKSPEKTASI
    )
    akhir = periode(skp_pegawai, JenisPeriode.AKHIR, 1)
    client.force_login(personas.pejabat_penilai)
    html = client.get(url("periode", akhir.pk)).content.decode()
    assert "Predikat periodik" in html and "Saran predikat akhir: Sangat Baik" in html


def test_pembinaan_is_recorded_by_the_penilai_and_seen_by_the_pegawai(client, personas, skp_pegawai, tw1):
    client.force_login(personas.pegawai)
    data = {"jenis": "COACHING", "tanggal": "2026-04-01", "topik": "Penyusunan laporan"}
    assert client.post(url("pembinaan", tw1.pk), data).status_code == 403
    client.force_login(personas.pejabat_penilai)
    response = client.post(url("pembinaan", tw1.pk), {**data, "tindak_lanjut": "Pelatihan Excel"}, **HTMX)
    assert response.status_code == 200 and 'id="pembinaan"' in response.content.decode()
    assert Pembinaan.objects.get().topik == "Penyusunan laporan"
    client.force_login(personas.pegawai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "Penyusunan laporan" in html and "Pelatihan Excel" in html and 'id="f-pembinaan"' not in html


# --- keberatan -----------------------------------------------------------------------------------


def test_keberatan_flow_through_the_pages(client, personas, skp_pegawai, tw1):
    nilai(tw1, personas.pejabat_penilai, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI)
    services.periode_tetapkan(periode=tw1, actor=personas.pejabat_penilai)

    client.force_login(personas.pegawai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "paling lambat 16-04-2026" in html  # ditetapkan 2 April + 14 hari
    response = client.post(url("keberatan_ajukan", tw1.pk), {"alasan": "Bukti <b>belum</b> dipertimbangkan."})
    assert response.status_code == 302
    assert segarkan(tw1).status == "KEBERATAN"

    client.force_login(personas.pejabat_penilai)
    response = client.post(url("keberatan_jelaskan", tw1.pk), {"penjelasan": "Bukti sudah dinilai."}, **HTMX)
    assert response.status_code == 200 and "Bukti sudah dinilai." in response.content.decode()
    assert client.post(url("keberatan_putuskan", tw1.pk), {"catatan": "x"}).status_code == 403

    client.force_login(personas.atasan)
    response = client.post(
        url("keberatan_putuskan", tw1.pk),
        {"catatan": "Diterima sebagian.", "predikat": PredikatPegawai.BAIK},
        **HTMX,
    )
    assert response.status_code == 200 and "HX-Redirect" in response
    keberatan = Keberatan.objects.get()
    assert keberatan.predikat_keputusan == PredikatPegawai.BAIK and segarkan(tw1).status == "FINAL"

    client.force_login(personas.pegawai)
    html = client.get(url("periode", tw1.pk)).content.decode()
    assert "Bukti &lt;b&gt;belum&lt;/b&gt; dipertimbangkan." in html
    assert "Bukti sudah dinilai." in html and "Diterima sebagian." in html and "Predikat final: Baik" in html


# --- query count ---------------------------------------------------------------------------------


def halaman_periode_queries(client, django_assert_num_queries, user, p, n=12):
    client.force_login(user)
    # 1 session, 2 user (with its pegawai)  -- the auth middleware
    # 3 the period with SKP, people and keberatan (access check inside)
    # 4 the SKP's perilaku (prefetch)
    # 5 RHK, 6 their indikator, 7 realisasi, 8 bukti, 9 umpan balik, 10 rencana aksi,
    # 11 pembinaan, 12 riwayat  -- selectors.periode_detail
    # The lock costs nothing before the deadline; no pustaka or pengaturan for the owner here.
    # The pejabat penilai: + 13 the instansi's pustaka umpan balik (once for the whole page),
    # + 14 the pengaturan, 15 the unit's predikat organisasi, 16 its population: the distribution.
    with django_assert_num_queries(n):
        response = client.get(url("periode", p.pk))
    assert response.status_code == 200
    return response


def test_the_period_page_query_count_does_not_grow_with_the_number_of_rhk(
    client, personas, rantai, django_assert_num_queries
):
    kecil = skp_bawahan(personas.pegawai, personas, rantai, rhk=1)
    besar = skp_bawahan(personas.rekan, personas, rantai, rhk=10, indikator=2)
    for skp, user in ((kecil, personas.pegawai), (besar, personas.rekan)):
        p = periode(skp)
        for rhk in skp.rhk.all():
            indikator = rhk.indikator.first()
            services.realisasi_simpan(
                periode=p, indikator=indikator, actor=user, realisasi="1", sumber_data=""
            )
            services.bukti_tambah_tautan(
                periode=p, rhk_id=rhk.pk, actor=user, nama="Bukti", url="https://contoh.go.id/b"
            )
            services.umpan_balik_tambah(periode=p, actor=personas.pejabat_penilai, isi="Baik", rhk_id=rhk.pk)
        html = halaman_periode_queries(client, django_assert_num_queries, user, p).content.decode()
        assert html.count('<article id="rhk-') == skp.rhk.count()
        halaman_periode_queries(client, django_assert_num_queries, personas.pejabat_penilai, p, n=16)


def test_an_rhk_of_another_skp_is_refused(client, personas, rantai, skp_pegawai, tw1):
    other = make_approved(
        personas.rekan, personas.pejabat_penilai, rhk=1, rhk_atasan=list(rantai.pejabat_penilai.rhk.all())
    )
    client.force_login(personas.pegawai)
    response = client.post(
        url("bukti_tautan", tw1.pk),
        {"rhk_id": other.rhk.first().pk, "nama": "x", "url": "https://a.go.id"},
        **HTMX,
    )
    assert response.status_code == 400 and "bukan bagian dari SKP" in response.content.decode()


def test_the_rating_block_shows_the_units_distribution_to_the_penilai(client, personas, rantai):
    skp = skp_bawahan(personas.pegawai, personas, rantai)
    p = periode(skp)
    services.predikat_organisasi_set(
        unit=personas.seksi, actor=personas.atasan, tahun=2026, jenis="TRIWULAN", nomor=1, predikat="BAIK"
    )
    nilai(p, personas.pejabat_penilai, "SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI")
    client.force_login(personas.pejabat_penilai)
    html = client.get(url("periode", p.pk)).content.decode()
    assert "Distribusi predikat Seksi Uji" in html
    # One Baik in a unit with predikat organisasi Baik breaks "at least one Butuh Perbaikan/Kurang".
    assert "Butuh Perbaikan dan/atau Kurang/Misconduct sekurang-kurangnya 1 dari 1 orang" in html
    client.force_login(personas.pegawai)
    assert "Distribusi predikat" not in client.get(url("periode", p.pk)).content.decode()

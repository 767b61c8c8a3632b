"""The organisation pages: content, access (allowed, forbidden, not visible) and query counts."""

import pytest
from django.urls import reverse

from kinerja.core.testing.factories import PegawaiFactory
from kinerja.organisasi import services
from kinerja.organisasi.models import RiwayatPejabatPenilai


def detail_url(p):
    return reverse("organisasi:pegawai_detail", args=[p.nip])


@pytest.mark.parametrize(
    "url", ["/", "/organisasi/unit/", "/organisasi/pegawai/", "/organisasi/pegawai/198501012010011001/"]
)
def test_every_page_asks_an_anonymous_visitor_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_home_shows_my_name_jabatan_and_pejabat_penilai(client, personas):
    client.force_login(personas.pegawai)
    html = client.get("/").content.decode()
    assert personas.p("pegawai").nama in html
    assert "Pengadministrasi Umum" in html
    assert personas.p("pejabat_penilai").nama in html
    assert personas.p("atasan").nama in html  # atasan pejabat penilai


def test_home_of_a_pejabat_penilai_lists_their_bawahan(client, personas):
    client.force_login(personas.pejabat_penilai)
    html = client.get("/").content.decode()
    for name in ("pegawai", "rekan", "fungsional"):
        assert personas.p(name).nama in html


def test_the_unit_tree_shows_every_level_with_its_pimpinan(client, personas):
    client.force_login(personas.pegawai)
    html = client.get("/organisasi/unit/").content.decode()
    for unit in (personas.dinas, personas.bidang, personas.seksi):
        assert unit.nama in html
    assert personas.p("pejabat_penilai").nama in html
    assert "Pemerintah Kabupaten Lain" not in html


def test_a_pegawai_sees_self_atasan_chain_and_not_a_peer(client, personas):
    client.force_login(personas.pegawai)
    for name in ("pegawai", "pejabat_penilai", "atasan", "kepala_dinas"):
        assert client.get(detail_url(personas.p(name))).status_code == 200
    assert client.get(detail_url(personas.p("rekan"))).status_code == 404
    assert client.get(detail_url(personas.p("orang_lain"))).status_code == 404


def test_a_pejabat_penilai_sees_direct_and_indirect_bawahan(client, personas):
    client.force_login(personas.atasan)
    assert client.get(detail_url(personas.p("pejabat_penilai"))).status_code == 200
    assert client.get(detail_url(personas.p("pegawai"))).status_code == 200  # indirect
    assert client.get(detail_url(personas.p("admin"))).status_code == 404  # in the dinas, not below


def test_an_admin_sees_the_whole_instansi_but_not_another(client, personas):
    client.force_login(personas.admin)
    assert client.get(detail_url(personas.p("rekan"))).status_code == 200
    assert client.get(detail_url(personas.p("orang_lain"))).status_code == 404


def test_the_detail_page_shows_atasan_chain_and_bawahan(client, personas):
    client.force_login(personas.pejabat_penilai)
    html = client.get(detail_url(personas.p("pejabat_penilai"))).content.decode()
    assert personas.p("atasan").nama in html and personas.p("kepala_dinas").nama in html
    assert personas.p("pegawai").nama in html and personas.p("fungsional").nama in html


def test_the_list_shows_only_visible_pegawai(client, personas):
    client.force_login(personas.pejabat_penilai)
    html = client.get("/organisasi/pegawai/").content.decode()
    assert personas.p("pegawai").nama in html
    assert personas.p("admin").nama not in html
    assert personas.p("orang_lain").nama not in html


def test_the_list_searches_by_name_and_nip_and_filters_by_unit(client, personas):
    client.force_login(personas.admin)
    html = client.get("/organisasi/pegawai/", {"q": "dewi"}).content.decode()
    assert personas.p("pegawai").nama in html and personas.p("rekan").nama not in html
    html = client.get("/organisasi/pegawai/", {"q": personas.p("rekan").nip[:16]}).content.decode()
    assert personas.p("rekan").nama in html
    html = client.get("/organisasi/pegawai/", {"unit": personas.bidang.pk}).content.decode()
    assert personas.p("atasan").nama in html and personas.p("pegawai").nama in html  # bidang + seksi
    assert detail_url(personas.p("kepala_dinas")) not in html  # listed only as a pejabat penilai


def test_filtering_by_a_unit_of_another_instansi_is_not_found(client, personas):
    other = personas.p("orang_lain").unit_kerja
    client.force_login(personas.admin)
    assert client.get("/organisasi/pegawai/", {"unit": other.pk}).status_code == 404


def test_the_list_answers_htmx_with_only_the_rows(client, personas):
    client.force_login(personas.admin)
    html = client.get("/organisasi/pegawai/", {"q": "dewi"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<table" in html and '<nav class="navbar' not in html


def _seed_rows(personas, n):
    for i in range(n):
        PegawaiFactory(
            instansi=personas.instansi,
            unit_kerja=personas.seksi,
            jabatan=personas.p("pegawai").jabatan,
            nip=f"19900101201501{1 + i % 2}{100 + i:03d}",
        )
    services.penilai_rebuild(instansi=personas.instansi)


@pytest.mark.parametrize("extra", [3, 40])
def test_the_list_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries, extra):
    _seed_rows(personas, extra)
    client.force_login(personas.admin)
    # 1 session, 2 user (+pegawai), 3 count, 4 page rows with jabatan/unit/penilai, 5 units for the filter
    with django_assert_num_queries(5):
        response = client.get("/organisasi/pegawai/")
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [3, 40])
def test_the_detail_query_count_does_not_grow_with_bawahan(
    client, personas, django_assert_num_queries, extra
):
    _seed_rows(personas, extra)
    client.force_login(personas.pejabat_penilai)
    # session, user, pegawai lookup, penetapan, riwayat, rantai atasan, bawahan, indirect count, is_admin
    with django_assert_num_queries(8):
        response = client.get(detail_url(personas.p("pejabat_penilai")))
    assert len(response.context["detail"].bawahan_langsung) == extra + 3


def test_an_admin_sets_a_penetapan_from_the_page(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        reverse("organisasi:penetapan_penilai", args=[personas.p("pegawai").nip]),
        {"nip_pejabat_penilai": personas.p("atasan").nip, "jenis": "PLT", "alasan": "Sprint 1/2026"},
        follow=True,
    )
    assert "ditetapkan" in response.content.decode()
    assert RiwayatPejabatPenilai.objects.filter(pegawai=personas.p("pegawai"), actor=personas.admin).exists()


def test_a_bad_penetapan_shows_the_reason_and_changes_nothing(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        reverse("organisasi:penetapan_penilai", args=[personas.p("atasan").nip]),
        {"nip_pejabat_penilai": personas.p("pejabat_penilai").nip, "jenis": "PLT", "alasan": "x"},
        follow=True,
    )
    assert "siklus atasan" in response.content.decode()
    assert not RiwayatPejabatPenilai.objects.exists()


def test_a_pejabat_penilai_cannot_set_a_penetapan(client, personas):
    client.force_login(personas.pejabat_penilai)
    response = client.post(
        reverse("organisasi:penetapan_penilai", args=[personas.p("pegawai").nip]),
        {"nip_pejabat_penilai": personas.p("atasan").nip, "jenis": "PLT", "alasan": "x"},
    )
    assert response.status_code == 403
    assert not RiwayatPejabatPenilai.objects.exists()


def test_an_admin_of_another_instansi_cannot_even_see_the_pegawai(client, personas):
    personas.orang_lain.role = "ADMIN_INSTANSI"
    personas.orang_lain.save()
    client.force_login(personas.orang_lain)
    response = client.post(
        reverse("organisasi:reset_password", args=[personas.p("pegawai").nip]),
    )
    assert response.status_code == 404


def test_an_admin_resets_a_password_and_the_pegawai_must_change_it(client, personas):
    client.force_login(personas.admin)
    response = client.post(reverse("organisasi:reset_password", args=[personas.p("pegawai").nip]))
    raw = response.context["raw"]
    assert "no-store" in response["Cache-Control"]
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": personas.p("pegawai").nip, "password": raw}
    )
    assert response.status_code == 302
    assert client.get("/").url == reverse("accounts:password_change")

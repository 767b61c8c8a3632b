"""The pohon kinerja (issue #5): who sees what, the parent/child links, the markers, the query count."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.penilaian.tests import conftest as pc
from kinerja.skp.models import Skp

# The frozen clock of the penilaian tests (2 April 2026).
jam = pc.jam


@pytest.fixture
def kaskade(personas):
    """Kepala Dinas (draft, 2 RHK) <- Kepala Bidang (RHK 1 intervenes Kadis RHK 1) <- Kepala Seksi
    <- Dewi (2 RHK intervening the Kasi's); Rudi's RHK intervenes nothing; Putu has no SKP.
    Kadis RHK 2 is intervened by nobody although the Kadis rates the Kepala Bidang."""
    kadis = make_skp(personas.kepala_dinas, rhk=2)
    kadis_rhk = list(kadis.rhk.order_by("urutan"))
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=kadis_rhk[:1])
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    dewi = make_approved(personas.pegawai, personas.pejabat_penilai, rhk=2, rhk_atasan=list(kasi.rhk.all()))
    rudi = make_skp(personas.rekan, rhk=1)
    return {"kadis": kadis_rhk, "kabid": kabid, "kasi": kasi, "dewi": dewi, "rudi": rudi}


def _walk(simpul_list, depth=0):
    for s in simpul_list:
        yield s, depth
        yield from _walk(s.anak, depth + 1)


def _rhk_ids(response) -> set[int]:
    return {s.rhk.pk for s, _ in _walk(response.context["pohon"].akar)}


def test_the_admin_sees_the_whole_cascade_with_its_links(client, personas, kaskade):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN})
    assert response.status_code == 200
    akar = response.context["pohon"].akar
    kadis1, kadis2 = kaskade["kadis"]
    rudi_rhk = kaskade["rudi"].rhk.get()
    assert [s.rhk.pk for s in akar] == [kadis1.pk, kadis2.pk, rudi_rhk.pk]
    kabid = akar[0].anak[0]
    assert kabid.rhk.skp.pegawai.nama == "Siti Aminah"
    kasi = kabid.anak[0]
    assert [s.rhk.skp.pegawai.nama for s in kasi.anak] == ["Dewi Lestari", "Dewi Lestari"]
    assert response.context["pohon"].jumlah == 7


def test_it_marks_rhk_that_intervene_nothing_and_atasan_rhk_nobody_intervenes(client, personas, kaskade):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN})
    nodes = {s.rhk.pk: s for s, _ in _walk(response.context["pohon"].akar)}
    kadis1, kadis2 = kaskade["kadis"]
    rudi_rhk = kaskade["rudi"].rhk.get()
    assert nodes[rudi_rhk.pk].tidak_mengintervensi
    assert nodes[kadis2.pk].belum_diintervensi
    assert not nodes[kadis1.pk].belum_diintervensi and not nodes[kadis1.pk].tidak_mengintervensi
    # Dewi rates nobody: her RHK without children are not "belum diintervensi".
    assert not any(s.belum_diintervensi for s in nodes.values() if s.rhk.skp.pegawai.nama == "Dewi Lestari")
    html = response.content.decode()
    assert (
        html.count('class="badge text-bg-light border border-warning text-warning-emphasis penanda-tidak"')
        == 1
    )
    assert html.count("penanda-belum") == 1
    # Collapsed below depth 2 (the Kasi's RHK at depth 2 starts closed), keyboard-usable summaries.
    assert re.search(rf'data-rhk="{kadis1.pk}"[^>]*><details open>', html)
    kasi_rhk = kaskade["kasi"].rhk.get()
    assert re.search(rf'data-rhk="{kasi_rhk.pk}"[^>]*><details><summary>', html)
    assert 'data-pohon="buka"' in html and 'data-pohon="tutup"' in html


def test_a_pegawai_sees_the_tree_under_their_rhk_with_their_atasan_greyed(client, personas, kaskade):
    client.force_login(personas.pejabat_penilai)
    response = client.get(reverse("laporan:pohon"))
    nodes = {s.rhk.pk: (s, d) for s, d in _walk(response.context["pohon"].akar)}
    kadis1, kadis2 = kaskade["kadis"]
    kasi_rhk = kaskade["kasi"].rhk.get()
    assert kadis2.pk not in nodes  # not on the path above the Kasi
    assert kaskade["rudi"].rhk.get().pk not in nodes  # does not intervene the Kasi
    assert nodes[kadis1.pk][0].redup and nodes[kadis1.pk][1] == 0
    assert not nodes[kasi_rhk.pk][0].redup and nodes[kasi_rhk.pk][1] == 2
    assert {pk for pk in nodes} == {kadis1.pk, kaskade["kabid"].rhk.get().pk, kasi_rhk.pk} | set(
        kaskade["dewi"].rhk.values_list("pk", flat=True)
    )
    html = response.content.decode()
    assert re.search(
        rf'data-rhk="{kadis1.pk}" data-redup="1"><details open><summary class="pohon-redup">', html
    )
    # The user's own RHK starts open although it is at depth 2.
    assert re.search(rf'data-rhk="{kasi_rhk.pk}"><details open><summary>', html)


def test_a_staff_member_sees_only_their_own_rhk_and_the_chain_above(client, personas, kaskade):
    client.force_login(personas.rekan)
    response = client.get(reverse("laporan:pohon"))
    assert _rhk_ids(response) == {kaskade["rudi"].rhk.get().pk}


def test_another_instansi_sees_nothing_of_this_one(client, personas, kaskade):
    client.force_login(personas.orang_lain)
    response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN})
    assert response.status_code == 200
    assert response.context["pohon"].akar == []
    html = response.content.decode()
    for nama in ("Budi Santoso", "Siti Aminah", "Dewi Lestari", "Rencana hasil kerja", "Dinas Uji"):
        assert nama not in html
    # Nor by choosing one of its units.
    response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN, "unit": personas.dinas.pk})
    assert response.context["pohon"].akar == [] and "Dinas Uji" not in response.content.decode()


def test_the_unit_filter_starts_from_the_units_highest_rhk(client, personas, kaskade):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN, "unit": personas.bidang.pk})
    akar = response.context["pohon"].akar
    assert [s.rhk.pk for s in akar] == [kaskade["kabid"].rhk.get().pk, kaskade["rudi"].rhk.get().pk]


def test_replaced_skp_versions_are_left_out(client, personas, kaskade):
    Skp.objects.filter(pk=kaskade["dewi"].pk).update(status=Skp.Status.DIGANTI)
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN})
    assert not set(kaskade["dewi"].rhk.values_list("pk", flat=True)) & _rhk_ids(response)


@pytest.mark.parametrize("extra", [1, 6])
def test_the_pohon_query_count_does_not_grow(client, personas, kaskade, django_assert_num_queries, extra):
    kasi_rhk = list(kaskade["kasi"].rhk.all())
    for i in range(extra):
        user = UserFactory(
            pegawai=PegawaiFactory(
                instansi=personas.instansi,
                nama=f"Staf {i}",
                jabatan=personas.p("pegawai").jabatan,
                unit_kerja=personas.seksi,
                pejabat_penilai=personas.p("pejabat_penilai"),
            )
        )
        make_skp(user, rhk=2, rhk_atasan=kasi_rhk)
    client.force_login(personas.admin)
    # session, user with pegawai, instansi, units, all RHK of the year, latest predikat per pegawai
    with django_assert_num_queries(6):
        response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN})
    assert response.context["pohon"].jumlah == 7 + 2 * extra
    client.force_login(personas.pejabat_penilai)
    # session, user with pegawai, visible pegawai, units, all RHK, latest predikat
    with django_assert_num_queries(6):
        response = client.get(reverse("laporan:pohon"), {"tahun": TAHUN})

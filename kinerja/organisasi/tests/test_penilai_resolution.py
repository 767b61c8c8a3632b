from kinerja.organisasi import services
from kinerja.organisasi.models import RantaiAtasan


def test_it_resolves_the_pejabat_penilai_from_the_tree(personas):
    pegawai = personas.p("pegawai")
    assert pegawai.pejabat_penilai_id == personas.p("pejabat_penilai").pk
    assert pegawai.atasan_pejabat_penilai_id == personas.p("atasan").pk


def test_a_unit_head_is_rated_by_the_head_above(personas):
    kasi = personas.p("pejabat_penilai")
    assert kasi.pejabat_penilai_id == personas.p("atasan").pk
    assert kasi.atasan_pejabat_penilai_id == personas.p("kepala_dinas").pk
    assert personas.p("kepala_dinas").pejabat_penilai_id is None


def test_the_closure_holds_every_atasan_with_its_depth(personas):
    rows = dict(
        RantaiAtasan.objects.filter(pegawai=personas.p("pegawai")).values_list("atasan_id", "kedalaman")
    )
    assert rows == {
        personas.p("pejabat_penilai").pk: 1,
        personas.p("atasan").pk: 2,
        personas.p("kepala_dinas").pk: 3,
    }


def test_rebuilding_an_unchanged_organisation_writes_nothing(personas):
    result = services.penilai_rebuild(instansi=personas.instansi)
    assert (result.pegawai_diubah, result.rantai_ditambah, result.rantai_dihapus) == (0, 0, 0)

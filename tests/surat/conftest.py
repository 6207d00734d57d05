import pytest

from tests.surat import siapan


@pytest.fixture
def perangkat(desa, admin_desa):
    return siapan.siapkan_perangkat(admin_desa)


@pytest.fixture
def keluarga(keluarga_budi):
    """The shared village's Budi family, under the letter tests' name."""
    return keluarga_budi


@pytest.fixture
def jenis(db):
    return siapan.jenis_bawaan()


@pytest.fixture
def surat_siap_ttd(jenis, keluarga, operator, sekretaris, perangkat):
    """An SKTM for the family head, verified, waiting for the signature."""
    from surat import services

    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator,
        jenis=jenis["sktm"],
        penduduk=kepala,
        isian={"form_keperluan": "Beasiswa sekolah anak"},
    )
    return siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)

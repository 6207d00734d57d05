"""Who signs a letter dated on a given day; who the website shows as in office."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perangkat import services
from perangkat.selectors import aparatur_aktif, data_sinkron, penandatangan_untuk
from tests.factories import PerangkatFactory

pytestmark = pytest.mark.django_db
T = datetime.date


@pytest.fixture
def pemerintahan(operator, angkat):
    """Kades Ahmad (2019–2025, dismissed), Kades Budi from 1 March 2025, Sekdes Siti (a.n.),
    Kasi Pelayanan Dedi (u.b.), Kaur Keuangan Eka (no signing rights)."""
    ahmad = PerangkatFactory(nama="Ahmad Fauzi", gelar_depan="H.", gelar_belakang="S.Sos.")
    budi = PerangkatFactory(nama="Budi Hartono", nip="198001012005011002")
    siti = PerangkatFactory(nama="Siti Rahmawati", gelar_belakang="S.E.", nipd="1985.01.002")
    dedi = PerangkatFactory(nama="Dedi Kurniawan")
    eka = PerangkatFactory(nama="Eka Putri")
    lama = angkat(ahmad, "Kepala Desa", T(2019, 3, 1))
    services.pengangkatan_berhenti(
        oleh=operator,
        pengangkatan=lama,
        nomor_sk_berhenti="141/Kep.9-DPMD/2025",
        tanggal_sk_berhenti=T(2025, 2, 20),
        tanggal_berhenti=T(2025, 3, 1),
    )
    baru = angkat(budi, "Kepala Desa", T(2025, 3, 1))
    angkat(siti, "Sekretaris Desa", T(2020, 1, 6), boleh_an=True)
    angkat(dedi, "Kasi Pelayanan", T(2020, 1, 6), boleh_ub=True)
    angkat(eka, "Kaur Keuangan", T(2020, 1, 6))
    return {"lama": lama, "baru": baru}


def test_kepala_desa_yang_menjabat_pada_tanggal_surat(pemerintahan):
    sebelum = penandatangan_untuk(T(2025, 2, 28))["kepala_desa"]
    assert (sebelum.nama, sebelum.jabatan) == ("H. Ahmad Fauzi, S.Sos.", "Kepala Desa")
    assert sebelum.pengangkatan_id == pemerintahan["lama"].pk
    # The first day out of office belongs to the successor.
    sesudah = penandatangan_untuk(T(2025, 3, 1))["kepala_desa"]
    assert (sesudah.nama, sesudah.jabatan) == ("Budi Hartono", "Kepala Desa")
    assert sesudah.nip == "198001012005011002" and sesudah.nomor_induk == sesudah.nip
    assert sesudah.jenis == "definitif" and not sesudah.terverifikasi


def test_an_sekretaris_dan_ub(pemerintahan):
    ttd = penandatangan_untuk(T(2025, 6, 1))
    assert ttd["an"].nama == "Siti Rahmawati, S.E."
    assert ttd["an"].jabatan == "Sekretaris Desa"
    assert ttd["an"].nipd == "1985.01.002" and ttd["an"].nomor_induk == "1985.01.002"
    assert [u.nama for u in ttd["ub"]] == ["Dedi Kurniawan"]
    assert ttd["ub"][0].jabatan == "Kasi Pelayanan"


def test_tanpa_kepala_desa_pesan_jelas(pemerintahan):
    with pytest.raises(ValidationError) as info:
        penandatangan_untuk(T(2018, 5, 17))
    assert "Tidak ada Kepala Desa yang menjabat pada 17 Mei 2018" in info.value.messages[0]


def test_tanpa_sekretaris_an_kosong(operator, angkat):
    angkat(PerangkatFactory(nama="Budi"), "Kepala Desa", T(2024, 1, 2))
    ttd = penandatangan_untuk(T(2024, 6, 1))
    assert ttd["an"] is None and ttd["ub"] == []


@pytest.mark.parametrize("jenis,judul", [("plt", "Plt. Kepala Desa"), ("pj", "Pj. Kepala Desa")])
def test_pejabat_sementara_menandatangani_dengan_judul_sementara(angkat, jenis, judul):
    angkat(PerangkatFactory(nama="Rina Marlina"), "Kepala Desa", T(2024, 1, 2), jenis=jenis)
    ttd = penandatangan_untuk(T(2024, 6, 1))["kepala_desa"]
    assert (ttd.nama, ttd.jabatan, ttd.jenis) == ("Rina Marlina", judul, jenis)


def test_plt_kepala_desa_didahulukan_selama_menjabat(pemerintahan, angkat):
    """An acting kades exists because the definitive one cannot act: the acting one signs."""
    angkat(
        PerangkatFactory(nama="Siti Plt"),
        "Kepala Desa",
        T(2025, 7, 1),
        jenis="plt",
        rencana_selesai=T(2025, 10, 1),
    )
    assert penandatangan_untuk(T(2025, 7, 15))["kepala_desa"].jabatan == "Plt. Kepala Desa"
    assert penandatangan_untuk(T(2025, 6, 30))["kepala_desa"].nama == "Budi Hartono"


def test_penandatangan_satu_query(pemerintahan):
    with CaptureQueriesContext(connection) as ctx:
        penandatangan_untuk(T(2025, 6, 1))
    assert len(ctx.captured_queries) == 1


def test_aparatur_website_hanya_yang_menjabat_dan_aktif(pemerintahan, angkat, operator):
    nonaktif = PerangkatFactory(nama="Staf Tidak Aktif", aktif=False)
    angkat(nonaktif, "Staf", T(2024, 1, 2))
    angkat(PerangkatFactory(nama="Staf Mendatang"), "Staf", T(2099, 1, 2))
    with CaptureQueriesContext(connection) as ctx:
        aparatur = aparatur_aktif(T(2025, 6, 1))
    assert len(ctx.captured_queries) == 1
    assert [(a.nama, a.jabatan) for a in aparatur] == [
        ("Budi Hartono", "Kepala Desa"),
        ("Siti Rahmawati, S.E.", "Sekretaris Desa"),
        ("Eka Putri", "Kaur Keuangan"),
        ("Dedi Kurniawan", "Kasi Pelayanan"),
    ]
    assert all(a.foto_url == "" for a in aparatur)
    # On an earlier date, the former kades is the one in office.
    assert aparatur_aktif(T(2024, 6, 1))[0].nama == "H. Ahmad Fauzi, S.Sos."


def test_aparatur_dengan_jabatan_rangkap_tampil_sekali(angkat):
    eka = PerangkatFactory(nama="Eka Putri")
    angkat(eka, "Kaur Umum dan Perencanaan", T(2024, 1, 2))
    angkat(eka, "Kasi Kesejahteraan", T(2024, 2, 1), jenis="plt")
    aparatur = aparatur_aktif(T(2024, 6, 1))
    assert len(aparatur) == 1
    assert aparatur[0].jabatan == "Kaur Umum dan Perencanaan, Plt. Kasi Kesejahteraan"


def test_data_sinkron_siap_dikirim(pemerintahan):
    data = data_sinkron(T(2025, 6, 1))
    budi = next(d for d in data if d["nama"] == "Budi Hartono")
    assert budi["jabatan"] == "Kepala Desa" and budi["jenis"] == "definitif"
    assert budi["tmt"] == "2025-03-01" and budi["status_verifikasi"] == "belum"
    assert len(budi["pengangkatan_uuid"]) == 36
    import json

    json.dumps(data)  # plain JSON, as the sync will send it


def test_aparatur_hanya_memakai_foto_publik_perangkat(angkat, operator, monkeypatch):
    import io

    from django.core.files.storage import storages
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from penduduk.models import Penduduk
    from tests.factories import PendudukFactory

    def jpg():
        buffer = io.BytesIO()
        Image.new("RGB", (30, 40), "red").save(buffer, format="JPEG")
        return SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg")

    monkeypatch.setattr(Penduduk._meta.get_field("foto"), "storage", storages["privat"])
    # A resident's register photo is private: never shown on the website.
    warga = PendudukFactory(nama="SITI AMINAH", foto=jpg())
    siti = services.perangkat_create(oleh=operator, data={"penduduk": warga})
    budi = services.perangkat_create(oleh=operator, data={"nama": "Budi", "foto": jpg()})
    angkat(siti, "Sekretaris Desa", T(2024, 1, 2))
    angkat(budi, "Kepala Desa", T(2024, 1, 2))
    foto = {a.nama: a.foto_url for a in aparatur_aktif(T(2024, 6, 1))}
    assert foto["SITI AMINAH"] == ""
    assert foto["Budi"].startswith("/media/perangkat/foto/foto-")
    assert set(vars(aparatur_aktif(T(2024, 6, 1))[0])) == {
        "nama",
        "jabatan",
        "foto_url",
        "uuid",
        "jabatan_semua",
    }

"""Import into a village where some dusun have RWs and some have none (issue #18): `rw` of `-`
(or blank) puts the row's RT directly under its dusun; one dusun is never both."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keluarga.models import Keluarga
from penduduk.impor.layanan import penduduk_impor
from penduduk.models import ImporPenduduk, Penduduk
from sid import services
from sid.models import IdentitasDesa, Wilayah
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt
from tests.impor.bantuan import baris, istri, jumlah_data, xlsx
from tests.impor.conftest import CONTOH

pytestmark = pytest.mark.django_db
T = Wilayah.Tingkat
TAMBAH = reverse("admin:penduduk_imporpenduduk_add")


@pytest.fixture
def krajan(desa):
    """A village with RW: Dusun KRAJAN / RW 001 / RT 001 and one family there."""
    rt = buat_rt("KRAJAN", "001", "001")
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt)
    PendudukFactory(nik="3201011705800091", keluarga=k, shdk=1, status_kawin=2)
    return rt


@pytest.fixture
def klien_operator(client, operator, desa):
    client.force_login(operator)
    return client


def _impor_lewat_layar(klien, isi: bytes, capture) -> ImporPenduduk:
    """Upload → preview → confirm, as the operator does it."""
    klien.post(TAMBAH, {"berkas": SimpleUploadedFile("penduduk.xlsx", isi)})
    impor = ImporPenduduk.objects.get()
    assert impor.status == ImporPenduduk.Status.DIPERIKSA, impor.pesan
    with capture(execute=True):
        klien.post(reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk]))
    impor.refresh_from_db()
    return impor


def _impor(admin, daftar):
    return penduduk_impor(oleh=admin, berkas=xlsx(daftar), dry_run=False)


def _pesan(hasil) -> dict:
    return {(g["baris"], g["kolom"]): g["pesan"] for g in hasil.galat}


def _kk(n: int, **ubah) -> dict:
    """The head of a new family number n."""
    return baris(no_kk=f"32010101012400{n:02d}", nik=f"32010117058000{n:02d}", **ubah)


def test_impor_lewat_layar_dusun_ber_rw_dan_dusun_tanpa_rw(
    krajan, klien_operator, django_capture_on_commit_callbacks
):
    berkas = xlsx(
        [
            _kk(1, dusun="GONDANG", rw="-", rt="001"),
            istri(no_kk="3201010101240001", dusun="GONDANG", rw="-", rt="001"),
            _kk(2, dusun="KRAJAN", rw="1", rt="002"),
            _kk(3, dusun="SUKASARI", rw="003", rt="004"),
        ]
    )
    klien_operator.post(TAMBAH, {"berkas": SimpleUploadedFile("penduduk.xlsx", berkas)})
    pratinjau = klien_operator.get(ImporPenduduk.objects.get().get_absolute_url())
    halaman = pratinjau.content.decode()
    assert "Dusun GONDANG / RT 001" in halaman and "tanpa tingkat RW" not in halaman
    ImporPenduduk.objects.all().delete()

    impor = _impor_lewat_layar(klien_operator, berkas, django_capture_on_commit_callbacks)

    assert impor.status == ImporPenduduk.Status.SELESAI
    assert (impor.baru, impor.ditolak) == (4, 0), impor.galat
    assert IdentitasDesa.objects.get().pakai_rw  # the village keeps its RW level
    gondang = Keluarga.objects.get(no_kk="3201010101240001").wilayah
    assert gondang.nama_lengkap == "Dusun GONDANG / RT 001"
    assert gondang.rw_id is None and gondang.induk_id == gondang.dusun_id
    assert Penduduk.objects.filter(wilayah=gondang).count() == 2
    assert not Wilayah.objects.filter(tingkat=T.RW, dusun=gondang.dusun).exists()
    lain = [Keluarga.objects.get(no_kk=f"32010101012400{n:02d}").wilayah for n in (2, 3)]
    assert [w.nama_lengkap for w in lain] == [
        "Dusun KRAJAN / RW 001 / RT 002",
        "Dusun SUKASARI / RW 003 / RT 004",
    ]
    assert lain[0].rw_id == krajan.rw_id


def test_contoh_penduduk_masuk_ke_desa_ber_rw_sebagai_dusun_tanpa_rw(
    krajan, klien_operator, django_capture_on_commit_callbacks
):
    """OpenSID's sample file (rw "-" everywhere) into a village that already has RWs."""
    impor = _impor_lewat_layar(
        klien_operator, CONTOH.read_bytes(), django_capture_on_commit_callbacks
    )

    assert impor.pesan == "Tersimpan: 97 baru, 0 diubah, 0 tidak berubah, 0 ditolak."
    assert IdentitasDesa.objects.get().pakai_rw
    assert Wilayah.objects.filter(tingkat=T.RW).count() == 1  # KRAJAN's, nothing added
    for nama in ("MANGSIT", "SENGGIGI", "KERANDANGAN", "LOCO"):
        dusun = Wilayah.objects.get(tingkat=T.DUSUN, nama=nama)
        rt = Wilayah.objects.filter(dusun=dusun, tingkat=T.RT)
        assert rt.exists() and all(w.induk_id == dusun.pk and w.rw_id is None for w in rt)
    adini = Penduduk.objects.get(nik="5201145003976995")
    assert adini.wilayah.nama_lengkap == "Dusun MANGSIT / RT 004"


def test_campuran_rw_dalam_satu_dusun_ditolak_per_baris(krajan, admin_desa):
    sebelum = jumlah_data()
    hasil = _impor(
        admin_desa,
        [_kk(1, dusun="GONDANG", rw="-", rt="001"), _kk(2, dusun="Gondang", rw="001", rt="002")],
    )
    assert (hasil.baru, hasil.ditolak) == (1, 1)
    assert _pesan(hasil)[(3, "rw")] == (
        "Berkas mencampur baris dengan RW dan baris tanpa RW ('-') untuk Dusun GONDANG, mis. "
        "baris 2. Satu dusun memakai RW untuk semua RT-nya, atau tidak sama sekali."
    )
    assert jumlah_data()["penduduk"] == sebelum["penduduk"] + 1
    gondang = Wilayah.objects.get(tingkat=T.DUSUN, nama="GONDANG")
    assert list(Wilayah.objects.filter(induk=gondang).values_list("tingkat", "nama")) == [
        (T.RT, "001")
    ]


def test_dusun_tanpa_rw_yang_ada_menolak_baris_ber_rw(krajan, admin_desa):
    gondang = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=gondang)
    sebelum = jumlah_data()

    hasil = _impor(admin_desa, [_kk(1, dusun="GONDANG", rw="002", rt="001")])

    assert _pesan(hasil)[(2, "rw")] == (
        "Dusun GONDANG tidak memakai RW (RT-nya langsung di bawah dusun): isi '-' pada kolom rw."
    )
    assert jumlah_data() == sebelum


def test_rw_kosong_berarti_dusun_tanpa_rw(krajan, admin_desa):
    gondang = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    rt = services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=gondang)
    k = KeluargaFactory(no_kk="3201010101230002", wilayah=rt)
    PendudukFactory(nik="3201011705800092", keluarga=k, shdk=1, status_kawin=2)

    hasil = _impor(
        admin_desa,
        [
            _kk(1, dusun="GONDANG", rw=None, rt="002"),  # blank rw: a new RT of GONDANG
            istri(no_kk=k.no_kk, dusun="GONDANG", rw="-", rt="1"),  # joins a family there
            _kk(3, dusun="KRAJAN", rw="001", rt="001"),
        ],
    )

    assert (hasil.baru, hasil.ditolak) == (3, 0), hasil.galat
    rt_baru = Keluarga.objects.get(no_kk="3201010101240001").wilayah
    assert (rt_baru.induk_id, rt_baru.rw_id, rt_baru.nama) == (gondang.pk, None, "002")
    assert Penduduk.objects.get(nama="SITI AMINAH").wilayah_id == rt.pk


def test_desa_kosong_dengan_dusun_ber_rw_dan_tanpa_rw(desa, admin_desa):
    hasil = _impor(
        admin_desa,
        [_kk(1, dusun="KRAJAN", rw="001", rt="001"), _kk(2, dusun="GONDANG", rw="-", rt="001")],
    )
    assert (hasil.baru, hasil.ditolak) == (2, 0), hasil.galat
    assert IdentitasDesa.objects.get().pakai_rw
    assert sorted(w.nama_lengkap for w in Wilayah.objects.filter(tingkat=T.RT)) == [
        "Dusun GONDANG / RT 001",
        "Dusun KRAJAN / RW 001 / RT 001",
    ]


def test_rw_dibuat_layar_lain_sebelum_tulis_membatalkan_impor(krajan, admin_desa):
    """The plan saw GONDANG empty; an RW appears there before the write: nothing is saved."""
    gondang = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    sebelum = jumlah_data()

    def layar_lain():
        services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="005", induk=gondang)

    with pytest.raises(ValidationError) as err:
        penduduk_impor(
            oleh=admin_desa,
            berkas=xlsx([_kk(1, dusun="GONDANG", rw="-", rt="001")]),
            dry_run=False,
            sebelum_tulis=layar_lain,
        )
    assert "Dusun GONDANG memiliki RW dan juga RT langsung di bawah dusun" in str(err.value)
    assert jumlah_data()["penduduk"] == sebelum["penduduk"]
    assert not Wilayah.objects.filter(tingkat=T.RT, induk=gondang).exists()

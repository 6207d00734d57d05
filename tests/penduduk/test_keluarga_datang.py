"""A family arriving in one form (the KK and every member, one transaction), adding a member
from the family page, and the family page listing its members' events."""

import datetime

import pytest
from django.urls import reverse

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk import services
from penduduk.models import Penduduk, Peristiwa
from penduduk.services.kk import GalatAnggota
from sid import kode
from sid.models import LogAktivitas
from tests.desa_uji import lahirkan
from tests.factories import data_penduduk

pytestmark = pytest.mark.django_db
HARI_INI = datetime.date.today()
KEMARIN = HARI_INI - datetime.timedelta(days=1)
S = kode.SHDK
URL = "admin:keluarga_keluarga_datang"

KEPALA = {"nik": "3201010101900001", "nama": "Budi Santoso", "jenis_kelamin": "1",
          "tempat_lahir": "Bogor", "tanggal_lahir": "1990-01-01", "agama": "1", "status_kawin": "2",
          "pendidikan_kk": "5", "pekerjaan": "9", "shdk": str(S.KEPALA_KELUARGA)}  # fmt: skip
ISTRI = {**KEPALA, "nik": "3201014101920002", "nama": "Rina Wati", "jenis_kelamin": "2",
         "tanggal_lahir": "1992-01-01", "shdk": str(S.ISTRI)}  # fmt: skip
ANAK = {**KEPALA, "nik": "0", "nama": "Dewi Santoso", "jenis_kelamin": "2",
        "tanggal_lahir": "2015-06-01", "status_kawin": "1", "pendidikan_kk": "2",
        "pekerjaan": "3", "shdk": str(S.ANAK)}  # fmt: skip


def _post(rt, *baris, **kk):
    data = {
        "no_kk": "3201010101240001",
        "wilayah": str(rt.pk),
        "alamat": "Gg. Mawar 3",
        "alamat_asal": "Jl. Merdeka 1, Kota Bogor",
        "tanggal_peristiwa": KEMARIN.isoformat(),
        "tanggal_lapor": HARI_INI.isoformat(),
        "anggota-TOTAL_FORMS": "4",
        "anggota-INITIAL_FORMS": "0",
        "anggota-MIN_NUM_FORMS": "0",
        "anggota-MAX_NUM_FORMS": "20",
        **kk,
    }
    for i, b in enumerate(baris):
        data.update({f"anggota-{i}-{k}": v for k, v in b.items()})
    return data


def _tidak_ada_yang_tertulis():
    assert not Keluarga.objects.exists()
    assert not Penduduk.objects.exists()
    assert not Peristiwa.objects.exists()
    assert not PeristiwaKeluarga.objects.exists()


def test_keluarga_datang_tiga_anggota_dalam_satu_formulir(klien_operator, rt, operator):
    halaman = klien_operator.get(reverse(URL))
    assert halaman.status_code == 200
    assert halaman.content.decode().count('class="sid-baris') >= 4  # four member rows + template

    r = klien_operator.post(reverse(URL), _post(rt, ANAK, KEPALA, ISTRI))

    k = Keluarga.objects.get()
    assert r.status_code == 302 and r["Location"] == k.get_absolute_url()
    assert k.no_kk == "3201010101240001" and k.wilayah == rt and k.alamat == "Gg. Mawar 3"
    assert k.kepala().nama == "Budi Santoso"
    anggota = {p.nama: p for p in Penduduk.objects.filter(keluarga=k)}
    assert {n: p.shdk for n, p in anggota.items()} == {
        "Budi Santoso": S.KEPALA_KELUARGA,
        "Rina Wati": S.ISTRI,
        "Dewi Santoso": S.ANAK,
    }
    assert anggota["Dewi Santoso"].nik_sementara
    assert all(p.wilayah_id == rt.pk for p in anggota.values())
    assert all(p.alamat_sebelumnya == "Jl. Merdeka 1, Kota Bogor" for p in anggota.values())
    # One PINDAH MASUK per member (the monthly report counts three arrivals) and the KK's event.
    masuk = Peristiwa.objects.filter(jenis=kode.JenisPeristiwa.PINDAH_MASUK)
    assert masuk.count() == 3
    assert {e.tanggal_peristiwa for e in masuk} == {KEMARIN}
    assert {e.no_kk for e in masuk} == {k.no_kk}
    assert PeristiwaKeluarga.objects.get().jenis == kode.JenisPeristiwaKeluarga.KELUARGA_BARU_DATANG
    assert (
        LogAktivitas.objects.filter(aksi="peristiwa_pindah_masuk", pengguna=operator).count() == 3
    )
    pesan = klien_operator.get(r["Location"]).content.decode()
    assert "dan 3 anggotanya dicatat pindah masuk" in pesan


def test_keluarga_datang_nomor_kk_sementara(klien_operator, rt):
    r = klien_operator.post(reverse(URL), _post(rt, KEPALA, no_kk="0"))
    assert r.status_code == 302
    assert Keluarga.objects.get().no_kk_sementara


@pytest.mark.parametrize(
    "baris, kolom, pesan",
    [
        ([{**KEPALA, "nik": "32010101019"}], "nik", "NIK harus 16 digit angka"),
        ([KEPALA, {**ISTRI, "nik": KEPALA["nik"]}], "nik", "sama dengan anggota baris 1"),
        ([KEPALA, {**ANAK, "shdk": str(S.KEPALA_KELUARGA)}], "shdk", "tepat satu KEPALA KELUARGA"),
        ([{**KEPALA, "tanggal_lahir": "2999-01-01"}], "tanggal_lahir", "tidak boleh di masa depan"),
        ([KEPALA, {**ISTRI, "nama": ""}], "nama", "tidak boleh kosong"),
    ],
)
def test_baris_anggota_salah_ditolak_pada_barisnya(klien_operator, rt, baris, kolom, pesan):
    r = klien_operator.post(reverse(URL), _post(rt, *baris))
    assert r.status_code == 200
    formset = r.context["baris"]
    salah = [i for i, f in enumerate(formset.forms) if kolom in f.errors]
    assert salah == [len(baris) - 1]
    assert pesan in " ".join(formset.forms[salah[0]].errors[kolom])
    _tidak_ada_yang_tertulis()


def test_tanpa_kepala_atau_tanpa_anggota_ditolak(klien_operator, rt):
    r = klien_operator.post(reverse(URL), _post(rt, ISTRI))
    assert "belum ada yang dipilih" in " ".join(r.context["baris"].non_form_errors())
    r = klien_operator.post(reverse(URL), _post(rt))
    assert "Isi minimal satu anggota" in " ".join(r.context["baris"].non_form_errors())
    _tidak_ada_yang_tertulis()


def test_nik_yang_sudah_terdaftar_ditolak_pada_barisnya(klien_operator, rt, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    sebelum = (Keluarga.objects.count(), Penduduk.objects.count(), Peristiwa.objects.count())
    r = klien_operator.post(reverse(URL), _post(rt, KEPALA, {**ISTRI, "nik": kepala.nik}))
    assert r.status_code == 200
    galat = r.context["baris"].forms[1].errors["nik"]
    assert f"sudah terdaftar atas nama {kepala.nama}" in " ".join(galat)
    assert (
        Keluarga.objects.count(),
        Penduduk.objects.count(),
        Peristiwa.objects.count(),
    ) == sebelum


def test_aturan_layanan_ditolak_pada_baris_dan_tidak_ada_yang_tertulis(klien_operator, rt):
    """The head is not married, so a wife cannot be ISTRI: the service refuses the third row
    after the KK and the head were written; everything is rolled back."""
    r = klien_operator.post(reverse(URL), _post(rt, {**KEPALA, "status_kawin": "1"}, ANAK, ISTRI))
    assert r.status_code == 200
    formset = r.context["baris"]
    assert "tidak berstatus KAWIN" in " ".join(formset.forms[2].errors["shdk"])
    assert "anggota baris 3 ditolak" in " ".join(r.context["form"].non_field_errors())
    _tidak_ada_yang_tertulis()


def test_tanggal_datang_sebelum_lahir_anggota_ditolak_pada_barisnya(klien_operator, rt):
    r = klien_operator.post(
        reverse(URL),
        _post(rt, KEPALA, ANAK, tanggal_peristiwa="2010-01-01", tanggal_lapor="2010-01-02"),
    )
    assert "tidak boleh sebelum tanggal lahir" in " ".join(
        r.context["baris"].forms[1].non_field_errors()
    )
    _tidak_ada_yang_tertulis()


def test_nik_tidak_sesuai_tanggal_lahir_minta_konfirmasi(klien_operator, rt):
    lain = {**KEPALA, "tanggal_lahir": "1990-03-05"}  # the NIK encodes 01-01-1990
    r = klien_operator.post(reverse(URL), _post(rt, lain))
    assert r.status_code == 200
    assert 'type="checkbox" name="konfirmasi"' in r.content.decode()
    assert "Peringatan pada anggota baris 1" in r.content.decode()
    _tidak_ada_yang_tertulis()
    r = klien_operator.post(reverse(URL), _post(rt, lain, konfirmasi="on"))
    assert r.status_code == 302
    assert Penduduk.objects.get().tanggal_lahir == datetime.date(1990, 3, 5)


def test_nomor_kk_dan_tanggal_kedatangan_diperiksa(klien_operator, rt, keluarga_budi):
    k, *_ = keluarga_budi
    n = Penduduk.objects.count()
    r = klien_operator.post(reverse(URL), _post(rt, KEPALA, no_kk="1234"))
    assert "Nomor KK harus 16 digit" in " ".join(r.context["form"].errors["no_kk"])
    r = klien_operator.post(reverse(URL), _post(rt, KEPALA, no_kk=k.no_kk))
    assert "sudah terdaftar" in " ".join(r.context["form"].errors["no_kk"])
    r = klien_operator.post(
        reverse(URL),
        _post(
            rt, KEPALA, tanggal_peristiwa=HARI_INI.isoformat(), tanggal_lapor=KEMARIN.isoformat()
        ),
    )
    assert "tidak boleh sebelum tanggal datang" in " ".join(
        r.context["form"].errors["tanggal_lapor"]
    )
    assert Penduduk.objects.count() == n


def test_tanpa_izin_ubah_tidak_boleh_mencatat_keluarga_datang(client, buat_staf, rt):
    client.force_login(buat_staf("Kepala Desa", username="kades"))
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), _post(rt, KEPALA)).status_code == 403
    assert not Keluarga.objects.exists()


def test_layanan_menandai_baris_anggota_yang_ditolak(operator, rt):
    with pytest.raises(GalatAnggota) as info:
        services.keluarga_baru_datang(
            oleh=operator,
            no_kk="0",
            wilayah=rt,
            alamat="",
            alamat_asal="Kota Bogor",
            tanggal_peristiwa=KEMARIN,
            tanggal_lapor=HARI_INI,
            anggota=[
                {"data": data_penduduk(nik="3201014101920002", nama="Rina", jenis_kelamin=2),
                 "shdk": S.ANAK},
                {"data": data_penduduk(nama="B@di"), "shdk": S.KEPALA_KELUARGA},
            ],
        )  # fmt: skip
    assert info.value.baris == 1 and "nama" in info.value.error_dict
    _tidak_ada_yang_tertulis()


# --- Tambah anggota baru from the family page ------------------------------------------------


def test_halaman_kk_menawarkan_kelahiran_dan_pindah_masuk(klien_operator, keluarga_budi):
    k, *_ = keluarga_budi
    html = klien_operator.get(k.get_absolute_url()).content.decode()
    assert "Tambah anggota baru:" in html
    assert reverse("admin:keluarga_keluarga_kelahiran", args=[k.pk]) in html
    assert reverse("admin:keluarga_keluarga_pindah_masuk", args=[k.pk]) in html


def test_pindah_masuk_ke_kk_dari_halaman_kk(klien_operator, keluarga_budi):
    k, kepala, *_ = keluarga_budi
    url = reverse("admin:keluarga_keluarga_pindah_masuk", args=[k.pk])
    html = klien_operator.get(url).content.decode()
    assert k.no_kk in html
    assert 'name="keluarga"' not in html and 'name="wilayah"' not in html  # given by the page
    data = {
        **ANAK,
        "nik": "3201015203180004",
        "nama": "Sari Santoso",
        "tanggal_lahir": "2018-03-12",
        "shdk": str(S.CUCU),
        "alamat_asal": "Desa Sebelah",
        "tanggal_peristiwa": KEMARIN.isoformat(),
        "tanggal_lapor": HARI_INI.isoformat(),
        "status_penduduk": "1",
        "warganegara": "1",
    }
    r = klien_operator.post(url, data)
    assert r.status_code == 302, r.context["form"].errors
    assert r["Location"] == k.get_absolute_url()
    p = Penduduk.objects.get(nama="Sari Santoso")
    assert p.keluarga == k and p.shdk == S.CUCU and p.wilayah_id == k.wilayah_id
    assert p.peristiwa.get().jenis == kode.JenisPeristiwa.PINDAH_MASUK


def test_pindah_masuk_ke_kk_tanpa_izin_ditolak(client, buat_staf, keluarga_budi):
    k, *_ = keluarga_budi
    client.force_login(buat_staf("Sekretaris Desa", username="sekdes2"))
    url = reverse("admin:keluarga_keluarga_pindah_masuk", args=[k.pk])
    assert client.get(url).status_code == 403
    assert "Tambah anggota baru" not in client.get(k.get_absolute_url()).content.decode()


# --- The family page lists every event of its members ----------------------------------------


def test_halaman_kk_menampilkan_peristiwa_anggota(klien_operator, operator, keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    bayi = lahirkan(operator, k, "Putri", KEMARIN)
    services.peristiwa_kematian_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
    )
    services.peristiwa_pindah_keluar_catat(
        oleh=operator,
        penduduk=anak,
        tanggal_peristiwa=HARI_INI,
        tanggal_lapor=HARI_INI,
        jenis_pindah=1,
        alamat_tujuan="Kota Depok",
    )
    r = klien_operator.get(k.get_absolute_url())
    peristiwa = r.context["peristiwa"]
    jenis = [(e.jenis, e.penduduk.nama if e.penduduk else None) for e in peristiwa]
    assert ("LAHIR", bayi.nama) in jenis
    assert ("MATI", kepala.nama) in jenis
    assert ("PINDAH KELUAR", anak.nama) in jenis
    assert ("KEPALA KELUARGA MATI", kepala.nama) in jenis  # the family's own event too
    assert [e.tanggal for e in peristiwa] == sorted((e.tanggal for e in peristiwa), reverse=True)
    html = r.content.decode()
    assert "Peristiwa keluarga dan anggota" in html and "ke Kota Depok" in html


def test_peristiwa_anggota_di_halaman_kk_tanpa_query_per_baris(
    klien_operator, operator, keluarga_budi
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    k, *_ = keluarga_budi

    def lahir(nama, hari):
        lahirkan(operator, k, nama, HARI_INI - datetime.timedelta(days=hari))

    def jumlah_query():
        with CaptureQueriesContext(connection) as ctx:
            r = klien_operator.get(k.get_absolute_url())
        return len(ctx.captured_queries), len(r.context["peristiwa"])

    lahir("Ani", 1)
    klien_operator.get(k.get_absolute_url())  # warm caches
    q1, n1 = jumlah_query()
    for i, nama in enumerate(["Bunga", "Cici", "Dina", "Euis"], start=2):
        lahir(nama, i)
    q2, n2 = jumlah_query()
    assert n2 == n1 + 4
    assert q1 == q2

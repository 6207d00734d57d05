"""Supporting documents of residents, through their screens: upload on the resident page, the
optional document on the birth/death/move forms (one transaction with the event), the lists on
the resident and family pages, download only through the permission-checking view, corrections
and deletion with the audit trail, the village's list of kinds."""

import datetime
import os

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from penduduk.models import DokumenPenduduk, JenisDokumen, Penduduk, Peristiwa
from penduduk.services import dokumen as layanan
from sid import kode
from sid.models import LogAktivitas
from tests.mandiri.berkas_uji import PDF, jpeg, palsu, pdf, png

pytestmark = pytest.mark.django_db
HARI_INI = datetime.date.today()


def _jenis(nama: str) -> JenisDokumen:
    return JenisDokumen.objects.get(nama=nama)


def _berkas_privat() -> list[str]:
    hasil = []
    for akar, _d, nama in os.walk(settings.PRIVATE_ROOT):
        hasil += [
            os.path.join(akar, n) for n in nama if "penduduk/dokumen" in akar.replace("\\", "/")
        ]
    return hasil


# --- the list of kinds ----------------------------------------------------------------------------


def test_jenis_dokumen_bawaan_terisi_migrasi():
    nama = set(JenisDokumen.objects.values_list("nama", flat=True))
    assert {
        "Kartu Keluarga (KK)",
        "KTP",
        "Akta Kelahiran",
        "Akta Kematian",
        "Surat Pindah",
        "Buku Nikah / Akta Perkawinan",
        "Lainnya",
    } <= nama
    assert _jenis("Kartu Keluarga (KK)").untuk_keluarga


def test_operator_menambah_jenis_dokumen_lewat_admin(klien_operator):
    url = reverse("admin:penduduk_jenisdokumen_add")
    r = klien_operator.post(url, {"nama": "Kartu Indonesia Sehat", "urutan": "80", "aktif": "on"})
    assert r.status_code == 302
    j = JenisDokumen.objects.get(nama="Kartu Indonesia Sehat")
    assert LogAktivitas.objects.filter(object_id=str(j.pk), aksi="buat").exists()


def test_jenis_dokumen_ganda_ditolak_tanpa_menulis(klien_operator):
    sebelum = JenisDokumen.objects.count()
    r = klien_operator.post(
        reverse("admin:penduduk_jenisdokumen_add"), {"nama": "  ktp ", "urutan": "5"}
    )
    assert r.status_code == 200
    assert "Jenis dokumen dengan nama ini sudah ada" in r.content.decode()
    assert JenisDokumen.objects.count() == sebelum


def test_jenis_yang_dipakai_tidak_dapat_dihapus(klien_admin, keluarga_budi, admin_desa):
    _k, kepala, *_ = keluarga_budi
    layanan.dokumen_tambah(oleh=admin_desa, penduduk=kepala, jenis=_jenis("KTP"), berkas=png())
    j = _jenis("KTP")
    r = klien_admin.post(
        reverse("admin:penduduk_jenisdokumen_delete", args=[j.pk]), {"post": "yes"}
    )
    assert r.status_code == 200  # Django's page naming the protected documents
    assert "Tidak dapat menghapus jenis dokumen" in r.content.decode()
    assert JenisDokumen.objects.filter(pk=j.pk).exists()
    with pytest.raises(ValidationError, match="nonaktifkan"):
        layanan.jenis_dokumen_delete(oleh=admin_desa, jenis=j)


# --- upload on the resident page ------------------------------------------------------------------


def test_unggah_dokumen_di_halaman_penduduk_lalu_tampil_dan_bisa_dibuka(
    klien_operator, keluarga_budi, operator
):
    _k, kepala, *_ = keluarga_budi
    halaman = klien_operator.get(kepala.get_absolute_url()).content.decode()
    url = reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk])
    assert url in halaman  # the upload button on the resident page
    r = klien_operator.post(
        url,
        {
            "jenis": _jenis("KTP").pk,
            "nomor": "3201010101800001",
            "tanggal": "2020-05-01",
            "berkas": jpeg("ktp budi.jpg"),
        },
    )
    assert r.status_code == 302 and r["Location"] == kepala.get_absolute_url()
    d = DokumenPenduduk.objects.get(penduduk=kepala)
    assert (d.jenis.nama, d.nomor, d.tanggal) == (
        "KTP",
        "3201010101800001",
        datetime.date(2020, 5, 1),
    )
    assert d.jenis_berkas == "jpg" and d.diunggah_oleh == operator and d.keluarga is None
    assert d.nama_berkas == "ktp budi.jpg" and "ktp" not in d.berkas.name  # random stored name
    assert d.berkas.storage.path(d.berkas.name).startswith(str(settings.PRIVATE_ROOT))
    halaman = klien_operator.get(kepala.get_absolute_url()).content.decode()
    unduh = reverse("admin:penduduk_dokumenpenduduk_unduh", args=[d.pk])
    assert 'id="dokumen"' in halaman and "3201010101800001" in halaman and unduh in halaman
    r = klien_operator.get(unduh)
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert "private" in r["Cache-Control"] and "no-store" in r["Cache-Control"]
    assert r["X-Content-Type-Options"] == "nosniff"
    isi = b"".join(r.streaming_content)
    assert isi.startswith(b"\xff\xd8") and b"KameraUji" not in isi  # EXIF dropped
    log = LogAktivitas.objects.get(aksi="tambah_dokumen")
    assert log.object_id == str(kepala.pk) and "KTP" in log.keterangan


def test_dokumen_kk_menjadi_milik_keluarga_dan_tampil_di_halaman_keluarga(
    klien_operator, keluarga_budi
):
    k, kepala, istri, _anak = keluarga_budi
    r = klien_operator.post(
        reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk]),
        {"jenis": _jenis("Kartu Keluarga (KK)").pk, "nomor": k.no_kk, "berkas": pdf("kk.pdf")},
    )
    assert r.status_code == 302
    klien_operator.post(
        reverse("admin:penduduk_dokumenpenduduk_unggah", args=[istri.pk]),
        {"jenis": _jenis("KTP").pk, "nomor": "KTP-ISTRI", "berkas": png()},
    )
    kk = DokumenPenduduk.objects.get(jenis__nama="Kartu Keluarga (KK)")
    assert kk.keluarga == k and kk.jenis_berkas == "pdf"
    halaman = klien_operator.get(k.get_absolute_url()).content.decode()
    assert 'id="dokumen"' in halaman and k.no_kk in halaman and "KTP-ISTRI" in halaman
    assert reverse("admin:penduduk_dokumenpenduduk_unduh", args=[kk.pk]) in halaman


@pytest.mark.parametrize(
    "data,pesan",
    [
        ({"jenis": "KTP", "berkas": palsu()}, "Berkas harus PDF, JPG atau PNG"),
        ({"jenis": "KTP"}, "Pilih berkas dokumen"),
        ({"berkas": "png"}, "Bidang ini"),
        ({"jenis": "KTP", "berkas": "png", "tanggal": "2999-01-01"}, "tidak boleh di masa depan"),
    ],
)
def test_unggah_buruk_ditolak_dengan_pesan_tanpa_menulis(
    klien_operator, keluarga_budi, data, pesan
):
    _k, kepala, *_ = keluarga_budi
    data = dict(data)
    if "jenis" in data:
        data["jenis"] = _jenis(data["jenis"]).pk
    if data.get("berkas") == "png":
        data["berkas"] = png()
    r = klien_operator.post(
        reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk]), data
    )
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert not DokumenPenduduk.objects.exists()
    assert not LogAktivitas.objects.filter(aksi="tambah_dokumen").exists()


def test_pdf_rusak_ditolak(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = klien_operator.post(
        reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk]),
        {"jenis": _jenis("KTP").pk, "berkas": SimpleUploadedFile("a.pdf", PDF[:40])},
    )
    assert "Berkas bukan PDF yang sah" in r.content.decode()
    assert not DokumenPenduduk.objects.exists()


def test_berkas_tetap_terpilih_setelah_galat_lain(klien_operator, keluarga_budi):
    """A date error does not lose the chosen file: the page keeps it and the next send uses it."""
    _k, kepala, *_ = keluarga_budi
    url = reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk])
    r = klien_operator.post(
        url, {"jenis": _jenis("KTP").pk, "berkas": png(), "tanggal": "2999-01-01"}
    )
    html = r.content.decode()
    assert "Berkas terpilih" in html
    token = html.split('name="berkas_simpanan" value="', 1)[1].split('"', 1)[0]
    r = klien_operator.post(url, {"jenis": _jenis("KTP").pk, "berkas_simpanan": token})
    assert r.status_code == 302
    assert DokumenPenduduk.objects.get().jenis_berkas == "jpg"  # an opaque PNG is re-encoded


# --- permissions -------------------------------------------------------------------------------


def test_sekretaris_melihat_dan_membuka_tetapi_tidak_mengunggah_atau_menghapus(
    client, buat_staf, keluarga_budi, admin_desa
):
    _k, kepala, *_ = keluarga_budi
    d = layanan.dokumen_tambah(oleh=admin_desa, penduduk=kepala, jenis=_jenis("KTP"), berkas=png())
    client.force_login(buat_staf("Sekretaris Desa"))
    html = client.get(kepala.get_absolute_url()).content.decode()
    assert 'id="dokumen"' in html
    assert reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk]) not in html
    assert reverse("admin:penduduk_dokumenpenduduk_delete", args=[d.pk]) not in html
    r = client.get(reverse("admin:penduduk_dokumenpenduduk_unduh", args=[d.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content)
    r = client.post(
        reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk]),
        {"jenis": _jenis("KTP").pk, "berkas": png()},
    )
    assert r.status_code == 403
    r = client.post(reverse("admin:penduduk_dokumenpenduduk_delete", args=[d.pk]), {"post": "yes"})
    assert r.status_code == 403
    assert DokumenPenduduk.objects.count() == 1


def test_redaksi_tidak_dapat_membuka_dokumen(client, buat_staf, keluarga_budi, admin_desa):
    _k, kepala, *_ = keluarga_budi
    d = layanan.dokumen_tambah(oleh=admin_desa, penduduk=kepala, jenis=_jenis("KTP"), berkas=png())
    client.force_login(buat_staf("Redaksi"))
    assert (
        client.get(reverse("admin:penduduk_dokumenpenduduk_unduh", args=[d.pk])).status_code == 403
    )
    r = client.get(reverse("admin:penduduk_dokumenpenduduk_unggah", args=[kepala.pk]))
    assert r.status_code == 403


def test_tanpa_masuk_dialihkan_ke_halaman_masuk(client, keluarga_budi, admin_desa):
    _k, kepala, *_ = keluarga_budi
    d = layanan.dokumen_tambah(oleh=admin_desa, penduduk=kepala, jenis=_jenis("KTP"), berkas=png())
    r = client.get(reverse("admin:penduduk_dokumenpenduduk_unduh", args=[d.pk]))
    assert r.status_code == 302 and "/admin/login/" in r["Location"]


def test_berkas_privat_tidak_memiliki_url(keluarga_budi, admin_desa):
    _k, kepala, *_ = keluarga_budi
    d = layanan.dokumen_tambah(oleh=admin_desa, penduduk=kepala, jenis=_jenis("KTP"), berkas=png())
    with pytest.raises(ValueError):
        d.berkas.url  # noqa: B018


# --- correct and delete ---------------------------------------------------------------------


def test_operator_mengoreksi_nomor_dokumen(klien_operator, keluarga_budi, admin_desa):
    _k, kepala, *_ = keluarga_budi
    d = layanan.dokumen_tambah(
        oleh=admin_desa, penduduk=kepala, jenis=_jenis("KTP"), berkas=png(), nomor="SALAH"
    )
    r = klien_operator.post(
        reverse("admin:penduduk_dokumenpenduduk_change", args=[d.pk]),
        {"jenis": d.jenis_id, "nomor": "BENAR", "tanggal": "", "keterangan": ""},
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.nomor == "BENAR"
    log = LogAktivitas.objects.get(aksi="ubah_dokumen")
    assert log.perubahan["nomor"] == ["SALAH", "BENAR"] and log.object_id == str(kepala.pk)


def test_hapus_dokumen_mencatat_jejak_dan_membuang_berkas(
    klien_operator, keluarga_budi, operator, django_capture_on_commit_callbacks
):
    _k, kepala, *_ = keluarga_budi
    d = layanan.dokumen_tambah(
        oleh=operator, penduduk=kepala, jenis=_jenis("KTP"), berkas=png("scan-ktp.png"), nomor="X1"
    )
    jalur = d.berkas.path
    assert os.path.exists(jalur)
    url = reverse("admin:penduduk_dokumenpenduduk_delete", args=[d.pk])
    assert url in klien_operator.get(kepala.get_absolute_url()).content.decode()
    assert klien_operator.get(url).status_code == 200  # the confirmation page
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_operator.post(url, {"post": "yes"})
    assert r.status_code == 302 and r["Location"] == kepala.get_absolute_url()
    assert not DokumenPenduduk.objects.exists()
    log = LogAktivitas.objects.get(aksi="hapus_dokumen")
    assert log.pelaku == operator.username and log.object_id == str(kepala.pk)
    assert log.perubahan["jenis"] == ["KTP", None] and log.perubahan["nomor"] == ["X1", None]
    assert log.perubahan["nama_berkas"] == ["scan-ktp.png", None]
    assert "KTP No. X1" in log.keterangan
    riwayat = klien_operator.get(kepala.get_absolute_url()).content.decode()
    assert "Hapus dokumen" in riwayat and "scan-ktp.png" in riwayat
    assert not os.path.exists(jalur)


def test_penduduk_berdokumen_tidak_dihapus_diam_diam(klien_admin, keluarga_budi, admin_desa):
    _k, _kepala, _istri, anak = keluarga_budi
    layanan.dokumen_tambah(oleh=admin_desa, penduduk=anak, jenis=_jenis("KTP"), berkas=png())
    r = klien_admin.post(
        reverse("admin:penduduk_penduduk_hapus", args=[anak.pk]),
        {"alasan": "Data ganda dengan NIK lain."},
    )
    assert r.status_code == 200 and "dokumen penduduk" in r.content.decode()
    assert Penduduk.objects.filter(pk=anak.pk).exists()


# --- with population events ---------------------------------------------------------------------


def test_kematian_dengan_akta_dalam_satu_transaksi(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    url = reverse("admin:penduduk_penduduk_mati", args=[kepala.pk])
    html = klien_operator.get(url).content.decode()
    assert "Dokumen pendukung (opsional)" in html
    akta = _jenis("Akta Kematian")
    assert f'<option value="{akta.pk}" selected>' in html  # the kind is preselected
    r = klien_operator.post(
        url,
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "dokumen_jenis": akta.pk,
            "dokumen_nomor": "AKM-123",
            "dokumen_berkas": pdf("akta.pdf"),
        },
    )
    assert r.status_code == 302
    kepala.refresh_from_db()
    assert kepala.status_dasar == kode.StatusDasar.MATI
    d = DokumenPenduduk.objects.get()
    assert d.penduduk == kepala and d.nomor == "AKM-123"
    assert d.peristiwa == Peristiwa.objects.get(penduduk=kepala, jenis=kode.JenisPeristiwa.MATI)
    html = klien_operator.get(kepala.get_absolute_url()).content.decode()
    assert "AKM-123" in html and "MATI" in html.upper()


def test_kematian_tanpa_dokumen_tetap_bisa(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    r = klien_operator.post(
        reverse("admin:penduduk_penduduk_mati", args=[kepala.pk]),
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "dokumen_jenis": _jenis("Akta Kematian").pk,
        },
    )
    assert r.status_code == 302
    assert not DokumenPenduduk.objects.exists()


def test_dokumen_buruk_menolak_peristiwa_juga(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    r = klien_operator.post(
        reverse("admin:penduduk_penduduk_mati", args=[kepala.pk]),
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "dokumen_jenis": _jenis("Akta Kematian").pk,
            "dokumen_berkas": palsu(),
        },
    )
    assert r.status_code == 200 and "Berkas harus PDF, JPG atau PNG" in r.content.decode()
    kepala.refresh_from_db()
    assert kepala.hidup and not Peristiwa.objects.filter(penduduk=kepala).exists()
    assert not DokumenPenduduk.objects.exists()


def test_peristiwa_ditolak_tidak_meninggalkan_dokumen_atau_berkas(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    kemarin = HARI_INI - datetime.timedelta(days=1)
    r = klien_operator.post(
        reverse("admin:penduduk_penduduk_mati", args=[kepala.pk]),
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": kemarin.isoformat(),
            "dokumen_jenis": _jenis("Akta Kematian").pk,
            "dokumen_berkas": pdf(),
        },
    )
    assert r.status_code == 200
    assert "Tanggal lapor tidak boleh sebelum tanggal peristiwa" in r.content.decode()
    assert not DokumenPenduduk.objects.exists() and _berkas_privat() == []


def test_dokumen_gagal_disimpan_membatalkan_peristiwa_dan_membuang_berkas(
    keluarga_budi, operator, monkeypatch
):
    """The event and its document are one transaction: a failure after the file is written
    leaves neither the event nor the file."""
    _k, kepala, *_ = keluarga_budi
    from penduduk.services.peristiwa import peristiwa_kematian_catat

    asli = layanan.catat_aktivitas

    def gagal(**kwargs):
        if kwargs.get("aksi") == "tambah_dokumen":
            raise RuntimeError("disk penuh")
        return asli(**kwargs)

    monkeypatch.setattr(layanan, "catat_aktivitas", gagal)
    with pytest.raises(RuntimeError):
        layanan.peristiwa_dengan_dokumen(
            oleh=operator,
            catat=lambda: peristiwa_kematian_catat(
                oleh=operator, penduduk=kepala, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
            ),
            dokumen={"jenis": _jenis("Akta Kematian"), "berkas": pdf()},
        )
    kepala.refresh_from_db()
    assert kepala.hidup and not Peristiwa.objects.filter(penduduk=kepala).exists()
    assert _berkas_privat() == []


def test_nomor_dokumen_tanpa_berkas_ditolak(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    r = klien_operator.post(
        reverse("admin:penduduk_penduduk_pindah_keluar", args=[kepala.pk]),
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "jenis_pindah": "1",
            "alamat_tujuan": "Jl. Baru 1, Depok",
            "dokumen_nomor": "SKPWNI-1",
        },
    )
    assert r.status_code == 200 and "berkasnya belum dipilih" in r.content.decode()
    kepala.refresh_from_db()
    assert kepala.hidup


def test_pindah_keluar_dengan_surat_pindah(klien_operator, keluarga_budi):
    _k, _kepala, _istri, anak = keluarga_budi
    r = klien_operator.post(
        reverse("admin:penduduk_penduduk_pindah_keluar", args=[anak.pk]),
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "jenis_pindah": "1",
            "alamat_tujuan": "Jl. Baru 1, Depok",
            "dokumen_jenis": _jenis("Surat Pindah").pk,
            "dokumen_nomor": "SKPWNI-1",
            "dokumen_tanggal": HARI_INI.isoformat(),
            "dokumen_berkas": jpeg(),
        },
    )
    assert r.status_code == 302
    d = DokumenPenduduk.objects.get()
    assert d.penduduk == anak and d.peristiwa.jenis == kode.JenisPeristiwa.PINDAH_KELUAR
    assert d.tanggal == HARI_INI


def test_kelahiran_dengan_akta_kelahiran(klien_operator, keluarga_budi):
    k, *_ = keluarga_budi
    url = reverse("admin:keluarga_keluarga_kelahiran", args=[k.pk])
    assert "Dokumen pendukung (opsional)" in klien_operator.get(url).content.decode()
    r = klien_operator.post(
        url,
        {
            "nama": "Bayi Berakta",
            "jenis_kelamin": "2",
            "nik": "0",
            "shdk": "4",
            "tempat_lahir": "Bogor",
            "tanggal_lahir": HARI_INI.isoformat(),
            "agama": "1",
            "tanggal_lapor": HARI_INI.isoformat(),
            "nama_ayah": "Budi Santoso",
            "nama_ibu": "Siti Aminah",
            "jenis_kelahiran": "1",
            "dokumen_jenis": _jenis("Akta Kelahiran").pk,
            "dokumen_nomor": "3201-LT-01012025-0001",
            "dokumen_berkas": pdf(),
        },
    )
    assert r.status_code == 302, r.content.decode()[-2000:]
    bayi = Penduduk.objects.get(nama="Bayi Berakta")
    d = DokumenPenduduk.objects.get()
    assert d.penduduk == bayi and d.peristiwa.jenis == kode.JenisPeristiwa.LAHIR


def test_pindah_masuk_dengan_surat_pindah(klien_operator, keluarga_budi, rt):
    url = reverse("admin:penduduk_penduduk_pindah_masuk")
    html = klien_operator.get(url).content.decode()
    assert "Dokumen pendukung (opsional)" in html
    r = klien_operator.post(
        url,
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "alamat_asal": "Jl. Lama 2, Bekasi",
            "nama": "Pendatang Baru",
            "nik": "3201010101900007",
            "jenis_kelamin": "1",
            "tempat_lahir": "Bekasi",
            "tanggal_lahir": "1990-01-01",
            "agama": "1",
            "pendidikan_kk": "1",
            "pekerjaan": "1",
            "status_kawin": "1",
            "warganegara": "1",
            "status_penduduk": "1",
            "wilayah": rt.pk,
            "dokumen_jenis": _jenis("Surat Pindah").pk,
            "dokumen_berkas": png(),
        },
    )
    assert r.status_code == 302, r.content.decode()[-3000:]
    p = Penduduk.objects.get(nama="Pendatang Baru")
    d = DokumenPenduduk.objects.get()
    assert d.penduduk == p and d.peristiwa.jenis == kode.JenisPeristiwa.PINDAH_MASUK

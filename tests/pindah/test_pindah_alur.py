"""Moving a village from an OpenSID backup, as the Administrator does it: the command and the
back-office screens (upload → preview → confirm → report), the files refused whole, dry runs,
importing twice, and who may do it."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from keluarga.models import Keluarga
from penduduk.models import Penduduk, Peristiwa
from pindah.models import PindahOpenSID
from sid import kode
from sid.models import LogAktivitas, Wilayah
from tests.pindah.desa_kecil import dump_desa
from tests.pindah.tulis_dump import tulis_dump

pytestmark = pytest.mark.django_db


def _berkas(tmp_path, teks: str, nama: str = "cadangan.sql") -> str:
    path = tmp_path / nama
    path.write_text(teks)
    return str(path)


def _jumlah_baris() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


def _impor(path, *args) -> tuple[int, str]:
    keluar = io.StringIO()
    try:
        call_command("impor_opensid", path, *args, stdout=keluar)
    except CommandError as exc:
        return exc.returncode, keluar.getvalue() + str(exc)
    return 0, keluar.getvalue()


def test_perintah_membawa_desa_dan_melaporkan_yang_ditolak(tmp_path):
    kode_keluar, teks = _impor(_berkas(tmp_path, dump_desa()))
    assert kode_keluar == 1  # a row was refused
    assert "tweb_penduduk id 7: tanggallahir: Tanggal '1975-13-45' tidak ada di kalender" in teks
    assert "tweb_rtm (1 baris): rumah tangga (RTM) belum ada di SID" in teks
    assert Penduduk.objects.count() == 6 and Keluarga.objects.count() == 3
    budi = Penduduk.objects.get(nik="3507111201800001")
    assert budi.nama == "BUDI SANTOSO" and budi.keluarga.no_kk == "3507112099000001"
    # The second holder of BUDI's NIK is kept, TIDAK VALID, under a temporary NIK.
    bayu = Penduduk.objects.get(nama="BAYU")
    assert bayu.status_dasar == kode.StatusDasar.TIDAK_VALID and bayu.nik.startswith("0")
    assert "NIK 3507111201800001 juga dipakai tweb_penduduk id 1" in teks
    # A dusun without RW beside one with RWs.
    gondang = Wilayah.objects.get(tingkat=1, nama="GONDANG")
    assert Penduduk.objects.get(nama="WATI").wilayah.induk == gondang
    # The history with its own dates; the death of JOKO keeps its details.
    mati = Peristiwa.objects.get(jenis=kode.JenisPeristiwa.MATI)
    assert (mati.penduduk.nama, str(mati.tanggal_peristiwa), str(mati.tanggal_lapor)) == (
        "JOKO", "2026-11-18", "2026-11-20",
    )  # fmt: skip
    assert mati.tempat_kematian == "Rumah" and str(mati.waktu_kematian) == "04:15:00"


def test_dry_run_tidak_menulis_apa_pun(tmp_path):
    sebelum = _jumlah_baris()
    kode_keluar, teks = _impor(_berkas(tmp_path, dump_desa()), "--dry-run")
    assert kode_keluar == 1 and "tidak ada yang disimpan" in teks
    assert _jumlah_baris() == sebelum


def test_impor_kedua_kali_tidak_mengubah_apa_pun(tmp_path):
    path = _berkas(tmp_path, dump_desa())
    _impor(path)
    sebelum = _jumlah_baris()
    kode_keluar, teks = _impor(path)
    assert kode_keluar == 0 and "sudah diimpor" in teks
    assert _jumlah_baris() == sebelum


def test_desa_yang_sudah_berpenduduk_ditolak(tmp_path, keluarga_budi):
    sebelum = _jumlah_baris()
    kode_keluar, teks = _impor(_berkas(tmp_path, dump_desa()))
    assert kode_keluar == 2 and "sudah berisi penduduk" in teks
    assert _jumlah_baris() == sebelum


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "bukan"),
        (b"Halo, ini catatan rapat desa.\n", "bukan"),
        (
            tulis_dump({"artikel": (["id", "judul"], [(1, "x")])}).encode(),
            "bukan cadangan database OpenSID",
        ),
        (dump_desa(versi="21.03").encode(), "versi 21.03"),
        (dump_desa().encode()[:-300], "terpotong"),
    ],
    ids=["png", "teks", "tabel-lain", "versi-lain", "terpotong"],
)
def test_berkas_yang_bukan_cadangan_opensid_ditolak_utuh(tmp_path, isi, pesan):
    path = tmp_path / "cadangan.sql"
    path.write_bytes(isi)
    sebelum = _jumlah_baris()
    kode_keluar, teks = _impor(str(path))
    assert kode_keluar == 2 and pesan in teks.lower() if pesan.islower() else pesan in teks, teks
    assert _jumlah_baris() == sebelum


def test_cadangan_terkompresi_gz_dan_zip_dibaca(tmp_path):
    teks = dump_desa().encode()
    gz = tmp_path / "cadangan.sql.gz"
    gz.write_bytes(gzip.compress(teks))
    assert _impor(str(gz), "--dry-run")[0] == 1
    z = tmp_path / "cadangan.zip"
    with zipfile.ZipFile(z, "w") as arsip:
        arsip.writestr("backup.sql", teks)
    assert _impor(str(z), "--dry-run")[0] == 1


# --- the back office ---------------------------------------------------------------------------


def test_layar_unggah_pratinjau_konfirmasi_laporan(
    admin_client, django_capture_on_commit_callbacks
):
    tambah = reverse("admin:pindah_pindahopensid_add")
    assert admin_client.get(tambah).status_code == 200
    berkas = SimpleUploadedFile("backup-on-2026-12-06.sql", dump_desa().encode())
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(tambah, {"berkas": berkas})
    assert r.status_code == 302
    pindah = PindahOpenSID.objects.get()
    assert pindah.status == PindahOpenSID.Status.DIPERIKSA, pindah.pesan
    assert not Penduduk.objects.exists()  # the preview writes nothing
    halaman = admin_client.get(r.url).content.decode()
    assert "Pratinjau — belum ada yang disimpan" in halaman and "Sukamaju" in halaman
    assert "tidak ada di kalender" in halaman and "tweb_rtm" in halaman
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(reverse("admin:pindah_pindahopensid_jalankan", args=[pindah.pk]))
    pindah.refresh_from_db()
    assert pindah.status == PindahOpenSID.Status.SELESAI, pindah.pesan
    assert Penduduk.objects.count() == 6
    halaman = admin_client.get(r.url).content.decode()
    assert "Laporan pindah" in halaman and "sudah dipindahkan" in halaman
    unduh = admin_client.get(reverse("admin:pindah_pindahopensid_laporan", args=[pindah.pk]))
    assert unduh.status_code == 200 and unduh["Content-Type"].startswith("application/vnd.openxml")
    assert LogAktivitas.objects.filter(aksi="impor", keterangan__contains=pindah.sha256).exists()


def test_layar_menolak_berkas_yang_bukan_cadangan_dengan_pesan(
    admin_client, django_capture_on_commit_callbacks
):
    berkas = SimpleUploadedFile("foto.sql", b"\x89PNG\r\n\x1a\n" + bytes(100))
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(reverse("admin:pindah_pindahopensid_add"), {"berkas": berkas})
    pindah = PindahOpenSID.objects.get()
    assert pindah.status == PindahOpenSID.Status.GAGAL
    assert "bukan" in admin_client.get(r.url).content.decode()
    assert not Penduduk.objects.exists()


@pytest.mark.parametrize("peran", ["Operator", "Sekretaris Desa", "Kepala Desa"])
def test_hanya_administrator_yang_boleh_pindah(client, django_user_model, peran):
    from django.contrib.auth.models import Group

    from sid.peran import sinkronkan_peran

    sinkronkan_peran()
    u = django_user_model.objects.create_user("staf", password="Rahasia-panjang-1", is_staff=True)
    u.groups.add(Group.objects.get(name=peran))
    client.force_login(u)
    assert client.get(reverse("admin:pindah_pindahopensid_add")).status_code == 403
    assert client.get(reverse("admin:pindah_pindahopensid_changelist")).status_code == 403

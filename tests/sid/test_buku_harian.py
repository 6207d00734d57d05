"""The operator's daily work journal (SOP Operator §7; the Sekretaris Desa checks it, §8)."""

import datetime
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from sid.models import BukuHarian, LogAktivitas

pytestmark = pytest.mark.django_db


def _log(user, aksi, app_model, objek, **kw):
    app, model = app_model.split(".")
    return LogAktivitas.objects.create(
        pengguna=user,
        pelaku=user.username,
        aksi=aksi,
        content_type=ContentType.objects.get_by_natural_key(app, model),
        object_id="1",
        objek=objek,
        **kw,
    )


def _pdf_teks(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "b.pdf"
    berkas.write_bytes(isi)
    return subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def hari_kerja(operator, buat_staf):
    lain = buat_staf("Operator", username="operator_lain")
    _log(operator, "peristiwa_lahir", "penduduk.penduduk", "Bayi Sukamaju", keterangan="Lahir.")
    _log(operator, "ubah", "penduduk.penduduk", "Budi Santoso", perubahan={"pekerjaan": [1, 2]})
    _log(operator, "surat_terbit", "surat.surat", "Surat Keterangan Usaha 470/01")
    _log(operator, "masuk", "auth.user", "operator1")  # a login is not work
    _log(lain, "ubah", "penduduk.penduduk", "Orang Lain Punya")
    kemarin = _log(operator, "ubah", "penduduk.penduduk", "Kemarin Saja")
    kemarin.waktu = timezone.now() - datetime.timedelta(days=1)
    kemarin.save()
    return lain


def test_operator_membuka_buku_harian_hari_ini_berisi_pekerjaannya(
    client, operator, desa, hari_kerja
):
    client.force_login(operator)
    respons = client.get(reverse("admin:sid_bukuharian_hari_ini"))
    assert respons.url == reverse("admin:sid_bukuharian_add")  # none yet: the form
    assert not BukuHarian.objects.exists()
    respons = client.post(respons.url, {"tanggal": timezone.localdate().isoformat()})
    assert respons.status_code == 302
    buku = BukuHarian.objects.get(pengguna=operator)
    assert buku.tanggal == timezone.localdate()
    respons = client.get(reverse("admin:sid_bukuharian_hari_ini"))
    assert respons.url == reverse("admin:sid_bukuharian_change", args=[buku.pk])
    html = client.get(respons.url).content.decode()
    assert "Bayi Sukamaju" in html and "Budi Santoso" in html and "pekerjaan" in html
    assert "Surat Keterangan Usaha 470/01" in html
    assert "Orang Lain Punya" not in html and "Kemarin Saja" not in html
    # The operator adds their own notes.
    respons = client.post(
        reverse("admin:sid_bukuharian_change", args=[buku.pk]),
        {"catatan": "Melayani 5 tamu; printer macet."},
    )
    assert respons.status_code == 302
    buku.refresh_from_db()
    assert buku.catatan == "Melayani 5 tamu; printer macet."
    assert LogAktivitas.objects.filter(aksi="ubah", objek=str(buku)).exists()


def test_buku_harian_dicetak_pdf(client, operator, desa, hari_kerja, tmp_path):
    client.force_login(operator)
    client.post(reverse("admin:sid_bukuharian_add"), {"tanggal": timezone.localdate().isoformat()})
    buku = BukuHarian.objects.get(pengguna=operator)
    respons = client.get(reverse("admin:sid_bukuharian_pdf", args=[buku.pk]))
    assert respons.status_code == 200 and respons["Content-Type"] == "application/pdf"
    teks = _pdf_teks(respons.content, tmp_path)
    assert "BUKU HARIAN KERJA OPERATOR" in teks
    assert "Bayi Sukamaju" in teks and "Surat Keterangan Usaha" in teks
    assert "Belum diperiksa" in teks and "Orang Lain Punya" not in teks


def test_tanggal_mendatang_dan_ganda_ditolak_tanpa_menulis(client, operator, desa):
    client.force_login(operator)
    url = reverse("admin:sid_bukuharian_add")
    besok = timezone.localdate() + datetime.timedelta(days=1)
    respons = client.post(url, {"tanggal": besok.isoformat(), "catatan": "x"})
    assert respons.status_code == 200
    assert "tidak boleh untuk tanggal yang akan datang" in respons.content.decode()
    assert not BukuHarian.objects.exists()
    hari_ini = timezone.localdate().isoformat()
    assert client.post(url, {"tanggal": hari_ini, "catatan": "a"}).status_code == 302
    respons = client.post(url, {"tanggal": hari_ini, "catatan": "b"})
    assert "sudah ada" in respons.content.decode()
    assert BukuHarian.objects.count() == 1


def test_sekretaris_membaca_log_dan_menandai_diperiksa(
    client, operator, sekretaris, desa, hari_kerja, tmp_path
):
    buku = BukuHarian.objects.create(pengguna=operator, tanggal=timezone.localdate())
    client.force_login(sekretaris)
    assert client.get(reverse("admin:sid_logaktivitas_changelist")).status_code == 200
    daftar = client.get(reverse("admin:sid_bukuharian_changelist")).content.decode()
    assert "Belum diperiksa" in daftar
    html = client.get(reverse("admin:sid_bukuharian_change", args=[buku.pk])).content.decode()
    assert "Tandai diperiksa" in html and "Bayi Sukamaju" in html
    respons = client.post(
        reverse("admin:sid_bukuharian_periksa", args=[buku.pk]),
        {"catatan_pemeriksa": "Lengkap."},
    )
    assert respons.status_code == 302
    buku.refresh_from_db()
    assert buku.diperiksa and buku.diperiksa_oleh == sekretaris
    assert buku.catatan_pemeriksa == "Lengkap."
    assert LogAktivitas.objects.filter(aksi="periksa_buku_harian").exists()
    teks = _pdf_teks(
        client.get(reverse("admin:sid_bukuharian_pdf", args=[buku.pk])).content, tmp_path
    )
    assert "Diperiksa" in teks and (sekretaris.get_full_name() or sekretaris.username) in teks
    # Once checked, the operator can no longer change the notes.
    client.force_login(operator)
    client.post(reverse("admin:sid_bukuharian_change", args=[buku.pk]), {"catatan": "ubah"})
    buku.refresh_from_db()
    assert buku.catatan == ""


def test_operator_tidak_memeriksa_dan_tidak_melihat_buku_orang_lain(
    client, operator, desa, hari_kerja
):
    lain = BukuHarian.objects.create(pengguna=hari_kerja, tanggal=timezone.localdate())
    client.force_login(operator)
    assert client.get(reverse("admin:sid_logaktivitas_changelist")).status_code == 403
    assert (
        "operator_lain"
        not in client.get(reverse("admin:sid_bukuharian_changelist")).content.decode()
    )
    assert client.get(reverse("admin:sid_bukuharian_change", args=[lain.pk])).status_code == 302
    assert client.get(reverse("admin:sid_bukuharian_pdf", args=[lain.pk])).status_code == 404
    respons = client.post(reverse("admin:sid_bukuharian_periksa", args=[lain.pk]))
    assert respons.status_code == 404
    lain.refresh_from_db()
    assert not lain.diperiksa


def test_kepala_desa_membaca_tetapi_tidak_memeriksa(client, kades, operator, desa):
    buku = BukuHarian.objects.create(pengguna=operator, tanggal=timezone.localdate())
    client.force_login(kades)
    assert client.get(reverse("admin:sid_logaktivitas_changelist")).status_code == 200
    assert client.get(reverse("admin:sid_bukuharian_change", args=[buku.pk])).status_code == 200
    assert client.post(reverse("admin:sid_bukuharian_periksa", args=[buku.pk])).status_code == 403
    buku.refresh_from_db()
    assert not buku.diperiksa


def test_catatan_pemeriksa_dengan_byte_nul_ditolak_tanpa_menulis(
    client, operator, sekretaris, desa
):
    buku = BukuHarian.objects.create(pengguna=operator, tanggal=timezone.localdate())
    client.force_login(sekretaris)
    respons = client.post(
        reverse("admin:sid_bukuharian_periksa", args=[buku.pk]),
        {"catatan_pemeriksa": "a\x00b"},
        follow=True,
    )
    assert "Catatan pemeriksa tidak sah" in respons.content.decode()
    buku.refresh_from_db()
    assert not buku.diperiksa
    assert not LogAktivitas.objects.filter(aksi="periksa_buku_harian").exists()

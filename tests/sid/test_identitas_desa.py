import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from sid import services
from sid.models import IdentitasDesa, LogAktivitas


@pytest.mark.django_db
def test_kode_desa_bukan_10_digit_ditolak_dan_tidak_tersimpan(admin_desa):
    IdentitasDesa.ambil()
    for salah in ["320101200", "32010120011", "32010A2001"]:
        with pytest.raises(ValidationError) as err:
            services.identitas_desa_update(
                oleh=admin_desa, data={"nama_desa": "X", "kode_desa": salah}
            )
        assert "10 digit" in str(err.value)
    desa = IdentitasDesa.objects.get()
    assert desa.kode_desa == "" and desa.nama_desa == ""
    assert not LogAktivitas.objects.filter(aksi="ubah").exists()


@pytest.mark.django_db
def test_database_menolak_kode_desa_salah_lewat_orm():
    desa = IdentitasDesa.ambil()
    desa.kode_desa = "12345"
    with pytest.raises(IntegrityError), transaction.atomic():
        desa.save()


@pytest.mark.django_db
def test_database_hanya_mengizinkan_satu_identitas_desa():
    IdentitasDesa.ambil()
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentitasDesa.objects.create(pk=2, nama_desa="Kembar")


@pytest.mark.django_db
def test_ubah_identitas_dicatat_di_log_dengan_nilai_lama_dan_baru(admin_desa, desa):
    services.identitas_desa_update(
        oleh=admin_desa, data={"nama_desa": "Sukamakmur", "telepon": "0251-123"}
    )
    log = LogAktivitas.objects.get(aksi="ubah")
    assert log.pengguna == admin_desa
    assert log.perubahan["nama_desa"] == ["Sukamaju", "Sukamakmur"]
    assert log.perubahan["telepon"] == ["", "0251-123"]
    assert "diperbarui" not in log.perubahan


@pytest.mark.django_db
def test_form_admin_menampilkan_pesan_kode_desa_salah(klien_admin):
    IdentitasDesa.ambil()
    url = reverse("admin:sid_identitasdesa_change", args=[1])
    data = {
        "nama_desa": "Sukamaju",
        "kode_desa": "123",
        "sebutan_desa": "Desa",
        "sebutan_dusun": "Dusun",
        "sebutan_kecamatan": "Kecamatan",
        "sebutan_kabupaten": "Kabupaten",
        "sebutan_camat": "Camat",
        "sebutan_kepala_desa": "Kepala Desa",
        "sebutan_nip_desa": "NIPD",
        "pakai_rw": "on",
        "pakai_rt": "on",
    }
    response = klien_admin.post(url, data)
    assert response.status_code == 200
    assert "10 digit" in response.content.decode()
    assert IdentitasDesa.objects.get().kode_desa == ""
    data["kode_desa"] = "3201012001"
    response = klien_admin.post(url, data)
    assert response.status_code == 302
    assert IdentitasDesa.objects.get().kode_desa == "3201012001"
    assert LogAktivitas.objects.filter(aksi="ubah", objek__contains="Sukamaju").exists()


@pytest.mark.django_db
def test_dasbor_meminta_lengkapi_identitas_sampai_kode_desa_diisi(klien_admin):
    IdentitasDesa.ambil()
    response = klien_admin.get(reverse("admin:index"))
    assert "Lengkapi Identitas Desa" in response.content.decode()
    assert "Isi Identitas Desa" in response.content.decode()


@pytest.mark.django_db
def test_dasbor_tampil_dengan_nama_desa_setelah_identitas_lengkap(klien_admin, desa):
    response = klien_admin.get(reverse("admin:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lengkapi Identitas Desa" not in html
    assert "Desa Sukamaju" in html
    assert "Kependudukan" in html  # navigation grouped by task


@pytest.mark.django_db
def test_logo_bukan_gambar_ditolak(klien_admin, desa):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("admin:sid_identitasdesa_change", args=[1])
    palsu = SimpleUploadedFile(
        "logo.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg"
    )
    data = {
        "nama_desa": "Sukamaju",
        "kode_desa": "3201012001",
        "sebutan_desa": "Desa",
        "sebutan_dusun": "Dusun",
        "sebutan_kecamatan": "Kecamatan",
        "sebutan_kabupaten": "Kabupaten",
        "sebutan_camat": "Camat",
        "sebutan_kepala_desa": "Kepala Desa",
        "sebutan_nip_desa": "NIPD",
        "pakai_rw": "on",
        "pakai_rt": "on",
        "logo": palsu,
    }
    response = klien_admin.post(url, data)
    assert response.status_code == 200
    assert not IdentitasDesa.objects.get().logo


@pytest.mark.django_db
def test_logo_gambar_disimpan_ulang_tanpa_metadata(admin_desa, desa):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"
    Image.new("RGB", (50, 40), "green").save(buf, format="JPEG", exif=exif)
    unggah = SimpleUploadedFile("logo.jpeg", buf.getvalue(), content_type="image/jpeg")
    services.identitas_desa_update(oleh=admin_desa, data={"logo": unggah})
    desa = IdentitasDesa.objects.get()
    with desa.logo.open("rb") as f, Image.open(f) as img:
        assert img.size == (50, 40)
        assert "exif" not in img.info

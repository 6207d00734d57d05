"""The back-office screens: the operator's flow, who may act, the type editor, the register."""

import pytest
from django.test import Client

from surat import services
from surat.models import JenisSurat, Surat
from tests.surat import siapan

pytestmark = pytest.mark.django_db
S = Surat.Status


def klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_operator_membuat_dan_mengajukan_sktm_lewat_layar(jenis, keluarga, perangkat, operator):
    _k, kepala, istri, _anak = keluarga
    c = klien(operator)
    r = c.get("/admin/surat/surat/add/")
    assert r.status_code == 200 and "Keterangan Kurang Mampu (SKTM)" in r.content.decode()
    sktm = jenis["sktm"]
    r = c.get(f"/admin/surat/surat/buat/{sktm.slug}/")
    assert (
        r.status_code == 200
        and 'hx-get="/admin/surat/surat/cari-penduduk/?jenis=' in r.content.decode()
    )
    r = c.get("/admin/surat/surat/cari-penduduk/", {"q": "santoso", "jenis": sktm.pk})
    html = r.content.decode()
    assert f'value="{kepala.pk}"' in html
    r = c.get("/admin/surat/surat/cari-penduduk/", {"q": istri.nik, "jenis": sktm.pk})
    html = r.content.decode()
    assert "disabled" in html and "hanya untuk kepala keluarga" in html
    r = c.post(
        f"/admin/surat/surat/buat/{sktm.slug}/",
        {"penduduk": kepala.pk, "form_keperluan": "Beasiswa"},
    )
    s = Surat.objects.get()
    assert r.status_code == 302 and r["Location"] == s.get_absolute_url()
    r = c.get(s.get_absolute_url())
    html = r.content.decode()
    assert "BUDI SANTOSO" in html and "Beasiswa" in html and "401/…/3201012001/" in html
    assert f"/admin/surat/surat/{s.pk}/ajukan/" in html
    assert c.post(f"/admin/surat/surat/{s.pk}/ajukan/", {}).status_code == 302
    s.refresh_from_db()
    assert s.status == S.VERIFIKASI


def test_formulir_menampilkan_galat_tanpa_menyimpan(jenis, keluarga, operator):
    _k, _kepala, istri, _anak = keluarga
    c = klien(operator)
    r = c.post(
        f"/admin/surat/surat/buat/{jenis['sktm'].slug}/",
        {"penduduk": istri.pk, "form_keperluan": ""},
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Keperluan wajib diisi" in html or "Bidang ini tidak boleh kosong" in html
    r = c.post(
        f"/admin/surat/surat/buat/{jenis['sktm'].slug}/",
        {"penduduk": istri.pk, "form_keperluan": "x"},
    )
    assert "hanya untuk kepala keluarga" in r.content.decode()
    assert not Surat.objects.exists()


def test_tanda_tangan_tanpa_izin_403(surat_siap_ttd, operator, sekretaris, kades):
    url = f"/admin/surat/surat/{surat_siap_ttd.pk}/tandatangani/"
    for orang in (operator, sekretaris):
        c = klien(orang)
        assert c.get(url).status_code == 403
        assert c.post(url, {"penandatangan": "kepala_desa"}).status_code == 403
    surat_siap_ttd.refresh_from_db()
    assert surat_siap_ttd.nomor == ""
    c = klien(kades)
    r = c.get(url)
    assert r.status_code == 200 and siapan.NAMA_KADES in r.content.decode()
    assert c.post(url, {"penandatangan": "kepala_desa"}).status_code == 302
    surat_siap_ttd.refresh_from_db()
    assert surat_siap_ttd.status == S.TERBIT and surat_siap_ttd.nomor.startswith("401/001/")


def test_verifikasi_tanpa_izin_403(jenis, keluarga, operator, kades):
    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    services.surat_ajukan(oleh=operator, surat=s)
    for orang in (operator, kades):
        assert klien(orang).post(f"/admin/surat/surat/{s.pk}/verifikasi/", {}).status_code == 403
    s.refresh_from_db()
    assert s.status == S.VERIFIKASI


def test_halaman_surat_menampilkan_riwayat_dan_tautan_cek(
    surat_siap_ttd, kades, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    s.refresh_from_db()
    c = klien(kades)
    with django_assert_max_num_queries(20):
        r = c.get(s.get_absolute_url())
    html = r.content.decode()
    for teks in (
        "Draf dibuat",
        "Diajukan",
        "Diverifikasi",
        "Ditandatangani dan diberi nomor",
        "PDF siap",
        s.url_cek,
        "Unduh PDF",
    ):
        assert teks in html, teks


def test_panel_pdf_memantau_lalu_menawarkan_ulang_bila_gagal(surat_siap_ttd, kades):
    s = services.surat_tandatangani(
        oleh=kades, surat=surat_siap_ttd
    )  # on_commit not run: still queued
    c = klien(kades)
    html = c.get(f"/admin/surat/surat/{s.pk}/status-pdf/?ke=15").content.decode()
    assert 'hx-trigger="load delay:5s"' in html and "Menunggu antrean" in html
    Surat.objects.filter(pk=s.pk).update(
        status_pdf=Surat.StatusPdf.GAGAL, galat_pdf="Gagal membuat PDF: X"
    )
    html = c.get(f"/admin/surat/surat/{s.pk}/status-pdf/").content.decode()
    assert (
        "hx-trigger" not in html and "Coba buat PDF lagi" in html and "Gagal membuat PDF: X" in html
    )


def test_unduh_pdf_butuh_izin_melihat_surat(
    surat_siap_ttd, kades, buat_staf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    redaksi = buat_staf("Redaksi", username="redaksi")
    assert klien(redaksi).get(f"/admin/surat/surat/{s.pk}/pdf/").status_code == 403
    assert Client().get(f"/admin/surat/surat/{s.pk}/pdf/").status_code == 302  # to the login
    r = klien(kades).get(f"/admin/surat/surat/{s.pk}/pdf/?cetak=1")
    assert r.status_code == 200 and r["Content-Disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in r["Content-Security-Policy"]  # printable in a frame
    assert s.nomor in str(
        list(
            __import__("sid.models", fromlist=["LogAktivitas"])
            .LogAktivitas.objects.filter(aksi="cetak_ulang")
            .values_list("keterangan", flat=True)
        )
    )


def test_editor_jenis_memperingatkan_kode_asing_sebelum_menyimpan(admin_desa, jenis):
    c = klien(admin_desa)
    data = {
        "nama": "Keterangan Ahli Waris", "slug": "", "judul": "", "kode_surat": "474",
        "isi": "<p>[NAma] ahli waris dari [Form_pewariS] [nmaa_salah]</p>", "syarat": "",
        "syarat_penduduk": "hidup", "masa_berlaku": "0", "satuan_masa_berlaku": "bulan",
        "pakai_qr": "on", "kertas": "F4", "orientasi": "tegak", "margin_atas": "1.5",
        "margin_kanan": "2", "margin_bawah": "1.5", "margin_kiri": "2.5", "huruf": "times",
        "ukuran_huruf": "12", "format_nomor": "", "aktif": "on", "urutan": "200",
        "isian-TOTAL_FORMS": "2", "isian-INITIAL_FORMS": "0", "isian-MIN_NUM_FORMS": "0", "isian-MAX_NUM_FORMS": "30",
        "isian-0-kode": "form_pewaris", "isian-0-label": "Nama pewaris", "isian-0-jenis": "teks", "isian-0-wajib": "on",
        "isian-1-kode": "", "isian-1-label": "", "isian-1-jenis": "teks",
    }  # fmt: skip
    r = c.post("/admin/surat/jenissurat/add/", data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Kode isian tidak dikenal: [nmaa_salah]" in html
    assert 'name="konfirmasi"' in html and 'type="checkbox"' in html
    assert not JenisSurat.objects.filter(nama="Keterangan Ahli Waris").exists()
    r = c.post("/admin/surat/jenissurat/add/", {**data, "konfirmasi": "on"})
    assert r.status_code == 302
    j = JenisSurat.objects.get(nama="Keterangan Ahli Waris")
    assert j.isian == [
        {"kode": "form_pewaris", "label": "Nama pewaris", "jenis": "teks", "wajib": True}
    ]


def test_editor_jenis_mendaftar_kode_dan_pratinjau_dengan_penduduk_contoh(
    admin_desa, jenis, keluarga, perangkat
):
    c = klien(admin_desa)
    j = jenis["keterangan-usaha"]
    html = c.get(f"/admin/surat/jenissurat/{j.pk}/change/").content.decode()
    for kode in (
        "[nama]",
        "[tempat_tgl_lahir]",
        "[nama_desa]",
        "[format_nomor_surat]",
        "[atas_nama]",
        "[form_usaha]",
    ):
        assert f'data-sisip-kode="{kode}"' in html, kode
    r = c.post(
        "/admin/surat/jenissurat/pratinjau/",
        {
            "isi": "<p>[NAma] / [Tgl_surat] / [nmaa]</p>",
            "syarat_penduduk": "hidup",
            "isian-TOTAL_FORMS": "0",
            "isian-INITIAL_FORMS": "0",
        },
    )
    html = r.content.decode()
    assert "BUDI SANTOSO" in html or "SITI AMINAH" in html or "ADI SANTOSO" in html
    assert '<mark class="kode-asing">[nmaa]</mark>' in html and "Kode isian tidak dikenal" in html


def test_pulihkan_teks_asli_lewat_layar(admin_desa, jenis):
    j = jenis["keterangan-usaha"]
    services.jenis_surat_update(oleh=admin_desa, jenis=j, data={"isi": "<p>Teks desa [NAma]</p>"})
    c = klien(admin_desa)
    assert "Pulihkan teks asli" in c.get(f"/admin/surat/jenissurat/{j.pk}/change/").content.decode()
    assert c.post(f"/admin/surat/jenissurat/{j.pk}/pulihkan/", {}).status_code == 302
    j.refresh_from_db()
    assert j.isi == j.isi_asli


def test_register_surat_pdf_dan_excel(surat_siap_ttd, kades, sekretaris):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    c = klien(sekretaris)
    q = {
        "dari": s.tanggal_surat.replace(day=1).isoformat(),
        "sampai": s.tanggal_surat.isoformat(),
        "kertas": "A4",
    }
    html = c.get("/admin/surat/surat/register/", q).content.decode()
    assert s.nomor in html and "Budi Santoso" in html
    r = c.get("/admin/surat/surat/register/", {**q, "unduh": "xlsx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = c.get("/admin/surat/surat/register/", {**q, "unduh": "pdf"})
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    from tests.surat.test_pdf_surat import teks_pdf

    assert s.nomor in teks_pdf(r.content)


def test_arsip_mencari_nomor_nama_dan_nik(surat_siap_ttd, kades, sekretaris):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    c = klien(sekretaris)
    for q in (s.nomor.split("/")[1], "santoso", "3201011705"):
        html = c.get("/admin/surat/surat/", {"q": q}).content.decode()
        assert s.nomor in html, q
    html = c.get("/admin/surat/surat/", {"q": "tidakada"}).content.decode()
    assert s.nomor not in html


def test_kartu_dasbor_menurut_peran(surat_siap_ttd, kades, sekretaris, operator):
    html = klien(kades).get("/admin/").content.decode()
    assert "Layanan Surat" in html and "1 surat menunggu tanda tangan." in html
    html = klien(sekretaris).get("/admin/").content.decode()
    assert "menunggu verifikasi Anda" in html and "menunggu tanda tangan." not in html
    html = klien(operator).get("/admin/").content.decode()
    assert "Buat surat" in html


def test_riwayat_surat_penduduk_lewat_tag(surat_siap_ttd, keluarga, sekretaris, buat_staf):
    from django.template import Context, Template
    from django.test import RequestFactory

    _k, kepala, _istri, _anak = keluarga
    t = Template("{% load surat %}{% riwayat_surat_penduduk p %}")
    request = RequestFactory().get("/")
    request.user = sekretaris
    html = t.render(Context({"request": request, "p": kepala}))
    assert "Keterangan Kurang Mampu (SKTM)" in html and "Menunggu tanda tangan" in html
    request.user = buat_staf("Redaksi", username="redaksi2")
    assert "Keterangan Kurang Mampu" not in t.render(Context({"request": request, "p": kepala}))


def test_pengaturan_surat_lewat_layar(admin_desa):
    c = klien(admin_desa)
    r = c.get("/admin/surat/pengaturansurat/")
    assert r.status_code == 302
    r = c.post(
        "/admin/surat/pengaturansurat/1/change/",
        {
            "tanda_tangan_kepala_desa": "on",
            "penomoran": "global",
            "format_nomor": "[nomor_surat, 4]/[kode_surat]/[tahun]",
            "url_publik": "sukamaju.desa.id",
        },
    )
    assert r.status_code == 302
    from surat.models import PengaturanSurat

    p = PengaturanSurat.ambil()
    assert not p.verifikasi_sekretaris and p.format_nomor == "[nomor_surat, 4]/[kode_surat]/[tahun]"
    assert p.url_publik == "https://sukamaju.desa.id"


def test_formulir_surat_jumlah_query_tetap(
    jenis, operator, keluarga, django_assert_max_num_queries
):
    c = klien(operator)
    with django_assert_max_num_queries(12):
        assert (
            c.get(f"/admin/surat/surat/buat/{jenis['keterangan-usaha'].slug}/").status_code == 200
        )
    with django_assert_max_num_queries(10):
        assert c.get("/admin/surat/surat/cari-penduduk/", {"q": "san"}).status_code == 200


def test_peran_mendapat_izin_surat_yang_tepat(operator, sekretaris, kades):
    assert sekretaris.has_perm("surat.verifikasi_surat") and not sekretaris.has_perm(
        "surat.tandatangani_surat"
    )
    assert kades.has_perm("surat.tandatangani_surat") and not kades.has_perm(
        "surat.verifikasi_surat"
    )
    assert operator.has_perm("surat.add_surat") and operator.has_perm("surat.change_jenissurat")
    assert not operator.has_perm("surat.verifikasi_surat") and not operator.has_perm(
        "surat.tandatangani_surat"
    )
    assert not any(u.has_perm("surat.delete_surat") for u in (operator, sekretaris, kades))


def test_operator_tidak_bisa_mematikan_langkah_persetujuan(operator, admin_desa):
    from django.core.exceptions import PermissionDenied

    from surat.models import PengaturanSurat

    with pytest.raises(PermissionDenied):
        services.pengaturan_surat_update(oleh=operator, data={"tanda_tangan_kepala_desa": False})
    r = klien(operator).post(
        "/admin/surat/pengaturansurat/1/change/",
        {"penomoran": "global", "format_nomor": "[nomor_surat, 3]/[tahun]"},
    )
    assert r.status_code == 403
    p = PengaturanSurat.ambil()
    assert p.verifikasi_sekretaris and p.tanda_tangan_kepala_desa
    assert admin_desa.has_perm("surat.atur_pengaturan_surat")

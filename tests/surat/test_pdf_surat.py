"""The PDF: every built-in type renders for a demo resident; bundled fonts; escaped input;
stored once (same bytes on every download); a failure is shown and can be retried."""

import datetime
import hashlib
import io
import subprocess

import pytest
from pypdf import PdfReader

from sid.models import LogAktivitas
from surat import services
from surat.bawaan import JENIS_BAWAAN
from surat.models import Surat
from surat.services.pdf import baca_pdf, render_surat
from tests.surat import siapan
from tests.surat.test_alur_surat import catat_kematian

pytestmark = pytest.mark.django_db
SP = Surat.StatusPdf


def teks_pdf(data: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return hasil.stdout.decode()


def nama_huruf(data: bytes) -> set[str]:
    nama = set()
    for halaman in PdfReader(io.BytesIO(data)).pages:
        for font in halaman["/Resources"]["/Font"].values():
            nama.add(str(font.get_object()["/BaseFont"]))
    return nama


def terbitkan(jenis, penduduk, *, operator, sekretaris, kades, isian=None, capture, **kwargs):
    s = services.surat_create(
        oleh=operator, jenis=jenis, penduduk=penduduk, isian=isian or siapan.isian_contoh(jenis)
    )
    siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)
    with capture(execute=True):
        s = services.surat_tandatangani(oleh=kades, surat=s, **kwargs)
    return Surat.objects.get(pk=s.pk)


@pytest.mark.parametrize("slug", [j["slug"] for j in JENIS_BAWAAN])
def test_setiap_jenis_bawaan_tercetak_untuk_penduduk_contoh(
    slug,
    jenis,
    keluarga,
    perangkat,
    operator,
    sekretaris,
    kades,
    admin_desa,
    artefak,
    django_capture_on_commit_callbacks,
):
    _k, kepala, _istri, anak = keluarga
    penduduk = kepala
    if slug == "keterangan-kematian":
        catat_kematian(admin_desa, kepala)
        kepala.refresh_from_db()
    elif slug == "keterangan-kelahiran":
        penduduk = anak
    s = terbitkan(
        jenis[slug], penduduk, operator=operator, sekretaris=sekretaris, kades=kades,
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert s.status_pdf == SP.SIAP, s.galat_pdf
    data = baca_pdf(s)
    teks = teks_pdf(data)
    assert penduduk.nama.upper() in teks.upper()
    assert penduduk.nik in teks
    assert f"Nomor: {s.nomor}" in teks
    assert siapan.NAMA_KADES in teks
    assert jenis[slug].judul in teks
    assert "{#" not in teks and "gaya_huruf" not in teks  # no template source in the letter
    assert "[" not in teks.replace("[…]", ""), "kode isian tersisa di surat"
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    if slug in ("sktm", "biodata-penduduk", "keterangan-kematian"):
        (artefak / f"surat-{slug}.pdf").write_bytes(data)


@pytest.mark.parametrize(
    ("huruf", "nama"),
    [
        ("times", "LiberationSerif-SID"),
        ("arial", "LiberationSans-SID"),
        ("bookman", "TeXGyreBonum-SID"),
    ],
)
def test_pdf_memakai_huruf_bawaan_sid(
    huruf,
    nama,
    jenis,
    keluarga,
    perangkat,
    operator,
    sekretaris,
    kades,
    admin_desa,
    django_capture_on_commit_callbacks,
):
    services.jenis_surat_update(
        oleh=admin_desa, jenis=jenis["keterangan-usaha"], data={"huruf": huruf}
    )
    _k, kepala, _istri, _anak = keluarga
    s = terbitkan(
        jenis["keterangan-usaha"], kepala, operator=operator, sekretaris=sekretaris, kades=kades,
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    huruf_pdf = nama_huruf(baca_pdf(s))
    assert huruf_pdf and all(nama in h for h in huruf_pdf), huruf_pdf


def test_skrip_dan_html_pada_isian_tercetak_sebagai_teks(
    jenis, keluarga, perangkat, operator, sekretaris, kades, django_capture_on_commit_callbacks
):
    _k, kepala, _istri, _anak = keluarga
    jahat = "<script>alert(1)</script><b>Tebal</b>"
    s = terbitkan(
        jenis["keterangan-pengantar"], kepala, operator=operator, sekretaris=sekretaris, kades=kades,
        isian={"form_keperluan": jahat}, capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Tebal&lt;/b&gt;" in s.isi_terbit
    assert "<script" not in s.isi_terbit and "<b>Tebal" not in s.isi_terbit
    teks = teks_pdf(baca_pdf(s))
    assert "<script>alert(1)</script><b>Tebal</b>" in teks


def test_pdf_disimpan_sekali_dan_diunduh_dengan_byte_sama(
    surat_siap_ttd, kades, klien_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    s.refresh_from_db()
    pertama = baca_pdf(s)
    assert hashlib.sha256(pertama).hexdigest() == s.sha256_pdf
    assert services.surat_render_pdf(surat_id=s.pk) == SP.SIAP  # a second run changes nothing
    s.refresh_from_db()
    assert baca_pdf(s) == pertama
    url = f"/admin/surat/surat/{s.pk}/pdf/"
    unduh = [klien_admin.get(url) for _ in range(2)]
    assert all(r.status_code == 200 and r["Content-Type"] == "application/pdf" for r in unduh)
    assert unduh[0].content == unduh[1].content == pertama
    assert "attachment" in unduh[0]["Content-Disposition"]


def test_kegagalan_pdf_tercatat_dan_bisa_diulang(
    surat_siap_ttd, kades, monkeypatch, django_capture_on_commit_callbacks
):
    import surat.services.pdf as modul_pdf

    asli = modul_pdf.render_surat

    def gagal(s):
        raise OSError("disk penuh")

    monkeypatch.setattr(modul_pdf, "render_surat", gagal)
    with django_capture_on_commit_callbacks(execute=True):
        s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    s.refresh_from_db()
    assert s.status_pdf == SP.GAGAL
    assert s.galat_pdf == "Gagal membuat PDF: OSError: disk penuh"
    assert LogAktivitas.objects.filter(aksi="pdf_gagal", object_id=str(s.pk)).exists()
    monkeypatch.setattr(modul_pdf, "render_surat", asli)
    with django_capture_on_commit_callbacks(execute=True):
        services.surat_render_ulang(oleh=kades, surat=s)
    s.refresh_from_db()
    assert s.status_pdf == SP.SIAP and s.galat_pdf == ""


def test_pdf_memuat_kode_qr_dan_alamat_cek(
    surat_siap_ttd, kades, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        s = services.surat_tandatangani(
            oleh=kades, surat=surat_siap_ttd, url_dasar="https://sukamaju.desa.id"
        )
    s.refresh_from_db()
    assert s.url_cek == f"https://sukamaju.desa.id/surat/cek/{s.kode}/"
    data = baca_pdf(s)
    assert s.url_cek in teks_pdf(data).replace("\n", "")
    halaman = PdfReader(io.BytesIO(data)).pages[0]
    # The QR image holds exactly the code of the verification URL, module by module.
    import segno

    from surat.services.pdf import SKALA_QR

    modul = segno.make(s.url_cek, error="m", mask=0).matrix
    gambar = [g for g in halaman.images if g.image.width == len(modul) * SKALA_QR]
    assert len(gambar) == 1
    piksel = gambar[0].image.convert("L")
    for r, baris in enumerate(modul):
        for c, hitam in enumerate(baris):
            nilai = piksel.getpixel((c * SKALA_QR + SKALA_QR // 2, r * SKALA_QR + SKALA_QR // 2))
            assert (nilai < 128) == bool(hitam), (r, c)


def test_render_ulang_memakai_data_beku_saja(
    surat_siap_ttd, kades, keluarga, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        s = services.surat_tandatangani(
            oleh=kades, surat=surat_siap_ttd, tanggal=datetime.date(2025, 6, 2)
        )
    _k, kepala, _istri, _anak = keluarga
    kepala.nama = "Nama Sudah Diganti"
    kepala.save()
    s.refresh_from_db()
    teks = teks_pdf(render_surat(s))
    assert "BUDI SANTOSO" in teks and "Diganti" not in teks
    assert "2 Juni 2025" in teks

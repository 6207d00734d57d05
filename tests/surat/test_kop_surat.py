"""The letter head (kop surat): the logo from Identitas Desa at the left, the government lines
in order, the double rule under them; a village without a logo gets the head without image."""

import io
import subprocess

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sid.lib.desa import KUNCI_CACHE
from surat import services
from surat.services.pdf import baca_pdf

pytestmark = pytest.mark.django_db


def _gambar(data: bytes) -> list[list[str]]:
    """`pdfimages -list` rows (page, num, type, width, height, …) of the first page."""
    hasil = subprocess.run(
        [
            "pdfimages",
            "-list",
            "-f",
            "1",
            "-l",
            "1",
            "-",
        ],
        input=data,
        capture_output=True,
        check=False,
    )
    if hasil.returncode != 0:  # older poppler reads no stdin: through a file
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            hasil = subprocess.run(
                ["pdfimages", "-list", "-f", "1", "-l", "1", f.name],
                capture_output=True,
                check=True,
            )
    baris = hasil.stdout.decode().splitlines()[2:]
    return [b.split() for b in baris if b.strip()]


def _teks(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def _logo() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (240, 260), (200, 30, 30)).save(buf, "PNG")
    return SimpleUploadedFile("logo-bogor.png", buf.getvalue(), content_type="image/png")


def _tandatangani(surat, kades, capture):
    with capture(execute=True):
        s = services.surat_tandatangani(oleh=kades, surat=surat)
    s.refresh_from_db()
    return baca_pdf(s)


def test_kop_surat_memuat_logo_di_kiri_dan_baris_pemerintahan_berurutan(
    desa, surat_siap_ttd, kades, django_capture_on_commit_callbacks
):
    desa.logo = _logo()
    desa.alamat_kantor = "Jl. Raya Sukamaju No. 1"
    desa.save()
    cache.delete(KUNCI_CACHE)

    data = _tandatangani(surat_siap_ttd, kades, django_capture_on_commit_callbacks)

    gambar = _gambar(data)
    logo = [g for g in gambar if g[3:5] == ["240", "260"]]
    assert len(logo) == 1, gambar
    teks = _teks(data)
    urutan = [
        teks.index("PEMERINTAH KABUPATEN BOGOR"),
        teks.index("KECAMATAN CIBINONG"),
        teks.index("DESA SUKAMAJU"),
        teks.index("Jl. Raya Sukamaju No. 1"),
        teks.index("SURAT KETERANGAN"),
    ]
    assert urutan == sorted(urutan)


def test_kop_surat_logo_di_kiri_teks_di_tengah_dan_garis_ganda(
    desa, surat_siap_ttd, kades, django_capture_on_commit_callbacks, tmp_path, artefak
):
    desa.logo = _logo()
    desa.save()
    cache.delete(KUNCI_CACHE)
    data = _tandatangani(surat_siap_ttd, kades, django_capture_on_commit_callbacks)
    (tmp_path / "surat.pdf").write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(tmp_path / "surat.pdf"),
            str(artefak / "surat-kop"),
        ],
        check=True,
    )
    im = Image.open(artefak / "surat-kop.png").convert("RGB")
    lebar, _tinggi = im.size
    px = im.load()

    # The logo (red) sits at the left of the head.
    merah = [
        (x, y)
        for y in range(im.height // 3)
        for x in range(lebar)
        if px[x, y][0] > 150 and px[x, y][1] < 90 and px[x, y][2] < 90
    ]
    assert merah
    logo_kanan = max(x for x, _ in merah)
    logo_atas, logo_bawah = min(y for _, y in merah), max(y for _, y in merah)
    assert logo_kanan < lebar * 0.3

    # The government lines are centred on the page, right of the logo.
    gelap = [
        x
        for y in range(logo_atas, logo_bawah + 1)
        for x in range(logo_kanan + 2, lebar)
        if sum(px[x, y]) < 200
    ]
    tengah = (min(gelap) + max(gelap)) / 2
    assert abs(tengah - lebar / 2) < lebar * 0.05

    # Under the head: a thick line, then a thin one, each across most of the page.
    def baris_garis(y):
        return sum(1 for x in range(lebar) if sum(px[x, y]) < 450) > lebar * 0.6

    garis = [y for y in range(logo_bawah, im.height // 3) if baris_garis(y)]
    assert garis, "tidak ada garis di bawah kop"
    kelompok = [[garis[0]]]
    for y in garis[1:]:
        if y == kelompok[-1][-1] + 1:
            kelompok[-1].append(y)
        else:
            kelompok.append([y])
    assert len(kelompok) >= 2, kelompok
    assert len(kelompok[0]) >= len(kelompok[1])
    assert kelompok[1][0] - kelompok[0][-1] <= 8  # close together: one double rule


def test_kop_surat_tanpa_logo_tanpa_gambar(
    desa, surat_siap_ttd, kades, django_capture_on_commit_callbacks
):
    data = _tandatangani(surat_siap_ttd, kades, django_capture_on_commit_callbacks)
    assert not [g for g in _gambar(data) if g[3:5] == ["240", "260"]]
    assert "DESA SUKAMAJU" in _teks(data)

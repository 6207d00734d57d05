"""Issue #17, item 3: a placeholder used as an attribute value of a letter template
(`<a href="[form_keperluan]">`) must not let a resident's `javascript:` become a live link,
on the staff request page, on the letter page (draft preview and signed text) or in the
frozen letter body."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from mandiri import services
from mandiri.models import Permohonan
from surat import services as surat_services
from surat.isian import isi_template
from surat.models import Surat
from surat.services.jenis import jenis_surat_update
from tests.mandiri import berkas_uji
from tests.surat import siapan as surat_uji

pytestmark = pytest.mark.django_db

ATRIBUT_URL = re.compile(r"""\b(?:href|src|action|formaction)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
NILAI_JAHAT = [
    "javascript:alert(document.cookie)",
    "  JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
]
TEMPLAT = (
    '<p>Keperluan: <a href="[form_keperluan]" title="[Form_keperluan]">[form_keperluan]</a></p>'
    '<p><a href="[website_desa]">situs desa</a> [form_usaha]</p>'
)


def _tanpa_tautan_aktif(html: str) -> None:
    """No URL attribute whose scheme, read as a browser reads it (entities decoded, tab and
    newline removed, leading spaces and controls stripped), would run code."""
    for m in ATRIBUT_URL.finditer(html):
        url = unescape(m.group(2))
        url = re.sub(r"[\t\n\r]", "", url).lstrip("\x00\x01\x02\x03\x04\x05 \x0b\x0c").lower()
        assert not url.startswith(("javascript:", "vbscript:", "data:")), m.group(0)


@pytest.mark.parametrize("jahat", NILAI_JAHAT)
def test_nilai_di_atribut_tidak_menjadi_tautan_aktif(jahat):
    hasil = isi_template(TEMPLAT, {"form_keperluan": jahat, "form_usaha": "x", "website_desa": ""})
    _tanpa_tautan_aktif(hasil)
    assert "Keperluan:" in hasil


def test_tautan_aman_tetap_berfungsi():
    hasil = isi_template(
        TEMPLAT,
        {"form_keperluan": "https://contoh.id/a?b=1&c=2", "form_usaha": "x", "website_desa": ""},
    )
    assert 'href="https://contoh.id/a?b=1&amp;c=2"' in hasil
    assert 'rel="noopener noreferrer"' in hasil


def test_tabel_anggota_dan_tanda_kode_asing_tetap_utuh():
    from surat.isian import HtmlAman

    tabel = HtmlAman('<table class="tabel-bergaris"><tbody><tr><td>1</td></tr></tbody></table>')
    assert isi_template("[anggota_keluarga]", {"anggota_keluarga": tabel}) == str(tabel)
    assert isi_template("[nmaa]", {}, tandai_asing=True) == '<mark class="kode-asing">[nmaa]</mark>'


@pytest.mark.parametrize("jahat", NILAI_JAHAT[:3])
def test_permohonan_portal_sampai_surat_terbit_tanpa_javascript(
    jahat,
    warga_budi,
    admin_desa,
    operator,
    sekretaris,
    kades,
    django_capture_on_commit_callbacks,
):
    surat_uji.siapkan_perangkat(admin_desa)
    jenis = surat_uji.jenis_bawaan()["keterangan-usaha"]
    jenis_surat_update(oleh=admin_desa, jenis=jenis, data={"isi": TEMPLAT}, konfirmasi=True)
    jenis.refresh_from_db()
    assert 'href="[form_keperluan]"' in jenis.isi  # the template keeps the placeholder

    # 1. The resident requests the letter through the portal with a hostile purpose.
    r = warga_budi.post(
        "/mandiri/permohonan/baru/keterangan-usaha/",
        {
            "form_usaha": "Warung sembako",
            "form_alamat_usaha": "Jl. Melati No. 5",
            "form_mulai_usaha": "2019",
            "form_keperluan": jahat,
            "dokumen_0": berkas_uji.jpeg(),
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    p = Permohonan.objects.get()
    assert (
        "script:alert" in p.isian["form_keperluan"].lower()
    )  # stored as written: data, not markup
    _tanpa_tautan_aktif(warga_budi.get(r["Location"]).content.decode())

    # 2. Staff open the request page (its letter preview).
    staf = Client()
    staf.force_login(admin_desa)
    halaman = staf.get(f"/admin/mandiri/permohonan/{p.pk}/change/")
    assert halaman.status_code == 200
    teks = halaman.content.decode()
    assert 'id="pratinjau-surat"' in teks and "Keperluan:" in teks
    _tanpa_tautan_aktif(teks)

    # 3. The letter page while a draft (preview), then after signing (frozen text).
    p = services.permohonan_proses(oleh=operator, permohonan=p)
    s = p.surat
    teks = staf.get(f"/admin/surat/surat/{s.pk}/change/").content.decode()
    assert "Keperluan:" in teks
    _tanpa_tautan_aktif(teks)
    surat_services.surat_ajukan(oleh=operator, surat=s)
    surat_services.surat_verifikasi(oleh=sekretaris, surat=s)
    with django_capture_on_commit_callbacks(execute=True):
        surat_services.surat_tandatangani(oleh=kades, surat=s)
    s.refresh_from_db()
    assert s.status == Surat.Status.TERBIT
    _tanpa_tautan_aktif(s.isi_terbit)
    teks = staf.get(f"/admin/surat/surat/{s.pk}/change/").content.decode()
    assert "Keperluan:" in teks
    _tanpa_tautan_aktif(teks)


def test_surat_lama_dengan_tautan_javascript_dibersihkan_saat_ditampilkan(
    admin_desa, operator, sekretaris, kades, django_capture_on_commit_callbacks
):
    """A letter frozen before the fix (isi_terbit written with a live javascript: link) is
    shown without it: the letter page sanitises on the way out too."""
    surat_uji.siapkan_perangkat(admin_desa)
    jenis = surat_uji.jenis_bawaan()["keterangan-usaha"]
    _k, budi, _s, _a = surat_uji.siapkan_keluarga()
    s = surat_services.surat_create(
        oleh=operator, jenis=jenis, penduduk=budi, isian=surat_uji.isian_contoh(jenis)
    )
    surat_services.surat_ajukan(oleh=operator, surat=s)
    surat_services.surat_verifikasi(oleh=sekretaris, surat=s)
    with django_capture_on_commit_callbacks(execute=True):
        surat_services.surat_tandatangani(oleh=kades, surat=s)
    Surat.objects.filter(pk=s.pk).update(
        isi_terbit='<p>Keperluan: <a href="javascript:alert(1)">klik</a></p>'
    )
    staf = Client()
    staf.force_login(admin_desa)
    teks = staf.get(f"/admin/surat/surat/{s.pk}/change/").content.decode()
    assert "klik" in teks
    _tanpa_tautan_aktif(teks)

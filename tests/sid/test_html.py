import pytest

from sid.lib.html import bersihkan_html


@pytest.mark.parametrize(
    "kotor",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        '<iframe src="https://contoh.id"></iframe>',
        '<p onclick="alert(1)">teks</p>',
        '<svg onload="alert(1)"></svg>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_html_berbahaya_menjadi_tidak_aktif(kotor):
    bersih = bersihkan_html(kotor).lower()
    for jahat in (
        "<script",
        "onerror",
        "javascript:",
        "<iframe",
        "onclick",
        "<svg",
        "onload",
        "url(",
    ):
        assert jahat not in bersih


def test_format_surat_dipertahankan():
    html = '<p style="text-align: center;"><strong>SURAT</strong></p><table><tr><td>Nama</td><td>[nama]</td></tr></table>'
    bersih = bersihkan_html(html)
    assert 'style="text-align:center"' in bersih and "<table>" in bersih and "[nama]" in bersih


def test_tautan_diberi_rel_aman():
    assert 'rel="noopener noreferrer"' in bersihkan_html('<a href="https://desa.id">desa</a>')

"""Every form, submitted as a person does: back with the values it shows (never a server
error; a change form of a valid object saves), with one ordinary field changed (stored and
shown), and with bad values (refused with an Indonesian message, nothing written)."""

import pytest

from sid import peran
from tests.layar import formulir as fm
from tests.layar import harapan as h
from tests.layar.conftest import klien_untuk
from tests.layar.ukuran import UKURAN

pytestmark = pytest.mark.django_db

SIAPA = [*peran.SEMUA_PERAN, h.SUPERUSER, h.WARGA, h.STAF_HUB, h.ANONIM]


@pytest.mark.parametrize("siapa", SIAPA)
def test_setiap_formulir_dikirim_kembali_apa_adanya(dunia, peta, siapa):
    client, user = klien_untuk(dunia, siapa)
    daftar = fm.formulir_terlihat(client, peta.url)
    salah, diterima = [], 0
    for fh in daftar:
        hasil = fm.kirim(client, fh.form, fh.form.data())
        if hasil.status >= 500 or hasil.galat:
            salah.append(f"{fh.path} → POST {fh.form.action}: {hasil.status} {hasil.galat}")
        elif fm.form_ubah(fh, user):
            if hasil.status != 302:
                salah.append(
                    f"{fh.path}: simpan tanpa perubahan ditolak ({hasil.status}): {hasil.pesan}"
                )
            else:
                diterima += 1
    UKURAN["formulir"] += len(daftar)
    UKURAN["formulir_ubah"] += diterima
    assert not salah, "\n".join(salah)


def test_satu_kolom_biasa_diubah_tersimpan_dan_tampil(dunia, peta):
    client, user = klien_untuk(dunia, h.SUPERUSER)
    salah, diubah = [], []
    for fh in fm.formulir_terlihat(client, peta.url):
        if not fm.form_ubah(fh, user):
            continue
        percobaan = []
        for nama in fm.kolom_biasa(fh.form)[:6]:
            baru = fm.nilai_baru(fh.form, nama)
            if baru is None:
                continue
            data = {**fh.form.data(), nama: [baru]}
            hasil, html = fm.kirim_lalu_buka(client, fh.form, data, fh.path)
            if hasil.status >= 500 or hasil.galat:
                salah.append(f"{fh.path}: {nama}={baru!r} → {hasil.status} {hasil.galat}")
                break
            if hasil.status == 302:
                tampil = fm.tampil(html, fh.path, nama)
                # A reply box empties after sending: the reply then shows in the thread.
                if fm.sama(tampil, baru) or (not tampil and fm.ada_di_halaman(html, baru)):
                    diubah.append(f"{fh.route} {nama}")
                else:
                    salah.append(f"{fh.path}: {nama} disimpan {baru!r}, tampil {tampil!r}")
                break
            percobaan.append(f"{nama}={baru!r}: {hasil.pesan or hasil.status}")
        else:
            salah.append(f"{fh.path}: tidak ada kolom biasa yang bisa diubah: {percobaan}")
    UKURAN["kolom_diubah"] += len(diubah)
    assert not salah, "\n".join(salah)


@pytest.mark.parametrize("siapa", [h.SUPERUSER, h.WARGA, h.ANONIM])
def test_isian_buruk_ditolak_dengan_pesan_tanpa_menulis(dunia, peta, siapa):
    client, _user = klien_untuk(dunia, siapa)
    salah, jumlah = [], 0
    for fh in fm.formulir_terlihat(client, peta.url):
        for uraian, data in fm.contoh_buruk(fh.form):
            jumlah += 1
            hasil = fm.kirim(client, fh.form, data, sidik=True)
            tempat = f"{fh.path} → {fh.form.action} ({uraian})"
            if hasil.status >= 500 or hasil.galat:
                salah.append(f"{tempat}: {hasil.status} {hasil.galat}")
            elif hasil.status == 200 and not hasil.ditolak and "konfirmasi" not in hasil.html:
                salah.append(f"{tempat}: halaman kembali tanpa pesan")
            elif hasil.status == 200 and hasil.berubah:
                salah.append(f"{tempat}: ditolak, tetapi data tertulis di {hasil.berubah}")
            elif hasil.status == 302 and hasil.berubah and ("kosong" in uraian or "NUL" in uraian):
                salah.append(f"{tempat}: diterima dan tertulis di {hasil.berubah}")
            inggris = fm.bahasa_inggris(hasil.html)
            if inggris:
                salah.append(f"{tempat}: pesan berbahasa Inggris: {inggris!r}")
    UKURAN["isian_buruk"] += jumlah
    assert not salah, "\n".join(salah)

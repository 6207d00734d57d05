"""Statistics tables for a known small village (penduduk.statistik)."""

from __future__ import annotations

import pytest

from penduduk.statistik import KATEGORI, hitung
from sid.models import Wilayah


def _baris(tabel, label):
    return next(b for b in tabel.semua_baris if b.label == label)


def _angka(b):
    return (b.jumlah, b.l, b.p)


@pytest.mark.django_db
def test_pendidikan_dalam_kk_menghitung_penduduk_hidup_saja(populasi):
    t = hitung("pendidikan-kk")
    assert _angka(_baris(t, "SLTA / SEDERAJAT")) == (3, 3, 0)  # Budi, Adi, Joko (not Tono)
    assert _angka(_baris(t, "SLTP/SEDERAJAT")) == (1, 0, 1)
    assert _angka(_baris(t, "DIPLOMA IV/ STRATA I")) == (1, 0, 1)
    assert _angka(_baris(t, "BELUM TAMAT SD/SEDERAJAT")) == (1, 0, 1)
    assert _angka(_baris(t, "STRATA III")) == (0, 0, 0)  # every code is a row, zeros too
    assert len(t.baris) == 10
    assert _angka(t.jumlah) == (6, 3, 3)
    assert _angka(t.belum_mengisi) == (0, 0, 0)
    assert _angka(t.total) == (6, 3, 3)
    assert _baris(t, "SLTA / SEDERAJAT").persen == 50.0


@pytest.mark.django_db
def test_belum_mengisi_dan_total(populasi):
    t = hitung("golongan-darah")
    assert _angka(_baris(t, "A")) == (1, 1, 0)  # Budi (Tono is dead)
    assert _angka(t.jumlah) == (1, 1, 0)
    assert _angka(t.belum_mengisi) == (5, 2, 3)
    assert _angka(t.total) == (6, 3, 3)
    assert t.belum_mengisi.persen == pytest.approx(83.33)


@pytest.mark.django_db
@pytest.mark.parametrize("kat", [k.kunci for k in KATEGORI])
def test_setiap_kategori_jumlah_dan_persen_konsisten(populasi, kat):
    t = hitung(kat)
    data = [*t.baris, *t.luar]
    assert t.jumlah.jumlah == sum(b.jumlah for b in data)
    assert t.total.jumlah == t.jumlah.jumlah + t.belum_mengisi.jumlah
    for b in t.semua_baris:
        assert b.jumlah == b.l + b.p or t.kategori.per_keluarga
    if t.total.jumlah:
        assert sum(b.persen for b in [*data, t.belum_mengisi]) == pytest.approx(100, abs=0.05)
        assert t.total.persen == 100.0
    if not t.kategori.lingkup and not t.kategori.per_keluarga:
        assert _angka(t.total) == (6, 3, 3)


@pytest.mark.django_db
def test_filter_wilayah_dusun_rw_rt(populasi, rt_sukasari):
    dusun = Wilayah.objects.get(nama="SUKASARI", tingkat=1)
    for w in (dusun, rt_sukasari.induk, rt_sukasari):
        t = hitung("jenis-kelamin", wilayah=w)
        assert _angka(t.total) == (3, 1, 2)  # Rina, Dewi, Joko
    krajan = Wilayah.objects.get(nama="KRAJAN", tingkat=1)
    assert _angka(hitung("jenis-kelamin", wilayah=krajan).total) == (3, 2, 1)


@pytest.mark.django_db
def test_wajib_ktp_umur_17_atau_pernah_kawin(populasi):
    t = hitung("ktp")
    # Budi, Siti (KTP-EL), Adi (18, BELUM), Rina (cerai, empty), Joko (kawin, empty);
    # Dewi (14, never married) is not wajib KTP.
    assert _angka(t.total) == (5, 3, 2)
    assert _angka(_baris(t, "KTP-EL")) == (2, 1, 1)
    assert _angka(_baris(t, "BELUM")) == (1, 1, 0)
    assert _angka(_baris(t, "KIA")) == (0, 0, 0)
    assert _angka(t.belum_mengisi) == (2, 1, 1)


@pytest.mark.django_db
def test_wajib_ktp_karena_pernah_kawin_walau_di_bawah_17(populasi):
    from tests.statistik.conftest import lahir

    dewi = populasi["Dewi"]
    dewi.status_kawin = 2
    dewi.tanggal_lahir = lahir(16)
    dewi.save()
    assert hitung("ktp").total.jumlah == 6


@pytest.mark.django_db
def test_umur_rentang_dan_kategori(populasi):
    t = hitung("umur-rentang")
    assert _angka(_baris(t, "15 S/D 19 TAHUN")) == (1, 1, 0)  # Adi 18
    assert _angka(_baris(t, "10 S/D 14 TAHUN")) == (1, 0, 1)  # Dewi 14
    assert _angka(_baris(t, "75 TAHUN KE ATAS")) == (1, 1, 0)  # Joko 76
    assert _angka(_baris(t, "40 S/D 44 TAHUN")) == (1, 0, 1)  # Siti 43
    assert _angka(_baris(t, "45 S/D 49 TAHUN")) == (1, 1, 0)  # Budi 46
    assert len(t.baris) == 17 and not t.luar
    k = hitung("umur-kategori")
    assert [(b.label, b.jumlah) for b in k.baris] == [
        ("BALITA", 0),
        ("ANAK-ANAK", 1),
        ("DEWASA", 1),
        ("TUA", 4),
    ]


@pytest.mark.django_db
def test_umur_tepat_pada_ulang_tahun(populasi):
    """On the 18th birthday the resident is 18 (bounds inclusive), the day before 17."""
    from tests.statistik.conftest import lahir

    adi = populasi["Adi"]
    adi.tanggal_lahir = lahir(18, hari=0)
    adi.save()
    t = hitung("umur-kategori")
    assert (_baris(t, "ANAK-ANAK").jumlah, _baris(t, "DEWASA").jumlah) == (1, 1)
    adi.tanggal_lahir = lahir(18, hari=-1)  # 18th birthday tomorrow
    adi.save()
    t = hitung("umur-kategori")
    assert (_baris(t, "ANAK-ANAK").jumlah, _baris(t, "DEWASA").jumlah) == (2, 0)


@pytest.mark.django_db
def test_kategori_berlingkup_hamil_dan_kb(populasi):
    hamil = hitung("hamil")
    assert _angka(hamil.total) == (3, 0, 3)  # women only
    assert _angka(_baris(hamil, "HAMIL")) == (1, 0, 1)
    assert _angka(_baris(hamil, "TIDAK HAMIL")) == (1, 0, 1)
    assert _angka(hamil.belum_mengisi) == (1, 0, 1)
    kb = hitung("cara-kb")
    assert _angka(kb.total) == (3, 2, 1)  # married: Budi, Siti, Joko
    assert _angka(_baris(kb, "PIL")) == (1, 0, 1)
    assert _angka(_baris(kb, "KONDOM")) == (1, 1, 0)
    assert _angka(kb.belum_mengisi) == (1, 1, 0)


@pytest.mark.django_db
def test_akta_suku_dan_kelas_sosial(populasi):
    akta = hitung("akta-lahir")
    assert _angka(_baris(akta, "MEMILIKI AKTA KELAHIRAN")) == (2, 1, 1)
    assert _angka(akta.belum_mengisi) == (4, 2, 2)
    suku = hitung("suku")
    assert [(b.label, b.jumlah) for b in suku.baris] == [("JAWA", 2), ("SUNDA", 1)]
    assert _angka(suku.belum_mengisi) == (3, 2, 1)
    kelas = hitung("kelas-sosial")
    assert _angka(_baris(kelas, "KELUARGA SEJAHTERA I")) == (1, 1, 0)  # head Budi
    assert _angka(kelas.belum_mengisi) == (1, 0, 1)  # KK2, head Rina
    assert kelas.total.jumlah == 2


@pytest.mark.django_db
def test_warganegara_status_penduduk_shdk(populasi):
    wn = hitung("warganegara")
    assert _angka(_baris(wn, "WNI")) == (5, 2, 3)
    assert _angka(_baris(wn, "WNA")) == (1, 1, 0)
    sp = hitung("status-penduduk")
    assert _angka(_baris(sp, "TIDAK TETAP")) == (1, 1, 0)
    shdk = hitung("shdk")
    assert _angka(_baris(shdk, "KEPALA KELUARGA")) == (2, 1, 1)
    assert _angka(shdk.belum_mengisi) == (1, 1, 0)  # Joko has no KK


@pytest.mark.django_db
def test_satu_query_per_kategori(populasi, django_assert_max_num_queries):
    for k in KATEGORI:
        batas = 2 if k.jenis == "umur" else 1  # + reading the editable age groups
        with django_assert_max_num_queries(batas):
            hitung(k)

"""Back-office screens of the officials: entry with upload, the SK check, dismissal, the
streamed scan and who may see it, the dashboard card, role rules, bounded lists."""

import datetime
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from perangkat import services
from perangkat.demo import isi_perangkat_demo, pdf_sederhana
from perangkat.models import Pengangkatan, Perangkat, StatusVerifikasi
from perangkat.selectors import penandatangan_untuk
from sid.models import LogAktivitas
from tests.factories import PendudukFactory, PerangkatFactory, buat_rt
from tests.perangkat.conftest import sk_pdf

pytestmark = pytest.mark.django_db
T = datetime.date


@pytest.fixture
def klien_operator(client, operator, desa, jabatan):
    client.force_login(operator)
    return client


def _data_pengangkatan(perangkat, jabatan, **ubah):
    data = {
        "perangkat": perangkat.pk,
        "jabatan": jabatan["Kepala Desa"].pk,
        "jenis": "definitif",
        "nomor_sk": "141/Kep.12-DPMD/2024",
        "tanggal_sk": "2024-01-02",
        "tmt": "2024-01-05",
        "berkas_sk": sk_pdf(),
    }
    data.update(ubah)
    return data


# --- entry ----------------------------------------------------------------------------------


def test_operator_menambah_perangkat_lewat_layanan(klien_operator):
    r = klien_operator.post(
        reverse("admin:perangkat_perangkat_add"),
        {
            "nama": "  Ahmad   Fauzi ",
            "gelar_depan": "H.",
            "nip": "1980 0101 2005 0110 02",
            "jenis_kelamin": 1,
            "aktif": "on",
            "urutan": 0,
        },
    )
    p = Perangkat.objects.get()
    assert r.status_code == 302 and r["Location"] == p.get_absolute_url()
    assert (p.nama, p.nip, p.nama_bergelar) == (
        "Ahmad Fauzi",
        "198001012005011002",
        "H. Ahmad Fauzi",
    )
    assert LogAktivitas.objects.filter(aksi="buat", object_id=str(p.pk)).exists()


def test_perangkat_dari_register_mengambil_identitas_penduduk(klien_operator):
    warga = PendudukFactory(nama="SITI AMINAH", jenis_kelamin=2, nik="3201014302830002")
    r = klien_operator.post(
        reverse("admin:perangkat_perangkat_add"),
        {"penduduk": warga.pk, "nama": "", "aktif": "on", "urutan": 0},
    )
    assert r.status_code == 302
    p = Perangkat.objects.get()
    assert (p.nama, p.nik, p.jenis_kelamin) == ("SITI AMINAH", "3201014302830002", 2)
    assert p.identitas.nama == "SITI AMINAH"


def test_perangkat_tanpa_nama_dan_tanpa_register_ditolak(klien_operator):
    r = klien_operator.post(reverse("admin:perangkat_perangkat_add"), {"aktif": "on", "urutan": 0})
    assert r.status_code == 200
    assert "Isi nama, atau pilih penduduk dari register." in r.content.decode()
    assert not Perangkat.objects.exists()


def test_nip_ganda_ditolak_dengan_pesan(klien_operator):
    PerangkatFactory(nip="198001012005011002")
    r = klien_operator.post(
        reverse("admin:perangkat_perangkat_add"),
        {"nama": "Lain", "nip": "198001012005011002", "aktif": "on", "urutan": 0},
    )
    assert "NIP ini sudah dipakai perangkat desa lain." in r.content.decode()
    assert Perangkat.objects.count() == 1


def test_operator_mencatat_pengangkatan_dengan_pindaian(klien_operator, jabatan):
    ahmad = PerangkatFactory(nama="Ahmad Fauzi")
    url = reverse("admin:perangkat_pengangkatan_add") + f"?perangkat={ahmad.pk}"
    assert f'<option value="{ahmad.pk}" selected>' in klien_operator.get(url).content.decode()
    r = klien_operator.post(url, _data_pengangkatan(ahmad, jabatan))
    p = Pengangkatan.objects.get()
    assert r.status_code == 302 and r["Location"] == p.get_absolute_url()
    assert p.berkas_sk and p.status_verifikasi == StatusVerifikasi.BELUM
    halaman = klien_operator.get(p.get_absolute_url()).content.decode()
    assert "Belum diperiksa" in halaman and "Periksa SK" in halaman


def test_berkas_exe_lewat_form_ditolak_tanpa_menulis(klien_operator, jabatan):
    ahmad = PerangkatFactory()
    exe = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    r = klien_operator.post(
        reverse("admin:perangkat_pengangkatan_add"),
        _data_pengangkatan(ahmad, jabatan, berkas_sk=exe),
    )
    assert r.status_code == 200
    assert "Berkas bukan PDF yang sah" in r.content.decode()
    assert not Pengangkatan.objects.exists()


def test_tmt_sebelum_sk_lewat_form_menampilkan_konfirmasi(klien_operator, jabatan):
    ahmad = PerangkatFactory()
    data = _data_pengangkatan(ahmad, jabatan, tanggal_sk="2024-02-10", tmt="2024-01-01")
    r = klien_operator.post(reverse("admin:perangkat_pengangkatan_add"), data)
    isi = r.content.decode()
    assert "lebih awal dari tanggal SK" in isi
    assert 'type="checkbox" name="konfirmasi"' in isi
    assert "Pilih ulang berkas SK sebelum menyimpan" in isi
    assert not Pengangkatan.objects.exists()
    data = _data_pengangkatan(
        ahmad, jabatan, tanggal_sk="2024-02-10", tmt="2024-01-01", konfirmasi="on"
    )
    r = klien_operator.post(reverse("admin:perangkat_pengangkatan_add"), data)
    assert r.status_code == 302 and Pengangkatan.objects.get().tmt == T(2024, 1, 1)


def test_kepala_desa_kedua_lewat_form_pesan_pada_jabatan(klien_operator, jabatan, angkat):
    angkat(PerangkatFactory(nama="Ahmad Fauzi"), "Kepala Desa")
    budi = PerangkatFactory(nama="Budi")
    r = klien_operator.post(
        reverse("admin:perangkat_pengangkatan_add"),
        _data_pengangkatan(budi, jabatan, nomor_sk="141/X/2025"),
    )
    assert "sudah dipegang secara definitif oleh Ahmad Fauzi" in r.content.decode()
    assert Pengangkatan.objects.count() == 1


def test_jabatan_diubah_lewat_layanan_dengan_pesan_bendera_ganda(klien_operator, jabatan):
    url = reverse("admin:perangkat_jabatan_add")
    r = klien_operator.post(
        url, {"nama": "Kaur Tata Usaha", "urutan": 35, "tunggal": "on", "aktif": "on"}
    )
    assert r.status_code == 302
    baru = jabatan["Kepala Desa"].__class__.objects.get(nama="Kaur Tata Usaha")
    assert LogAktivitas.objects.filter(aksi="buat", object_id=str(baru.pk)).exists()
    r = klien_operator.post(
        reverse("admin:perangkat_jabatan_change", args=[baru.pk]),
        {
            "nama": "Kaur Tata Usaha",
            "urutan": 35,
            "tunggal": "on",
            "kepala_desa": "on",
            "aktif": "on",
        },
    )
    assert "Sudah ada jabatan yang ditandai sebagai Kepala Desa." in r.content.decode()
    r = klien_operator.post(
        reverse("admin:perangkat_jabatan_change", args=[baru.pk]),
        {"nama": "Kaur TU", "urutan": 36, "tunggal": "on", "aktif": "on"},
    )
    assert r.status_code == 302
    log = LogAktivitas.objects.get(aksi="ubah", object_id=str(baru.pk))
    assert log.perubahan["nama"] == ["Kaur Tata Usaha", "Kaur TU"]


def test_kepala_desa_melihat_halaman_perangkat_dan_pengangkatan(client, buat_staf, angkat, desa):
    p = angkat(PerangkatFactory(nama="Ahmad Fauzi"), "Kepala Desa")
    client.force_login(buat_staf("Kepala Desa"))
    halaman = client.get(p.perangkat.get_absolute_url()).content.decode()
    assert "Riwayat jabatan" in halaman and p.nomor_sk in halaman
    assert "Tambah pengangkatan" not in halaman
    halaman = client.get(p.get_absolute_url()).content.decode()
    assert "Ahmad Fauzi" in halaman and "Periksa SK" in halaman
    assert "Catat pemberhentian" not in halaman
    assert client.get(reverse("admin:perangkat_pengangkatan_ubah", args=[p.pk])).status_code == 403


# --- the SK check ---------------------------------------------------------------------------


def test_layar_periksa_menampilkan_pindaian_di_samping_isian(klien_operator, angkat):
    p = angkat(PerangkatFactory(nama="Ahmad Fauzi"), "Kepala Desa", nomor_sk="141/Kep.12/2024")
    isi = klien_operator.get(
        reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk])
    ).content.decode()
    url_berkas = reverse("admin:perangkat_pengangkatan_berkas", args=[p.pk])
    assert f'<iframe id="pindaian-sk" src="{url_berkas}"' in isi
    assert "141/Kep.12/2024" in isi and "Ahmad Fauzi" in isi
    assert 'value="Cocok"' in isi and 'value="Perbaiki"' in isi
    assert "/media/" not in isi.replace("/static/", "")  # never a media URL for the scan


def test_layar_periksa_gambar_memakai_img(klien_operator, angkat):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 30), "white").save(buffer, format="PNG")
    p = angkat(
        PerangkatFactory(), "Staf", berkas_sk=SimpleUploadedFile("sk.png", buffer.getvalue())
    )
    isi = klien_operator.get(
        reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk])
    ).content.decode()
    assert '<img id="pindaian-sk"' in isi


def test_cocok_lalu_terverifikasi(klien_operator, angkat, operator):
    p = angkat(PerangkatFactory(), "Kepala Desa")
    url = reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk])
    r = klien_operator.post(url, {"aksi": "cocok"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI and p.diverifikasi_oleh == operator
    assert "Terverifikasi" in klien_operator.get(p.get_absolute_url()).content.decode()


def test_perbaiki_tanpa_catatan_ditolak_lalu_dengan_catatan(klien_operator, angkat):
    p = angkat(PerangkatFactory(), "Kepala Desa")
    url = reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk])
    r = klien_operator.post(url, {"aksi": "perbaiki", "catatan": ""})
    assert r.status_code == 200 and "Tulis apa yang harus diperbaiki" in r.content.decode()
    p.refresh_from_db()
    assert p.status_verifikasi == StatusVerifikasi.BELUM
    r = klien_operator.post(url, {"aksi": "perbaiki", "catatan": "Nomor SK salah ketik"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status_verifikasi == StatusVerifikasi.PERLU_PERBAIKAN
    assert (
        "Perlu perbaikan: Nomor SK salah ketik"
        in klien_operator.get(p.get_absolute_url()).content.decode()
    )


def test_cocok_tanpa_pindaian_pesan_jelas(klien_operator, angkat):
    p = angkat(PerangkatFactory(), "Kepala Desa", berkas_sk=None)
    r = klien_operator.post(
        reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk]), {"aksi": "cocok"}
    )
    assert "Belum ada pindaian SK" in r.content.decode()


def test_ubah_nomor_sk_lewat_form_mengembalikan_ke_belum(klien_operator, angkat, operator, jabatan):
    p = angkat(PerangkatFactory(), "Kepala Desa")
    services.pengangkatan_verifikasi(oleh=operator, pengangkatan=p)
    data = _data_pengangkatan(p.perangkat, jabatan, nomor_sk="141/Kep.13-DPMD/2024")
    data.pop("berkas_sk")
    data["tanggal_sk"], data["tmt"] = p.tanggal_sk.isoformat(), p.tmt.isoformat()
    r = klien_operator.post(reverse("admin:perangkat_pengangkatan_ubah", args=[p.pk]), data)
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.nomor_sk == "141/Kep.13-DPMD/2024" and p.status_verifikasi == StatusVerifikasi.BELUM


def test_berhenti_sebelum_pengangkatan_lewat_form_ditolak(klien_operator, angkat):
    p = angkat(PerangkatFactory(), "Kepala Desa", T(2024, 1, 2))
    r = klien_operator.post(
        reverse("admin:perangkat_pengangkatan_berhenti", args=[p.pk]),
        {"nomor_sk_berhenti": "141/9/2023", "tanggal_sk_berhenti": "2023-05-01"},
    )
    assert "tidak boleh sebelum tanggal SK pengangkatan" in r.content.decode()
    p.refresh_from_db()
    assert p.tanggal_berhenti is None


# --- the streamed scan ----------------------------------------------------------------------


def test_berkas_sk_dialirkan_untuk_staf_berizin(client, buat_staf, angkat, desa):
    p = angkat(PerangkatFactory(), "Kepala Desa", nomor_sk="141/Kep.12/2024")
    url = reverse("admin:perangkat_pengangkatan_berkas", args=[p.pk])
    for peran in ("Operator", "Kepala Desa", "Sekretaris Desa"):
        client.force_login(buat_staf(peran))
        r = client.get(url)
        assert r.status_code == 200, peran
        assert r["Content-Type"] == "application/pdf"
        assert r["Content-Disposition"].startswith('inline; filename="SK-141-Kep-12-2024.pdf"')
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["X-Frame-Options"] == "SAMEORIGIN"  # shown in the check screen's iframe
        assert "frame-ancestors 'self'" in r["Content-Security-Policy"]
        assert "no-store" in r["Cache-Control"]
        assert b"".join(r.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("peran", ["Redaksi", "Kontributor", None])
def test_berkas_sk_ditolak_tanpa_izin(client, buat_staf, angkat, desa, peran):
    p = angkat(PerangkatFactory(), "Kepala Desa")
    client.force_login(buat_staf(peran))
    r = client.get(reverse("admin:perangkat_pengangkatan_berkas", args=[p.pk]))
    assert r.status_code == 403


def test_berkas_sk_anonim_diarahkan_ke_login(client, angkat, desa):
    p = angkat(PerangkatFactory(), "Kepala Desa")
    r = client.get(reverse("admin:perangkat_pengangkatan_berkas", args=[p.pk]))
    assert r.status_code == 302 and "/admin/login/" in r["Location"]


def test_berkas_sk_tidak_terjangkau_lewat_media(rf, angkat, desa, settings):
    """The /media/ route serves MEDIA_ROOT only; the scan lives in private storage."""
    from django.http import Http404
    from django.urls import resolve

    p = angkat(PerangkatFactory(), "Kepala Desa")
    cocok = resolve(f"/media/{p.berkas_sk.name}")
    with pytest.raises(Http404):
        cocok.func(rf.get(f"/media/{p.berkas_sk.name}"), **cocok.kwargs)


# --- dashboard, roles, lists ----------------------------------------------------------------


def _kartu(user):
    """The officials card as the dashboard builds it (other apps' cards are theirs to test)."""
    from django.test import RequestFactory

    from perangkat.dasbor import kartu_perangkat
    from sid import dasbor

    assert any(f is kartu_perangkat for _, f in dasbor._KARTU)  # registered in ready()
    request = RequestFactory().get("/admin/")
    request.user = user
    return kartu_perangkat(request)


def test_kartu_dasbor_menampilkan_sk_belum_terverifikasi(klien_operator, angkat, operator):
    p = angkat(PerangkatFactory(nama="Ahmad Fauzi"), "Kepala Desa")
    kartu = _kartu(operator)
    angka = {a.label: a for a in kartu.angka}
    assert angka["SK belum terverifikasi"].nilai == 1
    assert angka["SK belum terverifikasi"].url.endswith("?periksa=belum")
    assert angka["orang menjabat"].nilai == 1
    periksa = reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk])
    assert ("Periksa SK Ahmad Fauzi (Kepala Desa)", periksa) in kartu.pintasan
    assert "1 SK pengangkatan belum terverifikasi." in kartu.peringatan
    daftar = klien_operator.get(angka["SK belum terverifikasi"].url)
    assert daftar.context["cl"].result_count == 1
    services.pengangkatan_verifikasi(oleh=operator, pengangkatan=p)
    kartu = _kartu(operator)
    assert {a.label: a.nilai for a in kartu.angka}["SK belum terverifikasi"] == 0
    assert kartu.peringatan == []
    assert klien_operator.get(angka["SK belum terverifikasi"].url).context["cl"].result_count == 0


def test_kartu_dasbor_tanpa_sk_tertunda_empat_query(operator, angkat, django_assert_num_queries):
    """Nothing awaits checking: the card does not read the list of SKs to check, and finds
    the kepala desa with one EXISTS (officials in office, SKs to check, reports to receive,
    kepala desa)."""
    services.pengangkatan_verifikasi(
        oleh=operator, pengangkatan=angkat(PerangkatFactory(), "Kepala Desa")
    )
    _kartu(operator)
    with django_assert_num_queries(4):
        kartu = _kartu(operator)
    assert kartu.peringatan == []


def test_kartu_dasbor_memperingatkan_tanpa_kepala_desa(operator, jabatan, desa):
    assert any("Tidak ada Kepala Desa yang menjabat" in p for p in _kartu(operator).peringatan)


def test_kartu_dasbor_berjumlah_query_tetap_dan_tersembunyi_tanpa_izin(operator, angkat, buat_staf):
    for i in range(3):
        angkat(PerangkatFactory(), "Staf", nomor_sk=f"S/{i}")
    _kartu(operator)
    with CaptureQueriesContext(connection) as sedikit:
        _kartu(operator)
    for i in range(10):
        angkat(PerangkatFactory(), "Staf", nomor_sk=f"T/{i}")
    with CaptureQueriesContext(connection) as banyak:
        _kartu(operator)
    assert len(sedikit.captured_queries) == len(banyak.captured_queries)
    assert _kartu(buat_staf("Redaksi")) is None


HALAMAN = {
    "daftar_perangkat": reverse("admin:perangkat_perangkat_changelist"),
    "daftar_pengangkatan": reverse("admin:perangkat_pengangkatan_changelist"),
    "catat_pengangkatan": reverse("admin:perangkat_pengangkatan_add"),
    "jabatan": reverse("admin:perangkat_jabatan_changelist"),
    "buku_aparat": reverse("admin:perangkat_buku_aparat"),
    "laporan": reverse("admin:perangkat_laporan_data"),
}
BOLEH = {
    "Administrator": set(HALAMAN),
    "Operator": set(HALAMAN),
    "Sekretaris Desa": set(HALAMAN) - {"catat_pengangkatan"},
    "Kepala Desa": set(HALAMAN) - {"catat_pengangkatan"},
    "Redaksi": set(),
    "Kontributor": set(),
}


@pytest.mark.parametrize("peran", list(BOLEH))
def test_peran_dan_halaman_perangkat(client, buat_staf, desa, jabatan, peran):
    client.force_login(buat_staf(peran))
    for nama, url in HALAMAN.items():
        status = client.get(url).status_code
        if nama in BOLEH[peran]:
            assert status == 200, f"{peran} harus bisa membuka {nama}"
        else:
            assert status in (302, 403), f"{peran} tidak boleh membuka {nama} (dapat {status})"


def test_kepala_desa_tidak_bisa_memverifikasi(client, buat_staf, angkat, desa):
    p = angkat(PerangkatFactory(), "Kepala Desa")
    client.force_login(buat_staf("Kepala Desa"))
    url = reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk])
    halaman = client.get(url)
    assert halaman.status_code == 200 and 'value="Cocok"' not in halaman.content.decode()
    assert client.post(url, {"aksi": "cocok"}).status_code == 403
    p.refresh_from_db()
    assert p.status_verifikasi == StatusVerifikasi.BELUM


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:perangkat_pengangkatan_changelist"),
        reverse("admin:perangkat_perangkat_changelist"),
        reverse("admin:perangkat_buku_aparat"),
        reverse("admin:perangkat_laporan_data"),
    ],
)
def test_daftar_dan_laporan_berjumlah_query_tetap(klien_operator, angkat, url):
    def tambah(n, awal):
        for i in range(n):
            angkat(PerangkatFactory(penduduk=PendudukFactory()), "Staf", nomor_sk=f"S/{awal + i}")

    tambah(2, 0)
    klien_operator.get(url)  # warm per-process caches
    sedikit = _jumlah_query(klien_operator, url)
    tambah(10, 100)
    assert _jumlah_query(klien_operator, url) == sedikit


def test_cari_perangkat_nama_register_atau_nip(klien_operator):
    warga = PendudukFactory(nama="SITI AMINAH")
    services.perangkat_create(oleh=None, data={"penduduk": warga})
    PerangkatFactory(nama="Budi", nip="198001012005011002")
    url = reverse("admin:perangkat_perangkat_changelist")
    assert klien_operator.get(url, {"q": "aminah"}).context["cl"].result_count == 1
    assert klien_operator.get(url, {"q": "19800101"}).context["cl"].result_count == 1


# --- photo and demo -------------------------------------------------------------------


def test_foto_perangkat_publik_dan_dikodekan_ulang(klien_operator, settings):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "red").save(buffer, format="JPEG")
    r = klien_operator.post(
        reverse("admin:perangkat_perangkat_add"),
        {
            "nama": "Budi",
            "aktif": "on",
            "urutan": 0,
            "foto": SimpleUploadedFile("budi.jpg", buffer.getvalue(), "image/jpeg"),
        },
    )
    assert r.status_code == 302
    p = Perangkat.objects.get()
    assert p.foto.url.startswith("/media/perangkat/foto/budi-")
    assert (settings.MEDIA_ROOT / p.foto.name).exists()


def test_desa_demo_lengkap_bertanda_tangan_dan_idempoten(desa, jabatan):
    for dusun in ("KRAJAN", "TIMUR"):
        rt = buat_rt(dusun)
        for i in range(3):
            PendudukFactory(
                wilayah=rt, tanggal_lahir=T(1980, 1, 1 + i), nama=f"Warga {dusun} {'ABC'[i]}"
            )
    hari_ini = T(2026, 11, 1)
    mulai = T(2023, 11, 1)
    jumlah = isi_perangkat_demo(rng=random.Random(7), tanggal_mulai=mulai, hari_ini=hari_ini)
    assert jumlah == Pengangkatan.objects.count() == 12
    assert isi_perangkat_demo(rng=random.Random(7), tanggal_mulai=mulai, hari_ini=hari_ini) == 0
    # A kepala desa signs on every day of the demo period, and the sekretaris a.n.
    kepala = set()
    for hari in range(0, (hari_ini - mulai).days + 1, 7):
        ttd = penandatangan_untuk(mulai + datetime.timedelta(days=hari))
        kepala.add(ttd["kepala_desa"].nama)
        assert ttd["an"] is not None and len(ttd["ub"]) == 2
    assert len(kepala) == 2  # the change of kepala desa falls inside the period
    kadus = Pengangkatan.objects.filter(jabatan__nama="Kepala Dusun").select_related(
        "perangkat__penduduk", "dusun"
    )
    assert sorted(k.dusun.nama for k in kadus) == ["KRAJAN", "TIMUR"]
    assert all(k.perangkat.penduduk.wilayah.dusun_id == k.dusun_id for k in kadus)
    assert Pengangkatan.objects.filter(jenis="plt").count() == 1
    assert Pengangkatan.objects.filter(tanggal_berhenti__isnull=False).count() == 1
    assert Pengangkatan.objects.belum_terverifikasi().count() == 1
    assert all(p.berkas_sk for p in Pengangkatan.objects.all())
    # Academic titles match the education: none below a diploma (no "S.E." with "TAMAT SD").
    for p in Perangkat.objects.select_related("penduduk"):
        pendidikan = p.identitas.pendidikan or 0
        if p.gelar_belakang:
            assert pendidikan >= 7, (p.nama_bergelar, p.identitas.pendidikan)
        if p.gelar_belakang.startswith("S."):
            assert pendidikan >= 8, (p.nama_bergelar, p.identitas.pendidikan)


def test_pdf_sederhana_lolos_pemeriksaan_berkas():
    from perangkat.berkas import periksa_berkas_sk

    berkas = periksa_berkas_sk(SimpleUploadedFile("x.pdf", pdf_sederhana(["A (B) C"])))
    assert berkas.jenis_mime == "application/pdf"

"""A village and a hub side by side on loopback: the village is this pytest process (its own
test database), the hub is gunicorn with SID_HUB=1 on a second PostgreSQL database. Everything
between them is real HTTP, signed; the hub's pages are read over HTTP as its staff see them."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from penduduk.statistik import hitung
from perangkat.demo import pdf_sederhana
from sid.lib.desa import KUNCI_CACHE
from sid.lib.kabel import protokol
from sid.models import IdentitasDesa
from sinkron import klien
from sinkron.models import DatasetHub, Hub, Kiriman, PengumumanDesa, TiketDesa, Tingkat
from sinkron.services import percakapan
from sinkron.services.batch import kebijakan_ubah, sinkron_siapkan
from sinkron.services.kirim import sinkron_kirim
from sinkron.services.pendaftaran import hub_daftar
from tests.conftest import perlu_layanan
from tests.factories import PerangkatFactory
from tests.sinkron.hub_nyata import HubNyata, Peramban, ProxyPemutus
from tests.surat.siapan import angkat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

DESA = ["3201012001", "3201012002", "3201012003", "3201012004", "3201012005"]
DESA_KEC2 = "3201022001"
DESA_BASI = "3201012009"


@pytest.fixture(scope="module")
def hub(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "postgresql":
        perlu_layanan("Uji dua server butuh PostgreSQL (DATABASE_URL)")
    d = connection.settings_dict
    pg = f"postgres://{d['USER']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}"
    h = HubNyata(
        pg=pg, nama_db=f"{d['NAME']}_hub", template=d["NAME"], tmp=tmp_path_factory.mktemp("hub")
    )
    with django_db_blocker.unblock():
        connections.close_all()  # the template must have no open connection
        h.buat_database()
    try:
        h.siapkan_data([*DESA, DESA_KEC2, DESA_BASI], basi=DESA_BASI)
        h.mulai()
        yield h
    finally:
        h.hentikan()
        h.hapus_database()


def _jadi_desa(desa, kode: str) -> None:
    IdentitasDesa.objects.filter(pk=desa.pk).update(kode_desa=kode, nama_desa=f"Desa {kode}")
    cache.delete(KUNCI_CACHE)


def _daftar(hub, desa, admin, kode_desa: str, url: str | None = None) -> Hub:
    _jadi_desa(desa, kode_desa)
    return hub_daftar(oleh=admin, url=url or hub.url, kode=hub.kode[kode_desa])


def _kirim_semua(h: Hub) -> dict:
    sinkron_siapkan(hub=h)
    return sinkron_kirim(hub_id=h.pk, paksa=True, tarik=True)


def _grafik(halaman: str) -> dict:
    m = re.search(r'<script id="data-grafik" type="application/json">(.*?)</script>', halaman, re.S)
    return json.loads(m.group(1))


def test_pendaftaran_sinkron_penuh_dan_dasbor_hub_sama_dengan_statistik_desa(
    hub, desa, admin_desa, warga
):
    h = _daftar(hub, desa, admin_desa, DESA[0])
    angkat(
        admin_desa,
        PerangkatFactory(nama="Ahmad Fauzi"),
        "Kepala Desa",
        berkas_sk=SimpleUploadedFile("sk.pdf", pdf_sederhana(["SK KADES"]), "application/pdf"),
    )
    kebijakan_ubah(
        oleh=admin_desa,
        dataset_hub=DatasetHub.objects.get(hub=h, dataset="perangkat"),
        tingkat=Tingkat.REKAMAN,
    )
    hasil = _kirim_semua(h)
    assert hasil["gagal"] == 0 and hasil["ditolak"] == 0 and hasil["terkirim"] > 10
    assert not Kiriman.objects.filter(hub=h).exclude(status=Kiriman.Status.SELESAI).exists()

    staf = Peramban(hub.url)
    staf.masuk("hub_kab")
    status, halaman = staf.get("/hub/")
    assert status == 200
    grafik = _grafik(halaman)
    i = grafik["penduduk"]["label"].index(f"Desa {DESA[0]}")
    jk = hitung("jenis-kelamin")
    assert (grafik["penduduk"]["l"][i], grafik["penduduk"]["p"][i]) == (jk.total.l, jk.total.p)
    pendidikan = hitung("pendidikan-kk")
    harap = {b.label: (b.l, b.p) for b in pendidikan.baris if b.jumlah}
    g = grafik["kategori"]["pendidikan-kk"]
    assert dict(zip(g["label"], zip(g["l"], g["p"], strict=True), strict=True)) == harap
    # The officials with their SK file (the village shares records).
    status, halaman = staf.get(f"/hub/desa/{DESA[0]}/perangkat/")
    assert status == 200 and "Ahmad Fauzi" in halaman
    sk = re.search(r'href="(/hub/desa/\d+/perangkat/[^"]+/sk/)"', halaman).group(1)
    with urllib_sesi(staf, sk) as isi:
        assert isi.startswith(b"%PDF")
    assert hub.sql("SELECT count(*) FROM hub_aksesrekaman WHERE jenis = 'perangkat_sk'")[0][0] == 1


class urllib_sesi:  # noqa: N801 - a tiny context manager reading a file through the session
    def __init__(self, staf: Peramban, path: str):
        self.r = staf.opener.open(staf.url + path, timeout=20)

    def __enter__(self) -> bytes:
        return self.r.read()

    def __exit__(self, *exc) -> None:
        self.r.close()


def test_hub_mati_di_tengah_pengiriman_setiap_batch_diterapkan_sekali(hub, desa, admin_desa, warga):
    h = _daftar(hub, desa, admin_desa, DESA[1])
    sinkron_siapkan(hub=h)
    uuid_semua = [str(u) for u in Kiriman.objects.filter(hub=h).values_list("uuid", flat=True)]
    assert len(uuid_semua) > 5
    # The hub applies the 2nd batch but its answer is lost on the way back.
    proxy = ProxyPemutus(hub.port, putus=2)
    try:
        Hub.objects.filter(pk=h.pk).update(url=proxy.url)
        hasil = sinkron_kirim(hub_id=h.pk, paksa=True, tarik=False)
        assert hasil == {"terkirim": 1, "ditolak": 0, "gagal": 1}
    finally:
        proxy.tutup()
    # Then the hub goes down altogether: the village backs off and keeps its outbox.
    Hub.objects.filter(pk=h.pk).update(url=hub.url)
    hub.hentikan()
    try:
        hasil = sinkron_kirim(hub_id=h.pk, paksa=True, tarik=False)
        assert hasil["gagal"] == 1 and hasil["terkirim"] == 0
        h.refresh_from_db()
        assert h.gagal_berturut == 2 and "tidak dapat dihubungi" in h.galat
    finally:
        hub.mulai()
    hasil = sinkron_kirim(hub_id=h.pk, paksa=True, tarik=False)
    assert hasil["gagal"] == 0 and hasil["ditolak"] == 0
    assert not Kiriman.objects.filter(hub=h, status=Kiriman.Status.MENUNGGU).exists()
    diterima = hub.sql(
        "SELECT b.uuid::text, count(*) FROM hub_batchhub b JOIN hub_desahub d ON d.id = b.desa_id "
        "WHERE d.kode = %s GROUP BY b.uuid",
        DESA[1],
    )
    assert sorted(u for u, _n in diterima) == sorted(uuid_semua)
    assert all(n == 1 for _u, n in diterima)
    # The lost one got its original receipt back: applied once, not "stale".
    kedua = Kiriman.objects.filter(hub=h).order_by("dibuat", "pk")[1]
    assert kedua.tanda_terima["hasil"] == "diterapkan" and kedua.percobaan == 3
    jumlah = hub.sql(
        "SELECT sum(a.jumlah) FROM hub_angka a JOIN hub_desahub d ON d.id = a.desa_id "
        "WHERE d.kode = %s AND a.dataset = 'penduduk' AND a.kategori = 'jenis-kelamin' "
        "AND a.terkini",
        DESA[1],
    )[0][0]
    assert jumlah == len(warga)


def test_penolakan_lewat_jaringan_tercatat_di_hub(hub, desa, admin_desa):
    h = _daftar(hub, desa, admin_desa, DESA[2])
    sinkron_siapkan(hub=h, hanya=["identitas"])
    k = Kiriman.objects.get(hub=h)
    url = hub.url + k.path
    body = protokol.json_kanonik(k.isi)

    def kepala(isi: bytes) -> dict:
        return {
            **protokol.kepala_bertanda(
                privat_b64=h.kunci_privat,
                kredensial=str(h.kredensial),
                method="POST",
                path=k.path,
                body=isi,
            ),
            "Content-Type": "application/json",
        }

    # tampered body (signed over the original)
    status, _h, _b = klien.TRANSPORT("POST", url, kepala(body), body.replace(b"Desa", b"Dusa"), 10)
    assert status == 401
    # replayed request (same nonce)
    k1 = kepala(body)
    assert klien.TRANSPORT("POST", url, k1, body, 10)[0] == 200
    assert klien.TRANSPORT("POST", url, k1, body, 10)[0] == 409
    # village A's credential carrying village B's code
    palsu = protokol.json_kanonik({**k.isi, "kode_desa": DESA[3]})
    assert klien.TRANSPORT("POST", url, kepala(palsu), palsu, 10)[0] == 403
    # an expired enrolment code (another village, enrolling at the same hub)
    Hub.objects.all().delete()
    _jadi_desa(desa, DESA_BASI)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="kedaluwarsa"):
        hub_daftar(oleh=admin_desa, url=hub.url, kode=hub.kode[DESA_BASI])
    alasan = {
        a
        for (a,) in hub.sql(
            "SELECT alasan FROM hub_penolakanhub WHERE kode_desa IN (%s, %s, %s)",
            DESA[2],
            DESA[3],
            DESA_BASI,
        )
    }
    assert alasan >= {"tanda_tangan_salah", "ulangan", "kode_desa_tidak_cocok", "kode_kedaluwarsa"}
    assert hub.sql("SELECT count(*) FROM hub_batchhub WHERE uuid = %s", k.uuid)[0][0] == 1
    # The hub's staff see the refusals.
    staf = Peramban(hub.url)
    staf.masuk("hub_kab")
    status, halaman = staf.get("/hub/log/penolakan/")
    assert status == 200 and "kode_desa_tidak_cocok" in halaman and "kode_kedaluwarsa" in halaman


def test_pengguna_kecamatan_tidak_melihat_kecamatan_lain_lewat_http(hub, desa, admin_desa, warga):
    h = _daftar(hub, desa, admin_desa, DESA_KEC2)
    _kirim_semua(h)
    kec1 = Peramban(hub.url)
    kec1.masuk("hub_kec1")
    for path in ["/hub/", "/hub/desa/", "/hub/perangkat/", "/hub/ekspor/penduduk.csv"]:
        status, isi = kec1.get(path + "?kecamatan=320102")
        assert status == 200 and DESA_KEC2 not in isi, path
    assert kec1.get(f"/hub/desa/{DESA_KEC2}/")[0] == 404
    kab = Peramban(hub.url)
    kab.masuk("hub_kab")
    assert kab.get(f"/hub/desa/{DESA_KEC2}/")[0] == 200


def test_turun_kebijakan_hub_menghapus_dan_memberi_tanda_terima(hub, desa, admin_desa):
    h = _daftar(hub, desa, admin_desa, DESA[3])
    angkat(admin_desa, PerangkatFactory(nama="Budi Sekdes"), "Sekretaris Desa")
    dh = DatasetHub.objects.get(hub=h, dataset="perangkat")
    kebijakan_ubah(oleh=admin_desa, dataset_hub=dh, tingkat=Tingkat.REKAMAN)
    _kirim_semua(h)
    rekaman = "SELECT count(*) FROM hub_rekamanhub r JOIN hub_desahub d ON d.id = r.desa_id WHERE d.kode = %s"
    assert hub.sql(rekaman, DESA[3])[0][0] == 1
    kebijakan_ubah(oleh=admin_desa, dataset_hub=dh, tingkat=Tingkat.AGREGAT)
    sinkron_kirim(hub_id=h.pk, paksa=True, tarik=False)
    dh.refresh_from_db()
    assert dh.tanda_terima_purge["dihapus"]["rekaman"] == 1
    assert dh.tanda_terima_purge["kode_desa"] == DESA[3]
    assert hub.sql(rekaman, DESA[3])[0][0] == 0


def test_pengumuman_dan_laporan_bolak_balik_lewat_jaringan(hub, desa, admin_desa):
    h = _daftar(hub, desa, admin_desa, DESA[4])
    staf = Peramban(hub.url)
    staf.masuk("hub_kec1")
    status, _ = staf.post(
        "/hub/pengumuman/",
        {"judul": "Pemutakhiran data", "isi": "Mohon kirim data bulan ini.", "desa": DESA[4]},
    )
    assert status == 200
    sinkron_kirim(hub_id=h.pk, paksa=True, tarik=True)
    p = PengumumanDesa.objects.get(hub=h)
    assert p.judul == "Pemutakhiran data"
    percakapan.pengumuman_tandai_dibaca(oleh=admin_desa, pengumuman=p)
    t = percakapan.tiket_buat(
        oleh=admin_desa, hub=h, kategori="bantuan", judul="Minta pendampingan", isi="Soal APBDes."
    )
    sinkron_kirim(hub_id=h.pk, paksa=True, tarik=False)
    id_hub = hub.sql("SELECT id FROM hub_pengumumanhub WHERE judul = 'Pemutakhiran data'")[0][0]
    status, halaman = staf.get(f"/hub/pengumuman/{id_hub}/")
    assert "Sudah dibaca 1 dari 1 desa" in halaman and admin_desa.username in halaman
    status, halaman = staf.get(f"/hub/laporan/{t.uuid}/")
    assert status == 200 and "Soal APBDes." in halaman
    status, _ = staf.post(f"/hub/laporan/{t.uuid}/", {"isi": "Jadwal Kamis.", "status": "selesai"})
    assert status == 200
    sinkron_kirim(hub_id=h.pk, paksa=True, tarik=True)
    t = TiketDesa.objects.get(pk=t.pk)
    assert t.status == "selesai" and t.ada_balasan
    assert t.pesan.filter(dari="hub", isi="Jadwal Kamis.").exists()

"""Exports of the resident list: layout, filters, permissions, audit, and the round trip."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penduduk.impor.kolom import NAMA_KOLOM
from penduduk.impor.layanan import penduduk_impor
from penduduk.models import Penduduk
from sid import kode
from sid.models import LogAktivitas
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt
from tests.impor.conftest import CONTOH

pytestmark = pytest.mark.django_db
URL = {
    "xlsx": "admin:penduduk_penduduk_ekspor_xlsx",
    "xlsx-label": "admin:penduduk_penduduk_ekspor_xlsx_label",
    "csv": "admin:penduduk_penduduk_ekspor_csv",
}


def _unduh(client, format_="xlsx", query="") -> bytes:
    response = client.get(reverse(URL[format_]) + query)
    assert response.status_code == 200, response.content[:300]
    assert response.streaming
    return b"".join(response.streaming_content)


def _baris(isi: bytes, lembar="Penduduk") -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
    baris = list(wb[lembar].iter_rows(values_only=True))
    lebar = len(baris[0])
    return [tuple(r) + (None,) * (lebar - len(r)) for r in baris]


@pytest.fixture
def desa_lengkap(desa):
    """Residents with every kind of value: RW level, decimals, dates, documents, events."""
    rt = buat_rt("KRAJAN", "001", "002")
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt, alamat="JL. MAWAR  NO. 5")
    budi = PendudukFactory(
        nama="Budi Santoso",
        nik="3201011705800001",
        keluarga=k,
        shdk=1,
        status_kawin=2,
        tanggal_lahir=datetime.date(1980, 5, 17),
        akta_perkawinan="12/KWN/2005",
        tanggal_perkawinan=datetime.date(2005, 6, 1),
        lat=Decimal("-6.4815123"),
        lng=Decimal("106.8540000"),
        golongan_darah=kode.GolonganDarah.AB_PLUS,
        asuransi=4,
        no_asuransi="0001234",
        ktp_el=2,
        status_rekam=4,
        suku="Sunda",
        cara_kb=4,
        nama_ayah="Slamet",
        nik_ayah="3201010101500001",
    )
    siti = PendudukFactory(
        nama="Siti Aminah",
        nik="3201014302830002",
        keluarga=k,
        shdk=3,
        status_kawin=2,
        jenis_kelamin=2,
        tanggal_lahir=datetime.date(1983, 2, 3),
        hamil=1,
        cacat=7,
        alamat_sekarang='=HYPERLINK("x")',
    )
    mati = PendudukFactory(
        nama="Kakek Tua",
        nik="3201010101400001",
        keluarga=k,
        shdk=7,
        status_kawin=4,
        tanggal_lahir=datetime.date(1940, 1, 1),
    )
    Penduduk.objects.filter(pk=mati.pk).update(status_dasar=kode.StatusDasar.MATI)
    return k, budi, siti


def test_ekspor_xlsx_berisi_43_kolom_kode_dan_lembar_kode_data(klien_admin, desa_lengkap):
    isi = _unduh(klien_admin, "xlsx", "?status=semua")
    baris = _baris(isi)
    assert list(baris[0]) == NAMA_KOLOM
    data = {r[NAMA_KOLOM.index("nik")]: dict(zip(NAMA_KOLOM, r, strict=True)) for r in baris[1:]}
    budi = data["3201011705800001"]
    assert budi["no_kk"] == "3201010101230001"
    assert (budi["dusun"], budi["rw"], budi["rt"]) == ("KRAJAN", "001", "002")
    assert budi["sex"] == 1 and budi["kk_level"] == 1 and budi["golongan_darah_id"] == 9
    assert budi["tanggallahir"].date() == datetime.date(1980, 5, 17)
    assert budi["lat"] == pytest.approx(-6.4815123)
    assert data["3201010101400001"]["status_dasar"] == 2
    kode_data = _baris(isi, "Kode Data")
    assert ("sex", 1, "LAKI-LAKI") in kode_data


def test_ekspor_label_menulis_label(klien_admin, desa_lengkap):
    baris = _baris(_unduh(klien_admin, "xlsx-label"))
    budi = dict(zip(NAMA_KOLOM, [r for r in baris if r[6] == "3201011705800001"][0], strict=True))
    assert budi["sex"] == "LAKI-LAKI"
    assert budi["kk_level"] == "KEPALA KELUARGA"
    assert budi["pekerjaan_id"] == "PETANI/PEKEBUN"


def test_ekspor_csv_utf8_kode_tanggal_iso_dan_rumus_dinetralkan(klien_admin, desa_lengkap):
    isi = _unduh(klien_admin, "csv")
    assert isi.startswith("\ufeff".encode())
    baris = list(csv.reader(io.StringIO(isi.decode("utf-8-sig"))))
    assert baris[0] == NAMA_KOLOM
    data = {r[6]: dict(zip(NAMA_KOLOM, r, strict=True)) for r in baris[1:]}
    assert data["3201011705800001"]["tanggallahir"] == "1980-05-17"
    assert data["3201011705800001"]["pekerjaan_id"] == "9"
    assert data["3201014302830002"]["alamat_sekarang"] == '\'=HYPERLINK("x")'


def test_ekspor_mengikuti_filter_dan_pencarian_daftar(klien_admin, desa_lengkap):
    hidup = _baris(_unduh(klien_admin, "xlsx"))  # default filter: HIDUP
    assert len(hidup) == 3
    semua = _baris(_unduh(klien_admin, "xlsx", "?status=semua"))
    assert len(semua) == 4
    cari = _baris(_unduh(klien_admin, "xlsx", "?q=siti"))
    assert [r[4] for r in cari[1:]] == ["Siti Aminah"]
    perempuan = _baris(_unduh(klien_admin, "xlsx", "?jenis_kelamin__exact=2"))
    assert [r[4] for r in perempuan[1:]] == ["Siti Aminah"]


def test_ekspor_dicatat_di_log_aktivitas(klien_admin, admin_desa, desa_lengkap):
    _unduh(klien_admin, "csv", "?q=siti")
    log = LogAktivitas.objects.get(aksi="ekspor")
    assert log.pengguna == admin_desa
    assert "csv" in log.keterangan and "1 baris" in log.keterangan and "q=siti" in log.keterangan


def test_ekspor_perlu_izin_lihat_penduduk(client, buat_staf, desa_lengkap):
    client.force_login(buat_staf("Redaksi", username="redaksi"))
    for format_ in URL:
        assert client.get(reverse(URL[format_])).status_code == 403
    assert not LogAktivitas.objects.filter(aksi="ekspor").exists()
    client.force_login(buat_staf("Kepala Desa", username="kades"))
    assert client.get(reverse(URL["csv"])).status_code == 200


def test_tombol_ekspor_membawa_filter_daftar(klien_admin, desa_lengkap):
    response = klien_admin.get(reverse("admin:penduduk_penduduk_changelist") + "?q=siti")
    html = response.content.decode()
    assert f"{reverse(URL['xlsx'])}?q=siti" in html
    assert "Ekspor Excel (label)" in html and "Ekspor CSV" in html and "Pindah masuk" in html


def test_ekspor_berjumlah_query_tetap(klien_admin, desa):
    def ukur():
        with CaptureQueriesContext(connection) as ctx:
            _unduh(klien_admin, "xlsx")
        return len(ctx.captured_queries)

    rt = buat_rt()
    for _ in range(3):
        PendudukFactory(keluarga=KeluargaFactory(wilayah=rt), shdk=1)
    _unduh(klien_admin, "xlsx")  # warm per-process caches
    sedikit = ukur()
    for _ in range(40):
        PendudukFactory(keluarga=KeluargaFactory(wilayah=rt), shdk=1)
    assert ukur() == sedikit


@pytest.mark.parametrize("format_", ["xlsx", "xlsx-label"])
def test_ekspor_lalu_impor_tidak_mengubah_apa_pun(klien_admin, admin_desa, desa_lengkap, format_):
    isi = _unduh(klien_admin, format_, "?status=semua")
    hasil = penduduk_impor(oleh=admin_desa, berkas=isi, dry_run=False)
    assert hasil.ringkasan == "0 baru, 0 diubah, 3 tidak berubah, 0 ditolak", hasil.galat


def test_ekspor_contoh_penduduk_lalu_impor_tidak_mengubah_apa_pun(klien_admin, admin_desa, desa):
    penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=False)
    isi = _unduh(klien_admin, "xlsx", "?status=semua")
    assert len(_baris(isi)) == 98
    hasil = penduduk_impor(oleh=admin_desa, berkas=isi, dry_run=False)
    assert hasil.ringkasan == "0 baru, 0 diubah, 97 tidak berubah, 0 ditolak"


def test_perintah_ekspor_dan_impor_penduduk(admin_desa, desa, tmp_path, capsys):
    call_command("impor_penduduk", str(CONTOH), "--dry-run")
    keluaran = capsys.readouterr().out
    assert "Pemeriksaan (tidak disimpan) contoh_penduduk.xlsx: 97 baru" in keluaran
    assert Penduduk.objects.count() == 0

    call_command("impor_penduduk", str(CONTOH), "--oleh", "admindesa")
    assert Penduduk.objects.count() == 97
    assert LogAktivitas.objects.filter(aksi="buat", pengguna=admin_desa).count() >= 97

    tujuan = tmp_path / "semua.xlsx"
    call_command("ekspor_penduduk", str(tujuan))
    assert "97 penduduk diekspor" in capsys.readouterr().out
    call_command("impor_penduduk", str(tujuan))
    assert "0 baru, 0 diubah, 97 tidak berubah, 0 ditolak" in capsys.readouterr().out

    csv_path = tmp_path / "semua.csv"
    call_command("ekspor_penduduk", str(csv_path), "--format", "csv")
    assert csv_path.read_bytes().startswith("\ufeff".encode())


def test_perintah_impor_keluar_bukan_nol_bila_ada_baris_ditolak(desa, tmp_path, capsys):
    from tests.impor.bantuan import baris, xlsx

    berkas = xlsx([baris(), baris(nik="123", no_kk="3201010101240002")], path=tmp_path / "a.xlsx")
    with pytest.raises(CommandError) as info:
        call_command("impor_penduduk", str(berkas))
    assert info.value.returncode == 1
    keluaran = capsys.readouterr().out
    assert "baris 3, kolom nik: NIK harus tepat 16 digit (yang diisi 3 digit)." in keluaran
    assert "1 baru, 0 diubah, 0 tidak berubah, 1 ditolak" in keluaran

    rusak = tmp_path / "b.xlsx"
    rusak.write_bytes(b"bukan excel")
    with pytest.raises(CommandError) as info:
        call_command("impor_penduduk", str(rusak))
    assert info.value.returncode == 2 and "bukan lembar kerja Excel" in str(info.value)


def test_ekspor_data_siak_lalu_impor_tidak_mengubah_apa_pun(klien_admin, admin_desa, desa):
    from tests.impor.conftest import SIAK

    penduduk_impor(oleh=admin_desa, berkas=SIAK, dry_run=False)
    isi = _unduh(klien_admin, "xlsx", "?status=semua")
    hasil = penduduk_impor(oleh=admin_desa, berkas=isi, dry_run=False)
    assert hasil.ringkasan == "0 baru, 0 diubah, 18 tidak berubah, 0 ditolak", hasil.galat


@pytest.mark.parametrize("label", [False, True])
def test_baris_ekspor_sama_dengan_nilai_resource_impor(desa_lengkap, label):
    """The export reads value tuples for speed; the import compares a row with the register
    through PendudukResource. Both must give the same cells, or an exported file would not
    re-import unchanged."""
    from penduduk.ekspor import baris_penduduk
    from penduduk.impor import kolom as K
    from penduduk.resources import PendudukResource

    qs = Penduduk.objects.order_by("pk")
    resource = PendudukResource(label=label)
    harapan = [
        [resource.sel(k, PendudukResource.nilai(p)[k.nama]) for k in K.KOLOM]
        for p in PendudukResource.queryset(qs)
    ]
    assert len(harapan) >= 3
    assert list(baris_penduduk(qs, label=label)) == harapan

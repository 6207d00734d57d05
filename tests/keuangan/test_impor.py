"""Import/export of budget lines as .xlsx: dry-run preview, all or nothing, same layout both ways."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from keuangan import impor, services
from keuangan.models import RincianAnggaran
from sid.exceptions import PerluKonfirmasi
from sid.models import LogAktivitas

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def buat_xlsx(baris: list[list], judul=("kode", "kegiatan", "anggaran", "realisasi")) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "APBDes"
    ws.append(list(judul))
    for b in baris:
        ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def unggahan(isi: bytes, nama="apbdes.xlsx"):
    return SimpleUploadedFile(nama, isi, XLSX)


def _jejak():
    return (
        sorted(
            RincianAnggaran.objects.values_list(
                "tahun_anggaran", "kode", "kegiatan", "anggaran", "realisasi"
            )
        ),
        LogAktivitas.objects.count(),
    )


@pytest.fixture
def rancangan(operator):
    return services.tahun_anggaran_create(oleh=operator, tahun=2027)


def test_ekspor_lalu_impor_menghasilkan_baris_yang_sama(ta_contoh, rancangan, operator):
    data = impor.ekspor_xlsx(ta_contoh)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["APBDes", "Kode Rekening"]
    assert [c.value for c in wb["APBDes"][1]] == impor.KOLOM_BERKAS
    baris = impor.baca_berkas(unggahan(data))
    hasil = impor.periksa_baris(rancangan, baris)
    assert hasil.boleh_simpan and not hasil.ditolak
    jumlah = services.rincian_impor(oleh=operator, tahun_anggaran=rancangan, baris=baris)
    assert jumlah["baru"] == ta_contoh.rincian.count()
    kunci = lambda ta: sorted(  # noqa: E731
        (b.kode, b.kegiatan, b.anggaran, b.realisasi_semester_1, b.realisasi, b.keterangan)
        for b in ta.rincian.all()
    )
    assert kunci(rancangan) == kunci(ta_contoh)  # sen included: 0,50 and 650.250.000,75
    assert LogAktivitas.objects.filter(aksi="impor_apbdes").count() == 1


def test_impor_dengan_kode_tidak_dikenal_atau_baris_ganda_ditolak_tanpa_menulis(
    rancangan, operator
):
    isi = buat_xlsx(
        [
            ["4.2.1.", None, 1_000_000, 0],
            ["4.9.9.", None, 5_000, 0],  # not in the template
            ["5.3.5.", "02.03.10.", 800_000, 0],
            ["5.3.5.", "02.03.10", 100, 0],  # duplicate line (same code and kegiatan)
        ]
    )
    baris = impor.baca_berkas(unggahan(isi))
    hasil = impor.periksa_baris(rancangan, baris)
    assert [b.status for b in hasil.baris] == ["baru", "ditolak", "baru", "ditolak"]
    assert "Kode rekening 4.9.9. tidak ada dalam templat" in hasil.baris[1].galat[0]
    assert hasil.baris[3].galat == [
        "Baris ganda: kode 5.3.5. kegiatan 02.03.10. sudah ada di baris 4."
    ]
    assert not hasil.boleh_simpan
    sebelum = _jejak()
    with pytest.raises(ValidationError) as e:
        services.rincian_impor(oleh=operator, tahun_anggaran=rancangan, baris=baris)
    assert e.value.messages == [
        "Baris 3: Kode rekening 4.9.9. tidak ada dalam templat rekening APBDes. Pakai kode dari "
        "templat (mis. 4.2.1. Dana Desa); kode baru hanya bisa ditambahkan Administrator di menu "
        "Kode rekening APBDes.",
        "Baris 5: Baris ganda: kode 5.3.5. kegiatan 02.03.10. sudah ada di baris 4.",
    ]
    assert _jejak() == sebelum


@pytest.mark.parametrize(
    "nilai,pesan",
    [(-5, "tidak boleh negatif"), ("1.000,555", "2 angka"), ("seribu", "hanya boleh berisi angka"),
     (10.125, "2 angka")],
)  # fmt: skip
def test_impor_dengan_nilai_salah_ditolak_tanpa_menulis(rancangan, operator, nilai, pesan):
    baris = impor.baca_berkas(
        unggahan(buat_xlsx([["4.2.1.", None, 1000, 0], ["4.2.3.", None, nilai, 0]]))
    )
    hasil = impor.periksa_baris(rancangan, baris)
    assert [b.status for b in hasil.baris] == ["baru", "ditolak"]
    assert pesan in hasil.baris[1].galat[0]
    sebelum = _jejak()
    with pytest.raises(ValidationError):
        services.rincian_impor(oleh=operator, tahun_anggaran=rancangan, baris=baris)
    assert _jejak() == sebelum


def test_nilai_angka_dari_excel_dibaca_tepat(rancangan, operator):
    baris = impor.baca_berkas(
        unggahan(
            buat_xlsx([["4.2.1", None, 0.1 + 0.2, 0], ["4.2.3.", None, 1500000.5, "1.000,25"]])
        )
    )
    services.rincian_impor(oleh=operator, tahun_anggaran=rancangan, baris=baris)
    assert rancangan.rincian.get(kode="4.2.1.").anggaran == Decimal("0.30")
    b = rancangan.rincian.get(kode="4.2.3.")
    assert (b.anggaran, b.realisasi) == (Decimal("1500000.50"), Decimal("1000.25"))


def test_kolom_dicari_menurut_nama_dan_kolom_yang_tidak_ada_tidak_diubah(ta_contoh, operator):
    isi = buat_xlsx([[999_000_000, "4.2.1."]], judul=("Realisasi", "Kode Rekening"))
    baris = impor.baca_berkas(unggahan(isi))
    assert baris == [{"nomor": 2, "realisasi": 999_000_000, "kode": "4.2.1."}]
    services.rincian_impor(oleh=operator, tahun_anggaran=ta_contoh, baris=baris)
    b = ta_contoh.rincian.get(kode="4.2.1.")
    assert (b.anggaran, b.realisasi) == (Decimal("1000000000"), Decimal("999000000"))


def test_impor_ke_apbdes_ditetapkan_hanya_realisasi(ta_ditetapkan, operator):
    ubah_anggaran = impor.baca_berkas(unggahan(buat_xlsx([["4.2.1.", None, 5, 5]])))
    hasil = impor.periksa_baris(ta_ditetapkan, ubah_anggaran)
    assert "anggaran tidak bisa diubah (buka APBDes Perubahan)" in hasil.baris[0].galat[0]
    baru = impor.baca_berkas(unggahan(buat_xlsx([["4.3.6.", None, None, 5]])))
    assert "sudah ditetapkan" in impor.periksa_baris(ta_ditetapkan, baru).baris[0].galat[0]
    sebelum = _jejak()
    with pytest.raises(ValidationError):
        services.rincian_impor(oleh=operator, tahun_anggaran=ta_ditetapkan, baris=ubah_anggaran)
    assert _jejak() == sebelum
    realisasi = impor.baca_berkas(
        unggahan(buat_xlsx([["4.2.3.", None, "500.000.000", 499_000_000]]))
    )
    services.rincian_impor(oleh=operator, tahun_anggaran=ta_ditetapkan, baris=realisasi)
    assert ta_ditetapkan.rincian.get(kode="4.2.3.").realisasi == Decimal("499000000")


def test_impor_realisasi_melebihi_anggaran_perlu_konfirmasi(ta_contoh, operator):
    baris = impor.baca_berkas(unggahan(buat_xlsx([["4.2.3.", None, None, 600_000_000]])))
    hasil = impor.periksa_baris(ta_contoh, baris)
    assert hasil.boleh_simpan and "melebihi anggaran" in hasil.peringatan[0].peringatan[0]
    with pytest.raises(PerluKonfirmasi):
        services.rincian_impor(oleh=operator, tahun_anggaran=ta_contoh, baris=baris)
    assert ta_contoh.rincian.get(kode="4.2.3.").realisasi == Decimal("480000000")
    services.rincian_impor(oleh=operator, tahun_anggaran=ta_contoh, baris=baris, konfirmasi=True)
    assert ta_contoh.rincian.get(kode="4.2.3.").realisasi == Decimal("600000000")


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"kode,anggaran\n4.2.1.,1000\n", "bukan lembar kerja .xlsx"),
        (b"PK\x03\x04bukan zip sebenarnya", "rusak"),
        (None, "Baris judul kolom tidak ditemukan"),
    ],
)
def test_berkas_yang_bukan_format_impor_ditolak(isi, pesan):
    if isi is None:
        isi = buat_xlsx([["4.2.1.", 1]], judul=("rekening_salah", "nilai"))
    with pytest.raises(ValidationError) as e:
        impor.baca_berkas(unggahan(isi))
    assert pesan in e.value.messages[0]


def test_halaman_impor_menampilkan_pratinjau_lalu_menyimpan(client, rancangan, operator):
    client.force_login(operator)
    url = f"/admin/keuangan/tahunanggaran/{rancangan.pk}/impor/"
    isi = buat_xlsx([["4.2.1.", None, "1.000.000", 0], ["5.1.1.", "01.01.01.", 1_000_000, 0]])
    r = client.post(url, {"berkas": unggahan(isi)})
    assert r.status_code == 200
    teks = r.content.decode()
    assert "2</strong> baris baru" in teks and "Belum ada yang disimpan" in teks
    assert not rancangan.rincian.exists()
    token = r.context["token"]
    r = client.post(url, {"aksi": "simpan", "token": token})
    assert r.status_code == 302
    assert rancangan.rincian.count() == 2


def test_halaman_impor_menolak_berkas_dengan_kode_salah_tanpa_tombol_simpan(
    client, rancangan, operator
):
    client.force_login(operator)
    url = f"/admin/keuangan/tahunanggaran/{rancangan.pk}/impor/"
    isi = buat_xlsx([["4.2.1.", None, 1000, 0], ["4.2.1.", None, 2000, 0], ["8.8.", None, 1, 0]])
    r = client.post(url, {"berkas": unggahan(isi)})
    teks = r.content.decode()
    assert "Berkas ditolak: 2 baris bermasalah" in teks
    assert "Baris ganda: kode 4.2.1. sudah ada di baris 2." in teks
    assert "Kode rekening 8.8. tidak ada dalam templat" in teks
    assert 'id="form-simpan-impor"' not in teks
    sebelum = _jejak()
    r = client.post(url, {"aksi": "simpan", "token": r.context["token"]})
    assert "Baris 3: Baris ganda" in r.content.decode()
    assert _jejak() == sebelum

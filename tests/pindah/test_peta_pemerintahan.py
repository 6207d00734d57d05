"""Officials, assistance programmes and the manual APBDes carried from OpenSID
(pindah.peta.perangkat, .bantuan, .keuangan): the reference backup equals its manifest through
the pages people read, and rows that break SID's rules are refused with their reason.

The edge cases import small synthetic backups into an empty village, so they come first: the
reference village (`desa_referensi`, module-scoped) fills the register for the rest of the file.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from bantuan.models import Peserta, Program
from keuangan import services as keuangan
from keuangan.models import RincianAnggaran, TahunAnggaran
from perangkat.models import Jabatan, Pengangkatan, Perangkat
from pindah.jalankan import pindah_opensid
from tests.pindah.tulis_dump import simpan, tulis_dump

pytestmark = pytest.mark.django_db

# --- a small synthetic village -------------------------------------------------------------------

KOLOM_PENDUDUK = [
    "id", "nama", "nik", "id_kk", "kk_level", "sex", "tempatlahir", "tanggallahir", "agama_id",
    "pendidikan_kk_id", "pekerjaan_id", "status_kawin", "warganegara_id", "id_cluster",
    "status_dasar",
]  # fmt: skip
PENDUDUK = [
    (1, "BUDI SANTOSO", "3507110101800001", 1, 1, 1, "MALANG", "1980-01-01", 1, 5, 9, 2, 1, 1, 1),
    (2, "SITI AMINAH", "3507114202850002", 1, 3, 2, "MALANG", "1985-02-02", 1, 5, 9, 2, 1, 1, 1),
    (3, "MBAH KARTO", "3507110303400003", 1, 11, 1, "MALANG", "1940-03-03", 1, 1, 1, 4, 1, 1, 2),
]
NO_KK = "3507110101100001"


def desa_kecil(tmp_path, **tabel):
    """A backup of a village with one family of three (one has died) plus `tabel`."""
    isi = {
        "config": (["id", "nama_desa", "kode_desa"], [(1, "Uji", "3507112099")]),
        "setting_aplikasi": (["id", "key", "value"], [(1, "current_version", "24.10")]),
        "tweb_wil_clusterdesa": (["id", "rt", "rw", "dusun"], [(1, "001", "001", "KRAJAN")]),
        "tweb_keluarga": (
            ["id", "no_kk", "nik_kepala", "alamat", "id_cluster"],
            [(1, NO_KK, 1, "JL. MAWAR 1", 1)],
        ),  # fmt: skip
        "tweb_penduduk": (KOLOM_PENDUDUK, PENDUDUK),
        **tabel,
    }
    return simpan(tmp_path / "opensid.sql", tulis_dump(isi))


def impor(path, folder=None):
    return pindah_opensid(oleh=None, sumber=path, folder=folder, dry_run=False)


def folder_desa(tmp_path, berkas: dict[str, bytes]):
    """A `desa/` folder backup (zip) holding `berkas` (paths inside desa/)."""
    jalur = tmp_path / "desa.zip"
    with zipfile.ZipFile(jalur, "w") as z:
        for nama, isi in berkas.items():
            z.writestr(f"desa/{nama}", isi)
    return jalur


def jpeg() -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (40, 50), "navy").save(keluaran, format="JPEG")
    return keluaran.getvalue()


def alasan(laporan, jenis: str) -> dict[str, str]:
    """Row → its reasons in the report (joined), for one kind."""
    hasil: dict[str, str] = {}
    for m in laporan.masalah:
        if m["jenis"] == jenis:
            hasil[m["baris"]] = " | ".join(filter(None, [hasil.get(m["baris"]), m["alasan"]]))
    return hasil


KOLOM_PAMONG = [
    "pamong_id", "pamong_nama", "pamong_nik", "id_pend", "jabatan_id", "pamong_status",
    "pamong_nosk", "pamong_tglsk", "pamong_nohenti", "pamong_tglhenti", "pamong_niap",
    "pamong_nip", "gelar_belakang", "urut", "foto",
]  # fmt: skip


def test_perangkat_tanpa_sk_dibawa_tanpa_pengangkatan_dan_kades_ganda_ditolak(tmp_path, client):
    jabatan = (["id", "nama", "jenis"], [(1, "Kepala Desa", 1), (2, "Sekretaris", 2),
                                         (3, "Kaur Perencanaan", 0)])  # fmt: skip
    pamong = (KOLOM_PAMONG, [
        # the former kepala desa, dismissed by SK: a closed appointment
        (1, None, None, 3, 1, 0, "141/01/2013", "2013-05-01", "141/02/2019", "2019-05-01",
         "0", "", None, 1, None),
        (2, None, None, 1, 1, 1, "141/03/2019", "2019-05-01", None, None, "0001", "", "S.H.", 1,
         "budi.jpg"),
        # a second kepala desa in office at the same time: refused by SID's rule
        (3, "JOKO", "3507110909900009", None, 1, 1, "141/04/2020", "2020-01-02", None, None,
         "0003", "12345", None, 3, "hilang.jpg"),
        # a new post, no SK recorded in OpenSID
        (4, "RINA", "3507114404920004", None, 3, 1, "", None, None, None, "0001", "", None, 4, None),
    ])  # fmt: skip
    folder = folder_desa(tmp_path, {"upload/user_pict/budi.jpg": jpeg()})
    laporan = impor(desa_kecil(tmp_path, ref_jabatan=jabatan, tweb_desa_pamong=pamong), folder)

    assert laporan.dibawa["Jabatan perangkat"] == 3
    assert Jabatan.objects.get(nama="Kaur Perencanaan").tunggal
    assert laporan.dibawa["Perangkat desa"] == 4
    assert laporan.dibawa["Pengangkatan perangkat"] == 2
    ditolak = alasan(laporan, "Pengangkatan perangkat")
    assert "sudah dipegang secara definitif" in ditolak["tweb_desa_pamong id 3 (JOKO)"]
    assert "SK pengangkatan kosong" in ditolak["tweb_desa_pamong id 4 (RINA)"]
    diubah = alasan(laporan, "Perangkat desa")
    assert "NIP 12345 bukan 18 digit" in diubah["tweb_desa_pamong id 3"]
    assert "Foto hilang.jpg tidak ada" in diubah["tweb_desa_pamong id 3"]
    assert "NIPD 0001 sudah dipakai" in diubah["tweb_desa_pamong id 4"]
    lama = Pengangkatan.objects.get(nomor_sk="141/01/2013")
    assert (lama.perangkat.nama, lama.nomor_sk_berhenti) == ("MBAH KARTO", "141/02/2019")
    assert lama.tanggal_berhenti == datetime.date(2019, 5, 1)
    budi = Perangkat.objects.get(penduduk__nik="3507110101800001")
    assert (budi.nipd, budi.nama_bergelar) == ("0001", "BUDI SANTOSO, S.H.")
    html = client.get(reverse("konten:aparatur")).content.decode()
    assert "BUDI SANTOSO, S.H." in html and "MBAH KARTO" not in html
    assert budi.foto and budi.foto.url in html


def test_program_rumah_tangga_dan_peserta_tak_dikenal_ditolak(tmp_path):
    program = (["id", "nama", "sasaran", "sdate", "edate", "asaldana", "ndesc"], [
        (1, "PKH", 2, "2026-01-01", "2025-12-31", "Pusat", "Program Keluarga Harapan"),
        (2, "Bedah Rumah", 3, "2026-01-01", "2026-12-31", "Kab/Kota", ""),
        (3, "Sembako Lansia", 1, "2026-01-01", "2026-12-31", "APBN", ""),
    ])  # fmt: skip
    kolom = ["id", "peserta", "program_id", "no_id_kartu", "kartu_nik", "kartu_nama",
             "kartu_tempat_lahir", "kartu_tanggal_lahir", "kartu_alamat", "kartu_id_pend"]  # fmt: skip
    peserta = (kolom, [
        (1, NO_KK, 1, "PKH-1", "3507114202850002", "SITI AMINAH", "MALANG", "1985-02-02",
         "JL. MAWAR 1", 2),
        (2, "3507110101100009", 1, "PKH-2", "", "ENTAH", "", "1990-01-01", "", None),
        (3, "3507110101100001", 2, "BR-1", "", "BUDI", "", "1980-01-01", "", 1),
        (4, "3507110303400003", 3, "SL-1", "3507110303400003", "MBAH KARTO", "MALANG",
         "1940-03-03", "", 3),
        (5, "3507110303400003", 3, "SL-2", "3507110303400003", "MBAH KARTO", "MALANG",
         "1940-03-03", "", 3),
    ])  # fmt: skip
    laporan = impor(desa_kecil(tmp_path, program=program, program_peserta=peserta))

    assert laporan.dibawa["Program bantuan"] == 2
    assert laporan.ditolak == {"Program bantuan": 1, "Peserta bantuan": 3}
    prog = alasan(laporan, "Program bantuan")
    assert "rumah tangga belum didukung" in prog["program id 2 (Bedah Rumah)"]
    assert "tanggal selesai dikosongkan" in prog["program id 1 (PKH)"]
    assert "APBN" in prog["program id 3 (Sembako Lansia)"]
    pes = alasan(laporan, "Peserta bantuan")
    assert "No. KK 3507110101100009 tidak ada" in pes["program_peserta id 2 (ENTAH)"]
    assert "rumah tangga" in pes["program_peserta id 3 (BUDI)"]
    assert "ganda" in pes["program_peserta id 5 (MBAH KARTO)"]
    assert "riwayat peserta" in pes["program_peserta id 4 (MBAH KARTO)"]
    pkh = Peserta.objects.get(program__nama="PKH")
    assert (pkh.keluarga.no_kk, pkh.kartu_nama, pkh.nomor_kartu) == (NO_KK, "SITI AMINAH", "PKH-1")
    assert Program.objects.get(nama="PKH").tanggal_selesai is None


def test_apbdes_kode_tak_dikenal_dan_nilai_negatif_ditolak(tmp_path):
    kolom = ["id", "Tahun", "Kd_Akun", "Kd_Keg", "Kd_Rincian", ("Nilai_Anggaran", "decimal(65,2)"),
             ("Nilai_Realisasi", "decimal(65,2)")]  # fmt: skip
    d = Decimal
    rinci = (kolom, [
        (1, "2025", "4.PENDAPATAN", "", "4.2.1. Dana Desa", d("900000000.00"), d("900000000.00")),
        (2, "2025", "4.PENDAPATAN", "", "4.9.9. Entah", d("1000.00"), d("0.00")),
        (3, "2025", "5.BELANJA", "00.0000.02 BIDANG PELAKSANAAN PEMBANGUNAN DESA", "5.0.0",
         d("-5.00"), d("0.00")),
        (4, "2025", "5.BELANJA", "00.0000.01 BIDANG PENYELENGGARAN PEMERINTAHAN DESA", "5.0.0",
         d("850000000.00"), d("800000000.50")),
        (5, "2025", "6.PEMBIAYAAN", "", "6.1.2. Pencairan Dana Cadangan", d("0.00"), d("0.00")),
        (6, "2025", "4.PENDAPATAN", "", "4.2.1. Dana Desa", d("1.00"), d("1.00")),
    ])  # fmt: skip
    laporan = impor(desa_kecil(tmp_path, keuangan_manual_rinci=rinci))

    assert laporan.dibawa["Rincian APBDes"] == 2
    assert laporan.ditolak["Rincian APBDes"] == 3
    tolak = alasan(laporan, "Rincian APBDes")
    assert "4.9.9. tidak ada dalam templat" in tolak["keuangan_manual_rinci id 2 (4.9.9. Entah)"]
    assert "negatif" in tolak["keuangan_manual_rinci id 3 (5.0.0)"]
    assert "Baris ganda" in tolak["keuangan_manual_rinci id 6 (4.2.1. Dana Desa)"]
    ta = TahunAnggaran.objects.get(tahun=2025)
    assert ta.status == TahunAnggaran.Status.DRAFT
    belanja = RincianAnggaran.objects.get(tahun_anggaran=ta, kode="5.0.0.")
    assert (belanja.kegiatan, belanja.realisasi) == ("01.00.00.", Decimal("800000000.50"))
    assert any("bernilai nol" in c for c in laporan.catatan)


# --- the reference village -----------------------------------------------------------------------


def test_perangkat_desa_sama_dengan_opensid(desa_referensi, klien_admin):
    laporan, manifest = desa_referensi
    pejabat = manifest["officials"]["entered"]
    assert laporan.dibawa["Perangkat desa"] == manifest["counts"]["pamong_rows"] == len(pejabat)
    assert laporan.dibawa["Jabatan perangkat"] == manifest["counts"]["ref_jabatan_rows"]
    assert laporan.dibawa["Pengangkatan perangkat"] == len(pejabat)
    assert not {"Perangkat desa", "Pengangkatan perangkat"} & set(laporan.ditolak)
    situs = klien_admin.get(reverse("konten:aparatur")).content.decode()
    daftar = klien_admin.get(reverse("admin:perangkat_perangkat_changelist")).content.decode()
    for o in pejabat:
        nama = o["nama"] + (f", {o['gelar_belakang']}" if o["gelar_belakang"] else "")
        p = Pengangkatan.objects.select_related("perangkat", "jabatan").get(nomor_sk=o["no_sk"])
        assert p.tanggal_sk.isoformat() == o["tgl_sk"] == p.tmt.isoformat()
        assert p.jabatan.nama.startswith(o["jabatan"])  # "Sekretaris" → "Sekretaris Desa"
        assert p.jabatan.kepala_desa is (o["jabatan"] == "Kepala Desa")
        assert p.jabatan.sekretaris is (o["jabatan"] == "Sekretaris")
        assert p.keterangan == f"Masa jabatan: {o['masa_jabatan']}"
        orang = p.perangkat
        assert orang.nama_bergelar == nama and orang.identitas.nik == o["nik"]
        assert (orang.nip, orang.nipd, orang.pangkat_golongan) == (
            o["nip"], o["nipd_niap"], o["pangkat"]
        )  # fmt: skip
        assert bool(orang.penduduk_id) is o["dari_penduduk"]
        assert nama in situs and p.jabatan.nama in situs
        assert o["nipd_niap"] in daftar and o["nama"] in daftar


def test_program_bantuan_sama_dengan_opensid(desa_referensi, klien_admin):
    laporan, manifest = desa_referensi
    m = manifest["program_bantuan"]
    assert laporan.dibawa["Program bantuan"] == manifest["counts"]["program_rows"]
    assert laporan.dibawa["Peserta bantuan"] == manifest["counts"]["program_peserta_rows"]
    prog = Program.objects.get(nama=m["program"]["nama"])
    assert prog.sasaran == int(m["program"]["sasaran"])
    assert prog.get_sumber_dana_display() == m["program"]["asaldana"]
    assert (prog.tanggal_mulai.isoformat(), prog.tanggal_selesai.isoformat()) == (
        m["program"]["sdate"], m["program"]["edate"]
    )  # fmt: skip
    daftar = klien_admin.get(reverse("admin:bantuan_program_changelist")).content.decode()
    assert m["program"]["nama"] in daftar and m["program"]["asaldana"] in daftar
    url = reverse("admin:bantuan_peserta_changelist") + f"?program__id__exact={prog.pk}"
    peserta = klien_admin.get(url).content.decode()
    for o in m["peserta"]:
        assert o["nama"] in peserta and o["no_id_kartu"] in peserta
    assert sorted(prog.peserta.values_list("penduduk__nik", "kartu_nama", "nomor_kartu")) == sorted(
        (o["nik"], o["nama"], o["no_id_kartu"]) for o in m["peserta"]
    )


def test_apbdes_sama_dengan_opensid_setelah_ditetapkan(desa_referensi, klien_admin, client):
    laporan, manifest = desa_referensi
    m = manifest["apbdes_manual"]
    assert laporan.dibawa["Rincian APBDes"] == manifest["counts"]["keuangan_manual_rinci_rows"]
    ta = TahunAnggaran.objects.get(tahun=int(m["tahun"]))
    assert ta.status == TahunAnggaran.Status.DRAFT  # OpenSID records no Perdes
    # The back office shows the draft with OpenSID's totals.
    halaman = klien_admin.get(reverse("admin:keuangan_tahunanggaran_change", args=[ta.pk]))
    html = halaman.content.decode()
    t = m["totals_by_akun"]
    for akun in ("4.PENDAPATAN", "5.BELANJA"):
        assert _rupiah(t[akun]["anggaran"]) in html and _rupiah(t[akun]["realisasi"]) in html
    assert client.get(reverse("keuangan:apbdes_tahun", args=[ta.tahun])).status_code == 404
    # Once adopted with its Perdes, the public page shows what OpenSID showed.
    keuangan.tahun_anggaran_tetapkan(
        oleh=None, tahun_anggaran=ta, nomor_perdes="1 Tahun 2026",
        tanggal_perdes=datetime.date(ta.tahun, 1, 15), konfirmasi=True,
    )  # fmt: skip
    cache.clear()
    publik = client.get(reverse("keuangan:apbdes_tahun", args=[ta.tahun])).context["apbdes"]
    r = publik["ringkasan"]
    for kunci, akun in (("pendapatan", "4.PENDAPATAN"), ("belanja", "5.BELANJA")):
        assert (r[kunci]["anggaran"], r[kunci]["realisasi"]) == (
            t[akun]["anggaran"], t[akun]["realisasi"]
        )  # fmt: skip
    pembiayaan = Decimal(r["penerimaan"]["anggaran"]) + Decimal(r["pengeluaran"]["anggaran"])
    assert pembiayaan == Decimal(t["6.PEMBIAYAAN"]["anggaran"])
    per_bidang = {b["uraian"]: b["anggaran"] for b in publik["belanja_bidang"]}
    for baris in m["lines"]:
        if baris["akun"] == "5.BELANJA":
            assert per_bidang[baris["kegiatan"].split(" ", 1)[1]] == baris["anggaran"]
    sumber = {b["kode"]: b["realisasi"] for b in publik["pendapatan_sumber"]}
    assert sumber["4.2.1."] == next(
        b["realisasi"] for b in m["lines"] if "Dana Desa" in b["rincian"]
    )


def _rupiah(teks: str) -> str:
    from keuangan.nilai import rupiah

    return rupiah(Decimal(teks))

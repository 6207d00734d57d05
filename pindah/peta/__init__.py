"""The mappers, in the order they run. Each module says which OpenSID tables it reads
(`TABEL`), which SID models it fills (`MODEL`, for the planner statistics afterwards) and
carries them in `jalankan(ktx)`; what it cannot carry goes into the report with its reason."""

from __future__ import annotations

from pindah.gudang import Gudang
from pindah.peta import (
    akun,
    bantuan,
    biodata,
    identitas,
    keuangan,
    konten,
    perangkat,
    peristiwa,
    register,
    surat,
)

# Officials before letters (a letter's signatory is an official); the register before all;
# accounts last (staff accounts may be linked to officials, complaints to residents).
PEMETA = [
    identitas,
    register,
    biodata,
    peristiwa,
    perangkat,
    bantuan,
    keuangan,
    surat,
    konten,
    akun,
]

TABEL_DIBACA: set[str] = {"setting_aplikasi", "migrasi"}.union(*(m.TABEL for m in PEMETA))
MODEL_DIISI = [m for p in PEMETA for m in p.MODEL]

# Tables OpenSID fills by itself (code lists, settings, templates, logs of its own screens):
# they hold no village data SID needs, so they are named in the report as such.
_BAWAAN = (
    "ref_", "tweb_penduduk_", "tweb_status_", "tweb_cacat", "tweb_cara_kb", "tweb_golongan_darah",
    "tweb_sakit_menahun", "tweb_keluarga_sejahtera", "tweb_rtm_hubungan", "tweb_aset",
    "klasifikasi_surat", "gis_simbol", "grup_akses", "setting_", "keuangan_manual_ref_",
    "keuangan_manual_rinci_tpl", "widget", "anjungan_menu", "kehadiran_jam_kerja", "media_sosial",
    "urls", "migrasi", "log_login", "sys_traffic", "notifikasi",
    "ref_syarat_surat", "analisis_ref_", "analisis_tipe_indikator",
)  # fmt: skip
# Village data the mappers do not carry yet (named first: some share a prefix with code lists).
_DATA_DESA = {
    "tweb_penduduk_map": "lokasi rumah penduduk belum dibawa",
    "dokumen": "dokumen penduduk belum dibawa (berkasnya tidak ada di cadangan basis data); "
    "unggah ulang di halaman penduduk",
    "dokumen_hidup": "dokumen penduduk belum dibawa (berkasnya tidak ada di cadangan basis "
    "data); unggah ulang di halaman penduduk",
    "log_perubahan_penduduk": "catatan perubahan biodata OpenSID tidak dibawa (tanpa rincian nilai)",
}
BAWAAN = "data bawaan OpenSID (kode, pengaturan, templat, log layar); SID memakai miliknya sendiri"
# Village data SID has no place for yet.
_BELUM = {
    "tweb_rtm": "rumah tangga (RTM) belum ada di SID",
    "analisis_": "modul analisis belum ada di SID",
    "inventaris_": "inventaris desa belum ada di SID",
    "keuangan_ta_": "tabel Siskeudes belum dibawa (APBDes diisi manual dibawa)",
    "persil": "data persil/C-Desa belum ada di SID",
    "cdesa": "data persil/C-Desa belum ada di SID",
    "mutasi_": "data persil/C-Desa belum ada di SID",
    "kelompok": "kelompok/lembaga desa belum ada di SID",
    "suplemen": "data suplemen belum ada di SID",
    "covid": "data pemudik/covid belum ada di SID",
    "buku_": "buku administrasi umum (tamu, kepuasan) belum ada di SID",
    "posyandu": "data kesehatan (posyandu/stunting) belum ada di SID",
    "kia": "data kesehatan (posyandu/stunting) belum ada di SID",
    "pembangunan": "data pembangunan belum ada di SID",
    "lapak": "lapak desa belum ada di SID",
    "polygon": "peta wilayah (GIS) belum ada di SID",
    "garis": "peta wilayah (GIS) belum ada di SID",
    "area": "peta wilayah (GIS) belum ada di SID",
    "lokasi": "peta wilayah (GIS) belum ada di SID",
    "surat_masuk": "agenda surat masuk/keluar belum ada di SID",
    "surat_keluar": "agenda surat masuk/keluar belum ada di SID",
}


def tidak_dibawa(gudang: Gudang) -> list[dict]:
    """Every non-empty table no mapper reads, with its row count and the reason."""
    hasil = []
    for tabel, n in sorted(gudang.jumlah.items()):
        if n == 0 or tabel in TABEL_DIBACA:
            continue
        if tabel in _DATA_DESA:
            hasil.append({"tabel": tabel, "baris": n, "alasan": _DATA_DESA[tabel], "bawaan": False})
            continue
        alasan = next((a for awal, a in _BELUM.items() if tabel.startswith(awal)), None)
        if alasan is None and tabel.startswith(_BAWAAN):
            hasil.append({"tabel": tabel, "baris": n, "alasan": BAWAAN, "bawaan": True})
            continue
        hasil.append(
            {
                "tabel": tabel,
                "baris": n,
                "alasan": alasan or "belum dipetakan ke SID",
                "bawaan": False,
            }
        )
    return hasil

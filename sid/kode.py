"""Official population code lists (Dukcapil/SIAK/OpenSID numeric codes) as IntegerChoices.

The codes are facts: they are read from `sid/data/kode/*.csv` (copies of
`shared/reference/kode/`), never retyped, so imports, exports and data exchange keep working.
Member names are derived from the labels: `SHDK.KEPALA_KELUARGA`, `StatusDasar.HIDUP`,
`GolonganDarah.A_PLUS`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.db import models

DATA = Path(__file__).resolve().parent / "data" / "kode"


def _nama_anggota(label: str) -> str:
    label = (
        label.upper().replace("+", " PLUS").replace("-", " MIN ")
        if re.fullmatch(r"(A|B|AB|O)[+-]", label.strip())
        else label.upper()
    )
    nama = re.sub(r"[^A-Z0-9]+", "_", label).strip("_")
    return nama if not nama[:1].isdigit() else f"K_{nama}"


def baca_csv(nama: str) -> list[dict[str, str]]:
    with open(DATA / f"{nama}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _pilihan(nama_kelas: str, berkas: str) -> type[models.IntegerChoices]:
    anggota = [(_nama_anggota(r["label"]), (int(r["kode"]), r["label"])) for r in baca_csv(berkas)]
    return models.IntegerChoices(nama_kelas, anggota)


JenisKelamin = _pilihan("JenisKelamin", "jenis_kelamin")
Agama = _pilihan("Agama", "agama")
PendidikanKK = _pilihan("PendidikanKK", "pendidikan_kk")
PendidikanSedang = _pilihan("PendidikanSedang", "pendidikan_sedang")
Pekerjaan = _pilihan("Pekerjaan", "pekerjaan")
StatusKawin = _pilihan("StatusKawin", "status_kawin")
SHDK = _pilihan("SHDK", "shdk")
WargaNegara = _pilihan("WargaNegara", "warga_negara")
GolonganDarah = _pilihan("GolonganDarah", "golongan_darah")
Cacat = _pilihan("Cacat", "cacat")
SakitMenahun = _pilihan("SakitMenahun", "sakit_menahun")
CaraKB = _pilihan("CaraKB", "cara_kb")
Hamil = _pilihan("Hamil", "hamil")
Asuransi = _pilihan("Asuransi", "asuransi")
KtpEl = _pilihan("KtpEl", "ktp_el")
StatusRekam = _pilihan("StatusRekam", "status_rekam")
StatusDasar = _pilihan("StatusDasar", "status_dasar")
StatusPenduduk = _pilihan("StatusPenduduk", "status_penduduk")
TempatDilahirkan = _pilihan("TempatDilahirkan", "tempat_dilahirkan")
JenisKelahiran = _pilihan("JenisKelahiran", "jenis_kelahiran")
PenolongKelahiran = _pilihan("PenolongKelahiran", "penolong_kelahiran")
SebabKematian = _pilihan("SebabKematian", "sebab_kematian")
PenerangKematian = _pilihan("PenerangKematian", "penerang_kematian")
JenisPindah = _pilihan("JenisPindah", "jenis_pindah")
KelasSosial = _pilihan("KelasSosial", "kelas_sosial")
DapatMembacaHuruf = _pilihan("DapatMembacaHuruf", "dapat_membaca_huruf")
JenisPeristiwaKeluarga = _pilihan("JenisPeristiwaKeluarga", "peristiwa_keluarga")

# Population events: the official codes 1–6 plus SID's own 7 for a returning resident
# (OpenSID records a return as a status change; we keep it as an event so counts derive
# from events alone).
JenisPeristiwa = models.IntegerChoices(
    "JenisPeristiwa",
    [(_nama_anggota(r["label"]), (int(r["kode"]), r["label"])) for r in baca_csv("peristiwa")]
    + [("KEMBALI_DATANG", (7, "KEMBALI DATANG"))],
)

# Which sex may use a family-planning method ("P", "L" or "L/P" in cara_kb.csv).
CARA_KB_JENIS_KELAMIN: dict[int, set[int]] = {
    int(r["kode"]): {
        {"L": JenisKelamin.LAKI_LAKI, "P": JenisKelamin.PEREMPUAN}[s]
        for s in r["untuk_jenis_kelamin"].split("/")
    }
    for r in baca_csv("cara_kb")
}

STATUS_KELUAR = {StatusDasar.MATI, StatusDasar.PINDAH, StatusDasar.HILANG, StatusDasar.PERGI}
PERISTIWA_KELUAR = {
    JenisPeristiwa.MATI: StatusDasar.MATI,
    JenisPeristiwa.PINDAH_KELUAR: StatusDasar.PINDAH,
    JenisPeristiwa.HILANG: StatusDasar.HILANG,
    JenisPeristiwa.PERGI: StatusDasar.PERGI,
}


def rentang_umur_bawaan() -> list[dict[str, object]]:
    """Default age groups (editable in the app): jenis, label, dari, sampai (None = open)."""
    return [
        {
            "jenis": r["jenis"],
            "label": r["label"],
            "dari": int(r["dari"]),
            "sampai": int(r["sampai"]) if r["sampai"] else None,
        }
        for r in baca_csv("rentang_umur")
    ]

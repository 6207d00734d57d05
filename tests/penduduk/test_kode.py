"""The coded fields store the official codes: choices equal shared/reference/kode exactly."""

import csv
from pathlib import Path

import pytest

from penduduk.models import Penduduk
from sid import kode
from tests.rujukan import folder_rujukan

KOLOM_KODE = {
    "jenis_kelamin": "jenis_kelamin", "agama": "agama", "pendidikan_kk": "pendidikan_kk",
    "pendidikan_sedang": "pendidikan_sedang", "pekerjaan": "pekerjaan", "status_kawin": "status_kawin",
    "shdk": "shdk", "warganegara": "warga_negara", "golongan_darah": "golongan_darah", "cacat": "cacat",
    "sakit_menahun": "sakit_menahun", "cara_kb": "cara_kb", "hamil": "hamil", "asuransi": "asuransi",
    "ktp_el": "ktp_el", "status_rekam": "status_rekam", "status_dasar": "status_dasar",
    "status_penduduk": "status_penduduk", "tempat_dilahirkan": "tempat_dilahirkan",
    "jenis_kelahiran": "jenis_kelahiran", "penolong_kelahiran": "penolong_kelahiran",
    "dapat_membaca_huruf": "dapat_membaca_huruf",
}  # fmt: skip


def _rujukan(nama: str) -> list[tuple[int, str]]:
    with open(folder_rujukan("kode", f"{nama}.csv"), newline="", encoding="utf-8") as f:
        return [(int(r["kode"]), r["label"]) for r in csv.DictReader(f)]


@pytest.mark.parametrize("kolom,berkas", sorted(KOLOM_KODE.items()))
def test_pilihan_kolom_sama_persis_dengan_csv_resmi(kolom, berkas):
    assert Penduduk._meta.get_field(kolom).choices == _rujukan(berkas)


@pytest.mark.parametrize(
    "pilihan,berkas",
    [(kode.SebabKematian, "sebab_kematian"), (kode.PenerangKematian, "penerang_kematian"),
     (kode.JenisPindah, "jenis_pindah"), (kode.KelasSosial, "kelas_sosial"),
     (kode.JenisPeristiwaKeluarga, "peristiwa_keluarga")],
)  # fmt: skip
def test_kode_lain_sama_dengan_csv_resmi(pilihan, berkas):
    assert pilihan.choices == _rujukan(berkas)


def test_kode_peristiwa_resmi_ditambah_kembali_datang():
    assert kode.JenisPeristiwa.choices == _rujukan("peristiwa") + [(7, "KEMBALI DATANG")]


def test_salinan_csv_di_aplikasi_identik_dengan_rujukan():
    rujukan = folder_rujukan("kode")
    salinan = sorted(Path(kode.DATA).glob("*.csv"))
    assert salinan
    for berkas in salinan:
        assert berkas.read_bytes() == (rujukan / berkas.name).read_bytes(), berkas.name

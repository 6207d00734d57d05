"""Builders of the datasets this village reports, over other apps' selectors (sinkron is the top
layer: it reads every app). Registered from `SinkronConfig.ready`. Schemas: docs/sinkron.md.

Aggregate content is {"angka": [{"kategori", "kunci", "label", "jenis", "dusun", "jumlah", "l",
"p"}, ...], ...}: one generic shape the hub stores as rows, so a new aggregate dataset needs no
hub code. Only non-zero rows travel.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from bantuan.models import Program, Sasaran
from keuangan.selectors import data_sinkron as data_sinkron_apbdes
from mandiri.models import Pengaduan
from penduduk import statistik
from penduduk.laporan import mutasi
from perangkat.models import Pengangkatan
from perangkat.selectors import data_sinkron as data_sinkron_perangkat
from sid.models import IdentitasDesa, Wilayah
from sinkron import dataset as ds
from surat.models import Surat


def _batas_bulan(periode: str) -> tuple[datetime.date, datetime.date]:
    tahun, bulan = (int(x) for x in periode.split("-"))
    awal = datetime.date(tahun, bulan, 1)
    berikut = datetime.date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return awal, berikut - datetime.timedelta(days=1)


# --- identitas desa -------------------------------------------------------------------------
FIELD_IDENTITAS = [
    "nama_desa",
    "kode_desa",
    "kode_pos",
    "nama_kecamatan",
    "kode_kecamatan",
    "nama_kabupaten",
    "kode_kabupaten",
    "nama_provinsi",
    "kode_provinsi",
    "alamat_kantor",
    "email_desa",
    "telepon",
    "website",
    "sebutan_desa",
    "sebutan_kepala_desa",
]


def bangun_identitas(periode: str, tingkat: str) -> dict:
    desa = IdentitasDesa.ambil()
    isi: dict[str, Any] = {f: getattr(desa, f) for f in FIELD_IDENTITAS}
    isi["lat"] = str(desa.lat) if desa.lat is not None else None
    isi["lng"] = str(desa.lng) if desa.lng is not None else None
    isi["dusun"] = list(
        Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN)
        .order_by("nama")
        .values_list("nama", flat=True)
    )
    return isi


# --- population aggregates ----------------------------------------------------------------------
def bangun_penduduk(periode: str, tingkat: str) -> dict:
    """Every statistics category by dusun with L/P, from the statistics layer the back office
    and the public website use (so the hub's figures are the village's own figures)."""
    pada = timezone.localdate()
    dusun = list(Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("nama"))
    angka, kategori = [], {}
    for kat in statistik.KATEGORI:
        kategori[kat.kunci] = {"judul": kat.judul, "satuan": kat.satuan}
        for d in dusun:
            tabel = statistik.hitung(kat, wilayah=d, pada=pada)
            for b in [*tabel.baris, *tabel.luar, tabel.belum_mengisi]:
                if b.jumlah:
                    angka.append(
                        {
                            "kategori": kat.kunci,
                            "kunci": str(b.kunci if b.kunci is not None else b.jenis),
                            "label": str(b.label),
                            "jenis": b.jenis,
                            "dusun": d.nama,
                            "jumlah": b.jumlah,
                            "l": b.l,
                            "p": b.p,
                        }
                    )
    return {
        "pada": pada.isoformat(),
        "kategori": kategori,
        "kategori_total": "jenis-kelamin",
        "angka": angka,
    }


# --- monthly population change ------------------------------------------------------------------
def bangun_mutasi(periode: str, tingkat: str) -> dict:
    """The monthly report's figures (start, births, deaths, arrivals, departures, missing, end),
    from penduduk's monthly report."""
    awal, akhir = _batas_bulan(periode)
    if awal > timezone.localdate():
        return None
    angka, rinci = [], {}
    lap = mutasi.laporan_bulanan(awal.year, awal.month)
    for b in lap.baris:
        a = b.angka
        rinci[b.kunci] = {
            "wni_l": a.wni_l,
            "wni_p": a.wni_p,
            "wna_l": a.wna_l,
            "wna_p": a.wna_p,
            **({"kk": a.kk} if a.kk is not None else {}),
        }
        angka.append(
            {
                "kategori": "mutasi",
                "kunci": b.kunci,
                "label": b.label,
                "jumlah": a.jumlah,
                "l": a.l,
                "p": a.p,
            }
        )
    # The headline (what the hub reconciles and the sync page shows) is the end-of-month count.
    return {"bulan": periode, "angka": angka, "rinci": rinci, "kunci_total": "akhir"}


# --- letters --------------------------------------------------------------------------------------
def bangun_surat(periode: str, tingkat: str) -> dict | None:
    """Letters issued (status terbit) per letter type in the month (1 query)."""
    awal, akhir = _batas_bulan(periode)
    if awal > timezone.localdate():
        return None
    rows = (
        Surat.objects.terbit()
        .filter(tanggal_surat__gte=awal, tanggal_surat__lte=akhir)
        .order_by()
        .values("jenis__slug", "jenis__nama")
        .annotate(jumlah=Count("pk"))
        .order_by("jenis__nama")
    )
    return {
        "bulan": periode,
        "angka": [
            {
                "kategori": "surat",
                "kunci": r["jenis__slug"],
                "label": r["jenis__nama"],
                "jumlah": r["jumlah"],
            }
            for r in rows
        ],
    }


# --- village budget -------------------------------------------------------------------------------
def bangun_apbdes(periode: str, tingkat: str) -> dict | None:
    """keuangan's own sync selector: budget and realisation per account code and bidang of the
    year's latest adopted APBDes (None when the year has none)."""
    return data_sinkron_apbdes(int(periode))


# --- officials (SIPKATDES) ------------------------------------------------------------------------
# The fields of perangkat.selectors.data_sinkron() a hub receives at the "rekaman" level: what
# the kecamatan needs to check an appointment. NIK, religion and birthplace stay in the village.
FIELD_PERANGKAT = [
    "perangkat_uuid",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "nip",
    "nipd",
    "jenis_kelamin",
    "tanggal_lahir",
    "pendidikan",
    "pangkat_golongan",
    "jabatan",
    "dusun",
    "jenis",
    "nomor_sk",
    "tanggal_sk",
    "tmt",
    "rencana_selesai",
    "status_verifikasi",
    "diverifikasi_pada",
]


def bangun_perangkat(periode: str, tingkat: str) -> dict:
    data = data_sinkron_perangkat()
    per_jabatan: dict[str, dict[str, Any]] = {}
    for d in data:
        j = per_jabatan.setdefault(d["jabatan"], {"jabatan": d["jabatan"], "jumlah": 0, "sk": 0})
        j["jumlah"] += 1
        j["sk"] += d["status_verifikasi"] == "terverifikasi"
    agregat = {
        # "jumlah" counts appointments (posts held); "orang" the persons holding them (one
        # person may also hold an acting post). Both sides label them the same way.
        "jumlah": len(data),
        "orang": len({d["perangkat_uuid"] for d in data}),
        "terverifikasi": sum(1 for d in data if d["status_verifikasi"] == "terverifikasi"),
        "jabatan": list(per_jabatan.values()),
    }
    if tingkat != ds.REKAMAN:
        return {"agregat": agregat}

    berkas = {
        str(p.uuid): p
        for p in Pengangkatan.objects.filter(uuid__in=[d["pengangkatan_uuid"] for d in data]).only(
            "uuid", "berkas_sk", "berkas_sk_jenis"
        )
    }
    rekaman = []
    for d in data:
        p = berkas.get(d["pengangkatan_uuid"])
        lampiran = None
        if p is not None and p.berkas_sk:
            with p.berkas_sk.open("rb") as f:
                lampiran = {"isi": f.read(), "jenis": p.berkas_sk_jenis, "nama": "sk"}
        rekaman.append(
            {
                "kunci": d["pengangkatan_uuid"],
                "data": {k: d.get(k) for k in FIELD_PERANGKAT},
                "berkas": lampiran,
            }
        )
    return {"agregat": agregat, "rekaman": rekaman}


# --- registration ----------------------------------------------------------------------------------
def daftarkan_bawaan() -> None:
    """Register every dataset whose source exists in this installation."""
    ds.daftar(
        "identitas",
        1,
        bangun_identitas,
        judul="Identitas desa",
        urutan=10,
        uraian="Nama dan kode desa, kecamatan/kabupaten/provinsi, alamat kantor, kontak, "
        "nama dusun.",
        sumber="sid.IdentitasDesa",
    )
    ds.daftar(
        "penduduk",
        1,
        bangun_penduduk,
        judul="Statistik penduduk (per dusun, L/P)",
        periode=ds.periode_bulan_ini,
        urutan=20,
        label_total="penduduk",
        uraian="Jumlah penduduk per dusun dan per kategori statistik (umur, pendidikan, "
        "pekerjaan, …), L/P. Tanpa nama atau NIK.",
        sumber="penduduk.statistik",
    )
    ds.daftar(
        "mutasi",
        1,
        bangun_mutasi,
        judul="Perubahan penduduk bulanan",
        periode=ds.periode_bulanan,
        urutan=30,
        label_total="penduduk akhir bulan",
        uraian="Per bulan: penduduk awal, lahir, mati, datang, pindah, hilang, akhir (L/P, "
        "WNI/WNA). Tanpa nama atau NIK.",
        sumber="penduduk.laporan.mutasi",
    )
    ds.daftar(
        "surat",
        1,
        bangun_surat,
        judul="Surat terbit per jenis dan bulan",
        periode=ds.periode_bulanan,
        urutan=40,
        label_total="surat",
        uraian="Jumlah surat terbit per jenis surat dan bulan. Tanpa nama pemohon.",
        sumber="surat.Surat",
    )
    ds.daftar(
        "apbdes",
        1,
        bangun_apbdes,
        judul="APBDes: anggaran dan realisasi",
        periode=ds.periode_tahunan,
        urutan=60,
        uraian="Anggaran dan realisasi (semester I, tahunan) per kode rekening dan bidang.",
        sumber="keuangan.selectors.data_sinkron",
    )
    ds.daftar(
        "perangkat",
        1,
        bangun_perangkat,
        jenis={ds.AGREGAT, ds.REKAMAN},
        judul="Perangkat desa dan SK (SIPKATDES)",
        urutan=70,
        # SIPKATDES step 8: the kecamatan receives the officials' data itself, so this dataset
        # starts at records (no NIK, religion or birthplace; see docs/sinkron.md).
        bawaan=ds.REKAMAN,
        label_total="jabatan terisi",
        uraian="Rekaman rinci (bawaan, untuk SIPKATDES): per pengangkatan nama dan gelar, "
        "NIP/NIPD, jenis kelamin, tanggal lahir, pendidikan, pangkat, jabatan, dusun, nomor dan "
        "tanggal SK, TMT, status verifikasi, dan pindaian SK — tanpa NIK, agama, tempat lahir. "
        "Angka agregat: jumlah orang menjabat, jabatan terisi, SK terverifikasi per jabatan.",
        sumber="perangkat.selectors.data_sinkron",
    )
    _daftarkan_yang_menunggu()


def bangun_bantuan(periode: str, tingkat: str) -> dict:
    """Social-assistance programmes running this month: recipients per programme, with L/P
    for programmes whose recipients are residents (1 query). Totals only, no names."""
    rows = (
        Program.objects.berjalan()
        .order_by("nama", "pk")
        .values("uuid", "nama", "sasaran", "sumber_dana")
        .annotate(
            jumlah=Count("peserta"),
            l=Count("peserta", filter=Q(peserta__penduduk__jenis_kelamin=1)),
            p=Count("peserta", filter=Q(peserta__penduduk__jenis_kelamin=2)),
        )
    )
    return {
        "bulan": periode,
        "angka": [
            {
                "kategori": "program",
                "kunci": str(r["uuid"]),
                "label": r["nama"],
                "jenis": "keluarga" if r["sasaran"] == Sasaran.KELUARGA else "penduduk",
                "jumlah": r["jumlah"],
                "l": r["l"],
                "p": r["p"],
            }
            for r in rows
        ],
    }


def bangun_pengaduan(periode: str, tingkat: str) -> dict:
    """Residents' complaints and aspirations by status and kind (1 query). Counts only."""
    label_status = dict(Pengaduan.Status.choices)
    label_jenis = dict(Pengaduan.Jenis.choices)
    rows = Pengaduan.objects.order_by().values("status", "jenis").annotate(jumlah=Count("pk"))
    return {
        "bulan": periode,
        "angka": [
            {
                "kategori": r["jenis"],
                "kunci": r["status"],
                "label": f"{label_jenis.get(r['jenis'], r['jenis'])}: "
                f"{label_status.get(r['status'], r['status'])}",
                "jumlah": r["jumlah"],
            }
            for r in rows
        ],
    }


def _daftarkan_yang_menunggu() -> None:
    """Social assistance (bantuan) and residents' complaints (mandiri)."""
    ds.daftar(
        "bantuan",
        1,
        bangun_bantuan,
        judul="Program bantuan sosial (jumlah penerima)",
        periode=ds.periode_bulan_ini,
        urutan=50,
        label_total="penerima",
        uraian="Jumlah penerima per program yang berjalan (L/P). Tanpa nama penerima.",
        sumber="bantuan.Program/Peserta",
    )
    ds.daftar(
        "pengaduan",
        1,
        bangun_pengaduan,
        judul="Pengaduan warga per status",
        periode=ds.periode_bulan_ini,
        urutan=55,
        label_total="pengaduan",
        uraian="Jumlah pengaduan dan aspirasi per jenis dan status. Tanpa isi atau nama.",
        sumber="mandiri.Pengaduan",
    )

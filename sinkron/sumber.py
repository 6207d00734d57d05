"""Builders of the datasets this village reports, over other apps' selectors. Registered from
`SinkronConfig.ready` only when their source exists (an app installed and its selector module
importable), so a dataset appears as soon as the app behind it lands. Schemas: docs/sinkron.md.

Aggregate content is {"angka": [{"kategori", "kunci", "label", "jenis", "dusun", "jumlah", "l",
"p"}, ...], ...}: one generic shape the hub stores as rows, so a new aggregate dataset needs no
hub code. Only non-zero rows travel.
"""

from __future__ import annotations

import datetime
import importlib
from typing import Any

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone

from sinkron import dataset as ds


def _modul(nama: str):
    """The module, or None when its app is not installed or it does not exist (yet)."""
    app = nama.split(".", 1)[0]
    if not apps.is_installed(app):
        return None
    try:
        return importlib.import_module(nama)
    except ImportError:
        return None


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
    from sid.models import IdentitasDesa, Wilayah

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
    from sid.models import Wilayah

    statistik = _modul("penduduk.statistik")
    pada = timezone.localdate()
    dusun = list(Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("nama"))
    if statistik is None:  # pragma: no cover - the statistics layer exists since issue 4
        return _penduduk_tanpa_statistik(pada, dusun)
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


def _penduduk_tanpa_statistik(pada: datetime.date, dusun) -> dict:  # pragma: no cover
    """Fallback: one grouped query per coded field, grouped by dusun."""
    from penduduk import kode
    from penduduk.models import Penduduk

    bidang = {
        "jenis-kelamin": ("jenis_kelamin", kode.JenisKelamin),
        "agama": ("agama", kode.Agama),
        "pendidikan-kk": ("pendidikan_kk", kode.PendidikanKK),
        "pekerjaan": ("pekerjaan", kode.Pekerjaan),
        "status-kawin": ("status_kawin", kode.StatusKawin),
    }
    angka, kategori = [], {}
    for kunci, (field, pilihan) in bidang.items():
        kategori[kunci] = {"judul": kunci, "satuan": "penduduk"}
        label = dict(pilihan.choices)
        rows = (
            Penduduk.objects.hidup()
            .order_by()
            .values("wilayah__dusun__nama", field)
            .annotate(
                jumlah=Count("pk"),
                l=Count("pk", filter=Q(jenis_kelamin=1)),
                p=Count("pk", filter=Q(jenis_kelamin=2)),
            )
        )
        for r in rows:
            nilai = r[field]
            angka.append(
                {
                    "kategori": kunci,
                    "kunci": str(nilai) if nilai is not None else "belum",
                    "label": label.get(nilai, "BELUM MENGISI"),
                    "jenis": "data" if nilai is not None else "belum",
                    "dusun": r["wilayah__dusun__nama"] or "",
                    "jumlah": r["jumlah"],
                    "l": r["l"],
                    "p": r["p"],
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
    from penduduk's monthly report when it exists, else from the events of the month."""
    awal, akhir = _batas_bulan(periode)
    if awal > timezone.localdate():
        return None
    mutasi = _modul("penduduk.laporan.mutasi")
    angka, rinci = [], {}
    if mutasi is not None:
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
    else:  # pragma: no cover - the monthly report exists since issue 4
        angka = _mutasi_dari_peristiwa(awal, akhir)
    return {"bulan": periode, "angka": angka, "rinci": rinci}


def _mutasi_dari_peristiwa(awal, akhir) -> list[dict]:  # pragma: no cover
    from penduduk import kode
    from penduduk.models import Peristiwa

    rows = (
        Peristiwa.objects.berlaku()
        .filter(tanggal_peristiwa__gte=awal, tanggal_peristiwa__lte=akhir)
        .order_by()
        .values("jenis")
        .annotate(
            jumlah=Count("pk"),
            l=Count("pk", filter=Q(penduduk__jenis_kelamin=1)),
            p=Count("pk", filter=Q(penduduk__jenis_kelamin=2)),
        )
    )
    label = dict(kode.JenisPeristiwa.choices)
    return [
        {
            "kategori": "mutasi",
            "kunci": str(r["jenis"]),
            "label": label.get(r["jenis"], str(r["jenis"])),
            "jumlah": r["jumlah"],
            "l": r["l"],
            "p": r["p"],
        }
        for r in rows
    ]


# --- letters --------------------------------------------------------------------------------------
def bangun_surat(periode: str, tingkat: str) -> dict | None:
    """Letters issued (status terbit) per letter type in the month (1 query)."""
    from surat.models import Surat

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
    from keuangan.selectors import data_sinkron

    return data_sinkron(int(periode))


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
    from perangkat.selectors import data_sinkron

    data = data_sinkron()
    per_jabatan: dict[str, dict[str, Any]] = {}
    for d in data:
        j = per_jabatan.setdefault(d["jabatan"], {"jabatan": d["jabatan"], "jumlah": 0, "sk": 0})
        j["jumlah"] += 1
        j["sk"] += d["status_verifikasi"] == "terverifikasi"
    agregat = {
        "jumlah": len(data),
        "terverifikasi": sum(1 for d in data if d["status_verifikasi"] == "terverifikasi"),
        "jabatan": list(per_jabatan.values()),
    }
    if tingkat != ds.REKAMAN:
        return {"agregat": agregat}
    from perangkat.models import Pengangkatan

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
        sumber="sid.IdentitasDesa",
    )
    if _modul("penduduk.models") is not None:
        ds.daftar(
            "penduduk",
            1,
            bangun_penduduk,
            judul="Statistik penduduk (per dusun, L/P)",
            periode=ds.periode_bulan_ini,
            urutan=20,
            sumber="penduduk.statistik",
        )
        ds.daftar(
            "mutasi",
            1,
            bangun_mutasi,
            judul="Perubahan penduduk bulanan",
            periode=ds.periode_bulanan,
            urutan=30,
            sumber="penduduk.laporan.mutasi",
        )
    if _modul("surat.models") is not None and hasattr(_modul("surat.models"), "Surat"):
        ds.daftar(
            "surat",
            1,
            bangun_surat,
            judul="Surat terbit per jenis dan bulan",
            periode=ds.periode_bulanan,
            urutan=40,
            sumber="surat.Surat",
        )
    keuangan = _modul("keuangan.selectors")
    if keuangan is not None and hasattr(keuangan, "data_sinkron"):
        ds.daftar(
            "apbdes",
            1,
            bangun_apbdes,
            judul="APBDes: anggaran dan realisasi",
            periode=ds.periode_tahunan,
            urutan=60,
            sumber="keuangan.selectors.data_sinkron",
        )
    perangkat = _modul("perangkat.selectors")
    if perangkat is not None and hasattr(perangkat, "data_sinkron"):
        ds.daftar(
            "perangkat",
            1,
            bangun_perangkat,
            jenis={ds.AGREGAT, ds.REKAMAN},
            judul="Perangkat desa dan SK (SIPKATDES)",
            urutan=70,
            sumber="perangkat.selectors.data_sinkron",
        )
    _daftarkan_yang_menunggu()


def bangun_bantuan(periode: str, tingkat: str) -> dict:
    """Social-assistance programmes running this month: recipients per programme, with L/P
    for programmes whose recipients are residents (1 query). Totals only, no names."""
    from bantuan.models import Program, Sasaran

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
    from mandiri.models import Pengaduan

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
    """Social assistance (bantuan) and residents' complaints (mandiri): registered when their
    models exist in this installation."""
    bantuan = _modul("bantuan.models")
    if bantuan is not None and hasattr(bantuan, "Program"):
        ds.daftar(
            "bantuan",
            1,
            bangun_bantuan,
            judul="Program bantuan sosial (jumlah penerima)",
            periode=ds.periode_bulan_ini,
            urutan=50,
            sumber="bantuan.Program/Peserta",
        )
    mandiri = _modul("mandiri.models")
    if mandiri is not None and hasattr(mandiri, "Pengaduan"):
        ds.daftar(
            "pengaduan",
            1,
            bangun_pengaduan,
            judul="Pengaduan warga per status",
            periode=ds.periode_bulan_ini,
            urutan=55,
            sumber="mandiri.Pengaduan",
        )

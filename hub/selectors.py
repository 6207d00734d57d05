"""Reads for the hub's pages. Every function takes the user's `Lingkup` and reads only through
it, in a fixed number of queries whatever the number of villages."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from hub.lingkup import Lingkup
from hub.models import (
    AksesRekaman,
    Anggaran,
    Angka,
    BatchHub,
    DataPeriode,
    DesaHub,
    PengumumanHub,
    PenolakanHub,
    RekamanHub,
    StatusDataset,
    Tiket,
    TopikForum,
)

DATASET_PANTAU = ["identitas", "penduduk", "mutasi", "surat", "apbdes", "perangkat"]
JUDUL_DATASET = {
    "identitas": "Identitas",
    "penduduk": "Penduduk",
    "mutasi": "Mutasi",
    "surat": "Surat",
    "bantuan": "Bantuan",
    "pengaduan": "Pengaduan",
    "apbdes": "APBDes",
    "perangkat": "Perangkat",
}
KATEGORI_DASBOR = [
    ("umur-rentang", "Rentang umur"),
    ("pendidikan-kk", "Pendidikan dalam KK"),
    ("pekerjaan", "Pekerjaan"),
]
BARIS_MUTASI = ["lahir", "mati", "datang", "pindah", "hilang"]
LABEL_MUTASI = {
    "lahir": "Lahir",
    "mati": "Mati",
    "datang": "Datang",
    "pindah": "Pindah/pergi",
    "hilang": "Hilang",
}


def desa_terpilih(lingkup: Lingkup, kecamatan: str = "") -> QuerySet:
    """Villages in scope, optionally one kecamatan of it (ignored when outside the scope)."""
    qs = lingkup.desa()
    if kecamatan and kecamatan.isdigit() and kecamatan.startswith(lingkup.kode):
        qs = qs.filter(kode__startswith=kecamatan)
    return qs


def kecamatan_dalam(lingkup: Lingkup) -> list[tuple[str, str]]:
    rows = (
        lingkup.desa()
        .order_by("kode_kecamatan")
        .values("kode_kecamatan")
        .annotate(nama=Max("nama_kecamatan"))
    )
    return [(r["kode_kecamatan"], r["nama"] or r["kode_kecamatan"]) for r in rows]


def _bulan_terakhir(n: int = 12) -> list[str]:
    hari = timezone.localdate()
    indeks = hari.year * 12 + hari.month - 1
    return [f"{(i // 12):04d}-{i % 12 + 1:02d}" for i in range(indeks - n + 1, indeks + 1)]


def basi_sejak() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=settings.SID_HUB_BASI_JAM)


def ribuan(n: int | None) -> str:
    """3312 → "3.312" (formatted here: ~1,000 numbers per page are too many for intcomma)."""
    return f"{n or 0:,}".replace(",", ".")


def _waktu(t: datetime.datetime | None) -> str:
    return timezone.localtime(t).strftime("%d-%m-%Y %H:%M") if t else ""


DETIK_CACHE_DASBOR = 120


def dasbor(lingkup: Lingkup, kecamatan: str = "") -> dict[str, Any]:
    """Everything the hub dashboard shows: 1 query when cached, 8 otherwise, whatever the
    number of villages. Cached per scope until a village in it sends data (the key carries
    the newest arrival), at most DETIK_CACHE_DASBOR seconds (freshness flags age with time)."""
    kecamatan = kecamatan if kecamatan.isdigit() and len(kecamatan) <= 6 else ""
    desa_qs = desa_terpilih(lingkup, kecamatan)
    desa = daftar_desa(desa_qs)
    terbaru = max((d["terakhir_diterima"] for d in desa if d["terakhir_diterima"]), default=None)
    kunci_cache = (
        f"hub:dasbor:{lingkup.kode}:{kecamatan}:{len(desa)}:{terbaru.timestamp() if terbaru else 0}"
    )
    hasil = cache.get(kunci_cache)
    if hasil is None:
        hasil = _dasbor(desa)
        cache.set(kunci_cache, hasil, DETIK_CACHE_DASBOR)
    return hasil


def _dasbor(desa: list[dict[str, Any]]) -> dict[str, Any]:
    # The scope's ids as a list (one query above): every figure query below is then a plain
    # index scan with `desa_id = ANY(...)`, with no join for the planner to misjudge.
    ids = [d["id"] for d in desa]
    angka = Angka.objects.filter(desa__in=ids, terkini=True)

    # population by village and sex
    penduduk = {
        r["desa_id"]: r
        for r in angka.filter(dataset="penduduk", kategori="jenis-kelamin")
        .values("desa_id")
        .annotate(jumlah=Sum("jumlah"), l=Sum("l"), p=Sum("p"))
    }
    per_desa = []
    for d in desa:
        r = penduduk.get(d["id"], {})
        baris = {**d, "jumlah": r.get("jumlah") or 0, "l": r.get("l") or 0, "p": r.get("p") or 0}
        baris["teks"] = [ribuan(baris["l"]), ribuan(baris["p"]), ribuan(baris["jumlah"])]
        per_desa.append(baris)
    total = {k: sum(d[k] for d in per_desa) for k in ("jumlah", "l", "p")}

    kategori = {kunci: {"judul": judul, "baris": []} for kunci, judul in KATEGORI_DASBOR}
    for r in (
        angka.filter(dataset="penduduk", kategori__in=list(kategori))
        .values("kategori", "kunci")
        .annotate(label=Max("label"), jumlah=Sum("jumlah"), l=Sum("l"), p=Sum("p"))
    ):
        kategori[r["kategori"]]["baris"].append(r)
    for kunci, k in kategori.items():
        if kunci == "umur-rentang":
            k["baris"].sort(key=lambda r: _angka_awal(r["kunci"]))
        else:
            k["baris"].sort(key=lambda r: (-r["jumlah"], r["kunci"]))

    bulan = _bulan_terakhir()
    deret: dict[str, dict[str, dict[str, int]]] = {
        "mutasi": defaultdict(dict),
        "surat": defaultdict(dict),
    }
    label_surat: dict[str, str] = {}
    for r in (
        Angka.objects.filter(desa__in=ids, dataset__in=list(deret), periode__in=bulan)
        .values("dataset", "periode", "kunci")
        .annotate(label=Max("label"), jumlah=Sum("jumlah"))
    ):
        deret[r["dataset"]][r["kunci"]][r["periode"]] = r["jumlah"]
        if r["dataset"] == "surat":
            label_surat[r["kunci"]] = r["label"]

    lain: dict[str, list] = {"bantuan": [], "pengaduan": []}
    for r in (
        angka.filter(dataset__in=list(lain))
        .values("dataset", "kategori", "label")
        .annotate(jumlah=Sum("jumlah"), desa=Count("desa", distinct=True))
        .order_by("dataset", "kategori", "-jumlah")
    ):
        if len(lain[r["dataset"]]) < 50:
            lain[r["dataset"]].append(r)
    return {
        "desa": per_desa,
        "total": total,
        "kategori": kategori,
        "bulan": bulan,
        "mutasi": {k: [deret["mutasi"][k].get(b, 0) for b in bulan] for k in BARIS_MUTASI},
        "label_mutasi": LABEL_MUTASI,
        "surat": {
            label_surat[k]: [v.get(b, 0) for b in bulan]
            for k, v in sorted(deret["surat"].items(), key=lambda x: label_surat[x[0]])
        },
        "bantuan": lain["bantuan"],
        "pengaduan": lain["pengaduan"],
        "anggaran": anggaran(ids),
        "kesegaran": kesegaran(ids, desa),
    }


def _angka_awal(kunci: str) -> int:
    try:
        return int(str(kunci).split("-")[0])
    except ValueError:
        return 10_000


def anggaran(ids: list[int]) -> dict[str, Any]:
    """Budget and realisation of income (4.) and spending (5.) per village, latest year."""
    qs = Anggaran.objects.filter(desa__in=ids, jenis=Anggaran.Jenis.REKENING)
    tahun = qs.aggregate(t=Max("tahun"))["t"]
    if tahun is None:
        return {"tahun": None, "desa": [], "total": {}}
    baris: dict[int, dict[str, Any]] = {}
    for r in (
        qs.filter(tahun=tahun, kode__in=["4.", "5."])
        .values("desa_id", "desa__nama", "desa__kode", "kode")
        .annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi"))
    ):
        b = baris.setdefault(r["desa_id"], {"nama": r["desa__nama"], "kode": r["desa__kode"]})
        awalan = "pendapatan" if r["kode"] == "4." else "belanja"
        b[f"{awalan}_anggaran"] = r["anggaran"]
        b[f"{awalan}_realisasi"] = r["realisasi"]
    daftar = sorted(baris.values(), key=lambda b: b["kode"])
    total = {
        k: sum((b.get(k) or Decimal(0) for b in daftar), Decimal(0))
        for k in (
            "pendapatan_anggaran",
            "pendapatan_realisasi",
            "belanja_anggaran",
            "belanja_realisasi",
        )
    }
    for b in [*daftar, total]:
        ang = b.get("belanja_anggaran") or Decimal(0)
        b["persen_belanja"] = (
            round(100 * (b.get("belanja_realisasi") or 0) / ang, 1) if ang else None
        )
    return {"tahun": tahun, "desa": daftar, "total": total}


def daftar_desa(desa_qs: QuerySet) -> list[dict[str, Any]]:
    return list(
        desa_qs.order_by("kode").values("id", "kode", "nama", "nama_kecamatan", "terakhir_diterima")
    )


def kesegaran(ids: list[int], desa: list[dict]) -> list[dict[str, Any]]:
    """Per village: when each dataset last arrived, stale or disagreeing figures (1 query)."""
    status: dict[int, dict[str, Any]] = defaultdict(dict)
    for s in StatusDataset.objects.filter(desa__in=ids).values(
        "desa_id", "dataset", "terakhir_diterima", "cocok", "tingkat"
    ):
        status[s["desa_id"]][s["dataset"]] = s
    batas = basi_sejak()
    hasil = []
    for d in desa:
        per = status.get(d["id"], {})
        terakhir = max(
            (s["terakhir_diterima"] for s in per.values() if s["terakhir_diterima"]), default=None
        )
        tidak_cocok = sorted(JUDUL_DATASET.get(k, k) for k, s in per.items() if not s["cocok"])
        sel = []
        for k in DATASET_PANTAU[1:]:
            x = per.get(k)
            sel.append(
                None
                if x is None
                else {
                    "mati": x["tingkat"] == "mati",
                    "cocok": x["cocok"],
                    "waktu": _waktu(x["terakhir_diterima"]),
                }
            )
        hasil.append(
            {
                **d,
                "sel": sel,
                "terakhir": _waktu(terakhir),
                "basi": terakhir is None or terakhir < batas,
                "tidak_cocok": tidak_cocok,
            }
        )
    return hasil


def desa_detail(desa: DesaHub) -> dict[str, Any]:
    """One village: datasets, recent batches, credentials and its figures (fixed queries)."""
    status = {s.dataset: s for s in StatusDataset.objects.filter(desa=desa)}
    penduduk = list(
        Angka.objects.filter(desa=desa, dataset="penduduk", terkini=True)
        .order_by("kategori", "kunci")
        .values("kategori", "kunci", "label", "jumlah", "l", "p")
    )
    per_kategori: dict[str, list] = defaultdict(list)
    for r in penduduk:
        per_kategori[r["kategori"]].append(r)
    terkini = DataPeriode.objects.filter(desa=desa, dataset="penduduk", terkini=True).first()
    rinci = ((terkini.isi if terkini else {}).get("dusun") or {}).get("jenis-kelamin", [])
    per_dusun: dict[str, dict[str, int]] = {}
    for _kunci, nama, jumlah, lk, pr in rinci:
        d = per_dusun.setdefault(nama, {"dusun": nama, "jumlah": 0, "l": 0, "p": 0})
        d["jumlah"] += jumlah
        d["l"] += lk
        d["p"] += pr
    dusun = [per_dusun[k] for k in sorted(per_dusun)]
    bulan = _bulan_terakhir()
    mutasi = defaultdict(dict)
    for r in Angka.objects.filter(desa=desa, dataset="mutasi", periode__in=bulan).values(
        "periode", "kunci", "jumlah"
    ):
        mutasi[r["periode"]][r["kunci"]] = r["jumlah"]
    surat = list(
        Angka.objects.filter(desa=desa, dataset="surat", periode__in=bulan)
        .values("label")
        .annotate(jumlah=Sum("jumlah"))
        .order_by("-jumlah")
    )
    perangkat = DataPeriode.objects.filter(desa=desa, dataset="perangkat").first()
    return {
        "status": [
            {"dataset": k, "judul": JUDUL_DATASET.get(k, k), "s": status.get(k)}
            for k in sorted(set(status) | set(DATASET_PANTAU), key=_urut_dataset)
        ],
        "batch": list(BatchHub.objects.filter(desa=desa).order_by("-diterima", "-pk")[:20]),
        "kredensial": list(desa.kredensial.order_by("-dibuat")[:10]),
        "kategori": dict(per_kategori),
        "dusun": dusun,
        "bulan": bulan,
        "mutasi": [(b, mutasi.get(b, {})) for b in bulan],
        "surat": surat,
        "perangkat": (perangkat.isi.get("agregat") if perangkat else None) or None,
        "jumlah_rekaman": RekamanHub.objects.filter(desa=desa, dataset="perangkat").count(),
        "anggaran": anggaran([desa.pk]),
        "basi": desa.terakhir_diterima is None or desa.terakhir_diterima < basi_sejak(),
    }


def _urut_dataset(kode: str) -> tuple[int, str]:
    urutan = list(JUDUL_DATASET)
    return (urutan.index(kode) if kode in urutan else 99, kode)


def perangkat(lingkup: Lingkup, desa: DesaHub | None = None) -> list[dict[str, Any]]:
    """Officials records held (villages sharing 'rekaman'), plus the aggregate of the others."""
    qs = lingkup.saring(RekamanHub.objects.filter(dataset="perangkat"))
    if desa is not None:
        qs = qs.filter(desa=desa)
    return [
        {
            "desa": r.desa,
            "kunci": r.kunci,
            "ada_berkas": bool(r.berkas),
            **{k: r.data.get(k) for k in ("nama", "gelar_depan", "gelar_belakang", "jabatan")},
            "nomor_sk": r.data.get("nomor_sk"),
            "tanggal_sk": r.data.get("tanggal_sk"),
            "tmt": r.data.get("tmt"),
            "jenis": r.data.get("jenis"),
            "terverifikasi": r.data.get("status_verifikasi") == "terverifikasi",
            "status_verifikasi": r.data.get("status_verifikasi"),
        }
        for r in qs.select_related("desa").order_by("desa__kode", "data__jabatan", "kunci")[:5000]
    ]


def perangkat_agregat(lingkup: Lingkup) -> list[dict[str, Any]]:
    """Villages sharing only the officials' aggregate: counts per village."""
    rows = lingkup.saring(DataPeriode.objects.filter(dataset="perangkat", terkini=True))
    return [
        {
            "desa": r["desa__nama"],
            "kode": r["desa__kode"],
            "orang": (r["isi"].get("agregat") or {}).get("orang"),
            "jumlah": (r["isi"].get("agregat") or {}).get("jumlah", 0),
            "terverifikasi": (r["isi"].get("agregat") or {}).get("terverifikasi", 0),
        }
        for r in rows.order_by("desa__kode").values("desa__nama", "desa__kode", "isi")
    ]


def pengumuman(lingkup: Lingkup) -> QuerySet:
    """Notices to a village in scope, or to an area containing or inside the scope."""
    return PengumumanHub.objects.filter(
        Q(desa__in=lingkup.desa()) | (Q(desa__isnull=True) & lingkup.q_wilayah("lingkup"))
    ).select_related("desa")


def pembaca(lingkup: Lingkup, p: PengumumanHub) -> list[dict[str, Any]]:
    """The villages a notice reached within the user's scope, read or not (2 queries)."""
    sasaran = lingkup.desa()
    if p.desa_id:
        sasaran = sasaran.filter(pk=p.desa_id)
    else:
        sasaran = sasaran.filter(kode__startswith=p.lingkup)
    dibaca = {d.desa_id: d for d in p.dibaca.filter(desa__in=sasaran.values("id"))}
    return [{"desa": d, "baca": dibaca.get(d.pk)} for d in sasaran.order_by("kode")]


def tiket(lingkup: Lingkup) -> QuerySet:
    return lingkup.saring(Tiket.objects.select_related("desa"))


def forum(lingkup: Lingkup) -> QuerySet:
    return TopikForum.objects.filter(lingkup.q_wilayah("lingkup"))


def penolakan(lingkup: Lingkup) -> QuerySet:
    """Refusals about villages in scope; refusals naming no village only for hub-wide staff."""
    q = Q(kode_desa__startswith=lingkup.kode) & ~Q(kode_desa="")
    if len(lingkup.kode) <= len(settings.SID_HUB_KODE_WILAYAH or ""):
        q |= Q(kode_desa="")
    return PenolakanHub.objects.filter(q)


def akses(lingkup: Lingkup) -> QuerySet:
    return lingkup.saring(AksesRekaman.objects.select_related("desa", "user"))

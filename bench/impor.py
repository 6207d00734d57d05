"""`python -m bench.impor --baris 10000 [--ekspor 100000]`: time the resident import and export.

Import: a generated OpenSID-format file (all 43 columns, families with heads, wives, children,
labels mixed with codes, day-first dates) is imported into an empty village on PostgreSQL
(database `sid_impor_bench` or $SID_BENCH_DB, recreated every run) through the worker code path: the Celery
task functions are called directly in a fresh process, so the peak RSS is that of the import.
Export: the demo village (`isi_desa_demo --penduduk N --seed 1`) is exported to .xlsx and CSV
in fresh processes; the peak RSS of exporting 1,000 and N residents shows whether memory stays
flat. The figures go to docs/performance.md between `<!-- bench:impor -->` markers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench import environment, report, system

# Own name for parallel runs (SID_BENCH_DB, as bench.environment); recreated every run.
PG_DATABASE = os.environ.get("SID_BENCH_DB", "sid_impor_bench")
MARKER = "BENCH_IMPOR "
KUNCI = "impor"
NAMA_L = [
    "AGUS",
    "BUDI",
    "CAHYO",
    "DEDI",
    "EKO",
    "FAJAR",
    "GILANG",
    "HADI",
    "IWAN",
    "JOKO",
    "KURNIA",
    "LUKMAN",
    "MULYADI",
    "NANANG",
]
NAMA_P = [
    "ANI",
    "BUDIARTI",
    "CITRA",
    "DEWI",
    "ENDAH",
    "FITRI",
    "GITA",
    "HANI",
    "INDAH",
    "JUWITA",
    "KARTIKA",
    "LESTARI",
    "MAYA",
]
BELAKANG = [
    "SANTOSO",
    "WIBOWO",
    "SAPUTRA",
    "HIDAYAT",
    "NUGROHO",
    "PRATAMA",
    "SETIAWAN",
    "KURNIAWAN",
    "RAHAYU",
]
TEMPAT = ["BOGOR", "JAKARTA", "BANDUNG", "SEMARANG", "SURABAYA", "DEPOK", "BEKASI"]
DUSUN = ["KRAJAN", "SUKAMAJU", "CIBODAS", "MEKARSARI"]


def say(pesan: str) -> None:
    print(f"[bench.impor] {pesan}", flush=True)


# --- inside Django (child processes) ---------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _lapor(**data) -> None:
    print(MARKER + json.dumps(data), flush=True)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
    import django

    django.setup()


def baris_contoh(n: int, seed: int):
    """n rows of the OpenSID format, in families (head first), deterministic for a seed."""
    r = random.Random(seed)
    hari_ini = datetime.date.today()
    urut = 0
    kk = 0

    def orang(jk: int, umur: int, shdk: int, kawin: int, no_kk: str, tempat: tuple):
        nonlocal urut
        urut += 1
        lahir = hari_ini - datetime.timedelta(days=umur * 365 + r.randrange(365))
        hari = lahir.day + (40 if jk == 2 else 0)
        wilayah = f"32{(urut // 10000) % 100:02d}01"
        nik = f"{wilayah}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut % 10000:04d}"
        depan = r.choice(NAMA_L if jk == 1 else NAMA_P)
        return {
            "alamat": f"JL. {r.choice(BELAKANG)} NO. {r.randrange(1, 200)}",
            "dusun": tempat[0],
            "rw": tempat[1],
            "rt": tempat[2],
            "nama": f"{depan} {r.choice(BELAKANG)}",
            "no_kk": no_kk,
            "nik": nik,
            "sex": r.choice(["1", "L"]) if jk == 1 else r.choice(["2", "P"]),
            "tempatlahir": r.choice(TEMPAT),
            "tanggallahir": lahir.strftime("%d-%m-%Y") if r.random() < 0.5 else lahir.isoformat(),
            "agama_id": r.choice(["1", "1", "1", "ISLAM", "2", "3", "4"]),
            "pendidikan_kk_id": str(r.randint(1, 8) if umur > 18 else r.randint(1, 3)),
            "pendidikan_sedang_id": "18",
            "pekerjaan_id": str(r.choice([1, 2, 3, 9, 15, 19, 88]) if umur > 15 else 3),
            "status_kawin": str(kawin),
            "kk_level": str(shdk),
            "warganegara_id": "1",
            "ayah_nik": None,
            "nama_ayah": f"{r.choice(NAMA_L)} {r.choice(BELAKANG)}",
            "ibu_nik": None,
            "nama_ibu": f"{r.choice(NAMA_P)} {r.choice(BELAKANG)}",
            "golongan_darah_id": r.choice(["13", "TDK TH", "1", "2", "3", "4"]),
            "akta_lahir": f"{r.randrange(10**4):04d}/LT/{lahir.year}" if r.random() < 0.6 else None,
            "akta_perkawinan": f"{r.randrange(10**3)}/KWN/2005" if kawin == 2 else None,
            "tanggalperkawinan": "01-06-2005" if kawin == 2 and umur > 25 else None,
            "ktp_el": "2" if umur >= 17 else None,
            "status_rekam": "4" if umur >= 17 else "1",
            "status_dasar": "1",
            "suku": r.choice(["SUNDA", "JAWA", "BETAWI"]),
            "id_asuransi": r.choice(["1", "2", "3", "4"]),
            "no_asuransi": f"{r.randrange(10**12):013d}",
            "lat": round(-6.48 - r.random() / 100, 7),
            "lng": round(106.85 + r.random() / 100, 7),
        }

    hasil = 0
    while hasil < n:
        kk += 1
        no_kk = f"3201010101{kk:06d}"
        tempat = (r.choice(DUSUN), f"{r.randint(1, 5):03d}", f"{r.randint(1, 6):03d}")
        ukuran = min(n - hasil, r.choice([1, 2, 3, 3, 4, 4, 4, 5, 6]))
        umur_kepala = r.randint(28, 70)
        anggota = [orang(1, umur_kepala, 1, 2 if ukuran > 1 else 1, no_kk, tempat)]
        if ukuran > 1:
            anggota.append(orang(2, umur_kepala - r.randint(0, 6), 3, 2, no_kk, tempat))
        for _ in range(ukuran - len(anggota)):
            anggota.append(
                orang(r.randint(1, 2), r.randint(0, umur_kepala - 20), 4, 1, no_kk, tempat)
            )
        yield from anggota
        hasil += len(anggota)


def anak_buat(path: str, n: int, seed: int) -> None:
    """Write the generated file; fill the village identity and a staff user."""
    _setup()
    from django.contrib.auth import get_user_model

    from penduduk import ekspor
    from penduduk.impor.kolom import NAMA_KOLOM
    from sid.models import IdentitasDesa

    mulai = time.monotonic()
    baris = ([b.get(k) for k in NAMA_KOLOM] for b in baris_contoh(n, seed))
    with open(path, "wb") as f:
        for potongan in ekspor.xlsx_bertahap([ekspor.LembarXlsx("Sheet1", NAMA_KOLOM, baris)]):
            f.write(potongan)
    desa = IdentitasDesa.ambil()
    desa.nama_desa, desa.kode_desa = "Sukamaju", "3201012001"
    desa.save()
    get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
    _lapor(detik=time.monotonic() - mulai, ukuran=os.path.getsize(path))


def anak_impor(path: str, tahap: str) -> None:
    """One measured step in a fresh process: 'periksa' (dry run) or 'jalankan' (the import)."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from penduduk.models import ImporPenduduk, Penduduk
    from penduduk.tasks import impor_jalankan, impor_periksa

    dasar = _rss_mb()
    oleh = get_user_model().objects.get(username="bench")
    impor = ImporPenduduk(nama_berkas=os.path.basename(path), oleh=oleh)
    with open(path, "rb") as f:
        impor.berkas.save(impor.nama_berkas, File(f), save=True)
    mulai = time.monotonic()
    impor_periksa(impor.pk)
    periksa = time.monotonic() - mulai
    impor.refresh_from_db()
    if tahap == "periksa":
        _lapor(
            detik=periksa,
            rss_mb=_rss_mb(),
            rss_awal_mb=dasar,
            status=impor.status,
            baru=impor.baru,
            diubah=impor.diubah,
            tetap=impor.tidak_berubah,
            ditolak=impor.ditolak,
            galat=impor.galat[:3],
        )
        return
    impor.status = ImporPenduduk.Status.BERJALAN
    impor.save()
    mulai = time.monotonic()
    impor_jalankan(impor.pk)
    detik = time.monotonic() - mulai
    impor.refresh_from_db()
    _lapor(
        detik=detik,
        rss_mb=_rss_mb(),
        rss_awal_mb=dasar,
        status=impor.status,
        baru=impor.baru,
        diubah=impor.diubah,
        tetap=impor.tidak_berubah,
        ditolak=impor.ditolak,
        galat=impor.galat[:3],
        pesan=impor.pesan,
        penduduk=Penduduk.objects.count(),
    )


def anak_ekspor(format_: str, jumlah: int) -> None:
    _setup()
    from penduduk import ekspor
    from penduduk.models import Penduduk

    qs = Penduduk.objects.order_by("nama", "id")
    if jumlah:
        batas = list(qs.values_list("pk", flat=True)[:jumlah])
        qs = qs.filter(pk__in=batas) if len(batas) < 5000 else qs[:jumlah]
    awal = _rss_mb()
    mulai = time.monotonic()
    jumlah_baris = qs.count()
    potongan_ke, ukuran, terbesar = 0, 0, 0
    with open(os.devnull, "wb") as f:
        for potongan in ekspor.isi_ekspor(qs, format_, jumlah_baris):
            potongan_ke += 1
            ukuran += len(potongan)
            terbesar = max(terbesar, len(potongan))
            f.write(potongan)
    _lapor(
        detik=time.monotonic() - mulai,
        potongan=potongan_ke,
        terbesar=terbesar,
        rss_mb=_rss_mb(),
        rss_awal_mb=awal,
        ukuran=ukuran,
        baris=jumlah_baris,
    )


# --- the driver -----------------------------------------------------------------------------


def _reset_db() -> None:
    import psycopg

    with psycopg.connect(
        f"{environment.PG_SERVER}/postgres", autocommit=True, connect_timeout=5
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def _instance() -> environment.Instance:
    inst = environment.create_instance("postgres", redis=False)
    env = {**inst.env, "DATABASE_URL": f"{environment.PG_SERVER}/{PG_DATABASE}"}
    return replace(inst, env=env)


def _anak(inst, *args: str, timeout: float = 1800) -> dict:
    keluaran = environment.python(inst, "-m", "bench.impor", "--anak", *args, timeout=timeout)
    for baris in keluaran.splitlines():
        if baris.startswith(MARKER):
            return json.loads(baris[len(MARKER) :])
    raise environment.SetupError(f"tidak ada hasil dari anak {args}:\n{keluaran[-2000:]}")


def _db_baru(inst) -> None:
    _reset_db()
    environment.manage(inst, "migrate", "--noinput", "--skip-checks", timeout=600)


def ukur_impor(inst, n: int, seed: int) -> dict:
    _db_baru(inst)
    path = str(inst.var_dir / f"penduduk-{n}.xlsx")
    buat = _anak(inst, "buat", path, str(n), str(seed))
    say(f"berkas {n} baris dibuat ({buat['ukuran'] / 1024 / 1024:.1f} MB)")
    periksa = _anak(inst, "impor", path, "periksa")
    say(f"pemeriksaan: {periksa['detik']:.1f} s, {periksa['rss_mb']:.0f} MB")
    jalankan = _anak(inst, "impor", path, "jalankan")
    say(f"impor: {jalankan['detik']:.1f} s, {jalankan['rss_mb']:.0f} MB — {jalankan['pesan']}")
    ulang = _anak(inst, "impor", path, "jalankan")
    say(f"impor ulang: {ulang['detik']:.1f} s — {ulang['pesan']}")
    return {"buat": buat, "periksa": periksa, "jalankan": jalankan, "ulang": ulang}


def ukur_ekspor(inst, n: int, seed: int) -> dict:
    _db_baru(inst)
    mulai = time.monotonic()
    environment.manage(
        inst,
        "isi_desa_demo",
        "--penduduk",
        str(n),
        "--seed",
        str(seed),
        "--skip-checks",
        timeout=3600,
    )
    say(f"desa demo {n} penduduk: {time.monotonic() - mulai:.0f} s")
    hasil = {}
    for format_, jumlah in (("xlsx", 1000), ("xlsx", 0), ("csv", 0)):
        r = _anak(inst, "ekspor", format_, str(jumlah))
        hasil[f"{format_}-{jumlah or 'semua'}"] = r
        say(f"ekspor {format_} {r['baris']} baris: {r['detik']:.1f} s, {r['rss_mb']:.0f} MB")
    return hasil


def render(info: dict, impor: dict | None, ekspor: dict | None) -> str:
    mulai, akhir = f"<!-- bench:{KUNCI} -->", f"<!-- /bench:{KUNCI} -->"
    bagian = [
        mulai,
        "## Impor dan ekspor penduduk (issue 4)",
        "",
        f"Diukur {info['tanggal']} · commit `{info['commit']}` · PostgreSQL (database "
        f"`{PG_DATABASE}`, dibuat ulang) · {info['cpu']}, {info['cores']} core "
        f"(beban awal {info['beban']:.2f}) · `python -m bench.impor {info['argumen']}`",
        "",
        "Target: impor 10.000 penduduk format OpenSID ≤ 20 s di worker dengan memori puncak "
        "< 500 MB (OpenSID: 34 s); ekspor 100.000 penduduk mengalir dengan memori datar.",
        "",
    ]
    if impor:
        j, p, u = impor["jalankan"], impor["periksa"], impor["ulang"]
        bagian += [
            "| Langkah (proses baru, fungsi tugas Celery dipanggil langsung) | baris | waktu s | RSS puncak MB | hasil |",
            "|---|--:|--:|--:|---|",
            f"| Pemeriksaan (dry run, `impor_periksa`) | {p['baru'] + p['diubah'] + p['tetap'] + p['ditolak']} "
            f"| {p['detik']:.1f} | {p['rss_mb']:.0f} | {p['baru']} baru, {p['ditolak']} ditolak |",
            f"| Impor ke desa kosong (`impor_jalankan`: periksa ulang + tulis) | {j['penduduk']} "
            f"| **{j['detik']:.1f}** | **{j['rss_mb']:.0f}** | {j['pesan']} |",
            f"| Impor ulang berkas yang sama | {u['penduduk']} | {u['detik']:.1f} "
            f"| {u['rss_mb']:.0f} | {u['pesan']} |",
            "",
            f"RSS proses setelah Django dimuat: {j['rss_awal_mb']:.0f} MB. Berkas uji: "
            f"{impor['buat']['ukuran'] / 1024 / 1024:.1f} MB, 43 kolom, keluarga 1–6 orang.",
            "",
        ]
    if ekspor:
        bagian += [
            "| Ekspor (proses baru, `penduduk.ekspor.isi_ekspor`) | baris | waktu s | RSS awal MB | RSS puncak MB | ukuran MB | potongan (terbesar KB) |",
            "|---|--:|--:|--:|--:|--:|--:|",
        ]
        for kunci, r in ekspor.items():
            bagian.append(
                f"| {kunci} | {r['baris']} | {r['detik']:.1f} | {r['rss_awal_mb']:.0f} "
                f"| {r['rss_mb']:.0f} | {r['ukuran'] / 1024 / 1024:.1f} "
                f"| {r['potongan']} ({r['terbesar'] / 1024:.0f}) |"
            )
        bagian += [
            "",
            "Data ekspor: `isi_desa_demo --penduduk N --seed 1` (N penduduk HIDUP ditambah yang "
            "sudah mati/pindah; semua status diekspor). Respons HTTP memakai generator yang sama "
            "(`StreamingHttpResponse`).",
            "",
        ]
    bagian.append(akhir)
    return "\n".join(bagian)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--anak"]:
        jenis, *sisa = argv[1:]
        if jenis == "buat":
            anak_buat(sisa[0], int(sisa[1]), int(sisa[2]))
        elif jenis == "impor":
            anak_impor(sisa[0], sisa[1])
        elif jenis == "ekspor":
            anak_ekspor(sisa[0], int(sisa[1]))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.impor", description=__doc__)
    parser.add_argument("--baris", type=int, default=10000, help="baris berkas impor (0 = lewati)")
    parser.add_argument("--ekspor", type=int, default=100000, help="penduduk ekspor (0 = lewati)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    args = parser.parse_args(argv)
    inst = _instance()
    info = {
        "tanggal": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": system.git_commit(),
        "cpu": system.cpu_model(),
        "cores": os.cpu_count() or 0,
        "beban": os.getloadavg()[0],
        "argumen": " ".join(argv) or "(bawaan)",
    }
    try:
        impor = ukur_impor(inst, args.baris, args.seed) if args.baris else None
        ekspor = ukur_ekspor(inst, args.ekspor, args.seed) if args.ekspor else None
    except environment.SetupError as exc:
        say(f"GAGAL: {exc}")
        return 1
    bagian = render(info, impor, ekspor)
    print(bagian)
    if not args.no_write:
        path: Path = report.DOC_PATH
        dokumen = path.read_text(encoding="utf-8") if path.exists() else report.INTRO
        path.write_text(report.replace_section(dokumen, KUNCI, bagian), encoding="utf-8")
        say(f"ditulis ke {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

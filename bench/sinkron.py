"""`python -m bench.sinkron`: a kabupaten hub under the load of its villages (issue 11).

A hub (SID_HUB=1, DEBUG=0) runs under gunicorn with 2 workers on loopback, on its own
PostgreSQL database `sid_sinkron_bench` (dropped and re-created). `--desa` villages (300: 15
kecamatan × 20 desa, ~1 million residents in all) are registered with a credential each; then
12 months of data are generated in this process (per village and month: the population
aggregates by dusun, the monthly change and the letters per type), signed with each village's
Ed25519 key and POSTed by `--klien` concurrent senders, oldest month first. Measured:

- ingest rate: batches applied per second, end to end (target ≥ 20/s), and the request times;
- the hub's pages (dashboard for the kabupaten and for one kecamatan, village list, one
  village): `--permintaan` requests each after warming up, p50/p95 (target p95 < 200 ms).

Writes docs/performance.md between `<!-- bench:sinkron -->` and `<!-- /bench:sinkron -->`.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import queue
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from bench.environment import BASE_DIR, BENCH_VAR, CLEARED_PREFIXES, PG_SERVER, Instance
from bench.report import DOC_PATH, replace_section
from bench.server import HOST, gunicorn
from bench.stats import percentile
from bench.system import _version, cpu_model, git_commit, load_average, ram_gb
from sid.lib.kabel import protokol

PG_DATABASE = "sid_sinkron_bench"
MARKER = "BENCH_SINKRON_JSON "
SANDI = "sandi-bench-yang-panjang-1"
TARGET_LAJU = 20.0
TARGET_P95_MS = 200.0
BULAN = 12


def say(pesan: str) -> None:
    print(f"[bench.sinkron] {pesan}", flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.sinkron", description=__doc__.split("\n")[0])
    p.add_argument("langkah", nargs="?", default="", help=argparse.SUPPRESS)
    p.add_argument("--desa", type=int, default=300, help="jumlah desa (kelipatan 20)")
    p.add_argument("--bulan", type=int, default=BULAN, help="bulan data yang dikirim")
    p.add_argument("--klien", type=int, default=4, help="pengirim serentak")
    p.add_argument("--workers", type=int, default=2, help="worker gunicorn hub")
    p.add_argument("--permintaan", type=int, default=200, help="permintaan per halaman dasbor")
    p.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    return p.parse_args(argv)


def kode_desa(i: int) -> str:
    """Village i of the simulated kabupaten 3201: 20 per kecamatan."""
    return f"3201{i // 20 + 1:02d}{2001 + i % 20}"


# --- synthetic data ---------------------------------------------------------------------------
PEKERJAAN = list(range(1, 90))
DUSUN = ["KRAJAN", "SUKAMAJU", "CIBEUREUM", "TEGALSARI"]


def _angka(rnd: random.Random, kategori: str, kunci, label: str, dusun: str, n: int) -> dict:
    lk = rnd.randint(int(n * 0.45), int(n * 0.55)) if n else 0
    return {"kategori": kategori, "kunci": str(kunci), "label": label, "jenis": "data",
            "dusun": dusun, "jumlah": n, "l": lk, "p": n - lk}  # fmt: skip


def _bagi(rnd: random.Random, total: int, bagian: int) -> list[int]:
    bobot = [rnd.random() ** 2 for _ in range(bagian)]
    s = sum(bobot) or 1
    hasil = [int(total * b / s) for b in bobot]
    hasil[0] += total - sum(hasil)
    return hasil


def isi_penduduk(i: int, bulan: int) -> dict:
    """Population aggregates of village i: ~3,300 residents in 4 dusun, every category."""
    rnd = random.Random(i * 1000 + bulan)
    angka = []
    for dusun in DUSUN:
        n = 780 + rnd.randint(0, 120) + bulan
        for kategori, kunci in (
            ("jenis-kelamin", [1, 2]),
            ("umur-rentang", [f"{a}-{a + 4}" for a in range(0, 75, 5)] + ["75-"]),
            ("umur-kategori", ["0-5", "6-12", "13-17", "18-59", "60-"]),
            ("agama", [1, 2, 3]),
            ("status-kawin", [1, 2, 3, 4]),
            ("shdk", [1, 2, 3, 4, 5, 6, 9]),
            ("warganegara", [1]),
            ("status-penduduk", [1, 2]),
            ("pendidikan-kk", list(range(1, 11))),
            ("pendidikan-sedang", list(range(1, 12))),
            ("pekerjaan", rnd.sample(PEKERJAAN, 30)),
            ("golongan-darah", list(range(1, 9))),
            ("asuransi", [1, 2, 3, 99]),
            ("ktp", [1, 2]),
            ("akta-lahir", ["ada"]),
            ("kelas-sosial", [1, 2, 3, 4, 5]),
            ("suku", ["SUNDA", "JAWA", "BETAWI"]),
        ):
            for k, jumlah in zip(kunci, _bagi(rnd, n, len(kunci)), strict=True):
                if jumlah:
                    angka.append(_angka(rnd, kategori, k, f"{kategori} {k}".upper(), dusun, jumlah))
    return {"pada": f"2026-{bulan:02d}-28", "kategori_total": "jenis-kelamin", "angka": angka}


def isi_mutasi(i: int, bulan: int) -> dict:
    rnd = random.Random(i * 7919 + bulan)
    awal = 3300 + i % 50
    baris = {"lahir": rnd.randint(2, 9), "mati": rnd.randint(0, 5), "datang": rnd.randint(0, 8),
             "pindah": rnd.randint(0, 8), "hilang": rnd.randint(0, 1)}  # fmt: skip
    akhir = (
        awal + baris["lahir"] + baris["datang"] - baris["mati"] - baris["pindah"] - baris["hilang"]
    )
    angka = [_angka(rnd, "mutasi", "awal", "Penduduk awal bulan", "", awal)]
    angka += [_angka(rnd, "mutasi", k, k, "", n) for k, n in baris.items()]
    angka.append(_angka(rnd, "mutasi", "akhir", "Penduduk akhir bulan", "", akhir))
    for a in angka:
        a.pop("dusun")
    return {"bulan": f"2026-{bulan:02d}", "angka": angka}


JENIS_SURAT = ["keterangan-usaha", "keterangan-domisili", "sktm", "pengantar-skck",
               "keterangan-penduduk", "biodata-penduduk", "keterangan-bepergian"]  # fmt: skip


def isi_surat(i: int, bulan: int) -> dict:
    rnd = random.Random(i * 104729 + bulan)
    return {
        "bulan": f"2026-{bulan:02d}",
        "angka": [
            {
                "kategori": "surat",
                "kunci": j,
                "label": j.replace("-", " ").title(),
                "jumlah": rnd.randint(1, 30),
            }  # fmt: skip
            for j in JENIS_SURAT
        ],
    }


DATASET = [("penduduk", isi_penduduk), ("mutasi", isi_mutasi), ("surat", isi_surat)]


def amplop(kode: str, dataset: str, bulan: int, urutan: int, isi: dict) -> dict:
    ringkasan = {"sha256": protokol.sha256_hex(protokol.json_kanonik(isi))}
    jumlah = protokol.jumlah_angka(isi)
    if jumlah is not None:
        ringkasan["jumlah"] = jumlah
    return {
        "protokol": 1, "kode_desa": kode, "batch": str(__import__("uuid").uuid4()),
        "dataset": dataset, "versi_skema": 1, "periode": f"2026-{bulan:02d}", "urutan": urutan,
        "tingkat": "agregat", "penuh": True, "dibuat": datetime.datetime.now().isoformat(),
        "manifes": protokol.manifes(isi), "ringkasan": ringkasan, "isi": isi, "berkas": {},
    }  # fmt: skip


# --- parent -------------------------------------------------------------------------------------
def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(CLEARED_PREFIXES)}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SID_HTTPS="0",
        SID_VAR_DIR=str(var_dir),
        DATABASE_URL=f"{PG_SERVER}/{PG_DATABASE}",
        DJANGO_SETTINGS_MODULE="sid.settings",
        PYTHONUNBUFFERED="1",
        SID_HUB="1",
        SID_HUB_NAMA="Hub Kabupaten Bench",
        SID_HUB_KODE_WILAYAH="3201",
        SID_LOG_LEVEL="WARNING",
    )
    return env


def _reset_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def _manage(env: dict, *args: str, timeout: int = 900) -> str:
    hasil = subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if hasil.returncode != 0:
        raise SystemExit(f"[bench.sinkron] GAGAL: {' '.join(args)}\n{hasil.stderr[-3000:]}")
    return hasil.stdout


def _kirim_semua(port: int, kunci: dict, args) -> dict:
    """Push every batch with `args.klien` senders; returns timings."""
    tugas: queue.Queue = queue.Queue()
    urutan: dict[tuple[str, str], int] = {}
    for bulan in range(1, args.bulan + 1):
        for i in range(args.desa):
            for dataset, _fungsi in DATASET:
                kode = kode_desa(i)
                urutan[(kode, dataset)] = urutan.get((kode, dataset), 0) + 1
                tugas.put((i, kode, dataset, bulan, urutan[(kode, dataset)]))
    total = tugas.qsize()
    waktu: list[float] = []
    galat: list[str] = []
    kunci_daftar = threading.Lock()
    fungsi = dict(DATASET)

    def pengirim() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            try:
                i, kode, dataset, bulan, nomor = tugas.get_nowait()
            except queue.Empty:
                break
            body = protokol.json_kanonik(
                amplop(kode, dataset, bulan, nomor, fungsi[dataset](i, bulan))
            )
            kred, privat = kunci[kode]
            kepala = protokol.kepala_bertanda(
                privat_b64=privat,
                kredensial=kred,
                method="POST",
                path="/api/sinkron/batch/",
                body=body,
            )
            kepala["Content-Type"] = "application/json"
            mulai = time.perf_counter()
            try:
                conn.request("POST", "/api/sinkron/batch/", body=body, headers=kepala)
                r = conn.getresponse()
                isi = r.read()
                ok = r.status == 200 and b'"diterapkan"' in isi
            except (OSError, http.client.HTTPException) as exc:
                ok, isi = False, str(exc).encode()
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
            selang = time.perf_counter() - mulai
            with kunci_daftar:
                waktu.append(selang)
                if not ok:
                    galat.append(isi[:200].decode("utf-8", "replace"))
        conn.close()

    say(f"mengirim {total} batch ({args.desa} desa × {args.bulan} bulan × {len(DATASET)} data) "
        f"dengan {args.klien} pengirim")  # fmt: skip
    mulai = time.perf_counter()
    benang = [threading.Thread(target=pengirim) for _ in range(args.klien)]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    durasi = time.perf_counter() - mulai
    return {
        "batch": total,
        "detik": durasi,
        "laju": total / durasi,
        "p50": percentile(waktu, 50) * 1000,
        "p95": percentile(waktu, 95) * 1000,
        "galat": len(galat),
        "contoh_galat": galat[:3],
    }


class Sesi:
    """A logged-in staff session on the hub (keep-alive is closed by gunicorn anyway)."""

    def __init__(self, port: int, username: str):
        self.port = port
        self.cookie = ""
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.request("GET", "/admin/login/")
        r = conn.getresponse()
        halaman = r.read().decode()
        csrf = re.search(r"csrftoken=([^;]+)", r.getheader("Set-Cookie") or "").group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman).group(1)
        conn.close()
        body = urllib.parse.urlencode(
            {"username": username, "password": SANDI, "csrfmiddlewaretoken": token, "next": "/hub/"}
        )
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.request("POST", "/admin/login/", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"})  # fmt: skip
        r = conn.getresponse()
        r.read()
        sesi = re.search(r"sessionid=([^;]+)", r.getheader("Set-Cookie") or "")
        conn.close()
        if r.status != 302 or not sesi:
            raise SystemExit(f"[bench.sinkron] login {username} gagal (HTTP {r.status})")
        self.cookie = f"sessionid={sesi.group(1)}; csrftoken={csrf}"

    def get(self, path: str) -> tuple[int, float, int]:
        mulai = time.perf_counter()
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        conn.request("GET", path, headers={"Cookie": self.cookie})
        r = conn.getresponse()
        isi = r.read()
        conn.close()
        return r.status, time.perf_counter() - mulai, len(isi)


def _ukur_halaman(port: int, args) -> list[dict]:
    halaman = [
        (f"Dasbor kabupaten ({args.desa} desa)", "hub_kab", "/hub/"),
        ("Dasbor satu kecamatan (filter)", "hub_kab", "/hub/?kecamatan=320101"),
        ("Dasbor pengguna kecamatan", "hub_kec", "/hub/"),
        ("Daftar desa + kemutakhiran", "hub_kab", "/hub/desa/"),
        ("Halaman satu desa", "hub_kab", f"/hub/desa/{kode_desa(0)}/"),
    ]
    sesi = {u: Sesi(port, u) for u in ("hub_kab", "hub_kec")}
    hasil = []
    for judul, user, path in halaman:
        s = sesi[user]
        for _ in range(10):
            s.get(path)
        waktu, galat, ukuran = [], 0, 0
        kunci = threading.Lock()
        jumlah = iter(range(args.permintaan))

        def kerja(s=s, path=path, waktu=waktu, kunci=kunci, jumlah=jumlah) -> None:
            nonlocal galat, ukuran
            for _ in jumlah:
                status, detik, n = s.get(path)
                with kunci:
                    waktu.append(detik)
                    ukuran = n
                    galat += status != 200

        benang = [threading.Thread(target=kerja) for _ in range(2)]
        mulai = time.perf_counter()
        for b in benang:
            b.start()
        for b in benang:
            b.join()
        durasi = time.perf_counter() - mulai
        hasil.append({
            "judul": judul, "path": path, "n": len(waktu), "p50": percentile(waktu, 50) * 1000,
            "p95": percentile(waktu, 95) * 1000, "rps": len(waktu) / durasi, "galat": galat,
            "kb": ukuran / 1024,
        })  # fmt: skip
        say(f"{judul}: p95 {hasil[-1]['p95']:.0f} ms")
    return hasil


def run(args: argparse.Namespace) -> int:
    beban = load_average()
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="sinkron-", dir=BENCH_VAR))
    env = _env(var_dir)
    try:
        say(f"database {PG_DATABASE} dibuat ulang")
        _reset_database()
        say("migrate + collectstatic")
        _manage(env, "manage.py", "migrate", "--noinput", "-v0")
        _manage(env, "manage.py", "collectstatic", "--noinput", "-v0")
        say(f"mendaftarkan {args.desa} desa dan kredensialnya")
        keluaran = _manage(env, "-m", "bench.sinkron", "_siapkan", f"--desa={args.desa}")
        kunci = json.loads(
            next(b for b in keluaran.splitlines() if b.startswith(MARKER))[len(MARKER) :]
        )
        instance = Instance(env=env, var_dir=var_dir, database="postgres", cache="locmem")
        with gunicorn(instance, args.workers) as port:
            ingest = _kirim_semua(port, kunci, args)
            say(
                f"ingest: {ingest['laju']:.1f} batch/s, galat {ingest['galat']} {ingest['contoh_galat']}"
            )
            keluaran = _manage(env, "-m", "bench.sinkron", "_hitung")
            isi_db = json.loads(
                next(b for b in keluaran.splitlines() if b.startswith(MARKER))[len(MARKER) :]
            )
            halaman = _ukur_halaman(port, args)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    bagian = render(ingest, halaman, isi_db, args, beban)
    print()
    print(bagian)
    if args.no_write:
        say("--no-write: docs/performance.md tidak diubah")
    else:
        dokumen = DOC_PATH.read_text(encoding="utf-8")
        DOC_PATH.write_text(replace_section(dokumen, "sinkron", bagian), encoding="utf-8")
        say(f"hasil ditulis ke {DOC_PATH}")
    return 0 if ingest["galat"] == 0 else 1


def render(ingest: dict, halaman: list[dict], isi_db: dict, args, beban: float) -> str:
    laju_ok = ingest["laju"] >= TARGET_LAJU and ingest["galat"] == 0
    meta = (
        f"Diukur {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · commit `{git_commit()}` · "
        f"{isi_db['database']} · gunicorn {_version('gunicorn')} {args.workers} worker (sync) · "
        f"{cpu_model()}, {os.cpu_count()} core, {ram_gb():.0f} GB RAM (beban awal {beban:.2f}) · DEBUG=0"
    )
    baris = [
        "<!-- bench:sinkron -->",
        "## Hub sinkron (`python -m bench.sinkron`)",
        "",
        meta,
        "",
        f"Satu kabupaten simulasi: {args.desa} desa (15 kecamatan × 20 desa, ±3.300 penduduk per "
        f"desa, ±{args.desa * 3.3 / 1000:.1f} juta penduduk), masing-masing dengan kredensial Ed25519 "
        f"sendiri, mengirim {args.bulan} bulan data: statistik penduduk per dusun (semua kategori, "
        "±430 baris per batch), mutasi bulanan, dan surat per jenis — bulan terlama lebih dulu, "
        f"sehingga setiap bulan baru menggantikan potret sebelumnya. Batch dibuat dan ditandatangani "
        f"di proses pengukur lalu di-POST oleh {args.klien} pengirim serentak ke gunicorn hub di "
        "loopback; setiap batch diverifikasi (tanda tangan, nonce, manifes) dan diterapkan dalam "
        "satu transaksi.",
        "",
        "| Ukuran | Hasil | Target | |",
        "|---|--:|--:|---|",
        f"| Batch diterapkan | {ingest['batch']:,} dalam {ingest['detik']:.0f} s | | |".replace(
            ",", "."
        ),
        f"| Laju ingest | {ingest['laju']:.1f} batch/s | ≥ {TARGET_LAJU:.0f} batch/s | "
        f"{'✓' if laju_ok else '✗'} |",
        f"| Waktu per batch (POST sampai tanda terima), p50 / p95 | {ingest['p50']:.0f} / "
        f"{ingest['p95']:.0f} ms | | |",
        f"| Batch gagal | {ingest['galat']} | 0 | |",
        f"| Baris `hub_angka` setelahnya | {isi_db['angka']:,} | | |".replace(",", "."),
        f"| Ukuran database hub | {isi_db['ukuran_mb']:.0f} MB | | |",
        f"| Angka dasbor kabupaten dihitung ulang tanpa cache (8 kueri, dalam proses, tanpa "
        f"HTTP/templat), p50 / p95 | {isi_db['dasbor_p50']:.0f} / {isi_db['dasbor_p95']:.0f} ms | | |",
        "",
        f"Halaman hub ({args.permintaan} permintaan per halaman, 2 klien serentak, sesi staf, "
        "setelah 10 permintaan pemanasan dan `VACUUM ANALYZE` sesudah pemuatan; waktu = seluruh "
        "respons HTTP; dasbor di-cache per lingkup sampai ada data baru, maks. 120 s, cache "
        "locmem per worker):",
        "",
        "| Halaman | URL | n | p50 ms | p95 ms | req/s | KB | galat | p95 < 200 ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for h in halaman:
        baris.append(
            f"| {h['judul']} | `{h['path']}` | {h['n']} | {h['p50']:.1f} | {h['p95']:.1f} | "
            f"{h['rps']:.1f} | {h['kb']:.0f} | {h['galat']} | "
            f"{'✓' if h['p95'] < TARGET_P95_MS and not h['galat'] else '✗'} |"
        )
    baris.append("<!-- /bench:sinkron -->")
    return "\n".join(baris)


# --- children: inside Django ------------------------------------------------------------------------
def anak_siapkan(args) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from hub.models import DesaHub, Kredensial, PenggunaHub

    User = get_user_model()
    for nama, lingkup in (("hub_kab", "3201"), ("hub_kec", "320101")):
        u = User.objects.create_user(username=nama, password=SANDI, is_staff=True)
        PenggunaHub.objects.create(user=u, lingkup=lingkup, nama_lingkup=nama)
    kunci = {}
    desa = DesaHub.objects.bulk_create(
        [
            DesaHub(
                kode=kode_desa(i),
                nama=f"Desa {i + 1:03d}",
                kode_kecamatan=kode_desa(i)[:6],
                nama_kecamatan=f"Kecamatan {i // 20 + 1:02d}",
                kode_kabupaten="3201",
            )  # fmt: skip
            for i in range(args.desa)
        ]
    )
    kredensial = []
    for d in desa:
        privat, publik = protokol.buat_pasangan_kunci()
        k = Kredensial(desa=d, kunci_publik=publik)
        kredensial.append(k)
        kunci[d.kode] = (str(k.uuid), privat)
    Kredensial.objects.bulk_create(kredensial)
    print(MARKER + json.dumps(kunci))


def anak_hitung() -> None:
    import django

    django.setup()
    from django.db import connection

    from hub import selectors
    from hub.lingkup import Lingkup
    from hub.models import Angka

    with connection.cursor() as c:
        # Steady state after the bulk load: dead rows of the monthly snapshot flips vacuumed and
        # planner statistics fresh (production: autovacuum does this; it may be off locally).
        c.execute("VACUUM ANALYZE")
        c.execute("SELECT version(), pg_database_size(current_database())")
        versi, ukuran = c.fetchone()
    # The dashboard's figures computed afresh (what a cache miss costs), in-process, no HTTP.
    desa = selectors.daftar_desa(Lingkup("3201").desa())
    selectors._dasbor(desa)
    waktu = []
    for _ in range(30):
        mulai = time.perf_counter()
        selectors._dasbor(desa)
        waktu.append(time.perf_counter() - mulai)
    print(MARKER + json.dumps({
        "database": "PostgreSQL " + versi.split()[1], "ukuran_mb": ukuran / 1024 / 1024,
        "angka": Angka.objects.count(), "dasbor_p50": percentile(waktu, 50) * 1000,
        "dasbor_p95": percentile(waktu, 95) * 1000,
    }))  # fmt: skip


def _on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)  # unwinds through the `finally` that stops gunicorn


def main(argv=None) -> int:
    signal.signal(signal.SIGTERM, _on_sigterm)
    args = parse_args(argv)
    if args.desa <= 0 or args.bulan <= 0 or args.klien <= 0 or args.permintaan <= 0:
        raise SystemExit("--desa, --bulan, --klien, --permintaan harus lebih dari 0")
    if args.langkah == "_siapkan":
        anak_siapkan(args)
        return 0
    if args.langkah == "_hitung":
        anak_hitung()
        return 0
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())

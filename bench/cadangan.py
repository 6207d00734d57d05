"""`python -m bench.cadangan`: time and peak memory of a backup and a restore.

A throw-away SID (own database `sid_bench_cadangan`, own folders under var/bench/) is filled
with the demo village (`isi_desa_demo --penduduk N --seed 1`) and M MB of random files
(incompressible, like PDFs and photos), then:

1. `manage.py cadangkan` (complete backup + verification) is run as a child process;
2. the database is dropped, recreated and migrated, the file folders emptied, and
   `manage.py pulihkan ARCHIVE --noinput` restores into that empty instance (including its
   automatic backup of the empty state, its full archive check and its verification).

Wall time and the child's peak resident memory (`ru_maxrss` from `wait4`) are recorded, and
the result is kept in docs/performance.md between `<!-- bench:cadangan -->` markers (one row
per configuration; other sections of that file are left alone).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import environment, report, system

PG_DATABASE = "sid_bench_cadangan"
KUNCI_BAGIAN = "cadangan"
UKURAN_BERKAS = (60_000, 150_000, 400_000)  # typical scan, letter PDF, photo


@dataclass
class Ukuran:
    detik: float
    rss_mb: float


@dataclass
class Hasil:
    database: str
    penduduk: int
    berkas_mb: int
    baris: int
    berkas: int
    arsip_mb: float
    cadangan: Ukuran
    pulihkan: Ukuran
    tanggal: str
    commit: str
    mesin: str
    beban: float  # 1-minute load average when the run started


def say(pesan: str) -> None:
    print(f"[bench.cadangan] {pesan}", flush=True)


def ukur(env: dict[str, str], *args: str, timeout: float = 3600) -> tuple[Ukuran, str]:
    """Run `manage.py args…` as a child; wall time and its own peak RSS."""
    with tempfile.TemporaryFile() as keluar:
        mulai = time.perf_counter()
        proses = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=environment.BASE_DIR,
            env=env,
            stdout=keluar,
            stderr=subprocess.STDOUT,
        )
        batas = mulai + timeout
        while True:
            pid, status, pemakaian = os.wait4(proses.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > batas:
                proses.kill()
                raise environment.SetupError(f"'{' '.join(args)}' melewati {timeout:.0f} detik")
            time.sleep(0.05)
        detik = time.perf_counter() - mulai
        proses.returncode = os.waitstatus_to_exitcode(status)
        keluar.seek(0)
        teks = keluar.read().decode(errors="replace")
    if proses.returncode != 0:
        raise environment.SetupError(f"'{' '.join(args)}' gagal:\n{teks[-3000:]}")
    return Ukuran(detik=round(detik, 1), rss_mb=round(pemakaian.ru_maxrss / 1024, 1)), teks


def reset_database(database: str, var_dir: Path) -> None:
    if database == "postgres":
        import psycopg

        with psycopg.connect(
            f"{environment.PG_SERVER}/postgres", autocommit=True, connect_timeout=5
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    else:
        for nama in ("sid.sqlite3", "sid.sqlite3-wal", "sid.sqlite3-shm"):
            (var_dir / nama).unlink(missing_ok=True)


def buat_berkas(var_dir: Path, total_mb: int) -> int:
    """Random files in privat/ (letters, scans, photos) and media/ (article images)."""
    sisa = total_mb * 1024 * 1024
    jumlah = 0
    while sisa > 0:
        ukuran = min(sisa, UKURAN_BERKAS[jumlah % len(UKURAN_BERKAS)])
        if jumlah % 10 == 9:
            path = var_dir / "media" / "artikel" / f"{jumlah // 500:03d}" / f"gambar-{jumlah}.jpg"
        else:
            path = var_dir / "privat" / "surat" / f"{2020 + jumlah % 6}" / f"surat-{jumlah}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(ukuran))
        sisa -= ukuran
        jumlah += 1
    return jumlah


def _angka(teks: str, pola: str) -> int:
    cocok = re.search(pola, teks)
    return int(cocok.group(1)) if cocok else 0


def jalankan(args: argparse.Namespace) -> Hasil:
    environment.BENCH_VAR.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="cadangan-", dir=environment.BENCH_VAR))
    env = environment.build_env(args.database, False, var_dir)
    env["SECRET_KEY"] = secrets.token_urlsafe(48)[:64]
    if args.database == "postgres":
        env["DATABASE_URL"] = f"{environment.PG_SERVER}/{PG_DATABASE}"
    instance = environment.Instance(
        env=env, var_dir=var_dir, database=args.database, cache="locmem"
    )
    beban = system.load_average()
    try:
        say(f"database baru ({args.database}), migrate")
        reset_database(args.database, var_dir)
        environment.manage(instance, "migrate", "--noinput", "-v0", timeout=900)
        if args.penduduk:
            say(f"isi_desa_demo --penduduk {args.penduduk} --seed 1")
            environment.manage(
                instance, "isi_desa_demo", "--penduduk", str(args.penduduk), "--seed", "1",
                timeout=3600,
            )  # fmt: skip
        say(f"{args.berkas_mb} MB berkas acak")
        jumlah_berkas = buat_berkas(var_dir, args.berkas_mb)

        say("cadangkan")
        cadangan, keluaran = ukur(env, "cadangkan")
        arsip = Path(keluaran.strip().splitlines()[-1])
        baris = _angka(keluaran, r"terverifikasi: (\d+) baris")
        say(f"  {cadangan.detik} s, puncak {cadangan.rss_mb} MB, arsip {arsip.stat().st_size} B")

        say("database dan folder dikosongkan, migrate, pulihkan")
        tujuan = var_dir / "arsip-uji.tar.gz"
        shutil.move(arsip, tujuan)
        reset_database(args.database, var_dir)
        environment.manage(instance, "migrate", "--noinput", "-v0", timeout=900)
        for folder in ("media", "privat", "cadangan"):
            shutil.rmtree(var_dir / folder, ignore_errors=True)
        pulihkan, keluaran = ukur(env, "pulihkan", str(tujuan), "--noinput")
        if "terverifikasi" not in keluaran:
            raise environment.SetupError(f"pulihkan tidak terverifikasi:\n{keluaran[-2000:]}")
        say(f"  {pulihkan.detik} s, puncak {pulihkan.rss_mb} MB")
        info = system.collect(
            database_key=args.database,
            database=args.database,
            dataset_size=args.penduduk,
            cache="locmem",
            workers=0,
            concurrency=0,
            requests=0,
            load_before=beban,
        )
        return Hasil(
            database=args.database,
            penduduk=args.penduduk,
            berkas_mb=args.berkas_mb,
            baris=baris,
            berkas=jumlah_berkas,
            arsip_mb=round(tujuan.stat().st_size / 1024 / 1024, 1),
            cadangan=cadangan,
            pulihkan=pulihkan,
            tanggal=info.date,
            # BENCH_COMMIT names the code when it runs from an exported tree without .git.
            commit=os.environ.get("BENCH_COMMIT") or info.commit,
            mesin=f"{info.cpu}, {info.cores} core, {info.ram_gb:.0f} GB RAM · Python {info.python}",
            beban=round(beban, 2),
        )
    finally:
        if not args.simpan:
            shutil.rmtree(var_dir, ignore_errors=True)
            if args.database == "postgres":
                import psycopg

                with psycopg.connect(f"{environment.PG_SERVER}/postgres", autocommit=True) as c:
                    c.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


POLA_HASIL = re.compile(r"<!-- hasil (\{.*?\}) -->")
PENJELASAN = """\
Diukur oleh `python -m bench.cadangan --penduduk N --berkas-mb M` di PostgreSQL lokal: desa demo
`isi_desa_demo --penduduk N --seed 1` ditambah M MB berkas acak (tidak termampatkan, seperti PDF
dan foto; ±5.000 berkas). *Cadangan* = `manage.py cadangkan` (tulis arsip + verifikasi penuh).
*Pulihkan* = `manage.py pulihkan --noinput` ke database yang baru dimigrasi dan folder kosong:
uji coba (seluruh arsip dibaca dan dicocokkan), cadangan otomatis keadaan sebelumnya, pemuatan
dalam satu transaksi dengan arsip dibaca kedua kalinya, verifikasi jumlah baris dan sidik isi
setiap tabel, pemindahan berkas. Waktu = proses perintah dari mulai sampai selesai (termasuk
start Django). Memori = puncak RSS proses itu (`ru_maxrss` dari `wait4`); memori harus tetap
datar ketika jumlah penduduk bertambah. "Beban awal" = load average 1 menit saat run dimulai:
di atas jumlah core, mesin sedang sibuk dengan pekerjaan lain dan waktu ikut membengkak."""


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def render(hasil_semua: list[dict]) -> str:
    hasil_semua.sort(key=lambda h: (h["database"], h["berkas_mb"], h["penduduk"]))
    mulai, akhir = report._markers(KUNCI_BAGIAN)
    baris = [
        mulai,
        "## Cadangan dan pemulihan",
        "",
        PENJELASAN,
        "",
        "| Database | Penduduk | Baris | Berkas | Arsip | Cadangan | Memori cadangan "
        "| Pulihkan | Memori pulihkan | Beban awal | Diukur |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for h in hasil_semua:
        baris.append(
            f"| {h['database']} | {_ribuan(h['penduduk'])} | {_ribuan(h['baris'])} "
            f"| {_ribuan(h['berkas'])} ({_ribuan(h['berkas_mb'])} MB) "
            f"| {_ribuan(round(h['arsip_mb']))} MB "
            f"| {h['cadangan']['detik']:.0f} s | {h['cadangan']['rss_mb']:.0f} MB "
            f"| {h['pulihkan']['detik']:.0f} s | {h['pulihkan']['rss_mb']:.0f} MB "
            f"| {str(h.get('beban', '–')).replace('.', ',')} "
            f"| {h['tanggal']} · `{h['commit']}` |"
        )
    mesin = {h["mesin"] for h in hasil_semua}
    baris += ["", "Mesin: " + "; ".join(sorted(mesin)) + "."]
    baris += ["", *[f"<!-- hasil {json.dumps(h, sort_keys=True)} -->" for h in hasil_semua]]
    baris.append(akhir)
    return "\n".join(baris)


def tulis(hasil: Hasil, path: Path = report.DOC_PATH) -> None:
    dokumen = path.read_text(encoding="utf-8") if path.exists() else report.INTRO
    mulai, akhir = report._markers(KUNCI_BAGIAN)
    lama: list[dict] = []
    if mulai in dokumen:
        bagian = dokumen.split(mulai, 1)[1].split(akhir, 1)[0]
        lama = [json.loads(m) for m in POLA_HASIL.findall(bagian)]
    baru = asdict(hasil)
    kunci = (baru["database"], baru["penduduk"], baru["berkas_mb"])
    lama = [h for h in lama if (h["database"], h["penduduk"], h["berkas_mb"]) != kunci]
    path.write_text(
        report.replace_section(dokumen, KUNCI_BAGIAN, render([*lama, baru])), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.cadangan", description="Ukur waktu dan memori cadangan/pemulihan."
    )
    parser.add_argument("--penduduk", type=int, default=25_000)
    parser.add_argument("--berkas-mb", type=int, default=1000)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    parser.add_argument("--simpan", action="store_true", help="jangan hapus folder dan database")
    args = parser.parse_args(argv)
    if args.penduduk < 0 or args.berkas_mb < 0:
        parser.error("--penduduk dan --berkas-mb tidak boleh negatif")
    try:
        hasil = jalankan(args)
    except environment.SetupError as exc:
        say(f"GAGAL: {exc}")
        return 1
    print(json.dumps(asdict(hasil), indent=1))
    if not args.no_write:
        tulis(hasil)
        say(f"ditulis ke {report.DOC_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

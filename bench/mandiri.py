"""`python -m bench.mandiri`: the resident portal's speed against issue 6's targets.

A throw-away PostgreSQL database `sid_mandiri_bench` (dropped and re-created) gets the demo
village (`isi_desa_demo --penduduk N`, 25,000 by default, with the demo programmes and
complaints), one resident with an account (real PBKDF2 PIN hash), requests and complaints;
gunicorn serves it with DEBUG=0. Each portal page is requested over HTTP with a logged-in
resident session (same method as `python -m bench`: keep-alive clients, warm-up first,
p50/p95/p99 of the whole response). Login (POST, a fresh login each time, the slow hash
included) runs with as many clients as gunicorn workers.

Targets: portal pages p95 < 100 ms; login p95 < 500 ms. The figures go to
docs/performance.md between `<!-- bench:mandiri -->` and `<!-- /bench:mandiri -->`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.client import Client, Reply
from bench.environment import BENCH_VAR, PG_SERVER, Instance, build_env
from bench.report import DOC_PATH, replace_section
from bench.server import HOST, gunicorn
from bench.stats import Summary, summarize
from bench.system import _version, cpu_model, git_commit, load_average, ram_gb

PG_DATABASE = "sid_mandiri_bench"
MARKER = "BENCH_MANDIRI_JSON "
TARGET_HALAMAN_MS = 100
TARGET_MASUK_MS = 500
LOGIN = "/mandiri/masuk/"
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def say(pesan: str) -> None:
    print(f"[bench.mandiri] {pesan}", flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.mandiri", description="Ukur kinerja Layanan Mandiri."
    )
    p.add_argument("langkah", nargs="?", default="", help=argparse.SUPPRESS)
    p.add_argument("--penduduk", type=int, default=25000, help="jumlah penduduk data demo")
    p.add_argument("--requests", type=int, default=200, help="permintaan per halaman")
    p.add_argument("--concurrency", type=int, default=4, help="klien serentak (halaman)")
    p.add_argument("--workers", type=int, default=2, help="worker gunicorn")
    p.add_argument("--login", type=int, default=20, help="permintaan login (POST)")
    p.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    return p.parse_args(argv)


# --- parent ----------------------------------------------------------------------------------


def _instance() -> Instance:
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="mandiri-", dir=BENCH_VAR))
    env = build_env("postgres", False, var_dir)
    env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    return Instance(env=env, var_dir=var_dir, database="postgres", cache="locmem")


def _reset_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def _jalankan(instance: Instance, *args: str, timeout: float) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=Path(__file__).resolve().parent.parent,
        env=instance.env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} gagal:\n{(done.stdout + done.stderr)[-3000:]}")
    return done.stdout


@dataclass
class Halaman:
    judul: str
    path: str
    n: int = 0
    summary: Summary | None = None
    metode: str = "GET"
    contoh_galat: str = ""


def _masuk(port: int, nik: str, pin: str) -> Client:
    c = Client(HOST, port)
    r = c.request("GET", LOGIN)
    m = _CSRF.search(r.body)
    if r.status != 200 or not m:
        raise RuntimeError(f"halaman masuk menjawab {r.status}")
    r = c.request(
        "POST", LOGIN, form={"nik": nik, "pin": pin, "csrfmiddlewaretoken": m.group(1).decode()}
    )
    if r.status != 302 or "sessionid" not in c.cookies:
        raise RuntimeError(f"login warga gagal: status {r.status}")
    return c


def _kirim_banyak(klien: list, kirim, jumlah: int) -> tuple[list[Reply], float]:
    sisa = [jumlah]
    kunci = threading.Lock()
    hasil: list[list[Reply]] = [[] for _ in klien]

    def jalan(i: int) -> None:
        while True:
            with kunci:
                if sisa[0] <= 0:
                    return
                sisa[0] -= 1
            hasil[i].append(kirim(klien[i]))

    utas = [threading.Thread(target=jalan, args=(i,), daemon=True) for i in range(len(klien))]
    mulai = time.perf_counter()
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=600)
    return [r for bagian in hasil for r in bagian], time.perf_counter() - mulai


def _ukur(klien: list, kirim, jumlah: int, pemanasan: int, status: int, h: Halaman) -> None:
    hangat, _ = _kirim_banyak(klien, kirim, pemanasan)
    salah = [r for r in hangat if r.status != status]
    if salah:
        raise RuntimeError(
            f"pemanasan '{h.judul}' gagal: status {salah[0].status} {salah[0].error}"
        )
    balasan, detik = _kirim_banyak(klien, kirim, jumlah)
    galat = [r for r in balasan if r.status != status]
    h.n = len(balasan)
    h.summary = summarize(
        [r.elapsed_ms for r in balasan if r.status], len(balasan), len(galat), detik
    )
    if galat:
        h.contoh_galat = f"status {galat[0].status} {galat[0].error}".strip()


def ukur(port: int, data: dict, args: argparse.Namespace) -> list[Halaman]:
    nik, pin = data["nik"], data["pin"]
    halaman = [
        Halaman("Beranda", "/mandiri/"),
        Halaman("Biodata", "/mandiri/biodata/"),
        Halaman("Keluarga", "/mandiri/keluarga/"),
        Halaman("Riwayat permohonan", "/mandiri/permohonan/"),
        Halaman("Pilih surat", "/mandiri/permohonan/baru/"),
        Halaman("Formulir Keterangan Usaha", "/mandiri/permohonan/baru/keterangan-usaha/"),
        Halaman("Detail permohonan", f"/mandiri/permohonan/{data['permohonan']}/"),
        Halaman("Bantuan sosial", "/mandiri/bantuan/"),
        Halaman("Pengaduan", "/mandiri/pengaduan/"),
        Halaman("Detail pengaduan", f"/mandiri/pengaduan/{data['pengaduan']}/"),
        Halaman("Informasi desa", "/mandiri/informasi/"),
        Halaman("Ganti PIN (formulir)", "/mandiri/ganti-pin/"),
    ]
    klien = [_masuk(port, nik, pin) for _ in range(args.concurrency)]
    try:
        for h in halaman:
            say(f"{h.judul}: GET {h.path} × {args.requests}")
            _ukur(klien, lambda c, p=h.path: c.request("GET", p), args.requests, 20, 200, h)
            say(f"  p50 {h.summary.p50:.1f} ms · p95 {h.summary.p95:.1f} ms")
    finally:
        for c in klien:
            c.close()
    tamu = Halaman("Halaman masuk", LOGIN)
    anon = [Client(HOST, port) for _ in range(args.concurrency)]
    _ukur(anon, lambda c: c.request("GET", LOGIN), args.requests, 20, 200, tamu)
    say(f"{tamu.judul}: p95 {tamu.summary.p95:.1f} ms")
    # Login POST: a fresh login each time (no session cookie), the real PBKDF2 hash included.
    pasangan = []
    for c in anon[: args.workers]:
        r = c.request("GET", LOGIN)
        pasangan.append((c.cookies["csrftoken"], _CSRF.search(r.body).group(1).decode()))
    poster = [Client(HOST, port, keep_cookies=False) for _ in pasangan]
    kirim_login = {id(p): pasangan[i] for i, p in enumerate(poster)}

    def login(c: Client) -> Reply:
        cookie, token = kirim_login[id(c)]
        form = {"nik": nik, "pin": pin, "csrfmiddlewaretoken": token}
        return c.request("POST", LOGIN, form=form, cookies={"csrftoken": cookie})

    masuk = Halaman("Login (POST, termasuk hash PIN)", LOGIN, metode="POST")
    _ukur(poster, login, args.login, 4, 302, masuk)
    say(f"{masuk.judul}: p50 {masuk.summary.p50:.1f} ms · p95 {masuk.summary.p95:.1f} ms")
    for c in anon + poster:
        c.close()
    return [*halaman, tamu, masuk]


def run(args: argparse.Namespace) -> int:
    beban = load_average()
    instance = _instance()
    try:
        say(f"database {PG_DATABASE} dibuat ulang")
        _reset_database()
        say("migrate")
        _jalankan(instance, "manage.py", "migrate", "--noinput", "-v0", timeout=900)
        _jalankan(instance, "manage.py", "collectstatic", "--noinput", "-v0", timeout=600)
        say(f"isi_desa_demo --penduduk {args.penduduk}")
        mulai = time.monotonic()
        _jalankan(
            instance, "manage.py", "isi_desa_demo", "--penduduk", str(args.penduduk), "--seed", "1",
            timeout=3600,
        )  # fmt: skip
        say(f"  selesai dalam {time.monotonic() - mulai:.0f} s")
        keluaran = _jalankan(instance, "-m", "bench.mandiri", "_siapkan", timeout=600)
        baris = [b for b in keluaran.splitlines() if b.startswith(MARKER)]
        if not baris:
            raise RuntimeError(f"persiapan tidak melapor:\n{keluaran[-2000:]}")
        data = json.loads(baris[-1][len(MARKER) :])
        with gunicorn(instance, args.workers) as port:
            say(f"gunicorn siap di {HOST}:{port} ({args.workers} worker)")
            hasil = ukur(port, data, args)
    finally:
        shutil.rmtree(instance.var_dir, ignore_errors=True)
    bagian = render(hasil, data, args, beban)
    print()
    print(bagian)
    if args.no_write:
        say("--no-write: docs/performance.md tidak diubah")
    else:
        dokumen = DOC_PATH.read_text(encoding="utf-8")
        DOC_PATH.write_text(replace_section(dokumen, "mandiri", bagian), encoding="utf-8")
        say(f"hasil ditulis ke {DOC_PATH}")
    return 1 if any(h.summary.errors for h in hasil) else 0


def _n(x: float) -> str:
    return f"{x:.1f}"


def render(hasil: list[Halaman], data: dict, args: argparse.Namespace, beban: float) -> str:
    meta = (
        f"Diukur {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · commit `{git_commit()}` · "
        f"{data['database']} · {data['penduduk']} penduduk (isi_desa_demo) · cache locmem · "
        f"gunicorn {_version('gunicorn')} {args.workers} worker (sync) · konkurensi {args.concurrency} "
        f"(login {min(args.workers, args.concurrency)}) · {cpu_model()}, {os.cpu_count()} core, "
        f"{ram_gb():.0f} GB RAM (beban awal {beban:.2f}) · DEBUG=0 · hash PIN {data['hasher']}"
    )
    baris = [
        "<!-- bench:mandiri -->",
        "## Layanan Mandiri (`python -m bench.mandiri`)",
        "",
        meta,
        "",
        "| Halaman | URL | n | p50 ms | p95 ms | p99 ms | req/s | galat | target p95 | |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for h in hasil:
        s = h.summary
        target = TARGET_MASUK_MS if h.metode == "POST" else TARGET_HALAMAN_MS
        ok = "✓" if s.p95 < target and not s.errors else "✗"
        baris.append(
            f"| {h.judul} | `{h.metode} {h.path}` | {s.count} | {_n(s.p50)} | {_n(s.p95)} | "
            f"{_n(s.p99)} | {_n(s.rps)} | {s.errors} | < {target} ms | {ok} |"
        )
    baris += [
        "",
        f"Halaman portal diminta dengan sesi warga yang sudah masuk (satu warga kepala keluarga "
        f"dengan {data['anggota']} anggota KK, {data['jumlah_permohonan']} permohonan, "
        f"{data['jumlah_pengaduan']} pengaduan, penerima {data['jumlah_bantuan']} program bantuan). "
        "Login POST adalah login baru setiap kali (tanpa cookie sesi), termasuk hash PIN PBKDF2 "
        "bawaan Django yang memang lambat; kliennya sebanyak worker gunicorn agar waktu antre "
        "tidak ikut terhitung.",
    ]
    if beban > (os.cpu_count() or 1):
        baris.append(
            f"Mesin sedang dipakai proses lain (beban awal {beban:.2f} pada {os.cpu_count()} core): "
            "angka bisa beberapa kali lebih lambat daripada pada mesin yang diam."
        )
    baris.append("<!-- /bench:mandiri -->")
    return "\n".join(baris)


# --- child: inside Django ----------------------------------------------------------------------


def _siapkan() -> dict:
    """One living family head with an account (known PIN, real hash), requests, complaints,
    and a place in a programme; the letter types enabled for the portal."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.db.models import Count

    from bantuan import services as bantuan_services
    from bantuan.models import Program, Sasaran
    from bantuan.selectors import bantuan_penduduk
    from mandiri import services
    from mandiri.models import AkunMandiri, Pengaduan
    from mandiri.pin import buat_pin, hasher_pin
    from penduduk.models import Penduduk
    from sid import kode
    from surat.bawaan import pasang_jenis_bawaan
    from surat.models import JenisSurat

    if not JenisSurat.objects.exists():
        pasang_jenis_bawaan(JenisSurat)
    p = (
        Penduduk.objects.hidup()
        .filter(shdk=kode.SHDK.KEPALA_KELUARGA)
        .exclude(nik__startswith="0")
        .annotate(n=Count("keluarga__anggota"))
        .filter(n__gte=4)
        .order_by("pk")
        .first()
    )
    pin = buat_pin(tanggal_lahir=p.tanggal_lahir)
    AkunMandiri.objects.create(
        penduduk=p, pin=make_password(pin, hasher=hasher_pin()), wajib_ganti_pin=False
    )
    program = Program.objects.filter(sasaran=Sasaran.KELUARGA).first()
    if program and not program.peserta.filter(keluarga=p.keluarga).exists():
        bantuan_services.peserta_create(oleh=None, program=program, keluarga=p.keluarga)
    jenis = JenisSurat.objects.get(slug="keterangan-usaha")
    isian = {"form_usaha": "Warung", "form_alamat_usaha": "Jl. Melati 5", "form_keperluan": "KUR"}
    permohonan = [
        services.permohonan_create(penduduk=p, jenis=jenis, isian=isian, bawa_dokumen_fisik=True)
        for _ in range(3)
    ]
    aduan = []
    for i in range(2):
        a = services.pengaduan_create(
            penduduk=p,
            jenis="pengaduan",
            judul=f"Lampu jalan mati {i + 1}",
            isi="Lampu jalan di depan musala mati sejak seminggu.",
        )
        services.pengaduan_balas(oleh=None, pengaduan=a, isi="Akan diperbaiki.", status="diproses")
        aduan.append(a)
    from django.conf import settings

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        versi = cursor.fetchone()[0].split()[0]
    return {
        "nik": p.nik,
        "pin": pin,
        "permohonan": str(permohonan[0].uuid),
        "pengaduan": str(aduan[0].uuid),
        "penduduk": Penduduk.objects.hidup().count(),
        "anggota": p.keluarga.anggota.count(),
        "jumlah_permohonan": len(permohonan),
        "jumlah_pengaduan": Pengaduan.objects.filter(penduduk=p).count(),
        "jumlah_bantuan": len(bantuan_penduduk(p)),
        "database": f"PostgreSQL {versi}",
        "hasher": settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1],
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.langkah == "_siapkan":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
        import django

        django.setup()
        print(MARKER + json.dumps(_siapkan()))
        return 0
    try:
        return run(args)
    except (RuntimeError, TimeoutError, subprocess.TimeoutExpired) as exc:
        print(f"[bench.mandiri] GAGAL: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

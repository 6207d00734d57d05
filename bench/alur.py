"""`python -m bench.alur`: the letter as an operator issues it, and the processes' memory.

(a) **Letter flow**, over HTTP against gunicorn (3 sync workers, DEBUG=0, PostgreSQL, Redis)
    with a real Celery worker rendering the PDF, exactly the requests a browser sends for
    OpenSID's three actions (form → preview → PDF) when the village has no verification step:

        1. GET  the letter form for a resident (from the resident's page)
        2. POST the form: the draft is saved → 302
        3. GET  the letter page with the preview and "Terbitkan dan unduh PDF"
        4. POST "Terbitkan dan unduh PDF": sent, numbered, signed, waits for the worker's PDF → 302
        5. GET  the letter page (?unduh=1), the PDF ready
        6. GET  the PDF (the page starts this download itself)

    "Server time" is the sum of the six response times seen by the client on the same machine
    (so it includes the PDF render the fourth request waits for). The worker's own render time
    per letter comes from Celery's task log ("succeeded in …s").
(b) **Memory**: resident set size (VmRSS) of every gunicorn worker and of the Celery worker
    processes, and the sum of their proportional set sizes (PSS, shared pages divided among
    the processes that share them), once after start and once after a fixed mix of requests (the letter flows above
    plus the back office's main pages, the public site and an export of every resident).

Runs against its own PostgreSQL database `sid_alur_bench` (dropped and re-created; with
SID_BENCH_DB=x set, `x_alur`) and Redis db 12 (or SID_BENCH_REDIS_DB), and writes docs/performance.md between `<!-- bench:alur -->` markers (unless --no-write).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.client import Client
from bench.environment import BASE_DIR, BENCH_VAR, Instance, buat_ulang_database, env_pg
from bench.report import tulis_bagian
from bench.server import HOST, gunicorn
from bench.system import _version, cpu_model, git_commit, load_average, ram_gb

# Own names for parallel runs: SID_BENCH_DB=x gives the database x_alur; SID_BENCH_REDIS_DB a db.
PG_DATABASE = (
    f"{os.environ['SID_BENCH_DB']}_alur" if os.environ.get("SID_BENCH_DB") else "sid_alur_bench"
)
REDIS_URL = f"redis://127.0.0.1:6379/{os.environ.get('SID_BENCH_REDIS_DB', '12')}"
MARKER = "BENCH_ALUR_JSON "
USERNAME = "bench-operator"
JENIS = "keterangan-pengantar"  # the one-page "Keterangan Pengantar"
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_RENDER = re.compile(r"surat\.render_pdf\[[^\]]+\] succeeded in ([0-9.]+)s")
# Celery's log lines: "[2026-12-06 11:10:59,123: INFO/MainProcess] Task surat.render_pdf[id] received"
_BARIS_TUGAS = re.compile(
    r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}): [^\]]*\] Task surat\.render_pdf\[([^\]]+)\] "
    r"(received|succeeded)",
    re.M,
)
# The fixed request mix before the memory reading (each path once per round).
CAMPURAN = (
    "/admin/",
    "/admin/penduduk/penduduk/",
    "/admin/penduduk/penduduk/?q=wati",
    "/admin/keluarga/keluarga/",
    "/admin/penduduk/statistik/",
    "/admin/surat/surat/",
    "/",
    "/statistik/",
    "/admin/penduduk/penduduk/ekspor/xlsx/",
)


def say(pesan: str) -> None:
    print(f"[bench.alur] {pesan}", flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.alur", description=__doc__.splitlines()[0])
    p.add_argument("langkah", nargs="?", default="", help=argparse.SUPPRESS)
    p.add_argument("--penduduk", type=int, default=10000, help="penduduk demo (isi_desa_demo)")
    p.add_argument("--ulang", type=int, default=30, help="surat yang diterbitkan lewat HTTP")
    p.add_argument("--putaran", type=int, default=3, help="putaran campuran sebelum ukur RSS")
    p.add_argument("--workers", type=int, default=3, help="worker gunicorn")
    p.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    return p.parse_args(argv)


def _reset() -> None:
    import redis

    buat_ulang_database(PG_DATABASE)
    redis.Redis.from_url(REDIS_URL).flushdb()


def _jalankan(env: dict[str, str], *args: str, timeout: float = 1800) -> str:
    selesai = subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip
    if selesai.returncode != 0:
        raise SystemExit(f"'{' '.join(args)}' gagal:\n{(selesai.stdout + selesai.stderr)[-3000:]}")
    return selesai.stdout


def _rss_mb(pid: int) -> float:
    try:
        for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
            if baris.startswith("VmRSS:"):
                return int(baris.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _pss_mb(pid: int) -> float:
    """Proportional set size: pages shared with other processes (gunicorn's preloaded master,
    the Celery parent) count by their share, so the sum over processes is their real use."""
    try:
        for baris in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if baris.startswith("Pss:"):
                return int(baris.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _ukur(master: int, worker: int) -> dict:
    web = [master, *_anak_dari(master)]
    kerja = [worker, *_anak_dari(worker)]
    return {
        "web": [_rss_mb(p) for p in web[1:]],
        "worker": [_rss_mb(p) for p in kerja],
        "pss_web": sum(_pss_mb(p) for p in web),
        "pss_worker": sum(_pss_mb(p) for p in kerja),
    }


def _anak_dari(pid: int) -> list[int]:
    try:
        teks = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in teks.split()]


def _gunicorn_master(port: int) -> int:
    """The gunicorn master of this run (the oldest process with its command line)."""
    keluar = subprocess.run(
        ["pgrep", "-o", "-f", f"gunicorn sid.wsgi.*{HOST}:{port}"], capture_output=True, text=True
    )
    return int(keluar.stdout.split()[0])


def _token(body: bytes) -> str:
    m = _CSRF.search(body)
    if not m:
        raise SystemExit("token CSRF tidak ditemukan pada halaman")
    return m.group(1).decode()


def _cek(reply, harapan: int, langkah: str) -> None:
    if reply.status != harapan:
        raise SystemExit(f"{langkah}: status {reply.status} (harapan {harapan}) {reply.error}")


def alur_surat(c: Client, penduduk_id: int) -> dict:
    """One letter, the six requests of the operator's three actions; ms per request."""
    waktu: dict[str, float] = {}
    r = c.request("GET", f"/admin/surat/surat/buat/{JENIS}/?penduduk={penduduk_id}")
    _cek(r, 200, "formulir")
    waktu["1 formulir"] = r.elapsed_ms
    data = {
        "csrfmiddlewaretoken": _token(r.body),
        "penduduk": str(penduduk_id),
        "form_keperluan": "Mengurus persyaratan administrasi",
        "form_keterangan": "",
    }
    r = c.request("POST", f"/admin/surat/surat/buat/{JENIS}/", form=data)
    _cek(r, 302, "simpan draf")
    waktu["2 simpan draf"] = r.elapsed_ms
    pk = int(re.search(r"/admin/surat/surat/(\d+)/", r.location).group(1))
    r = c.request("GET", f"/admin/surat/surat/{pk}/change/")
    _cek(r, 200, "pratinjau")
    waktu["3 pratinjau"] = r.elapsed_ms
    data = {"csrfmiddlewaretoken": _token(r.body), "penandatangan": "kepala_desa"}
    r = c.request("POST", f"/admin/surat/surat/{pk}/terbitkan/", form=data)
    _cek(r, 302, "terbitkan")
    waktu["4 terbitkan + PDF"] = r.elapsed_ms
    r = c.request("GET", f"/admin/surat/surat/{pk}/change/?unduh=1")
    _cek(r, 200, "halaman surat")
    if b"data-unduh-otomatis" not in r.body:
        raise SystemExit("PDF belum siap setelah 'Terbitkan dan unduh PDF'")
    waktu["5 halaman surat"] = r.elapsed_ms
    r = c.request("GET", f"/admin/surat/surat/{pk}/pdf/")
    _cek(r, 200, "unduh PDF")
    if not r.body.startswith(b"%PDF"):
        raise SystemExit("unduhan bukan PDF")
    waktu["6 unduh PDF"] = r.elapsed_ms
    return waktu


def _siapkan(env: dict[str, str], args) -> dict:
    """Migrate, the demo village, an operator with a password, verification off."""
    _jalankan(env, "manage.py", "migrate", "--noinput", "-v0")
    if args.penduduk:
        _jalankan(env, "manage.py", "isi_desa_demo", "--penduduk", str(args.penduduk))
    sandi = secrets.token_urlsafe(16)
    keluaran = _jalankan({**env, "BENCH_SANDI": sandi}, "-m", "bench.alur", "_siapkan")
    for b in keluaran.splitlines():
        if b.startswith(MARKER):
            return {**json.loads(b[len(MARKER) :]), "sandi": sandi}
    raise SystemExit(f"persiapan tidak melapor:\n{keluaran[-2000:]}")


def anak_siapkan() -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from penduduk.models import Penduduk
    from surat.models import PengaturanSurat

    User = get_user_model()
    u, _ = User.objects.get_or_create(username=USERNAME, defaults={"is_staff": True})
    u.is_staff = True
    u.set_password(os.environ["BENCH_SANDI"])
    u.save()
    u.groups.add(Group.objects.get(name="Operator"))
    PengaturanSurat.ambil()
    PengaturanSurat.objects.filter(pk=1).update(
        verifikasi_sekretaris=False, tanda_tangan_kepala_desa=False
    )
    ids = list(
        Penduduk.objects.filter(status_dasar=1).order_by("pk").values_list("pk", flat=True)[:200]
    )
    print(MARKER + json.dumps({"penduduk": ids}), flush=True)
    return 0


def _persen(nilai: list[float], p: float) -> float:
    urut = sorted(nilai)
    return urut[min(len(urut) - 1, round(p / 100 * (len(urut) - 1)))]


def run(args) -> int:
    beban = load_average()
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="alur-", dir=BENCH_VAR))
    env = env_pg(var_dir, PG_DATABASE, REDIS_URL=REDIS_URL)
    worker = None
    try:
        say(f"database {PG_DATABASE} dan Redis {REDIS_URL} dibuat ulang")
        _reset()
        say(f"migrate + isi_desa_demo --penduduk {args.penduduk}")
        siap = _siapkan(env, args)
        _jalankan(env, "manage.py", "collectstatic", "--noinput", "-v0")
        say("worker Celery --concurrency=1 (log tugas untuk waktu render)")
        log_worker = var_dir / "celery.log"
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sid", "worker", "--concurrency=1", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "-n", "bench-alur@%h"],
            cwd=BASE_DIR, env=env, stdout=log_worker.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        instance = Instance(env=env, var_dir=var_dir, database="postgres", cache="redis")
        with gunicorn(instance, args.workers) as port:
            master = _gunicorn_master(port)
            time.sleep(2)
            rss_awal = _ukur(master, worker.pid)
            c = Client(HOST, port)
            c.login(USERNAME, siap["sandi"])
            for pid in siap["penduduk"][:3]:  # warm-up: every gunicorn worker, the Celery worker
                alur_surat(c, pid)
            hasil = []
            for i in range(args.ulang):
                hasil.append(alur_surat(c, siap["penduduk"][3 + i % (len(siap["penduduk"]) - 3)]))
            say(f"{len(hasil)} surat diterbitkan lewat HTTP")
            for _ in range(args.putaran):
                for path in CAMPURAN:
                    r = c.request("GET", path)
                    if r.status != 200:
                        raise SystemExit(f"{path}: status {r.status}")
            rss_akhir = _ukur(master, worker.pid)
            c.close()
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    log_teks = (var_dir / "celery.log").read_text()
    render = [float(x) * 1000 for x in _RENDER.findall(log_teks)]
    render = render[3:]  # the warm-up letters
    di_worker = _diterima_sampai_selesai(log_teks)[3:]
    shutil.rmtree(var_dir, ignore_errors=True)
    total = [sum(h.values()) for h in hasil]
    per_langkah = {k: statistics.median(h[k] for h in hasil) for k in hasil[0]}
    ringkas = {
        "total_p50": statistics.median(total),
        "total_p95": _persen(total, 95),
        "langkah": per_langkah,
        "render_p50": statistics.median(render) if render else float("nan"),
        "render_p95": _persen(render, 95) if render else float("nan"),
        "worker_p50": statistics.median(di_worker) if di_worker else float("nan"),
        "rss_awal": rss_awal,
        "rss_akhir": rss_akhir,
        "ulang": len(hasil),
    }
    tulis_bagian("alur", tulis(ringkas, args, beban), no_write=args.no_write, say=say)
    return 0


def _diterima_sampai_selesai(log_teks: str) -> list[float]:
    """Per task, ms from the worker receiving the message to the task's end (its log lines)."""
    waktu: dict[str, dict[str, datetime.datetime]] = {}
    for cap, tugas, jenis in _BARIS_TUGAS.findall(log_teks):
        waktu.setdefault(tugas, {})[jenis] = datetime.datetime.strptime(cap, "%Y-%m-%d %H:%M:%S,%f")
    return [
        (w["succeeded"] - w["received"]).total_seconds() * 1000
        for w in waktu.values()
        if "received" in w and "succeeded" in w
    ]


def _ms(v: float) -> str:
    return f"{v:.0f}" if v >= 10 else f"{v:.1f}"


def tulis(h: dict, args, beban: float) -> str:
    web, kerja = h["rss_akhir"]["web"], h["rss_akhir"]["worker"]
    baris = [
        "<!-- bench:alur -->",
        "## Surat dari formulir sampai PDF, dan memori proses (`python -m bench.alur`)",
        "",
        f"Diukur {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · commit `{git_commit()}` · "
        f"PostgreSQL · {args.penduduk} penduduk demo · gunicorn {args.workers} worker (sync), "
        f"Celery 1 proses · Redis · {cpu_model()}, {os.cpu_count()} core, {ram_gb():.0f} GB RAM "
        f"(beban awal {beban:.2f}) · Python {sys.version.split()[0]} · Django {_version('django')}",
        "",
        "| Langkah (median dari " + str(h["ulang"]) + " surat) | ms |",
        "|---|--:|",
        *[f"| {k} | {_ms(v)} |" for k, v in h["langkah"].items()],
        f"| **Jumlah waktu server, median / p95** | **{_ms(h['total_p50'])} / {_ms(h['total_p95'])}** |",
        f"| Render PDF di worker Celery (hangat), median / p95 | {_ms(h['render_p50'])} / {_ms(h['render_p95'])} |",
        f"| Worker: pesan diterima sampai tugas selesai, median | {_ms(h['worker_p50'])} |",
        "",
        "| Proses | setelah mulai (MB) | setelah campuran permintaan (MB) |",
        "|---|--:|--:|",
        f"| RSS gunicorn worker (maks dari {len(web)}) | {max(h['rss_awal']['web']):.0f} | {max(web):.0f} |",
        f"| RSS Celery worker (induk + anak, maks) | {max(h['rss_awal']['worker']):.0f} | {max(kerja):.0f} |",
        f"| PSS gunicorn, jumlah master + {len(web)} worker | {h['rss_awal']['pss_web']:.0f} | {h['rss_akhir']['pss_web']:.0f} |",
        f"| PSS Celery, jumlah induk + anak | {h['rss_awal']['pss_worker']:.0f} | {h['rss_akhir']['pss_worker']:.0f} |",
        "",
        "RSS menghitung halaman yang dibagi dengan proses lain penuh di setiap proses; PSS "
        "membaginya, sehingga jumlahnya adalah memori yang benar-benar dipakai.",
        "",
        "Campuran sebelum pembacaan RSS: surat-surat di atas, lalu "
        f"{args.putaran} putaran dari: " + ", ".join(f"`{p}`" for p in CAMPURAN) + ".",
        "<!-- /bench:alur -->",
    ]
    return "\n".join(baris)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.langkah == "_siapkan":
        return anak_siapkan()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

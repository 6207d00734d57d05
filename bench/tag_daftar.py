"""`python -m bench.tag_daftar --penduduk 10000`: does `{% hasil_cepat %}` still pay for itself?

The tag (sid/admin_dalam.py) copies Django admin internals; it is kept only while it saves a
clear part of the resident list's server time (at least a tenth; docs/performance.md). This
measures the list with it and with Django's own `{% result_list %}` in its place, in one
Django process on PostgreSQL (database `sid_tag_bench`, recreated and filled with
`isi_desa_demo --penduduk N --seed 1`), DEBUG=0: the variant (the list's `change_list_template`) changes on every request, in rotating order,
so a busy machine slows every variant alike. Reported per variant: wall and CPU time of the
request (Django test client: middleware, view, queries, templates; no HTTP) and Python function
calls per request (cProfile; repeatable where times are not). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench import environment, system

PG_DATABASE = "sid_tag_bench"
MARKER = "BENCH_TAG "
HASIL = ("{% hasil_cepat cl %}", "{% result_list cl %}")
# page → (list path, shipped template, {variant: (our tag, Django's tag) pairs swapped back})
HALAMAN = {
    "Daftar penduduk": (
        "/admin/penduduk/penduduk/",
        "admin/penduduk/penduduk/change_list.html",
        {"dengan hasil_cepat": (), "result_list Django": (HASIL,)},
    ),
}


def anak(n: int) -> None:
    """Inside Django: measure every page's variants, print one JSON line."""
    import django
    from django.template import engines

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import resolve

    folder = Path(tempfile.mkdtemp(prefix="tag-daftar-"))
    engine = engines["django"].engine
    engine.dirs = [str(folder), *engine.dirs]  # the variants, under names of their own
    user = get_user_model().objects.filter(is_superuser=True).first()
    client = Client()
    client.force_login(user)
    hasil: dict = {}
    for judul, (path, asli, varian) in HALAMAN.items():
        sumber = (environment.BASE_DIR / "templates" / asli).read_text()
        nama = {}
        for i, (v, tukar) in enumerate(varian.items()):
            teks = sumber
            for tag_kita, tag_django in tukar:
                assert tag_kita in teks, (asli, tag_kita)
                teks = teks.replace(tag_kita, tag_django)
            (folder / f"bench-tag-{len(hasil)}{i}.html").write_text(teks)
            nama[v] = f"bench-tag-{len(hasil)}{i}.html" if tukar else asli
        model_admin = resolve(path).func.model_admin

        def minta(v: str, model_admin=model_admin, nama=nama, path=path) -> None:
            model_admin.change_list_template = nama[v]
            assert client.get(path).status_code == 200

        for v in varian:
            for _ in range(5):
                minta(v)
        wall: dict = {v: [] for v in varian}
        cpu: dict = {v: [] for v in varian}
        urutan = list(varian)
        for i in range(n):
            for j in range(len(urutan)):
                v = urutan[(i + j) % len(urutan)]
                t, c = time.perf_counter(), time.process_time()
                minta(v)
                wall[v].append((time.perf_counter() - t) * 1000)
                cpu[v].append((time.process_time() - c) * 1000)
        panggilan = {}
        for v in varian:
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(10):
                minta(v)
            prof.disable()
            panggilan[v] = pstats.Stats(prof).total_calls / 10
        hasil[judul] = {
            v: {
                "p50": statistics.median(wall[v]),
                "p95": sorted(wall[v])[int(0.95 * (n - 1))],
                "cpu": statistics.median(cpu[v]),
                "calls": panggilan[v],
            }
            for v in varian
        }
        model_admin.change_list_template = None
    print(MARKER + json.dumps(hasil), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.tag_daftar", description=__doc__)
    p.add_argument("--penduduk", type=int, default=10000)
    p.add_argument("--permintaan", type=int, default=150, help="per varian")
    p.add_argument("--anak", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.anak:
        anak(args.permintaan)
        return 0
    inst = environment.create_instance("postgres", redis=False)
    env = {
        **inst.env,
        "DATABASE_URL": f"{environment.PG_SERVER}/{PG_DATABASE}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # the test client's host
    }
    inst = replace(inst, env=env)
    try:
        import psycopg

        with psycopg.connect(f"{environment.PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        environment.manage(inst, "migrate", "--noinput", "-v0", timeout=900)
        environment.manage(inst, "collectstatic", "--noinput", "-v0", timeout=600)
        environment.manage(
            inst, "isi_desa_demo", "--penduduk", str(args.penduduk), "--seed", "1", timeout=1800
        )
        environment.manage(inst, "createsuperuser", "--noinput", "--username", "bench",
                           "--email", "bench@example.invalid", timeout=120)  # fmt: skip
        beban = system.load_average()
        keluaran = environment.python(
            inst, "-m", "bench.tag_daftar", "--anak", "--permintaan", str(args.permintaan),
            timeout=3600,
        )  # fmt: skip
    except environment.SetupError as exc:
        print(f"[bench] GAGAL: {exc}", file=sys.stderr)
        return 2
    finally:
        import shutil

        shutil.rmtree(inst.var_dir, ignore_errors=True)
    hasil = json.loads(keluaran.split(MARKER, 1)[1].splitlines()[0])
    print(f"\n{args.penduduk} penduduk (isi_desa_demo), {args.permintaan} permintaan per varian, "
          f"beban awal {beban:.2f}, commit {system.git_commit()}\n")  # fmt: skip
    print("| Halaman | Varian | p50 ms | p95 ms | CPU p50 ms | panggilan/permintaan |")
    print("|---|---|--:|--:|--:|--:|")
    for judul, varian in hasil.items():
        for v, r in varian.items():
            print(f"| {judul} | {v} | {r['p50']:.1f} | {r['p95']:.1f} | {r['cpu']:.1f} | "
                  f"{r['calls']:,.0f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
    sys.exit(main())

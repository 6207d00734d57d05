"""`python -m bench`: prepare a throw-away SID, run gunicorn, measure pages, write the report."""

from __future__ import annotations

import argparse
import secrets
import shutil
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from types import FrameType
from typing import Any

from bench import environment, report, system
from bench.environment import Instance
from bench.load import Credentials, Deadline, PageResult, close_workers, make_workers, run_page
from bench.pages import PAGES, Page, select
from bench.server import gunicorn

USERNAME = "bench"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Ukur kinerja halaman SID lewat HTTP (gunicorn)."
    )
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--requests", type=int, default=300, help="permintaan per halaman")
    parser.add_argument("--concurrency", type=int, default=4, help="klien serentak")
    parser.add_argument("--workers", type=int, default=2, help="worker gunicorn")
    parser.add_argument("--penduduk", type=int, default=0, help="jumlah penduduk data demo")
    parser.add_argument(
        "--artikel", type=int, default=0, help="jumlah artikel terbit untuk halaman website"
    )
    parser.add_argument("--pages", default="", help="daftar halaman, mis. login,dasbor")
    parser.add_argument("--redis", action="store_true", help="cache Redis (db 14), bukan locmem")
    parser.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    parser.add_argument("--max-minutes", type=float, default=60, help="batas waktu seluruh run")
    args = parser.parse_args(argv)
    for name in ("requests", "concurrency", "workers", "max_minutes"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_', '-')} harus lebih dari 0")
    if args.penduduk < 0:
        parser.error("--penduduk tidak boleh negatif")
    if args.artikel < 0:
        parser.error("--artikel tidak boleh negatif")
    try:
        args.selected = select(PAGES, args.pages)
    except ValueError as exc:
        parser.error(str(exc))
    return args


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through the `finally` that stops gunicorn


def prepare(instance: Instance, args: argparse.Namespace, deadline: Deadline) -> list[str]:
    """Database, migrations, static files, optional dataset. Returns notes for the report."""
    notes: list[str] = []
    if instance.database == "postgres":
        say(f"membuat ulang database {environment.PG_DATABASE}")
        environment.reset_postgres()
    say("migrate")
    environment.manage(instance, "migrate", "--noinput", "-v0", timeout=deadline.remaining())
    say("collectstatic")
    environment.manage(instance, "collectstatic", "--noinput", "-v0", timeout=600)
    if args.penduduk > 0:
        if environment.has_command(instance, "isi_desa_demo"):
            say(f"isi_desa_demo --penduduk {args.penduduk}")
            environment.manage(
                instance,
                "isi_desa_demo",
                "--penduduk",
                str(args.penduduk),
                "--seed",
                "1",
                timeout=deadline.remaining(),
            )
        else:
            note = f"Perintah isi_desa_demo belum ada: --penduduk {args.penduduk} diabaikan."
            say(note)
            notes.append(note)
    return notes


def resolve_paths(
    pages: Sequence[Page], lookups: dict[str, Any], notes: list[str]
) -> list[tuple[Page, str]]:
    """Fill `{id}` in paths from the seed lookups; skip pages whose lookup found nothing."""
    resolved = []
    for page in pages:
        if "{id}" not in page.path:
            resolved.append((page, page.path))
        elif lookups.get(page.key) is None:
            notes.append(f"'{page.title}' dilewati: datanya tidak ada ({page.lookup}).")
        else:
            resolved.append((page, page.path.format(id=lookups[page.key])))
    return resolved


def measure(
    instance: Instance,
    args: argparse.Namespace,
    targets: Sequence[tuple[Page, str]],
    creds: Credentials,
    deadline: Deadline,
) -> list[PageResult]:
    results: list[PageResult] = []
    with gunicorn(instance, args.workers) as port:
        say(f"gunicorn siap di 127.0.0.1:{port} ({args.workers} worker)")
        workers = make_workers(port, args.concurrency, [p for p, _ in targets], creds)
        try:
            for page, path in targets:
                count = page.requests or args.requests
                say(f"{page.title}: {page.method} {path} × {count}")
                result = run_page(workers, page, path, count, creds, deadline)
                results.append(result)
                s = result.summary
                say(f"  p50 {s.p50:.1f} ms · p95 {s.p95:.1f} ms · {s.rps:.1f} req/s")
                if s.errors:
                    say(f"  galat {s.errors}: {result.sample_error}")
        finally:
            close_workers(workers)
    return results


def run(args: argparse.Namespace) -> int:
    deadline = Deadline(args.max_minutes * 60)
    instance = environment.create_instance(args.database, args.redis)
    say(f"folder kerja {instance.var_dir}")
    try:
        return _run_in(instance, args, deadline)
    finally:
        shutil.rmtree(instance.var_dir, ignore_errors=True)


def _run_in(instance: Instance, args: argparse.Namespace, deadline: Deadline) -> int:
    load_before = system.load_average()  # before our own setup work adds to it
    notes = prepare(instance, args, deadline)
    creds = Credentials(USERNAME, secrets.token_urlsafe(18))
    lookups = {p.key: p.lookup for p in args.selected if p.lookup}
    if args.artikel:
        # bench.seed bulk-creates the published articles (konten.demo.buat_artikel_bench).
        instance = replace(instance, env={**instance.env, "BENCH_ARTIKEL": str(args.artikel)})
        notes.append(f"Website: {args.artikel} artikel terbit (konten.demo.buat_artikel_bench).")
    seeded = environment.seed(instance, creds.username, creds.password, lookups)
    targets = resolve_paths(args.selected, seeded["lookups"], notes)
    results = measure(instance, args, targets, creds, deadline)

    info = system.collect(
        database_key=args.database,
        database=seeded["database"],
        dataset_size=int(seeded["dataset_size"]),
        cache=instance.cache,
        workers=args.workers,
        concurrency=args.concurrency,
        requests=args.requests,
        load_before=load_before,
    )
    section = report.render_section(info, results, notes)
    print()
    print(section)
    print()
    if args.no_write:
        say("--no-write: docs/performance.md tidak diubah")
    else:
        report.write(section, report.section_key(info.database_key, info.dataset_size))
        say(f"hasil ditulis ke {report.DOC_PATH}")
    failed = [r for r in results if r.summary.errors]
    for result in failed:
        say(f"GALAT di '{result.page.title}': {result.summary.errors}× — {result.sample_error}")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return run(args)
    except (RuntimeError, TimeoutError) as exc:  # SetupError, LoginError, guard, warm-up
        print(f"[bench] GAGAL: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("[bench] dibatalkan (gunicorn sudah dihentikan)", file=sys.stderr)
        return 130

"""Rendering results and keeping docs/performance.md up to date (pure text functions)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from bench.load import PageResult
from bench.system import RunInfo

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "performance.md"

INTRO = """\
# Kinerja SID

Angka di bawah diukur oleh `bench/` lewat HTTP sungguhan terhadap gunicorn (DEBUG=0, static
lewat WhiteNoise), dengan database khusus yang dibuat ulang setiap kali dijalankan.

Cara menjalankan:

```sh
make bench                                  # PostgreSQL lokal, data kosong
make bench BENCH_ARGS="--penduduk 25000"    # dengan data demo (isi_desa_demo)
make bench BENCH_ARGS="--database sqlite"   # SQLite (konfigurasi demo bawaan)
make bench BENCH_ARGS="--pages dasbor,login --requests 1000 --redis"
```

Yang diukur: untuk setiap halaman, `n` permintaan dikirim oleh sejumlah klien serentak
(satu koneksi keep-alive per klien) setelah 20 permintaan pemanasan yang tidak dihitung.
Waktu = seluruh respons HTTP (kirim permintaan sampai body terakhir diterima); worker sync
gunicorn menutup koneksi setelah tiap respons, jadi sambungan TCP baru ikut terhitung.
p50/p95/p99 dalam milidetik, `req/s` = permintaan per detik pada konkurensi tersebut,
`galat` = respons dengan status tak terduga (bukan 200; 302 untuk login POST) atau tanpa
respons. Halaman back office diminta dengan sesi staf yang sudah login; "Login (POST)"
sengaja sedikit karena mencakup hash kata sandi yang memang lambat.

Klien pengukur berjalan di mesin yang sama dengan gunicorn; bila konkurensi melebihi jumlah
worker, waktu antre ikut terhitung. "Beban awal" (load average 1 menit saat run dimulai)
menunjukkan apakah mesin sedang sibuk dengan pekerjaan lain; angka dari mesin yang sibuk
bisa meleset beberapa kali lipat.

Target kinerja tiap halaman ditetapkan di issue masing-masing, bukan di sini. Setiap bagian
di bawah adalah satu konfigurasi (database, jumlah penduduk); menjalankan ulang konfigurasi
yang sama menggantikan bagiannya dan membiarkan bagian lain.
"""

_HEADER = (
    "| Halaman | URL | n | p50 ms | p95 ms | p99 ms | req/s | galat |\n"
    "|---|---|--:|--:|--:|--:|--:|--:|"
)
_ENGINE_TITLE = {"postgres": "PostgreSQL", "sqlite": "SQLite"}


def section_key(database: str, dataset_size: int) -> str:
    return f"{database}:{dataset_size}"


def _markers(key: str) -> tuple[str, str]:
    return f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"


def _number(value: float, digits: int = 1) -> str:
    return "–" if math.isnan(value) else f"{value:.{digits}f}"


def render_table(results: Sequence[PageResult]) -> str:
    rows = [_HEADER]
    for result in results:
        s = result.summary
        rows.append(
            f"| {result.page.title} | `{result.page.method} {result.path}` | {s.count} "
            f"| {_number(s.p50)} | {_number(s.p95)} | {_number(s.p99)} "
            f"| {_number(s.rps)} | {s.errors} |"
        )
    return "\n".join(rows)


def render_section(info: RunInfo, results: Sequence[PageResult], notes: Sequence[str]) -> str:
    """The block for one configuration, markers included."""
    start, end = _markers(section_key(info.database_key, info.dataset_size))
    engine = _ENGINE_TITLE.get(info.database_key, info.database_key)
    meta = (
        f"Diukur {info.date} · commit `{info.commit}` · {info.database} · "
        f"{info.dataset_size} penduduk · cache {info.cache} · "
        f"gunicorn {info.gunicorn} {info.workers} worker (sync) · konkurensi {info.concurrency} · "
        f"{info.cpu}, {info.cores} core, {info.ram_gb:.0f} GB RAM "
        f"(beban awal {_number(info.load_before, 2)}) · "
        f"Python {info.python} · Django {info.django}"
    )
    parts = [
        start,
        f"## {engine} · {info.dataset_size} penduduk",
        "",
        meta,
        "",
        render_table(results),
    ]
    if notes:
        parts += ["", "Catatan:", "", *[f"- {note}" for note in notes]]
    parts.append(end)
    return "\n".join(parts)


def replace_section(document: str, key: str, section: str) -> str:
    """Put `section` in place of the block with the same key, or append it at the end."""
    start, end = _markers(key)
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _: section, document, count=1)
    base = document.rstrip("\n")
    return f"{base}\n\n{section}\n" if base else f"{section}\n"


def write(section: str, key: str, path: Path = DOC_PATH) -> None:
    document = path.read_text(encoding="utf-8") if path.exists() else INTRO
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_section(document, key, section), encoding="utf-8")


def tulis_bagian(kunci: str, bagian: str, *, no_write: bool, say) -> None:
    """Print a bench's section and, unless --no-write, put it in docs/performance.md."""
    print()
    print(bagian)
    if no_write:
        say("--no-write: docs/performance.md tidak diubah")
        return
    dokumen = DOC_PATH.read_text(encoding="utf-8")
    DOC_PATH.write_text(replace_section(dokumen, kunci, bagian), encoding="utf-8")
    say(f"hasil ditulis ke {DOC_PATH}")

"""`python -m bench.pindah --penduduk 10000`: time the move of a whole village from OpenSID.

The backup is the reference one (shared/reference/opensid/cadangan-v2410) scaled up: its
families, residents and their event history are copied until the village has N residents
(each copy gets its own ids, NIKs and No. KKs, and its events are moved back by a few days per
copy, so the history spans a year); every other table is kept as it is. The copy is imported
into an empty village on PostgreSQL (database `sid_pindah_bench`, recreated every run) by
`manage.py`'s own code path in a fresh process, so the peak RSS is that of the import. Target
(issue 18): ≤ 60 s and ≤ 500 MB. The figures go to docs/performance.md between
`<!-- bench:pindah -->` markers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from bench import environment, report, system

PG_DATABASE = "sid_pindah_bench"
MARKER = "BENCH_PINDAH "
KUNCI = "pindah"
RUJUKAN = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "opensid" / "cadangan-v2410"
)
DIGANDAKAN = {"tweb_penduduk", "tweb_keluarga", "log_penduduk", "log_keluarga"}
GESER_HARI = 11  # each copy's events happen this many days earlier


def say(pesan: str) -> None:
    print(f"[bench.pindah] {pesan}", flush=True)


def _literal(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int | Decimal):
        return str(v)
    if isinstance(v, bytes):
        return "0x" + v.hex() if v else "''"
    s = str(v).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return "'" + s.replace("\0", "\\0") + "'"


def _nomor(nomor: str | None, salinan: int) -> str | None:
    """A copy's NIK / No. KK: digits 5–6 (the kecamatan) carry the copy number, so copies
    never collide with each other or with the original."""
    if not nomor or len(nomor) != 16 or not nomor.isdigit() or salinan == 0:
        return nomor
    return f"{nomor[:4]}{salinan % 100:02d}{nomor[6:]}"


def _geser(v, hari: int):
    if not isinstance(v, str) or len(v) < 10 or v.startswith("0000") or hari == 0:
        return v
    try:
        t = datetime.date.fromisoformat(v[:10]) - datetime.timedelta(days=hari)
    except ValueError:
        return v
    return t.isoformat() + v[10:]


def _salin(tabel: str, nilai: dict, salinan: int) -> dict:
    b = dict(nilai)
    geser = salinan * 100_000
    hari = salinan * GESER_HARI
    if tabel == "tweb_penduduk":
        b["id"] += geser
        b["id_kk"] = b["id_kk"] + geser if b.get("id_kk") else b.get("id_kk")
        for k in ("nik", "ayah_nik", "ibu_nik"):
            b[k] = _nomor(b.get(k), salinan)
    elif tabel == "tweb_keluarga":
        b["id"] += geser
        b["nik_kepala"] = b["nik_kepala"] + geser if b.get("nik_kepala") else b.get("nik_kepala")
        b["no_kk"] = _nomor(b.get("no_kk"), salinan)
    elif tabel == "log_penduduk":
        b["id"] += geser
        b["id_pend"] += geser
        b["no_kk"] = _nomor(b.get("no_kk"), salinan)
        for k in ("tgl_peristiwa", "tgl_lapor", "created_at"):
            b[k] = _geser(b.get(k), hari)
    elif tabel == "log_keluarga":
        b["id"] += geser
        b["id_kk"] += geser
        b["id_pend"] = b["id_pend"] + geser if b.get("id_pend") else b.get("id_pend")
        b["id_log_penduduk"] = None
        b["tgl_peristiwa"] = _geser(b.get("tgl_peristiwa"), hari)
    return b


def buat_cadangan(path: Path, penduduk: int) -> dict:
    """Write the scaled backup; returns its size and row counts."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from pindah.dump import Baris, Tabel, urai

    sumber = RUJUKAN / "opensid-v2410-sumberejo.sql"
    asli = sum(1 for e in urai(sumber) if isinstance(e, Baris) and e.tabel == "tweb_penduduk")
    salinan = max(1, -(-penduduk // asli))
    jumlah: dict[str, int] = {}
    with open(path, "w", encoding="utf-8") as f:
        kolom: dict[str, tuple[str, ...]] = {}
        for e in urai(sumber):
            if isinstance(e, Tabel):
                kolom[e.nama] = e.nama_kolom
                isi = ", ".join(f"`{k.nama}` {k.tipe}" for k in e.kolom)
                f.write(f"DROP TABLE IF EXISTS `{e.nama}`;\nCREATE TABLE `{e.nama}` ({isi});\n")
                continue
            daftar = range(salinan) if e.tabel in DIGANDAKAN else (0,)
            for s in daftar:
                b = _salin(e.tabel, e.nilai, s)
                nama = ", ".join(f"`{k}`" for k in b)
                nilai = ", ".join(_literal(v) for v in b.values())
                # S608: a dump file is written here, not a query run.
                f.write(f"INSERT INTO `{e.tabel}` ({nama}) VALUES ({nilai});\n")  # noqa: S608
                jumlah[e.tabel] = jumlah.get(e.tabel, 0) + 1
    return {"ukuran": path.stat().st_size, "salinan": salinan, "jumlah": jumlah}


# --- inside Django (child process) -----------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def anak_impor(path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
    import django

    django.setup()
    from penduduk.models import Penduduk, Peristiwa
    from pindah.jalankan import pindah_opensid

    awal = _rss_mb()
    mulai = time.monotonic()
    tahap: dict[str, float] = {}

    def kemajuan(teks: str, _persen: int) -> None:
        tahap.setdefault(teks, time.monotonic() - mulai)

    laporan = pindah_opensid(oleh=None, sumber=path, dry_run=False, kemajuan=kemajuan)
    detik = time.monotonic() - mulai
    print(
        MARKER
        + json.dumps(
            {
                "detik": detik,
                "rss_mb": _rss_mb(),
                "rss_awal_mb": awal,
                "penduduk": Penduduk.objects.count(),
                "peristiwa": Peristiwa.objects.count(),
                "ditolak": laporan.ditolak,
                "tahap": tahap,
            }
        ),
        flush=True,
    )


# --- the driver -------------------------------------------------------------------------------


def _instance() -> environment.Instance:
    inst = environment.create_instance("postgres", redis=False)
    return replace(inst, env={**inst.env, "DATABASE_URL": f"{environment.PG_SERVER}/{PG_DATABASE}"})


def _reset_db() -> None:
    import psycopg

    with psycopg.connect(
        f"{environment.PG_SERVER}/postgres", autocommit=True, connect_timeout=5
    ) as c:
        c.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {PG_DATABASE}")


def render(info: dict, buat: dict, hasil: dict) -> str:
    tahap: dict[str, float] = {}
    for nama, mulai in hasil["tahap"].items():  # "Membaca cadangan (5000 baris)": one step
        nama = nama.split(" (")[0].split(":")[0]
        tahap[nama] = min(mulai, tahap.get(nama, mulai))
    urutan = sorted(tahap.items(), key=lambda kv: kv[1])
    langkah = [
        f"| {nama} | {(urutan[i + 1][1] if i + 1 < len(urutan) else hasil['detik']) - mulai:.1f} |"
        for i, (nama, mulai) in enumerate(urutan)
    ]
    return "\n".join(
        [
            f"<!-- bench:{KUNCI} -->",
            "## Pindah dari OpenSID (issue 18)",
            "",
            f"Diukur {info['tanggal']} · commit `{info['commit']}` · PostgreSQL (database "
            f"`{PG_DATABASE}`, dibuat ulang) · {info['cpu']}, {info['cores']} core (beban awal "
            f"{info['beban']:.2f}) · `python -m bench.pindah {info['argumen']}`",
            "",
            "Target: cadangan OpenSID 10.000 penduduk dengan riwayat peristiwa setahun diimpor "
            "≤ 60 s dengan memori puncak ≤ 500 MB.",
            "",
            f"Cadangan uji: cadangan rujukan v2410 digandakan {buat['salinan']}× "
            f"({buat['ukuran'] / 1024 / 1024:.1f} MB; {buat['jumlah'].get('tweb_penduduk', 0)} "
            f"baris tweb_penduduk, {buat['jumlah'].get('log_penduduk', 0)} log_penduduk, "
            f"{buat['jumlah'].get('tweb_keluarga', 0)} tweb_keluarga).",
            "",
            "| Hasil | nilai |",
            "|---|--:|",
            f"| Waktu impor seluruhnya (proses baru, `pindah_opensid`) | **{hasil['detik']:.1f} s** |",
            f"| RSS puncak | **{hasil['rss_mb']:.0f} MB** (setelah Django dimuat: {hasil['rss_awal_mb']:.0f} MB) |",
            f"| Penduduk / peristiwa tersimpan | {hasil['penduduk']} / {hasil['peristiwa']} |",
            f"| Baris ditolak | {sum(hasil['ditolak'].values())} |",
            "",
            "| Tahap | s |",
            "|---|--:|",
            *langkah,
            "",
            f"<!-- /bench:{KUNCI} -->",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--anak"]:
        anak_impor(argv[1])
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.pindah", description=__doc__)
    parser.add_argument("--penduduk", type=int, default=10000)
    parser.add_argument("--no-write", action="store_true", help="jangan ubah docs/performance.md")
    args = parser.parse_args(argv)
    if not RUJUKAN.is_dir():
        say(f"cadangan rujukan tidak ada di {RUJUKAN}")
        return 1
    info = {
        "tanggal": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": system.git_commit(),
        "cpu": system.cpu_model(),
        "cores": os.cpu_count() or 0,
        "beban": os.getloadavg()[0],
        "argumen": " ".join(argv) or "(bawaan)",
    }
    inst = _instance()
    path = inst.var_dir / f"opensid-{args.penduduk}.sql"
    buat = buat_cadangan(path, args.penduduk)
    say(
        f"cadangan dibuat: {buat['ukuran'] / 1024 / 1024:.1f} MB, {buat['jumlah'].get('tweb_penduduk')} penduduk"
    )
    try:
        _reset_db()
        environment.manage(inst, "migrate", "--noinput", "--skip-checks", timeout=600)
        keluaran = environment.python(inst, "-m", "bench.pindah", "--anak", str(path), timeout=1800)
    except environment.SetupError as exc:
        say(f"GAGAL: {exc}")
        return 1
    hasil = next(
        (json.loads(b[len(MARKER) :]) for b in keluaran.splitlines() if b.startswith(MARKER)), None
    )
    if hasil is None:
        say(f"tidak ada hasil:\n{keluaran[-3000:]}")
        return 1
    say(f"impor: {hasil['detik']:.1f} s, {hasil['rss_mb']:.0f} MB, {hasil['penduduk']} penduduk")
    bagian = render(info, buat, hasil)
    print(bagian)
    if not args.no_write:
        path_doc: Path = report.DOC_PATH
        dokumen = path_doc.read_text(encoding="utf-8") if path_doc.exists() else report.INTRO
        path_doc.write_text(report.replace_section(dokumen, KUNCI, bagian), encoding="utf-8")
        say(f"ditulis ke {path_doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

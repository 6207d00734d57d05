"""The restore engine: check an archive (dry run), then replace the database and the files.

`periksa()` reads the whole archive (checksums, sizes, row counts), checks it against this
version of SID and describes what a restore would replace; it changes nothing. `pulihkan()`
reads the archive a second time (so a file changed since the check is caught too) and, in one
transaction, empties every backed-up table, loads the archive's rows with their ids, resets the
id sequences, checks every foreign key and compares each table's row count and content
fingerprint with the manifest. Any difference rolls everything back. Only after the commit are
the restored files swapped into MEDIA_ROOT and PRIVATE_ROOT.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython, RunSQL

import sid
from sid.cadangan import ArsipDitolak, CadanganGagal, arsip, database, sinyal
from sid.cadangan import berkas as berkas_mod
from sid.cadangan.arsip import AWALAN_BERKAS, AWALAN_DB, FORMAT_ARSIP, Anggota
from sid.lib.desa import lupakan_identitas_desa
from sid.lib.wilayah import lupakan_daftar_wilayah

MIGRASI_JADWAL = "_jadwal_cadangan_mingguan"  # suffix of the sid data migration


@dataclass
class Rencana:
    """What a restore of `path` would do (the dry run)."""

    path: Path
    manifest: dict[str, Any]
    tabel: list[dict[str, Any]] = field(default_factory=list)
    berkas: dict[str, dict[str, int]] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)
    lebih_lama: bool = False

    @property
    def dibuat(self) -> datetime.datetime | None:
        try:
            return datetime.datetime.fromisoformat(self.manifest.get("dibuat", ""))
        except ValueError:
            return None


def _versi(teks: str) -> tuple[int, ...]:
    try:
        return tuple(int(b) for b in str(teks).split(".")[:3])
    except ValueError:
        return (0,)


def periksa_kecocokan(manifest: dict[str, Any], using: str = "default") -> tuple[bool, list[str]]:
    """Refuse archives this SID cannot load. Returns (archive is older, warnings)."""
    if manifest.get("format", 0) > FORMAT_ARSIP:
        raise ArsipDitolak("Arsip dibuat oleh versi SID yang lebih baru; perbarui SID dulu.")
    if _versi(manifest.get("versi", "0")) > _versi(sid.__version__):
        raise ArsipDitolak(
            f"Arsip dibuat oleh versi SID yang lebih baru ({manifest.get('versi')}; di sini "
            f"{sid.__version__}). Perbarui SID terlebih dahulu, lalu pulihkan."
        )
    conn = connections[using]
    loader = MigrationLoader(conn, ignore_no_migrations=True)
    if MigrationExecutor(conn).migration_plan(loader.graph.leaf_nodes()):
        raise ArsipDitolak(
            "Basis data di sini belum dimigrasi penuh; jalankan 'python manage.py migrate' dulu."
        )
    dikenal = set(loader.disk_migrations) | set(loader.applied_migrations)
    for kunci, migrasi in loader.replacements.items():
        dikenal.add(kunci)
        dikenal.update(migrasi.replaces)
    arsip_migrasi = {(app, n) for app, nama in manifest.get("migrasi", {}).items() for n in nama}
    baru = sorted(arsip_migrasi - dikenal)
    if baru:
        contoh = ", ".join(f"{a}.{n}" for a, n in baru[:3])
        raise ArsipDitolak(
            f"Arsip dibuat oleh versi SID yang lebih baru: migrasi {contoh} tidak dikenal di "
            "sini. Perbarui SID terlebih dahulu, lalu pulihkan."
        )
    sekarang = set(loader.applied_migrations)
    hilang = sekarang - arsip_migrasi
    peringatan: list[str] = []
    if hilang:
        data = sorted(
            f"{a}.{n}"
            for a, n in hilang
            if (a, n) in loader.disk_migrations
            and any(
                isinstance(op, RunPython | RunSQL) for op in loader.disk_migrations[a, n].operations
            )
        )
        peringatan.append(
            f"Arsip berasal dari versi SID yang lebih lama ({len(hilang)} migrasi belum ada di "
            "arsip). Data dimuat ke skema sekarang; kolom baru diisi nilai bawaannya."
        )
        if data:
            peringatan.append(
                "Migrasi data berikut tidak dijalankan ulang atas data arsip: " + ", ".join(data)
            )
    per_label = database.model_per_label()
    for tabel in manifest.get("tabel", []):
        model = per_label.get(tabel.get("model"))
        if model is None:
            raise ArsipDitolak(
                f"Tabel {tabel.get('model')} di arsip tidak dikenal versi SID ini; arsip tidak "
                "dapat dipulihkan di sini."
            )
        medan = {f.attname: f for f in database.kolom(model)}
        asing = [k for k in tabel.get("kolom", []) if k not in medan]
        if asing:
            raise ArsipDitolak(
                f"Kolom {', '.join(asing)} pada tabel {tabel['model']} di arsip tidak dikenal "
                "versi SID ini; arsip tidak dapat dipulihkan di sini."
            )
        kurang = [f for a, f in medan.items() if a not in tabel.get("kolom", [])]
        if kurang and not hilang:
            raise ArsipDitolak(f"Kolom tabel {tabel['model']} di arsip tidak lengkap; arsip rusak.")
        for f in kurang:
            if not (f.has_default() or f.null or f.empty_strings_allowed):
                raise ArsipDitolak(
                    f"Kolom baru {tabel['model']}.{f.attname} tidak punya nilai bawaan; arsip "
                    "versi lama ini tidak dapat dipulihkan otomatis."
                )
    return bool(hilang), peringatan


def periksa(path: Path, *, kunci: str = "", using: str = "default") -> Rencana:
    """The dry run: verify the archive fully and describe the restore. Changes nothing."""
    hasil = arsip.baca(path, kunci=kunci)
    manifest = hasil.manifest
    lebih_lama, peringatan = periksa_kecocokan(manifest, using)
    per_label = database.model_per_label()
    di_arsip = {t["model"]: t for t in manifest.get("tabel", [])}
    sekarang = database.hitung_baris(per_label.values(), using)
    rencana = Rencana(path=path, manifest=manifest, peringatan=peringatan, lebih_lama=lebih_lama)
    for lbl, model in per_label.items():
        arsip_baris = di_arsip[lbl]["baris"] if lbl in di_arsip else 0
        rencana.tabel.append(
            {
                "model": lbl,
                "kelompok": database.nama_kelompok(model),
                "nama": database.nama_tabel(model),
                "sekarang": sekarang[lbl],
                "arsip": di_arsip[lbl]["baris"] if lbl in di_arsip else None,
                "selisih": arsip_baris - sekarang[lbl],
            }
        )
    for kunci_akar, akar in berkas_mod.akar_berkas().items():
        dari_arsip = manifest.get("berkas", {}).get(kunci_akar, {"jumlah": 0, "ukuran": 0})
        rencana.berkas[kunci_akar] = {
            "sekarang": berkas_mod.ringkas(akar),
            "arsip": dari_arsip,
            "folder": str(akar),
        }
    return rencana


def pulihkan(rencana: Rencana, *, kunci: str = "", pelaku: str, using: str = "default") -> dict:
    """Replace database and files with the archive's. All or nothing; see module docstring."""
    from django.contrib.contenttypes.models import ContentType

    models_ = database.model_dicadangkan()
    per_label = {database.label(m): m for m in models_}
    per_anggota = {t["berkas"]: t for t in rencana.manifest.get("tabel", [])}
    dimuat: dict[str, int] = {}
    penataan = berkas_mod.Penataan(uuid.uuid4().hex[:12])

    def olah(anggota: Anggota) -> None:
        if anggota.nama.startswith(AWALAN_DB):
            tabel = per_anggota.get(anggota.nama)
            if tabel is None:
                raise ArsipDitolak(f"Bagian {anggota.nama} tidak tercantum di manifest.")
            pemuat = database.Pemuat(per_label[tabel["model"]], tabel["kolom"], using)
            dimuat[tabel["model"]] = pemuat.muat(iter(anggota.sumber))
        elif anggota.nama.startswith(AWALAN_BERKAS):
            _, kunci_akar, relatif = anggota.nama.split("/", 2)
            penataan.tulis(kunci_akar, relatif, anggota.sumber, anggota.mtime)

    try:
        with transaction.atomic(using=using):
            database.kosongkan(models_, using)
            _akhiri_sesi(using)
            kedua = arsip.baca(rencana.path, kunci=kunci, olah=olah)
            if kedua.manifest != rencana.manifest:
                raise ArsipDitolak("Arsip berubah sejak diperiksa; pemulihan dibatalkan.")
            database.atur_ulang_urutan(models_, using)
            _sambung_ulang_log_cadangan(using)
            database.periksa_relasi(models_, using)
            terverifikasi = _verifikasi(rencana.manifest, per_label, using)
            ContentType.objects.clear_cache()
            if rencana.lebih_lama:
                _lengkapi_arsip_lama(rencana.manifest, using)
            _jadwal_berubah()
            ringkasan = {
                "arsip": str(rencana.path),
                "dibuat": rencana.manifest.get("dibuat"),
                "versi": rencana.manifest.get("versi"),
                "tabel": len(dimuat),
                "baris": sum(dimuat.values()),
                "berkas": penataan.jumlah,
                "ukuran_berkas": penataan.ukuran,
                "terverifikasi": terverifikasi,
                "lebih_lama": rencana.lebih_lama,
            }
            from sid.lib.audit import catat_aktivitas

            # The acting user may not exist in the restored data: record the name only.
            catat_aktivitas(
                oleh=None,
                pelaku=pelaku,
                aksi="cadangan_pulihkan",
                keterangan=(
                    f"Memulihkan arsip {rencana.path.name} (dibuat {ringkasan['dibuat']}): "
                    f"{ringkasan['baris']} baris dalam {ringkasan['tabel']} tabel, "
                    f"{ringkasan['berkas']} berkas."
                ),
            )
    except BaseException:
        penataan.batal()
        ContentType.objects.clear_cache()
        _kembalikan_urutan(models_, using)
        raise
    # Cached copies of restored rows (shared cache): drop them so every process re-reads.
    lupakan_identitas_desa()
    lupakan_daftar_wilayah()
    # The database is restored: other processes drop their caches, and the apps their cached
    # figures (the population statistics' version, through sinyal.pemulihan_selesai).
    sinyal.umumkan_pemulihan()
    penataan.pasang()
    return ringkasan


def _kembalikan_urutan(models_, using: str) -> None:
    """PostgreSQL sequences are not transactional: after a rollback, set them from the data
    that is back in place, or the next insert would reuse an id."""
    import logging

    try:
        database.atur_ulang_urutan(models_, using)
    except Exception:  # noqa: BLE001 - the original error matters more; log this one
        logging.getLogger("sid.cadangan").exception("Urutan id tidak dapat dikembalikan")


def _verifikasi(manifest: dict[str, Any], per_label: dict, using: str) -> dict[str, int]:
    """Row count and content fingerprint of every restored table against the manifest."""
    sidik_diperiksa = 0
    for tabel in manifest.get("tabel", []):
        model = per_label[tabel["model"]]
        sama_kolom = tabel["kolom"] == [f.attname for f in database.kolom(model)]
        if sama_kolom:
            jumlah, sidik = database.sidik_tabel(model, tabel["kolom"], using)
        else:
            jumlah, sidik = model._base_manager.using(using).count(), None
        if jumlah != tabel["baris"]:
            raise CadanganGagal(
                f"Verifikasi gagal: {tabel['model']} berisi {jumlah} baris setelah dimuat, "
                f"arsip {tabel['baris']}. Pemulihan dibatalkan; tidak ada yang diubah."
            )
        if sidik is not None and sidik != tabel.get("sidik"):
            raise CadanganGagal(
                f"Verifikasi gagal: isi {tabel['model']} setelah dimuat berbeda dari arsip. "
                "Pemulihan dibatalkan; tidak ada yang diubah."
            )
        sidik_diperiksa += sidik is not None
    kosong = set(per_label) - {t["model"] for t in manifest.get("tabel", [])}
    for lbl in kosong:
        if per_label[lbl]._base_manager.using(using).exists():  # pragma: no cover - defensive
            raise CadanganGagal(f"Verifikasi gagal: {lbl} tidak kosong.")
    return {"tabel": len(manifest.get("tabel", [])), "sidik": sidik_diperiksa}


def _akhiri_sesi(using: str) -> None:
    """Sessions are not restored: after a restore everyone signs in again (ids may differ)."""
    if apps.is_installed("django.contrib.sessions"):
        from django.contrib.sessions.models import Session

        Session.objects.using(using).all()._raw_delete(using)


def _sambung_ulang_log_cadangan(using: str) -> None:
    """Keep `LogCadangan.oleh` only where the restored user with that id has the same name."""
    from django.contrib.auth import get_user_model

    from sid.models import LogCadangan

    User = get_user_model()
    log = list(
        LogCadangan.objects.using(using).exclude(oleh=None).values_list("pk", "oleh_id", "pelaku")
    )
    if not log:
        return
    nama = dict(
        User._base_manager.using(using)
        .filter(pk__in={o for _p, o, _n in log})
        .values_list("pk", User.USERNAME_FIELD)
    )
    putus = [pk for pk, oleh_id, pelaku in log if nama.get(oleh_id) != pelaku]
    if putus:
        LogCadangan.objects.using(using).filter(pk__in=putus).update(oleh=None)


def _lengkapi_arsip_lama(manifest: dict[str, Any], using: str) -> None:
    """Older archive: what `migrate` would have added (content types, permissions, roles, the
    weekly backup job) is added now."""
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db=using)
    if not any(n.endswith(MIGRASI_JADWAL) for n in manifest.get("migrasi", {}).get("sid", [])):
        from sid.cadangan.jadwal import pastikan_jadwal_mingguan

        pastikan_jadwal_mingguan()


def _jadwal_berubah() -> None:
    """Tell a running beat (DatabaseScheduler) to reload the restored schedule."""
    if apps.is_installed("django_celery_beat"):
        from django_celery_beat.models import PeriodicTasks

        PeriodicTasks.update_changed()

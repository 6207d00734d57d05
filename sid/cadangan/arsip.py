"""The archive: one .tar.gz (optionally wrapped in `enkripsi`), written and read as a stream.

Members, in this order:
1. `format.json`: {"aplikasi": "sid", "format": 1} so a foreign or newer file is refused at once;
2. `db/<app_label>.<model>.jsonl`: one table each, in load order (see `database`);
3. `berkas/media/...` and `berkas/privat/...`: every file of MEDIA_ROOT and PRIVATE_ROOT;
4. `manifest.json`, last: versions, migration state, per-table rows and content fingerprint,
   SHA-256 and size of every other member.

The manifest is last because member checksums are computed while the members are streamed
into the archive (each file is read once). Every reader verifies the whole archive anyway, so
reading the manifest at the end costs nothing extra.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sid.cadangan import ArsipDitolak
from sid.cadangan.enkripsi import PembacaTerenkripsi, PenulisTerenkripsi, terenkripsi

FORMAT_ARSIP = 1
NAMA_FORMAT = "format.json"
NAMA_MANIFEST = "manifest.json"
AWALAN_DB = "db/"
AWALAN_BERKAS = "berkas/"
AKAR_BERKAS = ("media", "privat")
TINGKAT_GZIP = 6
BLOK = 1024 * 1024
BATAS_MANIFEST = 512 * 1024 * 1024

PESAN_BUKAN_ARSIP = "Berkas ini bukan arsip cadangan SID (format .tar.gz dari SID tidak dikenali)."
PESAN_RUSAK = (
    "Arsip rusak atau terpotong (tidak dapat dibaca sampai akhir); tidak ada yang diubah. "
    "Pakai salinan lain dari cadangan ini."
)


class _Penghitung:
    """Write-through wrapper counting bytes and hashing the finished archive file."""

    def __init__(self, tujuan: IO[bytes]) -> None:
        self.tujuan = tujuan
        self.ukuran = 0
        self.sha = hashlib.sha256()

    def write(self, data) -> int:
        self.tujuan.write(data)
        self.sha.update(data)
        self.ukuran += len(data)
        return len(data)

    def flush(self) -> None:
        self.tujuan.flush()


class _BacaHash:
    """Read wrapper hashing what tarfile copies into the archive."""

    def __init__(self, sumber: IO[bytes]) -> None:
        self.sumber = sumber
        self.sha = hashlib.sha256()
        self.ukuran = 0

    def read(self, n: int = -1) -> bytes:
        data = self.sumber.read(n)
        self.sha.update(data)
        self.ukuran += len(data)
        return data


# Already-compressed formats are stored (gzip level 0): deflating them again costs ~10x the
# time for no gain. Everything else (the database parts, text) is compressed.
SUDAH_TERMAMPAT = {
    ".7z", ".avif", ".bz2", ".docx", ".gif", ".gz", ".heic", ".jpeg", ".jpg", ".mp3", ".mp4",
    ".odp", ".ods", ".odt", ".pdf", ".png", ".pptx", ".rar", ".webm", ".webp", ".xlsx", ".xz",
    ".zip", ".zst",
}  # fmt: skip


def tingkat_untuk(nama: str) -> int:
    return 0 if PurePosixPath(nama).suffix.lower() in SUDAH_TERMAMPAT else TINGKAT_GZIP


class _GzipBertingkat:
    """Gzip output as a series of gzip members, so each part gets a fitting level.

    Concatenated members are one valid .gz stream (RFC 1952; `gzip -d`, `tar xzf` and Python
    read them as one), so the archive stays a plain .tar.gz.
    """

    def __init__(self, tujuan) -> None:
        self._tujuan = tujuan
        self._gz: gzip.GzipFile | None = None
        self.tingkat: int | None = None

    def atur(self, tingkat: int) -> None:
        if tingkat == self.tingkat:
            return
        if self._gz is not None:
            self._gz.close()  # ends this gzip member; the target stays open
        self._gz = gzip.GzipFile(fileobj=self._tujuan, mode="wb", compresslevel=tingkat, mtime=0)
        self.tingkat = tingkat

    def write(self, data) -> int:
        return self._gz.write(data)

    def flush(self) -> None:
        self._gz.flush()

    def close(self) -> None:
        if self._gz is not None:
            self._gz.close()


class PenulisArsip:
    """Streams members into a new archive file; `tutup(manifest)` finishes it."""

    def __init__(self, path: Path, *, kunci: str = "") -> None:
        self.path = path
        self._berkas = open(path, "xb")  # noqa: SIM115 - closed in tutup()/batal()
        os.chmod(path, 0o600)  # backups hold NIKs
        self._hitung = _Penghitung(self._berkas)
        self._enkripsi = PenulisTerenkripsi(self._hitung, kunci) if kunci else None
        self._gz = _GzipBertingkat(self._enkripsi or self._hitung)
        self._gz.atur(TINGKAT_GZIP)
        self._tar = tarfile.open(fileobj=self._gz, mode="w|", format=tarfile.PAX_FORMAT)  # noqa: SIM115
        self.bagian: dict[str, dict[str, Any]] = {}
        self.terenkripsi = bool(kunci)

    def tambah(self, nama: str, sumber: IO[bytes], ukuran: int, mtime: float = 0) -> str:
        """Copy exactly `ukuran` bytes from `sumber` into member `nama`; returns its SHA-256."""
        if nama in self.bagian:
            raise ValueError(f"anggota ganda: {nama}")
        info = tarfile.TarInfo(nama)
        info.size = ukuran
        info.mtime = int(mtime)
        info.mode = 0o600
        baca = _BacaHash(sumber)
        self._gz.atur(tingkat_untuk(nama))
        try:
            self._tar.addfile(info, baca)
        except OSError as exc:
            if "unexpected end of data" in str(exc):
                raise OSError(f"berkas {nama} berubah (memendek) saat dicadangkan") from exc
            raise
        self._tar.members.clear()  # tarfile keeps every TarInfo otherwise: memory grows
        sha = baca.sha.hexdigest()
        self.bagian[nama] = {"sha256": sha, "ukuran": ukuran}
        return sha

    def tambah_bytes(self, nama: str, data: bytes) -> str:
        return self.tambah(nama, io.BytesIO(data), len(data))

    def tambah_berkas(self, nama: str, path: Path) -> str:
        with open(path, "rb") as sumber:
            st = os.fstat(sumber.fileno())
            return self.tambah(nama, sumber, st.st_size, st.st_mtime)

    def tutup(self, manifest: dict[str, Any]) -> tuple[int, str]:
        """Write the manifest, close every layer, fsync. Returns (file size, file SHA-256)."""
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(NAMA_MANIFEST)
        info.size = len(data)
        info.mode = 0o600
        self._gz.atur(TINGKAT_GZIP)
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        self._gz.close()
        if self._enkripsi is not None:
            self._enkripsi.close()
        self._berkas.flush()
        os.fsync(self._berkas.fileno())
        self._berkas.close()
        return self._hitung.ukuran, self._hitung.sha.hexdigest()

    def batal(self) -> None:
        """Close without finishing and remove the partial file."""
        for lapisan in (self._tar, self._gz, self._enkripsi, self._berkas):
            try:
                if lapisan is not None:
                    lapisan.close()
            except Exception:  # noqa: BLE001, S110 - best effort on an already failed write
                pass
        self.path.unlink(missing_ok=True)


@contextmanager
def buka(path: Path, *, kunci: str = "") -> Iterator[tuple[tarfile.TarFile, IO[bytes]]]:
    """Open an archive for one sequential pass: yields (tar stream, decompressed stream).

    Damage surfaces as `ArsipDitolak` with a clear message, whatever layer notices it.
    """
    try:
        berkas = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise ArsipDitolak(f"Arsip tidak dapat dibuka: {exc.strerror or exc}.") from exc
    try:
        awal = berkas.read(8)
        berkas.seek(0)
        if terenkripsi(awal):
            if not kunci:
                raise ArsipDitolak(
                    "Arsip ini terenkripsi; isi SID_CADANGAN_KUNCI dengan kunci yang dipakai saat "
                    "cadangan dibuat, lalu ulangi."
                )
            sumber: IO[bytes] = io.BufferedReader(PembacaTerenkripsi(berkas, kunci), BLOK)
        elif awal[:2] == b"\x1f\x8b":
            sumber = berkas
        else:
            raise ArsipDitolak(PESAN_BUKAN_ARSIP)
        gz = gzip.GzipFile(fileobj=sumber, mode="rb")
        try:
            tar = tarfile.open(fileobj=gz, mode="r|")  # noqa: SIM115
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            raise ArsipDitolak(PESAN_BUKAN_ARSIP) from exc
        try:
            yield tar, gz
        except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise ArsipDitolak(PESAN_RUSAK) from exc
    finally:
        berkas.close()


def habiskan(gz: IO[bytes]) -> None:
    """Read the compressed stream to its end: checks the gzip CRC and refuses trailing data."""
    try:
        while gz.read(BLOK):
            pass
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        raise ArsipDitolak(PESAN_RUSAK) from exc


def nama_aman(nama: str) -> bool:
    """A member name that can only land inside its target folder."""
    if not nama or "\\" in nama or "\x00" in nama:
        return False
    p = PurePosixPath(nama)
    return not p.is_absolute() and ".." not in p.parts and "." not in p.parts and nama == str(p)


def _periksa_nama(anggota: tarfile.TarInfo, terlihat: set[str]) -> None:
    nama = anggota.name
    if not anggota.isreg() or not nama_aman(nama) or nama in terlihat:
        raise ArsipDitolak(f"Arsip berisi anggota yang tidak sah ({nama!r}); arsip ditolak.")
    if nama in (NAMA_FORMAT, NAMA_MANIFEST):
        return
    if nama.startswith(AWALAN_DB) and nama.endswith(".jsonl") and nama.count("/") == 1:
        return
    bagian = nama.split("/")
    if len(bagian) >= 3 and bagian[0] == "berkas" and bagian[1] in AKAR_BERKAS:
        return
    raise ArsipDitolak(f"Arsip berisi anggota yang tidak dikenal ({nama!r}); arsip ditolak.")


def baca_format(data: bytes) -> dict[str, Any]:
    try:
        info = json.loads(data)
    except ValueError:
        raise ArsipDitolak(PESAN_BUKAN_ARSIP) from None
    if not isinstance(info, dict) or info.get("aplikasi") != "sid":
        raise ArsipDitolak(PESAN_BUKAN_ARSIP)
    if not isinstance(info.get("format"), int) or info["format"] > FORMAT_ARSIP:
        raise ArsipDitolak(
            f"Arsip dibuat oleh versi SID yang lebih baru (format arsip {info.get('format')}, "
            f"versi {info.get('versi', '?')}); perbarui SID terlebih dahulu."
        )
    return info


@dataclass
class Anggota:
    """A member as a reader sees it: name, stream (only valid inside the callback)."""

    nama: str
    ukuran: int
    mtime: int
    sumber: IO[bytes]


@dataclass
class HasilBaca:
    manifest: dict[str, Any]
    bagian: dict[str, dict[str, Any]] = field(default_factory=dict)
    baris: dict[str, int] = field(default_factory=dict)


class _SumberHash:
    """Read wrapper for a member: hashes and counts bytes and newlines as they are read."""

    def __init__(self, sumber: IO[bytes], hitung_baris: bool) -> None:
        self.sumber = sumber
        self.sha = hashlib.sha256()
        self.ukuran = 0
        self.baris = 0
        self._hitung_baris = hitung_baris

    def read(self, n: int = -1) -> bytes:
        data = self.sumber.read(n)
        self.sha.update(data)
        self.ukuran += len(data)
        if self._hitung_baris:
            self.baris += data.count(b"\n")
        return data

    def readline(self, n: int = -1) -> bytes:
        data = self.sumber.readline(n)
        self.sha.update(data)
        self.ukuran += len(data)
        self.baris += data.count(b"\n")
        return data

    def __iter__(self):
        while line := self.readline():
            yield line

    def habiskan(self) -> None:
        while self.read(BLOK):
            pass


def baca(
    path: Path,
    *,
    kunci: str = "",
    olah: Callable[[Anggota], None] | None = None,
) -> HasilBaca:
    """One full pass: check every member against the manifest; `olah` may consume each member.

    Returns the manifest only when the archive is complete and every checksum, size and
    row count matches. Raises `ArsipDitolak` otherwise.
    """
    terlihat: set[str] = set()
    hasil = HasilBaca(manifest={})
    manifest_data: bytes | None = None
    with buka(path, kunci=kunci) as (tar, gz):
        for anggota in tar:
            if not terlihat and anggota.name != NAMA_FORMAT:
                raise ArsipDitolak(PESAN_BUKAN_ARSIP)
            _periksa_nama(anggota, terlihat)
            terlihat.add(anggota.name)
            if manifest_data is not None:
                raise ArsipDitolak("Arsip berisi data setelah manifest; arsip ditolak.")
            sumber = tar.extractfile(anggota)
            if sumber is None:  # pragma: no cover - isreg() checked above
                raise ArsipDitolak(PESAN_RUSAK)
            if anggota.name == NAMA_MANIFEST:
                if anggota.size > BATAS_MANIFEST:
                    raise ArsipDitolak(PESAN_RUSAK)
                manifest_data = sumber.read()
                continue
            hash_sumber = _SumberHash(sumber, anggota.name.startswith(AWALAN_DB))
            if anggota.name == NAMA_FORMAT:
                baca_format(hash_sumber.read(64 * 1024))
            elif olah is not None:
                olah(Anggota(anggota.name, anggota.size, int(anggota.mtime), hash_sumber))
            hash_sumber.habiskan()
            hasil.bagian[anggota.name] = {
                "sha256": hash_sumber.sha.hexdigest(),
                "ukuran": hash_sumber.ukuran,
            }
            if anggota.name.startswith(AWALAN_DB):
                hasil.baris[anggota.name] = hash_sumber.baris
            tar.members.clear()  # keep memory flat however many members
        habiskan(gz)
    if not hasil.bagian:
        raise ArsipDitolak(PESAN_BUKAN_ARSIP)
    if manifest_data is None:
        raise ArsipDitolak(
            "Arsip tidak lengkap: manifest tidak ditemukan (arsip terpotong atau belum selesai "
            "ditulis); tidak ada yang diubah."
        )
    try:
        hasil.manifest = json.loads(manifest_data)
    except ValueError:
        raise ArsipDitolak(PESAN_RUSAK) from None
    cocokkan(hasil)
    return hasil


def cocokkan(hasil: HasilBaca) -> None:
    """Compare what was read with what the manifest promises."""
    m = hasil.manifest
    if not isinstance(m, dict) or not isinstance(m.get("bagian"), dict):
        raise ArsipDitolak(PESAN_RUSAK)
    janji = m["bagian"]
    hilang = sorted(set(janji) - set(hasil.bagian))
    lebih = sorted(set(hasil.bagian) - set(janji))
    if hilang or lebih:
        contoh = ", ".join((hilang + lebih)[:3])
        raise ArsipDitolak(
            f"Isi arsip tidak sesuai manifest ({len(hilang)} bagian hilang, {len(lebih)} bagian "
            f"tak terdaftar, mis. {contoh}); arsip telah diubah atau rusak."
        )
    for nama, terbaca in hasil.bagian.items():
        harap = janji[nama]
        if harap.get("sha256") != terbaca["sha256"] or harap.get("ukuran") != terbaca["ukuran"]:
            raise ArsipDitolak(
                f"Checksum tidak cocok untuk {nama}: arsip telah diubah atau rusak; "
                "tidak ada yang diubah."
            )
    for tabel in m.get("tabel", []):
        nama = tabel.get("berkas")
        if nama not in hasil.baris or hasil.baris[nama] != tabel.get("baris"):
            raise ArsipDitolak(
                f"Jumlah baris {tabel.get('model')} di arsip ({hasil.baris.get(nama)}) tidak "
                f"sama dengan manifest ({tabel.get('baris')}); arsip rusak."
            )

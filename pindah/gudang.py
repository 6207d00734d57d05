"""The backup's rows, spooled once to a temporary SQLite file so the mappers can read the
tables in the order they need (the dump is in alphabetical order) in bounded memory.

Only the tables some mapper reads are kept; every table is counted, so the preview can name
what is not carried.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from pindah.dump import Baris, Tabel, urai

BATCH = 2000


class Gudang:
    def __init__(self) -> None:
        # The sqlite3 module (~1 MB) loads only when a backup is read, not in every process
        # that imports the pindah screens (docs/architecture.md).
        import sqlite3

        berkas, self._jalur = tempfile.mkstemp(prefix="sid-pindah-", suffix=".sqlite3")
        os.close(berkas)
        self._db = sqlite3.connect(self._jalur)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE baris (tabel TEXT NOT NULL, data BLOB NOT NULL)")
        self.kolom: dict[str, tuple[str, ...]] = {}
        self.jumlah: dict[str, int] = {}
        self._disimpan: set[str] = set()

    def __enter__(self) -> Gudang:
        return self

    def __exit__(self, *exc) -> None:
        self.tutup()

    def tutup(self) -> None:
        self._db.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._jalur)

    def isi(
        self,
        sumber: str | os.PathLike | IO[bytes],
        simpan: Iterable[str],
        laporan: Callable[[int], None] | None = None,
    ) -> None:
        """One streaming pass: count every table, keep the rows of the tables in `simpan`.
        `laporan(n)` is told the number of rows read now and then."""
        simpan = set(simpan)
        antre: list[tuple[str, bytes]] = []
        dibaca = 0
        for e in urai(sumber):
            if isinstance(e, Tabel):
                self.kolom[e.nama] = e.nama_kolom
                self.jumlah.setdefault(e.nama, 0)
                continue
            assert isinstance(e, Baris)
            self.jumlah[e.tabel] = self.jumlah.get(e.tabel, 0) + 1
            dibaca += 1
            if e.tabel in simpan:
                antre.append((e.tabel, pickle.dumps(e.nilai, protocol=5)))
                if len(antre) >= BATCH:
                    self._tulis(antre)
            if laporan and dibaca % 5000 == 0:
                laporan(dibaca)
        self._tulis(antre)
        self._db.execute("CREATE INDEX baris_tabel ON baris (tabel)")
        self._db.commit()

    def _tulis(self, antre: list[tuple[str, bytes]]) -> None:
        self._disimpan.update(t for t, _ in antre)
        self._db.executemany("INSERT INTO baris (tabel, data) VALUES (?, ?)", antre)
        antre.clear()

    def ada(self, tabel: str) -> bool:
        return tabel in self.kolom

    def baris(self, tabel: str) -> Iterator[dict]:
        """The rows of a kept table, in dump order (an empty table or a missing one: none)."""
        if tabel not in self._disimpan:
            return iter(())
        kursor = self._db.execute("SELECT data FROM baris WHERE tabel = ? ORDER BY rowid", (tabel,))
        # S301: the spool is this process's own temporary file, written by `isi` above.
        return (pickle.loads(d) for (d,) in kursor)  # noqa: S301

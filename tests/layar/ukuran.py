"""The harness's size, printed at the end of the run (conftest.pytest_terminal_summary)."""

from collections import Counter

UKURAN: Counter = Counter()
PERAN: set[str] = set()


def ringkasan() -> list[str]:
    u = UKURAN
    if not u:
        return []
    return [
        f"Layar: {u['pola']} pola URL, {u['halaman']} halaman dengan data nyata, "
        f"{len(PERAN)} peran (termasuk superuser, warga, staf hub, anonim): "
        f"{u['permintaan_halaman']} halaman dibuka.",
        f"Formulir: {u['formulir']} dikirim kembali apa adanya, {u['formulir_ubah']} formulir ubah "
        f"disimpan, {u['kolom_diubah']} kolom diubah dan tampil, {u['isian_buruk']} kiriman isian "
        f"buruk, {u['alamat_buruk']} alamat/pencarian buruk.",
    ]

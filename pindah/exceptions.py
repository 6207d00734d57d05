"""Why an uploaded OpenSID backup is refused; every message is for the operator (Indonesian)."""

SARAN = "Unduh ulang cadangan dari OpenSID (Pengaturan → Database → Backup) lalu coba lagi."


class CadanganDitolak(Exception):
    """The uploaded backup cannot be used."""


class BukanCadanganOpenSID(CadanganDitolak):
    """Not an SQL dump at all: an image, a spreadsheet, a ZIP without a .sql file, random text."""


class DumpRusak(CadanganDitolak):
    """An SQL dump, but cut short or damaged; `nomor_baris` is the approximate line."""

    def __init__(self, pesan: str, nomor_baris: int | None = None):
        super().__init__(pesan)
        self.nomor_baris = nomor_baris

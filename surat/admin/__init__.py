"""Back office of the letter services (registered with the admin on import)."""

from surat.admin import jenis, pengaturan, surat  # noqa: F401

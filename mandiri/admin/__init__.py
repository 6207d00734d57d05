"""Back office of Layanan Mandiri: accounts, letter requests, complaints."""

from mandiri.admin import akun, pengaduan, permohonan  # noqa: F401 - registers the admins

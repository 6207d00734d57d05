from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SidConfig(AppConfig):
    default = True
    name = "sid"
    verbose_name = "Pengaturan Desa"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from sid import dasbor, peran
        from sid.cadangan import checks, sinyal  # noqa: F401 - registers the system check
        from sid.cadangan.dasbor import kartu_cadangan

        # Pillow decodes no image larger than the largest upload limit (sid.lib.berkas).
        from sid.lib.berkas import pasang_batas_pillow

        pasang_batas_pillow()
        # Keep role permissions in step with every app's models after each migrate.
        post_migrate.connect(peran.sinkronkan_peran_setelah_migrasi)
        # Embedded default (no beat): the web process keeps the weekly backup schedule.
        from django.core.signals import request_finished

        from sid.cadangan.tertanam import periksa_setelah_permintaan

        request_finished.connect(periksa_setelah_permintaan, dispatch_uid="sid-cadangan-tertanam")
        # Backup status (administrators only): a failed or missing weekly backup shows here.
        dasbor.daftar(kartu_cadangan, urutan=5)
        # After a restore, other processes drop their content-type cache (sid.cadangan.sinyal).
        sinyal.pasang()
        # The cached dusun/RW/RT list (filters, pickers) follows every change of the tree.
        from sid.lib.wilayah import lupakan_daftar_wilayah

        post_save.connect(
            lupakan_daftar_wilayah, sender="sid.Wilayah", dispatch_uid="wilayah-simpan"
        )
        post_delete.connect(
            lupakan_daftar_wilayah, sender="sid.Wilayah", dispatch_uid="wilayah-hapus"
        )


class SidAdminConfig(admin_apps.AdminConfig):
    """Django's admin with SID's own site (branding, dashboard, task-grouped navigation)."""

    default = False
    default_site = "sid.admin_site.SitusAdminSID"

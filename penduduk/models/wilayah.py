"""Who heads a dusun / RW / RT, as a resident of the register."""

from __future__ import annotations

from django.db import models

from penduduk.models.penduduk import Penduduk


class KepalaWilayah(models.Model):
    """The resident who is kepala dusun / ketua RW / ketua RT of an area.

    The area itself is the core app's (`sid.Wilayah`, which keeps the head's name as text in
    `kepala_nama` for printouts); the link to a resident lives here, with the register, because
    `sid` depends on no domain app. At most one per area; deleting the resident removes it.
    """

    wilayah = models.OneToOneField(
        "sid.Wilayah",
        verbose_name="wilayah",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="kepala",
    )
    penduduk = models.ForeignKey(
        Penduduk,
        verbose_name="kepala (penduduk)",
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = "kepala wilayah"
        verbose_name_plural = "kepala wilayah"

    def __str__(self) -> str:
        return f"{self.penduduk.nama} — {self.wilayah}"

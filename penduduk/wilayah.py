"""Counts per wilayah (families and living residents by sex), rolled up Dusun ← RW ← RT.

Two grouped queries whatever the number of wilayah; used by the wilayah list in the back
office. Lives in `penduduk` because `sid` never imports a domain app.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from keluarga.models import Keluarga
from penduduk.models import Penduduk
from sid import kode
from sid.models import Wilayah


def hitung_per_wilayah() -> dict[int, dict[str, int]]:
    leluhur = {
        w["pk"]: {w["pk"], w["dusun_id"], w["rw_id"]} - {None}
        for w in Wilayah.objects.values("pk", "dusun_id", "rw_id")
    }
    hasil: dict[int, dict[str, int]] = defaultdict(lambda: {"kk": 0, "l": 0, "p": 0})
    for row in (
        Penduduk.objects.hidup()
        .values("wilayah_id", "jenis_kelamin")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        kunci = "l" if row["jenis_kelamin"] == kode.JenisKelamin.LAKI_LAKI else "p"
        for w in leluhur.get(row["wilayah_id"], ()):
            hasil[w][kunci] += row["n"]
    for row in Keluarga.objects.aktif().values("wilayah_id").annotate(n=Count("pk")).order_by():
        for w in leluhur.get(row["wilayah_id"], ()):
            hasil[w]["kk"] += row["n"]
    return hasil

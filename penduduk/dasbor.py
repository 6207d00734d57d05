"""The population card on the back-office dashboard (3 queries)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from keluarga.models import Keluarga
from penduduk.models import Penduduk
from penduduk.selectors_keluarga import keluarga_perlu_kepala
from sid import kode
from sid.dasbor import Angka, Kartu


def kartu_penduduk(request):
    if not request.user.has_perm("penduduk.view_penduduk"):
        return None
    jk = kode.JenisKelamin
    angka = Penduduk.objects.hidup().aggregate(
        total=Count("pk"),
        l=Count("pk", filter=Q(jenis_kelamin=jk.LAKI_LAKI)),
        p=Count("pk", filter=Q(jenis_kelamin=jk.PEREMPUAN)),
        sementara=Count("pk", filter=Q(nik__startswith="0")),
    )
    jumlah_kk = Keluarga.objects.aktif().count()
    perlu_kepala = keluarga_perlu_kepala().count()
    daftar = reverse("admin:penduduk_penduduk_changelist")
    kartu = Kartu(
        judul="Kependudukan",
        angka=[
            Angka("penduduk hidup", angka["total"], daftar),
            Angka("laki-laki", angka["l"], f"{daftar}?jenis_kelamin__exact=1"),
            Angka("perempuan", angka["p"], f"{daftar}?jenis_kelamin__exact=2"),
            Angka("keluarga (KK)", jumlah_kk, reverse("admin:keluarga_keluarga_changelist")),
        ],
        pintasan=[
            ("Cari penduduk", daftar),
            ("Keluarga", reverse("admin:keluarga_keluarga_changelist")),
        ],
    )
    if request.user.has_perm("penduduk.change_penduduk"):
        kartu.pintasan.append(("Pindah masuk", reverse("admin:penduduk_penduduk_pindah_masuk")))
    if perlu_kepala:
        kartu.peringatan.append(f"{perlu_kepala} keluarga perlu kepala keluarga baru.")
    if angka["sementara"]:
        kartu.angka.append(Angka("NIK sementara", angka["sementara"], f"{daftar}?nik_sementara=ya"))
    return kartu

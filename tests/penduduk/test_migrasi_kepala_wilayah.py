"""The area heads survive the move from sid.Wilayah.kepala to penduduk.KepalaWilayah."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEBELUM = [("sid", "0005_jadwal_cadangan_mingguan"), ("penduduk", "0008_hapus_indeks_nik_ganda")]
SESUDAH = [("sid", "0006_hapus_kepala_wilayah"), ("penduduk", "0010_salin_kepala_wilayah")]


@pytest.mark.django_db(transaction=True)
def test_kepala_wilayah_disalin_ke_penduduk():
    executor = MigrationExecutor(connection)
    executor.migrate(SEBELUM)
    lama = executor.loader.project_state(SEBELUM).apps
    Wilayah = lama.get_model("sid", "Wilayah")
    Penduduk = lama.get_model("penduduk", "Penduduk")
    Keluarga = lama.get_model("keluarga", "Keluarga")
    dusun = Wilayah.objects.create(tingkat=1, nama="KRAJAN")
    dusun.dusun_id = dusun.pk
    dusun.save()
    kosong = Wilayah.objects.create(tingkat=1, nama="WETAN")
    k = Keluarga.objects.create(no_kk="3201010101010001", wilayah=dusun)
    budi = Penduduk.objects.create(
        nik="3201010101800001", nama="BUDI", jenis_kelamin=1, wilayah=dusun, keluarga=k, shdk=1,
        tempat_lahir="X", tanggal_lahir="1980-01-01", agama=1, status_kawin=1,
        pendidikan_kk=1, pekerjaan=1, warganegara=1, status_dasar=1, status_penduduk=1,
    )  # fmt: skip
    Wilayah.objects.filter(pk=dusun.pk).update(kepala_id=budi.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(SESUDAH)
    baru = executor.loader.project_state(SESUDAH).apps
    KepalaWilayah = baru.get_model("penduduk", "KepalaWilayah")
    assert list(KepalaWilayah.objects.values_list("wilayah_id", "penduduk_id")) == [
        (dusun.pk, budi.pk)
    ]
    assert not KepalaWilayah.objects.filter(wilayah_id=kosong.pk).exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

"""Two operators entering the same post at the same moment (PostgreSQL row locks)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from perangkat import services
from perangkat.models import Pengangkatan
from tests.conftest import perlu_layanan
from tests.factories import PerangkatFactory, buat_jabatan_bawaan


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_kepala_desa_definitif_bersamaan_hanya_satu_tersimpan(buat_staf):
    if connection.vendor != "postgresql":
        perlu_layanan("Uji kunci baris butuh PostgreSQL (DATABASE_URL)")
    jabatan = buat_jabatan_bawaan()["Kepala Desa"]
    operator = buat_staf("Operator", username="operatorsatu")
    orang = [PerangkatFactory(nama="Ahmad"), PerangkatFactory(nama="Budi")]
    mulai = threading.Barrier(2)
    hasil: dict[str, object] = {}

    def angkat(i: int) -> None:
        try:
            mulai.wait(timeout=10)
            services.pengangkatan_create(
                oleh=operator,
                perangkat=orang[i],
                jabatan=jabatan,
                nomor_sk=f"141/Kep.{i}/2025",
                tanggal_sk=datetime.date(2025, 1, 2),
                tmt=datetime.date(2025, 1, 2),
            )
            hasil[orang[i].nama] = "tersimpan"
        except ValidationError as exc:
            hasil[orang[i].nama] = exc.messages
        finally:
            connections.close_all()

    utas = [threading.Thread(target=angkat, args=(i,)) for i in range(2)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=30)
    assert sorted(v == "tersimpan" for v in hasil.values()) == [False, True]
    ditolak = next(v for v in hasil.values() if v != "tersimpan")
    assert "sudah dipegang secara definitif" in ditolak[0]
    assert Pengangkatan.objects.count() == 1

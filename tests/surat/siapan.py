"""Helpers shared by the letter tests (unit, integration, browser): officials in office, a
family, the built-in letter types, and walking a letter through the workflow."""

from __future__ import annotations

from tests import desa_uji
from tests.factories import PerangkatFactory, angkat

NAMA_KADES = "H. Ahmad Fauzi, S.Sos."
NAMA_SEKDES = "Siti Rahmawati, S.E."
NAMA_KASI = "Dedi Kurniawan"


def siapkan_perangkat(oleh) -> dict:
    """Kepala desa (definitive), a sekretaris who signs a.n., a kasi who signs u.b."""
    kades = angkat(
        oleh,
        PerangkatFactory(
            nama="Ahmad Fauzi", gelar_depan="H.", gelar_belakang="S.Sos.", nipd="1001"
        ),
        "Kepala Desa",
    )
    sekdes = angkat(
        oleh,
        PerangkatFactory(nama="Siti Rahmawati", gelar_belakang="S.E.", nip="198001012005012001"),
        "Sekretaris Desa",
        boleh_an=True,
    )
    kasi = angkat(
        oleh, PerangkatFactory(nama="Dedi Kurniawan", nipd="1007"), "Kasi Pelayanan", boleh_ub=True
    )
    return {"kades": kades, "sekdes": sekdes, "kasi": kasi}


def siapkan_keluarga() -> desa_uji.KeluargaBudi:
    """The shared village's Budi family (tests/desa_uji.py): (keluarga, kepala, istri, anak)."""
    return desa_uji.keluarga_budi()


def jenis_bawaan() -> dict:
    from surat.bawaan import pasang_jenis_bawaan
    from surat.models import JenisSurat

    pasang_jenis_bawaan(JenisSurat)
    return {j.slug: j for j in JenisSurat.objects.all()}


def isian_contoh(jenis) -> dict:
    """Valid values for every extra field of a type."""
    nilai = {}
    for f in jenis.isian:
        j = f.get("jenis")
        if j == "tanggal":
            nilai[f["kode"]] = "2024-03-05"
        elif j == "uang":
            nilai[f["kode"]] = "2500000"
        elif j == "angka":
            nilai[f["kode"]] = "3"
        elif j == "pilihan":
            nilai[f["kode"]] = f["pilihan"][0]
        else:
            nilai[f["kode"]] = f"Isi {f['label']}"
    return nilai


def sampai_tanda_tangan(surat, *, operator, sekretaris):
    from surat import services

    services.surat_ajukan(oleh=operator, surat=surat)
    return services.surat_verifikasi(oleh=sekretaris, surat=surat)

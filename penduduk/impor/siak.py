"""Rows of a SIAK export → the same clean values as the OpenSID format.

SIAK writes labels ("Laki-Laki", "Kepala Keluarga", "Tdk Th"), Excel date serials, its status
as text ("Pindah Dalam Negeri"), the dusun inside the address ("DSN JIWET"), and sometimes
invisible characters in NIK / No. KK. Columns SID does not keep are known and skipped
(`kolom.SIAK` maps them to "").
"""

from __future__ import annotations

from penduduk.impor import kolom as K
from penduduk.impor.formats import BarisMentah
from penduduk.impor.nilai import dusun_dari_alamat
from penduduk.impor.opensid import Baris, bersihkan_baris

# OpenSID column → the SIAK header shown in messages.
NAMA_TAMPIL = {tujuan: asal.title() for asal, tujuan in K.SIAK.items() if tujuan}
NAMA_TAMPIL.update({"dusun": "Alamat", "kk_level": "SHDK", "nik": "NIK", "no_kk": "Nomor KK"})


def baca(mentah: BarisMentah) -> Baris:
    nilai = {K.SIAK[k]: v for k, v in mentah.nilai.items() if K.SIAK.get(k)}
    if "alamat" in nilai:
        nilai["dusun"] = dusun_dari_alamat(nilai["alamat"])
    galat = [(K.SIAK.get(k) or k, pesan) for k, pesan in mentah.galat]
    return bersihkan_baris(mentah.nomor, nilai, galat, NAMA_TAMPIL)

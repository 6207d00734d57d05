"""The register: dusun/RW/RT with their heads, families (KK) and residents of every status.

Residents go through the same planning and writing as the Excel import (`penduduk.impor`),
so a row that breaks SID's rules is treated exactly as it would be there (a duplicate NIK
kept as TIDAK VALID under a temporary NIK, a bad date refused with its reason …). The event
history is carried afterwards by `pindah.peta.peristiwa`, so the residents are written as
initial data (no PINDAH MASUK of their own).
"""

from __future__ import annotations

from collections.abc import Iterator

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.impor import formats, tulis
from penduduk.impor.formats import BarisMentah, Lembar
from penduduk.impor.rencana import buat_rencana
from penduduk.models import KepalaWilayah, Penduduk
from penduduk.services.wilayah import wilayah_kepala_atur
from pindah.konteks import Konteks
from pindah.peta import baca
from sid import kode
from sid import services as layanan_sid
from sid.models import IdentitasDesa, Wilayah

NAMA = "Wilayah, keluarga dan penduduk"
TABEL = {"tweb_wil_clusterdesa", "tweb_keluarga", "tweb_penduduk"}
MODEL = [Wilayah, KepalaWilayah, Keluarga, PeristiwaKeluarga, Penduduk]
BOBOT = 14  # share of the progress bar: about 70% of the time at 10,000 residents (bench.pindah)

T = Wilayah.Tingkat
SHDK = kode.SHDK
KOSONG = {"", "0", "-"}
# tweb_penduduk columns read as they are (the OpenSID import format is named after them).
KOLOM_SAMA = (
    "nama", "nik", "sex", "tempatlahir", "tanggallahir", "agama_id", "pendidikan_kk_id",
    "pendidikan_sedang_id", "pekerjaan_id", "status_kawin", "kk_level", "warganegara_id",
    "ayah_nik", "nama_ayah", "ibu_nik", "nama_ibu", "golongan_darah_id", "akta_lahir",
    "dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas", "akta_perkawinan",
    "tanggalperkawinan", "akta_perceraian", "tanggalperceraian", "cacat_id", "cara_kb_id",
    "hamil", "ktp_el", "status_rekam", "alamat_sekarang", "status_dasar", "suku",
    "tag_id_card", "id_asuransi", "no_asuransi",
)  # fmt: skip


# --- wilayah ------------------------------------------------------------------------------


def _klaster(ktx: Konteks) -> dict[int, tuple[str, str, str]]:
    """OpenSID cluster id → (dusun, rw, rt) as written, '-' for a missing level."""
    hasil = {}
    for b in ktx.baris("tweb_wil_clusterdesa"):
        hasil[int(b["id"])] = (
            baca.teks(b.get("dusun")),
            baca.teks(b.get("rw")) or "-",
            baca.teks(b.get("rt")) or "-",
        )
    return hasil


def _wilayah(ktx: Konteks, klaster: dict[int, tuple[str, str, str]]) -> dict[int, Wilayah]:
    """Create the real dusun/RW/RT (OpenSID's placeholder rows '0' / '-' are not areas).
    Returns cluster id → the SID area a resident or family of that cluster lives in."""
    nyata_rw = any(rw not in KOSONG for _d, rw, _rt in klaster.values())
    nyata_rt = any(rt not in KOSONG for _d, _rw, rt in klaster.values())
    desa = IdentitasDesa.ambil()
    if (desa.pakai_rw, desa.pakai_rt) != (nyata_rw, nyata_rt):
        layanan_sid.identitas_desa_update(
            oleh=ktx.oleh, data={"pakai_rw": nyata_rw, "pakai_rt": nyata_rt}
        )
    dusun: dict[str, Wilayah] = {}
    rw: dict[tuple[str, str], Wilayah] = {}
    rt: dict[tuple[str, str, str], Wilayah] = {}
    kepala: dict[int, int] = {}  # SID wilayah pk → OpenSID resident id
    for (d, w, t), _ids in _urut(klaster):
        if not d:
            continue
        if d not in dusun:
            dusun[d] = layanan_sid.wilayah_create(oleh=ktx.oleh, tingkat=T.DUSUN, nama=d)
            ktx.laporan.hitung("Dusun")
        induk = dusun[d]
        if w not in KOSONG:
            if (d, w) not in rw:
                rw[(d, w)] = layanan_sid.wilayah_create(
                    oleh=ktx.oleh, tingkat=T.RW, nama=w, induk=dusun[d]
                )
                ktx.laporan.hitung("RW")
            induk = rw[(d, w)]
        if t not in KOSONG and (d, w, t) not in rt:
            rt[(d, w, t)] = layanan_sid.wilayah_create(
                oleh=ktx.oleh, tingkat=T.RT, nama=t, induk=induk
            )
            ktx.laporan.hitung("RT")
    hasil: dict[int, Wilayah] = {}
    for id_klaster, (d, w, t) in klaster.items():
        if (d, w, t) in rt:
            hasil[id_klaster] = rt[(d, w, t)]
        elif t in KOSONG and w not in KOSONG and (d, w) in rw:
            hasil[id_klaster] = rw[(d, w)]
        elif d in dusun:
            hasil[id_klaster] = dusun[d]
    ktx.peta["tweb_wil_clusterdesa"] = {k: w.pk for k, w in hasil.items()}
    # Heads are linked once the residents exist (`_kepala_wilayah`).
    for b in ktx.baris("tweb_wil_clusterdesa"):
        if b.get("id_kepala"):
            d, w, t = klaster[int(b["id"])]
            area = (
                rt.get((d, w, t))
                if t not in KOSONG
                else (rw.get((d, w)) if w not in KOSONG else dusun.get(d))
            )
            if area is not None:
                kepala[area.pk] = int(b["id_kepala"])
    ktx.peta["_kepala_wilayah"] = kepala
    return hasil


def _urut(klaster):
    """Clusters by name, numbers numerically, so areas are created in a stable order."""

    def kunci(item):
        d, w, t = item[1]
        return (d, w.zfill(5) if w.isdigit() else w, t.zfill(5) if t.isdigit() else t)

    return [((d, w, t), i) for i, (d, w, t) in sorted(klaster.items(), key=kunci)]


# --- residents and families ------------------------------------------------------------------


def _keluarga(ktx: Konteks) -> dict[int, dict]:
    return {int(b["id"]): b for b in ktx.baris("tweb_keluarga")}


def _kepala_tanpa_shdk(ktx: Konteks, keluarga: dict[int, dict]) -> set[int]:
    """Residents OpenSID names as a family's head (`tweb_keluarga.nik_kepala`) in a family where
    nobody has SHDK KEPALA KELUARGA: they are carried as its head."""
    ada_kepala = {
        int(b.get("id_kk") or 0)
        for b in ktx.baris("tweb_penduduk")
        if str(b.get("kk_level") or "") == str(SHDK.KEPALA_KELUARGA)
    }
    return {
        int(k["nik_kepala"])
        for id_kk, k in keluarga.items()
        if id_kk not in ada_kepala and k.get("nik_kepala")
    }


def _nik_bersih(v) -> str:
    return "".join(c for c in baca.teks(v) if c.isdigit())


def _nik_ganda(ktx: Konteks) -> dict[str, int]:
    """NIK used by more than one resident → the OpenSID id that keeps it (the living one
    first, then the oldest record); the others are carried as TIDAK VALID."""
    per_nik: dict[str, list[tuple[bool, int]]] = {}
    for b in ktx.baris("tweb_penduduk"):
        nik = _nik_bersih(b.get("nik"))
        if len(nik) == 16 and nik.strip("0"):
            hidup = str(b.get("status_dasar")) == str(kode.StatusDasar.HIDUP)
            per_nik.setdefault(nik, []).append((not hidup, int(b["id"])))
    return {nik: min(ids)[1] for nik, ids in per_nik.items() if len(ids) > 1}


def _periksa_nik(ktx: Konteks, id_osid: int, nilai: dict, ganda: dict[str, int]) -> None:
    """Nothing is lost for its NIK: a NIK SID cannot accept is replaced by a temporary one
    (the original stays in the report), a NIK another resident also holds makes this record
    TIDAK VALID (as SIAK does) and gives it a temporary NIK."""
    asli = baca.teks(nilai.get("nik"))
    nik = _nik_bersih(asli)
    rujukan = f"tweb_penduduk id {id_osid}"
    if nik in ganda and ganda[nik] != id_osid:
        nilai["status_dasar"] = kode.StatusDasar.TIDAK_VALID
        ktx.laporan.ubah(
            "Penduduk", rujukan,
            f"NIK {nik} juga dipakai tweb_penduduk id {ganda[nik]}: dibawa berstatus TIDAK VALID "
            "dengan NIK sementara.",
        )  # fmt: skip
    elif asli and asli != "0" and (len(nik) != 16 or not nik.strip("0")):
        nilai["nik"] = "0"
        ktx.laporan.ubah(
            "Penduduk", rujukan,
            f"NIK '{asli}' bukan 16 digit angka: dibawa dengan NIK sementara.",
        )  # fmt: skip


def _baris_penduduk(
    ktx: Konteks, klaster: dict[int, tuple[str, str, str]], keluarga: dict[int, dict]
) -> Iterator[BarisMentah]:
    jadi_kepala = _kepala_tanpa_shdk(ktx, keluarga)
    ganda = _nik_ganda(ktx)
    for b in ktx.baris("tweb_penduduk"):
        nilai = {k: baca.nilai(b.get(k)) for k in KOLOM_SAMA}
        _periksa_nik(ktx, int(b["id"]), nilai, ganda)
        if int(b["id"]) in jadi_kepala and b.get("id_kk"):
            ktx.laporan.ubah(
                "Penduduk",
                f"tweb_penduduk id {b['id']}",
                f"Tercatat sebagai kepala KK di OpenSID, tetapi SHDK-nya {b.get('kk_level')} dan KK "
                "itu tidak punya anggota ber-SHDK KEPALA KELUARGA: dibawa sebagai kepala keluarga.",
            )
            nilai["kk_level"] = SHDK.KEPALA_KELUARGA
        kk = keluarga.get(int(b.get("id_kk") or 0))
        if kk is not None:
            nilai["no_kk"] = baca.teks(kk.get("no_kk"))
            nilai["alamat"] = baca.teks(kk.get("alamat"))
        d, w, t = klaster.get(int(b.get("id_cluster") or 0), ("", "-", "-"))
        nilai["dusun"], nilai["rw"], nilai["rt"] = d or None, w, t
        yield BarisMentah(
            nomor=int(b["id"]), nilai={k: v for k, v in nilai.items() if v is not None}
        )


def jalankan(ktx: Konteks) -> None:
    klaster = _klaster(ktx)
    _wilayah(ktx, klaster)
    keluarga = _keluarga(ktx)
    lembar = Lembar(
        format=formats.OPENSID,
        nama="tweb_penduduk",
        judul=["no_kk", "alamat", "dusun", "rw", "rt", *KOLOM_SAMA],
        baris=_baris_penduduk(ktx, klaster, keluarga),
        perkiraan_baris=ktx.gudang.jumlah.get("tweb_penduduk", 0),
    )
    rencana = buat_rencana(
        lembar,
        laporan=lambda n, total: ktx.sebagian(f"{NAMA}: {n} dari {total} diperiksa", n, 2 * total),
    )
    rencana.fase_awal = True  # the history comes from log_penduduk, not from this import
    for b in rencana.ditolak:
        ktx.laporan.tolak(
            "Penduduk", f"tweb_penduduk id {b.nomor}", "; ".join(f"{k}: {p}" for k, p in b.galat)
        )
    for pesan in rencana.peringatan:
        ktx.laporan.catatan.append(pesan)
    if rencana.ada_yang_ditulis:
        ktx.sebagian(f"{NAMA}: menyimpan", 1, 2)
        tulis.tulis(rencana, oleh=ktx.oleh, nama_berkas=ktx.nama_berkas)
    ktx.peta["tweb_penduduk"] = {item.baris.nomor: item.p.pk for item in rencana.baru}
    ktx.laporan.hitung("Penduduk", len(rencana.baru))
    _keluarga_lengkapi(ktx, keluarga)
    _kepala_wilayah(ktx)


def _keluarga_lengkapi(ktx: Konteks, keluarga: dict[int, dict]) -> None:
    """Map OpenSID families to SID's by No. KK and carry what the import format lacks
    (registration date, social class, KK print date); a KK with no resident is reported."""
    per_no = {k.no_kk: k for k in Keluarga.objects.all()}
    diubah = []
    for id_kk, b in keluarga.items():
        k = per_no.get(baca.teks(b.get("no_kk")))
        if k is None:
            ktx.laporan.tolak(
                "Keluarga", f"tweb_keluarga id {id_kk} (KK {baca.teks(b.get('no_kk'))})",
                "KK tanpa anggota yang terbawa: tidak dibuat.",
            )  # fmt: skip
            continue
        ktx.peta["tweb_keluarga"][id_kk] = k.pk
        k.tanggal_terdaftar = baca.tanggal(b.get("tgl_daftar")) or k.tanggal_terdaftar
        k.tanggal_cetak_kk = baca.tanggal(b.get("tgl_cetak_kk"))
        kelas = baca.nilai(b.get("kelas_sosial"))
        k.kelas_sosial = int(kelas) if kelas not in (None, "") else None
        diubah.append(k)
    Keluarga.objects.bulk_update(
        diubah, ["tanggal_terdaftar", "tanggal_cetak_kk", "kelas_sosial"], batch_size=500
    )
    PeristiwaKeluarga.objects.filter(keluarga__in=diubah).delete()  # history: peristiwa.py
    ktx.laporan.hitung("Keluarga", len(diubah))


def _kepala_wilayah(ktx: Konteks) -> None:
    pk_penduduk = ktx.peta["tweb_penduduk"]
    kepala = ktx.peta.pop("_kepala_wilayah", {})
    orang = Penduduk.objects.in_bulk([pk_penduduk[i] for i in kepala.values() if i in pk_penduduk])
    wilayah = Wilayah.objects.in_bulk(list(kepala))
    for wilayah_pk, id_osid in kepala.items():
        p = orang.get(pk_penduduk.get(id_osid))
        if p is None or not p.hidup:
            ktx.laporan.ubah(
                "Kepala wilayah", f"tweb_wil_clusterdesa wilayah {wilayah_pk}",
                "Kepala wilayah bukan penduduk hidup yang terbawa: hanya nama yang tersimpan.",
            )  # fmt: skip
            continue
        wilayah_kepala_atur(oleh=ktx.oleh, wilayah=wilayah[wilayah_pk], penduduk=p)
        ktx.laporan.hitung("Kepala wilayah")

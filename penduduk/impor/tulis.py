"""Writing an accepted plan: bulk inserts and updates, each record with its audit entry.

Runs inside the caller's transaction (all or nothing). Wilayah are created through
`sid.services.wilayah_create` (there are few); residents, families, events and audit entries
are written with bulk_create in batches, after the same rules the register's services apply
were checked by the plan (rencana.py, validasi.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk import validasi
from penduduk.impor import kolom as K
from penduduk.impor.nilai import TANPA_TINGKAT, kunci_wilayah, nama_wilayah_baru
from penduduk.impor.rencana import Rencana, kunci_tempat
from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.lib import konteks
from sid.lib.audit import _nilai, nama_pelaku
from sid.lib.db import sisip_massal
from sid.models import IdentitasDesa, LogAktivitas, Wilayah
from sid.services import identitas_desa_update, kunci_dusun, periksa_susunan_dusun

S = kode.StatusDasar
BATCH = 1000
ABAIKAN_AUDIT = {"id", "dibuat", "diperbarui"}


class Potret:
    """sid.lib.audit.potret for many objects: the choice tables are built once."""

    def __init__(self, model):
        self.fields = [
            (f.name, f.attname, f.is_relation, dict(f.flatchoices) if f.choices else None)
            for f in model._meta.concrete_fields
            if f.name not in ABAIKAN_AUDIT
            # as sid.lib.audit.potret: the entry already names the row
            and not (f.primary_key or isinstance(f, models.UUIDField))
        ]
        # str() of related rows by (field, key): thousands of residents share a few hundred
        # families' wilayah, and Wilayah.__str__ builds the full path each time.
        self._teks_relasi: dict[tuple[str, Any], str] = {}

    def __call__(self, obj, fields=None) -> dict[str, Any]:
        hasil = {}
        for name, attname, relasi, pilihan in self.fields:
            if fields is not None and name not in fields:
                continue
            if relasi:
                kunci = (name, getattr(obj, attname))
                if kunci[1] is not None and kunci in self._teks_relasi:
                    hasil[name] = self._teks_relasi[kunci]
                    continue
                v = getattr(obj, name)
                hasil[name] = str(v) if v is not None else None
                if kunci[1] is not None and v is not None:
                    self._teks_relasi[kunci] = hasil[name]
                continue
            v = getattr(obj, attname)
            if pilihan is not None and v not in (None, ""):
                v = f"{v} {pilihan.get(v, '')}".strip()
            hasil[name] = v if v is None or type(v) in (str, int, bool) else _nilai(v)
        return hasil


class _Log:
    """Audit entries collected and written in batches."""

    def __init__(self, oleh, keterangan: str):
        self.user = oleh if getattr(oleh, "is_authenticated", False) and oleh.pk else None
        self.pelaku = nama_pelaku(oleh)[:150]
        self.ip = konteks.ip_sekarang()
        self.keterangan = keterangan
        self.entri: list[LogAktivitas] = []
        self.ct = {m: ContentType.objects.get_for_model(m) for m in (Penduduk, Keluarga, Wilayah)}

    def tambah(self, aksi: str, obj, perubahan: dict, keterangan: str) -> None:
        self.entri.append(
            LogAktivitas(
                pengguna=self.user,
                pelaku=self.pelaku,
                ip=self.ip,
                aksi=aksi,
                content_type=self.ct[type(obj)],
                object_id=str(obj.pk),
                objek=str(obj)[:255],
                perubahan=perubahan,
                keterangan=keterangan,
            )
        )
        if len(self.entri) >= BATCH:
            self.tulis()

    def tulis(self) -> None:
        sisip_massal(LogAktivitas, self.entri, batch_size=BATCH)
        self.entri.clear()


def _wilayah(rencana: Rencana, log: _Log, ket: str) -> dict[tuple, Wilayah]:
    """The lowest-level wilayah of every new family, created where missing (level by level,
    in bulk, each with its audit entry). The plan already checked the village's levels."""

    T = Wilayah.Tingkat
    # The dusun that get new RWs/RTs are locked, and checked after writing: one dusun uses RW
    # for all its RTs or for none (another screen may have added one since the plan was made).
    disebut = {kunci[0] for kunci in rencana.wilayah}
    kunci_dusun(
        w.pk
        for w in Wilayah.objects.filter(tingkat=T.DUSUN).only("pk", "nama")
        if kunci_wilayah(w.nama) in disebut
    )
    semua = list(Wilayah.objects.select_related("dusun", "rw"))
    dusun = {kunci_wilayah(w.nama): w for w in semua if w.tingkat == T.DUSUN}
    anak = {(w.induk_id, kunci_wilayah(w.nama)): w for w in semua if w.induk_id}
    potret = Potret(Wilayah)

    def buat(baru: list[Wilayah]) -> None:
        Wilayah.objects.bulk_create(baru, batch_size=BATCH)

    baru_d = {}
    for kunci, (nama, _lama) in rencana.wilayah.items():
        if kunci[0] not in dusun and kunci[0] not in baru_d:
            baru_d[kunci[0]] = Wilayah(tingkat=T.DUSUN, nama=nama[0])
    buat(list(baru_d.values()))
    for w in baru_d.values():
        w.dusun = w
    Wilayah.objects.bulk_update(list(baru_d.values()), ["dusun"], batch_size=BATCH)
    dusun.update(baru_d)
    dibuat = list(baru_d.values())
    for i, tingkat in ((1, T.RW), (2, T.RT)):
        baru_l: dict[tuple, Wilayah] = {}
        for kunci, (nama, _lama) in rencana.wilayah.items():
            if nama[i] == TANPA_TINGKAT:
                continue
            induk = _induk(kunci, i, dusun, anak)
            if (induk.pk, kunci[i]) in anak or (induk.pk, kunci[i]) in baru_l:
                continue
            w = Wilayah(tingkat=tingkat, nama=nama_wilayah_baru(nama[i]), induk=induk)
            w.dusun = dusun[kunci[0]]
            w.rw = induk if induk.tingkat == T.RW else None
            baru_l[(induk.pk, kunci[i])] = w
        buat(list(baru_l.values()))
        if tingkat == T.RW:
            for w in baru_l.values():
                w.rw = w
            Wilayah.objects.bulk_update(list(baru_l.values()), ["rw"], batch_size=BATCH)
        anak.update(baru_l)
        dibuat.extend(baru_l.values())
    periksa_susunan_dusun({w.dusun_id for w in dibuat})
    for w in dibuat:
        log.tambah("buat", w, _isi(potret(w)), f"{ket}.")
    hasil = {}
    for kunci, (nama, _lama) in rencana.wilayah.items():
        w = dusun[kunci[0]]
        for i in (1, 2):
            if nama[i] != TANPA_TINGKAT:
                w = anak[(w.pk, kunci[i])]
        hasil[kunci] = w
    return hasil


def _induk(kunci: tuple, i: int, dusun: dict, anak: dict) -> Wilayah:
    """The parent of level i (1 = RW, 2 = RT) on a path: the RW if the path has one."""
    induk = dusun[kunci[0]]
    if i == 2 and kunci[1] != TANPA_TINGKAT:
        induk = anak[(induk.pk, kunci[1])]
    return induk


def _nik_sementara(rencana: Rencana, desa: IdentitasDesa) -> None:
    perlu = [i for i in rencana.baru if i.p.nik == "0"]
    if not perlu:
        return
    nik = validasi.nik_sementara_berikutnya(desa.kode_desa)
    nomor = int(nik[-5:])
    if nomor + len(perlu) - 1 > 99999:
        raise ValidationError("Nomor NIK sementara desa ini tidak cukup untuk berkas ini.")
    for i, item in enumerate(perlu):
        item.p.nik = f"0{desa.kode_desa}{nomor + i:05d}"


def tulis(rencana: Rencana, *, oleh, nama_berkas: str) -> None:
    """Write the plan. Call inside transaction.atomic()."""

    desa = IdentitasDesa.objects.select_for_update().get(pk=IdentitasDesa.ambil().pk)
    if rencana.tingkat_baru:
        desa = identitas_desa_update(oleh=oleh, data=dict(rencana.tingkat_baru))
    sekarang = timezone.now()
    user = oleh if getattr(oleh, "pk", None) else None
    log = _Log(oleh, nama_berkas)
    potret_p, potret_k = Potret(Penduduk), Potret(Keluarga)
    ket = f"Impor berkas {nama_berkas}"

    # Families (and their wilayah) for new KKs.
    wilayah = _wilayah(rencana, log, ket)
    keluarga: dict[str, Keluarga] = dict(rencana.keluarga_ada)
    baru_kk = []
    for no_kk, kb in rencana.keluarga_baru.items():
        w = wilayah[kunci_tempat(_tempat(kb.kepala))]
        k = Keluarga(
            no_kk=no_kk,
            alamat=kb.kepala.nilai.get("alamat", ""),
            wilayah=w,
            tanggal_terdaftar=rencana.tanggal,
            aktif=any(i.p.status_dasar == S.HIDUP for i in kb.anggota),
        )
        keluarga[no_kk] = k
        baru_kk.append(k)
    sisip_massal(Keluarga, baru_kk, batch_size=BATCH)
    jenis_kk = (
        kode.JenisPeristiwaKeluarga.KELUARGA_BARU
        if rencana.fase_awal
        else kode.JenisPeristiwaKeluarga.KELUARGA_BARU_DATANG
    )
    sisip_massal(
        PeristiwaKeluarga,
        [
            PeristiwaKeluarga(
                keluarga=k,
                jenis=jenis_kk,
                tanggal=k.tanggal_terdaftar,
                catatan=ket,
                dibuat_oleh=user,
            )
            for k in baru_kk
        ],
        batch_size=BATCH,
    )
    for k in baru_kk:
        log.tambah("buat", k, _isi(potret_k(k)), f"{ket}.")

    # Residents.
    _nik_sementara(rencana, desa)
    kepala_nama = _nama_kepala(rencana, keluarga)
    objek = []
    for item in rencana.baru:
        p = item.p
        p.keluarga = keluarga[item.no_kk]
        p.wilayah = p.keluarga.wilayah
        if item.baris.nik_asli:
            p.catatan = f"NIK di berkas impor: {item.baris.nik_asli} (TIDAK VALID, NIK ganda)."
        objek.append(p)
    sisip_massal(Penduduk, objek, batch_size=BATCH)
    if not rencana.fase_awal:
        sisip_massal(
            Peristiwa,
            [
                Peristiwa(
                    penduduk=item.p,
                    jenis=kode.JenisPeristiwa.PINDAH_MASUK,
                    tanggal_peristiwa=item.baris.nilai["tanggal_peristiwa"],
                    tanggal_lapor=item.baris.nilai["tanggal_lapor"],
                    keluarga=item.p.keluarga,
                    no_kk=item.no_kk,
                    nama_kepala_keluarga=kepala_nama.get(item.no_kk, ""),
                    shdk_sebelum=item.p.shdk,
                    catatan=ket,
                    dibuat_oleh=user,
                )
                for item in rencana.baru
            ],
            batch_size=BATCH,
        )
    for item in rencana.baru:
        keterangan = f"{ket}, baris {item.baris.nomor}" + (
            "." if rencana.fase_awal else "; pindah masuk."
        )
        log.tambah("buat", item.p, _isi(potret_p(item.p)), keterangan)

    # Updates.
    kolom_field = {k.nama: k.atribut for k in K.KOLOM if k.atribut}
    fields: set[str] = set()
    diubah, kk_diubah = [], []
    for ubah in rencana.ubah:
        nama_field = [kolom_field[k] for k, _l, _b in ubah.kolom if k in kolom_field]
        if nama_field:
            sebelum = {f: _nilai_potret(potret_p, f, v) for f, v in ubah.sebelum.items()}
            sesudah = potret_p(ubah.p, nama_field)
            ubah.p.diperbarui = sekarang
            fields.update(nama_field)
            diubah.append(ubah.p)
            perubahan = {f: [sebelum.get(f), sesudah[f]] for f in nama_field}
            log.tambah("ubah", ubah.p, perubahan, f"{ket}, baris {ubah.baris.nomor}.")
        if ubah.alamat_keluarga is not None:
            k = ubah.p.keluarga
            perubahan = {"alamat": [k.alamat, ubah.alamat_keluarga]}
            k.alamat, k.diperbarui = ubah.alamat_keluarga, sekarang
            kk_diubah.append(k)
            log.tambah("ubah", k, perubahan, f"{ket}, baris {ubah.baris.nomor}.")
    if diubah:
        Penduduk.objects.bulk_update(diubah, [*sorted(fields), "diperbarui"], batch_size=500)
    if kk_diubah:
        Keluarga.objects.bulk_update(kk_diubah, ["alamat", "diperbarui"], batch_size=500)
    log.tulis()


def _tempat(b) -> tuple[str, str, str]:
    return (b.nilai.get("dusun"), b.nilai.get("rw"), b.nilai.get("rt"))


def _isi(potret: dict) -> dict:
    return {k: [None, v] for k, v in potret.items() if v not in (None, "")}


def _nilai_potret(potret: Potret, nama_field: str, lama) -> Any:
    """The old value as the audit log writes values ('2 PEREMPUAN', ISO dates)."""
    for name, _attname, _rel, pilihan in potret.fields:
        if name == nama_field:
            if pilihan is not None and lama not in (None, ""):
                return f"{lama} {pilihan.get(lama, '')}".strip()
            return _nilai(lama)
    return _nilai(lama)


def _nama_kepala(rencana: Rencana, keluarga: dict[str, Keluarga]) -> dict[str, str]:
    """The living head's name of every family a new resident joins (for the event record)."""
    hasil = {}
    for no_kk, kb in rencana.keluarga_baru.items():
        if kb.kepala.nilai.get("status_dasar", S.HIDUP) == S.HIDUP:
            hasil[no_kk] = kb.kepala.nilai.get("nama", "")
    ada = [k.pk for no_kk, k in keluarga.items() if no_kk in rencana.keluarga_ada]
    for no_kk, nama in (
        Penduduk.objects.hidup()
        .filter(keluarga_id__in=ada, shdk=kode.SHDK.KEPALA_KELUARGA)
        .values_list("keluarga__no_kk", "nama")
    ):
        hasil[no_kk] = nama
    for item in rencana.baru:
        if item.p.shdk == kode.SHDK.KEPALA_KELUARGA and item.p.status_dasar == S.HIDUP:
            hasil.setdefault(item.no_kk, item.p.nama)
    return hasil

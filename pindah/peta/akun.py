"""Accounts and complaints: staff users (`user` + `user_grup`) with their roles and passwords,
Layanan Mandiri accounts (`tweb_penduduk_mandiri`) with their PINs, and complaints with their
answers (`pengaduan`).

Nobody has to be given a new password or PIN: the hashes OpenSID stored are kept in the form
of two extra hashers (`sid.hasher`, `mandiri.hasher`) that accept them once; the first
successful login stores the password or PIN again with SID's own hasher.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.utils import timezone

from mandiri.hasher import HasherPinOpenSID
from mandiri.models import AkunMandiri, BalasanPengaduan, Pengaduan
from mandiri.services.akun import periksa_penduduk_akun
from mandiri.services.berkas import bersihkan_foto
from penduduk.models import Penduduk
from pindah.konteks import Konteks
from pindah.peta import baca
from sid import peran
from sid.hasher import POLA_BCRYPT, HasherSandiOpenSID, cocok_bcrypt_php
from sid.lib.audit import catat_aktivitas

User = get_user_model()

NAMA = "Akun pengguna dan pengaduan"
TABEL = {"user", "user_grup", "tweb_penduduk_mandiri", "pengaduan"}
MODEL = [User, AkunMandiri, Pengaduan, BalasanPengaduan]

STAF, MANDIRI = "Akun staf", "Akun Layanan Mandiri"
PENGADUAN, BALASAN = "Pengaduan", "Balasan pengaduan"
# OpenSID's built-in groups (user_grup, jenis 1) → SID roles. Other groups have no match.
PERAN_GRUP = {
    1: peran.ADMINISTRATOR,
    2: peran.OPERATOR,
    3: peran.REDAKSI,
    4: peran.KONTRIBUTOR,
}
# pengaduan.status: 1 menunggu proses, 2 sedang diproses, 3 selesai diproses
STATUS_PENGADUAN = {
    1: Pengaduan.Status.MENUNGGU,
    2: Pengaduan.Status.DIPROSES,
    3: Pengaduan.Status.SELESAI,
}
POLA_MD5 = re.compile(r"^[0-9a-f]{32}$")
# The password a new OpenSID comes with: an account still using it is carried without one.
SANDI_BAWAAN_OPENSID = "sid304"
BATCH = 2000


def _int(v, bawaan: int = 0) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return bawaan


def _pengguna(ktx: Konteks):
    return ktx.oleh if getattr(ktx.oleh, "is_authenticated", False) else None


def jalankan(ktx: Konteks) -> None:
    _staf(ktx)
    _akun_mandiri(ktx)
    _pengaduan(ktx)


# --- staff ----------------------------------------------------------------------------------


def _galat_username(username: str) -> str | None:
    if not username:
        return "Nama pengguna kosong."
    if len(username) > 150:
        return "Nama pengguna lebih dari 150 karakter."
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        return (
            f"Nama pengguna '{username}' memuat karakter yang tidak diterima SID (hanya huruf, "
            "angka dan @ . + - _)."
        )
    return None


def _staf(ktx: Konteks) -> None:
    nama_grup = {_int(b.get("id")): baca.teks(b.get("nama")) for b in ktx.baris("user_grup")}
    grup_sid = {g.name: g for g in Group.objects.filter(name__in=PERAN_GRUP.values())}
    dipakai = {u.lower() for u in User.objects.values_list("username", flat=True)}
    for b in ktx.baris("user"):
        username = baca.teks(b.get("username"))
        rujukan = f"user id {b.get('id')} ({username or '-'})"
        galat = _galat_username(username)
        if galat is None and username.lower() in dipakai:
            galat = (
                f"Nama pengguna '{username}' sudah dipakai akun di SID; akun OpenSID ini tidak "
                "dibawa. Bila orangnya masih bertugas, buatkan akun dengan nama lain di SID."
            )
        if galat:
            ktx.laporan.tolak(STAF, rujukan, galat)
            continue
        u = User(
            username=username,
            first_name=baca.teks(b.get("nama"))[:150],
            is_staff=True,  # every SID account is a back-office account
            is_active=_int(b.get("active")) == 1,
            last_login=baca.saat(b.get("last_login")),
        )
        email = baca.teks(b.get("email"))
        try:
            if email:
                validate_email(email)
            u.email = email
        except ValidationError:
            ktx.laporan.ubah(STAF, rujukan, f"Email '{email}' tidak sah: dikosongkan.")
        sandi = baca.teks(b.get("password"))
        if not POLA_BCRYPT.match(sandi):
            u.set_unusable_password()
            ktx.laporan.ubah(
                STAF, rujukan,
                "Kata sandi OpenSID tersimpan dalam bentuk yang tidak dikenali: akun dibawa tanpa "
                "kata sandi; atur kata sandi barunya di Pengguna → Ubah kata sandi.",
            )  # fmt: skip
        elif cocok_bcrypt_php(SANDI_BAWAAN_OPENSID, sandi):
            u.set_unusable_password()
            ktx.laporan.ubah(
                STAF, rujukan,
                f"Kata sandinya masih bawaan OpenSID ({SANDI_BAWAAN_OPENSID}), yang diketahui "
                "umum: akun dibawa tanpa kata sandi; atur kata sandi barunya di Pengguna → Ubah "
                "kata sandi.",
            )  # fmt: skip
        else:
            u.password = f"{HasherSandiOpenSID.algorithm}${sandi}"
        id_grup = _int(b.get("id_grup"))
        grup = nama_grup.get(id_grup) or f"id {id_grup}"
        peran_sid = grup_sid.get(PERAN_GRUP.get(id_grup, ""))
        if peran_sid is None:
            ktx.laporan.ubah(
                STAF, rujukan,
                f"Grup OpenSID '{grup}' tidak ada padanannya di SID: akun dibawa tanpa peran; "
                "pilih perannya di Pengguna.",
            )  # fmt: skip
        u.save()
        if peran_sid is not None:
            u.groups.add(peran_sid)
        dipakai.add(username.lower())
        catat_aktivitas(
            oleh=ktx.oleh,
            aksi="impor",
            objek=u,
            keterangan=(
                f"Akun staf dibawa dari OpenSID (grup {grup}, peran "
                f"{peran_sid.name if peran_sid else '-'}). Kata sandi lama berlaku sampai login "
                "pertama, lalu disimpan ulang dengan hash SID."
            ),
        )
        ktx.laporan.hitung(STAF)


# --- Layanan Mandiri accounts ---------------------------------------------------------------


def _akun_mandiri(ktx: Konteks) -> None:
    pk_penduduk = ktx.peta["tweb_penduduk"]
    baris = list(ktx.baris("tweb_penduduk_mandiri"))
    pks = {pk_penduduk.get(_int(b.get("id_pend"))) for b in baris} - {None}
    penduduk = {
        p.pk: p
        for p in Penduduk.objects.filter(pk__in=pks).only("pk", "nama", "nik", "status_dasar")
    }
    oleh = _pengguna(ktx)
    antre: list[AkunMandiri] = []
    sudah_ganti = 0
    for b in baris:
        rujukan = f"tweb_penduduk_mandiri id_pend {b.get('id_pend')}"
        p = penduduk.get(pk_penduduk.get(_int(b.get("id_pend"))))
        if p is None:
            ktx.laporan.tolak(MANDIRI, rujukan, "Penduduknya tidak terbawa.")
            continue
        rujukan = f"{rujukan} ({p.nama})"
        try:
            periksa_penduduk_akun(p)
        except ValidationError as exc:
            ktx.laporan.tolak(MANDIRI, rujukan, " ".join(exc.messages))
            continue
        pin = baca.teks(b.get("pin")).lower()
        if not POLA_MD5.match(pin):
            ktx.laporan.tolak(
                MANDIRI, rujukan,
                "PIN OpenSID tersimpan dalam bentuk yang tidak dikenali; buat akun baru untuk "
                "warga ini di Layanan Mandiri → Akun.",
            )  # fmt: skip
            continue
        aktif = _int(b.get("aktif"), 1) != 0
        sudah_ganti += _int(b.get("ganti_pin"), 1) == 0
        antre.append(
            AkunMandiri(
                penduduk_id=p.pk,
                pin=f"{HasherPinOpenSID.algorithm}${pin}",
                aktif=aktif,
                alasan_nonaktif="" if aktif else "Nonaktif di OpenSID.",
                # Always: OpenSID's PIN hash is in every copy of its backup and is cheap to
                # reverse, so a PIN carried from it is not a secret any more.
                wajib_ganti_pin=True,
                terakhir_masuk=baca.saat(b.get("last_login")),
                dibuat=baca.saat(b.get("tanggal_buat")) or timezone.now(),
                dibuat_oleh=oleh,
            )
        )
    AkunMandiri.objects.bulk_create(antre, batch_size=BATCH)
    if not antre:
        return
    ktx.laporan.hitung(MANDIRI, len(antre))
    ktx.laporan.catatan.append(
        f"{len(antre)} akun Layanan Mandiri dibawa: warga masuk dengan NIK dan PIN lamanya; "
        "saat login pertama PIN disimpan ulang dengan hash SID dan warga diminta memilih PIN "
        "baru"
        + (
            f" (juga {sudah_ganti} warga yang sudah mengganti PIN di OpenSID, karena PIN OpenSID "
            "dapat dibaca kembali dari berkas cadangannya)."
            if sudah_ganti
            else "."
        )
    )
    catat_aktivitas(
        oleh=ktx.oleh,
        aksi="impor",
        keterangan=(
            f"{len(antre)} akun Layanan Mandiri dibawa dari OpenSID dengan PIN lama (berlaku "
            "sampai login pertama; warga wajib mengganti PIN)."
        ),
    )


# --- complaints -----------------------------------------------------------------------------


def _judul(b: dict, rujukan: str, ktx: Konteks) -> str:
    judul = " ".join(baca.teks(b.get("judul")).split())
    if not judul:
        judul = " ".join(baca.teks(b.get("isi")).split())[:60]
        ktx.laporan.ubah(PENGADUAN, rujukan, "Judul kosong: diisi awal isi pengaduan.")
    if len(judul) > 150:
        ktx.laporan.ubah(PENGADUAN, rujukan, "Judul lebih dari 150 karakter: dipotong.")
    return judul[:150]


def _foto(ktx: Konteks, p: Pengaduan, b: dict, rujukan: str) -> None:
    nama = baca.teks(b.get("foto"))
    if not nama:
        return
    isi = ktx.berkas_folder(f"upload/pengaduan/{nama}")
    if isi is None:
        ktx.laporan.ubah(
            PENGADUAN, rujukan,
            f"Foto {nama} tidak ada di cadangan folder desa: pengaduan dibawa tanpa foto.",
        )  # fmt: skip
        return
    try:
        bersih = bersihkan_foto(ContentFile(isi, name=nama))
    except ValidationError:
        ktx.laporan.ubah(
            PENGADUAN, rujukan,
            f"Foto {nama} bukan gambar JPG/PNG yang dapat dibaca: pengaduan dibawa tanpa foto.",
        )  # fmt: skip
        return
    p.foto.name = ktx.simpan_berkas(
        p.foto.storage, f"mandiri/pengaduan/{p.dibuat:%Y/%m}/{bersih.name}", bersih.read()
    )


def _pengaduan(ktx: Konteks) -> None:
    baris = list(ktx.baris("pengaduan"))
    induk = [b for b in baris if not _int(b.get("id_pengaduan"))]
    nik = {baca.teks(b.get("nik")) for b in induk} - {""}
    penduduk = {p.nik: p for p in Penduduk.objects.filter(nik__in=nik).only("pk", "nik", "nama")}
    dibawa: dict[int, Pengaduan] = {}
    for b in induk:
        pengirim_ditulis = baca.teks(b.get("nama")) or "-"
        rujukan = (
            f"pengaduan id {b.get('id')} ({pengirim_ditulis}: {baca.teks(b.get('judul'))[:60]})"
        )
        nik_b = baca.teks(b.get("nik"))
        pengirim = penduduk.get(nik_b)
        if pengirim is None:
            ktx.laporan.tolak(
                PENGADUAN, rujukan,
                (
                    f"NIK pengirim {nik_b} tidak ada di register yang dibawa"
                    if nik_b else "Dikirim tanpa NIK lewat formulir publik OpenSID"
                )
                + "; pengaduan di SID selalu milik warga yang terdaftar (dikirim lewat Layanan "
                "Mandiri), jadi tidak dibawa.",
            )  # fmt: skip
            continue
        isi = baca.teks(b.get("isi"))
        if not isi:
            ktx.laporan.tolak(PENGADUAN, rujukan, "Isi pengaduan kosong.")
            continue
        status = STATUS_PENGADUAN.get(_int(b.get("status")))
        if status is None:
            ktx.laporan.ubah(
                PENGADUAN, rujukan,
                f"Status {b.get('status')} tidak dikenal: dibawa sebagai Menunggu.",
            )  # fmt: skip
            status = Pengaduan.Status.MENUNGGU
        dibuat = baca.saat(b.get("created_at")) or timezone.now()
        p = Pengaduan(
            penduduk=pengirim,
            jenis=Pengaduan.Jenis.PENGADUAN,  # OpenSID does not tell complaints from aspirations
            judul=_judul(b, rujukan, ktx),
            isi=isi,
            status=status,
            dibuat=dibuat,
        )
        if status == Pengaduan.Status.SELESAI:
            p.diselesaikan_pada = baca.saat(b.get("updated_at")) or dibuat
        _foto(ktx, p, b, rujukan)
        p.save()
        dibawa[_int(b.get("id"))] = p
    balasan = []
    for b in baris:
        id_induk = _int(b.get("id_pengaduan"))
        if not id_induk:
            continue
        rujukan = f"pengaduan id {b.get('id')} (balasan untuk id {id_induk})"
        p = dibawa.get(id_induk)
        isi = baca.teks(b.get("isi"))
        if p is None or not isi:
            alasan = "Pengaduannya tidak dibawa." if p is None else "Isi balasan kosong."
            ktx.laporan.tolak(BALASAN, rujukan, alasan)
            continue
        dari_warga = baca.teks(b.get("nik")) == p.penduduk.nik
        balasan.append(
            BalasanPengaduan(
                pengaduan=p,
                isi=isi,
                dari_warga=dari_warga,
                # As SID signs the village's replies in the portal; staff names stay inside.
                nama_pengirim=p.penduduk.nama[:150] if dari_warga else "Pemerintah Desa",
                dibuat=baca.saat(b.get("created_at")) or timezone.now(),
            )
        )
    BalasanPengaduan.objects.bulk_create(balasan, batch_size=BATCH)
    if dibawa:
        ktx.laporan.hitung(PENGADUAN, len(dibawa))
    if balasan:
        ktx.laporan.hitung(BALASAN, len(balasan))
    if dibawa or balasan:
        catat_aktivitas(
            oleh=ktx.oleh,
            aksi="impor",
            keterangan=f"{len(dibawa)} pengaduan dan {len(balasan)} balasan dibawa dari OpenSID.",
        )

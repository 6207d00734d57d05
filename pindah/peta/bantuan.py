"""Social-assistance programmes: `program` → Program, `program_peserta` → Peserta.

OpenSID's `sasaran` 1 (penduduk) finds the recipient by NIK, 2 (keluarga) by No. KK; 3 (rumah
tangga) and 4 (kelompok) have no register in SID, so those programmes and their recipients are
refused with the reason. The card identity (`kartu_*`) is carried as OpenSID printed it. A
recipient who has since died or moved, or a family no longer active, stays in the programme's
history and is named in the report.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from bantuan import services
from bantuan.impor import DANA, _kunci
from bantuan.models import Peserta, Program, Sasaran, SumberDana
from keluarga.models import Keluarga
from penduduk.models import Penduduk
from pindah.konteks import Konteks
from pindah.peta import baca
from sid import kode
from sid.lib.audit import catat_aktivitas

NAMA = "Program bantuan"
TABEL = {"program", "program_peserta"}
MODEL = [Program, Peserta]

K_PROGRAM, K_PESERTA = "Program bantuan", "Peserta bantuan"
SASARAN_LAIN = {3: "rumah tangga", 4: "kelompok"}
POTONG = 1000


def _digit(v) -> str:
    return "".join(c for c in baca.teks(v) if c.isdigit())


def _sumber_dana(ktx: Konteks, rujukan: str, v) -> int:
    teks = baca.rapi(v)
    k = _kunci(teks)
    if k.isdigit() and int(k) in SumberDana.values:
        return int(k)
    if k in DANA:
        return DANA[k]
    if teks:
        ktx.laporan.ubah(
            K_PROGRAM, rujukan, f"Asal dana “{teks}” tidak dikenal: dicatat Lain-lain (Hibah)."
        )
    return SumberDana.LAIN


def _program(ktx: Konteks) -> tuple[dict[int, Program], dict[int, str]]:
    """OpenSID programme id → SID programme; and id → why a programme was not carried."""
    hasil: dict[int, Program] = {}
    ditolak: dict[int, str] = {}
    nama_ada = {n.lower() for n in Program.objects.values_list("nama", flat=True)}
    for b in ktx.baris("program"):
        id_osid, nama = int(b["id"]), baca.rapi(b.get("nama"))
        rujukan = f"program id {id_osid} ({nama or '-'})"
        sasaran = baca.angka(b.get("sasaran"))
        if sasaran not in Sasaran.values:
            jenis = SASARAN_LAIN.get(sasaran, f"kode {b.get('sasaran')}")
            ditolak[id_osid] = f"Program dengan sasaran {jenis} belum didukung SID."
            ktx.laporan.tolak(K_PROGRAM, rujukan, ditolak[id_osid])
            continue
        if not nama:
            ditolak[id_osid] = "Nama program kosong."
            ktx.laporan.tolak(K_PROGRAM, rujukan, ditolak[id_osid])
            continue
        if len(nama) > 150:
            ktx.laporan.ubah(K_PROGRAM, rujukan, "Nama dipotong menjadi 150 karakter.")
            nama = nama[:150].strip()
        if nama.lower() in nama_ada:
            baru = f"{nama[:135]} (OpenSID {id_osid})"
            ktx.laporan.ubah(K_PROGRAM, rujukan, f"Nama program ganda: dicatat sebagai “{baru}”.")
            nama = baru
        mulai, selesai = baca.tanggal(b.get("sdate")), baca.tanggal(b.get("edate"))
        if mulai and selesai and selesai < mulai:
            ktx.laporan.ubah(
                K_PROGRAM, rujukan,
                f"Tanggal selesai {selesai:%d-%m-%Y} sebelum tanggal mulai {mulai:%d-%m-%Y}: "
                "tanggal selesai dikosongkan.",
            )  # fmt: skip
            selesai = None
        data = {
            "nama": nama,
            "sasaran": sasaran,
            "sumber_dana": _sumber_dana(ktx, rujukan, b.get("asaldana")),
            "tanggal_mulai": mulai,
            "tanggal_selesai": selesai,
            "keterangan": baca.teks(b.get("ndesc")).strip(),
        }
        try:
            hasil[id_osid] = services.program_create(oleh=ktx.oleh, data=data)
        except ValidationError as exc:
            ditolak[id_osid] = " ".join(exc.messages)
            ktx.laporan.tolak(K_PROGRAM, rujukan, ditolak[id_osid])
            continue
        nama_ada.add(nama.lower())
        ktx.laporan.hitung(K_PROGRAM)
    return hasil, ditolak


def _muat(model, kolom: str, nilai: set[str], **pilih) -> dict[str, Any]:
    urut, hasil = sorted(nilai), {}
    for i in range(0, len(urut), POTONG):
        qs = model.objects.filter(**{f"{kolom}__in": urut[i : i + POTONG]})
        for o in qs.select_related(*pilih.get("related", ())):
            hasil[getattr(o, kolom)] = o
    return hasil


def _kartu(ktx: Konteks, rujukan: str, b: dict) -> dict[str, Any]:
    kartu = {
        "kartu_nik": _digit(b.get("kartu_nik")),
        "kartu_nama": baca.rapi(b.get("kartu_nama")),
        "kartu_tempat_lahir": baca.rapi(b.get("kartu_tempat_lahir")),
        "kartu_tanggal_lahir": baca.tanggal(b.get("kartu_tanggal_lahir")),
        "kartu_alamat": baca.rapi(b.get("kartu_alamat")),
    }
    if kartu["kartu_nik"] and len(kartu["kartu_nik"]) != 16:
        ktx.laporan.ubah(
            K_PESERTA, rujukan, f"NIK pada kartu {kartu['kartu_nik']} bukan 16 digit: dikosongkan."
        )
        kartu["kartu_nik"] = ""
    for k, batas in (("kartu_nama", 100), ("kartu_tempat_lahir", 100), ("kartu_alamat", 255)):
        if len(kartu[k]) > batas:
            ktx.laporan.ubah(K_PESERTA, rujukan, f"{k} dipotong menjadi {batas} karakter.")
            kartu[k] = kartu[k][:batas].strip()
    return kartu


def jalankan(ktx: Konteks) -> None:
    program, ditolak = _program(ktx)
    baris = list(ktx.baris("program_peserta"))
    if not baris:
        return
    nik = {_digit(b.get("peserta")) for b in baris} | {_digit(b.get("kartu_nik")) for b in baris}
    penduduk = _muat(Penduduk, "nik", {n for n in nik if len(n) == 16},
                     related=("keluarga", "wilayah__rw", "wilayah__dusun"))  # fmt: skip
    keluarga = _muat(Keluarga, "no_kk", {n for n in nik if len(n) == 16})
    pk_penduduk = ktx.peta["tweb_penduduk"]
    user = ktx.oleh if getattr(ktx.oleh, "is_authenticated", False) else None
    baru: dict[int, list[Peserta]] = {}
    sudah: set[tuple] = set()
    for b in baris:
        id_program = baca.angka(b.get("program_id")) or 0
        rujukan = f"program_peserta id {b['id']} ({baca.rapi(b.get('kartu_nama')) or '-'})"
        prog = program.get(id_program)
        if prog is None:
            alasan = ditolak.get(id_program, f"Program id {id_program} tidak ada di cadangan.")
            ktx.laporan.tolak(K_PESERTA, rujukan, f"Programnya tidak dibawa: {alasan}")
            continue
        nomor = _digit(b.get("peserta"))
        p = k = None
        if prog.sasaran == Sasaran.PENDUDUK:
            p = penduduk.get(nomor)
            if p is None and pk_penduduk.get(baca.angka(b.get("kartu_id_pend"))):
                p = Penduduk.objects.filter(
                    pk=pk_penduduk[baca.angka(b.get("kartu_id_pend"))]
                ).first()
                if p is not None:
                    ktx.laporan.ubah(
                        K_PESERTA, rujukan,
                        f"NIK {nomor} tidak ada di register: dicocokkan lewat penduduk OpenSID "
                        f"(NIK di SID {p.nik}).",
                    )  # fmt: skip
            if p is None:
                ktx.laporan.tolak(K_PESERTA, rujukan, f"NIK {nomor or '-'} tidak ada di register.")
                continue
            kunci, penerima = ("p", p.pk), f"{p.nama} (NIK {p.nik})"
            if p.status_dasar != kode.StatusDasar.HIDUP:
                ktx.laporan.ubah(
                    K_PESERTA, rujukan,
                    f"{p.nama} berstatus {p.get_status_dasar_display()}: tetap dicatat sebagai "
                    "riwayat peserta; keluarkan dari program bila perlu.",
                )  # fmt: skip
        else:
            k = keluarga.get(nomor)
            if k is None:
                ktx.laporan.tolak(K_PESERTA, rujukan, f"No. KK {nomor or '-'} tidak ada di data.")
                continue
            kunci, penerima = ("k", k.pk), f"KK {k.no_kk}"
            if not k.aktif:
                ktx.laporan.ubah(
                    K_PESERTA, rujukan,
                    f"KK {k.no_kk} sudah tidak aktif: tetap dicatat sebagai riwayat peserta.",
                )  # fmt: skip
        if (prog.pk, *kunci) in sudah:
            ktx.laporan.tolak(K_PESERTA, rujukan, f"{penerima} ganda dalam program {prog.nama}.")
            continue
        sudah.add((prog.pk, *kunci))
        kartu = _kartu(ktx, rujukan, b)
        if not all(v not in ("", None) for v in kartu.values()):
            # Empty card fields are taken from the register, as SID's own form does.
            kartu = services._kartu(prog, p, k, kartu)
        nomor_kartu = baca.rapi(b.get("no_id_kartu"))
        if len(nomor_kartu) > 50:
            ktx.laporan.ubah(K_PESERTA, rujukan, "Nomor kartu dipotong menjadi 50 karakter.")
            nomor_kartu = nomor_kartu[:50]
        baru.setdefault(prog.pk, []).append(
            Peserta(
                program=prog,
                penduduk=p,
                keluarga=k,
                nomor_kartu=nomor_kartu,
                dibuat_oleh=user,
                **kartu,
            )  # fmt: skip
        )
    for prog in program.values():
        daftar = baru.get(prog.pk, [])
        if not daftar:
            continue
        Peserta.objects.bulk_create(daftar, batch_size=500)
        catat_aktivitas(
            oleh=ktx.oleh,
            aksi="impor",
            objek=prog,
            perubahan={"peserta": [None, len(daftar)]},
            keterangan=f"Pindah dari OpenSID ({ktx.nama_berkas}): {len(daftar)} peserta.",
        )
        ktx.laporan.hitung(K_PESERTA, len(daftar))
